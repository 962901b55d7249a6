from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawgov_cli.core.numbers import (
    Figure,
    FigureError,
    chinese_to_int,
    format_value,
    marker_value,
    parse_figure,
)


@pytest.mark.parametrize(
    ("figure", "value", "unit", "qualifier"),
    [
        ("12.88万余宗", 128800, "宗", "余"),
        ("2.3亿元", 230000000, "元", ""),
        ("56630.99万元", 566309900, "元", ""),
        ("97.52%", 97.52, "%", ""),
        ("超500家", 500, "家", "超"),
        ("超过90%", 90, "%", "超过"),
        ("800余件", 800, "件", "余"),
        ("300多人", 300, "人", "多"),
        ("100人以上", 100, "人", "以上"),
        ("近3000人", 3000, "人", "近"),
        ("约1.2万人次", 12000, "人次", "约"),
        ("逾200场", 200, "场", "逾"),
        ("1,280件", 1280, "件", ""),
        ("1,200余项", 1200, "项", "余"),
        ("两人", 2, "人", ""),
        ("两个", 2, "个", ""),
        ("十二次", 12, "次", ""),
        ("一百二十人", 120, "人", ""),
        ("五批次", 5, "批次", ""),
        ("三十余人", 30, "人", "余"),
        ("3千余人", 3000, "人", "余"),
        ("5千克", 5, "千克", ""),
        ("五千克", 5, "千克", ""),
        ("3.5个百分点", 3.5, "个百分点", ""),
        ("百分之三十", 30, "%", ""),
        ("１２件", 12, "件", ""),
        ("750人次", 750, "人次", ""),
        ("5大", 5, "大", ""),
        # round numbers with a qualifier
        ("百余人", 100, "人", "余"),
        ("千余人次", 1000, "人次", "余"),
        ("万余名", 10000, "名", "余"),
        ("逾千件", 1000, "件", "逾"),
        ("近百个", 100, "个", "近"),
        ("超千万元", 10000000, "元", "超"),
        ("十余万人", 100000, "人", "余"),
        ("百分之百", 100, "%", ""),
        ("１，２３４万元", 12340000, "元", ""),
        ("5.5个百分点左右", 5.5, "个百分点", "左右"),
    ],
)
def test_parse_figure(figure: str, value: float, unit: str, qualifier: str) -> None:
    parsed = parse_figure(figure)
    assert parsed == (value, unit, qualifier)
    assert type(parsed.value) is type(value)


def test_run_together_numerals_are_refused() -> None:
    with pytest.raises(FigureError, match="two digits in a row"):
        chinese_to_int("六二")


@pytest.mark.parametrize("bad", ["", "件", "abc", "第三", "12件3"])
def test_parse_figure_refuses_non_figures(bad: str) -> None:
    with pytest.raises(FigureError):
        parse_figure(bad)


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百二十", 120),
        ("三千零五", 3005),
        ("两", 2),
        ("一万二千", 12000),
        ("一亿二千万", 120000000),
        ("零", 0),
        ("百", 100),
        ("千", 1000),
        ("千万", 10000000),
        ("万", 10000),
    ],
)
def test_chinese_to_int(numeral: str, value: int) -> None:
    assert chinese_to_int(numeral) == value


def test_format_value_never_prints_a_trailing_zero() -> None:
    assert format_value(128800) == "128800"
    assert format_value(100.0) == "100"
    assert format_value(97.52) == "97.52"
    assert format_value(230000000) == "230000000"


@pytest.mark.parametrize(
    ("figure", "value", "unit", "qualifier"),
    [
        ("兩個", 2, "个", ""),
        ("1,860萬元", 18600000, "元", ""),
        ("1.6億元", 160000000, "元", ""),
        ("4.5個百分點", 4.5, "个百分点", ""),
        ("8,600多宗", 8600, "宗", "多"),
        ("超過90%", 90, "%", "超过"),
        ("不超過3個工作日", 3, "个工作日", "不超过"),
        ("約1.2萬人次", 12000, "人次", "约"),
        ("300餘條", 300, "条", "余"),
        ("12.88萬餘宗", 128800, "宗", "余"),
        ("3項", 3, "项", ""),
        ("一萬二千人", 12000, "人", ""),
        ("十餘萬人", 100000, "人", "余"),
        ("2.3億元", 230000000, "元", ""),
    ],
)
def test_traditional_figures(figure: str, value: float, unit: str, qualifier: str) -> None:
    """A figure in Traditional characters reads as its Simplified form does: the value, and the
    unit and qualifier in Simplified characters (what import stores, and --unit 项 finds)."""
    assert parse_figure(figure) == (value, unit, qualifier)


def test_every_qualifier_read_in_a_figure_has_an_interval_reading() -> None:
    from lawgov_cli.core.expr import QUALIFIER_READINGS
    from lawgov_cli.core.numbers import (
        QUALIFIERS_AFTER_NUMBER,
        QUALIFIERS_AFTER_UNIT,
        QUALIFIERS_BEFORE,
    )

    written = {*QUALIFIERS_BEFORE, *QUALIFIERS_AFTER_NUMBER, *QUALIFIERS_AFTER_UNIT}
    assert written | {""} == set(QUALIFIER_READINGS)


# --- property: a figure written the ways reports write it parses back -------------------------

UNITS = ["件", "宗", "人次", "场次", "个百分点", "平方米", "%", "名", "家", "项"]
BEFORE = ["", "超", "超过", "逾", "近", "约"]
AFTER = ["", "余", "多"]


