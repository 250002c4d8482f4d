"""Hypothesis strategies for the domain objects: every object they build is valid.

Breakdowns are drawn first and their totals drawn at or above the parts' sum (or
left unstated), so the strategies reach the boundaries of the invariants
without crossing them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
from hypothesis import strategies as st

import enforcement_core as ec
from enforcement_core.categories import CATEGORIES, RECORD_GROUPS, own_figures
from enforcement_core.workforce import walk_units

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")
E = TypeVar("E", bound=Enum)

counts = st.integers(min_value=0, max_value=10**6)
# abs(): hypothesis draws Decimal("-0.00") too, which the model refuses.
money = st.decimals(
    min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False
).map(abs)
# Any text a clerk might paste, Chinese and beyond, but never blank.
# Control characters and lone surrogates are refused (Cc, Cs); a text must show something.
_VISIBLE = st.characters(exclude_categories=("Cc", "Cs"))
texts = st.text(_VISIBLE, min_size=1, max_size=30).filter(
    lambda t: any(not c.isspace() and unicodedata.category(c) != "Cf" for c in t)
)
# The identifier rule (src/enforcement_core/_validators.py): anything but white space,
# '.', '[' and ']'. Mostly ledger-style ASCII, but Chinese unit and record names too.
_IDENTIFIER = re.compile(r"[^\s.\[\]]+")
identifiers = st.one_of(
    st.from_regex(r"[a-z][a-z0-9_\-]{0,10}", fullmatch=True),
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=6),
    st.text(
        st.characters(exclude_categories=("Z", "C"), exclude_characters=".[]"),
        min_size=1,
        max_size=10,
    ),
).filter(_IDENTIFIER.fullmatch)

# GB 11643-1999: the weights of the first 17 digits and the check character for the
# weighted sum modulo 11.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_character(first17: str) -> str:
    """The GB 11643-1999 check character of an identity number's first 17 digits."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    """An 18-character resident identity number with a valid check character (X included)."""
    region = draw(st.integers(110000, 829999))
    born = draw(st.dates(dt.date(1920, 1, 1), dt.date(2023, 12, 31)))
    sequence = draw(st.integers(0, 999))
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    return first17 + id_check_character(first17)


@st.composite
def texts_with_id_number(draw: st.DrawFn) -> str:
    """Free text holding an identity number, as a clerk might paste a party's details.

    The number stands apart from other digits (a longer run of digits is a case
    number, not an identity number: src/enforcement_core/_privacy.py).
    """
    before = draw(st.sampled_from(["", "当事人", "身份证号：", "申请人张某（"]))
    after = draw(st.sampled_from(["", "）", "，已整改。", " 无"]))
    return f"{before}{draw(id_numbers())}{after}"


# Free text of a record or narrative: sometimes with an identity number in it, which
# no published output may show.
free_texts = st.one_of(texts, texts, texts, texts_with_id_number())
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2031, 12, 31))


def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """``None`` (not stated) or a value."""
    return st.none() | strategy


def breakdown(keys: type[E], values: st.SearchStrategy[T]) -> st.SearchStrategy[dict[E, T]]:
    """A breakdown over some of a vocabulary's keys."""
    return st.dictionaries(st.sampled_from(list(keys)), values, max_size=4)


def _added(numbers: list[Any], start: Any = 0) -> Any:
    return sum((n for n in numbers if n is not None), start)


@st.composite
def total_over(draw: st.DrawFn, numbers: list[Any], *, money_total: bool = False) -> Any:
    """A total for parts ``numbers``: unstated, exactly their sum, or above it."""
    zero = Decimal(0) if money_total else 0
    base = _added(numbers, zero)
    extra = draw(money if money_total else counts) if draw(st.booleans()) else zero
    return draw(st.none() | st.just(base + extra))


@st.composite
def hazard_figures(draw: st.DrawFn) -> ec.HazardFigures:
    """Hazards found, rectified and supervised, rectified and supervised within found.

    Rectified and supervised hazards are each some of those found, and may be the
    same ones (509 found, 502 rectified, 11 supervised), so found is at least the
    larger of the two, not their sum.
    """
    supervised = draw(breakdown(ec.SupervisionLevel, counts))
    rectified = draw(optional(counts))
    found = draw(total_over([max(_added(list(supervised.values())), _added([rectified]))]))
    return ec.HazardFigures(found=found, rectified=rectified, supervised=supervised)


