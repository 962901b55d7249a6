"""The CSV format (figures, indicators): a header row of field names, then one row per figure
(all its fields) or per indicator."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..core.model import METRIC_FIELDS, Metric
from ..core.numbers import format_value

if TYPE_CHECKING:
    from . import answers
    from .stream import Output


def metrics_csv(metrics: Sequence[Metric], line_end: str = "\n") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end)
    writer.writerow(METRIC_FIELDS)
    for metric in metrics:
        cells = [getattr(metric, name) for name in METRIC_FIELDS]
        writer.writerow(format_value(c) if isinstance(c, int | float) else c for c in cells)
    return buffer.getvalue()


def figures(answer: answers.Figures, out: Output) -> None:
    out.write_utf8(metrics_csv(answer.metrics))


def indicator_counts(answer: answers.IndicatorCounts, out: Output) -> None:
    """id, name, units (separated by spaces: 件 宗), figures."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("id", "name", "units", "figures"))
    for ident, name, units, count in answer.rows:
        writer.writerow((ident, name, " ".join(units), count))
    out.write_utf8(buffer.getvalue())
