"""The columnar ledger: big tables held column by column, validated and summarised in bulk.

A million penalty cases as objects take seconds to build and hundreds of bytes
each; as Arrow columns they take a fraction of a second and under a hundred bytes
a row. :func:`read_columnar` reads a sheet of the library's layout or a national
table into a :class:`ColumnarLedger`, checking every row as the object path does,
without building the objects: the column check engine (``tables._columns``) reads
each distinct value once and runs the record classes' declared checks on whole columns.

Penalty cases and licence applications are summarised by group-bys, the other
flat kinds through their records; inspections with their hazards and the roster
with its certificates are read as objects. The parts, each a module of its own:
reading files as Arrow tables (:mod:`._arrow_files`, :mod:`._workbook`, within the
limits of :mod:`._files`), the column check engine (:mod:`._columns`), national tables shaped column by column beside
their layouts (:mod:`._publicity_columns`), and typed tables of records and back
(:mod:`._arrow_records`). A property test holds :meth:`ColumnarLedger.summarize`
equal to :func:`~enforcement_core.summarize` of the same records.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

import attrs

from enforcement_core._arrow import (
    contiguous,
    from_numpy,
    scalar,
    strings,
    system_memory_pool,
    to_numpy,
)
from enforcement_core._lazy import LazyRecords
from enforcement_core.body import EnforcementBody
from enforcement_core.errors import LoadError
from enforcement_core.figures import LicensingFigures, PenaltyFigures
from enforcement_core.ledger import Ledger
from enforcement_core.partials import Partial
from enforcement_core.summary import record_figures
from enforcement_core.tables._arrow_files import (
    _arrow_sheets,
    _Encoded,
    _encoded,
    _pa,
    _pc,
    workbook_tables,
)
from enforcement_core.tables._arrow_records import _records
from enforcement_core.tables._columns import _checked_layout
from enforcement_core.tables._files import kind_of, materialized, of_file
from enforcement_core.tables._layout import (
    Column,
    Sheet,
    match_columns,
    unknown_without,
)
from enforcement_core.tables._problems import TableProblem
from enforcement_core.tables._publicity import PublishedLayout
from enforcement_core.tables._publicity_columns import _national, _to_encode_published
from enforcement_core.tables._publicity_rows import unknown_of
from enforcement_core.tables._sheet_columns import ByObjects, column_layout, text_header

if TYPE_CHECKING:
    from collections.abc import Callable

    from enforcement_core.report import AnnualReport
    from enforcement_core.tables._read import Seen

__all__ = ["ColumnarLedger", "read_columnar"]

_ZERO: Final = Decimal(0)
# The kinds of record summarised by group-bys; the others through their objects.
_GROUPED: Final = frozenset({"penalty_cases", "licence_applications"})


@attrs.frozen
class ColumnarLedger:
    """A ledger whose big tables are Arrow columns, the rest objects.

    ``tables`` holds, by the ledger's field (``"penalty_cases"``), a table of
    typed columns, one per field of the record: dates as ``date32``, money as
    ``int64`` fen, vocabulary values as their ``value`` strings dictionary-encoded,
    tuples as lists. An amount its fen would give back written otherwise (a cell of
    ``200.00`` or ``2.1``; from fen, ``200`` or ``2.10``) has its text in a column
    beside it, ``fine.written`` for ``fine`` (null where the fen write it alike; no such
    column where none is), so that the records are those the object reading makes.
    ``rest`` holds every other record, as a :class:`Ledger`.
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
        """The same ledger; the columnar tables' records built when first asked for.

        ``summarize(self.to_ledger())`` counts them over the columns, as :meth:`summarize` does.
        """
        merged: dict[str, Any] = {
            field: getattr(self.rest, field) + _records(field, table)
            if getattr(self.rest, field)
            else _lazy_records(field, table)
            for field, table in self.tables.items()
        }
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
            >>> from enforcement_core.body import BodyLevel, EnforcementBody
            >>> from enforcement_core.partials import merge
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
            figures["penalty"] = PenaltyFigures.from_table(self.tables["penalty_cases"], start, end)
        if "licence_applications" in self.tables:
            figures["licensing"] = LicensingFigures.from_table(
                self.tables["licence_applications"], start, end
            )
        return Partial.from_figures(ledger, {field: v for field, v in figures.items() if v})


