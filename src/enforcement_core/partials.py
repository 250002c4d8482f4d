"""Partial summaries that merge: one body's year, summarised in pieces.

A province's records do not fit one process, and they do not arrive in one
piece: they come in files, partitions and batches. A :class:`Partial` is the
summary of one piece of one body's ledger for a year, holding exactly what the
figures need and no record:

- counts and exact ``Decimal`` sums of the year's actions and reviews (the
  report's figures of each category, which add up);
- the roster as a set of officers, because a figure of the workforce counts
  people, and a roster repeated in two pieces is still one roster;
- the units the officers are counted in;
- the set of establishments inspected, which counts each once however many
  pieces visited it;
- a histogram of the days hazards took to be rectified, so that the median and
  the 90th percentile stay exact after merging.

:func:`merge` is associative and commutative, and :meth:`Partial.empty` is its
identity, so partials can be merged in any grouping and order (a tree of
workers, a stream of batches). :meth:`Partial.finish` gives the
:class:`~enforcement_core.AnnualReport`, equal to :func:`~enforcement_core.summarize`
of the whole ledger.

Examples:
    >>> from enforcement_core import Ledger, examples, summarize
    >>> ledger = examples.load_records("gulu-2023")
    >>> half = len(ledger.penalty_cases) // 2
    >>> first = Partial.of(attrs.evolve(ledger, penalty_cases=ledger.penalty_cases[:half]))
    >>> rest = Ledger(body=ledger.body, year=ledger.year, penalty_cases=ledger.penalty_cases[half:])
    >>> second = Partial.of(rest)
    >>> merge(first, second).finish() == summarize(ledger)
    True
    >>> merge(first, second).finish().penalty.cases
    220
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from enforcement_core._mapping import FrozenMap
from enforcement_core._validators import frozen_map
from enforcement_core.body import EnforcementBody
from enforcement_core.errors import MergeError
from enforcement_core.report import AnnualReport, Conventions, Narrative
from enforcement_core.rollups import combine
from enforcement_core.statistics import (
    RectificationDays,
    inspected_targets,
    rectification_histogram,
)
from enforcement_core.summary import leave_unknown, record_figures, workforce_figures
from enforcement_core.workforce import Officer, Unit

if TYPE_CHECKING:
    from enforcement_core.ledger import Ledger

__all__ = ["Partial", "merge", "merge_all"]


def _officer_set(officers: Iterable[Officer]) -> frozenset[Officer]:
    return frozenset(officers)


def _target_set(targets: Iterable[str]) -> frozenset[str]:
    return frozenset(targets)


def _histogram(histogram: Mapping[int, int]) -> FrozenMap[int, int]:
    return FrozenMap({days: histogram[days] for days in sorted(histogram) if histogram[days]})


@attrs.frozen(kw_only=True)
class Partial:
    """The summary of a piece of one body's ledger for one year; merge pieces with :func:`merge`.

    Build one with :meth:`of` (from a :class:`~enforcement_core.Ledger`) or
    :meth:`~enforcement_core.tables.ColumnarLedger.partial` (from columns);
    :meth:`empty` is the partial of no records.

    Examples:
        >>> from enforcement_core import examples
        >>> partial = Partial.of(examples.load_records("gulu-2023"))
        >>> partial.figures["inspection"].hazards.found, len(partial.officers)
        (509, 22)
        >>> partial.rectification_days().median
        Decimal('10')
    """

    #: The body the records are of.
    body: EnforcementBody
    #: The year summarised.
    year: int
    #: The report's figures of actions and reviews, by the report's field
    #: (``"penalty"``, ``"other_actions"``); a field without records is left out.
    figures: Mapping[str, Any] = attrs.field(factory=FrozenMap, converter=frozen_map)
    #: The officers of the roster (a set: an officer in two pieces is one officer).
    officers: frozenset[Officer] = attrs.field(factory=frozenset, converter=_officer_set)
    #: The organisational units the officers are counted in.
    units: Mapping[str, Unit] = attrs.field(factory=FrozenMap, converter=frozen_map)
    #: The year's cases of officers' misconduct.
    misconduct_cases: int = 0
    #: The establishments the year's inspections visited (a set, as the roster).
    targets: frozenset[str] = attrs.field(factory=frozenset, converter=_target_set)
    #: Rectified hazards of the year's inspections, by the days they took.
    rectification: Mapping[int, int] = attrs.field(factory=FrozenMap, converter=_histogram)
    #: The narrative the report carries (from a piece that has one).
    narrative: Narrative = attrs.field(factory=Narrative)
    #: The day the report is dated (from a piece that has one).
    published_on: dt.date | None = None
    #: How the report writes its numbers (from a piece that says).
    conventions: Conventions = attrs.field(factory=Conventions)
    #: The figures some piece's records cannot count (:attr:`Ledger.unknown
    #: <enforcement_core.Ledger.unknown>`): unknown in the whole, as a sum with an
    #: unknown part is unknown.
    unknown: frozenset[str] = attrs.field(factory=frozenset, converter=_target_set)

    @classmethod
    def empty(cls, body: EnforcementBody, year: int) -> Partial:
        """The partial of no records: merging it changes nothing.

        Examples:
            >>> from enforcement_core import examples
            >>> partial = Partial.of(examples.load_records("gulu-2023"))
            >>> merge(partial, Partial.empty(partial.body, partial.year)) == partial
            True
        """
        return cls(body=body, year=year)

    @classmethod
    def of(cls, ledger: Ledger) -> Partial:
        """The partial of a ledger (or of a piece of one)."""
        start, end = dt.date(ledger.year, 1, 1), dt.date(ledger.year, 12, 31)
        return cls.from_figures(
            ledger,
            {
                field: value
                for field, value in record_figures(ledger, start, end).items()
                if value  # None, or no other actions
            },
        )

    @classmethod
    def from_figures(cls, ledger: Ledger, figures: Mapping[str, Any]) -> Partial:
        """The partial of ``ledger``'s roster, misconduct and hazards, with ``figures`` given.

        For summaries whose figures of actions are computed elsewhere (by
        group-bys over columns) from records the ledger does not hold.
        """
        start, end = dt.date(ledger.year, 1, 1), dt.date(ledger.year, 12, 31)
        return cls(
            body=ledger.body,
            year=ledger.year,
            figures=figures,
            officers=ledger.officers,
            units=ledger.units,
            misconduct_cases=sum(1 for c in ledger.misconduct_cases if start <= c.found_on <= end),
            targets=inspected_targets(ledger),
            rectification=rectification_histogram(ledger),
            narrative=ledger.narrative,
            published_on=ledger.published_on,
            conventions=ledger.conventions,
            unknown=ledger.unknown,
        )

    def finish(self) -> AnnualReport:
        """The annual report: equal to ``summarize`` of all the pieces' records together."""
        start, end = dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        # Officers in a stable order: a set has none, and the units' counts do not need one.
        officers = sorted(self.officers, key=repr)
        return AnnualReport(
            body=self.body,
            year=self.year,
            workforce=workforce_figures(self.units, officers, self.misconduct_cases, start, end),
            **leave_unknown(
                {field: value for field, value in self.figures.items() if value},
                sorted(self.unknown),
            ),
            narrative=self.narrative,
            published_on=self.published_on,
            conventions=self.conventions,
        )

    def inspected_targets(self) -> int:
        """How many establishments were inspected, each once: as :func:`~enforcement_core.statistics.inspected_targets`."""
        return len(self.targets)

    def rectification_days(self) -> RectificationDays:
        """Days from finding to rectification, exactly as :func:`~enforcement_core.days_to_rectify`."""
        return RectificationDays.of(self.rectification)