@st.composite
def inspection_figures(draw: st.DrawFn) -> ec.InspectionFigures:
    """Inspections with areas whose figures fit within the totals."""
    by_area = draw(
        breakdown(
            ec.InspectionArea,
            st.builds(ec.AreaFigures, visits=optional(counts), hazards=hazard_figures()),
        )
    )
    areas = list(by_area.values())
    found = _added([a.hazards.found for a in areas])
    rectified = _added([a.hazards.rectified for a in areas])
    supervised = {
        level: _added([a.hazards.supervised.get(level) for a in areas])
        for level in ec.SupervisionLevel
    }
    extra_found = draw(counts)
    hazards = ec.HazardFigures(
        found=max(found, rectified, _added(list(supervised.values()))) + extra_found,
        rectified=rectified,
        supervised=supervised,
    )
    hazards = draw(st.just(hazards) | st.just(ec.HazardFigures()))
    if hazards.found is None:
        by_area = {key: ec.AreaFigures(visits=value.visits) for key, value in by_area.items()}
    visits = draw(total_over([a.visits for a in by_area.values()]))
    return ec.InspectionFigures(visits=visits, by_area=by_area, hazards=hazards)


@st.composite
def licensing_figures(draw: st.DrawFn) -> ec.LicensingFigures:
    """Licensing outcomes within the applications and within those accepted."""
    granted = draw(optional(counts))
    refused = draw(optional(counts))
    pending = draw(optional(counts))
    accepted = draw(total_over([granted, refused, pending]))
    applications = draw(
        total_over([accepted if accepted is not None else _added([granted, refused, pending])])
    )
    if applications is not None and accepted is not None and accepted > applications:
        applications = accepted
    return ec.LicensingFigures(
        subject=draw(st.just("") | free_texts),
        applications=applications,
        accepted=accepted,
        granted=granted,
        refused=refused,
        pending=pending,
        revoked=draw(optional(counts)),
        legal_reviews=draw(optional(counts)),
    )


@st.composite
def penalty_figures(draw: st.DrawFn) -> ec.PenaltyFigures:
    """Penalties whose three breakdowns fit within the stated cases and fines."""
    by_domain = draw(
        breakdown(
            ec.Domain, st.builds(ec.DomainPenalties, cases=optional(counts), fines=optional(money))
        )
    )
    by_sanction = draw(breakdown(ec.SanctionType, counts))
    by_procedure = draw(breakdown(ec.Procedure, counts))
    largest = max(
        _added([d.cases for d in by_domain.values()]),
        _added(list(by_sanction.values())),
        _added(list(by_procedure.values())),
    )
    cases = draw(total_over([largest]))
    fines = draw(total_over([_added([d.fines for d in by_domain.values()])], money_total=True))
    confiscations = draw(optional(money))
    together = draw(total_over([fines, confiscations], money_total=True))
    return ec.PenaltyFigures(
        cases=cases,
        by_domain=by_domain,
        by_sanction=by_sanction,
        by_procedure=by_procedure,
        fines_and_confiscations=together,
        fines=fines,
        confiscations=confiscations,
        not_penalised=draw(optional(counts)),
        lightened=draw(optional(counts)) if cases is None else draw(st.integers(0, cases)),
        legal_reviews=draw(optional(counts)),
        referrals=draw(optional(counts)),
    )


@st.composite
def coercion_figures(draw: st.DrawFn) -> ec.CoercionFigures:
    """Coercive measures by kind within the total, and executions."""
    by_measure = draw(breakdown(ec.CoerciveMeasure, counts))
    return ec.CoercionFigures(
        measures=draw(total_over(list(by_measure.values()))),
        by_measure=by_measure,
        executions=draw(optional(counts)),
    )


@st.composite
def interview_figures(draw: st.DrawFn) -> ec.InterviewFigures:
    """Interviews by party within the total."""
    by_party = draw(breakdown(ec.PartyKind, counts))
    return ec.InterviewFigures(count=draw(total_over(list(by_party.values()))), by_party=by_party)


