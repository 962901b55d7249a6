"""lawgov check and lawgov validate: scripted assertions and report validation."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import MINIMAL
from test_cli import fails, ok, run

BUNDLED_CHECKS = 8


def test_check_without_expressions_runs_the_reports_own_checks(runner: CliRunner) -> None:
    lines = ok(runner, "check").splitlines()
    assert len(lines) == BUNDLED_CHECKS
    assert all(line.startswith("PASS\t") for line in lines)
    assert lines[0] == (
        "PASS\tround(mediation.succeeded / mediation.total * 100, 2) == mediation.success-rate"
    )


@pytest.mark.parametrize(
    ("expr", "word", "code"),
    [
        ("mediation.success-rate >= 95", "PASS", 0),
        ("reconsideration.closed <= reconsideration.received", "PASS", 0),
        ("mediation.succeeded / mediation.total * 100 >= 97.5", "PASS", 0),
        ("legal-advice.opinions >= 800", "PASS", 0),
        ("legal-advice.opinions > 900", "UNDECIDED", 1),
        ("legal-advice.opinions < 800", "FAIL", 1),
        ("mediation.success-rate >= 98", "FAIL", 1),
        ("not (mediation.total > 5000) and foreign-law.enterprises > 500", "PASS", 0),
    ],
)
def test_each_result_kind(runner: CliRunner, expr: str, word: str, code: int) -> None:
    result = run(runner, "check", expr)
    assert (result.exit_code, result.stdout, result.stderr) == (code, f"{word}\t{expr}\n", "")


def test_any_failure_fails_the_run(runner: CliRunner) -> None:
    result = run(runner, "check", "mediation.total > 0", "mediation.total > 5000")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "PASS\tmediation.total > 0",
        "FAIL\tmediation.total > 5000",
    ]


def test_quiet_prints_nothing(runner: CliRunner) -> None:
    assert run(runner, "check", "-q", "mediation.total > 0").stdout == ""
    result = run(runner, "check", "-q", "mediation.total > 5000")
    assert (result.exit_code, result.stdout) == (1, "")


def test_check_json(runner: CliRunner) -> None:
    result = run(runner, "check", "legal-advice.opinions > 900", "--json")
    [item] = json.loads(result.stdout)
    assert item["id"] is None
    assert item["result"] == "undecided"
    assert "more than 800" in item["why"]
    assert item["values"] == [
        {
            "id": "legal-advice.opinions",
            "value": 800,
            "unit": "件",
            "figure": "800余件",
            "qualifier": "余",
        }
    ]


def test_check_table_on_a_terminal(runner: CliRunner) -> None:
    out = run(runner, "--color", "always", "check").stdout
    assert "PASS" in out
    assert "mediation.rate-matches" in out


def test_syntax_error_shows_a_caret(runner: CliRunner) -> None:
    result = fails(runner, "check", "mediation.total >= >= 5")
    assert result.stdout == ""
    message, source, caret = result.stderr.splitlines()
    assert message.startswith("lawgov: expression 1: ")
    assert source == "  mediation.total >= >= 5"
    assert caret.index("^") == len("  mediation.total >= ")


def test_unknown_id_shows_a_caret_and_a_suggestion(runner: CliRunner) -> None:
    result = fails(runner, "check", "mediation.total > 1", "mediation.totl > 1")
    message, _, caret = result.stderr.splitlines()
    assert message == (
        'lawgov: expression 2: unknown metric "mediation.totl"; did you mean mediation.total?'
    )
    assert caret == "  ^^^^^^^^^^^^^^"


def test_a_bad_expression_runs_nothing(runner: CliRunner) -> None:
    """Every expression is parsed before any is evaluated: no partial output."""
    result = fails(runner, "check", "mediation.total > 1", "mediation.total >")
    assert result.stdout == ""


def test_division_by_zero_is_an_error(runner: CliRunner) -> None:
    result = fails(runner, "check", "mediation.total / (mediation.total - 4231) > 1")
    assert "division by zero" in result.stderr


HOSTILE = [
    "__import__('os').system('touch pwned')",
    "mediation.total.__class__",
    "9**9**9**9",
    "(" * 500 + "1" + ")" * 500 + " > 0",
    "-" * 4000 + "1 > 0",
    "not " * 3000 + "1 > 0",
    "mediation.total > " + "1" * 1_000_000,
    "[x for x in ().__class__.__base__.__subclasses__()]",
    "lambda: 1",
    "open('/etc/passwd')",
]


@pytest.mark.parametrize("expr", HOSTILE, ids=lambda e: e[:30])
def test_hostile_input_is_refused_quickly_and_runs_nothing(
    runner: CliRunner, expr: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    started = time.perf_counter()
    result = fails(runner, "check", "--", expr)  # -- : an expression may start with a minus
    assert time.perf_counter() - started < 5  # a hang guard, not a benchmark
    assert result.stdout == ""
    assert result.stderr.startswith("lawgov: expression 1: ")
    assert not (tmp_path / "pwned").exists()


def test_checks_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "checks.toml"
    path.write_text(
        '[[checks]]\nid = "opinions"\nexpr = "legal-advice.opinions >= 800"\n\n'
        '[[checks]]\nid = "ratio"\n'
        'expr = "reconsideration.closed / reconsideration.received > 0.9"\n',
        encoding="utf-8",
    )
    result = run(runner, "check", "--file", str(path), "--json")
    assert result.exit_code == 1
    assert [(c["id"], c["result"]) for c in json.loads(result.stdout)] == [
        ("opinions", "pass"),
        ("ratio", "fail"),
    ]


def test_checks_file_problems(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "checks.toml"
    path.write_text('[[checks]]\nid = "x"\nexpr = "mediation.total >"\n', encoding="utf-8")
    result = fails(runner, "check", "--file", str(path))
    assert result.stderr.startswith(f"lawgov: {path}: checks[0] (x): ")
    path.write_text('[[checks]]\nid = "x"\n', encoding="utf-8")
    assert "checks[0].expr: missing" in fails(runner, "check", "--file", str(path)).stderr
    assert "no such file" in fails(runner, "check", "--file", str(tmp_path / "no.toml")).stderr


def test_report_without_checks(runner: CliRunner, write_report) -> None:
    result = fails(runner, "--report", str(write_report(MINIMAL)), "check")
    assert "no [[checks]]" in result.stderr


# --- validate ---------------------------------------------------------------------------------


def test_validate_bundled_report(runner: CliRunner) -> None:
    assert ok(runner, "validate") == ""
    data = json.loads(ok(runner, "validate", "--json"))
    assert data["valid"] is True
    assert (data["sections"], data["metrics"], data["checks"]) == (31, 58, BUNDLED_CHECKS)
    assert data["problems"] == []
    assert "有效" in ok(runner, "--color", "always", "validate")


BROKEN = (
    MINIMAL.replace("year = 2024", 'year = "2024"')
    .replace("value = 12", "value = 13")
    .replace(
        'quote = "共办理案件12件"', 'quote = "共办理案件12件"\n\n[[metrics]]\nid = "cases.total"'
    )
    + '\n[[checks]]\nid = "cases.many"\nexpr = "cases.total > 100"\n'
    + '\n[[checks]]\nid = "cases.bad"\nexpr = "cases.totl > 1"\n'
)


def test_validate_lists_every_problem(runner: CliRunner, write_report) -> None:
    path = write_report(BROKEN)
    result = run(runner, "validate", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    expected = [
        'report.year: expected a year such as 2024, got string "2024"',
        'metrics[0].value: "12件" reads as 12 件, stored 13 件',
        "metrics[1].section: missing",
        "checks[0]: check cases.many fails: cases.total > 100 is false: 13 <= 100",
        'checks[1].expr: unknown metric "cases.totl"; did you mean cases.total?'
        " (at character 1 of the expression)",
    ]
    for part in expected:
        assert any(part in line for line in lines), (part, lines)
    assert all(line.startswith(f"{path}:") for line in lines)
    assert f"{path}:5: report.year" in result.stdout  # located by line
    assert f'{path}:29:9: checks[1].expr: unknown metric "cases.totl"' in result.stdout


def test_validate_does_not_run_a_check_on_an_invalid_figure(
    runner: CliRunner, write_report
) -> None:
    """The figure is there but broken: the check says so instead of calling the id unknown."""
    text = MINIMAL.replace("value = 12", 'value = "12"')
    path = write_report(text + '\n[[checks]]\nid = "cases.many"\nexpr = "cases.total > 1"\n')
    result = run(runner, "validate", str(path))
    assert result.exit_code == 1
    assert "checks[0].expr: not run: cases.total is invalid (see metrics[0])" in result.stdout
    assert "unknown metric" not in result.stdout


def test_validate_json(runner: CliRunner, write_report) -> None:
    result = run(runner, "validate", str(write_report(BROKEN)), "--json")
    data = json.loads(result.stdout)
    assert data["valid"] is False
    problem = data["problems"][0]
    assert set(problem) == {"where", "line", "column", "message"}


def test_validate_unreadable_is_exit_2(runner: CliRunner, tmp_path: Path, write_report) -> None:
    assert "no such file" in fails(runner, "validate", str(tmp_path / "no.toml")).stderr
    broken = write_report("[report\n")
    assert "invalid TOML" in fails(runner, "validate", str(broken)).stderr


def test_validate_defaults_to_the_report_option(runner: CliRunner, write_report) -> None:
    path = write_report(BROKEN)
    result = run(runner, "--report", str(path), "validate")
    assert result.exit_code == 1


def test_get_prints_a_whole_number_stored_as_a_float_without_point_zero(
    runner: CliRunner, write_report
) -> None:
    path = write_report(MINIMAL.replace("value = 12", "value = 12.0"))
    assert ok(runner, "--report", str(path), "get", "cases.total") == "12\n"


def test_errors_in_the_reports_own_checks_name_the_file(runner: CliRunner, write_report) -> None:
    path = write_report(MINIMAL + '\n[[checks]]\nid = "bad"\nexpr = "cases.total >"\n')
    result = run(runner, "--report", str(path), "check")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"lawgov: {path}: checks[0] (bad): ")
