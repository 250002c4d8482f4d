"""Blank templates: a ledger workbook in the library's layout, an annual report skeleton."""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from enforcement_core._extras import require
from enforcement_core.actions import ActionKind
from enforcement_core.body import BodyLevel
from enforcement_core.categories import own_records
from enforcement_core.labels import labels_of, term
from enforcement_core.serialization import SCHEMA_VERSION
from enforcement_core.tables._cells import read_bool, read_date, read_int, read_yuan
from enforcement_core.tables._layout import EXAMPLE_PREFIX, Column, sheets
from enforcement_core.tables._read import _ABOUT, _unit_columns
from enforcement_core.tables._text import ITEMS

__all__ = ["report_skeleton", "template", "write_template"]

# Excel's data validation lists hold at most 255 characters.
_LIST_LIMIT = 255
_HEADER_FILL = "D9E1F2"
_EXAMPLE_FILL = "FFF2CC"
_REQUIRED_COLOUR = "C00000"
_MAX_ROW = 1048576


def _examples(year: int) -> dict[str, dict[str, Any]]:
    """One example row a sheet, each a valid record of ``year`` (the reader skips them).

    They hang together: the officer is the one on the roster, the hazard belongs
    to the inspection, the certificate to the officer.
    """
    day = functools.partial(dt.date, year)
    officer, unit = f"{EXAMPLE_PREFIX}-1", f"{EXAMPLE_PREFIX}-综合执法办"
    party = {"party_name": "示例建材有限公司", "party_kind": "企业"}
    return {
        "units": {"id": unit, "name": "综合行政执法办公室", "kind": "综合行政执法办公室"},
        "officers": {
            "id": officer,
            "name": "张三",
            "unit": unit,
            "employment": "在编",
            "trained": term("yes"),
        },
        "certificates": {
            "parent": officer,
            "number": "示例-50000000001",
            "issuing_authority": "重庆市人民政府",
            "valid_from": dt.date(year - 2, 3, 1),
            "valid_to": dt.date(year + 3, 2, 28),
        },
        "misconduct_cases": {
            "id": f"{EXAMPLE_PREFIX}-违纪-1",
            "officer": officer,
            "found_on": day(6, 1),
            "description": "未按规定出示执法证件",
        },
        "licence_applications": {
            "id": f"{EXAMPLE_PREFIX}-许可-1",
            "applied_on": day(3, 1),
            "subject": "农村宅基地审批",
            "applicant_name": "李四",
            "applicant_kind": "个人",
            "accepted": term("yes"),
            "decision": "准予许可",
            "decided_on": day(3, 20),
            "legal_review": term("yes"),
        },
        "inspections": {
            "id": f"{EXAMPLE_PREFIX}-检查-1",
            "inspected_on": day(4, 10),
            "target": "示例建材有限公司",
            "area": "企业生产",
            "officers": f"{officer}、{EXAMPLE_PREFIX}-2",
        },
        "hazards": {
            "parent": f"{EXAMPLE_PREFIX}-检查-1",
            "id": f"{EXAMPLE_PREFIX}-隐患-1",
            "found_on": day(4, 10),
            "description": "灭火器过期",
            "deadline": day(4, 30),
            "rectified_on": day(4, 25),
        },
        "penalty_cases": {
            "id": f"{EXAMPLE_PREFIX}-处罚-1",
            "decided_on": day(5, 20),
            "domain": "安全生产",
            "sanctions": "警告、罚款",
            "procedure": "普通程序",
            "fine": Decimal(2000),
            **party,
            "officers": f"{officer}、{EXAMPLE_PREFIX}-2",
            "legal_review": term("yes"),
            "lightened": term("no"),
            "referred": term("no"),
        },
        "interviews": {
            "id": f"{EXAMPLE_PREFIX}-约谈-1",
            "held_on": day(6, 5),
            **party,
            "subject": "安全生产主体责任落实",
            "officers": f"{officer}、{EXAMPLE_PREFIX}-2",
        },
        "coercive_actions": {
            "id": f"{EXAMPLE_PREFIX}-强制-1",
            "taken_on": day(7, 1),
            "measure": "查封",
            "execution": term("no"),
            **party,
            "officers": f"{officer}、{EXAMPLE_PREFIX}-2",
        },
        "other_actions": {
            "id": f"{EXAMPLE_PREFIX}-其他-1",
            "kind": "行政给付",
            "taken_on": day(8, 1),
            "amount": Decimal(1000),
            "description": "发放困难群众救助金",
        },
        "reviews": {
            "id": f"{EXAMPLE_PREFIX}-复议-1",
            "review": "行政复议",
            "action_kind": "行政处罚",
            "filed_on": day(9, 1),
            "against_body": term("no"),
        },
    }


