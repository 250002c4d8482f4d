"""The yearly figures: totals, breakdowns and their invariants."""

from __future__ import annotations

from decimal import Decimal

import pytest

import enforcement_core as ec
from enforcement_core import InvariantError
from enforcement_core.actions import (
    ActionKind,
    AuthoritySource,
    CoerciveMeasure,
    Domain,
    InspectionArea,
    PartyKind,
    Procedure,
    SanctionType,
    SupervisionLevel,
)
from enforcement_core.figures import (
    AreaFigures,
    CoercionFigures,
    DomainPenalties,
    HazardFigures,
    InspectionFigures,
    InterviewFigures,
    LicensingFigures,
    PenaltyFigures,
    PowerFigures,
    ReviewCounts,
    ReviewFigures,
)
from enforcement_core.statistics import category_totals

DIVISION, SECTION = SupervisionLevel.DIVISION, SupervisionLevel.SECTION


class TestLicensingFigures:
    def test_outcomes_may_close_exactly(self):
        """granted + refused = applications is the boundary, allowed."""
        assert 243 == LicensingFigures(applications=243, granted=209, refused=34).applications

    def test_refuses_outcomes_above_applications(self):
        """More outcomes than applications cannot be."""
        with pytest.raises(
            InvariantError, match="granted 209 \\+ refused 35 = 244 exceeds applications 243"
        ):
            LicensingFigures(applications=243, granted=209, refused=35)

    def test_refuses_granted_alone_above_applications(self):
        """Granted alone is held to the applications too, and named."""
        with pytest.raises(
            InvariantError, match="LicensingFigures.granted: granted 244 exceeds applications 243"
        ):
            LicensingFigures(applications=243, granted=244)

    def test_refuses_pending_beyond_applications(self):
        """Pending applications are outcomes too: they count against the applications."""
        with pytest.raises(
            InvariantError,
            match="LicensingFigures.pending: granted 209 \\+ refused 30 \\+ pending 5 = 244",
        ):
            LicensingFigures(applications=243, granted=209, refused=30, pending=5)
        assert 4 == LicensingFigures(applications=243, granted=209, refused=30, pending=4).pending

    def test_refuses_outcomes_above_accepted(self):
        """Decisions are made on accepted applications."""
        with pytest.raises(InvariantError, match="exceeds accepted 200"):
            LicensingFigures(applications=243, accepted=200, granted=201)

    def test_refuses_accepted_above_applications(self):
        """Accepted applications are applications."""
        with pytest.raises(InvariantError, match="accepted: 244 exceeds applications 243"):
            LicensingFigures(applications=243, accepted=244)

    def test_outcomes_that_do_not_close_are_allowed(self):
        """Pending applications leave outcomes short of applications: the audit warns."""
        assert 209 == LicensingFigures(applications=243, granted=209).granted


class TestHazardFigures:
    def test_all_rectified(self):
        """rectified = found is the boundary, allowed."""
        assert 509 == HazardFigures(found=509, rectified=509).rectified

    def test_refuses_rectified_above_found(self):
        """More rectified than found cannot be."""
        with pytest.raises(InvariantError, match="HazardFigures.rectified: 510 exceeds found 509"):
            HazardFigures(found=509, rectified=510)

    def test_supervised_may_add_up_to_found(self):
        """Every hazard under listed supervision is the boundary, allowed."""
        assert {DIVISION: 6, SECTION: 5} == HazardFigures(
            found=11, supervised={DIVISION: 6, SECTION: 5}
        ).supervised

    def test_refuses_supervised_above_found(self):
        """Hazards under supervision are hazards found."""
        with pytest.raises(
            InvariantError, match="supervised: the parts add up to 11, above found 10"
        ):
            HazardFigures(found=10, supervised={DIVISION: 6, SECTION: 5})

    def test_refuses_a_negative_supervised_count(self):
        """Breakdown values are counts, named by their key."""
        with pytest.raises(InvariantError, match="supervised.division: must not be negative"):
            HazardFigures(supervised={DIVISION: -1})

    def test_refuses_a_plain_string_key(self):
        """Keys come from the vocabulary."""
        with pytest.raises(InvariantError, match="'division' is not a SupervisionLevel"):
            HazardFigures(supervised={"division": 6})  # type: ignore[dict-item]


