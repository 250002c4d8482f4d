"""The ``xlsx`` renderer: the statistics table as an Excel workbook.

The first sheet holds every figure and rate of the report, the rows the ``text`` and
``html`` renderers lay out (:mod:`enforcement_core.renderers._rows`): the label, the
number as a number, the measure word and the unit each in a column of its own, under a
header with the body and the year. Counts are whole-number cells; money is a numeric
cell holding the exact amount in 元 or 万元 (the unit in its own column); rates are
percent-formatted cells holding the rate as rounded once, half up. The second sheet
lists the audit's findings, coloured by severity.

Text from the data (a unit's name, a finding's message) is always a text cell: one
that begins with ``=``, ``+``, ``-`` or ``@`` is written as text with Excel's quote
prefix, never as a formula.

openpyxl is imported when a workbook is first written (the ``xlsx`` extra).
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from enforcement_core._extras import require
from enforcement_core._mapping import FrozenMap
from enforcement_core._privacy import published_text
from enforcement_core.findings import audit
from enforcement_core.labels import term
from enforcement_core.numbers_zh import format_date
from enforcement_core.renderers._base import (
    LOCALE,
    PERSONAL_DATA,
    RATES,
    Option,
    published,
    validate_options,
)
from enforcement_core.renderers._office import repack, written_on, xml_text
from enforcement_core.renderers._rows import Row, places_of, rows
from enforcement_core.renderers.text import display_width

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from enforcement_core.findings import Finding
    from enforcement_core.report import AnnualReport

__all__ = ["SEVERITY_FILLS", "XlsxRenderer", "renderer"]

#: The fill colour (RGB) of each severity's rows on the findings sheet.
SEVERITY_FILLS: Final[Mapping[str, str]] = FrozenMap({"error": "FFC7CE", "warning": "FFEB9C"})
# Powers of ten of the money units the sheet writes in.
_MONEY_UNITS: Final = {"元": 0, "万元": 4, "亿元": 8}
# A text cell beginning with one of these is a formula to Excel (and to LibreOffice and
# Google Sheets) when typed or pasted: the "CSV injection" characters.
_FORMULA_START: Final = ("=", "+", "-", "@")
_HEADER_FILL: Final = "D9E1F2"
_HEADING_FILL: Final = "F2F2F2"


def _number_format(kind: str, places: int) -> str:
    """Excel's format for a count, an amount (with ``places`` decimals) or a percent."""
    decimals = "." + "0" * places if places else ""
    if kind == "money":
        return f"#,##0{decimals}"
    if kind == "percent":
        return f"0{decimals}%"
    return "#,##0"


class _Sheet:
    """Writes cells into one openpyxl worksheet, text always as text."""

    def __init__(self, sheet: Any, styles: Any, *, personal_data: bool, locale: str) -> None:
        self.sheet = sheet
        self.styles = styles
        self.personal_data = personal_data
        self.locale = locale
        self.widths: dict[int, int] = {}

    def text(
        self, row: int, column: int, value: str, *, bold: bool = False, fit: bool = True
    ) -> Any:
        # The one masking function, again at the cell: a label of the workbook's own is text too.
        value = published_text(
            value,
            term("id_withheld", self.locale),
            term("mobile_withheld", self.locale),
            numbers=not self.personal_data,
        )
        value = xml_text(value)
        cell = self.sheet.cell(row=row, column=column)
        cell.value = value
        # openpyxl makes a formula of a str beginning with "="; the data type says text,
        # and the quote prefix keeps Excel from reading it as one when it is edited.
        cell.data_type = "s"
        if value.startswith(_FORMULA_START):
            cell.quotePrefix = True
        if bold:
            cell.font = self.styles.Font(bold=True)
        if fit:
            self.fit(column, display_width(value))
        return cell

    def number(self, row: int, column: int, value: int | Decimal, number_format: str) -> Any:
        cell = self.sheet.cell(row=row, column=column)
        # A Decimal is written into the file as its digits, exactly; Excel reads it as a
        # double, which holds 15 significant digits: amounts to the fen below 10**13 yuan.
        cell.value = value
        cell.number_format = number_format
        cell.alignment = self.styles.Alignment(horizontal="right")
        self.fit(column, len(str(value)) + 4)
        return cell

    def fit(self, column: int, width: int) -> None:
        self.widths[column] = max(self.widths.get(column, 0), width)

    def set_widths(self, most: int = 60) -> None:
        letter = require("openpyxl.utils", "xlsx", "Excel workbooks").get_column_letter
        for column, width in self.widths.items():
            # Widths in characters of the default font; a CJK character takes two.
            self.sheet.column_dimensions[letter(column)].width = min(width + 2, most)

    def header_row(self, row: int, headers: Sequence[str]) -> None:
        fill = self.styles.PatternFill("solid", fgColor=_HEADER_FILL)
        for column, header in enumerate(headers, start=1):
            cell = self.text(row, column, header, bold=True)
            cell.fill = fill
            cell.alignment = self.styles.Alignment(horizontal="center")

    def borders(self, first: int, last: int, columns: int) -> None:
        """Thin lines around every cell of the table, as a printed table has them."""
        thin = self.styles.Side(style="thin", color="808080")
        border = self.styles.Border(left=thin, right=thin, top=thin, bottom=thin)
        for row in range(first, last + 1):
            for column in range(1, columns + 1):
                self.sheet.cell(row=row, column=column).border = border

    def print_setup(self, header_row: int) -> None:
        """A4 portrait, one page wide (as many long as it takes), the header on every page."""
        setup = self.sheet.page_setup
        setup.paperSize = self.sheet.PAPERSIZE_A4
        setup.orientation = self.sheet.ORIENTATION_PORTRAIT
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        self.sheet.sheet_properties.pageSetUpPr.fitToPage = True
        self.sheet.print_title_rows = f"{header_row}:{header_row}"
        self.sheet.print_options.horizontalCentered = True


