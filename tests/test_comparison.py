"""compare: year over year, figure by figure and rate by rate."""

from __future__ import annotations

from decimal import Decimal

import pytest

import enforcement_core as ec
from enforcement_core import compare
from enforcement_core.comparison import Change, RateChange
from enforcement_core.report import RateName
from enforcement_core.statistics import Rate

GULU = ec.examples.load("gulu-2023")


class TestChange:
    @pytest.mark.parametrize(
        ("previous", "current", "difference", "percent"),
        [
            (380, 420, 40, "10.53"),  # 同比上升10.53%
            (356, 220, -136, "-38.20"),  # 下降136件
            (7, 7, 0, "0.00"),
            (0, 3, 3, None),  # from 0: undefined, never a ZeroDivisionError
            (0, 0, 0, None),
        ],
    )
    def test_difference_and_percent(self, previous, current, difference, percent):
        """The absolute and the percent change, rounded half up once."""
        change = Change("penalty.cases", previous, current)
        assert difference == change.difference
        assert (None if percent is None else Decimal(percent)) == change.percent(2)

    def test_half_up_away_from_zero(self):
        """-0.125% at two places is -0.13%, as 四舍五入 writes a decrease."""
        assert Decimal("-0.13") == Change("x", 8000, 7990).percent(2)

    def test_unknown_side(self):
        """A figure one year lacks has no change."""
        change = Change("penalty.cases", None, 220)
        assert (None, None) == (change.difference, change.percent())


class TestRateChange:
    def test_points_from_exact_rates(self):
        """Percentage points from the exact rates, rounded once: 98.624… - 98.0 = 0.62."""
        assert Decimal("0.62") == RateChange(
            RateName.RECTIFICATION, Rate(490, 500), Rate(502, 509)
        ).points(2)

    def test_undefined_rate_has_no_points(self):
        """An undefined rate on either side: no change."""
        assert RateChange(RateName.RECTIFICATION, Rate(0, 0), Rate(1, 2)).points() is None


class TestCompare:
    def test_every_figure_of_either_year(self, report):
        """A figure of either year appears, with None for the year that lacks it."""
        before = report(year=2022, penalty=ec.figures.PenaltyFigures(cases=356))
        comparison = compare(before, GULU)
        assert (356, 220) == (
            comparison["penalty.cases"].previous,
            comparison["penalty.cases"].current,
        )
        assert (None, 363) == (
            comparison["inspection.visits"].previous,
            comparison["inspection.visits"].current,
        )
        assert Decimal("-38.20") == comparison["penalty.cases"].percent(2)

    def test_rates_in_points(self, report):
        """Rates of either year, in percentage points."""
        before = report(
            year=2022,
            inspection=ec.figures.InspectionFigures(
                hazards=ec.figures.HazardFigures(found=500, rectified=490)
            ),
        )
        assert Decimal("0.6") == compare(before, GULU).rate(RateName.RECTIFICATION).points(1)

    def test_missing_figure_is_a_key_error(self):
        """Asking for a figure neither year has is a KeyError."""
        with pytest.raises(KeyError):
            compare(GULU, GULU)["coercion.measures"]

    def test_years(self, report):
        """The comparison knows its two years."""
        comparison = compare(report(year=2022), GULU)
        assert (2022, 2023) == (comparison.previous_year, comparison.current_year)

    def test_a_rate_neither_year_has(self):
        """A rate neither year gives is unknown on both sides."""
        assert RateChange(RateName.CERTIFICATION, None, None) == compare(GULU, GULU).rate(
            RateName.CERTIFICATION
        )
