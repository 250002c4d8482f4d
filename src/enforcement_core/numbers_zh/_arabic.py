"""Arabic figures as zh_CN writes them: rounded half up once, with the zh_CN symbols.

The symbols come from Babel's ``zh_CN`` locale data (CLDR), which is read from
disk the first time a figure is written, not when numbers_zh is imported: most
of numbers_zh's import time was that reading, and a program that imports the
library need not write a figure.
"""

from __future__ import annotations

import functools
import os
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


#: zh_CN as CLDR names it (zh_Hans_CN, by its likely subtags), then the locales it
#: inherits from, in CLDR's order: Babel merges their data so, the first one to define
#: a symbol giving it.
_ZH_CN_INHERITANCE: Final = ("zh_Hans_CN", "zh_Hans", "zh", "root")
#: The keys of the symbols in Babel's ``number_symbols`` of the latn numbering system.
_KEYS: Final = ("group", "decimal", "percentSign")


@functools.cache
def zh_cn_symbols() -> Symbols:
    """The symbols from Babel's zh_CN locale data: only symbols, never its rounding.

    Read from Babel's data files (:func:`_babel_data_file`) of zh_CN and the locales
    it inherits from, one after the other, as Babel's merge of them gives each symbol;
    what the files hold beside text (number and date patterns, plural rules) is left
    unbuilt. Babel's own road,
    a ``Locale`` (:func:`_babel_symbols`), also reads CLDR's table of parents, merges
    the four locales and imports its dates and numbers modules to build those
    patterns: more than twice the cost, and most of the time the command line's
    report took to write. Should a symbol not be given as text (an alias), or the
    files not read so, Babel's own road gives the symbols.
    """
    import pickle  # noqa: PLC0415  (on first use, as the data is read)

    class Unbuilt:
        """An object of Babel's data other than text: a pattern or a rule, not needed here."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def __setstate__(self, state: object) -> None:
            pass

    class TextOnly(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> type:  # noqa: ARG002  (every class alike)
            return Unbuilt

    found: dict[str, object] = {}
    try:
        for name in _ZH_CN_INHERITANCE:
            # Not babel.localedata.load(name, merge_inherited=False): Babel caches a locale
            # by its name alone, and would give it unmerged to the next part of a program.
            path = _babel_data_file(name)
            if path is None:
                return _babel_symbols()
            with open(path, "rb") as data:  # noqa: PTH123  (Babel's path)
                locale = TextOnly(data).load()
            latn = locale.get("number_symbols", {}).get("latn", {})
            found = {key: latn[key] for key in _KEYS if key in latn} | found
            if len(found) == len(_KEYS):
                break
    except (OSError, EOFError, ValueError, TypeError, AttributeError, pickle.UnpicklingError):
        return _babel_symbols()  # Babel's files are not as this reads them: Babel reads them
    if not all(isinstance(found.get(key), str) for key in _KEYS):
        return _babel_symbols()
    return Symbols(
        group=str(found["group"]), decimal=str(found["decimal"]), percent=str(found["percentSign"])
    )


def _babel_data_file(name: str) -> str | None:
    """Babel's data file of the locale ``name``, as ``babel.localedata`` names it.

    Found without importing Babel, whose import (its core, plural rules and locale
    data modules) would cost as much again as reading the files: the symbols are
    read as text, and nothing of Babel is needed to hold them.
    """
    import importlib.util  # noqa: PLC0415

    spec = importlib.util.find_spec("babel")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    if not folders:
        return None  # Babel not in a folder (a zip): Babel's own road reads its data
    return os.path.join(folders[0], "locale-data", f"{name}.dat")  # noqa: PTH118  (Babel's own join)


def _babel_symbols() -> Symbols:
    """The symbols as Babel's ``Locale`` of zh_CN gives them, its data merged."""
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
