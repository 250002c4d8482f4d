r"""Summaries of many bodies from partitioned tables: in one process, or on a Dask cluster.

A province's platform holds the 双公示 penalty and licensing records of every
body in it, as a dataset of Parquet (or CSV) files. Each file, or each
partition of a dask DataFrame, is a *piece*: its rows are checked as
:func:`~enforcement_core.tables.read_columnar` checks them, split by the body
that decided them (处罚机关统一社会信用代码 where given, else 处罚机关), and
each body's rows of the year are kept, in the columns its figures count, until
the pieces are read; each body then makes one
:class:`~enforcement_core.partials.Partial` (one per reading task on Dask, merged
in a tree), finished into its :class:`~enforcement_core.AnnualReport`, equal
figure for figure to summarising each body's records in one ledger. The decision
numbers are kept as Arrow text, and a number in two pieces is found once they
are all read. :meth:`BodyHierarchy.rollup
<enforcement_core.hierarchy.BodyHierarchy.rollup>` then rolls them up to
counties, cities and the province.

:func:`summarize_partitions` does it in this process, piece after piece, with
the memory of one piece and of the bodies' rows; :func:`summarize_dask` maps the pieces to the workers
of a Dask cluster (the ``dask`` extra). Every problem of every piece is
reported together, each with its file (or partition) and row.

Examples:
    >>> import io
    >>> from enforcement_core.body import BodyLevel
    >>> header = (
    ...     "行政相对人名称,行政处罚决定书文号,处罚类别,罚款金额（万元）,处罚决定日期,处罚机关\n"
    ... )
    >>> rows = "某公司,罚字1号,罚款,0.02,2024-03-01,某镇人民政府\n"
    >>> rows += "某商店,罚字2号,警告,,2024-05-01,某街道办事处\n"
    >>> table = io.BytesIO((header + rows).encode())
    >>> reports = summarize_partitions([table], year=2024, level=BodyLevel.TOWN)
    >>> {body: report.penalty.cases for body, report in reports.items()}
    {'某街道办事处': 1, '某镇人民政府': 1}
    >>> reports["某镇人民政府"].penalty.fines
    Decimal('200')
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import os
import weakref
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, TypeVar

import attrs

from enforcement_core._arrow import (
    engine_memory,
    from_numpy,
    roomy_heap,
    small_pages,
)
from enforcement_core._extras import require
from enforcement_core._group_tallies import (
    CountedColumns,
    GroupedColumns,
    added_counts,
    group_counts,
)
from enforcement_core.actions import LicenceApplication, PenaltyCase
from enforcement_core.body import BodyLevel, EnforcementBody
from enforcement_core.errors import LoadError
from enforcement_core.figures import LicensingFigures, PenaltyFigures
from enforcement_core.hierarchy import BodyHierarchy
from enforcement_core.partials import Partial, merge
from enforcement_core.tables._arrow_files import (
    _arrow_sheets,
    _Encoded,
    _encoded,
    _pa,
    _strings,
)
from enforcement_core.tables._counted import GROUPED, _grouped
from enforcement_core.tables._files import kind_of
from enforcement_core.tables._problems import TableProblem, _unique
from enforcement_core.tables._publicity import published_layouts, recognise
from enforcement_core.tables._publicity_columns import _national
from enforcement_core.tables._publicity_rows import unknown_of
from enforcement_core.tables._read import Seen, given_again
from enforcement_core.tables._typed_sheets import _columns_of
from enforcement_core.tables.columnar import _to_encode

if TYPE_CHECKING:
    from enforcement_core.report import AnnualReport

__all__ = ["piece_partials", "summarize_dask", "summarize_partitions"]

#: The files of a dataset directory that are read, by suffix.
_SUFFIXES: Final = (".parquet", ".pq", ".csv", ".txt")
#: What a dataset's writers leave beside the pieces (_SUCCESS, .crc files), which
#: pyarrow's datasets also pass over.
_HIDDEN: Final = (".", "_")

_Source = str | os.PathLike[str] | IO[bytes]
_Task = TypeVar("_Task", bound=Callable[..., Any])


def _in_task_memory(task: _Task) -> _Task:
    """``task`` run in a heap kept while it runs (:func:`~enforcement_core._arrow.roomy_heap`), numpy's arrays on small pages.

    Each of :func:`summarize_dask`'s tasks: on a worker whose malloc trims its memory
    (distributed's default), every temporary above 128 KiB is otherwise a fresh mapping;
    numpy's huge-page advice can stall a fault (:func:`~enforcement_core._arrow.small_pages`).
    """

    @functools.wraps(task)
    def run(*args: Any, **kwargs: Any) -> Any:
        with roomy_heap(), small_pages():
            return task(*args, **kwargs)

    return run  # type: ignore[return-value]


@attrs.define
class _Rows:
    """Bodies' typed rows of the year, kept until each body makes its one partial.

    The rows are held as the pieces gave them, one table a piece (in the columns the
    figures count), with each row's body: a body's figures are then made for every
    body at once (:meth:`partials`), on Dask by each reading task for the pieces it read.
    """

    #: Each body by (its key, its body), with its place: the same key with another name
    #: stays apart, and their partials meet in :func:`merge`, which refuses them.
    index: dict[tuple[str, EnforcementBody], int] = attrs.Factory(dict)
    #: The figures each body's tables cannot count, by its place.
    unknown: list[dict[str, None]] = attrs.Factory(list)
    #: The rows of each record group and table schema: a table a piece, each with each
    #: row's body's place.
    tables: dict[tuple[str, Any], list[tuple[Any, Any]]] = attrs.Factory(dict)

    def places(self, bodies: Iterable[tuple[str, EnforcementBody]], unknown: Iterable[str]) -> Any:
        """The place of each of ``bodies`` (added if new), each taking ``unknown`` too."""
        import numpy as np  # noqa: PLC0415

        stated = dict.fromkeys(unknown)
        places = []
        for pair in bodies:
            at = self.index.setdefault(pair, len(self.index))
            if at == len(self.unknown):
                self.unknown.append({})
            self.unknown[at].update(stated)
            places.append(at)
        return np.array(places, dtype=np.int64)

    def add(self, field: str, table: Any, of_row: Any) -> None:
        """A piece's rows of ``field``, each row's body's place in ``of_row``."""
        self.tables.setdefault((field, table.schema), []).append((table, of_row))

    def merge(self, other: _Rows) -> None:
        """Take ``other``'s bodies and rows in."""
        places = self.places(other.index, ())
        for at, unknown in zip(places.tolist(), other.unknown, strict=True):
            self.unknown[at].update(unknown)
        for (field, _), parts in other.tables.items():
            for table, of_row in parts:
                self.add(field, table, places[of_row])

    def partials(self, year: int) -> dict[str, Partial]:
        """Each body's one partial, by its key (the partials of bodies of one key merged).

        Each figure is counted for every body at once (:class:`GroupedColumns`), one
        pass over the rows of each record group and schema; a body's figures are those
        of ``from_table`` over its rows alone.
        """
        import numpy as np  # noqa: PLC0415

        pa = _pa()
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        count = len(self.index)
        # Each body's figures of each record group, one a schema its rows came in.
        figures_of: list[dict[str, list[Any]]] = [{} for _ in range(count)]
        for (field, _), parts in self.tables.items():
            table = pa.concat_tables([table for table, _ in parts])
            groups = np.concatenate([of_row for _, of_row in parts])
            _, summed, record = _SUMMED[field]
            grouped = GroupedColumns(table, record, groups, count)
            for at in np.flatnonzero(np.bincount(groups, minlength=count)).tolist():
                # The figures' one definition, over the body's rows of the grouped table.
                of_body = summed._from_columns(grouped.of(at), start, end)  # noqa: SLF001
                figures_of[at].setdefault(field, []).append(of_body)
        partials: dict[str, Partial] = {}
        for (key, body), at in self.index.items():
            partial = _partial_of(body, year, figures_of[at], self.unknown[at])
            partials[key] = merge(partials[key], partial) if key in partials else partial
        return partials

    def counted(self, year: int) -> dict[str, list[_Counted]]:
        """Each body's counts of its rows, by its key: what its partial is made of (:func:`_partial_counted`).

        The counts of :meth:`partials`, made for every body in the same pass, taken
        out before any figure is made: on Dask each reading task's counts of a body
        are added up (:func:`_counted_added`), and its one partial made of the sum.
        """
        import numpy as np  # noqa: PLC0415

        pa = _pa()
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        count = len(self.index)
        layouts_of: list[dict[tuple[str, Any], dict[tuple[Any, ...], Any]]] = [
            {} for _ in range(count)
        ]
        for (field, schema), parts in self.tables.items():
            table = pa.concat_tables([table for table, _ in parts])
            groups = np.concatenate([of_row for _, of_row in parts])
            _, summed, record = _SUMMED[field]
            grouped = GroupedColumns(table, record, groups, count)
            present = np.flatnonzero(np.bincount(groups, minlength=count)).tolist()
            # One body's figures make each count they need for every body at once; none
            # of the year: no body has figures of these rows.
            if all(summed._from_columns(grouped.of(at), start, end) is None for at in present):  # noqa: SLF001
                continue
            for at in present:
                layouts_of[at][field, schema] = group_counts(grouped, at)
        counted: dict[str, list[_Counted]] = {}
        for (key, body), at in self.index.items():
            counted.setdefault(key, []).append(_Counted(body, self.unknown[at], layouts_of[at]))
        return counted


@attrs.frozen
class _Counted:
    """One body's counts of some rows, by record group and table schema (:func:`group_counts`)."""

    body: EnforcementBody
    #: The figures its tables cannot count.
    unknown: dict[str, None]
    layouts: dict[tuple[str, Any], dict[tuple[Any, ...], Any]]


def _counted_added(first: list[_Counted], second: list[_Counted]) -> list[_Counted]:
    """The counts of one key's bodies in two sets of rows together: a body's counts of a layout added.

    Two bodies of one key (another name) stay apart: their partials meet in
    :func:`merge`, which refuses them.
    """
    added = list(first)
    for counted in second:
        at = next((n for n, each in enumerate(added) if each.body == counted.body), None)
        if at is None:
            added.append(counted)
            continue
        other = added[at]
        layouts = dict(other.layouts)
        for layout, counts in counted.layouts.items():
            layouts[layout] = added_counts(layouts[layout], counts) if layout in layouts else counts
        added[at] = _Counted(other.body, {**other.unknown, **counted.unknown}, layouts)
    return added


def _partial_counted(counted: list[_Counted], year: int) -> Partial:
    """One key's partial, of its bodies' counts: the figures made once, of the sum."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    made = []
    for each in counted:
        figures_of: dict[str, list[Any]] = {}
        for (field, _), counts in each.layouts.items():
            # The figures' one definition, over the body's counts.
            of_body = _SUMMED[field][1]._from_columns(CountedColumns(counts), start, end)  # noqa: SLF001
            figures_of.setdefault(field, []).append(of_body)
        made.append(_partial_of(each.body, year, figures_of, each.unknown))
    return functools.reduce(merge, made)


def _partial_of(
    body: EnforcementBody, year: int, by_field: dict[str, list[Any]], unknown: dict[str, None]
) -> Partial:
    """A body's partial of its figures of each record group, one a table layout (``None``: none of the year)."""
    layouts = max((len(parts) for parts in by_field.values()), default=1)
    # What ColumnarLedger.partial gives of a ledger of these tables and no other
    # record, without building the ledger: a partial a layout, merged.
    return functools.reduce(
        merge,
        [
            Partial(
                body=body,
                year=year,
                figures={
                    _SUMMED[field][0]: value
                    for field, parts in by_field.items()
                    if n < len(parts) and (value := parts[n])
                },
                unknown=unknown,
            )
            for n in range(layouts)
        ],
    )


@attrs.define
class _Piece:
    """What some pieces give, merged: their bodies' rows, problems, and decision numbers."""

    rows: _Rows = attrs.Factory(_Rows)
    #: On Dask, a bucket's bodies' counts, by key (:meth:`_Rows.counted`).
    counted: dict[str, list[_Counted]] = attrs.Factory(dict)
    problems: list[TableProblem] = attrs.Factory(list)
    #: Each body's name given with a credit code, and the keys its rows went to: a
    #: body's rows without the code, in another piece, go to that key too.
    keys_of: dict[str, set[str]] = attrs.Factory(dict)
    #: The decision numbers of each piece, by record group: a number in two pieces is
    #: found once every piece is read (:func:`_given_again`).
    ids: dict[str, list[_Ids]] = attrs.Factory(dict)
    #: The name and the identifiers' header of each piece, by its place: said once a
    #: piece, not once a number.
    pieces: dict[int, tuple[str, str]] = attrs.Factory(dict)
    #: On Dask, a bucket's share of each piece's numbers, by record group: their
    #: :func:`_hashes_of` hashes alone (sorted uint64 arrays, 8 bytes a number, not its
    #: text), which find the hashes met twice (:func:`_twice`).
    hashes: dict[str, list[Any]] = attrs.Factory(dict)

    def __sizeof__(self) -> int:
        """About the bytes of its rows and numbers, as Dask's ``sizeof`` asks.

        Dask's scheduler runs a task where its inputs' bytes are: taken for a small
        object (``sys.getsizeof``), a reading task's rows were fetched to the other
        worker for a task that only picks its numbers (0.8 s at 10M rows).
        """
        held = object.__sizeof__(self)
        for parts in self.rows.tables.values():
            held += sum(table.nbytes + of_row.nbytes for table, of_row in parts)
        for listed in self.ids.values():
            held += sum(ids.keys.nbytes + ids.rows.nbytes for ids in listed)
        for hashes in self.hashes.values():
            held += sum(part.nbytes for part in hashes)
        return held


@attrs.frozen
class _Ids:
    """One piece's decision numbers of one record group, held as Arrow text, not Python strings.

    Each distinct number once, with its first row; the rows that give a number a
    second time in the piece are few (each is a problem), and kept as Python values.
    Which of them is given again *across* pieces is decided once every piece is read
    (:func:`_given_again`), in one pass over the numbers of all of them.
    """

    #: The piece's place among the pieces: the earlier one is the one given first.
    order: int
    #: The piece's distinct numbers (trimmed, blanks left out), in the order of their first rows.
    keys: Any
    #: Each number's first row (0: the first row below the header), an int64 array.
    rows: Any
    #: The rows that give a number the piece gave above: (row, number, its first row).
    again: tuple[tuple[int, str, int], ...] = ()
    #: The :func:`_hashes_of` hashes of ``keys``, *sorted* (a uint64 array), made as the
    #: piece is read: what finds the hashes met twice (:func:`_met_twice`) and is dealt
    #: into buckets, neither sorting them again (that cost 0.75 s of 8 at 10M rows);
    #: None: hashed and sorted when asked.
    hashes: Any = None

    def met(self, twice: Any) -> _Ids:
        """The numbers whose hash is among ``twice`` (a sorted uint64 array), and every row given again.

        What :func:`_given_again` needs of the piece once the hashes met twice are
        known: few numbers, the rest of its numbers given once of all. Its numbers
        are hashed again, in their order, only if one of ``twice`` is among them.
        """
        import numpy as np  # noqa: PLC0415

        if self.meets(twice):
            hashes = _hashes_of(self.keys)
            at = np.searchsorted(twice, hashes)
            np.minimum(at, len(twice) - 1, out=at)
            kept = np.flatnonzero(twice[at] == hashes)
        else:
            kept = np.zeros(0, dtype=np.int64)
        return _Ids(self.order, _taken(self.keys, kept), self.rows[kept], self.again)

    def meets(self, twice: Any) -> bool:
        """Whether a hash of ``twice`` (a sorted uint64 array) is among those of its numbers."""
        import numpy as np  # noqa: PLC0415

        hashes = self.hashed()
        if not len(twice) or not len(hashes):
            return False
        at = np.minimum(np.searchsorted(hashes, twice), len(hashes) - 1)
        return bool((hashes[at] == twice).any())

    def hashed(self) -> Any:
        """The :func:`_hashes_of` hashes of ``keys``, sorted."""
        import numpy as np  # noqa: PLC0415

        return np.sort(_hashes_of(self.keys)) if self.hashes is None else self.hashes


#: An odd multiplier of the hash that deals the numbers into buckets (murmur3's).
_MULTIPLIER: Final = 0xFF51AFD7ED558CCD


def _bucket_of(hashes: Any, buckets: int) -> Any:
    """Each hash's bucket (of at most 2**32): its range of hashes, the same in every process.

    By range, not by a remainder: the buckets of sorted hashes are then in order too,
    and each bucket's share of a sorted array is a slice of it.
    """
    import numpy as np  # noqa: PLC0415

    shift = np.uint64(32)
    return ((hashes >> shift) * np.uint64(buckets)) >> shift


def _dealt_hashes(ordered: Any, buckets: int) -> list[Any]:
    """Hashes, sorted (``_Ids.hashes``), cut into each bucket's share (:func:`_bucket_of`)."""
    import numpy as np  # noqa: PLC0415

    cuts = np.searchsorted(_bucket_of(ordered, buckets), np.arange(buckets + 1, dtype=np.uint64))
    return [ordered[cuts[bucket] : cuts[bucket + 1]] for bucket in range(buckets)]


def _hashes_of(keys: Any) -> Any:
    """Each text's 64-bit hash of its UTF-8 bytes, as a uint64 array.

    Computed over the Arrow buffers in numpy, never a Python string per number; the
    same in every process. A text is hashed eight bytes at a time (its bytes,
    zero-padded to whole words, read as little-endian words): an exclusive or, a
    multiply and a shift per word, seeded with the length so that a padding of zeros
    is not the text's own; a blank hashes to 0. Two texts may share a hash: whoever
    uses it compares the texts of equal hashes.
    """
    import numpy as np  # noqa: PLC0415

    pa = _pa()
    count = len(keys)
    if not count:
        return np.zeros(0, dtype=np.uint64)
    wide = pa.types.is_large_string(keys.type)
    ends = np.frombuffer(
        keys.buffers()[1], dtype=np.int64 if wide else np.int32, count=keys.offset + count + 1
    )[keys.offset :]
    first, size = int(ends[0]), int(ends[-1]) - int(ends[0])
    lengths = np.diff(ends).astype(np.int64)
    mixed = lengths.astype(np.uint64)
    if size:
        # The bytes with a word of zeros after them, so that a word read at any text's
        # last bytes stays inside; then read as a word at every byte (a view, not a copy).
        padded = np.zeros(size + 8, dtype=np.uint8)
        padded[:size] = np.frombuffer(keys.buffers()[2], dtype=np.uint8, count=first + size)[first:]
        words = np.ndarray((size + 1,), dtype="<u8", buffer=padded, strides=(1,))
        starts = ends[:-1].astype(np.int64) - first
        multiplier, shift, masks = np.uint64(_MULTIPLIER), np.uint64(32), _kept_bytes()
        for word in range(-(-int(lengths.max()) // 8)):
            left = lengths - 8 * word
            rows = np.flatnonzero(left > 0)
            every = len(rows) == count
            at, left = (starts, left) if every else (starts[rows], left[rows])
            # The text's next word, its bytes past the text's end zeroed (the padding).
            mixing = mixed if every else mixed[rows]
            mixing ^= words[at + 8 * word] & masks[np.minimum(left, 8)]
            mixing *= multiplier
            mixing ^= mixing >> shift
            if not every:
                mixed[rows] = mixing
        # A last round, so that the low bits (the buckets) depend on the last word's high ones.
        mixed *= multiplier
        mixed ^= mixed >> shift
    mixed[lengths == 0] = 0
    return mixed


@functools.cache
def _kept_bytes() -> Any:
    """The masks keeping a word's first 0 to 8 bytes (little-endian: its low bytes)."""
    import numpy as np  # noqa: PLC0415

    return np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=np.uint64)


def _ids_of(
    table: Any, found: Mapping[int, Any], order: int, encodings: Mapping[int, _Encoded]
) -> _Ids | None:
    """The piece's :class:`_Ids`: the problems :func:`_repeated` finds, from a hash of each number.

    ``encodings`` holds the numbers' column as the checks read it (trimmed once,
    not hashed: a value a row); each given number is hashed (:func:`_hashes_of`),
    and only the numbers whose hash the piece meets twice are compared by their
    text, not every number sorted as text.
    """
    import numpy as np  # noqa: PLC0415

    index = next((i for i, column in found.items() if column.key == "id"), None)
    if index is None:
        return None
    encoded = encodings.get(index) or _encoded(_strings(table.column(index)), hashed=False)
    # The rows whose number is given, and each one's trimmed text.
    given = np.flatnonzero(~encoded.blank[encoded.codes])
    if encoded.of_rows:
        texts = (
            encoded.trimmed if len(given) == len(encoded.codes) else _taken(encoded.trimmed, given)
        )
    else:
        texts = _taken(encoded.trimmed, encoded.codes[given])
    texts = texts.cast(_pa().string())
    hashes = _hashes_of(texts)
    ordered = np.sort(hashes)
    twice = ordered[1:][ordered[1:] == ordered[:-1]]
    if not len(twice):
        return _Ids(order, texts, given.astype(np.int64), (), ordered)
    del ordered
    # In the rows' order, a number's first row keeps it; a later row gives it again.
    met = np.flatnonzero(np.isin(hashes, twice))
    first: dict[str, int] = {}
    again: list[tuple[int, str, int]] = []
    later = np.zeros(len(given), dtype=bool)
    for at, text in zip(met.tolist(), _taken(texts, met).to_pylist(), strict=True):
        if text in first:
            again.append((int(given[at]), text, int(given[first[text]])))
            later[at] = True
        else:
            first[text] = at
    kept = ~later
    return _Ids(
        order,
        texts.filter(from_numpy(kept)),
        given[kept].astype(np.int64),
        tuple(again),
        np.sort(hashes[kept]),
    )


def _taken(texts: Any, positions: Any) -> Any:
    """``texts`` at ``positions`` (numpy), without pyarrow's conversion of numpy (which imports pandas)."""
    import numpy as np  # noqa: PLC0415

    return texts.take(from_numpy(np.asarray(positions, dtype=np.int64)))


def _given_again(
    ids: Mapping[str, list[_Ids]], pieces: Mapping[int, tuple[str, str]]
) -> list[TableProblem]:
    """Every row whose decision number an earlier row gives, in its piece or an earlier one.

    The problems of :func:`~enforcement_core.tables._read.repeated_ids` run over the
    pieces in their order, each naming the number's first row of all; found from the
    64-bit hash each piece made of its distinct numbers (8 bytes a number, not a Python
    set of them), sorted a range of hashes at a time (:func:`_met_twice`), the numbers
    of equal hashes then compared exactly.
    """
    problems: list[TableProblem] = []

    def problem(order: int, row: int, key: str, first: tuple[int, int]) -> TableProblem:
        (name, header), (name_first, _) = pieces[order], pieces[first[0]]
        return given_again((name, row + 2), header, key, (name_first, first[1] + 2))

    for given in ids.values():
        listed = sorted(given, key=lambda i: i.order)
        first_of: dict[str, tuple[int, int]] = {}
        if len(listed) > 1:
            # Each piece's numbers are distinct: a number in two pieces is a hash met twice.
            # The few numbers whose hash is met twice are then compared by their text.
            twice = _met_twice([piece.hashed() for piece in listed], presorted=True)
            later: list[tuple[int, int, str]] = []
            # In the pieces' order, then the rows', a number's first place is the first of all.
            for piece in listed if len(twice) else ():
                met = piece.met(twice)
                for row, key in zip(met.rows.tolist(), met.keys.to_pylist(), strict=True):
                    where = (piece.order, row)
                    if key in first_of:
                        later.append((*where, key))
                    else:
                        first_of[key] = where
            problems += [problem(o, row, key, first_of[key]) for o, row, key in later]
        for piece in listed:
            problems += [
                problem(piece.order, row, key, first_of.get(key, (piece.order, own)))
                for row, key, own in piece.again
            ]
    return problems


#: The hashes sorted together at once, at most: about 2 MiB, so that the temporaries of
#: finding the hashes met twice stay small and are reused, not fresh memory a province's size.
_RANGE: Final = 1 << 18


def _met_twice(hashes: list[Any], *, presorted: bool = False) -> Any:
    """The hashes met more than once among the arrays ``hashes`` (each once in its array).

    Each array is sorted (unless ``presorted``: each already is), cut at the same
    bounds into ranges of hashes, and each range of every array sorted together: the
    duplicates of a range are neighbours. The hashes are spread evenly, so each range
    holds about ``_RANGE`` of them.
    """
    import numpy as np  # noqa: PLC0415

    none = np.zeros(0, dtype=np.uint64)
    total = sum(len(h) for h in hashes)
    ranges = max(1, total // _RANGE)
    # A piece's hashes and a bucket's shares come sorted (_Ids.hashes, _dealt_hashes):
    # sorting them again was half its time.
    ordered = hashes if presorted else [np.sort(h) for h in hashes]
    bounds = np.arange(1, ranges, dtype=np.uint64) * np.uint64((2**64 - 1) // ranges)
    cuts = [np.concatenate([[0], np.searchsorted(h, bounds), [len(h)]]) for h in ordered]
    found = []
    for at in range(ranges):
        # A range is a sorted run of each array's: a stable sort (a merge of runs, not a
        # quicksort of the whole) sorts 40 runs of a province's 10M hashes 4 times faster.
        met = np.sort(
            np.concatenate(
                [none, *(h[c[at] : c[at + 1]] for h, c in zip(ordered, cuts, strict=True))]
            ),
            kind="stable",
        )
        found.append(met[1:][met[1:] == met[:-1]])
    return np.unique(np.concatenate(found))


@attrs.define
class _Read:
    """What reading one piece gives, before its bodies' rows are summarised."""

    problems: list[TableProblem] = attrs.Factory(list)
    #: Each body's name given with a credit code, and the keys its rows went to.
    keys_of: dict[str, set[str]] = attrs.Factory(dict)
    #: The record group of the table (``"penalty_cases"``), ``None`` if refused by its header.
    field: str | None = None
    #: The piece's bodies: each key and body, by the index ``of_row`` gives.
    bodies: list[tuple[str, EnforcementBody]] = attrs.Factory(list)
    #: The typed records of the year, in the columns the figures are computed from.
    table: Any = None
    #: Each row of ``table``: its body's index in ``bodies``.
    of_row: Any = None
    #: The figures the table cannot count (its missing columns).
    unknown: tuple[str, ...] = ()
    ids: _Ids | None = None
    #: The header of the piece's decision numbers.
    header: str = ""


def _read(
    table: Any, name: str, reading: _Reading, order: int, known: _Known | None = None
) -> _Read:
    """One piece checked, its typed rows split by body: what each piece gives to :class:`_Gathering`.

    ``known`` holds the bodies found in earlier pieces, by their code and name.
    """
    problems: list[TableProblem] = []
    header = [str(h) for h in table.column_names]
    published = recognise(header, reading.mapping)
    if published is None:
        problems.append(
            TableProblem.at(
                name,
                1,
                None,
                None,
                "not a 双公示 penalty or licensing table: its headers are of none of the "
                f"published layouts ({'、'.join(published_layouts())}); a mapping= may complete them",
                "不是双公示行政处罚或行政许可表：表头不符合任何已知的公示表格式",
            )
        )
        return _Read(problems)
    found = _columns_of(
        name, header, published.columns, reading.mapping, problems, ignored=published.ignored()
    )
    if found is None:
        return _Read(problems)
    cells: dict[str, Any] = {}
    encodings: dict[int, _Encoded] = {}
    keys_of: dict[str, set[str]] = {}
    found_bodies: list[tuple[list[tuple[str, EnforcementBody]], Any]] = []

    def of_the_year(kept: Any, fields: Mapping[str, Any]) -> Any:
        """The rows counted: of a body with a level, of the year; the typed table is made of them alone."""
        import numpy as np  # noqa: PLC0415

        bodies, of_row = _bodies(
            cells,
            reading,
            (name, published.body_header()),
            problems,
            keys_of,
            {} if known is None else known,
        )
        mask = of_row >= 0
        dates = fields.get(_DATED.get(published.field, ""))
        if dates is not None:
            # Only the year's rows are counted; the others are not held until the end.
            first, last = dt.date(reading.year, 1, 1), dt.date(reading.year, 12, 31)
            in_year = np.fromiter(
                (d is not None and first <= d <= last for d in dates.distinct),
                bool,
                len(dates.distinct),
            )
            mask &= in_year[dates.codes[kept]]
        found_bodies.append((bodies, of_row[mask]))
        counted = kept.copy()
        counted[np.flatnonzero(kept)[~mask]] = False
        return counted

    # The records' numbers and parties are checked, and counted by no figure: not made.
    typed = _national(
        name,
        table,
        found,
        published,
        problems,
        cells=cells,
        wanted=_summed,
        encodings=encodings,
        narrow=of_the_year,
    ).make()
    ids = _ids_of(table, found, order, encodings)
    id_header = next((c.header() for c in found.values() if c.key == "id"), "")
    ((bodies, of_row),) = found_bodies
    unknown = tuple(unknown_of(published, (column.key for column in found.values())))
    return _Read(problems, keys_of, published.field, bodies, typed, of_row, unknown, ids, id_header)


def _summed(column: str) -> bool:
    """Whether a figure counts a column of the typed records: not the numbers, not the parties."""
    return column != "id" and "." not in column


#: The report's field of each record group a national table holds, its figures, and its records' class.
_SUMMED: Final[dict[str, tuple[str, type[PenaltyFigures | LicensingFigures], type]]] = {
    "penalty_cases": ("penalty", PenaltyFigures, PenaltyCase),
    "licence_applications": ("licensing", LicensingFigures, LicenceApplication),
}

#: The column of the date that places a record of each group in its year.
_DATED: Final = {field: dated for field, (_, dated) in GROUPED.items()}


@attrs.define
class _Gathering:
    """Pieces read one after another: each body's rows kept until its one partial is made.

    A body's rows across every piece become one :class:`~enforcement_core.partials.Partial`
    (one per body and table layout, merged), not one per body and piece: a partial
    costs checks, and a province has a thousand bodies in each of hundreds of pieces.
    """

    reading: _Reading
    problems: list[TableProblem] = attrs.Factory(list)
    keys_of: dict[str, set[str]] = attrs.Factory(dict)
    ids: dict[str, list[_Ids]] = attrs.Factory(dict)
    pieces: dict[int, tuple[str, str]] = attrs.Factory(dict)
    rows: _Rows = attrs.Factory(_Rows)
    #: The bodies found so far, by their code and name: each found once, not once a piece.
    known: _Known = attrs.Factory(dict)

    def add(self, read: _Read, name: str, order: int) -> None:
        """Take one piece's reading in."""
        self.problems.extend(read.problems)
        for body_name, keys in read.keys_of.items():
            self.keys_of.setdefault(body_name, set()).update(keys)
        if read.field is None:
            return
        self.pieces[order] = (name, read.header)
        if read.ids is not None:
            self.ids.setdefault(read.field, []).append(read.ids)
        places = self.rows.places(read.bodies, read.unknown)
        if read.table is not None and read.table.num_rows:
            self.rows.add(read.field, read.table, places[read.of_row])

    def piece(self) -> _Piece:
        """The pieces' bodies' rows, with their problems, names and numbers."""
        return _Piece(
            rows=self.rows,
            problems=self.problems,
            keys_of=self.keys_of,
            ids=self.ids,
            pieces=self.pieces,
        )


def piece_partials(  # noqa: PLR0913  (the table, its name, and how its bodies are found)
    table: Any,
    name: str,
    *,
    year: int,
    hierarchy: BodyHierarchy | None = None,
    level: BodyLevel | None = None,
    mapping: Mapping[str, str | tuple[str, str]] | None = None,
    seen: Seen | None = None,
) -> tuple[dict[str, Partial], list[TableProblem]]:
    """One piece's partials by body, and its problems.

    ``table`` is an Arrow table of a 双公示 penalty or licensing table (cells as
    text, or typed); ``name`` names it in problems. A body is keyed by the
    hierarchy's code for it (found by its credit code, else by its name), else
    by its credit code, else by its name. A body the hierarchy does not know
    takes ``level``; without one, its rows are left out and one problem says so.
    A decision number given twice is a problem of its second row; ``seen`` carries
    the numbers of earlier pieces, so that a number in two pieces is one too.
    """
    reading = _Reading(year, hierarchy, level, mapping)
    with engine_memory():
        read = _read(table, name, reading, 0)
        gathering = _Gathering(reading)
        gathering.add(read, name, 0)
        piece = gathering.piece()
        partials = piece.rows.partials(year)
    problems = list(piece.problems)
    if read.ids is not None and read.field is not None:
        earlier = ({} if seen is None else seen).setdefault(read.field, {})
        again: list[tuple[int, TableProblem]] = []
        ids = read.ids
        for row, key in zip(ids.rows.tolist(), ids.keys.to_pylist(), strict=True):
            if key in earlier:
                again.append((row, given_again((name, row + 2), read.header, key, earlier[key])))
            else:
                earlier[key] = (name, row + 2)
        again += [
            (row, given_again((name, row + 2), read.header, key, earlier[key]))
            for row, key, _ in ids.again
        ]
        problems += [p for _, p in sorted(again, key=lambda pair: pair[0])]
    return partials, problems


def _filled_codes(names: Any, codes: Any, named: Any, coded: Any) -> Any:
    """The bodies' credit codes (as codes among ``coded``), a blank one filled from the body's other rows.

    A body whose code some rows give and others leave blank is one body, not two
    (one keyed by its code, one by its name): the blank rows take the code the others
    give it, when they give it only one. ``names`` and ``codes`` are each row's
    position among the distinct values ``named`` and ``coded``; a blank is ``None``.
    """
    import numpy as np  # noqa: PLC0415  (pyarrow's own dependency)

    given_name = np.array([bool(v) for v in named], dtype=bool)[names]
    given_code = np.array([bool(v) for v in coded], dtype=bool)[codes]
    width = len(coded)
    both = given_name & given_code
    # Each name's least and greatest code: a name given with exactly one code lends it.
    # (Not a count of every name and code pair: a thousand bodies make a million pairs,
    # and fresh memory of that size costs more than the rows.)
    least = np.full(len(named), width, dtype=np.int64)
    most = np.full(len(named), -1, dtype=np.int64)
    np.minimum.at(least, names[both], codes[both])
    np.maximum.at(most, names[both], codes[both])
    lent = np.where(least == most, least, -1)
    filled = np.array(codes, dtype=np.int64)
    blank = ~given_code & (lent[names] >= 0)
    filled[blank] = lent[names[blank]]
    return filled


def _canonical(distinct: list[Any], codes: Any) -> tuple[list[Any], Any]:
    """Each row's code among the distinct values, equal values one code (cells read alike)."""
    import numpy as np  # noqa: PLC0415

    first: dict[Any, int] = {}
    remap = np.array([first.setdefault(value, n) for n, value in enumerate(distinct)], np.int64)
    return list(distinct), remap[np.asarray(codes, dtype=np.int64)]


#: Each body found, by the credit code and the name its rows give: its key and body, or
#: None when it is in no hierarchy and no level is given.
_Known = dict[tuple[Any, Any], tuple[str, EnforcementBody] | None]


def _bodies(  # noqa: PLR0913, PLR0917  (the cells, how bodies are found, and where they go)
    cells: dict[str, Any],
    reading: _Reading,
    where_in: tuple[str, str],
    problems: list[TableProblem],
    keys_of: dict[str, set[str]],
    known: _Known,
) -> tuple[list[tuple[str, EnforcementBody]], Any]:
    """The piece's bodies (key and body, in the order of their first rows), and each typed row's.

    Each row of the typed table (which holds the kept rows only) gets its body's
    index among the bodies; a row left out (its body has no level) gets -1.
    ``keys_of`` gets each body's name given with a credit code, and its key.
    """
    import numpy as np  # noqa: PLC0415

    hierarchy, level = reading.hierarchy, reading.level
    name, header = where_in
    kept = np.asarray(cells["_kept"], dtype=bool)
    none: tuple[list[Any], Any] = ([None], np.zeros(len(kept), dtype=np.int64))
    named, names = cells.get("body") or none
    coded, codes = cells.get("body_code") or none
    named, names = _canonical(named, names)
    coded, codes = _canonical(coded, codes)
    codes = _filled_codes(names, codes, named, coded)
    # Each (code, name) pair of the kept rows (counted, not sorted: a piece's bodies are
    # few), in the order of its first row.
    first, group_of = _grouped(_pairs(codes, names, len(coded), len(named), kept), kept)
    distinct = codes[first] * len(named) + names[first]
    inverse = group_of[kept]
    sizes = np.bincount(inverse, minlength=len(distinct))
    of_pair = np.full(len(distinct), -1, dtype=np.int64)
    index: dict[str, int] = {}
    bodies: list[tuple[str, EnforcementBody]] = []
    for group in np.argsort(first, kind="stable").tolist():
        value = int(distinct[group])
        code, body_name = coded[value // len(named)], named[value % len(named)]
        if (code, body_name) not in known:
            known[code, body_name] = _body_of(code, body_name, hierarchy, level)
        found = known[code, body_name]
        if found is not None:
            key, body = found
        else:
            where = "the hierarchy" if hierarchy is not None else "no hierarchy (none given)"
            problems.append(
                TableProblem.at(
                    name,
                    int(first[group]) + 2,
                    header,
                    code or body_name,
                    f"the body {body_name!r} ({code or 'no credit code'}) is in {where}, and no "
                    f"level is given for bodies outside it: its {int(sizes[group])} rows are left out",
                    f"执法主体{body_name}不在机构层级表中，且未给出其层级：{int(sizes[group])}行未计入",
                )
            )
            continue
        if code and body_name:
            keys_of.setdefault(body_name, set()).add(key)
        # A key met again (a body by its code and by its name) keeps its first body, as
        # its rows are one body's.
        if key not in index:
            index[key] = len(bodies)
            bodies.append((key, body))
        of_pair[group] = index[key]
    return bodies, of_pair[inverse] if len(inverse) else np.zeros(0, dtype=np.int64)


def _pairs(codes: Any, names: Any, coded: int, named: int, kept: Any) -> Any:
    """A number for each row's pair of ``codes`` and ``names`` (of ``coded`` and ``named`` values), equal for equal pairs.

    A code given with one name among the ``kept`` rows (the usual body) is its pair's
    number; the few codes given with many names (a blank one) number each of their
    pairs after them. The numbers stay below about as many as the bodies, where
    numbering every pair (code × names + name) makes a thousand bodies a million
    numbers, each counted in fresh memory a piece.
    """
    import numpy as np  # noqa: PLC0415

    least = np.full(coded, named, dtype=np.int64)
    most = np.full(coded, -1, dtype=np.int64)
    np.minimum.at(least, codes[kept], names[kept])
    np.maximum.at(most, codes[kept], names[kept])
    # A code of no kept row numbers its rows alone too: they are not grouped.
    alone = (least == most) | (most < 0)
    many = np.cumsum(~alone) - 1
    return np.where(alone[codes], codes, coded + many[codes] * named + names)


def _body_of(
    code: Any, name: Any, hierarchy: BodyHierarchy | None, level: BodyLevel | None
) -> tuple[str, EnforcementBody] | None:
    """The key and body of the rows giving ``code`` and ``name``; None if no level is given for it."""
    key = None
    if hierarchy is not None:
        key = (hierarchy.key(code) if code else None) or hierarchy.key(name or "")
    if key is not None and hierarchy is not None:
        return key, hierarchy.body(key)
    if level is not None:
        key = code or name or ""
        return key, EnforcementBody(name or key, level)
    return None


@_in_task_memory
def _merged(*pieces: _Piece) -> _Piece:
    """Pieces merged: bodies' rows, problems, names and decision numbers together."""
    merged = _Piece()
    for piece in pieces:
        merged.rows.merge(piece.rows)
        for key, counted in piece.counted.items():
            merged.counted[key] = (
                _counted_added(merged.counted[key], counted) if key in merged.counted else counted
            )
        merged.problems.extend(piece.problems)
        merged.pieces.update(piece.pieces)
        for name, keys in piece.keys_of.items():
            merged.keys_of.setdefault(name, set()).update(keys)
        for field, ids in piece.ids.items():
            merged.ids.setdefault(field, []).extend(ids)
        for field, hashes in piece.hashes.items():
            merged.hashes.setdefault(field, []).extend(hashes)
    return merged


def _moved(key: str, keys_of: Mapping[str, set[str]]) -> str:
    """A body's key, moved to its code's when it is keyed by its name and its other rows give one code."""
    keys = keys_of.get(key, set())
    return next(iter(keys)) if len(keys) == 1 else key


def _rekeyed(
    partials: Mapping[str, Partial], keys_of: Mapping[str, set[str]]
) -> dict[str, Partial]:
    """The partials of a body keyed by its name moved to its code's key, when its other rows give one code.

    A body whose credit code one piece gives and another leaves blank is one body,
    as it is within a piece (``_filled_codes``).
    """
    moved: dict[str, Partial] = {}
    for key, partial in partials.items():
        to = _moved(key, keys_of)
        moved[to] = merge(moved[to], partial) if to in moved else partial
    return moved


def _counted_rekeyed(
    counted: Mapping[str, list[_Counted]], keys_of: Mapping[str, set[str]]
) -> dict[str, list[_Counted]]:
    """The counts of a body keyed by its name moved to its code's key, as :func:`_rekeyed` moves partials."""
    moved: dict[str, list[_Counted]] = {}
    for key, each in counted.items():
        to = _moved(key, keys_of)
        moved[to] = _counted_added(moved[to], each) if to in moved else each
    return moved


@_in_task_memory
def _finished(
    piece: _Piece, keys_of: Mapping[str, set[str]], year: int
) -> dict[str, AnnualReport] | list[TableProblem]:
    """Each body's report of its one partial; or, if the pieces had any, their problems.

    The decision numbers given twice are found here, once all the pieces (of a
    bucket, on a cluster) are together.
    """
    partials = _rekeyed(piece.rows.partials(year), keys_of)
    for key, counted in piece.counted.items():
        partial = _partial_counted(counted, year)
        partials[key] = merge(partials[key], partial) if key in partials else partial
    problems = piece.problems + _given_again(piece.ids, piece.pieces)
    if problems:
        return problems
    return {key: partial.finish() for key, partial in partials.items()}


def _gathered(
    parts: Iterable[dict[str, AnnualReport] | list[TableProblem]],
    hierarchy: BodyHierarchy | None,
    source: object,
) -> dict[str, AnnualReport]:
    """The finished parts together, in the hierarchy's order, then by key.

    Raises:
        LoadError: Every problem of every part, each once.
    """
    reports: dict[str, AnnualReport] = {}
    problems: list[TableProblem] = []
    for part in parts:
        if isinstance(part, list):
            problems.extend(part)
        else:
            reports.update(part)
    if problems:
        raise LoadError(_unique(problems), source=_shown(source))
    order = {code: index for index, code in enumerate(hierarchy.nodes)} if hierarchy else {}
    keys = sorted(reports, key=lambda key: (order.get(key, len(order)), key))
    return {key: reports[key] for key in keys}


# Pieces -----------------------------------------------------------------------------


def _files(source: _Source | Iterable[_Source]) -> list[tuple[str, _Source]]:
    """The pieces of a source: its files (a directory's, recursively), each with its name."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if path.is_dir():
            # Every other file is a piece too, refused by its name: never skipped unsaid.
            return [
                (str(file.relative_to(path)), file)
                for file in sorted(path.rglob("*"))
                if file.is_file()
                and not any(part.startswith(_HIDDEN) for part in file.relative_to(path).parts)
            ]
        return [(path.name, path)]
    if isinstance(source, io.IOBase) or hasattr(source, "read"):
        return [(str(getattr(source, "name", "") or "table"), source)]  # type: ignore[list-item]
    pieces: list[tuple[str, _Source]] = []
    for index, item in enumerate(source):
        named = _files(item)
        pieces.extend(
            (f"table {index + 1}" if shown == "table" else shown, piece) for shown, piece in named
        )
    return pieces


def _table_of(name: str, piece: _Source, reading: _Reading) -> Any:
    """The Arrow table of one file."""
    kind = kind_of(piece, name)
    suffix = Path(name).suffix.lower()
    if kind not in {"parquet", "csv"} or (suffix and suffix not in _SUFFIXES):
        raise LoadError(
            [
                TableProblem.at(
                    name,
                    None,
                    None,
                    None,
                    "not a piece of a dataset: the pieces are CSV or Parquet files "
                    f"({', '.join(_SUFFIXES)}); save it as one of them",
                    "不是数据集的分片：分片须为CSV或Parquet文件；请另存为其中一种",
                )
            ],
            source=name,
        )
    # Read dictionary-encoded as read_columnar reads a national table: each column's
    # distinct cells hashed once as they are read, not a string a row hashed after.
    return _arrow_sheets(piece, kind, name, reading.mapping, _to_encode(name, reading.mapping))[0][
        1
    ]


@attrs.frozen
class _Reading:
    """What every piece is read with: the year, and how its bodies are found."""

    year: int
    hierarchy: BodyHierarchy | None
    level: BodyLevel | None
    mapping: Mapping[str, str | tuple[str, str]] | None


def _file_read(name: str, piece: _Source, reading: _Reading, order: int, known: _Known) -> _Read:
    try:
        table = _table_of(name, piece, reading)
    except LoadError as error:
        return _Read([p for p in error.problems if isinstance(p, TableProblem)])
    return _read(table, name, reading, order, known)


def _files_piece(items: list[tuple[int, str, _Source]], reading: _Reading) -> _Piece:
    """Files read one after another (their places among the pieces given), each body one partial.

    Read in the column engine's memory, as ``read_columnar`` reads
    (:func:`~enforcement_core._arrow.engine_memory`), in a heap kept for the
    task (:func:`~enforcement_core._arrow.roomy_heap`) where the process trims
    malloc's memory, as distributed starts Dask's workers.
    """
    with roomy_heap(), engine_memory():
        gathering = _Gathering(reading)
        for order, name, piece in items:
            gathering.add(_file_read(name, piece, reading, order, gathering.known), name, order)
        return gathering.piece()


@_in_task_memory
def _frames_piece(frames: list[Any], orders: list[int], reading: _Reading) -> _Piece:
    """Partitions of a dask DataFrame read one after another, each body one partial."""
    gathering = _Gathering(reading)
    for frame, order in zip(frames, orders, strict=True):
        name = f"partition {order}"
        table = _pa().Table.from_pandas(frame, preserve_index=False)
        gathering.add(_read(table, name, reading, order, gathering.known), name, order)
    return gathering.piece()


def _is_dask_frame(source: object) -> bool:
    return hasattr(source, "to_delayed") and hasattr(source, "npartitions")


# The two ways -----------------------------------------------------------------------


def summarize_partitions(
    source: _Source | Iterable[_Source],
    *,
    year: int,
    hierarchy: BodyHierarchy | None = None,
    level: BodyLevel | None = None,
    mapping: Mapping[str, str | tuple[str, str]] | None = None,
) -> dict[str, AnnualReport]:
    """Every body's report from a dataset's pieces, one after another in this process.

    Each body's checked rows of the year are kept, in the few typed columns its
    figures are counted from, until every piece is read; each body then makes one
    partial. A decision number given in two pieces is found once they are all read.

    Args:
        source: A directory of Parquet or CSV files (read recursively, as a
            partitioned dataset is laid out), a file, an open binary file, or
            a list of them.
        year: The year to summarise; records of other years are not counted.
        hierarchy: Names each body and gives its key (its code in the table).
        level: The level of the bodies the hierarchy does not name (or all of
            them, without a hierarchy).
        mapping: Headers of the files mapped to the published tables' columns by key,
            an amount's with its unit (``{"罚款金额（元）": ("fine", "元")}``), as
            :func:`~enforcement_core.read_ledger` takes it.

    Returns:
        Each body's report by its key, in the hierarchy's order, then by key.

    Raises:
        LoadError: Every problem of every piece, each with its file and row.
    """
    reading = _Reading(year, hierarchy, level, mapping)
    items = [(order, name, piece) for order, (name, piece) in enumerate(_files(source))]
    with engine_memory():
        piece = _files_piece(items, reading)
        return _gathered([_finished(piece, piece.keys_of, year)], hierarchy, source)


def summarize_dask(  # noqa: PLR0913  (the source, the year, how bodies are found, the tree)
    source: Any,
    *,
    year: int,
    hierarchy: BodyHierarchy | None = None,
    level: BodyLevel | None = None,
    mapping: Mapping[str, str | tuple[str, str]] | None = None,
    split_every: int = 8,
    split_out: int = 8,
    tasks: int | None = None,
    profile: bool = False,
) -> dict[str, AnnualReport]:
    """Every body's report from a dataset's pieces, mapped to a Dask cluster's workers.

    The same as :func:`summarize_partitions`, with ``source`` also a dask
    DataFrame (each partition a piece). The pieces are dealt, in their order, into
    ``tasks`` reading tasks (by default one for each thread of the cluster's
    workers), each of which reads its pieces one after another and makes one partial
    per body, as :func:`summarize_partitions` does. The bodies are then dealt into
    ``split_out`` buckets (by a hash of their key, the same in every process), and
    the decision numbers' 64-bit hashes too (by their range); each bucket's partials
    are merged ``split_every`` at a time in a tree of their own and finished on a
    worker, so that no one task merges or finishes every body of a province, nor
    holds every decision number. Only the numbers whose hash a bucket meets twice
    are then sent as text, to the one task that compares them. Dask runs it on the
    client active in this process (a ``distributed.Client``), else on its default
    scheduler.

    On a worker started with ``MALLOC_TRIM_THRESHOLD_`` (distributed's default),
    each task keeps glibc's heap while it runs and gives the memory back when it
    ends, rather than mapping every array anew (docs/scale.md); the worker's own
    settings are put back after. distributed's statistical profiler, which samples
    each running task's stack a hundred times a second, is paused on the workers of a
    ``distributed.Client`` while the summary runs (it cost each worker 5 to 7% of its
    CPU on this path), and started again after; ``profile=True`` keeps it sampling.

    Needs the ``dask`` extra.

    Raises:
        LoadError: Every problem of every piece, each with its file (or
            partition) and row.
        MissingExtraError: Dask is not installed.
    """
    dask = require("dask", "dask", "Summaries on Dask")
    delayed = dask.delayed
    reading = _shared(dask, _Reading(year, hierarchy, level, mapping))
    if _is_dask_frame(source):
        parts = list(enumerate(source.to_delayed()))
        groups = _dealt_in_order(parts, _tasks(tasks, len(parts)))
        pieces = [
            delayed(_frames_piece)([part for _, part in group], [o for o, _ in group], reading)
            for group in groups
        ]
    else:
        items = [(order, name, piece) for order, (name, piece) in enumerate(_files(source))]
        groups = _dealt_in_order(items, _tasks(tasks, len(items)))
        pieces = [delayed(_files_piece)(group, reading) for group in groups]
    if not pieces:
        return {}
    # At most 2**32 buckets: a body's is a crc32, a number's a hash's top 32 bits.
    split_every, buckets = max(2, split_every), min(max(1, split_out), 2**32)
    # The bodies' names and codes of every piece, a small map, before the bodies are dealt.
    names = [delayed(_names)(piece) for piece in pieces]
    while len(names) > 1:
        names = [
            delayed(_names_merged)(*names[i : i + split_every])
            for i in range(0, len(names), split_every)
        ]
    # Each reading task's bodies are counted as soon as it ends, not once every piece's
    # names are known: a worker that ends its reading first does not wait for the other.
    made = [delayed(_counts_of)(piece, year) for piece in pieces]
    dealt = [
        delayed(_buckets, nout=buckets)(piece, counted, buckets, names[0])
        for piece, counted in zip(pieces, made, strict=True)
    ]
    finished, twice = [], []
    for bucket in range(buckets):
        merging = [each[bucket] for each in dealt]
        while len(merging) > split_every:
            merging = [
                delayed(_merged)(*merging[i : i + split_every])
                for i in range(0, len(merging), split_every)
            ]
        # The tree's last merge finishes its bodies and finds its hashes met twice in one
        # task: three small tasks a bucket, each waiting its turn, were a third of the tail.
        done = delayed(_bucket_done, nout=2)(names[0], year, *merging)
        finished.append(done[0])
        twice.append(done[1])
    # Each reading task's numbers whose hash a bucket met twice go, as text, to one task.
    candidates = [delayed(_candidates)(piece, *twice) for piece in pieces]
    while len(candidates) > 1:
        candidates = [
            delayed(_merged)(*candidates[i : i + split_every])
            for i in range(0, len(candidates), split_every)
        ]
    again = delayed(_again)(candidates[0])
    with _profiler_paused(dask, paused=not profile):
        computed = dask.compute(*finished, again)
    return _gathered(computed, hierarchy, source)


def _tasks(tasks: int | None, pieces: int) -> int:
    """How many reading tasks: as asked, else one for each thread of the cluster; at most one a piece."""
    if tasks is None:
        tasks = _threads()
    return max(1, min(tasks, pieces))


def _client(dask: Any) -> Any:
    """The ``distributed.Client`` that runs Dask's work in this process, or None."""
    try:
        from distributed import default_client  # noqa: PLC0415

        client = default_client()  # type: ignore[no-untyped-call]
    except (ImportError, ValueError):
        return None
    return client if dask.base.get_scheduler() == client.get else None


#: How many summaries have paused each worker's profiler (:func:`_pause_profiler`),
#: on the worker; a worker whose profiler was not sampling is not in it.
_PAUSES: Final[weakref.WeakKeyDictionary[Any, int]] = weakref.WeakKeyDictionary()


@contextlib.contextmanager
def _profiler_paused(dask: Any, *, paused: bool) -> Iterator[None]:
    """The statistical profiler of distributed paused on the client's workers while the block runs.

    Each worker's own periodic callback is stopped on its event loop (where
    ``Client.run`` calls a function) and started again after, counted, so that two
    summaries at once start it once both end; a worker started without the profiler
    (``distributed.worker.profile.enabled: false``), or whose profiler is stopped, is
    left as it is.
    """
    client = _client(dask) if paused else None
    if client is None:
        yield
        return
    # A worker that cannot be reached (or whose profiler cannot be paused) samples on: the
    # summary does not fail for it.
    client.run(_pause_profiler, on_error="ignore")
    try:
        yield
    finally:
        client.run(_resume_profiler, on_error="ignore")


def _pause_profiler(dask_worker: Any) -> None:
    if dask_worker in _PAUSES:
        _PAUSES[dask_worker] += 1
        return
    sampling = dask_worker.periodic_callbacks.get("profile")
    if sampling is not None and sampling.is_running():
        sampling.stop()
        _PAUSES[dask_worker] = 1


def _resume_profiler(dask_worker: Any) -> None:
    paused = _PAUSES.get(dask_worker)
    if paused is None:
        return
    if paused > 1:
        _PAUSES[dask_worker] = paused - 1
        return
    del _PAUSES[dask_worker]
    dask_worker.periodic_callbacks["profile"].start()


def _shared(dask: Any, reading: _Reading) -> Any:
    """``reading`` (with the hierarchy) once for every task, not once a piece.

    On a distributed client it is put on every worker before the tasks start: held
    by one worker as a task's result, the others fetched it from that worker while
    it read its first piece, and started a second later (10M rows, 2 workers).
    """
    client = _client(dask)
    if client is not None:
        # A key of its own (not the content's hash): a run before with the same reading
        # lets its copy go, and would take this one with it.
        return client.scatter(reading, broadcast=True, hash=False)
    return dask.delayed(reading, pure=True)


def _threads() -> int:
    """The threads of the active Dask client's workers; else this machine's cores."""
    try:
        from distributed import default_client  # noqa: PLC0415

        client = default_client()  # type: ignore[no-untyped-call]
    except (ImportError, ValueError):
        return os.cpu_count() or 1
    return max(1, int(sum(client.nthreads().values())))


def _dealt_in_order(items: list[Any], groups: int) -> list[list[Any]]:
    """``items`` cut into ``groups`` runs of neighbours, as even as can be."""
    return [items[len(items) * g // groups : len(items) * (g + 1) // groups] for g in range(groups)]


def _names(piece: _Piece) -> dict[str, set[str]]:
    return piece.keys_of


def _names_merged(*maps: dict[str, set[str]]) -> dict[str, set[str]]:
    merged: dict[str, set[str]] = {}
    for names in maps:
        for name, keys in names.items():
            merged.setdefault(name, set()).update(keys)
    return merged


@_in_task_memory
def _counts_of(piece: _Piece, year: int) -> dict[str, list[_Counted]]:
    """A reading task's bodies' counts, every body's in one pass over its rows (:meth:`_Rows.counted`).

    Made on the worker that read the rows (a body's counts are a few kilobytes; the
    rows, sent instead, cost the workers more memory and CPU than counting them,
    measured at 10M rows), before the bodies' names of every piece are known
    (:func:`_buckets`). The counts, not partials: each body's partial is made once,
    of every task's counts added (:func:`_bucket_done`), where a partial a task,
    merged, made each body's figures and checks two or three times.
    """
    return piece.rows.counted(year)


@_in_task_memory
def _buckets(
    piece: _Piece, counted: dict[str, list[_Counted]], buckets: int, keys_of: dict[str, set[str]]
) -> tuple[_Piece, ...]:
    """``piece`` dealt into ``buckets``: its bodies' counts by a hash of their key, its numbers' hashes by range.

    The piece's problems go with bucket 0. A body is dealt by its key once moved to its code's
    (``_rekeyed``), so that its partials of every reading task meet in one bucket; a
    decision number's hash by itself, so that a number in two pieces meets itself in
    one bucket, whichever bodies gave it. Only the hashes are dealt (8 bytes a
    number): the texts stay with the reading task until a bucket meets a hash twice
    (:func:`_candidates`), where dealing them took each worker about a second at 10M rows.
    """
    dealt = tuple(
        _Piece(problems=piece.problems if bucket == 0 else [], pieces=piece.pieces)
        for bucket in range(buckets)
    )
    for key, each in _counted_rekeyed(counted, keys_of).items():
        dealt[_hashed(key, buckets)].counted[key] = each
    for field, listed in piece.ids.items():
        for ids in listed:
            for bucket, part in enumerate(_dealt_hashes(ids.hashed(), buckets)):
                dealt[bucket].hashes.setdefault(field, []).append(part)
    return dealt


@_in_task_memory
def _bucket_done(
    keys_of: dict[str, set[str]], year: int, *pieces: _Piece
) -> tuple[dict[str, AnnualReport] | list[TableProblem], dict[str, Any]]:
    """A bucket's pieces merged: its bodies' reports (or the problems), and its hashes met twice."""
    piece = _merged(*pieces)
    return _finished(piece, keys_of, year), _twice(piece)


@_in_task_memory
def _twice(piece: _Piece) -> dict[str, Any]:
    """A bucket's hashes of decision numbers met more than once, by record group (few)."""
    return {field: _met_twice(hashes, presorted=True) for field, hashes in piece.hashes.items()}


@_in_task_memory
def _candidates(piece: _Piece, *twice: dict[str, Any]) -> _Piece:
    """A reading task's numbers whose hash some bucket met twice, with its pieces' names.

    Only these (and the rows given again within a piece) are sent on as text: of a
    province's numbers, the few that :func:`_given_again` compares.
    """
    import numpy as np  # noqa: PLC0415

    met: dict[str, Any] = {}
    for found in twice:
        for field, hashes in found.items():
            met.setdefault(field, []).append(hashes)
    ids = {
        field: [
            each.met(np.unique(np.concatenate([np.zeros(0, np.uint64), *met.get(field, [])])))
            for each in listed
        ]
        for field, listed in piece.ids.items()
    }
    return _Piece(ids=ids, pieces=piece.pieces)


def _again(*candidates: _Piece) -> list[TableProblem]:
    """The rows whose decision number an earlier row gives, of every reading task's candidates."""
    merged = _merged(*candidates)
    return _given_again(merged.ids, merged.pieces)


def _hashed(key: str, buckets: int) -> int:
    # crc32, not hash(): the same in every process of the cluster.
    return zlib.crc32(key.encode()) % buckets


def _shown(source: object) -> str:
    if isinstance(source, str | os.PathLike):
        return Path(source).name
    return "the dataset"
