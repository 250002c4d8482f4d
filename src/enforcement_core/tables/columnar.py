"""The columnar ledger: big tables held column by column, validated and summarised in bulk.

A million penalty cases as objects take seconds to build and hundreds of bytes
each; as Arrow columns they take a fraction of a second and under a hundred bytes
a row. :func:`read_columnar` reads a sheet of the library's layout or a national
table into a :class:`ColumnarLedger`, checking every row as the object path does,
without building the objects:

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

Penalty cases and licence applications are summarised by group-bys, the other
flat kinds through their records; inspections with their hazards and the roster
with its certificates are read as objects. A national table is shaped into
records row by row (its columns are not the record's fields), so it is checked
exactly but without the speed of a sheet of the library's layout. A
property test holds :meth:`ColumnarLedger.summarize` equal to
:func:`~enforcement_core.summarize` of the same records.
"""

from __future__ import annotations

import csv as std_csv
import datetime as dt
import io
import os
from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

import attrs

from enforcement_core._extras import require
from enforcement_core._validators import declared_checks
from enforcement_core.actions import (
    Domain,
    LicensingDecision,
    Party,
    Procedure,
    SanctionType,
)
from enforcement_core.body import EnforcementBody
from enforcement_core.errors import LoadError
from enforcement_core.figures import DomainPenalties, LicensingFigures, PenaltyFigures, ordered
from enforcement_core.ledger import Ledger
from enforcement_core.partials import Partial
from enforcement_core.summary import record_figures
from enforcement_core.tables._cells import CellError, blank, read_text
from enforcement_core.tables._files import RawSheet, decode, kind_of
from enforcement_core.tables._layout import (
    EXAMPLE_PREFIX,
    Column,
    Sheet,
    _parsed,
    build,
    match_columns,
    sheets,
)
from enforcement_core.tables._problems import TableProblem
from enforcement_core.tables._publicity import LICENSING, PENALTY, kind_of_table

if TYPE_CHECKING:
    from enforcement_core.report import AnnualReport

__all__ = ["ColumnarLedger", "read_columnar"]

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
_ZERO: Final = Decimal(0)
# The kinds of record summarised by group-bys; the others through their objects.
_GROUPED: Final = frozenset({"penalty_cases", "licence_applications"})
_FEN: Final = Decimal("0.01")


def _pa() -> Any:
    return require("pyarrow", "tables", "Columnar ledgers")


def _pc() -> Any:
    return require("pyarrow.compute", "tables", "Columnar ledgers")


@attrs.frozen
class ColumnarLedger:
    """A ledger whose big tables are Arrow columns, the rest objects.

    ``tables`` holds, by the ledger's field (``"penalty_cases"``), a table of
    typed columns, one per field of the record: dates as ``date32``, money as
    ``int64`` fen, vocabulary values as their ``value`` strings dictionary-encoded,
    tuples as lists. ``rest`` holds every other record, as a :class:`Ledger`.
    """

    #: The body whose ledger it is.
    body: EnforcementBody
    #: The year the ledger covers.
    year: int
    #: The columnar tables, by the ledger's field.
    tables: Mapping[str, Any]
    #: The records held as objects, the body and year included.
    rest: Ledger

    def rows(self) -> int:
        """The records the columnar tables hold."""
        return sum(int(table.num_rows) for table in self.tables.values())

    def bytes_per_row(self) -> float:
        """The memory the columnar tables take, per record; 0 without records."""
        rows = self.rows()
        return sum(int(t.nbytes) for t in self.tables.values()) / rows if rows else 0.0

    def to_ledger(self) -> Ledger:
        """The same ledger, every record an object (for small ledgers and for checking)."""
        groups = {field: tuple(_records(field, table)) for field, table in self.tables.items()}
        merged = {f: getattr(self.rest, f) + groups.get(f, ()) for f in groups}
        return attrs.evolve(self.rest, **merged)

    def summarize(self) -> AnnualReport:
        """The annual report of the ledger, equal to ``summarize(self.to_ledger())``.

        Penalty cases and licence applications are counted by group-bys over
        their columns; every other record through its figures' ``from_records``.
        """
        return self.partial().finish()

    def partial(self) -> Partial:
        r"""The ledger's :class:`~enforcement_core.partials.Partial`, to merge with others'.

        Examples:
            >>> import io
            >>> from enforcement_core import BodyLevel, EnforcementBody, merge
            >>> body = EnforcementBody("某镇人民政府", BodyLevel.TOWN)
            >>> def piece(rows: str) -> ColumnarLedger:
            ...     table = "编号,决定日期,执法领域,处罚种类,罚款金额（元）\n" + rows
            ...     return read_columnar(io.BytesIO(table.encode()), body=body, year=2023)
            >>> first = piece("P-1,2023-08-01,交通,罚款,200\n").partial()
            >>> second = piece("P-2,2023-09-01,交通,罚款,50.5\n").partial()
            >>> merge(first, second).finish().penalty.fines
            Decimal('250.5')
        """
        by_objects = {
            field: getattr(self.rest, field) + tuple(_records(field, table))
            for field, table in self.tables.items()
            if field not in _GROUPED
        }
        ledger = attrs.evolve(self.rest, **by_objects)
        start, end = dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        figures = record_figures(ledger, start, end)
        if "penalty_cases" in self.tables:
            figures["penalty"] = _penalty_figures(self.tables["penalty_cases"], start, end)
        if "licence_applications" in self.tables:
            figures["licensing"] = _licensing_figures(
                self.tables["licence_applications"], start, end
            )
        return Partial.from_figures(ledger, {field: v for field, v in figures.items() if v})


