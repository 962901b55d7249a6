"""Report TOML -> model, with every problem located precisely (file, line, TOML path).

No terminal I/O here: problems are raised as ``ReportError`` for the caller to show.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from stat import S_ISBLK, S_ISCHR, S_ISDIR, S_ISFIFO, S_ISREG, S_ISSOCK
from typing import TYPE_CHECKING, Any, BinaryIO

from ..system.os_text import os_path
from ..system.package import bundled_report_file
from .errors import LawgovError, Problem, ReportError, shown
from .model import CHECK_KEYWORDS, Check, Metric, Report, Section

SECTION_ID = re.compile(r"(?:0|[1-9][0-9]*)(?:\.[1-9][0-9]*)*")  # not \d: ٣ is no id
METRIC_ID = re.compile(r"[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*")

if TYPE_CHECKING:
    from pathlib import Path

ID_FORMS = {
    "section": (SECTION_ID, "0, 3 or 3.2"),
    "metric": (METRIC_ID, "lowercase ASCII words joined by . or -, such as mediation.total"),
    "check": (METRIC_ID, "lowercase ASCII words joined by . or -, such as mediation.rate"),
}


# Paths are plain strings here: pathlib costs milliseconds to import, and every run loads a report.
def bundled_report_path() -> Path:
    """The report shipped inside the package; in a source checkout, the repository's copy."""
    from pathlib import Path

    return Path(bundled_report_file())


def report_file(path: str | os.PathLike[str] | None) -> str:
    """The file a report path names: the bundled report for None; an empty path is an error."""
    return require_path(os.fspath(path)) if path is not None else bundled_report_file()


def load_report(path: str | os.PathLike[str] | None = None) -> Report:
    """Load and validate a report; the bundled Nanshan 2024 report when ``path`` is None.
    Reads the file and nothing else: the command line's cache (cache.py) sits in front of it."""
    file = report_file(path)
    text = read_text(file)
    data = parse_toml(text, file)
    return build_report(data, file, text, path=file)


def require_path(path: str, what: str = "report") -> str:
    """``path`` as the file system takes it (``ostext.os_path``), unless it is empty: "" would
    name the current directory, a puzzling error."""
    if not path.strip():
        raise LawgovError(f"empty {what} path: name a {what} file")
    return os_path(path)


# The most a report file may hold. Far above any report (ours is 28 KB; a long one is 1 MB), far
# below what would exhaust memory when a path names /dev/zero or some other endless or enormous
# file by mistake: loading a 64 MB report takes about 370 MB (a long text) to 720 MB (420,000
# figures) at its peak. Import writes nothing larger (importer/build.py).
MAX_INPUT_BYTES = 64 * 1024 * 1024


def read_bounded(
    stream: BinaryIO,
    name: str,
    limit: int | None = None,
    refusal: str = "not a report",
    hint: str | None = None,
) -> bytes:
    """All of ``stream``, or LawgovError (``refusal``, ``hint``) when it holds more than
    ``limit`` bytes: MAX_INPUT_BYTES unless given."""
    most = MAX_INPUT_BYTES if limit is None else limit
    raw = stream.read(most + 1)
    if len(raw) > most:
        raise LawgovError(f"{shown(name)}: more than {size_text(most)}: {refusal}", hint)
    return raw


def size_text(size: int) -> str:
    """``64 MB``, ``83.0 MB``, ``256 KB``: binary units, as the README writes the limits."""
    for unit, name in ((2**20, "MB"), (2**10, "KB")):
        if size >= unit:
            return f"{size // unit} {name}" if size % unit == 0 else f"{size / unit:.1f} {name}"
    return f"{size} bytes"


class UnreadableFile(LawgovError):
    """A file that cannot be read: ``reason`` says why ("no such file"), without the name."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.reason = reason


_FILE_KINDS = (
    (S_ISDIR, "a directory"),
    (S_ISFIFO, "a FIFO (named pipe)"),
    (S_ISCHR, "a character device"),
    (S_ISBLK, "a block device"),
    (S_ISSOCK, "a socket"),
)
# Opening a FIFO for reading waits for a writer, forever if none comes: O_NONBLOCK returns at
# once. O_NOCTTY: opening a terminal device must not make it the controlling terminal.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read (a directory, a FIFO, /dev/zero), or None."""
    if S_ISREG(mode):
        return None
    if S_ISDIR(mode):
        return "is a directory, not a file"
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")
    return f"is {kind}, not a regular file"


