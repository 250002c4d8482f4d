"""Enforcement actions: their categories, and the records of individual actions.

The enumerations here are the closed vocabularies of the reports (the national
action categories, the 14 statutory sanction types, ...). Their values are the
English names of the glossary and are what JSON documents carry.

The record classes hold one action each, for a body that keeps every case:
a licence application, an inspection with the hazards it found, a penalty case,
an admonitory interview, a coercive action, another action, a reconsideration or
litigation case. Construction refuses what can never be meaningful (a hazard
rectified before it was found); what real data can break (two officers on site, a
valid certificate, deadlines, dates inside the year) is left to the audit.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from enforcement_core._privacy import mask_name
from enforcement_core._validators import (
    a_date,
    apply_checks,
    checks,
    fail,
    identifier,
    instance_of,
    member_of,
    money,
    not_before,
    optional,
    text,
    tuple_of,
)
from enforcement_core.labels import Vocabulary

__all__ = [
    "ActionKind",
    "AdmonitoryInterview",
    "AuthoritySource",
    "CoerciveAction",
    "CoerciveMeasure",
    "Domain",
    "Hazard",
    "Inspection",
    "InspectionArea",
    "LicenceApplication",
    "LicensingDecision",
    "OtherAction",
    "Party",
    "PartyKind",
    "PenaltyCase",
    "Procedure",
    "ReviewCase",
    "ReviewKind",
    "SanctionType",
    "SupervisionLevel",
]


class ActionKind(Vocabulary):
    """The national categories of administrative enforcement action (国办发〔2018〕118号)."""

    #: 行政许可.
    LICENSING = "licensing"
    #: 行政处罚.
    PENALTY = "penalty"
    #: 行政强制.
    COERCION = "coercion"
    #: 行政检查.
    INSPECTION = "inspection"
    #: 行政征收.
    LEVY = "levy"
    #: 行政征用.
    REQUISITION = "requisition"
    #: 行政裁决.
    ADJUDICATION = "adjudication"
    #: 行政给付.
    BENEFIT_PAYMENT = "benefit_payment"
    #: 行政确认.
    CONFIRMATION = "confirmation"
    #: 行政奖励.
    REWARD = "reward"
    #: 其他行政执法行为.
    OTHER = "other"


class AuthoritySource(Vocabulary):
    """Where an enforcement power comes from."""

    #: 法定执法: held by law.
    STATUTORY = "statutory"
    #: 赋权执法: conferred by the higher government.
    CONFERRED = "conferred"
    #: 委托执法: entrusted.
    ENTRUSTED = "entrusted"


class SanctionType(Vocabulary):
    """The 14 sanction types of the Administrative Penalty Law (2021), art. 9."""

    #: 警告.
    WARNING = "warning"
    #: 通报批评.
    PUBLIC_CRITICISM = "public_criticism"
    #: 罚款.
    FINE = "fine"
    #: 没收违法所得.
    CONFISCATION_OF_ILLEGAL_GAINS = "confiscation_of_illegal_gains"
    #: 没收非法财物.
    CONFISCATION_OF_ILLEGAL_PROPERTY = "confiscation_of_illegal_property"
    #: 暂扣许可证件.
    LICENCE_SUSPENSION = "licence_suspension"
    #: 降低资质等级.
    QUALIFICATION_DOWNGRADE = "qualification_downgrade"
    #: 吊销许可证件.
    LICENCE_REVOCATION = "licence_revocation"
    #: 限制开展生产经营活动.
    BUSINESS_RESTRICTION = "business_restriction"
    #: 责令停产停业.
    PRODUCTION_SUSPENSION_ORDER = "production_suspension_order"
    #: 责令关闭.
    CLOSURE_ORDER = "closure_order"
    #: 限制从业.
    PRACTICE_RESTRICTION = "practice_restriction"
    #: 行政拘留.
    ADMINISTRATIVE_DETENTION = "administrative_detention"
    #: 其他 (other sanctions set by law).
    OTHER = "other"
    #: 警告、通报批评: the merged column of provincial templates that count the two together.
    WARNING_OR_PUBLIC_CRITICISM = "warning_or_public_criticism"


_CONFISCATIONS = frozenset(
    {SanctionType.CONFISCATION_OF_ILLEGAL_GAINS, SanctionType.CONFISCATION_OF_ILLEGAL_PROPERTY}
)


class Procedure(Vocabulary):
    """The procedure a penalty was decided by."""

    #: 简易程序 (decided on the spot).
    SIMPLE = "simple"
    #: 普通程序 / 一般程序.
    ORDINARY = "ordinary"


class SupervisionLevel(Vocabulary):
    """The level at which a hazard is under listed supervision (挂牌督办)."""

    #: 处级.
    DIVISION = "division"
    #: 科级.
    SECTION = "section"


class InspectionArea(Vocabulary):
    """What an inspection looks at (检查领域); the first eight are the reference report's."""

    #: 农村饮用水.
    RURAL_DRINKING_WATER = "rural_drinking_water"
    #: 敬老院.
    ELDERLY_CARE_HOME = "elderly_care_home"
    #: 农房建设.
    RURAL_HOUSING_CONSTRUCTION = "rural_housing_construction"
    #: 危房改造.
    DILAPIDATED_HOUSING_RENOVATION = "dilapidated_housing_renovation"
    #: 地质灾害.
    GEOLOGICAL_HAZARD = "geological_hazard"
    #: 环境污染.
    ENVIRONMENTAL_POLLUTION = "environmental_pollution"
    #: 企业生产.
    ENTERPRISE_PRODUCTION = "enterprise_production"
    #: 消防安全.
    FIRE_SAFETY = "fire_safety"
    #: 食品安全.
    FOOD_SAFETY = "food_safety"
    #: 燃气安全.
    GAS_SAFETY = "gas_safety"
    #: 道路交通安全.
    ROAD_TRAFFIC_SAFETY = "road_traffic_safety"
    #: 其他.
    OTHER = "other"


