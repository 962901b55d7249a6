"""The report cache: used while a file is unchanged, never when it is not, never in the way."""

from __future__ import annotations

import os
import shutil
import stat as stat_module
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MINIMAL, REPORT_TOML, wait_until_settled
from lawgov_cli.storage import report_cache as cache
from lawgov_cli.storage.report_cache import load_report

# How many indicators data/indicators.toml declares, counted without the loader under test.
INDICATORS_IN_FILE = (
    (Path(__file__).parent.parent / "data" / "indicators.toml")
    .read_text("utf-8")
    .count("\n[[indicators]]\n")
)


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

    monkeypatch.setattr("lawgov_cli.core.loading.tomlfile.parse_toml", no_parsing)
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
    key = cache._key(os.path.realpath(path), os.stat(path))
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
    monkeypatch.setattr(cache, "_CODE_DIR", str(root))
    report = load_report()
    file, stat = report.path, os.stat(report.path)
    assert cache.load(file, stat) == report
    (root / "sub" / "b.py").write_text("B = 2  # a new validation rule\n", encoding="utf-8")
    assert cache.load(file, stat) is None


def test_the_cache_keeps_at_most_keep_entries(
    cache_home: Path, write_report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "KEEP", 2)
    monkeypatch.setattr(cache, "IDLE_NS", 0)  # every entry counts as idle: room is made
    for n in range(4):
        load_report(write_report(MINIMAL, name=f"report-{n}.toml"))
    assert len(entries(cache_home)) == 2


def make_files(directory: Path, names_by_age: list[str]) -> None:
    """Files whose mtimes say when they were last used: the first is the newest."""
    for age, name in enumerate(names_by_age):
        (directory / name).write_bytes(b"")
        os.utime(directory / name, ns=(0, (100 - age) * 1_000_000_000))


def room(directory: Path, name: str, keep: int, idle_before_s: int) -> bool:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        return cache.make_room(fd, name, keep, idle_before_s * 1_000_000_000)
    finally:
        os.close(fd)


def test_make_room_removes_the_least_recently_used_idle_entries_and_nothing_else(
    tmp_path: Path,
) -> None:
    make_files(tmp_path, ["a.marshal", "b.marshal", "c.marshal", ".d.marshal.1.tmp", "notes.txt"])
    assert room(tmp_path, "new.marshal", 3, idle_before_s=1000)  # all idle: c goes, a and b stay
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.marshal", "b.marshal", "notes.txt"]


def test_a_full_cache_of_entries_in_use_takes_no_new_entry(tmp_path: Path) -> None:
    """A loop over more reports than the cache holds would replace each entry just before it
    is needed: every run would pay for a store and none would hit."""
    make_files(tmp_path, ["a.marshal", "b.marshal", "c.marshal"])
    assert not room(tmp_path, "new.marshal", 3, idle_before_s=50)  # c was used at 98 s
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.marshal", "b.marshal", "c.marshal"]
    assert room(tmp_path, "a.marshal", 3, idle_before_s=50)  # replacing an entry needs no room


def test_a_hit_marks_the_entry_used(cache_home: Path) -> None:
    report = load_report()
    [entry] = entries(cache_home)
    os.utime(entry, ns=(0, 0))
    assert report.path is not None
    assert cache.load(report.path, os.stat(report.path)) == report
    assert entry.stat().st_mtime_ns > 0


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
    """All through the installed command, on the repository's report: a copied (not editable)
    install has a code fingerprint of its own, so the entries this process would make are not
    the command's."""
    report = str(REPORT_TOML)
    wait_until_settled(Path(report))  # or the lawgov started below would not store it
    assert lawgov("--report", report, "get", "mediation.success-rate").returncode == 0
    [entry] = entries(cache_home)
    entry.unlink()
    os.mkfifo(entry)
    loading = lawgov("--report", report, "get", "mediation.success-rate")
    assert (loading.returncode, loading.stdout) == (0, "97.52\n")
    assert stat_module.S_ISREG(entry.lstat().st_mode)  # stored over the FIFO


def lawgov(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).parent / "lawgov"), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)  # fmt: skip


