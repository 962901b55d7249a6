"""Width- and case-insensitive matching that still reports offsets into the original text.

Reports mix full- and half-width forms (“(一)” and “（一）”, “１２” and “12”); NFKC folds them.
Because NFKC may change a character's length, each normalised index maps back to its source.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Protocol

from ..system.os_text import has_undecodable
from .errors import PatternError

_SENTENCE = re.compile(r"[^。!?！？]*(?:[。!?！？]+[”’」』)）]*|$)")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


# Full-width ASCII (！ to ～) and the ideographic space, as their half-width forms.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold_width(text: str) -> str:
    """Full-width forms as half-width ones (３．２ -> 3.2, （二） -> (二)), and nothing else:
    unlike NFKC, it leaves ③, ³ and ٣ what they are."""
    return text.translate(_HALF_WIDTH)


def cell_width(char: str) -> int:
    """Columns a character takes on a terminal: 2 for Chinese (wide), 0 for a combining mark."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(cell_width(char) for char in text)


class Normalised:
    """``text`` folded with NFKC, and for every folded index the original index."""

    __slots__ = ("origin", "text")

    def __init__(self, original: str) -> None:
        if unicodedata.is_normalized("NFKC", original):
            self.text = original
            self.origin: list[int] | None = None
            return
        pieces: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(original):
            folded = unicodedata.normalize("NFKC", char)
            pieces.append(folded)
            origin.extend([index] * len(folded))
        origin.append(len(original))
        self.text = "".join(pieces)
        self.origin = origin

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A [start, end) span of the folded text as a span of the original."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


class Found(Protocol):
    """A match, from ``re`` or from RE2 (search_regex): offsets in characters."""

    def span(self) -> tuple[int, int]: ...
    def start(self) -> int: ...
    def end(self) -> int: ...


class Finder(Protocol):
    """A compiled search term: a ``re`` pattern for a word, an RE2 one for ``--regex``."""

    def finditer(self, text: str, /) -> Iterator[Found]: ...
    def search(self, text: str, /) -> Found | None: ...


UNREADABLE_HINT = "lawgov reads arguments as UTF-8: check the encoding of the terminal or script"


def compile_terms(terms: list[str], regex: bool) -> list[Finder]:
    """One pattern per term, matched case-insensitively against NFKC-folded text; a regex in
    RE2 syntax (search_regex), so that no pattern can take more than linear time.

    Raises ``PatternError`` naming the term for an empty term, one that is not UTF-8, a bad
    regular expression or one that matches the empty string (it would match everywhere, and
    say nothing).
    """
    patterns: list[Finder] = []
    for term in terms:
        if has_undecodable(term):  # it could only match nothing: say so instead
            raise PatternError(f"search term '{term}' is not UTF-8 text", hint=UNREADABLE_HINT)
        # Spaces around a word are a slip of the quoting (Chinese text has none between words).
        word = term if regex else term.strip()
        if not word:
            raise PatternError("empty search term")
        pattern: Finder
        if regex:
            from .search_regex import compile_regex  # RE2 is loaded for --regex only

            pattern = compile_regex(word)
        else:
            pattern = re.compile(re.escape(nfkc(word)), re.IGNORECASE)
        if pattern.search("") is not None:
            raise PatternError(
                f"regex {term!r} matches the empty string, so it would match everywhere"
            )
        patterns.append(pattern)
    return patterns


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
