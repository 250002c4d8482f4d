"""The built-in examples of templates with open breakdowns (issue 18, dimensions).

Each example is invented and shaped like a kind of report the library had not met:
an emergency management bureau, a police branch, a culture and tourism bureau, a
town team staffed by seconded officers, a market regulation bureau. The phrases and
figures asserted here are written by hand from the example's own numbers, not
taken from the renderers' output.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

import docx
import jsonschema
import openpyxl
import pytest

import enforcement_core as ec
from enforcement_core._validators import declared_dimensions
from enforcement_core.actions import PartyKind
from enforcement_core.dimensions import Coverage, StaffSource
from enforcement_core.schema import load_schema

EXAMPLES = (
    "example-emergency-bureau-2024",
    "example-police-branch-2024",
    "example-culture-tourism-2024",
    "example-town-seconded-2024",
    "example-market-bureau-2024",
)


def load(name: str) -> ec.AnnualReport:
    return ec.examples.load(name)


def zh(name: str) -> str:
    text = ec.render(load(name), "zh")
    assert isinstance(text, str)
    return text


def text(name: str, locale: str = "zh_CN") -> str:
    out = ec.render(load(name), "text", locale=locale)
    assert isinstance(out, str)
    return " ".join(out.split())


def docx_text(name: str) -> str:
    data = ec.render(load(name), "docx")
    assert isinstance(data, bytes)
    return "".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def xlsx_rows(name: str) -> list[tuple[object, ...]]:
    data = ec.render(load(name), "xlsx")
    assert isinstance(data, bytes)
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [
        tuple(c for c in row if c is not None) for row in book.active.iter_rows(values_only=True)
    ]


class TestEveryExample:
    def test_listed(self):
        """The five examples are built in."""
        assert set(EXAMPLES) <= set(ec.examples.names())

    @pytest.mark.parametrize("name", EXAMPLES)
    def test_round_trip_and_schema(self, name):
        """Each loads, round-trips through JSON losslessly and validates against the shipped schema."""
        report = load(name)
        data = ec.dump_json(report)
        assert report == ec.load_json(data)
        schema = jsonschema.Draft202012Validator(
            load_schema("annual_report"), format_checker=jsonschema.FormatChecker()
        )
        assert [] == [e.message for e in schema.iter_errors(json.loads(data))]

    @pytest.mark.parametrize("name", EXAMPLES)
    def test_no_error_in_the_audit(self, name):
        """The invented figures hold: the audit finds no error."""
        assert [] == ec.audit(load(name)).errors()


class TestEmergencyBureau:
    NAME = "example-emergency-bureau-2024"

    def test_penalties_by_party_and_by_kind_with_a_nested_party(self):
        """46 cases: 38 对生产经营单位 + 8 对个人; 40 一般处罚 + 6 事故处罚, of them 4 + 2 by party."""
        penalty = load(self.NAME).penalty
        party = penalty.dimensions["party"]
        assert (38, 8) == (party.parts["对生产经营单位"].count, party.parts["natural_person"].count)
        accident = penalty.dimensions["kind"].parts["事故处罚"]
        assert (6, Decimal(430000)) == (accident.count, accident.amount)
        nested = accident.dimensions["party"].parts
        assert (4, 2) == (nested["对生产经营单位"].count, nested["natural_person"].count)
        assert ["对生产经营单位", "natural_person"] == list(party.parts)

    def test_zh_writes_each_part_as_the_report_words_it(self):
        """Parts in the report's words, order and money places (万元, two places)."""
        written = zh(self.NAME)
        for phrase in (
            "按当事人分：对生产经营单位38件，罚款115.00万元；对个人8件，罚款13.60万元",
            (
                "按处罚类别分：一般处罚40件，罚款85.60万元；事故处罚6件，罚款43.00万元"
                "（其中：对生产经营单位4件，罚款38.00万元；对个人2件，罚款5.00万元）"
            ),
            "共查出安全隐患615条，其中重大隐患12项",
            "按行业分，工贸企业180家次、危险化学品企业65家次、加油站点40家次、烟花爆竹经营单位35家次",
        ):
            assert phrase in written, phrase

    def test_text_rows_and_other_renderers(self):
        """text, html, docx and xlsx carry the parts too."""
        assert "事故处罚 6 件 罚款 43.00 万元 其中 对生产经营单位 4 件" in text(self.NAME)
        assert "by party 对生产经营单位 38" in text(self.NAME, "en")
        assert "对个人2件，罚款5.00万元" in ec.render(load(self.NAME), "html")
        assert "重大隐患12项" in docx_text(self.NAME)
        assert ("事故处罚", 6, "件") in xlsx_rows(self.NAME)

    def test_the_partial_inspection_breakdown_is_a_warning(self):
        """320 of 420 visits broken down by industry: breakdown-short, a warning, not an error."""
        found = [(f.code, f.path) for f in ec.audit(load(self.NAME))]
        assert [("breakdown-short", "inspection.dimensions.industry")] == found