def test_a_cache_directory_that_is_a_symlink_to_a_file_is_not_touched(cache_home: Path) -> None:
    """As root, a link to /dev/null once made lawgov chmod /dev/null 0700."""
    victim = cache_home.parent / "victim"
    victim.write_text("precious", encoding="utf-8")
    victim.chmod(0o644)
    cache_home.mkdir()
    (cache_home / "lawgov").symlink_to(victim)
    wait_until_settled(Path(load_report().path or ""))
    assert lawgov("get", "mediation.success-rate").returncode == 0
    assert stat_module.S_IMODE(victim.stat().st_mode) == 0o644
    assert victim.read_text(encoding="utf-8") == "precious"


def test_a_cache_directory_that_is_a_symlink_to_a_directory_is_not_used(cache_home: Path) -> None:
    elsewhere = cache_home.parent / "elsewhere"
    elsewhere.mkdir()
    elsewhere.chmod(0o755)
    cache_home.mkdir()
    (cache_home / "lawgov").symlink_to(elsewhere)
    for _ in range(2):
        assert len(load_report().metrics) == 58
    assert list(elsewhere.iterdir()) == []
    assert stat_module.S_IMODE(elsewhere.stat().st_mode) == 0o755


def test_a_cache_directory_owned_by_someone_else_is_not_used(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (cache_home / "lawgov").mkdir(parents=True)
    monkeypatch.setattr(cache.os, "geteuid", lambda: os.getuid() + 1)
    load_report()
    assert entries(cache_home) == []


def test_a_planted_link_at_the_temporary_name_is_never_written_through(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Temporary entries are created exclusively and without following links (O_EXCL |
    O_NOFOLLOW): a link planted where the next one will be made leaves its target alone."""
    victim = cache_home.parent / "victim"
    victim.write_text("precious", encoding="utf-8")
    load_report()
    [entry] = entries(cache_home)
    entry.unlink()
    monkeypatch.setattr(cache.os, "urandom", lambda n: b"\0" * n)  # the next name, known
    planted = cache_home / "lawgov" / f".{entry.name}.{'00' * 6}.tmp"
    planted.symlink_to(victim)
    load_report()
    assert victim.read_text(encoding="utf-8") == "precious"
    assert planted.is_symlink()
    assert entries(cache_home) == []  # not stored, and no error


def test_a_link_in_place_of_an_entry_is_neither_read_nor_written_through(
    cache_home: Path,
) -> None:
    report = load_report()
    assert report.path is not None
    [entry] = entries(cache_home)
    real = entry.with_name("real")
    entry.rename(real)
    entry.symlink_to(real)
    assert cache.load(report.path, os.stat(report.path)) is None  # O_NOFOLLOW
    load_report()  # stores over the link: the link is replaced, not followed
    assert not entry.is_symlink()
    assert real.exists()


def tamper(entry: Path, change) -> None:
    import marshal

    # Sealed again after the change (a CRC that fits): the field checks must still refuse it.
    key, (meta, sections, metrics, checks) = cache._unsealed(marshal.loads(entry.read_bytes()))
    rows = change([meta, sections, metrics, checks])
    entry.write_bytes(marshal.dumps(cache._sealed((key, tuple(rows)))))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda r: [r[0], r[1], [(*r[2][0][:4], 7, *r[2][0][5:]), *r[2][1:]], r[3]],
                     id="unit-an-int"),
        pytest.param(lambda r: [r[0], r[1], [(*r[2][0][:3], True, *r[2][0][4:])], r[3]],
                     id="value-a-bool"),
        pytest.param(lambda r: [r[0], r[1], [r[2][0][:5]], r[3]], id="short-row"),
        pytest.param(lambda r: [(*r[0][:2], "not a date", *r[0][3:]), *r[1:]], id="bad-date"),
        pytest.param(lambda r: [(*r[0][:3], "2024", *r[0][4:]), *r[1:]], id="year-a-string"),
        pytest.param(lambda r: [r[0], tuple(r[1]), r[2], r[3]], id="sections-a-tuple"),
        pytest.param(lambda r: [r[0], r[1], r[2], [(1, 2, 3)]], id="check-ints"),
        # Right types, wrong content: what the loader would refuse in a report file.
        pytest.param(lambda r: [r[0], r[1], [(*r[2][0][:3], 10**5000, *r[2][0][4:])], r[3]],
                     id="value-too-long-to-print"),
        pytest.param(lambda r: [r[0], r[1], [(*r[2][0][:3], float("nan"), *r[2][0][4:])], r[3]],
                     id="value-nan"),
        pytest.param(lambda r: [r[0], r[1], [(*r[2][0][:3], float("inf"), *r[2][0][4:])], r[3]],
                     id="value-inf"),
        pytest.param(lambda r: [("\x1b[31m标题\x07", *r[0][1:]), *r[1:]], id="title-escape"),
        pytest.param(lambda r: [r[0], r[1], [(*r[2][0][:2], "\x1b[2J", *r[2][0][3:])], r[3]],
                     id="label-escape"),
        pytest.param(lambda r: [r[0], r[1], [(*r[2][0][:2], "换\n行", *r[2][0][3:])], r[3]],
                     id="label-line-break"),
        pytest.param(lambda r: [(*r[0][:3], 10**5000, *r[0][4:]), *r[1:]], id="year-huge"),
        pytest.param(lambda r: [(*r[0][:3], 1800, *r[0][4:]), *r[1:]], id="year-out-of-range"),
    ],
)  # fmt: skip
def test_a_tampered_entry_is_discarded(cache_home: Path, change) -> None:
    report = load_report()
    assert report.path is not None
    [entry] = entries(cache_home)
    tamper(entry, change)
    assert cache.load(report.path, os.stat(report.path)) is None
    assert load_report() == report


def test_a_tampered_entry_gives_the_right_answer_from_the_command(cache_home: Path) -> None:
    """Issue 9: a unit stored as a number made `metrics --unit` end in an internal TypeError.
    (The installed command alone writes and reads the entry, as above.)"""
    report = str(REPORT_TOML)
    wait_until_settled(Path(report))
    first = lawgov("--report", report, "metrics", "--unit", "件", "--json")
    assert first.returncode == 0, first.stderr
    [entry] = entries(cache_home)
    tamper(entry, lambda r: [r[0], r[1], [(*m[:4], 7, *m[5:]) for m in r[2]], r[3]])
    again = lawgov("--report", report, "metrics", "--unit", "件", "--json")
    assert (again.returncode, again.stdout, again.stderr) == (0, first.stdout, "")


def test_the_stored_rows_follow_the_schema() -> None:
    """Each stored field is checked by the loader's own rule for it (schema.value_fault)."""
    from lawgov_cli.core.loading.schema import (
        CHECK_FIELDS,
        METRIC_SCHEMA,
        REPORT_FIELDS,
        SECTION_FIELDS,
    )

    assert tuple(METRIC_SCHEMA) == cache._METRIC
    assert set(SECTION_FIELDS) == set(cache._SECTION)
    assert set(CHECK_FIELDS) == set(cache._CHECK)
    assert tuple(REPORT_FIELDS) == cache.HEADER_FIELDS


def test_a_directory_crowded_with_other_files_is_not_tidied_nor_scanned_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 9: 20,000 foreign files made every store scan them all (2.5x slower than no
    cache). More files than CROWDED * keep: nothing is stored, nothing removed, and the look
    stops early."""
    for n in range(30):
        (tmp_path / f"foreign-{n}").write_bytes(b"")
    seen: list[str] = []
    real_scandir = os.scandir

    def counting(fd: int):  # type: ignore[no-untyped-def]
        for entry in real_scandir(fd):
            seen.append(entry.name)
            yield entry

    class Scan:
        def __init__(self, fd: int) -> None:
            self.entries = counting(fd)

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self.entries

        def __exit__(self, *exc: object) -> None:
            pass

    monkeypatch.setattr(cache.os, "scandir", Scan)
    assert not room(tmp_path, "new.marshal", 2, idle_before_s=10**9)  # 30 files > 4 * 2
    assert len(seen) == cache.CROWDED * 2 + 1
    assert len(list(tmp_path.iterdir())) == 30


def test_a_miss_computes_no_key(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No entry for the file: the code's fingerprint (a stat per module) is not taken."""
    report = load_report()
    assert report.path is not None
    for entry in entries(cache_home):
        entry.unlink()

    def no_key(*args: object) -> None:
        raise AssertionError("key computed on a miss")

    monkeypatch.setattr(cache, "_key", no_key)
    assert cache.load(report.path, os.stat(report.path)) is None


def test_a_bit_flipped_in_an_entry_is_found_and_the_file_read_instead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A figure's value changed on disk (876 -> 877) keeps every field's type and range: only
    the entry's CRC tells. The answer must come from the report file, not the damaged entry."""
    import marshal

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = tmp_path / "r.toml"
    shutil.copy(REPORT_TOML, source)
    os.utime(source, ns=(1, 1))  # settled: stored at once
    load_report(str(source))
    [entry] = entries(tmp_path)
    crc, payload = marshal.loads(entry.read_bytes())
    flipped = payload.replace(marshal.dumps(876)[1:], marshal.dumps(877)[1:], 1)
    assert flipped != payload and len(flipped) == len(payload)
    entry.write_bytes(marshal.dumps((crc, flipped)))
    assert cache.load(str(source), os.stat(source)) is None  # damaged: not believed
    figures = {m.id: m.value for m in load_report(str(source)).metrics}
    assert figures["reconsideration.received"] == 876


# -- the parsed indicators file (storage/data_cache.py) ------------------------------------------


@pytest.fixture
def indicators_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped indicators file that storage.data_cache reads, and its memo
    emptied before and after (it keeps one answer per process)."""
    from lawgov_cli.storage import data_cache
    from lawgov_cli.system.package import indicators_file

    copy = tmp_path / "indicators.toml"
    shutil.copyfile(indicators_file(), copy)
    monkeypatch.setattr(data_cache, "indicators_file", lambda: str(copy))
    data_cache.load_indicators.cache_clear()
    yield copy
    data_cache.load_indicators.cache_clear()


def fresh_indicators():  # type: ignore[no-untyped-def]
    from lawgov_cli.storage import data_cache

    data_cache.load_indicators.cache_clear()
    return data_cache.load_indicators()


def no_parsing(*args: object) -> None:
    raise AssertionError("parsed although cached")


def test_the_indicators_file_is_parsed_once_then_read_from_the_cache(
    cache_home: Path, indicators_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lawgov_cli.core.indicators import load_indicators as parsing

    first = fresh_indicators()
    parsed = parsing(str(indicators_copy))
    report = load_report()
    assert len(entries(cache_home)) == 2  # the indicators' entry and the report's
    monkeypatch.setattr("lawgov_cli.core.loading.tomlfile.parse_toml", no_parsing)
    second = fresh_indicators()
    assert [i.id for i in second.items] == [i.id for i in first.items]
    assert second.equivalents == first.equivalents == parsed.equivalents
    assert len(second.items) == INDICATORS_IN_FILE
    # The same rules: each figure of the bundled report gets the same indicator either way.
    assert [second.indicator_for(m) for m in report.metrics] == [
        first.indicator_for(m) for m in report.metrics
    ]


def test_a_changed_indicators_file_is_parsed_again(cache_home: Path, indicators_copy: Path) -> None:
    assert fresh_indicators().by_id["reconsideration.received"].name == "新收行政复议案件"
    text = indicators_copy.read_text(encoding="utf-8")
    indicators_copy.write_text(
        text.replace('"新收行政复议案件"', '"合成名称"', 1), encoding="utf-8"
    )
    assert fresh_indicators().by_id["reconsideration.received"].name == "合成名称"


def test_a_broken_indicators_file_is_an_error_and_never_stored(
    cache_home: Path, indicators_copy: Path
) -> None:
    from lawgov_cli.core.errors import ReportError

    indicators_copy.write_text("[[indicators]]\nid = 3\n", encoding="utf-8")
    with pytest.raises(ReportError, match=r"indicators\.toml"):
        fresh_indicators()
    assert entries(cache_home) == []


def test_a_damaged_indicators_entry_is_parsed_past(
    cache_home: Path, indicators_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = fresh_indicators()
    (entry,) = entries(cache_home)
    raw = bytearray(entry.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    entry.write_bytes(bytes(raw))
    assert [i.id for i in fresh_indicators().items] == [i.id for i in first.items]
    # and one holding data that is no indicators file: checked as the file's data is
    from lawgov_cli.storage import data_cache
    from lawgov_cli.storage import report_cache as files

    key = data_cache._key(os.path.realpath(indicators_copy), os.stat(indicators_copy))
    entry.write_bytes(__import__("marshal").dumps(files._sealed((key, {"indicators": 3}))))
    entry.chmod(0o600)
    assert len(fresh_indicators().items) == INDICATORS_IN_FILE


def test_no_cache_no_indicators_entry(
    cache_home: Path, indicators_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAWGOV_NO_CACHE", "1")
    assert len(fresh_indicators().items) == INDICATORS_IN_FILE
    assert entries(cache_home) == []
