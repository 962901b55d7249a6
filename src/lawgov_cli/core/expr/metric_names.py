"""Names: the metric ids an expression uses, checked against the known ones with a hint."""

from __future__ import annotations

from collections.abc import Callable, Collection

from .tree import Expr, MetricName, Node, children
from .values import ExprError

# Suggestions compare strings pairwise; past this length they cost more than they can help.
_LONGEST_SUGGESTED_NAME = 100
# Splitting an unknown id at its hyphens tries every grouping; keep that search small.
_MOST_HYPHENS_SPLIT = 8


def names(expr: Expr) -> list[tuple[str, int]]:
    """The metric ids ``expr`` uses, each with the position where it first appears, in order."""
    first_seen: dict[str, int] = {}
    pending: list[Node] = [expr.root]
    while pending:  # depth-first, left to right, without recursion
        node = pending.pop()
        if isinstance(node, MetricName):
            first_seen.setdefault(node.id, node.start)
        pending.extend(reversed(children(node)))
    return list(first_seen.items())


def check_names(expr: Expr, known: Collection[str]) -> None:
    """ExprError at the first id in ``expr`` that is not in ``known``, with a suggestion."""
    for name, position in names(expr):
        if name not in known:
            hint = unknown_metric_hint(name, lambda part: part in known, known)
            raise ExprError(f'unknown metric "{name}"{hint}', position, len(name))


def unknown_metric_hint(
    name: str, is_known: Callable[[str], bool], candidates: Collection[str] | None
) -> str:
    parts = _as_subtraction(name, is_known)
    if parts:
        return f"; put spaces around - to subtract: {' - '.join(parts)}"
    if candidates is None or len(name) > _LONGEST_SUGGESTED_NAME:
        return ""
    import difflib  # only on this error path

    close = difflib.get_close_matches(name, candidates, n=1)
    return f"; did you mean {close[0]}?" if close else ""


def _as_subtraction(name: str, is_known: Callable[[str], bool]) -> list[str] | None:
    """``name`` cut at some of its hyphens into known ids (or numbers after the first), as a
    subtraction written without spaces would be; None if it cannot be."""
    words = name.split("-")
    if not 2 <= len(words) <= _MOST_HYPHENS_SPLIT + 1:
        return None
    # pieces[i]: a way to cut words[:i] into acceptable pieces, if there is one.
    pieces: list[list[str] | None] = [[]] + [None] * len(words)
    for end in range(1, len(words) + 1):
        for start in range(end):
            before = pieces[start]
            if before is None or (start, end) == (0, len(words)):
                continue
            piece = "-".join(words[start:end])
            if is_known(piece) or (start > 0 and _is_plain_number(piece)):
                pieces[end] = [*before, piece]
                break
    return pieces[-1]


def _is_plain_number(text: str) -> bool:
    whole, _, fraction = text.partition(".")
    return whole.isdigit() and whole.isascii() and (fraction == "" or fraction.isdigit())
