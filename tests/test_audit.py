"""``lawgov audit``: each rule on real-shaped passing and failing texts (near-misses too), the
bundled Nanshan report, the sample library of excerpts, and the installed command.

SYNTHETIC DATA: every report built in this file (甲区, its dates, headings, sentences and
figures) is invented for the tests, in the shapes real reports use. None of it is a real
report's text or figure, except where a test reads data/report.toml or data/library/.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from conftest import REPO
from lawgov_cli.cli.spec import AUDIT_PROFILES
from lawgov_cli.core.audit import PROFILES, Result, audit, load_profile
from lawgov_cli.core.errors import LawgovError
from lawgov_cli.core.loading import load_report
from lawgov_cli.core.model import Metric, Report, Section
from lawgov_cli.core.numbers import parse_figure
from test_installed import lawgov

NATIONAL = load_profile("national")
SHENZHEN = load_profile("shenzhen")


def section(id: str, heading: str = "", text: str = "") -> Section:
    number, sep, title = heading.partition("、") if "、" in heading[:3] else ("", "", heading)
    return Section(id, number, title, text, sep)


def report(
    *sections: Section,
    metrics: tuple[Metric, ...] = (),
    date: dt.date | None = dt.date(2025, 2, 10),
    year: int | None = 2024,
    excerpt: str = "",
    title: str = "甲区2024年法治政府建设年度报告",
) -> Report:
    return Report(title, "甲区人民政府", date, year, "", sections, metrics, excerpt=excerpt)


def figure(section: str, quote: str, figure: str, label: str = "", indicator: str = "") -> Metric:
    value, unit, qualifier = parse_figure(figure)
    return Metric(
        f"m{abs(hash(quote + figure)) % 10**6}",
        section,
        label or quote,
        value,
        unit,
        figure,
        qualifier,
        quote,
        indicator,
    )


def result(rep: Report, rule: str) -> Result:
    [found] = [r for r in audit(rep, NATIONAL) if r.rule.id == rule]
    return found


# On time


def test_on_time_before_april_first_of_the_next_year() -> None:
    got = result(report(date=dt.date(2025, 3, 31)), "on-time")
    assert got.result == "pass"
    assert "2026-04-01" not in got.detail and "2025-04-01" in got.detail


@pytest.mark.parametrize(("day", "late"), [(dt.date(2025, 4, 1), 1), (dt.date(2025, 5, 10), 40)])
def test_late_says_by_how_many_days(day: dt.date, late: int) -> None:
    got = result(report(date=day), "on-time")
    assert got.result == "fail"
    assert f"{late} day" in got.detail


def test_no_date_or_no_year_is_unknown() -> None:
    assert result(report(date=None), "on-time").result == "unknown"
    untitled = report(year=None, title="甲区法治政府建设年度报告")
    assert result(untitled, "on-time").result == "unknown"


def test_no_year_in_the_header_but_the_title_states_it() -> None:
    got = result(report(year=None, date=dt.date(2025, 4, 20)), "on-time")
    assert got.result == "fail" and "for 2024" in got.detail
    assert got.evidence[0].quote == "甲区2024年法治政府建设年度报告"


def test_a_year_in_a_range_is_not_the_year_reported_on() -> None:
    opening = section("0", "", "2023-2024年,甲区深入推进法治政府建设。")
    rep = report(opening, year=None, title="甲区法治政府建设年度报告")
    assert result(rep, "on-time").result == "unknown"


# Contents


SHORTCOMINGS = section("7", "七、2024年度存在不足和原因", "(一)执法规范化水平有待提高。")
PLANS = section("8", "八、2025年工作计划", "继续推进法治政府建设。")
DUTY = section("1.2", "(二)切实履行推进法治政府建设第一责任人职责", "组织开展述法工作。")


@pytest.mark.parametrize(
    "heading",
    ["七、2024年度存在不足和原因", "五、存在问题", "三、存在的主要问题和原因", "四、困难和问题"],
)
def test_shortcomings_headings(heading: str) -> None:
    got = result(report(section("5", heading, "正文。")), "contents.shortcomings")
    assert got.result == "pass"
    assert got.evidence[0].section == "5"


@pytest.mark.parametrize(
    "heading",
    [
        "六、2023年度法治政府建设中存在问题的改进情况",  # the remedy of last year's problems
        "二、2023年度存在的不足",  # an earlier year's
        "三、深入排查存在问题的企业",  # no shortcoming of the government's
    ],
)
def test_shortcomings_near_misses_do_not_pass(heading: str) -> None:
    text = "开展排查,督促企业整改存在问题。" if "企业" in heading else "正文。"
    got = result(report(section("6", heading, text)), "contents.shortcomings")
    assert got.result == "fail", got


def test_shortcomings_without_a_heading_of_their_own() -> None:
    part = section(
        "5", "五、其他情况", "同时,我区法治政府建设还存在一些不足,执法规范化水平仍需提高。"
    )
    got = result(report(part), "contents.shortcomings")
    assert got.result == "pass" and "no heading of its own" in got.detail
    assert got.evidence[0].quote in part.text


def test_plans_heading_and_sentence() -> None:
    assert result(report(PLANS), "contents.plans").result == "pass"
    assert result(report(section("8", "八、下一步工作安排")), "contents.plans").result == "pass"
    said = section("5", "五、其他", "2025年,甲区将继续深化法治政府建设。")
    assert result(report(said), "contents.plans").result == "pass"


def test_plans_near_misses() -> None:
    stale = section("8", "八、2024年工作计划完成情况", "正文。")  # what was done, not next year's
    assert result(report(stale), "contents.plans").result == "fail"
    old = section("5", "五、其他", "2024年,甲区将继续深化改革。")  # the year reported on
    assert result(report(old), "contents.plans").result == "fail"


def test_first_responsible_person() -> None:
    assert result(report(DUTY), "contents.first-responsible").result == "pass"
    text = section("1.1", "(一)加强领导", "党政主要负责人认真履行推进法治建设第一责任人职责。")
    assert result(report(text), "contents.first-responsible").result == "pass"
    safety = section("3", "三、安全生产第一责任人责任落实", "落实安全生产第一责任人责任。")
    assert result(report(safety), "contents.first-responsible").result == "fail"


@pytest.mark.parametrize(
    "heading",
    [
        "(二)补齐基层法治短板",  # a measure that closes a gap is no shortcoming
        "(一)对标先进找差距,提升执法质量",
        "(二)补短板强弱项",
        "(二)着力解决群众反映的突出问题",
        "二、二〇二三年度存在的不足",  # an earlier year's, in Chinese numerals
        "二、二〇二三年度存在问题的整治成效",
    ],
)
def test_measures_against_shortcomings_are_no_shortcomings(heading: str) -> None:
    got = result(report(section("2", heading, "建成社区法律服务站。")), "contents.shortcomings")
    assert got.result == "fail", got


@pytest.mark.parametrize(
    "heading",
    ["(一)聚焦重点工作,统筹推进法治建设", "(三)突出工作重点", "三、二〇二四年工作计划完成情况回顾"],
)
def test_measures_are_no_plans(heading: str) -> None:
    assert result(report(section("1", heading, "正文。")), "contents.plans").result == "fail"


def test_one_heading_for_the_shortcomings_and_the_plans_passes_both() -> None:
    both = section("2", "二、存在的不足和下一步工作打算", "执法规范化水平仍需提高。")
    for rule in ("contents.shortcomings", "contents.plans"):
        got = result(report(both), rule)
        assert got.result == "pass" and got.evidence[0].section == "2", (rule, got)


def test_a_plan_is_no_evidence_of_what_was_done() -> None:
    """Inside the plans part, 压实…第一责任人职责 is next year's intent, and 补短板 a plan; a
    checklist item named there (数字政府) was not covered by the year's work."""
    plans = section("2", "二、2025年工作安排", "")
    duty = section("2.1", "(一)压实党政主要负责人履行推进法治建设第一责任人职责", "纳入考核。")
    gaps = section("2.2", "(二)补短板强弱项,存在的不足逐项整改", "推动基层执法规范化。")
    rep = report(section("1", "一、主要工作情况", "正文。"), plans, duty, gaps)
    assert result(rep, "contents.plans").result == "pass"
    assert result(rep, "contents.first-responsible").result == "fail"
    assert result(rep, "contents.shortcomings").result == "fail"
    digital = section("4", "四、下一步,将推进数字政府建设", "")
    [got] = [
        r
        for r in audit(report(section("1", "一、主要工作情况", "正文。"), digital), SHENZHEN)
        if r.rule.id == "checklist.digital"
    ]
    assert got.result == "fail", got
    # the same heading outside a plans part is the year's work
    done = section("1.3", "(三)推进数字政府建设", "")
    [got] = [r for r in audit(report(done), SHENZHEN) if r.rule.id == "checklist.digital"]
    assert got.result == "pass"


