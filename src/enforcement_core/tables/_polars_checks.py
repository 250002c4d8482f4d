"""The checks of the polars engine that span rows: between two fields, of a party, identifiers twice.

Each is the Arrow engine's check (``tables._columns``, ``tables._typed_sheets``) made on
the polars engine's columns (:class:`_Col`, here: each row's code among the distinct
values read): decided once per distinct pair of values,
per distinct combination of a party's columns, per identifier met twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from enforcement_core._extras import require
from enforcement_core.errors import InvariantError
from enforcement_core.tables._cells import CellError
from enforcement_core.tables._layout import Column

if TYPE_CHECKING:
    import polars as pl

    from enforcement_core.tables._problems import TableProblem


def _pl() -> Any:
    """polars, or the error that names the ``fast`` extra."""
    return require("polars", "fast", "The column engine on polars")


def _rows(mask: pl.Series) -> list[int]:
    return list(mask.arg_true().to_list())


@attrs.define
class _Col:
    """A column as read: its distinct cells (its categories), each row's code, what each reads as."""

    column: Column
    name: str
    #: Each row's position in ``distinct`` (a polars UInt32 Series); null for an empty cell.
    codes: Any
    distinct: list[str]
    #: By code: the value read; ``None`` for a blank or refused cell.
    value: list[Any]
    #: The codes the reader refused, and why.
    failed: dict[int, CellError]
    #: The codes of cells of white space alone.
    blanks: list[int]
    has_null: bool

    @property
    def has_blank(self) -> bool:
        return self.has_null or bool(self.blanks)

    def blank_mask(self) -> pl.Series:
        mask: pl.Series = self.codes.is_null()
        if self.blanks:
            mask |= self.codes.is_in(self.blanks).fill_null(value=False)
        return mask

    def given_expr(self) -> Any:
        pl = _pl()
        codes = pl.col(self.name).to_physical()
        given: Any = codes.is_not_null()
        if self.blanks:
            given &= ~codes.is_in(self.blanks).fill_null(value=False)
        return given


def between(check: Any, c: _Col, other: _Col, refused: set[int]) -> list[tuple[int, Any, str]]:
    """The rows whose values of ``c`` and ``other`` a check between two fields refuses, and why."""
    from enforcement_core.tables._columns import _Proxy  # noqa: PLC0415

    pl = _pl()
    width = len(other.value)
    pairs = c.codes.cast(pl.Int64) * width + other.codes.cast(pl.Int64)
    valued = [code for code, v in enumerate(c.value) if v is not None]
    valued_other = [code for code, v in enumerate(other.value) if v is not None]
    eligible = c.codes.is_in(valued).fill_null(value=False) & other.codes.is_in(
        valued_other
    ).fill_null(value=False)
    if refused:
        eligible &= ~pl.Series(range(len(pairs))).is_in(sorted(refused))
    reasons: dict[int, str] = {}
    for pair in pairs.filter(eligible).unique().to_list():
        at, limit_at = divmod(pair, width)
        why = check.reason(_Proxy({check.other: other.value[limit_at]}), c.value[at])
        if why is not None:
            reasons[pair] = why
    if not reasons:
        return []
    rows = _rows(eligible & pairs.is_in(list(reasons)))
    return [(row, c.value[c.codes[row]], reasons[pairs[row]]) for row in rows]


def refused_parties(record: type, found: dict[int, Column], cols: dict[int, _Col]) -> set[int]:
    """The rows whose party (a nested object) its class refuses: each distinct one tried once."""
    import typing  # noqa: PLC0415

    from enforcement_core.tables._arrow_records import _bare  # noqa: PLC0415

    pl = _pl()
    by_owner: dict[str, list[_Col]] = {}
    for index, column in found.items():
        if len(column.path) == 2:
            by_owner.setdefault(column.path[0], []).append(cols[index])
    refused: set[int] = set()
    hints = typing.get_type_hints(record)
    for owner, reads in by_owner.items():
        cls = _bare(hints[owner])
        # Each row's combination as one number: its codes in mixed radix, null the last.
        combined = pl.repeat(0, len(reads[0].codes), eager=True, dtype=pl.Int64)
        for c in reads:
            width = len(c.value) + 1
            combined = combined * width + c.codes.cast(pl.Int64).fill_null(len(c.value))
        bad = []
        for combo in combined.unique().to_list():
            kwargs = _party_of(reads, combo)
            if not kwargs:
                continue  # no party given: none to refuse
            try:
                cls(**kwargs)
            except (InvariantError, TypeError):
                bad.append(combo)  # the row's own build says what is wrong
        if bad:
            refused.update(_rows(combined.is_in(bad)))
    return refused


def _party_of(reads: list[_Col], combo: int) -> dict[str, Any]:
    """The fields given of one combination of a party's columns (as ``refused_parties`` numbers it)."""
    kwargs, rest = {}, combo
    for c in reversed(reads):
        rest, code = divmod(rest, len(c.value) + 1)
        if code < len(c.value) and c.value[code] is not None:
            kwargs[c.column.path[1]] = c.value[code]
    return kwargs


def given_twice(ids: pl.Series, sheet_name: str, header: str) -> list[TableProblem]:
    """Each identifier given again after its first row, as ``_read.given_again`` words it."""
    from enforcement_core.tables._read import given_again  # noqa: PLC0415

    given = ids.is_not_null()
    hashes = ids.filter(given).hash()
    # Sorted, an equal hash is next to its equal: no hash table of a million hashes.
    in_order = hashes.sort(multithreaded=False)
    if len(in_order) < 2 or not (in_order.slice(1) == in_order.slice(0, len(in_order) - 1)).any():
        return []
    # Equal hashes: the rows compared by their text, in order (a collision is no problem).
    candidates = given.arg_true().filter(hashes.is_duplicated()).to_list()
    first: dict[str, int] = {}
    again = []
    for row in candidates:
        value = ids[row]
        if value in first:
            again.append(
                given_again((sheet_name, row + 2), header, value, (sheet_name, first[value] + 2))
            )
        else:
            first[value] = row
    return again
