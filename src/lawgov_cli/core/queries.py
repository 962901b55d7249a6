"""Questions asked of a report: find a section, list a subtree, search text, select figures."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..system.os_text import has_undecodable
from .errors import PatternError, UnknownMetricError, UnknownSectionError
from .model import Hit, Match, Metric, Report, Section
from .numbers import CN_DIGITS, MULTIPLIERS, FigureError, chinese_to_int, marker_value
from .search_terms import UNREADABLE_HINT, Finder, compile_terms
from .text import Normalised, fold, fold_width, sentences

_CN = "".join(CN_DIGITS) + "十"
# 三 / 三、 / 三(二) / 三、(二) / 六一是 (after NFKC, so full-width brackets arrive half-width).
_CHINESE_REF = re.compile(rf"(?P<part>[{_CN}]+)、?(?:\((?P<sub>[{_CN}]+)\)|(?P<item>[{_CN}]+)是)?")
# A sub-section's number on its own: (二), or an item of a 一是/二是 run.
_BRACKETED = re.compile(rf"\((?P<sub>[{_CN}]+)\)|[{_CN}]+是")
# ASCII digits only: \d would take ٣ (Arabic-Indic) and ३ (Devanagari) for 3.
_CANONICAL = re.compile(r"[0-9]+(?:\.[0-9]+)*")


def section_index(report: Report) -> dict[str, Section]:
    return {section.id: section for section in report.sections}


def canonical_id(ref: str) -> str | None:
    """``三(二)`` -> ``3.2``, ``三`` -> ``3``, ``3.2`` -> ``3.2``; None if it is not an id form.
    Full-width forms (３.２, 三（二）) count as the ones they stand for; other look-alikes
    (③, ³, ٣) do not: NFKC would read each of them as 3."""
    text = re.sub(r"\s+", "", fold_width(ref))
    if _CANONICAL.fullmatch(text.removesuffix(".")):  # 3. as a list marker writes it
        text = text.removesuffix(".")
        # Leading zeros dropped as text: int() refuses a string of more than 4300 digits.
        return ".".join(part.lstrip("0") or "0" for part in text.split("."))
    found = _CHINESE_REF.fullmatch(text)
    if not found:
        return None
    parts = [found["part"], found["sub"] or found["item"]]
    try:
        return ".".join(str(chinese_to_int(part)) for part in parts if part)
    except FigureError:  # 六二: two numerals run together, not a number
        return None


def find_section(report: Report, ref: str) -> Section:
    """The section ``ref`` names (``3.2``, ``3``, ``三``, ``三(二)``), or UnknownSectionError."""
    index = section_index(report)
    written = _as_written(report, ref)  # 三(二): the (二) under the part written 三
    if len(written) == 1:
        return index[written[0]]
    if written:
        raise UnknownSectionError(
            f"section {ref!r} is ambiguous: the report numbers more than one section so",
            hint=f"use its id: {_or_list(written)}",
        )
    wanted = canonical_id(ref)
    if wanted is not None and wanted in index:
        return index[wanted]
    typed = fold_width(ref).strip()
    bare = _BRACKETED.fullmatch(typed)
    if bare:
        same = [s.id for s in report.sections if fold_width(s.number) == typed]
        if len(same) == 1:
            return index[same[0]]
        if same:
            raise UnknownSectionError(
                f"section {ref!r} is ambiguous: several parts have a {ref}",
                hint=f"name the part too, e.g. {_chinese_ref(report, same[0])}, or use one of "
                f"{_or_list(same)}",
            )
    hint = _suggest(report, wanted or ref.strip())
    numbered = [s.id for s in report.sections if s.number and fold_width(s.number) == typed]
    if wanted is None and numbered:  # ③: a number the report writes, but not one show reads
        hint = f"did you mean {_or_list(numbered)}? (numbered {typed} in the report)"
    run_together = re.fullmatch(f"([{_CN}])([{_CN}])", typed)
    if wanted is None and run_together:  # 六二 was probably meant as 六(二)
        part, sub = (chinese_to_int(x) for x in run_together.groups())
        if f"{part}.{sub}" in index:
            spelled = f"{run_together[1]}({run_together[2]})"
            hint = f"did you mean {spelled} ({part}.{sub})?"
    raise UnknownSectionError(f"no section {ref!r} in this report", hint=hint)


def _as_written(report: Report, ref: str) -> list[str]:
    """The ids of the sections numbered as ``ref`` writes them (三, 三(二), 六一是), found by
    their numbers, not their ids: a report whose numbering restarts or skips keeps ids in
    order, and what a reader types is what the page shows. [] for an id form (3.2)."""
    found = _CHINESE_REF.fullmatch(re.sub(r"\s+", "", fold_width(ref)))
    part = marker_value(found["part"]) if found else None
    if found is None or part is None:  # 六二 is not one number
        return []
    chosen = [s for s in report.sections if s.parent is None and marker_value(s.number) == part]
    child = found["sub"] or found["item"]
    if child:
        value = marker_value(child)
        parents = {s.id for s in chosen}
        item = found["item"] is not None
        chosen = [
            s
            for s in report.sections
            if s.parent in parents
            and s.number.endswith("是") == item
            and value is not None
            and marker_value(s.number) == value
        ]
    return [s.id for s in chosen]


def _chinese_ref(report: Report, sid: str) -> str:
    """How the report writes ``sid`` (三(二)), when ``show`` reads that back; else the id."""
    index = section_index(report)
    parent = index[sid].parent
    if parent not in index:
        return sid
    written = f"{index[parent].number}{index[sid].number}"
    return written if canonical_id(written) == sid else sid


def _or_list(items: list[str], most: int = 8) -> str:
    if len(items) > most:  # say that there are more rather than drop them quietly
        return ", ".join(items[:most]) + f" or one of {len(items) - most} more"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _suggest(report: Report, wanted: str) -> str:
    ids = [s.id for s in report.sections]
    parent = wanted.rpartition(".")[0]
    top = [sid for sid in ids if "." not in sid]
    if _CANONICAL.fullmatch(wanted) and not parent and top:
        return (
            f"the top-level sections are {top[0]} to {top[-1]} (`lawgov sections` lists them all)"
        )
    close = [sid for sid in ids if parent and sid.rpartition(".")[0] == parent]
    if not close:
        import difflib  # only on this error path: keeps start-up lean

        close = sorted(difflib.get_close_matches(wanted, ids, n=3, cutoff=0.5), key=ids.index)
    if close:
        return f"did you mean {_or_list(close)}? (`lawgov sections` lists them all)"
    return "`lawgov sections` lists the section ids"


def find_metric(report: Report, metric_id: str) -> Metric:
    """The figure with this id, or UnknownMetricError suggesting the closest ids."""
    for metric in report.metrics:
        if metric.id == metric_id:
            return metric
    raise UnknownMetricError(
        f"no metric {metric_id!r} in this report",
        hint=suggest_metric(metric_id, [m.id for m in report.metrics]),
    )


def suggest_metric(wanted: str, ids: list[str]) -> str:
    import difflib  # only on this error path: keeps start-up lean

    close = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.6)
    if not close:  # a right group with a wrong name: mediation.rate -> mediation.*
        group = wanted.partition(".")[0] + "."
        close = [i for i in ids if i.startswith(group)][:3]
    if close:
        return f"did you mean {_or_list(close)}? (`lawgov metrics` lists them all)"
    return "`lawgov metrics` lists the metric ids"


def subtree(report: Report, section_id: str) -> list[Section]:
    """The section and everything under it, in document order."""
    prefix = section_id + "."
    return [s for s in report.sections if s.id == section_id or s.id.startswith(prefix)]


def children(report: Report, section_id: str) -> list[Section]:
    return [s for s in report.sections if s.parent == section_id]


def metrics_of(report: Report, section_id: str) -> list[Metric]:
    return [m for m in report.metrics if m.section == section_id]


SORT_KEYS = ("section", "value", "id")


def stored_unit(unit: str) -> str | None:
    """万元 -> 元 (萬元 too): the unit a figure written in ``unit`` is stored in, when they
    differ."""
    folded = fold(unit).strip()
    multiplier = next((m for m in MULTIPLIERS if folded.startswith(m)), "")
    rest = folded[len(multiplier) :]
    return rest if multiplier and rest else None


def select_metrics(
    report: Report,
    *,
    section: str | None = None,
    unit: str | None = None,
    grep: str | None = None,
    sort: str = "section",
    desc: bool = False,
    indicator: str | None = None,
) -> list[Metric]:
    """Figures filtered by section subtree, unit, a text in label, quote or id, and canonical
    indicator (its id, exactly), then sorted.
    Unit and text are compared as search compares them (``text.fold``): full-width forms as
    half-width, Traditional characters as Simplified (``--unit 项`` finds a unit stored 項).

    ``section`` order is document order, which is also the order within a section.
    """
    chosen: Iterable[Metric] = report.metrics
    if section is not None:
        ids = {s.id for s in subtree(report, find_section(report, section).id)}
        chosen = [m for m in chosen if m.section in ids]
    return sort_metrics(
        filter_metrics(chosen, unit=unit, grep=grep, indicator=indicator), sort, desc
    )


def filter_metrics(
    chosen: Iterable[Metric],
    *,
    unit: str | None = None,
    grep: str | None = None,
    indicator: str | None = None,
) -> list[Metric]:
    """``chosen`` with the unit, text and indicator ``select_metrics`` asks for, in order."""
    for option, given in (("--unit", unit), ("--grep", grep)):
        if given is not None and has_undecodable(given):  # it could only match nothing
            raise PatternError(f"{option} '{given}' is not UTF-8 text", hint=UNREADABLE_HINT)
    if unit is not None:
        wanted_unit = fold(unit).strip()
        chosen = [m for m in chosen if fold(m.unit) == wanted_unit]
    if grep is not None:
        needle = fold(grep).strip().casefold()  # as search reads a term
        if not needle:
            raise PatternError("empty --grep text: it would match every figure")
        chosen = [
            m
            for m in chosen
            if needle in fold(m.label).casefold()
            or needle in fold(m.quote).casefold()
            or needle in m.id
        ]
    if indicator is not None:
        chosen = [m for m in chosen if m.indicator == indicator]
    return list(chosen)


def sort_metrics(metrics: list[Metric], sort: str, desc: bool) -> list[Metric]:
    """``metrics`` (in document order) by ``sort`` (SORT_KEYS), reversed with ``desc``."""
    result = list(metrics)
    if sort == "value":
        result.sort(key=lambda m: m.value)
    elif sort == "id":
        result.sort(key=lambda m: m.id)
    elif sort != "section":
        raise ValueError(f"unknown sort key {sort!r} (expected one of {', '.join(SORT_KEYS)})")
    if desc:
        result.reverse()
    return result


def search(
    report: Report,
    terms: list[str],
    *,
    regex: bool = False,
    all_terms: bool = False,
    section: str | None = None,
    context: int = 0,
) -> list[Hit]:
    """Sentences and headings that match any term (every term with ``all_terms``), in order.

    Matching folds full-/half-width forms (NFKC), Traditional characters as Simplified ones and
    Latin case; offsets are into the original.
    """
    patterns = compile_terms(terms, regex)
    scope = (
        subtree(report, find_section(report, section).id)
        if section is not None
        else report.sections
    )
    hits: list[Hit] = []
    for sec in scope:
        if sec.heading:
            matches = _matches(sec.heading, patterns, all_terms)
            if matches:
                hits.append(Hit(sec.id, sec.heading, sec.heading, matches, "heading"))
        units = sentences(sec.text)
        for i, (paragraph, offset, sentence) in enumerate(units):
            matches = _matches(sentence, patterns, all_terms)
            if not matches:
                continue
            if context:
                lo = i
                while lo > 0 and i - lo < context and units[lo - 1][0] == paragraph:
                    lo -= 1
                hi = i
                while hi + 1 < len(units) and hi - i < context and units[hi + 1][0] == paragraph:
                    hi += 1
                shift = offset - units[lo][1]
                offset = units[lo][1]
                sentence = "".join(u[2] for u in units[lo : hi + 1])
                matches = tuple(Match(m.start + shift, m.end + shift, m.text) for m in matches)
            hits.append(Hit(sec.id, sec.heading, sentence, matches, "text", offset))
    if not hits:
        _refuse_empty_matches(terms, patterns, scope)
    return _merge_overlapping(hits) if context else hits


def _refuse_empty_matches(
    terms: list[str], patterns: list[Finder], scope: Iterable[Section]
) -> None:
    """A regex whose only matches are empty (\\b, ^|$) finds places, not text: there is
    nothing to show, and "no hits" would be a lie."""
    texts = [fold(f"{s.heading}\n{s.text}") for s in scope]
    for term, pattern in zip(terms, patterns, strict=True):
        widths = {m.end() > m.start() for text in texts for m in pattern.finditer(text)}
        if widths == {False}:
            raise PatternError(
                f"regex {term!r} matches only empty strings (such as \\b alone): nothing to show"
            )


def _merge_overlapping(hits: list[Hit]) -> list[Hit]:
    """Join hits whose context windows overlap, so that no sentence is shown twice (as ripgrep
    joins overlapping context)."""
    merged: list[Hit] = []
    for hit in hits:
        last = merged[-1] if merged else None
        if (
            last is None
            or (last.section, last.where) != (hit.section, hit.where)
            or hit.offset > last.offset + len(last.text)
        ):
            merged.append(hit)
            continue
        shift = hit.offset - last.offset
        text = last.text + hit.text[last.offset + len(last.text) - hit.offset :]
        moved = tuple(Match(m.start + shift, m.end + shift, m.text) for m in hit.matches)
        matches = tuple(dict.fromkeys(last.matches + moved))
        merged[-1] = Hit(last.section, last.heading, text, matches, last.where, last.offset)
    return merged


def hit_counts(hits: list[Hit]) -> list[tuple[str, str, int]]:
    """(section id, heading, number of hits) for each section with hits, in document order."""
    counts: dict[str, tuple[str, int]] = {}
    for hit in hits:
        heading, n = counts.get(hit.section, (hit.heading, 0))
        counts[hit.section] = (heading, n + 1)
    return [(sid, heading, n) for sid, (heading, n) in counts.items()]


def _matches(
    text: str, patterns: list[Finder], all_terms: bool, folded: Normalised | None = None
) -> tuple[Match, ...]:
    """The matches in ``text`` (``folded``: ``Normalised(text)``, when the caller has it)."""
    folded = folded or Normalised(text)
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        found = [m.span() for m in pattern.finditer(folded.text) if m.end() > m.start()]
        if all_terms and not found:
            return ()
        spans += (folded.span(*span) for span in found)
    return matches_at(text, spans)


def matches_at(text: str, spans: list[tuple[int, int]]) -> tuple[Match, ...]:
    """``Match``es of ``text`` at ``spans`` (start, end), overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        # Overlapping matches are one stretch to highlight; matches that only touch (调解|成功率)
        # stay two, so that --json counts each term's matches.
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(Match(start, end, text[start:end]) for start, end in merged)
