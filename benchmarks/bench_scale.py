"""Benchmark of summaries at scale: a province's penalty records, one process vs Dask vs pandas.

    python benchmarks/bench_scale.py                               # 1M and 10M records, 1,000 bodies
    python benchmarks/bench_scale.py --sizes 200000 --bodies 100   # a quick run

A partitioned Parquet dataset of 双公示 penalty rows (cells as text, as the national
tables publish them) is written for each size, over ``--bodies`` bodies under a tree of
cities and counties, in files of ``--rows-per-file`` rows. Each measure then runs in a
fresh process, from the files to every body's report and the roll-ups to the province
(the user's whole path), so that its peak memory is its own:

- ``single``: ``summarize_partitions`` + ``BodyHierarchy.rollup`` in one process;
- ``dask``: the same with ``summarize_dask`` on a ``distributed.LocalCluster`` of
  ``--workers`` single-threaded worker processes (the cluster's start is timed apart),
  with each worker's peak resident memory;
- ``dask-notrim`` (not run unless named in ``--only``): the same, the workers started
  without ``MALLOC_TRIM_THRESHOLD_=65536``, which distributed sets by default and which
  makes glibc map and unmap every large array anew (page faults and system time);
- ``dask-noprofile`` (not run unless named in ``--only``): the same, the workers started
  without distributed's statistical profiler (``distributed.worker.profile.enabled``,
  on by default: a sample of the running task's stack every 10 ms, in the worker),
  which ``summarize_dask`` pauses while it runs unless given ``profile=True``: the two
  measures' times are the same when the pause works;
- ``dask-profile`` (not run unless named in ``--only``): ``summarize_dask(profile=True)``,
  the profiler left sampling the summary's tasks;
- ``pandas``: ``read_parquet`` of every file + ``groupby`` by body counting cases and
  summing fines: what an analyst would write instead, with no checks of any row;
- ``polars``: the same in polars (the ``bench`` extra), the fines read as decimals.

Results go in docs/performance.md and docs/scale.md; times vary with the machine's load.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

YEAR = 2024
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
SANCTIONS = ["罚款", "警告", "罚款、没收违法所得", "警告、罚款", "责令停产停业"]
DOMAINS = ["交通", "安全生产", "市场监管", "生态环境", "城市管理"]


def credit_code(serial: int) -> str:
    first17 = f"11500{serial:012d}"
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return first17 + CREDIT_CHARS[(31 - total % 31) % 31]


def tree_rows(bodies: int) -> list[tuple[str, str, str, str | None]]:
    """A province, 10 cities, 5 counties each, and ``bodies`` bodies dealt over the counties."""
    rows: list[tuple[str, str, str, str | None]] = [("P", "示例省", "省", None)]
    counties = []
    for c in range(10):
        rows.append((f"C{c}", f"第{c + 1}市", "市", "P"))
        for k in range(5):
            counties.append(f"C{c}K{k}")
            rows.append((counties[-1], f"第{c + 1}市第{k + 1}区", "区县", f"C{c}"))
    for b in range(bodies):
        level = ("镇", "街道", "区县部门")[b % 3]
        rows.append((credit_code(b + 1), f"单位{b + 1:05d}", level, counties[b % len(counties)]))
    return rows


def write_dataset(root: Path, records: int, bodies: int, rows_per_file: int) -> None:
    """The penalty rows as Parquet files under region=<county>/, cells as text."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    rng = np.random.default_rng(20241201)
    codes = pa.array([credit_code(b + 1) for b in range(bodies)])
    names = pa.array([f"单位{b + 1:05d}" for b in range(bodies)])
    start = 0
    part = 0
    while start < records:
        n = min(rows_per_file, records - start)
        body = rng.integers(0, bodies, n)
        sanction = rng.integers(0, len(SANCTIONS), n)
        fined = np.isin(sanction, [0, 2, 3])
        fen = np.where(fined, rng.integers(1, 2_000_000, n), 0)
        wan = pc.divide(pa.array(fen, pa.float64()), 1_000_000)  # only to format the text cells
        wan_text = pc.utf8_replace_slice(
            pc.cast(pc.round(wan, 6), pa.string()), start=100, stop=100, replacement=""
        )
        wan_text = pc.if_else(pa.array(fined), wan_text, pa.scalar("0"))
        days = rng.integers(-5, 370, n)
        dates = pa.array(np.datetime64(f"{YEAR}-01-01") + days.astype("timedelta64[D]"))
        ids = pc.binary_join_element_wise(
            "罚", pc.cast(pa.array(np.arange(start, start + n)), pa.string()), ""
        )
        table = pa.table(
            {
                "行政相对人名称": pc.binary_join_element_wise(
                    "某企业", pc.cast(pa.array(rng.integers(0, 5000, n)), pa.string()), ""
                ),
                "行政相对人类别": pa.array(["法人及非法人组织"] * n),
                "行政处罚决定书文号": ids,
                "处罚类别": pa.array(SANCTIONS).take(pa.array(sanction)),
                "罚款金额（万元）": wan_text,
                "处罚决定日期": pc.cast(dates.cast(pa.date32()), pa.string()),
                "处罚机关": names.take(pa.array(body)),
                "处罚机关统一社会信用代码": codes.take(pa.array(body)),
                "执法领域": pa.array(DOMAINS).take(pa.array(rng.integers(0, len(DOMAINS), n))),
            }
        )
        path = root / f"region={part % 50:02d}" / f"part-{part:04d}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, path)
        start += n
        part += 1


