"""Named validators for the domain classes, declared once per field.

Each check that recurs is a small callable with a useful ``repr``, made by a
factory named as a predicate (``a_count()``, ``at_most("found")``), in the manner
of ``attrs.validators``. Every refusal goes through :func:`fail`, which raises
:class:`~enforcement_core.errors.InvariantError`, or, inside :func:`collecting`,
records it and lets construction go on so that a loader can report every
problem of an object at once.

A domain class declares the checks of a field in the field's metadata,
``attrs.field(metadata=checks(a_count(), at_most("found")))``, and is built with
``field_transformer=apply_checks``, which makes them the field's validator (before
any ``@field.validator`` method). The declaration is then readable without
looking inside attrs: :func:`declared_checks` gives a field's checks, each with a
public :attr:`Check.kind`; the statistics, the audit and the JSON Schema read the
breakdowns (:func:`breakdowns`) and constraints from there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from decimal import Decimal
from enum import Enum
from typing import Any, ClassVar

import attrs

from enforcement_core._lazy import LazyRecords
from enforcement_core._mapping import FrozenMap
from enforcement_core._paths import resolve
from enforcement_core.errors import InvariantError, LabelError

__all__ = [
    "CHECK_KINDS",
    "IDENTIFIER_PATTERN",
    "MAX_COUNT",
    "MAX_MONEY",
    "YEARS",
    "Breakdown",
    "Check",
    "a_count",
    "a_date",
    "a_year",
    "apply_checks",
    "at_most",
    "breakdowns",
    "checks",
    "collecting",
    "declared_checks",
    "declared_dimensions",
    "dimensions_within",
    "fail",
    "frozen_map",
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
    "refusals",
    "rule",
    "split_validator",
    "text",
    "tuple_of",
    "unprintable",
    "unwrapped",
]

_sink: ContextVar[list[InvariantError] | None] = ContextVar("_sink", default=None)

_FEN = Decimal("0.01")
#: What an identifier is made of, as a regular expression read alike by Python, by
#: JSON Schema and by Arrow (RE2): identifiers become path segments
#: (``workforce.units.office``), so they may not contain the characters that separate
#: segments, nor white space. The one rule of the ``identifier`` check, which the
#: schema and the columnar path read too.
IDENTIFIER_PATTERN = r"[^\s.\[\]]+"
_IDENTIFIER = re.compile(IDENTIFIER_PATTERN)
#: The metadata key under which a field's checks are declared.
_CHECKS = "enforcement_core.checks"
#: The largest count: Chinese numerals (numbers_zh) write every count below 10^16.
MAX_COUNT = 10**16 - 1
#: The largest amount of money, in yuan: financial capitals (numbers_zh) write every
#: amount below one trillion (一万亿) yuan, and no body's yearly figure comes near it.
MAX_MONEY = Decimal("999999999999.99")
# Amounts of at most 12 digits before the point, to the fen, are at most MAX_MONEY.
_MONEY_DIGITS = 12
# Money as a JSON string, anchored: not negative, at most _MONEY_DIGITS digits of yuan, exact
# to the fen. Digits after the second decimal may only be zeros ("6800.500"), and a zero
# may carry a sign ("-0"): the check compares values, and both are values it accepts.
_MONEY_PATTERN = rf"^0*[0-9]{{1,{_MONEY_DIGITS}}}(\.[0-9]{{1,2}}0*)?$"
#: The years a report or a ledger can cover: ``date`` must hold the year after, when
#: the report is published.
YEARS = (1, 9998)
# Characters that are never part of a name or a text: a lone surrogate (half of a
# UTF-16 pair: no encoding can write it) and control characters other than the
# line breaks and tabs of narrative text.
_UNPRINTABLE = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def unprintable(value: str) -> str | None:
    r"""Why the text ``value`` cannot be written out; ``None`` when it can.

    A lone surrogate breaks every encoder (and so every renderer); a control
    character is invisible, or worse, in every output. Tabs and line breaks are text.

    Examples:
        >>> unprintable("古路镇\n") is None
        True
        >>> unprintable("古路\ud800镇")
        'holds a lone surrogate U+D800 at character 2, which no encoding can write'
        >>> unprintable("a\x07b")
        'holds the control character U+0007 at character 1'
    """
    found = _UNPRINTABLE.search(value)
    if found is None:
        return None
    char = found.group()
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udfff":
        return f"holds a lone surrogate {code} at character {found.start()}, which no encoding can write"
    return f"holds the control character {code} at character {found.start()}"


def _invisible(value: str) -> bool:
    """Whether ``value`` shows nothing: only white space and format characters.

    Format characters are zero-width spaces and joiners and bidirectional overrides.
    """
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in value)


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
def collecting(sink: list[InvariantError] | None = None) -> Iterator[list[InvariantError]]:
    """Record refusals instead of raising them, for the constructions inside the block.

    The object built inside may be invalid; the caller must discard it when the
    yielded list is not empty. ``sink`` is the list to record into (a new one when
    ``None``): a loader that gives up at the first refusal passes one whose
    ``append`` raises, and so stops even inside a caller's own collecting block.
    """
    sink = [] if sink is None else sink
    token = _sink.set(sink)
    try:
        yield sink
    finally:
        _sink.reset(token)


def refusals() -> list[InvariantError] | None:
    """The list that the innermost :func:`collecting` block records into; ``None`` outside one.

    A loader that builds many objects inside one block can tell which refusals
    each object added by the list's length before and after, without a block of
    its own per object.
    """
    return _sink.get()


def frozen_map(value: object) -> Any:
    """The converter of mapping fields: a read-only copy of any mapping.

    The constructor takes any mapping (a ``dict`` literal reads best), the
    instance keeps one nobody can change. What is not a mapping is passed on
    untouched, for the field's checks to refuse with a message.
    """
    if isinstance(value, Mapping) and not isinstance(value, FrozenMap):
        return FrozenMap(value)
    return value


def _type_name(value: object) -> str:
    return type(value).__name__


class Check:
    """A named check of a field's value: the base of every validator made here.

    A check says why a value is refused (:meth:`reason`), or ``None``; called as
    an attrs validator, it refuses through :func:`fail`. ``kind`` names what the
    check is, for the readers of declarations (the JSON Schema).
    """

    __slots__ = ()

    #: What the check is: ``"count"``, ``"money"``, ``"parts_within"``, ...
    kind: ClassVar[str] = ""
    #: Text that surely passes, as a regular expression of RE2 (Arrow's), for readers
    #: that check a column of text at once; ``None``: none is known.
    plain_pattern: ClassVar[str | None] = None
    # Whether reason() alone decides (refuse() is not overridden); set per subclass.
    _whole: ClassVar[bool] = True
    # Whether the check reads the value alone, never the instance; set per subclass.
    _by_value: ClassVar[bool] = False

    def decides_by_value(self) -> bool:
        """Whether the check decides by the value alone, never reading the instance.

        A loader may then run it once per distinct value and hold the answer for every
        other object given the same value (the fast JSON road does). Checks that compare
        a value with another field (``at_most``, ``not_before``, breakdowns) do not.
        """
        return self._by_value

    def refuses_an_item(self, value: Any) -> bool:  # noqa: ARG002  (the checks of a list say so)
        """Whether it refuses an item of ``value`` that ``reason`` does not look at (a list's)."""
        return False

    def reason(self, instance: object, value: Any) -> str | None:
        """Why ``value`` is refused on ``instance``; ``None`` when it is accepted."""
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any] | None:
        """What the check says in JSON Schema, as keywords beside the field's type.

        ``None``: nothing a schema can say (checks between fields, of objects). The
        JSON Schema (:mod:`enforcement_core.schema`) reads it here, so that a rule and
        its schema are declared in one place.
        """
        return None

    def plainly_passes(self, value: Any) -> bool:  # noqa: ARG002  (no value is plain unless a check says so)
        """Whether ``value`` surely passes, by a test cheaper than :meth:`reason`; ``False`` when unsure.

        The fast path of the columnar reader, which checks millions of values: a
        value it lets through is one :meth:`reason` accepts.
        """
        return False

    def refuse(self, instance: object, name: str, value: Any) -> None:
        """Refuse ``value`` under the field name ``name`` if :meth:`reason` finds a reason."""
        reason = self.reason(instance, value)
        if reason is not None:
            fail(instance, name, value, reason)

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Check ``value`` of ``attribute`` on ``instance``, as attrs calls validators."""
        # The common case, an accepted value, costs one call: loaders check millions.
        # Checks that look inside a value (tuples, mappings) refuse item by item.
        if not self._whole or self.reason(instance, value) is not None:
            self.refuse(instance, attribute.name, value)

    def __init_subclass__(cls) -> None:
        """Note whether the subclass decides by :meth:`reason` alone."""
        super().__init_subclass__()
        cls._whole = cls.refuse is Check.refuse


def _int_text(value: int) -> str:
    """An int as text; one Python will not write (over 4,300 digits) by its length."""
    try:
        return str(value)
    except ValueError:
        digits = abs(value).bit_length() * 30103 // 100000 + 1
        return f"a{' negative' if value < 0 else ''} number of about {digits} digits"


class _Count(Check):
    __slots__ = ()
    kind = "count"
    _by_value = True

    def reason(self, instance: object, value: Any) -> str | None:  # noqa: ARG002
        # bool is a subclass of int, and True is not a count.
        if type(value) is not int:
            return f"must be a whole number (int), not {_type_name(value)} {value!r}"
        if value < 0:
            return f"must not be negative, got {_int_text(value)}"
        if value > MAX_COUNT:
            return f"{_int_text(value)} is above the largest count, {MAX_COUNT}"
        return None

    def json_schema(self) -> dict[str, Any]:
        return {"minimum": 0, "maximum": MAX_COUNT}

    def __repr__(self) -> str:
        return "<count validator>"


_COUNT = _Count()


def a_count() -> Check:
    """A count: an ``int`` (not a ``bool``), from zero to :data:`MAX_COUNT`."""
    return _COUNT


class _Money(Check):
    __slots__ = ()
    kind = "money"
    _by_value = True

    def reason(self, instance: object, value: Any) -> str | None:  # noqa: ARG002, PLR0911  (one return per refusal)
        if isinstance(value, float):
            return f"a float cannot hold money exactly; use Decimal('{value}') instead of {value!r}"
        if type(value) is not Decimal:
            return f"must be a Decimal amount in yuan, not {_type_name(value)} {value!r}"
        if not value.is_finite():
            return f"must be a finite amount, got {value}"
        if value.is_zero() and value.is_signed():
            return f"{value} is a negative zero; write 0"
        if value < 0:
            return f"must not be negative, got {value}"
        if value > MAX_MONEY:
            return f"{value} is above the largest amount, {MAX_MONEY} yuan"
        if value % _FEN:
            return (
                f"{value} has more than two decimal places (money is exact to the fen, 0.01 yuan)"
            )
        return None

    def json_schema(self) -> dict[str, Any]:
        """Money as a JSON string or integer, by the rules of :meth:`reason`."""
        return {
            "anyOf": [
                {"type": "string", "pattern": _MONEY_PATTERN},
                {"type": "integer", "minimum": 0, "maximum": int(MAX_MONEY)},
            ]
        }

    def plainly_passes(self, value: Any) -> bool:
        """A Decimal, not negative, to the fen, of at most 12 digits before the point."""
        if type(value) is not Decimal:
            return False
        sign, digits, exponent = value.as_tuple()
        return (
            sign == 0
            and isinstance(exponent, int)
            and exponent >= -2
            and len(digits) + exponent <= _MONEY_DIGITS
        )

    def __repr__(self) -> str:
        return "<money validator>"


_MONEY = _Money()


def money() -> Check:
    """Money: a finite, non-negative :class:`~decimal.Decimal` of yuan, exact to the fen.

    At most :data:`MAX_MONEY`; a negative zero (``Decimal("-0")``) is refused.

    A ``float`` is refused with a message that says how to write the amount.
    """
    return _MONEY


class _Text(Check):
    __slots__ = ()
    kind = "text"
    _by_value = True

    def reason(self, instance: object, value: Any) -> str | None:  # noqa: ARG002
        if not isinstance(value, str):
            return f"must be a str, not {_type_name(value)}"
        if not value.strip():
            return "must not be empty"
        # Printable text (no control, format, surrogate or separator character but the
        # space) holding more than spaces is neither invisible nor unprintable: one C
        # call decides the common case, where loaders check millions of texts.
        if value.isprintable():
            return None
        if _invisible(value):
            return (
                f"{value!r} shows nothing: it holds only zero-width or bidirectional control "
                "characters"
            )
        return unprintable(value)

    def json_schema(self) -> dict[str, Any]:
        # Not blank: at least one character that is not white space.
        return {"minLength": 1, "pattern": r"\S"}

    def __repr__(self) -> str:
        return "<text validator>"


_TEXT = _Text()


def text() -> Check:
    """A name or other text that must say something: a ``str`` that is not blank.

    Nor invisible (only zero-width or bidirectional control characters), nor
    holding a character no output can write (:func:`unprintable`).
    """
    return _TEXT


class _Identifier(Check):
    __slots__ = ()
    kind = "identifier"
    _by_value = True
    # Letters, digits and the punctuation of decision numbers (古路罚〔2023〕1号): never
    # white space, '.', '[' or ']', never invisible, never unprintable.
    plain_pattern = r"^[\p{L}\p{N}〔〕（）【】()_#/-]+$"

    def reason(self, instance: object, value: Any) -> str | None:  # noqa: ARG002
        if not isinstance(value, str):
            return f"must be a str, not {_type_name(value)}"
        if not _IDENTIFIER.fullmatch(value):
            return (
                f"{value!r} is not an identifier: it must be non-empty, "
                "without white space, '.', '[' or ']'"
            )
        # As for text: printable and without white space, it shows and can be written.
        if value.isprintable():
            return None
        if _invisible(value):
            return f"{value!r} shows nothing: it holds only zero-width or bidirectional control characters"
        return unprintable(value)

    def json_schema(self) -> dict[str, Any]:
        # The same rule as reason(), anchored: a pattern matches anywhere unless it says so.
        return {"pattern": f"^{IDENTIFIER_PATTERN}$"}

    def __repr__(self) -> str:
        return "<identifier validator>"


_IDENTIFIER_CHECK = _Identifier()


def identifier() -> Check:
    """An identifier: a non-empty ``str`` without white space, ``.``, ``[`` or ``]``."""
    return _IDENTIFIER_CHECK


class _Date(Check):
    __slots__ = ()
    kind = "date"
    _by_value = True

    def reason(self, instance: object, value: Any) -> str | None:  # noqa: ARG002
        # A datetime is a date too, but it carries a time the model has no place for.
        if type(value) is not dt.date:
            return f"must be a datetime.date, not {_type_name(value)} {value!r}"
        return None

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        """A date is accepted without a further call: loaders check millions."""
        if type(value) is not dt.date:
            self.refuse(instance, attribute.name, value)

    def __repr__(self) -> str:
        return "<date validator>"


_DATE = _Date()


class _Year(Check):
    __slots__ = ()
    kind = "year"
    _by_value = True

    def reason(self, instance: object, value: Any) -> str | None:  # noqa: ARG002
        if type(value) is not int:
            return f"must be a whole number (int), not {_type_name(value)} {value!r}"
        if not YEARS[0] <= value <= YEARS[1]:
            return f"{value} is not a year from {YEARS[0]} to {YEARS[1]}"
        return None

    def json_schema(self) -> dict[str, Any]:
        return {"minimum": YEARS[0], "maximum": YEARS[1]}

    def __repr__(self) -> str:
        return "<year validator>"


_YEAR = _Year()


def a_year() -> Check:
    """The year a report or a ledger covers: an ``int`` from 1 to 9998."""
    return _YEAR


def a_date() -> Check:
    """A calendar date: a :class:`datetime.date` and not a :class:`datetime.datetime`."""
    return _DATE


class _InstanceOf(Check):
    __slots__ = ("cls",)
    kind = "instance_of"
    _by_value = True

    def __init__(self, cls: type) -> None:
        self.cls = cls

    def reason(self, instance: object, value: Any) -> str | None:  # noqa: ARG002
        if not isinstance(value, self.cls):
            return f"must be a {self.cls.__name__}, not {_type_name(value)} {value!r}"
        # Every text of the model, free text included, must be writable.
        return unprintable(value) if isinstance(value, str) else None

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        """A value of exactly the class, not text, is accepted without a further call."""
        if type(value) is not self.cls or isinstance(value, str):
            Check.__call__(self, instance, attribute, value)

    def __repr__(self) -> str:
        return f"<instance_of validator for {self.cls.__name__}>"


@functools.cache
def instance_of(cls: type) -> Check:
    """An instance of ``cls`` (used for nested domain objects)."""
    return _InstanceOf(cls)


class _InstanceOfOwnClass(Check):
    __slots__ = ()
    kind = "instance_of_own_class"

    def reason(self, instance: object, value: Any) -> str | None:
        if not isinstance(value, type(instance)):
            return f"must be a {type(instance).__name__}, not {_type_name(value)}"
        return None

    def __repr__(self) -> str:
        return "<instance_of_own_class validator>"


def instance_of_own_class() -> Check:
    """An instance of the validated object's own class (the nodes of a tree)."""
    return _InstanceOfOwnClass()


