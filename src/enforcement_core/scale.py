r"""Summaries of many bodies from partitioned tables: in one process, or on a Dask cluster.

A province's platform holds the 双公示 penalty and licensing records of every
body in it, as a dataset of Parquet (or CSV) files. Each file, or each
partition of a dask DataFrame, is a *piece*: its rows are checked as
:func:`~enforcement_core.tables.read_columnar` checks them, split by the body
that decided them (处罚机关统一社会信用代码 where given, else 处罚机关), and
summarised into one :class:`~enforcement_core.partials.Partial` per body.
The pieces' partials are merged in a tree and finished into each body's
:class:`~enforcement_core.AnnualReport`, equal figure for figure to summarising
each body's records in one ledger. :meth:`BodyHierarchy.rollup
<enforcement_core.hierarchy.BodyHierarchy.rollup>` then rolls them up to
counties, cities and the province.

:func:`summarize_partitions` does it in this process, piece after piece, with
the memory of one piece; :func:`summarize_dask` maps the pieces to the workers
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

import io
import os
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

import attrs

from enforcement_core._extras import require
from enforcement_core.body import BodyLevel, EnforcementBody
from enforcement_core.errors import LoadError
from enforcement_core.hierarchy import BodyHierarchy
from enforcement_core.ledger import Ledger
from enforcement_core.partials import Partial, merge
from enforcement_core.tables._arrow_files import _arrow_sheets, _pa
from enforcement_core.tables._files import kind_of
from enforcement_core.tables._problems import TableProblem
from enforcement_core.tables._publicity import published_layouts, recognise
from enforcement_core.tables._publicity_columns import _national
from enforcement_core.tables._publicity_rows import unknown_of
from enforcement_core.tables._read import Seen, given_again, id_column
from enforcement_core.tables.columnar import ColumnarLedger, _columns_of, _repeated, _unique

if TYPE_CHECKING:
    from enforcement_core.report import AnnualReport

__all__ = ["piece_partials", "summarize_dask", "summarize_partitions"]

#: The files of a dataset directory that are read, by suffix.
_SUFFIXES: Final = (".parquet", ".pq", ".csv", ".txt")
#: What a dataset's writers leave beside the pieces (_SUCCESS, .crc files), which
#: pyarrow's datasets also pass over.
_HIDDEN: Final = (".", "_")

_Source = str | os.PathLike[str] | IO[bytes]
#: Where an identifier was given: the piece's place among the pieces, and the row.
_Where = tuple[int, int]


@attrs.define
class _Piece:
    """What one piece (or several merged) gives: partials by body key, and its problems."""

    partials: dict[str, Partial] = attrs.Factory(dict)
    problems: list[TableProblem] = attrs.Factory(list)
    #: Each body's name given with a credit code, and the keys its rows went to: a
    #: body's rows without the code, in another piece, go to that key too.
    keys_of: dict[str, set[str]] = attrs.Factory(dict)
    #: On a cluster, where each identifier was first given, by record group: the pieces
    #: are read apart, so a number in two of them is found as they merge.
    ids: dict[str, dict[str, _Where]] = attrs.Factory(dict)
    #: The name and the identifiers' header of each piece whose identifiers are held, by
    #: its place: said once a piece, not once a number.
    pieces: dict[int, tuple[str, str]] = attrs.Factory(dict)


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
    """One piece's partials by body, and its problems: the step each worker runs.

    ``table`` is an Arrow table of a 双公示 penalty or licensing table (cells as
    text, or typed); ``name`` names it in problems. A body is keyed by the
    hierarchy's code for it (found by its credit code, else by its name), else
    by its credit code, else by its name. A body the hierarchy does not know
    takes ``level``; without one, its rows are left out and one problem says so.
    A decision number given twice is a problem of its second row; ``seen`` carries
    the numbers of earlier pieces, so that a number in two pieces is one too.
    """
    piece = _piece(table, name, _Reading(year, hierarchy, level, mapping), seen)
    return piece.partials, piece.problems


def _piece(table: Any, name: str, reading: _Reading, seen: Seen | None) -> _Piece:
    """:func:`piece_partials`, with the names of its bodies and the header of its numbers."""
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
        return _Piece({}, problems)
    found = _columns_of(
        name, header, published.columns, reading.mapping, problems, ignored=published.ignored()
    )
    if found is None:
        return _Piece({}, problems)
    cells: dict[str, Any] = {}
    typed = _national(name, table, found, published, problems, cells=cells)
    field = published.field
    problems += _repeated(field, name, table, found, {} if seen is None else seen)
    body_header = published.body_header()
    keys_of: dict[str, set[str]] = {}
    bodies = _bodies(cells, reading, (name, body_header), problems, keys_of)
    unknown = unknown_of(published, (column.key for column in found.values()))
    partials: dict[str, Partial] = {}
    year = reading.year
    for key, (body, rows) in bodies.items():
        rest = Ledger(body=body, year=year, unknown=unknown)
        ledger = ColumnarLedger(body, year, {field: typed.take(rows)}, rest)
        partials[key] = ledger.partial()
    return _Piece(partials, problems, keys_of)


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
    # Each name with each of its codes once; a name given with exactly one code lends it.
    pairs = np.unique(names[both].astype(np.int64) * width + codes[both])
    of_name = pairs // width
    many = np.bincount(of_name, minlength=len(named))
    lent = np.full(len(named), -1, dtype=np.int64)
    single = many[of_name] == 1
    lent[of_name[single]] = pairs[single] % width
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


def _bodies(
    cells: dict[str, Any],
    reading: _Reading,
    where_in: tuple[str, str],
    problems: list[TableProblem],
    keys_of: dict[str, set[str]],
) -> dict[str, tuple[EnforcementBody, Any]]:
    """Each body's key, its body and the rows of the typed table that are its.

    ``keys_of`` gets each body's name given with a credit code, and its key.
    """
    import numpy as np  # noqa: PLC0415

    pa = _pa()
    hierarchy, level = reading.hierarchy, reading.level
    name, header = where_in
    kept = np.asarray(cells["_kept"], dtype=bool)
    none: tuple[list[Any], Any] = ([None], np.zeros(len(kept), dtype=np.int64))
    named, names = cells.get("body") or none
    coded, codes = cells.get("body_code") or none
    named, names = _canonical(named, names)
    coded, codes = _canonical(coded, codes)
    codes = _filled_codes(names, codes, named, coded)
    # Each (code, name) pair of the kept rows, in the order of its first row, with the
    # positions of its rows in the typed table (which holds the kept rows only).
    pair = codes[kept] * len(named) + names[kept]
    typed_rows = np.arange(len(pair), dtype=np.int64)
    distinct, first, inverse = np.unique(pair, return_index=True, return_inverse=True)
    by_pair = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[by_pair], np.arange(len(distinct) + 1))
    original = np.flatnonzero(kept)
    rows_of: dict[tuple[str | None, str | None], list[int]] = {}
    first_row: dict[tuple[str | None, str | None], int] = {}
    for group in np.argsort(first, kind="stable").tolist():
        value = int(distinct[group])
        key_pair = (coded[value // len(named)], named[value % len(named)])
        rows_of[key_pair] = typed_rows[by_pair[bounds[group] : bounds[group + 1]]].tolist()
        first_row[key_pair] = int(original[first[group]])
    found: dict[str, tuple[EnforcementBody, list[int]]] = {}
    for (code, body_name), rows in rows_of.items():
        key = None
        if hierarchy is not None:
            key = (hierarchy.key(code) if code else None) or hierarchy.key(body_name or "")
        if key is not None and hierarchy is not None:
            body = hierarchy.body(key)
        elif level is not None:
            key = code or body_name or ""
            body = EnforcementBody(body_name or key, level)
        else:
            where = "the hierarchy" if hierarchy is not None else "no hierarchy (none given)"
            problems.append(
                TableProblem.at(
                    name,
                    first_row[code, body_name] + 2,
                    header,
                    code or body_name,
                    f"the body {body_name!r} ({code or 'no credit code'}) is in {where}, and no "
                    f"level is given for bodies outside it: its {len(rows)} rows are left out",
                    f"执法主体{body_name}不在机构层级表中，且未给出其层级：{len(rows)}行未计入",
                )
            )
            continue
        if code and body_name:
            keys_of.setdefault(body_name, set()).add(key)
        if key in found:
            found[key][1].extend(rows)
        else:
            found[key] = (body, rows)
    return {key: (body, pa.array(sorted(rows), pa.int64())) for key, (body, rows) in found.items()}


def _merged(*pieces: _Piece) -> _Piece:
    """Pieces merged: partials by body key, problems together, an identifier given twice a problem."""
    merged = _Piece()
    for piece in pieces:
        for key, partial in piece.partials.items():
            merged.partials[key] = (
                merge(merged.partials[key], partial) if key in merged.partials else partial
            )
        merged.problems.extend(piece.problems)
        merged.pieces.update(piece.pieces)
        for name, keys in piece.keys_of.items():
            merged.keys_of.setdefault(name, set()).update(keys)
        for field, ids in piece.ids.items():
            first = merged.ids.setdefault(field, {})
            for key, where in ids.items():
                if key not in first:
                    first[key] = where
                    continue
                # The one given later, as the pieces are listed, is the one given again.
                earlier, later = sorted((first[key], where))
                first[key] = earlier
                (name, header), (name_first, _) = merged.pieces[later[0]], merged.pieces[earlier[0]]
                merged.problems.append(
                    given_again((name, later[1]), header, key, (name_first, earlier[1]))
                )
    return merged


def _rekeyed(piece: _Piece, keys_of: Mapping[str, set[str]]) -> _Piece:
    """The partials of a body keyed by its name moved to its code's key, when its other rows give one code.

    A body whose credit code one piece gives and another leaves blank is one body,
    as it is within a piece (``_filled_codes``).
    """
    partials: dict[str, Partial] = {}
    for key, partial in piece.partials.items():
        keys = keys_of.get(key, set())
        moved = next(iter(keys)) if len(keys) == 1 else key
        partials[moved] = merge(partials[moved], partial) if moved in partials else partial
    return attrs.evolve(piece, partials=partials)


def _finished(piece: _Piece) -> dict[str, AnnualReport] | list[TableProblem]:
    """Each body's report of merged partials; or, if the pieces had any, their problems."""
    if piece.problems:
        return piece.problems
    return {key: partial.finish() for key, partial in piece.partials.items()}


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
    return _arrow_sheets(piece, kind, name, reading.mapping)[0][1]