@st.composite
def review_counts(draw: st.DrawFn, least: dict[str, int] | None = None) -> ec.ReviewCounts:
    """Reconsiderations and litigations with those against the body within them.

    With ``least``, every stated figure is at least that (a total over parts).
    """
    floor = least or {}
    corrected = draw(total_over([floor.get("corrected")]))
    lost = draw(total_over([floor.get("lost")]))
    cases = [_added([corrected]), floor.get("reconsiderations", 0)]
    suits = [_added([lost]), floor.get("litigations", 0)]
    return ec.ReviewCounts(
        reconsiderations=draw(total_over([max(cases)])),
        corrected=corrected,
        litigations=draw(total_over([max(suits)])),
        lost=lost,
    )


@st.composite
def review_figures(draw: st.DrawFn) -> ec.ReviewFigures:
    """Review totals at or above the sum of the categories."""
    by_kind = draw(breakdown(ec.ActionKind, review_counts()))
    fields = ("reconsiderations", "corrected", "litigations", "lost")
    sums = {name: _added([getattr(v, name) for v in by_kind.values()]) for name in fields}
    return ec.ReviewFigures(total=draw(review_counts(least=sums)), by_kind=by_kind)


@st.composite
def power_figures(draw: st.DrawFn) -> ec.PowerFigures:
    """Powers by kind and by source within the total."""
    by_kind = draw(breakdown(ec.ActionKind, counts))
    by_source = draw(breakdown(ec.AuthoritySource, counts))
    largest = max(_added(list(by_kind.values())), _added(list(by_source.values())))
    return ec.PowerFigures(total=draw(total_over([largest])), by_kind=by_kind, by_source=by_source)


@st.composite
def units(draw: st.DrawFn, depth: int = 2) -> ec.Unit:
    """A unit whose sub-units' officers fit within its own."""
    subunits = (
        draw(st.dictionaries(identifiers, units(depth=depth - 1), max_size=2)) if depth > 1 else {}
    )
    return ec.Unit(
        draw(texts),
        kind=draw(st.sampled_from(list(ec.UnitKind))),
        certified=draw(total_over([sub.certified for sub in subunits.values()])),
        subunits=subunits,
    )


@st.composite
def workforce_figures(draw: st.DrawFn) -> ec.WorkforceFigures:
    """Workforce figures with units within the total and certified within establishment."""
    tree = draw(st.dictionaries(identifiers, units(), max_size=3))
    certified = draw(total_over([u.certified for u in tree.values()]))
    established = draw(total_over([certified]))
    return ec.WorkforceFigures(
        certified=certified,
        units=tree,
        established_staff=established,
        auxiliary_staff=draw(optional(counts)),
        newly_certified=draw(optional(counts)),
        certificates_cancelled=draw(optional(counts)),
        trained=draw(optional(counts)),
        misconduct_cases=draw(optional(counts)),
    )


bodies = st.builds(
    ec.EnforcementBody,
    name=texts,
    level=st.sampled_from(list(ec.BodyLevel)),
    region=st.just("") | texts,
    short_name=texts,
)


def sections(depth: int = 2) -> st.SearchStrategy[ec.Section]:
    """Narrative sections, nested up to ``depth``."""
    return st.builds(
        ec.Section,
        title=texts,
        role=st.sampled_from(list(ec.SectionRole)),
        paragraphs=st.lists(free_texts, max_size=3).map(tuple),
        subsections=st.lists(sections(depth - 1), max_size=2).map(tuple)
        if depth > 1
        else st.just(()),
    )


narratives = st.builds(
    ec.Narrative,
    opening=st.just("") | free_texts,
    sections=st.lists(sections(), max_size=3).map(tuple),
)

#: Figure paths that name a figure of every report.
FIGURE_PATHS = (
    "workforce.certified",
    "licensing.granted",
    "inspection.visits",
    "inspection.hazards.found",
    "penalty.cases",
    "penalty.fines",
    "penalty.by_domain.traffic.cases",
    "interviews.by_party.enterprise",
)

decimals = st.decimals(
    min_value=-(10**6), max_value=10**6, places=2, allow_nan=False, allow_infinity=False
)


@st.composite
def stated_changes(draw: st.DrawFn) -> ec.StatedChange:
    """A stated change of a figure or of a rate, with the unit that fits it."""
    if draw(st.booleans()):
        figure = "rates." + draw(st.sampled_from(list(ec.RateName))).value
        unit = ec.ChangeUnit.POINTS
    else:
        figure = draw(st.sampled_from(FIGURE_PATHS))
        unit = draw(st.sampled_from([ec.ChangeUnit.ABSOLUTE, ec.ChangeUnit.PERCENT]))
    return ec.StatedChange(
        figure=figure, previous=abs(draw(decimals)), change=draw(decimals), unit=unit
    )


