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
import pytest

import enforcement_core
from enforcement_core import AnnualReport, Ledger
from enforcement_core.actions import ActionKind
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

    def test_a_column_without_words_says_where_to_give_them(self):
        """A record's column with no header word is an error naming the declaration to give it."""
        from enforcement_core.tables._cells import read_text
        from enforcement_core.tables._layout import Column

        column = Column("stamped", ("stamped",), read_text, required=False, owner="Confirmation")
        with pytest.raises(
            LookupError, match=r"'stamped' of Confirmation: .*RecordGroup\(columns="
        ):
            column.header()
        # A column with a word, its record's own or a shared one, has its header.
        assert "决定日期" == Column("decided_on", ("decided_on",), read_text, False).header()

    def test_lookups(self):
        """category() finds a category with figures of its own, and only those."""
        assert "penalty" == category(ActionKind.PENALTY).field
        assert category(ActionKind.LEVY) is None
        assert ActionKind.LEVY not in own_records()


# A maintainer's whole change to add a category (行政确认, confirmations): its record
# class, its figures class and one table entry, exactly as docs/architecture.md shows.
_RECORD_CLASS = '''


@attrs.frozen(field_transformer=apply_checks)
class Confirmation:
    """One confirmation (行政确认): a right, a status or a fact confirmed or not."""

    #: The record's identifier, unique in its ledger.
    id: str = attrs.field(metadata=checks(identifier()))
    #: The day of the decision; it places the record in a year.
    decided_on: dt.date = attrs.field(metadata=checks(a_date()))
    #: Whether the matter was confirmed (予以确认) or not (不予确认).
    granted: bool = attrs.field(default=True, metadata=checks(instance_of(bool)), kw_only=True)
    #: The identifiers of the officers who took part.
    officers: tuple[str, ...] = attrs.field(default=(), metadata=checks(_officers), kw_only=True)

    @property
    def date(self) -> dt.date:
        """The date that places the record in a year: the day of the decision."""
        return self.decided_on
'''

_FIGURES_CLASS = '''


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class ConfirmationFigures:
    """Confirmations (行政确认) in the year."""

    #: Decisions made, as the report states them; its parts may be missing.
    decided: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Matters confirmed.
    granted: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: Matters not confirmed.
    refused: int | None = attrs.field(default=None, metadata=checks(_COUNT))

    @classmethod
    def from_records(cls, records: tuple[Any, ...], start: dt.date, end: dt.date) -> Any:
        """The figures of the confirmations decided from ``start`` to ``end``; ``None`` if none."""
        year = [record for record in records if start <= record.date <= end]
        if not year:
            return None
        granted = sum(1 for record in year if record.granted)
        return cls(decided=len(year), granted=granted, refused=len(year) - granted)
'''

_ENTRY = """    Category(
        ActionKind.CONFIRMATION,
        "confirmation",
        ConfirmationFigures,
        "Confirmations (行政确认).",
        RecordGroup(
            "confirmations",
            Confirmation,
            "Confirmations.",
            columns={"granted": ("是否予以确认", "confirmed")},
        ),
        count=("granted", "refused"),
        total="decided",
        terms={
            "decided": ("作出行政确认决定", "decisions"),
            "granted": ("予以确认", "confirmed"),
            "refused": ("不予确认", "not confirmed"),
        },
        since=2,
    ),
)
"""

