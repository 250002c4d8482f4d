"""A mutation fuzzer over the example documents: every input loads or is a LoadError.

Each input is an example document (the four reports and the gulu-2023 ledger)
changed a few times: a value replaced by a hostile one (huge numbers, -0, lone
surrogates, control and bidirectional characters, markup, floats, wrong shapes),
a key deleted or added, or the text itself cut or spliced (deep nesting, repeated
keys, NaN, 4,301 digits). Whatever it is, ``load_json`` gives a document or raises
:class:`LoadError`; a document that loads round-trips through JSON, passes the
audit without raising, and is written by every built-in renderer, with every
option that widens what is written, and its HTML carries no markup from the data.

The default run tries a few dozen inputs; ``python -m pytest -m fuzz
--hypothesis-seed=N`` tries many thousands (docs/reliability.md).
"""

from __future__ import annotations

import copy
import csv
import io
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

import enforcement_core as ec
import plugins
from enforcement_core import LoadError, dump_json, load_json, renderers
from enforcement_core.tables import _ledgers, read_columnar, read_ledger
from enforcement_core.tables._read import read_objects
from profiles import examples

DOCUMENTS = [dump_json(ec.examples.load(name)) for name in ec.examples.names()] + [
    dump_json(ec.examples.load_records("gulu-2023"))
]
BUILT_INS = plugins.text_built_ins()
MARKUP = "<script>alert(1)</script>"

#: Values that have broken loaders and renderers, or could.
HOSTILE: list[Any] = [
    None,
    True,
    0,
    -1,
    -0.0,
    1.5,
    1e308,
    10**16,
    10**16 - 1,
    10**39,
    10**40,
    "-0",
    "-0.00",
    "1E+26",
    "999999999999.99",
    "1000000000000",
    "0.001",
    "6,800",
    "６８００",
    "",
    " ",
    "\ud800",
    "\udfff古路镇",
    "\x00",
    "a\x07b",
    "\x1b[31m红\x1b[0m",
    "\u200b",
    "\u202e\u200d",
    "\u2066\u2069",
    MARKUP,
    "&amp;<b>",
    "宅基地500112199001011239",
    "11010519491231002X",
    "13800138000",
    "2023-02-30",
    "10000-01-01",
    "9998-12-31",
    [],
    {},
    [[[[[]]]]],
    {"unknown": 1},
]

#: Text spliced into a document.
SPLICES = [
    '"',
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "-0",
    "9" * 4301,
    "[" * 2000,
    "{" * 150,
    '"\\ud800"',
    '"\\u0000"',
    '"year": 2023, "year": 2024, ',
    "\ufeff",
    "\x00",
]


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in ``data`` a value can be replaced or deleted."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*prefix, index))
    return found


def replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return data


def delete(data: Any, path: tuple[Any, ...]) -> Any:
    if not path:
        return data
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    del parent[path[-1]]
    return data


@st.composite
def mutants(draw: st.DrawFn) -> str:
    """An example document changed one to four times."""
    text = draw(st.sampled_from(DOCUMENTS))
    data: Any = json.loads(text)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["replace", "replace", "delete", "add", "splice", "cut"]))
        if kind in ("splice", "cut"):
            text = json.dumps(data, ensure_ascii=draw(st.booleans()))
            at = draw(st.integers(0, len(text)))
            if kind == "splice":
                text = text[:at] + draw(st.sampled_from(SPLICES)) + text[at:]
            else:
                text = text[:at] + text[at + draw(st.integers(1, 40)) :]
            return text
        places = paths(data)
        where = draw(st.sampled_from(places))
        if kind == "replace":
            value = draw(st.one_of(st.sampled_from(HOSTILE), st.integers(), st.text(max_size=8)))
            # A copy: a later mutation adding to a hostile {} changed HOSTILE itself, and
            # the next example then drew otherwise (Hypothesis: FlakyStrategyDefinition).
            data = replace(data, where, copy.deepcopy(value))
        elif kind == "delete":
            data = delete(data, where)
        else:
            target = data
            for step in where:
                target = target[step]
            if isinstance(target, dict):
                target[draw(st.sampled_from(["colour", "year", "cases", "name", "x"]))] = (
                    copy.deepcopy(draw(st.sampled_from(HOSTILE)))
                )
    return json.dumps(data, ensure_ascii=draw(st.booleans()))


