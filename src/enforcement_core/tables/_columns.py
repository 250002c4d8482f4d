"""The column check engine: a sheet's records checked column by column, as the object path checks them.

- each cell is read by the same reader as the object path, once per *distinct*
  value of its column (a column of dates has at most 366 of them), so a bad cell
  is the same :class:`~enforcement_core.tables.TableProblem`;
- the checks declared on the record class's fields (``declared_checks``) run on
  the columns: those of a value alone once per distinct value, those between two
  fields (``not_before``, ``at_most``) as comparisons of two columns, each refusal
  worded by the check's own ``reason``;
- the checks a record class writes as methods decide by which fields are given
  and by vocabulary values: they run on one record built for each distinct
  combination of those, and on every row of a combination that is refused.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from enum import Enum
from typing import Any, Final

import attrs

from enforcement_core._arrow import from_numpy, matching, scalar, strings, to_numpy
from enforcement_core._validators import declared_checks
from enforcement_core.errors import InvariantError
from enforcement_core.tables._arrow_files import (
    _Amounts,
    _Encoded,
    _encoded,
    _for_the_reader,
    _is_text,
    _pa,
    _pc,
    _strings,
    _Texts,
    _values_at,
)
from enforcement_core.tables._arrow_records import (
    _bare,
    _converted,
    _keep_written,
    _values_by_codes,
    _vocabulary_column,
)
from enforcement_core.tables._cells import CellError, read_text
from enforcement_core.tables._counted import Checked, _grouped, _signatures
from enforcement_core.tables._layout import (
    EXAMPLE_PREFIX,
    Column,
    _parsed,
    build,
)
from enforcement_core.tables._problems import TableProblem
from enforcement_core.tables._publicity import (
    is_note,
)
from enforcement_core.tables._reasons import in_chinese
from enforcement_core.tables._sheet_columns import _cell

# A column with fewer distinct values than this share of its rows is read value by value.
_DISTINCT_SHARE: Final = 0.5


# A column with at most this many distinct values tells apart the records built to run
# the checks written as methods; others tell only whether a value is given.
_FEW: Final = 4096


# Kinds of declared check whose reason depends on the value alone.
_VALUE_ONLY: Final = frozenset(
    {
        "count",
        "money",
        "text",
        "identifier",
        "date",
        "instance_of",
        "member_of",
        "one_of",
        "tuple_of",
        "rule",
    }
)


@attrs.define
class _Read:
    """A column as read: each row's code among the distinct values read."""

    column: Column
    #: Each row's position in ``distinct``; ``len(distinct) - 1`` (a ``None``) for an empty cell.
    codes: Any
    #: The distinct values read, the last one ``None`` (a refused or blank one is ``None`` too).
    distinct: Sequence[Any]
    #: The distinct cells as Arrow text, for checks run in Arrow.
    texts: Any = None
    #: For an amount in 万元: each distinct value's fen (numpy ``int64``), ``-1`` where
    #: its reader read it; else ``None``.
    fen: Any = None

    @property
    def empty(self) -> Any:
        """Which rows have no value in this column."""
        return self.codes == len(self.distinct) - 1

    def given(self) -> Any:
        """Which rows have a value (read, not refused)."""
        import numpy as np  # noqa: PLC0415

        if isinstance(self.distinct, _Texts):
            return ~self.distinct._blank[self.codes]  # noqa: SLF001  (its own slots)
        if isinstance(self.distinct, _Amounts):
            return ~self.distinct.nothing()[self.codes]
        nothing = np.fromiter((v is None for v in self.distinct), bool, len(self.distinct))
        return ~nothing[self.codes]


