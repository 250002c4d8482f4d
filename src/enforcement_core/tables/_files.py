"""Reading the raw cells of a table file: xlsx, csv, parquet.

The readers are optional extras (``enforcement-core[tables]``), imported when a
table is first read: python-calamine (Rust) for Excel, the csv module for CSV,
pyarrow (C++) for Parquet. Each sheet comes back as its header and its rows of
plain Python values, with the row number the spreadsheet shows.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

import attrs

from enforcement_core._extras import require
from enforcement_core.errors import LoadError
from enforcement_core.tables._problems import TableProblem

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["ENCODINGS", "RawSheet", "decode", "kind_of", "read_sheets"]

#: The encodings a CSV file is tried in, in order: UTF-8 (with or without a BOM)
#: and GB18030, which contains GBK and GB2312, as Chinese Excel saves CSV.
ENCODINGS: Final = ("utf-8-sig", "gb18030")

_SUFFIXES: Final = {
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xlsx",
    ".csv": "csv",
    ".txt": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".json": "json",
}


@attrs.frozen
class RawSheet:
    """One sheet as read: its name, its header row and its rows, with their numbers."""

    name: str
    header: list[Any]
    #: (the row number the spreadsheet shows, the row's cells).
    rows: list[tuple[int, list[Any]]]


def kind_of(source: str | os.PathLike[str] | IO[bytes], name: str | None) -> str:
    """The kind of table file: ``xlsx``, ``csv``, ``parquet`` or ``json``, by its name or bytes."""
    suffix = Path(name).suffix.lower() if name else ""
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    head = _head(source)
    if head.startswith(b"PK"):
        return "xlsx"
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "json"
    return "csv"


def _head(source: str | os.PathLike[str] | IO[bytes]) -> bytes:
    if isinstance(source, str | os.PathLike):
        with Path(source).open("rb") as handle:
            return handle.read(8)
    position = source.tell()
    head = source.read(8)
    source.seek(position)
    return head


def decode(raw: bytes, name: str) -> str:
    """The text of a CSV file, in the first of :data:`ENCODINGS` that decodes it whole."""
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LoadError(
        [
            TableProblem.at(
                name,
                None,
                None,
                None,
                f"the file is not text in {' or '.join(ENCODINGS)}: save it as CSV UTF-8",
                f"文件编码不是{'或'.join(ENCODINGS)}：请另存为“CSV UTF-8”",
            )
        ],
        source=name,
    )


def _numbered(rows: list[list[Any]]) -> RawSheet | None:
    """The header (the first row with a value) and the rows after it, numbered from 1."""
    for index, row in enumerate(rows):
        if any(cell is not None and str(cell).strip() for cell in row):
            return RawSheet("", row, [(number, cells) for number, cells in _after(rows, index)])
    return None


def _after(rows: list[list[Any]], index: int) -> Iterator[tuple[int, list[Any]]]:
    yield from enumerate(rows[index + 1 :], start=index + 2)


def _xlsx(source: str | os.PathLike[str] | IO[bytes]) -> list[RawSheet]:
    calamine = require("python_calamine", "tables", "Excel ledgers")
    if isinstance(source, str | os.PathLike):
        book = calamine.CalamineWorkbook.from_path(str(source))
    else:
        book = calamine.CalamineWorkbook.from_filelike(source)
    sheets = []
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        # calamine writes an empty cell as "": the model's "not given" is None.
        cleaned = [[None if cell == "" else cell for cell in row] for row in rows]
        sheet = _numbered(cleaned)
        if sheet is not None:
            sheets.append(attrs.evolve(sheet, name=name))
    return sheets


def _csv(source: str | os.PathLike[str] | IO[bytes], name: str) -> list[RawSheet]:
    raw = Path(source).read_bytes() if isinstance(source, str | os.PathLike) else source.read()
    text = decode(raw, name)
    rows = [[cell if cell != "" else None for cell in row] for row in csv.reader(io.StringIO(text))]
    sheet = _numbered(rows)
    return [] if sheet is None else [attrs.evolve(sheet, name=name)]


def _parquet(source: str | os.PathLike[str] | IO[bytes], name: str) -> list[RawSheet]:
    parquet = require("pyarrow.parquet", "tables", "Parquet ledgers")
    table = parquet.read_table(source if not isinstance(source, os.PathLike) else str(source))
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    rows = [(number + 2, list(cells)) for number, cells in enumerate(zip(*columns, strict=True))]
    return [RawSheet(name, list(table.column_names), rows)]


def read_sheets(source: str | os.PathLike[str] | IO[bytes], kind: str, name: str) -> list[RawSheet]:
    """Every non-empty sheet of a table file of ``kind``."""
    if kind == "xlsx":
        return _xlsx(source)
    if kind == "parquet":
        return _parquet(source, name)
    return _csv(source, name)