@attrs.frozen
class _Reading:
    """What every piece is read with: the year, and how its bodies are found."""

    year: int
    hierarchy: BodyHierarchy | None
    level: BodyLevel | None
    mapping: Mapping[str, str | tuple[str, str]] | None

    #: The decision numbers of the pieces read so far, in one process; ``None`` on workers.
    seen: Seen | None = None

    def partials(self, table: Any, name: str, order: int | None = None) -> _Piece:
        """The piece ``table``; on a cluster (``order`` given), with its identifiers."""
        if order is None:
            return _piece(table, name, self, self.seen)
        seen: Seen = {}
        piece = _piece(table, name, self, seen)
        piece.ids = {
            field: {key: (order, row) for key, (_, row) in first.items()}
            for field, first in seen.items()
        }
        piece.pieces = {order: (name, _id_header(table, self.mapping))}
        return piece


def _id_header(table: Any, mapping: Mapping[str, str | tuple[str, str]] | None) -> str:
    """The header of a national table's decision numbers."""
    header = [str(h) for h in table.column_names]
    published = recognise(header, mapping)
    found = (
        None
        if published is None
        else id_column(header, published.columns, mapping, published.ignored())
    )
    return "" if found is None else found[1]


def _file_piece(name: str, piece: _Source, reading: _Reading, order: int | None = None) -> _Piece:
    try:
        table = _table_of(name, piece, reading)
    except LoadError as error:
        return _Piece({}, [p for p in error.problems if isinstance(p, TableProblem)])
    return reading.partials(table, name, order)