def _read_column(  # noqa: PLR0913  (the sheet, the column, and where problems go)
    sheet_name: str,
    encoded: _Encoded,
    column: Column,
    problems: list[TableProblem],
    refused: Any,
    *,
    passed: Any = None,
    lazy: bool = False,
) -> _Read:
    """A column read once per distinct cell; the rows of a refused one reported and marked.

    ``passed`` rows (blank rows, the template's examples) are read as empty. With
    ``lazy``, a column of plain text keeps its values in Arrow (:class:`_Texts`).
    """
    import numpy as np  # noqa: PLC0415  (pyarrow's own dependency)

    width = encoded.empty
    codes = _emptied(encoded, passed)
    plain = _plain(column)
    if plain and lazy:
        return _Read(column, codes, _Texts(encoded.trimmed, encoded.blank), encoded.trimmed)
    if plain:
        # Text is text: trimmed in Arrow, a blank one is empty (what read_text does, at once).
        read = np.empty(width + 1, dtype=object)
        read[:width] = encoded.trimmed.to_pylist()
        read[encoded.blank] = None
        return _Read(column, codes, read.tolist(), encoded.trimmed)
    dictionary = encoded.raw
    fen, read, cell_of = _for_the_reader(column, encoded)
    others, failed = _each_read(column, cell_of)
    if fen is None:
        for position, parsed in others.items():
            read[position] = parsed
    if failed:
        for row in np.flatnonzero(np.isin(codes, list(failed))).tolist():
            error = failed[int(codes[row])]
            problems.append(
                TableProblem.at(
                    sheet_name,
                    row + 2,
                    column.header(),
                    cell_of[int(codes[row])],
                    error.message,
                    error.message_zh,
                )
            )
            refused[row] = True
    if fen is None:
        return _Read(column, codes, read.tolist(), dictionary)
    fen = np.append(fen, np.int64(-1))  # the last slot, for an empty cell: None
    return _Read(column, codes, _Amounts(fen, others), dictionary, fen)


def _emptied(encoded: _Encoded, passed: Any) -> Any:
    """Each row's code; a blank cell's, and every one of a row ``passed`` over, the last slot (None)."""
    import numpy as np  # noqa: PLC0415

    # Without a blank distinct cell only a null is blank, and its code is that slot already.
    empty = passed
    if encoded.blank[: encoded.empty].any():
        empty = encoded.blank[encoded.codes] | (False if passed is None else passed)
    if empty is None or not empty.any():
        return encoded.codes  # nothing empty: the encoding's codes, not a copy of them
    return np.where(empty, encoded.empty, encoded.codes)


def _each_read(
    column: Column, cells: dict[int, Any]
) -> tuple[dict[int, Any], dict[int, CellError]]:
    """The cells the column's reader read and those it refused; a text at many rows read once."""
    read: dict[int, Any] = {}
    failed: dict[int, CellError] = {}
    memo: dict[tuple[type, Any], Any] = {}
    for position, value in cells.items():
        key = (type(value), value)
        if key not in memo:
            try:
                memo[key] = _parsed(column, value)
            except CellError as refusal:
                memo[key] = refusal
        (failed if isinstance(memo[key], CellError) else read)[position] = memo[key]
    return read, failed


def _plain(column: Column) -> bool:
    """Whether a column is text read as it is, trimmed: what Arrow does for it alone."""
    return column.read is read_text and not column.listed and column.check is None


def _problem(sheet_name: str, row: int, header: str, value: Any, reason: str) -> TableProblem:
    return TableProblem.at(sheet_name, row + 2, header, value, reason, in_chinese(reason))


def _unread_rows(table: Any, encodings: dict[int, _Encoded] | None = None) -> Any:
    """Which rows are no record: blank in every column, or a note under the table (``is_note``).

    ``encodings`` holds columns as encoded already (the others are encoded here).
    """
    import numpy as np  # noqa: PLC0415

    encoded = [
        (encodings or {}).get(index) or _encoded(_strings(table.column(index)))
        for index in range(table.num_columns)
    ]
    # Two columns with a value in every row (the usual table): every row has two cells,
    # so none is blank or a note (one cell), and no row is counted. A column is full
    # when none of its distinct cells is blank and no row's code is the null's slot.
    full = [e for e in encoded if not e.blank[:-1].any() and not e.blank[e.codes.max(initial=0)]]
    if len(full) > 1:
        return np.zeros(table.num_rows, dtype=bool)
    given = np.zeros(table.num_rows, dtype=np.int32)
    for column in encoded:
        given += ~column.blank[column.codes]
    unread = given == 0
    for row in np.flatnonzero(given == 1).tolist():
        unread[row] = is_note(
            [_cell(table.column(i)[row].as_py()) for i in range(table.num_columns)]
        )
    return unread


