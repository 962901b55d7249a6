"""find_figures: every figure in report text, as the curated report and import fixtures have it."""

from __future__ import annotations

import ast
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawgov_cli import Report, load_report
from lawgov_cli.core.fidelity import locate_figure
from lawgov_cli.core.numbers import (
    MULTIPLIERS,
    QUALIFIERS_AFTER_NUMBER,
    QUALIFIERS_BEFORE,
    parse_figure,
)
from lawgov_cli.importer import figures as figures_module
from lawgov_cli.importer import labels as labels_module
from lawgov_cli.importer.figures import (
    UNITS,
    Found,
    QuotesTooLong,
    find_figures,
    quoted_spans,
    room_taken,
)
from lawgov_cli.importer.labels import make_label

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "import"
NANSHAN_SOURCE = REPO / "data" / "source" / "nanshan-2024.txt"
FIXTURE_NAMES = sorted(path.name.removesuffix(".expected.json") for path in FIXTURES.glob("*.json"))
SECTION_IDS = [section.id for section in load_report().sections]


def figures_in(text: str) -> list[str]:
    return [found.figure for found in find_figures(text)]


def assert_faithful(text: str, found: list[Found]) -> None:
    """What every found figure promises: its span, its reading, its quote."""
    for item in found:
        assert text[item.start : item.end] == item.figure
        assert tuple(parse_figure(item.figure)) == (item.value, item.unit, item.qualifier)
        assert item.quote in text
        assert locate_figure(item.quote, item.figure) >= 0
        # at most 30 characters, unless no list boundary allows cutting it without halving a word
        assert len(item.label) <= 30 or not re.search("[、和及与,\uff0c]", item.label)
        assert item.label in item.quote
    assert [item.start for item in found] == sorted(item.start for item in found)


# --- the bundled report --------------------------------------------------------------------------


@pytest.mark.parametrize("section_id", SECTION_IDS)
def test_bundled_report_section_figures_are_the_curated_ones(
    report: Report, section_id: str
) -> None:
    section = next(s for s in report.sections if s.id == section_id)
    curated = [
        (m.figure, m.value, m.unit, m.qualifier) for m in report.metrics if m.section == section_id
    ]
    found = find_figures(section.text)
    assert [(f.figure, f.value, f.unit, f.qualifier) for f in found] == curated
    assert_faithful(section.text, found)


def test_bundled_report_has_58_figures(report: Report) -> None:
    assert sum(len(find_figures(section.text)) for section in report.sections) == 58
    assert len(report.metrics) == 58


def test_bundled_report_non_figures(report: Report) -> None:
    spans = [
        (section.text, found) for section in report.sections for found in find_figures(section.text)
    ]
    for text, found in spans:
        for word in ("二十大", "二十届三中全会", "一等奖", "“第一议题”", "“八五”", "“1+2+3+N”"):
            at = text.find(word)
            while at >= 0:
                assert not (at < found.end and found.start < at + len(word)), (word, found)
                at = text.find(word, at + 1)


# --- the import fixtures -------------------------------------------------------------------------


def load_fixture(name: str) -> tuple[str, dict[str, Any]]:
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    text = (FIXTURES / f"{name}.txt").read_bytes().decode(expected["encoding"])
    return text, expected


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_figures_in_order(name: str) -> None:
    text, expected = load_fixture(name)
    found = find_figures(text)
    assert [f.figure for f in found] == [m["figure"] for m in expected["metrics"]]
    assert [(f.value, f.unit, f.qualifier) for f in found] == [
        (m["value"], m["unit"], m["qualifier"]) for m in expected["metrics"]
    ]
    assert_faithful(text, found)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_non_figures_are_not_found(name: str) -> None:
    text, expected = load_fixture(name)
    found = find_figures(text)
    # Found figures are exactly the expected ones, so a non-figure lying wholly inside one of them
    # is some other text: the 1. of 约1.2万人次 is not the list marker 1.
    assert [f.figure for f in found] == [m["figure"] for m in expected["metrics"]]
    for word in expected["not_figures"]:
        assert word in text, word
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            overlapping = [
                f.figure
                for f in found
                if at < f.end and f.start < end and not f.start <= at < end <= f.end
            ]
            assert not overlapping, (word, overlapping)
            at = text.find(word, at + 1)


