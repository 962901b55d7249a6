"""Errors, truth values, quantities: what the parts of the expression package pass around."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ..widths import cell_width, display_width


class ExprError(ValueError):
    """An expression that cannot be parsed or evaluated; ``str(err)`` is the message.

    ``position`` and ``length`` locate the fault in the source (0-based characters) so that
    ``caret`` can underline it. ``position`` may equal ``len(source)``: "the expression ends here".
    """

    message: str
    position: int
    length: int

    def __init__(self, message: str, position: int, length: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.length = max(1, length)

    def __reduce__(self) -> tuple[type[ExprError], tuple[str, int, int]]:
        # The default would rebuild from ``args`` (the message alone) and lose the position.
        return (ExprError, (self.message, self.position, self.length))

    def caret(self, source: str) -> str:
        """Two lines: the source (a window of it, if long) and ``^`` under the fault."""
        position = min(max(self.position, 0), len(source))
        start, end = _caret_window(source, position)
        prefix = "..." if start > 0 else ""
        suffix = "..." if end < len(source) else ""
        marked = source[position : min(position + self.length, end)]
        indent = len(prefix) + display_width(source[start:position])
        underline = "^" * max(1, display_width(marked))
        return f"{prefix}{_printable(source[start:end])}{suffix}\n{' ' * indent}{underline}"


# Columns of source shown around the fault: with "..." on both sides and the two-space indent
# of error messages, the line still fits an 80-column terminal, so the caret stays under it.
_CARET_WINDOW = 70


def _caret_window(source: str, position: int) -> tuple[int, int]:
    """The slice of ``source`` to show around ``position``: at most ``_CARET_WINDOW`` columns
    (Chinese characters take two), about half of them before the fault."""
    widths = [cell_width(char) for char in source]
    if sum(widths) <= _CARET_WINDOW:
        return 0, len(source)
    start, end, used = position, position, 0
    while start > 0 and used + widths[start - 1] <= _CARET_WINDOW // 2:
        start -= 1
        used += widths[start]
    while end < len(source) and used + widths[end] <= _CARET_WINDOW:
        used += widths[end]
        end += 1
    while start > 0 and used + widths[start - 1] <= _CARET_WINDOW:  # the end came first
        start -= 1
        used += widths[start]
    return start, end


def _printable(text: str) -> str:
    # A tab or newline would break the column alignment of the caret line.
    return "".join(char if char.isprintable() else " " for char in text)


class Truth(enum.Enum):
    TRUE = "true"
    FALSE = "false"
    UNDECIDED = "undecided"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure as the report states it: 800 with qualifier 余 for "800余件"."""

    value: int | float
    qualifier: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    """The truth of a check and one short sentence saying why."""

    truth: Truth
    why: str
