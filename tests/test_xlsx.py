"""The xlsx renderer: the statistics table and the audit findings as an Excel workbook."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from decimal import Decimal

import attrs
import openpyxl
import pytest
from hypothesis import given, settings

import enforcement_core as ec
from enforcement_core import renderers
from enforcement_core.numbers_zh import UNDEFINED
from profiles import examples
from strategies import annual_reports

GULU = ec.examples.load("gulu-2023")
STREET = ec.body.EnforcementBody("示例街道办事处", ec.body.BodyLevel.STREET, short_name="示例街道")


def workbook(report: ec.AnnualReport = GULU, **options: object) -> openpyxl.Workbook:
    data = renderers.render(report, "xlsx", **options)
    assert isinstance(data, bytes)
    return openpyxl.load_workbook(io.BytesIO(data))


def figures(book: openpyxl.Workbook) -> dict[str, openpyxl.cell.Cell]:
    """The value cell of each label in the statistics sheet (the first row of a label)."""
    sheet = book.worksheets[0]
    found: dict[str, openpyxl.cell.Cell] = {}
    for label, value, *_ in sheet.iter_rows(min_row=5):
        found.setdefault(label.value, value)
    return found


BOOK = workbook()
SHEET = BOOK.worksheets[0]
CELLS = figures(BOOK)


def row_of(label: str) -> tuple[object, ...]:
    return next(r for r in SHEET.iter_rows(min_row=5, values_only=True) if r[0] == label)


class TestStatisticsSheet:
    def test_header_names_the_body_and_the_year(self):
        """The title, then 填报单位 and 年度 above the table."""
        assert "重庆市渝北区古路镇人民政府2023年行政执法统计表" == SHEET["A1"].value
        assert "填报单位：重庆市渝北区古路镇人民政府" == SHEET["A2"].value
        assert "年度：2023" == SHEET["B2"].value
        assert "发布日期：2024年1月18日" == SHEET["C2"].value

    def test_column_headers_in_chinese(self):
        """项目, 数值, 量词, 单位: measure words and units each in their own column."""
        assert ["项目", "数值", "量词", "单位"] == [c.value for c in SHEET[4]]
        assert "A5" == SHEET.freeze_panes

    @pytest.mark.parametrize(
        ("label", "number", "measure"),
        [("持证执法人员", 22, "名"), ("检查家次", 363, "家次"), ("查出隐患", 509, "条"),
         ("整改隐患", 502, "条"), ("申请", 243, "件")],
    )  # fmt: skip
    def test_counts_are_whole_number_cells(self, label, number, measure):
        """A count is a numeric cell with its measure word beside it, not text."""
        cell = CELLS[label]
        assert (number, "n", "#,##0") == (cell.value, cell.data_type, cell.number_format)
        assert measure == row_of(label)[2]

    def test_money_is_exact_in_yuan(self):
        """罚款 6800 元: a numeric cell, two decimals shown, 元 in the unit column."""
        assert (6800, "#,##0.00", None, "元") == (
            CELLS["罚款"].value,
            CELLS["罚款"].number_format,
            *row_of("罚款")[2:],
        )

    def test_money_in_ten_thousand_yuan(self):
        """money_unit=万元 moves the decimal point: 0.68, in 万元, exactly."""
        cell = figures(workbook(money_unit="万元", money_places=4))["罚款"]
        assert (Decimal("0.68"), "#,##0.0000") == (Decimal(str(cell.value)), cell.number_format)
        sheet = workbook(money_unit="万元").worksheets[0]
        units = {r[0]: r[3] for r in sheet.iter_rows(min_row=5, values_only=True)}
        assert "万元" == units["罚款"]

    def test_money_digits_are_written_as_they_are(self):
        """The file holds the Decimal's digits, not a float's approximation."""
        report = attrs.evolve(
            GULU, penalty=ec.figures.PenaltyFigures(cases=1, fines=Decimal("12345678901.23"))
        )
        data = renderers.render(report, "xlsx")
        assert isinstance(data, bytes)
        sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
        assert "<v>12345678901.23</v>" in sheet_xml

    def test_rates_are_percent_cells_of_the_rounded_rate(self):
        """隐患整改率: 502/509 rounded once, half up, to 98.62%, held as 0.9862 in a 0.00% cell."""
        cell = CELLS["隐患整改率"]
        assert (Decimal("0.9862"), "0.00%") == (Decimal(str(cell.value)), cell.number_format)
        assert "%" == row_of("隐患整改率")[3]

    def test_activities_and_stated_rates_are_numbers(self):
        """Activities count in their measure word; a rate shown as stated keeps its places."""
        book = workbook(ec.examples.load("example-county-emergency-2024"))
        sheet = book.worksheets[0]
        rows = {r[0]: r for r in sheet.iter_rows(min_row=5, values_only=True)}
        assert (187, "次") == (rows["开展执法巡查"][1], rows["开展执法巡查"][2])
        cell = figures(book)["履职率"]
        assert (Decimal(1), "0%") == (Decimal(str(cell.value)), cell.number_format)
        assert "%" == rows["履职率"][3]
        stated = figures(workbook(ec.examples.load("example-street-office-2024")))["办结率"]
        assert (Decimal(1), "0%") == (Decimal(str(stated.value)), stated.number_format)

    def test_an_undefined_rate_is_text(self):
        """A rate over zero is not a number: the cell says so in words."""
        report = ec.AnnualReport(
            body=STREET,
            year=2023,
            inspection=ec.figures.InspectionFigures(
                hazards=ec.figures.HazardFigures(found=0, rectified=0)
            ),
        )
        cell = figures(workbook(report, rates="computed"))["隐患整改率"]
        assert ("s", UNDEFINED) == (cell.data_type, cell.value)
        assert "隐患整改率" not in figures(workbook(report))

    def test_computed_figures_only_when_asked_and_noted(self):
        """By default no computed figure; with rates="computed" each is noted in a column of its own."""
        default = workbook(ec.examples.load("example-town-2023"))
        labels = list(figures(default))
        assert [] == [
            w
            for w in ("案均罚款", "培训覆盖率", "综合执法机构人员占比", "年末未整改隐患")
            if w in labels
        ]
        assert "说明" not in [cell.value for cell in default.worksheets[0][4]]
        book = workbook(ec.examples.load("example-town-2023"), rates="computed")
        sheet = book.worksheets[0]
        assert "说明" == sheet.cell(4, 5).value
        noted = {row[0]: row[4] for row in sheet.iter_rows(min_row=5, values_only=True)}
        assert "计算所得" == noted["案均罚款"]
        assert "计算所得" == noted["培训覆盖率"]
        assert noted["隐患整改率"] is None  # stated by the report
        assert Decimal("3010.42") == Decimal(str(figures(book)["案均罚款"].value)).quantize(
            Decimal("0.01")
        )

    def test_every_row_of_the_text_renderer(self):
        """The sheet has the rows text and html lay out, in the same order."""
        from enforcement_core.renderers._rows import rows

        labels = [r[0] for r in SHEET.iter_rows(min_row=5, values_only=True)]
        assert [row.label for row in rows(GULU, "zh_CN")] == labels

    def test_column_widths_fit_chinese_labels(self):
        """The label column is at least as wide as its widest label (two columns a character)."""
        widest = max(2 * len(str(c.value)) for c in SHEET["A"][4:])
        assert SHEET.column_dimensions["A"].width >= widest

    def test_english_labels(self):
        """locale=en: English labels and headers, the measure word still beside each count."""
        sheet = workbook(locale="en").worksheets[0]
        assert ["item", "value", "measure word", "unit"] == [c.value for c in sheet[4]]
        assert ("hazards found", 509, "条", None) == next(
            r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0] == "hazards found"
        )


class TestFormulas:
    @pytest.mark.parametrize("name", ["=1+2", "+SUM(A1:A3)", "-2+3", "@cmd", '=HYPERLINK("x")'])
    def test_formula_looking_text_stays_text(self, name):
        """A unit named like a formula is a text cell, quote-prefixed, never a formula."""
        report = ec.AnnualReport(
            body=STREET,
            year=2023,
            workforce=ec.workforce.WorkforceFigures(
                certified=3, units={"u": ec.workforce.Unit(name, certified=3)}
            ),
        )
        cell = next(c for c in workbook(report).worksheets[0]["A"] if c.value == name)
        assert ("s", True) == (cell.data_type, cell.quotePrefix)

    def test_ordinary_text_has_no_quote_prefix(self):
        """A label that does not look like a formula is plain text."""
        cell = next(c for c in SHEET["A"] if c.value == "持证执法人员")
        assert ("s", False) == (cell.data_type, bool(cell.quotePrefix))

    def test_the_file_holds_no_formula(self):
        """No <f> element anywhere in the sheet's XML."""
        report = ec.AnnualReport(
            body=ec.body.EnforcementBody("=cmd|' /C calc'!A0", ec.body.BodyLevel.TOWN),
            year=2023,
            workforce=ec.workforce.WorkforceFigures(
                certified=3, units={"u": ec.workforce.Unit("=1+2", certified=3)}
            ),
        )
        data = renderers.render(report, "xlsx")
        assert isinstance(data, bytes)
        package = zipfile.ZipFile(io.BytesIO(data))
        for name in package.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in package.read(name).decode()


