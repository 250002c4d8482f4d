"""The words of the library: a Chinese and an English label for every term.

One low module names every vocabulary value and every figure, for everyone who
writes or reads them: the audit's messages, the renderers (plugins included),
the loader's messages and :meth:`Vocabulary.from_label`, which reads a label
back, as a clerk's spreadsheet writes it ("安全生产", "镇").

The Chinese labels follow the glossary; the English ones are the glossary's
English names, in words. Labels are kept here by vocabulary name and value, so
that this module depends on nothing of the model: every vocabulary of the model
is a :class:`Vocabulary` and finds its labels here.

Examples:
    >>> from enforcement_core import labels
    >>> from enforcement_core.actions import Domain
    >>> labels.label(Domain.TRAFFIC), labels.label(Domain.TRAFFIC, "en")
    ('交通', 'traffic')
    >>> Domain.from_label("安全生产"), Domain.from_label("交通运输")
    (<Domain.WORK_SAFETY: 'work_safety'>, <Domain.TRAFFIC: 'traffic'>)
    >>> labels.term("hazards_found")
    '查出隐患'
"""

from __future__ import annotations

import difflib
import unicodedata
from enum import StrEnum
from typing import TYPE_CHECKING, Final, Self

from enforcement_core.errors import LabelError, UnknownLocale

if TYPE_CHECKING:
    from collections.abc import Mapping
    from enum import Enum

__all__ = [
    "LOCALES",
    "Vocabulary",
    "category_fields",
    "declare_terms",
    "figure_term",
    "label",
    "labels_of",
    "suggestion",
    "term",
    "term_or_key",
]

#: The locales labels are written in: Chinese (the default) and English.
LOCALES: Final = ("zh_CN", "en")