def _choices(sheet: str, column: Column) -> list[str] | None:
    if column.vocabulary is not None:
        labels = labels_of(column.vocabulary)
        if sheet == "other_actions" and column.key == "kind":
            # The categories with records of their own are written on their own sheets.
            own = own_records()
            return [label for kind, label in labels.items() if ActionKind(kind) not in own]
        return list(labels.values())
    if column.read is read_bool:
        return [term("yes"), term("no")]
    return None


def _note(column: Column) -> str:
    """What the instructions say of a column: required or not, how it is written."""
    parts = ["必填" if column.required else "选填"]
    if column.listed:
        parts.append("可填多个，用顿号“、”分隔")
    if column.read is read_date:
        parts.append("日期，如 2024-03-01")
    elif column.read is read_yuan:
        parts.append("金额，单位元，写阿拉伯数字，如 12000 或 12000.50，不写“1.2万”")
    elif column.read is read_int:
        parts.append("整数")
    elif column.read is read_bool:
        parts.append("填“是”或“否”")
    if column.key in ("parent", "unit", "officer"):
        parts.append("填写对应工作表中的编号")
    return "；".join(parts)


class _Book:
    """The workbook being written, with openpyxl's styles at hand."""

    def __init__(self) -> None:
        self.openpyxl = require("openpyxl", "tables", "Ledger templates")
        self.styles = require("openpyxl.styles", "tables", "Ledger templates")
        self.validation = require("openpyxl.worksheet.datavalidation", "tables", "Ledger templates")
        self.utils = require("openpyxl.utils", "tables", "Ledger templates")
        self.book = self.openpyxl.Workbook()

    def header(self, cell: Any, *, required: bool) -> None:
        cell.font = self.styles.Font(bold=True, color=_REQUIRED_COLOUR if required else None)
        cell.fill = self.styles.PatternFill("solid", fgColor=_HEADER_FILL)
        cell.alignment = self.styles.Alignment(vertical="center", wrap_text=True)

    def choices(self, worksheet: Any, cells: str, choices: list[str], *, several: bool) -> None:
        formula = f'"{",".join(choices)}"'
        if len(formula) > _LIST_LIMIT:
            return
        # A cell of several values (警告、罚款) is not one of the list: offer, never refuse.
        rule = self.validation.DataValidation(
            type="list", formula1=formula, allow_blank=True, showErrorMessage=not several
        )
        rule.error = "请从列表中选择"
        rule.prompt = "可从列表中选择；多个用顿号“、”分隔" if several else "请从列表中选择"
        rule.showInputMessage = True
        rule.add(cells)
        worksheet.add_data_validation(rule)

    def sheet(
        self, name: str, key: str, columns: tuple[Column, ...], example: dict[str, Any]
    ) -> None:
        worksheet = self.book.create_sheet(name)
        fill = self.styles.PatternFill("solid", fgColor=_EXAMPLE_FILL)
        for index, column in enumerate(columns, start=1):
            text = ("*" if column.required else "") + column.header()
            self.header(worksheet.cell(row=1, column=index, value=text), required=column.required)
            if example:
                value = example.get(column.key)
                cell = worksheet.cell(row=2, column=index, value=value)
                cell.fill = fill
                if isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                elif isinstance(value, Decimal):
                    cell.number_format = "0.00"
            letter = self.utils.get_column_letter(index)
            choices = _choices(key, column)
            if choices:
                self.choices(
                    worksheet, f"{letter}2:{letter}{_MAX_ROW}", choices, several=column.listed
                )
            worksheet.column_dimensions[letter].width = max(12, 2 * len(column.header()) + 4)
        worksheet.freeze_panes = "A2"

    def about(self) -> None:
        about = self.book.create_sheet(term("sheet_about"), 1)
        about.append([term("about_item"), term("about_value"), term("text_note")])
        notes = {
            "about_name": "必填；如：重庆市渝北区古路镇人民政府",
            "about_level": "必填；从列表中选择",
            "about_region": "选填；如：重庆市渝北区",
            "about_short_name": "选填；如：古路镇",
            "about_year": "必填；报告所属年度，如：2023",
        }
        for key in _ABOUT:
            about.append([term(key), None, notes[key]])
        for cell in about[1]:
            self.header(cell, required=False)
        levels = list(labels_of(BodyLevel).values())
        self.choices(about, f"B{2 + _ABOUT.index('about_level')}", levels, several=False)
        about.column_dimensions["A"].width = 16
        about.column_dimensions["B"].width = 40
        about.column_dimensions["C"].width = 40

    def text(self, year: int) -> None:
        worksheet = self.book.create_sheet(term("sheet_text"))
        worksheet.append(
            [term("about_item"), term("text_title"), term("about_value"), term("text_note")]
        )
        for cell in worksheet[1]:
            self.header(cell, required=cell.column in (1, 3))
        notes = {
            "text_addressee": "报告呈送的机关，如：渝北区人民政府",
            "text_doc_number": "如：古路府发〔2024〕1号；没有可不填",
            "text_published_on": "成文日期，如：2024-01-18",
            "text_opening": f"如：按照有关规定，现将我镇{year}年行政执法总体情况报告如下：",
            "text_overview": "第一部分开头的段落；执法人员和执法行为的数据由台账生成，不必填写",
            "text_overview_section": "第一部分中的小节，标题必填，如：执法规范化建设情况",
            "text_problems": "每段一行，或在一个单元格内按 Alt+回车 分段；标题可不填",
            "text_plans": f"标题可不填，默认为“{year + 1}年工作打算”；每段一行",
            "text_other": "另起一部分的章节，标题必填",
        }
        for item in ITEMS:
            worksheet.append([term(item), None, None, notes[item]])
        self.choices(worksheet, f"A2:A{_MAX_ROW}", [term(item) for item in ITEMS], several=False)
        wrap = self.styles.Alignment(wrap_text=True, vertical="top")
        for row in worksheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = wrap
        for letter, width in zip("ABCD", (16, 24, 60, 40), strict=True):
            worksheet.column_dimensions[letter].width = width
        worksheet.freeze_panes = "A2"

    def instructions(self, layout: list[tuple[str, tuple[Column, ...]]]) -> None:
        worksheet = self.book.active
        worksheet.title = term("sheet_instructions")
        lines = [
            "行政执法台账填写说明",
            "",
            "1. 在“基本信息”工作表填写执法主体名称、层级和年度。",
            "2. 在“执法单位”“执法人员”“执法证件”工作表填写本单位的科室、执法人员和执法证件。",
            (
                "3. 每一项执法行为在对应的工作表中填写一行：行政许可、行政检查（查出的隐患填在“隐患”）、"
                "行政处罚、约谈、行政强制、其他行政执法行为、复议诉讼。没有的工作表留空即可。"
            ),
            (
                "4. 在“报告正文”工作表填写主送机关、发文字号、成文日期，以及存在的主要问题、"
                "下一年度工作打算等文字；报告中的数据由台账自动生成。"
            ),
            "5. 第1行是表头，请勿修改；从第2行起每行一条记录。表头带“*”（红色）的列为必填。",
            "6. 带下拉箭头的单元格请从列表中选择。日期写作 2024-03-01；金额以元为单位，写阿拉伯数字。",
            "7. 一个单元格中有多名执法人员（或多个处罚种类）时，用顿号“、”分隔，如：ZF-01、ZF-02。",
            "8. 编号以“示例”开头的行（黄色）是填写示例，读取时自动跳过，可以保留，也可以删除。",
            "9. 填好后检查并生成报告（在命令行中）：",
            "   enforcement-core check 台账.xlsx --lang zh",
            "   enforcement-core report 台账.xlsx --lang zh --output 报告.docx",
            "",
            "各工作表的列：",
        ]
        for line in lines:
            worksheet.append([line])
        worksheet["A1"].font = self.styles.Font(bold=True, size=14)
        worksheet.append([term("about_item"), "列", "填写要求", "可选值"])
        for cell in worksheet[worksheet.max_row]:
            self.header(cell, required=False)
        for name, columns in layout:
            for column in columns:
                choices = _choices("", column) if column.vocabulary is not None else None
                worksheet.append([name, column.header(), _note(column), "、".join(choices or ())])
        for letter, width in zip("ABCD", (18, 22, 60, 60), strict=True):
            worksheet.column_dimensions[letter].width = width


