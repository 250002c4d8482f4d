"""Table files as Arrow tables, for the columnar path: the same guarded readers, as columns.

A CSV file is read by pyarrow's own reader, a Parquet file as it is typed, a workbook
sheet by sheet through :func:`~enforcement_core.tables._files.read_sheets`; each
table's row ``i`` is the spreadsheet's row ``i + 2``, so problems name the rows a
clerk sees. A column is then read once (:func:`_encoded`): its distinct cells, trimmed
as ``str.strip`` trims, and each row's code among them, on which the column check
engine (:mod:`._columns`) decides every check; amounts of plain digits are read there
in Arrow (:func:`_plain_yuan`, :func:`_wan_yuan_fen`).
"""

from __future__ import annotations

import csv as std_csv
import io
import mmap
import os
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, overload

import attrs

from enforcement_core._arrow import contiguous, from_numpy, scalar, strings, to_numpy
from enforcement_core._extras import require
from enforcement_core.errors import LoadError
from enforcement_core.tables._cells import read_wan_yuan, read_yuan
from enforcement_core.tables._files import (
    RawSheet,
    csv_text,
    long_cells,
    mapped,
    parquet_table,
    read_bytes,
    read_sheets,
    stray_arrow,
)
from enforcement_core.tables._problems import refusal
from enforcement_core.tables._publicity import below_title, header_row, recognise
from enforcement_core.tables._read import for_people
from enforcement_core.tables._sheet_columns import (
    _cell,
    _columns_read,
    _numbered_table,
    column_layout,
    text_header,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from enforcement_core.tables._layout import Column


def _pa() -> Any:
    return require("pyarrow", "tables", "Columnar ledgers")


def _pc() -> Any:
    return require("pyarrow.compute", "tables", "Columnar ledgers")


def _arrow_sheets(  # noqa: PLR0913  (the file, its sheet's names and how to read it)
    source: str | os.PathLike[str] | IO[bytes],
    kind: str,
    name: str,
    mapping: Mapping[str, str | tuple[str, str]] | None = None,
    encode: Callable[[list[str]], frozenset[int]] | None = None,
    *,
    typed: bool = False,
) -> list[tuple[str, Any]]:
    """The sheets of a file as Arrow tables of strings (Parquet: as typed).

    ``encode``, given a CSV or Parquet file's header, names the columns to read
    dictionary-encoded (``dictionary<int32, string>``): each distinct cell held once
    and hashed as it is read, instead of a string a row hashed again after.
    ``typed``: a workbook's typed cells (numbers, dates) are held to reading, as
    their text, what the object path reads of them.

    Raises:
        ByObjects: ``typed``, and a workbook's typed cell reads otherwise as text.
    """
    if kind == "parquet":
        return [(name, _arrow_parquet(source, name, encode))]
    if kind == "csv":
        return [(name, _arrow_csv(source, name, mapping, encode))]
    sheets = workbook_tables(source, kind, name, mapping, encode, typed=typed)
    return [(sheet.name, table) for sheet, table in sheets]


def workbook_tables(  # noqa: PLR0913  (the file, its sheet's names and how to read it)
    source: str | os.PathLike[str] | IO[bytes],
    kind: str,
    name: str,
    mapping: Mapping[str, str | tuple[str, str]] | None = None,
    encode: Callable[[list[str]], frozenset[int]] | None = None,
    *,
    typed: bool = False,
    objects: bool = False,
    keep: bool = False,
) -> list[tuple[RawSheet, Any]]:
    """Each sheet of a workbook, in its order, with its rows as an Arrow table of strings.

    A sheet is given by its header alone (a :class:`._files.RawSheet` of no rows).
    ``objects``: a sheet the column engine does not read (see
    :func:`._sheet_columns.column_layout`) is given whole, rows and all, with ``None``
    for its table: the object reading takes it as it was read, not read again.
    ``keep``: a sheet given a table is given whole too (its rows kept beside the
    table), for the object reading to read the workbook without reading it again.
    ``encode`` and ``typed`` as :func:`_arrow_sheets` takes them.

    Raises:
        ByObjects: ``typed``, and a typed cell reads otherwise as text.
    """
    from enforcement_core._fast_json import collector_paused  # noqa: PLC0415

    tables: list[tuple[RawSheet, Any]] = []
    # Turning rows into columns makes an iterator a row and no cycle: the collector,
    # walking the sheet's rows at each collection meanwhile, took 0.2 to 0.3 s of the
    # 0.07 s zip takes for 200,000 rows. The rows are let go before it runs again.
    with collector_paused():
        read = read_sheets(
            source, kind, name, lambda sheet: below_title(sheet, mapping), for_people=for_people
        )
        single = len(read) == 1
        while read:
            sheet = read.pop(0)
            header = text_header(sheet)
            if objects and column_layout(sheet.name, header, mapping, single=single) is None:
                tables.append((sheet, None))
                continue
            # ``encode`` names the columns of a file of one sheet (as a CSV file is).
            encoded = encode(header) if encode is not None and single else frozenset()
            columns = _columns_read(sheet, mapping, single=single) if typed else None
            table = _numbered_table(sheet, columns, encoded)
            tables.append((sheet if keep else RawSheet(sheet.name, sheet.header, []), table))
            # Its rows go now, while the collector is off: held by this name until the end,
            # the collection that turning it on sets off walked every row (0.12 s at 200,000).
            del sheet
    return tables


def _arrow_parquet(
    source: str | os.PathLike[str] | IO[bytes],
    name: str,
    encode: Callable[[list[str]], frozenset[int]] | None = None,
) -> Any:
    """A Parquet file, or a directory of them read as one dataset, as an Arrow table."""
    parquet = require("pyarrow.parquet", "tables", "Parquet ledgers")
    where = str(source) if isinstance(source, os.PathLike) else source
    if not isinstance(where, str) or Path(where).is_file():
        # One file: read as itself. read_table would read it as a dataset, and
        # importing pyarrow.dataset (and with it pandas) takes longer than the file.
        table = parquet_table(source, name, encode)
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
    encode: Callable[[list[str]], frozenset[int]] | None = None,
) -> Any:
    """A CSV file as an Arrow table of strings, every cell as written.

    A file pyarrow cannot read as a rectangle (a row a cell short, a published table
    with a title above its header or notes below its data) is read as the object path
    reads it, to the same result.
    """
    # A file on disk is mapped, not read: pyarrow reads its pages where they are (and
    # passes over a byte order mark itself).
    raw: bytes | mmap.mmap = mapped(source) or read_bytes(source, name)
    try:
        # Read as UTF-8, as most files are: pyarrow checks every cell as it reads it, so
        # the bytes are not checked beforehand too (70 MB of them at a million rows).
        data = raw if isinstance(raw, mmap.mmap) else raw.removeprefix(b"\xef\xbb\xbf")
        return _csv_table(raw, data, name, mapping, encode)
    except _NotUtf8:
        # Other text (GB18030, as Chinese Excel saves CSV) is decoded as the object path
        # decodes it, or refused as it refuses it, and read again.
        text = csv_text(bytes(raw), name).encode("utf-8")
        return _csv_table(raw, text, name, mapping, encode)