class Domain(Vocabulary):
    """The domain of enforcement a penalty belongs to (执法领域)."""

    #: 安全生产.
    WORK_SAFETY = "work_safety"
    #: 交通运输.
    TRAFFIC = "traffic"
    #: 消防.
    FIRE_SAFETY = "fire_safety"
    #: 市场监管.
    MARKET_SUPERVISION = "market_supervision"
    #: 食品药品.
    FOOD_AND_DRUG = "food_and_drug"
    #: 生态环境.
    ENVIRONMENT = "environment"
    #: 自然资源.
    NATURAL_RESOURCES = "natural_resources"
    #: 规划建设 / 住房城乡建设.
    PLANNING_AND_CONSTRUCTION = "planning_and_construction"
    #: 城市管理.
    URBAN_MANAGEMENT = "urban_management"
    #: 农业农村.
    AGRICULTURE = "agriculture"
    #: 林业.
    FORESTRY = "forestry"
    #: 水利.
    WATER = "water"
    #: 文化旅游.
    CULTURE_AND_TOURISM = "culture_and_tourism"
    #: 卫生健康.
    HEALTH = "health"
    #: 其他.
    OTHER = "other"


class PartyKind(Vocabulary):
    """What kind of party (当事人) an action concerns."""

    #: 自然人: never named in a published document.
    NATURAL_PERSON = "natural_person"
    #: 个体工商户.
    INDIVIDUAL_BUSINESS = "individual_business"
    #: 企业.
    ENTERPRISE = "enterprise"
    #: 其他组织.
    ORGANISATION = "organisation"


class CoerciveMeasure(Vocabulary):
    """The coercive measures (行政强制措施) of the Administrative Coercion Law, art. 9."""

    #: 查封.
    SEALING = "sealing"
    #: 扣押.
    SEIZURE = "seizure"
    #: 冻结.
    FREEZING = "freezing"
    #: 其他.
    OTHER = "other"


class LicensingDecision(Vocabulary):
    """The decision on a licence application."""

    #: 准予许可.
    GRANTED = "granted"
    #: 不予许可.
    REFUSED = "refused"


class ReviewKind(Vocabulary):
    """How an action was challenged."""

    #: 行政复议.
    RECONSIDERATION = "reconsideration"
    #: 行政诉讼.
    LITIGATION = "litigation"


