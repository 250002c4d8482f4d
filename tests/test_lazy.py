"""Records built when first asked for: LazyRecords is the tuple of its records, and the
column road of read_ledger gives exactly the object reading's ledger and problems."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import pickle
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import strategies
from enforcement_core._lazy import LazyRecords, built, is_lazy
from enforcement_core.actions import (
    CoerciveAction,
    CoerciveMeasure,
    Domain,
    LicenceApplication,
    PenaltyCase,
)
from enforcement_core.body import BodyLevel, EnforcementBody
from enforcement_core.errors import InvariantError, LoadError
from enforcement_core.findings import audit
from enforcement_core.ledger import Ledger
from enforcement_core.renderers import render
from enforcement_core.serialization import dump_json, load_json
from enforcement_core.summary import summarize
from enforcement_core.tables import _ledgers, read_columnar, read_ledger
from enforcement_core.tables._read import read_objects
from profiles import examples
from test_columnar import _LAYOUTS, BODY, YEAR, _published_table, bad_cells, on, table

if TYPE_CHECKING:
    from collections.abc import Iterator

pytest.importorskip("pyarrow")


@pytest.fixture(scope="module", autouse=True)
def _column_road_for_small_files() -> Iterator[None]:
    """The column road for files of any size: the tests' files are small."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_ledgers, "COLUMN_ROAD_FROM", 0)
        patch.setattr(_ledgers, "WORKBOOK_COLUMN_ROAD_FROM", 0)
        yield


class _Rows:
    """A table's stand-in for LazyRecords: only its rows are counted without building."""

    def __init__(self, rows: int) -> None:
        self.num_rows = rows


def lazy(values: list[Any], *, build_first: bool = False) -> LazyRecords:
    """A LazyRecords of ``values``, which fails the test if it builds them twice."""
    calls = []

    def build(_: object) -> list[Any]:
        calls.append(1)
        assert len(calls) == 1, "built twice"
        return list(values)

    made = LazyRecords.of(_Rows(len(values)), object, build)
    if build_first:
        made.records()
    return made


#: Items of records: penalty cases, and hashable values of types that compare with each
#: other or refuse to (records do not order, so ``<`` is tried on the others).
items = st.lists(
    st.one_of(
        st.integers(-2, 2),
        st.text("ab", max_size=2),
        st.tuples(st.integers(0, 1)),
        strategies.penalty_cases(),
    ),
    max_size=6,
)


@attrs.frozen
class _Operands:
    """What an operation is given: the records, another tuple, a value, an index."""

    x: Any
    o: Any
    v: Any
    i: int


def _called(*arguments: Any) -> tuple[Any, ...]:
    return arguments


def _outcome(operation: Any, operands: _Operands) -> tuple[Any, ...]:
    """What an operation gives: its value and the value's type, or the error's type."""
    try:
        value = operation(operands)
    except Exception as error:  # noqa: BLE001  (the error's type is the outcome)
        return ("error", type(error))
    return ("value", value, type(value))


