"""Reading the raw cells of a table file: xlsx, csv, parquet.

The readers are optional extras (``enforcement-core[tables]``), imported when a
table is first read: python-calamine (Rust) for Excel, the csv module for CSV,
pyarrow (C++) for Parquet. Each sheet comes back as its header and its rows of
plain Python values, with the row number the spreadsheet shows.
"""

from __future__ import annotations

import csv
import io
import itertools
import mmap
import operator
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

import attrs

from enforcement_core._arrow import scalar
from enforcement_core._extras import require
from enforcement_core.errors import LoadError
from enforcement_core.tables._cells import blank
from enforcement_core.tables._problems import TableProblem, _column_letters, _megabytes, refusal
from enforcement_core.tables._workbook import _checked_zip, _Flag, _not_a_workbook, checked_xls

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = [
    "ENCODINGS",
    "MAX_CELL_CHARS",
    "MAX_FILE_BYTES",
    "MAX_PARQUET_BYTES",
    "RawSheet",
    "decode",
    "kind_of",
    "materialized",
    "of_file",
    "read_bytes",
    "read_sheets",
    "refusal",
    "stray_arrow",
    "stray_values",
]

#: The largest table file read: 256 MiB (a national table of a million rows is about 200 MiB).
MAX_FILE_BYTES: Final = 256 * 2**20
#: The most a Parquet file's columns may hold once decompressed, by its own metadata.
MAX_PARQUET_BYTES: Final = 2**30
#: The longest cell, in characters: what the csv module reads by default.
MAX_CELL_CHARS: Final = 131_072

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


def materialized(
    source: str | os.PathLike[str] | IO[bytes],
) -> str | os.PathLike[str] | IO[bytes]:
    """``source``, read into memory first when it can be read only once.

    A pipe or a FIFO (``<(cat ledger.csv)``, ``/dev/stdin``) and a file object that
    cannot seek lose what the type sniffing reads, or block when opened again: they
    are read once, up to :data:`MAX_FILE_BYTES`, and handed on as bytes with their name.
    """
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if path.is_file() or path.is_dir() or not path.exists():
            return source
        name = str(source)
    elif _seekable(source):
        return source
    else:
        name = str(getattr(source, "name", "") or "")
    data = io.BytesIO(read_bytes(source, Path(name).name or "table"))
    data.name = name
    return data


def _seekable(source: IO[bytes]) -> bool:
    try:
        return bool(source.seekable())
    except (AttributeError, OSError, ValueError):
        return False


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


def of_file(error: LoadError, stem: str, shown: str) -> LoadError:
    """``error`` as the file ``shown``'s: a problem of the whole file drops the sheet ``stem``.

    A CSV or Parquet file is one sheet named by its stem; a problem of the file
    itself (not a table, too large) is said once, under the file's name.
    """
    problems = [
        TableProblem.at("", None, None, p.value, p.message, p.message_zh)
        if isinstance(p, TableProblem) and p.sheet == stem and p.row is None and p.header is None
        else p
        for p in error.problems
    ]
    return LoadError(problems, source=shown)


def read_bytes(source: str | os.PathLike[str] | IO[bytes], name: str) -> bytes:
    """The bytes of a table file, refused above :data:`MAX_FILE_BYTES` before they are read.

    A regular file is measured first; a device, a pipe or a file object is read
    up to one byte past the limit, never further (``/dev/zero`` is refused).
    """
    too_big = refusal(
        name,
        f"the file is larger than {_megabytes(MAX_FILE_BYTES)}, the most a table file may hold",
        f"文件大于{_megabytes(MAX_FILE_BYTES)}，超出表格文件的上限",
    )
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if path.is_file() and path.stat().st_size > MAX_FILE_BYTES:
            raise too_big
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    else:
        data = source.read(MAX_FILE_BYTES + 1)
    if not isinstance(data, bytes):
        raise refusal(name, "the file object gives text, not bytes", "文件对象给出的是文字而非字节")
    if len(data) > MAX_FILE_BYTES:
        raise too_big
    return data


