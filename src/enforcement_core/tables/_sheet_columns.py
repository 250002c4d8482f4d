"""A sheet's rows as Arrow columns of text, for the column engine: the cells as they show.

A workbook's cells come typed (numbers, dates, yes and no, text); the engine reads
text. Each cell becomes the text it shows (:func:`_cell`), and a sheet's table holds
its rows in their spreadsheet numbers (:func:`_numbered_table`). Where a typed cell's
text would read otherwise than the cell itself, the sheet is left to the object path
(:class:`ByObjects`), whose reading is the reference.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from enforcement_core._arrow import dictionary, strings
from enforcement_core._extras import require
from enforcement_core.tables._cells import identifier_key
from enforcement_core.tables._files import RawSheet
from enforcement_core.tables._publicity import PublishedLayout, recognise

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from enforcement_core.tables._layout import Column, Sheet


def _pa() -> Any:
    return require("pyarrow", "tables", "Columnar ledgers")


class ByObjects(Exception):  # noqa: N818  (not an error: a road to take)
    """A workbook's sheet holds a typed cell the column engine would read otherwise: read it by objects.

    The engine reads text. A number, date or yes/no cell becomes the text it shows,
    which the column's reader reads as it reads the cell itself in most cells (6800.0
    as 6800, a date at midnight as its day), but not in all: a date in a column of
    text is refused by the object path and would be a text here, a float of 1e-07 is
    ``1E-7`` to the object path and ``'1e-07'``, refused otherwise, as text.
    """


def column_layout(
    name: str,
    header: list[str],
    mapping: Mapping[str, str | tuple[str, str]] | None,
    *,
    single: bool,
) -> PublishedLayout | Sheet | None:
    """The layout by which the column engine reads a sheet; ``None``: the sheet is read by objects.

    A national table's, or a sheet of the library's own layout that stands alone (no
    parent, no sub-records). ``single``: the sheet is the file's only one, found by its
    headers when its name says nothing.
    """
    from enforcement_core.tables._layout import sheets, stands_alone  # noqa: PLC0415
    from enforcement_core.tables._read import _match  # noqa: PLC0415

    published = recognise(header, mapping)
    if published is not None:
        return published
    matched = _match(RawSheet(name, header, []), sheets(), single, mapping)
    return matched if matched is not None and stands_alone(matched) else None


def _columns_read(
    sheet: RawSheet, mapping: Mapping[str, str | tuple[str, str]] | None, *, single: bool
) -> dict[int, Column]:
    """The columns of ``sheet`` the column engine reads, by position (none for a sheet it does not)."""
    from enforcement_core.tables._layout import match_columns  # noqa: PLC0415

    header = text_header(sheet)
    layout = column_layout(sheet.name, header, mapping, single=single)
    if layout is None:
        return {}
    ignored = layout.ignored() if isinstance(layout, PublishedLayout) else frozenset()
    return match_columns(sheet.name, header, layout.columns, mapping, [], ignored=ignored)


def text_header(sheet: RawSheet) -> list[str]:
    """A sheet's header as the column engine names its columns: a blank cell as ``""``."""
    return ["" if h is None else str(h) for h in sheet.header]


def _read_alike(column: Column, cells: Any) -> bool:
    """Whether each typed cell of ``cells`` reads as the text it becomes reads, in ``column``.

    Alike only when both read, to the same value (of the same type and the same digits):
    a cell refused either way is left to the object path, whose refusal is the
    reference (its wording, and the cell's value as the problem's).
    """
    from enforcement_core.tables._layout import _parsed  # noqa: PLC0415

    for value in cells:
        shown = _cell(value)
        if column.key == "id" and identifier_key(value) != shown:
            # Identifiers given twice are found by the key the object path compares
            # (_read.repeated_ids): here, by the text the cell becomes.
            return False
        try:
            typed, text = _parsed(column, value), _parsed(column, shown)
        except Exception:  # noqa: BLE001  (whatever a reader raises, the object path meets it too)
            return False
        if type(typed) is not type(text) or typed != text or repr(typed) != repr(text):
            return False
    return True


def _numbered_table(
    sheet: RawSheet,
    columns: Mapping[int, Column] | None = None,
    encoded: frozenset[int] = frozenset(),
) -> Any:
    """A sheet as an Arrow table of text, its row ``i`` the spreadsheet's row ``i + 2``.

    Rows above the header (a title above a published table's header, taken off by
    :func:`~enforcement_core.tables._publicity.below_title`) are blank rows, read past,
    so every row keeps its number. ``columns``, the columns the engine reads by
    position, are held to their typed cells reading as their text reads. The columns
    ``encoded`` names are dictionary-encoded (``dictionary<int32, string>``), as a
    CSV file's are read: each distinct cell made Arrow text once, and not hashed again.

    Raises:
        ByObjects: A typed cell of one of ``columns`` reads otherwise as text.
    """
    pa = _pa()
    blank = type(None)
    first = sheet.rows[0][0] if sheet.rows else 2
    rows = [[] for _ in range(first - 2)] + [cells for _, cells in sheet.rows]
    width = len(sheet.header)
    # Column by column, a row short of the header padded with empty cells (and one
    # longer cut: its cells beyond the header are refused elsewhere).
    cut = [
        row if len(row) == width else [*row[:width], *[None] * (width - len(row))] for row in rows
    ]
    arrays = []
    for index, cells in enumerate(zip(*cut, strict=True) if cut else [() for _ in range(width)]):
        # Cells as the text they hold: date cells as ISO dates, numbers as their shortest
        # text. A column of text alone (the most) is taken as it is.
        texts: Sequence[Any] = cells
        if not set(map(type, cells)) <= {str, blank}:
            # Each distinct cell once, by its type too (True == 1.0, and reads otherwise).
            keys = list(zip(map(type, cells), cells, strict=True))
            distinct = dict.fromkeys(keys)
            if columns is not None and index in columns:
                typed = [cell for kind, cell in distinct if kind not in {str, blank}]
                # 0.0 and -0.0 are one key, and two cells to a reader that writes the sign.
                typed += [-cell for cell in typed if type(cell) is float and cell == 0]
                if not _read_alike(columns[index], typed):
                    raise ByObjects(sheet.name)
            text_of = {key: _cell(key[1]) for key in distinct}
            texts = list(map(text_of.__getitem__, keys))
        # Arrow made from the texts' bytes: pa.array would import pandas (0.3 s, ~40 MiB).
        arrays.append(_dictionary(texts) if index in encoded else strings(texts))
    # By position, not by a dict: a header given twice keeps both columns, to be refused.
    headers = ["" if h is None else str(h) for h in sheet.header]
    return pa.Table.from_arrays(arrays, names=headers)


def _dictionary(texts: Sequence[str | None]) -> Any:
    """Texts (None for a null) as an Arrow ``dictionary<int32, string>``, each distinct text once."""
    import numpy as np  # noqa: PLC0415  (pyarrow's own dependency)

    values = [text for text in dict.fromkeys(texts) if text is not None]
    position: dict[str | None, int] = dict(zip(values, range(len(values)), strict=True))
    position[None] = -1
    return dictionary(
        np.fromiter(map(position.__getitem__, texts), np.int32, count=len(texts)), values
    )


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