class TestPrinting:
    def test_a4_portrait_one_page_wide_header_repeated(self):
        """Both sheets: A4 portrait, fitted to one page wide, the header row on every page."""
        for sheet, header in ((SHEET, "$4:$4"), (BOOK["审核发现"], "$1:$1")):
            setup = sheet.page_setup
            assert (9, "portrait") == (int(setup.paperSize), setup.orientation)  # 9: A4
            assert (1, 0) == (setup.fitToWidth, setup.fitToHeight)
            assert sheet.sheet_properties.pageSetUpPr.fitToPage
            assert header == sheet.print_title_rows.split("!")[-1]

    def test_borders_around_every_cell_of_the_table(self):
        """The table's cells, header to last row, have thin lines on every side."""
        for row in SHEET.iter_rows(min_row=4, max_row=SHEET.max_row, max_col=4):
            for cell in row:
                sides = (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom)
                assert {"thin"} == {side.style for side in sides}, cell.coordinate
        assert SHEET["A2"].border.left.style is None

    def test_the_hierarchy_shows(self):
        """Parts indented under their figure (aligned left, as Excel needs), totals in bold."""
        rows = list(SHEET.iter_rows(min_row=5))
        labels = [r[0].value for r in rows]
        visits = rows[labels.index("检查家次")][0]
        part = rows[labels.index("检查家次") + 1][0]
        assert (True, "left", 0) == (
            visits.font.b,
            visits.alignment.horizontal,
            visits.alignment.indent,
        )
        assert ("left", 2) == (part.alignment.horizontal, part.alignment.indent)
        assert not part.font.b


