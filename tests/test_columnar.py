"""The columnar ledger: the same summary and the same problems as the object path."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import itertools
import re
import subprocess
import sys
import textwrap
from decimal import Decimal
from enum import Enum

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import enforcement_core as ec
import strategies
from enforcement_core._tallies import _per_type
from enforcement_core.categories import own_records
from enforcement_core.labels import label, term
from enforcement_core.serialization import dump_json
from enforcement_core.tables import read_columnar, read_ledger
from enforcement_core.tables._layout import sheets
from enforcement_core.tables._read import read_objects
from profiles import examples
from test_layouts import HEADERS
from test_tables import LICENSING_HEADERS, PENALTY_HEADERS

BODY = ec.body.EnforcementBody("某镇人民政府", ec.body.BodyLevel.TOWN)
YEAR = 2023
SHEETS = {sheet.key: sheet for sheet in sheets()}
BAD = ["1,2OO", "昨天", "罚金", "2023-02-30", "-5", "0.001", "也许", "a b"]


def cell(value):
    """A value as a clerk's CSV writes it: labels, ISO dates, 是/否, joined lists."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return term("yes") if value else term("no")
    if isinstance(value, Enum):
        return label(value)
    if isinstance(value, tuple):
        return "、".join(cell(item) for item in value)
    if isinstance(value, dt.date | Decimal):
        return str(value)
    return str(value)


def table(field, records, bad=()):
    """The CSV of a layout sheet holding ``records``; ``bad`` puts (row, column, text) in."""
    sheet = SHEETS[field]
    rows = []
    for record in records:
        row = []
        for column in sheet.columns:
            value = record
            for step in column.path:
                value = getattr(value, step, None) if value is not None else None
            row.append(cell(value))
        rows.append(row)
    for row, column, text in bad:
        if rows:
            rows[row % len(rows)][column % len(sheet.columns)] = text
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header() for c in sheet.columns])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def both(data):
    """(summary or problems) by the object path and by the columnar path."""
    results = []
    for read in (
        lambda: ec.summarize(read_objects(io.BytesIO(data), body=BODY, year=YEAR)),
        lambda: read_columnar(io.BytesIO(data), body=BODY, year=YEAR).summarize(),
    ):
        try:
            results.append(read())
        except ec.LoadError as error:
            results.append({(p.row, p.header, p.message) for p in error.problems})
    if not any(isinstance(result, set) for result in results):
        # Equal, and written alike to the places: an amount summed over records written
        # 200.00 and 3.5 is the sum of their fen in the columns, 203.5 both ways.
        assert dump_json(results[0]) == dump_json(results[1])
    return results


on = strategies.date_range(dt.date(2022, 11, 1), dt.date(2024, 2, 1))
bad_cells = st.lists(
    st.tuples(st.integers(0, 50), st.integers(0, 20), st.sampled_from(BAD)), max_size=3
)


class TestSameAsObjects:
    @given(st.lists(strategies.penalty_cases(on=on), max_size=8), bad_cells)
    def test_penalty_cases(self, cases, bad):
        """Penalty sheets: equal summaries, or the same problems at the same rows."""
        by_objects, by_columns = both(table("penalty_cases", cases, bad))
        assert by_objects == by_columns

    @given(
        # Each case once, numbered apart: a decision number given twice is refused (issue 21).
        st.builds(
            lambda before, several, after: [
                attrs.evolve(case, id=f"P-{n}") for n, case in enumerate([*before, several, *after])
            ],
            st.lists(strategies.penalty_cases(on=on), max_size=4),
            strategies.penalty_cases(on=on, least_sanctions=2),
            st.lists(strategies.penalty_cases(on=on), max_size=3),
        )
    )
    def test_cases_with_several_sanctions(self, cases):
        """Cases carrying several sanctions: each type counted per case, alike on both paths."""
        # Without parties, whose identity numbers a table checks: every sheet reads.
        cases = [attrs.evolve(case, party=None) for case in cases]
        by_objects, by_columns = both(table("penalty_cases", cases))
        assert by_objects == by_columns
        in_year = [case for case in cases if case.decided_on.year == YEAR]
        assert (by_columns.penalty is None) == (not in_year)
        if in_year:
            carrying = {
                kind: sum(1 for case in in_year if kind in case.sanctions)
                for kind in ec.actions.SanctionType
            }
            assert {k: n for k, n in carrying.items() if n} == dict(by_columns.penalty.by_sanction)
            none = sum(1 for case in in_year if not case.sanctions)
            assert none == by_columns.penalty.not_penalised

    def test_a_type_listed_twice_is_refused_alike(self):
        """警告、警告 in one row: the same problem on both paths, not a case counted twice."""
        case = ec.actions.PenaltyCase("P-1", dt.date(2023, 5, 2), domain=ec.actions.Domain.TRAFFIC)
        header, row = table("penalty_cases", [case]).decode("utf-8").splitlines()
        cells = row.split(",")
        column = [c.path for c in SHEETS["penalty_cases"].columns].index(("sanctions",))
        cells[column] = "警告、警告"
        by_objects, by_columns = both(f"{header}\n{','.join(cells)}\n".encode())
        assert by_objects == by_columns
        assert {(2, "a sanction is listed more than once")} == {
            (r, message) for r, _, message in by_columns
        }

    def test_tallies_count_a_type_once_per_row(self):
        """The group-by counts the rows carrying each type, whatever else or however often they list it."""
        pa = pytest.importorskip("pyarrow")
        lists = pa.chunked_array(
            [[["fine", "confiscation_of_illegal_gains"], ["fine", "fine"]], [[], None, ["warning"]]]
        )
        assert {
            "fine": 2,
            "confiscation_of_illegal_gains": 1,
            "warning": 1,
            None: 2,
        } == dict(_per_type(lists))

    @given(st.lists(strategies.licence_applications(on=on), max_size=8), bad_cells)
    def test_licence_applications(self, applications, bad):
        """Licensing sheets: equal summaries, or the same problems at the same rows."""
        by_objects, by_columns = both(table("licence_applications", applications, bad))
        assert by_objects == by_columns

    @given(st.lists(strategies.coercive_actions(on=on), max_size=6), bad_cells)
    def test_other_kinds_by_objects(self, actions, bad):
        """A kind summarised through its objects agrees as well."""
        by_objects, by_columns = both(table("coercive_actions", actions, bad))
        assert by_objects == by_columns


@pytest.mark.parametrize("kind", ["coercive_actions", "penalty_cases"])
def test_an_officer_number_refused_among_good_ones_is_found_on_both_paths(kind):
    """An officer's number the model refuses ('0.001'), in a row grouped with one whose
    officers are good: refused at its cell on both paths (the column engine built the
    group's first row alone and let it through, then could not build it; found by
    Hypothesis)."""
    day = dt.date(2022, 11, 1)
    if kind == "coercive_actions":
        records = [
            ec.actions.CoerciveAction(f"C-{n}", day, execution=True, officers=officers)
            for n, officers in enumerate([(), ("一",), ()])
        ]
        column = 7
    else:
        records = [
            ec.actions.PenaltyCase(f"P-{n}", day, domain=ec.actions.Domain.TRAFFIC, officers=o)
            for n, o in enumerate([(), ("一",), ()])
        ]
        column = 10
    by_objects, by_columns = both(table(kind, records, [(2, column, "0.001")]))
    assert by_objects == by_columns
    (problem,) = by_objects
    assert problem[0] == 4
    assert problem[2].startswith("'0.001' is not an identifier")


class TestOtherActionsOfAKindWithRecords:
    """The ledger's rule on other actions' kinds, said at the row, on both paths alike."""

    @pytest.mark.parametrize("kind", sorted(own_records()))
    def test_refused_at_its_row(self, kind):
        """A 其他行政执法行为 row of a kind with its own sheet: refused at its 类别 cell."""
        actions = [
            ec.actions.OtherAction("X-1", ec.actions.ActionKind.LEVY, dt.date(2023, 3, 1)),
            ec.actions.OtherAction("X-2", kind, dt.date(2023, 3, 2)),
        ]
        by_objects, by_columns = both(table("other_actions", actions))
        assert by_objects == by_columns
        (problem,) = by_objects
        assert (3, "行为类别", f"{kind.value} actions have a record class of their own") == problem