def test_with_no_year_in_the_header_the_title_gives_it_to_the_contents() -> None:
    old = section("2", "二、2023年度存在的不足", "正文。")
    plans = section("3", "三、2024年工作计划", "正文。")  # the year reported on: no plan
    rep = report(old, plans, year=None)
    assert result(rep, "contents.shortcomings").result == "fail"
    assert result(rep, "contents.plans").result == "fail"
    right = report(
        section("2", "二、2024年度存在的不足"), section("3", "三、2025年工作计划"), year=None
    )
    assert result(right, "contents.shortcomings").result == "pass"
    assert result(right, "contents.plans").result == "pass"


def test_with_the_year_unknown_a_dated_heading_is_no_plan() -> None:
    """Neither header nor title says the year: 一、2024年主要工作情况 is no plan for lack of a
    year to compare with (the plans' {next}年 then matches no heading)."""
    rep = report(section("1", "一、2024年主要工作情况", "正文。"), year=None, title="甲区报告")
    assert result(rep, "contents.plans").result == "fail"
    assert result(report(section("3", "三、下一步工作安排"), year=None, title="甲区报告"),
                  "contents.plans").result == "pass"  # fmt: skip


def test_a_date_before_the_year_reported_on_is_unknown() -> None:
    got = result(report(date=dt.date(2023, 6, 1)), "on-time")
    assert got.result == "unknown" and "before the year 2024" in got.detail
    assert result(report(date=dt.date(2024, 12, 31)), "on-time").result == "pass"


