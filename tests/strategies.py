"""Hypothesis strategies for the domain objects: every object they build is valid.

Breakdowns are drawn first and their totals drawn at or above the parts' sum (or
left unstated), so the strategies reach the boundaries of the invariants
without crossing them.

Drawing is most of a property's time, so the strategies are built for speed
(issue 17): every strategy is built once, at module level or in a cache, never
inside a draw; dates are drawn as day offsets; what the model accepts is
constructed, never filtered (a filter throws draws away, and Hypothesis rewrites
some filters into slower strategies). tests/test_strategies.py holds every
strategy here to what the tests that use it accept.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
from hypothesis import strategies as st

import enforcement_core as ec
from enforcement_core._paths import figure_type, resolve
from enforcement_core.categories import CATEGORIES, RECORD_GROUPS, own_figures
from enforcement_core.workforce import walk_units

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

T = TypeVar("T")
E = TypeVar("E", bound=Enum)

counts = st.integers(min_value=0, max_value=10**6)
# abs(): hypothesis draws Decimal("-0.00") too, which the model refuses.
money = st.decimals(
    min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False
).map(abs)
_coin = st.booleans()


def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """``None`` (not stated) or a value."""
    return st.none() | strategy


maybe_counts = optional(counts)
maybe_money = optional(money)

# Any text a clerk might paste, Chinese and beyond, but never blank: control characters
# and lone surrogates are refused (Cc, Cs), and a text must show something, so one
# character that is neither white space (Z, and the Cc already left out) nor a format
# character (Cf) stands among the others. Built, not filtered.
_VISIBLE = st.characters(exclude_categories=("Cc", "Cs"))
_SHOWN = st.characters(exclude_categories=("Cc", "Cs", "Cf", "Z"))
texts = st.builds(
    lambda before, shown, after: before + shown + after,
    st.text(_VISIBLE, max_size=14),
    _SHOWN,
    st.text(_VISIBLE, max_size=15),
)
# The identifier rule (src/enforcement_core/_validators.py): anything but white space,
# '.', '[' and ']', showing something. Mostly ledger-style ASCII, but Chinese unit and
# record names too; each branch is made of allowed characters only (every white space
# character is in Z or Cc), so none needs a filter.
identifiers = st.one_of(
    st.from_regex(r"[a-z][a-z0-9_\-]{0,10}", fullmatch=True),
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=6),
    st.text(
        st.characters(exclude_categories=("Z", "C"), exclude_characters=".[]"),
        min_size=1,
        max_size=10,
    ),
)

# GB 11643-1999: the weights of the first 17 digits and the check character for the
# weighted sum modulo 11.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_character(first17: str) -> str:
    """The GB 11643-1999 check character of an identity number's first 17 digits."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


@functools.cache
def _offsets(days: int) -> st.SearchStrategy[int]:
    """Day offsets 0 to ``days``: one strategy per span, built once."""
    return st.integers(0, days)


def date_range(first: dt.date, last: dt.date) -> st.SearchStrategy[dt.date]:
    """Dates from ``first`` to ``last``, drawn as a day offset (cheaper than ``st.dates``)."""
    return _offsets((last - first).days).map(lambda days: first + dt.timedelta(days=days))


_BIRTHS = date_range(dt.date(1920, 1, 1), dt.date(2023, 12, 31))
_ID_PARTS = st.tuples(st.integers(110000, 829999), _BIRTHS, st.integers(0, 999))


def _id_number(parts: tuple[int, dt.date, int]) -> str:
    region, born, sequence = parts
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    return first17 + id_check_character(first17)


_ID_NUMBERS = _ID_PARTS.map(_id_number)


def id_numbers() -> st.SearchStrategy[str]:
    """An 18-character resident identity number with a valid check character (X included)."""
    return _ID_NUMBERS


#: Free text holding an identity number, as a clerk might paste a party's details.
#: The number stands apart from other digits (a longer run of digits is a case
#: number, not an identity number: src/enforcement_core/_privacy.py).
texts_with_id_number = st.builds(
    lambda before, number, after: f"{before}{number}{after}",
    st.sampled_from(["", "当事人", "身份证号：", "申请人张某（"]),
    _ID_NUMBERS,
    st.sampled_from(["", "）", "，已整改。", " 无"]),
)

# Free text of a record or narrative: sometimes with an identity number in it, which
# no published output may show.
free_texts = st.one_of(texts, texts, texts, texts_with_id_number)
maybe_free_texts = st.just("") | free_texts
dates = date_range(dt.date(2000, 1, 1), dt.date(2031, 12, 31))


def breakdown(keys: type[E], values: st.SearchStrategy[T]) -> st.SearchStrategy[dict[E, T]]:
    """A breakdown over some of a vocabulary's keys."""
    return st.dictionaries(st.sampled_from(list(keys)), values, max_size=4)


def _added(numbers: list[Any], start: Any = 0) -> Any:
    return sum((n for n in numbers if n is not None), start)


def total_over(draw: st.DrawFn, numbers: list[Any], *, money_total: bool = False) -> Any:
    """Draw a total for parts ``numbers``: unstated, exactly their sum, or above it."""
    zero = Decimal(0) if money_total else 0
    base = _added(numbers, zero)
    extra = draw(money if money_total else counts) if draw(_coin) else zero
    return None if draw(_coin) else base + extra


_SUPERVISED = breakdown(ec.actions.SupervisionLevel, counts)


@st.composite
def _hazard_figures(draw: st.DrawFn) -> ec.figures.HazardFigures:
    supervised = draw(_SUPERVISED)
    rectified = draw(maybe_counts)
    found = total_over(draw, [max(_added(list(supervised.values())), _added([rectified]))])
    return ec.figures.HazardFigures(found=found, rectified=rectified, supervised=supervised)


_HAZARD_FIGURES = _hazard_figures()


def hazard_figures() -> st.SearchStrategy[ec.figures.HazardFigures]:
    """Hazards found, rectified and supervised, rectified and supervised within found.

    Rectified and supervised hazards are each some of those found, and may be the
    same ones (509 found, 502 rectified, 11 supervised), so found is at least the
    larger of the two, not their sum.
    """
    return _HAZARD_FIGURES


_BY_AREA = breakdown(
    ec.actions.InspectionArea,
    st.builds(ec.figures.AreaFigures, visits=maybe_counts, hazards=_HAZARD_FIGURES),
)


@st.composite
def _inspection_figures(draw: st.DrawFn) -> ec.figures.InspectionFigures:
    by_area = draw(_BY_AREA)
    areas = list(by_area.values())
    found = _added([a.hazards.found for a in areas])
    rectified = _added([a.hazards.rectified for a in areas])
    supervised = {
        level: _added([a.hazards.supervised.get(level) for a in areas])
        for level in ec.actions.SupervisionLevel
    }
    extra_found = draw(counts)
    hazards = ec.figures.HazardFigures(
        found=max(found, rectified, _added(list(supervised.values()))) + extra_found,
        rectified=rectified,
        supervised=supervised,
    )
    if not draw(_coin):
        hazards = ec.figures.HazardFigures()
    if hazards.found is None:
        by_area = {
            key: ec.figures.AreaFigures(visits=value.visits) for key, value in by_area.items()
        }
    visits = total_over(draw, [a.visits for a in by_area.values()])
    return ec.figures.InspectionFigures(visits=visits, by_area=by_area, hazards=hazards)


_INSPECTION_FIGURES = _inspection_figures()


def inspection_figures() -> st.SearchStrategy[ec.figures.InspectionFigures]:
    """Inspections with areas whose figures fit within the totals."""
    return _INSPECTION_FIGURES