#: Every behaviour of a tuple, of the operands (the records ``x``, another tuple ``o``, a
#: value ``v``, an index ``i``).
OPERATIONS: dict[str, Any] = {
    "len": lambda t: len(t.x),
    "bool": lambda t: bool(t.x),
    "not": lambda t: not t.x,
    "iter": lambda t: list(iter(t.x)),
    "reversed": lambda t: list(reversed(t.x)),
    "getitem": lambda t: t.x[t.i],
    "slice": lambda t: t.x[t.i : t.i + 2],
    "slice_step": lambda t: t.x[:: t.i or 1],
    "contains": lambda t: t.v in t.x,
    "not_contains": lambda t: t.v not in t.x,
    "count": lambda t: t.x.count(t.v),
    "index": lambda t: t.x.index(t.v),
    "index_from": lambda t: t.x.index(t.v, t.i),
    "index_between": lambda t: t.x.index(t.v, 0, t.i),
    "eq": lambda t: t.x == t.o,
    "eq_reflected": lambda t: t.o == t.x,
    "ne": lambda t: t.x != t.o,
    "ne_reflected": lambda t: t.o != t.x,
    "lt": lambda t: t.x < t.o,
    "lt_reflected": lambda t: t.o < t.x,
    "le": lambda t: t.x <= t.o,
    "le_reflected": lambda t: t.o <= t.x,
    "gt": lambda t: t.x > t.o,
    "gt_reflected": lambda t: t.o > t.x,
    "ge": lambda t: t.x >= t.o,
    "ge_reflected": lambda t: t.o >= t.x,
    "eq_list": lambda t: t.x == list(t.o),
    "hash": lambda t: hash(t.x),
    "add": lambda t: t.x + t.o,
    "radd": lambda t: t.o + t.x,
    "add_itself": lambda t: t.x + t.x,
    "add_list": lambda t: t.x + list(t.o),
    "mul": lambda t: t.x * t.i,
    "rmul": lambda t: t.i * t.x,
    "repr": lambda t: repr(t.x),
    "str": lambda t: str(t.x),
    "format": lambda t: f"{t.x}",
    "percent": lambda t: "%r" % (t.x,),  # noqa: UP031  (the % operator is the behaviour)
    "pickle": lambda t: pickle.loads(pickle.dumps(t.x)),  # noqa: S301  (our own bytes)
    "pickle_0": lambda t: pickle.loads(pickle.dumps(t.x, protocol=0)),  # noqa: S301
    "copy": lambda t: copy.copy(t.x),
    "deepcopy": lambda t: copy.deepcopy(t.x),
    "getnewargs": lambda t: t.x.__getnewargs__(),
    "class_of_items": lambda t: type(t.x)(iter(t.o)),
    "tuple": lambda t: tuple(t.x),
    "list": lambda t: list(t.x),
    "unpacked": lambda t: (*t.x,),
    "called_with": lambda t: _called(*t.x),
    "sorted": lambda t: sorted(t.x),
    "max": lambda t: max(t.x),
    "frozenset": lambda t: frozenset(t.x),
    "dict_keys": lambda t: dict.fromkeys(t.x),
    "enumerate": lambda t: list(enumerate(t.x)),
    "zip": lambda t: list(zip(t.x, t.o, strict=False)),
    "join": lambda t: "|".join(t.x),
    "json": lambda t: json.dumps(t.x),
    "in_a_tuple": lambda t: (t.x, 1) == (tuple(t.x), 1),
}


@pytest.mark.parametrize("name", sorted(OPERATIONS))
@settings(max_examples=examples(40))
@given(
    values=items,
    other=items,
    probe=st.sampled_from([0, 1, "a", (0,)]),
    index=st.integers(-7, 7),
    build_first=st.booleans(),
    other_lazy=st.booleans(),
)
def test_lazy_records_behave_as_the_tuple_of_their_records(  # noqa: PLR0917  (what is drawn)
    name, values, other, probe, index, build_first, other_lazy
):
    """Every operation of a tuple gives what it gives on the plain tuple, built first or not."""
    operation = OPERATIONS[name]
    records = lazy(values, build_first=build_first)
    against = lazy(other) if other_lazy else tuple(other)
    plain = _Operands(tuple(values), tuple(other), probe, index)
    assert _outcome(operation, _Operands(records, against, probe, index)) == _outcome(
        operation, plain
    )


@given(values=items, build_first=st.booleans())
def test_equal_and_hashed_alike_both_ways(values, build_first):
    """lazy == tuple and tuple == lazy, one hash: either finds the other in a set or dict."""
    plain = tuple(values)
    records = lazy(values, build_first=build_first)
    assert records == plain
    assert plain == records
    assert not records != plain  # noqa: SIM202  (__ne__ is a behaviour of its own)
    assert not plain != records  # noqa: SIM202
    assert hash(records) == hash(plain)
    assert {plain: 1}[records] == 1
    assert {records: 1}[plain] == 1
    assert records == lazy(values)
    assert (records != (*plain, 9)) is True


def test_length_and_truth_do_not_build():
    """len and bool read the table's rows; indexing builds once, then keeps the tuple."""
    records = lazy([1, 2, 3])
    assert (3, True) == (len(records), bool(records))
    assert not records.is_built()
    assert not LazyRecords.of(_Rows(0), object, lambda _: [])
    assert 2 == records[1]
    assert records.is_built()
    assert (1, 2, 3) == built(records)
    assert 3 == len(records)


def test_one_argument_makes_a_plain_tuple():
    """cattrs and copy call a tuple's class with the items: they get a plain tuple."""
    made = LazyRecords(iter([1, 2]))
    assert (1, 2) == made
    assert tuple is type(made)
    assert tuple is type(LazyRecords())
    assert is_lazy(lazy([1]))
    assert not is_lazy(lazy([1], build_first=True))
    assert not is_lazy((1,))


