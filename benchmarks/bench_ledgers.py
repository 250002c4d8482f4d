"""Benchmarks of ledgers read from files, side by side; results go in docs/performance.md.

    python benchmarks/bench_ledgers.py                       # 1,000,000 records, 100,000 Excel rows
    python benchmarks/bench_ledgers.py --records 20000 --excel-rows 2000 --only json

Each measure runs in a fresh process, so that its peak memory is its own:

- ``json``: ``load_json`` of a 1,000,000-record ledger document, then ``summarize``
  (targets: under 10 s, under 1 GB), beside ``json-reference`` (the same without msgspec:
  the reference road) and ``json-msgspec`` (msgspec alone decoding the file into the
  structures generated from the model: the anchor); ``--json-sizes 100000,1000000,3000000``
  runs these alone at each size, taking turns for ``--rounds`` rounds, and prints CPU and
  wall time, peak memory, the ratio to msgspec and the growth of CPU per record;
- ``csv`` and ``parquet``: a 1,000,000-row penalty sheet to a validated summary through
  the columnar ledger, beside pandas ``read_csv`` / ``read_parquet`` + ``groupby``
  computing the same tallies without validation (target: at most 1.0x pandas);
- ``national``: a national 双公示 penalty table (CSV, fines in 万元) of as many rows,
  through the columnar ledger, beside pandas, polars and duckdb computing cases and
  fines by domain and cases by sanction type without validation;
- ``csv-ours`` and ``national-ours``: the object path's call, ``summarize(read_ledger(...))``,
  on the same CSV files (read by the column engine, its records built only when asked for;
  ratios to ``csv-columnar`` and ``national-columnar``, target: at most 2x);
- ``xlsx``: a 100,000-row penalty sheet through ``read_ledger`` and ``summarize``,
  beside ``pandas.read_excel`` with openpyxl + ``groupby`` (target: at most 1.0x);
- ``template``: a clerk's workbook, the template (``enforcement-core init``) filled in: its
  about sheet, a unit and two officers, and ``--excel-rows`` penalty cases in its fourteen
  columns (the party's left blank); ``template-ours`` is ``summarize(read_ledger(path))``,
  the body and year from the about sheet (the clerk's whole path), ``template-objects``
  the same read record by record (``read_objects``, the reference), beside fastexcel and
  polars reading the penalty sheet and counting without validation;
- ``csv-arrow``: ``csv-columnar`` with the polars engine turned off, as a user without
  polars (the ``fast`` extra) reads the CSV: the Arrow engine alone;
- ``refused``: the 1,000,000-row CSV with one cell refused (a day that is not one, in
  the middle row): ``refused-ours`` is ``read_ledger`` to its LoadError (the column
  engine's problems, in the object reading's order), ``refused-objects`` the same read
  record by record (``read_objects``, which read_ledger used to fall back on);
- the bytes per row a columnar ledger holds (target: under 100);
- ``floors`` (not run unless named in ``--only``): what a road costs before any check,
  each in a fresh process, whole-process CPU, beside the anchors: ``floor-arrow-imports``
  the model and the Arrow engine's imports alone (pyarrow, its compute functions, numpy);
  ``floor-parquet-arrow`` those and the Parquet file read as the engine reads it;
  ``floor-parquet-polars`` the model, polars, and the Parquet file read into polars, its
  text columns made categorical (what the polars engine checks, a code a row);
  ``floor-csv-polars`` the same of the CSV, read as the polars engine reads it;
  ``floor-xlsx-guard`` the model and the guard that measures a workbook's XML before any
  reader lays it out (``tables._workbook``), ``floor-xlsx-fastexcel`` the guard and then
  fastexcel, the fastest reader, reading the sheet into Arrow. A road whose floor with its
  checks' cost passes 1.5x the anchor cannot meet issue 24's target. ``--only floors``
  writes the CSV and Parquet files and runs their measures too; ``--only floors,xlsx``
  the workbook's as well.

Times are the best of ``--repeat`` runs inside the measuring process.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import enforcement_core as ec
from enforcement_core.labels import label

YEAR = 2023
DOMAINS = list(ec.actions.Domain)
AREAS = list(ec.actions.InspectionArea)
LEVELS = [None] * 18 + [lv.value for lv in ec.actions.SupervisionLevel]
OFFICERS = [f"o-{n:02d}" for n in range(40)]
PENALTY_HEADERS = [
    "编号",
    "决定日期",
    "执法领域",
    "处罚种类",
    "程序",
    "罚款金额（元）",
    "执法人员编号",
    "法制审核",
]


def _days() -> list[str]:
    start = dt.date(YEAR, 1, 1)
    return [(start + dt.timedelta(days=n)).isoformat() for n in range(365)]


def json_document(records: int, seed: int = 1) -> str:
    """A ledger document of ``records`` records, in bench_statistics.py's mix."""
    rng = random.Random(seed)
    days = _days()
    counts = {k: int(records * p) for k, p in (("i", 0.4), ("p", 0.3), ("l", 0.2), ("c", 0.05))}
    counts["o"] = records - sum(counts.values())
    pairs = [rng.sample(OFFICERS, 2) for _ in range(200)]
    inspections = []
    for n in range(counts["i"]):
        day = rng.choice(days)
        hazards = []
        for k in range(rng.choice((0, 0, 1, 1, 2))):
            hazard = {"id": f"H{n}-{k}", "found_on": day}
            if rng.random() < 0.95:
                hazard["rectified_on"] = day
            level = rng.choice(LEVELS)
            if level:
                hazard["supervision"] = level
            hazards.append(hazard)
        inspection = {
            "id": f"I{n}",
            "inspected_on": day,
            "target": "检查对象",
            "area": rng.choice(AREAS).value,
            "officers": rng.choice(pairs),
        }
        if hazards:
            inspection["hazards"] = hazards
        inspections.append(inspection)
    penalties = []
    for n in range(counts["p"]):
        fined = rng.random() < 0.6
        case = {
            "id": f"P{n}",
            "decided_on": rng.choice(days),
            "domain": rng.choice(DOMAINS).value,
            "sanctions": ["fine" if fined else "warning"],
            "procedure": rng.choice(("simple", "ordinary")),
            "officers": rng.choice(pairs),
        }
        if fined:
            case["fine"] = str(rng.randrange(50, 5000))
            case["legal_review"] = True
        penalties.append(case)
    applications = []
    for n in range(counts["l"]):
        day = rng.choice(days)
        decision = rng.choice(("granted", "refused", None))
        application = {"id": f"L{n}", "applied_on": day, "subject": "农村宅基地"}
        if decision:
            application |= {"decision": decision, "decided_on": day}
        applications.append(application)
    coercion = [
        {
            "id": f"C{n}",
            "taken_on": rng.choice(days),
            "measure": rng.choice(list(ec.actions.CoerciveMeasure)).value,
            "officers": rng.choice(pairs),
        }
        for n in range(counts["c"])
    ]
    other = [
        {
            "id": f"O{n}",
            "kind": rng.choice(("levy", "reward")),
            "taken_on": rng.choice(days),
            "amount": "100",
        }
        for n in range(counts["o"])
    ]
    return json.dumps(
        {
            "schema_version": 1,
            "document": "ledger",
            "body": {"name": "示例镇人民政府", "level": "town"},
            "year": YEAR,
            "licence_applications": applications,
            "inspections": inspections,
            "penalty_cases": penalties,
            "coercive_actions": coercion,
            "other_actions": other,
        },
        ensure_ascii=False,
    )


