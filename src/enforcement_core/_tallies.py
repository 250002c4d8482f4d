"""The few counts that figures are made of, over records or over the columns of a table.

A category's yearly figures (:meth:`PenaltyFigures.from_records
<enforcement_core.figures.PenaltyFigures.from_records>`) are written once, as counts of
the year's rows: how many, how many with a flag set, the sum of an amount, a tally of a
vocabulary, cases and amounts by group. Those counts have two forms here, held to each
other by the properties of ``tests/test_columnar.py``:

- :class:`RecordColumns`, over a tuple of records (the object path), in Python;
- :class:`ArrowColumns`, over a ``pyarrow.Table`` with a column a field, as a
  :class:`~enforcement_core.tables.ColumnarLedger` holds it (money in ``int64`` fen,
  vocabularies as their values, lists for tuples), vectorised with Arrow and numpy.

A column a table does not have holds, in every row, the default of the record's field,
read from the record class: the one declaration of that default.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Final, Protocol, TypeVar

import attrs

from enforcement_core._arrow import contiguous, from_numpy, scalar, to_numpy
from enforcement_core._extras import require
from enforcement_core.errors import InvariantError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from enforcement_core.labels import Vocabulary

V = TypeVar("V", bound="Vocabulary")
_ZERO: Final = Decimal(0)


class Columns(Protocol):
    """The year's rows of one category, as the figures count them."""

    @property
    def rows(self) -> int:
        """How many rows."""
        ...

    def in_year(self, name: str, start: dt.date, end: dt.date) -> Columns:
        """The rows whose date ``name`` is from ``start`` to ``end``."""
        ...

    def count_true(self, name: str) -> int:
        """How many rows have the flag ``name`` set."""
        ...

    def money(self, name: str) -> Decimal:
        """The sum in yuan of the amounts ``name`` that are given (0 if none is)."""
        ...

    def tally(self, name: str, vocabulary: type[V]) -> Counter[V | None]:
        """How many rows hold each value of ``name`` (``None``: no value)."""
        ...

    def tally_lists(self, name: str, vocabulary: type[V]) -> Counter[V | None]:
        """How many rows list each value of ``name`` (a row listing one twice counts once).

        ``None`` counts the rows that list none.
        """
        ...

    def by_group(self, name: str, vocabulary: type[V], amount: str) -> dict[V, tuple[int, Decimal]]:
        """The rows and the sum of the given amounts ``amount`` of each value of ``name``."""
        ...

    def count_rows(self, *, true: str, missing: str) -> int:
        """How many rows have the flag ``true`` set and no value in ``missing``."""
        ...

    def count_up_to(self, name: str, end: dt.date) -> int:
        """How many rows have a date ``name`` on or before ``end``."""
        ...

    def texts(self, name: str) -> set[str]:
        """The distinct texts of ``name``."""
        ...


def field_default(record: type, name: str) -> Any:
    """The default of the field ``name`` of ``record``: what a table without its column holds.

    Examples:
        >>> from enforcement_core.actions import PenaltyCase
        >>> field_default(PenaltyCase, "sanctions"), field_default(PenaltyCase, "fine")
        ((), None)
    """
    default: Any = attrs.fields_dict(record)[name].default
    return default.factory() if isinstance(default, attrs.Factory) else default  # type: ignore[arg-type]


