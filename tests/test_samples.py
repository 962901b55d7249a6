"""Real page openings (tests/fixtures/samples: excerpts of eight Shenzhen district reports,
2023-2025, each cut after about 700 characters) import without flags with their header facts
right (issue 11).

Each sample file is three header lines of the collection's own (url:, complete:, note:) and a
blank line, then the page text as published. The header is not the page: these tests strip it
and import the page text alone with the installed command. The facts expected are those of the
table in the samples' README (the truth the samples came with); the titles are the pages'
title lines."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from lawgov_cli.importer.build import import_report
from test_installed import LAWGOV, lawgov

SAMPLES = Path(__file__).parent / "fixtures" / "samples"
HEADER_LINES = ("url: ", "complete: ", "note: ")

# file -> the report's title, as its page's title line has it
TITLES = {
    "01-futian-2024.txt": "福田区人民政府2024年法治政府建设年度报告",
    "02-futian-2023.txt": "福田区人民政府2023年法治政府建设年度报告",
    "05-luohu-2025.txt": "深圳市罗湖区人民政府2025年法治政府建设年度报告",
    "11-pingshan-2024.txt": "坪山区人民政府2024年法治政府建设年度报告",
    "12-pingshan-2023.txt": "坪山区人民政府2023年法治政府建设年度报告",
    "13-pingshan-2025.txt": "坪山区人民政府2025年法治政府建设年度报告",
    "14-guangming-2024.txt": "深圳市光明区人民政府2024年法治政府建设年度报告",
    "15-guangming-2023.txt": "深圳市光明区人民政府2023年法治政府建设年度报告",
}


def readme_table() -> dict[str, tuple[str, int, str]]:
    """file -> (issuer, year, date) from the samples' README table."""
    rows = {}
    text = (SAMPLES / "README.md").read_text(encoding="utf-8")
    for found in re.finditer(r"^\| (\S+\.txt) \| (\S+) \| (\d{4}) \| (\S+) ", text, re.M):
        rows[found[1]] = (found[2], int(found[3]), found[4])
    return rows


EXPECTED = readme_table()
NAMES = sorted(EXPECTED)


def page_text(name: str) -> str:
    """The page as published: the sample's header lines and the blank line after them cut."""
    text = (SAMPLES / name).read_text(encoding="utf-8")
    lines = text.split("\n")
    assert [line.split(" ")[0] + " " for line in lines[:3]] == list(HEADER_LINES), name
    assert lines[3] == "", name
    return "\n".join(lines[4:])


def test_every_sample_is_in_the_table_and_is_an_excerpt() -> None:
    assert sorted(p.name for p in SAMPLES.glob("*.txt")) == NAMES == sorted(TITLES)
    assert len(NAMES) == 8
    for name in NAMES:
        assert (
            (SAMPLES / name).read_text(encoding="utf-8").split("\n")[1].startswith("complete: no")
        )
    assert "real excerpts" in (SAMPLES / "README.md").read_text(encoding="utf-8")


@pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")
@pytest.mark.parametrize("name", NAMES)
def test_a_real_page_opening_imports_without_flags(name: str, tmp_path: Path) -> None:
    issuer, year, date = EXPECTED[name]
    (tmp_path / "page.txt").write_text(page_text(name), encoding="utf-8")
    result = lawgov("import", "page.txt", "-o", "out.toml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # Nothing to add by hand: no note asks for a date or a year.
    assert "--date" not in result.stderr and "--year" not in result.stderr, result.stderr
    info = lawgov("--report", "out.toml", "info", "--json", cwd=tmp_path)
    assert info.returncode == 0, info.stderr
    facts = json.loads(info.stdout)
    assert (facts["title"], facts["issuer"], facts["date"], facts["year"]) == (
        TITLES[name],
        issuer,
        date,
        year,
    )
    # The page chrome stayed out: the report opens with its opening paragraph, then part 一.
    sections = lawgov("--report", "out.toml", "sections", "--json", cwd=tmp_path)
    outline = json.loads(sections.stdout)
    assert [s["id"] for s in outline[:2]] == ["0", "1"]
    opening = lawgov("--report", "out.toml", "show", "0", cwd=tmp_path).stdout
    assert opening.startswith(f"{year}年"), opening[:40]


@pytest.mark.parametrize("name", NAMES)
def test_the_year_is_the_titles_and_the_issuer_the_one_the_title_names(name: str) -> None:
    """No note about the year: the title says it. The issuer is the body the title names, not
    the page's 来源 (福田区政府办公室, 坪山区司法局 posted these pages)."""
    issuer, year, date = EXPECTED[name]
    imported = import_report(page_text(name).encode(), name)
    report = imported.report
    assert (report.issuer, report.year, report.date) == (issuer, year, dt.date.fromisoformat(date))
    assert not [note for note in imported.notes if "year" in note or "date" in note]
