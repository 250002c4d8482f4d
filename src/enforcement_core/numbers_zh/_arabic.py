"""Arabic figures as zh_CN writes them: rounded half up once, with the zh_CN symbols.

The symbols come from Babel's ``zh_CN`` locale data (CLDR), which is read from
disk the first time a figure is written, not when numbers_zh is imported: most
of numbers_zh's import time was that reading, and a program that imports the
library need not write a figure.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Final, NamedTuple

from enforcement_core.numbers_zh._rounding import half_up

if TYPE_CHECKING:
    from fractions import Fraction

# The ASCII hyphen-minus, as the reports write a decrease ("-0.5个百分点").
_MINUS: Final = "-"


class Symbols(NamedTuple):
    """The symbols of zh_CN that figures are written with."""

    #: Between groups of three digits: ",".
    group: str
    #: Before the decimals: ".".
    decimal: str
    #: After a percentage: "%".
    percent: str


@functools.cache
def zh_cn_symbols() -> Symbols:
    """The symbols from Babel's zh_CN locale data: only symbols, never its rounding."""
    # Babel is imported here, on first use, with the locale data it reads.
    from babel import Locale  # noqa: PLC0415
    from babel.numbers import get_decimal_symbol, get_group_symbol  # noqa: PLC0415

    # Locale.parse("zh_CN") names this locale (zh_Hans_CN, by CLDR's likely subtags) after
    # listing every locale Babel has; built by its parts, it is read without that list.
    zh_cn = Locale("zh", territory="CN", script="Hans")
    return Symbols(
        group=get_group_symbol(zh_cn),
        decimal=get_decimal_symbol(zh_cn),
        percent=str(zh_cn.number_symbols["latn"]["percentSign"]),
    )


def _grouped(whole: int) -> str:
    """``whole`` with the zh_CN group symbol between groups of three digits."""
    digits = str(whole)
    head = len(digits) % 3 or 3
    rest = (digits[start : start + 3] for start in range(head, len(digits), 3))
    return zh_cn_symbols().group.join([digits[:head], *rest])


def fixed(value: Fraction, places: int, *, grouping: bool = False) -> str:
    """``value`` rounded half up to ``places`` decimals; a zero result has no sign."""
    rounded = half_up(value, places)
    whole, fraction = divmod(abs(rounded), 10**places)
    text = _grouped(whole) if grouping else str(whole)
    if places:
        text += f"{zh_cn_symbols().decimal}{fraction:0{places}d}"
    return f"{_MINUS}{text}" if rounded < 0 else text
