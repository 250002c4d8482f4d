"""The words renderers write: a Chinese and an English label for every term.

The Chinese labels follow the glossary (GLOSSARY.md); the English ones are the
glossary's English names, in words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from enforcement_core.actions import (
    ActionKind,
    AuthoritySource,
    CoerciveMeasure,
    Domain,
    InspectionArea,
    PartyKind,
    Procedure,
    SanctionType,
    SupervisionLevel,
)
from enforcement_core.body import BodyLevel
from enforcement_core.report import RateName

if TYPE_CHECKING:
    from collections.abc import Mapping
    from enum import Enum

__all__ = ["LOCALES", "label", "term"]

#: The locales the renderers write: Chinese (the default) and English.
LOCALES: Final = ("zh_CN", "en")

_VOCABULARY: Final[tuple[tuple[Enum, tuple[str, str]], ...]] = (
    (ActionKind.LICENSING, ("行政许可", "licensing")),
    (ActionKind.PENALTY, ("行政处罚", "penalty")),
    (ActionKind.COERCION, ("行政强制", "coercion")),
    (ActionKind.INSPECTION, ("行政检查", "inspection")),
    (ActionKind.LEVY, ("行政征收", "levy")),
    (ActionKind.REQUISITION, ("行政征用", "requisition")),
    (ActionKind.ADJUDICATION, ("行政裁决", "adjudication")),
    (ActionKind.BENEFIT_PAYMENT, ("行政给付", "benefit payment")),
    (ActionKind.CONFIRMATION, ("行政确认", "confirmation")),
    (ActionKind.REWARD, ("行政奖励", "reward")),
    (ActionKind.OTHER, ("其他行政执法行为", "other action")),
    (AuthoritySource.STATUTORY, ("法定执法", "statutory")),
    (AuthoritySource.CONFERRED, ("赋权执法", "conferred")),
    (AuthoritySource.ENTRUSTED, ("委托执法", "entrusted")),
    (SanctionType.WARNING, ("警告", "warning")),
    (SanctionType.PUBLIC_CRITICISM, ("通报批评", "public criticism")),
    (SanctionType.FINE, ("罚款", "fine")),
    (SanctionType.CONFISCATION_OF_ILLEGAL_GAINS, ("没收违法所得", "confiscation of illegal gains")),
    (
        SanctionType.CONFISCATION_OF_ILLEGAL_PROPERTY,
        ("没收非法财物", "confiscation of illegal property"),
    ),
    (SanctionType.LICENCE_SUSPENSION, ("暂扣许可证件", "licence suspension")),
    (SanctionType.QUALIFICATION_DOWNGRADE, ("降低资质等级", "qualification downgrade")),
    (SanctionType.LICENCE_REVOCATION, ("吊销许可证件", "licence revocation")),
    (SanctionType.BUSINESS_RESTRICTION, ("限制开展生产经营活动", "business restriction")),
    (SanctionType.PRODUCTION_SUSPENSION_ORDER, ("责令停产停业", "production suspension order")),
    (SanctionType.CLOSURE_ORDER, ("责令关闭", "closure order")),
    (SanctionType.PRACTICE_RESTRICTION, ("限制从业", "practice restriction")),
    (SanctionType.ADMINISTRATIVE_DETENTION, ("行政拘留", "administrative detention")),
    (SanctionType.OTHER, ("其他", "other")),
    (Procedure.SIMPLE, ("简易程序", "simple procedure")),
    (Procedure.ORDINARY, ("普通程序", "ordinary procedure")),
    (SupervisionLevel.DIVISION, ("处级", "division-level")),
    (SupervisionLevel.SECTION, ("科级", "section-level")),
    (InspectionArea.RURAL_DRINKING_WATER, ("农村饮用水", "rural drinking water")),
    (InspectionArea.ELDERLY_CARE_HOME, ("敬老院", "elderly care homes")),
    (InspectionArea.RURAL_HOUSING_CONSTRUCTION, ("农房建设", "rural housing construction")),
    (InspectionArea.DILAPIDATED_HOUSING_RENOVATION, ("危房改造", "dilapidated-housing renovation")),
    (InspectionArea.GEOLOGICAL_HAZARD, ("地质灾害", "geological hazards")),
    (InspectionArea.ENVIRONMENTAL_POLLUTION, ("环境污染", "environmental pollution")),
    (InspectionArea.ENTERPRISE_PRODUCTION, ("企业生产", "enterprise production")),
    (InspectionArea.FIRE_SAFETY, ("消防安全", "fire safety")),
    (InspectionArea.FOOD_SAFETY, ("食品安全", "food safety")),
    (InspectionArea.GAS_SAFETY, ("燃气安全", "gas safety")),
    (InspectionArea.ROAD_TRAFFIC_SAFETY, ("道路交通安全", "road traffic safety")),
    (InspectionArea.OTHER, ("其他", "other areas")),
    (Domain.WORK_SAFETY, ("安全生产", "work safety")),
    (Domain.TRAFFIC, ("交通", "traffic")),
    (Domain.FIRE_SAFETY, ("消防", "fire safety")),
    (Domain.MARKET_SUPERVISION, ("市场监管", "market supervision")),
    (Domain.FOOD_AND_DRUG, ("食品药品", "food and drugs")),
    (Domain.ENVIRONMENT, ("生态环境", "environment")),
    (Domain.NATURAL_RESOURCES, ("自然资源", "natural resources")),
    (Domain.PLANNING_AND_CONSTRUCTION, ("规划建设", "planning and construction")),
    (Domain.URBAN_MANAGEMENT, ("城市管理", "urban management")),
    (Domain.AGRICULTURE, ("农业农村", "agriculture")),
    (Domain.FORESTRY, ("林业", "forestry")),
    (Domain.WATER, ("水利", "water")),
    (Domain.CULTURE_AND_TOURISM, ("文化旅游", "culture and tourism")),
    (Domain.HEALTH, ("卫生健康", "health")),
    (Domain.OTHER, ("其他", "other")),
    (PartyKind.NATURAL_PERSON, ("个人", "natural persons")),
    (PartyKind.INDIVIDUAL_BUSINESS, ("个体工商户", "individual businesses")),
    (PartyKind.ENTERPRISE, ("企业", "enterprises")),
    (PartyKind.ORGANISATION, ("其他组织", "organisations")),
    (CoerciveMeasure.SEALING, ("查封", "sealing")),
    (CoerciveMeasure.SEIZURE, ("扣押", "seizure")),
    (CoerciveMeasure.FREEZING, ("冻结", "freezing")),
    (CoerciveMeasure.OTHER, ("其他强制措施", "other measures")),
    (RateName.RECTIFICATION, ("隐患整改率", "rectification rate")),
    (RateName.GRANT_OF_APPLICATIONS, ("许可准予率（占申请）", "grant rate (of applications)")),
    (RateName.GRANT_OF_DECISIONS, ("许可准予率（占决定）", "grant rate (of decisions)")),
    (RateName.CERTIFICATION, ("持证率", "certification rate")),
    (RateName.TRAINING_COVERAGE, ("培训覆盖率", "training coverage")),
    (RateName.OFFICE_SHARE, ("综合执法机构人员占比", "share in the enforcement office")),
    (BodyLevel.TOWNSHIP, ("乡", "township")),
    (BodyLevel.TOWN, ("镇", "town")),
    (BodyLevel.STREET, ("街道", "street")),
    (BodyLevel.COUNTY, ("区县", "county")),
    (BodyLevel.COUNTY_DEPARTMENT, ("区县部门", "county department")),
    (BodyLevel.CITY, ("市", "city")),
    (BodyLevel.CITY_DEPARTMENT, ("市级部门", "city department")),
    (BodyLevel.PROVINCE_DEPARTMENT, ("省级部门", "provincial department")),
)

#: Words that are not a vocabulary's values: the figures' names and the like.
_TERMS: Final[Mapping[str, tuple[str, str]]] = {
    "workforce": ("执法人员", "Workforce"),
    "certified": ("持证执法人员", "certified officers"),
    "established_staff": ("在编人员", "established staff"),
    "auxiliary_staff": ("辅助执法人员", "auxiliary staff"),
    "newly_certified": ("新增持证人员", "newly certified"),
    "certificates_cancelled": ("注销执法证", "certificates cancelled"),
    "trained": ("参加培训", "trained"),
    "misconduct_cases": ("违规违纪", "misconduct cases"),
    "powers": ("执法职权", "Enforcement powers"),
    "powers_total": ("职权总数", "powers held"),
    "applications": ("申请", "applications"),
    "accepted": ("受理", "accepted"),
    "granted": ("准予许可", "granted"),
    "refused": ("不予许可", "refused"),
    "pending": ("尚在办理", "pending"),
    "revoked": ("撤销许可", "revoked"),
    "legal_reviews": ("法制审核", "legal reviews"),
    "visits": ("检查家次", "establishment-visits"),
    "hazards_found": ("查出隐患", "hazards found"),
    "hazards_rectified": ("整改隐患", "hazards rectified"),
    "supervised": ("挂牌督办", "under listed supervision"),
    "cases": ("案件", "cases"),
    "fines": ("罚款", "fines"),
    "confiscations": ("没收金额", "confiscations"),
    "fines_and_confiscations": ("罚没金额", "fines and confiscations"),
    "not_penalised": ("不予处罚", "not penalised"),
    "lightened": ("从轻减轻处罚", "penalised lightly"),
    "referrals": ("涉嫌犯罪移送", "referred to judicial authorities"),
    "measures": ("强制措施", "coercive measures"),
    "executions": ("强制执行", "coercive executions"),
    "interviews": ("约谈", "Admonitory interviews"),
    "count": ("次数", "count"),
    "amount": ("金额", "amount"),
    "reviews": ("复议诉讼", "Reconsideration and litigation"),
    "reconsiderations": ("行政复议", "reconsiderations"),
    "corrected": ("复议纠错", "corrected on reconsideration"),
    "litigations": ("行政诉讼", "litigations"),
    "lost": ("败诉", "lost in court"),
    "rates": ("比率", "Rates"),
    "fine_per_case": ("案均罚款", "fine per case"),
    "open_hazards": ("年末未整改隐患", "hazards open at year end"),
    "published_on": ("发布日期", "published"),
    "undefined": ("无法计算", "undefined"),
    "by_domain": ("按领域", "by domain"),
    "by_sanction": ("按处罚种类", "by sanction type"),
    "by_procedure": ("按程序", "by procedure"),
    "by_area": ("按检查领域", "by area"),
    "by_party": ("按约谈对象", "by party"),
    "by_kind": ("按类别", "by category"),
    "by_source": ("按来源", "by source"),
    "by_measure": ("按措施", "by measure"),
    "number": ("数量", "number"),
    "id_withheld": ("[身份证号已隐去]", "[ID number withheld]"),
    "plot_hazards_by_area": ("隐患查出与整改（按检查领域）", "Hazards found and rectified by area"),
    "plot_cases_by_category": ("各类行政执法行为数量", "Enforcement actions by category"),
}


def _index(locale: str) -> int:
    if locale not in LOCALES:
        raise ValueError(f"unknown locale {locale!r}; the renderers write {', '.join(LOCALES)}")
    return LOCALES.index(locale)


# StrEnum members of different vocabularies with one value are equal (both are
# the str "fire_safety"): a label is looked up by vocabulary and value together.
_BY_VOCABULARY: Final[Mapping[tuple[type, str], tuple[str, str]]] = {
    (type(member), member.value): labels for member, labels in _VOCABULARY
}


def label(member: Enum, locale: str = "zh_CN") -> str:
    """The label of a vocabulary value.

    Examples:
        >>> label(Domain.TRAFFIC), label(Domain.TRAFFIC, "en")
        ('交通', 'traffic')
        >>> label(InspectionArea.FIRE_SAFETY), label(Domain.FIRE_SAFETY)
        ('消防安全', '消防')
    """
    return _BY_VOCABULARY[type(member), member.value][_index(locale)]


def term(key: str, locale: str = "zh_CN") -> str:
    """The word for a figure or a heading.

    Examples:
        >>> term("hazards_found"), term("hazards_found", "en")
        ('查出隐患', 'hazards found')
    """
    return _TERMS[key][_index(locale)]