class TestInspectionFigures:
    def test_areas_named_without_figures(self):
        """A total with no breakdown: the areas are named, their figures not stated."""
        figures = InspectionFigures(
            visits=363, by_area={area: AreaFigures() for area in InspectionArea}
        )
        assert all(area.visits is None for area in figures.by_area.values())

    def test_refuses_area_visits_above_the_total(self):
        """Areas cannot hold more visits than the total."""
        with pytest.raises(
            InvariantError, match="visits of the parts add up to 364, above visits 363"
        ):
            InspectionFigures(
                visits=363,
                by_area={
                    InspectionArea.FIRE_SAFETY: AreaFigures(visits=300),
                    InspectionArea.GAS_SAFETY: AreaFigures(visits=64),
                },
            )

    def test_a_breakdown_covering_part_of_the_total(self):
        """A breakdown below its total is allowed (the audit reports it)."""
        figures = InspectionFigures(
            visits=363, by_area={InspectionArea.FIRE_SAFETY: AreaFigures(visits=30)}
        )
        assert 30 == figures.by_area[InspectionArea.FIRE_SAFETY].visits

    def test_refuses_area_hazards_above_the_total(self):
        """Hazards by area are held to the hazards found."""
        with pytest.raises(
            InvariantError, match="hazards.found of the parts add up to 12, above hazards.found 10"
        ):
            InspectionFigures(
                hazards=HazardFigures(found=10),
                by_area={InspectionArea.FIRE_SAFETY: AreaFigures(hazards=HazardFigures(found=12))},
            )


class TestPenaltyFigures:
    def test_a_breakdown_with_no_stated_total(self):
        """Domains without a stated total of cases."""
        figures = PenaltyFigures(
            by_domain={
                Domain.WORK_SAFETY: DomainPenalties(cases=4, fines=Decimal(6800)),
                Domain.TRAFFIC: DomainPenalties(cases=216),
            }
        )
        assert figures.cases is None

    def test_sanction_tallies_are_not_a_breakdown(self):
        """Sanctions tallied by type may outnumber the cases: one case, a fine and a confiscation."""
        tallies = {SanctionType.FINE: 200, SanctionType.WARNING: 21}
        assert 221 == sum(PenaltyFigures(cases=220, by_sanction=tallies).by_sanction.values())

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            (
                {"by_domain": {Domain.TRAFFIC: DomainPenalties(cases=221)}},
                "cases of the parts add up to 221, above cases 220",
            ),
            ({"by_procedure": {Procedure.SIMPLE: 221}}, "by_procedure: the parts add up to 221"),
            ({"lightened": 221}, "lightened: 221 exceeds cases 220"),
        ],
    )
    def test_refuses_breakdowns_above_the_cases(self, kwargs, message):
        """Every breakdown of cases is held to the stated cases."""
        with pytest.raises(InvariantError, match=message):
            PenaltyFigures(cases=220, **kwargs)

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"by_domain": {Domain.TRAFFIC: DomainPenalties(cases=220)}},
            {"by_sanction": {SanctionType.FINE: 200, SanctionType.WARNING: 20}},
            {"by_procedure": {Procedure.SIMPLE: 220}},
            {"lightened": 220},
        ],
    )
    def test_breakdowns_may_equal_the_cases(self, kwargs):
        """Breakdowns that add up to exactly the cases are allowed."""
        assert 220 == PenaltyFigures(cases=220, **kwargs).cases

    def test_refuses_domain_fines_above_the_fines(self):
        """Fines by domain are held to the total fines."""
        with pytest.raises(
            InvariantError, match="fines of the parts add up to 6800.01, above fines 6800"
        ):
            PenaltyFigures(
                fines=Decimal(6800),
                by_domain={Domain.WORK_SAFETY: DomainPenalties(fines=Decimal("6800.01"))},
            )

    def test_refuses_fines_and_confiscations_above_their_total(self):
        """Fines and confiscations are parts of 罚没金额."""
        with pytest.raises(InvariantError, match="add up to 101, above 100"):
            PenaltyFigures(
                fines_and_confiscations=Decimal(100), fines=Decimal(60), confiscations=Decimal(41)
            )

    def test_fines_and_confiscations_may_equal_their_total(self):
        """The boundary is allowed."""
        figures = PenaltyFigures(
            fines_and_confiscations=Decimal(100), fines=Decimal(60), confiscations=Decimal(40)
        )
        assert Decimal(100) == figures.fines_and_confiscations


