"""The JSON Schema of the documents: generated from the model, shipped, and true to the loader."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from importlib import resources
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given

import enforcement_core as ec
from enforcement_core import AnnualReport, Ledger, LoadError, _validators, dump_json, load_json
from enforcement_core import schema as sch
from strategies import annual_reports, ledgers

KINDS = {"annual_report": AnnualReport, "ledger": Ledger}
#: The modules of the model, whose attrs classes the schema describes.
MODEL = (ec.body, ec.dimensions, ec.workforce, ec.actions, ec.figures, ec.report, ec.ledger)
REGENERATE = "python -m enforcement_core.schema"

GULU = json.loads(dump_json(ec.examples.load("gulu-2023")))
GULU_LEDGER = json.loads(dump_json(ec.examples.load_records("gulu-2023")))
BASES = {"annual_report": GULU, "ledger": GULU_LEDGER}


def validator(kind: str, *, formats: bool = True) -> jsonschema.Draft202012Validator:
    """A validator of the shipped schema of ``kind``, checking formats (dates) when asked."""
    checker = jsonschema.FormatChecker() if formats else None
    return jsonschema.Draft202012Validator(sch.load_schema(kind), format_checker=checker)


VALIDATORS = {kind: validator(kind) for kind in KINDS}

DELETE = object()


def changed(kind: str, path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    """The gulu document of ``kind`` with the value at ``path`` replaced (DELETE removes it)."""
    data = copy.deepcopy(BASES[kind])
    parent: Any = data
    for step in path[:-1]:
        parent = parent[step]
    if value is DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return data


def loads(kind: str, data: dict[str, Any]) -> object:
    """What load_json makes of ``data`` as a document of ``kind``."""
    return load_json(json.dumps(data, ensure_ascii=False), KINDS[kind])


def schema_errors(kind: str, data: object) -> list[str]:
    """The messages of the shipped schema about ``data``; empty when it validates."""
    return [error.message for error in VALIDATORS[kind].iter_errors(data)]


def refs(node: object) -> set[str]:
    """Every $ref below ``node``."""
    if isinstance(node, dict):
        found = {node["$ref"]} if "$ref" in node else set()
        return found.union(*(refs(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(refs(value) for value in node))
    return set()


class TestShippedFiles:
    @pytest.mark.parametrize("kind", sorted(KINDS))
    def test_the_shipped_schema_is_the_generated_one(self, kind):
        """The shipped file equals json_schema() of the model as it is now."""
        assert sch.json_schema(KINDS[kind]) == sch.load_schema(kind), (
            f"enforcement_core/schemas/{sch.SCHEMA_FILES[kind]} is stale: "
            f"the model changed; regenerate the schemas with `{REGENERATE}`"
        )

    def test_main_writes_exactly_the_shipped_files(self, tmp_path, capsys):
        """The generator writes UTF-8 JSON byte for byte as shipped, and says what it wrote."""
        assert 0 == sch.main([str(tmp_path)])
        shipped = resources.files("enforcement_core") / "schemas"
        for name in sch.SCHEMA_FILES.values():
            written = (tmp_path / name).read_bytes()
            assert (shipped / name).read_bytes() == written, f"regenerate with `{REGENERATE}`"
            assert written.endswith(b"}\n")
            assert "法制审核".encode() in written  # Chinese as UTF-8, not \u escapes
        assert [f"wrote {tmp_path / name}" for name in sch.SCHEMA_FILES.values()] == (
            capsys.readouterr().out.splitlines()
        )

    def test_the_module_runs_as_a_script(self, tmp_path):
        """`python -m enforcement_core.schema DIR` writes the files there."""
        done = subprocess.run(
            [sys.executable, "-m", "enforcement_core.schema", str(tmp_path)],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        assert sorted(sch.SCHEMA_FILES.values()) == sorted(p.name for p in tmp_path.iterdir())
        assert 2 == len(done.stdout.splitlines())

    def test_written_with_keys_in_generation_order(self):
        """The envelope comes first in the file, then the fields in the model's order."""
        text = resources.files("enforcement_core") / "schemas" / "annual_report.schema.json"
        keys = list(json.loads(text.read_text(encoding="utf-8"))["properties"])
        assert ["$schema", "schema_version", "document", "body", "year"] == keys[:5]


