"""The column engine on polars (``tables._polars_engine``), held to the Arrow engine.

A CSV of penalty cases in the library's layout is read by polars when it is
installed; every other file, and every file it leaves, by the Arrow engine. Both
must give the same ledger: the same problems in the same order and words, or the
same report, typed tables, records and what is unknown.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import pickle
import subprocess
import sys
import textwrap
from collections import defaultdict
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import enforcement_core as ec
import strategies
from enforcement_core._tallies import RecordColumns, WeightedColumns
from enforcement_core.figures import PenaltyFigures
from enforcement_core.serialization import dump_json
from enforcement_core.tables import _polars_engine, columnar, read_columnar
from enforcement_core.tables._files import MAX_CELL_CHARS
from enforcement_core.tables._read import read_objects
from test_columnar import BAD, BODY, SHEETS, YEAR, _national_csv, cell, on

pytest.importorskip("polars")
pytest.importorskip("pyarrow")

#: The kinds of record the polars engine reads, and how to draw them.
KINDS = {
    "penalty_cases": lambda: strategies.penalty_cases(on=on),
    "licence_applications": lambda: strategies.licence_applications(on=on),
}


def value_at(record, path):
    """The value a column of ``path`` holds of ``record`` (a party's field, or None)."""
    for step in path:
        record = getattr(record, step, None) if record is not None else None
    return record


def sheet(columns, cases, bad=(), *, line_end="\n"):
    """The CSV of ``cases`` in ``columns``; ``bad`` puts (row, column, text) in."""
    rows = [[cell(value_at(case, c.path)) for c in columns] for case in cases]
    for row, column, text in bad:
        if rows:
            rows[row % len(rows)][column % len(columns)] = text
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=line_end).writerows([[c.header() for c in columns], *rows])
    return buffer.getvalue().encode("utf-8")


def outcome(data, *, polars):
    """What read_columnar gives of ``data`` by one engine: every problem, or the ledger as data."""
    _polars_engine._ON[0] = polars
    try:
        ledger = read_columnar(io.BytesIO(data), body=BODY, year=YEAR)
    except ec.LoadError as error:
        return [
            (p.sheet, p.row, p.header, repr(p.value), p.message, p.message_zh)
            for p in error.problems
        ]
    finally:
        _polars_engine._ON[0] = True
    tables = {field: ledger.tables[field] for field in ledger.tables}
    summary = ledger.summarize()
    return {
        "summary": summary,
        "report": dump_json(summary),
        "rest": ledger.rest,
        "rows": ledger.rows(),
        "tables": {field: (t.schema, t.to_pylist()) for field, t in tables.items()},
        "records": ledger.to_ledger().penalty_cases or ledger.to_ledger().licence_applications,
        "arrow": tables,
    }


def engines_agree(data):
    """Both engines' outcomes, held equal (tables to their dictionaries' order); the polars one."""
    mine, theirs = outcome(data, polars=True), outcome(data, polars=False)
    if isinstance(mine, dict) and isinstance(theirs, dict):
        for field, table in mine.pop("arrow").items():
            assert table.equals(theirs.pop("arrow")[field])
    assert mine == theirs
    return mine


def took(data):
    """Whether the polars engine reads ``data`` itself (its problems included)."""
    try:
        return (
            _polars_engine.read_csv_sheet(io.BytesIO(data), ("t.csv", "t"), None, YEAR) is not None
        )
    except ec.LoadError:
        return True


odd_cells = st.sampled_from(
    [
        *BAD,
        *("", " ", "  罚款 ", "警告、警告", "示例1", "P-1", " P-1 ", "1.2万", "0", "-0", "否"),
        *("√", "2023/5/2", "P 1", "\u200b"),
    ]
)


