"""The ``zh`` renderer: the report in the Chinese official style of the reference report.

The title from the body and the year; the sections with their markers (一、
（一） 1. （1）); the workforce and the actions written as prose from the figures
("一是行政许可。全年共计申请农村宅基地243件，作出行政许可209件。"); the narrative
as the report gives it; the body and the date at the end.

Numbers are written as the report's conventions say (万元 or 元, 件 or 起) unless
an option says otherwise; every number comes from the statistics module and is
formatted by :mod:`enforcement_core.numbers_zh`. A category the body has no data
for is left out; a zero the body reports is stated, in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any, Final

import attrs

from enforcement_core._mapping import FrozenMap
from enforcement_core._paths import figure_type, resolve, steps
from enforcement_core._paths import figures as figures_below
from enforcement_core.actions import ActionKind
from enforcement_core.body import BodyLevel
from enforcement_core.categories import CATEGORIES, Category, category
from enforcement_core.dimensions import Coverage
from enforcement_core.errors import RendererOptionError
from enforcement_core.labels import figure_term, label, term_or_key
from enforcement_core.numbers_zh import (
    AMOUNT_UNITS,
    MeasureKind,
    enumeration,
    format_amount,
    format_date,
    format_percent,
    heading_marker,
    measure_words,
    to_capital_amount,
    to_chinese,
)
from enforcement_core.renderers._base import PERSONAL_DATA, Option, published, validate_options
from enforcement_core.renderers._rows import (
    dimension_label,
    dimension_measure,
    held_dimensions,
    part_label,
)
from enforcement_core.report import (
    MONEY_PLACES,
    AnnualReport,
    ChangeUnit,
    OwnFigure,
    RateName,
    Section,
    SectionRole,
    StatedChange,
    StatedNote,
    known_rate,
)
from enforcement_core.statistics import (
    Rate,
    category_totals,
    exact_rate,
    figure,
    stated_figure,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from enforcement_core.dimensions import Dimension

__all__ = ["Block", "ZhDocument", "ZhRenderer", "renderer"]

_SELF = {BodyLevel.TOWN: "我镇", BodyLevel.TOWNSHIP: "我乡", BodyLevel.STREET: "我街道"}
# What numbers_zh writes: Chinese numerals below 10**16, capitals below 10**12 yuan.
_CHINESE_BELOW = 10**16
_CAPITALS_BELOW = Decimal(10**12)
_ACTION_ORDER = tuple(category.kind for category in CATEGORIES)
_NONE_IN_YEAR = {
    ActionKind.LICENSING: "全年未收到行政许可申请",
    ActionKind.INSPECTION: "全年未开展行政检查",
    ActionKind.PENALTY: "全年未作出行政处罚",
    ActionKind.COERCION: "全年未实施行政强制",
}
_WORKFORCE_TITLE = "执法人员管理情况"
_ACTIONS_TITLE = "执法行为数据总体情况"


@attrs.frozen
class Block:
    """A heading or a paragraph of the report.

    Examples:
        >>> Block("存在的问题", level=1, marker="二、").line
        '二、存在的问题'
    """

    #: The text, without the heading's marker.
    text: str
    #: 0 for a paragraph; 1, 2, 3… for a heading of that level (一、 （一） 1. （1）).
    level: int = 0
    #: A heading's marker, such as ``"一、"`` or ``"（一）"``; empty for a paragraph.
    marker: str = ""

    @property
    def line(self) -> str:
        """The block as the text writes it: the marker, then the text."""
        return self.marker + self.text


@attrs.frozen
class ZhDocument:
    """The ``zh`` report as a structure, which the text and the Word document both lay out.

    One source of the prose: ``zh`` writes :meth:`text`, ``docx`` places the same
    blocks on A4 pages.
    """

    #: The title (the body, the year, 行政执法总体情况的报告).
    title: str
    #: The opening, the headings and the paragraphs, in order.
    blocks: tuple[Block, ...]
    #: The issuing body, written at the end.
    body: str
    #: The date of publication (2024年1月18日), or ``None`` when the report has none.
    date: str | None = None

    def text(self) -> str:
        """The report as plain text: one block a paragraph, a blank line between them."""
        lines = [self.title, *(block.line for block in self.blocks), self.body]
        if self.date is not None:
            lines.append(self.date)
        return "\n\n".join(lines) + "\n"


@attrs.frozen
class _Settings:
    """The options, with the report's conventions filled in where an option was not given."""

    money_unit: str
    money_places: int | None
    percent_places: int
    case_measure: str | None
    numerals: str
    capitals: bool
    previous: AnnualReport | None
    change_style: str
    rates: str = "stated"
    #: Whether percent places were asked for: stated rates are then recomputed at them.
    percent_places_given: bool = False
    #: Money decimals by figure path; empty when the money_places option overrides them.
    places_by_figure: Mapping[str, int] = FrozenMap()