#: A percentage as a report writes it: 0 to 4 decimals, the precision the audit holds it to.
stated_rates = st.integers(0, 4).flatmap(
    lambda places: st.decimals(
        min_value=0, max_value=100, places=places, allow_nan=False, allow_infinity=False
    )
)

stateds = st.builds(
    ec.Stated,
    rates=st.dictionaries(st.sampled_from(list(ec.RateName)), stated_rates, max_size=3),
    changes=st.lists(stated_changes(), max_size=3).map(tuple),
    actions=optional(counts),
    amount=optional(money),
)

conventions = st.builds(
    ec.Conventions,
    money_unit=st.sampled_from(["元", "万元", "亿元", "auto"]),
    money_places=optional(st.integers(0, 4)),
    percent_places=st.integers(0, 4),
    case_measure=st.sampled_from(["件", "宗", "起"]),
    measure_words=st.dictionaries(
        st.sampled_from(FIGURE_PATHS), st.sampled_from(["件", "家次", "起"]), max_size=2
    ),
)

#: The strategy of each category's figures class, read through categories.CATEGORIES.
FIGURES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    ec.LicensingFigures: licensing_figures,
    ec.InspectionFigures: inspection_figures,
    ec.PenaltyFigures: penalty_figures,
    ec.CoercionFigures: coercion_figures,
}

other_kinds = [kind for kind in ec.ActionKind if kind not in own_figures()]


@st.composite
def annual_reports(draw: st.DrawFn, year: int | None = None) -> ec.AnnualReport:
    """A valid annual report, every category present or absent."""
    year = draw(st.integers(2000, 2030)) if year is None else year
    return ec.AnnualReport(
        body=draw(bodies),
        year=year,
        published_on=draw(optional(st.dates(dt.date(year, 1, 1), dt.date(year + 1, 12, 31)))),
        workforce=draw(workforce_figures()),
        powers=draw(optional(power_figures())),
        **{c.field: draw(optional(FIGURES[c.figures]())) for c in CATEGORIES},
        interviews=draw(optional(interview_figures())),
        other_actions=draw(
            st.dictionaries(
                st.sampled_from(other_kinds),
                st.builds(ec.ActionFigures, count=optional(counts), amount=optional(money)),
                max_size=3,
            )
        ),
        reviews=draw(optional(review_figures())),
        narrative=draw(narratives),
        stated=draw(stateds),
        conventions=draw(conventions),
    )


# Records ---------------------------------------------------------------------------


@st.composite
def later(draw: st.DrawFn, day: dt.date, days: int = 120) -> dt.date:
    """A date on or after ``day``."""
    return day + dt.timedelta(days=draw(st.integers(0, days)))


parties = st.builds(
    ec.Party,
    name=texts,
    kind=st.sampled_from(list(ec.PartyKind)),
    id_number=optional(st.one_of(texts, id_numbers())),
)


@st.composite
def hazards(draw: st.DrawFn, found_on: dt.date | None = None) -> ec.Hazard:
    """A hazard with deadline and rectification on or after the day it was found."""
    found = draw(dates) if found_on is None else found_on
    return ec.Hazard(
        draw(identifiers),
        found,
        description=draw(st.just("") | free_texts),
        deadline=draw(optional(later(found))),
        rectified_on=draw(optional(later(found))),
        supervision=draw(optional(st.sampled_from(list(ec.SupervisionLevel)))),
    )


officer_ids = st.lists(identifiers, max_size=3, unique=True).map(tuple)


@st.composite
def inspections(draw: st.DrawFn, on: st.SearchStrategy[dt.date] = dates) -> ec.Inspection:
    """An inspection whose hazards were found on or after it."""
    day = draw(on)
    return ec.Inspection(
        draw(identifiers),
        day,
        target=draw(texts),
        area=draw(st.sampled_from(list(ec.InspectionArea))),
        officers=draw(officer_ids),
        hazards=tuple(draw(st.lists(hazards(found_on=day), max_size=3))),
    )


_CONFISCATIONS = {
    ec.SanctionType.CONFISCATION_OF_ILLEGAL_GAINS,
    ec.SanctionType.CONFISCATION_OF_ILLEGAL_PROPERTY,
}


