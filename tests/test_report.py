"""The annual report, what it states, and how it writes its numbers."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

import enforcement_core as ec
from enforcement_core import AnnualReport, InvariantError
from enforcement_core._paths import check_figure_path, resolve
from enforcement_core.actions import ActionKind
from enforcement_core.figures import ActionFigures
from enforcement_core.report import ChangeUnit, Conventions, RateName, Section, Stated, StatedChange


class TestAnnualReport:
    def test_a_report_with_nothing_but_its_body_and_year(self, body):
        """Every category is optional: no data is not zero."""
        report = AnnualReport(body=body, year=2023)
        assert (report.licensing, report.penalty, report.workforce.certified) == (None, None, None)

    @pytest.mark.parametrize("year", [0, 9999])
    def test_refuses_a_year_off_the_calendar(self, body, year):
        """Years run from 1 to 9998 (the year after must be a date too)."""
        with pytest.raises(InvariantError, match=f"AnnualReport.year: {year} is not a year"):
            AnnualReport(body=body, year=year)

    @pytest.mark.parametrize("year", [1, 9998])
    def test_accepts_the_first_and_last_year(self, body, year):
        """The boundaries are years."""
        assert year == AnnualReport(body=body, year=year).year

    def test_refuses_publication_before_the_year_began(self, body):
        """A report on 2023 cannot be published in 2022."""
        with pytest.raises(InvariantError, match="published on 2022-12-31, before the year 2023"):
            AnnualReport(body=body, year=2023, published_on=dt.date(2022, 12, 31))

    def test_publication_inside_the_year_is_not_refused(self, body):
        """Publishing early is odd, not impossible: the audit reports it."""
        assert (
            dt.date(2023, 1, 1)
            == AnnualReport(body=body, year=2023, published_on=dt.date(2023, 1, 1)).published_on
        )

    def test_refuses_a_category_with_figures_of_its_own_in_other_actions(self, body):
        """Penalties go in the penalty field, not among the other actions."""
        with pytest.raises(
            InvariantError, match="other_actions.penalty: penalty has figures of its own"
        ):
            AnnualReport(
                body=body, year=2023, other_actions={ActionKind.PENALTY: ActionFigures(count=1)}
            )

    def test_other_categories(self, body):
        """Levies and the like hold a count and money."""
        report = AnnualReport(
            body=body,
            year=2023,
            other_actions={ActionKind.LEVY: ActionFigures(count=2, amount=Decimal("10.50"))},
        )
        assert Decimal("10.50") == report.other_actions[ActionKind.LEVY].amount

    def test_is_hashable_and_equal_by_value(self, body):
        """Frozen reports with the same figures are equal and hash alike."""
        assert {AnnualReport(body=body, year=2023), AnnualReport(body=body, year=2023)} == {
            AnnualReport(body=body, year=2023)
        }


class TestStatedChange:
    def test_a_change_of_a_figure(self):
        """A figure path names what changed."""
        change = StatedChange(
            figure="penalty.cases",
            previous=Decimal(356),
            change=Decimal(-136),
            unit=ChangeUnit.ABSOLUTE,
        )
        assert "penalty.cases" == change.figure

    def test_refuses_a_path_that_names_no_figure(self):
        """A misspelt figure would never be audited: refused."""
        with pytest.raises(InvariantError, match="PenaltyFigures has no field 'case'"):
            StatedChange(
                figure="penalty.case",
                previous=Decimal(1),
                change=Decimal(1),
                unit=ChangeUnit.ABSOLUTE,
            )

    def test_refuses_an_unknown_key(self):
        """Keys along the path come from the vocabulary."""
        with pytest.raises(InvariantError, match="'trafic' is not a Domain"):
            StatedChange(
                figure="penalty.by_domain.trafic.cases",
                previous=Decimal(1),
                change=Decimal(1),
                unit=ChangeUnit.PERCENT,
            )

    def test_a_rate_changes_in_points(self):
        """rates.<name> with percentage points."""
        change = StatedChange(
            figure="rates.rectification",
            previous=Decimal("98.12"),
            change=Decimal("0.5"),
            unit=ChangeUnit.POINTS,
        )
        assert ChangeUnit.POINTS is change.unit

    @pytest.mark.parametrize(
        ("figure", "unit"),
        [("rates.rectification", ChangeUnit.PERCENT), ("penalty.cases", ChangeUnit.POINTS)],
    )
    def test_refuses_points_for_a_count_and_percent_for_a_rate(self, figure, unit):
        """Only a rate changes in points, and a rate changes only in points."""
        with pytest.raises(InvariantError, match="a rate changes in percentage points"):
            StatedChange(figure=figure, previous=Decimal(1), change=Decimal(1), unit=unit)

    def test_holds_a_rate_of_the_reports_own(self):
        """A rate the report names itself (办结率) is held; a rate without a name is refused."""
        held = StatedChange(figure="rates.办结率", change=Decimal("1.5"), unit=ChangeUnit.POINTS)
        assert "rates.办结率" == held.figure
        with pytest.raises(InvariantError, match="a rate needs a name after 'rates.'"):
            StatedChange(figure="rates. ", change=Decimal(1), unit=ChangeUnit.POINTS)

    def test_previous_is_optional(self):
        """Most reports write "同比上升10.53%" without the base: previous is None."""
        change = StatedChange(
            figure="penalty.cases", change=Decimal("10.53"), unit=ChangeUnit.PERCENT
        )
        assert change.previous is None
        with pytest.raises(InvariantError, match="previous: must be a finite Decimal"):
            StatedChange(
                figure="penalty.cases",
                previous=Decimal("NaN"),
                change=Decimal(1),
                unit=ChangeUnit.PERCENT,
            )

    def test_refuses_a_non_finite_change(self):
        """Stated numbers are finite decimals."""
        with pytest.raises(InvariantError, match="change: must be a finite Decimal"):
            StatedChange(
                figure="penalty.cases",
                previous=Decimal(1),
                change=Decimal("NaN"),
                unit=ChangeUnit.PERCENT,
            )


class TestStated:
    def test_rates_as_written(self):
        """98.62% is held as Decimal('98.62'), precision and all."""
        assert (
            Decimal("98.62")
            == Stated(rates={RateName.RECTIFICATION: Decimal("98.62")}).rates[
                RateName.RECTIFICATION
            ]
        )

    def test_rates_by_label_are_the_built_in_ones(self):
        """ "持证率" is the certification rate; "办结率" is held under its own name."""
        rates = Stated(rates={"持证率": Decimal("100.0"), "办结率": Decimal("98.5")}).rates
        assert [RateName.CERTIFICATION, "办结率"] == list(rates)
        assert isinstance(next(iter(rates)), RateName)
        assert "100.0" == str(rates[RateName.CERTIFICATION])

    @pytest.mark.parametrize(
        "value", ["1E+39", "-9" * 1 + "9" * 39, "1E-40", "0.5", "-0", "0E-40", "0E+39"]
    )
    def test_a_stated_number_of_forty_digits_each_side_is_held(self, value):
        """40 digits before the point (a JSON whole number's most) and 40 after are held."""
        assert Decimal(value) == Stated(rates={"办结率": Decimal(value)}).rates["办结率"]
        assert (
            Decimal(value)
            == StatedChange(
                figure="penalty.cases", change=Decimal(value), unit=ChangeUnit.ABSOLUTE
            ).change
        )

    @pytest.mark.parametrize("value", ["1E+40", "1E+999999999", "1E-41", "0E-999999999", "0E+40"])
    def test_a_stated_number_of_more_digits_is_refused(self, value):
        """A finite Decimal no report writes (1E+999999999: a billion digits) is refused at
        its field; the renderers and the JSON writer would each write every digit."""
        message = (
            "has more than 40 digits before the point or after it, more than any report writes"
        )
        with pytest.raises(
            InvariantError, match=re.escape(f"rates.办结率: Decimal('{value}') {message}")
        ):
            Stated(rates={"办结率": Decimal(value)})
        with pytest.raises(InvariantError, match="StatedChange.change"):
            StatedChange(figure="penalty.cases", change=Decimal(value), unit=ChangeUnit.ABSOLUTE)

    @pytest.mark.parametrize(
        ("value", "reason"),
        [
            ("-1", "must not be negative"),
            ("-0.01", "must not be negative"),
            ("12.345", "more than two decimal places"),
            ("-0", "negative zero"),
            ("1E+39", "above the largest amount"),
        ],
    )
    def test_the_grand_total_stated_is_money(self, value, reason):
        """涉及金额 is an amount as every amount is: never negative, exact to the fen."""
        with pytest.raises(InvariantError, match=f"Stated.amount: .*{reason}"):
            Stated(amount=Decimal(value))

    @pytest.mark.parametrize("value", ["0", "0.01", "466000", "378100.50", "999999999999.99"])
    def test_the_grand_total_stated_to_the_fen_is_held(self, value):
        assert Decimal(value) == Stated(amount=Decimal(value)).amount

    def test_refuses_a_rate_without_a_name(self):
        """A stated rate needs a name."""
        with pytest.raises(InvariantError, match="rates"):
            Stated(rates={"": Decimal(1)})


class TestConventions:
    def test_money_places_by_figure(self):
        """Places per figure path; a key that names no figure is refused."""
        conventions = Conventions(money_places_by_figure={"penalty.fines": 1})
        assert {"penalty.fines": 1} == dict(conventions.money_places_by_figure)
        with pytest.raises(InvariantError, match="money_places_by_figure.penalty.fine"):
            Conventions(money_places_by_figure={"penalty.fine": 1})
        with pytest.raises(InvariantError, match="number of decimals from 0 to 4"):
            Conventions(money_places_by_figure={"penalty.fines": 5})

    def test_defaults(self):
        """Whole yuan, two-decimal percents, 件 for cases."""
        conventions = Conventions()
        assert (conventions.money_unit, conventions.percent_places, conventions.case_measure) == (
            "元",
            2,
            "件",
        )

    def test_refuses_an_unknown_money_unit(self):
        """Money is written in 元, 万元 or 亿元."""
        with pytest.raises(
            InvariantError, match="'千元' is not one of '元', '万元', '亿元', 'auto'"
        ):
            Conventions(money_unit="千元")

    @pytest.mark.parametrize("places", [-1, 5])
    def test_refuses_places_out_of_range(self, places):
        """0 to 4 decimals."""
        with pytest.raises(InvariantError, match="must be a number of decimals from 0 to 4"):
            Conventions(percent_places=places)

    def test_refuses_a_measure_word_for_no_figure(self):
        """Measure words are given to figures by their paths."""
        with pytest.raises(InvariantError, match="measure_words.penalty.casez"):
            Conventions(measure_words={"penalty.casez": "起"})


class TestSection:
    def test_refuses_an_empty_title(self):
        """A section has a title."""
        with pytest.raises(InvariantError, match="Section.title: must not be empty"):
            Section(title="")

    def test_refuses_a_blank_paragraph(self):
        """Paragraphs say something."""
        with pytest.raises(InvariantError, match=r"paragraphs\[1\]: must not be empty"):
            Section(title="问题", paragraphs=("一是…", " "))


class TestFigurePaths:
    @pytest.mark.parametrize(
        "path",
        [
            "workforce.certified",
            "workforce.units.office.subunits.brigade.certified",
            "inspection.hazards.supervised.division",
            "penalty.fines",
            "reviews.by_kind.penalty.lost",
            "other_actions.levy.amount",
        ],
    )
    def test_names_figures(self, path):
        """Counts and amounts anywhere in a report have paths."""
        assert check_figure_path(AnnualReport, path) is None

    @pytest.mark.parametrize(
        ("path", "reason"),
        [
            ("penalty", "'penalty' is not a figure"),
            ("body.name", "'body.name' is not a figure"),
            ("penalty.fines.x", "goes below a figure"),
            ("inspection.hazards.supervised.province", "'province' is not a SupervisionLevel"),
        ],
    )
    def test_refuses_what_is_not_a_figure(self, path, reason):
        """Objects, text and unknown keys are not figures."""
        assert reason in check_figure_path(AnnualReport, path)

    def test_resolve_follows_fields_and_keys(self, body):
        """resolve() reads a figure by its path; missing steps give None."""
        report = AnnualReport(
            body=body, year=2023, other_actions={ActionKind.LEVY: ActionFigures(count=2)}
        )
        assert (2, None, None) == (
            resolve(report, "other_actions.levy.count"),
            resolve(report, "other_actions.reward.count"),
            resolve(report, "penalty.cases"),
        )


class TestStatedFigure:
    def test_keeps_its_precision(self):
        """46.6万 is 466000 to within 500; 1616.85万 to within 50; 867 to within 0.5."""
        assert (Decimal(466000), Decimal(500)) == (
            ec.report.StatedFigure(
                figure="inspection.visits", value=Decimal("46.6"), unit="万"
            ).exact,
            ec.report.StatedFigure(
                figure="inspection.visits", value=Decimal("46.6"), unit="万"
            ).tolerance,
        )
        assert (
            Decimal(50)
            == ec.report.StatedFigure(
                figure="penalty.cases", value=Decimal("1616.85"), unit="万"
            ).tolerance
        )
        assert (
            Decimal("0.5")
            == ec.report.StatedFigure(figure="penalty.cases", value=Decimal(867)).tolerance
        )

    def test_refuses_what_cannot_be(self):
        """A path that names no figure, a unit not known, a negative value: refused."""
        with pytest.raises(InvariantError, match="has no field"):
            ec.report.StatedFigure(figure="penalty.case", value=Decimal(1))
        with pytest.raises(InvariantError, match="is not one of"):
            ec.report.StatedFigure(figure="penalty.cases", value=Decimal(1), unit="千")
        with pytest.raises(InvariantError, match="must not be negative"):
            ec.report.StatedFigure(figure="penalty.cases", value=Decimal(-1))

    def test_round_trips_as_written(self):
        """JSON keeps the value as written: "46.6" in 万, not 466000."""
        report = ec.AnnualReport(
            body=ec.body.EnforcementBody("示例镇人民政府", ec.body.BodyLevel.TOWN),
            year=2023,
            stated=ec.report.Stated(
                figures=(
                    ec.report.StatedFigure(
                        figure="inspection.visits", value=Decimal("46.60"), unit="万"
                    ),
                )
            ),
        )
        text = ec.dump_json(report)
        assert '"value": "46.60"' in text
        assert report == ec.load_json(text)
