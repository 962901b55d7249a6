"""The documented JSON shapes (README, "JSON output"). Shapes only ever gain fields."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..core.errors import Problem
from ..core.model import METRIC_FIELDS, NOT_STATED, Hit, Metric, Report, Section
from ..core.queries import children, metrics_of
from ..system.os_text import readable

if TYPE_CHECKING:  # only types: the check engine is not loaded for other commands
    from ..core.audit import Result as AuditResult
    from ..core.audit import Rule as AuditRuleData
    from ..core.checks import CheckResult
    from ..core.compare import Change, IndicatorComparison, Row, UnitGroup
    from ..core.validation import Validation

# A check's result as printed: PASS / FAIL / UNDECIDED (lowercase in JSON).
RESULT_WORDS = {"true": "PASS", "false": "FAIL", "undecided": "UNDECIDED"}


def metric_dict(metric: Metric) -> dict[str, Any]:
    return {name: getattr(metric, name) for name in METRIC_FIELDS}


def section_dict(section: Section) -> dict[str, Any]:
    return {
        "id": section.id,
        "number": section.number,
        "title": section.title,
        "level": section.level,
        "parent": section.parent,
    }


def section_detail(report: Report, section: Section) -> dict[str, Any]:
    """A section with its text, its own figures and, nested, its subsections."""
    return {
        **section_dict(section),
        "heading": section.heading,
        "text": section.text,
        "metrics": [metric_dict(m) for m in metrics_of(report, section.id)],
        "subsections": [section_detail(report, s) for s in children(report, section.id)],
    }


def header_dict(report: Report) -> dict[str, Any]:
    """The header facts, the date as YYYY-MM-DD; a date or year not stated is null."""
    return report.header() | {"date": report.date.isoformat() if report.date else None}


def stated(report: Report, counts: tuple[int, int] | None = None) -> dict[str, Any]:
    """``info_dict`` as people read it (terminal, piped lines): a date or year the report does
    not state is ``NOT_STATED`` (未注明) rather than an empty field."""
    facts = info_dict(report, counts)
    if not facts["excerpt"]:  # a whole report: nothing to say (JSON keeps the empty field)
        del facts["excerpt"]
    return facts | {key: NOT_STATED for key in ("date", "year") if facts[key] is None}


def info_dict(report: Report, counts: tuple[int, int] | None = None) -> dict[str, Any]:
    """The header facts and counts: of the report's sections and figures, else ``counts``
    (sections, figures), when ``report`` holds its header alone (answers.Info)."""
    sections, figures = counts or (len(report.sections), len(report.metrics))
    return {
        **header_dict(report),
        "sections": sections,
        "metrics": figures,
        "path": readable(report.path) if report.path else None,
    }


def hit_dict(hit: Hit) -> dict[str, Any]:
    first = hit.matches[0]
    return {
        "section": hit.section,
        "heading": hit.heading,
        "text": hit.text,
        "match": first.text,
        "start": first.start,
        "end": first.end,
        "matches": [{"match": m.text, "start": m.start, "end": m.end} for m in hit.matches],
        "where": hit.where,
        "offset": hit.offset,
    }


def check_result_dict(result: CheckResult) -> dict[str, Any]:
    check = result.check
    return {
        "id": check.id or None,
        "expr": check.expr,
        "description": check.description,
        "result": RESULT_WORDS[result.truth.value].lower(),
        "why": result.why,
        "values": [
            {k: getattr(m, k) for k in ("id", "value", "unit", "figure", "qualifier")}
            for m in result.used
        ],
    }


def problem_dict(problem: Problem) -> dict[str, Any]:
    return {
        "where": problem.where,
        "line": problem.line,
        "column": problem.column,
        "message": problem.message,
    }


def validation_dict(validation: Validation) -> dict[str, Any]:
    return {
        "file": validation.file,
        "valid": validation.valid,
        "sections": validation.sections,
        "metrics": validation.metrics,
        "checks": validation.checks,
        "problems": [problem_dict(p) for p in validation.problems],
    }


def change_dict(change: Change | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {
        "from_report": change.from_report,
        "from_year": change.from_year,
        "absolute": change.absolute,
        "percent": change.percent,
        "inexact": change.inexact,
    }


def comparison_row_dict(
    comparison: IndicatorComparison, group: UnitGroup, row: Row
) -> dict[str, Any]:
    """One row of ``compare --json`` (README, JSON output)."""
    metric = row.metric
    return {
        "report": row.report,
        "indicator": comparison.indicator,
        "name": comparison.name,
        "issuer": row.issuer,
        "year": row.year,
        "value": metric.value,
        "unit": metric.unit,
        "compared_unit": row.compared_unit,
        "qualifier": metric.qualifier,
        "bound": row.bound or None,
        "figure": metric.figure,
        "section": metric.section,
        "metric": metric.id,
        "others": row.others,
        "apart": group.apart,
        "change": change_dict(row.change),
    }


# compare's CSV header and plain columns, in order: the JSON fields, the change spread out.
COMPARE_COLUMNS = (
    *("report", "indicator", "name", "issuer", "year", "value", "unit", "compared_unit"),
    *("qualifier", "bound", "figure", "section", "metric", "others", "group"),
    *("change_from_year", "change", "change_percent", "change_inexact"),
)


_BEFORE_GROUP = COMPARE_COLUMNS[: COMPARE_COLUMNS.index("group")]


def comparison_cells(comparison: IndicatorComparison, group: UnitGroup, row: Row) -> list[object]:
    """A row's cells in COMPARE_COLUMNS order: what is not there is empty, a group is "main"
    or "apart", an inexact change says "inexact"."""
    record = comparison_row_dict(comparison, group, row)
    change = record.pop("change") or {}
    cells = [record[name] for name in _BEFORE_GROUP]
    cells.append("apart" if group.apart else "main")
    cells += [change.get(name) for name in ("from_year", "absolute", "percent")]
    return [*cells, "inexact" if change.get("inexact") else ""]


def dumps(value: Any) -> str:
    """JSON as lawgov prints it: UTF-8 text (no \\u escapes), two-space indent. A byte that
    is not UTF-8 (in a file name) is written as the text \\xNN: JSON is always valid UTF-8."""
    return readable(json.dumps(value, ensure_ascii=False, indent=2), backslash="\\\\")


# `lawgov audit`: a result's columns (CSV, and piped lines use rule, result, evidence).
AUDIT_COLUMNS = ("rule", "name", "group", "result", "detail", "evidence")
SOURCE_FIELDS = ("document", "article", "address", "note")


def audit_result_dict(result: AuditResult) -> dict[str, Any]:
    rule = result.rule
    return {
        "rule": rule.id,
        "name": rule.name,
        "group": rule.group,
        "result": result.result,
        "detail": result.detail,
        "evidence": [{"section": e.section, "quote": e.quote} for e in result.evidence],
    }


def evidence_text(result: AuditResult) -> str:
    """The evidence in one field: each ``SECTION「QUOTE」`` (a header fact has no section),
    separated by two spaces; empty with none."""
    return "  ".join(
        f"{e.section}「{e.quote}」" if e.section else f"「{e.quote}」" for e in result.evidence
    )


def audit_line_text(result: AuditResult) -> str:
    """What a piped line shows of a result: the evidence, or the detail when there is none;
    for on-time, the detail (the dates) and then the evidence (where the year was read)."""
    evidence = evidence_text(result)
    if not evidence:
        return result.detail
    if result.rule.group == "on-time":
        return f"{result.detail}  {evidence}"
    return evidence


def audit_cells(result: AuditResult) -> list[object]:
    """A CSV row: the detail and the evidence each in its column (evidence empty when none)."""
    rule = result.rule
    return [rule.id, rule.name, rule.group, result.result, result.detail, evidence_text(result)]


def audit_rule_dict(rule: AuditRuleData, profile: str) -> dict[str, Any]:
    def matchers(items: list[Any]) -> list[dict[str, list[str]]]:
        return [
            {"all": [p.pattern for p in m.every], "none": [p.pattern for p in m.none]}
            for m in items
        ]

    return {
        "rule": rule.id,
        "name": rule.name,
        "group": rule.group,
        "profile": profile,
        "summary": rule.summary,
        "source": {key: rule.source.get(key, "") for key in SOURCE_FIELDS},
        "headings": matchers(rule.headings),
        "sentences": matchers(rule.sentences),
        "parameters": dict(rule.params),
    }
