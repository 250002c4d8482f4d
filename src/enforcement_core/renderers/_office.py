"""What the Office Open XML renderers (``docx``, ``xlsx``) share."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["CORE_PROPERTIES", "repack", "written_on", "xml_text"]

#: The part of an Office package that holds its title, author and dates.
CORE_PROPERTIES: Final = "docProps/core.xml"
_MODIFIED: Final = re.compile(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")

# XML 1.0 §2.2: characters a document cannot hold at all, even escaped (C0 controls
# other than tab, line feed and carriage return; lone surrogates; U+FFFE and U+FFFF).
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    r"""``text`` without the characters an XML document cannot hold, which Word and Excel refuse.

    Examples:
        >>> xml_text("古路镇\x00\x1f\t执法")
        '古路镇\t执法'
    """
    return _NOT_XML.sub("", text)


def written_on(year: int) -> dt.datetime:
    """The date an Office file of the report for ``year`` says it was written: the year's end.

    Examples:
        >>> written_on(2023), written_on(9999)
        (datetime.datetime(2024, 1, 1, 0, 0), datetime.datetime(9999, 1, 1, 0, 0))
    """
    # A date, not an instant: no time zone.
    return dt.datetime(min(max(year + 1, 1), 9999), 1, 1)  # noqa: DTZ001


def repack(
    package: bytes, year: int, edit: Mapping[str, Callable[[bytes], bytes]] | None = None
) -> bytes:
    """The zip ``package`` with no clock in it, and ``edit`` applied to the parts it names.

    Every part is dated the first day after the report's ``year``, and so is the
    package's "modified" property, which the libraries set to the moment of writing:
    the same report gives the same bytes, whenever it is written.

    Examples:
        >>> first = repack(_zip("word/document.xml", b"<w/>"), 2023)
        >>> zipfile.ZipFile(io.BytesIO(first)).infolist()[0].date_time
        (2024, 1, 1, 0, 0, 0)
        >>> first == repack(_zip("word/document.xml", b"<w/>"), 2023)
        True
    """
    # Zip dates run from 1980 to 2107.
    moment = (min(max(year + 1, 1980), 2107), 1, 1, 0, 0, 0)
    stamp = f"{moment[0]:04d}-01-01T00:00:00Z"
    edits = dict(edit or {})
    source = zipfile.ZipFile(io.BytesIO(package))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in edits:
                data = edits[item.filename](data)
            if item.filename == CORE_PROPERTIES:
                data = _MODIFIED.sub(rf"\g<1>{stamp}\g<2>", data.decode("utf-8")).encode("utf-8")
            info = zipfile.ZipInfo(item.filename, date_time=moment)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            target.writestr(info, data)
    return output.getvalue()


def _zip(name: str, data: bytes) -> bytes:
    """A package of one part, for the examples."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(name, data)
    return buffer.getvalue()
