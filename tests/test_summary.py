"""summarize: every yearly figure computed from the records, each record once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings

import enforcement_core as ec
from enforcement_core import summarize
from enforcement_core._paths import resolve
from enforcement_core.statistics import rate, report_figures
from profiles import examples
from strategies import ledgers

GULU = ec.examples.load("gulu-2023")


def in_year(records: tuple, year: int) -> list:
    return [r for r in records if r.date.year == year]


class TestGuluLedger:
    def test_summary_has_every_figure_of_the_report(self):
        """Every count, amount and supervised tally the report states comes out of the records."""
        summary = summarize(ec.examples.load_records("gulu-2023"))
        stated = dict(report_figures(GULU))
        assert stated == {path: resolve(summary, path) for path in stated}
        assert (
            17 == len(stated)
        )  # 22 officers in three units and two, trained, misconduct; 243, 209; 363, 509, 502, 6, 5; 4, 6800, 216; 3

    def test_summary_names_the_same_areas(self):
        """The eight areas the report names are the areas inspected."""
        summary = summarize(ec.examples.load_records("gulu-2023"))
        assert list(GULU.inspection.by_area) == list(summary.inspection.by_area)

    def test_is_deterministic(self):
        """The synthetic ledger is the same on every call and in every process."""
        ledger = ec.examples.load_records("gulu-2023")
        assert ledger == ec.load_json(ec.dump_json(ledger))
        assert "JC20230001" == ledger.inspections[0].id
        assert dt.date(2023, 1, 4) <= ledger.inspections[0].inspected_on

    def test_unknown_ledger_example(self):
        """Only examples with records have a ledger."""
        with pytest.raises(ec.errors.ExampleNotFound, match="the ledger examples are: 'gulu-2023'"):
            ec.examples.load_records("nowhere")


# Ledgers are slow to draw: these properties take 50 examples each (the suite's time budget).
LEDGER_EXAMPLES = settings(max_examples=examples(50))


class TestRecordsCountOnce:
    @given(ledgers())
    @LEDGER_EXAMPLES
    def test_counts_equal_the_records_of_the_year(self, ledger):
        """Every count the summary reports equals the records of the year given."""
        year = ledger.year
        summary = summarize(ledger)
        inspections = in_year(ledger.inspections, year)
        cases = in_year(ledger.penalty_cases, year)
        applications = in_year(ledger.licence_applications, year)
        coercion = in_year(ledger.coercive_actions, year)
        interviews = in_year(ledger.interviews, year)
        others = in_year(ledger.other_actions, year)
        reviews = in_year(ledger.reviews, year)

        assert len(inspections) == (summary.inspection.visits if summary.inspection else 0)
        assert sum(len(i.hazards) for i in inspections) == (
            summary.inspection.hazards.found if summary.inspection else 0
        )
        assert len(cases) == (summary.penalty.cases if summary.penalty else 0)
        assert len(applications) == (summary.licensing.applications if summary.licensing else 0)
        assert len(coercion) == (
            summary.coercion.measures + summary.coercion.executions if summary.coercion else 0
        )
        assert len(interviews) == (summary.interviews.count if summary.interviews else 0)
        assert len(others) == sum(f.count for f in summary.other_actions.values())
        assert len(reviews) == (
            summary.reviews.total.reconsiderations + summary.reviews.total.litigations
            if summary.reviews
            else 0
        )

    @given(ledgers())
    @LEDGER_EXAMPLES
    def test_sanctions_tallied_per_type(self, ledger):
        """by_sanction[t] counts the cases carrying t; not_penalised the cases carrying none."""
        summary = summarize(ledger)
        cases = in_year(ledger.penalty_cases, ledger.year)
        if summary.penalty is None:
            assert [] == cases
            return
        carrying = {
            kind: sum(1 for case in cases if kind in case.sanctions)
            for kind in ec.actions.SanctionType
        }
        assert {kind: n for kind, n in carrying.items() if n} == dict(summary.penalty.by_sanction)
        assert sum(1 for case in cases if not case.sanctions) == summary.penalty.not_penalised
        penalised = len(cases) - summary.penalty.not_penalised
        assert penalised <= sum(summary.penalty.by_sanction.values())

    @given(ledgers())
    @LEDGER_EXAMPLES
    def test_each_record_counts_in_exactly_one_place(self, ledger):
        """Every breakdown of the summary covers its total exactly: no record twice, none lost."""
        summary = summarize(ledger)
        if summary.penalty:
            penalty = summary.penalty
            assert penalty.cases == sum(d.cases for d in penalty.by_domain.values())
            # Sanctions are tallied per type, not a breakdown of the cases: see below.
            assert penalty.cases == sum(penalty.by_procedure.values())
            assert penalty.fines == sum((d.fines for d in penalty.by_domain.values()), Decimal(0))
        if summary.inspection:
            inspection = summary.inspection
            assert inspection.visits == sum(a.visits for a in inspection.by_area.values())
            assert inspection.hazards.found == sum(
                a.hazards.found for a in inspection.by_area.values()
            )
        if summary.licensing:
            licensing = summary.licensing
            pending = sum(
                1
                for a in in_year(ledger.licence_applications, ledger.year)
                if a.accepted and a.decision is None
            )
            assert licensing.accepted == licensing.granted + licensing.refused + pending
        if summary.reviews:
            total = summary.reviews.total
            by_kind = summary.reviews.by_kind.values()
            assert total.reconsiderations == sum(k.reconsiderations for k in by_kind)
            assert total.litigations == sum(k.litigations for k in by_kind)


class TestSummary:
    def test_categories_without_records_are_left_out(self, body):
        """No record in the year, no data: the category is None, not zero."""
        summary = summarize(ec.Ledger(body=body, year=2023))
        assert (summary.licensing, summary.penalty, summary.workforce.certified) == (
            None,
            None,
            None,
        )

    def test_records_outside_the_year_are_not_counted(self, body):
        """A record of another year is left out (the audit reports it)."""
        case = ec.actions.PenaltyCase(
            "P-1", dt.date(2022, 12, 31), domain=ec.actions.Domain.TRAFFIC
        )
        assert summarize(ec.Ledger(body=body, year=2023, penalty_cases=(case,))).penalty is None

    def test_hazards_rectified_after_the_year_are_open(self, body):
        """Rectified means rectified by 31 December."""
        day = dt.date(2023, 12, 20)
        inspection = ec.actions.Inspection(
            "I-1",
            day,
            target="某站",
            area=ec.actions.InspectionArea.FIRE_SAFETY,
            hazards=(ec.actions.Hazard("H-1", day, rectified_on=dt.date(2024, 1, 3)),),
        )
        summary = summarize(ec.Ledger(body=body, year=2023, inspections=(inspection,)))
        assert (1, 0) == (summary.inspection.hazards.found, summary.inspection.hazards.rectified)

    def test_workforce_from_the_roster(self, body):
        """Certified on 31 December, per unit with sub-units counted in their unit."""
        cert = ec.workforce.Certificate("1", "府", dt.date(2020, 1, 1), dt.date(2025, 1, 1))
        new = ec.workforce.Certificate("2", "府", dt.date(2023, 5, 1), dt.date(2028, 1, 1))
        cancelled = ec.workforce.Certificate(
            "3", "府", dt.date(2020, 1, 1), dt.date(2025, 1, 1), cancelled_on=dt.date(2023, 6, 1)
        )
        units = {
            "office": ec.workforce.Unit("办公室", subunits={"brigade": ec.workforce.Unit("大队")})
        }
        officers = (
            ec.workforce.Officer("o-1", "甲", unit="office", certificates=(cert,), trained=True),
            ec.workforce.Officer("o-2", "乙", unit="brigade", certificates=(new,)),
            ec.workforce.Officer("o-3", "丙", unit="brigade", certificates=(cancelled,)),
            ec.workforce.Officer(
                "a-1", "丁", unit="brigade", employment=ec.workforce.Employment.AUXILIARY
            ),
        )
        misconduct = (ec.workforce.MisconductCase("M-1", "o-1", dt.date(2023, 3, 1)),)
        workforce = summarize(
            ec.Ledger(
                body=body, year=2023, units=units, officers=officers, misconduct_cases=misconduct
            )
        ).workforce
        office = workforce.units["office"]
        assert (2, 2, 1) == (
            workforce.certified,
            office.certified,
            office.subunits["brigade"].certified,
        )
        assert (3, 1, 1, 1, 1, 1) == (
            workforce.established_staff,
            workforce.auxiliary_staff,
            workforce.newly_certified,
            workforce.certificates_cancelled,
            workforce.trained,
            workforce.misconduct_cases,
        )

    def test_trained_are_counted_among_the_certified(self, body):
        """A trained member of staff without a certificate is not counted: coverage stays within 100%."""
        cert = ec.workforce.Certificate("1", "府", dt.date(2020, 1, 1), dt.date(2025, 1, 1))
        officers = (
            ec.workforce.Officer("o-1", "甲", unit="office", certificates=(cert,), trained=True),
            ec.workforce.Officer("o-2", "乙", unit="office", certificates=(cert,)),
            ec.workforce.Officer("a-1", "丙", unit="office", trained=True),
            ec.workforce.Officer("a-2", "丁", unit="office", trained=True),
        )
        ledger = ec.Ledger(body=body, year=2023, officers=officers)
        report = summarize(ledger)
        assert (2, 1) == (report.workforce.certified, report.workforce.trained)
        assert Decimal("50.00") == rate(report, ec.report.RateName.TRAINING_COVERAGE).percent(2)
        assert [] == [f for f in ec.audit(ledger) if f.code == "share-above-whole"]
        assert [] == [f for f in ec.audit(report) if f.code == "share-above-whole"]

    def test_penalty_tallies_each_sanction_type_of_a_case(self, body):
        """A case with a fine and a confiscation counts once under each; one with none is not penalised."""
        day = dt.date(2023, 5, 1)
        cases = (
            ec.actions.PenaltyCase(
                "P-1",
                day,
                domain=ec.actions.Domain.TRAFFIC,
                sanctions=(
                    ec.actions.SanctionType.FINE,
                    ec.actions.SanctionType.CONFISCATION_OF_ILLEGAL_GAINS,
                ),
                fine=Decimal(200),
                confiscation=Decimal(50),
            ),
            ec.actions.PenaltyCase(
                "P-2",
                day,
                domain=ec.actions.Domain.TRAFFIC,
                sanctions=(ec.actions.SanctionType.WARNING, ec.actions.SanctionType.FINE),
                fine=Decimal(100),
            ),
            ec.actions.PenaltyCase("P-3", day, domain=ec.actions.Domain.TRAFFIC, sanctions=()),
        )
        penalty = summarize(ec.Ledger(body=body, year=2023, penalty_cases=cases)).penalty
        assert (
            3,
            {
                ec.actions.SanctionType.WARNING: 1,
                ec.actions.SanctionType.FINE: 2,
                ec.actions.SanctionType.CONFISCATION_OF_ILLEGAL_GAINS: 1,
            },
            1,
        ) == (penalty.cases, dict(penalty.by_sanction), penalty.not_penalised)
        # In the vocabulary's order, as every summary is.
        assert [k for k in ec.actions.SanctionType if k in penalty.by_sanction] == list(
            penalty.by_sanction
        )

    def test_a_summary_with_more_sanctions_than_cases_audits_fair(self, body):
        """Two cases carrying three sanctions: held, and no sanctions-vs-cases finding."""
        day = dt.date(2023, 5, 1)
        both = (ec.actions.SanctionType.FINE, ec.actions.SanctionType.CONFISCATION_OF_ILLEGAL_GAINS)
        cases = tuple(
            ec.actions.PenaltyCase(
                f"P-{n}", day, domain=ec.actions.Domain.TRAFFIC, sanctions=sanctions
            )
            for n, sanctions in enumerate([both, (ec.actions.SanctionType.WARNING,)])
        )
        summary = summarize(ec.Ledger(body=body, year=2023, penalty_cases=cases))
        assert 3 == sum(summary.penalty.by_sanction.values())
        assert [] == [f.code for f in ec.audit(summary) if f.code == "sanctions-vs-cases"]
        assert summary == ec.load_json(ec.dump_json(summary))
