"""The documented JSON shapes (README, "JSON output"). Shapes only ever gain fields."""

from __future__ import annotations

import json
from typing import Any

from .model import Hit, Metric, Report, Section
from .query import children, metrics_of

METRIC_FIELDS = ("id", "section", "label", "value", "unit", "figure", "qualifier", "quote")


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


def info_dict(report: Report) -> dict[str, Any]:
    return {
        "title": report.title,
        "issuer": report.issuer,
        "date": report.date.isoformat(),
        "year": report.year,
        "source_url": report.source_url,
        "sections": len(report.sections),
        "metrics": len(report.metrics),
        "path": str(report.path) if report.path else None,
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


def dumps(value: Any) -> str:
    """JSON as lawgov prints it: UTF-8 text (no \\u escapes), two-space indent."""
    return json.dumps(value, ensure_ascii=False, indent=2)
