"""Find the quantitative figures in report text: 800余件, 超500家, 12.88万余宗, 两个, 97.52%.

``find_figures(text)`` scans a passage (one section's text, or a whole page) and returns every
figure in document order, each with the clause it comes from and a suggested label. Value, unit
and qualifier come from ``numbers.parse_figure``, the project's one reading of a figure, so what is
found here reads back exactly as curated data stores it.

Text in Traditional characters is read in its Simplified form, character for character
(``core.simplified``): the rules below name Simplified words only, and find 12.88萬餘宗 and 兩個
as they find 12.88万余宗 and 两个.

A figure is, with nothing in between::

    [qualifier] number [余|多] [multiplier] [余|多] UNIT [以上|左右]

- number: Arabic (``1,056``, ``12.88``, full-width ``１２`` and ``１，２３４``), a Chinese
  numeral (十二, 两, 一百二十) or ``百分之`` + number (a percentage, no unit follows it;
  百分之百 is 100%);
- qualifier before: 超过 超 逾 近 约; after the number or multiplier: 余 多 (one of
  the two places); after the unit: 以上 以内 以下 左右 (the 余 ``parse_figure`` also reads
  there is not sought);
- multiplier (Arabic numbers, or a Chinese numeral after its 余 or 多: 十余万人; otherwise a
  Chinese numeral carries its own 万 and 亿): 万 亿 千 and the other keys of
  ``numbers.MULTIPLIERS``;
- UNIT: one of ``UNITS``, longest first (人次 before 人, 个百分点 before 个); 大 only right after
  Arabic digits (5大基础库 is a figure, 二十大 is not).

Not figures:

- anything overlapping a quoted name or title, “…” ‘…’ 「…」 『…』 《…》 〈…〉: “五个一”,
  《…20条》 (marks nest; one left open at the end of a line is ignored), or a political set
  phrase of ``SET_PHRASES``, quoted or not (三项制度, 两个维护, 四个意识, 八项规定);
- an ordinal, a number after 第 (第三次, 第五批); a vague or per-unit amount, a number after
  数, 几 or 每 (数十家, 每三个月);
- a number glued to Latin letters or other digits: a run such as ``2023-2024``, ``9:30``,
  ``0000-5550123`` or ``1.2.3`` is taken whole and is never a number, so no part of it is a figure;
- years, dates, document numbers, versions and hotlines need no rule of their own: 年 月 日 号 届 版
  and the like are not units, and 〔2023〕15号, 3.0版, 12345热线 have none;
- a Chinese numeral that ``numbers.chinese_to_int`` rejects (八五, 十四五) or that does not start
  with a digit or 十 (百家, 千万家, 万人: words, not amounts), unless a qualifier makes a leading
  百 千 万 a round amount (百余人, 千余人次, 逾千件, 近百个, 超千户);
- a figure whose number is the single character 一: there 一 is nearly always an article
  (一个平台, 一批, 一次性), not a count. 百分之一 is kept.

A qualifier that ends a common word is not read as one: 节约500万元 is the figure 500万元 and
签约12家 is 12家 (see ``NOT_QUALIFIER_WORDS``).

Each figure's ``quote`` is its clause (of a clause over 100 characters, the part from the
figure before it) and its ``label`` a suggestion a curator will edit: both come from
``labels.py`` (``clause_bounds``, ``quote_bounds``, ``label_span``). When the clause names
nothing but the figure (全年受理行政复议案件，共计120件), the label comes from an earlier clause of
the sentence (``earlier_label``) and the quote reaches back to include it; when no clause names
it, the label is empty ("") and the importer gives one of its own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..core.model import Number
from ..core.numbers import (
    ARABIC_NUMBER,
    CN_NUMERAL_CHARS,
    MULTIPLIERS,
    QUALIFIERS_AFTER_NUMBER,
    QUALIFIERS_BEFORE,
    FigureError,
    chinese_to_int,
    is_digit,
    parse_figure,
)
from ..core.numbers import (
    QUALIFIERS_AFTER_UNIT as NUMBER_QUALIFIERS_AFTER_UNIT,
)
from ..core.simplified import to_simplified
from .labels import (
    CLAUSE_BREAK,
    DIGITS,
    NOT_QUALIFIER_WORDS,
    clause_bounds,
    earlier_label,
    label_span,
    quote_bounds,
)

# What a figure may count; % and ％ are both read. Text in Traditional characters is read in its
# Simplified form (find_figures), so 項, 個百分點 and 萬元 are found as 项, 个百分点 and 万元.
# The pattern tries longer units first: 人次 before 人, 个百分点 before 个.
UNITS = (
    "人次", "场次", "户次", "家次", "件次", "批次", "个百分点", "个工作日", "工作日", "个月",
    "平方米", "平方公里", "公里", "千米", "万元", "亿元", "元", "%", "％", "名", "人", "次",
    "件", "宗", "份", "场", "家", "个", "项", "类", "期", "瓶", "条", "户", "所", "起", "篇",
    "批", "部门", "部", "台", "辆", "处", "座", "套", "本", "册", "张", "种", "卷", "亩", "吨",
    "公斤", "千克", "倍", "天", "小时", "课时", "学时", "门", "位", "支", "队", "节", "单", "例",
    "轮次", "轮", "堂", "组", "班", "间", "栋", "幢", "块", "棵", "株", "立方米", "米",
)  # fmt: skip
# 大 counts only right after Arabic digits: 5大基础库, 12大应用场景 (but 二十大, 十大 are names).
ARABIC_ONLY_UNITS = ("大",)
# After the unit: 以上, 以内, 以下, 左右 (numbers.py also reads 余 there: rare, not sought).
QUALIFIERS_AFTER_UNIT = tuple(q for q in NUMBER_QUALIFIERS_AFTER_UNIT if q != "余")

# Chinese numerals that are amounts start with a digit or 十; 百家, 千万家, 万人 are words.
CN_LEADING_CHARS = "一二两三四五六七八九十"
# ...unless a qualifier makes them a round amount: 百余人, 千余家, 万余名, 逾百份, 近百个, 超千户.
ROUND_LEADING_CHARS = "百千万"
# A lone 一 is an article (一个平台, 一批, 一次办结), not a count.
ARTICLE = "一"
_DIGITS = DIGITS
_ALNUM = _DIGITS + "A-Za-zＡ-Ｚａ-ｚ"
# Characters that join digit runs into one token: 2023-2024, 9:30, 1.2.3, 3~5.
_JOINERS = re.escape("-/:.．,+~～_—–")
# What a number may not follow: a digit or letter (it would be part of a longer token), the
# ordinal 第, or 数 几 每, which make an amount vague (数十家) or a rate's denominator (每三个月).
_BARRED_BEFORE_NUMBER = f"{_ALNUM}第数几每"
_CN = CN_NUMERAL_CHARS


# Not mutated (mutmut's pragma below): the patterns below call it while the module loads, where
# mutmut's setup check (every mutated function raising) fails the import of every test file that
# imports this module, and no mutant of it could be switched on after the module has loaded.
def _either(options: Iterable[str]) -> str:  # pragma: no mutate block
    """A regex alternation that tries the longest option first."""
    return "|".join(re.escape(opt) for opt in sorted(set(options), key=len, reverse=True))


_Q_BEFORE = _either(QUALIFIERS_BEFORE)
_Q_AFTER_NUMBER = _either(QUALIFIERS_AFTER_NUMBER)
_MULT = _either(MULTIPLIERS)
_UNIT = _either(UNITS)
_TAIL = f"(?:{_either(QUALIFIERS_AFTER_UNIT)})?"
# One qualifier at most between number and unit, before or after the multiplier (3千余人, 3余万元).
_ARABIC_MIDDLE = f"(?:(?:{_Q_AFTER_NUMBER})(?:{_MULT})?|(?:{_MULT})(?:{_Q_AFTER_NUMBER})?)?"

# Guards against a longer token: a Chinese numeral is taken whole (八五 is never 五).
_CN_START = f"(?<![{_CN}{_BARRED_BEFORE_NUMBER}])"
_ARABIC_START = f"(?<![{_BARRED_BEFORE_NUMBER}])(?<![{_ALNUM}][{_JOINERS}])"
_PERCENT_WORD_FIGURE = (
    f"{_CN_START}百分之(?P<percent>(?:{ARABIC_NUMBER})|[{_CN}]+)(?:{_Q_AFTER_NUMBER})?"
)
_ARABIC_FIGURE = (
    f"{_ARABIC_START}(?P<arabic>{ARABIC_NUMBER})"
    f"(?:{_either(ARABIC_ONLY_UNITS)}|{_ARABIC_MIDDLE}(?:{_UNIT}){_TAIL})"
)
_CHINESE_FIGURE = (
    f"{_CN_START}(?P<chinese>[{_CN}]+)(?:(?P<cn_after>{_Q_AFTER_NUMBER})(?:{_MULT})?)?"
    f"(?:{_UNIT}){_TAIL}"
)
FIGURE_PATTERN = re.compile(
    f"(?P<before>{_Q_BEFORE})?(?:{_PERCENT_WORD_FIGURE}|{_ARABIC_FIGURE}|{_CHINESE_FIGURE})"
)

# Quote marks that enclose names and titles, opening -> closing.
QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "〈": "〉"}
# Political set phrases are names even when unquoted: 三项制度 is not 3 items, 两个维护 not 2.
# A short list of the ones annual reports use; anything else a curator removes by hand.
SET_PHRASES = (
    "三项制度", "两个维护", "两个确立", "四个意识", "四个自信", "四个全面", "两个责任", "三个代表",
    "五位一体", "八项规定", "两个一百年", "两个结合", "三个务必", "两个毫不动摇", "三个区分开来",
    "两轮驱动",
)  # fmt: skip
_SET_PHRASE = re.compile(_either(SET_PHRASES))
_QUOTE_MARK = re.compile("[" + "".join(QUOTE_PAIRS) + "".join(QUOTE_PAIRS.values()) + "\n]")


@dataclass(frozen=True, slots=True)
class Found:
    """One figure found in a text: ``text[start:end] == figure``."""

    start: int
    end: int
    figure: str
    value: Number
    unit: str
    qualifier: str
    quote: str
    label: str


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int


class _Spans:
    """Sorted, merged character ranges with a fast overlap test."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def overlaps(self, start: int, end: int) -> bool:
        # Only the last range starting before ``end`` can reach into [start, end).
        at = bisect.bisect_left(self._starts, end) - 1
        return at >= 0 and self._ends[at] > start


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Ranges enclosed in quote marks or title marks, marks included; nesting is allowed.

    A mark left open at the end of a line is dropped: quotes do not run across paragraphs, and a
    stray mark must not hide the rest of the text."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[int, str]] = []  # (where it opened, the mark that closes it)
    for mark in _QUOTE_MARK.finditer(text):
        char, at = mark.group(), mark.start()
        if char == "\n":
            stack.clear()
        elif char in QUOTE_PAIRS:
            stack.append((at, QUOTE_PAIRS[char]))
        else:
            # Close the innermost open mark this one closes; an unmatched closer is ignored.
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][1] == char:
                    spans.append((stack[depth][0], at + 1))
                    del stack[depth:]
                    break
    return spans