@st.composite
def penalty_cases(draw: st.DrawFn, on: st.SearchStrategy[dt.date] = dates) -> ec.PenaltyCase:
    """A penalty case whose money matches its sanctions."""
    sanctions = tuple(
        draw(st.lists(st.sampled_from(list(ec.SanctionType)), max_size=3, unique=True))
    )
    fined = ec.SanctionType.FINE in sanctions
    confiscated = bool(_CONFISCATIONS.intersection(sanctions))
    return ec.PenaltyCase(
        draw(identifiers),
        draw(on),
        domain=draw(st.sampled_from(list(ec.Domain))),
        sanctions=sanctions,
        procedure=draw(st.sampled_from(list(ec.Procedure))),
        fine=draw(optional(money)) if fined else None,
        confiscation=draw(optional(money)) if confiscated else None,
        party=draw(optional(parties)),
        officers=draw(officer_ids),
        legal_review=draw(st.booleans()),
        lightened=draw(st.booleans()),
        referred=draw(st.booleans()),
    )


@st.composite
def licence_applications(
    draw: st.DrawFn, on: st.SearchStrategy[dt.date] = dates
) -> ec.LicenceApplication:
    """An application whose decision, dates and revocation agree."""
    applied = draw(on)
    accepted = draw(st.booleans())
    decision = draw(optional(st.sampled_from(list(ec.LicensingDecision)))) if accepted else None
    decided = draw(later(applied)) if decision is not None else None
    revoked = (
        draw(optional(later(decided)))
        if decision is ec.LicensingDecision.GRANTED and decided is not None
        else None
    )
    return ec.LicenceApplication(
        draw(identifiers),
        applied,
        subject=draw(st.just("") | free_texts),
        applicant=draw(optional(parties)),
        accepted=accepted,
        decision=decision,
        decided_on=decided,
        revoked_on=revoked,
        legal_review=draw(st.booleans()),
    )


@st.composite
def coercive_actions(draw: st.DrawFn, on: st.SearchStrategy[dt.date] = dates) -> ec.CoerciveAction:
    """A coercive measure or a coercive execution."""
    measure = draw(optional(st.sampled_from(list(ec.CoerciveMeasure))))
    return ec.CoerciveAction(
        draw(identifiers),
        draw(on),
        measure=measure,
        execution=measure is None,
        party=draw(optional(parties)),
        officers=draw(officer_ids),
    )


def interviews(on: st.SearchStrategy[dt.date] = dates) -> st.SearchStrategy[ec.AdmonitoryInterview]:
    """An admonitory interview."""
    return st.builds(
        ec.AdmonitoryInterview,
        identifiers,
        on,
        party=parties,
        subject=st.just("") | free_texts,
        officers=officer_ids,
    )


def other_actions(on: st.SearchStrategy[dt.date] = dates) -> st.SearchStrategy[ec.OtherAction]:
    """An action of a category without a record class of its own."""
    return st.builds(
        ec.OtherAction,
        identifiers,
        st.sampled_from(other_kinds),
        on,
        amount=optional(money),
        description=st.just("") | free_texts,
    )


def review_cases(on: st.SearchStrategy[dt.date] = dates) -> st.SearchStrategy[ec.ReviewCase]:
    """A reconsideration or litigation case."""
    return st.builds(
        ec.ReviewCase,
        identifiers,
        st.sampled_from(list(ec.ReviewKind)),
        st.sampled_from(list(ec.ActionKind)),
        on,
        against_body=optional(st.booleans()),
    )


@st.composite
def certificates(draw: st.DrawFn) -> ec.Certificate:
    """A certificate valid for some years, perhaps cancelled."""
    start = draw(dates)
    end = draw(later(start, days=6 * 365))
    return ec.Certificate(
        draw(texts),
        draw(texts),
        start,
        end,
        cancelled_on=draw(optional(later(start, days=6 * 365))),
    )


@st.composite
def officers(draw: st.DrawFn, unit_ids: st.SearchStrategy[str] = identifiers) -> ec.Officer:
    """An officer of one of ``unit_ids``; auxiliary staff hold no certificate."""
    employment = draw(st.sampled_from(list(ec.Employment)))
    held = (
        draw(st.lists(certificates(), max_size=2))
        if employment is ec.Employment.ESTABLISHED
        else []
    )
    return ec.Officer(
        draw(identifiers),
        draw(texts),
        unit=draw(unit_ids),
        certificates=tuple(held),
        employment=employment,
        trained=draw(st.booleans()),
    )


