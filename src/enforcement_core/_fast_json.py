"""The fast road for valid documents: msgspec's typed decoder, then the model's own classes.

:meth:`Reader.decode` reads a document with `msgspec <https://jcristharris.com/msgspec/>`_
(the ``fast`` extra) into typed structures generated, at first use, from the attrs
model itself, so a field or category added to the model flows through with no
second declaration. Each object is then built by calling its attrs class, so every
invariant the class declares is checked as on the reference road.

The fast road only ever says "this document, exactly as the reference road would
build it" or "I do not know" (``None``): on any doubt (a type msgspec refuses, an
unknown field, a repeated key, a refused value, a text holding a character the
reference refuses, nesting deeper than a model's document goes) the caller reads
the document again on the reference road, which lists every problem with its path.
A refused document costs one fast attempt more; an accepted one skips the reference
road's per-value Python hooks, its duplicate-key hook and its bracket scan.

Values whose reading the reference road defines in Python (dates, exact decimals,
vocabulary values) are read by the reference road's own hooks, once per distinct
value: a ledger of a million records holds a few hundred distinct dates.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import re
import sys
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from enforcement_core._validators import _UNPRINTABLE, collecting

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    #: A reference road's reading of one JSON value as a type: ``hook(value, type)``.
    Hook = Callable[[Any, type], Any]

__all__ = ["Reader", "available"]

#: Deeper than any document of the model nests (about 10, units within units add one
#: each), well within the reference road's limit of 100: deeper ones take that road.
_MAX_DEPTH = 50
#: Integers of more digits are refused by the reference road (serialization.MAX_DIGITS).
_INT_BOUND = 10**40
_BOM = b"\xef\xbb\xbf"
# Keys are counted in the text, as a closing quote then a colon, and held against the
# keys the decoder kept: msgspec keeps the last of a repeated key, silently. A string
# value holding '":' only makes the count larger, and the document take the reference
# road; white space between a key and its colon would hide the key, so such a document
# takes it too.
# Escapes that decode to a character the reference refuses in text (\b, \f, \u0007,
# \ud800) send the document the same way; so does a control character written as is.
# In UTF-8 the C1 controls U+0080 to U+009F are the bytes C2 80 to C2 9F, and C2 is
# never a continuation byte; a lone surrogate is not UTF-8 at all, and msgspec refuses it.
_TEXT_CHECKS = (re.compile(r'"[ \t\r\n]+:'), re.compile(r"\\[bfu]"), _UNPRINTABLE)
_BYTE_CHECKS = (
    re.compile(rb'"[ \t\r\n]+:'),
    re.compile(rb"\\[bfu]"),
    re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]"),
)


_PLANS = itertools.count()


class _Doubt(Exception):  # noqa: N818  (a signal to take the reference road, not an error)
    """The fast road cannot vouch for this document."""


def available() -> bool:
    """Whether msgspec, the ``fast`` extra, is installed."""
    try:
        import msgspec  # noqa: F401, PLC0415  (the fast extra, imported when first used)
    except ImportError:
        return False
    return True


class _Plan:
    """The generated structures and builders for the document kinds of the model."""

    def __init__(self, documents: Mapping[str, type], hooks: Mapping[type, Hook]) -> None:
        import msgspec  # noqa: PLC0415  (the fast extra, imported when first used)

        self.msgspec = msgspec
        self.hooks = hooks
        # The structures are msgspec classes of a module of their own, where the names
        # in their annotations (a class may hold itself) are looked up.
        self.module = types.ModuleType(f"{__name__}._structures{next(_PLANS)}")
        sys.modules[self.module.__name__] = self.module
        self.namespace = self.module.__dict__
        self.namespace["UnsetType"] = msgspec.UnsetType
        self.structs: dict[type, str] = {}
        self.names: dict[type, str] = {}
        self.fields: dict[type, tuple[list[tuple[str, str]], list[tuple[str, str, Any]]]] = {}
        self.code: list[str] = []
        self.env: dict[str, Any] = {"UNSET": msgspec.UNSET, "_doubt": _doubt}
        self.env |= {"_counted": _counted, "_B": _INT_BOUND, "_D": _MAX_DEPTH}
        tops = []
        for name, cls in documents.items():
            self._struct(cls)
            required, optional = self.fields[cls]
            envelope = msgspec.field(default=msgspec.UNSET, name="$schema")
            head: list[tuple[str, Any] | tuple[str, Any, Any]] = [("schema_version", "int")]
            schema: tuple[str, Any, Any] = ("schema", "str | UnsetType", envelope)
            struct = msgspec.defstruct(
                f"Top_{cls.__name__}",
                [*head, *required, schema, *optional],
                module=self.module.__name__,
                forbid_unknown_fields=True,
                gc=False,
                tag_field="document",
                tag=name,
            )
            self.namespace[struct.__name__] = struct
            tops.append(struct)
        exec("\n\n".join(self.code), self.env)  # noqa: S102  (code generated from the model here)
        self.builders: dict[type, Callable[..., Any]] = {
            cls: self.env[name] for cls, name in self.names.items()
        }
        self.tops = dict(zip(tops, documents.values(), strict=True))
        self.decoder = msgspec.json.Decoder(typing.Union[tuple(tops)])  # noqa: UP007  (a tuple of types)

    def _annotation(self, tp: Any) -> str:  # noqa: PLR0911  (one return per kind of type)
        """The msgspec type that a JSON value of the model's type ``tp`` is decoded as."""
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (types.UnionType, typing.Union):
            return " | ".join(self._annotation(arg) for arg in args)
        if tp is type(None):
            return "None"
        if tp in (bool, int, str):
            return str(tp.__name__)
        if tp in self.hooks or _is_enum(tp):
            # Read by the reference's own hook from what JSON holds for it: a string,
            # or an integer for an exact decimal.
            return "int | str" if tp is Decimal else "str"
        if attrs.has(tp):
            return self._struct(tp)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return f"tuple[{self._annotation(args[0])}, ...]"
        if origin in (Mapping, dict):
            return f"dict[{self._annotation(args[0])}, {self._annotation(args[1])}]"
        raise TypeError(f"no fast reading of {tp}")

    def _struct(self, cls: type) -> str:
        if cls in self.structs:
            return self.structs[cls]
        name = f"S{len(self.structs)}_{cls.__name__}"
        self.structs[cls] = name
        # Named before the fields are read: a class may hold itself (units within units).
        self.names[cls] = f"build_{name}"
        hints = typing.get_type_hints(cls)
        required: list[tuple[str, str]] = []
        optional: list[tuple[str, str, Any]] = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            annotation = self._annotation(hints[field.name])
            if field.default is attrs.NOTHING:
                required.append((field.alias, annotation))
            else:
                optional.append((field.alias, f"{annotation} | UnsetType", self.msgspec.UNSET))
        self.fields[cls] = (required, optional)
        self.namespace[name] = self.msgspec.defstruct(
            name,
            [*required, *optional],
            module=self.module.__name__,
            forbid_unknown_fields=True,
            # Structures hold text, numbers and other structures, never a cycle: the
            # collector need not track them (16 bytes and a walk fewer each).
            gc=False,
        )
        self._builder(cls, hints)
        return name

    def _builder(self, cls: type, hints: dict[str, Any]) -> None:
        """Generate the function that builds ``cls`` from its decoded structure.

        It passes the class only the fields the document gives, as cattrs does, and
        adds their number to ``keys[0]``.
        """
        function = self.names[cls]
        self.env[f"C_{function}"] = cls
        lines = [f"def {function}(s, depth, keys):", "    kw = {}"]
        for field in attrs.fields(cls):
            if field.init:
                value = self._convert(hints[field.name], "v", "depth + 1")
                lines += [
                    f"    v = s.{field.alias}",
                    "    if v is not UNSET:",
                    f"        kw[{field.alias!r}] = {value}",
                ]
        lines += ["    keys[0] += len(kw)", f"    return C_{function}(**kw)"]
        self.code.append("\n".join(lines))

    def _convert(self, tp: Any, value: str, depth: str) -> str:  # noqa: PLR0911  (one per kind)
        """A Python expression turning the decoded ``value`` into the model's ``tp``."""
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (types.UnionType, typing.Union):
            (inner,) = (arg for arg in args if arg is not type(None))  # only X | None is read
            built = self._convert(inner, value, depth)
            return value if built == value else f"(None if {value} is None else {built})"
        if tp in (bool, str):
            return value
        if tp is int:
            return f"({value} if -_B < {value} < _B else _doubt())"
        if tp in self.hooks or _is_enum(tp):
            memo = f"M{len(self.env)}"
            self.env[memo] = _Memo(self.hooks.get(tp) or self.hooks[Enum], tp)
            return f"{memo}[{value}]"
        if attrs.has(tp):
            self._struct(tp)
            return f"{self.names[tp]}({value}, {depth}, keys)"
        if origin is tuple:
            item = self._convert(args[0], "x", f"{depth} + 1")
            return f"(_doubt() if {depth} > _D else tuple([{item} for x in {value}]))"
        # A mapping (the only other kind _annotation lets through).
        key = self._convert(args[0], "k", depth)
        item = self._convert(args[1], "x", f"{depth} + 1")
        return (
            f"(_doubt() if {depth} > _D else _counted(keys, "
            f"{{{key}: {item} for k, x in {value}.items()}}, {value}))"
        )


