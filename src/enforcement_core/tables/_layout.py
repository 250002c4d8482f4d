"""The library's own table layout: one sheet (or CSV file) per kind of record.

The layout is not written by hand: each sheet is a record group of
:data:`~enforcement_core.categories.RECORD_GROUPS` (plus the roster and its
units), and its columns are the fields of the group's record class, a nested
party spread over three columns, a tuple of records (an inspection's hazards,
an officer's certificates) given a sheet of its own with a column naming the
record it belongs to. Headers are the terms of :mod:`enforcement_core.labels`
(``column_<field>``), in Chinese; the English term and the field's own name are
accepted too.
"""

from __future__ import annotations

import functools
import re
import typing
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from types import NoneType, UnionType
from typing import TYPE_CHECKING, Any, Final, Union

import attrs

from enforcement_core._validators import collecting
from enforcement_core.actions import LicenceApplication, Party, PenaltyCase
from enforcement_core.categories import RECORD_GROUPS
from enforcement_core.labels import term, term_or_key
from enforcement_core.ledger import refuse_among_other_actions
from enforcement_core.tables._cells import (
    CellError,
    blank,
    read_wan_yuan,
    read_yuan,
    reader_for,
    split_list,
)
from enforcement_core.tables._problems import TableProblem
from enforcement_core.tables._reasons import field_name, in_chinese
from enforcement_core.tables.identifiers import identifier_problem
from enforcement_core.workforce import Officer

if TYPE_CHECKING:
    from enforcement_core.errors import InvariantError
    from enforcement_core.tables._files import RawSheet

__all__ = [
    "EXAMPLE_PREFIX",
    "UNITS",
    "Column",
    "HeaderMapping",
    "Sheet",
    "mapped_key",
    "normal",
    "read_rows",
    "sheets",
    "unknown_without",
]

#: What a mapping gives for a header: a column's key, or a key and the unit of the header's amounts.
HeaderMapping = Mapping[str, str | tuple[str, str]]

#: The units an amount column may be in, and the reader of each.
UNITS: Final = {"元": read_yuan, "万元": read_wan_yuan}

# The unit a header names in brackets at its end, as compared (NFKC makes （） of ()).
_HEADER_UNIT: Final = re.compile(r"\((万元|元)\)$")

#: Rows whose identifier starts so are the template's examples, not records.
EXAMPLE_PREFIX: Final = "示例"

# Columns that hold a party's identity number or credit code, checked by the standards.
_CHECKED_IDS: Final = frozenset({"id_number"})
# A party's fields that the library's own sheets give no column: a person's number beside
# an organisation's code comes from the national tables, and a sheet's columns keep their
# places in workbooks filled in before it existed.
_NOT_COLUMNS: Final = frozenset({"personal_id"})


# The figures a column of a record's sheet holds the facts of: a sheet without the
# column leaves its records at the default (False, no amount), which counts as 0; the
# figure is then unknown, not 0.
_FACT_COLUMNS: Final[Mapping[type, Mapping[str, tuple[str, ...]]]] = {
    PenaltyCase: {
        "legal_review": ("penalty.legal_reviews",),
        "lightened": ("penalty.lightened",),
        "referred": ("penalty.referrals",),
        "confiscation": ("penalty.confiscations",),
    },
    LicenceApplication: {
        "legal_review": ("licensing.legal_reviews",),
        "revoked_on": ("licensing.revoked",),
    },
}


def unknown_without(record: type, keys: Iterable[str]) -> tuple[str, ...]:
    """The figure paths a sheet of ``record`` with the columns ``keys`` cannot count.

    Examples:
        >>> unknown_without(PenaltyCase, ["id", "decided_on", "domain", "fine"])
        ('penalty.legal_reviews', 'penalty.lightened', 'penalty.referrals', 'penalty.confiscations')
        >>> unknown_without(PenaltyCase, ["legal_review", "lightened", "referred", "confiscation"])
        ()
    """
    present = set(keys)
    facts = _FACT_COLUMNS.get(record, {})
    return tuple(path for key, paths in facts.items() if key not in present for path in paths)


def normal(text: object) -> str:
    """A header as compared: full-width forms, spaces, case and a leading ``*`` ignored.

    The template marks a required column with ``*`` (``*编号``), as forms do.
    """
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lstrip("*").casefold()


