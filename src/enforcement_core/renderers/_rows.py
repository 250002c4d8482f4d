"""The figures of a report as labelled rows: what the text and html renderers lay out.

One place decides which figures a report shows, under which label, with which
unit; the renderers only lay the rows out (aligned columns, an HTML table).

A row is a figure the report states (held, or written rounded as it writes it).
A figure computed from others (a rate the report does not state, fines per
case, hazards open at the year's end) is a row only when asked for
(``computed=True``) and only when exact: every figure it is computed from held
as stated, none derived from parts nor written rounded. Such a row is marked
``computed``.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Any

import attrs

# Babel's numbers (format_decimal) are imported by the rows that write a number with
# them: the zh report, which imports this module for its words, writes none so.
from enforcement_core._paths import figures, resolve
from enforcement_core._validators import declared_dimensions
from enforcement_core.actions import ActionKind
from enforcement_core.categories import CATEGORIES, Category
from enforcement_core.dimensions import Coverage
from enforcement_core.labels import figure_term, label, labels_of, term, term_or_key
from enforcement_core.numbers_zh import (
    UNDEFINED,
    MeasureKind,
    format_amount,
    format_date,
    measure_words,
)
from enforcement_core.report import PLACES, QUALIFIERS, Bound, RateName, StatedNote, phrase
from enforcement_core.statistics import exact_rates, fine_per_case, open_hazards, stated_figure

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping
    from enum import Enum

    from enforcement_core.dimensions import Dimension, Part
    from enforcement_core.report import AnnualReport

__all__ = [
    "Row",
    "dimension_label",
    "dimension_measure",
    "held_dimensions",
    "part_label",
    "places_of",
    "rows",
]


@attrs.frozen
class Row:
    """One labelled figure (or, without a value, a heading over the rows below it)."""

    #: 0 for a heading of the table, 1, 2… for figures and their parts.
    depth: int
    #: The label, in the locale asked for.
    label: str
    #: The figure as written for reading (grouped, money and rates to two decimals).
    value: str = ""
    #: What follows the value: the measure word (Chinese) or the money unit.
    unit: str = ""
    #: The exact figure: an ``int`` count, ``Decimal`` yuan, a ``Decimal`` percent
    #: already rounded once (98.62 for 98.62%); ``None`` for a heading or an undefined rate.
    number: int | Decimal | None = None
    #: "count", "money" or "percent"; "bound" for a figure written with a qualifier
    #: ("2300余"), "own" for a figure of the report's own ("人均办案7件"), each shown as
    #: written, without an exact number; empty for a heading or a note.
    kind: str = ""
    #: The measure word of a count (件, 家次, 名), in any locale.
    measure: str = ""
    #: The figure's path in the report (``penalty.by_domain.traffic.cases``); empty for
    #: a heading, a rate, or a figure computed here from others.
    path: str = ""
    #: Whether the figure is computed from others rather than stated by the report.
    computed: bool = False


class _Writer:
    """The rows of one report in one locale."""

    def __init__(self, report: AnnualReport, locale: str, *, computed: bool) -> None:
        self.report = report
        self.locale = locale
        self.zh = locale == "zh_CN"
        self.computed = computed
        self.rows: list[Row] = []

    def held(self, *paths: str) -> bool:
        """Whether every figure at ``paths`` is held as stated: a computation from them is exact."""
        return all(resolve(self.report, path) is not None for path in paths)

    def heading(self, key: str, extra: str = "") -> None:
        self.rows.append(Row(0, term(key, self.locale) + extra))

    def count(  # noqa: PLR0913  (the row, its figure, and the words it is measured in)
        self,
        depth: int,
        name: str,
        value: int | Decimal | None,
        kind: MeasureKind,
        path: str = "",
        *,
        measure: str = "",
    ) -> None:
        """A count's row; ``measure`` is the report's own word for it (a part's "家")."""
        written = self.report.stated.figure(path) if path else None
        if value is None and written is None:
            return
        word = (
            measure
            or self.report.conventions.measure_words.get(path)
            or (
                self.report.conventions.case_measure
                if kind is MeasureKind.CASE
                else measure_words(kind)[0]
            )
        )
        if written is not None and written.qualifier:
            # A bound ("2300余人次") is shown as written, and has no exact number.
            number = f"{written.value}{_scale(written.unit, self.zh)}"
            measure = written.measure or word
            row = self.bound(depth, name, number, written.qualifier, measure, path)
            # A measure word of the figure's own is the report's word, in any locale.
            own_unit = row.unit if self.zh or not written.measure else written.measure
            self.rows.append(attrs.evolve(row, unit=own_unit))
            return
        # A figure the report writes rounded or in 万 is shown as written: "46.6万".
        if written is not None:
            shown = f"{written.value}{_scale(written.unit, self.zh)}"
        else:
            assert value is not None  # noqa: S101  (checked above)
            shown = _decimal(value, self.locale)
        self.rows.append(
            Row(depth, name, shown, word if self.zh else "", value, "count", word, path)
        )

    def bound(  # noqa: PLR0913, PLR0917  (a row's parts)
        self, depth: int, name: str, number: str, qualifier: str, measure: str, path: str = ""
    ) -> Row:
        """A figure written with a qualifier, as written: "2300余" 人次, "约6.2" 平方公里, "10" 件以下.

        It has no exact number. In English the bound is said in words before the
        number ("more than 2300").
        """
        if not self.zh:
            words = _BOUND_EN[QUALIFIERS[qualifier][0]]
            return Row(depth, name, f"{words} {number}", "", None, "bound", measure, path)
        value, _, after = phrase(number, "\0", qualifier).partition("\0")
        return Row(depth, name, value, measure + after, None, "bound", measure, path)

    def own(self, place: str, heading: str = "") -> None:
        """The figures of the report's own and its notes written at ``place``, as written.

        ``heading`` goes above them when the place has no rows of its own to stand under.
        """
        items = self.report.stated.own_at(place)
        if items and heading:
            self.rows.append(Row(0, heading))
        for item in items:
            if isinstance(item, StatedNote):
                self.rows.append(Row(1, term("note", self.locale), item.text))
            elif item.qualifier:
                number = f"{item.value}{_scale(item.unit, self.zh)}"
                row = self.bound(1, item.name, number, item.qualifier, item.measure)
                # Its measure word is the report's own, in any locale ("about 6.2 平方公里").
                self.rows.append(row if self.zh else attrs.evolve(row, unit=item.measure))
            else:
                shown = f"{item.value}{_scale(item.unit, self.zh)}"
                self.rows.append(Row(1, item.name, shown, item.measure, None, "own", item.measure))

    def money(self, depth: int, name: str, value: int | Decimal | None, path: str = "") -> None:
        """An amount in the report's unit and places (those of its figure path first)."""
        stated = self.report.stated.figure(path) if path else None
        if value is None and stated is None:
            return
        if stated is not None and stated.qualifier:
            # A bound in money ("约6.2万元"), in the unit it is written in.
            unit = stated.unit if stated.unit in _UNITS_EN else "元"
            row = self.bound(depth, name, str(stated.value), stated.qualifier, unit, path)
            shown_unit = row.unit if self.zh else _UNITS_EN[unit]
            self.rows.append(attrs.evolve(row, unit=shown_unit, measure=""))
            return
        conventions = self.report.conventions
        places = conventions.money_places_by_figure.get(path, conventions.money_places)
        # numbers_zh rounds once, half up, from the exact amount; babel never sees it.
        if stated is not None:
            written = stated.written
        else:
            assert value is not None  # noqa: S101  (checked above)
            written = format_amount(
                value, unit=conventions.money_unit, places=places, grouping=True
            )
        unit = next(u for u in ("亿元", "万元", "元") if written.endswith(u))
        shown = written.removesuffix(unit)
        self.rows.append(
            Row(depth, name, shown, unit if self.zh else _UNITS_EN[unit], value, "money", path=path)
        )

    def yuan(self, depth: int, name: str, value: Decimal | None) -> None:
        """An amount per case, computed, in yuan with two decimals, rounded once."""
        if value is None:
            return
        shown = _decimal(value, self.locale, "#,##0.00")
        unit = "元" if self.zh else "yuan"
        self.rows.append(Row(depth, name, shown, unit, value, "money", computed=True))

    def percent(
        self, depth: int, name: str, value: Decimal | None, places: int, *, computed: bool = False
    ) -> None:
        """A percent already rounded (once) to ``places``, written with exactly those decimals."""
        pattern = "#,##0" + ("." + "0" * places if places else "")
        shown = UNDEFINED if value is None else _decimal(value, self.locale, pattern) + "%"
        self.rows.append(Row(depth, name, shown, number=value, kind="percent", computed=computed))

    def stated(self, depth: int, key: str, path: str, kind: MeasureKind) -> None:
        """The figure at ``path`` as stated, labelled by ``key``; never added up from its parts."""
        self.count(depth, self.term(key), stated_figure(self.report, path), kind, path)

    def written_under(self, path: str) -> bool:
        """Whether the report writes a figure below ``path`` rounded or in 万."""
        return any(w.figure.startswith(f"{path}.") for w in self.report.stated.figures)

    def aside(self, text: str) -> str:
        return f"（{text}）" if self.zh else f" ({text})"

    def term(self, key: str) -> str:
        return term(key, self.locale)

    def label(self, member: Enum) -> str:
        return label(member, self.locale)


def _breakdown(
    writer: _Writer, depth: int, parts: Mapping[Any, int], kind: MeasureKind, path: str
) -> None:
    for key, value in parts.items():
        writer.count(depth, writer.label(key), value, kind, f"{path}.{key.value}")


def held_dimensions(obj: object, path: str) -> Iterator[tuple[str, Dimension, Any]]:
    """Each dimension ``obj`` holds, with its path and its holder's declaration, in order."""
    for field, declared in declared_dimensions(type(obj)):
        for name, dimension in getattr(obj, field).items():
            yield f"{path}.{field}.{name}", dimension, declared


def dimension_label(name: str, dimension: Dimension, locale: str) -> str:
    """The report's words for a dimension; else the library's for a known one; else its name."""
    if dimension.label:
        return dimension.label
    return term_or_key(f"dimension_{name}", locale).removeprefix("dimension_")


def part_label(key: str, part: Part, vocabulary: type[Enum] | None, locale: str) -> str:
    """The report's words for a part; else its known key's label; else the key, as written."""
    if part.label:
        return part.label
    if vocabulary is not None:
        return labels_of(vocabulary, locale).get(key, key)
    return key


#: The measure of the parts' counts of each class that holds dimensions.
_HOLDER_MEASURES: Mapping[str, MeasureKind] = {
    "PenaltyFigures": MeasureKind.CASE,
    "InspectionFigures": MeasureKind.ESTABLISHMENT_VISIT,
    "HazardFigures": MeasureKind.HAZARD,
    "WorkforceFigures": MeasureKind.PERSON,
}


def dimension_measure(holder: object) -> MeasureKind:
    """The measure of the counts of the dimensions ``holder`` holds (件, 家次, 条, 名)."""
    return _HOLDER_MEASURES.get(type(holder).__name__, MeasureKind.ITEM)


def _own_measure(part: Part, dimension: Dimension) -> str:
    return part.measure or dimension.measure


def _dimension_rows(w: _Writer, holder: object, path: str, depth: int) -> None:
    """The rows of the dimensions ``holder`` holds, parts in the report's order, nested below."""
    kind = dimension_measure(holder)
    amount_key = "fines" if type(holder).__name__ == "PenaltyFigures" else "amount"
    for where, dimension, declared in held_dimensions(holder, path):
        _one_dimension(w, dimension, where, depth, (kind, amount_key, declared.known))


def _one_dimension(
    w: _Writer,
    dimension: Dimension,
    where: str,
    depth: int,
    how: tuple[MeasureKind, str, Mapping[str, type[Enum]]],
) -> None:
    """A dimension's heading, its total, then each part and the part's own dimensions."""
    kind, amount_key, known = how
    name = where.rsplit(".", 1)[-1]
    # Some of the total, not a breakdown of it: "其中", as the report says it.
    subset = dimension.coverage is Coverage.SUBSET and not dimension.label
    heading = w.term("dimension_subset") if subset else dimension_label(name, dimension, w.locale)
    w.rows.append(Row(depth, heading))
    if dimension.total is not None:
        w.count(
            depth + 1,
            w.term("dimension_total"),
            dimension.total,
            kind,
            f"{where}.total",
            measure=dimension.measure,
        )
    for key, part in dimension.parts.items():
        at = f"{where}.parts.{key}"
        words = part_label(key, part, known.get(name), w.locale)
        before = len(w.rows)
        w.count(
            depth + 1, words, part.count, kind, f"{at}.count", measure=_own_measure(part, dimension)
        )
        if len(w.rows) == before:
            w.rows.append(Row(depth + 1, words))
        w.money(depth + 2, w.term(amount_key), part.amount, f"{at}.amount")
        for nested_name, nested in part.dimensions.items():
            _one_dimension(w, nested, f"{at}.dimensions.{nested_name}", depth + 2, how)


_PERSON, _CASE, _HAZARD = MeasureKind.PERSON, MeasureKind.CASE, MeasureKind.HAZARD
_UNITS_EN = {"元": "yuan", "万元": "10k yuan", "亿元": "100M yuan"}


def places_of(stated: Decimal) -> int:
    """The decimals a percent is written with: none for "100", one for "98.5"."""
    exponent = stated.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _decimal(value: Decimal | int, locale: Any, pattern: str | None = None) -> str:
    """Babel's ``format_decimal`` of ``value``, in a context that holds every digit it writes.

    Babel rounds in the current decimal context (28 digits unless a program set
    another), which raises InvalidOperation for a number with more: a stated rate of
    40 digits (a JSON document may state a whole number of 40), found by the long
    fuzz run. The context is as precise as the number's integer digits and the
    pattern's decimals ask, never less than the program's own (the model holds every
    number a row writes to 40 digits each side of its point).
    """
    from babel.numbers import format_decimal  # noqa: PLC0415  (see the imports)

    number = Decimal(value)
    # The pattern's decimals; babel's own patterns (zh, en: "#,##0.###") write three at most.
    places = len(pattern.partition(".")[2]) if pattern is not None else 3
    with localcontext() as context:
        context.prec = max(context.prec, number.adjusted() + 2 + places)
        return format_decimal(number, format=pattern, locale=locale)


def _scale(unit: str, zh: bool) -> str:  # noqa: FBT001
    """The scale of a count written in 万 or 亿, as the locale writes it."""
    if zh or not unit:
        return unit
    return {"万": "×10k", "亿": "×100M"}[unit]


def _workforce(w: _Writer) -> None:
    workforce = w.report.workforce
    # A breakdown whose parts the report names without a number is still written, by name.
    if (
        all(value is None for _, value in figures(workforce))
        and not workforce.units
        and not workforce.dimensions
    ):
        return
    w.heading("workforce")
    w.stated(1, "certified", "workforce.certified", _PERSON)

    def units(tree: Mapping[str, Any], depth: int, prefix: str) -> None:
        for key, unit in tree.items():
            w.count(depth, unit.name, unit.certified, _PERSON, f"{prefix}{key}.certified")
            units(unit.subunits, depth + 1, f"{prefix}{key}.subunits.")

    units(workforce.units, 2, "workforce.units.")
    for key in ("authorised_posts", "established_staff"):
        w.stated(1, key, f"workforce.{key}", _PERSON)
    _breakdown(w, 2, workforce.by_establishment, _PERSON, "workforce.by_establishment")
    for key in (
        "auxiliary_staff",
        "borrowed_staff",
        "uncertified_recruits",
        "newly_certified",
        "exam_passed",
        "certificates_applied",
        "certificates_pending",
        "certificates_cancelled",
        "departed",
    ):
        w.stated(1, key, f"workforce.{key}", _PERSON)
    if workforce.departures:
        if workforce.departed is None:
            w.rows.append(Row(1, w.term("departures")))
        _breakdown(w, 2, workforce.departures, _PERSON, "workforce.departures")
    w.stated(1, "trained", "workforce.trained", _PERSON)
    w.stated(1, "misconduct_cases", "workforce.misconduct_cases", _CASE)
    _dimension_rows(w, workforce, "workforce", 1)


def _powers(w: _Writer) -> None:
    powers = w.report.powers
    if powers is None:
        return
    w.heading("powers")
    w.stated(1, "powers_total", "powers.total", MeasureKind.ITEM)
    _breakdown(w, 2, powers.by_kind, MeasureKind.ITEM, "powers.by_kind")
    _breakdown(w, 2, powers.by_source, MeasureKind.ITEM, "powers.by_source")


def _licensing(w: _Writer) -> None:
    licensing = w.report.licensing
    if licensing is None:
        return
    subject = licensing.subject
    w.rows.append(Row(0, w.label(ActionKind.LICENSING) + (w.aside(subject) if subject else "")))
    for key in (
        "handled",
        "applications",
        "accepted",
        "granted",
        "refused",
        "pending",
        "revoked",
        "legal_reviews",
    ):
        w.stated(1, key, f"licensing.{key}", _CASE)


def _inspection(w: _Writer) -> None:
    inspection = w.report.inspection
    if inspection is None:
        return
    w.rows.append(Row(0, w.label(ActionKind.INSPECTION)))
    w.stated(1, "visits", "inspection.visits", MeasureKind.ESTABLISHMENT_VISIT)
    for area, area_figures in inspection.by_area.items():
        path = f"inspection.by_area.{area.value}"
        if not any(True for _ in figures(area_figures)) and not w.written_under(path):
            w.rows.append(Row(2, w.label(area)))
            continue
        w.count(
            2, w.label(area), area_figures.visits, MeasureKind.ESTABLISHMENT_VISIT, f"{path}.visits"
        )
        w.stated(3, "hazards_found", f"{path}.hazards.found", _HAZARD)
        w.stated(3, "hazards_rectified", f"{path}.hazards.rectified", _HAZARD)
        if area_figures.hazards.supervised:
            w.rows.append(Row(3, w.term("supervised")))
            _breakdown(w, 4, area_figures.hazards.supervised, _HAZARD, f"{path}.hazards.supervised")
    w.stated(1, "hazards_found", "inspection.hazards.found", _HAZARD)
    w.stated(1, "hazards_rectified", "inspection.hazards.rectified", _HAZARD)
    if inspection.hazards.supervised:
        w.rows.append(Row(1, w.term("supervised")))
        _breakdown(w, 2, inspection.hazards.supervised, _HAZARD, "inspection.hazards.supervised")
    found, rectified = "inspection.hazards.found", "inspection.hazards.rectified"
    if w.computed and w.held(found, rectified):
        open_at_end = open_hazards(w.report)
        w.count(1, w.term("open_hazards"), open_at_end, _HAZARD)
        w.rows[-1] = attrs.evolve(w.rows[-1], computed=True)
    _dimension_rows(w, inspection, "inspection", 1)
    _dimension_rows(w, inspection.hazards, "inspection.hazards", 1)


def _penalty(w: _Writer) -> None:
    penalty = w.report.penalty
    if penalty is None:
        return
    w.rows.append(Row(0, w.label(ActionKind.PENALTY)))
    w.stated(1, "filed", "penalty.filed", _CASE)
    w.stated(1, "cases", "penalty.cases", _CASE)
    for domain, domain_figures in penalty.by_domain.items():
        path = f"penalty.by_domain.{domain.value}"
        if domain_figures.cases is None and w.report.stated.figure(f"{path}.cases") is None:
            # The domain heads its fines even where its cases are not stated.
            w.rows.append(Row(2, w.label(domain)))
        else:
            w.count(2, w.label(domain), domain_figures.cases, _CASE, f"{path}.cases")
        w.money(3, w.term("fines"), domain_figures.fines, f"{path}.fines")
    for key in ("by_sanction", "by_procedure"):
        parts = getattr(penalty, key)
        if parts:
            w.rows.append(Row(1, w.term(key)))
            _breakdown(w, 2, parts, _CASE, f"penalty.{key}")
    for key in ("fines", "confiscations", "fines_and_confiscations"):
        w.money(1, w.term(key), stated_figure(w.report, f"penalty.{key}"), f"penalty.{key}")
    if penalty.fines_by_procedure:
        w.rows.append(Row(1, w.term("fines_by_procedure")))
        for procedure, fines in penalty.fines_by_procedure.items():
            path = f"penalty.fines_by_procedure.{procedure.value}"
            w.money(2, w.label(procedure), fines, path)
    for key in ("not_penalised", "lightened", "legal_reviews", "referrals"):
        w.stated(1, key, f"penalty.{key}", _CASE)
    _dimension_rows(w, penalty, "penalty", 1)


def _coercion(w: _Writer) -> None:
    coercion = w.report.coercion
    if coercion is None:
        return
    w.rows.append(Row(0, w.label(ActionKind.COERCION)))
    w.stated(1, "actions", "coercion.actions", _CASE)
    w.stated(1, "measures", "coercion.measures", _CASE)
    _breakdown(w, 2, coercion.by_measure, _CASE, "coercion.by_measure")
    w.stated(1, "executions", "coercion.executions", _CASE)


def _interviews(w: _Writer) -> None:
    interviews = w.report.interviews
    if interviews is None:
        return
    w.heading("interviews")
    w.stated(1, "count", "interviews.count", MeasureKind.TIME)
    _breakdown(w, 2, interviews.by_party, MeasureKind.TIME, "interviews.by_party")


def _others(w: _Writer) -> None:
    for kind, other in w.report.other_actions.items():
        path = f"other_actions.{kind.value}"
        if other.count is None and other.amount is None and not w.written_under(path):
            # A category held with no figure at all has nothing to show (zh says nothing either).
            continue
        w.rows.append(Row(0, w.label(kind)))
        w.stated(1, "count", f"other_actions.{kind.value}.count", _CASE)
        w.money(1, w.term("amount"), other.amount, f"other_actions.{kind.value}.amount")


_REVIEW_KEYS = (
    ("reconsiderations", "reconsiderations"),
    ("corrected", "corrected"),
    ("upheld", "upheld"),
    ("revoked", "revoked_decisions"),
    ("changed", "changed"),
    ("withdrawn", "withdrawn"),
    ("pending", "pending_reviews"),
    ("litigations", "litigations"),
    ("lost", "lost"),
)


def _reviews(w: _Writer) -> None:
    reviews = w.report.reviews
    if reviews is None:
        return
    w.heading("reviews")
    for key, words in _REVIEW_KEYS:
        w.stated(1, words, f"reviews.total.{key}", _CASE)
    for kind in reviews.by_kind:
        w.rows.append(Row(1, w.label(kind)))
        for key, words in _REVIEW_KEYS:
            w.stated(2, words, f"reviews.by_kind.{kind.value}.{key}", _CASE)


def _rates(w: _Writer) -> None:
    """The rates the report states, as stated; with ``computed``, the exact ones it does not."""
    stated = w.report.stated.rates
    computed = {k: v for k, v in exact_rates(w.report).items() if k not in stated}
    per_case = fine_per_case(w.report) if w.held("penalty.fines", "penalty.cases") else None
    if not w.computed:
        computed, per_case = {}, None
    if not stated and not computed and per_case is None:
        return
    w.heading("rates")
    places = w.report.conventions.percent_places
    # In RateName order, then the report's own rates (办结率) in its order.
    for name in RateName:
        if name in stated:
            w.percent(1, w.label(name), stated[name], places_of(stated[name]))
        elif name in computed:
            w.percent(1, w.label(name), computed[name].percent(places), places, computed=True)
    for key, value in stated.items():
        if not isinstance(key, RateName):
            w.percent(1, key, value, places_of(value))
    if per_case is not None:
        w.yuan(1, w.term("fine_per_case"), per_case.value(2))


def _declared(w: _Writer, declared: Category) -> None:
    """The rows of a category of the table without rows of its own: each figure."""
    figures_of = getattr(w.report, declared.field)
    if figures_of is None:
        return
    w.rows.append(Row(0, w.label(declared.kind)))
    for path, value in figures(figures_of, f"{declared.field}."):
        # Words by path: another category's word for the same key is never taken.
        words = figure_term(path, w.locale) or path.rsplit(".", 1)[-1]
        if isinstance(value, Decimal):
            w.money(1, words, value, path)
        else:
            w.count(1, words, value, _CASE, path)


_CATEGORY_ROWS: Mapping[ActionKind, Callable[[_Writer], None]] = {
    ActionKind.LICENSING: _licensing,
    ActionKind.INSPECTION: _inspection,
    ActionKind.PENALTY: _penalty,
    ActionKind.COERCION: _coercion,
}


def _categories(w: _Writer) -> None:
    for declared in CATEGORIES:
        write = _CATEGORY_ROWS.get(declared.kind)
        if write is not None:
            write(w)
        else:
            _declared(w, declared)
        held = getattr(w.report, declared.field) is not None
        w.own(declared.kind.value, "" if held else w.label(declared.kind))


def _activities(w: _Writer) -> None:
    """The other enforcement work, in the report's order, each in its own measure word."""
    if not w.report.activities:
        return
    w.heading("activities")
    for activity in w.report.activities:
        if activity.count is not None:
            shown = _decimal(activity.count, w.locale)
            measure = activity.measure
            unit = measure if w.zh else ""
            w.rows.append(Row(1, activity.name, shown, unit, activity.count, "count", measure))
        else:
            w.rows.append(Row(1, activity.name))
        if activity.rate is not None:
            w.percent(2, activity.rate_name, activity.rate, places_of(activity.rate))


def _overview(w: _Writer) -> None:
    """The day the figures are counted to, and the report's own figures before its figures."""
    cut_off = w.report.stated.cut_off
    if cut_off is None and not w.report.stated.own_at(""):
        return
    w.heading("overview")
    if cut_off is not None:
        day = format_date(cut_off) if w.zh else cut_off.isoformat()
        w.rows.append(Row(1, term("cut_off", w.locale), day))
    w.own("")


def _own_elsewhere(w: _Writer) -> None:
    """The report's own figures at a category the report has no other figure of."""
    written = {*_PLACE_OF.values(), "", *(declared.kind.value for declared in CATEGORIES)}
    rest = [p for p in PLACES if p not in written and w.report.stated.own_at(p)]
    for place in rest:
        w.own(place, w.label(ActionKind(place)))


_SECTIONS = (
    _workforce,
    _powers,
    _categories,
    _interviews,
    _others,
    _activities,
    _reviews,
    _rates,
)


#: Where the figures of the report's own stand among the sections (categories: in them).
_PLACE_OF: Mapping[Callable[[_Writer], None], str] = {
    _workforce: "workforce",
    _powers: "powers",
    _interviews: "interviews",
    _activities: "activities",
    _reviews: "reviews",
}

_BOUND_EN: Mapping[Bound, str] = {
    Bound.ABOUT: "about",
    Bound.MORE_THAN: "more than",
    Bound.AT_LEAST: "at least",
    Bound.LESS_THAN: "less than",
    Bound.AT_MOST: "at most",
}


def rows(report: AnnualReport, locale: str, *, computed: bool = False) -> list[Row]:
    """Every figure and rate ``report`` states as rows, labelled in ``locale``.

    With ``computed``, also the exact figures computed from them (rates the
    report does not state, fines per case, hazards open at the year's end),
    each marked ``computed``.

    Examples:
        >>> from enforcement_core import examples
        >>> rows(examples.load("gulu-2023"), "en")[1]
        Row(depth=1, label='certified officers', value='22', unit='', number=22, kind='count', measure='名', path='workforce.certified', computed=False)
        >>> [r.label for r in rows(examples.load("gulu-2023"), "en", computed=True) if r.computed]
        ['hazards open at year end', 'grant rate (of applications)', 'training coverage', 'share in the enforcement office']
    """
    writer = _Writer(report, locale, computed=computed)
    _overview(writer)
    for section in _SECTIONS:
        before = len(writer.rows)
        section(writer)
        place = _PLACE_OF.get(section)
        if place is not None:
            alone = len(writer.rows) == before
            writer.own(place, term(place, locale) if alone else "")
    _own_elsewhere(writer)
    return writer.rows
