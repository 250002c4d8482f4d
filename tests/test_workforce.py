"""Units, officers, certificates and the yearly workforce figures."""

from __future__ import annotations

import datetime as dt

import pytest

import enforcement_core as ec
from enforcement_core import InvariantError
from enforcement_core.workforce import (
    Certificate,
    Employment,
    MisconductCase,
    Officer,
    Unit,
    UnitKind,
    WorkforceFigures,
    walk_units,
)

CERT = Certificate("渝执2021001", "重庆市人民政府", dt.date(2021, 3, 1), dt.date(2026, 2, 28))


class TestUnit:
    def test_sub_units_may_add_up_to_their_unit(self):
        """The brigade's 5 within the office's 5 is allowed: the boundary."""
        unit = Unit("办公室", certified=5, subunits={"brigade": Unit("大队", certified=5)})
        assert 0 == unit.own_certified

    def test_refuses_sub_units_above_their_unit(self):
        """Sub-units cannot hold more officers than the unit they belong to."""
        with pytest.raises(
            InvariantError, match="certified of the parts add up to 6, above certified 5"
        ):
            Unit(
                "办公室",
                certified=5,
                subunits={"a": Unit("甲", certified=3), "b": Unit("乙", certified=3)},
            )

    def test_own_certified_is_derived(self):
        """The office's own officers are its total less its sub-units' (8 - 5 = 3)."""
        office = Unit("办公室", certified=8, subunits={"brigade": Unit("大队", certified=5)})
        assert 3 == office.own_certified

    def test_own_certified_is_unknown_when_a_part_is(self):
        """Nothing is derived from a figure that is not stated."""
        office = Unit("办公室", certified=8, subunits={"brigade": Unit("大队")})
        assert office.own_certified is None

    def test_refuses_a_sub_unit_that_is_not_a_unit(self):
        """Sub-units are units."""
        with pytest.raises(InvariantError, match="must be a Unit, not str"):
            Unit("办公室", subunits={"brigade": "大队"})  # type: ignore[dict-item]

    def test_refuses_negative_officers(self):
        """A unit cannot have fewer than no officers."""
        with pytest.raises(InvariantError, match="Unit.certified: must not be negative, got -1"):
            Unit("办公室", certified=-1)

    def test_subunits_cannot_be_changed(self):
        """The sub-units mapping is frozen with the unit."""
        unit = Unit("办公室", subunits={"brigade": Unit("大队")})
        with pytest.raises(TypeError):
            unit.subunits["other"] = Unit("其他")  # type: ignore[index]

    def test_kind_defaults_to_other(self):
        """A unit the glossary does not name is OTHER."""
        assert UnitKind.OTHER is Unit("相关科室").kind

    def test_walk_gives_every_unit_with_its_path(self):
        """A tree walk names each unit by its figure path below workforce.units."""
        tree = {
            "a": Unit("甲", subunits={"b": Unit("乙", subunits={"c": Unit("丙")})}),
            "d": Unit("丁"),
        }
        expected = ["a", "a.subunits.b", "a.subunits.b.subunits.c", "d"]
        assert expected == [path for path, _ in walk_units(tree)]


class TestWorkforceFigures:
    def test_certified_may_equal_established_staff(self):
        """Every established member certified is the boundary, allowed."""
        assert 20 == WorkforceFigures(certified=20, established_staff=20).certified

    def test_refuses_certified_above_established_staff(self):
        """More certified officers than established staff is refused where both are given."""
        with pytest.raises(InvariantError, match="certified: 21 exceeds established_staff 20"):
            WorkforceFigures(certified=21, established_staff=20)

    def test_certified_alone_is_fine(self):
        """Without established staff there is nothing to compare."""
        assert 21 == WorkforceFigures(certified=21).certified

    def test_units_may_add_up_to_the_total(self):
        """Units adding up to exactly the total is allowed."""
        units = {"a": Unit("甲", certified=8), "b": Unit("乙", certified=14)}
        assert 22 == WorkforceFigures(certified=22, units=units).certified

    def test_refuses_units_above_the_total(self):
        """Units cannot hold more officers than the body has."""
        units = {"a": Unit("甲", certified=8), "b": Unit("乙", certified=15)}
        with pytest.raises(InvariantError, match="add up to 23, above certified 22"):
            WorkforceFigures(certified=22, units=units)

    @pytest.mark.parametrize(
        "field",
        [
            "certified",
            "established_staff",
            "auxiliary_staff",
            "newly_certified",
            "certificates_cancelled",
            "trained",
            "misconduct_cases",
        ],
    )
    def test_refuses_negative_figures(self, field):
        """Every figure is a count."""
        with pytest.raises(InvariantError, match=f"WorkforceFigures.{field}: must not be negative"):
            WorkforceFigures(**{field: -1})

    def test_zero_is_stated_not_missing(self):
        """A stated zero (no misconduct) is kept apart from a figure not stated."""
        assert (0, None) == (
            WorkforceFigures(misconduct_cases=0).misconduct_cases,
            WorkforceFigures().misconduct_cases,
        )