#: The labels of every vocabulary value: vocabulary name, value, (Chinese, English).
_VOCABULARY: Final[Mapping[str, Mapping[str, tuple[str, str]]]] = {
    "ActionKind": {
        "licensing": ("行政许可", "licensing"),
        "penalty": ("行政处罚", "penalty"),
        "coercion": ("行政强制", "coercion"),
        "inspection": ("行政检查", "inspection"),
        "levy": ("行政征收", "levy"),
        "requisition": ("行政征用", "requisition"),
        "adjudication": ("行政裁决", "adjudication"),
        "benefit_payment": ("行政给付", "benefit payment"),
        "confirmation": ("行政确认", "confirmation"),
        "reward": ("行政奖励", "reward"),
        "other": ("其他行政执法行为", "other action"),
    },
    "AuthoritySource": {
        "statutory": ("法定执法", "statutory"),
        "conferred": ("赋权执法", "conferred"),
        "entrusted": ("委托执法", "entrusted"),
    },
    "SanctionType": {
        "warning": ("警告", "warning"),
        "warning_or_public_criticism": ("警告及通报批评", "warning or public criticism"),
        "public_criticism": ("通报批评", "public criticism"),
        "fine": ("罚款", "fine"),
        "confiscation_of_illegal_gains": ("没收违法所得", "confiscation of illegal gains"),
        "confiscation_of_illegal_property": ("没收非法财物", "confiscation of illegal property"),
        "licence_suspension": ("暂扣许可证件", "licence suspension"),
        "qualification_downgrade": ("降低资质等级", "qualification downgrade"),
        "licence_revocation": ("吊销许可证件", "licence revocation"),
        "business_restriction": ("限制开展生产经营活动", "business restriction"),
        "production_suspension_order": ("责令停产停业", "production suspension order"),
        "closure_order": ("责令关闭", "closure order"),
        "practice_restriction": ("限制从业", "practice restriction"),
        "administrative_detention": ("行政拘留", "administrative detention"),
        "other": ("其他", "other"),
    },
    "Procedure": {
        "simple": ("简易程序", "simple procedure"),
        "ordinary": ("普通程序", "ordinary procedure"),
    },
    "SupervisionLevel": {
        "division": ("处级", "division-level"),
        "section": ("科级", "section-level"),
    },
    "InspectionArea": {
        "rural_drinking_water": ("农村饮用水", "rural drinking water"),
        "elderly_care_home": ("敬老院", "elderly care homes"),
        "rural_housing_construction": ("农房建设", "rural housing construction"),
        "dilapidated_housing_renovation": ("危房改造", "dilapidated-housing renovation"),
        "geological_hazard": ("地质灾害", "geological hazards"),
        "environmental_pollution": ("环境污染", "environmental pollution"),
        "enterprise_production": ("企业生产", "enterprise production"),
        "fire_safety": ("消防安全", "fire safety"),
        "food_safety": ("食品安全", "food safety"),
        "gas_safety": ("燃气安全", "gas safety"),
        "road_traffic_safety": ("道路交通安全", "road traffic safety"),
        "other": ("其他", "other areas"),
    },
    "Domain": {
        "work_safety": ("安全生产", "work safety"),
        "traffic": ("交通", "traffic"),
        "fire_safety": ("消防", "fire safety"),
        "market_supervision": ("市场监管", "market supervision"),
        "food_and_drug": ("食品药品", "food and drugs"),
        "environment": ("生态环境", "environment"),
        "natural_resources": ("自然资源", "natural resources"),
        "planning_and_construction": ("规划建设", "planning and construction"),
        "urban_management": ("城市管理", "urban management"),
        "agriculture": ("农业农村", "agriculture"),
        "forestry": ("林业", "forestry"),
        "water": ("水利", "water"),
        "culture_and_tourism": ("文化旅游", "culture and tourism"),
        "health": ("卫生健康", "health"),
        "other": ("其他", "other"),
    },
    "PartyKind": {
        "natural_person": ("个人", "natural persons"),
        "individual_business": ("个体工商户", "individual businesses"),
        "enterprise": ("企业", "enterprises"),
        "organisation": ("其他组织", "organisations"),
    },
    "CoerciveMeasure": {
        "sealing": ("查封", "sealing"),
        "seizure": ("扣押", "seizure"),
        "freezing": ("冻结", "freezing"),
        "other": ("其他强制措施", "other measures"),
    },
    "RateName": {
        "rectification": ("隐患整改率", "rectification rate"),
        "grant_of_applications": ("许可准予率（占申请）", "grant rate (of applications)"),
        "grant_of_decisions": ("许可准予率（占决定）", "grant rate (of decisions)"),
        "certification": ("持证率", "certification rate"),
        "training_coverage": ("培训覆盖率", "training coverage"),
        "office_share": ("综合执法机构人员占比", "share in the enforcement office"),
    },
    "BodyLevel": {
        "township": ("乡", "township"),
        "town": ("镇", "town"),
        "street": ("街道", "street"),
        "county": ("区县", "county"),
        "county_department": ("区县部门", "county department"),
        "city": ("市", "city"),
        "city_department": ("市级部门", "city department"),
        "province": ("省", "province"),
        "province_department": ("省级部门", "provincial department"),
    },
    "LicensingDecision": {
        "granted": ("准予许可", "granted"),
        "refused": ("不予许可", "refused"),
    },
    "ReviewKind": {
        "reconsideration": ("行政复议", "reconsideration"),
        "litigation": ("行政诉讼", "litigation"),
    },
    "ActivityKind": {
        "patrol": ("巡查", "patrol"),
        "inspection_plan": ("检查计划", "inspection plan"),
        "random_inspection": ("双随机一公开抽查", "random inspection"),
        "case_file_review": ("案卷评查", "case-file review"),
        "duty": ("履职", "duty"),
        "other": ("其他执法工作", "other work"),
    },
    "DepartureReason": {
        "transferred": ("调离执法岗位", "transferred"),
        "retired": ("退休", "retired"),
        "resigned": ("离职", "resigned"),
        "other": ("其他原因", "other"),
    },
    "Coverage": {
        "partial": ("部分分项", "partial"),
        "complete": ("完整分项", "complete"),
        "subset": ("其中", "subset"),
    },
    "HazardGrade": {
        "major": ("重大隐患", "major hazards"),
        "general": ("一般隐患", "general hazards"),
    },
    "StaffSource": {
        "seconded": ("派驻", "seconded"),
        "borrowed": ("借调", "borrowed"),
        "established": ("在编", "established"),
        "civil_service_managed": ("参公", "managed as civil servants"),
        "hired": ("编外聘用", "hired"),
    },
    "CertificateStatus": {
        "awaiting_certificate": ("待申领执法证", "awaiting a certificate"),
        "awaiting_exam": ("待考证", "awaiting the exam"),
    },
    "EstablishmentKind": {
        "administrative": ("行政编制", "administrative establishment"),
        "public_institution": ("事业编制", "public-institution establishment"),
    },
    "UnitKind": {
        "comprehensive_enforcement_office": (
            "综合行政执法办公室",
            "comprehensive enforcement office",
        ),
        "comprehensive_enforcement_brigade": ("综合执法大队", "comprehensive enforcement brigade"),
        "emergency_management_office": ("应急办", "emergency management office"),
        "planning_and_construction_office": ("规建办", "planning and construction office"),
        "village_construction_centre": ("村建中心", "village construction centre"),
        "agricultural_services_centre": ("农服中心", "agricultural services centre"),
        "food_and_drug_supervision": ("食药监", "food and drug supervision"),
        "judicial_office": ("司法所", "judicial office"),
        "other": ("其他", "other"),
    },
    "Employment": {
        "established": ("在编", "established staff"),
        "auxiliary": ("辅助执法人员", "auxiliary staff"),
    },
}