@attrs.frozen
class RecordColumns:
    """:class:`Columns` over records, in Python (each count a pass in C where it can be)."""

    records: tuple[Any, ...]

    @property
    def rows(self) -> int:
        return len(self.records)

    def _values(self, name: str) -> Iterator[Any]:
        return map(attrgetter(name), self.records)

    def in_year(self, name: str, start: dt.date, end: dt.date) -> RecordColumns:
        dates = list(self._values(name))
        if not dates or (start <= min(dates) and max(dates) <= end):
            return self  # every record in the year (the common case): nothing to filter out
        return RecordColumns(
            tuple(r for r, d in zip(self.records, dates, strict=True) if start <= d <= end)
        )

    def count_true(self, name: str) -> int:
        return sum(map(bool, self._values(name)))

    def money(self, name: str) -> Decimal:
        return fewest_places(sum([m for m in self._values(name) if m is not None], _ZERO))

    # A record's values are already the vocabulary's members: ``vocabulary`` is for tables.
    def tally(self, name: str, vocabulary: type[V]) -> Counter[V | None]:  # noqa: ARG002
        return Counter(self._values(name))

    def tally_lists(self, name: str, vocabulary: type[V]) -> Counter[V | None]:  # noqa: ARG002
        # Counted by distinct tuple first (in C), then each tuple's values once.
        counts: Counter[V | None] = Counter()
        for values, n in Counter(self._values(name)).items():
            if values:
                for value in set(values):
                    counts[value] += n
            else:
                counts[None] += n
        return counts

    def by_group(
        self,
        name: str,
        vocabulary: type[V],  # noqa: ARG002
        amount: str,
    ) -> dict[V, tuple[int, Decimal]]:
        cases: Counter[V] = Counter(self._values(name))
        sums: dict[V, Decimal] = dict.fromkeys(cases, _ZERO)
        for key, given in zip(self._values(name), self._values(amount), strict=True):
            if given is not None:
                sums[key] += given
        return {key: (n, fewest_places(sums[key])) for key, n in cases.items()}

    def count_rows(self, *, true: str, missing: str) -> int:
        return sum(
            1
            for flag, value in zip(self._values(true), self._values(missing), strict=True)
            if flag and value is None
        )

    def count_up_to(self, name: str, end: dt.date) -> int:
        return sum(1 for d in self._values(name) if d is not None and d <= end)

    def texts(self, name: str) -> set[str]:
        return set(self._values(name))


@attrs.frozen
class WeightedColumns:
    """:class:`Columns` over groups of rows alike in every value counted: each group's values, once.

    The column engine on polars (:mod:`enforcement_core.tables._polars_engine`) groups
    a table's rows by the values the figures count; the counts here are those of
    :class:`RecordColumns` over the rows, each group's values weighted by its rows.

    ``values`` holds, by field, each group's value (the record's: its default where
    the cell is empty); ``weights`` each group's rows; ``fen`` each group's sum of
    the amounts given, by field, in fen. ``within`` holds whether each group's rows are
    in the year, as the group-by found them for the date field and the bounds of ``dated``:
    a count asked of a field no group holds, or of another year, is an error, never
    a figure.
    """

    values: Mapping[str, Sequence[Any]]
    weights: Sequence[int]
    fen: Mapping[str, Sequence[int]]
    dated: tuple[str, dt.date, dt.date]
    within: Sequence[bool]

    @property
    def rows(self) -> int:
        return sum(self.weights)

    def _weighted(self, name: str) -> Iterator[tuple[Any, int]]:
        return zip(self.values[name], self.weights, strict=True)

    def in_year(self, name: str, start: dt.date, end: dt.date) -> WeightedColumns:
        if (name, start, end) != self.dated:
            raise ValueError(f"grouped by {self.dated}, not {(name, start, end)}")
        kept = [g for g, inside in enumerate(self.within) if inside]
        return WeightedColumns(
            {field: [values[g] for g in kept] for field, values in self.values.items()},
            [self.weights[g] for g in kept],
            {field: [sums[g] for g in kept] for field, sums in self.fen.items()},
            self.dated,
            [True] * len(kept),
        )

    def count_true(self, name: str) -> int:
        return sum(n for value, n in self._weighted(name) if value)

    def money(self, name: str) -> Decimal:
        return _yuan(sum(self.fen[name])) if name in self.fen else _ZERO

    def tally(self, name: str, vocabulary: type[V]) -> Counter[V | None]:  # noqa: ARG002
        counts: Counter[V | None] = Counter()
        for value, n in self._weighted(name):
            counts[value] += n
        return counts

    def tally_lists(self, name: str, vocabulary: type[V]) -> Counter[V | None]:  # noqa: ARG002
        counts: Counter[V | None] = Counter()
        for values, n in self._weighted(name):
            for value in set(values) or {None}:
                counts[value] += n
        return counts

    def by_group(self, name: str, vocabulary: type[V], amount: str) -> dict[V, tuple[int, Decimal]]:  # noqa: ARG002
        cases: Counter[V] = Counter()
        sums: Counter[V] = Counter()
        amounts = self.fen.get(amount, [0] * len(self.weights))
        for (value, n), fen in zip(self._weighted(name), amounts, strict=True):
            cases[value] += n
            sums[value] += fen
        return {value: (n, _yuan(sums[value])) for value, n in cases.items()}

    def count_rows(self, *, true: str, missing: str) -> int:
        return sum(
            n
            for flag, value, n in zip(
                self.values[true], self.values[missing], self.weights, strict=True
            )
            if flag and value is None
        )

    def count_up_to(self, name: str, end: dt.date) -> int:
        return sum(n for day, n in self._weighted(name) if day is not None and day <= end)

    def texts(self, name: str) -> set[str]:
        return set(self.values[name])


