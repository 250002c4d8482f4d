"""The shared strategies reach what they are meant to: a narrowing would fail here."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from hypothesis import HealthCheck, Phase, find, given, settings

import enforcement_core as ec
import strategies
from enforcement_core._privacy import mask_id_numbers

if TYPE_CHECKING:
    from collections.abc import Callable

    from hypothesis.strategies import SearchStrategy

# Search without shrinking (slow for ledgers) and without the example database.
SEARCH = settings(
    max_examples=2000,
    phases=[Phase.generate],
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def reaches(strategy: SearchStrategy[Any], condition: Callable[[Any], bool]) -> Any:
    """An example of ``strategy`` meeting ``condition``; NoSuchExample if none is found."""
    return find(strategy, condition, settings=SEARCH)


def _overlapping(hazards: ec.HazardFigures) -> bool:
    # The reference report's shape: 509 found, 502 rectified, 11 supervised, so
    # supervised hazards include rectified ones (509 - 502 < 11).
    supervised = sum(hazards.supervised.values())
    return (
        hazards.found is not None
        and hazards.rectified is not None
        and 0 < hazards.found - hazards.rectified < supervised
    )


class TestHazardFigures:
    def test_the_reference_figures_are_valid(self):
        """509 found, 502 rectified, 6 + 5 supervised is a valid HazardFigures."""
        hazards = ec.HazardFigures(
            found=509,
            rectified=502,
            supervised={ec.SupervisionLevel.DIVISION: 6, ec.SupervisionLevel.SECTION: 5},
        )
        assert _overlapping(hazards)

    def test_supervised_may_overlap_rectified(self):
        """hazard_figures reaches the reference's shape: found below rectified plus supervised."""
        assert _overlapping(reaches(strategies.hazard_figures(), _overlapping))

    def test_inspection_totals_may_overlap_too(self):
        """inspection_figures' hazard totals reach that shape as well."""
        found = reaches(strategies.inspection_figures(), lambda i: _overlapping(i.hazards))
        assert _overlapping(found.hazards)

    def test_found_may_equal_rectified(self):
        """Every hazard rectified (found == rectified) with some supervised."""
        found = reaches(
            strategies.hazard_figures(),
            lambda h: h.found is not None and h.found == h.rectified and any(h.supervised.values()),
        )
        assert found.found == found.rectified


class TestIdentifiers:
    def test_chinese(self):
        """Identifiers may be Chinese, as units and records are often named."""
        found = reaches(strategies.identifiers, lambda i: re.search("[\u4e00-\u9fff]", i))
        assert re.search("[\u4e00-\u9fff]", found)

    def test_beyond_ascii_and_chinese(self):
        """Identifiers may hold other non-ASCII characters (full-width, accented, symbols)."""
        found = reaches(
            strategies.identifiers,
            lambda i: not i.isascii() and not re.search("[\u4e00-\u9fff]", i),
        )
        assert not found.isascii()

    def test_still_ledger_style(self):
        """Plain ASCII identifiers with '-' and '_' remain."""
        found = reaches(strategies.identifiers, lambda i: i.isascii() and ("-" in i or "_" in i))
        assert re.fullmatch(r"[a-z][a-z0-9_\-]*", found)

    @given(identifier=strategies.identifiers)
    def test_within_the_rule(self, identifier):
        """Every identifier the strategy makes is accepted by the model."""
        assert identifier == ec.Hazard(identifier, dt.date(2023, 5, 2)).id


class TestUnits:
    def test_ledgers_have_nested_units(self):
        """A ledger's units may have sub-units."""
        found = reaches(
            strategies.ledgers(max_records=0),
            lambda ledger: any(unit.subunits for unit in ledger.units.values()),
        )
        assert any(unit.subunits for unit in found.units.values())

    def test_officers_may_work_in_a_sub_unit(self):
        """An officer's unit may be a sub-unit, not only a top-level one."""
        found = reaches(
            strategies.ledgers(max_records=0),
            lambda ledger: any(o.unit not in ledger.units for o in ledger.officers),
        )
        assert any(o.unit not in found.units for o in found.officers)

    def test_workforce_units_are_nested(self):
        """A report's workforce units may have sub-units."""
        found = reaches(
            strategies.workforce_figures(), lambda w: any(u.subunits for u in w.units.values())
        )
        assert any(u.subunits for u in found.units.values())


class TestStatedRates:
    def test_every_precision_from_0_to_4(self):
        """Stated rates come with 0, 1, 2, 3 and 4 decimals."""
        for places in range(5):
            found = reaches(strategies.stated_rates, lambda d, p=places: _places(d) == p)
            assert places == _places(found)

    def test_reports_state_them(self):
        """A generated report may state a rate with 4 decimals."""
        found = reaches(
            strategies.stateds, lambda s: any(_places(r) == 4 for r in s.rates.values())
        )
        assert any(_places(r) == 4 for r in found.rates.values())


def _places(value: Any) -> int:
    return -value.as_tuple().exponent


class TestIdNumbers:
    def test_check_character(self):
        """The GB 11643 check character of a known number (the standard's own example)."""
        assert "X" == strategies.id_check_character("11010519491231002")

    def test_ending_in_x(self):
        """Identity numbers ending in X are generated."""
        assert reaches(strategies.id_numbers(), lambda n: n.endswith("X")).endswith("X")

    def test_ending_in_a_digit(self):
        """And ones ending in a digit."""
        assert reaches(strategies.id_numbers(), lambda n: n[-1].isdigit())[-1].isdigit()

    @given(number=strategies.id_numbers())
    def test_always_valid(self, number):
        """Every generated number is 18 characters with its check character, and is masked."""
        assert 18 == len(number)
        assert number[-1] == strategies.id_check_character(number[:17])
        assert "[身份证号已隐去]" == mask_id_numbers(number)

    def test_in_free_text(self):
        """Free text sometimes holds an identity number (one ending in X too)."""
        found = reaches(strategies.free_texts, lambda t: re.search(r"\d{17}X", t) and "当事人" in t)
        assert "[身份证号已隐去]" in mask_id_numbers(found)

    def test_in_a_report(self):
        """A generated report's narrative may hold an identity number."""
        found = reaches(
            strategies.narratives,
            lambda n: any(re.search(r"\d{17}[\dX]", p) for s in n.sections for p in s.paragraphs),
        )
        assert found.sections


class TestStrategiesFollowTheTable:
    def test_every_record_group_has_a_strategy(self):
        """Each record group of the table has a record strategy: none goes ungenerated."""
        from enforcement_core.categories import RECORD_GROUPS

        assert {group.record for group in RECORD_GROUPS} == set(strategies.RECORDS)

    def test_every_category_has_a_figures_strategy(self):
        """Each category of the table has a figures strategy."""
        from enforcement_core.categories import CATEGORIES

        assert {category.figures for category in CATEGORIES} == set(strategies.FIGURES)

    @given(strategies.ledgers(max_records=2))
    def test_ledgers_fill_every_group_some_of_the_time(self, ledger):
        """Generated ledgers are ledgers; their groups are the table's."""
        from enforcement_core.categories import RECORD_GROUPS

        for group in RECORD_GROUPS:
            assert all(isinstance(r, group.record) for r in getattr(ledger, group.field))
