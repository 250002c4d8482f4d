"""Hostile table files: each refused with its exact place, or read to its exact figures.

One table holds the files an adversary tried (issue 21): each is read by the
object path (``read_ledger``), the columnar path (``read_columnar``) and, for
what a dataset may hold (CSV and Parquet), the partitioned path
(``summarize_partitions``). Each either raises :class:`LoadError` naming the
file, with the row, the column and the reason written below, or gives the
figures written below; never another exception.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import enforcement_core as ec
from enforcement_core import LoadError
from enforcement_core.scale import summarize_partitions
from enforcement_core.tables import _files, _workbook, read_columnar, read_ledger
from enforcement_core.tables._read import read_objects

if TYPE_CHECKING:
    from pathlib import Path


openpyxl = pytest.importorskip("openpyxl")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

BODY = ec.body.EnforcementBody("重庆市渝北区古路镇人民政府", ec.body.BodyLevel.TOWN)
YEAR = 2023
HEADER = [
    "行政相对人名称",
    "行政相对人类别",
    "行政处罚决定书文号",
    "处罚类别",
    "罚款金额（万元）",
    "处罚决定日期",
    "处罚机关",
]
ROW = [
    "某某建材厂",
    "法人及非法人组织",
    "古路罚〔2023〕1号",
    "罚款",
    "0.68",
    "2023-05-02",
    "重庆市渝北区古路镇人民政府",
]


def csv_bytes(*rows: list[str], end: str = "\n") -> bytes:
    return "".join(",".join(row) + end for row in (HEADER, *rows)).encode()


def with_cell(index: int, value: str) -> list[str]:
    row = list(ROW)
    row[index] = value
    return row


def workbook(*rows: list[Any]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "行政处罚"
    for row in (HEADER, *rows):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewritten(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """The workbook ``data`` with one part's XML changed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, change(content) if info.filename == part else content)
    return buffer.getvalue()


def stray_cell(reference: str, row: int) -> bytes:
    """A one-row workbook with one more cell at ``reference``, its dimension saying so."""

    def change(xml: bytes) -> bytes:
        cell = f'<row r="{row}"><c r="{reference}" t="inlineStr"><is><t>x</t></is></c></row>'
        xml = xml.replace(b"</sheetData>", cell.encode() + b"</sheetData>")
        return xml.replace(b'ref="A1:G2"', f'ref="A1:{reference}"'.encode())

    return rewritten(workbook(ROW), "xl/worksheets/sheet1.xml", change)


def shared_string_bomb() -> bytes:
    """A workbook of some 300 KB whose shared string is 300 MB once decompressed."""
    data = workbook(ROW)
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        with target.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(b"<sst><si><t>")
            chunk = b"a" * 2**20
            for _ in range(300):
                part.write(chunk)
            part.write(b"</t></si></sst>")
    return buffer.getvalue()


