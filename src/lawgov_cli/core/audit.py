"""``lawgov audit``: does a report meet the rules for these reports, and do its own figures agree?

Pure: a profile (data/audit/*.toml: the rules, each with its source) and a report in, one
``Result`` per rule out: ``pass``, ``fail`` or ``unknown``, with a detail and the evidence (a
section id and a short quote verbatim from the report). A wrong "pass" is worse than an honest
"not found": headings and sentences are recognised by the profile's patterns, and a report that
says it holds only part of itself (``Report.excerpt``) gets ``unknown``, never ``fail``, for what
is not found in it. The figure relations live in audit_figures.py.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from functools import cache
from typing import Any

from ..system.package import audit_profile_file
from .errors import LawgovError
from .model import Report, Section
from .text import Normalised, sentences

PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"
GROUPS = ("on-time", "contents", "figures", "has-data", "checklist")
PROFILES = ("national", "shenzhen")
EXCERPT = "excerpt: the file holds only part of the report"
QUOTE_AROUND = 24  # characters of a long sentence kept each side of what was recognised
_YEAR = re.compile(r"(?<![\d-])((?:19|20)\d\d)年")
# A year in Chinese numerals (二〇二三年, 二零二四年), as headings sometimes write it.
_HAN_YEAR = re.compile(r"(?<![〇零一二三四五六七八九])([一二][〇零一二三四五六七八九]{3})年")
_HAN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


class Evidence:
    """Where a result was read: a section id ("" for the report's header) and a verbatim quote."""

    __slots__ = ("quote", "section")

    def __init__(self, section: str, quote: str) -> None:
        self.section, self.quote = section, quote

    def __repr__(self) -> str:
        return f"Evidence({self.section!r}, {self.quote!r})"


class Matcher:
    """Every pattern of ``all`` and none of ``none`` found in a folded text."""

    __slots__ = ("every", "none")

    def __init__(self, every: list[re.Pattern[str]], none: list[re.Pattern[str]]) -> None:
        self.every, self.none = every, none

    def first(self, text: str) -> re.Match[str] | None:
        """The match of the first pattern when the text is taken, else None."""
        found = [p.search(text) for p in self.every]
        if not found or any(m is None for m in found) or any(p.search(text) for p in self.none):
            return None
        return found[0]


class Rule:
    __slots__ = (
        "apart",
        "group",
        "headings",
        "id",
        "name",
        "params",
        "sentences",
        "source",
        "summary",
    )

    def __init__(self, data: dict[str, Any], file: str) -> None:
        where = f"{file}: rule {data.get('id', '?')!r}"
        try:
            self.id: str = data["id"]
            self.name: str = data["name"]
            self.group: str = data["group"]
            self.summary: str = data["summary"]
            self.source: dict[str, str] = dict(data["source"])
            self.headings = [_matcher(m) for m in data.get("headings", [])]
            self.sentences = [_matcher(m) for m in data.get("sentences", [])]
            # A part whose heading this rule takes is its own: other rules read no evidence
            # there (a plan to 压实第一责任人职责 is not how the duty was carried out).
            self.apart = bool(data.get("apart", False))
        except (KeyError, TypeError, re.error) as err:
            raise LawgovError(f"{where}: not a rule lawgov reads ({err})") from None
        if self.group not in GROUPS:
            raise LawgovError(f"{where}: unknown group {self.group!r}")
        self.params = {k: v for k, v in data.items() if k not in _RULE_KEYS}

    def __repr__(self) -> str:
        return f"Rule({self.id!r})"


_RULE_KEYS = frozenset(
    ("id", "name", "group", "summary", "source", "headings", "sentences", "apart")
)


class Profile:
    __slots__ = ("description", "id", "name", "rules")

    def __init__(self, id: str, name: str, description: str, rules: list[Rule]) -> None:
        self.id, self.name, self.description, self.rules = id, name, description, rules

    def rule(self, wanted: str) -> Rule:
        """The rule ``wanted``; an unknown id is an error naming the close ones."""
        for rule in self.rules:
            if rule.id == wanted:
                return rule
        import difflib  # only on this error path

        from .errors import shown

        ids = [r.id for r in self.rules]
        close = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.5)
        listed = f"the {self.id} profile's rules: {', '.join(ids)}"
        hint = f"did you mean {' or '.join(close)}? ({listed})" if close else listed
        raise LawgovError(f"no audit rule '{shown(wanted)}'", hint=hint)


