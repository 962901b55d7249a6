"""Printing numbers: exact fractions as short decimals for explanations and intervals."""

from __future__ import annotations

import math
from fractions import Fraction

_EXACT_PLACES = 30  # a terminating decimal longer than this is shown truncated instead
_SIGNIFICANT = 6
_LARGEST_PLAIN = Fraction(10**30)
_SMALLEST_PLAIN = Fraction(1, 10**12)


def format_number(value: Fraction) -> str:
    """A plain decimal: exact when it terminates (97.52), else truncated to 6 significant
    digits and marked with … (97.5183…); scientific only for the very large or very small."""
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    if magnitude != 0 and not _SMALLEST_PLAIN <= magnitude < _LARGEST_PLAIN:
        return sign + _scientific(magnitude)
    places = _terminating_places(magnitude)
    if places is not None and places <= _EXACT_PLACES:
        return sign + _decimal_digits(magnitude, places)
    return sign + _decimal_digits(magnitude, _truncated_places(magnitude)) + "…"


def _terminating_places(value: Fraction) -> int | None:
    """How many decimal places ``value`` needs, or None if its decimal never ends."""
    denominator = value.denominator
    twos = (denominator & -denominator).bit_length() - 1
    denominator >>= twos
    fives = 0
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    return max(twos, fives) if denominator == 1 else None


def _truncated_places(value: Fraction) -> int:
    """Decimal places that show 6 significant digits (at least one place)."""
    whole = value.numerator // value.denominator
    if whole >= 1:
        return max(1, _SIGNIFICANT - len(str(whole)))
    zeros = 0
    while value * 10 ** (zeros + 1) < 1:
        zeros += 1
    return zeros + _SIGNIFICANT


def _decimal_digits(value: Fraction, places: int) -> str:
    """``value`` (>= 0) cut (not rounded) to ``places`` decimal places."""
    scaled = value.numerator * 10**places // value.denominator
    digits = str(scaled).rjust(places + 1, "0")
    return f"{digits[:-places]}.{digits[-places:]}" if places else digits


def _scientific(value: Fraction) -> str:
    # Estimate the exponent from bit lengths (str() of a huge int is refused), then correct it.
    exponent = math.floor((value.numerator.bit_length() - value.denominator.bit_length()) * 0.30103)
    while value >= Fraction(10) ** (exponent + 1):
        exponent += 1
    while value < Fraction(10) ** exponent:
        exponent -= 1
    mantissa = value / Fraction(10) ** exponent
    text = _decimal_digits(mantissa, _SIGNIFICANT - 1)
    exact = mantissa * 10 ** (_SIGNIFICANT - 1) == int(text.replace(".", ""))
    text = text.rstrip("0").rstrip(".") if exact else text + "…"
    return f"{text}e{exponent}"