@attrs.frozen(field_transformer=apply_checks)
class Party:
    """The party (当事人) an action concerns: a person or an organisation.

    A natural person's name is masked (张某某) in published output, and
    ``id_number`` (identity card or unified social credit code) and
    ``personal_id`` never appear there unless the caller explicitly asks.
    """

    #: The party's name.
    name: str = attrs.field(metadata=checks(text()))
    #: What kind of party it is.
    kind: PartyKind = attrs.field(metadata=checks(member_of(PartyKind)))
    #: Identity-card number or unified social credit code, when the ledger keeps it.
    id_number: str | None = attrs.field(
        default=None, metadata=checks(optional(text())), kw_only=True
    )
    #: A person's document number (证件号码) held beside an organisation's code in
    #: ``id_number``, as tables of individual businesses give both; never published.
    personal_id: str | None = attrs.field(
        default=None, metadata=checks(optional(text())), kw_only=True
    )

    @property
    def public_name(self) -> str:
        """The name a published document gives: 张某某 for a natural person.

        Examples:
            >>> Party("张三", PartyKind.NATURAL_PERSON).public_name
            '张某某'
            >>> Party("渝北某建材厂", PartyKind.ENTERPRISE).public_name
            '渝北某建材厂'
        """
        return mask_name(self.name) if self.kind is PartyKind.NATURAL_PERSON else self.name


_officers = tuple_of(identifier())


@attrs.frozen(field_transformer=apply_checks)
class LicenceApplication:
    """One application for an administrative licence, and what became of it.

    A decision needs its date and the date needs a decision; an application
    that was not accepted (不予受理) has no decision; only a granted licence can
    be revoked.

    Examples:
        >>> import datetime as dt
        >>> LicenceApplication("L-1", dt.date(2023, 5, 2), decision=LicensingDecision.GRANTED)
        Traceback (most recent call last):
        ...
        enforcement_core.errors.InvariantError: LicenceApplication.decided_on: a decision needs its date
    """

    #: The record's identifier, unique in its ledger.
    id: str = attrs.field(metadata=checks(identifier()))
    #: The day the application was made; it places the record in a year.
    applied_on: dt.date = attrs.field(metadata=checks(a_date()))
    #: What is applied for, as the report names it ("农村宅基地"); ``""`` when not given.
    subject: str = attrs.field(default="", metadata=checks(instance_of(str)), kw_only=True)
    #: The applicant.
    applicant: Party | None = attrs.field(
        default=None, metadata=checks(optional(instance_of(Party))), kw_only=True
    )
    #: Whether the application was accepted (受理).
    accepted: bool = attrs.field(default=True, metadata=checks(instance_of(bool)), kw_only=True)
    #: The decision; ``None`` while pending.
    decision: LicensingDecision | None = attrs.field(
        default=None, metadata=checks(optional(member_of(LicensingDecision))), kw_only=True
    )
    #: The day of the decision.
    decided_on: dt.date | None = attrs.field(
        default=None, metadata=checks(optional(a_date()), not_before("applied_on")), kw_only=True
    )
    #: The day a granted licence was revoked (撤销), if it was.
    revoked_on: dt.date | None = attrs.field(
        default=None, metadata=checks(optional(a_date()), not_before("decided_on")), kw_only=True
    )
    #: Whether the decision passed a legal review (法制审核).
    legal_review: bool = attrs.field(
        default=False, metadata=checks(instance_of(bool)), kw_only=True
    )

    @decision.validator
    def _decided_only_if_accepted(
        self, attribute: attrs.Attribute[LicensingDecision | None], value: object
    ) -> None:
        if value is not None and not self.accepted:
            fail(self, attribute.name, value, "an application not accepted has no decision")

    @decided_on.validator
    def _date_goes_with_decision(
        self, attribute: attrs.Attribute[dt.date | None], value: dt.date | None
    ) -> None:
        if self.decision is not None and value is None:
            fail(self, attribute.name, value, "a decision needs its date")
        elif self.decision is None and value is not None:
            fail(self, attribute.name, value, "a date of decision needs a decision")

    @revoked_on.validator
    def _only_granted_revoked(
        self, attribute: attrs.Attribute[dt.date | None], value: dt.date | None
    ) -> None:
        if value is not None and self.decision is not LicensingDecision.GRANTED:
            fail(self, attribute.name, value, "only a granted licence can be revoked")

    @property
    def date(self) -> dt.date:
        """The date that places the record in a year: the day of application."""
        return self.applied_on


