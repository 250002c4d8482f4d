"""An experiment, not the library: the column check engine on polars, for one path (issue 24).

Written on 2026-12-05 to answer one question with a measurement: could a user's whole
path, a million-row CSV of the library's own penalty layout to its validated annual
report, come within 1.5x of polars' whole-process CPU for the same figures computed
without any check (the ``csv-polars`` anchor of ``bench_ledgers.py``), were the column
engine's checks run on polars instead of pyarrow? The answer and its measurements are
in docs/performance-history.md ("A column engine on polars, an experiment").

    python benchmarks/polars_engine_experiment.py FILE          # its report; where its CPU went
    python benchmarks/polars_engine_experiment.py --check FILE  # read_columnar's report or problems?
    python benchmarks/bench_ledgers.py --only csv               # beside the library and polars

``--check`` holds it to ``read_columnar`` on FILE and on two files of bad and odd cells
written here (every problem, in order, in both languages; or the same report). It needs
polars (the ``bench`` extra), calls the library's private readers and checks, and reads
only a one-sheet CSV of the own penalty layout, with the body and year given.
Every check of the library's column engine on such a file is made, in its order:

1. header: the sheet found by its header (``column_layout``) and each header matched
   (``match_columns``: unknown column, a column twice, a required column missing);
2. each column's reader (``_layout._parsed``: ``read_text``/``read_date``/``read_yuan``/
   ``enum_reader``/``read_bool``, a listed column split on 、,;/ and each item read),
   called once per distinct cell (a column read as a polars categorical of its own, its
   categories its distinct cells), its refusals taken to the rows by ``is_in``;
3. blank rows and the template's example rows (编号 starting 示例) passed over;
4. a required column's empty cell ("a value is required");
5. the declared checks of one value (``declared_checks``: identifier, date, member_of,
   money, instance_of, tuple_of...) once per distinct value; the identifier column (a
   value a row) held to the check's ``plain_pattern`` in polars, only the values that do
   not surely pass looked at in Python;
6. the checks written as methods (a sanction listed twice, a fine without the fine
   sanction, ...): one record built (``_layout.build``) per distinct combination of the
   vocabulary columns' cells and of which other columns are given, and every row of a
   refused combination built alone; rows refused by a declared check built alone;
7. identifiers given twice (``given_again``), first found through a 64-bit hash of each
   row's trimmed identifier, the rows of an equal hash then compared exactly;
8. the figures: the year's rows tallied by the same polars group-by, the groups' keys
   read through the distinct values' readings, into ``PenaltyFigures`` and the
   ``AnnualReport`` (``Partial.finish``).

Files it does not read itself (over the size limit, not UTF-8, a CR-only file, a header
with a blank or repeated name, a cell longer than the limit, a row longer or shorter than
the header, a title above a national table's header, a sheet of another kind, party
columns) are handed to the library's ``read_columnar``: see ``_Fallback``. Nor does it
make the ``ColumnarLedger``'s Arrow tables or records: the report alone.
"""

from __future__ import annotations

import time

CHECKPOINTS: dict[str, float] = {"start": time.process_time()}

import polars as pl  # noqa: E402

CHECKPOINTS["import polars"] = time.process_time()

import csv as std_csv  # noqa: E402
import datetime as dt  # noqa: E402
import io  # noqa: E402
from collections import Counter  # noqa: E402
from decimal import Decimal  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import attrs  # noqa: E402

