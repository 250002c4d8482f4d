"""The library's one rounding: half up (四舍五入), done once, from the exact value."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from enforcement_core.numbers_zh import _checks


def half_up(value: Fraction, places: int) -> int:
    """``value`` × 10**places rounded half up, as an integer: 0.5 goes away from zero."""
    # The rule of decimal.ROUND_HALF_UP (四舍五入), computed in integers from the
    # exact value: no context precision rounds first and a tie never goes to even.
    scale: int = 10**places
    scaled = value * scale
    magnitude = (2 * abs(scaled.numerator) + scaled.denominator) // (2 * scaled.denominator)
    return -magnitude if scaled < 0 else magnitude


def round_half_up(value: int | Decimal | Fraction, places: int = 0) -> Decimal:
    """``value`` rounded half up (四舍五入) to ``places`` decimals: the library's one rounding.

    Computed from the exact value, once: a tie goes away from zero, never to
    even, and no precision of a decimal context rounds first.

    Args:
        value: The exact value: an int, a finite Decimal or a Fraction.
        places: Decimals, 0 to 4.

    Returns:
        A Decimal with exactly ``places`` decimals.

    Raises:
        TypeError: ``value`` is a float, a bool or not a number.
        ValueError: ``value`` is NaN or infinite; ``places`` is outside 0 to 4.

    Examples:
        >>> from fractions import Fraction
        >>> round_half_up(Fraction(789, 800) * 100, 2)
        Decimal('98.63')
        >>> round_half_up(Decimal("-2.5"))
        Decimal('-3')
        >>> round_half_up(0, 2)
        Decimal('0.00')
        >>> round_half_up(10**30 + 1)
        Decimal('1000000000000000000000000000001')
    """
    exact = value if isinstance(value, Fraction) else _checks.exact(value, "a number")
    places = _checks.places(places)
    # From the text, not scaleb(): scaleb rounds to the context's 28 digits.
    return Decimal(f"{half_up(exact, places)}E-{places}")
