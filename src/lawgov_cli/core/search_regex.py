"""``search --regex``: patterns in RE2 syntax, matched in time linear in the text.

Python's ``re`` backtracks: ``(a+)+$`` against a run of 40 ``a`` would outlast anyone's
patience, and a search is always run on text the user did not write. RE2 (the ``google-re2``
binding) never backtracks, so no pattern can hang a search, as ripgrep's engine cannot; the
price is the two features that need backtracking, backreferences and lookaround, which are
refused with a message that says so. This module is imported only for ``--regex``.

Where RE2 would read a pattern otherwise than Python's ``re`` (which lawgov used before) and
ripgrep do, the pattern is rewritten first, so that it keeps its meaning:

- ``\\d \\w \\s`` (and ``\\D \\W \\S``) are Unicode classes: in RE2 they are ASCII only, and
  ``\\w`` would not match 调;
- ``{,n}`` is ``{0,n}`` (RE2 takes it for literal text), ``\\Z`` is ``\\z``;
- a repetition count above 1000 is an error: RE2 refuses ``{1001}`` but reads a count too
  long to parse (``a{99999999999}``) as literal text.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import PatternError
from .simplified import to_simplified
from .text import nfkc

# RE2's limit on a counted repetition.
MAX_REPEAT = 1000

SYNTAX_HINT = "patterns are read in RE2 syntax (see README, Regular expressions)"
UNSUPPORTED_HINT = (
    "RE2 syntax always matches in linear time, which rules out backreferences and lookaround "
    "(see README, Regular expressions)"
)

# Python's \d \w \s for text, in RE2 syntax: as a class of their own, and as what goes inside
# [...] (None: a negated class cannot be put inside another).
_WORD = r"\p{L}\p{N}_"
_SPACE = r"\s\p{Z}\x0b\x1c-\x1f\x85"  # str.isspace(): RE2's \s is [\t\n\f\r ]
_CLASSES: dict[str, tuple[str, str | None]] = {
    "d": (r"\p{Nd}", r"\p{Nd}"),
    "D": (r"\P{Nd}", r"\P{Nd}"),
    "w": (f"[{_WORD}]", _WORD),
    "W": (f"[^{_WORD}]", None),
    "s": (f"[{_SPACE}]", _SPACE),
    "S": (f"[^{_SPACE}]", None),
}
_REPEAT = re.compile(r"\{([0-9]*)(,([0-9]*))?\}")
# Escapes followed by a {…} that belongs to them: \p{Han}, \x{4E00}.
_BRACED_ESCAPES = "pPx"

_REGEX_SYNTAX = set("\\.^$*+?{}[]()|")


def fold_pattern(pattern: str) -> str:
    """NFKC for a regular expression, except that a full-width form of regex syntax stays a
    literal: （二） means the brackets, as typed, not a group around 二."""
    out = []
    for char in pattern:
        folded = nfkc(char)
        if folded != char and any(c in _REGEX_SYNTAX for c in folded):
            folded = re.escape(folded)
        out.append(folded)
    return "".join(out)


def translate(pattern: str, term: str) -> str:
    """``pattern`` in the RE2 syntax that means what Python's ``re`` reads in it (see the
    module's notes); PatternError, naming ``term``, for a repetition RE2 cannot count."""
    out: list[str] = []
    at, in_class, class_start = 0, False, 0
    while at < len(pattern):
        char = pattern[at]
        if char == "\\" and at + 1 < len(pattern):
            at = _escape(pattern, at, in_class, out, term)
            continue
        if in_class:
            if char == "[" and pattern.startswith("[:", at):  # [[:alpha:]]
                end = pattern.find(":]", at + 2)
                if end != -1:
                    out.append(pattern[at : end + 2])
                    at = end + 2
                    continue
            # A ] first in the class ([]a] or [^]a]) is a literal ], in RE2 as in Python.
            if char == "]" and at > class_start:
                in_class = False
            out.append(char)
            at += 1
            continue
        if char == "[":
            in_class = True
            class_start = at + 1 + (pattern.startswith("^", at + 1))
            out.append(char)
            at += 1
            continue
        repeat = _REPEAT.match(pattern, at) if char == "{" else None
        if repeat:
            out.append(_repetition(repeat, term))
            at = repeat.end()
            continue
        out.append(char)
        at += 1
    return "".join(out)


