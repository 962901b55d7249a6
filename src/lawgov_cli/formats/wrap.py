"""Line breaking for Chinese text on a terminal.

Rich breaks lines at spaces, so a Chinese paragraph (no spaces) is folded at the exact column:
figures split in two (56 / 630.99万元) and lines begin with a comma. This module chooses breaks
the way Chinese typesetting does: between characters, but never inside a run of Latin letters
and digits nor right after a number (31件), never before closing punctuation and never after
opening punctuation. An id such as ``mediation.success-rate`` may break after ``.`` or ``-``;
views that must show ids whole (the metrics table, checks) pass them as ``keep_together``.
Pure: it knows display widths, not Rich.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.widths import cell_width

# No line may begin with these (kinsoku), nor end with the openers.
CLOSERS = set(",.;:!?)]}%，．；：！？）］｝％。、〕〉》」』】〗”’‰·…—")
OPENERS = set("([{（［｛〔〈《「『【〖“‘")


_OPERATORS = set("<>=!")


def _is_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in ".,%+-_/")


def glued(text: str, keep_together: Iterable[tuple[int, int]] = ()) -> list[bool]:
    """For each index, True when the line must not break just before that character."""
    glue = [False] * len(text)
    for i in range(1, len(text)):
        before, here = text[i - 1], text[i]
        glue[i] = (
            here in CLOSERS
            or before in OPENERS
            or (_is_word(before) and _is_word(here) and not (before in ".-" and here.isalpha()))
            or (before.isascii() and before.isdigit())  # 31|件: a number keeps its unit
            or here == " "  # a space stays at the end of its line, never starts the next
            or (before in _OPERATORS and here in _OPERATORS)  # <= and == stay whole
        )
    for start, end in keep_together:
        for i in range(max(start + 1, 1), min(end, len(text))):
            glue[i] = True
    return glue


def widest_unbreakable(text: str, keep_together: Iterable[tuple[int, int]] = ()) -> int:
    """The width of the widest run that no line break may split: a column's minimum."""
    glue = glued(text, keep_together)
    widest = run = 0
    for i, char in enumerate(text):
        run = run + cell_width(char) if i and glue[i] else cell_width(char)
        widest = max(widest, run)
    return widest


def break_offsets(
    text: str, width: int, keep_together: Iterable[tuple[int, int]] = ()
) -> list[int]:
    """Offsets at which to start new lines so that no line is wider than ``width`` cells.

    A run that cannot be broken and is wider than a line is cut where it must be.
    """
    glue = glued(text, keep_together)
    offsets: list[int] = []
    start, used = 0, 0
    for i, char in enumerate(text):
        w = cell_width(char)
        if used + w > width and i > start:
            cut = next((j for j in range(i, start, -1) if not glue[j]), i)
            offsets.append(cut)
            start = cut
            used = sum(cell_width(c) for c in text[cut:i])
            if used + w > width and i > start:  # what follows the break is still too wide
                offsets.append(i)
                start, used = i, 0
        used += w
    return offsets
