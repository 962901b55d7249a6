"""The sample library (data/library/): the bundled report and the reports imported from the real
page openings, each of those marked as an excerpt wherever it is shown (issue 12, point 5)."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from lawgov_cli import load_report
from lawgov_cli.core.errors import ReportError
from lawgov_cli.formats.documents import markdown
from lawgov_cli.formats.tomlout import to_toml
from test_installed import lawgov

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "data" / "library"
TOOL = ROOT / "tools" / "make_sample_library.py"
EXCERPTS = sorted(p for p in LIBRARY.glob("*.toml") if p.name != "nanshan-2024.toml")


def test_the_library_is_what_the_tool_makes_of_the_samples_now() -> None:
    """An importer change that alters what the samples import as shows here, not in the tour."""
    done = subprocess.run(
        [sys.executable, str(TOOL), "--check"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr + "\nrun: python tools/make_sample_library.py"


def test_the_library_holds_the_bundled_report_and_every_sample() -> None:
    samples = sorted((ROOT / "tests" / "fixtures" / "samples").glob("*.txt"))
    assert len(EXCERPTS) == len(samples) == 8
    copy = (LIBRARY / "nanshan-2024.toml").read_bytes()
    assert copy == (ROOT / "data" / "report.toml").read_bytes()


@pytest.mark.parametrize("path", EXCERPTS, ids=lambda p: p.stem)
def test_each_sample_says_it_is_an_excerpt_in_every_view(path: Path, tmp_path: Path) -> None:
    report = load_report(str(path))
    assert "摘录" in report.excerpt and "截断" in report.excerpt
    shown = lawgov("--report", str(path), "info", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert f"excerpt\t{report.excerpt}\n" in shown.stdout
    data = json.loads(lawgov("--report", str(path), "info", "--json", cwd=tmp_path).stdout)
    assert data["excerpt"] == report.excerpt
    terminal = lawgov("--report", str(path), "--color", "always", "info", cwd=tmp_path)
    assert "摘录" in terminal.stdout
    assert f"- 摘录：{report.excerpt}" in markdown(report)


def test_a_whole_report_has_no_excerpt_line_and_an_empty_json_field(tmp_path: Path) -> None:
    shown = lawgov("info", cwd=tmp_path)
    assert "excerpt" not in shown.stdout and "摘录" not in shown.stdout
    assert json.loads(lawgov("info", "--json", cwd=tmp_path).stdout)["excerpt"] == ""
    assert "excerpt" not in to_toml(load_report())  # the key only where it says something


def test_the_excerpt_mark_round_trips_and_is_checked(tmp_path: Path) -> None:
    report = load_report(str(EXCERPTS[0]))
    assert tomllib.loads(to_toml(report))["report"]["excerpt"] == report.excerpt
    bad = tmp_path / "bad.toml"
    bad.write_text(
        EXCERPTS[0].read_text(encoding="utf-8").replace("excerpt = ", "excerpt = 1 #"),
        encoding="utf-8",
    )
    with pytest.raises(ReportError, match="excerpt"):
        load_report(str(bad))