@attrs.frozen
class Column:
    """One column of a sheet: its key (the term ``column_<key>``) and the field it fills."""

    #: The key of the column's header among the terms: ``"party_name"``.
    key: str
    #: The field the column fills, nested for a party: ``("party", "name")``.
    path: tuple[str, ...]
    #: Reads one cell (a reader of :mod:`._cells`).
    read: Callable[[Any], Any]
    #: Whether a record needs a value here.
    required: bool
    #: Whether the cell lists several values (``警告、罚款``).
    listed: bool = False
    #: Checks a value further (an identity number), saying why it is refused.
    check: Callable[[str], str | None] | None = None
    #: The record class, for headers particular to one class (``Officer``'s 姓名).
    owner: str = ""
    #: The headers of the column when it is not one of the library's (a national table's).
    headers: tuple[str, ...] = ()
    #: The vocabulary of the column's values, for a template's list of choices.
    vocabulary: Any = None
    #: The unit of an amount column (``"元"`` or ``"万元"``); ``None`` for a column of no amount.
    unit: str | None = None

    def header(self, locale: str = "zh_CN") -> str:
        """The column's header in ``locale``."""
        if self.headers:
            return self.headers[0]
        return term(self._term, locale)

    @property
    def _term(self) -> str:
        for key in (f"column_{self.owner}_{self.key}", f"column_{self.key}"):
            if term_or_key(key) != key:
                return key
        # A record of a category declared without a word for this column's header.
        raise LookupError(
            f"no header for the column {self.key!r} of {self.owner}: give its words in the "
            f"category's RecordGroup(columns={{{self.key!r}: (Chinese, English)}})"
        )

    def names(self) -> tuple[str, ...]:
        """Every header this column is recognised by, normalised."""
        if self.headers:
            return tuple(normal(h) for h in self.headers)
        return tuple(normal(n) for n in (term(self._term), term(self._term, "en"), self.key))


@attrs.frozen
class Sheet:
    """One sheet of the layout: a kind of record and its columns."""

    #: The key of the sheet among the terms (``sheet_<key>``) and the ledger's field.
    key: str
    #: The record class of the rows.
    record: type
    #: The columns, in order.
    columns: tuple[Column, ...]
    #: The sheet of the records these belong to (hazards belong to inspections).
    parent: str | None = None
    #: The field of the parent record that holds these (``"hazards"``).
    parent_field: str | None = None

    def name(self, locale: str = "zh_CN") -> str:
        """The sheet's name in ``locale``."""
        return term(f"sheet_{self.key}", locale)

    def names(self) -> tuple[str, ...]:
        """Every name the sheet is recognised by, normalised."""
        return (normal(self.name()), normal(self.name("en")), normal(self.key))


def _unwrap(tp: Any) -> tuple[Any, bool]:
    """The type inside ``X | None`` and whether ``None`` was allowed."""
    if typing.get_origin(tp) in (Union, UnionType):
        args = [arg for arg in typing.get_args(tp) if arg is not NoneType]
        if len(args) == 1:
            return args[0], True
    return tp, False


def _columns(cls: type, prefix: str = "", *, required: bool = True) -> list[Column]:
    hints = typing.get_type_hints(cls)
    columns: list[Column] = []
    for field in attrs.fields(cls):
        if cls is Party and field.name in _NOT_COLUMNS:
            continue
        tp, _ = _unwrap(hints[field.name])
        needed = required and field.default is attrs.NOTHING
        key = f"{prefix}{field.name}"
        path = (prefix.rstrip("_"), field.name) if prefix else (field.name,)
        if attrs.has(tp) and tp is Party:
            columns += _columns(tp, f"{field.name}_", required=needed)
            continue
        if typing.get_origin(tp) is tuple:
            (item, *_) = typing.get_args(tp)
            read = reader_for(item)
            if read is None:
                continue  # a tuple of records: a sheet of its own
            columns.append(
                Column(
                    key,
                    path,
                    read,
                    needed,
                    listed=True,
                    owner=cls.__name__,
                    vocabulary=_vocab(item),
                )
            )
            continue
        read = reader_for(tp)
        if read is None:
            continue
        check = identifier_problem if field.name in _CHECKED_IDS else None
        columns.append(
            Column(
                key,
                path,
                read,
                needed,
                check=check,
                owner=cls.__name__,
                vocabulary=_vocab(tp),
                # The model's money is in yuan, and so are the library's amount columns.
                unit="元" if read is read_yuan else None,
            )
        )
    return columns


def _vocab(tp: Any) -> Any:
    return tp if hasattr(tp, "from_label") else None


def _children(cls: type) -> list[tuple[str, type]]:
    hints = typing.get_type_hints(cls)
    found = []
    for field in attrs.fields(cls):
        tp, _ = _unwrap(hints[field.name])
        if typing.get_origin(tp) is tuple:
            (item, *_) = typing.get_args(tp)
            if attrs.has(item):
                found.append((field.name, item))
    return found