def _enum_message(enum: type[Enum], value: object) -> str:
    allowed = ", ".join(repr(member.value) for member in enum)
    return f"{value!r} is not a {enum.__name__}; expected one of {allowed}"


class _MemberOf(Check):
    __slots__ = ("enum",)
    kind = "member_of"
    _by_value = True

    def __init__(self, enum: type[Enum]) -> None:
        self.enum = enum

    def reason(self, instance: object, value: Any) -> str | None:  # noqa: ARG002
        return None if isinstance(value, self.enum) else _enum_message(self.enum, value)

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        """A member is accepted without a further call."""
        if not isinstance(value, self.enum):
            self.refuse(instance, attribute.name, value)

    def __repr__(self) -> str:
        return f"<member_of validator for {self.enum.__name__}>"


@functools.cache
def member_of(enum: type[Enum]) -> Check:
    """A member of ``enum`` (a plain string with the same value is refused: use the enum)."""
    return _MemberOf(enum)


class _OneOf(Check):
    __slots__ = ("choices",)
    kind = "one_of"
    _by_value = True

    def __init__(self, choices: tuple[object, ...]) -> None:
        self.choices = choices

    def reason(self, instance: object, value: Any) -> str | None:  # noqa: ARG002
        if value not in self.choices:
            allowed = ", ".join(repr(choice) for choice in self.choices)
            return f"{value!r} is not one of {allowed}"
        return None

    def __repr__(self) -> str:
        return f"<one_of validator for {self.choices!r}>"

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(self.choices)}