@st.composite
def grouped_sheets(draw):
    """A CSV of penalty cases or licence applications, some of the layout's columns (a
    party's included), bad and odd cells, blank lines."""
    field = draw(st.sampled_from(sorted(KINDS)))
    required = [c for c in SHEETS[field].columns if c.required]
    optional = [c for c in SHEETS[field].columns if not c.required]
    columns = required + draw(st.lists(st.sampled_from(optional), unique=True))
    cases = draw(st.lists(KINDS[field](), max_size=8))
    # Mostly good files (their figures compared), some with a number given twice or bad cells.
    cases = [
        attrs.evolve(case, id="P-1") if draw(st.integers(0, 9)) == 0 else case for case in cases
    ]
    bad = draw(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 20), odd_cells), max_size=4))
    bad = bad if draw(st.booleans()) else []
    data = sheet(columns, cases, bad, line_end=draw(st.sampled_from(["\n", "\r\n"])))
    lines = data.split(b"\n")
    for at in draw(st.lists(st.integers(1, 12), max_size=2)):
        lines.insert(min(at, len(lines)), draw(st.sampled_from([b"", b"\r", b",,", b" "])))
    return b"\n".join(lines) + draw(st.sampled_from([b"", b"\n", b"\n\n", b"\r\n\r\n"]))


def by_objects(data):
    """The object path's summary, or its problems (row, header, message), the reference."""
    try:
        return ec.summarize(read_objects(io.BytesIO(data), body=BODY, year=YEAR))
    except ec.LoadError as error:
        return {(p.row, p.header, p.message) for p in error.problems}


def by_the_column_road(data):
    """read_ledger's summary of ``data`` read by the column engine (of any size), or its problems."""
    from enforcement_core.tables import _ledgers

    before = _ledgers.COLUMN_ROAD_FROM
    _ledgers.COLUMN_ROAD_FROM = 0
    try:
        return ec.summarize(ec.read_ledger(io.BytesIO(data), body=BODY, year=YEAR))
    except ec.LoadError as error:
        return {(p.row, p.header, p.message) for p in error.problems}
    finally:
        _ledgers.COLUMN_ROAD_FROM = before


@given(grouped_sheets())
def test_both_engines_give_the_same_ledger_or_the_same_problems(data):
    """Generated sheets, bad cells and blank lines: the same outcome by both engines, and
    the object path's; polars reads every one without a quote, a CR alone or a row longer
    than its header."""
    mine = engines_agree(data)
    reference = by_objects(data)
    if isinstance(mine, dict):
        assert dump_json(reference) == mine["report"]
    else:
        assert reference == {(row, header, message) for _, row, header, _, message, _ in mine}
    # read_ledger on the column road (polars first, with the year given): the same too.
    road = by_the_column_road(data)
    assert (
        dump_json(reference) == dump_json(road)
        if isinstance(road, ec.AnnualReport)
        else (reference == road)
    )
    lone_cr = data.replace(b"\r\n", b"").count(b"\r")
    header, *lines = data.split(b"\n")
    too_long = any(line.count(b",") > header.count(b",") for line in lines)
    # (polars takes a last line with one more, empty, cell, as both engines read it alike.)
    assert took(data) or b'"' in data or lone_cr or too_long


#: Rows of bad and odd cells (the columns of ``HEADER``), and the problems they make.
HEADER = list(strategies.WORKBOOK_HEADER)
ROWS = [
    ["P0", "2023-01-05", "交通", "罚款", "简易程序", "200", "o-01、o-02", "是"],
    ["P1", "2023-13-01", "交通", "警告", "简易程序", "", "o-01", "否"],  # not a day
    ["P2", "2023/5/2", "消防", "罚款", "普通程序", "300.5", "o-01", "是"],
    ["P3", "2023年5月2日", "消防", "罚款", "普通程序", "-5", "o-01", "是"],  # negative
    ["P4", "2023-03-01", "交通", "警告", "快速程序", "", "o-01", "否"],  # no such procedure
    ["P0", "2023-03-02", "交通", "警告", "简易程序", "", "o-01", "否"],  # given twice
    ["", "2023-03-03", "交通", "警告", "简易程序", "", "o-01", "否"],  # no identifier
    ["P8", "2023-03-05", "交通", "罚款", "简易程序", "12.345", "o-01", "是"],  # three places
    ["P9", "2023-03-06", "交通", "警告", "简易程序", "100", "o-01", "否"],  # a fine, no 罚款
    ["P10", "2023-03-07", "交通", "罚款、罚款", "简易程序", "100", "o-01", "是"],  # listed twice
    ["", "", "", "", "", "", "", ""],  # a blank row: passed over
    ["示例1", "2023-03-10", "交通", "警告", "简易程序", "bad", "o-01", "否"],  # the example
    ["P15", "2022-12-31", "交通", "警告", "简易程序", "", "o-01", "否"],  # another year: fine
    [" P19 ", "2023-03-14", "交通", "警告", "简易程序", "", "o-01", "否"],
    ["P19", "2023-03-15", "交通", "警告", "简易程序", "", "o-01", "否"],  # twice, trimmed
]


