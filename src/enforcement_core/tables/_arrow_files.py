"""Table files as Arrow tables, for the columnar path: the same guarded readers, as columns.

A CSV file is read by pyarrow's own reader, a Parquet file as it is typed, a workbook
sheet by sheet through :func:`~enforcement_core.tables._files.read_sheets`; each
table's row ``i`` is the spreadsheet's row ``i + 2``, so problems name the rows a
clerk sees.
"""

from __future__ import annotations

import csv as std_csv
import datetime as dt
import io
import os
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from enforcement_core._extras import require
from enforcement_core.errors import LoadError
from enforcement_core.tables._files import (
    RawSheet,
    csv_text,
    long_cells,
    parquet_table,
    read_bytes,
    read_sheets,
    stray_arrow,
)
from enforcement_core.tables._problems import refusal
from enforcement_core.tables._publicity import below_title, header_row, recognise
from enforcement_core.tables._read import for_people

if TYPE_CHECKING:
    from collections.abc import Mapping


def _pa() -> Any:
    return require("pyarrow", "tables", "Columnar ledgers")


def _pc() -> Any:
    return require("pyarrow.compute", "tables", "Columnar ledgers")


def _arrow_sheets(
    source: str | os.PathLike[str] | IO[bytes],
    kind: str,
    name: str,
    mapping: Mapping[str, str | tuple[str, str]] | None = None,
) -> list[tuple[str, Any]]:
    """The sheets of a file as Arrow tables of strings (Parquet: as typed)."""
    if kind == "parquet":
        return [(name, _arrow_parquet(source, name))]
    if kind == "csv":
        return [(name, _arrow_csv(source, name, mapping))]

    return [
        (sheet.name, _numbered_table(sheet))
        for sheet in read_sheets(
            source, kind, name, lambda sheet: below_title(sheet, mapping), for_people=for_people
        )
    ]


def _numbered_table(sheet: RawSheet) -> Any:
    """A sheet as an Arrow table of text, its row ``i`` the spreadsheet's row ``i + 2``.

    Rows above the header (a title above a published table's header, taken off by
    :func:`~enforcement_core.tables._publicity.below_title`) are blank rows, read past,
    so every row keeps its number.
    """
    pa = _pa()
    first = sheet.rows[0][0] if sheet.rows else 2
    rows = [[] for _ in range(first - 2)] + [cells for _, cells in sheet.rows]
    width = len(sheet.header)
    # Column by column, a row short of the header padded with empty cells (and one
    # longer cut: its cells beyond the header are refused elsewhere).
    cut = [
        row if len(row) == width else [*row[:width], *[None] * (width - len(row))] for row in rows
    ]
    columns = []
    for cells in zip(*cut, strict=True) if cut else [() for _ in range(width)]:
        # Cells as the text they hold: date cells as ISO dates, numbers as their shortest
        # text. A column of text alone (the most) is taken as it is.
        text = set(map(type, cells)) <= {str, type(None)}
        columns.append(pa.array(cells if text else [_cell(cell) for cell in cells], pa.string()))
    # By position, not by a dict: a header given twice keeps both columns, to be refused.
    headers = ["" if h is None else str(h) for h in sheet.header]
    return pa.Table.from_arrays(columns, names=headers)


def _arrow_parquet(source: str | os.PathLike[str] | IO[bytes], name: str) -> Any:
    """A Parquet file, or a directory of them read as one dataset, as an Arrow table."""
    parquet = require("pyarrow.parquet", "tables", "Parquet ledgers")
    where = str(source) if isinstance(source, os.PathLike) else source
    if not isinstance(where, str) or Path(where).is_file():
        # One file: read as itself. read_table would read it as a dataset, and
        # importing pyarrow.dataset (and with it pandas) takes longer than the file.
        table = parquet_table(source, name)
        _no_stray(table, name)
        return table
    try:
        table = parquet.read_table(where)
    except Exception as error:  # noqa: BLE001  (pyarrow raises ArrowInvalid, OSError and more)
        raise refusal(
            name,
            f"not a Parquet dataset that can be read ({type(error).__name__}: {error})",
            f"不是可读取的Parquet数据集（{error}）",
        ) from None
    long_cells(table, name)
    _no_stray(table, name)
    return table


def _no_stray(table: Any, name: str) -> None:
    problems = stray_arrow(table, name)
    if problems:
        raise LoadError(problems, source=name)


