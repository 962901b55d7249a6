"""The JSON format: every answer in its documented shape (README, JSON output; records.py
builds the records). Shapes only ever gain fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..system.os_text import readable
from .records import (
    audit_result_dict,
    audit_rule_dict,
    check_result_dict,
    comparison_row_dict,
    hit_dict,
    info_dict,
    metric_dict,
    section_detail,
    section_dict,
    validation_dict,
)

if TYPE_CHECKING:
    from . import answers
    from .stream import Output


def _info(answer: answers.Info) -> Any:
    return info_dict(answer.report, answer.counts)


def _outline(answer: answers.Outline) -> Any:
    return [section_dict(s) for s in answer.report.sections]


def _part(answer: answers.Part) -> Any:
    return section_detail(answer.report, answer.section)


def _hits(answer: answers.Hits) -> Any:
    return [hit_dict(hit) for hit in answer.hits]


def _hit_counts(answer: answers.HitCounts) -> Any:
    return [{"section": s, "heading": h, "count": n} for s, h, n in answer.counts]


def _hit_sections(answer: answers.HitSections) -> Any:
    return answer.ids


def _figures(answer: answers.Figures | answers.FieldValues) -> Any:
    return [metric_dict(m) for m in answer.metrics]


def _check_results(answer: answers.CheckResults) -> Any:
    return [check_result_dict(r) for r in answer.results]


def _validation(answer: answers.ValidationReport) -> Any:
    return validation_dict(answer.validation)


def _indicator_counts(answer: answers.IndicatorCounts) -> Any:
    return [
        {"id": ident, "name": name, "units": list(units), "figures": count}
        for ident, name, units, count in answer.rows
    ]


# Each answer kind's JSON value. `get --json` prints every field of each figure.
RECORDS: dict[str, Callable[[Any], Any]] = {
    "info": _info,
    "outline": _outline,
    "part": _part,
    "hits": _hits,
    "hit_counts": _hit_counts,
    "hit_sections": _hit_sections,
    "figures": _figures,
    "field_values": _figures,
    "check_results": _check_results,
    "validation": _validation,
    "indicator_counts": _indicator_counts,
}


def _printer(kind: str) -> Callable[[Any, Output], None]:
    def print_json(answer: Any, out: Output) -> None:
        out.json(RECORDS[kind](answer))

    return print_json


info = _printer("info")
outline = _printer("outline")
part = _printer("part")
hits = _printer("hits")
hit_counts = _printer("hit_counts")
hit_sections = _printer("hit_sections")
figures = _printer("figures")
field_values = _printer("field_values")
check_results = _printer("check_results")
validation = _printer("validation")
indicator_counts = _printer("indicator_counts")


def across(answer: answers.Across, out: Output) -> None:
    """One array of every report's records, each with ``report`` (its id) first: an answer that
    is one object for one report (info, show, validate) is one object per report; a section id
    (search -l) becomes ``{report, section}``."""
    records: list[dict[str, Any]] = []
    for entry, part in answer.parts:
        value = RECORDS[part.kind](part)
        for record in value if isinstance(value, list) else [value]:
            fields = record if isinstance(record, dict) else {"section": record}
            records.append({"report": entry.id, **fields})
    out.json(records)


def reports(answer: answers.ReportList, out: Output) -> None:
    out.json([report_record(row) for row in answer.rows])


def report_record(row: dict[str, Any]) -> dict[str, Any]:
    """A row of ``Library.summaries()`` as `reports --json` prints it: the id as ``report``."""
    return {"report": row["id"]} | {
        key: readable(value) if key == "path" else value
        for key, value in row.items()
        if key != "id"
    }


def comparison(answer: answers.Comparison, out: Output) -> None:
    from ..core.compare import all_rows

    out.json([comparison_row_dict(*each) for each in all_rows(answer.comparisons)])


def audit(answer: answers.AuditResults, out: Output) -> None:
    """One report: an array of results. Several: one array, each result with ``report`` first."""
    if not answer.several:
        out.json([audit_result_dict(r) for _, results in answer.reports for r in results])
        return
    out.json(
        [
            {"report": entry.id, **audit_result_dict(r)}
            for entry, results in answer.reports
            for r in results
        ]
    )


def audit_rule(answer: answers.AuditRule, out: Output) -> None:
    out.json(audit_rule_dict(answer.rule, answer.profile.id))
