"""The column check engine on polars: a CSV of penalty cases or licence applications.

:func:`~enforcement_core.tables.read_columnar` reads a one-sheet CSV of the library's
own layout of penalty cases or licence applications here when polars is installed (the
``fast`` extra): every check of
the Arrow engine (``tables._columns``), in its order and its words, with the figures
counted by the same group-by that runs the checks written as methods. Without pyarrow
imported at all: the :class:`~enforcement_core.tables.ColumnarLedger`'s typed tables
are made from what was read, by the Arrow engine's own builder, when first asked for.

1. the header: the sheet found by it, each header matched (a header with a problem
   leaves the file to the Arrow engine, which says the file's own problems first);
2. each column but the identifiers read by polars as a categorical of its own: its
   distinct cells are its categories, and the column's reader (``_layout._parsed``) runs
   once per distinct cell; its refusals are taken to the rows by their codes;
3. blank rows and the template's example rows (编号 starting 示例) passed over;
4. a required column's empty cell;
5. the declared checks of one value, once per distinct value; the identifiers (a value
   a row) held to their check's ``plain_pattern`` in polars, only the others read in
   Python;
6. the declared checks between two fields (a decision not before its application), once
   per distinct pair of values;
7. the checks written as methods: one record built per distinct combination of the
   vocabulary columns' values and of which other columns are given, every row of a
   refused combination built alone; rows refused by a declared check, and rows whose
   party (each distinct combination of a party's columns tried once) its class refuses,
   built alone;
8. identifiers given twice, found through a 64-bit hash of each trimmed identifier, the
   rows of an equal hash then compared by their text;
9. the figures: the year's groups counted by :class:`~enforcement_core._tallies.WeightedColumns`
   through the one definition of the figures (``PenaltyFigures._from_columns``,
   ``LicensingFigures._from_columns``), the groups told apart by the value of every field
   those read (found by asking them, :class:`_Asked`).

Any file this engine does not read the Arrow engine reads (``None`` from
:func:`read_csv_sheet`): above the size limit, not UTF-8, with a quote, a CR not
before LF, a header with a blank or repeated name or another problem, a cell longer
than the limit, a row longer than the header, another layout or kind of record.
``tests/test_polars_engine.py`` holds both engines to the same ledger, tables,
figures and problems on generated files, bad cells and all.
"""

from __future__ import annotations

import csv as std_csv
import datetime as dt
import functools
import io
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

import attrs

from enforcement_core._tallies import WeightedColumns, field_default, fields_read
from enforcement_core._validators import declared_checks
from enforcement_core.errors import LoadError
from enforcement_core.tables._cells import CellError, read_bool, read_yuan
from enforcement_core.tables._counted import GROUPED
from enforcement_core.tables._files import MAX_CELL_CHARS, mapped, read_bytes
from enforcement_core.tables._layout import (
    EXAMPLE_PREFIX,
    Column,
    Sheet,
    _parsed,
    build,
    match_columns,
    unknown_without,
)
from enforcement_core.tables._polars_checks import (
    _Col,
    _pl,
    _rows,
    between,
    given_twice,
    refused_parties,
)
from enforcement_core.tables._problems import TableProblem, _unique
from enforcement_core.tables._reasons import in_chinese
from enforcement_core.tables._sheet_columns import column_layout

if TYPE_CHECKING:
    import mmap
    from collections.abc import Callable, Mapping

    import polars as pl

__all__ = ["Read", "enabled", "read_csv_sheet"]

#: Kinds of declared check whose reason depends on the value alone (as ``_columns``').
_VALUE_ONLY: Final = frozenset(
    {"count", "money", "text", "identifier", "date", "instance_of", "member_of", "one_of"}
    | {"tuple_of", "rule"}
)
#: Plain digits, as ``read_yuan`` reads them: the Decimal of the cell itself.
_PLAIN_YUAN: Final = r"^[0-9]{1,13}(\.[0-9]{1,2})?$"
#: Fen at and above this are beyond int64: the money check refuses such an amount.
_HUGE: Final = Decimal(2**63) / 100
#: A CR not before an LF: a line's end to the Arrow engine and the object path.
_LONE_CR: Final = re.compile(rb"\r(?!\n)")
#: Whether the engine may run (tests turn it off to hold the Arrow engine alone).
_ON: list[bool] = [True]


