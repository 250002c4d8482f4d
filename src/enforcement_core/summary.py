"""From records to yearly figures: :func:`summarize`.

Every figure of the summary is computed from the ledger's records, and each
record counts in exactly one place. Records dated outside the ledger's year are
not counted (the audit reports them). A category with no record in the year is
left out of the summary (``None``), as a report leaves out what the body has no
data for.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

import attrs

from enforcement_core.actions import (
    ActionKind,
    CoerciveMeasure,
    Domain,
    InspectionArea,
    LicensingDecision,
    PartyKind,
    Procedure,
    ReviewKind,
    SanctionType,
    SupervisionLevel,
)
from enforcement_core.figures import (
    ActionFigures,
    AreaFigures,
    CoercionFigures,
    DomainPenalties,
    HazardFigures,
    InspectionFigures,
    InterviewFigures,
    LicensingFigures,
    PenaltyFigures,
    ReviewCounts,
    ReviewFigures,
)
from enforcement_core.report import AnnualReport
from enforcement_core.workforce import Employment, Unit, WorkforceFigures

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from enforcement_core.actions import (
        AdmonitoryInterview,
        CoerciveAction,
        Inspection,
        LicenceApplication,
        OtherAction,
        PenaltyCase,
        ReviewCase,
    )
    from enforcement_core.ledger import Ledger
    from enforcement_core.workforce import MisconductCase, Officer

__all__ = ["summarize"]

K = TypeVar("K")
_ZERO = Decimal(0)


def _ordered(counts: Mapping[K, int], vocabulary: Iterable[K]) -> dict[K, int]:
    """The non-zero counts in the vocabulary's order, so summaries compare and print alike."""
    return {key: counts[key] for key in vocabulary if counts.get(key)}


def summarize(ledger: Ledger) -> AnnualReport:
    """The annual report of a ledger: every figure computed from its records.

    Examples:
        >>> from enforcement_core import examples
        >>> report = summarize(examples.load_records("gulu-2023"))
        >>> (
        ...     report.inspection.visits,
        ...     report.inspection.hazards.found,
        ...     report.inspection.hazards.rectified,
        ... )
        (363, 509, 502)
    """
    start, end = dt.date(ledger.year, 1, 1), dt.date(ledger.year, 12, 31)
    return AnnualReport(
        body=ledger.body,
        year=ledger.year,
        workforce=_workforce(ledger.units, ledger.officers, ledger.misconduct_cases, start, end),
        licensing=_licensing(ledger.licence_applications, start, end),
        inspection=_inspection(ledger.inspections, start, end),
        penalty=_penalty(ledger.penalty_cases, start, end),
        coercion=_coercion(ledger.coercive_actions, start, end),
        interviews=_interviews(ledger.interviews, start, end),
        other_actions=_other_actions(ledger.other_actions, start, end),
        reviews=_reviews(ledger.reviews, start, end),
        narrative=ledger.narrative,
        conventions=ledger.conventions,
    )


def _unit_paths(
    units: Mapping[str, Unit], ancestors: tuple[str, ...] = ()
) -> dict[str, tuple[str, ...]]:
    """Each unit identifier with the identifiers of the units it counts in, itself included."""
    paths: dict[str, tuple[str, ...]] = {}
    for key, unit in units.items():
        chain = (*ancestors, key)
        paths.setdefault(key, chain)
        for sub, sub_chain in _unit_paths(unit.subunits, chain).items():
            paths.setdefault(sub, sub_chain)
    return paths


def _counted_units(units: Mapping[str, Unit], counts: Counter[str]) -> dict[str, Unit]:
    return {
        key: attrs.evolve(
            unit, certified=counts[key], subunits=_counted_units(unit.subunits, counts)
        )
        for key, unit in units.items()
    }


def _workforce(
    units: Mapping[str, Unit],
    officers: tuple[Officer, ...],
    misconduct: tuple[MisconductCase, ...],
    start: dt.date,
    end: dt.date,
) -> WorkforceFigures:
    if not officers:
        return WorkforceFigures()
    certified = [o for o in officers if o.is_certified_on(end)]
    chains = _unit_paths(units)
    per_unit: Counter[str] = Counter(key for o in certified for key in chains.get(o.unit, ()))
    return WorkforceFigures(
        certified=len(certified),
        units=_counted_units(units, per_unit),
        established_staff=sum(1 for o in officers if o.employment is Employment.ESTABLISHED),
        auxiliary_staff=sum(1 for o in officers if o.employment is Employment.AUXILIARY),
        newly_certified=sum(
            1
            for o in officers
            if (first := o.first_certified_on) is not None and start <= first <= end
        ),
        certificates_cancelled=sum(
            1
            for o in officers
            for cert in o.certificates
            if cert.cancelled_on is not None and start <= cert.cancelled_on <= end
        ),
        trained=sum(1 for o in officers if o.trained),
        misconduct_cases=sum(1 for case in misconduct if start <= case.found_on <= end),
    )