class Result:
    __slots__ = ("detail", "evidence", "result", "rule")

    def __init__(self, rule: Rule, result: str, detail: str, evidence: list[Evidence]) -> None:
        self.rule, self.result, self.detail, self.evidence = rule, result, detail, evidence

    def __repr__(self) -> str:
        return f"Result({self.rule.id!r}, {self.result!r}, {self.detail!r})"


def _matcher(data: dict[str, list[str]]) -> Matcher:
    return Matcher(
        [re.compile(p) for p in data["all"]], [re.compile(p) for p in data.get("none", [])]
    )


@cache
def load_profile(name: str) -> Profile:
    """A profile shipped with lawgov (data/audit/NAME.toml), with the rules of the one it extends
    first."""
    import tomllib

    if name not in PROFILES:
        raise LawgovError(f"no audit profile '{name}'", hint=f"profiles: {', '.join(PROFILES)}")
    file = audit_profile_file(name)
    with open(file, "rb") as stream:
        data = tomllib.load(stream)
    head = data["profile"]
    rules = list(load_profile(head["extends"]).rules) if head.get("extends") else []
    rules += [Rule(item, os.path.basename(file)) for item in data.get("rules", [])]
    ids = [r.id for r in rules]
    if len(set(ids)) != len(ids):
        raise LawgovError(f"{os.path.basename(file)}: a rule id is given twice")
    return Profile(head["id"], head["name"], head.get("description", ""), rules)


def audit(report: Report, profile: Profile) -> list[Result]:
    """Every rule of ``profile`` applied to ``report``, in the profile's order."""
    from .audit_figures import Placed, figures_result, has_data_result, place

    year = reported_year(report)[0]
    parts = _parts_apart(report, profile, year)
    # The figures of a plans part are targets (力争办结1000件), not the year's: the figure and
    # has-data rules read the others.
    plans = {r.id for r in profile.rules if r.params.get("year") == "next"}
    future = {at for at, rules in parts.items() if rules & plans}
    stated = _without_parts(report, future)
    placed: list[Placed] | None = None
    out = []
    for rule in profile.rules:
        if rule.group == "on-time":
            out.append(on_time(report, rule))
        elif rule.group in ("contents", "checklist"):
            out.append(contents(report, rule, year, parts))
        elif rule.group == "figures":
            placed = place(stated) if placed is None else placed
            out.append(figures_result(stated, rule, placed))
        else:
            out.append(has_data_result(stated, rule, EXCERPT))
    return out


def _without_parts(report: Report, parts: set[str]) -> Report:
    """``report`` without the figures that stand in ``parts`` or inside them."""
    if not parts:
        return report
    import dataclasses

    kept = tuple(m for m in report.metrics if parts.isdisjoint(_ancestry(m.section)))
    return dataclasses.replace(report, metrics=kept)


def _ancestry(section: str) -> list[str]:
    """``section`` and the sections it is inside: 7.2.1, 7.2, 7."""
    out = [section]
    while "." in out[-1]:
        out.append(out[-1].rpartition(".")[0])
    return out


# On time


def on_time(report: Report, rule: Rule) -> Result:
    """Published before the deadline (``deadline = "MM-DD"``) of the year after the one reported
    on. No date: unknown. No year in the header: the year the title or opening sentence states,
    else unknown (a year guessed from the date would make the check answer itself)."""
    month, day = (int(part) for part in str(rule.params.get("deadline", "04-01")).split("-"))
    if report.date is None:
        return Result(rule, UNKNOWN, "the report states no publication date", [])
    year, evidence = reported_year(report)
    if year is None:
        return Result(
            rule,
            UNKNOWN,
            f"published {report.date}, but the report does not state the year it is on",
            [],
        )
    if report.date.year < year:
        # A report cannot be out before the year it reports on: the date or the year is wrong.
        detail = f"published {report.date}, before the year {year} it reports on: a wrong date?"
        return Result(rule, UNKNOWN, detail, evidence)
    deadline = dt.date(year + 1, month, day)
    days = (report.date - deadline).days
    if days < 0:
        detail = f"published {report.date}, before the deadline {deadline} for {year}"
        return Result(rule, PASS, detail, evidence)
    late = days + 1  # the deadline's own day is already late ("之前": before it)
    detail = (
        f"published {report.date}, {late} day{'s' if late != 1 else ''} late "
        f"(due before {deadline} for {year})"
    )
    return Result(rule, FAIL, detail, evidence)