def _frame_piece(frame: Any, name: str, reading: _Reading, order: int) -> _Piece:
    return reading.partials(_pa().Table.from_pandas(frame, preserve_index=False), name, order)


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
    # One process sees every piece: a decision number in two of them is found too.
    reading = _Reading(year, hierarchy, level, mapping, seen={})
    pieces = (_file_piece(name, piece, reading) for name, piece in _files(source))
    merged = _Piece()
    for piece in pieces:
        merged = _merged(merged, piece)
    return _gathered([_finished(_rekeyed(merged, merged.keys_of))], hierarchy, source)


def summarize_dask(  # noqa: PLR0913  (the source, the year, how bodies are found, the tree)
    source: Any,
    *,
    year: int,
    hierarchy: BodyHierarchy | None = None,
    level: BodyLevel | None = None,
    mapping: Mapping[str, str | tuple[str, str]] | None = None,
    split_every: int = 8,
    split_out: int = 8,
) -> dict[str, AnnualReport]:
    """Every body's report from a dataset's pieces, mapped to a Dask cluster's workers.

    The same as :func:`summarize_partitions`, with ``source`` also a dask
    DataFrame (each partition a piece). Each piece becomes partials on a worker.
    The bodies are dealt into ``split_out`` buckets (by a hash of their key, the
    same in every process); each bucket's partials are merged ``split_every`` at
    a time in a tree of their own and finished on a worker, so that no one task
    merges or finishes every body of a province. Dask runs it on the client
    active in this process (a ``distributed.Client``), else on its default scheduler.

    Needs the ``dask`` extra.

    Raises:
        LoadError: Every problem of every piece, each with its file (or
            partition) and row.
        MissingExtraError: Dask is not installed.
    """
    dask = require("dask", "dask", "Summaries on Dask")
    delayed = dask.delayed
    # One copy of the hierarchy in the graph, not one per piece.
    reading = delayed(_Reading(year, hierarchy, level, mapping), pure=True)
    if _is_dask_frame(source):
        pieces = [
            delayed(_frame_piece)(part, f"partition {index}", reading, index)
            for index, part in enumerate(source.to_delayed())
        ]
    else:
        pieces = [
            delayed(_file_piece)(name, piece, reading, index)
            for index, (name, piece) in enumerate(_files(source))
        ]
    if not pieces:
        return {}
    split_every, buckets = max(2, split_every), max(1, split_out)
    # The bodies' names and codes of every piece, a small map, before the bodies are dealt.
    names = [delayed(_names)(piece) for piece in pieces]
    while len(names) > 1:
        names = [
            delayed(_names_merged)(*names[i : i + split_every])
            for i in range(0, len(names), split_every)
        ]
    finished = []
    for bucket in range(buckets):
        tasks = [delayed(_bucket)(piece, bucket, buckets, names[0]) for piece in pieces]
        while len(tasks) > 1:
            tasks = [
                delayed(_merged)(*tasks[i : i + split_every])
                for i in range(0, len(tasks), split_every)
            ]
        finished.append(delayed(_finished)(tasks[0]))
    return _gathered(dask.compute(*finished), hierarchy, source)