@attrs.frozen(field_transformer=apply_checks)
class Hazard:
    """A hazard (隐患) found by an inspection, and its rectification.

    Examples:
        >>> import datetime as dt
        >>> Hazard("H-1", dt.date(2023, 5, 2), rectified_on=dt.date(2023, 5, 1))
        Traceback (most recent call last):
        ...
        enforcement_core.errors.InvariantError: Hazard.rectified_on: 2023-05-01 is before found_on 2023-05-02
    """

    #: The record's identifier, unique in its ledger.
    id: str = attrs.field(metadata=checks(identifier()))
    #: The day the hazard was found.
    found_on: dt.date = attrs.field(metadata=checks(a_date()))
    #: What the hazard is.
    description: str = attrs.field(default="", metadata=checks(instance_of(str)), kw_only=True)
    #: The rectification deadline (整改期限).
    deadline: dt.date | None = attrs.field(
        default=None, metadata=checks(optional(a_date()), not_before("found_on")), kw_only=True
    )
    #: The day it was rectified; ``None`` while open.
    rectified_on: dt.date | None = attrs.field(
        default=None, metadata=checks(optional(a_date()), not_before("found_on")), kw_only=True
    )
    #: The level of listed supervision (挂牌督办), if the hazard is under it.
    supervision: SupervisionLevel | None = attrs.field(
        default=None, metadata=checks(optional(member_of(SupervisionLevel))), kw_only=True
    )

    def is_open_on(self, day: dt.date) -> bool:
        """Whether the hazard had been found and was not yet rectified on ``day``."""
        return self.found_on <= day and (self.rectified_on is None or self.rectified_on > day)


@attrs.frozen(field_transformer=apply_checks)
class Inspection:
    """One establishment-visit (家次): one target inspected once, with a complete record.

    Examples:
        >>> import datetime as dt
        >>> Inspection(
        ...     "I-1",
        ...     dt.date(2023, 5, 2),
        ...     target="某某加油站",
        ...     area=InspectionArea.FIRE_SAFETY,
        ...     hazards=(Hazard("H-1", dt.date(2023, 5, 1)),),
        ... )
        Traceback (most recent call last):
        ...
        enforcement_core.errors.InvariantError: Inspection.hazards[0]: hazard H-1 found on 2023-05-01, before the inspection on 2023-05-02
    """

    #: The record's identifier, unique in its ledger.
    id: str = attrs.field(metadata=checks(identifier()))
    #: The day of the inspection; it places the record in a year.
    inspected_on: dt.date = attrs.field(metadata=checks(a_date()))
    #: The inspection target (检查对象): the establishment inspected.
    target: str = attrs.field(metadata=checks(text()), kw_only=True)
    #: The inspection area.
    area: InspectionArea = attrs.field(metadata=checks(member_of(InspectionArea)), kw_only=True)
    #: The identifiers of the officers who took part.
    officers: tuple[str, ...] = attrs.field(default=(), metadata=checks(_officers), kw_only=True)
    #: The hazards the inspection found.
    hazards: tuple[Hazard, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(instance_of(Hazard))), kw_only=True
    )

    @hazards.validator
    def _found_by_this_inspection(
        self, attribute: attrs.Attribute[tuple[Hazard, ...]], value: tuple[Hazard, ...]
    ) -> None:
        for index, hazard in enumerate(value):
            if hazard.found_on < self.inspected_on:
                fail(
                    self,
                    f"{attribute.name}[{index}]",
                    hazard.found_on,
                    f"hazard {hazard.id} found on {hazard.found_on}, "
                    f"before the inspection on {self.inspected_on}",
                )

    @property
    def date(self) -> dt.date:
        """The date that places the record in a year: the day of the inspection."""
        return self.inspected_on


