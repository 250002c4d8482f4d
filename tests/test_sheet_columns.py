"""A workbook's typed cells on the column road: the figures and problems of the object path."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from decimal import Decimal

import pyarrow as pa
import pytest
from hypothesis import Phase, event, given, settings
from hypothesis import strategies as st

import enforcement_core as ec
import strategies
from enforcement_core._lazy import is_lazy
from enforcement_core.serialization import dump_json
from enforcement_core.summary import summarize
from enforcement_core.tables import _ledgers, read_columnar, read_ledger, template
from enforcement_core.tables._arrow_files import _arrow_sheets
from enforcement_core.tables._read import read_objects
from enforcement_core.tables._sheet_columns import ByObjects, _dictionary
from enforcement_core.tables.columnar import _to_encode
from profiles import examples
from test_columnar import _LAYOUTS, _published_table

openpyxl = pytest.importorskip("openpyxl")
_NOT_IN_A_WORKBOOK = openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE

BODY = ec.body.EnforcementBody("某镇人民政府", ec.body.BodyLevel.TOWN)
YEAR = 2023
ROW = ["P-1", dt.date(2023, 8, 23), "林业", "罚款", "普通程序", 4996.0, "o-31、o-02", "否"]


def workbook(title, rows, stray=None):
    """The bytes of a penalty sheet holding ``rows`` as typed, ``title`` above its header."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "行政处罚"
    if title is not None:
        sheet.append([title])
    sheet.append(list(strategies.WORKBOOK_HEADER))
    for number, row in enumerate(rows):
        sheet.append([*row, stray] if number == 0 and stray is not None else list(row))
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def outcome(read):
    """The summary a reading gives, or every problem it reports, whole."""
    try:
        return read()
    except ec.LoadError as error:
        return sorted(
            (p.sheet, p.row or 0, p.header or "", repr(p.value), p.message, p.message_zh)
            for p in error.problems
        )


