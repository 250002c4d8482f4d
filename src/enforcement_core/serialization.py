"""JSON in and out: lossless, strict, and with every problem of a document at once.

The document format is the library's own: an object with a ``schema_version``,
a ``document`` kind (``"annual_report"`` or ``"ledger"``) and the fields of the
object, as :func:`dump_json` writes them. Money and other exact decimals are
strings (``"6800.50"``), dates are ISO-8601 (``"2024-01-18"``), vocabulary values
are their English names (``"work_safety"``), Chinese text is UTF-8.

Loading refuses rather than coerces: ``NaN`` and ``Infinity``, a float where an
exact number belongs, a string or a float or a boolean for a count, unknown
fields, unknown vocabulary values, text holding a lone surrogate or a control
character. Every problem of a document is reported in one
:class:`~enforcement_core.LoadError`, each with its JSON path and value.

Two limits keep any input from exhausting the reader: arrays and objects nest at
most :data:`MAX_DEPTH` levels deep, and a number has at most :data:`MAX_DIGITS`
digits (a count is at most ``10**16 - 1``, an amount at most 999999999999.99 yuan).
Whatever the input, :func:`load_json` returns a document or raises ``LoadError``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
import re
from contextvars import ContextVar
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

import attrs

from enforcement_core import _fast_json
from enforcement_core._validators import collecting, refusals, unprintable
from enforcement_core.errors import InvariantError, LoadError, NotADocumentError, Problem
from enforcement_core.labels import suggestion
from enforcement_core.ledger import Ledger
from enforcement_core.migrations import SCHEMA_VERSION, migrate
from enforcement_core.report import AnnualReport

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

    import cattrs

# cattrs is imported when the converter is first built (the reference road, dump_json,
# ``converter``): a valid document read on the fast road, as the command line's report
# reads its example, never needs it.

__all__ = ["SCHEMA_VERSION", "Document", "converter", "dump_json", "load_json"]

#: How deep arrays and objects may nest (a document of the model nests about 10 deep;
#: units within units add one level each).
MAX_DEPTH = 100
#: How many digits a JSON number may have (the largest count has 16).
MAX_DIGITS = 40

#: The kinds of document, by the name a document gives in its ``document`` field.
_DOCUMENTS: dict[str, type[AnnualReport | Ledger]] = {
    "annual_report": AnnualReport,
    "ledger": Ledger,
}
# "$schema" names the schema for editors (enforcement-core init writes it); it is not data.
_ENVELOPE = ("$schema", "schema_version", "document")

#: What a document can hold.
Document = AnnualReport | Ledger
D = TypeVar("D", AnnualReport, Ledger)

# ASCII digits only: \d would also take full-width and other scripts' digits ("６８００").
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _JsonFloat:
    """A JSON number with a fraction or an exponent, kept as written so it can be refused."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class _JsonHuge:
    """A JSON integer of more than :data:`MAX_DIGITS` digits, kept as its length."""

    __slots__ = ("digits",)

    def __init__(self, text: str) -> None:
        self.digits = len(text.lstrip("-"))


def _parse_int(text: str) -> int | _JsonHuge:
    # int() of 4,301 digits raises ValueError; no figure needs more than MAX_DIGITS.
    return int(text) if len(text) <= MAX_DIGITS else _JsonHuge(text)