def reported_year(report: Report) -> tuple[int | None, list[Evidence]]:
    """The year the report is on: its header's, else the year its title, or else its opening
    sentence, names (alone: a range such as 2023-2024年 names none), with where it was read."""
    if report.year is not None:
        return report.year, []
    found = _YEAR.search(report.title)
    if found:
        return int(found.group(1)), [Evidence("", report.title)]
    if report.sections and report.sections[0].id == "0":
        opening = report.sections[0].text
        first = sentences(opening)[:1]
        found = _YEAR.match(first[0][2]) if first else None
        if found:
            return int(found.group(1)), [Evidence("0", _short(first[0][2], 0, 5))]
    return None, []


# Contents and checklist items


def contents(
    report: Report, rule: Rule, year: int | None, parts: dict[str, set[str]] | None = None
) -> Result:
    """Pass with the sections whose heading the rule's ``headings`` take; else with the
    sentences its ``sentences`` take (a part with no heading of its own); else fail, or
    unknown for an excerpt. ``year``: the year reported on; ``parts``: the parts other rules
    set apart (their section id: the rules that took its heading), read by none else."""
    expected = _expected_year(rule, year)
    readable = [s for s in report.sections if not _in_part_of_another(s.id, rule, parts or {})]
    headings = _with_next_year(rule.headings, year, _NO_YEAR)
    shown: list[Evidence] = []
    for section in readable:
        heading = section.heading
        if heading and _takes(headings, heading, expected):
            shown.append(Evidence(section.id, heading))
    if shown:
        ids = ", ".join(e.section for e in shown[:3])
        return Result(rule, PASS, f"heading of section {ids}", shown[:3])
    sentence_matchers = _with_next_year(rule.sentences, year)
    for section in readable:
        for quote in _sentences_taken(sentence_matchers, section, expected):
            shown.append(Evidence(section.id, quote))
    if shown:
        ids = ", ".join(dict.fromkeys(e.section for e in shown[:3]))
        return Result(
            rule, PASS, f"in the text of section {ids}, with no heading of its own", shown[:3]
        )
    if rule.params.get("topic_parts"):
        found = _topic_parts(report, readable, expected)
        if found:
            ids = ", ".join(section.id for section, _ in found)
            figures = sum(n for _, n in found)
            detail = f"the year's work under headings of its own (parts {ids}), {figures} figures"
            return Result(rule, PASS, detail, [Evidence(s.id, s.heading) for s, _ in found[:3]])
    if report.excerpt:
        return Result(rule, UNKNOWN, f"not found; {EXCERPT}", [])
    return Result(rule, FAIL, "not found: no heading or sentence of the report covers it", [])


def _topic_parts(
    report: Report, readable: list[Section], expected: set[int] | None
) -> list[tuple[Section, int]]:
    """The report's parts headed by topic (一、坚持党的领导,统筹推进法治政府建设) that state
    figures, in them or their sections, with how many: the year's measures and results when
    no heading or sentence names them. Parts set apart (shortcomings, plans) are not among
    ``readable``; a part whose heading names another year is left out."""
    counts: dict[str, int] = {}
    for metric in report.metrics:
        top = _ancestry(metric.section)[-1]
        counts[top] = counts.get(top, 0) + 1
    return [
        (section, counts[section.id])
        for section in readable
        if "." not in section.id
        and section.id != "0"
        and section.heading
        and counts.get(section.id)
        and (expected is None or _years_in(Normalised(section.heading).text) <= expected)
    ]


