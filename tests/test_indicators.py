"""Canonical indicators (core/indicators.py, data/indicators.toml): the real phrasings each kept
indicator must take, the near-misses that must stay untagged, the curated report's hand-checked
tags, the data file's own checks, the loader's ``indicator`` key, and the commands.

Phrasings marked "real" are quoted from published reports: the bundled Nanshan report, the page
openings in tests/fixtures/samples/ (real excerpts, cut after about 700 characters), and those
quoted with their sources in the domain notes (司法部 2021/2023, 北京 2019, 上海, 方城县 2024).
Phrasings marked "synthetic" are invented for a trap no real quote at hand shows.
"""

from __future__ import annotations

import json
import time
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import REPO
from lawgov_cli.core.errors import ReportError
from lawgov_cli.core.indicators import canonical_unit, figure_text, indicator_for, load_indicators
from lawgov_cli.core.loading import load_report
from lawgov_cli.core.model import Metric
from lawgov_cli.formats.tomlout import to_toml
from lawgov_cli.importer.figures import find_figures
from test_installed import IMPORT_ONLY, imported_modules, imports_in_each_cache_state, lawgov

SAMPLES = REPO / "tests" / "fixtures" / "samples"


@pytest.fixture(autouse=True)
def rules_read_afresh() -> None:
    """Each test reads data/indicators.toml itself: none passes on rules another test loaded
    (under mutation testing, rules read before the mutant was planted). About 2 ms a test."""
    load_indicators.cache_clear()


def imported(sentence: str, figure: str, label: str | None = None) -> Metric:
    """``figure`` of ``sentence`` as `lawgov import` finds it (its label, unit and quote), or
    with the curated ``label`` when one is given."""
    found = [f for f in find_figures(sentence) if f.figure == figure]
    assert len(found) == 1, [f.figure for f in find_figures(sentence)]
    f = found[0]
    return Metric(
        "x", "1", label or f.label or "未命名数字", f.value, f.unit, f.figure, f.qualifier, f.quote
    )


def tag(sentence: str, figure: str, label: str | None = None) -> str:
    return indicator_for(imported(sentence, figure, label))


STUDY = "开展区委常委会“第一议题”学习97次、区委理论学习中心组学习2次"  # real: Nanshan 1.1
# (indicator, sentence, figure): each kept indicator with real phrasings that it takes.
REAL = [
    ("reconsideration.received", "共新收行政复议案件876宗,办结731件", "876宗"),
    ("reconsideration.received", "新受理行政复议案件151件", "151件"),
    ("reconsideration.closed", "审结行政复议申请135件(含上年度结转)", "135件"),
    ("reconsideration.correction-rate", "纠错率达12.83%", "12.83%"),
    ("reconsideration.correction-rate", "纠错率约19.2%", "约19.2%"),
    ("reconsideration.direct-correction-rate", "直接纠错率13.8%", "13.8%"),
    ("litigation.first-instance", "新收一审行政案件240件", "240件"),
    ("litigation.first-instance", "行政应诉案件5.3万件", "5.3万件"),
    ("litigation.closed", "已结案行政诉讼案件92宗", "92宗"),  # Nanshan 2024, 5.1
    ("litigation.lost", "行政机关败诉228件", "228件"),
    ("litigation.loss-rate", "败诉率11.8%", "11.8%"),
    ("litigation.head-appearance-rate", "出庭应诉率达100%", "100%"),
    ("normative-docs.issued", "制发行政规范性文件2件", "2件"),
    ("normative-docs.issued", "新增2件规范性文件", "2件"),
    ("normative-docs.reviewed", "共审查行政规范性文件15件、印发14件、备案6件", "15件"),
    ("normative-docs.filed", "备案审查规范性文件1.9万份", "1.9万份"),
    ("normative-docs.repealed", "废止行政规范性文件10件", "10件"),
    ("legal-advisers.count", "5名律师担任市政府法律顾问", "5名"),
    ("enforcement.cases", "办理各类行政执法案件1616.85万宗", "1616.85万宗"),
    ("enforcement.penalties", "行政处罚137.07万宗", "137.07万宗"),
    ("enforcement.fines", "罚没金额2.92亿元", "2.92亿元"),
    ("disclosure.proactive", "主动公开政府信息38772条", "38772条"),
    ("disclosure.requests", "收到政府信息公开申请34290件", "34290件"),
    ("mediation.disputes", "调解纠纷4231宗", "4231宗"),
    ("mediation.disputes", "调解各类纠纷31576件", "31576件"),
    ("mediation.success-rate", "调解成功率达97.52%", "97.52%"),
    ("legal-aid.cases", "办理法律援助案件8282件", "8282件"),
    ("legal-services.consultations", "提供法律咨询49082人次", "49082人次"),
    ("pufa.activities", "宣讲团系列巡讲200余场", "200余场"),
    ("pufa.activities", "广泛深入基层开展宣讲活动1600余场次", "1600余场次"),
    ("leadership.first-topic", STUDY, "97次"),
    ("leadership.theory-group", STUDY, "2次"),
    ("leadership.theory-group", "组织召开11场区委理论学习中心组(扩大)学习会", "11场"),
    ("leadership.pre-meeting-study", "组织4次市政府常务会会前学法", "4次"),
    ("leadership.pre-meeting-study", "开展区政府常务会议学法活动4次", "4次"),
    ("leadership.law-topics", "涉及法治建设相关议题53个", "53个"),
    ("leadership.law-topics", "在区委、区政府会议安排法治建设相关议题3个", "3个"),
    ("accountability.reports", "党政主要负责人提交述法报告196份", "196份"),
    ("satisfaction.rate", "法治建设群众综合满意率达97.77%", "97.77%"),
]  # fmt: skip