def enabled() -> bool:
    """Whether :func:`read_csv_sheet` runs: polars installed, and not turned off."""
    import importlib.util  # noqa: PLC0415

    return _ON[0] and importlib.util.find_spec("polars") is not None


class _NotMine(Exception):  # noqa: N818  (a signal to the caller, not an error anyone sees)
    """A file this engine leaves to the Arrow engine."""


@attrs.frozen
class Read:
    """What the engine read of a sheet: enough to make its typed table when it is asked for."""

    #: The ledger's field the sheet's records go to, and their class.
    field: str
    record: type
    #: The columns read, by the record's field (``party.name`` for a party's), in the sheet's
    #: order; ``None`` for the identifiers.
    columns: dict[str, _Col | None]
    #: The identifiers' column, and each row's trimmed identifier.
    id_column: Column
    ids: Any
    #: The rows kept (not blank, not the template's examples): a polars Boolean Series.
    kept: Any

    def typed_table(self) -> Any:
        """The kept rows as the Arrow engine's typed table: made by its builder, from the values read."""
        import numpy as np  # noqa: PLC0415  (pyarrow's own dependency)

        from enforcement_core.tables._columns import _layout_arrow, _Read  # noqa: PLC0415

        pl = _pl()
        own, nested = {}, []
        for field, c in self.columns.items():
            if c is None:
                texts = self.ids.to_arrow(compat_level=pl.CompatLevel.oldest())
                rows = np.arange(len(self.ids), dtype=np.int32)
                own[field] = _Read(self.id_column, rows, [None], texts)
                continue
            # polars' threads number a column's cells in no set order: renumbered in the
            # order the rows first give them, as Arrow's reader numbers them, so that the
            # table is the same whichever way it was read, to its dictionaries' order.
            order = c.codes.unique(maintain_order=True).drop_nulls().to_list()
            seen = set(order)
            order += [code for code in range(len(c.value)) if code not in seen]
            place = [0] * len(order)
            for new, old in enumerate(order):
                place[old] = new
            renumbered = pl.Series(place, dtype=pl.UInt32).gather(c.codes)
            codes = renumbered.fill_null(len(order)).to_numpy().astype(np.int32)
            read = _Read(c.column, codes, [*(c.value[old] for old in order), None])
            if len(c.column.path) == 1:
                own[field] = read
            else:
                nested.append(read)
        return _layout_arrow(self.record, own, nested, self.kept.to_numpy())


def _header(data: bytes | mmap.mmap) -> list[str]:
    """The header of CSV ``data``, read from its first line alone; ``_NotMine`` for one the engine leaves."""
    end = data.find(b"\n")
    try:
        line = bytes(data[:end] if end >= 0 else data[:]).decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise _NotMine from None
    line = line.removesuffix("\r")
    if "\r" in line:
        raise _NotMine  # a CR alone: a line's end to the Arrow engine (see _plain_bytes)
    try:
        header = next(std_csv.reader(io.StringIO(line)), [])
    except std_csv.Error:  # pragma: no cover  (what the csv module refuses in one line)
        raise _NotMine from None
    if not header or any(not h.strip() for h in header) or len(set(header)) != len(header):
        raise _NotMine
    return header


def _plain_bytes(data: bytes | mmap.mmap) -> None:
    """``_NotMine`` unless the whole of ``data`` is free of what polars reads otherwise.

    Run once the header is known to be the engine's (a pass over every byte: a file
    another engine reads is not scanned for nothing).
    """
    # A quoted cell may hold a line end or a comma, which the engine's row numbers and the
    # Arrow engine's reading may take otherwise: read there (a header's quotes too).
    if data.find(b'"') >= 0:
        raise _NotMine
    # A CR alone ends a line to the Arrow engine; polars reads it into a cell, or drops it
    # at a cell's end (``x\r,y`` reads ``x``).
    if data.find(b"\r") >= 0 and _LONE_CR.search(data):
        raise _NotMine