class TestColumnarLedger:
    def test_round_trip_to_objects(self):
        """The columns give back the records the object path reads."""
        case = ec.actions.PenaltyCase(
            "P-1",
            dt.date(2023, 5, 2),
            domain=ec.actions.Domain.TRAFFIC,
            sanctions=(ec.actions.SanctionType.FINE,),
            fine=Decimal("6800.5"),
        )
        data = table("penalty_cases", [case])
        ledger = read_columnar(io.BytesIO(data), body=BODY, year=YEAR)
        assert (case,) == ledger.to_ledger().penalty_cases
        assert 0 < ledger.bytes_per_row()

    def test_refused_rows_are_reported(self):
        """A row refused by a declared cross-field check is a problem of its row."""
        app = ec.actions.LicenceApplication("L-1", dt.date(2023, 5, 2))
        data = table("licence_applications", [app], bad=[(0, 8, "2023-05-01")])
        data = data.replace("申请日期".encode(), "申请日期".encode())
        with pytest.raises(ec.LoadError) as caught:
            read_columnar(io.BytesIO(data), body=BODY, year=YEAR)
        assert [2] == sorted({p.row for p in caught.value.problems})


class TestLargeSheets:
    def test_many_rows_same_problems(self):
        """Past the size where columns are checked in Arrow, the same rows are refused alike."""
        cases = [
            ec.actions.PenaltyCase(
                f"P-{n}",
                dt.date(2023, 1 + n % 12, 1),
                domain=list(ec.actions.Domain)[n % 15],
                sanctions=(ec.actions.SanctionType.FINE,),
                fine=Decimal(n % 700),
            )
            for n in range(5000)
        ]
        data = table("penalty_cases", cases, bad=[(10, 0, "a b"), (20, 1, "昨天"), (30, 0, "")])
        by_objects, by_columns = both(data)
        assert 3 == len(by_objects)
        assert by_objects == by_columns

    def test_workbook_with_every_sheet(self, tmp_path):
        """A whole workbook: flat sheets as columns, inspections and the roster as objects."""
        from test_tables import BODY as NAME
        from test_tables import filled_template

        path = filled_template(tmp_path / "ledger.xlsx")
        body = ec.body.EnforcementBody(
            NAME, ec.body.BodyLevel.TOWN, region="重庆市渝北区", short_name="古路镇"
        )
        columnar = read_columnar(path, body=body, year=YEAR)
        assert {"penalty_cases", "licence_applications"} <= set(columnar.tables)
        assert ec.summarize(read_objects(path)) == columnar.summarize()

    def test_a_file_that_is_not_a_table_is_a_load_error(self):
        """An empty or ragged CSV is one LoadError, not a crash of the reader."""
        with pytest.raises(ec.LoadError, match="not a CSV table"):
            read_columnar(io.BytesIO(b""), body=BODY, year=YEAR)


class TestNationalTables:
    def test_same_summary_and_problems_as_objects(self):
        """A 双公示 penalty table: the same summary, and the same problems for bad rows."""
        from test_tables import BODY as NAME
        from test_tables import penalty_csv, penalty_row, three_penalties

        body = ec.body.EnforcementBody(NAME, ec.body.BodyLevel.TOWN)
        good = penalty_csv(three_penalties()).getvalue()
        assert (
            ec.summarize(read_objects(io.BytesIO(good)))
            == read_columnar(io.BytesIO(good), body=body, year=YEAR).summarize()
        )
        rows = [
            penalty_row(**{"罚款金额（万元）": "1,2OO"}),
            penalty_row(行政处罚决定书文号="二号", 处罚决定日期="昨天"),
            penalty_row(行政处罚决定书文号="三号", 处罚类别="警告"),
        ]
        bad = penalty_csv(rows).getvalue()
        found = []
        for read in (
            lambda: ec.read_ledger(io.BytesIO(bad)),
            lambda: read_columnar(io.BytesIO(bad), body=body, year=YEAR),
        ):
            with pytest.raises(ec.LoadError) as caught:
                read()
            found.append({(p.row, p.header, p.message) for p in caught.value.problems})
        assert 3 == len(found[0])
        assert found[0] == found[1]


class TestEveryProblemOfARow:
    def test_a_party_missing_a_column_hides_nothing_else(self):
        """A party without its kind is reported beside the row's other problems, both paths alike."""
        actions = [ec.actions.CoerciveAction("a", dt.date(2022, 11, 1), execution=True)] * 2
        data = table("coercive_actions", actions, [(0, 0, "0.001"), (0, 4, "1,2OO")])
        by_objects, by_columns = both(data)
        assert {"当事人类别", "编号"} == {header for _, header, _ in by_objects}
        assert by_objects == by_columns


def _national_csv(headers, rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, headers)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


# Cells of a national table, good and bad, by header; "" is an empty cell.
_NATIONAL_CELLS = {
    "行政相对人名称": ["某某建材厂", "张三", "", " ", "\u200b", "某\x00厂"],
    "行政相对人类别": ["法人及非法人组织", "自然人", "个体工商户", "", "外星人"],
    "统一社会信用代码": ["91350100M000100Y43", "", "123"],
    "证件号码": ["", "11010519491231002X", "bad"],
    "处罚类别": ["罚款", "警告", "警告、罚款", "罚款;没收违法所得", "罚金", "", "罚款、罚款"],
    "罚款金额（万元）": ["0.68", "0", "", "1,2OO", "-5", "0.000001", "0.0000001", "-0", "0.00005"],
    "没收违法所得、没收非法财物的金额（万元）": [
        "0",
        "0.1",
        "",
        "abc",
        "999999999999.999999",
        "0.0",
    ],
    "处罚决定日期": ["2023/5/2", "2023-11-30", "2023年7月9日", "昨天", "", "2023-02-30"],
    "许可决定日期": ["2023/5/2", "2023-11-30", "昨天", ""],
    "处罚机关": ["重庆市渝北区古路镇人民政府", "", "某局"],
    "许可机关": ["重庆市渝北区古路镇人民政府", "", "某局"],
    "处罚机关统一社会信用代码": ["", "91350100M000100Y43", "bad"],
    "许可机关统一社会信用代码": ["", "91350100M000100Y43", "bad"],
    "数据来源单位统一社会信用代码": ["", "91350100M000100Y43"],
    "执法领域": ["交通", "其他", "", "市场监管", "不知道"],
    "行政许可决定文书名称": ["乡村建设规划许可证", "", "\x01"],
    "许可证书名称": ["农村宅基地", "", "\u200b"],
}
_NUMBERS = ["古路罚1号", "古路罚2号", "", "a b", "a.b", "示例1", "\u200b", "x\x00", "一号"]


@st.composite
def _national_table(draw, kind):
    headers = list(PENALTY_HEADERS if kind == "penalty" else LICENSING_HEADERS)
    number = "行政处罚决定书文号" if kind == "penalty" else "行政许可决定文书号"
    if kind == "penalty" and draw(st.booleans()):
        headers.append("执法领域")
    rows = []
    for _ in range(draw(st.integers(0, 12))):
        row = dict.fromkeys(headers, "")
        if draw(st.integers(0, 5)) == 0:
            rows.append(row)  # a blank row: no record, and no problem, on either path
            continue
        for header in headers:
            if header in _NATIONAL_CELLS:
                # Mostly the first (good) cell, so that some rows are records.
                options = _NATIONAL_CELLS[header]
                row[header] = draw(st.sampled_from(options[:1] * 3 + options))
        row[number] = draw(st.sampled_from(_NUMBERS[:2] * 3 + _NUMBERS))
        row["备注"] = "备注"
        rows.append(row)
    return _national_csv(headers, rows)


def _by_both_paths(data):
    """The records or the problems of a national table, by the object and the columnar path."""
    found = []
    for read in (
        lambda: read_objects(io.BytesIO(data), body=BODY, year=YEAR),
        lambda: read_columnar(io.BytesIO(data), body=BODY, year=YEAR).to_ledger(),
    ):
        try:
            ledger = read()
            found.append((ledger.penalty_cases, ledger.licence_applications))
        except ec.LoadError as error:
            found.append(
                {(p.row, p.header, repr(p.value), p.message, p.message_zh) for p in error.problems}
            )
    return found


