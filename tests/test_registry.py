"""Reading the built-ins' entry points without importlib.metadata (renderers._registry).

Where the renderers' group holds the built-ins alone, the registry reads them from the
distributions' ``entry_points.txt`` itself; anywhere else (a plugin, a file it might
read otherwise, a place it does not look) it leaves the reading to importlib.metadata,
where the rules on plugins are applied. Each test holds one side of one of those rules.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.machinery
import importlib.metadata
import shutil
import subprocess
import sys
import warnings
import zipfile
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given

import strategies
from enforcement_core import renderers
from enforcement_core.errors import RendererWarning
from enforcement_core.renderers import GROUP

if TYPE_CHECKING:
    from pathlib import Path

registry = importlib.import_module("enforcement_core.renderers._registry")

BUILT_INS = {"docx", "html", "json", "text", "xlsx", "zh"}


def reference() -> list[tuple[str, str]]:
    """The group's entry points as importlib.metadata reads them, in its order."""
    return [(ep.name, ep.value) for ep in registry._entry_points()]


def declared() -> list[tuple[str, str]] | None:
    found = registry.declared_built_ins()
    return None if found is None else [(ep.name, ep.value) for ep in found]


def distribution(site: Path, folder: str, entry_points: str | None, name: str = "x") -> Path:
    """A dist-info folder in ``site`` with this ``entry_points.txt`` (none when ``None``)."""
    info = site / folder
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8"
    )
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    return info


def _standard_find_distributions(*args: Any, **kwargs: Any) -> Any:
    """What the standard library's PathFinder.find_distributions does (Python 3.11)."""
    return importlib.metadata.MetadataPathFinder.find_distributions(*args, **kwargs)


@pytest.fixture(autouse=True)
def path_finder_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Distributions found by the standard path finder alone, as in a fresh command line.

    A library imported earlier in the process (dask, among others) imports the
    importlib_metadata backport, which takes the standard finder's place with its own
    and so sends every lookup to importlib.metadata: each test here is to find its own
    reason, not that one. The standard finder is put back for the test.
    """
    # The backport installs itself once per process, when first imported: that must not
    # happen inside a test's patched meta_path, or its finder would go with the patch and
    # the standard one stay disabled, and no later test find a distribution.
    with contextlib.suppress(ImportError):
        import importlib_metadata  # noqa: F401
    finder = importlib.machinery.PathFinder
    if getattr(finder, "find_distributions", None) is None:
        monkeypatch.setattr(
            finder, "find_distributions", staticmethod(_standard_find_distributions), raising=False
        )
    monkeypatch.setattr(
        sys,
        "meta_path",
        [f for f in sys.meta_path if getattr(f, "find_distributions", None) is None or f is finder],
    )


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A folder first on sys.path; the registry forgets it afterwards."""
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    monkeypatch.undo()
    renderers.refresh()


class TestBuiltInsAlone:
    def test_read_as_importlib_metadata_reads_them(self):
        """The built-ins' entry points, in importlib.metadata's order, without it."""
        assert declared() == reference()
        assert BUILT_INS <= {name for name, _ in declared() or []}

    def test_each_loads_what_importlib_metadata_loads(self):
        """A declared entry point loads the same object, and names the same distribution."""
        by_name = {ep.name: ep for ep in registry._entry_points()}
        for ep in registry.declared_built_ins() or []:
            assert by_name[ep.name].load() is ep.load()
            assert by_name[ep.name].dist.metadata["Name"] == ep.dist.metadata["Name"]

    def test_a_registry_lists_and_names_the_same_either_way(self, monkeypatch):
        """Listing, ownership and the names in errors do not depend on the road taken."""
        quick = registry.Registry()
        monkeypatch.setattr(registry, "declared_built_ins", lambda: None)
        full = registry.Registry()
        assert full.available() == quick.available()
        for name in BUILT_INS:
            assert full.is_own(name)
            assert quick.is_own(name)
            assert full.origin(name) == quick.origin(name)
            assert "'enforcement-core'" in quick.origin(name)

    def test_a_report_needs_no_distribution_metadata(self):
        """Getting and running a built-in reads no distribution's metadata."""
        code = (
            "import sys; from enforcement_core import examples, renderers; "
            "renderers.render(examples.load('gulu-2023'), 'zh'); "
            "print('importlib.metadata' in sys.modules)"
        )
        assert "False" == fresh(code)

    def test_a_distribution_of_another_group_is_passed_over(self, site):
        """Entry points of other groups, even unreadable ones, keep the quick reading."""
        distribution(site, "tool-1.0.dist-info", "[console_scripts]\ntool = tool:main\n")
        distribution(site, "odd-1.0.dist-info", "[console_scripts]\nnot a pair\n")
        distribution(site, "bare-1.0.dist-info", None)
        assert declared() is not None
        assert declared() == reference()

    def test_our_distribution_found_twice_is_listed_once(self, site):
        """A second copy of our own dist-info (two sys.path entries) clashes with nothing."""
        once = registry.declared_built_ins() or []
        shutil.copytree(once[0].folder, site / "enforcement_core-0.0.1.dist-info")
        assert len(declared() or []) == 2 * len(once)
        assert declared() == reference()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fresh_registry = registry.Registry()
            assert BUILT_INS <= set(fresh_registry.names())
            assert fresh_registry.is_own("zh")

    def test_a_folder_not_there_is_passed_over(self, tmp_path, monkeypatch):
        """A sys.path entry that does not exist holds nothing, there and in importlib.metadata."""
        monkeypatch.syspath_prepend(str(tmp_path / "absent"))
        assert declared() == reference()


