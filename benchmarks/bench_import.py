"""Start-up cost of the library and of its command line, run by hand; results go in docs/performance.md.

    python benchmarks/bench_import.py                       # 40 runs of each command
    python benchmarks/bench_import.py --runs 100
    python benchmarks/bench_import.py --also-src /tmp/old/src   # side by side with another checkout

Each command runs in a fresh interpreter, the way a user meets it:

- ``attrs, cattrs, babel``: ``python -c "import attrs, cattrs, babel"``, the dependencies alone;
- ``import enforcement_core``: ``python -c "import enforcement_core"``;
- ``enforcement-core report``: the installed command line printing the built-in example's
  Chinese report (to a pipe that discards it).

Targets on a 2-core machine: ``import enforcement_core`` under 1.3 times the dependencies
alone, and ``enforcement-core report`` under 1.3 times ``import enforcement_core``.

The commands take turns, run after run, so a burst of other work on a shared machine
falls on all of them alike; the table gives the fastest run (the least disturbed) and
the median of each, and the ratios of each. ``--also-src`` runs the library's commands
a second time with another checkout's ``src`` first on ``PYTHONPATH`` (the same
interpreter and installed distributions, so the same entry points), to compare a change
with what it changes.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

TARGET = 1.3


def _command_line() -> list[str]:
    """The installed ``enforcement-core`` script beside this interpreter, else ``-m``."""
    scripts = Path(sysconfig.get_path("scripts"))
    for candidate in (
        scripts / "enforcement-core",
        Path(sys.executable).parent / "enforcement-core",
    ):
        if candidate.exists():
            return [str(candidate)]
    found = shutil.which("enforcement-core")
    return [found] if found else [sys.executable, "-m", "enforcement_core"]


def _commands(also_src: str | None) -> dict[str, tuple[list[str], dict[str, str]]]:
    plain = dict(os.environ)
    plain.pop("PYTHONPATH", None)
    commands = {
        "attrs, cattrs, babel": ([sys.executable, "-c", "import attrs, cattrs, babel"], plain),
        "import enforcement_core": ([sys.executable, "-c", "import enforcement_core"], plain),
        "enforcement-core report": ([*_command_line(), "report"], plain),
    }
    if also_src is not None:
        other = plain | {"PYTHONPATH": str(Path(also_src).resolve())}
        commands["import enforcement_core (also-src)"] = (
            commands["import enforcement_core"][0],
            other,
        )
        commands["enforcement-core report (also-src)"] = (
            commands["enforcement-core report"][0],
            other,
        )
    return commands


def _run_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)  # noqa: S603  (our own commands)
    return time.perf_counter() - start


def measure(runs: int, warmup: int, also_src: str | None) -> dict[str, list[float]]:
    """Seconds of every run of each command, the commands taking turns."""
    commands = _commands(also_src)
    for _ in range(warmup):
        for argv, env in commands.values():
            _run_once(argv, env)
    timings: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (argv, env) in commands.items():
            timings[name].append(_run_once(argv, env))
    return timings


def _ratio_line(label: str, numerator: list[float], denominator: list[float]) -> str:
    best = min(numerator) / min(denominator)
    median = statistics.median(numerator) / statistics.median(denominator)
    verdict = "met" if max(best, median) < TARGET else "NOT met"
    return f"{label:<58} {best:>5.2f}x {median:>7.2f}x   target < {TARGET}x: {verdict}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40, help="runs of each command (default 40)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first (default 3)")
    parser.add_argument(
        "--also-src", metavar="DIR", help="also time the library from this src folder"
    )
    args = parser.parse_args()

    print(
        f"CPython {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.platform()}; {args.runs} runs each, taking turns"
    )
    timings = measure(args.runs, args.warmup, args.also_src)
    print()
    print(f"{'command':<40} {'fastest':>9} {'median':>9}")
    for name, seconds in timings.items():
        print(
            f"{name:<40} {min(seconds) * 1000:>6.1f} ms {statistics.median(seconds) * 1000:>6.1f} ms"
        )
    print()
    print(f"{'ratio':<58} {'fastest':>6} {'median':>8}")
    suffixes = [""] + ([" (also-src)"] if args.also_src else [])
    for suffix in suffixes:
        imported = timings[f"import enforcement_core{suffix}"]
        report = timings[f"enforcement-core report{suffix}"]
        print(
            _ratio_line(
                f"import enforcement_core{suffix} / attrs, cattrs, babel",
                imported,
                timings["attrs, cattrs, babel"],
            )
        )
        print(_ratio_line(f"enforcement-core report{suffix} / import{suffix}", report, imported))


if __name__ == "__main__":
    sys.exit(main())
