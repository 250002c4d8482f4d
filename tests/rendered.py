"""Documents as a person sees them: converted to PDF by LibreOffice, measured on the page.

The tests that use this convert a few documents once per module (LibreOffice takes a
few seconds to start) and read the positions of the characters with pdfplumber. Where
LibreOffice is not installed they are skipped with the reason, except under CI
(``CI=true``), where a missing LibreOffice fails them: CI installs it (.ci/run).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pathlib import Path

#: Points per millimetre.
MM = 72 / 25.4
#: A4 in points.
PAGE = (210 * MM, 297 * MM)


def soffice() -> str:
    """The LibreOffice program; skip (or, under CI, fail) when it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        reason = (
            "LibreOffice is not installed (apt-get install libreoffice-writer-nogui "
            "libreoffice-calc-nogui fonts-wqy-microhei): the documents are not rendered"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def to_pdf(files: list[Path], folder: Path) -> dict[str, Path]:
    """Each file converted to PDF in one run of LibreOffice, by the file's stem."""
    program = soffice()
    profile = folder / "profile"
    subprocess.run(
        [
            program,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, files),
        ],
        capture_output=True,
        timeout=300,
        check=True,
    )
    converted = {file.stem: folder / f"{file.stem}.pdf" for file in files}
    missing = [name for name, path in converted.items() if not path.exists()]
    assert [] == missing, "LibreOffice did not convert these"
    return converted


class Line:
    """One line of text on a page: its characters, left to right."""

    def __init__(self, chars: list[dict[str, Any]]) -> None:
        self.chars = sorted(chars, key=lambda c: c["x0"])
        self.text = "".join(c["text"] for c in self.chars)
        self.x0 = min(c["x0"] for c in self.chars)
        self.x1 = max(c["x1"] for c in self.chars)
        self.top = min(c["top"] for c in self.chars)
        self.bottom = max(c["bottom"] for c in self.chars)
        self.size = max(c["size"] for c in self.chars)

    def __repr__(self) -> str:
        return f"Line({self.text!r}, x0={self.x0:.1f}, x1={self.x1:.1f}, top={self.top:.1f})"


class Page(list[Line]):
    """The lines of one page, top to bottom, and the page's size in points."""

    width: float
    height: float


def pages(pdf: Path) -> list[Page]:
    """The lines of each page, top to bottom."""
    pdfplumber = pytest.importorskip("pdfplumber")
    found = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            # Characters of one line share a baseline; their tops differ by font and size.
            groups: list[list[dict[str, Any]]] = []
            for char in sorted(page.chars, key=lambda c: c["bottom"]):
                if char["text"].isspace():
                    continue
                if groups and abs(groups[-1][0]["bottom"] - char["bottom"]) < 4:
                    groups[-1].append(char)
                else:
                    groups.append([char])
            lines = Page(sorted((Line(group) for group in groups), key=lambda line: line.top))
            lines.width, lines.height = float(page.width), float(page.height)
            found.append(lines)
    return found
