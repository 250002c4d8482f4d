"""Every figure a report holds is written by zh and text, with its measure word (issue 9)."""

from __future__ import annotations

import json
import re
from decimal import Decimal

from babel.numbers import format_decimal
from hypothesis import given

import enforcement_core as ec
from enforcement_core._paths import resolve
from enforcement_core.numbers_zh import MeasureKind, format_amount, measure_words
from enforcement_core.renderers._rows import rows
from enforcement_core.statistics import report_figures
from enforcement_core.workforce import walk_units
from strategies import changes_anywhere, real_reports, without_figures

# What each figure counts, by the start of its path: it decides the default measure word.
_KINDS = (
    ("workforce.misconduct_cases", MeasureKind.CASE),
    ("workforce.", MeasureKind.PERSON),
    ("powers.", MeasureKind.ITEM),
    ("inspection.hazards.", MeasureKind.HAZARD),
    ("inspection.by_area.", None),  # visits or hazards: decided below
    ("inspection.visits", MeasureKind.ESTABLISHMENT_VISIT),
    ("interviews.", MeasureKind.TIME),
)


def kind_of(path: str) -> MeasureKind:
    if path.startswith("inspection.by_area."):
        return MeasureKind.ESTABLISHMENT_VISIT if path.endswith(".visits") else MeasureKind.HAZARD
    for prefix, kind in _KINDS:
        if path.startswith(prefix) and kind is not None:
            return kind
    return MeasureKind.CASE


def word_of(report: ec.AnnualReport, path: str) -> str:
    conventions = report.conventions
    if path in conventions.measure_words:
        return conventions.measure_words[path]
    kind = kind_of(path)
    return conventions.case_measure if kind is MeasureKind.CASE else measure_words(kind)[0]


def written_in(text: str, number: str) -> bool:
    """``number`` stands in ``text`` as a whole number, not inside a longer one."""
    return re.search(rf"(?<![\d.,]){re.escape(number)}", text) is not None


def held(report: ec.AnnualReport) -> list[tuple[str, int | Decimal]]:
    """The non-zero figures the report holds (a zero may be written in words)."""
    return [(path, value) for path, value in report_figures(report) if value]


def count_in_zh(report: ec.AnnualReport, text: str, path: str, value: int) -> bool:
    """The count at ``path`` is in ``text``; a unit's right after its name, which may end in a digit."""
    shown = f"{value}{word_of(report, path)}"
    if written_in(text, shown):
        return True
    if path.startswith("workforce.units.") and path.endswith(".certified"):
        unit = resolve(report, path.removesuffix(".certified"))
        return f"{unit.name}{shown}" in text or f"{unit.name}本级{shown}" in text
    return False


@given(real_reports())
def test_every_count_in_zh_with_its_measure_word(report):
    """Each count the report holds is in zh as number and measure word ("243件")."""
    text = ec.render(report, "zh", personal_data=True)
    missing = [
        (path, f"{value}{word_of(report, path)}")
        for path, value in held(report)
        if isinstance(value, int) and not count_in_zh(report, text, path, value)
    ]
    missing += [
        (f"activities[{i}]", f"{a.count}{a.measure}")
        for i, a in enumerate(report.activities)
        if a.count and not written_in(text, f"{a.count}{a.measure}")
    ]
    assert [] == missing


@given(real_reports())
def test_every_amount_in_zh_in_the_reports_unit(report):
    """Each amount is in zh in the report's unit and places."""
    text = ec.render(report, "zh", personal_data=True)
    conventions = report.conventions
    missing = []
    for path, value in held(report):
        if isinstance(value, Decimal):
            places = conventions.money_places_by_figure.get(path, conventions.money_places)
            shown = format_amount(value, unit=conventions.money_unit, places=places)
            if not written_in(text, shown):
                missing.append((path, shown))
    assert [] == missing


@given(real_reports())
def test_every_figure_in_text_with_its_measure_word(report):
    """Each count is a row of text with its measure word; each amount in the report's unit."""
    text = ec.render(report, "text", personal_data=True)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    conventions = report.conventions
    missing = []
    for path, value in held(report):
        if isinstance(value, int):
            shown = f"{format_decimal(value, locale='zh_CN')} {word_of(report, path)}"
        else:
            places = conventions.money_places_by_figure.get(path, conventions.money_places)
            amount = format_amount(value, unit=conventions.money_unit, places=places, grouping=True)
            unit = next(u for u in ("亿元", "万元", "元") if amount.endswith(u))
            shown = f"{amount.removesuffix(unit)} {unit}"
        if not any(line.endswith(shown) for line in lines):
            missing.append((path, shown))
    assert [] == missing