# Reading ----------------------------------------------------------------------------


def _arrow_sheets(
    source: str | os.PathLike[str] | IO[bytes], kind: str, name: str
) -> list[tuple[str, Any]]:
    """The sheets of a file as Arrow tables of strings (Parquet: as typed)."""
    pa = _pa()
    if kind == "parquet":
        parquet = require("pyarrow.parquet", "tables", "Parquet ledgers")
        return [
            (name, parquet.read_table(str(source) if isinstance(source, os.PathLike) else source))
        ]
    if kind == "csv":
        csv = require("pyarrow.csv", "tables", "Columnar ledgers")
        raw = Path(source).read_bytes() if isinstance(source, str | os.PathLike) else source.read()
        try:
            raw.decode("utf-8")
            data = raw.removeprefix(b"\xef\xbb\xbf")
        except UnicodeDecodeError:
            data = decode(raw, name).encode("utf-8")
        first_line = data.split(b"\n", 1)[0].decode("utf-8")
        names_table = next(std_csv.reader(io.StringIO(first_line)), [])
        try:
            table = csv.read_csv(
                pa.BufferReader(data),
                convert_options=csv.ConvertOptions(
                    column_types=dict.fromkeys(names_table, pa.string()),
                    # Only an empty cell is empty: "NaN" or "NULL" is text, as the csv module reads it.
                    null_values=[""],
                    strings_can_be_null=True,
                    quoted_strings_can_be_null=True,
                ),
            )
        except pa.ArrowInvalid as error:
            # Rows of different lengths, an unclosed quote, an empty file.
            raise LoadError(
                [
                    TableProblem.at(
                        name,
                        None,
                        None,
                        None,
                        f"not a CSV table: {error}",
                        f"不是有效的CSV表格：{error}",
                    )
                ],
                source=name,
            ) from None
        return [(name, table)]
    from enforcement_core.tables._files import read_sheets  # noqa: PLC0415

    tables = []
    for sheet in read_sheets(source, kind, name):
        # Cells as the text they hold: date cells as ISO dates, numbers as their shortest text.
        columns = [
            pa.array(
                [_cell(row[i]) if i < len(row) else None for _, row in sheet.rows], pa.string()
            )
            for i in range(len(sheet.header))
        ]
        headers = [str(h) for h in sheet.header]
        tables.append((sheet.name, pa.table(dict(zip(headers, columns, strict=True)))))
    return tables


def read_columnar(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    body: EnforcementBody,
    year: int,
    mapping: Mapping[str, str] | None = None,
) -> ColumnarLedger:
    r"""Read a table into a :class:`ColumnarLedger`, checking every row.

    The same files as :func:`~enforcement_core.read_ledger` (a CSV or Parquet
    file of one sheet, a workbook, a national table), with the body and year
    given. Sheets of records with sub-records (inspections and hazards, the
    roster) are read as objects.

    Raises:
        LoadError: Every problem of the file, as :func:`~enforcement_core.read_ledger`
            reports them.

    Examples:
        >>> import io
        >>> from enforcement_core import BodyLevel, EnforcementBody
        >>> table = "编号,决定日期,执法领域,处罚种类,罚款金额（元）\nP-1,2023-08-01,交通,罚款,200\n"
        >>> ledger = read_columnar(
        ...     io.BytesIO(table.encode()),
        ...     body=EnforcementBody("某镇人民政府", BodyLevel.TOWN),
        ...     year=2023,
        ... )
        >>> ledger.summarize().penalty.fines
        Decimal('200')
    """
    from enforcement_core.tables._read import _match, read_ledger  # noqa: PLC0415

    name = (
        str(source)
        if isinstance(source, str | os.PathLike)
        else str(getattr(source, "name", "") or "")
    )
    kind = kind_of(source, name or None)
    if kind == "json":
        ledger = read_ledger(source, body=body, year=year)
        return ColumnarLedger(body, year, {}, ledger)
    shown = Path(name).name if name else "table"
    arrow = _arrow_sheets(source, kind, Path(name).stem if name else "table")
    problems: list[TableProblem] = []
    tables: dict[str, Any] = {}
    layout = sheets()
    objects: dict[str, list[Any]] = {}
    for sheet_name, table in arrow:
        header = list(table.column_names)
        national = kind_of_table(header)
        if national is not None:
            columns = PENALTY if national == "penalty" else LICENSING
            field = "penalty_cases" if national == "penalty" else "licence_applications"
            found = _columns_of(sheet_name, header, columns, mapping, problems, national=True)
            if found is not None:
                tables[field] = _concat(
                    tables.get(field), _national(sheet_name, table, found, national, problems)
                )
            continue
        matched = _match(RawSheet(sheet_name, header, []), layout, len(arrow) == 1, mapping)
        if matched is None or matched.parent is not None or _has_children(matched):
            # Records with sub-records, and what is not a sheet, go the object way.
            objects.setdefault("_sheets", []).append(sheet_name)
            continue
        found = _columns_of(sheet_name, header, matched.columns, mapping, problems)
        if found is not None:
            tables[matched.key] = _concat(
                tables.get(matched.key), _typed(sheet_name, table, found, matched, problems)
            )
    if objects.get("_sheets"):
        rest = read_ledger(
            source if not hasattr(source, "seek") else _rewound(source),
            body=body,
            year=year,
            mapping=mapping,
        )
        emptied: dict[str, Any] = {field: () for field in tables if getattr(rest, field)}
        rest = attrs.evolve(rest, **emptied)
    else:
        rest = Ledger(body=body, year=year)
    if problems:
        raise LoadError(_unique(problems), source=shown)
    return ColumnarLedger(body, year, tables, rest)