def mapped(source: str | os.PathLike[str] | IO[bytes]) -> mmap.mmap | None:
    """A regular file on disk within :data:`MAX_FILE_BYTES`, mapped read-only; else ``None``.

    Its bytes are read from the page cache where they are looked at, not copied into
    memory first (0.15 s of CPU for a national table of 154 MB). Unmapped when the last
    reference to it goes. ``None`` for a file object, an empty or a larger file, a
    device or a pipe: :func:`read_bytes` reads or refuses those.
    """
    if not isinstance(source, str | os.PathLike):
        return None
    path = Path(source)
    if not path.is_file() or not 0 < path.stat().st_size <= MAX_FILE_BYTES:
        return None
    with path.open("rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def decode(raw: bytes, name: str) -> str:
    """The text of a CSV file, in the first of :data:`ENCODINGS` that decodes it whole.

    A file that is UTF-8 but for a few stray bytes is refused at the first of
    them: GB18030 decodes almost any bytes, and would turn every name into mojibake.
    """
    try:
        return raw.decode(ENCODINGS[0])
    except UnicodeDecodeError as error:
        _stray_bytes(raw, name, error)
    for encoding in ENCODINGS[1:]:
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


def _stray_bytes(raw: bytes, name: str, error: UnicodeDecodeError) -> None:
    """Refuse ``raw`` when it is UTF-8 text but for a few bytes; else let other encodings try.

    In UTF-8 most of a Chinese file's characters are multi-byte sequences; in
    GB18030 almost none of its byte pairs are valid UTF-8. A file whose bad bytes
    are at most one in twenty of its valid multi-byte characters is UTF-8.
    """
    text = raw.decode("utf-8", "surrogateescape")
    bad = sum(1 for c in text if "\udc80" <= c <= "\udcff")
    wide = sum(1 for c in text if c > "\x7f" and not "\udc80" <= c <= "\udcff")
    if not wide or bad * 20 > wide:
        return
    row = raw.count(b"\n", 0, error.start) + 1
    byte = raw[error.start : error.start + 1].hex().upper()
    raise refusal(
        name,
        f"the file is UTF-8 but for the byte 0x{byte} in this row (and {bad - 1} more): "
        "correct it or save the file again as CSV UTF-8",
        f"文件为UTF-8编码，但此行有非UTF-8字节0x{byte}（另有{bad - 1}处）：请更正或重新另存为“CSV UTF-8”",
        row=row,
    )


def _numbered(rows: list[list[Any]]) -> RawSheet | None:
    """The header (the first row with a value) and the rows after it, numbered from 1."""
    for index, row in enumerate(rows):
        if any(cell is not None and str(cell).strip() for cell in row):
            return RawSheet("", row, list(_after(rows, index)))
    return None


def _after(rows: list[list[Any]], index: int) -> Iterator[tuple[int, list[Any]]]:
    return enumerate(rows[index + 1 :], start=index + 2)


#: The first bytes of an OLE2 compound file: an .xls workbook, or an encrypted .xlsx.
_OLE2: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _long_cell(  # noqa: PLR0913, PLR0917  (the file, the cell's place, and the cell)
    name: str, sheet: str, row: int, column: int, cell: str, header: Any = None
) -> LoadError:
    return refusal(
        name,
        f"a cell of {len(cell):,} characters, more than {MAX_CELL_CHARS:,}",
        f"单元格有{len(cell)}个字符，超过{MAX_CELL_CHARS}个",
        sheet=sheet,
        row=row,
        header=str(header) if header is not None else _column_letters(column),
    )


def _no_long_cell(name: str, sheet_name: str, sheet: RawSheet) -> None:
    """Refuse the first cell of ``sheet`` longer than :data:`MAX_CELL_CHARS`, by its column."""
    every = itertools.chain(sheet.header, *(cells for _, cells in sheet.rows))
    # A cell that is not text is short as text (a number, a date): the sheet is passed at
    # once when no cell is long, and looked at cell by cell only to name the long one.
    # length_hint gives a text's length and 0 for a number or a date, without writing it
    # as text (str() of 200,000 dates and amounts took 0.25 s of 0.38).
    if max(map(operator.length_hint, every), default=0) <= MAX_CELL_CHARS:
        return
    for number, cells in [(1, sheet.header), *sheet.rows]:
        for column, cell in enumerate(cells):
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                header = sheet.header[column] if number > 1 and column < len(sheet.header) else None
                raise _long_cell(name, sheet_name, number, column, cell, header)


def _sheet_rows(found: Any) -> list[list[Any]]:
    """A calamine sheet's rows from A1, an empty cell ``None`` and each text once in memory.

    As ``to_python(skip_empty_area=False)`` gives them, with calamine's empty cell ("")
    as the model's "not given" (``None``), read a row at a time: a text that repeats
    (a domain, a sanction, 是 or 否) is one object for every cell that holds it, where
    ``to_python`` made one a cell, all of them alive beside calamine's own copy of the
    sheet: a workbook's read had its peak there (200,000 rows: 315 MiB, now 231; a
    clerk's template of 100,000 cases 216, now 171). calamine's iterator gives the rows
    above the first cell (as wide as the cells) and no columns left of it: those are
    added here.
    """
    start = found.start
    if start is None:
        return []  # an empty sheet (calamine's iterator cannot start on one)
    above, left = start
    blank: list[Any] = [None] * left
    texts: dict[str, str] = {}
    kept = texts.setdefault
    rows: list[list[Any]] = []
    for number, row in enumerate(found.iter_rows()):
        if number < above:
            rows.append([None] * (left + len(row)))
            continue
        cells = [
            (None if cell == "" else kept(cell, cell)) if cell.__class__ is str else cell
            for cell in row
        ]
        rows.append(blank + cells if left else cells)
    return rows


def _xlsx(source: str | os.PathLike[str] | IO[bytes], name: str) -> list[RawSheet]:
    calamine = require("python_calamine", "tables", "Excel ledgers")
    data = read_bytes(source, name)
    flagged: dict[str, list[_Flag]] = {}
    if data.startswith(b"PK"):
        flagged = _checked_zip(data, name)
    elif data.startswith(_OLE2):
        checked_xls(data, name)
    else:
        raise _not_a_workbook(name, "its bytes are not those of a workbook")
    from enforcement_core._fast_json import collector_paused  # noqa: PLC0415

    sheets = []
    problems: list[TableProblem] = []
    # A sheet's rows are a list and a cell an object each, and no cycle among them: the
    # collector, walking them again at each collection while they are made, took a
    # third of the time calamine takes to give them (0.1 s of 0.27 for 200,000 rows),
    # and cleaning them twice its own.
    with collector_paused():
        try:
            book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
            for sheet_name in book.sheet_names:
                found = book.get_sheet_by_name(sheet_name)
                rows = _sheet_rows(found)
                merged = found.merged_cell_ranges or []
                # calamine's own copy of the sheet goes before its rows are looked at.
                del found
                sheet = _numbered(rows)
                if sheet is not None:
                    sheet = attrs.evolve(sheet, name=sheet_name)
                    _no_long_cell(name, sheet_name, sheet)
                    problems += _unread(sheet, flagged.get(sheet_name, []))
                    problems += _merged(sheet, merged)
                    sheets.append(sheet)
        except LoadError:
            raise
        except Exception as error:  # noqa: BLE001  (calamine's errors are not one class: junk, encrypted, truncated)
            raise _not_a_workbook(name, f"{type(error).__name__}: {error}") from None
    if problems:
        raise LoadError(problems, source=name)
    return sheets


def _header_row(sheet: RawSheet) -> int:
    return sheet.rows[0][0] - 1 if sheet.rows else 1


def _header_of(sheet: RawSheet, column: int) -> str:
    """The header of the 0-based ``column``, or its letters when it has none."""
    if column < len(sheet.header) and not blank(sheet.header[column]):
        return str(sheet.header[column])
    return _column_letters(column)


def _unread(sheet: RawSheet, flagged: list[_Flag]) -> list[TableProblem]:
    """The cells a reader gives as empty though they are not: Excel errors, formulas never computed."""
    first = _header_row(sheet)
    problems = []
    for row, column, error in flagged:
        if row <= first:
            continue
        header = _header_of(sheet, column - 1)
        if error:
            problems.append(
                TableProblem.at(
                    sheet.name,
                    row,
                    header,
                    error,
                    f"the cell holds the Excel error {error}, not a value: correct its formula "
                    "or type the value",
                    f"单元格为Excel错误值{error}，不是数值：请修正公式或直接填写数值",
                )
            )
        else:
            problems.append(
                TableProblem.at(
                    sheet.name,
                    row,
                    header,
                    None,
                    "the cell holds a formula whose value was never computed: open the file in "
                    "Excel and save it, or type the value",
                    "单元格的公式未经计算，没有数值：请在Excel中打开并保存，或直接填写数值",
                )
            )
    return problems


def _merged(sheet: RawSheet, ranges: list[Any]) -> list[TableProblem]:
    """Merged cells among the records: every cell but the first reads as empty, so refused."""
    first = _header_row(sheet)
    problems = []
    for (top, left), (bottom, right) in ranges:
        if bottom + 1 <= first:
            continue  # a title above the header, or the header itself: not a record's cells
        span = f"{_column_letters(left)}{top + 1}:{_column_letters(right)}{bottom + 1}"
        problems.append(
            TableProblem.at(
                sheet.name,
                top + 1,
                _header_of(sheet, left),
                span,
                f"merged cells {span}: each record needs its own values; unmerge them and "
                "fill in every cell",
                f"合并单元格{span}：每条记录须各自填写；请取消合并并逐格填写",
            )
        )
    return problems


def csv_text(raw: bytes, name: str) -> str:
    """The text of a CSV file, its line endings made LF when it uses bare CRs alone."""
    text = decode(raw, name)
    if "\n" not in text and "\r" in text:
        # Classic Mac OS wrote CR alone at the end of every line.
        text = text.replace("\r", "\n")
    return text


def _csv(source: str | os.PathLike[str] | IO[bytes], name: str) -> list[RawSheet]:
    text = csv_text(read_bytes(source, name), name)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[Any]] = []
    # The file is within its limit: a long cell is read, then refused with its column,
    # as the columnar path refuses it.
    limit = csv.field_size_limit(MAX_FILE_BYTES + 1)
    try:
        rows.extend([cell if cell != "" else None for cell in row] for row in reader)
    except csv.Error as error:
        reason = str(error)
        if "new-line" in reason:
            message = "a line break (CR) inside a cell that is not in quotes"
            message_zh = "未加引号的单元格中有换行符（CR）"
        else:
            message, message_zh = f"not a CSV table: {reason}", f"不是有效的CSV表格：{reason}"
        raise refusal(name, message, message_zh, row=reader.line_num) from None
    finally:
        csv.field_size_limit(limit)
    sheet = _numbered(rows)
    if sheet is not None:
        _no_long_cell(name, name, sheet)
    return [] if sheet is None else [attrs.evolve(sheet, name=name)]