#: Other ways real tables write a value: vocabulary name, variant, value.
_VARIANTS: Final[Mapping[str, Mapping[str, str]]] = {
    "ActionKind": {"其他": "other", "其他行政行为": "other"},
    "SanctionType": {
        "罚没": "fine",
        "没收": "confiscation_of_illegal_gains",
        "暂扣许可证": "licence_suspension",
        "暂扣许可证件、执照": "licence_suspension",
        "吊销许可证": "licence_revocation",
        "吊销许可证件、执照": "licence_revocation",
        "吊销执照": "licence_revocation",
        "责令停产停业、责令关闭、限制从业": "production_suspension_order",
        "警告、通报批评": "warning_or_public_criticism",
    },
    "Procedure": {"一般程序": "ordinary", "普通": "ordinary", "简易": "simple"},
    "InspectionArea": {"消防": "fire_safety", "食品": "food_safety", "燃气": "gas_safety"},
    "Domain": {
        "交通运输": "traffic",
        "消防安全": "fire_safety",
        "市场监督管理": "market_supervision",
        "食品药品监管": "food_and_drug",
        "环境保护": "environment",
        "住房城乡建设": "planning_and_construction",
        "住建": "planning_and_construction",
        "城管": "urban_management",
        "农业": "agriculture",
        "文旅": "culture_and_tourism",
        "卫健": "health",
    },
    "PartyKind": {
        "自然人": "natural_person",
        "公民": "natural_person",
        "法人": "enterprise",
        # The categories of the national 双公示 tables (行政相对人类别).
        "法人及非法人组织": "enterprise",
        "法人和非法人组织": "enterprise",
        "个体户": "individual_business",
    },
    "BodyLevel": {
        "乡人民政府": "township",
        "镇人民政府": "town",
        "街道办事处": "street",
        "县": "county",
        "区": "county",
        "县级部门": "county_department",
        "区级部门": "county_department",
        "市级": "city",
        "省级": "province_department",
    },
    "UnitKind": {
        "综合执法办公室": "comprehensive_enforcement_office",
        "执法大队": "comprehensive_enforcement_brigade",
        "行政执法大队": "comprehensive_enforcement_brigade",
    },
}

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
    "departed": ("减少执法人员", "officers who left"),
    "exam_passed": ("通过执法资格考试", "passed the qualification exam"),
    "certificates_applied": ("申领执法证", "certificates applied for"),
    "certificates_pending": ("尚待发证", "certificates pending"),
    "uncertified_recruits": ("新招录未持证人员", "recruits not yet certified"),
    "authorised_posts": ("核定编制", "authorised posts"),
    "borrowed_staff": ("借调人员", "borrowed staff"),
    "departures": ("按离岗原因", "by reason of leaving"),
    "by_establishment": ("按编制类型", "by establishment"),
    "dimension_total": ("合计", "total"),
    "dimension_subset": ("其中", "of which"),
    "dimension_domain": ("按领域分", "by domain"),
    "dimension_procedure": ("按程序分", "by procedure"),
    "dimension_party": ("按当事人分", "by party"),
    "dimension_area": ("按检查领域分", "by inspection area"),
    "dimension_grade": ("按隐患等级分", "by hazard grade"),
    "dimension_source": ("按人员来源分", "by source"),
    "dimension_establishment": ("按编制类型分", "by establishment"),
    "dimension_certificate": ("按执法证办理情况分", "by certificate status"),
    "powers": ("执法职权", "Enforcement powers"),
    "powers_total": ("职权总数", "powers held"),
    "applications": ("申请", "applications"),
    "accepted": ("受理", "accepted"),
    "granted": ("准予许可", "granted"),
    "refused": ("不予许可", "refused"),
    "pending": ("尚在办理", "pending"),
    "revoked": ("撤销许可", "revoked"),
    "legal_reviews": ("法制审核", "legal reviews"),
    "handled": ("办理许可事项", "matters handled"),
    "filed": ("立案", "cases filed"),
    "actions": ("行政强制", "coercive actions"),
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
    "withdrawn": ("申请人撤回", "withdrawn"),
    "upheld": ("维持", "upheld"),
    "changed": ("变更", "changed"),
    "revoked_decisions": ("撤销", "revoked"),
    "pending_reviews": ("尚在审理", "pending"),
    "rates": ("比率", "Rates"),
    "fine_per_case": ("案均罚款", "fine per case"),
    "computed": ("计算所得", "computed"),
    "note": ("说明", "note"),
    "activities": ("其他执法工作", "Other enforcement work"),
    "overview": ("概况", "Overview"),
    "cut_off": ("统计截至", "counted to"),
    "open_hazards": ("年末未整改隐患", "hazards open at year end"),
    "published_on": ("发布日期", "published"),
    "undefined": ("无法计算", "undefined"),
    "by_domain": ("按领域", "by domain"),
    "by_sanction": ("按处罚种类", "by sanction type"),
    "by_procedure": ("按程序", "by procedure"),
    "fines_by_procedure": ("按程序罚款", "fines by procedure"),
    "by_area": ("按检查领域", "by area"),
    "by_party": ("按约谈对象", "by party"),
    "by_kind": ("按类别", "by category"),
    "by_source": ("按来源", "by source"),
    "by_measure": ("按措施", "by measure"),
    "number": ("数量", "number"),
    "item": ("项目", "item"),
    "value": ("数值", "value"),
    "measure_word": ("量词", "measure word"),
    "unit": ("单位", "unit"),
    "body": ("填报单位", "body"),
    "year": ("年度", "year"),
    "statistics_table": ("行政执法统计表", "enforcement statistics"),
    "findings": ("审核发现", "audit findings"),
    "severity": ("严重程度", "severity"),
    "code": ("代码", "code"),
    "path": ("位置", "path"),
    "message": ("说明", "message"),
    "severity_error": ("错误", "error"),
    "severity_warning": ("提示", "warning"),
    "no_findings": ("未发现问题", "no findings"),
    "id_withheld": ("[身份证号已隐去]", "[ID number withheld]"),
    "mobile_withheld": ("[手机号已隐去]", "[mobile number withheld]"),
    "plot_hazards_by_area": ("隐患查出与整改（按检查领域）", "Hazards found and rectified by area"),
    "plot_cases_by_category": ("各类行政执法行为数量", "Enforcement actions by category"),
    # The sheets of a ledger workbook and the headers of their columns (enforcement_core.tables).
    "sheet_about": ("基本信息", "About"),
    "sheet_units": ("执法单位", "Units"),
    "sheet_officers": ("执法人员", "Officers"),
    "sheet_certificates": ("执法证件", "Certificates"),
    "sheet_misconduct_cases": ("违规违纪", "Misconduct cases"),
    "sheet_licence_applications": ("行政许可", "Licence applications"),
    "sheet_inspections": ("行政检查", "Inspections"),
    "sheet_hazards": ("隐患", "Hazards"),
    "sheet_penalty_cases": ("行政处罚", "Penalty cases"),
    "sheet_interviews": ("约谈", "Interviews"),
    "sheet_coercive_actions": ("行政强制", "Coercive actions"),
    "sheet_other_actions": ("其他行政执法行为", "Other actions"),
    "sheet_reviews": ("复议诉讼", "Reviews"),
    "about_item": ("项目", "item"),
    "about_value": ("内容", "value"),
    "about_name": ("执法主体名称", "body name"),
    "about_level": ("执法主体层级", "body level"),
    "about_region": ("所属地区", "region"),
    "about_short_name": ("简称", "short name"),
    "about_year": ("年度", "year"),
    # The template's instructions, and its sheet of the report's heading and prose.
    "sheet_instructions": ("填写说明", "Instructions"),
    "sheet_text": ("报告正文", "Report text"),
    "text_title": ("标题", "title"),
    "text_note": ("说明", "note"),
    "text_addressee": ("主送机关", "addressee"),
    "text_doc_number": ("发文字号", "document number"),
    "text_published_on": ("成文日期", "date"),
    "text_opening": ("开头语", "opening"),
    "text_overview": ("总体情况", "overview"),
    "text_overview_section": ("总体情况小节", "overview section"),
    "text_problems": ("存在的主要问题", "problems"),
    "text_plans": ("下一年度工作打算", "plans"),
    "text_other": ("其他章节", "other section"),
    "column_id": ("编号", "id"),
    "column_parent": ("上级单位编号", "parent unit"),
    "column_Hazard_parent": ("所属检查编号", "inspection"),
    "column_Certificate_parent": ("所属人员编号", "officer"),
    "column_Unit_name": ("单位名称", "unit name"),
    "column_Unit_kind": ("单位类别", "unit kind"),
    "column_Officer_name": ("姓名", "name"),
    "column_officer": ("涉事人员编号", "officer"),
    "column_unit": ("所属单位编号", "unit"),
    "column_employment": ("人员类别", "employment"),
    "column_trained": ("参加培训", "trained"),
    "column_number": ("证件编号", "certificate number"),
    "column_issuing_authority": ("发证机关", "issuing authority"),
    "column_valid_from": ("有效期自", "valid from"),
    "column_valid_to": ("有效期至", "valid to"),
    "column_cancelled_on": ("注销日期", "cancelled on"),
    "column_found_on": ("发现日期", "found on"),
    "column_description": ("情况说明", "description"),
    "column_applied_on": ("申请日期", "applied on"),
    "column_subject": ("事项", "subject"),
    "column_applicant_name": ("申请人名称", "applicant"),
    "column_applicant_kind": ("申请人类别", "applicant kind"),
    "column_applicant_id_number": ("申请人证件号码", "applicant id number"),
    "column_accepted": ("是否受理", "accepted"),
    "column_decision": ("许可决定", "decision"),
    "column_decided_on": ("决定日期", "decided on"),
    "column_revoked_on": ("撤销日期", "revoked on"),
    "column_legal_review": ("法制审核", "legal review"),
    "column_inspected_on": ("检查日期", "inspected on"),
    "column_target": ("检查对象", "target"),
    "column_area": ("检查领域", "area"),
    "column_officers": ("执法人员编号", "officers"),
    "column_deadline": ("整改期限", "deadline"),
    "column_rectified_on": ("整改日期", "rectified on"),
    "column_supervision": ("挂牌督办级别", "listed supervision"),
    "column_domain": ("执法领域", "domain"),
    "column_sanctions": ("处罚种类", "sanctions"),
    "column_procedure": ("程序", "procedure"),
    "column_fine": ("罚款金额（元）", "fine (yuan)"),
    "column_confiscation": ("没收金额（元）", "confiscation (yuan)"),
    "column_party_name": ("当事人名称", "party"),
    "column_party_kind": ("当事人类别", "party kind"),
    "column_party_id_number": ("当事人证件号码", "party id number"),
    "column_lightened": ("从轻减轻处罚", "penalised lightly"),
    "column_referred": ("涉嫌犯罪移送", "referred"),
    "column_held_on": ("约谈日期", "held on"),
    "column_taken_on": ("实施日期", "taken on"),
    "column_measure": ("强制措施", "coercive measure"),
    "column_execution": ("强制执行", "coercive execution"),
    "column_kind": ("行为类别", "kind"),
    "column_amount": ("金额（元）", "amount (yuan)"),
    "column_review": ("复议或诉讼", "review"),
    "column_action_kind": ("被复议诉讼行为类别", "action challenged"),
    "column_filed_on": ("立案日期", "filed on"),
    "column_against_body": ("纠错或败诉", "against the body"),
    "column_row": ("行", "row"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
}