# Every attribute of a tuple that LazyRecords leaves to tuple or object, and why that is right.
HARMLESS = {
    "__class__": "the class itself, LazyRecords, a subclass of tuple",
    "__class_getitem__": "tuple[int, ...] as a type: no records involved",
    "__delattr__": "object's: attributes, not items",
    "__dir__": "object's: names, not items",
    "__doc__": "text",
    "__format__": "object's: formats str(self), which is __repr__ of the records",
    "__getattribute__": "object's: attribute lookup",
    "__getstate__": "object's; pickle and copy use __reduce_ex__, which is overridden",
    "__init__": "object's: does nothing",
    "__init_subclass__": "classes, not items",
    "__new__": "overridden: one argument makes a plain tuple",
    "__setattr__": "object's: attributes, not items",
    "__sizeof__": "the object's own bytes (an empty tuple's and a dict's): not the records'",
    "__str__": "object's: calls __repr__, which is overridden",
    "__subclasshook__": "classes, not items",
}


def test_what_reads_the_items_at_the_c_level_sees_none():
    """The limits _lazy's docstring names, which nothing in the library uses, as they are."""
    records = lazy([1, 2])
    assert 0 == tuple.__len__(records)
    assert (0,) == tuple.__add__((0,), records)
    with pytest.raises(TypeError, match="not enough arguments"):
        "%s %s" % records  # noqa: UP031  (the % operator's tuple, read in C)
    # The operators themselves call LazyRecords' methods.
    assert ((0, 1, 2), 2) == ((0,) + records, len(records))  # noqa: RUF005  (the + operator is what is held)


def _uncovered(overridden: set[str]) -> list[str]:
    """The names of tuple neither in ``overridden`` nor on the list of harmless ones."""
    return [name for name in dir(tuple) if name not in overridden and name not in HARMLESS]


def test_every_tuple_behaviour_is_overridden_or_harmless():
    """Each name of dir(tuple) is overridden by LazyRecords or on the commented list above."""
    left = _uncovered(set(vars(LazyRecords)))
    assert not left, f"tuple methods neither overridden nor listed as harmless: {left}"
    # The list stays honest: each entry is a name of tuple, and none is overridden.
    assert set(HARMLESS) <= set(dir(tuple))
    assert {"__doc__", "__new__"} == set(HARMLESS) & set(vars(LazyRecords))


def test_the_meta_test_finds_a_method_not_overridden():
    """Without its count, LazyRecords would fail the rule, at count."""
    assert ["count"] == _uncovered(set(vars(LazyRecords)) - {"count"})


# Ledgers whose records are lazy ------------------------------------------------------


def _lazy_ledger(cases: list[PenaltyCase], **kwargs: Any) -> Ledger:
    return Ledger(
        body=BODY,
        year=YEAR,
        penalty_cases=LazyRecords.of(_Rows(len(cases)), PenaltyCase, lambda _: list(cases)),
        **kwargs,
    )


class TestLedgerAcceptsLazyRecords:
    def test_records_of_the_fields_class_are_taken_without_building(self):
        """The column engine checked the rows: the ledger's tuple check does not build them."""
        case = PenaltyCase("P-1", dt.date(2023, 5, 2), domain=Domain.TRAFFIC)
        ledger = _lazy_ledger([case])
        assert is_lazy(ledger.penalty_cases)
        again = attrs.evolve(ledger, year=2023)
        assert is_lazy(again.penalty_cases)
        assert (case,) == again.penalty_cases

    def test_records_of_another_class_are_checked_item_by_item(self):
        """Lazy penalty cases given as licence applications: built and refused at their index."""
        cases = [PenaltyCase("P-1", dt.date(2023, 5, 2), domain=Domain.TRAFFIC)]
        wrong = LazyRecords.of(_Rows(1), PenaltyCase, lambda _: list(cases))
        with pytest.raises(InvariantError, match=r"licence_applications\[0\]"):
            Ledger(body=BODY, year=YEAR, licence_applications=wrong)

    def test_built_records_are_checked_as_a_tuple_is(self):
        """Once built, the records are checked as any tuple's: a wrong item is refused."""
        records = LazyRecords.of(_Rows(1), PenaltyCase, lambda _: ["not a case"])
        records.records()
        with pytest.raises(InvariantError, match=r"penalty_cases\[0\]"):
            Ledger(body=BODY, year=YEAR, penalty_cases=records)


ledgers_of_cases = st.lists(strategies.penalty_cases(on=on), max_size=5)


