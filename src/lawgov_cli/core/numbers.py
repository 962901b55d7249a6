"""Chinese figures as reports write them: 12.88万余宗, 超500家, 2.3亿元, 97.52%, 两个, 一百二十人.

``parse_figure`` reads one figure exactly as written and returns its normalised value, its unit
and its qualifier. Arithmetic goes through ``Decimal`` so that 56630.99万元 becomes 566309900,
not 566309900.0000001. A figure in Traditional characters is read through its Simplified form
(``simplified.to_simplified``, one character for one): 12.88萬餘宗 reads as 12.88万余宗, and its
unit and qualifier come back Simplified, so the tables below need only the Simplified words.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from decimal import Decimal

from .model import Number

# Qualifiers say the stated number is a bound. Where they stand decides how they are read:
# before the number (超500家), right after it (800余件, 12.88万余宗) or after the unit (500家以上).
# Longer first where one begins another: 不超过 before 不超, 超过 before 超.
# What each qualifier means as a range is read in expr/intervals.py (QUALIFIER_READINGS).
QUALIFIERS_BEFORE: tuple[str, ...] = (
    *("不超过", "不超", "不少于", "不低于", "不到", "不足"),
    *("超过", "超", "逾", "近", "约"),
)
QUALIFIERS_AFTER_NUMBER = ("余", "多")
QUALIFIERS_AFTER_UNIT = ("以上", "以内", "以下", "左右", "余")

MULTIPLIERS = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "亿": 10**8, "万": 10**4, "千": 10**3}
# Units that begin with a multiplier character and must not be split: 5千克 is 5 kg, not 5000 克.
UNITS_STARTING_WITH_MULTIPLIER = ("千克", "千米", "千瓦时", "千瓦", "千伏", "千帕", "千字")

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
CN_DIGITS |= {"七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10**4, "亿": 10**8}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "十百千" + "".join(CN_BIG_UNITS)

# Half- or full-width digits, optional thousands separators and decimals: 1,200  12.88  １２
DIGITS = "0123456789\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19"
_D = "[0-9０-９]"
# A full-width comma separates thousands only between full-width digits (１，２３４): after
# ASCII digits it is the clause break it usually is.
_W = "[０-９]"
ARABIC_NUMBER = (
    f"{_D}{{1,3}}(?:,{_D}{{3}})+(?:[.．]{_D}+)?|{_W}{{1,3}}(?:\uff0c{_W}{{3}})+(?:[.．]{_W}+)?"
    f"|{_D}+(?:[.．]{_D}+)?"
)
_ARABIC = re.compile(ARABIC_NUMBER)
_CHINESE = re.compile(f"[{CN_NUMERAL_CHARS}]+")


class Figure(NamedTuple):
    value: Number
    unit: str
    qualifier: str


class FigureError(ValueError):
    """A string that is not a figure; the message names the position."""


def chinese_to_int(numeral: str) -> int:
    """十二 -> 12, 一百二十 -> 120, 两 -> 2, 三千零五 -> 3005, 一亿二千万 -> 120000000; a bare
    leading 百 千 万 亿 is one of it (千 -> 1000), as in 百余人 and 逾千件."""
    if not numeral or any(ch not in CN_NUMERAL_CHARS for ch in numeral):
        raise FigureError(f"not a Chinese numeral: {numeral!r}")
    total = section = digit = 0
    previous = ""
    if numeral[0] in "百千万亿":
        digit = 1  # 百余人 counts about one hundred
    for ch in numeral:
        if ch in CN_DIGITS:
            # 六二 is not a number (it reads as 6 then 2); 三千零五 is (零 marks the gap).
            if previous in CN_DIGITS and previous not in "零〇":
                raise FigureError(f"not a Chinese numeral: {numeral!r} (two digits in a row)")
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            # A bare 十 at the start means 一十 (十二 = 12).
            section += (digit or (1 if ch == "十" else 0)) * CN_SMALL_UNITS[ch]
            digit = 0
        elif CN_BIG_UNITS[ch] == 10**4:  # 万
            total += (section + digit) * 10**4
            section = digit = 0
        else:  # 亿
            total = (total + section + digit) * 10**8
            section = digit = 0
        previous = ch
    return total + section + digit


# No report states a figure of more digits (a 元 amount to the fen has about 15).
MAX_FIGURE_DIGITS = 30


def is_digit(char: str) -> bool:
    """A digit a figure is written with: 0-9 or ０-９. Not str.isdigit(), which is also true of
    ① and ², which no figure contains (①5家 is the figure 5家 after a list marker)."""
    return len(char) == 1 and char in DIGITS


def normalise_value(amount: Decimal) -> Number:
    """A whole amount becomes an int; anything else the nearest float."""
    if amount == amount.to_integral_value():
        return int(amount)
    return float(amount)


def _take(text: str, pos: int, options: tuple[str, ...]) -> str:
    return next((opt for opt in options if text.startswith(opt, pos)), "")


def parse_figure(figure: str) -> Figure:
    """Read one figure as written: ``12.88万余宗`` -> ``Figure(128800, "宗", "余")``, and
    ``12.88萬餘宗`` the same (unit and qualifier in Simplified characters)."""
    from decimal import Decimal, localcontext  # on first use: most runs read no figure text

    from .simplified import to_simplified  # OpenCC only for a figure in Traditional characters

    text = to_simplified(figure.strip())
    pos = 0
    qualifier = _take(text, pos, QUALIFIERS_BEFORE)
    pos += len(qualifier)

    percent_word = text.startswith("百分之", pos)
    if percent_word:
        pos += 3

    arabic = _ARABIC.match(text, pos)
    multiplier = 1
    if arabic:
        written = unicodedata.normalize("NFKC", arabic.group()).replace(",", "")
        # Python prints no int of over 4300 digits, and no report states one of over 30.
        if sum(ch.isdigit() for ch in written) > MAX_FIGURE_DIGITS:
            raise FigureError(f"a number of more than {MAX_FIGURE_DIGITS} digits is not a figure")
        amount = Decimal(written)
        pos = arabic.end()
    else:
        chinese = _CHINESE.match(text, pos)
        if not chinese:
            raise FigureError(f"{figure!r}: expected a number at position {pos}")
        numeral = chinese.group()
        # A Chinese numeral may swallow the start of a unit (五千克): give the unit back.
        for unit in UNITS_STARTING_WITH_MULTIPLIER:
            if text.startswith(unit, chinese.end() - 1) and len(numeral) > 1:
                numeral = numeral[:-1]
                break
        amount = Decimal(chinese_to_int(numeral))
        pos += len(numeral)

    after = _take(text, pos, QUALIFIERS_AFTER_NUMBER)
    pos += len(after)
    # A Chinese numeral carries its own 万 and 亿, except after its qualifier: 十余万人.
    if (arabic or after) and not _take(text, pos, UNITS_STARTING_WITH_MULTIPLIER):
        mult = next((m for m in MULTIPLIERS if text.startswith(m, pos)), "")
        multiplier = MULTIPLIERS.get(mult, 1)
        pos += len(mult)
    if not after:
        after = _take(text, pos, QUALIFIERS_AFTER_NUMBER)
        pos += len(after)
    qualifier = qualifier or after

    unit = text[pos:]
    trailing = next((q for q in QUALIFIERS_AFTER_UNIT if unit.endswith(q) and unit != q), "")
    if trailing:
        unit = unit[: -len(trailing)]
        qualifier = qualifier or trailing
    unit = unicodedata.normalize("NFKC", unit)
    if percent_word:
        if unit:
            raise FigureError(f"{figure!r}: 百分之 takes no unit, found {unit!r}")
        unit = "%"
    if any(ch.isdigit() for ch in unit):
        raise FigureError(f"{figure!r}: unexpected digits in unit {unit!r}")
    # Decimal's default 28 digits would round a 30-digit figure times 万亿: never round one.
    with localcontext() as exact:
        exact.prec = 2 * MAX_FIGURE_DIGITS
        value = normalise_value(amount * multiplier)
    return Figure(value, unit, qualifier)


def format_value(value: Number) -> str:
    """A value as shells and spreadsheets want it: 128800, 97.52 (never 128800.0 or 1e+08)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


CIRCLED_NUMBERS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# What stands around the numeral of an outline marker, after NFKC: 三、 (二) 3. 3、 一是.
_MARKER_EDGES = "()、.是 "


def marker_value(number: str) -> int | None:
    """The value an outline marker states (三、 (二) （二） 3. １． ① 一是 -> 3, 2, 2, 3, 1, 1,
    1), or None when it states none that can be read. NFKC reads ① as 1 and １ as 1."""
    text = unicodedata.normalize("NFKC", number).strip(_MARKER_EDGES)
    if text.isascii() and text.isdigit():
        # A marker of thousands of digits is none (and int() would refuse it).
        return int(text) if len(text) <= MAX_FIGURE_DIGITS else None
    try:
        return chinese_to_int(text)
    except FigureError:
        return None