def written_out(text: str) -> None:
    """The fuzzer's oracle: a document or a LoadError, and a document is usable everywhere."""
    refused: LoadError | None = None
    try:
        document = load_json(text)
    except LoadError as error:
        refused = error
    if refused is not None:
        event("refused")
        assert refused.problems
        assert all(isinstance(problem.path, str) for problem in refused.problems)
        str(refused).encode("utf-8")  # the message itself can be printed
        return
    event("loaded")
    assert document == load_json(dump_json(document))
    ec.audit(document)
    report = ec.summarize(document) if isinstance(document, ec.Ledger) else document
    for name in BUILT_INS:
        output = renderers.render(report, name)
        assert isinstance(output, str)
        output.encode("utf-8")
    renderers.render(report, "zh", numerals="chinese", capitals=True, money_unit="auto")
    renderers.render(report, "text", locale="en")
    assert "<script>" not in renderers.render(report, "html")


FUZZ_SETTINGS = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}


class TestFuzz:
    @settings(max_examples=examples(40), **FUZZ_SETTINGS)
    @given(text=mutants())
    def test_short(self, text):
        """A short run on every test run: any mutant loads and is written, or is a LoadError."""
        written_out(text)

    @pytest.mark.fuzz
    @settings(max_examples=5000, **FUZZ_SETTINGS)
    @given(text=mutants())
    def test_long(self, text):
        """The long run, by hand: python -m pytest -m fuzz --hypothesis-seed=N."""
        written_out(text)


# Tables ---------------------------------------------------------------------------------
#
# The same fuzzer over table files (issue 21): a table of records (a national 双公示
# penalty table, or the library's own penalty sheet) changed up to three times, a cell
# replaced by a hostile one, a cell dropped or added, a row repeated, a header blanked,
# written as CSV, xlsx or Parquet bytes. ``read_ledger`` and ``read_columnar`` each give a
# ledger or a LoadError, never another exception; and both give the same: equal
# summaries, or the same problems at the same rows and columns.

NATIONAL = [
    ["行政相对人名称", "行政相对人类别", "行政处罚决定书文号", "处罚类别", "罚款金额（万元）", "处罚决定日期", "处罚机关"],
    ["某某建材厂", "法人及非法人组织", "古路罚〔2023〕1号", "罚款", "0.68", "2023-05-02", "重庆市渝北区古路镇人民政府"],
    ["张三", "自然人", "古路罚〔2023〕2号", "警告", "", "2023-06-01", "重庆市渝北区古路镇人民政府"],
    ["某某餐馆", "个体工商户", "古路罚〔2023〕3号", "罚款", "0.2", "2023/7/3", "重庆市渝北区古路镇人民政府"],
]  # fmt: skip
OWN = [
    ["编号", "决定日期", "执法领域", "处罚种类", "罚款金额（元）"],
    ["P-1", "2023-08-01", "交通", "罚款", "200"],
    ["P-2", "2023-09-12", "安全生产", "警告", ""],
    ["P-3", "2023年10月3日", "市场监管", "罚款、警告", "1,500"],
]  # fmt: skip
#: The same without a comma in a cell: its CSV has no quote, and polars reads it (the fast extra).
OWN_UNQUOTED = [[cell.replace(",", "") for cell in row] for row in OWN]
TABLES = (NATIONAL, OWN, OWN_UNQUOTED)
#: Cells that have broken readers, or could.
HOSTILE_CELLS = [
    "",
    " ",
    "0",
    "-1",
    "1e3",
    "1,2OO",
    "6,800",
    "６８００",
    "0.001",
    "1" * 25,
    "9" * 41,
    str(2**63),
    "NaN",
    "inf",
    "2023-02-30",
    "20230502",
    "2023-05-02 08:00:00",
    "昨天",
    "=1/0",
    "#DIV/0!",
    "\u202e14名",
    "a\tb",
    'a"b',
    "a,b",
    "某" * 300,
    "000000000000000000",
    "11010519491231002x",
    "罚款、罚款",
    "自然人",
    "法人及非法人组织",
    "重庆市渝北区古路镇人民政府",
]
#: Cells a column may hold: changed to one, a table is often still read, by both paths.
VALID_CELLS = [
    "0.5",
    "12",
    "2023-12-31",
    "2023年1月1日",
    "罚款",
    "警告",
    "交通",
    "自然人",
    "个体工商户",
    "P-9",
    "古路罚〔2023〕9号",
    "91350100M000100Y43",
    "11010519491231002X",
]
FORMATS = ("csv", "xlsx", "parquet")
FUZZ_BODY = ec.body.EnforcementBody("重庆市渝北区古路镇人民政府", ec.body.BodyLevel.TOWN)


