"""A sheet the column engine reads, checked into a typed table: the step every table road shares.

:func:`typed_sheet` matches a sheet's header to its layout (a national table's, or a
sheet of the library's own that stands alone: :func:`._sheet_columns.column_layout`),
runs the column engine over its rows (:mod:`._publicity_columns` or :mod:`._columns`)
and finds the identifiers given twice, within the sheet and across the sheets before
it, as the object reading finds them. :func:`national_bodies` and :func:`record_years`
give what the body and year are inferred from. ``read_columnar``, ``read_ledger``'s
column road, a workbook's split (:mod:`.columnar`) and the province (``scale``) use it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Any, Final

from enforcement_core._arrow import contiguous, from_numpy, scalar, strings, to_numpy
from enforcement_core.tables._arrow_files import _Encoded, _encoded, _pa, _pc
from enforcement_core.tables._arrow_records import _records
from enforcement_core.tables._columns import _checked_layout
from enforcement_core.tables._layout import Column, Sheet, match_columns, unknown_without
from enforcement_core.tables._publicity import PublishedLayout
from enforcement_core.tables._publicity_columns import _national
from enforcement_core.tables._publicity_rows import unknown_of

if TYPE_CHECKING:
    from collections.abc import Mapping

    from enforcement_core.tables._counted import Checked
    from enforcement_core.tables._problems import TableProblem
    from enforcement_core.tables._read import Seen

__all__ = ["field_of", "national_bodies", "record_years", "typed_sheet"]


def national_bodies(cells: Mapping[str, Any]) -> dict[str, int]:
    """The bodies a national table names (the object reading's ``Publicity.bodies``).

    Those of the rows whose cells read and whose rules passed, their records refused
    by a check or not, as the object reading finds them before it builds the record.
    """
    import numpy as np  # noqa: PLC0415

    if "body" not in cells:
        return {}
    distinct, codes = cells["body"]
    kept = np.asarray(cells["_named"], dtype=bool)
    # In the order of their first rows that read, as the object reading meets them (the
    # codes number the values from the first row of all, a refused one too).
    used, first = np.unique(np.asarray(codes)[kept], return_index=True)
    order = used[np.argsort(first, kind="stable")].tolist()
    return {distinct[code]: 0 for code in order if distinct[code] is not None}


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
    again: list[TableProblem] | None = None,
) -> tuple[Checked, tuple[str, ...]] | None:
    """A sheet the engine reads, checked (its typed table made when asked for), with the figures its columns leave unknown.

    The sheet's layout is :func:`._sheet_columns.column_layout`'s. ``None`` when its
    header has a problem (added to ``problems``). Its identifiers given again are found
    on the encoding its checks made (not hashed twice). ``cells`` receives a national
    table's columns as read (:func:`._publicity_columns._national`). ``again``, when
    given, receives the identifiers given again instead of ``problems``: the object
    reading says them after every row's own.
    """
    header = list(table.column_names)
    encodings: dict[int, _Encoded] = {}
    if isinstance(layout, PublishedLayout):
        ignored = layout.ignored()
        found = _columns_of(sheet_name, header, layout.columns, mapping, problems, ignored=ignored)
        if found is None:
            return None
        checked = _national(
            sheet_name, table, found, layout, problems, cells=cells, encodings=encodings
        )
        unknown = unknown_of(layout, (column.key for column in found.values()))
    else:
        found = _columns_of(sheet_name, header, layout.columns, mapping, problems)
        if found is None:
            return None
        checked = _checked_layout(
            sheet_name, table, found, layout.record, problems, encodings=encodings
        )
        unknown = unknown_without(layout.record, (column.key for column in found.values()))
    (problems if again is None else again).extend(
        _repeated(
            field_of(layout), sheet_name, table, found, seen, remember=remember, encodings=encodings
        )
    )
    return checked, unknown


def field_of(layout: PublishedLayout | Sheet) -> str:
    """The ledger's field a layout's records go to."""
    return layout.field if isinstance(layout, PublishedLayout) else layout.key
