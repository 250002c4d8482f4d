"""What the Office Open XML renderers (``docx``, ``xlsx``) share."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["xml_text"]

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
