"""What the read commands answer, as data: each command body returns one of these, and the
output layer (``present.py``) turns it into JSON, CSV, plain lines or a terminal view. A format
is a module with one function per answer class, named by the class's ``kind``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from .model import Hit, Metric, Report, Section

if TYPE_CHECKING:  # only types: the check engine is not loaded for other commands
    from .checks import CheckResult
    from .validate import Validation


@dataclass(frozen=True, slots=True)
class Info:
    kind: ClassVar[str] = "info"
    report: Report


@dataclass(frozen=True, slots=True)
class Outline:
    kind: ClassVar[str] = "outline"
    report: Report


@dataclass(frozen=True, slots=True)
class Part:
    """A section and its subsections (``sections``, the section first)."""

    kind: ClassVar[str] = "part"
    report: Report
    section: Section
    sections: list[Section]


@dataclass(frozen=True, slots=True)
class Hits:
    kind: ClassVar[str] = "hits"
    report: Report
    hits: list[Hit]


@dataclass(frozen=True, slots=True)
class HitCounts:
    """(section id, heading, number of hits) per section with hits."""

    kind: ClassVar[str] = "hit_counts"
    counts: list[tuple[str, str, int]]


@dataclass(frozen=True, slots=True)
class HitSections:
    kind: ClassVar[str] = "hit_sections"
    ids: list[str]


@dataclass(frozen=True, slots=True)
class Figures:
    kind: ClassVar[str] = "figures"
    metrics: list[Metric]


@dataclass(frozen=True, slots=True)
class FieldValues:
    """One field of each figure (``get``), or every field in JSON."""

    kind: ClassVar[str] = "field_values"
    metrics: list[Metric]
    field: str


@dataclass(frozen=True, slots=True)
class CheckResults:
    kind: ClassVar[str] = "check_results"
    results: list[CheckResult]


@dataclass(frozen=True, slots=True)
class ValidationReport:
    kind: ClassVar[str] = "validation"
    validation: Validation


Answer = (
    Info
    | Outline
    | Part
    | Hits
    | HitCounts
    | HitSections
    | Figures
    | FieldValues
    | CheckResults
    | ValidationReport
)


@dataclass(frozen=True, slots=True)
class Reply:
    """A command's answer (None: print nothing), its exit code, and hints for stderr that
    follow the answer."""

    answer: Answer | None
    verdict: int = 0
    hints: tuple[str, ...] = ()