def _valid_chinese_number(numeral: str, leading: str = CN_LEADING_CHARS) -> bool:
    if numeral[0] not in leading:
        return False
    try:
        chinese_to_int(numeral)
    except FigureError:
        return False
    return True


def _number_is_acceptable(match: re.Match[str], qualified: bool) -> bool:
    """``qualified``: a qualifier before the number is part of the figure (not 最近)."""
    if match.group("arabic") is not None:
        return True
    percent = match.group("percent")
    if percent is not None:
        return is_digit(percent[0]) or percent == "百" or _valid_chinese_number(percent)
    numeral = match.group("chinese")
    if numeral[0] in ROUND_LEADING_CHARS and (qualified or match.group("cn_after")):
        return _valid_chinese_number(numeral, ROUND_LEADING_CHARS)
    return numeral != ARTICLE and _valid_chinese_number(numeral)


def _figure_start(text: str, match: re.Match[str]) -> int:
    """Where the figure starts: a qualifier that ends a word (节约, 最近) is left out."""
    before = match.group("before")
    if before and text[match.start() - 1 : match.start()] + before in NOT_QUALIFIER_WORDS:
        return match.start() + len(before)
    return match.start()


def _figure_spans(text: str) -> Iterator[_Span]:
    set_phrases = [m.span() for m in _SET_PHRASE.finditer(text)]
    quoted = _Spans([*quoted_spans(text), *set_phrases])
    pos = 0
    while (match := FIGURE_PATTERN.search(text, pos)) is not None:
        start, end = _figure_start(text, match), match.end()
        qualified = bool(match.group("before")) and start == match.start()
        if _number_is_acceptable(match, qualified) and not quoted.overlaps(start, end):
            yield _Span(start, end)
            pos = end
        else:
            # A rejected match may hide nothing but a later start: try again one step on.
            pos = match.start() + 1