class TestLoadSchema:
    def test_files_for_every_kind_of_document(self):
        """SCHEMA_FILES names one file per document kind."""
        assert {
            "annual_report": "annual_report.schema.json",
            "ledger": "ledger.schema.json",
        } == dict(sch.SCHEMA_FILES)

    def test_unknown_kind(self):
        """An unknown kind is refused with the kinds there are."""
        with pytest.raises(LookupError, match="'annual_report', 'ledger'"):
            sch.load_schema("report")

    def test_a_new_dict_every_call(self):
        """Changing a loaded schema changes nothing for the next caller."""
        sch.load_schema("ledger")["title"] = "changed"
        assert "changed" != sch.load_schema("ledger")["title"]


class TestJsonSchema:
    @pytest.mark.parametrize("kind", sorted(KINDS))
    def test_is_a_valid_draft_2020_12_schema(self, kind):
        """The metaschema accepts the schema."""
        schema = sch.json_schema(KINDS[kind])
        jsonschema.Draft202012Validator.check_schema(schema)
        assert "https://json-schema.org/draft/2020-12/schema" == schema["$schema"]
        assert f"https://enforcement-core.invalid/schemas/{kind}-1.schema.json" == schema["$id"]

    @pytest.mark.parametrize("kind", sorted(KINDS))
    def test_envelope(self, kind):
        """schema_version 1 and the document kind are required constants."""
        schema = sch.json_schema(KINDS[kind])
        assert ["schema_version", "document"] == schema["required"][:2]
        assert 1 == schema["properties"]["schema_version"]["const"]
        assert kind == schema["properties"]["document"]["const"]

    @pytest.mark.parametrize("kind", sorted(KINDS))
    def test_the_description_sends_the_reader_to_load_json(self, kind):
        """The description says invariants are not checked here, and where they are."""
        description = sch.json_schema(KINDS[kind])["description"]
        assert "invariants between fields" in description
        assert "enforcement_core.load_json" in description

    @pytest.mark.parametrize("kind", sorted(KINDS))
    def test_one_closed_object_per_class(self, kind):
        """Every class is an object without extra keys, requiring the fields without default."""
        schema = sch.json_schema(KINDS[kind])
        classes = {
            cls.__name__: cls for module in MODEL for cls in vars(module).values() if attrs.has(cls)
        }
        objects = {name: d for name, d in schema["$defs"].items() if d.get("type") == "object"}
        envelope = ["schema_version", "document"]
        assert objects
        for name, definition in {**objects, KINDS[kind].__name__: schema}.items():
            fields = attrs.fields(classes[name])
            top = envelope if definition is schema else []
            named = ["$schema", *top] if definition is schema else []
            assert False is definition["additionalProperties"]
            assert [*named, *(f.name for f in fields)] == list(definition["properties"])
            required = [f.name for f in fields if f.default is attrs.NOTHING]
            assert [*top, *required] == definition.get("required", [])

    @pytest.mark.parametrize("kind", sorted(KINDS))
    def test_every_ref_is_defined_and_every_definition_used(self, kind):
        """$refs point into $defs, and $defs holds nothing unused."""
        schema = sch.json_schema(KINDS[kind])
        assert {f"#/$defs/{name}" for name in schema["$defs"]} == refs(schema)

    def test_vocabularies(self):
        """An enum is its values; a mapping keyed by it names it in propertyNames."""
        defs = sch.json_schema(AnnualReport)["$defs"]
        assert [level.value for level in ec.body.BodyLevel] == defs["BodyLevel"]["enum"]
        by_domain = defs["PenaltyFigures"]["properties"]["by_domain"]
        assert {"$ref": "#/$defs/Domain"} == by_domain["propertyNames"]
        assert {"$ref": "#/$defs/DomainPenalties"} == by_domain["additionalProperties"]

    def test_validators_narrow_the_types(self):
        """Counts, money, text, identifiers and fixed choices say what their validators say."""
        defs = sch.json_schema(Ledger)["$defs"]
        case = defs["PenaltyCase"]["properties"]
        assert {"type": "string", "pattern": r"^[^\s.\[\]]+$"} == case["officers"]["items"]
        assert {"type": "integer", "minimum": 0, "maximum": 999999999999} == case["fine"]["anyOf"][
            1
        ]
        assert {"type": "string", "minLength": 1, "pattern": r"\S"} == {
            key: value
            for key, value in defs["Party"]["properties"]["name"].items()
            if key != "description"
        }
        money_unit = defs["Conventions"]["properties"]["money_unit"]
        assert ["元", "万元", "亿元", "auto"] == money_unit["enum"]

    def test_keys_as_their_validators_say(self):
        """Identifier keys get the identifier pattern; figure paths (with dots) do not."""
        ledger = sch.json_schema(Ledger)
        assert r"^[^\s.\[\]]+$" == ledger["properties"]["units"]["propertyNames"]["pattern"]
        words = ledger["$defs"]["Conventions"]["properties"]["measure_words"]
        assert {"type": "string"} == words["propertyNames"]

    def test_descriptions_come_from_the_field_comments(self):
        """A field's `#:` comment is its description, lines joined, markup made plain."""
        schema = sch.json_schema(AnnualReport)
        rectified = schema["$defs"]["HazardFigures"]["properties"]["rectified"]
        assert "Hazards rectified (整改隐患); no more than found." == rectified["description"]
        assert schema["properties"]["other_actions"]["description"].endswith(
            "each with its count and money."
        )
        text = json.dumps(schema, ensure_ascii=False)
        assert ":class:" not in text
        assert "``" not in text

    @pytest.mark.parametrize("kind", sorted(KINDS))
    def test_defaults_are_valid_values(self, kind):
        """Every default stated in the schema is accepted by its own property."""
        schema = sch.json_schema(KINDS[kind])
        for definition in [schema, *schema["$defs"].values()]:
            for prop in definition.get("properties", {}).values():
                if "default" in prop:
                    check = {"$defs": schema["$defs"], **prop}
                    assert jsonschema.Draft202012Validator(check).is_valid(prop["default"])

    def test_a_new_dict_every_call(self):
        """The caller may change what json_schema returns."""
        sch.json_schema(AnnualReport)["$defs"]["Domain"]["enum"].append("space")
        assert "space" not in sch.json_schema(AnnualReport)["$defs"]["Domain"]["enum"]

    def test_refuses_what_is_not_a_document(self):
        """Only the classes of documents have a schema."""
        with pytest.raises(TypeError, match="no document is a"):
            sch.json_schema(ec.figures.HazardFigures)  # type: ignore[arg-type]

    def test_knows_every_kind_of_validator(self):
        """A new kind of named check makes a decision in the generator first."""
        mapped = {"count", "money", "text", "identifier", "one_of", "member_of", "year"}
        # Tuples, mappings and optional values hand their items to the checks they wrap.
        containers = {"optional", "tuple_of", "mapping_of", "all_of"}
        # Objects and dates are typed by the field; the others hold between fields.
        nothing_to_say = {
            "instance_of",
            "instance_of_own_class",
            "date",
            "at_most",
            "not_before",
            "parts_within",
            "dimensions_within",
            "rule",
        }
        assert mapped | containers | nothing_to_say == _validators.CHECK_KINDS, (
            "teach enforcement_core.schema the new kind of check"
        )

    def test_reads_declared_checks_not_attrs_internals(self):
        """The generator reads the checks a field declares, not attrs' validator wrappers."""
        import inspect

        source = inspect.getsource(sch)
        assert "_validators" not in source.replace("enforcement_core._validators", "")