class TestPoliceBranch:
    NAME = "example-police-branch-2024"

    def test_public_security_is_held_in_the_reports_words(self):
        """治安管理 is no Domain: held under its own words beside the known traffic key."""
        domain = load(self.NAME).penalty.dimensions["domain"]
        assert ["治安管理", "traffic", "fire_safety"] == list(domain.parts)
        assert 452 == domain.parts["治安管理"].count

    def test_zh_and_text(self):
        """宗 as its measure word, 万元 with one place, inspections of 网吧 and 旅馆."""
        written = zh(self.NAME)
        for phrase in (
            "按场所分，网吧320家次、旅馆410家次、娱乐场所180家次、寄递物流网点95家次",
            "按执法领域分：治安管理452宗，罚款32.0万元；道路交通管理120宗，罚款15.0万元；消防监督18宗，罚款1.2万元",
            "行政拘留80宗",
        ):
            assert phrase in written, phrase
        assert "旅馆 410 家次" in text(self.NAME)
        assert "治安管理 452 宗 罚款 32.0 万元" in text(self.NAME)


class TestCultureTourism:
    NAME = "example-culture-tourism-2024"

    def test_inspections_by_subject_no_vocabulary_lists(self):
        """网吧 240, 校外培训机构 96 家次: subjects held in the report's order."""
        subject = load(self.NAME).inspection.dimensions["subject"]
        assert ("网吧", "歌舞娱乐场所", "校外培训机构") == tuple(subject.parts)[:3]
        written = zh(self.NAME)
        assert "按检查对象分，网吧240家次、歌舞娱乐场所150家次、校外培训机构96家次" in written
        assert "按行业分：网吧12件，罚款86000元；歌舞娱乐场所8件，罚款62000元" in written
        assert "校外培训机构 96 家次" in text(self.NAME)


class TestTownSeconded:
    NAME = "example-town-seconded-2024"

    def test_workforce_shapes(self):
        """25 staff by source (派驻12, 借调5, 在编6 of them 参公2, 编外2), by post, per unit, awaiting."""
        dimensions = load(self.NAME).workforce.dimensions
        source = dimensions["source"]
        assert (25, Coverage.COMPLETE) == (source.total, source.coverage)
        assert 12 == source.parts[StaffSource.SECONDED.value].count
        assert 2 == source.parts["established"].dimensions["establishment"].parts["参公"].count
        assert (3, 4) == (
            dimensions["certificate"].parts["awaiting_certificate"].count,
            dimensions["certificate"].parts["awaiting_exam"].count,
        )

    def test_zh(self):
        """Each shape as a sentence of the workforce paragraph."""
        written = zh(self.NAME)
        for phrase in (
            "按人员来源分，共25名，其中派驻12名；借调5名；在编6名（其中参公2名）；编外聘用2名。",
            "按岗位分，共25名，其中大队长1名、副大队长2名、中队长3名、执法员19名。",
            "各中队核定编制，综合执法一中队8个、综合执法二中队8个、法制审核室2个。",
            "未持证人员，共7名，其中待申领执法证3名、待考证4名。",
        ):
            assert phrase in written, phrase
        assert "待考证 4 名" in text(self.NAME)
        assert "综合执法一中队 8 个" in text(self.NAME)


class TestMarketBureau:
    NAME = "example-market-bureau-2024"

    def test_penalties_by_statute(self):
        """156 cases by statute, complete: 62 + 28 + 19 + 11 + 36, fines adding to 238万元."""
        statute = load(self.NAME).penalty.dimensions["statute"]
        assert [62, 28, 19, 11, 36] == [p.count for p in statute.parts.values()]
        assert Decimal(2380000) == sum(p.amount for p in statute.parts.values())
        written = zh(self.NAME)
        assert "按适用法律分：《中华人民共和国食品安全法》62件，罚款124.00万元；" in written
        assert "其他法律法规36件，罚款24.40万元" in written
        assert "《中华人民共和国广告法》 19 件 罚款 38.60 万元" in text(self.NAME)

    def test_known_party_keys_are_vocabulary_values(self):
        """A part keyed by a known value is that value: the emergency bureau's 对个人 is natural_person."""
        party = load("example-emergency-bureau-2024").penalty.dimensions["party"]
        assert PartyKind.NATURAL_PERSON.value in party.parts


def part_words(report: ec.AnnualReport) -> list[tuple[str, int | None]]:
    """The words and count of every part of every dimension of ``report``, nested ones too."""
    found: list[tuple[str, int | None]] = []

    def visit(dimensions: Any, known: Any) -> None:
        for name, dimension in dimensions.items():
            vocabulary = known.get(name)
            for key, part in dimension.parts.items():
                words = part.label or (
                    ec.labels.labels_of(vocabulary).get(key, key) if vocabulary else key
                )
                found.append((words, part.count))
                visit(part.dimensions, known)

    for holder in (report.workforce, report.inspection, report.penalty):
        if holder is None:
            continue
        for obj in (holder, getattr(holder, "hazards", None)):
            if obj is not None:
                for _, declared in declared_dimensions(type(obj)):
                    visit(obj.dimensions, declared.known)
    return found


class TestEveryRenderer:
    @pytest.mark.parametrize("name", EXAMPLES)
    def test_every_part_in_every_renderer(self, name):
        """Each part's words and count are in zh, text, html, docx and xlsx; none is left out."""
        parts = part_words(load(name))
        assert parts
        html = ec.render(load(name), "html")
        rows = xlsx_rows(name)
        written = {"zh": zh(name), "text": text(name), "docx": docx_text(name)}
        for words, count in parts:
            assert f"{words}{count}" in written["zh"], words
            assert f"{words}{count}" in written["docx"], words
            assert f"{words}{count}" in html, words
            assert f"{words} {count:,}" in written["text"], words
            assert any(row[:2] == (words, count) for row in rows), words
