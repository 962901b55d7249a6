"""Indicators side by side across reports (``lawgov compare``): pure, from the figures of each
indicator as the library gives them, ``(Entry, Metric)`` pairs, to rows, unit groups and the
change from one year to the next of the same issuer.

The rules, as the README (Reference, compare) states them:

- One row per report and indicator. When a report states several figures of one indicator, the
  row shows the first in document order and ``others`` counts the rest (``lawgov metrics
  --indicator ID`` lists them all): picking the largest or adding them up would guess at what
  the report meant.
- Units are compared through ``canonical_unit`` (unit -> the unit it is compared as, 宗 -> 件);
  a unit not in it compares only with itself. Values are already stored multiplied out (2.3亿元
  is 230000000 元), so no value is scaled here. An indicator's rows fall into one group per
  compared unit: the group of most rows (on a tie, the one whose first row comes first) is the
  main one, the others are set apart, never mixed into it.
- Change: a row whose issuer has a row of an earlier year in the same group shows the change
  from the latest such year, absolute (in the row's unit) and in % of the earlier value (none
  when that value is 0). A change where either figure is a bound or approximate (800余件, 约90%)
  is marked ``inexact``: its true size is not known.
- Order: ``report`` (the order the reports were read in), ``issuer``, ``year`` or ``value``,
  within each group; rows with no year (or no issuer) come last whatever the direction.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING

from .model import Number

if TYPE_CHECKING:
    from decimal import Context

    from .library import Entry
    from .model import Metric

# This module is imported by every run (spec.py names its sort keys): what only a comparison
# needs (the qualifier readings, Decimal) is imported when one is made.

SORT_KEYS = ("report", "issuer", "year", "value")

# What a qualifier makes of the stated number (expr/intervals.py reads each as a range).
EXACT, LOWER, UPPER, APPROXIMATE = "", "lower", "upper", "approximate"


# Each qualifier's bound, in words: what expr/intervals.py reads it as (QUALIFIER_READINGS; a
# test checks that the two agree), here so that comparing loads no expression engine (20 ms).
BOUNDS = {
    **dict.fromkeys(("余", "多", "超", "超过", "逾", "以上", "不少于", "不低于"), LOWER),
    **dict.fromkeys(("不超过", "不超", "不到", "不足", "以内", "以下"), UPPER),
    **dict.fromkeys(("近", "约", "左右"), APPROXIMATE),
}


def bound_of(qualifier: str) -> str:
    """``""`` for an exact figure, ``lower`` for 余 超 多 逾 以上 不少于 (the true number is at
    least the stated one), ``upper`` for 不超过 不到 以内 (at most), ``approximate`` for 约 近
    左右 and any qualifier not known. A qualifier kept in Traditional characters (餘) reads as
    its Simplified form."""
    if not qualifier:
        return EXACT
    bound = BOUNDS.get(qualifier)
    if bound is None:
        from .simplified import to_simplified  # OpenCC only for a qualifier not Simplified

        bound = BOUNDS.get(to_simplified(qualifier), APPROXIMATE)
    return bound


class Change:
    """From the same issuer's row of an earlier year: ``absolute`` in the row's unit,
    ``percent`` of the earlier value (None when it is 0), rounded to two decimals."""

    __slots__ = ("absolute", "from_report", "from_year", "inexact", "percent")

    def __init__(
        self,
        from_report: str,
        from_year: int,
        absolute: Number,
        percent: float | None,
        inexact: bool,
    ) -> None:
        self.from_report, self.from_year = from_report, from_year
        self.absolute, self.percent, self.inexact = absolute, percent, inexact


class Row:
    """One report's figure of one indicator."""

    __slots__ = (
        *("bound", "change", "compared_unit", "entry", "issuer", "metric", "order", "others"),
        "year",
    )

    def __init__(
        self, entry: Entry, metric: Metric, compared_unit: str, order: int, others: int
    ) -> None:
        self.entry, self.metric, self.compared_unit = entry, metric, compared_unit
        self.order = order  # the report's place in the order the reports were read
        self.others = others  # further figures of the indicator in the same report
        self.bound = bound_of(metric.qualifier)
        self.issuer = entry.report.issuer if entry.report else ""
        self.year = entry.report.year if entry.report else None
        self.change: Change | None = None

    @property
    def report(self) -> str:
        return self.entry.id


class UnitGroup:
    """The rows of one indicator compared in one unit; ``apart`` for all but the main group."""

    __slots__ = ("apart", "rows", "unit")

    def __init__(self, unit: str, rows: list[Row], apart: bool) -> None:
        self.unit, self.rows, self.apart = unit, rows, apart


class IndicatorComparison:
    __slots__ = ("groups", "indicator", "name")

    def __init__(self, indicator: str, name: str, groups: list[UnitGroup]) -> None:
        self.indicator, self.name, self.groups = indicator, name, groups

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group.rows]


def compare(
    indicators: Sequence[str],
    figures: Mapping[str, Sequence[tuple[Entry, Metric]]],
    canonical_unit: Mapping[str, str],
    names: Mapping[str, str],
    *,
    sort: str = "report",
    desc: bool = False,
) -> list[IndicatorComparison]:
    """One comparison per indicator (each once, in the order given). ``figures`` maps each
    indicator to its pairs in the order the reports were read, as ``Library.figures`` gives
    them. An indicator with no figure gets a comparison with no group."""
    if sort not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort!r} (expected one of {', '.join(SORT_KEYS)})")
    return [
        IndicatorComparison(
            indicator,
            names.get(indicator, ""),
            _groups(_rows(figures.get(indicator, ()), canonical_unit), sort, desc),
        )
        for indicator in dict.fromkeys(indicators)
    ]