@st.composite
def _licensing_figures(draw: st.DrawFn) -> ec.figures.LicensingFigures:
    granted = draw(maybe_counts)
    refused = draw(maybe_counts)
    pending = draw(maybe_counts)
    accepted = total_over(draw, [granted, refused, pending])
    applications = total_over(
        draw, [accepted if accepted is not None else _added([granted, refused, pending])]
    )
    if applications is not None and accepted is not None and accepted > applications:
        applications = accepted
    return ec.figures.LicensingFigures(
        subject=draw(maybe_free_texts),
        applications=applications,
        accepted=accepted,
        granted=granted,
        refused=refused,
        pending=pending,
        revoked=draw(maybe_counts),
        legal_reviews=draw(maybe_counts),
    )


_LICENSING_FIGURES = _licensing_figures()


def licensing_figures() -> st.SearchStrategy[ec.figures.LicensingFigures]:
    """Licensing outcomes within the applications and within those accepted."""
    return _LICENSING_FIGURES


_BY_DOMAIN = breakdown(
    ec.actions.Domain, st.builds(ec.figures.DomainPenalties, cases=maybe_counts, fines=maybe_money)
)
_BY_SANCTION = breakdown(ec.actions.SanctionType, counts)
_BY_PROCEDURE = breakdown(ec.actions.Procedure, counts)
_FRACTIONS = st.integers(0, 10**6)


@st.composite
def _penalty_figures(draw: st.DrawFn) -> ec.figures.PenaltyFigures:
    by_domain = draw(_BY_DOMAIN)
    by_sanction = draw(_BY_SANCTION)
    by_procedure = draw(_BY_PROCEDURE)
    largest = max(
        _added([d.cases for d in by_domain.values()]),
        _added(list(by_sanction.values())),
        _added(list(by_procedure.values())),
    )
    cases = total_over(draw, [largest])
    fines = total_over(draw, [_added([d.fines for d in by_domain.values()])], money_total=True)
    confiscations = draw(maybe_money)
    together = total_over(draw, [fines, confiscations], money_total=True)
    # Lightened cases are some of the cases: a share of them, drawn as a fraction.
    lightened = draw(maybe_counts) if cases is None else cases * draw(_FRACTIONS) // 10**6
    return ec.figures.PenaltyFigures(
        cases=cases,
        by_domain=by_domain,
        by_sanction=by_sanction,
        by_procedure=by_procedure,
        fines_and_confiscations=together,
        fines=fines,
        confiscations=confiscations,
        not_penalised=draw(maybe_counts),
        lightened=lightened,
        legal_reviews=draw(maybe_counts),
        referrals=draw(maybe_counts),
    )


_PENALTY_FIGURES = _penalty_figures()


def penalty_figures() -> st.SearchStrategy[ec.figures.PenaltyFigures]:
    """Penalties whose three breakdowns fit within the stated cases and fines."""
    return _PENALTY_FIGURES


_BY_MEASURE = breakdown(ec.actions.CoerciveMeasure, counts)


@st.composite
def _coercion_figures(draw: st.DrawFn) -> ec.figures.CoercionFigures:
    by_measure = draw(_BY_MEASURE)
    return ec.figures.CoercionFigures(
        measures=total_over(draw, list(by_measure.values())),
        by_measure=by_measure,
        executions=draw(maybe_counts),
    )


_COERCION_FIGURES = _coercion_figures()


def coercion_figures() -> st.SearchStrategy[ec.figures.CoercionFigures]:
    """Coercive measures by kind within the total, and executions."""
    return _COERCION_FIGURES


_BY_PARTY = breakdown(ec.actions.PartyKind, counts)


@st.composite
def _interview_figures(draw: st.DrawFn) -> ec.figures.InterviewFigures:
    by_party = draw(_BY_PARTY)
    return ec.figures.InterviewFigures(
        count=total_over(draw, list(by_party.values())), by_party=by_party
    )


_INTERVIEW_FIGURES = _interview_figures()


def interview_figures() -> st.SearchStrategy[ec.figures.InterviewFigures]:
    """Interviews by party within the total."""
    return _INTERVIEW_FIGURES


def _review_counts(draw: st.DrawFn, least: dict[str, int] | None = None) -> ec.figures.ReviewCounts:
    """Draw reconsiderations and litigations with those against the body within them.

    With ``least``, every stated figure is at least that (a total over parts).
    """
    floor = least or {}
    corrected = total_over(draw, [floor.get("corrected")])
    lost = total_over(draw, [floor.get("lost")])
    cases = [_added([corrected]), floor.get("reconsiderations", 0)]
    suits = [_added([lost]), floor.get("litigations", 0)]
    return ec.figures.ReviewCounts(
        reconsiderations=total_over(draw, [max(cases)]),
        corrected=corrected,
        litigations=total_over(draw, [max(suits)]),
        lost=lost,
    )


_REVIEW_COUNTS = st.composite(_review_counts)()
_REVIEWS_BY_KIND = breakdown(ec.actions.ActionKind, _REVIEW_COUNTS)
_REVIEW_FIELDS = ("reconsiderations", "corrected", "litigations", "lost")


@st.composite
def _review_figures(draw: st.DrawFn) -> ec.figures.ReviewFigures:
    by_kind = draw(_REVIEWS_BY_KIND)
    sums = {name: _added([getattr(v, name) for v in by_kind.values()]) for name in _REVIEW_FIELDS}
    return ec.figures.ReviewFigures(total=_review_counts(draw, least=sums), by_kind=by_kind)


_REVIEW_FIGURES = _review_figures()


def review_figures() -> st.SearchStrategy[ec.figures.ReviewFigures]:
    """Review totals at or above the sum of the categories."""
    return _REVIEW_FIGURES


_POWERS_BY_KIND = breakdown(ec.actions.ActionKind, counts)
_POWERS_BY_SOURCE = breakdown(ec.actions.AuthoritySource, counts)


@st.composite
def _power_figures(draw: st.DrawFn) -> ec.figures.PowerFigures:
    by_kind = draw(_POWERS_BY_KIND)
    by_source = draw(_POWERS_BY_SOURCE)
    largest = max(_added(list(by_kind.values())), _added(list(by_source.values())))
    return ec.figures.PowerFigures(
        total=total_over(draw, [largest]), by_kind=by_kind, by_source=by_source
    )


_POWER_FIGURES = _power_figures()


def power_figures() -> st.SearchStrategy[ec.figures.PowerFigures]:
    """Powers by kind and by source within the total."""
    return _POWER_FIGURES


_UNIT_KINDS = st.sampled_from(list(ec.workforce.UnitKind))


@functools.cache
def units(depth: int = 2) -> st.SearchStrategy[ec.workforce.Unit]:
    """A unit whose sub-units' officers fit within its own (built once per depth)."""
    below = st.dictionaries(identifiers, units(depth - 1), max_size=2) if depth > 1 else st.just({})

    @st.composite
    def unit(draw: st.DrawFn) -> ec.workforce.Unit:
        subunits = draw(below)
        return ec.workforce.Unit(
            draw(texts),
            kind=draw(_UNIT_KINDS),
            certified=total_over(draw, [sub.certified for sub in subunits.values()]),
            subunits=subunits,
        )

    return unit()


_UNIT_TREES = st.dictionaries(identifiers, units(), max_size=3)


@st.composite
def _workforce_figures(draw: st.DrawFn) -> ec.workforce.WorkforceFigures:
    tree = draw(_UNIT_TREES)
    certified = total_over(draw, [u.certified for u in tree.values()])
    established = total_over(draw, [certified])
    return ec.workforce.WorkforceFigures(
        certified=certified,
        units=tree,
        established_staff=established,
        auxiliary_staff=draw(maybe_counts),
        newly_certified=draw(maybe_counts),
        certificates_cancelled=draw(maybe_counts),
        trained=draw(maybe_counts),
        misconduct_cases=draw(maybe_counts),
    )


_WORKFORCE_FIGURES = _workforce_figures()


