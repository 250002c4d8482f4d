"""The model's reasons for refusing a record, said in Chinese for a clerk.

The record classes refuse in English (``"an application not accepted has no
decision"``), the language of the library's programmers; a table's problems are
also read by a clerk, who needs them in Chinese. Each reason the record classes,
their declared checks and the identifier checks can give has its Chinese form
here, found by the reason's shape; field names in a reason become column headers.
A reason not listed keeps its English after 不成立： (the test of this module
provokes every reason and finds none of them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from enforcement_core.labels import term

__all__ = ["field_name", "in_chinese"]


def field_name(name: str) -> str:
    """A field's Chinese name: its column header, else its term, else the name as given."""
    for key in (f"column_{name}", name, f"hazards_{name}"):
        try:
            return term(key)
        except KeyError:
            continue
    return name


def _kind_label(value: str) -> str:
    from enforcement_core.actions import ActionKind  # noqa: PLC0415  (labels of a vocabulary)
    from enforcement_core.labels import labels_of  # noqa: PLC0415

    return labels_of(ActionKind).get(value, value)


_Say = str | Callable[[re.Match[str]], str]

_REASONS: Final[tuple[tuple[re.Pattern[str], _Say], ...]] = tuple(
    (re.compile(pattern), say)
    for pattern, say in (
        # actions.LicenceApplication
        (r"an application not accepted has no decision", "未受理的申请不应有许可决定"),
        (r"a decision needs its date", "有许可决定的，须填写决定日期"),
        (r"a date of decision needs a decision", "填写了决定日期，但没有许可决定"),
        (r"only a granted licence can be revoked", "只有准予许可的才能撤销"),
        # actions.Inspection
        (
            r"hazard (.+) found on (\S+), before the inspection on (\S+)",
            lambda m: f"隐患{m[1]}的发现日期{m[2]}早于检查日期{m[3]}",
        ),
        # actions.PenaltyCase
        (r"a sanction is listed more than once", "处罚种类重复填写"),
        (
            r"a fine of (\S+) yuan, but 'fine' is not among the sanctions",
            lambda m: f"罚款金额为{m[1]}元，但处罚种类中没有“罚款”",
        ),
        (
            r"(\S+) yuan confiscated, but no confiscation is among the sanctions",
            lambda m: f"没收金额为{m[1]}元，但处罚种类中没有“没收违法所得”或“没收非法财物”",
        ),
        # actions.CoerciveAction
        (
            r"a coercive action is either a measure or an execution: give exactly one",
            "行政强制须填写强制措施或强制执行，且只填其中一项",
        ),
        # actions.OtherAction
        (
            r"(\S+) actions have a record class of their own",
            lambda m: f"{_kind_label(m[1])}有单独的工作表，请填写在该工作表中",
        ),
        # workforce.Officer
        (r"auxiliary staff hold no enforcement certificate", "辅助执法人员不持有执法证件"),
        # The declared checks (_validators).
        (r"(.+) is before (\w+) (\S+)", lambda m: f"{m[1]}早于{field_name(m[2])}{m[3]}"),
        (r"(.+) exceeds (\w+) (\S+)", lambda m: f"{m[1]}超过{field_name(m[2])}{m[3]}"),
        (r"must not be empty", "不能为空"),
        (r"must not be negative, got (.+)", lambda m: f"不能为负数，实为{m[1]}"),
        (r"(\S+) is above the largest count, (\d+)", lambda m: f"{m[1]}超过最大数量{m[2]}"),
        (r"(\S+) is above the largest amount, (\S+) yuan", lambda m: f"{m[1]}超过最大金额{m[2]}元"),
        (
            r"(\S+) has more than two decimal places \(money is exact to the fen, 0\.01 yuan\)",
            lambda m: f"{m[1]}的小数超过两位（金额精确到分）",
        ),
        (r"(\S+) is a negative zero; write 0", lambda m: f"{m[1]}是负零，请写0"),
        (
            r"(\S+) is not a year from (\d+) to (\d+)",
            lambda m: f"{m[1]}不是{m[2]}年至{m[3]}年之间的年份",
        ),
        (
            r"(.+) is not an identifier: it must be non-empty, without white space, '\.', '\[' or '\]'",
            lambda m: f"{m[1]}不能作为编号：编号不能为空，不能含空格、“.”、“[”或“]”",
        ),
        (
            r"(.+) shows nothing: it holds only zero-width or bidirectional control characters",
            lambda m: f"{m[1]}没有可见的文字，只有零宽或方向控制字符",
        ),
        (
            r"holds the control character (U\+[0-9A-F]+) at character (\d+)",
            lambda m: f"第{int(m[2]) + 1}个字符是控制字符{m[1]}",
        ),
        (
            r"holds a lone surrogate (U\+[0-9A-F]+) at character (\d+), which no encoding can write",
            lambda m: f"第{int(m[2]) + 1}个字符是无法编码的代理字符{m[1]}",
        ),
        # tables.identifiers
        (
            r"a unified social credit code has 18 characters, got (\d+)",
            lambda m: f"统一社会信用代码应为18位，实为{m[1]}位",
        ),
        (
            r"(.+) is not a character of a unified social credit code",
            lambda m: f"{m[1]}不是统一社会信用代码可用的字符",
        ),
        (
            r"the check character is (\S+), expected (\S+) \(GB 32100-2015\)",
            lambda m: f"校验码为{m[1]}，应为{m[2]}（GB 32100-2015）",
        ),
        (
            r"the date of birth (\S+) is not a day of the calendar",
            lambda m: f"其中的出生日期{m[1]}不是有效日期",
        ),
        (
            r"an identity number has 18 digits \(the last may be X\), or 15 digits",
            "居民身份证号码应为18位（末位可为X）或15位",
        ),
        (
            r"the check digit is (\S+), expected (\S+) \(GB 11643-1999\)",
            lambda m: f"校验码为{m[1]}，应为{m[2]}（GB 11643-1999）",
        ),
    )
)


def in_chinese(reason: str) -> str:
    """The Chinese of a reason the model gives; an unknown one after 不成立：, as given.

    Examples:
        >>> in_chinese("an application not accepted has no decision")
        '未受理的申请不应有许可决定'
        >>> in_chinese("2023-05-01 is before valid_from 2023-06-01")
        '2023-05-01早于有效期自2023-06-01'
        >>> in_chinese("a reason of a plugin")
        '不成立：a reason of a plugin'
    """
    for pattern, say in _REASONS:
        found = pattern.fullmatch(reason)
        if found:
            return say if isinstance(say, str) else say(found)
    return f"不成立：{reason}"
