"""Checks over a report's figures: the report's own ``[[checks]]``, a checks file, or expressions
typed on the command line. Every expression is parsed and its ids resolved before any is
evaluated, so a bad one runs nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import LawgovError, Problem, ReportError
from .expr import Expr, ExprError, Quantity, Truth, check_names, evaluate, names, parse
from .loader import checks_from_file, require_path
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
            outcome = evaluate(expr, lambda mid: _quantity(by_id[mid]))
        except ExprError as err:
            raise CheckExpressionError(err, check.expr, _label(check, index, origin)) from None
        used = tuple(by_id[name] for name, _ in names(expr))
        results.append(CheckResult(check, outcome.truth, outcome.why, used))
    return results


def _quantity(metric: Metric) -> Quantity:
    return Quantity(metric.value, metric.qualifier)


def check_problems(
    checks: Sequence[Check], metrics: Sequence[Metric], invalid: Mapping[str, str] | None = None
) -> list[Problem]:
    """Every check that does not pass, as a problem located at its TOML path (for validate).

    ``invalid`` maps the ids of metrics left out for problems of their own to their TOML path:
    a check that reads one is not run, and says so, instead of calling the id unknown.
    """
    problems = []
    for index, check in enumerate(checks):
        where = f"checks[{index}]"
        try:
            expr = parse(check.expr)
            check_names(expr, {m.id for m in metrics} | set(invalid or ()))
        except ExprError as err:
            problems.append(_expression_problem(where, err))
            continue
        unusable = [name for name, _ in names(expr) if invalid and name in invalid]
        if invalid and unusable:
            name = unusable[0]
            problems.append(
                Problem(f"{where}.expr", f"not run: {name} is invalid (see {invalid[name]})")
            )
            continue
        try:
            [result] = run_checks([check], metrics)
        except CheckExpressionError as err:
            problems.append(_expression_problem(where, err))
            continue
        if result.truth is Truth.FALSE:
            message = f"check {check.id} fails: {check.expr} is false: {result.why}"
            problems.append(Problem(where, message))
        elif result.truth is Truth.UNDECIDED:  # the reason says "cannot be decided" itself
            message = f"check {check.id} is undecided: {check.expr}: {result.why}"
            problems.append(Problem(where, message))
    return problems


def _expression_problem(where: str, err: ExprError | CheckExpressionError) -> Problem:
    reason = err.message if isinstance(err, ExprError) else err.reason
    return Problem(
        f"{where}.expr",
        f"{reason} (at character {err.position + 1} of the expression)",
        offset=err.position,
    )


def load_checks(path: str | Path) -> list[Check]:
    """A checks file: only ``[[checks]]`` tables (id, expr, description)."""
    file = require_path(str(path), "checks")
    checks, problems = checks_from_file(Path(file))
    if problems:
        raise ReportError(file, problems)
    return checks