def test_an_excerpt_is_unknown_not_fail() -> None:
    cut = report(section("1", "一、主要工作成效", "正文"), excerpt="页面开头摘录")
    for rule in ("contents.shortcomings", "contents.plans", "has-data.reconsideration"):
        got = result(cut, rule)
        assert got.result == "unknown" and "excerpt" in got.detail


# Figures


def mediation(rate: str, succeeded: str = "4126宗") -> Report:
    text = f"调解纠纷4231宗,调解成功{succeeded},调解成功率达{rate},涉及金额56630.99万元。"
    metrics = (
        figure("4.1", "调解纠纷4231宗", "4231宗"),
        figure("4.1", f"调解成功{succeeded}", succeeded),
        figure("4.1", f"调解成功率达{rate}", rate),
    )
    return report(section("4.1", "(一)加强行政调解工作", text), metrics=metrics)


def test_a_rate_that_agrees_with_its_counts_within_rounding() -> None:
    got = result(mediation("97.52%"), "figures.rate")
    assert got.result == "pass"
    assert [e.quote for e in got.evidence] == [
        "调解纠纷4231宗",
        "调解成功4126宗",
        "调解成功率达97.52%",
    ]


@pytest.mark.parametrize("rate", ["97.53%", "97.6%", "96%"])
def test_a_rate_that_does_not(rate: str) -> None:
    got = result(mediation(rate), "figures.rate")
    assert got.result == "fail"
    assert rate in got.detail and "4126宗" in got.detail and "4231宗" in got.detail


def test_a_rate_stated_without_decimals_holds_within_a_whole_percent() -> None:
    assert result(mediation("98%"), "figures.rate").result == "pass"  # 97.52 rounds to 98


def test_a_rate_with_no_counts_is_unknown() -> None:
    text = "调解成功率达97.52%。"
    rep = report(
        section("4.1", "(一)调解", text), metrics=(figure("4.1", "调解成功率达97.52%", "97.52%"),)
    )
    assert result(rep, "figures.rate").result == "unknown"


def test_a_bound_is_not_taken_as_a_count() -> None:
    assert result(mediation("97.52%", "4126余宗"), "figures.rate").result == "unknown"


def cases(part: str) -> Report:
    text = f"共新收行政复议案件876宗,办结731件,其中调解结案案件{part}。"
    metrics = (
        figure("4.2", "共新收行政复议案件876宗", "876宗"),
        figure("4.2", "办结731件", "731件"),
        figure("4.2", f"其中调解结案案件{part}", part),
    )
    return report(section("4.2", "(二)行政复议", text), metrics=metrics)


def test_part_and_whole() -> None:
    assert result(cases("169宗"), "figures.part-whole").result == "pass"
    got = result(cases("769宗"), "figures.part-whole")
    assert got.result == "fail"
    assert "769宗" in got.detail and "731件" in got.detail  # the nearest whole, not 876宗
    assert [e.quote for e in got.evidence] == ["办结731件", "其中调解结案案件769宗"]


def sentence(id: str, text: str, *figures: str) -> Report:
    """A report of one section whose text is ``text``, with each of ``figures`` (quoted as the
    clause that holds it) as a figure."""
    clauses = [c for c in re.split("[,、;]", text.rstrip("。")) if c]
    metrics = tuple(figure(id, next(c for c in clauses if c.endswith(f)), f) for f in figures)
    return report(section(id, "(一)工作", text), metrics=metrics)


