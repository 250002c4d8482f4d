"""The national 双公示 tables: administrative penalties and licences as bodies publish them.

Bodies publish every penalty decision (行政处罚) and every licence granted (行政许可)
in tables of fixed headers, the formats of the national credit-information
platform: the 2021 standard, a table for legal persons and one for natural
persons of each kind, and the earlier standard (2016-2020), one table of each
kind for both. Each is a :class:`PublishedLayout`, a declaration: its kind, the
columns that recognise it, its columns with their meaning and unit, the columns
read past, and the kind of party its rows concern. One engine reads every
declaration, a row at a time (:mod:`._publicity_rows`) and column by column
(:mod:`._publicity_columns`): a row becomes a
:class:`~enforcement_core.actions.PenaltyCase` or a :class:`~enforcement_core.actions.LicenceApplication`
(granted on the day of the decision: the tables publish grants only).

A column's meaning is its key (``"fine"``, ``"party.credit_code"``): the key gives
its reader and its check (:data:`MEANINGS`). Amounts in 万元 are read to the fen
exactly, never through a float; the fine and the confiscation written in the
text of 处罚结果 or 处罚内容 are read too (:mod:`._amounts`), and a row whose
money column and text disagree is refused. A penalty table has no column of the
domain of enforcement; an extra column ``执法领域`` gives it, and without one every
case is filed under ``other``. A fine of 0 where 罚款 is not among the sanctions is
how the tables write "no fine".
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

import attrs

from enforcement_core.actions import (
    Domain,
    LicenceApplication,
    PartyKind,
    PenaltyCase,
    SanctionType,
)
from enforcement_core.tables._amounts import read_amounts
from enforcement_core.tables._cells import (
    blank,
    enum_reader,
    read_date,
    read_text,
    read_wan_yuan,
)
from enforcement_core.tables._layout import (
    UNITS,
    Column,
    header_unit,
    mapped_key,
    normal,
)
from enforcement_core.tables.identifiers import (
    credit_code_problem,
    id_number_problem,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from enforcement_core.tables._files import RawSheet

__all__ = [
    "MEANINGS",
    "Meaning",
    "PublishedLayout",
    "below_title",
    "column",
    "header_row",
    "is_note",
    "published_layouts",
    "read_code",
    "recognise",
    "register_layout",
    "unregister_layout",
]


def read_code(value: Any) -> str:
    """A code or a number of a document, as text: digits Excel holds as a number are its digits.

    A registration number typed into Excel without a leading quote is held as a
    float (500112600123456.0); its digits are the code, as the columnar path reads
    the cell. A number with a fraction is no code.

    Examples:
        >>> read_code(500112600123456.0), read_code(" 91500112MA5U00010F ")
        ('500112600123456', '91500112MA5U00010F')
    """
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return read_text(value)


@attrs.frozen
class Meaning:
    """What a column of a national table holds: how a cell is read and checked."""

    #: Reads one cell.
    read: Callable[[Any], Any] = read_text
    #: Whether a record needs a value here.
    required: bool = False
    #: Whether the cell lists several values (``警告、罚款``).
    listed: bool = False
    #: Checks a value further, saying why it is refused.
    check: Callable[[str], str | None] | None = None
    #: The vocabulary of the values.
    vocabulary: Any = None
    #: The unit of an amount.
    unit: str | None = None


def _sanctions() -> Meaning:
    return Meaning(enum_reader(SanctionType), required=True, listed=True, vocabulary=SanctionType)


#: The meanings a column of a national table may have, by key. Keys the records
#: have no field for (the other party codes, the representative's identity
#: number) are read and checked, and used where the engine says (a party's
#: number is the first code given).
MEANINGS: Final[Mapping[str, Meaning]] = {
    "party.name": Meaning(required=True),
    "party.kind": Meaning(enum_reader(PartyKind), vocabulary=PartyKind),
    # GB 32100-2015.
    "party.credit_code": Meaning(read_code, check=credit_code_problem),
    # Other registration numbers: kept as written (no national check of their own).
    **{f"party.code_{n}": Meaning(read_code) for n in range(2, 7)},
    # 证件类型 and 证件号码: a resident identity number is checked (GB 11643-1999),
    # another kind of document's number kept as written.
    "party.id_type": Meaning(),
    "party.id_number": Meaning(read_code),
    # The earlier standard's 居民身份证号.
    "party.resident_id": Meaning(read_code, check=id_number_problem),
    # 法定代表人身份证号: checked, never kept.
    "representative_id": Meaning(read_code, check=id_number_problem),
    "id": Meaning(required=True),
    "sanctions": _sanctions(),
    "sanctions_2": Meaning(enum_reader(SanctionType), listed=True, vocabulary=SanctionType),
    "fine": Meaning(read_wan_yuan, unit="万元"),
    "confiscation": Meaning(read_wan_yuan, unit="万元"),
    # 处罚结果, 处罚内容: the fine and the confiscation in words.
    "text": Meaning(read_amounts),
    "decided_on": Meaning(read_date, required=True),
    "body": Meaning(required=True),
    "body_code": Meaning(read_code, check=credit_code_problem),
    "source_code": Meaning(read_code, check=credit_code_problem),
    "domain": Meaning(enum_reader(Domain), vocabulary=Domain),
    "document": Meaning(),
    "subject": Meaning(),
}


def column(
    key: str, *headers: str, unit: str | None = None, required: bool | None = None
) -> Column:
    """A column of a national table: its meaning's key, its headers (the first is shown).

    ``unit`` is that of an amount column when not its meaning's (a province's
    fine in 元); ``required`` overrides the meaning's.

    Examples:
        >>> fine = column("fine", "罚没金额（元）", unit="元")
        >>> fine.unit, fine.header(), fine.read("6800")
        ('元', '罚没金额（元）', Decimal('6800'))
    """
    meaning = MEANINGS[key]
    if unit is not None and meaning.unit is None:
        msg = f"the column {key!r} holds no amount: it has no unit"
        raise ValueError(msg)
    if unit is not None and unit not in UNITS:
        msg = f"{unit!r} is not a unit; the units are: {'、'.join(UNITS)}"
        raise ValueError(msg)
    stated = unit or meaning.unit
    for header in headers:
        named = header_unit(header)
        if named is not None and named != stated:
            msg = f"the header {header!r} is in {named} and the column {key!r} in {stated}"
            raise ValueError(msg)
    read = UNITS[unit] if unit is not None else meaning.read
    return Column(
        key,
        tuple(key.split(".")),
        read,
        meaning.required if required is None else required,
        listed=meaning.listed,
        check=meaning.check,
        headers=headers,
        vocabulary=meaning.vocabulary,
        unit=unit or meaning.unit,
    )


@attrs.frozen
class PublishedLayout:
    """A published table's layout, declared: what the engine needs to read it.

    A provincial variant is one more declaration, most often made from a national
    one with :meth:`variant` and added with :func:`register_layout`.
    """

    #: The name of the layout: ``"penalty-2021-legal"``.
    name: str
    #: What its rows are: ``"penalty"`` or ``"licensing"``.
    kind: str
    #: The keys of the columns whose headers recognise the layout, every one needed.
    signs: tuple[str, ...]
    #: The columns the engine reads, with their meaning, headers and unit.
    columns: tuple[Column, ...]
    #: Headers of the layout that the model has no place for: read past.
    kept: tuple[str, ...] = ()
    #: The kind of party of a row that does not say it; ``None``: a natural person
    #: when only a resident identity number is given, else an enterprise.
    party_kind: PartyKind | None = PartyKind.ENTERPRISE
    #: What the layout is, for the documentation.
    description: str = ""

    @property
    def field(self) -> str:
        """The ledger's field its records go to."""
        return "penalty_cases" if self.kind == "penalty" else "licence_applications"

    @property
    def record(self) -> type:
        """The record class of its rows."""
        return PenaltyCase if self.kind == "penalty" else LicenceApplication

    def ignored(self) -> frozenset[str]:
        """The headers read past, as compared."""
        return frozenset(normal(h) for h in self.kept)

    def body_header(self) -> str:
        """The header of the column naming the body."""
        return next(c.header() for c in self.columns if c.key == "body")

    def variant(
        self,
        name: str,
        *,
        headers: Mapping[str, str | tuple[str, str]] | None = None,
        kept: Iterable[str] = (),
        description: str = "",
    ) -> PublishedLayout:
        """This layout with other headers: a province's variant of a national table.

        ``headers`` gives a column (by key) another header, shown first, and
        perhaps another unit (``{"fine": ("罚没金额（元）", "元")}``); a key the layout
        does not have adds its column. ``kept`` adds headers to read past. A column
        given another unit keeps none of its headers that name the old one.

        Examples:
            >>> base = published_layouts()["penalty-2021-legal"]
            >>> mine = base.variant("penalty-cq", headers={"fine": ("罚没金额（元）", "元")})
            >>> [(c.unit, c.headers) for c in mine.columns if c.key == "fine"]
            [('元', ('罚没金额（元）',))]
        """
        columns = list(self.columns)
        for key, given in (headers or {}).items():
            header, unit = (given, None) if isinstance(given, str) else given
            at = next((i for i, c in enumerate(columns) if c.key == key), None)
            if at is None:
                columns.append(column(key, header, unit=unit))
                continue
            old = columns[at]
            unit = unit or old.unit
            # The old headers that name another unit are not this column's any more.
            kept_headers = [h for h in old.headers if header_unit(h) in (None, unit)]
            columns[at] = column(key, header, *kept_headers, unit=unit, required=old.required)
        return attrs.evolve(
            self,
            name=name,
            columns=tuple(columns),
            kept=(*self.kept, *kept),
            description=description or self.description,
        )


