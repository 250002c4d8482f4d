"""The annual enforcement report (行政执法数据年度报告): figures, narrative, and what it states.

An :class:`AnnualReport` holds a body's yearly figures as facts. What a published
report *states* beside its counts (a rate "98.62%", a change "下降30%", a grand
total) is held apart in :class:`Stated`, so the audit can hold it against the
counts; how the report writes its numbers (万元, 起 or 件) is held in
:class:`Conventions`, which renderers take as their defaults.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Any, Final

import attrs

from enforcement_core import _display
from enforcement_core._mapping import FrozenMap
from enforcement_core._paths import check_figure_path, figure_type
from enforcement_core._validators import (
    a_count,
    a_date,
    a_year,
    apply_checks,
    checks,
    fail,
    frozen_map,
    instance_of,
    instance_of_own_class,
    mapping_of,
    member_of,
    money,
    one_of,
    optional,
    rule,
    text,
    tuple_of,
)
from enforcement_core.actions import ActionKind
from enforcement_core.body import EnforcementBody
from enforcement_core.categories import own_figures, report_fields
from enforcement_core.dimensions import canonical_path
from enforcement_core.figures import (
    ActionFigures,
    Activity,
    CoercionFigures,
    InspectionFigures,
    InterviewFigures,
    LicensingFigures,
    PenaltyFigures,
    PowerFigures,
    ReviewFigures,
)
from enforcement_core.labels import Vocabulary
from enforcement_core.numbers_zh import AMOUNT_UNITS, MeasureKind, measure_words
from enforcement_core.workforce import WorkforceFigures

__all__ = [
    "CHANGE_VERBS",
    "PLACES",
    "QUALIFIERS",
    "AnnualReport",
    "Bound",
    "ChangeUnit",
    "Conventions",
    "Narrative",
    "OwnFigure",
    "RateName",
    "SanctionCounting",
    "Section",
    "SectionRole",
    "Stated",
    "StatedChange",
    "StatedFigure",
    "StatedNote",
    "known_rate",
]

#: Measure words for cases; regions differ, and one report may mix them.
_CASE_MEASURES = measure_words(MeasureKind.CASE)


class SectionRole(StrEnum):
    """What a narrative section is for, so that a renderer knows what to write in it.

    Two roles ask for generated text: the figures are written from the data,
    first in the section, before the section's own paragraphs.
    """

    #: The overall situation (总体情况); a renderer adds missing data sections to it.
    OVERVIEW = "overview"
    #: The workforce (执法人员管理情况): the workforce figures are written here.
    WORKFORCE = "workforce"
    #: The enforcement actions (执法行为数据总体情况): the action figures are written here.
    ACTIONS = "actions"
    #: Problems found (存在的主要问题).
    PROBLEMS = "problems"
    #: Plans for the next year (工作打算).
    PLANS = "plans"
    #: Anything else, written where it stands.
    OTHER = "other"


def _canonical(path: Any) -> Any:
    """A figure path naming a part as the holder keys it ("对个人" → ``natural_person``)."""
    # AnnualReport is defined below; a converter runs when a document is built.
    return canonical_path(AnnualReport, path) if type(path) is str else path


def _canonical_keys(value: Any) -> Any:
    """A mapping by figure path, each path naming a part as the holder keys it."""
    if isinstance(value, Mapping) and all(type(key) is str for key in value):
        canonical = {_canonical(key): held for key, held in value.items()}
        # Two paths naming one part are not merged: kept as written, nothing is dropped.
        if len(canonical) == len(value):
            return FrozenMap(canonical)
    return frozen_map(value)


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class Section:
    """A narrative section: free text in paragraphs, with sub-sections.

    Titles are held without their markers (一、 （一）): renderers number them.
    """

    #: The section's title, without its marker: "存在的主要问题".
    title: str = attrs.field(metadata=checks(text()))
    #: What the section is for.
    role: SectionRole = attrs.field(
        default=SectionRole.OTHER, metadata=checks(member_of(SectionRole))
    )
    #: The paragraphs, in order.
    paragraphs: tuple[str, ...] = attrs.field(default=(), metadata=checks(tuple_of(text())))
    #: The sub-sections, in order.
    subsections: tuple[Section, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(instance_of_own_class()))
    )


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class Narrative:
    """The free text of a report, in order: an opening line and the sections."""

    #: The opening line ("按照有关规定，现将我镇2023年行政执法总体情况报告如下：").
    opening: str = attrs.field(default="", metadata=checks(instance_of(str)))
    #: The sections, in order.
    sections: tuple[Section, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(instance_of(Section)))
    )
    #: The 主送机关, the body the report is sent to ("渝北区人民政府"); empty when not given.
    addressee: str = attrs.field(default="", metadata=checks(instance_of(str)))
    #: The 发文字号 ("古路府发〔2024〕1号"); empty when not given.
    doc_number: str = attrs.field(default="", metadata=checks(instance_of(str)))


class RateName(Vocabulary):
    """The rates a report states; each is derived from its counts by the statistics module."""

    #: 隐患整改率: hazards rectified ÷ found.
    RECTIFICATION = "rectification"
    #: Licences granted ÷ applications.
    GRANT_OF_APPLICATIONS = "grant_of_applications"
    #: Licences granted ÷ decisions (granted + refused).
    GRANT_OF_DECISIONS = "grant_of_decisions"
    #: 持证率: certified officers ÷ established staff.
    CERTIFICATION = "certification"
    #: Officers trained ÷ certified officers.
    TRAINING_COVERAGE = "training_coverage"
    #: Certified officers in the comprehensive enforcement office ÷ all certified officers.
    OFFICE_SHARE = "office_share"


class ChangeUnit(StrEnum):
    """How a year-over-year change is written."""

    #: An absolute change in the figure's own unit ("下降136件").
    ABSOLUTE = "absolute"
    #: A percent change (同比上升10.53%).
    PERCENT = "percent"
    #: A change of a rate in percentage points (提升0.5个百分点).
    POINTS = "points"


#: The most digits a stated number holds before its point, and after it: as many as a
#: JSON document may give a whole number (``serialization.MAX_DIGITS``).
_STATED_DIGITS: Final = 40


def _not_a_finite_decimal(value: object) -> str | None:
    if isinstance(value, float) or type(value) is not Decimal or not value.is_finite():
        return f"must be a finite Decimal, not {value!r}"
    # 1E+999999999 is finite, and no report can write it: each renderer would write a
    # billion digits (or fail), as would the JSON written of it.
    exponent = value.as_tuple().exponent
    if value.adjusted() >= _STATED_DIGITS or -int(exponent) > _STATED_DIGITS:
        return (
            f"{value!r} has more than {_STATED_DIGITS} digits before the point "
            f"or after it, more than any report writes"
        )
    return None


_finite_decimal = rule("finite Decimal", _not_a_finite_decimal)


class Bound(StrEnum):
    """What a qualified figure ("2300余", "不足10") says of the true figure: a bound, not a value."""

    #: 约, 左右: near the value, within the precision written.
    ABOUT = "about"
    #: 余, 多, 超过: above the value.
    MORE_THAN = "more_than"
    #: 以上, 不低于, 不少于: the value or above.
    AT_LEAST = "at_least"
    #: 不足, 不到, 少于: below the value.
    LESS_THAN = "less_than"
    #: 以下, 不超过: the value or below.
    AT_MOST = "at_most"


#: Where a qualifier is written: before the number ("约6.2"), between the number and
#: its measure word ("2300余人次"), or after the measure word ("95%以上", "10件以下").
_BEFORE, _AFTER_NUMBER, _AFTER_MEASURE = "before", "after_number", "after_measure"

#: The qualifiers a report writes, each with the bound it states and where it stands.
QUALIFIERS: Mapping[str, tuple[Bound, str]] = FrozenMap(
    {
        "约": (Bound.ABOUT, _BEFORE),
        "左右": (Bound.ABOUT, _AFTER_MEASURE),
        "余": (Bound.MORE_THAN, _AFTER_NUMBER),
        "多": (Bound.MORE_THAN, _AFTER_NUMBER),
        "超过": (Bound.MORE_THAN, _BEFORE),
        "以上": (Bound.AT_LEAST, _AFTER_MEASURE),
        "不低于": (Bound.AT_LEAST, _BEFORE),
        "不少于": (Bound.AT_LEAST, _BEFORE),
        "不足": (Bound.LESS_THAN, _BEFORE),
        "不到": (Bound.LESS_THAN, _BEFORE),
        "少于": (Bound.LESS_THAN, _BEFORE),
        "以下": (Bound.AT_MOST, _AFTER_MEASURE),
        "不超过": (Bound.AT_MOST, _BEFORE),
    }
)

_qualifier = one_of(("", *QUALIFIERS))


def phrase(number: str, measure: str, qualifier: str) -> str:
    """A number, its measure word and its qualifier, in the order the report writes them.

    Examples:
        >>> phrase("2300", "人次", "余"), phrase("95", "%", "以上"), phrase("10", "件", "不足")
        ('2300余人次', '95%以上', '不足10件')
    """
    if not qualifier:
        return number + measure
    where = QUALIFIERS[qualifier][1]
    if where == _BEFORE:
        return qualifier + number + measure
    if where == _AFTER_NUMBER:
        return number + qualifier + measure
    return number + measure + qualifier


#: The verbs a report states a change with, each with the direction it says: +1 up, -1 down.
CHANGE_VERBS: Mapping[str, int] = FrozenMap(
    {
        "增长": 1,
        "上升": 1,
        "增加": 1,
        "提升": 1,
        "提高": 1,
        "下降": -1,
        "减少": -1,
        "降低": -1,
    }
)


_RATE_PREFIX = "rates."


def _rate_name(name: object) -> object:
    """A built-in rate by its value or label (``"持证率"``); any other name as written."""
    if isinstance(name, RateName) or not isinstance(name, str):
        return name
    try:
        return RateName.from_label(name)
    except ValueError:
        return name


def _rate_names(value: object) -> Any:
    """The stated rates, each built-in one under its :class:`RateName` (:func:`frozen_map`)."""
    if not isinstance(value, Mapping):
        return frozen_map(value)
    return frozen_map({_rate_name(key): number for key, number in value.items()})


def known_rate(name: str) -> RateName | None:
    """The built-in rate a stated rate's name is, or ``None`` for a rate of the report's own.

    Examples:
        >>> known_rate("rectification"), known_rate("办结率")
        (<RateName.RECTIFICATION: 'rectification'>, None)
    """
    try:
        return RateName(name)
    except ValueError:
        return None


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class StatedChange:
    """A year-over-year change as the report states it, with or without the previous figure.

    ``figure`` is a figure path (``"penalty.cases"``) or, for a rate,
    ``"rates.<name>"`` (``"rates.rectification"``, or a rate's own name,
    ``"rates.办结率"``). ``previous`` is the previous year's value in the figure's
    unit (a count, yuan, or a percent for a rate), ``None`` when the report does
    not write it, as most do ("同比上升10.53%"); ``change`` is signed: 上升
    positive, 下降 negative.

    Examples:
        >>> from decimal import Decimal
        >>> StatedChange(
        ...     figure="penalty.cases",
        ...     previous=Decimal(356),
        ...     change=Decimal(-136),
        ...     unit=ChangeUnit.ABSOLUTE,
        ... ).unit
        <ChangeUnit.ABSOLUTE: 'absolute'>
        >>> StatedChange(
        ...     figure="penalty.cases", change=Decimal("10.53"), unit=ChangeUnit.PERCENT
        ... ).previous is None
        True
    """

    #: The figure path, or ``"rates.<name>"``.
    figure: str = attrs.field(converter=_canonical, metadata=checks(text()))
    #: The previous year's value as stated; ``None`` when the report does not write it.
    previous: Decimal | None = attrs.field(default=None, metadata=checks(optional(_finite_decimal)))
    #: The change as stated, signed.
    change: Decimal = attrs.field(metadata=checks(_finite_decimal))
    #: How the change is written.
    unit: ChangeUnit = attrs.field(metadata=checks(member_of(ChangeUnit)))
    #: The verb as the report writes it (下降, 减少, 降低, 增长, 上升, 增加, 提升, 提高);
    #: empty for the renderers' own (上升/下降 for a percent, 增加/减少 for a number).
    verb: str = attrs.field(default="", metadata=checks(one_of(("", *CHANGE_VERBS))))
    #: The percent form written beside an absolute change ("增加150件，增幅为42.3%"),
    #: signed as ``change`` is; ``None`` when the report writes one form only.
    percent: Decimal | None = attrs.field(default=None, metadata=checks(optional(_finite_decimal)))

    @verb.validator
    def _verb_says_the_direction(self, attribute: attrs.Attribute[str], value: str) -> None:
        # In a loader a refused change is recorded and the object still built.
        change: object = self.change
        if not value or not isinstance(change, Decimal) or not change.is_finite():
            return
        direction = CHANGE_VERBS.get(value)
        if direction is not None and (change == 0 or (change > 0) != (direction > 0)):
            fail(
                self,
                attribute.name,
                value,
                f"{value} says {'up' if direction > 0 else 'down'}, the change is {change}",
            )

    @percent.validator
    def _percent_beside_a_number(
        self, attribute: attrs.Attribute[Decimal | None], value: object
    ) -> None:
        change: object = self.change
        if not isinstance(value, Decimal) or not value.is_finite():
            return
        if self.unit is not ChangeUnit.ABSOLUTE:
            fail(self, attribute.name, value, "a percent form goes beside an absolute change only")
        elif isinstance(change, Decimal) and change.is_finite() and (value > 0) != (change > 0):
            fail(self, attribute.name, value, f"must have the sign of the change {self.change}")

    @figure.validator
    def _names_a_figure(self, attribute: attrs.Attribute[str], value: str) -> None:
        if value.startswith(_RATE_PREFIX):
            # A rate the report names itself (办结率) is held as written.
            if not value.removeprefix(_RATE_PREFIX).strip():
                fail(self, attribute.name, value, "a rate needs a name after 'rates.'")
        else:
            reason = check_figure_path(AnnualReport, value)
            if reason is not None:
                fail(self, attribute.name, value, reason)

    @unit.validator
    def _points_for_rates(self, attribute: attrs.Attribute[ChangeUnit], value: ChangeUnit) -> None:
        is_rate = self.figure.startswith(_RATE_PREFIX)
        if is_rate != (value is ChangeUnit.POINTS):
            fail(
                self,
                attribute.name,
                value,
                "a rate changes in percentage points, and only a rate does",
            )


#: The units a figure may be written in, with the power of ten each stands for:
#: counts as they are, in 万 or 亿 ("46.6万宗"); money in 元, 万元 or 亿元 ("11.45亿元").
FIGURE_UNITS: Mapping[str, int] = FrozenMap(
    {"": 0, "万": 4, "亿": 8, "元": 0, "万元": 4, "亿元": 8}
)
_MONEY_UNITS: Final = frozenset({"元", "万元", "亿元"})


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class StatedFigure:
    """A figure as the report writes it, rounded or scaled: "46.6万宗", "11.45亿元".

    The value is held as written, in its unit, so it keeps the precision it was
    written with: "46.6万" is 466,000 to within 500 (half of its last place).
    The audit compares it with the figure held, or with its parts, within that
    precision; renderers write it as stated. ``figure`` is the figure's path,
    ``stated.actions`` or ``stated.amount`` for the grand totals.

    Examples:
        >>> from decimal import Decimal
        >>> visits = StatedFigure(figure="inspection.visits", value=Decimal("46.6"), unit="万")
        >>> visits.exact, visits.tolerance
        (Decimal('466000.0'), Decimal('500'))
        >>> StatedFigure(figure="penalty.fines", value=Decimal("11.45"), unit="亿元").tolerance
        Decimal('500000')
    """

    #: The figure's path.
    figure: str = attrs.field(converter=_canonical, metadata=checks(text()))
    #: The value as written, in its unit: ``Decimal("46.6")`` for "46.6万".
    value: Decimal = attrs.field(metadata=checks(_finite_decimal))
    #: The unit it is written in: a count "" (as it is), "万" or "亿"; an amount "元", "万元"
    #: or "亿元".
    unit: str = attrs.field(default="", metadata=checks(one_of(tuple(FIGURE_UNITS))))
    #: The qualifier as written ("余", "约", "以上", "不足", …, :data:`QUALIFIERS`);
    #: empty for a figure written plainly. A qualified figure is a bound, not a value.
    qualifier: str = attrs.field(default="", metadata=checks(_qualifier))
    #: The figure's own measure word ("人次" for "2300余人次"); empty for its kind's.
    measure: str = attrs.field(default="", metadata=checks(instance_of(str)))

    @figure.validator
    def _names_a_figure(self, attribute: attrs.Attribute[str], value: str) -> None:
        reason = check_figure_path(AnnualReport, value)
        if reason is not None:
            fail(self, attribute.name, value, reason)

    @unit.validator
    def _a_unit_of_its_kind(self, attribute: attrs.Attribute[str], value: str) -> None:
        # Money is written in 元, 万元 or 亿元 ("11.45亿元"), a count as it is or in 万 or 亿:
        # an amount without its unit, or a count in yuan, writes what no report means.
        figure: object = self.figure  # a loader goes on past a figure it refused
        kind = figure_type(AnnualReport, figure) if isinstance(figure, str) else None
        if kind is Decimal and value not in _MONEY_UNITS:
            fail(self, attribute.name, value, "an amount is written in 元, 万元 or 亿元")
        elif kind is int and value in _MONEY_UNITS:
            fail(self, attribute.name, value, "a count is written as it is, or in 万 or 亿")

    @value.validator
    def _not_negative(self, attribute: attrs.Attribute[Decimal], value: object) -> None:
        # In a loader the finite-Decimal check records its refusal and goes on.
        if isinstance(value, Decimal) and value.is_finite() and value < 0:
            fail(self, attribute.name, value, f"must not be negative, got {value}")

    @property
    def exact(self) -> Decimal:
        """The value in counts or yuan, at the precision written."""
        return self.value * Decimal(10) ** FIGURE_UNITS[self.unit]

    @property
    def tolerance(self) -> Decimal:
        """Half of the last place written, in counts or yuan: how far the true figure may be."""
        exponent = self.value.as_tuple().exponent
        places = exponent if isinstance(exponent, int) else 0
        return Decimal(5) * Decimal(10) ** (places - 1 + FIGURE_UNITS[self.unit])

    @property
    def written(self) -> str:
        """The value and unit as the report writes them, qualified: "46.6万", "2300余"."""
        return self.phrase("")

    @property
    def bound(self) -> Bound | None:
        """What the qualifier says of the true figure; ``None`` for a figure written plainly."""
        return QUALIFIERS[self.qualifier][0] if self.qualifier else None

    def phrase(self, measure: str) -> str:
        """The figure as written with a measure word, its own first: "2300余人次", "不足10件".

        Examples:
            >>> from decimal import Decimal
            >>> StatedFigure(figure="penalty.cases", value=Decimal(10), qualifier="不足").phrase(
            ...     "件"
            ... )
            '不足10件'
        """
        return phrase(f"{self.value}{self.unit}", self.measure or measure, self.qualifier)


#: Where the report writes a figure of its own or a note: "" before the figures (the
#: overview), or the paragraph of the workforce, the powers, a category, the
#: interviews, the reviews or the activities.
PLACES: tuple[str, ...] = (
    "",
    "workforce",
    "powers",
    *(kind.value for kind in ActionKind),
    "interviews",
    "reviews",
    "activities",
)


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class OwnFigure:
    """A figure of the report's own, held in its words and written back where it stood.

    One concept for what the library has no field for: a context figure
    ("辖区面积约6.2平方公里", "常住人口3.2万人"), a quantity of things
    ("没收非法出版物120册"), a count of bodies ("执法主体95个"), a ratio per
    officer ("人均办案7件") or a rate the report names ("任务完成率108%"). Where
    the report says what it divides (``numerator`` ÷ ``denominator``, figure
    paths), the audit holds the value to them: a ratio as it is, a rate (measure
    word "%") in percent. A rate of the report's own may pass 100%; a built-in
    rate (its name a :class:`RateName` label: "隐患整改率") may not.

    Examples:
        >>> from decimal import Decimal
        >>> OwnFigure(
        ...     name="辖区面积", value=Decimal("6.2"), measure="平方公里", qualifier="约"
        ... ).text
        '辖区面积约6.2平方公里'
        >>> OwnFigure(name="任务完成率", value=Decimal(108), measure="%").text
        '任务完成率108%'
        >>> OwnFigure(name="隐患整改率", value=Decimal(108), measure="%")
        Traceback (most recent call last):
        ...
        enforcement_core.errors.InvariantError: OwnFigure.value: rectification is a share: must not pass 100, got 108
    """

    #: The figure's name in the report's words: "人均办案", "没收非法出版物".
    name: str = attrs.field(metadata=checks(text()))
    #: The value as written, in its unit.
    value: Decimal = attrs.field(metadata=checks(_finite_decimal))
    #: The unit it is written in: a count "" (as it is), "万" or "亿"; an amount "元", "万元"
    #: or "亿元".
    unit: str = attrs.field(default="", metadata=checks(one_of(tuple(FIGURE_UNITS))))
    #: Its measure word as written: "件", "册", "平方公里"; "%" for a rate.
    measure: str = attrs.field(default="", metadata=checks(instance_of(str)))
    #: The qualifier as written (:data:`QUALIFIERS`); empty for a figure written plainly.
    qualifier: str = attrs.field(default="", metadata=checks(_qualifier))
    #: Where the report writes it (:data:`PLACES`): "" for the overview, or "penalty" ….
    at: str = attrs.field(default="", metadata=checks(one_of(PLACES)))
    #: The figure it divides, where the report says (``"penalty.cases"``).
    numerator: str | None = attrs.field(
        default=None, converter=_canonical, metadata=checks(optional(text()))
    )
    #: The figure it is divided by, where the report says (``"workforce.certified"``).
    denominator: str | None = attrs.field(
        default=None, converter=_canonical, metadata=checks(optional(text()))
    )

    @value.validator
    def _not_negative_nor_a_share_above_whole(
        self, attribute: attrs.Attribute[Decimal], value: object
    ) -> None:
        if not isinstance(value, Decimal) or not value.is_finite():
            return
        if value < 0:
            fail(self, attribute.name, value, f"must not be negative, got {value}")
        known = self.rate_name
        if known is not None and value > 100:
            fail(self, attribute.name, value, f"{known} is a share: must not pass 100, got {value}")

    @numerator.validator
    @denominator.validator
    def _names_a_figure(self, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        if value is None or not isinstance(value, str):
            return
        reason = check_figure_path(AnnualReport, value)
        if reason is not None:
            fail(self, attribute.name, value, reason)
        elif (self.numerator is None) != (self.denominator is None):
            fail(self, attribute.name, value, "a figure divides one by another: give both")

    @property
    def is_rate(self) -> bool:
        """Whether it is a percent ("%")."""
        return self.measure == "%"

    @property
    def rate_name(self) -> RateName | None:
        """The built-in rate it is, for a rate named by a :class:`RateName` label; else ``None``."""
        if not self.is_rate or not isinstance(self.name, str):
            return None
        known = _rate_name(self.name)
        return known if isinstance(known, RateName) else None

    @property
    def bound(self) -> Bound | None:
        """What the qualifier says of the true value; ``None`` for a figure written plainly."""
        return QUALIFIERS[self.qualifier][0] if self.qualifier else None

    @property
    def written(self) -> str:
        """The value as written, with its unit, measure word and qualifier: "约6.2平方公里"."""
        return phrase(f"{self.value}{self.unit}", self.measure, self.qualifier)

    @property
    def text(self) -> str:
        """The name and the value as the report writes them: "人均办案7件"."""
        return self.name + self.written


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class StatedNote:
    """A note the report writes about its figures, held as written where it stood.

    The scope of the figures ("以上数据不含公安和消防", "以下为市本级数据") is
    the report's own: held and written back, never read as a rule.

    Examples:
        >>> StatedNote(text="以上数据不含公安和消防", at="penalty").at
        'penalty'
    """

    #: The note as written.
    text: str = attrs.field(metadata=checks(text()))
    #: Where the report writes it (:data:`PLACES`): "" for the overview, or "penalty" ….
    at: str = attrs.field(default="", metadata=checks(one_of(PLACES)))


def _kinds(value: object) -> Any:
    """Categories named by their values (``"penalty"``) as :class:`ActionKind`; others as given."""
    if not isinstance(value, tuple | list):
        return value
    return tuple(
        ActionKind(kind)
        if isinstance(kind, str) and kind in ActionKind._value2member_map_
        else kind
        for kind in value
    )


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class Stated:
    """What a published report states beside its counts, kept as stated for the audit.

    Rates are percents as written: ``Decimal("98.62")`` for "98.62%"; the number
    of decimals written is the precision the audit holds them to and the
    renderers write them with ("100.0%" stays "100.0%"). A rate is named by a
    :class:`RateName` (or its label: "隐患整改率" is read as ``rectification``),
    whose value the audit recomputes from the counts, or by the report's own
    name ("办结率", "参与率"), held and written as stated.

    Examples:
        >>> from decimal import Decimal
        >>> rates = Stated(rates={"持证率": Decimal("100.0"), "办结率": Decimal("98.5")}).rates
        >>> {str(name): str(value) for name, value in rates.items()}
        {'certification': '100.0', '办结率': '98.5'}
        >>> Stated(actions=728, scope=("licensing", "penalty")).scope
        (<ActionKind.LICENSING: 'licensing'>, <ActionKind.PENALTY: 'penalty'>)
    """

    #: Rates as stated, in percent: a built-in :class:`RateName`, or the report's own name.
    rates: Mapping[str, Decimal] = attrs.field(
        factory=FrozenMap,
        converter=_rate_names,
        metadata=checks(mapping_of(text(), _finite_decimal)),
    )
    #: Year-over-year changes as stated.
    changes: tuple[StatedChange, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(instance_of(StatedChange)))
    )
    #: A grand total of enforcement actions over every category, as stated.
    actions: int | None = attrs.field(default=None, metadata=checks(optional(a_count())))
    #: A grand total of money over every category, as stated, in yuan: money as every
    #: amount of the model is (never negative, exact to the fen).
    amount: Decimal | None = attrs.field(default=None, metadata=checks(optional(money())))
    #: Figures as the report writes them, rounded or in 万 and 亿, one per figure.
    figures: tuple[StatedFigure, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(instance_of(StatedFigure)))
    )
    #: The categories the grand totals cover, as the report declares them ("行政许可、
    #: 行政处罚、行政强制三类共计…"); empty when it does not say, and then the totals
    #: cover every category, those it does not state included.
    scope: tuple[ActionKind, ...] = attrs.field(
        default=(), converter=_kinds, metadata=checks(tuple_of(member_of(ActionKind)))
    )

    #: Figures of the report's own (context, quantities, ratios, rates it names), in its order.
    own_figures: tuple[OwnFigure, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(instance_of(OwnFigure)))
    )
    #: Notes on the figures (their scope: "不含公安和消防"), in the report's order.
    notes: tuple[StatedNote, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(instance_of(StatedNote)))
    )
    #: The day the figures are counted to ("截至12月20日"); ``None``: the whole year.
    cut_off: dt.date | None = attrs.field(default=None, metadata=checks(optional(a_date())))

    def own_at(self, place: str) -> tuple[OwnFigure | StatedNote, ...]:
        """The figures of the report's own and the notes written at ``place``, in its order."""
        items: tuple[OwnFigure | StatedNote, ...] = (*self.own_figures, *self.notes)
        return tuple(item for item in items if item.at == place)

    def figure(self, path: str) -> StatedFigure | None:
        """The figure at ``path`` as the report writes it; ``None`` if it is not stated so."""
        return next((stated for stated in self.figures if stated.figure == path), None)


