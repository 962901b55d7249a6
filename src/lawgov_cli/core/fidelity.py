"""Is the data faithful to the text? Each quote in its section, each figure in its quote and
parsing back to the stored value, unit and qualifier.

A figure reads back with its unit and qualifier in Simplified characters (3項 is 3 项), which is
what import stores; a unit or qualifier stored as the figure writes it (項, 餘) is the same word
and is accepted too: each is compared in Simplified."""

from __future__ import annotations

from .errors import Problem
from .model import Metric
from .numbers import FigureError, is_digit, parse_figure
from .simplified import to_simplified


def locate_figure(text: str, figure: str, start: int = 0) -> int:
    """Where ``figure`` stands in ``text`` as a whole number: 2名 is not found inside 12名 or 1.2名.
    Returns -1 when it does not."""
    while (at := text.find(figure, start)) >= 0:
        before = text[at - 1] if at else ""
        two_before = text[at - 2] if at > 1 else ""
        inside_number = is_digit(before) or (before in ".,\uff0e" and is_digit(two_before))
        if not (inside_number and is_digit(figure[:1])):
            return at
        start = at + 1
    return -1


def figure_span(section_text: str, metric: Metric) -> tuple[int, int] | None:
    """Offsets of the metric's figure in its section's text, found through its quote."""
    quote_at = section_text.find(metric.quote)
    if quote_at < 0:
        return None
    at = locate_figure(metric.quote, metric.figure)
    if at < 0:
        return None
    return quote_at + at, quote_at + at + len(metric.figure)


def metric_problems(index: int, metric: Metric, quotable: str) -> list[Problem]:
    """What is wrong with ``metrics[index]`` given its section's heading and text."""
    where = f"metrics[{index}]"
    problems: list[Problem] = []
    if metric.quote not in quotable:
        problems.append(
            Problem(f"{where}.quote", f"not found in section {metric.section}'s heading or text")
        )
    if locate_figure(metric.quote, metric.figure) < 0:
        problems.append(Problem(f"{where}.figure", f'"{metric.figure}" is not in its quote'))
    try:
        parsed = parse_figure(metric.figure)
    except FigureError as err:
        problems.append(Problem(f"{where}.figure", str(err)))
        return problems
    stored = (metric.value, metric.unit, metric.qualifier)
    if parsed.value != metric.value or not _same(parsed.unit, metric.unit):
        problems.append(
            Problem(
                f"{where}.value",
                f'"{metric.figure}" reads as {parsed.value} {parsed.unit}, '
                f"stored {stored[0]} {stored[1]}",
            )
        )
    if not _same(parsed.qualifier, metric.qualifier):
        problems.append(
            Problem(
                f"{where}.qualifier",
                f'"{metric.figure}" has qualifier "{parsed.qualifier}", '
                f'stored "{metric.qualifier}"',
            )
        )
    return problems


def _same(read: str, stored: str) -> bool:
    """A unit or qualifier as the figure reads (Simplified) against the stored one, which may
    be written in Traditional characters (項, 餘)."""
    return read == stored or read == to_simplified(stored)
