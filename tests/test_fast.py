"""The fast path (fast.py) answers exactly as the Typer CLI does, or hands the command over."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import REPORT_TOML
from lawgov_cli.cli import fast
from lawgov_cli.cli.app import app

SAME = [
    ["info"],
    ["info", "--json"],
    ["sections"],
    ["sections", "--json"],
    ["metrics"],
    ["metrics", "--json"],
    ["metrics", "--csv"],
    ["metrics", "-s", "4", "--sort", "value", "--desc"],
    ["metrics", "--section=4.1", "--unit", "宗", "--json"],
    ["metrics", "--grep", "复议", "--sort=id"],
    ["metrics", "-u", "公斤"],  # nothing found: exit 1
    ["get", "mediation.success-rate"],
    ["get", "mediation.total", "mediation.succeeded", "--field", "figure"],
    ["get", "-f", "quote", "legal-advice.opinions"],
    ["get", "--", "mediation.total"],
    ["--color", "never", "metrics", "--json"],
    ["--report", str(REPORT_TOML), "sections", "--json"],
    ["--report=" + str(REPORT_TOML), "get", "mediation.total"],
    ["get", "mediation.totl"],  # errors are reported in the same words
    ["--report", "/no/such/file.toml", "info"],
    ["show", "3"],
    ["show", "三(二)", "--json"],
    ["show", "9"],  # unknown: did you mean
    ["search", "调解"],
    ["search", "调解", "成功率", "--all", "-C", "1"],
    ["search", "-e", "[0-9]+%", "--json"],
    ["search", "执法", "-s", "3", "-c"],
    ["search", "纠纷", "--ids", "--json"],
    ["search", "--context=2", "--", "-"],
    ["search", "没有这个词"],  # nothing found: exit 1
    ["search", "-e", "(unclosed"],  # a bad regex: exit 2
    ["search", "-e", "(?=调解)"],  # what RE2 cannot do: exit 2
    ["search", "-e", "a{99999999999}"],
    ["show", "③"],  # no section id: exit 2
    ["show", "9" * 4400],  # more digits than int() reads
    ["search", "x", "--section", "99"],
    ["check"],
    ["check", "--json"],
    ["check", "mediation.success-rate >= 95", "-q"],
    ["check", "legal-advice.opinions > 900"],  # undecided: exit 1
    ["check", "mediation.total >"],  # a syntax error, with a caret
    ["check", "--", "-1 < 0"],
    ["check", "--file", "/no/such/checks.toml"],
    ["validate"],
    ["validate", "--json"],
    ["validate", "/no/such/file.toml"],
]


def short_id(args: list[str]) -> str:
    """The arguments as the test's id, a long one cut (a node id is also a path to pytest, and
    a file name past 255 bytes is an error: mutmut passes ids back)."""
    shown = " ".join(args)
    return shown if len(shown) <= 80 else f"{shown[:40]}…({len(shown)} characters)"


@pytest.mark.parametrize("args", SAME, ids=short_id)
def test_fast_path_answers_like_the_cli(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = fast.run(args, env={})
    captured = capsys.readouterr()
    assert code is not None, "the fast path should take this command line"
    expected = CliRunner().invoke(app, args, env={"LAWGOV_REPORT": None})
    assert (code, captured.out, captured.err) == (
        expected.exit_code,
        expected.stdout,
        expected.stderr,
    )


HANDED_OVER = [
    [],
    ["--help"],
    ["metrics", "--help"],
    ["--version"],
    ["--debug", "metrics"],
    ["show"],
    ["show", "3", "4"],
    ["search"],
    ["search", "x", "-c", "-l"],  # a usage error: the CLI explains it
    ["get", "-f", "quote", "legal-advice.opinions", "--json"],
    ["search", "x", "-C", "-1"],
    ["search", "x", "-C", "two"],
    ["search", "x", "-C", "9" * 4301],  # more digits than int() reads: the CLI says so
    ["search", "x", "-ca"],
    ["check", "-1 < 0"],
    ["check", "--file"],
    ["validate", "a.toml", "b.toml"],
    ["metrics", "--json", "--csv"],
    ["metrics", "--sort", "size"],
    ["metrics", "--nope"],
    ["metrics", "extra"],
    ["get"],
    ["get", "x", "-f", "colour"],
    ["--color", "sometimes", "info"],
    ["--report"],
    ["--report", "", "info"],
    ["info", "--report", "x.toml"],
    ["metrics", "-s"],
    ["metrics", "-s4"],
    ["info", "--json=yes"],
]


@pytest.mark.parametrize("args", HANDED_OVER, ids=lambda a: " ".join(a) or "(none)")
def test_anything_else_goes_to_the_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert fast.run(args, env={}) is None
    assert capsys.readouterr().out == ""


def test_the_environment_is_read_like_the_cli_reads_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert fast.run(["info", "--json"], env={"LAWGOV_DEBUG": "1"}) is None
    assert fast.run(["info", "--json"], env={"LAWGOV_REPORT": ""}) is None
    assert fast.run(["get", "mediation.total"], env={"LAWGOV_REPORT": str(REPORT_TOML)}) == 0
    assert capsys.readouterr().out == "4231\n"


def test_flags_set_to_0_are_off(capsys: pytest.CaptureFixture[str]) -> None:
    assert fast.run(["get", "mediation.total"], env={"LAWGOV_DEBUG": "0"}) == 0
    assert capsys.readouterr().out == "4231\n"


def test_a_report_path_from_the_environment_is_named_as_the_cli_names_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    env = {"LAWGOV_REPORT": "/no/such/report.toml"}
    assert fast.run(["sections"], env=env) == 2
    expected = CliRunner().invoke(app, ["sections"], env=env)
    assert capsys.readouterr().err == expected.stderr
    assert "LAWGOV_REPORT" in expected.stderr


def test_a_count_too_long_to_read_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["search", "调解", "-C", "9" * 4301])
    assert result.exit_code == 2
    assert result.stderr.startswith("lawgov: Invalid value for '--context' / '-C': ")
    assert "Traceback" not in result.stderr
