"""Named validators for the domain classes.

Each check that recurs is a small callable with a useful ``repr``, made by a
factory named as a predicate (``a_count()``, ``at_most("found")``), in the manner
of ``attrs.validators``. Every refusal goes through :func:`fail`, which raises
:class:`~enforcement_core.errors.InvariantError`, or, inside :func:`collecting`,
records it and lets construction go on so that a loader can report every
problem of an object at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from decimal import Decimal
from enum import Enum
from typing import Any, Protocol

import attrs

from enforcement_core._mapping import FrozenMap
from enforcement_core.errors import InvariantError

__all__ = [
    "Breakdown",
    "a_count",
    "a_date",
    "at_most",
    "breakdowns",
    "collecting",
    "dotted",
    "fail",
    "freeze_mappings",
    "identifier",
    "instance_of",
    "instance_of_own_class",
    "mapping_of",
    "member_of",
    "money",
    "not_before",
    "one_of",
    "optional",
    "parts_within",
    "text",
    "tuple_of",
]

_sink: ContextVar[list[InvariantError] | None] = ContextVar("_sink", default=None)

_FEN = Decimal("0.01")
# Identifiers become path segments (``workforce.units.office``), so they may not
# contain the characters that separate segments, nor white space.
_IDENTIFIER = re.compile(r"[^\s.\[\]]+")


def fail(instance: object, field: str, value: object, reason: str) -> None:
    """Refuse ``value`` of ``instance.field`` for ``reason``.

    Raises :class:`InvariantError`, unless called inside :func:`collecting`, where
    the error is recorded instead and construction goes on.
    """
    error = InvariantError(reason, owner=type(instance).__name__, field=field, value=value)
    sink = _sink.get()
    if sink is None:
        raise error
    sink.append(error)


@contextlib.contextmanager
def collecting() -> Iterator[list[InvariantError]]:
    """Record refusals instead of raising them, for the constructions inside the block.

    The object built inside may be invalid; the caller must discard it when the
    yielded list is not empty.
    """
    sink: list[InvariantError] = []
    token = _sink.set(sink)
    try:
        yield sink
    finally:
        _sink.reset(token)


def freeze_mappings(instance: object, *names: str) -> None:
    """Replace the mapping fields ``names`` of a frozen instance by read-only copies.

    Called from ``__attrs_post_init__``: the constructor takes any mapping (a
    ``dict`` literal reads best), the instance keeps one nobody can change.
    """
    for name in names:
        value = getattr(instance, name)
        if isinstance(value, Mapping) and not isinstance(value, FrozenMap):
            object.__setattr__(instance, name, FrozenMap(value))


class _Validator(Protocol):
    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None: ...


def _type_name(value: object) -> str:
    return type(value).__name__


@attrs.frozen(repr=False)
class _Count:
    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        # bool is a subclass of int, and True is not a count.
        if type(value) is not int:
            fail(
                instance,
                attribute.name,
                value,
                f"must be a whole number (int), not {_type_name(value)} {value!r}",
            )
        elif value < 0:
            fail(instance, attribute.name, value, f"must not be negative, got {value}")

    def __repr__(self) -> str:
        return "<count validator>"


_COUNT = _Count()


def a_count() -> _Validator:
    """A count: an ``int`` (not a ``bool``), zero or more."""
    return _COUNT


@attrs.frozen(repr=False)
class _Money:
    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        name = attribute.name
        if isinstance(value, float):
            fail(
                instance,
                name,
                value,
                f"a float cannot hold money exactly; use Decimal('{value}') instead of {value!r}",
            )
        elif type(value) is not Decimal:
            fail(
                instance,
                name,
                value,
                f"must be a Decimal amount in yuan, not {_type_name(value)} {value!r}",
            )
        elif not value.is_finite():
            fail(instance, name, value, f"must be a finite amount, got {value}")
        elif value < 0:
            fail(instance, name, value, f"must not be negative, got {value}")
        elif value % _FEN:
            fail(
                instance,
                name,
                value,
                f"{value} has more than two decimal places (money is exact to the fen, 0.01 yuan)",
            )

    def __repr__(self) -> str:
        return "<money validator>"


_MONEY = _Money()


def money() -> _Validator:
    """Money: a finite, non-negative :class:`~decimal.Decimal` of yuan, exact to the fen.

    A ``float`` is refused with a message that says how to write the amount.
    """
    return _MONEY


@attrs.frozen(repr=False)
class _Text:
    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str):
            fail(instance, attribute.name, value, f"must be a str, not {_type_name(value)}")
        elif not value.strip():
            fail(instance, attribute.name, value, "must not be empty")

    def __repr__(self) -> str:
        return "<text validator>"


_TEXT = _Text()


def text() -> _Validator:
    """A name or other text that must say something: a ``str`` that is not blank."""
    return _TEXT


@attrs.frozen(repr=False)
class _Identifier:
    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str):
            fail(instance, attribute.name, value, f"must be a str, not {_type_name(value)}")
        elif not _IDENTIFIER.fullmatch(value):
            fail(
                instance,
                attribute.name,
                value,
                f"{value!r} is not an identifier: it must be non-empty, "
                "without white space, '.', '[' or ']'",
            )

    def __repr__(self) -> str:
        return "<identifier validator>"


_IDENTIFIER_VALIDATOR = _Identifier()


def identifier() -> _Validator:
    """An identifier: a non-empty ``str`` without white space, ``.``, ``[`` or ``]``."""
    return _IDENTIFIER_VALIDATOR


@attrs.frozen(repr=False)
class _Date:
    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        # A datetime is a date too, but it carries a time the model has no place for.
        if type(value) is not dt.date:
            fail(
                instance,
                attribute.name,
                value,
                f"must be a datetime.date, not {_type_name(value)} {value!r}",
            )

    def __repr__(self) -> str:
        return "<date validator>"


_DATE = _Date()


def a_date() -> _Validator:
    """A calendar date: a :class:`datetime.date` and not a :class:`datetime.datetime`."""
    return _DATE


@attrs.frozen(repr=False)
class _InstanceOf:
    cls: type

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, self.cls):
            fail(
                instance,
                attribute.name,
                value,
                f"must be a {self.cls.__name__}, not {_type_name(value)} {value!r}",
            )

    def __repr__(self) -> str:
        return f"<instance_of validator for {self.cls.__name__}>"


def instance_of(cls: type) -> _Validator:
    """An instance of ``cls`` (used for nested domain objects)."""
    return _InstanceOf(cls)


@attrs.frozen(repr=False)
class _InstanceOfOwnClass:
    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, type(instance)):
            owner = type(instance).__name__
            fail(instance, attribute.name, value, f"must be a {owner}, not {_type_name(value)}")

    def __repr__(self) -> str:
        return "<instance_of_own_class validator>"


def instance_of_own_class() -> _Validator:
    """An instance of the validated object's own class (the nodes of a tree)."""
    return _InstanceOfOwnClass()