#: The bytes of CSV pyarrow parses as one chunk (its default is 1 MiB): each chunk of a
#: column read encoded brings a dictionary of its own to make one and its indices to
#: join, a call of Arrow's apiece, and 8 MiB makes a million rows 9 chunks, not 68.
_BLOCK_BYTES: Final = 8 << 20


class _NotUtf8(Exception):  # noqa: N818  (a signal to decode, not an error anyone sees)
    """The bytes of a CSV file read as UTF-8 are not."""


def _csv_table(  # noqa: C901  (the reader's failures, each read as the object path reads it)
    raw: bytes | mmap.mmap,
    data: bytes | mmap.mmap,
    name: str,
    mapping: Mapping[str, str | tuple[str, str]] | None,
    encode: Callable[[list[str]], frozenset[int]] | None,
) -> Any:
    """The table of a CSV file's ``data`` (``raw``, decoded or not); ``_NotUtf8`` if it is not UTF-8."""
    pa = _pa()
    csv = require("pyarrow.csv", "tables", "Columnar ledgers")
    # (find, not in: a mapped file has no search of its own for ``in``.)
    if data.find(b"\n") < 0 and data.find(b"\r") >= 0:
        # CR alone ends every line, as classic Mac OS wrote.
        data = bytes(data).replace(b"\r", b"\n")
    # Up to the first line end only: splitting would copy the whole file.
    end = data.find(b"\n")
    try:
        first_line = bytes(data[:] if end < 0 else data[:end]).decode("utf-8")
    except UnicodeDecodeError:
        raise _NotUtf8 from None
    first_line = first_line.removeprefix("\ufeff")  # a mapped file's byte order mark
    try:
        names_table = next(std_csv.reader(io.StringIO(first_line)), [])
    except std_csv.Error:
        names_table = []  # pyarrow reads the header again, and words what is wrong with it
    published = recognise(names_table, mapping) is not None
    if not published and _titled(data, mapping):
        # A title above a published table's header: read as the object path reads it.
        return _by_rows(raw, name, mapping)
    options = csv.ConvertOptions(
        column_types=_column_types(names_table, encode),
        # Only an empty cell is empty: "NaN" or "NULL" is text, as the csv module reads it.
        null_values=[""],
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
    )
    # A blank line is a row to the object path, which numbers the rows after it so: read
    # as a row of empty cells (passed over as the object path passes it), not left out.
    parse = csv.ParseOptions(ignore_empty_lines=False)
    try:
        try:
            table = csv.read_csv(
                pa.BufferReader(data),
                read_options=csv.ReadOptions(block_size=_BLOCK_BYTES),
                parse_options=parse,
                convert_options=options,
            )
        except pa.ArrowInvalid as error:
            if "straddl" not in str(error):
                raise
            # A line longer than a block (1 MiB): read whole, so that its long cell
            # is refused by its row and column below, as the object path refuses it.
            table = csv.read_csv(
                pa.BufferReader(data),
                read_options=csv.ReadOptions(block_size=len(data) + 1),
                parse_options=parse,
                convert_options=options,
            )
    except pa.ArrowInvalid as error:
        if "invalid UTF8" in str(error):
            raise _NotUtf8 from None
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