def read_csv_sheet(
    source: str | os.PathLike[str] | IO[bytes],
    names: tuple[str, str],
    mapping: Mapping[str, str | tuple[str, str]] | None,
    year: int,
) -> tuple[Read, Callable[[], Any], tuple[str, ...]] | None:
    """A CSV of penalty cases or licence applications in the library's layout, read and checked.

    Gives what was read, what counts the year's figures (when called) and the figures
    the sheet leaves unknown.

    ``names`` are the file's as shown in problems and its sheet's (its stem). ``None``
    for a file the engine leaves to the Arrow engine (``source`` then read from
    where it was: a file object is seeked back by the caller). A regular file is mapped
    into memory, not read: its checks read the pages polars reads too.

    Raises:
        LoadError: Every problem of the file, as the Arrow engine reports them.
    """
    try:
        if isinstance(source, str | os.PathLike) and Path(source).is_file():
            on_disk = mapped(source)
            if on_disk is None:
                return None  # empty or too large: the Arrow engine refuses it, in its words
            with on_disk:
                return _read(on_disk, Path(source), names, (mapping, year))
        try:
            data = read_bytes(source, names[0])
        except LoadError:
            return None  # the Arrow engine refuses it, in its words
        return _read(data, data, names, (mapping, year))
    except _NotMine:
        return None


