"""The columnar ledger: big tables held column by column, validated and summarised in bulk.

A million penalty cases as objects take seconds to build and hundreds of bytes
each; as Arrow columns they take a fraction of a second and under a hundred bytes
a row. :func:`read_columnar` reads a sheet of the library's layout or a national
table into a :class:`ColumnarLedger`, checking every row as the object path does,
without building the objects:

- each cell is read by the same reader as the object path, once per *distinct*
  value of its column (a column of dates has at most 366 of them), so a bad cell
  is the same :class:`~enforcement_core.tables.TableProblem`;
- the checks declared on the record class's fields (``declared_checks``) run on
  the columns: those of a value alone once per distinct value, those between two
  fields (``not_before``, ``at_most``) as comparisons of two columns, each refusal
  worded by the check's own ``reason``;
- the checks a record class writes as methods decide by which fields are given
  and by vocabulary values: they run on one record built for each distinct
  combination of those, and on every row of a combination that is refused.

Penalty cases and licence applications are summarised by group-bys, the other
flat kinds through their records; inspections with their hazards and the roster
with its certificates are read as objects. A national table's columns are not
the record's fields: they are shaped into them column by column (as
``_penalty`` and ``_licence`` of the national tables shape a row), each field
held as its distinct values and each row's position among them, and checked
by the same steps as a sheet of the library's layout. A property test holds :meth:`ColumnarLedger.summarize` equal to
:func:`~enforcement_core.summarize` of the same records.
"""

from __future__ import annotations

import csv as std_csv
import datetime as dt
import io
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

import attrs

from enforcement_core._extras import require
from enforcement_core._validators import MAX_MONEY, declared_checks
from enforcement_core.actions import (
    Domain,
    LicensingDecision,
    Party,
    PartyKind,
    Procedure,
    SanctionType,
)
from enforcement_core.body import EnforcementBody
from enforcement_core.errors import InvariantError, LoadError
from enforcement_core.figures import DomainPenalties, LicensingFigures, PenaltyFigures, ordered
from enforcement_core.ledger import Ledger
from enforcement_core.partials import Partial
from enforcement_core.summary import record_figures
from enforcement_core.tables._cells import CellError, blank, read_text, read_wan_yuan
from enforcement_core.tables._files import (
    RawSheet,
    csv_text,
    kind_of,
    long_cells,
    materialized,
    of_file,
    parquet_table,
    read_bytes,
    refusal,
    stray_arrow,
)
from enforcement_core.tables._layout import (
    EXAMPLE_PREFIX,
    Column,
    Sheet,
    _parsed,
    build,
    match_columns,
    sheets,
    unknown_without,
)
from enforcement_core.tables._problems import TableProblem
from enforcement_core.tables._publicity import (
    NO_KIND,
    PublishedLayout,
    below_title,
    header_of,
    header_row,
    id_reason,
    is_note,
    party_kind,
    recognise,
    sanctions_of,
    text_amounts,
    unknown_of,
)
from enforcement_core.tables._reasons import in_chinese

if TYPE_CHECKING:
    from enforcement_core.report import AnnualReport
    from enforcement_core.tables._read import Seen

__all__ = ["ColumnarLedger", "read_columnar"]

# A column with fewer distinct values than this share of its rows is read value by value.
_DISTINCT_SHARE: Final = 0.5
# A column with at most this many distinct values tells apart the records built to run
# the checks written as methods; others tell only whether a value is given.
_FEW: Final = 4096
# Kinds of declared check whose reason depends on the value alone.
_VALUE_ONLY: Final = frozenset(
    {
        "count",
        "money",
        "text",
        "identifier",
        "date",
        "instance_of",
        "member_of",
        "one_of",
        "tuple_of",
        "rule",
    }
)
_ZERO: Final = Decimal(0)
# Up to this many rows, figures are counted with numpy; a group-by in Arrow costs more to
# start (a body's few hundred rows), less to run (a whole ledger's).
_SMALL_TABLE: Final = 2000
# The kinds of record summarised by group-bys; the others through their objects.
_GROUPED: Final = frozenset({"penalty_cases", "licence_applications"})
_FEN: Final = Decimal("0.01")


def _pa() -> Any:
    return require("pyarrow", "tables", "Columnar ledgers")


def _pc() -> Any:
    return require("pyarrow.compute", "tables", "Columnar ledgers")


@attrs.frozen
class ColumnarLedger:
    """A ledger whose big tables are Arrow columns, the rest objects.

    ``tables`` holds, by the ledger's field (``"penalty_cases"``), a table of
    typed columns, one per field of the record: dates as ``date32``, money as
    ``int64`` fen, vocabulary values as their ``value`` strings dictionary-encoded,
    tuples as lists. ``rest`` holds every other record, as a :class:`Ledger`.
    """

    #: The body whose ledger it is.
    body: EnforcementBody
    #: The year the ledger covers.
    year: int
    #: The columnar tables, by the ledger's field.
    tables: Mapping[str, Any]
    #: The records held as objects, the body and year included.
    rest: Ledger

    def rows(self) -> int:
        """The records the columnar tables hold."""
        return sum(int(table.num_rows) for table in self.tables.values())

    def bytes_per_row(self) -> float:
        """The memory the columnar tables take, per record; 0 without records."""
        rows = self.rows()
        return sum(int(t.nbytes) for t in self.tables.values()) / rows if rows else 0.0

    def to_ledger(self) -> Ledger:
        """The same ledger, every record an object (for small ledgers and for checking)."""
        groups = {field: tuple(_records(field, table)) for field, table in self.tables.items()}
        merged = {f: getattr(self.rest, f) + groups.get(f, ()) for f in groups}
        return attrs.evolve(self.rest, **merged)

    def summarize(self) -> AnnualReport:
        """The annual report of the ledger, equal to ``summarize(self.to_ledger())``.

        Penalty cases and licence applications are counted by group-bys over
        their columns; every other record through its figures' ``from_records``.
        """
        return self.partial().finish()

    def partial(self) -> Partial:
        r"""The ledger's :class:`~enforcement_core.partials.Partial`, to merge with others'.

        Examples:
            >>> import io
            >>> from enforcement_core import BodyLevel, EnforcementBody, merge
            >>> body = EnforcementBody("某镇人民政府", BodyLevel.TOWN)
            >>> def piece(rows: str) -> ColumnarLedger:
            ...     table = "编号,决定日期,执法领域,处罚种类,罚款金额（元）\n" + rows
            ...     return read_columnar(io.BytesIO(table.encode()), body=body, year=2023)
            >>> first = piece("P-1,2023-08-01,交通,罚款,200\n").partial()
            >>> second = piece("P-2,2023-09-01,交通,罚款,50.5\n").partial()
            >>> merge(first, second).finish().penalty.fines
            Decimal('250.5')
        """
        by_objects = {
            field: getattr(self.rest, field) + tuple(_records(field, table))
            for field, table in self.tables.items()
            if field not in _GROUPED
        }
        ledger = attrs.evolve(self.rest, **by_objects)
        start, end = dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        figures = record_figures(ledger, start, end)
        if "penalty_cases" in self.tables:
            figures["penalty"] = _penalty_figures(self.tables["penalty_cases"], start, end)
        if "licence_applications" in self.tables:
            figures["licensing"] = _licensing_figures(
                self.tables["licence_applications"], start, end
            )
        return Partial.from_figures(ledger, {field: v for field, v in figures.items() if v})


# Reading ----------------------------------------------------------------------------


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
    from enforcement_core.tables._files import read_sheets  # noqa: PLC0415
    from enforcement_core.tables._read import for_people  # noqa: PLC0415

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
    # Cells as the text they hold: date cells as ISO dates, numbers as their shortest text.
    columns = [
        pa.array([_cell(row[i]) if i < len(row) else None for row in rows], pa.string())
        for i in range(len(sheet.header))
    ]
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
    try:
        raw.decode("utf-8")
        data = raw.removeprefix(b"\xef\xbb\xbf")
    except UnicodeDecodeError:
        data = csv_text(raw, name).encode("utf-8")
    if b"\n" not in data and b"\r" in data:
        data = data.replace(b"\r", b"\n")  # CR alone ends every line, as classic Mac OS wrote
    first_line = data.split(b"\n", 1)[0].decode("utf-8")
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


def _titled(data: bytes, mapping: Mapping[str, str | tuple[str, str]] | None) -> bool:
    """Whether a published table's header stands below the first line of the CSV ``data``."""
    try:
        head = list(std_csv.reader(io.StringIO(data[:65536].decode("utf-8", "ignore"))))
    except std_csv.Error:
        return False  # read by pyarrow, which words what is wrong
    return header_row(head[1:], mapping) is not None