def penalty_rows(rows: int, seed: int = 3) -> list[list[str]]:
    """Rows of the layout's penalty sheet: Chinese labels, yuan, 是/否."""
    rng = random.Random(seed)
    days = _days()
    domains = [label(d) for d in DOMAINS]
    procedures = [label(p) for p in ec.actions.Procedure]
    officers = ["、".join(rng.sample(OFFICERS, 2)) for _ in range(200)]
    table = []
    for n in range(rows):
        fined = rng.random() < 0.6
        table.append(
            [
                f"P{n}",
                rng.choice(days),
                rng.choice(domains),
                "罚款" if fined else "警告",
                rng.choice(procedures),
                str(rng.randrange(50, 5000)) + (".50" if n % 7 == 0 else "") if fined else "",
                rng.choice(officers),
                "是" if fined else "否",
            ]
        )
    return table


NATIONAL_HEADERS = [
    "行政相对人名称",
    "行政相对人类别",
    "行政处罚决定书文号",
    "处罚类别",
    "罚款金额（万元）",
    "处罚决定日期",
    "处罚机关",
    "处罚机关统一社会信用代码",
    "执法领域",
]
NATIONAL_SANCTIONS = ["罚款", "警告", "罚款、没收违法所得", "警告、罚款", "责令停产停业"]
NATIONAL_DOMAINS = ["交通", "安全生产", "市场监管", "生态环境", "城市管理"]
# A unified social credit code (GB 32100-2015) with its check character.
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _credit_code(serial: int) -> str:
    first17 = f"11500{serial:012d}"
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return first17 + CREDIT_CHARS[(31 - total % 31) % 31]


def national_rows(rows: int, seed: int = 5) -> list[list[str]]:
    """Rows of a national 双公示 penalty table of one body: fines in 万元 to the fen."""
    rng = random.Random(seed)
    days = _days()
    code = _credit_code(1)
    table = []
    for n in range(rows):
        sanctions = rng.choice(NATIONAL_SANCTIONS)
        fen = rng.randrange(1, 2_000_000) if "罚款" in sanctions else 0
        wan = f"{fen // 10**6}.{fen % 10**6:06d}".rstrip("0").rstrip(".") if fen else "0"
        table.append(
            [
                f"某企业{rng.randrange(5000)}",
                "法人及非法人组织",
                f"示例罚〔{YEAR}〕{n}号",
                sanctions,
                wan,
                rng.choice(days),
                "示例镇人民政府",
                code,
                rng.choice(NATIONAL_DOMAINS),
            ]
        )
    return table


