"""The national 双公示 tables a row at a time: how a row's cells become a record's fields.

One engine reads every :class:`~enforcement_core.tables.PublishedLayout`: a row
becomes a :class:`~enforcement_core.actions.PenaltyCase` or a
:class:`~enforcement_core.actions.LicenceApplication` (granted on the day of the decision:
the tables publish grants only). Its rules (a party's kind and numbers, the amounts
written in words) are functions of a row's values, which the columnar path
(:mod:`._publicity_columns`) runs once per distinct combination of those values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from enforcement_core._mapping import FrozenMap
from enforcement_core.actions import (
    Domain,
    LicensingDecision,
    PartyKind,
    Procedure,
    SanctionType,
)
from enforcement_core.tables._cells import (
    blank,
    read_text,
)
from enforcement_core.tables._layout import (
    Column,
    build,
    match_columns,
    read_each_cell,
)
from enforcement_core.tables._problems import TableProblem
from enforcement_core.tables._publicity import PublishedLayout, is_note
from enforcement_core.tables.identifiers import (
    id_number_problem,
    identifier_problem,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from enforcement_core.tables._amounts import Amounts
    from enforcement_core.tables._files import RawSheet

__all__ = [
    "AMOUNTS",
    "NO_KIND",
    "PARTY_CODES",
    "PERSONAL_NUMBERS",
    "PUBLISHED",
    "Publicity",
    "amount_stated",
    "header_of",
    "id_reason",
    "party_kind",
    "party_of",
    "read_publicity",
    "sanctions_of",
    "text_amounts",
    "unknown_figures",
    "unknown_of",
]


#: What every row of a published penalty table holds without a column for it: the
#: decisions of the ordinary procedure (一般程序), which the tables publish, and, when the
#: table gives no 执法领域 or the row leaves it empty, the domain "other". Both paths read it.
PUBLISHED: Final = FrozenMap({"procedure": Procedure.ORDINARY, "domain": Domain.OTHER})


#: 证件类型 of a resident identity card (GB 11643-1999), as tables write it.
_RESIDENT_CARD: Final = "身份证"


def id_reason(id_type: str | None, number: str) -> str | None:
    """Why a party's 证件号码 is refused, given its 证件类型; ``None`` when it stands.

    A resident identity card's number is checked (GB 11643-1999); without a
    type, the number must be an identity number or a credit code; a number of
    another document (a passport, a permit) is kept as written.

    Examples:
        >>> id_reason("身份证", "110105194912310021")
        'the check digit is 1, expected X (GB 11643-1999)'
        >>> id_reason("护照", "E12345678") is None, id_reason(None, "91350100M000100Y43") is None
        (True, True)
    """
    if id_type is None:
        return identifier_problem(number)
    if _RESIDENT_CARD in id_type:
        return id_number_problem(number)
    return None


#: A party's codes of an organisation, in the order the first one given is its number.
PARTY_CODES: Final = ("credit_code", *(f"code_{n}" for n in range(2, 7)))
#: A person's numbers, in the order the first one given is taken.
PERSONAL_NUMBERS: Final = ("id_number", "resident_id")


def party_kind(
    kind: PartyKind | None,
    *,
    coded: bool,
    personal: bool,
    default: PartyKind | None,
    asked: bool,
) -> PartyKind | None:
    """The kind of a row's party; ``None`` when nothing tells it, and the row is refused.

    The kind a row states is its kind. A blank one is told by the row's numbers:
    a person's number alone (证件号码, 居民身份证号) makes a natural person, on any
    table; an organisation's code makes the layout's kind (an enterprise when it
    names none). With neither, a table with no column of the kind (``asked``
    false) is of the layout's kind, and a blank cell in that column is a natural
    person on a table of natural persons and refused elsewhere: a person's name
    filed as an enterprise's would be published unmasked.

    Examples:
        >>> ENTERPRISE = PartyKind.ENTERPRISE
        >>> party_kind(None, coded=False, personal=True, default=ENTERPRISE, asked=True).value
        'natural_person'
        >>> party_kind(None, coded=True, personal=True, default=ENTERPRISE, asked=True).value
        'enterprise'
        >>> party_kind(None, coded=False, personal=False, default=ENTERPRISE, asked=True) is None
        True
        >>> party_kind(None, coded=False, personal=False, default=ENTERPRISE, asked=False).value
        'enterprise'
    """
    if kind is not None:
        return kind
    if personal and not coded:
        return PartyKind.NATURAL_PERSON
    if coded or not asked or default is PartyKind.NATURAL_PERSON:
        return default or PartyKind.ENTERPRISE
    return None


#: Why a row's party has no kind, in English and Chinese (:func:`party_kind`).
NO_KIND: Final = (
    "no kind of party is given, and no code or 证件号码 tells a person from an organisation",
    "未填写行政相对人类别，且无统一社会信用代码或证件号码可判断其为自然人或组织",
)


def party_of(given: Mapping[str, Any], default: PartyKind | None) -> dict[str, Any]:
    """A row's party: its name, its kind, its number (the first code given) and a person's beside it.

    Examples:
        >>> party_of({"name": "张三", "resident_id": "11010519491231002X"}, None)
        {'name': '张三', 'kind': <PartyKind.NATURAL_PERSON: 'natural_person'>, 'id_number': '11010519491231002X'}
    """
    code = next((given[key] for key in PARTY_CODES if given.get(key)), None)
    personal = next((given[key] for key in PERSONAL_NUMBERS if given.get(key)), None)
    kind = party_kind(
        given.get("kind"),
        coded=code is not None,
        personal=bool(personal),
        default=default,
        asked=False,
    )
    number = code or personal
    party: dict[str, Any] = {"name": given["name"], "kind": kind}
    if number is not None:
        party["id_number"] = number
    if code is not None and personal:
        party["personal_id"] = personal
    return party


def text_amounts(
    fine: Any, confiscation: Any, text: Amounts | None
) -> tuple[Any, Any, str | None, str | None]:
    """The fine and the confiscation of a row, its money columns before its text.

    The text gives an amount its column leaves blank; an amount stated in both
    that differs is refused: the reason, in English and Chinese, comes last.

    Examples:
        >>> from decimal import Decimal
        >>> from enforcement_core.tables._amounts import Amounts
        >>> text_amounts(None, None, Amounts(Decimal(5000)))[:2]
        (Decimal('5000'), None)
        >>> text_amounts(Decimal(6800), None, Amounts(Decimal(5000)))[2]
        'the text states a fine of 5000 yuan and the money column 6800 yuan'
    """
    if text is None:
        return fine, confiscation, None, None
    for what, what_zh, column_value, written in (
        ("fine", "罚款", fine, text.fine),
        ("confiscation", "没收金额", confiscation, text.confiscation),
    ):
        if column_value is not None and written is not None and column_value != written:
            return (
                fine,
                confiscation,
                f"the text states a {what} of {written} yuan and the money column {column_value} yuan",
                f"文字所写{what_zh}{written}元与金额列的{column_value}元不一致",
            )
    return (
        text.fine if fine is None else fine,
        text.confiscation if confiscation is None else confiscation,
        None,
        None,
    )


def _row_refusals(
    kwargs: dict[str, Any], layout: PublishedLayout, keys: frozenset[str]
) -> list[tuple[str, str, str]]:
    """Refusals of a row by the engine's rules: (the key of the column, the reasons).

    ``keys`` are the keys of the table's columns.
    """
    refusals: list[tuple[str, str, str]] = []
    party = kwargs.get("party", {})
    number = party.get("id_number")
    if number is not None:
        reason = id_reason(party.get("id_type"), number)
        if reason is not None:
            refusals.append(
                ("party.id_number", reason, f"不是有效的证件号码或统一社会信用代码：{reason}")
            )
    if (
        "party.name" in keys
        and "name" in party
        and party_kind(
            party.get("kind"),
            coded=any(party.get(key) for key in PARTY_CODES),
            personal=any(party.get(key) for key in PERSONAL_NUMBERS),
            default=layout.party_kind,
            asked="party.kind" in keys,
        )
        is None
    ):
        refusals.append(("party.kind", *NO_KIND))
    if "text" in kwargs:
        fine, confiscation, why, why_zh = text_amounts(
            kwargs.get("fine"), kwargs.get("confiscation"), kwargs["text"]
        )
        if why is not None and why_zh is not None:
            refusals.append(("text", why, why_zh))
        else:
            kwargs.update(
                (field, value)
                for field, value in (("fine", fine), ("confiscation", confiscation))
                if value is not None
            )
    return refusals


def sanctions_of(first: tuple[Any, ...] | None, second: tuple[Any, ...] | None) -> tuple[Any, ...]:
    """The sanctions of a row, the earlier standard's 处罚类别1 and 处罚类别2 together."""
    return (*(first or ()), *(second or ()))


