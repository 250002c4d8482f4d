"""Amounts of money in 元, 万元 or 亿元, and counts as they are or in 万 or 亿."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from enforcement_core.errors import NumberFormatError
from enforcement_core.numbers_zh import _checks
from enforcement_core.numbers_zh._arabic import fixed

if TYPE_CHECKING:
    from decimal import Decimal
    from fractions import Fraction

_AUTO: Final = "auto"
# Units and the power of ten each stands for: 万 is 10⁴, 亿 is 10⁸.
_AMOUNT_UNITS: Final = (("元", 0), ("万元", 4), ("亿元", 8))
# The units format_amount writes money in, and "auto". Public, and documented, as
# numbers_zh.AMOUNT_UNITS.
AMOUNT_UNITS: Final = (*(name for name, _ in _AMOUNT_UNITS), _AUTO)
_COUNT_UNITS: Final = (("", 0), ("万", 4), ("亿", 8))


def _scaled(  # noqa: PLR0913  (money and counts share it; to_fen is money's)
    value: Fraction,
    unit: str,
    units: tuple[tuple[str, int], ...],
    places: int | None,
    *,
    grouping: bool,
    to_fen: bool = False,
) -> str:
    """``value`` written in ``unit`` (one of ``units``, or "auto") with its decimals."""
    powers = dict(units)
    if unit == _AUTO:
        # The largest unit the exact absolute value reaches: 10⁸ for 亿, 10⁴ for 万,
        # and the base unit for anything smaller, zero and fractions of one included.
        unit = next(
            name for name, power in reversed(units) if power == 0 or abs(value) >= 10**power
        )
    elif unit not in powers:
        accepted = ", ".join(repr(name) for name in [*powers, _AUTO])
        raise NumberFormatError(f"unknown unit {unit!r}; use one of {accepted}")
    power = powers[unit]
    in_unit = value / 10**power
    if places is None:
        whole_base = power == 0 and in_unit.denominator == 1
        places = 0 if whole_base else 2
    elif to_fen and type(places) is int and _checks.MAX_PLACES < places <= power + 2:
        # Money may be written to the fen in its unit: six places in 万元 ("52.31047万元").
        pass
    else:
        places = _checks.places(places)
    return fixed(in_unit, places, grouping=grouping) + unit


def format_amount(
    yuan: int | Decimal,
    unit: str = "元",
    places: int | None = None,
    *,
    grouping: bool = False,
) -> str:
    """An amount of money in 元, 万元 or 亿元, rounded half up.

    Args:
        yuan: The amount in yuan, exact; negative for a decrease.
        unit: "元", "万元", "亿元", or "auto" for the unit the absolute amount
            reaches (below 10,000: 元; below 100,000,000: 万元; else 亿元), judged
            on the exact amount before rounding.
        places: Decimals, 0 to 4, rounded half up once from the exact amount;
            more in 万元 and 亿元 up to the fen (six in 万元, ten in 亿元).
            ``None``: in 元, none for whole yuan and two otherwise; in 万元 and
            亿元, two.
        grouping: Put the zh_CN group symbol (",") between groups of three digits
            of the whole part; off by default, as the reports write "11600元".

    Returns:
        The figure followed by the unit. Zero is "0元" (or "0.00万元"); a negative
        amount starts with "-"; an amount that rounds to zero has no sign.

    Raises:
        TypeError: ``yuan`` is a float, a bool or not a number; ``places`` is not an int.
        ValueError: ``yuan`` is NaN or infinite; the unit is unknown; ``places``
            is outside 0 to 4.

    Examples:
        >>> from decimal import Decimal
        >>> format_amount(Decimal("11600"))
        '11600元'
        >>> format_amount(Decimal("6800"), unit="万元", places=2)
        '0.68万元'
        >>> format_amount(Decimal("55340400"), unit="万元", places=2)
        '5534.04万元'
        >>> format_amount(Decimal("1144581900"), unit="亿元", places=2)
        '11.45亿元'
        >>> format_amount(Decimal("523104.70"), unit="万元", places=5)
        '52.31047万元'
        >>> format_amount(Decimal("6800"), unit="auto")
        '6800元'
        >>> format_amount(Decimal("0.005"), unit="元", places=2)
        '0.01元'
        >>> format_amount(Decimal("1234567.5"), grouping=True)
        '1,234,567.50元'
        >>> format_amount(-136, unit="万元")
        '-0.01万元'
        >>> format_amount(0)
        '0元'
    """
    return _scaled(
        _checks.exact(yuan, "an amount"),
        unit,
        _AMOUNT_UNITS,
        places,
        grouping=grouping,
        to_fen=True,
    )


def format_count(
    n: int | Decimal,
    unit: str = "",
    places: int | None = None,
    *,
    grouping: bool = False,
) -> str:
    """A count, as it is or in 万 or 亿, rounded half up.

    Args:
        n: The count: an int, or a Decimal; negative for a decrease.
        unit: "" (as it is), "万", "亿", or "auto" for the unit the absolute
            count reaches (below 10,000: ""; below 100,000,000: 万; else 亿).
        places: Decimals, 0 to 4, rounded half up once from the exact count.
            ``None``: as it is, none for a whole count and two otherwise; in 万
            and 亿, two.
        grouping: Put the zh_CN group symbol (",") between groups of three digits.

    Returns:
        The figure followed by the unit. Zero is "0"; a negative count starts
        with "-".

    Raises:
        TypeError: ``n`` is a float, a bool or not a number; ``places`` is not an int.
        ValueError: ``n`` is NaN or infinite; the unit is unknown; ``places`` is
            outside 0 to 4.

    Examples:
        >>> format_count(363)
        '363'
        >>> format_count(466000, unit="万", places=1)
        '46.6万'
        >>> format_count(466000, unit="auto")
        '46.60万'
        >>> format_count(1234567, grouping=True)
        '1,234,567'
        >>> format_count(0, unit="万")
        '0.00万'
    """
    return _scaled(_checks.exact(n, "a count"), unit, _COUNT_UNITS, places, grouping=grouping)
