"""Piped output: one record per line, tab-separated, no colour and no box drawing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..core.errors import shown
from ..core.model import Hit, Metric, Report, Section, render_sections
from ..core.numbers import format_value
from .records import RESULT_WORDS, comparison_cells, stated

if TYPE_CHECKING:
    from ..core.checks import CheckResult
    from ..core.validation import Validation
    from . import answers
    from .stream import Output

METRIC_COLUMNS = ("id", "section", "label", "figure", "value", "unit")


_BREAKS = re.compile("[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def _field(value: object) -> str:
    text = (
        ""
        if value is None
        else format_value(value)
        if isinstance(value, int | float)
        else str(value)
    )
    # One record per line, fields split by tabs: any tab or line break inside a field (a check
    # expression may hold them; \r would rewind a terminal line) becomes a space. Any other
    # control character is shown escaped (the report's text holds none, a file's name may).
    return shown(_BREAKS.sub(" ", text), None)


def row(values: list[object]) -> str:
    return "\t".join(_field(v) for v in values)


def info_lines(report: Report) -> Iterator[str]:
    for key, value in stated(report).items():
        yield row([key, value])


def section_lines(sections: tuple[Section, ...] | list[Section]) -> Iterator[str]:
    for section in sections:
        yield row([section.id, section.heading])


def hit_lines(hits: list[Hit]) -> Iterator[str]:
    for hit in hits:
        yield row([hit.section, hit.text])


def count_lines(counts: list[tuple[str, str, int]]) -> Iterator[str]:
    for section, _heading, count in counts:
        yield row([section, count])


def metric_lines(metrics: list[Metric]) -> Iterator[str]:
    for metric in metrics:
        yield row([getattr(metric, column) for column in METRIC_COLUMNS])


def check_lines(results: list[CheckResult]) -> Iterator[str]:
    for result in results:
        yield row([RESULT_WORDS[result.truth.value], result.check.expr])


def problem_lines(validation: Validation) -> Iterator[str]:
    for problem in validation.problems:
        yield problem.located(validation.file)


# The plain format: one function per answer (answers.py).


def info(answer: answers.Info, out: Output) -> None:
    out.lines(info_lines(answer.report))


def outline(answer: answers.Outline, out: Output) -> None:
    out.lines(section_lines(answer.report.sections))


def part(answer: answers.Part, out: Output) -> None:
    out.write(render_sections(answer.sections))  # the text exactly as the report has it


def hits(answer: answers.Hits, out: Output) -> None:
    out.lines(hit_lines(answer.hits))


def hit_counts(answer: answers.HitCounts, out: Output) -> None:
    out.lines(count_lines(answer.counts))


def hit_sections(answer: answers.HitSections, out: Output) -> None:
    out.lines(answer.ids)


def figures(answer: answers.Figures, out: Output) -> None:
    out.lines(metric_lines(answer.metrics))


def field_values(answer: answers.FieldValues, out: Output) -> None:
    out.lines(row([getattr(m, answer.field)]) for m in answer.metrics)


def check_results(answer: answers.CheckResults, out: Output) -> None:
    out.lines(check_lines(answer.results))


def validation(answer: answers.ValidationReport, out: Output) -> None:
    out.lines(problem_lines(answer.validation))


def comparison(answer: answers.Comparison, out: Output) -> None:
    from ..core.compare import all_rows

    # The columns of the CSV (README, compare), without the header row.
    out.lines(row(comparison_cells(*each)) for each in all_rows(answer.comparisons))