# Reading ----------------------------------------------------------------------------


def read_columnar(
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
        >>> from enforcement_core.body import BodyLevel, EnforcementBody
        >>> table = "编号,决定日期,执法领域,处罚种类,罚款金额（元）\nP-1,2023-08-01,交通,罚款,200\n"
        >>> ledger = read_columnar(
        ...     io.BytesIO(table.encode()),
        ...     body=EnforcementBody("某镇人民政府", BodyLevel.TOWN),
        ...     year=2023,
        ... )
        >>> ledger.summarize().penalty.fines
        Decimal('200')
    """
    with system_memory_pool():
        return _read_columnar(source, body=body, year=year, mapping=mapping)


def _read_columnar(  # noqa: C901  (each sheet: published, the library's own, or by objects)
    source: str | os.PathLike[str] | IO[bytes],
    *,
    body: EnforcementBody,
    year: int,
    mapping: Mapping[str, str | tuple[str, str]] | None,
) -> ColumnarLedger:
    from enforcement_core.tables._read import read_objects  # noqa: PLC0415

    source = materialized(source)
    name = (
        str(source)
        if isinstance(source, str | os.PathLike)
        else str(getattr(source, "name", "") or "")
    )
    kind = kind_of(source, name or None)
    if kind == "json":
        ledger = read_objects(source, body=body, year=year)
        return ColumnarLedger(body, year, {}, ledger)
    shown = Path(name).name if name else "table"
    stem = Path(name).stem if name else "table"
    if kind == "xlsx":
        return _columnar_workbook(source, shown, stem, mapping, (body, year))
    try:
        arrow = _arrow_sheets(source, kind, stem, mapping, _to_encode(stem, mapping), typed=True)
    except LoadError as error:
        raise of_file(error, Path(name).stem if name else "table", shown) from None
    except ByObjects:
        # A typed cell the engine would read otherwise than the object path: the reference reads it.
        ledger = read_objects(_rewound(source), body=body, year=year, mapping=mapping)
        return ColumnarLedger(body, year, {}, ledger)
    problems: list[TableProblem] = []
    tables: dict[str, Any] = {}
    objects: dict[str, list[Any]] = {}
    seen: Seen = {}
    unknown: dict[str, None] = {}
    for position, (sheet_name, table) in enumerate(arrow):
        # The last sheet's numbers are looked up by no later sheet: not remembered.
        remember = position < len(arrow) - 1
        header = list(table.column_names)
        layout = column_layout(sheet_name, header, mapping, single=len(arrow) == 1)
        if layout is None:
            # Records with sub-records, and what is not a sheet, go the object way.
            objects.setdefault("_sheets", []).append(sheet_name)
            continue
        done = typed_sheet(sheet_name, table, layout, mapping, problems, seen, remember=remember)
        if done is not None:
            typed, missing = done
            unknown.update(dict.fromkeys(missing))
            tables[field_of(layout)] = _concat(tables.get(field_of(layout)), typed)
    if objects.get("_sheets"):
        rest = read_objects(
            _rewound(source),
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


def _columnar_workbook(
    source: str | os.PathLike[str] | IO[bytes],
    shown: str,
    stem: str,
    mapping: Mapping[str, str | tuple[str, str]] | None,
    given: tuple[EnforcementBody, int],
) -> ColumnarLedger:
    """:func:`read_columnar` of a workbook: each sheet read once, by columns or by objects."""
    from enforcement_core.tables._read import read_objects  # noqa: PLC0415

    body, year = given
    try:
        split = split_workbook(source, stem, shown, mapping, (body, year))
    except LoadError as error:
        raise of_file(error, stem, shown) from None
    except ByObjects:
        # A typed cell the engine would read otherwise than the object path: the reference reads it.
        split = None
    if split is not None and split.rest is not None:
        if split.problems:
            raise LoadError(_unique(split.problems), source=shown)
        return ColumnarLedger(body, year, split.tables, split.rest)
    # Else a sheet read by objects has a problem: the object reading names every problem
    # of the workbook, in its words.
    return ColumnarLedger(
        body, year, {}, read_objects(_rewound(source), body=body, year=year, mapping=mapping)
    )


@attrs.frozen
class WorkbookSplit:
    """A workbook read once: the sheets the column engine reads as typed tables, the rest as objects."""

    #: The typed tables of the sheets the engine read, by the ledger's field.
    tables: dict[str, Any]
    #: The ledger of every other sheet: the body, the year, units, narrative and what is
    #: unknown, and no record of the fields in ``tables``. ``None``: those sheets (or
    #: the body and year) have a problem, which the object reading names.
    rest: Ledger | None
    #: The problems the engine found in its sheets.
    problems: list[TableProblem]


def split_workbook(
    source: str | os.PathLike[str] | IO[bytes],
    stem: str,
    shown: str,
    mapping: Mapping[str, str | tuple[str, str]] | None,
    given: tuple[EnforcementBody | None, int | None],
) -> WorkbookSplit:
    """A workbook's sheets read once, each by the column engine where it reads it, else by objects.

    The object reading (:func:`~enforcement_core.tables._read.ledger_of_sheets`) takes
    every sheet, those the engine reads by their header alone: so it finds the body
    and the year (``given``, else from the about sheet, the bodies the national tables
    name and the years of every record), what is unknown and in which order, as it
    does of the whole workbook. The engine's sheets are checked in the object
    reading's order (national tables first), so that an identifier given twice is
    first seen where the object reading first sees it.

    Raises:
        LoadError: The workbook cannot be read.
        ByObjects: A typed cell the engine would read otherwise than the object path.
    """
    from enforcement_core.tables._read import ledger_of_sheets  # noqa: PLC0415

    read = workbook_tables(
        source, "xlsx", stem, mapping, _to_encode(stem, mapping), typed=True, objects=True
    )
    single = len(read) == 1
    engine = [(sheet, table) for sheet, table in read if table is not None]
    layouts = [column_layout(s.name, text_header(s), mapping, single=single) for s, _ in engine]
    # The object reading reads the national tables in its first pass, the others after.
    order = sorted(range(len(engine)), key=lambda i: not isinstance(layouts[i], PublishedLayout))
    problems: list[TableProblem] = []
    seen: Seen = {}
    parts: dict[str, list[Any]] = {}
    bodies: dict[str, int] = {}
    for step, index in enumerate(order):
        (sheet, table), layout = engine[index], layouts[index]
        assert layout is not None  # noqa: S101  (workbook_tables gave these sheets a table)
        # The last sheet's identifiers are looked up by no later sheet: not remembered.
        remember = step < len(order) - 1
        cells: dict[str, Any] = {}
        done = typed_sheet(
            sheet.name, table, layout, mapping, problems, seen, remember=remember, cells=cells
        )
        if done is not None:
            bodies.update(national_bodies(cells))
            parts.setdefault(field_of(layout), []).append(done[0])
    tables = {field: _concat(*found) for field, found in parts.items()}

    def years() -> Counter[int]:
        return sum((record_years(field, table) for field, table in tables.items()), Counter())

    try:
        rest = ledger_of_sheets(
            [sheet for sheet, _ in read],
            shown,
            body=given[0],
            year=given[1],
            mapping=mapping,
            single=single,
            bodies=bodies,
            years=years,
        )
    except LoadError:
        rest = None
    return WorkbookSplit(tables, rest, problems)


def national_bodies(cells: Mapping[str, Any]) -> dict[str, int]:
    """The bodies a national table's kept rows name (the object reading's ``Publicity.bodies``)."""
    import numpy as np  # noqa: PLC0415

    if "body" not in cells:
        return {}
    distinct, codes = cells["body"]
    kept = np.asarray(cells["_kept"], dtype=bool)
    used = np.unique(np.asarray(codes)[kept]).tolist()
    # Only their number and, for one, its name are looked at: no first rows needed.
    return {distinct[code]: 0 for code in used if distinct[code] is not None}


#: The column of a record's ``date``, for the kinds whose tables are big.
_DATE_COLUMNS: Final = {"penalty_cases": "decided_on", "licence_applications": "applied_on"}


def record_years(field: str, typed: Any) -> Counter[int]:
    """The years of the records' dates (their ``date``), as the object reading counts them.

    Of penalty cases and licence applications, counted from the table's column; of
    the other kinds (a few rows, when a workbook has them), from their records.
    """
    import numpy as np  # noqa: PLC0415

    if not typed.num_rows:
        return Counter()  # no record, no year (an empty table has no columns either)
    column = _DATE_COLUMNS.get(field)
    if column is None:
        dates = (getattr(record, "date", None) for record in _records(field, typed))
        return Counter(day.year for day in dates if isinstance(day, dt.date))
    days = to_numpy(contiguous(typed.column(column)).cast(_pa().int32()))
    years, counts = np.unique(
        days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970,
        return_counts=True,
    )
    return Counter(dict(zip(years.tolist(), counts.tolist(), strict=True)))


def _to_encode(
    sheet_name: str, mapping: Mapping[str, str | tuple[str, str]] | None
) -> Callable[[list[str]], frozenset[int]]:
    """Which columns of a one-sheet file's header to read dictionary-encoded.

    Those of the library's layout that the column engine encodes (all but the
    identifiers, a value a row, which it takes as they are); of a published
    table, all but its decision numbers; none of a sheet read by objects.
    """

    def encode(header: list[str]) -> frozenset[int]:
        layout = column_layout(sheet_name, header, mapping, single=True)
        if isinstance(layout, PublishedLayout):
            return _to_encode_published(sheet_name, header, layout, mapping)
        if layout is None:
            return frozenset()
        found = match_columns(sheet_name, header, layout.columns, mapping, [])
        return frozenset(i for i, column in found.items() if column.key != "id")

    return encode


def _repeated(  # noqa: PLR0913  (the table, where it is, and what was seen before)
    field: str,
    sheet_name: str,
    table: Any,
    found: dict[int, Column],
    seen: Seen,
    *,
    remember: bool = True,
    encodings: Mapping[int, _Encoded] | None = None,
) -> list[TableProblem]:
    """:func:`~enforcement_core.tables._read.repeated_ids` of an Arrow table's identifier column.

    The same problems, found in Arrow and numpy instead of a Python loop over the
    rows: each distinct cell trimmed of exactly the white space ``str.strip``
    removes, then each row compared with the first row of its key. ``seen`` is
    updated with this table's first rows unless ``remember`` is false (no later
    table will look). ``encodings`` holds the columns as the engine encoded them
    (``_checked_layout``), so that the identifiers are not hashed twice.
    """
    import numpy as np  # noqa: PLC0415  (pyarrow's own dependency)

    from enforcement_core.tables._read import given_again  # noqa: PLC0415

    index = next((i for i, column in found.items() if column.key == "id"), None)
    if index is None:
        return []
    header = found[index].header()
    earlier = seen.setdefault(field, {})
    # Nothing seen before and nothing to remember (one table, or the last): a column of
    # numbers none of which is given twice needs no keys nor first rows.
    found_keys = _keys_of_ids(
        table.column(index),
        (encodings or {}).get(index),
        unless_unique=not earlier and not remember,
    )
    if found_keys is None:
        return []
    keys, distinct, first_at = found_keys
    positions = np.flatnonzero(keys >= 0)
    if not len(positions):
        return []
    values = keys[positions]
    problems: list[tuple[int, TableProblem]] = []
    before: dict[str, tuple[str, int]] = {}
    names: list[str] = distinct.to_pylist() if earlier or remember else []
    if earlier:
        before = {name: earlier[name] for name in names if name in earlier}
    if before:
        # A number an earlier table gave is given again at every row of this one.
        again = np.isin(values, [n for n, name in enumerate(names) if name in before])
        at = positions[again]
        names_again = distinct.take(from_numpy(values[again])).to_pylist()
        problems += [
            (int(row), given_again((sheet_name, int(row) + 2), header, key, before[key]))
            for row, key in zip(at.tolist(), names_again, strict=True)
        ]
        within = ~again & (first_at[values] != positions)
    else:
        within = first_at[values] != positions
    if within.any():
        at = positions[within]
        firsts = first_at[values[within]]
        names_within = distinct.take(from_numpy(values[within])).to_pylist()
        problems += [
            (row, given_again((sheet_name, row + 2), header, key, (sheet_name, first + 2)))
            for row, first, key in zip(at.tolist(), firsts.tolist(), names_within, strict=True)
        ]
    if remember:
        new = {
            name: (sheet_name, first + 2)
            for name, first in zip(names, first_at.tolist(), strict=True)
            if name not in before
        }
        earlier.update(new)
    problems.sort(key=lambda pair: pair[0])
    return [problem for _, problem in problems]


def _id_keys(column: Any, encoded: _Encoded | None) -> tuple[Any, Any, Any]:
    """An identifier column as the keys ``repeated_ids`` compares: trimmed text, a blank none.

    Each row's key (``-1`` for a blank cell), the keys' text (Arrow), and each
    key's first row. Equal keys are found by sorting the distinct cells' trimmed
    text (a column of identifiers is not hashed: its encoding is the rows).
    """
    found = _keys_of_ids(column, encoded, unless_unique=False)
    if found is None:  # pragma: no cover  (only asked for unless_unique)
        raise AssertionError("keys of identifiers were not found")
    return found


def _keys_of_ids(
    column: Any, encoded: _Encoded | None, *, unless_unique: bool
) -> tuple[Any, Any, Any] | None:
    """:func:`_id_keys`; ``None`` instead, with ``unless_unique``, when no row's number is another's.

    Decided on the sort (a row a cell, each neighbour unequal), before any key is
    numbered: a million numbers given once each cost no array of keys or first rows.
    """
    import numpy as np  # noqa: PLC0415

    from enforcement_core.tables._cells import blank  # noqa: PLC0415

    pa, pc = _pa(), _pc()
    if encoded is None:
        chunks = contiguous(column)
        if pa.types.is_dictionary(chunks.type):
            chunks = chunks.dictionary_decode()
        if not (pa.types.is_string(chunks.type) or pa.types.is_large_string(chunks.type)):
            # Typed cells (numbers, dates) are keyed by their text, as the object path keys them.
            chunks = strings(
                [None if blank(cell) else str(cell).strip() for cell in chunks.to_pylist()]
            )
        encoded = _encoded(chunks)
    trimmed, width = encoded.trimmed, encoded.empty
    # The sort's uint64 positions read as int64 (each below 2**63), not copied; a column
    # of identifiers is a million rows, and each temporary of it 8 MiB of fresh memory.
    order = to_numpy(pc.sort_indices(trimmed)).view(np.int64)
    if encoded.blank[:width].any():
        order = order[~encoded.blank[order]]
    in_order = trimmed.take(from_numpy(order))
    new = np.ones(len(order), dtype=bool)
    if len(order) > 1:
        same = pc.equal(in_order.slice(1), in_order.slice(0, len(order) - 1))
        new[1:] = ~to_numpy(pc.fill_null(same, fill_value=scalar(value=False)))
    if unless_unique and encoded.of_rows and new.all():
        return None
    starts = np.flatnonzero(new)
    index: Any = np.int32 if width < 2**31 - 1 else np.int64
    key_of_cell = np.full(width + 1, -1, dtype=index)
    ranks: Any = np.cumsum(new, dtype=index)
    ranks -= 1
    key_of_cell[order] = ranks
    del ranks
    keys = key_of_cell[encoded.codes]
    if not len(starts):
        return keys, trimmed.slice(0, 0), np.zeros(0, dtype=np.int64)
    # Each distinct cell's first row, then each key's: the earliest of its cells'. The
    # cells of identifiers read unhashed are the rows, each its own first.
    if encoded.of_rows:
        first_at = np.minimum.reduceat(order, starts)
    else:
        given = np.flatnonzero(encoded.codes < width)
        first_of_cell = _first_rows(encoded.codes[given], given, width + 1, len(encoded.codes))
        first_at = np.minimum.reduceat(first_of_cell[order], starts)
    first_cell = order[starts]
    return keys, trimmed.take(from_numpy(first_cell)), first_at


def _first_rows(codes: Any, positions: Any, width: int, rows: int) -> Any:
    """Each code's first row, from the codes of the rows at ``positions`` (``rows``: at none)."""
    import numpy as np  # noqa: PLC0415

    first_at = np.full(width, rows, dtype=np.int64)
    if not len(codes):
        return first_at
    # Codes numbered in the order they first appear (as a dictionary encoding numbers
    # them, and the rows number themselves) first appear where a row's code exceeds
    # every earlier row's; when that finds every code, it found each one's first row.
    running = np.maximum.accumulate(codes)
    new = np.empty(len(codes), dtype=bool)
    new[0] = True
    new[1:] = codes[1:] > running[:-1]
    if int(new.sum()) == int(np.count_nonzero(np.bincount(codes, minlength=width))):
        first_at[codes[new]] = positions[new]
    else:
        np.minimum.at(first_at, codes, positions)
    return first_at


