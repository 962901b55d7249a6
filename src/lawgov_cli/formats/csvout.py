"""The CSV format (figures only): a header row of field names, then one row per figure, all
fields."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..core.model import METRIC_FIELDS, Metric
from ..core.numbers import format_value
from .records import COMPARE_COLUMNS, comparison_cells

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


def metrics_csv(metrics: Sequence[Metric], line_end: str = "\n") -> str:
    rows = ([getattr(metric, name) for name in METRIC_FIELDS] for metric in metrics)
    return table_csv(METRIC_FIELDS, rows, line_end)


def figures(answer: answers.Figures, out: Output) -> None:
    out.write_utf8(metrics_csv(answer.metrics))


def comparison(answer: answers.Comparison, out: Output) -> None:
    from ..core.compare import all_rows

    rows = (comparison_cells(*each) for each in all_rows(answer.comparisons))
    out.write_utf8(table_csv(COMPARE_COLUMNS, rows))