def _column_types(
    names: list[str], encode: Callable[[list[str]], frozenset[int]] | None
) -> dict[str, Any]:
    """Every column read as text; those ``encode`` names dictionary-encoded (not under a name given twice)."""
    pa = _pa()
    types = dict.fromkeys(names, pa.string())
    if encode is not None and len(types) == len(names):
        for index in encode(names):
            types[names[index]] = pa.dictionary(pa.int32(), pa.string())
    return types


def _titled(data: bytes | mmap.mmap, mapping: Mapping[str, str | tuple[str, str]] | None) -> bool:
    """Whether a published table's header stands below the first line of the CSV ``data``."""
    try:
        head = list(std_csv.reader(io.StringIO(data[:65536].decode("utf-8", "ignore"))))
    except std_csv.Error:
        return False  # read by pyarrow, which words what is wrong
    return header_row(head[1:], mapping) is not None


def _by_rows(
    raw: bytes | mmap.mmap, name: str, mapping: Mapping[str, str | tuple[str, str]] | None
) -> Any:
    """A CSV file read by the object path's reader, as an Arrow table."""
    (sheet,) = read_sheets(
        io.BytesIO(raw), "csv", name, lambda sheet: below_title(sheet, mapping)
    ) or [RawSheet(name, [], [])]
    return _numbered_table(sheet)


def _not_csv(name: str, error: Exception) -> LoadError:
    return refusal(name, f"not a CSV table: {error}", f"不是有效的CSV表格：{error}")


def _strings(array: Any) -> Any:
    """A column as text, as the readers take it (Parquet columns may be typed)."""
    if _is_text(array.type):
        return array
    return _pa().chunked_array([strings([_cell(v) for v in array.to_pylist()])])


def _is_text(arrow_type: Any) -> bool:
    """Whether a column of this type holds text as the file wrote it (or its dictionary does)."""
    types = _pa().types
    if types.is_dictionary(arrow_type):
        arrow_type = arrow_type.value_type
    return bool(types.is_string(arrow_type) or types.is_large_string(arrow_type))


# A column read once ------------------------------------------------------------------


#: Every character ``str.strip`` removes (those for which ``str.isspace`` holds); a test
#: holds it to Python's own. Arrow trims exactly these, so a cell blank to the object
#: path (``blank``, ``read_text``) is blank here, and no other.
_WHITE_SPACE: Final = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


