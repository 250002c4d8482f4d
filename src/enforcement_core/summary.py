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
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from enforcement_core._lazy import is_lazy
from enforcement_core._tallies import fewest_places
from enforcement_core.actions import (
    ActionKind,
    PartyKind,
    ReviewKind,
)
from enforcement_core.categories import CATEGORIES
from enforcement_core.figures import (
    ActionFigures,
    InterviewFigures,
    ReviewCounts,
    ReviewFigures,
    ordered,
)
from enforcement_core.report import AnnualReport
from enforcement_core.workforce import Employment, Unit, WorkforceFigures

if TYPE_CHECKING:
    from collections.abc import Iterable

    from enforcement_core.actions import (
        AdmonitoryInterview,
        OtherAction,
        ReviewCase,
    )
    from enforcement_core.ledger import Ledger
    from enforcement_core.workforce import Officer

__all__ = ["leave_unknown", "record_figures", "summarize", "workforce_figures"]

K = TypeVar("K")
_ZERO = Decimal(0)


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
        published_on=ledger.published_on,
        workforce=workforce_figures(
            ledger.units,
            ledger.officers,
            sum(1 for case in ledger.misconduct_cases if start <= case.found_on <= end),
            start,
            end,
        ),
        **leave_unknown(record_figures(ledger, start, end), ledger.unknown),
        narrative=ledger.narrative,
        conventions=ledger.conventions,
    )