class TestOtherFigures:
    def test_coercion_measures_within_the_total(self):
        """Measures by kind are held to the measures."""
        with pytest.raises(
            InvariantError, match="by_measure: the parts add up to 3, above measures 2"
        ):
            CoercionFigures(
                measures=2, by_measure={CoerciveMeasure.SEALING: 2, CoerciveMeasure.SEIZURE: 1}
            )
        assert 2 == CoercionFigures(measures=2, by_measure={CoerciveMeasure.SEALING: 2}).measures

    def test_interviews_by_party_within_the_count(self):
        """Interviews by party are held to the count."""
        with pytest.raises(InvariantError, match="by_party: the parts add up to 4, above count 3"):
            InterviewFigures(count=3, by_party={PartyKind.ENTERPRISE: 4})
        assert 3 == InterviewFigures(count=3, by_party={PartyKind.ENTERPRISE: 3}).count

    def test_review_outcomes_within_their_cases(self):
        """Corrected within reconsiderations, lost within litigations."""
        with pytest.raises(InvariantError, match="corrected: 3 exceeds reconsiderations 2"):
            ReviewCounts(reconsiderations=2, corrected=3)
        with pytest.raises(InvariantError, match="lost: 2 exceeds litigations 1"):
            ReviewCounts(litigations=1, lost=2)
        assert 1 == ReviewCounts(litigations=1, lost=1).lost

    def test_review_categories_within_the_totals(self):
        """Each review figure by category is held to its total."""
        with pytest.raises(
            InvariantError,
            match="reconsiderations of the parts add up to 3, above total.reconsiderations 2",
        ):
            ReviewFigures(
                total=ReviewCounts(reconsiderations=2),
                by_kind={
                    ActionKind.PENALTY: ReviewCounts(reconsiderations=2),
                    ActionKind.LICENSING: ReviewCounts(reconsiderations=1),
                },
            )

    def test_powers_within_the_total(self):
        """Powers by kind and by source are held to the total."""
        with pytest.raises(
            InvariantError, match="by_source: the parts add up to 11, above total 10"
        ):
            PowerFigures(
                total=10, by_source={AuthoritySource.STATUTORY: 6, AuthoritySource.CONFERRED: 5}
            )
        assert 10 == PowerFigures(total=10, by_kind={ActionKind.PENALTY: 10}).total


class TestTotalsWithoutParts:
    def test_coercion_total_alone(self):
        """A total of coercive actions with no breakdown is held, and counts for the category."""
        report = ec.AnnualReport(
            body=ec.body.EnforcementBody(
                "示例县市场监督管理局", ec.body.BodyLevel.COUNTY_DEPARTMENT
            ),
            year=2023,
            coercion=ec.figures.CoercionFigures(actions=12),
            licensing=ec.figures.LicensingFigures(handled=1234),
        )
        totals = category_totals(report)
        assert (1234, 12) == (
            totals[ec.actions.ActionKind.LICENSING].count,
            totals[ec.actions.ActionKind.COERCION].count,
        )

    def test_parts_within_the_coercion_total(self):
        """Measures and executions up to the total are held; above it, refused."""
        assert 3 == ec.figures.CoercionFigures(actions=3, measures=2, executions=1).actions
        with pytest.raises(ec.InvariantError, match="add up to 3, above 2"):
            ec.figures.CoercionFigures(actions=2, measures=2, executions=1)

    def test_decisions_within_matters_handled(self):
        """Granted + refused up to the matters handled are held; above them, refused."""
        assert 10 == ec.figures.LicensingFigures(handled=10, granted=8, refused=2).handled
        with pytest.raises(ec.InvariantError, match="add up to 11, above handled 10"):
            ec.figures.LicensingFigures(handled=10, granted=9, refused=2)

    def test_cases_filed_apart_from_cases_decided(self):
        """立案 is its own figure: fewer or more cases may be decided than filed."""
        assert (30, 28) == (
            ec.figures.PenaltyFigures(filed=30, cases=28).filed,
            ec.figures.PenaltyFigures(filed=30, cases=28).cases,
        )
        assert 31 == ec.figures.PenaltyFigures(filed=30, cases=31).cases


class TestReviewOutcomes:
    def test_outcomes_within_the_reconsiderations(self):
        """Withdrawn + upheld + corrected + pending up to the reconsiderations; above, refused."""
        held = ec.figures.ReviewCounts(reconsiderations=5, upheld=3, revoked=1, withdrawn=1)
        assert (3, 1, 1) == (held.upheld, held.revoked, held.withdrawn)
        with pytest.raises(
            ec.InvariantError, match="outcomes add up to 6, above reconsiderations 5"
        ):
            ec.figures.ReviewCounts(reconsiderations=5, upheld=3, revoked=1, withdrawn=1, pending=1)

    def test_changed_and_revoked_within_corrected(self):
        """Changed and revoked are corrections: no more than corrected when it is stated."""
        assert (
            2
            == ec.figures.ReviewCounts(
                reconsiderations=5, corrected=2, changed=1, revoked=1
            ).corrected
        )
        with pytest.raises(ec.InvariantError, match="above corrected 1"):
            ec.figures.ReviewCounts(reconsiderations=5, corrected=1, changed=1, revoked=1)

    def test_per_category_within_the_total(self):
        """Outcomes per category are parts of the total's."""
        with pytest.raises(ec.InvariantError, match="above total.upheld 1"):
            ec.figures.ReviewFigures(
                total=ec.figures.ReviewCounts(upheld=1),
                by_kind={ec.actions.ActionKind.PENALTY: ec.figures.ReviewCounts(upheld=2)},
            )