def _enum_message(enum: type[Enum], value: object) -> str:
    allowed = ", ".join(repr(member.value) for member in enum)
    return f"{value!r} is not a {enum.__name__}; expected one of {allowed}"


@attrs.frozen(repr=False)
class _MemberOf:
    enum: type[Enum]

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, self.enum):
            fail(instance, attribute.name, value, _enum_message(self.enum, value))

    def __repr__(self) -> str:
        return f"<member_of validator for {self.enum.__name__}>"


def member_of(enum: type[Enum]) -> _Validator:
    """A member of ``enum`` (a plain string with the same value is refused: use the enum)."""
    return _MemberOf(enum)


@attrs.frozen(repr=False)
class _OneOf:
    choices: tuple[object, ...]

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value not in self.choices:
            allowed = ", ".join(repr(choice) for choice in self.choices)
            fail(instance, attribute.name, value, f"{value!r} is not one of {allowed}")

    def __repr__(self) -> str:
        return f"<one_of validator for {self.choices!r}>"


def one_of(choices: tuple[object, ...]) -> _Validator:
    """One of a few fixed values (the money units, the measure words for cases)."""
    return _OneOf(choices)


@attrs.frozen(repr=False)
class _Optional:
    validator: _Validator

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            self.validator(instance, attribute, value)

    def __repr__(self) -> str:
        return f"<optional validator for {self.validator!r} or None>"


def optional(validator: _Validator) -> _Validator:
    """``None`` (the figure is not stated) or a value that ``validator`` accepts."""
    return _Optional(validator)


def _renamed(attribute: attrs.Attribute[Any], name: str) -> attrs.Attribute[Any]:
    return attribute.evolve(name=name)


@attrs.frozen(repr=False)
class _TupleOf:
    member: _Validator

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            fail(
                instance,
                attribute.name,
                value,
                f"must be a tuple, not {_type_name(value)} (write tuple(...) around a list)",
            )
            return
        for index, item in enumerate(value):
            self.member(instance, _renamed(attribute, f"{attribute.name}[{index}]"), item)

    def __repr__(self) -> str:
        return f"<tuple_of validator for {self.member!r}>"


def tuple_of(member: _Validator) -> _Validator:
    """A tuple whose every item ``member`` accepts; the item's index is named in errors."""
    return _TupleOf(member)


