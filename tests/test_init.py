"""The top-level package: its names, and what importing it loads (and does not)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import types
import warnings
from pathlib import Path

import pytest

import enforcement_core as ec
from enforcement_core import _public

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

    def test_import_loads_only_the_tables_of_names(self, loaded_by_import):
        """Of the package, import loads the signal handling and the public surface's tables."""
        ours = {m for m in loaded_by_import if m.startswith("enforcement_core")}
        assert {"enforcement_core", "enforcement_core._signals", "enforcement_core._public"} == ours

    def test_first_use_of_a_model_class_loads_the_model(self):
        """ec.AnnualReport loads the report's module, and the figures it holds, on first use."""
        out = fresh(
            "import sys, enforcement_core as ec\n"
            "print('enforcement_core.report' in sys.modules, end=' ')\n"
            "cls = ec.AnnualReport\n"
            "print(cls is sys.modules['enforcement_core.report'].AnnualReport,"
            " 'enforcement_core.figures' in sys.modules)"
        )
        assert "False True True\n" == out

    def test_first_use_loads(self):
        """A name of a part not yet loaded is there when asked for, from its own module.

        The comparison, which the audit needs for a stated change alone, waits for one.
        """
        out = fresh(
            "import sys, enforcement_core as ec\n"
            "from enforcement_core import audit\n"
            "import enforcement_core.findings\n"
            "print(audit is sys.modules['enforcement_core.findings'].audit,"
            " 'enforcement_core.comparison' in sys.modules)"
        )
        assert "True False\n" == out


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

    @pytest.mark.parametrize("name", _public.SUBMODULES)
    def test_modules(self, name):
        """Each documented submodule is an attribute of the package: ec.tables is the module."""
        module = getattr(ec, name)
        assert isinstance(module, types.ModuleType)
        assert f"enforcement_core.{name}" == module.__name__

    @pytest.mark.parametrize("name", _public.SUBMODULES)
    def test_each_submodule_declares_its_names(self, name):
        """A documented submodule says what it offers in its own sorted-or-not __all__."""
        module = importlib.import_module(f"enforcement_core.{name}")
        assert module.__all__
        for public in module.__all__:
            assert hasattr(module, public), public

    def test_the_first_session_names(self):
        """The top level holds what a first session calls, and nothing else but the version."""
        assert [
            "AnnualReport",
            "EnforcementCoreError",
            "InvariantError",
            "Ledger",
            "LoadError",
            "Problem",
            "__version__",
            "audit",
            "compare",
            "dump_json",
            "load_json",
            "read_ledger",
            "render",
            "rollup",
            "summarize",
        ] == ec.__all__

    @pytest.mark.parametrize(("name", "module"), sorted(_public.FIRST.items()))
    def test_a_first_name_is_its_module_s_and_in_its_all(self, name, module):
        """ec.<name> is the object of the module that defines it, listed in that module's __all__."""
        home = importlib.import_module(f"enforcement_core.{module}")
        assert getattr(home, name) is getattr(ec, name)
        assert name in home.__all__

    def test_no_name_is_declared_twice(self):
        """A name is either at the top, moved, or a submodule: never two of these."""
        moved = [name for names in _public.MOVED.values() for name in names]
        every = [*_public.FIRST, *moved, *_public.SUBMODULES]
        assert len(every) == len(set(every))

    def test_the_stub_is_written_from_the_tables(self):
        """__init__.pyi, which type checkers read, is what the tables give."""
        stub = Path(ec.__file__).with_name("__init__.pyi").read_text(encoding="utf-8")
        assert _public.stub() == stub, (
            "run: python -c 'from enforcement_core import _public; _public.write_stub()'"
        )

    def test_dir_lists_the_submodules(self):
        """dir(ec) offers the submodules too, loaded yet or not."""
        assert set(_public.SUBMODULES) <= set(dir(ec))


