"""The built-in examples: the reference report's data, held exactly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import html5lib
import pytest

import enforcement_core as ec
from enforcement_core.actions import Domain, InspectionArea, PartyKind, SupervisionLevel
from enforcement_core.body import BodyLevel
from enforcement_core.findings import CODES
from enforcement_core.report import RateName, SectionRole
from enforcement_core.workforce import UnitKind


@pytest.fixture(scope="module")
def gulu() -> ec.AnnualReport:
    return ec.examples.load("gulu-2023")


class TestNames:
    def test_lists_the_examples(self):
        """names() lists the built-in examples, sorted."""
        assert "gulu-2023" in ec.examples.names()
        assert sorted(ec.examples.names()) == ec.examples.names()

    def test_an_unknown_name_lists_the_known_ones(self):
        """Asking for an unknown example says which exist."""
        with pytest.raises(
            ec.errors.ExampleNotFound,
            match="no built-in example 'nowhere'; the examples are: .*'gulu-2023'",
        ):
            ec.examples.load("nowhere")

    def test_example_not_found_is_a_lookup_error(self):
        """Callers may catch the built-in LookupError."""
        assert issubclass(ec.errors.ExampleNotFound, LookupError)


class TestGulu2023:
    """Every figure of the reference report's data section, and its frame."""

    def test_body_and_period(self, gulu):
        """重庆市渝北区古路镇人民政府, 2023, published 2024-01-18."""
        assert (gulu.body.name, gulu.body.short_name, gulu.body.region, gulu.body.level) == (
            "重庆市渝北区古路镇人民政府",
            "古路镇",
            "重庆市渝北区",
            BodyLevel.TOWN,
        )
        assert (2023, dt.date(2024, 1, 18)) == (gulu.year, gulu.published_on)

    def test_workforce(self, gulu):
        """22 certified: the office 8 (itself 3, its brigade 5), the other offices 14; 22 trained."""
        workforce = gulu.workforce
        office = workforce.units["enforcement_office"]
        brigade = office.subunits["enforcement_brigade"]
        assert 22 == workforce.certified
        assert (8, 3, 5) == (office.certified, office.own_certified, brigade.certified)
        assert (
            UnitKind.COMPREHENSIVE_ENFORCEMENT_OFFICE,
            UnitKind.COMPREHENSIVE_ENFORCEMENT_BRIGADE,
        ) == (office.kind, brigade.kind)
        assert 14 == workforce.units["related_offices"].certified
        assert (22, 0) == (workforce.trained, workforce.misconduct_cases)

    def test_licensing(self, gulu):
        """243 rural homestead applications, 209 licences granted."""
        assert ("农村宅基地", 243, 209) == (
            gulu.licensing.subject,
            gulu.licensing.applications,
            gulu.licensing.granted,
        )
        assert gulu.licensing.refused is None

    def test_inspection(self, gulu):
        """363 establishment-visits over the eight areas named, with no per-area counts."""
        assert 363 == gulu.inspection.visits
        assert [
            InspectionArea.RURAL_DRINKING_WATER,
            InspectionArea.ELDERLY_CARE_HOME,
            InspectionArea.RURAL_HOUSING_CONSTRUCTION,
            InspectionArea.DILAPIDATED_HOUSING_RENOVATION,
            InspectionArea.GEOLOGICAL_HAZARD,
            InspectionArea.ENVIRONMENTAL_POLLUTION,
            InspectionArea.ENTERPRISE_PRODUCTION,
            InspectionArea.FIRE_SAFETY,
        ] == list(gulu.inspection.by_area)
        assert all(area.visits is None for area in gulu.inspection.by_area.values())

    def test_hazards(self, gulu):
        """509 found, 502 rectified; 6 under division-level and 5 under section-level supervision."""
        hazards = gulu.inspection.hazards
        assert (509, 502) == (hazards.found, hazards.rectified)
        assert {SupervisionLevel.DIVISION: 6, SupervisionLevel.SECTION: 5} == hazards.supervised

    def test_penalties(self, gulu):
        """4 work-safety cases with fines of 6,800 yuan; 216 traffic cases; no stated total."""
        by_domain = gulu.penalty.by_domain
        assert (4, Decimal(6800)) == (
            by_domain[Domain.WORK_SAFETY].cases,
            by_domain[Domain.WORK_SAFETY].fines,
        )
        assert 216 == by_domain[Domain.TRAFFIC].cases
        assert gulu.penalty.cases is None

    def test_interviews(self, gulu):
        """3 admonitory interviews with enterprises."""
        assert {PartyKind.ENTERPRISE: 3} == gulu.interviews.by_party

    def test_no_data_for_other_categories(self, gulu):
        """Coercion, reconsideration and the rest are not in the report: no data, not zero."""
        assert (gulu.coercion, gulu.reviews, dict(gulu.other_actions)) == (None, None, {})

    def test_stated_rate(self, gulu):
        """隐患整改率98.62% is held as the report states it."""
        assert {RateName.RECTIFICATION: Decimal("98.62")} == gulu.stated.rates

    def test_how_it_writes_numbers(self, gulu):
        """万元 with two decimals; 216起 and 4家次 beside the default 件."""
        conventions = gulu.conventions
        assert ("万元", 2) == (conventions.money_unit, conventions.money_places)
        assert "起" == conventions.measure_words["penalty.by_domain.traffic.cases"]
        assert "家次" == conventions.measure_words["penalty.by_domain.work_safety.cases"]

    def test_narrative(self, gulu):
        """The overview with its data sections, the problems and the plans, in order."""
        sections = gulu.narrative.sections
        assert [SectionRole.OVERVIEW, SectionRole.PROBLEMS, SectionRole.PLANS] == [
            s.role for s in sections
        ]
        assert ["2023年行政执法总体情况", "存在的主要问题", "2024年工作打算及建议"] == [
            s.title for s in sections
        ]
        overview_roles = [s.role for s in sections[0].subsections]
        assert [
            SectionRole.OTHER,
            SectionRole.OTHER,
            SectionRole.WORKFORCE,
            SectionRole.OTHER,
            SectionRole.ACTIONS,
        ] == overview_roles
        assert 4 == len(sections[2].subsections)

    def test_loaded_once(self, gulu):
        """Examples are parsed once and shared (they are immutable)."""
        assert gulu is ec.examples.load("gulu-2023")


