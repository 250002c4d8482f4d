"""Yearly figures per category, as an annual report states them.

Every figure is ``None`` when the report does not state it, which is not the
same as ``0`` (a zero the body reports). A total is a fact when the report gives
it; its breakdown may be absent, may cover only part of it, or may come without
the total. Parts adding up to *more* than their total are refused; parts that
cover less are allowed and reported by the audit.

Breakdowns are mappings from a vocabulary (:class:`~enforcement_core.actions.Domain`,
:class:`~enforcement_core.actions.SanctionType`, ...) to a count or to a small figures
object, in the order the report states them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from enforcement_core._arrow import engine_memory
from enforcement_core._mapping import FrozenMap
from enforcement_core._tallies import ArrowColumns, Columns, RecordColumns
from enforcement_core._validators import (
    a_count,
    apply_checks,
    at_most,
    checks,
    dimensions_within,
    fail,
    frozen_map,
    identifier,
    instance_of,
    mapping_of,
    member_of,
    money,
    optional,
    parts_within,
    rule,
    text,
)
from enforcement_core.actions import (
    ActionKind,
    AuthoritySource,
    CoerciveMeasure,
    Domain,
    InspectionArea,
    LicenceApplication,
    LicensingDecision,
    PartyKind,
    PenaltyCase,
    Procedure,
    SanctionType,
    SupervisionLevel,
)
from enforcement_core.dimensions import Dimension, HazardGrade, canonical_dimensions
from enforcement_core.labels import Vocabulary

if TYPE_CHECKING:
    import datetime as dt

    from enforcement_core.actions import CoerciveAction, Inspection

__all__ = [
    "ActionFigures",
    "Activity",
    "ActivityKind",
    "AreaFigures",
    "CoercionFigures",
    "DomainPenalties",
    "HazardFigures",
    "InspectionFigures",
    "InterviewFigures",
    "LicensingFigures",
    "PenaltyFigures",
    "PowerFigures",
    "ReviewCounts",
    "ReviewFigures",
]


K = TypeVar("K")
_ZERO = Decimal(0)


def _dimensions(
    *,
    count: str | None,
    amount: str | None = None,
    closed: Mapping[str, tuple[str, ...]] | None = None,
    **known: type[Vocabulary],
) -> Any:
    """A field of breakdowns with open keys (:class:`~enforcement_core.dimensions.Dimension`)."""
    return attrs.field(
        factory=FrozenMap,
        converter=canonical_dimensions(known),
        metadata=checks(
            mapping_of(identifier(), instance_of(Dimension)),
            dimensions_within(count=count, amount=amount, known=known, closed=closed),
        ),
    )


def ordered(counts: Mapping[K, int], vocabulary: Iterable[K]) -> dict[K, int]:
    """The non-zero counts in the vocabulary's order, so summaries compare and print alike."""
    return {key: counts[key] for key in vocabulary if counts.get(key)}


