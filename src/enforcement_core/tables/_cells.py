"""Reading one cell: the value a spreadsheet holds, as the type a field declares.

Spreadsheets hold numbers as binary floats, dates as date-times and everything
else as text; CSV holds only text. Each reader here turns a cell into the exact
value the model wants or refuses it with a reason in English and in Chinese.
Nothing is coerced silently: a float that is not a whole number where a count
belongs, a thousands separator in the wrong place ("1,2OO"), a date written in
a form not listed here are refused.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation, localcontext
from enum import Enum
from typing import TYPE_CHECKING, Any, Final

from enforcement_core.errors import LabelError

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["CellError", "blank", "reader_for", "split_list"]

#: The most digits a number in a cell may have, as in a JSON document.
MAX_DIGITS: Final = 40
_WAN: Final = Decimal(10_000)
_ONE: Final = Decimal(1)
_FEN: Final = Decimal("0.01")
# ASCII digits only; a thousands separator is allowed where it groups three digits.
_NUMBER: Final = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_DATES: Final = (
    re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"),
    re.compile(r"([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})"),
    re.compile(r"([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2})"),
    re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日"),
    re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})"),
)
# A date-time cell at midnight is a date; the time Excel or pandas adds after a day.
_MIDNIGHT: Final = re.compile(r"(.*?)[ T]00:00(:00(\.0+)?)?")
_TRUE: Final = frozenset({"是", "有", "√", "✓", "y", "yes", "true", "1", "已"})
_FALSE: Final = frozenset({"否", "无", "×", "✗", "n", "no", "false", "0", "未"})
_SEPARATORS: Final = re.compile(r"[、,，;；/\s]+")
_LABEL_ERROR: Final = re.compile(r"(?:did you mean '([^']*)'\? )?the labels are: (.*)$")


class CellError(ValueError):
    """A cell that cannot be read as its column's type: why, in English and Chinese."""

    def __init__(self, message: str, message_zh: str) -> None:
        super().__init__(message)
        self.message = message
        self.message_zh = message_zh


def blank(value: object) -> bool:
    """Whether a cell is empty: ``None``, or text of white space only."""
    return value is None or (isinstance(value, str) and not value.strip())


def _scalar(value: Any) -> Any:
    # numpy and pandas scalars (np.float64, Timestamp) carry the plain value inside.
    if type(value).__module__.startswith(("numpy", "pandas")):
        if hasattr(value, "to_pydatetime"):
            return value.to_pydatetime()
        if hasattr(value, "item"):
            return value.item()
    return value


def read_text(value: Any) -> str:
    """Text, with the white space around it removed; a number is refused."""
    value = _scalar(value)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        # Codes typed as numbers (an id 1001) are text written without quotes.
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        # Excel holds a number typed in a cell as a float: 1001 comes back as 1001.0.
        return str(int(value))
    raise CellError(
        f"expected text, got {type(value).__name__} {value!r}",
        f"应为文字，实为{value!r}",
    )


def identifier_key(value: Any) -> str:
    """An identifier's cell as records are compared by it: as its reader reads it.

    A number typed in a workbook's cell (1001, which Excel holds as 1001.0) is the
    identifier ``"1001"``, as the text "1001" is: the two rows are one record given
    twice. A cell the reader refuses (refused as a problem of its own) keeps its text.

    Examples:
        >>> [identifier_key(v) for v in (1001.0, 1001, " 1001 ", "P-1")]
        ['1001', '1001', '1001', 'P-1']
    """
    try:
        return read_text(value)
    except CellError:
        return str(value).strip()


def _number_text(value: Any, what: str, what_zh: str) -> Decimal:
    """The exact number a cell holds: an int, a float's shortest repr, or digits as text.

    A number of more than :data:`MAX_DIGITS` digits is refused, as JSON's are.
    """
    number = _number_of(value, what, what_zh)
    digits = max(len(number.as_tuple().digits), number.adjusted() + 1)
    if digits > MAX_DIGITS:
        raise CellError(
            f"a number of {digits} digits (at most {MAX_DIGITS})",
            f"数字有{digits}位（至多{MAX_DIGITS}位）",
        )
    return number


