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

Sources: GB/T 15835-2011 《出版物上数字用法》 for Chinese numerals; the People's
Bank of China's 《正确填写票据和结算凭证的基本规定》 for financial capitals
(clauses cited below as "PBOC 一" to "PBOC 六"). Babel's ``zh_CN`` locale data gives
the group, decimal and percent symbols; Babel never rounds and never picks a
unit here.

This module depends on nothing else of ``enforcement_core``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Protocol

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

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

#: What :func:`format_percent` writes for an undefined rate (no denominator): an
#: em dash, U+2014, as Chinese tables write "no figure".
UNDEFINED: Final = "—"

# Symbols from Babel's zh_CN locale data (CLDR): only symbols, never its rounding.
_ZH_CN: Final = Locale.parse("zh_CN")
_GROUP_SYMBOL: Final = get_group_symbol(_ZH_CN)
_DECIMAL_SYMBOL: Final = get_decimal_symbol(_ZH_CN)
_PERCENT_SIGN: Final = str(_ZH_CN.number_symbols["latn"]["percentSign"])
# The ASCII hyphen-minus, as the reports write a decrease ("-0.5个百分点").
_MINUS: Final = "-"

_AUTO: Final = "auto"
# Units and the power of ten each stands for: 万 is 10⁴, 亿 is 10⁸.
_AMOUNT_UNITS: Final = (("元", 0), ("万元", 4), ("亿元", 8))
#: The units :func:`format_amount` writes money in, and "auto" to pick one by size.
AMOUNT_UNITS: Final = (*(name for name, _ in _AMOUNT_UNITS), _AUTO)
_COUNT_UNITS: Final = (("", 0), ("万", 4), ("亿", 8))
_MAX_PLACES: Final = 4

# Chinese numerals (小写). GB/T 15835-2011: in a quantity 0 is written 零; in a
# year or an identifier, read digit by digit, it is written 〇.
_DIGITS: Final = "零一二三四五六七八九"
_SMALL_UNITS: Final = ("", "十", "百", "千")
_YEAR_DIGITS: Final = "〇一二三四五六七八九"
_WAN: Final = "万"
_YI: Final = "亿"
_NEGATIVE: Final = "负"
_CHINESE_LIMIT: Final = 10**16

# Financial capitals (大写), PBOC 一: 零壹贰叁肆伍陆柒捌玖, 拾佰仟, 万亿, 元角分, 整.
_CAPITAL_DIGITS: Final = "零壹贰叁肆伍陆柒捌玖"
_CAPITAL_SMALL_UNITS: Final = ("", "拾", "佰", "仟")
_CAPITAL_LIMIT: Final = 10**12
_RMB: Final = "人民币"

# The parser reads capitals through the same code as numerals.
_CAPITAL_TO_NUMERAL: Final = str.maketrans(_CAPITAL_DIGITS + "拾佰仟", _DIGITS + "十百千")
_DIGIT_VALUES: Final = MappingProxyType({char: value for value, char in enumerate(_DIGITS)})
_SMALL_UNIT_VALUES: Final = MappingProxyType({"十": 10, "百": 100, "千": 1000})
# 两 stands for 2 before a unit (两百, 两千, 两万, 两亿), never before 十 nor alone.
_LIANG: Final = re.compile("两(?=[百千万亿])")
_CAPITAL_SHAPE: Final = re.compile(
    "(?:(?P<yuan>[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+)元)?零?"
    "(?:(?P<jiao>[壹贰叁肆伍陆柒捌玖])角)?(?:(?P<fen>[壹贰叁肆伍陆柒捌玖])分)?整?"
)


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


class MeasureKind(StrEnum):
    """What a figure counts, which decides the measure word (量词) written after it."""

    #: Cases (案件): 件, 宗 or 起.
    CASE = "case"
    #: Visits to establishments (检查企业家次): 家次.
    ESTABLISHMENT_VISIT = "establishment_visit"
    #: Hazards (隐患): 条 or 处.
    HAZARD = "hazard"
    #: People (执法人员): 名 or 人.
    PERSON = "person"
    #: Items, such as powers or licences (事项): 项.
    ITEM = "item"
    #: Times or sessions (培训次数): 次 or 场次.
    TIME = "time"


