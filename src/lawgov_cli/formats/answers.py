"""What the read commands answer, as data: each command body returns one of these, and the
output layer (``present.py``) turns it into JSON, CSV, plain lines or a terminal view. A format
is a module with one function per answer class, named by the class's ``kind``.

Plain classes with slots, not dataclasses: every run of a read command imports this module, and
making ten dataclasses costs about 10 ms of a 50 ms run (measured), for nothing used here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.model import Hit, Metric, Report, Section

if TYPE_CHECKING:  # only types: the check engine is not loaded for other commands
    from ..core.audit import Profile, Result, Rule
    from ..core.checks import CheckResult
    from ..core.compare import IndicatorComparison
    from ..core.library import Entry
    from ..core.validation import Validation


class Info:
    """A report's header facts and counts. ``counts``: how many sections and figures it has,
    given when ``report`` holds its header alone (from the library index)."""

    kind = "info"
    __slots__ = ("counts", "report")

    def __init__(self, report: Report, counts: tuple[int, int] | None = None) -> None:
        self.report = report
        self.counts = counts


class Outline:
    kind = "outline"
    __slots__ = ("report",)

    def __init__(self, report: Report) -> None:
        self.report = report


class Part:
    """A section and its subsections (``sections``, the section first)."""

    kind = "part"
    __slots__ = ("report", "section", "sections")

    def __init__(self, report: Report, section: Section, sections: list[Section]) -> None:
        self.report, self.section, self.sections = report, section, sections


class Hits:
    """The hits of a search; ``report`` is what the terminal view draws them in (None where
    only JSON or plain lines are printed: the library index answers without loading it)."""

    kind = "hits"
    __slots__ = ("hits", "report")

    def __init__(self, report: Report | None, hits: list[Hit]) -> None:
        self.report, self.hits = report, hits


class HitCounts:
    """(section id, heading, number of hits) per section with hits."""

    kind = "hit_counts"
    __slots__ = ("counts",)

    def __init__(self, counts: list[tuple[str, str, int]]) -> None:
        self.counts = counts


class HitSections:
    kind = "hit_sections"
    __slots__ = ("ids",)

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids


class Figures:
    kind = "figures"
    __slots__ = ("metrics",)

    def __init__(self, metrics: list[Metric]) -> None:
        self.metrics = metrics


class FieldValues:
    """One field of each figure (``get``), or every field in JSON."""

    kind = "field_values"
    __slots__ = ("field", "metrics")

    def __init__(self, metrics: list[Metric], field: str) -> None:
        self.metrics, self.field = metrics, field


class IndicatorCounts:
    """Each canonical indicator (id, Chinese name, the units its figures may be written in) and
    how many figures of the report read carry it."""

    kind = "indicator_counts"
    __slots__ = ("rows",)

    def __init__(self, rows: list[tuple[str, str, tuple[str, ...], int]]) -> None:
        self.rows = rows


class CheckResults:
    kind = "check_results"
    __slots__ = ("results",)

    def __init__(self, results: list[CheckResult]) -> None:
        self.results = results


class ValidationReport:
    kind = "validation"
    __slots__ = ("validation",)

    def __init__(self, validation: Validation) -> None:
        self.validation = validation


class ReportList:
    """One row per report read (``lawgov reports``): ``Library.summaries()``."""

    kind = "reports"
    __slots__ = ("rows",)

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows


class Comparison:
    """Indicators side by side across reports (``compare``): one comparison per indicator."""

    kind = "comparison"
    __slots__ = ("comparisons",)

    def __init__(self, comparisons: list[IndicatorComparison]) -> None:
        self.comparisons = comparisons


class AuditResults:
    """Each report's audit (``lawgov audit``): (entry, results) in the order the reports were
    read; ``several`` when the command line asks for the several-report shape."""

    kind = "audit"
    __slots__ = ("reports", "several")

    def __init__(self, reports: list[tuple[Entry, list[Result]]], several: bool) -> None:
        self.reports, self.several = reports, several


class AuditRule:
    """One rule of a profile and its source (``audit --explain``)."""

    kind = "audit_rule"
    __slots__ = ("profile", "rule")

    def __init__(self, rule: Rule, profile: Profile) -> None:
        self.rule, self.profile = rule, profile


One = (
    Info
    | Outline
    | Part
    | Hits
    | HitCounts
    | HitSections
    | Figures
    | FieldValues
    | IndicatorCounts
    | CheckResults
    | ValidationReport
    | Comparison
)


class Across:
    """The answer of a command across several reports: each report's own answer (as it would
    be for that report alone), in the order the reports were read. Every format shows which
    report each record comes from (README, Several reports)."""

    kind = "across"
    __slots__ = ("parts",)

    def __init__(self, parts: list[tuple[Entry, One]]) -> None:
        self.parts = parts


Answer = One | Across | ReportList | AuditResults | AuditRule


class Reply:
    """A command's answer (None: print nothing), its exit code, and hints for stderr that
    follow the answer."""

    __slots__ = ("answer", "hints", "verdict")

    def __init__(
        self, answer: Answer | None, verdict: int = 0, hints: tuple[str, ...] = ()
    ) -> None:
        self.answer, self.verdict, self.hints = answer, verdict, hints