from enforcement_core._tallies import _yuan  # noqa: E402
from enforcement_core._validators import declared_checks  # noqa: E402
from enforcement_core.actions import Domain, Procedure, SanctionType  # noqa: E402
from enforcement_core.errors import LoadError  # noqa: E402
from enforcement_core.figures import DomainPenalties, PenaltyFigures, ordered  # noqa: E402
from enforcement_core.ledger import Ledger  # noqa: E402
from enforcement_core.partials import Partial  # noqa: E402
from enforcement_core.summary import record_figures  # noqa: E402
from enforcement_core.tables._arrow_files import _PLAIN_YUAN  # noqa: E402
from enforcement_core.tables._cells import CellError, read_bool, read_yuan  # noqa: E402
from enforcement_core.tables._columns import _FEW, _VALUE_ONLY  # noqa: E402
from enforcement_core.tables._files import MAX_CELL_CHARS, MAX_FILE_BYTES  # noqa: E402
from enforcement_core.tables._layout import (  # noqa: E402
    EXAMPLE_PREFIX,
    Sheet,
    _parsed,
    build,
    match_columns,
    unknown_without,
)
from enforcement_core.tables._problems import TableProblem, _unique  # noqa: E402
from enforcement_core.tables._read import given_again  # noqa: E402
from enforcement_core.tables._reasons import in_chinese  # noqa: E402
from enforcement_core.tables._sheet_columns import column_layout  # noqa: E402

CHECKPOINTS["import enforcement_core model"] = time.process_time()

# Arrow holds fen in int64; a larger amount is refused by the money check.
_HUGE = Decimal(2**63) / 100


class _Fallback(Exception):  # noqa: N818
    """A file the prototype leaves to the library's own reader."""


@attrs.define
class _Col:
    """A column as read: its distinct cells (its categories), each row's code, what each reads as."""

    column: Any  # the library's Column
    name: str  # the header as the file writes it
    codes: pl.Series  # UInt32, each row's position in ``distinct``; null for an empty cell
    distinct: list[str]
    #: by code: the value read, None for a blank or refused cell
    value: list[Any]
    #: code -> CellError, the cells the reader refused
    failed: dict[int, CellError]
    #: the codes of blank cells (white space only)
    blanks: list[int]
    has_null: bool

    @property
    def has_blank(self) -> bool:
        return self.has_null or bool(self.blanks)

    def blank_mask(self) -> pl.Series:
        mask = self.codes.is_null()
        return mask | self.codes.is_in(self.blanks).fill_null(False) if self.blanks else mask  # noqa: FBT003

    def given_expr(self) -> pl.Expr:
        codes = pl.col(self.name).to_physical()
        given = codes.is_not_null()
        return given & ~codes.is_in(self.blanks).fill_null(False) if self.blanks else given  # noqa: FBT003


def _problem(sheet: str, row: int, header: str, value: Any, reason: str) -> TableProblem:
    return TableProblem.at(sheet, row + 2, header, value, reason, in_chinese(reason))


def _rows(mask: pl.Series) -> list[int]:
    return mask.arg_true().to_list()