class TestCertificate:
    def test_valid_on_its_first_and_last_day(self):
        """Validity includes both ends."""
        assert CERT.is_valid_on(dt.date(2021, 3, 1))
        assert CERT.is_valid_on(dt.date(2026, 2, 28))

    def test_not_valid_outside(self):
        """A day before or after is outside."""
        assert not CERT.is_valid_on(dt.date(2021, 2, 28))
        assert not CERT.is_valid_on(dt.date(2026, 3, 1))

    def test_not_valid_from_the_day_it_is_cancelled(self):
        """Cancellation ends validity on its day."""
        cert = Certificate(
            "1", "府", dt.date(2021, 1, 1), dt.date(2026, 1, 1), cancelled_on=dt.date(2023, 6, 1)
        )
        assert (True, False) == (
            cert.is_valid_on(dt.date(2023, 5, 31)),
            cert.is_valid_on(dt.date(2023, 6, 1)),
        )

    def test_may_be_valid_for_one_day(self):
        """valid_to equal to valid_from is the boundary, allowed."""
        assert Certificate("1", "府", dt.date(2023, 1, 1), dt.date(2023, 1, 1)).is_valid_on(
            dt.date(2023, 1, 1)
        )

    def test_refuses_validity_that_ends_before_it_begins(self):
        """A date order that cannot be is refused."""
        with pytest.raises(
            InvariantError, match="valid_to: 2022-12-31 is before valid_from 2023-01-01"
        ):
            Certificate("1", "府", dt.date(2023, 1, 1), dt.date(2022, 12, 31))

    def test_refuses_cancellation_before_issue(self):
        """A certificate cannot be cancelled before it was valid."""
        with pytest.raises(InvariantError, match="cancelled_on: 2022-12-31 is before valid_from"):
            Certificate(
                "1",
                "府",
                dt.date(2023, 1, 1),
                dt.date(2025, 1, 1),
                cancelled_on=dt.date(2022, 12, 31),
            )

    def test_refuses_an_empty_number(self):
        """A certificate has a number."""
        with pytest.raises(InvariantError, match="Certificate.number: must not be empty"):
            Certificate("", "府", dt.date(2023, 1, 1), dt.date(2025, 1, 1))


class TestOfficer:
    def test_certified_when_one_certificate_is_valid(self):
        """An old and a renewed certificate: the renewed one counts."""
        old = Certificate("1", "府", dt.date(2016, 1, 1), dt.date(2020, 12, 31))
        officer = Officer("o-1", "李明", unit="office", certificates=(old, CERT))
        assert officer.is_certified_on(dt.date(2023, 1, 1))

    def test_auxiliary_staff_without_certificate_is_not_certified(self):
        """No certificate, no enforcement."""
        assert not Officer("o-2", "王某", unit="office").is_certified_on(dt.date(2023, 1, 1))

    def test_refuses_a_list_of_certificates(self):
        """Collections are tuples, so that officers stay immutable and hashable."""
        with pytest.raises(InvariantError, match="certificates: must be a tuple, not list"):
            Officer("o-1", "李明", unit="office", certificates=[CERT])  # type: ignore[arg-type]

    @pytest.mark.parametrize(("field", "kwargs"), [("id", {"id": "o 1"}), ("name", {"name": " "})])
    def test_refuses_an_empty_id_or_name(self, field, kwargs):
        """Identifiers and names must say something."""
        arguments = {"id": "o-1", "name": "李明", "unit": "office"} | kwargs
        with pytest.raises(InvariantError, match=f"Officer.{field}:"):
            Officer(**arguments)


