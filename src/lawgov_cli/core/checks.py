"""Checks over a report's figures: the report's own ``[[checks]]``, a checks file, or expressions
typed on the command line. Every expression is parsed and its ids resolved before any is
evaluated, so a bad one runs nothing."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .errors import LawgovError, Problem, ReportError
from .expr import Expr, ExprError, Outcome, Quantity, Truth, check_names, evaluate, names, parse
from .loading.contents import checks_from_file
from .loading.files import require_path
from .model import Check, Metric


@dataclass(frozen=True, slots=True)
class CheckResult:
    check: Check
    truth: Truth
    why: str
    used: tuple[Metric, ...]  # the figures the expression reads, in order of appearance

    @property
    def passed(self) -> bool:
        return self.truth is Truth.TRUE


class CheckExpressionError(LawgovError):
    """A check that cannot run: a syntax error, an unknown id, a division by zero. The message
    shows the expression with a caret under the fault."""

    def __init__(self, err: ExprError, source: str, label: str = "") -> None:
        self.reason = err.message
        self.position = err.position
        prefix = f"{label}: " if label else ""
        caret = "\n".join("  " + line for line in err.caret(source).split("\n"))
        super().__init__(f"{prefix}{err.message}\n{caret}")


def _label(check: Check, index: int, origin: str) -> str:
    return f"{origin}[{index}] ({check.id})" if check.id else f"expression {index + 1}"


def compile_checks(
    checks: Sequence[Check], metrics: Sequence[Metric], origin: str = "checks"
) -> list[Expr]:
    """Parse every check and resolve its ids; the first fault raises CheckExpressionError."""
    known = {m.id for m in metrics}
    compiled = []
    for index, check in enumerate(checks):
        try:
            expr = parse(check.expr)
            check_names(expr, known)
        except ExprError as err:
            raise CheckExpressionError(err, check.expr, _label(check, index, origin)) from None
        compiled.append(expr)
    return compiled


def run_checks(
    checks: Sequence[Check], metrics: Sequence[Metric], origin: str = "checks"
) -> list[CheckResult]:
    """Evaluate checks over the figures, each with interval arithmetic: a figure with a
    qualifier (800余件) is a bound, so a result may be undecided."""
    compiled = compile_checks(checks, metrics, origin)
    by_id = {m.id: m for m in metrics}
    results = []
    for index, (check, expr) in enumerate(zip(checks, compiled, strict=True)):
        try:
            outcome = _evaluate(expr, by_id)
        except ExprError as err:
            raise CheckExpressionError(err, check.expr, _label(check, index, origin)) from None
        used = tuple(by_id[name] for name, _ in names(expr))
        results.append(CheckResult(check, outcome.truth, outcome.why, used))
    return results


def _evaluate(expr: Expr, by_id: Mapping[str, Metric]) -> Outcome:
    return evaluate(expr, lambda mid: Quantity(by_id[mid].value, by_id[mid].qualifier))


def check_problems(
    checks: Sequence[Check], metrics: Sequence[Metric], invalid: Mapping[str, str] | None = None
) -> list[Problem]:
    """Every check that does not pass, as a problem located at its TOML path (for validate).

    ``invalid`` maps the ids of metrics left out for problems of their own to their TOML path:
    a check that reads one is not run, and says so, instead of calling the id unknown.
    """
    invalid = invalid or {}
    by_id = {m.id: m for m in metrics}
    problems = []
    for index, check in enumerate(checks):
        where = f"checks[{index}]"
        try:
            expr = parse(check.expr)
            check_names(expr, by_id.keys() | invalid.keys())
            unusable = next((name for name, _ in names(expr) if name in invalid), None)
            outcome = None if unusable else _evaluate(expr, by_id)
        except ExprError as err:
            problems.append(_expression_problem(where, err))
            continue
        if unusable:
            message = f"not run: {unusable} is invalid (see {invalid[unusable]})"
            problems.append(Problem(f"{where}.expr", message))
        elif outcome is not None and outcome.truth is Truth.FALSE:
            message = f"check {check.id} fails: {check.expr} is false: {outcome.why}"
            problems.append(Problem(where, message))
        elif outcome is not None and outcome.truth is Truth.UNDECIDED:  # why says so itself
            message = f"check {check.id} is undecided: {check.expr}: {outcome.why}"
            problems.append(Problem(where, message))
    return problems


def _expression_problem(where: str, err: ExprError) -> Problem:
    return Problem(
        f"{where}.expr",
        f"{err.message} (at character {err.position + 1} of the expression)",
        offset=err.position,
    )


def load_checks(path: str | os.PathLike[str]) -> list[Check]:
    """A checks file: only ``[[checks]]`` tables (id, expr, description)."""
    file = require_path(os.fspath(path), "checks")
    checks, problems = checks_from_file(file)
    if problems:
        raise ReportError(file, problems)
    return checks