def _index(locale: str) -> int:
    if locale not in LOCALES:
        raise UnknownLocale(
            f"unknown locale {locale!r}; labels are written in {', '.join(LOCALES)}"
        )
    return LOCALES.index(locale)


def label(member: Enum, locale: str = "zh_CN") -> str:
    """The label of a vocabulary value.

    StrEnum members of different vocabularies with one value are equal (both are
    the str ``"fire_safety"``): a label is looked up by vocabulary and value together.

    Raises:
        UnknownLocale: ``locale`` is not one of :data:`LOCALES`.

    Examples:
        >>> from enforcement_core.actions import Domain, InspectionArea
        >>> label(Domain.TRAFFIC), label(Domain.TRAFFIC, "en")
        ('交通', 'traffic')
        >>> label(InspectionArea.FIRE_SAFETY), label(Domain.FIRE_SAFETY)
        ('消防安全', '消防')
    """
    return _VOCABULARY[type(member).__name__][member.value][_index(locale)]


def term(key: str, locale: str = "zh_CN") -> str:
    """The word for a figure or a heading.

    Raises:
        UnknownLocale: ``locale`` is not one of :data:`LOCALES`.

    Examples:
        >>> term("hazards_found"), term("hazards_found", "en")
        ('查出隐患', 'hazards found')
    """
    index = _index(locale)
    return _TERMS[key][index] if key in _TERMS else _DECLARED[key][index]