# The allowed measure words of each kind, the default first.
_MEASURE_WORDS: Final[Mapping[MeasureKind, tuple[str, ...]]] = MappingProxyType(
    {
        MeasureKind.CASE: ("件", "宗", "起"),
        MeasureKind.ESTABLISHMENT_VISIT: ("家次",),
        MeasureKind.HAZARD: ("条", "处"),
        MeasureKind.PERSON: ("名", "人"),
        MeasureKind.ITEM: ("项",),
        MeasureKind.TIME: ("次", "场次"),
    }
)


# Checking inputs ------------------------------------------------------------------


def _type_name(value: object) -> str:
    return type(value).__name__


def _exact(value: object, what: str) -> Fraction:
    """``value``, an int or a finite Decimal, as an exact fraction; anything else refused."""
    if isinstance(value, bool):
        raise TypeError(f"{what} must be an int or a Decimal, not bool {value!r}")
    if isinstance(value, float):
        raise TypeError(f"a float cannot hold {what} exactly; use Decimal('{value}')")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{what} must be finite, got Decimal('{value}')")
        return Fraction(value)
    raise TypeError(f"{what} must be an int or a Decimal, not {_type_name(value)} {value!r}")


def _whole(value: object, what: str) -> int:
    """``value`` if it is an int (not a bool); anything else refused."""
    if isinstance(value, bool):
        raise TypeError(f"{what} must be an int, not bool {value!r}")
    if isinstance(value, float):
        raise TypeError(
            f"a float cannot hold {what} exactly; use an int (or Decimal where a fraction is meant)"
        )
    if not isinstance(value, int):
        raise TypeError(f"{what} must be an int, not {_type_name(value)} {value!r}")
    return value


def _places(value: object) -> int:
    """A number of decimal places, 0 to 4."""
    places = _whole(value, "places")
    if not 0 <= places <= _MAX_PLACES:
        raise ValueError(f"places must be from 0 to {_MAX_PLACES}, got {places}")
    return places


def _position(value: object) -> int:
    """A position in a list: 1 or more."""
    position = _whole(value, "a position")
    if position < 1:
        raise ValueError(f"positions start at 1, got {position}")
    return position


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"text must be a str, not {_type_name(value)} {value!r}")
    return value