def _head_checks(path: Path) -> list[str]:
    """What the library reads otherwise (or refuses) before any cell: handed to it. The header."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise _Fallback("larger than the limit")
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    if b"\n" not in head and b"\r" in head:
        raise _Fallback("CR line ends")
    end = head.find(b"\n")
    try:
        line = (head if end < 0 else head[:end]).decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise _Fallback("not UTF-8") from None
    try:
        header = next(std_csv.reader(io.StringIO(line)), [])
    except std_csv.Error:
        raise _Fallback("header not CSV") from None
    if not header or any(not h.strip() for h in header) or len(set(header)) != len(header):
        raise _Fallback("blank or repeated header")
    return header


def read_csv_checked(path: str | Path, *, body: Any, year: int) -> tuple[Any, dict[str, float]]:
    """The annual report of a penalty CSV of the library's layout, every row checked.

    Raises LoadError with the problems the library finds. Returns (report, checkpoints).
    """
    path = Path(path)
    marks: dict[str, float] = {}
    try:
        return _read(path, body, year, marks), marks
    except _Fallback:
        from enforcement_core.tables import read_columnar

        return read_columnar(path, body=body, year=year).summarize(), {"fallback": 1.0}


def _read(path: Path, body: Any, year: int, marks: dict[str, float]) -> Any:  # noqa: C901, PLR0912, PLR0915
    header = _head_checks(path)
    sheet_name, shown = path.stem, path.name
    layout = column_layout(sheet_name, header, None, single=True)
    if not isinstance(layout, Sheet) or layout.key != "penalty_cases":
        raise _Fallback("not a penalty sheet of the layout")
    problems: list[TableProblem] = []
    found = match_columns(sheet_name, header, layout.columns, None, problems)
    if problems:
        raise LoadError(_unique(problems), source=shown)
    if any(len(c.path) != 1 for c in found.values()):
        raise _Fallback("party columns")  # nested objects: not prototyped
    record = layout.record
    id_index = next(i for i, c in found.items() if c.key == "id")
    id_name = header[id_index]
    # Every column but the identifiers read as a categorical of its own: its distinct cells
    # are its categories, each row's code their position (found as the file is parsed).
    categories = {header[i]: pl.Categories.random() for i in found if i != id_index}
    try:
        frame = pl.read_csv(
            path,
            infer_schema=False,
            schema_overrides={name: pl.Categorical(c) for name, c in categories.items()},
            raise_if_empty=False,
        )
    except Exception as error:  # noqa: BLE001  (not UTF-8, ragged rows, an unclosed quote...)
        raise _Fallback(str(error)) from None
    if frame.columns != header:
        raise _Fallback("header read otherwise")
    marks["read"] = time.process_time()
    rows = frame.height
    ids = frame.get_column(id_name)

    # -- each column's distinct cells read once ------------------------------------------
    cols: dict[int, _Col] = {}
    for index, column in found.items():
        if index == id_index:
            continue
        name = header[index]
        distinct_series = categories[name].to_series()
        distinct = distinct_series.to_list()
        if any(len(cell) > MAX_CELL_CHARS for cell in distinct):
            raise _Fallback("a long cell")
        codes = frame.get_column(name).to_physical()
        value: list[Any] = [None] * len(distinct)
        failed: dict[int, CellError] = {}
        blanks: list[int] = []
        plain = (
            distinct_series.str.contains(_PLAIN_YUAN).to_list()
            if column.read is read_yuan and not column.listed and column.check is None
            else None
        )
        for code, cell in enumerate(distinct):
            if not cell.strip():
                blanks.append(code)
                continue
            if plain is not None and plain[code]:
                value[code] = Decimal(cell)  # what read_yuan reads of plain digits (_plain_yuan)
                continue
            try:
                value[code] = _parsed(column, cell)
            except CellError as refusal:
                failed[code] = refusal
        has_null = codes.null_count() > 0
        cols[index] = _Col(column, name, codes, distinct, value, failed, blanks, has_null)
    marks["distinct cells read"] = time.process_time()

    # -- the identifiers: plain ones decided in polars, the others in Python ----------------
    if ids.len() and (ids.str.len_bytes().max() or 0) > MAX_CELL_CHARS:
        raise _Fallback("a long cell")
    id_column = found[id_index]
    fields = attrs.fields_dict(record)
    id_checks = [c for c in declared_checks(fields["id"]) if c.kind in _VALUE_ONLY]
    plain_pattern = next((c.plain_pattern for c in id_checks if c.plain_pattern), None)
    # A cell that matches is its own trimmed text (no white space) and surely passes.
    if plain_pattern:
        plain_ids = ids.str.contains(plain_pattern).fill_null(False)  # noqa: FBT003
    else:
        plain_ids = pl.repeat(False, rows, eager=True)  # noqa: FBT003
    odd_rows = _rows(~plain_ids)
    odd_cells = ids.gather(odd_rows).to_list() if odd_rows else []
    odd_read: dict[int, Any] = {}  # row -> trimmed identifier (None: blank)
    odd_failed: dict[int, CellError] = {}
    for row, cell in zip(odd_rows, odd_cells, strict=True):
        if cell is None or not cell.strip():
            odd_read[row] = None
            continue
        try:
            odd_read[row] = _parsed(id_column, cell)
        except CellError as refusal:  # pragma: no cover  (read_text takes any text)
            odd_failed[row] = refusal
            odd_read[row] = None
    example = ids.str.starts_with(EXAMPLE_PREFIX).fill_null(False) & plain_ids  # noqa: FBT003
    example_rows = set(_rows(example)) | {
        r for r, v in odd_read.items() if v is not None and v.startswith(EXAMPLE_PREFIX)
    }
    id_blank_rows = {r for r, v in odd_read.items() if v is None and r not in odd_failed}

    # -- rows passed over: blank in every column, or the template's examples --------------
    skipped: set[int] = set(example_rows)
    if id_blank_rows and all(c.has_blank for c in cols.values()):
        blank_row = pl.repeat(True, rows, eager=True)  # noqa: FBT003
        for c in cols.values():
            blank_row &= c.blank_mask()
        skipped |= set(_rows(blank_row)) & id_blank_rows
    refused: set[int] = set(skipped)
    marks["identifiers and blank rows"] = time.process_time()

    # -- readers' refusals, by column, then required cells ---------------------------------
    for index, column in found.items():
        if index == id_index:
            for row in sorted(r for r in odd_failed if r not in skipped):
                error = odd_failed[row]
                problems.append(
                    TableProblem.at(
                        sheet_name,
                        row + 2,
                        column.header(),
                        ids[row],
                        error.message,
                        error.message_zh,
                    )
                )
                refused.add(row)
            continue
        c = cols[index]
        if not c.failed:
            continue
        for row in _rows(c.codes.is_in(list(c.failed))):
            if row in skipped:
                continue
            code = c.codes[row]
            error = c.failed[code]
            problems.append(
                TableProblem.at(
                    sheet_name,
                    row + 2,
                    column.header(),
                    c.distinct[code],
                    error.message,
                    error.message_zh,
                )
            )
            refused.add(row)
    for index, column in found.items():
        if not column.required:
            continue
        if index == id_index:
            empty = sorted(id_blank_rows - skipped)
        else:
            c = cols[index]
            if not c.has_blank:
                continue
            empty = [r for r in _rows(c.blank_mask()) if r not in skipped]
        for row in empty:
            problems.append(
                TableProblem.at(
                    sheet_name, row + 2, column.header(), None, "a value is required", "此项必填"
                )
            )
            refused.add(row)
    marks["refusals mapped to rows"] = time.process_time()

    # -- declared checks of one value, once per distinct value -----------------------------
    invalid: set[int] = set()
    for index, column in found.items():
        for check in declared_checks(fields[column.key]):
            if check.kind in ("not_before", "at_most"):
                raise _Fallback("checks between fields")  # none on PenaltyCase
            if check.kind not in _VALUE_ONLY:
                continue
            if index == id_index:
                bad_rows = sorted(
                    r
                    for r, v in odd_read.items()
                    if v is not None
                    and r not in refused
                    and (check.reason(None, v) is not None or check.refuses_an_item(v))
                )
                for row in bad_rows:
                    if check.kind != "tuple_of":
                        value = odd_read[row]
                        problems.append(
                            _problem(
                                sheet_name,
                                row,
                                column.header(),
                                value,
                                check.reason(None, value) or "",
                            )
                        )
                    invalid.add(row)
                continue
            c = cols[index]
            bad_codes = [
                code
                for code, value in enumerate(c.value)
                if value is not None
                and (check.reason(None, value) is not None or check.refuses_an_item(value))
            ]
            if not bad_codes:
                continue
            for row in _rows(c.codes.is_in(bad_codes)):
                if row in refused:
                    continue
                value = c.value[c.codes[row]]
                if check.kind != "tuple_of":  # an item refused: said by the build (officers[1])
                    problems.append(
                        _problem(
                            sheet_name, row, column.header(), value, check.reason(None, value) or ""
                        )
                    )
                invalid.add(row)
    marks["declared checks"] = time.process_time()

    # -- one group-by: the checks written as methods and the year's tallies -----------------
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    date_index = next(i for i, c in found.items() if c.key == "decided_on")
    dates = cols[date_index]
    given_dates = [code for code, v in enumerate(dates.value) if v is not None]
    in_year_codes = [code for code in given_dates if start <= dates.value[code] <= end]
    every_in_year = len(in_year_codes) == len(given_dates)
    fine_index = next((i for i, c in found.items() if c.key == "fine"), None)

    keys: list[pl.Expr] = []
    telling: dict[int, str] = {}  # index -> key name
    for index, column in found.items():
        if index == id_index:
            continue  # given or not: only an odd row may be blank, and those are refused
        c = cols[index]
        vocabulary_like = len(c.value) + 1 <= _FEW and (
            column.vocabulary is not None or column.read is read_bool
        )
        key = f"k{index}"
        if vocabulary_like:
            keys.append(pl.col(c.name).to_physical().alias(key))
            telling[index] = key
        elif c.has_blank:
            keys.append(c.given_expr().alias(key))
    if not every_in_year:
        keys.append(
            pl.col(dates.name)
            .to_physical()
            .is_in(in_year_codes)
            .fill_null(value=False)
            .alias("in_year")
        )
    aggs = [pl.len().alias("n"), pl.col("_row").first().alias("first")]
    extra: list[pl.Series] = []
    if fine_index is not None:
        # Each distinct amount's fen, as the reader read it, taken to the rows by their codes.
        c = cols[fine_index]
        fen = [None if v is None or abs(v) >= _HUGE else int(v * 100) for v in c.value]
        by_code = pl.Series("fen_of_code", fen, dtype=pl.Int128)
        amounts = by_code.gather(c.codes).alias("_fen")
        most = max((abs(f) for f in fen if f is not None), default=0)
        if most * max(rows, 1) < 2**63:
            amounts = amounts.cast(pl.Int64)
        extra.append(amounts)
        aggs.append(pl.col("_fen").sum().alias("fines"))
    kept_out = refused | invalid
    base = (
        frame.with_columns(extra).lazy().with_row_index("_row")
        if extra
        else frame.lazy().with_row_index("_row")
    )
    if kept_out:
        base = base.filter(~pl.col("_row").is_in(sorted(kept_out)))
    groups = (
        base.group_by(keys).agg(aggs).sort("first").collect()
        if keys
        else (base.select(aggs).collect())
    )
    marks["group-by"] = time.process_time()

    # The checks written as methods: one record per group, every row of a refused group alone.
    columns = tuple(found.values())

    def kwargs_of(row: int) -> dict[str, Any]:
        given: dict[str, Any] = {}
        for index, column in found.items():
            if index == id_index:
                value = odd_read[row] if row in odd_read else ids[row]
            else:
                c = cols[index]
                code = c.codes[row]
                value = None if code is None else c.value[code]
            if value is not None:
                given[column.path[0]] = value
        return given

    def group_rows(group: dict[str, Any]) -> list[int]:
        mask = pl.lit(True)  # noqa: FBT003
        for expr in keys:
            value = group[expr.meta.output_name()]
            mask &= expr.is_null() if value is None else (expr == value)
        return sorted(base.filter(mask).select("_row").collect().to_series().to_list())

    for group in groups.iter_rows(named=True):
        row = int(group["first"])
        if build(record, kwargs_of(row), (sheet_name, row + 2), columns, []) is not None:
            continue
        for member in group_rows(group):
            mine: list[TableProblem] = []
            if build(record, kwargs_of(member), (sheet_name, member + 2), columns, mine) is None:
                problems.extend(mine)
                invalid.add(member)
    for row in sorted(invalid - refused):
        mine = []
        if build(record, kwargs_of(row), (sheet_name, row + 2), columns, mine) is None:
            problems.extend(mine)
    marks["checks as methods"] = time.process_time()

    # -- identifiers given twice ------------------------------------------------------------
    key = ids
    if odd_read:
        rows_odd = list(odd_read)
        key = ids.clone().scatter(
            rows_odd, pl.Series([odd_read[r] for r in rows_odd], dtype=pl.String)
        )
    given_ids = key.is_not_null()
    hashes = key.filter(given_ids).hash()
    in_order = hashes.sort(multithreaded=False)
    if len(in_order) > 1 and (in_order.slice(1) == in_order.slice(0, len(in_order) - 1)).any():
        # Equal hashes: the rows compared by their text, in order (a collision is no problem).
        candidates = given_ids.arg_true().filter(hashes.is_duplicated()).to_list()
        first: dict[str, int] = {}
        again: list[TableProblem] = []
        for row in candidates:
            value = key[row]
            if value in first:
                again.append(
                    given_again(
                        (sheet_name, row + 2),
                        id_column.header(),
                        value,
                        (sheet_name, first[value] + 2),
                    )
                )
            else:
                first[value] = row
        problems.extend(again)
    marks["identifiers given twice"] = time.process_time()

    if problems:
        raise LoadError(_unique(problems), source=shown)

    # -- the figures from the groups ----------------------------------------------------------
    report = _figures(groups, found, cols, telling, every_in_year, body, year, record)
    marks["tallies"] = time.process_time()
    return report


def _figures(  # noqa: PLR0913, PLR0917  (the groups, what the columns read, and the ledger's body and year)
    groups: pl.DataFrame,
    found: dict[int, Any],
    cols: dict[int, _Col],
    telling: dict[int, str],
    every_in_year: bool,  # noqa: FBT001
    body: Any,
    year: int,
    record: type,
) -> Any:
    """PenaltyFigures as ``_from_columns`` makes them, from the groups' keys and counts."""
    by_key = {found[i].key: (cols[i], k) for i, k in telling.items()}
    defaults = {f.name: f.default for f in attrs.fields(record)}
    cases = 0
    domains: dict[Any, list[Any]] = {}
    sanctions: Counter[Any] = Counter()
    procedures: Counter[Any] = Counter()
    reviews = 0
    fines_total = 0  # fen
    for group in groups.iter_rows(named=True):
        if not every_in_year and not group["in_year"]:
            continue
        n = group["n"]
        cases += n

        def value_of(field: str, group: dict[str, Any] = group) -> Any:
            if field not in by_key:
                return defaults[field]
            c, k = by_key[field]
            code = group[k]
            v = None if code is None else c.value[code]
            return defaults[field] if v is None else v

        fen = int(group.get("fines") or 0)
        fines_total += fen
        domain = value_of("domain")
        slot = domains.setdefault(domain, [0, 0])
        slot[0] += n
        slot[1] += fen
        listed = value_of("sanctions")
        for item in set(listed) or {None}:
            sanctions[item] += n
        procedures[value_of("procedure")] += n
        if value_of("legal_review"):
            reviews += n
    figures: dict[str, Any] = {}
    if cases:
        figures["penalty"] = PenaltyFigures(
            cases=cases,
            by_domain={
                d: DomainPenalties(cases=domains[d][0], fines=_yuan(domains[d][1]))
                for d in Domain
                if d in domains
            },
            by_sanction=ordered(sanctions, SanctionType),
            by_procedure=ordered(procedures, Procedure),
            fines=_yuan(fines_total),
            confiscations=Decimal(0),
            not_penalised=sanctions[None],
            lightened=0,
            legal_reviews=reviews,
            referrals=0,
        )
        # Columns this sheet lacks: their figures are unknown (the library's rest.unknown).
    unknown = unknown_without(record, (c.key for c in found.values()))
    ledger = Ledger(body=body, year=year, unknown=unknown)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    everything = record_figures(ledger, start, end)
    everything.update(figures)
    return Partial.from_figures(ledger, {f: v for f, v in everything.items() if v}).finish()