class AskedColumns:
    """:class:`~enforcement_core._tallies.Columns` that remembers the fields a category's figures read."""

    rows = 1

    def __init__(self) -> None:
        self.names: set[str] = set()

    def _of(self, *names: str) -> None:
        self.names.update(names)

    def in_year(self, name: str, start: dt.date, end: dt.date) -> AskedColumns:  # noqa: ARG002
        self._of(name)
        return self

    def count_true(self, name: str) -> int:
        self._of(name)
        return 0

    def money(self, name: str) -> Decimal:
        self._of(name)
        return Decimal(0)

    def tally(self, name: str, vocabulary: type) -> Counter[Any]:  # noqa: ARG002
        self._of(name)
        return Counter()

    def tally_lists(self, name: str, vocabulary: type) -> Counter[Any]:  # noqa: ARG002
        self._of(name)
        return Counter()

    def by_group(self, name: str, vocabulary: type, amount: str) -> dict[Any, Any]:  # noqa: ARG002
        self._of(name, amount)
        return {}

    def count_rows(self, *, true: str, missing: str) -> int:
        self._of(true, missing)
        return 0

    def count_up_to(self, name: str, end: dt.date) -> int:  # noqa: ARG002
        self._of(name)
        return 0

    def texts(self, name: str) -> set[str]:
        self._of(name)
        return set()


def fields_read(kind: Any, start: dt.date, end: dt.date) -> frozenset[str]:
    """The fields the figures of ``kind`` read (``PenaltyFigures``...): asked of :class:`AskedColumns`.

    The polars engine groups a table's rows by the values of these, so that its groups
    count as the rows do (:class:`WeightedColumns`).

    Examples:
        >>> import datetime as dt
        >>> from enforcement_core.figures import LicensingFigures
        >>> sorted(fields_read(LicensingFigures, dt.date(2023, 1, 1), dt.date(2023, 12, 31)))
        ['accepted', 'applied_on', 'decision', 'legal_review', 'revoked_on', 'subject']
    """
    asked = AskedColumns()
    # Figures of nothing may be refused; the fields were asked for all the same.
    with contextlib.suppress(InvariantError, TypeError, ValueError):
        kind._from_columns(asked, start, end)  # noqa: SLF001  (the one definition of the figures)
    return frozenset(asked.names)


def _pa() -> Any:
    return require("pyarrow", "tables", "Columnar ledgers")


def _pc() -> Any:
    return require("pyarrow.compute", "tables", "Columnar ledgers")


def _yuan(fen: Any) -> Decimal:
    return _ZERO if fen is None else fewest_places(Decimal(f"{int(fen)}E-2"))