_DEFAULTS: Final = {
    "narrative": Narrative(),
    "conventions": Conventions(),
    "units": FrozenMap(),
    "published_on": None,
}


def _one_of(name: str, first: Any, second: Any) -> Any:
    """The value two partials agree on, or the one given where the other has the default."""
    if first == second or second == _DEFAULTS[name]:
        return first
    if first == _DEFAULTS[name]:
        return second
    raise MergeError(f"cannot merge partials whose {name} differ: {first!r} and {second!r}")


def merge(first: Partial, second: Partial) -> Partial:
    """The partial of two pieces of one body's year together.

    Counts and sums add, the rosters and histograms unite; the narrative,
    conventions and units are those of the piece that has them.

    Raises:
        MergeError: The partials are of different bodies or years, or state
            different narratives, conventions or units.

    Examples:
        >>> from enforcement_core.body import BodyLevel, EnforcementBody
        >>> town = EnforcementBody("某镇人民政府", BodyLevel.TOWN)
        >>> merge(Partial.empty(town, 2023), Partial.empty(town, 2024))
        Traceback (most recent call last):
        ...
        enforcement_core.errors.MergeError: cannot merge partials of different years: 2023 and 2024
    """
    if first.body != second.body:
        raise MergeError(
            f"cannot merge partials of different bodies: {first.body.name!r} and {second.body.name!r}"
        )
    if first.year != second.year:
        raise MergeError(
            f"cannot merge partials of different years: {first.year} and {second.year}"
        )
    fields = dict.fromkeys([*first.figures, *second.figures])
    order = {name: index for index, name in enumerate(_FIELD_ORDER)}
    return Partial(
        body=first.body,
        year=first.year,
        figures={
            field: combine([first.figures.get(field), second.figures.get(field)], unknown=False)
            for field in sorted(fields, key=lambda name: order.get(name, len(order)))
        },
        officers=first.officers | second.officers,
        units=_one_of("units", first.units, second.units),
        misconduct_cases=first.misconduct_cases + second.misconduct_cases,
        targets=first.targets | second.targets,
        rectification=Counter(first.rectification) + Counter(second.rectification),
        narrative=_one_of("narrative", first.narrative, second.narrative),
        published_on=_one_of("published_on", first.published_on, second.published_on),
        conventions=_one_of("conventions", first.conventions, second.conventions),
        unknown=first.unknown | second.unknown,
    )


def merge_all(partials: Iterable[Partial]) -> dict[tuple[str, int], Partial]:
    """Partials merged by body and year, keyed by (the body's name, the year).

    Examples:
        >>> from enforcement_core import examples
        >>> partial = Partial.of(examples.load_records("gulu-2023"))
        >>> merged = merge_all([partial, partial])
        >>> list(merged), merged["重庆市渝北区古路镇人民政府", 2023].finish().inspection.visits
        ([('重庆市渝北区古路镇人民政府', 2023)], 726)
    """
    merged: dict[tuple[str, int], Partial] = {}
    for partial in partials:
        key = (partial.body.name, partial.year)
        merged[key] = merge(merged[key], partial) if key in merged else partial
    return merged


def _report_order() -> tuple[str, ...]:
    return tuple(field.name for field in attrs.fields(AnnualReport))


_FIELD_ORDER: Final = _report_order()