class TestDocumentsValidate:
    @pytest.mark.parametrize("kind", sorted(KINDS))
    def test_the_built_in_example(self, kind):
        """The gulu-2023 report and its synthetic ledger validate."""
        assert [] == schema_errors(kind, BASES[kind])

    @given(annual_reports())
    def test_every_valid_report(self, report):
        """Every report the model accepts dumps to a document the schema accepts."""
        assert [] == schema_errors("annual_report", json.loads(dump_json(report)))

    # Drawing ledgers is what takes the time; four records of each kind show every shape.
    @given(ledgers(max_records=4))
    def test_every_valid_ledger(self, ledger):
        """Every ledger the model accepts dumps to a document the schema accepts."""
        assert [] == schema_errors("ledger", json.loads(dump_json(ledger)))

    @pytest.mark.parametrize(
        ("path", "value"),
        [
            pytest.param(("published_on",), None, id="null-for-an-optional-field"),
            pytest.param(("published_on",), DELETE, id="an-optional-field-left-out"),
            pytest.param(("penalty", "by_domain", "work_safety", "fines"), 6800, id="money-int"),
            pytest.param(("penalty", "by_domain", "work_safety", "fines"), "6800.50", id="fen"),
            pytest.param(
                ("penalty", "by_domain", "work_safety", "fines"), "6800.500", id="zeros-past-fen"
            ),
            pytest.param(("stated", "amount"), "0", id="a-stated-amount-of-nothing"),
            pytest.param(("stated", "amount"), "378100.50", id="a-stated-amount-to-the-fen"),
            pytest.param(("inspection", "visits"), 0, id="a-zero-count"),
        ],
    )
    def test_what_the_loader_accepts(self, path, value):
        """Edge values the loader accepts, the schema accepts too."""
        data = changed("annual_report", path, value)
        loads("annual_report", data)
        assert [] == schema_errors("annual_report", data)


