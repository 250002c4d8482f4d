"""Checks of what numbers_zh is given: exact numbers, whole numbers, places, positions, text.

A ``float`` is refused because it cannot hold ``0.68`` exactly, and a ``bool`` is not
a number here.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Final

from enforcement_core.errors import NumberFormatError, NumberTypeError

#: The most decimals a figure is written with.
MAX_PLACES: Final = 4


def type_name(value: object) -> str:
    return type(value).__name__


def exact(value: object, what: str) -> Fraction:
    """``value``, an int or a finite Decimal, as an exact fraction; anything else refused."""
    if isinstance(value, bool):
        raise NumberTypeError(f"{what} must be an int or a Decimal, not bool {value!r}")
    if isinstance(value, float):
        raise NumberTypeError(f"a float cannot hold {what} exactly; use Decimal('{value}')")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NumberFormatError(f"{what} must be finite, got Decimal('{value}')")
        return Fraction(value)
    raise NumberTypeError(f"{what} must be an int or a Decimal, not {type_name(value)} {value!r}")


def whole(value: object, what: str) -> int:
    """``value`` if it is an int (not a bool); anything else refused."""
    if isinstance(value, bool):
        raise NumberTypeError(f"{what} must be an int, not bool {value!r}")
    if isinstance(value, float):
        raise NumberTypeError(
            f"a float cannot hold {what} exactly; use an int (or Decimal where a fraction is meant)"
        )
    if not isinstance(value, int):
        raise NumberTypeError(f"{what} must be an int, not {type_name(value)} {value!r}")
    return value


def places(value: object) -> int:
    """A number of decimal places, 0 to 4."""
    number = whole(value, "places")
    if not 0 <= number <= MAX_PLACES:
        raise NumberFormatError(f"places must be from 0 to {MAX_PLACES}, got {number}")
    return number


def position(value: object) -> int:
    """A position in a list: 1 or more."""
    number = whole(value, "a position")
    if number < 1:
        raise NumberFormatError(f"positions start at 1, got {number}")
    return number


def text(value: object) -> str:
    if not isinstance(value, str):
        raise NumberTypeError(f"text must be a str, not {type_name(value)} {value!r}")
    return value