# Unknown is never zero (issue 19) ----------------------------------------------------


_DIGITS = re.compile(r"\d+(?:\.\d+)?")


@given(without_figures())
def test_removing_figures_creates_no_error(case):
    """Removing figures never creates an error: an unknown figure is not a wrong one."""
    before, after, _ = case
    assert [] == ec.audit(before).errors()  # the strategy builds valid documents
    assert [] == [str(finding) for finding in ec.audit(after).errors()]


@given(without_figures())
def test_removed_figures_are_not_written(case):
    """No renderer writes a figure at a removed path, nor one computed from it."""
    before, after, removed = case
    for computed in (False, True):
        written = rows(after, "zh_CN", computed=computed)
        assert set() == {row.path for row in written} & removed
        if computed:
            # A figure computed from a removed one is not exact: it is not written.
            was = {row.label for row in rows(before, "zh_CN", computed=True) if row.computed}
            assert set() == {row.label for row in written if row.computed} - was
    # zh writes no number it did not write with the figures there: no total added up
    # from parts in place of a removed one, no rate from it.
    zh_before = ec.render(before, "zh", personal_data=True)
    zh_after = ec.render(after, "zh", personal_data=True)
    new = set(_DIGITS.findall(zh_after)) - set(_DIGITS.findall(zh_before))
    # zh says a zero total in words ("无在编人员") and leaves its parts unsaid; with the
    # total removed, a part stated as 0 is written as a figure ("行政编制0名"): a zero the
    # report states, not one made up, which the rows' paths above already hold.
    if any(value == 0 for _, value in report_figures(after)):
        new.discard("0")
    assert set() == new, (zh_before, zh_after)
    document = json.loads(ec.render(after, "json"))
    assert [] == [path for path in removed if resolve(ec.load_json(json.dumps(document)), path)]


def own_text(report: ec.AnnualReport) -> list[str]:
    """The document's own words (names, narrative, its own rate names), longest first."""
    own = [report.body.name, report.body.short_name, report.body.region]
    own.append(report.narrative.opening)

    def sections(items):
        for section in items:
            own.append(section.title)
            own.extend(section.paragraphs)
            sections(section.subsections)

    sections(report.narrative.sections)
    if report.licensing is not None:
        own.append(report.licensing.subject)
    for activity in report.activities:
        own.extend([activity.name, activity.measure, activity.rate_name])
    own.extend(name for name in report.stated.rates if not isinstance(name, ec.report.RateName))
    own.extend(unit.name for _, unit in walk_units(report.workforce.units))
    own.extend(report.conventions.measure_words.values())
    return sorted({text for text in own if text}, key=len, reverse=True)


@given(changes_anywhere())
def test_no_ascii_letters_in_chinese(report):
    """zh and text (zh_CN) write no ASCII letter outside the document's own text: no key leaks."""
    for name in ("zh", "text"):
        text = ec.render(report, name, personal_data=True)
        for own in own_text(report):
            text = text.replace(own, "")
        assert [] == re.findall(r"[A-Za-z]+", text), name


def test_a_zero_part_of_a_removed_total_is_written_as_stated_and_no_total_is_made():
    """The case the removal property met: 在编人员 removed, 行政编制 stated as 0.

    Before, zh says the zero total in words; after, the stated zero part is written as
    a figure and no total is made up from it.
    """
    import attrs

    from enforcement_core.workforce import EstablishmentKind

    body = ec.body.EnforcementBody(name="示例乡人民政府", level=ec.body.BodyLevel.TOWN)
    staff = ec.workforce.WorkforceFigures(
        established_staff=0, by_establishment={EstablishmentKind.ADMINISTRATIVE: 0}
    )
    before = ec.AnnualReport(body=body, year=2000, workforce=staff)
    after = attrs.evolve(before, workforce=attrs.evolve(staff, established_staff=None))
    assert "无在编人员" in ec.render(before, "zh")
    written = ec.render(after, "zh")
    assert "在编人员中行政编制0名" in written
    assert "在编人员0名" not in written
    assert "无在编人员" not in written
