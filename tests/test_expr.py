"""Check expressions: parsing, exact interval evaluation, errors and hostile input."""

from __future__ import annotations

import builtins
import pickle
import signal
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawgov_cli.core import expr
from lawgov_cli.core.expr import (
    Expr,
    ExprError,
    Interval,
    Outcome,
    Quantity,
    Truth,
    check_names,
    evaluate,
    names,
    parse,
)

METRICS = {
    "mediation.succeeded": Quantity(4126),
    "mediation.total": Quantity(4231),
    "mediation.success-rate": Quantity(97.52),
    "legal-advice.opinions": Quantity(800, "余"),
    "reconsideration.closed": Quantity(731),
    "reconsideration.received": Quantity(876),
}

# Comparisons of known truth, to combine in the logic tests.
TRUE_CHECK = "reconsideration.closed <= reconsideration.received"
FALSE_CHECK = "mediation.success-rate >= 98"
UNDECIDED_CHECK = "legal-advice.opinions > 900"
CHECKS = {Truth.TRUE: TRUE_CHECK, Truth.FALSE: FALSE_CHECK, Truth.UNDECIDED: UNDECIDED_CHECK}


def lookup(name: str) -> Quantity:
    return METRICS[name]  # KeyError for an unknown id, as the CLI's lookup does


def outcome(source: str, metrics: dict[str, Quantity] | None = None) -> Outcome:
    values = METRICS if metrics is None else metrics
    return evaluate(parse(source), values.__getitem__)


def truth(source: str, metrics: dict[str, Quantity] | None = None) -> Truth:
    return outcome(source, metrics).truth


def check(source: str) -> Outcome:
    """Parse ``source``, check its ids against METRICS and evaluate it, as the CLI does."""
    parsed = parse(source)
    check_names(parsed, METRICS)
    return evaluate(parsed, lookup)


def error(source: str) -> ExprError:
    with pytest.raises(ExprError) as caught:
        check(source)
    return caught.value


# --- the four kinds of result ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("mediation.success-rate >= 95", Truth.TRUE),
        ("mediation.success-rate >= 98", Truth.FALSE),
        ("reconsideration.closed <= reconsideration.received", Truth.TRUE),
        ("mediation.succeeded / mediation.total * 100 >= 97.5", Truth.TRUE),
        ("mediation.succeeded / mediation.total * 100 >= 97.52", Truth.FALSE),
        (
            "round(mediation.succeeded / mediation.total * 100, 2) == mediation.success-rate",
            Truth.TRUE,
        ),
        (
            "round(mediation.succeeded / mediation.total * 100, 1) == mediation.success-rate",
            Truth.FALSE,
        ),
        ("legal-advice.opinions >= 800", Truth.TRUE),
        ("legal-advice.opinions > 800", Truth.TRUE),
        ("legal-advice.opinions > 900", Truth.UNDECIDED),
        ("legal-advice.opinions < 800", Truth.FALSE),
        ("legal-advice.opinions <= 800", Truth.FALSE),
        ("legal-advice.opinions == 800", Truth.FALSE),
        ("legal-advice.opinions != 800", Truth.TRUE),
        ("legal-advice.opinions == 900", Truth.UNDECIDED),
        ("legal-advice.opinions >= 800 and not (legal-advice.opinions > 900)", Truth.UNDECIDED),
        ("legal-advice.opinions >= 800 and not (legal-advice.opinions < 800)", Truth.TRUE),
        ("legal-advice.opinions - 800 > 0", Truth.TRUE),
        ("legal-advice.opinions - legal-advice.opinions == 0", Truth.UNDECIDED),
        ("reconsideration.closed < legal-advice.opinions", Truth.TRUE),
        ("abs(731 - reconsideration.received) == 145", Truth.TRUE),
        ("min(reconsideration.closed, reconsideration.received) == 731", Truth.TRUE),
        ("max(reconsideration.closed, reconsideration.received, 800) == 876", Truth.TRUE),
        ("-reconsideration.closed < +reconsideration.closed", Truth.TRUE),
        ("1 + 2 * 3 == 7 and (1 + 2) * 3 == 9 and 7 - 2 - 1 == 4 and 8 / 4 / 2 == 1", Truth.TRUE),
        ("0.1 + 0.2 == 0.3", Truth.TRUE),
        ("1 / 3 * 3 == 1", Truth.TRUE),
    ],
)
def test_truth_of_checks(source: str, expected: Truth) -> None:
    assert truth(source) is expected