def workforce_figures() -> st.SearchStrategy[ec.workforce.WorkforceFigures]:
    """Workforce figures with units within the total and certified within establishment."""
    return _WORKFORCE_FIGURES


bodies = st.builds(
    ec.body.EnforcementBody,
    name=texts,
    level=st.sampled_from(list(ec.body.BodyLevel)),
    region=st.just("") | texts,
    short_name=texts,
)


@functools.cache
def sections(depth: int = 2) -> st.SearchStrategy[ec.report.Section]:
    """Narrative sections, nested up to ``depth`` (built once per depth)."""
    return st.builds(
        ec.report.Section,
        title=texts,
        role=st.sampled_from(list(ec.report.SectionRole)),
        paragraphs=st.lists(free_texts, max_size=3).map(tuple),
        subsections=st.lists(sections(depth - 1), max_size=2).map(tuple)
        if depth > 1
        else st.just(()),
    )


narratives = st.builds(
    ec.report.Narrative,
    opening=maybe_free_texts,
    sections=st.lists(sections(), max_size=3).map(tuple),
    addressee=st.just("") | free_texts,
    doc_number=st.just("") | free_texts,
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
_RATE_FIGURES = st.sampled_from(["rates." + name.value for name in ec.report.RateName])
_FIGURE_CHANGES = st.tuples(
    st.sampled_from(FIGURE_PATHS),
    st.sampled_from([ec.report.ChangeUnit.ABSOLUTE, ec.report.ChangeUnit.PERCENT]),
)
_RATE_CHANGES = st.tuples(_RATE_FIGURES, st.just(ec.report.ChangeUnit.POINTS))


def _stated_change(
    figure_and_unit: tuple[str, ec.report.ChangeUnit], previous: Decimal, change: Decimal
) -> ec.report.StatedChange:
    figure, unit = figure_and_unit
    return ec.report.StatedChange(figure=figure, previous=abs(previous), change=change, unit=unit)


#: A stated change of a figure or of a rate, with the unit that fits it.
stated_changes = st.builds(_stated_change, _RATE_CHANGES | _FIGURE_CHANGES, decimals, decimals)


#: A percentage as a report writes it: 0 to 4 decimals, the precision the audit holds it to.
stated_rates = st.one_of(
    *(
        st.decimals(
            min_value=0, max_value=100, places=places, allow_nan=False, allow_infinity=False
        )
        for places in range(5)
    )
)

_QUALIFIERS = st.sampled_from(["", *ec.report.QUALIFIERS])
_PLACES = st.sampled_from(ec.report.PLACES)
#: A name or measure word in the report's own words: CJK text, never blank.
own_words = st.text(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80), min_size=1, max_size=6
)
_OWN_VALUES = st.decimals(
    min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False
)

#: A figure of the report's own: a name, a value, its measure word and qualifier, where it stood.
report_own_figures = st.builds(
    ec.report.OwnFigure,
    name=own_words,
    value=_OWN_VALUES,
    unit=st.sampled_from(["", "万", "万元"]),
    measure=own_words | st.just("%") | st.just(""),
    qualifier=_QUALIFIERS,
    at=_PLACES,
)

#: A note on the figures, where it stood.
stated_notes = st.builds(ec.report.StatedNote, text=own_words, at=_PLACES)

#: The units a figure is written in, by its kind: a count as it is or in 万, money in 元 or 万元.
_COUNT_UNITS = st.sampled_from(["", "", "万"])
_MONEY_UNITS = st.sampled_from(["元", "万元"])


def _unit_of(path: str) -> st.SearchStrategy[str]:
    return _MONEY_UNITS if figure_type(ec.AnnualReport, path) is Decimal else _COUNT_UNITS


#: A figure written with a qualifier ("2300余人次", "约6万元"): a bound at a path, in a
#: unit of its kind, with its own measure word.
qualified_figures = st.sampled_from(FIGURE_PATHS).flatmap(
    lambda path: st.builds(
        ec.report.StatedFigure,
        figure=st.just(path),
        value=st.integers(0, 10**6).map(Decimal),
        unit=_unit_of(path),
        qualifier=st.sampled_from(list(ec.report.QUALIFIERS)),
        measure=own_words | st.just(""),
    )
)


def _with_verb(change: ec.report.StatedChange, verb_index: int) -> ec.report.StatedChange:
    """``change`` with a verb of its direction, as a report writes it."""
    if change.change == 0:
        return change
    verbs = [v for v, d in ec.report.CHANGE_VERBS.items() if (d > 0) == (change.change > 0)]
    return attrs.evolve(change, verb=verbs[verb_index % len(verbs)])


def _unique_paths(figures: list[ec.report.StatedFigure]) -> tuple[ec.report.StatedFigure, ...]:
    return tuple({figure.figure: figure for figure in figures}.values())


stateds = st.builds(
    ec.report.Stated,
    rates=st.dictionaries(st.sampled_from(list(ec.report.RateName)), stated_rates, max_size=3),
    changes=st.lists(st.builds(_with_verb, stated_changes, st.integers(0, 4)), max_size=3).map(
        tuple
    ),
    actions=maybe_counts,
    amount=maybe_money,
    figures=st.lists(qualified_figures, max_size=2).map(_unique_paths),
    own_figures=st.lists(report_own_figures, max_size=3).map(tuple),
    notes=st.lists(stated_notes, max_size=2).map(tuple),
    cut_off=optional(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))),
)

conventions = st.builds(
    ec.report.Conventions,
    money_unit=st.sampled_from(["元", "万元", "亿元", "auto"]),
    money_places=optional(st.integers(0, 4)),
    percent_places=st.integers(0, 4),
    case_measure=st.sampled_from(["件", "宗", "起"]),
    measure_words=st.dictionaries(
        st.sampled_from(FIGURE_PATHS), st.sampled_from(["件", "家次", "起"]), max_size=2
    ),
    sanction_counting=st.sampled_from(ec.report.SanctionCounting),
)


def _field_strategy(
    name: str, tp: Any, on: st.SearchStrategy[dt.date]
) -> st.SearchStrategy[Any] | None:
    """A strategy for a field ``name`` typed ``tp``; ``None`` for a type not known here."""
    args = [arg for arg in typing.get_args(tp) if arg is not type(None)]
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 1:
        inner = _field_strategy(name, args[0], on)
        return None if inner is None else optional(inner)
    if typing.get_origin(tp) is tuple and typing.get_args(tp)[0] is str:
        return officer_ids if name == "officers" else st.lists(identifiers, max_size=3).map(tuple)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return st.sampled_from(list(tp))
    known: dict[Any, st.SearchStrategy[Any]] = {
        bool: _coin,
        int: counts,
        Decimal: money,
        dt.date: on,
        str: identifiers if name == "id" else texts,
    }
    return known.get(tp)


@functools.cache
def from_fields(cls: type, on: st.SearchStrategy[dt.date] = dates) -> st.SearchStrategy[Any]:
    """An instance of a class of the table built from its fields' types.

    The strategy of a category declared without one written here (a record or
    figures class with plain fields: counts, money, dates, flags, vocabularies):
    the table drives generation, and a field of a type not known here is an error
    naming it, never a field left out silently.
    """
    hints = typing.get_type_hints(cls)
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for field in attrs.fields(cls):
        made = _field_strategy(field.name, hints[field.name], on)
        if made is None:
            raise TypeError(
                f"{cls.__name__}.{field.name}: no strategy for {hints[field.name]!r}; "
                "write one in tests/strategies.py (RECORDS or FIGURES)"
            )
        fields[field.name] = made
    return st.builds(cls, **fields)


# The strategies written by hand; every other class of the table is built from its fields.
_WRITTEN_FIGURES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    ec.figures.LicensingFigures: licensing_figures,
    ec.figures.InspectionFigures: inspection_figures,
    ec.figures.PenaltyFigures: penalty_figures,
    ec.figures.CoercionFigures: coercion_figures,
}