@st.composite
def tables(draw: st.DrawFn) -> tuple[str, bytes]:
    """A table changed up to three times, as the bytes of a file and its name."""
    rows = [list(row) for row in draw(st.sampled_from(TABLES))]
    # None to three changes: a table left whole is read by both paths, to the same figures.
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["cell", "cell", "cell", "drop", "add", "repeat", "header"]))
        row = draw(st.integers(0, len(rows) - 1))
        if kind == "cell":
            column = draw(st.integers(0, len(rows[row]) - 1))
            rows[row][column] = draw(
                st.one_of(
                    st.sampled_from(HOSTILE_CELLS),
                    st.sampled_from(VALID_CELLS),
                    st.text(max_size=6),
                )
            )
        elif kind == "drop" and len(rows[row]) > 1:
            rows[row].pop()
        elif kind == "add":
            rows[row].append(draw(st.sampled_from(HOSTILE_CELLS)))
        elif kind == "repeat":
            rows.append(list(rows[max(row, 1) if len(rows) > 1 else 0]))
        elif kind == "header":
            rows[0][draw(st.integers(0, len(rows[0]) - 1))] = draw(st.sampled_from(["", " ", "x"]))
    kind = draw(st.sampled_from(FORMATS))
    return f"fuzzed.{kind}", table_bytes(rows, kind)


def table_bytes(rows: list[list[str]], kind: str) -> bytes:
    """``rows`` as the bytes of a CSV, xlsx or Parquet file."""
    if kind == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        return buffer.getvalue().encode("utf-8", "surrogatepass")
    if kind == "xlsx":
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        sheet = book.active
        for row in rows:
            # openpyxl refuses some control characters; written as a clerk could type them.
            sheet.append([_xlsx_cell(cell) for cell in row])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    width = len(rows[0])
    names = [str(h) for h in rows[0]]
    # Parquet keeps a column per header: a row's extra cells have nowhere to go.
    body = [row[:width] + [None] * (width - len(row)) for row in rows[1:]]
    columns = [pa.array([row[i] or None for row in body], pa.string()) for i in range(width)]
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_arrays(columns, names=names), buffer)
    return buffer.getvalue()


def _xlsx_cell(cell: str) -> str | None:
    cleaned = "".join(c for c in cell if c >= " " or c in "\t\n")
    return cleaned or None


def _read(read: Any, name: str, data: bytes) -> Any:
    """What a path makes of a file: its summary, or its problems as (row, header, message)."""
    source = io.BytesIO(data)
    source.name = name
    refused: LoadError | None = None
    try:
        found = read(source)
    except LoadError as error:
        refused = error
    if refused is None:
        return found
    assert refused.problems
    str(refused).encode("utf-8")  # the message itself can be printed
    # A problem said twice (two columns with one unknown header) is one problem.
    return sorted(
        {
            (getattr(p, "row", None) or 0, getattr(p, "header", None) or "", p.message)
            for p in refused.problems
        }
    )


def same_from_both(name: str, data: bytes) -> None:
    """The table oracle: each path a ledger or a LoadError, and both the same."""
    by_objects = _read(lambda s: read_objects(s, body=FUZZ_BODY, year=2023), name, data)
    # read_ledger takes the column road where it can (here for files of any size): the
    # object reading's ledger or problems.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_ledgers, "COLUMN_ROAD_FROM", 0)
        patch.setattr(_ledgers, "WORKBOOK_COLUMN_ROAD_FROM", 0)
        by_road = _read(lambda s: read_ledger(s, body=FUZZ_BODY, year=2023), name, data)
    assert by_objects == by_road
    by_columns = _read(lambda s: read_columnar(s, body=FUZZ_BODY, year=2023), name, data)
    note(f"rows: {data[:2000]!r}")
    if isinstance(by_objects, list) or isinstance(by_columns, list):
        event("refused")
        assert by_objects == by_columns
        return
    event("read")
    assert ec.summarize(by_objects) == by_columns.summarize()
    assert by_objects == by_columns.to_ledger()
    # Written alike too, to the places of every amount and sum.
    assert dump_json(by_objects) == dump_json(by_road) == dump_json(by_columns.to_ledger())
    assert dump_json(ec.summarize(by_objects)) == dump_json(by_columns.summarize())


class TestTableFuzz:
    @settings(max_examples=30, **FUZZ_SETTINGS)
    @given(table=tables())
    def test_short(self, table):
        """A short run on every test run: both paths read a mutant table alike, or refuse it alike."""
        same_from_both(*table)

    @pytest.mark.fuzz
    @settings(max_examples=3000, **FUZZ_SETTINGS)
    @given(table=tables())
    def test_long(self, table):
        """The long run, by hand or by .ci/run's deep profile: many thousands of tables."""
        same_from_both(*table)