class TestEmployment:
    def test_refuses_a_certificate_held_by_auxiliary_staff(self):
        """Auxiliary staff hold no enforcement certificate: only established staff do."""
        with pytest.raises(InvariantError, match="auxiliary staff hold no enforcement certificate"):
            Officer(
                "a-1", "王某", unit="office", employment=Employment.AUXILIARY, certificates=(CERT,)
            )

    def test_auxiliary_staff_without_certificate(self):
        """Auxiliary staff are on the roster, without a certificate."""
        assert (
            Employment.AUXILIARY
            is Officer("a-1", "王某", unit="office", employment=Employment.AUXILIARY).employment
        )

    def test_first_certified_on(self):
        """The first day an officer held any certificate; None if never."""
        old = Certificate("1", "府", dt.date(2016, 1, 1), dt.date(2020, 12, 31))
        assert (
            dt.date(2016, 1, 1)
            == Officer("o-1", "李明", unit="o", certificates=(CERT, old)).first_certified_on
        )
        assert Officer("o-2", "王某", unit="o").first_certified_on is None


class TestMisconductCase:
    def test_dated_by_when_it_was_found(self):
        """A misconduct case is placed in a year by the day it was established."""
        case = MisconductCase("M-1", "o-1", dt.date(2023, 3, 1), description="迟到")
        assert dt.date(2023, 3, 1) == case.date

    def test_refuses_an_officer_that_is_not_an_identifier(self):
        """It names the officer by the roster's identifier."""
        with pytest.raises(InvariantError, match="MisconductCase.officer"):
            MisconductCase("M-1", "", dt.date(2023, 3, 1))


class TestMovementsAndStatus:
    def test_held_each_optional(self):
        """Departures by reason, exam passes, certificates applied and pending, posts, borrowed staff."""
        figures = ec.workforce.WorkforceFigures(
            departed=4,
            departures={
                ec.workforce.DepartureReason.TRANSFERRED: 2,
                ec.workforce.DepartureReason.RETIRED: 2,
            },
            exam_passed=5,
            certificates_applied=5,
            certificates_pending=2,
            uncertified_recruits=4,
            authorised_posts=30,
            established_staff=24,
            by_establishment={ec.workforce.EstablishmentKind.ADMINISTRATIVE: 16},
            borrowed_staff=2,
        )
        assert (4, 5, 2, 30, 2) == (
            figures.departed,
            figures.exam_passed,
            figures.certificates_pending,
            figures.authorised_posts,
            figures.borrowed_staff,
        )
        assert ec.workforce.WorkforceFigures().departed is None

    def test_parts_within_their_totals(self):
        """Departures within those who left; establishments within the established staff."""
        with pytest.raises(ec.InvariantError, match="above departed 1"):
            ec.workforce.WorkforceFigures(
                departed=1, departures={ec.workforce.DepartureReason.RETIRED: 2}
            )
        with pytest.raises(ec.InvariantError, match="above established_staff 3"):
            ec.workforce.WorkforceFigures(
                established_staff=3,
                by_establishment={ec.workforce.EstablishmentKind.ADMINISTRATIVE: 4},
            )

    def test_negative_refused(self):
        """Counts are never negative."""
        with pytest.raises(ec.InvariantError, match="borrowed_staff"):
            ec.workforce.WorkforceFigures(borrowed_staff=-1)

    def test_audit_and_json(self):
        """Departures short of those who left: a warning; the figures round-trip through JSON."""
        report = ec.AnnualReport(
            body=ec.body.EnforcementBody("示例区应急管理局", ec.body.BodyLevel.COUNTY_DEPARTMENT),
            year=2023,
            workforce=ec.workforce.WorkforceFigures(
                departed=4, departures={ec.workforce.DepartureReason.RETIRED: 1}, exam_passed=2
            ),
        )
        assert [("breakdown-short", "workforce.departures")] == [
            (f.code, f.path) for f in ec.audit(report)
        ]
        assert report == ec.load_json(ec.dump_json(report))