#: The check's files: a header and rows of bad and odd cells, and of accepted variants.
_BAD = [
    ["P0", "2023-01-05", "交通", "罚款", "简易程序", "200", "o-01、o-02", "是"],
    ["P1", "2023-13-01", "交通", "警告", "简易程序", "", "o-01", "否"],  # not a day
    ["P2", "2023/5/2", "消防", "罚款", "普通程序", "300.5", "o-01", "是"],
    ["P3", "2023年5月2日", "消防", "罚款", "普通程序", "-5", "o-01", "是"],  # negative
    ["P4", "2023-03-01", "交通", "警告", "快速程序", "", "o-01", "否"],  # no such procedure
    ["P0", "2023-03-02", "交通", "警告", "简易程序", "", "o-01", "否"],  # given twice
    ["", "2023-03-03", "交通", "警告", "简易程序", "", "o-01", "否"],  # no identifier
    ["P 7", "2023-03-04", "交通", "警告", "简易程序", "", "o-01", "否"],  # white space
    ["P8", "2023-03-05", "交通", "罚款", "简易程序", "12.345", "o-01", "是"],  # three places
    ["P9", "2023-03-06", "交通", "警告", "简易程序", "100", "o-01", "否"],  # a fine, no 罚款
    ["P10", "2023-03-07", "交通", "罚款、罚款", "简易程序", "100", "o-01", "是"],  # listed twice
    ["P11", "2023-03-08", "交通", "警告", "简易程序", "", "o-1、o.2", "否"],  # an officer's "."
    ["P12", "2023-03-09", "交通", "警告", "简易程序", "", "o-01", "也许"],  # not yes or no
    ["", "", "", "", "", "", "", ""],  # a blank row
    ["示例1", "2023-03-10", "交通", "警告", "简易程序", "bad", "o-01", "否"],  # the example
    ["P15", "2022-12-31", "交通", "警告", "简易程序", "", "o-01", "否"],  # another year
    ["P16", "2023-03-11", "航天", "警告", "简易程序", "", "o-01", "否"],  # no such domain
    ["P17", "2023-03-12", "交通", "罚款", "简易程序", "1,200", "o-01", "是"],
    ["P18", "2023-03-13", "交通", "罚款", "简易程序", "1.2万", "o-01", "是"],  # in 万
    [" P19 ", "2023-03-14", "交通", "警告", "简易程序", "", "o-01", "否"],
    ["P19", "2023-03-15", "交通", "警告", "简易程序", "", "o-01", "否"],  # twice, trimmed
    ["P21", "2023-03-16", "", "警告", "简易程序", "", "o-01", "否"],  # no domain
    ["P22", "", "交通", "警告", "简易程序", "", "o-01", "否"],  # no date
    ["P23", "2023-03-17", "交通", "罚款", "简易程序", "-0", "o-01", "是"],  # negative zero
    ["P24", "20230502", "交通", "警告", "", "", "", "否"],
    ["P25", "2023-02-30", "火星", "警告", "简易程序", "", "o-01", "否"],  # two problems
    ["P26", "2023-03-18", "交通", "罚款", "简易程序", "abc", "o-01", "是"],
    ["P27", "2023-03-19", "交通", "", "简易程序", "50", "o-01", "是"],  # a fine, no sanction
    ["P[28]", "2023-03-20", "交通", "警告", "简易程序", "", "o-01", "否"],
    ["P\u200b29", "2023-03-21", "交通", "警告", "简易程序", "", "o-01", "否"],  # zero width
    ["P30", "2023-03-22", "交通", "罚款、没收违法所得", "简易程序", "1000000000000", "o-01", "是"],
    ["P31", "2023-03-23", "交通", "罚款", "简易程序", " 7 ", "o-01、o-01", "是"],
    ["P32", "2023-03-24", "交通", "警告、口头教育", "简易程序", "", "o-01", "否"],
    ["P0", "2023-03-25", "交通", "警告", "简易程序", "", "o-01", "否"],  # a third time
]
_ODD = [
    ["A1", "2023-01-05", "交通", "罚款", "简易程序", "200", "o-01、o-02", "是"],
    ["A2", "2023/5/2", "消防", "罚款", "普通程序", "300.5", "o-01", "是"],
    ["A3", "2023年5月2日", "消防", "罚款、没收违法所得", "普通程序", "1,200", "o-01", "是"],
    ["A4", "20230502", "交通运输", "警告", "", "", "", "否"],
    ["", "", "", "", "", "", "", ""],
    ["示例2", "2023-03-10", "交通", "警告", "简易程序", "bad", "o-01", "否"],
    ["A5", "2022-12-31", "交通", "罚款", "简易程序", "99", "o-01", "是"],
    ["A6", "2024-01-01", "交通", "罚款", "简易程序", "98", "o-01", "是"],
    [" A7 ", "2023-07-07", "食品药品", "罚款", "简易程序", " +7.10 ", "o-03", "√"],
    ["A8", "2023-07-08", "食品药品", "", "简易程序", "", "o-03", "否"],
    ["A9", "2023-07-09", "其他", "罚款", "一般程序", "0.01", "o-03", "1"],
    ["A10", "2023-07-10 00:00:00", "市场监管", "通报批评", "普通程序", "", "o-03", "否"],
    ["A11", "2023-07-11", "市场监管", "罚款", "普通程序", "000123.40", "o-03", "yes"],
]