def test_why_says_what_was_compared() -> None:
    assert outcome("mediation.success-rate >= 98").why == "97.52 < 98"
    assert outcome("mediation.success-rate >= 95").why == "97.52 >= 95"
    assert outcome(UNDECIDED_CHECK).why == (
        "legal-advice.opinions is more than 800, so > 900 cannot be decided"
    )
    assert outcome("legal-advice.opinions < 800").why == (
        "legal-advice.opinions is more than 800, so < 800 cannot hold"
    )
    # A quotient that does not terminate is cut to 6 significant digits and marked.
    assert outcome("mediation.succeeded / mediation.total * 100 >= 97.52").why == (
        "97.5183… < 97.52"
    )


def test_why_of_a_compound_check_names_the_deciding_part() -> None:
    assert outcome(f"{TRUE_CHECK} and {FALSE_CHECK}").why == "97.52 < 98"
    assert outcome(f"{FALSE_CHECK} or {UNDECIDED_CHECK}").why == outcome(UNDECIDED_CHECK).why
    assert outcome(f"not ({TRUE_CHECK})").why == "731 <= 876"


# --- Kleene logic ----------------------------------------------------------------------------

ORDER = [Truth.FALSE, Truth.UNDECIDED, Truth.TRUE]  # Kleene: and is min, or is max, not reverses


@pytest.mark.parametrize("left", ORDER)
@pytest.mark.parametrize("right", ORDER)
def test_kleene_and_or(left: Truth, right: Truth) -> None:
    conjunction = min(ORDER.index(left), ORDER.index(right))
    disjunction = max(ORDER.index(left), ORDER.index(right))
    assert truth(f"{CHECKS[left]} and {CHECKS[right]}") is ORDER[conjunction]
    assert truth(f"{CHECKS[left]} or {CHECKS[right]}") is ORDER[disjunction]


def test_kleene_examples() -> None:
    assert truth(f"{UNDECIDED_CHECK} or {TRUE_CHECK}") is Truth.TRUE
    assert truth(f"{UNDECIDED_CHECK} and {FALSE_CHECK}") is Truth.FALSE
    assert truth(f"not {UNDECIDED_CHECK}") is Truth.UNDECIDED
    assert truth(f"not not {FALSE_CHECK}") is Truth.FALSE


def test_and_binds_tighter_than_or_and_not_tighter_than_and() -> None:
    # FALSE and FALSE or TRUE: (F and F) or T = T; F and (F or T) would be F.
    assert truth(f"{FALSE_CHECK} and {FALSE_CHECK} or {TRUE_CHECK}") is Truth.TRUE
    # not F and F: (not F) and F = F; not (F and F) would be T.
    assert truth(f"not {FALSE_CHECK} and {FALSE_CHECK}") is Truth.FALSE


# --- rounding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "round(2.5, 0) == 3",
        "round(0.125, 2) == 0.13",
        "round(-2.5, 0) == -3",
        "round(1.5, 0) == 2",
        "round(0.5, 0) == 1",
        "round(2.4999, 0) == 2",
        "round(97.515, 2) == 97.52",
        "round(1 / 3, 12) == 0.333333333333",
        "round(2 / 3, 3) == 0.667",
    ],
)
def test_round_is_half_up_and_exact(source: str) -> None:
    assert truth(source) is Truth.TRUE


def test_round_of_a_bound() -> None:
    # 约800 is [720, 880]: rounded to hundreds it is 700 to 900.
    about = {"x": Quantity(800, "约")}
    assert truth("round(x / 100, 0) >= 7", about) is Truth.TRUE
    assert truth("round(x / 100, 0) <= 9", about) is Truth.TRUE
    assert truth("round(x / 100, 0) == 8", about) is Truth.UNDECIDED
    # 近3 is [2.7, 3): every value rounds to 3.
    assert truth("round(x, 0) == 3", {"x": Quantity(3, "近")}) is Truth.TRUE
    # 近2.5 is [2.25, 2.5): 2.5 itself is excluded, so it never rounds up to 3.
    assert truth("round(x, 0) == 2", {"x": Quantity(2.5, "近")}) is Truth.TRUE


# --- qualifiers and intervals ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("qualifier", "shown"),
    [
        ("", "800"),
        ("余", "(800, ∞)"),
        ("多", "(800, ∞)"),
        ("超", "(800, ∞)"),
        ("超过", "(800, ∞)"),
        ("逾", "(800, ∞)"),
        ("以上", "[800, ∞)"),
        ("近", "[720, 800)"),
        ("约", "[720, 880]"),
    ],
)
def test_qualifier_table(qualifier: str, shown: str) -> None:
    assert qualifier in expr.QUALIFIER_READINGS
    assert str(Interval.of(Quantity(800, qualifier))) == shown


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [("餘", "余"), ("約", "约"), ("超過", "超过"), ("不超過", "不超过")],
)
def test_a_qualifier_stored_in_traditional_is_read_as_its_simplified_form(
    traditional: str, simplified: str
) -> None:
    """Import stores qualifiers in Simplified; a file that keeps one as the figure writes it
    (800餘件 with qualifier 餘) still bounds the figure the same way, never as exact."""
    assert traditional not in expr.QUALIFIER_READINGS
    assert Interval.of(Quantity(800, traditional)) == Interval.of(Quantity(800, simplified))


