"""The fast road for valid documents: msgspec's typed decoder, then the model's own classes.

:meth:`Reader.decode` reads a document with `msgspec <https://jcristharris.com/msgspec/>`_
(the ``fast`` extra) into typed structures generated, at first use, from the attrs
model itself, so a field or category added to the model flows through with no
second declaration. Each object is then built with every validator its attrs class
declares, so every invariant is checked as on the reference road: a class whose
``__init__`` only sets and validates its fields is built by setting them through their
slots and calling the same validators, those that decide by the value alone once per
distinct value of the field in the document (:func:`_built_directly`); any other class
is called.

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

import gc
import inspect
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
from typing import TYPE_CHECKING, Any, Final

import attrs

from enforcement_core._held import Held
from enforcement_core._validators import _UNPRINTABLE, collecting, split_validator

if TYPE_CHECKING:
    import contextlib
    from collections.abc import Callable

    #: A reference road's reading of one JSON value as a type: ``hook(value, type)``.
    Hook = Callable[[Any, type], Any]

__all__ = ["Reader", "available"]

#: Deeper than any document of the model nests (about 10, units within units add one
#: each), well within the reference road's limit of 100: deeper ones take that road.
_MAX_DEPTH = 50
#: Integers of more digits are refused by the reference road (serialization.MAX_DIGITS).
_INT_BOUND = 10**40
_BOM = b"\xef\xbb\xbf"
# Keys are counted in the text and held against the keys the decoder kept: msgspec
# keeps the last of a repeated key, silently. Every key is followed by one colon, and
# any other colon is inside a text: when the colons are as many as the keys kept, no
# key was repeated. Else (a text holds a colon, "10:30") keys are counted as a closing
# quote then a colon; a string value holding '":' only makes that count larger, and
# the document take the reference road; white space between a key and its colon would
# hide the key from it, so such a document takes it too.
_SPACED = re.compile(r'"[ \t\r\n]+:')
_SPACED_BYTES = re.compile(rb'"[ \t\r\n]+:')
# Escapes that decode to a character the reference refuses in text (\b, \f, \u0007,
# \ud800) send the document the same way; so does a control character written as is.
# msgspec refuses the C0 controls written as is (JSON has them escaped) but not DEL
# nor the C1 controls U+0080 to U+009F, in UTF-8 the bytes C2 80 to C2 9F (C2 is
# never a continuation byte); a lone surrogate is not UTF-8 at all, and msgspec refuses it.
# Each byte is looked for alone first (in C, at memory's pace): most documents have none.
_ESCAPES = re.compile(r"\\[bfu]")
_ESCAPES_BYTES = re.compile(rb"\\[bfu]")
_C1_BYTES = re.compile(rb"\xc2[\x80-\x9f]")


_PLANS = itertools.count()
#: The size of a document (bytes or characters) from which its objects are moved to the
#: collector's oldest generation (:func:`_promote_to_oldest`). A smaller one (a report:
#: a few kilobytes) costs a young collection next to nothing, less than asking whether
#: the program froze objects, which counts every frozen object (about 2 ms in the
#: command line, which froze its modules).
_PROMOTED_FROM = 1 << 16
#: How many distinct values of one field the builders remember, with their checks'
#: answer, while one document is read: the dates, vocabulary values and officers of a
#: ledger all fit; identifiers, each its own, stop filling it.
_REMEMBERED = 1 << 16
_MISSING = object()
#: The class of a default made by a factory (``attrs.Factory`` is typed as a function).
_FACTORY: type = type(attrs.Factory(list))


class _Doubt(Exception):  # noqa: N818  (a signal to take the reference road, not an error)
    """The fast road cannot vouch for this document."""


class _Refused(BaseException):
    """A check refused a value: the document takes the reference road.

    A ``BaseException``, so that no ``except Exception`` in a check can swallow it.
    """


class _Refusing(list[Any]):
    """The list refusals are recorded into on the fast road: the first one stops the road."""

    def append(self, item: object) -> None:  # noqa: ARG002  (the refusal is for the reference road to name)
        raise _Refused


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
        #: The source of each builder generated so far, in the order they were first used.
        self.code: list[str] = []
        #: How each class's builder is to be generated: its type hints, and whether it
        #: sets the fields itself (decided with the plan).
        self._ways: dict[type, tuple[dict[str, Any], bool]] = {}
        self.env: dict[str, Any] = {"UNSET": msgspec.UNSET, "_doubt": _doubt}
        self.env |= {"_counted": _counted, "_B": _INT_BOUND, "_D": _MAX_DEPTH}
        self.env |= {"_new": object.__new__, "_MISSING": _MISSING, "_L": _REMEMBERED}
        #: What the builders remember of one document, emptied before and after each.
        self.memory: list[dict[Any, Any]] = []
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
        #: The builder of each class: at first the one that generates it (see _builder).
        self.builders: dict[type, Callable[..., Any]] = {
            cls: self.env[name] for cls, name in self.names.items()
        }
        self.tops = dict(zip(tops, documents.values(), strict=True))
        for struct in [*(self.namespace[name] for name in self.structs.values()), *tops]:
            # msgspec would evaluate each text annotation on its own, compiling each.
            struct.__annotations__ = _evaluated(struct.__annotations__, self.namespace, {})
        self.decoder = msgspec.json.Decoder(typing.Union[tuple(tops)])  # noqa: UP007  (a tuple of types)

    def forget(self) -> None:
        """Empty what the builders remembered of a document."""
        for memory in self.memory:
            memory.clear()

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
        hints = _type_hints(cls)
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
        """Make ready the function that builds ``cls`` from its decoded structure.

        It adds the number of fields the document gives to ``keys[0]``. Its code is
        generated and compiled when it is first called: compiling is most of what a
        plan costs, and a document uses only some of the model's classes (a report
        read by the command line about half of them). How it builds is decided here,
        with the plan.
        """
        self._ways[cls] = (hints, _built_directly(cls))

        def first_call(s: Any, depth: int, keys: list[int]) -> Any:
            return self._generated(cls)(s, depth, keys)

        self.env[self.names[cls]] = first_call

    def _generated(self, cls: type) -> Callable[..., Any]:
        """Generate and compile the builder of ``cls``; it replaces the one that called this.

        The builders call one another by their names in ``env``, so each call after
        this one reaches the compiled builder.
        """
        hints, direct = self._ways[cls]
        source = self._direct_builder(cls, hints) if direct else self._calling_builder(cls, hints)
        exec(source, self.env)  # noqa: S102  (code generated from the model here)
        self.code.append(source)
        built: Callable[..., Any] = self.env[self.names[cls]]
        self.builders[cls] = built
        return built

    def _direct_builder(self, cls: type, hints: dict[str, Any]) -> str:
        """A builder that does what the class's ``__init__`` does, remembering checks.

        attrs' ``__init__`` of such a class (see :func:`_built_directly`) sets each
        field, the given value or the default, then calls each field's validator. The
        builder sets the fields through their slots and calls the same validators,
        split by :func:`~enforcement_core._validators.split_validator`: the parts that
        decide by the value alone run once per distinct value of the field in the
        document (and for its default once), the others (comparisons with other
        fields, the class's ``@field.validator`` methods) for every object.
        """
        function = self.names[cls]
        self.env[f"C_{function}"] = cls
        head = [f"def {function}(s, depth, keys):", f"    o = _new(C_{function})"]
        sets: list[str] = []
        checks: list[str] = []
        required = 0
        for index, field in enumerate(attrs.fields(cls)):
            tp = hints[field.name]
            name = f"{function}_{index}"
            x = f"x{index}"
            self.env[f"A_{name}"] = field
            self.env[f"S_{name}"] = _slot(cls, field.name).__set__
            alone, rest = split_validator(field.validator)
            for number, part in enumerate(alone):
                self.env[f"V_{name}_{number}"] = part
            for number, part in enumerate(rest):
                self.env[f"R_{name}_{number}"] = part
            run_alone = [f"V_{name}_{n}(o, A_{name}, {x})" for n in range(len(alone))]
            built = self._convert(tp, "v", "depth + 1")
            factory = isinstance(field.default, _FACTORY)
            if field.default is attrs.NOTHING:
                required += 1
                default = None
            elif factory:
                self.env[f"D_{name}"] = field.default.factory
                default = f"D_{name}()"
            else:
                self.env[f"D_{name}"] = field.default
                default = f"D_{name}"
            sets.append(f"    v = s.{field.alias}")
            if default is not None:
                sets.append("    if v is not UNSET:\n        n += 1")
            value = built if default is None else f"({default} if v is UNSET else {built})"
            if _hashable(tp, self.hooks) and not factory:
                # The decoded value is text, numbers or a tuple of them: a key.
                memory: dict[Any, Any] = {}
                self.memory.append(memory)
                self.env[f"K_{name}"] = memory
                sets += [
                    f"    {x} = K_{name}.get(v, _MISSING)",
                    f"    if {x} is _MISSING:",
                    f"        {x} = {value}",
                    *(f"        {call}" for call in run_alone),
                    f"        if len(K_{name}) < _L:",
                    f"            K_{name}[v] = {x}",
                ]
            else:
                sets.append(f"    {x} = {value}")
                checks += [f"    {call}" for call in run_alone]
            sets.append(f"    S_{name}(o, {x})")
            checks += [f"    R_{name}_{n}(o, A_{name}, {x})" for n in range(len(rest))]
        lines = [*head, f"    n = {required}", *sets, *checks, "    keys[0] += n", "    return o"]
        return "\n".join(lines)

    def _calling_builder(self, cls: type, hints: dict[str, Any]) -> str:
        """A builder that calls the class with the fields the document gives, as cattrs does."""
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
        return "\n".join(lines)

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


def _evaluated(
    annotations: Mapping[str, Any], globalns: dict[str, Any], localns: Mapping[str, Any]
) -> dict[str, Any]:
    """Annotations written as text, evaluated together as one expression.

    typing and msgspec compile each annotation on its own (a ``ForwardRef`` each):
    for the few hundred fields of the model, most of what reading their types costs.
    An annotation that is not text is kept as it is.
    """
    names = [name for name, value in annotations.items() if isinstance(value, str)]
    written = "".join(f"({annotations[name]})," for name in names)
    values = eval(f"({written})", globalns, localns)  # noqa: S307  (the model's own annotations)
    return {**annotations, **dict(zip(names, values, strict=True))}


def _type_hints(cls: type) -> dict[str, Any]:
    """``typing.get_type_hints(cls)``, each class's text annotations evaluated at once.

    As typing does for a class, the annotations of each class of the MRO are
    evaluated with the names of its module first, then its own namespace's. Whatever
    typing would read otherwise is left to it: an annotation that fails, that gives
    ``None`` or holds a text (a forward reference within a type), or a field not read.
    """
    hints: dict[str, Any] = {}
    try:
        for base in reversed(cls.__mro__):
            annotations = inspect.get_annotations(base)
            if not annotations:
                continue
            module = getattr(sys.modules.get(base.__module__), "__dict__", {})
            # typing's order: the module's names are the locals, looked up first.
            hints |= _evaluated(annotations, dict(vars(base)), module)
    except Exception:  # noqa: BLE001  (typing evaluates it, and says what fails)
        return typing.get_type_hints(cls)
    fields = [field.name for field in attrs.fields(cls)] if attrs.has(cls) else []
    if any(map(_holds_text, hints.values())) or not all(name in hints for name in fields):
        return typing.get_type_hints(cls)
    return hints


def _holds_text(tp: Any) -> bool:
    """Whether ``tp`` is ``None``, a text or a forward reference, or holds one in its arguments."""
    if tp is None or isinstance(tp, (str, typing.ForwardRef)):
        return True
    return any(map(_holds_text, typing.get_args(tp)))


def _is_enum(tp: object) -> bool:
    return isinstance(tp, type) and issubclass(tp, Enum)


def _hashable(tp: Any, hooks: Mapping[type, Hook]) -> bool:
    """Whether a value of ``tp`` is decoded as text, numbers, ``None`` or a tuple of them.

    Such a value is a key that says exactly what was written: a field holds one type
    (or it and ``None``), so ``true`` never meets ``1`` in one field's keys, and an
    exact decimal written ``1`` and ``"1"`` is the same number either way.
    """
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        return all(_hashable(arg, hooks) for arg in args)
    if origin is tuple:
        return len(args) == 2 and args[1] is Ellipsis and _hashable(args[0], hooks)
    return tp in (type(None), bool, int, str) or tp in hooks or _is_enum(tp)


def _slot(cls: type, name: str) -> Any:
    """The slot that holds the field ``name`` of ``cls``; ``None`` when none does."""
    for klass in cls.__mro__:
        if name in klass.__dict__:
            found = klass.__dict__[name]
            return found if isinstance(found, types.MemberDescriptorType) else None
    return None


def _built_directly(cls: type) -> bool:  # noqa: PLR0911  (one return per disqualification)
    """Whether the ``__init__`` attrs made for ``cls`` only sets its fields and validates them.

    So it is for a frozen, slotted class whose every field is set from an argument or
    its default (no converter, no default made from the instance), with no hash kept,
    no ``__attrs_pre_init__`` nor ``__attrs_post_init__``. The builders of other
    classes call the class. An attrs without ``attrs.inspect`` cannot say: every class is then called.
    """
    inspect_class = getattr(attrs, "inspect", None)
    if inspect_class is None or "__attrs_attrs__" not in cls.__dict__:
        return False
    props = inspect_class(cls)
    if not (props.is_slotted and props.is_frozen and props.added_init) or props.is_exception:
        return False
    if props.hashability.name == "HASHABLE_CACHED":
        return False
    if hasattr(cls, "__attrs_pre_init__") or hasattr(cls, "__attrs_post_init__"):
        return False
    for field in attrs.fields(cls):
        default = field.default
        if not field.init or field.converter is not None or _slot(cls, field.name) is None:
            return False
        if isinstance(default, _FACTORY) and getattr(default, "takes_self", False):
            return False
    return True


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
        return not (
            (b"\\" in raw and _ESCAPES_BYTES.search(raw))
            or b"\x7f" in raw
            or (b"\xc2" in raw and _C1_BYTES.search(raw))
        )
    return not (("\\" in raw and _ESCAPES.search(raw)) or _UNPRINTABLE.search(raw))


def _keys_written(raw: str | bytes | None, kept: int) -> bool:
    """Whether ``raw`` writes as many keys as the decoder kept, counted key by key."""
    if isinstance(raw, bytes):
        return not _SPACED_BYTES.search(raw) and raw.count(b'":') == kept
    return raw is not None and not _SPACED.search(raw) and raw.count('":') == kept


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

    def decode(self, source: object, kind: type | None = None) -> Any:  # noqa: PLR0911  (one return per doubt)
        """The document ``source`` holds when the fast road can vouch for it; else ``None``.

        ``source`` is what :func:`~enforcement_core.load_json` takes; ``kind`` the class
        the document must be, or ``None``. ``None`` also when msgspec is not installed:
        the reference road then reads the document, with the same result.
        """
        raw = _raw(source) if available() else None
        if raw is None or not _plain(raw):
            return None
        colons = raw.count(b":") if isinstance(raw, bytes) else raw.count(":")
        promoted = len(raw) >= _PROMOTED_FROM
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
            # The first refusal stops the road, even if the caller is inside a collecting
            # block of its own: this block is then the innermost.
            plan.forget()
            try:
                with collecting(_Refusing()):
                    document = plan.builders[cls](top, 1, keys)
            # A doubt, a refusal, the stack: the reference road names it.
            except (_Refused, Exception):  # noqa: BLE001
                return None
            finally:
                plan.forget()
            if keys[0] != colons and not _keys_written(_raw(source), keys[0]):
                return None
            if promoted:
                _promote_to_oldest()
        return document


def _promote_to_oldest() -> None:
    """Move what the cyclic collector tracks into its oldest generation, without walking it.

    A document's objects are made while the collector is paused, so all of them are
    young: the first young collection after it would walk every one (about 1 s for a
    million records), and the next, older one walk them again, to find what a loaded
    document always is, data that lives on. ``gc.freeze`` then ``gc.unfreeze`` moves
    every tracked object to the oldest generation in a step: full collections walk the
    document, as they walk all long-lived data, and young ones no longer do. Never when
    the program has frozen objects itself: unfreezing would thaw them.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def _collector_off() -> Callable[[], object] | None:
    if not gc.isenabled():
        return None  # off already, by the program's choice (the command's start-up): left so
    gc.disable()
    return gc.enable


#: The collector off while one or more builds run (see :func:`collector_paused`).
_COLLECTOR: Final = Held(_collector_off)


def collector_paused() -> contextlib.AbstractContextManager[None]:
    """The cyclic garbage collector off while a document's objects are built.

    Structuring a million records makes millions of objects and no cycles; each
    collection would walk them all again, for nothing. Counted across threads: the
    first build turns it off, the last turns it back on, if it was on. Both roads of
    ``load_json`` build under it, and the column engine reads a workbook's rows under it.
    """
    return _COLLECTOR.held()
