"""Rates as percentages (98.62%), and changes of a rate in percentage points (个百分点)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Final, Protocol

from enforcement_core.errors import NumberTypeError
from enforcement_core.numbers_zh import _checks
from enforcement_core.numbers_zh._arabic import fixed, zh_cn_symbols

# What format_percent writes for an undefined rate: an em dash, U+2014. Public, and
# documented, as numbers_zh.UNDEFINED.
UNDEFINED: Final = "—"


class SupportsRatio(Protocol):
    """An exact ratio: anything with a ``numerator`` and a ``denominator``.

    :class:`~fractions.Fraction` is one, and so is the library's own ``Rate``.
    A denominator of 0 makes the ratio undefined.
    """

    @property
    def numerator(self) -> int | Decimal:
        """The part: an int or a finite Decimal."""

    @property
    def denominator(self) -> int | Decimal:
        """The whole: an int or a finite Decimal; 0 when the rate is undefined."""


def _ratio(value: object) -> Fraction | None:
    """The exact ratio ``value`` stands for, or ``None`` if it is undefined."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (bool, float, int, Decimal)):
        return _checks.exact(value, "a ratio")
    numerator = getattr(value, "numerator", None)
    denominator = getattr(value, "denominator", None)
    if numerator is None or denominator is None:
        raise NumberTypeError(
            "a ratio must be a Decimal, a Fraction, an int, None, or an object with a "
            f"numerator and a denominator; not {_checks.type_name(value)} {value!r}"
        )
    whole = _checks.exact(denominator, "a ratio's denominator")
    if whole == 0:
        # No denominator, no rate: undefined, never a division by zero.
        return None
    return _checks.exact(numerator, "a ratio's numerator") / whole


def format_percent(
    value: Decimal | Fraction | int | SupportsRatio | None,
    places: int = 2,
    *,
    undefined: str = UNDEFINED,
) -> str:
    """A ratio as a percentage, rounded half up from the exact ratio.

    Args:
        value: The ratio, not the percent (0.98624 for 98.624%): a Decimal, a
            Fraction, an int, an object with a numerator and a denominator (see
            :class:`SupportsRatio`), or ``None``.
        places: Decimals of the percentage, 0 to 4.
        undefined: What to write for an undefined rate.

    Returns:
        The percentage with the zh_CN percent sign. An undefined rate, ``None``
        or a denominator of 0, gives ``undefined`` (:data:`UNDEFINED`, "—"),
        never "nan%". A zero rate is "0.00%"; a negative ratio keeps its sign.

    Raises:
        TypeError: ``value`` or its parts are floats, bools or not numbers.
        ValueError: ``value`` or its parts are NaN or infinite; ``places`` is
            outside 0 to 4.

    Examples:
        >>> from decimal import Decimal
        >>> from fractions import Fraction
        >>> format_percent(Decimal("0.98624"))
        '98.62%'
        >>> format_percent(Fraction(502, 509))
        '98.62%'
        >>> format_percent(Fraction(789, 800))
        '98.63%'
        >>> format_percent(1)
        '100.00%'
        >>> format_percent(None)
        '—'
        >>> format_percent(None, undefined="不适用")
        '不适用'
    """
    places = _checks.places(places)
    ratio = _ratio(value)
    if ratio is None:
        return undefined
    return fixed(ratio * 100, places) + zh_cn_symbols().percent


def format_points(points: int | Decimal, places: int = 1) -> str:
    """A change of a rate in percentage points (个百分点), rounded half up.

    The sign is kept; the words for the direction (提升, 下降) are the caller's.

    Args:
        points: The change in percentage points (Decimal("0.5") for half a point).
        places: Decimals, 0 to 4.

    Returns:
        The figure followed by 个百分点. Zero is "0.0个百分点"; a change that
        rounds to zero has no sign.

    Raises:
        TypeError: ``points`` is a float, a bool or not a number.
        ValueError: ``points`` is NaN or infinite; ``places`` is outside 0 to 4.

    Examples:
        >>> from decimal import Decimal
        >>> format_points(Decimal("0.5"))
        '0.5个百分点'
        >>> format_points(Decimal("-0.5"))
        '-0.5个百分点'
        >>> format_points(Decimal("1.25"))
        '1.3个百分点'
        >>> format_points(2, places=0)
        '2个百分点'
    """
    places = _checks.places(places)
    return fixed(_checks.exact(points, "a change in points"), places) + "个百分点"