class _Writer:
    """Writes the sentences of one report."""

    def __init__(self, report: AnnualReport, settings: _Settings) -> None:
        self.report = report
        self.s = settings
        body = report.body
        self.me = _SELF.get(body.level, body.short_name)
        # The stated changes written beside their figures; the others are written last.
        self.changes_written: set[int] = set()
        # The figures of the report's own and notes written where they stood (by id).
        self.own_written: set[int] = set()

    # Numbers ---------------------------------------------------------------------------

    def word(self, kind: MeasureKind, path: str = "") -> str:
        """The measure word of the figure at ``path``: the option, the report's, or its kind's."""
        conventions = self.report.conventions
        if kind is MeasureKind.CASE and self.s.case_measure is not None:
            return self.s.case_measure
        if path in conventions.measure_words:
            return conventions.measure_words[path]
        if kind is MeasureKind.CASE:
            return conventions.case_measure
        return measure_words(kind)[0]

    def n(self, value: int, kind: MeasureKind, path: str = "") -> str:
        """A count with its measure word, in the numerals asked for; as written if stated so."""
        written = self.report.stated.figure(path) if path else None
        if written is not None:
            return written.phrase(self.word(kind, path))
        return self._number(value) + self.word(kind, path)

    def money(self, value: Decimal | None, path: str = "") -> str:
        """An amount in the report's unit, with the decimals of its figure path if it has its own.

        ``value`` is the amount the report holds, exact; ``None`` when it is known only
        as the report writes it (a figure of ``path``: "46.6万元"), which is written as
        it is and never in capitals: capitals would state an exact amount nobody stated.
        """
        stated = self.report.stated.figure(path) if path else None
        places = self.s.places_by_figure.get(path, self.s.money_places)
        if stated is not None:
            written = stated.written
        elif value is not None:
            written = format_amount(value, unit=self.s.money_unit, places=places)
        else:
            raise ValueError(f"{path}: no amount is held nor written")
        # The loader bounds money below 10**12 yuan, which capitals cover; a total
        # derived from parts can pass it, and is then written in figures only. A bound
        # ("约6.2万元") has no amount to write in capitals.
        bound = stated is not None and stated.qualifier
        if value is None or not self.s.capitals or value >= _CAPITALS_BELOW or bound:
            return written
        return f"{written}（{to_capital_amount(value, prefix=True)}）"

    def percent(self, value: Rate) -> str:
        return format_percent(value, self.s.percent_places)

    def stated_rate(self, name: RateName) -> str:
        """The rate ``name`` as the report states it; computed only when the option asks.

        A rate the report does not state is not invented: it is written only with
        ``rates="computed"``. A stated rate keeps the decimals it was written with.
        """
        stated = self.report.stated.rates.get(name)
        recompute = self.s.rates == "computed" or self.s.percent_places_given
        if stated is not None and not recompute:
            return f"{label(name)}{stated}%{self.rate_change(name)}"
        # Recomputed from the counts, rounded once at the places asked for.
        # Only from held figures: a rate of a derived total or a rounded figure is not exact.
        computed = exact_rate(self.report, name) if stated is not None or recompute else None
        if computed is not None:
            return f"{label(name)}{self.percent(computed)}{self.rate_change(name)}"
        return "" if stated is None else f"{label(name)}{stated}%{self.rate_change(name)}"

    def own_rates(self) -> str:
        """The rates the report names itself (办结率, 参与率), as stated, in its order."""
        return "，".join(
            f"{apart(name)}{value}%{self.stated_change(f'rates.{name}', None)}"
            for name, value in self.report.stated.rates.items()
            if known_rate(name) is None
        )

    def remaining_changes(self) -> str:
        """The stated changes of figures the prose has not written, each as stated."""
        parts = []
        for index, stated in enumerate(self.report.stated.changes):
            if index in self.changes_written or stated.figure.startswith("rates."):
                continue
            words = _figure_words(self.report, stated.figure)
            # Money or a count by what the figure is, held or not (an unknown amount is money).
            money = figure_type(AnnualReport, stated.figure) is Decimal
            kind = None if money else _measure_of(stated.figure)
            parts.append(words + self.stated_change(stated.figure, kind).removeprefix("，"))
        return "，".join(parts)

    # Year over year ----------------------------------------------------------------------

    def stated_change(self, figure_path: str, kind: MeasureKind | None) -> str:
        """The changes the report states for ``figure_path``, as it states them; empty if none.

        A change stated both as a number and as a percent ("增加150件，增幅为42.3%")
        is written both ways, each once.
        """
        written: list[str] = []
        for index, stated in enumerate(self.report.stated.changes):
            if stated.figure == figure_path:
                self.changes_written.add(index)
                written.append(self._one_change(stated, kind))
        return "".join(dict.fromkeys(written))

    def _one_change(self, stated: StatedChange, kind: MeasureKind | None) -> str:
        value = stated.change
        if value == 0:
            return "，与上年持平"
        size = -value if value < 0 else value
        # The report's own verb where it gives one (增长, 降低 …), else the usual one.
        verb = stated.verb
        if stated.unit is ChangeUnit.POINTS:
            return f"，同比{verb or ('提升' if value > 0 else '下降')}{size}个百分点"
        if stated.unit is ChangeUnit.PERCENT:
            return f"，同比{verb or ('上升' if value > 0 else '下降')}{size}%"
        written = (
            self.money(size, stated.figure)
            if kind is None
            else self._as_stated(size, kind, stated.figure)
        )
        both = _percent_form(stated)
        return f"，较上年{verb or ('增加' if value > 0 else '减少')}{written}{both}"

    def _as_stated(self, value: Decimal, kind: MeasureKind, path: str) -> str:
        """A stated count, with the decimals it was written with ("46.6万" stays as written)."""
        if value == value.to_integral_value() and value.as_tuple().exponent >= 0:  # type: ignore[operator]
            # The change's own number: not the figure's, which n() writes as stated.
            return self._number(int(value)) + self.word(kind, path)
        return f"{value}{self.word(kind, path)}"

    def change(self, path: str, kind: MeasureKind | None = None) -> str:
        """The 同比 clause (“，同比上升10.53%”) of the figure at ``path``.

        Computed from the previous year's report when one is given, in the style
        asked for; otherwise the change the report states, as stated; empty
        without either.
        """
        previous = self.s.previous
        if previous is None:
            return self.stated_change(path, kind)
        # Imported here, with a previous year's report: most reports are written without one.
        from enforcement_core.comparison import Change  # noqa: PLC0415

        # Exact only between held figures: not a derived total, not one written rounded.
        change = Change(path, resolve(previous, path), resolve(self.report, path))
        difference = change.difference
        if difference is None:
            # Not computable from the two years: the change the report states, if any.
            return self.stated_change(path, kind)
        # The computed change stands in for the stated one, which is not written again.
        self.changes_written.update(
            i for i, c in enumerate(self.report.stated.changes) if c.figure == path
        )
        if difference == 0:
            return "，与上年持平"
        direction = "上升" if difference > 0 else "下降"
        size = -difference if difference < 0 else difference
        absolute = (
            self.money(Decimal(size), path) if kind is None else self.n(int(size), kind, path)
        )
        percent = change.percent(self.s.percent_places)
        if percent is None or self.s.change_style == "absolute":
            return f"，同比{direction}{absolute}"
        relative = f"{abs(percent)}%"
        if self.s.change_style == "both":
            return f"，同比{direction}{absolute}、{relative}"
        return f"，同比{direction}{relative}"

    def rate_change(self, name: RateName) -> str:
        previous = self.s.previous
        if previous is None:
            return self.stated_change(f"rates.{name.value}", None)
        from enforcement_core.comparison import RateChange  # noqa: PLC0415  (see change)

        points = RateChange(name, exact_rate(previous, name), exact_rate(self.report, name)).points(
            self.s.percent_places
        )
        if points is None:
            return ""
        if points == 0:
            return "，与上年持平"
        return f"，同比{'提升' if points > 0 else '下降'}{abs(points)}个百分点"

    # Workforce ---------------------------------------------------------------------------

    def workforce(self) -> str:
        sentences = [
            self._certified(),
            self._staff(),
            self._certificates(),
            self._movements(),
            self._training(),
            self._misconduct(),
            *self.dimensions(self.report.workforce, "workforce"),
            self.own("workforce"),
        ]
        return "".join(f"{sentence}。" for sentence in sentences if sentence)

    def _certified(self) -> str:
        certified = stated_figure(self.report, "workforce.certified")
        path = "workforce.certified"
        if certified is None:
            # No total, but units that count their officers: written without a total.
            described = [
                self._unit(key, unit)
                for key, unit in self.report.workforce.units.items()
                if any(value for _, value in figures_below(unit))
            ]
            return (
                f"{self.me}取得行政执法资格的人员中，" + "，".join(described) if described else ""
            )
        units_counted = any(value for _, value in figures_below(self.report.workforce.units))
        if certified == 0 and not units_counted:
            return f"目前{self.me}暂无取得行政执法资格的人员" + self.change(
                path, MeasureKind.PERSON
            )
        sentence = f"目前{self.me}取得行政执法资格的人员共{self.n(int(certified), MeasureKind.PERSON, path)}"
        sentence += self.change(path, MeasureKind.PERSON)
        units = self.report.workforce.units.items()
        described = [
            self._unit(key, unit)
            for key, unit in units
            if any(value for _, value in figures_below(unit))
        ]
        sentence += "，其中" + "，".join(described) if described else ""
        share = self.stated_rate(RateName.OFFICE_SHARE)
        return sentence + (f"，{share}" if share else "")

    def _staff(self) -> str:
        person = MeasureKind.PERSON
        staff = [
            f"{word}{self.n(int(value), person, f'workforce.{key}')}"
            + self.change(f"workforce.{key}", person)
            + (self._establishments() if key == "established_staff" else "")
            if value
            else f"无{word}"
            for key, word in (
                ("authorised_posts", "核定编制"),
                ("established_staff", "在编人员"),
                ("auxiliary_staff", "辅助执法人员"),
                ("borrowed_staff", "借调人员"),
                ("uncertified_recruits", "新招录尚未取得执法证人员"),
            )
            if (value := stated_figure(self.report, f"workforce.{key}")) is not None
        ]
        if stated_figure(self.report, "workforce.established_staff") is None:
            # Kinds of establishment without their total: listed, not added up.
            listed = self._establishments().strip("（）")
            staff.insert(0, f"在编人员中{listed}" if listed else "")
        staff.append(self.stated_rate(RateName.CERTIFICATION))
        return self._join(staff)

    def _certificates(self) -> str:
        workforce = self.report.workforce
        person = MeasureKind.PERSON
        new, cancelled = workforce.newly_certified, workforce.certificates_cancelled
        changes = []
        if new is not None:
            changes.append(
                f"全年新增持证人员{self.n(new, person, 'workforce.newly_certified')}"
                if new
                else "全年无新增持证人员"
            )
        if cancelled is not None:
            # Counted in people unless the report counts certificates (a measure word 张).
            path = "workforce.certificates_cancelled"
            counted = self.n(cancelled, person, path)
            if not cancelled:
                changes.append("未注销执法证")
            elif self.word(person, path) == measure_words(person)[0]:
                changes.append(f"注销{counted}执法人员的执法证")
            else:
                changes.append(f"注销执法证{counted}")
        return "，".join(changes)

    def _establishments(self) -> str:
        """The established staff by kind of establishment: "（行政编制12名、事业编制8名）"."""
        listed = [
            f"{label(kind)}{self.n(count, MeasureKind.PERSON, f'workforce.by_establishment.{kind.value}')}"
            for kind, count in self.report.workforce.by_establishment.items()
        ]
        return f"（{'、'.join(listed)}）" if listed else ""

    def _movements(self) -> str:
        """Who left, who passed the exam, whose certificates are applied for and pending."""
        workforce = self.report.workforce
        person = MeasureKind.PERSON
        parts = []
        reasons = [
            f"{label(reason)}{self.n(count, person, f'workforce.departures.{reason.value}')}"
            for reason, count in workforce.departures.items()
            if count
        ]
        if workforce.departed is not None:
            parts.append(
                f"全年减少执法人员{self.n(workforce.departed, person, 'workforce.departed')}"
                + (f"（{'、'.join(reasons)}）" if reasons else "")
                if workforce.departed
                else "全年无执法人员调离、退休或离职"
            )
        elif reasons:
            parts.append("全年" + "、".join(reasons))
        if workforce.exam_passed is not None:
            parts.append(
                f"{self.n(workforce.exam_passed, person, 'workforce.exam_passed')}通过行政执法资格考试"
                if workforce.exam_passed
                else "全年无人员通过行政执法资格考试"
            )
        if workforce.certificates_applied is not None:
            parts.append(
                "申领执法证"
                + self.n(workforce.certificates_applied, person, "workforce.certificates_applied")
            )
        if workforce.certificates_pending:
            parts.append(
                "尚待发证"
                + self.n(workforce.certificates_pending, person, "workforce.certificates_pending")
            )
        return "，".join(parts)

    def _training(self) -> str:
        trained = self.report.workforce.trained
        if trained is None:
            return ""
        if trained == 0:
            return "全年未组织执法人员参加行政执法培训"
        coverage = self.stated_rate(RateName.TRAINING_COVERAGE)
        return (
            f"统一组织{self.n(trained, MeasureKind.PERSON, 'workforce.trained')}执法人员参加行政执法培训"
            + self.change("workforce.trained", MeasureKind.PERSON)
            + (f"，{coverage}" if coverage else "")
        )

    def _misconduct(self) -> str:
        cases = self.report.workforce.misconduct_cases
        year = self.report.year
        if cases is None:
            return ""
        if cases == 0:
            return f"{year}年{self.me}没有发生一起执法人员违规违纪现象"
        return f"{year}年{self.me}发生执法人员违规违纪{self.n(cases, MeasureKind.CASE, 'workforce.misconduct_cases')}"

    def _number(self, value: int) -> str:
        # Counts are bounded below 10**16 on loading, which Chinese numerals cover; a
        # total derived from parts can pass it, and is then written in Arabic digits.
        if self.s.numerals == "chinese" and value < _CHINESE_BELOW:
            return to_chinese(value)
        return str(value)

    def _unit(
        self, key: str, unit: Any, path: str = "workforce.units.", words: str = "执法人员"
    ) -> str:
        """A unit's certified officers, with its own and its sub-units' (to any depth)."""
        path = f"{path}{key}"
        certified = stated_figure(self.report, f"{path}.certified")
        text = f"{unit.name}{words}"
        if certified is not None:
            text += self.n(int(certified), MeasureKind.PERSON, f"{path}.certified")
        parts = []
        own = unit.own_certified
        if unit.subunits and own:
            parts.append(f"{unit.name}本级{self.n(own, MeasureKind.PERSON, f'{path}.certified')}")
        parts += [
            self._unit(sub_key, sub, f"{path}.subunits.", "")
            for sub_key, sub in unit.subunits.items()
            if any(value for _, value in figures_below(sub))
        ]
        return text + (f"（{'，'.join(parts)}）" if parts else "")

    # Actions -----------------------------------------------------------------------------

    def actions(self) -> list[str]:
        """The action paragraphs: the powers, the opening line and the points 一是, 二是…."""
        paragraphs = []
        paragraphs += self._own_paragraphs()
        # Each point: its name, its sentences, and whether anything was done in it.
        points: list[tuple[str, str, bool]] = []
        done: list[ActionKind] = []
        totals = category_totals(self.report)
        for kind in (*_ACTION_ORDER, *self.report.other_actions):
            sentences = self._join([self.category(kind), self.own(kind.value)]) or None
            # A category without a sentence to write ("其他行政执法行为。。") is left out.
            if sentences:
                total = totals.get(kind)
                acted = total is None or total.count != 0 or bool(total.amount)
                points.append((label(kind), sentences, acted))
                if acted:
                    done.append(kind)
        interviews = self._join([self.interviews(), self.own("interviews")])
        if interviews:
            if points and points[-1][0] == label(ActionKind.PENALTY):
                name, sentences, acted = points[-1]
                points[-1] = (name, sentences + "，" + interviews, acted)
            else:
                points.append(("约谈", interviews, True))
        # The opening first: the changes of the grand totals are written there, not last.
        opening = self._counted_to(self._opening(done))
        reviews = self.reviews()
        if reviews and points and reviews != _NO_REVIEWS:
            # Reviews are a point of their own, numbered after the categories (七是…).
            points.append((_REVIEWS_POINT, reviews.removesuffix("。"), True))
            reviews = ""
        closing = self._join(
            [
                self.activities(),
                self.own("activities"),
                self.own("reviews"),
                self.own_rates(),
                self.remaining_changes(),
            ]
        )
        reviews += f"{closing}。" if closing else ""
        if points:
            paragraphs.append(opening + _numbered(points) + reviews)
        elif opening or reviews:
            paragraphs.append(opening + reviews)
        return paragraphs

    def _opening(self, done: list[ActionKind]) -> str:
        """The line before the points: the categories with something done, and the stated totals.

        Only categories with actions are named; one is named without a count
        ("一类" is not how a report reads), none leaves the line to the totals.
        The totals are written beside the categories only when the report
        declares that they cover exactly those (``stated.scope``); otherwise in a
        sentence of their own, so no total reads as one category's.
        """
        year, name = self.report.year, self.report.body.short_name
        stated = self.report.stated
        totals = []
        if stated.actions is not None or stated.figure("stated.actions") is not None:
            count = self.n(stated.actions or 0, MeasureKind.CASE, "stated.actions")
            totals.append(f"共计{count}{self.change('stated.actions', MeasureKind.CASE)}")
        if stated.amount is not None or stated.figure("stated.amount") is not None:
            amount = self.money(stated.amount, "stated.amount")
            totals.append(f"涉及金额{amount}{self.change('stated.amount')}")
        sums = "，".join(totals)
        labels = [label(kind) for kind in done]
        if len(done) > 1:
            line = f"{year}年，{name}开展了{'、'.join(labels)}{_how_many(len(done))}类行政执法行为"
        elif done:
            line = f"{year}年，{name}开展的行政执法行为为{labels[0]}"
        elif sums:
            return f"{year}年，{name}开展行政执法行为{sums}。"
        else:
            return ""
        if not sums:
            return line + "。"
        if set(stated.scope) == set(done):
            return f"{line}，{sums}。"
        return f"{line}。全年开展行政执法行为{sums}。"

    # What the report states in its own words --------------------------------------------

    def own(self, place: str) -> str:
        """The figures of the report's own and its notes written at ``place``, as written."""
        items = []
        for item in self.report.stated.own_at(place):
            self.own_written.add(id(item))
            items.append(
                item.text.rstrip("。；;，,") if isinstance(item, StatedNote) else item.text
            )
        return "，".join(items)

    def own_rest(self) -> str:
        """The figures of the report's own and its notes no paragraph has written, in order."""
        stated = self.report.stated
        items: tuple[OwnFigure | StatedNote, ...] = (*stated.own_figures, *stated.notes)
        rest = [
            item.text.rstrip("。；;，,") if isinstance(item, StatedNote) else item.text
            for item in items
            if id(item) not in self.own_written
        ]
        return "，".join(rest) + "。" if rest else ""

    def _own_paragraphs(self) -> list[str]:
        """The overview's figures of the report's own, then the powers with theirs."""
        paragraphs = []
        overview = self.own("")
        if overview:
            paragraphs.append(f"{overview}。")
        powers = self._join([self.powers().removesuffix("。"), self.own("powers")])
        if powers:
            paragraphs.append(f"{powers}。")
        return paragraphs

    def _nothing_done(self, figures_of: object, field: str) -> bool:
        """Every figure held zero, and none written rounded or as a bound ("不足10件")."""
        written = any(w.figure.startswith(f"{field}.") for w in self.report.stated.figures)
        return _all_zero(figures_of) and not written

    def _counted_to(self, opening: str) -> str:
        """The opening line counted to the report's cut-off ("截至12月20日，…").

        The year is the report's, so reports leave it out; a cut-off in another
        year (which the audit flags) is written whole, so it cannot be misread.
        """
        cut_off = self.report.stated.cut_off
        year = f"{self.report.year}年，"
        if cut_off is None or not opening.startswith(year):
            return opening
        day = format_date(cut_off)
        if cut_off.year == self.report.year:
            day = day.removeprefix(f"{cut_off.year}年")
        return f"截至{day}，" + opening.removeprefix(year)

    def powers(self) -> str:
        powers = self.report.powers
        if powers is None:
            return ""
        total = stated_figure(self.report, "powers.total")
        parts = []
        if total is not None:
            parts.append(
                f"{self.me}共有行政执法职权{self.n(int(total), MeasureKind.ITEM, 'powers.total')}"
            )
        if powers.by_kind:
            # Without a stated total the kinds are listed, never added up into one.
            parts.append(
                ("其中" if total is not None else f"{self.me}行政执法职权中，")
                + "、".join(
                    f"{label(k)}{self.n(v, MeasureKind.ITEM, f'powers.by_kind.{k.value}')}"
                    for k, v in powers.by_kind.items()
                )
            )
        if powers.by_source:
            parts.append(
                ("" if parts else f"{self.me}行政执法职权中，")
                + "、".join(
                    f"{label(k)}{self.n(v, MeasureKind.ITEM, f'powers.by_source.{k.value}')}"
                    for k, v in powers.by_source.items()
                )
            )
        return "，".join(parts) + "。" if parts else ""

    def category(self, kind: ActionKind) -> str | None:
        """The sentences of one category, ``None`` when the report has no data for it."""
        write = {
            ActionKind.LICENSING: self.licensing,
            ActionKind.INSPECTION: self.inspection,
            ActionKind.PENALTY: self.penalty,
            ActionKind.COERCION: self.coercion,
        }.get(kind)
        if write is not None:
            return write()
        declared = category(kind)
        return self.declared(declared) if declared is not None else self.other(kind)

    def declared(self, declared: Category) -> str | None:
        """The sentences of a category of the table without prose of its own: each figure."""
        figures_of = getattr(self.report, declared.field)
        if figures_of is None:
            return None
        stated = list(figures_below(figures_of, f"{declared.field}."))
        name = label(declared.kind)
        if all(value == 0 for _, value in stated):
            return f"全年未发生{name}"
        parts: list[str | None] = []
        for path, value in stated:
            key = path.rsplit(".", 1)[-1]
            # Words by path: another category's word for the same key is never taken.
            own = figure_term(path) or key
            given = path.removeprefix(f"{declared.field}.") in declared.terms
            if isinstance(value, Decimal):
                words = "涉及金额" if key == "amount" and not given else own
                parts.append(f"{words}{self.money(value, path)}")
            else:
                words = f"全年{name}" if key == "count" and not given else own
                parts.append(self._count(words, path, MeasureKind.CASE))
        return self._join(parts)

    def _join(self, parts: Iterable[str | None]) -> str:
        return "，".join(part for part in parts if part)

    def _count(self, words: str, path: str, kind: MeasureKind) -> str | None:
        """A stated count in its words ("受理176件"); a stated zero in words ("未撤销行政许可")."""
        value = stated_figure(self.report, path)
        if value is None:
            return None
        if value == 0 and path in _ZERO_WORDS and self.report.stated.figure(path) is None:
            return _ZERO_WORDS[path] + self.change(path, kind)
        return f"{words}{self.n(int(value), kind, path)}{self.change(path, kind)}"

    def licensing(self) -> str | None:
        licensing = self.report.licensing
        if licensing is None:
            return None
        if self._nothing_done(licensing, "licensing"):
            return _NONE_IN_YEAR[ActionKind.LICENSING]
        case = MeasureKind.CASE
        return self._join(
            [
                self._count(f"全年办理{licensing.subject}行政许可事项", "licensing.handled", case),
                self._count(
                    f"全年共计申请{apart(licensing.subject)}", "licensing.applications", case
                ),
                self._count("受理", "licensing.accepted", case),
                self._count("作出行政许可", "licensing.granted", case),
                self._count("不予许可", "licensing.refused", case),
                self._count("尚在办理", "licensing.pending", case),
                self._count("撤销行政许可", "licensing.revoked", case),
                self._count("经法制审核", "licensing.legal_reviews", case),
                self.stated_rate(RateName.GRANT_OF_APPLICATIONS),
                self.stated_rate(RateName.GRANT_OF_DECISIONS),
            ]
        )

    def inspection(self) -> str | None:
        inspection = self.report.inspection
        if inspection is None:
            return None
        if self._nothing_done(inspection, "inspection"):
            return _NONE_IN_YEAR[ActionKind.INSPECTION]
        visit = MeasureKind.ESTABLISHMENT_VISIT
        areas = "、".join(label(area) for area in inspection.by_area)
        opening = self._count(
            f"全面开展{areas}等行政检查" if areas else "全年开展行政检查",
            "inspection.visits",
            visit,
        )
        counted = [
            f"{label(area)}{self.n(int(visits), visit, f'inspection.by_area.{area.value}.visits')}"
            for area in inspection.by_area
            if (visits := stated_figure(self.report, f"inspection.by_area.{area.value}.visits"))
            is not None
        ]
        if opening and counted:
            opening += f"（其中{'、'.join(counted)}）"
        elif counted:
            opening = f"开展行政检查，按检查领域分，{'、'.join(counted)}"
        hazard = MeasureKind.HAZARD
        parts = [
            opening,
            self._count("共查出安全隐患", "inspection.hazards.found", hazard),
            *self.dimensions(inspection.hazards, "inspection.hazards"),
            self._count("整改隐患", "inspection.hazards.rectified", hazard),
        ]
        parts.append(self.stated_rate(RateName.RECTIFICATION))
        supervised = [
            f"{label(level)}挂牌整治隐患{self.n(count, hazard, f'inspection.hazards.supervised.{level.value}')}"
            for level, count in inspection.hazards.supervised.items()
        ]
        if supervised:
            parts.append("其中" + "，".join(supervised))
        by_area = [
            label(area)
            + "、".join(
                [
                    f"{words}{self.n(value, hazard, f'inspection.by_area.{area.value}.hazards.{key}')}"
                    for key, words in (("found", "查出隐患"), ("rectified", "整改隐患"))
                    if (value := getattr(figures.hazards, key)) is not None
                ]
                + [
                    f"{label(level)}挂牌整治{self.n(count, hazard, f'inspection.by_area.{area.value}.hazards.supervised.{level.value}')}"
                    for level, count in figures.hazards.supervised.items()
                ]
            )
            for area, figures in inspection.by_area.items()
            if figures.hazards.found is not None
            or figures.hazards.rectified is not None
            or figures.hazards.supervised
        ]
        if by_area:
            parts.append("分领域看，" + "，".join(by_area))
        parts.append(self.dimension_clause(inspection, "inspection"))
        return self._join(parts)

    def penalty(self) -> str | None:
        penalty = self.report.penalty
        if penalty is None:
            return None
        if self._nothing_done(penalty, "penalty"):
            return _NONE_IN_YEAR[ActionKind.PENALTY]
        case = MeasureKind.CASE
        parts: list[str | None] = [
            self._count("全年立案", "penalty.filed", case),
            self._count(
                "办理行政处罚案件" if penalty.filed is not None else "全年办理行政处罚案件",
                "penalty.cases",
                case,
            )
            if penalty.cases is not None or self.report.stated.figure("penalty.cases")
            else None,
            *self._domains(),
        ]
        for key, words in (("by_sanction", "按处罚种类分，"), ("by_procedure", "适用")):
            breakdown: Mapping[Enum, int] = getattr(penalty, key)
            if breakdown:
                listed = (
                    f"{label(k)}{self.n(v, case, f'penalty.{key}.{k.value}')}"
                    + self._procedure_fine(key, k)
                    for k, v in breakdown.items()
                )
                parts.append(words + "、".join(listed))
        fined_alone = [
            f"{label(k)}罚款{self.money(v, f'penalty.fines_by_procedure.{k.value}')}"
            for k, v in penalty.fines_by_procedure.items()
            if k not in penalty.by_procedure
        ]
        if fined_alone:
            parts.append("、".join(fined_alone))
        for words, key in (
            ("罚款", "fines"),
            ("没收违法所得和非法财物", "confiscations"),
            ("罚没金额共计", "fines_and_confiscations"),
        ):
            path = f"penalty.{key}"
            value = stated_figure(self.report, path)
            if value == 0 and path in _ZERO_WORDS:
                parts.append(_ZERO_WORDS[path] + self.change(path))
                continue
            parts.append(
                f"{words}{self.money(Decimal(value), path)}{self.change(path)}"
                if value is not None
                else None
            )
        for words, key in (
            ("不予处罚", "not_penalised"),
            ("从轻减轻处罚", "lightened"),
            ("经法制审核", "legal_reviews"),
            ("涉嫌犯罪移送司法机关", "referrals"),
        ):
            parts.append(
                self._count(words, f"penalty.{key}", case)
                if getattr(penalty, key) is not None
                else None
            )
        parts.append(self.dimension_clause(penalty, "penalty"))
        return self._join(parts)

    def dimensions(self, holder: object, path: str) -> list[str]:
        """The report's own breakdowns of ``holder``, a clause each, parts in its order and words."""
        kind = dimension_measure(holder)
        money_word = "罚款" if path == "penalty" else "涉及金额"
        return [
            self._dimension(where, dimension, (kind, money_word, declared.known))
            for where, dimension, declared in held_dimensions(holder, path)
        ]

    def dimension_clause(self, holder: object, path: str) -> str | None:
        """The breakdowns of ``holder`` in one clause, set apart from each other by "；"."""
        return "；".join(self.dimensions(holder, path)) or None

    def _dimension(
        self,
        where: str,
        dimension: Dimension,
        how: tuple[MeasureKind, str, Mapping[str, type[Enum]]],
    ) -> str:
        kind, money_word, known = how
        name = where.rsplit(".", 1)[-1]
        listed: list[str] = []
        for key, part in dimension.parts.items():
            at = f"{where}.parts.{key}"
            text = part_label(key, part, known.get(name), "zh_CN")
            count = self._part_count(f"{at}.count", kind, part.measure or dimension.measure)
            figures_of = [count] if count else []
            # The amount held, else as the report writes it (no capitals of a rounded figure).
            held = resolve(self.report, f"{at}.amount")
            if held is not None or self.report.stated.figure(f"{at}.amount") is not None:
                figures_of.append(f"{money_word}{self.money(held, f'{at}.amount')}")
            text += "，".join(figures_of)
            nested = [
                self._dimension(f"{at}.dimensions.{nested_name}", nested_dimension, how)
                for nested_name, nested_dimension in part.dimensions.items()
            ]
            if nested:
                text += f"（{'；'.join(nested)}）"
            listed.append(text)
        plain = all(
            part.amount is None and not part.dimensions for part in dimension.parts.values()
        )
        joined = ("、" if plain else "；").join(listed)
        if dimension.coverage is Coverage.SUBSET and not dimension.label:
            return f"其中{joined}"
        head = dimension_label(name, dimension, "zh_CN")
        if dimension.total is not None:
            total = self._part_count(f"{where}.total", kind, dimension.measure)
            return f"{head}，共{total}，其中{joined}"
        # A list of counts reads like the other breakdowns ("按处罚种类分，警告…"); parts
        # with money or their own breakdowns are set apart after a colon.
        return f"{head}{'，' if plain else '：'}{joined}"

    def _part_count(self, path: str, kind: MeasureKind, own: str) -> str:
        """A part's count in its own measure word, or as the report wrote it; empty if unknown."""
        written = self.report.stated.figure(path)
        value = resolve(self.report, path)
        if written is None and value is None:
            return ""
        if written is not None:
            # A figure written with its own measure word keeps it; else the part's.
            return written.phrase(own or self.word(kind, path))
        if not own:
            return self.n(int(value), kind, path)
        return self._number(int(value)) + own

    def _procedure_fine(self, key: str, procedure: Any) -> str:
        """The fines of a procedure after its cases ("（罚款6350元）"); empty if not stated."""
        penalty = self.report.penalty
        if penalty is None or key != "by_procedure":
            return ""
        fines = penalty.fines_by_procedure.get(procedure)
        if fines is None:
            return ""
        return f"（罚款{self.money(fines, f'penalty.fines_by_procedure.{procedure.value}')}）"

    def _domains(self) -> Iterator[str]:
        penalty = self.report.penalty
        if penalty is None:
            return
        for domain in penalty.by_domain:
            path = f"penalty.by_domain.{domain.value}"
            # Held, or written by the report rounded ("180.55亿元").
            cases = stated_figure(self.report, f"{path}.cases")
            fines = stated_figure(self.report, f"{path}.fines")
            if cases is None and fines is None:
                continue
            text = f"{label(domain)}领域行政处罚"
            change = ""
            if cases is not None:
                change = self.change(f"{path}.cases", MeasureKind.CASE)
                text += self.n(int(cases), MeasureKind.CASE, f"{path}.cases") + change
            if fines:
                # 4家次、罚款0.68万元; after a 同比 clause the fine needs a comma of its own.
                joint = "，" if change else ("、" if cases is not None else "")
                text += f"{joint}罚款{self.money(Decimal(fines), f'{path}.fines')}"
            yield text

    def coercion(self) -> str | None:
        coercion = self.report.coercion
        if coercion is None:
            return None
        if self._nothing_done(coercion, "coercion"):
            return _NONE_IN_YEAR[ActionKind.COERCION]
        case = MeasureKind.CASE
        total = self._count("全年实施行政强制", "coercion.actions", case)
        opening = self._count("实施行政强制措施", "coercion.measures", case)
        listed = "、".join(
            f"{label(k)}{self.n(v, case, f'coercion.by_measure.{k.value}')}"
            for k, v in coercion.by_measure.items()
        )
        if opening and listed:
            opening += f"（{listed}）"
        elif listed:
            opening = f"实施行政强制措施，其中{listed}"
        return self._join(
            [total, opening, self._count("行政强制执行", "coercion.executions", case)]
        )

    def other(self, kind: ActionKind) -> str | None:
        figures = self.report.other_actions.get(kind)
        if figures is None:
            return None
        path = f"other_actions.{kind.value}"
        count = stated_figure(self.report, f"{path}.count")
        amount = stated_figure(self.report, f"{path}.amount")
        if count == 0 and not amount:
            return f"全年未发生{label(kind)}"
        parts = [self._count(f"全年{label(kind)}", f"{path}.count", MeasureKind.CASE)]
        if amount is not None:
            # Held, or written only rounded ("11.45亿元"), which money() writes as written;
            # without a count, the category names the amount.
            words = "涉及金额" if parts[0] else f"全年{label(kind)}涉及金额"
            parts.append(
                f"{words}{self.money(Decimal(amount), f'{path}.amount')}{self.change(f'{path}.amount')}"
            )
        return self._join(parts)

    def interviews(self) -> str:
        interviews = self.report.interviews
        if interviews is None:
            return ""
        by_party = "、".join(
            f"约谈{label(party)}{self.n(count, MeasureKind.TIME, f'interviews.by_party.{party.value}')}"
            for party, count in interviews.by_party.items()
        )
        if interviews.count is not None:
            total = self._count("开展约谈", "interviews.count", MeasureKind.TIME) or ""
            return total + (f"（{by_party}）" if by_party else "")
        return by_party or self._count("开展约谈", "interviews.count", MeasureKind.TIME) or ""

    def activities(self) -> str:
        """The other enforcement work, in the report's order: "开展巡查187次，案卷评查30件"."""
        written = []
        for activity in self.report.activities:
            text = apart(activity.name)
            if activity.count is not None:
                number = (
                    to_chinese(activity.count)
                    if self.s.numerals == "chinese"
                    else str(activity.count)
                )
                text += number + activity.measure
            if activity.rate is not None:
                text += f"，{apart(activity.rate_name)}{activity.rate}%"
            written.append(text)
        return "，".join(written)

    def _review_kind(self, kind: ActionKind, counts: Any) -> str:
        """One category's reviews: "行政处罚类复议4件（维持2件）、诉讼1件"; empty if none."""
        path = f"reviews.by_kind.{kind.value}"
        case = MeasureKind.CASE
        listed = []
        inner = self._outcomes(counts, path, "")
        if counts.corrected:
            corrected = f"被纠错{self.n(counts.corrected, case, f'{path}.corrected')}"
            inner = f"{corrected}、{inner}" if inner else corrected
        if counts.reconsiderations or inner:
            text = "复议"
            if counts.reconsiderations:
                text += self.n(counts.reconsiderations, case, f"{path}.reconsiderations")
            listed.append(text + (f"（{inner}）" if inner else ""))
        if counts.litigations or counts.lost:
            text = "诉讼"
            if counts.litigations:
                text += self.n(counts.litigations, case, f"{path}.litigations")
            if counts.lost:
                text += f"（败诉{self.n(counts.lost, case, f'{path}.lost')}）"
            listed.append(text)
        return f"{label(kind)}类" + "、".join(listed) if listed else ""

    def _outcomes(self, counts: Any, path: str, opening: str) -> str:
        """The outcomes of reconsiderations that happened ("维持3件、撤销1件"); zeros left out."""
        listed = [
            f"{words}{self.n(value, MeasureKind.CASE, f'{path}.{key}')}"
            for key, words in _OUTCOMES
            if (value := getattr(counts, key))
        ]
        if not listed:
            return ""
        text = "、".join(listed)
        return f"（{text}）" if opening == "（" else f"{opening}{text}"

    def _reconsiderations(self, reviews: Any, known: Any) -> str:
        """The reconsiderations: how many, corrected, their outcomes, per category."""
        total = reviews.total
        case = MeasureKind.CASE
        first = ""
        if known is not None:
            first = (
                f"全年发生行政复议{self.n(int(known), case, 'reviews.total.reconsiderations')}"
                if known
                else "全年未发生行政复议"
            )
            first += self.change("reviews.total.reconsiderations", case)
            if total.corrected == 0 and known:
                first += "，无被纠错案件"
            elif total.corrected:
                first += f"，其中被纠错{self.n(total.corrected, case, 'reviews.total.corrected')}"
        elif total.corrected:
            first = f"行政复议被纠错{self.n(total.corrected, case, 'reviews.total.corrected')}"
        outcomes = self._outcomes(total, "reviews.total", "，" if first else "")
        first = first + outcomes if first or not outcomes else "行政复议" + outcomes
        by_kind = [self._review_kind(kind, counts) for kind, counts in reviews.by_kind.items()]
        if any(by_kind):
            first += ("，按类别分，" if first else "按类别分，") + "，".join(
                k for k in by_kind if k
            )
        return first

    def reviews(self) -> str:
        reviews = self.report.reviews
        if reviews is None:
            return ""
        total = reviews.total
        known = [
            stated_figure(self.report, f"reviews.total.{key}")
            for key in ("reconsiderations", "litigations")
        ]
        if all(value == 0 for value in known) and not any(v for _, v in figures_below(reviews)):
            return _NO_REVIEWS
        case = MeasureKind.CASE
        parts = []
        first = self._reconsiderations(reviews, known[0])
        if first:
            parts.append(first)
        if known[1] is not None:
            text = (
                f"行政诉讼{self.n(int(known[1]), case, 'reviews.total.litigations')}"
                if known[1]
                else "未发生行政诉讼"
            )
            text += self.change("reviews.total.litigations", case)
            if total.lost == 0 and known[1]:
                text += "，无败诉案件"
            elif total.lost:
                text += f"，其中败诉{self.n(total.lost, case, 'reviews.total.lost')}"
            parts.append(text)
        elif total.lost:
            parts.append(f"行政诉讼败诉{self.n(total.lost, case, 'reviews.total.lost')}")
        return "；".join(parts) + "。" if parts else ""