# Real figures whose imported label or quote cannot say what they count, tagged through the
# label the curated report gives them.
REAL_WITH_CURATED_LABEL = [
    ("reconsideration.closed", "办结731件", "731件", "办结行政复议案件"),
    ("reconsideration.mediated", "其中调解结案案件169宗", "169宗", "调解结案的行政复议案件"),
    ("normative-docs.issued", "印发14件", "14件", "印发行政规范性文件"),
    ("normative-docs.filed", "备案6件", "6件", "备案行政规范性文件"),
    ("normative-docs.cleaned-up", "集中清理31件", "31件", "集中清理行政规范性文件"),
]  # fmt: skip


@pytest.mark.parametrize(("expected", "sentence", "figure"), REAL)
def test_real_phrasings_are_tagged(expected: str, sentence: str, figure: str) -> None:
    assert tag(sentence, figure) == expected, figure_text(imported(sentence, figure))


@pytest.mark.parametrize(("expected", "sentence", "figure", "label"), REAL_WITH_CURATED_LABEL)
def test_curated_labels_are_tagged(expected: str, sentence: str, figure: str, label: str) -> None:
    assert tag(sentence, figure, label) == expected


def test_every_indicator_kept_has_a_real_phrasing() -> None:
    """reconsideration.corrected excepted: no real quote at hand says 复议 in the clause of its
    figure, so it is tagged by hand only (the curated report's 19件, checked against section
    4.2); its rule is held by the near-miss below."""
    shown = {row[0] for row in REAL} | {row[0] for row in REAL_WITH_CURATED_LABEL}
    assert set(load_indicators().by_id) - shown == {"reconsideration.corrected"}


# (sentence, figure, label or None, why it must stay untagged, or the one indicator it takes)
NEAR_MISSES = [
    # real: 办理 counts cases carried over from the year before, 新收 does not
    ("审结行政复议申请135件(含上年度结转)", "135件", None, "reconsideration.closed"),
    # synthetic: cases handled (含上年度结转) are neither new nor closed
    ("办理行政复议案件120件(含上年度结转)", "120件", None, ""),
    # synthetic: cases not yet closed are not closed cases
    ("未结案行政诉讼案件12件", "12件", None, ""),
    # synthetic: closed 复议 cases are reconsideration.closed, not litigation.closed
    ("审结行政复议案件135件", "135件", None, "reconsideration.closed"),
    # synthetic: cases lost are litigation.lost, even when closed
    ("审结的行政诉讼案件中败诉8件", "8件", None, "litigation.lost"),
    # synthetic: a closing rate is no count of cases
    ("行政诉讼案件结案率98.5%", "98.5%", None, ""),
    # real: applications received, before acceptance (受理 4955 of them)
    ("收到行政复议申请6200件,其中,依法受理4955件", "6200件", None, ""),
    # real: 直接纠错率 is another rate than 纠错率
    ("直接纠错率13.8%", "13.8%", None, "reconsideration.direct-correction-rate"),
    # synthetic: a change in 个百分点 is not a rate in %
    ("行政复议纠错率同比下降2.1个百分点", "2.1个百分点", None, ""),
    # synthetic: a % that is a growth rate, not the rate
    ("行政复议纠错率同比提高3%", "3%", None, ""),
    ("群众满意率较上年提高2%", "2%", None, ""),
    # real: a rate of closing, which no indicator is
    ("共审结复议案件4696件,审结率为83.4%", "83.4%", None, ""),
    # real: 件 counts of other things
    ("办理人大代表建议207件、政协提案228件", "207件", None, ""),
    ("政府法律顾问共出具法律意见800余件", "800余件", None, ""),
    # real: mediations that succeeded are not all mediations; screenings are not mediations
    ("调解成功4126宗", "4126宗", "调解成功的纠纷", ""),
    ("各街道社区人民调解组织累计开展基层矛盾纠纷排查2514场次", "2514场次", None, ""),
    # real: a rate that does not say of what
    ("成功率98.49%", "98.49%", None, ""),
    ("报备率、报备及时率、规范率均达100%", "100%", None, ""),
    # real: a count of appearances, not the rate
    ("负责人出庭应诉1100余人次", "1100余人次", None, ""),
    # real: counts that add several kinds of study together
    ("推动各部门、街道办开展以习近平法治思想为主题的“第一议题”、理论学习中心组等学习活动共54次",
     "54次", None, ""),
    ("全年共召开区委理论学习中心组(扩大)学习会、区政府党组(扩大)会议专题学习17次",
     "17次", None, ""),
    # real: corrections whose clause does not say 复议 (tagged by hand in the curated report)
    ("共纠正违法或不当行政行为19件", "19件", None, ""),
    # real: a clean-up is not a repeal
    ("集中清理31件", "31件", "集中清理行政规范性文件", "normative-docs.cleaned-up"),
    # real: 备案审查 is filing, not the review of drafts
    ("备案审查规范性文件1.9万份", "1.9万份", None, "normative-docs.filed"),
    # real: 5个方面 is no count of decisions (and 重大行政决策 is no indicator kept)
    ("重大行政决策事项共涉及5个方面7个事项", "5个", None, ""),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "figure", "label", "expected"), NEAR_MISSES)
