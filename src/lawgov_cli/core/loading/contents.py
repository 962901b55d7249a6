"""Parsed TOML -> the report model: sections, figures (each checked against its section's text)
and checks, with every problem collected."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import Problem, ReportError, shown
from ..indicators import indicator_for, load_indicators
from ..model import Check, Metric, Report, Section
from .files import read_text
from .schema import (
    CHECK_FIELDS,
    METRIC_ID,
    METRIC_SCHEMA,
    REPORT_FIELDS,
    SECTION_FIELDS,
    TOP_LEVEL,
    Collector,
)
from .tomlfile import locate_problems, parse_toml


@dataclass
class Contents:
    """What a report file holds, as far as it could be read, and every problem found on the way.

    ``meta`` is None when the [report] table is unusable; entries with problems of their own are
    left out of ``sections``/``checks`` but kept in ``metrics`` when their fields have the right
    types, so that ``lawgov validate`` can go on checking them.
    """

    meta: dict[str, Any] | None
    sections: list[Section]
    metrics: list[Metric]
    checks: list[Check]
    problems: list[Problem]
    # Ids of [[metrics]] tables left out for missing or mistyped fields, with their TOML path.
    invalid_metrics: dict[str, str] = field(default_factory=dict)


def quotable(section: Section) -> str:
    """Where a figure's quote may come from: the section's heading or its text."""
    return f"{section.heading}\n{section.text}"


def read_contents(data: dict[str, Any], text: str | None = None) -> Contents:
    """Check parsed TOML against the schema; the raw ``text`` lets problems cite lines."""
    c = Collector()
    for key in data:
        if key not in TOP_LEVEL:
            c.add(key, f"unknown top-level key (expected one of: {', '.join(TOP_LEVEL)})")

    header = data.get("report")
    meta: dict[str, Any] | None = None
    if isinstance(header, dict):
        meta = c.fields(header, "report", REPORT_FIELDS)
    else:
        c.add("report", "missing [report] table" if header is None else "expected a table")

    sections = _sections(c, data)
    metrics = _metrics(c, data, {s.id: quotable(s) for s in sections})
    checks = _checks(c, data)
    if c.problems and text is not None:
        locate_problems(c.problems, text)
    return Contents(meta, sections, metrics, checks, c.problems, _invalid_metrics(data, metrics))


def _invalid_metrics(data: dict[str, Any], kept: list[Metric]) -> dict[str, str]:
    """The ids of [[metrics]] tables that did not make it into ``kept``, with their TOML paths."""
    tables = data.get("metrics")
    if not isinstance(tables, list):
        return {}
    named = {m.id for m in kept}
    invalid: dict[str, str] = {}
    for index, table in enumerate(tables):
        sid = table.get("id") if isinstance(table, dict) else None
        # A malformed id is a problem of its own, and no check could name it anyway.
        if isinstance(sid, str) and METRIC_ID.fullmatch(sid) and sid not in named:
            invalid.setdefault(sid, f"metrics[{index}]")
    return invalid


def checks_from_file(file: str | os.PathLike[str]) -> tuple[list[Check], list[Problem]]:
    """The ``[[checks]]`` of a checks file and their problems (ReportError if unreadable)."""
    text = read_text(file)
    data = parse_toml(text, os.fspath(file))
    c = Collector()
    for key in data:
        if key != "checks":
            c.add(key, "unknown top-level key (a checks file holds only [[checks]] tables)")
    if "checks" not in data:
        c.add("checks", "missing: a checks file needs at least one [[checks]] entry")
    checks = _checks(c, data)
    locate_problems(c.problems, text)
    return checks, c.problems


def build_report(
    data: dict[str, Any], file: str, text: str | None = None, path: str | None = None
) -> Report:
    """Validate parsed TOML and build the model, or raise ReportError listing every problem."""
    contents = read_contents(data, text)
    if contents.problems:
        hint = (
            f"lawgov validate {shown(file)} lists them all" if len(contents.problems) > 1 else None
        )
        raise ReportError(file, contents.problems, hint=hint)
    assert contents.meta is not None
    return Report(
        sections=tuple(contents.sections),
        metrics=tuple(contents.metrics),
        checks=tuple(contents.checks),
        path=path,
        **contents.meta,
    )


def _sections(c: Collector, data: dict[str, Any]) -> list[Section]:
    if not data.get("sections"):
        c.add("sections", "missing: a report needs at least one [[sections]] entry")
    sections: list[Section] = []
    seen: dict[str, int] = {}
    for index, where, fields in c.entries(data, "sections", SECTION_FIELDS):
        if not c.unique_id(where, "section", fields["id"], seen, index):
            continue
        section = Section(**fields)
        if section.parent is not None and section.parent not in seen:
            c.add(
                f"{where}.id", f'section "{section.id}" comes before its parent "{section.parent}"'
            )
        sections.append(section)
    return sections


def _metrics(c: Collector, data: dict[str, Any], texts: dict[str, str]) -> list[Metric]:
    """The figures, each also checked against its section's text (quote, figure, value)."""
    from ..fidelity import metric_problems  # and through it numbers and decimal: not for cache hits

    metrics: list[Metric] = []
    seen: dict[str, int] = {}
    tables = data.get("metrics", [])  # entries() yields only when it is an array of tables
    for index, where, fields in c.entries(data, "metrics", METRIC_SCHEMA):
        c.unique_id(where, "metric", fields["id"], seen, index)
        metric = Metric(**fields)
        if metric.section in texts:
            c.problems += metric_problems(index, metric, texts[metric.section])
        elif texts:
            c.add(f"{where}.section", f'unknown section "{metric.section}" (metric {metric.id})')
        if "indicator" in tables[index]:
            _check_indicator(c, where, metric)
        else:  # not said in the file: tagged by the rules (indicator = "" says "none")
            metric = replace(metric, indicator=indicator_for(metric))
        metrics.append(metric)
    return metrics


def _check_indicator(c: Collector, where: str, metric: Metric) -> None:
    """A figure's ``indicator`` names a known indicator whose units include the figure's, or
    is "" (none): a figure in 场次 tagged 调解成功率 would be compared with rates as one."""
    known = load_indicators()
    if metric.indicator and metric.indicator not in known.by_id:
        c.add(
            f"{where}.indicator",
            f'unknown indicator "{metric.indicator}" (metric {metric.id}; "" says none): '
            + known.suggest(metric.indicator),
        )
        return
    indicator = known.by_id.get(metric.indicator)
    if indicator is not None and known.canonical_unit(metric.unit) not in indicator.units:
        units = " ".join(known.units_written(indicator))
        c.add(
            f"{where}.indicator",
            f'indicator "{metric.indicator}" is counted in {units}, not {metric.unit} '
            f'(metric {metric.id}; "" says none)',
        )


def _checks(c: Collector, data: dict[str, Any]) -> list[Check]:
    seen: dict[str, int] = {}
    return [
        Check(**fields)
        for index, where, fields in c.entries(data, "checks", CHECK_FIELDS)
        if c.unique_id(where, "check", fields["id"], seen, index)
    ]
