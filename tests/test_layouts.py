"""The 双公示 tables as published: their layouts, mapping with units, amounts in free text."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import enforcement_core as ec
import strategies
from enforcement_core.tables import read_columnar

BODY = ec.body.EnforcementBody("重庆市渝北区古路镇人民政府", ec.body.BodyLevel.TOWN)
YEAR = 2023


def _both(data: bytes, **options):
    """The ledger (or the problems, as text) by the object path and by the columnar path."""
    found = []
    for read in (
        lambda: ec.read_ledger(io.BytesIO(data), body=BODY, year=YEAR, **options),
        lambda: read_columnar(io.BytesIO(data), body=BODY, year=YEAR, **options).to_ledger(),
    ):
        try:
            found.append(read())
        except ec.LoadError as error:
            found.append([(p.row, p.header, p.message) for p in error.problems])
    return found


class TestMappingUnits:
    """A mapping states the unit of the amounts it maps; it never moves them between units."""

    # A province's export: the fine in 元, where the national table's column is in 万元.
    TABLE = (
        "行政相对人名称,行政相对人类别,行政处罚决定书文号,处罚类别,罚款金额（元）,处罚决定日期,处罚机关\n"
        "某某建材厂,法人及非法人组织,古路罚〔2023〕1号,罚款,6800,2023-05-02,重庆市渝北区古路镇人民政府\n"
    ).encode("gb18030")

    def test_a_header_in_yuan_onto_a_column_in_wan_yuan_is_refused(self):
        """罚款金额（元） mapped onto the 万元 fine without a unit: refused, never 68,000,000 元."""
        by_objects, by_columns = _both(self.TABLE, mapping={"罚款金额（元）": "fine"})
        assert by_objects == by_columns
        ((row, header, message),) = by_columns
        assert (1, "罚款金额（元）") == (row, header)
        assert "the header is in 元 and the column 罚款金额（万元） in 万元" in message
        assert "('fine', '元')" in message

    def test_the_scale_paths_hold_the_unit_too(self, tmp_path):
        """summarize_partitions and summarize_dask: refused without the unit, 6800 元 with it."""
        from enforcement_core.scale import summarize_dask, summarize_partitions

        (tmp_path / "export.csv").write_bytes(self.TABLE)
        for summarize in (summarize_partitions, summarize_dask):
            with pytest.raises(ec.LoadError, match="the header is in 元"):
                summarize(
                    tmp_path,
                    year=YEAR,
                    level=ec.body.BodyLevel.TOWN,
                    mapping={"罚款金额（元）": "fine"},
                )
            (report,) = summarize(
                tmp_path,
                year=YEAR,
                level=ec.body.BodyLevel.TOWN,
                mapping={"罚款金额（元）": ("fine", "元")},
            ).values()
            assert Decimal(6800) == report.penalty.fines

    def test_the_unit_given_reads_the_amount_as_written(self):
        """With its unit, 6800 in 元 is 6800 元 on both paths: not 68,000,000."""
        by_objects, by_columns = _both(self.TABLE, mapping={"罚款金额（元）": ("fine", "元")})
        assert Decimal(6800) == by_objects.penalty_cases[0].fine
        assert Decimal(6800) == by_columns.penalty_cases[0].fine
        assert Decimal(6800) == ec.summarize(by_columns).penalty.fines

    def test_a_unit_against_the_header_is_refused(self):
        """The header says 元, the mapping 万元: which is meant cannot be told."""
        by_objects, by_columns = _both(self.TABLE, mapping={"罚款金额（元）": ("fine", "万元")})
        assert by_objects == by_columns
        assert [
            (1, "罚款金额（元）", "the header is in 元 and the mapping says 万元")
        ] == by_columns

    def test_a_header_without_a_unit_needs_one(self):
        """罚款 onto the 万元 fine: the unit is not guessed."""
        data = self.TABLE.decode("gb18030").replace("罚款金额（元）", "罚款").encode()
        by_objects, by_columns = _both(data, mapping={"罚款": "fine"})
        assert by_objects == by_columns
        assert "the header names no unit" in by_columns[0][2]
        ledger = ec.read_ledger(io.BytesIO(data), body=BODY, mapping={"罚款": ("fine", "万元")})
        assert Decimal(68_000_000) == ledger.penalty_cases[0].fine

    def test_the_columns_own_unit_needs_nothing_more(self):
        """A header in 万元 onto the 万元 fine reads as the column does."""
        data = self.TABLE.decode("gb18030").replace("罚款金额（元）", "罚没款（万元）")
        data = data.replace(",6800,", ",0.68,").encode()
        by_objects, by_columns = _both(data, mapping={"罚没款（万元）": "fine"})
        assert Decimal(6800) == by_objects.penalty_cases[0].fine == by_columns.penalty_cases[0].fine

    def test_the_librarys_own_yuan_column_is_held_to_its_unit(self):
        """The library's sheets are in 元: a header in 万元 mapped onto them needs its unit."""
        data = (
            "编号,决定日期,执法领域,处罚种类,罚款（万元）\nP-1,2023-08-01,交通,罚款,0.02\n".encode()
        )
        by_objects, by_columns = _both(data, mapping={"罚款（万元）": "fine"})
        assert by_objects == by_columns
        assert "the header is in 万元 and the column 罚款金额（元） in 元" in by_columns[0][2]
        by_objects, by_columns = _both(data, mapping={"罚款（万元）": ("fine", "万元")})
        assert Decimal(200) == by_objects.penalty_cases[0].fine == by_columns.penalty_cases[0].fine

    def test_a_unit_for_a_column_of_no_amount_is_refused(self):
        """A unit given for a date or a name is a mistake in the mapping, said as one."""
        data = "案号,日期,领域\nP-1,2023-08-01,交通\n".encode()
        mapping = {"案号": ("id", "元"), "日期": "decided_on", "领域": "domain"}
        by_objects, by_columns = _both(data, mapping=mapping)
        assert by_objects == by_columns
        assert "holds no amount" in by_columns[0][2]

    def test_an_unknown_unit_is_refused(self):
        """Only 元 and 万元 are units of amounts."""
        by_objects, by_columns = _both(self.TABLE, mapping={"罚款金额（元）": ("fine", "千元")})
        assert by_objects == by_columns
        assert "'千元' is not a unit" in by_columns[0][2]

    def test_header_unit(self):
        """The unit is read off the end of a header, in either width of brackets."""
        from enforcement_core.tables._layout import header_unit

        assert "万元" == header_unit("罚款金额 (万元)")
        assert "元" == header_unit("罚款金额（元）")
        assert header_unit("元旦") is None
        assert header_unit("罚款金额") is None


