"""How many terminal columns text takes: Chinese characters two, combining marks none. For
carets under check expressions and for line breaking."""

from __future__ import annotations

import unicodedata


def cell_width(char: str) -> int:
    """Columns a character takes on a terminal: 2 for Chinese (wide), 0 for a combining mark."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(cell_width(char) for char in text)