# The columns of each standard, as published, the variants seen on sites after the first header.
def _party_legal(*, earlier: bool = False) -> list[Column]:
    if earlier:
        return [
            column("party.name", "行政相对人名称"),
            column("party.credit_code", "行政相对人代码_1（统一社会信用代码）", "行政相对人代码_1"),
            column("party.code_2", "行政相对人代码_2（组织机构代码）", "行政相对人代码_2"),
            column("party.code_3", "行政相对人代码_3（工商登记码）", "行政相对人代码_3"),
            column("party.code_4", "行政相对人代码_4（税务登记号）", "行政相对人代码_4"),
            column("party.resident_id", "行政相对人代码_5（居民身份证号）", "行政相对人代码_5"),
        ]
    return [
        column("party.name", "行政相对人名称"),
        column("party.kind", "行政相对人类别"),
        column(
            "party.credit_code",
            "行政相对人代码_1（统一社会信用代码）",
            "行政相对人代码_1",
            "统一社会信用代码",
        ),
        column("party.code_2", "行政相对人代码_2（工商注册号）", "行政相对人代码_2"),
        column("party.code_3", "行政相对人代码_3（组织机构代码）", "行政相对人代码_3"),
        column("party.code_4", "行政相对人代码_4（税务登记号）", "行政相对人代码_4"),
        column("party.code_5", "行政相对人代码_5（事业单位证书号）", "行政相对人代码_5"),
        column("party.code_6", "行政相对人代码_6（社会组织登记证号）", "行政相对人代码_6"),
        column("representative_id", "法定代表人身份证号"),
        # Tables that give a person's document beside an organisation's codes.
        column("party.id_type", "证件类型"),
        column("party.id_number", "证件号码"),
    ]