class QuotesTooLong(Exception):
    """The figures' quotes together run past the budget ``find_figures`` was given."""


# The least a figure adds to its report's TOML besides its strings: "[[metrics]]", eight keys,
# quotes and line ends (about 95 bytes). With the quote, label and figure (each at least one
# byte a character), a lower bound on what the figure costs a report file.
TOML_KEYS_PER_FIGURE = 90


def room_taken(found: Found) -> int:
    """What ``found`` takes of a report file at the least, in bytes (see find_figures)."""
    return TOML_KEYS_PER_FIGURE + len(found.quote) + len(found.label) + len(found.figure)


def find_figures(text: str, quote_budget: int | None = None) -> list[Found]:
    """Every quantitative figure in ``text``, in order; see the module docstring for the rules.

    Text in Traditional characters is read in its Simplified form (``to_simplified``, one
    character for one, so every offset holds in both): 12.88萬餘宗 is found as 12.88万余宗 would
    be, its unit and qualifier are Simplified (宗, 余), and its figure, quote and label are
    taken from ``text`` as written.

    Each figure quotes its clause (a long one from the figure before it: quote_bounds), so the
    quotes of a clause crowded with figures overlap. ``quote_budget`` bounds what the figures
    take of a report file at the least (``room_taken``; QuotesTooLong past it): a source too
    dense to fit is refused while it is read, not after its whole report is made."""
    read = to_simplified(text)
    spans = list(_figure_spans(read))
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(read)]
    found: list[Found] = []
    quoted = 0
    clauses: dict[int, tuple[int, int]] = {}  # the last clause seen, by the break ending it
    for index, span in enumerate(spans):
        try:
            parsed = parse_figure(read[span.start : span.end])
        except FigureError:  # cannot happen for what the pattern accepts; never guess a value
            continue
        # Figures come in order: the next one is often in the same clause, found once.
        ending = bisect.bisect_left(breaks, span.start)
        if ending not in clauses:
            clauses = {ending: clause_bounds(read, breaks, span.start)}
        clause_start, clause_end = clauses[ending]
        previous_end = spans[index - 1].end if index else 0
        next_start = spans[index + 1].start if index + 1 < len(spans) else len(text)
        start, end = max(clause_start, previous_end), min(clause_end, next_start)
        label = label_span(read, (start, span.start), (span.end, end))
        if label is None:  # 全年受理行政复议案件，共计120件: the clause before names it
            label, earlier_start = earlier_label(read, breaks, clause_start, previous_end)
            if label is not None:  # the quote reaches back to it, to show what the label says
                clause_start, start = earlier_start, earlier_start
        if label is not None and read[label[0] : label[1]] in read[start : span.end]:
            end = span.end  # named before it: what follows belongs to the next figure
        quote_start, quote_end = quote_bounds(read, (clause_start, clause_end), (start, end))
        labelled = label[1] - label[0] if label else 0
        quoted += TOML_KEYS_PER_FIGURE + (quote_end - quote_start) + labelled
        quoted += span.end - span.start  # the figure
        if quote_budget is not None and quoted > quote_budget:
            raise QuotesTooLong(quoted)
        found.append(
            Found(
                start=span.start,
                end=span.end,
                figure=text[span.start : span.end],
                value=parsed.value,
                unit=parsed.unit,
                qualifier=parsed.qualifier,
                quote=text[quote_start:quote_end],
                label=text[label[0] : label[1]] if label else "",
            )
        )
    return found