_OUTCOMES = (
    ("upheld", "维持"),
    ("revoked", "撤销"),
    ("changed", "变更"),
    ("withdrawn", "申请人撤回"),
    ("pending", "尚在审理"),
)


#: Characters a number written right after them would run into ("申请5G基站" + "12件").
_RUNS_INTO_A_NUMBER: Final = frozenset(
    "0123456789０１２３４５６７８９.．%％零〇一二两三四五六七八九十百千万亿"
)


def _at_most(places: int | None, most: int | None) -> int | None:
    """``places``, no more than ``most`` (``None``: as they are)."""
    return places if places is None or most is None else min(places, most)


def _percent_form(stated: StatedChange) -> str:
    """The percent form written beside an absolute change: "，增幅为42.3%"."""
    if stated.percent is None:
        return ""
    size = -stated.percent if stated.percent < 0 else stated.percent
    return f"，{'增幅' if stated.percent > 0 else '降幅'}为{size}%"


def apart(text: str) -> str:
    """Free text (a report's own name for a matter, an activity, a rate) set apart from the number after it.

    The report's words stand as written ("申请农村宅基地243件"); only words that
    end in a digit or a numeral are quoted, so that no figure reads as part of them.

    Examples:
        >>> apart("农村宅基地"), apart("5G基站建设2")
        ('农村宅基地', '“5G基站建设2”')
    """
    last = text[-1:] or " "
    # Any script's digit too (the Kayah Li ꤀, the Arabic-Indic ٣): a reader, and a
    # program reading the figures, takes it for part of the number after it.
    return f"“{text}”" if last in _RUNS_INTO_A_NUMBER or last.isnumeric() else text