def _rewound(source: Any) -> Any:
    source.seek(0)
    return source


def _unique(problems: list[TableProblem]) -> list[TableProblem]:
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for problem in sorted(problems, key=lambda p: (p.sheet, p.row or 0)):
        key = (problem.sheet, problem.row, problem.header, problem.message)
        if key not in seen:
            seen.add(key)
            kept.append(problem)
    return kept


def _concat(first: Any, second: Any) -> Any:
    return second if first is None else _pa().concat_tables([first, second])


def _has_children(sheet: Sheet) -> bool:
    return any(other.parent == sheet.key for other in sheets())


def _columns_of(  # noqa: PLR0913  (the sheet, its header, and where problems go)
    sheet_name: str,
    header: list[str],
    columns: tuple[Column, ...],
    mapping: Mapping[str, str] | None,
    problems: list[TableProblem],
    *,
    national: bool = False,
) -> dict[int, Column] | None:
    from enforcement_core.tables._publicity import _IGNORED  # noqa: PLC0415

    before = len(problems)
    found = match_columns(
        sheet_name,
        header,
        columns,
        mapping,
        problems,
        ignored=_IGNORED if national else frozenset(),
    )
    return None if len(problems) > before else found


@attrs.define
class _Read:
    """A column as read: each row's value, and the row's code among the distinct values."""

    column: Column
    #: Each row's value (an object array); ``None`` for an empty or a refused cell.
    values: Any
    #: Each row's position in ``distinct``; ``len(distinct) - 1`` (a ``None``) for an empty cell.
    codes: Any
    #: The distinct values read, the last one ``None``.
    distinct: list[Any]
    #: The distinct cells as Arrow text, for checks run in Arrow.
    texts: Any = None

    @property
    def empty(self) -> Any:
        """Which rows have no value in this column."""
        return self.codes == len(self.distinct) - 1


