"""Several reports read at once (``--report`` given more than once, or naming a directory): which
files a command line names, the short id each report is known by, and the questions asked
across them. Pure: the command line loads the reports (through its cache) and hands the
entries over; nothing here prints.

Every question across reports goes through ``Library``: a faster, index-backed object with the
same methods may stand in for it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any

from .errors import LawgovError, UnknownSectionError, shown
from .model import Hit, Metric, Report, Section
from .queries import find_metric, find_section, select_metrics, subtree
from .queries import search as search_report

REPORT_SUFFIX = ".toml"
_ID_CHARS = re.compile(r"[A-Za-z0-9._-]+")
_NOT_ID_CHARS = re.compile(r"[^A-Za-z0-9._-]")


class Entry:
    """One report read: its id, the file, and the report, or the error that kept it from
    loading (exactly one of the two is set)."""

    __slots__ = ("error", "id", "path", "report")

    def __init__(
        self, id: str, path: str, report: Report | None, error: LawgovError | None = None
    ) -> None:
        self.id, self.path, self.report, self.error = id, path, report, error

    def __repr__(self) -> str:
        state = "error" if self.error is not None else "loaded" if self.report else "unread"
        return f"Entry({self.id!r}, {self.path!r}, {state})"


def report_id(path: str) -> str:
    """The file name without ``.toml`` when it is ASCII letters, digits, ``.``, ``_``, ``-``;
    otherwise those characters of it, ``-``, and the first 6 hex digits of the blake2b of the
    name without ``.toml`` (its bytes as the file system has them): ``南山-2024.toml`` is
    ``2024-`` plus six hex digits. An id never starts with ``-`` (it would read as an option)
    or ``.``; when nothing of the name is left it is ``r-`` and the digits. Stable from run to
    run, ASCII, and shell-safe."""
    name = os.path.basename(path)
    stem = name[: -len(REPORT_SUFFIX)] if name.endswith(REPORT_SUFFIX) else name
    if _ID_CHARS.fullmatch(stem) and not stem.startswith(("-", ".")):
        return stem
    import hashlib  # for such names only: 2-3 ms of a run otherwise

    digest = hashlib.blake2b(os.fsencode(stem)).hexdigest()[:6]
    kept = _NOT_ID_CHARS.sub("", stem).lstrip("-.")
    return f"{kept or 'r'}-{digest}"


def report_ids(paths: Sequence[str]) -> list[str]:
    """The id of each path (``report_id``); two or more with the same id are each called
    ``PARENTDIR/ID`` instead, and if still equal the run stops, naming both files."""
    ids = [report_id(path) for path in paths]
    counts: dict[str, int] = {}
    for one in ids:
        counts[one] = counts.get(one, 0) + 1
    ids = [
        f"{os.path.basename(os.path.dirname(os.path.abspath(path)))}/{one}"
        if counts[one] > 1
        else one
        for one, path in zip(ids, paths, strict=True)
    ]
    first: dict[str, str] = {}
    for one, path in zip(ids, paths, strict=True):
        if one in first:
            raise LawgovError(
                f"two reports would both be called '{shown(one)}': "
                f"{shown(first[one])} and {shown(path)}",
                hint="give each report once, or rename one of the files",
            )
        first[one] = path
    return ids


def expand(paths: Sequence[str]) -> list[str]:
    """The report files the paths name, in order: a directory stands for every ``*.toml``
    directly in it (not in its subdirectories; names starting with ``.`` skipped), sorted by
    file name. A directory with no report file is an error naming it. Anything else is kept
    as given: a file that cannot be loaded is that report's error, found when it is loaded."""
    files: list[str] = []
    for path in paths:
        if not os.path.isdir(path):
            files.append(path)
            continue
        try:
            names = sorted(
                name
                for name in os.listdir(path)
                if name.endswith(REPORT_SUFFIX) and not name.startswith(".")
            )
        except OSError as err:
            raise LawgovError(f"{shown(path)}: cannot list the directory: {err.strerror}") from None
        if not names:
            raise LawgovError(
                f"{shown(path)}: no report file (*{REPORT_SUFFIX}) in this directory",
                hint="a directory of reports holds report TOML files directly in it",
            )
        files += [os.path.join(path, name) for name in names]
    if len(paths) > 1:  # one directory lists each file once (hard links aside)
        _refuse_twice_named(files)
    return files


def _refuse_twice_named(files: Sequence[str]) -> None:
    """One file reached by two paths (a symlinked directory, ./a and a) would be read, counted
    and compared twice: an error naming both, as for two files with the same id."""
    seen: dict[tuple[int, int], str] = {}
    for file in files:
        try:
            info = os.stat(file)
        except OSError:
            continue  # said when it is read
        same = seen.setdefault((info.st_dev, info.st_ino), file)
        if same != file:
            raise LawgovError(
                f"the same report file is named twice: {shown(same)} and {shown(file)}",
                hint="give each report once",
            )


def split_ref(ref: str) -> tuple[str | None, str]:
    """``REPORT:ID`` -> (report id, id); a plain ``ID`` -> (None, ID)."""
    report, colon, rest = ref.partition(":")
    return (report, rest) if colon else (None, ref)