class TestSerialisers:
    """Every place C code could read a tuple's items without its methods, held."""

    @settings(max_examples=examples(20))
    @given(cases=ledgers_of_cases)
    def test_json_round_trip(self, cases):
        """dump_json (cattrs, json) writes the records; load_json reads back the same ledger."""
        plain = Ledger(body=BODY, year=YEAR, penalty_cases=tuple(cases))
        text = dump_json(_lazy_ledger(cases))
        assert dump_json(plain) == text
        assert plain == load_json(text, Ledger)
        assert len(cases) == text.count('"decided_on"')

    @settings(max_examples=examples(20))
    @given(cases=ledgers_of_cases)
    def test_copies_pickles_and_asdict(self, cases):
        """copy, deepcopy, pickle and attrs.asdict see every record."""
        plain = Ledger(body=BODY, year=YEAR, penalty_cases=tuple(cases))
        for made in (
            copy.copy(_lazy_ledger(cases)),
            copy.deepcopy(_lazy_ledger(cases)),
            pickle.loads(pickle.dumps(_lazy_ledger(cases))),  # noqa: S301  (our own bytes)
        ):
            assert plain == made
            assert len(cases) == len(made.penalty_cases)
        unpickled = pickle.loads(pickle.dumps(_lazy_ledger(cases)))  # noqa: S301
        assert tuple is type(unpickled.penalty_cases)
        assert attrs.asdict(plain) == attrs.asdict(_lazy_ledger(cases))
        assert len(cases) == len(attrs.asdict(_lazy_ledger(cases))["penalty_cases"])
        assert json.dumps(list(map(str, cases))) == json.dumps(
            list(map(str, _lazy_ledger(cases).penalty_cases))
        )

    @settings(max_examples=examples(20))
    @given(cases=ledgers_of_cases)
    def test_equality_and_hash(self, cases):
        """The ledger's equality and hash see the records."""
        plain = Ledger(body=BODY, year=YEAR, penalty_cases=tuple(cases))
        assert plain == _lazy_ledger(cases)
        assert _lazy_ledger(cases) == plain
        assert hash(plain) == hash(_lazy_ledger(cases))

    @settings(max_examples=examples(10))
    @given(cases=ledgers_of_cases)
    def test_renderers(self, cases):
        """A lazy ledger renders (through its summary) as the plain one, its records unbuilt."""
        pair = _columnar_and_plain(table("penalty_cases", cases))
        if pair is None:
            return
        lazy_ledger, plain = pair
        # JSON too, to the places: a sum has the fewest places however it was added up.
        for name in ("text", "html", "zh", "json"):
            assert render(plain, name) == render(lazy_ledger, name)
        assert not cases or is_lazy(lazy_ledger.penalty_cases)

    @settings(max_examples=examples(20))
    @given(cases=ledgers_of_cases)
    def test_audit(self, cases):
        """The audit of a ledger read by the column engine: that of its records built."""
        pair = _columnar_and_plain(table("penalty_cases", cases))
        if pair is None:
            return
        lazy_ledger, plain = pair
        assert audit(plain) == audit(lazy_ledger)


# Summaries over the columns ---------------------------------------------------------


def _columnar_and_plain(data: bytes) -> tuple[Ledger, Ledger] | None:
    """The ledger of a file by the column engine, its records lazy; and the same built."""
    try:
        by_columns = read_columnar(io.BytesIO(data), body=BODY, year=YEAR)
    except LoadError:
        return None
    built_apart = by_columns.to_ledger()
    plain = attrs.evolve(
        built_apart,
        penalty_cases=tuple(built_apart.penalty_cases),
        licence_applications=tuple(built_apart.licence_applications),
    )
    return by_columns.to_ledger(), plain


class TestSummaries:
    @settings(max_examples=examples(40))
    @given(cases=st.lists(strategies.penalty_cases(on=on), max_size=8))
    def test_penalty_cases_counted_over_the_columns(self, cases):
        """summarize of a lazy ledger: the plain ledger's summary, its records not built."""
        pair = _columnar_and_plain(table("penalty_cases", cases))
        if pair is None:
            return
        lazy_ledger, plain = pair
        assert summarize(plain) == summarize(lazy_ledger)
        assert not cases or is_lazy(lazy_ledger.penalty_cases)

    @settings(max_examples=examples(40))
    @given(applications=st.lists(strategies.licence_applications(on=on), max_size=8))
    def test_licence_applications_counted_over_the_columns(self, applications):
        """Licence applications likewise."""
        pair = _columnar_and_plain(table("licence_applications", applications))
        if pair is None:
            return
        lazy_ledger, plain = pair
        assert summarize(plain) == summarize(lazy_ledger)
        assert not applications or is_lazy(lazy_ledger.licence_applications)

    @pytest.mark.parametrize("layout", _LAYOUTS)
    @settings(max_examples=examples(20))
    @given(data=st.data())
    def test_national_tables_with_unknown_figures(self, layout, data):
        """A 双公示 table's unknown figures stay unknown in the summary over the columns."""
        pair = _columnar_and_plain(data.draw(_published_table(layout)))
        if pair is None:
            return
        lazy_ledger, plain = pair
        assert lazy_ledger.unknown
        assert summarize(plain) == summarize(lazy_ledger)

    def test_a_summary_does_not_build_the_records(self):
        """The figures come from the table: the records are still not built after summarize."""
        data = table(
            "penalty_cases", [PenaltyCase("P-1", dt.date(2023, 5, 2), domain=Domain.TRAFFIC)]
        )
        ledger = read_ledger(io.BytesIO(data), body=BODY, year=YEAR)
        assert 1 == summarize(ledger).penalty.cases
        assert is_lazy(ledger.penalty_cases)


