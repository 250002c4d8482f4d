"""The test suite as a contributor runs it, again and again: how long, and is it green every time.

Run by hand from the root of a clean clone, with the project installed as README says;
results go in docs/performance.md ("The test suite")::

    python benchmarks/bench_suite.py                    # 20 runs of: python -m pytest -x -q
    python benchmarks/bench_suite.py --runs 5 --profile ci
    python benchmarks/bench_suite.py --runs 1 -- -m hypothesis   # extra pytest arguments
    python benchmarks/bench_suite.py --logs /tmp/suite-logs       # keep a red run's output there

Each run is a fresh ``python -m pytest -x -q -p no:cacheprovider`` with a random
Hypothesis seed, drawn here and printed, so that a red run can be repeated with
``--hypothesis-seed=N``. The table gives each run's wall time, the CPU time of the run
and of every process it started (the docs build, the notebook kernel, the command
line), its exit status and its last line; the summary, the green runs out of all and
the median and fastest wall time. Nothing is timed inside the tests themselves: the
machine is shared, and a timing assertion would be a flaky test.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_run(
    seed: int, profile: str, extra: list[str], logs: Path | None
) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds, exit status and last line of one run of the suite.

    The whole output of a red run is written to ``logs/seed-N.txt`` when ``logs`` is given.
    """
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
    command += [f"--hypothesis-seed={seed}", *extra]
    env = os.environ | {"HYPOTHESIS_PROFILE": profile}
    cpu = children_cpu()
    start = time.perf_counter()
    completed = subprocess.run(  # noqa: S603  (this interpreter running pytest, our own arguments)
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    lines = [line for line in completed.stdout.splitlines() if line.strip()]
    if logs is not None and completed.returncode != 0:
        logs.mkdir(parents=True, exist_ok=True)
        (logs / f"seed-{seed}.txt").write_text(completed.stdout + completed.stderr)
    return wall, children_cpu() - cpu, completed.returncode, lines[-1] if lines else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="how many runs (default 20)")
    parser.add_argument(
        "--profile", default="default", help="the Hypothesis profile (default: default)"
    )
    parser.add_argument("--logs", type=Path, help="a folder for the whole output of red runs")
    parser.add_argument("extra", nargs="*", help="more pytest arguments, after --")
    args = parser.parse_args()

    print(f"# {args.runs} runs of python -m pytest -x -q, profile {args.profile}")
    print("| run | seed | wall (s) | CPU (s) | status | last line |")
    print("|---|---|---|---|---|---|")
    walls, green = [], 0
    for run in range(1, args.runs + 1):
        seed = random.SystemRandom().randrange(2**32)
        wall, cpu, status, last = one_run(seed, args.profile, args.extra, args.logs)
        walls.append(wall)
        green += status == 0
        print(f"| {run} | {seed} | {wall:.1f} | {cpu:.1f} | {status} | {last} |", flush=True)
    print(
        f"\n{green} of {args.runs} green; wall time median {statistics.median(walls):.1f} s, "
        f"fastest {min(walls):.1f} s"
    )
    return 0 if green == args.runs else 1


if __name__ == "__main__":
    sys.exit(main())
