"""The figures of the built-in examples, worked out by hand from their JSON.

The golden files under tests/golden/ are snapshots of what the renderers wrote
once; a figure that was wrong when the snapshot was taken stays wrong in them.
These tables are written independently, from the examples' data in
src/enforcement_core/examples/*.json, with the arithmetic beside each derived
figure, so a renderer that drops, rounds differently or miscomputes a figure
fails here whatever its golden file says.

A row is ``(zh_CN label, en label, value, zh_CN unit, en unit)`` as the table
renderers (text, html) write it: counts as plain integers (420),
money with two decimals and grouping (152,000.00), rates with their percent
sign. Rows are listed in the order the renderers must write them.

A row is ``stated`` (the report states it: written by default), ``computed``
(exact, from figures the report states: written only with ``rates="computed"``,
marked) or ``derived`` (a total added up from parts that may not be all of it, or
computed from one: never written, kept here to say why it is not).
"""

from __future__ import annotations

from typing import NamedTuple


class Row(NamedTuple):
    """One line of the table renderers' output."""

    zh: str
    en: str
    value: str
    zh_unit: str = ""
    en_unit: str = ""
    kind: str = "stated"


def computed(row: Row) -> Row:
    """A figure computed exactly from stated ones: written only when asked for."""
    return row._replace(kind="computed")


def derived(row: Row) -> Row:
    """A figure nobody stated that cannot be computed exactly: never written."""
    return row._replace(kind="derived")


def stated_rows(example: str) -> list[Row]:
    """The rows a table renderer writes by default: what the report states."""
    return [row for row in ROWS[example] if row.kind == "stated"]


def computed_rows(example: str) -> list[Row]:
    """The rows with ``rates="computed"``: the stated ones and the exact computed ones."""
    return [row for row in ROWS[example] if row.kind != "derived"]


def count(zh: str, en: str, value: int, unit: str) -> Row:
    """A count: its measure word in Chinese, none in English."""
    return Row(zh, en, str(value), unit, "")


def money(zh: str, en: str, value: str) -> Row:
    """An amount in yuan with two decimals."""
    return Row(zh, en, value, "元", "yuan")


def wan(zh: str, en: str, value: str) -> Row:
    """An amount in 万元 with two decimals, as the report's conventions write money."""
    return Row(zh, en, value, "万元", "10k yuan")


def whole_yuan(zh: str, en: str, value: str) -> Row:
    """An amount in whole yuan, as a report in 元 without decimals writes money."""
    return Row(zh, en, value, "元", "yuan")


def percent(zh: str, en: str, value: str) -> Row:
    """A rate, in percent with two decimals (the examples' percent_places)."""
    return Row(zh, en, value)


_RECTIFICATION = ("隐患整改率", "rectification rate")
_GRANT_OF_APPLICATIONS = ("许可准予率（占申请）", "grant rate (of applications)")
_GRANT_OF_DECISIONS = ("许可准予率（占决定）", "grant rate (of decisions)")
_CERTIFICATION = ("持证率", "certification rate")
_TRAINING = ("培训覆盖率", "training coverage")
_OFFICE_SHARE = ("综合执法机构人员占比", "share in the enforcement office")
_FINE_PER_CASE = ("案均罚款", "fine per case")