def one_of(choices: tuple[object, ...]) -> Check:
    """One of a few fixed values (the money units, the measure words for cases)."""
    return _OneOf(choices)


class _Optional(Check):
    __slots__ = ("check",)
    kind = "optional"

    def __init__(self, check: Check) -> None:
        self.check = check

    def reason(self, instance: object, value: Any) -> str | None:
        return None if value is None else self.check.reason(instance, value)

    def decides_by_value(self) -> bool:
        """As the check it wraps."""
        return self.check.decides_by_value()

    def refuse(self, instance: object, name: str, value: Any) -> None:
        if value is not None:
            self.check.refuse(instance, name, value)

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Check ``value`` unless it is ``None``: most optional figures are not given."""
        if value is not None:
            self.check(instance, attribute, value)

    def __repr__(self) -> str:
        return f"<optional validator for {self.check!r} or None>"


def optional(check: Check) -> Check:
    """``None`` (the figure is not stated) or a value that ``check`` accepts."""
    return _Optional(check)


class _TupleOf(Check):
    __slots__ = ("member",)
    kind = "tuple_of"

    def __init__(self, member: Check) -> None:
        self.member = member

    def reason(self, instance: object, value: Any) -> str | None:  # noqa: ARG002
        if not isinstance(value, tuple):
            return f"must be a tuple, not {_type_name(value)} (write tuple(...) around a list)"
        return None

    def decides_by_value(self) -> bool:
        """As the check of its items."""
        return self.member.decides_by_value()

    def refuses_an_item(self, value: Any) -> bool:
        """Whether the check of its items refuses one of ``value``'s (``reason`` sees its type alone)."""
        member = self.member.reason
        return any(member(None, item) is not None for item in value)

    def refuse(self, instance: object, name: str, value: Any) -> None:
        reason = self.reason(instance, value)
        if reason is not None:
            fail(instance, name, value, reason)
            return
        # Records the column engine checked row by row, not built yet: of their class.
        if (
            isinstance(value, LazyRecords)
            and isinstance(self.member, _InstanceOf)
            and not value.is_built()
            and issubclass(value.record, self.member.cls)
        ):
            return
        # Records the converter has just built are of their class: one C-level pass
        # says so, instead of a Python call per record.
        if isinstance(self.member, _InstanceOf) and all(
            map(isinstance, value, itertools.repeat(self.member.cls))
        ):
            return
        # The item's own name (``officers[1]``) is made only for an item refused:
        # checking a million records must not build a million names.
        check = self.member.reason
        for index, item in enumerate(value):
            if check(instance, item) is not None:
                self.member.refuse(instance, f"{name}[{index}]", item)

    def __repr__(self) -> str:
        return f"<tuple_of validator for {self.member!r}>"