def peak_rss_mib() -> float:
    """This process's peak resident memory.

    VmHWM, where Linux gives it: ru_maxrss survives exec, so a measure started by a
    parent holding the written rows would report the parent's size as its floor.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


#: The CPU time of the process (every thread) in the best run of the last best_of.
CPU = [0.0]
#: The whole process's CPU, kernel time and peak memory as the last best_of ended.
AT_END: dict[str, float] = {}


def best_of(repeat: int, work: object) -> tuple[float, object]:
    timings, result = [], None
    for _ in range(repeat):
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        result = work()  # type: ignore[operator]
        timings.append((time.perf_counter() - start, time.process_time() - cpu))
    best = min(timings)
    CPU[0] = best[1]
    # The whole process's figures are taken here, as the work ends: what a measure does
    # after it (polars reading its file again to give its size in Arrow) is not counted.
    AT_END.update(
        process=process_cpu(),
        kernel=resource.getrusage(resource.RUSAGE_SELF).ru_stime,
        peak=peak_rss_mib(),
    )
    return best[0], result


def _pandas_tallies(frame: object) -> object:
    """The penalty tallies summarize computes: cases and fines by domain, cases by procedure.

    The fines are read as numbers (floats: pandas has no exact decimal column), a blank
    one as missing, as the polars and duckdb anchors read them as decimals; summed as the
    text the file holds, they would be joined, not added.
    """
    import pandas as pd

    frame["fine"] = pd.to_numeric(frame["罚款金额（元）"], errors="coerce")  # type: ignore[index]
    by_domain = frame.groupby("执法领域").agg(  # type: ignore[attr-defined]
        cases=("编号", "size"), fines=("fine", "sum")
    )
    by_procedure = frame.groupby("程序").size()  # type: ignore[attr-defined]
    by_sanction = frame.groupby("处罚种类").size()  # type: ignore[attr-defined]
    reviews = (frame["法制审核"] == "是").sum()  # type: ignore[index]
    return by_domain, by_procedure, by_sanction, reviews


def _polars_tallies(frame: object) -> object:
    """The same tallies in polars, the fines read as decimals (a blank one is null)."""
    import polars as pl

    fines = pl.col("罚款金额（元）").cast(pl.Decimal(18, 2), strict=False)
    by_domain = frame.group_by("执法领域").agg(pl.len(), fines.sum())  # type: ignore[attr-defined]
    by_procedure = frame.group_by("程序").len()  # type: ignore[attr-defined]
    by_sanction = frame.group_by("处罚种类").len()  # type: ignore[attr-defined]
    reviews = (frame["法制审核"] == "是").sum()  # type: ignore[index]
    return by_domain, by_procedure, by_sanction, reviews


def _duckdb_tallies(path: Path) -> object:
    """The same tallies in duckdb SQL over the file at ``path``, read whole into a table first."""
    import duckdb

    con = duckdb.connect()
    if path.suffix == ".csv":
        con.read_csv(str(path), all_varchar=True).to_table("t")
    else:
        con.read_parquet(str(path)).to_table("t")
    return (
        con.sql(
            'select "执法领域", count(*), sum(try_cast("罚款金额（元）" as decimal(18, 2))) '
            "from t group by 1"
        ).fetchall(),
        con.sql('select "程序", count(*) from t group by 1').fetchall(),
        con.sql('select "处罚种类", count(*) from t group by 1').fetchall(),
        con.sql("select count(*) from t where \"法制审核\" = '是'").fetchall(),
    )


def _national_pandas(frame: object) -> object:
    """A national table's tallies: cases and fines (万元, as floats) by domain, cases by type."""
    import pandas as pd

    frame["fine"] = pd.to_numeric(frame["罚款金额（万元）"], errors="coerce")  # type: ignore[index]
    by_domain = frame.groupby("执法领域").agg(  # type: ignore[attr-defined]
        cases=("行政处罚决定书文号", "size"), fines=("fine", "sum")
    )
    by_sanction = frame["处罚类别"].str.split("、").explode().value_counts()  # type: ignore[index]
    return by_domain, by_sanction


def _national_polars(frame: object) -> object:
    """The same tallies in polars, the fines read as decimals."""
    import polars as pl

    fines = pl.col("罚款金额（万元）").cast(pl.Decimal(18, 6), strict=False)
    by_domain = frame.group_by("执法领域").agg(pl.len(), fines.sum())  # type: ignore[attr-defined]
    by_sanction = frame.select(pl.col("处罚类别").str.split("、").explode().value_counts())  # type: ignore[attr-defined]
    return by_domain, by_sanction


def _national_duckdb(path: Path) -> object:
    """The same tallies in duckdb SQL, the file read whole into a table first."""
    import duckdb

    con = duckdb.connect()
    con.read_csv(str(path), all_varchar=True).to_table("t")
    return (
        con.sql(
            'select "执法领域", count(*), sum(try_cast("罚款金额（万元）" as decimal(18, 6))) '
            "from t group by 1"
        ).fetchall(),
        con.sql(
            "select s, count(*) from (select unnest(string_split(\"处罚类别\", '、')) as s from t) "
            "group by 1"
        ).fetchall(),
    )


