"""Piped output: one record per line, tab-separated, no colour and no box drawing."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..core.errors import showable, showable_row, shown
from ..core.model import Hit, Metric, Report, Section, render_sections
from ..core.numbers import format_value
from .records import RESULT_WORDS, audit_line_text, comparison_cells, stated

if TYPE_CHECKING:
    from ..core.audit import Rule as AuditRuleData
    from ..core.checks import CheckResult
    from ..core.validation import Validation
    from . import answers
    from .stream import Output

METRIC_COLUMNS = ("id", "section", "label", "figure", "value", "unit", "indicator")


_BREAKS = re.compile("[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def _field(value: object) -> str:
    if type(value) is str and showable(value):  # nearly every field: nothing to change
        return value
    if value is None:
        return ""
    if isinstance(value, int | float):  # digits, a sign, a point: nothing to escape
        return format_value(value)
    text = str(value)
    # One record per line, fields split by tabs: any tab or line break inside a field (a check
    # expression may hold them; \r would rewind a terminal line) becomes a space. Any other
    # control character is shown escaped (the report's text holds none, a file's name may).
    return shown(_BREAKS.sub(" ", text), None)


def _cell(value: object) -> str:
    """``_field`` of a value that is not a str: an int's digits, None empty, at once."""
    if type(value) is int:  # (not a bool: type() is exact)
        return str(value)
    return "" if value is None else _field(value)


def row(values: list[object]) -> str:
    # Texts as they are, the rest through _field; the whole line checked at once, and each
    # field again (escaped) only when something in it must be.
    line = "\t".join([v if type(v) is str else _cell(v) for v in values])
    if showable_row(line, len(values)):
        return line
    return "\t".join([_field(v) for v in values])


def info_lines(report: Report, counts: tuple[int, int] | None = None) -> Iterator[str]:
    for key, value in stated(report, counts).items():
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
    out.lines(info_lines(answer.report, answer.counts))


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


def indicator_counts(answer: answers.IndicatorCounts, out: Output) -> None:
    out.lines(row([i, name, " ".join(units), n]) for i, name, units, n in answer.rows)


def check_results(answer: answers.CheckResults, out: Output) -> None:
    out.lines(check_lines(answer.results))


def validation(answer: answers.ValidationReport, out: Output) -> None:
    out.lines(problem_lines(answer.validation))


# Several reports (README, Several reports): each report's lines with its id in front, in a
# column of its own. A section's text (show) is shown line by line so, each line a record.
LINES: dict[str, Callable[[Any], Iterable[str]]] = {
    "info": lambda a: info_lines(a.report, a.counts),
    "outline": lambda a: section_lines(a.report.sections),
    "part": lambda a: render_sections(a.sections).removesuffix("\n").split("\n"),
    "hits": lambda a: hit_lines(a.hits),
    "hit_counts": lambda a: count_lines(a.counts),
    "hit_sections": lambda a: (row([i]) for i in a.ids),
    "figures": lambda a: metric_lines(a.metrics),
    # Which figure each value is: the reports read may not all have every id asked for.
    "field_values": lambda a: (row([m.id, getattr(m, a.field)]) for m in a.metrics),
    "check_results": lambda a: check_lines(a.results),
    "validation": lambda a: problem_lines(a.validation),
}


def across(answer: answers.Across, out: Output) -> None:
    for entry, part in answer.parts:
        head = row([entry.id])
        out.lines(f"{head}\t{line}" for line in LINES[part.kind](part))


REPORT_COLUMNS = (
    "id",
    "issuer",
    "year",
    "date",
    "sections",
    "figures",
    "problems",
    "path",
    "excerpt",  # last: added after the others (a column is only ever added at the end)
)


def reports(answer: answers.ReportList, out: Output) -> None:
    out.lines(row([summary[key] for key in REPORT_COLUMNS]) for summary in answer.rows)


def comparison(answer: answers.Comparison, out: Output) -> None:
    from ..core.compare import all_rows

    # The columns of the CSV (README, compare), without the header row.
    out.lines(row(comparison_cells(*each)) for each in all_rows(answer.comparisons))


def audit(answer: answers.AuditResults, out: Output) -> None:
    """One line per rule: rule, result, evidence (with several reports, the report's id first)."""
    for entry, results in answer.reports:
        lead = [entry.id] if answer.several else []
        out.lines(row([*lead, r.rule.id, r.result, audit_line_text(r)]) for r in results)


def rule_lines(rule: AuditRuleData, profile: str) -> Iterator[str]:
    """A rule and its source, as ``audit --explain`` prints it (the same on a terminal)."""
    from .records import SOURCE_FIELDS

    yield f"{rule.id}  {rule.name}"
    yield f"group: {rule.group}; profile: {profile}"
    yield f"rule: {rule.summary}"
    for key in SOURCE_FIELDS:
        if rule.source.get(key):
            yield f"{key}: {rule.source[key]}"
    for kind, matchers in (("heading", rule.headings), ("sentence", rule.sentences)):
        for m in matchers:
            text = " and ".join(p.pattern for p in m.every)
            if m.none:
                text += f", but not {' or '.join(p.pattern for p in m.none)}"
            yield f"{kind}: {text}"
    for key, value in rule.params.items():
        text = ", ".join(map(str, value)) if isinstance(value, list) else value
        yield f"{key}: {text}"


def audit_rule(answer: answers.AuditRule, out: Output) -> None:
    out.lines(rule_lines(answer.rule, answer.profile.id))
