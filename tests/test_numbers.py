from __future__ import annotations

import pytest

from lawgov_cli.numbers import FigureError, chinese_to_int, format_value, parse_figure


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
    ],
)
def test_chinese_to_int(numeral: str, value: int) -> None:
    assert chinese_to_int(numeral) == value


def test_format_value_never_prints_a_trailing_zero() -> None:
    assert format_value(128800) == "128800"
    assert format_value(100.0) == "100"
    assert format_value(97.52) == "97.52"
    assert format_value(230000000) == "230000000"