class TestFindingsSheet:
    def test_findings_with_severity_colours(self):
        """Each finding a row; an error red, a warning amber."""
        report = attrs.evolve(
            GULU,
            stated=ec.report.Stated(rates={ec.report.RateName.RECTIFICATION: Decimal("99.00")}),
        )
        sheet = workbook(report)["审核发现"]
        assert ["严重程度", "代码", "位置", "说明"] == [c.value for c in sheet[1]]
        fills = {row[0].value: row[0].fill.fgColor.rgb[-6:] for row in sheet.iter_rows(min_row=2)}
        assert {"错误": "FFC7CE", "提示": "FFEB9C"} == fills

    def test_the_messages_are_the_audit_s(self):
        """The Chinese message of each finding, in the audit's order."""
        findings = ec.audit(GULU)
        sheet = BOOK["审核发现"]
        assert [f.message_zh for f in findings] == [r[3].value for r in sheet.iter_rows(min_row=2)]

    def test_codes_and_paths_in_chinese(self):
        """A code by its Chinese name, a path by the figures' names, paths in messages too."""
        sheet = workbook(ec.examples.load("example-city-rounding-2024"))["审核发现"]
        (row,) = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
        assert "提示" == row[0]
        assert "报告所述·数字第4项" == row[2]
        assert not re.search("[A-Za-z]", row[1])
        assert row[3].startswith(
            "行政检查·检查家次：报告写作1616.85万，分项行政检查·按检查领域合计"
        )
        assert "inspection" not in row[3]
        # Wrapped over lines, the row is as tall as they are.
        assert sheet.row_dimensions[2].height >= 30
        assert sheet["D2"].alignment.wrap_text

    def test_codes_and_paths_as_they_are_in_english(self):
        """The other side: in English, the codes and paths of programs."""
        data = ec.render(ec.examples.load("example-city-rounding-2024"), "xlsx", locale="en")
        sheet = openpyxl.load_workbook(io.BytesIO(data))["audit findings"]
        assert ["breakdown-short", "stated.figures[3]"] == [c.value for c in sheet[2]][1:3]

    def test_no_findings(self):
        """An empty audit says so."""
        sheet = workbook(ec.examples.load("example-town-2023"))["审核发现"]
        assert ["未发现问题"] == [c.value for c in sheet[2] if c.value]