def three(data):
    """The object path's outcome, the column road's, and read_ledger's (on the column road)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_ledgers, "WORKBOOK_COLUMN_ROAD_FROM", 0)
        outcomes = (
            outcome(lambda: summarize(read_objects(io.BytesIO(data), body=BODY, year=YEAR))),
            outcome(lambda: read_columnar(io.BytesIO(data), body=BODY, year=YEAR).summarize()),
            outcome(lambda: summarize(read_ledger(io.BytesIO(data), body=BODY, year=YEAR))),
        )
    if not any(isinstance(each, list) for each in outcomes):
        # Equal, and written alike: every sum to the same places.
        assert len({dump_json(each) for each in outcomes}) == 1
    return outcomes


class TestTypedCells:
    @settings(max_examples=examples(60))
    @given(strategies.workbook_sheets)
    def test_same_as_the_object_path(self, sheet):
        """Generated workbooks of typed, mixed, bad and blank cells read as the object path reads them."""
        by_objects, by_columns, by_ledger = three(workbook(*sheet))
        assert by_objects == by_columns
        assert by_objects == by_ledger

    @settings(max_examples=examples(60))
    @given(strategies.workbook_rows)
    def test_sheets_without_errors_same_as_the_object_path(self, rows):
        """Sheets the column road reads (or leaves to objects for a typed cell) read as the object path."""
        by_objects, by_columns, by_ledger = three(workbook(None, rows))
        assert by_objects == by_columns
        assert by_objects == by_ledger

    @pytest.mark.parametrize(
        ("column", "cell", "message"),
        [
            (0, dt.date(2023, 1, 1), "expected text, got date datetime.date(2023, 1, 1)"),
            (0, 1.5, "expected text, got float 1.5"),
            (0, True, "expected text, got bool True"),
            (5, 1e-07, "1E-7 has more than two decimal places"),
            (1, 20230502.0, "expected a date, got float 20230502.0"),
            (
                1,
                dt.datetime(2023, 5, 2, 13, 4, 5),  # noqa: DTZ001  (Excel's date-times have no zone)
                "expected a day, got the date and time",
            ),
            (7, 1.0, "expected yes or no"),
        ],
    )
    def test_a_typed_cell_the_text_would_read_otherwise_is_refused_alike(
        self, column, cell, message
    ):
        """A typed cell whose text reads otherwise: the object path's refusal, on every road."""
        row = list(ROW)
        row[column] = cell
        by_objects, by_columns, by_ledger = three(workbook(None, [row]))
        assert isinstance(by_objects, list)
        assert any(message in problem[4] for problem in by_objects), by_objects
        assert by_objects == by_columns == by_ledger

    def test_a_number_and_its_text_as_identifiers_are_one_record_given_twice(self):
        """The number 1001 and the text "1001" as case numbers: one case, given three times.

        Both are read as the identifier "1001"; the rows after the first are refused as
        given again, on every road (the number's own text, 1001.0, once hid them).
        """
        second = list(ROW)
        second[0] = "1001"
        first = list(ROW)
        first[0] = 1001.0
        by_objects, by_columns, by_ledger = three(workbook(None, [first, second, first]))
        assert [(3, "编号", "'1001'"), (4, "编号", "'1001'")] == [
            (p[1], p[2], p[3]) for p in by_objects
        ]
        assert all("the same identifier as row 2" in p[4] for p in by_objects)
        assert by_objects == by_columns == by_ledger

    @pytest.mark.parametrize(
        ("column", "cell"),
        [
            (0, 1001.0),  # a case number typed as a number: the identifier "1001"
            (1, dt.datetime(2023, 8, 23)),  # noqa: DTZ001  (Excel's date-times have no zone)
            (5, 1753.79),
            (5, 200.0),
            (5, 1e11),
            (7, False),
        ],
    )
    def test_a_typed_cell_read_alike_as_text_stays_on_the_column_road(self, column, cell):
        """A typed cell its text stands for (6800.0 as 6800, a day at midnight) is read in columns."""
        row = list(ROW)
        row[column] = cell
        data = workbook(None, [row])
        ((_, table),) = _arrow_sheets(io.BytesIO(data), "xlsx", "行政处罚", typed=True)
        assert 1 == table.num_rows
        by_objects, by_columns, by_ledger = three(data)
        assert not isinstance(by_objects, list)
        assert by_objects == by_columns == by_ledger

    def test_a_cell_read_otherwise_leaves_the_column_road(self):
        """Held to its typed cells, a sheet with one its text reads otherwise is left to objects."""
        row = list(ROW)
        row[0] = dt.date(2023, 1, 1)
        data = workbook(None, [ROW, row])
        with pytest.raises(ByObjects):
            _arrow_sheets(io.BytesIO(data), "xlsx", "行政处罚", typed=True)
        # Not held (a piece of a province), it is read as its text, as before.
        ((_, table),) = _arrow_sheets(io.BytesIO(data), "xlsx", "行政处罚")
        assert ["P-1", "2023-01-01"] == table.column(0).to_pylist()


