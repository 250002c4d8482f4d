"""A made-up province for the tests of summaries at scale: its tree, its bodies' records, its files.

The records are built first, as the model's objects, from a seeded generator; the
files are written from them as the national 双公示 tables write them. The expected
reports are ``summarize`` of each body's records, so a test compares what the files
give with what the objects give, not the reading code with itself.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import enforcement_core as ec
from enforcement_core.hierarchy import BodyHierarchy
from enforcement_core.labels import label

if TYPE_CHECKING:
    from pathlib import Path

CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code(serial: int) -> str:
    """A valid 统一社会信用代码 (GB 32100) for a government body, from a serial number."""
    first17 = f"11500{serial:012d}"
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return first17 + CREDIT_CHARS[(31 - total % 31) % 31]


PENALTY_HEADERS = [
    "行政相对人名称",
    "行政相对人类别",
    "行政处罚决定书文号",
    "处罚类别",
    "罚款金额（万元）",
    "没收违法所得、没收非法财物的金额（万元）",
    "处罚决定日期",
    "处罚机关",
    "处罚机关统一社会信用代码",
    "执法领域",
]
LICENSING_HEADERS = [
    "行政相对人名称",
    "行政许可决定文书号",
    "许可证书名称",
    "许可决定日期",
    "许可机关",
    "许可机关统一社会信用代码",
]

YEAR = 2024


def tree() -> list[tuple[str, str, str, str | None]]:
    """The rows of the hierarchy: a province, two cities, their counties, towns and departments."""
    rows: list[tuple[str, str, str, str | None]] = [("P", "示例省", "省", None)]
    serial = 1
    for c in range(3):
        city = f"C{c}"
        rows.append((city, f"示例省第{c + 1}市", "市", "P"))
        rows.append((credit_code(serial), f"第{c + 1}市市场监督管理局", "市级部门", city))
        serial += 1
        for k in range(3):
            county = f"{city}K{k}"
            rows.append((county, f"第{c + 1}市第{k + 1}区", "区县", city))
            rows.append(
                (credit_code(serial), f"第{c + 1}市第{k + 1}区交通运输局", "区县部门", county)
            )
            serial += 1
            for t in range(4):
                level = "镇" if t < 2 else "街道"
                name = f"第{c + 1}市第{k + 1}区第{t + 1}{'镇人民政府' if t < 2 else '街道办事处'}"
                rows.append((credit_code(serial), name, level, county))
                serial += 1
    rows.append((credit_code(serial), "示例省应急管理厅", "省级部门", "P"))
    return rows


def hierarchy() -> BodyHierarchy:
    return BodyHierarchy.from_rows(tree())


def _fen_to_wan(fen: int) -> str:
    return str((Decimal(fen) / 1_000_000).normalize()) if fen else "0"


def records(seed: int = 7, per_body: int = 40) -> dict[str, dict[str, list[Any]]]:
    """Each leaf body's penalty cases and licences, by the body's code, as the model's objects."""
    rng = random.Random(seed)  # noqa: S311  (test data, not secrets)
    sanctions = [
        ec.actions.SanctionType.WARNING,
        ec.actions.SanctionType.FINE,
        ec.actions.SanctionType.CONFISCATION_OF_ILLEGAL_GAINS,
    ]
    domains = [
        ec.actions.Domain.TRAFFIC,
        ec.actions.Domain.WORK_SAFETY,
        ec.actions.Domain.MARKET_SUPERVISION,
    ]
    found: dict[str, dict[str, list[Any]]] = {}
    for code, _name, level, _parent in tree():
        if level in {"省", "市", "区县"}:
            continue
        cases, licences = [], []
        for i in range(rng.randint(per_body // 2, per_body)):
            chosen = tuple(s for s in sanctions if rng.random() < 0.5) or (
                ec.actions.SanctionType.WARNING,
            )
            day = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randint(-20, 385))
            fine = (
                Decimal(rng.randint(1, 5_000_000)) / 100
                if ec.actions.SanctionType.FINE in chosen
                else None
            )
            confiscation = (
                Decimal(rng.randint(1, 90_000)) / 100
                if ec.actions.SanctionType.CONFISCATION_OF_ILLEGAL_GAINS in chosen
                else None
            )
            cases.append(
                ec.actions.PenaltyCase(
                    f"{code}-罚{i}",
                    day,
                    domain=rng.choice(domains),
                    sanctions=chosen,
                    procedure=ec.actions.Procedure.ORDINARY,
                    fine=fine,
                    confiscation=confiscation,
                    party=ec.actions.Party(f"某企业{i}", ec.actions.PartyKind.ENTERPRISE),
                )
            )
        for i in range(rng.randint(0, per_body // 4)):
            day = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randint(-10, 375))
            licences.append(
                ec.actions.LicenceApplication(
                    f"{code}-许{i}",
                    day,
                    subject=rng.choice(["道路运输经营许可", "食品经营许可"]),
                    applicant=ec.actions.Party(f"某申请人{i}", ec.actions.PartyKind.ENTERPRISE),
                    decision=ec.actions.LicensingDecision.GRANTED,
                    decided_on=day,
                )
            )
        found[code] = {"penalty_cases": cases, "licence_applications": licences}
    return found


#: What the national tables cannot count: they publish penalties and grants only, with
#: no column of legal reviews, lighter penalties or referrals.
UNKNOWN = (
    "penalty.not_penalised",
    "penalty.lightened",
    "penalty.legal_reviews",
    "penalty.referrals",
    "licensing.applications",
    "licensing.accepted",
    "licensing.refused",
    "licensing.pending",
    "licensing.revoked",
    "licensing.legal_reviews",
)


def expected_reports(given: dict[str, dict[str, list[Any]]]) -> dict[str, ec.AnnualReport]:
    """Each body's report, summarised from its records as objects, as the tables can show them."""
    tree_ = hierarchy()
    return {
        code: ec.summarize(
            ec.Ledger(
                body=tree_.body(code),
                year=YEAR,
                penalty_cases=tuple(kinds["penalty_cases"]),
                licence_applications=tuple(kinds["licence_applications"]),
                unknown=UNKNOWN,
            )
        )
        for code, kinds in given.items()
    }


def penalty_rows(
    code: str, name: str, cases: list[ec.actions.PenaltyCase], *, by_name: bool
) -> list[dict[str, str]]:
    """The national table's rows of the cases; ``by_name`` leaves the body's credit code out."""
    return [
        {
            "行政相对人名称": case.party.name if case.party else "",
            "行政相对人类别": "法人及非法人组织",
            "行政处罚决定书文号": case.id,
            "处罚类别": "、".join(label(s) for s in case.sanctions),
            "罚款金额（万元）": _fen_to_wan(int((case.fine or 0) * 100)),
            "没收违法所得、没收非法财物的金额（万元）": _fen_to_wan(
                int((case.confiscation or 0) * 100)
            ),
            "处罚决定日期": case.decided_on.isoformat(),
            "处罚机关": name,
            "处罚机关统一社会信用代码": "" if by_name else code,
            "执法领域": label(case.domain),
        }
        for case in cases
    ]


def licence_rows(
    code: str, name: str, licences: list[ec.actions.LicenceApplication]
) -> list[dict[str, str]]:
    return [
        {
            "行政相对人名称": licence.applicant.name,
            "行政许可决定文书号": licence.id,
            "许可证书名称": licence.subject,
            "许可决定日期": licence.applied_on.isoformat(),
            "许可机关": name,
            "许可机关统一社会信用代码": code,
        }
        for licence in licences
    ]


def write_dataset(
    root: Path, given: dict[str, dict[str, list[Any]]], *, files: int = 6, seed: int = 11
) -> Path:
    """The records as a partitioned Parquet dataset: rows dealt at random into files by region.

    A body's rows land in several files, and a file holds several bodies, as a
    platform's export by region and batch would. Every third body is named by
    its name alone, without its credit code.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(seed)  # noqa: S311  (test data, not secrets)
    names = {code: name for code, name, _, _ in tree()}
    parents = {code: parent for code, _, _, parent in tree()}
    penalties: dict[str, list[dict[str, str]]] = {}
    licences: dict[str, list[dict[str, str]]] = {}
    for index, (code, kinds) in enumerate(given.items()):
        region = parents[code] or "P"
        rows = penalty_rows(code, names[code], kinds["penalty_cases"], by_name=index % 3 == 0)
        for row in rows:
            penalties.setdefault(f"region={region}/penalty-{rng.randrange(files)}", []).append(row)
        for row in licence_rows(code, names[code], kinds["licence_applications"]):
            licences.setdefault(f"region={region}/licensing-{rng.randrange(2)}", []).append(row)
    for batches, headers in ((penalties, PENALTY_HEADERS), (licences, LICENSING_HEADERS)):
        for stem, rows in batches.items():
            path = root / f"{stem}.parquet"
            path.parent.mkdir(parents=True, exist_ok=True)
            table = pa.table({h: pa.array([r[h] for r in rows], pa.string()) for h in headers})
            pq.write_table(table, path)
    return root


def write_rows(path: Path, rows: list[dict[str, str]], headers: list[str] | None = None) -> None:
    """Penalty rows as one Parquet file of text columns (``headers``: of the national table)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    columns = {h: pa.array([r[h] for r in rows], pa.string()) for h in headers or PENALTY_HEADERS}
    pq.write_table(pa.table(columns), path)
