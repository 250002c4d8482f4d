"""A ledger: a body's roster and its records of individual actions for one year."""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from enforcement_core import _display
from enforcement_core._mapping import FrozenMap
from enforcement_core._paths import check_figure_path
from enforcement_core._validators import (
    a_date,
    a_year,
    checks,
    fail,
    frozen_map,
    identifier,
    instance_of,
    mapping_of,
    optional,
    text,
    tuple_of,
)
from enforcement_core.actions import (
    AdmonitoryInterview,
    CoerciveAction,
    Inspection,
    LicenceApplication,
    OtherAction,
    PenaltyCase,
    ReviewCase,
)
from enforcement_core.body import EnforcementBody
from enforcement_core.categories import RECORD_GROUPS, ledger_fields, own_records
from enforcement_core.report import (
    AnnualReport,
    Conventions,
    Narrative,
    published_after_the_year_began,
)
from enforcement_core.workforce import MisconductCase, Officer, Unit

__all__ = ["Ledger", "Record", "refuse_among_other_actions"]

if TYPE_CHECKING:
    # What a type checker reads: it cannot read the table, so the built-in groups.
    Record: TypeAlias = (
        MisconductCase
        | LicenceApplication
        | Inspection
        | PenaltyCase
        | AdmonitoryInterview
        | CoerciveAction
        | OtherAction
        | ReviewCase
    )
else:
    #: Any record a ledger holds: the union of the record groups' classes, in ledger order.
    Record = functools.reduce(operator.or_, (group.record for group in RECORD_GROUPS))


def _kind_with_records(action: object) -> str | None:
    """Why ``action`` may not stand among other actions; ``None`` when it may."""
    if isinstance(action, OtherAction) and action.kind in own_records():
        return f"{action.kind.value} actions have a record class of their own"
    return None


def refuse_among_other_actions(action: object) -> None:
    """Refuse, at its ``kind``, an other action of a category with records of its own.

    The rule is the container's, not the record's: only the table of categories
    (above the records) knows which categories have records of their own. The
    ledger applies it to its ``other_actions``; the table readers to each row of
    the other actions' sheet, so that the row is named.

    Examples:
        >>> import datetime as dt
        >>> from enforcement_core.actions import ActionKind, OtherAction
        >>> refuse_among_other_actions(OtherAction("X-1", ActionKind.LEVY, dt.date(2023, 1, 5)))
        >>> refuse_among_other_actions(OtherAction("X-2", ActionKind.PENALTY, dt.date(2023, 1, 5)))
        Traceback (most recent call last):
        ...
        enforcement_core.errors.InvariantError: OtherAction.kind: penalty actions have a record class of their own
    """
    reason = _kind_with_records(action)
    if reason is not None:
        fail(action, "kind", getattr(action, "kind", None), reason)


@attrs.frozen(kw_only=True, field_transformer=ledger_fields)
class Ledger:
    """Everything a body recorded in a year: its units, officers and action records.

    A ledger is what a case-keeping system holds; ``summarize`` turns it into
    an :class:`~enforcement_core.AnnualReport` whose every figure is computed
    from the records. Records dated outside ``year``, duplicate identifiers and
    officers missing from the roster are allowed here and reported by the audit.
    """

    #: The body whose ledger it is.
    body: EnforcementBody = attrs.field(metadata=checks(instance_of(EnforcementBody)))
    #: The year the ledger covers.
    year: int = attrs.field(metadata=checks(a_year()))
    #: The day the summary's report is dated (its 成文日期); ``None`` when not given.
    published_on: dt.date | None = attrs.field(default=None, metadata=checks(optional(a_date())))
    #: The organisational units by identifier (their ``certified`` figures are
    #: left empty: the officers are counted).
    units: Mapping[str, Unit] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(mapping_of(identifier(), instance_of(Unit))),
    )
    #: The roster of officers and other enforcement staff.
    officers: tuple[Officer, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(instance_of(Officer)))
    )
    #: Cases of officers' misconduct.
    misconduct_cases: tuple[MisconductCase, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(instance_of(MisconductCase)))
    )
    #: Licence applications.
    licence_applications: tuple[LicenceApplication, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(instance_of(LicenceApplication)))
    )
    #: Inspections, each with the hazards it found.
    inspections: tuple[Inspection, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(instance_of(Inspection)))
    )
    #: Penalty cases.
    penalty_cases: tuple[PenaltyCase, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(instance_of(PenaltyCase)))
    )
    #: Admonitory interviews.
    interviews: tuple[AdmonitoryInterview, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(instance_of(AdmonitoryInterview)))
    )
    #: Coercive measures and executions.
    coercive_actions: tuple[CoerciveAction, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(instance_of(CoerciveAction)))
    )
    #: Actions of the other categories.
    other_actions: tuple[OtherAction, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(instance_of(OtherAction)))
    )
    #: Reconsideration and litigation cases.
    reviews: tuple[ReviewCase, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(instance_of(ReviewCase)))
    )
    #: The free text the summary's report carries.
    narrative: Narrative = attrs.field(factory=Narrative, metadata=checks(instance_of(Narrative)))
    #: How the summary's report writes its numbers.
    conventions: Conventions = attrs.field(
        factory=Conventions, metadata=checks(instance_of(Conventions))
    )
    #: The figures its records cannot count, by path (``"penalty.legal_reviews"``): a
    #: 双公示 table has no column of legal reviews, so its summary leaves them unknown
    #: rather than 0. The table readers fill it in; a ledger kept in full leaves it empty.
    unknown: tuple[str, ...] = attrs.field(default=(), metadata=checks(tuple_of(text())))

    @other_actions.validator
    def _only_kinds_without_records(
        self, attribute: attrs.Attribute[tuple[OtherAction, ...]], value: Any
    ) -> None:
        for index, action in enumerate(value if isinstance(value, tuple) else ()):
            reason = _kind_with_records(action)
            if reason is not None:
                fail(self, f"{attribute.name}[{index}].kind", action.kind, reason)

    @unknown.validator
    def _names_figures(self, attribute: attrs.Attribute[tuple[str, ...]], value: Any) -> None:
        for index, path in enumerate(value if isinstance(value, tuple) else ()):
            reason = check_figure_path(AnnualReport, path) if isinstance(path, str) else None
            if reason is not None:
                fail(self, f"{attribute.name}[{index}]", path, reason)

    @published_on.validator
    def _published_after_the_year_began(
        self, attribute: attrs.Attribute[dt.date | None], value: dt.date | None
    ) -> None:
        # The report the ledger is summarised into refuses the same date.
        published_after_the_year_began(self, attribute.name, value)

    # Rich display reaches up to the renderers through _display, at call time, never at import.

    def _repr_html_(self) -> str:
        """The ledger's summary as an HTML table, for Jupyter."""
        return _display.rendered(self, "html", fragment=True)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # noqa: FBT001  (IPython's signature)
        """The ledger's summary as aligned text, for IPython's text/plain."""
        printer.text(_display.rendered(self, "text").rstrip("\n") if not cycle else "Ledger(...)")