@pytest.mark.parametrize(
    ("source", "qualifier", "expected"),
    [
        ("x >= 800", "以上", Truth.TRUE),
        ("x > 800", "以上", Truth.UNDECIDED),
        ("x < 800", "近", Truth.TRUE),
        ("x >= 720", "近", Truth.TRUE),
        ("x > 720", "近", Truth.UNDECIDED),
        ("x >= 720 and x <= 880", "约", Truth.TRUE),
        ("x > 880", "约", Truth.FALSE),
        ("x == 800", "约", Truth.UNDECIDED),
    ],
)
def test_qualified_values_are_bounds(source: str, qualifier: str, expected: Truth) -> None:
    assert truth(source, {"x": Quantity(800, qualifier)}) is expected


# Each case needs the ends' open/closed state carried exactly through one operation: a sloppy
# end would turn the decided answer into UNDECIDED (or worse), which sampling cannot notice.
MORE_THAN_800, AT_LEAST_800, NEARLY_800 = (
    Quantity(800, "余"),
    Quantity(800, "以上"),
    Quantity(800, "近"),
)
ABOUT_1000, NEARLY_1000 = Quantity(1000, "约"), Quantity(1000, "近")


@pytest.mark.parametrize(
    ("source", "quantity", "expected"),
    [
        ("x - 800 > 0", MORE_THAN_800, Truth.TRUE),
        ("800 - x < 0", MORE_THAN_800, Truth.TRUE),
        ("x * 2 > 1600", MORE_THAN_800, Truth.TRUE),
        ("x * -2 < -1600", MORE_THAN_800, Truth.TRUE),
        ("x * x > 640000", MORE_THAN_800, Truth.TRUE),
        ("(x - 800) * (x - 800) > 0", MORE_THAN_800, Truth.TRUE),
        ("0 * x == 0", MORE_THAN_800, Truth.TRUE),
        ("x * 2 >= 1600", AT_LEAST_800, Truth.TRUE),
        ("x * 2 > 1600", AT_LEAST_800, Truth.UNDECIDED),
        ("800 / x < 1", MORE_THAN_800, Truth.TRUE),
        ("800 / x > 0", MORE_THAN_800, Truth.TRUE),
        ("800 / x <= 1", AT_LEAST_800, Truth.TRUE),
        ("800 / x < 1", AT_LEAST_800, Truth.UNDECIDED),
        ("800 / x > 0", AT_LEAST_800, Truth.TRUE),
        ("-800 / x >= -1", AT_LEAST_800, Truth.TRUE),
        ("-800 / x < 0", AT_LEAST_800, Truth.TRUE),
        ("1 / (x - 1000) <= -0.01", NEARLY_1000, Truth.TRUE),  # x - 1000 is [-100, 0)
        ("abs(x - 1000) <= 100", ABOUT_1000, Truth.TRUE),
        ("abs(x - 1000) >= 0", ABOUT_1000, Truth.TRUE),
        ("abs(x - 1000) < 1", ABOUT_1000, Truth.UNDECIDED),  # 0 is possible
        ("abs(x - 950) <= 50", NEARLY_1000, Truth.TRUE),  # [-50, 50) folds to [0, 50]
        ("abs(x - 950) < 50", NEARLY_1000, Truth.UNDECIDED),
        ("abs(x - 1000) > 0", NEARLY_1000, Truth.TRUE),  # [-100, 0) folds to (0, 100]
        ("min(x, 800) < 800", NEARLY_800, Truth.TRUE),
        ("min(x, 800) >= 720", NEARLY_800, Truth.TRUE),
        ("max(x, 800) == 800", NEARLY_800, Truth.TRUE),
        ("max(x, 700) < 800", NEARLY_800, Truth.TRUE),
        ("min(x, 900) > 800", MORE_THAN_800, Truth.TRUE),
        ("min(x, 900) <= 900", MORE_THAN_800, Truth.TRUE),
        ("max(x, 900) >= 900", MORE_THAN_800, Truth.TRUE),
        ("max(x, 900) > 900", MORE_THAN_800, Truth.UNDECIDED),
        ("round(x, 0) >= 800", MORE_THAN_800, Truth.TRUE),
        ("round(x, 0) > 800", MORE_THAN_800, Truth.UNDECIDED),
        ("round(x - 800.5, 0) >= 0", MORE_THAN_800, Truth.TRUE),  # (-0.5, ∞): -0.5 is excluded
        ("round(800.5 - x, 0) <= 0", MORE_THAN_800, Truth.TRUE),
    ],
)
def test_bounds_stay_tight(source: str, quantity: Quantity, expected: Truth) -> None:
    assert truth(source, {"x": quantity}) is expected