def _lazy_records(field: str, table: Any) -> tuple[Any, ...]:
    """The records of ``table``, built when first asked for; a plain ``()`` for none."""
    from enforcement_core.categories import RECORD_GROUPS  # noqa: PLC0415

    if not table.num_rows:
        return ()
    record = next(group.record for group in RECORD_GROUPS if group.field == field)
    return LazyRecords.of(table, record, functools.partial(_records, field))


def _rewound(source: Any) -> Any:
    """``source`` to be read again from its start: a path as it is, a file object seeked back."""
    if hasattr(source, "seek"):
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


def _concat(*tables: Any) -> Any:
    """The typed tables of one field as one, in order; ``None`` (no table yet) left out.

    A national table and a sheet of the library's own layout hold different fields (a
    table of no rows may hold none): a field one table lacks is null in its rows, which
    the records and the summaries read as the field's default, as they read a table
    without the column.
    """
    held = [table for table in tables if table is not None]
    if len(held) == 1:
        return held[0]
    return _pa().concat_tables(held, promote_options="permissive")


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


# Summaries by group-bys -----------------------------------------------------------------


def typed_sheet(  # noqa: PLR0913, PLR0917  (the table, its layout, and where problems and identifiers go)
    sheet_name: str,
    table: Any,
    layout: PublishedLayout | Sheet,
    mapping: Mapping[str, str | tuple[str, str]] | None,
    problems: list[TableProblem],
    seen: Seen,
    *,
    remember: bool,
    cells: dict[str, Any] | None = None,
) -> tuple[Any, tuple[str, ...]] | None:
    """A sheet the engine reads, checked into a typed table, with the figures its columns leave unknown.

    The sheet's layout is :func:`._sheet_columns.column_layout`'s. ``None`` when its header has a problem (added to ``problems``). ``cells`` receives a
    national table's columns as read (:func:`_published_typed`).
    """
    header = list(table.column_names)
    if isinstance(layout, PublishedLayout):
        ignored = layout.ignored()
        found = _columns_of(sheet_name, header, layout.columns, mapping, problems, ignored=ignored)
        if found is None:
            return None
        typed = _published_typed(
            sheet_name, table, found, layout, problems, seen, remember=remember, cells=cells
        )
        return typed, unknown_of(layout, (column.key for column in found.values()))
    found = _columns_of(sheet_name, header, layout.columns, mapping, problems)
    if found is None:
        return None
    typed = _typed(sheet_name, table, found, layout, problems, seen, remember=remember)
    return typed, unknown_without(layout.record, (column.key for column in found.values()))


