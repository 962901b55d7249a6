"""The syntax tree of a check expression: its nodes, ``Expr``, and helpers that walk it."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TypeAlias, assert_never


@dataclass(frozen=True, slots=True)
class _Span:
    start: int  # first character of the node in the source
    end: int  # one past its last character


@dataclass(frozen=True, slots=True)
class NumberLiteral(_Span):
    value: Fraction
    text: str


@dataclass(frozen=True, slots=True)
class MetricName(_Span):
    id: str


@dataclass(frozen=True, slots=True)
class Group(_Span):
    """A parenthesised expression; kept so that spans and explanations include the brackets."""

    inner: Node


@dataclass(frozen=True, slots=True)
class Unary(_Span):
    operator: str  # "-" or "+"
    operand: Node


@dataclass(frozen=True, slots=True)
class Arithmetic(_Span):
    """``first`` followed by (operator, operator position, operand) steps, applied left to
    right. One flat node per chain keeps ``1 + 1 + … + 1`` from becoming a deep tree."""

    first: Node
    steps: tuple[tuple[str, int, Node], ...]


@dataclass(frozen=True, slots=True)
class Call(_Span):
    function: str  # "abs", "min" or "max"
    arguments: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Round(_Span):
    operand: Node
    digits: int


@dataclass(frozen=True, slots=True)
class Comparison(_Span):
    operator: str
    position: int  # of the operator
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Not(_Span):
    operand: Node


@dataclass(frozen=True, slots=True)
class Logic(_Span):
    operator: str  # "and" or "or"
    operands: tuple[Node, ...]


Node: TypeAlias = (
    NumberLiteral
    | MetricName
    | Group
    | Unary
    | Arithmetic
    | Call
    | Round
    | Comparison
    | Not
    | Logic
)


@dataclass(frozen=True, slots=True)
class Expr:
    """A parsed check: its source text and the root of its syntax tree.

    The tree is a function of the source, so equality, hashing and ``repr`` use the source
    alone: that keeps them cheap and flat however deeply the expression nests.
    """

    source: str
    root: Node = field(repr=False, compare=False)

    def __str__(self) -> str:
        return self.source


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, NumberLiteral | MetricName):
        return ()
    if isinstance(node, Group):
        return (node.inner,)
    if isinstance(node, Unary | Round | Not):
        return (node.operand,)
    if isinstance(node, Arithmetic):
        return (node.first, *(operand for _, _, operand in node.steps))
    if isinstance(node, Call):
        return node.arguments
    if isinstance(node, Comparison):
        return (node.left, node.right)
    if isinstance(node, Logic):
        return node.operands
    assert_never(node)


def is_truth(node: Node) -> bool:
    """Whether the node gives a truth value (else it gives a number)."""
    while isinstance(node, Group):
        node = node.inner
    return isinstance(node, Comparison | Not | Logic)


def is_literal(node: Node) -> bool:
    """A number written out (5, -5, (5)): explanations need not say what it is."""
    while isinstance(node, Group | Unary):
        node = node.inner if isinstance(node, Group) else node.operand
    return isinstance(node, NumberLiteral)


def span_length(node: Node) -> int:
    return node.end - node.start
