"""Rates, derived totals and tallies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import enforcement_core as ec
from enforcement_core import AnnualReport, InvariantError, statistics
from enforcement_core.actions import ActionKind
from enforcement_core.figures import HazardFigures, InspectionFigures, LicensingFigures
from enforcement_core.report import RateName
from enforcement_core.statistics import (
    Rate,
    TallyBy,
    category_totals,
    days_to_rectify,
    figure,
    fine_per_case,
    open_hazards,
    rate,
    rates,
    tally,
)
from enforcement_core.workforce import Unit, UnitKind, WorkforceFigures
from strategies import annual_reports

GULU = ec.examples.load("gulu-2023")


@pytest.fixture(scope="module")
def hazards_report(report):
    """Build a report with ``found`` and ``rectified`` hazards."""

    def build(found: int | None, rectified: int | None) -> AnnualReport:
        return report(
            inspection=InspectionFigures(hazards=HazardFigures(found=found, rectified=rectified))
        )

    return build


class TestRate:
    @pytest.mark.parametrize(
        ("numerator", "denominator", "places", "expected"),
        [
            (502, 509, 2, "98.62"),
            (789, 800, 2, "98.63"),  # 98.625: half up, never half-even
            (1, 8, 1, "12.5"),
            (1, 8, 0, "13"),  # 12.5 → 13: rounded once from the exact ratio
            (0, 7, 2, "0.00"),
            (7, 7, 2, "100.00"),
            (Decimal("0.5"), Decimal(2), 0, "25"),
        ],
    )
    def test_percent_rounds_half_up_once(self, numerator, denominator, places, expected):
        """The percent is rounded once, half up, from the exact ratio."""
        assert Decimal(expected) == Rate(numerator, denominator).percent(places)

    def test_no_double_rounding(self):
        """0.12449… is 12.45% at 2 places but 12% at 0, not 13% (rounding 12.45 again)."""
        r = Rate(12449, 100000)
        assert (Decimal("12.45"), Decimal(12)) == (r.percent(2), r.percent(0))

    def test_zero_denominator_is_undefined(self):
        """0/0 is undefined: None, not 0%, not 100%, no ZeroDivisionError."""
        r = Rate(0, 0)
        assert (r.defined, r.percent(2), r.value(2), r.fraction(), str(r)) == (
            False,
            None,
            None,
            None,
            "undefined",
        )

    def test_undefined_differs_from_zero_and_whole(self):
        """An undefined rate is neither 0% nor 100%."""
        assert Rate(0, 0).percent() not in (Rate(0, 1).percent(), Rate(1, 1).percent())

    def test_refuses_a_share_above_its_whole(self):
        """A share's numerator cannot exceed its denominator."""
        with pytest.raises(InvariantError, match="6 exceeds the denominator 5 of a share"):
            Rate(6, 5)
        with pytest.raises(InvariantError, match="exceeds the denominator 0"):
            Rate(1, 0)

    def test_a_ratio_that_is_not_a_share(self):
        """Fine per case is a ratio, not a share."""
        assert Decimal("1700.00") == Rate(Decimal(6800), 4, share=False).value(2)

    @pytest.mark.parametrize("value", [-1, 1.5, True, "3", Decimal("NaN")])
    def test_refuses_what_is_not_an_exact_count_or_amount(self, value):
        """Exact, non-negative numbers only: no floats, no bools, no strings."""
        with pytest.raises(InvariantError, match="Rate.numerator"):
            Rate(value, 10)

    def test_exact_fraction(self):
        """The ratio is held exactly."""
        assert Fraction(502, 509) == Rate(502, 509).fraction()

    @given(st.integers(0, 10**9), st.integers(0, 10**9), st.integers(0, 4))
    def test_shares_lie_within_zero_and_one(self, a, b, places):
        """Every defined share is within [0, 1], its percent within [0, 100]."""
        numerator, denominator = min(a, b), max(a, b)
        r = Rate(numerator, denominator)
        if denominator == 0:
            assert r.percent(places) is None
        else:
            assert 0 <= r.fraction() <= 1
            assert Decimal(0) <= r.percent(places) <= Decimal(100)

    @given(annual_reports())
    def test_every_computed_share_lies_within_zero_and_one(self, generated):
        """The rates of any valid report are shares within [0, 1]."""
        for value in rates(generated).values():
            assert value.share
            assert value.fraction() is None or 0 <= value.fraction() <= 1