#: The anchors an analyst would pick today, each with the package it needs (the `bench` extra).
ANCHORS = {
    "csv-polars": "polars",
    "parquet-polars": "polars",
    "xlsx-polars": "fastexcel",
    "template-polars": "fastexcel",
    "csv-duckdb": "duckdb",
    "parquet-duckdb": "duckdb",
    "national-polars": "polars",
    "national-duckdb": "duckdb",
}


def _anchor(kind: str, path: Path, repeat: int) -> tuple[float, str]:
    """The time of one anchor, and the size of its data in Arrow (polars) as a note."""
    if kind == "national-duckdb":
        seconds, _ = best_of(repeat, lambda: _national_duckdb(path))
        return seconds, ""
    if kind.endswith("-duckdb"):
        seconds, _ = best_of(repeat, lambda: _duckdb_tallies(path))
        return seconds, ""
    import polars as pl

    if kind == "national-polars":
        seconds, _ = best_of(
            repeat, lambda: _national_polars(pl.read_csv(path, infer_schema=False))
        )
        frame = pl.read_csv(path, infer_schema=False)
        return seconds, f"arrow {frame.estimated_size() / 2**20:.0f} MiB"

    def read() -> object:
        if kind == "csv-polars":
            return pl.read_csv(path, infer_schema=False)
        if kind == "parquet-polars":
            return pl.read_parquet(path)
        if kind == "template-polars":
            frame = pl.read_excel(
                path, sheet_name="行政处罚", engine="calamine", infer_schema_length=0
            )
            # The template marks a required column's header with "*".
            return frame.rename({name: name.lstrip("*") for name in frame.columns})
        return pl.read_excel(path, engine="calamine", infer_schema_length=0)

    seconds, _ = best_of(repeat, lambda: _polars_tallies(read()))
    frame = read()
    return seconds, f"arrow {frame.estimated_size() / 2**20:.0f} MiB"  # type: ignore[attr-defined]


def _body() -> object:
    """The body of the ledgers, made when a measure of the library's needs it.

    Made at import, it would load the model in the anchors' processes too, and their
    whole-process CPU (``process cpu``) would count it against them.
    """
    return ec.body.EnforcementBody("示例镇人民政府", ec.body.BodyLevel.TOWN)


def _floor(kind: str, path: Path) -> object:
    """What a road reads before any check (``floor-*``): the model loaded, its imports, the file."""
    _body()  # the model, as every measure of the library's loads it
    if kind in ("floor-arrow-imports", "floor-parquet-arrow"):
        import importlib

        for module in ("numpy", "pyarrow.compute", "pyarrow.parquet"):
            importlib.import_module(module)
        if kind == "floor-arrow-imports":
            return None
        from enforcement_core.tables._arrow_files import _arrow_sheets
        from enforcement_core.tables.columnar import _to_encode

        # The engine's first step: the vocabulary columns read dictionary-encoded.
        return _arrow_sheets(path, "parquet", path.stem, None, _to_encode(path.stem, None))
    if kind.startswith("floor-xlsx-"):
        from enforcement_core.tables._workbook import _checked_zip

        data = path.read_bytes()
        _checked_zip(data, path.name)
        if kind == "floor-xlsx-guard":
            return None
        import fastexcel

        return fastexcel.read_excel(data).load_sheet(0).to_arrow()
    import polars as pl

    if kind == "floor-parquet-polars":
        frame = pl.read_parquet(path)
    elif kind == "floor-csv-polars":
        with path.open(encoding="utf-8") as handle:
            header = handle.readline().rstrip("\r\n").split(",")
        frame = pl.read_csv(
            path,
            infer_schema=False,
            schema_overrides={n: pl.Categorical(pl.Categories.random()) for n in header[1:]},
        )
    else:
        raise SystemExit(f"unknown measure {kind}")
    # Every text column but the decision numbers' (a value a row) as codes, as the engine reads them.
    return frame.with_columns(
        pl.col(name).cast(pl.Categorical(pl.Categories.random()))
        for name in frame.columns[1:]
        if frame.schema[name] == pl.String
    )


