"""Blank templates: a ledger workbook in the library's layout, an annual report skeleton."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from enforcement_core._extras import require
from enforcement_core.body import BodyLevel
from enforcement_core.labels import labels_of, term
from enforcement_core.serialization import SCHEMA_VERSION
from enforcement_core.tables._cells import read_bool, read_date, read_int, read_text, read_yuan
from enforcement_core.tables._layout import EXAMPLE_PREFIX, Column, sheets
from enforcement_core.tables._read import _ABOUT, _unit_columns

__all__ = ["report_skeleton", "template", "write_template"]

_EXAMPLE_DAY = dt.date(2024, 3, 1)
# Excel's data validation lists hold at most 255 characters.
_LIST_LIMIT = 255


def _example(column: Column) -> Any:
    if column.key in ("id", "parent"):
        return f"{EXAMPLE_PREFIX}-1"
    if column.vocabulary is not None:
        return next(iter(labels_of(column.vocabulary).values()))
    examples: dict[object, object] = {
        read_date: _EXAMPLE_DAY,
        read_bool: term("no"),
        read_int: 1,
        read_yuan: Decimal("100.00"),
        read_text: "示例",
    }
    return examples.get(column.read, "")


def _choices(column: Column) -> list[str] | None:
    if column.listed:
        return None  # several values in one cell: a list would allow only one
    if column.vocabulary is not None:
        return list(labels_of(column.vocabulary).values())
    if column.read is read_bool:
        return [term("yes"), term("no")]
    return None


def _sheet(book: Any, name: str, columns: tuple[Column, ...], example: bool) -> None:  # noqa: FBT001
    worksheet = book.create_sheet(name)
    datavalidation = require("openpyxl.worksheet.datavalidation", "tables", "Ledger templates")
    utils = require("openpyxl.utils", "tables", "Ledger templates")
    for index, column in enumerate(columns, start=1):
        worksheet.cell(row=1, column=index, value=column.header())
        if example:
            value = _example(column)
            cell = worksheet.cell(row=2, column=index, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, Decimal):
                cell.value = str(value)
        choices = _choices(column)
        if choices and len(",".join(choices)) + 2 <= _LIST_LIMIT:
            letter = utils.get_column_letter(index)
            rule = datavalidation.DataValidation(
                type="list", formula1=f'"{",".join(choices)}"', allow_blank=True
            )
            rule.error = "请从列表中选择"
            rule.add(f"{letter}2:{letter}1048576")
            worksheet.add_data_validation(rule)
        worksheet.column_dimensions[utils.get_column_letter(index)].width = max(
            12, 2 * len(column.header()) + 2
        )
    worksheet.freeze_panes = "A2"


def template() -> bytes:
    """The blank ledger workbook: the about sheet, the units, a sheet per kind of record.

    Each sheet has its Chinese headers, lists of the vocabulary's labels where a
    column takes one, and an example row whose 编号 starts with 示例, which
    :func:`~enforcement_core.read_ledger` leaves out.
    """
    openpyxl = require("openpyxl", "tables", "Ledger templates")
    book = openpyxl.Workbook()
    about = book.active
    about.title = term("sheet_about")
    about.append([term("about_item"), term("about_value")])
    for key in _ABOUT:
        about.append([term(key), None])
    levels = ",".join(labels_of(BodyLevel).values())
    rule = require("openpyxl.worksheet.datavalidation", "tables", "Ledger templates")
    level_rule = rule.DataValidation(type="list", formula1=f'"{levels}"', allow_blank=True)
    level_rule.add(f"B{2 + _ABOUT.index('about_level')}")
    about.add_data_validation(level_rule)
    about.column_dimensions["A"].width = 16
    about.column_dimensions["B"].width = 40
    _sheet(book, term("sheet_units"), _unit_columns(), example=False)
    for sheet in sheets():
        _sheet(book, sheet.name(), sheet.columns, example=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def report_skeleton() -> str:
    """An annual report document to fill in: the body, the year and empty categories.

    ``$schema`` names the JSON Schema that ships with the package, so an editor
    that reads schemas explains every field as it is typed.
    """
    from enforcement_core.report import AnnualReport  # noqa: PLC0415
    from enforcement_core.schema import json_schema  # noqa: PLC0415

    schema_id = json_schema(AnnualReport)["$id"]
    skeleton = {
        "$schema": schema_id,
        "schema_version": SCHEMA_VERSION,
        "document": "annual_report",
        "body": {"name": "", "level": BodyLevel.TOWN.value, "region": ""},
        "year": dt.datetime.now(tz=dt.UTC).year - 1,
        "workforce": {"certified": None},
        "licensing": {"applications": None, "granted": None, "refused": None},
        "inspection": {"visits": None, "hazards": {"found": None, "rectified": None}},
        "penalty": {"cases": None, "fines": None},
    }
    return json.dumps(skeleton, ensure_ascii=False, indent=2) + "\n"


def write_template(path: str | Path) -> Path:
    """Write the template a file name asks for: ``.xlsx`` a ledger workbook, ``.json`` a report.

    Raises:
        ValueError: the name ends otherwise.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        data = template()
    elif suffix == ".json":
        data = report_skeleton().encode("utf-8")
    else:
        raise ValueError(
            f"init writes a .xlsx ledger workbook or a .json report, not {target.name!r}"
        )
    target.write_bytes(data)
    return target