@attrs.frozen
class _Encoded:
    """A column of text read once: its distinct cells, and each row's position among them.

    Every check of a cell is decided on the distinct cells (a column of dates has
    at most 366, of domains a few dozen) and reaches the rows through ``codes``.
    """

    #: The distinct cells as the file writes them (Arrow text).
    raw: Any
    #: The same, trimmed of exactly the white space ``str.strip`` removes.
    trimmed: Any
    #: Each row's position among the distinct cells (``int64``); ``len(raw)`` for a null.
    codes: Any
    #: Which distinct cells are blank, and one more slot, blank, for the null.
    blank: Any
    #: Whether the cells are the rows themselves, unhashed (``codes`` counts the rows).
    of_rows: bool = False

    @property
    def empty(self) -> int:
        """The code of a row with nothing in it."""
        return len(self.raw)


def _encoded(array: Any, *, hashed: bool = True) -> _Encoded:
    """A column of text (an Arrow array or chunked array) dictionary-encoded once.

    Not ``hashed``, its cells are its rows (each row its own code): for a column
    of identifiers, a value a row, hashing finds nothing to share and costs the
    most of any column. The engine's checks hold for cells given more than once.
    """
    import numpy as np  # noqa: PLC0415  (pyarrow's own dependency)

    pa, pc = _pa(), _pc()
    if hashed and isinstance(array, pa.ChunkedArray) and pa.types.is_dictionary(array.type):
        return _of_dictionaries(array)
    if isinstance(array, pa.ChunkedArray):
        array = contiguous(array) if array.num_chunks else strings([])
    if not hashed:
        if pa.types.is_dictionary(array.type):
            array = array.dictionary_decode()
        codes = np.arange(len(array), dtype=_index(len(array)))
        return _of_codes(array, codes, of_rows=True)
    encoded = pc.dictionary_encode(array)
    indices = encoded.indices
    if indices.null_count:
        indices = pc.fill_null(indices, scalar(len(encoded.dictionary), indices.type))
    return _of_codes(encoded.dictionary, to_numpy(indices))


def _of_dictionaries(array: Any) -> _Encoded:
    """A column read dictionary-encoded (chunk by chunk, each its own dictionary) as one encoding.

    The chunks' dictionaries are made one (each value once), and the rows' codes are
    the chunks' indices into it: no cell is hashed again.
    """
    import numpy as np  # noqa: PLC0415

    pc = _pc()
    unified = array.unify_dictionaries()
    if unified.num_chunks:
        dictionary = unified.chunk(0).dictionary
    else:
        dictionary = strings([]).cast(array.type.value_type)
    width = len(dictionary)
    parts = []
    for chunk in unified.chunks:
        indices = chunk.indices
        if indices.null_count:
            indices = pc.fill_null(indices, scalar(width, indices.type))
        parts.append(to_numpy(indices))
    codes = parts[0] if len(parts) == 1 else np.concatenate([np.zeros(0, np.int32), *parts])
    return _of_codes(dictionary, codes)


def _of_codes(values: Any, codes: Any, *, of_rows: bool = False) -> _Encoded:
    """The encoding of distinct ``values`` and the rows' ``codes`` into them (``len(values)``: empty).

    Each value is trimmed and marked blank once, here, whichever way it was encoded.
    """
    import numpy as np  # noqa: PLC0415

    pc = _pc()
    width = len(values)
    trimmed = pc.utf8_trim(values, characters=_WHITE_SPACE)
    blank = np.ones(width + 1, dtype=bool)
    blank[:width] = to_numpy(
        pc.fill_null(pc.equal(trimmed, scalar("")), fill_value=scalar(value=True))
    )
    if not of_rows:
        codes = codes.astype(_index(width + 1), copy=False)
    return _Encoded(values, trimmed, codes, blank, of_rows=of_rows)


def _index(size: int) -> Any:
    """The narrowest integer type numbering ``size`` things (codes take a row each: 4 bytes, not 8)."""
    import numpy as np  # noqa: PLC0415

    return np.int32 if size < 2**31 else np.int64


