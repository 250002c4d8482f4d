"""The named validators: each refusal, and the collecting mode loaders use."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import enforcement_core
from enforcement_core._validators import (
    Check,
    _invisible,
    a_count,
    a_date,
    apply_checks,
    at_most,
    checks,
    collecting,
    identifier,
    mapping_of,
    money,
    not_before,
    optional,
    parts_within,
    split_validator,
    text,
    tuple_of,
    unprintable,
)
from enforcement_core.actions import Hazard
from enforcement_core.errors import InvariantError


@attrs.frozen
class Holder:
    count: int = attrs.field(validator=a_count())
    amount: Decimal = attrs.field(default=Decimal(0), validator=money())
    name: str = attrs.field(default="x", validator=text())
    key: str = attrs.field(default="k", validator=identifier())
    day: dt.date = attrs.field(default=dt.date(2023, 1, 1), validator=a_date())


class TestCount:
    @pytest.mark.parametrize("value", [0, 1, 10**16 - 1])
    def test_accepts_whole_non_negative_numbers(self, value):
        """Zero and positive ints are counts."""
        assert value == Holder(value).count

    @pytest.mark.parametrize(
        ("value", "reason"),
        [
            (-1, "must not be negative, got -1"),
            (10**16, "10000000000000000 is above the largest count, 9999999999999999"),
            (True, "must be a whole number (int), not bool True"),
            (1.0, "must be a whole number (int), not float 1.0"),
            ("12", "must be a whole number (int), not str '12'"),
            # Past the digits Python writes (4,300): named by its length, not a ValueError.
            pytest.param(
                10**5000,
                "a number of about 5001 digits is above the largest count, 9999999999999999",
                id="5001 digits",
            ),
            pytest.param(
                -(10**5000),
                "must not be negative, got a negative number of about 5001 digits",
                id="-5001 digits",
            ),
        ],
    )
    def test_refuses_what_is_not_a_count(self, value, reason):
        """Negative numbers, booleans, floats and strings are refused with the value named."""
        with pytest.raises(InvariantError) as info:
            Holder(value)
        assert (info.value.owner, info.value.field, info.value.value) == ("Holder", "count", value)
        assert f"Holder.count: {reason}" == str(info.value)


class TestMoney:
    @pytest.mark.parametrize("value", ["0", "0.01", "6800", "6800.5", "6800.500", "1E+3"])
    def test_accepts_amounts_exact_to_the_fen(self, value):
        """Whole yuan, jiao and fen are money, however many zeros are written."""
        assert Decimal(value) == Holder(0, Decimal(value)).amount

    @pytest.mark.parametrize(
        ("value", "reason"),
        [
            (Decimal("6800.001"), "6800.001 has more than two decimal places"),
            (Decimal("-0.01"), "must not be negative, got -0.01"),
            (Decimal("NaN"), "must be a finite amount, got NaN"),
            (Decimal("Infinity"), "must be a finite amount, got Infinity"),
            (6800.5, "a float cannot hold money exactly; use Decimal('6800.5')"),
            (6800, "must be a Decimal amount in yuan, not int 6800"),
        ],
    )
    def test_refuses_what_is_not_exact_money(self, value, reason):
        """Sub-fen, negative, non-finite and float amounts are refused."""
        with pytest.raises(InvariantError, match=reason.replace("(", r"\(").replace(")", r"\)")):
            Holder(0, value)


class TestText:
    @pytest.mark.parametrize("value", ["", " ", "\t\n"])
    def test_refuses_blank_names(self, value):
        """A name must say something."""
        with pytest.raises(InvariantError, match="Holder.name: must not be empty"):
            Holder(0, name=value)

    def test_accepts_a_single_character(self):
        """One character is enough."""
        assert "镇" == Holder(0, name="镇").name


class TestIdentifier:
    @pytest.mark.parametrize("value", ["a", "INS-2023-0001", "综合办", "o_1"])
    def test_accepts_identifiers(self, value):
        """Letters, digits, hyphens, underscores and Chinese make identifiers."""
        assert value == Holder(0, key=value).key

    @pytest.mark.parametrize("value", ["", "a b", "a.b", "a[0]"])
    def test_refuses_what_would_break_a_path(self, value):
        """Blank, spaces, dots and brackets are refused: identifiers become path segments."""
        with pytest.raises(InvariantError, match="is not an identifier"):
            Holder(0, key=value)


class TestPrintableShortcut:
    """Text and identifiers accept a printable value in one call; the long checks must agree."""

    def test_a_printable_character_is_never_refused_by_the_long_checks(self):
        """Over every code point: printable means not invisible (but the space), not unprintable."""
        for code in range(0x110000):
            char = chr(code)
            if char.isprintable() and char != " ":
                assert not _invisible(char), hex(code)
                assert unprintable(char) is None, hex(code)

    @pytest.mark.parametrize(
        ("value", "refused"),
        [
            ("古路镇", None),
            ("a\u00a0b", None),  # a no-break space is not printable: the long checks accept it
            ("\u200b", "shows nothing"),
            ("a\x85b", r"control character U\+0085"),
            ("a\u2028", None),
        ],
    )
    def test_values_the_shortcut_passes_by_are_still_checked(self, value, refused):
        """What is not printable goes through the long checks, which accept or refuse it."""
        if refused is None:
            assert value == Holder(0, name=value).name
        else:
            with pytest.raises(InvariantError, match=refused):
                Holder(0, name=value)


class TestDate:
    def test_refuses_a_datetime(self):
        """A datetime carries a time the model has no place for."""
        with pytest.raises(InvariantError, match="must be a datetime.date, not datetime"):
            Holder(0, day=dt.datetime(2023, 1, 1, tzinfo=dt.UTC))


class TestCollecting:
    def test_records_every_refusal_instead_of_raising(self):
        """Inside collecting(), construction goes on and every refusal is recorded."""
        with collecting() as refused:
            Holder(-1, Decimal("0.001"), name="")
        assert ["count", "amount", "name"] == [error.field for error in refused]

    def test_raises_again_outside(self):
        """Outside the block, the first refusal raises."""
        with collecting():
            pass
        with pytest.raises(InvariantError):
            Holder(-1)


class TestBreakdowns:
    def test_reads_the_declared_breakdowns(self):
        """The invariants declare which parts break down which total, and say so."""
        from enforcement_core._validators import Breakdown, breakdowns
        from enforcement_core.figures import HazardFigures, PenaltyFigures

        assert Breakdown("by_domain", "cases", "cases", subset=False) in breakdowns(PenaltyFigures)
        assert Breakdown("by_procedure", "cases", None, subset=False) in breakdowns(PenaltyFigures)
        assert (Breakdown("supervised", "found", None, subset=True),) == breakdowns(HazardFigures)

    def test_a_class_without_breakdowns(self):
        """A class with no breakdown declares none."""
        from enforcement_core._validators import breakdowns

        assert () == breakdowns(Holder)


class TestDeclaredChecks:
    def test_checks_in_metadata_become_the_validator(self):
        """A field's declared checks run, before any @field.validator method."""
        from enforcement_core._validators import apply_checks, checks

        calls = []

        @attrs.frozen(field_transformer=apply_checks)
        class Declared:
            count: int = attrs.field(metadata=checks(a_count()))

            @count.validator
            def _after(self, _attribute, value):
                calls.append(value)

        with pytest.raises(InvariantError, match="Declared.count: must not be negative"):
            Declared(-1)
        assert [] == calls
        Declared(3)
        assert [3] == calls

    def test_declared_checks_are_readable(self):
        """declared_checks gives a field's checks with optional() unwrapped."""
        from enforcement_core._validators import declared_checks
        from enforcement_core.figures import PenaltyFigures

        by_domain = attrs.fields(PenaltyFigures).by_domain
        assert ["mapping_of", "parts_within", "parts_within"] == [
            check.kind for check in declared_checks(by_domain)
        ]
        assert ["count"] == [c.kind for c in declared_checks(attrs.fields(PenaltyFigures).cases)]

    def test_every_declaring_class_applies_its_checks(self):
        """A model class that declares checks is built with apply_checks, or they would not run."""
        import importlib
        import pkgutil

        import enforcement_core
        from enforcement_core._validators import declared_checks

        unapplied = []
        for info in pkgutil.walk_packages(enforcement_core.__path__, "enforcement_core."):
            if info.name.endswith(("plots", "dataframes", "cli", "__main__")):
                continue
            module = importlib.import_module(info.name)
            for cls in vars(module).values():
                if isinstance(cls, type) and attrs.has(cls) and cls.__module__ == info.name:
                    unapplied.extend(
                        f"{cls.__name__}.{field.name}"
                        for field in attrs.fields(cls)
                        if declared_checks(field) and field.validator is None
                    )
        assert [] == unapplied