def test_near_misses(sentence: str, figure: str, label: str | None, expected: str) -> None:
    assert tag(sentence, figure, label) == expected, figure_text(imported(sentence, figure, label))


# Every tag the rules give the figures of the real page openings (excerpts, cut after about
# 700 characters), each checked by hand against its quote; every other figure of them stays
# untagged (统筹安排…中心组学习(扩大)会议和区政府常务会议、党组会议合计18场次 adds kinds together;
# 培训1654人次, 述法报告 counted in 名 of persons, 学法考试优秀率 are no indicator of ours).
SAMPLE_TAGS = {
    "01-futian-2024.txt": {
        ("1600余场次", "pufa.activities"),  # 广泛深入基层开展宣讲活动1600余场次
        ("4次", "leadership.pre-meeting-study"),  # 开展区政府常务会议学法活动4次
    },
    "02-futian-2023.txt": {
        ("2次", "leadership.pre-meeting-study")
    },  # 开展2次区政府常务会议专题学法活动
    "05-luohu-2025.txt": set(),
    "11-pingshan-2024.txt": {
        ("11场", "leadership.theory-group"),  # 组织召开11场区委理论学习中心组(扩大)学习会
        ("3个", "leadership.law-topics"),  # 在区委、区政府会议安排法治建设相关议题3个
    },
    "12-pingshan-2023.txt": {
        ("4场", "leadership.theory-group"),  # 召开4场区委理论学习中心组学习会
        ("11个", "leadership.law-topics"),  # …常务会议安排法治建设相关议题11个
    },
    "13-pingshan-2025.txt": set(),
    "14-guangming-2024.txt": set(),
    "15-guangming-2023.txt": set(),
}


@pytest.mark.parametrize("name", sorted(SAMPLE_TAGS))
def test_real_page_openings_get_the_tags_checked_by_hand(name: str) -> None:
    from lawgov_cli.importer.build import import_report

    report = import_report((SAMPLES / name).read_bytes(), name).report
    tagged = {(m.figure, m.indicator) for m in report.metrics if m.indicator}
    assert tagged == SAMPLE_TAGS[name]


def test_figure_text_is_the_clause_of_the_figure() -> None:
    metric = imported("共审查行政规范性文件15件、印发14件、备案6件、集中清理31件", "14件")
    assert figure_text(metric) == "印发\n印发#"
    # brackets hold their 、: 纠错(含撤销、确认违法)29件 is one clause; 7次 is not the end of 97次
    bracket = replace(metric, label="纠错", quote="纠错(含撤销、确认违法)29件", figure="29件")
    assert figure_text(bracket) == "纠错\n纠错(含撤销、确认违法)#"
    inner = replace(metric, label="学习", quote="学习97次、学习7次", figure="7次")
    assert figure_text(inner) == "学习\n学习#"
    # synthetic: the comma of a figure written 1,200宗 ends no clause
    comma = replace(metric, label="调解纠纷", quote="调解纠纷1,200宗,成功率高", figure="1,200宗")
    assert figure_text(comma) == "调解纠纷\n调解纠纷#"