def parquet(columns: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(pa.table(columns), buffer)
    return buffer.getvalue()


def typed_parquet(index: int, values: Any) -> bytes:
    """The one-row table as Parquet, its ``index``-th column typed as ``values`` is."""
    columns = {h: pa.array([v]) for h, v in zip(HEADER, ROW, strict=True)}
    columns[HEADER[index]] = values
    return parquet(columns)


def _merged() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    second = with_cell(2, "古路罚〔2023〕2号")
    for row in (HEADER, ROW, second):
        sheet.append(row)
    sheet.merge_cells("E2:E3")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _twice() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([*HEADER, "罚款金额（万元）"])
    sheet.append([*ROW, "0.5"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _zip_of(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return buffer.getvalue()


@attrs.frozen
class Hostile:
    """A hostile file and what every path must make of it."""

    #: The file's name, which chooses its reader.
    name: str
    #: Its bytes, made when the test runs.
    make: Callable[[], bytes]
    #: The refusal: (row, column header, the start of the reason); ``None`` for figures.
    refused: tuple[int | None, str | None, str] | None = None
    #: The figures read when it is not refused: (penalty cases, fines in yuan).
    figures: tuple[int, Decimal] | None = None
    #: Whether a partitioned dataset may hold it (CSV and Parquet pieces).
    partitioned: bool = True

    def __str__(self) -> str:
        return self.name


NOT_A_WORKBOOK = "not an Excel workbook that can be read"
NOT_PARQUET = "not a Parquet file that can be read"
TOO_LARGE = "the file is larger than 256 MiB"

HOSTILE = [
    # A CSV cell above the csv module's limit: refused on every path alike.
    Hostile(
        "long-cell.csv",
        lambda: csv_bytes(with_cell(0, "厂" * 131_073)),
        (2, "行政相对人名称", "a cell of "),
    ),
    # CR alone ends every line, as classic Mac OS wrote.
    Hostile("cr.csv", lambda: csv_bytes(ROW, end="\r"), figures=(1, Decimal(6800))),
    # 25 digits of 万元, and 2^63 fen: above the largest amount, not a crash.
    Hostile(
        "wan-25-digits.csv",
        lambda: csv_bytes(with_cell(4, "1" * 25)),
        (2, "罚款金额（万元）", "11111111111111111111111110000 is above the largest amount"),
    ),
    Hostile(
        "fen-2-63.csv",
        lambda: csv_bytes(with_cell(4, str(2**63 // 10**6 + 1))),
        (2, "罚款金额（万元）", "92233720368550000 is above the largest amount"),
    ),
    Hostile(
        "digits-41.csv",
        lambda: csv_bytes(with_cell(4, "1" * 41)),
        (2, "罚款金额（万元）", "a number of 41 digits (at most 40)"),
    ),
    # Files named for a workbook or Parquet that are not.
    Hostile("junk.xlsx", lambda: b"junk", (None, None, NOT_A_WORKBOOK), partitioned=False),
    Hostile("empty.xlsx", lambda: b"", (None, None, NOT_A_WORKBOOK), partitioned=False),
    Hostile(
        "csv-content.xlsx", lambda: csv_bytes(ROW), (None, None, NOT_A_WORKBOOK), partitioned=False
    ),
    Hostile(
        "truncated.xlsx",
        lambda: workbook(ROW)[:2000],
        (None, None, NOT_A_WORKBOOK),
        partitioned=False,
    ),
    Hostile(
        "ole2.xls",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        (None, None, NOT_A_WORKBOOK),
        partitioned=False,
    ),
    Hostile(
        "zip.xlsx",
        lambda: _zip_of({"a.txt": b"a"}),
        (None, None, NOT_A_WORKBOOK),
        partitioned=False,
    ),
    Hostile("junk.parquet", lambda: b"PAR1junk", (None, None, NOT_PARQUET)),
    Hostile("empty.parquet", lambda: b"", (None, None, NOT_PARQUET)),
    Hostile("csv-content.parquet", lambda: csv_bytes(ROW), (None, None, NOT_PARQUET)),
    # A workbook whose one stray cell would lay out 17 billion cells.
    Hostile(
        "XFD1048576.xlsx",
        lambda: stray_cell("XFD1048576", 1_048_576),
        (1_048_576, "XFD", "the sheet spans 1,048,576 rows and 16,384 columns"),
        partitioned=False,
    ),
    # One stray cell a million rows below: refused from the XML before the reader lays
    # out every row (it cost seconds and hundreds of megabytes).
    Hostile(
        "A1048576.xlsx",
        lambda: stray_cell("A1048576", 1_048_576),
        (1_048_576, "A", "the sheet's rows run to row 1,048,576, and 1,048,573 of them are empty"),
        partitioned=False,
    ),
    Hostile(
        "shared-string-bomb.xlsx",
        shared_string_bomb,
        (None, None, "the workbook holds more than 256 MiB once decompressed"),
        partitioned=False,
    ),
    # A line of 100 MB: refused at once, not after minutes.
    Hostile(
        "long-line.csv",
        lambda: csv_bytes(with_cell(0, "x" * 100_000_000)),
        (2, "行政相对人名称", "a cell of "),
    ),
    # UTF-8 with one stray byte: refused at its row, not decoded whole as GB18030.
    Hostile(
        "stray-byte.csv",
        lambda: csv_bytes(ROW).replace("某某".encode(), "某".encode() + b"\xff"),
        (2, None, "the file is UTF-8 but for the byte 0xFF in this row (and 0 more)"),
    ),
    # GB18030, as Chinese Excel saves CSV, is still read.
    Hostile(
        "gb18030.csv",
        lambda: csv_bytes(ROW).decode().encode("gb18030"),
        figures=(1, Decimal(6800)),
    ),
    # A decision number given twice: refused at its second row, never counted twice.
    Hostile(
        "twice-decided.csv",
        lambda: csv_bytes(ROW, with_cell(4, "0.5")),
        (3, "行政处罚决定书文号", "the same identifier as row 2"),
    ),
    Hostile(
        "twice-decided.xlsx",
        lambda: workbook(ROW, ROW),
        (3, "行政处罚决定书文号", "the same identifier as row 2"),
        partitioned=False,
    ),
    # Values no header names: refused at their cell, never dropped.
    Hostile(
        "blank-header.csv",
        lambda: ",".join([*HEADER, ""]).encode() + b"\n" + ",".join([*ROW, "6800"]).encode(),
        (2, "H", "a value under no header"),
    ),
    Hostile(
        "beyond-header.csv",
        lambda: csv_bytes([*ROW, "6800"]),
        (2, "H", "a value under no header"),
    ),
    Hostile(
        "blank-name.parquet",
        lambda: parquet({**{h: [v] for h, v in zip(HEADER, ROW, strict=True)}, "": ["6800"]}),
        (2, "H", "a value under no header"),
    ),
    Hostile(
        "beyond-header.xlsx",
        lambda: workbook([*ROW, 6800]),
        (2, "H", "a value under no header"),
        partitioned=False,
    ),
    # A row a cell short is read as the object path reads it: its last cell empty.
    Hostile(
        "one-short.csv",
        lambda: csv_bytes(ROW[:-1]),
        (2, "处罚机关", "a value is required"),
    ),
    # A header given twice: refused, not one of its columns dropped.
    Hostile(
        "twice.xlsx",
        _twice,
        (1, "罚款金额（万元）", "the column appears twice"),
        partitioned=False,
    ),
    # Cells a reader gives as empty: an Excel error, a formula never computed, merged cells.
    Hostile(
        "error-cell.xlsx",
        lambda: rewritten(
            workbook(with_cell(4, "=1/0")),
            "xl/worksheets/sheet1.xml",
            lambda xml: xml.replace(
                b'<c r="E2"><f>1/0</f><v></v></c>', b'<c r="E2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
            ),
        ),
        (2, "罚款金额（万元）", "the cell holds the Excel error #DIV/0!"),
        partitioned=False,
    ),
    Hostile(
        "formula.xlsx",
        lambda: workbook(with_cell(4, "=0.5+0.18")),
        (2, "罚款金额（万元）", "the cell holds a formula whose value was never computed"),
        partitioned=False,
    ),
    Hostile(
        "merged.xlsx",
        _merged,
        (2, "罚款金额（万元）", "merged cells E2:E3"),
        partitioned=False,
    ),
    # Parquet values of a type the column does not take: refused as they are, on every
    # path (the columnar path read them as their text).
    Hostile(
        "struct-name.parquet",
        lambda: typed_parquet(0, pa.array([{"a": "x"}])),
        (2, "行政相对人名称", "expected text, got dict {'a': 'x'}"),
    ),
    Hostile(
        "list-name.parquet",
        lambda: typed_parquet(0, pa.array([["某某", "厂"]])),
        (2, "行政相对人名称", "expected text, got list ['某某', '厂']"),
    ),
    Hostile(
        "binary-name.parquet",
        lambda: typed_parquet(0, pa.array([b"abc"], pa.binary())),
        (2, "行政相对人名称", "expected text, got bytes b'abc'"),
    ),
    Hostile(
        "float-id.parquet",
        lambda: typed_parquet(2, pa.array([1.5])),
        (2, "行政处罚决定书文号", "expected text, got float 1.5"),
    ),
    # What a typed column holds that the reader takes reads alike: 1001.0 and 20230502.
    Hostile(
        "integral-float-id.parquet",
        lambda: typed_parquet(2, pa.array([1001.0])),
        figures=(1, Decimal(6800)),
    ),
    Hostile(
        "integer-date.parquet",
        lambda: typed_parquet(5, pa.array([20230502], pa.int64())),
        figures=(1, Decimal(6800)),
    ),
    # A blank 行政相对人类别 with no number to tell a person from an organisation: refused,
    # never filed as an enterprise (whose name is published unmasked).
    Hostile(
        "blank-kind.csv",
        lambda: csv_bytes(with_cell(1, "")),
        (2, "行政相对人类别", "no kind of party is given"),
    ),
    # A national table with no record: no figures, and no KeyError.
    Hostile("header-only.csv", csv_bytes, figures=(0, Decimal(0))),
    Hostile("blank-rows.csv", lambda: csv_bytes([""] * 7, [" "] * 7), figures=(0, Decimal(0))),
    Hostile(
        "all-null.parquet",
        lambda: parquet({h: pa.array([None, None], pa.string()) for h in HEADER}),
        figures=(0, Decimal(0)),
    ),
]


def _figures(report: ec.AnnualReport) -> tuple[int, Decimal]:
    penalty = report.penalty
    if penalty is None:
        return 0, Decimal(0)
    return penalty.cases or 0, penalty.fines or Decimal(0)


def _object(path: Path) -> tuple[int, Decimal]:
    return _figures(ec.summarize(read_objects(path, body=BODY, year=YEAR)))


def _columnar(path: Path) -> tuple[int, Decimal]:
    return _figures(read_columnar(path, body=BODY, year=YEAR).summarize())


def _partitioned(path: Path) -> tuple[int, Decimal]:
    reports = summarize_partitions([path], year=YEAR, level=ec.body.BodyLevel.TOWN)
    if not reports:
        return 0, Decimal(0)
    (report,) = reports.values()
    return _figures(report)


PATHS = {"object": _object, "columnar": _columnar, "partitioned": _partitioned}


# A dataset's pieces are CSV or Parquet: a workbook goes the object and columnar paths only.
CASES = [
    pytest.param(hostile, path, id=f"{hostile.name}-{path}")
    for hostile in HOSTILE
    for path in PATHS
    if hostile.partitioned or path != "partitioned"
]


OWN_HEADER = ["编号", "决定日期", "执法领域", "处罚种类", "罚款金额（元）"]
OWN_ROW = ["P-1", "2023-08-01", "交通", "罚款", "200"]


@pytest.mark.parametrize(
    ("index", "values", "reason"),
    [
        (0, pa.array([{"a": "x"}]), "expected text, got dict {'a': 'x'}"),
        (0, pa.array([1.5]), "expected text, got float 1.5"),
        (0, pa.array([["a"]]), "expected text, got list ['a']"),
        (2, pa.array([b"x"], pa.binary()), "expected text, got bytes b'x'"),
    ],
)
@pytest.mark.parametrize("path", ["object", "columnar"])
def test_a_typed_value_of_the_own_layout_is_refused_alike(tmp_path, path, index, values, reason):
    """A sheet of the library's layout in Parquet: a value of the wrong type is one problem, on both paths."""
    columns = {h: pa.array([v]) for h, v in zip(OWN_HEADER, OWN_ROW, strict=True)}
    columns[OWN_HEADER[index]] = values
    file = tmp_path / "typed.parquet"
    file.write_bytes(parquet(columns))
    with pytest.raises(LoadError) as raised:
        PATHS[path](file)
    (problem,) = raised.value.problems
    assert (2, OWN_HEADER[index]) == (problem.row, problem.header)  # type: ignore[attr-defined]
    assert problem.message.startswith(reason)


@pytest.mark.parametrize(("hostile", "path"), CASES)
def test_hostile_file(hostile: Hostile, path: str, tmp_path: Path):
    """Each hostile file is refused at its place, or read to its figures, on each path."""
    file = tmp_path / hostile.name
    file.write_bytes(hostile.make())
    read = PATHS[path]
    if hostile.refused is None:
        assert hostile.figures == read(file)
        return
    with pytest.raises(LoadError) as raised:
        read(file)
    row, header, reason = hostile.refused
    problems = raised.value.problems
    assert 1 == len(problems), [str(p) for p in problems]
    (problem,) = problems
    # The file is named: by the error's source, or by the piece's name in the problem.
    assert hostile.name in (raised.value.source or "") + str(problem)
    assert row == problem.row  # type: ignore[attr-defined]
    assert header == problem.header  # type: ignore[attr-defined]
    assert problem.message.startswith(reason), problem.message


def test_dev_zero_is_refused_at_the_limit():
    """An endless device is read one byte past the limit and refused."""
    with pytest.raises(LoadError, match=TOO_LARGE):
        read_ledger("/dev/zero")


def test_a_file_above_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    """A regular file larger than the limit is refused by its size, on each path."""
    monkeypatch.setattr(_files, "MAX_FILE_BYTES", 100)
    file = tmp_path / "big.csv"
    file.write_bytes(csv_bytes(ROW, ROW))
    for read in PATHS.values():
        with pytest.raises(LoadError, match="the file is larger than"):
            read(file)


def test_a_stray_cell_far_below_is_named_by_its_row(tmp_path):
    """A stray cell at A1048576 fits the limits; its row is refused as a record without values."""
    file = tmp_path / "stray.xlsx"
    file.write_bytes(stray_cell("G5000", 5000))
    with pytest.raises(LoadError) as raised:
        read_ledger(file)
    assert {5000} == {p.row for p in raised.value.problems}  # type: ignore[attr-defined]


class TestEmptyRows:
    """The limit of empty rows in a sheet's extent, on both sides of its boundary."""

    @pytest.mark.parametrize("path", ["object", "columnar"])
    def test_at_the_limit_the_sheet_is_read(self, tmp_path, monkeypatch, path):
        """As many empty rows as the limit: read, and the stray cell's row refused as a record."""
        monkeypatch.setattr(_workbook, "MAX_EMPTY_ROWS", 10)
        file = tmp_path / "at.xlsx"
        file.write_bytes(stray_cell("G13", 13))  # rows 3 to 12 empty: 10
        with pytest.raises(LoadError) as raised:
            PATHS[path](file)
        assert {13} == {p.row for p in raised.value.problems}  # type: ignore[attr-defined]
        assert all(p.message == "a value is required" for p in raised.value.problems)

    @pytest.mark.parametrize("path", ["object", "columnar"])
    def test_past_the_limit_the_sheet_is_refused_before_it_is_read(
        self, tmp_path, monkeypatch, path
    ):
        """One empty row more than the limit: refused at the stray cell, before the reader runs."""
        monkeypatch.setattr(_workbook, "MAX_EMPTY_ROWS", 10)
        file = tmp_path / "past.xlsx"
        file.write_bytes(stray_cell("G14", 14))  # rows 3 to 13 empty: 11
        with pytest.raises(LoadError) as raised:
            PATHS[path](file)
        (problem,) = raised.value.problems
        assert (14, "G") == (problem.row, problem.header)  # type: ignore[attr-defined]
        assert problem.message.startswith(
            "the sheet's rows run to row 14, and 11 of them are empty"
        )

    def test_a_stray_cell_far_below_is_refused_in_milliseconds(self, tmp_path):
        """A1048576 below a one-row table: refused well under a second (it took about 7 s)."""
        import time

        file = tmp_path / "stray.xlsx"
        file.write_bytes(stray_cell("A1048576", 1_048_576))
        start = time.perf_counter()
        with pytest.raises(LoadError, match="of them are empty"):
            read_ledger(file)
        assert time.perf_counter() - start < 1.0


class TestDatasetPieces:
    """Every file of a dataset is read or refused by name; none is skipped unsaid."""

    def pieces(self, folder: Path) -> None:
        folder.mkdir()
        (folder / "a.csv").write_bytes(csv_bytes(ROW))
        second = with_cell(2, "古路罚〔2023〕2号")
        (folder / "b.pq").write_bytes(
            parquet({h: [v] for h, v in zip(HEADER, second, strict=True)})
        )
        (folder / "c.txt").write_bytes(csv_bytes(with_cell(2, "古路罚〔2023〕3号")))
        # What writers leave beside the pieces, passed over as pyarrow passes them.
        (folder / "_SUCCESS").write_bytes(b"")
        (folder / ".a.csv.crc").write_bytes(b"\0\1")

    def test_csv_parquet_txt_and_pq_pieces_are_all_read(self, tmp_path):
        """.csv, .txt, .parquet and .pq pieces are read: three cases, three fines."""
        self.pieces(tmp_path / "data")
        assert (3, Decimal(20400)) == _partitioned(tmp_path / "data")

    @pytest.mark.parametrize(("name", "data"), [("d.xlsx", workbook(ROW)), ("e.json", b"{}")])
    def test_a_piece_of_another_kind_is_refused_by_name(self, tmp_path, name, data):
        """A workbook or any other file among the pieces is a problem naming it."""
        self.pieces(tmp_path / "data")
        (tmp_path / "data" / name).write_bytes(data)
        with pytest.raises(LoadError) as raised:
            _partitioned(tmp_path / "data")
        (problem,) = raised.value.problems
        assert name == problem.sheet  # type: ignore[attr-defined]
        assert problem.message.startswith("not a piece of a dataset")

    def test_a_decision_in_two_pieces_is_refused(self, tmp_path):
        """The same decision number in two pieces is a problem of the second, not two cases."""
        self.pieces(tmp_path / "data")
        (tmp_path / "data" / "z.csv").write_bytes(csv_bytes(ROW))
        with pytest.raises(LoadError) as raised:
            _partitioned(tmp_path / "data")
        (problem,) = raised.value.problems
        assert ("z.csv", 2) == (problem.sheet, problem.row)  # type: ignore[attr-defined]
        assert problem.message.startswith("the same identifier as a.csv, row 2")

    def test_a_file_listed_twice_is_refused(self, tmp_path):
        """One file given twice is counted once or not at all: here refused, by its rows."""
        file = tmp_path / "a.csv"
        file.write_bytes(csv_bytes(ROW))
        with pytest.raises(LoadError, match="the same identifier as"):
            summarize_partitions([file, file], year=YEAR, level=ec.body.BodyLevel.TOWN)


class TestMessages:
    """Messages that name the file, sheet, row and column, and say what is wrong (issue 21)."""

    def test_a_year_inferred_out_of_range_names_the_file(self, tmp_path):
        """Every record in 9999: refused as a year, naming the file, not an InvariantError."""
        file = tmp_path / "y9999.csv"
        file.write_bytes(csv_bytes(with_cell(5, "9999-05-02")))
        with pytest.raises(LoadError) as raised:
            read_ledger(file)
        (problem,) = raised.value.problems
        assert "y9999.csv" == raised.value.source
        assert problem.message.startswith("9999 is not a year from 1 to 9998")

    def test_a_year_stated_out_of_range_names_its_cell(self, tmp_path):
        """年度 10000 in the about sheet: refused at the about sheet's 年度."""
        from enforcement_core.labels import term

        book = openpyxl.Workbook()
        about = book.active
        about.title = term("sheet_about")
        about.append([term("about_item"), "内容"])
        about.append([term("about_name"), "某镇人民政府"])
        about.append([term("about_level"), "镇"])
        about.append([term("about_year"), 10000])
        file = tmp_path / "y10000.xlsx"
        book.save(file)
        with pytest.raises(LoadError) as raised:
            read_ledger(file)
        (problem,) = raised.value.problems
        assert (term("sheet_about"), term("about_year")) == (problem.sheet, problem.header)  # type: ignore[attr-defined]
        assert problem.message == "10000 is not a year from 1 to 9998"

    def test_a_number_typed_as_an_id_is_read_as_its_digits(self, tmp_path):
        """编号 1001 typed in Excel (a float to the reader) is the id '1001' on both paths."""
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "行政处罚"
        sheet.append(["编号", "决定日期", "执法领域", "处罚种类", "罚款金额（元）"])
        sheet.append([1001, "2023-08-01", "交通", "罚款", 200])
        file = tmp_path / "ids.xlsx"
        book.save(file)
        assert "1001" == read_ledger(file, body=BODY, year=YEAR).penalty_cases[0].id
        columnar = read_columnar(file, body=BODY, year=YEAR).to_ledger()
        assert "1001" == columnar.penalty_cases[0].id

    @pytest.mark.parametrize("path", ["object", "columnar"])
    def test_a_national_table_missing_a_key_column_names_it(self, tmp_path, path):
        """Without 处罚决定日期 the table is still named national, and the column is named."""
        header = [h for h in HEADER if h != "处罚决定日期"]
        row = [v for h, v in zip(HEADER, ROW, strict=True) if h != "处罚决定日期"]
        file = tmp_path / "no-date.csv"
        file.write_bytes(",".join(header).encode() + b"\n" + ",".join(row).encode() + b"\n")
        with pytest.raises(LoadError) as raised:
            PATHS[path](file)
        (problem,) = raised.value.problems
        assert (1, "处罚决定日期") == (problem.row, problem.header)  # type: ignore[attr-defined]
        assert problem.message == "a required column of a national table is missing"

    @pytest.mark.parametrize("path", ["object", "columnar"])
    def test_a_fifo_without_an_extension_is_read_once(self, tmp_path, path):
        """A FIFO is read once and sniffed from memory: no hang, no bytes lost."""
        import os
        import threading

        fifo = tmp_path / "ledger"
        os.mkfifo(fifo)
        writer = threading.Thread(target=fifo.write_bytes, args=(csv_bytes(ROW),), daemon=True)
        writer.start()
        assert (1, Decimal(6800)) == PATHS[path](fifo)
        writer.join(5)


def test_a_body_with_its_code_on_some_rows_is_one_body(tmp_path):
    """Rows of one body, some with its credit code and some without: one report, not two."""
    header = [*HEADER, "处罚机关统一社会信用代码"]
    code = "91350100M000100Y43"
    rows = [
        [*ROW, code],
        [*with_cell(2, "古路罚〔2023〕2号"), ""],
    ]
    file = tmp_path / "piece.csv"
    file.write_bytes("".join(",".join(row) + "\n" for row in (header, *rows)).encode())
    reports = summarize_partitions([file], year=YEAR, level=ec.body.BodyLevel.TOWN)
    assert [code] == list(reports)
    assert (2, Decimal(13600)) == _figures(reports[code])


def test_a_date_held_as_an_integer_reads_alike_on_both_paths(tmp_path):
    """20230801 in a Parquet int column is 2023-08-01 on both paths (the object path refused it)."""
    file = tmp_path / "int-dates.parquet"
    file.write_bytes(
        parquet(
            {
                "编号": ["P-1"],
                "决定日期": pa.array([20230801], pa.int64()),
                "执法领域": ["交通"],
                "处罚种类": ["罚款"],
                "罚款金额（元）": ["200"],
            }
        )
    )
    by_objects = read_objects(file, body=BODY, year=YEAR).penalty_cases
    by_columns = read_columnar(file, body=BODY, year=YEAR).to_ledger().penalty_cases
    assert by_objects == by_columns
    assert [dt.date(2023, 8, 1)] == [case.decided_on for case in by_objects]


def test_list_sanctions_and_midnight_with_a_time_zone_read_alike(tmp_path):
    """A list<string> 处罚种类 and a tz-aware midnight: read alike by both paths (issue 21)."""
    import zoneinfo

    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
    file = tmp_path / "typed.parquet"
    file.write_bytes(
        parquet(
            {
                "编号": ["P-1"],
                "决定日期": pa.array(
                    [dt.datetime(2023, 8, 1, tzinfo=shanghai)],
                    pa.timestamp("s", tz="Asia/Shanghai"),
                ),
                "执法领域": ["交通"],
                "处罚种类": pa.array([["罚款", "警告"]], pa.list_(pa.string())),
                "罚款金额（元）": ["200"],
            }
        )
    )
    by_objects = read_objects(file, body=BODY, year=YEAR).penalty_cases
    by_columns = read_columnar(file, body=BODY, year=YEAR).to_ledger().penalty_cases
    assert by_objects == by_columns
    (case,) = by_columns
    assert dt.date(2023, 8, 1) == case.decided_on
    assert 2 == len(case.sanctions)


def _parties(path: str, file: Path) -> list[ec.actions.Party]:
    if path == "object":
        ledger = read_ledger(file, body=BODY, year=YEAR)
    else:
        ledger = read_columnar(file, body=BODY, year=YEAR).to_ledger()
    return [case.party for case in ledger.penalty_cases if case.party is not None]


def _party_table(tmp_path: Path, header: list[str], *rows: list[str]) -> Path:
    file = tmp_path / "parties.csv"
    file.write_bytes("".join(",".join(row) + "\n" for row in (header, *rows)).encode())
    return file


PERSON_ID = "11010519491231002X"
CREDIT_CODE = "91350100M000100Y43"
PARTY_HEADER = [*HEADER, "统一社会信用代码", "证件类型", "证件号码"]


class TestPartyKind:
    """A blank 行政相对人类别 is inferred from the row's identifiers, or refused (issue 21)."""

    @pytest.mark.parametrize("path", ["object", "columnar"])
    def test_a_blank_kind_with_an_id_number_is_a_person(self, tmp_path, path):
        """证件号码 alone under a blank 行政相对人类别: a natural person, masked, never an enterprise."""
        row = [*with_cell(0, "张三"), "", "身份证", PERSON_ID]
        row[1] = ""
        (party,) = _parties(path, _party_table(tmp_path, PARTY_HEADER, row))
        assert ec.actions.PartyKind.NATURAL_PERSON == party.kind
        assert "张某某" == party.public_name

    @pytest.mark.parametrize("path", ["object", "columnar"])
    def test_a_blank_kind_with_a_credit_code_is_an_organisation(self, tmp_path, path):
        """A credit code alone under a blank 行政相对人类别: the table's kind, an enterprise."""
        row = [*ROW, CREDIT_CODE, "", ""]
        row[1] = ""
        (party,) = _parties(path, _party_table(tmp_path, PARTY_HEADER, row))
        assert ec.actions.PartyKind.ENTERPRISE == party.kind

    @pytest.mark.parametrize("path", ["object", "columnar"])
    def test_a_blank_kind_with_no_identifier_is_refused(self, tmp_path, path):
        """Nothing tells a person from an organisation: the row is refused at 行政相对人类别."""
        row = [*with_cell(0, "张三"), "", "", ""]
        row[1] = ""
        file = _party_table(tmp_path, PARTY_HEADER, row)
        with pytest.raises(LoadError) as raised:
            _parties(path, file)
        (problem,) = raised.value.problems
        assert (2, "行政相对人类别") == (problem.row, problem.header)  # type: ignore[attr-defined]
        assert problem.message.startswith("no kind of party is given")

    @pytest.mark.parametrize("path", ["object", "columnar"])
    def test_a_stated_kind_is_kept(self, tmp_path, path):
        """A kind the row states is its kind, identifiers or not (the boundary of the inference)."""
        row = [*with_cell(1, "自然人"), "", "", ""]
        (party,) = _parties(path, _party_table(tmp_path, PARTY_HEADER, row))
        assert ec.actions.PartyKind.NATURAL_PERSON == party.kind


class TestBothNumbers:
    """A credit code and a 证件号码 on one row are both held (issue 21)."""

    @pytest.mark.parametrize("path", ["object", "columnar"])
    def test_both_numbers_are_held(self, tmp_path, path):
        """The credit code is the party's number; the 证件号码 is kept beside it, not dropped."""
        row = [*with_cell(1, "个体工商户"), CREDIT_CODE, "身份证", PERSON_ID]
        (party,) = _parties(path, _party_table(tmp_path, PARTY_HEADER, row))
        assert (CREDIT_CODE, PERSON_ID) == (party.id_number, party.personal_id)

    @pytest.mark.parametrize("path", ["object", "columnar"])
    def test_one_number_is_held_once(self, tmp_path, path):
        """A 证件号码 alone is the party's number, and nothing is held beside it."""
        row = [*with_cell(1, "自然人"), "", "身份证", PERSON_ID]
        (party,) = _parties(path, _party_table(tmp_path, PARTY_HEADER, row))
        assert (PERSON_ID, None) == (party.id_number, party.personal_id)

    def test_no_renderer_writes_either_number(self, tmp_path):
        """Neither number reaches any built-in renderer's output."""
        row = [*with_cell(1, "个体工商户"), CREDIT_CODE, "身份证", PERSON_ID]
        ledger = read_ledger(_party_table(tmp_path, PARTY_HEADER, row), body=BODY, year=YEAR)
        for name in ("text", "zh", "json", "html"):
            written = ec.render(ledger, name)
            assert PERSON_ID not in written
            assert CREDIT_CODE not in written

    def test_both_numbers_survive_json(self, tmp_path):
        """The ledger's JSON keeps the number held beside the code (nothing lost)."""
        row = [*with_cell(1, "个体工商户"), CREDIT_CODE, "身份证", PERSON_ID]
        ledger = read_ledger(_party_table(tmp_path, PARTY_HEADER, row), body=BODY, year=YEAR)
        assert ledger == ec.load_json(ec.dump_json(ledger))


def _biff(kind: int, body: bytes) -> bytes:
    import struct

    return struct.pack("<HH", kind, len(body)) + body


def xls_workbook(cells: list[tuple[int, int]], dimensions: tuple[int, int]) -> bytes:
    """A BIFF8 workbook (.xls) in an OLE2 compound file: one sheet, numbers at ``cells``.

    ``dimensions`` is what its DIMENSIONS record states: (rows, columns).
    """
    import struct

    name = "行政处罚".encode("utf-16-le")
    bof_globals = _biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0))
    eof = _biff(0x000A, b"")
    sheet_at = len(bof_globals) + 4 + 8 + len(name) + len(eof)
    sheet = struct.pack("<IBBBB", sheet_at, 0, 0, len(name) // 2, 1) + name
    stream = bof_globals + _biff(0x0085, sheet) + eof
    stream += _biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0, 0, 0, 0))
    stream += _biff(0x0200, struct.pack("<IIHHH", 0, dimensions[0], 0, dimensions[1], 0))
    for row, column in cells:
        stream += _biff(0x0203, struct.pack("<HHHd", row, column, 0, 1.0))
    stream += eof
    size, end, free = 512, 0xFFFFFFFE, 0xFFFFFFFF
    small = len(stream) < 4096  # the mini stream's, in sectors of 64 bytes
    held = stream.ljust(-(-len(stream) // 64) * 64, b"\0") if small else stream
    sectors = -(-len(held) // size)
    first = 2 if small else 1  # sector 1 holds the mini FAT of a small stream
    fat = [0xFFFFFFFD, *([end] if small else []), *range(first + 1, first + sectors), end, end]
    fat += [free] * (128 - len(fat))
    directory_at = first + sectors
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    minifat = (1, 1) if small else (end, 0)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, directory_at, 0, 4096, *minifat, end, 0)
    struct.pack_into("<109I", header, 76, 0, *[free] * 108)

    def entry(title: str, kind: int, child: int, start: int, length: int) -> bytes:
        encoded = (title + "\0").encode("utf-16-le")
        raw = bytearray(128)
        raw[: len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, free, free, child)
        struct.pack_into("<IQ", raw, 116, start, length)
        return bytes(raw)

    if small:
        minis = len(held) // 64
        table = [*range(1, minis), end] + [free] * (128 - minis)
        root = entry("Root Entry", 5, 1, first, len(held))
        book = entry("Workbook", 2, free, 0, len(stream))
        mini_table = struct.pack("<128I", *table)
    else:
        root = entry("Root Entry", 5, 1, end, 0)
        book = entry("Workbook", 2, free, first, len(stream))
        mini_table = b""
    return (
        bytes(header)
        + struct.pack("<128I", *fat)
        + mini_table
        + held.ljust(sectors * size, b"\0")
        + root
        + book
        + bytes(256)
    )


ROWS_300 = [(row, 0) for row in range(300)]


class TestXlsExtent:
    """An .xls workbook's extent is held to the limits before a reader lays it out (issue 21)."""

    def test_a_stated_extent_past_the_cells_is_refused(self, tmp_path):
        """DIMENSIONS of 65,536 rows by 256 columns: refused at its corner, on both paths."""
        file = tmp_path / "dimensions.xls"
        file.write_bytes(xls_workbook(ROWS_300, (65_536, 256)))
        for path in ("object", "columnar"):
            with pytest.raises(LoadError) as raised:
                PATHS[path](file)
            (problem,) = raised.value.problems
            assert ("行政处罚", 65_536, "IV") == (problem.sheet, problem.row, problem.header)  # type: ignore[attr-defined]
            assert problem.message.startswith("the sheet spans 65,536 rows and 256 columns")

    def test_a_stray_cell_far_below_is_refused(self, tmp_path, monkeypatch):
        """A cell at C65536 below 300 rows: refused by the empty rows' limit, at the cell."""
        monkeypatch.setattr(_workbook, "MAX_EMPTY_ROWS", 1000)
        file = tmp_path / "stray.xls"
        file.write_bytes(xls_workbook([*ROWS_300, (65_535, 2)], (65_536, 3)))
        with pytest.raises(LoadError) as raised:
            read_ledger(file)
        (problem,) = raised.value.problems
        assert (65_536, "C") == (problem.row, problem.header)  # type: ignore[attr-defined]
        assert problem.message.startswith("the sheet's rows run to row 65,536, and 65,235 of them")

    def test_a_small_workbook_stating_a_huge_extent_is_refused(self, tmp_path):
        """Three cells, their stream in the mini stream, under DIMENSIONS of 65,536 by 256: refused."""
        file = tmp_path / "small.xls"
        file.write_bytes(xls_workbook([(0, 0), (1, 0), (2, 0)], (65_536, 256)))
        with pytest.raises(LoadError) as raised:
            read_ledger(file)
        (problem,) = raised.value.problems
        assert (65_536, "IV") == (problem.row, problem.header)  # type: ignore[attr-defined]
        assert problem.message.startswith("the sheet spans 65,536 rows and 256 columns")

    def test_within_the_limits_the_check_lets_it_through(self):
        """300 rows of one column, stated so: not refused by the check (the reader goes on)."""
        data = xls_workbook(ROWS_300, (300, 1))
        assert _workbook.checked_xls(data, "small.xls") is None
        assert [("行政处罚", (300, 1), (300, 1), 300)] == _workbook._xls_sheets(
            _workbook._cfb_stream(data) or b""
        )
