"""What the global options decided, handed to every command through Typer's context."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.errors import LawgovError
from ..core.model import Report
from ..formats.stream import Output
from ..storage.report_cache import load_report

if TYPE_CHECKING:  # the fast path (fast.py) runs commands without importing Typer
    import typer


@dataclass
class State:
    report_path: str | None
    color: str
    report_from_env: bool = False  # the path came from LAWGOV_REPORT, not --report
    _report: Report | None = field(default=None, init=False)

    def report(self) -> Report:
        if self._report is None:
            with self.reading_report():
                self._report = load_report(self.report_path)
        return self._report

    @contextmanager
    def reading_report(self) -> Iterator[None]:
        """Errors reading the report say where its path came from when that was LAWGOV_REPORT:
        a variable set long ago is easy to forget."""
        try:
            yield
        except LawgovError as err:
            if self.report_from_env and err.hint is None:
                err.hint = "the report path comes from the LAWGOV_REPORT variable"
            raise

    def output(self) -> Output:
        return Output(self.color)


def state_of(ctx: typer.Context) -> State:
    state = ctx.find_object(State)
    assert state is not None
    return state
