"""Exact rates, derived totals and tallies.

Every number here is computed from the figures, never stored: a rate from its
numerator and denominator, a total from its parts when the report gives parts
but no total. Counts are ``int``, money and ratios exact (``Decimal`` or
``Fraction``); rounding is half up, once, when a rate is asked for at a precision.

A figure that a report does not state (``None``) stays unknown: a total is
derived from its parts only where parts are stated, and a rate needs both of
its figures. A rate whose denominator is zero is *undefined*, which is neither
0% nor 100%.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Mapping
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

import attrs

from enforcement_core import _display
from enforcement_core._mapping import FrozenMap
from enforcement_core._paths import figures, owners, resolve
from enforcement_core._validators import breakdowns, fail, frozen_map
from enforcement_core.actions import ActionKind
from enforcement_core.categories import CATEGORIES, Category
from enforcement_core.errors import StatisticsError
from enforcement_core.ledger import Ledger
from enforcement_core.numbers_zh import round_half_up
from enforcement_core.report import AnnualReport, RateName
from enforcement_core.summary import summarize
from enforcement_core.workforce import UnitKind, walk_units

__all__ = [
    "FIGURE_FIELDS",
    "RATE_FIGURES",
    "CategoryTotal",
    "Rate",
    "RectificationDays",
    "Tally",
    "TallyBy",
    "category_totals",
    "days_to_rectify",
    "exact_rate",
    "exact_rates",
    "figure",
    "fine_per_case",
    "inspected_targets",
    "open_hazards",
    "rate",
    "rates",
    "rectification_histogram",
    "report_figures",
    "stated_figure",
    "tally",
]

#: The fields of an :class:`AnnualReport` that hold figures, in report order.
FIGURE_FIELDS = (
    "workforce",
    "powers",
    *(category.field for category in CATEGORIES),
    "interviews",
    "other_actions",
    "reviews",
)


def _exact_number(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is int or (type(value) is Decimal and value.is_finite()):
        if value < 0:
            fail(instance, attribute.name, value, f"must not be negative, got {value}")
        return
    fail(instance, attribute.name, value, f"must be an int or a finite Decimal, not {value!r}")


@attrs.frozen
class Rate:
    """An exact ratio of two figures, such as hazards rectified to hazards found.

    A *share* (the default) is part of a whole: its numerator cannot exceed its
    denominator. A rate whose denominator is 0 is undefined: :meth:`percent`
    gives ``None``, never a ``ZeroDivisionError`` and never NaN, so an undefined
    rate stays apart from 0% and from 100%.

    Examples:
        >>> Rate(502, 509).percent(2)
        Decimal('98.62')
        >>> Rate(789, 800).percent(2)  # 98.625: half up, once, from the exact ratio
        Decimal('98.63')
        >>> Rate(0, 0).percent(2) is None
        True
        >>> Rate(0, 5).percent(1), Rate(5, 5).percent(0)
        (Decimal('0.0'), Decimal('100'))
        >>> Rate(6, 5)
        Traceback (most recent call last):
        ...
        enforcement_core.errors.InvariantError: Rate.numerator: 6 exceeds the denominator 5 of a share
        >>> Rate(Decimal("6800"), 220, share=False).value(2)  # yuan per case
        Decimal('30.91')
    """

    #: The part (or, for a rate that is not a share, the dividend).
    numerator: int | Decimal = attrs.field(validator=_exact_number)
    #: The whole; 0 makes the rate undefined.
    denominator: int | Decimal = attrs.field(validator=_exact_number)
    #: Whether the rate is a share of a whole, at most 1.
    share: bool = attrs.field(default=True, kw_only=True)

    @numerator.validator
    def _within_the_whole(self, attribute: attrs.Attribute[Any], value: int | Decimal) -> None:
        if self.share and value > self.denominator:
            fail(
                self,
                attribute.name,
                value,
                f"{value} exceeds the denominator {self.denominator} of a share",
            )

    @property
    def defined(self) -> bool:
        """Whether the rate has a denominator to divide by."""
        return self.denominator != 0

    def fraction(self) -> Fraction | None:
        """The exact ratio; ``None`` when undefined."""
        if not self.defined:
            return None
        return Fraction(self.numerator) / Fraction(self.denominator)

    def percent(self, places: int = 2) -> Decimal | None:
        """The rate in percent, rounded half up to ``places`` decimals; ``None`` when undefined."""
        ratio = self.fraction()
        return None if ratio is None else round_half_up(ratio * 100, places)

    def value(self, places: int = 2) -> Decimal | None:
        """The ratio itself, rounded half up to ``places``; ``None`` when undefined."""
        ratio = self.fraction()
        return None if ratio is None else round_half_up(ratio, places)

    def __str__(self) -> str:
        """``98.62%``, or ``undefined``."""
        percent = self.percent()
        return "undefined" if percent is None else f"{percent}%"


def report_figures(report: AnnualReport) -> Iterator[tuple[str, int | Decimal]]:
    """Every figure a report states, with its path, in report order.

    Examples:
        >>> from enforcement_core import examples
        >>> dict(report_figures(examples.load("gulu-2023")))["inspection.hazards.found"]
        509
    """
    for name in FIGURE_FIELDS:
        yield from figures(getattr(report, name), f"{name}.")


def figure(report: AnnualReport, path: str) -> int | Decimal | None:
    """The figure at ``path``: as stated, or derived from its parts when not stated.

    A figure the report writes only rounded or in 万 (:class:`StatedFigure`,
    "46.6万宗") is its value at the precision written; one it writes qualified
    ("2300余") is a bound, not its value, and is not returned. A total the report does
    not state is the largest sum of one of its breakdowns (every breakdown is a
    lower bound of its total); ``None`` when neither the total nor any part is
    stated.

    Examples:
        >>> from enforcement_core import examples
        >>> report = examples.load("gulu-2023")
        >>> report.penalty.cases is None, figure(report, "penalty.cases")
        (True, 220)
        >>> figure(report, "penalty.fines")
        Decimal('6800')
        >>> figure(report, "coercion.measures") is None
        True
    """
    stated = resolve(report, path)
    if stated is not None:
        return stated  # type: ignore[no-any-return]
    written = report.stated.figure(path)
    # A qualified figure ("2300余") is a bound, not a value: the figure is then unknown,
    # or the sum of its parts, a lower bound as for any total not stated.
    if written is not None and not written.qualifier:
        return written.exact
    derived: list[Any] = []
    for owner, rest in owners(report, path):
        for breakdown in breakdowns(type(owner)) if attrs.has(type(owner)) else ():
            if breakdown.total == rest and not breakdown.subset:
                added = breakdown.added(owner)
                if added is not None:
                    derived.append(added)
    return max(derived) if derived else None


def stated_figure(report: AnnualReport, path: str) -> int | Decimal | None:
    """The figure at ``path`` as the report states it: held, or written rounded; never derived.

    What a renderer may publish as the report's own figure. For a figure
    written as a bound ("2300余") it is the number of the bound, which a
    renderer writes only with its qualifier (:meth:`StatedFigure.phrase
    <enforcement_core.report.StatedFigure.phrase>`); the audit never takes it as the
    figure. A total the report does not state is not added up from its parts here (:func:`figure` does
    that, for the audit and the rates): parts may cover only some of it, so the
    sum is a lower bound, not the figure.

    Examples:
        >>> from enforcement_core import examples
        >>> report = examples.load("gulu-2023")
        >>> stated_figure(report, "penalty.cases") is None, figure(report, "penalty.cases")
        (True, 220)
        >>> stated_figure(report, "inspection.visits")
        363
    """
    held = resolve(report, path)
    if held is not None:
        return held  # type: ignore[no-any-return]
    written = report.stated.figure(path)
    return None if written is None else written.exact


def _share(numerator: Any, denominator: Any) -> Rate | None:
    if numerator is None or denominator is None or numerator > denominator:
        return None
    return Rate(numerator, denominator)


def _office_certified(report: AnnualReport) -> int | None:
    offices = [
        unit.certified
        for unit in report.workforce.units.values()
        if unit.kind is UnitKind.COMPREHENSIVE_ENFORCEMENT_OFFICE
    ]
    if not offices or any(n is None for n in offices):
        return None
    return sum(n for n in offices if n is not None)


def rate(report: AnnualReport, name: RateName) -> Rate | None:  # noqa: PLR0911  (a case per rate)
    """The rate ``name`` of a report, computed from its figures (never stored).

    =========================  =================================================
    rate                       numerator ÷ denominator
    =========================  =================================================
    ``rectification``          hazards rectified ÷ hazards found (隐患整改率)
    ``grant_of_applications``  licences granted ÷ applications
    ``grant_of_decisions``     licences granted ÷ (granted + refused)
    ``certification``          certified officers ÷ established staff (持证率)
    ``training_coverage``      officers trained ÷ certified officers
    ``office_share``           certified officers of the comprehensive
                               enforcement office (its brigade included) ÷
                               all certified officers
    =========================  =================================================

    Returns ``None`` when a figure it needs is not stated, or when the figures
    would make a share above 100% (the audit reports that).

    Examples:
        >>> from enforcement_core import examples
        >>> report = examples.load("gulu-2023")
        >>> rate(report, RateName.RECTIFICATION).percent(2)
        Decimal('98.62')
        >>> rate(report, RateName.GRANT_OF_APPLICATIONS).percent(2)
        Decimal('86.01')
        >>> rate(report, RateName.OFFICE_SHARE).percent(2)
        Decimal('36.36')
        >>> rate(report, RateName.GRANT_OF_DECISIONS) is None  # refusals not stated
        True
    """
    licensing = report.licensing
    match name:
        case RateName.RECTIFICATION:
            return _share(
                figure(report, "inspection.hazards.rectified"),
                figure(report, "inspection.hazards.found"),
            )
        case RateName.GRANT_OF_APPLICATIONS:
            return _share(
                figure(report, "licensing.granted"), figure(report, "licensing.applications")
            )
        case RateName.GRANT_OF_DECISIONS:
            if licensing is None or licensing.granted is None or licensing.refused is None:
                return None
            return _share(licensing.granted, licensing.granted + licensing.refused)
        case RateName.CERTIFICATION:
            return _share(figure(report, "workforce.certified"), report.workforce.established_staff)
        case RateName.TRAINING_COVERAGE:
            return _share(report.workforce.trained, figure(report, "workforce.certified"))
        case RateName.OFFICE_SHARE:
            return _share(_office_certified(report), figure(report, "workforce.certified"))


#: The figures each built-in rate divides, by path (the office's certified officers are
#: held per unit, and count only when every office states them).
RATE_FIGURES: Mapping[RateName, tuple[str, ...]] = FrozenMap(
    {
        RateName.RECTIFICATION: ("inspection.hazards.rectified", "inspection.hazards.found"),
        RateName.GRANT_OF_APPLICATIONS: ("licensing.granted", "licensing.applications"),
        RateName.GRANT_OF_DECISIONS: ("licensing.granted", "licensing.refused"),
        RateName.CERTIFICATION: ("workforce.certified", "workforce.established_staff"),
        RateName.TRAINING_COVERAGE: ("workforce.trained", "workforce.certified"),
        RateName.OFFICE_SHARE: ("workforce.certified",),
    }
)


def exact_rate(report: AnnualReport, name: RateName) -> Rate | None:
    """The rate ``name`` only when it is exact: every figure it divides held as stated.

    A figure derived from its parts is a lower bound, and one written rounded
    ("46.6万") is known to its precision only: a rate of either would publish a
    number nobody can vouch for. :func:`rate` computes from those too, for the audit.

    Examples:
        >>> from enforcement_core import AnnualReport, examples
        >>> from enforcement_core.workforce import Unit, WorkforceFigures
        >>> exact_rate(examples.load("gulu-2023"), RateName.RECTIFICATION).percent(2)
        Decimal('98.62')
        >>> units = WorkforceFigures(units={"office": Unit("综合执法办", certified=3)}, trained=3)
        >>> report = AnnualReport(body=examples.load("gulu-2023").body, year=2023, workforce=units)
        >>> rate(report, RateName.TRAINING_COVERAGE).percent(0)  # certified derived from the units
        Decimal('100')
        >>> exact_rate(report, RateName.TRAINING_COVERAGE) is None
        True
    """
    if any(resolve(report, path) is None for path in RATE_FIGURES[name]):
        return None
    return rate(report, name)


def exact_rates(report: AnnualReport) -> dict[RateName, Rate]:
    """Every rate :func:`exact_rate` gives, in :class:`RateName` order.

    Examples:
        >>> from enforcement_core import examples
        >>> {name.value: str(r) for name, r in exact_rates(examples.load("gulu-2023")).items()}
        {'rectification': '98.62%', 'grant_of_applications': '86.01%', 'training_coverage': '100.00%', 'office_share': '36.36%'}
    """
    found = {name: exact_rate(report, name) for name in RateName}
    return {name: value for name, value in found.items() if value is not None}


def rates(report: AnnualReport) -> dict[RateName, Rate]:
    """Every rate the report's figures allow, in :class:`RateName` order.

    Examples:
        >>> from enforcement_core import examples
        >>> {name.value: str(r) for name, r in rates(examples.load("gulu-2023")).items()}
        {'rectification': '98.62%', 'grant_of_applications': '86.01%', 'training_coverage': '100.00%', 'office_share': '36.36%'}
    """
    found = {name: rate(report, name) for name in RateName}
    return {name: value for name, value in found.items() if value is not None}


def fine_per_case(report: AnnualReport) -> Rate | None:
    """Fines per penalty case, in yuan: total fines ÷ penalty cases (not a share).

    Both figures may be derived from the domains. Where fines are stated for
    only some domains (as in the reference report), the cases of the other
    domains still count: say so where the figure is published.

    Examples:
        >>> from enforcement_core import examples
        >>> fine_per_case(examples.load("gulu-2023")).value(2)
        Decimal('30.91')
    """
    fines = figure(report, "penalty.fines")
    cases = figure(report, "penalty.cases")
    if fines is None or cases is None:
        return None
    return Rate(fines, cases, share=False)


@attrs.frozen
class CategoryTotal:
    """The count and money of one action category in a year."""

    #: How many actions; ``None`` when not stated.
    count: int | None
    #: The money involved in yuan (fines and confiscations, levies, payments); ``None``
    #: when the category has none or it is not stated.
    amount: Decimal | None


def _sum_known(*numbers: Any) -> Any:
    known = [n for n in numbers if n is not None]
    return sum(known) if known else None


def _category_total(report: AnnualReport, category: Category) -> CategoryTotal:
    field = category.field
    total = figure(report, f"{field}.{category.total}") if category.total else None
    count = (
        total
        if total is not None
        else _sum_known(*(figure(report, f"{field}.{name}") for name in category.count))
    )
    amount = None
    for names in category.amount:
        amount = _sum_known(*(figure(report, f"{field}.{name}") for name in names))
        if amount is not None:
            break
    # A count written in 万 ("46.6万件") is a whole number at the precision written.
    return CategoryTotal(None if count is None else int(count), amount)


def category_totals(report: AnnualReport) -> dict[ActionKind, CategoryTotal]:
    """The count and money of every category the report has data for.

    ============  ===========================================  ============================
    category      count                                        money
    ============  ===========================================  ============================
    licensing     matters handled, or decisions:               —
                  granted + refused (as stated)
    inspection    establishment-visits                         —
    penalty       cases                                        fines and confiscations
    coercion      coercive actions, or coercive measures +     —
                  coercive executions
    the others    their count                                  their amount
    ============  ===========================================  ============================

    Totals not stated are derived from their parts (:func:`figure`).

    Examples:
        >>> from enforcement_core import examples
        >>> for kind, total in category_totals(examples.load("gulu-2023")).items():
        ...     print(kind.value, total.count, total.amount)
        licensing 209 None
        penalty 220 6800
        inspection 363 None
    """
    totals: dict[ActionKind, CategoryTotal] = {
        category.kind: _category_total(report, category)
        for category in CATEGORIES
        if getattr(report, category.field) is not None
    }
    for kind in report.other_actions:
        # Figures written only rounded ("46.6万宗", "11.45亿元") count as written.
        count = figure(report, f"other_actions.{kind.value}.count")
        amount = figure(report, f"other_actions.{kind.value}.amount")
        money = None if amount is None else Decimal(amount)
        totals[kind] = CategoryTotal(None if count is None else int(count), money)
    order = list(ActionKind)
    return dict(sorted(totals.items(), key=lambda item: order.index(item[0])))


class TallyBy(StrEnum):
    """What a :class:`Tally` counts by."""

    #: Actions by category (:func:`category_totals`' counts).
    CATEGORY = "category"
    #: Penalty cases by domain.
    DOMAIN = "domain"
    #: Establishment-visits by inspection area.
    AREA = "area"
    #: Hazards under listed supervision by level.
    SUPERVISION = "supervision"
    #: Certified officers by unit (sub-units by their path).
    UNIT = "unit"
    #: Actions by month of the year (records only).
    MONTH = "month"


@attrs.frozen
class Tally:
    """Counts by one key (category, domain, area, supervision level, unit or month).

    Examples:
        >>> from enforcement_core import examples
        >>> domains = tally(examples.load("gulu-2023"), TallyBy.DOMAIN)
        >>> {k.value: v for k, v in domains.counts.items()}, domains.total
        ({'work_safety': 4, 'traffic': 216}, 220)
    """

    #: What is counted by.
    by: TallyBy
    #: The count of each key, in the order of the vocabulary (units: as stated).
    counts: Mapping[Any, int] = attrs.field(factory=FrozenMap, converter=frozen_map)

    def _repr_html_(self) -> str:
        """The tally as an HTML table, for Jupyter."""
        rows = [(getattr(key, "value", key), count) for key, count in self.counts.items()]
        return _display.table([self.by.value, "count"], [*rows, ("total", self.total)], numeric=[1])

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # noqa: ARG002, FBT001  (IPython's signature)
        """The tally as lines of ``key: count``."""
        lines = [f"{getattr(key, 'value', key)}: {count}" for key, count in self.counts.items()]
        printer.text("\n".join([f"Tally by {self.by.value} (total {self.total})", *lines]))

    def to_dataframe(self) -> Any:
        """A pandas DataFrame of the counts (needs the ``pandas`` extra)."""
        return _display.frame("tally", self)

    @property
    def total(self) -> int:
        """The sum of the counts (units: of the top-level units only)."""
        if self.by is TallyBy.UNIT:
            return sum(n for key, n in self.counts.items() if "." not in str(key))
        return sum(self.counts.values())


def _stated(items: Iterator[tuple[Any, int | None]]) -> dict[Any, int]:
    return {key: value for key, value in items if value is not None}


def tally(
    source: AnnualReport | Ledger, by: TallyBy | str, *, kind: ActionKind | None = None
) -> Tally:
    """Counts of a report or a ledger by ``by``; only stated counts appear.

    A ledger is summarised first, except by month, which only records can give:
    the actions of the ledger's year by month (1 to 12), of every category or of
    ``kind`` alone (licence applications, inspections, penalty cases, coercive
    actions and other actions; interviews are not an action category).

    Raises:
        StatisticsError: ``by`` is not a :class:`TallyBy`, or a month tally is
            asked of a report of yearly figures.

    Examples:
        >>> from enforcement_core import examples
        >>> tally(examples.load("gulu-2023"), "supervision").counts
        {<SupervisionLevel.DIVISION: 'division'>: 6, <SupervisionLevel.SECTION: 'section'>: 5}
        >>> tally(examples.load("gulu-2023"), "unit").counts
        {'enforcement_office': 8, 'enforcement_office.subunits.enforcement_brigade': 5, 'related_offices': 14}
    """
    try:
        by = TallyBy(by)
    except ValueError:
        known = ", ".join(repr(member.value) for member in TallyBy)
        raise StatisticsError(f"cannot tally by {by!r}; tally by one of {known}") from None
    if by is TallyBy.MONTH:
        if not isinstance(source, Ledger):
            raise StatisticsError("a tally by month needs a ledger of records, not yearly figures")
        return Tally(by, _by_month(source, kind))
    report = summarize(source) if isinstance(source, Ledger) else source
    match by:
        case TallyBy.CATEGORY:
            counts = _stated((k, t.count) for k, t in category_totals(report).items())
        case TallyBy.DOMAIN:
            penalty = report.penalty
            counts = _stated((k, d.cases) for k, d in penalty.by_domain.items()) if penalty else {}
        case TallyBy.AREA:
            inspection = report.inspection
            counts = (
                _stated((k, a.visits) for k, a in inspection.by_area.items()) if inspection else {}
            )
        case TallyBy.SUPERVISION:
            inspection = report.inspection
            counts = dict(inspection.hazards.supervised) if inspection else {}
        case TallyBy.UNIT:
            counts = _stated(
                (path, unit.certified) for path, unit in walk_units(report.workforce.units)
            )
    return Tally(by, counts)


def _by_month(ledger: Ledger, kind: ActionKind | None) -> dict[int, int]:
    records: list[Any] = []
    for category in CATEGORIES:
        if category.records is not None and kind in (None, category.kind):
            records.extend(getattr(ledger, category.records.field))
    records.extend(a for a in ledger.other_actions if kind is None or a.kind is kind)
    months = Counter(r.date.month for r in records if r.date.year == ledger.year)
    return {month: months[month] for month in range(1, 13)}


def inspected_targets(ledger: Ledger) -> frozenset[str]:
    """The establishments the year's inspections visited, each once (the 家 of 家次).

    A record-level statistic, like :func:`days_to_rectify`: the visits count
    each inspection, this counts the establishments, however often visited.

    Examples:
        >>> from enforcement_core import examples
        >>> ledger = examples.load_records("gulu-2023")
        >>> len(inspected_targets(ledger)) <= len(ledger.inspections)
        True
    """
    return frozenset(
        inspection.target
        for inspection in ledger.inspections
        if inspection.inspected_on.year == ledger.year
    )


def open_hazards(source: AnnualReport | Ledger) -> int | None:
    """Hazards still open at the end of the year.

    For a report: hazards found less hazards rectified (``None`` unless both are
    known). For a ledger: the hazards found by the year's inspections that were
    not rectified by 31 December.

    Examples:
        >>> from enforcement_core import examples
        >>> open_hazards(examples.load("gulu-2023"))
        7
    """
    if isinstance(source, Ledger):
        year_end = dt.date(source.year, 12, 31)
        return sum(
            1
            for inspection in source.inspections
            if inspection.inspected_on.year == source.year
            for hazard in inspection.hazards
            if hazard.is_open_on(year_end)
        )
    found = figure(source, "inspection.hazards.found")
    rectified = figure(source, "inspection.hazards.rectified")
    if found is None or rectified is None:
        return None
    return int(found - rectified)


@attrs.frozen
class RectificationDays:
    """How many days hazards took to be rectified: a record-level statistic.

    The median of an even number of values is the mean of the two middle ones;
    the 90th percentile is the nearest rank (the smallest value with at least
    90% of the values at or below it).
    """

    #: Rectified hazards measured.
    count: int
    #: The median number of days; ``None`` when no hazard was rectified.
    median: Decimal | None
    #: The 90th percentile, in days; ``None`` when no hazard was rectified.
    p90: int | None

    @classmethod
    def of(cls, histogram: Mapping[int, int]) -> RectificationDays:
        """The statistic of a histogram of days (days -> hazards), exactly.

        Examples:
            >>> RectificationDays.of({3: 2, 10: 1, 40: 1})
            RectificationDays(count=4, median=Decimal('6.5'), p90=40)
        """
        count = sum(histogram.values())
        if not count:
            return cls(0, None, None)

        def nth(rank: int) -> int:  # the rank-th smallest value, from 1
            seen = 0
            for days in sorted(histogram):
                seen += histogram[days]
                if seen >= rank:
                    return days
            raise AssertionError(rank)  # pragma: no cover - rank <= count

        middle, odd = divmod(count, 2)
        median = Decimal(nth(middle + 1)) if odd else (Decimal(nth(middle)) + nth(middle + 1)) / 2
        return cls(count, median, nth(-(-count * 9 // 10)))  # ceil(0.9 n), the nearest rank


def days_to_rectify(ledger: Ledger) -> RectificationDays:
    """Days from finding to rectification of the hazards of the year's inspections.

    Examples:
        >>> from enforcement_core import examples
        >>> days = days_to_rectify(examples.load_records("gulu-2023"))
        >>> days.count
        502
    """
    return RectificationDays.of(rectification_histogram(ledger))


def rectification_histogram(ledger: Ledger) -> Counter[int]:
    """How many of the year's hazards took each number of days to be rectified.

    The histogram is what :class:`RectificationDays` is computed from; histograms
    of parts of a ledger add up to the histogram of the whole, so the median
    and the 90th percentile stay exact after merging (:mod:`~enforcement_core.partials`).

    Examples:
        >>> from enforcement_core import examples
        >>> sum(rectification_histogram(examples.load_records("gulu-2023")).values())
        502
    """
    return Counter(
        (hazard.rectified_on - hazard.found_on).days
        for inspection in ledger.inspections
        if inspection.inspected_on.year == ledger.year
        for hazard in inspection.hazards
        if hazard.rectified_on is not None
    )