def test_a_count_of_a_change_is_no_whole() -> None:
    """比上年增加312宗 stands between the counts: the rate is of 4231宗, the part of 876宗."""
    rate = sentence(
        "1.2",
        "全年调解纠纷4231宗,比上年增加312宗,调解成功4126宗,调解成功率达97.52%。",
        "4231宗", "312宗", "4126宗", "97.52%",
    )  # fmt: skip
    got = result(rate, "figures.rate")
    assert got.result == "pass" and "312宗" not in " ".join(e.quote for e in got.evidence)
    part = sentence(
        "1.3", "共新收行政复议案件876宗,较上年增加200宗,其中调解结案案件300宗。",
        "876宗", "200宗", "300宗",
    )  # fmt: skip
    got = result(part, "figures.part-whole")
    assert got.result == "pass"
    assert [e.quote for e in got.evidence] == ["共新收行政复议案件876宗", "其中调解结案案件300宗"]


def test_a_part_after_a_clause_of_its_own_is_a_part() -> None:
    """其中,依法受理4955件: the comma after 其中 does not hide the part."""
    got = result(
        sentence("1.1", "收到行政复议申请620件,其中,依法受理4955件。", "620件", "4955件"),
        "figures.part-whole",
    )
    assert got.result == "fail" and "4955件" in got.detail and "620件" in got.detail
    holds = sentence("1.1", "收到行政复议申请6200件,其中,依法受理4955件。", "6200件", "4955件")
    assert result(holds, "figures.part-whole").result == "pass"


def test_the_figures_listed_after_a_part_are_not_checked() -> None:
    """After 其中, a 、 list may go on with parts (其中印发14件、备案6件) or with other counts
    (其中区政府文件20件、部门文件30件、提出修改意见120件, a re-trial's shape): the text does not
    say which, so only the first part is checked against its whole."""
    counts = "审查规范性文件50件,其中区政府文件20件、部门文件30件、提出修改意见120件。"
    got = result(sentence("1.2", counts, "50件", "20件", "30件", "120件"), "figures.part-whole")
    assert got.result == "pass" and "1 part" in got.detail, got
    bigger = "审查行政规范性文件15件,其中印发14件、备案60件。"
    got = result(sentence("1.2", bigger, "15件", "14件", "60件"), "figures.part-whole")
    assert got.result == "pass" and "60件" not in str(got.evidence)
    # a list without 其中 is no list of parts (共审查15件、印发14件、备案60件: three counts)
    plain = "共审查行政规范性文件15件、印发14件、备案60件。"
    assert result(sentence("1.2", plain, "15件", "14件", "60件"), "figures.part-whole").result == (
        "unknown"
    )


def test_a_part_in_another_unit_is_not_compared() -> None:
    text = "共办理案件120件,其中涉及金额300万元。"
    metrics = (
        figure("2", "共办理案件120件", "120件"),
        figure("2", "其中涉及金额300万元", "300万元"),
    )
    assert (
        result(report(section("2", "二、执法", text), metrics=metrics), "figures.part-whole").result
        == "unknown"
    )


def rates(quote: str, fig: str) -> Report:
    return report(section("5", "五、监督", f"{quote}。"), metrics=(figure("5", quote, fig),))


def test_over_100() -> None:
    assert result(rates("群众满意率达98.5%", "98.5%"), "figures.over-100").result == "pass"
    got = result(rates("群众满意率达105%", "105%"), "figures.over-100")
    assert got.result == "fail" and "105%" in got.detail
    # growth may pass 100%, and a % that names no rate is not judged
    assert result(rates("案件量同比增长120%", "120%"), "figures.over-100").result == "unknown"
    assert result(rates("完成年度目标的120%", "120%"), "figures.over-100").result == "unknown"


def cases_twice(again: str, lead: str = "") -> Report:
    first = figure(
        "4.2", "新收行政复议案件876宗", "876宗", "新收行政复议案件", "reconsideration.received"
    )
    second = figure(
        "8", f"新收行政复议案件{again}", again, "新收行政复议案件", "reconsideration.received"
    )
    body = (
        section("4.2", "(二)复议", "全年新收行政复议案件876宗。"),
        section("8", "八、其他", f"{lead}新收行政复议案件{again}。"),
    )
    return report(*body, metrics=(first, second))


def test_restated() -> None:
    got = result(cases_twice("867宗"), "figures.restated")
    assert got.result == "fail" and "876宗" in got.detail and "867宗" in got.detail
    same = result(cases_twice("876宗"), "figures.restated")
    assert same.result == "pass" and "1 quantity stated twice checked" in same.detail
    assert result(report(section("4.2", "(二)复议", "x")), "figures.restated").result == "unknown"