def test_interval_text() -> None:
    assert str(Interval(Fraction("97.515"), Fraction("97.525"), True, False)) == "[97.515, 97.525)"
    assert str(Interval(None, None, False, False)) == "(-∞, ∞)"
    assert str(Interval(None, Fraction(-5), False, True)) == "(-∞, -5]"
    assert str(Interval.point(Fraction(1, 3))) == "0.333333…"
    assert str(Interval.point(Fraction(2438, 25))) == "97.52"
    assert str(Interval.point(Fraction(10) ** 40)) == "1e40"


def test_floats_are_read_as_their_decimals() -> None:
    assert Interval.of(Quantity(97.52)) == Interval.point(Fraction(2438, 25))


def test_division_by_a_range_that_holds_zero_is_undecided() -> None:
    result = outcome("1 / (legal-advice.opinions - 900) > 0")
    assert result.truth is Truth.UNDECIDED
    assert "could be any number" in result.why


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        (Quantity(800, "大约"), 'metric "x" has unknown qualifier "大约"'),
        (Quantity(float("nan")), 'metric "x" has no finite value (nan)'),
        (Quantity(float("inf")), 'metric "x" has no finite value (inf)'),
    ],
)
def test_unusable_values_are_errors(quantity: Quantity, message: str) -> None:
    with pytest.raises(ExprError) as caught:
        evaluate(parse("1 + x > 0"), {"x": quantity}.__getitem__)
    assert (caught.value.message, caught.value.position) == (message, 4)


# --- errors and where they point -------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "position", "caret", "message"),
    [
        ("a >= 5 and b @ 3 or c < 1", 13, "             ^", "unexpected character '@'"),
        ("9**9", 1, " ^^", "'**' (power) is not supported"),
        ("__import__('os').system('x')", 0, "^", "'_' is not allowed"),
        ("x.__class__", 1, " ^", "'.' only joins the words of a metric id"),
        ("1 < 2 < 3", 6, "      ^", "comparisons do not chain"),
        ("(1 < 2", 0, "^", "'(' is never closed"),
        ("(1 < 2))", 7, "       ^", "unmatched ')'"),
        ("(1 + 2 3) > 1", 7, "       ^", "expected ')' or an operator, found '3'"),
        ("", 0, "^", "empty expression"),
        ("   ", 0, "^", "empty expression"),
        ("1 >=", 4, "    ^", "expected a number, metric id or '(', but the expression ends here"),
        ("1 / (mediation.total - 4231) > 0", 2, "  ^", "division by zero"),
        ("mediation.totl > 1", 0, "^" * 14, 'unknown metric "mediation.totl"'),
        ("1 < mediaton.succeeded", 4, "    " + "^" * 18, 'unknown metric "mediaton.succeeded"'),
        ("sqrt(2) > 1", 0, "^^^^", 'unknown function "sqrt"'),
        ("Mediation.total > 1", 0, "^", "uppercase letter 'M'"),
        ("mediation.Total > 1", 10, " " * 10 + "^", "uppercase letter 'T'"),
        ("x = 1", 2, "  ^", "write == to compare"),
        ("x ≥ 1", 2, "  ^", "non-ASCII character '≥': write >="),
        ("x > .5", 4, "    ^", "write 0.5, not .5"),
        ("x > 12.", 6, "      ^", "a number cannot end with '.'"),
        ("x > 1.2.3", 7, "       ^", "at most one decimal point"),
        ("x > 1e5", 5, "     ^", "a number cannot run into a name"),
        ("x > 1" + "0" * 30, 4, "    " + "^" * 31, "number too long (31 digits, limit 30)"),
        ("x > 'a'", 4, "    ^", "quotes are not allowed"),
        ("x[0] > 1", 1, " ^", "'[' is not allowed"),
        ("x > 1; y > 2", 5, "     ^", "unexpected character ';'"),
        ("lambda: 1", 6, "      ^", "unexpected character ':'"),
        ("x > 1 y", 6, "      ^", "expected an operator, found 'y'"),
        ("5", 0, "^", "must be a comparison, e.g. x >= 5"),
        ("mediation.total", 0, "^" * 15, "must be a comparison"),
        ("(1 < 2) + 1 > 0", 0, "^" * 7, "expected a number here, not a comparison"),
        ("not 5", 4, "    ^", "expected a comparison here"),
        ("1 and 2 > 1", 0, "^", "expected a comparison here"),
        ("round(1.5) == 2", 0, "^" * 10, "round takes 2 arguments"),
        ("round(1.5, 13) == 2", 11, " " * 11 + "^^", "whole number from 0 to 12"),
        ("round(1.5, 0.5) == 2", 11, " " * 11 + "^^^", "whole number from 0 to 12"),
        ("round(1.5, -1) == 2", 11, " " * 11 + "^^", "whole number from 0 to 12"),
        ("abs(1, 2) > 0", 0, "^" * 9, "abs takes 1 argument"),
        ("min(1) > 0", 0, "^" * 6, "min takes 2 or more arguments"),
    ],
)
def test_errors_point_at_the_fault(source: str, position: int, caret: str, message: str) -> None:
    err = error(source)
    assert message in err.message
    assert str(err) == err.message
    assert err.position == position
    assert err.caret(source) == f"{source}\n{caret}"