_COUNT = optional(a_count())
_MONEY = optional(money())


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class LicensingFigures:
    """Licensing (行政许可) in the year: the applications received and their outcomes.

    The figures describe the year's applications, so their outcomes cannot
    outnumber them: ``granted + refused + pending`` above ``applications`` (or
    above ``accepted``) is refused. Outcomes that fall short of the applications
    are allowed; the audit reports them.

    Examples:
        >>> LicensingFigures(subject="农村宅基地", applications=243, granted=209).granted
        209
        >>> LicensingFigures(applications=243, granted=209, refused=35)
        Traceback (most recent call last):
        ...
        enforcement_core.errors.InvariantError: LicensingFigures.refused: granted 209 + refused 35 = 244 exceeds applications 243
    """

    #: What is licensed, as the report names it ("农村宅基地"); ``""`` when not named.
    subject: str = attrs.field(default="", metadata=checks(instance_of(str)))
    #: Applications received (申请).
    applications: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Applications accepted (受理).
    accepted: int | None = attrs.field(
        default=None, metadata=checks(_COUNT, at_most("applications"))
    )
    #: Licences granted (准予许可, 作出行政许可).
    granted: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Applications refused (不予许可).
    refused: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Applications accepted and still undecided at the end of the year.
    pending: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Licences revoked (撤销行政许可) in the year.
    revoked: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Licensing decisions that passed a legal review (法制审核).
    legal_reviews: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Licensing matters handled (办理行政许可事项), a total some reports give with no
    #: breakdown; no fewer than the decisions (granted + refused).
    handled: int | None = attrs.field(default=None, metadata=checks(_COUNT))

    @handled.validator
    def _decisions_within_handled(
        self, attribute: attrs.Attribute[int | None], value: int | None
    ) -> None:
        decisions = [n for n in (self.granted, self.refused) if n is not None]
        if value is not None and decisions and sum(decisions) > value:
            fail(
                self,
                attribute.name,
                value,
                f"granted and refused add up to {sum(decisions)}, above handled {value}",
            )

    @pending.validator
    def _outcomes_within_applications(
        self, _: attrs.Attribute[int | None], value: int | None
    ) -> None:
        outcomes = [
            (name, number)
            for name, number in (
                ("granted", self.granted),
                ("refused", self.refused),
                ("pending", value),
            )
            if number is not None
        ]
        if not outcomes:
            return
        total = sum(number for _, number in outcomes)
        written = " + ".join(f"{name} {number}" for name, number in outcomes)
        if len(outcomes) > 1:
            written += f" = {total}"
        for limit_name in ("accepted", "applications"):
            limit = getattr(self, limit_name)
            if limit is not None and total > limit:
                name, number = outcomes[-1]
                fail(self, name, number, f"{written} exceeds {limit_name} {limit}")
                return

    @classmethod
    def from_records(
        cls, applications: tuple[LicenceApplication, ...], start: dt.date, end: dt.date
    ) -> LicensingFigures | None:
        """The figures of the licence applications dated from ``start`` to ``end``; ``None`` if there are none."""
        return cls._from_columns(RecordColumns(applications), start, end)

    @classmethod
    def from_table(cls, table: Any, start: dt.date, end: dt.date) -> LicensingFigures | None:
        """:meth:`from_records` of a columnar table of licence applications, by its columns.

        ``table`` is a ``pyarrow.Table`` with a column a field, as a
        :class:`~enforcement_core.tables.ColumnarLedger` holds it; the figures equal
        those of its records, and are ``None`` if none is dated from ``start`` to ``end``.
        A column the table does not have holds the field's default. Needs the ``tables``
        extra.
        """
        with engine_memory():
            return cls._from_columns(ArrowColumns(table, LicenceApplication), start, end)

    @classmethod
    def _from_columns(cls, rows: Columns, start: dt.date, end: dt.date) -> LicensingFigures | None:
        # The one definition of the figures, over records or a table's columns alike.
        year = rows.in_year("applied_on", start, end)
        if not year.rows:
            return None
        decisions = year.tally("decision", LicensingDecision)
        subjects = year.texts("subject")
        return cls(
            subject=subjects.pop() if len(subjects) == 1 else "",
            applications=year.rows,
            accepted=year.count_true("accepted"),
            granted=decisions[LicensingDecision.GRANTED],
            refused=decisions[LicensingDecision.REFUSED],
            pending=year.count_rows(true="accepted", missing="decision"),
            revoked=year.count_up_to("revoked_on", end),
            legal_reviews=year.count_true("legal_review"),
        )


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class HazardFigures:
    """Hazards (隐患) found by inspections, rectified, and under listed supervision.

    Examples:
        >>> HazardFigures(found=509, rectified=502, supervised={SupervisionLevel.DIVISION: 6})
        HazardFigures(found=509, rectified=502, supervised={<SupervisionLevel.DIVISION: 'division'>: 6}, dimensions={})
    """

    #: Hazards found (查出隐患).
    found: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Hazards rectified (整改隐患); no more than found.
    rectified: int | None = attrs.field(default=None, metadata=checks(_COUNT, at_most("found")))
    #: Hazards under listed supervision (挂牌督办), by level; together no more than found.
    supervised: Mapping[SupervisionLevel, int] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(
            mapping_of(member_of(SupervisionLevel), a_count()),
            parts_within("found", subset=True),
        ),
    )
    #: Other breakdowns of the hazards found, by dimension ("其中重大隐患3条"), in the
    #: report's order; ``grade`` keys are :class:`~enforcement_core.dimensions.HazardGrade` values.
    dimensions: Mapping[str, Dimension] = _dimensions(count="found", grade=HazardGrade)


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class AreaFigures:
    """The inspections of one inspection area; every figure optional.

    An area the report names without figures is an ``AreaFigures()`` with none.
    """

    #: Establishment-visits in the area.
    visits: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Hazards found and rectified in the area.
    hazards: HazardFigures = attrs.field(
        factory=HazardFigures, metadata=checks(instance_of(HazardFigures))
    )


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class InspectionFigures:
    """Inspections (行政检查) in the year, counted in establishment-visits (家次).

    One target with a complete inspection record counts once; patrols without a
    record do not count.

    Examples:
        >>> InspectionFigures(visits=363, hazards=HazardFigures(found=509, rectified=502)).visits
        363
    """

    #: Establishment-visits (家次).
    visits: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: The areas inspected, in the order the report names them, with their figures.
    by_area: Mapping[InspectionArea, AreaFigures] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(
            mapping_of(member_of(InspectionArea), instance_of(AreaFigures)),
            parts_within("visits", part="visits"),
            parts_within("hazards.found", part="hazards.found"),
            parts_within("hazards.rectified", part="hazards.rectified"),
        ),
    )
    #: Hazards found by the inspections.
    hazards: HazardFigures = attrs.field(
        factory=HazardFigures, metadata=checks(instance_of(HazardFigures))
    )
    #: Other breakdowns of the visits, by dimension (subjects such as 网吧, 加油站点),
    #: in the report's order; ``area`` and ``domain`` keys are vocabulary values.
    dimensions: Mapping[str, Dimension] = _dimensions(
        count="visits", closed={"area": ("by_area",)}, area=InspectionArea, domain=Domain
    )

    @classmethod
    def from_records(
        cls, inspections: tuple[Inspection, ...], start: dt.date, end: dt.date
    ) -> InspectionFigures | None:
        """The figures of the inspections dated from ``start`` to ``end``; ``None`` if there are none."""
        visits: Counter[InspectionArea] = Counter()
        found: Counter[InspectionArea] = Counter()
        rectified: Counter[InspectionArea] = Counter()
        supervised: Counter[tuple[InspectionArea, SupervisionLevel]] = Counter()
        for inspection in inspections:
            if not start <= inspection.inspected_on <= end:
                continue
            area = inspection.area
            visits[area] += 1
            for hazard in inspection.hazards:
                found[area] += 1
                # Rectified means rectified by the end of the year the figures describe.
                if hazard.rectified_on is not None and hazard.rectified_on <= end:
                    rectified[area] += 1
                if hazard.supervision is not None:
                    supervised[area, hazard.supervision] += 1
        if not visits:
            return None
        by_area = {
            area: AreaFigures(
                visits=visits[area],
                hazards=HazardFigures(
                    found=found[area],
                    rectified=rectified[area],
                    supervised=ordered(
                        {lv: supervised[area, lv] for lv in SupervisionLevel}, SupervisionLevel
                    ),
                ),
            )
            for area in InspectionArea
            if visits[area]
        }
        levels: Counter[SupervisionLevel] = Counter()
        for (_, level), n in supervised.items():
            levels[level] += n
        return cls(
            visits=visits.total(),
            by_area=by_area,
            hazards=HazardFigures(
                found=found.total(),
                rectified=rectified.total(),
                supervised=ordered(levels, SupervisionLevel),
            ),
        )


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class DomainPenalties:
    """The penalties of one domain (安全生产, 交通, …)."""

    #: Penalty cases in the domain.
    cases: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Fines imposed in the domain, in yuan.
    fines: Decimal | None = attrs.field(default=None, metadata=checks(_MONEY))


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class PenaltyFigures:
    """Administrative penalties (行政处罚) in the year.

    Cases break down by domain and by procedure; money into fines and
    confiscations, and fines by procedure. Sanctions are tallied by type, each
    its own count: one case can carry a fine and a confiscation, so the tallies
    are not a breakdown of the cases (the audit compares them with the cases).

    Examples:
        >>> from decimal import Decimal
        >>> PenaltyFigures(
        ...     by_domain={
        ...         Domain.WORK_SAFETY: DomainPenalties(cases=4, fines=Decimal("6800")),
        ...         Domain.TRAFFIC: DomainPenalties(cases=216),
        ...     }
        ... ).by_domain[Domain.TRAFFIC].cases
        216
        >>> PenaltyFigures(cases=3, by_procedure={Procedure.SIMPLE: 4})
        Traceback (most recent call last):
        ...
        enforcement_core.errors.InvariantError: PenaltyFigures.by_procedure: the parts add up to 4, above cases 3
    """

    #: Penalty cases (件).
    cases: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Cases filed (立案) in the year; cases filed in one year may be decided in the next.
    filed: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Cases by domain, with their fines.
    by_domain: Mapping[Domain, DomainPenalties] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(
            mapping_of(member_of(Domain), instance_of(DomainPenalties)),
            parts_within("cases", part="cases"),
            parts_within("fines", part="fines"),
        ),
    )
    #: Sanctions imposed, tallied by type ("警告25件、罚款66件"), as the report counts them:
    #: from records, the cases carrying each type (a case with a fine and a confiscation
    #: counts under both), so the tallies may add up to more than the cases.
    by_sanction: Mapping[SanctionType, int] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(mapping_of(member_of(SanctionType), a_count())),
    )
    #: Cases by procedure.
    by_procedure: Mapping[Procedure, int] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(mapping_of(member_of(Procedure), a_count()), parts_within("cases")),
    )
    #: Fines by procedure ("简易程序28起，罚款6350元"), within the fines.
    fines_by_procedure: Mapping[Procedure, Decimal] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(mapping_of(member_of(Procedure), money()), parts_within("fines")),
    )
    #: Fines and confiscations together (罚没金额), when stated as one amount.
    fines_and_confiscations: Decimal | None = attrs.field(default=None, metadata=checks(_MONEY))
    #: Fines (罚款), in yuan.
    fines: Decimal | None = attrs.field(default=None, metadata=checks(_MONEY))
    #: Confiscations (没收违法所得、非法财物), in yuan.
    confiscations: Decimal | None = attrs.field(default=None, metadata=checks(_MONEY))
    #: Cases decided without penalty (不予处罚): from records, the cases with no sanction.
    not_penalised: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Cases penalised lightly or with mitigation (从轻、减轻处罚).
    lightened: int | None = attrs.field(default=None, metadata=checks(_COUNT, at_most("cases")))
    #: Decisions that passed a legal review (法制审核).
    legal_reviews: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Cases referred to the judicial authorities (涉嫌犯罪移送).
    referrals: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Other breakdowns of the cases and their fines, by dimension (by party, by kind,
    #: by statute), in the report's order; ``domain``, ``procedure`` and ``party`` keys
    #: are vocabulary values, any other key the report's own words. (Sanctions are
    #: tallies, not a breakdown of the cases: they stay in ``by_sanction``.)
    dimensions: Mapping[str, Dimension] = _dimensions(
        count="cases",
        amount="fines",
        closed={"domain": ("by_domain",), "procedure": ("by_procedure", "fines_by_procedure")},
        domain=Domain,
        procedure=Procedure,
        party=PartyKind,
    )

    @fines_and_confiscations.validator
    def _parts_of_money(
        self, attribute: attrs.Attribute[Decimal | None], value: Decimal | None
    ) -> None:
        parts = [m for m in (self.fines, self.confiscations) if isinstance(m, Decimal)]
        if isinstance(value, Decimal) and parts and sum(parts) > value:
            fail(
                self,
                attribute.name,
                value,
                f"fines {self.fines} and confiscations {self.confiscations} "
                f"add up to {sum(parts)}, above {value}",
            )

    @classmethod
    def from_records(
        cls, cases: tuple[PenaltyCase, ...], start: dt.date, end: dt.date
    ) -> PenaltyFigures | None:
        """The figures of the penalty cases dated from ``start`` to ``end``; ``None`` if there are none.

        Each case counts once in the cases and in each breakdown of them (domain,
        procedure); in the tallies by sanction type it counts once under every type
        it carries, and under ``not_penalised`` when it carries none.
        """
        return cls._from_columns(RecordColumns(cases), start, end)

    @classmethod
    def from_table(cls, table: Any, start: dt.date, end: dt.date) -> PenaltyFigures | None:
        """:meth:`from_records` of a columnar table of penalty cases, by group-bys of its columns.

        ``table`` is a ``pyarrow.Table`` with a column a field, as a
        :class:`~enforcement_core.tables.ColumnarLedger` holds it (money in ``int64``
        fen, sanctions as lists); the figures equal those of its records, and are
        ``None`` if none is dated from ``start`` to ``end``. A column the table does not
        have holds the field's default. Needs the ``tables`` extra.
        """
        with engine_memory():
            return cls._from_columns(ArrowColumns(table, PenaltyCase), start, end)

    @classmethod
    def _from_columns(cls, rows: Columns, start: dt.date, end: dt.date) -> PenaltyFigures | None:
        # The one definition of the figures, over records or a table's columns alike.
        year = rows.in_year("decided_on", start, end)
        if not year.rows:
            return None
        by_domain = year.by_group("domain", Domain, "fine")
        # Sanctions are tallied per type: a case carrying a fine and a confiscation
        # counts once under each, and a case with none was not penalised.
        sanctions = year.tally_lists("sanctions", SanctionType)
        return cls(
            cases=year.rows,
            by_domain={
                domain: DomainPenalties(cases=by_domain[domain][0], fines=by_domain[domain][1])
                for domain in Domain
                if domain in by_domain
            },
            by_sanction=ordered(sanctions, SanctionType),
            by_procedure=ordered(year.tally("procedure", Procedure), Procedure),
            fines=year.money("fine"),
            confiscations=year.money("confiscation"),
            not_penalised=sanctions[None],
            lightened=year.count_true("lightened"),
            legal_reviews=year.count_true("legal_review"),
            referrals=year.count_true("referred"),
        )


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class CoercionFigures:
    """Administrative coercion (行政强制): coercive measures and coercive executions.

    ``actions`` is the total a report may give with no breakdown ("实施行政强制12件");
    measures and executions together cannot exceed it.

    Examples:
        >>> CoercionFigures(actions=12).actions
        12
        >>> CoercionFigures(actions=2, measures=2, executions=1)
        Traceback (most recent call last):
        ...
        enforcement_core.errors.InvariantError: CoercionFigures.actions: measures 2 and executions 1 add up to 3, above 2
    """

    #: Coercive actions in all (行政强制), when the report gives the total.
    actions: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Coercive measures taken.
    measures: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Measures by kind (查封, 扣押, 冻结, 其他).
    by_measure: Mapping[CoerciveMeasure, int] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(
            mapping_of(member_of(CoerciveMeasure), a_count()), parts_within("measures")
        ),
    )
    #: Coercive executions (强制执行).
    executions: int | None = attrs.field(default=None, metadata=checks(_COUNT))

    @actions.validator
    def _parts_within_actions(
        self, attribute: attrs.Attribute[int | None], value: int | None
    ) -> None:
        parts = [n for n in (self.measures, self.executions) if n is not None]
        if value is not None and parts and sum(parts) > value:
            fail(
                self,
                attribute.name,
                value,
                f"measures {self.measures} and executions {self.executions} "
                f"add up to {sum(parts)}, above {value}",
            )

    @classmethod
    def from_records(
        cls, actions: tuple[CoerciveAction, ...], start: dt.date, end: dt.date
    ) -> CoercionFigures | None:
        """The figures of the coercive actions dated from ``start`` to ``end``; ``None`` if there are none."""
        year = [a for a in actions if start <= a.taken_on <= end]
        if not year:
            return None
        measures: Counter[CoerciveMeasure] = Counter(
            a.measure for a in year if a.measure is not None
        )
        return cls(
            measures=measures.total(),
            by_measure=ordered(measures, CoerciveMeasure),
            executions=sum(1 for a in year if a.execution),
        )


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class InterviewFigures:
    """Admonitory interviews (约谈) in the year.

    Examples:
        >>> InterviewFigures(by_party={PartyKind.ENTERPRISE: 3}).by_party[PartyKind.ENTERPRISE]
        3
    """

    #: Interviews held.
    count: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Interviews by the kind of party interviewed ("约谈企业3家次").
    by_party: Mapping[PartyKind, int] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(mapping_of(member_of(PartyKind), a_count()), parts_within("count")),
    )


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class ActionFigures:
    """The count and money of a category without figures of its own (levy, reward, …)."""

    #: Actions taken.
    count: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: The money involved, in yuan (levied, paid, awarded).
    amount: Decimal | None = attrs.field(default=None, metadata=checks(_MONEY))


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class ReviewCounts:
    """Reconsideration and litigation cases, and how they ended.

    Reconsiderations end withdrawn, upheld, corrected (changed, revoked or
    confirmed unlawful) or are still pending; the outcomes stated cannot add up
    to more than the reconsiderations.

    Examples:
        >>> ReviewCounts(reconsiderations=2, corrected=3)
        Traceback (most recent call last):
        ...
        enforcement_core.errors.InvariantError: ReviewCounts.corrected: 3 exceeds reconsiderations 2
    """

    #: Administrative reconsiderations (行政复议).
    reconsiderations: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Of them, corrected on reconsideration (复议纠错): revoked, changed, confirmed unlawful.
    corrected: int | None = attrs.field(
        default=None, metadata=checks(_COUNT, at_most("reconsiderations"))
    )
    #: Administrative litigations (行政诉讼).
    litigations: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Of them, lost in court (败诉).
    lost: int | None = attrs.field(default=None, metadata=checks(_COUNT, at_most("litigations")))
    #: Reconsiderations withdrawn by the applicant (申请人撤回).
    withdrawn: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Decisions upheld (维持).
    upheld: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Decisions changed (变更); corrections, with revoked.
    changed: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Decisions revoked (撤销); corrections, with changed.
    revoked: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Reconsiderations still pending at the year's end (尚在审理).
    pending: int | None = attrs.field(default=None, metadata=checks(_COUNT))

    @pending.validator
    def _outcomes_within_reconsiderations(
        self, attribute: attrs.Attribute[int | None], value: int | None
    ) -> None:
        del value
        changed_or_revoked = [n for n in (self.changed, self.revoked) if n is not None]
        if self.corrected is not None and sum(changed_or_revoked) > self.corrected:
            fail(
                self,
                attribute.name,
                self.pending,
                f"changed and revoked add up to {sum(changed_or_revoked)}, "
                f"above corrected {self.corrected}",
            )
            return
        total = outcomes(self)
        if (
            self.reconsiderations is not None
            and total is not None
            and total > self.reconsiderations
        ):
            fail(
                self,
                attribute.name,
                self.pending,
                f"the outcomes add up to {total}, above reconsiderations {self.reconsiderations}",
            )