FINES = ("penalty", "by_domain", "work_safety", "fines")


class TestShapeRefused:
    @pytest.mark.parametrize(
        ("kind", "path", "value"),
        [
            pytest.param("annual_report", ("year",), "2023", id="a-string-for-a-count"),
            pytest.param("annual_report", ("inspection", "visits"), "363", id="nested-string"),
            pytest.param("annual_report", ("inspection", "visits"), True, id="a-bool-for-a-count"),
            pytest.param("annual_report", ("inspection", "visits"), -1, id="a-negative-count"),
            pytest.param(
                "annual_report", ("interviews", "by_party", "enterprise"), -3, id="negative-part"
            ),
            pytest.param("annual_report", FINES, 6800.5, id="a-float-for-money"),
            pytest.param("annual_report", FINES, "6800.505", id="money-below-the-fen"),
            pytest.param("annual_report", FINES, "-6800", id="negative-money"),
            pytest.param("annual_report", FINES, "-0", id="minus-zero"),
            pytest.param("annual_report", FINES, "1000000000000", id="money-above-the-bound"),
            pytest.param("annual_report", ("year",), 10000, id="a-year-past-9998"),
            pytest.param("annual_report", FINES, -6800, id="negative-money-int"),
            # The grand total stated is money as every amount is (it was any decimal, and
            # the zh renderer's capitals raised on -1, found by the long fuzz run).
            pytest.param("annual_report", ("stated", "amount"), "-1", id="stated-amount-negative"),
            pytest.param(
                "annual_report", ("stated", "amount"), "12.345", id="stated-amount-below-the-fen"
            ),
            pytest.param("annual_report", FINES, "6,800", id="money-not-a-number"),
            pytest.param("annual_report", FINES, "1e3", id="money-with-an-exponent"),
            pytest.param("annual_report", ("colour",), "red", id="an-unknown-field"),
            pytest.param(
                "annual_report", ("inspection", "hazards", "colour"), 1, id="unknown-nested-field"
            ),
            pytest.param("annual_report", ("body", "level"), "village", id="unknown-enum-value"),
            pytest.param(
                "annual_report", ("inspection", "by_area", "space"), {}, id="unknown-breakdown-key"
            ),
            pytest.param("annual_report", ("published_on",), "2024/01/18", id="date-slashes"),
            pytest.param("annual_report", ("published_on",), "18-01-2024", id="date-day-first"),
            pytest.param("annual_report", ("published_on",), 20240118, id="date-a-number"),
            pytest.param("annual_report", ("body", "name"), " ", id="blank-text"),
            pytest.param("annual_report", ("body",), DELETE, id="a-required-field-missing"),
            pytest.param("annual_report", ("schema_version",), 2, id="another-schema-version"),
            pytest.param("annual_report", ("document",), "ledger", id="another-document-kind"),
            pytest.param("annual_report", ("workforce",), None, id="null-for-a-required-object"),
            pytest.param(
                "annual_report", ("narrative", "sections"), "text", id="a-string-for-a-list"
            ),
            pytest.param("annual_report", ("conventions", "money_unit"), "美元", id="not-one-of"),
            pytest.param(
                "annual_report",
                ("workforce", "units", "a.b"),
                {"name": "某科室"},
                id="key-with-dot",
            ),
            pytest.param("ledger", ("officers", 0, "id"), "gl 01", id="identifier-with-space"),
            pytest.param("ledger", ("penalty_cases", 0, "decided_on"), "2023-1-4", id="short-date"),
            pytest.param("ledger", ("penalty_cases", 0, "sanctions", 0), "flogging", id="sanction"),
            pytest.param("ledger", ("inspections", 0, "area"), "moon", id="unknown-area"),
            pytest.param("ledger", ("officers", 0, "trained"), "yes", id="a-string-for-a-bool"),
        ],
    )
    def test_refused_by_the_loader_and_the_schema(self, kind, path, value):
        """A document the loader refuses for its shape, the schema refuses too."""
        data = changed(kind, path, value)
        with pytest.raises(LoadError):
            loads(kind, data)
        assert schema_errors(kind, data)