def tuple_of(member: Check) -> Check:
    """A tuple whose every item ``member`` accepts; the item's index is named in errors."""
    return _TupleOf(member)


class _MappingOf(Check):
    __slots__ = ("key", "value")
    kind = "mapping_of"

    def __init__(self, key: Check, value: Check) -> None:
        self.key = key
        self.value = value

    def reason(self, instance: object, value: Any) -> str | None:  # noqa: ARG002
        return None if isinstance(value, Mapping) else f"must be a mapping, not {_type_name(value)}"

    def decides_by_value(self) -> bool:
        """As the checks of its keys and values."""
        return self.key.decides_by_value() and self.value.decides_by_value()

    def refuse(self, instance: object, name: str, value: Any) -> None:
        reason = self.reason(instance, value)
        if reason is not None:
            fail(instance, name, value, reason)
            return
        for key, item in value.items():
            segment = key.value if isinstance(key, Enum) else key
            self.key.refuse(instance, f"{name}.{segment}", key)
            self.value.refuse(instance, f"{name}.{segment}", item)

    def __repr__(self) -> str:
        return f"<mapping_of validator for {self.key!r}: {self.value!r}>"


def mapping_of(key: Check, value: Check) -> Check:
    """A mapping whose keys ``key`` accepts and whose values ``value`` accepts."""
    return _MappingOf(key, value)