def test_bad_cells_give_the_problems_written_here():
    """Each bad cell's problem at its row and column, in both languages; nothing for the blank or example rows."""
    data = sheet_of(ROWS)
    assert took(data)
    problems = engines_agree(data)
    found = {(row, header) for _, row, header, *_ in problems}
    assert {
        (3, "决定日期"),
        (5, "罚款金额（元）"),
        (6, "程序"),
        (7, "编号"),
        (8, "编号"),
        (9, "罚款金额（元）"),
        (16, "编号"),
    } <= found
    assert not {row for row, _ in found} & {12, 13, 14}
    again = next(p for p in problems if p[1] == 7)
    assert "P0" in again[3]
    assert "row 2" in again[4]
    assert all(p[5] for p in problems)  # each in Chinese too
    assert [p[1] for p in problems] == sorted(p[1] for p in problems)


def sheet_of(rows, header=HEADER):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    return buffer.getvalue().encode("utf-8")


def test_accepted_variants_give_the_figures_written_here():
    """Dates, amounts, labels and yes-or-no as clerks write them: the year's cases and fines."""
    rows = [
        ["A1", "2023-01-05", "交通", "罚款", "简易程序", "200", "o-01、o-02", "是"],
        ["A2", "2023/5/2", "消防", "罚款", "普通程序", "300.5", "o-01", "是"],
        ["A3", "2023年5月2日", "消防", "罚款、没收违法所得", "普通程序", "1200", "o-01", "是"],
        ["A4", "20230502", "交通运输", "警告", "", "", "", "否"],
        ["示例2", "2023-03-10", "交通", "警告", "简易程序", "bad", "o-01", "否"],
        ["A5", "2022-12-31", "交通", "罚款", "简易程序", "99", "o-01", "是"],
        ["A6", "2024-01-01", "交通", "罚款", "简易程序", "98", "o-01", "是"],
        [" A7 ", "2023-07-07", "食品药品", "罚款", "简易程序", " +7.10 ", "o-03", "√"],
        ["A9", "2023-07-09", "其他", "罚款", "一般程序", "0.01", "o-03", "1"],
        ["A11", "2023-07-11", "市场监管", "罚款", "普通程序", "000123.40", "o-03", "yes"],
    ]
    data = sheet_of(rows)
    assert took(data)
    ledger = engines_agree(data)
    penalty = ledger["summary"].penalty
    assert 7 == penalty.cases
    assert Decimal("1831.01") == penalty.fines
    assert 6 == penalty.legal_reviews
    assert 9 == ledger["rows"]  # the example row left out, the other years' kept
    records = {case.id: case for case in ledger["records"]}
    assert Decimal("7.10") == records["A7"].fine