def template() -> bytes:
    """The blank ledger workbook: instructions, the about sheet, a sheet per kind of record, the text.

    The first sheet (填写说明) says how to fill in the others. Each record sheet
    has its Chinese headers (a required one marked ``*``), lists of the
    vocabulary's labels where a column takes one, and one example row, a valid
    record whose 编号 starts with 示例, which :func:`~enforcement_core.read_ledger`
    leaves out. The sheet 报告正文 takes the report's heading (主送机关, 发文字号,
    成文日期) and prose (存在的主要问题, 下一年度工作打算, other sections), which
    the ledger's report carries.
    """
    year = dt.datetime.now(tz=dt.UTC).year - 1
    examples = _examples(year)
    writer = _Book()
    layout = [(term("sheet_units"), _unit_columns())]
    layout += [(sheet.name(), sheet.columns) for sheet in sheets()]
    writer.instructions(layout)
    writer.about()
    writer.sheet(term("sheet_units"), "units", _unit_columns(), examples["units"])
    for sheet in sheets():
        # A sheet of a category declared later has no example row until one is written here.
        writer.sheet(sheet.name(), sheet.key, sheet.columns, examples.get(sheet.key, {}))
    writer.text(year)
    buffer = io.BytesIO()
    writer.book.save(buffer)
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
