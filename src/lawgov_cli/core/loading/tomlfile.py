"""A report file's TOML: parsed with its errors located (line, column), and problems found in
the parsed data located back in the text (the line of ``metrics[12].value``)."""

from __future__ import annotations

import re
from typing import Any

from ..errors import Problem, ReportError

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