class TestNationalTablesAsObjects:
    @given(_national_table("penalty"))
    def test_penalty_tables(self, data):
        """A national penalty table with bad cells: the same records, or the same problems."""
        by_objects, by_columns = _by_both_paths(data)
        assert by_objects == by_columns

    @given(_national_table("licensing"))
    def test_licensing_tables(self, data):
        """A national licensing table with bad cells: the same records, or the same problems."""
        by_objects, by_columns = _by_both_paths(data)
        assert by_objects == by_columns

    @settings(max_examples=examples(60), deadline=None)
    @given(
        st.lists(
            st.tuples(strategies.wan_yuan_cells, strategies.wan_yuan_cells, st.booleans()),
            min_size=1,
            max_size=6,
        )
    )
    def test_amounts_in_wan_yuan_of_every_form(self, amounts):
        """Fines and confiscations in 万元 as written anywhere: the same records, or the same problems.

        The cells the columnar path decides on their fen, and those it leaves to
        read_wan_yuan, give what the object path gives, a row with a fine or without.
        """
        from test_tables import PENALTY_HEADERS, penalty_row

        rows = [
            penalty_row(
                **{
                    "罚款金额（万元）": fine,
                    "没收违法所得、没收非法财物的金额（万元）": taken,
                    "处罚类别": "罚款" if fined else "警告",
                    "行政处罚决定书文号": f"古路罚〔2023〕{n}号",
                }
            )
            for n, (fine, taken, fined) in enumerate(amounts)
        ]
        by_objects, by_columns = _by_both_paths(_national_csv(PENALTY_HEADERS, rows))
        assert by_objects == by_columns

    def test_a_negative_zero_after_a_zero_is_refused_alike(self):
        """-0 under a row of 0: refused by both paths (Decimal("-0") == 0 fooled the memo)."""
        from test_tables import PENALTY_HEADERS, penalty_row

        data = _national_csv(
            PENALTY_HEADERS,
            [
                penalty_row(**{"罚款金额（万元）": "0"}),
                # A decision of its own: a number given twice is refused too (issue 21).
                penalty_row(
                    **{"罚款金额（万元）": "-0", "行政处罚决定书文号": "古路罚〔2023〕2号"}
                ),
            ],
        )
        by_objects, by_columns = _by_both_paths(data)
        assert by_objects == by_columns
        assert {(3, "-0是负零，请写0")} == {(row, zh) for row, _, _, _, zh in by_columns}

    def test_a_party_name_that_shows_nothing(self):
        """A row whose party's name shows nothing is refused by both paths alike."""
        from test_tables import PENALTY_HEADERS, penalty_row

        data = _national_csv(
            PENALTY_HEADERS, [penalty_row(), penalty_row(行政相对人名称="\u200b", 备注="x")]
        )
        by_objects, by_columns = _by_both_paths(data)
        assert by_objects == by_columns


# Cells of the published layouts' own columns, good (first) and bad, by header.
_PUBLISHED_CELLS = {
    **_NATIONAL_CELLS,
    "行政相对人代码_1 (统一社会信用代码)": ["91500112MA5U00010F", "", "123", "91500112MA5U00010G"],
    "行政相对人代码_1(统一社会信用代码)": ["91500112MA5U00010F", "", "91500112MA5U00010G"],
    "行政相对人代码_2 (工商注册号)": ["", "500112600123456"],
    "行政相对人代码_3(工商登记码)": ["", "500112600654321"],
    "行政相对人代码_5(居民身份证号)": ["", "11010519491231002X", "bad"],
    "法定代表人身份证号": ["", "11010519491231002X", "110105194912310021"],
    "证件类型": ["身份证", "护照", "", "居民身份证"],
    "证件号码": ["11010519491231002X", "E12345678", "", "110105194912310021"],
    "处罚类别1": ["罚款", "警告", "罚款、没收违法所得", "罚金", ""],
    "处罚类别2": ["", "没收违法所得", "罚款"],
    "处罚内容": [
        "罚款6800元",
        "",
        "警告",
        "处以罚款",
        "罚款6800元，没收违法所得1200元",
        "罚款五千元",
    ],
    "处罚结果": [
        "罚款伍仟元整",
        "",
        "警告",
        "处以罚款",
        "没收违法所得1200元并处罚款3000元",
        "罚款0.5万元",
    ],
    "罚款金额 (万元)": ["0.68", "0", "", "1,2OO", "0.5", "0.000001"],
    "没收违法所得、没收非法财物的金额 (万元)": ["0", "0.12", "", "abc"],
    "项目名称": ["建筑垃圾处置核准", "", "\x01"],
}


@st.composite
def _published_table(draw, layout):
    headers = HEADERS[layout]
    number = next(h for h in headers if h.endswith(("文号", "文书号")))
    rows = []
    for _ in range(draw(st.integers(0, 8))):
        row = dict.fromkeys(headers, "")
        if draw(st.integers(0, 6)) == 0:
            rows.append(row)
            continue
        # Most rows good in every cell, so that tables of records are compared too.
        clean = draw(st.integers(0, 3)) > 0
        for header in headers:
            options = _PUBLISHED_CELLS.get(header)
            if options:
                row[header] = (
                    options[0] if clean else draw(st.sampled_from(options[:1] * 8 + options))
                )
        row[number] = f"古路罚{len(rows)}号" if clean else draw(st.sampled_from(_NUMBERS))
        rows.append(row)
    if draw(st.booleans()):
        rows.append({headers[0]: "注：金额单位为万元"})
    return _national_csv(headers, [dict.fromkeys(headers, "") | r for r in rows])


_LAYOUTS = [
    "penalty-2021-legal",
    "penalty-2021-natural",
    "licensing-2021-legal",
    "licensing-2021-natural",
    "penalty-2016",
    "licensing-2016",
]


class TestPublishedLayoutsAsObjects:
    @pytest.mark.parametrize("layout", _LAYOUTS)
    @settings(max_examples=examples(30))
    @given(data=st.data())
    def test_same_records_or_problems(self, layout, data):
        """Every published layout with bad cells: the same records, or the same problems."""
        table = data.draw(_published_table(layout))
        by_objects, by_columns = _by_both_paths(table)
        assert by_objects == by_columns


class TestPartiesOfTheLibrarysSheets:
    HEADER = "编号,决定日期,执法领域,处罚种类,罚款金额（元）,当事人名称,当事人类别\n"

    def test_a_party_name_that_shows_nothing_is_refused_in_any_row(self):
        """The row's party is checked even when an earlier row like it passed."""
        rows = "P-1,2023-08-01,交通,罚款,200,某厂,企业\nP-2,2023-08-02,交通,罚款,300,\u200b,企业\n"
        data = (self.HEADER + rows).encode()
        found = []
        for read in (ec.read_ledger, read_columnar):
            with pytest.raises(ec.LoadError) as caught:
                read(io.BytesIO(data), body=BODY, year=YEAR)
            found.append([(p.row, p.header, p.message) for p in caught.value.problems])
        assert found[0] == found[1]
        assert [(3, "当事人名称")] == [(row, header) for row, header, _ in found[1]]

    def test_parties_without_a_number_column_come_back_as_objects(self):
        """A sheet without 当事人证件号码: the columnar ledger's records are the object path's."""
        rows = "P-1,2023-08-01,交通,罚款,200,某厂,企业\nP-2,2023-08-02,交通,罚款,300,某店,企业\n"
        data = (self.HEADER + rows).encode()
        by_columns = read_columnar(io.BytesIO(data), body=BODY, year=YEAR).to_ledger()
        by_objects = read_objects(io.BytesIO(data), body=BODY, year=YEAR)
        assert by_objects.penalty_cases == by_columns.penalty_cases
        assert "某店" == by_columns.penalty_cases[1].party.name


def test_a_blank_row_of_a_national_table_is_read_past():
    """Both paths read past a row of empty cells; its neighbours keep their row numbers."""
    from test_tables import PENALTY_HEADERS, penalty_row

    rows = [penalty_row(), dict.fromkeys(PENALTY_HEADERS, " "), penalty_row(处罚决定日期="昨天")]
    data = _national_csv(PENALTY_HEADERS, rows)
    by_objects, by_columns = _by_both_paths(data)
    assert by_objects == by_columns
    assert [4] == sorted({row for row, *_ in by_columns})


def test_a_missing_party_column_is_named_by_its_header_on_both_paths():
    """Without 当事人类别, both paths name the column the party needs by its header."""
    data = "编号,决定日期,执法领域,处罚种类,罚款金额（元）,当事人名称\nP-1,2023-08-01,交通,罚款,200,某厂\n"
    found = []
    for read in (ec.read_ledger, read_columnar):
        with pytest.raises(ec.LoadError) as caught:
            read(io.BytesIO(data.encode()), body=BODY, year=YEAR)
        found.append([(p.row, p.header, p.message) for p in caught.value.problems])
    assert found[0] == found[1] == [(2, "当事人类别", "a value is required")]