ROWS: dict[str, list[Row]] = {
    # gulu-2023.json: the reference report's data section.
    "gulu-2023": [
        count("持证执法人员", "certified officers", 22, "名"),
        count("综合行政执法办公室", "综合行政执法办公室", 8, "名"),
        count("综合执法大队", "综合执法大队", 5, "名"),
        count(
            "应急办、规建办、村建中心、农服中心等相关科室",
            "应急办、规建办、村建中心、农服中心等相关科室",
            14,
            "名",
        ),
        count("参加培训", "trained", 22, "名"),
        count("违规违纪", "misconduct cases", 0, "件"),
        count("申请", "applications", 243, "件"),
        count("准予许可", "granted", 209, "件"),
        count("检查家次", "establishment-visits", 363, "家次"),
        count("查出隐患", "hazards found", 509, "条"),
        count("整改隐患", "hazards rectified", 502, "条"),
        count("处级", "division-level", 6, "条"),
        count("科级", "section-level", 5, "条"),
        computed(count("年末未整改隐患", "hazards open at year end", 509 - 502, "条")),
        # No stated total: the domains' cases, 4 + 216, may not be all of them.
        derived(count("案件", "cases", 4 + 216, "件")),
        count("安全生产", "work safety", 4, "家次"),  # measure_words: 家次
        wan("罚款", "fines", "0.68"),  # 6800 元 = 0.68万元 (万元, 2 places)
        count("交通", "traffic", 216, "起"),  # measure_words: 起
        # The fines of all domains: only work safety's are stated, so no total is.
        derived(wan("罚款", "fines", "0.68")),
        derived(count("次数", "count", 3, "次")),  # interviews: only by party
        count("企业", "enterprises", 3, "家次"),
        percent(*_RECTIFICATION, "98.62%"),  # 502 / 509 = 98.6247…%
        computed(percent(*_GRANT_OF_APPLICATIONS, "86.01%")),  # 209 / 243 = 86.0082…%
        computed(percent(*_TRAINING, "100.00%")),  # 22 / 22
        computed(percent(*_OFFICE_SHARE, "36.36%")),  # 8 / 22 = 36.3636…%
        derived(money(*_FINE_PER_CASE, "30.91")),  # 6800 / 220: neither figure is stated
    ],
    # example-street-2023.json: a street office, cases counted in 起, money in 元.
    "example-street-2023": [
        count("持证执法人员", "certified officers", 9, "名"),
        count("综合行政执法办公室", "综合行政执法办公室", 9, "名"),
        count("综合执法队", "综合执法队", 6, "名"),
        count("参加培训", "trained", 9, "名"),
        count("检查家次", "establishment-visits", 210, "家次"),
        count("消防安全", "fire safety", 90, "家次"),
        count("燃气安全", "gas safety", 70, "家次"),
        count("食品安全", "food safety", 50, "家次"),
        count("查出隐患", "hazards found", 120, "条"),
        count("整改隐患", "hazards rectified", 120, "条"),
        computed(count("年末未整改隐患", "hazards open at year end", 120 - 120, "条")),
        count("案件", "cases", 34, "起"),
        count("城市管理", "urban management", 30, "起"),
        whole_yuan("罚款", "fines", "12,000"),  # 元 without places
        count("市场监管", "market supervision", 4, "起"),
        whole_yuan("罚款", "fines", "6,000"),
        count("简易程序", "simple procedure", 20, "起"),
        count("普通程序", "ordinary procedure", 14, "起"),
        derived(whole_yuan("罚款", "fines", "18,000")),  # 12000 + 6000
        derived(count("次数", "count", 5, "次")),  # interviews: only by party
        count("个体工商户", "individual businesses", 5, "次"),
        count("行政复议", "reconsiderations", 0, "起"),
        count("行政诉讼", "litigations", 0, "起"),
        computed(percent(*_RECTIFICATION, "100.00%")),  # 120 / 120
        computed(percent(*_TRAINING, "100.00%")),  # 9 / 9
        computed(percent(*_OFFICE_SHARE, "100.00%")),  # 9 / 9
        derived(money(*_FINE_PER_CASE, "529.41")),  # 18000 / 34: the fines total is not stated
    ],
    # example-town-2022.json: the invented town's previous year.
    "example-town-2022": [
        count("持证执法人员", "certified officers", 16, "名"),
        count("综合行政执法办公室", "综合行政执法办公室", 6, "名"),
        count("综合执法大队", "综合执法大队", 3, "名"),
        count("应急办", "应急办", 5, "名"),
        count("规建办", "规建办", 5, "名"),
        count("在编人员", "established staff", 20, "名"),
        count("辅助执法人员", "auxiliary staff", 5, "名"),
        count("新增持证人员", "newly certified", 2, "名"),
        count("注销执法证", "certificates cancelled", 0, "名"),  # officers, a person
        count("参加培训", "trained", 16, "名"),
        count("违规违纪", "misconduct cases", 0, "件"),
        count("申请", "applications", 170, "件"),
        count("受理", "accepted", 170, "件"),
        count("准予许可", "granted", 150, "件"),
        count("不予许可", "refused", 12, "件"),
        count("尚在办理", "pending", 8, "件"),
        count("检查家次", "establishment-visits", 380, "家次"),
        count("查出隐患", "hazards found", 380, "条"),
        count("整改隐患", "hazards rectified", 373, "条"),
        count("处级", "division-level", 2, "条"),
        count("科级", "section-level", 6, "条"),
        computed(count("年末未整改隐患", "hazards open at year end", 380 - 373, "条")),
        count("案件", "cases", 88, "件"),
        count("安全生产", "work safety", 28, "件"),
        wan("罚款", "fines", "14.00"),  # 140000 / 10000
        count("消防", "fire safety", 18, "件"),
        wan("罚款", "fines", "3.00"),
        count("规划建设", "planning and construction", 14, "件"),
        wan("罚款", "fines", "8.00"),
        count("交通", "traffic", 28, "件"),
        wan("罚款", "fines", "0.28"),
        wan("罚款", "fines", "25.28"),
        count("强制措施", "coercive measures", 3, "件"),
        count("查封", "sealing", 2, "件"),
        count("扣押", "seizure", 1, "件"),
        count("强制执行", "coercive executions", 0, "件"),
        count("次数", "count", 9, "次"),
        count("企业", "enterprises", 9, "次"),
        count("次数", "count", 30, "件"),  # confirmations
        count("行政复议", "reconsiderations", 1, "件"),
        count("复议纠错", "corrected on reconsideration", 0, "件"),
        count("行政诉讼", "litigations", 0, "件"),
        count("败诉", "lost in court", 0, "件"),
        percent(*_RECTIFICATION, "98.16%"),  # 373 / 380 = 98.157…%
        computed(percent(*_GRANT_OF_APPLICATIONS, "88.24%")),  # 150 / 170 = 88.235…%
        computed(percent(*_GRANT_OF_DECISIONS, "92.59%")),  # 150 / (150 + 12) = 92.592…%
        computed(percent(*_CERTIFICATION, "80.00%")),  # 16 / 20
        computed(percent(*_TRAINING, "100.00%")),  # 16 / 16
        computed(percent(*_OFFICE_SHARE, "37.50%")),  # 6 / 16
        computed(money(*_FINE_PER_CASE, "2,872.73")),  # 252800 / 88 = 2872.727…
    ],
    # example-town-2023.json: every category, every breakdown.
    "example-town-2023": [
        count("持证执法人员", "certified officers", 18, "名"),
        count("综合行政执法办公室", "综合行政执法办公室", 7, "名"),
        count("综合执法大队", "综合执法大队", 4, "名"),
        count("应急办", "应急办", 5, "名"),
        count("规建办", "规建办", 6, "名"),
        count("在编人员", "established staff", 20, "名"),
        count("辅助执法人员", "auxiliary staff", 6, "名"),
        count("新增持证人员", "newly certified", 3, "名"),
        count("注销执法证", "certificates cancelled", 1, "名"),
        count("参加培训", "trained", 18, "名"),
        count("违规违纪", "misconduct cases", 0, "件"),
        count("职权总数", "powers held", 412, "项"),
        count("法定执法", "statutory", 120, "项"),
        count("赋权执法", "conferred", 280, "项"),
        count("委托执法", "entrusted", 12, "项"),
        count("申请", "applications", 180, "件"),
        count("受理", "accepted", 176, "件"),
        count("准予许可", "granted", 160, "件"),
        count("不予许可", "refused", 9, "件"),
        count("尚在办理", "pending", 7, "件"),
        count("法制审核", "legal reviews", 169, "件"),
        count("检查家次", "establishment-visits", 420, "家次"),
        count("消防安全", "fire safety", 120, "家次"),
        count("查出隐患", "hazards found", 150, "条"),
        count("整改隐患", "hazards rectified", 148, "条"),
        count("企业生产", "enterprise production", 100, "家次"),
        count("查出隐患", "hazards found", 130, "条"),
        count("整改隐患", "hazards rectified", 128, "条"),
        count("燃气安全", "gas safety", 80, "家次"),
        count("查出隐患", "hazards found", 60, "条"),
        count("整改隐患", "hazards rectified", 60, "条"),
        count("食品安全", "food safety", 70, "家次"),
        count("查出隐患", "hazards found", 40, "条"),
        count("整改隐患", "hazards rectified", 39, "条"),
        count("农房建设", "rural housing construction", 50, "家次"),
        count("查出隐患", "hazards found", 20, "条"),
        count("整改隐患", "hazards rectified", 20, "条"),
        count("查出隐患", "hazards found", 400, "条"),
        count("整改隐患", "hazards rectified", 395, "条"),
        count("处级", "division-level", 3, "条"),
        count("科级", "section-level", 8, "条"),
        computed(count("年末未整改隐患", "hazards open at year end", 400 - 395, "条")),
        count("案件", "cases", 96, "件"),
        count("安全生产", "work safety", 30, "件"),
        wan("罚款", "fines", "15.20"),
        count("消防", "fire safety", 20, "件"),
        wan("罚款", "fines", "3.80"),
        count("规划建设", "planning and construction", 16, "件"),
        wan("罚款", "fines", "9.60"),
        count("交通", "traffic", 30, "件"),
        wan("罚款", "fines", "0.30"),
        count("警告", "warning", 25, "件"),
        count("罚款", "fine", 66, "件"),
        count("没收违法所得", "confiscation of illegal gains", 2, "件"),
        count("责令停产停业", "production suspension order", 3, "件"),
        count("简易程序", "simple procedure", 28, "件"),
        count("普通程序", "ordinary procedure", 68, "件"),
        wan("罚款", "fines", "28.90"),
        wan("没收金额", "confiscations", "0.45"),
        wan("罚没金额", "fines and confiscations", "29.35"),  # 289000 + 4500 = 293500
        count("不予处罚", "not penalised", 2, "件"),
        count("从轻减轻处罚", "penalised lightly", 11, "件"),
        count("法制审核", "legal reviews", 68, "件"),
        count("涉嫌犯罪移送", "referred to judicial authorities", 1, "件"),
        count("强制措施", "coercive measures", 5, "件"),
        count("查封", "sealing", 3, "件"),
        count("扣押", "seizure", 2, "件"),
        count("强制执行", "coercive executions", 1, "件"),
        count("次数", "count", 12, "次"),
        count("企业", "enterprises", 10, "次"),
        count("个体工商户", "individual businesses", 2, "次"),
        count("次数", "count", 35, "件"),  # confirmations
        count("次数", "count", 2, "件"),  # rewards
        wan("金额", "amount", "0.40"),
        count("行政复议", "reconsiderations", 2, "件"),
        count("复议纠错", "corrected on reconsideration", 0, "件"),
        count("行政诉讼", "litigations", 1, "件"),
        count("败诉", "lost in court", 0, "件"),
        # The same four, for penalties: the only category with reviews.
        count("行政复议", "reconsiderations", 2, "件"),
        count("复议纠错", "corrected on reconsideration", 0, "件"),
        count("行政诉讼", "litigations", 1, "件"),
        count("败诉", "lost in court", 0, "件"),
        percent(*_RECTIFICATION, "98.75%"),  # 395 / 400
        computed(percent(*_GRANT_OF_APPLICATIONS, "88.89%")),  # 160 / 180 = 88.888…%
        computed(percent(*_GRANT_OF_DECISIONS, "94.67%")),  # 160 / (160 + 9) = 94.674…%
        percent(*_CERTIFICATION, "90.00%"),  # 18 / 20
        computed(percent(*_TRAINING, "100.00%")),  # 18 / 18
        computed(percent(*_OFFICE_SHARE, "38.89%")),  # 7 / 18 = 38.888…%
        computed(money(*_FINE_PER_CASE, "3,010.42")),  # 289000 / 96 = 3010.416…
    ],
}


def in_order(
    expected: list[tuple[str, ...]], actual: list[tuple[str, ...]]
) -> list[tuple[str, ...]]:
    """The expected rows missing from ``actual`` or out of order there; ``[]`` if all are in order."""
    position = 0
    missing = []
    for row in expected:
        try:
            position = actual.index(row, position) + 1
        except ValueError:
            missing.append(row)
    return missing
