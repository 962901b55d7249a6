"""Several reports asked what the library index (storage/library_index.py) answers without
loading each report: `reports`, `info`, `sections`, `search`, an indicator's figures
(`compare`, `metrics --indicator`, `indicators`). Over a library of 2,000 reports, loading
each one costs seconds; the index answers these in a fraction of that (README, Performance: a
library of 2,000 reports).

The other questions (a section's text, a figure by id, checks, audits) need whole reports and
ask ``core.library.Library``; both answer with the same ``Entry`` objects and shapes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.library import Entry, Library, report_ids, summary_row
from ..core.model import Hit, Metric, Report
from ..storage.library_index import LibraryIndex
from ..storage.report_cache import load_report

if TYPE_CHECKING:
    from .state import State


class IndexedLibrary:
    def __init__(self, state: State) -> None:
        files = state.report_files()
        self.state = state
        self.entries = [
            Entry(rid, f, None) for rid, f in zip(report_ids(files), files, strict=True)
        ]
        self.index = LibraryIndex(self.entries)
        self._headers: dict[int, tuple[Report, int, int]] | None = None
        self._settled = False

    def _settle(self) -> None:
        """Say on stderr, once, each report the index could not read (the run ends 2), and
        refuse when none could be read."""
        if self._settled:
            return
        self._settled = True
        import os

        from ..system.environment import env_flag
        from .exits import say

        if env_flag(os.environ, "LAWGOV_DEBUG"):  # what the index cost: benchmarks/library.py
            say(f"library index: {self.index.reread} report files read")
        self.state.say_failures(self.entries)

    def _with_headers(self, only: list[Entry] | None = None) -> None:
        """Give each entry read (of ``only``, when given) a report of its header facts alone
        (no sections, no figures): what a comparison row and a report's heading show. Its
        counts are kept aside."""
        if self._headers is not None:
            return
        headers: dict[int, tuple[Report, int, int]] = {}
        for entry, report, sections, figures in self.index.headers(
            self.entries if only is None else only
        ):
            assert isinstance(entry, Entry)
            entry.report = report
            headers[id(entry)] = (report, sections, figures)
        if only is None:
            self._headers = headers
        self._settle()

    def figure_library(self) -> Library:
        """The reports read as ``core.library.Library`` asks them, each report holding its
        header facts and figures alone (no sections, no checks): enough for ``get`` and for
        ``check`` with expressions, without loading each report."""
        for entry, report in self.index.figure_reports():
            assert isinstance(entry, Entry)
            entry.report = report
        self._settle()
        return Library(self.entries)

    def headers(self) -> list[tuple[Entry, Report, int, int]]:
        """Each report read, as a report of its header facts alone, and how many sections
        and figures it has: what ``info`` shows."""
        self._with_headers()
        assert self._headers is not None
        return [(e, *self._headers[id(e)]) for e in self.entries if id(e) in self._headers]

    def summaries(self) -> list[dict[str, Any]]:
        """As ``Library.summaries``: one row per report, those not read with their error."""
        self._with_headers()
        assert self._headers is not None
        rows = []
        for entry in self.entries:
            header, sections, figures = self._headers.get(id(entry), (None, None, None))
            rows.append(summary_row(entry, header, sections, figures))
        return rows

    def outlines(self) -> list[tuple[Entry, Report, int]]:
        """Each report read, as a report of its header and sections without their text (no
        figures), and how many figures it has: what ``sections`` shows."""
        found: list[tuple[Entry, Report, int]] = self.index.outlines()  # type: ignore[assignment]
        for entry, report, _ in found:
            entry.report = report
        self._settle()
        return found

    def figures(
        self, indicator: str | None = None, headers: bool = True
    ) -> list[tuple[Entry, Metric]]:
        """As ``Library.figures``; with ``headers``, each entry's ``report`` holds its header
        facts alone (what compare shows of a report), else it is None."""
        found = self.index.figures(indicator)
        if headers:  # of the reports with such figures alone: compare shows no other
            self._with_headers(list({id(entry): entry for entry, _ in found}.values()))  # type: ignore[arg-type]
        else:
            self._settle()
        return found  # type: ignore[return-value]

    def search(
        self,
        terms: list[str],
        *,
        regex: bool = False,
        all_terms: bool = False,
        section: str | None = None,
        context: int = 0,
        whole: bool = False,
    ) -> list[tuple[Entry, Hit]]:
        """As ``Library.search``. With ``whole``, each report with a hit is loaded whole (from
        the report cache): the terminal view draws a hit with its section and figures; else
        the entries' ``report`` stays None (JSON and plain lines need the hits alone)."""
        found = self.index.search(
            terms, regex=regex, all_terms=all_terms, section=section, context=context
        )
        self._settle()
        if whole:
            loaded: set[int] = set()
            for entry, _ in found:
                assert isinstance(entry, Entry)
                if id(entry) not in loaded:
                    loaded.add(id(entry))
                    entry.report = load_report(entry.path)
        return found  # type: ignore[return-value]
