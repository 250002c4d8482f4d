"""Shared test configuration: hypothesis profiles and golden-file refreshing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import enforcement_core as ec

# "default" keeps the suite quick on a shared 2-core machine; "thorough" is for a
# deliberate hunt: HYPOTHESIS_PROFILE=thorough pytest.
settings.register_profile(
    "default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", max_examples=2000, deadline=None)
# "mutation" gives every mutant the same examples and no saved failures to replay, so a
# mutation score is repeatable (docs/mutation.md). mutmut runs each test more than once
# in one process, from fresh class instances: that is the "differing executors".
settings.register_profile(
    "mutation",
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


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
def body() -> ec.EnforcementBody:
    """An invented town government, for reports built in a test."""
    return ec.EnforcementBody("示例镇人民政府", ec.BodyLevel.TOWN)


@pytest.fixture(scope="module")
def report(body: ec.EnforcementBody):
    """Build a report of ``body`` (2023 unless told) with the given figures."""

    def build(
        body: ec.EnforcementBody = body, year: int = 2023, **fields: object
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