def _in_or_near(year: int) -> st.SearchStrategy[dt.date]:
    # Mostly inside the year, sometimes just outside: the audit's business.
    inside = st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31))
    outside = st.dates(dt.date(year - 1, 11, 1), dt.date(year + 1, 2, 28))
    return st.one_of(inside, inside, inside, outside)


def ledger_units(depth: int = 2) -> st.SearchStrategy[ec.Unit]:
    """A ledger's unit, with sub-units nested up to ``depth`` (officers are counted, not stated)."""
    return st.builds(
        ec.Unit,
        texts,
        kind=st.sampled_from(list(ec.UnitKind)),
        subunits=st.dictionaries(identifiers, ledger_units(depth - 1), max_size=2)
        if depth > 1
        else st.just({}),
    )


def misconduct_cases(
    on: st.SearchStrategy[dt.date] = dates,
) -> st.SearchStrategy[ec.MisconductCase]:
    """A case of an officer's misconduct."""
    return st.builds(ec.MisconductCase, identifiers, identifiers, on, description=texts)


#: The strategy of each record class a ledger keeps, read through categories.RECORD_GROUPS:
#: a new record group without a strategy here fails test_strategies, never goes untested.
RECORDS: dict[type, Callable[..., st.SearchStrategy[Any]]] = {
    ec.MisconductCase: misconduct_cases,
    ec.LicenceApplication: licence_applications,
    ec.Inspection: inspections,
    ec.PenaltyCase: penalty_cases,
    ec.AdmonitoryInterview: interviews,
    ec.CoerciveAction: coercive_actions,
    ec.OtherAction: other_actions,
    ec.ReviewCase: review_cases,
}


@st.composite
def ledgers(draw: st.DrawFn, *, max_records: int = 8) -> ec.Ledger:
    """A ledger with a few records of each kind, dated in or near its year."""
    year = draw(st.integers(2001, 2030))
    on = _in_or_near(year)
    tree = draw(st.dictionaries(identifiers, ledger_units(), min_size=1, max_size=3))
    # Officers may work in a sub-unit as well as in a top-level unit.
    unit_ids = sorted({path.rsplit(".", 1)[-1] for path, _ in walk_units(tree)})

    def some(strategy: Callable[..., st.SearchStrategy[Any]]) -> tuple[Any, ...]:
        return tuple(draw(st.lists(strategy(on=on), max_size=max_records)))

    return ec.Ledger(
        body=draw(bodies),
        year=year,
        units=tree,
        officers=tuple(draw(st.lists(officers(st.sampled_from(unit_ids)), max_size=6))),
        **{group.field: some(RECORDS[group.record]) for group in RECORD_GROUPS},
        narrative=draw(narratives),
        conventions=draw(conventions),
    )


# Real reports' figures (issue 9): the fields that hold them, added to a report. --------


@st.composite
def workforce_movements(draw: st.DrawFn, workforce: ec.WorkforceFigures) -> ec.WorkforceFigures:
    """The workforce with movements and status: departures by reason, exam, posts, borrowed staff."""
    departures = draw(breakdown(ec.DepartureReason, st.integers(0, 50)))
    establishments = draw(breakdown(ec.EstablishmentKind, st.integers(0, 50)))
    established = workforce.established_staff
    if established is not None and sum(establishments.values()) > established:
        establishments = {}
    return attrs.evolve(
        workforce,
        departed=draw(total_over(list(departures.values()))),
        departures=departures,
        exam_passed=draw(optional(counts)),
        certificates_applied=draw(optional(counts)),
        certificates_pending=draw(optional(counts)),
        uncertified_recruits=draw(optional(counts)),
        authorised_posts=draw(optional(counts)),
        by_establishment=establishments,
        borrowed_staff=draw(optional(counts)),
    )


activities = st.lists(
    st.builds(
        ec.Activity,
        name=st.sampled_from(["开展巡查", "双随机一公开抽查", "案卷评查", "制定检查计划"]),
        kind=st.sampled_from(list(ec.ActivityKind)),
        count=optional(counts),
        measure=st.sampled_from(["次", "场次", "批次", "卷"]),
    ),
    max_size=3,
).map(tuple)


