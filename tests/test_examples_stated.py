"""The built-in examples of issue 18's "stated" half: five invented reports shaped like real ones.

Each lists what a clerk comparing the output with the published report line by line
expects in zh and in text, written by hand (not taken from the output), and the
findings a fair audit gives.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import attrs
import jsonschema
import pytest

import enforcement_core as ec
from enforcement_core import schema as sch
from enforcement_core.findings import CODES

# name: (phrases in zh, phrases never in zh, rows of text squeezed of spaces, audit codes)
STATED_EXAMPLES = {
    "example-transport-bureau-2024": (
        [
            "取得行政执法资格的人员共48名，较上年减少22名",
            "全年共计申请932件，同比下降5.2%",
            "全年开展行政检查2061家次，同比增长12.5%",
            "全年办理行政处罚案件403件，较上年增加198件，增幅为96.6%",
            "罚款270.95万元",
            "超限治理任务完成率108%",
            "行政处罚录入率88.8%",
        ],
        ["同比上升", "较上年增加198件，同比", "上升12.5%"],
        ["超限治理任务完成率 108 %", "行政处罚录入率 88.8 %", "罚款 270.95 万元"],
        ["change-no-base", "change-no-base"],
    ),
    "example-agriculture-commission-2024": (
        [
            "罚款52.31047万元",
            "没收违法所得和非法财物1.235万元",
            "无害化处理生猪36头",
            "没收假劣农药0.5吨",
            "抽检农产品1200余批次",
            "警告20件、罚款40件、没收违法所得6件",
        ],
        ["52.31万元", "1200批次", "1.2万元"],
        ["罚款 52.31047 万元", "无害化处理生猪 36 头", "抽检农产品 1200余 批次"],
        [],
    ),
    "example-forestry-bureau-2024": (
        [
            "辖区内自然保护区面积约6.2平方公里，林业站8个，森林覆盖率63.5%。",
            "全年开展行政检查300余个",
            "全年办理行政处罚案件不足10件，适用普通程序7件",
            "收缴木材12.5立方米，责令补种树木约1200株",
            "实施行政强制措施不足5件",
        ],
        ["案件10件", "300家次", "案件7件"],
        ["辖区内自然保护区面积 约6.2 平方公里", "案件 不足10 件", "责令补种树木 约1200 株"],
        [],
    ),
    "example-development-zone-2024": (
        [
            "区内行政执法主体12个。",
            "截至12月20日，开发区管委会开展了行政许可、行政检查、行政处罚三类行政执法行为",
            "罚款31.2万元，以上数据不含公安和消防",
            "隐患整改率100%",
        ],
        ["2024年，开发区管委会开展了"],
        ["统计截至 2024年12月20日", "区内行政执法主体 12 个", "说明 以上数据不含公安和消防"],
        ["published-early"],
    ),
    "example-city-department-2024": (
        [
            "以下除注明全市外，均为市本级数据。",
            "共计1000件，较上年增加76件，增幅为8.2%",
            "人均办案7件",
            "警告40件、罚款70件、没收非法财物51件",
            "全市共办理行政处罚案件1520件",
        ],
        ["案件1520件，", "sanctions"],
        ["人均办案 7 件", "全市共办理行政处罚案件 1520 件"],
        [],
    ),
}


def schema_valid(report: ec.AnnualReport) -> bool:
    checker = jsonschema.Draft202012Validator(
        sch.load_schema("annual_report"), format_checker=jsonschema.FormatChecker()
    )
    return checker.is_valid(json.loads(ec.dump_json(report)))


class TestStatedExamples:
    @pytest.mark.parametrize("name", sorted(STATED_EXAMPLES))
    def test_registered_invented_lossless_and_valid(self, name):
        """Each is a built-in example, says it is invented, round-trips and fits the schema."""
        report = ec.examples.load(name)
        assert name in ec.examples.names()
        assert "示例" in report.body.name
        assert "虚构" in report.narrative.sections[0].paragraphs[0]
        assert ec.load_json(ec.dump_json(report)) == report
        assert schema_valid(report)

    @pytest.mark.parametrize("name", sorted(STATED_EXAMPLES))
    def test_zh_writes_what_the_report_writes(self, name):
        """The phrases a clerk expects are there; the ones the report never wrote are not."""
        present, absent, _, _ = STATED_EXAMPLES[name]
        text = ec.render(ec.examples.load(name), "zh")
        assert [] == [phrase for phrase in present if phrase not in text]
        assert [] == [phrase for phrase in absent if phrase in text]

    @pytest.mark.parametrize("name", sorted(STATED_EXAMPLES))
    def test_text_writes_what_the_report_writes(self, name):
        """text shows the same figures in the report's words, measure words and bounds."""
        _, _, rows, _ = STATED_EXAMPLES[name]
        text = ec.render(ec.examples.load(name), "text")
        squeezed = "\n".join(" ".join(line.split()) for line in text.splitlines())
        assert [] == [row for row in rows if row not in squeezed]

    @pytest.mark.parametrize("name", sorted(STATED_EXAMPLES))
    def test_audit(self, name):
        """The findings a fair audit gives, errors only where the report is wrong."""
        _, _, _, expected = STATED_EXAMPLES[name]
        findings = ec.audit(ec.examples.load(name))
        assert expected == [f.code for f in findings]
        assert [c for c in expected if CODES[c][0] is ec.findings.Severity.ERROR] == [
            f.code for f in findings.errors()
        ]

    @pytest.mark.parametrize("name", sorted(STATED_EXAMPLES))
    def test_html_docx_and_xlsx_carry_the_reports_own_words(self, name):
        """The zh phrases come back out of html and docx; the text rows out of xlsx's cells."""
        docx = pytest.importorskip("docx")
        openpyxl = pytest.importorskip("openpyxl")
        present, _, rows, _ = STATED_EXAMPLES[name]
        report = ec.examples.load(name)
        html = str(ec.render(report, "html"))
        assert [] == [phrase for phrase in present if phrase not in html]
        document = docx.Document(io.BytesIO(ec.render(report, "docx")))
        words = "".join(paragraph.text for paragraph in document.paragraphs)
        assert [] == [phrase for phrase in present if phrase not in words]
        book = openpyxl.load_workbook(io.BytesIO(ec.render(report, "xlsx")))
        lines = [
            " ".join(str(cell) for cell in line if cell not in (None, ""))
            for line in book.worksheets[0].iter_rows(values_only=True)
        ]
        # A row's label, value and unit, each in its cell; a number cell as its number.
        # Money is an exact number cell in the sheet's own unit, not as the prose writes it.
        shown = "\n".join(line.replace(",", "") for line in lines)
        missing = [
            row for row in rows if not row.endswith("元") and row.replace(",", "") not in shown
        ]
        assert [] == missing


