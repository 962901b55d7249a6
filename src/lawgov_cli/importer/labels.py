"""Quotes and labels for figures found in report text: the clause a figure comes from
(``clause_bounds``) and a short label of what it counts (``label_span``), a suggestion a curator
will edit. Word lists here are shared with ``figures``, which finds the figures. Both read text
in Simplified characters (``figures.find_figures`` reads Traditional text in its Simplified
form) and give offsets, so that quote and label are taken from the text as written."""

from __future__ import annotations

import bisect
import re

# Words ending in a qualifier character that are not qualifiers: 节约500万元 saves 500万元.
NOT_QUALIFIER_WORDS = frozenset((
    "节约", "签约", "制约", "履约", "违约", "预约", "集约", "特约", "公约", "最近", "附近", "邻近",
    "靠近", "就近", "赶超",
))  # fmt: skip
LABEL_MAX = 30
# A clause longer than this is not quoted whole for each of its figures (see quote_bounds).
QUOTE_MAX = 100
# Stripped from the start of a label (filler) and from its end (words linking it to the figure).
LABEL_LEADING_FILLERS = (
    "共计", "累计", "合计", "总计", "全年", "其中", "今年", "同比", "共", "均", "已",
)  # fmt: skip
LABEL_TRAILING_LINKS = (
    "达到", "累计", "共计", "合计", "总计", "达", "为", "共", "约", "超", "近", "均",
)  # fmt: skip
# Words that end in a link character but are part of what is counted: 行为 keeps its 为.
LABEL_KEPT_ENDINGS = NOT_QUALIFIER_WORDS | frozenset((
    "行为", "作为", "成为", "认为", "传达", "下达", "送达", "到达", "公共", "人均", "平均",
))  # fmt: skip
# Trimmed from both ends of a label, with every kind of space (str.isspace): list commas and
# dashes, and the zero-width characters web pages scatter through text.
LABEL_EDGE_CHARS = "、,，·—-\u200b\u200c\u200d\u2060\ufeff"

# Digits, half- and full-width, as character-class ranges (figures.py reads them too).
DIGITS = "0-9０-９"
# Clause breaks. A comma between digits is a thousands separator (1,056, １，２３４), not a break.
CLAUSE_BREAK = re.compile(
    f"[。；;：:！!？?\\r\\n]|(?<![{DIGITS}]),|,(?![{DIGITS}])|(?<![０-９])，|，(?![０-９])"
)
# Breaks inside a sentence: a clause after one may name what the clause before it counts
# (全年受理行政复议案件，共计120件). The others (。；！？ and line ends) end the sentence.
SOFT_BREAKS = ",，:："
OPEN_BRACKETS, CLOSE_BRACKETS = "(（", ")）"
_OPEN_BRACKET = re.compile(f"[{OPEN_BRACKETS}]")


def clause_bounds(text: str, breaks: list[int], start: int) -> tuple[int, int]:
    """The clause holding position ``start``: text between breaks (。；;，,：:！!？? and line
    breaks; a comma between digits is a thousands separator), trimmed of spaces, and of an
    opening bracket it starts with or a closing bracket it ends with when that one is unmatched.
    ``breaks`` holds the offsets of the breaks in ``text``, ascending."""
    at = bisect.bisect_left(breaks, start)
    clause_start = breaks[at - 1] + 1 if at else 0
    clause_end = breaks[at] if at < len(breaks) else len(text)
    while clause_start < clause_end and text[clause_start].isspace():
        clause_start += 1
    while clause_end > clause_start and text[clause_end - 1].isspace():
        clause_end -= 1
    clause = text[clause_start:clause_end]
    opened = sum(clause.count(b) for b in OPEN_BRACKETS)
    closed = sum(clause.count(b) for b in CLOSE_BRACKETS)
    if clause.startswith(tuple(OPEN_BRACKETS)) and opened > closed:
        clause_start += 1
    elif clause.endswith(tuple(CLOSE_BRACKETS)) and closed > opened:
        clause_end -= 1
    return clause_start, clause_end


def quote_bounds(text: str, clause: tuple[int, int], segment: tuple[int, int]) -> tuple[int, int]:
    """Where a figure's quote starts and ends: its ``clause`` (from ``clause_bounds``), or,
    when that is longer than QUOTE_MAX, the ``segment`` of it that holds the figure and its
    label (from the figure before it to the figure, or to the next figure when the label
    follows), without edge punctuation. A list of hundreds of figures in one clause (…15件、
    印发14件、…) would otherwise repeat the whole clause for each: quadratic in time and size."""
    if clause[1] - clause[0] <= QUOTE_MAX:
        return clause
    return trimmed_span(text, max(clause[0], segment[0]), min(clause[1], segment[1]))


def _is_edge(char: str) -> bool:
    return char in LABEL_EDGE_CHARS or char.isspace()


def trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` without edge punctuation and spaces at either end, as offsets."""
    while start < end and _is_edge(text[start]):
        start += 1
    while end > start and _is_edge(text[end - 1]):
        end -= 1
    return start, end


# The helpers below move offsets rather than slice again and again: a clause may be a megabyte
# of 共共共… or （（（…, and each figure's label must cost time in proportion to its own text.
# Offsets also let find_figures read a label in the Simplified form of the text and take it
# from the text as written.


def _after_fillers(text: str, start: int, end: int) -> int:
    """Where ``text[start:end]`` starts without edge punctuation and filler words (共, 累计,
    全年…) at its start, dropped repeatedly."""
    while True:
        start, _ = trimmed_span(text, start, end)
        word = next((w for w in LABEL_LEADING_FILLERS if text.startswith(w, start, end)), "")
        if not word:
            return start
        start += len(word)


def _before_links(text: str, start: int, end: int) -> int:
    """Where ``text[start:end]`` ends without edge punctuation and linking words (达, 为…) at
    its end, dropped repeatedly; 行为 keeps its 为."""
    while True:
        _, end = trimmed_span(text, start, end)
        word = next((w for w in LABEL_TRAILING_LINKS if text.endswith(w, start, end)), "")
        if not word or text[max(start, end - 2) : end] in LABEL_KEPT_ENDINGS:
            return end
        end -= len(word)


def _last_open_bracket(text: str, start: int, end: int) -> int:
    """Where the last bracket of ``text[start:end]`` left unclosed is, or -1."""
    depth = 0
    for at in range(end - 1, start - 1, -1):
        if text[at] in CLOSE_BRACKETS:
            depth += 1
        elif text[at] in OPEN_BRACKETS:
            if depth == 0:
                return at
            depth -= 1
    return -1


def _label_before(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The label ``text[start:end]`` gives: from its last unclosed bracket on ((全市共10人 is
    labelled 全市), or, when that leaves less than 2 characters, from the text before the
    bracket (办理案件（共120件） is labelled 办理案件); None when none has 2 characters."""
    while True:
        bracket = _last_open_bracket(text, start, end)
        label_start = _after_fillers(text, start if bracket < 0 else bracket + 1, end)
        label_end = _before_links(text, label_start, end)
        if label_end - label_start >= 2:
            return label_start, label_end
        if bracket < 0:
            return None
        end = bracket


_LIST_BOUNDARY = re.compile("[、和及与,\uff0c]")


def _shortened(text: str, label_start: int, label_end: int) -> tuple[int, int]:
    """The label's last part, cut after a list boundary so that it is at most LABEL_MAX long;
    the whole label when no boundary allows that: a long label beats half a word."""
    if label_end - label_start <= LABEL_MAX:
        return label_start, label_end
    start, end = trimmed_span(text, label_start, label_end)
    for boundary in _LIST_BOUNDARY.finditer(text, start, end):
        # The part after this boundary, edge characters skipped: it only shrinks as we go.
        start, _ = trimmed_span(text, max(start, boundary.end()), end)
        if end - start < 2:
            break
        if end - start <= LABEL_MAX:
            return start, end
    return label_start, label_end


def label_span(
    text: str, before: tuple[int, int], after: tuple[int, int]
) -> tuple[int, int] | None:
    """Where the label of a figure is in ``text``: a short name of what it counts, from the
    clause text around it, or None.

    ``before`` runs from the clause start (or the previous figure in the clause) to the figure,
    ``after`` from the figure to the clause end (or the next figure). The label is ``before``
    (from its last unclosed bracket on, or before that bracket if nothing is left) without
    leading filler (共, 累计, 全年…) and trailing links (达, 为…), shortened to 30 characters at a
    list boundary (、和及与) if it is longer, never inside a word; if that leaves fewer than 2
    characters, ``after`` up to an opening bracket, its first 30. If that is shorter than 2
    characters too, there is none: one character (办, 有) never names what is counted;
    ``earlier_label`` looks further back, and import has a placeholder."""
    found = _label_before(text, *before)
    if found is not None:
        return _shortened(text, *found)
    bracket = _OPEN_BRACKET.search(text, *after)
    start, end = trimmed_span(text, after[0], bracket.start() if bracket else after[1])
    return (start, min(end, start + LABEL_MAX)) if end - start >= 2 else None


def make_label(before: str, after: str) -> str:
    """The label ``label_span`` finds between ``before`` and ``after``, or ""."""
    text = before + after
    found = label_span(text, (0, len(before)), (len(before), len(text)))
    return text[found[0] : found[1]] if found else ""


def earlier_label(
    text: str, breaks: list[int], clause_start: int, floor: int
) -> tuple[tuple[int, int] | None, int]:
    """(where the label is, where its clause starts) for a figure whose own clause gives none:
    from the nearest clause before ``clause_start`` in the same sentence that gives one (the
    clauses in between are joined by , ， : ：), as ``label_span`` reads text before a figure;
    (None, -1) when there is none. A clause reaching back before ``floor`` (the previous
    figure's end) holds a figure of its own: it names that one, so the search stops there."""
    at = bisect.bisect_left(breaks, clause_start) - 1
    while at >= 0 and text[breaks[at]] in SOFT_BREAKS:
        start, end = clause_bounds(text, breaks, breaks[at])
        if start < floor:
            break
        found = label_span(text, (start, end), (end, end))
        if found:
            return found, start
        at -= 1
    return None, -1