class TestInventedExamples:
    @pytest.mark.parametrize(
        "name", ["example-town-2022", "example-town-2023", "example-street-2023"]
    )
    def test_say_they_are_invented(self, name):
        """The invented examples say so in their body's name and their text."""
        report = ec.examples.load(name)
        assert "示例" in report.body.name
        assert "虚构" in report.narrative.sections[0].paragraphs[0]

    def test_two_years_to_compare_and_three_bodies_to_roll_up(self):
        """A town's 2022 and 2023, and three bodies of 2023."""
        years = {
            ec.examples.load(n).year
            for n in ("gulu-2023", "example-town-2023", "example-street-2023")
        }
        assert ({2023}, 2022) == (years, ec.examples.load("example-town-2022").year)

    @pytest.mark.parametrize(
        "name", ["example-town-2022", "example-town-2023", "example-street-2023"]
    )
    def test_audit_clean(self, name):
        """Their statements agree with their counts: no finding at all."""
        assert [] == ec.audit(ec.examples.load(name))


# The new invented examples, each shaped like a kind of real report, and what a clerk
# reading the published report would find in its zh and text renderings, written by
# hand (not taken from the output), with the findings the audit should give.
NEW_EXAMPLES = {
    "example-street-office-2024": (
        [
            "目前我街道取得行政执法资格的人员共6人",
            "在编人员8人，无辅助执法人员",
            "全年新增持证人员1人，注销执法证1人",
            "全年未组织执法人员参加行政执法培训",
            "示例路街道开展了行政检查、行政处罚两类行政执法行为",
            "全年办理行政处罚案件12起，适用简易程序12起，罚款2400元",
            # Two categories counted, two numbered; the one with nothing done says so unnumbered.
            "罚款2400元。全年未实施行政强制。",
            "办结率100%",
        ],
        ["持证率", "0名", "0人", "三类", "三是", "其他行政执法行为", "。。"],
        ["在编人员 8 人", "罚款 2,400 元", "办结率 100%"],
        [],
    ),
    "example-county-market-2024": (
        [
            "在编人员92名，持证率93.48%",
            "全年办理行政许可事项12680宗",
            "全年开展行政检查46.6万户次",
            "全年立案412宗，办理行政处罚案件398宗",
            "罚没金额共计1753.79万元",
            "全年实施行政强制37宗",
            "行政许可、行政检查、行政处罚、行政强制四类行政执法行为",
        ],
        ["466000"],
        ["46.6万 户次", "1753.79万元"],
        [],
    ),
    "example-county-resources-2024": (
        [
            "开展的行政执法行为为行政处罚。一是行政处罚。",
            "罚款10件、没收违法所得10件、警告及通报批评3件",
            "适用简易程序2件（罚款0.04万元）、普通程序8件（罚款197.58万元）",
            "罚款197.62万元，没收违法所得和非法财物9036.6万元",
            "全年发生行政复议5件，其中被纠错1件，维持3件、撤销1件、申请人撤回1件",
            (
                "行政处罚类复议4件（被纠错1件、维持2件、撤销1件、申请人撤回1件）、诉讼2件，"
                "行政许可类复议1件（维持1件）"
            ),
        ],
        ["一类", "9036.60万元"],
        ["9,036.6 万元", "197.62 万元"],
        [],
    ),
    "example-county-emergency-2024": (
        [
            "核定编制30名，在编人员24名（行政编制16名、事业编制8名），借调人员2人",
            "新招录尚未取得执法证人员4名",
            "全年减少执法人员4名（调离执法岗位2名、退休1名、离职1名）",
            "5名通过行政执法资格考试，申领执法证5名，尚待发证2名",
            "隐患整改率98.29%",
            (
                "开展执法巡查187次，巡查企业651家次，制定年度检查计划1项，"
                "开展“双随机、一公开”抽查12批次，开展案卷评查30卷，依法履行监管职责，履职率100%"
            ),
        ],
        ["持证率"],
        ["借调人员 2 人", "开展执法巡查 187 次", "履职率 100%"],
        [],
    ),
    "example-town-changes-2024": (
        [
            "全年开展行政检查420家次，同比上升10.53%",
            "隐患整改率98.67%，同比提升0.5个百分点",
            "全年办理行政处罚案件220件，较上年减少136件",
        ],
        ["持证率", "356"],
        ["检查家次 420 家次", "98.67%"],
        ["change-no-base", "change-no-base", "change-no-base"],
    ),
    "example-city-rounding-2024": (
        [
            "行政检查1616.85万家次（其中企业生产1616.65万家次）",
            "交通领域行政处罚罚款180.55亿元",
            "市场监管领域行政处罚罚款14.44亿元",
            "罚款194.98亿元",
        ],
        ["19498000000", "16168500"],
        ["1616.85万 家次", "企业生产 1616.65万 家次", "194.98亿元", "交通", "市场监管"],
        ["breakdown-short"],
    ),
}