def term_or_key(key: str, locale: str = "zh_CN") -> str:
    """The word for a figure, or its key when no word is known for it (a new figure).

    Examples:
        >>> term_or_key("cases"), term_or_key("levied_households")
        ('案件', 'levied_households')
    """
    return term(key, locale) if key in _TERMS or key in _DECLARED else key


# Terms declared with the table of categories (enforcement_core.categories), by key: a
# category's figures by path ("confirmation.granted"), its sheet and columns by the
# same keys as the built-in ones. This module depends on nothing of the model, so the
# table gives its words here when it is imported.
_DECLARED: dict[str, tuple[str, str]] = {}
# The categories whose figures carry a bare key ("granted": {"licensing"}): a bare
# term names those categories' figure and no other category's.
_OWNERS: dict[str, set[str]] = {}
# The words any category's figures may take without declaring them.
_SHARED: Final = frozenset({"count", "amount"})


def declare_terms(
    terms: Mapping[str, tuple[str, str]], *, figures_of: str = "", names: tuple[str, ...] = ()
) -> None:
    """Give the words of a declaration: ``terms`` by key, in Chinese and English.

    ``figures_of`` is a category's field and ``names`` the keys of its figures: a
    bare term of one of them (``granted``) is then that category's and is never
    taken for another's figure (:func:`figure_term`). A key given twice with other
    words is refused, so that one declaration cannot change another's words.

    Raises:
        ValueError: a key is already a term with other words.

    Examples:
        >>> declare_terms({"granted": ("予以确认", "confirmed")})
        Traceback (most recent call last):
        ...
        ValueError: the term 'granted' is already ('准予许可', 'granted'), not ('予以确认', 'confirmed')
    """
    for key, words in terms.items():
        known = _TERMS.get(key, _DECLARED.get(key))
        if known is not None and known != words:
            raise ValueError(f"the term {key!r} is already {known!r}, not {words!r}")
    _DECLARED.update(terms)
    if figures_of:
        _OWNERS.setdefault("", set()).add(figures_of)
    for name in names:
        _OWNERS.setdefault(name, set()).add(figures_of)