def test_unknown_metric_suggests_a_close_id() -> None:
    err = error("mediation.totl > 1")
    assert err.message == 'unknown metric "mediation.totl"; did you mean mediation.total?'


def test_hyphen_without_spaces_is_part_of_the_id() -> None:
    err = error("mediation.total-mediation.succeeded > 100")
    assert err.message == (
        'unknown metric "mediation.total-mediation.succeeded"; '
        "put spaces around - to subtract: mediation.total - mediation.succeeded"
    )
    assert (err.position, err.length) == (0, 35)
    assert error("mediation.total-105 > 1").message.endswith(": mediation.total - 105")
    assert truth("mediation.total - mediation.succeeded == 105") is Truth.TRUE


def test_evaluate_reports_ids_that_lookup_does_not_know() -> None:
    with pytest.raises(ExprError) as caught:
        evaluate(parse("1 < mediation.total-mediation.succeeded"), lookup)
    assert caught.value.position == 4
    assert caught.value.message.startswith('unknown metric "mediation.total-mediation.succeeded"')
    assert "put spaces around - to subtract" in caught.value.message


def test_division_by_zero_is_an_error_even_beside_a_deciding_operand() -> None:
    source = f"{FALSE_CHECK} and 1 / 0 > 1"
    with pytest.raises(ExprError, match="division by zero") as caught:
        evaluate(parse(source), lookup)
    assert caught.value.position == source.index("/")


def test_caret_of_a_long_source_shows_a_window() -> None:
    source = "x" * 5000
    err = error(source)
    assert err.position == 4096
    assert err.message == "expression too long (5000 characters, limit 4096)"
    shown, carets = err.caret(source).split("\n")
    assert len(shown) < 100
    assert shown.startswith("...")
    assert shown.endswith("...")
    assert carets.strip() == "^"


def test_caret_keeps_columns_for_tabs_and_wide_characters() -> None:
    source = "x\t>=\t五"
    err = error(source)
    assert err.position == 5
    assert err.caret(source) == "x >= 五\n     ^^"


def test_expr_error_survives_pickling() -> None:
    err = pickle.loads(pickle.dumps(ExprError("division by zero", 3, 1)))
    assert (err.message, err.position, err.length) == ("division by zero", 3, 1)


# --- names -----------------------------------------------------------------------------------


def test_names_in_order_of_appearance_each_once() -> None:
    parsed = parse("round(b.x / a-y * 100, 2) == c and (a-y > 1 or b.x < 2)")
    assert names(parsed) == [("b.x", 6), ("a-y", 12), ("c", 29)]
    assert names(parse("round(1, 2) == 1")) == []
    assert names(parse("round > max")) == [("round", 0), ("max", 8)]


def test_keywords_end_at_word_boundaries() -> None:
    assert names(parse("notx > 1 and andy < 2 or orb == 3")) == [
        ("notx", 0),
        ("andy", 13),
        ("orb", 25),
    ]


def test_check_names_accepts_known_ids() -> None:
    assert check_names(parse(TRUE_CHECK), METRICS) is None
    # the same check with one of its ids unknown is refused at that id
    known = {name: value for name, value in METRICS.items() if name != "reconsideration.received"}
    with pytest.raises(ExprError) as raised:
        check_names(parse(TRUE_CHECK), known)
    at = TRUE_CHECK.index("reconsideration.received")
    assert (raised.value.position, raised.value.length) == (at, len("reconsideration.received"))