# What the new category must then do everywhere, without another line changed.
_CHECK = """
import datetime as dt
import html
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl
from hypothesis import find, settings

import enforcement_core as ec
import strategies
from enforcement_core import tables
from enforcement_core.actions import Confirmation
from enforcement_core.schema import json_schema
from enforcement_core.statistics import category_totals, tally

body = ec.body.EnforcementBody(name="示例镇人民政府", level=ec.body.BodyLevel.TOWN)
ledger = ec.Ledger(
    body=body,
    year=2023,
    confirmations=(
        Confirmation("QR-1", dt.date(2023, 3, 1), officers=("a",)),
        Confirmation("QR-2", dt.date(2023, 3, 9), granted=False),
        Confirmation("QR-2", dt.date(2024, 1, 9)),
    ),
)
report = ec.summarize(ledger)
out = {"file": ec.__file__, "version": ec.dump_json(ledger).splitlines()[1]}
out["figures"] = [report.confirmation.decided, report.confirmation.granted, report.confirmation.refused]
out["total"] = category_totals(report)[ec.actions.ActionKind.CONFIRMATION].count
out["march"] = tally(ledger, "month", kind=ec.actions.ActionKind.CONFIRMATION).counts[3]
out["fields"] = [a.name for a in __import__("attrs").fields(ec.Ledger)]
out["record_union"] = Confirmation in __import__("typing").get_args(ec.ledger.Record)
out["findings"] = [(f.code, f.said("zh_CN")[2]) for f in ec.audit(ledger)]

def words(rendered):
    if isinstance(rendered, bytes):
        with zipfile.ZipFile(io.BytesIO(rendered)) as z:
            xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
        return html.unescape(xml)  # openpyxl writes Chinese as character references
    return rendered

out["rendered"] = {
    entry.name: words(ec.render(report, entry.name)) for entry in ec.renderers.available()
}
out["text_en"] = ec.render(report, "text", locale="en")
out["schema"] = [
    "confirmation" in json_schema(ec.AnnualReport)["properties"],
    "confirmations" in json_schema(ec.Ledger)["properties"],
    json_schema(ec.Ledger)["properties"]["schema_version"]["const"],
]
out["round_trip"] = ec.load_json(ec.dump_json(ledger), ec.Ledger) == ledger

# A document of the format before the category: its confirmations among other actions.
old = json.loads(ec.dump_json(ec.Ledger(body=body, year=2023)))
old["schema_version"] = 1
old["other_actions"] = [
    {"id": "O-1", "kind": "confirmation", "taken_on": "2023-05-01"},
    {"id": "O-2", "kind": "reward", "taken_on": "2023-05-02", "amount": "100"},
]
moved = ec.load_json(json.dumps(old), ec.Ledger)
out["migrated"] = [[c.id, str(c.decided_on)] for c in moved.confirmations]
out["migrated_others"] = [a.id for a in moved.other_actions]
old_report = json.loads(ec.dump_json(ec.AnnualReport(body=body, year=2023)))
old_report["schema_version"] = 1
old_report["other_actions"] = {"confirmation": {"count": 7}}
out["migrated_report"] = ec.load_json(json.dumps(old_report)).confirmation.decided
future = json.loads(ec.dump_json(ledger))
future["schema_version"] = 3
try:
    ec.load_json(json.dumps(future))
except ec.LoadError as error:
    out["future"] = [p.message for p in error.problems]

# The workbook: init writes the sheet, a filled row reads back.
folder = Path(tempfile.mkdtemp())
done = subprocess.run(
    [sys.executable, "-m", "enforcement_core", "init", str(folder / "ledger.xlsx")],
    capture_output=True, text=True, check=False,
)
out["init"] = [done.returncode, done.stderr]
book = openpyxl.load_workbook(folder / "ledger.xlsx")
sheet = book["行政确认"]
out["headers"] = [cell.value for cell in sheet[1]]
row = {"*编号": "QR-9", "*决定日期": dt.date(2023, 5, 1), "是否予以确认": "否"}
sheet.append([row.get(header) for header in out["headers"]])
book.save(folder / "ledger.xlsx")
read = tables.read_ledger(folder / "ledger.xlsx", body=body, year=2023)
out["read"] = [[c.id, c.granted] for c in read.confirmations]
columnar = tables.read_columnar(folder / "ledger.xlsx", body=body, year=2023).summarize()
out["columnar"] = [columnar.confirmation.decided, columnar.confirmation.refused]
other_kinds = book["其他行政执法行为"].data_validations.dataValidation
out["other_kinds"] = [v.formula1 for v in other_kinds]

# The shared test strategies draw the new category's records and figures.
searched = settings(database=None, max_examples=500)
drawn = find(strategies.ledgers(max_records=2), lambda l: len(l.confirmations) > 0, settings=searched)
figures = find(strategies.annual_reports(), lambda r: r.confirmation is not None, settings=searched)
out["strategies"] = [type(drawn.confirmations[0]).__name__, type(figures.confirmation).__name__]
print(json.dumps(out, ensure_ascii=False, default=str))
"""


def _add_confirmation(src: Path) -> None:
    """Make the maintainer's change in a copy of the package: the three declarations."""
    package = src / "enforcement_core"
    actions = package / "actions.py"
    actions.write_text(actions.read_text(encoding="utf-8") + _RECORD_CLASS, encoding="utf-8")
    figures = package / "figures.py"
    figures.write_text(figures.read_text(encoding="utf-8") + _FIGURES_CLASS, encoding="utf-8")
    table = package / "categories.py"
    text = table.read_text(encoding="utf-8")
    text = text.replace(
        "from enforcement_core.actions import (\n",
        "from enforcement_core.actions import (\n    Confirmation,\n",
        1,
    )
    text = text.replace(
        "from enforcement_core.figures import (\n",
        "from enforcement_core.figures import (\n    ConfirmationFigures,\n",
        1,
    )
    end = text.index("\n)\n", text.index("CATEGORIES: Final"))
    table.write_text(text[:end] + "\n" + _ENTRY + text[end + 3 :], encoding="utf-8")


