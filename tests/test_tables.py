"""Ledgers from tables: the library's layout, the 双公示 tables, row problems, templates."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

import enforcement_core as ec
from enforcement_core.tables import read_columnar, read_ledger, template
from enforcement_core.tables._cells import (
    CellError,
    read_bool,
    read_date,
    read_int,
    read_wan_yuan,
    read_yuan,
)

PENALTY_HEADERS = [
    "行政相对人名称",
    "行政相对人类别",
    "统一社会信用代码",
    "法定代表人",
    "证件类型",
    "证件号码",
    "行政处罚决定书文号",
    "违法行为类型",
    "违法事实",
    "处罚依据",
    "处罚类别",
    "处罚内容",
    "罚款金额（万元）",
    "没收违法所得、没收非法财物的金额（万元）",
    "暂扣或吊销证照名称及编号",
    "处罚决定日期",
    "处罚有效期",
    "公示截止期",
    "处罚机关",
    "处罚机关统一社会信用代码",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
    "备注",
]
BODY = "重庆市渝北区古路镇人民政府"
CODE = "91350100M000100Y43"
PERSON = "11010519491231002X"


def penalty_row(**given):
    row = dict.fromkeys(PENALTY_HEADERS, "")
    row.update(
        {
            "行政相对人名称": "某某建材厂",
            "行政相对人类别": "法人及非法人组织",
            "统一社会信用代码": CODE,
            "行政处罚决定书文号": "古路罚〔2023〕1号",
            "处罚类别": "罚款",
            "罚款金额（万元）": "0.68",
            "没收违法所得、没收非法财物的金额（万元）": "0",
            "处罚决定日期": "2023/5/2",
            "处罚机关": BODY,
        }
    )
    row.update(given)
    return row


def penalty_csv(rows, encoding="utf-8-sig"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, PENALTY_HEADERS)
    writer.writeheader()
    writer.writerows(rows)
    return io.BytesIO(buffer.getvalue().encode(encoding))


def three_penalties():
    return [
        penalty_row(),
        penalty_row(
            **{
                "行政处罚决定书文号": "古路罚〔2023〕2号",
                "行政相对人名称": "张三",
                "行政相对人类别": "自然人",
                "统一社会信用代码": "",
                "证件类型": "身份证",
                "证件号码": PERSON,
                "处罚类别": "警告、罚款",
                "罚款金额（万元）": "0.05",
                "处罚决定日期": "2023年7月9日",
            }
        ),
        penalty_row(
            **{
                "行政处罚决定书文号": "古路罚〔2023〕3号",
                "处罚类别": "罚款;没收违法所得",
                "罚款金额（万元）": "1.2345",
                "没收违法所得、没收非法财物的金额（万元）": "0.1",
                "处罚决定日期": "2023-11-30",
            }
        ),
    ]


class TestPenaltyTable:
    def test_csv_read_into_cases(self):
        """A 双公示 penalty CSV becomes penalty cases with exact yuan from 万元."""
        ledger = read_ledger(penalty_csv(three_penalties()))
        assert (BODY, ec.body.BodyLevel.TOWN, 2023) == (
            ledger.body.name,
            ledger.body.level,
            ledger.year,
        )
        assert [Decimal(6800), Decimal(500), Decimal(12345)] == [
            c.fine for c in ledger.penalty_cases
        ]
        assert [None, None, Decimal(1000)] == [c.confiscation for c in ledger.penalty_cases]
        assert ec.actions.PartyKind.NATURAL_PERSON is ledger.penalty_cases[1].party.kind
        assert (
            ec.actions.SanctionType.WARNING,
            ec.actions.SanctionType.FINE,
        ) == ledger.penalty_cases[1].sanctions

    def test_summary_has_the_expected_figures(self):
        """Its summary counts the cases and adds the fines to the fen."""
        penalty = ec.summarize(read_ledger(penalty_csv(three_penalties()))).penalty
        assert (3, Decimal(19645), Decimal(1000)) == (
            penalty.cases,
            penalty.fines,
            penalty.confiscations,
        )

    def test_figures_the_table_cannot_hold_are_unknown(self):
        """No column of legal reviews, lighter penalties, referrals: unknown, never 0, on both paths."""
        ledger = read_ledger(penalty_csv(three_penalties()))
        never = (
            "penalty.not_penalised",
            "penalty.lightened",
            "penalty.legal_reviews",
            "penalty.referrals",
        )
        assert never == ledger.unknown
        for penalty in (
            ec.summarize(ledger).penalty,
            read_columnar(penalty_csv(three_penalties()), body=ledger.body, year=2023)
            .summarize()
            .penalty,
        ):
            assert (None, None, None, None) == (
                penalty.not_penalised,
                penalty.lightened,
                penalty.legal_reviews,
                penalty.referrals,
            )
            # What the table holds is still counted.
            assert (3, Decimal(1000)) == (penalty.cases, penalty.confiscations)
        zh = ec.render(ec.summarize(ledger), "zh")
        assert [] == [w for w in ("法制审核", "不予处罚", "从轻减轻", "移送") if w in zh]

    def test_confiscations_unknown_without_their_column(self):
        """Without the confiscation column its amount is unknown; with it, counted (0 included)."""
        headers = [h for h in PENALTY_HEADERS if not h.startswith("没收")]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, headers, extrasaction="ignore")
        writer.writeheader()
        writer.writerows([penalty_row()])
        without = io.BytesIO(buffer.getvalue().encode())
        ledger = read_ledger(without)
        assert "penalty.confiscations" in ledger.unknown
        assert ec.summarize(ledger).penalty.confiscations is None
        assert "没收" not in ec.render(ec.summarize(ledger), "zh")
        kept = ec.summarize(read_ledger(penalty_csv([penalty_row()]))).penalty
        assert Decimal(0) == kept.confiscations

    def test_gb18030_csv_is_read(self):
        """A CSV saved by Chinese Excel (GB18030) reads the same as UTF-8."""
        utf8 = read_ledger(penalty_csv(three_penalties()))
        assert utf8 == read_ledger(penalty_csv(three_penalties(), encoding="gb18030"))

    def test_undecodable_csv_names_the_encodings(self):
        """Bytes in neither UTF-8 nor GB18030 are refused naming both."""
        with pytest.raises(ec.LoadError, match="utf-8-sig or gb18030"):
            read_ledger(io.BytesIO(b"\x81\x30\xff\xfe,\n"))

    def test_domain_column_is_read_when_present(self):
        """An extra 执法领域 column files the case under its domain; without it, other."""
        rows = [penalty_row(执法领域="安全生产")]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, [*PENALTY_HEADERS, "执法领域"])
        writer.writeheader()
        writer.writerows(rows)
        ledger = read_ledger(io.BytesIO(buffer.getvalue().encode()))
        assert ec.actions.Domain.WORK_SAFETY is ledger.penalty_cases[0].domain
        assert (
            ec.actions.Domain.OTHER
            is read_ledger(penalty_csv([penalty_row()])).penalty_cases[0].domain
        )


def problems_of(rows):
    with pytest.raises(ec.LoadError) as caught:
        read_ledger(penalty_csv(rows))
    return caught.value.problems


class TestRowProblems:
    @pytest.mark.parametrize(
        ("header", "value", "message"),
        [
            ("罚款金额（万元）", "1,2OO", "expected an amount in 万元"),
            ("罚款金额（万元）", "0.123456789", "more than two decimal places"),
            ("处罚决定日期", "五月二日", "not a date in a known form"),
            ("处罚决定日期", "2023-02-30", "not a day of the calendar"),
            ("处罚类别", "罚金", "did you mean '罚款'"),
            ("统一社会信用代码", "91350100M000100Y44", "check character"),
            ("证件号码", "110105194912310021", "check digit"),
            ("行政相对人类别", "公司法人", "is not a PartyKind label"),
        ],
    )
    def test_each_kind_names_sheet_row_header_and_value(self, header, value, message):
        """A bad cell is one problem at its row (header is row 1), header and value."""
        rows = [penalty_row(), penalty_row(**{header: value, "行政处罚决定书文号": "二号"})]
        (problem,) = problems_of(rows)
        assert ("table", 3, header) == (problem.sheet, problem.row, problem.header)
        assert message in problem.message
        assert value == problem.value or header == "罚款金额（万元）"

    def test_a_good_row_is_no_problem(self):
        """The other side: the rows the bad ones were made from are read."""
        assert 2 == len(
            read_ledger(
                penalty_csv([penalty_row(), penalty_row(行政处罚决定书文号="二号")])
            ).penalty_cases
        )

    def test_invariant_of_the_record_is_a_row_problem(self):
        """A fine without 罚款 among the sanctions is refused at its row and column."""
        (problem,) = problems_of([penalty_row(处罚类别="警告")])
        assert (2, "罚款金额（万元）") == (problem.row, problem.header)
        assert "'fine' is not among the sanctions" in problem.message

    def test_zero_fine_without_fine_sanction_is_no_fine(self):
        """The table writes "no fine" as 0: not refused, and held as no fine."""
        ledger = read_ledger(
            penalty_csv([penalty_row(**{"处罚类别": "警告", "罚款金额（万元）": "0"})])
        )
        assert ledger.penalty_cases[0].fine is None

    def test_every_problem_at_once_in_both_languages(self):
        """Several bad rows give one LoadError listing each, in English and Chinese."""
        rows = [
            penalty_row(**{"罚款金额（万元）": "1,2OO"}),
            penalty_row(行政处罚决定书文号="二号", 处罚决定日期="昨天"),
            penalty_row(行政处罚决定书文号="", 处罚类别="罚金"),
        ]
        problems = problems_of(rows)
        assert [2, 3, 4, 4] == [p.row for p in problems]
        assert "table 第3行 处罚决定日期：" in problems[1].in_language("zh")
        assert "不是可识别的日期写法" in problems[1].in_language("zh")
        assert "table, row 3, 处罚决定日期: " in str(problems[1])

    def test_missing_column_and_unknown_column(self):
        """A required column missing and an unknown header are reported at row 1."""
        table = "行政相对人名称,行政处罚决定书文号,处罚决定日期,处罚机关,奇怪的列\n某厂,一号,2023-01-02,古路镇人民政府,x\n"
        with pytest.raises(ec.LoadError) as caught:
            read_ledger(io.BytesIO(table.encode()))
        found = {(p.row, p.header, p.message.split(";")[0]) for p in caught.value.problems}
        assert (1, "处罚类别", "a required column is missing") in found
        assert (1, "奇怪的列", "unknown column") in found


LICENSING_HEADERS = [
    "行政相对人名称",
    "行政相对人类别",
    "统一社会信用代码",
    "法定代表人",
    "证件类型",
    "证件号码",
    "行政许可决定文书名称",
    "行政许可决定文书号",
    "许可类别",
    "许可证书名称",
    "许可编号",
    "许可内容",
    "许可决定日期",
    "有效期自",
    "有效期至",
    "许可机关",
    "许可机关统一社会信用代码",
    "当前状态",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
    "备注",
]


def licensing_xlsx(rows, path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "行政许可公示"
    sheet.append(LICENSING_HEADERS)
    for given in rows:
        row = dict.fromkeys(LICENSING_HEADERS)
        row.update(
            {
                "行政相对人名称": "李四",
                "行政相对人类别": "自然人",
                "证件号码": PERSON,
                "行政许可决定文书名称": "乡村建设规划许可证",
                "许可证书名称": "农村宅基地",
                # What Excel holds: a date-time without a zone.
                "许可决定日期": dt.datetime(2023, 4, 3),  # noqa: DTZ001
                "许可机关": BODY,
                "当前状态": "有效",
            }
        )
        row.update(given)
        sheet.append([row[h] for h in LICENSING_HEADERS])
    book.save(path)
    return path


class TestLicensingTable:
    def test_xlsx_read_into_granted_applications(self, tmp_path):
        """A 双公示 licensing workbook becomes granted licences, dated by the decision."""
        path = licensing_xlsx(
            [{"行政许可决定文书号": f"渝北规许〔2023〕{n}号"} for n in range(1, 6)],
            tmp_path / "licences.xlsx",
        )
        ledger = read_ledger(path)
        licensing = ec.summarize(ledger).licensing
        # The table publishes grants only: applications and refusals are unknown, not 5 and 0.
        assert (None, 5, None) == (licensing.applications, licensing.granted, licensing.refused)
        assert (None, None) == (licensing.legal_reviews, licensing.revoked)
        assert "农村宅基地" == licensing.subject

    def test_bad_date_cell_names_its_sheet(self, tmp_path):
        """A date cell written as unknown text is a problem of its sheet and row."""
        path = licensing_xlsx(
            [
                {"行政许可决定文书号": "一号"},
                {"行政许可决定文书号": "二号", "许可决定日期": "4月3日"},
            ],
            tmp_path / "licences.xlsx",
        )
        with pytest.raises(ec.LoadError) as caught:
            read_ledger(path)
        (problem,) = caught.value.problems
        assert ("行政许可公示", 3, "许可决定日期", "4月3日") == (
            problem.sheet,
            problem.row,
            problem.header,
            problem.value,
        )


def filled_template(path, *, fine=6800):
    book = openpyxl.load_workbook(io.BytesIO(template()))
    about = book["基本信息"]
    for row in about.iter_rows(min_row=2):
        row[1].value = {
            "执法主体名称": BODY,
            "执法主体层级": "镇",
            "所属地区": "重庆市渝北区",
            "简称": "古路镇",
            "年度": 2023,
        }[row[0].value]
    book["执法单位"].append(["office", "综合行政执法办公室", "综合行政执法办公室", None])
    book["执法单位"].append(["brigade", "综合执法大队", "执法大队", "office"])
    officers = book["执法人员"]
    officers.append(["o-1", "李明", "office", "在编", "是"])
    officers.append(["o-2", "王芳", "brigade", "在编", "否"])
    certificates = book["执法证件"]
    certificates.append(
        ["o-1", "渝执001", "重庆市人民政府", dt.date(2021, 3, 1), dt.date(2026, 2, 28)]
    )
    certificates.append(
        ["o-2", "渝执002", "重庆市人民政府", dt.date(2021, 3, 1), dt.date(2026, 2, 28)]
    )
    inspections = book["行政检查"]
    inspections.append(["I-1", dt.date(2023, 5, 2), "某某加油站", "消防安全", "o-1、o-2"])
    inspections.append(["I-2", "2023年6月1日", "敬老院", "敬老院", "o-1,o-2"])
    hazards = book["隐患"]
    hazards.append(
        [
            "I-1",
            "H-1",
            dt.date(2023, 5, 2),
            "灭火器过期",
            dt.date(2023, 5, 10),
            dt.date(2023, 5, 8),
            None,
        ]
    )
    hazards.append(["I-1", "H-2", dt.date(2023, 5, 2), "通道堵塞", None, None, "科级"])
    penalties = book["行政处罚"]
    penalties.append(
        [
            "P-1",
            dt.date(2023, 8, 1),
            "安全生产",
            "警告、罚款",
            "一般程序",
            fine,
            None,
            "某某加油站",
            "企业",
            CODE,
            "o-1、o-2",
            "是",
            "否",
            "否",
        ]
    )
    penalties.append(
        [
            "P-2",
            dt.date(2023, 9, 1),
            "交通运输",
            "警告",
            "简易",
            None,
            None,
            "张三",
            "自然人",
            None,
            "o-1、o-2",
            "否",
            "否",
            "否",
        ]
    )
    book["行政许可"].append(
        [
            "L-1",
            dt.date(2023, 3, 1),
            "农村宅基地",
            "李四",
            "个人",
            PERSON,
            "是",
            "准予许可",
            dt.date(2023, 3, 20),
            None,
            "是",
        ]
    )
    book.save(path)
    return path


class TestOwnLayout:
    def test_filled_template_reads_to_expected_figures(self, tmp_path):
        """A clerk's workbook with Chinese headers and labels gives the expected summary."""
        ledger = read_ledger(filled_template(tmp_path / "ledger.xlsx"))
        report = ec.summarize(ledger)
        assert ("古路镇", 2023) == (report.body.short_name, report.year)
        assert (2, 2, 1) == (
            report.inspection.visits,
            report.inspection.hazards.found,
            report.inspection.hazards.rectified,
        )
        assert {ec.actions.SupervisionLevel.SECTION: 1} == dict(
            report.inspection.hazards.supervised
        )
        assert (2, Decimal(6800)) == (report.penalty.cases, report.penalty.fines)
        assert {ec.actions.Domain.WORK_SAFETY, ec.actions.Domain.TRAFFIC} == set(
            report.penalty.by_domain
        )
        assert {ec.actions.Procedure.ORDINARY: 1, ec.actions.Procedure.SIMPLE: 1} == dict(
            report.penalty.by_procedure
        )
        assert (1, 1) == (report.licensing.granted, report.licensing.legal_reviews)
        assert 2 == report.workforce.certified
        assert 2 == report.workforce.units["office"].certified
        assert 1 == report.workforce.units["office"].subunits["brigade"].certified
        assert [] == [f for f in ec.audit(ledger) if f.severity == "error"]

    def test_float_money_not_exact_to_the_fen_is_refused(self, tmp_path):
        """A fine cell holding a float with more than two places is refused, not rounded."""
        with pytest.raises(ec.LoadError) as caught:
            read_ledger(filled_template(tmp_path / "ledger.xlsx", fine=6800.123))
        (problem,) = caught.value.problems
        # Row 2 is the template's example row; the clerk's first record is row 3.
        assert ("行政处罚", 3, "罚款金额（元）") == (problem.sheet, problem.row, problem.header)

    def test_float_money_exact_to_the_fen_is_read_exactly(self, tmp_path):
        """The other side: 6800.5 held as a float is 6800.5 yuan exactly."""
        ledger = read_ledger(filled_template(tmp_path / "ledger.xlsx", fine=6800.5))
        assert Decimal("6800.5") == ledger.penalty_cases[0].fine

    def test_template_alone_is_an_empty_ledger_but_for_the_body(self, tmp_path):
        """The blank template's example rows are not records; it asks for the body."""
        path = tmp_path / "blank.xlsx"
        path.write_bytes(template())
        with pytest.raises(ec.LoadError) as caught:
            read_ledger(path)
        assert ["the body is not given"] == [p.message.split(":")[0] for p in caught.value.problems]

    def test_template_has_lists_of_labels(self):
        """Vocabulary columns carry a list of the Chinese labels to pick from."""
        book = openpyxl.load_workbook(io.BytesIO(template()))
        lists = [v.formula1 for v in book["行政处罚"].data_validations.dataValidation]
        assert any("安全生产" in formula for formula in lists)
        assert any("简易程序" in formula for formula in lists)

    def test_csv_of_one_sheet_is_found_by_its_headers(self, tmp_path):
        """One record kind as CSV, with body and year given, reads into the ledger."""
        path = tmp_path / "cases.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["编号", "决定日期", "执法领域", "处罚种类", "罚款金额（元）"])
            writer.writerow(["P-1", "2023-08-01", "交通", "罚款", "200"])
        body = ec.body.EnforcementBody(BODY, ec.body.BodyLevel.TOWN)
        ledger = read_ledger(path, body=body, year=2023)
        assert Decimal(200) == ledger.penalty_cases[0].fine

    def test_mapping_renames_headers(self, tmp_path):
        """A header of the clerk's own is read as the column the mapping names."""
        path = tmp_path / "cases.csv"
        path.write_text("案号,日期,领域\nP-1,2023-08-01,交通\n", encoding="utf-8")
        ledger = read_ledger(
            path,
            body=ec.body.EnforcementBody(BODY, ec.body.BodyLevel.TOWN),
            year=2023,
            mapping={"案号": "id", "日期": "decided_on", "领域": "domain"},
        )
        assert "P-1" == ledger.penalty_cases[0].id

    def test_parquet_is_read(self, tmp_path):
        """A Parquet file of one sheet, typed columns included, reads the same."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.table(
            {
                "编号": ["P-1"],
                "决定日期": [dt.date(2023, 8, 1)],
                "执法领域": ["交通"],
                "处罚种类": ["罚款"],
                "罚款金额（元）": pa.array([Decimal("200.50")], pa.decimal128(12, 2)),
            }
        )
        pq.write_table(table, tmp_path / "cases.parquet")
        ledger = read_ledger(
            tmp_path / "cases.parquet",
            body=ec.body.EnforcementBody(BODY, ec.body.BodyLevel.TOWN),
            year=2023,
        )
        assert Decimal("200.50") == ledger.penalty_cases[0].fine

    def test_json_ledger_is_read(self, tmp_path):
        """A JSON ledger document goes through load_json."""
        ledger = ec.examples.load_records("gulu-2023")
        path = tmp_path / "ledger.json"
        path.write_text(ec.dump_json(ledger), encoding="utf-8")
        assert ledger == read_ledger(path)


class TestAuditAgainstLedger:
    def test_penalty_count_and_fines_that_differ_are_found(self):
        """A report's penalty cases and fines are held against the published table."""
        ledger = read_ledger(penalty_csv(three_penalties()))
        report = ec.summarize(ledger)
        stated = ec.AnnualReport(
            body=report.body,
            year=2023,
            penalty=ec.figures.PenaltyFigures(cases=4, fines=Decimal(19000)),
        )
        found = {f.path: f for f in ec.audit(stated, ledger=ledger) if f.code == "ledger-mismatch"}
        assert {"penalty.cases", "penalty.fines"} == set(found)
        assert "the report states 4, the ledger's records show 3" == found["penalty.cases"].message

    def test_agreeing_figures_are_no_finding(self):
        """The other side: a report that states what the records show has no such finding."""
        ledger = read_ledger(penalty_csv(three_penalties()))
        report = ec.summarize(ledger)
        assert [] == [f for f in ec.audit(report, ledger=ledger) if f.code == "ledger-mismatch"]


