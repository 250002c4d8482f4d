"""The ledger workbook of ``enforcement-core init``, filled in as a clerk fills it."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

import docx
import openpyxl
import pytest

import enforcement_core as ec
from enforcement_core.cli import main
from enforcement_core.labels import labels_of
from enforcement_core.tables import read_ledger, template
from enforcement_core.tables._layout import sheets

if TYPE_CHECKING:
    from pathlib import Path

BODY = "重庆市渝北区古路镇人民政府"
BOOK = template()


def book() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(BOOK))


def fill_about(workbook: openpyxl.Workbook, year: int = 2023) -> None:
    for row in workbook["基本信息"].iter_rows(min_row=2):
        row[1].value = {
            "执法主体名称": BODY,
            "执法主体层级": "镇",
            "所属地区": "重庆市渝北区",
            "简称": "古路镇",
            "年度": year,
        }[row[0].value]


def fill_text(workbook: openpyxl.Workbook, values: dict[str, object]) -> None:
    """The clerk writes in 内容 (column C) beside the items the sheet lists."""
    for row in workbook["报告正文"].iter_rows(min_row=2):
        if row[0].value in values:
            row[2].value = values[row[0].value]


def save(workbook: openpyxl.Workbook, path: Path) -> Path:
    workbook.save(path)
    return path


def clerks_workbook(path: Path) -> Path:
    """The template as a town clerk fills it: the rows under the examples, the report's text."""
    workbook = book()
    fill_about(workbook)
    workbook["执法单位"].append(["ZF", "综合行政执法办公室", "综合行政执法办公室", None])
    workbook["执法人员"].append(["ZF-01", "李明", "ZF", "在编", "是"])
    workbook["执法人员"].append(["ZF-02", "王芳", "ZF", "在编", "是"])
    for officer, number in (("ZF-01", "渝执001"), ("ZF-02", "渝执002")):
        workbook["执法证件"].append(
            [officer, number, "重庆市人民政府", dt.date(2021, 3, 1), dt.date(2026, 2, 28)]
        )
    workbook["行政检查"].append(
        ["J-1", dt.date(2023, 5, 2), "某加油站", "消防安全", "ZF-01、ZF-02"]
    )
    workbook["隐患"].append(
        ["J-1", "H-1", dt.date(2023, 5, 2), "灭火器过期", dt.date(2023, 5, 10), dt.date(2023, 5, 8)]
    )
    workbook["行政处罚"].append(
        [
            *("C-1", dt.date(2023, 8, 1), "安全生产", "警告、罚款", "普通程序", 6800, None),
            *("某加油站", "企业", None, "ZF-01、ZF-02", "是", "否", "否"),
        ]
    )
    fill_text(
        workbook,
        {
            "主送机关": "渝北区人民政府",
            "发文字号": "古路府发〔2024〕1号",
            "成文日期": dt.date(2024, 1, 18),
            "开头语": "按照有关规定，现将我镇2023年行政执法总体情况报告如下：",
            "总体情况小节": "严格落实行政执法三项制度。",
            "存在的主要问题": "一是执法力量不足。\n二是执法装备落后。",
            "下一年度工作打算": "加强执法人员业务培训。",
        },
    )
    # A titled section the template leaves for the clerk: the title in 标题.
    for row in workbook["报告正文"].iter_rows(min_row=2):
        if row[0].value == "总体情况小节":
            row[1].value = "执法规范化建设情况"
    return save(workbook, path)