#: For each rate: figures that give it, figures that make its denominator 0, figures that lack one.
EVERY_RATE = {
    RateName.RECTIFICATION: (
        {"inspection": InspectionFigures(hazards=HazardFigures(found=4, rectified=3))},
        {"inspection": InspectionFigures(hazards=HazardFigures(found=0, rectified=0))},
        {"inspection": InspectionFigures(hazards=HazardFigures(found=4))},
    ),
    RateName.GRANT_OF_APPLICATIONS: (
        {"licensing": LicensingFigures(applications=4, granted=3)},
        {"licensing": LicensingFigures(applications=0, granted=0)},
        {"licensing": LicensingFigures(granted=3)},
    ),
    RateName.GRANT_OF_DECISIONS: (
        {"licensing": LicensingFigures(granted=3, refused=1)},
        {"licensing": LicensingFigures(granted=0, refused=0)},
        {"licensing": LicensingFigures(granted=3)},
    ),
    RateName.CERTIFICATION: (
        {"workforce": WorkforceFigures(certified=3, established_staff=4)},
        {"workforce": WorkforceFigures(certified=0, established_staff=0)},
        {"workforce": WorkforceFigures(certified=3)},
    ),
    RateName.TRAINING_COVERAGE: (
        {"workforce": WorkforceFigures(certified=4, trained=3)},
        {"workforce": WorkforceFigures(certified=0, trained=0)},
        {"workforce": WorkforceFigures(trained=3)},
    ),
    RateName.OFFICE_SHARE: (
        {
            "workforce": WorkforceFigures(
                certified=4,
                units={
                    "o": Unit("办", kind=UnitKind.COMPREHENSIVE_ENFORCEMENT_OFFICE, certified=3)
                },
            )
        },
        {
            "workforce": WorkforceFigures(
                certified=0,
                units={
                    "o": Unit("办", kind=UnitKind.COMPREHENSIVE_ENFORCEMENT_OFFICE, certified=0)
                },
            )
        },
        {
            "workforce": WorkforceFigures(
                certified=4, units={"o": Unit("办", kind=UnitKind.COMPREHENSIVE_ENFORCEMENT_OFFICE)}
            )
        },
    ),
}


class TestRateDefaults:
    def test_two_decimals_unless_told(self):
        """percent(), value() and str() give two decimals by default."""
        rectification = rate(GULU, RateName.RECTIFICATION)
        assert (Decimal("98.62"), "98.62%") == (rectification.percent(), str(rectification))
        assert Decimal("30.91") == fine_per_case(GULU).value()

    def test_refuses_a_negative_count(self):
        """A negative numerator is refused, naming the field and the value."""
        with pytest.raises(InvariantError, match="must not be negative, got -1") as info:
            Rate(-1, 2)
        assert ("numerator", -1) == (info.value.field, info.value.value)

    def test_refuses_a_float(self):
        """A float is not an exact number: refused, with the value."""
        with pytest.raises(
            InvariantError, match="must be an int or a finite Decimal, not 1.5"
        ) as info:
            Rate(1.5, 2)  # type: ignore[arg-type]
        assert 1.5 == info.value.value


class TestEveryRate:
    def test_every_rate_is_covered(self):
        """The table below covers every rate."""
        assert set(RateName) == set(EVERY_RATE)

    @pytest.mark.parametrize("name", list(RateName))
    def test_given_by_its_figures(self, report, name):
        """3 of 4 is 75.00%."""
        assert Decimal("75.00") == rate(report(**EVERY_RATE[name][0]), name).percent(2)

    @pytest.mark.parametrize("name", list(RateName))
    def test_undefined_on_a_zero_denominator(self, report, name):
        """0 of 0 is undefined: a rate whose percent is None."""
        assert rate(report(**EVERY_RATE[name][1]), name).percent(2) is None

    @pytest.mark.parametrize("name", list(RateName))
    def test_unknown_without_a_figure(self, report, name):
        """A figure not stated: no rate at all."""
        assert rate(report(**EVERY_RATE[name][2]), name) is None


