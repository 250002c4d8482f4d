"""Personal data kept out of published output: masked names, withheld ID numbers.

Published reports carry figures, not people: a party who is a natural person is
named like 张某某, and identity-card numbers never appear.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["mask_id_numbers", "mask_name"]

# Two-character surnames, which keep both characters when the name is masked.
_COMPOUND_SURNAMES: Final = frozenset(
    {
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
        "宇文", "司徒", "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "万俟", "闻人",
        "赫连", "澹台", "公冶", "宗政", "濮阳", "太史", "申屠", "钟离", "呼延", "百里",
    }
)  # fmt: skip
# Second-generation (18 characters, GB 11643-1999) and first-generation (15 digits)
# resident identity-card numbers, not inside a longer run of digits.
_ID_NUMBER: Final = re.compile(
    r"(?<![0-9])(?:"
    r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx]"
    r"|[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}"
    r")(?![0-9Xx])"
)


def mask_name(name: str) -> str:
    """A natural person's name as published documents write it: the surname and 某某.

    Examples:
        >>> mask_name("张三"), mask_name("欧阳修"), mask_name("李")
        ('张某某', '欧阳某某', '李某某')
    """
    name = name.strip()
    surname = name[:2] if name[:2] in _COMPOUND_SURNAMES else name[:1]
    return f"{surname}某某"


def mask_id_numbers(text: str, replacement: str = "[身份证号已隐去]") -> str:
    """``text`` with every identity-card number replaced.

    Examples:
        >>> mask_id_numbers("当事人张某某（身份证号500112199001011234）")
        '当事人张某某（身份证号[身份证号已隐去]）'
        >>> mask_id_numbers("罚款11600元，案件编号20230001")
        '罚款11600元，案件编号20230001'
    """
    return _ID_NUMBER.sub(replacement, text)