# The identifiers' check in Arrow against the object path's loop -------------------

_ID_CELLS = st.sampled_from(
    ["P-1", " P-1", "P-1\u3000", "P-2", "\tP-2\n", "P-3\x1c", "\u2003", "", "p-1", "P-1\u200b"]
)


@settings(max_examples=examples(100))
@given(sheets_of_ids=st.lists(st.lists(st.none() | _ID_CELLS, max_size=12), min_size=1, max_size=3))
def test_repeated_identifiers_in_arrow_are_those_of_the_object_path(sheets_of_ids):
    import pyarrow as pa

    from enforcement_core.tables._arrow_files import _encoded
    from enforcement_core.tables._layout import Column
    from enforcement_core.tables._read import repeated_ids
    from enforcement_core.tables._typed_sheets import _repeated

    column = next(c for c in SHEETS["penalty_cases"].columns if c.key == "id")
    assert isinstance(column, Column)
    # By the table alone, and on the engine's encodings: hashed, and the rows as cells.
    by_arrow: list[dict] = [{}, {}, {}]
    by_objects = {}
    for n, cells in enumerate(sheets_of_ids):
        name = f"sheet{n}"
        arrow = pa.table({"编号": pa.array(cells, pa.string())})
        encodings = [
            None,
            {0: _encoded(arrow.column(0))},
            {0: _encoded(arrow.column(0), hashed=False)},
        ]
        slow = repeated_ids(
            "penalty_cases",
            name,
            column.header(),
            [(r + 2, c) for r, c in enumerate(cells)],
            by_objects,
        )
        for seen, encoded in zip(by_arrow, encodings, strict=True):
            fast = _repeated("penalty_cases", name, arrow, {0: column}, seen, encodings=encoded)
            assert [(p.sheet, p.row, p.value, p.message) for p in fast] == [
                (p.sheet, p.row, p.value, p.message) for p in slow
            ]
    assert by_arrow == [by_objects] * 3


def test_an_identifier_given_again_is_found_within_a_sheet_and_across_sheets():
    import pyarrow as pa

    from enforcement_core.tables._typed_sheets import _repeated

    column = next(c for c in SHEETS["penalty_cases"].columns if c.key == "id")
    seen = {}
    first = pa.table({"编号": ["A", " B", "A\u3000", None, "  "]})
    second = pa.table({"编号": ["B", "C", "C"]})
    found = _repeated("penalty_cases", "one", first, {0: column}, seen)
    assert [(p.row, p.value) for p in found] == [(4, "A")]
    assert found[0].message.startswith("the same identifier as row 2")
    found = _repeated("penalty_cases", "two", second, {0: column}, seen)
    assert [(p.row, p.value) for p in found] == [(2, "B"), (4, "C")]
    assert found[0].message.startswith("the same identifier as one, row 3")
    assert seen["penalty_cases"] == {"A": ("one", 2), "B": ("one", 3), "C": ("two", 3)}


def test_the_white_space_trimmed_from_identifiers_is_what_str_strip_removes():
    import sys

    from enforcement_core.tables._arrow_files import _WHITE_SPACE

    everything = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert sorted(_WHITE_SPACE) == sorted(everything)


@pytest.mark.parametrize(("width", "refused"), [(0, False), (1, True)])
def test_a_long_cell_is_counted_in_characters_not_bytes(width, refused):
    import pyarrow as pa

    from enforcement_core.tables._files import MAX_CELL_CHARS, long_cells

    # Three bytes a character: past the limit in bytes, at the limit in characters.
    table = pa.table({"编号": ["P-1", "罚" * (MAX_CELL_CHARS + width)]})
    if refused:
        with pytest.raises(ec.LoadError, match="characters, more than") as error:
            long_cells(table, "t.csv")
        assert error.value.problems[0].row == 3
    else:
        long_cells(table, "t.csv")


@settings(max_examples=examples(100), deadline=None)
@given(
    cell=st.lists(st.integers(0x80, 0xFF) | st.sampled_from(b"ab-1 "), max_size=8).map(bytes),
    encoding=st.sampled_from(["utf-8", "gb18030"]),
)
def test_bytes_read_as_utf8_or_decoded_as_the_object_path_decodes_them(cell, encoding):
    """Any bytes in a cell: the columnar path reads, decodes or refuses the file as read_ledger does."""
    header = "编号,决定日期,执法领域,处罚种类,罚款金额（元）,执法人员编号\n".encode(encoding)
    first = "P-1,2023-08-01,交通,罚款,200,".encode(encoding)
    data = header + first + cell + "\nP-2,2023-09-01,交通,警告,,\n".encode(encoding)

    def outcome(read):
        try:
            report = read(io.BytesIO(data), body=BODY, year=YEAR)
        except ec.LoadError as error:
            return sorted((p.row, p.header, p.message) for p in error.problems)
        ledger = report.to_ledger() if hasattr(report, "to_ledger") else report
        return [(c.id, c.officers) for c in ledger.penalty_cases]

    assert outcome(read_objects) == outcome(read_columnar)


@settings(max_examples=examples(100))
@given(
    lists=st.lists(
        st.none() | st.lists(st.sampled_from(["fine", "warning", "detention"]), max_size=3),
        max_size=12,
    ),
    split=st.integers(0, 12),
)
def test_the_tally_of_types_is_the_count_of_rows_listing_each(lists, split):
    """Each type counted once per row listing it, empty and null lists under None, any chunks."""
    pa = pytest.importorskip("pyarrow")
    expected: dict = {}
    for listed in lists:
        for value in set(listed or ()) or {None}:
            expected[value] = expected.get(value, 0) + 1
    chunks = [lists[:split], lists[split:]]
    column = pa.chunked_array(chunks, pa.list_(pa.string()))
    assert expected == {k: n for k, n in _per_type(column).items() if n}
    # One chunk, a slice of a longer array (its values from an offset): counted alike.
    padded = pa.array([["fine"], *lists, ["warning"]], pa.list_(pa.string()))
    sliced = pa.chunked_array([padded.slice(1, len(lists))])
    assert expected == {k: n for k, n in _per_type(sliced).items() if n}


class TestTheEngine:
    def test_a_cell_of_white_space_python_strips_is_blank_on_both_paths(self):
        """U+001C or U+3000 alone is an empty cell, as str.strip makes it, whichever column."""
        case = ec.actions.PenaltyCase("P-1", dt.date(2023, 5, 2), domain=ec.actions.Domain.TRAFFIC)
        header, row = (
            table("penalty_cases", [case, attrs.evolve(case, id="P-2")]).decode().splitlines()[:2]
        )
        rows = [row, row.replace("P-1", "P-2")]
        for space in ("\x1c", "\u3000", "\u2003"):
            cells = rows[1].split(",")
            cells[0] = space  # the identifier, a required column: a value is required
            data = f"{header}\n{rows[0]}\n{','.join(cells)}\n".encode()
            by_objects, by_columns = both(data)
            assert by_objects == by_columns
            assert {(3, "a value is required")} == {(r, m) for r, _, m in by_columns}

    def test_the_distinct_texts_are_python_only_when_asked(self):
        """An identifier column's values stay in Arrow; a blank one and the last slot are None."""
        pa = pytest.importorskip("pyarrow")
        from enforcement_core.tables._arrow_files import _encoded, _Texts

        encoded = _encoded(pa.array([" P-1", None, "\u3000", "P-2"]), hashed=False)
        texts = _Texts(encoded.trimmed, encoded.blank)
        assert 5 == len(texts)
        assert ["P-1", None, None, "P-2", None] == list(texts)
        assert ["P-1", None, None, "P-2", None] == [texts[i] for i in range(5)]
        assert texts[-1] is None
        assert texts[-2] == "P-2"
        assert texts[1:4] == [None, None, "P-2"]
        with pytest.raises(IndexError):
            texts[5]

    def test_an_encoding_of_the_rows_and_a_hashed_one_read_alike(self):
        """Cells given twice, blanks and nulls: the engine's two encodings give the same rows."""
        pa = pytest.importorskip("pyarrow")
        from enforcement_core.tables._arrow_files import _encoded

        cells = pa.array(["P-1", " P-1", None, "", "P-2", "P-1"])
        hashed, rows = _encoded(cells), _encoded(cells, hashed=False)
        assert 4 == len(hashed.raw)  # "P-1", " P-1", "", "P-2": the null is the last slot
        assert [0, 1, 4, 2, 3, 0] == hashed.codes.tolist()
        assert [0, 1, 2, 3, 4, 5] == rows.codes.tolist()
        for encoded in (hashed, rows):
            text = [*encoded.trimmed.to_pylist(), None]
            blank = encoded.blank[encoded.codes].tolist()
            assert [False, False, True, True, False, False] == blank
            assert ["P-1", "P-1", "P-2", "P-1"] == [
                text[c] for c, b in zip(encoded.codes.tolist(), blank, strict=True) if not b
            ]