class _AtMost(Check):
    __slots__ = ("other",)
    kind = "at_most"

    def __init__(self, other: str) -> None:
        self.other = other

    def reason(self, instance: object, value: Any) -> str | None:
        limit = resolve(instance, self.other)
        if value is not None and limit is not None and value > limit:
            return f"{value} exceeds {self.other} {limit}"
        return None

    def __repr__(self) -> str:
        return f"<at_most validator for {self.other!r}>"


def at_most(other: str) -> Check:
    """No more than the field ``other`` (a dotted path on the same instance), when both are given."""
    return _AtMost(other)


class _NotBefore(Check):
    __slots__ = ("other",)
    kind = "not_before"

    def __init__(self, other: str) -> None:
        self.other = other

    def reason(self, instance: object, value: Any) -> str | None:
        earliest = resolve(instance, self.other)
        if value is not None and earliest is not None and value < earliest:
            return f"{value} is before {self.other} {earliest}"
        return None

    def __repr__(self) -> str:
        return f"<not_before validator for {self.other!r}>"


def not_before(other: str) -> Check:
    """A date no earlier than the date field ``other``, when both are given."""
    return _NotBefore(other)


def _added(parts: Mapping[Any, Any], part: str | None) -> Any:
    """The sum of the stated parts of a breakdown; ``None`` when no part is stated."""
    numbers = [value if part is None else resolve(value, part) for value in parts.values()]
    given = [number for number in numbers if number is not None]
    return sum(given) if given else None


