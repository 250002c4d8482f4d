"""Benchmarks of summarize and rollup, run by hand; results go in docs/performance.md.

    python benchmarks/bench_statistics.py              # 1,000,000 records, 1,000 reports
    python benchmarks/bench_statistics.py --records 100000 --reports 100

Targets on a 2-core machine: 1,000,000 records summarised in under 2 seconds with
the process under 1 GB; 1,000 town reports rolled up in under 0.1 seconds.

Times are the best of ``--repeat`` runs (the least disturbed by other work on a
shared machine); memory is the process's peak resident set, records included.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import platform
import random
import resource
import sys
import time
from decimal import Decimal

import enforcement_core as ec
from enforcement_core.actions import (
    ActionKind,
    CoerciveAction,
    CoerciveMeasure,
    Domain,
    Hazard,
    Inspection,
    InspectionArea,
    LicenceApplication,
    LicensingDecision,
    OtherAction,
    PenaltyCase,
    Procedure,
    SanctionType,
    SupervisionLevel,
)

YEAR = 2023
AREAS = list(InspectionArea)
DOMAINS = list(Domain)
LEVELS = [None] * 18 + list(SupervisionLevel)
OFFICERS = [f"o-{n:02d}" for n in range(40)]


def _dates(rng: random.Random, count: int) -> list[dt.date]:
    start = dt.date(YEAR, 1, 1)
    pool = [start + dt.timedelta(days=n) for n in range(365)]
    return [rng.choice(pool) for _ in range(count)]


def synthetic_ledger(records: int, seed: int = 1) -> ec.Ledger:
    """A ledger of ``records`` records: 40% inspections (with hazards), 30% penalty cases,
    20% licence applications, 5% coercive actions, 5% other actions."""
    rng = random.Random(seed)
    share = {"inspections": 0.4, "penalties": 0.3, "applications": 0.2, "coercion": 0.05}
    counts = {name: int(records * part) for name, part in share.items()}
    counts["other"] = records - sum(counts.values())
    days = _dates(rng, records)
    pairs = [tuple(rng.sample(OFFICERS, 2)) for _ in range(200)]
    taken = iter(days)
    inspections = []
    for n in range(counts["inspections"]):
        day = next(taken)
        hazards = tuple(
            Hazard(
                f"H{n}-{k}",
                day,
                deadline=day + dt.timedelta(days=30),
                rectified_on=day + dt.timedelta(days=rng.randrange(40))
                if rng.random() < 0.95
                else None,
                supervision=rng.choice(LEVELS),
            )
            for k in range(rng.choice((0, 0, 1, 1, 2)))
        )
        inspections.append(
            Inspection(
                f"I{n}",
                day,
                target="检查对象",
                area=rng.choice(AREAS),
                officers=rng.choice(pairs),
                hazards=hazards,
            )
        )
    penalties = []
    for n in range(counts["penalties"]):
        fined = rng.random() < 0.6
        penalties.append(
            PenaltyCase(
                f"P{n}",
                next(taken),
                domain=rng.choice(DOMAINS),
                sanctions=(SanctionType.FINE,) if fined else (SanctionType.WARNING,),
                fine=Decimal(rng.randrange(50, 5000)) if fined else None,
                procedure=rng.choice((Procedure.SIMPLE, Procedure.ORDINARY)),
                officers=rng.choice(pairs),
                legal_review=fined,
            )
        )
    applications = []
    for n in range(counts["applications"]):
        day = next(taken)
        decision = rng.choice((LicensingDecision.GRANTED, LicensingDecision.REFUSED, None))
        applications.append(
            LicenceApplication(
                f"L{n}",
                day,
                subject="农村宅基地",
                decision=decision,
                decided_on=day if decision else None,
            )
        )
    coercion = [
        CoerciveAction(
            f"C{n}",
            next(taken),
            measure=rng.choice(list(CoerciveMeasure)),
            officers=rng.choice(pairs),
        )
        for n in range(counts["coercion"])
    ]
    other = [
        OtherAction(
            f"O{n}",
            rng.choice((ActionKind.LEVY, ActionKind.REWARD)),
            next(taken),
            amount=Decimal(100),
        )
        for n in range(counts["other"])
    ]
    return ec.Ledger(
        body=ec.body.EnforcementBody("示例镇人民政府", ec.body.BodyLevel.TOWN),
        year=YEAR,
        licence_applications=tuple(applications),
        inspections=tuple(inspections),
        penalty_cases=tuple(penalties),
        coercive_actions=tuple(coercion),
        other_actions=tuple(other),
    )


def town_reports(count: int, seed: int = 2) -> list[ec.AnnualReport]:
    """``count`` town reports: summaries of small synthetic ledgers, varied by seed."""
    base = [ec.summarize(synthetic_ledger(400, seed=seed + n)) for n in range(20)]
    return [base[n % len(base)] for n in range(count)]


def best_of(repeat: int, work: object) -> float:
    timings = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        work()  # type: ignore[operator]
        timings.append(time.perf_counter() - start)
    return min(timings)


def peak_rss_mib() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--reports", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    print(f"python {platform.python_version()} on {platform.machine()}, {platform.platform()}")
    start = time.perf_counter()
    ledger = synthetic_ledger(args.records)
    hazards = sum(len(i.hazards) for i in ledger.inspections)
    print(
        f"built {args.records:,} records (+{hazards:,} hazards) in {time.perf_counter() - start:.1f} s"
    )
    print(f"peak memory after building: {peak_rss_mib():.0f} MiB")

    seconds = best_of(args.repeat, lambda: ec.summarize(ledger))
    print(f"summarize {args.records:,} records: {seconds:.3f} s (best of {args.repeat})")
    print(f"peak memory after summarize: {peak_rss_mib():.0f} MiB")

    reports = town_reports(args.reports)
    district = ec.body.EnforcementBody("示例区", ec.body.BodyLevel.COUNTY)
    seconds = best_of(args.repeat, lambda: ec.rollup(reports, body=district))
    print(f"rollup {args.reports:,} reports: {seconds:.4f} s (best of {args.repeat})")
    print(f"peak memory at the end: {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    sys.exit(main())