def _parent_column(child: type, parent: type) -> Column:
    del parent
    from enforcement_core.tables._cells import read_text  # noqa: PLC0415

    return Column("parent", ("parent",), read_text, required=True, owner=child.__name__)


@functools.cache
def sheets() -> tuple[Sheet, ...]:
    """Every sheet of the layout, in workbook order: the roster, then the record groups."""
    made: list[Sheet] = []
    groups = [("officers", Officer), *((g.field, g.record) for g in RECORD_GROUPS)]
    for key, record in groups:
        made.append(Sheet(key, record, tuple(_columns(record))))
        for field, child in _children(record):
            columns = (_parent_column(child, record), *_columns(child))
            made.append(Sheet(field, child, columns, parent=key, parent_field=field))
    return tuple(made)


def stands_alone(sheet: Sheet) -> bool:
    """Whether ``sheet``'s records have neither a parent record nor sub-records of their own.

    Only such sheets are read by the column engine: inspections, with their hazards,
    are read by objects.
    """
    return sheet.parent is None and not any(other.parent == sheet.key for other in sheets())


def _set(kwargs: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    if len(path) == 1:
        kwargs[path[0]] = value
    else:
        kwargs.setdefault(path[0], {})[path[1]] = value


def mapped_key(target: str | tuple[str, str]) -> str:
    """The column's key a mapping gives a header, with or without a unit."""
    return target if isinstance(target, str) else target[0]


def header_unit(header: object) -> str | None:
    """The unit a header names at its end: ``"元"`` for 罚款金额（元）; ``None`` for none.

    Examples:
        >>> header_unit("罚款金额（万元）"), header_unit("罚款金额 (元)"), header_unit("罚款")
        ('万元', '元', None)
    """
    found = _HEADER_UNIT.search(normal(header))
    return found.group(1) if found else None


def _in_unit(column: Column, header: str, unit: str | None) -> Column:
    """The column a mapped header fills, read in the header's unit; a refusal says why not.

    An amount is never moved between units by a mapping that does not say so:
    a header in 元 mapped onto a column in 万元 would multiply every amount by
    10,000. The unit is the mapping's (``("fine", "元")``), else the header's;
    one that differs from the column's must be given in the mapping.
    """
    named = header_unit(header)
    if column.unit is None:
        if unit is not None:
            raise CellError(
                f"the column {column.header()} holds no amount: a mapping gives it no unit",
                f"“{column.header()}”列不是金额：映射不能为其指定单位",
            )
        return column
    if unit is not None and unit not in UNITS:
        units = "、".join(UNITS)
        raise CellError(
            f"{unit!r} is not a unit; the units are: {units}", f"“{unit}”不是单位：可用{units}"
        )
    if unit is not None and named is not None and unit != named:
        raise CellError(
            f"the header is in {named} and the mapping says {unit}",
            f"表头的单位是{named}，映射却为{unit}",
        )
    stated = unit or named
    if stated is None or (unit is None and stated != column.unit):
        example = f"{{{header!r}: ({column.key!r}, {(stated or '元')!r})}}"
        said = "names no unit" if stated is None else f"is in {stated}"
        said_zh = "未注明单位" if stated is None else f"以{stated}为单位"
        raise CellError(
            f"the header {said} and the column {column.header()} in {column.unit}: "
            f"map it with its unit, as {example}",
            f"表头{said_zh}，而“{column.header()}”以{column.unit}为单位：请在映射中注明单位，如{example}",
        )
    if stated == column.unit:
        return column
    return attrs.evolve(column, read=UNITS[stated], unit=stated)


def match_columns(  # noqa: C901, PLR0913  (the sheet, its header and where problems go)
    sheet_name: str,
    header: list[Any],
    columns: tuple[Column, ...],
    mapping: HeaderMapping | None,
    problems: list[TableProblem],
    *,
    ignored: frozenset[str] = frozenset(),
) -> dict[int, Column]:
    """Which column each header cell is: every unknown header and missing column a problem.

    A header the mapping names is the column of the mapping's key, read in the
    unit the mapping or the header states (see :func:`_in_unit`).
    """
    by_name: dict[str, Column] = {}
    for declared in columns:
        for name in declared.names():
            by_name.setdefault(name, declared)
    renamed = {
        normal(k): (v, None) if isinstance(v, str) else (v[0], v[1])
        for k, v in (mapping or {}).items()
    }
    by_key = {column.key: column for column in columns}
    found: dict[int, Column] = {}
    column: Column | None
    for index, cell in enumerate(header):
        if blank(cell):
            continue
        name = normal(cell)
        if name in renamed:
            key, unit = renamed[name]
            column = by_key.get(key)
            if column is not None:
                try:
                    column = _in_unit(column, str(cell), unit)
                except CellError as refusal:
                    problems.append(
                        TableProblem.at(
                            sheet_name, 1, str(cell), None, refusal.message, refusal.message_zh
                        )
                    )
                    continue
        else:
            column = by_name.get(name)
        if column is None:
            if name in ignored:
                continue
            known = "、".join(c.header() for c in columns)
            problems.append(
                TableProblem.at(
                    sheet_name,
                    1,
                    str(cell),
                    None,
                    f"unknown column; the columns are: {known}",
                    f"无法识别的列；可用的列为：{known}",
                )
            )
            continue
        if column.headers and column.headers[0] != str(cell).strip():
            # A published table's column is named in problems by the file's own header.
            column = attrs.evolve(column, headers=(str(cell).strip(), *column.headers))
        if column.key in {c.key for c in found.values()}:
            problems.append(
                TableProblem.at(
                    sheet_name, 1, str(cell), None, "the column appears twice", "该列重复出现"
                )
            )
            continue
        found[index] = column
    keys = {c.key for c in found.values()}
    problems.extend(
        TableProblem.at(
            sheet_name, 1, declared.header(), None, "a required column is missing", "缺少必填列"
        )
        for declared in columns
        if declared.required and declared.key not in keys
    )
    return found


def _parsed(column: Column, value: Any) -> Any:
    if column.listed:
        return tuple(column.read(item) for item in split_list(value))
    parsed = column.read(value)
    if column.check is not None:
        reason = column.check(parsed)
        if reason is not None:
            raise CellError(reason, f"不是有效的证件号码或统一社会信用代码：{in_chinese(reason)}")
    return parsed


#: What a sheet's cells were read as, by column and cell (its type and value): a value
#: or the reader's refusal. A reader is a function of the cell alone, so a sheet's
#: dates, domains and names are each read once, not once a row.
CellMemo = dict[int, dict[tuple[Any, ...], Any]]


def read_cells(  # noqa: PLR0913  (the row, where it is, and where problems go)
    sheet_name: str,
    number: int,
    cells: list[Any],
    found: dict[int, Column],
    problems: list[TableProblem],
    *,
    memo: CellMemo | None = None,
) -> dict[str, Any] | None:
    """The keyword arguments a row gives, or ``None`` when a cell is refused."""
    kwargs, ok = read_each_cell(sheet_name, number, cells, found, problems, memo=memo)
    return kwargs if ok else None


def read_each_cell(  # noqa: PLR0913  (the row, where it is, and where problems go)
    sheet_name: str,
    number: int,
    cells: list[Any],
    found: dict[int, Column],
    problems: list[TableProblem],
    *,
    memo: CellMemo | None = None,
) -> tuple[dict[str, Any], bool]:
    """The keyword arguments of the cells of a row that read, and whether every one did.

    ``memo``, kept for a sheet, remembers each column's cells as read.
    """
    kwargs: dict[str, Any] = {}
    ok = True
    # Columns by their index: hashing a Column (a frozen attrs class) costs more than reading.
    given: set[int] = set()
    refused: set[int] = set()
    for index, column in found.items():
        value = cells[index] if index < len(cells) else None
        if blank(value):
            continue
        parsed, error = _read_cell(
            column, value, None if memo is None else memo.setdefault(index, {})
        )
        if error is not None:
            problems.append(
                TableProblem.at(
                    sheet_name, number, column.header(), value, error.message, error.message_zh
                )
            )
            ok = False
            refused.add(index)
            continue
        given.add(index)
        _set(kwargs, column.path, parsed)
    for index, column in found.items():
        if column.required and index not in given and index not in refused:
            problems.append(
                TableProblem.at(
                    sheet_name, number, column.header(), None, "a value is required", "此项必填"
                )
            )
            ok = False
    return kwargs, ok


def _read_cell(
    column: Column, value: Any, memo: dict[tuple[Any, ...], Any] | None
) -> tuple[Any, CellError | None]:
    """``_parsed(column, value)``, or the reader's refusal; from ``memo`` when read before."""
    # Equal is not the same: Decimal("1.0") == Decimal("1.00") and -0.0 == 0.0 read apart.
    key = (str, value) if type(value) is str else (type(value), value, str(value))
    try:
        found = memo.get(key, _UNREAD) if memo is not None else _UNREAD
    except TypeError:
        memo, found = None, _UNREAD  # a cell that is no key (a list of a Parquet column)
    if found is _UNREAD:
        try:
            found = _parsed(column, value)
        except CellError as refusal:
            found = refusal
        if memo is not None and len(memo) < _MEMO_CELLS:
            memo[key] = found
    return (None, found) if isinstance(found, CellError) else (found, None)


_UNREAD: Final = object()
# A column remembers this many cells at most (identifiers, a cell a row, are not worth it).
_MEMO_CELLS: Final = 10_000


def _header_of(path: tuple[str, ...], columns: tuple[Column, ...], record: type) -> str:
    """The header of the column at ``path``: among the columns read, else the layout's own."""
    for column in columns:
        if column.path == path:
            return column.header()
    for sheet in sheets():
        if sheet.record is record:
            for column in sheet.columns:
                if column.path == path:
                    return column.header()
    return ".".join(path)


def build(
    cls: type,
    kwargs: dict[str, Any],
    where: tuple[str, int],
    columns: tuple[Column, ...],
    problems: list[TableProblem],
) -> Any:
    """The record a row describes, or ``None`` with its refusals added to ``problems``."""
    sheet_name, number = where
    incomplete: set[str] = set()
    for key, value in list(kwargs.items()):
        if not isinstance(value, dict):
            continue
        # A party is given when any of its columns is: then it needs all its required ones.
        missing = [
            f.name
            for f in attrs.fields(Party)
            if f.default is attrs.NOTHING and f.name not in value
        ]
        for name in missing:
            header = _header_of((key, name), columns, cls)
            problems.append(
                TableProblem.at(sheet_name, number, header, None, "a value is required", "此项必填")
            )
        if missing:
            # The record is still built without its party, so that the row's other
            # problems are reported beside the missing party columns.
            incomplete.add(key)
            kwargs[key] = None
    with collecting() as refused:
        for key, value in list(kwargs.items()):
            if isinstance(value, dict):
                kwargs[key] = Party(**value)
        record = cls(**kwargs)
        # What the ledger refuses of a record among its others, said at the row.
        refuse_among_other_actions(record)
    # A party left out is reported by its missing columns, not again as "not a Party".
    refused = [error for error in refused if error.field not in incomplete]
    if not refused and not incomplete:
        return record
    problems.extend(_refusal(error, sheet_name, number, cls, columns) for error in refused)
    return None


def _refusal(
    error: InvariantError, sheet_name: str, number: int, cls: type, columns: tuple[Column, ...]
) -> TableProblem:
    field = error.field.split("[", 1)[0].split(".", 1)[0]
    header = None
    for column in columns:
        nested = error.owner != cls.__name__ and column.path[-1] == field and len(column.path) == 2
        if nested or column.path == (field,):
            header = column.header()
            break
    if header is None:
        header = term(f"sheet_{field}") if _has_term(f"sheet_{field}") else field_name(field)
    return TableProblem.at(
        sheet_name,
        number,
        header,
        error.value,
        error.reason,
        in_chinese(error.reason),
    )


def _has_term(key: str) -> bool:
    try:
        term(key)
    except KeyError:
        return False
    return True


def _example_row(cells: list[Any], marks: list[int]) -> bool:
    return any(
        isinstance(cells[i], str) and cells[i].strip().startswith(EXAMPLE_PREFIX)
        for i in marks
        if i < len(cells)
    )


def read_rows(
    raw: RawSheet,
    sheet: Sheet,
    mapping: HeaderMapping | None,
    problems: list[TableProblem],
    children: Mapping[str, dict[str, list[Any]]] | None = None,
) -> list[tuple[int, str | None, Any]]:
    """The records of a sheet, with their row numbers and parents, and the problems of the rest.

    ``children`` holds, for each tuple-of-records field, the child records by the
    identifier of the record they belong to; they are taken out as they are placed.
    """
    before = len(problems)
    found = match_columns(raw.name, raw.header, sheet.columns, mapping, problems)
    if len(problems) > before:
        return []
    marks = [i for i, c in found.items() if c.key in ("id", "parent")]
    records: list[tuple[int, str | None, Any]] = []
    memo: CellMemo = {}
    for number, cells in raw.rows:
        if all(blank(cell) for cell in cells) or _example_row(cells, marks):
            continue
        kwargs = read_cells(raw.name, number, cells, found, problems, memo=memo)
        if kwargs is None:
            continue
        parent = kwargs.pop("parent", None)
        if children:
            for field, by_parent in children.items():
                kwargs[field] = tuple(by_parent.pop(kwargs.get("id", ""), ()))
        record = build(sheet.record, kwargs, (raw.name, number), sheet.columns, problems)
        if record is not None:
            records.append((number, parent, record))
    return records