def _read(  # noqa: C901, PLR0912, PLR0915  (the steps of the checks, in the Arrow engine's order)
    data: bytes | mmap.mmap,
    parsed: bytes | str | os.PathLike[str],
    names: tuple[str, str],
    given: tuple[Mapping[str, str | tuple[str, str]] | None, int],
) -> tuple[Read, Callable[[], Any], tuple[str, ...]]:
    """The engine's reading of CSV ``data`` (polars reads ``parsed``: the same bytes, or their file)."""
    mapping, year = given
    # The header first, from the first line alone: a file of another layout (a national
    # table) goes to the Arrow engine before any pass over its bytes or polars' import.
    header = _header(data)
    shown, sheet_name = names
    layout = column_layout(sheet_name, header, mapping, single=True)
    if not isinstance(layout, Sheet) or layout.key not in GROUPED:
        raise _NotMine
    problems: list[TableProblem] = []
    found = match_columns(sheet_name, header, layout.columns, mapping, problems)
    if problems:
        # A header's problems come after the file's own (a value under no header) in the
        # Arrow engine's reading, which finds both: it reads the file.
        raise _NotMine
    if len(found) != len(header):
        raise _NotMine  # columns left out
    _plain_bytes(data)
    pl = _pl()
    record = layout.record
    fields = attrs.fields_dict(record)
    kind, dated = GROUPED[layout.key]
    id_index = next(i for i, c in found.items() if c.key == "id")
    id_name = header[id_index]
    categories = {header[i]: pl.Categories.random() for i in found if i != id_index}
    try:
        frame = pl.read_csv(
            parsed,
            infer_schema=False,
            schema_overrides={n: pl.Categorical(c) for n, c in categories.items()},
            raise_if_empty=False,
        )
    except Exception:  # noqa: BLE001  (not UTF-8, a row longer than the header...)
        raise _NotMine from None
    if frame.columns != header:
        raise _NotMine
    rows = frame.height
    ids = frame.get_column(id_name)

    # -- each column's distinct cells read once ------------------------------------------
    cols: dict[int, _Col] = {}
    for index, column in found.items():
        if index == id_index:
            continue
        cols[index] = _column(frame, header[index], column, categories[header[index]])

    # -- the identifiers: plain ones decided in polars, the others in Python ----------------
    if ids.len() and (
        (ids.str.len_bytes().max() or 0) > MAX_CELL_CHARS
        or ids.str.contains("\r", literal=True).any()
    ):
        raise _NotMine  # perhaps a long cell, or a CR alone: as above
    id_column = found[id_index]
    id_checks = [c for c in declared_checks(fields["id"]) if c.kind in _VALUE_ONLY]
    plain_pattern = next((c.plain_pattern for c in id_checks if c.plain_pattern), None)
    if plain_pattern:
        # A cell that matches is its own trimmed text and surely passes.
        plain_ids = ids.str.contains(plain_pattern).fill_null(value=False)
    else:
        plain_ids = pl.repeat(value=False, n=rows, eager=True)
    odd_rows = _rows(~plain_ids)
    odd_read: dict[int, Any] = {}  # row -> trimmed identifier (None: blank)
    for row, cell in zip(odd_rows, ids.gather(odd_rows).to_list() if odd_rows else [], strict=True):
        # read_text takes any text: a blank is None, anything else its trimmed text.
        try:
            odd_read[row] = _parsed(id_column, cell) if cell is not None and cell.strip() else None
        except CellError:  # pragma: no cover  (a reader of identifiers that refuses text)
            raise _NotMine from None  # the Arrow engine says it, in its words
    example = ids.str.starts_with(EXAMPLE_PREFIX).fill_null(value=False) & plain_ids
    example_rows = set(_rows(example)) | {
        r for r, v in odd_read.items() if v is not None and v.startswith(EXAMPLE_PREFIX)
    }
    id_blank_rows = {r for r, v in odd_read.items() if v is None}

    # -- rows passed over: blank in every column, or the template's examples --------------
    skipped: set[int] = set(example_rows)
    if id_blank_rows and all(c.has_blank for c in cols.values()):
        blank_row = pl.repeat(value=True, n=rows, eager=True)
        for c in cols.values():
            blank_row &= c.blank_mask()
        skipped |= set(_rows(blank_row)) & id_blank_rows
    refused: set[int] = set(skipped)

    # -- readers' refusals, by column, then required cells ---------------------------------
    for index, column in found.items():
        if index == id_index or not cols[index].failed:
            continue
        c = cols[index]
        for row in _rows(c.codes.is_in(list(c.failed))):
            if row in skipped:
                continue
            code = c.codes[row]
            error = c.failed[code]
            problems.append(
                TableProblem.at(
                    sheet_name,
                    row + 2,
                    column.header(),
                    c.distinct[code],
                    error.message,
                    error.message_zh,
                )
            )
            refused.add(row)
    for index, column in found.items():
        if not column.required:
            continue
        if index == id_index:
            empty = sorted(id_blank_rows - skipped)
        elif cols[index].has_blank:
            empty = [r for r in _rows(cols[index].blank_mask()) if r not in skipped]
        else:
            continue
        for row in empty:
            problems.append(
                TableProblem.at(
                    sheet_name, row + 2, column.header(), None, "a value is required", "此项必填"
                )
            )
            refused.add(row)

    # -- declared checks of one value, once per distinct value -----------------------------
    invalid: set[int] = set()
    for index, column in found.items():
        if len(column.path) != 1:
            continue  # a party's: its class's checks, below
        for check in declared_checks(fields[column.key]):
            if check.kind not in _VALUE_ONLY:
                continue
            if index == id_index:
                bad = {r: v for r, v in sorted(odd_read.items()) if v is not None}
            else:
                c = cols[index]
                wrong = [
                    code for code, v in enumerate(c.value) if v is not None and _refuses(check, v)
                ]
                bad = {r: c.value[c.codes[r]] for r in _rows(c.codes.is_in(wrong))} if wrong else {}
            for row, value in bad.items():
                if row in refused or not _refuses(check, value):
                    continue
                if check.kind != "tuple_of":  # an item refused: said by the build (officers[1])
                    reason = check.reason(None, value) or ""
                    problems.append(
                        TableProblem.at(
                            sheet_name, row + 2, column.header(), value, reason, in_chinese(reason)
                        )
                    )
                invalid.add(row)

    # -- declared checks between two fields: once per distinct pair of values --------------
    for index, column in found.items():
        if len(column.path) == 1 and index != id_index:
            for check in declared_checks(fields[column.key]):
                if check.kind in ("not_before", "at_most"):
                    named = check.other  # type: ignore[attr-defined]
                    other = next((i for i, c in found.items() if c.path == (named,)), None)
                    if other is not None and other != id_index:
                        refusals = between(check, cols[index], cols[other], refused)
                        for row, value, why in refusals:
                            problems.append(
                                TableProblem.at(
                                    sheet_name,
                                    row + 2,
                                    column.header(),
                                    value,
                                    why,
                                    in_chinese(why),
                                )
                            )
                            invalid.add(row)

    # -- one group-by: the checks written as methods and the year's counts -----------------
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    asked = fields_read(kind, start, end)
    date_index = next(i for i, c in found.items() if c.path == (dated,))
    dates = cols[date_index]
    in_year_codes = [
        code for code, v in enumerate(dates.value) if v is not None and start <= v <= end
    ]
    keys: list[Any] = [
        pl.col(dates.name).to_physical().is_in(in_year_codes).fill_null(value=False).alias("_year")
    ]
    telling: dict[int, str] = {}  # column -> its key's name
    for index, column in found.items():
        if index in (id_index, date_index):
            continue  # the identifier: only an odd row may be blank, and those are refused
        c = cols[index]
        key = f"_k{index}"
        counted = column.path[0] in asked and column.read is not read_yuan
        if column.vocabulary is not None or column.read is read_bool or counted:
            keys.append(pl.col(c.name).to_physical().alias(key))
            telling[index] = key
        elif c.has_blank:
            keys.append(c.given_expr().alias(key))
    aggs = [pl.len().alias("_n"), pl.col("_row").first().alias("_first")]
    amounts: list[Any] = []
    for index, column in found.items():
        if column.read is read_yuan and not column.listed:
            # Each distinct amount's fen, as the reader read it, taken to the rows by their codes.
            c = cols[index]
            # An amount above int64's fen is refused by the money check: its rows are out.
            fen = [None if v is None or abs(v) >= _HUGE else int(v * 100) for v in c.value]
            by_code = pl.Series(f"_fen{index}", fen, dtype=pl.Int128)
            most = max((abs(f) for f in fen if f is not None), default=0)
            # Summed in int64 where no sum of the rows can overflow it, else in int128.
            wide = by_code.gather(c.codes)
            amounts.append(wide.cast(pl.Int64) if most * max(rows, 1) < 2**63 else wide)
            aggs.append(pl.col(f"_fen{index}").sum().alias(f"_fen{index}"))
    base = frame.with_columns(amounts).lazy().with_row_index("_row")
    kept_out = refused | invalid
    if kept_out:
        base = base.filter(~pl.col("_row").is_in(sorted(kept_out)))
    groups = base.group_by(keys).agg(aggs).sort("_first").collect()

    # The checks written as methods: one record a group, every row of a refused group alone.
    columns = tuple(found.values())

    def kwargs_of(row: int) -> dict[str, Any]:
        given: dict[str, Any] = {}
        for index, column in found.items():
            if index == id_index:
                value = odd_read[row] if row in odd_read else ids[row]
            else:
                code = cols[index].codes[row]
                value = None if code is None else cols[index].value[code]
            if value is None:
                continue
            if len(column.path) == 1:
                given[column.path[0]] = value
            else:
                given.setdefault(column.path[0], {})[column.path[1]] = value
        return given

    firsts = groups.get_column("_first").to_list()
    refused_groups = [
        first
        for first in firsts
        if build(record, kwargs_of(first), (sheet_name, first + 2), columns, []) is None
    ]
    if refused_groups:
        # Every row of a refused group, found by one more pass over the rows (a group is
        # known by its first row), not by one pass a group.
        members = (
            base.group_by(keys)
            .agg(pl.col("_row").first().alias("_first"), pl.col("_row").alias("_rows"))
            .filter(pl.col("_first").is_in(refused_groups))
            .sort("_first")
            .collect()
        )
        for rows_of_group in members.get_column("_rows").to_list():
            for member in sorted(rows_of_group):
                mine: list[TableProblem] = []
                where = (sheet_name, member + 2)
                if build(record, kwargs_of(member), where, columns, mine) is None:
                    problems.extend(mine)
                    invalid.add(member)
    # Rows refused by a declared check, and rows whose party its class refuses (the groups
    # know a name or a number only as given or not), each built alone.
    alone = invalid | (refused_parties(record, found, cols) - refused)
    for row in sorted(alone - refused):
        mine = []
        if build(record, kwargs_of(row), (sheet_name, row + 2), columns, mine) is None:
            problems.extend(mine)

    # -- identifiers given twice ------------------------------------------------------------
    trimmed = ids
    if odd_read:
        at = list(odd_read)
        trimmed = ids.scatter(at, pl.Series([odd_read[r] for r in at], dtype=pl.String))
    problems.extend(given_twice(trimmed, sheet_name, id_column.header()))
    if problems:
        raise LoadError(_unique(problems), source=shown)

    kept = pl.repeat(value=True, n=rows, eager=True)
    if skipped:
        kept = kept.scatter(sorted(skipped), False)  # noqa: FBT003
    read = Read(
        layout.key,
        record,
        {".".join(c.path): cols.get(i) for i, c in found.items()},
        id_column,
        trimmed,
        kept,
    )
    # Counted when the summary asks: a sum beyond the largest amount is the summary's to refuse.
    counter = functools.partial(
        kind._from_columns,  # noqa: SLF001  (the one definition of the figures)
        _weighted(groups, found, cols, telling, record, (dated, start, end)),
        start,
        end,
    )
    return read, counter, unknown_without(record, (c.key for c in found.values()))