def _party_natural() -> list[Column]:
    return [
        column("party.name", "行政相对人名称"),
        column("party.kind", "行政相对人类别"),
        column("party.id_type", "证件类型"),
        column("party.id_number", "证件号码"),
    ]


def _penalty_2021() -> list[Column]:
    return [
        column("id", "行政处罚决定书文号", "行政处罚决定文书号"),
        column("sanctions", "处罚类别"),
        column("text", "处罚内容"),
        column("fine", "罚款金额（万元）", "处罚金额（万元）"),
        column(
            "confiscation",
            "没收违法所得、没收非法财物的金额（万元）",
            "没收违法所得、没收非法财务的金额（万元）",
        ),
        column("decided_on", "处罚决定日期"),
        column("body", "处罚机关"),
        column("body_code", "处罚机关统一社会信用代码"),
        column("source_code", "数据来源单位统一社会信用代码"),
        # Not of the standard: the library's column of the domain of enforcement.
        column("domain", "执法领域"),
    ]


_PENALTY_2021_KEPT: Final = (
    "法定代表人",
    # A representative's document of any type: its number is not an identity number to check.
    "法定代表人证件类型",
    "法定代表人证件号码",
    "违法行为类型",
    "违法事实",
    "处罚依据",
    "暂扣或吊销证照名称及编号",
    "处罚有效期",
    "公示截止期",
    "数据来源单位",
    "备注",
)


