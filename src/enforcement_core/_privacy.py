"""Personal data kept out of published output: masked names, withheld numbers.

Published reports carry figures, not people: a party who is a natural person is
named like 张某某, and identity-card numbers (and mobile numbers) never appear.
Numbers are masked in each text field of the model before prose is assembled
(:func:`masked`), and told from figures by the check character of GB 11643-1999.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from enum import Enum
from typing import Any, Final, TypeVar, cast

import attrs

from enforcement_core._mapping import FrozenMap

__all__ = [
    "is_id_number",
    "mask_id_numbers",
    "mask_name",
    "mask_numbers",
    "masked",
    "published_text",
]

T = TypeVar("T")

# Two-character surnames, which keep both characters when the name is masked.
_COMPOUND_SURNAMES: Final = frozenset(
    {
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
        "宇文", "司徒", "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "万俟", "闻人",
        "赫连", "澹台", "公冶", "宗政", "濮阳", "太史", "申屠", "钟离", "呼延", "百里",
    }
)  # fmt: skip
# Digits as people type them: any script's decimal digits (ASCII, full-width, Arabic-Indic,
# Devanagari …, which \d matches) and the Chinese numerals; the check character X in
# either width.
_CHINESE: Final = "〇零一二三四五六七八九"
_DIGIT = rf"\d{_CHINESE}"
_X = "Xx\uff38\uff58"
# What can split a number someone typed or pasted: spaces (also full-width and
# no-break), hyphens and dashes, slashes, dots and middle dots, underscores,
# parentheses, and zero-width characters.
_SEPARATOR = (
    "\\s\u00a0\u3000\\-\u2010-\u2015\u2212\uff0d\u200b-\u200d\u2060\ufeff"
    "/\uff0f.\uff0e\u00b7\u30fb\u2027_\uff3f()\uff08\uff09"
)
# A run of digits, X's and separators, from a digit to a digit or an X.
_RUN: Final = re.compile(
    rf"(?<![{_DIGIT}])[{_DIGIT}](?:[{_DIGIT}{_X}]|[{_SEPARATOR}]+(?=[{_DIGIT}]))*"
)
_ANY_DIGIT: Final = re.compile(f"[{_DIGIT}]")
_WIDE: Final = str.maketrans(
    {**{c: str(i) for i, c in enumerate(_CHINESE[1:])}, "〇": "0", "零": "0"}
    | {"\uff38": "X", "\uff58": "X", "x": "X"}
)
# Bidirectional controls: an RLO at the end of a unit's name shows "14名" as "名41".
_BIDI: Final = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# GB 11643-1999: the weights of the 17 digits and the check character for the sum mod 11.
_WEIGHTS: Final = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK: Final = "10X98765432"
_DATE: Final = re.compile(r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])")
# A mainland mobile number, with the country code as people write it: 86, 0086 (+86
# leaves its + before the mask).
_MOBILE: Final = re.compile(r"(?:0086|86)?1[3-9][0-9]{9}")
_MOBILE_LENGTHS: Final = (15, 13, 11)


def is_id_number(number: str) -> bool:
    """Whether ``number`` (ASCII digits, perhaps ending in X) is a resident identity-card number.

    An 18-character number (GB 11643-1999) must carry its check character, which
    tells it from a figure of 18 digits; a 15-digit first-generation number has
    none, and is known by its date of birth.

    Examples:
        >>> is_id_number("11010519491231002X"), is_id_number("110105194912310021")
        (True, False)
        >>> is_id_number("500112199001011234"), is_id_number("500112199001011239")
        (False, True)
    """
    upper = number.upper()
    if len(upper) == 18 and upper[:17].isdigit() and upper[0] != "0":
        if upper[6:8] not in ("18", "19", "20") or not _DATE.fullmatch(upper[10:14]):
            return False
        total = sum(int(digit) * weight for digit, weight in zip(upper, _WEIGHTS, strict=False))
        return _CHECK[total % 11] == upper[17]
    if len(upper) == 15 and upper.isdigit() and upper[0] != "0":
        return bool(_DATE.fullmatch(upper[8:12]))
    return False


def _plain(char: str) -> str:
    """One character of a run as ASCII: a digit of any script, X, or ``""`` for a separator."""
    if char in _CHINESE or char in _X:
        return char.translate(_WIDE)
    value = unicodedata.decimal(char, None)
    return "" if value is None else str(value)


def _masked_run(run: str, id_replacement: str, mobile_replacement: str) -> str:
    """A run of digits with every identity-card or mobile number in it replaced.

    The run's digits are read as ASCII whatever their script, separators left
    out. A number starts where a group of digits starts (the run's start, or
    after a separator). A mobile number, which has no check digit, must also end
    where a group ends; an 18-character ID, which has one, may run into the
    digits that follow it. A figure beside either is left alone.
    """
    plain: list[str] = []
    where: list[int] = []  # the position in ``run`` of each character of ``plain``
    starts: set[int] = set()
    ends: set[int] = set()
    previous = ""
    for position, char in enumerate(run):
        digit = _plain(char)
        if not digit:
            if plain:
                ends.add(len(plain))
            continue
        # Chinese numerals beside digits are words beside a number (张三500112…): a group
        # starts where the kind of digit changes.
        chinese = char in _CHINESE
        if not plain or where[-1] != position - 1 or chinese != (previous in _CHINESE):
            starts.add(len(plain))
            ends.add(len(plain))
        plain.append(digit)
        where.append(position)
        previous = char
    ends.add(len(plain))
    text = "".join(plain)
    out: list[str] = []
    position = 0
    index = 0
    while index < len(text):
        length, replacement = _number_at(text, index, starts, ends)
        if not length:
            index += 1
            continue
        out += [run[position : where[index]], id_replacement if replacement else mobile_replacement]
        position = where[index + length - 1] + 1
        index += length
    out.append(run[position:])
    return "".join(out)


def _number_at(text: str, index: int, starts: set[int], ends: set[int]) -> tuple[int, bool]:
    """The length of the ID (``True``) or mobile (``False``) number at ``index``; 0 if none."""
    if index not in starts:
        return 0, False
    if index + 18 <= len(text) and is_id_number(text[index : index + 18]):
        return 18, True
    if index + 15 in ends and is_id_number(text[index : index + 15]):
        return 15, True
    for length in _MOBILE_LENGTHS:
        if index + length in ends and _MOBILE.fullmatch(text[index : index + length]):
            return length, False
    return 0, False


def mask_numbers(
    text: str,
    id_replacement: str = "[身份证号已隐去]",
    mobile_replacement: str = "[手机号已隐去]",
) -> str:
    """``text`` with every identity-card number and mobile number replaced.

    Meant for one field's text, before it is joined into prose: a figure written
    after the field cannot then run into a number at its end. Full-width digits,
    numbers split by spaces, hyphens or zero-width characters, and IDs ending in X
    are found; a run of digits that is not an ID (by its check character) or a
    mobile number is left as it is.

    Examples:
        >>> mask_numbers("当事人张某某（身份证号500112199001011239）")
        '当事人张某某（身份证号[身份证号已隐去]）'
        >>> mask_numbers("身份证 500112 19900101 1239，电话138-0013-8000")
        '身份证 [身份证号已隐去]，电话[手机号已隐去]'
        >>> mask_numbers("罚款11600元，案件编号20230001，编号500112199001011234")
        '罚款11600元，案件编号20230001，编号500112199001011234'
    """
    if not _ANY_DIGIT.search(text):
        return text
    result = _RUN.sub(
        lambda run: _masked_run(run.group(), id_replacement, mobile_replacement), text
    )
    return text if result == text else result  # the same object: nothing to rebuild


def mask_id_numbers(text: str, replacement: str = "[身份证号已隐去]") -> str:
    """``text`` with every identity-card number replaced (mobile numbers too, see :func:`mask_numbers`).

    Examples:
        >>> mask_id_numbers("当事人张某某（身份证号11010519491231002X）")
        '当事人张某某（身份证号[身份证号已隐去]）'
    """
    return mask_numbers(text, replacement)


def published_text(
    text: str,
    id_replacement: str = "[身份证号已隐去]",
    mobile_replacement: str = "[手机号已隐去]",
    *,
    numbers: bool = True,
) -> str:
    """One string as every renderer writes it: numbers withheld, bidirectional controls removed.

    The one function between a report's text and any output: :func:`masked`
    applies it to every text field and every name a mapping is keyed by (a
    stated rate's own name included). ``numbers=False`` (a caller asking for
    personal data) keeps the numbers, and still removes the controls, which
    would reorder what is written after them ("14名" shown as "名41").

    Examples:
        >>> published_text("联系人电话+86 138 0013 8000\u202e")
        '联系人电话+[手机号已隐去]'
    """
    if numbers:
        text = mask_numbers(text, id_replacement, mobile_replacement)
    return _BIDI.sub("", text) if _BIDI.search(text) else text


def masked(
    obj: T,
    id_replacement: str = "[身份证号已隐去]",
    mobile_replacement: str = "[手机号已隐去]",
    *,
    numbers: bool = True,
) -> T:
    """``obj`` (a report or any attrs object of the model) with :func:`published_text` in every text.

    Masking at the field, before any prose is put together, is what keeps a
    figure written next to a text from being read as part of a number in it.
    Counts and amounts are never touched; names that key a mapping (a stated
    rate's) are text too. ``numbers=False`` only removes bidirectional controls.

    Examples:
        >>> from enforcement_core import examples
        >>> import attrs
        >>> report = examples.load("gulu-2023")
        >>> narrative = attrs.evolve(report.narrative, opening="联系电话13800138000。")
        >>> masked(attrs.evolve(report, narrative=narrative)).narrative.opening
        '联系电话[手机号已隐去]。'
        >>> masked(report) is report
        True
    """

    def text(value: str) -> str:
        return published_text(value, id_replacement, mobile_replacement, numbers=numbers)

    # A key may have to be an identifier (a unit's): its replacements carry no space or bracket.
    ids, mobiles = (
        _KEY_UNSAFE.sub("-", r).strip("-") for r in (id_replacement, mobile_replacement)
    )

    def key(value: str) -> str:
        return published_text(value, ids, mobiles, numbers=numbers)

    return cast("T", _masked(obj, text, key))


_KEY_UNSAFE: Final = re.compile(r"[\s.\[\]]+")


def _masked(obj: Any, text: Any, key: Any) -> Any:
    if isinstance(obj, str):
        # A vocabulary member (a StrEnum) is the library's word, not the report's text.
        return obj if isinstance(obj, Enum) else text(obj)
    if isinstance(obj, tuple):
        items = tuple(_masked(item, text, key) for item in obj)
        return obj if all(a is b for a, b in zip(items, obj, strict=True)) else items
    if isinstance(obj, Mapping):
        return _masked_mapping(obj, text, key)
    if attrs.has(type(obj)):
        changes = {}
        for field in attrs.fields(type(obj)):
            if not field.init:
                continue
            value = getattr(obj, field.name)
            new = _masked(value, text, key)
            if new is not value:
                changes[field.alias or field.name] = new
        return attrs.evolve(obj, **changes) if changes else obj
    return obj


def _masked_mapping(obj: Mapping[Any, Any], text: Any, key: Any) -> Any:
    """A mapping masked in its values and in the names that key it (a stated rate's own name)."""
    pairs: dict[Any, Any] = {}
    for name, value in obj.items():
        new_name = name if not isinstance(name, str) or isinstance(name, Enum) else key(name)
        # Two names that differed only by the number withheld stay two entries.
        base, count = new_name, 1
        while new_name in pairs:
            count += 1
            new_name = f"{base}-{count}"
        pairs[new_name] = _masked(value, text, key)
    unchanged = all(
        new is old and value is obj[old]
        for (new, value), old in zip(pairs.items(), obj.keys(), strict=True)
    )
    if unchanged:
        return obj
    return type(obj)(pairs) if isinstance(obj, FrozenMap) else pairs


def mask_name(name: str) -> str:
    """A natural person's name as published documents write it: the surname and 某某.

    Examples:
        >>> mask_name("张三"), mask_name("欧阳修"), mask_name("李")
        ('张某某', '欧阳某某', '李某某')
    """
    name = name.strip()
    surname = name[:2] if name[:2] in _COMPOUND_SURNAMES else name[:1]
    return f"{surname}某某"