def outcomes(counts: ReviewCounts) -> int | None:
    """The reconsiderations whose outcome is stated: withdrawn, upheld, corrected, pending.

    Corrections are ``corrected`` when stated, else changed + revoked.
    ``None`` when no outcome is stated.
    """
    corrected = (
        counts.corrected
        if counts.corrected is not None
        else _known_sum(counts.changed, counts.revoked)
    )
    return _known_sum(counts.withdrawn, counts.upheld, corrected, counts.pending)


def _known_sum(*numbers: int | None) -> int | None:
    known = [n for n in numbers if n is not None]
    return sum(known) if known else None


_REVIEW_FIELDS = (
    "reconsiderations",
    "corrected",
    "litigations",
    "lost",
    "withdrawn",
    "upheld",
    "changed",
    "revoked",
    "pending",
)


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class ReviewFigures:
    """Reconsideration and litigation in the year: totals, and per action category."""

    #: The totals over every category.
    total: ReviewCounts = attrs.field(
        factory=ReviewCounts, metadata=checks(instance_of(ReviewCounts))
    )
    #: The counts per category of the action challenged.
    by_kind: Mapping[ActionKind, ReviewCounts] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(
            mapping_of(member_of(ActionKind), instance_of(ReviewCounts)),
            *(parts_within(f"total.{name}", part=name) for name in _REVIEW_FIELDS),
        ),
    )


