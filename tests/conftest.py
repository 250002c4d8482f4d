"""Shared test configuration: hypothesis profiles and golden-file refreshing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# "default" keeps the suite quick on a shared 2-core machine; "thorough" is for a
# deliberate hunt: HYPOTHESIS_PROFILE=thorough pytest.
settings.register_profile(
    "default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", max_examples=2000, deadline=None)
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