def test_fixtures_cover_six_reports() -> None:
    assert len(FIXTURE_NAMES) == 6


# --- the rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # ordinals
        "主动接受县第十四届人大常委会第三次会议专题询问",
        "获评第五批省级民主法治示范社区",
        "压实第一责任人职责",
        "位列全省第12名",
        # quoted names and titles
        "推行“五个一”工作法",
        "持续打造“1+2+3+N”法治建设工作体系",
        "全面落实《青禾区优化法治化营商环境20条》",
        "深化“一件事一次办”改革",
        "落实「誰執法誰普法」普法責任制,開展『三個一』活動,印发〈五项规定〉",
        "落实《“1名村(居)法律顾问·N名法律明白人”行动方案》",
        # years, dates, times, document numbers, versions, phones
        "2024年,我区2023-2024年度工作",
        "3月15日消费者权益保护日,每周三上午9:30起由律师值班",
        "发布时间:2024/12/31 09:30,2025 年 3 月 2 日",
        "严格执行(青府办〔2023〕15号)和深府办〔2024〕3号文件",
        "上线“智慧东湖”平台3.0版,3.0版上线",
        "开通法律咨询电话0000-5550123人工服务",
        "12345政务服务便民热线,12348热线",
        # numbers glued to letters or other digits
        "建成5G基站,每组3-5人,3~5人,1.2.3个,12,3个",
        # Chinese words that are not numbers
        "一是规范执法程序,二是统一标准,唯一有,三中全会,二十大,十四五规划,八五普法,八五个",
        "十大工程,二十届三中全会精神,荣获一等奖",
        "千家万户,万人助企,百家企业,零件,数十家企业,几十个部门,每三个月",
        # 一 as an article
        "建设一个平台,首批一批项目,一次办结,一件事,一张网",
        # political set phrases, unquoted
        "全面推行行政执法三项制度，坚决做到两个维护，增强四个意识，落实两个责任，坚定四个自信",
        "深刻领悟两个确立，协调推进四个全面，统筹五位一体，落实中央八项规定精神",
        "坚持改革和法治两轮驱动",
        # a leading 百 千 万 without a qualifier is a word, not a round amount
        "最近百个,上百家,成千上万,百年大计,千年古城",
    ],
)
def test_no_figures(text: str) -> None:
    assert figures_in(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("建设5大基础库、25类主题库", ["5大", "25类"]),
        ("推动政务诚信等12大应用场景建设", ["12大"]),
        ("召开全区法治政府建设推进会三场,38个区直部门", ["三场", "38个"]),
        ("为1,056名劳动者追回欠薪2.3亿元", ["1,056名", "2.3亿元"]),
        ("共3场,200人参加", ["3场", "200人"]),
        ("办理人大代表建议207件、政协提案228件", ["207件", "228件"]),
        ("我区系全市唯一有两人入选,对兩個项目评估", ["两人", "兩個"]),
        ("培训一百二十人,研究十二次,开展活动五批次", ["一百二十人", "十二次", "五批次"]),
        ("新建1期工程和1个平台", ["1期", "1个"]),
        ("受理１２件,减免３．５万元", ["１２件", "３．５万元"]),
        ("金额１，２３４万元，共１２件，３个街道", ["１，２３４万元", "１２件", "３个"]),
        ("下降5.5个百分点左右，约3天", ["5.5个百分点左右", "约3天"]),
        ("拆除违法建设4.6万平方米,腾退土地约86亩", ["4.6万平方米", "约86亩"]),
        ("回收5千克,五千克,5千米", ["5千克", "五千克", "5千米"]),
        ("比上年提高1.2个百分点和4.5個百分點", ["1.2个百分点", "4.5個百分點"]),
        ("联合三部门开展,服务24小时", ["三部门", "24小时"]),
        # units a report counts in: rounds, lessons, groups, buildings, trees, metres
        (
            "开展专项检查4轮、巡查两轮次,开展法治讲座20堂,组建调解小组6组,举办培训班3班,"
            "建成调解室5间,改造楼宇2栋、3幢,设立宣传栏12块,种植树木300棵、800株,"
            "清淤1.2万立方米,修建步道850米",
            [
                *("4轮", "两轮次", "20堂", "6组", "3班", "5间", "2栋", "3幢", "12块"),
                *("300棵", "800株", "1.2万立方米", "850米"),
            ],
        ),
        ("节约500万元,签约12家企业,最近3天", ["500万元", "12家", "3天"]),
        ("比例达到百分之三十,超过百分之九十", ["百分之三十", "超过百分之九十"]),
        ("一万人,两千余家,十项,三十多人", ["一万人", "两千余家", "十项", "三十多人"]),
        (
            "培训百余人，服务千余家企业，惠及万余名群众，回访千余人次，审查合同逾百份，"
            "整改问题近百个，覆盖超千户，办理案件逾千件，受益十余万人，满意度百分之百",
            [
                *("百余人", "千余家", "万余名", "千余人次", "逾百份", "近百个", "超千户"),
                *("逾千件", "十余万人", "百分之百"),
            ],
        ),
    ],
)
def test_figures(text: str, expected: list[str]) -> None:
    found = find_figures(text)
    assert [f.figure for f in found] == expected
    assert_faithful(text, found)