#: The strategy of each category's figures class, read through categories.CATEGORIES.
FIGURES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    c.figures: _WRITTEN_FIGURES.get(c.figures, functools.partial(from_fields, c.figures))
    for c in CATEGORIES
}

other_kinds = [kind for kind in ec.actions.ActionKind if kind not in own_figures()]
_OTHER_KINDS = st.sampled_from(other_kinds)
_OTHER_FIGURES = st.dictionaries(
    _OTHER_KINDS,
    st.builds(ec.figures.ActionFigures, count=maybe_counts, amount=maybe_money),
    max_size=3,
)
_YEARS = st.integers(2000, 2030)
_MAYBE_POWERS = optional(_POWER_FIGURES)
_MAYBE_INTERVIEWS = optional(_INTERVIEW_FIGURES)
_MAYBE_REVIEWS = optional(_REVIEW_FIGURES)


@functools.cache
def _category_figures() -> dict[str, st.SearchStrategy[Any]]:
    return {c.field: optional(FIGURES[c.figures]()) for c in CATEGORIES}


@st.composite
def _annual_report(draw: st.DrawFn, year: int | None) -> ec.AnnualReport:
    year = draw(_YEARS) if year is None else year
    first = dt.date(year, 1, 1)
    published = draw(optional(_offsets((dt.date(year + 1, 12, 31) - first).days)))
    report = ec.AnnualReport(
        body=draw(bodies),
        year=year,
        published_on=None if published is None else first + dt.timedelta(days=published),
        workforce=draw(_WORKFORCE_FIGURES),
        powers=draw(_MAYBE_POWERS),
        **{field: draw(figures) for field, figures in _category_figures().items()},
        interviews=draw(_MAYBE_INTERVIEWS),
        other_actions=draw(_OTHER_FIGURES),
        reviews=draw(_MAYBE_REVIEWS),
        narrative=draw(narratives),
        stated=draw(stateds),
        conventions=draw(conventions),
    )
    # A figure given only as a bound ("2300余") is not also held exactly (issue 18).
    bounds = tuple(w for w in report.stated.figures if resolve(report, w.figure) is None)
    return attrs.evolve(report, stated=attrs.evolve(report.stated, figures=bounds))


@functools.cache
def annual_reports(year: int | None = None) -> st.SearchStrategy[ec.AnnualReport]:
    """A valid annual report of ``year`` (any year when ``None``), every category present or absent."""
    return _annual_report(year)


# Records ---------------------------------------------------------------------------


def _later(draw: st.DrawFn, day: dt.date, days: int = 120) -> dt.date:
    """Draw a date on or after ``day``."""
    return day + dt.timedelta(days=draw(_offsets(days)))


parties = st.builds(
    ec.actions.Party,
    name=texts,
    kind=st.sampled_from(list(ec.actions.PartyKind)),
    id_number=optional(st.one_of(texts, _ID_NUMBERS)),
)
_MAYBE_PARTIES = optional(parties)
_MAYBE_DAYS = optional(_offsets(120))
_SUPERVISION = optional(st.sampled_from(list(ec.actions.SupervisionLevel)))
# A hazard but for the day it was found: the day comes from its inspection.
_HAZARD_PARTS = st.tuples(identifiers, maybe_free_texts, _MAYBE_DAYS, _MAYBE_DAYS, _SUPERVISION)


def _hazard(
    found: dt.date, parts: tuple[str, str, int | None, int | None, Any]
) -> ec.actions.Hazard:
    identifier, description, deadline, rectified, supervision = parts
    return ec.actions.Hazard(
        identifier,
        found,
        description=description,
        deadline=None if deadline is None else found + dt.timedelta(days=deadline),
        rectified_on=None if rectified is None else found + dt.timedelta(days=rectified),
        supervision=supervision,
    )


#: A hazard with deadline and rectification on or after the day it was found.
hazards = st.builds(_hazard, dates, _HAZARD_PARTS)
_HAZARD_LISTS = st.lists(_HAZARD_PARTS, max_size=3)

officer_ids = st.lists(identifiers, max_size=3, unique=True).map(tuple)
_AREAS = st.sampled_from(list(ec.actions.InspectionArea))


@st.composite
def _inspection(draw: st.DrawFn, on: st.SearchStrategy[dt.date]) -> ec.actions.Inspection:
    day = draw(on)
    return ec.actions.Inspection(
        draw(identifiers),
        day,
        target=draw(texts),
        area=draw(_AREAS),
        officers=draw(officer_ids),
        hazards=tuple(_hazard(day, parts) for parts in draw(_HAZARD_LISTS)),
    )


@functools.cache
def inspections(on: st.SearchStrategy[dt.date] = dates) -> st.SearchStrategy[ec.actions.Inspection]:
    """An inspection whose hazards were found on or after it."""
    return _inspection(on)


_CONFISCATIONS = {
    ec.actions.SanctionType.CONFISCATION_OF_ILLEGAL_GAINS,
    ec.actions.SanctionType.CONFISCATION_OF_ILLEGAL_PROPERTY,
}
_SANCTIONS = st.sampled_from(list(ec.actions.SanctionType))
_DOMAINS = st.sampled_from(list(ec.actions.Domain))
_PROCEDURES = st.sampled_from(list(ec.actions.Procedure))


@st.composite
def _penalty_case(
    draw: st.DrawFn,
    on: st.SearchStrategy[dt.date],
    sanction_sets: st.SearchStrategy[tuple[Any, ...]],
) -> ec.actions.PenaltyCase:
    sanctions = draw(sanction_sets)
    fined = ec.actions.SanctionType.FINE in sanctions
    confiscated = bool(_CONFISCATIONS.intersection(sanctions))
    return ec.actions.PenaltyCase(
        draw(identifiers),
        draw(on),
        domain=draw(_DOMAINS),
        sanctions=sanctions,
        procedure=draw(_PROCEDURES),
        fine=draw(maybe_money) if fined else None,
        confiscation=draw(maybe_money) if confiscated else None,
        party=draw(_MAYBE_PARTIES),
        officers=draw(officer_ids),
        legal_review=draw(_coin),
        lightened=draw(_coin),
        referred=draw(_coin),
    )


@functools.cache
def penalty_cases(
    on: st.SearchStrategy[dt.date] = dates, *, least_sanctions: int = 0
) -> st.SearchStrategy[ec.actions.PenaltyCase]:
    """A penalty case whose money matches its sanctions, carrying ``least_sanctions`` to 3 of them."""
    sanction_sets = st.lists(_SANCTIONS, min_size=least_sanctions, max_size=3, unique=True)
    return _penalty_case(on, sanction_sets.map(tuple))


_DECISIONS = optional(st.sampled_from(list(ec.actions.LicensingDecision)))


@st.composite
def _licence_application(
    draw: st.DrawFn, on: st.SearchStrategy[dt.date]
) -> ec.actions.LicenceApplication:
    applied = draw(on)
    accepted = draw(_coin)
    decision = draw(_DECISIONS) if accepted else None
    decided = _later(draw, applied) if decision is not None else None
    revoked = (
        _later(draw, decided)
        if decision is ec.actions.LicensingDecision.GRANTED and decided is not None and draw(_coin)
        else None
    )
    return ec.actions.LicenceApplication(
        draw(identifiers),
        applied,
        subject=draw(maybe_free_texts),
        applicant=draw(_MAYBE_PARTIES),
        accepted=accepted,
        decision=decision,
        decided_on=decided,
        revoked_on=revoked,
        legal_review=draw(_coin),
    )


@functools.cache
def licence_applications(
    on: st.SearchStrategy[dt.date] = dates,
) -> st.SearchStrategy[ec.actions.LicenceApplication]:
    """An application whose decision, dates and revocation agree."""
    return _licence_application(on)