class TestTupleOf:
    def test_names_the_refused_item(self):
        """The index of the refused item is in the error's field; accepted items cost no name."""
        from enforcement_core._validators import tuple_of

        @attrs.frozen
        class Holder2:
            ids: tuple[str, ...] = attrs.field(validator=tuple_of(identifier()))

        with collecting() as refused:
            Holder2(("a", "b c", "d", "e.f"))
        assert ["ids[1]", "ids[3]"] == [error.field for error in refused]


class TestFrozenMap:
    def test_mappings_are_frozen_by_the_converter(self):
        """A dict given to a breakdown is held as a read-only mapping, equal to the dict."""
        from enforcement_core._mapping import FrozenMap
        from enforcement_core.actions import SupervisionLevel
        from enforcement_core.figures import HazardFigures

        given = {SupervisionLevel.DIVISION: 6}
        hazards = HazardFigures(found=10, supervised=given)
        given[SupervisionLevel.SECTION] = 1
        assert isinstance(hazards.supervised, FrozenMap)
        assert {SupervisionLevel.DIVISION: 6} == hazards.supervised

    def test_what_is_not_a_mapping_is_refused_not_converted(self):
        """The converter leaves a non-mapping alone for the check to refuse with a message."""
        from enforcement_core.figures import HazardFigures

        with pytest.raises(InvariantError, match="supervised: must be a mapping, not list"):
            HazardFigures(supervised=[("division", 6)])