# read_ledger's column road against the object reading --------------------------------


def _result(read: Any, data: bytes, **kwargs: Any) -> Any:
    """The ledger a reading gives, or its problems in order, every part of each."""
    source = io.BytesIO(data)
    source.name = kwargs.pop("name", "")
    try:
        return read(source, **kwargs)
    except LoadError as error:
        return [
            (p.sheet, p.row, p.header, repr(p.value), p.message, p.message_zh)
            for p in error.problems
        ]


#: How a file's body and year are given: each, or neither (inferred from the file).
givens = st.fixed_dictionaries(
    {},
    optional={
        "body": st.just(BODY),
        "year": st.sampled_from([YEAR, 2024]),
        "name": st.sampled_from(["penalties.csv", "基本信息.csv", "table"]),
    },
)
#: The same with the body mostly given: the library's layout names none.
givens_of_own_layout = st.one_of(
    givens,
    st.fixed_dictionaries(
        {"body": st.just(BODY)}, optional={"year": st.sampled_from([YEAR, 2024])}
    ),
)


#: The fields the column road keeps lazy.
_GROUPED = ("penalty_cases", "licence_applications")


def _same_both_ways(data: bytes, given_as: dict[str, Any]) -> tuple[Any, set[str]]:
    """read_ledger's result, the same as the object reading's; and its fields that were lazy."""
    by_objects = _result(read_objects, data, **given_as)
    by_road = _result(read_ledger, data, **given_as)
    # Compared, the records are built: which were lazy is noted before.
    lazy_fields = {
        field
        for field in _GROUPED
        if isinstance(by_road, Ledger) and is_lazy(getattr(by_road, field))
    }
    assert by_objects == by_road
    if isinstance(by_road, Ledger):
        # To the places: a cell written 200.00 or 2.1 comes back so from the columns.
        assert dump_json(by_objects) == dump_json(by_road)
        assert dump_json(summarize(by_objects)) == dump_json(summarize(by_road))
    return by_road, lazy_fields