@st.composite
def real_reports(draw: st.DrawFn) -> ec.AnnualReport:
    """A generated report with the figures real reports add: movements, activities, totals."""
    report = draw(annual_reports())
    coercion = report.coercion
    if coercion is not None and draw(st.booleans()):
        parts = [n for n in (coercion.measures, coercion.executions) if n is not None]
        coercion = attrs.evolve(coercion, actions=sum(parts) + draw(st.integers(0, 5)))
    penalty = report.penalty
    if penalty is not None:
        penalty = attrs.evolve(penalty, filed=draw(optional(counts)))
    return attrs.evolve(
        report,
        workforce=draw(workforce_movements(report.workforce)),
        coercion=coercion,
        penalty=penalty,
        activities=draw(activities),
    )


@st.composite
def changes_anywhere(draw: st.DrawFn) -> ec.AnnualReport:
    """A generated report with stated changes of any figure it holds, the grand totals included.

    The figures written on their own at the end of zh (a change whose figure the prose
    does not place) reach every path, not only the few of :data:`FIGURE_PATHS`.
    """
    report = draw(real_reports())
    from enforcement_core.statistics import report_figures

    paths = [path for path, _ in report_figures(report)] + ["stated.actions", "stated.amount"]
    figures = st.sampled_from(paths)
    units = st.sampled_from([ec.ChangeUnit.ABSOLUTE, ec.ChangeUnit.PERCENT])
    changes = draw(
        st.lists(
            st.builds(ec.StatedChange, figure=figures, change=decimals, unit=units), max_size=4
        )
    )
    return attrs.evolve(report, stated=attrs.evolve(report.stated, changes=tuple(changes)))


#: Figures that are totals of a breakdown (statistics.figure derives them from their parts).
TOTALS = (
    "workforce.certified",
    "workforce.established_staff",
    "workforce.departed",
    "powers.total",
    "licensing.applications",
    "inspection.visits",
    "inspection.hazards.found",
    "penalty.cases",
    "penalty.fines",
    "coercion.measures",
    "interviews.count",
    "reviews.total.reconsiderations",
)


@st.composite
def valid_reports(draw: st.DrawFn) -> ec.AnnualReport:
    """A generated report whose statements all agree with its figures: no audit error.

    Its stated rates are its exact rates at two places; its stated changes are of
    figures it holds, each from a drawn previous value to the held one, absolute or
    in percent at two places.
    """
    from enforcement_core.comparison import Change
    from enforcement_core.statistics import exact_rates, report_figures

    report = draw(real_reports())
    rates = {
        name: percent
        for name, rate in exact_rates(report).items()
        if (percent := rate.percent(2)) is not None and draw(st.booleans())
    }
    held = list(report_figures(report))
    # Totals with breakdowns first: removing one leaves parts that add up to less.
    totals = [(path, value) for path, value in held if path in TOTALS]
    pool = totals if totals and draw(st.booleans()) else held
    changes = []
    for path, value in draw(st.lists(st.sampled_from(pool), max_size=3)) if pool else ():
        previous = Decimal(draw(st.integers(0, 10**6)))
        if draw(st.booleans()):
            changes.append(
                ec.StatedChange(
                    figure=path,
                    previous=previous,
                    change=Decimal(value) - previous,
                    unit=ec.ChangeUnit.ABSOLUTE,
                )
            )
            continue
        percent = Change(path, previous, value).percent(2)
        if percent is not None:
            changes.append(
                ec.StatedChange(
                    figure=path, previous=previous, change=percent, unit=ec.ChangeUnit.PERCENT
                )
            )
    stated = ec.Stated(rates=rates, changes=tuple(changes))
    return attrs.evolve(report, stated=stated)


@st.composite
def without_figures(draw: st.DrawFn) -> tuple[ec.AnnualReport, ec.AnnualReport, frozenset[str]]:
    """A valid report, the same report with a drawn set of its figures removed, and their paths."""
    from enforcement_core.statistics import FIGURE_FIELDS, report_figures
    from enforcement_core.summary import leave_unknown

    report = draw(valid_reports())
    paths = [path for path, _ in report_figures(report)]
    removed = set(draw(st.sets(st.sampled_from(paths)))) if paths else set()
    # The figures the report states something about are the ones most worth removing.
    spoken = [c.figure for c in report.stated.changes if c.figure in paths]
    removed |= set(draw(st.sets(st.sampled_from(spoken)))) if spoken else set()
    fields = {name: getattr(report, name) for name in FIGURE_FIELDS}
    after = attrs.evolve(report, **leave_unknown(fields, sorted(removed)))
    return report, after, frozenset(removed)