class TestOptions:
    def test_options_are_validated(self):
        """An unknown option or a value not among the choices is refused."""
        with pytest.raises(ec.errors.RendererOptionError, match="has no option 'numerals'"):
            renderers.render(GULU, "xlsx", numerals="chinese")
        with pytest.raises(
            ec.errors.RendererOptionError, match="option 'money_unit' must be one of"
        ):
            renderers.render(GULU, "xlsx", money_unit="auto")

    def test_identity_card_numbers_are_withheld(self):
        """A unit name carrying an identity-card number is masked unless personal_data=True."""
        name = "张三500112199001011239"
        report = ec.AnnualReport(
            body=STREET,
            year=2023,
            workforce=ec.workforce.WorkforceFigures(
                certified=3, units={"u": ec.workforce.Unit(name, certified=3)}
            ),
        )
        masked = [c.value for c in workbook(report).worksheets[0]["A"]]
        assert "张三[身份证号已隐去]" in masked
        assert name in [c.value for c in workbook(report, personal_data=True).worksheets[0]["A"]]

    def test_the_same_report_gives_the_same_bytes(self, monkeypatch):
        """No clock in the file: written at two moments, the workbooks are equal to the byte."""
        import time

        first = renderers.render(GULU, "xlsx")
        later = time.time() + 3 * 86400
        monkeypatch.setattr(time, "time", lambda: later)
        assert first == renderers.render(GULU, "xlsx")
        assert 2024 == BOOK.properties.created.year
        assert 2024 == BOOK.properties.modified.year

    def test_another_year_gives_other_dates(self):
        """The dates follow the report's year, not the clock."""
        book = workbook(attrs.evolve(GULU, year=2020))
        assert (2021, 2021) == (book.properties.created.year, book.properties.modified.year)

    def test_missing_extra_is_named(self, monkeypatch):
        """Without openpyxl, the error names the xlsx extra."""
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        with pytest.raises(ec.errors.MissingExtraError, match=r"enforcement-core\[xlsx\]"):
            renderers.render(GULU, "xlsx")


class TestAnyReport:
    @settings(max_examples=examples(15), deadline=None)
    @given(report=annual_reports())
    def test_numbers_are_numeric_cells(self, report):
        """For any valid report, every count, amount and defined rate is a numeric cell."""
        from enforcement_core.renderers._rows import rows

        sheet = workbook(report).worksheets[0]
        for row, cells in zip(rows(report, "zh_CN"), sheet.iter_rows(min_row=5), strict=True):
            if row.kind in {"count", "money"} or (row.kind == "percent" and row.number is not None):
                assert "n" == cells[1].data_type

    @settings(max_examples=examples(15), deadline=None)
    @given(report=annual_reports())
    def test_never_a_formula(self, report):
        """For any valid report (names and text drawn at random), no sheet holds a formula."""
        data = renderers.render(report, "xlsx")
        assert isinstance(data, bytes)
        package = zipfile.ZipFile(io.BytesIO(data))
        for name in package.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in package.read(name).decode()
