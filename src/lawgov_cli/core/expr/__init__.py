"""Check expressions over report metrics: parse them, check their ids, evaluate them exactly.

A check expression states something the report's figures should satisfy::

    mediation.success-rate >= 95
    reconsideration.closed <= reconsideration.received
    round(mediation.succeeded / mediation.total * 100, 2) == mediation.success-rate
    legal-advice.opinions >= 800 and not (legal-advice.opinions > 900)

Grammar, loosest binding first (positions in errors are 0-based character offsets)::

    check      := or                                  must produce a truth value
    or         := and ("or" and)*
    and        := not ("and" not)*
    not        := "not" not | comparison
    comparison := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?     never chained
    sum        := product (("+" | "-") product)*
    product    := unary (("*" | "/") unary)*
    unary      := ("-" | "+") unary | atom
    atom       := number | id | function "(" arguments ")" | "(" or ")"
    number     := digits ("." digits)?                at most 30 digits; write 0.5, not .5
    id         := [a-z][a-z0-9]*(?:[.-][a-z0-9]+)*   a metric id, e.g. mediation.success-rate
    function   := round(x, digits) | abs(x) | min(a, b, ...) | max(a, b, ...)

Because ``-`` joins the words of a metric id, ``a-b`` is the one id ``a-b``: to subtract, put
spaces around the minus, ``a - b``. Uppercase letters, ``_``, quotes, brackets, ``**`` and any
character outside this grammar are refused where they stand, before anything is evaluated. The
source is read by the hand-written tokenizer and recursive-descent parser below and is never
handed to Python to run. Hostile input is refused quickly: sources over 4096 characters before
tokenizing, nesting (parentheses, calls and unary operators) deeper than 64 levels as soon as
the parser reaches it, so Python's recursion limit is never approached.

Values are exact: literals and report figures become ``Fraction`` (97.52 is exactly 2438/25).
A figure with a qualifier is a bound, not a point ("800余件" means more than 800), so every
value is an interval, read from ``QUALIFIER_READINGS``. Arithmetic is interval arithmetic, and
a comparison is TRUE when it holds for every value the intervals allow, FALSE when it holds for
none, and UNDECIDED otherwise; ``and``, ``or`` and ``not`` follow Kleene's three-valued logic.
``round`` rounds half up (away from zero), as reports round 四舍五入.
"""

from __future__ import annotations

from .evaluation import evaluate
from .intervals import QUALIFIER_READINGS, Interval, Reading
from .metric_names import check_names, names
from .parser import FUNCTIONS, MAX_DEPTH, MAX_ROUND_DIGITS, MAX_SOURCE_LENGTH, parse
from .tokens import MAX_NUMBER_DIGITS
from .tree import Expr
from .values import ExprError, Outcome, Quantity, Truth

__all__ = [
    "FUNCTIONS",
    "MAX_DEPTH",
    "MAX_NUMBER_DIGITS",
    "MAX_ROUND_DIGITS",
    "MAX_SOURCE_LENGTH",
    "QUALIFIER_READINGS",
    "Expr",
    "ExprError",
    "Interval",
    "Outcome",
    "Quantity",
    "Reading",
    "Truth",
    "check_names",
    "evaluate",
    "names",
    "parse",
]
