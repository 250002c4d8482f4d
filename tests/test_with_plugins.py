"""The library's own registry and contract tests, run with third-party renderers installed.

As a CI job would run them after ``pip install`` of a plugin: a distribution that
declares renderers (one named ``markdown``, one sorting before every built-in) is
placed on ``sys.path``, and the tests that list, load and hold renderers to their
contract run in a fresh interpreter that sees it (issue 11, item 13).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent

THIRD_PARTY = """
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

#: The tests about the registry, the contract, the renderer listing and the pages that show it.
SELECTED = [
    "tests/test_renderers.py",
    "tests/test_contract.py",
    "tests/test_docs_cli.py",
    "tests/test_privacy.py",
    "docs/renderers.md",
    "src/enforcement_core/renderers/__init__.py",
    "tests/test_cli.py::TestErrors",
    "tests/test_cli.py::TestListing",
]


def install(site: Path) -> None:
    """A third-party distribution, as pip would leave it in site-packages."""
    info = site / "enforcement_markdown-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: enforcement-markdown\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[enforcement_core.renderers]\n"
        "markdown = third_party_markdown:markdown\n"
        "aaa = third_party_markdown:aaa\n",
        encoding="utf-8",
    )
    (site / "third_party_markdown.py").write_text(textwrap.dedent(THIRD_PARTY), encoding="utf-8")


@pytest.mark.slow
def test_the_suite_passes_with_third_party_renderers(tmp_path):
    """Registry, contract and listing tests pass with a plugin named 'markdown' installed."""
    site = tmp_path / "site"
    install(site)
    env = os.environ | {"PYTHONPATH": str(site), "HYPOTHESIS_PROFILE": "default"}
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *SELECTED],
        capture_output=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=900,
        check=False,
    )
    assert 0 == completed.returncode, completed.stdout[-4000:] + completed.stderr[-2000:]
    # The plugin was seen: the contract ran over it.
    assert "passed" in completed.stdout
