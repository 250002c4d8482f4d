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

import contextlib
import datetime as dt
import functools
import os
from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

import attrs

from enforcement_core._arrow import engine_memory
from enforcement_core._lazy import LazyRecords
from enforcement_core.body import EnforcementBody
from enforcement_core.errors import LoadError
from enforcement_core.ledger import Ledger
from enforcement_core.partials import Partial
from enforcement_core.summary import record_figures
from enforcement_core.tables._arrow_files import _arrow_sheets, workbook_tables
from enforcement_core.tables._arrow_records import _records
from enforcement_core.tables._counted import GROUPED, Checked
from enforcement_core.tables._files import RawSheet, kind_of, materialized, of_file
from enforcement_core.tables._layout import match_columns
from enforcement_core.tables._polars_engine import enabled as polars_enabled
from enforcement_core.tables._polars_engine import read_csv_sheet
from enforcement_core.tables._problems import TableProblem, _unique
from enforcement_core.tables._publicity import PublishedLayout
from enforcement_core.tables._publicity_columns import _to_encode_published
from enforcement_core.tables._sheet_columns import ByObjects, column_layout, text_header
from enforcement_core.tables._typed_sheets import (
    _concat,
    field_of,
    national_bodies,
    record_years,
    typed_sheet,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from enforcement_core.report import AnnualReport
    from enforcement_core.tables._layout import Sheet
    from enforcement_core.tables._read import Seen

__all__ = ["ColumnarLedger", "read_columnar"]

_ZERO: Final = Decimal(0)
# The kinds of record summarised by group-bys (their fields, their figures' names in the
# report and classes, those of tables._counted.GROUPED); the others through their objects.
_GROUPED_FIGURES: Final = tuple(
    (field, name, GROUPED[field][0])
    for field, name in (("penalty_cases", "penalty"), ("licence_applications", "licensing"))
)


@attrs.frozen
class ColumnarLedger:
    """A ledger whose big tables are Arrow columns, the rest objects.

    ``tables`` holds, by the ledger's field (``"penalty_cases"``), a table of
    typed columns, one per field of the record: dates as ``date32``, money as
    ``int64`` fen, vocabulary values as their ``value`` strings dictionary-encoded,
    tuples as lists of such strings. An amount its fen would give back written otherwise (a cell of
    ``200.00`` or ``2.1``; from fen, ``200`` or ``2.10``) has its text in a column
    beside it, ``fine.written`` for ``fine`` (null where the fen write it alike; no such
    column where none is), so that the records are those the object reading makes.
    ``rest`` holds every other record, as a :class:`Ledger`.

    A CSV of penalty cases or licence applications read on polars (the ``fast`` extra)
    makes its table when ``tables`` first gives it (pyarrow is imported then, not
    before); the year's figures, counted as it was read, come with the mapping, and
    :meth:`partial` takes them instead of counting the table. A ledger given other
    tables counts those.
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
        # By the fields' names: a table of the polars engine is made only when asked for.
        by_objects = {
            field: getattr(self.rest, field) + tuple(_records(field, self.tables[field]))
            for field in self.tables
            if field not in GROUPED
        }
        ledger = attrs.evolve(self.rest, **by_objects)
        start, end = dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        figures = record_figures(ledger, start, end)
        counted = self.tables.counted if isinstance(self.tables, _Tables) else {}
        for field, name, kind in _GROUPED_FIGURES:
            if field in counted:
                figures[name] = counted[field]
            elif field in self.tables:
                figures[name] = kind.from_table(self.tables[field], start, end)
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
    return _read_columnar(source, body=body, year=year, mapping=mapping)


def _read_columnar(
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
    if kind == "csv" and polars_enabled():
        read = read_csv_sheet(source, (shown, stem), mapping, year)
        if read is not None:
            rows, counter, unknown = read
            rest = Ledger(body=body, year=year, unknown=unknown)
            tables = _Tables({rows.field: rows.typed_table}, {rows.field: counter})
            return ColumnarLedger(body, year, tables, rest)
        source = _rewound(source)
    with engine_memory():
        return _by_arrow(source, (name, shown, stem), kind, mapping, (body, year))


def _by_arrow(
    source: str | os.PathLike[str] | IO[bytes],
    names: tuple[str, str, str],
    kind: str,
    mapping: Mapping[str, str | tuple[str, str]] | None,
    given: tuple[EnforcementBody, int],
) -> ColumnarLedger:
    """:func:`read_columnar` of a table file (not JSON) by the Arrow engine."""
    from enforcement_core.tables._read import read_objects  # noqa: PLC0415

    name, shown, stem = names
    body, year = given
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
    tables, checked, unknown, by_objects = _sheets_checked(arrow, mapping, problems)
    if by_objects:
        rest = read_objects(_rewound(source), body=body, year=year, mapping=mapping)
        emptied: dict[str, Any] = {
            field: () for field in [*tables, *checked] if getattr(rest, field)
        }
        rest = attrs.evolve(rest, **emptied)
    else:
        rest = Ledger(body=body, year=year)
    if problems:
        raise LoadError(_unique(problems), source=shown)
    if unknown:
        rest = attrs.evolve(rest, unknown=tuple(dict.fromkeys([*rest.unknown, *unknown])))
    if checked:
        counters = {f: functools.partial(done.figures, f, year) for f, done in checked.items()}
        makers = {f: done.make for f, done in checked.items()}
        return ColumnarLedger(body, year, _Tables(makers, counters), rest)
    return ColumnarLedger(body, year, tables, rest)


def _sheets_checked(
    arrow: list[tuple[str, Any]],
    mapping: Mapping[str, str | tuple[str, str]] | None,
    problems: list[TableProblem],
) -> tuple[dict[str, Any], dict[str, Checked], list[str], bool]:
    """The sheets the engine reads, checked: typed tables, the sheet counted from its codes, and more.

    Gives the typed tables by the ledger's field; a file of one sheet of penalty cases
    or licence applications (a CSV, a Parquet file) as checked instead, its figures
    counted from the codes its checks made and its typed table made only when asked
    for; the figures the sheets leave unknown; whether a sheet is read by objects.
    """
    tables: dict[str, Any] = {}
    checked: dict[str, Checked] = {}
    unknown: list[str] = []
    by_objects = False
    seen: Seen = {}
    single = len(arrow) == 1
    layouts = [
        column_layout(sheet_name, list(table.column_names), mapping, single=single)
        for sheet_name, table in arrow
    ]
    later = _looked_up_later(layouts)
    for (sheet_name, table), layout, remember in zip(arrow, layouts, later, strict=True):
        if layout is None:
            # Records with sub-records, and what is not a sheet, go the object way.
            by_objects = True
            continue
        done = typed_sheet(sheet_name, table, layout, mapping, problems, seen, remember=remember)
        if done is None:
            continue
        unknown.extend(done[1])
        field = field_of(layout)
        if single and field in GROUPED:
            checked[field] = done[0]
        else:
            tables[field] = _concat(tables.get(field), done[0].make())
    return tables, checked, unknown, by_objects


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
    #: Every sheet as read, rows and all, when they were kept (``keep``): the object
    #: reading of the whole workbook, should a problem be found, without reading it again.
    sheets: list[RawSheet] | None = None


def split_workbook(  # noqa: PLR0913  (the file, its names, and what is given and kept)
    source: str | os.PathLike[str] | IO[bytes],
    stem: str,
    shown: str,
    mapping: Mapping[str, str | tuple[str, str]] | None,
    given: tuple[EnforcementBody | None, int | None],
    *,
    keep: bool = False,
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
        source,
        "xlsx",
        stem,
        mapping,
        _to_encode(stem, mapping),
        typed=True,
        objects=True,
        keep=keep,
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
    later = _looked_up_later([layouts[index] for index in order])
    for index, remember in zip(order, later, strict=True):
        (sheet, table), layout = engine[index], layouts[index]
        assert layout is not None  # noqa: S101  (workbook_tables gave these sheets a table)
        cells: dict[str, Any] = {}
        done = typed_sheet(
            sheet.name, table, layout, mapping, problems, seen, remember=remember, cells=cells
        )
        if done is not None:
            bodies.update(national_bodies(cells))
            parts.setdefault(field_of(layout), []).append(done[0].make())
    tables = {field: _concat(*found) for field, found in parts.items()}

    def years() -> Counter[int]:
        return sum((record_years(field, table) for field, table in tables.items()), Counter())

    try:
        rest = ledger_of_sheets(
            [
                sheet if table is None else RawSheet(sheet.name, sheet.header, [])
                for sheet, table in read
            ],
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
    return WorkbookSplit(tables, rest, problems, [sheet for sheet, _ in read] if keep else None)


def _looked_up_later(layouts: list[PublishedLayout | Sheet | None]) -> list[bool]:
    """Whether the identifiers of each sheet (in the order read) are remembered for a later one.

    A sheet's numbers are looked up by the later sheets of its own field alone; the
    others' would be kept for nothing (100,000 numbers of a clerk's penalty sheet
    made a dictionary of 0.1 s, for the sheets of other records after it).
    """
    fields = [None if layout is None else field_of(layout) for layout in layouts]
    return [field is not None and field in fields[at + 1 :] for at, field in enumerate(fields)]


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


class _Made(Mapping[str, Any]):
    """Values by key, each made when first asked for, in the context ``around`` gives.

    Pickled (to another process), it is a dict of the values made.
    """

    def __init__(
        self,
        makers: Mapping[str, Callable[[], Any]],
        around: Callable[[], contextlib.AbstractContextManager[Any]] = contextlib.nullcontext,
    ) -> None:
        self._makers = makers
        self._made: dict[str, Any] = {}
        self._around = around

    def __getitem__(self, key: str) -> Any:
        if key not in self._made:
            with self._around():
                self._made[key] = self._makers[key]()
        return self._made[key]

    def __contains__(self, key: object) -> bool:
        return key in self._makers  # nothing made to say so

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (dict(self),))


class _Tables(_Made):
    """Typed tables by the ledger's field, each made when first asked for, in the engine's memory.

    ``counted`` holds, by field, the year's figures of a table counted from what its
    reading made, each counted when first asked for (a sum beyond the largest amount
    is refused by the summary, as the object path's summary refuses it, not by the reading).
    """

    def __init__(
        self, makers: Mapping[str, Callable[[], Any]], counters: Mapping[str, Callable[[], Any]]
    ) -> None:
        super().__init__(makers, engine_memory)
        self.counted = _Made(counters)


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