def _by_rows(raw: bytes, name: str, mapping: Mapping[str, str | tuple[str, str]] | None) -> Any:
    """A CSV file read by the object path's reader, as an Arrow table."""
    from enforcement_core.tables._files import read_sheets  # noqa: PLC0415

    (sheet,) = read_sheets(
        io.BytesIO(raw), "csv", name, lambda sheet: below_title(sheet, mapping)
    ) or [RawSheet(name, [], [])]
    return _numbered_table(sheet)


def _not_csv(name: str, error: Exception) -> LoadError:
    return refusal(name, f"not a CSV table: {error}", f"不是有效的CSV表格：{error}")


def read_columnar(  # noqa: C901  (each sheet: published, the library's own, or by objects)
    source: str | os.PathLike[str] | IO[bytes],
    *,
    body: EnforcementBody,
    year: int,
    mapping: Mapping[str, str | tuple[str, str]] | None = None,
) -> ColumnarLedger:
    r"""Read a table into a :class:`ColumnarLedger`, checking every row.

    The same files as :func:`~enforcement_core.read_ledger` (a CSV or Parquet
    file of one sheet, a workbook, a national table), with the body and year
    given. Sheets of records with sub-records (inspections and hazards, the
    roster) are read as objects.

    Raises:
        LoadError: Every problem of the file, as :func:`~enforcement_core.read_ledger`
            reports them.

    Examples:
        >>> import io
        >>> from enforcement_core import BodyLevel, EnforcementBody
        >>> table = "编号,决定日期,执法领域,处罚种类,罚款金额（元）\nP-1,2023-08-01,交通,罚款,200\n"
        >>> ledger = read_columnar(
        ...     io.BytesIO(table.encode()),
        ...     body=EnforcementBody("某镇人民政府", BodyLevel.TOWN),
        ...     year=2023,
        ... )
        >>> ledger.summarize().penalty.fines
        Decimal('200')
    """
    from enforcement_core.tables._read import _match, read_ledger  # noqa: PLC0415

    source = materialized(source)
    name = (
        str(source)
        if isinstance(source, str | os.PathLike)
        else str(getattr(source, "name", "") or "")
    )
    kind = kind_of(source, name or None)
    if kind == "json":
        ledger = read_ledger(source, body=body, year=year)
        return ColumnarLedger(body, year, {}, ledger)
    shown = Path(name).name if name else "table"
    try:
        arrow = _arrow_sheets(source, kind, Path(name).stem if name else "table", mapping)
    except LoadError as error:
        raise of_file(error, Path(name).stem if name else "table", shown) from None
    problems: list[TableProblem] = []
    tables: dict[str, Any] = {}
    layout = sheets()
    objects: dict[str, list[Any]] = {}
    seen: Seen = {}
    unknown: dict[str, None] = {}
    for sheet_name, table in arrow:
        header = list(table.column_names)
        published = recognise(header, mapping)
        if published is not None:
            field = published.field
            found = _columns_of(
                sheet_name,
                header,
                published.columns,
                mapping,
                problems,
                ignored=published.ignored(),
            )
            if found is not None:
                keys = (column.key for column in found.values())
                unknown.update(dict.fromkeys(unknown_of(published, keys)))
                tables[field] = _concat(
                    tables.get(field), _national(sheet_name, table, found, published, problems)
                )
                problems += _repeated(field, sheet_name, table, found, seen)
            continue
        matched = _match(RawSheet(sheet_name, header, []), layout, len(arrow) == 1, mapping)
        if matched is None or matched.parent is not None or _has_children(matched):
            # Records with sub-records, and what is not a sheet, go the object way.
            objects.setdefault("_sheets", []).append(sheet_name)
            continue
        found = _columns_of(sheet_name, header, matched.columns, mapping, problems)
        if found is not None:
            keys = (column.key for column in found.values())
            unknown.update(dict.fromkeys(unknown_without(matched.record, keys)))
            tables[matched.key] = _concat(
                tables.get(matched.key), _typed(sheet_name, table, found, matched, problems)
            )
            problems += _repeated(matched.key, sheet_name, table, found, seen)
    if objects.get("_sheets"):
        rest = read_ledger(
            source if not hasattr(source, "seek") else _rewound(source),
            body=body,
            year=year,
            mapping=mapping,
        )
        emptied: dict[str, Any] = {field: () for field in tables if getattr(rest, field)}
        rest = attrs.evolve(rest, **emptied)
    else:
        rest = Ledger(body=body, year=year)
    if problems:
        raise LoadError(_unique(problems), source=shown)
    if unknown:
        rest = attrs.evolve(rest, unknown=tuple(dict.fromkeys([*rest.unknown, *unknown])))
    return ColumnarLedger(body, year, tables, rest)


def _repeated(
    field: str, sheet_name: str, table: Any, found: dict[int, Column], seen: Seen
) -> list[TableProblem]:
    """:func:`~enforcement_core.tables._read.repeated_ids` of an Arrow table's identifier column."""
    from enforcement_core.tables._read import repeated_ids  # noqa: PLC0415

    index = next((i for i, column in found.items() if column.key == "id"), None)
    if index is None:
        return []
    cells = table.column(index).to_pylist()
    values = [(row + 2, cell) for row, cell in enumerate(cells)]
    return repeated_ids(field, sheet_name, found[index].header(), values, seen)


def _rewound(source: Any) -> Any:
    source.seek(0)
    return source


def _unique(problems: list[TableProblem]) -> list[TableProblem]:
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for problem in sorted(problems, key=lambda p: (p.sheet, p.row or 0)):
        key = (problem.sheet, problem.row, problem.header, problem.message)
        if key not in seen:
            seen.add(key)
            kept.append(problem)
    return kept


def _concat(first: Any, second: Any) -> Any:
    return second if first is None else _pa().concat_tables([first, second])


def _has_children(sheet: Sheet) -> bool:
    return any(other.parent == sheet.key for other in sheets())


def _columns_of(  # noqa: PLR0913  (the sheet, its header, and where problems go)
    sheet_name: str,
    header: list[str],
    columns: tuple[Column, ...],
    mapping: Mapping[str, str | tuple[str, str]] | None,
    problems: list[TableProblem],
    *,
    ignored: frozenset[str] = frozenset(),
) -> dict[int, Column] | None:
    before = len(problems)
    found = match_columns(sheet_name, header, columns, mapping, problems, ignored=ignored)
    return None if len(problems) > before else found


@attrs.define
class _Read:
    """A column as read: each row's value, and the row's code among the distinct values."""

    column: Column
    #: Each row's value (an object array); ``None`` for an empty or a refused cell.
    values: Any
    #: Each row's position in ``distinct``; ``len(distinct) - 1`` (a ``None``) for an empty cell.
    codes: Any
    #: The distinct values read, the last one ``None``.
    distinct: list[Any]
    #: The distinct cells as Arrow text, for checks run in Arrow.
    texts: Any = None
    #: For an amount: each distinct value in fen where it was read from plain digits, else None.
    fen: list[int | None] | None = None

    @property
    def empty(self) -> Any:
        """Which rows have no value in this column."""
        return self.codes == len(self.distinct) - 1