class TestReportRates:
    def test_rectification(self):
        """隐患整改率 = rectified ÷ found."""
        assert Decimal("98.62") == rate(GULU, RateName.RECTIFICATION).percent(2)

    @pytest.mark.parametrize(("found", "rectified"), [(None, 502), (509, None), (None, None)])
    def test_rectification_needs_both_figures(self, hazards_report, found, rectified):
        """A rate needs both of its figures stated."""
        assert rate(hazards_report(found, rectified), RateName.RECTIFICATION) is None

    def test_rectification_of_no_hazards_is_undefined(self, hazards_report):
        """0 of 0 hazards rectified: the rate exists, and is undefined."""
        assert rate(hazards_report(0, 0), RateName.RECTIFICATION).percent() is None

    def test_rectification_from_derived_found(self, report):
        """Hazards found may come from the areas when the total is not stated."""
        inspection = InspectionFigures(
            by_area={
                ec.actions.InspectionArea.FIRE_SAFETY: ec.figures.AreaFigures(
                    hazards=HazardFigures(found=10)
                )
            },
            hazards=HazardFigures(rectified=9),
        )
        assert Decimal(90) == rate(report(inspection=inspection), RateName.RECTIFICATION).percent(0)

    def test_share_above_whole_is_not_a_rate(self, report):
        """Figures that would make a share above 100% give no rate (the audit reports them)."""
        inspection = InspectionFigures(
            by_area={
                ec.actions.InspectionArea.FIRE_SAFETY: ec.figures.AreaFigures(
                    hazards=HazardFigures(found=8)
                )
            },
            hazards=HazardFigures(rectified=9),
        )
        assert rate(report(inspection=inspection), RateName.RECTIFICATION) is None

    def test_grant_of_applications_and_of_decisions(self, report):
        """Granted over applications, or over decisions (granted + refused)."""
        licensing = LicensingFigures(applications=243, granted=209, refused=20)
        r = report(licensing=licensing)
        assert Fraction(209, 243) == rate(r, RateName.GRANT_OF_APPLICATIONS).fraction()
        assert Fraction(209, 229) == rate(r, RateName.GRANT_OF_DECISIONS).fraction()

    def test_grant_of_decisions_needs_refusals(self, report):
        """Without the refusals, the decisions are not known (the reference report)."""
        assert rate(GULU, RateName.GRANT_OF_DECISIONS) is None
        assert (
            rate(
                report(licensing=LicensingFigures(granted=0, refused=0)),
                RateName.GRANT_OF_DECISIONS,
            ).percent()
            is None
        )

    def test_certification(self, report):
        """持证率 = certified ÷ established staff."""
        r = report(workforce=WorkforceFigures(certified=22, established_staff=25))
        assert Decimal("88.00") == rate(r, RateName.CERTIFICATION).percent(2)
        assert rate(GULU, RateName.CERTIFICATION) is None  # established staff not stated

    def test_training_coverage(self, report):
        """Trained ÷ certified; above 100% is no share."""
        assert Decimal(100) == rate(GULU, RateName.TRAINING_COVERAGE).percent(0)
        assert (
            rate(
                report(workforce=WorkforceFigures(certified=2, trained=3)),
                RateName.TRAINING_COVERAGE,
            )
            is None
        )

    def test_office_share(self):
        """The comprehensive enforcement office's officers, brigade included, over all (8 / 22)."""
        assert Fraction(8, 22) == rate(GULU, RateName.OFFICE_SHARE).fraction()

    def test_office_share_needs_an_office(self, report):
        """No unit of the office's kind, no share."""
        workforce = WorkforceFigures(
            certified=10, units={"a": Unit("甲", kind=UnitKind.OTHER, certified=4)}
        )
        assert rate(report(workforce=workforce), RateName.OFFICE_SHARE) is None

    def test_rates_lists_only_what_the_figures_allow(self, report):
        """rates() leaves out the rates a report cannot give."""
        assert [
            RateName.RECTIFICATION,
            RateName.GRANT_OF_APPLICATIONS,
            RateName.TRAINING_COVERAGE,
            RateName.OFFICE_SHARE,
        ] == list(rates(GULU))
        assert {} == rates(report())

    def test_fine_per_case(self, report):
        """Fines ÷ cases, from the domains: 6800 ÷ 220."""
        assert Decimal("30.91") == fine_per_case(GULU).value(2)
        assert fine_per_case(report()) is None


