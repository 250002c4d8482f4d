"""The path walker: one walk of the dotted figure paths, for every layer."""

from __future__ import annotations

from decimal import Decimal

from enforcement_core._paths import figures, objects, owners, resolve, walk
from enforcement_core.actions import Domain, SupervisionLevel
from enforcement_core.figures import DomainPenalties, HazardFigures, PenaltyFigures
from enforcement_core.workforce import Unit, WorkforceFigures

TREE = WorkforceFigures(
    certified=9,
    units={"office": Unit("办公室", certified=8, subunits={"brigade": Unit("大队", certified=5)})},
)


class TestResolve:
    def test_through_fields_and_mappings(self):
        """A path goes through attributes and mapping keys, enum keys by their value."""
        penalty = PenaltyFigures(by_domain={Domain.TRAFFIC: DomainPenalties(cases=216)})
        assert 216 == resolve(penalty, "by_domain.traffic.cases")
        assert 5 == resolve(TREE, "units.office.subunits.brigade.certified")

    def test_a_missing_step_is_none(self):
        """A key not stated, or a step below None, gives None, never an error."""
        assert resolve(TREE, "units.depot.certified") is None
        assert resolve(PenaltyFigures(), "cases.more") is None


class TestOwners:
    def test_every_object_on_the_way_with_the_rest(self):
        """owners yields each object on the way down and the path left below it."""
        found = list(owners(TREE, "units.office.subunits.brigade.certified"))
        assert [
            "office.subunits.brigade.certified",
            "subunits.brigade.certified",
            "brigade.certified",
            "certified",
        ] == [rest for _, rest in found]
        assert TREE.units["office"].subunits["brigade"] is found[-1][0]

    def test_stops_where_the_path_ends(self):
        """A path through something not stated stops the walk there."""
        assert ["office.certified"] == [rest for _, rest in owners(TREE, "units.office.certified")][
            :1
        ]
        assert [] == list(owners(TREE, "units.depot.x.y"))[1:]


class TestWalk:
    def test_depth_first_objects_before_what_they_hold(self):
        """Every stated value with its path; None, text and flags are left out."""
        hazards = HazardFigures(found=509, supervised={SupervisionLevel.DIVISION: 6})
        assert [
            ("found", 509),
            ("supervised", {SupervisionLevel.DIVISION: 6}),
            ("supervised.division", 6),
            ("dimensions", {}),
        ] == list(walk(hazards))

    def test_figures_are_counts_and_amounts(self):
        """figures keeps ints and Decimals, deep in mappings, in order."""
        penalty = PenaltyFigures(
            cases=3, by_domain={Domain.TRAFFIC: DomainPenalties(cases=2, fines=Decimal(5))}
        )
        assert [
            ("p.cases", 3),
            ("p.by_domain.traffic.cases", 2),
            ("p.by_domain.traffic.fines", Decimal(5)),
        ] == list(figures(penalty, "p."))

    def test_objects_with_their_paths(self):
        """objects gives the object itself and every attrs object below it."""
        assert ["w", "w.units.office", "w.units.office.subunits.brigade"] == [
            path for path, _ in objects(TREE, "w")
        ]