def _licensing_2021() -> list[Column]:
    return [
        column("document", "行政许可决定文书名称"),
        column("id", "行政许可决定文书号"),
        column("subject", "许可证书名称"),
        column("decided_on", "许可决定日期"),
        column("body", "许可机关"),
        column("body_code", "许可机关统一社会信用代码"),
        column("source_code", "数据来源单位统一社会信用代码"),
    ]


_LICENSING_2021_KEPT: Final = (
    "法定代表人",
    "法定代表人证件类型",
    "法定代表人证件号码",
    "许可类别",
    "许可编号",
    "许可内容",
    "有效期自",
    "有效期至",
    "当前状态",
    "数据来源单位",
    "备注",
)
_EARLIER_KEPT: Final = (
    "法定代表人姓名",
    "当前状态",
    "地方编码",
    "数据更新时间戳",
    "信息使用范围",
    "备注",
)

_NATIONAL: Final = (
    PublishedLayout(
        "penalty-2021-legal",
        "penalty",
        ("id", "decided_on"),
        (*_party_legal(), *_penalty_2021()),
        _PENALTY_2021_KEPT,
        description="2021 national standard, administrative penalties, legal persons",
    ),
    PublishedLayout(
        "penalty-2021-natural",
        "penalty",
        ("id", "decided_on", "party.id_type", "party.id_number"),
        (*_party_natural(), *_penalty_2021()),
        _PENALTY_2021_KEPT,
        PartyKind.NATURAL_PERSON,
        description="2021 national standard, administrative penalties, natural persons",
    ),
    PublishedLayout(
        "licensing-2021-legal",
        "licensing",
        ("id", "decided_on"),
        (*_party_legal(), *_licensing_2021()),
        _LICENSING_2021_KEPT,
        description="2021 national standard, administrative licensing, legal persons",
    ),
    PublishedLayout(
        "licensing-2021-natural",
        "licensing",
        ("id", "decided_on", "party.id_type", "party.id_number"),
        (*_party_natural(), *_licensing_2021()),
        _LICENSING_2021_KEPT,
        PartyKind.NATURAL_PERSON,
        description="2021 national standard, administrative licensing, natural persons",
    ),
    PublishedLayout(
        "penalty-2016",
        "penalty",
        ("id", "decided_on", "sanctions", "text"),
        (
            column("id", "行政处罚决定书文号"),
            column("sanctions", "处罚类别1"),
            column("sanctions_2", "处罚类别2"),
            *_party_legal(earlier=True),
            column("text", "处罚结果"),
            column("decided_on", "处罚决定日期"),
            column("body", "处罚机关"),
            column("domain", "执法领域"),
        ),
        ("处罚名称", "处罚事由", "处罚依据", "处罚截止期", "公示期限", *_EARLIER_KEPT),
        None,
        description="the earlier national standard (2016-2020), administrative penalties",
    ),
    PublishedLayout(
        "licensing-2016",
        "licensing",
        ("id", "decided_on"),
        (
            column("id", "行政许可决定书文号"),
            column("subject", "项目名称"),
            *_party_legal(earlier=True),
            column("decided_on", "许可决定日期"),
            column("body", "许可机关"),
        ),
        ("审批类别", "许可内容", "许可截止期", "行政许可编码", *_EARLIER_KEPT),
        None,
        description="the earlier national standard (2016-2020), administrative licensing",
    ),
)

_lock = threading.Lock()
_registered: dict[str, PublishedLayout] = {layout.name: layout for layout in _NATIONAL}


def published_layouts() -> dict[str, PublishedLayout]:
    """Every layout recognised, by name: the national ones, then those registered."""
    with _lock:
        return dict(_registered)