class TestIdentifierPattern:
    """The identifier check's one rule, named for the schema and the columnar path to read."""

    @pytest.mark.parametrize(
        ("value", "accepted"),
        [
            ("P-1", True),
            ("古路罚〔2023〕1号", True),
            ("P 1", False),
            ("a.b", False),
            ("[0]", False),
        ],
    )
    def test_the_pattern_is_the_checks_rule(self, value, accepted):
        """A value fully matching IDENTIFIER_PATTERN is one the identifier check takes, and only such."""
        import re

        from enforcement_core._validators import IDENTIFIER_PATTERN, identifier

        assert accepted == bool(re.fullmatch(IDENTIFIER_PATTERN, value))
        assert accepted == (identifier().reason(None, value) is None)


class TestPlainlyPasses:
    """A check's fast path for bulk readers lets through only what its reason accepts."""

    @pytest.mark.parametrize(
        ("value", "plain"),
        [
            (Decimal("999999999999.99"), True),  # the largest amount
            (Decimal(1000000000000), False),  # one fen... a yuan above it: 13 digits
            (Decimal("0.01"), True),
            (Decimal("0.001"), False),  # below the fen
            (Decimal("1E+2"), True),
            (Decimal("-0"), False),
            (Decimal(-1), False),
            (Decimal("NaN"), False),
            (1.5, False),
        ],
    )
    def test_money(self, value, plain):
        """Plain amounts are Decimals to the fen up to the largest; each plain one passes the check."""
        from enforcement_core._validators import money

        assert plain == money().plainly_passes(value)
        if plain:
            assert money().reason(None, value) is None

    @pytest.mark.parametrize(
        ("value", "plain"),
        [
            ("古路罚〔2023〕1号", True),
            ("P-1", True),
            ("P 1", False),
            ("a.b", False),
            ("\u200b", False),  # zero-width: the check refuses it as showing nothing
            ("\u202eP1", False),
        ],
    )
    def test_identifier_pattern(self, value, plain):
        """Text matching the identifier's plain pattern (in Arrow's RE2) is text the check accepts."""
        from enforcement_core._validators import identifier

        pc = pytest.importorskip("pyarrow.compute")
        pa = pytest.importorskip("pyarrow")
        pattern = identifier().plain_pattern
        assert pattern is not None
        matched = pc.match_substring_regex(pa.array([value]), pattern)[0].as_py()
        assert plain == matched
        if plain:
            assert identifier().reason(None, value) is None

    def test_a_check_without_a_fast_path_is_never_sure(self):
        """The base check's fast path says nothing is plain: the reader asks reason() for each."""
        from enforcement_core._validators import a_count

        assert a_count().plainly_passes(3) is False
        assert a_count().plain_pattern is None


# A maintainer's whole change to add a check: the check, in _validators.py, and its
# declaration on a field, exactly as docs/architecture.md shows. Here: a penalty case's
# number at most 40 characters long.
_NEW_CHECK = '''


class _AtMostCharacters(Check):
    __slots__ = ("limit",)
    kind = "at_most_characters"

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def reason(self, instance: object, value: Any) -> str | None:  # noqa: ARG002
        if isinstance(value, str) and len(value) > self.limit:
            return f"is {len(value)} characters long, above {self.limit}"
        return None

    def json_schema(self) -> dict[str, Any]:
        return {"maxLength": self.limit}


def at_most_characters(limit: int) -> Check:
    """Text of at most ``limit`` characters."""
    return _AtMostCharacters(limit)
'''