class TestTheWorkbook:
    def test_first_sheet_is_the_instructions(self):
        """填写说明 comes first and says how several officers share a cell and how money is written."""
        workbook = book()
        assert "填写说明" == workbook.sheetnames[0]
        said = "\n".join(
            str(c.value) for row in workbook["填写说明"].iter_rows() for c in row if c.value
        )
        assert "用顿号“、”分隔" in said
        assert "不写“1.2万”" in said
        assert "enforcement-core report 台账.xlsx" in said

    def test_required_columns_are_marked(self):
        """A required column's header starts with *, an optional one's does not."""
        penalty = [c.value for c in book()["行政处罚"][1]]
        assert ["*编号", "*决定日期", "*执法领域"] == penalty[:3]
        assert "处罚种类" == penalty[3]

    def test_every_vocabulary_column_has_a_list(self):
        """Each column with a vocabulary (单位类别 included) offers its labels to pick from."""
        workbook = book()
        units = [v.formula1 for v in workbook["执法单位"].data_validations.dataValidation]
        assert any("综合行政执法办公室" in formula for formula in units)
        for sheet in sheets():
            lists = {
                str(cells).split(":")[0][0]
                for v in workbook[sheet.name()].data_validations.dataValidation
                for cells in v.sqref.ranges
            }
            for index, column in enumerate(sheet.columns):
                if column.vocabulary is not None:
                    assert chr(ord("A") + index) in lists, (sheet.name(), column.header())

    def test_other_actions_list_leaves_out_categories_with_their_own_sheet(self):
        """其他行政执法行为's 行为类别 offers 行政给付 but not 行政许可 (it has its own sheet)."""
        (kind,) = [
            v.formula1
            for v in book()["其他行政执法行为"].data_validations.dataValidation
            if "行政给付" in v.formula1
        ]
        assert "行政许可" not in kind
        assert "行政处罚" not in kind

    def test_a_list_of_several_values_allows_them(self):
        """处罚种类 takes 警告、罚款: its list offers labels and does not refuse several."""
        (sanctions,) = [
            v
            for v in book()["行政处罚"].data_validations.dataValidation
            if "通报批评" in v.formula1
        ]
        assert not sanctions.showErrorMessage

    def test_the_examples_are_valid_records(self, tmp_path):
        """Every example row, its 示例 mark taken off, is a record the reader takes, with no error."""
        workbook = book()
        fill_about(workbook, dt.datetime.now(tz=dt.UTC).year - 1)
        for worksheet in workbook.worksheets[2:]:
            for row in worksheet.iter_rows(min_row=2, max_row=2):
                for cell in row:
                    if isinstance(cell.value, str):
                        cell.value = cell.value.replace("示例", "E")
        # The inspection names a second officer: the roster gets one, as a clerk would add.
        workbook["执法人员"].append(["E-2", "李四", "E-综合执法办", "在编", "是"])
        year = dt.datetime.now(tz=dt.UTC).year - 1
        workbook["执法证件"].append(
            ["E-2", "渝执002", "重庆市人民政府", dt.date(year - 1, 1, 1), dt.date(year + 4, 1, 1)]
        )
        ledger = read_ledger(save(workbook, tmp_path / "examples.xlsx"))
        for sheet in sheets():
            if sheet.parent is None and sheet.key != "officers":
                assert 1 == len(getattr(ledger, sheet.key)), sheet.key
        assert ["E-1", "E-2"] == [officer.id for officer in ledger.officers]
        assert 1 == len(ledger.inspections[0].hazards)
        assert 1 == len(ledger.officers[0].certificates)
        assert ["E-综合执法办"] == list(ledger.units)
        assert [] == ec.audit(ledger).errors()

    def test_the_blank_template_asks_only_for_the_body(self, tmp_path):
        """Instructions, examples and the empty text sheet are not read as records or problems."""
        path = tmp_path / "blank.xlsx"
        path.write_bytes(BOOK)
        with pytest.raises(ec.LoadError) as caught:
            read_ledger(path)
        assert ["the body is not given"] == [p.message.split(":")[0] for p in caught.value.problems]

    def test_the_template_with_only_the_about_sheet_is_an_empty_ledger(self, tmp_path):
        """The other side: with the body and year filled in, no records and no narrative."""
        workbook = book()
        fill_about(workbook)
        ledger = read_ledger(save(workbook, tmp_path / "about.xlsx"))
        assert (0, ec.report.Narrative(), None) == (
            len(ledger.penalty_cases),
            ledger.narrative,
            ledger.published_on,
        )


