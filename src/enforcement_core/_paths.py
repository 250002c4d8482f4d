"""Figure paths: one way to name a figure of a report, everywhere.

A path is the dotted way to a figure in the report's JSON document:
``inspection.hazards.found``, ``penalty.by_domain.traffic.cases``,
``workforce.units.office.subunits.brigade.certified``. Audit findings, load
errors, stated figures and measure words all use it.

A breakdown with open keys (:class:`~enforcement_core.dimensions.Dimension`) is named the same
way, its keys being canonical vocabulary values or the report's own words:
``penalty.dimensions.party.parts.对个人.count`` is the count of one part, and a nested
part goes on through its own dimensions,
``penalty.dimensions.kind.parts.事故处罚.dimensions.party.parts.对个人.amount``. A key
holds no ``.``, ``[``, ``]`` nor white space, so every path splits back into its steps.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs

__all__ = [
    "check_figure_path",
    "figure_type",
    "figures",
    "is_figure",
    "objects",
    "owners",
    "resolve",
    "steps",
    "walk",
]


def _segment(key: object) -> str:
    return key.value if isinstance(key, Enum) else str(key)


def resolve(obj: object, path: str) -> Any:
    """The value at ``path`` below ``obj``, or ``None`` where a step is missing.

    Examples:
        >>> from enforcement_core import examples
        >>> resolve(examples.load("gulu-2023"), "penalty.by_domain.traffic.cases")
        216
        >>> resolve(examples.load("gulu-2023"), "coercion.measures") is None
        True
    """
    for name in path.split("."):
        if obj is None:
            return None
        obj = obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)
    return obj


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _without_none(tp: Any) -> Any:
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        rest = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return tp


def steps(root: type, path: str) -> Iterator[tuple[str, Any]]:
    """Each name of ``path`` below ``root`` with what it is: ``"field"``, or a mapping's key type.

    A key of a vocabulary comes with its enum (so it can be labelled); a key of a
    mapping of free keys (units by identifier) with ``str``. Stops where the path
    names nothing of ``root``.

    Examples:
        >>> from enforcement_core import AnnualReport
        >>> list(steps(AnnualReport, "penalty.by_domain.traffic.cases"))
        [('penalty', 'field'), ('by_domain', 'field'), ('traffic', <enum 'Domain'>), ('cases', 'field')]
    """
    tp: Any = root
    for name in path.split("."):
        tp = _without_none(tp)
        if attrs.has(tp):
            hints = _hints(tp)
            if name not in hints:
                return
            yield name, "field"
            tp = hints[name]
        elif typing.get_origin(tp) in (Mapping, dict):
            key_type, tp = typing.get_args(tp)
            yield name, key_type
        else:
            return


def figure_type(root: type, path: str) -> Any:
    """The type of the figure at ``path`` below ``root`` (``int`` or ``Decimal``); ``None`` if none.

    Examples:
        >>> from enforcement_core import AnnualReport
        >>> (
        ...     figure_type(AnnualReport, "other_actions.levy.amount"),
        ...     figure_type(AnnualReport, "penalty.cases"),
        ... )
        (<class 'decimal.Decimal'>, <class 'int'>)
    """
    if check_figure_path(root, path) is not None:
        return None
    tp: Any = root
    for name in path.split("."):
        tp = _without_none(tp)
        tp = _hints(tp)[name] if attrs.has(tp) else typing.get_args(tp)[1]
    return _without_none(tp)


def check_figure_path(root: type, path: str) -> str | None:
    """Why ``path`` names no figure (an ``int`` or ``Decimal``) of ``root``; ``None`` if it does.

    Examples:
        >>> from enforcement_core import AnnualReport
        >>> check_figure_path(AnnualReport, "penalty.by_domain.traffic.cases") is None
        True
        >>> check_figure_path(AnnualReport, "penalty.by_domain.trafic.cases")
        "'trafic' is not a Domain"
    """
    tp: Any = root
    for name in path.split("."):
        tp = _without_none(tp)
        if attrs.has(tp):
            hints = _hints(tp)
            if name not in hints or name not in attrs.fields_dict(tp):
                return f"{tp.__name__} has no field {name!r}"
            tp = hints[name]
        elif typing.get_origin(tp) in (Mapping, dict):
            key_type, tp = typing.get_args(tp)
            is_enum = isinstance(key_type, type) and issubclass(key_type, Enum)
            if is_enum and name not in {_segment(member) for member in key_type}:
                return f"{name!r} is not a {key_type.__name__}"
        else:
            return f"{path!r} goes below a figure"
    tp = _without_none(tp)
    if tp not in (int, Decimal):
        return f"{path!r} is not a figure (a count or an amount)"
    return None


def walk(obj: object, prefix: str = "") -> Iterator[tuple[str, object]]:
    """Every object, figure and mapping stated below ``obj`` with its path, depth first.

    The one walk of the path scheme: attrs objects by field, mappings by key
    (an enum key by its value), in order; an object comes before what it holds.
    ``None`` (not stated), text, flags and tuples are leaves that are not walked.

    Examples:
        >>> from enforcement_core.actions import SupervisionLevel
        >>> from enforcement_core.figures import HazardFigures
        >>> hazards = HazardFigures(found=509, supervised={SupervisionLevel.DIVISION: 6})
        >>> [path for path, _ in walk(hazards, "hazards.")]
        ['hazards.found', 'hazards.supervised', 'hazards.supervised.division', 'hazards.dimensions']
    """
    if isinstance(obj, Mapping):
        items: Iterable[tuple[str, object]] = ((_segment(k), v) for k, v in obj.items())
    elif attrs.has(cls := type(obj)):
        items = ((a.name, getattr(obj, a.name)) for a in attrs.fields(cls))
    else:
        return
    for name, value in items:
        if value is None or isinstance(value, bool | str | tuple):
            continue
        path = f"{prefix}{name}"
        yield path, value
        yield from walk(value, f"{path}.")


def is_figure(value: object) -> bool:
    """Whether ``value`` is a figure: a count (``int``, not ``bool``) or an amount (``Decimal``)."""
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def figures(obj: object, prefix: str = "") -> Iterator[tuple[str, int | Decimal]]:
    """Every figure (count or amount) stated below ``obj``, with its path, in field order.

    Examples:
        >>> from enforcement_core.actions import SupervisionLevel
        >>> from enforcement_core.figures import HazardFigures
        >>> list(figures(HazardFigures(found=509, supervised={SupervisionLevel.DIVISION: 6})))
        [('found', 509), ('supervised.division', 6)]
    """
    for path, value in walk(obj, prefix):
        if is_figure(value):
            yield path, value  # type: ignore[misc]


def objects(obj: object, prefix: str) -> Iterator[tuple[str, object]]:
    """``obj`` and every attrs object below it, with their paths (``obj`` at ``prefix``)."""
    if attrs.has(type(obj)):
        yield prefix, obj
    for path, value in walk(obj, f"{prefix}."):
        if attrs.has(type(value)):
            yield path, value


def owners(obj: object, path: str) -> Iterator[tuple[object, str]]:
    """Each object on the way to ``path`` below ``obj``, with the rest of the path below it.

    Examples:
        >>> from enforcement_core import examples
        >>> [rest for _, rest in owners(examples.load("gulu-2023"), "inspection.hazards.found")]
        ['hazards.found', 'found']
    """
    steps = path.split(".")
    for index, step in enumerate(steps[:-1]):
        obj = resolve(obj, step)
        if obj is None:
            return
        yield obj, ".".join(steps[index + 1 :])