@pytest.mark.parametrize(
    ("figure", "value", "unit", "qualifier"),
    [
        # before the number
        ("超500家", 500, "家", "超"),
        ("超过90%", 90, "%", "超过"),
        ("超過500家", 500, "家", "超过"),  # Traditional: read in Simplified
        ("逾200场", 200, "场", "逾"),
        ("近3000人", 3000, "人", "近"),
        ("约1.2万人次", 12000, "人次", "约"),
        ("約60卷", 60, "卷", "约"),
        ("近400場", 400, "场", "近"),
        # right after the number or the multiplier
        ("800余件", 800, "件", "余"),
        ("800餘件", 800, "件", "余"),
        ("12.88萬餘宗", 128800, "宗", "余"),
        ("300多人", 300, "人", "多"),
        ("8,600多宗", 8600, "宗", "多"),
        ("12.88万余宗", 128800, "宗", "余"),
        ("3千余人", 3000, "人", "余"),
        ("3余万元", 30000, "元", "余"),
        ("三十余人", 30, "人", "余"),
        ("百分之三十多", 30, "%", "多"),
        # after the unit
        ("100人以上", 100, "人", "以上"),
        ("95%以上", 95, "%", "以上"),
        # none, with multipliers, separators, full-width percent
        ("56630.99万元", 566309900, "元", ""),
        ("1,860萬元", 18600000, "元", ""),
        ("1.6億元", 160000000, "元", ""),
        ("1,268.5万元", 12685000, "元", ""),
        ("98.6％", 98.6, "%", ""),
    ],
)
def test_qualifiers_multipliers_and_units(
    figure: str, value: float, unit: str, qualifier: str
) -> None:
    [found] = find_figures(f"全年办理{figure},同比增长。")
    assert (found.figure, found.value, found.unit, found.qualifier) == (
        figure,
        value,
        unit,
        qualifier,
    )


def test_percent_word_leaves_trailing_yishang_outside() -> None:
    # parse_figure reads 百分之 with no unit at all, so 以上 cannot join the figure.
    [found] = find_figures("满意度达到百分之九十以上")
    assert (found.figure, found.value, found.unit) == ("百分之九十", 90, "%")


def test_quoted_spans_nest_and_stop_at_line_end() -> None:
    text = "落实《关于“五个一”的通知》3份\n“未闭合的引号\n下一行3个"
    assert quoted_spans(text) == [(5, 10), (2, 14)]
    assert figures_in(text) == ["3份", "3个"]


