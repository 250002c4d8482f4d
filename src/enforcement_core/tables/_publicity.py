"""The national 双公示 tables: administrative penalties and licences as bodies publish them.

Bodies publish every penalty decision (行政处罚) and every licence granted (行政许可)
in two tables of fixed headers, the formats of the national credit-information
platform. A table is recognised by its headers; each row becomes a
:class:`~enforcement_core.PenaltyCase` or a :class:`~enforcement_core.LicenceApplication`
(granted on the day of the decision: the table publishes grants only). Amounts are
in 万元 and are read to the fen exactly, never through a float.

A penalty table has no column of the domain of enforcement; an extra column
``执法领域`` gives it, and without one every case is filed under ``other``. A
fine of 0 where 罚款 is not among the sanctions is how the table writes "no fine".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from enforcement_core.actions import (
    Domain,
    LicenceApplication,
    LicensingDecision,
    PartyKind,
    PenaltyCase,
    Procedure,
    SanctionType,
)
from enforcement_core.tables._cells import enum_reader, read_date, read_text, read_wan_yuan
from enforcement_core.tables._layout import Column, build, match_columns, normal, read_cells
from enforcement_core.tables.identifiers import credit_code_problem, identifier_problem

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from enforcement_core.tables._files import RawSheet
    from enforcement_core.tables._problems import TableProblem

__all__ = [
    "LICENSING",
    "PENALTY",
    "Publicity",
    "kind_of_table",
    "read_publicity",
    "unknown_figures",
]


def _column(  # noqa: PLR0913  (a column's parts, by name)
    header: str,
    path: tuple[str, ...],
    read: Any = read_text,
    *,
    required: bool = False,
    listed: bool = False,
    check: Any = None,
    vocabulary: Any = None,
) -> Column:
    key = ".".join(path)
    return Column(
        key,
        path,
        read,
        required,
        listed=listed,
        check=check,
        headers=(header,),
        vocabulary=vocabulary,
    )


def _party_columns() -> list[Column]:
    return [
        _column("行政相对人名称", ("party", "name"), required=True),
        _column(
            "行政相对人类别",
            ("party", "kind"),
            enum_reader(PartyKind),
            vocabulary=PartyKind,
        ),
        _column("统一社会信用代码", ("party", "credit_code"), check=credit_code_problem),
        _column("证件号码", ("party", "id_number"), check=identifier_problem),
    ]


#: The administrative-penalty table: its columns that the model holds or checks.
PENALTY: Final = (
    *_party_columns(),
    _column("行政处罚决定书文号", ("id",), required=True),
    _column(
        "处罚类别",
        ("sanctions",),
        enum_reader(SanctionType),
        required=True,
        listed=True,
        vocabulary=SanctionType,
    ),
    _column("罚款金额（万元）", ("fine",), read_wan_yuan),
    _column("没收违法所得、没收非法财物的金额（万元）", ("confiscation",), read_wan_yuan),
    _column("处罚决定日期", ("decided_on",), read_date, required=True),
    _column("处罚机关", ("body",), required=True),
    _column("处罚机关统一社会信用代码", ("body_code",), check=credit_code_problem),
    _column("数据来源单位统一社会信用代码", ("source_code",), check=credit_code_problem),
    _column("执法领域", ("domain",), enum_reader(Domain), vocabulary=Domain),
)

#: The administrative-licensing table: its columns that the model holds or checks.
LICENSING: Final = (
    *_party_columns(),
    _column("行政许可决定文书号", ("id",), required=True),
    _column("行政许可决定文书名称", ("document",)),
    _column("许可证书名称", ("subject",)),
    _column("许可决定日期", ("decided_on",), read_date, required=True),
    _column("许可机关", ("body",), required=True),
    _column("许可机关统一社会信用代码", ("body_code",), check=credit_code_problem),
    _column("数据来源单位统一社会信用代码", ("source_code",), check=credit_code_problem),
)

# Columns of the national tables that the model has no place for: read past, not refused.
_IGNORED: Final = frozenset(
    normal(h)
    for h in (
        "工商注册号",
        "组织机构代码",
        "税务登记号",
        "事业单位证书号",
        "社会组织登记证号",
        "法定代表人",
        "法定代表人证件类型",
        "法定代表人证件号码",
        "证件类型",
        "违法行为类型",
        "违法事实",
        "处罚依据",
        "处罚内容",
        "暂扣或吊销证照名称及编号",
        "处罚有效期",
        "公示截止期",
        "数据来源单位",
        "备注",
        "许可类别",
        "许可编号",
        "许可内容",
        "有效期自",
        "有效期至",
        "当前状态",
    )
)

#: The kinds of national table, by the headers that recognise them.
_SIGNS: Final = {
    "penalty": (normal("行政处罚决定书文号"), normal("处罚决定日期")),
    "licensing": (normal("行政许可决定文书号"), normal("许可决定日期")),
}


# What a national table cannot show, whatever its columns: it publishes decisions to
# penalise (not the cases let off) and grants (not the applications refused or pending),
# and has no column of legal reviews, lighter penalties or referrals.
_NEVER_SHOWN: Final = {
    "penalty": (
        "penalty.not_penalised",
        "penalty.lightened",
        "penalty.legal_reviews",
        "penalty.referrals",
    ),
    "licensing": (
        "licensing.applications",
        "licensing.accepted",
        "licensing.refused",
        "licensing.pending",
        "licensing.revoked",
        "licensing.legal_reviews",
    ),
}
# A figure shown only where its optional column is there.
_SHOWN_BY_COLUMN: Final = {"penalty": {"confiscation": ("penalty.confiscations",)}}


def unknown_figures(kind: str, keys: Iterable[str]) -> tuple[str, ...]:
    """The figure paths a national table of ``kind`` with the columns ``keys`` cannot count.

    Examples:
        >>> unknown_figures("penalty", ["id", "fine", "confiscation"])
        ('penalty.not_penalised', 'penalty.lightened', 'penalty.legal_reviews', 'penalty.referrals')
        >>> unknown_figures("penalty", ["id", "fine"])[-1]
        'penalty.confiscations'
    """
    present = set(keys)
    by_column = _SHOWN_BY_COLUMN.get(kind, {})
    missing = [path for key, paths in by_column.items() if key not in present for path in paths]
    return (*_NEVER_SHOWN[kind], *missing)


class Publicity:
    """What a national table gives besides its records: the bodies named in it, what it cannot count."""

    def __init__(self) -> None:
        """No body seen yet."""
        self.bodies: dict[str, int] = {}
        #: The figure paths the tables read cannot count, in the order found.
        self.unknown: dict[str, None] = {}


def kind_of_table(header: list[Any]) -> str | None:
    """``"penalty"`` or ``"licensing"`` for a national table's header; ``None`` otherwise."""
    names = {normal(cell) for cell in header if cell is not None}
    for kind, signs in _SIGNS.items():
        if all(sign in names for sign in signs):
            return kind
    return None