class TestTheReportText:
    def test_the_text_sheet_reaches_the_ledger(self, tmp_path):
        """主送机关, 发文字号, 成文日期 and the sections are read into the ledger."""
        ledger = read_ledger(clerks_workbook(tmp_path / "ledger.xlsx"))
        narrative = ledger.narrative
        assert ("渝北区人民政府", "古路府发〔2024〕1号") == (
            narrative.addressee,
            narrative.doc_number,
        )
        assert dt.date(2024, 1, 18) == ledger.published_on
        assert [
            ("2023年行政执法总体情况", ec.report.SectionRole.OVERVIEW),
            ("存在的主要问题", ec.report.SectionRole.PROBLEMS),
            ("2024年工作打算", ec.report.SectionRole.PLANS),
        ] == [(s.title, s.role) for s in narrative.sections]
        assert ("一是执法力量不足。", "二是执法装备落后。") == narrative.sections[1].paragraphs
        assert "执法规范化建设情况" == narrative.sections[0].subsections[0].title
        assert dt.date(2024, 1, 18) == ec.summarize(ledger).published_on

    def test_a_clerks_workbook_gives_a_complete_document(self, tmp_path):
        """init, fill, report --format docx: heading, figures, problems, plans, body and date."""
        path = clerks_workbook(tmp_path / "ledger.xlsx")
        ledger = read_ledger(path)
        document = docx.Document(io.BytesIO(ec.render(ledger, "docx")))
        paragraphs = [p.text.replace("\n", "") for p in document.paragraphs if p.text]
        assert [
            "古路府发〔2024〕1号",
            "重庆市渝北区古路镇人民政府关于2023年行政执法总体情况的报告",
            "渝北区人民政府：",
            "按照有关规定，现将我镇2023年行政执法总体情况报告如下：",
            "一、2023年行政执法总体情况",
        ] == paragraphs[:5]
        assert "二、存在的主要问题" in paragraphs
        assert "一是执法力量不足。" in paragraphs
        assert "三、2024年工作打算" in paragraphs
        assert "加强执法人员业务培训。" in paragraphs
        assert any("执法规范化建设情况" in p for p in paragraphs)
        assert any("罚款0.68万元" in p or "6800" in p for p in paragraphs)
        assert [BODY, "2024年1月18日"] == paragraphs[-2:]

    def test_the_command_line_writes_it_from_the_workbook(self, tmp_path):
        """enforcement-core report ledger.xlsx --output report.docx: no JSON edited on the way."""
        path = clerks_workbook(tmp_path / "ledger.xlsx")
        out = tmp_path / "report.docx"
        assert 0 == main(["report", str(path), "--output", str(out)])
        paragraphs = [p.text for p in docx.Document(str(out)).paragraphs if p.text]
        assert "渝北区人民政府：" in paragraphs
        assert "2024年1月18日" == paragraphs[-1]

    @pytest.mark.parametrize(
        ("row", "header", "message"),
        [
            (("开头", None, "按照……"), "项目", "不是报告正文的项目"),
            (("其他章节", None, "一段文字"), "标题", "请填写该章节的标题"),
            (("成文日期", None, "去年"), "内容", "不是可识别的日期"),
            (("成文日期", None, dt.date(2022, 12, 31)), "成文日期", "成文日期早于报告所属的2023年"),
        ],
    )
    def test_a_row_that_cannot_be_read_is_named(self, tmp_path, row, header, message):
        """An unknown item, a section without its title, a date not a date or before the year."""
        workbook = book()
        fill_about(workbook)
        workbook["报告正文"].append(list(row))
        with pytest.raises(ec.LoadError) as caught:
            read_ledger(save(workbook, tmp_path / "bad.xlsx"))
        (problem,) = caught.value.problems
        assert ("报告正文", header) == (problem.sheet, problem.header)
        assert message in problem.message_zh

    def test_an_item_given_twice_is_refused(self, tmp_path):
        """The 主送机关 is one: a second row of it is a problem, not silently the winner."""
        workbook = book()
        fill_about(workbook)
        fill_text(workbook, {"主送机关": "渝北区人民政府"})
        workbook["报告正文"].append(["主送机关", None, "渝北区司法局"])
        with pytest.raises(ec.LoadError) as caught:
            read_ledger(save(workbook, tmp_path / "twice.xlsx"))
        (problem,) = caught.value.problems
        assert (11, "重复填写；该项目只填一次") == (problem.row, problem.message_zh)

    def test_several_rows_of_a_section_are_its_paragraphs(self, tmp_path):
        """Two rows of 存在的主要问题 under one title are two paragraphs of one section."""
        workbook = book()
        fill_about(workbook)
        fill_text(workbook, {"存在的主要问题": "问题一。"})
        workbook["报告正文"].append(["存在的主要问题", "存在的主要问题", "问题二。"])
        ledger = read_ledger(save(workbook, tmp_path / "rows.xlsx"))
        (section,) = ledger.narrative.sections
        assert ("问题一。", "问题二。") == section.paragraphs


def test_unit_kinds_are_all_offered():
    """The 单位类别 list holds every unit kind's label."""
    (formula,) = [
        v.formula1
        for v in book()["执法单位"].data_validations.dataValidation
        if "综合执法大队" in v.formula1
    ]
    assert all(label in formula for label in labels_of(ec.workforce.UnitKind).values())
