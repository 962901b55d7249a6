"""Tokens: the hand-written scanner that turns a source into tokens, or refuses it."""

from __future__ import annotations

from typing import NamedTuple

from ..model import CHECK_KEYWORDS as KEYWORDS
from .values import ExprError

MAX_NUMBER_DIGITS = 30

_SPACE = " \t\r\n"
_DIGITS = "0123456789"
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_WORD = _LOWER + _DIGITS
_TWO_CHARACTER_OPERATORS = ("<=", ">=", "==", "!=")
_ONE_CHARACTER_OPERATORS = "+-*/<>(),"
# Operators from other languages, refused with a word on what to write instead.
_REFUSED_PAIRS = {
    "**": "'**' (power) is not supported",
    "//": "'//' is not supported: / divides exactly",
    "&&": "'&&' is not an operator: write and",
    "||": "'||' is not an operator: write or",
}
_REFUSED_CHARACTERS = {
    "=": "'=' alone is not an operator: write == to compare",
    "!": "'!' alone is not an operator: write != or not",
    "&": "'&' is not an operator: write and",
    "|": "'|' is not an operator: write or",
    "_": "'_' is not allowed: metric ids join lowercase words with '.' or '-'",
    ".": "'.' only joins the words of a metric id, as in mediation.total",
    "'": "quotes are not allowed: a check compares numbers and metric ids",
    '"': "quotes are not allowed: a check compares numbers and metric ids",
    "[": "'[' is not allowed: group with ( and )",
    "]": "']' is not allowed: group with ( and )",
    "{": "'{' is not allowed: group with ( and )",
    "}": "'}' is not allowed: group with ( and )",
    "%": "'%' is not an operator: a percentage is written as its number, e.g. 97.5",
}
_ASCII_FOR = {
    "≥": ">=",
    "≤": "<=",
    "≠": "!=",
    "（": "(",
    "）": ")",
    "，": ",",
    "－": "-",
    "−": "-",
    "×": "*",
    "÷": "/",
}


class Token(NamedTuple):
    kind: str  # "number", "name", "end", or the text itself for operators and keywords
    text: str
    position: int

    @property
    def end(self) -> int:
        return self.position + len(self.text)


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    while position < len(source):
        char = source[position]
        if char in _SPACE:
            position += 1
            continue
        pair = source[position : position + 2]
        if char in _LOWER:
            token = _name_token(source, position)
        elif char in _DIGITS:
            token = _number_token(source, position)
        elif pair in _REFUSED_PAIRS:
            raise ExprError(_REFUSED_PAIRS[pair], position, 2)
        elif pair in _TWO_CHARACTER_OPERATORS:
            token = Token(pair, pair, position)
        elif char in _ONE_CHARACTER_OPERATORS:
            token = Token(char, char, position)
        else:
            raise _unexpected_character(source, position)
        tokens.append(token)
        position = token.end
    tokens.append(Token("end", "", len(source)))
    return tokens


def _skip(source: str, position: int, allowed: str) -> int:
    while position < len(source) and source[position] in allowed:
        position += 1
    return position


def _name_token(source: str, start: int) -> Token:
    end = _skip(source, start, _WORD)
    # A '.' or '-' belongs to the id only when a word follows it directly.
    while end + 1 < len(source) and source[end] in ".-" and source[end + 1] in _WORD:
        end = _skip(source, end + 1, _WORD)
    text = source[start:end]
    return Token(text if text in KEYWORDS else "name", text, start)


def _number_token(source: str, start: int) -> Token:
    end = _skip(source, start, _DIGITS)
    if end < len(source) and source[end] == ".":
        if end + 1 >= len(source) or source[end + 1] not in _DIGITS:
            raise ExprError(f"a number cannot end with '.': write {source[start:end]}", end)
        end = _skip(source, end + 1, _DIGITS)
        if end < len(source) and source[end] == ".":
            raise ExprError("a number has at most one decimal point", end)
    text = source[start:end]
    digits = len(text) - text.count(".")
    if digits > MAX_NUMBER_DIGITS:
        raise ExprError(
            f"number too long ({digits} digits, limit {MAX_NUMBER_DIGITS})", start, len(text)
        )
    if end < len(source) and (source[end].isalpha() or source[end] == "_"):
        raise ExprError("a number cannot run into a name: put an operator between them", end)
    return Token("number", text, start)


def _unexpected_character(source: str, position: int) -> ExprError:
    char = source[position]
    following = source[position + 1 : position + 2]
    if char == "." and following.isascii() and following.isupper():
        return _unexpected_character(source, position + 1)  # mediation.Total: the T is wrong
    if char == "." and following and following in _DIGITS:
        message = "a number must start with a digit: write 0.5, not .5"
    elif char in _REFUSED_CHARACTERS:
        message = _REFUSED_CHARACTERS[char]
    elif char.isascii() and char.isupper():
        message = f"uppercase letter '{char}': metric ids, functions and keywords are lowercase"
    elif not char.isascii():
        ascii_form = _ASCII_FOR.get(char)
        message = f"non-ASCII character {char!r}" + (f": write {ascii_form}" if ascii_form else "")
    else:
        message = f"unexpected character {char!r}"
    return ExprError(message, position)


def quote(token: Token) -> str:
    return "the end of the expression" if token.kind == "end" else f"'{token.text}'"
