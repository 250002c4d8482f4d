"""The documentation site builds, with warnings as errors, and shows the API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from enforcement_core.schema import load_schema

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"

# Every page of the site's table of contents.
PAGES = [
    "index",
    "getting-started",
    "model",
    "templates",
    "statistics",
    "numbers_zh",
    "renderers",
    "schema",
    "cli",
    "notebooks",
    "tutorial",
    "plots",
    "performance",
    "mutation",
    "architecture",
    "api",
    "changelog",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the HTML site once for the module; fail with Sphinx's output if it fails."""
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            # tests/test_tutorial.py executes the notebook and checks its outputs; the
            # site built here does not run it a second time (the published build does).
            "-D",
            "nb_execution_mode=off",
            "-d",
            str(out / ".doctrees"),
            str(DOCS),
            str(out / "html"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"sphinx-build failed:\n{result.stdout}\n{result.stderr}"
    return out / "html"


def page(site: Path, name: str) -> str:
    return (site / f"{name}.html").read_text(encoding="utf-8")


def quick_start(markdown: Path) -> list[str]:
    """The lines of the first sh block after the "## Quick start" heading."""
    lines = markdown.read_text(encoding="utf-8").splitlines()
    start = lines.index("## Quick start")
    fence = lines.index("```sh", start)
    return lines[fence + 1 : lines.index("```", fence)]


class TestDocs:
    def test_build_passes_with_warnings_as_errors(self, site):
        """sphinx-build -W --keep-going exits 0 and writes the landing page and the API."""
        assert (site / "index.html").is_file()
        assert (site / "api.html").is_file()

    @pytest.mark.parametrize("name", PAGES)
    def test_every_page_is_built(self, site, name):
        """Each page of the table of contents is written."""
        assert (site / f"{name}.html").is_file()

    def test_index_links_every_page(self, site):
        """The landing page's table of contents links every other page."""
        index = page(site, "index")
        for name in PAGES[1:]:
            assert f'href="{name}.html"' in index, name

    @pytest.mark.parametrize(
        "name",
        ["AnnualReport", "summarize", "format_amount", "audit", "load_json", "Rate", "render"],
    )
    def test_api_documents_public_names(self, site, name):
        """The API reference shows public classes and functions from their docstrings."""
        assert name in page(site, "api")

    def test_api_documents_each_object_in_its_module(self, site):
        """Objects are documented under the module that defines them, not the re-export."""
        api = page(site, "api")
        assert 'id="enforcement_core.report.AnnualReport"' in api
        assert 'id="enforcement_core.summary.summarize"' in api
        assert 'id="enforcement_core.numbers_zh.format_amount"' in api
        assert 'id="enforcement_core.AnnualReport"' not in api

    def test_reexported_names_link_to_the_api(self, site):
        """{class}`~enforcement_core.AnnualReport` in a page links to its documented object."""
        assert 'href="api.html#enforcement_core.report.AnnualReport"' in page(site, "model")
        # {func}`~enforcement_core.audit` names the function, documented in its module.
        assert 'href="api.html#enforcement_core.findings.audit"' in page(site, "statistics")

    def test_attribute_descriptions_keep_their_colons(self, site):
        """Napoleon does not read "法定执法: held by law." as a type and a description."""
        assert "法定执法: held by law." in page(site, "api")

    def test_index_quick_start_is_the_readmes(self):
        """The landing page's Quick start commands are README.md's, word for word."""
        assert quick_start(ROOT / "README.md") == quick_start(DOCS / "index.md")

    def test_changelog_is_included(self, site):
        """The changelog page holds CHANGELOG.md."""
        changelog = page(site, "changelog")
        assert "Changelog" in changelog
        assert "Unreleased" in changelog


class TestPublishedSchema:
    def test_schemas_are_downloadable_from_the_site(self, site):
        """The JSON Schemas that ship with the package are published with the site, unchanged."""
        published = {path.name: path for path in (site / "_downloads").rglob("*.schema.json")}
        assert {"annual_report.schema.json", "ledger.schema.json"} == set(published)
        for kind in ("annual_report", "ledger"):
            assert load_schema(kind) == json.loads(
                published[f"{kind}.schema.json"].read_text(encoding="utf-8")
            )