def test_unclosed_quote_does_not_hide_the_next_line() -> None:
    assert figures_in("开展“法律进社区活动5场\n受理8件") == ["5场", "8件"]


def test_a_quote_left_open_at_a_line_end_is_not_closed_on_the_next_line() -> None:
    """Invented text: the ” on the second line closes nothing, so 5场 is not in a quote."""
    text = "开展“法律进社区\n活动5场”，受理8件"
    assert quoted_spans(text) == []
    assert figures_in(text) == ["5场", "8件"]


def test_a_closing_mark_closes_its_opening_mark_past_an_unclosed_inner_one() -> None:
    """Invented text: 《 is never closed; ” closes “ across it, so 3次 is inside the quote."""
    text = "开展“学习《条例3次”活动，受理8件"
    assert quoted_spans(text) == [(2, 11)]
    assert figures_in(text) == ["8件"]


def test_a_rejected_numeral_does_not_cut_the_next_figure_label() -> None:
    """Invented text: 十四五 is not a number (chinese_to_int refuses it), so 十四五期 is no figure
    and the label of 3个 starts where its clause starts."""
    [found] = find_figures("十四五期间共建成3个调解室。")
    assert (found.figure, found.label) == ("3个", "十四五期间共建成")


# --- quotes and labels ---------------------------------------------------------------------------


def test_quote_is_the_clause_and_keeps_thousands_separators() -> None:
    text = "城管部门清理整治乱摆卖12.88万余宗,整治违法户外广告3680余宗。为1,056名劳动者追回欠薪"
    assert [f.quote for f in find_figures(text)] == [
        "城管部门清理整治乱摆卖12.88万余宗",
        "整治违法户外广告3680余宗",
        "为1,056名劳动者追回欠薪",
    ]


@pytest.mark.parametrize(
    "separator", ["。", "；", ";", ",", "，", ":", "：", "！", "?", "\n", "\r\n"]
)
def test_quote_breaks(separator: str) -> None:
    assert [f.quote for f in find_figures(f"办结5件{separator}受理6件")] == ["办结5件", "受理6件"]


def test_quote_drops_an_unbalanced_bracket() -> None:
    text = "(全市共10人获此称号,我区系全市唯一有两人入选的行政区)。3名(含2名)同志,获评(区级)5人"
    quotes = [f.quote for f in find_figures(text)]
    assert quotes == [
        "全市共10人获此称号",
        "我区系全市唯一有两人入选的行政区",
        "3名(含2名)同志",
        "3名(含2名)同志",
        "获评(区级)5人",
    ]


def test_quote_keeps_a_bracket_inside_the_clause() -> None:
    # Only a bracket that opens or closes the clause is dropped; this one opens mid-clause.
    [_, found] = find_figures("2名同志获评“标兵”(全市共10人获此称号,我区有两人)")[:2]
    assert found.quote == "2名同志获评“标兵”(全市共10人获此称号"


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("共审查行政规范性文件15件、印发14件", ["审查行政规范性文件", "印发"]),
        ("调解成功率达97.52%", ["调解成功率"]),
        ("报备率、及时率均达100%", ["报备率、及时率"]),
        ("行政复议纠错率为9.8%", ["行政复议纠错率"]),
        ("累计参训750人次", ["参训"]),
        # what is counted is class hours: the label repeats the unit, as the text does
        ("累计课时48课时", ["课时"]),
        ("其中调解结案案件169宗", ["调解结案案件"]),
        (
            "为6893名劳动者追回欠薪(含经济补偿金)2.3亿元",
            ["劳动者追回欠薪", "劳动者追回欠薪(含经济补偿金)"],
        ),
        ("整治不文明养犬行为1536宗", ["整治不文明养犬行为"]),
        ("2名同志获全国“八五”普法中期个人通报表扬", ["同志获全国“八五”普法中期个人通报表扬"]),
        ("(全市共10人获此称号)", ["全市"]),
        ("达到100%", [""]),
    ],
)
def test_labels(text: str, labels: list[str]) -> None:
    assert [f.label for f in find_figures(text)] == labels


