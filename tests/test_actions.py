"""The records of individual actions and their invariants."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import enforcement_core as ec
from enforcement_core import InvariantError
from enforcement_core.actions import (
    ActionKind,
    CoerciveAction,
    CoerciveMeasure,
    Domain,
    Hazard,
    Inspection,
    InspectionArea,
    LicenceApplication,
    LicensingDecision,
    OtherAction,
    Party,
    PartyKind,
    PenaltyCase,
    SanctionType,
)
from enforcement_core.ledger import refuse_among_other_actions

DAY = dt.date(2023, 5, 2)
GRANTED = LicensingDecision.GRANTED


class TestLicenceApplication:
    def test_pending_application(self):
        """An application without a decision is pending."""
        assert LicenceApplication("L-1", DAY).decision is None

    def test_decided_on_the_day_of_application(self):
        """A decision on the day of the application is the boundary, allowed."""
        assert DAY == LicenceApplication("L-1", DAY, decision=GRANTED, decided_on=DAY).decided_on

    def test_refuses_a_decision_before_the_application(self):
        """A decision cannot come before the application."""
        with pytest.raises(
            InvariantError, match="decided_on: 2023-05-01 is before applied_on 2023-05-02"
        ):
            LicenceApplication("L-1", DAY, decision=GRANTED, decided_on=dt.date(2023, 5, 1))

    def test_refuses_a_decision_without_its_date(self):
        """A decision needs its date."""
        with pytest.raises(InvariantError, match="a decision needs its date"):
            LicenceApplication("L-1", DAY, decision=GRANTED)

    def test_refuses_a_date_without_a_decision(self):
        """A date of decision needs a decision."""
        with pytest.raises(InvariantError, match="a date of decision needs a decision"):
            LicenceApplication("L-1", DAY, decided_on=DAY)

    def test_refuses_a_decision_on_an_application_not_accepted(self):
        """不予受理 ends an application without a decision."""
        with pytest.raises(InvariantError, match="an application not accepted has no decision"):
            LicenceApplication("L-1", DAY, accepted=False, decision=GRANTED, decided_on=DAY)

    def test_refuses_revoking_what_was_not_granted(self):
        """Only a granted licence can be revoked."""
        with pytest.raises(InvariantError, match="only a granted licence can be revoked"):
            LicenceApplication(
                "L-1", DAY, decision=LicensingDecision.REFUSED, decided_on=DAY, revoked_on=DAY
            )

    def test_refuses_revocation_before_the_grant(self):
        """A licence is revoked after it is granted."""
        with pytest.raises(InvariantError, match="revoked_on: 2023-05-01 is before decided_on"):
            LicenceApplication(
                "L-1",
                dt.date(2023, 4, 1),
                decision=GRANTED,
                decided_on=DAY,
                revoked_on=dt.date(2023, 5, 1),
            )

    def test_its_date_is_the_application(self):
        """The application's day places the record in a year."""
        assert DAY == LicenceApplication("L-1", DAY).date


class TestHazard:
    def test_rectified_on_the_day_it_was_found(self):
        """Same-day rectification is the boundary, allowed."""
        assert DAY == Hazard("H-1", DAY, rectified_on=DAY).rectified_on

    def test_refuses_rectification_before_it_was_found(self):
        """A hazard cannot be rectified before it was found."""
        with pytest.raises(
            InvariantError, match="rectified_on: 2023-05-01 is before found_on 2023-05-02"
        ):
            Hazard("H-1", DAY, rectified_on=dt.date(2023, 5, 1))

    def test_refuses_a_deadline_before_it_was_found(self):
        """A deadline before the hazard existed cannot be."""
        with pytest.raises(InvariantError, match="deadline: 2023-05-01 is before found_on"):
            Hazard("H-1", DAY, deadline=dt.date(2023, 5, 1))

    def test_rectification_after_the_deadline_is_not_refused(self):
        """A late rectification is what real data holds: the audit reports it."""
        hazard = Hazard("H-1", DAY, deadline=DAY, rectified_on=dt.date(2023, 6, 1))
        assert hazard.rectified_on > hazard.deadline

    def test_open_until_the_day_it_is_rectified(self):
        """A hazard is open from the day found until the day rectified."""
        hazard = Hazard("H-1", DAY, rectified_on=dt.date(2023, 5, 10))
        assert [False, True, True, False] == [
            hazard.is_open_on(day)
            for day in (dt.date(2023, 5, 1), DAY, dt.date(2023, 5, 9), dt.date(2023, 5, 10))
        ]


class TestInspection:
    def inspection(self, **kwargs: object) -> Inspection:
        arguments: dict[str, object] = {
            "target": "某加油站",
            "area": InspectionArea.FIRE_SAFETY,
        } | kwargs
        return Inspection("I-1", DAY, **arguments)  # type: ignore[arg-type]

    def test_hazard_found_on_the_day(self):
        """A hazard found on the day of the inspection belongs to it."""
        assert 1 == len(self.inspection(hazards=(Hazard("H-1", DAY),)).hazards)

    def test_refuses_a_hazard_found_before_the_inspection(self):
        """An inspection cannot find a hazard before it took place."""
        with pytest.raises(InvariantError, match=r"hazards\[0\]: hazard H-1 found on 2023-05-01"):
            self.inspection(hazards=(Hazard("H-1", dt.date(2023, 5, 1)),))

    def test_one_officer_is_not_refused(self):
        """Fewer than two officers is what real data holds: the audit reports it."""
        assert ("o-1",) == self.inspection(officers=("o-1",)).officers

    def test_refuses_an_officer_id_that_is_not_an_identifier(self):
        """Officers are named by their identifiers."""
        with pytest.raises(InvariantError, match=r"officers\[1\]: '' is not an identifier"):
            self.inspection(officers=("o-1", ""))

    def test_refuses_an_empty_target(self):
        """An establishment-visit has a target."""
        with pytest.raises(InvariantError, match="Inspection.target: must not be empty"):
            self.inspection(target="")


