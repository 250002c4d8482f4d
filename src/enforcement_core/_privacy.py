"""Personal data kept out of published output: masked names, withheld numbers.

Published reports carry figures, not people: a party who is a natural person is
named like 张某某, and identity-card numbers (and mobile numbers) never appear.
Numbers are masked in each text field of the model before prose is assembled
(:func:`masked`), and told from figures by the check character of GB 11643-1999.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final, TypeVar, cast

import attrs

from enforcement_core._mapping import FrozenMap

__all__ = ["is_id_number", "mask_id_numbers", "mask_name", "mask_numbers", "masked"]

T = TypeVar("T")

# Two-character surnames, which keep both characters when the name is masked.
_COMPOUND_SURNAMES: Final = frozenset(
    {
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
        "宇文", "司徒", "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "万俟", "闻人",
        "赫连", "澹台", "公冶", "宗政", "濮阳", "太史", "申屠", "钟离", "呼延", "百里",
    }
)  # fmt: skip
# Digits as people type them: ASCII and full-width; the check character X in either width.
_DIGIT = "0-9\uff10-\uff19"
_X = "Xx\uff38\uff58"
# What can split a number someone typed or pasted: spaces (also full-width and
# no-break), hyphens and dashes, and zero-width characters.
_SEPARATOR = "\\s\u00a0\u3000\\-\u2010-\u2015\u2212\uff0d\u200b-\u200d\u2060\ufeff"
# A run of digit groups; each group is digits, the last may end with X.
_RUN: Final = re.compile(
    rf"(?<![{_DIGIT}])[{_DIGIT}]+(?:[{_SEPARATOR}]+[{_DIGIT}]+)*(?:[{_X}])?(?![{_DIGIT}])"
)
_GROUP: Final = re.compile(rf"[{_DIGIT}]+[{_X}]?")
_WIDE: Final = str.maketrans(
    "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff38\uff58", "0123456789XX"
)
# GB 11643-1999: the weights of the 17 digits and the check character for the sum mod 11.
_WEIGHTS: Final = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK: Final = "10X98765432"
_DATE: Final = re.compile(r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])")
_MOBILE: Final = re.compile(r"1[3-9][0-9]{9}")


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


def _masked_run(run: str, id_replacement: str, mobile_replacement: str) -> str:
    """A run of digit groups with every identity-card or mobile number in it replaced.

    Consecutive groups are joined and tried, longest first, so that an ID typed
    with spaces, hyphens or zero-width characters is found, and a figure beside it
    is left alone.
    """
    groups = list(_GROUP.finditer(run))
    plain = [group.group().translate(_WIDE) for group in groups]
    out: list[str] = []
    position = 0
    start = 0
    while start < len(groups):
        for end in range(len(groups), start, -1):
            joined = "".join(plain[start:end])
            if is_id_number(joined):
                replacement = id_replacement
            elif _MOBILE.fullmatch(joined):
                replacement = mobile_replacement
            else:
                continue
            out += [run[position : groups[start].start()], replacement]
            position = groups[end - 1].end()
            start = end
            break
        else:
            start += 1
    out.append(run[position:])
    return "".join(out)


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
    if not any(char.isdigit() for char in text):
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


def masked(
    obj: T, id_replacement: str = "[身份证号已隐去]", mobile_replacement: str = "[手机号已隐去]"
) -> T:
    """``obj`` (a report or any attrs object of the model) with numbers masked in every text field.

    Masking at the field, before any prose is put together, is what keeps a
    figure written next to a text from being read as part of a number in it.
    Counts and amounts are never touched.

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
    return cast("T", _masked(obj, id_replacement, mobile_replacement))


def _masked(obj: Any, id_replacement: str, mobile_replacement: str) -> Any:
    if isinstance(obj, str):
        return mask_numbers(obj, id_replacement, mobile_replacement)
    if isinstance(obj, tuple):
        items = tuple(_masked(item, id_replacement, mobile_replacement) for item in obj)
        return obj if all(a is b for a, b in zip(items, obj, strict=True)) else items
    if isinstance(obj, Mapping):
        values = {
            key: _masked(value, id_replacement, mobile_replacement) for key, value in obj.items()
        }
        if all(values[key] is value for key, value in obj.items()):
            return obj
        return type(obj)(values) if isinstance(obj, FrozenMap) else values
    if attrs.has(type(obj)):
        changes = {}
        for field in attrs.fields(type(obj)):
            if not field.init:
                continue
            value = getattr(obj, field.name)
            new = _masked(value, id_replacement, mobile_replacement)
            if new is not value:
                changes[field.alias or field.name] = new
        return attrs.evolve(obj, **changes) if changes else obj
    return obj


def mask_name(name: str) -> str:
    """A natural person's name as published documents write it: the surname and 某某.

    Examples:
        >>> mask_name("张三"), mask_name("欧阳修"), mask_name("李")
        ('张某某', '欧阳某某', '李某某')
    """
    name = name.strip()
    surname = name[:2] if name[:2] in _COMPOUND_SURNAMES else name[:1]
    return f"{surname}某某"