class _PartsWithin(Check):
    __slots__ = ("part", "subset", "total")
    kind = "parts_within"

    def __init__(self, total: str, part: str | None, *, subset: bool) -> None:
        self.total = total
        self.part = part
        self.subset = subset

    def reason(self, instance: object, value: Any) -> str | None:
        limit = resolve(instance, self.total)
        if limit is None or not isinstance(value, Mapping):
            return None
        added = _added(value, self.part)
        if added is not None and added > limit:
            what = "the parts" if self.part is None else f"{self.part} of the parts"
            return f"{what} add up to {added}, above {self.total} {limit}"
        return None

    def __repr__(self) -> str:
        return (
            f"<parts_within validator for {self.total!r}, part={self.part!r}, subset={self.subset}>"
        )


def parts_within(total: str, *, part: str | None = None, subset: bool = False) -> Check:
    """A breakdown (a mapping) whose parts add up to no more than the field ``total``.

    ``part`` is the dotted attribute of each value that is added up (the value
    itself when ``None``). Parts and totals that are not stated are left out: a
    breakdown that covers less than its total is allowed, and the audit reports
    it, unless ``subset`` says the parts never meant to cover the total (hazards
    under listed supervision are some of the hazards found, not a breakdown).
    """
    return _PartsWithin(total, part, subset=subset)


def _stated_sum(parts: Mapping[Any, Any], name: str) -> Any:
    known = [getattr(part, name) for part in parts.values() if getattr(part, name) is not None]
    return sum(known) if known else None


#: Words a report puts before a vocabulary's label in a breakdown ("对个人" for 个人).
_LEADING_WORDS: Mapping[str, tuple[str, ...]] = {"PartyKind": ("对",)}


def known_key(vocabulary: type[Enum] | None, key: object) -> str | None:
    """The canonical key of ``vocabulary`` that ``key`` names, or ``None``.

    A key names a value when it is the value, one of its labels or a variant
    ("安全生产" and "work_safety" for ``Domain.WORK_SAFETY``; "对个人" and "自然人"
    for ``PartyKind.NATURAL_PERSON``); any other key is the report's own words.
    """
    if vocabulary is None or type(key) is not str or not hasattr(vocabulary, "from_label"):
        return None
    leading = _LEADING_WORDS.get(vocabulary.__name__, ())
    for written in (key, *(key[len(word) :] for word in leading if key.startswith(word))):
        try:
            return str(vocabulary.from_label(written).value)
        except LabelError:
            continue
    return None


def _twice_named(dimensions: Mapping[Any, Any], known: Mapping[str, type[Enum]]) -> str | None:
    """Why two parts of a known dimension name one key ("安全生产" beside "work_safety")."""
    for name, dimension in dimensions.items():
        parts = getattr(dimension, "parts", None)
        if not isinstance(parts, Mapping):
            continue
        seen: dict[str, str] = {}
        for key, part in parts.items():
            canonical = known_key(known.get(name), key)
            if canonical is not None and canonical in seen:
                return (
                    f"the parts {seen[canonical]!r} and {key!r} of {name} both name"
                    f" {canonical!r}; hold it once"
                )
            if canonical is not None:
                seen[canonical] = key
            why = _twice_named(getattr(part, "dimensions", {}), known)
            if why is not None:
                return why
    return None


