"""Measure words (量词): what a figure counts decides the word written after it (243件)."""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from enforcement_core.errors import NumberFormatError
from enforcement_core.numbers_zh import _checks
from enforcement_core.numbers_zh.numerals import to_chinese

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping


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
        raise NumberFormatError(f"unknown measure kind {kind!r}; use one of {accepted}") from None
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
    n = _checks.whole(n, "a count")
    allowed = measure_words(kind)
    if word is None:
        word = allowed[0]
    elif word not in allowed:
        raise NumberFormatError(
            f"{word!r} is not a measure word for {MeasureKind(kind).value!r}; "
            f"use one of {', '.join(allowed)}"
        )
    write = _NUMERALS.get(numerals)
    if write is None:
        raise NumberFormatError(f"numerals must be 'arabic' or 'chinese', got {numerals!r}")
    return write(n) + word
