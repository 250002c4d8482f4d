"""Where in a workbook a ledger's record is: its sheet, its row, its column header.

The audit names a ledger's record by its place in the ledger
(``inspections[4].officers[1]``); a clerk looks for it in the workbook, on the
sheet 行政检查, row 6, column 执法人员编号. The records of a sheet are its rows in
order, less the blank rows and the examples, as :func:`read_ledger` reads them
(a ledger read from a workbook had no row refused, or it would not exist).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from enforcement_core.tables._cells import blank
from enforcement_core.tables._files import kind_of, read_sheets
from enforcement_core.tables._layout import EXAMPLE_PREFIX, Sheet, match_columns, sheets
from enforcement_core.tables._publicity import below_title, recognise
from enforcement_core.tables._read import _match, for_people

if TYPE_CHECKING:
    import os
    from collections.abc import Callable

    from enforcement_core.ledger import Ledger
    from enforcement_core.tables._files import RawSheet
    from enforcement_core.tables._problems import TableProblem

__all__ = ["locate"]

_STEP = re.compile(r"([a-z_]+)\[(\d+)\]")


def _rows(raw: RawSheet, sheet: Sheet) -> list[tuple[int, str | None]]:
    """The row of each record of the sheet, with the identifier of its parent record."""
    problems: list[TableProblem] = []
    found = match_columns(raw.name, raw.header, sheet.columns, None, problems)
    marks = [i for i, c in found.items() if c.key in ("id", "parent")]
    parent = next((i for i, c in found.items() if c.key == "parent"), None)
    rows = []
    for number, cells in raw.rows:
        if all(blank(cell) for cell in cells):
            continue
        if any(
            isinstance(cells[i], str) and cells[i].strip().startswith(EXAMPLE_PREFIX)
            for i in marks
            if i < len(cells)
        ):
            continue
        owner = None if parent is None or parent >= len(cells) else str(cells[parent]).strip()
        rows.append((number, owner))
    return rows


def locate(  # noqa: C901  (a record, its child record, its column: one walk down the path)
    source: str | os.PathLike[str], ledger: Ledger
) -> Callable[[str], str | None]:
    """A function saying where a record path of ``ledger`` is in ``source``, in Chinese.

    ``"inspections[4].officers[1]"`` becomes ``"行政检查 第6行 执法人员编号（第2项）"``;
    a path it cannot place (a figure's, or the ledger read from a JSON document or a
    national table) gives ``None``.
    """
    if kind_of(source, str(source)) == "json":
        return lambda path: None  # noqa: ARG005  (no sheet to point at)
    raws = read_sheets(
        source, kind_of(source, str(source)), Path(source).stem, below_title, for_people=for_people
    )
    layout = sheets()
    placed: dict[str, tuple[Sheet, RawSheet, list[tuple[int, str | None]]]] = {}
    national = False
    for raw in raws:
        if recognise(raw.header) is not None:
            national = True
            continue
        matched = _match(raw, layout, len(raws) == 1, None)
        if matched is not None and matched.key not in placed:
            placed[matched.key] = (matched, raw, _rows(raw, matched))

    def where(path: str) -> str | None:
        steps = path.split(".")
        first = _STEP.fullmatch(steps[0])
        if first is None or first[1] not in placed:
            return None
        group, index = first[1], int(first[2])
        if national and group in ("penalty_cases", "licence_applications"):
            return None
        sheet, raw, rows = placed[group]
        if index >= len(rows):
            return None
        number, rest = rows[index][0], steps[1:]
        child = _STEP.fullmatch(rest[0]) if rest else None
        if child is not None and child[1] in placed and placed[child[1]][0].parent == group:
            record: Any = getattr(ledger, group)[index]
            sheet, raw, rows = placed[child[1]]
            own = [n for n, owner in rows if owner == record.id]
            if int(child[2]) >= len(own):
                return None
            number, rest = own[int(child[2])], rest[1:]
        said = f"{raw.name} 第{number}行"
        if rest:
            field = _STEP.fullmatch(rest[0])
            key = field[1] if field else rest[0]
            column = next((c for c in sheet.columns if c.key == key), None)
            if column is not None:
                said += f" {column.header()}"
                if field:
                    said += f"（第{int(field[2]) + 1}项）"
        return said

    return where
