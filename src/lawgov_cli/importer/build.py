"""A source -> a Report: its text read (readers), then page facts, outline, figures, generated
ids and labels. Pure: writing the report as a TOML file is the command's business."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..core.errors import ImportFailure
from ..core.indicators import indicator_for
from ..core.loading import files as loader
from ..core.loading.files import size_text
from ..core.model import YEAR_MIN, Metric, Report, Section
from .clean import clean
from .figures import QuotesTooLong, find_figures, room_taken
from .outline import read_outline
from .page import Page, clipped, read_page
from .readers import read_source


@dataclass(frozen=True, slots=True)
class Overrides:
    """Header facts given on the command line, for pages that lack them."""

    title: str | None = None
    issuer: str | None = None
    date: dt.date | None = None
    year: int | None = None
    source_url: str = ""
    excerpt: str = ""  # the file holds part of a report: which part (--excerpt)


def override_fault(field: str, value: str) -> str | None:
    """What the loader would refuse in ``value`` as the report's ``field`` (title, issuer,
    source_url, excerpt): a control character, a tab or line break, an empty title. Asked of the
    loader's own rules, so that an option it would refuse is refused before any import."""
    from ..core.loading.contents import read_contents

    problems = read_contents({"report": {field: value}}).problems
    return next((p.message for p in problems if p.where == f"report.{field}"), None)


@dataclass(frozen=True, slots=True)
class Imported:
    report: Report
    encoding: str  # how the source was read: its encoding ("utf-8", "gb18030") or format
    notes: tuple[str, ...]  # what a curator should know: a composed title, say


# A source's report TOML takes about 2.5 times its text when the source is UTF-8 (our source:
# 9.6 KB -> 24.5 KB; 1 MB of report text -> 2.5 MB), 3.7 times when it is GBK or UTF-16 (two
# bytes a Chinese character against UTF-8's three). A source up to a quarter of what a report
# file may hold (loader.MAX_INPUT_BYTES) is read; a larger one is refused before it is read
# whole. Figures crowded into long clauses can still need more room than that: import_report
# refuses to write what the loader would refuse to read.
SOURCE_SHARE = 4


def max_source_bytes() -> int:
    """The largest source ``lawgov import`` reads: 16 MB, a quarter of a report file's limit."""
    return loader.MAX_INPUT_BYTES // SOURCE_SHARE


def metric_id(section_id: str, number: int) -> str:
    """``s3-2.f1``: the first figure of section 3.2 (ASCII, stable for the same text)."""
    return f"s{section_id.replace('.', '-')}.f{number}"


# The label of a figure whose sentence names nothing but it (办理案件。120件。): plainly a
# placeholder, so that a curator finds it (metrics --grep 未命名数字) and no one mistakes it for
# what the figure counts. The section's title, when it has one, says where the figure stands.
UNNAMED = "未命名数字"
_CONTEXT_MAX = 20


def unnamed_label(section: Section, in_heading: bool) -> str:
    """未命名数字（section title）, or 未命名数字 alone for a figure in the heading itself."""
    title = section.title.strip()
    if in_heading or not title:
        return UNNAMED
    if len(title) > _CONTEXT_MAX:
        title = title[: _CONTEXT_MAX - 1] + "…"
    return f"{UNNAMED}（{title}）"


def figures_of(
    sections: list[Section], quote_budget: int | None = None
) -> tuple[list[Metric], list[str]]:
    """Every figure of every section: those in its heading (办理案件120件 as a title, 一是…8件)
    first, then those in its text; and the ids of those whose text names nothing, labelled
    ``unnamed_label``. QuotesTooLong when their quotes together run past ``quote_budget``
    characters."""
    metrics = []
    unnamed = []
    left = quote_budget
    for section in sections:
        in_heading = find_figures(section.title, left)
        if left is not None:
            left -= sum(map(room_taken, in_heading))
        in_text = find_figures(section.text, left)
        if left is not None:
            left -= sum(map(room_taken, in_text))
        for number, found in enumerate([*in_heading, *in_text], 1):
            label = found.label
            if not label.strip():
                label = unnamed_label(section, number <= len(in_heading))
                unnamed.append(metric_id(section.id, number))
            metric = Metric(
                id=metric_id(section.id, number),
                section=section.id,
                label=label,
                value=found.value,
                unit=found.unit,
                figure=found.figure,
                qualifier=found.qualifier,
                quote=found.quote,
            )
            # The canonical indicator, when the rules make its meaning clear (written to the
            # file only then: README, Canonical indicators).
            metrics.append(replace(metric, indicator=indicator_for(metric)))
    return metrics, unnamed