def field_of(layout: PublishedLayout | Sheet) -> str:
    """The ledger's field a layout's records go to."""
    return layout.field if isinstance(layout, PublishedLayout) else layout.key


def _published_typed(  # noqa: PLR0913, PLR0917  (the table, where it is, and what was seen before)
    sheet_name: str,
    table: Any,
    found: dict[int, Column],
    published: PublishedLayout,
    problems: list[TableProblem],
    seen: Seen,
    *,
    remember: bool,
    cells: dict[str, Any] | None = None,
) -> Any:
    """A national table checked into a typed table, then its decision numbers given again (on the same encoding).

    ``cells`` receives every column as read, as :func:`._publicity_columns._national` gives them.
    """
    encodings: dict[int, _Encoded] = {}
    typed = _national(
        sheet_name, table, found, published, problems, cells=cells, encodings=encodings
    )
    problems += _repeated(
        published.field, sheet_name, table, found, seen, remember=remember, encodings=encodings
    )
    return typed


def _typed(  # noqa: PLR0913, PLR0917  (the table, where it is, and what was seen before)
    sheet_name: str,
    table: Any,
    found: dict[int, Column],
    sheet: Sheet,
    problems: list[TableProblem],
    seen: Seen,
    *,
    remember: bool,
) -> Any:
    """The sheet checked into a typed table, then its identifiers given again (on the same encoding)."""
    encodings: dict[int, _Encoded] = {}
    typed = _checked_layout(sheet_name, table, found, sheet.record, problems, encodings=encodings)
    problems += _repeated(
        sheet.key, sheet_name, table, found, seen, remember=remember, encodings=encodings
    )
    return typed