class _JsonConstant:
    """``NaN``, ``Infinity`` or ``-Infinity``: Python's json reads them, JSON has none."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class _RefusedError(TypeError):
    """A JSON value of the wrong kind for its field."""

    def __init__(self, value: object, message: str) -> None:
        super().__init__(message)
        self.value = value
        self.message = message


class _Invariants(Exception):  # noqa: N818  (carries InvariantErrors; it is not itself one)
    """What is wrong with one object of the document, all of it.

    The invariants it violates, its unknown fields, and what went wrong with its
    fields' values (``fields``, raised by cattrs): an unknown field does not hide
    the rest.
    """

    def __init__(
        self,
        errors: list[InvariantError],
        unknown: list[str] | None = None,
        fields: BaseException | None = None,
        known: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(f"{len(errors)} invariant(s) violated")
        self.errors = errors
        self.unknown = unknown or []
        self.fields = fields
        self.known = sorted(known)


def _describe(value: object) -> str:  # noqa: PLR0911  (one return per kind of JSON value)
    """A JSON value as a reader of the document would name it."""
    match value:
        case None:
            return "null"
        case bool():
            return f"the boolean {'true' if value else 'false'}"
        case int():
            return f"the number {value}"
        case _JsonFloat():
            return f"the number {value.text}"
        case _JsonConstant():
            return value.text
        case _JsonHuge():
            return f"a number of {value.digits} digits (at most {MAX_DIGITS})"
        case str():
            return f"the string {value!r}"
        case list():
            return "a list"
        case dict():
            return "an object"
        case _:
            return repr(value)


def _shown(value: object) -> object:
    """The value a :class:`Problem` carries for a JSON value."""
    if isinstance(value, _JsonFloat):
        try:
            return Decimal(value.text)
        except ArithmeticError:
            # An exponent beyond any Decimal's (1e9991000000000000000): shown as written.
            return value.text
    if isinstance(value, _JsonConstant):
        return value.text
    if isinstance(value, _JsonHuge):
        return f"<{value.digits} digits>"
    return value


def _refuse(value: object, expected: str) -> _RefusedError:
    return _RefusedError(_shown(value), f"expected {expected}, got {_describe(value)}")


def _structure_int(value: object, _: type) -> int:
    if type(value) is not int:
        raise _refuse(value, "a whole number (int)")
    return value


def _structure_str(value: object, cl: type) -> Any:
    # Hooks dispatch on the class's MRO, so the vocabularies (StrEnum) arrive here too.
    if issubclass(cl, Enum):
        return _structure_enum(value, cl)
    if not isinstance(value, str):
        raise _refuse(value, "a string")
    reason = unprintable(value)
    if reason is not None:
        raise _RefusedError(value, f"the text {reason}")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _refuse(value, "true or false")
    return value


def _structure_decimal(value: object, _: type) -> Decimal:
    # An int is exact; a JSON float is refused even when its text is exact, so
    # that a document means the same to every JSON reader (most read floats).
    if type(value) is int:
        return Decimal(value)
    if isinstance(value, str) and _DECIMAL.fullmatch(value):
        return Decimal(value)
    raise _refuse(value, 'an exact number written as a string, such as "6800.50"')


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise _RefusedError(value, f"{value!r} is not a day of the calendar") from None
    raise _refuse(value, "a date written YYYY-MM-DD")


def _structure_enum(value: object, enum: type[Enum]) -> Any:
    if isinstance(value, str):
        try:
            return enum(value)
        except ValueError:
            pass
    allowed = ", ".join(repr(member.value) for member in enum)
    shown = repr(value) if isinstance(value, str) else _describe(value)
    nearest = suggestion(enum, value) if isinstance(value, str) else None
    # Documents carry values, not labels: a label is named, never taken for its value.
    hint = f"; did you mean {nearest!r}?" if nearest is not None else ""
    raise _RefusedError(
        _shown(value), f"{shown} is not a {enum.__name__}; expected one of {allowed}{hint}"
    )


def _is_enum(tp: object) -> bool:
    return isinstance(tp, type) and issubclass(tp, Enum)


def _is_homogeneous_tuple(tp: object) -> bool:
    args: tuple[object, ...] = getattr(tp, "__args__", ())
    return getattr(tp, "__origin__", None) is tuple and len(args) == 2 and args[1] is Ellipsis


def _shaped(
    base: Callable[[Any, cattrs.Converter], Any], shape: type, expected: str
) -> Callable[[Any, cattrs.Converter], Callable[[object, type], object]]:
    """A hook factory that refuses any JSON value but a ``shape`` before ``base`` sees it."""

    def factory(tp: Any, conv: cattrs.Converter) -> Callable[[object, type], object]:
        structure_base = base(tp, conv)

        def structure(value: object, cl: type) -> object:
            if not isinstance(value, shape):
                raise _refuse(value, expected)
            return structure_base(value, cl)

        return structure

    return factory


def _checked_attrs(cl: type, conv: cattrs.Converter) -> Callable[[object, type], object]:
    # The object is built with its refusals collected, not raised, so that every
    # invariant it violates is reported, each under its own field.
    base: Callable[[Mapping[str, Any], Any], object] = conv.gen_structure_attrs_fromdict(cl)
    known = frozenset(field.alias or field.name for field in attrs.fields(cl))

    def built(value: Mapping[str, Any], unknown: list[str]) -> object:
        try:
            return base(value, cl)
        except Exception as exc:
            if unknown:
                raise _Invariants([], unknown, exc, known) from None
            raise

    def structure(value: object, _: type) -> object:
        if not isinstance(value, dict):
            raise _refuse(value, "an object")
        # Unknown fields are set aside, not raised at once, so that the object's
        # other problems are reported beside them.
        unknown = sorted(key for key in value if key not in known)
        if unknown:
            value = {key: item for key, item in value.items() if key in known}
        sink = refusals()
        if sink is None:
            with collecting() as refused:
                instance = built(value, unknown)
            if refused or unknown:
                raise _Invariants(refused, unknown, known=known)
            return instance
        # Inside load_json's one collecting block: this object's refusals are those
        # added while it was built (its nested objects take theirs out as they fail).
        before = len(sink)
        instance = built(value, unknown)
        if len(sink) > before or unknown:
            mine = sink[before:]
            del sink[before:]
            raise _Invariants(mine, unknown, known=known)
        return instance

    return structure


def _make_converter() -> cattrs.Converter:
    import cattrs  # noqa: PLC0415  (see the imports)
    from cattrs.cols import (  # noqa: PLC0415
        homogenous_tuple_structure_factory,
        is_mapping,
        mapping_structure_factory,
    )

    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True, omit_if_default=True)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(dt.date, _structure_date)
    # cattrs would iterate a string, or an object's keys, into a tuple: a list it must be.
    strict_tuple = _shaped(homogenous_tuple_structure_factory, list, "a list")
    conv.register_structure_hook_factory(_is_homogeneous_tuple, strict_tuple)
    conv.register_structure_hook_factory(
        is_mapping, _shaped(mapping_structure_factory, dict, "an object")
    )
    conv.register_structure_hook_factory(attrs.has, _checked_attrs)

    conv.register_unstructure_hook(Decimal, lambda d: format(d, "f"))
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook_factory(_is_enum, lambda _: lambda member: member.value)
    return conv


_built: list[cattrs.Converter] = []


def _converter() -> cattrs.Converter:
    """:data:`converter`, built the first time it is needed."""
    if not _built:
        _built.append(_make_converter())
    return _built[0]


def __getattr__(name: str) -> Any:
    """:data:`converter`, built on first use (PEP 562)."""
    if name == "converter":
        return _converter()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: The cattrs converter behind :func:`load_json` and :func:`dump_json`: strict on the
#: way in, lossless on the way out. Use it to (un)structure single domain objects.
converter: cattrs.Converter
# The fast road of load_json (msgspec, when installed): it reads values of these types
# by the hooks above, once per distinct value, and vouches only for valid documents.
_HOOKS = {dt.date: _structure_date, Decimal: _structure_decimal, Enum: _structure_enum}
_FAST = _fast_json.Reader(_DOCUMENTS, _HOOKS, SCHEMA_VERSION)
# A report asked for as one (the built-in examples) is read by the structures of a report
# alone, made in two thirds of the time of both kinds': what the command line's report
# of an example waits for. Any other document is a doubt, which the reference road reads.
_FAST_BY_KIND: dict[type | None, _fast_json.Reader] = {
    AnnualReport: _fast_json.Reader({"annual_report": AnnualReport}, _HOOKS, SCHEMA_VERSION)
}


def _join(path: str, segment: str) -> str:
    if segment.startswith("["):
        return f"{path}{segment}"
    return f"{path}.{segment}" if path else segment


@functools.cache
def _errors() -> Any:
    """The error classes of cattrs, imported once (cattrs raised what is flattened)."""
    import cattrs.errors  # noqa: PLC0415  (see the imports)

    return cattrs.errors


def _segment(note: object) -> str:
    """The path segment an exception note of cattrs stands for."""
    errors = _errors()
    if isinstance(note, errors.AttributeValidationNote):
        return str(note.name)
    if isinstance(note, errors.IterableValidationNote) and isinstance(note.index, int):
        return f"[{note.index}]"
    return str(getattr(note, "index", note))  # a mapping's key


def _problems(exc: BaseException, path: str) -> Iterator[Problem]:
    """Flatten what structuring raised into problems with their paths."""
    errors = _errors()
    if isinstance(exc, errors.ClassValidationError | errors.IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            yield from _problems(sub, _join(path, _segment(note)))
        for sub in without:
            yield from _problems(sub, path)
    elif isinstance(exc, _Invariants):
        if exc.fields is not None:
            yield from _problems(exc.fields, path)
        for error in exc.errors:
            yield Problem(_join(path, error.field), error.value, error.reason)
        for key in exc.unknown:
            close = difflib.get_close_matches(key, exc.known, n=1) if exc.known else []
            hint = f"; did you mean {close[0]!r}?" if close else ""
            yield Problem(_join(path, key), key, f"unknown field{hint}")
    elif isinstance(exc, errors.ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield Problem(_join(path, key), key, "unknown field")
    else:
        yield _leaf_problem(exc, path)


def _leaf_problem(exc: BaseException, path: str) -> Problem:
    if isinstance(exc, _RefusedError):
        return Problem(path, exc.value, exc.message)
    if isinstance(exc, KeyError):
        return Problem(path, None, "required field is missing")
    # A hook of this module failed in a way it does not know yet: say what, not where it broke.
    return Problem(path, None, f"{type(exc).__name__}: {exc}")


class _Duplicated(dict[str, Any]):
    """An object of the document in which a key appears more than once."""

    duplicates: list[str]


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    # A repeated key would silently lose one of its values. The object is marked,
    # not refused here, so that its path and the document's other problems are found.
    marked = _Duplicated(result)
    _repeated.set(True)
    seen: set[str] = set()
    marked.duplicates = [key for key, _ in pairs if key in seen or seen.add(key)]  # type: ignore[func-returns-value]
    return marked


#: Whether the document being parsed repeats a key somewhere (set by the parse's hook).
_repeated: ContextVar[bool] = ContextVar("_repeated", default=False)


def _duplicates(data: object, path: str = "") -> Iterator[Problem]:
    """A problem for each key repeated in an object of ``data``, under the object's path."""
    if isinstance(data, _Duplicated):
        for key in dict.fromkeys(data.duplicates):
            yield Problem(
                _join(path, key), key, f"the key {key!r} appears more than once in one object"
            )
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _duplicates(value, _join(path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _duplicates(value, f"{path}[{index}]")


def _read(source: object) -> tuple[str, str | None]:
    """The text of ``source`` and the file name it came from, if any."""
    if not isinstance(source, str | bytes | os.PathLike):
        raise LoadError(
            [
                Problem(
                    "",
                    None,
                    f"expected JSON text, bytes or the path of a file, not {type(source).__name__}",
                )
            ]
        )
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and not source.lstrip("\ufeff \t\r\n").startswith(("{", "["))
    ):
        path = Path(source)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise LoadError(
                [Problem("", str(path), f"cannot read the file: {exc.strerror}")], source=str(path)
            ) from None
        except ValueError:  # a NUL character: no file has that name
            raise LoadError(
                [Problem("", None, "cannot read the file: its name holds a NUL character")]
            ) from None
        return _decode(raw, str(path)), str(path)
    if isinstance(source, bytes):
        return _decode(source, None), None
    return source.removeprefix("\ufeff"), None


def _decode(raw: bytes, name: str | None) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            [Problem("", None, f"not UTF-8 text: byte {exc.start} cannot be decoded")], source=name
        ) from None


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_INNERMOST = re.compile(r"\[\]|\{\}")