@attrs.frozen(field_transformer=apply_checks)
class PenaltyCase:
    """One administrative penalty case (行政处罚案件).

    ``sanctions`` lists the sanctions imposed, each type once; the tallies by
    sanction type count the case once under each (a fine and a confiscation: one
    case under 罚款, one under 没收违法所得). A case with no sanction was decided
    without penalty (不予处罚). A fine amount needs the ``fine`` sanction, a
    confiscated amount a confiscation.

    Examples:
        >>> import datetime as dt
        >>> from decimal import Decimal
        >>> PenaltyCase(
        ...     "P-1",
        ...     dt.date(2023, 7, 1),
        ...     domain=Domain.WORK_SAFETY,
        ...     sanctions=(SanctionType.WARNING,),
        ...     fine=Decimal("2000"),
        ... )
        Traceback (most recent call last):
        ...
        enforcement_core.errors.InvariantError: PenaltyCase.fine: a fine of 2000 yuan, but 'fine' is not among the sanctions
    """

    #: The record's identifier, unique in its ledger.
    id: str = attrs.field(metadata=checks(identifier()))
    #: The day of the decision; it places the record in a year.
    decided_on: dt.date = attrs.field(metadata=checks(a_date()))
    #: The domain of enforcement.
    domain: Domain = attrs.field(metadata=checks(member_of(Domain)), kw_only=True)
    #: The sanctions imposed, each type once, the principal one first.
    sanctions: tuple[SanctionType, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(member_of(SanctionType))), kw_only=True
    )
    #: The procedure.
    procedure: Procedure = attrs.field(
        default=Procedure.ORDINARY, metadata=checks(member_of(Procedure)), kw_only=True
    )
    #: The fine in yuan.
    fine: Decimal | None = attrs.field(
        default=None, metadata=checks(optional(money())), kw_only=True
    )
    #: The value confiscated (illegal gains and property) in yuan.
    confiscation: Decimal | None = attrs.field(
        default=None, metadata=checks(optional(money())), kw_only=True
    )
    #: The party penalised.
    party: Party | None = attrs.field(
        default=None, metadata=checks(optional(instance_of(Party))), kw_only=True
    )
    #: The identifiers of the officers who handled the case.
    officers: tuple[str, ...] = attrs.field(default=(), metadata=checks(_officers), kw_only=True)
    #: Whether the decision passed a legal review (法制审核).
    legal_review: bool = attrs.field(
        default=False, metadata=checks(instance_of(bool)), kw_only=True
    )
    #: Whether the penalty was lightened or mitigated (从轻、减轻处罚).
    lightened: bool = attrs.field(default=False, metadata=checks(instance_of(bool)), kw_only=True)
    #: Whether the case was referred to the judicial authorities (涉嫌犯罪移送).
    referred: bool = attrs.field(default=False, metadata=checks(instance_of(bool)), kw_only=True)

    @sanctions.validator
    def _each_sanction_once(
        self, attribute: attrs.Attribute[tuple[SanctionType, ...]], value: tuple[object, ...]
    ) -> None:
        if len(set(value)) != len(value):
            fail(self, attribute.name, value, "a sanction is listed more than once")

    @fine.validator
    def _fine_is_a_sanction(
        self, attribute: attrs.Attribute[Decimal | None], value: Decimal | None
    ) -> None:
        if value is not None and SanctionType.FINE not in self.sanctions:
            fail(
                self,
                attribute.name,
                value,
                f"a fine of {value} yuan, but 'fine' is not among the sanctions",
            )

    @confiscation.validator
    def _confiscation_is_a_sanction(
        self, attribute: attrs.Attribute[Decimal | None], value: Decimal | None
    ) -> None:
        if value is not None and not _CONFISCATIONS.intersection(self.sanctions):
            fail(
                self,
                attribute.name,
                value,
                f"{value} yuan confiscated, but no confiscation is among the sanctions",
            )

    @property
    def date(self) -> dt.date:
        """The date that places the record in a year: the day of the decision."""
        return self.decided_on

    @property
    def sanction(self) -> SanctionType | None:
        """The first sanction listed, the principal one; ``None`` when not penalised."""
        return self.sanctions[0] if self.sanctions else None


