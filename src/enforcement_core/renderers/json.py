"""The ``json`` renderer: the library's own JSON document, lossless."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from enforcement_core._mapping import FrozenMap
from enforcement_core.renderers._base import Option
from enforcement_core.serialization import dump_json

if TYPE_CHECKING:
    from collections.abc import Mapping

    from enforcement_core.report import AnnualReport

__all__ = ["JsonRenderer", "renderer"]


class JsonRenderer:
    """The report as the library's JSON document, with its ``schema_version``.

    What it writes, :func:`~enforcement_core.load_json` reads back equal.

    Examples:
        >>> from enforcement_core import examples, load_json
        >>> report = examples.load("gulu-2023")
        >>> load_json(renderer.render(report, indent=2)) == report
        True
    """

    #: The name it is registered under.
    name = "json"
    #: JSON is UTF-8 by definition (RFC 8259).
    media_type = "application/json"
    #: The file extension.
    extension = ".json"
    #: The options it accepts.
    options: Mapping[str, Option] = FrozenMap(
        {"indent": Option(int, 2, "spaces of indentation; 0 writes one line")}
    )

    def render(self, report: AnnualReport, *, indent: int = 2, **_: Any) -> str:
        """The JSON text, ending with a newline."""
        return dump_json(report, indent=indent or None) + "\n"


#: The instance the entry point names.
renderer = JsonRenderer()
