"""Search terms compiled to finders: a word matched case-insensitively against folded text
(``text.fold``: NFKC, Traditional characters as Simplified), a regular expression through RE2
(``search_regex``), each refused with a clear error when it could only match nothing or
everything."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

from ..system.os_text import has_undecodable
from .errors import PatternError
from .text import fold


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
    """One pattern per term, matched case-insensitively against folded text (NFKC, Traditional
    characters as Simplified: 復議 finds 复议 and the other way round); a regex in RE2 syntax
    (search_regex), so that no pattern can take more than linear time.

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
            pattern = re.compile(re.escape(fold(word)), re.IGNORECASE)
        if pattern.search("") is not None:
            raise PatternError(
                f"regex {term!r} matches the empty string, so it would match everywhere"
            )
        patterns.append(pattern)
    return patterns
