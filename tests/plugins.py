"""A third-party renderer distribution, as pip would leave it in site-packages.

The suite must pass with third-party renderers installed (issue 11, item 13): the
registry and contract tests run in-process with this distribution on ``sys.path``
(the ``renderer_world`` fixture of conftest.py), and tests/test_with_plugins.py runs
the command line and the renderer pages in a fresh interpreter that sees it.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

#: The distribution's module: one renderer named like a common format, one that sorts
#: before every built-in.
SOURCE = """
class Markdown:
    media_type = "text/markdown; charset=utf-8"
    extension = ".md"
    options = {}

    def __init__(self, name):
        self.name = name

    def render(self, report, **options):
        return f"# {report.body.name}\\n\\n{report.year}\\n"


markdown = Markdown("markdown")
aaa = Markdown("aaa")
"""
#: The module's name on sys.path.
MODULE = "third_party_markdown"
#: The renderers the distribution declares.
NAMES = ("aaa", "markdown")
DISTRIBUTION = "enforcement-markdown"


def install(site: Path) -> None:
    """Write the distribution (its dist-info and its module) into the folder ``site``."""
    info = site / "enforcement_markdown-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {DISTRIBUTION}\nVersion: 1.0\n", encoding="utf-8"
    )
    entries = "".join(f"{name} = {MODULE}:{name}\n" for name in NAMES)
    (info / "entry_points.txt").write_text(
        f"[enforcement_core.renderers]\n{entries}", encoding="utf-8"
    )
    (site / f"{MODULE}.py").write_text(textwrap.dedent(SOURCE), encoding="utf-8")


def built_ins() -> list[str]:
    """The built-in renderers, as the registry finds them: the fixture every test that goes
    over the built-ins reads, so that a renderer added by its module and entry point is
    tested with no list to edit (docs/architecture.md, "Adding a renderer")."""
    from enforcement_core import renderers
    from enforcement_core.renderers._registry import OWN_PACKAGE

    return [entry.name for entry in renderers.available() if entry.value.startswith(OWN_PACKAGE)]


def text_built_ins() -> list[str]:
    """The built-in renderers that write text (not a zip or another binary document)."""
    from enforcement_core import renderers

    return [name for name in built_ins() if not renderers.is_binary(renderers.get(name))]