class XlsxRenderer:
    """The statistics table of a report, and its audit findings, as an Excel workbook.

    Examples:
        >>> import io, openpyxl
        >>> from enforcement_core import examples
        >>> data = renderer.render(examples.load("gulu-2023"))
        >>> book = openpyxl.load_workbook(io.BytesIO(data))
        >>> book.sheetnames
        ['行政执法统计表', '审核发现']
        >>> sheet = book["行政执法统计表"]
        >>> [cell.value for cell in sheet[4]]
        ['项目', '数值', '量词', '单位']
        >>> [row for row in sheet.iter_rows(values_only=True) if row[0] == "查出隐患"][0]
        ('查出隐患', 509, '条', None)
    """

    #: The name it is registered under.
    name = "xlsx"
    #: Office Open XML, the spreadsheet kind.
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    #: The file extension.
    extension = ".xlsx"
    #: The options it accepts.
    options: Mapping[str, Option] = FrozenMap(
        {
            "locale": LOCALE,
            "money_unit": Option(
                str,
                "元",
                "money in 元, 万元 or 亿元 (exact either way)",
                choices=tuple(_MONEY_UNITS),
            ),
            "money_places": Option(
                int, 2, "decimals of money shown, 0 to 4", choices=(0, 1, 2, 3, 4)
            ),
            "rates": RATES,
            "personal_data": PERSONAL_DATA,
        }
    )

    def render(self, report: AnnualReport, **options: Any) -> bytes:
        """The workbook's bytes: the statistics sheet, then the findings sheet.

        Raises:
            RendererOptionError: An option it does not take, or a value it cannot use.
            MissingExtraError: openpyxl is not installed (the ``xlsx`` extra).
        """
        return self._write(report, **validate_options(self, options))

    def _write(  # noqa: PLR0913  (one parameter per declared option)
        self,
        report: AnnualReport,
        *,
        locale: str,
        money_unit: str,
        money_places: int,
        rates: str,
        personal_data: bool,
    ) -> bytes:
        report = published(report, personal_data=personal_data, locale=locale)
        openpyxl = require("openpyxl", "xlsx", "Excel workbooks")
        styles = require("openpyxl.styles", "xlsx", "Excel workbooks")
        book = openpyxl.Workbook()
        # The same report gives the same bytes: no clock in the file.
        book.properties.created = book.properties.modified = written_on(report.year)
        book.properties.title = xml_text(f"{report.body.name} {report.year}")
        statistics = _Sheet(book.active, styles, personal_data=personal_data, locale=locale)
        statistics.sheet.title = term("statistics_table", locale)
        table_rows = rows(report, locale, computed=rates == "computed")
        _statistics(statistics, report, table_rows, locale, (money_unit, money_places))
        findings = _Sheet(
            book.create_sheet(term("findings", locale)),
            styles,
            personal_data=personal_data,
            locale=locale,
        )
        _findings(findings, audit(report), locale)
        buffer = io.BytesIO()
        book.save(buffer)
        return repack(buffer.getvalue(), report.year)


