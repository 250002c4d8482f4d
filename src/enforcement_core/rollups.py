"""A district's yearly figures from its towns' and departments': :func:`rollup`.

Counts and money add, per unit and per category. A figure of the roll-up is
known only where every report that has data for it states it: if one town does
not state its hazards found, the district's hazards found are not known either
(its rectified hazards may still be). Breakdowns add key by key. Rates are never
added or averaged: they are computed afterwards from the summed numerators and
denominators.

This rule makes roll-up associative and commutative, so summaries can be
combined in any grouping and order, and it keeps every invariant: sums of parts
stay within sums of totals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

import attrs

from enforcement_core._tallies import fewest_places
from enforcement_core.dimensions import Coverage
from enforcement_core.errors import StatisticsError
from enforcement_core.report import AnnualReport, Conventions, Narrative, Stated
from enforcement_core.statistics import FIGURE_FIELDS

if TYPE_CHECKING:
    from enforcement_core.body import EnforcementBody

__all__ = ["rollup"]


def rollup(reports: Sequence[AnnualReport], *, body: EnforcementBody) -> AnnualReport:
    """The report of ``body`` whose figures are the sums of ``reports``' figures.

    Args:
        reports: The reports of the towns and departments, all of one year.
        body: The body the roll-up reports for (the district).

    Returns:
        An :class:`AnnualReport` for ``body`` and the reports' year, with no
        narrative and nothing stated (statements do not add up); its conventions
        are the reports' when they all agree.

    Raises:
        StatisticsError: No reports, or reports of different years.

    Examples:
        >>> from enforcement_core import examples
        >>> from enforcement_core.actions import SupervisionLevel
        >>> from enforcement_core.body import BodyLevel, EnforcementBody
        >>> gulu = examples.load("gulu-2023")
        >>> district = EnforcementBody("重庆市渝北区", BodyLevel.COUNTY)
        >>> twice = rollup([gulu, gulu], body=district)
        >>> twice.inspection.visits, twice.inspection.hazards.supervised[SupervisionLevel.DIVISION]
        (726, 12)
        >>> twice.penalty.cases is None  # no town states it: still derived from the domains
        True
    """
    if not reports:
        raise StatisticsError("nothing to roll up: give at least one report")
    years = sorted({report.year for report in reports})
    if len(years) > 1:
        raise StatisticsError(
            f"cannot roll up reports of different years: {', '.join(map(str, years))}"
        )
    conventions = {report.conventions for report in reports}
    return AnnualReport(
        body=body,
        year=years[0],
        **{name: combine([getattr(r, name) for r in reports]) for name in FIGURE_FIELDS},
        narrative=Narrative(),
        stated=Stated(),
        conventions=conventions.pop() if len(conventions) == 1 else Conventions(),
    )


def combine(values: list[Any], *, unknown: bool = True) -> Any:
    """The sum of one field's values across reports, or across parts of one ledger.

    ``None`` means "no data" and is left out. Inside figures, a count or amount
    that is ``None`` is *unknown* when ``unknown`` is true (the roll-up of
    reports: the sum is then unknown too) and *none recorded* when false (the
    merge of summaries of parts of a ledger: it adds nothing). Both rules make
    the sum associative and commutative.
    """
    present = [v for v in values if v is not None]
    if not present:
        return None
    sample = present[0]
    if attrs.has(type(sample)):
        return _combine_objects(present, unknown=unknown)
    if isinstance(sample, Mapping):
        return _combine_mappings(present, unknown=unknown)
    raise TypeError(f"cannot roll up a {type(sample).__name__}")  # pragma: no cover


def _combine_objects(objects: list[Any], *, unknown: bool) -> Any:
    cls = type(objects[0])
    combined: dict[str, Any] = {}
    for field in attrs.fields(cls):
        values = [getattr(obj, field.name) for obj in objects]
        combined[field.name] = _combine_field(field, values, unknown=unknown)
    return cls(**combined)


def _combine_field(field: attrs.Attribute[Any], values: list[Any], *, unknown: bool) -> Any:  # noqa: PLR0911  (one return per kind of value)
    sample = next((v for v in values if v is not None), None)
    if isinstance(sample, bool):  # pragma: no cover - no figures class holds a bool
        raise TypeError(f"cannot roll up the flag {field.name}")
    if isinstance(sample, int | Decimal) or (sample is None and field.default is None):
        known = [v for v in values if v is not None]
        # Unknown in one report, unknown in the sum; none recorded in one part, nothing to add.
        if (unknown and len(known) < len(values)) or not known:
            return None
        total = sum(known)
        # Written alike however the pieces were cut: 203.5 and 1.5 make 205, not 205.0.
        return fewest_places(total) if isinstance(total, Decimal) else total
    if isinstance(sample, Coverage):
        return _rolled_coverage(values)
    if isinstance(sample, Enum):
        # A unit's kind: kept where all agree, else the vocabulary's catch-all.
        return sample if all(v is sample for v in values) else type(sample)("other")
    if isinstance(sample, str):
        if all(v == sample for v in values):
            return sample
        # A licensing subject that differs says nothing of the whole; a unit's
        # name that differs takes the first in sorted order, whatever the order given.
        return "" if field.default == "" else min(values)
    if field.name in _AS_WRITTEN and all(isinstance(v, Mapping) for v in values if v is not None):
        present = [v for v in values if v is not None]
        return _combine_mappings(present, unknown=unknown, as_written=True) if present else None
    return combine(values, unknown=unknown)


#: The mapping fields whose keys are in the report's order: a dimension's parts and
#: the dimensions of a holder or a part.
_AS_WRITTEN = frozenset({"parts", "dimensions"})


def _rolled_coverage(values: list[Any]) -> Coverage:
    """How far a dimension rolled up covers its total: never complete.

    A body that states the total without the dimension adds to the total and not
    to the parts, so a roll-up cannot claim its parts are the whole.
    """
    return Coverage.SUBSET if all(v is Coverage.SUBSET for v in values) else Coverage.PARTIAL


def _combine_mappings(
    mappings: list[Mapping[Any, Any]], *, unknown: bool, as_written: bool = False
) -> dict[Any, Any]:
    keys: dict[Any, None] = {}
    for mapping in mappings:
        keys.update(dict.fromkeys(mapping))
    # A breakdown's parts and dimensions stay in the order the reports wrote them,
    # first seen first; equality of mappings ignores order, so the sum still commutes.
    ordered = list(keys) if as_written else _ordered_keys(list(keys))
    combined: dict[Any, Any] = {}
    for key in ordered:
        values = [mapping[key] for mapping in mappings if key in mapping]
        sample = values[0]
        # A breakdown that does not name a key says nothing of it: the key adds
        # over the reports that do name it.
        combined[key] = (
            sum(values)
            if isinstance(sample, int | Decimal)
            else _combine_objects(values, unknown=unknown)
        )
    return combined


def _ordered_keys(keys: list[Any]) -> list[Any]:
    """Vocabulary keys in the vocabulary's order; identifiers (units) sorted."""
    if keys and isinstance(keys[0], Enum):
        order = list(type(keys[0]))
        return sorted(keys, key=order.index)
    return sorted(keys)
