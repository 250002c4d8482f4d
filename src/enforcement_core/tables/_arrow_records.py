"""Records as typed Arrow tables, and back: the columnar ledger's storage.

A kind of record is a table of one typed column per field (a party's fields as
``party.name``, ``party.kind``, ...): dates as ``date32``, money as ``int64`` fen,
vocabulary values as their ``value`` strings dictionary-encoded, tuples as lists of them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any, Final

import attrs

from enforcement_core._arrow import dictionary, from_numpy, strings
from enforcement_core.actions import (
    Party,
    PartyKind,
)
from enforcement_core.tables._arrow_files import _fen, _pa

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

_FEN: Final = Decimal("0.01")


def _converted(  # noqa: PLR0911  (one return per type)
    tp: Any, distinct: list[Any], fen: list[int | None] | None = None
) -> tuple[list[Any], Any]:
    import typing  # noqa: PLC0415

    pa = _pa()
    if typing.get_origin(tp) is tuple:
        lists = [[x.value if isinstance(x, Enum) else x for x in v] if v else [] for v in distinct]
        # Made by _list_column: each row's texts by their dictionary's codes.
        return lists, pa.list_(pa.dictionary(pa.int32(), pa.string()))
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


#: The days from 0001-01-01 (ordinal 1) to 1970-01-01, Arrow's day 0 for ``date32``.
_EPOCH_ORDINAL: Final = dt.date(1970, 1, 1).toordinal()


def _arrow_values(values: list[Any], arrow_type: Any) -> Any:
    """An Arrow array of the values :func:`_converted` gives, of its ``arrow_type``, None null.

    Made from buffers, as ``pyarrow.array`` would make it: converting Python values
    makes pyarrow import pandas (see :mod:`enforcement_core._arrow`).
    """
    import numpy as np  # noqa: PLC0415  (pyarrow's own dependency)

    pa = _pa()
    if arrow_type == pa.string():
        return strings(values)
    missing = np.fromiter((v is None for v in values), bool, count=len(values))
    if arrow_type == pa.bool_():
        data = from_numpy(np.fromiter((bool(v) for v in values), bool, count=len(values)))
    elif arrow_type == pa.int64():
        data = from_numpy(np.fromiter((v or 0 for v in values), np.int64, count=len(values)))
    elif arrow_type == pa.date32():
        days = (0 if v is None else v.toordinal() - _EPOCH_ORDINAL for v in values)
        data = from_numpy(np.fromiter(days, np.int32, count=len(values))).view(pa.date32())
    else:
        raise TypeError(f"no Arrow array of {arrow_type} made here")
    if not missing.any():
        return data
    validity = from_numpy(~missing).buffers()[1]
    return pa.Array.from_buffers(
        arrow_type, len(values), [validity, data.buffers()[1]], null_count=int(missing.sum())
    )


def _bare(tp: Any) -> Any:
    import typing  # noqa: PLC0415
    from types import NoneType, UnionType  # noqa: PLC0415

    if typing.get_origin(tp) in (typing.Union, UnionType):
        return next(a for a in typing.get_args(tp) if a is not NoneType)
    return tp


def _records(field: str, table: Any) -> list[Any]:
    """The records of a typed table, each built (and checked) by its class."""
    from enforcement_core.categories import RECORD_GROUPS  # noqa: PLC0415

    record = next(g.record for g in RECORD_GROUPS if g.field == field)
    fields = {f.name: f for f in attrs.fields(record)}
    import typing  # noqa: PLC0415

    hints = typing.get_type_hints(record)
    data = table.to_pydict()
    rows = table.num_rows
    # Column by column, each field's conversion resolved once: a million values must not
    # each look up their type (that took longer than building the records).
    columns: dict[str, list[Any]] = {}
    for name in fields:
        if name in ("party", "applicant"):
            if f"{name}.name" in data:
                columns[name] = _parties(data, name, rows)
            continue
        if name not in data:
            continue
        back = _back_of(hints[name])
        columns[name] = [None if value is None else back(value) for value in data[name]]
        if (written := data.get(f"{name}{WRITTEN}")) is not None:
            # An amount written otherwise than its fen give it back: as written.
            columns[name] = [
                value if text is None else Decimal(text)
                for value, text in zip(columns[name], written, strict=True)
            ]
    names = list(columns)
    return (
        [
            record(**{n: v for n, v in zip(names, values, strict=True) if v is not None})
            for values in zip(*columns.values(), strict=True)
        ]
        if names
        else [record() for _ in range(rows)]
    )


def _parties(data: dict[str, list[Any]], name: str, rows: int) -> list[Any]:
    """The parties of a table's rows (``None`` where a row names none).

    A sheet may have a party's name column and not its kind's: then it names no party,
    as a row naming one without its kind is refused.
    """
    names, kinds = data[f"{name}.name"], data.get(f"{name}.kind", [None] * rows)
    numbers = [
        (part, data.get(f"{name}.{part}", [None] * rows)) for part in ("id_number", "personal_id")
    ]
    parties: list[Any] = []
    for row in range(rows):
        if names[row] is None:
            parties.append(None)
            continue
        party: dict[str, Any] = {"name": names[row], "kind": PartyKind(kinds[row])}
        for part, values in numbers:
            if values[row] is not None:
                party[part] = values[row]
        parties.append(Party(**party))
    return parties


def _back_of(tp: Any) -> Any:
    """The conversion of a typed column's value back to a field of type ``tp``, resolved once."""
    import typing  # noqa: PLC0415
    from types import NoneType, UnionType  # noqa: PLC0415

    if typing.get_origin(tp) in (typing.Union, UnionType):
        tp = next(a for a in typing.get_args(tp) if a is not NoneType)
    if typing.get_origin(tp) is tuple:
        (item, *_) = typing.get_args(tp)
        each = _back_of(item)
        return lambda value: tuple(map(each, value))
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp
    if tp is Decimal:
        return _money
    return _same