def with_separators(whole: int) -> str:
    return f"{whole:,}"


@given(
    whole=st.integers(min_value=0, max_value=99_999_999),
    cents=st.one_of(st.none(), st.integers(min_value=1, max_value=99)),
    separators=st.booleans(),
    multiplier=st.sampled_from(["", "万", "亿", "千"]),
    unit=st.sampled_from(UNITS),
    qualifier=st.sampled_from(BEFORE + AFTER + ["以上"]),
    full_width=st.booleans(),
)
def test_any_written_figure_parses_back(
    whole: int,
    cents: int | None,
    separators: bool,
    multiplier: str,
    unit: str,
    qualifier: str,
    full_width: bool,
) -> None:
    digits = with_separators(whole) if separators else str(whole)
    if cents is not None:
        digits += f".{cents:02d}"
    if full_width:
        digits = digits.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789."})
    number = digits + multiplier
    if qualifier in BEFORE:
        figure = f"{qualifier}{number}{unit}"
    elif qualifier in AFTER:
        figure = f"{number}{qualifier}{unit}"
    else:
        figure = f"{number}{unit}{qualifier}"
    parsed = parse_figure(figure)
    exact = Decimal(whole) + (Decimal(cents) / 100 if cents is not None else 0)
    scale = {"": 1, "万": 10**4, "亿": 10**8, "千": 10**3}[multiplier]
    assert Decimal(str(parsed.value)) == exact * scale
    assert parsed.unit == unit
    assert parsed.qualifier == qualifier


@given(st.integers(min_value=1, max_value=99_999))
def test_chinese_numerals_round_trip(value: int) -> None:
    assert chinese_to_int(to_chinese(value)) == value


def to_chinese(value: int) -> str:
    """The plain way to write a number up to 99999 in Chinese numerals (十二, 一百零五)."""
    digits = "零一二三四五六七八九"
    units = ["", "十", "百", "千", "万"]
    text = ""
    zero = False
    for power in range(4, -1, -1):
        digit = value // 10**power % 10
        if digit:
            if zero:
                text += "零"
            text += digits[digit] + units[power]
            zero = False
        elif text:
            zero = True
    return text[1:] if text.startswith("一十") else text  # 十二, not 一十二


def test_a_unit_starting_with_a_multiplier_is_given_back_once() -> None:
    assert parse_figure("三十五千瓦时") == (35, "千瓦时", "")


def test_a_figure_is_not_found_inside_a_full_width_decimal() -> None:
    from lawgov_cli.core.fidelity import locate_figure

    assert locate_figure("共1\uff0e2名", "2名") == -1
    assert locate_figure("共12名,另2名", "2名") == 6


@pytest.mark.parametrize(
    ("marker", "value"),
    [("三、", 3), ("(二)", 2), ("（二）", 2), ("3.", 3), ("１．", 1), ("①", 1), ("⑳", 20),
     ("一是", 1), ("十二", 12), ("", None), ("第三", None), ("3.2", None)],
)  # fmt: skip
def test_marker_value(marker: str, value: int | None) -> None:
    assert marker_value(marker) == value


# --- behaviour the mutation tool (tools/mutation.py) found unstated ---------------------------


@pytest.mark.parametrize(
    ("figure", "message"),
    [
        ("件", "'件': expected a number at position 0"),
        ("百分之五十件", "'百分之五十件': 百分之 takes no unit, found '件'"),
        ("5件3", "'5件3': unexpected digits in unit '件3'"),
        ("1" * 31 + "元", "a number of more than 30 digits is not a figure"),
    ],
)
def test_a_figure_that_cannot_be_read_says_why(figure: str, message: str) -> None:
    with pytest.raises(FigureError) as raised:
        parse_figure(figure)
    assert str(raised.value) == message


def test_a_string_that_is_no_chinese_numeral_says_so() -> None:
    with pytest.raises(FigureError) as raised:
        chinese_to_int("十x")
    assert str(raised.value) == "not a Chinese numeral: '十x'"


def test_a_qualifier_may_stand_before_baifenzhi() -> None:
    assert parse_figure("近百分之五十") == Figure(50, "%", "近")
    assert parse_figure("超百分之九十") == Figure(90, "%", "超")


def test_thirty_digits_is_the_most_a_figure_or_marker_has() -> None:
    assert marker_value("1" * 30) == int("1" * 30)
    assert marker_value("1" * 31) is None
    assert parse_figure("1" * 30 + "元").unit == "元"  # 30 digits: still a figure


def test_a_lone_qian_before_a_unit_starting_with_qian_is_the_number() -> None:
    """千克 alone: 千 is the number (as in 逾千件), 克 the unit; only a numeral of two or
    more characters gives its last 千 back to the unit (五千克 is 5 千克)."""
    assert parse_figure("千克") == Figure(1000, "克", "")
    assert parse_figure("五千克") == Figure(5, "千克", "")


def test_a_figure_of_thirty_digits_is_read_exactly_even_times_a_multiplier() -> None:
    """Decimal's default precision (28 digits) rounded such figures: a figure is never
    rounded. (Synthetic figures: no report states one this long.)"""
    from lawgov_cli.core.numbers import MAX_FIGURE_DIGITS, parse_figure

    digits = "1" * MAX_FIGURE_DIGITS
    assert parse_figure(digits + "元").value == int(digits)
    assert parse_figure(digits + "亿元").value == int(digits) * 10**8
    assert parse_figure(digits + "万亿元").value == int(digits) * 10**12