@pytest.mark.parametrize(
    ("why", "data"),
    [
        (
            "a quoted cell",
            sheet_of([["P1", "2023-01-05", "交通", "罚款", "简易程序", "1,200", "o", "是"]]),
        ),
        (
            "a CR alone",
            sheet_of([["P1", "2023-01-05", "交通\r", "警告", "简易程序", "", "o", "否"]]),
        ),
        (
            "GB18030",
            sheet_of([["P1", "2023-01-05", "交通", "警告", "简易程序", "", "o", "否"]])
            .decode()
            .encode("gb18030"),
        ),
        (
            "a long cell",
            sheet_of(
                [["P1", "2023-01-05", "交" * (MAX_CELL_CHARS + 1), "警告", "", "", "o", "否"]]
            ),
        ),
        (
            "a long identifier",
            sheet_of(
                [["P" * (MAX_CELL_CHARS + 1), "2023-01-05", "交通", "警告", "", "", "o", "否"]]
            ),
        ),
        (
            "a row too long",
            sheet_of([["P1", "2023-01-05", "交通", "警告", "简易程序", "", "o", "否", "x"]]),
        ),
        (
            "a blank header",
            sheet_of(
                [["P1", "2023-01-05", "交通", "警告", "简易程序", "", "o", "否"]],
                [*HEADER[:-1], " "],
            ),
        ),
        (
            "a header twice",
            sheet_of(
                [["P1", "2023-01-05", "交通", "警告", "简易程序", "", "o", "否"]],
                [*HEADER[:-1], "程序"],
            ),
        ),
        (
            "coercion",
            sheet_of([["C1", "2023-01-05", "1", ""]], ["编号", "实施日期", "强制措施", "强制执行"]),
        ),
        # Found by tests/test_fuzz.py: the Arrow engine says the value under no header
        # first, and then only (a header's problem waits for the rows to be read).
        (
            "a header's problem",
            sheet_of(
                [["P-1", "2023-08-01", "交通", "罚款", "200", "", "0"]],
                [*HEADER[:3], "0", HEADER[5]],
            ),
        ),
        (
            "a header's problem alone",
            sheet_of([["P-1", "2023-08-01", "交通", "罚款", "200"]], [*HEADER[:3], "0", HEADER[5]]),
        ),
    ],
)
def test_files_left_to_the_arrow_engine_read_as_it_reads_them(why, data):
    """What the polars engine does not read it leaves, whole, to the Arrow engine: the same outcome."""
    assert not took(data), why
    engines_agree(data)


