"""The JSON Schema of the library's documents, generated from the model.

:func:`json_schema` walks the attrs classes of an :class:`~enforcement_core.AnnualReport`
or a :class:`~enforcement_core.Ledger` (their fields, type hints, defaults and named
validators) and writes a JSON Schema (draft 2020-12) of the document that
:func:`~enforcement_core.dump_json` writes and :func:`~enforcement_core.load_json`
reads. Nothing in it is written by hand, so it cannot drift from the model; the
files shipped in ``enforcement_core/schemas/`` are its output, regenerated with
``python -m enforcement_core.schema`` (a test fails when they are stale).

The schema checks shape: fields, types, vocabularies, the formats of exact numbers
and dates, counts and money that are not negative. The invariants between fields
(hazards rectified no more than those found, breakdowns within their totals, dates
in order) are beyond JSON Schema: :func:`~enforcement_core.load_json` checks them.
Field descriptions are the ``#:`` comments above the fields, read from the source.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import inspect
import json
import re
import sys
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from enforcement_core._mapping import FrozenMap
from enforcement_core._validators import (
    Check,
    declared_checks,
    unwrapped,
)
from enforcement_core.errors import NotADocumentError, SchemaNotFound
from enforcement_core.serialization import _DOCUMENTS, SCHEMA_VERSION, converter

if TYPE_CHECKING:
    from collections.abc import Sequence

    from enforcement_core.ledger import Ledger
    from enforcement_core.report import AnnualReport

__all__ = ["SCHEMA_FILES", "json_schema", "load_schema"]

#: The file each kind of document has its schema in, in ``enforcement_core/schemas/``.
SCHEMA_FILES: Mapping[str, str] = FrozenMap({kind: f"{kind}.schema.json" for kind in _DOCUMENTS})

_DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
_ID: Final = "https://enforcement-core.invalid/schemas/{kind}-{version}.schema.json"
_FOLDER: Final = "schemas"

# The patterns are anchored: a pattern matches anywhere in a string unless it says otherwise.
#: An exact decimal as serialization reads it (``_DECIMAL`` there).
_DECIMAL_PATTERN: Final = r"^-?[0-9]+(\.[0-9]+)?$"
#: A date as serialization reads it (``_DATE`` there).
_DATE_PATTERN: Final = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

#: The schema of each type a field can have, before its validators narrow it (copied on use).
_SCALARS: Final[dict[object, dict[str, Any]]] = {
    int: {"type": "integer"},
    str: {"type": "string"},
    bool: {"type": "boolean"},
    Decimal: {"anyOf": [{"type": "string", "pattern": _DECIMAL_PATTERN}, {"type": "integer"}]},
    dt.date: {"type": "string", "pattern": _DATE_PATTERN, "format": "date"},
}
_LIMITS: Final = (
    "The schema checks the document's shape: its fields, their types, the vocabularies, "
    "the formats of exact numbers and dates, counts and money that are not negative. "
    "It cannot express what load_json checks beyond shape: the invariants between fields "
    "(hazards rectified no more than those found, a breakdown within its total, dates in "
    "order, a decision with its date, ...), checks of single values the model writes as "
    "methods (such as a year from 1 to 9998, or a figure path that names a figure), and "
    "the difference between 363 and 363.0 (JSON Schema reads both as an integer; load_json "
    "refuses a number with a fraction where a count or an exact number belongs). Load the "
    "document with enforcement_core.load_json for the full check: it reports every "
    "problem with its JSON path."
)

# Sphinx markup in the model's comments and docstrings, made plain for a schema's reader.
_ROLE = re.compile(r":\w+:`~?(?:[\w.]*\.)?(\w+)`")
# A ``#:`` comment and a field of a class body, as the model writes them.
_FIELD_DOC = re.compile(r"^    #: ?(.*)$")
_FIELD = re.compile(r"^    (\w+)\s*:")


def _plain(text: str) -> str:
    """``text`` without Sphinx roles, with Markdown code spans, and JSON's ``null`` for ``None``."""
    return _ROLE.sub(r"`\1`", text).replace("``", "`").replace("`None`", "`null`")


def _summary(cls: type) -> str:
    """The first paragraph of the docstring of ``cls``, on one line."""
    doc = inspect.getdoc(cls) or ""
    return _plain(" ".join(doc.split("\n\n", 1)[0].split()))


def _field_docs(cls: type) -> dict[str, str]:
    """The ``#:`` comment above each field of ``cls``; empty when its source is not at hand."""
    try:
        lines = inspect.getsource(cls).splitlines()
    except (OSError, TypeError):
        return {}
    docs: dict[str, str] = {}
    comment: list[str] = []
    for line in lines:
        if doc := _FIELD_DOC.match(line):
            comment.append(doc.group(1).strip())
            continue
        if comment and (field := _FIELD.match(line)):
            docs[field.group(1)] = _plain(" ".join(comment))
        comment = []
    return docs


