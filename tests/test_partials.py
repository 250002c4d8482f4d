"""Partial summaries: merge is associative and commutative with an identity, and finish = summarize."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import enforcement_core as ec
from enforcement_core.categories import RECORD_GROUPS
from enforcement_core.partials import Partial, merge, merge_all
from enforcement_core.statistics import RectificationDays, days_to_rectify, inspected_targets
from profiles import examples
from strategies import ledgers

TOWN = ec.body.EnforcementBody("某镇人民政府", ec.body.BodyLevel.TOWN)


@st.composite
def split_ledgers(
    draw: st.DrawFn, *, least: int = 1, most: int = 4
) -> tuple[ec.Ledger, list[ec.Ledger]]:
    """A ledger and its records dealt at random into ``least`` to ``most`` pieces.

    Every record goes to exactly one piece. The roster is state, not events: each
    officer goes to one or more pieces, as a roster repeated in several files would.
    The units, narrative and conventions go to some pieces, the others keep the defaults.
    """
    ledger = draw(ledgers())
    n = draw(st.integers(least, most))
    pieces: list[dict[str, list[Any]]] = [{} for _ in range(n)]
    for group in RECORD_GROUPS:
        for record in getattr(ledger, group.field):
            pieces[draw(st.integers(0, n - 1))].setdefault(group.field, []).append(record)
    for officer in ledger.officers:
        for index in draw(st.sets(st.integers(0, n - 1), min_size=1)):
            pieces[index].setdefault("officers", []).append(officer)
    holders = draw(st.sets(st.integers(0, n - 1), min_size=1))
    return ledger, [
        ec.Ledger(
            body=ledger.body,
            year=ledger.year,
            **{field: tuple(records) for field, records in piece.items()},
            **(
                {
                    "units": ledger.units,
                    "narrative": ledger.narrative,
                    "published_on": ledger.published_on,
                    "conventions": ledger.conventions,
                }
                if index in holders
                else {}
            ),
        )
        for index, piece in enumerate(pieces)
    ]


def merged_in_any_order(draw: st.DrawFn, partials: list[Partial]) -> Partial:
    """The partials merged in a random order and grouping."""
    pool = list(partials)
    while len(pool) > 1:
        i = draw(st.integers(0, len(pool) - 1))
        first = pool.pop(i)
        j = draw(st.integers(0, len(pool) - 1))
        second = pool.pop(j)
        pool.append(merge(first, second))
    return pool[0]


class TestFinishEqualsSummarize:
    @given(split_ledgers(), st.data())
    @settings(max_examples=examples(60))
    def test_pieces_merged_in_any_order_give_the_whole_summary(self, split, data):
        """finish(merge of the pieces' partials) is summarize of the whole, figure for figure."""
        ledger, pieces = split
        partial = merged_in_any_order(data.draw, [Partial.of(piece) for piece in pieces])
        finished = partial.finish()
        whole = ec.summarize(ledger)
        assert whole == finished
        # The same bytes too: the order of every breakdown, the places of every amount.
        assert ec.dump_json(whole) == ec.dump_json(finished)

    @given(split_ledgers(), st.data())
    @settings(max_examples=examples(30))
    def test_days_to_rectify_stay_exact(self, split, data):
        """The median and the 90th percentile of the merged histogram are the whole ledger's."""
        ledger, pieces = split
        partial = merged_in_any_order(data.draw, [Partial.of(piece) for piece in pieces])
        assert days_to_rectify(ledger) == partial.rectification_days()
        assert len(inspected_targets(ledger)) == partial.inspected_targets()

    def test_the_reference_ledger_split_by_month(self):
        """The gulu ledger in twelve monthly pieces: the reference figures come back."""
        ledger = ec.examples.load_records("gulu-2023")
        months = [
            ec.Ledger(
                body=ledger.body,
                year=ledger.year,
                units=ledger.units,
                officers=ledger.officers,
                **{
                    group.field: tuple(
                        r for r in getattr(ledger, group.field) if r.date.month == month
                    )
                    for group in RECORD_GROUPS
                },
            )
            for month in range(1, 13)
        ]
        report = merge_all(Partial.of(m) for m in months)[ledger.body.name, 2023].finish()
        assert (report.inspection.visits, report.inspection.hazards.found) == (363, 509)
        assert (report.inspection.hazards.rectified, report.penalty.fines) == (502, Decimal(6800))
        assert report.workforce.certified == 22  # the roster, given to every month, counts once


class TestAlgebra:
    @given(split_ledgers(least=3, most=3))
    @settings(max_examples=examples(30))
    def test_associative(self, split):
        """merge(a, merge(b, c)) == merge(merge(a, b), c)."""
        x, y, z = (Partial.of(piece) for piece in split[1])
        assert merge(x, merge(y, z)) == merge(merge(x, y), z)

    @given(split_ledgers(least=2, most=2))
    @settings(max_examples=examples(30))
    def test_commutative(self, split):
        """merge(a, b) == merge(b, a)."""
        x, y = (Partial.of(piece) for piece in split[1])
        assert merge(x, y) == merge(y, x)

    @given(ledgers())
    @settings(max_examples=examples(30))
    def test_identity(self, ledger):
        """The empty partial changes nothing, on either side; one piece finishes as the summary."""
        partial = Partial.of(ledger)
        empty = Partial.empty(ledger.body, ledger.year)
        assert partial == merge(partial, empty) == merge(empty, partial)
        assert ec.summarize(ledger) == partial.finish()

    def test_a_roster_in_two_pieces_counts_once(self):
        """The same officers in two pieces are one roster; their cases add."""
        ledger = ec.examples.load_records("gulu-2023")
        partial = Partial.of(ledger)
        twice = merge(partial, partial).finish()
        assert 22 == twice.workforce.certified
        assert 726 == twice.inspection.visits


class TestRefusals:
    def test_different_bodies(self):
        """Partials of two bodies are not one body's year."""
        other = ec.body.EnforcementBody("某街道办事处", ec.body.BodyLevel.STREET)
        with pytest.raises(
            ec.errors.MergeError, match="different bodies: '某镇人民政府' and '某街道办事处'"
        ):
            merge(Partial.empty(TOWN, 2023), Partial.empty(other, 2023))

    def test_different_years(self):
        """Partials of two years are not one year."""
        with pytest.raises(ec.errors.MergeError, match="different years: 2023 and 2024"):
            merge(Partial.empty(TOWN, 2023), Partial.empty(TOWN, 2024))

    def test_conflicting_conventions(self):
        """Two pieces that write numbers differently cannot be one report; a default gives way."""
        yuan = Partial.of(
            ec.Ledger(body=TOWN, year=2023, conventions=ec.report.Conventions(money_unit="亿元"))
        )
        wan = Partial.of(
            ec.Ledger(body=TOWN, year=2023, conventions=ec.report.Conventions(money_unit="万元"))
        )
        with pytest.raises(ec.errors.MergeError, match="conventions differ"):
            merge(yuan, wan)
        assert merge(yuan, Partial.empty(TOWN, 2023)).conventions.money_unit == "亿元"
        assert merge(Partial.empty(TOWN, 2023), wan).conventions.money_unit == "万元"

    def test_merge_errors_are_statistics_errors(self):
        """A caller catching StatisticsError catches a failed merge too."""
        assert issubclass(ec.errors.MergeError, ec.errors.StatisticsError)


class TestRectificationDays:
    @given(st.lists(st.integers(0, 400), max_size=60))
    def test_histogram_gives_the_sorted_list_statistic(self, days):
        """From a histogram, the median and nearest-rank p90 of the sorted values, exactly."""
        histogram: dict[int, int] = {}
        for d in days:
            histogram[d] = histogram.get(d, 0) + 1
        got = RectificationDays.of(histogram)
        ordered = sorted(days)
        assert got.count == len(days)
        if not days:
            assert (got.median, got.p90) == (None, None)
            return
        n = len(ordered)
        median = (
            Decimal(ordered[n // 2])
            if n % 2
            else (Decimal(ordered[n // 2 - 1]) + ordered[n // 2]) / 2
        )
        assert got.median == median
        assert got.p90 == ordered[-(-n * 9 // 10) - 1]

    def test_boundaries_of_the_nearest_rank(self):
        """p90 of 1..10 is 9, of 1..11 is 10 (ceil(9.9) = 10): both sides of the rank."""
        assert 9 == RectificationDays.of(dict.fromkeys(range(1, 11), 1)).p90
        assert 10 == RectificationDays.of(dict.fromkeys(range(1, 12), 1)).p90

    def test_zero_counts_are_not_values(self):
        """A day with no hazard is not a value of the statistic."""
        assert RectificationDays.of({1: 1, 5: 0, 9: 1}) == RectificationDays(2, Decimal(5), 9)


class TestSummaryRoster:
    def test_an_officer_listed_twice_counts_once(self):
        """The same person entered twice in the roster is one certified officer."""
        ledger = ec.examples.load_records("gulu-2023")
        doubled = attrs.evolve(ledger, officers=ledger.officers + ledger.officers[:3])
        assert 22 == ec.summarize(doubled).workforce.certified

    def test_two_entries_under_one_identifier_both_count(self):
        """Two different entries under one identifier are two people until the audit says otherwise."""
        ledger = ec.examples.load_records("gulu-2023")
        first = ledger.officers[0]
        twin = attrs.evolve(first, name=first.name + "甲")
        doubled = attrs.evolve(ledger, officers=(*ledger.officers, twin))
        assert 23 == ec.summarize(doubled).workforce.certified


def test_misconduct_needs_a_roster_in_some_piece():
    """Misconduct cases of a piece without officers count once the roster arrives (the year's only)."""
    ledger = ec.examples.load_records("gulu-2023")
    officer = ledger.officers[0].id
    cases = (
        ec.workforce.MisconductCase("M-1", officer, dt.date(2023, 1, 1)),
        ec.workforce.MisconductCase("M-2", officer, dt.date(2023, 12, 31)),
        ec.workforce.MisconductCase("M-3", officer, dt.date(2024, 1, 1)),
    )
    roster = Partial.of(ledger)
    misconduct = Partial.of(ec.Ledger(body=ledger.body, year=2023, misconduct_cases=cases))
    assert 2 == merge(roster, misconduct).finish().workforce.misconduct_cases
    assert misconduct.finish().workforce.misconduct_cases is None  # no roster: nothing known
    whole = attrs.evolve(ledger, misconduct_cases=cases)
    assert ec.summarize(whole) == merge(misconduct, roster).finish()


def test_an_establishment_visited_in_two_pieces_counts_once():
    """Visits add; the establishments visited are a set."""
    ledger = ec.examples.load_records("gulu-2023")
    inspection = ledger.inspections[0]
    later = attrs.evolve(inspection, id="JC-again", inspected_on=dt.date(2023, 12, 31), hazards=())
    elsewhere = attrs.evolve(later, id="JC-other", target=inspection.target + "（分厂）")
    first = Partial.of(ec.Ledger(body=ledger.body, year=2023, inspections=(inspection,)))
    second = Partial.of(ec.Ledger(body=ledger.body, year=2023, inspections=(later, elsewhere)))
    merged = merge(first, second)
    assert 3 == merged.finish().inspection.visits
    assert 2 == merged.inspected_targets()
    outside = attrs.evolve(later, id="JC-2024", target="别处", inspected_on=dt.date(2024, 1, 1))
    assert (
        1
        == Partial.of(
            ec.Ledger(body=ledger.body, year=2023, inspections=(outside, inspection))
        ).inspected_targets()
    )
