"""Evaluation: the truth of a parsed check over interval values, with a reason."""

from __future__ import annotations

from collections.abc import Callable

from .intervals import (
    Interval,
    absolute,
    add,
    compare,
    divide,
    maximum,
    minimum,
    multiply,
    negate,
    round_to,
    subtract,
)
from .metric_names import unknown_metric_hint
from .number_format import format_number
from .parser import NOT_A_CHECK
from .tree import (
    Arithmetic,
    Call,
    Comparison,
    Expr,
    Group,
    Logic,
    MetricName,
    Node,
    Not,
    NumberLiteral,
    Round,
    Unary,
    is_literal,
    is_truth,
    span_length,
)
from .values import ExprError, Outcome, Quantity, Truth

_KLEENE_NOT = {Truth.TRUE: Truth.FALSE, Truth.FALSE: Truth.TRUE, Truth.UNDECIDED: Truth.UNDECIDED}
_NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
_VERDICTS = {Truth.TRUE: "holds", Truth.FALSE: "cannot hold", Truth.UNDECIDED: "cannot be decided"}


def evaluate(expr: Expr, lookup: Callable[[str], Quantity]) -> Outcome:
    """The truth of ``expr`` with each metric's value from ``lookup`` (which raises KeyError for
    an unknown id). ExprError for an unknown id, an unusable value or a division by zero."""
    if not is_truth(expr.root):
        raise ExprError(NOT_A_CHECK, expr.root.start, span_length(expr.root))
    truth, why = _Evaluator(expr.source, lookup).truth(expr.root)
    return Outcome(truth, why)


class _Evaluator:
    def __init__(self, source: str, lookup: Callable[[str], Quantity]) -> None:
        self._source = source
        self._lookup = lookup
        self._metrics: dict[str, Interval] = {}

    def truth(self, node: Node) -> tuple[Truth, str]:
        """The truth of a comparison, ``not`` or ``and``/``or`` node and the reason for it."""
        if isinstance(node, Group):
            return self.truth(node.inner)
        if isinstance(node, Comparison):
            left, right = self.number(node.left), self.number(node.right)
            truth = compare(node.operator, left, right)
            return truth, self._explain(node, left, right, truth)
        if isinstance(node, Not):
            truth, why = self.truth(node.operand)
            return _KLEENE_NOT[truth], why
        if isinstance(node, Logic):
            return self._logic(node)
        raise ExprError("expected a comparison here, not a number", node.start, span_length(node))

    def _logic(self, node: Logic) -> tuple[Truth, str]:
        # Every operand is evaluated, so a division by zero is reported wherever it stands.
        results = [self.truth(operand) for operand in node.operands]
        deciding = Truth.FALSE if node.operator == "and" else Truth.TRUE
        for truth in (deciding, Truth.UNDECIDED):
            reasons = [why for result, why in results if result is truth]
            if reasons:
                return truth, reasons[0]
        return _KLEENE_NOT[deciding], "; ".join(why for _, why in results)

    def number(self, node: Node) -> Interval:
        """The values a numeric node can take."""
        if isinstance(node, NumberLiteral):
            return Interval.point(node.value)
        if isinstance(node, MetricName):
            return self._metric(node)
        if isinstance(node, Group):
            return self.number(node.inner)
        if isinstance(node, Unary):
            operand = self.number(node.operand)
            return negate(operand) if node.operator == "-" else operand
        if isinstance(node, Arithmetic):
            return self._arithmetic(node)
        if isinstance(node, Round):
            return round_to(self.number(node.operand), node.digits)
        if isinstance(node, Call):
            arguments = [self.number(argument) for argument in node.arguments]
            if node.function == "abs":
                return absolute(arguments[0])
            return minimum(arguments) if node.function == "min" else maximum(arguments)
        raise ExprError("expected a number here, not a comparison", node.start, span_length(node))

    def _arithmetic(self, node: Arithmetic) -> Interval:
        result = self.number(node.first)
        for operator, position, operand in node.steps:
            value = self.number(operand)
            if operator == "+":
                result = add(result, value)
            elif operator == "-":
                result = subtract(result, value)
            elif operator == "*":
                result = multiply(result, value)
            elif value.point_value == 0:
                raise ExprError("division by zero", position)
            else:
                result = divide(result, value)
        return result

    def _metric(self, node: MetricName) -> Interval:
        if node.id in self._metrics:
            return self._metrics[node.id]
        try:
            quantity = self._lookup(node.id)
        except KeyError:
            hint = unknown_metric_hint(node.id, self._is_known, None)
            raise ExprError(
                f'unknown metric "{node.id}"{hint}', node.start, span_length(node)
            ) from None
        try:
            interval = Interval.of(quantity)
        except ValueError as err:
            raise ExprError(f'metric "{node.id}" {err}', node.start, span_length(node)) from None
        self._metrics[node.id] = interval
        return interval

    def _is_known(self, name: str) -> bool:
        try:
            self._lookup(name)
        except KeyError:
            return False
        return True

    def _explain(self, node: Comparison, left: Interval, right: Interval, truth: Truth) -> str:
        """One sentence: "97.52 < 98", or for bounds "x is more than 800, so > 900 cannot be
        decided"."""
        left_value, right_value = left.point_value, right.point_value
        if left_value is not None and right_value is not None:
            operator = node.operator if truth is Truth.TRUE else _NEGATED[node.operator]
            return f"{format_number(left_value)} {operator} {format_number(right_value)}"
        sides = ((node.left, left), (node.right, right))
        facts = [
            f"{self._text(side)} {_predicate(value)}"
            for side, value in sides
            if not is_literal(side)  # a written-out number needs no "5 is 5"
        ]
        if is_literal(node.right):
            claim = f"{node.operator} {self._text(node.right)}"
        else:
            claim = f"{self._text(node.left)} {node.operator} {self._text(node.right)}"
        return f"{' and '.join(facts)}, so {claim} {_VERDICTS[truth]}"

    def _text(self, node: Node) -> str:
        return " ".join(self._source[node.start : node.end].split())


def _predicate(interval: Interval) -> str:
    """What an interval says about a value, to follow its name: "is more than 800"."""
    if interval.point_value is not None:
        return f"is {format_number(interval.point_value)}"
    if interval.low is None and interval.high is None:
        return "could be any number"
    if interval.low is None and interval.high is not None:
        bound = "at most" if interval.high_closed else "less than"
        return f"is {bound} {format_number(interval.high)}"
    if interval.high is None and interval.low is not None:
        bound = "at least" if interval.low_closed else "more than"
        return f"is {bound} {format_number(interval.low)}"
    return f"is in {interval}"
