"""read_ledger: the column road where it gives the object reading's ledger, else by objects.

A one-sheet CSV or Parquet file of penalty cases or licence applications (the
library's layout or a national 双公示 table) is checked by the column engine, and
its records are kept as a table, built into objects when first asked for
(:class:`~enforcement_core._lazy.LazyRecords`); :func:`~enforcement_core.summarize`
counts them over the columns. A file with problems gives the object reading's, in
its order, when the engine can tell that order (one problem a refused row).
Everything else is read by :func:`~enforcement_core.tables._read.read_objects`, so
that the ledger, the inferred body and year and the problems are the object reading's.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

from enforcement_core._arrow import engine_memory
from enforcement_core._lazy import LazyRecords
from enforcement_core.errors import LoadError, MissingExtraError
from enforcement_core.ledger import Ledger
from enforcement_core.serialization import load_json
from enforcement_core.tables._arrow_files import _arrow_sheets
from enforcement_core.tables._arrow_records import _records
from enforcement_core.tables._counted import GROUPED
from enforcement_core.tables._files import kind_of, materialized
from enforcement_core.tables._layout import normal
from enforcement_core.tables._polars_engine import enabled as polars_enabled
from enforcement_core.tables._polars_engine import read_csv_sheet
from enforcement_core.tables._problems import _unique
from enforcement_core.tables._read import (
    Given,
    _name,
    for_people,
    infer_body_and_year,
    ledger_of_sheets,
    read_objects,
)
from enforcement_core.tables._sheet_columns import ByObjects, column_layout
from enforcement_core.tables._text import TextSheet
from enforcement_core.tables._typed_sheets import (
    field_of,
    national_bodies,
    record_years,
    typed_sheet,
)
from enforcement_core.tables.columnar import (
    ColumnarLedger,
    _to_encode,
    split_workbook,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from enforcement_core.body import EnforcementBody
    from enforcement_core.report import AnnualReport
    from enforcement_core.tables._problems import TableProblem

__all__ = ["load_document", "read_ledger"]

Source = str | os.PathLike[str] | IO[bytes]

#: The kinds of file the column road reads: one sheet each.
_ONE_SHEET: Final = frozenset({"csv", "parquet"})
#: The smallest CSV file the column road reads, in bytes. Importing pyarrow and numpy
#: costs about 0.13 s of CPU, which the object reading of a CSV under about 10,000 rows
#: does not (220 rows: 0.015 s by objects, 0.13 s by columns); a Parquet file needs
#: pyarrow either way.
COLUMN_ROAD_FROM: int = 1 << 20
#: The smallest workbook whose sheets of penalty cases and licence applications the
#: column road reads (each other sheet by objects): under it, importing pyarrow and
#: numpy costs about what the engine saves.
WORKBOOK_COLUMN_ROAD_FROM: int = 1 << 20
#: The sheets the object reading takes by their name, whatever their headers: not records.
_BY_NAME: Final = ("sheet_about", "sheet_units", "sheet_text")


def read_ledger(
    source: Source,
    *,
    body: EnforcementBody | None = None,
    year: int | None = None,
    sheet: str | None = None,
    mapping: Mapping[str, str | tuple[str, str]] | None = None,
) -> Ledger:
    r"""Read a ledger from an Excel workbook, a CSV or Parquet file, or a JSON document.

    Two kinds of table are read. The library's own layout (docs/ledgers.md) has
    one sheet per kind of record, Chinese headers and labels, and an about sheet
    (基本信息) for the body and the year; a CSV or Parquet file is one of its
    sheets, found by its name or its headers. The national 双公示 tables of
    penalties and licences are recognised by their headers.

    A Parquet file, or a CSV file of a megabyte or more, of penalty cases or licence
    applications is checked column by column, and its records are built into objects
    when first asked for (iterating, indexing, comparing, serialising); ``len`` and
    :func:`~enforcement_core.summarize` do not build them.

    Args:
        source: A path, or a binary file object.
        body: The body whose ledger it is; from the about sheet, or the body a
            national table names, when not given.
        year: The year the ledger covers; from the about sheet, or the year of
            every record, when not given.
        sheet: Read only this sheet of a workbook (its name).
        mapping: Headers of the file and the column each stands for, for a table
            whose headers differ (``{"案件号": "id"}``; the keys of docs/ledgers.md).

    Returns:
        The ledger, every record checked as the model checks it.

    Raises:
        LoadError: Every problem of the file at once, each a :class:`TableProblem`
            with its sheet, row (the header is row 1), column header and value.
        MissingExtraError: The ``tables`` extra is not installed.

    Examples:
        >>> import io
        >>> table = (
        ...     "行政相对人名称,行政相对人类别,行政处罚决定书文号,处罚类别,罚款金额（万元）,处罚决定日期,处罚机关\n"
        ...     "某某建材厂,法人及非法人组织,古路罚〔2023〕1号,罚款,0.68,2023-05-02,重庆市渝北区古路镇人民政府\n"
        ... )
        >>> ledger = read_ledger(io.BytesIO(table.encode("gb18030")))
        >>> ledger.body.level, ledger.year, ledger.penalty_cases[0].fine
        (<BodyLevel.TOWN: 'town'>, 2023, Decimal('6800'))
    """
    source = materialized(source)
    if sheet is None:
        start = None if isinstance(source, str | os.PathLike) else source.tell()
        ledger = _by_columns(source, body, year, mapping)
        if ledger is not None:
            return ledger
        if start is not None and not isinstance(source, str | os.PathLike):
            source.seek(start)
    return read_objects(source, body=body, year=year, sheet=sheet, mapping=mapping)


def _by_columns(
    source: Source,
    body: EnforcementBody | None,
    year: int | None,
    mapping: Mapping[str, str | tuple[str, str]] | None,
) -> Ledger | None:
    """The ledger of a file by the column engine; ``None`` when it does not read it.

    A one-sheet file of a grouped kind; a workbook of :data:`WORKBOOK_COLUMN_ROAD_FROM`
    bytes or more, each sheet the engine does not read read by objects (once).
    ``None`` also for a CSV file under :data:`COLUMN_ROAD_FROM` bytes, and for a file
    whose problems only the object reading can order (:func:`_as_read`). The
    problems the engine can order are raised as the object reading's LoadError.
    """
    name = _name(source)
    kind = kind_of(source, name or None)
    if kind == "xlsx" and _size(source) >= WORKBOOK_COLUMN_ROAD_FROM:
        return _workbook_by_columns(source, name, body, year, mapping)
    if kind not in _ONE_SHEET or (kind == "csv" and _size(source) < COLUMN_ROAD_FROM):
        return None
    stem = Path(name).stem if name else "table"
    if normal(stem) in {normal(term) for term in _sheet_names()} or for_people(stem):
        return None
    if kind == "csv" and year is not None and polars_enabled():
        at = None if isinstance(source, str | os.PathLike) else source.tell()
        on_polars = _on_polars(source, (name, stem), (body, year), mapping)
        if isinstance(on_polars, LoadError):
            raise on_polars
        if on_polars is not None:
            return on_polars
        if at is not None and not isinstance(source, str | os.PathLike):
            source.seek(at)
    try:
        with engine_memory():
            checked = _checked(source, stem, (body, year), mapping)
    except (LoadError, MissingExtraError):
        # Bytes that do not read (or no pyarrow): the object reading says what it says.
        return None
    if isinstance(checked, LoadError):
        # The object reading's problems, in its order, without reading the file again by
        # objects (a million rows with one bad cell took 28 s of CPU so; 1.1 s now).
        raise checked
    return checked


def _workbook_by_columns(
    source: Source,
    name: str,
    body: EnforcementBody | None,
    year: int | None,
    mapping: Mapping[str, str | tuple[str, str]] | None,
) -> Ledger | None:
    """The ledger of a workbook, its big sheets by the column engine.

    At a problem, the object reading of the sheets as read names every one (it raises
    the object reading's LoadError), without reading the workbook again: a clerk
    correcting a big workbook pays for the engine's checks, not for a second read.
    ``None`` when the engine cannot read the workbook: the object reading then does.
    """
    from enforcement_core._fast_json import collector_paused  # noqa: PLC0415

    stem = Path(name).stem if name else "table"
    shown = Path(name).name if name else "table"
    # The rows kept for the object reading are millions of objects and no cycle: the
    # collector, walking them at each of its collections while they lived, took 0.2 s of
    # a 200,000-row workbook's read. It stays off until they are let go.
    with collector_paused():
        try:
            with engine_memory():
                split = split_workbook(source, stem, shown, mapping, (body, year), keep=True)
        except (LoadError, MissingExtraError, ByObjects):
            return None
        if split.rest is not None and not split.problems:
            rest, tables = split.rest, split.tables
            del split
            return ColumnarLedger(rest.body, rest.year, tables, rest).to_ledger()
        sheets = split.sheets
        del split
    if sheets is None:  # pragma: no cover  (keep=True keeps them)
        return None
    return ledger_of_sheets(sheets, shown, body=body, year=year, mapping=mapping)


def _size(source: Source) -> int:
    """The bytes of a file, by its path or its object (which stays where it was)."""
    if isinstance(source, str | os.PathLike):
        try:
            return Path(source).stat().st_size
        except OSError:
            return 0  # not a file: the object reading says why
    position = source.tell()
    end = source.seek(0, os.SEEK_END)
    source.seek(position)
    return end - position


def _sheet_names() -> list[str]:
    from enforcement_core.labels import term  # noqa: PLC0415

    return [term(key, locale) for key in _BY_NAME for locale in ("zh_CN", "en")]


def _checked(  # noqa: PLR0911  (each way a file leaves the column road)
    source: Source,
    stem: str,
    given: tuple[EnforcementBody | None, int | None],
    mapping: Mapping[str, str | tuple[str, str]] | None,
) -> Ledger | LoadError | None:
    """The ledger of a one-sheet file by the column engine, or the problems the object reading gives.

    ``None`` when the engine does not read the file, or when the object reading
    alone can say its problems in their order (:func:`_as_read`).
    """
    name = _name(source)
    kind = kind_of(source, name or None)
    try:
        arrow = _arrow_sheets(source, kind, stem, mapping, _to_encode(stem, mapping), typed=True)
    except ByObjects:
        return None
    if len(arrow) != 1:
        return None
    ((sheet_name, table),) = arrow
    layout = column_layout(sheet_name, list(table.column_names), mapping, single=True)
    if layout is None or field_of(layout) not in GROUPED:
        return None
    problems: list[TableProblem] = []
    again: list[TableProblem] = []
    cells: dict[str, Any] = {}
    done = typed_sheet(
        sheet_name, table, layout, mapping, problems, {}, remember=False, cells=cells, again=again
    )
    if done is None:
        return None
    (checked, unknown), field, record = done, field_of(layout), layout.record
    # The typed table is made only when the year must be read off it, or the records or
    # the table are asked for: a summary counts the codes the checks made.
    typed = functools.cache(functools.partial(_made, checked.make))
    bodies = national_bodies(cells)
    said = _as_read(problems)
    if said is None:
        return None
    said += again
    shown = Path(name).name if name else "table"
    body, year = infer_body_and_year(
        *given, Given({}, bodies, lambda: record_years(field, typed()), None), shown, said
    )
    if said:
        return LoadError(said, source=shown)
    if body is None or year is None:  # pragma: no cover  (infer_body_and_year then says why)
        return None
    counter = functools.partial(checked.figures, field, year)
    records = _lazy(typed, (field, record), int(checked.keep.sum()), (counter, year))
    return _ledger_of(body, year, field, records, unknown)


def _on_polars(
    source: Source,
    names: tuple[str, str],
    given: tuple[EnforcementBody | None, int],
    mapping: Mapping[str, str | tuple[str, str]] | None,
) -> Ledger | LoadError | None:
    """The ledger of a CSV of the library's layout by the polars engine (``year`` given).

    ``None`` when the engine leaves the file to the Arrow engine, or finds problems:
    the Arrow engine's reading says them in the object reading's order (``_checked``).
    Neither pyarrow nor numpy is imported until the records or their table are asked for.
    """
    name, stem = names
    body, year = given
    shown = Path(name).name if name else "table"
    try:
        read = read_csv_sheet(source, (shown, stem), mapping, year)
    except LoadError:
        return None
    if read is None:
        return None
    rows, counter, unknown = read
    typed = functools.cache(functools.partial(_made, rows.typed_table))
    said: list[TableProblem] = []
    years = Given({}, {}, lambda: record_years(rows.field, typed()), None)
    found_body, found_year = infer_body_and_year(body, year, years, shown, said)
    if said:
        return LoadError(said, source=shown)
    if found_body is None or found_year != year:  # pragma: no cover  (said, above)
        return None
    records = _lazy(typed, (rows.field, rows.record), int(rows.kept.sum()), (counter, year))
    return _ledger_of(found_body, year, rows.field, records, unknown)


def _lazy(
    typed: Callable[[], Any],
    kind: tuple[str, type],
    rows: int,
    counted: tuple[Callable[[], Any], int],
) -> Any:
    """A ledger field's records, as the table ``typed`` makes, counted by ``counted`` (of a year)."""
    field, record = kind
    if not rows:
        return ()
    build = functools.partial(_records, field)
    return LazyRecords.of(typed, record, build, rows=rows, counted=_counts_of(field, *counted))


def _ledger_of(
    body: EnforcementBody, year: int, field: str, records: Any, unknown: Iterable[str]
) -> Ledger:
    """The ledger of one sheet's records: ``field``'s, the figures ``unknown`` left unknown."""
    return Ledger(
        body=body,
        year=year,
        published_on=None,
        units={},
        narrative=TextSheet().narrative(year),
        **dict[str, Any]({field: records}),
        unknown=tuple(dict.fromkeys(unknown)),
    )


def _made(make: Callable[[], Any]) -> Any:
    """A typed table made in the engine's memory, as the reading's own tables are."""
    with engine_memory():
        return make()


def _counts_of(
    field: str, counter: Callable[[], Any], year: int
) -> Callable[[Any, dt.date, dt.date], tuple[bool, Any]]:
    """What a ledger's lazy records say of their figures: the year's, as ``counter`` counts them as read."""
    kind = GROUPED[field][0]
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    figures = functools.cache(counter)

    def counts(asked: Any, start: dt.date, end: dt.date) -> tuple[bool, Any]:
        if asked is kind and (start, end) == (year_start, year_end):
            return True, figures()
        return False, None

    return counts


def _as_read(problems: list[TableProblem]) -> list[TableProblem] | None:
    """The rows' problems in the order the object reading says them; ``None`` if it cannot be told.

    The object reading goes row by row; the engine column by column, then by rule.
    A row with one problem is in its place by its number alone; of a row with two,
    the order is the object reading's own (its cells, then its record's checks), which
    only it gives. A problem of no row (the header's) is left to it too.
    """
    ordered = _unique(problems)
    rows = [problem.row for problem in ordered]
    if None in rows or len(set(rows)) < len(rows):
        return None
    return ordered


def load_document(path: str | os.PathLike[str]) -> AnnualReport | Ledger:
    """A report or a ledger from a file: a JSON document, or a ledger's table.

    What the command line reads wherever it takes a report or a ledger.
    """
    source = materialized(path)
    if kind_of(source, str(path)) == "json":
        return load_json(
            source.read() if not isinstance(source, str | os.PathLike) else Path(source)
        )
    return read_ledger(source)
