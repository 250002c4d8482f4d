"""rollup: a district's figures from its towns', in any grouping and order."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given

import enforcement_core as ec
from enforcement_core import AnnualReport, rollup
from enforcement_core.actions import Domain
from enforcement_core.body import BodyLevel, EnforcementBody
from enforcement_core.errors import StatisticsError
from enforcement_core.figures import (
    DomainPenalties,
    HazardFigures,
    InspectionFigures,
    PenaltyFigures,
)
from enforcement_core.report import RateName
from enforcement_core.statistics import rate
from enforcement_core.workforce import Unit, UnitKind, WorkforceFigures
from strategies import annual_reports

DISTRICT = EnforcementBody("示例区", BodyLevel.COUNTY)
GULU = ec.examples.load("gulu-2023")


class TestRollup:
    def test_counts_and_money_add(self, report):
        """Figures stated by every town add up."""
        a = report(penalty=PenaltyFigures(cases=10, fines=Decimal("100.50")))
        b = report(penalty=PenaltyFigures(cases=5, fines=Decimal("0.50")))
        district = rollup([a, b], body=DISTRICT)
        assert (15, Decimal(101)) == (district.penalty.cases, district.penalty.fines)

    @pytest.mark.parametrize(
        ("fines", "written"),
        [(["100.50", "0.50"], "101"), (["203.5", "1.5"], "205"), (["0.10", "0.25"], "0.35")],
    )
    def test_money_is_written_with_the_fewest_places(self, report, fines, written):
        """A sum of money has no trailing zeros, whatever the towns wrote: 100.50 + 0.50 is 101."""
        towns = [report(penalty=PenaltyFigures(cases=1, fines=Decimal(text))) for text in fines]
        assert written == str(rollup(towns, body=DISTRICT).penalty.fines)

    def test_a_figure_one_town_does_not_state_is_unknown(self, report):
        """If one town does not state a figure, the district's is not known either."""
        a = report(inspection=InspectionFigures(hazards=HazardFigures(found=10, rectified=8)))
        b = report(inspection=InspectionFigures(hazards=HazardFigures(rectified=5)))
        hazards = rollup([a, b], body=DISTRICT).inspection.hazards
        assert (None, 13) == (hazards.found, hazards.rectified)

    def test_a_town_without_data_for_a_category_adds_nothing(self, report):
        """A category a town has no data for does not make the district's unknown."""
        a = report(penalty=PenaltyFigures(cases=10))
        assert 10 == rollup([a, report()], body=DISTRICT).penalty.cases

    def test_breakdowns_add_key_by_key(self, report):
        """Domains add over the towns that name them."""
        a = report(penalty=PenaltyFigures(by_domain={Domain.TRAFFIC: DomainPenalties(cases=216)}))
        b = report(
            penalty=PenaltyFigures(
                by_domain={
                    Domain.TRAFFIC: DomainPenalties(cases=4),
                    Domain.WATER: DomainPenalties(cases=1),
                }
            )
        )
        by_domain = rollup([a, b], body=DISTRICT).penalty.by_domain
        assert {
            Domain.TRAFFIC: DomainPenalties(cases=220),
            Domain.WATER: DomainPenalties(cases=1),
        } == by_domain

    def test_per_unit(self, report):
        """Units add by identifier, sub-units too; differing names take the first in order."""
        a = report(
            workforce=WorkforceFigures(
                units={
                    "office": Unit(
                        "综合执法办", kind=UnitKind.COMPREHENSIVE_ENFORCEMENT_OFFICE, certified=3
                    )
                }
            )
        )
        b = report(
            workforce=WorkforceFigures(
                units={"office": Unit("综合行政执法办公室", kind=UnitKind.OTHER, certified=4)}
            )
        )
        office = rollup([a, b], body=DISTRICT).workforce.units["office"]
        assert ("综合执法办", UnitKind.OTHER, 7) == (office.name, office.kind, office.certified)

    def test_rates_from_summed_figures_not_averaged(self, report):
        """The district's rate is the sum of rectified over the sum of found."""
        a = report(inspection=InspectionFigures(hazards=HazardFigures(found=100, rectified=100)))
        b = report(inspection=InspectionFigures(hazards=HazardFigures(found=900, rectified=450)))
        district = rollup([a, b], body=DISTRICT)
        # The average of 100% and 50% would be 75%; the district rectified 550 of 1000.
        assert Decimal(55) == rate(district, RateName.RECTIFICATION).percent(0)

    def test_the_reference_report_twice(self):
        """Every figure of the example doubles."""
        twice = rollup([GULU, GULU], body=DISTRICT)
        assert (44, 486, 726, 1018, 1004) == (
            twice.workforce.certified,
            twice.licensing.applications,
            twice.inspection.visits,
            twice.inspection.hazards.found,
            twice.inspection.hazards.rectified,
        )
        assert "农村宅基地" == twice.licensing.subject

    def test_statements_and_narrative_do_not_add_up(self):
        """A district's roll-up states nothing and has no narrative of its own."""
        twice = rollup([GULU, GULU], body=DISTRICT)
        assert (ec.report.Stated(), ec.report.Narrative(), DISTRICT, None) == (
            twice.stated,
            twice.narrative,
            twice.body,
            twice.published_on,
        )

    def test_conventions_kept_when_all_agree(self, report):
        """The towns' way of writing numbers carries over when they share it."""
        assert GULU.conventions == rollup([GULU, GULU], body=DISTRICT).conventions
        assert ec.report.Conventions() == rollup([GULU, report()], body=DISTRICT).conventions

    def test_refuses_different_years(self, body, report):
        """Reports of different years do not roll up."""
        other = AnnualReport(body=body, year=2022)
        with pytest.raises(StatisticsError, match="different years: 2022, 2023"):
            rollup([report(), other], body=DISTRICT)

    def test_refuses_nothing(self):
        """At least one report."""
        with pytest.raises(StatisticsError, match="nothing to roll up"):
            rollup([], body=DISTRICT)


class TestAlgebra:
    @given(annual_reports(year=2023), annual_reports(year=2023))
    def test_commutative(self, a, b):
        """rollup([a, b]) == rollup([b, a])."""
        assert rollup([a, b], body=DISTRICT) == rollup([b, a], body=DISTRICT)

    @given(annual_reports(year=2023), annual_reports(year=2023), annual_reports(year=2023))
    def test_associative(self, a, b, c):
        """Summaries combine in any grouping: ((a b) c) == (a (b c)) == (a b c)."""
        left = rollup([rollup([a, b], body=DISTRICT), c], body=DISTRICT)
        right = rollup([a, rollup([b, c], body=DISTRICT)], body=DISTRICT)
        assert left == right == rollup([a, b, c], body=DISTRICT)

    @given(annual_reports(year=2023))
    def test_one_report_keeps_its_figures(self, a):
        """Rolling up one report keeps every figure."""
        single = rollup([a], body=DISTRICT)
        for name in ec.statistics.FIGURE_FIELDS:
            assert getattr(a, name) == getattr(single, name)
