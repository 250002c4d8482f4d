"""Whole numbers in words, by groups of four digits (万, 亿): written and read.

The one code behind Chinese numerals (小写) and financial capitals (大写): each
passes its own digits and units, and capitals are read as numerals.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from enforcement_core.errors import NumberFormatError

# Chinese numerals (小写). GB/T 15835-2011: in a quantity 0 is written 零.
DIGITS: Final = "零一二三四五六七八九"
SMALL_UNITS: Final = ("", "十", "百", "千")
_WAN: Final = "万"
_YI: Final = "亿"
_DIGIT_VALUES: Final = MappingProxyType({char: value for value, char in enumerate(DIGITS)})
_SMALL_UNIT_VALUES: Final = MappingProxyType({"十": 10, "百": 100, "千": 1000})


def _section(section: int, digits: str, units: tuple[str, ...]) -> str:
    """A group of four digits, 1 to 9999, read 千百十个."""
    words: list[str] = []
    zero_pending = False
    for power in (3, 2, 1, 0):
        digit = section // 10**power % 10
        if digit == 0:
            # GB/T 15835-2011 (三千零五十二) and PBOC 四(一)(二): zeros between two
            # digits are read as one 零; zeros after the last digit are not read.
            zero_pending = bool(words)
            continue
        if zero_pending:
            words.append(digits[0])
            zero_pending = False
        words.append(digits[digit] + units[power])
    return "".join(words)


def write_integer(n: int, digits: str, units: tuple[str, ...]) -> str:
    """1 ≤ n < 10¹⁶ in words, in groups of four digits: 万 is 10⁴, 亿 is 10⁸, 万亿 is 10¹²."""
    for big, power in ((_YI, 8), (_WAN, 4)):
        if n >= 10**power:
            high, low = divmod(n, 10**power)
            return write_integer(high, digits, units) + big + _below(low, power, digits, units)
    return _section(n, digits, units)


def _below(low: int, power: int, digits: str, units: tuple[str, ...]) -> str:
    """The part after 万 or 亿: a 零 first when its highest digit is 0."""
    if low == 0:
        return ""
    # A gap between the groups is read as one 零 (十万零一十, 一亿零一千). When the
    # next group is full (107000: 十万七千) the 万 itself marks the place, as
    # PBOC 四(三) allows for capitals (壹拾万柒仟).
    zero = digits[0] if low < 10 ** (power - 1) else ""
    return zero + write_integer(low, digits, units)


def _parse_section(text: str) -> int:
    """The value of digits, 零 and 十百千, read loosely; the caller checks the form."""
    value = 0
    digit: int | None = None
    for char in text:
        if char in _SMALL_UNIT_VALUES:
            value += (1 if digit is None else digit) * _SMALL_UNIT_VALUES[char]
            digit = None
        elif char == DIGITS[0]:
            continue
        elif char in _DIGIT_VALUES and digit is None:
            digit = _DIGIT_VALUES[char]
        else:
            raise NumberFormatError(char)
    return value + (digit or 0)


def _parse_below_yi(text: str) -> int:
    high, wan, low = text.partition(_WAN)
    if wan:
        return _parse_section(high) * 10**4 + _parse_section(low)
    return _parse_section(text)


def read_integer(text: str) -> int:
    """The value of a numeral with at most one 亿, read loosely."""
    high, yi, low = text.partition(_YI)
    if yi:
        return _parse_below_yi(high) * 10**8 + _parse_below_yi(low)
    return _parse_below_yi(text)