def _statistics(  # noqa: C901, PLR0912  (one row a figure, each kind of value in its cells)
    sheet: _Sheet,
    report: AnnualReport,
    table_rows: list[Row],
    locale: str,
    money: tuple[str, int],
) -> None:
    money_unit, money_places = money
    # The title and the body span the columns: they set no column's width.
    if locale == "zh_CN":
        title = f"{report.body.name}{report.year}年{term('statistics_table', locale)}"
    else:
        title = f"{report.body.name} {report.year} {term('statistics_table', locale)}"
    sheet.text(1, 1, title, fit=False).font = sheet.styles.Font(bold=True, size=14)
    sheet.sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
    sheet.text(2, 1, f"{term('body', locale)}：{report.body.name}", fit=False)
    sheet.text(2, 2, f"{term('year', locale)}：{report.year}")
    if report.published_on is not None:
        day = format_date(report.published_on) if locale == "zh_CN" else str(report.published_on)
        sheet.text(2, 3, f"{term('published_on', locale)}：{day}")
    headers = [term(key, locale) for key in ("item", "value", "measure_word", "unit")]
    # A figure computed from others says so in a column of its own, there only when one is.
    noted = any(row.computed for row in table_rows)
    sheet.header_row(4, [*headers, term("note", locale)] if noted else headers)
    sheet.sheet.freeze_panes = "A5"
    power = _MONEY_UNITS[money_unit]
    line = 5
    heading_fill = sheet.styles.PatternFill("solid", fgColor=_HEADING_FILL)
    width = len(headers) + noted
    for index, row in enumerate(table_rows):
        # A figure with parts under it is bold, its parts indented under it: a total
        # never reads as the value of its last part.
        parent = index + 1 < len(table_rows) and table_rows[index + 1].depth > row.depth
        label = sheet.text(line, 1, row.label, bold=row.depth == 0 or parent)
        if row.computed:
            sheet.text(line, 5, term("computed", locale))
        # Excel shows an indent only on a cell aligned left.
        label.alignment = sheet.styles.Alignment(
            horizontal="left", indent=max(row.depth - 1, 0) * 2
        )
        sheet.fit(1, display_width(row.label) + 2 * row.depth)
        if row.depth == 0:
            for column in range(1, width + 1):
                sheet.sheet.cell(row=line, column=column).fill = heading_fill
        if row.kind == "count" and row.number is not None:
            sheet.number(line, 2, row.number, _number_format("count", 0))
            sheet.text(line, 3, row.measure)
        elif row.kind == "money" and row.number is not None:
            # 万元 and 亿元 move the decimal point only: the amount stays exact.
            amount = Decimal(row.number).scaleb(-power)
            sheet.number(line, 2, amount, _number_format("money", money_places))
            sheet.text(line, 4, money_unit if locale == "zh_CN" else row.unit)
        elif row.kind == "percent":
            if row.number is None:
                sheet.text(line, 2, row.value)
            else:
                # A rate has the places it is shown with: the report's for a computed
                # rate, its own for one shown as stated ("100%" beside "98.62%").
                percent = Decimal(row.number)
                sheet.number(
                    line, 2, percent.scaleb(-2), _number_format("percent", places_of(percent))
                )
            sheet.text(line, 4, "%")
        elif row.value:
            # A bound ("2300余") or a figure of the report's own: as written, in text.
            sheet.text(line, 2, row.value)
            sheet.text(line, 3, row.unit)
        line += 1
    sheet.borders(4, line - 1, width)
    sheet.set_widths()
    sheet.print_setup(4)


def _findings(sheet: _Sheet, findings: Sequence[Finding], locale: str) -> None:
    sheet.header_row(1, [term(key, locale) for key in ("severity", "code", "path", "message")])
    sheet.sheet.freeze_panes = "A2"
    if not findings:
        sheet.text(2, 1, term("no_findings", locale))
    wrapped = sheet.styles.Alignment(wrap_text=True, vertical="top")
    for line, finding in enumerate(findings, start=2):
        severity = finding.severity.value
        word, code, path, message = finding.said(locale)
        cells = [
            sheet.text(line, 1, word),
            sheet.text(line, 2, code),
            sheet.text(line, 3, path, fit=False),
            sheet.text(line, 4, message, fit=False),
        ]
        fill = sheet.styles.PatternFill("solid", fgColor=SEVERITY_FILLS[severity])
        for cell in cells:
            cell.fill = fill
            cell.alignment = wrapped
        # A wrapped cell's row is as tall as its lines: openpyxl leaves the height to the
        # application, and not every one recomputes it when it opens the file.
        lines = max(-(-display_width(text) // width) for text, width in ((path, 20), (message, 50)))
        sheet.sheet.row_dimensions[line].height = 15 * max(lines, 1)
    sheet.fit(3, 20)
    sheet.fit(4, 50)
    sheet.borders(1, max(len(findings), 1) + 1, 4)
    sheet.set_widths(most=50)
    sheet.print_setup(1)


#: The instance the entry point names.
renderer = XlsxRenderer()