class TestActivities:
    def test_held_in_order_with_their_measure_words(self):
        """Patrols in 次 and 场次, random inspections in 批次, a duty rate as stated."""
        activities = (
            ec.figures.Activity(name="开展巡查", kind=ec.figures.ActivityKind.PATROL, count=187),
            ec.figures.Activity(
                name="巡查", kind=ec.figures.ActivityKind.PATROL, count=651, measure="场次"
            ),
            ec.figures.Activity(name="依法履职", rate=Decimal("100.0"), rate_name="履职率"),
        )
        report = ec.AnnualReport(
            body=ec.body.EnforcementBody("示例街道办事处", ec.body.BodyLevel.STREET),
            year=2023,
            activities=activities,
        )
        assert ["次", "场次", "次"] == [a.measure for a in report.activities]
        assert report == ec.load_json(ec.dump_json(report))

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"name": "", "count": 1}, "name"),
            ({"name": "巡查", "count": -1}, "count"),
            ({"name": "履职", "rate": Decimal("100.1"), "rate_name": "履职率"}, "0 to 100"),
            ({"name": "履职", "rate": Decimal(100)}, "needs its name"),
            ({"name": "巡查", "count": 1, "measure": ""}, "measure"),
        ],
    )
    def test_refuses_what_cannot_be(self, fields, message):
        """No name, a negative count, a rate above 100% or without its name, no measure word."""
        with pytest.raises(ec.InvariantError, match=message):
            ec.figures.Activity(**fields)

    def test_not_in_the_grand_total(self):
        """Activities are not actions: a grand total of the categories ignores them."""
        report = ec.AnnualReport(
            body=ec.body.EnforcementBody("示例街道办事处", ec.body.BodyLevel.STREET),
            year=2023,
            penalty=ec.figures.PenaltyFigures(cases=3),
            activities=(ec.figures.Activity(name="开展巡查", count=187),),
            stated=ec.report.Stated(actions=3),
        )
        assert [] == ec.audit(report)


class TestFromTable:
    """Figures of a columnar table, beside ``from_records``: the same figures as its records."""

    BODY = ec.body.EnforcementBody("某镇人民政府", ec.body.BodyLevel.TOWN)
    PENALTIES = (
        "编号,决定日期,执法领域,处罚种类,罚款金额（元）,程序\n"
        "P-1,2023-08-01,交通,罚款、警告,200,一般程序\n"
        "P-2,2023-09-01,交通,,,简易\n"
        "P-3,2023-10-01,安全生产,罚款,50.5,一般程序\n"
        "P-4,2024-01-02,交通,罚款,99,一般程序\n"
    )
    LICENCES = (
        "编号,申请日期,事项,是否受理,许可决定,决定日期\n"
        "L-1,2023-03-01,农村宅基地,是,准予许可,2023-03-20\n"
        "L-2,2023-04-01,农村宅基地,否,,\n"
        "L-3,2023-05-01,农村宅基地,是,,\n"
    )

    def columnar(self, text: str, field: str):
        import io

        pytest.importorskip("pyarrow")
        from enforcement_core.tables import read_columnar

        ledger = read_columnar(io.BytesIO(text.encode()), body=self.BODY, year=2023)
        return ledger.tables[field], getattr(ledger.to_ledger(), field)

    def test_penalty_figures_equal_those_of_the_records(self):
        """Cases, sanctions, procedures and fines by domain: as from_records counts them."""
        import datetime as dt

        table, records = self.columnar(self.PENALTIES, "penalty_cases")
        start, end = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
        figures = ec.figures.PenaltyFigures.from_table(table, start, end)
        assert ec.figures.PenaltyFigures.from_records(records, start, end) == figures
        assert (3, Decimal("250.5"), 1) == (figures.cases, figures.fines, figures.not_penalised)

    def test_licensing_figures_equal_those_of_the_records(self):
        """Applications, accepted, granted and pending: as from_records counts them."""
        import datetime as dt

        table, records = self.columnar(self.LICENCES, "licence_applications")
        start, end = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
        figures = ec.figures.LicensingFigures.from_table(table, start, end)
        assert ec.figures.LicensingFigures.from_records(records, start, end) == figures
        assert (3, 2, 1, 1) == (
            figures.applications,
            figures.accepted,
            figures.granted,
            figures.pending,
        )

    def test_a_year_without_records_has_no_figures(self):
        """No case dated in the year: None, as from_records gives."""
        import datetime as dt

        table, _ = self.columnar(self.PENALTIES, "penalty_cases")
        start, end = dt.date(2022, 1, 1), dt.date(2022, 12, 31)
        assert ec.figures.PenaltyFigures.from_table(table, start, end) is None