def _refuses(check: Any, value: Any) -> bool:
    return check.reason(None, value) is not None or bool(check.refuses_an_item(value))


def _column(frame: pl.DataFrame, name: str, column: Column, categories: Any) -> _Col:
    """A column's distinct cells read once, each by the column's reader."""
    codes: Any = frame.get_column(name)
    # Each category by its code: its Categories' series (polars 1.43 on); before, the
    # column's own categories (``cat.get_categories``, removed in polars 2.0).
    to_series = getattr(categories, "to_series", None)
    distinct_series = to_series() if to_series is not None else codes.cat.get_categories()
    distinct: list[str] = distinct_series.to_list()
    if any(len(cell) > MAX_CELL_CHARS or "\r" in cell for cell in distinct):
        # A long cell is refused by the Arrow engine, in its words; a CR alone ends a line
        # there (polars ends a line at LF alone, a CR before it left out).
        raise _NotMine
    codes = codes.to_physical()
    value: list[Any] = [None] * len(distinct)
    failed: dict[int, CellError] = {}
    blanks: list[int] = []
    plain = (
        distinct_series.str.contains(_PLAIN_YUAN).to_list()
        if column.read is read_yuan and not column.listed and column.check is None
        else None
    )
    for code, cell in enumerate(distinct):
        if not cell.strip():
            blanks.append(code)
        elif plain is not None and plain[code]:
            value[code] = Decimal(cell)  # what read_yuan reads of plain digits
        else:
            try:
                value[code] = _parsed(column, cell)
            except CellError as refusal:
                failed[code] = refusal
    return _Col(column, name, codes, distinct, value, failed, blanks, codes.null_count() > 0)


