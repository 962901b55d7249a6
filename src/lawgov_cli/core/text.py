"""Report text as search reads it: folded (NFKC, or full-width forms only; Traditional characters
as Simplified ones), with offsets that map back into the original, and split into sentences.

Reports mix full- and half-width forms (“(一)” and “（一）”, “１２” and “12”); NFKC folds them.
Because NFKC may change a character's length, each normalised index maps back to its source.
Some are published in Traditional characters: ``simplified.to_simplified`` reads 復議 as 复议,
one character for one, so it moves no index.
"""

from __future__ import annotations

import re
import unicodedata

from .simplified import to_simplified

_SENTENCE = re.compile(r"[^。!?！？]*(?:[。!?！？]+[”’」』)）]*|$)")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def fold(text: str) -> str:
    """``text`` as search compares it: NFKC, then Traditional characters as Simplified ones
    (（復議） -> (复议)). Lengths may change (NFKC), so this is for text whose offsets do not
    matter: a term, a unit, a label; ``Normalised`` keeps them."""
    return to_simplified(nfkc(text))


# Full-width ASCII (！ to ～) and the ideographic space, as their half-width forms.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold_width(text: str) -> str:
    """Full-width forms as half-width ones (３．２ -> 3.2, （二） -> (二)), and nothing else:
    unlike NFKC, it leaves ③, ³ and ٣ what they are."""
    return text.translate(_HALF_WIDTH)


class Normalised:
    """``text`` folded as ``fold`` folds it, and for every folded index the original index."""

    __slots__ = ("origin", "text")

    def __init__(self, original: str) -> None:
        if unicodedata.is_normalized("NFKC", original):
            self.text = to_simplified(original)  # one character for one: indexes stay
            self.origin: list[int] | None = None
            return
        pieces: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(original):
            folded = unicodedata.normalize("NFKC", char)
            pieces.append(folded)
            origin.extend([index] * len(folded))
        origin.append(len(original))
        self.text = to_simplified("".join(pieces))
        self.origin = origin

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A [start, end) span of the folded text as a span of the original."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def sentences(text: str) -> list[tuple[int, int, str]]:
    """The sentences of ``text`` as (paragraph number, start offset, sentence), in order.

    A sentence ends after 。!? (and any closing quote that follows); a paragraph after a newline.
    """
    out: list[tuple[int, int, str]] = []
    offset = 0
    for number, paragraph in enumerate(text.split("\n")):
        for found in _SENTENCE.finditer(paragraph):
            if found.group():
                out.append((number, offset + found.start(), found.group()))
        offset += len(paragraph) + 1
    return out