def _joined(parts: list[tuple[Check, ...]]) -> tuple[Check, ...]:
    return tuple(member for part in parts for member in part)


def _is_enum(tp: object) -> typing.TypeGuard[type[Enum]]:
    return isinstance(tp, type) and issubclass(tp, Enum)


def _without_none(tp: object) -> object | None:
    """``X`` for ``X | None``; ``None`` for any other type."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = typing.get_args(tp)
        rest = [arg for arg in args if arg is not types.NoneType]
        if len(rest) == 1 and len(args) == 2:
            inner: object = rest[0]
            return inner
    return None


class _Builder:
    """Schemas of types, with a ``$defs`` entry for each class met on the way."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self._classes: dict[str, type] = {}

    def ref(self, cls: type) -> dict[str, Any]:
        """A ``$ref`` to the schema of an attrs class or an enum, defined on first use."""
        name = cls.__name__
        known = self._classes.setdefault(name, cls)
        if known is not cls:
            raise TypeError(f"two classes are named {name}: {known!r} and {cls!r}")
        if name not in self.defs:
            self.defs[name] = {}  # taken, for the classes that hold themselves
            self.defs[name] = self._enum(cls) if _is_enum(cls) else self.object_schema(cls)
        return {"$ref": f"#/$defs/{name}"}

    @staticmethod
    def _enum(enum: type[Enum]) -> dict[str, Any]:
        return {
            "title": enum.__name__,
            "description": _summary(enum),
            "type": "string",
            "enum": [member.value for member in enum],
        }

    def object_schema(self, cls: type) -> dict[str, Any]:
        """The schema of the object an attrs class is written as."""
        hints = typing.get_type_hints(cls)
        docs = _field_docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            prop: dict[str, Any] = {}
            if field.name in docs:
                prop["description"] = docs[field.name]
            prop.update(self.value(hints[field.name], declared_checks(field)))
            if field.default is attrs.NOTHING:
                required.append(field.name)
            elif (default := _default(field.default)) is not _UNKNOWN:
                prop["default"] = default
            properties[field.name] = prop
        schema: dict[str, Any] = {
            "title": cls.__name__,
            "description": _summary(cls),
            "type": "object",
            "properties": properties,
        }
        if required:
            schema["required"] = required
        schema["additionalProperties"] = False
        return schema

    def value(self, tp: Any, validators: tuple[Check, ...]) -> dict[str, Any]:
        """The schema of a value of type ``tp`` that ``validators`` accept."""
        inner = _without_none(tp)
        if inner is not None:
            schema = self.value(inner, validators)
            branches = schema["anyOf"] if list(schema) == ["anyOf"] else [schema]
            return {"anyOf": [*branches, {"type": "null"}]}
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            tuples: list[Any] = [v for v in validators if v.kind == "tuple_of"]
            items = [unwrapped(v.member) for v in tuples]
            return {"type": "array", "items": self.value(args[0], _joined(items))}
        if origin is Mapping:
            mappings: list[Any] = [v for v in validators if v.kind == "mapping_of"]
            keys = _joined([unwrapped(v.key) for v in mappings])
            values = _joined([unwrapped(v.value) for v in mappings])
            return {
                "type": "object",
                "propertyNames": self.value(args[0], keys),
                "additionalProperties": self.value(args[1], values),
            }
        if attrs.has(tp) or _is_enum(tp):
            schema = self.ref(tp)
        elif tp in _SCALARS:
            schema = copy.deepcopy(_SCALARS[tp])
        else:
            raise TypeError(f"no JSON Schema for the type {tp!r}: teach enforcement_core.schema")
        for validator in validators:
            schema = self._refine(schema, validator)
        return schema

    def _refine(self, schema: dict[str, Any], validator: Check) -> dict[str, Any]:
        """``schema`` narrowed by what ``validator`` says; unchanged when it says nothing more.

        The validators of objects (``instance_of``), dates (``a_date``) and those between
        fields (``at_most``, ``not_before``, ``parts_within``, methods) add nothing a
        schema can say; tuples and mappings are handed to their items by :meth:`value`.
        """
        check: Any = validator
        if check.kind == "member_of":
            return self.ref(check.enum)
        # Each check declares what it says in JSON Schema, beside its rule.
        keywords = validator.json_schema()
        return schema if keywords is None else schema | copy.deepcopy(keywords)


class _Unknown:
    """A default a schema cannot state (one computed from the other fields)."""


_UNKNOWN: Final = _Unknown()


def _default(default: object) -> object:
    """The JSON of a field's default, as the converter writes it."""
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # attrs.Factory is a class
        factory: Any = default
        if factory.takes_self:
            return _UNKNOWN
        default = factory.factory()
    return converter.unstructure(default)