def _cell_values(
    sheet_name: str, array: Any, column: Column, problems: list[TableProblem], refused: Any
) -> _Read:
    """The column read by its reader, once per distinct value; refused rows marked."""
    import numpy as np  # noqa: PLC0415  (pyarrow's own dependency)

    pa, pc = _pa(), _pc()
    encoded = (
        pc.dictionary_encode(array).combine_chunks()
        if array.num_chunks
        else pa.array([], pa.string()).dictionary_encode()
    )
    plain = column.read is read_text and not column.listed and column.check is None
    dictionary = pc.utf8_trim_whitespace(encoded.dictionary) if plain else encoded.dictionary
    distinct = dictionary.to_pylist()
    empty = len(distinct)
    read = np.empty(empty + 1, dtype=object)
    failed: dict[int, CellError] = {}
    blanks: list[int] = []
    if plain:
        # Text is text: trimmed in Arrow, a blank one is empty (what read_text does, at once).
        read[:empty] = distinct
        blanks = np.flatnonzero(pc.equal(dictionary, "").to_numpy(zero_copy_only=False)).tolist()
        read[blanks] = None
    fen = _plain_wan_yuan(column, dictionary, distinct, read)
    for position, value in enumerate(distinct if not plain else ()):
        if fen is not None and fen[position] is not None:
            continue
        if blank(value):
            blanks.append(position)
            continue
        try:
            read[position] = _parsed(column, value)
        except CellError as refusal:
            failed[position] = refusal
    # A null or blank cell points at the last slot, left None.
    nulls = np.asarray(encoded.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    codes = np.where(nulls, empty, encoded.indices.fill_null(0).to_numpy())
    if blanks:
        codes = np.where(np.isin(codes, blanks), empty, codes)
    if failed:
        for row in np.flatnonzero(np.isin(codes, list(failed))).tolist():
            error = failed[int(codes[row])]
            problems.append(
                TableProblem.at(
                    sheet_name,
                    row + 2,
                    column.header(),
                    distinct[int(codes[row])],
                    error.message,
                    error.message_zh,
                )
            )
            refused[row] = True
    # An object array, not a list: rows are looked up, never iterated in Python.
    if fen is not None:
        fen.append(None)
    return _Read(column, read[codes], codes, read.tolist(), dictionary, fen)


# An amount in 万元 of plain digits with at most 6 places: exact in fen, well within int64.
_PLAIN_WAN: Final = r"^[0-9]{1,12}(?:\.[0-9]{1,6})?$"


def _plain_wan_yuan(
    column: Column, dictionary: Any, distinct: list[Any], read: Any
) -> list[int | None] | None:
    """Amounts in 万元 written as plain digits, read into ``read`` without their reader.

    ``read_wan_yuan`` of such a text is its value in fen as a Decimal of whole
    yuan, or of two places when it has fen: what is done here, by the digits,
    for the many distinct amounts of a big table. Each one's fen, by position;
    ``None`` for the others (read by the reader) and for a column of another kind.
    """
    import numpy as np  # noqa: PLC0415

    if column.read is not read_wan_yuan or column.listed or column.check is not None:
        return None
    pc = _pc()
    fen: list[int | None] = [None] * len(distinct)
    matched = pc.fill_null(pc.match_substring_regex(dictionary, _PLAIN_WAN), fill_value=False)
    for position in np.flatnonzero(matched.to_numpy(zero_copy_only=False)).tolist():
        whole, _, places = distinct[position].partition(".")
        amount = int(whole + places.ljust(6, "0"))
        fen[position] = amount
        read[position] = _from_fen(amount)
    return fen


def _from_fen(fen: int) -> Decimal:
    """An amount in fen as yuan: whole yuan without places, else to the fen."""
    return Decimal(fen // 100) if fen % 100 == 0 else Decimal(fen).scaleb(-2)


def _problem(sheet_name: str, row: int, header: str, value: Any, reason: str) -> TableProblem:
    return TableProblem.at(sheet_name, row + 2, header, value, reason, in_chinese(reason))


def _blank_rows(table: Any, indices: Iterable[int] | None = None) -> Any:
    """Which rows hold nothing but empty or white-space cells (in ``indices``, else every column)."""
    import numpy as np  # noqa: PLC0415

    pc = _pc()
    blank = np.ones(table.num_rows, dtype=bool)
    for index in range(table.num_columns) if indices is None else indices:
        text = pc.utf8_trim_whitespace(_strings(table.column(index)))
        blank &= pc.fill_null(pc.equal(text, ""), fill_value=True).to_numpy(zero_copy_only=False)
    return blank


def _unread_rows(table: Any) -> Any:
    """Which rows are no record: blank in every column, or a note under the table (``is_note``)."""
    import numpy as np  # noqa: PLC0415

    pc = _pc()
    given = np.zeros(table.num_rows, dtype=np.int64)
    for index in range(table.num_columns):
        text = pc.utf8_trim_whitespace(_strings(table.column(index)))
        filled = pc.invert(pc.fill_null(pc.equal(text, ""), fill_value=True))
        given += filled.to_numpy(zero_copy_only=False)
    unread = given == 0
    for row in np.flatnonzero(given == 1).tolist():
        unread[row] = is_note(
            [_cell(table.column(i)[row].as_py()) for i in range(table.num_columns)]
        )
    return unread


def _skipped(table: Any, found: dict[int, Column]) -> Any:
    """Which rows are blank, or the template's examples (their 编号 starts with 示例)."""
    import numpy as np  # noqa: PLC0415

    pc = _pc()
    example = np.zeros(table.num_rows, dtype=bool)
    for index, column in found.items():
        if column.key in ("id", "parent"):
            text = pc.utf8_trim_whitespace(_strings(table.column(index)))
            marked = pc.fill_null(pc.starts_with(text, pattern=EXAMPLE_PREFIX), fill_value=False)
            example |= marked.to_numpy(zero_copy_only=False)
    return _blank_rows(table, found) | example


def _required(
    sheet_name: str,
    reads: list[_Read],
    problems: list[TableProblem],
    refused: Any,
    skipped: list[Any],
) -> None:
    """Every empty cell of a required column, a problem of its row; ``skipped``: each read's rows passed over."""
    import numpy as np  # noqa: PLC0415

    for read, passed in zip(reads, skipped, strict=True):
        if not read.column.required:
            continue
        for row in np.flatnonzero(read.empty & ~passed).tolist():
            problems.append(
                TableProblem.at(
                    sheet_name,
                    row + 2,
                    read.column.header(),
                    None,
                    "a value is required",
                    "此项必填",
                )
            )
            refused[row] = True


def _checked_layout(  # noqa: C901, PLR0912, PLR0915  (the steps of the columnar checks, in order)
    sheet_name: str,
    table: Any,
    found: dict[int, Column],
    record: type,
    problems: list[TableProblem],
) -> Any:
    """A sheet of the library's layout, checked column by column into a typed table."""
    import numpy as np  # noqa: PLC0415

    rows = table.num_rows
    refused = np.zeros(rows, dtype=bool)
    invalid = np.zeros(rows, dtype=bool)
    skipped = _skipped(table, found)
    typed = {
        i: _as_text(sheet_name, table.column(i), c, problems, refused, skipped)
        for i, c in found.items()
    }
    strings = {i: text for i, (text, _) in typed.items()}
    if skipped.any():
        # Blank rows and the template's examples are no records: their cells are emptied.
        mask = _pa().array(skipped)
        strings = {i: _pc().if_else(mask, None, a) for i, a in strings.items()}
    reads = [_cell_values(sheet_name, strings[i], c, problems, refused) for i, c in found.items()]
    # A value refused as it was typed is not also an empty cell.
    _required(sheet_name, reads, problems, refused, [skipped | typed[i][1] for i in found])
    refused |= skipped
    own = {r.column.key: r for r in reads if len(r.column.path) == 1}
    nested = [r for r in reads if len(r.column.path) == 2]
    fields = {f.name: f for f in attrs.fields(record)}
    # Declared checks of one value: once per distinct value, each refusal at its rows.
    for name, read in own.items():
        for check in declared_checks(fields[name]):
            if check.kind not in _VALUE_ONLY:
                continue
            bad = [
                p
                for p in _suspects(check, read)
                if check.reason(None, read.distinct[p]) is not None
            ]
            if not bad:
                continue
            for row in np.flatnonzero(np.isin(read.codes, bad) & ~refused).tolist():
                value = read.values[row]
                reason = check.reason(None, value) or ""
                problems.append(_problem(sheet_name, row, read.column.header(), value, reason))
                invalid[row] = True
    # Declared checks between two fields: a comparison of two columns.
    for name, read in own.items():
        for check in declared_checks(fields[name]):
            if check.kind not in ("not_before", "at_most"):
                continue
            other = own.get(check.other)  # type: ignore[attr-defined]
            if other is None:
                continue
            for row, (value, limit) in enumerate(zip(read.values, other.values, strict=True)):
                if value is None or limit is None or refused[row]:
                    continue
                why = check.reason(_Proxy({check.other: limit}), value)  # type: ignore[attr-defined]
                if why is not None:
                    problems.append(_problem(sheet_name, row, read.column.header(), value, why))
                    invalid[row] = True
    # Checks written as methods: one record per combination of what is given and of the
    # values of columns with few values; every row of a refused combination.
    telling = [_vocabulary_like(r) for r in reads]
    keys = [r.codes if t else r.empty.astype(np.int64) for r, t in zip(reads, telling, strict=True)]
    radix = [len(r.distinct) if t else 2 for r, t in zip(reads, telling, strict=True)]
    signature = _signatures(keys, radix, rows)
    signature = np.where(refused, -1, signature)
    # A row whose nested object (its party) its class refuses is built alone too: the
    # groups know a name or a number only as given or not.
    alone = invalid | _refused_nested(record, nested, rows)
    signature = np.where(alone & ~refused, -2 - np.arange(rows), signature)
    groups, first, inverse = np.unique(signature, return_index=True, return_inverse=True)
    columns = tuple(found.values())

    def kwargs_of(row: int) -> dict[str, Any]:
        given = {n: r.values[row] for n, r in own.items() if r.values[row] is not None}
        for r in nested:
            if r.values[row] is not None:
                given.setdefault(r.column.path[0], {})[r.column.path[1]] = r.values[row]
        return given

    for group, row in zip(groups.tolist(), first.tolist(), strict=True):
        if group == -1:
            continue
        if build(record, kwargs_of(row), (sheet_name, row + 2), columns, []) is not None:
            continue
        members = (
            [row]
            if group <= -2
            else np.flatnonzero(inverse == np.searchsorted(groups, group)).tolist()
        )
        for member in members:
            mine: list[TableProblem] = []
            if build(record, kwargs_of(member), (sheet_name, member + 2), columns, mine) is None:
                problems.extend(mine)
                invalid[member] = True
    return _layout_arrow(record, own, nested, ~(refused | invalid))


def _refused_nested(record: type, nested: list[_Read], rows: int) -> Any:
    """Which rows give a nested object (a party) that its class refuses: each distinct one tried once."""
    import typing  # noqa: PLC0415

    import numpy as np  # noqa: PLC0415

    refused = np.zeros(rows, dtype=bool)
    by_owner: dict[str, list[_Read]] = {}
    for read in nested:
        by_owner.setdefault(read.column.path[0], []).append(read)
    hints = typing.get_type_hints(record)
    for owner, reads in by_owner.items():
        cls = _bare(hints[owner])
        combos, inverse = np.unique(
            np.stack([r.codes for r in reads], axis=1), axis=0, return_inverse=True
        )
        bad = []
        for index, combo in enumerate(combos.tolist()):
            kwargs = {
                r.column.path[1]: r.distinct[code]
                for r, code in zip(reads, combo, strict=True)
                if r.distinct[code] is not None
            }
            try:
                cls(**kwargs)
            except (InvariantError, TypeError):
                bad.append(index)  # the row's own build says what is wrong
        refused |= np.isin(inverse.reshape(-1), bad)
    return refused


def _suspects(check: Any, read: _Read) -> list[int]:
    """The positions of the distinct values ``check`` may refuse.

    An identifier column has a value a row: the identifier check's own pattern
    finds the few candidates in Arrow; every other check looks at each distinct value.
    """
    distinct = read.distinct
    if check.kind == "identifier" and len(distinct) > _FEW and read.texts is not None:
        from enforcement_core._validators import _IDENTIFIER  # noqa: PLC0415

        pc = _pc()
        matched = pc.match_substring_regex(read.texts, f"^(?:{_IDENTIFIER.pattern})$")
        good = pc.fill_null(matched, fill_value=False).to_numpy(zero_copy_only=False)
        return [int(p) for p in (~good).nonzero()[0] if distinct[int(p)] is not None]
    return [p for p, value in enumerate(distinct) if value is not None]


def _vocabulary_like(read: _Read) -> bool:
    """Whether a column's values tell records apart for the checks written as methods.

    Vocabulary values and yes-or-no do; dates, amounts, names and identifiers count
    only as given or not (docs/ledgers.md says why).
    """
    from enforcement_core.tables._cells import read_bool  # noqa: PLC0415

    column = read.column
    return len(read.distinct) <= _FEW and (
        column.vocabulary is not None or column.read is read_bool
    )


def _signatures(keys: list[Any], radix: list[int], rows: int) -> Any:
    """One number per row for its combination of ``keys``."""
    import numpy as np  # noqa: PLC0415

    signature = np.zeros(rows, dtype=np.int64)
    scale = 1
    for key, base in zip(keys, radix, strict=True):
        if scale * base >= 2**62:
            # Too many combinations for one number: number the distinct rows instead.
            _, signature = np.unique(
                np.stack([signature, key], axis=1), axis=0, return_inverse=True
            )
            signature = signature.reshape(-1).astype(np.int64)
            scale = int(signature.max(initial=0)) + 1
        signature = signature + key.astype(np.int64) * scale
        scale *= base
    return signature


def _as_text(  # noqa: PLR0913, PLR0917  (the sheet, the column, and where problems go)
    sheet_name: str,
    array: Any,
    column: Column,
    problems: list[TableProblem],
    refused: Any,
    skip: Any,
) -> tuple[Any, Any]:
    """A column Arrow holds typed, as text, and which rows its reader refused as they are.

    The object path gives the column's reader the value as the file holds it, so a
    struct, a list or bytes under a name, or 1.5 as an identifier, is refused there
    ("expected text, got float 1.5"); here each distinct value is given to the same
    reader, and a refused one is reported at its rows (but those in ``skip``, which
    are no records) and read as empty. The values it takes become the text the
    column's reader takes alike.
    """
    import numpy as np  # noqa: PLC0415

    pa = _pa()
    if pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
        return array, np.zeros(len(array), dtype=bool)
    values = array.to_pylist()
    # Nested values are not hashable: a distinct value is its type and its repr.
    verdicts: dict[tuple[type, str], CellError | None] = {}
    bad = np.zeros(len(values), dtype=bool)
    for row, value in enumerate(values):
        if value is None:
            continue
        key = (type(value), repr(value))
        if key not in verdicts:
            try:
                _parsed(column, value)
                verdicts[key] = None
            except CellError as refusal:
                verdicts[key] = refusal
        error = verdicts[key]
        if error is None:
            continue
        bad[row] = True
        if skip[row]:
            continue
        problems.append(
            TableProblem.at(
                sheet_name, row + 2, column.header(), value, error.message, error.message_zh
            )
        )
        refused[row] = True
    texts = [None if bad[row] else _cell(value) for row, value in enumerate(values)]
    return pa.chunked_array([pa.array(texts, pa.string())]), bad


def _strings(array: Any) -> Any:
    """A column as text, as the readers take it (Parquet columns may be typed)."""
    pa = _pa()
    if pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
        return array
    return pa.chunked_array([pa.array([_cell(v) for v in array.to_pylist()], pa.string())])


def _layout_arrow(record: type, own: dict[str, _Read], nested: list[_Read], keep: Any) -> Any:
    """The kept rows as Arrow columns typed by the record's fields, built from the distinct values."""
    import typing  # noqa: PLC0415

    pa = _pa()
    hints = typing.get_type_hints(record)
    kept = pa.array(keep)
    columns: dict[str, Any] = {}
    for name, read in own.items():
        tp = _bare(hints[name])
        distinct, arrow_type = _converted(tp, read.distinct)
        values = pa.array(distinct, arrow_type).take(pa.array(read.codes)).filter(kept)
        if isinstance(tp, type) and issubclass(tp, Enum):
            values = values.dictionary_encode()
        columns[name] = values
    for read in nested:
        name = f"{read.column.path[0]}.{read.column.path[1]}"
        distinct = [v.value if isinstance(v, Enum) else v for v in read.distinct]
        columns[name] = pa.array(distinct, pa.string()).take(pa.array(read.codes)).filter(kept)
    return pa.table(columns).replace_schema_metadata({"record": record.__name__})


def _converted(  # noqa: PLR0911  (one return per type)
    tp: Any, distinct: list[Any], fen: list[int | None] | None = None
) -> tuple[list[Any], Any]:
    import typing  # noqa: PLC0415

    pa = _pa()
    if typing.get_origin(tp) is tuple:
        lists = [[x.value if isinstance(x, Enum) else x for x in v] if v else [] for v in distinct]
        return lists, pa.list_(pa.string())
    if isinstance(tp, type) and issubclass(tp, Enum):
        return [v.value if v is not None else None for v in distinct], pa.string()
    if tp is Decimal:
        if fen is not None:
            return [
                _fen(v) if f is None else f for v, f in zip(distinct, fen, strict=True)
            ], pa.int64()
        return [_fen(v) for v in distinct], pa.int64()
    if tp is bool:
        return distinct, pa.bool_()
    if tp is dt.date:
        return distinct, pa.date32()
    return distinct, pa.string()


def _typed(
    sheet_name: str,
    table: Any,
    found: dict[int, Column],
    sheet: Sheet,
    problems: list[TableProblem],
) -> Any:
    return _checked_layout(sheet_name, table, found, sheet.record, problems)


def _national(  # noqa: PLR0913  (the sheet, its columns, and where problems and the read cells go)
    sheet_name: str,
    table: Any,
    found: dict[int, Column],
    layout: PublishedLayout,
    problems: list[TableProblem],
    *,
    cells: dict[str, Any] | None = None,
) -> Any:
    """The typed table of a national table's records; ``cells`` gets every column as read.

    ``cells``, when given, receives each column's values by the column's key
    (``"body"``, ``"body_code"``), one per row of ``table``, and ``"_kept"``: which
    rows the typed table keeps.
    """
    shape = _penalty_fields if layout.kind == "penalty" else _licence_fields
    return _checked(sheet_name, table, found, layout, problems, shape, cells)


def _checked(  # noqa: C901, PLR0912, PLR0913, PLR0915, PLR0917  (the steps of the checks of a national table)
    sheet_name: str,
    table: Any,
    found: dict[int, Column],
    layout: PublishedLayout,
    problems: list[TableProblem],
    shape: Any,
    cells: dict[str, Any] | None = None,
) -> Any:
    """The typed table of a national table's records, every refused row reported and left out.

    ``shape`` makes the record's fields of the columns as read, as ``_penalty`` and
    ``_licence`` of :mod:`~enforcement_core.tables._publicity` make them of a row.
    Every step is the object path's, in its order, run column by column: the
    checks of a value once per distinct value, the checks written as methods on
    one record per combination of what rows give.
    """
    import numpy as np  # noqa: PLC0415

    pa = _pa()
    record = layout.record
    rows = table.num_rows
    refused = np.zeros(rows, dtype=bool)
    # A row blank in every column is no record, as the object path reads past it.
    empty_rows = _unread_rows(table)
    # 1. Every cell, by its column's reader, once per distinct value.
    given: dict[Column, _Read] = {}
    for index, column in found.items():
        array = table.column(index)
        array, _ = _as_text(sheet_name, array, column, problems, refused, empty_rows)
        if empty_rows.any():
            array = _pc().if_else(pa.array(empty_rows), None, array)
        given[column] = _cell_values(sheet_name, array, column, problems, refused)
    for column, read in given.items():
        if not column.required:
            continue
        # A cell read as nothing is required, unless its reader refused it above.
        unread = [p for p, value in enumerate(read.distinct) if value is None]
        candidates = np.flatnonzero(np.isin(read.codes, unread) & ~empty_rows)
        if not len(candidates):
            continue
        index = next(i for i, c in found.items() if c is column)
        raw = table.column(index).take(pa.array(candidates)).to_pylist()
        for row, cell in zip(candidates.tolist(), raw, strict=True):
            if blank(cell):
                problems.append(
                    TableProblem.at(
                        sheet_name,
                        row + 2,
                        column.header(),
                        None,
                        "a value is required",
                        "此项必填",
                    )
                )
                refused[row] = True
    refused |= empty_rows
    # 2. The engine's rules of a row (its party's number, its amounts in words), then
    # the records' fields, column by column, in the order of their names.
    factors = {c.key: _Factor(r.distinct, r.codes, r.fen) for c, r in given.items()}
    _rules(sheet_name, table, found, layout, factors, refused, empty_rows, problems)
    keyed = shape(factors, rows, layout.party_kind)
    invalid = np.zeros(rows, dtype=bool)
    # 3. Declared checks: value-only ones per distinct value, cross-field ones per pair.
    fields = {f.name: f for f in attrs.fields(record)}
    header_of = {c.path[0]: c.header() for c in found.values()}
    for name, factor in keyed.items():
        field = fields.get(name)
        if field is None or isinstance(factor, _Parties):
            continue
        header = header_of.get(name, name)
        for check in declared_checks(field):
            if check.kind in _VALUE_ONLY:
                eligible = factor.given() & ~refused
                keys_of_rows = factor.codes
                reasons = _value_reasons(check, factor, eligible)
            elif check.kind in ("not_before", "at_most"):
                other = keyed.get(check.other)  # type: ignore[attr-defined]
                if other is None:
                    continue
                eligible = factor.given() & other.given() & ~refused
                keys_of_rows = factor.codes * len(other.distinct) + other.codes
                reasons = _pair_reasons(check, factor, other, keys_of_rows[eligible])
            else:
                continue
            if not reasons:
                continue
            for row in np.flatnonzero(eligible & np.isin(keys_of_rows, list(reasons))).tolist():
                reason = reasons[int(keys_of_rows[row])]
                value = factor.distinct[int(factor.codes[row])]
                problems.append(
                    TableProblem.at(sheet_name, row + 2, header, value, reason, in_chinese(reason))
                )
                invalid[row] = True
    # 4. Checks written as methods: one record per combination of presence and vocabulary
    # values, the rows in order of their first; every row of a refused combination.
    keys, radix = [], []
    for factor in keyed.values():
        if isinstance(factor, _Parties):
            keys.append((~factor.present).astype(np.int64))
            radix.append(2)
            continue
        sample = [factor.distinct[c] for c in factor.codes[:1000].tolist()]
        if _low_cardinality(sample):
            ids: dict[Any, int] = {}
            canonical = np.array([ids.setdefault(v, len(ids)) for v in factor.distinct])
            keys.append(canonical[factor.codes])
            radix.append(len(ids))
        else:
            keys.append((~factor.given()).astype(np.int64))
            radix.append(2)
    signature = _signatures(keys, radix, rows)
    # A row whose party the Party class refuses is built alone, as one it refused above:
    # the groups key a party by its presence only, and its name is free text.
    alone = invalid.copy()
    for factor in keyed.values():
        if isinstance(factor, _Parties):
            alone |= _refused_parties(factor)
    signature = np.where(alone, -2 - np.arange(rows), signature)
    candidates = np.flatnonzero(~refused)
    _, first, inverse = np.unique(signature[candidates], return_index=True, return_inverse=True)
    columns_tuple = tuple(found.values())
    for group in np.argsort(first, kind="stable").tolist():
        row = int(candidates[first[group]])
        if build(record, _kwargs(keyed, row), (sheet_name, row + 2), columns_tuple, []) is not None:
            continue
        members = candidates[inverse.reshape(-1) == group].tolist()
        for member in members:
            mine: list[TableProblem] = []
            where = (sheet_name, member + 2)
            if build(record, _kwargs(keyed, member), where, columns_tuple, mine) is None:
                problems.extend(mine)
                invalid[member] = True
    keep = ~(refused | invalid)
    if cells is not None:
        cells.update({c.key: r.values.tolist() for c, r in given.items()}, _kept=keep)
    return _national_arrow(record, keyed, keep)


def _combinations(factors: list[_Factor], rows: int) -> tuple[Any, Any]:
    """Each distinct combination of the factors' values: its first row, and each row's one."""
    import numpy as np  # noqa: PLC0415

    signature = _signatures([f.codes for f in factors], [len(f.distinct) for f in factors], rows)
    _, first, inverse = np.unique(signature, return_index=True, return_inverse=True)
    return first, inverse.reshape(-1)


def _rules(  # noqa: C901, PLR0912, PLR0913, PLR0917  (the table, its columns, and the rules in turn)
    sheet_name: str,
    table: Any,
    found: dict[int, Column],
    layout: PublishedLayout,
    factors: dict[str, _Factor],
    refused: Any,
    unread: Any,
    problems: list[TableProblem],
) -> None:
    """The rules of :mod:`._publicity` for each distinct combination of the values they read.

    A row a rule refuses is reported, as the object path reports it, and marked in
    ``refused``. The rules read what the cells gave (a refused cell gives nothing),
    so a row's problems come together; blank rows and notes are not looked at.
    """
    import numpy as np  # noqa: PLC0415

    rows = table.num_rows
    eligible = ~unread
    nothing = _constant(None, rows)
    refusals: list[tuple[int, str, str, str, str]] = []
    index_of = {c.key: i for i, c in found.items()}

    def raw(key: str, row: int) -> Any:
        return read_text(_cell(table.column(index_of[key])[row].as_py()) or "")

    if "party.id_number" in factors:
        pair = [factors.get("party.id_type", nothing), factors["party.id_number"]]
        first, inverse = _combinations(pair, rows)
        bad: dict[int, str] = {}
        for at, row in enumerate(first.tolist()):
            kind, number = (f.distinct[f.codes[row]] for f in pair)
            if number is not None and (reason := id_reason(kind, number)) is not None:
                bad[at] = reason
        if bad:
            for row in np.flatnonzero(eligible & np.isin(inverse, list(bad))).tolist():
                reason = bad[int(inverse[row])]
                refusals.append(
                    (
                        row,
                        "party.id_number",
                        raw("party.id_number", row),
                        reason,
                        f"不是有效的证件号码或统一社会信用代码：{reason}",
                    )
                )
    if "party.name" in factors:
        kinds = _party_kinds(factors, rows, layout.party_kind, asked="party.kind" in factors)
        unknown = np.array([k is None for k in kinds.distinct], dtype=bool)[kinds.codes]
        named = factors["party.name"].given()
        refusals.extend(
            (row, "party.kind", raw("party.kind", row), *NO_KIND)
            for row in np.flatnonzero(eligible & named & unknown).tolist()
        )
    if "text" in factors:
        three = [
            factors.get("fine", nothing),
            factors.get("confiscation", nothing),
            factors["text"],
        ]
        first, inverse = _combinations(three, rows)
        fines, taken, bad_text = [], [], {}
        for at, row in enumerate(first.tolist()):
            fine, confiscation, why, why_zh = text_amounts(
                *(f.distinct[f.codes[row]] for f in three)
            )
            fines.append(fine)
            taken.append(confiscation)
            if why is not None and why_zh is not None:
                bad_text[at] = (why, why_zh)
        if bad_text:
            for row in np.flatnonzero(eligible & np.isin(inverse, list(bad_text))).tolist():
                why, why_zh = bad_text[int(inverse[row])]
                refusals.append((row, "text", raw("text", row), why, why_zh))
        factors["fine"] = _Factor(fines, inverse)
        factors["confiscation"] = _Factor(taken, inverse)
    if "sanctions_2" in factors:
        two = [factors.get("sanctions", nothing), factors["sanctions_2"]]
        first, inverse = _combinations(two, rows)
        merged = [sanctions_of(*(f.distinct[f.codes[row]] for f in two)) for row in first.tolist()]
        factors["sanctions"] = _Factor([m or None for m in merged], inverse)
    for row, key, value, why, why_zh in sorted(refusals, key=lambda r: r[0]):
        problems.append(
            TableProblem.at(sheet_name, row + 2, header_of(layout, found, key), value, why, why_zh)
        )
        refused[row] = True


def _value_reasons(check: Any, factor: _Factor, eligible: Any) -> dict[int, str]:
    """Each distinct value's refusal by a check of a value alone, by its position.

    Values equal to one another share the reason of the first row's (as a memo
    of the rows in order would); an identifier of letters and digits alone is
    one the check lets pass, found in Arrow when a column has many.
    """
    import numpy as np  # noqa: PLC0415

    codes, first = np.unique(factor.codes[eligible], return_index=True)
    passing = _surely_passing(check.kind, factor)
    memo: dict[Any, str | None] = {}
    reasons: dict[int, str] = {}
    for position in codes[np.argsort(first, kind="stable")].tolist():
        if passing is not None and passing[position]:
            continue
        value = factor.distinct[position]
        # Equal is not the same: Decimal("-0") == 0, and the money check refuses only the first.
        key = (type(value), value, str(value)) if not isinstance(value, list) else None
        reason = memo[key] if key is not None and key in memo else check.reason(None, value)
        if key is not None:
            memo[key] = reason
        if reason is not None:
            reasons[position] = reason
    return reasons


# Identifiers the identifier check surely lets pass: letters, digits and the brackets of 文号.
_PLAIN_IDENTIFIER: Final = r"^[\p{L}\p{N}〔〕（）【】()_#/-]+$"


def _surely_passing(kind: str, factor: _Factor) -> Any:
    """Which distinct values a check of ``kind`` surely lets pass; ``None``: look at each.

    Many identifiers are letters and digits alone, found in Arrow; many amounts are
    Decimals of at most two places below the largest amount, by their digits.
    """
    distinct = factor.distinct
    if len(distinct) <= _FEW:
        return None
    if kind == "money":
        if factor.fen is None:
            return [_plain_money(v) for v in distinct]
        return [
            _plain_money(v) if fen is None else fen <= _MAX_FEN
            for v, fen in zip(distinct, factor.fen, strict=True)
        ]
    if kind != "identifier":
        return None
    pa, pc = _pa(), _pc()
    texts = pa.array([v if type(v) is str else None for v in distinct], pa.string())
    matched = pc.match_substring_regex(texts, _PLAIN_IDENTIFIER)
    return pc.fill_null(matched, fill_value=False).to_numpy(zero_copy_only=False)


# Amounts of at most 12 digits before the point are at most MAX_MONEY with 2 places.
_MONEY_DIGITS: Final = 12
_MAX_FEN: Final = int(MAX_MONEY * 100)


def _plain_money(value: Any) -> bool:
    """Whether the money check surely lets ``value`` pass: a positive Decimal to the fen."""
    if type(value) is not Decimal:
        return False
    sign, digits, exponent = value.as_tuple()
    return (
        sign == 0
        and isinstance(exponent, int)
        and exponent >= -2
        and len(digits) + exponent <= _MONEY_DIGITS
    )


def _pair_reasons(check: Any, factor: _Factor, other: _Factor, pairs: Any) -> dict[int, str]:
    """A cross-field check's refusals, by pair of positions (``value * width + limit``)."""
    import numpy as np  # noqa: PLC0415

    width = len(other.distinct)
    reasons: dict[int, str] = {}
    for pair in np.unique(pairs).tolist():
        at, limit_at = divmod(pair, width)
        value, limit = factor.distinct[at], other.distinct[limit_at]
        if (check.kind == "not_before" and value < limit) or (
            check.kind == "at_most" and value > limit
        ):
            reason = check.reason(_Proxy({check.other: limit}), value)
            if reason is not None:
                reasons[pair] = reason
    return reasons


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


class _Proxy:
    """An object with the attributes a cross-field check reads."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def _low_cardinality(values: list[Any]) -> bool:
    sample = values[:1000]
    return all(v is None or isinstance(v, Enum | bool | tuple) for v in sample) and len(
        {v for v in sample if not isinstance(v, list)}
    ) < max(8, len(sample) * _DISTINCT_SHARE)


@attrs.define
class _Factor:
    """A field of the records, column by column: each row's position among ``distinct``."""

    #: The distinct values; ``None`` among them for a row without a value.
    distinct: list[Any]
    #: Each row's position in ``distinct`` (an ``int64`` array).
    codes: Any
    #: For an amount: each distinct value in fen where it is known, else None.
    fen: list[int | None] | None = None
    _given: Any = attrs.field(default=None, init=False, repr=False)

    def given(self) -> Any:
        """Which rows have a value."""
        import numpy as np  # noqa: PLC0415

        if self._given is None:
            nothing = np.array([v is None for v in self.distinct], dtype=bool)
            self._given = ~nothing[self.codes]
        return self._given

    def values(self) -> Any:
        """Each row's value, as an object array."""
        import numpy as np  # noqa: PLC0415

        objects = np.empty(len(self.distinct), dtype=object)
        for position, value in enumerate(self.distinct):
            objects[position] = value
        return objects[self.codes]

    def where(self, rows: Any) -> _Factor:
        """The values of ``rows`` only, the others ``None``."""
        import numpy as np  # noqa: PLC0415

        codes = np.where(rows, self.codes, len(self.distinct))
        return _Factor(
            [*self.distinct, None], codes, None if self.fen is None else [*self.fen, None]
        )

    def otherwise(self, default: Any) -> _Factor:
        """``default`` where a row has no value."""
        return _Factor([default if v is None else v for v in self.distinct], self.codes)

    def truthy(self) -> Any:
        """Which rows have a value that is true, as ``or`` takes it."""
        import numpy as np  # noqa: PLC0415

        truth = np.array([bool(v) for v in self.distinct], dtype=bool)
        return truth[self.codes]


def _or(first: _Factor, second: _Factor) -> _Factor:
    """``first or second``, row by row."""
    import numpy as np  # noqa: PLC0415

    codes = np.where(first.truthy(), first.codes, second.codes + len(first.distinct))
    return _Factor([*first.distinct, *second.distinct], codes)


def _constant(value: Any, rows: int) -> _Factor:
    import numpy as np  # noqa: PLC0415

    return _Factor([value], np.zeros(rows, dtype=np.int64))


@attrs.define
class _Parties:
    """The party of each row, as ``_party`` of the national tables makes it: by its parts."""

    #: Which rows have a party.
    present: Any
    #: Each row's name, number and a person's number beside a code (object arrays).
    name: Any
    id_number: Any
    personal_id: Any
    #: Each row's kind.
    kind: _Factor

    def of(self, row: int) -> dict[str, Any] | None:
        if not self.present[row]:
            return None
        party = {"name": self.name[row], "kind": self.kind.distinct[self.kind.codes[row]]}
        if self.id_number[row] is not None:
            party["id_number"] = self.id_number[row]
        if self.personal_id[row] is not None:
            party["personal_id"] = self.personal_id[row]
        return party


def _refused_parties(parties: _Parties) -> Any:
    """Which rows hold a party that :class:`~enforcement_core.Party` refuses: each distinct one tried once."""
    import numpy as np  # noqa: PLC0415

    refused = np.zeros(len(parties.present), dtype=bool)
    verdicts: dict[tuple[Any, ...], bool] = {}
    rows = np.flatnonzero(parties.present)
    kinds = parties.kind.codes[rows].tolist()
    for row, name, number, personal, kind in zip(
        rows.tolist(),
        parties.name[rows].tolist(),
        parties.id_number[rows].tolist(),
        parties.personal_id[rows].tolist(),
        kinds,
        strict=True,
    ):
        key = (name, number, personal, kind)
        verdict = verdicts.get(key)
        if verdict is None:
            try:
                Party(**parties.of(row))  # type: ignore[arg-type]
                verdict = False
            except InvariantError:
                verdict = True
            verdicts[key] = verdict
        refused[row] = verdict
    return refused


def _party_kinds(
    given: Mapping[str, _Factor], rows: int, default: PartyKind | None, *, asked: bool
) -> _Factor:
    """Each row's ``party_kind``, decided once per combination of the kind and the numbers given."""
    import numpy as np  # noqa: PLC0415

    nothing = _constant(None, rows)
    kind = given.get("party.kind", nothing)
    coded = np.zeros(rows, dtype=bool)
    for key in ("party.credit_code", *(f"party.code_{n}" for n in range(2, 7))):
        coded |= given.get(key, nothing).truthy()
    personal = given.get("party.id_number", nothing).truthy()
    personal |= given.get("party.resident_id", nothing).truthy()
    signature = kind.codes * 4 + coded * 2 + personal
    combinations, inverse = np.unique(signature, return_inverse=True)
    decided = [
        party_kind(
            kind.distinct[int(k) // 4],
            coded=bool(k & 2),
            personal=bool(k & 1),
            default=default,
            asked=asked,
        )
        for k in combinations.tolist()
    ]
    return _Factor(decided, inverse.reshape(-1))


def _parties(
    given: Mapping[str, _Factor], rows: int, shaped: Any, default: PartyKind | None
) -> _Parties:
    """``party_of`` of the national tables, column by column, for the ``shaped`` rows."""
    import numpy as np  # noqa: PLC0415

    def column(key: str) -> _Factor:
        return given.get(key) or _constant(None, rows)

    codes = column("party.credit_code")
    for n in range(2, 7):
        codes = _or(codes, column(f"party.code_{n}"))
    personal = _or(column("party.id_number"), column("party.resident_id"))
    kind = _party_kinds(given, rows, default, asked=False)
    number = _or(codes, personal)
    beside = shaped & codes.truthy() & personal.truthy()
    return _Parties(
        shaped,
        np.where(shaped, column("party.name").values(), None),
        np.where(shaped, number.values(), None),
        np.where(beside, personal.values(), None),
        kind.where(shaped),
    )


def _penalty_fields(
    given: Mapping[str, _Factor], rows: int, default: PartyKind | None
) -> dict[str, _Factor | _Parties]:
    """``_penalty`` of the national tables column by column: the fields, by name, in order.

    A row without its number, day or party's name has no fields (its required
    cell is refused); a field is there when a row has it.
    """
    import numpy as np  # noqa: PLC0415

    def column(key: str) -> _Factor:
        return given.get(key) or _constant(None, rows)

    shaped = column("id").given() & column("decided_on").given() & column("party.name").given()
    sanctions = column("sanctions").otherwise(())
    fields: dict[str, _Factor | _Parties] = {
        "id": column("id"),
        "decided_on": column("decided_on"),
        "domain": column("domain").otherwise(Domain.OTHER),
        "sanctions": sanctions,
        # The tables publish decisions of the ordinary procedure (一般程序).
        "procedure": _constant(Procedure.ORDINARY, rows),
    }
    for field, sanction_types in (
        ("fine", {SanctionType.FINE}),
        (
            "confiscation",
            {
                SanctionType.CONFISCATION_OF_ILLEGAL_GAINS,
                SanctionType.CONFISCATION_OF_ILLEGAL_PROPERTY,
            },
        ),
    ):
        # A 0 where the sanctions have no such type is how the table writes "none".
        amount = column(field)
        zero = np.fromiter((v is not None and v == 0 for v in amount.distinct), bool)
        listed = np.fromiter(
            (bool(sanction_types.intersection(s)) for s in sanctions.distinct), bool
        )
        kept = amount.given() & ~(zero[amount.codes] & ~listed[sanctions.codes]) & shaped
        if kept.any():
            fields[field] = amount.where(kept)
    shaped_fields = {
        name: field.where(shaped) if isinstance(field, _Factor) else field
        for name, field in fields.items()
    }
    shaped_fields["party"] = _parties(given, rows, shaped, default)
    return dict(sorted(shaped_fields.items())) if shaped.any() else {}


def _licence_fields(
    given: Mapping[str, _Factor], rows: int, default: PartyKind | None
) -> dict[str, _Factor | _Parties]:
    """``_licence`` of the national tables column by column: the fields, by name, in order."""

    def column(key: str) -> _Factor:
        return given.get(key) or _constant(None, rows)

    shaped = column("id").given() & column("decided_on").given() & column("party.name").given()
    fields: dict[str, _Factor | _Parties] = {
        "id": column("id").where(shaped),
        "applied_on": column("decided_on").where(shaped),
        "subject": _or(_or(column("subject"), column("document")), _constant("", rows)).where(
            shaped
        ),
        "applicant": _parties(given, rows, shaped, default),
        "decision": _constant(LicensingDecision.GRANTED, rows).where(shaped),
        "decided_on": column("decided_on").where(shaped),
    }
    return dict(sorted(fields.items())) if shaped.any() else {}


def _kwargs(keyed: Mapping[str, _Factor | _Parties], row: int) -> dict[str, Any]:
    """A row's fields, as the record takes them."""
    kwargs: dict[str, Any] = {}
    for name, field in keyed.items():
        value = field.of(row) if isinstance(field, _Parties) else field.distinct[field.codes[row]]
        if value is not None:
            kwargs[name] = value
    return kwargs


def _national_arrow(record: type, keyed: Mapping[str, _Factor | _Parties], keep: Any) -> Any:
    """The kept rows as Arrow columns typed by the record's fields, from the distinct values."""
    import typing  # noqa: PLC0415

    pa = _pa()
    hints = typing.get_type_hints(record)
    kept = pa.array(keep)
    columns: dict[str, Any] = {}
    for name, field in keyed.items():
        if isinstance(field, _Parties):
            kinds, _ = _converted(PartyKind, field.kind.distinct)
            columns[f"{name}.name"] = pa.array(field.name, pa.string()).filter(kept)
            columns[f"{name}.kind"] = (
                pa.array(kinds, pa.string()).take(pa.array(field.kind.codes)).filter(kept)
            )
            columns[f"{name}.id_number"] = pa.array(field.id_number, pa.string()).filter(kept)
            columns[f"{name}.personal_id"] = pa.array(field.personal_id, pa.string()).filter(kept)
            continue
        tp = _bare(hints[name])
        distinct, arrow_type = _converted(tp, field.distinct, field.fen)
        values = pa.array(distinct, arrow_type).take(pa.array(field.codes)).filter(kept)
        if isinstance(tp, type) and issubclass(tp, Enum):
            values = values.dictionary_encode()
        columns[name] = values
    return pa.table(columns).replace_schema_metadata({"record": record.__name__})


# Arrow holds amounts as int64 fen: a larger amount is refused by the money check, and
# its row left out, so it never needs a slot.
_INT64_FEN: Final = 2**63


def _fen(value: Decimal | None) -> int | None:
    if value is None or abs(value) * 100 >= _INT64_FEN:
        return None
    return int(value * 100)


def _bare(tp: Any) -> Any:
    import typing  # noqa: PLC0415
    from types import NoneType, UnionType  # noqa: PLC0415

    if typing.get_origin(tp) in (typing.Union, UnionType):
        return next(a for a in typing.get_args(tp) if a is not NoneType)
    return tp


# Back to objects ----------------------------------------------------------------------


def _records(field: str, table: Any) -> list[Any]:
    from enforcement_core.categories import RECORD_GROUPS  # noqa: PLC0415

    record = next(g.record for g in RECORD_GROUPS if g.field == field)
    fields = {f.name: f for f in attrs.fields(record)}
    import typing  # noqa: PLC0415

    hints = typing.get_type_hints(record)
    data = table.to_pydict()
    made = []
    for row in range(table.num_rows):
        kwargs: dict[str, Any] = {}
        for name in fields:
            if name in ("party", "applicant"):
                if f"{name}.name" in data and data[f"{name}.name"][row] is not None:
                    kind = data[f"{name}.kind"][row]
                    party: dict[str, Any] = {
                        "name": data[f"{name}.name"][row],
                        "kind": PartyKind(kind),
                    }
                    for part in ("id_number", "personal_id"):
                        number = data.get(f"{name}.{part}", [None] * table.num_rows)[row]
                        if number is not None:
                            party[part] = number
                    kwargs[name] = Party(**party)
                continue
            if name not in data or data[name][row] is None:
                continue
            kwargs[name] = _back(hints[name], data[name][row])
        made.append(record(**kwargs))
    return made


def _back(tp: Any, value: Any) -> Any:
    import typing  # noqa: PLC0415
    from types import NoneType, UnionType  # noqa: PLC0415

    if typing.get_origin(tp) in (typing.Union, UnionType):
        tp = next(a for a in typing.get_args(tp) if a is not NoneType)
    if typing.get_origin(tp) is tuple:
        (item, *_) = typing.get_args(tp)
        return tuple(_back(item, v) for v in value)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(value)
    if tp is Decimal:
        return (Decimal(value) * _FEN).quantize(_FEN) if value % 100 else Decimal(value // 100)
    return value


# Summaries by group-bys -----------------------------------------------------------------


def _in_year(table: Any, column: str, start: dt.date, end: dt.date) -> Any:
    if not table.num_rows:
        return table  # a table of no records may have no columns: nothing is in the year
    pc = _pc()
    dates = table.column(column)
    return table.filter(pc.and_(pc.greater_equal(dates, start), pc.less_equal(dates, end)))


def _yuan(fen: Any) -> Decimal:
    if fen is None:
        return _ZERO
    return Decimal(int(fen)) / 100 if int(fen) % 100 else Decimal(int(fen) // 100)


def _penalty_figures(table: Any, start: dt.date, end: dt.date) -> PenaltyFigures | None:
    pc = _pc()
    year = _in_year(table, "decided_on", start, end)
    if year.num_rows == 0:
        return None
    fine = year.column("fine") if "fine" in year.column_names else None
    domains, fines_by = _by_domain(year, fine)
    # A sheet without a 处罚种类 column: every case carries no sanction, as its record does.
    sanctions = (
        _per_type(year.column("sanctions"))
        if "sanctions" in year.column_names
        else Counter({None: year.num_rows})
    )
    procedures = (
        _tally(year.column("procedure"))
        if "procedure" in year.column_names
        else Counter({Procedure.ORDINARY.value: year.num_rows})
    )

    def total(name: str) -> int:
        return int(pc.sum(year.column(name)).as_py() or 0) if name in year.column_names else 0

    return PenaltyFigures(
        cases=year.num_rows,
        by_domain={
            d: DomainPenalties(cases=domains[d], fines=fines_by.get(d, _ZERO))
            for d in Domain
            if domains.get(d)
        },
        by_sanction=ordered(
            Counter({SanctionType(k): n for k, n in sanctions.items() if k is not None}),
            SanctionType,
        ),
        by_procedure=ordered(Counter({Procedure(k): n for k, n in procedures.items()}), Procedure),
        fines=_yuan(total("fine")),
        confiscations=_yuan(total("confiscation")),
        not_penalised=sanctions[None],
        lightened=_count_true(year, "lightened"),
        legal_reviews=_count_true(year, "legal_review"),
        referrals=_count_true(year, "referred"),
    )


def _by_domain(year: Any, fine: Any) -> tuple[dict[Domain, int], dict[Domain, Decimal]]:
    """The cases and the fines (in yuan) of each domain of the year's cases.

    Counted on the codes of the domains, a call of numpy each: a body's table is
    small, and a group-by in Arrow costs more to start than to run. A big table,
    a table with a case without a domain, or fines not in fen, is grouped by Arrow.
    """
    import numpy as np  # noqa: PLC0415

    pa, pc = _pa(), _pc()
    if year.num_rows > _SMALL_TABLE:
        return _by_domain_grouped(year, fine)
    column = year.column("domain")
    if pa.types.is_dictionary(column.type):
        column = column.cast(pa.string())
    encoded = pc.dictionary_encode(column).combine_chunks()
    if encoded.null_count or (fine is not None and fine.type != pa.int64()):
        return _by_domain_grouped(year, fine)
    names = [Domain(d) for d in encoded.dictionary.to_pylist()]
    codes = encoded.indices.to_numpy()
    cases = np.bincount(codes, minlength=len(names)).tolist()
    domains = {d: n for d, n in zip(names, cases, strict=True) if n}
    if fine is None:
        return domains, {}
    amounts = fine.combine_chunks()
    given = np.asarray(amounts.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    sums = np.zeros(len(names), dtype=np.int64)
    np.add.at(sums, codes[given], amounts.fill_null(0).to_numpy()[given])
    # A domain whose cases have no fine sums to 0, as a group-by's null does through _yuan.
    return domains, {d: _yuan(n) for d, n in zip(names, sums.tolist(), strict=True)}


def _by_domain_grouped(year: Any, fine: Any) -> tuple[dict[Domain, int], dict[Domain, Decimal]]:
    by_domain = (
        year.group_by("domain")
        .aggregate([("domain", "count"), *([("fine", "sum")] if fine is not None else [])])
        .to_pydict()
    )
    domains = {
        Domain(d): n for d, n in zip(by_domain["domain"], by_domain["domain_count"], strict=True)
    }
    fines_by = (
        {
            Domain(d): _yuan(s)
            for d, s in zip(by_domain["domain"], by_domain["fine_sum"], strict=True)
        }
        if fine is not None
        else {}
    )
    return domains, fines_by


def _per_type(lists: Any) -> Counter[str | None]:
    """How many rows list each value (a row listing it twice counts once); ``None``: empty lists."""
    import numpy as np  # noqa: PLC0415

    pa, pc = _pa(), _pc()
    lists = lists.combine_chunks() if hasattr(lists, "combine_chunks") else lists
    if len(lists) > _SMALL_TABLE:
        pairs = pa.table({"row": pc.list_parent_indices(lists), "value": pc.list_flatten(lists)})
        distinct = pairs.group_by(["row", "value"]).aggregate([])
        counts: Counter[str | None] = _tally(distinct.column("value"))
        return _empty_lists(lists, counts)
    rows = pc.list_parent_indices(lists).to_numpy().astype(np.int64)
    encoded = pc.dictionary_encode(pc.list_flatten(lists))
    # A null value, were there one, is counted under None, as a group-by counts it.
    values: list[str | None] = [*encoded.dictionary.to_pylist(), None]
    width = len(values)
    codes = encoded.indices.fill_null(width - 1).to_numpy().astype(np.int64)
    # Each (row, value) once: a row listing a value twice counts once.
    tally = np.bincount(np.unique(rows * width + codes) % width, minlength=width).tolist()
    counts = Counter({v: n for v, n in zip(values, tally, strict=True) if n})
    return _empty_lists(lists, counts)


def _empty_lists(lists: Any, counts: Counter[str | None]) -> Counter[str | None]:
    """``counts`` with the empty (or null) lists counted under ``None``."""
    pc = _pc()
    lengths = pc.fill_null(pc.list_value_length(lists), 0)
    counts[None] += int(pc.sum(pc.cast(pc.equal(lengths, 0), "int64")).as_py() or 0)
    return counts


def _tally(column: Any) -> Counter[Any]:
    """How many rows hold each value of a column."""
    counts: Counter[Any] = Counter()
    for entry in _pc().value_counts(column).to_pylist():
        counts[entry["values"]] += entry["counts"]
    return counts


def _count_true(table: Any, name: str) -> int:
    if name not in table.column_names:
        return 0
    return int(_pc().sum(_pc().cast(table.column(name), "int64")).as_py() or 0)


def _licensing_figures(table: Any, start: dt.date, end: dt.date) -> LicensingFigures | None:
    pc = _pc()
    year = _in_year(table, "applied_on", start, end)
    if year.num_rows == 0:
        return None
    n = year.num_rows
    accepted = _count_true(year, "accepted") if "accepted" in year.column_names else n
    if "accepted" in year.column_names:
        nulls = year.column("accepted").null_count
        accepted += nulls  # a cell left empty is the default: accepted
    decisions = _tally(year.column("decision")) if "decision" in year.column_names else Counter()
    subjects: set[str] = (
        {s or "" for s in year.column("subject").to_pylist()}
        if "subject" in year.column_names
        else {""}
    )
    pending = 0
    if "decision" in year.column_names:
        undecided = pc.is_null(year.column("decision"))
        if "accepted" in year.column_names:
            undecided = pc.and_(undecided, pc.fill_null(year.column("accepted"), fill_value=True))
        pending = int(pc.sum(pc.cast(undecided, "int64")).as_py() or 0)
    else:
        pending = accepted
    revoked = 0
    if "revoked_on" in year.column_names:
        revoked = int(
            pc.sum(
                pc.cast(
                    pc.fill_null(pc.less_equal(year.column("revoked_on"), end), fill_value=False),
                    "int64",
                )
            ).as_py()
            or 0
        )
    return LicensingFigures(
        subject=subjects.pop() if len(subjects) == 1 else "",
        applications=n,
        accepted=accepted,
        granted=decisions[LicensingDecision.GRANTED.value],
        refused=decisions[LicensingDecision.REFUSED.value],
        pending=pending,
        revoked=revoked,
        legal_reviews=_count_true(year, "legal_review"),
    )