@settings(max_examples=examples(100))
@given(
    texts=st.lists(
        st.from_regex(r"[0-9]{1,17}(\.[0-9]{0,3})?", fullmatch=True)
        | st.sampled_from(["", " 12", "1,200", "+5", "-5", "1.2万", "０１", "1e3", "١٢"]),
        max_size=8,
    )
)
def test_amounts_in_yuan_read_in_arrow_are_what_read_yuan_reads(texts):
    """An amount of plain digits read without the reader is read_yuan's own value, to its places."""
    pa = pytest.importorskip("pyarrow")
    import numpy as np

    from enforcement_core.tables._arrow_files import _plain_yuan
    from enforcement_core.tables._cells import CellError, read_yuan

    column = next(c for c in SHEETS["penalty_cases"].columns if c.key == "fine")
    read = np.empty(len(texts), dtype=object)
    done = _plain_yuan(column, pa.array(texts, pa.string()), texts, read)
    for text, plain, value in zip(texts, done.tolist(), read.tolist(), strict=True):
        # Up to 15 digits and 2 places: read in Arrow; anything else goes to the reader.
        assert plain == bool(re.fullmatch(r"[0-9]{1,15}(\.[0-9]{1,2})?", text)), text
        if not plain:
            continue
        try:
            expected = read_yuan(text)
        except CellError:
            pytest.fail(f"{text!r} read in Arrow, refused by read_yuan")
        assert (expected, str(expected)) == (value, str(value))


def _wan_column():
    from enforcement_core.tables._cells import read_wan_yuan
    from enforcement_core.tables._layout import Column

    return Column("fine", ("fine",), read_wan_yuan, required=False, unit="万元")


@settings(max_examples=examples(200))
@given(texts=st.lists(strategies.wan_yuan_cells, max_size=8))
def test_amounts_in_wan_yuan_decided_on_fen_are_what_read_wan_yuan_reads(texts):
    """The vector parse decides a cell only as read_wan_yuan reads it; what it leaves, the reader reads.

    Plain digits of at most 12 whole digits and 6 places are decided (their fen, and
    the Decimal made of it, to its places); signs, spaces, full-width digits, commas,
    exponents, more places, huge values and blanks are left to the reader.
    """
    pa = pytest.importorskip("pyarrow")

    from enforcement_core.tables._arrow_files import _Amounts, _wan_yuan_fen
    from enforcement_core.tables._cells import CellError, read_wan_yuan

    fen = _wan_yuan_fen(_wan_column(), pa.array(texts, pa.string()))
    assert fen is not None
    assert fen.dtype == "int64"
    amounts = _Amounts(fen, {})
    for text, amount, value in zip(texts, fen.tolist(), amounts, strict=True):
        plain = re.fullmatch(r"[0-9]{1,12}(\.[0-9]{1,6})?", text) is not None
        assert (amount >= 0) == plain, text
        if amount < 0:
            assert value is None
            continue
        try:
            expected = read_wan_yuan(text)
        except CellError:
            pytest.fail(f"{text!r} decided in Arrow, refused by read_wan_yuan")
        assert (expected, str(expected)) == (value, str(value))
        assert expected * 100 == amount


def test_amounts_in_wan_yuan_on_both_sides_of_the_vector_parse():
    """Six places (0.000001 万元 = 1 fen) and 12 whole digits are decided; 7 and 13 go to the reader."""
    pa = pytest.importorskip("pyarrow")

    from enforcement_core.tables._arrow_files import _wan_yuan_fen

    texts = ["0.000001", "0.0000001", "999999999999", "1000000000000", "-0", "0", " 1", "1."]
    fen = _wan_yuan_fen(_wan_column(), pa.array(texts, pa.string()))
    assert fen.tolist() == [1, -1, 999_999_999_999_000_000, -1, -1, 0, -1, -1]


@settings(max_examples=examples(100))
@given(texts=st.lists(strategies.wan_yuan_cells, min_size=1, max_size=8), start=st.integers(0, 3))
def test_amounts_in_wan_yuan_of_a_slice_are_those_of_its_cells(texts, start):
    """A column every cell of which is plain (decided without a take) or not, sliced or not: each cell's own fen."""
    pa = pytest.importorskip("pyarrow")

    from enforcement_core.tables._arrow_files import _wan_yuan_fen

    whole = _wan_yuan_fen(_wan_column(), pa.array(texts, pa.string()))
    sliced = _wan_yuan_fen(_wan_column(), pa.array(texts, pa.string()).slice(start))
    alone = [_wan_yuan_fen(_wan_column(), pa.array([text], pa.string()))[0] for text in texts]
    assert whole.tolist() == alone
    assert sliced.tolist() == alone[start:]


def test_amounts_in_wan_yuan_of_large_text_are_read_alike():
    """A column of large_string (pandas 3's text, through Arrow) reads its amounts in 万元 alike."""
    pa = pytest.importorskip("pyarrow")

    from enforcement_core.tables._arrow_files import _Amounts, _wan_yuan_fen
    from enforcement_core.tables._cells import read_wan_yuan

    texts = ["0.68", "12"]
    fen = _wan_yuan_fen(_wan_column(), pa.array(texts, pa.large_string()))
    assert [680_000, 12_000_000] == fen.tolist()
    assert [read_wan_yuan(t) for t in texts] == list(_Amounts(fen, {}))


def test_a_column_in_yuan_is_not_decided_as_wan_yuan():
    """Only a column read by read_wan_yuan is decided on its fen here."""
    pa = pytest.importorskip("pyarrow")

    from enforcement_core.tables._arrow_files import _wan_yuan_fen
    from enforcement_core.tables._cells import read_yuan
    from enforcement_core.tables._layout import Column

    column = Column("fine", ("fine",), read_yuan, required=False, unit="元")
    assert _wan_yuan_fen(column, pa.array(["1"], pa.string())) is None


def test_a_table_without_a_column_counts_the_record_fields_default():
    """from_table of columns a table lacks: each row holds the record field's default."""
    import pyarrow as pa

    from enforcement_core.figures import LicensingFigures, PenaltyFigures

    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    days = pa.array([dt.date(YEAR, 3, 1), dt.date(YEAR, 4, 1)])
    cases = pa.table({"decided_on": days, "domain": ["traffic", "traffic"]})
    penalty = PenaltyFigures.from_table(cases, start, end)
    # No 处罚种类: no sanction (not penalised); no 程序: ordinary; no fine: none given.
    assert (2, {}, 0) == (penalty.not_penalised, dict(penalty.by_sanction), penalty.fines)
    assert {ec.actions.Procedure.ORDINARY: 2} == dict(penalty.by_procedure)
    applications = pa.table({"applied_on": days})
    licensing = LicensingFigures.from_table(applications, start, end)
    # Accepted by default, and no decision: both pending; nothing revoked.
    assert (2, 2, 0, 0) == (
        licensing.accepted,
        licensing.pending,
        licensing.granted,
        licensing.revoked,
    )


# Arrow made without pandas (issue 24) ---------------------------------------------------