def _places_up_to(most: int) -> Callable[[object], str | None]:
    """The refusal of a number of decimals that is not a whole number from 0 to ``most``."""

    def refuse(value: object) -> str | None:
        if value is not None and (type(value) is not int or not 0 <= value <= most):
            return f"must be a number of decimals from 0 to {most}, not {value!r}"
        return None

    return refuse


_places = rule("places", _places_up_to(4))

#: The most decimals money is written with in each unit: fen precision (二位 in 元, six
#: in 万元: "52.31047万元"); 元 and "auto" keep the four every renderer has taken.
MONEY_PLACES: Mapping[str, int] = FrozenMap({"元": 4, "万元": 6, "亿元": 10, "auto": 4})

_money_places = rule("money places", _places_up_to(max(MONEY_PLACES.values())))


class SanctionCounting(StrEnum):
    """How a report counts sanction types: a case under every type it carries, or once."""

    #: Under every type a case carries: 23 sanctions for 10 cases is possible.
    EVERY_TYPE = "every_type"
    #: Under its heaviest type only: the types add up to the cases penalised.
    HEAVIEST = "heaviest"


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class Conventions:
    """How a report writes its numbers; renderers take these as their defaults.

    ``measure_words`` gives a figure the measure word the report uses for it
    where that differs from the default of its kind ("216起" beside "243件").
    """

    #: The unit money is written in: "元", "万元", "亿元", or "auto" (by size).
    money_unit: str = attrs.field(default="元", metadata=checks(one_of(AMOUNT_UNITS)))
    #: Decimals written for money; ``None``: none for whole yuan, two otherwise. Up to
    #: fen precision in the unit (:data:`MONEY_PLACES`: six in 万元).
    money_places: int | None = attrs.field(default=None, metadata=checks(_money_places))
    #: Decimals written for money by figure path, where a figure differs from the
    #: report's ("197.62万元" beside "9036.6万元" and "867万元").
    money_places_by_figure: Mapping[str, int] = attrs.field(
        factory=FrozenMap,
        converter=_canonical_keys,
        metadata=checks(mapping_of(instance_of(str), _money_places)),
    )
    #: Decimals written for percentages.
    percent_places: int = attrs.field(default=2, metadata=checks(_places))
    #: The measure word for cases: "件", "宗" or "起".
    case_measure: str = attrs.field(default="件", metadata=checks(one_of(_CASE_MEASURES)))
    #: Measure words for single figures, by figure path.
    measure_words: Mapping[str, str] = attrs.field(
        factory=FrozenMap,
        converter=_canonical_keys,
        metadata=checks(mapping_of(instance_of(str), text())),
    )

    #: How sanction types are counted: under every type a case carries, or its heaviest only.
    sanction_counting: SanctionCounting = attrs.field(
        default=SanctionCounting.EVERY_TYPE, metadata=checks(member_of(SanctionCounting))
    )

    @money_places.validator
    def _money_within_fen(self, attribute: attrs.Attribute[int | None], value: object) -> None:
        self._within_fen(attribute.name, value)

    @money_places_by_figure.validator
    def _each_within_fen(
        self, attribute: attrs.Attribute[Mapping[str, int]], value: Mapping[str, int]
    ) -> None:
        for path, places in value.items():
            self._within_fen(f"{attribute.name}.{path}", places)

    def _within_fen(self, field: str, value: object) -> None:
        unit: object = self.money_unit
        limit = MONEY_PLACES.get(unit) if isinstance(unit, str) else None
        if limit is not None and type(value) is int and limit < value <= max(MONEY_PLACES.values()):
            fail(
                self,
                field,
                value,
                f"must be a number of decimals from 0 to {limit} for money in "
                f"{self.money_unit} (fen precision), not {value}",
            )

    @money_places_by_figure.validator
    @measure_words.validator
    def _keys_name_figures(
        self, attribute: attrs.Attribute[Mapping[str, Any]], value: Mapping[str, Any]
    ) -> None:
        for path in value:
            reason = check_figure_path(AnnualReport, path)
            if reason is not None:
                fail(self, f"{attribute.name}.{path}", path, reason)