def measure(kind: str, path: Path, repeat: int) -> None:  # noqa: C901, PLR0912, PLR0915  (one branch a measure)
    """Run one measure in this process and print its line."""
    BODY = (  # noqa: N806
        _body()
        if "columnar" in kind or kind.endswith(("-ours", "-arrow")) or kind.startswith("refused")
        else None
    )
    if kind in ("json", "json-reference", "json-msgspec"):
        _measure_json(kind, path)
        return
    if kind == "national-columnar":
        from enforcement_core.tables import read_columnar

        seconds, report = best_of(
            repeat, lambda: read_columnar(path, body=BODY, year=YEAR).summarize()
        )
        extra = f"penalty cases {report.penalty.cases:,}"  # type: ignore[attr-defined]
    elif kind == "national-pandas":
        import pandas as pd

        seconds, _ = best_of(
            repeat, lambda: _national_pandas(pd.read_csv(path, dtype=str, keep_default_na=False))
        )
        extra = ""
    elif kind in ("csv-columnar", "parquet-columnar"):
        from enforcement_core.tables import read_columnar

        def work() -> object:
            return read_columnar(path, body=BODY, year=YEAR).summarize()

        seconds, report = best_of(repeat, work)
        extra = f"penalty cases {report.penalty.cases:,}"  # type: ignore[attr-defined]
    elif kind == "csv-arrow":
        from enforcement_core.tables import _polars_engine, read_columnar

        _polars_engine._ON[0] = False  # noqa: SLF001  (the Arrow engine alone, as without polars)
        seconds, report = best_of(
            repeat, lambda: read_columnar(path, body=BODY, year=YEAR).summarize()
        )
        extra = f"penalty cases {report.penalty.cases:,}"  # type: ignore[attr-defined]
    elif kind == "csv-pandas":
        import pandas as pd

        seconds, _ = best_of(repeat, lambda: _pandas_tallies(pd.read_csv(path, dtype=str)))
        extra = ""
    elif kind == "parquet-pandas":
        import pandas as pd

        seconds, _ = best_of(repeat, lambda: _pandas_tallies(pd.read_parquet(path)))
        extra = ""
    elif kind in ("csv-ours", "national-ours"):
        from enforcement_core.summary import summarize
        from enforcement_core.tables import read_ledger

        seconds, report = best_of(
            repeat, lambda: summarize(read_ledger(path, body=BODY, year=YEAR))
        )
        extra = f"penalty cases {report.penalty.cases:,}"  # type: ignore[attr-defined]
    elif kind == "xlsx-ours":
        seconds, report = best_of(
            repeat, lambda: ec.summarize(ec.read_ledger(path, body=BODY, year=YEAR))
        )
        extra = f"penalty cases {report.penalty.cases:,}"  # type: ignore[attr-defined]
    elif kind == "xlsx-columnar":
        from enforcement_core.tables import read_columnar

        seconds, report = best_of(
            repeat, lambda: read_columnar(path, body=BODY, year=YEAR).summarize()
        )
        extra = f"penalty cases {report.penalty.cases:,}"  # type: ignore[attr-defined]
    elif kind in ("template-ours", "template-objects"):
        from enforcement_core.summary import summarize
        from enforcement_core.tables import read_ledger
        from enforcement_core.tables._read import read_objects

        read = read_ledger if kind == "template-ours" else read_objects
        seconds, report = best_of(repeat, lambda: summarize(read(path)))
        extra = f"penalty cases {report.penalty.cases:,}"  # type: ignore[attr-defined]
    elif kind in ("refused-ours", "refused-objects"):
        from enforcement_core.errors import LoadError
        from enforcement_core.tables import read_ledger
        from enforcement_core.tables._read import read_objects

        read = read_ledger if kind == "refused-ours" else read_objects

        def refused() -> object:
            try:
                read(path, body=BODY, year=YEAR)
            except LoadError as error:
                return error
            raise SystemExit(f"{kind}: the file was not refused")

        seconds, error = best_of(repeat, refused)
        extra = f"problems {len(error.problems)}"  # type: ignore[attr-defined]
    elif kind == "xlsx-pandas":
        import pandas as pd

        seconds, _ = best_of(
            repeat, lambda: _pandas_tallies(pd.read_excel(path, engine="openpyxl", dtype=str))
        )
        extra = ""
    elif kind in ANCHORS:
        import importlib.util

        if importlib.util.find_spec(ANCHORS[kind]) is None:
            print(f"RESULT {kind} skipped: {ANCHORS[kind]} is not installed (the bench extra)")
            return
        seconds, extra = _anchor(kind, path, repeat)
    elif kind.startswith("floor-"):
        import importlib.util

        needs = "polars" if "polars" in kind else "fastexcel" if "fastexcel" in kind else None
        if needs is not None and importlib.util.find_spec(needs) is None:
            print(f"RESULT {kind} skipped: {needs} is not installed (the bench extra)")
            return
        seconds, _ = best_of(repeat, lambda: _floor(kind, path))
        extra = ""
    elif kind == "columnar-bytes":
        from enforcement_core.tables import read_columnar

        ledger = read_columnar(path, body=BODY, year=YEAR)
        print(f"RESULT {kind} {ledger.bytes_per_row():.1f} bytes per row")
        return
    else:
        raise SystemExit(f"unknown measure {kind}")
    print(
        f"RESULT {kind} {seconds:.3f} s cpu {CPU[0]:.3f} s process cpu {AT_END['process']:.3f} s "
        f"kernel {AT_END['kernel']:.3f} s peak {AT_END['peak']:.0f} MiB {extra}"
    )


