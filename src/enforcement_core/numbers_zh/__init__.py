"""Numbers as Chinese enforcement reports write them.

Amounts (``0.68万元``), counts (``46.6万``), rates (``98.62%``), changes of a rate
(``0.5个百分点``), Chinese numerals (``一百零三``, ``二〇二三``), financial capitals
(``陆仟捌佰元整``), section markers (``（一）``), enumerations (``一是``),
measure words (``243件``) and dates (``2024年1月18日``).

Every number is exact: an ``int`` or a :class:`~decimal.Decimal` (a rate may also
be a :class:`~fractions.Fraction` or any object with a numerator and a
denominator). A ``float`` is refused with :class:`TypeError`, because it cannot
hold ``0.68`` exactly. Rounding is half up (四舍五入, as
:data:`decimal.ROUND_HALF_UP`), done once, from the exact value.

What is refused is refused with
:class:`~enforcement_core.errors.NumberTypeError`, a :class:`TypeError`, for a value
of the wrong type, or :class:`~enforcement_core.errors.NumberFormatError`, a
:class:`ValueError`, for a value that cannot be written or read as asked.

Sources: GB/T 15835-2011 《出版物上数字用法》 for Chinese numerals; the People's
Bank of China's 《正确填写票据和结算凭证的基本规定》 for financial capitals
(clauses cited below as "PBOC 一" to "PBOC 六"). Babel's ``zh_CN`` locale data gives
the group, decimal and percent symbols, read the first time a figure needs one, not
on import; Babel never rounds and never picks a unit here.

Everything public is imported from here, ``enforcement_core.numbers_zh``. Its
modules hold one topic each: ``numerals`` (Chinese numerals and years),
``capitals`` (financial capitals), ``amounts`` (amounts and counts), ``percents``
(rates and their changes), ``markers`` (section markers and enumerations),
``measures`` (measure words) and ``dates``.

This package depends on nothing else of ``enforcement_core`` but its errors.
"""

from __future__ import annotations

from typing import Final

from enforcement_core.numbers_zh import amounts, percents
from enforcement_core.numbers_zh._rounding import round_half_up
from enforcement_core.numbers_zh.amounts import format_amount, format_count
from enforcement_core.numbers_zh.capitals import from_capital_amount, to_capital_amount
from enforcement_core.numbers_zh.dates import format_date
from enforcement_core.numbers_zh.markers import enumeration, heading_marker
from enforcement_core.numbers_zh.measures import MeasureKind, measure_words, with_measure
from enforcement_core.numbers_zh.numerals import from_chinese, to_chinese, to_chinese_year
from enforcement_core.numbers_zh.percents import SupportsRatio, format_percent, format_points

__all__ = [
    "AMOUNT_UNITS",
    "UNDEFINED",
    "MeasureKind",
    "SupportsRatio",
    "enumeration",
    "format_amount",
    "format_count",
    "format_date",
    "format_percent",
    "format_points",
    "from_capital_amount",
    "from_chinese",
    "heading_marker",
    "measure_words",
    "round_half_up",
    "to_capital_amount",
    "to_chinese",
    "to_chinese_year",
    "with_measure",
]

# The two constants are bound here, not only imported, so that their documentation
# stands where they are public (Sphinx reads a #: comment only beside an assignment).

#: The units :func:`format_amount` writes money in, and "auto" to pick one by size.
AMOUNT_UNITS: Final = amounts.AMOUNT_UNITS

#: What :func:`format_percent` writes for an undefined rate (no denominator): an
#: em dash, U+2014, as Chinese tables write "no figure".
UNDEFINED: Final = percents.UNDEFINED
