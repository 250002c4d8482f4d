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
with its certificates are read as objects. The parts, each a module of its own:
reading files as Arrow tables (:mod:`._files`, :mod:`._workbook`), the column
check engine (:mod:`._columns`), national tables shaped column by column beside
their layouts (:mod:`._publicity_columns`), and typed tables of records and back
(:mod:`._arrow_records`). A property test holds :meth:`ColumnarLedger.summarize`
equal to :func:`~enforcement_core.summarize` of the same records.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

import attrs

from enforcement_core.actions import (
    Domain,
    LicensingDecision,
    Procedure,
    SanctionType,
)
from enforcement_core.body import EnforcementBody
from enforcement_core.errors import LoadError
from enforcement_core.figures import DomainPenalties, LicensingFigures, PenaltyFigures, ordered
from enforcement_core.ledger import Ledger
from enforcement_core.partials import Partial
from enforcement_core.summary import record_figures
from enforcement_core.tables._arrow_files import _arrow_sheets, _pa, _pc
from enforcement_core.tables._arrow_records import _records
from enforcement_core.tables._columns import _checked_layout
from enforcement_core.tables._files import RawSheet, kind_of, materialized, of_file
from enforcement_core.tables._layout import (
    Column,
    Sheet,
    match_columns,
    sheets,
    unknown_without,
)
from enforcement_core.tables._publicity import recognise
from enforcement_core.tables._publicity_columns import _national
from enforcement_core.tables._publicity_rows import unknown_of

if TYPE_CHECKING:
    from enforcement_core.report import AnnualReport
    from enforcement_core.tables._problems import TableProblem
    from enforcement_core.tables._read import Seen

__all__ = ["ColumnarLedger", "read_columnar"]

_ZERO: Final = Decimal(0)
# Up to this many rows, figures are counted with numpy; a group-by in Arrow costs more to
# start (a body's few hundred rows), less to run (a whole ledger's).
_SMALL_TABLE: Final = 2000
# The kinds of record summarised by group-bys; the others through their objects.
_GROUPED: Final = frozenset({"penalty_cases", "licence_applications"})


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


def read_columnar(  # noqa: C901  (each sheet: published, the library's own, or by objects)
    source: str | os.PathLike[str] | IO[bytes],
    *,
    body: EnforcementBody,
    year: int,
    mapping: Mapping[str, str | tuple[str, str]] | None = None,
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

    source = materialized(source)
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
    try:
        arrow = _arrow_sheets(source, kind, Path(name).stem if name else "table", mapping)
    except LoadError as error:
        raise of_file(error, Path(name).stem if name else "table", shown) from None
    problems: list[TableProblem] = []
    tables: dict[str, Any] = {}
    layout = sheets()
    objects: dict[str, list[Any]] = {}
    seen: Seen = {}
    unknown: dict[str, None] = {}
    for sheet_name, table in arrow:
        header = list(table.column_names)
        published = recognise(header, mapping)
        if published is not None:
            field = published.field
            found = _columns_of(
                sheet_name,
                header,
                published.columns,
                mapping,
                problems,
                ignored=published.ignored(),
            )
            if found is not None:
                keys = (column.key for column in found.values())
                unknown.update(dict.fromkeys(unknown_of(published, keys)))
                tables[field] = _concat(
                    tables.get(field), _national(sheet_name, table, found, published, problems)
                )
                problems += _repeated(field, sheet_name, table, found, seen)
            continue
        matched = _match(RawSheet(sheet_name, header, []), layout, len(arrow) == 1, mapping)
        if matched is None or matched.parent is not None or _has_children(matched):
            # Records with sub-records, and what is not a sheet, go the object way.
            objects.setdefault("_sheets", []).append(sheet_name)
            continue
        found = _columns_of(sheet_name, header, matched.columns, mapping, problems)
        if found is not None:
            keys = (column.key for column in found.values())
            unknown.update(dict.fromkeys(unknown_without(matched.record, keys)))
            tables[matched.key] = _concat(
                tables.get(matched.key), _typed(sheet_name, table, found, matched, problems)
            )
            problems += _repeated(matched.key, sheet_name, table, found, seen)
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
    if unknown:
        rest = attrs.evolve(rest, unknown=tuple(dict.fromkeys([*rest.unknown, *unknown])))
    return ColumnarLedger(body, year, tables, rest)


def _repeated(
    field: str, sheet_name: str, table: Any, found: dict[int, Column], seen: Seen
) -> list[TableProblem]:
    """:func:`~enforcement_core.tables._read.repeated_ids` of an Arrow table's identifier column."""
    from enforcement_core.tables._read import repeated_ids  # noqa: PLC0415

    index = next((i for i, column in found.items() if column.key == "id"), None)
    if index is None:
        return []
    cells = table.column(index).to_pylist()
    values = [(row + 2, cell) for row, cell in enumerate(cells)]
    return repeated_ids(field, sheet_name, found[index].header(), values, seen)


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
    mapping: Mapping[str, str | tuple[str, str]] | None,
    problems: list[TableProblem],
    *,
    ignored: frozenset[str] = frozenset(),
) -> dict[int, Column] | None:
    before = len(problems)
    found = match_columns(sheet_name, header, columns, mapping, problems, ignored=ignored)
    return None if len(problems) > before else found