class TestBeyondTheSchema:
    """What load_json refuses and JSON Schema cannot say: documented limits, pinned."""

    def test_invariants_between_fields(self):
        """Hazards rectified above those found pass the schema; load_json refuses them."""
        data = changed("annual_report", ("inspection", "hazards", "rectified"), 510)
        assert [] == schema_errors("annual_report", data)
        with pytest.raises(LoadError, match="510 exceeds found 509"):
            loads("annual_report", data)

    def test_checks_the_model_writes_as_methods(self):
        """A publication before the year begins passes the schema; load_json refuses it."""
        data = changed("annual_report", ("published_on",), "2020-01-01")
        assert [] == schema_errors("annual_report", data)
        with pytest.raises(LoadError, match="before the year 2023 it reports on began"):
            loads("annual_report", data)

    def test_a_whole_number_written_with_a_fraction(self):
        """JSON Schema reads 363.0 as an integer; load_json refuses it."""
        data = changed("annual_report", ("inspection", "visits"), 363.0)
        assert [] == schema_errors("annual_report", data)
        with pytest.raises(LoadError, match="got the number 363.0"):
            loads("annual_report", data)

    def test_a_day_off_the_calendar_needs_the_format_checker(self):
        """2023-02-30 has the date pattern: only a FormatChecker refuses it, as load_json does."""
        data = changed("annual_report", ("published_on",), "2024-02-30")
        assert validator("annual_report", formats=False).is_valid(data)
        assert schema_errors("annual_report", data)
        with pytest.raises(LoadError, match="not a day of the calendar"):
            loads("annual_report", data)
