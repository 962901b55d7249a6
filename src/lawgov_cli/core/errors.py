"""The one family of errors the core raises; the CLI turns each into a line on stderr and exit 2."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..system.os_text import readable

# What a message may not show raw: control characters (an escape sequence would drive the
# terminal, a line break split the one-line message), line and paragraph separators,
# bidirectional overrides (text that displays other than it reads), and lone surrogates (bytes
# of a command-line argument or file name that were not UTF-8).
_UNSHOWABLE_BUT_TAB = (
    "\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
)
_UNSHOWABLE = re.compile(f"[\t{_UNSHOWABLE_BUT_TAB}]")
_UNSHOWABLE_IN_ROW = re.compile(f"[{_UNSHOWABLE_BUT_TAB}]")
_NAMED_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
SHOWN_LIMIT = 100


def showable(text: str) -> bool:
    """Whether ``shown`` would leave ``text`` as it is (given no limit): no control character,
    line or paragraph separator, bidirectional control or lone surrogate in it."""
    return _UNSHOWABLE.search(text) is None


def showable_row(line: str, fields: int) -> bool:
    """Whether ``line``, ``fields`` texts joined by tabs, holds showable texts alone: exactly
    ``fields - 1`` tabs (none inside a text) and nothing else ``showable`` refuses. One scan
    of a whole record instead of one per field (a search of a library prints 12,583)."""
    return line.count("\t") == fields - 1 and _UNSHOWABLE_IN_ROW.search(line) is None


def shown(text: str, limit: int | None = SHOWN_LIMIT) -> str:
    """User input (a path, an id, a search term) as a message quotes it: cut in the middle with
    an ellipsis past ``limit`` characters (the start and end of a path say the most), and every
    character above escaped as Python writes it (``\\x1b``, ``\\n``; a byte that was not UTF-8
    as ``\\xb9``), so that no argument can flood the terminal or drive it."""
    text = readable(text)  # bytes the locale could not decode: as UTF-8 where they are, else \xNN
    if limit is not None and len(text) > limit:  # None: escaped, never cut (data, a path)
        half = (limit - 1) // 2
        text = f"{text[:half]}…{text[len(text) - half :]}"
    return _UNSHOWABLE.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte the argument or name held
        return f"\\x{code - 0xDC00:02x}"
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


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
        """``file:line:column: where: message``, leaving out what is not known; the file's name
        escaped (``shown``), as any name a message quotes."""
        place = shown(file, None)
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
        first = problems[0].located(shown(file))
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


class ImportFailure(LawgovError):
    """A source that cannot be imported; nothing is written for it."""


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
    """SIGTERM or SIGHUP (a closed terminal) arrived while lawgov was writing a file: raised,
    as Ctrl-C raises KeyboardInterrupt, so that the temporary file is removed on the way out
    (exit 128 + the signal's number: 143, 129). A BaseException, so that no ``except
    Exception`` on the way swallows it."""

    def __init__(self, signum: int = 15) -> None:
        super().__init__(signum)
        self.exit_code = 128 + signum
