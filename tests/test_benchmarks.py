"""The benchmark script keeps working (its timings are measured by hand, never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "bench_statistics.py"
IMPORT_SCRIPT = Path(__file__).parent.parent / "benchmarks" / "bench_import.py"


class TestBenchmarkScript:
    def test_runs_on_a_small_ledger(self):
        """The script builds, summarises and rolls up, and reports each measure."""
        completed = subprocess.run(
            [sys.executable, str(SCRIPT), "--records", "2000", "--reports", "10", "--repeat", "1"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert 0 == completed.returncode, completed.stderr
        for measure in (
            "built 2,000 records",
            "summarize 2,000 records:",
            "rollup 10 reports:",
            "peak memory",
        ):
            assert measure in completed.stdout


class TestImportBenchmarkScript:
    def test_runs_once(self):
        """The script times each command and prints the ratios with their targets."""
        completed = subprocess.run(
            [sys.executable, str(IMPORT_SCRIPT), "--runs", "1", "--warmup", "0"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert 0 == completed.returncode, completed.stderr
        for measure in (
            "attrs, cattrs, babel",
            "import enforcement_core",
            "enforcement-core report",
            "import enforcement_core / attrs, cattrs, babel",
            "enforcement-core report / import with the model",
            "enforcement-core report / import (as first written)",
            "the report's own cost (cpu), report less the import with the model",
            "target < 1.3x",
            "target < 1.5x",
            "ratio (cpu)",
            "the report's own cost (cpu)",
        ):
            assert measure in completed.stdout
