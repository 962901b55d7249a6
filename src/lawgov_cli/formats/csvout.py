"""The CSV format (figures, indicators): a header row of field names, then one row per figure
(all its fields) or per indicator."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..core.model import METRIC_FIELDS, Metric
from ..core.numbers import format_value
from .records import AUDIT_COLUMNS, COMPARE_COLUMNS, audit_cells, comparison_cells

if TYPE_CHECKING:
    from . import answers
    from .stream import Output


def table_csv(header: Sequence[str], rows: Iterable[Sequence[object]], line_end: str = "\n") -> str:
    """A header row, then the rows; numbers as format_value writes them, None empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end)
    writer.writerow(header)
    for cells in rows:
        writer.writerow(
            format_value(c) if isinstance(c, int | float) and not isinstance(c, bool) else c
            for c in cells
        )
    return buffer.getvalue()


def metrics_csv(
    metrics: Sequence[Metric], line_end: str = "\n", reports: Sequence[str] | None = None
) -> str:
    """A header row, then one row per figure; with ``reports`` (one id per figure), a leading
    ``report`` column."""
    rows = ([getattr(metric, name) for name in METRIC_FIELDS] for metric in metrics)
    if reports is None:
        return table_csv(METRIC_FIELDS, rows, line_end)
    led = ([one, *cells] for one, cells in zip(reports, rows, strict=True))
    return table_csv(("report", *METRIC_FIELDS), led, line_end)


def figures(answer: answers.Figures, out: Output) -> None:
    out.write_utf8(metrics_csv(answer.metrics))


def across(answer: answers.Across, out: Output) -> None:
    """Figures of several reports (metrics --csv): the report's id in a leading column."""
    pairs = [(entry.id, m) for entry, part in answer.parts for m in part.metrics]  # type: ignore[union-attr]
    out.write_utf8(metrics_csv([m for _, m in pairs], reports=[r for r, _ in pairs]))


def reports(answer: answers.ReportList, out: Output) -> None:
    from ..system.os_text import readable
    from .plain import REPORT_COLUMNS

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["report", *REPORT_COLUMNS[1:]])
    for summary in answer.rows:
        cells = [summary[key] for key in REPORT_COLUMNS]
        writer.writerow(
            readable(c) if isinstance(c, str) else "" if c is None else c for c in cells
        )
    out.write_utf8(buffer.getvalue())


def indicator_counts(answer: answers.IndicatorCounts, out: Output) -> None:
    """id, name, units (separated by spaces: 件 宗), figures."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("id", "name", "units", "figures"))
    for ident, name, units, count in answer.rows:
        writer.writerow((ident, name, " ".join(units), count))
    out.write_utf8(buffer.getvalue())


def comparison(answer: answers.Comparison, out: Output) -> None:
    from ..core.compare import all_rows

    rows = (comparison_cells(*each) for each in all_rows(answer.comparisons))
    out.write_utf8(table_csv(COMPARE_COLUMNS, rows))


def audit(answer: answers.AuditResults, out: Output) -> None:
    """A header row, then one row per rule (with several reports, a leading ``report`` column)."""
    if not answer.several:
        rows = [audit_cells(r) for _, results in answer.reports for r in results]
        out.write_utf8(table_csv(AUDIT_COLUMNS, rows))
        return
    led = [[e.id, *audit_cells(r)] for e, results in answer.reports for r in results]
    out.write_utf8(table_csv(("report", *AUDIT_COLUMNS), led))


def audit_rule(answer: answers.AuditRule, out: Output) -> None:
    from .records import SOURCE_FIELDS

    rule = answer.rule
    header = ("rule", "name", "group", "profile", "summary", *SOURCE_FIELDS)
    cells = [rule.id, rule.name, rule.group, answer.profile.id, rule.summary]
    cells += [rule.source.get(key, "") for key in SOURCE_FIELDS]
    out.write_utf8(table_csv(header, [cells]))