class TestEncodedColumns:
    def test_the_engines_columns_of_a_one_sheet_workbook_are_read_encoded(self):
        """Of a workbook of one sheet, every column the engine hashes is a dictionary; identifiers text."""
        rows = [ROW, ["P-2", "2023-13-01", "林业", "警告", None, None, "是"], ROW]
        data = workbook(None, rows)
        ((_, table),) = _arrow_sheets(
            io.BytesIO(data), "xlsx", "行政处罚", None, _to_encode("行政处罚", None)
        )
        assert [False] + [True] * 7 == [pa.types.is_dictionary(t) for t in table.schema.types]
        # Each distinct cell once, a null where the sheet has nothing, the rows in order.
        assert ["2023-08-23", "2023-13-01"] == table.column(1).chunk(0).dictionary.to_pylist()
        assert ["4996", None, "4996"] == table.column(5).to_pylist()
        by_objects, by_columns, by_ledger = three(data)
        # Row 3 a date that is none, row 4 the number P-1 given again.
        assert [3, 4] == sorted({problem[1] for problem in by_objects})
        assert by_objects == by_columns == by_ledger

    @given(st.lists(st.sampled_from(["甲", "", " ", None, "乙"]), max_size=20))
    def test_a_dictionary_holds_the_texts_in_order(self, texts):
        """Encoded, the texts come back as they were, nulls where None, each distinct text once."""
        encoded = _dictionary(texts)
        encoded.validate(full=True)
        assert texts == encoded.to_pylist()
        assert len(set(texts) - {None}) == len(encoded.dictionary)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_blank_procedure_is_the_records_default_on_both_paths(kind):
    """A blank 程序 is 普通程序 (the record's default) to the columns as to the objects."""
    rows = [[*ROW[:4], None, *ROW[5:]], ["P-2", *ROW[1:4], "简易程序", *ROW[5:]]]
    if kind == "xlsx":
        data = workbook(None, rows)
    else:
        lines = [",".join(strategies.WORKBOOK_HEADER)]
        lines += [",".join("" if c is None else str(c) for c in row) for row in rows]
        data = "\n".join(lines).encode()
    by_objects, by_columns, by_ledger = three(data)
    ordinary, simple = ec.actions.Procedure.ORDINARY, ec.actions.Procedure.SIMPLE
    assert {ordinary: 1, simple: 1} == dict(by_objects.penalty.by_procedure)
    assert by_objects == by_columns == by_ledger


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_DAY = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")


def _typed_cell(text):
    """A CSV cell as a clerk's workbook would hold it: numbers and days typed, the rest text."""
    if _NUMBER.fullmatch(text):
        number = float(text)
        # A cell Excel would show otherwise (leading zeros, a long code) stays text.
        return number if repr(number) in (text, f"{text}.0") and len(text) < 16 else text
    if day := _DAY.fullmatch(text):
        try:
            return dt.datetime(*map(int, day.groups()))  # noqa: DTZ001  (Excel's have no zone)
        except ValueError:
            return text
    return text


def _cell(text, *, typed):
    """What a workbook holds for a CSV cell: a blank none; control characters cannot be kept."""
    text = _NOT_IN_A_WORKBOOK.sub("", text)
    if not text:
        return None
    return _typed_cell(text) if typed else text


@pytest.mark.parametrize("layout", _LAYOUTS)
@settings(max_examples=examples(20))
@given(data=st.data(), typed=st.booleans())
def test_national_tables_in_a_workbook_read_as_the_object_path(layout, data, typed):
    """A 双公示 table saved as a workbook, its numbers and days typed or not: every road alike."""
    rows = list(csv.reader(io.StringIO(data.draw(_published_table(layout)).decode("utf-8"))))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "行政处罚"
    for number, row in enumerate(rows):
        sheet.append([_cell(c, typed=typed and number > 0) for c in row])
    saved = io.BytesIO()
    book.save(saved)
    by_objects, by_columns, by_ledger = three(saved.getvalue())
    event("refused" if isinstance(by_objects, list) else "read")
    assert by_objects == by_columns == by_ledger


# A clerk's whole workbook ------------------------------------------------------------------

_ABOUT = {"执法主体名称": "某镇人民政府", "执法主体层级": "镇", "年度": YEAR}
_UNIT = ["office", "综合行政执法办公室", "综合行政执法办公室", None]
_OFFICER_ROWS = [["o-1", "李明", "office", "在编", "是"], ["o-2", "王芳", "office", "在编", "否"]]
#: An officer whose status no reader knows: a problem of a sheet read by objects.
_BAD_OFFICER = ["o-3", "张伟", "office", "临时工", "是"]
_INSPECTION = ["I-1", dt.date(2023, 5, 2), "某某加油站", "消防安全", "o-1、o-2"]
#: A hazard of I-1, and one of an inspection the ledger does not hold (a problem).
_HAZARDS = [
    ["I-1", "H-1", dt.date(2023, 5, 2), "灭火器过期", dt.date(2023, 5, 10), dt.date(2023, 5, 8)],
    ["I-9", "H-9", dt.date(2023, 5, 2), "通道堵塞", None, None],
]
#: A record of each of three more kinds, by its sheet: the last one dated a year before.
_OTHER_KINDS = [
    ("约谈", ["T-1", dt.date(2023, 6, 5), "某某建材有限公司", "企业", None, "安全生产", "o-1"]),
    (
        "行政强制",
        ["C-1", dt.date(2023, 7, 1), "查封", "否", "某某建材有限公司", "企业", None, "o-1"],
    ),
    ("违规违纪", ["M-1", "o-1", dt.date(2022, 6, 1), "未按规定出示执法证件"]),
]
_LICENCE = [
    "L-1",
    dt.date(2023, 3, 1),
    "农村宅基地",
    "李四",
    "个人",
    None,
    "是",
    "准予许可",
    dt.date(2023, 3, 20),
]


