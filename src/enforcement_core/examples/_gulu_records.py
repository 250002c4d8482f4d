"""A synthetic ledger for gulu-2023: records whose summary has the report's figures.

The reference report gives yearly figures only. These records are invented,
deterministically (a seeded generator), so that summarising them gives every
figure the report states: 22 certified officers in the report's units, 243
rural homestead applications with 209 licences granted, 363 establishment-visits
over the eight areas named, 509 hazards with 502 rectified and 6 + 5 under
listed supervision, 4 work-safety penalty cases fined 6,800 yuan, 216 traffic
cases, 3 interviews with enterprises. Everything else about them (names, dates,
the split of the 34 applications not granted) is made up, and says so: people
are 某某, enterprises 某.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import TYPE_CHECKING

from enforcement_core.actions import (
    AdmonitoryInterview,
    Domain,
    Hazard,
    Inspection,
    InspectionArea,
    LicenceApplication,
    LicensingDecision,
    Party,
    PartyKind,
    PenaltyCase,
    Procedure,
    SanctionType,
    SupervisionLevel,
)
from enforcement_core.ledger import Ledger
from enforcement_core.workforce import Certificate, Officer, Unit

if TYPE_CHECKING:
    from enforcement_core.report import AnnualReport

__all__ = ["gulu_records"]

YEAR = 2023
_SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗"
# Establishment-visits per area, in the order the report names the areas (363 in all).
_VISITS = {
    InspectionArea.RURAL_DRINKING_WATER: 40,
    InspectionArea.ELDERLY_CARE_HOME: 24,
    InspectionArea.RURAL_HOUSING_CONSTRUCTION: 70,
    InspectionArea.DILAPIDATED_HOUSING_RENOVATION: 36,
    InspectionArea.GEOLOGICAL_HAZARD: 45,
    InspectionArea.ENVIRONMENTAL_POLLUTION: 38,
    InspectionArea.ENTERPRISE_PRODUCTION: 62,
    InspectionArea.FIRE_SAFETY: 48,
}
_HAZARDS, _OPEN = 509, 7
# The hazards under listed supervision: every 40th, the first six division-level.
_SUPERVISED = {40 * n: SupervisionLevel.DIVISION for n in range(1, 7)} | {
    40 * n: SupervisionLevel.SECTION for n in range(7, 12)
}
_WORK_SAFETY_FINES = (Decimal(2000), Decimal(2000), Decimal(1500), Decimal(1300))
_TRAFFIC_CASES = 216
_GRANTED, _REFUSED, _PENDING, _NOT_ACCEPTED = 209, 18, 9, 7


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _person(rng: random.Random) -> Party:
    return Party(f"{rng.choice(_SURNAMES)}某某", PartyKind.NATURAL_PERSON)


def _officers() -> tuple[Officer, ...]:
    certificate_days = (dt.date(2021, 3, 1), dt.date(2026, 2, 28))
    placement = ["enforcement_office"] * 3 + ["enforcement_brigade"] * 5 + ["related_offices"] * 14
    return tuple(
        Officer(
            f"gl-{n:02d}",
            f"执法员{n:02d}",
            unit=unit,
            certificates=(Certificate(f"渝执2021{n:04d}", "重庆市人民政府", *certificate_days),),
            trained=True,
        )
        for n, unit in enumerate(placement, start=1)
    )


def _applications(rng: random.Random) -> tuple[LicenceApplication, ...]:
    records = []
    outcomes = (
        [LicensingDecision.GRANTED] * _GRANTED
        + [LicensingDecision.REFUSED] * _REFUSED
        + [None] * (_PENDING + _NOT_ACCEPTED)
    )
    for n, decision in enumerate(outcomes, start=1):
        pending = decision is None and n <= _GRANTED + _REFUSED + _PENDING
        applied = (
            _day(rng, dt.date(YEAR, 12, 1), dt.date(YEAR, 12, 28))
            if pending
            else _day(rng, dt.date(YEAR, 1, 3), dt.date(YEAR, 11, 30))
        )
        decided = applied + dt.timedelta(days=rng.randint(3, 20)) if decision else None
        records.append(
            LicenceApplication(
                f"XK{YEAR}{n:04d}",
                applied,
                subject="农村宅基地",
                applicant=_person(rng),
                accepted=decision is not None or pending,
                decision=decision,
                decided_on=decided,
                legal_review=decision is not None,
            )
        )
    return tuple(sorted(records, key=lambda a: (a.applied_on, a.id)))


def _inspections(rng: random.Random, officers: tuple[Officer, ...]) -> tuple[Inspection, ...]:
    areas = [area for area, visits in _VISITS.items() for _ in range(visits)]
    days = sorted(_day(rng, dt.date(YEAR, 1, 4), dt.date(YEAR, 12, 10)) for _ in areas[:-_OPEN])
    # The hazards still open at the year's end were found in its last fortnight.
    days += sorted(_day(rng, dt.date(YEAR, 12, 15), dt.date(YEAR, 12, 28)) for _ in range(_OPEN))
    rng.shuffle(areas)
    # Every late inspection finds one hazard that stays open; the other hazards
    # fall on the earlier inspections, some finding none, some several.
    found = [0] * len(areas)
    for _ in range(_HAZARDS - _OPEN):
        found[rng.randrange(len(areas) - _OPEN)] += 1
    for n in range(len(areas) - _OPEN, len(areas)):
        found[n] = 1
    records = []
    hazard_number = 0
    for n, (area, day, count) in enumerate(zip(areas, days, found, strict=True), start=1):
        hazards = []
        for _ in range(count):
            hazard_number += 1
            late = n > len(areas) - _OPEN
            deadline = day + dt.timedelta(days=30)
            hazards.append(
                Hazard(
                    f"YH{YEAR}{hazard_number:04d}",
                    day,
                    deadline=deadline,
                    rectified_on=None if late else day + dt.timedelta(days=rng.randint(1, 20)),
                    supervision=_SUPERVISED.get(hazard_number),
                )
            )
        pair = rng.sample(officers, 2)
        records.append(
            Inspection(
                f"JC{YEAR}{n:04d}",
                day,
                target=f"检查对象{n:03d}",
                area=area,
                officers=tuple(officer.id for officer in pair),
                hazards=tuple(hazards),
            )
        )
    return tuple(records)


def _penalty_cases(rng: random.Random, officers: tuple[Officer, ...]) -> tuple[PenaltyCase, ...]:
    enforcers = officers[:8]  # the comprehensive enforcement office and its brigade
    records = [
        PenaltyCase(
            f"CF{YEAR}A{n:03d}",
            _day(rng, dt.date(YEAR, 3, 1), dt.date(YEAR, 11, 30)),
            domain=Domain.WORK_SAFETY,
            sanctions=(SanctionType.FINE,),
            fine=fine,
            procedure=Procedure.ORDINARY,
            party=Party(f"渝北某{kind}", PartyKind.ENTERPRISE),
            officers=tuple(o.id for o in rng.sample(enforcers, 2)),
            legal_review=True,
        )
        for n, (fine, kind) in enumerate(
            zip(_WORK_SAFETY_FINES, ("建材厂", "砖厂", "加油站", "食品厂"), strict=True), start=1
        )
    ]
    records += [
        PenaltyCase(
            f"CF{YEAR}B{n:03d}",
            _day(rng, dt.date(YEAR, 1, 3), dt.date(YEAR, 12, 29)),
            domain=Domain.TRAFFIC,
            sanctions=(SanctionType.WARNING,),
            procedure=Procedure.SIMPLE,
            party=_person(rng),
            officers=tuple(o.id for o in rng.sample(enforcers, 2)),
        )
        for n in range(1, _TRAFFIC_CASES + 1)
    ]
    return tuple(sorted(records, key=lambda c: (c.decided_on, c.id)))


def _interviews(
    rng: random.Random, officers: tuple[Officer, ...]
) -> tuple[AdmonitoryInterview, ...]:
    return tuple(
        AdmonitoryInterview(
            f"YT{YEAR}{n:02d}",
            day,
            party=Party(f"渝北某{kind}", PartyKind.ENTERPRISE),
            subject="安全生产",
            officers=tuple(o.id for o in rng.sample(officers[:8], 2)),
        )
        for n, (day, kind) in enumerate(
            zip(
                sorted(_day(rng, dt.date(YEAR, 4, 1), dt.date(YEAR, 10, 31)) for _ in range(3)),
                ("建材厂", "物流公司", "砖厂"),
                strict=True,
            ),
            start=1,
        )
    )


def gulu_records(report: AnnualReport) -> Ledger:
    """The synthetic ledger of ``report`` (the gulu-2023 example)."""
    rng = random.Random(YEAR)  # noqa: S311  (made-up records, not secrets: reproducible on purpose)
    officers = _officers()
    units = {
        key: Unit(
            unit.name,
            kind=unit.kind,
            subunits={k: Unit(s.name, kind=s.kind) for k, s in unit.subunits.items()},
        )
        for key, unit in report.workforce.units.items()
    }
    return Ledger(
        body=report.body,
        year=report.year,
        units=units,
        officers=officers,
        licence_applications=_applications(rng),
        inspections=_inspections(rng, officers),
        penalty_cases=_penalty_cases(rng, officers),
        interviews=_interviews(rng, officers),
        narrative=report.narrative,
        conventions=report.conventions,
    )