class TestReadLedgerIsTheObjectReading:
    @settings(max_examples=examples(60))
    @given(
        field=st.sampled_from(["penalty_cases", "licence_applications"]),
        data=st.data(),
        bad=st.one_of(st.just([]), bad_cells),
        given_as=givens_of_own_layout,
    )
    def test_own_layout(self, field, data, bad, given_as):
        """A sheet of the library's layout, good or bad rows: the same ledger or problems."""
        records = (
            strategies.penalty_cases
            if field == "penalty_cases"
            else strategies.licence_applications
        )
        found = data.draw(st.lists(records(on=on), max_size=6))
        _same_both_ways(table(field, found, bad), given_as)

    @pytest.mark.parametrize("layout", _LAYOUTS)
    @settings(max_examples=examples(30))
    @given(data=st.data(), given_as=givens)
    def test_national_tables(self, layout, data, given_as):
        """A 双公示 table, its body and year inferred or given: the same ledger or problems."""
        _same_both_ways(data.draw(_published_table(layout)), given_as)

    def test_a_good_national_table_takes_the_column_road(self):
        """The body and its level from the name, the year from the records, the records lazy."""
        from test_tables import BODY as NAME
        from test_tables import penalty_csv, three_penalties

        data = penalty_csv(three_penalties()).getvalue()
        ledger, lazy_fields = _same_both_ways(data, {})
        assert {"penalty_cases"} == lazy_fields
        assert (NAME, BodyLevel.TOWN) == (ledger.body.name, ledger.body.level)
        assert 3 == len(ledger.penalty_cases)
        assert "penalty.legal_reviews" in ledger.unknown
        assert ledger == read_objects(io.BytesIO(data))

    def test_a_table_of_two_years_is_refused_as_by_objects(self):
        """Records of two years and no year given: the object reading's problem, said once."""
        cases = [
            PenaltyCase("P-1", dt.date(2023, 5, 2), domain=Domain.TRAFFIC),
            PenaltyCase("P-2", dt.date(2024, 1, 2), domain=Domain.TRAFFIC),
        ]
        problems, _ = _same_both_ways(table("penalty_cases", cases), {"body": BODY})
        assert [(None, "the year is not given")] == [
            (row, message.split(":")[0]) for _, row, _, _, message, _ in problems
        ]

    def test_the_year_of_every_record(self):
        """Without year=, the one year of the records; with body=, the body as given."""
        body = EnforcementBody("某街道办事处", BodyLevel.STREET)
        cases = [
            PenaltyCase("P-1", dt.date(2022, 5, 2), domain=Domain.TRAFFIC),
            PenaltyCase("P-2", dt.date(2022, 7, 2), domain=Domain.TRAFFIC),
        ]
        ledger, lazy_fields = _same_both_ways(table("penalty_cases", cases), {"body": body})
        assert (body, 2022) == (ledger.body, ledger.year)
        assert {"penalty_cases"} == lazy_fields

    def test_mapping_renames_a_header_alike(self):
        """mapping= names a header the file writes differently, on the column road as by objects."""
        data = table(
            "penalty_cases", [PenaltyCase("P-1", dt.date(2023, 5, 2), domain=Domain.TRAFFIC)]
        )
        renamed = data.decode("utf-8").replace("编号", "案件号", 1).encode("utf-8")
        ledger, lazy_fields = _same_both_ways(renamed, {"body": BODY, "mapping": {"案件号": "id"}})
        assert {"penalty_cases"} == lazy_fields
        assert "P-1" == ledger.penalty_cases[0].id
        assert isinstance(_same_both_ways(renamed, {"body": BODY})[0], list)

    def test_parquet_takes_the_column_road(self, tmp_path):
        """A Parquet file of penalty cases: the object reading's ledger, its records lazy."""
        import pyarrow.csv
        import pyarrow.parquet

        data = table(
            "penalty_cases", [PenaltyCase("P-1", dt.date(2023, 5, 2), domain=Domain.TRAFFIC)]
        )
        path = tmp_path / "penalties.parquet"
        pyarrow.parquet.write_table(pyarrow.csv.read_csv(io.BytesIO(data)), path)
        ledger = read_ledger(path, body=BODY)
        assert is_lazy(ledger.penalty_cases)
        assert read_objects(path, body=BODY) == ledger

    @pytest.mark.parametrize(
        ("written", "total"),
        [
            (["2.1", "3"], "5.1"),
            (["200.00", "3.5"], "203.5"),
            (["0.00", "7.0"], "7"),
            (["1.10", "2.10", "1"], "4.2"),
            (["0.05", "0.05"], "0.1"),
        ],
    )
    def test_amounts_come_back_as_written(self, written, total):
        """An amount comes back from its fen written as its cell was: 2.1, 200.00, 0.00.

        The column road keeps fen; a cell its fen would write otherwise keeps its text,
        and the records, their JSON and the summary's are the object reading's.
        """
        header = "编号,决定日期,执法领域,处罚种类,罚款金额（元）\n"
        rows = "".join(f"P-{n},2023-08-01,交通,罚款,{text}\n" for n, text in enumerate(written))
        data = (header + rows).encode()
        by_road = read_ledger(io.BytesIO(data), body=BODY)
        by_objects = read_objects(io.BytesIO(data), body=BODY)
        assert is_lazy(by_road.penalty_cases)
        assert written == [str(case.fine) for case in by_road.penalty_cases]
        assert written == [str(case.fine) for case in by_objects.penalty_cases]
        assert dump_json(by_road) == dump_json(by_objects)
        summaries = [summarize(ledger) for ledger in (by_road, by_objects)]
        assert dump_json(summaries[0]) == dump_json(summaries[1])
        # A sum is written with the fewest places, however its amounts were.
        assert [total, total] == [str(s.penalty.fines) for s in summaries]

    def test_only_amounts_written_otherwise_keep_their_text(self):
        """Amounts written as their fen would be need no text of their own in the table."""
        header = "编号,决定日期,执法领域,处罚种类,罚款金额（元）\n"
        plain = (header + "P-1,2023-08-01,交通,罚款,2.10\nP-2,2023-08-02,交通,罚款,3\n").encode()
        other = plain.replace(b",3\n", b",3.00\n")
        names = [
            read_columnar(io.BytesIO(data), body=BODY, year=YEAR)
            .tables["penalty_cases"]
            .column_names
            for data in (plain, other)
        ]
        assert "fine.written" not in names[0]
        assert "fine.written" in names[1]

    def test_other_kinds_stay_on_the_object_road(self):
        """A sheet of coercive actions is read by objects: its records are a plain tuple."""
        action = CoerciveAction("C-1", dt.date(2023, 5, 2), measure=CoerciveMeasure.SEALING)
        ledger = read_ledger(io.BytesIO(table("coercive_actions", [action])), body=BODY)
        assert tuple is type(ledger.coercive_actions)


