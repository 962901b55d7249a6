"""What the global options decided, handed to every command through Typer's context."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.errors import LawgovError, shown
from ..core.model import Report
from ..formats.stream import Output
from ..storage.report_cache import load_report

if TYPE_CHECKING:  # the fast path (fast.py) runs commands without importing Typer
    import typer

    from ..core.library import Entry, Library
    from .indexed import IndexedLibrary

FROM_ENV = "the report path comes from the LAWGOV_REPORT variable"


@dataclass
class State:
    # The report paths given (--report, once or more, or LAWGOV_REPORT): files or directories
    # of them. None of them: the bundled report.
    report_paths: list[str]
    color: str
    report_from_env: bool = False  # the path came from LAWGOV_REPORT, not --report
    # Reports that could not be read, each already said on stderr: the run ends with exit 2.
    failures: int = field(default=0, init=False)
    _report: Report | None = field(default=None, init=False)
    _entries: list[Entry] | None = field(default=None, init=False)

    @property
    def report_path(self) -> str | None:
        """The one report path given (None: the bundled report)."""
        return self.report_paths[0] if self.report_paths else None

    @property
    def several(self) -> bool:
        """Whether the output takes the several-report shape: --report given more than once,
        or a path that is a directory (even one holding one report). It depends on the
        command line alone, never on what a directory holds."""
        return len(self.report_paths) > 1 or any(os.path.isdir(p) for p in self.report_paths)

    def report(self) -> Report:
        """The one report a command reads; an error when several are read."""
        if self.several:
            raise LawgovError(
                "this command reads one report file, not a directory or several reports",
                hint="give --report one report file",
            )
        if self._report is None:
            with self.reading_report():
                self._report = load_report(self.report_path)
        return self._report

    def report_files(self) -> list[str]:
        """Every report file the paths name, directories expanded (library.expand)."""
        from ..core.library import expand
        from ..core.loading import report_file

        if not self.report_paths:
            return [report_file(None)]
        with self.reading_report():
            return expand(self.report_paths)

    def entries(self) -> list[Entry]:
        """Every report read, in command-line order (a directory's sorted by file name), each
        loaded through the cache. One that cannot be loaded is said on stderr (its path and
        why) and counted in ``failures``; the others are answered."""
        if self._entries is None:
            from ..core.library import Entry, report_ids

            files = self.report_files()
            entries = []
            for report, file in zip(report_ids(files), files, strict=True):
                try:
                    entries.append(Entry(report, file, load_report(file)))
                except LawgovError as err:
                    entries.append(Entry(report, file, None, err))
            self.say_failures(entries)
            self._entries = entries
        return self._entries

    def library(self) -> Library:
        """The reports read, to ask questions across; an error when none could be read."""
        from ..core.library import Library

        return Library(self.entries())

    def indexed(self) -> IndexedLibrary:
        """The reports read, for the questions the library index answers without loading each
        report (reports, search, an indicator's figures): kept in the cache directory."""
        from .indexed import IndexedLibrary

        return IndexedLibrary(self)

    def say_failures(self, entries: Sequence[Entry]) -> None:
        """Say on stderr each report that could not be read; when none could, the run is an
        error: the one report's own (one line), or that none of them could be read."""
        failed = [e for e in entries if e.error is not None]
        if len(failed) == len(entries) == 1:
            assert failed[0].error is not None
            raise self.named(failed[0].path, failed[0].error)
        for entry in failed:
            assert entry.error is not None
            self.failed(entry.path, entry.error)
        if entries and len(failed) == len(entries):
            raise LawgovError(f"could not read any of the {len(entries)} reports named")

    def named(self, path: str, err: LawgovError) -> LawgovError:
        """``err`` as said of the report at ``path``: its path first, with a hint."""
        message = str(err)
        if not message.startswith(shown(path)):
            message = f"{shown(path)}: {message}"
        hint = err.hint
        if hint is None and self.report_from_env and not self.several:
            hint = FROM_ENV
        return LawgovError(message, hint=hint)

    def failed(self, path: str, err: LawgovError) -> None:
        """Say on stderr that the report at ``path`` could not be read, and why."""
        from .exits import fail

        named = self.named(path, err)
        fail(str(named), named.hint)
        self.failures += 1

    @contextmanager
    def reading_report(self) -> Iterator[None]:
        """Errors reading the report say where its path came from when that was LAWGOV_REPORT:
        a variable set long ago is easy to forget."""
        try:
            yield
        except LawgovError as err:
            if self.report_from_env and err.hint is None:
                err.hint = FROM_ENV
            raise

    def output(self) -> Output:
        return Output(self.color)


def state_of(ctx: typer.Context) -> State:
    state = ctx.find_object(State)
    assert state is not None
    return state