def register_layout(layout: PublishedLayout) -> PublishedLayout:
    """Recognise ``layout`` from now on, in every reader; one of the same name is replaced."""
    if layout.kind not in ("penalty", "licensing"):
        msg = f"a layout's kind is 'penalty' or 'licensing', got {layout.kind!r}"
        raise ValueError(msg)
    keys = {c.key for c in layout.columns}
    missing = [sign for sign in layout.signs if sign not in keys]
    if missing:
        msg = f"the layout {layout.name!r} has no column for its signs {missing}"
        raise ValueError(msg)
    with _lock:
        _registered[layout.name] = layout
    return layout


def unregister_layout(name: str) -> None:
    """Recognise the layout ``name`` no more; the national layouts come back as declared."""
    with _lock:
        del _registered[name]
        for layout in _NATIONAL:
            _registered.setdefault(layout.name, layout)


def recognise(
    header: list[Any], mapping: Mapping[str, str | tuple[str, str]] | None = None
) -> PublishedLayout | None:
    """The layout of a table's header: ``None`` when it is no published table.

    A layout is recognised when the header has every column of its signs (under
    the layout's headers, or mapped to their keys) and one header of the layout's own. Of those recognised, the one
    that knows most of the header's cells is taken, then the one with most signs,
    then the one registered last (a province's variant before the national one).
    """
    renamed = {normal(k): mapped_key(v) for k, v in (mapping or {}).items()}
    cells = [normal(cell) for cell in header if not blank(cell)]
    best: tuple[tuple[int, int, int], PublishedLayout] | None = None
    for order, layout in enumerate(published_layouts().values()):
        names = {name: c.key for c in layout.columns for name in c.names()}
        keys = {renamed[cell] if cell in renamed else names.get(cell) for cell in cells}
        ignored = layout.ignored()
        own = any(cell not in renamed and (cell in names or cell in ignored) for cell in cells)
        # A mapping completes a published table, never makes one of the library's sheets one.
        if not own or not all(sign in keys for sign in layout.signs):
            continue
        known = sum(1 for cell in cells if cell in renamed or cell in names or cell in ignored)
        score = (known, len(layout.signs), order)
        if best is None or score > best[0]:
            best = (score, layout)
    return None if best is None else best[1]


# Sites export a title (and a date, a unit) above the header: rows looked through for it.
_TITLE_ROWS: Final = 10
# A row of notes below the data, as sites export it: one cell, which starts so.
_NOTE: Final = re.compile(r"(注|说明|备注|填报说明|填表说明|数据来源|制表|审核|统计)")


def header_row(
    rows: list[list[Any]], mapping: Mapping[str, str | tuple[str, str]] | None = None
) -> int | None:
    """Which of a sheet's first rows is the header of a published table; ``None``: none is.

    Examples:
        >>> header_row(
        ...     [["2023年行政处罚信息公示"], ["行政处罚决定书文号", "处罚决定日期", "处罚机关"]]
        ... )
        1
    """
    for index, cells in enumerate(rows[: _TITLE_ROWS + 1]):
        if recognise(cells, mapping) is not None:
            return index
    return None


def below_title(
    sheet: RawSheet, mapping: Mapping[str, str | tuple[str, str]] | None = None
) -> RawSheet:
    """``sheet`` from the header of the published table under its title; else ``sheet`` as it is.

    The rows keep the numbers the spreadsheet shows.
    """
    if recognise(sheet.header, mapping) is not None:
        return sheet
    below = header_row([cells for _, cells in sheet.rows], mapping)
    if below is None:
        return sheet
    return type(sheet)(sheet.name, sheet.rows[below][1], sheet.rows[below + 1 :])


def is_note(cells: list[Any]) -> bool:
    """Whether a row is a note under a table (注：金额单位为万元), not a record.

    Examples:
        >>> is_note(["注：金额单位为万元", None, ""]), is_note(["某某建材厂", "古路罚〔2023〕1号"])
        (True, False)
    """
    given = [cell for cell in cells if not blank(cell)]
    return len(given) == 1 and isinstance(given[0], str) and bool(_NOTE.match(given[0].strip()))


# The engine: how a row's values become a record's fields, the same on both paths.