def _all_zero(figures_of: object) -> bool:
    """Whether a category states figures and every one is zero: nothing done, said in words."""
    stated = [value for _, value in figures_below(figures_of)]
    return bool(stated) and not any(stated)


#: The grand totals, in their own words: a change of them is the total's, no category's.
_GRAND_TOTALS: Final = {"stated.actions": "行政执法行为", "stated.amount": "涉及金额"}
#: The words of a report's groups of figures that are not categories.
_GROUP_WORDS: Final = {"powers": "执法职权", "interviews": "约谈"}
#: Steps of a path that add no word: breakdowns are named by their keys.
_SILENT: Final = frozenset({"total", "hazards", "units", "subunits", "count", "workforce"})


#: Figures whose words are not their category's label and their term ("行政检查检查家次").
_OWN_WORDS: Final = {
    "inspection.visits": "行政检查",
    "licensing.applications": "行政许可申请",
    "workforce.certified": "持证执法人员",
}
#: The kind of measure word of a figure, by the start of its path; cases otherwise.
_MEASURES: Final = (
    ("inspection.by_area.", None),
    ("inspection.visits", MeasureKind.ESTABLISHMENT_VISIT),
    ("inspection.hazards.", MeasureKind.HAZARD),
    ("workforce.", MeasureKind.PERSON),
    ("powers.", MeasureKind.ITEM),
    ("interviews.", MeasureKind.TIME),
)