class _DimensionsWithin(Check):
    """Each dimension of a mapping of dimensions within its total, part by part."""

    __slots__ = ("amount", "closed", "count", "known")
    kind = "dimensions_within"

    def __init__(
        self,
        count: str | None,
        amount: str | None,
        known: Mapping[str, type[Enum]],
        closed: Mapping[str, tuple[str, ...]],
    ) -> None:
        self.count = count
        self.amount = amount
        self.known = known
        self.closed = closed

    def totals(self, instance: object, dimension: Any) -> tuple[tuple[str, str, Any], ...]:
        """Each figure of the parts (``count``, ``amount``) with the name and value of its total."""
        count_total = (
            ("total", dimension.total)
            if dimension.total is not None
            else (self.count, None if self.count is None else resolve(instance, self.count))
        )
        amount_total = (
            self.amount,
            None if self.amount is None else resolve(instance, self.amount),
        )
        return (
            ("count", str(count_total[0]), count_total[1]),
            ("amount", str(amount_total[0]), amount_total[1]),
        )

    def _why(self, instance: object, key: str, dimension: Any) -> str | None:
        if not hasattr(dimension, "parts"):
            return None
        # One breakdown, one place: a dimension a closed field already holds is held there.
        for field in self.closed.get(key, ()):
            if getattr(instance, field, None):
                return f"the {key} breakdown is held in {field} already; hold it in one place"
        for name, total_name, total in self.totals(instance, dimension):
            added = _stated_sum(dimension.parts, name)
            if total is not None and added is not None and added > total:
                what = "the parts" if name == "count" else "the parts' amounts"
                return f"{what} add up to {added}, above {total_name} {total}"
        return None

    def reason(self, instance: object, value: Any) -> str | None:
        if not isinstance(value, Mapping):
            return None
        for key, dimension in value.items():
            why = self._why(instance, key, dimension)
            if why is not None:
                return why
        return _twice_named(value, self.known)

    def refuse(self, instance: object, name: str, value: Any) -> None:
        if not isinstance(value, Mapping):
            return
        for key, dimension in value.items():
            why = self._why(instance, key, dimension)
            if why is not None:
                fail(instance, f"{name}.{key}", dimension, why)
        twice = _twice_named(value, self.known)
        if twice is not None:
            fail(instance, name, value, twice)

    def __repr__(self) -> str:
        return (
            f"<dimensions_within validator for count={self.count!r}, amount={self.amount!r}, "
            f"known={sorted(self.known)!r}>"
        )


def dimensions_within(
    *,
    count: str | None = None,
    amount: str | None = None,
    known: Mapping[str, type[Enum]] | None = None,
    closed: Mapping[str, tuple[str, ...]] | None = None,
) -> Check:
    """Dimensions (a mapping of :class:`~enforcement_core.dimensions.Dimension`) within their totals.

    Each dimension's parts add up, count by count, to no more than the dimension's
    own ``total`` when the report gives one, else than the holder's figure at
    ``count``; their amounts to no more than the figure at ``amount``. Parts not
    stated are left out (unknown is never zero). ``known`` names the dimensions
    whose keys the library's vocabulary knows (``{"domain": Domain}``): a part
    keyed by a value of it is that value, any other key is the report's own words.
    ``closed`` names the fields that hold a known dimension in its closed form
    (``{"domain": ("by_domain",)}``): a dimension of that name beside a stated
    closed field is refused, so that no breakdown is held twice.
    """
    return _DimensionsWithin(count, amount, FrozenMap(known or {}), FrozenMap(closed or {}))