_MEASURES = optional(st.sampled_from(list(ec.actions.CoerciveMeasure)))


@st.composite
def _coercive_action(draw: st.DrawFn, on: st.SearchStrategy[dt.date]) -> ec.actions.CoerciveAction:
    measure = draw(_MEASURES)
    return ec.actions.CoerciveAction(
        draw(identifiers),
        draw(on),
        measure=measure,
        execution=measure is None,
        party=draw(_MAYBE_PARTIES),
        officers=draw(officer_ids),
    )


@functools.cache
def coercive_actions(
    on: st.SearchStrategy[dt.date] = dates,
) -> st.SearchStrategy[ec.actions.CoerciveAction]:
    """A coercive measure or a coercive execution."""
    return _coercive_action(on)


@functools.cache
def interviews(
    on: st.SearchStrategy[dt.date] = dates,
) -> st.SearchStrategy[ec.actions.AdmonitoryInterview]:
    """An admonitory interview."""
    return st.builds(
        ec.actions.AdmonitoryInterview,
        identifiers,
        on,
        party=parties,
        subject=maybe_free_texts,
        officers=officer_ids,
    )


@functools.cache
def other_actions(
    on: st.SearchStrategy[dt.date] = dates,
) -> st.SearchStrategy[ec.actions.OtherAction]:
    """An action of a category without a record class of its own."""
    return st.builds(
        ec.actions.OtherAction,
        identifiers,
        _OTHER_KINDS,
        on,
        amount=maybe_money,
        description=maybe_free_texts,
    )


@functools.cache
def review_cases(
    on: st.SearchStrategy[dt.date] = dates,
) -> st.SearchStrategy[ec.actions.ReviewCase]:
    """A reconsideration or litigation case."""
    return st.builds(
        ec.actions.ReviewCase,
        identifiers,
        st.sampled_from(list(ec.actions.ReviewKind)),
        st.sampled_from(list(ec.actions.ActionKind)),
        on,
        against_body=optional(_coin),
    )


_SIX_YEARS = 6 * 365


@st.composite
def _certificate(draw: st.DrawFn) -> ec.workforce.Certificate:
    start = draw(dates)
    end = _later(draw, start, days=_SIX_YEARS)
    return ec.workforce.Certificate(
        draw(texts),
        draw(texts),
        start,
        end,
        cancelled_on=_later(draw, start, days=_SIX_YEARS) if draw(_coin) else None,
    )


#: A certificate valid for some years, perhaps cancelled.
certificates = _certificate()
_HELD = st.lists(certificates, max_size=2).map(tuple)
_EMPLOYMENTS = st.sampled_from(list(ec.workforce.Employment))


# An officer but for the unit: in a ledger, the unit is one of the ledger's own.
_OFFICER_PARTS = st.tuples(identifiers, texts, _EMPLOYMENTS, _HELD, _coin)


def _officer(
    parts: tuple[str, str, ec.workforce.Employment, tuple[ec.workforce.Certificate, ...], bool],
    unit: str,
) -> ec.workforce.Officer:
    identifier, name, employment, held, trained = parts
    return ec.workforce.Officer(
        identifier,
        name,
        unit=unit,
        # Auxiliary staff hold no certificate.
        certificates=held if employment is ec.workforce.Employment.ESTABLISHED else (),
        employment=employment,
        trained=trained,
    )


@functools.cache
def officers(
    unit_ids: st.SearchStrategy[str] = identifiers,
) -> st.SearchStrategy[ec.workforce.Officer]:
    """An officer of one of ``unit_ids``; auxiliary staff hold no certificate."""
    return st.builds(_officer, _OFFICER_PARTS, unit_ids)


@functools.cache
def _in_or_near(year: int) -> st.SearchStrategy[dt.date]:
    # Mostly inside the year, sometimes just outside: the audit's business.
    inside = date_range(dt.date(year, 1, 1), dt.date(year, 12, 31))
    outside = date_range(dt.date(year - 1, 11, 1), dt.date(year + 1, 2, 28))
    return st.one_of(inside, inside, inside, outside)


@functools.cache
def ledger_units(depth: int = 2) -> st.SearchStrategy[ec.workforce.Unit]:
    """A ledger's unit, with sub-units nested up to ``depth`` (officers are counted, not stated)."""
    return st.builds(
        ec.workforce.Unit,
        texts,
        kind=_UNIT_KINDS,
        subunits=st.dictionaries(identifiers, ledger_units(depth - 1), max_size=2)
        if depth > 1
        else st.just({}),
    )


@functools.cache
def misconduct_cases(
    on: st.SearchStrategy[dt.date] = dates,
) -> st.SearchStrategy[ec.workforce.MisconductCase]:
    """A case of an officer's misconduct."""
    return st.builds(ec.workforce.MisconductCase, identifiers, identifiers, on, description=texts)


#: The strategy of each record class a ledger keeps, read through categories.RECORD_GROUPS:
#: a new record group without a strategy here fails test_strategies, never goes untested.
_WRITTEN_RECORDS: dict[type, Callable[..., st.SearchStrategy[Any]]] = {
    ec.workforce.MisconductCase: misconduct_cases,
    ec.actions.LicenceApplication: licence_applications,
    ec.actions.Inspection: inspections,
    ec.actions.PenaltyCase: penalty_cases,
    ec.actions.AdmonitoryInterview: interviews,
    ec.actions.CoerciveAction: coercive_actions,
    ec.actions.OtherAction: other_actions,
    ec.actions.ReviewCase: review_cases,
}
RECORDS: dict[type, Callable[..., st.SearchStrategy[Any]]] = {
    g.record: _WRITTEN_RECORDS.get(g.record, functools.partial(from_fields, g.record))
    for g in RECORD_GROUPS
}


@functools.cache
def _record_lists(year: int, max_records: int) -> dict[str, st.SearchStrategy[tuple[Any, ...]]]:
    """Each record group's list of records dated in or near ``year``, built once per year."""
    on = _in_or_near(year)
    return {
        group.field: st.lists(RECORDS[group.record](on=on), max_size=max_records).map(tuple)
        for group in RECORD_GROUPS
    }


_LEDGER_YEARS = st.integers(2001, 2030)
_LEDGER_TREES = st.dictionaries(identifiers, ledger_units(), min_size=1, max_size=3)
# An officer's unit is drawn as an index into the ledger's units.
_UNIT_INDEXES = st.integers(0, 63)
_OFFICER_LISTS = st.lists(st.tuples(_OFFICER_PARTS, _UNIT_INDEXES), max_size=6)


@st.composite
def _ledger(draw: st.DrawFn, max_records: int) -> ec.Ledger:
    year = draw(_LEDGER_YEARS)
    tree = draw(_LEDGER_TREES)
    # Officers may work in a sub-unit as well as in a top-level unit.
    unit_ids = sorted({path.rsplit(".", 1)[-1] for path, _ in walk_units(tree)})
    staff = tuple(
        _officer(parts, unit_ids[index % len(unit_ids)]) for parts, index in draw(_OFFICER_LISTS)
    )
    first = dt.date(year, 1, 1)
    published = draw(optional(_offsets((dt.date(year + 1, 12, 31) - first).days)))
    published_on = None if published is None else first + dt.timedelta(days=published)
    return ec.Ledger(
        body=draw(bodies),
        year=year,
        published_on=published_on,
        units=tree,
        officers=staff,
        **{field: draw(records) for field, records in _record_lists(year, max_records).items()},
        narrative=draw(narratives),
        conventions=draw(conventions),
    )


@functools.cache
def ledgers(*, max_records: int = 8) -> st.SearchStrategy[ec.Ledger]:
    """A ledger with a few records of each kind, dated in or near its year."""
    return _ledger(max_records)