_NO_EXPLAIN = tuple(phase for phase in Phase if phase is not Phase.explain)


def clerk_workbook(data):
    """A filled template: its about sheet or not, sheets read by objects (good or not), a
    penalty sheet of typed, mixed and bad cells, and now and then a national table beside it.

    Returns the workbook's bytes and whether the about sheet gives the body and year.
    """
    draw = data.draw
    book = openpyxl.load_workbook(io.BytesIO(template()))
    about = draw(st.booleans())
    if about:
        for row in book["基本信息"].iter_rows(min_row=2):
            row[1].value = _ABOUT.get(row[0].value)
    book["执法单位"].append(_UNIT)
    # Most workbooks good, so that whole ledgers are compared; a bad sheet now and then.
    rare = st.integers(0, 5).map(lambda n: n == 3)  # a middle value: drawn one time in six
    for row in [*_OFFICER_ROWS[: draw(st.integers(0, 2))], *[_BAD_OFFICER] * draw(rare)]:
        book["执法人员"].append(row)
    if draw(st.booleans()):
        book["行政检查"].append(_INSPECTION)
        book["隐患"].append(_HAZARDS[0])
        if draw(rare):
            book["隐患"].append(_HAZARDS[1])
    good = st.lists(st.integers(1, 99), unique=True, max_size=5).map(
        lambda ids: [[f"P-{n}", *ROW[1:]] for n in ids]
    )
    _penalties(book["行政处罚"], draw(st.one_of(good, strategies.workbook_rows)))
    if draw(st.booleans()):
        book["行政许可"].append(_LICENCE)
    # A few records of the other kinds the engine reads: their years count too.
    for sheet_name, row in draw(
        st.lists(st.sampled_from(_OTHER_KINDS), max_size=2, unique_by=lambda kind: kind[0])
    ):
        book[sheet_name].append(row)
    if draw(st.booleans()):
        # A national table, before the own penalty sheet or after every sheet.
        table = draw(_published_table("penalty-2021-legal"))
        data_rows = list(csv.reader(io.StringIO(table.decode("utf-8"))))
        sheet = book.create_sheet("行政处罚公示", draw(st.sampled_from([9, None])))
        for row in data_rows:
            sheet.append([_cell(c, typed=False) for c in row])
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue(), about


def _penalties(sheet, rows):
    """``rows`` (of :data:`strategies.WORKBOOK_HEADER`) into the template's penalty sheet."""
    header = [str(cell.value).lstrip("*") for cell in sheet[1]]
    places = [header.index(name) for name in strategies.WORKBOOK_HEADER]
    for values in rows:
        row = [None] * len(header)
        for place, value in zip(places, values, strict=True):
            row[place] = value
        sheet.append(row)


def ledger_or_problems(read):
    """The ledger a reading gives, with its JSON, or every problem it reports, whole."""
    try:
        ledger = read()
    except ec.LoadError as error:
        return sorted(
            (p.sheet, p.row or 0, p.header or "", repr(p.value), p.message, p.message_zh)
            for p in error.problems
        )
    return ledger, dump_json(ledger)