def process_cpu() -> float:
    """The CPU seconds of this whole process so far, every thread: the interpreter's start
    and every import included, the library's and the anchors' alike (one run: ``--repeat 1``).
    """
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _measure_json(kind: str, path: Path) -> None:
    """One run of a JSON measure: CPU and wall time, peak memory of this process."""
    from unittest import mock

    from enforcement_core import _fast_json, serialization

    if kind == "json-msgspec":
        # The anchor: msgspec alone, decoding (and type-checking) the same file into the
        # structures generated from the model, building none of the library's objects.
        decoder = serialization._FAST.plan().decoder  # noqa: SLF001

        def work() -> object:
            return decoder.decode(path.read_bytes())

    else:

        def work() -> object:
            return ec.summarize(ec.load_json(path))

    gc.collect()
    # The reference road is what load_json reads without msgspec installed.
    with mock.patch.object(_fast_json, "available", return_value=kind != "json-reference"):
        cpu, wall = time.process_time(), time.perf_counter()
        result = work()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    extra = "" if kind == "json-msgspec" else f"penalty cases {result.penalty.cases:,}"  # type: ignore[attr-defined]
    print(f"RESULT {kind} {cpu:.3f} s cpu {wall:.3f} s wall peak {peak_rss_mib():.0f} MiB {extra}")