def _number_of(value: Any, what: str, what_zh: str) -> Decimal:
    value = _scalar(value)
    if isinstance(value, bool):
        raise CellError(f"expected {what}, got {value!r}", f"应为{what_zh}，实为{value!r}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise CellError(f"expected {what}, got {value}", f"应为{what_zh}，实为{value}")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellError(f"expected {what}, got {value}", f"应为{what_zh}，实为{value}")
        # Excel holds every number as a float: 6800 comes back as 6800.0.
        if value.is_integer():
            return Decimal(int(value))
        # repr is the shortest text that reads back as the same float: 0.68, never
        # 0.68000000000000004884981308350688777863979339599609375.
        return Decimal(repr(value))
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        try:
            return Decimal(value.strip().replace(",", ""))
        except InvalidOperation:  # pragma: no cover  (the pattern admits only numbers)
            pass
    raise CellError(
        f"expected {what}, got {value!r}",
        f"应为{what_zh}，实为{value!r}",
    )


def read_int(value: Any) -> int:
    """A whole number: an int, a float without a fraction (Excel's 3.0), or digits."""
    number = _number_text(value, "a whole number", "整数")
    if number != number.to_integral_value():
        raise CellError(f"expected a whole number, got {number}", f"应为整数，实为{number}")
    return int(number)


_IN_WAN: Final = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*万元?")


def read_yuan(value: Any) -> Decimal:
    """An amount in yuan, exact: the money check refuses what is not exact to the fen.

    An amount written in 万 is refused too (the column is in yuan), saying the yuan meant.

    Examples:
        >>> read_yuan("1.2万")
        Traceback (most recent call last):
        ...
        enforcement_core.tables._cells.CellError: the column is in yuan: for 1.2万 write 12000
    """
    try:
        return _number_text(value, "an amount in yuan", "以元为单位的金额")
    except CellError:
        wan = _IN_WAN.fullmatch(value.strip()) if isinstance(value, str) else None
        if wan is None:
            raise
        meant = Decimal(wan[1]) * _WAN
        meant = meant.quantize(_ONE) if meant == meant.to_integral_value() else meant.normalize()
        raise CellError(
            f"the column is in yuan: for {value.strip()} write {meant}",
            f"本列以元为单位：{value.strip()}请写作{meant}",
        ) from None


def read_wan_yuan(value: Any) -> Decimal:
    """An amount in 万元 (ten thousand yuan), as yuan: ``0.68`` is 6800 yuan, exactly.

    Examples:
        >>> read_wan_yuan("0.68"), read_wan_yuan(1753.79), read_wan_yuan("0.000001")
        (Decimal('6800'), Decimal('17537900'), Decimal('0.01'))
    """
    # Exact: the context holds every digit a cell may have, and the four of 10,000.
    with localcontext(prec=2 * MAX_DIGITS + 8):
        yuan = _number_text(value, "an amount in 万元", "以万元为单位的金额") * _WAN
        # 0.68 * 10000 is 6800.00: the places that became zeros are not places of the amount.
        if yuan == yuan.to_integral_value():
            return yuan.quantize(_ONE)
        if not yuan % _FEN:
            return yuan.quantize(_FEN)
        return yuan  # more places than the fen: the money check refuses it


def read_date(value: Any) -> dt.date:
    """A day: a date cell, a date-time cell at midnight, or text in a known form.

    The forms are 2023-05-02, 2023/5/2, 2023.5.2, 2023年5月2日 and 20230502.

    Examples:
        >>> read_date("2023年5月2日"), read_date("2023/5/2 00:00:00")
        (datetime.date(2023, 5, 2), datetime.date(2023, 5, 2))
    """
    value = _scalar(value)
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise CellError(
                f"expected a day, got the date and time {value}",
                f"应为日期，实为带时刻的{value}",
            )
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 10_000_000 <= value <= 99_991_231:
        # 20230502 held as a number (a Parquet int column): the digits are the text form
        # 20230502, read the same way on the columnar path, which sees it as text.
        value = str(value)
    if isinstance(value, str):
        text = value.strip()
        midnight = _MIDNIGHT.fullmatch(text)
        if midnight:
            text = midnight.group(1)
        for pattern in _DATES:
            found = pattern.fullmatch(text)
            if found:
                year, month, day = (int(part) for part in found.groups())
                try:
                    return dt.date(year, month, day)
                except ValueError:
                    raise CellError(
                        f"{value!r} is not a day of the calendar", f"{value!r}不是有效日期"
                    ) from None
        raise CellError(
            f"{value!r} is not a date in a known form "
            "(2023-05-02, 2023/5/2, 2023.5.2, 2023年5月2日, 20230502)",
            f"{value!r}不是可识别的日期写法（如2023-05-02、2023年5月2日）",
        )
    raise CellError(
        f"expected a date, got {type(value).__name__} {value!r}",
        f"应为日期，实为{value!r}",
    )


def read_bool(value: Any) -> bool:
    """Yes or no: 是/否, 有/无, √/×, yes/no, true/false, 1/0."""
    value = _scalar(value)
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(
        f"expected yes or no (是 or 否), got {value!r}",
        f"应为“是”或“否”，实为{value!r}",
    )


def enum_reader(enum: type[Enum]) -> Callable[[Any], Enum]:
    """A reader of a vocabulary value by its label, its value or a variant."""
    from_label = getattr(enum, "from_label")  # noqa: B009  (every vocabulary of the model has it)

    # A column repeats a few labels a million times: each is looked up once.
    known: dict[str, Enum] = {}

    def read(value: Any) -> Enum:
        text = read_text(value)
        if text in known:
            return known[text]
        try:
            member: Enum = from_label(text)
        except LabelError as error:
            # The label module words the message, its nearest label included.
            found = _LABEL_ERROR.search(str(error))
            nearest, labels = (found.group(1), found.group(2)) if found else (None, "")
            hint_zh = f"是否应为“{nearest}”？" if nearest else ""
            raise CellError(
                str(error), f"“{text}”不是可识别的类别；{hint_zh}可填：{labels}"
            ) from None
        known[text] = member
        return member

    return read


def split_list(value: Any) -> list[Any]:
    """The items of a cell that lists several values: 警告、罚款 or 警告;罚款."""
    if isinstance(value, list | tuple):
        return [item for item in value if not blank(item)]
    return [part for part in _SEPARATORS.split(read_text(value)) if part]


def reader_for(tp: Any) -> Callable[[Any], Any] | None:
    """The reader of a scalar type; ``None`` for a type that is not one cell."""
    if isinstance(tp, type) and issubclass(tp, Enum):
        return enum_reader(tp)
    return {
        str: read_text,
        int: read_int,
        bool: read_bool,
        Decimal: read_yuan,
        dt.date: read_date,
    }.get(tp)