def _escape(pattern: str, at: int, in_class: bool, out: list[str], term: str) -> int:
    """Append the escape at ``pattern[at]`` (a backslash) to ``out``; where the pattern goes on."""
    letter = pattern[at + 1]
    if letter in _CLASSES:
        alone, inside = _CLASSES[letter]
        chosen = inside if in_class else alone
        if chosen is None:
            raise PatternError(
                f"invalid regex {term!r}: \\{letter} cannot stand inside [...]",
                hint=f"use an alternation instead: (?:\\{letter}|[…])",
            )
        out.append(chosen)
        return at + 2
    if letter == "Z" and not in_class:
        out.append(r"\z")
        return at + 2
    if letter == "Q" and not in_class:  # \Q…\E: literal text, nothing in it to rewrite
        end = pattern.find(r"\E", at + 2)
        stop = len(pattern) if end == -1 else end + 2
        out.append(pattern[at:stop])
        return stop
    if letter in _BRACED_ESCAPES and pattern.startswith("{", at + 2):
        end = pattern.find("}", at + 2)
        stop = len(pattern) if end == -1 else end + 1
        out.append(pattern[at:stop])
        return stop
    out.append(pattern[at : at + 2])
    return at + 2


def _repetition(found: re.Match[str], term: str) -> str:
    low, comma, high = found[1], found[2], found[3]
    if not low and not comma:  # {} is no repetition: RE2 and Python take it literally
        return found.group()
    for count in (low, high):
        # Compared as text: int() of a count thousands of digits long would itself fail.
        if count and (len(count.lstrip("0")) > len(str(MAX_REPEAT)) or int(count) > MAX_REPEAT):
            raise PatternError(
                f"invalid regex {term!r}: repetition count {_clipped(count)} is above {MAX_REPEAT}",
                hint=f"RE2 syntax counts repetitions up to {MAX_REPEAT}: use + or * for more",
            )
    if comma and not low:  # {,n}: Python's {0,n}; RE2 would match the text "{,n}"
        return "{0," + (high or "") + "}"
    return found.group()


def _clipped(count: str) -> str:
    return count if len(count) <= 20 else f"{count[:10]}…({len(count)} digits)"


def compile_regex(term: str) -> Any:
    """The RE2 pattern for the regex ``term``: case-insensitive, over folded text (NFKC, and
    Traditional characters as Simplified, the pattern's own too: [復复]議 is [复复]议), with
    offsets in characters (the binding encodes the text as UTF-8 and maps its byte offsets
    back). PatternError for a pattern RE2 cannot take, saying why."""
    import re2  # type: ignore[import-untyped]  # only for --regex: about 5 ms to import

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # RE2 would print its own copy of the error on stderr
    try:
        return re2.compile(translate(to_simplified(fold_pattern(term)), term), options)
    except re2.error as err:
        reason = err.args[0] if err.args else ""
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise _explained(term, str(reason)) from None


def _explained(term: str, reason: str) -> PatternError:
    """RE2's complaint as lawgov's error, in plain words where a feature is missing."""
    missing = _missing_feature(term, reason)
    if missing:
        return PatternError(f"invalid regex {term!r}: {missing}", hint=UNSUPPORTED_HINT)
    return PatternError(f"invalid regex {term!r}: {reason}", hint=SYNTAX_HINT)


def _missing_feature(term: str, reason: str) -> str | None:
    if reason.startswith(("invalid perl operator: (?=", "invalid perl operator: (?!")):
        return "lookahead ((?= or (?!) is not supported"
    if reason.startswith(("invalid perl operator: (?<=", "invalid perl operator: (?<!")):
        return "lookbehind ((?<= or (?<!) is not supported"
    # RE2 knows (?P<name>…) and stops at the (?P of (?P=name).
    if re.match(r"invalid escape sequence: \\[1-9]", reason) or (
        reason.endswith("(?P") and "(?P=" in term
    ):
        return "backreferences (\\1, (?P=name)) are not supported"
    return None
