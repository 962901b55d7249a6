"""The commands, driven in-process: exit code, stdout and stderr checked separately."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import MINIMAL, SOURCE
from lawgov_cli import __version__
from lawgov_cli.cli.app import app

ANSI = re.compile(r"\x1b\[")
BOX = re.compile(r"[─━│┃┌┏└┗├┣┤┫┬┳┴┻┼╋]")


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


def ok(runner: CliRunner, *args: str) -> str:
    result = run(runner, *args)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    return result.stdout


def fails(runner: CliRunner, *args: str, code: int = 2):
    result = run(runner, *args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result


# --- info -------------------------------------------------------------------------------------


def test_info_json(runner: CliRunner) -> None:
    data = json.loads(ok(runner, "info", "--json"))
    assert data["title"] == "南山区人民政府2024年法治政府建设年度报告"
    assert data["issuer"] == "南山区人民政府"
    assert data["date"] == "2024-12-31"
    assert data["year"] == 2024
    assert data["source_url"].startswith("https://www.szns.gov.cn/")
    assert (data["sections"], data["metrics"]) == (31, 58)


def test_info_piped_is_key_tab_value(runner: CliRunner) -> None:
    lines = ok(runner, "info").splitlines()
    assert "issuer\t南山区人民政府" in lines
    assert "date\t2024-12-31" in lines


def test_json_is_utf8_not_escaped(runner: CliRunner) -> None:
    assert "南山区" in ok(runner, "info", "--json")
    assert "\\u" not in ok(runner, "metrics", "--json")


# --- sections ---------------------------------------------------------------------------------


def test_sections_json_is_flat_in_document_order(runner: CliRunner) -> None:
    data = json.loads(ok(runner, "sections", "--json"))
    assert len(data) == 31
    assert data[0] == {"id": "0", "number": "", "title": "", "level": 1, "parent": None}
    assert data[11] == {
        "id": "3.2", "number": "(二)", "title": "加大重点领域执法力度", "level": 2, "parent": "3",
    }  # fmt: skip


def test_sections_piped_one_per_line(runner: CliRunner) -> None:
    lines = ok(runner, "sections").splitlines()
    assert len(lines) == 31
    assert lines[11] == "3.2\t(二)加大重点领域执法力度"


# --- show -------------------------------------------------------------------------------------


@pytest.mark.parametrize("ref", ["3.2", "三(二)", "三（二）", " 3.2 ", "三、（二）"])
def test_show_piped_prints_the_source_text(runner: CliRunner, ref: str) -> None:
    line = next(
        x for x in SOURCE.read_text(encoding="utf-8").splitlines() if x.startswith("(二)加大")
    )
    assert ok(runner, "show", ref) == line + "\n"


def test_show_part_includes_its_subsections(runner: CliRunner) -> None:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    start = lines.index(next(x for x in lines if x.startswith("四、")))
    assert ok(runner, "show", "四") == "\n".join(lines[start : start + 3]) + "\n"


def test_show_json(runner: CliRunner) -> None:
    data = json.loads(ok(runner, "show", "4", "--json"))
    assert (data["id"], data["number"], data["level"], data["text"]) == ("4", "四", 1, "")
    assert [s["id"] for s in data["subsections"]] == ["4.1", "4.2"]
    rate = next(m for m in data["subsections"][0]["metrics"] if m["id"] == "mediation.success-rate")
    assert rate == {
        "id": "mediation.success-rate", "section": "4.1", "label": "调解成功率", "value": 97.52,
        "unit": "%", "figure": "97.52%", "qualifier": "", "quote": "调解成功率达97.52%",
        "indicator": "mediation.success-rate",
    }  # fmt: skip


def test_show_unknown_id_suggests(runner: CliRunner) -> None:
    result = fails(runner, "show", "3.9")
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "lawgov: no section '3.9' in this report",
        "lawgov: hint: did you mean 3.1, 3.2 or 3.3? (`lawgov sections` lists them all)",
    ]


def test_show_on_a_terminal_emphasises_figures(runner: CliRunner) -> None:
    out = ok(runner, "--color", "always", "show", "4.1")
    assert ANSI.search(out)
    plain = ANSI.sub("", re.sub(r"\x1b\[[0-9;]*m", "", out))
    assert "97.52%" in plain.replace("\n", "").replace(" ", "")


# --- search -----------------------------------------------------------------------------------


def test_search_piped_one_hit_per_line(runner: CliRunner) -> None:
    lines = ok(runner, "search", "行政复议").splitlines()
    assert lines[0] == "4.2\t(二)发挥行政复议化解行政争议主渠道作用"
    assert lines[2].startswith("4.2\t共新收行政复议案件876宗")
    assert len(lines) == 3


def test_search_json_shape(runner: CliRunner) -> None:
    hits = json.loads(ok(runner, "search", "876宗", "--json"))
    assert len(hits) == 1
    hit = hits[0]
    assert {"section", "heading", "text", "match", "start", "end"} <= set(hit)
    assert hit["section"] == "4.2"
    assert hit["text"][hit["start"] : hit["end"]] == hit["match"] == "876宗"


def test_search_nothing_found_exits_1(runner: CliRunner) -> None:
    result = run(runner, "search", "不存在的词")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")
    result = run(runner, "search", "不存在的词", "--json")
    assert (result.exit_code, result.stdout) == (1, "[]\n")


def test_search_count_and_ids(runner: CliRunner) -> None:
    assert ok(runner, "search", "复议", "-c") == "4.2\t3\n"
    assert json.loads(ok(runner, "search", "复议", "-c", "--json")) == [
        {"section": "4.2", "heading": "(二)发挥行政复议化解行政争议主渠道作用", "count": 3}
    ]
    ids = ok(runner, "search", "调解", "-l").splitlines()
    assert ids == ["4.1", "4.2"]
    assert json.loads(ok(runner, "search", "调解", "-l", "--json")) == ids


def test_search_count_and_ids_together_is_a_usage_error(runner: CliRunner) -> None:
    assert "not both" in fails(runner, "search", "x", "-c", "-l").stderr


def test_search_regex_keeps_full_width_brackets_literal(runner: CliRunner) -> None:
    ids = ok(runner, "search", "--regex", "^（二）", "-l").splitlines()
    assert ids == ["1.2", "2.2", "3.2", "4.2", "5.2", "7.2", "8.2"]


def test_search_context_windows_do_not_repeat_text(runner: CliRunner) -> None:
    lines = ok(runner, "search", "南山", "--section", "0", "-C", "2").splitlines()
    assert len(lines) == len(set(lines)) == 1
    [hit] = json.loads(ok(runner, "search", "南山", "--section", "0", "-C", "2", "--json"))
    assert [m["match"] for m in hit["matches"]] == ["南山"] * 3


def test_search_options(runner: CliRunner) -> None:
    assert ok(runner, "search", "调解", "复议", "--all", "-l") == "4.2\n"
    assert ok(runner, "search", "执法", "-s", "8", "-l") == "8.1\n8.2\n"
    wide = ok(runner, "search", "1057瓶", "-C", "1")
    assert wide.startswith("3.2\t") and "南头街道" in wide and "人力资源部门" in wide


def test_search_bad_regex_explains(runner: CliRunner) -> None:
    result = fails(runner, "search", "--regex", "(")
    assert result.stderr.startswith("lawgov: invalid regex '(': missing ): (\n")
    assert "RE2 syntax" in result.stderr


def test_search_unknown_section(runner: CliRunner) -> None:
    assert "no section '9'" in fails(runner, "search", "x", "--section", "9").stderr


def test_search_highlights_on_a_terminal(runner: CliRunner) -> None:
    out = ok(runner, "--color", "always", "search", "复议")
    assert "\x1b[1;31m复议" in out


# --- metrics ----------------------------------------------------------------------------------


def test_metrics_piped_is_tab_separated(runner: CliRunner) -> None:
    lines = ok(runner, "metrics").splitlines()
    assert len(lines) == 58
    assert lines[0].split("\t") == [
        "awards.pufa-commended", "0", "获全国“八五”普法中期个人通报表扬的同志", "2名", "2", "名",
        "",
    ]  # fmt: skip
    # The canonical indicator is the last column: cut -f1-6 still reads what it read before.
    received = next(line for line in lines if line.startswith("reconsideration.received\t"))
    assert received.split("\t")[6] == "reconsideration.received"


def test_metrics_json_has_full_objects_with_raw_numbers(runner: CliRunner) -> None:
    data = json.loads(ok(runner, "metrics", "--json", "--unit", "元"))
    assert [(m["id"], m["value"], m["unit"]) for m in data] == [
        ("labour.wages-recovered", 230000000, "元"),
        ("mediation.amount", 566309900, "元"),
    ]
    assert set(data[0]) == {
        "id", "section", "label", "value", "unit", "figure", "qualifier", "quote", "indicator",
    }  # fmt: skip


def test_metrics_csv(runner: CliRunner) -> None:
    rows = list(csv.DictReader(io.StringIO(ok(runner, "metrics", "--csv"))))
    assert len(rows) == 58
    rate = next(r for r in rows if r["id"] == "mediation.success-rate")
    assert (rate["value"], rate["unit"], rate["figure"]) == ("97.52", "%", "97.52%")


def test_metrics_filters_and_sort(runner: CliRunner) -> None:
    out = ok(runner, "metrics", "-s", "4.2", "--sort", "value", "--desc")
    assert [line.split("\t")[0] for line in out.splitlines()] == [
        "reconsideration.received", "reconsideration.closed",
        "reconsideration.mediated", "reconsideration.corrected",
    ]  # fmt: skip
    assert ok(runner, "metrics", "--grep", "黑煤气").startswith("city-management.illegal-gas\t")
    assert ok(runner, "metrics", "--grep", "labour.wages").startswith("labour.wages-recovered\t")


def test_metrics_nothing_found_exits_1(runner: CliRunner) -> None:
    result = run(runner, "metrics", "--unit", "公斤", "--json")
    assert (result.exit_code, result.stdout) == (1, "[]\n")


def test_metrics_bad_options(runner: CliRunner) -> None:
    assert "not both" in fails(runner, "metrics", "--json", "--csv").stderr
    assert "'--sort'" in fails(runner, "metrics", "--sort", "size").stderr


def test_metrics_table_on_a_terminal(runner: CliRunner) -> None:
    out = ok(runner, "--color", "always", "metrics", "-s", "4.1")
    assert "调解成功率" in out and "mediation.success-rate" in out


# --- global options and errors ----------------------------------------------------------------


def test_version(runner: CliRunner) -> None:
    assert ok(runner, "--version") == f"lawgov {__version__}\n"


def test_report_option_and_environment(runner: CliRunner, write_report) -> None:
    path = write_report(MINIMAL)
    assert json.loads(ok(runner, "--report", str(path), "info", "--json"))["title"] == "测试报告"
    result = run(runner, "info", "--json", env={"LAWGOV_REPORT": str(path)})
    assert json.loads(result.stdout)["metrics"] == 1


def test_missing_report_file(runner: CliRunner, tmp_path: Path) -> None:
    result = fails(runner, "--report", str(tmp_path / "x.toml"), "info")
    assert result.stderr == f"lawgov: {tmp_path / 'x.toml'}: no such file\n"


def test_broken_report_is_one_line(runner: CliRunner, write_report) -> None:
    path = write_report(MINIMAL.replace("value = 12", "value = "))
    result = fails(runner, "--report", str(path), "metrics")
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"lawgov: {path}:16:9: invalid TOML")


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    fails(runner, "show")
    fails(runner, "info", "--nope")
    fails(runner, "nope")


def test_piped_output_has_no_ansi_and_no_boxes(runner: CliRunner) -> None:
    for args in (["info"], ["sections"], ["show", "3"], ["search", "调解"], ["metrics"]):
        out = ok(runner, *args)
        assert not ANSI.search(out) and not BOX.search(out), args


@pytest.mark.parametrize(
    ("env", "args", "ansi"),
    [
        ({"FORCE_COLOR": "1"}, [], False),  # colour, not layout: a pipe keeps plain lines
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, [], False),
        ({}, ["--color", "never"], False),
        ({"NO_COLOR": "1"}, ["--color", "always"], True),
    ],
)
def test_colour_switches(
    runner: CliRunner, env: dict[str, str], args: list[str], ansi: bool
) -> None:
    result = run(runner, *args, "search", "复议", env=env)
    assert bool(ANSI.search(result.stdout)) is ansi


def test_ctrl_c_exits_130_quietly(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("lawgov_cli.cli.read_commands.search_report", interrupted)
    result = run(runner, "search", "x")
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", "")


def test_closed_pipe_ends_quietly(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from lawgov_cli.formats import stream as output

    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    real = output.Output

    monkeypatch.setattr(
        "lawgov_cli.cli.state.Output", lambda color: real(color, stream=ClosedPipe())
    )
    result = run(runner, "search", "的")
    assert (result.exit_code, result.stderr) == (0, "")


def test_internal_error_is_one_line_and_debug_shows_the_traceback(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("lawgov_cli.cli.read_commands.select_metrics", broken)
    result = fails(runner, "metrics")
    assert result.stderr.splitlines()[0] == "lawgov: internal error: RuntimeError: boom"
    result = run(runner, "--debug", "metrics")
    assert result.exit_code == 2
    assert "Traceback" in result.stderr
    assert result.stderr.splitlines()[-2] == "lawgov: internal error: RuntimeError: boom"


def test_debug_keeps_the_exit_code_of_ordinary_errors(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "--debug", "--report", str(tmp_path / "x.toml"), "info")
    assert result.exit_code == 2
    assert "Traceback" in result.stderr
    assert result.stderr.endswith(f"lawgov: {tmp_path / 'x.toml'}: no such file\n")


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (
            ["search", "x", "-c", "-l"],
            "Invalid value for '--count' / '--ids'",
            "see 'lawgov search --help'",
        ),
        (["metrics", "--sort", "foo"], "Invalid value for '--sort'", "see 'lawgov metrics --help'"),
        (["--color", "bogus", "info"], "Invalid value for '--color'", "see 'lawgov --help'"),
        (["search"], "Missing argument 'TERM...'", "see 'lawgov search --help'"),
        (["nope"], "No such command 'nope'", "see 'lawgov --help'"),
        (["info", "--report", "x.toml"], "No such option: --report", "is a global option"),
    ],
)
def test_usage_errors_are_one_line_and_a_hint(
    runner: CliRunner, args: list[str], message: str, hint: str
) -> None:
    result = fails(runner, *args)
    first, second = result.stderr.splitlines()
    assert first.startswith(f"lawgov: {message}")
    assert second.startswith("lawgov: hint: ")
    assert hint in second


def test_write_errors_are_reported_plainly(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lawgov_cli.formats import stream as output

    class FullDisk(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

    real = output.Output
    monkeypatch.setattr("lawgov_cli.cli.state.Output", lambda color: real(color, stream=FullDisk()))
    result = fails(runner, "metrics")
    assert result.stderr == "lawgov: cannot write output: No space left on device\n"


def test_run_together_numerals_are_not_a_section(runner: CliRunner) -> None:
    result = fails(runner, "show", "六二")
    assert result.stderr.splitlines() == [
        "lawgov: no section '六二' in this report",
        "lawgov: hint: did you mean 六(二) (6.2)?",
    ]
    fails(runner, "metrics", "--section", "一二")


def test_empty_report_path(runner: CliRunner) -> None:
    assert fails(runner, "--report", "", "info").stderr == (
        "lawgov: empty report path: name a report file\n"
    )
    assert fails(runner, "--report", "", "validate").stderr.startswith(
        "lawgov: empty report path: name a report file\n"
    )


def test_unit_written_with_a_multiplier_gets_a_hint(runner: CliRunner) -> None:
    result = run(runner, "metrics", "--unit", "万元")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "lawgov: hint: values are stored multiplied out, in 元: try --unit 元\n"


def test_report_contradicting_its_text_is_refused(runner: CliRunner, write_report) -> None:
    path = write_report(MINIMAL.replace("value = 12", "value = 13"))
    result = fails(runner, "--report", str(path), "metrics")
    assert 'metrics[0].value: "12件" reads as 12 件, stored 13 件' in result.stderr


# --- get --------------------------------------------------------------------------------------


def test_get_prints_bare_values(runner: CliRunner) -> None:
    assert ok(runner, "get", "mediation.success-rate") == "97.52\n"
    assert ok(runner, "get", "mediation.total", "labour.wages-recovered") == "4231\n230000000\n"


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("figure", "800余件"),
        ("unit", "件"),
        ("qualifier", "余"),
        ("label", "政府法律顾问出具法律意见"),
        ("section", "2.1"),
        ("quote", "政府法律顾问共出具法律意见800余件"),
    ],
)
def test_get_fields(runner: CliRunner, field: str, expected: str) -> None:
    assert ok(runner, "get", "legal-advice.opinions", "--field", field) == expected + "\n"


def test_get_json(runner: CliRunner) -> None:
    [metric] = json.loads(ok(runner, "get", "mediation.amount", "--json"))
    assert (metric["value"], metric["unit"], metric["figure"]) == (566309900, "元", "56630.99万元")


def test_get_unknown_id_suggests(runner: CliRunner) -> None:
    result = fails(runner, "get", "mediation.totl")
    assert result.stdout == ""
    first, hint = result.stderr.splitlines()
    assert first == "lawgov: no metric 'mediation.totl' in this report"
    assert hint.startswith("lawgov: hint: did you mean mediation.total")


# --- found in review -------------------------------------------------------------------------


def test_validate_with_an_empty_path_is_an_error(runner: CliRunner) -> None:
    assert "empty report path" in fails(runner, "validate", "").stderr
    assert "empty checks path" in fails(runner, "check", "--file", "").stderr


def test_counts_do_not_depend_on_context(runner: CliRunner) -> None:
    plain_counts = ok(runner, "search", "执法", "-c")
    assert ok(runner, "search", "执法", "-c", "-C", "1") == plain_counts
    assert ok(runner, "search", "执法", "-l", "-C", "2") == ok(runner, "search", "执法", "-l")


def test_a_report_without_sections_is_refused(runner: CliRunner, write_report) -> None:
    text = "sections = []\n" + MINIMAL[: MINIMAL.index("[[sections]]")]
    assert (
        "at least one [[sections]]"
        in fails(runner, "--report", str(write_report(text)), "info").stderr
    )


def test_grep_ignores_case_in_quotes(runner: CliRunner, write_report) -> None:
    text = MINIMAL.replace("共办理案件12件", "共办理AR案件12件")
    assert ok(runner, "--report", str(write_report(text)), "metrics", "--grep", "ar").startswith(
        "cases.total\t"
    )


def test_a_bracketed_number_that_is_unique_is_a_section(runner: CliRunner, write_report) -> None:
    parts = (
        '\n[[sections]]\nid = "1"\nnumber = "一"\nseparator = "、"\ntitle = "甲"\n'
        '\n[[sections]]\nid = "1.1"\nnumber = "(一)"\ntitle = "乙"\n'
        '\n[[sections]]\nid = "1.2"\nnumber = "(二)"\ntitle = "丙"\n'
    )
    path = write_report(MINIMAL + parts)
    assert ok(runner, "--report", str(path), "show", "(二)") == "(二)丙\n"


def test_load_errors_point_to_validate_and_text_to_import(
    runner: CliRunner, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(
        MINIMAL.replace("year = 2024", 'year = "x"').replace("value = 12", "value = true"),
        encoding="utf-8",
    )
    assert (
        f"lawgov validate {broken} lists them all"
        in fails(runner, "--report", str(broken), "info").stderr
    )
    text = tmp_path / "report.txt"
    text.write_text(SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    assert f"lawgov import {text}" in fails(runner, "--report", str(text), "info").stderr


def test_usage_errors_stay_on_one_line(runner: CliRunner) -> None:
    first, hint = fails(runner, "export").stderr.splitlines()
    assert first.startswith("lawgov: Missing option '--format'")
    assert "text, md, csv, json, toml" in first
    assert hint == "lawgov: hint: see 'lawgov export --help'"


def test_an_expression_starting_with_a_minus_gets_a_hint(runner: CliRunner) -> None:
    result = fails(runner, "check", "-mediation.total < 0")
    assert "goes after --" in result.stderr


# --- edge cases found in review ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", " "], "lawgov: empty search term\n"),
        (["search", "-e", "x*"], "lawgov: regex 'x*' matches the empty string, so it would"),
        (["search", "--regex", "^"], "lawgov: regex '^' matches the empty string"),
    ],
)
def test_search_refuses_terms_that_would_match_everywhere_or_nowhere(
    runner: CliRunner, args: list[str], message: str
) -> None:
    assert fails(runner, *args).stderr.startswith(message)


def test_search_terms_ignore_surrounding_spaces(runner: CliRunner) -> None:
    assert ok(runner, "search", " 复议 ") == ok(runner, "search", "复议")


def test_search_json_lists_each_terms_match_even_when_they_touch(runner: CliRunner) -> None:
    hits = json.loads(ok(runner, "search", "调解", "成功率", "--all", "--json"))
    found = [m["match"] for hit in hits for m in hit["matches"]]
    assert "成功率" in found
    assert "调解成功率" not in found


def test_a_usage_error_points_at_the_commands_help(runner: CliRunner) -> None:
    result = fails(runner, "metrics", "--sort")
    assert result.stderr.endswith("lawgov: hint: see 'lawgov metrics --help'\n")


def test_a_report_path_from_the_environment_says_so(runner: CliRunner) -> None:
    result = run(runner, "sections", env={"LAWGOV_REPORT": "/no/such/report.toml"})
    assert result.exit_code == 2
    assert result.stderr == (
        "lawgov: /no/such/report.toml: no such file\n"
        "lawgov: hint: the report path comes from the LAWGOV_REPORT variable\n"
    )
    given = run(runner, "--report", "/no/such/report.toml", "sections")
    assert "LAWGOV_REPORT" not in given.stderr


@pytest.mark.parametrize(
    ("ref", "section"), [("3.", "3"), ("三、", "3"), ("一是", "6.1"), ("六二是", "6.2")]
)
def test_show_accepts_ids_as_the_report_writes_them(
    runner: CliRunner, ref: str, section: str
) -> None:
    assert json.loads(ok(runner, "show", ref, "--json"))["id"] == section


def test_validate_names_lawgov_report_when_the_path_came_from_it(runner: CliRunner) -> None:
    result = run(runner, "validate", env={"LAWGOV_REPORT": "/no/such/report.toml"})
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "lawgov: hint: the report path comes from the LAWGOV_REPORT variable\n"
    )


def test_search_refuses_a_regex_that_matches_only_empty_strings(runner: CliRunner) -> None:
    assert "matches only empty strings" in fails(runner, "search", "-e", "\\b").stderr


def test_search_all_with_a_missing_term_is_nothing_found_not_an_error(runner: CliRunner) -> None:
    assert run(runner, "search", "--all", "调解", "xyzzy").exit_code == 1


def test_an_ambiguous_show_suggests_only_forms_that_work(runner: CliRunner, write_report) -> None:
    text = MINIMAL.replace(
        "\n[[metrics]]",
        '\n[[sections]]\nid = "1"\nnumber = "一"\nseparator = "、"\ntitle = "甲"\n'
        '\n[[sections]]\nid = "1.1"\nnumber = "（一）"\ntitle = "乙"\n'
        '\n[[sections]]\nid = "1.1.1"\nnumber = "一是"\ntitle = "丙"\n'
        '\n[[sections]]\nid = "2"\nnumber = "二"\nseparator = "、"\ntitle = "丁"\n'
        '\n[[sections]]\nid = "2.1"\nnumber = "一是"\ntitle = "戊"\n'
        "\n[[metrics]]",
        1,
    )
    result = fails(runner, "--report", str(write_report(text)), "show", "一是")
    hint = result.stderr.splitlines()[-1]
    assert "（一）一是" not in hint
    assert "1.1.1" in hint


@pytest.mark.parametrize(
    "args",
    [["--report", "info", "metrics", "--sort"], ["--debug", "metrics", "--sort"]],
)
def test_the_hint_names_the_command_whatever_stands_before_it(
    runner: CliRunner, args: list[str]
) -> None:
    assert fails(runner, *args).stderr.endswith("hint: see 'lawgov metrics --help'\n")


def test_show_reads_a_chinese_reference_by_the_numbers_the_report_writes(
    runner: CliRunner, write_report
) -> None:
    """A curated file whose (七) sits at id 1.2 (numbering that skips): 一(七) finds it."""
    text = MINIMAL.replace(
        "\n[[metrics]]",
        '\n[[sections]]\nid = "1"\nnumber = "一"\nseparator = "、"\ntitle = "甲"\n'
        '\n[[sections]]\nid = "1.1"\nnumber = "（一）"\ntitle = "乙"\n'
        '\n[[sections]]\nid = "1.2"\nnumber = "（七）"\ntitle = "丙"\n'
        "\n[[metrics]]",
        1,
    )
    path = str(write_report(text))
    assert json.loads(ok(runner, "--report", path, "show", "一(七)", "--json"))["id"] == "1.2"
    assert json.loads(ok(runner, "--report", path, "show", "1.2", "--json"))["id"] == "1.2"


def test_a_piped_record_never_holds_a_carriage_return(runner: CliRunner) -> None:
    assert ok(runner, "check", "1 > 0\r") == "PASS\t1 > 0 \n"


def test_grep_reads_its_text_as_search_reads_a_term(runner: CliRunner) -> None:
    assert ok(runner, "metrics", "--grep", " 调解成功率 ") == ok(
        runner, "metrics", "--grep", "调解成功率"
    )
    assert "empty --grep text" in fails(runner, "metrics", "--grep", " ").stderr


def test_a_long_list_of_ids_in_a_hint_says_how_many_it_leaves_out() -> None:
    from lawgov_cli.core.queries import _or_list

    assert _or_list([str(n) for n in range(1, 11)]) == "1, 2, 3, 4, 5, 6, 7, 8 or one of 2 more"
    assert _or_list(["1.2", "2.2"]) == "1.2 or 2.2"


def test_a_circled_number_is_no_id_but_its_section_is_suggested(
    runner: CliRunner, write_report
) -> None:
    """Where ③ numbers section 1.3, `show ③` once showed part 3 (NFKC reads ③ as 3)."""
    text = MINIMAL.replace(
        "\n[[metrics]]",
        '\n[[sections]]\nid = "1"\nnumber = "一"\nseparator = "、"\ntitle = "甲"\n'
        + "".join(
            f'\n[[sections]]\nid = "1.{n}"\nnumber = "{mark}"\ntitle = "乙{n}"\n'
            for n, mark in enumerate("①②③", 1)
        )
        + '\n[[sections]]\nid = "2"\nnumber = "二"\nseparator = "、"\ntitle = "丙"\n'
        + '\n[[sections]]\nid = "3"\nnumber = "三"\nseparator = "、"\ntitle = "丁"\n'
        + "\n[[metrics]]",
        1,
    )
    report = str(write_report(text))
    result = fails(runner, "--report", report, "show", "③")
    assert result.stderr == (
        "lawgov: no section '③' in this report\n"
        "lawgov: hint: did you mean 1.3? (numbered ③ in the report)\n"
    )
    assert ok(runner, "--report", report, "show", "1.3").startswith("③乙3")