class ActivityKind(Vocabulary):
    """Enforcement work a report counts beside the action categories."""

    #: 巡查: patrols, with or without a record.
    PATROL = "patrol"
    #: 检查计划: inspection plans drawn up.
    INSPECTION_PLAN = "inspection_plan"
    #: 双随机、一公开: random inspections, in batches and spot checks.
    RANDOM_INSPECTION = "random_inspection"
    #: 案卷评查: reviews of case files.
    CASE_FILE_REVIEW = "case_file_review"
    #: 履职: duties performed (履职率).
    DUTY = "duty"
    #: Anything else the report counts.
    OTHER = "other"


def _not_a_percent(value: object) -> str | None:
    if value is None:
        return None
    if type(value) is not Decimal or not value.is_finite() or not 0 <= value <= 100:
        return f"must be a percent from 0 to 100 as a Decimal, not {value!r}"
    return None


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class Activity:
    """One kind of enforcement work a report counts, as it names it: "巡查187次".

    Activities are not actions of a category: they are written in the report's
    order, after the categories, and do not enter the grand total of actions.
    A rate the report states for one ("履职率100%") is held as written.

    Examples:
        >>> Activity(name="开展巡查", kind=ActivityKind.PATROL, count=187).measure
        '次'
        >>> Activity(name="履职", rate=Decimal("101"), rate_name="履职率")
        Traceback (most recent call last):
        ...
        enforcement_core.errors.InvariantError: Activity.rate: must be a percent from 0 to 100 as a Decimal, not Decimal('101')
    """

    #: The activity as the report names it: "开展巡查", "双随机一公开抽查".
    name: str = attrs.field(metadata=checks(text()))
    #: What kind of work it is.
    kind: ActivityKind = attrs.field(
        default=ActivityKind.OTHER, metadata=checks(member_of(ActivityKind))
    )
    #: How many, in ``measure``.
    count: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: The measure word of the count: 次, 场次, 批次, 家次, 件.
    measure: str = attrs.field(default="次", metadata=checks(text()))
    #: A rate the report states for it, in percent as written.
    rate: Decimal | None = attrs.field(
        default=None, metadata=checks(rule("percent", _not_a_percent))
    )
    #: The rate's name as the report writes it: "履职率".
    rate_name: str = attrs.field(default="", metadata=checks(instance_of(str)))

    @rate_name.validator
    def _named_when_stated(self, attribute: attrs.Attribute[str], value: str) -> None:
        if self.rate is not None and not value.strip():
            fail(self, attribute.name, value, "a stated rate needs its name (履职率)")


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class PowerFigures:
    """The enforcement powers (执法职权) a body holds, by category and by source."""

    #: Powers held.
    total: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Powers by action category.
    by_kind: Mapping[ActionKind, int] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(mapping_of(member_of(ActionKind), a_count()), parts_within("total")),
    )
    #: Powers by where they come from (statutory, conferred, entrusted).
    by_source: Mapping[AuthoritySource, int] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(mapping_of(member_of(AuthoritySource), a_count()), parts_within("total")),
    )
