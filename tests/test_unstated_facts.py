"""A report that states no publication date, or no year reported on (issue 11): the model, the
loader, validate, the report cache, every output, and import, which writes such a report and
says what it could not find.

The report texts here are synthetic: invented sentences in the shape of real reports (柳溪区 and
its figures are made up)."""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import MINIMAL
from lawgov_cli import load_report
from lawgov_cli.core.model import NOT_STATED
from lawgov_cli.core.validation import validate_file
from lawgov_cli.formats.documents import export
from lawgov_cli.formats.terminal import info_view
from lawgov_cli.importer.build import import_report
from lawgov_cli.storage import report_cache as cache
from test_cli import fails, ok, run
from test_installed import LAWGOV, lawgov
from test_terminal import draw

NO_DATE = MINIMAL.replace("date = 2024-12-31\n", "")
NO_YEAR = MINIMAL.replace("year = 2024\n", "")
NEITHER = NO_DATE.replace("year = 2024\n", "")


@pytest.mark.parametrize(
    ("text", "date", "year"),
    [(NO_DATE, None, 2024), (NO_YEAR, dt.date(2024, 12, 31), None), (NEITHER, None, None)],
)
def test_a_report_without_a_date_or_a_year_loads_and_is_valid(
    write_report, text: str, date: dt.date | None, year: int | None
) -> None:
    path = write_report(text)
    report = load_report(path)
    assert (report.date, report.year) == (date, year)
    assert validate_file(path).problems == []


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('date = "2024-12-31"', "report.date: expected a TOML date"),
        ("date = 2024-12-31T10:00:00", "report.date: expected a TOML date"),
        ('year = "2024"', 'report.year: expected a year such as 2024, got string "2024"'),
        ("year = 1800", "report.year: 1800 is not a year between 1900 and 2100"),
        ("year = true", "report.year: expected a year such as 2024, got boolean true"),
    ],
)
def test_a_date_or_a_year_that_is_there_is_still_checked(
    write_report, line: str, message: str
) -> None:
    key = line.split(" ")[0]
    path = write_report(NEITHER.replace('issuer = "', f'{line}\nissuer = "'))
    assert key in path.read_text(encoding="utf-8")
    assert any(message in f"{p.where}: {p.message}" for p in validate_file(path).problems)


def test_the_title_is_still_required(write_report) -> None:
    path = write_report(NEITHER.replace('title = "测试报告"\n', ""))
    messages = [p.message for p in validate_file(path).problems]
    assert messages == ["missing (expected a non-empty string)"]


@pytest.fixture
def entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A report cache of the test's own, where any file may be stored at once; its folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "SETTLE_NS", 0)
    return tmp_path / "cache" / "lawgov"


def test_the_cache_keeps_a_report_without_date_or_year(write_report, entries: Path) -> None:
    path = write_report(NEITHER)
    first = cache.load_report(str(path))
    assert list(entries.glob("*.marshal"))
    again = cache.load(str(path), os.stat(path))
    assert again is not None
    assert again == first
    assert (again.date, again.year) == (None, None)


def test_the_cache_checks_optional_fields_strictly(write_report, entries: Path) -> None:
    """None is allowed where the model allows it (date, year), and nowhere else."""
    import marshal

    path = write_report(MINIMAL)
    cache.load_report(str(path))
    [entry] = entries.glob("*.marshal")
    stored = entry.read_bytes()
    fields = cache.HEADER_FIELDS
    for name, value, kept in [
        ("date", None, True),
        ("year", None, True),
        ("title", None, False),
        ("issuer", None, False),
        ("source_url", None, False),
        ("year", 2024.0, False),
        ("year", False, False),
        ("date", 20241231, False),
    ]:
        key, (meta, *rest) = cache._unsealed(marshal.loads(stored))
        meta = tuple(value if f == name else v for f, v in zip(fields, meta, strict=True))
        entry.write_bytes(marshal.dumps(cache._sealed((key, (meta, *rest)))))
        loaded = cache.load(str(path), os.stat(path))
        assert (loaded is not None) == kept, (name, value)
        if loaded is not None:
            assert getattr(loaded, name) is None


def test_outputs_say_what_is_not_stated(write_report, runner: CliRunner) -> None:
    path = str(write_report(NEITHER))
    info = json.loads(ok(runner, "--report", path, "info", "--json"))
    assert (info["date"], info["year"]) == (None, None)
    lines = ok(runner, "--report", path, "info").splitlines()
    assert f"date\t{NOT_STATED}" in lines
    assert f"year\t{NOT_STATED}" in lines
    assert "source_url\t" in lines  # an empty string stays an empty field
    report = load_report(path)
    drawn = draw(info_view(report), 80)
    assert any(line.startswith("发布日期") and line.endswith(NOT_STATED) for line in drawn)
    assert any(line.startswith("报告年度") and line.endswith(NOT_STATED) for line in drawn)
    exported = json.loads(export(report, "json"))["report"]
    assert (exported["date"], exported["year"]) == (None, None)
    markdown = export(report, "md")
    assert f"- 发布日期：{NOT_STATED}\n- 报告年度：{NOT_STATED}\n" in markdown
    toml = export(report, "toml")
    assert "date" not in tomllib.loads(toml)["report"]
    assert "year" not in tomllib.loads(toml)["report"]
    assert export(report, "text") == report.render_text()
    # The exported TOML reads back to the same report.
    again = load_report(write_report(toml, "again.toml"))
    assert (again.date, again.year, again.metrics) == (None, None, report.metrics)