def _skipped(encodings: dict[int, _Encoded], found: dict[int, Column], rows: int) -> Any:
    """Which rows are blank, or the template's examples (their 编号 starts with 示例).

    Decided on each column's distinct cells, then taken to the rows by their codes.
    """
    import numpy as np  # noqa: PLC0415

    pc = _pc()
    blank = np.ones(rows, dtype=bool)
    example = np.zeros(rows, dtype=bool)
    for index, column in found.items():
        encoded = encodings[index]
        blank &= encoded.blank[encoded.codes]
        if column.key in ("id", "parent"):
            marked = np.zeros(encoded.empty + 1, dtype=bool)
            starts = pc.starts_with(encoded.trimmed, pattern=EXAMPLE_PREFIX)
            marked[: encoded.empty] = to_numpy(pc.fill_null(starts, fill_value=scalar(value=False)))
            example |= marked[encoded.codes]
    return blank | example


def _required(
    sheet_name: str,
    reads: list[_Read],
    problems: list[TableProblem],
    refused: Any,
    skipped: list[Any],
) -> None:
    """Every empty cell of a required column, a problem of its row; ``skipped``: each read's rows passed over."""
    import numpy as np  # noqa: PLC0415

    for read, passed in zip(reads, skipped, strict=True):
        if not read.column.required:
            continue
        for row in np.flatnonzero(read.empty & ~passed).tolist():
            problems.append(
                TableProblem.at(
                    sheet_name,
                    row + 2,
                    read.column.header(),
                    None,
                    "a value is required",
                    "此项必填",
                )
            )
            refused[row] = True