def test_without_pyarrow_until_the_tables_are_asked_for(tmp_path):
    """The report of a CSV read by polars imports no pyarrow; the typed tables, when asked for, do."""
    path = tmp_path / "行政处罚.csv"
    path.write_bytes(sheet_of(ROWS[:3:2]))
    script = textwrap.dedent(
        f"""
        import sys
        from enforcement_core.body import BodyLevel, EnforcementBody
        from enforcement_core.tables import read_columnar
        ledger = read_columnar({str(path)!r}, body=EnforcementBody("某镇", BodyLevel.TOWN), year=2023)
        print(ledger.summarize().penalty.cases, "pyarrow" in sys.modules, "numpy" in sys.modules)
        print(ledger.tables["penalty_cases"].num_rows, "pyarrow" in sys.modules)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert ["2 False False", "2 True"] == done.stdout.split("\n")[:2]


def test_a_national_table_is_left_by_its_first_line(tmp_path):
    """A 双公示 CSV goes to the Arrow engine on its header: polars never imported, no byte scanned."""
    path = tmp_path / "行政处罚决定公示.csv"
    headers = [
        "行政相对人名称",
        "行政相对人类别",
        "行政处罚决定书文号",
        "处罚类别",
        "处罚决定日期",
        "处罚机关",
    ]
    path.write_bytes(
        _national_csv(
            headers,
            [
                dict(
                    zip(
                        headers,
                        ["某厂", "法人及非法人组织", "罚1", "警告", "2023-05-02", "某镇"],
                        strict=True,
                    )
                )
            ],
        )
    )
    script = textwrap.dedent(
        f"""
        import sys
        from enforcement_core.body import BodyLevel, EnforcementBody
        from enforcement_core.tables import _polars_engine, columnar, read_columnar

        def scanned(data):
            raise AssertionError("a national table's bytes scanned")

        _polars_engine._plain_bytes = scanned
        assert _polars_engine.enabled()
        ledger = read_columnar({str(path)!r}, body=EnforcementBody("某镇", BodyLevel.TOWN), year=2023)
        print(ledger.summarize().penalty.cases, "polars" in sys.modules)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert "1 False" == done.stdout.split("\n")[0]


def test_read_ledger_reads_on_polars_without_pyarrow_until_the_records_are_asked_for(tmp_path):
    """read_ledger of a CSV of the library's layout (year given, the column road): summarised
    on polars with no pyarrow; the records, when asked for, built from the typed table."""
    path = tmp_path / "行政处罚.csv"
    path.write_bytes(sheet_of(ROWS[:3:2]))
    script = textwrap.dedent(
        f"""
        import sys
        import enforcement_core as ec
        from enforcement_core.body import BodyLevel, EnforcementBody
        from enforcement_core.tables import _ledgers
        _ledgers.COLUMN_ROAD_FROM = 0
        body = EnforcementBody("某镇", BodyLevel.TOWN)
        ledger = ec.read_ledger({str(path)!r}, body=body, year=2023)
        print(len(ledger.penalty_cases), ec.summarize(ledger).penalty.fines, "pyarrow" in sys.modules)
        print([case.id for case in ledger.penalty_cases], "pyarrow" in sys.modules)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert ["2 500.5 False", "['P0', 'P2'] True"] == done.stdout.split("\n")[:2]


def test_the_ledger_pickles_with_its_tables_made():
    """Sent to another process (Dask, multiprocessing), the ledger takes its tables along, made."""
    ledger = read_columnar(io.BytesIO(sheet_of(ROWS[:3:2])), body=BODY, year=YEAR)
    again = pickle.loads(pickle.dumps(ledger))  # noqa: S301  (its own bytes)
    assert isinstance(again.tables, dict)
    assert again.tables["penalty_cases"].equals(ledger.tables["penalty_cases"])
    assert again.summarize() == ledger.summarize()


def test_without_polars_the_arrow_engine_reads(monkeypatch):
    """polars not installed: read_columnar reads every file by the Arrow engine, alike."""
    import importlib.util

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "polars" else find_spec(name, *a),
    )
    assert not _polars_engine.enabled()

    def not_called(*_):
        raise AssertionError("the polars engine ran")

    monkeypatch.setattr(columnar, "read_csv_sheet", not_called)
    ledger = read_columnar(io.BytesIO(sheet_of(ROWS[:3:2])), body=BODY, year=YEAR)
    assert 2 == ledger.summarize().penalty.cases
    assert 2 == ledger.tables["penalty_cases"].num_rows


@given(st.lists(strategies.penalty_cases(on=on), max_size=12))
def test_weighted_groups_count_as_their_records(cases):
    """The figures of groups of alike cases, weighted by their rows, are the figures of the cases."""
    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    counted = ("domain", "sanctions", "procedure", "lightened", "legal_review", "referred")
    groups: dict[tuple, list] = defaultdict(list)
    for case in cases:
        key = (start <= case.decided_on <= end, *(getattr(case, f) for f in counted))
        groups[key].append(case)
    weighted = WeightedColumns(
        {f: [key[1 + i] for key in groups] for i, f in enumerate(counted)},
        [len(members) for members in groups.values()],
        {
            money: [
                sum(int(getattr(c, money) * 100) for c in m if getattr(c, money) is not None)
                for m in groups.values()
            ]
            for money in ("fine", "confiscation")
        },
        ("decided_on", start, end),
        [key[0] for key in groups],
    )
    by_groups = PenaltyFigures._from_columns(weighted, start, end)
    assert by_groups == PenaltyFigures._from_columns(RecordColumns(tuple(cases)), start, end)
    if by_groups is not None:
        # Written alike too: the sums in fen are the records' sums, to the places.
        assert repr(by_groups) == repr(PenaltyFigures.from_records(tuple(cases), start, end))


def test_weighted_groups_refuse_another_year():
    """Grouped by one year's bounds, the groups cannot count another's: an error, not a figure."""
    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    weighted = WeightedColumns({}, [3], {}, ("decided_on", start, end), [True])
    assert 3 == weighted.in_year("decided_on", start, end).rows
    with pytest.raises(ValueError, match="grouped by"):
        weighted.in_year("decided_on", start, dt.date(YEAR + 1, 12, 31))


def test_a_ledger_given_other_tables_counts_those():
    """The figures counted as polars read the file go with its tables, not with the ledger."""
    ledger = read_columnar(io.BytesIO(sheet_of(ROWS[:3:2])), body=BODY, year=YEAR)
    assert 2 == ledger.summarize().penalty.cases
    one_row = ledger.tables["penalty_cases"].slice(0, 1)
    assert 1 == attrs.evolve(ledger, tables={"penalty_cases": one_row}).summarize().penalty.cases


#: Text that changes how a line, a cell or a value is read.
SPLICED = ["\r", "\n", "\r\n", ",", " ", "\x00", "\t", "\ufeff", "示例", "、", "-", ".", "0"]
SPLICED += ["2023-02-30", "\u3000", "罚款", "P-1", "\u200b"]
#: Bytes no text encodes as UTF-8 writes it.
BROKEN = [b"\xff", b"\xe7\xbc", b"\xc0\x80"]


@st.composite
def spliced_sheets(draw):
    """A good penalty sheet with a few characters put in, cut out or doubled anywhere, or broken bytes."""
    text = sheet_of([ROWS[0], ROWS[2], *ROWS[10:14]]).decode("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["put", "put", "cut", "double"]))
        if kind == "put":
            text = text[:at] + draw(st.sampled_from(SPLICED)) + text[at:]
        elif kind == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 3)) :]
        else:
            text = text[:at] + text[at : at + draw(st.integers(1, 8))] + text[at:]
    data = text.encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(BROKEN)) + data[at:]
    return data


@given(spliced_sheets())
def test_spliced_bytes_give_both_engines_the_same_outcome(data):
    """Line ends, NULs, broken UTF-8, BOMs and cut cells anywhere: the same outcome by both engines."""
    engines_agree(data)


@pytest.mark.fuzz
@settings(max_examples=3000, deadline=None)
@given(spliced_sheets())
def test_spliced_bytes_long(data):
    """The long run (``-m fuzz``): thousands of spliced sheets."""
    engines_agree(data)


#: The template's fourteen columns, a party's three among them.
TEMPLATE = [c.header() for c in SHEETS["penalty_cases"].columns]


def template_row(number, name="", kind="", id_number=""):
    """A row of the template: a case of 100 yuan, its party as given."""
    case = [number, "2023-05-02", "交通", "罚款", "简易程序", "100", ""]
    return [*case, name, kind, id_number, "o-01", "是", "否", "否"]


def test_a_party_is_checked_by_its_class_on_polars():
    """The template's party columns: a party its class refuses (a name missing, an identity
    number that is none) is said at its row, as the Arrow engine says it; others pass."""
    rows = [
        template_row("P1", "张三", "自然人", "110101199003074514"),  # a valid identity number
        template_row("P2", "某公司", "法人", "91350100M000100Y43"),
        template_row("P3", "李四", "自然人", "110101199003074515"),  # its check digit wrong
        template_row("P4", "", "自然人", ""),  # a kind without a name
        template_row("P5"),  # no party
        # A name its reader takes and its class does not (invisible), in a row alike to
        # P1's in all the groups know of it: found by trying each distinct party.
        template_row("P6", "\u200b", "自然人", "110101199003074514"),
    ]
    data = sheet_of(rows, TEMPLATE)
    assert took(data)
    problems = engines_agree(data)
    assert {4, 5, 7} == {row for _, row, *_ in problems}
    assert any(header == "当事人名称" for _, row, header, *_ in problems if row == 7)
    assert any(header == "当事人证件号码" for _, row, header, *_ in problems if row == 4)
    assert any(header == "当事人名称" for _, row, header, *_ in problems if row == 5)
    good = sheet_of([rows[0], rows[1], rows[4]], TEMPLATE)
    assert took(good)
    ledger = engines_agree(good)
    assert 3 == ledger["summary"].penalty.cases
    parties = {case.id: case.party for case in ledger["records"]}
    assert "张三" == parties["P1"].name
    assert parties["P5"] is None


def test_a_name_column_without_a_kind_column_gives_records(monkeypatch):
    """当事人名称 without 当事人类别, every name blank (a name alone is refused): the records
    build, by either engine and by read_ledger's column road (a KeyError before, found by
    the property above)."""
    from enforcement_core.tables import _ledgers, read_ledger

    data = sheet_of([["P-1", "2023-11-01", "安全生产", "警告", ""]], [*HEADER[:4], "当事人名称"])
    assert took(data)
    ledger = engines_agree(data)
    assert [None] == [case.party for case in ledger["records"]]
    monkeypatch.setattr(_ledgers, "COLUMN_ROAD_FROM", 0)
    (case,) = read_ledger(io.BytesIO(data), body=BODY, year=YEAR).penalty_cases
    assert case.party is None
    named = sheet_of(
        [["P-1", "2023-11-01", "安全生产", "警告", "张三"]], [*HEADER[:4], "当事人名称"]
    )
    problems = engines_agree(named)
    assert [(2, "当事人类别")] == [(row, header) for _, row, header, *_ in problems]


LICENCES = [c.header() for c in SHEETS["licence_applications"].columns]


def licence_row(
    number, applied, *, accepted="是", decision="", decided="", revoked="", review="否"
):
    """A licence application of 食品经营许可, its applicant left blank."""
    return [
        number,
        applied,
        "食品经营许可",
        "",
        "",
        "",
        accepted,
        decision,
        decided,
        revoked,
        review,
    ]


def test_licences_give_the_figures_written_here():
    """Licence applications on polars: granted, refused, pending, revoked and the subject,
    counted from the groups as the records count them."""
    rows = [
        licence_row("L1", "2023-01-05", decision="准予许可", decided="2023-01-20", review="是"),
        licence_row("L2", "2023-02-01", decision="不予许可", decided="2023-02-10"),
        licence_row("L3", "2023-03-01"),  # accepted, no decision yet: pending
        licence_row("L4", "2023-04-01", accepted="否"),
        licence_row(
            "L5",
            "2023-05-01",
            decision="准予许可",
            decided="2023-05-10",
            revoked="2023-08-01",
            review="是",
        ),
        licence_row("L6", "2022-12-01", decision="准予许可", decided="2022-12-05"),
    ]
    data = sheet_of(rows, LICENCES)
    assert took(data)
    licensing = engines_agree(data)["summary"].licensing
    assert (5, 4, 2, 1, 1, 1, 2) == (
        licensing.applications,
        licensing.accepted,
        licensing.granted,
        licensing.refused,
        licensing.pending,
        licensing.revoked,
        licensing.legal_reviews,
    )
    assert "食品经营许可" == licensing.subject


def test_a_decision_before_its_application_is_said_on_polars():
    """The declared check between two fields (决定日期 not before 申请日期), once per pair of dates."""
    rows = [
        licence_row("L1", "2023-01-05", decision="准予许可", decided="2023-01-20"),
        licence_row("L2", "2023-03-05", decision="准予许可", decided="2023-03-01"),
        licence_row("L3", "2023-03-05", decision="准予许可", decided="2023-03-01"),
    ]
    data = sheet_of(rows, LICENCES)
    assert took(data)
    problems = engines_agree(data)
    assert [(3, "决定日期"), (4, "决定日期")] == [(row, header) for _, row, header, *_ in problems]