def _licensing(
    applications: tuple[LicenceApplication, ...], start: dt.date, end: dt.date
) -> LicensingFigures | None:
    year = [a for a in applications if start <= a.applied_on <= end]
    if not year:
        return None
    decisions = Counter(a.decision for a in year)
    subjects = {a.subject for a in year}
    return LicensingFigures(
        subject=subjects.pop() if len(subjects) == 1 else "",
        applications=len(year),
        accepted=sum(1 for a in year if a.accepted),
        granted=decisions[LicensingDecision.GRANTED],
        refused=decisions[LicensingDecision.REFUSED],
        pending=sum(1 for a in year if a.accepted and a.decision is None),
        revoked=sum(1 for a in year if a.revoked_on is not None and a.revoked_on <= end),
        legal_reviews=sum(1 for a in year if a.legal_review),
    )


def _inspection(
    inspections: tuple[Inspection, ...], start: dt.date, end: dt.date
) -> InspectionFigures | None:
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
                supervised=_ordered(
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
    return InspectionFigures(
        visits=visits.total(),
        by_area=by_area,
        hazards=HazardFigures(
            found=found.total(),
            rectified=rectified.total(),
            supervised=_ordered(levels, SupervisionLevel),
        ),
    )


def _penalty(cases: tuple[PenaltyCase, ...], start: dt.date, end: dt.date) -> PenaltyFigures | None:
    domains: Counter[Domain] = Counter()
    domain_fines: dict[Domain, Decimal] = {}
    sanctions: Counter[SanctionType | None] = Counter()
    procedures: Counter[Procedure] = Counter()
    fines = confiscations = _ZERO
    lightened = legal_reviews = referrals = 0
    for case in cases:
        if not start <= case.decided_on <= end:
            continue
        domain = case.domain
        domains[domain] += 1
        fine = case.fine
        if fine is not None:
            fines += fine
            domain_fines[domain] = domain_fines.get(domain, _ZERO) + fine
        if case.confiscation is not None:
            confiscations += case.confiscation
        # A case counts once, under the sanction it is filed under (its first).
        sanctions[case.sanctions[0] if case.sanctions else None] += 1
        procedures[case.procedure] += 1
        lightened += case.lightened
        legal_reviews += case.legal_review
        referrals += case.referred
    if not domains:
        return None
    return PenaltyFigures(
        cases=domains.total(),
        by_domain={
            domain: DomainPenalties(cases=domains[domain], fines=domain_fines.get(domain, _ZERO))
            for domain in Domain
            if domains[domain]
        },
        by_sanction=_ordered(sanctions, SanctionType),
        by_procedure=_ordered(procedures, Procedure),
        fines=fines,
        confiscations=confiscations,
        not_penalised=sanctions[None],
        lightened=lightened,
        legal_reviews=legal_reviews,
        referrals=referrals,
    )


def _coercion(
    actions: tuple[CoerciveAction, ...], start: dt.date, end: dt.date
) -> CoercionFigures | None:
    year = [a for a in actions if start <= a.taken_on <= end]
    if not year:
        return None
    measures: Counter[CoerciveMeasure] = Counter(a.measure for a in year if a.measure is not None)
    return CoercionFigures(
        measures=measures.total(),
        by_measure=_ordered(measures, CoerciveMeasure),
        executions=sum(1 for a in year if a.execution),
    )


def _interviews(
    interviews: tuple[AdmonitoryInterview, ...], start: dt.date, end: dt.date
) -> InterviewFigures | None:
    parties: Counter[PartyKind] = Counter(
        i.party.kind for i in interviews if start <= i.held_on <= end
    )
    if not parties:
        return None
    return InterviewFigures(count=parties.total(), by_party=_ordered(parties, PartyKind))


def _other_actions(
    actions: tuple[OtherAction, ...], start: dt.date, end: dt.date
) -> dict[ActionKind, ActionFigures]:
    counts: Counter[ActionKind] = Counter()
    amounts: dict[ActionKind, Decimal] = {}
    for action in actions:
        if start <= action.taken_on <= end:
            counts[action.kind] += 1
            if action.amount is not None:
                amounts[action.kind] = amounts.get(action.kind, _ZERO) + action.amount
    return {
        kind: ActionFigures(count=counts[kind], amount=amounts.get(kind))
        for kind in ActionKind
        if counts[kind]
    }


def _review_counts(cases: list[ReviewCase]) -> ReviewCounts:
    reconsiderations = [c for c in cases if c.review is ReviewKind.RECONSIDERATION]
    litigations = [c for c in cases if c.review is ReviewKind.LITIGATION]
    return ReviewCounts(
        reconsiderations=len(reconsiderations),
        corrected=sum(1 for c in reconsiderations if c.against_body),
        litigations=len(litigations),
        lost=sum(1 for c in litigations if c.against_body),
    )


def _reviews(cases: tuple[ReviewCase, ...], start: dt.date, end: dt.date) -> ReviewFigures | None:
    year = [c for c in cases if start <= c.filed_on <= end]
    if not year:
        return None
    return ReviewFigures(
        total=_review_counts(year),
        by_kind={
            kind: _review_counts(of_kind)
            for kind in ActionKind
            if (of_kind := [c for c in year if c.action_kind is kind])
        },
    )