@pytest.mark.parametrize(
    "lead", ["2021年改革以来,累计", "其中,上半年,", "近三年", "各街道平均每月"]
)
def test_restated_leaves_a_count_of_another_span_alone(lead: str) -> None:
    """累计, 上半年, 以来…: the same label counts another span or part, so no contradiction."""
    got = result(cases_twice("3120宗", lead), "figures.restated")
    assert got.result == "unknown" and "nothing to compare" in got.detail


def test_restated_with_nothing_stated_twice_is_unknown_not_pass() -> None:
    one = figure("4.2", "新收行政复议案件876宗", "876宗", "新收", "reconsideration.received")
    rep = report(section("4.2", "(二)复议", "新收行政复议案件876宗。"), metrics=(one,))
    got = result(rep, "figures.restated")
    assert got.result == "unknown" and "1 figure of canonical indicators" in got.detail


def test_has_data() -> None:
    tagged = figure("4.2", "新收行政复议案件876宗", "876宗", "新收", "reconsideration.received")
    rep = report(section("4.2", "(二)复议", "新收行政复议案件876宗。"), metrics=(tagged,))
    assert result(rep, "has-data.reconsideration").result == "pass"
    got = result(rep, "has-data.litigation")
    assert got.result == "fail" and "litigation." in got.detail


# The bundled report, the sample library, the profiles


def test_the_bundled_nanshan_report() -> None:
    got = {r.rule.id: r for r in audit(load_report(str(REPO / "data" / "report.toml")), NATIONAL)}
    assert got["on-time"].result == "pass" and "2024-12-31" in got["on-time"].detail
    assert [e.section for e in got["contents.shortcomings"].evidence] == ["7"]  # not 六
    assert [e.section for e in got["contents.plans"].evidence] == ["8"]
    assert [e.section for e in got["contents.first-responsible"].evidence] == ["1.2"]
    assert got["figures.rate"].result == "pass"
    assert got["figures.part-whole"].result == "pass"
    # 92宗 已结案行政诉讼案件: closed cases, litigation.closed (its only 行政诉讼 figure)
    assert got["has-data.litigation"].result == "pass"
    assert [e.quote for e in got["has-data.litigation"].evidence] == ["已结案行政诉讼案件92宗"]
    # each canonical quantity is stated once: nothing to compare, and nothing else is not pass
    assert got["figures.restated"].result == "unknown"
    assert [r for r in got.values() if r.result != "pass"] == [got["figures.restated"]]


def test_the_sample_library_audits_honestly() -> None:
    shenzhen = load_profile("shenzhen")
    for file in sorted((REPO / "data" / "library").glob("*.toml")):
        rep = load_report(str(file))
        for r in audit(rep, shenzhen):
            if rep.excerpt and r.rule.group in ("contents", "checklist", "has-data"):
                assert r.result != "fail", (file.name, r)
            if r.result == "pass" and r.rule.group in ("contents", "checklist"):
                assert r.evidence, (file.name, r)


def test_profiles() -> None:
    assert AUDIT_PROFILES == PROFILES
    shenzhen = load_profile("shenzhen")
    ids = [r.id for r in shenzhen.rules]
    assert ids[: len(NATIONAL.rules)] == [r.id for r in NATIONAL.rules]
    assert len([r for r in shenzhen.rules if r.group == "checklist"]) == 8
    for rule in shenzhen.rules:
        assert rule.id.isascii() and rule.source["document"], rule
    with pytest.raises(LawgovError, match="no audit rule"):
        NATIONAL.rule("contents.shortcoming")


def test_a_decision_deployment_is_not_a_decision_rule() -> None:
    shenzhen = load_profile("shenzhen")
    rep = report(section("1.1", "(一)深入学习贯彻党中央决策部署", "正文。"))
    [got] = [r for r in audit(rep, shenzhen) if r.rule.id == "checklist.decisions"]
    assert got.result == "fail"


# The installed command


def test_installed_audit(tmp_path: Path) -> None:
    one = lawgov("audit", cwd=tmp_path)
    assert one.returncode == 0, one.stdout  # every rule passes
    lines = [line.split("\t") for line in one.stdout.splitlines()]
    assert lines[0][:2] == ["on-time", "pass"]
    assert ["contents.shortcomings", "pass", "7「七、2024年度存在不足和原因」"] in lines
    records = json.loads(lawgov("audit", "--json", cwd=tmp_path).stdout)
    assert {"rule", "name", "group", "result", "detail", "evidence"} <= set(records[0])
    library = str(REPO / "data" / "library")
    several = lawgov("--report", library, "audit", "--csv", cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(several.stdout)))
    assert rows[0]["report"] == "futian-2023"
    excerpts = [r for r in rows if r["report"] != "nanshan-2024" and r["group"] == "contents"]
    assert excerpts and all(r["result"] != "fail" for r in excerpts)