def parquet_table(
    source: str | os.PathLike[str] | IO[bytes],
    name: str,
    encode: Callable[[list[str]], frozenset[int]] | None = None,
) -> Any:
    """The Arrow table of one Parquet file, refused past the limits before its columns are read.

    ``encode``, given the header, names the columns of text to read dictionary-encoded
    (as the file stores them, each distinct cell once, instead of a string a row).
    """
    pa = require("pyarrow", "tables", "Parquet ledgers")
    parquet = require("pyarrow.parquet", "tables", "Parquet ledgers")
    data = read_bytes(source, name)
    try:
        file = parquet.ParquetFile(pa.BufferReader(data))
        meta = file.metadata
        _parquet_size(meta, name)
        if encode is not None:
            schema = file.schema_arrow
            wanted = encode(list(schema.names))
            texts = [
                schema.names[i]
                for i in sorted(wanted)
                if pa.types.is_string(schema.types[i]) or pa.types.is_large_string(schema.types[i])
            ]
            if texts and len(set(schema.names)) == len(schema.names):
                file = parquet.ParquetFile(pa.BufferReader(data), read_dictionary=texts)
        table = file.read()
    except LoadError:
        raise
    except Exception as error:  # noqa: BLE001  (pyarrow raises ArrowInvalid, OSError and more)
        raise refusal(
            name,
            f"not a Parquet file that can be read ({type(error).__name__}: {error})",
            f"不是可读取的Parquet文件（{error}）",
        ) from None
    long_cells(table, name)
    return table