def _kind(document: type) -> str:
    for kind, cls in _DOCUMENTS.items():
        if cls is document:
            return kind
    known = ", ".join(cls.__name__ for cls in _DOCUMENTS.values())
    raise NotADocumentError(f"no document is a {document!r}: expected one of {known}")


def json_schema(document: type[AnnualReport | Ledger]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a document of the kind ``document``.

    Generated from the attrs classes: one ``$defs`` entry for each class and
    vocabulary, a property for each field (required when it has no default),
    ``additionalProperties: false`` everywhere, and the envelope
    (``schema_version``, ``document``) at the top.

    Args:
        document: :class:`~enforcement_core.AnnualReport` or :class:`~enforcement_core.Ledger`.

    Returns:
        A new dict, free to change, that ``json.dumps`` writes as the schema.

    Raises:
        NotADocumentError: ``document`` is not a kind of document (a ``TypeError``).

    Examples:
        >>> from enforcement_core import AnnualReport, Ledger
        >>> schema = json_schema(AnnualReport)
        >>> schema["$id"]
        'https://enforcement-core.invalid/schemas/annual_report-1.schema.json'
        >>> schema["required"]
        ['schema_version', 'document', 'body', 'year']
        >>> schema["$defs"]["HazardFigures"]["properties"]["rectified"]
        {'description': 'Hazards rectified (整改隐患); no more than found.', 'anyOf': [{'type': 'integer', 'minimum': 0, 'maximum': 9999999999999999}, {'type': 'null'}], 'default': None}
        >>> json_schema(Ledger)["properties"]["document"]
        {'description': 'The kind of document.', 'const': 'ledger'}
    """
    kind = _kind(document)
    builder = _Builder()
    root = builder.object_schema(document)
    envelope = {
        "$schema": {
            "description": "The schema the document follows, for editors; any string.",
            "type": "string",
        },
        "schema_version": {
            "description": "The version of the document format.",
            "const": SCHEMA_VERSION,
        },
        "document": {"description": "The kind of document.", "const": kind},
    }
    return {
        "$schema": _DRAFT,
        "$id": _ID.format(kind=kind, version=SCHEMA_VERSION),
        "title": f"enforcement-core {kind.replace('_', ' ')} document "
        f"(schema_version {SCHEMA_VERSION})",
        "description": f"{root['description']} Written by enforcement_core.dump_json, read by "
        f"enforcement_core.load_json. {_LIMITS}",
        "type": "object",
        "properties": envelope | root["properties"],
        "required": [*(k for k in envelope if k != "$schema"), *root.get("required", [])],
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }


def load_schema(kind: str) -> dict[str, Any]:
    """The shipped JSON Schema of the document kind ``kind``, read from the package.

    Args:
        kind: ``"annual_report"`` or ``"ledger"``, as a document's ``document`` field says.

    Returns:
        The schema, a new dict on every call.

    Raises:
        SchemaNotFound: There is no kind of document of that name (a ``LookupError``); the
            message lists the kinds.

    Examples:
        >>> load_schema("ledger")["title"]
        'enforcement-core ledger document (schema_version 1)'
        >>> load_schema("report")
        Traceback (most recent call last):
        ...
        enforcement_core.errors.SchemaNotFound: no document kind 'report'; the kinds are: 'annual_report', 'ledger'
    """
    if kind not in SCHEMA_FILES:
        known = ", ".join(repr(name) for name in SCHEMA_FILES)
        raise SchemaNotFound(f"no document kind {kind!r}; the kinds are: {known}")
    shipped = resources.files("enforcement_core") / _FOLDER / SCHEMA_FILES[kind]
    schema: dict[str, Any] = json.loads(shipped.read_text(encoding="utf-8"))
    return schema


def _render(schema: Mapping[str, Any]) -> str:
    """The text of a schema file: UTF-8 JSON, indented by 2, keys in generation order."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Write the schema files (``python -m enforcement_core.schema [DIRECTORY]``).

    Args:
        argv: The arguments; ``sys.argv[1:]`` when ``None``. One optional argument,
            the directory to write to; the package's ``schemas`` folder by default.

    Returns:
        The exit status, 0.

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as directory:
        ...     main([directory])
        wrote ...annual_report.schema.json
        wrote ...ledger.schema.json
        0
    """
    parser = argparse.ArgumentParser(
        prog="python -m enforcement_core.schema",
        description="Write the JSON Schema of each kind of document, generated from the model.",
    )
    parser.add_argument(
        "directory",
        nargs="?",
        type=Path,
        default=Path(__file__).with_name(_FOLDER),
        help="where to write the files (default: the package's schemas folder)",
    )
    directory: Path = parser.parse_args(argv).directory
    directory.mkdir(parents=True, exist_ok=True)
    for kind, name in SCHEMA_FILES.items():
        path = directory / name
        path.write_text(_render(json_schema(_DOCUMENTS[kind])), encoding="utf-8", newline="\n")
        sys.stdout.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