def json_series(sizes: list[int], rounds: int, reference_up_to: int) -> None:
    """The JSON measures at each size, taking turns run after run, each in a fresh process."""
    kinds = ["json-msgspec", "json", "json-reference"]
    results: dict[tuple[str, int], list[tuple[float, float, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for size in sizes:
            start = time.perf_counter()
            files[size] = Path(folder) / f"ledger-{size}.json"
            files[size].write_text(json_document(size), encoding="utf-8")
            mib = files[size].stat().st_size / 2**20
            print(f"wrote {size:,} records ({mib:.0f} MiB) in {time.perf_counter() - start:.1f} s")
        for turn in range(rounds):
            for size in sizes:
                for kind in kinds:
                    if kind == "json-reference" and size > reference_up_to:
                        continue
                    line = _run_line(kind, files[size], 1)
                    if line is None:
                        continue
                    parts = line.split()
                    cpu, wall, rss = float(parts[1]), float(parts[4]), float(parts[8])
                    results.setdefault((kind, size), []).append((cpu, wall, rss))
                    print(f"round {turn + 1} {size:>9,} {line}")
    _print_series(sizes, results)


def _print_series(
    sizes: list[int], results: dict[tuple[str, int], list[tuple[float, float, float]]]
) -> None:
    """Medians of the runs, the ratio to msgspec, and the growth of CPU per record."""
    print("\nmedians (CPU s, wall s, peak MiB) and CPU per 1,000 records:")
    for (kind, size), runs in sorted(results.items(), key=lambda item: (item[0][1], item[0][0])):
        cpu, wall, rss = (statistics.median(run[i] for run in runs) for i in range(3))
        print(f"{kind:15} {size:>9,}  {cpu:8.2f} {wall:8.2f} {rss:7.0f}  {1000 * cpu / size:.4f}")
    for size in sizes:
        ours, anchor = results.get(("json", size)), results.get(("json-msgspec", size))
        if ours and anchor:
            theirs = statistics.median(r[0] for r in anchor)
            ratio = f"{statistics.median(r[0] for r in ours) / theirs:.1f}x" if theirs else "n/a"
            print(f"ratio json / json-msgspec at {size:,}: {ratio} (CPU)")
    if ("json", sizes[0]) in results and ("json", sizes[-1]) in results:
        first = statistics.median(r[0] for r in results[("json", sizes[0])]) / sizes[0]
        last = statistics.median(r[0] for r in results[("json", sizes[-1])]) / sizes[-1]
        print(f"growth {sizes[0]:,} -> {sizes[-1]:,}: CPU per record x{last / first:.2f}")


def _run_line(kind: str, path: Path, repeat: int) -> str | None:
    """Run one measure in a fresh process; its RESULT line, without the prefix."""
    done = subprocess.run(  # noqa: S603  (this script, with its own arguments)
        [sys.executable, __file__, "--measure", kind, "--path", str(path), "--repeat", str(repeat)],
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT")), None)
    if line is None:
        print(f"{kind}: FAILED\n{done.stderr[-2000:]}")
        return None
    return line.removeprefix("RESULT ")


def _write(folder: Path, records: int, excel_rows: int, only: set[str]) -> dict[str, Path]:
    files = {}
    if "json" in only:
        files["json"] = folder / "ledger.json"
        files["json"].write_text(json_document(records), encoding="utf-8")
    if "refused" in only:
        # The CSV file's rows with one refused cell, half way down: a day that is not one.
        rows = penalty_rows(records)
        files["refused"] = folder / "行政处罚有误.csv"
        with files["refused"].open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(PENALTY_HEADERS)
            middle = len(rows) // 2
            writer.writerows(rows[:middle])
            writer.writerow([rows[middle][0], "2023-13-45", *rows[middle][2:]])
            writer.writerows(rows[middle + 1 :])
    if only & {"csv", "parquet", "bytes", "floors"}:
        rows = penalty_rows(records)
        files["csv"] = folder / "行政处罚.csv"
        with files["csv"].open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(PENALTY_HEADERS)
            writer.writerows(rows)
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns = list(zip(*rows, strict=True))
        table = pa.table(
            {h: pa.array(c, pa.string()) for h, c in zip(PENALTY_HEADERS, columns, strict=True)}
        )
        files["parquet"] = folder / "行政处罚.parquet"
        pq.write_table(table, files["parquet"])
    if "national" in only:
        files["national"] = folder / "行政处罚决定公示.csv"
        with files["national"].open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(NATIONAL_HEADERS)
            writer.writerows(national_rows(records))
    if "template" in only:
        files["template"] = folder / "台账.xlsx"
        _write_template(files["template"], excel_rows)
    if "xlsx" in only:
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("行政处罚")
        sheet.append(PENALTY_HEADERS)
        for row in penalty_rows(excel_rows, seed=4):
            sheet.append([*row[:5], Decimal(row[5]) if row[5] else None, *row[6:]])
        files["xlsx"] = folder / "行政处罚.xlsx"
        book.save(files["xlsx"])
    return files


def _write_template(path: Path, rows: int) -> None:
    """The template filled in as a clerk fills it: about sheet, a unit, two officers, ``rows`` cases."""
    import io

    import openpyxl

    from enforcement_core.tables import template

    book = openpyxl.load_workbook(io.BytesIO(template()))
    about = {"执法主体名称": "示例镇人民政府", "执法主体层级": "镇", "年度": YEAR}
    for row in book["基本信息"].iter_rows(min_row=2):
        row[1].value = about.get(row[0].value)
    book["执法单位"].append(["office", "综合行政执法办公室", "综合行政执法办公室", None])
    for number in (1, 2):
        book["执法人员"].append([f"o-{number}", f"执法人员{number}", "office", "在编", "是"])
    sheet = book["行政处罚"]
    header = [str(cell.value).lstrip("*") for cell in sheet[1]]
    places = [header.index(name) for name in PENALTY_HEADERS]
    sheet.delete_rows(2, sheet.max_row)  # the template's example row
    for values in penalty_rows(rows, seed=6):
        row: list[object] = [None] * len(header)
        for place, value in zip(places, values, strict=True):
            row[place] = value or None
        sheet.append(row)
    book.save(path)


#: The figures of a RESULT line that the rounds compare, by their label in the line.
FIGURES = {
    "wall": r" ([0-9.]+) s cpu",
    "cpu": r" cpu ([0-9.]+) s process",
    "process": r"process cpu ([0-9.]+) s",
    # The kernel's part of the process CPU: on the project's virtual machine it jumps
    # from run to run (memory given back and faulted in again), where the user part does not.
    "kernel": r"kernel ([0-9.]+) s",
    "peak": r"peak ([0-9]+) MiB",
}


def _compiled() -> None:
    """The library's modules compiled to bytecode, as an installed package has them.

    pip compiles a package when it installs it, and polars, duckdb and pandas come so;
    an editable install compiles a module at its first import, unless the environment
    says not to (``PYTHONDONTWRITEBYTECODE``). A measure that compiled the library's
    modules from source each run counted some 45 ms of compiling against it alone.
    """
    import compileall

    compileall.compile_dir(Path(ec.__file__).parent, quiet=1)


def _run(kind: str, path: Path, repeat: int) -> dict[str, float] | None:
    """One measure in a fresh process: its figures (FIGURES), ``None`` if it has none (or failed)."""
    done = subprocess.run(  # noqa: S603  (this script, with its own arguments)
        [sys.executable, __file__, "--measure", kind, "--path", str(path), "--repeat", str(repeat)],
        capture_output=True,
        text=True,
        check=False,
        # A user's run reads compiled files (see _compiled); the anchors' come compiled.
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT")), None)
    if line is None:
        print(f"{kind}: FAILED\n{done.stderr[-2000:]}")
        return None
    print(line.removeprefix("RESULT "))
    if "skipped" in line or kind == "columnar-bytes":
        return None
    if " s wall " in line:
        # The JSON measures' line: "RESULT KIND CPU s cpu WALL s wall peak PEAK MiB".
        parts = line.split()
        return {"wall": float(parts[5]), "cpu": float(parts[2]), "peak": float(parts[9])}
    found = {name: re.search(pattern, line) for name, pattern in FIGURES.items()}
    return {name: float(match[1]) for name, match in found.items() if match}


def _wanted(kind: str, file: str, files: dict[str, Path], only: set[str]) -> bool:
    """Whether a measure of the plan runs: its file written, and named in ``--only`` if it must be."""
    if kind == "columnar-bytes":
        return "bytes" in only and file in files
    if kind.startswith("floor-"):
        return "floors" in only and file in files
    return file in files


def _beyond(medians: dict[str, dict[str, float]]) -> None:
    """What the polars engine's checks and summary cost beyond its read of the CSV."""
    if "csv-columnar" in medians and "floor-csv-polars" in medians:
        beyond = medians["csv-columnar"]["process"] - medians["floor-csv-polars"]["process"]
        print(f"beyond csv-columnar - floor-csv-polars: process {beyond:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--excel-rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    # Each round runs every measure once, in turn, so that a burst of other work on a
    # shared machine falls on the anchors and the library alike; the medians are compared.
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--only", default="json,csv,parquet,national,xlsx,bytes")
    parser.add_argument(
        "--json-sizes",
        help="the JSON series alone: sizes in records, e.g. 100000,1000000,3000000",
    )
    parser.add_argument(
        "--reference-up-to",
        type=int,
        default=1_000_000,
        help="the largest size the reference road (without msgspec) is measured at",
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, Path(args.path), args.repeat)
        return
    print(f"python {platform.python_version()} on {platform.machine()}, {platform.platform()}")
    print(f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    _compiled()
    if args.json_sizes:
        sizes = [int(size) for size in args.json_sizes.split(",")]
        json_series(sizes, args.rounds, args.reference_up_to)
        print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return
    only = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        files = _write(Path(folder), args.records, args.excel_rows, only)
        print(f"wrote the files in {time.perf_counter() - start:.1f} s")
        plan = [
            ("json-msgspec", "json"),
            ("json", "json"),
            ("json-reference", "json"),
            ("csv-columnar", "csv"),
            ("csv-ours", "csv"),
            ("csv-pandas", "csv"),
            ("csv-polars", "csv"),
            ("csv-duckdb", "csv"),
            ("csv-arrow", "csv"),
            ("parquet-columnar", "parquet"),
            ("parquet-pandas", "parquet"),
            ("parquet-polars", "parquet"),
            ("parquet-duckdb", "parquet"),
            ("national-columnar", "national"),
            ("national-ours", "national"),
            ("national-pandas", "national"),
            ("national-polars", "national"),
            ("national-duckdb", "national"),
            ("xlsx-ours", "xlsx"),
            ("xlsx-columnar", "xlsx"),
            ("xlsx-pandas", "xlsx"),
            ("xlsx-polars", "xlsx"),
            ("template-ours", "template"),
            ("template-objects", "template"),
            ("template-polars", "template"),
            ("refused-ours", "refused"),
            ("refused-objects", "refused"),
            ("columnar-bytes", "parquet"),
            ("floor-arrow-imports", "parquet"),
            ("floor-parquet-arrow", "parquet"),
            ("floor-parquet-polars", "parquet"),
            ("floor-csv-polars", "csv"),
            ("floor-xlsx-guard", "xlsx"),
            ("floor-xlsx-fastexcel", "xlsx"),
        ]
        timings: dict[str, list[dict[str, float]]] = {}
        for _ in range(args.rounds):
            for kind, file in plan:
                if not _wanted(kind, file, files, only):
                    continue
                figures = _run(kind, files[file], args.repeat)
                if figures is not None:
                    timings.setdefault(kind, []).append(figures)
        # A figure a measure does not give (the JSON measures have no process CPU) is left out.
        medians = {
            kind: {
                name: statistics.median(run[name] for run in runs)
                for name in FIGURES
                if all(name in run for run in runs)
            }
            for kind, runs in timings.items()
        }
        for kind, runs in timings.items():
            print(
                f"median of {len(runs)} {kind}: "
                + ", ".join(f"{name} {value:.3f}" for name, value in medians[kind].items())
            )
        for ours, theirs in (
            ("csv-columnar", "csv-pandas"),
            ("parquet-columnar", "parquet-pandas"),
            ("xlsx-ours", "xlsx-pandas"),
            ("xlsx-columnar", "xlsx-pandas"),
            ("csv-columnar", "csv-polars"),
            ("parquet-columnar", "parquet-polars"),
            ("xlsx-columnar", "xlsx-polars"),
            ("xlsx-ours", "xlsx-columnar"),
            ("template-ours", "template-polars"),
            ("template-ours", "template-objects"),
            ("csv-columnar", "csv-duckdb"),
            ("parquet-columnar", "parquet-duckdb"),
            ("national-columnar", "national-polars"),
            ("national-columnar", "national-pandas"),
            ("national-columnar", "national-duckdb"),
            ("csv-ours", "csv-columnar"),
            ("national-ours", "national-columnar"),
            ("refused-ours", "refused-objects"),
            ("csv-arrow", "csv-polars"),
            ("csv-columnar", "csv-arrow"),
            ("floor-arrow-imports", "parquet-polars"),
            ("floor-parquet-arrow", "parquet-polars"),
            ("floor-parquet-polars", "parquet-polars"),
            ("floor-csv-polars", "csv-polars"),
            ("floor-xlsx-guard", "xlsx-polars"),
            ("floor-xlsx-fastexcel", "xlsx-polars"),
        ):
            if ours in medians and theirs in medians:
                ratios = ", ".join(
                    f"{name} {medians[ours][name] / medians[theirs][name]:.2f}x"
                    for name in FIGURES
                    if medians[ours].get(name) and medians[theirs].get(name)
                )
                print(f"ratio {ours} / {theirs}: {ratios}")
        _beyond(medians)


if __name__ == "__main__":
    sys.exit(main())