def _checked_layout(  # noqa: C901, PLR0912, PLR0913, PLR0915  (the steps of the columnar checks, in order)
    sheet_name: str,
    table: Any,
    found: dict[int, Column],
    record: type,
    problems: list[TableProblem],
    *,
    encodings: dict[int, _Encoded] | None = None,
) -> Checked:
    """A sheet of the library's layout, checked column by column: its typed table made when asked for.

    Each column is dictionary-encoded once; every check of a cell (blank, the
    template's example, its reader, the declared checks) is decided on the distinct
    cells and reaches the rows through their codes. ``encodings``, when given,
    receives each column's encoding as the file holds it, by its index.
    """
    import numpy as np  # noqa: PLC0415

    rows = table.num_rows
    refused = np.zeros(rows, dtype=bool)
    invalid = np.zeros(rows, dtype=bool)
    raw = {i: _encoded(_strings(table.column(i)), hashed=c.key != "id") for i, c in found.items()}
    if encodings is not None:
        encodings.update(raw)
    skipped = _skipped(raw, found, rows)
    typed = {}
    for i, c in found.items():
        array = table.column(i)
        if _is_text(array.type):
            typed[i] = (raw[i], np.zeros(rows, dtype=bool))
            continue
        # Typed cells (Parquet) go to the column's reader as the object path gives them.
        text, bad = _as_text(sheet_name, array, c, problems, refused, skipped)
        typed[i] = (_encoded(text), bad)
    reads = [
        _read_column(sheet_name, typed[i][0], c, problems, refused, passed=skipped, lazy=True)
        for i, c in found.items()
    ]
    # A value refused as it was typed is not also an empty cell.
    _required(sheet_name, reads, problems, refused, [skipped | typed[i][1] for i in found])
    refused |= skipped
    own = {r.column.key: r for r in reads if len(r.column.path) == 1}
    nested = [r for r in reads if len(r.column.path) == 2]
    fields = {f.name: f for f in attrs.fields(record)}
    # Declared checks of one value: once per distinct value, each refusal at its rows.
    for name, read in own.items():
        for check in declared_checks(fields[name]):
            if check.kind not in _VALUE_ONLY:
                continue
            suspects = _suspects(check, read)
            bad = [
                p
                for p, value in zip(suspects, _values_at(read.distinct, suspects), strict=True)
                if check.reason(None, value) is not None or check.refuses_an_item(value)
            ]
            if not bad:
                continue
            if check.kind == "tuple_of":  # an item refused: said by the build (officers[1])
                invalid |= np.isin(read.codes, bad) & ~refused
                continue
            for row in np.flatnonzero(np.isin(read.codes, bad) & ~refused).tolist():
                value = read.distinct[int(read.codes[row])]
                reason = check.reason(None, value) or ""
                problems.append(_problem(sheet_name, row, read.column.header(), value, reason))
                invalid[row] = True
    # Declared checks between two fields: once per distinct pair of values.
    for name, read in own.items():
        for check in declared_checks(fields[name]):
            if check.kind not in ("not_before", "at_most"):
                continue
            other = own.get(check.other)  # type: ignore[attr-defined]
            if other is None:
                continue
            eligible = read.given() & other.given() & ~refused
            width = len(other.distinct)
            pairs = read.codes.astype(np.int64) * width + other.codes
            reasons: dict[int, str] = {}
            for pair in np.unique(pairs[eligible]).tolist():
                at, limit_at = divmod(pair, width)
                limit = _Proxy({check.other: other.distinct[limit_at]})  # type: ignore[attr-defined]
                why = check.reason(limit, read.distinct[at])
                if why is not None:
                    reasons[pair] = why
            if not reasons:
                continue
            for row in np.flatnonzero(eligible & np.isin(pairs, list(reasons))).tolist():
                value = read.distinct[int(read.codes[row])]
                why = reasons[int(pairs[row])]
                problems.append(_problem(sheet_name, row, read.column.header(), value, why))
                invalid[row] = True
    # Checks written as methods: one record per combination of what is given and of the
    # values of columns with few values; every row of a refused combination.
    telling = [_vocabulary_like(r) for r in reads]
    keys = [r.codes if t else r.empty for r, t in zip(reads, telling, strict=True)]
    radix = [len(r.distinct) if t else 2 for r, t in zip(reads, telling, strict=True)]
    signature = _signatures(keys, radix, rows)
    # A row whose nested object (its party) its class refuses is built alone too: the
    # groups know a name or a number only as given or not.
    alone = (invalid | _refused_nested(record, nested, rows)) & ~refused
    first, group_of = _grouped(signature, ~refused & ~alone)
    del signature, keys
    columns = tuple(found.values())

    def kwargs_of(row: int) -> dict[str, Any]:
        given = {}
        for n, r in own.items():
            value = r.distinct[int(r.codes[row])]
            if value is not None:
                given[n] = value
        for r in nested:
            value = r.distinct[int(r.codes[row])]
            if value is not None:
                given.setdefault(r.column.path[0], {})[r.column.path[1]] = value
        return given

    tried = [(row, False) for row in first.tolist()]
    tried += [(row, True) for row in np.flatnonzero(alone).tolist()]
    for row, single in tried:
        if build(record, kwargs_of(row), (sheet_name, row + 2), columns, []) is not None:
            continue
        members = [row] if single else np.flatnonzero(group_of == group_of[row]).tolist()
        for member in members:
            mine: list[TableProblem] = []
            if build(record, kwargs_of(member), (sheet_name, member + 2), columns, mine) is None:
                problems.extend(mine)
                invalid[member] = True
    keep = ~(refused | invalid)
    return Checked(functools.partial(_layout_arrow, record, own, nested, keep), record, own, keep)


def _refused_nested(record: type, nested: list[_Read], rows: int) -> Any:
    """Which rows give a nested object (a party) that its class refuses: each distinct one tried once."""
    import typing  # noqa: PLC0415

    import numpy as np  # noqa: PLC0415

    refused = np.zeros(rows, dtype=bool)
    by_owner: dict[str, list[_Read]] = {}
    for read in nested:
        by_owner.setdefault(read.column.path[0], []).append(read)
    hints = typing.get_type_hints(record)
    for owner, reads in by_owner.items():
        cls = _bare(hints[owner])
        combos, inverse = np.unique(
            np.stack([r.codes for r in reads], axis=1), axis=0, return_inverse=True
        )
        bad = []
        for index, combo in enumerate(combos.tolist()):
            kwargs = {
                r.column.path[1]: r.distinct[code]
                for r, code in zip(reads, combo, strict=True)
                if r.distinct[code] is not None
            }
            if not kwargs:
                # No party given: none to refuse. The row's group builds its record as
                # it is, without one (a record that needs it is refused there).
                continue
            try:
                cls(**kwargs)
            except (InvariantError, TypeError):
                bad.append(index)  # the row's own build says what is wrong
        refused |= np.isin(inverse.reshape(-1), bad)
    return refused


