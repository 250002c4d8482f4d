"""A sheet the Arrow engine checked, counted from its codes: the figures of its typed table, or of its records."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import enforcement_core as ec
import strategies
from enforcement_core.figures import LicensingFigures, PenaltyFigures
from enforcement_core.serialization import dump_json
from enforcement_core.tables import _publicity_columns, read_columnar
from enforcement_core.tables._read import read_objects
from test_columnar import (
    BODY,
    SHEETS,
    YEAR,
    _national_csv,
    _national_table,
    bad_cells,
    cell,
    on,
    table,
)

pytest.importorskip("pyarrow")

KINDS = {"penalty_cases": PenaltyFigures, "licence_applications": LicensingFigures}
START, END = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)


def sheets_alike(data):
    """The summary counted from the codes is the records' summary, and each table's figures its typed table's.

    By ``read_columnar``, and by ``read_ledger`` on the column road (its lazy records
    counted from the codes too).
    """
    try:
        ledger = read_columnar(io.BytesIO(data), body=BODY, year=YEAR)
    except ec.LoadError:
        return
    summary, of_records = ledger.summarize(), ec.summarize(ledger.to_ledger())
    assert summary == of_records
    assert summary == ec.summarize(ec.read_ledger(io.BytesIO(data), body=BODY, year=YEAR))
    # Written alike to the places of every amount, as the records' summary writes them.
    assert dump_json(summary) == dump_json(of_records)
    # Before the figures a sheet leaves unknown are left: as counted over the typed table.
    assert set(ledger.tables.counted) == set(ledger.tables)
    for field in ledger.tables:
        counted = ledger.tables.counted[field]
        assert counted == KINDS[field].from_table(ledger.tables[field], START, END)


@pytest.fixture
def column_road(monkeypatch):
    """read_ledger reads a small CSV by the column engine, as it reads one of a megabyte."""
    from enforcement_core.tables import _ledgers

    monkeypatch.setattr(_ledgers, "COLUMN_ROAD_FROM", 0)


@pytest.mark.usefixtures("arrow_engine", "column_road")
class TestCountedFromTheCodes:
    """The figures the Arrow engine counts as it reads equal its typed table's and its records'."""

    @given(_national_table("penalty"))
    def test_national_penalty_tables(self, data):
        sheets_alike(data)

    @given(_national_table("licensing"))
    def test_national_licensing_tables(self, data):
        sheets_alike(data)

    @given(st.lists(strategies.penalty_cases(on=on), max_size=8), bad_cells)
    def test_penalty_sheets_of_the_library_layout(self, cases, bad):
        sheets_alike(table("penalty_cases", cases, bad))

    @given(st.lists(strategies.licence_applications(on=on), max_size=8), bad_cells)
    def test_licence_sheets_of_the_library_layout(self, cases, bad):
        sheets_alike(table("licence_applications", cases, bad))


def typed_parquet(cases):
    """The Parquet file of ``cases`` in the library's layout, the dates and amounts typed."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = {}
    for column in SHEETS["penalty_cases"].columns:
        values = []
        for case in cases:
            value = case
            for step in column.path:
                value = getattr(value, step, None) if value is not None else None
            values.append(value)
        if column.path == ("decided_on",):
            columns[column.header()] = pa.array(values, pa.date32())
        elif column.path in (("fine",), ("confiscation",)):
            columns[column.header()] = pa.array(values, pa.decimal128(15, 2))
        else:
            columns[column.header()] = pa.array([cell(v) or None for v in values], pa.string())
    buffer = io.BytesIO()
    pq.write_table(pa.table(columns), buffer)
    return buffer.getvalue()


@given(st.lists(strategies.penalty_cases(on=on), max_size=8))
def test_a_typed_parquet_file_counts_as_its_records(cases):
    """Dates and amounts typed in Parquet: counted from the codes as the records are summarised."""
    data = typed_parquet(cases)
    try:
        ledger = read_columnar(io.BytesIO(data), body=BODY, year=YEAR)
    except ec.LoadError:
        return  # a number given twice: refused, as by objects
    assert ledger.summarize() == ec.summarize(read_objects(io.BytesIO(data), body=BODY, year=YEAR))
    assert set(ledger.tables.counted) == set(ledger.tables)
    for field in ledger.tables:
        counted = ledger.tables.counted[field]
        assert counted == PenaltyFigures.from_table(ledger.tables[field], START, END)


NATIONAL = [
    "行政相对人名称",
    "行政相对人类别",
    "行政处罚决定书文号",
    "处罚类别",
    "罚款金额（万元）",
]
NATIONAL += ["处罚决定日期", "处罚机关"]


def national(*rows):
    return _national_csv(NATIONAL, [dict(zip(NATIONAL, row, strict=True)) for row in rows])


def test_a_national_tables_figures_written_here():
    """Three decisions, one of another year: the year's two counted, their fines in yuan."""
    data = national(
        ["甲厂", "法人及非法人组织", "罚1", "罚款", "0.5", f"{YEAR}-03-01", "某镇"],
        ["乙厂", "法人及非法人组织", "罚2", "警告、罚款", "1.2345", f"{YEAR}-11-30", "某镇"],
        ["丙厂", "法人及非法人组织", "罚3", "罚款", "9", f"{YEAR - 1}-12-31", "某镇"],
    )
    penalty = read_columnar(io.BytesIO(data), body=BODY, year=YEAR).summarize().penalty
    assert 2 == penalty.cases
    assert Decimal(17345) == penalty.fines