def test_full_width_and_traditional_text_is_read_folded() -> None:
    metric = Metric(
        "x", "1", "新收行政複議案件", 876, "宗", "８７６宗", "", "共新收行政複議案件８７６宗"
    )
    assert indicator_for(metric) == "reconsideration.received"


def test_units_outside_the_family_are_not_tagged() -> None:
    metric = imported("共新收行政复议案件876宗", "876宗")
    assert indicator_for(replace(metric, unit="人")) == ""
    assert load_indicators().canonical_unit("宗") == "件"
    assert load_indicators().canonical_unit("名") == "人"


def test_a_unit_is_compared_as_its_equivalent_folded_and_trimmed() -> None:
    assert canonical_unit("宗") == "件"
    assert canonical_unit(" 名 ") == "人"
    assert canonical_unit("ｋｍ") == "km"  # full-width folded; no equivalent: kept
    assert canonical_unit("人次") == "人次"


def test_a_figure_without_its_written_form_is_read_with_its_whole_quote() -> None:
    metric = Metric("x", "1", "调解纠纷", 4231, "宗", "", "", "调解纠纷4231宗,成功率97.52%")
    assert figure_text(metric) == "调解纠纷\n调解纠纷4231宗,成功率97.52%"


def test_a_clause_mark_after_a_closed_bracket_ends_the_clause() -> None:
    # synthetic: a bracket closed before the figure's clause begins
    metric = Metric("x", "1", "调解", 12, "件", "12件", "", "纠错(含撤销)15件、调解12件")
    assert figure_text(metric) == "调解\n调解#"


def test_nested_brackets_hold_their_marks() -> None:
    # synthetic: a bracket inside a bracket; the 、 inside the outer one ends no clause
    quote = "纠错(含撤销(含部分撤销)、确认违法)29件"
    metric = Metric("x", "1", "纠错", 29, "件", "29件", "", quote)
    assert figure_text(metric) == f"纠错\n{quote.removesuffix('29件')}#"


SUGGESTIONS = [
    ("mediation.dispute", "mediation.disputes or mediation.success-rate"),
    ("normative-docs.issue",
     "normative-docs.issued, normative-docs.filed or normative-docs.reviewed"),
    # no id close enough: the first five of the group the id names (of six)
    ("reconsideration." + "z" * 40, "reconsideration.received, reconsideration.closed, "
     "reconsideration.corrected, reconsideration.mediated or reconsideration.correction-rate"),
    ("litigation." + "z" * 40 + "." + "q" * 40,
     "litigation.first-instance, litigation.closed, litigation.lost, "
     "litigation.loss-rate or litigation.head-appearance-rate"),
    ("reconsideration.zzzzzzzzzzzzzz", "reconsideration.closed"),  # one close: no "or"
]  # fmt: skip


@pytest.mark.parametrize(("wanted", "named"), SUGGESTIONS)
def test_an_unknown_id_is_answered_with_the_ids_like_it(wanted: str, named: str) -> None:
    expected = f"did you mean {named}? (`lawgov indicators` lists them all)"
    assert load_indicators().suggest(wanted) == expected


def test_an_id_like_none_is_answered_with_the_list() -> None:
    assert load_indicators().suggest("zzz") == "`lawgov indicators` lists them all"
    assert load_indicators().suggest("zzz." + "q" * 30) == "`lawgov indicators` lists them all"


# The curated report, checked by hand against each quote and its section (README, Canonical
# indicators): every other figure states none of them.
CURATED = {
    "study.first-topic": "leadership.first-topic",
    "study.theory-group": "leadership.theory-group",
    "study.government-topics": "leadership.law-topics",
    "accountability.reports": "accountability.reports",
    "normative-docs.reviewed": "normative-docs.reviewed",
    "normative-docs.issued": "normative-docs.issued",
    "normative-docs.filed": "normative-docs.filed",
    "normative-docs.cleaned-up": "normative-docs.cleaned-up",
    "mediation.total": "mediation.disputes",
    "mediation.success-rate": "mediation.success-rate",
    "reconsideration.received": "reconsideration.received",
    "reconsideration.closed": "reconsideration.closed",
    "reconsideration.mediated": "reconsideration.mediated",
    "reconsideration.corrected": "reconsideration.corrected",
    "supervision.litigation-closed": "litigation.closed",
}


def test_curated_report_tags_are_written_and_checked() -> None:
    data = tomllib.loads((REPO / "data" / "report.toml").read_text(encoding="utf-8"))
    assert all("indicator" in m for m in data["metrics"])  # each one said, none left to rules
    written = {m["id"]: m["indicator"] for m in data["metrics"] if m["indicator"]}
    assert written == CURATED
    report = load_report()
    # The rules agree with every hand-checked tag but the one set by hand from its section.
    for metric in report.metrics:
        expected = "" if metric.id == "reconsideration.corrected" else metric.indicator
        assert indicator_for(metric) == expected, metric.id