# Back to objects ----------------------------------------------------------------------


# Summaries by group-bys -----------------------------------------------------------------


def _in_year(table: Any, column: str, start: dt.date, end: dt.date) -> Any:
    if not table.num_rows:
        return table  # a table of no records may have no columns: nothing is in the year
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
    domains, fines_by = _by_domain(year, fine)
    # A sheet without a 处罚种类 column: every case carries no sanction, as its record does.
    sanctions = (
        _per_type(year.column("sanctions"))
        if "sanctions" in year.column_names
        else Counter({None: year.num_rows})
    )
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


def _by_domain(year: Any, fine: Any) -> tuple[dict[Domain, int], dict[Domain, Decimal]]:
    """The cases and the fines (in yuan) of each domain of the year's cases.

    Counted on the codes of the domains, a call of numpy each: a body's table is
    small, and a group-by in Arrow costs more to start than to run. A big table,
    a table with a case without a domain, or fines not in fen, is grouped by Arrow.
    """
    import numpy as np  # noqa: PLC0415

    pa, pc = _pa(), _pc()
    if year.num_rows > _SMALL_TABLE:
        return _by_domain_grouped(year, fine)
    column = year.column("domain")
    if pa.types.is_dictionary(column.type):
        column = column.cast(pa.string())
    encoded = pc.dictionary_encode(column).combine_chunks()
    if encoded.null_count or (fine is not None and fine.type != pa.int64()):
        return _by_domain_grouped(year, fine)
    names = [Domain(d) for d in encoded.dictionary.to_pylist()]
    codes = encoded.indices.to_numpy()
    cases = np.bincount(codes, minlength=len(names)).tolist()
    domains = {d: n for d, n in zip(names, cases, strict=True) if n}
    if fine is None:
        return domains, {}
    amounts = fine.combine_chunks()
    given = np.asarray(amounts.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    sums = np.zeros(len(names), dtype=np.int64)
    np.add.at(sums, codes[given], amounts.fill_null(0).to_numpy()[given])
    # A domain whose cases have no fine sums to 0, as a group-by's null does through _yuan.
    return domains, {d: _yuan(n) for d, n in zip(names, sums.tolist(), strict=True)}


def _by_domain_grouped(year: Any, fine: Any) -> tuple[dict[Domain, int], dict[Domain, Decimal]]:
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
    return domains, fines_by


def _per_type(lists: Any) -> Counter[str | None]:
    """How many rows list each value (a row listing it twice counts once); ``None``: empty lists."""
    import numpy as np  # noqa: PLC0415

    pa, pc = _pa(), _pc()
    lists = lists.combine_chunks() if hasattr(lists, "combine_chunks") else lists
    if len(lists) > _SMALL_TABLE:
        pairs = pa.table({"row": pc.list_parent_indices(lists), "value": pc.list_flatten(lists)})
        distinct = pairs.group_by(["row", "value"]).aggregate([])
        counts: Counter[str | None] = _tally(distinct.column("value"))
        return _empty_lists(lists, counts)
    rows = pc.list_parent_indices(lists).to_numpy().astype(np.int64)
    encoded = pc.dictionary_encode(pc.list_flatten(lists))
    # A null value, were there one, is counted under None, as a group-by counts it.
    values: list[str | None] = [*encoded.dictionary.to_pylist(), None]
    width = len(values)
    codes = encoded.indices.fill_null(width - 1).to_numpy().astype(np.int64)
    # Each (row, value) once: a row listing a value twice counts once.
    tally = np.bincount(np.unique(rows * width + codes) % width, minlength=width).tolist()
    counts = Counter({v: n for v, n in zip(values, tally, strict=True) if n})
    return _empty_lists(lists, counts)


def _empty_lists(lists: Any, counts: Counter[str | None]) -> Counter[str | None]:
    """``counts`` with the empty (or null) lists counted under ``None``."""
    pc = _pc()
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


def _typed(
    sheet_name: str,
    table: Any,
    found: dict[int, Column],
    sheet: Sheet,
    problems: list[TableProblem],
) -> Any:
    return _checked_layout(sheet_name, table, found, sheet.record, problems)
