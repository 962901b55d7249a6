"""The report cache: used while a file is unchanged, never when it is not, never in the way."""

from __future__ import annotations

import os
import stat as stat_module
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MINIMAL, wait_until_settled
from lawgov_cli import cache, load_report


def entries(root: Path) -> list[Path]:
    return sorted((root / "lawgov").glob("*.marshal")) if (root / "lawgov").exists() else []


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled at once (not racy), so they may be cached: those the test writes,
    and the bundled report too, which a fresh install (as in CI) has only just written."""
    monkeypatch.setattr(cache, "SETTLE_NS", 0)


def test_a_loaded_report_is_cached_and_comes_back_equal(cache_home: Path) -> None:
    first = load_report()
    assert len(entries(cache_home)) == 1
    second = load_report()
    assert second == first
    assert second.path == first.path


def test_the_cache_answers_without_parsing(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_report()

    def no_parsing(*args: object) -> None:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr("lawgov_cli.loader.parse_toml", no_parsing)
    assert len(load_report().metrics) == 58


def test_a_changed_file_is_read_again(cache_home: Path, write_report) -> None:
    path = write_report(MINIMAL)
    assert load_report(path).title == "测试报告"
    path.write_text(MINIMAL.replace("测试报告", "新的测试报告"), encoding="utf-8")  # new size too
    assert load_report(path).title == "新的测试报告"


def test_an_invalid_file_is_not_cached(cache_home: Path, write_report) -> None:
    path = write_report(MINIMAL.replace("value = 12", "value = 13"))
    with pytest.raises(Exception, match="reads as 12"):
        load_report(path)
    assert entries(cache_home) == []


def test_a_damaged_entry_is_ignored(cache_home: Path) -> None:
    load_report()
    [entry] = entries(cache_home)
    entry.write_bytes(b"not marshal data")
    assert len(load_report().metrics) == 58


def test_the_cache_can_be_turned_off(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWGOV_NO_CACHE", "1")
    load_report()
    assert entries(cache_home) == []


def test_an_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache directory should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert len(load_report().metrics) == 58


def test_entries_are_keyed_by_the_file_identity(cache_home: Path, write_report) -> None:
    path = write_report(MINIMAL)
    stat = os.stat(path)
    report = load_report(path)
    assert cache.load(str(path), stat) == report
    moved = os.stat_result((*stat[:6], stat.st_size + 1, *stat[7:]))
    assert cache.load(str(path), moved) is None


def test_no_cache_set_to_0_keeps_the_cache(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAWGOV_NO_CACHE", "0")
    load_report()
    assert len(entries(cache_home)) == 1


def test_the_key_holds_the_layout_of_the_classes(write_report) -> None:
    path = write_report(MINIMAL)
    key = cache._key(str(path), os.stat(path))
    assert tuple(cache.Section.__dataclass_fields__) in key[3]


def test_a_file_changed_just_now_is_not_cached(
    cache_home: Path, write_report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Racy timestamps: a same-size rewrite in the same clock tick would keep the key."""
    monkeypatch.setattr(cache, "SETTLE_NS", 2_000_000_000)
    path = write_report(MINIMAL)
    load_report(path)
    assert entries(cache_home) == []
    later = time.time_ns() + 3_000_000_000
    monkeypatch.setattr(cache.time, "time_ns", lambda: later)  # the file has settled since
    load_report(path)
    assert len(entries(cache_home)) == 1


def test_settled_counts_the_change_time_too() -> None:
    """``cp -p`` writes a file, then sets its mtime back: the ctime says it just changed."""
    now = os.stat(".")
    old = now.st_mtime_ns - 3_600_000_000_000
    backdated = os.stat_result((*now[:7], 0, 0, 0), {"st_mtime_ns": old, "st_ctime_ns": 2**62})
    assert not cache.settled(backdated)
    aged = os.stat_result((*now[:7], 0, 0, 0), {"st_mtime_ns": old, "st_ctime_ns": old})
    assert cache.settled(aged)


def write_package(root: Path) -> Path:
    (root / "sub" / "__pycache__").mkdir(parents=True)
    (root / "a.py").write_text("A = 1\n", encoding="utf-8")
    (root / "sub" / "b.py").write_text("B = 1\n", encoding="utf-8")
    return root