@attrs.frozen(repr=False)
class _MappingOf:
    key: _Validator
    value: _Validator

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, Mapping):
            fail(instance, attribute.name, value, f"must be a mapping, not {_type_name(value)}")
            return
        for key, item in value.items():
            segment = key.value if isinstance(key, Enum) else key
            renamed = _renamed(attribute, f"{attribute.name}.{segment}")
            self.key(instance, renamed, key)
            self.value(instance, renamed, item)

    def __repr__(self) -> str:
        return f"<mapping_of validator for {self.key!r}: {self.value!r}>"


def mapping_of(key: _Validator, value: _Validator) -> _Validator:
    """A mapping whose keys ``key`` accepts and whose values ``value`` accepts."""
    return _MappingOf(key, value)


def _dotted(obj: object, path: str) -> Any:
    """Follow the dotted attribute ``path`` from ``obj``; ``None`` as soon as a step is ``None``."""
    for name in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


@attrs.frozen(repr=False)
class _AtMost:
    other: str

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        limit = _dotted(instance, self.other)
        if value is not None and limit is not None and value > limit:
            fail(instance, attribute.name, value, f"{value} exceeds {self.other} {limit}")

    def __repr__(self) -> str:
        return f"<at_most validator for {self.other!r}>"


def at_most(other: str) -> _Validator:
    """No more than the field ``other`` (a dotted path on the same instance), when both are given."""
    return _AtMost(other)


@attrs.frozen(repr=False)
class _NotBefore:
    other: str

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        earliest = _dotted(instance, self.other)
        if value is not None and earliest is not None and value < earliest:
            fail(instance, attribute.name, value, f"{value} is before {self.other} {earliest}")

    def __repr__(self) -> str:
        return f"<not_before validator for {self.other!r}>"


def not_before(other: str) -> _Validator:
    """A date no earlier than the date field ``other``, when both are given."""
    return _NotBefore(other)


def _added(parts: Mapping[Any, Any], part: str | None) -> Any:
    """The sum of the stated parts of a breakdown; ``None`` when no part is stated."""
    numbers = [value if part is None else _dotted(value, part) for value in parts.values()]
    given = [number for number in numbers if number is not None]
    return sum(given) if given else None


@attrs.frozen(repr=False)
class _PartsWithin:
    total: str
    part: str | None
    subset: bool

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        limit = _dotted(instance, self.total)
        if limit is None or not isinstance(value, Mapping):
            return
        added = _added(value, self.part)
        if added is not None and added > limit:
            what = "the parts" if self.part is None else f"{self.part} of the parts"
            fail(
                instance,
                attribute.name,
                value,
                f"{what} add up to {added}, above {self.total} {limit}",
            )

    def __repr__(self) -> str:
        return (
            f"<parts_within validator for {self.total!r}, part={self.part!r}, subset={self.subset}>"
        )


def parts_within(total: str, *, part: str | None = None, subset: bool = False) -> _Validator:
    """A breakdown (a mapping) whose parts add up to no more than the field ``total``.

    ``part`` is the dotted attribute of each value that is added up (the value
    itself when ``None``). Parts and totals that are not stated are left out: a
    breakdown that covers less than its total is allowed, and the audit reports
    it, unless ``subset`` says the parts never meant to cover the total (hazards
    under listed supervision are some of the hazards found, not a breakdown).
    """
    return _PartsWithin(total, part, subset)


@attrs.frozen
class Breakdown:
    """A breakdown declared by :func:`parts_within` on a class: its parts and their total.

    The invariants are the one place that says which figures break down which:
    the statistics (totals derived from parts) and the audit (parts that do not
    cover their total) read them from here.
    """

    #: The mapping field that holds the parts.
    field: str
    #: The dotted path of the total, on the same object.
    total: str
    #: The dotted path of the number within each part; ``None`` when the part is the number.
    part: str | None
    #: Whether the parts are only some of the total, never meant to cover it.
    subset: bool

    def added(self, instance: object) -> Any:
        """The sum of the parts stated on ``instance``; ``None`` when no part is stated."""
        return _added(getattr(instance, self.field), self.part)


def breakdowns(cls: type) -> tuple[Breakdown, ...]:
    """Every breakdown the fields of the attrs class ``cls`` declare, in field order."""
    return _breakdowns(cls)


@functools.cache
def _breakdowns(cls: Any) -> tuple[Breakdown, ...]:
    found: list[Breakdown] = []
    for field in attrs.fields(cls):
        validator = field.validator
        # attrs wraps a list of validators in and_(); its members are in _validators.
        members = getattr(validator, "_validators", (validator,))
        found.extend(
            Breakdown(field.name, member.total, member.part, member.subset)
            for member in members
            if isinstance(member, _PartsWithin)
        )
    return tuple(found)


def dotted(obj: object, path: str) -> Any:
    """Follow the dotted attribute ``path`` from ``obj``; ``None`` as soon as a step is ``None``."""
    return _dotted(obj, path)
