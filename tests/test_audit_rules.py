"""``lawgov audit``: the rules a trial found no test held (a profile mutated so that a rule always
passed, or never did, left every test green): contents.measures, each of the 8 checklist items
of the Shenzhen profile, has-data.any, the year read from the opening sentence, and the installed
command's single-report checklist and ``--explain RULE --json``.

SYNTHETIC DATA: every report built in this file (甲区, its dates, sentences and figures) is
invented for the tests. Its headings and sentences take the shapes real reports use: some are
headings of data/report.toml (the bundled Nanshan report) or of the real page openings in
../shared/samples (excerpts: cut after about 700 characters), where a comment says so; the
reports that hold them are not real. Tests of the installed command read data/report.toml.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from lawgov_cli.core.audit import Result, audit
from lawgov_cli.core.loading import load_report
from lawgov_cli.core.model import Metric, Report, Section
from test_audit import NATIONAL, SHENZHEN, figure, report, result, section
from test_installed import lawgov

PLAIN = "五、其他工作"  # a heading that names no content and no checklist item


def checked(rep: Report, rule: str) -> Result:
    """The result of ``rule`` of the Shenzhen profile (the national rules and the checklist)."""
    [found] = [r for r in audit(rep, SHENZHEN) if r.rule.id == rule]
    return found


def named(name: str, values: list[str]) -> list[Any]:
    """Parameters with ASCII ids (``name`` and a number): Chinese ids would show as escapes."""
    return [pytest.param(v, id=f"{name}{n}") for n, v in enumerate(values)]


def by_heading(heading: str, text: str = "甲区召开专题会议2次。") -> Report:
    return report(section("3", heading, text))


def by_sentence(text: str) -> Report:
    return report(section("5", PLAIN, text))


# 1. contents.measures


@pytest.mark.parametrize(
    "heading",
    named(
        "heading",
        [
            "一、2024年主要工作成效",
            "一、主要工作成效",  # 福田 2024 (excerpt)
            "一、主要举措和成效",  # 罗湖 2025 (excerpt)
            "一、2024年主要工作情况",  # 光明 2024 (excerpt)
            "一、推进法治政府建设的主要举措和成效",
            "一、二〇二四年主要工作开展情况",
        ],
    ),
)
def test_measures_headings(heading: str) -> None:
    got = result(by_heading(heading), "contents.measures")
    assert got.result == "pass" and got.detail == "heading of section 3", got
    assert [e.quote for e in got.evidence] == [heading]


@pytest.mark.parametrize(
    "opening",
    named(
        "opening",
        [
            # the bundled report's opening sentence (data/report.toml), 南山 for 甲区
            "2024年,甲区人民政府全面贯彻党的二十大和二十届三中全会精神,深入贯彻习近平法治思想,"
            "推动法治政府建设取得积极成效。现将有关情况报告如下:",
            "2024年,甲区深入推进依法行政,各项工作取得明显成效。",
        ],
    ),
)
def test_measures_claimed_in_the_opening_sentence_alone(opening: str) -> None:
    body = section("1", "一、深入学习贯彻习近平法治思想", "全年开展专题学习12次。")
    got = result(report(section("0", "", opening), body), "contents.measures")
    assert got.result == "pass" and "no heading of its own" in got.detail, got
    [evidence] = got.evidence
    assert evidence.section == "0" and "成效" in evidence.quote and evidence.quote in opening


@pytest.mark.parametrize(
    "part",
    [
        section("1", "一、2023年主要工作成效", "全年开展专题学习12次。"),  # an earlier year's
        section("5", "五、存在的不足和问题", "执法规范化水平仍需提高。"),  # shortcomings
        section("6", "六、2025年工作计划", "持续深化法治政府建设。"),  # plans
        section("0", "", "2023年,甲区法治政府建设取得显著成效。"),  # an earlier year's results
        section("0", "", "甲区法治政府建设虽取得一定成效,但与群众期待相比仍有不足。"),
        section("2", "二、基本情况", "甲区辖8个街道,常住人口约180万人。"),  # none of it
    ],
    ids=["2023", "shortcomings", "plans", "2023-sentence", "but-shortcomings", "none"],
)
def test_measures_near_misses_fail(part: Section) -> None:
    got = result(report(part), "contents.measures")
    assert got.result == "fail", got


# 2. The 8 checklist items of the Shenzhen profile: (headings that pass, a sentence that passes
# with no heading of its own, headings that must not pass, sentences that must not pass)

CHECKLIST = {
    "checklist.organisation": (
        [
            "一、坚持党的全面领导,切实履行法治政府建设第一责任人职责",  # 坪山 2025 (excerpt)
            "一、深入学习贯彻党的二十大精神和习近平法治思想,加大法治政府建设统筹推进力度",  # 南山
            "(一)加强组织领导",
        ],
        "区委、区政府主要负责人带头履行推进法治建设第一责任人职责。",
        [
            "(四)加强领导干部法治培训",
            "三、统筹推进城市更新和土地整备",
            "(二)压实安全生产第一责任人责任",
        ],
        ["组织领导干部旁听行政诉讼庭审2次。", "各街道主要负责人履行安全生产第一责任人职责。"],
    ),
    "checklist.functions": (
        [
            "二、优化政府职能,打造法治化营商环境",  # 坪山 2024 (excerpt)
            "(二)健全政府机构职能体系,推动更好发挥政府作用",  # 福田 2023 (excerpt)
            "(一)推进政务服务规范化、便利化",  # 坪山 2024 (excerpt)
        ],
        "全年动态调整区级部门权责清单2次。",
        ["(二)加强政府职能部门执法协作"],
        ["区司法局会同各政府职能部门开展联合执法检查。"],
    ),
    "checklist.institutions": (
        [
            "二、健全依法行政制度体系,加快推进政府治理规范化程序化法治化信息化",  # 南山
            "(三)加强行政规范性文件监督管理",
        ],
        "全年审查行政规范性文件15件,清理规范性文件32件。",
        ["(二)加强党风廉政制度建设", "(三)完善矛盾纠纷多元化解制度体系"],
        ["完善矛盾纠纷多元化解制度体系。", "加强党风廉政制度建设。"],
    ),
    "checklist.decisions": (
        ["(一)提升依法决策能力", "(二)严格落实重大行政决策程序"],  # the first: 南山
        "区政府常务会议审议事项均严格履行决策程序。",
        ["(一)深入学习贯彻党中央决策部署"],  # 坪山 2024 (excerpt)
        ["审查政府合同320份,均出具合法性审查意见。"],
    ),
    "checklist.enforcement": (
        [
            "三、健全行政执法工作体系,全面推进严格规范公正文明执法",  # 南山
            "(一)持续提升行政执法质量",  # 南山
        ],
        "全面落实行政执法三项制度,开展执法案卷评查2次。",
        ["(二)落实“谁执法谁普法”普法责任制"],
        ["落实“谁执法谁普法”普法责任制,开展普法活动120场。"],
    ),
    "checklist.oversight": (
        [
            "五、健全行政权力制约和监督体系,促进行政权力规范透明运行",  # 南山
            "(二)全面主动落实政务公开",  # 南山
        ],
        "自觉接受人大监督、民主监督,强化审计监督。",
        ["(四)健全食品安全监督体系"],
        ["健全食品安全监督体系,开展抽检3000批次。"],
    ),
    "checklist.society": (
        [
            "四、健全社会矛盾纠纷行政预防调处化解体系,不断促进社会公平正义",  # 南山
            "三是统筹推动普法工作提质增效",  # 南山
        ],
        "全年调处化解矛盾纠纷1200宗。",
        ["(一)坚持法治国家、法治政府、法治社会一体建设"],
        ["坚持法治国家、法治政府、法治社会一体建设。"],
    ),
    "checklist.digital": (
        ["(三)强化政务数据共享", "(六)加快推进数字法治政府建设"],  # the first: 南山
        "依托数字政府平台,实现执法信息互联互通。",
        ["(四)汇聚群众智慧,推进基层民主协商"],
        # after 福田 2024 (excerpt): a prize for law on data trading is no digital government
        ["“甲区数据交易法治建设助力新质生产力发展”获评年度十大法治事件。"],
    ),
}


def test_every_checklist_item_is_covered_here() -> None:
    assert sorted(CHECKLIST) == sorted(r.id for r in SHENZHEN.rules if r.group == "checklist")
    assert not [r for r in NATIONAL.rules if r.group == "checklist"]  # Shenzhen's alone


@pytest.mark.parametrize(
    ("rule", "heading"),
    [
        pytest.param(r, h, id=f"{r}-{n}")
        for r, case in CHECKLIST.items()
        for n, h in enumerate(case[0])
    ],
)
def test_checklist_item_by_its_heading(rule: str, heading: str) -> None:
    got = checked(by_heading(heading), rule)
    assert got.result == "pass" and got.detail == "heading of section 3", got
    assert [e.quote for e in got.evidence] == [heading]


@pytest.mark.parametrize(
    ("rule", "text"), [pytest.param(r, case[1], id=r) for r, case in CHECKLIST.items()]
)
def test_checklist_item_in_a_sentence_with_no_heading_of_its_own(rule: str, text: str) -> None:
    got = checked(by_sentence(text), rule)
    assert got.result == "pass" and "no heading of its own" in got.detail, got
    [evidence] = got.evidence
    assert evidence.section == "5" and evidence.quote in text


@pytest.mark.parametrize(
    ("rule", "near"),
    [
        pytest.param(rule, by_heading(h), id=f"{rule}-heading{n}")
        for rule, case in CHECKLIST.items()
        for n, h in enumerate(case[2])
    ]
    + [
        pytest.param(rule, by_sentence(t), id=f"{rule}-sentence{n}")
        for rule, case in CHECKLIST.items()
        for n, t in enumerate(case[3])
    ],
)
def test_checklist_item_near_misses_fail(rule: str, near: Report) -> None:
    got = checked(near, rule)
    assert got.result == "fail", got


# 3. has-data.any

MEDIATION = figure("4.1", "调解纠纷4231宗", "4231宗", "调解纠纷", "mediation.disputes")
UNTAGGED = figure("3.2", "查处占道经营1200宗", "1200宗")  # no canonical indicator's


def with_figures(*metrics: Metric, excerpt: str = "") -> Report:
    text = "查处占道经营1200宗。调解纠纷4231宗。"
    return report(section("3.2", "(二)执法", text), metrics=metrics, excerpt=excerpt)


def test_has_data_any_passes_with_a_canonical_indicators_figure() -> None:
    rep = with_figures(UNTAGGED, MEDIATION)
    got = result(rep, "has-data.any")
    assert got.result == "pass" and got.detail == "1 figure: mediation.disputes", got
    assert [e.quote for e in got.evidence] == ["调解纠纷4231宗"]
    assert result(rep, "has-data.reconsideration").result == "fail"  # any, not one prefix's


def test_has_data_any_fails_with_untagged_figures_alone() -> None:
    got = result(with_figures(UNTAGGED), "has-data.any")
    assert got.result == "fail" and "no figure of a canonical indicator" in got.detail, got
    assert got.evidence == []


def test_has_data_any_is_unknown_for_an_excerpt() -> None:
    got = result(with_figures(UNTAGGED, excerpt="页面开头摘录"), "has-data.any")
    assert got.result == "unknown" and "excerpt" in got.detail, got


# 5. The year of the opening sentence, when neither the header nor the title states it

UNTITLED = "甲区法治政府建设年度报告"


def opening(
    text: str = "2024年,甲区深入贯彻习近平法治思想,推动法治政府建设取得新成效。",
) -> Section:
    return section("0", "", text)


@pytest.mark.parametrize(
    ("day", "verdict"), [(dt.date(2025, 3, 31), "pass"), (dt.date(2025, 4, 20), "fail")]
)
def test_on_time_reads_the_year_of_the_opening_sentence(day: dt.date, verdict: str) -> None:
    got = result(report(opening(), year=None, title=UNTITLED, date=day), "on-time")
    assert got.result == verdict and "for 2024" in got.detail, got
    assert (
        "20 days late" in got.detail if verdict == "fail" else "before the deadline" in got.detail
    )
    [evidence] = got.evidence
    assert evidence.section == "0" and evidence.quote.startswith("2024年")


@pytest.mark.parametrize(
    "text",
    [
        # a year inside the sentence, not the one reported on
        pytest.param("甲区深入推进法治政府建设,在2023年度考评中获评第一名。", id="inside"),
        # a year at the start of the second sentence
        pytest.param("甲区深入推进法治政府建设。2024年,甲区法治政府建设取得新成效。", id="second"),
    ],
)
def test_a_year_elsewhere_in_the_opening_is_not_taken(text: str) -> None:
    rep = report(opening(text), year=None, title=UNTITLED)
    got = result(rep, "on-time")
    assert got.result == "unknown" and "does not state the year" in got.detail, got


def test_the_titles_year_comes_before_the_openings() -> None:
    rep = report(opening("2023年,甲区推动法治政府建设取得新成效。"), year=None)
    got = result(rep, "on-time")
    assert "for 2024" in got.detail and got.evidence[0].section == ""


def parts_of(shortcomings: int, plans: int) -> Report:
    """A report whose opening alone says it is on 2024, with its shortcomings and plans parts
    headed with the years given."""
    return report(
        opening(),
        section("7", f"七、{shortcomings}年度存在的不足", "执法规范化水平有待提高。"),
        section("8", f"八、{plans}年工作计划", "持续深化法治政府建设。"),
        year=None, title=UNTITLED,
    )  # fmt: skip


def test_the_contents_year_check_reads_the_opening_sentence() -> None:
    """2023年度存在的不足 is an earlier year's, 2024年工作计划 not next year's plans; with the
    right years, both pass."""
    wrong = parts_of(2023, 2024)
    assert result(wrong, "contents.shortcomings").result == "fail"
    assert result(wrong, "contents.plans").result == "fail"
    right = parts_of(2024, 2025)
    assert [e.section for e in result(right, "contents.shortcomings").evidence] == ["7"]
    assert [e.section for e in result(right, "contents.plans").evidence] == ["8"]


# 4. The installed command

MARKS = {"pass": "✓", "fail": "✗", "unknown": "?"}


def test_installed_single_report_checklist_on_a_terminal(tmp_path: Path) -> None:
    """The bundled report against the Shenzhen profile, drawn as on a terminal: one line per
    rule with its mark, then its detail and evidence, each rule as the library audits it."""
    columns = 90
    drawn = lawgov(
        "--color", "always", "audit", "--profile", "shenzhen", cwd=tmp_path,
        env={"COLUMNS": str(columns)},
    )  # fmt: skip
    assert drawn.returncode == 1, drawn.stderr  # checklist.functions: no part covers it
    assert "\x1b[" in drawn.stdout and drawn.stderr == ""
    lines = re.sub(r"\x1b\[[0-9;]*m", "", drawn.stdout).splitlines()
    assert all(len(line.rstrip()) <= columns for line in lines)
    expected = audit(load_report(str(REPO / "data" / "report.toml")), SHENZHEN)
    heads = [n for n, line in enumerate(lines) if line[:1] in "✓✗?"]
    assert [lines[n].split()[:3] for n in heads] == [
        [MARKS[r.result], r.result, r.rule.id] for r in expected
    ]
    assert {MARKS[r.result] for r in expected} == {"✓", "✗", "?"}
    for at, end, got in zip(heads, [*heads[1:], len(lines)], expected, strict=True):
        block = re.sub(r"\s", "", "".join(lines[at + 1 : end]))
        assert re.sub(r"\s", "", got.detail) in block, got
        for evidence in got.evidence:
            assert re.sub(r"\s", "", evidence.section + evidence.quote) in block, evidence
    shown = {r.rule.id: r for r in expected}
    assert [e.section for e in shown["contents.shortcomings"].evidence] == ["7"]
    assert shown["checklist.functions"].result == "fail"


@pytest.mark.parametrize(
    ("profile", "rule"),
    [
        ("national", "contents.measures"),
        ("national", "figures.rate"),
        ("shenzhen", "checklist.decisions"),
    ],
)
def test_installed_explain_json(tmp_path: Path, profile: str, rule: str) -> None:
    said = lawgov("audit", "--profile", profile, "--explain", rule, "--json", cwd=tmp_path)
    assert said.returncode == 0 and said.stderr == "", said.stderr
    got = json.loads(said.stdout)
    with open(REPO / "data" / "audit" / f"{profile}.toml", "rb") as stream:
        [data] = [r for r in tomllib.load(stream)["rules"] if r["id"] == rule]
    assert list(got) == [
        "rule", "name", "group", "profile", "summary", "source", "headings", "sentences",
        "parameters",
    ]  # fmt: skip
    assert (got["rule"], got["profile"]) == (rule, profile)
    assert [got[k] for k in ("name", "group", "summary")] == [
        data[k] for k in ("name", "group", "summary")
    ]
    fields = ("document", "article", "address", "note")
    assert got["source"] == {k: data["source"].get(k, "") for k in fields}
    assert list(got["source"]) == list(fields)
    for key in ("headings", "sentences"):
        assert got[key] == [{"all": m["all"], "none": m.get("none", [])} for m in data.get(key, [])]
    plain = ("id", "name", "group", "summary", "source", "headings", "sentences", "apart")
    assert got["parameters"] == {k: v for k, v in data.items() if k not in plain}
    if data["group"] == "figures":
        assert got["headings"] == [] and got["parameters"]["relation"] == "rate"
    else:
        assert got["headings"] and got["sentences"]
