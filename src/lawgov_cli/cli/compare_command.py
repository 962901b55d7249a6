"""The body of ``lawgov compare``: the indicators asked for, their figures in the reports read,
and the comparison (core/compare.py) as the answer.

The functions above ``compare`` stand in for the parts of issue 12 built beside this one, and
are the only places that know how figures are found: ``entries`` (the reports read: at merge,
``state.entries()``, and ``report_id`` goes for the library's), ``indicator_figures`` (an
indicator's ``(Entry, Metric)`` pairs: at merge, ``state.library().figures(indicator)``) and
``indicator_catalogue`` (the indicators known, their names, and which units compare as one: at
merge, from data/indicators.toml and its ``[units]`` table). Until then they work on the one
report read, a figure's indicator being its ``indicator`` field where the model has one, else
its id (the curated report's ids, ``mediation.success-rate``, are stable names of what they
count), with no unit equivalences.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..core.compare import compare as compare_figures
from ..core.errors import LawgovError
from ..core.library import Entry
from ..core.model import Metric
from ..formats.answers import Comparison, Reply
from .exits import EXIT_NOT_FOUND, EXIT_OK
from .state import State

_REPORT_ID = re.compile(r"[A-Za-z0-9._-]+")


def report_id(path: str) -> str:
    """The report's id (issue 12's rule): its file name without ``.toml`` when that is ASCII
    letters, digits, ``.``, ``_`` and ``-``; else those characters of it, ``-`` and the first 6
    hex digits of the blake2b of the name."""
    name = Path(path).name.removesuffix(".toml")
    if _REPORT_ID.fullmatch(name):
        return name
    import hashlib  # for such names only

    kept = "".join(_REPORT_ID.findall(name))
    digest = hashlib.blake2b(name.encode("utf-8", "surrogateescape")).hexdigest()[:6]
    return f"{kept}-{digest}"


def entries(state: State) -> list[Entry]:
    """The reports read (for now, the one report)."""
    report = state.report()
    path = report.path or ""
    return [Entry(report_id(path), path, report, None)]


def indicator_of(metric: Metric) -> str:
    return str(getattr(metric, "indicator", metric.id))


def indicator_catalogue(state: State) -> tuple[dict[str, str], dict[str, str]]:
    """(indicator id -> its name, unit -> the unit it is compared as)."""
    names: dict[str, str] = {}
    for entry in entries(state):
        for metric in entry.report.metrics if entry.report else ():
            if indicator := indicator_of(metric):
                names.setdefault(indicator, metric.label)
    return names, {}


def indicator_figures(state: State, indicator: str) -> list[tuple[Entry, Metric]]:
    """The figures of ``indicator`` in the reports read, in reading and document order."""
    return [
        (entry, metric)
        for entry in entries(state)
        for metric in (entry.report.metrics if entry.report else ())
        if indicator_of(metric) == indicator
    ]


def _unknown(indicator: str, known: Mapping[str, str]) -> LawgovError:
    import difflib  # only on this error path

    close = difflib.get_close_matches(indicator, list(known), n=3, cutoff=0.6)
    hint = f"did you mean {', '.join(close)}?" if close else "`lawgov indicators` lists them"
    return LawgovError(f"no indicator {indicator!r}", hint=hint)


def compare(
    state: State, indicators: Sequence[str], sort: str, desc: bool, json_: bool, csv: bool
) -> Reply:
    names, canonical_unit = indicator_catalogue(state)
    for indicator in indicators:
        if indicator not in names:
            raise _unknown(indicator, names)
    figures = {indicator: indicator_figures(state, indicator) for indicator in indicators}
    comparisons = compare_figures(indicators, figures, canonical_unit, names, sort=sort, desc=desc)
    found = any(comparison.groups for comparison in comparisons)
    return Reply(Comparison(comparisons), EXIT_OK if found else EXIT_NOT_FOUND)