def test_a_long_label_is_cut_at_a_list_boundary_never_inside_a_word() -> None:
    before = "区政府党组会议及区政府常务会议传达学习、研究部署法治建设相关议题"
    assert len(before) > 30
    assert make_label(before, "") == "区政府常务会议传达学习、研究部署法治建设相关议题"
    unbroken = "举办“俄罗斯贸易投资法律风险防范”“欧美市场企业出海专利布局”主题大湾区法治讲座"
    assert make_label(unbroken, "") == unbroken
    assert make_label("为", "名劳动者追回欠薪" * 5) == ("名劳动者追回欠薪" * 5)[:30]


# --- properties ----------------------------------------------------------------------------------

# Written-out figures the way reports write them, Arabic numbers.
MULTIPLIER_CHARS = "".join(MULTIPLIERS)


@st.composite
def arabic_figures(draw: st.DrawFn) -> str:
    integer = draw(st.integers(min_value=0, max_value=10**9))
    digits = f"{integer:,}" if integer >= 1000 and draw(st.booleans()) else str(integer)
    places = draw(st.integers(min_value=0, max_value=2))
    if places:
        digits += "." + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=places,
                                              max_size=places)))  # fmt: skip
    multiplier = draw(st.sampled_from(["", "万", "亿"]))
    unit = draw(st.sampled_from(UNITS))
    where = draw(
        st.sampled_from(["none", "before", "after number", "after multiplier", "after unit"])
    )
    if where == "before":
        return draw(st.sampled_from(QUALIFIERS_BEFORE)) + digits + multiplier + unit
    if where == "after number":
        return digits + draw(st.sampled_from(QUALIFIERS_AFTER_NUMBER)) + multiplier + unit
    if where == "after multiplier" and multiplier:
        return digits + multiplier + draw(st.sampled_from(QUALIFIERS_AFTER_NUMBER)) + unit
    if where == "after unit":
        return digits + multiplier + unit + "以上"
    return digits + multiplier + unit


def to_chinese(number: int) -> str:
    """2 -> 二, 12 -> 十二, 120 -> 一百二十, 30005 -> 三万零五 (below 10**5)."""
    digits, places = "零一二三四五六七八九", ["", "十", "百", "千", "万"]
    written, gap = "", False
    for place, char in zip(range(len(str(number)) - 1, -1, -1), str(number), strict=True):
        if char == "0":
            gap = True
            continue
        written += ("零" if gap and written else "") + digits[int(char)] + places[place]
        gap = False
    return written[1:] if written.startswith("一十") else written


@given(arabic_figures())
@settings(max_examples=400, deadline=None)
def test_property_arabic_figure_in_a_sentence_is_found_exactly(figure: str) -> None:
    text = f"全年办理{figure},同比增长。"
    found = find_figures(text)
    assert [(f.start, f.figure) for f in found] == [(4, figure)]
    assert found[0].value == parse_figure(figure).value
    assert_faithful(text, found)


@given(
    st.integers(min_value=2, max_value=99_999),
    st.sampled_from([u for u in UNITS if u[0] not in MULTIPLIER_CHARS]),
)
@settings(max_examples=300, deadline=None)
def test_property_chinese_figure_in_a_sentence_is_found_exactly(number: int, unit: str) -> None:
    figure = to_chinese(number) + unit
    found = find_figures(f"全年办理{figure},同比增长。")
    assert [(f.figure, f.value) for f in found] == [(figure, number)]


def test_to_chinese() -> None:
    assert [to_chinese(n) for n in (2, 10, 12, 120, 1005, 30005, 12000)] == [
        "二",
        "十",
        "十二",
        "一百二十",
        "一千零五",
        "三万零五",
        "一万二千",
    ]