def _cell_values(
    sheet_name: str, array: Any, column: Column, problems: list[TableProblem], refused: Any
) -> _Read:
    """The column read by its reader, once per distinct value; refused rows marked."""
    import numpy as np  # noqa: PLC0415  (pyarrow's own dependency)

    pa, pc = _pa(), _pc()
    encoded = (
        pc.dictionary_encode(array).combine_chunks()
        if array.num_chunks
        else pa.array([], pa.string()).dictionary_encode()
    )
    plain = column.read is read_text and not column.listed and column.check is None
    dictionary = pc.utf8_trim_whitespace(encoded.dictionary) if plain else encoded.dictionary
    distinct = dictionary.to_pylist()
    empty = len(distinct)
    read = np.empty(empty + 1, dtype=object)
    failed: dict[int, CellError] = {}
    blanks: list[int] = []
    if plain:
        # Text is text: trimmed in Arrow, a blank one is empty (what read_text does, at once).
        read[:empty] = distinct
        blanks = np.flatnonzero(pc.equal(dictionary, "").to_numpy(zero_copy_only=False)).tolist()
        read[blanks] = None
    for position, value in enumerate(distinct if not plain else ()):
        if blank(value):
            blanks.append(position)
            continue
        try:
            read[position] = _parsed(column, value)
        except CellError as refusal:
            failed[position] = refusal
    # A null or blank cell points at the last slot, left None.
    nulls = np.asarray(encoded.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    codes = np.where(nulls, empty, encoded.indices.fill_null(0).to_numpy())
    if blanks:
        codes = np.where(np.isin(codes, blanks), empty, codes)
    if failed:
        for row in np.flatnonzero(np.isin(codes, list(failed))).tolist():
            error = failed[int(codes[row])]
            problems.append(
                TableProblem.at(
                    sheet_name,
                    row + 2,
                    column.header(),
                    distinct[int(codes[row])],
                    error.message,
                    error.message_zh,
                )
            )
            refused[row] = True
    # An object array, not a list: rows are looked up, never iterated in Python.
    return _Read(column, read[codes], codes, read.tolist(), dictionary)


def _problem(sheet_name: str, row: int, header: str, value: Any, reason: str) -> TableProblem:
    return TableProblem.at(sheet_name, row + 2, header, value, reason, f"不成立：{reason}")


def _skipped(table: Any, found: dict[int, Column]) -> Any:
    """Which rows are blank, or the template's examples (their 编号 starts with 示例)."""
    import numpy as np  # noqa: PLC0415

    pc = _pc()
    rows = table.num_rows
    blank_rows = np.ones(rows, dtype=bool)
    example = np.zeros(rows, dtype=bool)
    for index, column in found.items():
        text = pc.utf8_trim_whitespace(_strings(table.column(index)))
        empty = pc.fill_null(pc.equal(text, ""), fill_value=True)
        blank_rows &= empty.to_numpy(zero_copy_only=False)
        if column.key in ("id", "parent"):
            marked = pc.fill_null(pc.starts_with(text, pattern=EXAMPLE_PREFIX), fill_value=False)
            example |= marked.to_numpy(zero_copy_only=False)
    return blank_rows | example


def _required(
    sheet_name: str, reads: list[_Read], problems: list[TableProblem], refused: Any, skipped: Any
) -> None:
    """Every empty cell of a required column, a problem of its row."""
    import numpy as np  # noqa: PLC0415

    for read in reads:
        if not read.column.required:
            continue
        for row in np.flatnonzero(read.empty & ~skipped).tolist():
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


def _checked_layout(  # noqa: C901, PLR0912, PLR0915  (the steps of the columnar checks, in order)
    sheet_name: str,
    table: Any,
    found: dict[int, Column],
    record: type,
    problems: list[TableProblem],
) -> Any:
    """A sheet of the library's layout, checked column by column into a typed table."""
    import numpy as np  # noqa: PLC0415

    rows = table.num_rows
    refused = np.zeros(rows, dtype=bool)
    invalid = np.zeros(rows, dtype=bool)
    skipped = _skipped(table, found)
    strings = {i: _strings(table.column(i)) for i in found}
    if skipped.any():
        # Blank rows and the template's examples are no records: their cells are emptied.
        mask = _pa().array(skipped)
        strings = {i: _pc().if_else(mask, None, a) for i, a in strings.items()}
    reads = [_cell_values(sheet_name, strings[i], c, problems, refused) for i, c in found.items()]
    _required(sheet_name, reads, problems, refused, skipped)
    refused |= skipped
    own = {r.column.key: r for r in reads if len(r.column.path) == 1}
    nested = [r for r in reads if len(r.column.path) == 2]
    fields = {f.name: f for f in attrs.fields(record)}
    # Declared checks of one value: once per distinct value, each refusal at its rows.
    for name, read in own.items():
        for check in declared_checks(fields[name]):
            if check.kind not in _VALUE_ONLY:
                continue
            bad = [
                p
                for p in _suspects(check, read)
                if check.reason(None, read.distinct[p]) is not None
            ]
            if not bad:
                continue
            for row in np.flatnonzero(np.isin(read.codes, bad) & ~refused).tolist():
                value = read.values[row]
                reason = check.reason(None, value) or ""
                problems.append(_problem(sheet_name, row, read.column.header(), value, reason))
                invalid[row] = True
    # Declared checks between two fields: a comparison of two columns.
    for name, read in own.items():
        for check in declared_checks(fields[name]):
            if check.kind not in ("not_before", "at_most"):
                continue
            other = own.get(check.other)  # type: ignore[attr-defined]
            if other is None:
                continue
            for row, (value, limit) in enumerate(zip(read.values, other.values, strict=True)):
                if value is None or limit is None or refused[row]:
                    continue
                why = check.reason(_Proxy({check.other: limit}), value)  # type: ignore[attr-defined]
                if why is not None:
                    problems.append(_problem(sheet_name, row, read.column.header(), value, why))
                    invalid[row] = True
    # Checks written as methods: one record per combination of what is given and of the
    # values of columns with few values; every row of a refused combination.
    telling = [_vocabulary_like(r) for r in reads]
    keys = [r.codes if t else r.empty.astype(np.int64) for r, t in zip(reads, telling, strict=True)]
    radix = [len(r.distinct) if t else 2 for r, t in zip(reads, telling, strict=True)]
    signature = _signatures(keys, radix, rows)
    signature = np.where(refused, -1, signature)
    signature = np.where(invalid, -2 - np.arange(rows), signature)
    groups, first, inverse = np.unique(signature, return_index=True, return_inverse=True)
    columns = tuple(found.values())

    def kwargs_of(row: int) -> dict[str, Any]:
        given = {n: r.values[row] for n, r in own.items() if r.values[row] is not None}
        for r in nested:
            if r.values[row] is not None:
                given.setdefault(r.column.path[0], {})[r.column.path[1]] = r.values[row]
        return given

    for group, row in zip(groups.tolist(), first.tolist(), strict=True):
        if group == -1:
            continue
        if build(record, kwargs_of(row), (sheet_name, row + 2), columns, []) is not None:
            continue
        members = (
            [row]
            if group <= -2
            else np.flatnonzero(inverse == np.searchsorted(groups, group)).tolist()
        )
        for member in members:
            mine: list[TableProblem] = []
            if build(record, kwargs_of(member), (sheet_name, member + 2), columns, mine) is None:
                problems.extend(mine)
                invalid[member] = True
    return _layout_arrow(record, own, nested, ~(refused | invalid))


def _suspects(check: Any, read: _Read) -> list[int]:
    """The positions of the distinct values ``check`` may refuse.

    An identifier column has a value a row: the identifier check's own pattern
    finds the few candidates in Arrow; every other check looks at each distinct value.
    """
    distinct = read.distinct
    if check.kind == "identifier" and len(distinct) > _FEW and read.texts is not None:
        from enforcement_core._validators import _IDENTIFIER  # noqa: PLC0415

        pc = _pc()
        matched = pc.match_substring_regex(read.texts, f"^(?:{_IDENTIFIER.pattern})$")
        good = pc.fill_null(matched, fill_value=False).to_numpy(zero_copy_only=False)
        return [int(p) for p in (~good).nonzero()[0] if distinct[int(p)] is not None]
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


def _signatures(keys: list[Any], radix: list[int], rows: int) -> Any:
    """One number per row for its combination of ``keys``."""
    import numpy as np  # noqa: PLC0415

    signature = np.zeros(rows, dtype=np.int64)
    scale = 1
    for key, base in zip(keys, radix, strict=True):
        if scale * base >= 2**62:
            # Too many combinations for one number: number the distinct rows instead.
            _, signature = np.unique(
                np.stack([signature, key], axis=1), axis=0, return_inverse=True
            )
            signature = signature.reshape(-1).astype(np.int64)
            scale = int(signature.max(initial=0)) + 1
        signature = signature + key.astype(np.int64) * scale
        scale *= base
    return signature


def _strings(array: Any) -> Any:
    """A column as text, as the readers take it (Parquet columns may be typed)."""
    pa = _pa()
    if pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
        return array
    return pa.chunked_array([pa.array([_cell(v) for v in array.to_pylist()], pa.string())])


def _layout_arrow(record: type, own: dict[str, _Read], nested: list[_Read], keep: Any) -> Any:
    """The kept rows as Arrow columns typed by the record's fields, built from the distinct values."""
    import typing  # noqa: PLC0415

    pa = _pa()
    hints = typing.get_type_hints(record)
    kept = pa.array(keep)
    columns: dict[str, Any] = {}
    for name, read in own.items():
        tp = _bare(hints[name])
        distinct, arrow_type = _converted(tp, read.distinct)
        values = pa.array(distinct, arrow_type).take(pa.array(read.codes)).filter(kept)
        if isinstance(tp, type) and issubclass(tp, Enum):
            values = values.dictionary_encode()
        columns[name] = values
    for read in nested:
        name = f"{read.column.path[0]}.{read.column.path[1]}"
        distinct = [v.value if isinstance(v, Enum) else v for v in read.distinct]
        columns[name] = pa.array(distinct, pa.string()).take(pa.array(read.codes)).filter(kept)
    return pa.table(columns).replace_schema_metadata({"record": record.__name__})


def _converted(tp: Any, distinct: list[Any]) -> tuple[list[Any], Any]:
    import typing  # noqa: PLC0415

    pa = _pa()
    if typing.get_origin(tp) is tuple:
        lists = [[x.value if isinstance(x, Enum) else x for x in v] if v else [] for v in distinct]
        return lists, pa.list_(pa.string())
    if isinstance(tp, type) and issubclass(tp, Enum):
        return [v.value if v is not None else None for v in distinct], pa.string()
    if tp is Decimal:
        return [_fen(v) for v in distinct], pa.int64()
    if tp is bool:
        return distinct, pa.bool_()
    if tp is dt.date:
        return distinct, pa.date32()
    return distinct, pa.string()


def _typed(
    sheet_name: str,
    table: Any,
    found: dict[int, Column],
    sheet: Sheet,
    problems: list[TableProblem],
) -> Any:
    return _checked_layout(sheet_name, table, found, sheet.record, problems)


def _national(  # noqa: PLR0913  (the sheet, its columns, and where problems and the read cells go)
    sheet_name: str,
    table: Any,
    found: dict[int, Column],
    national: str,
    problems: list[TableProblem],
    *,
    cells: dict[str, Any] | None = None,
) -> Any:
    """The typed table of a national table's records; ``cells`` gets every column as read.

    ``cells``, when given, receives each column's values by the column's key
    (``"body"``, ``"body_code"``), one per row of ``table``, and ``"_kept"``: which
    rows the typed table keeps.
    """
    from enforcement_core.actions import LicenceApplication, PenaltyCase  # noqa: PLC0415
    from enforcement_core.tables._publicity import _licence, _penalty  # noqa: PLC0415

    if national == "penalty":
        return _checked(sheet_name, table, found, PenaltyCase, problems, _penalty, cells)
    return _checked(sheet_name, table, found, LicenceApplication, problems, _licence, cells)


def _checked(  # noqa: C901, PLR0912, PLR0913, PLR0915, PLR0917  (the steps of the checks of a national table)
    sheet_name: str,
    table: Any,
    found: dict[int, Column],
    record: type,
    problems: list[TableProblem],
    shape: Any,
    cells: dict[str, Any] | None = None,
) -> Any:
    """The typed table of a sheet's records, every refused row reported and left out."""
    import numpy as np  # noqa: PLC0415

    pa = _pa()
    rows = table.num_rows
    refused = np.zeros(rows, dtype=bool)
    # 1. Every cell, by its column's reader (once per distinct value for most columns).
    given: dict[Column, list[Any]] = {}
    for index, column in found.items():
        array = table.column(index)
        if not pa.types.is_string(array.type) and not pa.types.is_large_string(array.type):
            array = pa.chunked_array([pa.array([_cell(v) for v in array.to_pylist()], pa.string())])
        given[column] = _cell_values(sheet_name, array, column, problems, refused).values.tolist()
    for column, values in given.items():
        if column.required:
            for row, value in enumerate(values):
                if value is None:
                    cell = table.column(next(i for i, c in found.items() if c is column))[
                        row
                    ].as_py()
                    if blank(cell):
                        problems.append(
                            TableProblem.at(
                                sheet_name,
                                row + 2,
                                column.header(),
                                None,
                                "a value is required",
                                "此项必填",
                            )
                        )
                        refused[row] = True
    # 2. The records' keyword arguments, column by column.
    names = {column.key: values for column, values in given.items()}
    keyed = _shaped_columns(names, rows, shape)
    invalid = np.zeros(rows, dtype=bool)
    # 3. Declared checks: value-only ones per distinct value, cross-field ones by comparison.
    fields = {f.name: f for f in attrs.fields(record)}
    header_of = {c.path[0]: c.header() for c in found.values()}
    for name, values in keyed.items():
        field = fields.get(name)
        if field is None or name in {"party", "applicant"}:
            continue
        for check in declared_checks(field):
            if check.kind in _VALUE_ONLY:
                memo: dict[Any, str | None] = {}
                for row, value in enumerate(values):
                    if value is None or refused[row]:
                        continue
                    key = (type(value), value) if not isinstance(value, list) else None
                    reason = (
                        memo.get(key)
                        if key is not None and key in memo
                        else check.reason(None, value)
                    )
                    if key is not None:
                        memo[key] = reason
                    if reason is not None:
                        problems.append(
                            TableProblem.at(
                                sheet_name,
                                row + 2,
                                header_of.get(name, name),
                                value,
                                reason,
                                f"不成立：{reason}",
                            )
                        )
                        invalid[row] = True
            elif check.kind in ("not_before", "at_most"):
                other = keyed.get(check.other)  # type: ignore[attr-defined]
                if other is None:
                    continue
                for row, (value, limit) in enumerate(zip(values, other, strict=True)):
                    if value is None or limit is None or refused[row]:
                        continue
                    if (check.kind == "not_before" and value < limit) or (
                        check.kind == "at_most" and value > limit
                    ):
                        proxy = _Proxy({check.other: limit})  # type: ignore[attr-defined]
                        reason = check.reason(proxy, value)
                        if reason is not None:
                            problems.append(
                                TableProblem.at(
                                    sheet_name,
                                    row + 2,
                                    header_of.get(name, name),
                                    value,
                                    reason,
                                    f"不成立：{reason}",
                                )
                            )
                            invalid[row] = True
    # 4. Checks written as methods: one record per combination of presence and vocabulary values.
    signature_fields = [n for n, v in keyed.items() if _low_cardinality(v)]
    groups: dict[tuple[Any, ...], list[int]] = {}
    for row in range(rows):
        if refused[row]:
            continue
        # A row a declared check refused is built alone, for every refusal of its own.
        signature: tuple[Any, ...] = (
            (row,)
            if invalid[row]
            else tuple(
                (keyed[n][row] if n in signature_fields else keyed[n][row] is None) for n in keyed
            )
        )
        groups.setdefault(signature, []).append(row)
    columns_tuple = tuple(found.values())
    for members in groups.values():
        kwargs = {n: keyed[n][members[0]] for n in keyed if keyed[n][members[0]] is not None}
        trial: list[TableProblem] = []
        if build(record, dict(kwargs), (sheet_name, members[0] + 2), columns_tuple, trial) is None:
            for row in members:
                kwargs = {n: keyed[n][row] for n in keyed if keyed[n][row] is not None}
                mine: list[TableProblem] = []
                if build(record, kwargs, (sheet_name, row + 2), columns_tuple, mine) is None:
                    problems.extend(mine)
                    invalid[row] = True
    keep = ~(refused | invalid)
    if cells is not None:
        cells.update(names, _kept=keep)
    return _arrow(record, keyed, keep)


def _cell(value: Any) -> str | None:  # noqa: PLR0911  (one return per kind of cell)
    """A cell as the text it holds, for a column read as text."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


class _Proxy:
    """An object with the attributes a cross-field check reads."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def _low_cardinality(values: list[Any]) -> bool:
    sample = values[:1000]
    return all(v is None or isinstance(v, Enum | bool | tuple) for v in sample) and len(
        {v for v in sample if not isinstance(v, list)}
    ) < max(8, len(sample) * _DISTINCT_SHARE)


def _shaped_columns(  # noqa: C901  (the library's sheets, then the national tables)
    names: dict[str, list[Any]], rows: int, shape: Any
) -> dict[str, list[Any]]:
    """Each field of the record and its values, row by row, as the records take them."""
    if shape is None or getattr(shape, "__name__", "") == "<lambda>":
        keyed: dict[str, list[Any]] = {}
        for key, values in names.items():
            if "_" in key and key.split("_", 1)[0] in ("party", "applicant"):
                continue
            keyed[key] = values
        for prefix in ("party", "applicant"):
            subs = {k.split("_", 1)[1]: v for k, v in names.items() if k.startswith(prefix + "_")}
            if subs:
                keyed[prefix] = [
                    None
                    if all(subs[s][r] is None for s in subs)
                    else {s: subs[s][r] for s in subs if subs[s][r] is not None}
                    for r in range(rows)
                ]
        return keyed
    # A national table: its rows are shaped one by one into the record's arguments.
    shaped: list[dict[str, Any] | None] = []
    for row in range(rows):
        kwargs: dict[str, Any] = {}
        for key, values in names.items():
            if values[row] is None:
                continue
            path = key.split(".")
            if len(path) == 1:
                kwargs[path[0]] = values[row]
            else:
                kwargs.setdefault(path[0], {})[path[1]] = values[row]
        try:
            shaped.append(shape(kwargs))
        except KeyError:
            shaped.append(None)  # a required value refused above
    fields = sorted({k for kwargs in shaped if kwargs for k in kwargs})
    return {f: [kwargs.get(f) if kwargs else None for kwargs in shaped] for f in fields}


def _arrow(record: type, keyed: dict[str, list[Any]], keep: Any) -> Any:
    """The kept rows as Arrow columns typed by the record's fields."""
    import typing  # noqa: PLC0415

    pa = _pa()
    hints = typing.get_type_hints(record)
    rows = [i for i, k in enumerate(keep) if k]
    columns: dict[str, Any] = {}
    for name, values in keyed.items():
        kept = [values[i] for i in rows]
        if name in ("party", "applicant"):
            for sub in ("name", "kind", "id_number"):
                column = [p.get(sub) if p else None for p in kept]
                if sub == "kind":
                    column = [v.value if v is not None else None for v in column]
                columns[f"{name}.{sub}"] = pa.array(column, pa.string())
            continue
        tp = _bare(hints[name])
        if typing.get_origin(tp) is tuple:
            inner = [[x.value if isinstance(x, Enum) else x for x in v] if v else [] for v in kept]
            columns[name] = pa.array(inner, pa.list_(pa.string()))
        elif isinstance(tp, type) and issubclass(tp, Enum):
            column = [v.value if v is not None else None for v in kept]
            columns[name] = pa.array(column, pa.string()).dictionary_encode()
        elif tp is Decimal:
            columns[name] = pa.array([_fen(v) for v in kept], pa.int64())
        elif tp is bool:
            columns[name] = pa.array(kept, pa.bool_())
        elif tp is dt.date:
            columns[name] = pa.array(kept, pa.date32())
        else:
            columns[name] = pa.array(kept, pa.string())
    table = pa.table(columns)
    return table.replace_schema_metadata({"record": record.__name__})


def _fen(value: Decimal | None) -> int | None:
    return None if value is None else int(value * 100)


def _bare(tp: Any) -> Any:
    import typing  # noqa: PLC0415
    from types import NoneType, UnionType  # noqa: PLC0415

    if typing.get_origin(tp) in (typing.Union, UnionType):
        return next(a for a in typing.get_args(tp) if a is not NoneType)
    return tp


# Back to objects ----------------------------------------------------------------------


def _records(field: str, table: Any) -> list[Any]:
    from enforcement_core.categories import RECORD_GROUPS  # noqa: PLC0415

    record = next(g.record for g in RECORD_GROUPS if g.field == field)
    fields = {f.name: f for f in attrs.fields(record)}
    import typing  # noqa: PLC0415

    hints = typing.get_type_hints(record)
    data = table.to_pydict()
    made = []
    for row in range(table.num_rows):
        kwargs: dict[str, Any] = {}
        for name in fields:
            if name in ("party", "applicant"):
                if f"{name}.name" in data and data[f"{name}.name"][row] is not None:
                    kind = data[f"{name}.kind"][row]
                    from enforcement_core.actions import PartyKind  # noqa: PLC0415

                    party: dict[str, Any] = {
                        "name": data[f"{name}.name"][row],
                        "kind": PartyKind(kind),
                    }
                    if data[f"{name}.id_number"][row] is not None:
                        party["id_number"] = data[f"{name}.id_number"][row]
                    kwargs[name] = Party(**party)
                continue
            if name not in data or data[name][row] is None:
                continue
            kwargs[name] = _back(hints[name], data[name][row])
        made.append(record(**kwargs))
    return made


def _back(tp: Any, value: Any) -> Any:
    import typing  # noqa: PLC0415
    from types import NoneType, UnionType  # noqa: PLC0415

    if typing.get_origin(tp) in (typing.Union, UnionType):
        tp = next(a for a in typing.get_args(tp) if a is not NoneType)
    if typing.get_origin(tp) is tuple:
        (item, *_) = typing.get_args(tp)
        return tuple(_back(item, v) for v in value)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(value)
    if tp is Decimal:
        return (Decimal(value) * _FEN).quantize(_FEN) if value % 100 else Decimal(value // 100)
    return value


# Summaries by group-bys -----------------------------------------------------------------


def _in_year(table: Any, column: str, start: dt.date, end: dt.date) -> Any:
    pc = _pc()
    dates = table.column(column)
    return table.filter(pc.and_(pc.greater_equal(dates, start), pc.less_equal(dates, end)))


def _yuan(fen: Any) -> Decimal:
    if fen is None:
        return _ZERO
    return Decimal(int(fen)) / 100 if int(fen) % 100 else Decimal(int(fen) // 100)


def _penalty_figures(table: Any, start: dt.date, end: dt.date) -> PenaltyFigures | None:
    pc = _pc()
    year = _in_year(table, "decided_on", start, end)
    if year.num_rows == 0:
        return None
    fine = year.column("fine") if "fine" in year.column_names else None
    by_domain = (
        year.group_by("domain")
        .aggregate([("domain", "count"), *([("fine", "sum")] if fine is not None else [])])
        .to_pydict()
    )
    domains = {
        Domain(d): n for d, n in zip(by_domain["domain"], by_domain["domain_count"], strict=True)
    }
    fines_by = (
        {
            Domain(d): _yuan(s)
            for d, s in zip(by_domain["domain"], by_domain["fine_sum"], strict=True)
        }
        if fine is not None
        else {}
    )
    sanctions = _per_type(year.column("sanctions"))
    procedures = (
        _tally(year.column("procedure"))
        if "procedure" in year.column_names
        else Counter({Procedure.ORDINARY.value: year.num_rows})
    )

    def total(name: str) -> int:
        return int(pc.sum(year.column(name)).as_py() or 0) if name in year.column_names else 0

    return PenaltyFigures(
        cases=year.num_rows,
        by_domain={
            d: DomainPenalties(cases=domains[d], fines=fines_by.get(d, _ZERO))
            for d in Domain
            if domains.get(d)
        },
        by_sanction=ordered(
            Counter({SanctionType(k): n for k, n in sanctions.items() if k is not None}),
            SanctionType,
        ),
        by_procedure=ordered(Counter({Procedure(k): n for k, n in procedures.items()}), Procedure),
        fines=_yuan(total("fine")),
        confiscations=_yuan(total("confiscation")),
        not_penalised=sanctions[None],
        lightened=_count_true(year, "lightened"),
        legal_reviews=_count_true(year, "legal_review"),
        referrals=_count_true(year, "referred"),
    )


def _per_type(lists: Any) -> Counter[str | None]:
    """How many rows list each value (a row listing it twice counts once); ``None``: empty lists."""
    pa, pc = _pa(), _pc()
    lists = lists.combine_chunks() if hasattr(lists, "combine_chunks") else lists
    pairs = pa.table({"row": pc.list_parent_indices(lists), "value": pc.list_flatten(lists)})
    distinct = pairs.group_by(["row", "value"]).aggregate([])
    counts: Counter[str | None] = _tally(distinct.column("value"))
    lengths = pc.fill_null(pc.list_value_length(lists), 0)
    counts[None] += int(pc.sum(pc.cast(pc.equal(lengths, 0), "int64")).as_py() or 0)
    return counts


def _tally(column: Any) -> Counter[Any]:
    """How many rows hold each value of a column."""
    counts: Counter[Any] = Counter()
    for entry in _pc().value_counts(column).to_pylist():
        counts[entry["values"]] += entry["counts"]
    return counts


def _count_true(table: Any, name: str) -> int:
    if name not in table.column_names:
        return 0
    return int(_pc().sum(_pc().cast(table.column(name), "int64")).as_py() or 0)


def _licensing_figures(table: Any, start: dt.date, end: dt.date) -> LicensingFigures | None:
    pc = _pc()
    year = _in_year(table, "applied_on", start, end)
    if year.num_rows == 0:
        return None
    n = year.num_rows
    accepted = _count_true(year, "accepted") if "accepted" in year.column_names else n
    if "accepted" in year.column_names:
        nulls = year.column("accepted").null_count
        accepted += nulls  # a cell left empty is the default: accepted
    decisions = _tally(year.column("decision")) if "decision" in year.column_names else Counter()
    subjects: set[str] = (
        {s or "" for s in year.column("subject").to_pylist()}
        if "subject" in year.column_names
        else {""}
    )
    pending = 0
    if "decision" in year.column_names:
        undecided = pc.is_null(year.column("decision"))
        if "accepted" in year.column_names:
            undecided = pc.and_(undecided, pc.fill_null(year.column("accepted"), fill_value=True))
        pending = int(pc.sum(pc.cast(undecided, "int64")).as_py() or 0)
    else:
        pending = accepted
    revoked = 0
    if "revoked_on" in year.column_names:
        revoked = int(
            pc.sum(
                pc.cast(
                    pc.fill_null(pc.less_equal(year.column("revoked_on"), end), fill_value=False),
                    "int64",
                )
            ).as_py()
            or 0
        )
    return LicensingFigures(
        subject=subjects.pop() if len(subjects) == 1 else "",
        applications=n,
        accepted=accepted,
        granted=decisions[LicensingDecision.GRANTED.value],
        refused=decisions[LicensingDecision.REFUSED.value],
        pending=pending,
        revoked=revoked,
        legal_reviews=_count_true(year, "legal_review"),
    )