# Each example writes and reads a workbook three times: no explaining a failure line by line.
@settings(max_examples=examples(40), deadline=None, phases=_NO_EXPLAIN)
@given(st.data())
def test_a_clerks_whole_workbook_reads_as_the_object_path(data):
    """A whole workbook read once, its big sheets by columns: the object path's ledger or problems.

    read_ledger (on the column road at any size here) and read_columnar's ledger give the
    records, the body and year, the units and what is unknown as the object reading does,
    or every problem it names.
    """
    saved, _ = clerk_workbook(data)
    # Without body= and year=, they come from the about sheet, else from a national
    # table's body and the records' years, else are refused: alike on every road.
    given = {} if data.draw(st.booleans()) else {"body": BODY, "year": YEAR}
    by_objects = ledger_or_problems(lambda: read_objects(io.BytesIO(saved), **given))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_ledgers, "WORKBOOK_COLUMN_ROAD_FROM", 0)
        by_ledger = ledger_or_problems(lambda: read_ledger(io.BytesIO(saved), **given))
    assert by_objects == by_ledger
    if isinstance(by_objects, list):
        event("refused")
    else:
        event("read")
        ledger = by_objects[0]
        columnar = read_columnar(io.BytesIO(saved), body=ledger.body, year=ledger.year)
        assert by_objects == ledger_or_problems(columnar.to_ledger)
        assert summarize(ledger) == columnar.summarize()


@pytest.mark.parametrize("place", [9, None])
def test_a_decision_number_given_in_a_national_table_and_again_in_the_penalty_sheet_is_found(
    place,
):
    """A national table's decision number given again in the own penalty sheet (or the other
    way, by the order read): named on the column road as the object reading names it."""
    from test_columnar import _PUBLISHED_CELLS
    from test_layouts import HEADERS

    headers = HEADERS["penalty-2021-legal"]
    number = next(h for h in headers if h.endswith(("文号", "文书号")))
    cells = {h: (_PUBLISHED_CELLS.get(h) or [""])[0] for h in headers} | {number: "P-7"}
    book = openpyxl.load_workbook(io.BytesIO(template()))
    for row in book["基本信息"].iter_rows(min_row=2):
        row[1].value = _ABOUT.get(row[0].value)
    book["执法单位"].append(_UNIT)
    _penalties(book["行政处罚"], [["P-7", *ROW[1:]], ["P-8", *ROW[1:]]])
    sheet = book.create_sheet("行政处罚公示", place)
    sheet.append(list(headers))
    sheet.append([cells[h] for h in headers])
    saved = io.BytesIO()
    book.save(saved)
    by_objects = ledger_or_problems(lambda: read_objects(io.BytesIO(saved.getvalue())))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_ledgers, "WORKBOOK_COLUMN_ROAD_FROM", 0)
        by_ledger = ledger_or_problems(lambda: read_ledger(io.BytesIO(saved.getvalue())))
    assert by_objects == by_ledger
    assert isinstance(by_objects, list)
    assert [p for p in by_objects if "the same identifier as" in p[4] and "'P-7'" in p[3]]