def _suspects(check: Any, read: _Read) -> list[int]:
    """The positions of the distinct values ``check`` may refuse.

    A column of plain text (identifiers: a value a row) is held to the check's own
    ``plain_pattern`` in Arrow, and only the values it does not surely pass are
    looked at; every other check looks at each distinct value.
    """
    import numpy as np  # noqa: PLC0415

    distinct = read.distinct
    large = isinstance(distinct, _Texts) or len(distinct) > _FEW
    if check.plain_pattern is not None and large and _plain(read.column):
        positions = np.flatnonzero(~matching(read.texts, check.plain_pattern)).tolist()
        return [
            p
            for p, v in zip(positions, _values_at(distinct, positions), strict=True)
            if v is not None
        ]
    return [p for p, value in enumerate(distinct) if value is not None]


def _vocabulary_like(read: _Read) -> bool:
    """Whether a column's values tell records apart for the checks written as methods.

    Vocabulary values and yes-or-no do; dates, amounts, names and identifiers count
    only as given or not (docs/ledgers.md says why).
    """
    from enforcement_core.tables._cells import read_bool  # noqa: PLC0415

    column = read.column
    return len(read.distinct) <= _FEW and (
        column.vocabulary is not None or column.read is read_bool
    )


def _as_text(  # noqa: PLR0913, PLR0917  (the sheet, the column, and where problems go)
    sheet_name: str,
    array: Any,
    column: Column,
    problems: list[TableProblem],
    refused: Any,
    skip: Any,
) -> tuple[Any, Any]:
    """A column Arrow holds typed, as text, and which rows its reader refused as they are.

    The object path gives the column's reader the value as the file holds it, so a
    struct, a list or bytes under a name, or 1.5 as an identifier, is refused there
    ("expected text, got float 1.5"); here each distinct value is given to the same
    reader, and a refused one is reported at its rows (but those in ``skip``, which
    are no records) and read as empty. The values it takes become the text the
    column's reader takes alike.
    """
    import numpy as np  # noqa: PLC0415

    pa = _pa()
    if _is_text(array.type):
        return array, np.zeros(len(array), dtype=bool)
    values = array.to_pylist()
    # Nested values are not hashable: a distinct value is its type and its repr.
    verdicts: dict[tuple[type, str], CellError | None] = {}
    bad = np.zeros(len(values), dtype=bool)
    for row, value in enumerate(values):
        if value is None:
            continue
        key = (type(value), repr(value))
        if key not in verdicts:
            try:
                _parsed(column, value)
                verdicts[key] = None
            except CellError as refusal:
                verdicts[key] = refusal
        error = verdicts[key]
        if error is None:
            continue
        bad[row] = True
        if skip[row]:
            continue
        problems.append(
            TableProblem.at(
                sheet_name, row + 2, column.header(), value, error.message, error.message_zh
            )
        )
        refused[row] = True
    texts = [None if bad[row] else _cell(value) for row, value in enumerate(values)]
    return pa.chunked_array([strings(texts)]), bad