def _parquet_size(meta: Any, name: str) -> None:
    """Refuse a Parquet file whose columns, by its metadata, decompress past the limit."""
    size = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if size > MAX_PARQUET_BYTES:
        raise refusal(
            name,
            f"the file holds {_megabytes(size)} once decompressed, more than "
            f"{_megabytes(MAX_PARQUET_BYTES)}: split it into pieces",
            f"文件解压后为{_megabytes(size)}，超过{_megabytes(MAX_PARQUET_BYTES)}：请拆分",
        )


def long_cells(table: Any, name: str) -> None:
    """Refuse an Arrow table with a text cell longer than :data:`MAX_CELL_CHARS`."""
    pa = require("pyarrow", "tables", "Parquet ledgers")
    pc = require("pyarrow.compute", "tables", "Parquet ledgers")
    for index, header in enumerate(table.column_names):
        column = table.column(index)
        if pa.types.is_dictionary(column.type):
            # Each distinct cell once: a column is looked at row by row only when one is long.
            widths = [_widest(chunk.dictionary) for chunk in column.chunks]
            if max([w for w in widths if w is not None], default=0) <= MAX_CELL_CHARS:
                continue
            column = column.cast(column.type.value_type)
        if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
            continue
        # A character is at least one byte: a column whose longest cell in bytes is within
        # the limit is within it in characters, found from the offsets alone.
        widest = pc.max(pc.binary_length(column)).as_py()
        if widest is None or widest <= MAX_CELL_CHARS:
            continue
        lengths = pc.utf8_length(column)
        longest = pc.max(lengths).as_py()
        if longest is not None and longest > MAX_CELL_CHARS:
            row = pc.index(lengths, scalar(longest, lengths.type)).as_py()
            raise refusal(
                name,
                f"a cell of {longest:,} characters, more than {MAX_CELL_CHARS:,}",
                f"单元格有{longest}个字符，超过{MAX_CELL_CHARS}个",
                row=row + 2,
                header=str(header),
            )


