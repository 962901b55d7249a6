"""The report as immutable values: sections in document order and the figures found in them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

Number = int | float


# The words of check expressions (expr/tokens.py): no metric may have one as its id, or a check
# could not name it. Here, not in expr/, so that loading a report need not import the evaluator.
CHECK_KEYWORDS = ("and", "or", "not")


@dataclass(frozen=True, slots=True)
class Section:
    """One numbered part of the report.

    ``id`` is canonical and ASCII (``0``, ``3``, ``3.2``); ``number`` is the marker as the report
    writes it (``三``, ``(二)``, ``一是``). The layout fields let the text be rebuilt exactly:
    a heading line is ``number + separator + title``; when ``heading_end`` is set the heading runs
    into its paragraph, closed by that mark (``(一)提升依法决策能力。在…``); ``same_line`` means
    the section continues the line the previous one ended on (the 一是…二是… runs).
    """

    id: str
    number: str = ""
    title: str = ""
    text: str = ""
    separator: str = ""
    heading_end: str = ""
    same_line: bool = False

    @property
    def level(self) -> int:
        return self.id.count(".") + 1

    @property
    def parent(self) -> str | None:
        head, dot, _ = self.id.rpartition(".")
        return head if dot else None

    @property
    def heading(self) -> str:
        """The heading as written, without the mark that closes a run-in heading."""
        return f"{self.number}{self.separator}{self.title}"

    def render(self) -> str:
        """This section's own lines exactly as the source has them (no trailing newline)."""
        heading = self.heading
        if self.heading_end:
            return f"{heading}{self.heading_end}{self.text}"
        return "\n".join(part for part in (heading, self.text) if part)


@dataclass(frozen=True, slots=True)
class Metric:
    """A figure stated in the report.

    ``value`` is normalised (12.88万余宗 -> 128800, 2.3亿元 -> 230000000 with unit 元) while
    ``figure`` keeps the characters exactly as written. A non-empty ``qualifier`` (余, 超, …) means
    the stated number is a bound, not a point. ``indicator`` is the canonical indicator the
    figure states (``reconsideration.received``; core/indicators.py), "" for none.
    """

    id: str
    section: str
    label: str
    value: Number
    unit: str
    figure: str
    qualifier: str
    quote: str
    indicator: str = ""


@dataclass(frozen=True, slots=True)
class Check:
    """A consistency rule the report's curator wrote down: ``expr`` must hold (``lawgov check``)."""

    id: str
    expr: str
    description: str = ""


HEADER_FIELDS = ("title", "issuer", "date", "year", "source_url", "excerpt")
# What names a report's figures and sections where they are offered to pick from (shell
# completion: the id and its description), whether read from a loaded report or from the
# library index's rows alone.
NAME_FIELDS = {
    "figures": ("id", "label", "figure", "unit"),
    "sections": ("id", "number", "separator", "title"),
}
# How people read a header fact the report does not state (date, year): on a terminal, piped
# and in documents. JSON says null; a TOML file leaves the key out (TOML has no null).
NOT_STATED = "未注明"
# The years a report may be about (the loader checks them; import --year takes the same range).
YEAR_MIN, YEAR_MAX = 1900, 2100
# A figure's fields in their one order: JSON, CSV and TOML write them so, and the file schema
# (loader.METRIC_SCHEMA) and `get --field` name these.
METRIC_FIELDS = tuple(Metric.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    issuer: str
    date: dt.date | None  # the publication date; None when the source states none
    year: int | None  # the year reported on; None when the source does not tell it
    source_url: str
    sections: tuple[Section, ...]
    metrics: tuple[Metric, ...]
    checks: tuple[Check, ...] = ()
    # Non-empty when the file holds part of a report only (a page's opening, cut): what it is.
    # Every view of the report says so, so that a missing part is not read as one the report
    # lacks. Empty for a whole report.
    excerpt: str = ""
    path: str | None = field(default=None, compare=False)  # the file it was read from

    def header(self) -> dict[str, object]:
        """The header facts by name (HEADER_FIELDS), as every output format lists them."""
        return {name: getattr(self, name) for name in HEADER_FIELDS}

    def render_text(self) -> str:
        """The report body as plain text, line for line as the source has it."""
        return render_sections(self.sections)


def render_sections(sections: Iterable[Section]) -> str:
    """Sections in document order as the source writes them, ending with a newline."""
    out: list[str] = []
    for section in sections:
        if out and not section.same_line:
            out.append("\n")
        out.append(section.render())
    out.append("\n")
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Match:
    """Where a search term matched: [start, end) offsets into the hit's ``text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Hit:
    """A sentence (or a heading) that matched, with every match in it.

    ``text`` is the sentence, widened by ``--context`` neighbours when asked; ``where`` says
    whether it comes from the section's heading or its text, and ``offset`` where ``text``
    starts in it.
    """

    section: str
    heading: str
    text: str
    matches: tuple[Match, ...]
    where: str = "text"
    offset: int = 0
