"""Traditional characters read as Simplified ones, one character for one: 復議 -> 复议.

Reports are published in both scripts (mirror sites carry Traditional copies), so lawgov
compares text across them by folding both sides to Simplified: a search term and the text it is
looked for in, ``--unit`` and ``--grep`` and the figures' fields, a figure and the unit and
qualifier stored for it. The folding is OpenCC's t2s conversion applied to each character
alone, so a text keeps its length and an offset into the folded text is an offset into the
original: search reports its hits in the text as written. OpenCC's phrase tables are not used:
a phrase may convert otherwise than its characters do alone, and a term would then not fold
the way the same characters fold inside the text.

OpenCC is imported only for a text holding a character that t2s changes (``traditional_chars``,
a list made from OpenCC itself by tools/make_traditional_chars.py): a Simplified report and a
Simplified term never load it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from .errors import LawgovError


@cache
def _traditional() -> frozenset[str]:
    from .traditional_chars import CHARACTERS

    return frozenset("".join(CHARACTERS))


def has_traditional(text: str) -> bool:
    """Whether ``text`` holds a character that reads otherwise in Simplified (復, 萬, 項)."""
    return not _traditional().isdisjoint(text)


def to_simplified(text: str) -> str:
    """``text`` with each Traditional character as its Simplified one, character for character:
    the same length, the same offsets (12.88萬餘宗 -> 12.88万余宗, 行政複議 -> 行政复议)."""
    if not has_traditional(text):
        return text
    return text.translate(_table())


@cache
def _table() -> dict[int, int]:
    """OpenCC's t2s of each character of the list alone, where it gives one other character."""
    try:
        import opencc

        converter = opencc.OpenCC("t2s.json")
    except Exception as err:  # not installed, or an install missing its dictionaries
        raise LawgovError(
            f"cannot read Traditional characters: OpenCC is not usable ({err})",
            hint="reinstall lawgov, which installs the opencc package",
        ) from None
    chars = sorted(_traditional())
    return {
        ord(char): ord(converted)
        for char, converted in zip(chars, each_alone(converter.convert, chars), strict=True)
        if len(converted) == 1 and converted != char
    }


def each_alone(convert: Callable[[str], str], chars: list[str]) -> list[str]:
    """``convert`` applied to each of ``chars`` alone. One call on the characters a line each
    is what OpenCC does with them one by one (no phrase of its holds a line break) at a sixth of
    the cost (1 ms against 7); should a conversion ever join or split lines, each is
    converted on its own."""
    lines = convert("\n".join(chars)).split("\n")
    if len(lines) == len(chars):
        return lines
    return [convert(char) for char in chars]