def test_the_code_fingerprint_sees_every_module_but_not_bytecode(tmp_path: Path) -> None:
    root = write_package(tmp_path / "pkg")
    before = cache.code_fingerprint(str(root))
    assert [Path(path).name for path, *_ in before] == ["a.py", "b.py"]
    (root / "sub" / "__pycache__" / "b.cpython-311.pyc").write_bytes(b"bytecode")
    (root / "notes.txt").write_text("not code", encoding="utf-8")
    assert cache.code_fingerprint(str(root)) == before
    (root / "sub" / "b.py").write_text("B = 2  # a new rule\n", encoding="utf-8")
    assert cache.code_fingerprint(str(root)) != before


def test_a_change_to_the_code_invalidates_entries(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every commit of an editable install is version 0.1.0: the code itself is in the key."""
    root = write_package(tmp_path / "pkg")
    monkeypatch.setattr(cache, "_PACKAGE_DIR", str(root))
    report = load_report()
    file, stat = report.path, os.stat(report.path)
    assert cache.load(file, stat) == report
    (root / "sub" / "b.py").write_text("B = 2  # a new validation rule\n", encoding="utf-8")
    assert cache.load(file, stat) is None


def test_the_cache_keeps_the_last_entries_stored(
    cache_home: Path, write_report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "KEEP", 2)
    for n in range(4):
        load_report(write_report(MINIMAL, name=f"report-{n}.toml"))
    assert len(entries(cache_home)) == 2


def test_prune_removes_the_oldest_entries_and_nothing_else(tmp_path: Path) -> None:
    names = ["a.marshal", "b.marshal", "c.marshal", "d.marshal.123.tmp", "notes.txt"]
    for age, name in enumerate(names):
        (tmp_path / name).write_bytes(b"")
        os.utime(tmp_path / name, ns=(0, (100 - age) * 1_000_000_000))  # a is the newest
    cache.prune(str(tmp_path), 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.marshal", "b.marshal", "notes.txt"]
    cache.prune(str(tmp_path / "missing"), 2)  # no directory: nothing to do, no error


def test_a_relative_xdg_cache_home_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The XDG spec: a relative path is invalid. It would put a cache in every directory."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative-cache")
    monkeypatch.chdir(tmp_path)
    load_report()
    assert not (tmp_path / "relative-cache").exists()
    assert len(entries(home / ".cache")) == 1


def test_no_home_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "gone"))
    assert len(load_report().metrics) == 58
    assert not (tmp_path / "gone").exists()


def test_the_cache_is_private(cache_home: Path) -> None:
    load_report()
    [entry] = entries(cache_home)
    assert stat_module.S_IMODE((cache_home / "lawgov").stat().st_mode) == 0o700
    assert stat_module.S_IMODE(entry.stat().st_mode) == 0o600


def test_an_open_cache_directory_is_closed_before_use(cache_home: Path) -> None:
    (cache_home / "lawgov").mkdir(parents=True)
    (cache_home / "lawgov").chmod(0o777)
    load_report()
    assert stat_module.S_IMODE((cache_home / "lawgov").stat().st_mode) == 0o700
    assert len(entries(cache_home)) == 1


def test_an_entry_others_can_write_is_not_believed(cache_home: Path) -> None:
    """Whoever can write an entry decides what lawgov answers: only our own private entries
    are read."""
    report = load_report()
    assert report.path is not None
    [entry] = entries(cache_home)
    entry.chmod(0o666)
    assert cache.load(report.path, os.stat(report.path)) is None
    entry.chmod(0o600)
    assert cache.load(report.path, os.stat(report.path)) == report


def test_a_fifo_in_place_of_an_entry_does_not_hang(cache_home: Path) -> None:
    report = load_report()
    assert report.path is not None
    wait_until_settled(Path(report.path))  # or the lawgov started below would not store it
    [entry] = entries(cache_home)
    entry.unlink()
    os.mkfifo(entry)
    loading = subprocess.run(
        [sys.executable, "-c", "import lawgov_cli; print(len(lawgov_cli.load_report().metrics))"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (loading.returncode, loading.stdout) == (0, f"{len(report.metrics)}\n")
    assert cache.load(report.path, os.stat(report.path)) == report  # stored over the FIFO