def test_one_fact_alone_is_printed_as_stated(write_report, runner: CliRunner) -> None:
    info = json.loads(ok(runner, "--report", str(write_report(NO_YEAR)), "info", "--json"))
    assert (info["date"], info["year"]) == ("2024-12-31", None)
    lines = ok(runner, "--report", str(write_report(NO_DATE, "b.toml")), "info").splitlines()
    assert "date\t未注明" in lines
    assert "year\t2024" in lines


def test_read_commands_and_checks_work_without_them(write_report, runner: CliRunner) -> None:
    path = str(write_report(NEITHER))
    assert ok(runner, "--report", path, "get", "cases.total") == "12\n"
    assert ok(runner, "--report", path, "check", "cases.total > 10") == "PASS\tcases.total > 10\n"
    assert ok(runner, "--report", path, "validate") == ""
    validation = json.loads(ok(runner, "--report", path, "validate", "--json"))
    assert validation["valid"] is True


# --- import ------------------------------------------------------------------------------------

NO_FACTS = "柳溪区法治政府建设情况报告\n本区全面推进法治政府建设。\n一、主要工作\n办理案件12件。\n"


def test_import_writes_a_report_without_date_or_year_and_says_so(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "liuxi.txt"
    source.write_text(NO_FACTS, encoding="utf-8")
    result = run(runner, "import", str(source))
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if ": note: " in line]
    assert len(notes) == 2
    assert "No publication date found" in notes[0] and "--date YYYY-MM-DD" in notes[0]
    assert "Cannot tell the year reported on" in notes[1] and "--year YYYY" in notes[1]
    target = tmp_path / "liuxi.toml"
    header = tomllib.loads(target.read_text(encoding="utf-8"))["report"]
    assert header["title"] == "柳溪区法治政府建设情况报告"
    assert "date" not in header and "year" not in header
    assert "# No publication date found" in target.read_text(encoding="utf-8")
    info = json.loads(ok(runner, "--report", str(target), "info", "--json"))
    assert (info["date"], info["year"]) == (None, None)
    # Given by hand, both are written and nothing is said about them.
    again = run(runner, "import", str(source), "-o", "-", "--date", "2025-01-10", "--year", "2024")
    assert again.exit_code == 0
    assert "note" not in again.stderr
    assert "date = 2025-01-10\nyear = 2024\n" in again.stdout


def test_a_year_after_the_date_is_still_refused(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "x.txt"
    source.write_text("时间：2025-01-10\n" + NO_FACTS, encoding="utf-8")
    result = fails(runner, "import", str(source), "-o", "-", "--year", "2026")
    assert "--year 2026 is later than the publication date 2025-01-10" in result.stderr
    result = fails(
        runner, "import", str(source), "-o", "-", "--year", "2026", "--date", "2025-03-01"
    )
    assert "'--year': 2026 is later than the publication date 2025-03-01" in result.stderr
    # Without a date anywhere, --year is taken as given.
    source.write_text(NO_FACTS, encoding="utf-8")
    assert run(runner, "import", str(source), "-o", "-", "--year", "2026").exit_code == 0


def test_the_publication_date_gives_the_year_only_from_january_to_april() -> None:
    for date, year in [("2025-01-10", 2024), ("2025-04-30", 2024), ("2025-05-01", None)]:
        imported = import_report(f"时间：{date}\n{NO_FACTS}".encode(), "x.txt")
        assert imported.report.year == year, date
        said = [n for n in imported.notes if "year reported on" in n]
        assert len(said) == 1
        if year:
            assert f"from the publication date {date}" in said[0]


@pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")
def test_installed_import_and_info_without_date_or_year(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(NO_FACTS, encoding="utf-8")
    result = lawgov("import", "page.txt", "-o", "out.toml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(": note: ") == 2
    assert "--date YYYY-MM-DD" in result.stderr and "--year YYYY" in result.stderr
    info = lawgov("--report", "out.toml", "info", "--json", cwd=tmp_path)
    assert info.returncode == 0, info.stderr
    assert (json.loads(info.stdout)["date"], json.loads(info.stdout)["year"]) == (None, None)
    piped = lawgov("--report", "out.toml", "info", cwd=tmp_path)
    assert "date\t未注明\n" in piped.stdout and "year\t未注明\n" in piped.stdout
    valid = lawgov("--report", "out.toml", "validate", cwd=tmp_path)
    assert (valid.returncode, valid.stdout, valid.stderr) == (0, "", "")
