"""Canonical indicators: what a figure measures, in terms that hold across reports
(``reconsideration.received``, ``mediation.success-rate``), so that figures of different reports
can be set side by side. An imported figure's id (``s4-2.f1``) says nothing of the kind.

The indicators and the rules that recognise them are data, ``data/indicators.toml`` (its head
comment explains the rules); this module reads and checks that file and applies the rules, the
same way for every indicator. ``indicator_for(metric)`` is called for every figure of a report
loaded without an ``indicator`` key and for every figure ``lawgov import`` finds; a figure whose
meaning the rules do not make clear gets "" (none), and so does one that two indicators would
take: a wrong tag is worse than none.
"""

from __future__ import annotations

import os
import re
from functools import cache
from typing import Any, TypeAlias

from ..system.package import indicators_file
from .errors import Problem, ReportError
from .model import Metric
from .text import fold

# Where a clause of a quote ends (after NFKC: ，；：！？ arrive as , ; : ! ?) and the brackets a
# clause may hold such a mark inside: 纠错(含撤销、确认违法)29件 is one clause.
_CLAUSE_MARKS = frozenset(",、;:。!?")
_OPENING = frozenset("([【〔")
_CLOSING = frozenset(")]】〕")
FIGURE_MARK = "#"  # the figure itself, in the text the rules read
_PHRASE = re.compile(r"\{([a-z][a-z0-9-]*)\}")
_ID = re.compile(r"[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*")  # as a metric id (schema.METRIC_ID)
_INDICATOR_KEYS = ("id", "name", "units", "all", "none")
_TOP_KEYS = ("units", "phrases", "indicators")


Pattern: TypeAlias = "re.Pattern[str] | _Words"


class Indicator:
    """One indicator: its id, Chinese name, the units its figures may carry (canonical, as
    ``[units]`` makes them), and its compiled rules."""

    __slots__ = ("excluded", "id", "name", "required", "units")

    def __init__(
        self,
        id: str,
        name: str,
        units: tuple[str, ...],
        required: tuple[Pattern, ...],
        excluded: tuple[Pattern, ...] = (),
    ) -> None:
        self.id, self.name, self.units = id, name, units
        self.required, self.excluded = required, excluded

    def takes(self, text: str) -> bool:
        """Whether a figure read as ``text`` (see ``figure_text``) is one of this indicator's,
        its unit aside."""
        return all(p.search(text) for p in self.required) and not any(
            p.search(text) for p in self.excluded
        )

    def __repr__(self) -> str:
        return f"Indicator({self.id!r})"


class Indicators:
    """The indicators of a data file, in its order, with its unit equivalences."""

    __slots__ = ("_by_unit", "by_id", "equivalents", "file", "items")

    def __init__(self, items: list[Indicator], equivalents: dict[str, str], file: str) -> None:
        self.items = tuple(items)
        self.by_id = {i.id: i for i in items}
        self.equivalents = equivalents  # unit -> the unit it is compared as (宗 -> 件)
        self.file = file
        self._by_unit: dict[str, list[Indicator]] = {}
        for indicator in items:
            for unit in indicator.units:
                self._by_unit.setdefault(unit, []).append(indicator)

    def canonical_unit(self, unit: str) -> str:
        """宗 -> 件, 名 -> 人: the unit figures are compared in; others stay as they are."""
        folded = fold(unit).strip()
        return self.equivalents.get(folded, folded)

    def units_written(self, indicator: Indicator) -> tuple[str, ...]:
        """The units a figure of ``indicator`` may be written in: each canonical unit, then the
        units read as it (件, 宗)."""
        out: list[str] = []
        for unit in indicator.units:
            out.append(unit)
            out += [u for u, same in self.equivalents.items() if same == unit]
        return tuple(out)

    def indicator_for(self, metric: Metric) -> str:
        """The id of the one indicator whose rules take ``metric``; "" for none or several."""
        candidates = self._by_unit.get(self.canonical_unit(metric.unit))
        if not candidates:
            return ""
        text = figure_text(metric)
        found = [i.id for i in candidates if i.takes(text)]
        return found[0] if len(found) == 1 else ""

    def suggest(self, wanted: str) -> str:
        """A hint for an unknown id: the ids like it (a typo, the right group), then where the
        list is."""
        import difflib  # only on this error path

        ids = list(self.by_id)
        close = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.6)
        if not close:
            group = wanted.partition(".")[0] + "."
            close = [i for i in ids if i.startswith(group)][:5]
        listed = "`lawgov indicators` lists them all"
        if not close:
            return listed
        either = close[0] if len(close) == 1 else f"{', '.join(close[:-1])} or {close[-1]}"
        return f"did you mean {either}? ({listed})"