def fewest_places(amount: Decimal) -> Decimal:
    """``amount`` as a sum of amounts is written: whole yuan without places, else the fewest.

    The same sum is then written alike whichever way it was added up: over records
    whose cells were written ``200.00`` and ``3.5`` (``203.50`` by Decimal's addition),
    or over their fen in columns (``203.5``). Exact at any size: no context rounds it.

    Examples:
        >>> [
        ...     str(fewest_places(Decimal(text)))
        ...     for text in ("203.50", "200.00", "0.10", "-0.00", "7")
        ... ]
        ['203.5', '200', '0.1', '0', '7']
    """
    sign, digits, exponent = amount.as_tuple()
    if not isinstance(exponent, int):
        return amount  # not a number: the money checks refuse it, not this
    if digits == (0,):
        return _ZERO
    if exponent == 0:
        return amount
    if exponent > 0:
        return Decimal(int(amount))
    kept = len(digits)
    while exponent < 0 and digits[kept - 1] == 0:
        kept -= 1
        exponent += 1
    return Decimal((sign, digits[:kept], exponent))


#: The days from 0001-01-01 (ordinal 1) to 1970-01-01, Arrow's day 0 for ``date32``.
_EPOCH_ORDINAL: Final = 719163


def _day(date: dt.date) -> Any:
    """A ``date32`` scalar, to compare a column of dates with (made without pandas)."""
    import numpy as np  # noqa: PLC0415  (pyarrow's own dependency)

    days = np.array([date.toordinal() - _EPOCH_ORDINAL], dtype=np.int32)
    return from_numpy(days).view(_pa().date32())[0]


@attrs.frozen
class ArrowColumns:
    """:class:`Columns` over a ``pyarrow.Table`` of records of the class ``record``."""

    table: Any
    record: type

    @property
    def rows(self) -> int:
        return int(self.table.num_rows)

    def _has(self, name: str) -> bool:
        return name in self.table.column_names

    def _default(self, name: str) -> Any:
        return field_default(self.record, name)

    def _sum(self, array: Any) -> int:
        pc = _pc()
        return int(pc.sum(pc.cast(array, "int64")).as_py() or 0)

    def in_year(self, name: str, start: dt.date, end: dt.date) -> ArrowColumns:
        if not self.rows:
            return self  # a table of no records may have no columns: nothing is in the year
        pc = _pc()
        dates = self.table.column(name)
        bounds = pc.min_max(dates).as_py()
        if not dates.null_count and start <= bounds["min"] and bounds["max"] <= end:
            return self  # every record in the year: nothing to filter out (nor to copy)
        within = pc.and_(pc.greater_equal(dates, _day(start)), pc.less_equal(dates, _day(end)))
        return ArrowColumns(self.table.filter(within), self.record)

    def count_true(self, name: str) -> int:
        default = bool(self._default(name))
        if not self._has(name):
            return self.rows if default else 0
        # A cell left empty is the field's default.
        return self._sum(_pc().fill_null(self.table.column(name), scalar(default)))

    def money(self, name: str) -> Decimal:
        if not self._has(name):
            return _ZERO
        return _yuan(exact_total(self.table.column(name)))

    def tally(self, name: str, vocabulary: type[V]) -> Counter[V | None]:
        if not self._has(name):
            return Counter({self._default(name): self.rows})
        # A cell left empty is the field's default (a blank 程序 is 普通程序), as in a record.
        default = self._default(name)
        empty = None if default is attrs.NOTHING else default
        counts: Counter[V | None] = Counter()
        for entry in _pc().value_counts(self.table.column(name)).to_pylist():
            value = entry["values"]
            counts[empty if value is None else vocabulary(value)] += entry["counts"]
        return counts

    def tally_lists(self, name: str, vocabulary: type[V]) -> Counter[V | None]:
        if not self._has(name):
            # Every row lists the field's default: each of its values once, or none.
            default = self._default(name)
            return Counter(dict.fromkeys(set(default) or {None}, self.rows))
        counts = _per_type(self.table.column(name))
        return Counter({None if k is None else vocabulary(k): n for k, n in counts.items()})

    def by_group(self, name: str, vocabulary: type[V], amount: str) -> dict[V, tuple[int, Decimal]]:
        cases, sums = _by_group(self.table, name, amount if self._has(amount) else None)
        return {vocabulary(k): (n, sums.get(k, _ZERO)) for k, n in cases.items()}

    def count_rows(self, *, true: str, missing: str) -> int:
        pc = _pc()
        if not self._has(missing):
            return self.count_true(true) if self._default(missing) is None else 0
        wanted = pc.is_null(self.table.column(missing))
        if self._has(true):
            flags = pc.fill_null(self.table.column(true), scalar(bool(self._default(true))))
            wanted = pc.and_(wanted, flags)
        elif not self._default(true):
            return 0
        return self._sum(wanted)

    def count_up_to(self, name: str, end: dt.date) -> int:
        if not self._has(name):
            return 0
        pc = _pc()
        return self._sum(
            pc.fill_null(
                pc.less_equal(self.table.column(name), _day(end)), fill_value=scalar(value=False)
            )
        )

    def texts(self, name: str) -> set[str]:
        if not self._has(name):
            return {self._default(name)}
        # An empty cell is the empty text, as the record's default.
        return {text or "" for text in self.table.column(name).to_pylist()}