class TestPenaltyCase:
    def case(self, **kwargs: object) -> PenaltyCase:
        return PenaltyCase("P-1", DAY, domain=Domain.WORK_SAFETY, **kwargs)  # type: ignore[arg-type]

    def test_fine_with_the_fine_sanction(self):
        """A fine goes with the fine sanction."""
        assert Decimal(2000) == self.case(sanctions=(SanctionType.FINE,), fine=Decimal(2000)).fine

    def test_refuses_a_fine_without_the_fine_sanction(self):
        """A fine amount without the fine sanction contradicts itself."""
        with pytest.raises(InvariantError, match="'fine' is not among the sanctions"):
            self.case(sanctions=(SanctionType.WARNING,), fine=Decimal(2000))

    def test_refuses_a_confiscation_without_a_confiscation_sanction(self):
        """A confiscated amount needs a confiscation."""
        with pytest.raises(InvariantError, match="no confiscation is among the sanctions"):
            self.case(sanctions=(SanctionType.FINE,), confiscation=Decimal(10))

    def test_confiscation_with_its_sanction(self):
        """Either confiscation sanction carries a confiscated amount."""
        case = self.case(
            sanctions=(SanctionType.CONFISCATION_OF_ILLEGAL_GAINS,), confiscation=Decimal(10)
        )
        assert Decimal(10) == case.confiscation

    def test_refuses_a_sanction_listed_twice(self):
        """Each sanction once."""
        with pytest.raises(InvariantError, match="a sanction is listed more than once"):
            self.case(sanctions=(SanctionType.FINE, SanctionType.FINE))

    def test_refuses_a_float_fine(self):
        """Money never travels as a float."""
        with pytest.raises(InvariantError, match="a float cannot hold money exactly"):
            self.case(sanctions=(SanctionType.FINE,), fine=2000.5)

    def test_refuses_a_sub_fen_fine(self):
        """Money is exact to the fen."""
        with pytest.raises(InvariantError, match="more than two decimal places"):
            self.case(sanctions=(SanctionType.FINE,), fine=Decimal("2000.005"))

    def test_filed_under_its_first_sanction(self):
        """A case with several sanctions is filed under the first."""
        case = self.case(sanctions=(SanctionType.FINE, SanctionType.WARNING), fine=Decimal(1))
        assert SanctionType.FINE is case.sanction

    def test_not_penalised_has_no_sanction(self):
        """A case decided without penalty files under no sanction."""
        assert self.case().sanction is None

    def test_party_is_kept(self):
        """The party stays in the record; output masks it."""
        party = Party("张三", PartyKind.NATURAL_PERSON, id_number="500112199001011234")
        assert party == self.case(party=party).party


class TestCoerciveAction:
    def test_a_measure(self):
        """A sealing is a coercive measure."""
        assert (
            CoerciveMeasure.SEALING
            is CoerciveAction("C-1", DAY, measure=CoerciveMeasure.SEALING).measure
        )

    def test_an_execution(self):
        """A coercive execution has no measure."""
        assert CoerciveAction("C-1", DAY, execution=True).execution

    @pytest.mark.parametrize(
        "kwargs",
        [{}, {"measure": CoerciveMeasure.SEIZURE, "execution": True}],
        ids=["neither", "both"],
    )
    def test_refuses_neither_or_both(self, kwargs):
        """A coercive action is exactly one of a measure and an execution."""
        with pytest.raises(InvariantError, match="give exactly one"):
            CoerciveAction("C-1", DAY, **kwargs)


class TestOtherAction:
    def test_a_levy(self):
        """Levies have no record class of their own."""
        assert ActionKind.LEVY is OtherAction("X-1", ActionKind.LEVY, DAY, amount=Decimal(5)).kind

    @pytest.mark.parametrize(
        "kind",
        [ActionKind.LICENSING, ActionKind.PENALTY, ActionKind.COERCION, ActionKind.INSPECTION],
    )
    def test_refuses_a_category_with_its_own_records(self, kind):
        """Penalties, licences, inspections and coercion have record classes of their own.

        The ledger, which holds other actions, refuses them (the record stands below the
        table of categories and cannot know): at the record's place in the ledger.
        """
        action = OtherAction("X-1", kind, DAY)
        body = ec.body.EnforcementBody("某镇人民政府", ec.body.BodyLevel.TOWN)
        with pytest.raises(InvariantError, match="have a record class of their own") as caught:
            ec.Ledger(
                body=body,
                year=DAY.year,
                other_actions=(ec.actions.OtherAction("X-0", ActionKind.LEVY, DAY), action),
            )
        assert ("Ledger", "other_actions[1].kind", kind) == (
            caught.value.owner,
            caught.value.field,
            caught.value.value,
        )
        with pytest.raises(InvariantError, match="have a record class of their own"):
            refuse_among_other_actions(action)

    def test_a_ledger_takes_the_other_kinds(self):
        """Every kind without records of its own stands among a ledger's other actions."""
        from enforcement_core.categories import own_records

        others = [k for k in ActionKind if k not in own_records()]
        actions = tuple(OtherAction(f"X-{i}", k, DAY) for i, k in enumerate(others))
        body = ec.body.EnforcementBody("某镇人民政府", ec.body.BodyLevel.TOWN)
        assert actions == ec.Ledger(body=body, year=DAY.year, other_actions=actions).other_actions
