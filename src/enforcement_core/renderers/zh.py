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

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from enforcement_core._mapping import FrozenMap
from enforcement_core._paths import figures as figures_below
from enforcement_core.actions import ActionKind
from enforcement_core.body import BodyLevel
from enforcement_core.categories import CATEGORIES, Category, category
from enforcement_core.comparison import Change, RateChange
from enforcement_core.errors import RendererOptionError
from enforcement_core.labels import label, term_or_key
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
from enforcement_core.report import AnnualReport, RateName, Section, SectionRole
from enforcement_core.statistics import Rate, figure, rate

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping
    from enum import Enum

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


class _Writer:
    """Writes the sentences of one report."""

    def __init__(self, report: AnnualReport, settings: _Settings) -> None:
        self.report = report
        self.s = settings
        body = report.body
        self.me = _SELF.get(body.level, body.short_name)

    # Numbers ---------------------------------------------------------------------------

    def n(self, value: int, kind: MeasureKind, path: str = "") -> str:
        """A count with its measure word, in the numerals asked for."""
        conventions = self.report.conventions
        if kind is MeasureKind.CASE and self.s.case_measure is not None:
            word = self.s.case_measure
        elif path in conventions.measure_words:
            word = conventions.measure_words[path]
        elif kind is MeasureKind.CASE:
            word = conventions.case_measure
        else:
            word = measure_words(kind)[0]
        return self._number(value) + word

    def money(self, value: Decimal) -> str:
        written = format_amount(value, unit=self.s.money_unit, places=self.s.money_places)
        # The loader bounds money below 10**12 yuan, which capitals cover; a total
        # derived from parts can pass it, and is then written in figures only.
        if not self.s.capitals or value >= _CAPITALS_BELOW:
            return written
        return f"{written}（{to_capital_amount(value, prefix=True)}）"

    def percent(self, value: Rate) -> str:
        return format_percent(value, self.s.percent_places)

    # Year over year ----------------------------------------------------------------------

    def change(self, path: str, kind: MeasureKind | None = None) -> str:
        """The 同比 clause (“，同比上升10.53%”) of the figure at ``path``; empty without a previous year."""
        previous = self.s.previous
        if previous is None:
            return ""
        change = Change(path, figure(previous, path), figure(self.report, path))
        difference = change.difference
        if difference is None:
            return ""
        if difference == 0:
            return "，与上年持平"
        direction = "上升" if difference > 0 else "下降"
        size = -difference if difference < 0 else difference
        absolute = self.money(Decimal(size)) if kind is None else self.n(int(size), kind, path)
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
            return ""
        points = RateChange(name, rate(previous, name), rate(self.report, name)).points(
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
            self._training(),
            self._misconduct(),
        ]
        return "".join(f"{sentence}。" for sentence in sentences if sentence)

    def _certified(self) -> str:
        certified = figure(self.report, "workforce.certified")
        if certified is None:
            return ""
        path = "workforce.certified"
        sentence = f"目前{self.me}取得行政执法资格的人员共{self.n(int(certified), MeasureKind.PERSON, path)}"
        sentence += self.change(path, MeasureKind.PERSON)
        units = self.report.workforce.units.items()
        described = [self._unit(key, unit) for key, unit in units if unit.certified is not None]
        return sentence + ("，其中" + "，".join(described) if described else "")

    def _staff(self) -> str:
        workforce = self.report.workforce
        staff = [
            f"{word}{self.n(value, MeasureKind.PERSON, f'workforce.{key}')}"
            for key, word in (
                ("established_staff", "在编人员"),
                ("auxiliary_staff", "辅助执法人员"),
            )
            if (value := getattr(workforce, key)) is not None
        ]
        certification = rate(self.report, RateName.CERTIFICATION)
        if certification is not None:
            staff.append(
                f"持证率{self.percent(certification)}{self.rate_change(RateName.CERTIFICATION)}"
            )
        return "，".join(staff)

    def _certificates(self) -> str:
        workforce = self.report.workforce
        changes = []
        if workforce.newly_certified is not None:
            changes.append(
                f"全年新增持证人员{self.n(workforce.newly_certified, MeasureKind.PERSON)}"
            )
        if workforce.certificates_cancelled is not None:
            changes.append(f"注销执法证{self._number(workforce.certificates_cancelled)}张")
        return "，".join(changes)

    def _training(self) -> str:
        trained = self.report.workforce.trained
        if trained is None:
            return ""
        return f"统一组织{self.n(trained, MeasureKind.PERSON, 'workforce.trained')}执法人员参加行政执法培训"

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

    def _unit(self, key: str, unit: Any) -> str:
        path = f"workforce.units.{key}"
        text = (
            f"{unit.name}执法人员{self.n(unit.certified, MeasureKind.PERSON, f'{path}.certified')}"
        )
        parts = []
        own = unit.own_certified
        if unit.subunits and own is not None:
            parts.append(f"{unit.name}本级{self.n(own, MeasureKind.PERSON)}")
        parts += [
            f"{sub.name}{self.n(sub.certified, MeasureKind.PERSON, f'{path}.subunits.{sub_key}.certified')}"
            for sub_key, sub in unit.subunits.items()
            if sub.certified is not None
        ]
        return text + (f"（{'，'.join(parts)}）" if parts else "")

    # Actions -----------------------------------------------------------------------------

    def actions(self) -> list[str]:
        """The action paragraphs: the powers, the opening line and the points 一是, 二是…."""
        paragraphs = []
        powers = self.powers()
        if powers:
            paragraphs.append(powers)
        points: list[tuple[str, str]] = []
        for kind in (*_ACTION_ORDER, *self.report.other_actions):
            sentences = self.category(kind)
            if sentences is not None:
                points.append((label(kind), sentences))
        interviews = self.interviews()
        if interviews:
            if points and points[-1][0] == label(ActionKind.PENALTY):
                points[-1] = (points[-1][0], points[-1][1] + "，" + interviews)
            else:
                points.append(("约谈", interviews))
        reviews = self.reviews()
        if points:
            kinds = [name for name, _ in points if name != "约谈"]
            opening = (
                f"{self.report.year}年，{self.report.body.short_name}开展了"
                f"{'、'.join(kinds)}{_how_many(len(kinds))}类行政执法行为。"
                if kinds
                else ""
            )
            body = "".join(
                f"{enumeration(i)}{name}。{sentences}。"
                for i, (name, sentences) in enumerate(points, start=1)
            )
            paragraphs.append(opening + body + reviews)
        elif reviews:
            paragraphs.append(reviews)
        return paragraphs

    def powers(self) -> str:
        powers = self.report.powers
        if powers is None:
            return ""
        total = figure(self.report, "powers.total")
        parts = []
        if total is not None:
            parts.append(
                f"{self.me}共有行政执法职权{self.n(int(total), MeasureKind.ITEM, 'powers.total')}"
            )
        if powers.by_kind:
            parts.append(
                "其中"
                + "、".join(
                    f"{label(k)}{self.n(v, MeasureKind.ITEM)}" for k, v in powers.by_kind.items()
                )
            )
        if powers.by_source:
            parts.append(
                "、".join(
                    f"{label(k)}{self.n(v, MeasureKind.ITEM)}" for k, v in powers.by_source.items()
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
            if isinstance(value, Decimal):
                words = "涉及金额" if key == "amount" else term_or_key(key)
                parts.append(f"{words}{self.money(value)}")
            else:
                words = f"全年{name}" if key == "count" else term_or_key(key)
                parts.append(self._count(words, path, MeasureKind.CASE))
        return self._join(parts)

    def _join(self, parts: Iterable[str | None]) -> str:
        return "，".join(part for part in parts if part)

    def _count(self, words: str, path: str, kind: MeasureKind) -> str | None:
        value = figure(self.report, path)
        if value is None:
            return None
        return f"{words}{self.n(int(value), kind, path)}{self.change(path, kind)}"

    def licensing(self) -> str | None:
        licensing = self.report.licensing
        if licensing is None:
            return None
        if licensing.applications == 0 and not licensing.granted:
            return _NONE_IN_YEAR[ActionKind.LICENSING]
        case = MeasureKind.CASE
        return self._join(
            [
                self._count(f"全年共计申请{licensing.subject}", "licensing.applications", case),
                self._count("受理", "licensing.accepted", case),
                self._count("作出行政许可", "licensing.granted", case),
                self._count("不予许可", "licensing.refused", case),
                self._count("尚在办理", "licensing.pending", case),
                self._count("撤销行政许可", "licensing.revoked", case),
                self._count("经法制审核", "licensing.legal_reviews", case),
            ]
        )

    def inspection(self) -> str | None:
        inspection = self.report.inspection
        if inspection is None:
            return None
        visits = figure(self.report, "inspection.visits")
        if visits == 0:
            return _NONE_IN_YEAR[ActionKind.INSPECTION]
        visit = MeasureKind.ESTABLISHMENT_VISIT
        areas = "、".join(label(area) for area in inspection.by_area)
        opening = self._count(
            f"全面开展{areas}等行政检查" if areas else "全年开展行政检查",
            "inspection.visits",
            visit,
        )
        counted = [
            f"{label(area)}{self.n(figures.visits, visit, f'inspection.by_area.{area.value}.visits')}"
            for area, figures in inspection.by_area.items()
            if figures.visits is not None
        ]
        if opening and counted:
            opening += f"（其中{'、'.join(counted)}）"
        hazard = MeasureKind.HAZARD
        parts = [
            opening,
            self._count("共查出安全隐患", "inspection.hazards.found", hazard),
            self._count("整改隐患", "inspection.hazards.rectified", hazard),
        ]
        rectification = rate(self.report, RateName.RECTIFICATION)
        if rectification is not None:
            parts.append(
                f"隐患整改率{self.percent(rectification)}{self.rate_change(RateName.RECTIFICATION)}"
            )
        supervised = [
            f"{label(level)}挂牌整治隐患{self.n(count, hazard, f'inspection.hazards.supervised.{level.value}')}"
            for level, count in inspection.hazards.supervised.items()
        ]
        if supervised:
            parts.append("其中" + "，".join(supervised))
        return self._join(parts)

    def penalty(self) -> str | None:
        penalty = self.report.penalty
        if penalty is None:
            return None
        if figure(self.report, "penalty.cases") == 0:
            return _NONE_IN_YEAR[ActionKind.PENALTY]
        case = MeasureKind.CASE
        parts: list[str | None] = [
            self._count("全年办理行政处罚案件", "penalty.cases", case)
            if penalty.cases is not None
            else None,
            *self._domains(),
        ]
        for key, words in (("by_sanction", "按处罚种类分，"), ("by_procedure", "适用")):
            breakdown: Mapping[Enum, int] = getattr(penalty, key)
            if breakdown:
                listed = (
                    f"{label(k)}{self.n(v, case, f'penalty.{key}.{k.value}')}"
                    for k, v in breakdown.items()
                )
                parts.append(words + "、".join(listed))
        for words, value in (
            ("罚款", penalty.fines),
            ("没收违法所得和非法财物", penalty.confiscations),
            ("罚没金额共计", penalty.fines_and_confiscations),
        ):
            parts.append(f"{words}{self.money(value)}" if value is not None else None)
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
        return self._join(parts)

    def _domains(self) -> Iterator[str]:
        penalty = self.report.penalty
        if penalty is None:
            return
        for domain, figures in penalty.by_domain.items():
            path = f"penalty.by_domain.{domain.value}"
            if figures.cases is None and figures.fines is None:
                continue
            text = f"{label(domain)}领域行政处罚"
            change = ""
            if figures.cases is not None:
                change = self.change(f"{path}.cases", MeasureKind.CASE)
                text += self.n(figures.cases, MeasureKind.CASE, f"{path}.cases") + change
            if figures.fines:
                # 4家次、罚款0.68万元; after a 同比 clause the fine needs a comma of its own.
                joint = "，" if change else ("、" if figures.cases is not None else "")
                text += f"{joint}罚款{self.money(figures.fines)}"
            yield text

    def coercion(self) -> str | None:
        coercion = self.report.coercion
        if coercion is None:
            return None
        measures = figure(self.report, "coercion.measures")
        if (
            not measures
            and not coercion.executions
            and (measures is not None or coercion.executions is not None)
        ):
            return _NONE_IN_YEAR[ActionKind.COERCION]
        case = MeasureKind.CASE
        opening = self._count("实施行政强制措施", "coercion.measures", case)
        if opening and coercion.by_measure:
            opening += (
                "（"
                + "、".join(
                    f"{label(k)}{self.n(v, case, f'coercion.by_measure.{k.value}')}"
                    for k, v in coercion.by_measure.items()
                )
                + "）"
            )
        return self._join([opening, self._count("行政强制执行", "coercion.executions", case)])

    def other(self, kind: ActionKind) -> str | None:
        figures = self.report.other_actions.get(kind)
        if figures is None:
            return None
        if figures.count == 0 and not figures.amount:
            return f"全年未发生{label(kind)}"
        parts = [
            self._count(f"全年{label(kind)}", f"other_actions.{kind.value}.count", MeasureKind.CASE)
        ]
        if figures.amount is not None:
            parts.append(f"涉及金额{self.money(figures.amount)}")
        return self._join(parts)

    def interviews(self) -> str:
        interviews = self.report.interviews
        if interviews is None:
            return ""
        if interviews.by_party:
            return "、".join(
                f"约谈{label(party)}{self.n(count, MeasureKind.TIME, f'interviews.by_party.{party.value}')}"
                for party, count in interviews.by_party.items()
            )
        return self._count("开展约谈", "interviews.count", MeasureKind.TIME) or ""

    def reviews(self) -> str:
        reviews = self.report.reviews
        if reviews is None:
            return ""
        total = reviews.total
        known = [
            figure(self.report, f"reviews.total.{key}")
            for key in ("reconsiderations", "litigations")
        ]
        if all(value == 0 for value in known):
            return "全年未发生行政复议、行政诉讼。"
        case = MeasureKind.CASE
        parts = []
        if known[0] is not None:
            text = f"全年发生行政复议{self.n(int(known[0]), case)}"
            if total.corrected is not None:
                text += f"，其中被纠错{self.n(total.corrected, case)}"
            parts.append(text)
        if known[1] is not None:
            text = f"行政诉讼{self.n(int(known[1]), case)}"
            if total.lost is not None:
                text += f"，其中败诉{self.n(total.lost, case)}"
            parts.append(text)
        return "；".join(parts) + "。" if parts else ""


def _how_many(count: int) -> str:
    """A small count before a measure word: 两 for 2 (两类), as Chinese writes it."""
    return "两" if count == 2 else to_chinese(count)


def _has_workforce(report: AnnualReport) -> bool:
    workforce = report.workforce
    return figure(report, "workforce.certified") is not None or any(
        getattr(workforce, key) is not None
        for key in ("established_staff", "auxiliary_staff", "trained", "misconduct_cases")
    )


def _has_actions(report: AnnualReport) -> bool:
    fields = (*(c.field for c in CATEGORIES), "interviews", "reviews")
    return any(getattr(report, name) is not None for name in fields) or bool(report.other_actions)


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
        personal_data: bool,
    ) -> ZhDocument:
        report = published(report, personal_data=personal_data)
        if previous is not None and previous.year >= report.year:
            raise RendererOptionError(
                f"renderer 'zh': option 'previous' must be a report of a year before "
                f"{report.year}, not of {previous.year}"
            )
        conventions = report.conventions
        settings = _Settings(
            money_unit=money_unit or conventions.money_unit,
            money_places=money_places if money_places is not None else conventions.money_places,
            percent_places=percent_places
            if percent_places is not None
            else conventions.percent_places,
            case_measure=case_measure,
            numerals=numerals,
            capitals=capitals,
            previous=previous,
            change_style=change_style,
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
