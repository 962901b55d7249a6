"""Piped output: one record per line, tab-separated, no colour and no box drawing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import Hit, Metric, Report, Section
from ..numbers import format_value
from ..serialize import RESULT_WORDS, info_dict

if TYPE_CHECKING:
    from ..checks import CheckResult
    from ..validate import Validation

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
    # expression may hold them; \r would rewind a terminal line) becomes a space.
    return _BREAKS.sub(" ", text)


def row(values: list[object]) -> str:
    return "\t".join(_field(v) for v in values)


def info_lines(report: Report) -> Iterator[str]:
    for key, value in info_dict(report).items():
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
