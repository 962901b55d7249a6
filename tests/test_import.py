"""lawgov import: invented fixtures of every supported form, and the round trip on our report."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SOURCE
from lawgov_cli import Report, load_report
from lawgov_cli.cli.app import app
from lawgov_cli.cli.report_toml import report_toml
from lawgov_cli.core.errors import ImportFailure
from lawgov_cli.core.model import render_sections
from lawgov_cli.core.validation import validate_file
from lawgov_cli.importer.build import Overrides, import_report
from lawgov_cli.importer.outline import read_outline
from lawgov_cli.importer.page import read_page
from lawgov_cli.importer.readers.text import decode
from test_cli import fails, ok, run

FIXTURES = Path(__file__).parent / "fixtures" / "import"
NAMES = sorted(p.name.removesuffix(".txt") for p in FIXTURES.glob("*.txt"))


def expected(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))


def raw(name: str) -> bytes:
    return (FIXTURES / f"{name}.txt").read_bytes()


def test_there_are_fixtures_for_every_form() -> None:
    assert len(NAMES) >= 4
    encodings = {expected(n)["encoding"] for n in NAMES}
    assert {"utf-8", "utf-8-sig", "gb18030"} <= encodings


@pytest.mark.parametrize("name", NAMES)
def test_fixture_header_facts(name: str) -> None:
    want = expected(name)
    text, encoding = decode(raw(name), name)
    assert encoding == want["encoding"]
    page = read_page(text)
    assert (page.title, str(page.date), page.issuer, page.year) == (
        want["title"],
        want["date"],
        want["issuer"],
        want["year"],
    )
    assert page.body[0] == want["body_first_line"]
    assert page.body[-1] == want["body_last_line"]


@pytest.mark.parametrize("name", NAMES)
def test_fixture_outline(name: str) -> None:
    text, _ = decode(raw(name), name)
    sections = read_outline(read_page(text).body)
    assert [(s.id, s.number, s.title) for s in sections] == [
        (s["id"], s["number"], s["title"]) for s in expected(name)["sections"]
    ]


@pytest.mark.parametrize("name", NAMES)
def test_fixture_figures(name: str) -> None:
    report = import_report(raw(name), name).report
    assert [(m.section, m.figure, m.value, m.unit, m.qualifier) for m in report.metrics] == [
        (m["section"], m["figure"], m["value"], m["unit"], m["qualifier"])
        for m in expected(name)["metrics"]
    ]
    for metric in report.metrics:
        assert metric.figure not in expected(name)["not_figures"]


@pytest.mark.parametrize("name", NAMES)
def test_imported_fixture_validates(name: str, tmp_path: Path) -> None:
    imported = import_report(raw(name), name)
    path = tmp_path / f"{name}.toml"
    path.write_text(report_toml(imported, "source.txt"), encoding="utf-8")
    assert validate_file(path).problems == []
    assert load_report(path).render_text() == imported.report.render_text()


def curated_figures(report: Report) -> list[tuple[str, object, str, str, str]]:
    return [(m.section, m.value, m.unit, m.qualifier, m.figure) for m in report.metrics]


def test_round_trip_on_our_report(report: Report) -> None:
    """Importing the source text gives the curated section tree and every figure."""
    imported = import_report(SOURCE.read_bytes(), SOURCE.name).report
    assert imported.sections == report.sections
    assert curated_figures(imported) == curated_figures(report)
    assert imported.render_text() == report.render_text()
    assert (imported.title, imported.issuer, imported.date, imported.year) == (
        report.title,
        report.issuer,
        report.date,
        report.year,
    )


def test_a_page_without_a_title_gets_a_descriptive_one_and_says_so() -> None:
    imported = import_report(SOURCE.read_bytes(), SOURCE.name)
    assert imported.report.title == "南山区人民政府2024年法治政府建设年度报告"
    assert any("descriptive" in note for note in imported.notes)
    assert "# The source has no title line" in report_toml(imported, "source.txt")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"\x00\x01binary\x00" * 10, "binary data"),
        (bytes(range(256)) * 4, "binary"),
        (b"just some English text\n", "no Chinese text"),
        ("一、测试".encode() + b"\xff\xfe\xfa", "not UTF-8 or GB18030/GBK text"),
    ],
)
def test_what_is_not_a_report_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(ImportFailure, match=message):
        import_report(data, "x.txt")


def test_utf16_is_read() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    imported = import_report(text.encode("utf-16"), "x.txt")
    assert imported.encoding == "utf-16"
    assert len(imported.report.metrics) == 58


def test_missing_facts_are_written_as_absent_and_said() -> None:
    body = "2024年,本区全面推进法治政府建设。\n一、主要工作\n(一)办案。办理案件12件。\n"
    imported = import_report(body.encode(), "x.txt")
    assert (imported.report.date, imported.report.year) == (None, 2024)
    said = [n for n in imported.notes if "--date" in n]
    assert len(said) == 1 and said[0].startswith("No publication date found")
    given = Overrides(date=dt.date(2025, 1, 2), issuer="某区人民政府")
    report = import_report(body.encode(), "x.txt", given).report
    assert (report.date, report.year, report.title) == (
        dt.date(2025, 1, 2),
        2024,
        "某区人民政府2024年法治政府建设年度报告",
    )
    # No year anywhere, published in June: neither fact is guessed.
    no_year = "时间:2025-06-02\n本区全面推进法治政府建设。\n"
    imported = import_report(no_year.encode(), "x.txt")
    assert (imported.report.date, imported.report.year) == (dt.date(2025, 6, 2), None)
    assert imported.report.title == "法治政府建设年度报告"
    said = [n for n in imported.notes if "--year" in n]
    assert len(said) == 1 and said[0].startswith("Cannot tell the year reported on")
    nothing = import_report("本区全面推进法治政府建设。\n".encode(), "x.txt")
    assert (nothing.report.date, nothing.report.year) == (None, None)
    assert [n.split(" ")[0] for n in nothing.notes][-2:] == ["No", "Cannot"]


def test_a_marker_out_of_sequence_is_text() -> None:
    body = ["一、第一部分", "(一)甲。正文。", "(三)不是小标题,是正文。", "二、第二部分"]
    sections = read_outline(body)
    assert [s.id for s in sections] == ["1", "1.1", "2"]
    assert sections[1].text == "正文。\n(三)不是小标题,是正文。"


def test_addressee_and_speech_lines_are_not_parts() -> None:
    page = read_page(
        "某某报告\n——在全区工作会议上的讲话\n2025年1月2日\n区委:\n2024年,全区推进法治建设。\n"
    )
    assert page.title == "某某报告"
    assert page.body[0] == "区委:"
    assert [s.id for s in read_outline(page.body)] == ["0"]


# --- the command ------------------------------------------------------------------------------


def test_import_command_writes_next_to_the_source(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "nanshan.txt"
    source.write_bytes(SOURCE.read_bytes())
    result = run(runner, "import", str(source))
    assert result.exit_code == 0, result.stderr
    target = tmp_path / "nanshan.toml"
    assert result.stderr == (
        f"lawgov: wrote {target} (31 sections, 58 figures)\n"
        f"lawgov: {source}: note: The source has no title line: this title is descriptive, "
        "not quoted.\n"
        f"lawgov: {source}: note: The year reported on, 2024, is read from the opening sentence "
        "(2024年,南山区人民政…), not the title: check it, or give --year YYYY.\n"
    )
    assert result.stdout == ""
    data = json.loads(ok(runner, "--report", str(target), "info", "--json"))
    assert data["metrics"] == 58
    assert ok(runner, "validate", str(target)) == ""
    assert {p.name for p in tmp_path.iterdir()} == {"nanshan.txt", "nanshan.toml"}


def test_import_never_overwrites_without_force(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out.toml"
    target.write_text("mine", encoding="utf-8")
    result = fails(runner, "import", str(SOURCE), "-o", str(target))
    assert "already exists, not overwritten" in result.stderr
    assert "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["out.toml"]  # no temporary file left
    assert run(runner, "import", str(SOURCE), "-o", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Imported by lawgov")


def test_import_to_stdout_and_from_stdin(runner: CliRunner) -> None:
    result = run(runner, "import", str(SOURCE), "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Imported by lawgov")
    assert result.stderr.startswith(f"lawgov: {SOURCE}: note: The source has no title line")
    result = runner.invoke(app, ["import", "-"], input=SOURCE.read_bytes())
    assert result.exit_code == 0
    assert "[[metrics]]" in result.stdout


def test_import_a_directory_with_a_bad_file(runner: CliRunner, tmp_path: Path) -> None:
    sources = tmp_path / "in"
    sources.mkdir()
    for name in ("qinghe-2024", "yunling-2024"):
        (sources / f"{name}.txt").write_bytes(raw(name))
    (sources / "broken.txt").write_bytes(b"\x00\x01\x02")
    out = tmp_path / "out"
    result = run(runner, "import", str(sources), "-o", str(out))
    assert result.exit_code == 2
    assert sorted(p.name for p in out.iterdir()) == ["qinghe-2024.toml", "yunling-2024.toml"]
    assert result.stderr.splitlines()[-3:] == [
        "lawgov: imported 2 of 3 sources: 42 sections, 43 figures, 0 notes",
        "lawgov: not imported: 1 of 3 sources:",
        f"lawgov:   {sources / 'broken.txt'}: binary data (NUL bytes), not report text",
    ]


def test_import_errors(runner: CliRunner, tmp_path: Path) -> None:
    assert "no such file" in fails(runner, "import", str(tmp_path / "none.txt")).stderr
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = fails(runner, "import", str(empty))
    assert "empty file" in result.stderr
    assert not (tmp_path / "empty.toml").exists()
    assert "not a date" in fails(runner, "import", str(SOURCE), "--date", "2024-13-01").stderr


# --- export -----------------------------------------------------------------------------------


def test_export_text_reproduces_the_source(runner: CliRunner, source_lines: list[str]) -> None:
    assert ok(runner, "export", "-f", "text") == "\n".join(source_lines[1:-1]) + "\n"


def test_export_toml_loads_back_to_the_same_report(
    runner: CliRunner, tmp_path: Path, report: Report
) -> None:
    path = tmp_path / "canonical.toml"
    result = run(runner, "export", "-f", "toml", "-o", str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"lawgov: wrote {path}\n")
    assert load_report(path) == report


def test_export_json_is_the_whole_report(runner: CliRunner) -> None:
    data = json.loads(ok(runner, "export", "-f", "json"))
    assert set(data) == {"report", "sections", "metrics", "checks"}
    assert data["report"]["date"] == "2024-12-31"
    assert len(data["sections"]) == 31
    assert len(data["metrics"]) == 58
    assert data["sections"][21]["same_line"] is False
    assert data["sections"][22]["same_line"] is True


def test_export_markdown(runner: CliRunner) -> None:
    md = ok(runner, "export", "-f", "md")
    assert md.startswith("# 南山区人民政府2024年法治政府建设年度报告\n")
    assert "\n## 四、健全社会矛盾纠纷行政预防调处化解体系,不断促进社会公平正义\n" in md
    assert "\n### (一)加强行政调解工作\n" in md
    assert "| `mediation.success-rate` | 4.1 | 调解成功率 | 97.52% | 97.52 | % |" in md


def test_export_csv_for_excel(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    assert run(runner, "export", "-f", "csv", "--excel", "-o", str(path)).exit_code == 0
    data = path.read_bytes()
    assert data.startswith(
        b"\xef\xbb\xbfid,section,label,value,unit,figure,qualifier,quote,indicator\r\n"
    )
    assert "--excel goes with --format csv" in fails(runner, "export", "-f", "md", "--excel").stderr


def test_export_never_overwrites_without_force(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("mine", encoding="utf-8")
    assert "already exists" in fails(runner, "export", "-f", "md", "-o", str(path)).stderr
    assert path.read_text(encoding="utf-8") == "mine"


# --- writing files: permissions, what is not a regular file, batches -------------------------


def test_written_files_get_ordinary_permissions(runner: CliRunner, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.toml"
        assert run(runner, "import", str(SOURCE), "-o", str(fresh)).exit_code == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "kept.md"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o640)
        assert run(runner, "export", "-f", "md", "-o", str(kept), "--force").exit_code == 0
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_force_never_replaces_what_is_not_a_regular_file(runner: CliRunner, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = fails(runner, "export", "-f", "md", "-o", str(fifo), "--force")
    assert "not a regular file" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_symlink_is_written_through(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert run(runner, "export", "-f", "md", "-o", str(link), "--force").exit_code == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_several_sources_need_a_directory(runner: CliRunner, tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(raw("qinghe-2024"))
    b.write_bytes(raw("donghu-2024"))
    result = fails(runner, "import", str(a), str(b), "-o", str(tmp_path / "one.toml"))
    assert "several sources need a directory" in result.stderr
    assert not (tmp_path / "one.toml").exists()


def test_a_failed_import_leaves_no_directory(runner: CliRunner, tmp_path: Path) -> None:
    fails(runner, "import", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "new") + "/")
    assert not (tmp_path / "new").exists()


def test_a_damaged_file_in_a_batch_does_not_stop_the_others(
    runner: CliRunner, tmp_path: Path
) -> None:
    good, damaged = tmp_path / "good.txt", tmp_path / "damaged.txt"
    good.write_bytes(raw("qinghe-2024"))
    damaged.write_bytes(b"\xef\xbb\xbf" + "一、测试".encode() + b"\xff\xfe")
    result = run(runner, "import", str(good), str(damaged), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "damaged.txt: starts as utf-8-sig" in result.stderr
    assert (tmp_path / "out" / "good.toml").exists()


def test_the_year_must_be_a_year(runner: CliRunner) -> None:
    assert "--year" in fails(runner, "import", str(SOURCE), "-o", "-", "--year", "24").stderr


@pytest.mark.parametrize(("year", "accepted"), [(1899, False), (1900, True), (2101, False)])
def test_import_takes_the_years_the_loader_takes(
    runner: CliRunner, year: int, accepted: bool
) -> None:
    args = ["import", str(SOURCE), "-o", "-", "--year", str(year), "--date", "2101-01-01"]
    result = run(runner, *args)
    assert result.exit_code == (0 if accepted else 2), result.stderr
    if accepted:  # and what import writes, the loader takes (import checks it loads back)
        assert f"\nyear = {year}\n" in result.stdout
    else:
        assert "--year" in result.stderr


def test_the_year_reported_on_is_not_after_the_publication_date(runner: CliRunner) -> None:
    args = ["import", str(SOURCE), "-o", "-", "--year", "2030"]
    result = fails(runner, *args, "--date", "2025-01-10")
    assert "'--year': 2030 is later than the publication date 2025-01-10" in result.stderr
    assert result.stdout == ""
    # The page's own date (2024-12-31) bounds --year too.
    assert (
        "--year 2030 is later than the publication date 2024-12-31" in fails(runner, *args).stderr
    )
    assert run(runner, *args[:-1], "2025", "--date", "2025-01-10").exit_code == 0


def test_a_bad_date_names_the_option(runner: CliRunner) -> None:
    result = fails(runner, "import", str(SOURCE), "-o", "-", "--date", "2025-13-01")
    assert "'--date': '2025-13-01' is not a date" in result.stderr


# --- importer rules found in a user trial ----------------------------------------------------


PAGE = """\
某区2024年法治政府建设情况报告
发布时间:2025-01-02
2024年,某区推进法治政府建设。
一、主要工作
(一)办理行政复议案件120件。全年纠错率为5.2%。
(二)完善制度建设。一是出台文件8件;二是开展检查30次;三是办结事项2万余件。
(三)规范办理时限。企业开办不超过3个工作日,不到300家企业、不足5%的事项、控制在5%以内。
扫一扫在手机打开当前页
相关附件:
1.某区考核细则.docx
主办单位:某区人民政府
"""


def test_figures_in_headings_are_kept() -> None:
    report = import_report(PAGE.encode(), "x.txt").report
    by_section = [(m.section, m.figure) for m in report.metrics]
    assert ("1.1", "120件") in by_section
    assert ("1.1", "5.2%") in by_section
    assert [f for s, f in by_section if s.startswith("1.2.")] == ["8件", "30次", "2万余件"]


def test_fewer_than_is_a_qualifier_and_working_days_a_unit() -> None:
    report = import_report(PAGE.encode(), "x.txt").report
    found = {m.figure: (m.value, m.unit, m.qualifier) for m in report.metrics}
    assert found["不超过3个工作日"] == (3, "个工作日", "不超过")  # not 超过: at most 3
    assert found["不到300家"] == (300, "家", "不到")
    assert found["不足5%"] == (5, "%", "不足")
    assert found["5%以内"] == (5, "%", "以内")


def test_page_footer_after_the_chrome_is_not_report_text() -> None:
    report = import_report(PAGE.encode(), "x.txt").report
    assert [s.id for s in report.sections] == [
        "0",
        "1",
        "1.1",
        "1.2",
        "1.2.1",
        "1.2.2",
        "1.2.3",
        "1.3",
    ]
    assert "docx" not in report.render_text()
    assert "主办单位" not in report.render_text()


def test_markdown_escapes_what_would_become_a_list() -> None:
    from lawgov_cli.formats.documents import _md_text

    assert _md_text("12. 不是列表") == "12\\. 不是列表"
    assert _md_text("12) 不是列表") == "12\\) 不是列表"
    assert _md_text("# 不是标题") == "\\# 不是标题"
    assert _md_text("97.52%") == "97.52%"


# --- 一是…二是… runs (audit 4) ----------------------------------------------------------------


def outline_of(body: str) -> list[tuple[str, str, str]]:
    """(id, number, title) of each section; the sections must render back to the body."""
    lines = body.splitlines()
    sections = read_outline(lines)
    assert render_sections(sections) == "\n".join(lines) + "\n"
    return [(s.id, s.number, s.title) for s in sections]


def test_a_shi_run_before_the_first_part_stays_text() -> None:
    body = (
        "2024年，石门镇抓了三方面工作：一是强化学法，学法6次。二是规范执法。三是化解纠纷。\n"
        "一、工作成效\n"
        "（一）强化学法。全年学法6次。\n"
        "（二）规范执法。办理案件31宗。\n"
    )
    assert outline_of(body) == [
        ("0", "", ""),
        ("1", "一", "工作成效"),
        ("1.1", "（一）", "强化学法"),
        ("1.2", "（二）", "规范执法"),
    ]


def test_a_real_marker_takes_the_level_of_a_shi_run_before_it() -> None:
    body = (
        "一、工作成效\n"
        "全年工作有两个特点。一是覆盖广。二是效果好。\n"
        "（一）强化学法。主要做法：一是集中学。二是专题学。\n"
        "1.集中学法。集中学法4次。\n"
        "2.专题学法。专题学法2次。\n"
        "（二）规范执法。办理案件31宗。\n"
    )
    assert outline_of(body) == [
        ("1", "一", "工作成效"),
        ("1.1", "（一）", "强化学法"),
        ("1.1.1", "1", "集中学法"),
        ("1.1.2", "2", "专题学法"),
        ("1.2", "（二）", "规范执法"),
    ]
    sections = read_outline(body.splitlines())
    assert sections[0].text == "全年工作有两个特点。一是覆盖广。二是效果好。"
    assert sections[1].text == "主要做法：一是集中学。二是专题学。"


def test_shi_items_one_a_line_are_a_run() -> None:
    body = (
        "一、工作成效\n"
        "一是强化学法。全年学法6次。\n"
        "二是规范执法。办理案件31宗。\n"
        "三是化解纠纷。调解纠纷58宗。\n"
        "二、存在问题\n"
        "一是经费不足。\n"
        "另起一段说明。\n"
        "二是队伍不强；三是宣传不够。\n"
        "三、下一步打算\n"
        "一是加强培训。\n"
        "（一）完善机制。\n"
    )
    assert outline_of(body) == [
        ("1", "一", "工作成效"),
        ("1.1", "一是", "强化学法"),
        ("1.2", "二是", "规范执法"),
        ("1.3", "三是", "化解纠纷"),
        ("2", "二", "存在问题"),
        ("2.1", "一是", "经费不足"),
        ("2.2", "二是", "队伍不强"),
        ("2.3", "三是", "宣传不够"),
        ("3", "三", "下一步打算"),
        ("3.1", "（一）", "完善机制"),
    ]


def test_a_lone_yishi_is_text_after_a_heading_and_in_a_paragraph() -> None:
    """一是 with no 二是 after it is text: in a run-in heading's text and in a paragraph
    followed by another."""
    body = (
        "一、工作成效\n(一)强化学法。一是集中学习。\n全年工作有一个特点。一是覆盖广。\n另起一段。\n"
    )
    assert outline_of(body) == [("1", "一", "工作成效"), ("1.1", "(一)", "强化学法")]
    assert read_outline(body.splitlines())[1].text == (
        "一是集中学习。\n全年工作有一个特点。一是覆盖广。\n另起一段。"
    )


def test_a_shi_run_after_a_stop_that_starts_the_line_keeps_the_stop() -> None:
    body = "一、工作成效\n：一是集中学。二是专题学。\n"
    assert outline_of(body) == [
        ("1", "一", "工作成效"),
        ("1.1", "一是", "集中学"),
        ("1.2", "二是", "专题学"),
    ]
    assert read_outline(body.splitlines())[0].text == "："


def test_a_shi_run_starts_after_a_word_ending_in_a_numeral_and_shi() -> None:
    """统一是 (a word, not at a sentence start) is passed over; the run after the colon is read."""
    body = "一、工作成效\n规范统一是关键：一是统一标准。二是统一流程。\n"
    assert outline_of(body) == [
        ("1", "一", "工作成效"),
        ("1.1", "一是", "统一标准"),
        ("1.2", "二是", "统一流程"),
    ]


def test_a_shi_run_a_real_marker_undoes_keeps_the_text_of_its_items() -> None:
    paragraph = "全年工作有两个特点。一是覆盖广。全区12个街道全覆盖。二是效果好。"
    body = f"一、工作成效\n{paragraph}\n（一）强化学法。\n"
    assert outline_of(body) == [("1", "一", "工作成效"), ("1.1", "（一）", "强化学法")]
    assert read_outline(body.splitlines())[0].text == paragraph


def test_a_stop_right_after_a_marker_ends_an_empty_title() -> None:
    [part] = read_outline(["一、。全区推进法治建设。"])
    assert (part.number, part.title, part.heading_end, part.text) == (
        "一",
        "",
        "。",
        "全区推进法治建设。",
    )


# --- the page footer (audit 4) -----------------------------------------------------------------


FOOTER_WORD = """\
石门镇人民政府2024年法治政府建设年度报告
时间：2024-12-25
2024年，石门镇坚持依法行政。
一、自觉接受监督
全年办理人大代表建议35件、政协提案28件。
承办单位均在规定时限内答复，满意率100%。
二、存在问题
基层执法力量不足，专职法治人员仅3名。
主办单位：石门镇人民政府 技术支持：某某公司
版权所有©2024 石门镇
"""


def test_a_sentence_starting_with_a_footer_word_is_report_text() -> None:
    imported = import_report(FOOTER_WORD.encode(), "x.txt")
    assert [s.id for s in imported.report.sections] == ["0", "1", "2"]
    assert imported.report.sections[-1].text == "基层执法力量不足，专职法治人员仅3名。"
    assert imported.notes == ()


def test_sentences_dropped_after_the_footer_are_noted(runner: CliRunner) -> None:
    page = FOOTER_WORD.replace("二、存在问题", "联系我们\n二、存在问题")
    imported = import_report(page.encode(), "x.txt")
    assert [s.id for s in imported.report.sections] == ["0", "1"]
    assert imported.notes == (
        "1 sentence(s) after the page footer were left out, the first: "
        "基层执法力量不足，专职法治人员仅3名。",
    )
    result = runner.invoke(app, ["import", "-", "-o", "-"], input=page.encode())
    assert result.exit_code == 0
    assert "lawgov: stdin: note: 1 sentence(s) after the page footer were left out" in (
        result.stderr
    )


def test_figures_after_inline_circled_numbers_are_found_and_validate() -> None:
    page = (
        "石门镇2024年法治政府建设年度报告\n时间：2024-12-25\n"
        "一、开展专项检查\n检查对象包括：①5家重点企业；②3个街道；③12所学校。\n"
    )
    report = import_report(page.encode(), "x.txt").report
    assert [(m.figure, m.value, m.unit) for m in report.metrics] == [
        ("5家", 5, "家"),
        ("3个", 3, "个"),
        ("12所", 12, "所"),
    ]


def test_big5_is_refused_and_traditional_gbk_is_read() -> None:
    text = raw("baisha-2023").decode("utf-8")
    with pytest.raises(ImportFailure, match=r"GB18030/GBK text \(it looks like Big5\)"):
        decode(text.encode("big5"), "x.txt")
    assert decode(text.encode("gbk"), "x.txt") == (text, "gb18030")


# --- page chrome and header lines (audit 4) -----------------------------------------------------

TITLE = "柳溪区司法局2024年法治政府建设年度报告"
OPENING = "2024年，柳溪区司法局依法履职，办理案件36件。\n一、主要做法\n审查文件12件。\n"


@pytest.mark.parametrize(
    "chrome",
    [
        "字号：T|T",
        "【大】【中】【小】",
        "字体：【大 中 小】",
        "【 字体：大 中 小 】",
        "阅读：1234",
        "点击数：56",
        "首页 / 政务公开 / 法治报告",
        "首页 | 政务公开 | 法治报告",
        "您当前的位置：首页 > 政务公开",
        "扫一扫在手机上打开当前页",
        "打印本页|关闭窗口",
        "浏览次数：1234 字号：大 中 小 打印本页",
        "【字体：大 中 小】【打印】【关闭】",
    ],
)
def test_chrome_is_not_the_title_nor_the_end_of_the_body(chrome: str) -> None:
    page = read_page(
        f"{chrome}\n{TITLE}\n发布时间：2024-12-31\n{chrome}\n{OPENING}{chrome}\n"
        "二、下一步打算\n继续努力。\n"
    )
    assert page.title == TITLE
    assert page.body == [*OPENING.splitlines(), "二、下一步打算", "继续努力。"]
    assert page.dropped == []


@pytest.mark.parametrize(
    ("header", "date", "issuer"),
    [
        ("发布时间 2024-12-31", "2024-12-31", ""),
        ("[ 2024-12-31 ]", "2024-12-31", ""),
        (
            "发布时间：\uff12\uff10\uff12\uff14\uff0d\uff11\uff12\uff0d\uff13\uff11",
            "2024-12-31",
            "",
        ),
        ("时  间：2024-12-31  来  源：柳溪区司法局", "2024-12-31", "柳溪区司法局"),
        ("来源：柳溪区司法局 作者：办公室 时间：2024-12-31", "2024-12-31", "柳溪区司法局"),
        ("时间：2024-12-31 来源：柳溪区司法局 分享到：", "2024-12-31", "柳溪区司法局"),
        ("来源：柳溪区司法局　　浏览次数：56\n发布时间：2024-12-31", "2024-12-31", "柳溪区司法局"),
        ("成文日期：2024年12月28日\n发布日期：2024年12月31日", "2024-12-31", ""),
        ("更新时间：2025-01-05\n发布时间：2024-12-31", "2024-12-31", ""),
        ("成文日期：2024-12-28\n更新时间：2024-12-31", "2024-12-31", ""),
        (
            "索引号：000000000-2024-00123\n分类：法治政府建设；报告\n发布机构：柳溪区人民政府\n"
            "成文日期：2024-12-31\n文号：无\n主题词：法治政府",
            "2024-12-31",
            "柳溪区人民政府",
        ),
    ],
)
def test_header_lines(header: str, date: str, issuer: str) -> None:
    title = "柳溪区2024年法治政府建设年度报告"  # a place, no issuer: the page's fields tell
    page = read_page(f"首页 > 政务公开\n{header}\n{title}\n{OPENING}")
    assert (page.title, str(page.date), page.issuer) == (title, date, issuer)
    assert page.body == OPENING.splitlines()


# --- where a batch writes (audit 4) ------------------------------------------------------------


def test_two_sources_never_write_one_file(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_bytes(raw("qinghe-2024"))
    (tmp_path / "b" / "x.txt").write_bytes(raw("donghu-2024"))
    out = tmp_path / "out"
    args = ["import", str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt")]
    result = fails(runner, *args, "-o", str(out), "--force")
    assert "would both be written to" in result.stderr
    assert result.stderr.count("lawgov: ") == 2  # the error and its hint, once
    assert not out.exists()


def test_import_never_writes_over_its_own_source(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "same.toml"
    source.write_bytes(raw("qinghe-2024"))
    assert "would write over it" in fails(runner, "import", str(source), "--force").stderr
    other = tmp_path / "x.txt"
    other.write_bytes(raw("qinghe-2024"))
    assert "would write over it" in fails(runner, "import", str(other), "-o", str(other)).stderr
    assert source.read_bytes() == other.read_bytes() == raw("qinghe-2024")


@pytest.mark.parametrize("output", ["one.toml", "-"])
def test_a_batch_usage_error_is_said_once(runner: CliRunner, tmp_path: Path, output: str) -> None:
    sources = []
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_bytes(raw("qinghe-2024"))
        sources.append(str(tmp_path / f"{name}.txt"))
    result = fails(runner, "import", *sources, "-o", output)
    assert len([line for line in result.stderr.splitlines() if "hint" not in line]) == 1
    assert "of 3 sources not imported" not in result.stderr
    assert result.stdout == ""


def test_an_empty_output_is_a_usage_error(runner: CliRunner) -> None:
    assert "is empty" in fails(runner, "import", str(SOURCE), "-o", "").stderr
    assert "is empty" in fails(runner, "export", "-f", "md", "-o", "").stderr
    assert "is empty" in fails(runner, "export", "-f", "md", "-o", " ").stderr
    assert "empty source path" in fails(runner, "import", "").stderr


def test_export_to_a_directory_path_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    result = fails(runner, "export", "-f", "csv", "-o", str(tmp_path / "sub") + "/")
    assert "names a directory; export writes one file" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_spaces_after_a_marker_are_not_in_the_title() -> None:
    body = "一、 工作成效\n（一）\u3000强化学法。全年学法6次。\n1. 集中学法。集中学法4次。\n"
    assert outline_of(body) == [
        ("1", "一", "工作成效"),
        ("1.1", "（一）", "强化学法"),
        ("1.1.1", "1", "集中学法"),
    ]
    assert [s.separator for s in read_outline(body.splitlines())] == ["、 ", "\u3000", ". "]


def test_a_tiny_report_is_written_with_arrays_of_tables() -> None:
    page = "柳溪区2024年法治政府建设年度报告\n时间：2024-12-31\n2024年，办案3件。\n"
    text = report_toml(import_report(page.encode(), "x.txt"), "x.txt")
    assert '\n[[sections]]\nid = "0"\n' in text
    assert "\n[[metrics]]\n" in text
    assert "sections = [" not in text
    assert text.index("[report]") < text.index("[[sections]]")


def test_years_and_dates_in_chinese_numerals() -> None:
    page = read_page(
        "白鹭镇人民政府二〇二四年法治政府建设年度报告\n"
        "今年以来，白鹭镇认真落实法治政府建设各项任务。\n一、主要工作\n办理案件15件。\n"
        "白鹭镇人民政府\n二〇二五年一月十日\n"
    )
    assert (page.year, str(page.date), page.issuer) == (2024, "2025-01-10", "白鹭镇人民政府")
    assert page.title == "白鹭镇人民政府二〇二四年法治政府建设年度报告"
    assert read_page("某报告\n发布日期：二○二四年十二月三十一日\n2024年，办案3件。\n").date == (
        dt.date(2024, 12, 31)
    )


# --- review 2: disclosure fields, who issued a report -----------------------------------------


FIELD_TITLE = "桂湾街道2024年法治政府建设工作报告"
FIELD_BODY = "2024年，桂湾街道推进法治建设。\n一、主要工作\n召开专题会议6次。\n"


@pytest.mark.parametrize(
    "field",
    ["名称：", "标题：", "标　　题：", "名　　称：", "文件名称：", "标 题:", "名稱："],
)
def test_a_title_field_is_metadata_not_part_of_the_title(field: str) -> None:
    header = f"索引号：000111/2025-00007\n发布日期：2025-01-08\n{field}{FIELD_TITLE}\n文号：无\n"
    page = read_page(f"{header}{FIELD_TITLE}\n{FIELD_BODY}")
    assert page.title == FIELD_TITLE
    assert page.body == FIELD_BODY.splitlines()
    # With no title line, the field's value is the title; up to the next field on its line.
    page = read_page(f"{header}{FIELD_BODY}".replace("\n文号", "　　文号"))
    assert page.title == FIELD_TITLE
    assert page.body == FIELD_BODY.splitlines()


ISSUER_PAGE = """\
发布机构：{posted}
发布时间：2025-01-22  来源：{source}
{title}
2024年，全区推进法治政府建设。
一、主要工作
审议重大行政决策事项12项。
{signature}2025年1月20日
"""


@pytest.mark.parametrize(
    ("title", "posted", "source", "signature", "issuer"),
    [
        # the signature first
        ("桂湾区人民政府关于2024年度法治政府建设情况的报告", "桂湾区政府办", "桂湾区司法局",
         "桂湾区人民政府\n", "桂湾区人民政府"),
        ("桂湾区2024年法治政府建设年度报告", "桂湾区政府办", "桂湾区司法局",
         "桂湾区人民政府\n", "桂湾区人民政府"),
        # then the body the title names, before 关于 or before the year
        ("桂湾区人民政府关于2024年度法治政府建设情况的报告", "桂湾区政府办", "桂湾区司法局",
         "", "桂湾区人民政府"),
        ("桂湾区司法局2024年法治政府建设年度报告", "桂湾区政府办", "", "", "桂湾区司法局"),
        ("桂湾区应急管理局二〇二四年法治政府建设年度报告", "桂湾区政府办", "", "",
         "桂湾区应急管理局"),
        # then 发布机构, then 来源 (a place in the title names no issuer)
        ("桂湾区2024年法治政府建设年度报告", "桂湾区政府办", "桂湾区司法局", "", "桂湾区政府办"),
        ("桂湾区2024年法治政府建设年度报告", "", "桂湾区司法局", "", "桂湾区司法局"),
    ],
)  # fmt: skip
def test_who_issued_a_report(
    title: str, posted: str, source: str, signature: str, issuer: str
) -> None:
    text = ISSUER_PAGE.format(title=title, posted=posted, source=source, signature=signature)
    text = text.replace("发布机构：\n", "").replace("  来源：\n", "\n")
    assert read_page(text).issuer == issuer


def test_the_publishing_body_beats_the_source_whatever_the_order() -> None:
    page = read_page(
        "来源：桂湾区司法局\n发布机构：桂湾区政府办\n桂湾区2024年法治政府建设年度报告\n"
        "发布时间：2025-01-22\n2024年，全区办理案件8件。\n"
    )
    assert page.issuer == "桂湾区政府办"


# --- review 2: where a directory writes -------------------------------------------------------


@pytest.mark.parametrize("count", [1, 2])
def test_a_directory_source_always_writes_into_a_directory(
    runner: CliRunner, tmp_path: Path, count: int
) -> None:
    sources = tmp_path / "in"
    sources.mkdir()
    names = ["qinghe-2024", "donghu-2024"][:count]
    for name in names:
        (sources / f"{name}.txt").write_bytes(raw(name))
    out = tmp_path / "out"
    assert run(runner, "import", str(sources), "-o", str(out)).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.toml" for n in names)
    # A file where the directory should be, a file name, or stdout: refused, nothing written.
    taken = tmp_path / "taken"
    taken.write_text("mine", encoding="utf-8")
    for output in (str(taken), str(tmp_path / "one.toml"), "-"):
        result = fails(runner, "import", str(sources), "-o", output)
        assert "need" in result.stderr and "a directory" in result.stderr
        assert result.stdout == ""
    assert taken.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out", "taken"]


@pytest.mark.parametrize(
    "args",
    [
        ["import", str(SOURCE), "-o", "/dev/stdout"],
        ["export", "-f", "toml", "-o", "/dev/stdout"],
    ],
)
def test_dev_stdout_is_stdout(runner: CliRunner, args: list[str]) -> None:
    result = run(runner, *args)
    assert result.exit_code == 0, result.stderr
    assert "[report]" in result.stdout
    assert "[[metrics]]" in result.stdout
    assert "wrote" not in result.stderr


def test_check_on_an_imported_report_suggests_one_of_its_own_figures(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "qinghe.txt"
    source.write_bytes(raw("qinghe-2024"))
    assert run(runner, "import", str(source)).exit_code == 0
    target = tmp_path / "qinghe.toml"
    first = load_report(target).metrics[0].id
    result = fails(runner, "--report", str(target), "check")
    assert result.stderr == (
        "lawgov: this report has no [[checks]] of its own\n"
        f"lawgov: hint: give an expression, as in lawgov check '{first} > 0', or --file\n"
    )
    assert ok(runner, "--report", str(target), "check", f"{first} > 0").startswith("PASS")


def test_a_heading_above_the_closing_date_is_no_signature() -> None:
    page = read_page(
        "桂湾区司法局2024年法治政府建设年度报告\n2024年，全区办理案件8件。\n一、主要工作\n"
        "办理案件5件。\n二、下一步工作计划\n2025年1月2日\n"
    )
    assert page.issuer == "桂湾区司法局"
    assert page.body[-1] == "二、下一步工作计划"


def test_layout_characters_the_loader_refuses_are_dropped_on_import() -> None:
    """A form feed or a right-to-left override in the source is layout, not words: the import
    drops it rather than fail its own check of the report it writes."""
    text = (
        "柳溪区2024年法治政府建设年度报告\n发布时间：2025-01-10\n"
        "2024年，柳溪区\u202e持续推进法治建设。\f\n一、工作成效\n全年学法6次。\n"
    )
    imported = import_report(text.encode("utf-8"), "bidi.txt", Overrides())
    assert "\u202e" not in report_toml(imported, "source.txt")
    assert "\f" not in report_toml(imported, "source.txt")
    assert [m.figure for m in imported.report.metrics] == ["6次"]


def test_an_endless_source_is_refused(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from lawgov_cli.core.loading import files as loader

    # A device is not read at all; stdin is read up to the limit.
    message = "/dev/zero: is a character device, not a regular file"
    assert message in fails(runner, "import", "/dev/zero", "-o", "-").stderr
    monkeypatch.setattr(loader, "MAX_INPUT_BYTES", 1024)
    result = runner.invoke(app, ["import", "-", "-o", "-"], input=b"\0" * 2048)
    assert result.exit_code == 2
    assert "stdin: more than" in result.stderr


def test_a_numbering_that_restarts_imports_and_reads_by_its_numbers(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Two 一是/二是 runs in one part: ids run on (2.3, 2.4), numbers restart; the report must
    still load, and `show` finds a section by the numbers the page shows."""
    source = tmp_path / "restart.txt"
    source.write_text(
        "柳溪区2024年法治政府建设年度报告\n发布时间：2024-12-31\n2024年，柳溪区持续推进法治建设。\n"
        "一、存在问题\n一是学法不够深入。\n二是执法不够规范。\n"
        "二、下一步工作\n一是加强学习。\n二是强化培训。\n一是完善制度。\n二是严格考核。\n",
        encoding="utf-8",
    )
    out = tmp_path / "restart.toml"
    assert run(runner, "import", str(source), "-o", str(out)).exit_code == 0
    assert validate_file(out).problems == []
    assert ok(runner, "--report", str(out), "show", "一一是") == "一是学法不够深入。\n"
    ambiguous = fails(runner, "--report", str(out), "show", "二一是")
    assert "use its id: 2.1 or 2.3" in ambiguous.stderr


def test_export_creates_the_directory_it_writes_into_as_import_does(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "new" / "report.md"
    assert run(runner, "export", "-f", "md", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# ")
