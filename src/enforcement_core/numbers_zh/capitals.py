"""Amounts in financial capitals (大写金额): 陆仟捌佰元整.

The rules are the People's Bank of China's 《正确填写票据和结算凭证的基本规定》,
whose clauses are cited as "PBOC 一" to "PBOC 六".
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from enforcement_core.errors import NumberFormatError
from enforcement_core.numbers_zh import _checks
from enforcement_core.numbers_zh._words import DIGITS, read_integer, write_integer

# Financial capitals (大写), PBOC 一: 零壹贰叁肆伍陆柒捌玖, 拾佰仟, 万亿, 元角分, 整.
_CAPITAL_DIGITS: Final = "零壹贰叁肆伍陆柒捌玖"
_CAPITAL_SMALL_UNITS: Final = ("", "拾", "佰", "仟")
_CAPITAL_LIMIT: Final = 10**12
_RMB: Final = "人民币"

# The parser reads capitals through the same code as numerals.
_CAPITAL_TO_NUMERAL: Final = str.maketrans(_CAPITAL_DIGITS + "拾佰仟", DIGITS + "十百千")
_CAPITAL_SHAPE: Final = re.compile(
    "(?:(?P<yuan>[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+)元)?零?"
    "(?:(?P<jiao>[壹贰叁肆伍陆柒捌玖])角)?(?:(?P<fen>[壹贰叁肆伍陆柒捌玖])分)?整?"
)


def to_capital_amount(yuan: int | Decimal, *, prefix: bool = False) -> str:
    """An amount in financial capitals (大写金额), as the PBOC rules write it.

    The rules (《正确填写票据和结算凭证的基本规定》): capitals only (PBOC 一);
    整 after an amount that ends at 元, none after 角 or 分 (PBOC 二); 零 for
    zeros between digits, one for a run (PBOC 四(一)(二)); 元零…分 when 角 is
    0 but 分 is not (PBOC 四(四)). Where PBOC 四(三) lets the 零 after a 万 or
    元 ending in 0 be written or not, before a digit of 千 or 角, it is not
    written (壹拾万柒仟元伍角叁分). 拾 always has its digit, 壹拾 included, so
    that nothing can be written in front of it. Amounts below one yuan start at
    角 or 分 (伍分).

    Args:
        yuan: The amount in yuan, exact to the fen: 0 ≤ yuan < 10**12.
        prefix: Write 人民币 before the amount (PBOC 三).

    Returns:
        The capitals: "零元整" for 0.

    Raises:
        TypeError: ``yuan`` is a float, a bool or not a number.
        ValueError: ``yuan`` is negative, NaN or infinite, has a part of a fen
            (it is never rounded), or is 10**12 yuan or more.

    Examples:
        >>> from decimal import Decimal
        >>> to_capital_amount(6800)
        '陆仟捌佰元整'
        >>> to_capital_amount(Decimal("6800.05"))
        '陆仟捌佰元零伍分'
        >>> to_capital_amount(Decimal("107000.53"))
        '壹拾万柒仟元伍角叁分'
        >>> to_capital_amount(16)
        '壹拾陆元整'
        >>> to_capital_amount(Decimal("0.05"))
        '伍分'
        >>> to_capital_amount(0)
        '零元整'
        >>> to_capital_amount(6800, prefix=True)
        '人民币陆仟捌佰元整'
    """
    value = _checks.exact(yuan, "an amount")
    if value < 0:
        raise NumberFormatError(f"a capital amount cannot be negative, got {yuan}")
    fen = value * 100
    if fen.denominator != 1:
        raise NumberFormatError(
            f"{yuan} yuan is not a whole number of fen; capitals are never rounded"
        )
    if value >= _CAPITAL_LIMIT:
        raise NumberFormatError(f"capital amounts must be below 10**12 yuan, got {yuan}")
    whole, cents = divmod(fen.numerator, 100)
    jiao, fen_digit = divmod(cents, 10)
    words = [write_integer(whole, _CAPITAL_DIGITS, _CAPITAL_SMALL_UNITS) + "元"] if whole else []
    if jiao:
        words.append(_CAPITAL_DIGITS[jiao] + "角")
    elif fen_digit and whole:
        # PBOC 四(四): 角 is 0 and 分 is not, so 零 follows 元 (叁佰贰拾伍元零肆分).
        words.append(_CAPITAL_DIGITS[0])
    if fen_digit:
        words.append(_CAPITAL_DIGITS[fen_digit] + "分")
    if not cents:
        # PBOC 二: an amount that ends at 元 is closed with 整.
        words = [*(words or [_CAPITAL_DIGITS[0] + "元"]), "整"]
    return (_RMB if prefix else "") + "".join(words)


def from_capital_amount(text: str) -> Decimal:
    """The amount financial capitals stand for: the inverse of :func:`to_capital_amount`.

    Exactly what :func:`to_capital_amount` writes is accepted, with or without
    the 人民币 prefix: one spelling per amount. Other spellings the PBOC rules
    permit (正 for 整, 壹拾万零柒仟元…) are refused.

    Args:
        text: The capitals.

    Returns:
        The amount in yuan with two decimals.

    Raises:
        TypeError: ``text`` is not a str.
        ValueError: ``text`` is not written as :func:`to_capital_amount` writes
            it (such as "陆仟捌佰元", "拾陆元整" or "陆仟捌佰元正"); the message quotes it.

    Examples:
        >>> from_capital_amount("陆仟捌佰元零伍分")
        Decimal('6800.05')
        >>> from_capital_amount("人民币壹拾万柒仟元伍角叁分")
        Decimal('107000.53')
        >>> from_capital_amount("零元整")
        Decimal('0.00')
    """
    text = _checks.text(text)
    body = text.removeprefix(_RMB)
    shape = _CAPITAL_SHAPE.fullmatch(body)
    if shape is not None:
        try:
            whole: int | None = read_integer((shape["yuan"] or "").translate(_CAPITAL_TO_NUMERAL))
        except NumberFormatError:
            whole = None
        if whole is not None and whole < _CAPITAL_LIMIT:
            jiao = _CAPITAL_DIGITS.index(shape["jiao"]) if shape["jiao"] else 0
            fen = _CAPITAL_DIGITS.index(shape["fen"]) if shape["fen"] else 0
            amount = Decimal(f"{whole}.{jiao}{fen}")
            if to_capital_amount(amount, prefix=body != text) == text:
                return amount
    raise NumberFormatError(f"not an amount in capitals as to_capital_amount writes it: {text!r}")
