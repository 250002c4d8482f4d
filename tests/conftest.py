"""Shared test configuration: hypothesis profiles, golden-file refreshing, installed plugins."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import enforcement_core as ec
import plugins

# Importing profiles registers the Hypothesis profiles and loads the one HYPOTHESIS_PROFILE
# names (tests/profiles.py), before any test module is imported.
import profiles  # noqa: F401
from enforcement_core import renderers

GOLDEN = Path(__file__).parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files under tests/golden/ from the renderers' output",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare output with tests/golden/<name>; only --update-golden rewrites the file."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
        expected = path.read_text(encoding="utf-8") if path.exists() else None
        assert expected is not None, (
            f"no golden file {path}; run pytest --update-golden to write it"
        )
        assert expected == actual, (
            f"{name} differs from its golden file; if intended, run pytest --update-golden"
        )

    return check


# Shared objects --------------------------------------------------------------------
# Not function-scoped, so that hypothesis tests may use them too: everything here is
# immutable (attrs frozen classes, and examples loaded once). body and report are
# module-scoped so that a test module may override body for its reports.


@pytest.fixture(scope="module")
def body() -> ec.body.EnforcementBody:
    """An invented town government, for reports built in a test."""
    return ec.body.EnforcementBody("示例镇人民政府", ec.body.BodyLevel.TOWN)


@pytest.fixture(scope="module")
def report(body: ec.body.EnforcementBody):
    """Build a report of ``body`` (2023 unless told) with the given figures."""

    def build(
        body: ec.body.EnforcementBody = body, year: int = 2023, **fields: object
    ) -> ec.AnnualReport:
        return ec.AnnualReport(body=body, year=year, **fields)  # type: ignore[arg-type]

    return build


@pytest.fixture(scope="session")
def gulu() -> ec.AnnualReport:
    """The reference report's data (the built-in example gulu-2023)."""
    return ec.examples.load("gulu-2023")


@pytest.fixture(scope="session")
def gulu_ledger() -> ec.Ledger:
    """The synthetic ledger behind the reference report."""
    return ec.examples.load_records("gulu-2023")


# Renderers installed beside the built-ins ----------------------------------------------


@pytest.fixture(scope="module")
def third_party(tmp_path_factory: pytest.TempPathFactory):
    """A third-party renderer distribution (tests/plugins.py) on sys.path for one module."""
    site = tmp_path_factory.mktemp("site")
    plugins.install(site)
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(site))
        renderers.refresh()
        yield plugins.NAMES
    sys.modules.pop(plugins.MODULE, None)
    renderers.refresh()


@pytest.fixture(scope="module", params=["built-ins only", "third-party installed"])
def renderer_world(request: pytest.FixtureRequest):
    """Each test of a module that uses it runs without and then with third-party renderers."""
    if request.param == "third-party installed":
        yield request.getfixturevalue("third_party")
    else:
        yield ()


@pytest.fixture
def arrow_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Arrow column engine alone: the polars engine of a penalty CSV turned off."""
    from enforcement_core.tables import _polars_engine

    monkeypatch.setattr(_polars_engine, "_ON", [False])
