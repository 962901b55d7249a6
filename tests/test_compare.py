"""``lawgov compare``: the pure comparison (core/compare.py), its answer in every format, and the
command as users run it.

SYNTHETIC DATA: every report, issuer and figure built in this file (甲区, 乙区, the counts of
行政复议 cases and their years) is invented for the tests. None of it is a real report's figure.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from rich.cells import cell_len

from lawgov_cli.core.compare import (
    BOUNDS,
    SORT_KEYS,
    IndicatorComparison,
    Row,
    bound_of,
    compare,
)
from lawgov_cli.core.library import Entry
from lawgov_cli.core.model import Metric, Report, Section
from lawgov_cli.core.numbers import parse_figure
from lawgov_cli.formats import csvout, jsonout, plain, terminal
from lawgov_cli.formats.answers import Comparison
from lawgov_cli.formats.records import COMPARE_COLUMNS
from lawgov_cli.formats.stream import Output

CASES = "reconsideration.received"  # a synthetic indicator id
NAMES = {CASES: "新收行政复议案件"}
SAME_CASES = {"宗": "件"}  # 宗 and 件 both count cases


def metric(figure: str, id: str = "m1", section: str = "1", label: str = "新收行政复议案件"):
    """A synthetic figure, read as lawgov reads one (parse_figure): value, unit, qualifier."""
    value, unit, qualifier = parse_figure(figure)
    return Metric(id, section, label, value, unit, figure, qualifier, f"{label}{figure}")


def entry(id: str, issuer: str, year: int | None, *metrics: Metric) -> Entry:
    """A synthetic report holding ``metrics`` in document order."""
    section = Section("1", "一、", "标题", "synthetic text")
    report = Report(f"{issuer}{year}年报告", issuer, None, year, "", (section,), metrics)
    return Entry(id, f"/lib/{id}.toml", report, None)


def history(*years: tuple[int, str]) -> list[Entry]:
    """Synthetic reports of 甲区, one per (year, figure), ids a-YEAR."""
    return [entry(f"a-{year}", "甲区", year, metric(figure)) for year, figure in years]


def pairs(*entries: Entry) -> list[tuple[Entry, Metric]]:
    return [(e, m) for e in entries for m in (e.report.metrics if e.report else ())]


def one(
    entries: Sequence[Entry],
    canonical: dict[str, str] | None = None,
    sort: str = "report",
    desc: bool = False,
) -> IndicatorComparison:
    [comparison] = compare(
        [CASES], {CASES: pairs(*entries)}, canonical or {}, NAMES, sort=sort, desc=desc
    )
    return comparison


def summary(rows: Sequence[Row]) -> list[tuple[str, object]]:
    return [(r.report, r.metric.value) for r in rows]


# The pure core


@pytest.mark.parametrize(
    ("qualifier", "bound"),
    [
        ("", ""),
        *((q, "lower") for q in ("余", "超", "多", "逾", "超过", "以上", "不少于", "不低于")),
        *((q, "upper") for q in ("不超过", "不到", "不足", "以内", "以下")),
        *((q, "approximate") for q in ("约", "近", "左右")),
        ("餘", "lower"),  # a file may keep a qualifier as written, in Traditional characters
    ],
)
def test_qualifiers_read_as_bounds(qualifier: str, bound: str) -> None:
    assert bound_of(qualifier) == bound


def test_bounds_agree_with_how_checks_read_each_qualifier() -> None:
    from fractions import Fraction

    from lawgov_cli.core.expr.intervals import QUALIFIER_READINGS

    one_ = Fraction(1)
    for qualifier, reading in QUALIFIER_READINGS.items():
        low, high = reading.low_factor, reading.high_factor
        expected = (
            ""
            if (low, high) == (one_, one_)
            else "lower"
            if (low, high) == (one_, None)
            else "upper"
            if (low, high) == (None, one_)
            else "approximate"
        )
        assert bound_of(qualifier) == expected, qualifier
    assert set(BOUNDS) == set(QUALIFIER_READINGS) - {""}


def test_one_row_per_report_the_first_figure_in_document_order() -> None:
    a = entry("a-2023", "甲区", 2023, metric("12件", "first"), metric("30件", "second"))
    b = entry("b-2023", "乙区", 2023, metric("7件"))
    # The library's pairs need not come in document order: the first in the report is shown.
    given = [(a, a.report.metrics[1]), (a, a.report.metrics[0]), *pairs(b)]  # type: ignore[union-attr]
    [comparison] = compare([CASES], {CASES: given}, {}, NAMES)
    [group] = comparison.groups
    assert [(r.report, r.metric.id, r.others) for r in group.rows] == [
        ("a-2023", "first", 1),
        ("b-2023", "m1", 0),
    ]
    assert comparison.name == "新收行政复议案件"


def test_change_from_the_same_issuers_latest_earlier_year() -> None:
    a_2021, a_2023, a_2024 = history((2021, "50件"), (2023, "100件"), (2024, "120件"))
    rows = one([a_2021, a_2023, entry("b-2023", "乙区", 2023, metric("10件")), a_2024]).rows
    changes = {r.report: r.change for r in rows}
    assert changes["a-2021"] is None and changes["b-2023"] is None  # no earlier year of theirs
    from_2021, from_2023 = changes["a-2023"], changes["a-2024"]
    assert from_2021 is not None and from_2023 is not None
    assert (from_2021.from_year, from_2021.absolute, from_2021.percent) == (2021, 50, 100.0)
    # 2024 is compared with 2023, the latest year before it, not with 2021
    assert (from_2023.from_report, from_2023.absolute, from_2023.percent) == ("a-2023", 20, 20.0)
    assert not from_2023.inexact


def test_a_fall_and_decimals_are_exact() -> None:
    rows = one(history((2023, "97.52%"), (2024, "96.1%"))).rows
    change = rows[1].change
    assert change is not None
    assert change.absolute == -1.42  # not -1.4200000000000017
    assert change.percent == -1.46  # -1.456…% rounded to two decimals


def test_changes_of_the_largest_figures_are_exact() -> None:
    big = "123456789012345678901234567890"  # 30 digits: the most a figure may have
    rows = one(history((2023, "0.01亿元"), (2024, f"{big}万亿元"))).rows
    change = rows[1].change
    assert change is not None
    old, new = rows[0].metric.value, rows[1].metric.value  # as stored (ints)
    assert (old, len(str(new))) == (10**6, 42)
    assert change.absolute == new - old  # to the unit, in 42 digits
    assert change.percent == float((new - old) // 10**4)  # exactly: old is 10**6


def test_a_change_involving_a_lower_bound_is_marked_inexact() -> None:
    rows = one(
        history(
            (2023, "800余件"),
            (2024, "900件"),
            (2025, "约950件"),
            (2026, "1000件"),
            (2027, "1100件"),
        )
    ).rows
    assert rows[0].bound == "lower" and rows[2].bound == "approximate"
    inexact = [r.change.inexact for r in rows[1:] if r.change]
    assert inexact == [True, True, True, False]


def test_no_percent_from_zero() -> None:
    rows = one(history((2023, "0件"), (2024, "5件"))).rows
    change = rows[1].change
    assert change is not None
    assert (change.absolute, change.percent) == (5, None)


def test_same_year_twice_and_unknown_year_or_issuer_give_no_change() -> None:
    rows = one(
        [
            entry("a-2023", "甲区", 2023, metric("5件")),
            entry("a-2023b", "甲区", 2023, metric("6件")),
            entry("a-none", "甲区", None, metric("7件")),
            entry("x-2024", "", 2024, metric("8件")),
        ]
    ).rows
    assert [r.change for r in rows] == [None, None, None, None]


def test_of_two_reports_of_one_year_the_first_read_is_the_base() -> None:
    a_2023, a_2024 = history((2023, "5件"), (2024, "10件"))
    again = entry("a-2023-again", "甲区", 2023, metric("6件"))
    rows = one([a_2023, again, a_2024]).rows
    change = rows[2].change
    assert change is not None
    assert (change.from_report, change.absolute) == ("a-2023", 5)


def test_units_in_another_family_are_set_apart_never_mixed() -> None:
    comparison = one(
        [
            entry("a", "甲区", 2023, metric("876宗")),
            entry("b", "乙区", 2023, metric("151件")),
            entry("c", "丙区", 2023, metric("30人")),
            entry("d", "丁区", 2023, metric("12个")),
        ],
        SAME_CASES,
    )
    main, *apart = comparison.groups
    assert (main.unit, main.apart, summary(main.rows)) == ("件", False, [("a", 876), ("b", 151)])
    assert [(g.unit, g.apart, summary(g.rows)) for g in apart] == [
        ("人", True, [("c", 30)]),
        ("个", True, [("d", 12)]),
    ]


def test_without_the_equivalence_jian_and_zong_do_not_compare() -> None:
    groups = one(
        [entry("a", "甲区", 2023, metric("876宗")), entry("b", "乙区", 2023, metric("151件"))]
    ).groups
    assert [(g.unit, g.apart) for g in groups] == [("宗", False), ("件", True)]  # tie: first met


def test_the_majority_unit_is_the_main_group_whatever_comes_first() -> None:
    groups = one(
        [
            entry("a", "甲区", 2023, metric("30人")),
            entry("b", "乙区", 2023, metric("151件")),
            entry("c", "丙区", 2023, metric("99宗")),
        ],
        SAME_CASES,
    ).groups
    assert [(g.unit, g.apart, len(g.rows)) for g in groups] == [("件", False, 2), ("人", True, 1)]


def test_no_change_across_unit_groups() -> None:
    rows = one(
        [
            entry("a-2023", "甲区", 2023, metric("30人")),
            entry("a-2024", "甲区", 2024, metric("5件")),
        ]
    ).rows
    assert [r.change for r in rows] == [None, None]


def test_wan_yuan_is_stored_as_yuan_and_compares_with_yuan() -> None:
    groups = one(
        [
            entry("a", "甲区", 2023, metric("2.3亿元")),
            entry("b", "乙区", 2023, metric("56630.99万元")),
            entry("c", "丙区", 2023, metric("800000元")),
        ]
    ).groups
    [group] = groups
    assert group.unit == "元"
    assert summary(group.rows) == [("a", 230000000), ("b", 566309900), ("c", 800000)]


SORTS = [
    ("report", False, ["b", "a", "c", "d"]),
    ("report", True, ["d", "c", "a", "b"]),
    ("value", False, ["d", "b", "a", "c"]),
    ("value", True, ["c", "a", "b", "d"]),
    ("year", False, ["a", "b", "d", "c"]),  # no year: last
    ("year", True, ["d", "b", "a", "c"]),  # no year: last in either direction
    ("issuer", False, ["d", "b", "a", "c"]),  # 丙 乙 甲 by code point; no issuer last
]


@pytest.mark.parametrize(("sort", "desc", "order"), SORTS)
def test_sort(sort: str, desc: bool, order: list[str]) -> None:
    entries = [
        entry("b", "乙区", 2023, metric("20件")),
        entry("a", "甲区", 2022, metric("30件")),
        entry("c", "", None, metric("40件")),
        entry("d", "丙区", 2024, metric("10件")),
    ]
    assert sorted("丙乙甲") == ["丙", "乙", "甲"]
    assert [r.report for r in one(entries, sort=sort, desc=desc).rows] == order


def test_sorting_keeps_changes_and_ties_in_report_order() -> None:
    entries = [
        entry("a-2024", "甲区", 2024, metric("10件")),
        entry("b-2024", "乙区", 2024, metric("10件")),
        entry("a-2023", "甲区", 2023, metric("5件")),
    ]
    rows = one(entries, sort="value", desc=True).rows
    assert [r.report for r in rows] == ["a-2024", "b-2024", "a-2023"]
    assert rows[0].change is not None and rows[0].change.absolute == 5


def test_unknown_sort_key_and_each_indicator_once() -> None:
    with pytest.raises(ValueError, match="unknown sort key"):
        compare([CASES], {}, {}, NAMES, sort="size")
    assert SORT_KEYS == ("report", "issuer", "year", "value")
    twice = compare([CASES, "other", CASES], {}, {}, NAMES)
    assert [(c.indicator, c.groups) for c in twice] == [(CASES, []), ("other", [])]


def test_a_report_that_failed_to_load_gives_no_row() -> None:
    broken = Entry("broken", "/lib/broken.toml", None, None)
    good = entry("a", "甲区", 2023, metric("5件"))
    [comparison] = compare([CASES], {CASES: [(broken, metric("9件")), *pairs(good)]}, {}, NAMES)
    assert summary(comparison.rows) == [("a", 5)]


# Every format


def sample() -> Comparison:
    """Synthetic: 甲区 over two years (a lower bound in the first), 乙区, and one figure in 人
    that is set apart."""
    entries = [
        entry("jia-2023", "甲区", 2023, metric("800余宗", "s3-1.f2", "3.1")),
        entry("jia-2024", "甲区", 2024, metric("900件", "s2.f1", "2"), metric("12件", "s2.f2")),
        entry("yi-2024", "乙区", 2024, metric("151件")),
        entry("bing-2024", "丙区", 2024, metric("30人")),
    ]
    return Comparison(compare([CASES], {CASES: pairs(*entries)}, SAME_CASES, NAMES))


def printed(module: object, color: str = "never", columns: int = 80) -> str:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    out = Output(color, stream=stream, env={"COLUMNS": str(columns), "TERM": "xterm"})
    module.comparison(sample(), out)  # type: ignore[attr-defined]
    return stream.getvalue()


def test_json_shape() -> None:
    rows = json.loads(printed(jsonout))
    assert [r["report"] for r in rows] == ["jia-2023", "jia-2024", "yi-2024", "bing-2024"]
    first, second = rows[0], rows[1]
    assert set(first) == {
        *("report", "indicator", "name", "issuer", "year", "value", "unit", "compared_unit"),
        *("qualifier", "bound", "figure", "section", "metric", "others", "apart", "change"),
    }
    assert (first["value"], first["unit"], first["compared_unit"]) == (800, "宗", "件")
    assert (first["qualifier"], first["bound"], first["change"]) == ("余", "lower", None)
    assert (second["others"], second["bound"], second["metric"]) == (1, None, "s2.f1")
    assert second["change"] == {
        "from_report": "jia-2023",
        "from_year": 2023,
        "absolute": 100,
        "percent": 12.5,
        "inexact": True,
    }
    assert rows[3]["apart"] is True and rows[2]["apart"] is False


def test_csv_has_the_documented_header_and_one_row_per_report() -> None:
    table = list(csv.reader(io.StringIO(printed(csvout))))
    assert tuple(table[0]) == COMPARE_COLUMNS
    records = [dict(zip(table[0], row, strict=True)) for row in table[1:]]
    assert [(r["report"], r["group"]) for r in records] == [
        ("jia-2023", "main"),
        ("jia-2024", "main"),
        ("yi-2024", "main"),
        ("bing-2024", "apart"),
    ]
    changed = records[1]
    assert (changed["change"], changed["change_percent"], changed["change_inexact"]) == (
        "100",
        "12.5",
        "inexact",
    )
    assert (records[0]["change"], records[0]["bound"], records[0]["value"]) == ("", "lower", "800")


def test_plain_is_tab_separated_without_ansi() -> None:
    lines = printed(plain, color="always").splitlines()
    assert len(lines) == 4
    assert all("\x1b" not in line for line in lines)
    assert all(len(line.split("\t")) == len(COMPARE_COLUMNS) for line in lines)
    assert lines[1].split("\t")[:2] == ["jia-2024", CASES]  # the report column leads


ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("columns", [50, 60, 80, 120])
def test_terminal_table_with_bars_fits_the_width(columns: int) -> None:
    text = printed(terminal, color="always", columns=columns)
    assert "\x1b[" in text
    lines = ANSI.sub("", text).splitlines()
    assert max(cell_len(line) for line in lines) <= columns
    joined = "\n".join(lines)
    for shown in ("新收行政复议案件", "jia-2023", "800余宗", "乙区", "+100*", "(+12.5%)", "另1项"):
        assert shown in joined
    assert ">=800" in joined  # a lower bound is marked at its value and after its bar…
    assert any(line.split()[0] == "jia-2023" and line.rstrip()[-1] == "+" for line in lines)
    assert "+ 下限" in joined and "* 涉及下限或约数" in joined  # …and the legend says so
    assert "单位 人:与上表不可比,单列" in joined  # the 人 figure stands apart
    bars = {line.split()[0]: line.count("█") for line in lines if "█" in line}
    assert bars["jia-2024"] > bars["yi-2024"] > 0  # 900 against 151
    assert bars["bing-2024"] == max(bars.values())  # its own group: scaled to itself
    wide = columns >= terminal.WIDE
    assert ("s3-1.f2" in joined) == wide  # the figure's id has a column only when wide


def test_a_terminal_too_narrow_for_bars_drops_them_not_the_values() -> None:
    lines = ANSI.sub("", printed(terminal, color="always", columns=38)).splitlines()
    assert max(cell_len(line) for line in lines) <= 38
    main, apart = "\n".join(lines).split("单位 人")
    assert "█" not in main  # no room: the main group has no bars…
    assert all(shown in main for shown in ("jia-2023", "800余宗", ">=800 宗", "151 件"))
    assert "█" in apart  # …while the narrower group apart still has room for its own


def test_nothing_found_prints_nothing_on_a_terminal_and_says_so_when_one_is_empty() -> None:
    stream = io.StringIO()
    empty = Comparison(compare([CASES], {}, {}, NAMES))
    terminal.comparison(empty, Output("always", stream=stream, env={}))
    assert stream.getvalue() == ""
    other = compare(
        ["other", CASES], {CASES: pairs(entry("a", "甲区", 2023, metric("5件")))}, {}, NAMES
    )
    terminal.comparison(Comparison(other), Output("always", stream=stream, env={}))
    assert "other\n没有数据\n" in ANSI.sub("", stream.getvalue())


def test_terminal_bars_are_scaled_per_group() -> None:
    assert terminal.bar(900, 900, 10) == "█" * 10
    assert terminal.bar(450, 900, 10) == "█" * 5
    assert terminal.bar(1, 900, 10) == "▏"  # above zero shows
    assert terminal.bar(0, 900, 10) == ""


# The command


def test_compare_in_process(runner, monkeypatch: pytest.MonkeyPatch) -> None:
    result = runner.invoke(None, ["compare", "mediation.success-rate", "--json"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert (row["report"], row["value"], row["unit"], row["section"]) == (
        "report",
        97.52,
        "%",
        "4.1",
    )
    # No figure of the indicator in any report read: [] and exit 1.
    monkeypatch.setattr("lawgov_cli.cli.compare_command.indicator_figures", lambda *_: [])
    empty = runner.invoke(None, ["compare", "mediation.success-rate", "--json"])
    assert (empty.exit_code, json.loads(empty.stdout)) == (1, [])
    assert runner.invoke(None, ["compare", "mediation.disputes"]).stdout == ""


def test_the_command_across_several_reports(runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's body over several (synthetic) reports, as the library will hand them over:
    its one seam for the figures read, ``indicator_figures``, is given three reports' worth."""
    reports = [
        entry("jia-2023", "甲区", 2023, metric("800余件", CASES)),
        entry("jia-2024", "甲区", 2024, metric("900件", CASES)),
        entry("yi-2024", "乙区", 2024, metric("30人", CASES)),
    ]
    monkeypatch.setattr(
        "lawgov_cli.cli.compare_command.indicator_figures", lambda _state, _id: pairs(*reports)
    )
    result = runner.invoke(None, ["compare", CASES, "--json", "--sort", "year", "--desc"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["report"], r["apart"]) for r in rows] == [
        ("jia-2024", False),
        ("jia-2023", False),
        ("yi-2024", True),
    ]
    assert rows[0]["change"] == {
        "from_report": "jia-2023",
        "from_year": 2023,
        "absolute": 100,
        "percent": 12.5,
        "inexact": True,
    }
    drawn = runner.invoke(None, ["--color", "always", "compare", CASES], env={"COLUMNS": "60"})
    lines = ANSI.sub("", drawn.stdout).splitlines()
    assert drawn.exit_code == 0 and max(cell_len(line) for line in lines) <= 60
    assert "+100*" in drawn.stdout and "单位 人" in drawn.stdout