def category_fields() -> frozenset[str]:
    """The report's fields of the categories declared with figures of their own."""
    return frozenset(_OWNERS.get("", ()))


def figure_term(path: str, locale: str = "zh_CN") -> str | None:
    """The word for the figure at ``path``; ``None`` when no word names that figure.

    A word declared for the path comes first; then the bare term of the last key.
    In a category's figures, that bare term must be the category's own or shared
    (``count``, ``amount``): licensing's ``granted`` (准予许可) is never a
    confirmation's.

    Examples:
        >>> import enforcement_core.categories  # the table gives its words when imported
        >>> figure_term("licensing.granted"), figure_term("penalty.cases", "en")
        ('准予许可', 'cases')
        >>> figure_term("penalty.granted") is None  # licensing's word, not a penalty's
        True
    """
    index = _index(locale)
    if path in _DECLARED:
        return _DECLARED[path][index]
    top, key = path.split(".", 1)[0], path.rsplit(".", 1)[-1]
    if key not in _TERMS:
        return None
    in_category = top in _OWNERS.get("", ())
    if in_category and key not in _SHARED and top not in _OWNERS.get(key, ()):
        return None
    return _TERMS[key][index]


def labels_of(vocabulary: type[Enum], locale: str = "zh_CN") -> dict[str, str]:
    """Every value of ``vocabulary`` with its label, in the vocabulary's order.

    Examples:
        >>> from enforcement_core.actions import Procedure
        >>> labels_of(Procedure)
        {'simple': '简易程序', 'ordinary': '普通程序'}
    """
    index = _index(locale)
    return {value: both[index] for value, both in _VOCABULARY[vocabulary.__name__].items()}


