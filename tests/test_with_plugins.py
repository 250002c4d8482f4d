"""The command line and the renderer pages, in a fresh interpreter with third-party renderers.

The registry and contract tests run in-process with a third-party distribution
installed (the ``renderer_world`` and ``third_party`` fixtures of conftest.py). What
only a fresh interpreter shows is smoke-tested here once: the distribution found on
``PYTHONPATH`` at start-up, the command line listing and using it, and the examples of
the renderer pages passing beside it (issue 11, item 13; issue 17).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import plugins

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    site = tmp_path_factory.mktemp("site")
    plugins.install(site)
    return os.environ | {"PYTHONPATH": str(site), "PYTHONIOENCODING": "utf-8"}


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.mark.slow
class TestAFreshInterpreter:
    def test_the_command_line_lists_and_uses_the_plugin(self, env):
        """`renderers` lists the plugin's renderers beside ours; `report --format` writes with one."""
        listed = run(env, "-m", "enforcement_core", "renderers")
        assert 0 == listed.returncode, listed.stderr
        assert f"markdown  ({plugins.DISTRIBUTION}" in listed.stdout
        assert "zh  (enforcement-core)" in listed.stdout
        written = run(env, "-m", "enforcement_core", "report", "--format", "markdown")
        assert 0 == written.returncode, written.stderr
        assert "# 重庆市渝北区古路镇人民政府\n\n2023\n" == written.stdout

    def test_the_renderer_pages_pass_beside_it(self, env):
        """The examples of docs/renderers.md and of the renderers module pass with it installed."""
        completed = run(
            env | {"HYPOTHESIS_PROFILE": "default"},
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "docs/renderers.md",
            "src/enforcement_core/renderers/__init__.py",
        )
        assert 0 == completed.returncode, completed.stdout[-4000:] + completed.stderr[-2000:]
        assert " passed" in completed.stdout