def _too_deep(text: str) -> bool:
    """Whether arrays and objects in ``text`` nest more than :data:`MAX_DEPTH` deep.

    Each pass removes the innermost empty pairs, in C: a document nested no
    deeper than the limit is gone, or stuck on a syntax error, within the limit.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    for _ in range(MAX_DEPTH):
        brackets, removed = _INNERMOST.subn("", brackets)
        if not removed:
            return False
    return bool(_INNERMOST.search(brackets))


def _parse(text: str, source: str | None) -> object:
    if _too_deep(text):
        raise LoadError(
            [Problem("", None, f"arrays and objects nest more than {MAX_DEPTH} levels deep")],
            source=source,
        )
    # json is imported by the reference road and by dump_json, which a valid document
    # read on the fast road (the command line's report of an example) never needs.
    import json  # noqa: PLC0415

    _repeated.set(False)
    try:
        return json.loads(
            text,
            parse_float=_JsonFloat,
            parse_int=_parse_int,
            parse_constant=_JsonConstant,
            object_pairs_hook=_no_duplicate_keys,
        )
    except json.JSONDecodeError as exc:
        raise LoadError(
            [
                Problem(
                    "", None, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
                )
            ],
            source=source,
        ) from None
    except RecursionError:  # the depth is checked first; this is the stack's last word
        raise LoadError(
            [Problem("", None, f"arrays and objects nest more than {MAX_DEPTH} levels deep")],
            source=source,
        ) from None


@overload
def load_json(source: str | bytes | os.PathLike[str], kind: type[D]) -> D: ...
@overload
def load_json(source: str | bytes | os.PathLike[str], kind: None = None) -> Document: ...


def load_json(source: str | bytes | os.PathLike[str], kind: type[D] | None = None) -> D | Document:
    """Load a document: an annual report or a ledger.

    Args:
        source: The JSON text (a ``str`` starting with ``{``, or ``bytes``), or the
            path of a file (a ``str`` or a path object). UTF-8, with or without a BOM.
        kind: The class the document must be (:class:`AnnualReport` or
            :class:`Ledger`); any known kind when ``None``.

    Returns:
        The domain object the document describes.

    Raises:
        LoadError: The document cannot be read or is not valid; its ``problems``
            list every problem found, each with its JSON path and value.

    Examples:
        >>> from enforcement_core import dump_json, examples
        >>> report = examples.load("gulu-2023")
        >>> load_json(dump_json(report)) == report
        True
        >>> load_json(
        ...     '{"schema_version": 1, "document": "annual_report", "body": '
        ...     '{"name": "古路镇", "level": "town"}, "year": 2023, '
        ...     '"inspection": {"hazards": {"found": 509, "rectified": 510}}}'
        ... )
        Traceback (most recent call last):
        ...
        enforcement_core.errors.LoadError: 1 problem in the document:
          inspection.hazards.rectified: 510 exceeds found 509
    """
    # A valid document is built on the fast road when msgspec is installed; any other,
    # or without msgspec, is read here, which names every problem (see _fast_json).
    fast = _FAST_BY_KIND.get(kind, _FAST).decode(source, kind)
    if fast is not None:
        return fast  # type: ignore[no-any-return]
    text, name = _read(source)
    data = _parse(text, name)
    if not isinstance(data, dict):
        raise LoadError(
            [Problem("", _shown(data), "expected a JSON object at the top")], source=name
        )

    # Only a document with a repeated key is walked for its paths: most have none.
    problems = list(_duplicates(data)) if _repeated.get() else []
    if "$schema" in data and not isinstance(data["$schema"], str):
        problems.append(Problem("$schema", _shown(data["$schema"]), "expected a string"))
    # A document of an older format is moved forward first; a newer one is refused.
    version = data.get("schema_version")
    data, moved = migrate(data)
    problems += [Problem(p.path, _shown(p.value), p.message) for p in moved]
    if type(version) is int and version > SCHEMA_VERSION:
        # A later format's fields are not this one's: reading them would only mislead.
        raise LoadError(problems, source=name)
    document = data.get("document")
    cls: type[AnnualReport | Ledger] | None = (
        _DOCUMENTS.get(document) if isinstance(document, str) else None
    )
    if cls is None:
        known = ", ".join(repr(k) for k in _DOCUMENTS)
        problems.append(Problem("document", _shown(document), f"expected one of {known}"))
        # Without its kind the body cannot be read: these are all the problems there are.
        raise LoadError(problems, source=name)
    if kind is not None and cls is not kind:
        problems.append(
            Problem("document", document, f"expected a {kind.__name__} document, not {document!r}")
        )

    body = {key: value for key, value in data.items() if key not in _ENVELOPE}
    try:
        with _fast_json.collector_paused(), collecting():
            loaded = _converter().structure(body, cls)
    except RecursionError:
        problems.append(Problem("", None, "units are nested too deeply to be read"))
    except Exception as exc:  # noqa: BLE001  (every failure becomes a listed problem)
        problems += _problems(exc, "")
    if problems:
        raise LoadError(problems, source=name) from None
    return loaded


def dump_json(document: Document, *, indent: int | None = 2) -> str:
    """The JSON text of ``document``, which :func:`load_json` reads back equal.

    Fields left at their defaults (figures not stated, empty breakdowns) are
    left out, so documents stay short enough to read and write by hand.

    Raises:
        NotADocumentError: ``document`` is neither an :class:`AnnualReport` nor a
            :class:`Ledger` (a ``TypeError``).

    Examples:
        >>> from enforcement_core import examples
        >>> text = dump_json(examples.load("gulu-2023"))
        >>> text.splitlines()[1:3]
        ['  "schema_version": 1,', '  "document": "annual_report",']
        >>> "古路镇" in text
        True
    """
    for name, cls in _DOCUMENTS.items():
        if isinstance(document, cls):
            head: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "document": name}
            data = head | _converter().unstructure(document, cls)
            import json  # noqa: PLC0415  (see _parse)

            return json.dumps(data, ensure_ascii=False, indent=indent)
    raise NotADocumentError(
        f"cannot dump a {type(document).__name__}: expected an AnnualReport or a Ledger"
    )
