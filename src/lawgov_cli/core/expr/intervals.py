"""Intervals: the values a figure allows, and exact interval arithmetic and comparison."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeAlias

from ..simplified import to_simplified
from .number_format import format_number
from .values import Quantity, Truth


@dataclass(frozen=True, slots=True)
class Reading:
    """How a qualifier bounds the stated value v: from ``low_factor``·v to ``high_factor``·v.

    A factor of None leaves that end unbounded. For a negative v the two finite ends swap.
    """

    low_factor: Fraction | None
    low_closed: bool
    high_factor: Fraction | None
    high_closed: bool


# What each qualifier says about the true number, relative to the stated value v.
QUALIFIER_READINGS: dict[str, Reading] = {
    "": Reading(Fraction(1), True, Fraction(1), True),  # exactly v
    "余": Reading(Fraction(1), False, None, False),  # 800余: more than v
    "多": Reading(Fraction(1), False, None, False),  # 800多: more than v
    "超": Reading(Fraction(1), False, None, False),  # 超800: more than v
    "超过": Reading(Fraction(1), False, None, False),  # 超过800: more than v
    "逾": Reading(Fraction(1), False, None, False),  # 逾800: more than v
    "以上": Reading(Fraction(1), True, None, False),  # 800以上: v or more
    # 近800, "nearly v": taken as within 10% below v, not reaching it.
    "近": Reading(Fraction(9, 10), True, Fraction(1), False),
    # 约800, "about v": taken as within 10% of v either way; 800左右 says the same.
    "约": Reading(Fraction(9, 10), True, Fraction(11, 10), True),
    "左右": Reading(Fraction(9, 10), True, Fraction(11, 10), True),
    # 不超过800: v or fewer; 不少于800, 不低于800: v or more.
    "不超过": Reading(None, False, Fraction(1), True),
    "不超": Reading(None, False, Fraction(1), True),
    "不少于": Reading(Fraction(1), True, None, False),
    "不低于": Reading(Fraction(1), True, None, False),
    # 不到800, 不足800: fewer than v; 800以内, 800以下: v or fewer. No lower bound is stated.
    "不到": Reading(None, False, Fraction(1), False),
    "不足": Reading(None, False, Fraction(1), False),
    "以内": Reading(None, False, Fraction(1), True),
    "以下": Reading(None, False, Fraction(1), True),
}


@dataclass(frozen=True, slots=True)
class Interval:
    """A set of possible values: from ``low`` to ``high``, each end open or closed.

    None is an unbounded end (and is always open). A single number is the closed interval
    [v, v]; ``str`` shows it as the number, other intervals as ``(800, ∞)`` or ``[1.5, 2)``.
    """

    low: Fraction | None
    high: Fraction | None
    low_closed: bool
    high_closed: bool

    def __post_init__(self) -> None:
        if (self.low is None and self.low_closed) or (self.high is None and self.high_closed):
            raise ValueError("an unbounded end of an interval cannot be closed")
        if self.low is not None and self.high is not None:
            if self.low > self.high:
                raise ValueError(f"empty interval: {self.low} > {self.high}")
            if self.low == self.high and not (self.low_closed and self.high_closed):
                raise ValueError(f"empty interval at {self.low}")

    @classmethod
    def point(cls, value: Fraction) -> Interval:
        return cls(value, value, True, True)

    @classmethod
    def of(cls, quantity: Quantity) -> Interval:
        """The values a stated figure allows; ValueError for an unknown qualifier or a value
        that is not a finite number (the message reads after the metric's name)."""
        reading = QUALIFIER_READINGS.get(quantity.qualifier)
        if reading is None:  # import stores Simplified; a file may hold one as written (餘)
            reading = QUALIFIER_READINGS.get(to_simplified(quantity.qualifier))
        if reading is None:
            raise ValueError(f'has unknown qualifier "{quantity.qualifier}"')
        value = _exact(quantity.value)
        low = None if reading.low_factor is None else reading.low_factor * value
        high = None if reading.high_factor is None else reading.high_factor * value
        low_closed, high_closed = reading.low_closed, reading.high_closed
        if low is not None and high is not None and low > high:  # a negative v flips the factors
            low, high, low_closed, high_closed = high, low, high_closed, low_closed
        if low is not None and low == high:
            return cls.point(low)  # 近0 would leave nothing between 0.9·0 and 0: read it as 0
        return cls(low, high, low_closed, high_closed)

    @property
    def point_value(self) -> Fraction | None:
        """The single value, if the interval is one point."""
        return self.low if self.low is not None and self.low == self.high else None

    def contains(self, value: Fraction) -> bool:
        above_low = self.low is None or self.low < value or (self.low == value and self.low_closed)
        below_high = (
            self.high is None or value < self.high or (value == self.high and self.high_closed)
        )
        return above_low and below_high

    def __str__(self) -> str:
        if self.point_value is not None:
            return format_number(self.point_value)
        if self.low is None:
            low = "(-∞"
        else:
            low = ("[" if self.low_closed else "(") + format_number(self.low)
        if self.high is None:
            high = "∞)"
        else:
            high = format_number(self.high) + ("]" if self.high_closed else ")")
        return f"{low}, {high}"


_ZERO = Fraction(0)
_UNBOUNDED = Interval(None, None, False, False)


def _exact(value: object) -> Fraction:
    """A stated number as an exact fraction: a float through its shortest decimal form, so
    97.52 becomes 2438/25 rather than the binary double nearest to it."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"has a value that is not a number: {value!r}")
    if isinstance(value, int):
        return Fraction(value)
    if not math.isfinite(value):
        raise ValueError(f"has no finite value ({value})")
    return Fraction(repr(value))


# Interval ends on the extended line: a Fraction, or the float -inf / +inf for an unbounded end.
# Only the infinities are floats, which keeps huge fractions from ever being turned into floats.
_Extended: TypeAlias = Fraction | float


def _low_end(interval: Interval) -> _Extended:
    return -math.inf if interval.low is None else interval.low


def _high_end(interval: Interval) -> _Extended:
    return math.inf if interval.high is None else interval.high


def _finite(value: _Extended) -> Fraction | None:
    return None if isinstance(value, float) else value


def negate(interval: Interval) -> Interval:
    low = None if interval.high is None else -interval.high
    high = None if interval.low is None else -interval.low
    return Interval(low, high, interval.high_closed, interval.low_closed)


def add(left: Interval, right: Interval) -> Interval:
    low = None if left.low is None or right.low is None else left.low + right.low
    high = None if left.high is None or right.high is None else left.high + right.high
    return Interval(
        low,
        high,
        low is not None and left.low_closed and right.low_closed,
        high is not None and left.high_closed and right.high_closed,
    )


def subtract(left: Interval, right: Interval) -> Interval:
    return add(left, negate(right))


def _times(x: _Extended, y: _Extended) -> _Extended:
    """x·y on the extended line with 0·∞ = 0, the convention under which the extremes of the
    products of two intervals are among the products of their ends."""
    if x == 0 or y == 0:
        return _ZERO
    if isinstance(x, float) or isinstance(y, float):
        return math.inf if (x > 0) == (y > 0) else -math.inf
    return x * y


def multiply(left: Interval, right: Interval) -> Interval:
    ends_left = ((_low_end(left), left.low_closed), (_high_end(left), left.high_closed))
    ends_right = ((_low_end(right), right.low_closed), (_high_end(right), right.high_closed))
    corners = [
        (_times(x, y), x_closed and y_closed)
        for x, x_closed in ends_left
        for y, y_closed in ends_right
    ]
    zero_reachable = left.contains(_ZERO) or right.contains(_ZERO)

    def attained(extreme: _Extended) -> bool:
        # x·y is linear along each edge of the rectangle of (x, y), so a nonzero extreme is
        # reached only at a corner; 0 is reached wherever either factor can be 0.
        if isinstance(extreme, float):
            return False
        if extreme == 0 and zero_reachable:
            return True
        return any(closed for value, closed in corners if value == extreme)

    low = min(value for value, _ in corners)
    high = max(value for value, _ in corners)
    return Interval(_finite(low), _finite(high), attained(low), attained(high))


def _reciprocal(interval: Interval) -> Interval:
    """1/x over an interval that does not contain 0 (so it lies on one side of 0)."""
    if interval.high is None:
        low: Fraction | None = _ZERO
    else:
        low = None if interval.high == 0 else 1 / interval.high
    if interval.low is None:
        high: Fraction | None = _ZERO
    else:
        high = None if interval.low == 0 else 1 / interval.low
    return Interval(
        low,
        high,
        low is not None and interval.high_closed,
        high is not None and interval.low_closed,
    )


def divide(left: Interval, right: Interval) -> Interval:
    """left / right, for a divisor that is not exactly 0 (the caller reports that)."""
    if right.contains(_ZERO):
        return _UNBOUNDED  # the divisor may be 0: nothing can be said about the quotient
    return multiply(left, _reciprocal(right))


def _round_half_up(value: Fraction, digits: int) -> Fraction:
    step = Fraction(1, 10**digits)
    units = math.floor(abs(value) / step + Fraction(1, 2))
    return units * step if value >= 0 else -units * step


def _is_tie(value: Fraction, digits: int) -> bool:
    """Whether ``value`` lies exactly halfway between two ``digits``-place numbers."""
    doubled = abs(value) * 2 * Fraction(10) ** digits
    return doubled.denominator == 1 and doubled.numerator % 2 == 1


def round_to(interval: Interval, digits: int) -> Interval:
    """Half-up rounding is monotone, so it maps the ends. At an open end sitting exactly on a
    tie, the values inside round the other way: (2.5, 3) gives 3 but (-2.5, -2) gives -2."""
    step = Fraction(1, 10**digits)
    low = high = None
    if interval.low is not None:
        low = _round_half_up(interval.low, digits)
        if not interval.low_closed and interval.low < 0 and _is_tie(interval.low, digits):
            low += step
    if interval.high is not None:
        high = _round_half_up(interval.high, digits)
        if not interval.high_closed and interval.high > 0 and _is_tie(interval.high, digits):
            high -= step
    return Interval(low, high, low is not None, high is not None)


def absolute(interval: Interval) -> Interval:
    if interval.low is not None and interval.low >= 0:
        return interval
    if interval.high is not None and interval.high <= 0:
        return negate(interval)
    # The interval spans 0: |x| starts at 0 and reaches the larger of the two magnitudes.
    if interval.low is None or interval.high is None:
        return Interval(_ZERO, None, True, False)
    below, above = -interval.low, interval.high
    if below == above:
        return Interval(_ZERO, above, True, interval.low_closed or interval.high_closed)
    if below > above:
        return Interval(_ZERO, below, True, interval.low_closed)
    return Interval(_ZERO, above, True, interval.high_closed)


def minimum(intervals: list[Interval]) -> Interval:
    # The smallest low is reached if any interval reaching it includes it; the smallest high
    # only if every interval with that high includes it (the others can always exceed it).
    low = min(_low_end(interval) for interval in intervals)
    high = min(_high_end(interval) for interval in intervals)
    return Interval(
        _finite(low),
        _finite(high),
        any(interval.low_closed for interval in intervals if _low_end(interval) == low),
        all(interval.high_closed for interval in intervals if _high_end(interval) == high),
    )


def maximum(intervals: list[Interval]) -> Interval:
    return negate(minimum([negate(interval) for interval in intervals]))


def _entirely_below(left: Interval, right: Interval) -> bool:
    """Every value of ``left`` is < every value of ``right``."""
    top, bottom = _high_end(left), _low_end(right)
    if top < bottom:
        return True
    return top == bottom and not (left.high_closed and right.low_closed)


def _nowhere_above(left: Interval, right: Interval) -> bool:
    """Every value of ``left`` is <= every value of ``right``."""
    return _high_end(left) <= _low_end(right)


def _decide(certain: bool, impossible: bool) -> Truth:
    if certain:
        return Truth.TRUE
    return Truth.FALSE if impossible else Truth.UNDECIDED


def compare(operator: str, left: Interval, right: Interval) -> Truth:
    if operator == "<":
        return _decide(_entirely_below(left, right), _nowhere_above(right, left))
    if operator == "<=":
        return _decide(_nowhere_above(left, right), _entirely_below(right, left))
    if operator == ">":
        return _decide(_entirely_below(right, left), _nowhere_above(left, right))
    if operator == ">=":
        return _decide(_nowhere_above(right, left), _entirely_below(left, right))
    same_point = left.point_value is not None and left == right
    apart = _entirely_below(left, right) or _entirely_below(right, left)
    if operator == "==":
        return _decide(same_point, apart)
    if operator == "!=":
        return _decide(apart, same_point)
    raise ValueError(f"unknown comparison {operator!r}")
