"""Chinese numerals (小写) as GB/T 15835-2011 《出版物上数字用法》 writes them.

Quantities are written with 零 (一百零三); a number that names rather than counts,
such as a year, is read digit by digit and its 0 is written 〇 (二〇二三).
"""

from __future__ import annotations

import re
from typing import Final

from enforcement_core.errors import NumberFormatError
from enforcement_core.numbers_zh import _checks
from enforcement_core.numbers_zh._words import DIGITS, SMALL_UNITS, read_integer, write_integer

# In a year or an identifier, read digit by digit, 0 is written 〇 (GB/T 15835-2011).
_YEAR_DIGITS: Final = "〇一二三四五六七八九"
_NEGATIVE: Final = "负"
_CHINESE_LIMIT: Final = 10**16
# 两 stands for 2 before a unit (两百, 两千, 两万, 两亿), never before 十 nor alone.
_LIANG: Final = re.compile("两(?=[百千万亿])")


def to_chinese(n: int) -> str:
    """A quantity in Chinese numerals (小写), with 零 as GB/T 15835-2011 uses it.

    Digits are grouped by four: 万 (10⁴), 亿 (10⁸), 万亿 (10¹²). Every gap of
    zeros between digits is one 零; zeros at the end are not written. A number
    from 10 to 19 at the very start is 十…, not 一十… (十五, 十万); inside a
    number 一十 stays (一百一十, 十万零一十).

    Args:
        n: The number, with an absolute value below 10**16.

    Returns:
        The numeral: "零" for 0; "负" before a negative number.

    Raises:
        TypeError: ``n`` is a float, a bool or not an int.
        ValueError: ``abs(n)`` is 10**16 or more.

    Examples:
        >>> to_chinese(0)
        '零'
        >>> to_chinese(10)
        '十'
        >>> to_chinese(103)
        '一百零三'
        >>> to_chinese(110)
        '一百一十'
        >>> to_chinese(100010)
        '十万零一十'
        >>> to_chinese(100001000)
        '一亿零一千'
        >>> to_chinese(10**12)
        '一万亿'
        >>> to_chinese(-22)
        '负二十二'
    """
    n = _checks.whole(n, "a number")
    if abs(n) >= _CHINESE_LIMIT:
        raise NumberFormatError(
            f"to_chinese writes numbers below 10**16 in absolute value, got {n}"
        )
    if n < 0:
        return _NEGATIVE + to_chinese(-n)
    if n == 0:
        return DIGITS[0]
    words = write_integer(n, DIGITS, SMALL_UNITS)
    # 十, not 一十, opens a number: 十五, 十万, 十亿 (but 一百一十, 十万零一十 inside).
    return words[1:] if words.startswith("一十") else words


def from_chinese(text: str) -> int:
    """The number a Chinese numeral stands for: the inverse of :func:`to_chinese`.

    Exactly what :func:`to_chinese` writes is accepted, and besides: 两 for 2
    before 百, 千, 万 or 亿 (两千), and 〇 for 零 (一百〇三, 〇).

    Args:
        text: The numeral.

    Returns:
        The number; negative after "负".

    Raises:
        TypeError: ``text`` is not a str.
        ValueError: ``text`` is not written as :func:`to_chinese` writes it
            (such as "一十", "二零二三", "十两" or ""); the message quotes it.

    Examples:
        >>> from_chinese("一百零三")
        103
        >>> from_chinese("十万零一十")
        100010
        >>> from_chinese("两千")
        2000
        >>> from_chinese("一百〇三")
        103
        >>> from_chinese("负二十二")
        -22
    """
    text = _checks.text(text)
    canonical = _LIANG.sub(DIGITS[2], text.replace(_YEAR_DIGITS[0], DIGITS[0]))
    body = canonical.removeprefix(_NEGATIVE)
    try:
        value: int | None = read_integer(body)
    except NumberFormatError:
        value = None
    if value is not None and value < _CHINESE_LIMIT:
        signed = -value if body != canonical else value
        if to_chinese(signed) == canonical:
            return signed
    raise NumberFormatError(f"not a Chinese numeral as to_chinese writes it: {text!r}")


def to_chinese_year(year: int) -> str:
    """A year in Chinese numerals, digit by digit, with 〇 for zero.

    GB/T 15835-2011: a number that names rather than counts (a year, an
    identifier) is read digit by digit, and its 0 is written 〇, not 零.

    Args:
        year: The year, 0 or more.

    Returns:
        One numeral per digit.

    Raises:
        TypeError: ``year`` is a float, a bool or not an int.
        ValueError: ``year`` is negative.

    Examples:
        >>> to_chinese_year(2023)
        '二〇二三'
        >>> to_chinese_year(2000)
        '二〇〇〇'
    """
    year = _checks.whole(year, "a year")
    if year < 0:
        raise NumberFormatError(f"a year must not be negative, got {year}")
    return "".join(_YEAR_DIGITS[int(digit)] for digit in str(year))