def test_expr_is_immutable_and_compares_by_source() -> None:
    parsed = parse(TRUE_CHECK)
    assert parsed == parse(TRUE_CHECK)
    assert str(parsed) == TRUE_CHECK
    assert TRUE_CHECK in repr(parsed)
    with pytest.raises(AttributeError):
        parsed.source = "x > 1"  # type: ignore[misc]


# --- hostile input ---------------------------------------------------------------------------

HOSTILE = {
    "power tower": ("9**9**9**9", 1, "'**'"),
    "500 parentheses": ("(" * 500 + "1" + ")" * 500 + " > 0", 64, "nested too deeply"),
    "5000 parentheses": ("(" * 5000 + "1" + ")" * 5000 + " > 0", 4096, "too long"),
    "4000 unary minus": ("-" * 4000 + "1 > 0", 64, "nested too deeply"),
    "1000 not": ("not " * 1000 + "1 > 0", 256, "nested too deeply"),
    "3000 not": ("not " * 3000 + "1 > 0", 4096, "too long"),
    "500 calls": ("abs(" * 500 + "1" + ")" * 500 + " > 0", 256, "nested too deeply"),
    "1 MB": ("1 + " * 250_000 + "1 > 0", 4096, "too long"),
    "1 MB of parentheses": ("(" * 1_000_000, 4096, "too long"),
}


def test_hostile_input_is_refused_quickly() -> None:
    started = time.perf_counter()
    for source, position, message in HOSTILE.values():
        with pytest.raises(ExprError) as caught:
            parse(source)
        assert message in caught.value.message
        assert caught.value.position == position
    assert time.perf_counter() - started < 1.0  # a hang guard, not a benchmark


def test_deep_but_allowed_nesting_parses_and_evaluates() -> None:
    started = time.perf_counter()
    allowed = [
        "(" * 64 + "1" + ")" * 64 + " > 0",
        "-" * 64 + "1 < 1",
        "not " * 63 + "(1 > 0)",
        "round(" * 64 + "1" + ", 0)" * 64 + " == 1",
        "abs(1 + 2 * " * 64 + "1" + ")" * 64 + " > 0",
        "(1 > 0 and " * 64 + "1 > 0" + ")" * 64,
        " + ".join(["1"] * 1000) + " == 1000",  # long chains are flat, not deep
        " and ".join(["1 < 2"] * 400),
    ]
    for source in allowed:
        assert isinstance(evaluate(parse(source), lookup), Outcome)
    assert time.perf_counter() - started < 1.0


def test_huge_values_stay_exact_and_printable() -> None:
    thirty_nines = "9" * 30
    source = " * ".join([thirty_nines] * 100) + " > 1"
    result = outcome(source)
    assert result.truth is Truth.TRUE
    assert result.why.endswith("e2999 > 1")


def test_package_never_runs_source_as_code() -> None:
    modules = sorted(Path(expr.__file__).parent.glob("*.py"))
    assert len(modules) > 1  # the package's modules, not just its __init__
    for module in modules:
        text = module.read_text(encoding="utf-8")
        for forbidden in ("eval(", "exec(", "compile(", "import ast", "__import__("):
            assert forbidden not in text, f"{module.name} contains {forbidden}"


# --- properties ------------------------------------------------------------------------------

GRAMMAR_ALPHABET = "abc.-_0123456789 ()+-*/<>=!andortround,"


def one(name: str) -> Quantity:
    return Quantity(1)


def parse_and_evaluate(source: str) -> Outcome | ExprError:
    """The outcome with every id worth 1, or the ExprError; any other exception escapes."""
    try:
        parsed = parse(source)
        assert isinstance(parsed, Expr)
        return evaluate(parsed, one)
    except ExprError as err:
        return err


def assert_only_expr_errors(source: str) -> None:
    result = parse_and_evaluate(source)
    if isinstance(result, ExprError):
        assert 0 <= result.position <= len(source)
        assert result.length >= 1
        assert len(result.caret(source).split("\n")) == 2
    else:
        assert isinstance(result.truth, Truth)


@contextmanager
def hang_guard(seconds: float = 10) -> Iterator[None]:
    """Fail, rather than stall the suite, if one example runs for ``seconds``: a guard against
    a hang, not a speed test (an example takes well under a millisecond)."""

    def hung(signum: int, frame: object) -> None:
        raise AssertionError(f"an expression ran for {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_parses_or_raises_expr_error(source: str) -> None:
    with hang_guard():
        assert_only_expr_errors(source)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=GRAMMAR_ALPHABET))