def test_installed_audit_exits_and_errors(tmp_path: Path) -> None:
    excerpt = REPO / "data" / "library" / "futian-2023.toml"
    ok = lawgov("--report", str(excerpt), "audit", cwd=tmp_path)
    assert ok.returncode == 0, ok.stdout  # unknown alone does not fail
    strict = lawgov("--report", str(excerpt), "audit", "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    # synthetic: the bundled report dated after the deadline fails on-time alone
    late = tmp_path / "late.toml"
    text = (REPO / "data" / "report.toml").read_text(encoding="utf-8")
    late.write_text(text.replace("date = 2024-12-31", "date = 2025-04-02", 1), "utf-8")
    failed = lawgov("--report", str(late), "audit", cwd=tmp_path)
    assert failed.returncode == 1, failed.stderr
    assert [line.split("\t")[:2] for line in failed.stdout.splitlines() if "\tfail\t" in line] == [
        ["on-time", "fail"]
    ]
    explain = lawgov("audit", "--explain", "on-time", cwd=tmp_path)
    assert explain.returncode == 0 and "第二十四条" in explain.stdout
    assert "second-hand" in explain.stdout
    wrong = lawgov("audit", "--explain", "on-tim", cwd=tmp_path)
    assert wrong.returncode == 2 and wrong.stdout == ""
    assert wrong.stderr.splitlines()[0] == "lawgov: no audit rule 'on-tim'"
    bad = tmp_path / "bad.toml"
    bad.write_text("not toml [", encoding="utf-8")
    mixed = lawgov("--report", str(bad), "--report", str(excerpt), "audit", cwd=tmp_path)
    assert mixed.returncode == 2
    assert "bad.toml" in mixed.stderr and "Traceback" not in mixed.stderr
    assert mixed.stdout.startswith("futian-2023\ton-time\tpass")
    # nothing written beside the inputs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml", "late.toml"]


@pytest.mark.parametrize("columns", [80, 40, 24])
def test_the_reports_by_rules_table_drops_no_mark_on_a_narrow_terminal(
    tmp_path: Path, columns: int
) -> None:
    """Too narrow for every rule's column, the table is drawn in parts: each report shows a
    mark for every rule, and every line fits."""
    import re

    library = str(REPO / "data" / "library")
    drawn = lawgov(
        "--report", library, "--color", "always", "audit", "--profile", "shenzhen",
        cwd=tmp_path, env={"COLUMNS": str(columns)},
    )  # fmt: skip
    assert drawn.returncode == 1, drawn.stderr
    lines = re.sub(r"\x1b\[[0-9;]*m", "", drawn.stdout).splitlines()
    rules = len(load_profile("shenzhen").rules)
    marks = [line for line in lines if line.startswith("nanshan-2024 ")]
    assert sum(len(re.findall("[✓✗?]", line)) for line in marks) == rules
    table = [line for line in lines if re.search("[✓✗?]", line) and not line.startswith(" ")]
    assert all(len(line.rstrip()) <= columns for line in table)


def test_each_section_is_split_into_sentences_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The figures rules place every figure in its sentence: a section is split once for the
    whole audit, not once per figure and rule (a report of 12,000 figures ran past two minutes;
    about 0.7 s now). Counted, not timed."""
    import lawgov_cli.core.audit_figures as figures_module

    calls: list[str] = []
    real = figures_module.sentences

    def counting(text: str) -> list[tuple[int, int, str]]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(figures_module, "sentences", counting)
    # synthetic: 100 streets' mediation in one section, 300 streets' cases in another
    first = "".join(f"第{i}街道调解纠纷100宗,调解成功90宗,调解成功率达90%。" for i in range(100))
    second = "".join(f"第{i}街道办结{i + 1}件,其中调解结案{i}件。" for i in range(300))
    metrics = tuple(figure("1.1", f"第{i}街道调解纠纷100宗", "100宗") for i in range(100))
    metrics += tuple(figure("1.2", f"其中调解结案{i}件", f"{i}件") for i in range(1, 300))
    rep = report(
        section("1.1", "(一)调解", first), section("1.2", "(二)复议", second), metrics=metrics
    )
    audit(rep, NATIONAL)
    assert len(calls) == 2


def test_piped_and_csv_evidence(tmp_path: Path) -> None:
    """CSV's evidence column is empty when a result has none (its detail has a column of its
    own); a piped on-time line whose year came from the title keeps the dates of its detail."""
    untitled = tmp_path / "noyear.toml"
    text = (REPO / "data" / "report.toml").read_text(encoding="utf-8")
    untitled.write_text(text.replace("year = 2024\n", "", 1), "utf-8")  # synthetic: no year
    piped = lawgov("--report", str(untitled), "audit", cwd=tmp_path).stdout.splitlines()
    [on_time] = [line for line in piped if line.startswith("on-time\t")]
    assert on_time.split("\t")[2].startswith("published 2024-12-31, before the deadline")
    assert "「南山区人民政府2024年法治政府建设年度报告」" in on_time
    rows = list(csv.DictReader(io.StringIO(lawgov("audit", "--csv", cwd=tmp_path).stdout)))
    restated = next(r for r in rows if r["rule"] == "figures.restated")
    assert restated["evidence"] == "" and "nothing to compare" in restated["detail"]


def test_an_opening_claim_far_into_its_sentence() -> None:
    """福田区's 2024 opening (a real page opening, excerpt) states 法治政府建设各项工作取得新成效
    about 80 characters into its first sentence: the measures' sentence reaches it."""
    futian = load_report(str(REPO / "data" / "library" / "futian-2024.toml"))
    opening = section("0", "", futian.sections[0].text)
    got = result(report(opening), "contents.measures")
    assert got.result == "pass" and "取得新成效" in got.evidence[0].quote


