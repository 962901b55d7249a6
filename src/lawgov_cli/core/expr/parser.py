"""Parser: recursive descent from tokens to a checked syntax tree."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from .tokens import Token, quote, tokenize
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
    is_truth,
    span_length,
)
from .values import ExprError

MAX_SOURCE_LENGTH = 4096
MAX_DEPTH = 64
MAX_ROUND_DIGITS = 12
FUNCTIONS = ("abs", "max", "min", "round")

NOT_A_CHECK = "an expression to check must be a comparison, e.g. x >= 5"
_COMPARISONS = ("<", "<=", ">", ">=", "==", "!=")
_ARITHMETIC_OPERATORS = ("+", "-", "*", "/")


def parse(source: str) -> Expr:
    """The syntax tree of a check expression; ExprError if it is not one."""
    if len(source) > MAX_SOURCE_LENGTH:
        raise ExprError(
            f"expression too long ({len(source)} characters, limit {MAX_SOURCE_LENGTH})",
            MAX_SOURCE_LENGTH,
        )
    tokens = tokenize(source)
    if tokens[0].kind == "end":
        raise ExprError(f"empty expression: {NOT_A_CHECK}", 0)
    root = _Parser(tokens).parse()
    if not is_truth(root):
        raise ExprError(NOT_A_CHECK, root.start, root.end - root.start)
    return Expr(source, root)


def _require_number(node: Node) -> None:
    if is_truth(node):
        raise ExprError("expected a number here, not a comparison", node.start, span_length(node))


def _require_truth(node: Node) -> None:
    if not is_truth(node):
        raise ExprError(
            "expected a comparison here (e.g. x >= 5), not a number", node.start, span_length(node)
        )


class _Parser:
    """Recursive descent. Only parentheses, calls, ``not`` and unary signs recurse, each counted
    against MAX_DEPTH; binary operators are collected in loops, so the Python stack needs a
    handful of frames per nesting level and ``1 + 1 + … + 1`` is one flat node."""

    def __init__(self, tokens: list[Token]) -> None:
        self._tokens = tokens
        self._index = 0
        self._depth = 0

    def parse(self) -> Node:
        node = self._logic()
        token = self._peek()
        if token.kind == ")":
            raise ExprError("unmatched ')'", token.position)
        if token.kind != "end":
            raise ExprError(f"expected an operator, found {quote(token)}", token.position)
        return node

    def _peek(self) -> Token:
        return self._tokens[self._index]

    def _advance(self) -> Token:
        token = self._tokens[self._index]
        self._index += 1
        return token

    def _enter(self, token: Token) -> None:
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise ExprError(
                f"nested too deeply (more than {MAX_DEPTH} levels of parentheses, "
                "function calls and unary operators)",
                token.position,
                len(token.text),
            )

    def _logic(self) -> Node:
        """``or`` of ``and`` chains of ``not`` operands, read in one loop: a level of Python
        recursion per grammar rule would multiply the stack each nesting level costs."""
        alternatives: list[list[Node]] = [[self._not()]]
        while self._peek().kind in ("and", "or"):
            operator = self._advance()
            _require_truth(alternatives[-1][-1])
            operand = self._not()
            _require_truth(operand)
            if operator.kind == "and":
                alternatives[-1].append(operand)
            else:
                alternatives.append([operand])
        return _logic_chain("or", [_logic_chain("and", chain) for chain in alternatives])

    def _not(self) -> Node:
        return self._prefixed(
            ("not",), self._comparison, _require_truth, lambda t, n: Not(t.position, n.end, n)
        )

    def _comparison(self) -> Node:
        left = self._arithmetic()
        if self._peek().kind not in _COMPARISONS:
            return left
        operator = self._advance()
        _require_number(left)
        right = self._arithmetic()
        _require_number(right)
        extra = self._peek()
        if extra.kind in _COMPARISONS:
            raise ExprError(
                "comparisons do not chain: write a < b and b < c, not a < b < c",
                extra.position,
                len(extra.text),
            )
        return Comparison(left.start, right.end, operator.kind, operator.position, left, right)

    def _arithmetic(self) -> Node:
        """Sums of products of unary operands, read in one loop (see ``_logic``)."""
        operand = self._unary()
        # Each term is a product: its first factor and the (operator, position, factor) steps.
        terms: list[tuple[Node, list[tuple[str, int, Node]]]] = [(operand, [])]
        term_operators: list[tuple[str, int]] = []
        while self._peek().kind in _ARITHMETIC_OPERATORS:
            operator = self._advance()
            _require_number(operand)
            operand = self._unary()
            _require_number(operand)
            if operator.kind in ("*", "/"):
                terms[-1][1].append((operator.kind, operator.position, operand))
            else:
                term_operators.append((operator.kind, operator.position))
                terms.append((operand, []))
        products = [_arithmetic_chain(first, steps) for first, steps in terms]
        sum_steps = [
            (kind, position, product)
            for (kind, position), product in zip(term_operators, products[1:], strict=True)
        ]
        return _arithmetic_chain(products[0], sum_steps)

    def _unary(self) -> Node:
        return self._prefixed(
            ("-", "+"),
            self._atom,
            _require_number,
            lambda t, n: Unary(t.position, n.end, t.kind, n),
        )

    def _prefixed(
        self,
        kinds: tuple[str, ...],
        operand: Callable[[], Node],
        require: Callable[[Node], None],
        build: Callable[[Token, Node], Node],
    ) -> Node:
        """Prefix operators (``not``, signs) before ``operand``: each is a level of nesting
        (``_enter``) and wraps the operand from the inside out."""
        prefixes: list[Token] = []
        while self._peek().kind in kinds:
            prefixes.append(self._advance())
            self._enter(prefixes[-1])
        node = operand()
        if prefixes:
            require(node)
        for token in reversed(prefixes):
            node = build(token, node)
        self._depth -= len(prefixes)
        return node

    def _atom(self) -> Node:
        token = self._advance()
        if token.kind == "number":
            return NumberLiteral(token.position, token.end, Fraction(token.text), token.text)
        if token.kind == "name":
            if self._peek().kind == "(":
                return self._call(token)
            return MetricName(token.position, token.end, token.text)
        if token.kind == "(":
            self._enter(token)
            inner = self._logic()
            close = self._close(token)
            self._depth -= 1
            return Group(token.position, close.end, inner)
        found = "the expression ends here" if token.kind == "end" else f"found {quote(token)}"
        raise ExprError(f"expected a number, metric id or '(', but {found}", token.position)

    def _close(self, opening: Token) -> Token:
        """The ')' matching ``opening``."""
        token = self._advance()
        if token.kind == ")":
            return token
        if token.kind == "end":
            raise ExprError("'(' is never closed", opening.position)
        raise ExprError(f"expected ')' or an operator, found {quote(token)}", token.position)

    def _call(self, name: Token) -> Node:
        if name.text not in FUNCTIONS:
            raise ExprError(
                f'unknown function "{name.text}": the functions are {", ".join(FUNCTIONS)}',
                name.position,
                len(name.text),
            )
        self._enter(name)
        opening = self._advance()
        arguments: list[Node] = []
        if self._peek().kind != ")":
            arguments.append(self._logic())
            while self._peek().kind == ",":
                self._advance()
                arguments.append(self._logic())
        close = self._close(opening)
        self._depth -= 1
        for argument in arguments:
            _require_number(argument)
        return _function_node(name, close.end, arguments)


def _logic_chain(operator: str, operands: list[Node]) -> Node:
    if len(operands) == 1:
        return operands[0]
    return Logic(operands[0].start, operands[-1].end, operator, tuple(operands))


def _arithmetic_chain(first: Node, steps: list[tuple[str, int, Node]]) -> Node:
    if not steps:
        return first
    return Arithmetic(first.start, steps[-1][2].end, first, tuple(steps))


def _function_node(name: Token, end: int, arguments: list[Node]) -> Node:
    """A checked call of one of FUNCTIONS, from ``name`` to ``end``."""
    start, function = name.position, name.text
    if function == "round":
        if len(arguments) != 2:
            raise ExprError("round takes 2 arguments: round(x, digits)", start, end - start)
        digits = arguments[1]
        if not (
            isinstance(digits, NumberLiteral)
            and "." not in digits.text
            and digits.value <= MAX_ROUND_DIGITS
        ):
            raise ExprError(
                f"round's digits must be a whole number from 0 to {MAX_ROUND_DIGITS}, "
                "e.g. round(x, 2)",
                digits.start,
                span_length(digits),
            )
        return Round(start, end, arguments[0], int(digits.value))
    if function == "abs" and len(arguments) != 1:
        raise ExprError("abs takes 1 argument: abs(x)", start, end - start)
    if function in ("min", "max") and len(arguments) < 2:
        raise ExprError(f"{function} takes 2 or more arguments", start, end - start)
    return Call(start, end, function, tuple(arguments))