def test_grammar_alphabet_parses_or_raises_expr_error(source: str) -> None:
    with hang_guard():
        assert_only_expr_errors(source)


# Pieces of Python an attacker would try, mixed with pieces of the grammar.
PYTHON_PIECES = [
    "__import__",
    "('os')",
    ".system",
    "('id')",
    "eval",
    "exec",
    "open",
    "(",
    ")",
    "[",
    "]",
    "'",
    '"',
    "__class__",
    "__subclasses__()",
    "__globals__",
    "lambda",
    ":",
    "**",
    "9",
    " ",
    "getattr",
    ",",
    "A",
    "_",
    ".",
    "mediation.total",
    ">=",
    "and",
    "not",
    "1e9",
    "{}",
    "%s",
    "\\x41",
    ";",
    "import",
    "os",
    "\n",
    "#",
    "@",
    "`",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PYTHON_PIECES), max_size=40).map("".join))
def test_python_shaped_input_is_only_ever_refused_or_read_as_arithmetic(source: str) -> None:
    events: list[str] = []
    with hang_guard(), watched(events):
        assert_only_expr_errors(source)
    assert events == [], events


_WATCHING: list[list[str]] = []
# What running anything but arithmetic would show: code compiled or run, a module imported, a
# file opened, a process started.
_DANGEROUS = ("exec", "compile", "import", "open", "os.", "subprocess.", "ctypes.", "socket.")


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _WATCHING and event.startswith(_DANGEROUS):
        _WATCHING[-1].append(event)


sys.addaudithook(_audit)  # audit hooks cannot be removed: it records only inside ``watched``


@contextmanager
def watched(events: list[str]) -> Iterator[None]:
    assert_only_expr_errors("a > 1")  # any lazy import of the expression code happens here
    assert_only_expr_errors("9**9")
    _WATCHING.append(events)
    try:
        yield
    finally:
        _WATCHING.pop()


@contextmanager
def builtins_refused(*attributes: str) -> Iterator[None]:
    """Make the named builtins raise while the block runs."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the expression module called a refused builtin")

    saved = {attribute: getattr(builtins, attribute) for attribute in attributes}
    for attribute in attributes:
        setattr(builtins, attribute, refuse)
    try:
        yield
    finally:
        for attribute, original in saved.items():
            setattr(builtins, attribute, original)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=GRAMMAR_ALPHABET))
def test_parse_and_evaluate_use_no_import_eval_exec_or_open(source: str) -> None:
    with builtins_refused("__import__", "eval", "exec", "open"):
        result = parse_and_evaluate(source)
    assert isinstance(result, Outcome | ExprError)


# Arithmetic trees: an int leaf, or (operator, left, right).
Tree = int | tuple[str, "Tree", "Tree"]

trees: st.SearchStrategy[Tree] = st.recursive(
    st.integers(-20, 20),
    lambda children: st.tuples(st.sampled_from("+-*/"), children, children),
    max_leaves=12,
)


def render(tree: Tree) -> str:
    if isinstance(tree, int):
        return str(tree)  # a negative leaf exercises the unary minus
    operator, left, right = tree
    return f"({render(left)} {operator} {render(right)})"


def compute(tree: Tree) -> Fraction:
    """The tree's value with Fraction; ZeroDivisionError as Python raises it."""
    if isinstance(tree, int):
        return Fraction(tree)
    operator, left, right = tree
    a, b = compute(left), compute(right)
    if operator == "+":
        return a + b
    if operator == "-":
        return a - b
    return a * b if operator == "*" else a / b


