"""Year over year: :func:`compare` two reports, figure by figure and rate by rate.

A change is held exactly: the two figures, their difference, and the percent
change (同比) computed from them and rounded once, half up, when asked for. A
percent change from a previous value of 0 is undefined (``None``), like a rate
with no denominator. A rate changes in percentage points (个百分点).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from enforcement_core import _display
from enforcement_core._paths import is_figure, walk
from enforcement_core._validators import breakdowns
from enforcement_core.numbers_zh import round_half_up
from enforcement_core.report import RateName
from enforcement_core.statistics import FIGURE_FIELDS, Rate, figure, rate

if TYPE_CHECKING:
    from collections.abc import Iterator

    from enforcement_core.report import AnnualReport

__all__ = ["Change", "Comparison", "ComparisonRow", "RateChange", "compare", "figure_paths"]


@attrs.frozen
class Change:
    """How one figure changed from the previous year to the current one.

    Examples:
        >>> change = Change("penalty.cases", 356, 220)
        >>> change.difference, change.percent(2)
        (-136, Decimal('-38.20'))
        >>> Change("coercion.measures", 0, 3).percent(2) is None  # from 0: undefined
        True
    """

    #: The figure's path.
    figure: str
    #: The previous year's value; ``None`` when not stated.
    previous: int | Decimal | None
    #: The current year's value; ``None`` when not stated.
    current: int | Decimal | None

    @property
    def difference(self) -> int | Decimal | None:
        """Current less previous; ``None`` unless both are known."""
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous

    def ratio(self) -> Fraction | None:
        """The exact relative change (0.1053… for +10.53%); ``None`` when undefined."""
        difference = self.difference
        if difference is None or self.previous == 0:
            return None
        return Fraction(difference) / Fraction(self.previous)  # type: ignore[arg-type]

    def percent(self, places: int = 2) -> Decimal | None:
        """The percent change (同比), rounded half up once; ``None`` when undefined."""
        ratio = self.ratio()
        return None if ratio is None else round_half_up(ratio * 100, places)


@attrs.frozen
class RateChange:
    """How a rate changed, in percentage points.

    Examples:
        >>> RateChange(RateName.RECTIFICATION, Rate(490, 500), Rate(502, 509)).points(2)
        Decimal('0.62')
    """

    #: Which rate.
    rate: RateName
    #: The previous year's rate; ``None`` when its figures are not stated.
    previous: Rate | None
    #: The current year's rate; ``None`` when its figures are not stated.
    current: Rate | None

    def points(self, places: int = 2) -> Decimal | None:
        """The change in percentage points, from the exact rates, rounded once.

        ``None`` when either rate is unknown or undefined.
        """
        if self.previous is None or self.current is None:
            return None
        before, after = self.previous.fraction(), self.current.fraction()
        if before is None or after is None:
            return None
        return round_half_up((after - before) * 100, places)


@attrs.frozen
class ComparisonRow:
    """One line of a comparison as every output writes it: a figure's or a rate's change.

    A figure changes by a difference and a percent; a rate by percentage points. The
    numbers are exact, rounded once (half up) where a percent or points is asked for.
    """

    #: The figure's path, or ``rates.<name>`` for a rate.
    figure: str
    #: The previous year's value (a rate's percent); ``None`` when unknown.
    previous: int | Decimal | None
    #: The current year's value (a rate's percent); ``None`` when unknown.
    current: int | Decimal | None
    #: Current less previous, for a figure; ``None`` for a rate or when unknown.
    difference: int | Decimal | None
    #: The percent change (同比), for a figure; ``None`` for a rate or when undefined.
    percent: Decimal | None
    #: The change in percentage points, for a rate; ``None`` for a figure or when undefined.
    points: Decimal | None


@attrs.frozen
class Comparison:
    """Every figure and rate of two reports, side by side, in report order.

    Examples:
        >>> from enforcement_core import examples
        >>> gulu = examples.load("gulu-2023")
        >>> same = compare(gulu, gulu)
        >>> same["inspection.hazards.found"].difference
        0
        >>> same.rate(RateName.RECTIFICATION).points(1)
        Decimal('0.0')
    """

    #: The previous report's year.
    previous_year: int
    #: The current report's year.
    current_year: int
    #: The figures' changes.
    changes: tuple[Change, ...]
    #: The rates' changes, for every rate either year has.
    rates: tuple[RateChange, ...]

    def __getitem__(self, path: str) -> Change:
        """The change of the figure at ``path``."""
        for change in self.changes:
            if change.figure == path:
                return change
        raise KeyError(path)

    def rows(self, places: int = 2) -> list[ComparisonRow]:
        """Every figure's change, then every rate's, as the command line, JSON and displays write them.

        Examples:
            >>> from enforcement_core import examples
            >>> gulu = examples.load("gulu-2023")
            >>> rows = compare(gulu, gulu).rows()
            >>> rows[0].figure, rows[0].difference, rows[0].points
            ('workforce.certified', 0, None)
            >>> rows[-1].figure.startswith("rates."), rows[-1].difference, rows[-1].points
            (True, None, Decimal('0.00'))
        """
        lines = [
            ComparisonRow(c.figure, c.previous, c.current, c.difference, c.percent(places), None)
            for c in self.changes
        ]
        lines += [
            ComparisonRow(
                f"rates.{r.rate.value}",
                r.previous.percent(places) if r.previous else None,
                r.current.percent(places) if r.current else None,
                None,
                None,
                r.points(places),
            )
            for r in self.rates
        ]
        return lines

    def _repr_html_(self) -> str:
        """The changes as an HTML table, for Jupyter."""
        # A rate's change, in points, stands in the change column, as on the command line.
        rows = [
            (
                r.figure,
                r.previous,
                r.current,
                r.points if r.difference is None else r.difference,
                r.percent,
            )
            for r in self.rows()
        ]
        headers = ["figure", str(self.previous_year), str(self.current_year), "change", "%"]
        return _display.table(headers, rows, numeric=[1, 2, 3, 4])

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # noqa: ARG002, FBT001  (IPython's signature)
        """The changes as lines of ``figure: previous → current``."""
        lines = [f"{c.figure}: {c.previous} → {c.current}" for c in self.changes]
        printer.text("\n".join([f"Comparison {self.previous_year} → {self.current_year}", *lines]))

    def to_dataframe(self) -> Any:
        """A pandas DataFrame of the changes (needs the ``pandas`` extra)."""
        return _display.frame("comparison", self)

    def rate(self, name: RateName) -> RateChange:
        """The change of the rate ``name`` (both sides ``None`` if neither year has it)."""
        for change in self.rates:
            if change.rate is name:
                return change
        return RateChange(name, None, None)


def _paths(report: AnnualReport, obj: object, prefix: str) -> Iterator[str]:
    """The figure paths below ``obj``: an object's derived totals first, then its fields."""
    yield from _derived(report, obj, prefix)
    for path, value in walk(obj, prefix):
        if is_figure(value):
            yield path
        else:
            yield from _derived(report, value, f"{path}.")