# The re-trial's shapes (SYNTHETIC texts, as above)


def test_a_heading_of_the_years_work_and_its_shortcomings_sets_nothing_apart() -> None:
    """一、2024年工作成效和存在的不足 holds the year's work too: the measures, the duty and the
    checklist still read it (they failed when the part was set apart whole)."""
    rep = report(
        section("1", "一、2024年工作成效和存在的不足"),
        section("1.1", "(一)完善依法行政制度", "审查行政规范性文件15件。"),
        section("1.2", "(二)切实履行推进法治建设第一责任人职责", "组织述法。"),
        section("1.3", "(三)存在的不足", "执法规范化水平有待提高。"),
    )
    for rule in ("contents.measures", "contents.shortcomings", "contents.first-responsible"):
        assert result(rep, rule).result == "pass", rule
    [got] = [r for r in audit(rep, SHENZHEN) if r.rule.id == "checklist.institutions"]
    assert got.result == "pass"


@pytest.mark.parametrize(
    "heading", ["二、存在的主要问题", "二、2025年工作计划和存在的不足", "二、存在问题及原因分析"]
)
def test_more_shortcomings_headings(heading: str) -> None:
    got = result(report(section("2", heading, "执法规范化水平有待提高。")), "contents.shortcomings")
    assert got.result == "pass", got


def test_targets_in_the_plans_are_no_data() -> None:
    """力争办结行政复议案件1000件 in the plans part is a target, not a figure of the year."""
    target = figure(
        "3.1", "力争办结行政复议案件1000件", "1000件", "办结行政复议案件", "reconsideration.closed"
    )
    plans = (
        section("3", "三、2025年工作计划"),
        section("3.1", "(一)深化复议改革", "力争办结行政复议案件1000件。"),
    )
    got = result(report(*plans, metrics=(target,)), "has-data.reconsideration")
    assert got.result == "fail", got
    done = figure(
        "1", "办结行政复议案件731件", "731件", "办结行政复议案件", "reconsideration.closed"
    )
    body = section("1", "一、主要工作", "办结行政复议案件731件。")
    both = report(body, *plans, metrics=(done, target))
    assert result(both, "has-data.reconsideration").result == "pass"
    assert result(both, "figures.restated").result == "unknown"  # 1000件 is no restatement


def test_a_list_after_a_new_clause_is_no_list_of_parts() -> None:
    """其中印发14件;清理规章、规范性文件200件: the 、 joins two nouns of a new clause."""
    text = "审查行政规范性文件15件,其中印发14件;清理规章、规范性文件200件。"
    got = result(sentence("1", text, "15件", "14件", "200件"), "figures.part-whole")
    assert got.result == "pass" and "1 part" in got.detail, got


def test_a_whole_in_a_list_leaves_the_part_unclear() -> None:
    """受理咨询3500件、投诉1200件,其中咨询类办结3400件: of which of the two? Not checked."""
    text = "受理咨询3500件、投诉1200件,其中咨询类办结3400件。"
    rep = sentence("1", text, "3500件", "1200件", "3400件")
    assert result(rep, "figures.part-whole").result == "unknown"