# What the check must then do on every path, without another line changed.
_RUN_THE_CHECK = """
import datetime as dt
import io
import json

import enforcement_core as ec
from enforcement_core.actions import Domain, PenaltyCase
from enforcement_core.schema import json_schema
from enforcement_core.tables import read_columnar

body = ec.examples.load("gulu-2023").body
out = {"file": ec.__file__}
long_id, longest_id = "P" * 41, "P" * 40
try:
    PenaltyCase(long_id, dt.date(2023, 5, 1), domain=Domain.TRAFFIC)
except ec.InvariantError as error:
    out["construction"] = str(error)
out["boundary"] = PenaltyCase(longest_id, dt.date(2023, 5, 1), domain=Domain.TRAFFIC).id

document = json.loads(ec.dump_json(ec.Ledger(body=body, year=2023)))
document["penalty_cases"] = [
    {"id": long_id, "decided_on": "2023-05-01", "domain": "traffic"},
    {"id": longest_id, "decided_on": "2023-05-02", "domain": "traffic"},
]
try:
    ec.load_json(json.dumps(document))
except ec.LoadError as error:
    out["load_json"] = [[p.path, p.message] for p in error.problems]

sheet = "编号,决定日期,执法领域,处罚种类,罚款金额（元）\\n"
sheet += long_id + ",2023-05-01,交通,罚款,200\\n" + longest_id + ",2023-05-02,交通,罚款,200\\n"
for name, read in (("read_ledger", ec.read_ledger), ("read_columnar", read_columnar)):
    try:
        read(io.BytesIO(sheet.encode()), body=body, year=2023)
    except ec.LoadError as error:
        out[name] = [[p.row, p.header, p.message] for p in error.problems]

case = json_schema(ec.Ledger)["$defs"]["PenaltyCase"]["properties"]["id"]
out["schema"] = case
print(json.dumps(out, ensure_ascii=False))
"""


