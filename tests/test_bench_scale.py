"""The scale benchmark keeps working (its timings are measured by hand, never asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "bench_scale.py"


def test_runs_tiny():
    """Every measure runs on a small dataset, finds every body and the same province total."""
    completed = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--sizes",
            "3000",
            "--bodies",
            "30",
            "--rows-per-file",
            "1000",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert 0 == completed.returncode, completed.stderr
    assert "FAILED" not in completed.stdout, completed.stdout
    results = {}
    for line in completed.stdout.splitlines():
        kind, _, rest = line.partition(" 3000 ")
        if kind in {"single", "dask", "pandas", "polars"}:
            results[kind] = json.loads(rest.rsplit(" rate ", 1)[0])
    # polars is the bench extra's: measured where it is installed, else said to be skipped.
    assert {"single", "dask", "pandas"} <= set(results)
    if "polars" in results:
        assert 30 == results["polars"]["bodies"]
    else:
        assert "polars skipped" in completed.stdout
    assert (
        30
        == results["single"]["bodies"]
        == results["dask"]["bodies"]
        == results["pandas"]["bodies"]
    )
    assert results["single"]["province_cases"] == results["dask"]["province_cases"]
    assert 2 == len(results["dask"]["worker_peak_mb"])
    assert "dataset 3000 records, 30 bodies, 3 files" in completed.stdout