def _money(fen: int) -> Decimal:
    # As the reader of amounts in 万元 gives them: whole yuan without places, else to the fen.
    return (Decimal(fen) * _FEN).quantize(_FEN) if fen % 100 else Decimal(fen // 100)


#: The end of the name of the column that keeps an amount's text where its fen would
#: give it back otherwise (``fine`` in fen, ``fine.written`` "200.00").
WRITTEN: Final = ".written"


def written_otherwise(value: Decimal) -> str | None:
    """``value``'s text when :func:`_money` of its fen writes it otherwise; else ``None``.

    The fen give back whole yuan without places (``200``) and any other amount to the
    fen (``2.10``): ``200.00``, ``2.1``, ``-0`` or ``2E+2`` are written otherwise.

    Examples:
        >>> [written_otherwise(Decimal(text)) for text in ("200", "2.10", "0.05")]
        [None, None, None]
        >>> [written_otherwise(Decimal(text)) for text in ("200.00", "2.1", "-0")]
        ['200.00', '2.1', '-0']
    """
    sign, digits, exponent = value.as_tuple()
    if exponent == 0:
        fen_form = not (sign and digits == (0,))
    else:
        # To the fen, unless its last two places are zeros (whole yuan, written without).
        fen_form = exponent == -2 and digits[-2:] not in ((0, 0), (0,))
    return None if fen_form else str(value)


def _same(value: Any) -> Any:
    return value


def _vocabulary_column(distinct: Sequence[Any], codes: Any) -> Any:
    """Vocabulary values by the rows' codes, as Arrow's dictionary of their ``value`` strings.

    The indices are the codes renumbered: each value once in the dictionary (two
    cells may read as one value), only the values of the rows kept, ``None`` null.
    """
    return _dictionary_column(distinct, codes, _value_of)[0]


#: The most items a column of lists holds: its offsets are int32.
_MOST_ITEMS: Final = 2**31 - 1


def _list_column(lists: Sequence[Sequence[str]], codes: Any) -> Any:
    """The rows' lists of text by their codes into ``lists``: a list of Arrow's dictionary of their texts.

    Each row's items are the indices of its list's texts, found in numpy from each
    list's place: no text copied a row (taking a list of strings did, 0.47 s of a
    province's 10M rows), and a figure counting the items reads their dictionary's
    codes, not texts to hash again. Each text is once in the dictionary.

    Examples:
        >>> import numpy
        >>> column = _list_column([["罚款"], ["警告", "罚款"], []], numpy.array([1, 2, 0, 1]))
        >>> column.to_pylist()
        [['警告', '罚款'], [], ['罚款'], ['警告', '罚款']]
        >>> str(column.type.value_type)
        'dictionary<values=string, indices=int32, ordered=0>'
    """
    import numpy as np  # noqa: PLC0415

    pa = _pa()
    # int32 throughout, as an Arrow list's offsets are: half the temporaries of int64.
    lengths = np.fromiter(map(len, lists), np.int32, len(lists))
    starts = np.zeros(len(lists) + 1, dtype=np.int32)
    np.cumsum(lengths, out=starts[1:])
    texts: dict[str, int] = {}
    items = np.fromiter(
        (texts.setdefault(item, len(texts)) for listed in lists for item in listed),
        np.int32,
        int(starts[-1]),
    )
    # Each row's items: its list's start, then the next ones, as many as the list holds.
    counts = lengths[codes]
    offsets = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    if offsets[-1] > _MOST_ITEMS:
        raise OverflowError(
            f"{int(offsets[-1]):,} items in a column of lists, above {_MOST_ITEMS:,}"
        )
    offsets = offsets.astype(np.int32)
    placed = np.repeat(starts[:-1][codes] - offsets[:-1], counts)
    placed += np.arange(len(placed), dtype=np.int32)
    values = dictionary(items[placed], list(texts))
    del placed
    return pa.ListArray.from_arrays(from_numpy(offsets), values)


def _values_by_codes(values: list[Any], arrow_type: Any, codes: Any) -> Any:
    """The rows' values by their codes into ``values`` (as :func:`_converted` gives them)."""
    if _pa().types.is_list(arrow_type):
        return _list_column(values, codes)
    return _arrow_values(values, arrow_type).take(from_numpy(codes))


def _written_column(distinct: Sequence[Any], codes: Any) -> Any | None:
    """The amounts the fen would give back otherwise, as written, by the rows' codes.

    A typed table holds an amount as its fen, which a record gets back written as the
    reader of 万元 writes it: whole yuan without places, else to the fen. A cell in
    yuan is read as it is written (``200.00``, ``2.1``): those the fen would give back
    otherwise keep their text here (null elsewhere), so that the records built from
    the table are those the object reading makes, to the places. ``None`` when no
    kept row holds one.
    """
    column, present = _dictionary_column(distinct, codes, written_otherwise)
    return column if present else None


def _keep_written(
    columns: dict[str, Any], name: str, tp: Any, distinct: Sequence[Any], codes: Any
) -> None:
    """Put beside the amounts ``name`` (of type ``tp``) their texts their fen would write otherwise."""
    if tp is Decimal and (written := _written_column(distinct, codes)) is not None:
        columns[f"{name}{WRITTEN}"] = written


def _value_of(value: Any) -> str:
    return str(value.value)


def _dictionary_column(
    distinct: Sequence[Any], codes: Any, key: Callable[[Any], str | None]
) -> tuple[Any, bool]:
    """``key`` of the rows' values by their codes, as Arrow's dictionary; whether any is not null.

    The indices are the codes renumbered: each key once in the dictionary (two
    values may have one), only the keys of the rows kept; ``None`` (a value, or its
    key) null.
    """
    import numpy as np  # noqa: PLC0415

    used = np.bincount(codes, minlength=len(distinct)) > 0
    # int32, Arrow's indices as they are: no row-long copy to another width.
    renumbered = np.full(len(distinct), -1, dtype=np.int32)
    values: dict[str, int] = {}
    for position in np.flatnonzero(used).tolist():
        value = distinct[position]
        if value is not None and (keyed := key(value)) is not None:
            renumbered[position] = values.setdefault(keyed, len(values))
    return dictionary(renumbered[codes], list(values)), bool(values)