class _AllOf(Check):
    """The checks declared on one field, run in order."""

    __slots__ = ("checks",)
    kind = "all_of"

    def __init__(self, checks: tuple[Check, ...]) -> None:
        self.checks = checks

    def decides_by_value(self) -> bool:
        """Whether each of its checks does."""
        return all(check.decides_by_value() for check in self.checks)

    def reason(self, instance: object, value: Any) -> str | None:
        for check in self.checks:
            reason = check.reason(instance, value)
            if reason is not None:
                return reason
        return None

    def refuse(self, instance: object, name: str, value: Any) -> None:
        for check in self.checks:
            check.refuse(instance, name, value)

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Each check as attrs would call it: an accepted value costs one call a check."""
        for check in self.checks:
            check(instance, attribute, value)

    def __repr__(self) -> str:
        return f"<all_of validator for {', '.join(map(repr, self.checks))}>"


class _Rule(Check):
    __slots__ = ("name", "why")
    kind = "rule"
    _by_value = True

    def __init__(self, name: str, why: Callable[[Any], str | None]) -> None:
        self.name = name
        self.why = why

    def reason(self, instance: object, value: Any) -> str | None:  # noqa: ARG002
        return self.why(value)

    def __repr__(self) -> str:
        return f"<{self.name} validator>"


def rule(name: str, why: Callable[[Any], str | None]) -> Check:
    """A check of one value by ``why``, which says why a value is refused or gives ``None``.

    For the few checks a single class needs (decimals from 0 to 4, a finite
    Decimal); a check that recurs gets a factory of its own.
    """
    return _Rule(name, why)


#: Every kind of check this module makes.
CHECK_KINDS: frozenset[str] = frozenset(cls.kind for cls in Check.__subclasses__())


def checks(*declared: Check) -> dict[str, tuple[Check, ...]]:
    """The metadata that declares a field's checks: ``attrs.field(metadata=checks(...))``.

    The class must be built with ``field_transformer=apply_checks``.
    """
    return {_CHECKS: declared}


def apply_checks(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """The attrs field transformer that makes each field's declared checks its validator.

    The declared checks run first, then any ``@field.validator`` method.
    """
    del cls
    applied: list[attrs.Attribute[Any]] = []
    for field in fields:
        declared = field.metadata.get(_CHECKS)
        if declared:
            check: Any = declared[0] if len(declared) == 1 else _AllOf(declared)
            if field.validator is not None:
                check = attrs.validators.and_(check, field.validator)
            field = field.evolve(validator=check)  # noqa: PLW2901
        applied.append(field)
    return applied


#: The class of what ``attrs.validators.and_`` makes, as :func:`apply_checks` combines.
_AND: type = type(attrs.validators.and_())


def split_validator(validator: object) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """A field's validator as the parts attrs calls in turn: by the value alone, and the rest.

    Each part is called as attrs calls a validator, ``part(instance, attribute, value)``;
    calling every part of both tuples is calling ``validator``. The first tuple holds
    the checks that decide by the value alone (:meth:`Check.decides_by_value`), the
    second everything else: checks that read the instance, and the classes'
    ``@field.validator`` methods, which are never looked inside.

    Examples:
        >>> import attrs
        >>> from enforcement_core.actions import Hazard
        >>> alone, rest = split_validator(attrs.fields(Hazard).rectified_on.validator)
        >>> alone, rest
        ((<optional validator for <date validator> or None>,), (<not_before validator for 'found_on'>,))
    """
    alone: list[Any] = []
    rest: list[Any] = []
    for part in _validator_parts(validator):
        by_value = isinstance(part, Check) and part.decides_by_value()
        (alone if by_value else rest).append(part)
    return tuple(alone), tuple(rest)


def _validator_parts(validator: object) -> Iterator[Any]:
    if validator is None:
        return
    inner = getattr(validator, "_validators", None) if type(validator) is _AND else None
    if isinstance(validator, _AllOf):
        for check in validator.checks:
            yield from _validator_parts(check)
    elif isinstance(inner, tuple):
        for part in inner:
            yield from _validator_parts(part)
    else:
        # attrs' and_ without the tuple it has always held: called whole, never wrong.
        yield validator


def declared_checks(field: attrs.Attribute[Any]) -> tuple[Check, ...]:
    """The checks declared on a field, in order, ``optional()`` unwrapped.

    Whether ``None`` is allowed is the field's type's business; the checks say
    what a value must be when there is one.

    Examples:
        >>> import attrs
        >>> from enforcement_core.figures import HazardFigures
        >>> [c.kind for c in declared_checks(attrs.fields(HazardFigures).rectified)]
        ['count', 'at_most']
    """
    return tuple(_unwrapped(field.metadata.get(_CHECKS, ())))


def unwrapped(*declared: Check) -> tuple[Check, ...]:
    """``declared``, with each ``optional()`` replaced by the check it wraps."""
    return tuple(_unwrapped(declared))


def _unwrapped(declared: tuple[Check, ...]) -> Iterator[Check]:
    for check in declared:
        if isinstance(check, _Optional):
            yield from _unwrapped((check.check,))
        else:
            yield check


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
    return tuple(
        Breakdown(field.name, check.total, check.part, check.subset)
        for field in attrs.fields(cls)
        for check in declared_checks(field)
        if isinstance(check, _PartsWithin)
    )


def declared_dimensions(cls: type) -> tuple[tuple[str, Any], ...]:
    """Each field of the attrs class ``cls`` that holds dimensions, with its declaration.

    The declaration (made by :func:`dimensions_within`) says which totals the parts
    fall within (``count``, ``amount``) and which dimension names have a vocabulary
    (``known``): the audit and the renderers read it from here.
    """
    return _declared_dimensions(cls)


@functools.cache
def _declared_dimensions(cls: Any) -> tuple[tuple[str, Any], ...]:
    return tuple(
        (field.name, check)
        for field in attrs.fields(cls)
        for check in declared_checks(field)
        if isinstance(check, _DimensionsWithin)
    )