def test_installed_compare(tmp_path: Path) -> None:
    from test_installed import LAWGOV, lawgov

    if LAWGOV is None:
        pytest.skip("the lawgov script is not installed")
    ok = lawgov("compare", "reconsideration.received", "mediation.disputes", "--csv", cwd=tmp_path)
    assert (ok.returncode, ok.stderr) == (0, "")
    records = list(csv.DictReader(io.StringIO(ok.stdout)))
    assert [(r["figure"], r["bound"], r["issuer"]) for r in records] == [
        ("876宗", "", "南山区人民政府"),
        ("4231宗", "", "南山区人民政府"),
    ]
    piped = lawgov("compare", "mediation.disputes", "--sort", "value", "--desc", cwd=tmp_path)
    assert piped.returncode == 0 and "\x1b" not in piped.stdout
    assert piped.stdout.split("\t")[:6] == [
        "report",
        "mediation.disputes",
        "调解矛盾纠纷",
        "南山区人民政府",
        "2024",
        "4231",
    ]
    # The sample library (real excerpts and the bundled report): 1600余场次 is a lower bound.
    library = str(Path(__file__).resolve().parent.parent / "data" / "library")
    drawn = lawgov(
        "--report", library, "--color", "always", "compare", "pufa.activities",
        cwd=tmp_path, env={"COLUMNS": "60"},
    )  # fmt: skip
    assert drawn.returncode == 0, drawn.stderr
    lines = ANSI.sub("", drawn.stdout).splitlines()
    assert max(cell_len(line) for line in lines) <= 60 and ">=1600" in drawn.stdout
    assert any(line.rstrip().endswith("█+") for line in lines)  # the bar's mark is not cropped
    unknown = lawgov("compare", "mediaton.disputes", cwd=tmp_path)
    assert (unknown.returncode, unknown.stdout) == (2, "")
    message, hint = unknown.stderr.splitlines()
    assert message == "lawgov: no indicator 'mediaton.disputes'"
    assert hint.startswith("lawgov: hint: did you mean mediation.disputes")
    both = lawgov("compare", "mediation.disputes", "--json", "--csv", cwd=tmp_path)
    assert both.returncode == 2 and "Traceback" not in both.stderr


