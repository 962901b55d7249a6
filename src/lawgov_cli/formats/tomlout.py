"""A report as canonical TOML, written with tomli-w: what ``lawgov import`` writes and
``lawgov export --format toml`` prints. The loader reads it back to the same report."""

from __future__ import annotations

import dataclasses
from typing import Any

import tomli_w

from ..core.indicators import indicator_for
from ..core.model import METRIC_FIELDS, Metric, Report, Section

# Section fields are written only when they differ from their default, to keep files readable.
_SECTION_DEFAULTS: dict[str, Any] = {
    f.name: f.default for f in dataclasses.fields(Section) if f.name != "id"
}


def _section_table(section: Section) -> dict[str, Any]:
    table: dict[str, Any] = {"id": section.id}
    for name, default in _SECTION_DEFAULTS.items():
        value = getattr(section, name)
        if value != default:
            table[name] = value
    return table


def _metric_table(metric: Metric) -> dict[str, Any]:
    """A figure's fields; its ``indicator`` when it has one, and ``indicator = ""`` only where
    the rules would tag it otherwise (a curator's "none"): a file without the key is tagged as
    it loads, so it reads back the same either way, and a figure the rules may learn to tag
    later is not frozen untagged."""
    table = {k: getattr(metric, k) for k in METRIC_FIELDS if k != "indicator"}
    if metric.indicator or indicator_for(metric):
        table["indicator"] = metric.indicator
    return table


def toml_data(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = {
        # A date or year not stated is left out: TOML has no null, and the loader reads the
        # missing key as None.
        # An empty excerpt (a whole report) is left out too: most files never need the key.
        "report": {
            k: v
            for k, v in report.header().items()
            if v is not None and not (k == "excerpt" and not v)
        },
        "sections": [_section_table(s) for s in report.sections],
        "metrics": [_metric_table(m) for m in report.metrics],
    }
    if report.checks:
        data["checks"] = [
            {"id": c.id, "expr": c.expr, "description": c.description} for c in report.checks
        ]
    return data


def to_toml(report: Report, comment: str = "") -> str:
    """The report as TOML, after ``comment`` (each line prefixed with #) when one is given.

    Arrays of tables are always written as [[sections]], [[metrics]], [[checks]]: tomli-w would
    write a short array (a one-section report) inline, ``sections = [...]`` above [report]."""
    head = "".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines())
    chunks = []
    for key, value in toml_data(report).items():
        if isinstance(value, list):
            chunks += [f"[[{key}]]\n" + _dumps(table) for table in value]
        else:
            chunks.append(f"[{key}]\n" + _dumps(value))
    return head + ("\n" if head else "") + "\n".join(chunks)


def _dumps(table: dict[str, Any]) -> str:
    """The key = value lines of a table of plain values. A text with line breaks is written
    over several lines, as it reads, unless it holds a carriage return: tomli-w writes \\r\\n
    there as a bare line break, which a reader takes for \\n (tomli-w 1.2), so such a text
    stays on one line with its \\r and \\n escaped, and reads back exactly."""
    return "".join(
        tomli_w.dumps({key: value}, multiline_strings=not _holds_cr(value))
        for key, value in table.items()
    )


def _holds_cr(value: object) -> bool:
    return isinstance(value, str) and "\r" in value