def record_figures(ledger: Ledger, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The report's figures of actions and reviews, by field, from the records dated ``start`` to ``end``.

    Every category's figures, the interviews, the other actions and the
    reviews: each counts records, so the figures of two ledgers of the same
    body add up to the figures of the two together
    (:class:`~enforcement_core.partials.Partial` relies on it). A field with no
    record in the year is ``None`` (the other actions: empty).
    """
    return {
        **{
            c.field: _figures_of(c.figures, getattr(ledger, c.records.field), start, end)
            for c in CATEGORIES
            if c.records is not None
        },
        "interviews": _interviews(ledger.interviews, start, end),
        "other_actions": _other_actions(ledger.other_actions, start, end),
        "reviews": _reviews(ledger.reviews, start, end),
    }


def _figures_of(figures: Any, records: Any, start: dt.date, end: dt.date) -> Any:
    """``figures.from_records(records, ...)``, over the columns of records not built yet.

    A kind read by the column engine is counted by its table: the figures are one
    definition over records and columns alike, so the result is the same.
    """
    if is_lazy(records) and hasattr(figures, "from_table"):
        # Counted from the codes as the table was read (the same definition), else over it.
        counted, counts = records.counts(figures, start, end)
        return counts if counted else figures.from_table(records.table, start, end)
    return figures.from_records(records, start, end)


def leave_unknown(figures: Mapping[str, Any], paths: Iterable[str]) -> dict[str, Any]:
    """``figures`` (by the report's field) with the figures at ``paths`` unknown (``None``).

    A record that has no place for a fact (a 双公示 row says nothing of a legal
    review) counts as ``False`` there; the figure it adds up to is then not 0 but
    unknown, and is left so.

    Examples:
        >>> from enforcement_core.figures import PenaltyFigures
        >>> figures = {"penalty": PenaltyFigures(cases=3, legal_reviews=0)}
        >>> leave_unknown(figures, ["penalty.legal_reviews"])["penalty"].legal_reviews is None
        True
    """
    left = dict(figures)
    # Each figure's paths together: one evolve (and one run of its checks) a figure, not a path.
    below: dict[str, list[list[str]]] = {}
    for path in paths:
        field, _, rest = path.partition(".")
        if rest:
            below.setdefault(field, []).append(rest.split("."))
    for field, names in below.items():
        if left.get(field) is not None:
            left[field] = _unknown_at(left[field], names)
    return left


def _unknown_at(obj: Any, paths: list[list[str]]) -> Any:
    """``obj`` with the figures at the paths (each a list of names) below it set to ``None``."""
    if obj is None:
        return None
    by_head: dict[str, list[list[str]]] = {}
    for head, *rest in paths:
        by_head.setdefault(head, []).append(rest)
    if isinstance(obj, Mapping):
        left = dict(obj)
        changed = False
        for head, rests in by_head.items():
            key = next((k for k in left if getattr(k, "value", k) == head), _NO_KEY)
            if key is _NO_KEY:
                continue
            changed = True
            # A part of a breakdown not known is a part not stated: left out.
            if any(not rest for rest in rests):
                del left[key]
            else:
                left[key] = _unknown_at(left[key], rests)
        return left if changed else obj
    return attrs.evolve(
        obj,
        **{
            head: None
            if any(not rest for rest in rests)
            else _unknown_at(getattr(obj, head), rests)
            for head, rests in by_head.items()
        },
    )


_NO_KEY: Final = object()


def _unit_paths(
    units: Mapping[str, Unit], ancestors: tuple[str, ...] = ()
) -> dict[str, tuple[str, ...]]:
    """Each unit identifier with the path of the unit it names, from the top.

    An officer names a unit by its identifier alone: an identifier given to two units
    (the audit's ``duplicate-id``) names the first, in the tree's order.
    """
    paths: dict[str, tuple[str, ...]] = {}
    for key, unit in units.items():
        chain = (*ancestors, key)
        paths.setdefault(key, chain)
        for sub, sub_chain in _unit_paths(unit.subunits, chain).items():
            paths.setdefault(sub, sub_chain)
    return paths


def _counted_units(
    units: Mapping[str, Unit], counts: Counter[tuple[str, ...]], above: tuple[str, ...] = ()
) -> dict[str, Unit]:
    """The units with their officers counted, each unit by its path (an identifier may recur)."""
    counted = {}
    for key, unit in units.items():
        path = (*above, key)
        subunits = _counted_units(unit.subunits, counts, path)
        counted[key] = attrs.evolve(unit, certified=counts[path], subunits=subunits)
    return counted


def workforce_figures(
    units: Mapping[str, Unit],
    officers: Iterable[Officer],
    misconduct_cases: int,
    start: dt.date,
    end: dt.date,
) -> WorkforceFigures:
    """The workforce figures of a roster: certified officers by unit, staff, training.

    The roster is a set: an officer listed twice with the same details is one
    person and counts once (the audit reports the duplicate identifier); two
    different entries under one identifier both count. ``misconduct_cases`` is
    the number of the year's cases of misconduct, counted only where there is a
    roster (without one, the summary knows nothing of the workforce).
    """
    officers = tuple(dict.fromkeys(officers))
    if not officers:
        return WorkforceFigures()
    certified = [o for o in officers if o.is_certified_on(end)]
    chains = _unit_paths(units)
    # An officer counts in its unit and in every unit above it: each by its path.
    per_unit: Counter[tuple[str, ...]] = Counter(
        chain[:depth]
        for o in certified
        if (chain := chains.get(o.unit)) is not None
        for depth in range(1, len(chain) + 1)
    )
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
        # Counted among the certified, the officers the training coverage divides by: a
        # trained member of staff without a certificate would make the rate pass 100%.
        trained=sum(1 for o in certified if o.trained),
        misconduct_cases=misconduct_cases,
    )


def _interviews(
    interviews: tuple[AdmonitoryInterview, ...], start: dt.date, end: dt.date
) -> InterviewFigures | None:
    parties: Counter[PartyKind] = Counter(
        i.party.kind for i in interviews if start <= i.held_on <= end
    )
    if not parties:
        return None
    return InterviewFigures(count=parties.total(), by_party=ordered(parties, PartyKind))


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
        kind: ActionFigures(
            count=counts[kind], amount=fewest_places(amounts[kind]) if kind in amounts else None
        )
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