_CONFISCATIONS: Final = frozenset(
    {SanctionType.CONFISCATION_OF_ILLEGAL_GAINS, SanctionType.CONFISCATION_OF_ILLEGAL_PROPERTY}
)
#: The amounts of a penalty row, and the sanctions each is the money of.
AMOUNTS: Final = {"fine": frozenset({SanctionType.FINE}), "confiscation": _CONFISCATIONS}


def amount_stated(field: str, *, zero: bool, sanctions: Iterable[SanctionType]) -> bool:
    """Whether a row's amount in ``field`` (one of :data:`AMOUNTS`) is one its record holds.

    A 0 where the row's sanctions have none of the amount's types is how the tables
    write "no fine"; any other amount is stated.

    Examples:
        >>> amount_stated("fine", zero=True, sanctions=[SanctionType.WARNING])
        False
        >>> amount_stated("fine", zero=True, sanctions=[SanctionType.FINE])
        True
    """
    return not zero or not AMOUNTS[field].isdisjoint(sanctions)


def _penalty(kwargs: dict[str, Any], layout: PublishedLayout) -> dict[str, Any]:
    sanctions = sanctions_of(kwargs.get("sanctions"), kwargs.get("sanctions_2"))
    record: dict[str, Any] = {
        "id": kwargs["id"],
        "decided_on": kwargs["decided_on"],
        "domain": kwargs.get("domain", PUBLISHED["domain"]),
        "sanctions": sanctions,
        "procedure": PUBLISHED["procedure"],
        "party": party_of(kwargs["party"], layout.party_kind),
    }
    for field in AMOUNTS:
        amount = kwargs.get(field)
        if amount is not None and amount_stated(field, zero=amount == 0, sanctions=sanctions):
            record[field] = amount
    return record


