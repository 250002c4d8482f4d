"""The report's heading and prose in a ledger workbook: the sheet 报告正文.

A ledger's records give the figures; what a report says beside them (the 主送机关,
the 发文字号, the 成文日期, the problems found, the next year's plans) a clerk writes
on this sheet, one item a row: the item in the first column (项目), a section's
title in the second (标题), the text in the third (内容). Several rows of one
section, or line breaks inside one cell, are its paragraphs.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

import attrs

from enforcement_core.labels import term
from enforcement_core.report import Narrative, Section, SectionRole
from enforcement_core.tables._cells import CellError, blank, read_date, read_text
from enforcement_core.tables._layout import normal
from enforcement_core.tables._problems import TableProblem

if TYPE_CHECKING:
    from enforcement_core.tables._files import RawSheet

__all__ = ["ITEMS", "SECTION_ITEMS", "TextSheet", "read_text_sheet"]

#: The items of the sheet, in the template's order.
ITEMS: Final = (
    "text_addressee",
    "text_doc_number",
    "text_published_on",
    "text_opening",
    "text_overview",
    "text_overview_section",
    "text_problems",
    "text_plans",
    "text_other",
)
#: The items that are sections of the report, with the role each section has.
SECTION_ITEMS: Final = {
    "text_overview": SectionRole.OVERVIEW,
    "text_overview_section": SectionRole.OTHER,
    "text_problems": SectionRole.PROBLEMS,
    "text_plans": SectionRole.PLANS,
    "text_other": SectionRole.OTHER,
}
# Items whose title the clerk must write: nothing else tells what the section is about.
_TITLED: Final = frozenset({"text_overview_section", "text_other"})
_HEADERS: Final = ("about_item", "text_title", "about_value")


def default_title(item: str, year: int) -> str:
    """The title a section has when the clerk leaves 标题 blank (as ``zh`` titles its own)."""
    if item == "text_overview":
        return f"{year}年行政执法总体情况"
    if item == "text_plans":
        return f"{year + 1}年工作打算"
    return term(item)


@attrs.define
class TextSheet:
    """What the sheet gives: the heading's items and the sections' paragraphs, in row order."""

    heading: dict[str, str] = attrs.field(factory=dict)
    published_on: dt.date | None = None
    #: (item, title or "", paragraphs), one entry a row, in row order.
    sections: list[tuple[str, str, list[str]]] = attrs.field(factory=list)

    def _merged(self, year: int) -> dict[tuple[str, str], list[str]]:
        """The paragraphs of each section, rows of one item and title together, in order."""
        merged: dict[tuple[str, str], list[str]] = {}
        for item, title, paragraphs in self.sections:
            key = (item, title or default_title(item, year))
            merged.setdefault(key, []).extend(paragraphs)
        return merged

    def narrative(self, year: int) -> Narrative:
        """The narrative of a report of ``year``: the overview first, its sub-sections in it."""
        overview: list[str] = []
        subsections: list[Section] = []
        overview_title = ""
        rest: list[Section] = []
        for (item, title), paragraphs in self._merged(year).items():
            if item == "text_overview":
                overview += paragraphs
                overview_title = overview_title or title
            elif item == "text_overview_section":
                subsections.append(Section(title=title, paragraphs=tuple(paragraphs)))
            else:
                rest.append(
                    Section(title=title, role=SECTION_ITEMS[item], paragraphs=tuple(paragraphs))
                )
        sections = tuple(rest)
        if overview or subsections:
            first = Section(
                title=overview_title or default_title("text_overview", year),
                role=SectionRole.OVERVIEW,
                paragraphs=tuple(overview),
                subsections=tuple(subsections),
            )
            sections = (first, *sections)
        return Narrative(
            opening=self.heading.get("text_opening", ""),
            sections=sections,
            addressee=self.heading.get("text_addressee", ""),
            doc_number=self.heading.get("text_doc_number", ""),
        )


def _paragraphs(text: str) -> list[str]:
    # A clerk breaks paragraphs inside a cell with Alt+Enter: each line is one.
    return [line.strip() for line in text.splitlines() if line.strip()]


def _columns(raw: RawSheet, problems: list[TableProblem]) -> dict[str, int] | None:
    known = {normal(term(key, locale)): key for key in _HEADERS for locale in ("zh_CN", "en")}
    found: dict[str, int] = {}
    for index, cell in enumerate(raw.header):
        key = None if blank(cell) else known.get(normal(cell))
        if key is not None:
            found.setdefault(key, index)
    missing = [key for key in ("about_item", "about_value") if key not in found]
    problems.extend(
        TableProblem.at(raw.name, 1, term(key), None, "a required column is missing", "缺少必填列")
        for key in missing
    )
    return None if missing else found


def read_text_sheet(  # noqa: C901  (one pass over the rows, each kind of item in turn)
    raw: RawSheet, problems: list[TableProblem]
) -> TextSheet:
    """The sheet's items; each row that cannot be read is a problem with its row and header."""
    given = TextSheet()
    columns = _columns(raw, problems)
    if columns is None:
        return given
    items = {normal(term(key, locale)): key for key in ITEMS for locale in ("zh_CN", "en")}

    def cell(cells: list[Any], key: str) -> Any:
        index = columns.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    for number, cells in raw.rows:
        name, title, value = (cell(cells, key) for key in _HEADERS)
        if blank(value):
            continue  # an item the clerk left empty, its title written in advance or not
        item = None if blank(name) else items.get(normal(name))
        if item is None:
            listed = "、".join(term(key) for key in ITEMS)
            problems.append(
                TableProblem.at(
                    raw.name,
                    number,
                    term("about_item"),
                    name,
                    f"not an item of the report's text; the items are: {listed}",
                    f"不是报告正文的项目；可填的项目为：{listed}",
                )
            )
            continue
        try:
            if item == "text_published_on":
                day = read_date(value)
                given.published_on = day
                continue
            text = read_text(value)
            heading = "" if blank(title) else read_text(title)
        except CellError as error:
            problems.append(
                TableProblem.at(
                    raw.name, number, term("about_value"), value, error.message, error.message_zh
                )
            )
            continue
        if item not in SECTION_ITEMS:
            if item in given.heading:
                problems.append(
                    TableProblem.at(
                        raw.name,
                        number,
                        term("about_item"),
                        name,
                        "given twice; the item takes one value",
                        "重复填写；该项目只填一次",
                    )
                )
                continue
            given.heading[item] = " ".join(_paragraphs(text))
            continue
        if item in _TITLED and not heading:
            problems.append(
                TableProblem.at(
                    raw.name,
                    number,
                    term("text_title"),
                    None,
                    "a section needs its title",
                    "请填写该章节的标题",
                )
            )
            continue
        given.sections.append((item, heading, _paragraphs(text)))
    return given