def _widest(texts: Any) -> int | None:
    """The most bytes of a text among ``texts``; None if there is none."""
    pc = require("pyarrow.compute", "tables", "Parquet ledgers")
    widest: int | None = pc.max(pc.binary_length(texts)).as_py()
    return widest


def _parquet(source: str | os.PathLike[str] | IO[bytes], name: str) -> list[RawSheet]:
    table = parquet_table(source, name)
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    rows = [(number + 2, list(cells)) for number, cells in enumerate(zip(*columns, strict=True))]
    return [RawSheet(name, list(table.column_names), rows)]


def read_sheets(
    source: str | os.PathLike[str] | IO[bytes],
    kind: str,
    name: str,
    headed: Callable[[RawSheet], RawSheet] | None = None,
    *,
    for_people: Callable[[str], bool] | None = None,
) -> list[RawSheet]:
    """Every non-empty sheet of a table file of ``kind``.

    ``headed`` finds a sheet's header where it is not the first row (a site's title
    above a published table): values are under no header only by the real one.
    ``for_people`` tells, by its name, a sheet no reader reads as a table (the
    template's instructions), whose values are under no header by design.

    Raises:
        LoadError: The file cannot be read, or a sheet holds values under no header.
    """
    if kind == "xlsx":
        sheets = _xlsx(source, name)
    elif kind == "parquet":
        sheets = _parquet(source, name)
    else:
        sheets = _csv(source, name)
    if headed is not None:
        sheets = [headed(sheet) for sheet in sheets]
    tables = [s for s in sheets if for_people is None or not for_people(s.name)]
    problems = [problem for sheet in tables for problem in stray_values(sheet)]
    if problems:
        raise LoadError(problems, source=name)
    return sheets


_STRAY: Final = (
    "a value under no header: give its column a header, or delete the value",
    "该值所在列没有表头：请填写表头或删除该值",
)


def stray_values(sheet: RawSheet) -> list[TableProblem]:
    """Each value of ``sheet`` under a blank header or beyond the last one, by its cell.

    A reader keys cells by their header: a value under none would be dropped
    without a word (a fine of 6,800 gone from the report), so it is refused.
    """
    width = len(sheet.header)
    unnamed = [index for index, cell in enumerate(sheet.header) if blank(cell)]
    return [
        TableProblem.at(sheet.name, number, _column_letters(index), cells[index], *_STRAY)
        for number, cells in sheet.rows
        for index in [*unnamed, *range(width, len(cells))]
        if index < len(cells) and not blank(cells[index])
    ]


def stray_arrow(table: Any, name: str) -> list[TableProblem]:
    """:func:`stray_values` of an Arrow table: each value of a column whose name is blank."""
    pa = require("pyarrow", "tables", "Parquet ledgers")
    pc = require("pyarrow.compute", "tables", "Parquet ledgers")
    problems = []
    for index, header in enumerate(table.column_names):
        if not blank(header):
            continue
        column = table.column(index)
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            blank_cell = pc.equal(pc.utf8_trim_whitespace(column), scalar(""))
            given = pc.invert(pc.fill_null(blank_cell, fill_value=scalar(value=True)))
        else:
            given = pc.is_valid(column)
        for row in pc.indices_nonzero(given).to_pylist():
            value = column[row].as_py()
            problems.append(TableProblem.at(name, row + 2, _column_letters(index), value, *_STRAY))
    return problems


# Tables as Arrow, for the columnar path ----------------------------------------------