def _measure_of(path: str) -> MeasureKind:
    """The kind of measure word the figure at ``path`` is counted in."""
    if path.startswith("inspection.by_area."):
        visits = path.endswith(".visits")
        return MeasureKind.ESTABLISHMENT_VISIT if visits else MeasureKind.HAZARD
    for start, kind in _MEASURES:
        if path.startswith(start) and kind is not None:
            return kind
    return MeasureKind.CASE


def _has_term(key: str) -> bool:
    return term_or_key(key) != key


def _field_word(name: str, previous: str, *, top: bool, at: str = "") -> str:
    """The word of a field of a figure's path (``at``, the path to it); empty for a step that has none."""
    declared = next((c for c in CATEGORIES if c.field == name), None)
    if top:
        return label(declared.kind) if declared is not None else _GROUP_WORDS.get(name, "")
    if _has_term(at):
        return term_or_key(at)  # a word declared for the path itself
    if previous == "hazards" and _has_term(f"hazards_{name}"):
        return term_or_key(f"hazards_{name}")
    if name == "amount":
        return "涉及金额"
    if name in _SILENT or name.startswith("by_") or not _has_term(name):
        return ""
    # Another category's word for the same key is never taken.
    return figure_term(at) or "" if at else term_or_key(name)


def _figure_words(report: AnnualReport, path: str) -> str:
    """The words for a figure written on its own, in Chinese only: labels, terms, the report's names.

    A vocabulary key is written by its label (普通程序, never ``ordinary``); a unit
    by its name; a step that has no word is left out rather than written as its key.
    """
    if path in _GRAND_TOTALS:
        return _GRAND_TOTALS[path]
    if path in _OWN_WORDS:
        return _OWN_WORDS[path]
    words: list[str] = []
    obj: Any = report
    previous = ""
    walked: list[str] = []
    for name, kind in steps(AnnualReport, path):
        walked.append(name)
        value = obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)
        if kind == "field":
            word = _field_word(name, previous, top=obj is report, at=".".join(walked))
            # A term that repeats one already written (coercion.actions) adds nothing.
            words.append("" if word in words else word)
        elif isinstance(kind, type) and issubclass(kind, Enum):
            member = next((m for m in kind if m.value == name), None)
            words.append(label(member) if member is not None else "")
        else:
            # A free key (a unit's identifier) is written by the name it holds, if any.
            words.append(getattr(value, "name", "") or "")
        previous, obj = name, value
    return "".join(words)