# -- the change of two counts: ints, not Decimal (one per row of a library of 2,000) ----------


@pytest.mark.parametrize(
    ("old", "new", "absolute", "percent"),
    [
        (876, 1254, 378, 43.15),  # 43.1506...
        (8, 9, 1, 12.5),
        (800, 801, 1, 0.12),  # 0.125: half to even, down
        (800, 803, 3, 0.38),  # 0.375: half to even, up
        (800, 799, -1, -0.12),
        (100000, 99999, -1, -0.0),  # a fall that rounds to 0 keeps its sign
        (100000, 100001, 1, 0.0),
        (0, 5, 5, None),  # no % of nothing
        (-4, 2, 6, -150.0),  # (a change of a negative count: the arithmetic still holds)
        (10**30, 10**30 + 1, 1, 0.0),
    ],
)
def test_the_change_of_two_counts(old: int, new: int, absolute: int, percent: float | None) -> None:
    from lawgov_cli.core.compare import _decimal_change, _whole_change

    whole = _whole_change(old, new)
    assert whole == (absolute, percent)
    assert type(whole[0]) is int
    if percent is not None:
        assert str(whole[1]) == str(percent)  # -0.0 is not 0.0 here
    assert str(_decimal_change(old, new)) == str(whole)


def test_the_change_of_two_counts_is_the_exact_decimal_one() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    from lawgov_cli.core.compare import _decimal_change, _whole_change

    counts = st.integers(min_value=0, max_value=10**31) | st.integers(-(10**6), 10**6)

    @given(counts, counts)
    def same(old: int, new: int) -> None:
        assert str(_whole_change(old, new)) == str(_decimal_change(old, new))

    same()