# Real reports' figures (issue 9): the fields that hold them, added to a report. --------

_DEPARTURES = breakdown(ec.workforce.DepartureReason, st.integers(0, 50))
_ESTABLISHMENTS = breakdown(ec.workforce.EstablishmentKind, st.integers(0, 50))


def _workforce_movements(
    draw: st.DrawFn, workforce: ec.workforce.WorkforceFigures
) -> ec.workforce.WorkforceFigures:
    """Draw the workforce with movements and status: departures by reason, exam, posts, borrowed staff."""
    departures = draw(_DEPARTURES)
    establishments = draw(_ESTABLISHMENTS)
    established = workforce.established_staff
    if established is not None and sum(establishments.values()) > established:
        establishments = {}
    return attrs.evolve(
        workforce,
        departed=total_over(draw, list(departures.values())),
        departures=departures,
        exam_passed=draw(maybe_counts),
        certificates_applied=draw(maybe_counts),
        certificates_pending=draw(maybe_counts),
        uncertified_recruits=draw(maybe_counts),
        authorised_posts=draw(maybe_counts),
        by_establishment=establishments,
        borrowed_staff=draw(maybe_counts),
    )


activities = st.lists(
    st.builds(
        ec.figures.Activity,
        name=st.sampled_from(["开展巡查", "双随机一公开抽查", "案卷评查", "制定检查计划"]),
        kind=st.sampled_from(list(ec.figures.ActivityKind)),
        count=maybe_counts,
        measure=st.sampled_from(["次", "场次", "批次", "卷"]),
    ),
    max_size=3,
).map(tuple)
_EXTRA_ACTIONS = st.integers(0, 5)


@st.composite
def _real_report(draw: st.DrawFn) -> ec.AnnualReport:
    report = draw(annual_reports())
    coercion = report.coercion
    if coercion is not None and draw(_coin):
        parts = [n for n in (coercion.measures, coercion.executions) if n is not None]
        coercion = attrs.evolve(coercion, actions=sum(parts) + draw(_EXTRA_ACTIONS))
    penalty = report.penalty
    if penalty is not None:
        penalty = attrs.evolve(penalty, filed=draw(maybe_counts))
    return attrs.evolve(
        report,
        workforce=_workforce_movements(draw, report.workforce),
        coercion=coercion,
        penalty=penalty,
        activities=draw(activities),
    )


_REAL_REPORTS = _real_report()


def real_reports() -> st.SearchStrategy[ec.AnnualReport]:
    """A generated report with the figures real reports add: movements, activities, totals."""
    return _REAL_REPORTS


#: A fine as decisions write it: from 1 yuan to 10 亿, to the fen.
fine_amounts = st.integers(100, 10**11).map(lambda fen: Decimal(fen).scaleb(-2))


# Cells of a column in 万元 as tables write them, and as they go wrong: plain digits of
# up to 13 whole digits and 7 places (one past the largest and past the fen each), signs,
# spaces, full-width digits, thousands' commas, exponents, "-0", blanks and words.
_WAN_DIGITS = st.text("0123456789", min_size=1, max_size=13)
_WAN_PLACES = st.text("0123456789", max_size=7)
_plain_wan = st.builds(
    lambda whole, dot, places: whole + (f".{places}" if dot else ""),
    _WAN_DIGITS,
    st.booleans(),
    _WAN_PLACES,
)
_FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
wan_yuan_cells = st.one_of(
    _plain_wan,
    _plain_wan,
    _plain_wan,
    _plain_wan,
    st.builds(lambda sign, text: sign + text, st.sampled_from(["-", "+", "−"]), _plain_wan),
    st.builds(
        lambda left, text, right: left + text + right,
        st.sampled_from(["", " ", "\t", "\u3000"]),
        _plain_wan,
        st.sampled_from(["", " ", "\n", "\u3000"]),
    ),
    _plain_wan.map(lambda text: text.translate(_FULL_WIDTH)),
    st.builds(lambda text, power: f"{text}e{power}", _plain_wan, st.integers(-3, 3)),
    st.sampled_from(
        [
            "",
            " ",
            "-0",
            "0",
            "0.000000",
            "-0.0",
            ".5",
            "5.",
            "1,200",
            "1,200.5",
            "NaN",
            "壹万",
            "1万",
        ]
    ),
    st.integers(10**11, 10**20).map(str),  # about the largest amount, and past int64's fen
)


# The 28 ways of writing personal data an adversary tried (issue 21): each an identity
# number or a mobile number, as people type, paste or hide them. ``PERSONAL_DATA`` maps
# each way's name to (the text, the number's plain ASCII digits).
_PERSON_ID = "500112199001011239"  # a valid check digit (9)
_PERSON_ID_X = "11010519491231002X"
_PERSON_ID_15 = "110105491231002"
_PERSON_MOBILE = "13800138000"


def _script(number: str, zero: int) -> str:
    """``number`` in the decimal digits of the script whose zero is ``zero``."""
    return "".join(chr(zero + int(d)) if d.isdigit() else d for d in number)


_CHINESE = str.maketrans("0123456789", "〇一二三四五六七八九")
_I, _M = _PERSON_ID, _PERSON_MOBILE
PERSONAL_DATA: dict[str, tuple[str, str]] = {
    "id": (_I, _I),
    "id-X": (_PERSON_ID_X, _PERSON_ID_X),
    "id-x": (_PERSON_ID_X.lower(), _PERSON_ID_X),
    "id-full-width": (_script(_I, 0xFF10), _I),
    "id-spaces": (f"{_I[:6]} {_I[6:14]} {_I[14:]}", _I),
    "id-hyphens": (f"{_I[:6]}-{_I[6:14]}-{_I[14:]}", _I),
    "id-zero-width": (f"{_I[:9]}\u200b{_I[9:]}", _I),
    "id-word-joiner": (f"{_I[:9]}\u2060{_I[9:]}", _I),
    "id-slashes": (f"{_I[:6]}/{_I[6:14]}/{_I[14:]}", _I),
    "id-dots": (f"{_I[:6]}.{_I[6:14]}.{_I[14:]}", _I),
    "id-middle-dots": (f"{_I[:6]}·{_I[6:14]}·{_I[14:]}", _I),
    "id-underscores": (f"{_I[:6]}_{_I[6:14]}_{_I[14:]}", _I),
    "id-parentheses": (f"({_I[:6]}){_I[6:]}", _I),
    "id-chinese": (_I.translate(_CHINESE), _I),
    "id-chinese-ling": (_I.translate(_CHINESE).replace("〇", "零"), _I),
    "id-arabic-indic": (_script(_I, 0x660), _I),
    "id-devanagari": (_script(_I, 0x966), _I),
    "id-then-digits": (f"{_I}2023", _I),
    "id-15": (_PERSON_ID_15, _PERSON_ID_15),
    "mobile": (_M, _M),
    "mobile+86": (f"+86{_M}", _M),
    "mobile-86": (f"86{_M}", _M),
    "mobile-0086": (f"0086{_M}", _M),
    "mobile+86-spaces": (f"+86 {_M[:3]} {_M[3:7]} {_M[7:]}", _M),
    "mobile-hyphens": (f"{_M[:3]}-{_M[3:7]}-{_M[7:]}", _M),
    "mobile-dots": (f"{_M[:3]}.{_M[3:7]}.{_M[7:]}", _M),
    "mobile-full-width": (_script(_M, 0xFF10), _M),
    "mobile-parentheses": (f"({_M[:3]}){_M[3:7]}-{_M[7:]}", _M),
}
personal_data = st.sampled_from(sorted(PERSONAL_DATA))


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
    units = st.sampled_from([ec.report.ChangeUnit.ABSOLUTE, ec.report.ChangeUnit.PERCENT])
    changes = draw(
        st.lists(
            st.builds(ec.report.StatedChange, figure=figures, change=decimals, unit=units),
            max_size=4,
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
                ec.report.StatedChange(
                    figure=path,
                    previous=previous,
                    change=Decimal(value) - previous,
                    unit=ec.report.ChangeUnit.ABSOLUTE,
                )
            )
            continue
        percent = Change(path, previous, value).percent(2)
        if percent is not None:
            changes.append(
                ec.report.StatedChange(
                    figure=path,
                    previous=previous,
                    change=percent,
                    unit=ec.report.ChangeUnit.PERCENT,
                )
            )
    stated = ec.report.Stated(rates=rates, changes=tuple(changes))
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


# Breakdowns with open keys (issue 18) ------------------------------------------------

# The report's own words: Chinese, never a vocabulary value (those are ASCII).
_WORDS = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=6)
# A key of the report's own beside a vocabulary: ending in 〇, which ends no label, so a
# drawn key is known or unknown by construction (a label would be read as its value).
_OWN_KEYS = _WORDS.map(lambda words: f"{words}〇")
_OWN_MEASURES = st.sampled_from(["", "", "", "件", "家", "户", "人次", "项"])
_DIMENSION_LABELS = st.just("") | _WORDS
_COVERAGES = st.sampled_from(list(ec.dimensions.Coverage))
#: What each holder of dimensions knows, by the name of its figures: its vocabularies.
_KNOWN_DIMENSIONS: dict[str, dict[str, type[Enum]]] = {
    "penalty": {
        "domain": ec.actions.Domain,
        "party": ec.actions.PartyKind,
        "procedure": ec.actions.Procedure,
    },
    "inspection": {"area": ec.actions.InspectionArea, "domain": ec.actions.Domain},
    "hazards": {"grade": ec.dimensions.HazardGrade},
    "workforce": {
        "source": ec.dimensions.StaffSource,
        "certificate": ec.dimensions.CertificateStatus,
    },
}