def import_report(raw: bytes, name: str, overrides: Overrides | None = None) -> Imported:
    """Read one report; ImportFailure (exit 2) when it cannot be read as one."""
    given = overrides or Overrides()
    text, encoding = read_source(raw, name)
    cleaned = clean(text)
    page = read_page(cleaned.text)
    sections = read_outline(page.body)
    if not sections:
        raise ImportFailure(f"{name}: no report text found after the page header")
    date = given.date or page.date
    # --date checks --year itself; the page's date bounds it here.
    if given.year is not None and date is not None and given.year > date.year:
        raise ImportFailure(
            f"{name}: --year {given.year} is later than the publication date {date}",
            hint="give --year the year the report is about",
        )
    year, year_notes = _year(given, page, date)
    issuer = page.issuer if given.issuer is None else given.issuer
    notes = list(cleaned.notes)
    if page.dropped:
        notes.append(
            f"{len(page.dropped)} sentence(s) after the page footer were left out, the first: "
            f"{clipped(page.dropped[0])}"
        )
    title = given.title or page.title
    if not title:
        title = f"{issuer}{'' if year is None else f'{year}年'}法治政府建设年度报告"
        notes.append("The source has no title line: this title is descriptive, not quoted.")
    if date is None:
        notes.append(
            "No publication date found (发布时间, 发布日期, 信息提供日期, 日期 or a date line): "
            "written without one; import again with --date YYYY-MM-DD, or add "
            "date = YYYY-MM-DD to [report]."
        )
    notes += year_notes
    # The text is written once (each section's), each figure with its strings: past the
    # limit at the least, the file would be too large, and making it would take gigabytes.
    room = loader.MAX_INPUT_BYTES - len(page.body)
    try:
        metrics, unnamed = figures_of(sections, quote_budget=room)
    except QuotesTooLong:
        raise too_large(name) from None
    if unnamed:
        notes.append(
            f"{len(unnamed)} figure(s) with nothing in their sentence to name them are labelled "
            f"{UNNAMED} (the first: {unnamed[0]}): name them."
        )
    report = Report(
        title=title,
        issuer=issuer,
        date=date,
        year=year,
        source_url=given.source_url or page.source_url,
        excerpt=given.excerpt,
        sections=tuple(sections),
        metrics=tuple(metrics),
    )
    return Imported(report, encoding, tuple(notes))


# A report published January to April is about the year before (a report on 2024 comes out
# in the first months of 2025); one published later may be about its own year or the last.
_LAST_YEARS_MONTHS = 4


def _year(given: Overrides, page: Page, date: dt.date | None) -> tuple[int | None, list[str]]:
    """The year reported on and what to say about it: --year, else the page's own clue (the
    title, the opening sentence, a heading), else the publication date from January to April.
    A note names the clue when it is not the title, or says that none was found."""
    if given.year is not None:
        return given.year, []
    if page.year is not None:
        if not page.year_clue:  # the title says it
            return page.year, []
        return page.year, [
            f"The year reported on, {page.year}, is read from {page.year_clue}, "
            "not the title: check it, or give --year YYYY."
        ]
    if date is not None and date.month <= _LAST_YEARS_MONTHS and date.year - 1 >= YEAR_MIN:
        return date.year - 1, [
            f"The year reported on, {date.year - 1}, is taken from the publication date {date} "
            "(a report published January to April is on the year before): check it, or give "
            "--year YYYY."
        ]
    return None, [
        "Cannot tell the year reported on (not in the title, the opening sentence, a heading "
        "or a publication date from January to April): written without one; import again with "
        "--year YYYY, or add year = YYYY to [report]."
    ]


def too_large(name: str, size: int | None = None) -> ImportFailure:
    """What the loader would refuse to read is not written (import's budget for quotes here,
    the size of the TOML made in the command that writes it)."""
    would = f"be {size_text(size)} of TOML, " if size is not None else "be "
    most = size_text(loader.MAX_INPUT_BYTES)
    return ImportFailure(
        f"{name}: its report would {would}over the {most} a report file may hold",
        hint=(
            "split the source into smaller reports (each figure quotes its clause: "
            "a long text crowded with figures takes the most room)"
        ),
    )