def test_a_clerks_workbook_is_read_once(monkeypatch):
    """The sheets the column engine reads are not read by objects too: each sheet is read once."""
    book = openpyxl.load_workbook(io.BytesIO(template()))
    for row in book["基本信息"].iter_rows(min_row=2):
        row[1].value = _ABOUT.get(row[0].value)
    book["执法单位"].append(_UNIT)
    book["执法人员"].append(_OFFICER_ROWS[0])
    book["行政处罚"].append(["P-1", dt.date(2023, 8, 1), "交通运输", "罚款", None, 200])
    saved = io.BytesIO()
    book.save(saved)
    from enforcement_core.tables import _files

    reads = []
    real = _files.read_sheets

    def counted(*args, **kwargs):
        reads.append(1)
        return real(*args, **kwargs)

    for name in ("_files", "_arrow_files", "_read"):
        module = sys.modules[f"enforcement_core.tables.{name}"]
        monkeypatch.setattr(module, "read_sheets", counted)
    monkeypatch.setattr(_ledgers, "WORKBOOK_COLUMN_ROAD_FROM", 0)
    ledger = read_ledger(io.BytesIO(saved.getvalue()))
    assert 1 == len(reads)
    assert is_lazy(ledger.penalty_cases)
    assert ("o-1",) == tuple(officer.id for officer in ledger.officers)
    assert Decimal(200) == summarize(ledger).penalty.fines
    reads.clear()
    columnar = read_columnar(io.BytesIO(saved.getvalue()), body=ledger.body, year=ledger.year)
    assert 1 == len(reads)
    assert 1 == columnar.tables["penalty_cases"].num_rows
    # A workbook with problems, in a sheet read by objects and in one the engine reads:
    # read_ledger names the object reading's problems, in its order, from the one read.
    book["执法人员"].append(_BAD_OFFICER)
    book["行政处罚"].append(["P-2", "昨天", "交通运输", "罚款", None, 300])
    saved = io.BytesIO()
    book.save(saved)
    reads.clear()
    with pytest.raises(ec.LoadError) as by_ledger:
        read_ledger(io.BytesIO(saved.getvalue()))
    assert 1 == len(reads)
    with pytest.raises(ec.LoadError) as by_objects:
        read_objects(io.BytesIO(saved.getvalue()))
    assert {"执法人员", "行政处罚"} == {problem.sheet for problem in by_ledger.value.problems}
    assert by_objects.value.problems == by_ledger.value.problems


def test_a_workbooks_headers_renamed_by_a_mapping_read_alike_on_the_road(monkeypatch):
    """mapping= reaches every step of the workbook road: the same ledger as the object reading."""
    book = openpyxl.load_workbook(io.BytesIO(template()))
    for row in book["基本信息"].iter_rows(min_row=2):
        row[1].value = _ABOUT.get(row[0].value)
    penalties = book["行政处罚"]
    penalties.cell(1, 1).value = "案件号"  # the template's *编号
    penalties.append(["P-1", dt.date(2023, 8, 1), "交通运输", "罚款", None, 200])
    penalties.append(["P-2", dt.date(2023, 9, 1), "林业", "警告", None, None])
    saved = io.BytesIO()
    book.save(saved)
    data = saved.getvalue()
    monkeypatch.setattr(_ledgers, "WORKBOOK_COLUMN_ROAD_FROM", 0)
    mapping = {"案件号": "id"}
    by_road = read_ledger(io.BytesIO(data), mapping=mapping)
    assert is_lazy(by_road.penalty_cases)
    assert ("P-1", "P-2") == tuple(case.id for case in by_road.penalty_cases)
    assert read_objects(io.BytesIO(data), mapping=mapping) == by_road
    # Without the mapping the sheet lacks its required column, alike on both roads.
    with pytest.raises(ec.LoadError) as on_the_road:
        read_ledger(io.BytesIO(data))
    with pytest.raises(ec.LoadError) as by_objects:
        read_objects(io.BytesIO(data))
    assert by_objects.value.problems == on_the_road.value.problems


@pytest.mark.parametrize("bad", [False, True], ids=["read", "refused"])
def test_read_ledger_reads_a_workbook_with_the_collector_paused_and_on_after(bad, monkeypatch):
    """The rows kept for the object reading are never walked by the collector: it is off while
    the workbook is split, and on again once read_ledger returns or raises."""
    import gc

    row = list(ROW)
    row[0] = "P-2"
    if bad:
        row[3] = "打板子"
    data = workbook(None, [ROW, row])
    split = _ledgers.split_workbook
    during = []

    def watched(*args, **kwargs):
        during.append(gc.isenabled())
        return split(*args, **kwargs)

    monkeypatch.setattr(_ledgers, "split_workbook", watched)
    monkeypatch.setattr(_ledgers, "WORKBOOK_COLUMN_ROAD_FROM", 0)
    assert gc.isenabled()
    if bad:
        with pytest.raises(ec.LoadError, match="打板子"):
            read_ledger(io.BytesIO(data), body=BODY, year=YEAR)
    else:
        assert 2 == summarize(read_ledger(io.BytesIO(data), body=BODY, year=YEAR)).penalty.cases
    assert [False] == during
    assert gc.isenabled()
