"""The counts of :mod:`enforcement_core._tallies`, for many groups of one table's rows in one pass.

A province's thousand bodies each need the figures of their rows. Counting each
body's table apart (:class:`~enforcement_core._tallies.ArrowColumns` over a slice)
costs a dozen Arrow calls a body, whatever its size; here each count is made once,
over every row, with numpy on the rows' group numbers, and each group reads its
own. :class:`GroupedColumns` holds the table, the group of each row and the counts
made so far; :meth:`GroupedColumns.of` gives one group's :class:`Columns
<enforcement_core._tallies.Columns>`, so that the figures keep their one definition
(``PenaltyFigures._from_columns``). ``ArrowColumns`` over each group's rows is the
reference these counts are held to (``tests/test_scale.py``).

A group's counts can also be taken out (:func:`group_counts`), added to those of
the same group's other rows (:func:`added_counts`: on Dask, each reading task's
rows of a body), and read back as :class:`CountedColumns`: the figures are then
made once a body, from the sum, not once a task and merged.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from enforcement_core._arrow import scalar, to_numpy
from enforcement_core._tallies import (
    _day,
    _pa,
    _pc,
    _yuan,
    exact_sums,
    fewest_places,
    field_default,
)

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from enforcement_core.labels import Vocabulary

V = TypeVar("V", bound="Vocabulary")
_ZERO: Final = Decimal(0)
#: The longest lists whose repeated values are found by looking back, not by sorting.
_SHORT: Final = 16


class GroupedColumns:
    """The rows of many groups in one ``pyarrow.Table`` of records of the class ``record``.

    ``groups`` is each row's group (an int64 array, each from 0 to ``count`` - 1).
    Each count is made for every group the first time a group asks for it, and kept.
    """

    def __init__(self, table: Any, record: type, groups: Any, count: int) -> None:
        import numpy as np  # noqa: PLC0415  (pyarrow's own dependency)

        self.table = table
        self.record = record
        self.groups = np.asarray(groups, dtype=np.int64)
        self.count = count
        self._made: dict[tuple[Any, ...], Any] = {}

    def of(self, group: int) -> GroupColumns:
        """One group's rows, as :class:`~enforcement_core._tallies.Columns`."""
        return GroupColumns(self, group)

    def _kept(self, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

    # What every count is made of ------------------------------------------------------

    def _has(self, name: str) -> bool:
        return name in self.table.column_names

    def _default(self, name: str) -> Any:
        return field_default(self.record, name)

    def _counted(self, rows: Any) -> list[int]:
        """How many of the rows selected (a bool array over the rows) each group has."""
        import numpy as np  # noqa: PLC0415

        return np.bincount(self.groups[rows], minlength=self.count).tolist()  # type: ignore[no-any-return]

    def _flags(self, name: str, default: bool) -> Any:  # noqa: FBT001  (the field's own default)
        """The column ``name`` as a bool array, an empty cell the field's default."""
        pc = _pc()
        filled = pc.fill_null(self.table.column(name), scalar(default))
        if _pa().types.is_boolean(filled.type):
            return to_numpy(filled)
        # Cast as ArrowColumns sums it: a flag counts where it is not 0.
        return to_numpy(pc.cast(filled, "int64")) != 0

    def _batches(self, *names: str) -> list[tuple[list[Any], Any]]:
        """The columns ``names`` a batch (a piece's rows) at a time, each with its rows' groups.

        Counted a piece at a time, the temporary arrays are a piece's size, not the
        province's; the counts of the pieces then add up. The columns' chunks are
        aligned into batches (zero-copy slices), whatever each column's chunking.
        """
        parts, start = [], 0
        for batch in self.table.select(list(names)).to_batches():
            parts.append((batch.columns, self.groups[start : start + batch.num_rows]))
            start += batch.num_rows
        return parts

    def _by_value(
        self, name: str, amount: str | None = None
    ) -> tuple[list[Any], dict[tuple[int, int], list[int]]]:
        """The values of ``name`` (``None`` for no value), and each (group, value position)'s rows and sum of ``amount``.

        Each chunk is counted on its dictionary's codes (a vocabulary is held encoded),
        its values then placed among every chunk's (two dictionaries may hold one value
        at different places); sums are exact, as :func:`exact_sums` adds.
        """
        pa, pc = _pa(), _pc()
        names: dict[Any, int] = {}
        found: dict[tuple[int, int], list[int]] = {}
        for columns, groups in self._batches(name, *([] if amount is None else [amount])):
            chunk = columns[0]
            encoded = chunk if pa.types.is_dictionary(chunk.type) else pc.dictionary_encode(chunk)
            indices = encoded.indices
            if indices.null_count:
                indices = pc.fill_null(indices, scalar(len(encoded.dictionary), indices.type))
            values = [*encoded.dictionary.to_pylist(), None]
            width = len(values)
            position = [names.setdefault(v, len(names)) for v in values]
            pairs = groups * width + to_numpy(indices)
            keys, counts = self._counts(pairs, width)
            sums = [0] * len(keys)
            if amount is not None:
                fen = columns[1]
                if fen.type != pa.int64():
                    fen = pc.cast(fen, pa.int64())
                totals = exact_sums(
                    pairs, to_numpy(pc.fill_null(fen, scalar(0, fen.type))), self.count * width
                )
                sums = [totals[key] for key in keys.tolist()]
            for key, n, total in zip(keys.tolist(), counts.tolist(), sums, strict=True):
                place = (key // width, position[key % width])
                if place in found:
                    found[place][0] += n
                    found[place][1] += total
                else:
                    found[place] = [n, total]
        return list(names), found

    def _counts(self, pairs: Any, width: int) -> tuple[Any, Any]:
        """The distinct ``pairs`` (group × ``width`` + position), in order, and how many of each."""
        import numpy as np  # noqa: PLC0415

        size = self.count * width
        if size <= 4 * len(pairs) + 4096:
            # A province's bodies times a vocabulary's values are few: counted, not sorted.
            counted = np.bincount(pairs, minlength=size)
            keys = np.flatnonzero(counted)
            return keys, counted[keys]
        return np.unique(pairs, return_counts=True)

    # The counts of Columns, for every group ----------------------------------------------

    def rows(self) -> list[int]:
        """How many rows each group has."""
        import numpy as np  # noqa: PLC0415

        return self._kept(  # type: ignore[no-any-return]
            ("rows",), lambda: np.bincount(self.groups, minlength=self.count).tolist()
        )

    def in_year(self, name: str, start: dt.date, end: dt.date) -> GroupedColumns:
        """The rows whose date ``name`` is from ``start`` to ``end``, in their groups."""

        def make() -> GroupedColumns:
            if not self.table.num_rows:
                return self  # a table of no records may have no columns: nothing is in the year
            pc = _pc()
            dates = self.table.column(name)
            bounds = pc.min_max(dates).as_py()
            if not dates.null_count and start <= bounds["min"] and bounds["max"] <= end:
                return self
            within = pc.and_(pc.greater_equal(dates, _day(start)), pc.less_equal(dates, _day(end)))
            kept = to_numpy(pc.fill_null(within, scalar(value=False)))
            return GroupedColumns(
                self.table.filter(within), self.record, self.groups[kept], self.count
            )

        return self._kept(("in_year", name, start, end), make)  # type: ignore[no-any-return]

    def count_true(self, name: str) -> list[int]:
        """How many rows of each group have the flag ``name`` set."""

        def make() -> list[int]:
            default = bool(self._default(name))
            if not self._has(name):
                return [n if default else 0 for n in self.rows()]
            return self._counted(self._flags(name, default))

        return self._kept(("count_true", name), make)  # type: ignore[no-any-return]

    def money(self, name: str) -> list[Decimal]:
        """The sum in yuan of each group's amounts ``name`` that are given."""

        def make() -> list[Decimal]:
            if not self._has(name):
                return [_ZERO] * self.count
            pc = _pc()
            totals = [0] * self.count
            for (fen,), groups in self._batches(name):
                given = to_numpy(pc.fill_null(fen, scalar(0, fen.type)))
                # Exact, as ArrowColumns sums: int64 only where it cannot overflow.
                sums = exact_sums(groups, given, self.count)
                totals = [a + b for a, b in zip(totals, sums, strict=True)]
            return [_yuan(n) for n in totals]

        return self._kept(("money", name), make)  # type: ignore[no-any-return]

    def tally(self, name: str, vocabulary: type[V]) -> list[Counter[V | None]]:
        """How many rows of each group hold each value of ``name`` (``None``: no value)."""

        def make() -> list[Counter[V | None]]:
            if not self._has(name):
                return [Counter({self._default(name): n}) for n in self.rows()]
            values, found = self._by_value(name)
            # A cell left empty is the field's default, as from_table counts it.
            default = self._default(name)
            empty = None if default is attrs.NOTHING else default
            members = [empty if v is None else vocabulary(v) for v in values]
            tallied: list[Counter[V | None]] = [Counter() for _ in range(self.count)]
            for (group, value), (n, _) in found.items():
                tallied[group][members[value]] += n
            return tallied

        return self._kept(("tally", name, vocabulary), make)  # type: ignore[no-any-return]

    def tally_lists(self, name: str, vocabulary: type[V]) -> list[Counter[V | None]]:
        """How many rows of each group list each value of ``name`` (once a row); ``None``: no value listed."""

        def make() -> list[Counter[V | None]]:
            if not self._has(name):
                default = self._default(name)
                return [Counter(dict.fromkeys(set(default) or {None}, n)) for n in self.rows()]
            return self._listed(name, vocabulary)

        return self._kept(("tally_lists", name, vocabulary), make)  # type: ignore[no-any-return]

    def _listed(self, name: str, vocabulary: type[V]) -> list[Counter[V | None]]:
        import numpy as np  # noqa: PLC0415

        # Chunk by chunk (a piece's rows at a time), so that the lists' values are
        # flattened and encoded one piece at a time, not all at once.
        names: dict[Any, int] = {}
        counted: list[tuple[Any, Any, Any]] = []
        empty = np.zeros(self.count, dtype=np.int64)
        start = 0
        for lists in self.table.column(name).chunks:
            groups = self.groups[start : start + len(lists)]
            start += len(lists)
            if len(lists):
                keys, counts, values, none = self._listed_chunk(lists, groups)
                position = np.array([names.setdefault(v, len(names)) for v in values], np.int64)
                counted.append((keys // len(values), position[keys % len(values)], counts))
                empty += none
        width = max(1, len(names))
        pairs = np.concatenate([np.zeros(0, np.int64), *(g * width + v for g, v, _ in counted)])
        totals = np.concatenate([np.zeros(0, np.int64), *(n for _, _, n in counted)])
        order = np.argsort(pairs, kind="stable")
        pairs, totals = pairs[order], totals[order]
        starts = np.flatnonzero(np.r_[True, pairs[1:] != pairs[:-1]]) if len(pairs) else pairs
        members = [None if v is None else vocabulary(v) for v in names]
        tallied: list[Counter[V | None]] = [Counter() for _ in range(self.count)]
        if len(pairs):
            sums = np.add.reduceat(totals, starts)
            for key, n in zip(pairs[starts].tolist(), sums.tolist(), strict=True):
                tallied[key // width][members[key % width]] += n
        # The rows listing none, counted under None (as _per_type, even when there are none).
        for counts, n in zip(tallied, empty.tolist(), strict=True):
            counts[None] += n
        return tallied

    def _listed_chunk(self, lists: Any, groups: Any) -> tuple[Any, Any, list[Any], Any]:
        """One chunk's (group × width + value, rows) pairs, its values, and each group's rows listing none."""
        import numpy as np  # noqa: PLC0415

        pc = _pc()
        rows = to_numpy(pc.list_parent_indices(lists)).astype(np.int64, copy=False)
        encoded = pc.dictionary_encode(pc.list_flatten(lists))
        # A null value, were there one, is counted under None, as _per_type counts it.
        values: list[Any] = [*encoded.dictionary.to_pylist(), None]
        width = len(values)
        indices = encoded.indices
        if indices.null_count:
            indices = pc.fill_null(indices, scalar(width - 1, indices.type))
        codes = to_numpy(indices).astype(np.int64)
        lengths = pc.list_value_length(lists)
        lengths = to_numpy(pc.fill_null(lengths, scalar(0, lengths.type)))
        # Each (row, value) once: a row listing a value twice counts once. A row's values
        # are neighbours in the flattened lists, so a value listed again in its row is one
        # of the few keys just before it (a list is short: a case's sanctions); a long
        # list is sorted out instead.
        keys = rows * width + codes
        longest = int(lengths.max())
        if longest <= _SHORT:
            first = np.ones(len(keys), dtype=bool)
            for back in range(1, longest):
                first[back:] &= keys[back:] != keys[:-back]
            once = keys[first]
        else:
            once = np.unique(keys)
        pairs, counts = self._counts(groups[once // width] * width + once % width, width)
        none = np.bincount(groups[lengths == 0], minlength=self.count)
        return pairs, counts, values, none

    def by_group(
        self, name: str, vocabulary: type[V], amount: str
    ) -> list[dict[V, tuple[int, Decimal]]]:
        """Each group's rows and sum of the given amounts ``amount`` of each value of ``name``."""

        def make() -> list[dict[V, tuple[int, Decimal]]]:
            values, found = self._by_value(name, amount if self._has(amount) else None)
            by_group: list[dict[V, tuple[int, Decimal]]] = [{} for _ in range(self.count)]
            # A group whose rows give no amount sums to 0, as the records' sum starts from 0.
            for (group, value), (n, total) in found.items():
                by_group[group][vocabulary(values[value])] = (n, _yuan(total))
            return by_group

        return self._kept(("by_group", name, vocabulary, amount), make)  # type: ignore[no-any-return]

    def count_rows(self, *, true: str, missing: str) -> list[int]:
        """How many rows of each group have the flag ``true`` set and no value in ``missing``."""

        def make() -> list[int]:
            pc = _pc()
            if not self._has(missing):
                if self._default(missing) is None:
                    return self.count_true(true)
                return [0] * self.count
            column = self.table.column(missing)
            wanted = to_numpy(pc.is_null(column))
            if self._has(true):
                wanted = wanted & self._flags(true, bool(self._default(true)))
            elif not self._default(true):
                return [0] * self.count
            return self._counted(wanted)

        return self._kept(("count_rows", true, missing), make)  # type: ignore[no-any-return]

    def count_up_to(self, name: str, end: dt.date) -> list[int]:
        """How many rows of each group have a date ``name`` on or before ``end``."""

        def make() -> list[int]:
            if not self._has(name):
                return [0] * self.count
            pc = _pc()
            column = self.table.column(name)
            up_to = pc.fill_null(pc.less_equal(column, _day(end)), fill_value=scalar(value=False))
            return self._counted(to_numpy(up_to))

        return self._kept(("count_up_to", name, end), make)  # type: ignore[no-any-return]

    def texts(self, name: str) -> list[set[str]]:
        """The distinct texts of ``name`` in each group."""

        def make() -> list[set[str]]:
            if not self._has(name):
                return [{self._default(name)} for _ in range(self.count)]
            values, found = self._by_value(name)
            texts: list[set[str]] = [set() for _ in range(self.count)]
            for group, value in found:
                # An empty cell is the empty text, as the record's default.
                texts[group].add(values[value] or "")
            return texts

        return self._kept(("texts", name), make)  # type: ignore[no-any-return]


@attrs.frozen
class GroupColumns:
    """One group's rows of a :class:`GroupedColumns`: :class:`~enforcement_core._tallies.Columns`."""

    grouped: GroupedColumns
    group: int

    @property
    def rows(self) -> int:
        return self.grouped.rows()[self.group]

    def in_year(self, name: str, start: dt.date, end: dt.date) -> GroupColumns:
        return GroupColumns(self.grouped.in_year(name, start, end), self.group)

    def count_true(self, name: str) -> int:
        return self.grouped.count_true(name)[self.group]

    def money(self, name: str) -> Decimal:
        return self.grouped.money(name)[self.group]

    def tally(self, name: str, vocabulary: type[V]) -> Counter[V | None]:
        return self.grouped.tally(name, vocabulary)[self.group]

    def tally_lists(self, name: str, vocabulary: type[V]) -> Counter[V | None]:
        return self.grouped.tally_lists(name, vocabulary)[self.group]

    def by_group(self, name: str, vocabulary: type[V], amount: str) -> dict[V, tuple[int, Decimal]]:
        return self.grouped.by_group(name, vocabulary, amount)[self.group]

    def count_rows(self, *, true: str, missing: str) -> int:
        return self.grouped.count_rows(true=true, missing=missing)[self.group]

    def count_up_to(self, name: str, end: dt.date) -> int:
        return self.grouped.count_up_to(name, end)[self.group]

    def texts(self, name: str) -> set[str]:
        # A copy: the figures take the one text out of it (set.pop), and the group's
        # counts may be read again (group_counts).
        return set(self.grouped.texts(name)[self.group])


# A group's counts, taken out, added, and read back ---------------------------------------

#: What each count of :class:`GroupedColumns` adds up as, by its key's first part.
_ADDED: Final[dict[str, Callable[[Any, Any], Any]]] = {}


def group_counts(grouped: GroupedColumns, group: int) -> dict[tuple[Any, ...], Any]:
    """``group``'s value of every count ``grouped`` has made, by the count's key.

    The rows of a year (``in_year``) are a nested map of their own counts, the same
    counts when they are every row. Counts made after this are not in it: the figures
    of one group make every count for every group (:meth:`GroupedColumns.of`).
    """
    counts: dict[tuple[Any, ...], Any] = {}
    same: list[tuple[Any, ...]] = []
    for key, made in grouped._made.items():  # noqa: SLF001  (its own module's class)
        if key[0] != "in_year":
            counts[key] = made[group]
        elif made is grouped:
            same.append(key)
        else:
            counts[key] = group_counts(made, group)
    if same:
        # The year's rows are every row: their counts are these (not a map holding itself).
        own = {key: value for key, value in counts.items() if key[0] != "in_year"}
        counts.update(dict.fromkeys(same, own))
    return counts


def added_counts(
    first: dict[tuple[Any, ...], Any], second: dict[tuple[Any, ...], Any]
) -> dict[tuple[Any, ...], Any]:
    """The counts of two sets of one group's rows together, as :class:`GroupedColumns` counts them all.

    Counts add, money adds (written with the fewest places), tallies add (a value
    counted 0 kept), a value's rows and sums add, texts unite; neither input is
    changed. A count made of only one of them is left out, not taken for the sum (the
    rows of a year whose counts are every row's hold counts their own rows did not
    make): a figure asking for it fails loudly rather than count half the rows.
    """
    return {
        key: _ADDED[key[0]](value, second[key]) for key, value in first.items() if key in second
    }


def _tallied(first: Counter[Any], second: Counter[Any]) -> Counter[Any]:
    # update, not +: a value counted 0 (the rows listing none) stays, as one pass keeps it.
    tallied = Counter(first)
    tallied.update(second)
    return tallied


def _by_value_added(
    first: dict[Any, tuple[int, Decimal]], second: dict[Any, tuple[int, Decimal]]
) -> dict[Any, tuple[int, Decimal]]:
    added = dict(first)
    for value, (n, total) in second.items():
        if value in added:
            m, other = added[value]
            added[value] = (m + n, fewest_places(other + total))
        else:
            added[value] = (n, total)
    return added


_ADDED.update(
    {
        "rows": int.__add__,
        "count_true": int.__add__,
        "count_rows": int.__add__,
        "count_up_to": int.__add__,
        "money": lambda first, second: fewest_places(first + second),
        "tally": _tallied,
        "tally_lists": _tallied,
        "by_group": _by_value_added,
        "texts": set.union,
        "in_year": added_counts,
    }
)


@attrs.frozen
class CountedColumns:
    """:class:`~enforcement_core._tallies.Columns` read from a group's counts (:func:`group_counts`, :func:`added_counts`)."""

    counts: dict[tuple[Any, ...], Any]

    @property
    def rows(self) -> int:
        return self.counts[("rows",)]  # type: ignore[no-any-return]

    def in_year(self, name: str, start: dt.date, end: dt.date) -> CountedColumns:
        return CountedColumns(self.counts[("in_year", name, start, end)])

    def count_true(self, name: str) -> int:
        return self.counts[("count_true", name)]  # type: ignore[no-any-return]

    def money(self, name: str) -> Decimal:
        return self.counts[("money", name)]  # type: ignore[no-any-return]

    def tally(self, name: str, vocabulary: type[V]) -> Counter[V | None]:
        return self.counts[("tally", name, vocabulary)]  # type: ignore[no-any-return]

    def tally_lists(self, name: str, vocabulary: type[V]) -> Counter[V | None]:
        return self.counts[("tally_lists", name, vocabulary)]  # type: ignore[no-any-return]

    def by_group(self, name: str, vocabulary: type[V], amount: str) -> dict[V, tuple[int, Decimal]]:
        return self.counts[("by_group", name, vocabulary, amount)]  # type: ignore[no-any-return]

    def count_rows(self, *, true: str, missing: str) -> int:
        return self.counts[("count_rows", true, missing)]  # type: ignore[no-any-return]

    def count_up_to(self, name: str, end: dt.date) -> int:
        return self.counts[("count_up_to", name, end)]  # type: ignore[no-any-return]

    def texts(self, name: str) -> set[str]:
        return set(self.counts[("texts", name)])  # a copy, as GroupColumns gives