class TestCells:
    def test_counts(self):
        """Whole numbers from int, integral float and digits; fractions and typos refused."""
        assert [3, 3, 1200] == [read_int(3), read_int(3.0), read_int("1,200")]
        for bad in (3.5, "1,2OO", "12,00", True):
            with pytest.raises(CellError):
                read_int(bad)

    def test_money(self):
        """Yuan from floats by their shortest text; 万元 times 10,000 exactly."""
        assert Decimal("0.3") == read_yuan(0.3)
        assert Decimal("1753.79") * 10_000 == read_wan_yuan("1753.79")
        with pytest.raises(CellError):
            read_yuan(float("nan"))

    def test_dates(self):
        """Date cells, midnight date-times and the listed text forms; others refused."""
        day = dt.date(2023, 5, 2)
        for good in (day, dt.datetime(2023, 5, 2), "2023-05-02", "2023.5.2", "20230502"):  # noqa: DTZ001
            assert day == read_date(good)
        for bad in (dt.datetime(2023, 5, 2, 9, 30), "05/02/2023", 45048):  # noqa: DTZ001
            with pytest.raises(CellError):
                read_date(bad)

    def test_booleans(self):
        """是/否 and their kin; anything else refused."""
        assert (True, False, True) == (read_bool("是"), read_bool("否"), read_bool("√"))
        with pytest.raises(CellError):
            read_bool("也许")

    def test_numpy_and_pandas_scalars(self):
        """np.float64 money and pandas Timestamps, as pandas gives them, are read."""
        import numpy as np
        import pandas as pd

        assert Decimal("6800.5") == read_yuan(np.float64(6800.5))
        assert dt.date(2023, 5, 2) == read_date(pd.Timestamp("2023-05-02"))


