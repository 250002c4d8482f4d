"""A checked sheet's figures counted from its columns' codes; its typed table made when asked for.

The Arrow engine checks a sheet column by column (``_columns._checked_layout``, a
national table's ``_publicity_columns._checked``): each field is its distinct values
and each row's code among them. The year's figures of penalty cases and licence
applications are counted from those codes, through the one definition of the figures
(``PenaltyFigures._from_columns``, ``LicensingFigures._from_columns``) over
:class:`~enforcement_core._tallies.WeightedColumns`: the kept rows grouped by the codes
of every field the figures read (asked of them, :func:`~enforcement_core._tallies.fields_read`),
each group's value once, its amounts summed in fen. The typed Arrow table is made of the
same codes only when the ledger's ``tables`` are asked for: a summary needs none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

from enforcement_core._tallies import WeightedColumns, exact_sums, field_default, fields_read
from enforcement_core.figures import LicensingFigures, PenaltyFigures
from enforcement_core.tables._arrow_files import _Amounts
from enforcement_core.tables._arrow_records import _bare

__all__ = ["GROUPED", "Checked", "counted"]


@attrs.frozen
class Checked:
    """A sheet checked: the typed table of its kept rows when asked for, the fields it was made of."""

    #: Makes the typed table (the Arrow engine's builder, over the same codes).
    make: Callable[[], Any]
    #: The record's class.
    record: type
    #: The record's fields the sheet gives, by name: each with ``distinct`` values and
    #: each row's ``codes`` among them (a column as read, a national table's field).
    fields: Mapping[str, Any]
    #: Which rows pass every check (numpy booleans).
    keep: Any

    def figures(self, field: str, year: int) -> Any:
        """The year's figures of the kept rows of the ledger's ``field``, counted from the codes."""
        kind, dated = GROUPED[field]
        return counted(kind, self.record, self.fields, self.keep, (dated, year))


#: The kinds of record counted from their codes: their figures, and the date that puts a record in a year.
GROUPED: Final[dict[str, tuple[Any, str]]] = {
    "penalty_cases": (PenaltyFigures, "decided_on"),
    "licence_applications": (LicensingFigures, "applied_on"),
}


def counted(
    kind: Any,
    record: type,
    fields: Mapping[str, Any],
    keep: Any,
    when: tuple[str, int],
) -> Any:
    """``kind``'s figures of the ``keep`` rows, their ``record`` fields as :attr:`Checked.fields`.

    ``when`` is the field that places a record in its year (``"decided_on"``) and the
    year. A field the figures read and the sheet lacks reads as the record's default,
    as it does over a typed table without its column. A field of money is summed in
    fen, never grouped by.
    """
    import typing  # noqa: PLC0415

    import numpy as np  # noqa: PLC0415

    hints = typing.get_type_hints(record)
    amounts = {name for name in fields if _bare(hints[name]) is Decimal}

    dated, year = when
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    asked = fields_read(kind, start, end)
    rows = len(keep)
    keys, radix, telling = [], [], []
    if dated in fields:
        date = fields[dated]
        inside = np.fromiter(
            (v is not None and start <= v <= end for v in date.distinct), bool, len(date.distinct)
        )
        keys.append(inside[date.codes].astype(np.int64))
    else:
        keys.append(np.zeros(rows, dtype=np.int64))  # no date: no row of the year
    radix.append(2)
    for name in sorted(asked - {dated}):
        field = fields.get(name)
        if field is None or name in amounts:
            continue
        keys.append(field.codes)
        radix.append(len(field.distinct))
        telling.append(name)
    first, group_of = _grouped(_signatures(keys, radix, rows), keep)
    groups = len(first)
    kept = np.flatnonzero(keep)
    inverse = group_of[kept]
    values: dict[str, list[Any]] = {}
    for attribute in attrs.fields(record):
        name, default = attribute.name, field_default(record, attribute.name)
        if name in telling:
            field = fields[name]
            at = [field.distinct[int(code)] for code in field.codes[first].tolist()]
            values[name] = [default if v is None else v for v in at]
        elif name not in fields:
            values[name] = [default] * groups  # not in the sheet
    fen = {
        name: exact_sums(inverse, _fen(field)[field.codes[kept]], groups)
        for name, field in fields.items()
        if name in amounts and name in asked
    }
    weights = np.bincount(inverse, minlength=groups).tolist()
    within = [bool(k) for k in keys[0][first].tolist()]
    columns = WeightedColumns(values, weights, fen, (dated, start, end), within)
    return kind._from_columns(columns, start, end)  # noqa: SLF001  (the one definition of the figures)


def _signatures(keys: list[Any], radix: list[int], rows: int) -> Any:
    """One number per row for its combination of ``keys``."""
    import numpy as np  # noqa: PLC0415

    signature = np.zeros(rows, dtype=np.int64)
    # One array of products, reused: a million-row table has a column a key, and fresh
    # memory (first touched, zeroed by the kernel) costs more than the arithmetic.
    term = np.empty(rows, dtype=np.int64)
    scale = 1
    for key, base in zip(keys, radix, strict=True):
        if scale * base >= 2**62:
            # Too many combinations for one number: number the distinct rows instead.
            _, signature = np.unique(
                np.stack([signature, key], axis=1), axis=0, return_inverse=True
            )
            signature = signature.reshape(-1).astype(np.int64)
            scale = int(signature.max(initial=0)) + 1
        np.multiply(key, np.int64(scale), out=term, casting="unsafe")
        signature += term
        scale *= base
    return signature


def _grouped(signature: Any, rows: Any) -> tuple[Any, Any]:
    """The groups of equal signatures among ``rows``: each group's first row, each row's group.

    A row outside ``rows`` is in group ``-1``. Signatures of a few values a row
    (combinations of vocabulary) are counted, not sorted.
    """
    import numpy as np  # noqa: PLC0415

    every = bool(rows.all())
    # Every row kept (the usual table): the signatures are the keys, not copied.
    positions = np.arange(len(signature)) if every else np.flatnonzero(rows)
    if not len(positions):
        return np.zeros(0, dtype=np.int64), np.full(len(signature), -1, dtype=np.int64)
    keys = signature if every else signature[positions]
    top = int(keys.max())
    if int(keys.min()) >= 0 and top < 4 * len(keys) + 4096:
        rank = np.cumsum(np.bincount(keys, minlength=top + 1) > 0, dtype=np.int32) - 1
        inverse = rank[keys]
    else:
        inverse = np.unique(keys, return_inverse=True)[1].reshape(-1)
    first = np.full(int(inverse.max()) + 1, len(signature), dtype=np.int64)
    np.minimum.at(first, inverse, positions)
    if every:
        return first, inverse
    group_of = np.full(len(signature), -1, dtype=np.int64)
    group_of[positions] = inverse
    return first, group_of


def _fen(field: Any) -> Any:
    """Each distinct amount in fen (numpy ``int64``); 0 for none, or for one no kept row gives.

    A kept row's amount passed the money check: at most two places, within ``int64``'s fen.
    """
    import numpy as np  # noqa: PLC0415

    distinct = field.distinct
    if isinstance(distinct, _Amounts):
        fen, known = distinct.fens()
        return np.where(known, fen, 0)
    fen = np.zeros(len(distinct), dtype=np.int64)
    used = np.bincount(field.codes, minlength=len(distinct)) > 0
    for position in np.flatnonzero(used).tolist():
        value = distinct[position]
        if isinstance(value, Decimal) and value.is_finite() and abs(value) < _LARGEST:
            fen[position] = int(value * 100)
    return fen


#: Above this (in yuan) an amount's fen is beyond ``int64``: the money check refuses it first.
_LARGEST = Decimal(2**63) / 100