def published_after_the_year_began(owner: object, field: str, value: dt.date | None) -> None:
    """Refuse a publication date before the year a report (or a ledger) of ``owner.year`` covers."""
    year = getattr(owner, "year", None)
    if value is not None and isinstance(year, int) and value.year < year:
        fail(
            owner, field, value, f"published on {value}, before the year {year} it reports on began"
        )


@attrs.frozen(kw_only=True, field_transformer=report_fields)
class AnnualReport:
    """A body's annual enforcement report: its yearly figures, narrative and statements.

    A category is ``None`` when the report has no data for it (a renderer leaves
    it out); a category whose figures are zero is stated with zeros.

    Examples:
        >>> import datetime as dt
        >>> from enforcement_core.body import BodyLevel, EnforcementBody
        >>> from enforcement_core.figures import LicensingFigures
        >>> report = AnnualReport(
        ...     body=EnforcementBody(name="示例镇人民政府", level=BodyLevel.TOWN),
        ...     year=2023,
        ...     published_on=dt.date(2024, 1, 18),
        ...     licensing=LicensingFigures(applications=12, granted=10),
        ... )
        >>> report.licensing.granted
        10
        >>> report.inspection is None
        True
    """

    #: The body that publishes the report.
    body: EnforcementBody = attrs.field(metadata=checks(instance_of(EnforcementBody)))
    #: The year the report covers.
    year: int = attrs.field(metadata=checks(a_year()))
    #: The day the report was published.
    published_on: dt.date | None = attrs.field(default=None, metadata=checks(optional(a_date())))
    #: The workforce figures.
    workforce: WorkforceFigures = attrs.field(
        factory=WorkforceFigures, metadata=checks(instance_of(WorkforceFigures))
    )
    #: The enforcement powers the body holds.
    powers: PowerFigures | None = attrs.field(
        default=None, metadata=checks(optional(instance_of(PowerFigures)))
    )
    #: Licensing (行政许可).
    licensing: LicensingFigures | None = attrs.field(
        default=None, metadata=checks(optional(instance_of(LicensingFigures)))
    )
    #: Inspections (行政检查) and the hazards they found.
    inspection: InspectionFigures | None = attrs.field(
        default=None, metadata=checks(optional(instance_of(InspectionFigures)))
    )
    #: Penalties (行政处罚).
    penalty: PenaltyFigures | None = attrs.field(
        default=None, metadata=checks(optional(instance_of(PenaltyFigures)))
    )
    #: Coercion (行政强制).
    coercion: CoercionFigures | None = attrs.field(
        default=None, metadata=checks(optional(instance_of(CoercionFigures)))
    )
    #: Admonitory interviews (约谈).
    interviews: InterviewFigures | None = attrs.field(
        default=None, metadata=checks(optional(instance_of(InterviewFigures)))
    )
    #: The other categories (levy, requisition, adjudication, benefit payment,
    #: confirmation, reward, other), each with its count and money.
    other_actions: Mapping[ActionKind, ActionFigures] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(mapping_of(member_of(ActionKind), instance_of(ActionFigures))),
    )
    #: Reconsideration and litigation (行政复议、行政诉讼).
    reviews: ReviewFigures | None = attrs.field(
        default=None, metadata=checks(optional(instance_of(ReviewFigures)))
    )
    #: Other enforcement work the report counts (巡查, 双随机一公开, 案卷评查), in its order.
    activities: tuple[Activity, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(instance_of(Activity)))
    )
    #: The free text: opening, overview, problems, plans.
    narrative: Narrative = attrs.field(factory=Narrative, metadata=checks(instance_of(Narrative)))
    #: What the report states beside its counts.
    stated: Stated = attrs.field(factory=Stated, metadata=checks(instance_of(Stated)))
    #: How the report writes its numbers.
    conventions: Conventions = attrs.field(
        factory=Conventions, metadata=checks(instance_of(Conventions))
    )

    @published_on.validator
    def _published_after_the_year_began(
        self, attribute: attrs.Attribute[dt.date | None], value: dt.date | None
    ) -> None:
        published_after_the_year_began(self, attribute.name, value)

    @other_actions.validator
    def _only_other_categories(
        self,
        attribute: attrs.Attribute[Mapping[ActionKind, ActionFigures]],
        value: Mapping[ActionKind, ActionFigures],
    ) -> None:
        for kind in value:
            if kind in own_figures():
                fail(
                    self,
                    f"{attribute.name}.{kind.value}",
                    kind,
                    f"{kind.value} has figures of its own: use the {kind.value} field",
                )

    # Rich display reaches up to the renderers and dataframes through _display, at call time.

    def _repr_html_(self) -> str:
        """The report as an HTML table, for Jupyter (the ``html`` renderer)."""
        return _display.rendered(self, "html", fragment=True)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # noqa: FBT001  (IPython's signature)
        """The report as aligned text, for IPython's text/plain (the ``text`` renderer)."""
        printer.text(
            _display.rendered(self, "text").rstrip("\n") if not cycle else "AnnualReport(...)"
        )

    def to_dataframe(self) -> Any:
        """A pandas DataFrame with one row per figure (needs the ``pandas`` extra)."""
        return _display.frame("report", self)