# Names of standard input: whatever it is (a pipe, a here-document), it was asked for, and is
# read as a stream, to its end, as `cat` would.
STDIN_NAMES = frozenset(("/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"))


def read_file(
    file: str | os.PathLike[str],
    limit: int | None = None,
    refusal: str = "not a report",
    hint: str | None = None,
) -> bytes:
    """The bytes of a regular file (or of stdin, named /dev/stdin), at most ``limit``
    (read_bounded), or UnreadableFile.

    Anything else is refused before a byte is read: a FIFO would block until some program
    writes to it, /dev/zero never ends. The file is looked at before it is opened (opening a
    device can have effects of its own), and what was opened is looked at again, without
    blocking, in case the name was pointed elsewhere in between.
    """
    name = os.fspath(file)
    if name in STDIN_NAMES:
        if sys.stdin is None:  # started with stdin closed
            raise UnreadableFile(name, "stdin is closed")
        return read_bounded(sys.stdin.buffer, name, limit, refusal, hint)
    try:
        fault = _not_regular(os.stat(file).st_mode)
        if fault is None:
            fd = os.open(file, _OPEN_FLAGS)
    except FileNotFoundError:
        raise UnreadableFile(name, "no such file") from None
    except PermissionError:
        raise UnreadableFile(name, "permission denied") from None
    except OSError as err:
        raise UnreadableFile(name, err.strerror or str(err)) from None
    if fault is not None:
        raise UnreadableFile(name, fault)
    with os.fdopen(fd, "rb") as stream:
        fault = _not_regular(os.fstat(fd).st_mode)
        if fault is not None:
            raise UnreadableFile(name, fault)
        os.set_blocking(fd, True)
        try:
            return read_bounded(stream, name, limit, refusal, hint)
        except OSError as err:
            raise UnreadableFile(name, err.strerror or str(err)) from None


def read_text(file: str | os.PathLike[str]) -> str:
    """The file's text as UTF-8 (a leading BOM is allowed); anything else is a ReportError."""
    name = os.fspath(file)
    try:
        raw = read_file(file)
    except UnreadableFile as err:
        raise ReportError(name, [Problem("", err.reason)]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        problem = Problem(
            "",
            f"not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start})",
            line=line,
        )
        raise ReportError(name, [problem], hint="save the file as UTF-8") from None


_AT_END = " (at end of document)"
_LONG_NUMBER = re.compile(r"[0-9][0-9_]{4299}")
_TOML_POSITION = re.compile(r"^(?P<msg>.*?) \(at line (?P<line>\d+), column (?P<col>\d+)\)$")


def parse_toml(text: str, file: str) -> dict[str, Any]:
    import tomllib  # not needed when the command line's cache has the report

    try:
        return tomllib.loads(text)
    except RecursionError:  # tomllib recurses once per level of [[[…]]] or {a = {…}}
        problem = Problem("", "invalid TOML: arrays or tables nested too deeply to read")
        raise ReportError(file, [problem]) from None
    except tomllib.TOMLDecodeError as err:
        # Report text given where its TOML belongs is a common slip: say what to do.
        hint = (
            f"is this report text? lawgov import {file} makes a report of it"
            if file.endswith(".txt")
            else None
        )
        # Python 3.11's TOMLDecodeError carries the position only inside its message.
        found = _TOML_POSITION.match(str(err))
        if found:
            problem = Problem(
                "",
                f"invalid TOML: {found['msg']}",
                line=int(found["line"]),
                column=int(found["col"]),
            )
        elif str(err).endswith(_AT_END):  # the file stops mid-value: point at its last line
            message = str(err).removesuffix(_AT_END)
            problem = Problem(
                "",
                f"invalid TOML: {message}, at the end of the file",
                line=len(text.splitlines()) or 1,
            )
        else:
            problem = Problem("", f"invalid TOML: {err}")
        raise ReportError(file, [problem], hint=hint) from None
    except ValueError:  # from int(): tomllib reads an integer of over 4300 digits with it
        long_number = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, long_number.start()) + 1 if long_number else None
        problem = Problem("", "an integer too long to read (over 4300 digits)", line=line)
        raise ReportError(file, [problem]) from None


def describe(value: object) -> str:
    """How a TOML value reads in an error message: ``string "abc"``, ``boolean true``."""
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:29] + "…"
        return f'string "{shown}"'
    if isinstance(value, int):
        return f"integer {value}"
    if isinstance(value, float):
        return f"float {value}"
    if isinstance(value, dt.datetime | dt.time):
        return f"{type(value).__name__} {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"date {value.isoformat()}"
    if isinstance(value, list):
        return "an array"
    return "a table"


