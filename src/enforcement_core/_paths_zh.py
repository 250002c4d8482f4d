"""Paths and audit codes in Chinese, for a clerk who reads the findings.

The audit names a figure by its path (``penalty.by_domain.traffic.cases``) and a
record by its place in the ledger (``inspections[4].officers[1]``), and each finding
by a code (``unknown-officer``): exact for programs, opaque to a clerk. Here they
are said in Chinese from the library's labels: 行政处罚·按领域·交通·案件,
行政检查第5条·执法人员编号第2项, 执法人员不在名单中. A path of a workbook's record
is better said by its sheet and row (:mod:`enforcement_core.tables` does that).
"""

from __future__ import annotations

import re
from typing import Final

from enforcement_core.labels import _VOCABULARY, category_fields, figure_term, term, term_or_key

__all__ = ["CODES_ZH", "code_zh", "path_zh", "paths_in_text_zh"]

#: Each audit code's name in Chinese (the codes of ``enforcement_core.findings.CODES``).
CODES_ZH: Final = {
    "breakdown-short": "分项合计少于总数",
    "breakdowns-disagree": "两种分项合计不一致",
    "dimension-incomplete": "完整分项合计少于总数",
    "licensing-open": "许可结果未覆盖全部申请",
    "reviews-open": "复议结果未覆盖全部复议",
    "sanctions-vs-cases": "处罚种类与案件数不符",
    "rate-mismatch": "比率与数字不符",
    "rate-unverifiable": "比率无法核对",
    "share-above-whole": "比例超过百分之百",
    "change-mismatch": "同比变化与数字不符",
    "change-unverifiable": "同比变化无法核对",
    "change-no-base": "同比变化缺少上年数字",
    "total-mismatch": "总数与各类合计不符",
    "figure-mismatch": "所写数字与精确数字不符",
    "bound-broken": "数字超出所写界限",
    "about-mismatch": "约数与精确数字相差过大",
    "change-forms-disagree": "变化数与变化率不符",
    "sanctions-above-cases": "处罚种类多于案件数",
    "cut-off-outside-year": "统计截止日期不符",
    "published-late": "发布晚于次年1月31日",
    "published-early": "发布早于年度结束",
    "ledger-mismatch": "与公示记录不符",
    "outside-year": "记录不在本年度内",
    "duplicate-id": "编号重复",
    "too-few-officers": "执法人员少于两人",
    "unknown-officer": "执法人员不在名单中",
    "no-valid-certificate": "无有效执法证件",
    "unknown-unit": "单位不在名单中",
    "rectified-late": "超期整改",
    "open-past-deadline": "逾期未整改",
}

# A breakdown's keys are the values of one vocabulary.
_KEYS: Final = {
    "by_domain": "Domain",
    "by_area": "InspectionArea",
    "by_sanction": "SanctionType",
    "by_procedure": "Procedure",
    "fines_by_procedure": "Procedure",
    "by_party": "PartyKind",
    "by_source": "AuthoritySource",
    "by_measure": "CoerciveMeasure",
    "departures": "DepartureReason",
    "by_establishment": "EstablishmentKind",
    "supervised": "SupervisionLevel",
    "rates": "RateName",
    "other_actions": "ActionKind",
}
# The ledger's groups of records, named by their sheets.
_GROUPS: Final = frozenset(
    {
        "officers",
        "certificates",
        "misconduct_cases",
        "licence_applications",
        "inspections",
        "hazards",
        "penalty_cases",
        "interviews",
        "coercive_actions",
        "other_actions",
        "reviews",
    }
)
_OWN: Final = {
    "stated": "报告所述",
    "total": "合计",
    "figures": "数字",
    "changes": "同比变化",
    "own_figures": "报告自列数字",
    "notes": "说明",
    "cut_off": "统计截止日期",
    "subunits": "",
    "dimensions": "",
    "parts": "",
    "units": "单位",
    "hazards": "隐患",
    "licensing": "行政许可",
    "inspection": "行政检查",
    "penalty": "行政处罚",
    "coercion": "行政强制",
    "other_actions": "其他行政执法行为",
}
# The names of the dimensions whose keys the vocabulary knows, after "dimensions".
_DIMENSIONS: Final = {
    "domain": "按领域",
    "procedure": "按程序",
    "party": "按当事人",
    "area": "按检查领域",
    "grade": "按隐患等级",
    "source": "按人员来源",
    "establishment": "按编制类型",
    "certificate": "按执法证办理情况",
}
_PAIRS: Final = {
    ("hazards", "found"): "hazards_found",
    ("hazards", "rectified"): "hazards_rectified",
}
_SEGMENT: Final = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")
_PATH: Final = re.compile(r"(?<![A-Za-z0-9_\-'])[a-z][a-z_]*(?:\[\d+\]|\.[a-z0-9_]+)+(?:\[\d+\])*")


