"""read_ledger: a ledger from where it lives, an Excel workbook, CSV, Parquet or JSON."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import attrs

from enforcement_core._validators import collecting
from enforcement_core.body import BodyLevel, EnforcementBody
from enforcement_core.errors import LoadError
from enforcement_core.labels import term
from enforcement_core.ledger import Ledger
from enforcement_core.serialization import load_json
from enforcement_core.tables._cells import CellError, blank, enum_reader, read_int, read_text
from enforcement_core.tables._files import RawSheet, kind_of, read_sheets
from enforcement_core.tables._layout import (
    Column,
    Sheet,
    match_columns,
    normal,
    read_cells,
    read_rows,
    sheets,
    unknown_without,
)
from enforcement_core.tables._problems import TableProblem
from enforcement_core.tables._publicity import Publicity, kind_of_table, read_publicity
from enforcement_core.workforce import Unit, UnitKind

if TYPE_CHECKING:
    from collections.abc import Mapping

    from enforcement_core.report import AnnualReport

__all__ = ["load_document", "read_ledger"]

Source = str | os.PathLike[str] | IO[bytes]

#: The items of the about sheet: the term of the item, the keyword it gives.
_ABOUT = ("about_name", "about_level", "about_region", "about_short_name", "about_year")

# A body's level, from how its name ends (a national table names the body, not its level).
_LEVEL_BY_NAME = (
    ("镇人民政府", BodyLevel.TOWN),
    ("乡人民政府", BodyLevel.TOWNSHIP),
    ("街道办事处", BodyLevel.STREET),
)


def _unit_columns() -> tuple[Column, ...]:
    return (
        Column("id", ("id",), read_text, required=True, owner="Unit"),
        Column("name", ("name",), read_text, required=True, owner="Unit"),
        Column("kind", ("kind",), enum_reader(UnitKind), required=False, owner="Unit"),
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
        TableProblem.at(sheet_name, number, None, e.value, e.reason, e.reason) for e in refused
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
        kwargs = (
            None
            if all(blank(c) for c in cells)
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


def _match(
    raw: RawSheet,
    layout: tuple[Sheet, ...],
    single: bool,  # noqa: FBT001
    mapping: Mapping[str, str] | None,
) -> Sheet | None:
    name = normal(raw.name)
    for sheet in layout:
        if name in sheet.names():
            return sheet
    if not single:
        return None
    # A CSV or Parquet file is one sheet: found by its headers when its name says nothing.
    renamed = {normal(k): normal(v) for k, v in (mapping or {}).items()}
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


def read_ledger(  # noqa: C901, PLR0912, PLR0915  (one pass over the sheets, each kind in turn)
    source: Source,
    *,
    body: EnforcementBody | None = None,
    year: int | None = None,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
) -> Ledger:
    r"""Read a ledger from an Excel workbook, a CSV or Parquet file, or a JSON document.

    Two kinds of table are read. The library's own layout (docs/ledgers.md) has
    one sheet per kind of record, Chinese headers and labels, and an about sheet
    (基本信息) for the body and the year; a CSV or Parquet file is one of its
    sheets, found by its name or its headers. The national 双公示 tables of
    penalties and licences are recognised by their headers.

    Args:
        source: A path, or a binary file object.
        body: The body whose ledger it is; from the about sheet, or the body a
            national table names, when not given.
        year: The year the ledger covers; from the about sheet, or the year of
            every record, when not given.
        sheet: Read only this sheet of a workbook (its name).
        mapping: Headers of the file and the column each stands for, for a table
            whose headers differ (``{"案件号": "id"}``; the keys of docs/ledgers.md).

    Returns:
        The ledger, every record checked as the model checks it.

    Raises:
        LoadError: Every problem of the file at once, each a :class:`TableProblem`
            with its sheet, row (the header is row 1), column header and value.
        MissingExtraError: The ``tables`` extra is not installed.

    Examples:
        >>> import io
        >>> table = (
        ...     "行政相对人名称,行政相对人类别,行政处罚决定书文号,处罚类别,罚款金额（万元）,处罚决定日期,处罚机关\n"
        ...     "某某建材厂,法人及非法人组织,古路罚〔2023〕1号,罚款,0.68,2023-05-02,重庆市渝北区古路镇人民政府\n"
        ... )
        >>> ledger = read_ledger(io.BytesIO(table.encode("gb18030")))
        >>> ledger.body.level, ledger.year, ledger.penalty_cases[0].fine
        (<BodyLevel.TOWN: 'town'>, 2023, Decimal('6800'))
    """
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
    raws = read_sheets(source, kind, Path(name).stem if name else "table")
    if sheet is not None:
        raws = [raw for raw in raws if normal(raw.name) == normal(sheet)]
        if not raws:
            raise LoadError(
                [TableProblem.at(sheet, None, None, None, "no such sheet", "没有这个工作表")],
                source=shown,
            )
    problems: list[TableProblem] = []
    layout = sheets()
    about: dict[str, Any] = {}
    units: dict[str, Unit] = {}
    groups: dict[str, list[Any]] = {}
    national = Publicity()
    pending: list[tuple[RawSheet, Sheet]] = []
    single = len(raws) == 1
    for raw in raws:
        if normal(raw.name) in (normal(term("sheet_about")), normal(term("sheet_about", "en"))):
            about = _about(raw, problems)
            continue
        if normal(raw.name) in (normal(term("sheet_units")), normal(term("sheet_units", "en"))):
            units = _units(raw, problems)
            continue
        table = kind_of_table(raw.header)
        if table is not None:
            field, records = read_publicity(raw, table, mapping, problems, national)
            groups.setdefault(field, []).extend(records)
            continue
        matched = _match(raw, layout, single, mapping)
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

    if body is None:
        body = _body_of(about)
    if body is None and national.bodies:
        if len(national.bodies) > 1:
            problems.append(
                TableProblem.at(
                    shown,
                    None,
                    None,
                    "、".join(national.bodies),
                    "the table holds the records of several bodies: give body=",
                    "表中有多个执法主体的记录：请指定执法主体",
                )
            )
        else:
            (named,) = national.bodies
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
        problems.append(
            TableProblem.at(
                shown,
                None,
                None,
                None,
                f"the body is not given: fill in the sheet {term('sheet_about')} or give body=",
                f"未给出执法主体：请填写“{term('sheet_about')}”工作表",
            )
        )
    if year is None:
        year = about.get("about_year")
    if year is None:
        years = _dates(groups)
        if len(years) == 1:
            (year,) = years
        elif not problems:
            problems.append(
                TableProblem.at(
                    shown,
                    None,
                    None,
                    None,
                    f"the year is not given: fill in the sheet {term('sheet_about')} or give year=",
                    f"未给出年度：请填写“{term('sheet_about')}”工作表",
                )
            )
    if problems or body is None or year is None:
        raise LoadError(problems, source=shown)
    kept: dict[str, Any] = {key: tuple(found) for key, found in groups.items()}
    return Ledger(body=body, year=year, units=units, **kept, unknown=tuple(national.unknown))


def load_document(path: str | os.PathLike[str]) -> AnnualReport | Ledger:
    """A report or a ledger from a file: a JSON document, or a ledger's table.

    What the command line reads wherever it takes a report or a ledger.
    """
    if kind_of(path, str(path)) == "json":
        return load_json(Path(path))
    return read_ledger(path)