def _party(given: dict[str, Any]) -> dict[str, Any]:
    kind = given.get("kind", PartyKind.ENTERPRISE)
    number = given.get("credit_code") or given.get("id_number")
    party: dict[str, Any] = {"name": given["name"], "kind": kind}
    if number is not None:
        party["id_number"] = number
    return party


def _penalty(kwargs: dict[str, Any]) -> dict[str, Any]:
    sanctions = kwargs.get("sanctions", ())
    record: dict[str, Any] = {
        "id": kwargs["id"],
        "decided_on": kwargs["decided_on"],
        "domain": kwargs.get("domain", Domain.OTHER),
        "sanctions": sanctions,
        # The tables publish decisions of the ordinary procedure (一般程序).
        "procedure": Procedure.ORDINARY,
        "party": _party(kwargs["party"]),
    }
    for field, sanction_types in (
        ("fine", {SanctionType.FINE}),
        (
            "confiscation",
            {
                SanctionType.CONFISCATION_OF_ILLEGAL_GAINS,
                SanctionType.CONFISCATION_OF_ILLEGAL_PROPERTY,
            },
        ),
    ):
        amount = kwargs.get(field)
        if amount is None or (amount == 0 and not sanction_types.intersection(sanctions)):
            continue
        record[field] = amount
    return record


def _licence(kwargs: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": kwargs["id"],
        "applied_on": kwargs["decided_on"],
        "subject": kwargs.get("subject") or kwargs.get("document") or "",
        "applicant": _party(kwargs["party"]),
        "decision": LicensingDecision.GRANTED,
        "decided_on": kwargs["decided_on"],
    }


def read_publicity(
    raw: RawSheet,
    kind: str,
    mapping: Mapping[str, str] | None,
    problems: list[TableProblem],
    seen: Publicity,
) -> tuple[str, list[Any]]:
    """The ledger field and the records of a national table; its problems added to ``problems``."""
    columns = PENALTY if kind == "penalty" else LICENSING
    record_class: type = PenaltyCase if kind == "penalty" else LicenceApplication
    before = len(problems)
    found = match_columns(raw.name, raw.header, columns, mapping, problems, ignored=_IGNORED)
    field = "penalty_cases" if kind == "penalty" else "licence_applications"
    if len(problems) > before:
        return field, []
    seen.unknown.update(dict.fromkeys(unknown_figures(kind, (c.key for c in found.values()))))
    records = []
    for number, cells in raw.rows:
        if all(cell is None or not str(cell).strip() for cell in cells):
            continue
        kwargs = read_cells(raw.name, number, cells, found, problems)
        if kwargs is None:
            continue
        seen.bodies[kwargs["body"]] = seen.bodies.get(kwargs["body"], number)
        given = _penalty(kwargs) if kind == "penalty" else _licence(kwargs)
        record = build(record_class, given, (raw.name, number), columns, problems)
        if record is not None:
            records.append(record)
    return field, records