# The published layouts, with their headers exactly as published ------------------------------

_LEGAL_PARTY = [
    "行政相对人名称",
    "行政相对人代码_1 (统一社会信用代码)",
    "行政相对人代码_2 (工商注册号)",
    "行政相对人代码_3 (组织机构代码)",
    "行政相对人代码_4 (税务登记号)",
    "行政相对人代码_5 (事业单位证书号)",
    "行政相对人代码_6 (社会组织登记证号)",
    "法定代表人",
    "法定代表人身份证号",
]
_NATURAL_PARTY = ["行政相对人名称", "证件类型", "证件号码"]
_PENALTY_2021 = [
    "行政处罚决定书文号",
    "违法行为类型",
    "违法事实",
    "处罚依据",
    "处罚类别",
    "处罚内容",
    "罚款金额 (万元)",
    "没收违法所得、没收非法财物的金额 (万元)",
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
_LICENSING_2021 = [
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
_EARLIER_PARTY = [
    "行政相对人名称",
    "行政相对人代码_1(统一社会信用代码)",
    "行政相对人代码_2(组织机构代码)",
    "行政相对人代码_3(工商登记码)",
    "行政相对人代码_4(税务登记号)",
    "行政相对人代码_5(居民身份证号)",
    "法定代表人姓名",
]
HEADERS = {
    "penalty-2021-legal": _LEGAL_PARTY + _PENALTY_2021,
    "penalty-2021-natural": _NATURAL_PARTY + _PENALTY_2021,
    "licensing-2021-legal": _LEGAL_PARTY + _LICENSING_2021,
    "licensing-2021-natural": _NATURAL_PARTY + _LICENSING_2021,
    "penalty-2016": [
        "行政处罚决定书文号",
        "处罚名称",
        "处罚类别1",
        "处罚类别2",
        "处罚事由",
        "处罚依据",
        *_EARLIER_PARTY[:6],
        "法定代表人姓名",
        "处罚结果",
        "处罚决定日期",
        "处罚机关",
        "当前状态",
        "地方编码",
        "数据更新时间戳",
        # Some sites add these.
        "处罚截止期",
        "公示期限",
        "信息使用范围",
        "备注",
    ],
    "licensing-2016": [
        "行政许可决定书文号",
        "项目名称",
        "审批类别",
        "许可内容",
        *_EARLIER_PARTY,
        "许可决定日期",
        "许可截止期",
        "许可机关",
        "当前状态",
        "行政许可编码",
        "信息使用范围",
        "地方编码",
        "数据更新时间戳",
        "备注",
    ],
}

TOWN = "重庆市渝北区古路镇人民政府"
TOWN_CODE = "11500112009000001R"  # GB 32100: the check character R
FIRM = "91500112MA5U00010F"
FIRM_2 = "91500112MA5U00020G"
PERSON = "11010519491231002X"  # GB 11643: the check character X
PERSON_2 = "110105491231002"  # a first-generation (15-digit) number

_COMMON = {"处罚机关": TOWN, "处罚机关统一社会信用代码": TOWN_CODE, "数据来源单位": TOWN}

# Each layout's rows, cell by header (others blank), and what they hold, written by hand.
ROWS = {
    "penalty-2021-legal": [
        {
            **_COMMON,
            "行政相对人名称": "重庆某某建材有限公司",
            "行政相对人代码_1 (统一社会信用代码)": FIRM,
            "法定代表人": "王某某",
            "法定代表人身份证号": PERSON,
            "行政处罚决定书文号": "渝北古路罚〔2023〕1号",
            "违法行为类型": "未按规定堆放建筑材料",
            "处罚类别": "罚款、没收违法所得",
            "处罚内容": "罚款6800元，没收违法所得1200元",
            "罚款金额 (万元)": "0.68",
            "没收违法所得、没收非法财物的金额 (万元)": "0.12",
            "处罚决定日期": "2023-05-02",
        },
        {
            **_COMMON,
            "行政相对人名称": "渝北区古路镇某某餐馆",
            "行政相对人代码_2 (工商注册号)": "500112600123456",
            "行政处罚决定书文号": "渝北古路罚〔2023〕2号",
            "处罚类别": "警告",
            "处罚内容": "警告",
            "罚款金额 (万元)": "0",
            "没收违法所得、没收非法财物的金额 (万元)": "0",
            "处罚决定日期": "2023/7/9",
        },
        {
            **_COMMON,
            "行政相对人名称": "重庆某某物流有限公司",
            "行政相对人代码_1 (统一社会信用代码)": FIRM_2,
            "行政处罚决定书文号": "渝北古路罚〔2023〕3号",
            "处罚类别": "罚款;没收违法所得;暂扣许可证件",
            "罚款金额 (万元)": "1.234567",
            "没收违法所得、没收非法财物的金额 (万元)": "0.050001",
            "暂扣或吊销证照名称及编号": "道路运输经营许可证 渝交运管500112000001",
            "处罚决定日期": "2023年11月30日",
        },
    ],
    "penalty-2021-natural": [
        {
            **_COMMON,
            "行政相对人名称": "张三",
            "证件类型": "身份证",
            "证件号码": PERSON,
            "行政处罚决定书文号": "渝北古路罚〔2023〕4号",
            "处罚类别": "罚款",
            "处罚内容": "处以罚款人民币伍佰元整",
            "罚款金额 (万元)": "0.05",
            "没收违法所得、没收非法财物的金额 (万元)": "0",
            "处罚决定日期": "2023-03-15",
        },
        {
            **_COMMON,
            "行政相对人名称": "John Smith",
            "证件类型": "护照",
            "证件号码": "E12345678",
            "行政处罚决定书文号": "渝北古路罚〔2023〕5号",
            "处罚类别": "警告、罚款",
            "处罚内容": "警告，并处罚款二百元",
            "罚款金额 (万元)": "",
            "处罚决定日期": "2023-04-01",
        },
    ],
    "licensing-2021-legal": [
        {
            **_COMMON,
            "行政相对人名称": "重庆某某建材有限公司",
            "行政相对人代码_1 (统一社会信用代码)": FIRM,
            "法定代表人": "王某某",
            "法定代表人身份证号": PERSON,
            "行政许可决定文书名称": "准予行政许可决定书",
            "行政许可决定文书号": "渝北古路许〔2023〕1号",
            "许可类别": "普通",
            "许可证书名称": "建筑垃圾处置核准",
            "许可决定日期": "2023-02-01",
            "有效期自": "2023-02-01",
            "有效期至": "2024-01-31",
            "许可机关": TOWN,
            "许可机关统一社会信用代码": TOWN_CODE,
            "当前状态": "有效",
        },
        {
            "行政相对人名称": "重庆某某物流有限公司",
            "行政相对人代码_1 (统一社会信用代码)": FIRM_2,
            "行政许可决定文书名称": "乡村建设规划许可证",
            "行政许可决定文书号": "渝北古路许〔2023〕2号",
            "许可证书名称": "",
            "许可决定日期": "2023-06-18",
            "许可机关": TOWN,
            "许可机关统一社会信用代码": TOWN_CODE,
            "数据来源单位": TOWN,
        },
    ],
    "licensing-2021-natural": [
        {
            "行政相对人名称": "李四",
            "证件类型": "身份证",
            "证件号码": PERSON_2,
            "行政许可决定文书名称": "乡村建设规划许可证",
            "行政许可决定文书号": "渝北古路许〔2023〕3号",
            "许可证书名称": "农村宅基地建房",
            "许可决定日期": "2023-08-08",
            "许可机关": TOWN,
            "许可机关统一社会信用代码": TOWN_CODE,
        },
    ],
    "penalty-2016": [
        {
            "行政处罚决定书文号": "古路罚字〔2019〕1号",
            "处罚名称": "重庆某某建材有限公司违法堆放案",
            "处罚类别1": "罚款",
            "处罚类别2": "没收违法所得",
            "处罚事由": "未按规定堆放建筑材料",
            "行政相对人名称": "重庆某某建材有限公司",
            "行政相对人代码_1(统一社会信用代码)": FIRM,
            "法定代表人姓名": "王某某",
            "处罚结果": "没收违法所得1200元并处罚款3000元",
            "处罚决定日期": "2019-05-02",
            "处罚机关": TOWN,
            "当前状态": "正常",
            "地方编码": "500112",
        },
        {
            "行政处罚决定书文号": "古路罚字〔2019〕2号",
            "处罚类别1": "罚款",
            "行政相对人名称": "王五",
            "行政相对人代码_5(居民身份证号)": PERSON,
            "处罚结果": "处以罚款人民币伍仟元整",
            "处罚决定日期": "2019-06-10",
            "处罚机关": TOWN,
        },
        {
            "行政处罚决定书文号": "古路罚字〔2019〕3号",
            "处罚类别1": "罚款",
            "行政相对人名称": "渝北区古路镇某某商店",
            "行政相对人代码_3(工商登记码)": "500112600654321",
            "处罚结果": "罚款0.5万元",
            "处罚决定日期": "2019-08-20",
            "处罚机关": TOWN,
        },
        {
            "行政处罚决定书文号": "古路罚字〔2019〕4号",
            "处罚类别1": "警告",
            "行政相对人名称": "重庆某某物流有限公司",
            "行政相对人代码_1(统一社会信用代码)": FIRM_2,
            "处罚结果": "警告",
            "处罚决定日期": "2019-09-01",
            "处罚机关": TOWN,
        },
    ],
    "licensing-2016": [
        {
            "行政许可决定书文号": "古路许字〔2019〕1号",
            "项目名称": "建筑垃圾处置核准",
            "审批类别": "核准",
            "行政相对人名称": "重庆某某建材有限公司",
            "行政相对人代码_1(统一社会信用代码)": FIRM,
            "法定代表人姓名": "王某某",
            "许可决定日期": "2019-02-01",
            "许可截止期": "2020-01-31",
            "许可机关": TOWN,
        },
        {
            "行政许可决定书文号": "古路许字〔2019〕2号",
            "项目名称": "农村宅基地建房审批",
            "行政相对人名称": "赵六",
            "行政相对人代码_5(居民身份证号)": PERSON_2,
            "许可决定日期": "2019-04-30",
            "许可机关": TOWN,
        },
    ],
}

# What each layout's rows hold, by hand: the year; the cases (or licences); for penalties, the
# fines and the confiscations in 元; the parties' kinds and numbers, in order.
NATURAL, FIRM_KIND = ec.actions.PartyKind.NATURAL_PERSON, ec.actions.PartyKind.ENTERPRISE
EXPECTED = {
    "penalty-2021-legal": (
        2023,
        3,
        Decimal("19145.67"),  # 6800 + 12345.67
        Decimal("1700.01"),  # 1200 + 500.01
        [(FIRM_KIND, FIRM), (FIRM_KIND, "500112600123456"), (FIRM_KIND, FIRM_2)],
    ),
    "penalty-2021-natural": (
        2023,
        2,
        Decimal(700),  # 500 in 万元 and in capitals, 200 in words alone
        Decimal(0),  # counted from the records: none
        [(NATURAL, PERSON), (NATURAL, "E12345678")],
    ),
    "licensing-2021-legal": (2023, 2, None, None, [(FIRM_KIND, FIRM), (FIRM_KIND, FIRM_2)]),
    "licensing-2021-natural": (2023, 1, None, None, [(NATURAL, PERSON_2)]),
    "penalty-2016": (
        2019,
        4,
        Decimal(13000),  # 3000 + 5000 (伍仟) + 5000 (0.5万)
        Decimal(1200),
        [
            (FIRM_KIND, FIRM),
            (NATURAL, PERSON),
            (FIRM_KIND, "500112600654321"),
            (FIRM_KIND, FIRM_2),
        ],
    ),
    "licensing-2016": (2019, 2, None, None, [(FIRM_KIND, FIRM), (NATURAL, PERSON_2)]),
}

TITLE = "古路镇2023年行政处罚和行政许可信息公示"
NOTE = "注：金额单位为万元；数据来源：古路镇人民政府"


def _rows_of(layout: str) -> list[list[str]]:
    headers = HEADERS[layout]
    return [[row.get(h, "") for h in headers] for row in ROWS[layout]]


def write_csv(path, layout: str, encoding: str) -> None:
    """A site's CSV export: a title row above the header, a note below the data."""
    lines = [[TITLE], HEADERS[layout], *_rows_of(layout), [NOTE]]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(lines)
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_xlsx(path, layout: str) -> None:
    """A site's workbook: a title and a blank row above the header, a note below the data."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([TITLE])
    sheet.append([])
    sheet.append(HEADERS[layout])
    for cells in _rows_of(layout):
        sheet.append([_as_excel(h, cell) for h, cell in zip(HEADERS[layout], cells, strict=True)])
    sheet.append([NOTE])
    book.save(path)


def _as_excel(header: str, cell: str):
    """A cell as Excel holds it: amounts as numbers, a registration number typed as one."""
    if cell == "":
        return None
    if "万元" in header:
        return float(cell)
    if header.startswith("行政相对人代码_2") and cell.isdigit():
        return int(cell)
    return cell


_FILES = [("csv", "utf-8-sig"), ("csv", "gb18030"), ("xlsx", None)]


def _file(tmp_path, layout: str, kind: str, encoding: str | None):
    path = tmp_path / f"{layout}.{kind}"
    if kind == "csv":
        write_csv(path, layout, encoding or "utf-8")
    else:
        write_xlsx(path, layout)
    return path


def _figures(ledger, layout: str):
    """The figures of a ledger that EXPECTED states, in its order."""
    records = ledger.penalty_cases if layout.startswith("penalty") else ledger.licence_applications
    parties = [r.party if layout.startswith("penalty") else r.applicant for r in records]
    summary = ec.summarize(ledger)
    if layout.startswith("penalty"):
        money = (summary.penalty.fines, summary.penalty.confiscations)
    else:
        money = (None, None)
    return (
        ledger.year,
        len(records),
        *money,
        [(p.kind, p.id_number) for p in parties],
    )


class TestPublishedLayouts:
    """Every published layout, from a site's csv and xlsx exports, gives the figures written above."""

    @pytest.mark.parametrize("layout", list(HEADERS))
    def test_each_layout_is_recognised_by_its_headers(self, layout):
        """The exact published header is its own layout, and nothing of it is unknown."""
        from enforcement_core.tables import recognise

        assert layout == recognise(HEADERS[layout]).name

    @pytest.mark.parametrize(("kind", "encoding"), _FILES)
    @pytest.mark.parametrize("layout", list(HEADERS))
    def test_read_ledger_gives_the_figures(self, tmp_path, layout, kind, encoding):
        """read_ledger: the body from the table, the year from its days, the figures by hand."""
        ledger = ec.read_ledger(_file(tmp_path, layout, kind, encoding))
        assert TOWN == ledger.body.name
        assert ec.body.BodyLevel.TOWN is ledger.body.level
        assert EXPECTED[layout] == _figures(ledger, layout)

    @pytest.mark.parametrize(("kind", "encoding"), _FILES)
    @pytest.mark.parametrize("layout", list(HEADERS))
    def test_read_columnar_gives_the_same_records(self, tmp_path, layout, kind, encoding):
        """read_columnar: the same records as read_ledger, and the same summary."""
        path = _file(tmp_path, layout, kind, encoding)
        by_objects = ec.read_ledger(path)
        year = EXPECTED[layout][0]
        columnar = read_columnar(path, body=by_objects.body, year=year)
        by_columns = columnar.to_ledger()
        assert by_objects.penalty_cases == by_columns.penalty_cases
        assert by_objects.licence_applications == by_columns.licence_applications
        assert ec.summarize(by_objects) == columnar.summarize()
        assert EXPECTED[layout] == _figures(by_columns, layout)

    @pytest.mark.parametrize("layout", list(HEADERS))
    def test_the_scale_path_and_dask_give_the_same_report(self, tmp_path, layout):
        """summarize_partitions and summarize_dask read every layout to the same report."""
        from enforcement_core.scale import summarize_dask, summarize_partitions

        folder = tmp_path / "dataset"
        folder.mkdir()
        _file(folder, layout, "csv", "gb18030")
        year = EXPECTED[layout][0]
        alone = summarize_partitions(folder, year=year, level=ec.body.BodyLevel.TOWN)
        on_dask = summarize_dask(folder, year=year, level=ec.body.BodyLevel.TOWN)
        ((key, report),) = alone.items()
        # A body is keyed by its credit code; the earlier standard has no column of it.
        assert (TOWN if layout.endswith("2016") else TOWN_CODE) == key
        expected = ec.summarize(ec.read_ledger(_file(tmp_path, layout, "csv", "gb18030")))
        assert expected == report == on_dask[key]

    def test_a_row_gives_its_several_sanctions(self, tmp_path):
        """The third case of 2021 carries three sanctions, each tallied once."""
        ledger = ec.read_ledger(_file(tmp_path, "penalty-2021-legal", "csv", "utf-8-sig"))
        assert (
            ec.actions.SanctionType.FINE,
            ec.actions.SanctionType.CONFISCATION_OF_ILLEGAL_GAINS,
            ec.actions.SanctionType.LICENCE_SUSPENSION,
        ) == ledger.penalty_cases[2].sanctions
        assert Decimal("12345.67") == ledger.penalty_cases[2].fine
        assert ledger.penalty_cases[1].fine is None  # 警告, and 0 in the fine column

    def test_the_earlier_standard_reads_both_sanction_columns(self, tmp_path):
        """处罚类别1 and 处罚类别2 are one row's sanctions; the amounts are the text's."""
        ledger = ec.read_ledger(_file(tmp_path, "penalty-2016", "xlsx", None))
        first = ledger.penalty_cases[0]
        assert (
            ec.actions.SanctionType.FINE,
            ec.actions.SanctionType.CONFISCATION_OF_ILLEGAL_GAINS,
        ) == (first.sanctions)
        assert (Decimal(3000), Decimal(1200)) == (first.fine, first.confiscation)


VARIANTS = {
    "罚款金额 (万元)": "罚款金额（万元）",
    "没收违法所得、没收非法财物的金额 (万元)": "没收违法所得、没收非法财务的金额（万元）",
    "行政处罚决定书文号": "行政处罚决定文书号",
}


class TestHeaderVariants:
    """The variants seen on sites read as the standard."""

    def _variant_csv(self, tmp_path, renames, *, kind_column=False):
        headers = [renames.get(h, h) for h in HEADERS["penalty-2021-legal"]]
        rows = [
            [row.get(h, "") for h in HEADERS["penalty-2021-legal"]]
            for row in ROWS["penalty-2021-legal"]
        ]
        if kind_column:
            headers.insert(1, "行政相对人类别")
            for cells in rows:
                cells.insert(1, "法人及非法人组织")
            rows[1][1] = "个体工商户"
        buffer = io.StringIO()
        csv.writer(buffer).writerows([headers, *rows])
        path = tmp_path / "variant.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        return path

    def test_full_width_brackets_the_sic_and_the_other_number(self, tmp_path):
        """罚款金额（万元）, 非法财务 (sic) and 行政处罚决定文书号 read as the standard's columns."""
        ledger = ec.read_ledger(self._variant_csv(tmp_path, VARIANTS))
        assert EXPECTED["penalty-2021-legal"] == _figures(ledger, "penalty-2021-legal")

    def test_chu_fa_jin_e(self, tmp_path):
        """处罚金额（万元） is the fine."""
        ledger = ec.read_ledger(
            self._variant_csv(tmp_path, {"罚款金额 (万元)": "处罚金额（万元）"})
        )
        assert Decimal("19145.67") == ec.summarize(ledger).penalty.fines

    def test_a_party_kind_column_after_the_name(self, tmp_path):
        """行政相对人类别 after the name gives each party's kind."""
        ledger = ec.read_ledger(self._variant_csv(tmp_path, {}, kind_column=True))
        assert [FIRM_KIND, ec.actions.PartyKind.INDIVIDUAL_BUSINESS, FIRM_KIND] == [
            case.party.kind for case in ledger.penalty_cases
        ]


def _csv_bytes(headers, rows, encoding="utf-8"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([headers, *[[row.get(h, "") for h in headers] for row in rows]])
    return buffer.getvalue().encode(encoding)


def _problems(data, **options):
    """The problems of a table by both paths, as (row, header, value, message) sets."""
    found = []
    for read in (
        lambda: ec.read_ledger(io.BytesIO(data), body=BODY, year=YEAR, **options),
        lambda: read_columnar(io.BytesIO(data), body=BODY, year=YEAR, **options),
    ):
        with pytest.raises(ec.LoadError) as caught:
            read()
        found.append({(p.row, p.header, p.value, p.message) for p in caught.value.problems})
    assert found[0] == found[1]
    return found[0]


@pytest.fixture
def chongqing():
    """A province's variant of the 2021 penalty table, declared in the test and taken back after."""
    from enforcement_core.tables import published_layouts, register_layout, unregister_layout

    national = published_layouts()["penalty-2021-legal"]
    variant = register_layout(
        national.variant(
            "penalty-chongqing",
            headers={"id": "案件文书号", "fine": ("罚没金额（元）", "元")},
            kept=("执法类别",),
            description="a province's export: its own number header, its fine in 元",
        )
    )
    yield variant
    unregister_layout("penalty-chongqing")


CQ_HEADERS = ["行政相对人名称", "行政相对人代码_1 (统一社会信用代码)", "案件文书号", "执法类别", "处罚类别", "罚没金额（元）", "处罚决定日期", "处罚机关", "处罚机关统一社会信用代码"]  # fmt: skip
CQ_ROW = {
    "行政相对人名称": "重庆某某建材有限公司",
    "行政相对人代码_1 (统一社会信用代码)": FIRM,
    "案件文书号": "渝北古路罚〔2023〕9号",
    "执法类别": "城市管理",
    "处罚类别": "罚款",
    "罚没金额（元）": "6800",
    "处罚决定日期": "2023-05-02",
    "处罚机关": TOWN,
    "处罚机关统一社会信用代码": TOWN_CODE,
}


class TestNewDeclarations:
    """A new provincial variant is one declaration, read by every path."""

    def test_unknown_before_it_is_declared(self):
        """Without the declaration the table is no published layout."""
        from enforcement_core.tables import recognise

        assert recognise(CQ_HEADERS) is None

    def test_read_on_every_path_once_declared(self, chongqing, tmp_path):
        """read_ledger, read_columnar, summarize_partitions and Dask read 6800 元 as 6800 元."""
        from enforcement_core.scale import summarize_dask, summarize_partitions
        from enforcement_core.tables import recognise

        assert chongqing == recognise(CQ_HEADERS)
        data = _csv_bytes(CQ_HEADERS, [CQ_ROW])
        by_objects = ec.read_ledger(io.BytesIO(data))
        by_columns = read_columnar(io.BytesIO(data), body=by_objects.body, year=YEAR).to_ledger()
        assert Decimal(6800) == by_objects.penalty_cases[0].fine == by_columns.penalty_cases[0].fine
        (tmp_path / "cq.csv").write_bytes(data)
        (report,) = summarize_partitions(tmp_path, year=YEAR, level=ec.body.BodyLevel.TOWN).values()
        assert Decimal(6800) == report.penalty.fines
        # Dask's own scheduler runs in this process, where the declaration is registered.
        (on_dask,) = summarize_dask(tmp_path, year=YEAR, level=ec.body.BodyLevel.TOWN).values()
        assert report == on_dask

    def test_the_national_table_stays_national_beside_the_variant(self, chongqing, tmp_path):
        """With the variant in 元 declared, a national table's 0.68 万元 is still 6800 元."""
        from enforcement_core.tables import recognise

        assert "penalty-2021-legal" == recognise(HEADERS["penalty-2021-legal"]).name
        assert chongqing.name != recognise(HEADERS["penalty-2021-legal"]).name
        ledger = ec.read_ledger(_file(tmp_path, "penalty-2021-legal", "csv", "utf-8-sig"))
        assert Decimal(6800) == ledger.penalty_cases[0].fine

    def test_a_header_naming_another_unit_is_refused(self):
        """column() refuses 罚款金额（万元） as a header of a fine in 元."""
        from enforcement_core.tables import column

        with pytest.raises(ValueError, match="is in 万元 and the column 'fine' in 元"):
            column("fine", "罚没金额（元）", "罚款金额（万元）", unit="元")

    def test_the_national_layouts_are_back_after(self):
        """The variant taken back, the national layouts are as declared."""
        from enforcement_core.tables import published_layouts

        assert set(HEADERS) == set(published_layouts())

    def test_a_declaration_needs_columns_for_its_signs(self):
        """A layout recognised by a column it does not have is refused when registered."""
        from enforcement_core.tables import PublishedLayout, column, register_layout

        with pytest.raises(ValueError, match="no column for its signs"):
            register_layout(
                PublishedLayout("broken", "penalty", ("id", "decided_on"), (column("id", "文号"),))
            )

    def test_a_unit_is_only_for_an_amount(self):
        """column() refuses a unit for a column of no amount, and a unit it does not know."""
        from enforcement_core.tables import column

        with pytest.raises(ValueError, match="holds no amount"):
            column("id", "文号", unit="元")
        with pytest.raises(ValueError, match="is not a unit"):
            column("fine", "罚款", unit="千元")


MAPPED_HEADERS = ["行政相对人名称", "处罚文书编号", "处罚类别", "罚款金额（万元）", "处罚决定日期", "处罚机关"]  # fmt: skip
MAPPED_ROW = {
    "行政相对人名称": "某某建材厂",
    "处罚文书编号": "古路罚〔2023〕1号",
    "处罚类别": "罚款",
    "罚款金额（万元）": "0.68",
    "处罚决定日期": "2023-05-02",
    "处罚机关": TOWN,
}


class TestMappingRecognises:
    """A mapping can make a variant table recognised."""

    def test_without_the_mapping_it_is_not_a_published_table(self):
        """The number's header is none of the layouts': nothing is recognised."""
        from enforcement_core.tables import recognise

        assert recognise(MAPPED_HEADERS) is None

    def test_with_the_mapping_it_is_read_on_both_paths(self):
        """{"处罚文书编号": "id"} completes the 2021 penalty table."""
        data = _csv_bytes(MAPPED_HEADERS, [MAPPED_ROW])
        by_objects, by_columns = _both(data, mapping={"处罚文书编号": "id"})
        assert by_objects.penalty_cases == by_columns.penalty_cases
        assert "古路罚〔2023〕1号" == by_objects.penalty_cases[0].id
        assert Decimal(6800) == by_objects.penalty_cases[0].fine


class TestAmountsInText:
    """Fines and confiscations written in 处罚结果 and 处罚内容."""

    @pytest.mark.parametrize(
        ("text", "fine", "confiscation"),
        [
            ("罚款5000元", "5000", None),
            ("罚款5,000元", "5000", None),
            ("罚款0.5万元", "5000", None),
            ("罚款1.234567万元", "12345.67", None),
            ("处以罚款人民币伍仟元整", "5000", None),
            ("罚款人民币壹万贰仟叁佰元伍角", "12300.50", None),
            ("罚款五千元", "5000", None),
            ("罚款两千元", "2000", None),
            ("罚款３０００元", "3000", None),  # full-width digits
            ("处以5000元罚款", "5000", None),
            ("没收违法所得1200元并处罚款3000元", "3000", "1200"),
            ("罚款6800元，没收违法所得1200元", "6800", "1200"),
            ("对公司罚款5000元，对直接负责的主管人员罚款1000元", "6000", None),
            ("警告", None, None),
            ("不予罚款", None, None),
            ("没收违法工具一批", None, None),
            ("没收违法所得0.12万元", None, "1200"),
            ("罚款人民币伍仟元整（¥5000.00）", "5000", None),
            ("罚款5000元（大写：伍仟元整）", "5000", None),
            ("罚款5000元(其中对法定代表人1000元)", "5000", None),
            ("罚款¥5000", "5000", None),
            ("罚款人民币陆仟捌佰元零伍分", "6800.05", None),
            ("罚款人民币壹拾万柒仟元伍角叁分", "107000.53", None),
        ],
    )
    def test_read(self, text, fine, confiscation):
        """Arabic digits, numerals and capitals, in 元 and 万元, each the fine or the confiscation."""
        from enforcement_core.tables._amounts import Amounts, read_amounts

        expected = Amounts(
            None if fine is None else Decimal(fine),
            None if confiscation is None else Decimal(confiscation),
        )
        assert expected == read_amounts(text)

    @pytest.mark.parametrize(
        "text",
        [
            "处以罚款",
            "警告，并处罚款",
            "罚款5000",
            "罚款1,2OO元",
            "罚款0.001元",
            "罚款一百十元",
            "罚款（5000元）",
            "罚款5000元（大写：陆仟元整）",
            "罚款若干元",
        ],
    )
    def test_a_fine_that_cannot_be_read_is_refused(self, text):
        """A text naming a fine whose amount cannot be read is refused with its text, never 0."""
        from enforcement_core.tables._amounts import read_amounts
        from enforcement_core.tables._cells import CellError

        with pytest.raises(CellError) as caught:
            read_amounts(text)
        assert repr(text) in caught.value.message
        assert "罚款" in caught.value.message_zh

    @given(strategies.fine_amounts, st.sampled_from(["digits", "wan", "capitals", "numerals"]))
    def test_every_way_of_writing_a_fine_reads_back(self, yuan, way):
        """A fine written in figures, in 万元, in capitals or in numerals reads as itself."""
        from enforcement_core.numbers_zh import to_capital_amount, to_chinese
        from enforcement_core.tables._amounts import read_amounts

        if way == "digits":
            text = f"处以罚款{yuan:,}元"
        elif way == "wan":
            text = f"罚款{format(yuan / 10000, 'f')}万元"
        elif way == "capitals":
            text = f"处以罚款{to_capital_amount(yuan, prefix=True)}"
        else:
            whole = int(yuan)
            text = f"罚款{to_chinese(whole)}元"
            yuan = Decimal(whole)
        assert yuan == read_amounts(text).fine

    def _penalty_2016(self, text, category="罚款"):
        row = {**ROWS["penalty-2016"][1], "处罚结果": text, "处罚类别1": category}
        return _csv_bytes(HEADERS["penalty-2016"], [row], "gb18030")

    def test_an_unreadable_fine_is_a_row_problem_on_both_paths(self):
        """处罚结果 naming a fine it does not give: a problem at its row, with its text."""
        problems = _problems(self._penalty_2016("处以罚款，金额见决定书"))
        ((row, header, value, message),) = problems
        assert (2, "处罚结果", "处以罚款，金额见决定书") == (row, header, value)
        assert "cannot be read" in message

    def test_the_text_gives_the_fine_and_its_figures(self):
        """The other side: a readable text is the row's fine, on both paths."""
        by_objects, by_columns = _both(self._penalty_2016("罚款0.5万元"))
        assert Decimal(5000) == by_objects.penalty_cases[0].fine == by_columns.penalty_cases[0].fine

    def _penalty_2021(self, text, fine="0.68"):
        row = {**ROWS["penalty-2021-legal"][0], "处罚内容": text, "罚款金额 (万元)": fine}
        return _csv_bytes(HEADERS["penalty-2021-legal"], [row])

    def test_money_column_and_text_that_disagree_are_a_problem(self):
        """0.68 万元 in the column, 5000 元 in the text: refused at the text, on both paths."""
        problems = _problems(self._penalty_2021("罚款5000元，没收违法所得1200元"))
        ((row, header, value, message),) = problems
        assert (2, "处罚内容", "罚款5000元，没收违法所得1200元") == (row, header, value)
        assert "the text states a fine of 5000 yuan and the money column 6800 yuan" == message

    def test_confiscations_that_disagree_are_a_problem(self):
        """The confiscation is held to its column too."""
        problems = _problems(self._penalty_2021("罚款6800元，没收违法所得1300元"))
        assert ["the text states a confiscation of 1300 yuan and the money column 1200 yuan"] == [
            message for *_, message in problems
        ]

    def test_money_column_and_text_that_agree_are_read(self):
        """The other side: 0.68 万元 and 陆仟捌佰元 agree."""
        by_objects, by_columns = _both(
            self._penalty_2021("罚款人民币陆仟捌佰元整，没收违法所得1200元")
        )
        assert Decimal(6800) == by_objects.penalty_cases[0].fine == by_columns.penalty_cases[0].fine

    def test_a_blank_money_cell_takes_the_text(self):
        """The column blank, the fine is the text's."""
        by_objects, by_columns = _both(
            self._penalty_2021("罚款6800元，没收违法所得1200元", fine="")
        )
        assert Decimal(6800) == by_objects.penalty_cases[0].fine == by_columns.penalty_cases[0].fine


class TestIdentifiers:
    """Identifier columns are checked where present; other code types are kept as written."""

    def _legal(self, **cells):
        row = {**ROWS["penalty-2021-legal"][0], **cells}
        return _csv_bytes(HEADERS["penalty-2021-legal"], [row])

    def test_a_credit_code_with_a_wrong_check_character(self):
        """行政相对人代码_1 is checked by GB 32100-2015."""
        bad = FIRM[:-1] + "G"
        ((row, header, value, message),) = _problems(
            self._legal(**{"行政相对人代码_1 (统一社会信用代码)": bad})
        )
        assert (2, "行政相对人代码_1 (统一社会信用代码)", bad) == (row, header, value)
        assert "GB 32100-2015" in message

    def test_the_representatives_id_number_is_checked(self):
        """法定代表人身份证号 is checked by GB 11643-1999."""
        ((row, header, _value, message),) = _problems(
            self._legal(法定代表人身份证号="110105194912310021")
        )
        assert (2, "法定代表人身份证号") == (row, header)
        assert "GB 11643-1999" in message

    def test_the_other_codes_are_kept_as_written(self):
        """工商注册号 is no code of a national check: kept as written, the party's number."""
        ledger = ec.read_ledger(
            io.BytesIO(
                self._legal(
                    **{
                        "行政相对人代码_1 (统一社会信用代码)": "",
                        "行政相对人代码_2 (工商注册号)": "渝工商500112-1",
                    }
                )
            )
        )
        assert "渝工商500112-1" == ledger.penalty_cases[0].party.id_number

    def _natural(self, kind, number):
        row = {**ROWS["penalty-2021-natural"][0], "证件类型": kind, "证件号码": number}
        return _csv_bytes(HEADERS["penalty-2021-natural"], [row])

    def test_an_identity_card_number_is_checked(self):
        """证件类型 身份证: the number is held to GB 11643-1999, on both paths."""
        ((row, header, value, message),) = _problems(self._natural("身份证", "110105194912310021"))
        assert (2, "证件号码", "110105194912310021") == (row, header, value)
        assert "the check digit is 1, expected X (GB 11643-1999)" == message

    def test_a_rows_problems_come_together(self):
        """A bad identity number beside a bad date: both reported, on both paths."""
        row = {
            **ROWS["penalty-2021-natural"][0],
            "证件号码": "110105194912310021",
            "处罚决定日期": "昨天",
        }
        problems = _problems(_csv_bytes(HEADERS["penalty-2021-natural"], [row]))
        assert {(2, "证件号码"), (2, "处罚决定日期")} == {(r, h) for r, h, *_ in problems}

    def test_a_passport_number_is_kept_as_written(self):
        """证件类型 护照: no national check; kept as written."""
        by_objects, by_columns = _both(self._natural("护照", "110105194912310021"))
        assert "110105194912310021" == by_objects.penalty_cases[0].party.id_number
        assert by_objects.penalty_cases == by_columns.penalty_cases

    def test_the_earlier_standards_resident_id_is_checked(self):
        """行政相对人代码_5(居民身份证号) is checked by GB 11643-1999."""
        row = {**ROWS["penalty-2016"][1], "行政相对人代码_5(居民身份证号)": "110105194912310021"}
        problems = _problems(_csv_bytes(HEADERS["penalty-2016"], [row]))
        assert [(2, "行政相对人代码_5(居民身份证号)")] == [(r, h) for r, h, *_ in problems]

    def test_id_numbers_never_reach_a_published_output(self, tmp_path):
        """Every renderer writes a natural person's ledger without an identity number in it."""
        numbers = [PERSON, "E12345678"]
        ledger = ec.read_ledger(_file(tmp_path, "penalty-2021-natural", "csv", "utf-8-sig"))
        assert numbers == [case.party.id_number for case in ledger.penalty_cases]
        for name in (entry.name for entry in ec.renderers.available()):
            output = ec.render(ledger, name)
            if isinstance(output, bytes):
                import zipfile

                with zipfile.ZipFile(io.BytesIO(output)) as archive:
                    output = "".join(
                        archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                    )
            assert not any(number in str(output) for number in numbers), name

    def test_the_representatives_number_is_never_kept(self, tmp_path):
        """法定代表人身份证号 is checked and dropped: the ledger's JSON does not hold it."""
        ledger = ec.read_ledger(_file(tmp_path, "penalty-2021-legal", "xlsx", None))
        assert PERSON not in ec.dump_json(ledger)


class TestCellsReadOnceASheet:
    """The object path reads a column's equal cells once a sheet (issue 24), as it read each."""

    @staticmethod
    def _column(key):
        from enforcement_core.tables._layout import sheets

        sheet = next(s for s in sheets() if s.key == "penalty_cases")
        return next(c for c in sheet.columns if c.key == key)

    @pytest.mark.parametrize(
        ("first", "second"),
        [
            (Decimal("1.0"), Decimal("1.00")),
            (-0.0, 0.0),
            (1, 1.0),
            ("1.0", "1.00"),
        ],
    )
    def test_equal_cells_that_differ_are_read_apart(self, first, second):
        """Decimal('1.0') and Decimal('1.00'), -0.0 and 0.0: each read as the reader reads it."""
        from enforcement_core.tables._cells import CellError
        from enforcement_core.tables._layout import _parsed, _read_cell

        column = self._column("fine")
        memo = {}
        for cell in (first, second, first):
            try:
                expected = (_parsed(column, cell), None)
            except CellError as error:
                expected = (None, error.message)
            parsed, error = _read_cell(column, cell, memo)
            assert expected == (parsed, None if error is None else error.message)
            assert str(expected[0]) == str(parsed)

    def test_a_refused_cell_is_refused_at_every_row(self):
        """The reader's refusal is remembered and given again, not raised from the memo."""
        from enforcement_core.tables._layout import _read_cell

        column = self._column("decided_on")
        memo = {}
        results = [_read_cell(column, "昨天", memo) for _ in range(3)]
        assert all(parsed is None and error is not None for parsed, error in results)
        assert 1 == len(memo)

    def test_a_cell_that_is_no_key_is_read_each_time(self):
        """A list (a Parquet column of lists) is read without the memo."""
        from enforcement_core.tables._layout import _read_cell

        column = self._column("sanctions")
        memo = {}
        parsed, error = _read_cell(column, ["罚款", "警告"], memo)
        assert error is None
        assert (ec.actions.SanctionType.FINE, ec.actions.SanctionType.WARNING) == parsed
        assert {} == memo

    def test_a_sheet_read_twice_as_fast_reads_the_same(self):
        """Rows repeating their cells, good and bad: the same records and problems as row by row."""
        from enforcement_core.tables._layout import read_each_cell, sheets

        sheet = next(s for s in sheets() if s.key == "penalty_cases")
        found = dict(enumerate(sheet.columns))
        rows = [
            ["P-1", "2023-05-02", "交通", "罚款", "", "200", "", "是"],
            ["P-2", "2023-05-02", "交通", "罚款", "", "200.0", "", "是"],
            ["P-3", "昨天", "交通", "罚金", "", "200", "", "也许"],
            ["P-4", "昨天", "交通", "罚金", "", "-0", "", "也许"],
        ]
        memo, by_memo, by_rows = {}, [], []
        for number, cells in enumerate(rows * 2, start=2):
            kept = []
            by_memo.append(read_each_cell("s", number, cells, found, kept, memo=memo))
            by_memo.append(kept)
            kept = []
            by_rows.append(read_each_cell("s", number, cells, found, kept))
            by_rows.append(kept)
        assert by_rows == by_memo