def _ratio(value: object) -> Fraction | None:
    """The exact ratio ``value`` stands for, or ``None`` if it is undefined."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (bool, float, int, Decimal)):
        return _exact(value, "a ratio")
    numerator = getattr(value, "numerator", None)
    denominator = getattr(value, "denominator", None)
    if numerator is None or denominator is None:
        raise TypeError(
            "a ratio must be a Decimal, a Fraction, an int, None, or an object with a "
            f"numerator and a denominator; not {_type_name(value)} {value!r}"
        )
    whole = _exact(denominator, "a ratio's denominator")
    if whole == 0:
        # No denominator, no rate: undefined, never a division by zero.
        return None
    return _exact(numerator, "a ratio's numerator") / whole


# Arabic figures -------------------------------------------------------------------


def _round_half_up(value: Fraction, places: int) -> int:
    """``value`` × 10**places rounded half up, as an integer: 0.5 goes away from zero."""
    # The rule of decimal.ROUND_HALF_UP (四舍五入), computed in integers from the
    # exact value: no context precision rounds first and a tie never goes to even.
    scale: int = 10**places
    scaled = value * scale
    magnitude = (2 * abs(scaled.numerator) + scaled.denominator) // (2 * scaled.denominator)
    return -magnitude if scaled < 0 else magnitude


def round_half_up(value: int | Decimal | Fraction, places: int = 0) -> Decimal:
    """``value`` rounded half up (四舍五入) to ``places`` decimals: the library's one rounding.

    Computed from the exact value, once: a tie goes away from zero, never to
    even, and no precision of a decimal context rounds first.

    Args:
        value: The exact value: an int, a finite Decimal or a Fraction.
        places: Decimals, 0 to 4.

    Returns:
        A Decimal with exactly ``places`` decimals.

    Raises:
        TypeError: ``value`` is a float, a bool or not a number.
        ValueError: ``value`` is NaN or infinite; ``places`` is outside 0 to 4.

    Examples:
        >>> from fractions import Fraction
        >>> round_half_up(Fraction(789, 800) * 100, 2)
        Decimal('98.63')
        >>> round_half_up(Decimal("-2.5"))
        Decimal('-3')
        >>> round_half_up(0, 2)
        Decimal('0.00')
    """
    exact = value if isinstance(value, Fraction) else _exact(value, "a number")
    places = _places(places)
    return Decimal(_round_half_up(exact, places)).scaleb(-places)


def _grouped(whole: int) -> str:
    """``whole`` with the zh_CN group symbol between groups of three digits."""
    digits = str(whole)
    head = len(digits) % 3 or 3
    rest = (digits[start : start + 3] for start in range(head, len(digits), 3))
    return _GROUP_SYMBOL.join([digits[:head], *rest])


def _fixed(value: Fraction, places: int, *, grouping: bool = False) -> str:
    """``value`` rounded half up to ``places`` decimals; a zero result has no sign."""
    rounded = _round_half_up(value, places)
    whole, fraction = divmod(abs(rounded), 10**places)
    text = _grouped(whole) if grouping else str(whole)
    if places:
        text += f"{_DECIMAL_SYMBOL}{fraction:0{places}d}"
    return f"{_MINUS}{text}" if rounded < 0 else text


def _scaled(
    value: Fraction,
    unit: str,
    units: tuple[tuple[str, int], ...],
    places: int | None,
    *,
    grouping: bool,
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
        raise ValueError(f"unknown unit {unit!r}; use one of {accepted}")
    power = powers[unit]
    in_unit = value / 10**power
    if places is None:
        whole_base = power == 0 and in_unit.denominator == 1
        places = 0 if whole_base else 2
    else:
        places = _places(places)
    return _fixed(in_unit, places, grouping=grouping) + unit


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
        places: Decimals, 0 to 4, rounded half up once from the exact amount.
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
    return _scaled(_exact(yuan, "an amount"), unit, _AMOUNT_UNITS, places, grouping=grouping)


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
    return _scaled(_exact(n, "a count"), unit, _COUNT_UNITS, places, grouping=grouping)


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
    places = _places(places)
    ratio = _ratio(value)
    if ratio is None:
        return undefined
    return _fixed(ratio * 100, places) + _PERCENT_SIGN


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
    places = _places(places)
    return _fixed(_exact(points, "a change in points"), places) + "个百分点"


# Chinese numerals -----------------------------------------------------------------


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


def _integer(n: int, digits: str, units: tuple[str, ...]) -> str:
    """1 ≤ n < 10¹⁶ in words, in groups of four digits: 万 is 10⁴, 亿 is 10⁸, 万亿 is 10¹²."""
    for big, power in ((_YI, 8), (_WAN, 4)):
        if n >= 10**power:
            high, low = divmod(n, 10**power)
            return _integer(high, digits, units) + big + _below(low, power, digits, units)
    return _section(n, digits, units)


def _below(low: int, power: int, digits: str, units: tuple[str, ...]) -> str:
    """The part after 万 or 亿: a 零 first when its highest digit is 0."""
    if low == 0:
        return ""
    # A gap between the groups is read as one 零 (十万零一十, 一亿零一千). When the
    # next group is full (107000: 十万七千) the 万 itself marks the place, as
    # PBOC 四(三) allows for capitals (壹拾万柒仟).
    zero = digits[0] if low < 10 ** (power - 1) else ""
    return zero + _integer(low, digits, units)


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
    n = _whole(n, "a number")
    if abs(n) >= _CHINESE_LIMIT:
        raise ValueError(f"to_chinese writes numbers below 10**16 in absolute value, got {n}")
    if n < 0:
        return _NEGATIVE + to_chinese(-n)
    if n == 0:
        return _DIGITS[0]
    words = _integer(n, _DIGITS, _SMALL_UNITS)
    # 十, not 一十, opens a number: 十五, 十万, 十亿 (but 一百一十, 十万零一十 inside).
    return words[1:] if words.startswith("一十") else words


def _parse_section(text: str) -> int:
    """The value of digits, 零 and 十百千, read loosely; the caller checks the form."""
    value = 0
    digit: int | None = None
    for char in text:
        if char in _SMALL_UNIT_VALUES:
            value += (1 if digit is None else digit) * _SMALL_UNIT_VALUES[char]
            digit = None
        elif char == _DIGITS[0]:
            continue
        elif char in _DIGIT_VALUES and digit is None:
            digit = _DIGIT_VALUES[char]
        else:
            raise ValueError(char)
    return value + (digit or 0)


def _parse_below_yi(text: str) -> int:
    high, wan, low = text.partition(_WAN)
    if wan:
        return _parse_section(high) * 10**4 + _parse_section(low)
    return _parse_section(text)


def _parse_integer(text: str) -> int:
    """The value of a numeral with at most one 亿, read loosely."""
    high, yi, low = text.partition(_YI)
    if yi:
        return _parse_below_yi(high) * 10**8 + _parse_below_yi(low)
    return _parse_below_yi(text)


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
    text = _text(text)
    canonical = _LIANG.sub(_DIGITS[2], text.replace(_YEAR_DIGITS[0], _DIGITS[0]))
    body = canonical.removeprefix(_NEGATIVE)
    try:
        value: int | None = _parse_integer(body)
    except ValueError:
        value = None
    if value is not None and value < _CHINESE_LIMIT:
        signed = -value if body != canonical else value
        if to_chinese(signed) == canonical:
            return signed
    raise ValueError(f"not a Chinese numeral as to_chinese writes it: {text!r}")


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
    year = _whole(year, "a year")
    if year < 0:
        raise ValueError(f"a year must not be negative, got {year}")
    return "".join(_YEAR_DIGITS[int(digit)] for digit in str(year))


# Financial capitals ---------------------------------------------------------------


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
    value = _exact(yuan, "an amount")
    if value < 0:
        raise ValueError(f"a capital amount cannot be negative, got {yuan}")
    fen = value * 100
    if fen.denominator != 1:
        raise ValueError(f"{yuan} yuan is not a whole number of fen; capitals are never rounded")
    if value >= _CAPITAL_LIMIT:
        raise ValueError(f"capital amounts must be below 10**12 yuan, got {yuan}")
    whole, cents = divmod(fen.numerator, 100)
    jiao, fen_digit = divmod(cents, 10)
    words = [_integer(whole, _CAPITAL_DIGITS, _CAPITAL_SMALL_UNITS) + "元"] if whole else []
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
    text = _text(text)
    body = text.removeprefix(_RMB)
    shape = _CAPITAL_SHAPE.fullmatch(body)
    if shape is not None:
        try:
            whole: int | None = _parse_integer((shape["yuan"] or "").translate(_CAPITAL_TO_NUMERAL))
        except ValueError:
            whole = None
        if whole is not None and whole < _CAPITAL_LIMIT:
            jiao = _CAPITAL_DIGITS.index(shape["jiao"]) if shape["jiao"] else 0
            fen = _CAPITAL_DIGITS.index(shape["fen"]) if shape["fen"] else 0
            amount = Decimal(f"{whole}.{jiao}{fen}")
            if to_capital_amount(amount, prefix=body != text) == text:
                return amount
    raise ValueError(f"not an amount in capitals as to_capital_amount writes it: {text!r}")


# Markers, enumerations, measure words, dates ------------------------------------------


def heading_marker(position: int, level: int = 1) -> str:
    """The marker before a section heading at ``position`` (1 for the first) and ``level``.

    The levels of official documents: 1 "一、", 2 "（一）", 3 "1.", 4 "（1）".
    Levels 2 and 4 use full-width parentheses (U+FF08, U+FF09).

    Args:
        position: The heading's place among its siblings, 1 or more.
        level: The heading level, 1 to 4.

    Returns:
        The marker, to be followed directly by the heading.

    Raises:
        TypeError: ``position`` or ``level`` is not an int.
        ValueError: ``position`` is below 1 or the level is not 1 to 4.

    Examples:
        >>> heading_marker(1)
        '一、'
        >>> heading_marker(11, level=2)
        '（十一）'
        >>> heading_marker(3, level=3)
        '3.'
        >>> heading_marker(2, level=4)
        '（2）'
    """
    position = _position(position)
    level = _whole(level, "a heading level")
    if level == 1:
        return f"{to_chinese(position)}、"
    if level == 2:
        return f"（{to_chinese(position)}）"
    if level == 3:
        return f"{position}."
    if level == 4:
        return f"（{position}）"
    raise ValueError(f"heading levels are 1 to 4, got {level}")


def enumeration(position: int) -> str:
    """The words that open the ``position``-th point of a list in running text: 一是, 二是.

    Args:
        position: The point's place, 1 or more.

    Returns:
        The Chinese numeral followed by 是.

    Raises:
        TypeError: ``position`` is not an int.
        ValueError: ``position`` is below 1.

    Examples:
        >>> enumeration(1)
        '一是'
        >>> enumeration(11)
        '十一是'
    """
    return f"{to_chinese(_position(position))}是"


def measure_words(kind: MeasureKind | str) -> tuple[str, ...]:
    """The measure words a figure of ``kind`` may take, the default first.

    Args:
        kind: A :class:`MeasureKind`, or its value ("case").

    Returns:
        The allowed words.

    Raises:
        ValueError: ``kind`` is not a measure kind.

    Examples:
        >>> measure_words(MeasureKind.CASE)
        ('件', '宗', '起')
        >>> measure_words("person")
        ('名', '人')
    """
    try:
        member = MeasureKind(kind)
    except ValueError:
        accepted = ", ".join(repr(member.value) for member in MeasureKind)
        raise ValueError(f"unknown measure kind {kind!r}; use one of {accepted}") from None
    return _MEASURE_WORDS[member]


_NUMERALS: Final[Mapping[str, Callable[[int], str]]] = MappingProxyType(
    {"arabic": str, "chinese": to_chinese}
)


def with_measure(
    n: int,
    kind: MeasureKind | str,
    word: str | None = None,
    *,
    numerals: str = "arabic",
) -> str:
    """A count followed by its measure word: 243件.

    Args:
        n: The count; negative counts keep their sign ("-5件", "负五件").
        kind: What is counted.
        word: One of :func:`measure_words` of ``kind``; ``None`` for the default.
        numerals: "arabic" (243件) or "chinese" (二十二名, see :func:`to_chinese`).

    Returns:
        The number and the measure word, with no space between them.

    Raises:
        TypeError: ``n`` is not an int.
        ValueError: ``kind`` is unknown, ``word`` is not allowed for it (the
            message names the allowed ones), or ``numerals`` is neither
            "arabic" nor "chinese".

    Examples:
        >>> with_measure(243, MeasureKind.CASE)
        '243件'
        >>> with_measure(216, MeasureKind.CASE, "起")
        '216起'
        >>> with_measure(22, MeasureKind.PERSON, numerals="chinese")
        '二十二名'
    """
    n = _whole(n, "a count")
    allowed = measure_words(kind)
    if word is None:
        word = allowed[0]
    elif word not in allowed:
        raise ValueError(
            f"{word!r} is not a measure word for {MeasureKind(kind).value!r}; "
            f"use one of {', '.join(allowed)}"
        )
    write = _NUMERALS.get(numerals)
    if write is None:
        raise ValueError(f"numerals must be 'arabic' or 'chinese', got {numerals!r}")
    return write(n) + word


def format_date(day: dt.date) -> str:
    """A date as the reports write it: 2024年1月18日, without zero padding.

    This is the long date pattern of zh_CN (y年M月d日).

    Args:
        day: The date.

    Returns:
        Year, month and day with 年, 月 and 日.

    Raises:
        TypeError: ``day`` is a datetime (it carries a time; pass ``.date()``)
            or not a date.

    Examples:
        >>> import datetime as dt
        >>> format_date(dt.date(2024, 1, 18))
        '2024年1月18日'
    """
    if isinstance(day, dt.datetime):
        raise TypeError(f"format_date takes a date, not a datetime with a time: {day!r}")
    checked: object = day
    if not isinstance(checked, dt.date):
        raise TypeError(f"format_date takes a date, not {_type_name(checked)} {checked!r}")
    return f"{checked.year}年{checked.month}月{checked.day}日"