class TestNewExamples:
    @pytest.mark.parametrize("name", sorted(NEW_EXAMPLES))
    def test_registered_and_invented(self, name):
        """Each is a built-in example, and says it is invented."""
        report = ec.examples.load(name)
        assert name in ec.examples.names()
        assert "示例" in report.body.name
        assert "虚构" in report.narrative.sections[0].paragraphs[0]

    @pytest.mark.parametrize("name", sorted(NEW_EXAMPLES))
    def test_zh_writes_what_the_report_writes(self, name):
        """The phrases a clerk expects are there, the ones the report never wrote are not."""
        present, absent, _, _ = NEW_EXAMPLES[name]
        text = ec.render(ec.examples.load(name), "zh")
        assert [] == [phrase for phrase in present if phrase not in text]
        assert [] == [phrase for phrase in absent if phrase in text]

    @pytest.mark.parametrize("name", sorted(NEW_EXAMPLES))
    def test_text_follows_the_conventions(self, name):
        """text shows the same figures in the report's words and units."""
        _, _, rows, _ = NEW_EXAMPLES[name]
        text = ec.render(ec.examples.load(name), "text")
        squeezed = "\n".join(" ".join(line.split()) for line in text.splitlines())
        assert [] == [
            row for row in rows if row not in squeezed and row not in text.replace(" ", "")
        ]

    @pytest.mark.parametrize("name", sorted(NEW_EXAMPLES))
    def test_audit(self, name):
        """The findings a fair audit gives: warnings where the report cannot be checked, errors where it is wrong."""
        _, _, _, expected = NEW_EXAMPLES[name]
        findings = ec.audit(ec.examples.load(name))
        assert expected == [f.code for f in findings]
        assert [c for c in expected if CODES[c][0] is ec.findings.Severity.ERROR] == [
            f.code for f in findings.errors()
        ]

    def test_rounding_level_difference(self):
        """1616.85万 against its only area written 1616.65万 ("其中") is a gap; 194.98亿 against 180.55亿 + 14.44亿 is not."""
        report = ec.examples.load("example-city-rounding-2024")
        [finding] = ec.audit(report)
        assert (ec.findings.Severity.WARNING, "breakdown-short") == (finding.severity, finding.code)
        assert report.stated.figures[3].figure == "inspection.visits"
        assert "stated.figures[3]" == finding.path
        assert "1616.85万" in finding.message
        assert "1616.65万" in finding.message
        assert "0.20万 (2000) not broken down" in finding.message
        # The fines, 194.98亿 against parts written 194.99亿, agree within 0.015亿.
        assert "penalty.fines" == report.stated.figures[0].figure
        assert "194.98亿元" not in finding.message

    def test_change_without_base_checked_against_the_previous_year(self):
        """Given the previous year's report, the stated changes are checked and agree."""
        report = ec.examples.load("example-town-changes-2024")
        previous = ec.AnnualReport(
            body=report.body,
            year=2023,
            inspection=ec.figures.InspectionFigures(
                visits=380, hazards=ec.figures.HazardFigures(found=600, rectified=589)
            ),
            penalty=ec.figures.PenaltyFigures(cases=356),
        )
        assert [] == ec.audit(report, previous=previous)
        # 147 of 150 the year before: 98.00% to 98.67% is 0.7 points, not the 0.5 stated.
        wrong = attrs.evolve(
            previous,
            inspection=ec.figures.InspectionFigures(
                visits=380, hazards=ec.figures.HazardFigures(found=150, rectified=147)
            ),
        )
        assert ["change-mismatch"] == [f.code for f in ec.audit(report, previous=wrong)]


