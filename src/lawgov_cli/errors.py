"""The one family of errors the core raises; the CLI turns each into a line on stderr and exit 2."""

from __future__ import annotations

from dataclasses import dataclass


class LawgovError(Exception):
    """A problem the user can fix. ``str(err)`` is the one-line message; ``hint`` says how."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a report file, located by its TOML path (``metrics[12].value``)
    and, where it can be found, its line (and column) in the file."""

    where: str
    message: str
    line: int | None = None
    column: int | None = None
    # Where in the key's string value the fault lies (a check expression's syntax error), for
    # ``loader.locate_problems`` to turn into a column.
    offset: int | None = None

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def located(self, file: str) -> str:
        """``file:line:column: where: message``, leaving out what is not known."""
        place = file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return f"{place}: {self}"


class ReportError(LawgovError):
    """A report file that cannot be read or does not hold a valid report."""

    def __init__(self, file: str, problems: list[Problem], hint: str | None = None) -> None:
        self.file = file
        self.problems = problems
        first = problems[0].located(file)
        more = len(problems) - 1
        if more:
            first += f" (and {more} more problem{'s' if more > 1 else ''})"
        super().__init__(first, hint)


class UnknownSectionError(LawgovError):
    pass


class UnknownMetricError(LawgovError):
    pass


class PatternError(LawgovError):
    pass


class PipeClosed(Exception):
    """stdout's reader went away (``lawgov search 的 | head -1``): stop quietly.

    ``exit_code`` is the verdict when one was reached before the output was written (a failing
    check stays a failure however little of the report a reader takes). Deliberately not an
    OSError, so no framework layer turns it into its own exit code.
    """

    def __init__(self, exit_code: int = 0) -> None:
        super().__init__(exit_code)
        self.exit_code = exit_code


class Terminated(BaseException):
    """SIGTERM arrived while lawgov was writing a file: raised, as Ctrl-C raises
    KeyboardInterrupt, so that the temporary file is removed on the way out (exit 143). A
    BaseException, so that no ``except Exception`` on the way swallows it."""