@settings(max_examples=examples(50), deadline=None)
@given(
    st.lists(strategies.optional(strategies.texts)),
    st.lists(strategies.optional(st.booleans())),
    st.lists(strategies.optional(st.integers(min_value=-(2**63), max_value=2**63 - 1))),
    st.lists(strategies.optional(strategies.dates)),
    st.lists(st.lists(strategies.texts, max_size=3), min_size=1),
    st.data(),
)
def test_arrow_values_are_pyarrows_own(texts, flags, fen, days, lists, data):  # noqa: PLR0917
    """The typed table's columns made from buffers equal pyarrow.array of the same values.

    Lists are made by the rows' codes, their texts dictionary-encoded: equal to
    pyarrow's lists of the rows' values, cast to that type.
    """
    import numpy as np
    import pyarrow as pa

    from enforcement_core.tables._arrow_records import _arrow_values, _values_by_codes

    for values, arrow_type in (
        (texts, pa.string()),
        (flags, pa.bool_()),
        (fen, pa.int64()),
        (days, pa.date32()),
    ):
        made = _arrow_values(values, arrow_type)
        made.validate(full=True)
        assert made.equals(pa.array(values, arrow_type)), (values, arrow_type)
    codes = data.draw(st.lists(st.integers(0, len(lists) - 1)))
    listed = pa.list_(pa.dictionary(pa.int32(), pa.string()))
    made = _values_by_codes(lists, listed, np.array(codes, dtype=np.int64))
    made.validate(full=True)
    assert made.type == listed
    assert (
        made.to_pylist() == pa.array([lists[c] for c in codes], pa.list_(pa.string())).to_pylist()
    )


def test_arrow_values_refuse_a_type_they_do_not_make():
    """A type the typed table does not hold is refused, not made wrong."""
    import pyarrow as pa

    from enforcement_core.tables._arrow_records import _arrow_values

    with pytest.raises(TypeError, match="double"):
        _arrow_values([1.5], pa.float64())


def test_the_years_bounds_are_compared_as_days():
    """in_year keeps the first and last day and drops the days either side; count_up_to the same."""
    import pyarrow as pa

    from enforcement_core._tallies import ArrowColumns

    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    days = [start - dt.timedelta(1), start, end, end + dt.timedelta(1), None]
    columns = ArrowColumns(pa.table({"decided_on": pa.array(days, pa.date32())}), object)
    assert [start, end] == columns.in_year("decided_on", start, end).table.column(0).to_pylist()
    assert 3 == columns.count_up_to("decided_on", end)
    assert 1 == columns.count_up_to("decided_on", start - dt.timedelta(1))


def test_groups_of_chunks_with_their_own_dictionaries():
    """Cases and exact sums by value over chunks whose dictionaries differ; a null amount left out."""
    import pyarrow as pa

    from enforcement_core._tallies import _by_group

    first = pa.DictionaryArray.from_arrays(pa.array([0, 1, 0], pa.int32()), ["traffic", "water"])
    second = pa.DictionaryArray.from_arrays(pa.array([1, 0], pa.int32()), ["water", "health"])
    names = pa.chunked_array([first, second])
    fen = pa.chunked_array([[2**62, 5, None], [1, 3]], pa.int64())
    cases, sums = _by_group(pa.table({"domain": names, "fine": fen}), "domain", "fine")
    assert {"traffic": 2, "water": 2, "health": 1} == cases
    assert {
        "traffic": Decimal(2**62) / 100,
        "water": Decimal("0.05") + Decimal("0.03"),
        "health": Decimal("0.01"),
    } == sums
    plain = pa.table({"domain": pa.chunked_array([["a", None, "a"]])})
    assert ({"a": 2, None: 1}, {}) == _by_group(plain, "domain", None)


_INT64 = st.integers(-(2**63), 2**63 - 1)


@settings(max_examples=examples(100))
@given(
    chunks=st.lists(st.lists(st.none() | _INT64, max_size=8), min_size=1, max_size=3),
)
def test_a_total_of_amounts_is_exact_whatever_int64_would_make_of_it(chunks):
    """``exact_total`` is Python's sum of the given amounts, where an int64 sum overflows too."""
    import pyarrow as pa

    from enforcement_core._tallies import exact_total

    column = pa.chunked_array([pa.array(chunk, pa.int64()) for chunk in chunks], pa.int64())
    assert sum(v for chunk in chunks for v in chunk if v is not None) == exact_total(column)


@settings(max_examples=examples(100))
@given(rows=st.lists(st.tuples(st.integers(0, 3), _INT64), max_size=12))
def test_sums_by_group_are_exact_whatever_int64_would_make_of_them(rows):
    """``exact_sums`` is each group's sum in Python integers, where int64 sums overflow too."""
    import numpy as np

    from enforcement_core._tallies import exact_sums

    codes = np.array([code for code, _ in rows], dtype=np.int64)
    fen = np.array([amount for _, amount in rows], dtype=np.int64)
    expected = [sum(amount for code, amount in rows if code == group) for group in range(4)]
    assert expected == exact_sums(codes, fen, 4)


def test_fines_whose_int64_sum_wraps_into_range_are_refused_as_too_large():
    """184,468 fines of the largest amount are above the largest total, not the sum modulo 2**64.

    In int64 the fen sum to 55,926,290,263,916 more than 2**64: wrapped, 559,262,902,639.16
    yuan, an amount the figure's own check lets pass. Counted exactly, it is refused.
    """
    import numpy as np
    import pyarrow as pa

    from enforcement_core._arrow import from_numpy
    from enforcement_core.errors import InvariantError
    from enforcement_core.figures import PenaltyFigures

    rows = 184_468
    largest = 99_999_999_999_999  # fen: 999,999,999,999.99 yuan
    assert (rows * largest) % 2**64 < largest
    days = np.full(rows, (dt.date(YEAR, 6, 1) - dt.date(1970, 1, 1)).days, dtype=np.int32)
    domains = from_numpy(np.zeros(rows, dtype=np.int32))
    table = pa.table(
        {
            "decided_on": from_numpy(days).view(pa.date32()),
            "domain": pa.DictionaryArray.from_arrays(domains, pa.array(["traffic"])),
            "fine": from_numpy(np.full(rows, largest, dtype=np.int64)),
        }
    )
    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    with pytest.raises(InvariantError, match="is above the largest amount"):
        PenaltyFigures.from_table(table, start, end)
    # Two fines of the largest amount (no overflow) are refused as their records' would be.
    with pytest.raises(InvariantError, match="is above the largest amount"):
        PenaltyFigures.from_table(table.slice(0, 2), start, end)
    assert (
        Decimal("999999999999.99") == PenaltyFigures.from_table(table.slice(0, 1), start, end).fines
    )