#: enforcement_core.__all__ at 0.1.0, the names a program may import from the top level
#: today: each keeps working until 0.3.0.
OLD_ALL = [
    "ActionFigures",
    "ActionKind",
    "Activity",
    "ActivityKind",
    "AdmonitoryInterview",
    "AnnualReport",
    "AreaFigures",
    "AuthoritySource",
    "BodyHierarchy",
    "BodyLevel",
    "Bound",
    "Certificate",
    "CertificateStatus",
    "Change",
    "ChangeUnit",
    "CoercionFigures",
    "CoerciveAction",
    "CoerciveMeasure",
    "Comparison",
    "Conventions",
    "Coverage",
    "DepartureReason",
    "Dimension",
    "Domain",
    "DomainPenalties",
    "Employment",
    "EnforcementBody",
    "EnforcementCoreError",
    "EstablishmentKind",
    "ExampleNotFound",
    "Finding",
    "Findings",
    "Hazard",
    "HazardFigures",
    "HazardGrade",
    "Inspection",
    "InspectionArea",
    "InspectionFigures",
    "InterviewFigures",
    "InvariantError",
    "LabelError",
    "Ledger",
    "LicenceApplication",
    "LicensingDecision",
    "LicensingFigures",
    "LoadError",
    "MergeError",
    "MisconductCase",
    "MissingExtraError",
    "Narrative",
    "NotADocumentError",
    "NumberFormatError",
    "NumberTypeError",
    "Officer",
    "OtherAction",
    "OwnFigure",
    "Part",
    "Partial",
    "Party",
    "PartyKind",
    "PenaltyCase",
    "PenaltyFigures",
    "PlotError",
    "PowerFigures",
    "Problem",
    "Procedure",
    "Rate",
    "RateChange",
    "RateName",
    "Record",
    "RendererError",
    "RendererNotFound",
    "RendererOptionError",
    "RendererWarning",
    "ReviewCase",
    "ReviewCounts",
    "ReviewFigures",
    "ReviewKind",
    "SanctionCounting",
    "SanctionType",
    "SchemaNotFound",
    "Section",
    "SectionRole",
    "Severity",
    "StaffSource",
    "Stated",
    "StatedChange",
    "StatedFigure",
    "StatedNote",
    "StatisticsError",
    "SupervisionLevel",
    "TableProblem",
    "Unit",
    "UnitKind",
    "UnknownLocale",
    "UsageError",
    "WorkforceFigures",
    "__version__",
    "as_dimensions",
    "audit",
    "categories",
    "compare",
    "dump_json",
    "errors",
    "examples",
    "labels",
    "load_json",
    "merge",
    "numbers_zh",
    "plots",
    "read_hierarchy",
    "read_ledger",
    "render",
    "renderers",
    "rollup",
    "schema",
    "statistics",
    "summarize",
    "summarize_dask",
    "summarize_partitions",
]


class TestMoved:
    def test_every_old_name_is_kept_moved_or_a_submodule(self):
        """No name of 0.1.0's top level is lost: each is first-session, moved, or a module."""
        placed = {*_public.FIRST, *_public.MOVED_TO, *_public.SUBMODULES, "__version__"}
        assert set(OLD_ALL) <= placed
        assert set(_public.MOVED_TO) <= set(OLD_ALL)

    @pytest.mark.parametrize("name", sorted(_public.MOVED_TO))
    def test_an_old_path_warns_and_gives_the_same_object(self, name):
        """ec.<old name> still works, with a DeprecationWarning naming the new import."""
        module = _public.MOVED_TO[name]
        home = importlib.import_module(f"enforcement_core.{module}")
        with pytest.warns(DeprecationWarning, match=rf"enforcement_core\.{name} moved") as caught:
            value = getattr(ec, name)
        assert value is getattr(home, name)
        assert name in home.__all__
        (warning,) = caught
        message = str(warning.message)
        assert f"from enforcement_core.{module} import {name}" in message
        assert "0.3.0" in message
        assert __file__ == warning.filename  # the caller's line, not the package's

    def test_from_import_of_an_old_name_warns_at_the_import(self):
        """from enforcement_core import PenaltyCase warns, naming enforcement_core.actions."""
        with pytest.warns(
            DeprecationWarning, match=r"enforcement_core\.actions import PenaltyCase"
        ):
            from enforcement_core import PenaltyCase
        assert PenaltyCase is ec.actions.PenaltyCase

    def test_every_use_warns_not_only_the_first(self):
        """The old name is not cached in the namespace: the second use warns as well."""
        for _ in range(2):
            with pytest.warns(DeprecationWarning, match="statistics import Rate"):
                _ = ec.Rate

    def test_a_first_name_does_not_warn(self):
        """The names kept at the top never warn."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            for name in _public.FIRST:
                getattr(ec, name)

    def test_a_moved_name_is_not_offered(self):
        """Neither __all__ nor dir() offers a moved name."""
        assert not set(_public.MOVED_TO) & set(ec.__all__)
        assert not set(_public.MOVED_TO) & set(dir(ec))

    @pytest.mark.parametrize(("name", "module"), [("audit", "findings"), ("rollup", "rollups")])
    def test_function_and_its_module_have_names_of_their_own(self, name, module):
        """ec.audit and ec.rollup are the functions, whatever was imported first."""
        out = fresh(
            f"import enforcement_core.{module} as m\n"
            "import enforcement_core as ec\n"
            f"print(type(ec.{name}).__name__, ec.{name}.__module__, type(m).__name__)"
        )
        assert f"function enforcement_core.{module} module\n" == out