def peak_mb() -> float:
    """Peak resident memory: VmHWM where Linux gives it (ru_maxrss survives exec)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(kind: str, root: Path, bodies: int, workers: int) -> dict[str, object]:
    """One measure, with its CPU time (this process, every thread) and the load around it."""
    load = os.getloadavg()[0]
    result = _measure(kind, root, bodies, workers)
    result["load"] = [round(load, 2), round(os.getloadavg()[0], 2)]
    return result


def warm(root: str) -> None:
    """The path run over one file of ``root``: every module it imports imported, not timed."""
    from enforcement_core.body import BodyLevel
    from enforcement_core.scale import summarize_partitions

    summarize_partitions(next(Path(root).rglob("*.parquet")), year=YEAR, level=BodyLevel.TOWN)


def _measure(kind: str, root: Path, bodies: int, workers: int) -> dict[str, object]:
    """One measure, in this process: the whole path from the files to the roll-ups."""
    if kind == "pandas":
        import pandas as pd

        began, cpu = time.perf_counter(), time.process_time()
        frames = [
            pd.read_parquet(
                path, columns=["处罚机关统一社会信用代码", "罚款金额（万元）", "处罚决定日期"]
            )
            for path in sorted(root.rglob("*.parquet"))
        ]
        frame = pd.concat(frames, ignore_index=True)
        frame = frame[frame["处罚决定日期"].str.startswith(str(YEAR))]
        frame["fine"] = pd.to_numeric(frame["罚款金额（万元）"]) * 10_000
        summary = frame.groupby("处罚机关统一社会信用代码").agg(
            cases=("fine", "size"), fines=("fine", "sum")
        )
        return {
            "seconds": time.perf_counter() - began,
            "cpu_seconds": time.process_time() - cpu,
            "bodies": len(summary),
            "peak_mb": peak_mb(),
        }
    if kind == "polars":
        import polars as pl

        began, cpu = time.perf_counter(), time.process_time()
        frame = pl.read_parquet(
            sorted(root.rglob("*.parquet")),
            columns=["处罚机关统一社会信用代码", "罚款金额（万元）", "处罚决定日期"],
        )
        fines = pl.col("罚款金额（万元）").cast(pl.Decimal(24, 6), strict=False) * 10_000
        summary = (
            frame.filter(pl.col("处罚决定日期").str.starts_with(str(YEAR)))
            .group_by("处罚机关统一社会信用代码")
            .agg(pl.len().alias("cases"), fines.sum().alias("fines"))
        )
        return {
            "seconds": time.perf_counter() - began,
            "cpu_seconds": time.process_time() - cpu,
            "bodies": len(summary),
            "peak_mb": peak_mb(),
        }
    from enforcement_core.hierarchy import BodyHierarchy
    from enforcement_core.scale import summarize_dask, summarize_partitions

    tree = BodyHierarchy.from_rows(tree_rows(bodies))
    if kind == "single":
        warm(str(root))
        began, cpu = time.perf_counter(), time.process_time()
        reports = summarize_partitions(root, year=YEAR, hierarchy=tree)
        rolled = tree.rollup(reports)
        return {
            "seconds": time.perf_counter() - began,
            "cpu_seconds": time.process_time() - cpu,
            "bodies": len(reports),
            "province_cases": rolled["P"].penalty.cases,
            "peak_mb": peak_mb(),
        }
    import dask
    import distributed

    began = time.perf_counter()
    settings = {
        "dask-notrim": {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None},
        "dask-noprofile": {"distributed.worker.profile.enabled": False},
    }
    with (
        dask.config.set(settings.get(kind, {})),
        distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        started = time.perf_counter() - began
        # A cluster serves many runs: the modules of the path are imported once, before.
        warm(str(root))
        client.run(warm, str(root))
        # The workers' CPU (each its process, every thread) from here on: the cluster's
        # start is not the path's.
        worker_cpu = sum(client.run(time.process_time).values())
        client_cpu = time.process_time()
        began = time.perf_counter()
        reports = summarize_dask(root, year=YEAR, hierarchy=tree, profile=kind == "dask-profile")
        rolled = tree.rollup(reports)
        seconds = time.perf_counter() - began
        worker_cpu = sum(client.run(time.process_time).values()) - worker_cpu
        client_cpu = time.process_time() - client_cpu
        worker_mb = client.run(peak_mb)
        trimmed = set(client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_").values())
    return {
        "seconds": seconds,
        # The client's (with the scheduler, which runs in it) and every worker's.
        "cpu_seconds": client_cpu + worker_cpu,
        "cluster_start_seconds": started,
        "bodies": len(reports),
        "province_cases": rolled["P"].penalty.cases,
        "peak_mb": peak_mb(),
        "worker_peak_mb": sorted(worker_mb.values()),
        "client_cpu_seconds": client_cpu,
        "workers_malloc_trim_threshold": sorted(str(t) for t in trimmed),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,10000000")
    parser.add_argument("--bodies", type=int, default=1000)
    parser.add_argument("--rows-per-file", type=int, default=250_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", default="single,dask,pandas,polars")
    parser.add_argument(
        "--rounds", type=int, default=1, help="rounds of every measure, taking turns; medians"
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # kind:root, in the child process
    args = parser.parse_args()
    if args.measure:
        kind, root = args.measure.split(":", 1)
        print(json.dumps(measure(kind, Path(root), args.bodies, args.workers)))
        return
    print(f"# {platform.python_version()} on {platform.machine()}, {args.workers} Dask workers")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "penalties"
            began = time.perf_counter()
            write_dataset(root, size, args.bodies, args.rows_per_file)
            files = len(list(root.rglob("*.parquet")))
            print(
                f"dataset {size} records, {args.bodies} bodies, {files} files, "
                f"written in {time.perf_counter() - began:.1f} s"
            )
            runs: dict[str, list[dict[str, object]]] = {}
            for _ in range(args.rounds):
                for kind in args.only.split(","):
                    result = _child(kind, root, size, args)
                    if result is not None:
                        runs.setdefault(kind, []).append(result)
            _summary(size, runs)


def _child(kind: str, root: Path, size: int, args: argparse.Namespace) -> dict[str, object] | None:
    """One measure in a fresh process (its peak memory its own), printed as it comes."""
    if kind == "polars" and importlib.util.find_spec("polars") is None:
        print("polars skipped: not installed (the bench extra)")
        return None
    child = subprocess.run(  # noqa: S603  (this script, with its own arguments)
        [
            sys.executable,
            __file__,
            "--measure",
            f"{kind}:{root}",
            "--bodies",
            str(args.bodies),
            "--workers",
            str(args.workers),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode:
        print(f"{kind} {size} FAILED\n{child.stderr[-3000:]}")
        return None
    result: dict[str, object] = json.loads(child.stdout.strip().splitlines()[-1])
    rate = size / float(result["seconds"])  # type: ignore[arg-type]
    print(f"{kind} {size} {json.dumps(result, ensure_ascii=False)} rate {rate:,.0f} records/s")
    return result


def _summary(size: int, runs: dict[str, list[dict[str, object]]]) -> None:
    """The medians of the rounds, and the ratios the issue asks for (wall, then CPU)."""
    medians = {
        kind: (
            statistics.median(float(r["seconds"]) for r in results),  # type: ignore[arg-type]
            statistics.median(float(r["cpu_seconds"]) for r in results),  # type: ignore[arg-type]
        )
        for kind, results in runs.items()
    }
    for kind, (wall, cpu) in medians.items():
        print(f"median of {len(runs[kind])}: {kind} {size} wall {wall:.2f} s, cpu {cpu:.2f} s")
    if "single" in medians and "polars" in medians:
        (wall, cpu), (p_wall, p_cpu) = medians["single"], medians["polars"]
        print(f"ratio {size}: single / polars {wall / p_wall:.1f}x wall, {cpu / p_cpu:.1f}x cpu")
    for dask in ("dask", "dask-notrim", "dask-noprofile"):
        if "single" in medians and dask in medians:
            (wall, cpu), (d_wall, d_cpu) = medians["single"], medians[dask]
            print(
                f"ratio {size}: {dask} speed-up {wall / d_wall:.2f}x wall "
                f"(efficiency {wall / d_wall / 2:.0%} of 2), cpu {dask} / single {d_cpu / cpu:.2f}x"
            )


if __name__ == "__main__":
    main()