class TestFactsWithoutTheirColumns:
    """A sheet of the library's layout without a fact's column: the fact is unknown, not 0."""

    BODY = ec.body.EnforcementBody("某镇人民政府", ec.body.BodyLevel.TOWN)
    HEAD = "编号,决定日期,执法领域,处罚种类,罚款金额（元）"
    ROW = "P-1,2023-08-01,交通,罚款,200"

    def read(self, head: str, row: str) -> tuple[ec.Ledger, ec.figures.PenaltyFigures]:
        data = f"{head}\n{row}\n".encode()
        ledger = read_ledger(io.BytesIO(data), body=self.BODY, year=2023)
        columnar = read_columnar(io.BytesIO(data), body=self.BODY, year=2023).summarize()
        assert columnar == ec.summarize(ledger)  # both paths alike
        return ledger, ec.summarize(ledger).penalty

    def test_without_the_columns(self):
        """No 法制审核, 从轻减轻处罚, 涉嫌犯罪移送 or 没收 column: those figures are unknown."""
        ledger, penalty = self.read(self.HEAD, self.ROW)
        assert (
            "penalty.legal_reviews",
            "penalty.lightened",
            "penalty.referrals",
            "penalty.confiscations",
        ) == ledger.unknown
        assert (None, None, None, None) == (
            penalty.legal_reviews,
            penalty.lightened,
            penalty.referrals,
            penalty.confiscations,
        )
        assert (1, Decimal(200)) == (penalty.cases, penalty.fines)

    def test_with_the_columns(self):
        """With the columns, their zeros are known and counted."""
        head = self.HEAD + ",法制审核,从轻减轻处罚,涉嫌犯罪移送,没收金额（元）"
        ledger, penalty = self.read(head, self.ROW + ",否,否,否,")
        assert () == ledger.unknown
        assert (0, 0, 0, Decimal(0)) == (
            penalty.legal_reviews,
            penalty.lightened,
            penalty.referrals,
            penalty.confiscations,
        )