def _derived(report: AnnualReport, obj: object, prefix: str) -> Iterator[str]:
    """The paths of the totals ``obj`` derives from its breakdowns, where they have a value."""
    if attrs.has(cls := type(obj)):
        for breakdown in breakdowns(cls):
            path = prefix + breakdown.total
            if not breakdown.subset and figure(report, path) is not None:
                yield path


def figure_paths(report: AnnualReport) -> list[str]:
    """The paths of every figure a report states or derives, in report order.

    A total the report does not state but derives from its parts comes before them.

    Examples:
        >>> from enforcement_core import examples
        >>> [p for p in figure_paths(examples.load("gulu-2023")) if p.startswith("penalty.")]
        ['penalty.cases', 'penalty.fines', 'penalty.by_domain.work_safety.cases', 'penalty.by_domain.work_safety.fines', 'penalty.by_domain.traffic.cases']
    """
    paths: dict[str, None] = {}
    for name in FIGURE_FIELDS:
        paths.update(dict.fromkeys(_paths(report, getattr(report, name), f"{name}.")))
    return list(paths)


def compare(previous: AnnualReport, current: AnnualReport) -> Comparison:
    """The year-over-year change of every figure and every rate of two reports.

    A figure appears when either report states it or derives it from its parts;
    a figure one year lacks has ``None`` on that side.

    Examples:
        >>> from enforcement_core import examples
        >>> gulu = examples.load("gulu-2023")
        >>> comparison = compare(gulu, gulu)
        >>> comparison["penalty.cases"]
        Change(figure='penalty.cases', previous=220, current=220)
    """
    paths: dict[str, None] = dict.fromkeys(figure_paths(previous))
    paths.update(dict.fromkeys(figure_paths(current)))
    changes = tuple(Change(path, figure(previous, path), figure(current, path)) for path in paths)
    rate_changes: list[RateChange] = []
    for name in RateName:
        before: Any = rate(previous, name)
        after: Any = rate(current, name)
        if before is not None or after is not None:
            rate_changes.append(RateChange(name, before, after))
    return Comparison(previous.year, current.year, changes, tuple(rate_changes))
