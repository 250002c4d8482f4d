"""The fast road of load_json (msgspec): the reference road's result, or no answer at all.

The fast road (``_fast_json.decode``) either returns the very document the reference
road builds, or ``None``, and ``load_json`` then takes the reference road. These tests
hold it to that on generated valid documents (it must answer, and answer equal), on
generated bad ones (a record's field replaced by a hostile value, removed, doubled,
an unknown field added: it must not answer, and ``load_json`` gives the same
problems with or without it), and on the mutants of the loading fuzzer.
"""

from __future__ import annotations

import builtins
import contextlib
import datetime as dt
import gc
import json
import typing
from contextlib import contextmanager
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any
from unittest import mock

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import enforcement_core as ec
import test_fuzz
from enforcement_core import LoadError, _fast_json, dump_json, load_json, serialization
from enforcement_core._validators import (
    apply_checks,
    at_most,
    checks,
    collecting,
    fail,
    identifier,
    money,
    optional,
    rule,
    text,
)
from enforcement_core.examples import _files, load_records
from enforcement_core.report import AnnualReport
from profiles import examples
from strategies import annual_reports, ledgers

if TYPE_CHECKING:
    from collections.abc import Iterator

FAST = serialization._FAST
GULU = dump_json(ec.examples.load_records("gulu-2023"))
#: The start of the body's name in GULU, where characters are put to be found.
NAME = '"name": "重庆市'
SETTINGS = settings(
    max_examples=examples(100),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@contextmanager
def reference_only() -> Iterator[None]:
    """load_json as it reads without msgspec: the reference road alone."""
    with mock.patch.object(_fast_json, "available", return_value=False):
        yield


def outcome(source: str | bytes) -> tuple[str, Any]:
    """What load_json makes of ``source``: the document, or its problems as (path, value, reason)."""
    try:
        return "loaded", load_json(source)
    except LoadError as error:
        return "refused", [(p.path, repr(p.value), p.message) for p in error.problems]


def keys_in(data: Any) -> int:
    """How many keys the objects of a parsed document hold, all levels."""
    if isinstance(data, dict):
        return len(data) + sum(keys_in(value) for value in data.values())
    if isinstance(data, list):
        return sum(keys_in(value) for value in data)
    return 0


def plainly_written(document: str) -> bool:
    """No escape and no '":' but at the end of a key: nothing the fast road leaves aside."""
    return "\\" not in document and document.count('":') == keys_in(json.loads(document))


# Bad records: a valid ledger's JSON with records broken in the ways real exports are.
RECORD_LISTS = ("licence_applications", "inspections", "penalty_cases", "coercive_actions")
BREAKS = ("replace", "replace", "delete", "unknown", "double", "double")


@st.composite
def bad_ledger_documents(draw: st.DrawFn) -> str:
    """A generated ledger's JSON with one to three of its records broken."""
    ledger = draw(ledgers(max_records=4))
    data = json.loads(dump_json(ledger))
    records = [(name, row) for name in RECORD_LISTS for row in data.get(name, [])]
    doubled: dict[str, str] = {}
    if records:
        for n in range(draw(st.integers(1, 3))):
            _, row = draw(st.sampled_from(records))
            field = draw(st.sampled_from(sorted(row)))
            way = draw(st.sampled_from(BREAKS))
            if way == "replace":
                row[field] = draw(st.sampled_from(test_fuzz.HOSTILE))
            elif way == "delete":
                del row[field]
            elif way == "unknown":
                row["colour"] = "red"
            else:
                # A repeated key cannot be held in a dict: a marker is written, then replaced.
                marker = f"__double_{n}__"
                doubled[f'"{marker}": "{field}"'] = (
                    f'"{field}": {json.dumps(row[field], ensure_ascii=False)}'
                )
                row[marker] = field
    document = json.dumps(data, ensure_ascii=False)
    for marker, repeated in doubled.items():
        document = document.replace(marker, repeated)
    return document


class TestSameResult:
    @SETTINGS
    @given(ledger=ledgers(), compact=st.booleans())
    def test_valid_ledgers_are_read_alike(self, ledger, compact):
        """A generated valid ledger: the fast road answers, with the reference's very ledger."""
        document = dump_json(ledger, indent=None if compact else 2)
        fast = FAST.decode(document)
        with reference_only():
            reference = load_json(document)
        assert ledger == reference
        if plainly_written(document):
            assert fast is not None
        if fast is not None:
            assert reference == fast
            assert type(reference) is type(fast)

    @SETTINGS
    @given(report=annual_reports())
    def test_valid_reports_are_read_alike(self, report):
        """A generated valid annual report: the same, for the other kind of document."""
        document = dump_json(report)
        fast = FAST.decode(document)
        with reference_only():
            reference = load_json(document)
        if plainly_written(document):
            assert fast is not None
        if fast is not None:
            assert reference == fast

    @SETTINGS
    @given(document=bad_ledger_documents())
    def test_bad_records_give_the_same_problems(self, document):
        """Records broken: the fast road never accepts what the reference refuses; same problems."""
        with reference_only():
            expected = outcome(document)
        if expected[0] == "refused":
            assert FAST.decode(document) is None
        assert expected == outcome(document)

    @SETTINGS
    @given(document=test_fuzz.mutants())
    def test_mutants_give_the_same_result(self, document):
        """The loading fuzzer's mutants: the same document or the same problems, road or not."""
        with reference_only():
            expected = outcome(document)
        if expected[0] == "refused":
            assert FAST.decode(document) is None
        assert expected == outcome(document)


class TestLeftToTheReference:
    """What the fast road leaves to the reference road, each beside a twin it takes."""

    def test_the_example_ledger_is_taken(self):
        """The gulu ledger, as dump_json writes it, is built on the fast road."""
        assert ec.examples.load_records("gulu-2023") == FAST.decode(GULU)

    def test_a_repeated_key_is_left(self):
        """A key written twice (msgspec keeps the last silently) is left, and named."""
        once = GULU.replace('"year": 2023', '"year": 2023, "published_on": "2024-01-20"', 1)
        twice = GULU.replace('"year": 2023', '"year": 2023, "year": 2023', 1)
        assert FAST.decode(once) is not None
        assert FAST.decode(twice) is None
        assert ("year", "'year'") == outcome(twice)[1][0][:2]

    def test_a_repeated_key_in_a_record_is_left(self):
        """The same, deep in a record: the count of keys differs by one."""
        data = json.loads(GULU)
        data["inspections"][0]["target"] = "x"
        plain = json.dumps(data, ensure_ascii=False)
        doubled = plain.replace('"target": "x"', '"target": "x", "target": "y"', 1)
        assert FAST.decode(plain) is not None
        assert FAST.decode(doubled) is None
        assert "inspections[0].target" == outcome(doubled)[1][0][0]

    def test_a_space_before_a_colon_is_taken(self):
        """White space between a key and its colon: the colons still count the keys."""
        spaced = GULU.replace('"year":', '"year" :', 1)
        assert load_records("gulu-2023") == FAST.decode(spaced)

    def test_a_repeated_key_after_a_space_is_left(self):
        """A key repeated with white space before its colon is not hidden from the count."""
        twice = GULU.replace('"year": 2023', '"year": 2023, "year" : 2023', 1)
        assert FAST.decode(twice) is None
        assert ("year", "'year'") == outcome(twice)[1][0][:2]

    def test_a_colon_in_a_text_is_taken(self, tmp_path):
        """A text holding a colon: the keys are counted one by one instead, and the document taken."""
        document = GULU.replace(NAME, f"{NAME[:-1]}10:30市", 1)
        path = tmp_path / "ledger.json"
        path.write_text(document, encoding="utf-8")
        assert FAST.decode(document) is not None
        assert outcome_reference(document) == ("loaded", FAST.decode(document))
        assert FAST.decode(document) == FAST.decode(document.encode()) == FAST.decode(path)

    @pytest.mark.parametrize("space", [" ", "\t", "\n", "\r\n"])
    def test_a_colon_in_a_text_and_a_spaced_repeated_key_are_left(self, space):
        """Counted one by one, a key with white space before its colon is left to the reference."""
        document = GULU.replace(NAME, f"{NAME[:-1]}10:30市", 1)
        twice = document.replace('"year": 2023', f'"year": 2023, "year"{space}: 2023', 1)
        spaced = document.replace('"year":', f'"year"{space}:', 1)
        for source in (twice, twice.encode(), spaced, spaced.encode()):
            assert FAST.decode(source) is None
        assert "refused" == outcome(twice)[0]
        assert outcome_reference(spaced) == outcome(spaced)

    @pytest.mark.parametrize(
        ("escape", "refused"), [("\\u0007", True), ("\\b", True), ("\\f", True), ("\\t", False)]
    )
    def test_escapes_that_may_hide_control_characters_are_left(self, escape, refused):
        """\\b, \\f and \\u escapes go to the reference road; \\t is text either way."""
        assert NAME in GULU
        document = GULU.replace(NAME, f"{NAME[:-1]}{escape}市", 1)
        assert (escape == "\\t") == (FAST.decode(document) is not None)
        assert refused == (outcome(document)[0] == "refused")

    @pytest.mark.parametrize("char", ["\x85", "\x7f", "\x9f", "\x01", "\x1f", "\t"])
    def test_control_characters_written_as_is_are_left(self, char):
        """A C0 or C1 control character in the text, as str or as UTF-8 bytes, is left and named."""
        document = GULU.replace(NAME, f"{NAME[:-1]}{char}市", 1)
        for source in (document, document.encode()):
            assert FAST.decode(source) is None
            assert "refused" == outcome(source)[0]

    def test_c2_as_part_of_other_characters_is_taken(self):
        """U+00A0 to U+00BF (C2 A0 to C2 BF in UTF-8) are not control characters."""
        document = GULU.replace(NAME, NAME[:-1] + "\u00b7市", 1)
        assert FAST.decode(document.encode()) is not None

    def test_a_refusal_inside_a_collecting_block_is_not_accepted(self):
        """Called where refusals are collected, not raised, an invalid record is still left."""
        data = json.loads(GULU)
        data["inspections"][0]["hazards"][0]["rectified_on"] = "2000-01-01"
        document = json.dumps(data, ensure_ascii=False)
        with collecting():
            assert FAST.decode(document) is None

    def test_a_wrong_kind_and_a_wrong_version_are_left(self):
        """kind= and schema_version are held as the reference holds them."""
        assert FAST.decode(GULU, ec.AnnualReport) is None
        assert FAST.decode(GULU, ec.Ledger) is not None
        assert FAST.decode(GULU.replace('"schema_version": 1', '"schema_version": 2')) is None
        assert "refused" == outcome(GULU.replace('"schema_version": 1', '"schema_version": 2'))[0]

    def test_a_huge_count_is_left(self):
        """An integer of more than 40 digits (the reference's limit) is left, even where it fits."""
        at_limit = GULU.replace('"year": 2023', '"year": ' + "9" * 40, 1)
        beyond = GULU.replace('"year": 2023', '"year": ' + "9" * 41, 1)
        assert FAST.decode(at_limit) is None  # refused by the ledger's year check
        assert FAST.decode(beyond) is None
        assert "refused" == outcome(beyond)[0]

    def test_units_nested_deeper_than_a_document_goes_are_left(self):
        """Units 60 deep take the reference road, which reads them; 3 deep are taken."""

        def nested(depth: int) -> dict[str, Any]:
            unit: dict[str, Any] = {"name": "科", "kind": "other"}
            for _ in range(depth):
                unit = {"name": "科", "kind": "other", "subunits": {"u": unit}}
            return unit

        for depth, taken in ((3, True), (60, False)):
            data = json.loads(GULU)
            data["units"]["enforcement_office"] = nested(depth)
            document = json.dumps(data, ensure_ascii=False)
            assert taken == (FAST.decode(document) is not None)
            assert outcome(document) == outcome_reference(document)

    def test_files_and_bytes_are_read(self, tmp_path):
        """A path, a str path and bytes (with a BOM) are read as load_json reads them."""
        path = tmp_path / "ledger.json"
        path.write_bytes(b"\xef\xbb\xbf" + GULU.encode())
        expected = ec.examples.load_records("gulu-2023")
        assert expected == FAST.decode(path)
        assert expected == FAST.decode(str(path))
        assert expected == FAST.decode(path.read_bytes())
        assert FAST.decode(tmp_path / "missing.json") is None


def outcome_reference(source: str) -> tuple[str, Any]:
    with reference_only():
        return outcome(source)


class TestWithoutMsgspec:
    def test_the_reference_road_reads_alone(self, monkeypatch):
        """Without msgspec installed, decode answers nothing and load_json reads as before."""
        real_import = builtins.__import__

        def no_msgspec(name: str, *args: Any, **kwargs: Any) -> Any:
            if name == "msgspec" or name.startswith("msgspec."):
                raise ImportError(name)
            return real_import(name, *args, **kwargs)

        monkeypatch.delitem(__import__("sys").modules, "msgspec", raising=False)
        monkeypatch.setattr(builtins, "__import__", no_msgspec)
        assert not _fast_json.available()
        assert FAST.decode(GULU) is None
        assert ec.examples.load_records("gulu-2023") == load_json(GULU)


# One declaration: a class the plan has never seen is read from its attrs fields alone.


class Colour(Enum):
    RED = "red"
    BLUE = "blue"


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class Part:
    id: str = attrs.field(metadata=checks(identifier()))
    price: Decimal | None = attrs.field(default=None, metadata=checks(optional(money())))


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class Thing:
    name: str = attrs.field(metadata=checks(text()))
    made_on: dt.date
    colour: Colour = Colour.RED
    count: int = 0
    parts: tuple[Part, ...] = ()
    labels: dict[str, int] = attrs.field(factory=dict)


class TestOneDeclaration:
    def plan(self) -> Any:
        return _fast_json._Plan({"thing": Thing}, FAST.hooks)

    def test_a_new_class_is_read_from_its_fields(self):
        """Structures and builders come from the attrs class: its fields, defaults, checks."""
        plan = self.plan()
        top = plan.decoder.decode(
            '{"schema_version": 1, "document": "thing", "name": "钻", "made_on": "2023-05-01",'
            ' "colour": "blue", "parts": [{"id": "p-1", "price": "1.50"}], "labels": {"a": 2}}'
        )
        keys = [2]
        thing = plan.builders[Thing](top, 1, keys)
        expected = Thing(
            name="钻",
            made_on=dt.date(2023, 5, 1),
            colour=Colour.BLUE,
            parts=(Part(id="p-1", price=Decimal("1.50")),),
            labels={"a": 2},
        )
        assert expected == thing
        assert 2 + 5 + 2 + 1 == keys[0]

    def test_a_new_class_keeps_its_checks(self):
        """A value its check refuses (sub-fen money) is refused on the fast road too."""
        plan = self.plan()
        top = plan.decoder.decode(
            '{"schema_version": 1, "document": "thing", "name": "钻", "made_on": "2023-05-01",'
            ' "parts": [{"id": "p-1", "price": "1.505"}]}'
        )
        with pytest.raises(ec.InvariantError, match="more than two decimal places"):
            plan.builders[Thing](top, 1, [2])

    def test_an_unknown_kind_of_field_is_said(self):
        """A field of a type the fast road cannot read is named when the plan is made."""

        @attrs.frozen
        class Odd:
            when: dt.datetime

        with pytest.raises(TypeError, match="no fast reading of <class 'datetime.datetime'>"):
            _fast_json._Plan({"odd": Odd}, {})


class TestAModelTheFastRoadCannotRead:
    def test_every_document_takes_the_reference_road(self):
        """A field of a type with no fast reading leaves load_json reading on the reference road."""

        @attrs.frozen
        class Odd:
            when: dt.datetime

        reader = _fast_json.Reader({"odd": Odd}, FAST.hooks, 1)
        document = '{"schema_version": 1, "document": "odd", "when": "2023-01-01T00:00"}'
        assert reader.decode(document) is None
        assert reader.decode(document) is None  # and does not try to plan again
        assert reader._unreadable


class TestTypesReadOnce:
    """The model's and the structures' annotations are evaluated a class at a time."""

    def test_the_models_types_are_typings(self):
        """Every class of the model: the types typing.get_type_hints gives, one by one."""
        plan = _fast_json._Plan(serialization._DOCUMENTS, FAST.hooks)
        assert len(plan.names) > 20
        for cls in plan.names:
            assert typing.get_type_hints(cls) == _fast_json._type_hints(cls), cls

    def test_an_annotation_of_none_is_left_to_typing(self):
        """typing reads None as NoneType: such a class is left to it."""

        @attrs.frozen
        class Nothing:
            never: None
            count: int = 0

        assert {"never": type(None), "count": int} == _fast_json._type_hints(Nothing)

    def test_a_reference_within_a_type_is_left_to_typing(self):
        """A forward reference written within a type (tuple["Thing", ...]) is typing's to read."""

        @attrs.frozen
        class Held:
            parts: tuple[int, ...]
            inner: tuple["Thing", ...] = ()

        assert typing.get_type_hints(Held) == _fast_json._type_hints(Held)
        assert tuple[Thing, ...] == _fast_json._type_hints(Held)["inner"]

    def test_the_structures_hold_types_not_text(self):
        """msgspec is given each structure's types evaluated, not a text to compile."""
        plan = _fast_json._Plan(serialization._DOCUMENTS, FAST.hooks)
        structs = [plan.namespace[name] for name in plan.structs.values()]
        for struct in [*structs, *plan.tops]:
            assert struct.__annotations__
            assert not any(isinstance(tp, str) for tp in struct.__annotations__.values())


class TestBuildersMadeAtFirstUse:
    """A builder's code is generated and compiled when a document first needs it."""

    def report_plan(self) -> Any:
        return _fast_json._Plan({"annual_report": AnnualReport}, FAST.hooks)

    def test_a_plan_compiles_no_builder(self):
        """Making the plan of the whole model compiles none of its builders."""
        plan = _fast_json._Plan(serialization._DOCUMENTS, FAST.hooks)
        assert [] == plan.code
        assert len(plan.names) > 20

    def test_a_report_compiles_the_builders_it_uses_once(self):
        """Reading an example compiles the builders of its classes alone, and only the first time."""
        plan = self.report_plan()
        text = _files().joinpath("gulu-2023.json").read_bytes()
        report = plan.builders[AnnualReport](plan.decoder.decode(text), 1, [2])
        compiled = len(plan.code)
        # gulu-2023 states no coercion, review nor stated changes: their builders wait.
        assert 1 < compiled < len(plan.names)
        assert report == load_json(text, AnnualReport)
        assert plan.builders[AnnualReport](plan.decoder.decode(text), 1, [2]) == report
        assert compiled == len(plan.code)

    def test_every_builder_of_the_model_compiles(self):
        """Each class's builder generates and compiles, though no document has used it yet."""
        plan = _fast_json._Plan(serialization._DOCUMENTS, FAST.hooks)
        for cls, name in plan.names.items():
            built = plan._generated(cls)
            assert built is plan.builders[cls] is plan.env[name]
            assert name == built.__name__
        assert len(plan.names) == len(plan.code)

    def test_how_a_builder_builds_is_decided_with_the_plan(self):
        """A plan made while every class is to be called keeps calling them, compiled later."""
        document = dump_json(load_records("gulu-2023"), indent=None)
        assert CALLING.decode(document) == FAST.decode(document)
        assert CALLING._plan is not None
        assert CALLING._plan.code
        assert all("(**kw)" in source for source in CALLING._plan.code)
        assert any("_new(" in source for source in FAST.plan().code)


# The builders that set a plain class's fields themselves, beside the ones that call the class.


def calling_reader() -> _fast_json.Reader:
    """A fast road whose builders all call their class, as it built every object before."""
    reader = _fast_json.Reader(serialization._DOCUMENTS, FAST.hooks, FAST.version)
    with mock.patch.object(_fast_json, "_built_directly", return_value=False):
        reader.plan()
    return reader


CALLING = calling_reader()

#: Records that break a rule between two of their fields, each beside a twin that keeps it.
CROSSED = {
    "licence_applications": [
        ({"applied_on": "2023-05-02", "decision": "granted"}, False),
        ({"applied_on": "2023-05-02", "decided_on": "2023-05-03"}, False),
        ({"applied_on": "2023-05-02", "decision": "granted", "decided_on": "2023-05-01"}, False),
        ({"applied_on": "2023-05-02", "accepted": False, "decision": "refused"}, False),
        ({"applied_on": "2023-05-02", "decision": "granted", "decided_on": "2023-05-02"}, True),
    ],
    "inspections": [
        (
            {
                "inspected_on": "2023-05-02",
                "target": "店",
                "area": "other",
                "hazards": [{"id": "H-x", "found_on": "2023-05-01"}],
            },
            False,
        ),
        (
            {
                "inspected_on": "2023-05-02",
                "target": "店",
                "area": "other",
                "hazards": [{"id": "H-x", "found_on": "2023-05-02", "rectified_on": "2023-05-01"}],
            },
            False,
        ),
        (
            {
                "inspected_on": "2023-05-02",
                "target": "店",
                "area": "other",
                "hazards": [{"id": "H-x", "found_on": "2023-05-02", "rectified_on": "2023-05-02"}],
            },
            True,
        ),
    ],
    "penalty_cases": [
        (
            {
                "decided_on": "2023-05-02",
                "domain": "traffic",
                "sanctions": ["warning"],
                "fine": "10",
            },
            False,
        ),
        ({"decided_on": "2023-05-02", "domain": "traffic", "sanctions": ["fine", "fine"]}, False),
        ({"decided_on": "2023-05-02", "domain": "traffic", "confiscation": "10"}, False),
        (
            {"decided_on": "2023-05-02", "domain": "traffic", "sanctions": ["fine"], "fine": "10"},
            True,
        ),
    ],
    "coercive_actions": [
        ({"taken_on": "2023-05-02", "measure": "sealing", "execution": True}, False),
        ({"taken_on": "2023-05-02"}, False),
        ({"taken_on": "2023-05-02", "execution": True}, True),
    ],
}


@st.composite
def crossed_ledger_documents(draw: st.DrawFn) -> tuple[str, bool]:
    """A generated ledger's JSON with one record added that breaks, or keeps, a cross-field rule."""
    data = json.loads(dump_json(draw(ledgers(max_records=3))))
    field = draw(st.sampled_from(sorted(CROSSED)))
    record, valid = draw(st.sampled_from(CROSSED[field]))
    rows = data.setdefault(field, [])
    rows.insert(draw(st.integers(0, len(rows))), {"id": "X-cross", **record})
    # The year of the generated ledger is any; the added record's dates are allowed in any.
    return json.dumps(data, ensure_ascii=False), valid


class TestBuiltDirectly:
    """The builders that set the fields themselves give what calling the class gives."""

    @SETTINGS
    @given(ledger=ledgers())
    def test_valid_ledgers_are_built_alike(self, ledger):
        """A generated valid ledger: the same objects as the class's own __init__ builds."""
        document = dump_json(ledger, indent=None)
        direct = FAST.decode(document)
        assert CALLING.decode(document) == direct
        if plainly_written(document):
            assert ledger == direct

    @SETTINGS
    @given(crossed=crossed_ledger_documents())
    def test_cross_field_rules_are_held(self, crossed):
        """A record breaking a rule between its fields is left, and refused alike; its twin is taken."""
        document, valid = crossed
        with reference_only():
            expected = outcome(document)
        assert valid == (expected[0] == "loaded")
        if plainly_written(document):
            assert valid == (FAST.decode(document) is not None)
        assert (CALLING.decode(document) is None) == (FAST.decode(document) is None)
        assert expected == outcome(document)

    @SETTINGS
    @given(document=st.one_of(bad_ledger_documents(), test_fuzz.mutants()))
    def test_bad_documents_are_left_alike(self, document):
        """Broken records and the fuzzer's mutants: both kinds of builder answer alike."""
        direct = FAST.decode(document)
        assert CALLING.decode(document) == direct

    def test_the_record_classes_are_built_directly(self):
        """Every record class of a ledger, and what they hold, is built without its __init__."""
        from enforcement_core.actions import Hazard, Party
        from enforcement_core.body import EnforcementBody
        from enforcement_core.categories import RECORD_GROUPS
        from enforcement_core.ledger import Ledger

        for cls in (*(group.record for group in RECORD_GROUPS), Hazard, Party):
            assert _fast_json._built_directly(cls), cls
        assert not _fast_json._built_directly(Ledger)  # its units go through a converter
        assert not _fast_json._built_directly(EnforcementBody)  # a default made from its name

    def test_equal_values_are_shared(self):
        """Two records given the same officers and date hold the same objects, not copies."""
        data = json.loads(GULU)
        first = data["penalty_cases"][0]
        data["penalty_cases"].append(first | {"id": "P-copy"})
        cases = FAST.decode(json.dumps(data, ensure_ascii=False)).penalty_cases
        assert cases[0].officers, "the example's case names its officers"
        assert cases[0].officers is cases[-1].officers
        assert cases[0].decided_on is cases[-1].decided_on
        assert all(not memory for memory in FAST.plan().memory)  # forgotten after the document


@attrs.frozen
class WithPostInit:
    size: int

    def __attrs_post_init__(self) -> None:
        pass


class TestWhatIsBuiltDirectly:
    """Only a class whose __init__ sets and validates its fields, nothing more, is built directly."""

    def test_a_plain_frozen_class(self):
        """Frozen, slotted, fields with defaults and factories: built directly."""

        @attrs.frozen
        class Plain:
            size: int
            parts: tuple[int, ...] = ()
            labels: dict[str, int] = attrs.field(factory=dict)

        assert _fast_json._built_directly(Plain)

    def test_a_class_whose_init_does_more(self):
        """A converter, a post-init, a kept hash, a default from self, a field not set by init."""

        @attrs.frozen
        class Converted:
            size: int = attrs.field(converter=int)

        @attrs.frozen(cache_hash=True)
        class Hashed:
            size: int

        @attrs.frozen
        class FromSelf:
            size: int
            twice: int = attrs.field(
                default=attrs.Factory(lambda self: self.size * 2, takes_self=True)
            )

        @attrs.frozen
        class NotInit:
            size: int
            later: int = attrs.field(init=False, default=0)

        for cls in (Converted, WithPostInit, Hashed, FromSelf, NotInit):
            assert not _fast_json._built_directly(cls), cls

    def test_a_class_not_frozen_or_not_slotted(self):
        """Setting through slots is what a frozen, slotted class's __init__ does; no other's."""

        @attrs.define
        class Mutable:
            size: int

        @attrs.frozen(slots=False)
        class Unslotted:
            size: int

        class Subclass(Thing):
            pass

        assert not _fast_json._built_directly(Mutable)
        assert not _fast_json._built_directly(Unslotted)
        assert not _fast_json._built_directly(Subclass)


COUNTED: list[object] = []
COMPARED: list[object] = []


def counted(value: object) -> str | None:
    COUNTED.append(value)
    return None if value != 13 else "unlucky"


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class Row:
    id: str = attrs.field(metadata=checks(identifier()))
    size: int = attrs.field(metadata=checks(rule("counted", counted)))
    most: int = attrs.field(default=0, metadata=checks(at_most("size")))

    @most.validator
    def _compared(self, _attribute: Any, value: object) -> None:
        COMPARED.append(value)


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class Rows:
    rows: tuple[Row, ...] = ()


ROWS = _fast_json.Reader({"rows": Rows}, FAST.hooks, 1)


def rows_document(*rows: str) -> str:
    return '{"schema_version": 1, "document": "rows", "rows": [' + ", ".join(rows) + "]}"


class TestChecksOncePerValue:
    def test_a_value_check_runs_once_per_distinct_value_and_a_comparison_per_object(self):
        """size's own check runs for 3 and 4 once each; most's comparison and method for every row."""
        COUNTED.clear()
        COMPARED.clear()
        document = rows_document(
            '{"id": "a", "size": 3}', '{"id": "b", "size": 3}', '{"id": "c", "size": 4, "most": 2}'
        )
        rows = ROWS.decode(document).rows
        assert [3, 4] == COUNTED
        assert [0, 0, 2] == COMPARED
        assert (Row(id="a", size=3), Row(id="b", size=3), Row(id="c", size=4, most=2)) == rows
        COUNTED.clear()
        ROWS.decode(document)
        assert [3, 4] == COUNTED  # nothing is held from one document to the next

    def test_a_refused_value_stops_the_road_and_is_not_held(self):
        """A value refused once stops at once; the next document checks it again."""
        COUNTED.clear()
        refused = rows_document('{"id": "a", "size": 13}', '{"id": "b", "size": 5}')
        assert ROWS.decode(refused) is None
        first = list(COUNTED)
        assert 13 in first
        assert 5 not in first  # the road stopped at the first refusal
        assert ROWS.decode(refused) is None
        assert first + first == COUNTED

    def test_a_comparison_refused_leaves_the_document(self):
        """most above size: refused per object, even when size and most were seen accepted."""
        ok = '{"id": "a", "size": 3, "most": 2}'
        assert ROWS.decode(rows_document(ok, '{"id": "b", "size": 2, "most": 2}')) is not None
        assert ROWS.decode(rows_document(ok, '{"id": "b", "size": 2, "most": 3}')) is None

    def test_a_check_that_swallows_exceptions_cannot_hide_a_refusal(self):
        """The refusal that stops the road is no Exception: a check's own except cannot catch it."""

        @attrs.frozen(kw_only=True, field_transformer=apply_checks)
        class Swallowing:
            size: int = attrs.field()

            @size.validator
            def _swallow(self, attribute: Any, value: object) -> None:
                # The trap tested: a check that catches every Exception around its refusal.
                with contextlib.suppress(Exception):
                    fail(self, attribute.name, value, "always refused")

        reader = _fast_json.Reader({"swallowing": Swallowing}, FAST.hooks, 1)
        with collecting() as refused:
            Swallowing(size=1)
        assert 1 == len(refused)
        assert reader.decode('{"schema_version": 1, "document": "swallowing", "size": 1}') is None


class TestCollector:
    """A document read is long-lived data: young collections do not walk it."""

    def test_a_document_read_is_in_the_oldest_generation(self):
        """Its objects are moved to the oldest generation as it is returned, not left young."""
        # No collection in between may move it: the collector stays off until the end.
        gc.disable()
        try:
            record = FAST.decode(GULU).penalty_cases[0]
            assert not any(tracked is record for tracked in gc.get_objects(generation=0))
            assert any(tracked is record for tracked in gc.get_objects(generation=2))
        finally:
            gc.enable()

    def test_a_small_document_is_left_young(self, monkeypatch):
        """A document below the size that moves it is left to young collections, which cost it little."""
        monkeypatch.setattr(_fast_json, "_PROMOTED_FROM", len(GULU) + 1)
        counted = []
        monkeypatch.setattr(gc, "get_freeze_count", lambda: counted.append(1) or 0)
        assert load_records("gulu-2023") == FAST.decode(GULU)
        assert [] == counted
        monkeypatch.setattr(_fast_json, "_PROMOTED_FROM", len(GULU))
        assert load_records("gulu-2023") == FAST.decode(GULU)
        assert [1] == counted

    def test_what_the_program_froze_stays_frozen(self):
        """With objects frozen by the program, nothing is moved: unfreezing would thaw them."""
        gc.freeze()
        try:
            assert load_records("gulu-2023") == FAST.decode(GULU)
            # Freezing then unfreezing would leave none frozen (some may have been freed).
            assert gc.get_freeze_count() > 0
        finally:
            gc.unfreeze()