_NO_REVIEWS: Final = "全年未发生行政复议、行政诉讼。"
#: A stated zero, written in words as reports write it (“未撤销行政许可”, not “撤销行政许可0件”).
_ZERO_WORDS: Final = {
    "licensing.handled": "全年未办理行政许可事项",
    "licensing.applications": "全年未收到行政许可申请",
    "licensing.accepted": "未受理申请",
    "licensing.granted": "未作出准予行政许可决定",
    "licensing.refused": "无不予许可的申请",
    "licensing.pending": "无尚在办理的申请",
    "licensing.revoked": "未撤销行政许可",
    "licensing.legal_reviews": "无经法制审核的许可决定",
    "inspection.visits": "全年未开展行政检查",
    "inspection.hazards.found": "未查出安全隐患",
    "inspection.hazards.rectified": "查出的隐患尚未整改",
    "penalty.filed": "全年未立案",
    "penalty.cases": "全年未办理行政处罚案件",
    "penalty.fines": "未处以罚款",
    "penalty.confiscations": "未没收违法所得和非法财物",
    "penalty.fines_and_confiscations": "无罚没金额",
    "penalty.not_penalised": "无不予处罚的案件",
    "penalty.lightened": "无从轻减轻处罚的案件",
    "penalty.legal_reviews": "无经法制审核的处罚案件",
    "penalty.referrals": "未向司法机关移送涉嫌犯罪案件",
    "coercion.actions": "全年未实施行政强制",
    "coercion.measures": "未实施行政强制措施",
    "coercion.executions": "未实施行政强制执行",
    "interviews.count": "未开展约谈",
}
_REVIEWS_POINT: Final = "行政复议、行政诉讼"