class _Distinct(Sequence[Any]):
    """Distinct values held as arrays, one made Python when asked (:meth:`_at`, at a position in range)."""

    def __len__(self) -> int:
        raise NotImplementedError

    def _at(self, position: int) -> Any:
        raise NotImplementedError

    @overload
    def __getitem__(self, position: int) -> Any: ...

    @overload
    def __getitem__(self, position: slice) -> list[Any]: ...

    def __getitem__(self, position: int | slice) -> Any:
        if isinstance(position, slice):
            return [self[p] for p in range(*position.indices(len(self)))]
        position = int(position)
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        return self._at(position)


class _Texts(_Distinct):
    """The distinct values of a column of plain text, held in Arrow: one made Python when asked.

    A column of identifiers has a value a row; its checks run on the Arrow text
    (:func:`_suspects`), and only a value looked at (a refused one, a record built
    to run the checks written as methods) becomes a Python string. A blank value,
    and the last slot, are ``None``.
    """

    def __init__(self, texts: Any, blank: Any) -> None:
        self.texts = texts
        self._blank = blank

    def __len__(self) -> int:
        return len(self.texts) + 1

    def _at(self, position: int) -> Any:
        if self._blank[position]:
            return None
        return self.texts[position].as_py()

    def __iter__(self) -> Iterator[Any]:
        values = self.texts.to_pylist()
        for position, value in enumerate(values):
            yield None if self._blank[position] else value
        yield None


def _values_at(distinct: Sequence[Any], positions: list[int]) -> list[Any]:
    """The distinct values at ``positions``; of Arrow text, taken at once."""
    if isinstance(distinct, _Texts) and positions:
        import numpy as np  # noqa: PLC0415

        values = distinct.texts.take(from_numpy(np.asarray(positions, dtype=np.int64)))
        blank = distinct._blank  # noqa: SLF001  (its own slots)
        return [None if blank[p] else v for p, v in zip(positions, values.to_pylist(), strict=True)]
    return [distinct[p] for p in positions]


# Amounts of plain digits, read in Arrow ------------------------------------------------


# An amount in 万元 of plain digits with at most 6 places: exact in fen, well within int64.
_PLAIN_WAN: Final = r"^[0-9]{1,12}(?:\.[0-9]{1,6})?$"


def _wan_yuan_fen(column: Column, dictionary: Any) -> Any:
    """Amounts in 万元 of plain digits, decided in Arrow: each one's fen (numpy ``int64``).

    ``read_wan_yuan`` of such a text (digits, at most six places: 0.000001 万元 is
    one fen) is its fen as a Decimal of whole yuan, or of two places when it has
    fen. Here the whole digits and the places padded to six are joined and cast to
    one integer, without a Python object a cell. ``-1`` marks a cell this cannot
    decide (a blank, a sign, a space, a comma, full-width digits, an exponent, more
    places): the column's reader reads it, and says what it refuses. ``None`` for
    a column of another kind.
    """
    import numpy as np  # noqa: PLC0415

    if column.read is not read_wan_yuan or column.listed or column.check is not None:
        return None
    pa, pc = _pa(), _pc()
    fen = np.full(len(dictionary), -1, dtype=np.int64)
    matched = pc.fill_null(
        pc.match_substring_regex(dictionary, _PLAIN_WAN), fill_value=scalar(value=False)
    )
    positions = np.flatnonzero(to_numpy(matched))
    if not len(positions):
        return fen
    # Every cell plain (a column of amounts read a cell a row, the usual case): not taken.
    texts = (
        dictionary if len(positions) == len(dictionary) else dictionary.take(from_numpy(positions))
    )
    texts = texts.cast(pa.string())  # large_string from pandas
    # A decimal of six places holds the amount in millionths of 万元, which are fen: its
    # unscaled integer is the fen, exactly. At most 18 digits (12 whole, 6 places): within
    # the decimal's precision and below int64's 9.2e18, so the low word of each 128-bit
    # value, non-negative, is all of it.
    scaled = pc.cast(texts, pa.decimal128(18, 6))
    words = np.frombuffer(scaled.buffers()[1], dtype="<i8", count=2 * (scaled.offset + len(scaled)))
    fen[positions] = words[2 * scaled.offset :: 2]
    return fen