def _by_group(
    table: Any, name: str, amount: str | None
) -> tuple[dict[Any, int], dict[Any, Decimal]]:
    """The rows and the given amounts (in yuan) of each value of the column ``name``.

    Counted with numpy on each chunk's dictionary codes (a vocabulary column is held
    encoded: its values are not hashed again), the chunks' dictionaries made one by
    their few values; amounts summed exactly, as ``int64`` fen. A row without a value
    is grouped under ``None``. (Arrow's group-by would import pandas through
    ``pyarrow.dataset``, and costs more to start than a body's table takes to count.)
    """
    import numpy as np  # noqa: PLC0415

    pc = _pc()
    names: dict[Any, int] = {}
    parts = []
    for chunk in table.column(name).chunks:
        encoded = chunk if _pa().types.is_dictionary(chunk.type) else pc.dictionary_encode(chunk)
        indices = encoded.indices
        if indices.null_count:
            indices = pc.fill_null(indices, scalar(len(encoded.dictionary), indices.type))
        values = [*encoded.dictionary.to_pylist(), None]
        # Each chunk's codes as positions in the one list of values (two dictionaries
        # may hold one value at different places, or a value twice).
        position = np.array([names.setdefault(v, len(names)) for v in values], dtype=np.int32)
        parts.append(position[to_numpy(indices)])
    codes = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    rows = np.bincount(codes, minlength=len(names)).tolist()
    keys = list(names)
    cases = {value: n for value, n in zip(keys, rows, strict=True) if n}
    if amount is None:
        return cases, {}
    given = table.column(amount)
    if given.type != _pa().int64():
        given = pc.cast(given, _pa().int64())
    sums = [0] * len(names)
    start = 0
    for chunk in given.chunks:
        present = to_numpy(pc.is_valid(chunk))
        fen = to_numpy(pc.fill_null(chunk, scalar(0, chunk.type)))
        group_sums = exact_sums(
            codes[start : start + len(chunk)][present], fen[present], len(names)
        )
        sums = [a + b for a, b in zip(sums, group_sums, strict=True)]
        start += len(chunk)
    # A group whose rows give no amount sums to 0, as the records' sum starts from 0.
    return cases, {value: _yuan(n) for value, n in zip(keys, sums, strict=True) if value in cases}


#: The largest sum an ``int64`` holds. numpy and Arrow add ``int64`` modulo 2**64,
#: silently: 184,468 fines of the largest amount (999,999,999,999.99 yuan) would sum
#: to a small amount, which the figure's own check would then let pass.
_INT64_MAX: Final = 2**63 - 1


