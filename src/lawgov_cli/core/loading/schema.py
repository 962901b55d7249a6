"""What a report file may hold: its tables and fields with their kinds and defaults, the forms
of ids, the characters no field may hold, and ``Collector``, which reads fields out of TOML
tables noting every problem instead of stopping at the first."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterator
from typing import Any

from ..errors import Problem
from ..model import CHECK_KEYWORDS, YEAR_MAX, YEAR_MIN

SECTION_ID = re.compile(r"(?:0|[1-9][0-9]*)(?:\.[1-9][0-9]*)*")  # not \d: ٣ is no id
METRIC_ID = re.compile(r"[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*")

ID_FORMS = {
    "section": (SECTION_ID, "0, 3 or 3.2"),
    "metric": (METRIC_ID, "lowercase ASCII words joined by . or -, such as mediation.total"),
    "check": (METRIC_ID, "lowercase ASCII words joined by . or -, such as mediation.rate"),
}


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


class _Required:
    """The default of a field that has none: the file must give it."""

    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()


def _is_string(v: object) -> bool:
    return isinstance(v, str)


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


def value_fault(kind: str, value: object) -> str | None:
    """What is wrong with ``value`` as a field of this kind (its type or its content), or None:
    the one rule for a field, whether it comes from a report file or the report cache."""
    check, expected = _KINDS[kind]
    if not check(value):
        return f"expected {expected}, got {describe(value)}"
    return _fault(kind, value)


def _is_integer(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


# No report states a figure of more digits (numbers.MAX_FIGURE_DIGITS is 30); Python prints
# no int of over 4300.
_NUMBER_BOUND = 10**30


def _is_number(v: object) -> bool:
    if not (_is_integer(v) or isinstance(v, float)):
        return False
    return math.isfinite(v) and abs(v) < _NUMBER_BOUND  # type: ignore[arg-type]


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

# Field name -> (kind, default); REQUIRED marks a field that must be there. A default of None
# is a fact the report may not state (the model's ``X | None``): TOML has no null, so it is
# absent from the file.
REPORT_FIELDS: dict[str, tuple[str, Any]] = {
    "title": ("words", REQUIRED),
    "issuer": ("string", ""),
    "date": ("date", None),  # a page copy often states no date
    "year": ("year", None),  # an excerpt may not say the year it reports on
    "source_url": ("string", ""),
    "excerpt": ("string", ""),  # what part of a report the file holds; "" for a whole one
}
SECTION_FIELDS: dict[str, tuple[str, Any]] = {
    "id": ("string", REQUIRED),
    "number": ("string", ""),
    "separator": ("string", ""),
    "title": ("string", ""),
    "heading_end": ("string", ""),
    "same_line": ("boolean", False),
    "text": ("text", ""),
}
# Keyed in the model's order (model.METRIC_FIELDS; a test holds them together).
METRIC_SCHEMA: dict[str, tuple[str, Any]] = {
    "id": ("string", REQUIRED),
    "section": ("string", REQUIRED),
    "label": ("words", REQUIRED),
    "value": ("number", REQUIRED),
    "unit": ("string", REQUIRED),
    "figure": ("words", REQUIRED),
    "qualifier": ("string", ""),
    "quote": ("words", REQUIRED),
    # A known indicator id (data/indicators.toml) or "" for none; when the key is absent the
    # figure is tagged as it loads (contents.py), so "" in a file means "explicitly none".
    "indicator": ("string", ""),
}
CHECK_FIELDS: dict[str, tuple[str, Any]] = {
    "id": ("string", REQUIRED),
    "expr": ("lines", REQUIRED),
    "description": ("text", ""),
}
TOP_LEVEL = ("report", "sections", "metrics", "checks")


class Collector:
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
                if default is REQUIRED:
                    self.add(f"{where}.{key}", f"missing (expected {_KINDS[kind][1]})")
                    ok = False
                out[key] = default
                continue
            value = table[key]
            fault = value_fault(kind, value)
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