@st.composite
def _parts(
    draw: st.DrawFn, vocabulary: type[Enum] | None, *, money_parts: bool, depth: int
) -> dict[str, ec.dimensions.Part]:
    keys = [*(m.value for m in vocabulary)] if vocabulary is not None else []
    drawn = draw(
        st.lists(
            st.sampled_from(keys) | _OWN_KEYS if keys else _WORDS,
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    parts: dict[str, ec.dimensions.Part] = {}
    for key in drawn:
        nested = draw(_nested_dimensions(money_parts=money_parts, depth=depth - 1)) if depth else {}
        inner = list(nested.values())
        least_count = max([_added([p.count for p in d.parts.values()]) for d in inner] or [0])
        least_amount = max(
            [_added([p.amount for p in d.parts.values()], Decimal(0)) for d in inner]
            or [Decimal(0)]
        )
        count = None if draw(_coin) and not draw(_coin) else least_count + draw(counts)
        amount = None
        if money_parts and draw(_coin):
            amount = least_amount + draw(money)
        parts[key] = ec.dimensions.Part(
            label=draw(st.just("") | _WORDS) if key in keys else "",
            count=count,
            amount=amount,
            measure=draw(_OWN_MEASURES),
            dimensions=nested,
        )
    return parts


@st.composite
def _nested_dimensions(
    draw: st.DrawFn, *, money_parts: bool, depth: int
) -> dict[str, ec.dimensions.Dimension]:
    if depth < 0 or draw(_coin):
        return {}
    name = draw(_WORDS)
    return {
        name: ec.dimensions.Dimension(
            label=draw(_DIMENSION_LABELS),
            parts=draw(_parts(None, money_parts=money_parts, depth=depth)),
            measure=draw(_OWN_MEASURES),
            coverage=draw(_COVERAGES),
        )
    }


@st.composite
def _open_dimensions(draw: st.DrawFn, holder: str) -> dict[str, ec.dimensions.Dimension]:
    known = _KNOWN_DIMENSIONS[holder]
    names = draw(st.lists(st.sampled_from(sorted(known)) | _WORDS, max_size=3, unique=True))
    dimensions: dict[str, ec.dimensions.Dimension] = {}
    for name in names:
        parts = draw(_parts(known.get(name), money_parts=holder == "penalty", depth=1))
        added = _added([p.count for p in parts.values()])
        # Workforce dimensions stand on their own total; the others on their holder's.
        total = total_over(draw, [added]) if holder == "workforce" else None
        dimensions[name] = ec.dimensions.Dimension(
            label=draw(_DIMENSION_LABELS),
            parts=parts,
            total=total,
            measure=draw(_OWN_MEASURES),
            coverage=draw(_COVERAGES),
        )
    return dimensions


def open_dimensions(holder: str) -> st.SearchStrategy[dict[str, ec.dimensions.Dimension]]:
    """Dimensions for the figures ``holder`` (penalty, inspection, hazards, workforce).

    Names and keys known to the holder's vocabularies or the report's own words
    (Chinese), parts stated or not, with money for penalties, nested one level,
    every coverage; each dimension within its own total where it has one.
    """
    return _OPEN_DIMENSIONS[holder]


_OPEN_DIMENSIONS = {holder: _open_dimensions(holder) for holder in _KNOWN_DIMENSIONS}


def _least(dimensions: dict[str, ec.dimensions.Dimension], figure: str) -> Any:
    zero: Any = Decimal(0) if figure == "amount" else 0
    return max(
        [_added([getattr(p, figure) for p in d.parts.values()], zero) for d in dimensions.values()]
        or [zero]
    )


@st.composite
def _reports_with_dimensions(draw: st.DrawFn) -> ec.AnnualReport:
    penalty = draw(_OPEN_DIMENSIONS["penalty"])
    inspection = draw(_OPEN_DIMENSIONS["inspection"])
    hazards = draw(_OPEN_DIMENSIONS["hazards"])
    workforce = draw(_OPEN_DIMENSIONS["workforce"])
    cases = total_over(draw, [_least(penalty, "count")])
    fines = total_over(draw, [_least(penalty, "amount")], money_total=True)
    return ec.AnnualReport(
        body=draw(bodies),
        year=2024,
        workforce=ec.workforce.WorkforceFigures(dimensions=workforce),
        inspection=ec.figures.InspectionFigures(
            visits=total_over(draw, [_least(inspection, "count")]),
            hazards=ec.figures.HazardFigures(
                found=total_over(draw, [_least(hazards, "count")]), dimensions=hazards
            ),
            dimensions=inspection,
        ),
        penalty=ec.figures.PenaltyFigures(cases=cases, fines=fines, dimensions=penalty),
    )


reports_with_dimensions = _reports_with_dimensions()


def _written_forms(vocabulary: type[Enum]) -> list[tuple[str, str]]:
    """Each way a report may write a key of ``vocabulary``, with the value it names.

    The value itself, its Chinese label and its English label (where it is one
    word, as a key holds no space), and for parties "对" before the Chinese label.
    """
    from enforcement_core import labels

    forms = []
    for value in vocabulary:
        key = str(value.value)
        written = [key, labels.label(value), labels.label(value, "en")]
        if vocabulary is ec.actions.PartyKind:
            written.append(f"对{labels.label(value)}")
        forms += [(form, key) for form in written if form and not any(c.isspace() for c in form)]
    return forms


@st.composite
def _parts_written_as_labels(
    draw: st.DrawFn,
) -> tuple[str, str, ec.dimensions.Dimension, list[str]]:
    holder = draw(st.sampled_from(sorted(_KNOWN_DIMENSIONS)))
    name = draw(st.sampled_from(sorted(_KNOWN_DIMENSIONS[holder])))
    vocabulary = _KNOWN_DIMENSIONS[holder][name]
    forms = _written_forms(vocabulary)
    # One written form per value, in a drawn order, beside the report's own words.
    chosen = draw(
        st.lists(st.sampled_from(forms), min_size=1, max_size=4, unique_by=lambda f: f[1])
    )
    own = draw(st.lists(_OWN_KEYS, max_size=2, unique=True))
    keys = [form for form, _ in chosen] + own
    order = draw(st.permutations(keys))
    canonical = dict(chosen)
    # At least one each: zh says a category whose figures are all 0 in words, not by part.
    parts = {key: ec.dimensions.Part(count=draw(st.integers(1, 10**6))) for key in order}
    expected = [canonical.get(key, key) for key in order]
    return holder, name, ec.dimensions.Dimension(parts=parts), expected


#: A known dimension of a holder (penalty, inspection, hazards, workforce) whose parts are
#: keyed as a report writes them: a value, its Chinese or English label, or "对" before a
#: party's label, one form per value, in a drawn order beside the report's own words
#: (which end in 〇, so no label is among them). With the holder, the dimension's name
#: and the keys the holder must hold, in the same order.
parts_written_as_labels = _parts_written_as_labels()


def _unknown_part_paths(
    dimensions: Mapping[str, ec.dimensions.Dimension], path: str
) -> Iterator[str]:
    """The count path of every part, nested ones too, whose count is unknown."""
    for name, dimension in dimensions.items():
        for key, part in dimension.parts.items():
            at = f"{path}.dimensions.{name}.parts.{key}"
            if part.count is None:
                yield f"{at}.count"
            yield from _unknown_part_paths(part.dimensions, at)


_PART_HOLDERS = ("workforce", "inspection", "inspection.hazards", "penalty")


@st.composite
def _reports_with_qualified_parts(draw: st.DrawFn) -> ec.AnnualReport:
    held = draw(reports_with_dimensions)
    paths = [
        part_path
        for holder in _PART_HOLDERS
        for part_path in _unknown_part_paths(resolve(held, holder).dimensions, holder)
    ]
    chosen = draw(st.lists(st.sampled_from(paths), unique=True)) if paths else []
    written = tuple(
        ec.report.StatedFigure(
            figure=path,
            value=Decimal(draw(st.integers(1, 10**5))),
            unit=draw(_unit_of(path)),
            qualifier=draw(st.sampled_from(list(ec.report.QUALIFIERS))),
            measure=draw(own_words | st.just("")),
        )
        for path in chosen
    )
    return attrs.evolve(held, stated=ec.report.Stated(figures=written))


#: Reports with open dimensions whose unknown parts the report writes only as bounds
#: ("网吧300余家"): a qualified figure at the part's path, nested parts included.
reports_with_qualified_parts = _reports_with_qualified_parts()


# The entry_points.txt of a distribution, as installers write it and as hands break it: the
# renderers' group (also written with extra brackets or spaces), another group, pairs with
# and without spaces, comments, blank and indented lines, and a line that is no pair.
_ENTRY_POINT_LINES = st.one_of(
    st.sampled_from(
        [
            "[enforcement_core.renderers]",
            "[[enforcement_core.renderers]]",
            "[ enforcement_core.renderers ]",
            "[console_scripts]",
            "# a comment",
            "; not a comment here",
            "",
            "   ",
            "not a pair",
        ]
    ),
    st.builds(
        "{}{}{}={}{}".format,
        st.sampled_from(["", " ", "\t"]),
        st.sampled_from(["zh", "md", "a_b", "x-y"]),
        st.sampled_from(["", " "]),
        st.sampled_from(["", " "]),
        st.sampled_from(
            ["enforcement_core.renderers.zh:renderer", "plugin_md:renderer", "pkg.mod", "a = b"]
        ),
    ),
)
#: Texts of an ``entry_points.txt``, well and badly formed.
entry_points_texts = st.lists(_ENTRY_POINT_LINES, max_size=8).map("\n".join)


# Cells of a workbook's penalty sheet as Excel types them (text, numbers, dates, yes/no,
# errors, blanks), for the column road's typed cells against the object path's: each
# column mostly what it should hold, typed either way, and now and then any cell at all.
_ANY_CELL = st.sampled_from(
    [
        None,
        "",
        "  ",
        "P-9",
        1001.0,
        1.5,
        -0.0,
        0.3,
        1 / 3,
        1e-07,
        2.5e-05,
        1e16,
        1e20,
        123456789.12,
        45000.0,
        20230502.0,
        True,
        False,
        dt.date(2023, 5, 2),
        dt.datetime(2023, 5, 2, 13, 4, 5),  # noqa: DTZ001  (Excel's date-times have no zone)
        "2023-05-02",
        "12.50",
        " 12 ",
        "1e-07",
    ]
)
# Excel's errors, refused at their cell before any column is read: rarer than the others,
# so that most sheets reach the column engine.
_ERROR_CELL = st.sampled_from(["#N/A", "#DIV/0!"])
_WORKBOOK_COLUMNS = (
    st.sampled_from(["P-1", "P-2", "P-3", " P-4 ", 1001.0, 1002.0]),
    st.sampled_from(
        [
            dt.date(2023, 5, 2),
            dt.datetime(2023, 8, 1),  # noqa: DTZ001  (Excel's date-times have no zone)
            "2023-06-30",
            "2023年7月1日",
            "20231231",
            dt.date(2022, 12, 31),
        ]
    ),
    st.sampled_from(["交通运输", "林业", "市场监管", "自然资源"]),
    st.sampled_from(["罚款", "警告", "警告、罚款"]),
    st.sampled_from(["普通程序", "简易程序", None]),
    st.one_of(
        st.sampled_from([None, 200.0, 4996, 0.5, "6800", "12.50", 1753.79, 0.01, 1e16]),
        st.integers(0, 10**7).map(lambda fen: fen / 100),
    ),
    st.sampled_from(["o-1", "o-1、o-2", None, 17.0]),
    st.sampled_from(["是", "否", True, False, 1.0, 0.0, "1", None]),
)
#: The header of the workbooks of :data:`workbook_sheets`, the library's penalty layout.
WORKBOOK_HEADER = (
    "编号",
    "决定日期",
    "执法领域",
    "处罚种类",
    "程序",
    "罚款金额（元）",
    "执法人员编号",
    "法制审核",
)


def _now_and_then(usual: Any, rare: Any, one_in: int) -> Any:
    """``usual``, or ``rare`` about one time in ``one_in`` (a one_of takes each half the time).

    The rare one is a middle index: Hypothesis draws the first and the last more often.
    """
    return st.tuples(usual, rare, st.sampled_from(range(one_in))).map(
        lambda drawn: drawn[1] if drawn[2] == one_in // 2 else drawn[0]
    )


_WORKBOOK_ROW = st.tuples(*(_now_and_then(column, _ANY_CELL, 12) for column in _WORKBOOK_COLUMNS))
# A row with one of its cells an Excel error, one in ten.
_ERROR_ROW = st.builds(
    lambda row, at, error: (*row[:at], error, *row[at + 1 :]),
    _WORKBOOK_ROW,
    st.integers(0, len(_WORKBOOK_COLUMNS) - 1),
    _ERROR_CELL,
)
#: A penalty sheet as a workbook holds it: (a title above the header or ``None``, the rows,
#: a value under no header beside the first row or ``None``).
workbook_sheets = st.tuples(
    _now_and_then(st.none(), st.just("2023年行政处罚台账"), 6),
    st.lists(_now_and_then(_WORKBOOK_ROW, _ERROR_ROW, 10), max_size=6),
    _now_and_then(st.none(), st.sampled_from(["备注", 3.0]), 6),
)
#: The rows of a penalty sheet without an Excel error, title or stray value: each typed as
#: the column holds it or, now and then, any cell (the sheets the column road reads).
workbook_rows = st.lists(_WORKBOOK_ROW, max_size=6)
