"""The built-in examples: the reference report's data, held exactly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import enforcement_core as ec
from enforcement_core import (
    BodyLevel,
    Domain,
    InspectionArea,
    PartyKind,
    RateName,
    SectionRole,
    SupervisionLevel,
    UnitKind,
)


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
            ec.ExampleNotFound,
            match="no built-in example 'nowhere'; the examples are: .*'gulu-2023'",
        ):
            ec.examples.load("nowhere")

    def test_example_not_found_is_a_lookup_error(self):
        """Callers may catch the built-in LookupError."""
        assert issubclass(ec.ExampleNotFound, LookupError)


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