def _numbered(points: list[tuple[str, str, bool]]) -> str:
    """The points 一是, 二是…: the items written, numbered when there are two or more.

    A category with nothing done says so in place, without a number ("全年未实施行政强制。");
    a single item is written without one (一是 with no 二是 is not how a report reads).
    """
    numbered = sum(1 for _, _, acted in points if acted) > 1
    body, number = [], 0
    for name, sentences, acted in points:
        if acted and numbered:
            number += 1
            body.append(f"{enumeration(number)}{name}。{sentences}。")
        else:
            body.append(f"{sentences}。")
    return "".join(body)


def _how_many(count: int) -> str:
    """A small count before a measure word: 两 for 2 (两类), as Chinese writes it."""
    return "两" if count == 2 else to_chinese(count)


def _has_workforce(report: AnnualReport) -> bool:
    # A breakdown whose parts the report names without a number is still said, by name.
    return (
        figure(report, "workforce.certified") is not None
        or any(True for _ in figures_below(report.workforce))
        or bool(report.workforce.dimensions)
    )


def _has_actions(report: AnnualReport) -> bool:
    fields = ("powers", *(c.field for c in CATEGORIES), "interviews", "reviews")
    stated = report.stated
    return (
        any(getattr(report, name) is not None for name in fields)
        or bool(report.other_actions)
        or bool(report.activities)
        or stated.actions is not None
        or stated.amount is not None
    )


