"""``export -f toml`` (and what import writes) reads back to exactly the report it was made from,
carriage returns and all."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import MINIMAL
from lawgov_cli import load_report
from lawgov_cli.core.loading.contents import build_report
from lawgov_cli.core.loading.tomlfile import parse_toml
from lawgov_cli.formats.tomlout import to_toml
from test_cli import run

# Section texts as a report may hold them (the loader allows any line break in a text).
TEXTS = [
    "2024年,测试区共办理案件12件。\r\n第二段。",  # CRLF between paragraphs
    "2024年,测试区共办理案件12件。\r第二段。",  # a lone CR
    "2024年,测试区共办理案件12件。\r\n\r\n第二段。\r\n",  # CRLF runs, and one at the end
    "\r\n2024年,测试区共办理案件12件。\n第二段\r。",  # first, and mixed with LF
]


def with_text(text: str) -> str:
    """MINIMAL with its section's text and a check description replaced, TOML-escaped."""
    escaped = text.replace("\r", "\\r").replace("\n", "\\n")
    section = MINIMAL.replace('text = "2024年,测试区共办理案件12件。"', f'text = "{escaped}"')
    check = '\n[[checks]]\nid = "cases.some"\nexpr = "cases.total > 0"\n'
    check += f'description = "{escaped}"\n'
    return section + check


@pytest.mark.parametrize("text", TEXTS)
def test_carriage_returns_survive_the_round_trip(text: str, write_report) -> None:
    report = load_report(write_report(with_text(text)))
    assert report.sections[0].text == text  # the fixture holds what it claims
    assert report.checks[0].description == text
    written = to_toml(report)
    assert build_report(parse_toml(written, "written.toml"), "written.toml") == report


@pytest.mark.parametrize("text", TEXTS)
def test_export_toml_reads_back_exactly(
    text: str, write_report, runner: CliRunner, tmp_path: Path
) -> None:
    original = write_report(with_text(text))
    exported = tmp_path / "exported.toml"
    result = run(runner, "--report", str(original), "export", "-f", "toml", "-o", str(exported))
    assert result.exit_code == 0, result.stderr
    assert load_report(exported).sections[0].text == text
    again = run(runner, "--report", str(exported), "export", "-f", "json")
    assert again.stdout == run(runner, "--report", str(original), "export", "-f", "json").stdout


def test_text_without_carriage_returns_stays_over_several_lines(write_report) -> None:
    """The readable form is kept wherever it reads back exactly."""
    report = load_report(write_report(with_text("2024年,测试区共办理案件12件。\n第二段。")))
    written = to_toml(report)
    assert 'text = """\n2024年,测试区共办理案件12件。\n第二段。"""\n' in written
    assert build_report(parse_toml(written, "written.toml"), "written.toml") == report