def _is_string(v: object) -> bool:
    return isinstance(v, str)


# The years a report may be about (import --year takes the same range).
YEAR_MIN, YEAR_MAX = 1900, 2100

# Control characters: an escape sequence in a label would reach the terminal and the pipe, and
# bidirectional overrides (U+202E) make text display other than it reads. Tabs and line breaks
# belong only in multi-line text (a section's text, a check's expression and description): in a
# label or a title they would break the one-record-per-line output.
UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile("[\t\n\r\u2028\u2029]")
_MULTI_LINE = ("text", "lines")  # kinds whose strings may span lines
_NON_EMPTY = ("words", "lines")


def _fault(kind: str, value: object) -> str | None:
    """What is wrong with a value of the right type, if anything."""
    if isinstance(value, str):
        control = UNSAFE_CHARACTERS.search(value)
        if control:
            return f"contains a control character (U+{ord(control.group()):04X})"
        broken = _LINE_BREAK.search(value) if kind not in _MULTI_LINE else None
        if broken:
            return (
                f"contains a tab or line break (U+{ord(broken.group()):04X}): keep it on one line"
            )
        if kind in _NON_EMPTY and not value.strip():
            return "is empty (expected a non-empty string)"
    if kind == "year" and isinstance(value, int) and not YEAR_MIN <= value <= YEAR_MAX:
        return f"{value} is not a year between {YEAR_MIN} and {YEAR_MAX}"
    return None


def _is_integer(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: object) -> bool:
    return (_is_integer(v) or isinstance(v, float)) and math.isfinite(v)  # type: ignore[arg-type]


def _is_bool(v: object) -> bool:
    return isinstance(v, bool)


def _is_date(v: object) -> bool:
    return type(v) is dt.date


_KINDS: dict[str, tuple[Callable[[object], bool], str]] = {
    "string": (_is_string, "a string"),
    "words": (_is_string, "a non-empty string"),
    "text": (_is_string, "a string"),
    "lines": (_is_string, "a non-empty string"),
    "year": (_is_integer, "a year such as 2024"),
    "integer": (_is_integer, "an integer"),
    "number": (_is_number, "a number"),
    "boolean": (_is_bool, "true or false"),
    "date": (_is_date, "a TOML date such as 2024-12-31 (unquoted)"),
}

# Field name -> (kind, default); a default of None marks a required field.
REPORT_FIELDS: dict[str, tuple[str, Any]] = {
    "title": ("words", None),
    "issuer": ("string", ""),
    "date": ("date", None),
    "year": ("year", None),
    "source_url": ("string", ""),
}
SECTION_FIELDS: dict[str, tuple[str, Any]] = {
    "id": ("string", None),
    "number": ("string", ""),
    "separator": ("string", ""),
    "title": ("string", ""),
    "heading_end": ("string", ""),
    "same_line": ("boolean", False),
    "text": ("text", ""),
}
# Keyed in the model's order (model.METRIC_FIELDS; a test holds them together).
METRIC_SCHEMA: dict[str, tuple[str, Any]] = {
    "id": ("string", None),
    "section": ("string", None),
    "label": ("words", None),
    "value": ("number", None),
    "unit": ("string", None),
    "figure": ("words", None),
    "qualifier": ("string", ""),
    "quote": ("words", None),
}
CHECK_FIELDS: dict[str, tuple[str, Any]] = {
    "id": ("string", None),
    "expr": ("lines", None),
    "description": ("text", ""),
}
TOP_LEVEL = ("report", "sections", "metrics", "checks")


