"""The ``json`` renderer: the library's own JSON document, lossless."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from enforcement_core._mapping import FrozenMap
from enforcement_core.renderers._base import PERSONAL_DATA, Option, published, validate_options
from enforcement_core.serialization import dump_json

if TYPE_CHECKING:
    from collections.abc import Mapping

    from enforcement_core.report import AnnualReport

__all__ = ["JsonRenderer", "renderer"]


class JsonRenderer:
    """The report as the library's JSON document, with its ``schema_version``.

    What it writes, :func:`~enforcement_core.load_json` reads back equal, except
    identity-card and mobile numbers in the report's text, which are withheld
    unless ``personal_data=True`` (:func:`~enforcement_core.dump_json` keeps them).

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
        {
            "indent": Option(int, 2, "spaces of indentation; 0 writes one line"),
            "personal_data": PERSONAL_DATA,
        }
    )

    def render(self, report: AnnualReport, **options: Any) -> str:
        """The JSON text, ending with a newline."""
        return self._write(report, **validate_options(self, options))

    def _write(self, report: AnnualReport, *, indent: int, personal_data: bool) -> str:
        # Output is published: numbers in the text are withheld here as in every
        # renderer. dump_json() is the lossless copy, personal data included.
        report = published(report, personal_data=personal_data)
        return dump_json(report, indent=indent or None) + "\n"


#: The instance the entry point names.
renderer = JsonRenderer()