def _arrow_csv(
    source: str | os.PathLike[str] | IO[bytes],
    name: str,
    mapping: Mapping[str, str | tuple[str, str]] | None,
) -> Any:
    """A CSV file as an Arrow table of strings, every cell as written.

    A file pyarrow cannot read as a rectangle (a row a cell short, a published table
    with a title above its header or notes below its data) is read as the object path
    reads it, to the same result.
    """
    pa = _pa()
    csv = require("pyarrow.csv", "tables", "Columnar ledgers")
    raw = read_bytes(source, name)
    data = raw.removeprefix(b"\xef\xbb\xbf") if _utf8(raw) else csv_text(raw, name).encode("utf-8")
    if b"\n" not in data and b"\r" in data:
        data = data.replace(b"\r", b"\n")  # CR alone ends every line, as classic Mac OS wrote
    # Up to the first line end only: splitting would copy the whole file.
    end = data.find(b"\n")
    first_line = (data if end < 0 else data[:end]).decode("utf-8")
    try:
        names_table = next(std_csv.reader(io.StringIO(first_line)), [])
    except std_csv.Error:
        names_table = []  # pyarrow reads the header again, and words what is wrong with it
    published = recognise(names_table, mapping) is not None
    if not published and _titled(data, mapping):
        # A title above a published table's header: read as the object path reads it.
        return _by_rows(raw, name, mapping)
    options = csv.ConvertOptions(
        column_types=dict.fromkeys(names_table, pa.string()),
        # Only an empty cell is empty: "NaN" or "NULL" is text, as the csv module reads it.
        null_values=[""],
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
    )
    try:
        try:
            table = csv.read_csv(pa.BufferReader(data), convert_options=options)
        except pa.ArrowInvalid as error:
            if "straddl" not in str(error):
                raise
            # A line longer than a block (1 MiB): read whole, so that its long cell
            # is refused by its row and column below, as the object path refuses it.
            table = csv.read_csv(
                pa.BufferReader(data),
                read_options=csv.ReadOptions(block_size=len(data) + 1),
                convert_options=options,
            )
    except pa.ArrowInvalid as error:
        uneven = "Expected" in str(error) and "columns, got" in str(error)
        if not (uneven or published):
            raise _not_csv(name, error) from None
        # A row shorter or longer than the header (a published table's notes are one
        # cell wide): read as the object path reads it (missing cells empty, values
        # beyond the header refused), to the same result.
        return _by_rows(raw, name, mapping)
    except OSError as error:
        # An unclosed quote, an empty file.
        raise _not_csv(name, error) from None
    long_cells(table, name)
    _no_stray(table, name)
    return table


def _utf8(raw: bytes) -> bool:
    """Whether ``raw`` is UTF-8, as ``raw.decode("utf-8")`` would find: checked by Arrow in place.

    Decoding a big file into a Python string to find out costs its size several
    times over in memory, and three times Arrow's check in time.
    """
    pa = _pa()
    offsets = pa.array([0, len(raw)], pa.int64()).buffers()[1]
    cells = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(raw)])
    try:
        cells.cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


def _titled(data: bytes, mapping: Mapping[str, str | tuple[str, str]] | None) -> bool:
    """Whether a published table's header stands below the first line of the CSV ``data``."""
    try:
        head = list(std_csv.reader(io.StringIO(data[:65536].decode("utf-8", "ignore"))))
    except std_csv.Error:
        return False  # read by pyarrow, which words what is wrong
    return header_row(head[1:], mapping) is not None


def _by_rows(raw: bytes, name: str, mapping: Mapping[str, str | tuple[str, str]] | None) -> Any:
    """A CSV file read by the object path's reader, as an Arrow table."""
    (sheet,) = read_sheets(
        io.BytesIO(raw), "csv", name, lambda sheet: below_title(sheet, mapping)
    ) or [RawSheet(name, [], [])]
    return _numbered_table(sheet)


def _not_csv(name: str, error: Exception) -> LoadError:
    return refusal(name, f"not a CSV table: {error}", f"不是有效的CSV表格：{error}")


def _strings(array: Any) -> Any:
    """A column as text, as the readers take it (Parquet columns may be typed)."""
    pa = _pa()
    if pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
        return array
    return pa.chunked_array([pa.array([_cell(v) for v in array.to_pylist()], pa.string())])


def _cell(value: Any) -> str | None:  # noqa: PLR0911  (one return per kind of cell)
    """A cell as the text it holds, for a column read as text."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime):
        # Midnight, with a time zone or not, is a day, as the object path reads it.
        return value.date().isoformat() if value.time() == dt.time(0) else str(value)
    if isinstance(value, list | tuple):
        # A list column (处罚种类 as list<string>) is the cell listing its items.
        return "、".join(text for text in (_cell(item) for item in value) if text)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)