class TestAnythingElseGoesToImportlibMetadata:
    def test_a_plugin(self, site):
        """A plugin's entry point: the registry reads every distribution, and lists it."""
        distribution(site, "md-1.0.dist-info", f"[{GROUP}]\nmd = plugin_md:renderer\n", "md")
        assert declared() is None
        assert "md" in registry.Registry().names()

    def test_a_plugin_taking_a_built_in_name_is_still_refused(self, site):
        """The rule on built-in names holds: the plugin's zh is ignored, with a warning."""
        distribution(site, "zh2-1.0.dist-info", f"[{GROUP}]\nzh = plugin_zh:renderer\n", "zh2")
        assert declared() is None
        fresh_registry = registry.Registry()
        with pytest.warns(RendererWarning, match="shadow the built-in renderer 'zh'"):
            fresh_registry.names()
        assert fresh_registry.is_own("zh")

    @pytest.mark.parametrize(
        "text",
        [
            f"[{GROUP}]\nnot a pair\n",
            f"[console_scripts]\nnot a pair\n[{GROUP}]\nzh = enforcement_core.renderers.zh:renderer\n",
        ],
    )
    def test_a_file_of_the_group_that_cannot_be_read(self, site, text):
        """importlib.metadata skips such a distribution; which it skips is its to say."""
        distribution(site, "bad-1.0.dist-info", text)
        assert declared() is None

    def test_a_zip_on_sys_path(self, tmp_path, monkeypatch):
        """A zip (an egg) is read by importlib.metadata's own zip reading."""
        archive = tmp_path / "eggs.zip"
        with zipfile.ZipFile(archive, "w") as written:
            written.writestr("x-1.0.dist-info/METADATA", "Name: x\n")
        monkeypatch.syspath_prepend(str(archive))
        assert declared() is None

    def test_an_egg_folder_on_sys_path(self, tmp_path, monkeypatch):
        """An .egg folder keeps its metadata in EGG-INFO, which this reading does not look at."""
        egg = tmp_path / "x-1.0.egg"
        egg.mkdir()
        monkeypatch.syspath_prepend(str(egg))
        assert declared() is None

    def test_another_finder_of_distributions(self, monkeypatch):
        """A finder on sys.meta_path that finds distributions may know some no folder holds."""

        class Finder:
            @staticmethod
            def find_spec(*_: object) -> None:
                return None

            @staticmethod
            def find_distributions(*_: object) -> list[object]:
                return []

        monkeypatch.setattr(sys, "meta_path", [Finder(), *sys.meta_path])
        assert declared() is None

    def test_the_importlib_metadata_backport(self, monkeypatch):
        """Its finder, once the backport is imported (by dask, say), is such a finder."""
        backport = pytest.importorskip("importlib_metadata")
        monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, backport.MetadataPathFinder()])
        assert declared() is None


@given(text=strategies.entry_points_texts)
def test_entry_points_txt_is_read_as_importlib_metadata_reads_it(text):
    """The same (section, name, value) triples, or a failure of the whole file on both sides."""
    try:
        expected = [
            (section.name, section.value.name, section.value.value)
            for section in importlib.metadata.Sectioned.section_pairs(text)
        ]
    except (TypeError, ValueError):  # a line that is no pair (TypeError, in Python 3.11)
        with pytest.raises(ValueError):
            list(registry._section_pairs(text))
    else:
        assert expected == list(registry._section_pairs(text))


def fresh(code: str) -> str:
    """The standard output of ``code`` run by a new interpreter, stripped."""
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert 0 == completed.returncode, completed.stderr
    return completed.stdout.strip()