@attrs.frozen(field_transformer=apply_checks)
class AdmonitoryInterview:
    """One admonitory interview (约谈) with a party."""

    #: The record's identifier, unique in its ledger.
    id: str = attrs.field(metadata=checks(identifier()))
    #: The day of the interview; it places the record in a year.
    held_on: dt.date = attrs.field(metadata=checks(a_date()))
    #: The party interviewed.
    party: Party = attrs.field(metadata=checks(instance_of(Party)), kw_only=True)
    #: What the interview was about.
    subject: str = attrs.field(default="", metadata=checks(instance_of(str)), kw_only=True)
    #: The identifiers of the officers who held it.
    officers: tuple[str, ...] = attrs.field(default=(), metadata=checks(_officers), kw_only=True)

    @property
    def date(self) -> dt.date:
        """The date that places the record in a year: the day of the interview."""
        return self.held_on


@attrs.frozen(field_transformer=apply_checks)
class CoerciveAction:
    """One coercive action: a coercive measure (查封, 扣押, 冻结, …) or a coercive execution.

    Exactly one of ``measure`` and ``execution`` is given.
    """

    #: The record's identifier, unique in its ledger.
    id: str = attrs.field(metadata=checks(identifier()))
    #: The day of the action; it places the record in a year.
    taken_on: dt.date = attrs.field(metadata=checks(a_date()))
    #: The coercive measure taken; ``None`` for a coercive execution.
    measure: CoerciveMeasure | None = attrs.field(
        default=None, metadata=checks(optional(member_of(CoerciveMeasure))), kw_only=True
    )
    #: Whether the action is a coercive execution (强制执行).
    execution: bool = attrs.field(default=False, metadata=checks(instance_of(bool)), kw_only=True)
    #: The party the action concerns.
    party: Party | None = attrs.field(
        default=None, metadata=checks(optional(instance_of(Party))), kw_only=True
    )
    #: The identifiers of the officers who took part.
    officers: tuple[str, ...] = attrs.field(default=(), metadata=checks(_officers), kw_only=True)

    @execution.validator
    def _measure_or_execution(self, attribute: attrs.Attribute[bool], value: bool) -> None:  # noqa: FBT001
        if value == (self.measure is not None):
            fail(
                self,
                attribute.name,
                value,
                "a coercive action is either a measure or an execution: give exactly one",
            )

    @property
    def date(self) -> dt.date:
        """The date that places the record in a year: the day of the action."""
        return self.taken_on


@attrs.frozen(field_transformer=apply_checks)
class OtherAction:
    """One action of a category without a record class of its own (levy, reward, …).

    Which categories those are is the table of categories', above this module: the
    ledger, which holds other actions, refuses one of a category with records of its
    own (:func:`enforcement_core.ledger.refuse_among_other_actions`).
    """

    #: The record's identifier, unique in its ledger.
    id: str = attrs.field(metadata=checks(identifier()))
    #: The category of the action.
    kind: ActionKind = attrs.field(metadata=checks(member_of(ActionKind)))
    #: The day of the action; it places the record in a year.
    taken_on: dt.date = attrs.field(metadata=checks(a_date()))
    #: The money involved (levied, paid, awarded), in yuan.
    amount: Decimal | None = attrs.field(
        default=None, metadata=checks(optional(money())), kw_only=True
    )
    #: What the action was.
    description: str = attrs.field(default="", metadata=checks(instance_of(str)), kw_only=True)

    @property
    def date(self) -> dt.date:
        """The date that places the record in a year: the day of the action."""
        return self.taken_on


@attrs.frozen(field_transformer=apply_checks)
class ReviewCase:
    """One administrative reconsideration or litigation against an action of the body."""

    #: The record's identifier, unique in its ledger.
    id: str = attrs.field(metadata=checks(identifier()))
    #: Reconsideration or litigation.
    review: ReviewKind = attrs.field(metadata=checks(member_of(ReviewKind)))
    #: The category of the action challenged.
    action_kind: ActionKind = attrs.field(metadata=checks(member_of(ActionKind)))
    #: The day the case was filed; it places the record in a year.
    filed_on: dt.date = attrs.field(metadata=checks(a_date()))
    #: Whether it ended against the body (revoked, changed or confirmed unlawful on
    #: reconsideration; lost in court); ``None`` while pending.
    against_body: bool | None = attrs.field(
        default=None, metadata=checks(optional(instance_of(bool))), kw_only=True
    )

    @property
    def date(self) -> dt.date:
        """The date that places the record in a year: the day of filing."""
        return self.filed_on