def _normal(text: str) -> str:
    # Full-width letters and digits, stray spaces and case do not change a label.
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


class Vocabulary(StrEnum):
    """A closed vocabulary of the model, whose values have labels.

    Every enumeration the JSON documents carry is one: its values are the
    glossary's English names, its labels Chinese and English words.
    """

    def label(self, locale: str = "zh_CN") -> str:
        """The label of this value (:func:`label`)."""
        return label(self, locale)

    @classmethod
    def from_label(cls, text: str) -> Self:
        """The value a label names: its Chinese or English label, its value, or a variant.

        Full-width characters, spaces and case are ignored.

        Raises:
            LabelError: ``text`` names no value; the message lists the labels
                and suggests the nearest.

        Examples:
            >>> from enforcement_core.actions import Domain
            >>> from enforcement_core.body import BodyLevel
            >>> BodyLevel.from_label("镇"), Domain.from_label("Work safety")
            (<BodyLevel.TOWN: 'town'>, <Domain.WORK_SAFETY: 'work_safety'>)
            >>> Domain.from_label("安全")
            Traceback (most recent call last):
            ...
            enforcement_core.errors.LabelError: '安全' is not a Domain label; did you mean '安全生产'? the labels are: ...
        """
        known = _accepted(cls)
        value = known.get(_normal(text))
        if value is not None:
            return cls(value)
        labels = [zh for zh, _ in _VOCABULARY[cls.__name__].values()]
        # A label that holds what was written ("安全" in "安全生产") is nearer than a look-alike.
        nearest = [zh for zh in labels if text and (text in zh or zh in text)]
        nearest = nearest or difflib.get_close_matches(text, labels, n=1, cutoff=0.3)
        hint = f"did you mean {nearest[0]!r}? " if nearest else ""
        raise LabelError(
            f"{text!r} is not a {cls.__name__} label; {hint}the labels are: {', '.join(labels)}"
        )


def suggestion(vocabulary: type[Enum], text: str) -> str | None:
    """The value of ``vocabulary`` that ``text`` most likely means, for a "did you mean".

    A label or a variant names its value; otherwise the nearest value by spelling.

    Examples:
        >>> from enforcement_core.actions import Domain
        >>> suggestion(Domain, "trafic"), suggestion(Domain, "交通"), suggestion(Domain, "xyz")
        ('traffic', 'traffic', None)
    """
    known = _accepted(vocabulary) if vocabulary.__name__ in _VOCABULARY else {}
    value = known.get(_normal(text))
    if value is not None:
        return value
    values = [str(member.value) for member in vocabulary]
    nearest = difflib.get_close_matches(text, values, n=1, cutoff=0.75)
    return nearest[0] if nearest else None


def _accepted(cls: type[Enum]) -> dict[str, str]:
    """Every normalised way of writing a value of ``cls``, with the value."""
    accepted: dict[str, str] = {}
    name = cls.__name__
    for value, (zh, en) in _VOCABULARY[name].items():
        for written in (value, zh, en):
            accepted.setdefault(_normal(written), value)
    for variant, value in _VARIANTS.get(name, {}).items():
        accepted.setdefault(_normal(variant), value)
    return accepted
