"""The body of ``lawgov compare``: the indicators asked for (data/indicators.toml), their figures
in the reports read (``Library.figures``), and the comparison (core/compare.py) as the answer."""

from __future__ import annotations

from collections.abc import Sequence

from ..core.compare import compare as compare_figures
from ..core.library import Entry
from ..core.model import Metric
from ..formats.answers import Comparison, Reply
from ..storage.data_cache import load_indicators
from .exits import EXIT_NOT_FOUND, EXIT_OK
from .read_commands import require_indicator
from .state import State


def indicator_figures(state: State, indicator: str) -> list[tuple[Entry, Metric]]:
    """The figures of ``indicator`` in the reports read, in reading and document order: one
    report read the same way as several (its id is its file name's)."""
    if state.several:
        return state.indexed().figures(indicator)
    from ..core.library import report_id

    report = state.report()
    entry = Entry(report_id(report.path or "report"), report.path or "", report, None)
    return [(entry, metric) for metric in report.metrics if metric.indicator == indicator]


def compare(
    state: State, indicators: Sequence[str], sort: str, desc: bool, json_: bool, csv: bool
) -> Reply:
    for indicator in indicators:
        require_indicator(indicator)
    known = load_indicators()
    names = {i.id: i.name for i in known.items}
    figures = {indicator: indicator_figures(state, indicator) for indicator in indicators}
    comparisons = compare_figures(
        indicators, figures, known.equivalents, names, sort=sort, desc=desc
    )
    found = any(comparison.groups for comparison in comparisons)
    return Reply(Comparison(comparisons), EXIT_OK if found else EXIT_NOT_FOUND)