def _outcome(read: Any) -> Any:
    """What a read gives: its report, or every problem (row, header, value, both messages)."""
    try:
        return read()
    except LoadError as error:
        return [(p.row, p.header, repr(p.value), p.message, p.message_zh) for p in error.problems]


def check(path: Path | None) -> bool:
    """Whether the experiment gives read_columnar's report or problems, on ``path`` and the files of bad and odd cells."""
    import tempfile

    from bench_ledgers import PENALTY_HEADERS

    from enforcement_core.body import BodyLevel, EnforcementBody
    from enforcement_core.tables import read_columnar

    body = EnforcementBody("示例镇人民政府", BodyLevel.TOWN)
    agreed = True
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for name, rows in (("bad", _BAD), ("odd", _ODD)):
            (Path(folder) / name).mkdir()
            files.append(Path(folder) / name / "行政处罚.csv")
            with files[-1].open("w", newline="", encoding="utf-8") as handle:
                std_csv.writer(handle).writerows([PENALTY_HEADERS, *rows])
        for file in [*files, *([] if path is None else [path])]:
            marks: dict[str, float] = {}
            mine = _outcome(lambda f=file, m=marks: _read(f, body, 2023, m))
            theirs = _outcome(lambda f=file: read_columnar(f, body=body, year=2023).summarize())
            same = mine == theirs
            agreed &= same
            kind = f"{len(mine)} problems" if isinstance(mine, list) else "a report"
            print(
                f"{file.parent.name}/{file.name}: {kind}, {'the same' if same else 'NOT the same'}"
            )
    return agreed


def main() -> None:
    """Read a file and print its penalty figures and where the CPU went; or ``--check``."""
    import argparse
    import sys

    from enforcement_core.body import BodyLevel, EnforcementBody

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--check", action="store_true", help="hold it to read_columnar")
    args = parser.parse_args()
    if args.check:
        sys.exit(0 if check(args.path) else 1)
    body = EnforcementBody("示例镇人民政府", BodyLevel.TOWN)
    report, marks = read_csv_checked(args.path, body=body, year=2023)
    end = time.process_time()
    steps, last = [], 0.0
    for label, at in {**CHECKPOINTS, **marks}.items():
        steps.append(f"{label} {at - last:.3f} s")
        last = at
    print(f"cases {report.penalty.cases:,}, fines {report.penalty.fines} yuan")
    print(f"process CPU {end:.3f} s: " + "; ".join(steps))


if __name__ == "__main__":
    main()