def _licence(kwargs: dict[str, Any], layout: PublishedLayout) -> dict[str, Any]:
    return {
        "id": kwargs["id"],
        "applied_on": kwargs["decided_on"],
        "subject": kwargs.get("subject") or kwargs.get("document") or "",
        "applicant": party_of(kwargs["party"], layout.party_kind),
        "decision": LicensingDecision.GRANTED,
        "decided_on": kwargs["decided_on"],
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
_SHOWN_BY_COLUMN: Final = {"penalty": {("confiscation",): ("penalty.confiscations",)}}


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
    missing = [
        path
        for columns, paths in by_column.items()
        if not present.intersection(columns)
        for path in paths
    ]
    return (*_NEVER_SHOWN[kind], *missing)


def unknown_of(layout: PublishedLayout, keys: Iterable[str]) -> tuple[str, ...]:
    """:func:`unknown_figures` of a table of ``layout`` whose columns are ``keys``.

    A layout that declares no amount column (the earlier standard) states every amount of
    a decision in the words of its result (处罚结果: "没收违法所得1200元并处罚款3000元"), so
    its confiscations are known from them; a layout that declares the column and a table
    without it say nothing of confiscations.

    Examples:
        >>> from enforcement_core.tables import published_layouts
        >>> layouts = published_layouts()
        >>> "penalty.confiscations" in unknown_of(layouts["penalty-2016"], ["id", "text"])
        False
        >>> "penalty.confiscations" in unknown_of(layouts["penalty-2021-legal"], ["id", "text"])
        True
    """
    present = set(keys)
    declared = {column.key for column in layout.columns}
    if "text" in present and "confiscation" not in declared:
        present.add("confiscation")
    return unknown_figures(layout.kind, present)


class Publicity:
    """What a national table gives besides its records: the bodies named in it, what it cannot count."""

    def __init__(self) -> None:
        """No body seen yet."""
        self.bodies: dict[str, int] = {}
        #: The figure paths the tables read cannot count, in the order found.
        self.unknown: dict[str, None] = {}


def header_of(layout: PublishedLayout, found: Mapping[int, Column], key: str) -> str:
    """The header a column of ``key`` is shown by: the file's column, else the layout's."""
    return next(
        (c.header() for c in found.values() if c.key == key),
        next((c.header() for c in layout.columns if c.key == key), key),
    )


def read_publicity(
    raw: RawSheet,
    layout: PublishedLayout,
    mapping: Mapping[str, str | tuple[str, str]] | None,
    problems: list[TableProblem],
    seen: Publicity,
) -> tuple[str, list[Any]]:
    """The ledger field and the records of a national table; its problems added to ``problems``."""
    before = len(problems)
    found = match_columns(
        raw.name, raw.header, layout.columns, mapping, problems, ignored=layout.ignored()
    )
    if len(problems) > before:
        return layout.field, []
    seen.unknown.update(dict.fromkeys(unknown_of(layout, (c.key for c in found.values()))))
    keys = frozenset(c.key for c in found.values())
    records = []
    for number, cells in raw.rows:
        if all(cell is None or not str(cell).strip() for cell in cells) or is_note(cells):
            continue
        kwargs, ok = read_each_cell(raw.name, number, cells, found, problems)
        # The rules run on the cells that read, so a row's problems come together.
        refusals = _row_refusals(kwargs, layout, keys)
        if refusals or not ok:
            # Each refused cell as written (its text, trimmed), as the columnar path shows it.
            written = {c.key: cells[i] for i, c in found.items() if i < len(cells)}
            problems.extend(
                TableProblem.at(
                    raw.name,
                    number,
                    header_of(layout, found, key),
                    "" if blank(written.get(key)) else read_text(written[key]),
                    why,
                    zh,
                )
                for key, why, zh in refusals
            )
            continue
        seen.bodies[kwargs["body"]] = seen.bodies.get(kwargs["body"], number)
        given = _penalty(kwargs, layout) if layout.kind == "penalty" else _licence(kwargs, layout)
        record = build(layout.record, given, (raw.name, number), tuple(found.values()), problems)
        if record is not None:
            records.append(record)
    return layout.field, records
