"""The table of categories: declared once, and all that a new category needs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import attrs

import enforcement_core
from enforcement_core import ActionKind, AnnualReport, Ledger, OtherAction
from enforcement_core.categories import CATEGORIES, RECORD_GROUPS, category, own_records


class TestTable:
    def test_the_report_has_a_field_for_every_category(self):
        """Each category's figures are an optional field of the report, typed by the table."""
        hints = typing.get_type_hints(AnnualReport)
        for declared in CATEGORIES:
            assert declared.figures | None == hints[declared.field]

    def test_the_ledger_has_a_field_for_every_record_group(self):
        """Each record group is a tuple field of the ledger, in the table's order."""
        hints = typing.get_type_hints(Ledger)
        tuples = [f.name for f in attrs.fields(Ledger) if typing.get_origin(hints[f.name]) is tuple]
        # The roster and the figures its source cannot count are tuples that are not records.
        records = [t for t in tuples if t not in ("officers", "unknown")]
        assert [group.field for group in RECORD_GROUPS] == records
        for group in RECORD_GROUPS:
            assert tuple[group.record, ...] == hints[group.field]

    def test_categories_in_report_order(self):
        """The table's order is the report's: licensing, inspection, penalty, coercion."""
        assert ["licensing", "inspection", "penalty", "coercion"] == [c.field for c in CATEGORIES]

    def test_on_site_groups(self):
        """Inspections, penalty cases and coercive actions are on site; the rest are not."""
        assert {"inspections", "penalty_cases", "coercive_actions"} == {
            g.field for g in RECORD_GROUPS if g.on_site
        }

    def test_lookups(self):
        """category() finds a category with figures of its own, and only those."""
        assert "penalty" == category(ActionKind.PENALTY).field
        assert category(ActionKind.LEVY) is None
        assert ActionKind.LEVY not in own_records()


# A maintainer's whole change to add a category: its two classes and one table entry.
_RECORD_CLASS = '''


@attrs.frozen(field_transformer=apply_checks)
class Levy:
    """One levy (行政征收)."""

    #: The record's identifier, unique in its ledger.
    id: str = attrs.field(metadata=checks(identifier()))
    #: The day of the levy; it places the record in a year.
    levied_on: dt.date = attrs.field(metadata=checks(a_date()))
    #: The amount levied, in yuan.
    amount: Decimal = attrs.field(metadata=checks(money()), kw_only=True)
    #: The identifiers of the officers who took part.
    officers: tuple[str, ...] = attrs.field(default=(), metadata=checks(_officers), kw_only=True)

    @property
    def date(self) -> dt.date:
        """The date that places the record in a year."""
        return self.levied_on
'''

_FIGURES_CLASS = '''


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class LevyFigures:
    """Levies (行政征收) in the year."""

    #: Levies made.
    count: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: The money levied, in yuan.
    amount: Decimal | None = attrs.field(default=None, metadata=checks(_MONEY))

    @classmethod
    def from_records(cls, levies: tuple[Any, ...], start: dt.date, end: dt.date) -> Any:
        """The figures of the levies dated from ``start`` to ``end``; ``None`` if none."""
        year = [levy for levy in levies if start <= levy.date <= end]
        if not year:
            return None
        return cls(count=len(year), amount=sum((levy.amount for levy in year), Decimal(0)))
'''

_ENTRY = """    Category(
        ActionKind.LEVY,
        "levy",
        LevyFigures,
        "Levies (行政征收).",
        RecordGroup("levies", Levy, "Levies.", on_site=True),
        count=("count",),
        amount=(("amount",),),
    ),
)
"""