COMPARE: dict[str, Callable[[Fraction, Fraction], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}
comparisons = st.tuples(trees, st.sampled_from(sorted(COMPARE)), trees)


@settings(max_examples=300, deadline=None)
@given(st.lists(comparisons, min_size=1, max_size=3), st.sampled_from(["and", "or"]), st.booleans())
def test_exact_arithmetic_agrees_with_fractions(
    parts: list[tuple[Tree, str, Tree]], joiner: str, negate: bool
) -> None:
    source = f" {joiner} ".join(f"{render(a)} {op} {render(b)}" for a, op, b in parts)
    if negate:
        source = f"not ({source})"
    try:
        results = [COMPARE[op](compute(a), compute(b)) for a, op, b in parts]
    except ZeroDivisionError:
        with pytest.raises(ExprError, match="division by zero"):
            evaluate(parse(source), one)
        return
    expected = all(results) if joiner == "and" else any(results)
    expected ^= negate
    assert truth(source) is (Truth.TRUE if expected else Truth.FALSE)


# Soundness: whatever interval evaluation decides must hold for every value the bounds allow.
QUALIFIERS = sorted(expr.QUALIFIER_READINGS)
SAMPLE_CENTS = {  # the range of a sample, in hundredths, for a stated value v
    "": lambda v: (100 * v, 100 * v),
    "余": lambda v: (100 * v + 1, 100 * v + 10_000),
    "多": lambda v: (100 * v + 1, 100 * v + 10_000),
    "超": lambda v: (100 * v + 1, 100 * v + 10_000),
    "超过": lambda v: (100 * v + 1, 100 * v + 10_000),
    "逾": lambda v: (100 * v + 1, 100 * v + 10_000),
    "以上": lambda v: (100 * v, 100 * v + 10_000),
    "近": lambda v: (90 * v, 100 * v - 1),
    "约": lambda v: (90 * v, 110 * v),
    "左右": lambda v: (90 * v, 110 * v),
}
# Upper bounds: fewer than v (不到, 不足), v or fewer (以内, 以下).
SAMPLE_CENTS |= {
    "不到": lambda v: (100 * v - 10_000, 100 * v - 1),
    "不足": lambda v: (100 * v - 10_000, 100 * v - 1),
    "以内": lambda v: (100 * v - 10_000, 100 * v),
    "以下": lambda v: (100 * v - 10_000, 100 * v),
    "不超过": lambda v: (100 * v - 10_000, 100 * v),
    "不超": lambda v: (100 * v - 10_000, 100 * v),
    "不少于": lambda v: (100 * v, 100 * v + 10_000),
    "不低于": lambda v: (100 * v, 100 * v + 10_000),
}

numeric_trees: st.SearchStrategy[str] = st.recursive(
    st.sampled_from(["a", "b", "c", "0", "1", "2.5", "100"]),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from("+-*/"), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        inner.map(lambda x: f"-{x}"),
        inner.map(lambda x: f"abs({x})"),
        st.tuples(st.sampled_from(["min", "max"]), inner, inner).map(
            lambda t: f"{t[0]}({t[1]}, {t[2]})"
        ),
        st.tuples(inner, st.integers(0, 2)).map(lambda t: f"round({t[0]}, {t[1]})"),
    ),
    max_leaves=6,
)


def test_sample_ranges_cover_the_whole_qualifier_table() -> None:
    assert sorted(SAMPLE_CENTS) == QUALIFIERS


@settings(max_examples=400, deadline=None)
@given(
    st.tuples(numeric_trees, st.sampled_from(sorted(COMPARE)), numeric_trees),
    st.fixed_dictionaries(
        {name: st.tuples(st.integers(1, 50), st.sampled_from(QUALIFIERS)) for name in "abc"}
    ),
    st.data(),
)
def test_interval_evaluation_is_sound(
    check: tuple[str, str, str], stated: dict[str, tuple[int, str]], data: st.DataObject
) -> None:
    source = " ".join(check)
    parsed = parse(source)
    bounded = {name: Quantity(value, qualifier) for name, (value, qualifier) in stated.items()}
    try:
        decided = evaluate(parsed, bounded.__getitem__).truth
    except ExprError:
        return  # a division by an exact zero, which any sample would hit too
    samples: dict[str, Quantity] = {}
    for name, (value, qualifier) in stated.items():
        low, high = SAMPLE_CENTS[qualifier](value)
        cents = data.draw(st.integers(low, high), label=name)
        samples[name] = Quantity(float(f"{cents // 100}.{cents % 100:02d}"))
        assert Interval.of(bounded[name]).contains(Fraction(cents, 100))
    try:
        sampled = evaluate(parsed, samples.__getitem__).truth
    except ExprError:
        return  # the divisor's range held 0 and this sample hit it
    assert sampled is not Truth.UNDECIDED
    if decided is not Truth.UNDECIDED:
        assert sampled is decided


@pytest.mark.parametrize(
    "source",
    [
        "mediation.total > 1 and " * 8 + "mediation.total > > 1 and " + "x > 1 and " * 8 + "1 > 0",
        "x > 1 and " + "（调解成功率）" * 12 + " > 95",
        "x" * 5000 + " >",
    ],
)
def test_a_caret_line_fits_an_80_column_terminal_and_points_at_the_fault(source: str) -> None:
    with pytest.raises(ExprError) as caught:
        parse(source)
    shown, marks = caught.value.caret(source).split("\n")
    width = [2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in shown]
    assert sum(width) + 2 <= 80  # the message indents it by two spaces
    column = marks.index("^")
    at, used = 0, 0
    while used < column:
        used += width[at]
        at += 1
    fault = source[caught.value.position]
    assert shown[at] == fault or (fault.isspace() and shown[at] == " ")
