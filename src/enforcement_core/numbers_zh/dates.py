"""Dates as the reports write them: 2024年1月18日."""

from __future__ import annotations

import datetime as dt

from enforcement_core.errors import NumberTypeError
from enforcement_core.numbers_zh import _checks


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
        raise NumberTypeError(f"format_date takes a date, not a datetime with a time: {day!r}")
    checked: object = day
    if not isinstance(checked, dt.date):
        raise NumberTypeError(
            f"format_date takes a date, not {_checks.type_name(checked)} {checked!r}"
        )
    return f"{checked.year}年{checked.month}月{checked.day}日"
