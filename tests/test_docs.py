"""The documentation site builds, with warnings as errors, and shows the API."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from myst_parser.slugs import github_slugify

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
    "performance-history",
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


# A figure as the performance pages write it: a date, a time of day, or a number with its
# unit, if it has one ("1.14 s" is not "1.14 ms"; "1,000,000" is one figure).
FIGURE = re.compile(
    r"\d{4}-\d\d-\d\d|\d\d:\d\d|\d[\d,]*(?:\.\d+)?(?:\s?(?:ms|s|MiB|GB|×)(?![A-Za-z]))?"
)
DATE = re.compile(r"\b\d{4}-\d\d-\d\d\b")
HEADING = re.compile(r"^(#{1,3}) (.+)$")
LINK = re.compile(r"\]\(([^)\s]+\.md)#([^)\s]+)\)")


def headings(markdown: str) -> list[tuple[int, str]]:
    """The (level, title) of each heading of up to three #, outside fenced code."""
    found = []
    fenced = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and (match := HEADING.match(line)):
            found.append((len(match[1]), match[2].strip()))
    return found


def anchors(markdown: str) -> set[str]:
    """The anchors MyST gives the headings (myst_heading_anchors = 3 in docs/conf.py)."""
    made: set[str] = set()
    for _, title in headings(markdown):
        slug = base = github_slugify(title)
        count = 0
        while slug in made:
            count += 1
            slug = f"{base}-{count}"
        made.add(slug)
    return made


def sections(markdown: str) -> list[tuple[str, str]]:
    """(title, text) of each part of the page that a ## or ### heading opens, white space
    made single spaces so that a figure cut by a line break is found whole."""
    parts: list[tuple[str, list[str]]] = [("", [])]
    fenced = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        match = None if fenced else HEADING.match(line)
        if match and len(match[1]) > 1:
            parts.append((match[2].strip(), []))
        parts[-1][1].append(line)
    return [(title, " ".join(" ".join(lines).split())) for title, lines in parts]


def states(text: str, figure: str) -> bool:
    """Whether ``text`` holds ``figure`` whole (1.14 s is not in 11.14 s nor in 1.145 s)."""
    return re.search(rf"(?<![\d.,]){re.escape(figure)}(?![\d]|[.,]\d)", text) is not None


def at_a_glance() -> list[list[str]]:
    """The rows of the At a glance table of docs/performance.md, cells stripped, header out."""
    lines = (DOCS / "performance.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("## At a glance")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("## "))
    rows = [line for line in lines[start:end] if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows]


class TestPerformancePages:
    def test_at_a_glance_has_every_path_and_anchor(self):
        """The table names pandas, polars, duckdb and msgspec and every user path."""
        header, _, *body = at_a_glance()
        assert header[1:6] == ["enforcement-core", "pandas", "polars", "duckdb", "msgspec"]
        paths = " ".join(row[0] for row in body)
        for path in ("CSV", "Parquet", "双公示", "xlsx", "JSON", "one process", "Dask"):
            assert path in paths, path
        assert "`import enforcement_core`" in paths
        assert "`enforcement-core report`" in paths

    def test_every_figure_at_a_glance_is_in_a_dated_section_of_the_history(self):
        """Each cell's figures, with the date it or its row gives, stand together in one
        dated section of docs/performance-history.md (its old summary, "At a glance", left
        out): no figure of the table is typed in without its measurement."""
        history = [
            text
            for title, text in sections((DOCS / "performance-history.md").read_text("utf-8"))
            if title not in {"", "At a glance"} and DATE.search(text)
        ]
        _header, _rule, *body = at_a_glance()
        checked = 0
        for row in body:
            *cells, measured = row
            assert DATE.search(measured), f"no date for the row {row[0]!r}"
            for cell in cells:
                figures = FIGURE.findall(cell)
                if not figures:
                    continue
                if not DATE.search(cell):
                    figures += FIGURE.findall(measured)
                checked += 1
                assert any(all(states(text, f) for f in figures) for text in history), (
                    f"{figures} of {cell!r} are not found together in a dated section"
                )
        assert checked >= 20

    def test_the_history_keeps_every_dated_section(self):
        """The history holds the sections the current page points to for the full record."""
        titles = {title for _, title in headings((DOCS / "performance-history.md").read_text())}
        assert {"Import and start-up", "The test suite", "Summaries at scale"} <= titles
        assert any(title.startswith("Every path measured together, again") for title in titles)

    @pytest.mark.parametrize(
        "source", [ROOT / "README.md", *sorted(DOCS.glob("*.md"))], ids=lambda p: p.name
    )
    def test_links_to_a_heading_of_a_page_resolve(self, source):
        """Every [text](page.md#anchor) link, README's included (Sphinx does not build the
        README), names a page that exists and one of its headings' anchors."""
        for target, anchor in LINK.findall(source.read_text(encoding="utf-8")):
            page_path = (source.parent / target).resolve()
            assert page_path.is_file(), f"{source.name}: {target}"
            assert anchor in anchors(page_path.read_text(encoding="utf-8")), (
                f"{source.name}: {target}#{anchor}"
            )
