"""Decoded source text -> text whose every piece the loader accepts where import puts it.

The loader refuses control characters anywhere, and tabs and line breaks in one-line fields (a
title, a heading's separator, a figure's quote). A page copied from a website or saved from a
word processor has them as layout: a tab between a label and its figure, Word's manual line
break (U+000B), a page break (U+000C), a stray escape or bidirectional override. They are made
what they stand for here, before the page is read, and each change is counted for a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.loading.schema import UNSAFE_CHARACTERS

# What ``str.splitlines`` breaks lines at besides \n and \r (vertical tab, form feed, the file,
# group and record separators, NEL, the line and paragraph separators): the page is read line by
# line, so these already end a line there; written as \n they do so visibly.
_OTHER_LINE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Blanks the page reader strips from either end of a line.
EDGE_BLANKS = " \t\u3000\u00a0\ufeff"


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    notes: tuple[str, ...]  # what was changed, for the curator


def clean(text: str) -> Cleaned:
    """``text`` with other line breaks as \\n, tabs as spaces, other control characters dropped."""
    notes = []
    text, breaks = _OTHER_LINE_BREAKS.subn("\n", text)
    if breaks:
        notes.append(
            f"{breaks} other line break(s) (vertical tab, form feed, U+2028…) read as line ends."
        )
    # A line's leading and trailing blanks are dropped when the page is read (an indenting tab
    # is nothing to say); a tab inside a line would break the one-line fields the loader requires.
    inside = sum(line.strip(EDGE_BLANKS).count("\t") for line in text.splitlines())
    text = text.replace("\t", " ")
    if inside:
        notes.append(f"{inside} tab(s) inside lines replaced by spaces.")
    text, dropped = UNSAFE_CHARACTERS.subn("", text)
    if dropped:
        notes.append(f"{dropped} control character(s) (escapes, bidirectional overrides…) dropped.")
    return Cleaned(text, tuple(notes))