def _expected_year(rule: Rule, year: int | None) -> set[int] | None:
    """The years a heading or sentence the rule takes may name: the year reported on
    (``year = "reported"``), the next (``"next"``), or either (a list of both)."""
    which = rule.params.get("year")
    if which is None or year is None:
        return None
    named = [which] if isinstance(which, str) else list(which)
    return {year + (1 if one == "next" else 0) for one in named}


def _years_in(text: str) -> set[int]:
    """The years a text names, in Arabic or Chinese numerals (2023年, 二〇二三年)."""
    years = {int(y) for y in _YEAR.findall(text)}
    return years | {int(y.translate(_HAN_DIGITS)) for y in _HAN_YEAR.findall(text)}


def _years_agree(text: str, expected: set[int] | None) -> bool:
    """A text that names years names an expected one (when they are known)."""
    if expected is None:
        return True
    years = _years_in(text)
    return not years or bool(years & expected)


_NO_YEAR = r"(?!)"  # a pattern that matches nothing


def _with_next_year(
    matchers: list[Matcher], year: int | None, unknown: str = r"(?:19|20)\d\d"
) -> list[Matcher]:
    """The matchers with ``{next}`` read as the year after the one reported on (``unknown``
    when that is unknown: any year for a sentence, which must also say 将 or 继续; nothing
    for a heading, where 一、2024年主要工作 would otherwise be taken for a plan)."""
    if not any("{next}" in p.pattern for m in matchers for p in m.every):
        return matchers
    following = str(year + 1) if year is not None else unknown
    return [
        Matcher([re.compile(p.pattern.replace("{next}", following)) for p in m.every], m.none)
        for m in matchers
    ]


def _parts_apart(report: Report, profile: Profile, year: int | None) -> dict[str, set[str]]:
    """The parts that rules marked ``apart`` (shortcomings, plans) take by their heading: each
    part's section id and the ids of the rules that took it."""
    parts: dict[str, set[str]] = {}
    for rule in profile.rules:
        if not rule.apart:
            continue
        expected, headings = (
            _expected_year(rule, year),
            _with_next_year(rule.headings, year, _NO_YEAR),
        )
        mixed = re.compile(str(rule.params.get("apart_unless", "$^")))
        for section in report.sections:
            heading = section.heading
            # 一、2024年工作成效和存在的不足: the year's work too, not a part of its own
            if (
                heading
                and _takes(headings, heading, expected)
                and not mixed.search(Normalised(heading).text)
            ):
                parts.setdefault(section.id, set()).add(rule.id)
    return parts


def _in_part_of_another(section: str, rule: Rule, parts: dict[str, set[str]]) -> bool:
    """``section`` is a part, or inside a part, that another rule took and this one did not."""
    return any((taken := parts.get(at)) and rule.id not in taken for at in _ancestry(section))


def _takes(matchers: list[Matcher], text: str, expected: set[int] | None) -> bool:
    """A heading the matchers take, every year it names one expected (二、2023年存在的不足和
    2025年工作计划 names an earlier year's shortcomings: not this report's)."""
    folded = Normalised(text).text
    if expected is not None and not _years_in(folded) <= expected:
        return False
    return any(m.first(folded) for m in matchers)


def _sentences_taken(
    matchers: list[Matcher], section: Section, expected: set[int] | None
) -> list[str]:
    if not matchers or not section.text:
        return []
    out = []
    for _, _, sentence in sentences(section.text):
        folded = Normalised(sentence)
        if not _years_agree(folded.text, expected):
            continue
        for matcher in matchers:
            found = matcher.first(folded.text)
            if found:
                start, end = folded.span(found.start(), max(found.end(), found.start() + 1))
                out.append(_short(sentence.strip(), start, end))
                break
    return out


def _short(sentence: str, start: int, end: int) -> str:
    """A short verbatim piece of ``sentence`` around [start, end)."""
    if len(sentence) > 2 * QUOTE_AROUND + (end - start):
        sentence = sentence[max(0, start - QUOTE_AROUND) : min(len(sentence), end + QUOTE_AROUND)]
    return sentence.strip(_CLAUSE_EDGES)


_CLAUSE_EDGES = " ,，、;；:："
