"""The top-level package: its names, and what importing it loads (and does not)."""

from __future__ import annotations

import json
import subprocess
import sys
import types

import pytest

import enforcement_core as ec

#: Loaded the first time one of their names is used, never by ``import enforcement_core``.
NOT_LOADED_BY_IMPORT = [
    "enforcement_core.findings",
    "enforcement_core.comparison",
    "enforcement_core.examples",
    "enforcement_core.plots",
    "enforcement_core.renderers._registry",
    # Nor the cattrs converter, the JSON Schema or the statistics.
    "enforcement_core.schema",
    "enforcement_core.serialization",
    "enforcement_core.statistics",
]


def fresh(code: str) -> str:
    """The standard output of ``code`` run by a new interpreter."""
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert 0 == completed.returncode, completed.stderr
    return completed.stdout


@pytest.fixture(scope="module")
def loaded_by_import() -> set[str]:
    """The modules in sys.modules after ``import enforcement_core`` in a new interpreter."""
    return set(
        json.loads(
            fresh("import json, sys, enforcement_core; print(json.dumps(list(sys.modules)))")
        )
    )


class TestImport:
    @pytest.mark.parametrize("module", NOT_LOADED_BY_IMPORT)
    def test_import_does_not_load(self, loaded_by_import, module):
        """import enforcement_core leaves the heavier parts to their first use."""
        assert module not in loaded_by_import

    def test_import_loads_the_model(self, loaded_by_import):
        """The model's classes are there at once."""
        assert {"enforcement_core.report", "enforcement_core.ledger"} <= loaded_by_import

    def test_first_use_loads(self):
        """A name of a part not yet loaded is there when asked for, from its own module."""
        out = fresh(
            "import sys, enforcement_core as ec\n"
            "from enforcement_core import Finding\n"
            "import enforcement_core.findings\n"
            "print(Finding is sys.modules['enforcement_core.findings'].Finding,"
            " 'enforcement_core.comparison' in sys.modules)"
        )
        assert "True True\n" == out


class TestNames:
    def test_all_is_sorted(self):
        """__all__ is sorted, without duplicates."""
        assert sorted(set(ec.__all__)) == ec.__all__

    @pytest.mark.parametrize("name", ec.__all__)
    def test_every_name_resolves(self, name):
        """Each name of __all__ is an attribute of the package."""
        assert getattr(ec, name) is not None

    def test_dir_lists_every_name(self):
        """dir() lists every public name, loaded yet or not."""
        assert set(ec.__all__) <= set(dir(ec))

    def test_unknown_name(self):
        """An unknown name is an AttributeError that names it."""
        with pytest.raises(AttributeError, match="has no attribute 'nothing_here'"):
            _ = ec.nothing_here

    @pytest.mark.parametrize(
        "name", ["errors", "examples", "numbers_zh", "plots", "renderers", "schema", "statistics"]
    )
    def test_modules(self, name):
        """The public submodules re-exported at the top are the modules."""
        assert isinstance(getattr(ec, name), types.ModuleType)

    @pytest.mark.parametrize(("name", "module"), [("audit", "findings"), ("rollup", "rollups")])
    def test_function_and_its_module_have_names_of_their_own(self, name, module):
        """ec.audit and ec.rollup are the functions, whatever was imported first."""
        out = fresh(
            f"import enforcement_core.{module} as m\n"
            "import enforcement_core as ec\n"
            f"print(type(ec.{name}).__name__, ec.{name}.__module__, type(m).__name__)"
        )
        assert f"function enforcement_core.{module} module\n" == out