_XHTML = "{http://www.w3.org/1999/xhtml}"


def table_cells(html: str) -> list[tuple[str, str, str, int]]:
    """The figures table of an html page: each row's label under its headings, value, unit, depth.

    A heading of the table (``rowgroup``) is a row of depth 0 without a value. A row's label is joined to the labels of the rows above it at lower depths
    ("行政处罚/交通/罚款"), as a reader takes it from the indentation.
    """
    root = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(html)
    [table] = [t for t in root.iter(f"{_XHTML}table") if t.find(f"{_XHTML}thead") is not None]
    cells: list[tuple[str, str, str, int]] = []
    above: list[tuple[int, str]] = []  # (depth, label) of the rows this one sits under
    for row in table.iter(f"{_XHTML}tr"):
        head = row.find(f"{_XHTML}th")
        if head is None or head.get("scope") == "col":
            continue
        label = "".join(head.itertext())
        if head.get("scope") == "rowgroup":
            above = [(0, label)]
            cells.append((label, "", "", 0))
            continue
        depth = int(head.get("class", "").removeprefix("depth-"))
        while above and above[-1][0] >= depth:
            above.pop()
        above.append((depth, label))
        value, unit = ("".join(td.itertext()) for td in row.findall(f"{_XHTML}td"))
        cells.append(("/".join(name for _, name in above), value, unit, depth))
    return cells