@pytest.mark.skipif(importlib.util.find_spec("pandas") is None, reason="pandas is not installed")
@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_the_own_layout_paths_leave_pandas_unimported(tmp_path, kind):
    """read_columnar → summarize of a CSV or Parquet file, every check run, imports no pandas."""
    rows = [
        "编号,决定日期,执法领域,处罚种类,程序,罚款金额（元）,执法人员编号,法制审核",
        "P-1,2023-08-01,交通,罚款、警告,简易程序,200.5,o-1、o-2,是",
        "P-2,2023-09-01,交通,警告,,,o-3,否",
        "P-2, 2024-01-01,交通,罚款,,abc,,",
    ]

    def write(name, lines):
        path = tmp_path / f"{name}.{kind}"
        if kind == "csv":
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return str(path)
        import pyarrow as pa
        import pyarrow.parquet as pq

        header, *cells = (row.split(",") for row in lines)
        columns = {h: pa.array([c[i] or None for c in cells]) for i, h in enumerate(header)}
        pq.write_table(pa.table(columns), path)
        return str(path)

    bad, good = write("bad", rows), write("good", rows[:3])
    script = textwrap.dedent(
        f"""
        import sys
        from enforcement_core.body import BodyLevel, EnforcementBody
        from enforcement_core.errors import LoadError
        from enforcement_core.tables import read_columnar, read_ledger
        body = EnforcementBody("某镇人民政府", BodyLevel.TOWN)
        try:
            read_columnar({bad!r}, body=body, year=2023)
        except LoadError as error:
            print(sorted({{p.row for p in error.problems}}))
        print(read_columnar({good!r}, body=body, year=2023).summarize().penalty.fines)
        print("pandas" in sys.modules)
        """
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    # The bad row's problems (its number given again, its amount) were found, then the
    # good rows summarised: every step of the path ran, pandas never imported.
    assert ["[4]", "200.5", "False"] == ran.stdout.split()


@settings(max_examples=examples(50), deadline=None)
@given(
    st.lists(strategies.optional(st.sampled_from(["a", " a", "a\u3000", "", " ", "罚款", "b"]))),
    st.lists(st.integers(min_value=0, max_value=6), max_size=4),
)
def test_a_column_read_encoded_is_encoded_as_the_text_is(cells, cuts):
    """A column the reader dictionary-encoded, chunk by chunk, reads row by row as its text does."""
    import pyarrow as pa

    from enforcement_core.tables._arrow_files import _encoded

    bounds = sorted({0, len(cells), *(min(c, len(cells)) for c in cuts)})
    chunks = [pa.array(cells[a:b], pa.string()) for a, b in itertools.pairwise(bounds)]
    text = pa.chunked_array(chunks, pa.string())
    encoded = pa.chunked_array(
        [c.dictionary_encode() for c in chunks], pa.dictionary(pa.int32(), pa.string())
    )

    def rows(column):
        e = _encoded(column)
        raw, trimmed = [*e.raw.to_pylist(), None], [*e.trimmed.to_pylist(), None]
        return [(raw[c], trimmed[c], bool(e.blank[c])) for c in e.codes.tolist()]

    assert rows(text) == rows(encoded)
    assert [cell for cell, _, _ in rows(encoded)] == cells


@pytest.mark.parametrize(("width", "refused"), [(0, False), (1, True)])
def test_a_long_cell_of_an_encoded_column_is_found_at_its_row(width, refused):
    """long_cells of a dictionary-encoded column: the limit in characters, the first long row named."""
    import pyarrow as pa

    from enforcement_core.tables._files import MAX_CELL_CHARS, long_cells

    long = "罚" * (MAX_CELL_CHARS + width)
    column = pa.chunked_array(
        [pa.array(["交通", None]).dictionary_encode(), pa.array([long, long]).dictionary_encode()]
    )
    table = pa.table({"执法领域": column})
    if refused:
        with pytest.raises(ec.LoadError, match="characters, more than") as error:
            long_cells(table, "t.csv")
        assert (4, "执法领域") == (error.value.problems[0].row, error.value.problems[0].header)
    else:
        long_cells(table, "t.csv")


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_the_own_layout_is_read_encoded_and_refused_alike(tmp_path, kind):
    """Read dictionary-encoded, bad cells and a stray value are the object path's problems."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from enforcement_core.tables._arrow_files import _arrow_sheets
    from enforcement_core.tables.columnar import _to_encode

    header = ["编号", "决定日期", "执法领域", "处罚种类", "罚款金额（元）", ""]
    rows = [
        ["P-1", "2023-08-01", "交通", "罚款", "200", ""],
        ["P-2", "2023-13-01", "交通", "罚款", "1", ""],
        ["P-3", "2023-08-02", "未知领域", "罚款", "2", ""],
    ]

    def write(name, width):
        path = tmp_path / f"{name}.{kind}"
        if kind == "csv":
            lines = [",".join(r[:width]) for r in [header, *rows]]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            columns = [pa.array([r[i] or None for r in rows], pa.string()) for i in range(width)]
            pq.write_table(pa.Table.from_arrays(columns, names=header[:width]), path)
        return path

    cells = write("行政处罚", 5)
    ((_, table),) = _arrow_sheets(cells, kind, "行政处罚", None, _to_encode("行政处罚", None))
    # The engine's columns are read encoded, the identifiers as text.
    assert [False, True, True, True, True] == [
        pa.types.is_dictionary(t) for t in table.schema.types
    ]
    rows[2][5] = "多余"
    stray = write("stray", 6)
    for path, bad_rows in ((cells, {3, 4}), (stray, {4})):
        problems = {}
        for read in (read_columnar, read_ledger):
            with pytest.raises(ec.LoadError) as caught:
                read(path, body=BODY, year=YEAR)
            problems[read] = sorted((p.row, p.header, p.message) for p in caught.value.problems)
        assert problems[read_columnar] == problems[read_ledger]
        assert bad_rows == {row for row, _, _ in problems[read_columnar]}


def _huge_pages() -> bool:
    import numpy as np

    return bool(np._core.multiarray._get_madvise_hugepage())


@pytest.fixture
def huge_pages_on():
    """numpy's huge-page advice on (its default on Linux), whatever the process was started with."""
    import numpy as np

    before = np._core.multiarray._set_madvise_hugepage(True)
    yield
    np._core.multiarray._set_madvise_hugepage(before)


def _memory_watched(monkeypatch, module, name):
    """The Arrow memory pool and numpy's huge-page advice at each call of ``module.name``, listed."""
    import pyarrow as pa

    calls = []
    function = getattr(module, name)

    def watched(*args, **kwargs):
        calls.append((pa.default_memory_pool().backend_name, _huge_pages()))
        return function(*args, **kwargs)

    monkeypatch.setattr(module, name, watched)
    return calls


@pytest.mark.usefixtures("huge_pages_on", "arrow_engine")
def test_a_read_holds_the_system_memory_pool_and_gives_the_default_back(monkeypatch):
    """The Arrow engine reads with malloc's pool; pyarrow's default is back after, read or refused."""
    import pyarrow as pa

    from enforcement_core import figures
    from enforcement_core._arrow import system_memory_pool
    from enforcement_core.tables import _columns, columnar

    before = pa.default_memory_pool().backend_name
    during = _memory_watched(monkeypatch, columnar, "_by_arrow")
    good = "编号,决定日期,执法领域,处罚种类,罚款金额（元）\nP-1,2023-08-01,交通,罚款,200\n"
    huge = _huge_pages()
    assert huge
    ledger = read_columnar(io.BytesIO(good.encode()), body=BODY, year=YEAR)
    with pytest.raises(ec.LoadError):
        read_columnar(io.BytesIO(good.replace("200", "abc").encode()), body=BODY, year=YEAR)
    # numpy's huge-page advice off while the engine reads (small_pages), its own after.
    assert [("system", False), ("system", False)] == during
    assert before == pa.default_memory_pool().backend_name
    assert huge == _huge_pages()
    # The summary counts the codes the checks made: no typed table, no Arrow columns.
    counted = _memory_watched(monkeypatch, figures, "ArrowColumns")
    assert 1 == ledger.summarize().penalty.cases
    assert [] == counted
    # The typed table, made when asked for, is made in the engine's memory too.
    made = _memory_watched(monkeypatch, _columns, "_layout_arrow")
    later = read_columnar(io.BytesIO(good.encode()), body=BODY, year=YEAR)
    assert [] == made
    assert 1 == later.tables["penalty_cases"].num_rows
    assert [("system", False)] == made
    assert huge == _huge_pages()
    # Nested (a read within a read), the pool is given back when the outer one ends.
    with system_memory_pool():
        with system_memory_pool():
            pass
        assert "system" == pa.default_memory_pool().backend_name
    assert before == pa.default_memory_pool().backend_name


@settings(max_examples=examples(50), deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 2), st.booleans(), st.integers(0, 70_000)), max_size=30),
    st.lists(st.booleans(), min_size=30, max_size=30),
)
def test_rows_are_grouped_by_their_combination_of_values(rows, kept):
    """_signatures and _grouped: rows share a group exactly when their values do; each group's first row."""
    import numpy as np

    from enforcement_core.tables._counted import _grouped, _signatures

    columns = list(zip(*rows, strict=True)) if rows else [(), (), ()]
    keys = [
        np.array(columns[2], dtype=np.int32),
        np.array(columns[1], dtype=bool),
        np.array(columns[0], dtype=np.int32),
    ]
    # The first radix past 2**31: the later keys' products are int64, not their int32.
    signature = _signatures(keys, [70_001 * 40_000, 2, 3], len(rows))
    # The mixed-radix number of each row's values, exactly.
    scale = 70_001 * 40_000
    assert [c + b * scale + a * scale * 2 for a, b, c in rows] == signature.tolist()
    chosen = np.array(kept[: len(rows)], dtype=bool)
    for kept_rows in (chosen, np.ones(len(rows), dtype=bool)):
        first, group_of = _grouped(signature, kept_rows)
        expected: dict[tuple[int, bool, int], int] = {}
        for row, values in enumerate(rows):
            if kept_rows[row]:
                expected.setdefault(values, row)
        assert sorted(expected.values()) == sorted(first.tolist())
        for row, values in enumerate(rows):
            if kept_rows[row]:
                assert expected[values] == first[group_of[row]]
            else:
                assert -1 == group_of[row]


@pytest.mark.parametrize(("second", "unique"), [("P-2", True), (" P-1\u3000", False)])
def test_numbers_given_once_each_need_no_keys(second, unique):
    """With nothing seen or remembered, a column of numbers each given once stops at the sort."""
    import pyarrow as pa

    from enforcement_core.tables._arrow_files import _encoded
    from enforcement_core.tables._typed_sheets import _id_keys, _keys_of_ids

    column = pa.array(["P-1", None, second])
    encoded = _encoded(column, hashed=False)
    found = _keys_of_ids(column, encoded, unless_unique=True)
    assert (found is None) == unique
    # Asked for the keys, they are found either way: a blank none, equal numbers one key.
    keys, distinct, first_at = _id_keys(column, encoded)
    assert -1 == keys[1]
    assert (keys[0] != keys[2]) == unique
    if not unique:
        assert (["P-1"], [0]) == (distinct.to_pylist(), first_at.tolist())