def _roles(sections: Iterable[Section]) -> Iterator[SectionRole]:
    for section in sections:
        yield section.role
        yield from _roles(section.subsections)


def _sections(report: AnnualReport) -> tuple[Section, ...]:
    """The narrative's sections, with the data sections it lacks added where they belong."""
    sections = report.narrative.sections
    present = set(_roles(sections))
    missing = []
    if _has_workforce(report) and SectionRole.WORKFORCE not in present:
        missing.append(Section(title=_WORKFORCE_TITLE, role=SectionRole.WORKFORCE))
    if _has_actions(report) and SectionRole.ACTIONS not in present:
        missing.append(Section(title=_ACTIONS_TITLE, role=SectionRole.ACTIONS))
    if not missing:
        return sections
    for index, section in enumerate(sections):
        if section.role is SectionRole.OVERVIEW:
            grown = attrs.evolve(section, subsections=(*section.subsections, *missing))
            return (*sections[:index], grown, *sections[index + 1 :])
    overview = Section(
        title=f"{report.year}年行政执法总体情况",
        role=SectionRole.OVERVIEW,
        subsections=tuple(missing),
    )
    return (overview, *sections)


class ZhRenderer:
    """The report in Chinese, in the official style of the reference report.

    Examples:
        >>> from enforcement_core import examples
        >>> text = renderer.render(examples.load("gulu-2023"))
        >>> "隐患整改率98.62%" in text and "罚款0.68万元" in text and "交通领域行政处罚216起" in text
        True
    """

    #: The name it is registered under.
    name = "zh"
    #: Plain text.
    media_type = "text/plain; charset=utf-8"
    #: The file extension.
    extension = ".txt"
    #: The ``--output`` extensions that choose it: ``text`` writes .txt too, and the
    #: report in Chinese is what a .txt asks for.
    extensions = (".txt",)
    #: The options it accepts; ``None`` means "as the report's conventions say".
    options: Mapping[str, Option] = FrozenMap(
        {
            "money_unit": Option(str, None, "元, 万元, 亿元 or auto", choices=AMOUNT_UNITS),
            "money_places": Option(int, None, "decimals of money, 0 to 4", choices=(0, 1, 2, 3, 4)),
            "percent_places": Option(
                int, None, "decimals of percentages, 0 to 4", choices=(0, 1, 2, 3, 4)
            ),
            "case_measure": Option(
                str, None, "the measure word for cases", choices=measure_words(MeasureKind.CASE)
            ),
            "numerals": Option(
                str,
                "arabic",
                "arabic (243件) or chinese (二百四十三件) for counts",
                choices=("arabic", "chinese"),
            ),
            "capitals": Option(
                bool,
                default=False,
                help="follow each amount with its financial capitals (人民币陆仟捌佰元整)",
            ),
            "previous": Option(
                AnnualReport, None, "the previous year's report, for 同比 sentences"
            ),
            "change_style": Option(
                str,
                "percent",
                "year-over-year changes as percent, absolute or both",
                choices=("percent", "absolute", "both"),
            ),
            "rates": Option(
                str,
                "stated",
                "rates as the report states them, or computed from the counts where not stated",
                choices=("stated", "computed"),
            ),
            "personal_data": PERSONAL_DATA,
        }
    )

    def render(self, report: AnnualReport, **options: Any) -> str:
        """The report as Chinese text, paragraphs apart, ending with a newline.

        It is :meth:`document`'s text: the ``docx`` renderer lays out the same document.
        """
        return self.document(report, **options).text()

    def document(self, report: AnnualReport, **options: Any) -> ZhDocument:
        """The report as a structure: title, headings and paragraphs, the body and the date.

        Takes the options :meth:`render` takes, validated as :meth:`render` validates them.

        Examples:
            >>> from enforcement_core import examples
            >>> document = renderer.document(examples.load("gulu-2023"))
            >>> document.title, document.body, document.date
            ('重庆市渝北区古路镇人民政府关于2023年行政执法总体情况的报告', '重庆市渝北区古路镇人民政府', '2024年1月18日')
            >>> [block.line for block in document.blocks if block.level == 1]
            ['一、2023年行政执法总体情况', '二、存在的主要问题', '三、2024年工作打算及建议']
        """
        return self._document(report, **validate_options(self, options))

    def _document(  # noqa: PLR0913  (one parameter per declared option)
        self,
        report: AnnualReport,
        *,
        money_unit: str | None,
        money_places: int | None,
        percent_places: int | None,
        case_measure: str | None,
        numerals: str,
        capitals: bool,
        previous: AnnualReport | None,
        change_style: str,
        rates: str,
        personal_data: bool,
    ) -> ZhDocument:
        report = published(report, personal_data=personal_data)
        if previous is not None and previous.year >= report.year:
            raise RendererOptionError(
                f"renderer 'zh': option 'previous' must be a report of a year before "
                f"{report.year}, not of {previous.year}"
            )
        conventions = report.conventions
        unit = money_unit or conventions.money_unit
        # The report's decimals are its unit's (six in 万元, to the fen); in the unit the
        # option asks for instead, as many as that unit takes.
        most = MONEY_PLACES[unit] if money_unit else None
        settings = _Settings(
            money_unit=unit,
            money_places=money_places
            if money_places is not None
            else _at_most(conventions.money_places, most),
            percent_places=percent_places
            if percent_places is not None
            else conventions.percent_places,
            case_measure=case_measure,
            numerals=numerals,
            capitals=capitals,
            previous=previous,
            change_style=change_style,
            rates=rates,
            percent_places_given=percent_places is not None,
            places_by_figure=FrozenMap()
            if money_places is not None
            else FrozenMap(
                {
                    path: places if most is None else min(places, most)
                    for path, places in conventions.money_places_by_figure.items()
                }
            ),
        )
        writer = _Writer(report, settings)
        body = report.body
        opening = (
            report.narrative.opening
            or f"按照有关规定，现将{writer.me}{report.year}年行政执法总体情况报告如下："
        )
        blocks = [Block(opening)]
        for index, section in enumerate(_sections(report), start=1):
            blocks += _section(writer, section, index, 1)
        # Figures of the report's own at a place no paragraph wrote are not dropped.
        rest = writer.own_rest()
        if rest:
            blocks.append(Block(rest))
        date = format_date(report.published_on) if report.published_on is not None else None
        # Personal data was withheld field by field (published), before the prose.
        return ZhDocument(
            title=f"{body.name}关于{report.year}年行政执法总体情况的报告",
            blocks=tuple(blocks),
            body=body.name,
            date=date,
        )


def _section(writer: _Writer, section: Section, position: int, level: int) -> list[Block]:
    blocks = [Block(section.title, level=level, marker=heading_marker(position, min(level, 4)))]
    if section.role is SectionRole.WORKFORCE:
        generated = writer.workforce()
        blocks += [Block(generated)] if generated else []
    elif section.role is SectionRole.ACTIONS:
        blocks += [Block(paragraph) for paragraph in writer.actions()]
    blocks += [Block(paragraph) for paragraph in section.paragraphs]
    for index, subsection in enumerate(section.subsections, start=1):
        blocks += _section(writer, subsection, index, level + 1)
    return blocks


#: The instance the entry point names.
renderer = ZhRenderer()