def _without_indicator_keys(tmp_path: Path) -> Path:
    text = (REPO / "data" / "report.toml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("indicator = ")]
    path = tmp_path / "untagged.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_report_without_indicators_is_tagged_as_it_loads(tmp_path: Path) -> None:
    report = load_report(_without_indicator_keys(tmp_path))
    tagged = {m.id: m.indicator for m in report.metrics if m.indicator}
    assert tagged == {k: v for k, v in CURATED.items() if k != "reconsideration.corrected"}


def test_an_explicit_empty_indicator_is_kept_and_written_back(tmp_path: Path) -> None:
    text = (REPO / "data" / "report.toml").read_text(encoding="utf-8")
    text = text.replace('indicator = "mediation.success-rate"', 'indicator = ""')
    path = tmp_path / "none.toml"
    path.write_text(text, encoding="utf-8")
    report = load_report(path)
    rate = next(m for m in report.metrics if m.id == "mediation.success-rate")
    assert rate.indicator == ""  # the file says none, though the rules would tag it
    again = tomllib.loads(to_toml(report))
    tables = {m["id"]: m for m in again["metrics"]}
    assert tables["mediation.success-rate"]["indicator"] == ""
    assert "indicator" not in tables["awards.pufa-commended"]  # none by the rules too: left out
    assert tables["reconsideration.corrected"]["indicator"] == "reconsideration.corrected"


def test_an_unknown_indicator_is_an_error_naming_the_metric(tmp_path: Path) -> None:
    text = (REPO / "data" / "report.toml").read_text(encoding="utf-8")
    path = tmp_path / "bad.toml"
    path.write_text(text.replace('"mediation.disputes"', '"mediation.dispute"'), encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        load_report(path)
    message = str(caught.value)
    assert "metrics[40].indicator: unknown indicator" in message
    assert "(metric mediation.total" in message
    assert "did you mean mediation.disputes" in message


def test_an_indicator_in_a_unit_it_is_not_counted_in_is_an_error(tmp_path: Path) -> None:
    """mediation.total (4231宗) hand-tagged 调解成功率 (%): compare would set the count among
    the rates. The tag names a known indicator, but not one this figure can be."""
    text = (REPO / "data" / "report.toml").read_text(encoding="utf-8")
    path = tmp_path / "bad.toml"
    path.write_text(
        text.replace('"mediation.disputes"', '"mediation.success-rate"', 1), encoding="utf-8"
    )
    with pytest.raises(ReportError) as caught:
        load_report(path)
    message = str(caught.value)
    assert 'indicator "mediation.success-rate" is counted in %, not 宗' in message
    assert "(metric mediation.total" in message


BROKEN = [
    ('[[indicators]]\nid = "a.b"\nname = "甲"\nunits = ["件"]\nall = ["("]\n',
     "indicators[0].all[0]: not a regular expression"),
    ('[[indicators]]\nid = "a.b"\nname = "甲"\nunits = ["件"]\nall = ["x|"]\n',
     "indicators[0].all[0]: matches the empty text"),
    ('[[indicators]]\nid = "a.b"\nname = "甲"\nunits = ["件"]\nall = ["{nope}"]\n',
     'indicators[0].all[0]: unknown phrase "{nope}"'),
    ('[[indicators]]\nid = "a.b"\nname = "甲"\nunits = ["件"]\nall = []\n',
     "indicators[0].all: expected at least one pattern"),
    ('[units]\n"宗" = "件"\n[[indicators]]\nid = "a.b"\nname = "甲"\nunits = ["宗"]\nall = ["x"]\n',
     'indicators[0].units: "宗" is read as "件"'),
    ('[[indicators]]\nid = "A"\nname = "甲"\nunits = ["件"]\nall = ["x"]\n',
     "indicators[0].id: expected an id"),
    ('[[indicators]]\nid = "a.b"\nname = "甲"\nunits = ["件"]\nall = ["x"]\nwhen = 1\n',
     "indicators[0].when: unknown key"),
    ('[[indicators]]\nid = "a"\nname = "甲"\nunits = ["件"]\nall = ["x"]\n'
     '[[indicators]]\nid = "a"\nname = "乙"\nunits = ["件"]\nall = ["y"]\n',
     'indicators[1].id: duplicate indicator id "a"'),
    ("[indicators\n", "invalid TOML"),
]  # fmt: skip


ONE = '[[indicators]]\nid = "a.b"\nname = "甲"\nunits = ["件"]\nall = ["x"]\n'


def _indicator_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "indicators.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def problems_of(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    """Every problem a broken indicators file is refused with: (where, message)."""
    with pytest.raises(ReportError) as caught:
        load_indicators(_indicator_file(tmp_path, text))
    return [(p.where, p.message) for p in caught.value.problems]


def indicator(id_: str, *lines: str, name: str = "甲", units: str = '["件"]') -> str:
    body = "".join(f"{line}\n" for line in lines)
    return f'[[indicators]]\nid = "{id_}"\nname = "{name}"\nunits = {units}\n{body}'


NOT_PATTERNS = "expected an array of patterns (strings)"
NOT_REGEX = "not a regular expression: missing ), unterminated subpattern at position 0"
# (text, every problem it is refused with)
BROKEN_WHOLLY = [
    ("colour = 1\n" + ONE,
     [("colour", "unknown top-level key (expected one of: units, phrases, indicators)")]),
    ("units = 1\n" + ONE, [("units", "expected a table of unit = unit it is compared as")]),
    ('[units]\n"宗" = " "\n' + ONE,
     [("units.宗", "expected the unit it is compared as, a non-empty string")]),
    ('[units]\n"宗" = 1\n' + ONE,
     [("units.宗", "expected the unit it is compared as, a non-empty string")]),
    ('[units]\n"宗" = "件"\n"件" = "个"\n' + indicator("a.b", 'all = ["x"]', units='["个"]'),
     [("units.宗", '"件" is itself read as another unit: name that one')]),
    ('phrases = "x"\n' + ONE, [("phrases", "expected a table of name = pattern")]),
    ('[phrases]\nBad = "x"\n' + ONE,
     [("phrases.Bad", "a phrase's name is lowercase ASCII letters, digits and -")]),
    ("[phrases]\nok = 1\n" + ONE, [("phrases.ok", "expected a pattern (a string)")]),
    ('[phrases]\na = "{b}"\nb = "x"\n' + ONE,
     [("phrases.a", "a phrase may not name another phrase")]),
    ('[units]\n"宗" = "件"\n', [("indicators", "missing: expected [[indicators]] tables")]),
    ("indicators = []\n", [("indicators", "missing: expected [[indicators]] tables")]),
    # each table is checked, whatever comes before it
    ('indicators = [1, {id = "A", name = "甲", units = ["件"], all = ["x"]}]\n',
     [("indicators[0]", "expected a table"),
      ("indicators[1].id", "expected an id of lowercase ASCII words joined by . or -")]),
    (indicator("a.b", 'all = ["x"]', name=" ") + indicator("c.d", 'all = ["y"]', units="[]"),
     [("indicators[0].name", "expected the indicator's Chinese name, a non-empty string"),
      ("indicators[1].units", "expected a non-empty array of units")]),
    (indicator("a.b", 'all = ["x"]', units='"件"'),
     [("indicators[0].units", "expected a non-empty array of units")]),
    (indicator("a.b", 'all = ["x"]', units='["件", " "]'),
     [("indicators[0].units", "expected a non-empty array of units")]),
    (indicator("a.b", 'all = ["x"]', "when = 1"),
     [("indicators[0].when", "unknown key (expected one of: id, name, units, all, none)")]),
    # a table with a problem is no first of its id
    (indicator("a", 'all = ["x"]', name=" ") + indicator("a", 'all = ["y"]'),
     [("indicators[0].name", "expected the indicator's Chinese name, a non-empty string")]),
    (indicator("a", 'all = ["x"]') + indicator("a", 'all = ["y"]') + indicator("B", 'all = ["z"]'),
     [("indicators[1].id", 'duplicate indicator id "a" (first at indicators[0])'),
      ("indicators[2].id", "expected an id of lowercase ASCII words joined by . or -")]),
    (indicator("a.b", 'all = "复议"'), [("indicators[0].all", NOT_PATTERNS)]),
    (indicator("a.b", "all = [1]"), [("indicators[0].all", NOT_PATTERNS)]),
    # every pattern of a list is checked, whatever comes before it
    (indicator("a.b", 'all = ["{nope}", "(", "x|", "{nope}"]'),
     [("indicators[0].all[0]", 'unknown phrase "{nope}" (see [phrases])'),
      ("indicators[0].all[1]", NOT_REGEX),
      ("indicators[0].all[2]", "matches the empty text, so it would match any figure"),
      ("indicators[0].all[3]", 'unknown phrase "{nope}" (see [phrases])')]),
    (indicator("a.b", 'all = ["x"]', 'none = ["("]'),
     [("indicators[0].none[0]", NOT_REGEX)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), BROKEN_WHOLLY)
def test_a_broken_indicators_file_names_every_problem(
    tmp_path: Path, text: str, expected: list[tuple[str, str]]
) -> None:
    assert problems_of(tmp_path, text) == expected


def test_an_indicators_file_of_one_rule_tags_by_it(tmp_path: Path) -> None:
    text = '[units]\n"宗" = "件"\n[phrases]\nchange = "同比|增长"\n' + indicator(
        "cases.new", 'all = ["新收"]', 'none = ["率|{change}"]', name="新收案件"
    )
    known = load_indicators(_indicator_file(tmp_path, text))
    [rule] = known.items
    assert (rule.id, rule.name, rule.units) == ("cases.new", "新收案件", ("件",))
    assert known.by_id == {"cases.new": rule}
    assert known.equivalents == {"宗": "件"}
    assert known.units_written(rule) == ("件", "宗")
    new = Metric("x", "1", "新收案件", 876, "宗", "876宗", "", "共新收案件876宗")
    assert known.indicator_for(new) == "cases.new"
    grown = Metric("x", "1", "新收案件", 12, "件", "12件", "", "新收案件同比增长12件")
    assert known.indicator_for(grown) == ""  # none = ["率|{change}"]: the phrase's words
    assert known.indicator_for(replace(new, unit="人")) == ""


def test_a_pattern_that_matches_some_text_but_not_the_empty_text_is_kept(tmp_path: Path) -> None:
    """Only a pattern matching the empty text is refused: [A-Z]{3} (a PPP项目) is not."""
    known = load_indicators(
        _indicator_file(tmp_path, indicator("ppp.projects", 'all = ["[A-Z]{3}"]'))
    )
    ppp = Metric("x", "1", "PPP项目", 3, "件", "3件", "", "PPP项目3件")
    assert known.indicator_for(ppp) == "ppp.projects"


@pytest.mark.parametrize(("text", "message"), BROKEN)
def test_a_broken_indicators_file_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "indicators.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        load_indicators(str(path))
    assert message in str(caught.value)
    # The file named as messages quote a path (cut in the middle past 100 characters).
    from lawgov_cli.core.errors import shown

    assert str(caught.value).startswith(shown(str(path)))


def test_tagging_a_report_of_a_hundred_figures_takes_a_few_ms() -> None:
    known = load_indicators()
    figures = list(load_report().metrics) * 2  # 116 figures
    start = time.perf_counter()
    for metric in figures:
        known.indicator_for(metric)
    assert time.perf_counter() - start < 0.05  # measured about 2 ms; generous for a busy CI


# The installed command, as a user runs it.


def test_installed_metrics_indicator(tmp_path: Path) -> None:
    found = lawgov("metrics", "--indicator", "reconsideration.received", cwd=tmp_path)
    assert (found.returncode, found.stderr) == (0, "")
    assert found.stdout == (
        "reconsideration.received\t4.2\t新收行政复议案件\t876宗\t876\t宗\treconsideration.received\n"
    )
    none = lawgov("metrics", "-i", "litigation.lost", cwd=tmp_path)
    assert (none.returncode, none.stdout, none.stderr) == (1, "", "")
    typo = lawgov("metrics", "--indicator", "reconsideration.recieved", cwd=tmp_path)
    assert typo.returncode == 2 and typo.stdout == ""
    assert typo.stderr.splitlines() == [
        "lawgov: no indicator 'reconsideration.recieved'",
        "lawgov: hint: did you mean reconsideration.received, reconsideration.corrected or "
        "reconsideration.closed? (`lawgov indicators` lists them all)",
    ]
    rows = json.loads(lawgov("metrics", "-i", "mediation.disputes", "--json", cwd=tmp_path).stdout)
    assert [(m["id"], m["indicator"]) for m in rows] == [("mediation.total", "mediation.disputes")]
    field = lawgov("get", "reconsideration.corrected", "--field", "indicator", cwd=tmp_path)
    assert field.stdout == "reconsideration.corrected\n"


def test_installed_indicators_command(tmp_path: Path) -> None:
    listed = lawgov("indicators", "--json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [r["id"] for r in rows] == list(load_indicators().by_id)
    assert sum(r["figures"] for r in rows) == len(CURATED)
    received = rows[0]
    assert received == {
        "id": "reconsideration.received", "name": "新收行政复议案件", "units": ["件", "宗"],
        "figures": 1,
    }  # fmt: skip
    csv_out = lawgov("indicators", "--csv", cwd=tmp_path).stdout.splitlines()
    assert csv_out[:2] == [
        "id,name,units,figures",
        "reconsideration.received,新收行政复议案件,件 宗,1",
    ]
    plain = lawgov("indicators", cwd=tmp_path).stdout.splitlines()
    assert plain[0] == "reconsideration.received\t新收行政复议案件\t件 宗\t1"
    assert len(plain) == len(rows)
    other = lawgov("--report", str(_without_indicator_keys(tmp_path)), "indicators", "--json",
                   cwd=tmp_path)  # fmt: skip
    counts = {r["id"]: r["figures"] for r in json.loads(other.stdout)}
    assert counts["reconsideration.corrected"] == 0  # by the rules alone: none
    assert sum(counts.values()) == len(CURATED) - 1
    both = lawgov("indicators", "--json", "--csv", cwd=tmp_path)
    assert both.returncode == 2


def test_installed_import_writes_the_indicators_it_finds(tmp_path: Path) -> None:
    source = SAMPLES / "15-guangming-2023.txt"  # a real excerpt (cut after ~700 characters)
    done = lawgov("import", str(source), "-o", "out.toml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = tomllib.loads((tmp_path / "out.toml").read_text(encoding="utf-8"))
    # Only figures it tags carry the key; the others are tagged again when the file loads.
    tagged = {m["figure"]: m["indicator"] for m in data["metrics"] if "indicator" in m}
    assert tagged == {}  # 培训领导干部2285人次, 学法考试优秀率99.94%: no indicator of ours
    nanshan = lawgov("import", str(REPO / "data" / "source" / "nanshan-2024.txt"), "-o", "-",
                     cwd=tmp_path)  # fmt: skip
    data = tomllib.loads(nanshan.stdout)
    tagged = {m["figure"]: m["indicator"] for m in data["metrics"] if "indicator" in m}
    assert tagged["876宗"] == "reconsideration.received"
    assert tagged["97.52%"] == "mediation.success-rate"
    assert "731件" not in tagged  # 办结731件: its clause does not say what was closed
    assert all(v for v in tagged.values())


def test_indicator_commands_import_no_heavy_library(tmp_path: Path) -> None:
    """A warm `metrics --indicator` reads the tagged report from the cache: neither the rules
    nor tomllib (imports_in_each_cache_state checks tomllib); `indicators` reads the rules
    (tomllib) but, like every read command, neither Rich, Typer nor an import library."""
    runs = imports_in_each_cache_state(["metrics", "--indicator", "mediation.disputes"], tmp_path)
    assert "lawgov_cli.core.indicators" not in runs["warm"]
    listed = imported_modules(["indicators", "--json"], tmp_path, {"LAWGOV_NO_CACHE": "1"})
    assert "lawgov_cli.core.indicators" in listed  # it measures
    banned = ("rich", "typer", "click", "opencc", *IMPORT_ONLY)
    assert {m for m in listed if m.split(".")[0] in banned} == set()


def test_the_report_cache_key_holds_the_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stored figures carry the tags of the rules they were loaded with: an edit to the rules
    makes every entry stale."""
    from lawgov_cli.storage import report_cache
    from lawgov_cli.system import package

    rules = tmp_path / "indicators.toml"
    rules.write_bytes((REPO / "data" / "indicators.toml").read_bytes())
    monkeypatch.setattr(package, "indicators_file", lambda: str(rules))
    report = REPO / "data" / "report.toml"
    before = report_cache._key(str(report), report.stat())
    rules.write_bytes(rules.read_bytes() + b"\n# edited\n")
    assert report_cache._key(str(report), report.stat()) != before


def test_parsed_indicators_data_is_checked_as_the_file_is(tmp_path: Path) -> None:
    """``indicators_of`` (what the cache of the parsed file feeds, storage/data_cache.py)
    refuses what the file's own load refuses, with the same located problems and the hint;
    without the text at hand it reads the file again to locate them."""
    import tomllib

    from lawgov_cli.core.indicators import indicators_of

    text = "[units]\n\n[[indicators]]\nid = 3\n"
    path = _indicator_file(tmp_path, text)
    with pytest.raises(ReportError) as loaded:
        load_indicators(path)
    for given in (text, None):
        with pytest.raises(ReportError) as parsed:
            indicators_of(tomllib.loads(text), path, given)
        assert str(parsed.value) == str(loaded.value)
        assert [(p.where, p.line) for p in parsed.value.problems] == [
            (p.where, p.line) for p in loaded.value.problems
        ]
        assert any(p.line == 4 for p in parsed.value.problems)  # id = 3: line 4 of the file
        assert parsed.value.hint == "the indicators file's head comment says its form"
    good = indicators_of(tomllib.loads(Path(load_indicators().file).read_text("utf-8")), "x")
    assert [i.id for i in good.items] == [i.id for i in load_indicators().items]