class _Proxy:
    """An object with the attributes a cross-field check reads."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


@attrs.define
class _Factor:
    """A field of the records, column by column: each row's position among ``distinct``."""

    #: The distinct values; ``None`` among them for a row without a value.
    distinct: list[Any]
    #: Each row's position in ``distinct`` (an integer array: int32 as encoded, or int64).
    codes: Any
    #: For an amount in 万元: each distinct value's fen (numpy ``int64``), ``-1`` where
    #: it is not known; else ``None``.
    fen: Any = None
    _given: Any = attrs.field(default=None, init=False, repr=False)

    def given(self) -> Any:
        """Which rows have a value."""
        import numpy as np  # noqa: PLC0415

        if self._given is None:
            nothing = np.array([v is None for v in self.distinct], dtype=bool)
            self._given = ~nothing[self.codes]
        return self._given

    def values(self) -> Any:
        """Each row's value, as an object array."""
        import numpy as np  # noqa: PLC0415

        objects = np.empty(len(self.distinct), dtype=object)
        for position, value in enumerate(self.distinct):
            objects[position] = value
        return objects[self.codes]

    def where(self, rows: Any) -> _Factor:
        """The values of ``rows`` only, the others ``None``."""
        import numpy as np  # noqa: PLC0415

        fen = None if self.fen is None else np.append(self.fen, -1)
        if rows.all():  # every row kept: the codes as they are, their presence known still
            kept = _Factor([*self.distinct, None], self.codes, fen)
            kept._given = self._given
            return kept
        return _Factor([*self.distinct, None], np.where(rows, self.codes, len(self.distinct)), fen)

    def otherwise(self, default: Any) -> _Factor:
        """``default`` where a row has no value."""
        return _Factor([default if v is None else v for v in self.distinct], self.codes)

    def truthy(self) -> Any:
        """Which rows have a value that is true, as ``or`` takes it."""
        import numpy as np  # noqa: PLC0415

        truth = np.array([bool(v) for v in self.distinct], dtype=bool)
        return truth[self.codes]


def _or(first: _Factor, second: _Factor) -> _Factor:
    """``first or second``, row by row."""
    import numpy as np  # noqa: PLC0415

    codes = np.where(first.truthy(), first.codes, second.codes + len(first.distinct))
    return _Factor([*first.distinct, *second.distinct], codes)


def _constant(value: Any, rows: int) -> _Factor:
    import numpy as np  # noqa: PLC0415

    return _Factor([value], np.zeros(rows, dtype=np.int32))


def _layout_arrow(record: type, own: dict[str, _Read], nested: list[_Read], keep: Any) -> Any:
    """The kept rows as Arrow columns typed by the record's fields, built from the distinct values."""
    import typing  # noqa: PLC0415

    pa = _pa()
    hints = typing.get_type_hints(record)
    every = bool(keep.all())
    columns: dict[str, Any] = {}
    for name, read in own.items():
        tp = _bare(hints[name])
        # The kept rows' codes, chosen before the values are taken: fewer rows to take.
        codes = read.codes if every else read.codes[keep]
        if tp is str and _plain(read.column) and read.texts is not None:
            columns[name] = _text_column(read.texts, codes)
            continue
        if isinstance(tp, type) and issubclass(tp, Enum):
            columns[name] = _vocabulary_column(read.distinct, codes)
            continue
        if isinstance(read.distinct, _Amounts):
            # Amounts in 万元 are their fen already: no Decimal made of each.
            fen, known = read.distinct.fens()
            amounts = from_numpy(fen)
            if not known.all():
                amounts = _pc().if_else(from_numpy(known), amounts, scalar(None, pa.int64()))
            columns[name] = amounts.take(from_numpy(codes))
            continue
        distinct, arrow_type = _converted(tp, list(read.distinct))
        columns[name] = _values_by_codes(distinct, arrow_type, codes)
        _keep_written(columns, name, tp, read.distinct, codes)
    for read in nested:
        name = f"{read.column.path[0]}.{read.column.path[1]}"
        codes = read.codes if every else read.codes[keep]
        if isinstance(read.distinct, _Texts):
            columns[name] = _text_column(read.texts, codes)
            continue
        distinct = [v.value if isinstance(v, Enum) else v for v in read.distinct]
        columns[name] = strings(distinct).take(from_numpy(codes))
    return pa.table(columns).replace_schema_metadata({"record": record.__name__})


def _text_column(texts: Any, codes: Any) -> Any:
    """Trimmed text by the rows' codes (a blank's rows point at the last slot: null)."""
    pa = _pa()
    texts = texts.cast(pa.string())
    rows = len(codes)
    # Rising from 0 to the last value, a code a row: every row its own value, in order
    # (identifiers), and the dictionary is the column (found without a copy of the codes).
    if rows == len(texts) and (
        not rows or (codes[0] == 0 and codes[-1] == rows - 1 and (codes[1:] > codes[:-1]).all())
    ):
        return texts
    return pa.concat_arrays([texts, pa.nulls(1, pa.string())]).take(from_numpy(codes))