def _add_the_check(src: Path) -> None:
    package = src / "enforcement_core"
    validators = package / "_validators.py"
    validators.write_text(validators.read_text(encoding="utf-8") + _NEW_CHECK, encoding="utf-8")
    actions = package / "actions.py"
    text = actions.read_text(encoding="utf-8")
    start = text.index("class PenaltyCase")
    declared = "    id: str = attrs.field(metadata=checks(identifier()))\n"
    at = text.index(declared, start)
    text = (
        text[:at]
        + "    id: str = attrs.field(metadata=checks(identifier(), at_most_characters(40)))\n"
        + text[at + len(declared) :]
    )
    text = text.replace(
        "from enforcement_core._validators import (\n",
        "from enforcement_core._validators import (\n    at_most_characters,\n",
        1,
    )
    actions.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def new_check(tmp_path_factory):
    """What a package with a new check declared on PenaltyCase.id does, run in a copy."""
    src = tmp_path_factory.mktemp("copy") / "src"
    shutil.copytree(Path(enforcement_core.__file__).parent, src / "enforcement_core")
    _add_the_check(src)
    env = {**os.environ, "PYTHONPATH": str(src)}
    result = subprocess.run(
        [sys.executable, "-c", _RUN_THE_CHECK],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert 0 == result.returncode, result.stderr
    return json.loads(result.stdout)


class TestAddingACheck:
    """A check is one class and its declaration: every path and the schema take it up."""

    REASON = "is 41 characters long, above 40"

    def test_the_copy_is_what_runs(self, new_check):
        """The checks ran against the changed copy, not the installed package."""
        assert str(Path(enforcement_core.__file__).parent) not in new_check["file"]

    def test_construction_refuses_and_the_boundary_passes(self, new_check):
        """41 characters are refused with the check's reason; 40 are accepted."""
        assert f"PenaltyCase.id: {self.REASON}" == new_check["construction"]
        assert "P" * 40 == new_check["boundary"]

    def test_load_json_names_the_path(self, new_check):
        """load_json refuses the first case at its path with the check's reason, and only it."""
        assert [["penalty_cases[0].id", self.REASON]] == new_check["load_json"]

    def test_both_table_paths_refuse_the_same_cell(self, new_check):
        """read_ledger and read_columnar refuse row 2's 编号 alike, with the check's reason."""
        assert new_check["read_ledger"] == new_check["read_columnar"]
        assert [[2, "编号", self.REASON]] == new_check["read_ledger"]

    def test_the_schema_says_it(self, new_check):
        """The JSON Schema of the ledger carries the check's keyword beside the identifier's."""
        assert 40 == new_check["schema"]["maxLength"]
        assert r"^[^\s.\[\]]+$" == new_check["schema"]["pattern"]


class TestDecidesByValue:
    """Which checks a loader may run once per distinct value: those that never read the instance."""

    @pytest.mark.parametrize(
        "check",
        [a_count(), money(), text(), identifier(), a_date()],
        ids=lambda check: check.kind,
    )
    def test_checks_of_one_value(self, check):
        """The checks of a value alone say so."""
        assert check.decides_by_value()

    @pytest.mark.parametrize(
        ("check", "by_value"),
        [
            (optional(money()), True),
            (optional(at_most("found")), False),
            (tuple_of(identifier()), True),
            (tuple_of(not_before("found_on")), False),
            (mapping_of(identifier(), a_count()), True),
            (mapping_of(identifier(), at_most("found")), False),
            (mapping_of(at_most("found"), a_count()), False),
        ],
        ids=repr,
    )
    def test_a_wrapper_decides_as_what_it_wraps(self, check, by_value):
        """optional, tuple_of and mapping_of decide by the value when all they wrap does."""
        assert by_value == check.decides_by_value()

    @pytest.mark.parametrize(
        "check",
        [at_most("found"), not_before("found_on"), parts_within("total")],
        ids=lambda check: check.kind,
    )
    def test_comparisons_with_other_fields_do_not(self, check):
        """A check that reads another field of the instance is never held per value."""
        assert not check.decides_by_value()

    def test_a_check_reading_the_instance_is_not_by_value_by_default(self):
        """A new kind of check is per object unless it says otherwise."""

        class Reads(Check):
            __slots__ = ()

            def reason(self, instance, value):
                return None if value == instance.other else "differs"

        assert not Reads().decides_by_value()


class TestSplitValidator:
    """A field's validator split into its parts by the value alone and the rest."""

    def test_declared_checks_and_a_method(self):
        """all_of and attrs' and_ are opened; the class's own method is kept whole, in the rest."""

        @attrs.frozen(field_transformer=apply_checks)
        class Split:
            found: int = attrs.field(metadata=checks(a_count()))
            rectified: int = attrs.field(metadata=checks(a_count(), at_most("found")))

            @rectified.validator
            def _odd(self, _attribute, value):
                pass

        alone, rest = split_validator(attrs.fields(Split).rectified.validator)
        assert (a_count(),) == alone
        assert [at_most("found").kind, "_odd"] == [
            getattr(part, "kind", None) or part.__name__ for part in rest
        ]
        assert ((a_count(),), ()) == split_validator(attrs.fields(Split).found.validator)

    def test_calling_every_part_is_calling_the_validator(self):
        """The parts, called in turn, refuse what the validator refuses, and nothing else."""
        field = attrs.fields(Hazard).rectified_on
        alone, rest = split_validator(field.validator)
        hazard = Hazard("H-1", dt.date(2023, 5, 2))
        for value in (dt.date(2023, 5, 1), dt.date(2023, 5, 2), dt.date(2023, 5, 3), None):
            with collecting() as whole:
                field.validator(hazard, field, value)
            with collecting() as parts:
                for part in (*alone, *rest):
                    part(hazard, field, value)
            assert [e.reason for e in whole] == [e.reason for e in parts]

    def test_none_and_an_unknown_validator(self):
        """No validator has no parts; a plain function is one part, never looked inside."""

        def plain(_instance, _attribute, _value):
            pass

        assert ((), ()) == split_validator(None)
        assert ((), (plain,)) == split_validator(plain)


class TestCollectingInto:
    def test_a_given_list_records_the_refusals(self):
        """collecting(sink) records into the list given, which a loader can make stop at the first."""

        class Stop(list):
            def append(self, item):
                raise LookupError(item.field)

        mine: list[InvariantError] = []
        with collecting(mine) as refused:
            Holder(-1, name="")
        assert refused is mine
        assert ["count", "name"] == [error.field for error in mine]
        with collecting(Stop()), pytest.raises(LookupError, match="count"):
            Holder(-1, name="")