def _names(piece: _Piece) -> dict[str, set[str]]:
    return piece.keys_of


def _names_merged(*maps: dict[str, set[str]]) -> dict[str, set[str]]:
    merged: dict[str, set[str]] = {}
    for names in maps:
        for name, keys in names.items():
            merged.setdefault(name, set()).update(keys)
    return merged


def _bucket(piece: _Piece, index: int, buckets: int, keys_of: dict[str, set[str]]) -> _Piece:
    """What of ``piece`` is in bucket ``index``: its bodies' partials and identifiers by a hash.

    The piece's problems go with bucket 0. A body is dealt by its key once moved to
    its code's (``_rekeyed``); an identifier by itself, so that a number in two
    pieces meets itself in one bucket, whichever bodies gave it.
    """
    partials = _rekeyed(piece, keys_of).partials
    return _Piece(
        {key: p for key, p in partials.items() if _hashed(key, buckets) == index},
        piece.problems if index == 0 else [],
        ids={
            field: {key: where for key, where in ids.items() if _hashed(key, buckets) == index}
            for field, ids in piece.ids.items()
        },
        pieces=piece.pieces,
    )


def _hashed(key: str, buckets: int) -> int:
    # crc32, not hash(): the same in every process of the cluster.
    return zlib.crc32(key.encode()) % buckets


def _shown(source: object) -> str:
    if isinstance(source, str | os.PathLike):
        return Path(source).name
    return "the dataset"