def test_a_scope_word_of_another_figure_does_not_hide_a_restatement() -> None:
    """累计开展宣传活动20场,新收行政复议案件900宗: the 累计 is the 20场's."""
    first = figure(
        "1", "新收行政复议案件876宗", "876宗", "新收行政复议案件", "reconsideration.received"
    )
    events = figure("2", "累计开展宣传活动20场", "20场")
    again = figure(
        "2", "新收行政复议案件900宗", "900宗", "新收行政复议案件", "reconsideration.received"
    )
    rep = report(
        section("1", "一、复议", "全年新收行政复议案件876宗。"),
        section("2", "二、宣传", "累计开展宣传活动20场,新收行政复议案件900宗。"),
        metrics=(first, events, again),
    )
    got = result(rep, "figures.restated")
    assert got.result == "fail" and "900宗" in got.detail


def test_the_second_re_trials_shapes() -> None:
    """SYNTHETIC texts of a second re-trial: a plans heading naming 举措 or 主要工作 is still a
    plans part set apart; the year's way of working (创新工作思路) is no plan; 存在问题 after
    主要成效 is the shortcomings; an earlier year's shortcomings or a year alone are not; a
    scope word before a 、 list covers the list."""
    for heading in ("三、下一步工作举措", "三、2025年主要工作安排", "三、下一步主要工作"):
        plans = section("3", heading)
        duty = section("3.1", "(一)压实法治建设第一责任人职责", "纳入考核。")
        rep = report(section("1", "一、主要工作情况", "正文。"), plans, duty)
        assert result(rep, "contents.first-responsible").result == "fail", heading
    work = (section("1", "一、主要工作情况"), section("1.2", "(二)创新工作思路,提升复议质效", "x"))
    assert result(report(*work), "contents.plans").result == "fail"
    mixed = section("2", "二、2024年法治政府建设主要成效及存在问题", "执法水平有待提高。")
    assert result(report(mixed), "contents.shortcomings").result == "pass"
    earlier = section("2", "二、2023年存在的不足和2025年工作计划", "x")
    assert result(report(earlier), "contents.shortcomings").result == "fail"
    alone = section("2", "二、2025年存在的不足", "x")
    assert result(report(alone), "contents.plans").result == "fail"
    first = figure(
        "1.1", "办结行政复议案件731件", "731件", "办结行政复议案件", "reconsideration.closed"
    )
    half = figure(
        "1.2", "办结行政复议案件380件", "380件", "办结行政复议案件", "reconsideration.closed"
    )
    received = figure("1.2", "上半年新收行政复议案件400宗", "400宗", "新收行政复议案件")
    rep = report(
        section("1.1", "(一)复议", "办结行政复议案件731件。"),
        section("1.2", "(二)上半年", "上半年新收行政复议案件400宗、办结行政复议案件380件。"),
        metrics=(first, received, half),
    )
    assert result(rep, "figures.restated").result == "unknown"


def test_measures_under_topic_headings() -> None:
    """A third trial's shape (SYNTHETIC): parts headed by topic hold the year's work and its
    figures, and the opening claims no 成效: the measures are those parts. Without figures,
    or only inside the plans, they are not."""
    opening = section("0", "", "2024年,南湾区坚持以习近平法治思想为指导,依法行政水平持续提升。")
    topic = section("1", "一、坚持党的领导,统筹推进法治政府建设")
    work = section("1.1", "(一)强化执法", "全区办理行政处罚案件3200件。")
    fig = figure("1.1", "全区办理行政处罚案件3200件", "3200件")
    got = result(report(opening, topic, work, metrics=(fig,)), "contents.measures")
    assert got.result == "pass" and [e.section for e in got.evidence] == ["1"], got
    assert result(report(opening, topic, work), "contents.measures").result == "fail"
    plans = section("1", "一、2025年工作计划")
    target = section("1.1", "(一)强化执法", "力争办理行政处罚案件3200件。")
    aim = figure("1.1", "力争办理行政处罚案件3200件", "3200件")
    assert result(report(opening, plans, target, metrics=(aim,)), "contents.measures").result == (
        "fail"
    )


@pytest.mark.parametrize("mark", [";", ","])
def test_a_rate_is_read_within_its_statement(mark: str) -> None:
    """出庭应诉率98.5% is no rate of 其中纠错11件 (a 复议 count) and 一审行政应诉案件40件: its
    count of cases a leader attended is not stated (a third trial's SYNTHETIC shape)."""
    text = (
        f"新收行政复议案件88件,其中纠错11件{mark}一审行政应诉案件40件,"
        "行政机关负责人出庭应诉率98.5%。"
    )
    rep = sentence("2.2", text, "88件", "11件", "40件", "98.5%")
    assert result(rep, "figures.rate").result == "unknown"
