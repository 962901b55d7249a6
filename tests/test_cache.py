"""The report cache: used while a file is unchanged, never when it is not, never in the way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import MINIMAL
from lawgov_cli import cache, load_report


def entries(root: Path) -> list[Path]:
    return sorted((root / "lawgov").glob("*.marshal")) if (root / "lawgov").exists() else []


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


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