class Library:
    """The questions asked across the reports read, answered report by report. The commands
    that need whole reports ask it; `reports`, `search` and an indicator's figures are answered
    by the library index (cli/indexed.py), whose answers the tests hold to these."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = list(entries)
        self.loaded = [e for e in self.entries if e.report is not None]
        self._by_id = {e.id: e for e in self.entries}

    def entry(self, report: str) -> Entry:
        """The entry with this id; LawgovError naming the ids there are when none has it."""
        found = self._by_id.get(report)
        if found is None:
            known = ", ".join(e.id for e in self.entries[:8])
            more = " …" if len(self.entries) > 8 else ""
            raise LawgovError(
                f"no report '{shown(report)}' among those read",
                hint=f"the reports read are {known}{more} (`lawgov reports` lists them)",
            )
        return found

    def summaries(self) -> list[dict[str, Any]]:
        """Per report, in order: ``summary_row``."""
        return [
            summary_row(
                e,
                e.report,
                *((len(e.report.sections), len(e.report.metrics)) if e.report else (None, None)),
            )
            for e in self.entries
        ]

    def figures(self, indicator: str | None = None) -> list[tuple[Entry, Metric]]:
        """Every figure of every report, or those tagged with ``indicator``."""
        return [
            (entry, metric)
            for entry in self.loaded
            for metric in _report(entry).metrics
            if indicator is None or metric.indicator == indicator
        ]

    def metrics(
        self,
        *,
        section: str | None,
        unit: str | None,
        grep: str | None,
        sort: str,
        desc: bool,
        indicator: str | None = None,
    ) -> list[tuple[Entry, Metric]]:
        """``select_metrics`` in each report (sorted within it); ``section`` in each report
        that has it, an error only when none has it."""
        found: list[tuple[Entry, Metric]] = []
        for entry, _ in self._having(section):
            chosen = select_metrics(
                _report(entry),
                section=section,
                unit=unit,
                grep=grep,
                sort=sort,
                desc=desc,
                indicator=indicator,
            )
            found += [(entry, metric) for metric in chosen]
        return found

    def search(
        self,
        terms: list[str],
        *,
        regex: bool = False,
        all_terms: bool = False,
        section: str | None = None,
        context: int = 0,
    ) -> list[tuple[Entry, Hit]]:
        """``queries.search`` in each report; ``section`` in each report that has it, an error
        only when none has it."""
        found: list[tuple[Entry, Hit]] = []
        for entry, _ in self._having(section):
            hits = search_report(
                _report(entry),
                terms,
                regex=regex,
                all_terms=all_terms,
                section=section,
                context=context,
            )
            found += [(entry, hit) for hit in hits]
        return found

    def sections(self, ref: str) -> list[tuple[Entry, Section, list[Section]]]:
        """``REPORT:SECTION`` in that report, or a plain section in every report that has it:
        (entry, the section, it and its subsections). An error when none has it."""
        report, section_id = split_ref(ref)
        if report is not None:
            entry = self.entry(report)
            section = find_section(self._loaded(entry), section_id)
            return [(entry, section, subtree(_report(entry), section.id))]
        return [
            (entry, section, subtree(_report(entry), section.id))
            for entry, section in self._having(section_id)
            if section is not None
        ]

    def metric(self, ref: str) -> list[tuple[Entry, Metric]]:
        """``REPORT:METRIC`` from that report, or a plain id from every report that has it.
        An error when none has it."""
        report, metric_id = split_ref(ref)
        if report is not None:
            entry = self.entry(report)
            return [(entry, find_metric(self._loaded(entry), metric_id))]
        found = [
            (entry, metric)
            for entry in self.loaded
            for metric in _report(entry).metrics
            if metric.id == metric_id
        ]
        if not found:
            raise LawgovError(
                f"no metric '{shown(metric_id)}' in any of the {len(self.loaded)} reports read",
                hint="`lawgov metrics` lists the figures; REPORT:ID names one report's",
            )
        return found

    def _loaded(self, entry: Entry) -> Report:
        if entry.report is None:
            raise LawgovError(f"report '{shown(entry.id)}' could not be read: {entry.error}")
        return entry.report

    def _having(self, section: str | None) -> list[tuple[Entry, Section | None]]:
        """The loaded reports with ``section`` (all of them for None), with that section;
        the first report's UnknownSectionError when none has it."""
        if section is None:
            return [(entry, None) for entry in self.loaded]
        having: list[tuple[Entry, Section | None]] = []
        missing: UnknownSectionError | None = None
        for entry in self.loaded:
            try:
                having.append((entry, find_section(_report(entry), section)))
            except UnknownSectionError as err:
                missing = missing or err
        if not having and missing is not None:
            raise UnknownSectionError(
                f"no section '{shown(section)}' in any of the {len(self.loaded)} reports read",
                hint="`lawgov sections` lists each report's sections",
            )
        return having


def summary_row(
    entry: Entry, header: Report | None, sections: int | None, figures: int | None
) -> dict[str, Any]:
    """What `lawgov reports` says of one report: id, path, title, issuer, year, date
    (YYYY-MM-DD or None), excerpt (what part of a report the file holds, "" for a whole one),
    sections, figures (counts), problems (the error text, or ""). ``header`` holds the header
    facts (None when the report could not be read); the counts are given, so that an index
    can answer without the report's sections and figures at hand."""
    return {
        "id": entry.id,
        "path": entry.path,
        "title": header.title if header else "",
        "issuer": header.issuer if header else "",
        "year": header.year if header else None,
        "date": header.date.isoformat() if header and header.date else None,
        "excerpt": header.excerpt if header else "",
        "sections": sections,
        "figures": figures,
        "problems": str(entry.error) if entry.error is not None else "",
    }


def _report(entry: Entry) -> Report:
    assert entry.report is not None
    return entry.report
