"""Arabic figures as zh_CN writes them: rounded half up once, with the zh_CN symbols."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

from enforcement_core.numbers_zh._rounding import half_up

if TYPE_CHECKING:
    from fractions import Fraction

# Symbols from Babel's zh_CN locale data (CLDR): only symbols, never its rounding.
_ZH_CN: Final = Locale.parse("zh_CN")
GROUP_SYMBOL: Final = get_group_symbol(_ZH_CN)
DECIMAL_SYMBOL: Final = get_decimal_symbol(_ZH_CN)
PERCENT_SIGN: Final = str(_ZH_CN.number_symbols["latn"]["percentSign"])
# The ASCII hyphen-minus, as the reports write a decrease ("-0.5个百分点").
_MINUS: Final = "-"


def _grouped(whole: int) -> str:
    """``whole`` with the zh_CN group symbol between groups of three digits."""
    digits = str(whole)
    head = len(digits) % 3 or 3
    rest = (digits[start : start + 3] for start in range(head, len(digits), 3))
    return GROUP_SYMBOL.join([digits[:head], *rest])


def fixed(value: Fraction, places: int, *, grouping: bool = False) -> str:
    """``value`` rounded half up to ``places`` decimals; a zero result has no sign."""
    rounded = half_up(value, places)
    whole, fraction = divmod(abs(rounded), 10**places)
    text = _grouped(whole) if grouping else str(whole)
    if places:
        text += f"{DECIMAL_SYMBOL}{fraction:0{places}d}"
    return f"{_MINUS}{text}" if rounded < 0 else text