@pytest.fixture(scope="module")
def confirmations(tmp_path_factory):
    """What a package with 行政确认 added by its three declarations does, run in a copy.

    The copy is a package of its own in a process of its own: the category is declared
    inside the test and nothing of it reaches the other tests.
    """
    src = tmp_path_factory.mktemp("copy") / "src"
    shutil.copytree(Path(enforcement_core.__file__).parent, src / "enforcement_core")
    _add_confirmation(src)
    tests = Path(__file__).parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), str(tests)])}
    result = subprocess.run(
        [sys.executable, "-c", _CHECK], capture_output=True, text=True, env=env, check=False
    )
    assert 0 == result.returncode, result.stderr
    return json.loads(result.stdout)


class TestAddingACategory:
    def test_the_copy_is_what_runs(self, confirmations):
        """The checks ran against the changed copy, not the installed package."""
        assert "enforcement_core" in confirmations["file"]
        assert str(Path(enforcement_core.__file__).parent) not in confirmations["file"]

    def test_the_ledger_holds_it_in_the_tables_place(self, confirmations):
        """Its records are a ledger field before other_actions; the Record union has it."""
        fields = confirmations["fields"]
        assert fields.index("coercive_actions") + 1 == fields.index("confirmations")
        assert fields.index("confirmations") + 1 == fields.index("other_actions")
        assert confirmations["record_union"]

    def test_summary_totals_and_tallies(self, confirmations):
        """Summarised from its records (the 2024 one left out), counted and tallied by month."""
        assert [2, 1, 1] == confirmations["figures"]
        assert 2 == confirmations["total"]
        assert 2 == confirmations["march"]

    def test_audit_in_chinese(self, confirmations):
        """The audit checks its records and says where, by its sheet's name."""
        found = dict(confirmations["findings"])
        assert "行政确认第3条" == found["outside-year"]
        assert "行政确认第3条" == found["duplicate-id"]
        assert "行政确认第1条·执法人员编号第1项" == found["unknown-officer"]
        # Confirmations are not taken on site: one officer is not too few.
        assert "too-few-officers" not in found

    def test_every_renderer_writes_its_own_words(self, confirmations):
        """Each renderer names its figures by its words, never licensing's 准予许可."""
        rendered = confirmations["rendered"]
        assert {"text", "zh", "json", "html", "docx", "xlsx"} <= set(rendered)
        for name, words in rendered.items():
            assert "准予许可" not in words, name
            if name != "json":
                assert "予以确认" in words, name
                assert "不予确认" in words, name
        assert "作出行政确认决定2件，予以确认1件，不予确认1件" in rendered["zh"]
        assert '"confirmation": {' in rendered["json"]
        assert "confirmed" in confirmations["text_en"]
        assert "granted" not in confirmations["text_en"]

    def test_json_and_the_schema(self, confirmations):
        """The documents and the JSON Schema carry it, in the format of version 2."""
        assert confirmations["round_trip"]
        assert [True, True, 2] == confirmations["schema"]
        assert '"schema_version": 2,' == confirmations["version"].strip()

    def test_an_older_document_is_migrated(self, confirmations):
        """Its actions among a version 1 document's other actions move to its own records."""
        assert [["O-1", "2023-05-01"]] == confirmations["migrated"]
        assert ["O-2"] == confirmations["migrated_others"]
        assert 7 == confirmations["migrated_report"]

    def test_a_newer_document_is_refused(self, confirmations):
        """A document of a format after the copy's is refused, saying to upgrade."""
        [message] = confirmations["future"]
        assert message.startswith("schema_version 3 is newer than")

    def test_init_and_read_ledger(self, confirmations):
        """init writes its sheet with headers in Chinese; a row filled in there reads back."""
        assert [0, ""] == confirmations["init"]
        assert ["*编号", "*决定日期", "是否予以确认", "执法人员编号"] == confirmations["headers"]
        assert [["QR-9", False]] == confirmations["read"]
        assert [1, 1] == confirmations["columnar"]  # the columnar path reads it the same
        assert all("行政确认" not in formula for formula in confirmations["other_kinds"])

    def test_the_test_strategies_draw_it(self, confirmations):
        """The shared strategies generate its records and figures, from the table."""
        assert ["Confirmation", "ConfirmationFigures"] == confirmations["strategies"]

    def test_the_change_is_the_three_declarations(self):
        """The example adds one record class, one figures class and one table entry."""
        assert 1 == _RECORD_CLASS.count("\nclass ")
        assert 1 == _FIGURES_CLASS.count("\nclass ")
        assert 1 == _ENTRY.count("Category(")