def _block(fen: Any) -> int:
    """How many of ``fen`` (int64, numpy) can be added in ``int64`` without overflowing."""
    if not len(fen):
        return 1
    largest = max(abs(int(fen.min())), abs(int(fen.max())))
    return max(1, _INT64_MAX // largest) if largest else len(fen)


def exact_total(amounts: Any) -> int:
    """The exact sum of an Arrow column (or array) of ``int64`` amounts, nulls left out.

    In ``int64`` where no sum of its values can overflow (always, for amounts a ledger
    holds below some 92,000 rows of the largest), else in blocks that cannot, added
    as Python integers.

    Examples:
        >>> import pyarrow as pa
        >>> exact_total(pa.array([2**62, 2**62, None, 5], pa.int64())) == 2**63 + 5
        True
    """
    pc = _pc()
    chunks = amounts.chunks if hasattr(amounts, "chunks") else [amounts]
    total = 0
    for chunk in chunks:
        bounds = pc.min_max(chunk).as_py()
        if bounds["min"] is None:
            continue  # no amount given in the chunk
        largest = max(abs(bounds["min"]), abs(bounds["max"]))
        if largest * (len(chunk) - chunk.null_count) <= _INT64_MAX:
            total += int(pc.sum(chunk).as_py())
            continue
        fen = to_numpy(pc.fill_null(chunk, scalar(0, chunk.type)))
        step = _block(fen)
        total += sum(int(fen[i : i + step].sum()) for i in range(0, len(fen), step))
    return total


def exact_sums(codes: Any, fen: Any, width: int) -> list[int]:
    """The exact sum of ``fen`` (int64, numpy) by ``codes`` (each below ``width``), as Python ints.

    Examples:
        >>> import numpy as np
        >>> exact_sums(np.array([0, 1, 0]), np.array([2**62, 7, 2**62]), 3) == [2**63, 7, 0]
        True
    """
    import numpy as np  # noqa: PLC0415

    step = _block(fen)
    totals = [0] * width
    for start in range(0, len(fen), step):
        sums = np.zeros(width, dtype=np.int64)
        # int64 additions, exact within the block (bincount's weights would be float64).
        np.add.at(sums, codes[start : start + step], fen[start : start + step])
        totals = (
            [a + b for a, b in zip(totals, sums.tolist(), strict=True)] if start else sums.tolist()
        )
    return totals


def _per_type(lists: Any) -> Counter[str | None]:
    """How many rows list each value (a row listing it twice counts once); ``None``: empty lists."""
    import numpy as np  # noqa: PLC0415

    pc = _pc()
    lists = contiguous(lists)
    rows = to_numpy(pc.list_parent_indices(lists)).astype(np.int64, copy=False)
    encoded = pc.dictionary_encode(pc.list_flatten(lists))
    # A null value, were there one, is counted under None, as a group-by counts it.
    values: list[str | None] = [*encoded.dictionary.to_pylist(), None]
    width = len(values)
    indices = encoded.indices
    if indices.null_count:
        indices = pc.fill_null(indices, scalar(width - 1, indices.type))
    codes = to_numpy(indices)
    # Each (row, value) once: a row listing a value twice counts once. Only a row of
    # several values can list one twice; the others are counted as they are.
    lengths = pc.list_value_length(lists)
    lengths = to_numpy(pc.fill_null(lengths, scalar(0, lengths.type)))
    several = lengths[rows] > 1
    tally = np.bincount(codes[~several], minlength=width)
    if several.any():
        # Sorted, a (row, value) listed twice is two neighbours: counted once.
        pairs = np.sort(rows[several] * width + codes[several].astype(np.int64))
        once = np.ones(len(pairs), dtype=bool)
        once[1:] = pairs[1:] != pairs[:-1]
        tally += np.bincount(pairs[once] % width, minlength=width)
    counts = Counter({v: n for v, n in zip(values, tally.tolist(), strict=True) if n})
    # The empty (or null) lists, counted under None, from the lengths already read.
    counts[None] += int(np.count_nonzero(lengths == 0))
    return counts