# --- guards --------------------------------------------------------------------------------------


def test_a_megabyte_is_scanned_quickly() -> None:
    body = NANSHAN_SOURCE.read_text(encoding="utf-8")
    text = body * (1_000_000 // len(body.encode("utf-8")) + 1)
    assert len(text.encode("utf-8")) >= 1_000_000
    started = time.perf_counter()
    found = find_figures(text)
    assert time.perf_counter() - started < 10
    assert len(found) == len(find_figures(body)) * (len(text) // len(body))


@pytest.mark.parametrize("module", [figures_module, labels_module])
def test_module_is_pure(module: object) -> None:
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    allowed = {"__future__", "bisect", "re", "collections.abc", "dataclasses"}
    allowed |= {"core.numbers", "core.model", "core.simplified"}
    assert imported <= allowed | {"labels"}


def test_locate_figure_reads_only_figure_digits_as_digits() -> None:
    assert locate_figure("①5家；②3个", "5家") == 1
    assert locate_figure("²3个", "3个") == 1
    assert locate_figure("１２名", "２名") == -1  # inside the full-width number 12
    assert locate_figure("12名", "2名") == -1


# Invented text: three figures in one clause, the middle one named after it (行政诉讼案件和).
THREE_IN_A_CLAUSE = "受理行政复议案件12件、5件行政诉讼案件和3件国家赔偿案件。"
# The same three figures in an invented clause of more than 100 characters (labels.QUOTE_MAX):
# each quote is the part of the clause that holds its figure and label.
THREE_IN_A_LONG_CLAUSE = (
    "全区各级行政机关全面推进严格规范公正文明执法持续深化行政执法体制改革切实加强行政复议和"
    "行政应诉工作不断提升依法行政能力和水平有效化解各类行政争议依法" + THREE_IN_A_CLAUSE
)


def test_a_label_after_its_figure_stops_at_the_next_figure() -> None:
    found = find_figures(THREE_IN_A_CLAUSE)
    assert [(f.figure, f.label) for f in found] == [
        ("12件", "受理行政复议案件"),
        ("5件", "行政诉讼案件和"),
        ("3件", "行政诉讼案件和"),
    ]
    assert {f.quote for f in found} == {THREE_IN_A_CLAUSE.removesuffix("。")}


def test_in_a_long_clause_a_figure_named_after_it_quotes_up_to_the_next_figure() -> None:
    found = find_figures(THREE_IN_A_LONG_CLAUSE)
    assert len(THREE_IN_A_LONG_CLAUSE) > 100
    assert [(f.figure, f.quote) for f in found][1:] == [
        ("5件", "5件行政诉讼案件和"),
        ("3件", "行政诉讼案件和3件"),
    ]
    assert found[0].quote.endswith("依法受理行政复议案件12件")


# Invented text: a figure with no label (3个) and two with one.
BUDGETED = "共3个，分别为12名律师和5名公证员。"


def test_each_figure_costs_its_report_at_least_90_bytes_and_its_strings() -> None:
    found = find_figures(BUDGETED)
    assert [(f.figure, f.label, f.quote) for f in found] == [
        ("3个", "", "共3个"),
        ("12名", "分别", "分别为12名律师和5名公证员"),
        ("5名", "律师和", "分别为12名律师和5名公证员"),
    ]
    # 90 + quote + label + figure, in characters
    assert [room_taken(f) for f in found] == [90 + 3 + 0 + 2, 90 + 14 + 2 + 3, 90 + 14 + 3 + 2]


def test_figures_that_fit_the_quote_budget_exactly_are_read_and_one_byte_less_is_refused() -> None:
    total = 95 + 109 + 109  # what the three figures of BUDGETED take (test above)
    assert find_figures(BUDGETED, quote_budget=total) == find_figures(BUDGETED)
    with pytest.raises(QuotesTooLong) as raised:
        find_figures(BUDGETED, quote_budget=total - 1)
    assert raised.value.args == (total,)