class TestProblemsOnTheColumnRoad:
    """A file with problems is not read again by objects when the engine's problems are the
    object reading's, in its order: one problem a row (a million rows with one bad cell
    took 28 s of CPU by objects, 1 s so)."""

    HEADER = "编号,决定日期,执法领域,处罚种类,罚款金额（元）\n"

    @staticmethod
    def _problems(read: Any, data: bytes, **given: Any) -> list[tuple[Any, ...]]:
        with pytest.raises(LoadError) as refused:
            read(io.BytesIO(data), **given)
        return [(p.row, p.header, p.value, p.message) for p in refused.value.problems]

    @staticmethod
    def _objects_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
        """Each time read_ledger falls back on the object reading."""
        calls: list[int] = []
        real = _ledgers.read_objects

        def counted(*args: Any, **kwargs: Any) -> Any:
            calls.append(1)
            return real(*args, **kwargs)

        monkeypatch.setattr(_ledgers, "read_objects", counted)
        return calls

    def test_one_problem_a_row_is_said_by_the_engine_in_row_order(self, monkeypatch):
        """Bad cells in three rows (a later column first), a number given again, and no
        year: the object reading's problems, in its order, without it."""
        rows = (
            "P-1,2023-08-01,交通,罚款,200\n"
            "P-2,2023-08-02,交通,罚款,-5\n"  # a fine below zero: the fifth column
            "P-3,2023-13-45,交通,罚款,100\n"  # no such day: the second column
            "P-1,2023-08-04,交通,罚款,300\n"  # the number of row 2 again
            "P-5,2023-08-05,星际,罚款,100\n"  # a domain of no vocabulary
        )
        data = (self.HEADER + rows).encode()
        expected = self._problems(read_objects, data, body=BODY)
        calls = self._objects_read(monkeypatch)
        assert expected == self._problems(read_ledger, data, body=BODY)
        assert calls == []
        assert [row for row, *_ in expected] == [3, 4, 6, 5]
        assert "the same identifier as row 2" in expected[-1][3]

    def test_a_row_with_two_problems_is_said_by_the_object_reading(self, monkeypatch):
        """Two bad cells in one row: their order is the object reading's own, read so."""
        rows = "P-1,2023-13-45,星际,罚款,200\nP-2,2023-08-02,交通,罚款,-5\n"
        data = (self.HEADER + rows).encode()
        expected = self._problems(read_objects, data, body=BODY)
        calls = self._objects_read(monkeypatch)
        assert expected == self._problems(read_ledger, data, body=BODY)
        assert calls == [1]
        assert [row for row, *_ in expected] == [2, 2, 3]

    @pytest.mark.parametrize(
        ("rows", "said"),
        [
            # Records of two years, no year given: the year is not given.
            ("P-1,2023-08-01,交通,罚款,200\nP-3,2024-03-02,交通,罚款,1\n", [None]),
            # With a bad row besides: the row's problem alone, as the object reading says.
            (
                "P-1,2023-08-01,交通,罚款,200\nP-2,2024-01-02,交通,罚款,-5\nP-3,2024-03-02,交通,罚款,1\n",
                [3],
            ),
        ],
    )
    def test_the_year_not_given(self, monkeypatch, rows, said):
        """The year no record gives alone: said as the object reading says it, without it."""
        data = (self.HEADER + rows).encode()
        expected = self._problems(read_objects, data, body=BODY)
        calls = self._objects_read(monkeypatch)
        assert expected == self._problems(read_ledger, data, body=BODY)
        assert calls == []
        assert [row for row, *_ in expected] == said

    @pytest.mark.parametrize("given", [{}, {"body": BODY}])
    @pytest.mark.parametrize(
        "rows",
        [
            # A fine that is no amount: the row is refused as it is read.
            "张三,自然人,古路罚2号,罚款,abc,2023-06-01,重庆市渝北区古路镇人民政府\n",
            # A name of zero-width characters: the record is refused, the row's body still
            # named (the object reading finds the bodies before it builds the record).
            "\u200b,自然人,古路罚2号,罚款,0.1,2023-06-01,某局\n",
        ],
    )
    def test_a_national_table_with_its_body_given_or_not(self, monkeypatch, given, rows):
        """A national table's problems, with the body it names or the one given: the object
        reading's, in its order, without it."""
        table = (
            "行政相对人名称,行政相对人类别,行政处罚决定书文号,处罚类别,罚款金额（万元）,处罚决定日期,处罚机关\n"
            "某某建材厂,法人及非法人组织,古路罚1号,罚款,0.68,2023-05-02,重庆市渝北区古路镇人民政府\n"
        ) + rows
        data = table.encode()
        expected = self._problems(read_objects, data, year=YEAR, **given)
        calls = self._objects_read(monkeypatch)
        assert expected == self._problems(read_ledger, data, year=YEAR, **given)
        assert calls == []
        assert expected[0][0] == 3