@pytest.fixture
def made(monkeypatch):
    """Each typed table of a national table made, as it is made."""
    tables = []
    national_arrow = _publicity_columns._national_arrow

    def making(*args, **kwargs):
        tables.append(1)
        return national_arrow(*args, **kwargs)

    monkeypatch.setattr(_publicity_columns, "_national_arrow", making)
    return tables


def test_a_summary_makes_no_typed_table(made):
    """A national table summarised: its typed table is never made; asked for, it is made once."""
    data = national(["甲厂", "法人及非法人组织", "罚1", "罚款", "0.5", f"{YEAR}-03-01", "某镇"])
    ledger = read_columnar(io.BytesIO(data), body=BODY, year=YEAR)
    assert 1 == ledger.summarize().penalty.cases
    assert [] == made
    assert 1 == ledger.tables["penalty_cases"].num_rows
    assert 1 == ledger.tables["penalty_cases"].num_rows
    assert [1] == made


@pytest.mark.usefixtures("column_road")
def test_read_ledger_summarises_without_the_typed_table(made):
    """read_ledger's lazy records are counted from the codes; their table is made for the records, once."""
    data = national(
        ["甲厂", "法人及非法人组织", "罚1", "罚款", "0.5", f"{YEAR}-03-01", "某镇"],
        ["乙厂", "法人及非法人组织", "罚2", "警告", "0", f"{YEAR - 1}-04-01", "某镇"],
    )
    ledger = ec.read_ledger(io.BytesIO(data), body=BODY, year=YEAR)
    assert 2 == len(ledger.penalty_cases)
    assert Decimal(5000) == ec.summarize(ledger).penalty.fines
    assert [] == made
    assert ["罚1", "罚2"] == [case.id for case in ledger.penalty_cases]
    assert Decimal(5000) == ec.summarize(ledger).penalty.fines
    assert [1] == made
    # The year read off the rows (none given): the table made for it, once.
    one_year = national(["甲厂", "法人及非法人组织", "罚1", "罚款", "0.5", f"{YEAR}-03-01", "某镇"])
    unnamed = ec.read_ledger(io.BytesIO(one_year), body=BODY)
    assert (YEAR, 2) == (unnamed.year, len(made))
    assert ["罚1"] == [case.id for case in unnamed.penalty_cases]
    assert Decimal(5000) == ec.summarize(unnamed).penalty.fines
    assert 2 == len(made)


def test_fines_beyond_the_largest_sum_are_the_summarys_to_refuse():
    """Each fine allowed, their sum beyond the largest amount: read, and refused when summarised, as objects are."""
    big = "99999999.99"  # 万元: 999,999,999,900 yuan, just below the largest amount
    data = national(
        ["甲厂", "法人及非法人组织", "罚1", "罚款", big, f"{YEAR}-03-01", "某镇"],
        ["乙厂", "法人及非法人组织", "罚2", "罚款", big, f"{YEAR}-04-01", "某镇"],
    )
    ledger = read_columnar(io.BytesIO(data), body=BODY, year=YEAR)
    with pytest.raises(ec.InvariantError, match="above the largest amount") as columns:
        ledger.summarize()
    with pytest.raises(ec.InvariantError, match="above the largest amount") as objects:
        ec.summarize(ec.read_ledger(io.BytesIO(data), body=BODY, year=YEAR))
    assert str(columns.value) == str(objects.value)


OWN = "编号,决定日期,执法领域,处罚种类,罚款金额（元）\nP-1,2023-08-01,交通,罚款,200\nP-2,2023-09-01,交通,警告,\n"
NATIONAL_TEXT = national(
    ["甲厂", "法人及非法人组织", "罚1", "罚款", "0.5", f"{YEAR}-03-01", "某镇"],
    ["乙厂", "法人及非法人组织", "罚2", "警告", "0", f"{YEAR}-04-01", "某镇"],
).decode()


@pytest.mark.usefixtures("arrow_engine")
@pytest.mark.parametrize("text", [OWN, NATIONAL_TEXT], ids=["own", "national"])
@pytest.mark.parametrize(
    "encoded",
    [
        lambda t: t.encode(),
        lambda t: b"\xef\xbb\xbf" + t.encode(),  # Excel's "CSV UTF-8"
        lambda t: t.replace("\n", "\r\n").encode(),
        lambda t: t.replace("\n", "\r").encode(),  # classic Mac OS
        lambda t: t.encode("gb18030"),  # Excel's CSV on a Chinese Windows
    ],
    ids=["utf-8", "bom", "crlf", "cr", "gb18030"],
)
def test_a_file_on_disk_reads_as_its_bytes_do(tmp_path, text, encoded):
    """A CSV file on disk (mapped, not read) gives the ledger its bytes give, handed over in memory."""
    data = encoded(text)
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    on_disk = read_columnar(path, body=BODY, year=YEAR)
    in_memory = read_columnar(io.BytesIO(data), body=BODY, year=YEAR)
    assert 2 == on_disk.summarize().penalty.cases
    assert on_disk.summarize() == in_memory.summarize()
    assert on_disk.rest == in_memory.rest
    for field in in_memory.tables:
        assert on_disk.tables[field].equals(in_memory.tables[field])