# What the new category must then do everywhere, without another line changed.
_CHECK = """
import datetime as dt
import json
from decimal import Decimal

import enforcement_core as ec
from enforcement_core.actions import Levy
from enforcement_core.schema import json_schema
from enforcement_core.statistics import category_totals, tally

body = ec.EnforcementBody(name="示例镇人民政府", level=ec.BodyLevel.TOWN)
ledger = ec.Ledger(
    body=body,
    year=2023,
    levies=(
        Levy("LV-1", dt.date(2023, 3, 1), amount=Decimal("1200"), officers=("a", "b")),
        Levy("LV-2", dt.date(2023, 3, 9), amount=Decimal("800"), officers=("a",)),
    ),
)
report = ec.summarize(ledger)
totals = category_totals(report)[ec.ActionKind.LEVY]
months = tally(ledger, "month", kind=ec.ActionKind.LEVY).counts
codes = [f.code for f in ec.audit(ledger)]
refused = []
try:
    ec.Ledger(
        body=ledger.body,
        year=2023,
        other_actions=(ec.OtherAction("O-1", ec.ActionKind.LEVY, dt.date(2023, 1, 1)),),
    )
except ec.InvariantError as error:
    refused.append(str(error))
print(json.dumps({
    "file": ec.__file__,
    "count": report.levy.count,
    "amount": str(report.levy.amount),
    "total": [totals.count, str(totals.amount)],
    "march": months[3],
    "codes": codes,
    "zh": ec.render(report, "zh"),
    "text": ec.render(report, "text", locale="en"),
    "round_trip": ec.load_json(ec.dump_json(ledger), ec.Ledger) == ledger,
    "schema": sorted(json_schema(ec.AnnualReport)["properties"]),
    "refused": refused,
}, ensure_ascii=False))
"""


def _add_levy(src: Path) -> None:
    """Make the maintainer's change in a copy of the package."""
    package = src / "enforcement_core"
    actions = package / "actions.py"
    actions.write_text(actions.read_text(encoding="utf-8") + _RECORD_CLASS, encoding="utf-8")
    figures = package / "figures.py"
    text = figures.read_text(encoding="utf-8") + _FIGURES_CLASS
    figures.write_text(text.replace("from typing import ", "from typing import Any, ", 1), "utf-8")
    table = package / "categories.py"
    text = table.read_text(encoding="utf-8")
    text = text.replace(
        "from enforcement_core.actions import (\n",
        "from enforcement_core.actions import (\n    Levy,\n",
        1,
    )
    text = text.replace(
        "from enforcement_core.figures import (\n",
        "from enforcement_core.figures import (\n    LevyFigures,\n",
        1,
    )
    end = text.index("\n)\n", text.index("CATEGORIES: Final"))
    table.write_text(text[:end] + "\n" + _ENTRY + text[end + 3 :], encoding="utf-8")


class TestAddingACategory:
    def test_needs_only_its_declaration_and_classes(self, tmp_path):
        """A new category is held, summarised, audited, tallied, rendered and written as JSON."""
        src = tmp_path / "src"
        shutil.copytree(Path(enforcement_core.__file__).parent, src / "enforcement_core")
        _add_levy(src)
        env = {**os.environ, "PYTHONPATH": str(src)}
        result = subprocess.run(
            [sys.executable, "-c", _CHECK], capture_output=True, text=True, env=env, check=False
        )
        assert 0 == result.returncode, result.stderr
        out = json.loads(result.stdout)
        assert out["file"].startswith(str(src))
        assert (2, "2000") == (out["count"], out["amount"])
        assert [2, "2000"] == out["total"]
        assert 2 == out["march"]
        # LV-2 is on site with one officer, and no officer is on the roster.
        assert "too-few-officers" in out["codes"]
        assert "unknown-officer" in out["codes"]
        assert "全年行政征收2件" in out["zh"]
        assert "涉及金额2000元" in out["zh"]
        assert "levy" in out["text"]
        assert out["round_trip"]
        assert "levy" in out["schema"]
        assert [
            "Ledger.other_actions[0].kind: levy actions have a record class of their own"
        ] == out["refused"]

    def test_the_change_is_small(self):
        """The example's table entry is one entry; its classes are all else it adds."""
        assert 1 == _ENTRY.count("Category(")
        assert OtherAction is not None  # the catch-all for categories without a table entry