def figure_text(metric: Metric) -> str:
    """What the rules read: the label, a line break, and the clause of the quote that holds the
    figure with the figure written as ``#`` (共审查行政规范性文件15件、印发14件 -> for 14件,
    ``印发#``), both folded (NFKC, Traditional as Simplified)."""
    quote = fold(metric.quote)
    figure = fold(metric.figure)
    # The figure where it stands alone: 7次 is not the end of 97次.
    found = re.search(rf"(?<![0-9.]){re.escape(figure)}", quote) if figure else None
    if found is None:
        return f"{fold(metric.label)}\n{quote}"
    start, end = found.span()
    begin, finish = _clause(quote, start, end)
    return f"{fold(metric.label)}\n{quote[begin:start]}{FIGURE_MARK}{quote[end:finish]}"


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the clause of ``text`` that holds [start, end): from after the last clause
    mark outside brackets before ``start`` to the first one at or after ``end`` (a mark inside
    the figure, the comma of 1,200件, is none)."""
    depth = 0
    begin = 0
    for index, char in enumerate(text):
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(0, depth - 1)
        elif depth == 0 and char in _CLAUSE_MARKS:
            if index < start:
                begin = index + 1
            elif index >= end:
                return begin, index
    return begin, len(text)


@cache
def load_indicators(path: str | None = None) -> Indicators:
    """The indicators of ``path`` (default: the data file lawgov ships), checked: a broken file
    is a ReportError naming the file, line and key of each problem. Read once per process."""
    from .loading.files import read_text
    from .loading.tomlfile import parse_toml

    file = path if path is not None else indicators_file()
    text = read_text(file)
    return indicators_of(parse_toml(text, file), file, text)


def indicators_of(data: dict[str, Any], file: str, text: str | None = None) -> Indicators:
    """The indicators of ``data``, the parsed TOML of ``file`` (``text``, when at hand, locates
    a problem's line; else the file is read again for it), checked as ``load_indicators``
    checks them."""
    problems: list[Problem] = []
    indicators = _read(data, problems)
    if problems:
        from .loading.files import read_text
        from .loading.tomlfile import locate_problems  # (tomllib: only for a broken file)

        locate_problems(problems, text if text is not None else read_text(file))
        raise ReportError(file, problems, hint="the indicators file's head comment says its form")
    return Indicators(indicators, _equivalents(data), os.fspath(file))


def indicator_for(metric: Metric) -> str:
    """The canonical indicator of ``metric`` by the shipped rules, or "" (none)."""
    return load_indicators().indicator_for(metric)


def canonical_unit(unit: str) -> str:
    """The unit a figure in ``unit`` is compared in, by the shipped ``[units]`` (宗 -> 件)."""
    return load_indicators().canonical_unit(unit)


def _equivalents(data: dict[str, Any]) -> dict[str, str]:
    units = data.get("units", {})
    return {k: v for k, v in units.items() if isinstance(v, str)} if isinstance(units, dict) else {}


def _read(data: dict[str, Any], problems: list[Problem]) -> list[Indicator]:
    def add(where: str, message: str) -> None:
        problems.append(Problem(where, message))

    for key in data:
        if key not in _TOP_KEYS:
            add(key, f"unknown top-level key (expected one of: {', '.join(_TOP_KEYS)})")
    units = data.get("units", {})
    if not isinstance(units, dict):
        add("units", "expected a table of unit = unit it is compared as")
        units = {}
    for unit, same in units.items():
        if not isinstance(same, str) or not same.strip():
            add(f"units.{unit}", "expected the unit it is compared as, a non-empty string")
        elif same in units:
            add(f"units.{unit}", f'"{same}" is itself read as another unit: name that one')
    phrases = data.get("phrases", {})
    if not isinstance(phrases, dict):
        add("phrases", "expected a table of name = pattern")
        phrases = {}
    for name, pattern in phrases.items():
        if not _PHRASE.fullmatch(f"{{{name}}}"):
            add(f"phrases.{name}", "a phrase's name is lowercase ASCII letters, digits and -")
        elif not isinstance(pattern, str):
            add(f"phrases.{name}", "expected a pattern (a string)")
        elif _PHRASE.search(pattern):
            add(f"phrases.{name}", "a phrase may not name another phrase")
    tables = data.get("indicators")
    if not isinstance(tables, list) or not tables:
        add("indicators", "missing: expected [[indicators]] tables")
        return []
    found: list[Indicator] = []
    seen: dict[str, int] = {}
    for index, table in enumerate(tables):
        where = f"indicators[{index}]"
        if not isinstance(table, dict):
            add(where, "expected a table")
            continue
        before = len(problems)
        indicator = _indicator(table, where, units, phrases, problems)
        if indicator is None or len(problems) > before:
            continue
        if indicator.id in seen:
            add(f"{where}.id", f'duplicate indicator id "{indicator.id}" (first at '
                f"indicators[{seen[indicator.id]}])")  # fmt: skip
            continue
        seen[indicator.id] = index
        found.append(indicator)
    return found


def _indicator(
    table: dict[str, Any],
    where: str,
    units: dict[str, Any],
    phrases: dict[str, Any],
    problems: list[Problem],
) -> Indicator | None:
    def add(key: str, message: str) -> None:
        problems.append(Problem(f"{where}.{key}", message))

    for key in table:
        if key not in _INDICATOR_KEYS:
            add(key, f"unknown key (expected one of: {', '.join(_INDICATOR_KEYS)})")
    ident, name = table.get("id"), table.get("name")
    if not isinstance(ident, str) or not _ID.fullmatch(ident):
        add("id", "expected an id of lowercase ASCII words joined by . or -")
        return None
    if not isinstance(name, str) or not name.strip():
        add("name", "expected the indicator's Chinese name, a non-empty string")
    written = table.get("units")
    if (
        not isinstance(written, list)
        or not written
        or not all(isinstance(u, str) and u.strip() for u in written)
    ):
        add("units", "expected a non-empty array of units")
        written = []
    for unit in written:
        if unit in units:
            add("units", f'"{unit}" is read as "{units[unit]}" ([units]): list "{units[unit]}"')
    required = _patterns(table, "all", phrases, add, needed=True)
    excluded = _patterns(table, "none", phrases, add, needed=False)
    return Indicator(ident, str(name), tuple(written), required, excluded)


class _Words:
    """A pattern that is only words joined by | (most are), matched as substrings: the same
    answer as the regular expression, without the cost of compiling it (about 10 ms for the
    file's patterns, on every load of a report that is not in the cache)."""

    __slots__ = ("words",)

    def __init__(self, words: list[str]) -> None:
        self.words = tuple(words)

    def search(self, text: str) -> bool:
        return any(word in text for word in self.words)


_PLAIN = re.compile(r"[^\\.^$*+?{}\[\]()|]*(?:\|[^\\.^$*+?{}\[\]()|]*)*")
# A group that is a whole alternative (a phrase: 率|(?:同比|增长)), whose words are its own.
_GROUP = re.compile(r"(?:(?<=\|)|^)\(\?:([^\\.^$*+?{}\[\]()]*)\)(?=\||$)")


def _compile(pattern: str) -> re.Pattern[str] | _Words:
    """``pattern`` as words when it is only words joined by | (a phrase's group (?:a|b) taken
    as its words), else as a regular expression."""
    flat = _GROUP.sub(lambda m: m[1], pattern)
    if _PLAIN.fullmatch(flat):
        return _Words(flat.split("|"))
    return re.compile(pattern)


def _patterns(
    table: dict[str, Any],
    key: str,
    phrases: dict[str, Any],
    add: Any,
    needed: bool,
) -> tuple[Pattern, ...]:
    given = table.get(key, [])
    if not isinstance(given, list) or not all(isinstance(p, str) for p in given):
        add(key, "expected an array of patterns (strings)")
        return ()
    if needed and not given:
        add(key, "expected at least one pattern: an indicator without one would take any figure")
        return ()
    compiled = []
    for number, pattern in enumerate(given):
        missing = [n for n in _PHRASE.findall(pattern) if not isinstance(phrases.get(n), str)]
        if missing:
            add(f"{key}[{number}]", f'unknown phrase "{{{missing[0]}}}" (see [phrases])')
            continue
        expanded = _PHRASE.sub(lambda m: f"(?:{phrases[m[1]]})", pattern)
        try:
            found = _compile(expanded)
        except re.error as err:
            add(f"{key}[{number}]", f"not a regular expression: {err}")
            continue
        if found.search(""):
            add(f"{key}[{number}]", "matches the empty text, so it would match any figure")
            continue
        compiled.append(found)
    return tuple(compiled)