class TestWhatTheyShow:
    def test_transport_both_forms_agree_and_a_rate_of_its_own_passes_100(self):
        """198 more cases to 403 is 96.6% of 205; 超限治理任务完成率 is 108%."""
        report = ec.examples.load("example-transport-bureau-2024")
        [both] = [c for c in report.stated.changes if c.percent is not None]
        assert (Decimal(198), Decimal("96.6"), 403) == (
            both.change,
            both.percent,
            report.penalty.cases,
        )
        wrong = attrs_evolve_penalty_cases(report, 404)
        assert "change-forms-disagree" in [f.code for f in ec.audit(wrong)]
        [rate] = [f for f in report.stated.own_figures if f.value > 100]
        assert ("超限治理任务完成率", "%") == (rate.name, rate.measure)

    def test_agriculture_money_places_per_figure(self):
        """Fines to five places in 万元, confiscations to three, the rest to one."""
        conventions = ec.examples.load("example-agriculture-commission-2024").conventions
        assert ("万元", 1) == (conventions.money_unit, conventions.money_places)
        assert {"penalty.fines": 5, "penalty.confiscations": 3} == dict(
            conventions.money_places_by_figure
        )

    def test_forestry_bounds_are_no_values(self):
        """不足10 cases are unknown, not 10: no rate nor sum takes them."""
        report = ec.examples.load("example-forestry-bureau-2024")
        assert report.penalty.cases is None
        assert 7 == ec.statistics.figure(report, "penalty.cases")
        assert ec.statistics.figure(report, "inspection.visits") is None

    def test_development_zone_cut_off(self):
        """The figures are counted to 20 December; an audit finds a cut-off in January."""
        report = ec.examples.load("example-development-zone-2024")
        assert dt.date(2024, 12, 20) == report.stated.cut_off

    def test_city_department_counts_sanctions_under_every_type(self):
        """161 sanctions for 70 cases is possible here, an error under the heaviest only."""
        report = ec.examples.load("example-city-department-2024")
        assert 161 == sum(report.penalty.by_sanction.values())
        heaviest = ec.AnnualReport(
            body=report.body,
            year=report.year,
            penalty=report.penalty,
            conventions=ec.report.Conventions(
                sanction_counting=ec.report.SanctionCounting.HEAVIEST
            ),
        )
        assert ["sanctions-above-cases"] == [f.code for f in ec.audit(heaviest).errors()]


def attrs_evolve_penalty_cases(report: ec.AnnualReport, cases: int) -> ec.AnnualReport:
    return attrs.evolve(report, penalty=attrs.evolve(report.penalty, cases=cases))