def _weighted(  # noqa: PLR0913, PLR0917  (the groups, what the columns read, and the year)
    groups: pl.DataFrame,
    found: dict[int, Column],
    cols: dict[int, _Col],
    telling: dict[int, str],
    record: type,
    dated: tuple[str, dt.date, dt.date],
) -> WeightedColumns:
    """The groups as :class:`WeightedColumns`: each group's values by field, its rows and amounts."""
    values: dict[str, list[Any]] = {}
    for field in attrs.fields(record):
        default = field_default(record, field.name)
        index = next((i for i in telling if found[i].path == (field.name,)), None)
        if index is None:
            if not any(c.path[0] == field.name for c in found.values()):
                values[field.name] = [default] * groups.height  # not in the sheet
            continue
        by_code = cols[index].value
        values[field.name] = [
            default if code is None or by_code[code] is None else by_code[code]
            for code in groups.get_column(telling[index]).to_list()
        ]
    fen = {
        found[int(name.removeprefix("_fen"))].path[0]: [
            int(n or 0) for n in groups.get_column(name).to_list()
        ]
        for name in groups.columns
        if name.startswith("_fen")
    }
    return WeightedColumns(
        values,
        groups.get_column("_n").to_list(),
        fen,
        dated,
        groups.get_column("_year").to_list(),
    )