def test_lazy_records_of_their_class():
    """The licence applications of a licensing sheet are lazy, of their class."""
    application = LicenceApplication("L-1", dt.date(2023, 5, 2))
    data = table("licence_applications", [application])
    ledger = read_ledger(io.BytesIO(data), body=BODY)
    assert is_lazy(ledger.licence_applications)
    assert ledger.licence_applications.record is LicenceApplication
    assert ledger == read_objects(io.BytesIO(data), body=BODY)
    assert (application,) == ledger.licence_applications


class TestSmallCsvFilesByObjects:
    """A CSV file under COLUMN_ROAD_FROM bytes is read by objects: pyarrow's import costs more."""

    DATA = table("penalty_cases", [PenaltyCase("P-1", dt.date(2023, 5, 2), domain=Domain.TRAFFIC)])

    @pytest.mark.parametrize(
        ("road_from", "lazy_expected"), [(len(DATA), True), (len(DATA) + 1, False)]
    )
    def test_both_sides_of_the_size(self, monkeypatch, road_from, lazy_expected):
        """A file of exactly the size takes the column road; one byte short of it, not."""
        monkeypatch.setattr(_ledgers, "COLUMN_ROAD_FROM", road_from)
        ledger = read_ledger(io.BytesIO(self.DATA), body=BODY)
        assert lazy_expected == is_lazy(ledger.penalty_cases)
        assert read_objects(io.BytesIO(self.DATA), body=BODY) == ledger

    def test_the_size_of_a_path(self, monkeypatch, tmp_path):
        """A path is measured by its file; a file object from where it stands."""
        path = tmp_path / "penalties.csv"
        path.write_bytes(self.DATA)
        monkeypatch.setattr(_ledgers, "COLUMN_ROAD_FROM", len(self.DATA))
        assert is_lazy(read_ledger(path, body=BODY).penalty_cases)
        moved = io.BytesIO(b"x" + self.DATA)
        moved.seek(1)
        assert is_lazy(read_ledger(moved, body=BODY).penalty_cases)
        assert not is_lazy(
            read_ledger(tmp_path / "penalties.csv", body=BODY, sheet="penalties").penalty_cases
        )


def test_the_bodies_of_a_national_table_are_named_in_the_order_their_rows_read():
    """A refused row naming a body first (its number missing) does not set the bodies' order:
    the object reading meets them in the rows that read, and the column road names them so
    (Hypothesis found the column road naming them in the order of their codes)."""
    header = (
        "行政相对人名称,行政相对人代码_1 (统一社会信用代码),行政许可决定文书名称,"
        "行政许可决定文书号,许可内容,许可决定日期,许可机关"
    )
    rows = [
        "某某建材厂,91500112MA5U00010F,乡村建设规划许可证,,农村宅基地,2023/5/2,某局",
        "某某建材厂,91500112MA5U00010F,乡村建设规划许可证,古路罚1号,农村宅基地,2023/5/2,重庆市渝北区古路镇人民政府",
        "某某建材厂,91500112MA5U00010F,乡村建设规划许可证,古路罚2号,农村宅基地,2023/5/2,某局",
    ]
    data = "\r\n".join([header, *rows, ""]).encode()
    problems = []
    for read in (read_objects, read_ledger):  # read_ledger on the column road (the fixture)
        with pytest.raises(LoadError) as info:
            read(io.BytesIO(data))
        problems.append([(p.row, p.value) for p in info.value.problems])
    assert (None, "重庆市渝北区古路镇人民政府、某局") == problems[0][-1]
    assert problems[0] == problems[1]