def _is_enum(tp: object) -> bool:
    return isinstance(tp, type) and issubclass(tp, Enum)


def _doubt() -> Any:
    raise _Doubt


def _counted(keys: list[int], built: dict[Any, Any], given: dict[str, Any]) -> dict[Any, Any]:
    keys[0] += len(given)
    return built


class _Memo(dict[object, Any]):
    """The reference road's reading of a value, made once per distinct value.

    Keyed by the value alone: msgspec gives only strings and integers here (never a
    bool), and an integer and its digits as a string read as equal exact decimals.
    """

    def __init__(self, hook: Hook, tp: type) -> None:
        super().__init__()
        self.hook = hook
        self.tp = tp

    def __missing__(self, value: object) -> Any:
        try:
            result = self.hook(value, self.tp)
        except Exception as exc:
            raise _Doubt from exc
        self[value] = result
        return result


def _raw(source: object) -> str | bytes | None:
    """The document's text, as bytes when it is in a file (half the memory of a ``str``)."""
    if isinstance(source, bytes):
        return source.removeprefix(_BOM)
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and not source.lstrip("\ufeff \t\r\n").startswith(("{", "["))
    ):
        try:
            return Path(source).read_bytes().removeprefix(_BOM)
        except (OSError, ValueError):  # the reference road says why the file cannot be read
            return None
    if isinstance(source, str):
        return source.removeprefix("\ufeff")
    return None


