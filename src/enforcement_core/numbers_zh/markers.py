"""Markers before section headings (一、, （一）, 1., （1）) and enumerations (一是, 二是)."""

from __future__ import annotations

from enforcement_core.errors import NumberFormatError
from enforcement_core.numbers_zh import _checks
from enforcement_core.numbers_zh.numerals import to_chinese


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
    position = _checks.position(position)
    level = _checks.whole(level, "a heading level")
    if level == 1:
        return f"{to_chinese(position)}、"
    if level == 2:
        return f"（{to_chinese(position)}）"
    if level == 3:
        return f"{position}."
    if level == 4:
        return f"（{position}）"
    raise NumberFormatError(f"heading levels are 1 to 4, got {level}")


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
    return f"{to_chinese(_checks.position(position))}是"