def _rows(pairs: Sequence[tuple[Entry, Metric]], canonical_unit: Mapping[str, str]) -> list[Row]:
    """The first figure in document order of each report (a report that failed to load has
    none), in the order the reports come."""
    by_report: dict[int, tuple[Entry, list[Metric]]] = {}
    for entry, metric in pairs:
        if entry.report is not None:
            by_report.setdefault(id(entry), (entry, []))[1].append(metric)
    rows = []
    for order, (entry, metrics) in enumerate(by_report.values()):
        assert entry.report is not None
        first = metrics[0]
        if len(metrics) > 1:  # which comes first in the report (the library's order may differ)
            place = {m.id: n for n, m in enumerate(entry.report.metrics)}
            first = min(metrics, key=lambda m: place.get(m.id, len(place)))
        unit = canonical_unit.get(first.unit, first.unit)
        rows.append(Row(entry, first, unit, order, len(metrics) - 1))
    return rows


def _groups(rows: list[Row], sort: str, desc: bool) -> list[UnitGroup]:
    by_unit: dict[str, list[Row]] = {}
    for row in rows:
        by_unit.setdefault(row.compared_unit, []).append(row)
    # Most rows first; on a tie, the group met first (dicts keep that order; sorted is stable).
    units = sorted(by_unit, key=lambda unit: -len(by_unit[unit]))
    groups = []
    for number, unit in enumerate(units):
        members = by_unit[unit]
        _set_changes(members)
        groups.append(UnitGroup(unit, sort_rows(members, sort, desc), apart=number > 0))
    return groups


def _set_changes(rows: list[Row]) -> None:
    """Each row's change from its issuer's latest earlier year (rows of one unit group)."""
    by_issuer: dict[str, list[Row]] = {}
    for row in rows:
        if row.issuer and row.year is not None:
            by_issuer.setdefault(row.issuer, []).append(row)
    for same in by_issuer.values():
        first_of_year: dict[int | None, Row] = {}  # a year's first row read is its base
        for row in same:
            first_of_year.setdefault(row.year, row)
        years = sorted(first_of_year, key=lambda year: year or 0)
        previous = dict(zip(years[1:], years, strict=False))  # year -> the latest before it
        for row in same:
            if row.year in previous:
                row.change = change_between(first_of_year[previous[row.year]], row)


def change_between(base: Row, row: Row) -> Change:
    old, new = base.metric.value, row.metric.value
    absolute: Number
    if type(old) is int and type(new) is int:  # counts, nearly every figure: int arithmetic
        absolute, percent = _whole_change(old, new)
    else:
        absolute, percent = _decimal_change(old, new)
    assert base.year is not None
    inexact = bool(base.bound or row.bound)
    return Change(base.report, base.year, absolute, percent, inexact)


def _decimal_change(old_value: Number, new_value: Number) -> tuple[Number, float | None]:
    """The change from ``old_value`` to ``new_value``: absolute, and in % of the old value
    rounded to two decimals (half to even), computed exactly."""
    from decimal import Decimal

    from .numbers import normalise_value

    exact = _exact()
    old, new = Decimal(str(old_value)), Decimal(str(new_value))
    difference = exact.subtract(new, old)
    absolute = normalise_value(difference)
    percent = None
    if old != 0:
        ratio = exact.divide(exact.multiply(difference, 100), old)
        percent = float(ratio.quantize(Decimal("0.01"), context=exact))
    return absolute, percent


def _whole_change(old: int, new: int) -> tuple[int, float | None]:
    """``_decimal_change`` of two ints, in ints: the % is the exact quotient in hundredths,
    rounded half to even, and ``int / int`` (correctly rounded) as the float."""
    difference = new - old
    if old == 0:
        return difference, None
    numerator, denominator = abs(difference) * 10_000, abs(old)
    hundredths, rest = divmod(numerator, denominator)
    if 2 * rest > denominator or (2 * rest == denominator and hundredths % 2):
        hundredths += 1
    percent = hundredths / 100
    # negative as a float: a fall that rounds to 0 is -0.0, as Decimal's -0.00 is
    return difference, -percent if (difference < 0) != (old < 0) else percent


@cache
def _exact() -> Context:
    """Decimal arithmetic for changes: figures of up to 30 digits, times 万亿: nothing rounded
    (made once: 1,657 changes in a library of 2,000 reports)."""
    from decimal import Context

    return Context(prec=200)


def sort_rows(rows: list[Row], sort: str, desc: bool) -> list[Row]:
    """Rows (given in report order) in ``sort`` order; ties keep report order, in either
    direction, and rows without the key (no year, no issuer) come last."""
    if sort == "report":
        return list(reversed(rows)) if desc else list(rows)
    keyed = [(key, row) for row in rows if (key := _sort_key(row, sort)) is not None]
    missing = [row for row in rows if _sort_key(row, sort) is None]
    ordered = sorted(keyed, key=lambda pair: pair[0], reverse=desc)
    return [row for _, row in ordered] + missing


def _sort_key(row: Row, sort: str) -> tuple[str | int | float, ...] | None:
    if sort == "value":
        return (row.metric.value,)
    if sort == "year":
        return None if row.year is None else (row.year,)
    # issuer, then year within it (a missing year sorts before any: only ties use it)
    return (row.issuer, -1 if row.year is None else row.year) if row.issuer else None


def all_rows(
    comparisons: Sequence[IndicatorComparison],
) -> Iterator[tuple[IndicatorComparison, UnitGroup, Row]]:
    """Every row with its indicator and group, in output order."""
    for comparison in comparisons:
        for group in comparison.groups:
            for row in group.rows:
                yield comparison, group, row
