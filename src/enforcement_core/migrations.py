"""Documents of an older format, moved to the current one as they are read.

Every JSON document carries its ``schema_version``. The format changes when a
category gets figures and records of its own: a document written before then
holds the category's actions among its ``other_actions`` (a ledger's other
actions of that kind, a report's ``other_actions.<kind>`` count and amount). The
category's :attr:`~enforcement_core.categories.Category.since` is the version from
which documents hold it in its own fields; :data:`SCHEMA_VERSION` is the newest of
them, and a step registered against each version moves an older document forward.
Nothing is dropped: what a step cannot place is a :class:`~enforcement_core.Problem`
at its path, and the document is refused with every problem at once.

Examples:
    >>> SCHEMA_VERSION
    1
    >>> migrate({"schema_version": 1, "document": "ledger"})
    ({'schema_version': 1, 'document': 'ledger'}, [])
    >>> migrate({"schema_version": 7, "document": "ledger"})[1]
    [Problem(path='schema_version', value=7, message='schema_version 7 is newer than this version of enforcement-core reads (1): upgrade enforcement-core to read it')]
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import TYPE_CHECKING, Any, Final

import attrs

from enforcement_core.categories import CATEGORIES, Category
from enforcement_core.errors import Problem

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["SCHEMA_VERSION", "migrate", "register", "steps"]

#: The version of the document format written now: the newest of the categories'.
SCHEMA_VERSION: Final = max(1, *(declared.since for declared in CATEGORIES))

_STEPS: dict[int, list[Callable[[dict[str, Any]], list[Problem]]]] = {}


def register(
    version: int,
) -> Callable[
    [Callable[[dict[str, Any]], list[Problem]]], Callable[[dict[str, Any]], list[Problem]]
]:
    """Register a step that brings a document of ``version - 1`` to ``version``.

    Steps of one version run in the order registered.
    """

    def add(
        step: Callable[[dict[str, Any]], list[Problem]],
    ) -> Callable[[dict[str, Any]], list[Problem]]:
        _STEPS.setdefault(version, []).append(step)
        return step

    return add


def steps(version: int) -> tuple[Callable[[dict[str, Any]], list[Problem]], ...]:
    """The steps registered against ``version``.

    Examples:
        >>> steps(1)
        ()
    """
    return tuple(_STEPS.get(version, ()))


def migrate(data: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """``data`` moved to :data:`SCHEMA_VERSION`, and the problems that stop it.

    A document of the current version is returned as it is. One of an older
    version is copied and moved a version at a time; a newer one, or a version
    that is not a positive whole number, is refused.
    """
    version = data.get("schema_version")
    if type(version) is not int or version < 1:
        return data, [
            Problem("schema_version", version, f"expected schema_version {SCHEMA_VERSION}")
        ]
    if version > SCHEMA_VERSION:
        return data, [
            Problem(
                "schema_version",
                version,
                f"schema_version {version} is newer than this version of enforcement-core "
                f"reads ({SCHEMA_VERSION}): upgrade enforcement-core to read it",
            )
        ]
    if version == SCHEMA_VERSION:
        return data, []
    moved = dict(data)
    problems: list[Problem] = []
    for target in range(version + 1, SCHEMA_VERSION + 1):
        for step in steps(target):
            problems += step(moved)
        moved["schema_version"] = target
    return moved, problems


def _date_field(record: type) -> str | None:
    """The record's first date field without a default: the one that places it in a year."""
    hints = typing.get_type_hints(record)
    return next(
        (
            field.name
            for field in attrs.fields(record)
            if hints[field.name] is dt.date and field.default is attrs.NOTHING
        ),
        None,
    )


def _carried(
    declared: Category, action: dict[str, Any], at: str
) -> tuple[dict[str, Any], list[Problem]]:
    """An other action's object as a record of ``declared``, by the default rule."""
    assert declared.records is not None  # noqa: S101  (only categories with records migrate them)
    record = declared.records.record
    names = {field.name for field in attrs.fields(record)}
    date = _date_field(record)
    made: dict[str, Any] = {}
    problems = []
    for key, value in action.items():
        target = date if key == "taken_on" else key
        if key == "kind":
            continue
        if target is not None and target in names:
            made[target] = value
        elif value not in (None, ""):
            problems.append(
                Problem(
                    f"{at}.{key}",
                    value,
                    f"a {record.__name__} has no field for it: the document of an earlier "
                    "schema_version cannot be moved without losing it",
                )
            )
    return made, problems


def _ledger_step(declared: Category) -> Callable[[dict[str, Any]], list[Problem]]:
    """Move a ledger's other actions of ``declared``'s kind to its records."""
    assert declared.records is not None  # noqa: S101  (only categories with records migrate them)
    group = declared.records.field

    def step(data: dict[str, Any]) -> list[Problem]:
        actions = data.get("other_actions")
        if data.get("document") != "ledger" or not isinstance(actions, list):
            return []
        problems: list[Problem] = []
        kept, moved = [], list(data.get(group) or [])
        for index, action in enumerate(actions):
            if not isinstance(action, dict) or action.get("kind") != declared.kind.value:
                kept.append(action)
                continue
            at = f"other_actions[{index}]"
            if declared.from_other is not None:
                moved.append(declared.from_other(action))
                continue
            record, lost = _carried(declared, action, at)
            problems += lost
            moved.append(record)
        data["other_actions"], data[group] = kept, moved
        return problems

    return step


def _report_step(declared: Category) -> Callable[[dict[str, Any]], list[Problem]]:
    """Move a report's ``other_actions.<kind>`` count and amount to ``declared``'s figures."""
    kind = declared.kind.value
    amount = (
        declared.amount[0] if len(declared.amount) == 1 and len(declared.amount[0]) == 1 else None
    )

    def step(data: dict[str, Any]) -> list[Problem]:
        others = data.get("other_actions")
        if data.get("document") != "annual_report" or not isinstance(others, dict):
            return []
        held = others.get(kind)
        if not isinstance(held, dict):
            return []
        figures = dict(data.get(declared.field) or {})
        problems = []
        for key, target in (("count", declared.total), ("amount", amount and amount[0])):
            if held.get(key) is None:
                continue
            if target is None:
                problems.append(
                    Problem(
                        f"other_actions.{kind}.{key}",
                        held[key],
                        f"{declared.field} declares no figure to hold it: the document of an "
                        "earlier schema_version cannot be moved without losing it",
                    )
                )
            else:
                figures[target] = held[key]
        data["other_actions"] = {k: v for k, v in others.items() if k != kind}
        data[declared.field] = figures
        return problems

    return step


for _declared in CATEGORIES:
    if _declared.since > 1:
        if _declared.records is not None:
            register(_declared.since)(_ledger_step(_declared))
        register(_declared.since)(_report_step(_declared))