class _Collector:
    """Reads typed fields out of TOML tables, noting every problem instead of stopping at one."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def fields(
        self, table: dict[str, Any], where: str, spec: dict[str, tuple[str, Any]]
    ) -> dict[str, Any] | None:
        """The table's fields checked against ``spec``; None if any is missing or mistyped."""
        out: dict[str, Any] = {}
        ok = True
        for key, (kind, default) in spec.items():
            if key not in table:
                if default is None:
                    self.add(f"{where}.{key}", f"missing (expected {_KINDS[kind][1]})")
                    ok = False
                out[key] = default
                continue
            value = table[key]
            check, expected = _KINDS[kind]
            fault = f"expected {expected}, got {describe(value)}" if not check(value) else None
            fault = fault or _fault(kind, value)
            if fault:
                self.add(f"{where}.{key}", fault)
                ok = False
            out[key] = value
        for key in table:
            if key not in spec:
                self.add(f"{where}.{key}", f"unknown key (expected one of: {', '.join(spec)})")
        return out if ok else None

    def entries(
        self, data: dict[str, Any], key: str, spec: dict[str, tuple[str, Any]]
    ) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """(index, TOML path, fields) of each well-typed ``[[key]]`` table."""
        for index, table in self.tables(data, key):
            where = f"{key}[{index}]"
            fields = self.fields(table, where, spec)
            if fields is not None:
                yield index, where, fields

    def unique_id(
        self, where: str, kind: str, value: str, seen: dict[str, int], index: int
    ) -> bool:
        """Is ``value`` a well-formed id not seen before? Notes the problem when it is not."""
        pattern, example = ID_FORMS[kind]
        if not pattern.fullmatch(value):
            self.add(f"{where}.id", f'"{value}" is not a {kind} id (expected {example})')
            return False
        if kind == "metric" and value in CHECK_KEYWORDS:  # a check could not name it
            self.add(f"{where}.id", f'"{value}" is a word of check expressions, not an id')
            return False
        if value in seen:
            first = f"{kind}s[{seen[value]}]"
            self.add(f"{where}.id", f'duplicate {kind} id "{value}" (first at {first})')
            return False
        seen[value] = index
        return True

    def tables(self, data: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.add(key, f"expected an array of tables ([[{key}]]), got {describe(value)}")
            return
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item
            else:
                self.add(f"{key}[{index}]", f"expected a table, got {describe(item)}")


@dataclass
class Contents:
    """What a report file holds, as far as it could be read, and every problem found on the way.

    ``meta`` is None when the [report] table is unusable; entries with problems of their own are
    left out of ``sections``/``checks`` but kept in ``metrics`` when their fields have the right
    types, so that ``lawgov validate`` can go on checking them.
    """

    meta: dict[str, Any] | None
    sections: list[Section]
    metrics: list[Metric]
    checks: list[Check]
    problems: list[Problem]
    # Ids of [[metrics]] tables left out for missing or mistyped fields, with their TOML path.
    invalid_metrics: dict[str, str] = field(default_factory=dict)


def quotable(section: Section) -> str:
    """Where a figure's quote may come from: the section's heading or its text."""
    return f"{section.heading}\n{section.text}"


def read_contents(data: dict[str, Any], text: str | None = None) -> Contents:
    """Check parsed TOML against the schema; the raw ``text`` lets problems cite lines."""
    c = _Collector()
    for key in data:
        if key not in TOP_LEVEL:
            c.add(key, f"unknown top-level key (expected one of: {', '.join(TOP_LEVEL)})")

    header = data.get("report")
    meta: dict[str, Any] | None = None
    if isinstance(header, dict):
        meta = c.fields(header, "report", REPORT_FIELDS)
    else:
        c.add("report", "missing [report] table" if header is None else "expected a table")

    sections = _sections(c, data)
    metrics = _metrics(c, data, {s.id: quotable(s) for s in sections})
    checks = _checks(c, data)
    if c.problems and text is not None:
        locate_problems(c.problems, text)
    return Contents(meta, sections, metrics, checks, c.problems, _invalid_metrics(data, metrics))


def _invalid_metrics(data: dict[str, Any], kept: list[Metric]) -> dict[str, str]:
    """The ids of [[metrics]] tables that did not make it into ``kept``, with their TOML paths."""
    tables = data.get("metrics")
    if not isinstance(tables, list):
        return {}
    named = {m.id for m in kept}
    invalid: dict[str, str] = {}
    for index, table in enumerate(tables):
        sid = table.get("id") if isinstance(table, dict) else None
        # A malformed id is a problem of its own, and no check could name it anyway.
        if isinstance(sid, str) and METRIC_ID.fullmatch(sid) and sid not in named:
            invalid.setdefault(sid, f"metrics[{index}]")
    return invalid


def checks_from_file(file: str | os.PathLike[str]) -> tuple[list[Check], list[Problem]]:
    """The ``[[checks]]`` of a checks file and their problems (ReportError if unreadable)."""
    text = read_text(file)
    data = parse_toml(text, os.fspath(file))
    c = _Collector()
    for key in data:
        if key != "checks":
            c.add(key, "unknown top-level key (a checks file holds only [[checks]] tables)")
    if "checks" not in data:
        c.add("checks", "missing: a checks file needs at least one [[checks]] entry")
    checks = _checks(c, data)
    locate_problems(c.problems, text)
    return checks, c.problems


def build_report(
    data: dict[str, Any], file: str, text: str | None = None, path: str | None = None
) -> Report:
    """Validate parsed TOML and build the model, or raise ReportError listing every problem."""
    contents = read_contents(data, text)
    if contents.problems:
        hint = f"lawgov validate {file} lists them all" if len(contents.problems) > 1 else None
        raise ReportError(file, contents.problems, hint=hint)
    assert contents.meta is not None
    return Report(
        sections=tuple(contents.sections),
        metrics=tuple(contents.metrics),
        checks=tuple(contents.checks),
        path=path,
        **contents.meta,
    )


def _sections(c: _Collector, data: dict[str, Any]) -> list[Section]:
    if not data.get("sections"):
        c.add("sections", "missing: a report needs at least one [[sections]] entry")
    sections: list[Section] = []
    seen: dict[str, int] = {}
    for index, where, fields in c.entries(data, "sections", SECTION_FIELDS):
        if not c.unique_id(where, "section", fields["id"], seen, index):
            continue
        section = Section(**fields)
        if section.parent is not None and section.parent not in seen:
            c.add(
                f"{where}.id", f'section "{section.id}" comes before its parent "{section.parent}"'
            )
        sections.append(section)
    return sections


def _metrics(c: _Collector, data: dict[str, Any], texts: dict[str, str]) -> list[Metric]:
    """The figures, each also checked against its section's text (quote, figure, value)."""
    from .fidelity import metric_problems  # and through it numbers and decimal: not for cache hits

    metrics: list[Metric] = []
    seen: dict[str, int] = {}
    for index, where, fields in c.entries(data, "metrics", METRIC_SCHEMA):
        c.unique_id(where, "metric", fields["id"], seen, index)
        metric = Metric(**fields)
        if metric.section in texts:
            c.problems += metric_problems(index, metric, texts[metric.section])
        elif texts:
            c.add(f"{where}.section", f'unknown section "{metric.section}" (metric {metric.id})')
        metrics.append(metric)
    return metrics


def _checks(c: _Collector, data: dict[str, Any]) -> list[Check]:
    seen: dict[str, int] = {}
    return [
        Check(**fields)
        for index, where, fields in c.entries(data, "checks", CHECK_FIELDS)
        if c.unique_id(where, "check", fields["id"], seen, index)
    ]


_HEADER = re.compile(r"^\s*\[\[\s*(\w+)\s*\]\]|^\s*\[\s*(\w+)\s*\]")
_PATH = re.compile(r"^(?P<array>\w+)(?:\[(?P<index>\d+)\])?(?:\.(?P<key>\w+))?")


def locate_problems(problems: list[Problem], text: str) -> None:
    """Give each problem the line of the key (or table) it names, found by scanning the text."""
    tables: dict[tuple[str, int], tuple[int, int]] = {}  # (name, index) -> (first, last) line
    counts: dict[str, int] = {}
    lines = text.splitlines()
    current: tuple[str, int] | None = None
    for number, row in enumerate(lines, 1):
        header = _HEADER.match(row)
        if not header:
            continue
        if current is not None:
            tables[current] = (tables[current][0], number - 1)
        name = header[1] or header[2]
        index = counts.get(name, 0) if header[1] else 0
        counts[name] = index + 1
        current = (name, index)
        tables[current] = (number, len(lines))
    for i, problem in enumerate(problems):
        if problem.line is not None:
            continue
        found = _PATH.match(problem.where)
        if not found:
            continue
        span = tables.get((found["array"], int(found["index"] or 0)))
        if span is None:
            continue
        line, column = span[0], None
        if found["key"]:
            key = re.compile(rf"^\s*{re.escape(found['key'])}\s*=\s*")
            line = next((n for n in range(span[0], span[1] + 1) if key.match(lines[n - 1])), line)
            if problem.offset is not None:
                column = _value_column(lines[line - 1], key, problem.offset)
        problems[i] = Problem(problem.where, problem.message, line=line, column=column)


def _value_column(row: str, key: re.Pattern[str], offset: int) -> int | None:
    """The 1-based column of character ``offset`` of the string value on ``row``, when the
    value is written plainly (a one-line string without escapes up to that point)."""
    found = key.match(row)
    if found is None or found.end() >= len(row) or row[found.end()] not in "\"'":
        return None
    if row[found.end() : found.end() + 3] in ('"""', "'''"):  # multi-line: not worth it
        return None
    start = found.end() + 1
    if "\\" in row[start : start + offset] or len(row) < start + offset:
        return None
    return start + offset + 1