def code_zh(code: str) -> str:
    """An audit code's Chinese name; a plugin's code of its own as it is.

    Examples:
        >>> code_zh("unknown-officer")
        '执法人员不在名单中'
    """
    return CODES_ZH.get(code, code)


def _group(segment: str) -> bool:
    """Whether ``segment`` is a ledger's group of records (a declared category's too)."""
    return segment in _GROUPS or term_or_key(f"sheet_{segment}") != f"sheet_{segment}"


def _word(segment: str, before: str | None, indexed: bool, at: str = "") -> str | None:  # noqa: FBT001, PLR0911  (one return per kind of segment)
    if indexed and _group(segment):
        return term(f"sheet_{segment}")
    if before == "dimensions":
        return _DIMENSIONS.get(segment, segment)
    if before in _KEYS and segment in _VOCABULARY[_KEYS[before]]:
        return _VOCABULARY[_KEYS[before]][segment][0]
    if segment in _OWN:
        return _OWN[segment]
    if before is not None and at.split(".", 1)[0] in category_fields():
        # A category's figure: its own word, or a shared one, never another category's.
        return figure_term(at)
    for key in (segment, f"column_{segment}", f"sheet_{segment}"):
        try:
            return term(key)
        except KeyError:
            continue
    for labels in _VOCABULARY.values():
        if segment in labels:
            return labels[segment][0]
    return None


def path_zh(path: str) -> str:
    """A figure's or a record's path in Chinese; a segment without a name stays as written.

    Unit identifiers and other keys the user chose are values, kept as they are.

    Examples:
        >>> path_zh("penalty.by_domain.traffic.cases")
        '行政处罚·按领域·交通·案件'
        >>> path_zh("inspections[4].officers[1]")
        '行政检查第5条·执法人员编号第2项'
        >>> path_zh("inspection.hazards.found")
        '行政检查·查出隐患'
    """
    words: list[str] = []
    walked: list[str] = []
    before: str | None = None
    parts = [(m[1], m[2]) for m in _SEGMENT.finditer(path)]
    index = 0
    while index < len(parts):
        segment, indices = parts[index]
        pair = _PAIRS.get((segment, parts[index + 1][0])) if index + 1 < len(parts) else None
        if pair is not None and not indices:
            words.append(term(pair))
            before, index = parts[index + 1][0], index + 2
            continue
        walked.append(segment)
        word = _word(segment, before, bool(indices), ".".join(walked))
        if word is None:
            word = segment
        elif segment == "officers" and before is not None:
            word = term("column_officers")
        numbers = [int(n) + 1 for n in re.findall(r"\d+", indices)]
        # Records (第5条) are a ledger's groups, and the hazards and certificates in them.
        record = _group(segment) and (
            before is None
            or (before, segment) in {("inspections", "hazards"), ("officers", "certificates")}
        )
        word += "".join(f"第{n}{'条' if record else '项'}" for n in numbers)
        if word:
            words.append(word)
        before, index = segment, index + 1
    return "·".join(words)


def paths_in_text_zh(text: str) -> str:
    """``text`` with every path in it said in Chinese (a finding's Chinese message).

    Examples:
        >>> paths_in_text_zh("分项inspection.by_area合计写作1616.65万")
        '分项行政检查·按检查领域合计写作1616.65万'
    """
    return _PATH.sub(lambda found: path_zh(found[0]), text)
