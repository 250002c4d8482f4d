"""The ledger benchmark keeps working (its timings are measured by hand, never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "bench_ledgers.py"


def bench(*arguments: str) -> str:
    """What the script prints given ``arguments``, once it has run to its end, no measure failing."""
    completed = subprocess.run(
        [sys.executable, str(SCRIPT), *arguments],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert 0 == completed.returncode, completed.stderr
    assert "FAILED" not in completed.stdout, completed.stdout
    return completed.stdout


class TestLedgerBenchmark:
    def test_runs_tiny(self):
        """Every measure runs on small files and prints its line and the ratios."""
        out = bench("--records", "300", "--excel-rows", "100", "--repeat", "1")
        for measure in (
            "json ",
            "json-msgspec ",
            "json-reference ",
            "csv-columnar ",
            "csv-ours ",
            "csv-arrow ",
            "csv-pandas ",
            "parquet-columnar ",
            "xlsx-ours ",
            "xlsx-columnar ",
            "xlsx-pandas ",
            "columnar-bytes ",
            # The anchors run, or say that the bench extra is not installed.
            "csv-polars ",
            "csv-duckdb ",
            "parquet-polars ",
            "parquet-duckdb ",
            "xlsx-polars ",
            # A national 双公示 table, beside the same anchors.
            "national-columnar ",
            "national-ours ",
            "national-pandas ",
            "national-polars ",
            "national-duckdb ",
            "ratio csv-columnar / csv-pandas",
            "ratio csv-ours / csv-columnar",
            "ratio national-ours / national-columnar",
        ):
            assert measure in out

    def test_the_template_runs_tiny(self):
        """A clerk's filled template: read_ledger, the object reading and the anchor, and their ratios."""
        out = bench("--only", "template", "--excel-rows", "50", "--repeat", "1")
        for measure in (
            "template-ours ",
            "template-objects ",
            "template-polars ",
            "penalty cases 50",
            "ratio template-ours / template-objects",
        ):
            assert measure in out, out

    def test_the_refused_file_runs_tiny(self):
        """A CSV file with one refused cell: read_ledger and the object reading, one problem each."""
        out = bench("--only", "refused", "--records", "300", "--repeat", "1")
        for measure in (
            "refused-ours ",
            "refused-objects ",
            "problems 1",
            "ratio refused-ours / refused-objects",
        ):
            assert measure in out, out
        assert 2 == out.count(" problems 1\n")

    def test_json_series_runs_tiny(self):
        """The JSON series takes turns at each size and prints the ratio to msgspec and the growth."""
        out = bench("--json-sizes", "300,600", "--rounds", "1")
        for line in (
            "round 1       300 json-msgspec ",
            "round 1       600 json 0",
            "round 1       600 json-reference ",
            "ratio json / json-msgspec at 600:",
            "growth 300 -> 600: CPU per record",
        ):
            assert line in out, out
