"""read_ledger: a ledger from where it lives, an Excel workbook, CSV, Parquet or JSON."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any, Final

import attrs

from enforcement_core._validators import YEARS, collecting
from enforcement_core.body import BodyLevel, EnforcementBody
from enforcement_core.errors import LoadError
from enforcement_core.labels import term
from enforcement_core.ledger import Ledger
from enforcement_core.serialization import load_json
from enforcement_core.tables._cells import (
    CellError,
    blank,
    enum_reader,
    identifier_key,
    read_int,
    read_text,
)
from enforcement_core.tables._files import RawSheet, kind_of, materialized, of_file, read_sheets
from enforcement_core.tables._layout import (
    EXAMPLE_PREFIX,
    Column,
    Sheet,
    mapped_key,
    match_columns,
    normal,
    read_cells,
    read_rows,
    sheets,
    unknown_without,
)
from enforcement_core.tables._problems import TableProblem
from enforcement_core.tables._publicity import PublishedLayout, below_title, is_note, recognise
from enforcement_core.tables._publicity_rows import Publicity, read_publicity
from enforcement_core.tables._reasons import in_chinese
from enforcement_core.tables._text import TextSheet, read_text_sheet
from enforcement_core.workforce import Unit, UnitKind

__all__ = [
    "Given",
    "id_column",
    "infer_body_and_year",
    "ledger_of_sheets",
    "read_objects",
    "repeated_ids",
]

Source = str | os.PathLike[str] | IO[bytes]

#: The items of the about sheet: the term of the item, the keyword it gives.
_ABOUT = ("about_name", "about_level", "about_region", "about_short_name", "about_year")

# A body's level, from how its name ends (a national table names the body, not its level).
_LEVEL_BY_NAME = (
    ("镇人民政府", BodyLevel.TOWN),
    ("乡人民政府", BodyLevel.TOWNSHIP),
    ("街道办事处", BodyLevel.STREET),
)


# Sheets a workbook may hold that are read by people only: the template's instructions.
_SKIPPED = frozenset(normal(term("sheet_instructions", locale)) for locale in ("zh_CN", "en"))


def for_people(sheet_name: str) -> bool:
    """Whether the sheet ``sheet_name`` is read by people only (the template's instructions)."""
    return normal(sheet_name) in _SKIPPED


def _unit_columns() -> tuple[Column, ...]:
    return (
        Column("id", ("id",), read_text, required=True, owner="Unit"),
        Column("name", ("name",), read_text, required=True, owner="Unit"),
        Column(
            "kind",
            ("kind",),
            enum_reader(UnitKind),
            required=False,
            owner="Unit",
            vocabulary=UnitKind,
        ),
        Column("parent", ("parent",), read_text, required=False, owner="Unit"),
    )


def _unit(
    key: str,
    rows: Mapping[str, tuple[int, dict[str, Any]]],
    where: tuple[str, list[TableProblem]],
    trail: tuple[str, ...],
) -> Unit | None:
    """The unit ``key`` with its sub-units, each built from its row; ``None`` if refused."""
    sheet_name, problems = where
    number, kwargs = rows[key]
    subs = {
        sub: unit
        for sub, (_, sub_kwargs) in rows.items()
        if sub_kwargs.get("parent") == key and sub not in trail
        if (unit := _unit(sub, rows, where, (*trail, sub))) is not None
    }
    given = {k: v for k, v in kwargs.items() if k != "parent"}
    with collecting() as refused:
        made = Unit(**given, subunits=subs)
    problems.extend(
        TableProblem.at(sheet_name, number, None, e.value, e.reason, in_chinese(e.reason))
        for e in refused
    )
    return None if refused else made


def _units(raw: RawSheet, problems: list[TableProblem]) -> dict[str, Unit]:
    """The unit tree of the units sheet: each row a unit, its parent named by identifier."""
    columns = _unit_columns()
    before = len(problems)
    found = match_columns(raw.name, raw.header, columns, None, problems)
    if len(problems) > before:
        return {}
    rows: dict[str, tuple[int, dict[str, Any]]] = {}
    for number, cells in raw.rows:
        example = bool(cells) and str(cells[0] or "").strip().startswith(EXAMPLE_PREFIX)
        kwargs = (
            None
            if example or all(blank(c) for c in cells)
            else read_cells(raw.name, number, cells, found, problems)
        )
        if kwargs is not None:
            rows[kwargs.pop("id")] = (number, kwargs)
    problems.extend(
        TableProblem.at(
            raw.name,
            number,
            term("column_parent"),
            kwargs["parent"],
            "no unit has this identifier",
            "没有此编号的单位",
        )
        for number, kwargs in rows.values()
        if kwargs.get("parent") is not None and kwargs["parent"] not in rows
    )
    tops = [key for key, (_, kwargs) in rows.items() if kwargs.get("parent") not in rows]
    units = {key: _unit(key, rows, (raw.name, problems), (key,)) for key in tops}
    return {key: unit for key, unit in units.items() if unit is not None}


def _about(raw: RawSheet, problems: list[TableProblem]) -> dict[str, Any]:
    """The body and year of the about sheet: one item a row, its value beside it."""
    items = {normal(term(key)): key for key in _ABOUT}
    items |= {normal(term(key, "en")): key for key in _ABOUT}
    given: dict[str, Any] = {}
    for number, cells in [(1, raw.header), *raw.rows]:
        if len(cells) < 2 or blank(cells[0]) or normal(cells[0]) == normal(term("about_item")):
            continue
        key = items.get(normal(cells[0]))
        if key is None or blank(cells[1]):
            continue
        try:
            if key == "about_year":
                given[key] = read_int(cells[1])
            elif key == "about_level":
                given[key] = enum_reader(BodyLevel)(cells[1])
            else:
                given[key] = read_text(cells[1])
        except CellError as error:
            problems.append(
                TableProblem.at(
                    raw.name, number, str(cells[0]), cells[1], error.message, error.message_zh
                )
            )
    return given


def _body_of(about: Mapping[str, Any]) -> EnforcementBody | None:
    if "about_name" not in about or "about_level" not in about:
        return None
    extra = {"short_name": about["about_short_name"]} if "about_short_name" in about else {}
    return EnforcementBody(
        about["about_name"], about["about_level"], region=about.get("about_region", ""), **extra
    )


#: The columns that make a national table, in the order they are named when one is missing.
_NATIONAL_KEYS: Final = (
    ("行政处罚决定书文号", "处罚决定日期"),
    ("行政许可决定文书号", "许可决定日期"),
)


def _half_national(header: list[Any]) -> str | None:
    """The missing one of a national table's two key columns, when the other is there."""
    names = {normal(cell) for cell in header if not blank(cell)}
    for keys in _NATIONAL_KEYS:
        present = [key for key in keys if normal(key) in names]
        if len(present) == 1:
            return next(key for key in keys if key not in present)
    return None


def _repeated_in(  # noqa: PLR0913, PLR0917  (the sheet, its group and columns, and how they are named)
    raw: RawSheet,
    field: str,
    columns: tuple[Column, ...],
    seen: Seen,
    mapping: Mapping[str, str | tuple[str, str]] | None = None,
    ignored: frozenset[str] = frozenset(),
) -> list[TableProblem]:
    found = id_column(raw.header, columns, mapping, ignored)
    if found is None:
        return []
    index, header = found
    values = [(number, cells[index] if index < len(cells) else None) for number, cells in raw.rows]
    return repeated_ids(field, raw.name, header, values, seen)


def _match(
    raw: RawSheet,
    layout: tuple[Sheet, ...],
    single: bool,  # noqa: FBT001
    mapping: Mapping[str, str | tuple[str, str]] | None,
) -> Sheet | None:
    name = normal(raw.name)
    for sheet in layout:
        if name in sheet.names():
            return sheet
    if not single:
        return None
    # A CSV or Parquet file is one sheet: found by its headers when its name says nothing.
    renamed = {normal(k): normal(mapped_key(v)) for k, v in (mapping or {}).items()}
    headers = {renamed.get(normal(h), normal(h)) for h in raw.header if not blank(h)}
    scored = [
        (sum(1 for c in sheet.columns if headers & set(c.names())), sheet) for sheet in layout
    ]
    best = max(scored, key=lambda pair: pair[0])
    complete = [
        s
        for n, s in scored
        if n == best[0] and all(headers & set(c.names()) for c in s.columns if c.required)
    ]
    return complete[0] if complete else None


def _published(
    raw: RawSheet, mapping: Mapping[str, str | tuple[str, str]] | None
) -> tuple[PublishedLayout | None, RawSheet]:
    """The published layout of a sheet, and the sheet from its header (a title above taken off)."""
    titled = below_title(raw, mapping)
    return recognise(titled.header, mapping), titled


#: Where an identifier was first seen, by record group: (sheet, row).
Seen = dict[str, dict[str, tuple[str, int]]]


def repeated_ids(
    field: str,
    sheet_name: str,
    header: str,
    values: list[tuple[int, Any]],
    seen: Seen,
) -> list[TableProblem]:
    """Each record whose identifier (a decision number) an earlier row of its group gives too.

    A record given twice would be counted twice by every summary; the audit calls it
    ``duplicate-id``. ``values`` are (row, the identifier's cell); ``seen`` carries what
    earlier sheets (or pieces of a dataset) gave, and is updated.
    """
    first = seen.setdefault(field, {})
    problems = []
    for number, value in values:
        if blank(value):
            continue
        key = identifier_key(value)
        if key in first:
            problems.append(given_again((sheet_name, number), header, key, first[key]))
        else:
            first[key] = (sheet_name, number)
    return problems


def given_again(
    where: tuple[str, int], header: str, key: str, first: tuple[str, int]
) -> TableProblem:
    """The problem of the identifier ``key`` at ``where`` (sheet, row), given first at ``first``."""
    sheet_name, number = where
    where_sheet, where_row = first
    at = f"row {where_row}" if where_sheet == sheet_name else f"{where_sheet}, row {where_row}"
    at_zh = f"第{where_row}行" if where_sheet == sheet_name else f"{where_sheet}第{where_row}行"
    return TableProblem.at(
        sheet_name,
        number,
        header,
        key,
        f"the same identifier as {at}: a record given twice would be counted twice",
        f"与{at_zh}的编号相同：同一记录重复填报会被重复统计",
    )


def id_column(
    header: list[Any],
    columns: tuple[Column, ...],
    mapping: Mapping[str, str | tuple[str, str]] | None,
    ignored: frozenset[str] = frozenset(),
) -> tuple[int, str] | None:
    """The position and header of the identifier column of ``header``; ``None`` without one."""
    problems: list[TableProblem] = []
    found = match_columns("", header, columns, mapping, problems, ignored=ignored)
    if problems:
        return None  # the sheet is refused by its header: its rows are not records
    return next(
        ((index, column.header()) for index, column in found.items() if column.key == "id"), None
    )


def _dates(ledger_groups: Mapping[str, list[Any]]) -> Counter[int]:
    years: Counter[int] = Counter()
    for records in ledger_groups.values():
        for record in records:
            day = getattr(record, "date", None)
            if isinstance(day, dt.date):
                years[day.year] += 1
    return years


def _name(source: Source) -> str:
    if isinstance(source, str | os.PathLike):
        return str(source)
    return str(getattr(source, "name", "") or "")


@attrs.frozen
class Given:
    """What a file gives to infer a ledger's body and year from, besides ``body=`` and ``year=``."""

    #: The items of the about sheet (``_about``).
    about: Mapping[str, Any]
    #: The bodies a national table names, each with its first row.
    bodies: Mapping[str, int]
    #: The years of the records' dates, counted when asked.
    years: Callable[[], Counter[int]]
    #: The day the text sheet dates the report.
    published_on: dt.date | None


def _inferred_body(
    body: EnforcementBody | None, given: Given, shown: str, problems: list[TableProblem]
) -> EnforcementBody | None:
    if body is None:
        body = _body_of(given.about)
    if body is None and given.bodies:
        if len(given.bodies) > 1:
            problems.append(
                TableProblem.at(
                    shown,
                    None,
                    None,
                    "、".join(given.bodies),
                    "the table holds the records of several bodies: give body=",
                    "表中有多个执法主体的记录：请指定执法主体",
                )
            )
        else:
            (named,) = given.bodies
            level = next((lv for end, lv in _LEVEL_BY_NAME if named.endswith(end)), None)
            if level is None:
                problems.append(
                    TableProblem.at(
                        shown,
                        None,
                        None,
                        named,
                        "the level of the body is not in the table: give body=",
                        "表中没有执法主体的层级：请指定执法主体",
                    )
                )
            else:
                body = EnforcementBody(named, level)
    # Without a record read, the body and year cannot come from the records: said once the rows are right.
    if body is None and not problems:
        problems.append(_not_given(shown, "body", "执法主体"))
    return body


def _not_given(shown: str, name: str, in_chinese: str) -> TableProblem:
    """The problem of a ledger whose ``name`` (body, year) neither the file nor the call gives."""
    return TableProblem.at(
        shown,
        None,
        None,
        None,
        f"the {name} is not given: fill in the sheet {term('sheet_about')} or give {name}=",
        f"未给出{in_chinese}：请填写“{term('sheet_about')}”工作表",
    )


def infer_body_and_year(
    body: EnforcementBody | None,
    year: int | None,
    given: Given,
    shown: str,
    problems: list[TableProblem],
) -> tuple[EnforcementBody | None, int | None]:
    """The ledger's body and year: as given, else as the file gives them.

    The body from the about sheet or a national table's one body (its level from
    its name); the year from the about sheet or the year of every record. What
    cannot be inferred, or is out of range, is added to ``problems``. One definition
    for the object reading and the column road of ``read_ledger``.
    """
    body = _inferred_body(body, given, shown, problems)
    about = given.about
    if year is None:
        year = about.get("about_year")
    if year is None:
        years = given.years()
        if len(years) == 1:
            (year,) = years
        elif not problems:
            problems.append(_not_given(shown, "year", "年度"))
    if year is not None and not 1 <= year <= YEARS[1]:
        # Refused here, with its place, not by the ledger's constructor naming none.
        in_about = "about_year" in about
        problems.append(
            TableProblem.at(
                term("sheet_about") if in_about else shown,
                None,
                term("about_year") if in_about else None,
                year,
                f"{year} is not a year from 1 to {YEARS[1]}"
                + ("" if in_about else " (the year of every record)"),
                f"{year}不是1至{YEARS[1]}之间的年度",
            )
        )
    if year is not None and given.published_on is not None and given.published_on.year < year:
        problems.append(
            TableProblem.at(
                term("sheet_text"),
                None,
                term("text_published_on"),
                given.published_on,
                f"the report is dated before the year {year} it reports on began",
                f"成文日期早于报告所属的{year}年",
            )
        )
    return body, year


def read_objects(
    source: Source,
    *,
    body: EnforcementBody | None = None,
    year: int | None = None,
    sheet: str | None = None,
    mapping: Mapping[str, str | tuple[str, str]] | None = None,
) -> Ledger:
    """:func:`~enforcement_core.tables.read_ledger` by objects: every row built into its record.

    The reference reading, of every kind of file; ``read_ledger`` takes the column
    road where it gives the same ledger and the same problems, and this one elsewhere.
    """
    source = materialized(source)
    name = _name(source)
    kind = kind_of(source, name or None)
    if kind == "json":
        text = source if isinstance(source, str | os.PathLike) else source.read()
        document = load_json(text, Ledger)
        changes: dict[str, Any] = {}
        if body is not None:
            changes["body"] = body
        if year is not None:
            changes["year"] = year
        return attrs.evolve(document, **changes) if changes else document
    shown = Path(name).name if name else "table"
    try:
        raws = read_sheets(
            source,
            kind,
            Path(name).stem if name else "table",
            lambda sheet: below_title(sheet, mapping),
            for_people=for_people,
        )
    except LoadError as error:
        raise of_file(error, Path(name).stem if name else "table", shown) from None
    if sheet is not None:
        raws = [raw for raw in raws if normal(raw.name) == normal(sheet)]
        if not raws:
            raise LoadError(
                [TableProblem.at(sheet, None, None, None, "no such sheet", "没有这个工作表")],
                source=shown,
            )
    return ledger_of_sheets(raws, shown, body=body, year=year, mapping=mapping)


def ledger_of_sheets(  # noqa: C901, PLR0912, PLR0913, PLR0915  (one pass over the sheets, each kind in turn)
    raws: list[RawSheet],
    shown: str,
    *,
    body: EnforcementBody | None,
    year: int | None,
    mapping: Mapping[str, str | tuple[str, str]] | None,
    single: bool | None = None,
    bodies: Mapping[str, int] | None = None,
    years: Callable[[], Counter[int]] | None = None,
) -> Ledger:
    """The ledger of a file's sheets (``raws``, in the file's order), every row built into its record.

    ``shown`` names the file in problems. The column road of a workbook gives here
    the sheets it does not read, and each sheet it reads by its header alone: the
    sheet's rows then give no record, and what they give the file besides is given
    by ``single`` (whether the file has one sheet; else ``len(raws) == 1``),
    ``bodies`` (the bodies its national tables name) and ``years`` (its records'
    years, counted when asked).

    Raises:
        LoadError: Every problem of the sheets, with the ledger's body and year as
            :func:`infer_body_and_year` finds them.
    """
    problems: list[TableProblem] = []
    layout = sheets()
    about: dict[str, Any] = {}
    units: dict[str, Unit] = {}
    groups: dict[str, list[Any]] = {}
    national = Publicity()
    prose = TextSheet()
    pending: list[tuple[RawSheet, Sheet]] = []
    single = len(raws) == 1 if single is None else single
    seen: Seen = {}
    for raw in raws:
        if normal(raw.name) in (normal(term("sheet_about")), normal(term("sheet_about", "en"))):
            about = _about(raw, problems)
            continue
        if normal(raw.name) in (normal(term("sheet_units")), normal(term("sheet_units", "en"))):
            units = _units(raw, problems)
            continue
        if normal(raw.name) in (normal(term("sheet_text")), normal(term("sheet_text", "en"))):
            prose = read_text_sheet(raw, problems)
            continue
        if normal(raw.name) in _SKIPPED:
            continue
        published, titled = _published(raw, mapping)
        if published is not None:
            field, records = read_publicity(titled, published, mapping, problems, national)
            groups.setdefault(field, []).extend(records)
            # A site's notes below the data are not records, whatever their first cell says.
            rows = [(number, cells) for number, cells in titled.rows if not is_note(cells)]
            problems += _repeated_in(
                RawSheet(titled.name, titled.header, rows),
                field,
                published.columns,
                seen,
                mapping,
                published.ignored(),
            )
            continue
        matched = _match(raw, layout, single, mapping)
        if matched is None and (half := _half_national(raw.header)) is not None:
            # One of the two columns that make a national table is there, the other not:
            # the table is the national one, and the missing column is what to name.
            problems.append(
                TableProblem.at(
                    raw.name,
                    1,
                    half,
                    None,
                    "a required column of a national table is missing",
                    "缺少全国统一公示表的必填列",
                )
            )
            continue
        if matched is None:
            known = "、".join(s.name() for s in layout)
            problems.append(
                TableProblem.at(
                    raw.name,
                    None,
                    None,
                    None,
                    f"not a sheet of a ledger; the sheets are: {term('sheet_about')}、"
                    f"{term('sheet_units')}、{known}, or a national penalty or licensing table",
                    f"不是台账的工作表；可用的工作表为：{term('sheet_about')}、{term('sheet_units')}、{known}，"
                    "或全国统一的行政处罚、行政许可公示表",
                )
            )
            continue
        pending.append((raw, matched))
    # Children first (hazards before their inspections), so each record is built whole.
    children: dict[str, dict[str, dict[str, list[Any]]]] = {}
    orphans: list[tuple[str, dict[str, list[Any]], dict[str, int]]] = []
    for raw, matched in sorted(pending, key=lambda pair: pair[1].parent is None):
        # A fact without its column is unknown for the whole sheet, not False row by row.
        present = match_columns(raw.name, raw.header, matched.columns, mapping, [])
        keys = (column.key for column in present.values())
        national.unknown.update(dict.fromkeys(unknown_without(matched.record, keys)))
        read = read_rows(raw, matched, mapping, problems, children.get(matched.key, {}))
        problems += _repeated_in(raw, matched.key, matched.columns, seen, mapping)
        if matched.parent is not None and matched.parent_field is not None:
            by_parent: dict[str, list[Any]] = {}
            first_row: dict[str, int] = {}
            for number, parent, record in read:
                by_parent.setdefault(str(parent), []).append(record)
                first_row.setdefault(str(parent), number)
            children.setdefault(matched.parent, {})[matched.parent_field] = by_parent
            orphans.append((raw.name, by_parent, first_row))
            continue
        groups.setdefault(matched.key, []).extend(record for _, _, record in read)
    # Children whose parent was never read are left in their dict when the parents are placed.
    for sheet_name, by_parent, first_row in orphans:
        problems.extend(
            TableProblem.at(
                sheet_name,
                first_row[parent_id],
                None,
                parent_id,
                "belongs to a record that is not in the ledger",
                "所属记录不在台账中",
            )
            for parent_id in by_parent
        )

    body, year = infer_body_and_year(
        body,
        year,
        Given(
            about,
            {**national.bodies, **(bodies or {})},
            lambda: _dates(groups) + (years() if years is not None else Counter()),
            prose.published_on,
        ),
        shown,
        problems,
    )
    if problems or body is None or year is None:
        raise LoadError(problems, source=shown)
    kept: dict[str, Any] = {key: tuple(found) for key, found in groups.items()}
    return Ledger(
        body=body,
        year=year,
        published_on=prose.published_on,
        units=units,
        narrative=prose.narrative(year),
        **kept,
        unknown=tuple(national.unknown),
    )