# Key cells of each new example's html table (zh), written by hand from its JSON and
# conventions: (label under its headings) -> (value, unit). Every figure written rounded
# or in 万 is here.
HTML_CELLS: dict[str, dict[str, tuple[str, str]]] = {
    "example-street-office-2024": {
        "执法人员/持证执法人员": ("6", "人"),  # measure_words: 人
        "执法人员/在编人员": ("8", "人"),
        "行政检查/检查家次": ("96", "家次"),
        "行政处罚/案件": ("12", "起"),  # case_measure: 起
        "行政处罚/按程序/简易程序": ("12", "起"),
        "行政处罚/罚款": ("2,400", "元"),
        "比率/办结率": ("100", "%"),  # the report's own rate, as stated
    },
    "example-county-market-2024": {
        "执法人员/持证执法人员": ("86", "名"),
        "行政许可/办理许可事项": ("12,680", "宗"),
        "行政检查/检查家次": ("46.6万", "户次"),  # written 46.6万, measure word 户次
        "行政处罚/立案": ("412", "宗"),
        "行政处罚/案件": ("398", "宗"),
        "行政处罚/罚没金额": ("1753.79", "万元"),  # written 1753.79万元
        "行政强制/行政强制": ("37", "宗"),
        "比率/持证率": ("93.48", "%"),
    },
    "example-county-resources-2024": {
        "行政处罚/案件": ("10", "件"),
        "行政处罚/按处罚种类/罚款": ("10", "件"),
        "行政处罚/按处罚种类/没收违法所得": ("10", "件"),
        "行政处罚/按处罚种类/警告及通报批评": ("3", "件"),
        "行政处罚/罚款": ("197.62", "万元"),  # 1976200 yuan in 万元 to 2 places
        "行政处罚/没收金额": ("9,036.6", "万元"),  # 90366000 yuan, 1 place for this figure
        "行政处罚/按程序罚款/简易程序": ("0.04", "万元"),  # 400 yuan
        "行政处罚/按程序罚款/普通程序": ("197.58", "万元"),  # 1975800 yuan
        "复议诉讼/行政复议": ("5", "件"),
        "复议诉讼/行政处罚/行政复议": ("4", "件"),
    },
    "example-county-emergency-2024": {
        "执法人员/核定编制": ("30", "名"),
        "执法人员/在编人员/行政编制": ("16", "名"),
        "执法人员/借调人员": ("2", "人"),  # measure_words: 人
        "执法人员/减少执法人员/调离执法岗位": ("2", "名"),
        "行政处罚/罚款": ("356,000", "元"),
        "其他执法工作/开展执法巡查": ("187", "次"),
        "其他执法工作/巡查企业": ("651", "家次"),
        "其他执法工作/依法履行监管职责/履职率": ("100", "%"),
        "比率/隐患整改率": ("98.29", "%"),
    },
    "example-town-changes-2024": {
        "行政许可/申请": ("84", "件"),
        "行政检查/检查家次": ("420", "家次"),
        "行政处罚/案件": ("220", "件"),
        "行政处罚/罚款": ("41,500", "元"),
        "比率/隐患整改率": ("98.67", "%"),
    },
    "example-city-rounding-2024": {
        "行政检查/检查家次": ("1616.85万", "家次"),
        "行政检查/检查家次/企业生产": ("1616.65万", "家次"),
        "行政处罚/交通/罚款": ("180.55", "亿元"),
        "行政处罚/市场监管/罚款": ("14.44", "亿元"),
        "行政处罚/罚款": ("194.98", "亿元"),
    },
}


class TestNewExamplesHtml:
    @pytest.mark.parametrize("name", sorted(HTML_CELLS))
    def test_key_cells(self, name):
        """The table holds each figure under its label, with the value and unit the report writes."""
        cells = {label: (value, unit) for label, value, unit, _ in table_cells(page(name))}
        expected = HTML_CELLS[name]
        assert expected == {label: cells.get(label) for label in expected}

    @pytest.mark.parametrize("name", sorted(HTML_CELLS))
    def test_no_empty_row_but_a_heading(self, name):
        """A row without a value heads the rows below it; none stands empty."""
        cells = table_cells(page(name))
        empty = [
            label
            for (label, value, _, depth), following in zip(cells, [*cells[1:], None], strict=True)
            if not value and (following is None or following[3] <= depth)
        ]
        assert [] == empty

    @pytest.mark.parametrize("name", sorted(HTML_CELLS))
    def test_labels_are_unique(self, name):
        """No two rows read the same under their headings, so a reader can tell them apart."""
        labels = [label for label, *_ in table_cells(page(name))]
        assert sorted({label for label in labels if labels.count(label) > 1}) == []

    def test_fines_by_domain_in_english(self):
        """The English table labels the fines by their domain too."""
        cells = {
            label: (value, unit)
            for label, value, unit, _ in table_cells(page("example-city-rounding-2024", "en"))
        }
        assert ("180.55", "100M yuan") == cells["penalty/traffic/fines"]
        assert ("14.44", "100M yuan") == cells["penalty/market supervision/fines"]
        assert ("1616.65×10k", "") == cells["inspection/establishment-visits/enterprise production"]


def page(name: str, locale: str = "zh_CN") -> str:
    html = ec.render(ec.examples.load(name), "html", locale=locale)
    assert isinstance(html, str)
    return html