def _plain(raw: str | bytes) -> bool:
    """Whether ``raw`` has none of what sends a document to the reference road unread."""
    if isinstance(raw, bytes):
        return not any(check.search(raw) for check in _BYTE_CHECKS)
    return not any(check.search(raw) for check in _TEXT_CHECKS)


class Reader:
    """The fast road for the documents of one model, made ready at first use.

    Args:
        documents: The classes of the documents, by the name a document gives in its
            ``document`` field.
        hooks: The reference road's reading of the values it reads in Python, by type:
            ``datetime.date``, ``Decimal``, and ``Enum`` for every vocabulary.
        version: The ``schema_version`` read; documents of any other take the reference
            road (which refuses them, or reads them as it knows how).
    """

    def __init__(
        self, documents: Mapping[str, type], hooks: Mapping[type, Hook], version: int
    ) -> None:
        self.documents = documents
        self.hooks = hooks
        self.version = version
        self._plan: _Plan | None = None
        # A model holding a type the fast road cannot read (TypeError from the plan):
        # every document then takes the reference road, rather than load_json failing.
        self._unreadable = False

    def plan(self) -> _Plan:
        """The structures and builders, generated from the model the first time."""
        if self._plan is None:
            self._plan = _Plan(self.documents, self.hooks)
        return self._plan

    def _readable_plan(self) -> _Plan | None:
        if self._unreadable:
            return None
        try:
            return self.plan()
        except TypeError:
            self._unreadable = True
            return None

    def decode(self, source: object, kind: type | None = None) -> Any:
        """The document ``source`` holds when the fast road can vouch for it; else ``None``.

        ``source`` is what :func:`~enforcement_core.load_json` takes; ``kind`` the class
        the document must be, or ``None``. ``None`` also when msgspec is not installed:
        the reference road then reads the document, with the same result.
        """
        raw = _raw(source) if available() else None
        if raw is None or not _plain(raw):
            return None
        written = raw.count(b'":') if isinstance(raw, bytes) else raw.count('":')
        plan = self._readable_plan()
        if plan is None:
            return None
        with collector_paused():
            try:
                top = plan.decoder.decode(raw)
            except (plan.msgspec.DecodeError, RecursionError):
                return None
            del raw  # the structures hold what the rest needs
            cls = plan.tops[type(top)]
            if (kind is not None and cls is not kind) or top.schema_version != self.version:
                return None
            keys = [
                2 if top.schema is plan.msgspec.UNSET else 3
            ]  # schema_version, document, $schema
            # Refusals are collected here, not raised, in case the caller is inside a
            # collecting block of its own: this block is then the innermost, and its list tells.
            try:
                with collecting() as refused:
                    document = plan.builders[cls](top, 1, keys)
            except Exception:  # noqa: BLE001  (a doubt, a refusal, the stack: the reference road names it)
                return None
        return None if refused or keys[0] != written else document


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a document's objects are built.

    Structuring a million records makes millions of objects and no cycles; each
    collection would walk them all again, for nothing. What was on is turned back on.
    Both roads of ``load_json`` build under it.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