class TestFigure:
    def test_a_stated_figure(self):
        """A stated figure is itself."""
        assert 363 == figure(GULU, "inspection.visits")

    def test_a_total_derived_from_its_parts(self):
        """Penalty cases are not stated; the domains give 220."""
        assert 220 == figure(GULU, "penalty.cases")

    def test_the_largest_breakdown_when_several(self, report):
        """Every breakdown is a lower bound: the largest sum is taken."""
        penalty = ec.figures.PenaltyFigures(
            by_domain={ec.actions.Domain.TRAFFIC: ec.figures.DomainPenalties(cases=30)},
            by_procedure={ec.actions.Procedure.SIMPLE: 40},
        )
        assert 40 == figure(report(penalty=penalty), "penalty.cases")

    def test_a_subset_derives_nothing(self, report):
        """Supervised hazards are some of those found, not a breakdown of them."""
        r = report(
            inspection=InspectionFigures(
                hazards=HazardFigures(supervised={ec.actions.SupervisionLevel.DIVISION: 6})
            )
        )
        assert figure(r, "inspection.hazards.found") is None

    def test_nothing_stated(self):
        """No figure, no parts: None."""
        assert figure(GULU, "coercion.measures") is None


class TestCategoryTotals:
    def test_reference_report(self):
        """Licensing decisions, inspections and penalties with their money."""
        totals = category_totals(GULU)
        assert [ActionKind.LICENSING, ActionKind.PENALTY, ActionKind.INSPECTION] == list(totals)
        assert (209, 363, 220, Decimal(6800)) == (
            totals[ActionKind.LICENSING].count,
            totals[ActionKind.INSPECTION].count,
            totals[ActionKind.PENALTY].count,
            totals[ActionKind.PENALTY].amount,
        )

    def test_coercion_adds_measures_and_executions(self, report):
        """Coercion counts measures and executions."""
        r = report(coercion=ec.figures.CoercionFigures(measures=2, executions=1))
        assert 3 == category_totals(r)[ActionKind.COERCION].count

    def test_penalty_money_prefers_the_stated_total(self, report):
        """罚没金额 as stated wins over its parts."""
        penalty = ec.figures.PenaltyFigures(fines_and_confiscations=Decimal(100), fines=Decimal(60))
        assert Decimal(100) == category_totals(report(penalty=penalty))[ActionKind.PENALTY].amount

    def test_other_categories(self, report):
        """Levies and the like bring their own count and money."""
        r = report(
            other_actions={ActionKind.LEVY: ec.figures.ActionFigures(count=2, amount=Decimal(5))}
        )
        assert ec.statistics.CategoryTotal(2, Decimal(5)) == category_totals(r)[ActionKind.LEVY]


class TestMoreTotals:
    def test_fine_per_case_needs_fines(self, report):
        """Cases without fines give no fine per case."""
        assert fine_per_case(report(penalty=ec.figures.PenaltyFigures(cases=4))) is None

    def test_penalty_money_adds_confiscations(self, report):
        """Without a stated total, the penalty money is fines plus confiscations."""
        penalty = ec.figures.PenaltyFigures(fines=Decimal(100), confiscations=Decimal(50))
        assert Decimal(150) == category_totals(report(penalty=penalty))[ActionKind.PENALTY].amount

    def test_licensing_decisions_add_refusals(self, report):
        """Licensing decisions are granted plus refused."""
        licensing = LicensingFigures(granted=7, refused=3)
        assert 10 == category_totals(report(licensing=licensing))[ActionKind.LICENSING].count