#: Amounts at the fen, written with any places: 2.1, 200.00, 2E+2, -0, 0.050.
_WRITTEN_AMOUNTS = st.builds(
    lambda fen, extra, sign: Decimal(f"{'-' if sign else ''}{fen * 10**extra}E-{2 + extra}"),
    st.integers(0, 10**17),
    st.integers(0, 4),
    st.booleans(),
) | st.builds(
    lambda whole, exponent: Decimal(f"{whole}E{exponent}"),
    st.integers(0, 10**6),
    st.integers(-2, 3),
)


@settings(max_examples=examples(200))
@given(_WRITTEN_AMOUNTS)
def test_an_amount_keeps_its_text_exactly_where_its_fen_would_write_it_otherwise(amount):
    """``written_otherwise`` is ``None`` exactly when the records' amount from fen is written alike."""
    from enforcement_core.tables._arrow_files import _fen
    from enforcement_core.tables._arrow_records import _money, written_otherwise

    fen = _fen(amount)
    assume(fen is not None)
    from_fen = str(_money(fen))
    assert (written_otherwise(amount) is None) == (from_fen == str(amount))
    if written_otherwise(amount) is not None:
        assert str(Decimal(written_otherwise(amount))) == str(amount)


@settings(max_examples=examples(200))
@given(st.lists(_WRITTEN_AMOUNTS, max_size=5))
def test_a_sum_is_written_alike_over_records_and_over_fen(amounts):
    """The sum of amounts as written, with the fewest places, is the sum of their fen in yuan."""
    from enforcement_core._tallies import _yuan, fewest_places

    total = sum(amounts, Decimal(0))
    fen = sum(int(amount * 100) for amount in amounts)
    assert str(fewest_places(total)) == str(_yuan(fen))
    assert fewest_places(total) == total
    assert str(fewest_places(fewest_places(total))) == str(fewest_places(total))


@pytest.fixture(params=["_columns", "_polars_engine"])
def engine(request):
    """Each column engine in turn: Arrow's (``_columns``), polars' (a CSV of penalty cases)."""
    import importlib

    if request.param == "_columns":
        request.getfixturevalue("arrow_engine")
    else:
        pytest.importorskip("polars")
    return importlib.import_module(f"enforcement_core.tables.{request.param}")


class TestRecordsBuiltByGroup:
    """Each column engine builds one record for each group of rows alike, not one a row."""

    HEADER = "编号,决定日期,执法领域,处罚种类,罚款金额（元）,当事人名称,当事人类别,当事人证件号码\n"

    @pytest.fixture(autouse=True)
    def _engine(self, engine):
        self.engine = engine

    def builds(self, monkeypatch, rows):
        built = []
        real = self.engine.build

        def counted(*args, **kwargs):
            built.append(1)
            return real(*args, **kwargs)

        monkeypatch.setattr(self.engine, "build", counted)
        data = (self.HEADER + "".join(rows)).encode("utf-8")
        read_columnar(io.BytesIO(data), body=BODY, year=YEAR)
        return len(built)

    def test_rows_without_a_party_are_built_by_group(self, monkeypatch):
        """Party columns left blank in every row (a template's): no party to refuse, one build."""
        rows = [f"P-{n},2023-08-01,交通,罚款,{n},,,\n" for n in range(200)]
        assert 1 == self.builds(monkeypatch, rows)

    def test_a_party_its_class_refuses_is_built_alone(self, monkeypatch):
        """A row whose party is refused (a name without its kind) is built alone, the rest by group."""
        rows = [f"P-{n},2023-08-01,交通,罚款,{n},,,\n" for n in range(200)]
        rows[7] = "P-7,2023-08-01,交通,罚款,7,某某商店,,\n"
        with pytest.raises(ec.LoadError):
            self.builds(monkeypatch, rows)
        rows[7] = "P-7,2023-08-01,交通,罚款,7,某某商店,企业,\n"
        assert 2 >= self.builds(monkeypatch, rows)


def test_identifiers_are_remembered_for_a_later_sheet_of_their_own_records_alone():
    """A sheet's numbers are kept for a later sheet of the same records (where one may be
    given again), and not for sheets of other records, nor by the last."""
    from enforcement_core.tables.columnar import _looked_up_later

    penalties, inspections = SHEETS["penalty_cases"], SHEETS["inspections"]
    assert _looked_up_later([penalties, inspections, penalties]) == [True, False, False]
    assert _looked_up_later([penalties, inspections]) == [False, False]
    assert _looked_up_later([penalties, None, penalties]) == [True, False, False]
    assert _looked_up_later([None, None]) == [False, False]
    assert _looked_up_later([]) == []


@pytest.mark.parametrize(("width", "refused"), [(0, False), (1, True)])
def test_a_long_text_among_typed_cells_of_a_sheet_is_refused_at_its_cell(width, refused):
    """Dates, amounts and flags are short as text; a text one character past the limit is
    refused at its row and header, one at the limit passes."""
    from enforcement_core.tables._files import MAX_CELL_CHARS, RawSheet, _no_long_cell

    rows = [
        (2, ["P-1", dt.datetime(2023, 8, 1), 200.0, True, None]),  # noqa: DTZ001  (Excel's date-times have no zone)
        (3, ["P-2", dt.date(2023, 8, 2), 7, "罚" * (MAX_CELL_CHARS + width), None]),
    ]
    sheet = RawSheet("行政处罚", ["编号", "决定日期", "罚款", "说明", "空"], rows)
    if not refused:
        _no_long_cell("t.xlsx", "行政处罚", sheet)
        return
    with pytest.raises(ec.LoadError, match="characters, more than") as error:
        _no_long_cell("t.xlsx", "行政处罚", sheet)
    problem = error.value.problems[0]
    assert (problem.sheet, problem.row, problem.header) == ("行政处罚", 3, "说明")


_HEADER = "编号,决定日期,执法领域,处罚种类,罚款金额（元）\n"


@pytest.mark.parametrize("between", ["\n", "\n\n", "\r", "\r\r\n", "\n\r\n", "\n\r", "\r\n"])
@pytest.mark.parametrize("end", ["", "\n", "\n\n", "\r\n\r\n", "\n\n\n"])
def test_a_blank_line_is_numbered_as_the_object_reading_numbers_it(between, end):
    """A blank line (or a lone CR) between two rows is a row to the object reading, which
    numbers the rows after it so; the column engine, which passed it over, named the next
    row's problem a row too early (found by the long fuzz run)."""
    from enforcement_core.tables._read import read_objects

    text = _HEADER + "P-1,2023-08-01,交通,罚款,200" + between + "P-2,2023-08-01,交通,罚款,abc" + end
    found = []
    for read in (read_objects, read_columnar):
        with pytest.raises(ec.LoadError) as info:
            read(io.BytesIO(text.encode()), body=BODY, year=YEAR)
        found.append([(p.row, p.header) for p in info.value.problems])
    blank = between not in ("\n", "\r\n", "\r")
    assert [(4 if blank else 3, "罚款金额（元）")] == found[0] == found[1]


@pytest.mark.usefixtures("arrow_engine")
def test_blank_lines_keep_the_file_on_the_column_engine(monkeypatch):
    """Read as rows of empty cells, blank lines (between rows or at the end) send no file
    to the object path's reader. (The polars engine's: tests/test_polars_engine.py.)"""
    from enforcement_core.tables import _arrow_files

    def by_rows(*_args, **_kwargs):
        raise AssertionError("read by the object path's reader")

    monkeypatch.setattr(_arrow_files, "_by_rows", by_rows)
    for between, end in (("\r\n", "\n\n"), ("\n\n", "\r\n\r\n\r\n"), ("\r\n\r\n", "\n\r\n")):
        rows = f"P-1,2023-08-01,交通,罚款,200{between}P-2,2023-08-01,交通,罚款,300{end}"
        ledger = read_columnar(io.BytesIO((_HEADER + rows).encode()), body=BODY, year=YEAR)
        assert 2 == ledger.summarize().penalty.cases