class _Amounts(_Distinct):
    """The distinct amounts of a column in 万元: a Decimal made only of a value looked at.

    Those of plain digits are held as their fen (:func:`_wan_yuan_fen`), the others
    as the column's reader read them (``None``: blank or refused). A big table's
    checks and its typed table read the fen; a value becomes a Decimal, as the
    reader makes it, only when a record is built or a refusal is worded. The last
    slot is ``None``, as the engine's distinct values end.
    """

    def __init__(self, fen: Any, others: dict[int, Any]) -> None:
        #: Each value's fen, ``-1`` where the reader read it (its value in ``others``).
        self.fen = fen
        self.others = others

    def __len__(self) -> int:
        return len(self.fen)

    def _at(self, position: int) -> Any:
        fen = int(self.fen[position])
        return self.others.get(position) if fen < 0 else _from_fen(fen)

    def nothing(self) -> Any:
        """Which values are ``None`` (numpy booleans)."""
        nothing = self.fen < 0
        for position, value in self.others.items():
            if value is not None:
                nothing[position] = False
        return nothing

    def zeros(self) -> Any:
        """Which values are 0 (numpy booleans): ``Decimal("-0")`` is, as ``== 0`` says."""
        zero = self.fen == 0
        for position, value in self.others.items():
            zero[position] = value is not None and value == 0
        return zero

    def fens(self) -> tuple[Any, Any]:
        """Each value in fen (``int64``) and whether it is one: the reader's too, unless beyond int64."""
        fen, known = self.fen.copy(), self.fen >= 0
        for position, value in self.others.items():
            amount = _fen(value)
            if amount is not None:
                fen[position], known[position] = amount, True
        return fen, known


def _for_the_reader(column: Column, encoded: _Encoded) -> tuple[Any, Any, dict[int, Any]]:
    """The distinct cells a column's reader is given, by position, and what was read without it.

    Blank cells are not given to it, nor amounts of plain digits: in yuan, read into
    ``read`` (an object array a distinct cell, one more slot ``None``); in 万元, decided
    on their fen (numpy ``int64``, ``-1`` where undecided; ``read`` then ``None``),
    only the undecided cells made Python.
    """
    import numpy as np  # noqa: PLC0415

    dictionary, width = encoded.raw, encoded.empty
    fen = _wan_yuan_fen(column, dictionary)
    if fen is not None:
        undecided = np.flatnonzero(~encoded.blank[:width] & (fen < 0))
        taken = dictionary.take(from_numpy(undecided.astype(np.int64))).to_pylist()
        return fen, None, dict(zip(undecided.tolist(), taken, strict=True))
    cells = dictionary.to_pylist()
    read = np.empty(width + 1, dtype=object)
    known = encoded.blank[:width] | _plain_yuan(column, dictionary, cells, read)
    return None, read, {position: cells[position] for position in np.flatnonzero(~known).tolist()}


# An amount in yuan of plain digits, at most two places: what read_yuan reads as Decimal(text).
_PLAIN_YUAN: Final = r"^[0-9]{1,15}(?:\.[0-9]{1,2})?$"


def _plain_yuan(column: Column, dictionary: Any, cells: list[Any], read: Any) -> Any:
    """Amounts in yuan written as plain digits, read into ``read`` without their reader.

    ``read_yuan`` of such a text is ``Decimal(text)``, as it is written (a test holds
    the two equal); the many distinct amounts of a big table are found in Arrow
    and made so. Which positions were read: a boolean array, of none for a column
    of another kind.
    """
    import numpy as np  # noqa: PLC0415

    if column.read is not read_yuan or column.listed or column.check is not None:
        return np.zeros(len(cells), dtype=bool)
    pc = _pc()
    matched = pc.fill_null(
        pc.match_substring_regex(dictionary, _PLAIN_YUAN), fill_value=scalar(value=False)
    )
    done = to_numpy(matched)
    for position in np.flatnonzero(done).tolist():
        read[position] = Decimal(cells[position])
    return done


# Arrow holds amounts as int64 fen: a larger amount is refused by the money check, and
# its row left out, so it never needs a slot.
_INT64_FEN: Final = 2**63


def _fen(value: Decimal | None) -> int | None:
    """An amount in fen, as the typed tables hold it; ``None`` for none, or beyond ``int64``."""
    if value is None or abs(value) * 100 >= _INT64_FEN:
        return None
    return int(value * 100)


def _from_fen(fen: int) -> Decimal:
    """An amount in fen as yuan: whole yuan without places, else to the fen."""
    return Decimal(fen // 100) if fen % 100 == 0 else Decimal(fen).scaleb(-2)