class TestTally:
    def test_by_supervision(self, report):
        """Supervised hazards by level, as stated; none without inspections."""
        assert {
            ec.actions.SupervisionLevel.DIVISION: 6,
            ec.actions.SupervisionLevel.SECTION: 5,
        } == dict(tally(GULU, "supervision").counts)
        assert {} == dict(tally(report(), "supervision").counts)

    def test_by_category(self):
        """Counts by category."""
        assert {
            ActionKind.LICENSING: 209,
            ActionKind.PENALTY: 220,
            ActionKind.INSPECTION: 363,
        } == tally(GULU, "category").counts

    def test_by_domain_and_total(self):
        """Counts by domain add up to their total."""
        t = tally(GULU, TallyBy.DOMAIN)
        assert ({ec.actions.Domain.WORK_SAFETY: 4, ec.actions.Domain.TRAFFIC: 216}, 220) == (
            t.counts,
            t.total,
        )

    def test_by_area_leaves_out_what_is_not_stated(self):
        """The reference report names areas without counts: nothing to tally."""
        assert {} == tally(GULU, "area").counts

    def test_by_unit_counts_top_level_units_once(self):
        """Sub-units appear by path; the total counts top-level units only."""
        t = tally(GULU, "unit")
        assert 22 == t.total

    def test_from_a_ledger(self):
        """A ledger is summarised first."""
        ledger = ec.examples.load_records("gulu-2023")
        assert 363 == tally(ledger, "area").total

    def test_by_month_needs_records(self):
        """Yearly figures have no months."""
        with pytest.raises(ec.errors.StatisticsError, match="a tally by month needs a ledger"):
            tally(GULU, "month")

    def test_by_month_of_one_category(self):
        """Months of one category add up to its records in the year."""
        ledger = ec.examples.load_records("gulu-2023")
        t = tally(ledger, "month", kind=ActionKind.PENALTY)
        assert (list(range(1, 13)), 220) == (list(t.counts), t.total)

    def test_by_month_of_one_other_category(self, body):
        """Other actions are counted by month under their own category only."""
        ledger = ec.Ledger(
            body=body,
            year=2023,
            other_actions=(
                ec.actions.OtherAction("L-1", ActionKind.LEVY, dt.date(2023, 3, 1)),
                ec.actions.OtherAction("L-2", ActionKind.LEVY, dt.date(2023, 3, 9)),
                ec.actions.OtherAction("R-1", ActionKind.REWARD, dt.date(2023, 5, 1)),
            ),
        )
        levies = tally(ledger, "month", kind=ActionKind.LEVY)
        assert (TallyBy.MONTH, 2) == (levies.by, levies.total)
        assert 2 == levies.counts[3]
        assert 3 == tally(ledger, "month").total

    @pytest.mark.parametrize("by", ["domain", "area", "supervision"])
    def test_nothing_to_tally(self, report, by):
        """A report without the category's figures tallies to nothing."""
        assert (0, {}) == (tally(report(), by).total, dict(tally(report(), by).counts))

    def test_unknown_key(self):
        """An unknown key is refused with the known ones."""
        with pytest.raises(
            ec.errors.StatisticsError, match="cannot tally by 'week'; tally by one of 'category'"
        ):
            tally(GULU, "week")


class TestRecordStatistics:
    @pytest.fixture
    def ledger(self, body):
        """Build a 2023 ledger of one inspection with ``hazard_list``."""

        def build(*hazard_list: ec.actions.Hazard) -> ec.Ledger:
            inspection = ec.actions.Inspection(
                "I-1",
                dt.date(2023, 1, 2),
                target="某站",
                area=ec.actions.InspectionArea.FIRE_SAFETY,
                hazards=hazard_list,
            )
            return ec.Ledger(body=body, year=2023, inspections=(inspection,))

        return build

    def test_open_hazards_of_a_report(self, hazards_report):
        """Found less rectified: 509 - 502."""
        assert 7 == open_hazards(GULU)
        assert open_hazards(hazards_report(509, None)) is None

    def test_open_hazards_of_a_ledger(self, ledger):
        """A hazard rectified after 31 December was open at the year's end."""
        day = dt.date(2023, 1, 2)
        ledger = ledger(
            ec.actions.Hazard("H-1", day, rectified_on=dt.date(2023, 12, 31)),
            ec.actions.Hazard("H-2", day, rectified_on=dt.date(2024, 1, 1)),
            ec.actions.Hazard("H-3", day),
        )
        assert 2 == open_hazards(ledger)

    def test_days_to_rectify(self, ledger):
        """Median of an even count is the mean of the middle two; p90 the nearest rank."""
        day = dt.date(2023, 1, 2)
        ledger = ledger(
            *(
                ec.actions.Hazard(f"H-{d}", day, rectified_on=day + dt.timedelta(days=d))
                for d in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
            ),
            ec.actions.Hazard("H-open", day),
        )
        assert statistics.RectificationDays(10, Decimal("5.5"), 9) == days_to_rectify(ledger)

    def test_days_to_rectify_of_an_odd_count(self, ledger):
        """Median of an odd count is the middle one; p90 the nearest rank, ceil(0.9 × 11) = 10."""
        day = dt.date(2023, 1, 2)
        hazards = (
            ec.actions.Hazard(f"H-{d}", day, rectified_on=day + dt.timedelta(days=d))
            for d in range(1, 12)
        )
        assert statistics.RectificationDays(11, Decimal(6), 10) == days_to_rectify(ledger(*hazards))

    def test_days_to_rectify_with_nothing_rectified(self, ledger):
        """No rectified hazard: no median, no percentile."""
        assert statistics.RectificationDays(0, None, None) == days_to_rectify(
            ledger(ec.actions.Hazard("H-1", dt.date(2023, 1, 2)))
        )
