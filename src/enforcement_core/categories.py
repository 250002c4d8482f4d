"""The action categories and record groups, declared once.

Which categories have figures of their own, which records a ledger keeps, in
which order a report states them, which actions happen on site: one table here,
read by the model (the fields of :class:`~enforcement_core.AnnualReport` and
:class:`~enforcement_core.Ledger`), the summary, the statistics, the audit and
the renderers. Labels come from :mod:`enforcement_core.labels`, by the category's
:class:`~enforcement_core.actions.ActionKind`.

Adding a category with figures and records of its own is one :class:`Category`
entry in :data:`CATEGORIES` plus its two classes: a record class (with a ``date``
property and an ``id``) and a figures class (frozen attrs, every figure optional,
with a ``from_records(records, start, end)`` class method). docs/architecture.md
shows a worked example.

Examples:
    >>> from enforcement_core.actions import ActionKind
    >>> [category.field for category in CATEGORIES]
    ['licensing', 'inspection', 'penalty', 'coercion']
    >>> category(ActionKind.PENALTY).records.field, category(ActionKind.PENALTY).records.on_site
    ('penalty_cases', True)
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from typing import Any, Final

import attrs

from enforcement_core._validators import (
    Check,
    apply_checks,
    checks,
    instance_of,
    optional,
    tuple_of,
)
from enforcement_core.actions import (
    ActionKind,
    AdmonitoryInterview,
    CoerciveAction,
    Inspection,
    LicenceApplication,
    OtherAction,
    PenaltyCase,
    ReviewCase,
)
from enforcement_core.figures import (
    CoercionFigures,
    InspectionFigures,
    LicensingFigures,
    PenaltyFigures,
)
from enforcement_core.labels import declare_terms, label, term_or_key
from enforcement_core.workforce import MisconductCase

__all__ = [
    "CATEGORIES",
    "RECORD_GROUPS",
    "Category",
    "RecordGroup",
    "category",
    "ledger_fields",
    "own_figures",
    "own_records",
    "report_fields",
]


@attrs.frozen
class RecordGroup:
    """A kind of record a ledger keeps: one tuple field of :class:`~enforcement_core.Ledger`."""

    #: The ledger's field: ``"penalty_cases"``.
    field: str
    #: The record class.
    record: type
    #: What the field holds, for its documentation.
    doc: str
    #: Whether the actions are taken on site, where two officers must take part.
    on_site: bool = False
    #: The headers of the record's columns that no other record's column already
    #: has a word for, by field: ``{"granted": ("是否予以确认", "confirmed")}``.
    #: They name this record's columns only (the term ``column_<Record>_<field>``).
    columns: Mapping[str, tuple[str, str]] = attrs.field(factory=dict, eq=False)


@attrs.frozen
class Category:
    """An action category with figures (and records) of its own.

    The categories without figures of their own (levy, reward, ...) are held
    together, by kind, in ``other_actions`` as counts and amounts.
    """

    #: The category.
    kind: ActionKind
    #: The report's field: ``"penalty"``.
    field: str
    #: The figures class of the report's field, with its ``from_records`` class method.
    figures: Any
    #: What the report's field holds, for its documentation.
    doc: str
    #: The records of the category's actions in a ledger; ``None`` if it keeps none.
    records: RecordGroup | None
    #: The figures (paths below ``field``) whose sum is the category's count of actions.
    count: tuple[str, ...]
    #: The category's money: the first of these sums of figures that is stated.
    amount: tuple[tuple[str, ...], ...] = ()
    #: A total the report may give without parts; when stated, it is the category's count.
    total: str | None = None
    #: The words of the category's figures, by path below ``field``, in Chinese and
    #: English: ``{"granted": ("予以确认", "confirmed")}``. A figure without one
    #: takes a shared word (``count``, ``amount``) but never another category's.
    terms: Mapping[str, tuple[str, str]] = attrs.field(factory=dict, eq=False)
    #: The document format (``schema_version``) from which documents hold the category
    #: in its own fields; an older document holds it in ``other_actions`` and is
    #: migrated when read (:mod:`enforcement_core.migrations`). The built-ins have
    #: always had their fields: 1.
    since: int = 1
    #: How an other action of the category's kind (its JSON object) becomes one of
    #: its records (a JSON object) when an older document is migrated; ``None`` to
    #: carry ``id``, the date (``taken_on``) into the record's first date field,
    #: ``amount`` and ``description`` into fields of those names.
    from_other: Any = attrs.field(default=None, eq=False)


_APPLICATIONS = RecordGroup("licence_applications", LicenceApplication, "Licence applications.")
_INSPECTIONS = RecordGroup(
    "inspections", Inspection, "Inspections, each with the hazards it found.", on_site=True
)
_PENALTY_CASES = RecordGroup("penalty_cases", PenaltyCase, "Penalty cases.", on_site=True)
_COERCIVE_ACTIONS = RecordGroup(
    "coercive_actions", CoerciveAction, "Coercive measures and executions.", on_site=True
)

#: The categories with figures of their own, in the order a report states them.
CATEGORIES: Final[tuple[Category, ...]] = (
    Category(
        ActionKind.LICENSING,
        "licensing",
        LicensingFigures,
        "Licensing (行政许可).",
        _APPLICATIONS,
        # Decisions, as the report states them.
        count=("granted", "refused"),
        total="handled",
    ),
    Category(
        ActionKind.INSPECTION,
        "inspection",
        InspectionFigures,
        "Inspections (行政检查) and the hazards they found.",
        _INSPECTIONS,
        count=("visits",),
    ),
    Category(
        ActionKind.PENALTY,
        "penalty",
        PenaltyFigures,
        "Penalties (行政处罚).",
        _PENALTY_CASES,
        count=("cases",),
        amount=(("fines_and_confiscations",), ("fines", "confiscations")),
    ),
    Category(
        ActionKind.COERCION,
        "coercion",
        CoercionFigures,
        "Coercion (行政强制).",
        _COERCIVE_ACTIONS,
        count=("measures", "executions"),
        total="actions",
    ),
)

# The ledger's first groups, in the order its documents have always had.
_FIRST_GROUPS: Final = (
    RecordGroup("misconduct_cases", MisconductCase, "Cases of officers' misconduct."),
    _APPLICATIONS,
    _INSPECTIONS,
    _PENALTY_CASES,
    RecordGroup("interviews", AdmonitoryInterview, "Admonitory interviews."),
    _COERCIVE_ACTIONS,
)

#: Every kind of record a ledger keeps, in ledger order: a category's records
#: come after the first groups, before the other actions and the reviews.
RECORD_GROUPS: Final[tuple[RecordGroup, ...]] = (
    *_FIRST_GROUPS,
    *(c.records for c in CATEGORIES if c.records is not None and c.records not in _FIRST_GROUPS),
    RecordGroup("other_actions", OtherAction, "Actions of the other categories."),
    RecordGroup("reviews", ReviewCase, "Reconsideration and litigation cases."),
)

_BY_KIND: Final = {c.kind: c for c in CATEGORIES}


def _figure_names(cls: type, seen: set[type] | None = None) -> set[str]:
    """The keys of the figures of ``cls``, and of the figures classes inside them."""
    seen = set() if seen is None else seen
    seen.add(cls)
    names = {field.name for field in attrs.fields(cls)}
    for tp in typing.get_type_hints(cls).values():
        for inner in (tp, *typing.get_args(tp)):
            if isinstance(inner, type) and attrs.has(inner) and inner not in seen:
                names |= _figure_names(inner, seen)
    return names


def _declare_words() -> None:
    """Give labels the words of the table: figures by path, sheets and columns by record.

    A category's sheet is named by the category (行政确认), in English by its
    group's documentation, unless a term names it already.
    """
    for declared in CATEGORIES:
        declare_terms(
            {f"{declared.field}.{key}": words for key, words in declared.terms.items()},
            figures_of=declared.field,
            names=tuple(sorted(_figure_names(declared.figures))),
        )
        group = declared.records
        if group is None:
            continue
        sheet = f"sheet_{group.field}"
        if term_or_key(sheet) == sheet:
            declare_terms({sheet: (label(declared.kind), group.doc.rstrip("."))})
        owner = group.record.__name__
        declare_terms({f"column_{owner}_{key}": words for key, words in group.columns.items()})


_declare_words()


def category(kind: ActionKind) -> Category | None:
    """The category ``kind`` with figures of its own; ``None`` for the others."""
    return _BY_KIND.get(kind)


def own_figures() -> frozenset[ActionKind]:
    """The categories with figures of their own; ``other_actions`` holds the rest."""
    return frozenset(_BY_KIND)


def own_records() -> frozenset[ActionKind]:
    """The categories whose records have a class of their own; OtherAction holds the rest."""
    return frozenset(c.kind for c in CATEGORIES if c.records is not None)


def _added_fields(
    cls: type,
    fields: list[attrs.Attribute[Any]],
    wanted: list[tuple[str, Any, Check, Any]],
    after: str,
) -> list[attrs.Attribute[Any]]:
    """``fields`` with a field for each of ``wanted`` not declared, inserted after ``after``.

    A category declared in the table needs no line in the report's or the ledger's
    class: its field is made here, typed and checked like the declared ones (which
    keep their line for type checkers and documentation).
    """
    result = list(fields)
    template = next(field for field in fields if field.name == after)
    # Each made field goes where the table places it: before the next wanted field the
    # class declares (a category's records before other_actions), else after the last.
    previous = after
    for name, tp, check, default in wanted:
        names = [field.name for field in result]
        if name in names:
            previous = name
            continue
        made = template.evolve(
            name=name,
            alias=name,
            type=tp,
            default=default,
            validator=None,
            converter=None,
            metadata=checks(check),
        )
        result.insert(names.index(previous) + 1, made)
        previous = name
        # The schema and the converter read types from the annotations.
        cls.__annotations__[name] = tp
    return apply_checks(cls, result)


def report_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """The field transformer of the report: a figures field for every category."""
    wanted = [
        (c.field, c.figures | None, optional(instance_of(c.figures)), None) for c in CATEGORIES
    ]
    return _added_fields(cls, fields, wanted, after="powers")


def ledger_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """The field transformer of the ledger: a tuple of records for every record group."""
    wanted = [
        (g.field, tuple[g.record, ...], tuple_of(instance_of(g.record)), ())  # type: ignore[name-defined]
        for g in RECORD_GROUPS
    ]
    return _added_fields(cls, fields, wanted, after="officers")
