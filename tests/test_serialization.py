"""JSON in and out: lossless round trips, strict loading, every problem at once."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from hypothesis import given

import enforcement_core as ec
from enforcement_core import AnnualReport, Ledger, LoadError, dump_json, load_json, serialization
from strategies import annual_reports, ledgers

GULU = ec.examples.load("gulu-2023")


def document(**changes: object) -> str:
    """The gulu example's JSON with top-level fields replaced (None removes one)."""
    data = json.loads(dump_json(GULU))
    for key, value in changes.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    return json.dumps(data, ensure_ascii=False)


def problems(text: str | bytes) -> list[tuple[str, str]]:
    """The (path, message) of every problem load_json finds in ``text``."""
    with pytest.raises(LoadError) as info:
        load_json(text)
    return [(p.path, p.message) for p in info.value.problems]


class TestRoundTrip:
    @given(annual_reports())
    def test_reports_survive_json(self, report):
        """load_json(dump_json(x)) == x for every valid report."""
        assert report == load_json(dump_json(report))

    @given(ledgers())
    def test_ledgers_survive_json(self, ledger):
        """load_json(dump_json(x)) == x for every valid ledger."""
        assert ledger == load_json(dump_json(ledger), Ledger)

    def test_chinese_is_written_as_utf8(self):
        """Chinese text stays readable: no \\u escapes."""
        text = dump_json(GULU)
        assert "古路镇" in text
        assert "\\u" not in text

    def test_money_is_a_string(self):
        """Decimals are written as strings, exactly as held."""
        data = json.loads(dump_json(GULU))
        assert "6800" == data["penalty"]["by_domain"]["work_safety"]["fines"]

    def test_decimals_in_exponent_form_are_written_plainly(self):
        """Decimal('1E+3') is written "1000", which loads back equal."""
        report = AnnualReport(
            body=GULU.body, year=2023, penalty=ec.figures.PenaltyFigures(fines=Decimal("1E+3"))
        )
        assert '"fines": "1000"' in dump_json(report)
        assert report == load_json(dump_json(report))

    def test_figures_not_stated_are_left_out(self):
        """A figure that is not stated does not appear in the document."""
        data = json.loads(dump_json(GULU))
        assert "accepted" not in data["licensing"]

    def test_dump_refuses_other_objects(self):
        """Only documents are dumped."""
        with pytest.raises(TypeError, match="cannot dump a HazardFigures"):
            dump_json(ec.figures.HazardFigures())  # type: ignore[arg-type]


class TestSources:
    def test_a_file_path(self, tmp_path):
        """A path object or a string path is read as UTF-8."""
        path = tmp_path / "report.json"
        path.write_text(dump_json(GULU), encoding="utf-8")
        assert GULU == load_json(path) == load_json(str(path))

    def test_a_file_with_a_bom(self, tmp_path):
        """Files saved by Windows tools start with a BOM: they load."""
        path = tmp_path / "report.json"
        path.write_bytes(b"\xef\xbb\xbf" + dump_json(GULU).encode())
        assert GULU == load_json(path)

    def test_bytes_and_text_with_a_bom(self):
        """Bytes and text may carry a BOM too."""
        assert (
            GULU
            == load_json(b"\xef\xbb\xbf" + dump_json(GULU).encode())
            == load_json("\ufeff" + dump_json(GULU))
        )

    def test_a_missing_file(self, tmp_path):
        """A missing file is a LoadError naming the file."""
        with pytest.raises(LoadError, match="cannot read the file") as info:
            load_json(tmp_path / "missing.json")
        assert str(tmp_path / "missing.json") == info.value.source

    def test_bytes_that_are_not_utf8(self):
        """Text in another encoding is refused, not guessed."""
        assert [("", "not UTF-8 text: byte 0 cannot be decoded")] == problems("古".encode("gbk"))

    def test_invalid_json(self):
        """Broken JSON names the line and column."""
        assert [
            (
                "",
                "invalid JSON at line 1, column 2: Expecting property name enclosed in double quotes",
            )
        ] == problems("{,}")

    def test_a_repeated_key(self):
        """A key given twice would silently lose a value: refused."""
        assert ("year", "the key 'year' appears more than once in one object") in problems(
            '{"year": 2023, "year": 2024}'
        )

    def test_kind_must_match(self):
        """Asking for a ledger gets a ledger or an error."""
        with pytest.raises(LoadError, match="expected a Ledger document, not 'annual_report'"):
            load_json(dump_json(GULU), Ledger)


class TestEnvelope:
    def test_schema_version_is_required(self):
        """A document says which version of the format it is."""
        assert ("schema_version", "expected schema_version 1") in problems(
            document(schema_version=None)
        )

    def test_schema_version_must_be_known(self):
        """A document from a future version is refused, not misread."""
        newer = (
            "schema_version 2 is newer than this version of enforcement-core reads (1): "
            "upgrade enforcement-core to read it"
        )
        assert ("schema_version", newer) in problems(document(schema_version=2))

    def test_schema_version_must_be_a_positive_whole_number(self):
        """Not a version (0, a string, a boolean, missing) is refused by what is expected."""
        for version in (0, "1", True, None):
            assert ("schema_version", "expected schema_version 1") in problems(
                document(schema_version=version)
            )

    def test_document_kind_must_be_known(self):
        """The document kind picks the class."""
        assert ("document", "expected one of 'annual_report', 'ledger'") in problems(
            document(document="report")
        )

    def test_top_level_must_be_an_object(self):
        """A list is not a document."""
        assert [("", "expected a JSON object at the top")] == problems("[1]")


class TestRefusedNotCoerced:
    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ('"22"', "expected a whole number (int), got the string '22'"),
            ("1.9", "expected a whole number (int), got the number 1.9"),
            ("22.0", "expected a whole number (int), got the number 22.0"),
            ("true", "expected a whole number (int), got the boolean true"),
            ("NaN", "expected a whole number (int), got NaN"),
        ],
    )
    def test_counts(self, value, message):
        """A count is a JSON integer and nothing else."""
        text = document().replace('"certified": 22', f'"certified": {value}')
        assert [("workforce.certified", message)] == problems(text)

    def test_negative_counts(self):
        """A negative count is refused, and what it breaks is reported beside it."""
        text = document().replace('"certified": 22', '"certified": -1')
        assert [
            ("workforce.certified", "must not be negative, got -1"),
            ("workforce.units", "certified of the parts add up to 22, above certified -1"),
        ] == problems(text)

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            (
                "6800.5",
                'expected an exact number written as a string, such as "6800.50", got the number 6800.5',
            ),
            (
                "Infinity",
                'expected an exact number written as a string, such as "6800.50", got Infinity',
            ),
            (
                '"NaN"',
                "expected an exact number written as a string, such as \"6800.50\", got the string 'NaN'",
            ),
            (
                '"6,800"',
                "expected an exact number written as a string, such as \"6800.50\", got the string '6,800'",
            ),
            (
                '"6800.001"',
                "6800.001 has more than two decimal places (money is exact to the fen, 0.01 yuan)",
            ),
            ('"-1"', "must not be negative, got -1"),
        ],
    )
    def test_money(self, value, message):
        """Money is a decimal string or an integer, exact to the fen."""
        text = document().replace('"fines": "6800"', f'"fines": {value}')
        assert [("penalty.by_domain.work_safety.fines", message)] == problems(text)

    @pytest.mark.parametrize("exponent", ["1e9991000000000000000", "-1E+99999999999999999999"])
    def test_a_number_past_any_decimal_is_refused_as_written(self, exponent):
        """A JSON number whose exponent no Decimal holds is a problem at its field, shown as
        written (found by the long fuzz run: it raised decimal.InvalidOperation)."""
        message = 'expected an exact number written as a string, such as "6800.50"'
        text = document().replace('"fines": "6800"', f'"fines": {exponent}')
        with pytest.raises(LoadError) as info:
            load_json(text)
        (problem,) = info.value.problems
        assert ("penalty.by_domain.work_safety.fines", exponent) == (problem.path, problem.value)
        assert f"{message}, got the number {exponent}" == problem.message
        # Where the kind of document should be, too.
        text = document().replace('"document": "annual_report"', f'"document": {exponent}')
        with pytest.raises(LoadError) as info:
            load_json(text)
        assert [("document", exponent)] == [(p.path, p.value) for p in info.value.problems]
        # A large exponent a Decimal holds is shown as a Decimal, as any other number.
        text = document().replace('"fines": "6800"', '"fines": 1e999999999999999998')
        with pytest.raises(LoadError) as info:
            load_json(text)
        assert Decimal("1e999999999999999998") == info.value.problems[0].value

    def test_full_width_digits(self):
        """Digits are ASCII: full-width ６８００ is refused, not read as 6800."""
        text = document().replace('"fines": "6800"', '"fines": "６８００"')
        [(path, message)] = problems(text)
        assert (
            "penalty.by_domain.work_safety.fines",
            "expected an exact number written as a string",
        ) == (
            path,
            message.split(", such as")[0],
        )

    def test_money_as_an_integer(self):
        """A JSON integer is exact: it loads as yuan."""
        assert GULU == load_json(document().replace('"fines": "6800"', '"fines": 6800'))

    def test_unknown_fields(self):
        """An unknown field is refused where it stands, never dropped."""
        text = document().replace('"visits": 363', '"visits": 363, "vists": 1')
        assert [("inspection.vists", "unknown field; did you mean 'visits'?")] == problems(text)

    def test_unknown_category_values(self):
        """Vocabulary values are checked: a misspelt domain is named with the allowed ones."""
        text = document().replace('"traffic"', '"trafic"')
        [(path, message)] = problems(text)
        assert "penalty.by_domain.trafic" == path
        assert message.startswith(
            "'trafic' is not a Domain; expected one of 'work_safety', 'traffic'"
        )

    def test_unknown_values_suggest_the_nearest(self):
        """A misspelt value or a Chinese label is refused, naming the value meant."""
        [(_, misspelt)] = problems(document().replace('"traffic"', '"trafic"'))
        assert misspelt.endswith("; did you mean 'traffic'?")
        [(_, labelled)] = problems(document().replace('"traffic"', '"交通"'))
        assert labelled.startswith("'交通' is not a Domain")
        assert labelled.endswith("; did you mean 'traffic'?")
        [(_, unlike)] = problems(document().replace('"traffic"', '"xyz"'))
        assert "did you mean" not in unlike

    def test_dates(self):
        """Dates are YYYY-MM-DD days of the calendar."""
        assert [
            ("published_on", "expected a date written YYYY-MM-DD, got the string '2024/1/18'")
        ] == problems(document(published_on="2024/1/18"))
        assert [("published_on", "'2024-02-30' is not a day of the calendar")] == problems(
            document(published_on="2024-02-30")
        )

    def test_missing_required_field(self):
        """A required field that is missing is named."""
        assert [("body", "required field is missing")] == problems(document(body=None))

    def test_a_list_where_an_object_belongs(self):
        """Shapes are checked as strictly as values."""
        assert [("workforce", "expected an object, got a list")] == problems(document(workforce=[]))
        data = json.loads(dump_json(GULU))
        data["workforce"]["units"] = [data["workforce"]["units"]]
        assert [("workforce.units", "expected an object, got a list")] == problems(json.dumps(data))

    def test_a_string_where_a_list_belongs(self):
        """A string is not iterated into characters."""
        data = json.loads(dump_json(GULU))
        data["narrative"]["sections"][0]["paragraphs"] = "x"
        assert [
            ("narrative.sections[0].paragraphs", "expected a list, got the string 'x'")
        ] == problems(json.dumps(data))


class TestEveryProblemAtOnce:
    def test_problems_in_many_places_are_reported_together(self):
        """A user with real data sees every problem in one pass."""
        data = json.loads(dump_json(GULU))
        data["year"] = "2023"
        data["inspection"]["hazards"]["rectified"] = 510
        data["inspection"]["hazards"]["supervised"]["section"] = 600
        data["penalty"]["by_domain"]["traffic"]["cases"] = 1.5
        data["licensing"]["granted"] = -1
        found = problems(json.dumps(data))
        assert [
            ("year", "expected a whole number (int), got the string '2023'"),
            ("licensing.granted", "must not be negative, got -1"),
            ("inspection.hazards.rectified", "510 exceeds found 509"),
            ("inspection.hazards.supervised", "the parts add up to 606, above found 509"),
            (
                "penalty.by_domain.traffic.cases",
                "expected a whole number (int), got the number 1.5",
            ),
        ] == found

    def test_every_invariant_of_one_object(self):
        """Two refusals in one object are both reported, each under its field."""
        data = json.loads(dump_json(GULU))
        data["licensing"] = {"applications": 10, "accepted": 11, "granted": 12}
        assert [
            ("licensing.accepted", "11 exceeds applications 10"),
            ("licensing.granted", "granted 12 exceeds accepted 11"),
        ] == problems(json.dumps(data))

    def test_problems_carry_the_value(self):
        """Each problem holds the value found at its path."""
        data = json.loads(dump_json(GULU))
        data["inspection"]["hazards"]["rectified"] = 510
        with pytest.raises(LoadError) as info:
            load_json(json.dumps(data))
        assert 510 == info.value.problems[0].value

    def test_the_message_lists_every_problem(self):
        """The error's message is readable on its own."""
        data = json.loads(dump_json(GULU))
        data["inspection"]["hazards"]["rectified"] = 510
        with pytest.raises(LoadError) as info:
            load_json(json.dumps(data))
        assert (
            "1 problem in the document:\n  inspection.hazards.rectified: 510 exceeds found 509"
            == str(info.value)
        )


class TestConverter:
    def test_single_objects_round_trip(self):
        """The converter (un)structures single domain objects too."""
        figures = ec.figures.HazardFigures(found=509, rectified=502)
        raw = serialization.converter.unstructure(figures)
        assert {"found": 509, "rectified": 502} == raw
        assert figures == serialization.converter.structure(raw, ec.figures.HazardFigures)


def gulu_data() -> dict:
    """The gulu example as JSON data, to change in place."""
    return json.loads(dump_json(GULU))


class TestAnyInput:
    """Whatever the input, load_json gives a document or a LoadError (issue 11, item 1)."""

    @pytest.mark.parametrize(
        ("source", "message"),
        [
            pytest.param("[" * 1000 + "]" * 1000, "nest more than 100 levels", id="deep-arrays"),
            pytest.param(
                '{"a":' * 1000 + "1" + "}" * 1000, "nest more than 100", id="deep-objects"
            ),
            pytest.param(
                '{"schema_version": 1, "document": "annual_report", "year": ' + "9" * 4301 + "}",
                "a number of 4301 digits (at most 40)",
                id="4301-digits",
            ),
            pytest.param("\x00abc", "holds a NUL character", id="nul-in-a-path"),
            pytest.param(None, "not NoneType", id="none"),
            pytest.param(5, "not int", id="an-int"),
        ],
    )
    def test_refused_with_a_load_error(self, source, message):
        """Deep nesting, huge numbers, a NUL in a path and a non-text source are LoadErrors."""
        with pytest.raises(LoadError, match=re.escape(message)):
            load_json(source)

    def test_nesting_up_to_the_limit_is_read(self):
        """Nesting within MAX_DEPTH is parsed, and refused only as a wrong shape."""
        depth = serialization.MAX_DEPTH - 1
        found = problems('{"x": ' + "[" * depth + "]" * depth + "}")
        assert "nest more than" not in str(found)

    def test_40_digits_are_a_number(self):
        """A number of MAX_DIGITS digits is read, and refused as a count above the bound."""
        found = problems(document(year=10**39))
        assert ("year", f"{10**39} is not a year from 1 to 9998") in found


class TestText:
    """Text no output can write is refused at load, with its path (item 2)."""

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            ("古路\ud800镇", "the text holds a lone surrogate U+D800 at character 2"),
            ("古路\x07镇", "the text holds the control character U+0007 at character 2"),
            ("\x00", "the text holds the control character U+0000 at character 0"),
        ],
    )
    def test_unwritable_characters(self, name, message):
        """Lone surrogates and control characters are refused under body.name."""
        data = gulu_data()
        data["body"]["name"] = name
        found = problems(json.dumps(data))
        assert [
            ("body.name", message + (", which no encoding can write" if "surr" in message else ""))
        ] == found

    @pytest.mark.parametrize("name", ["\u200b", "\u202e\u200d", "\u2066 \u2069"])
    def test_a_name_of_invisible_characters(self, name):
        """A name of only zero-width or bidi characters shows nothing: refused."""
        data = gulu_data()
        data["body"]["name"] = name
        [(path, message)] = problems(json.dumps(data))
        assert "body.name" == path
        assert "shows nothing: it holds only zero-width or bidirectional" in message

    def test_visible_names_with_format_characters(self):
        """A name that shows something, and text with tabs and line breaks, load."""
        data = gulu_data()
        data["body"]["name"] = "古路\u200b镇"
        data["narrative"]["opening"] = "第一行\n\t第二行\r\n"
        assert "古路\u200b镇" == load_json(json.dumps(data)).body.name

    def test_free_text_is_checked_too(self):
        """A control character in free text is refused, in Python as on loading."""
        with pytest.raises(ec.InvariantError, match="control character U[+]001B"):
            ec.body.EnforcementBody("古路镇", ec.body.BodyLevel.TOWN, region="重庆\x1b[31m")


class TestYearsAndBounds:
    """Years, counts and money within what every layer handles (items 3, 4, 6)."""

    def test_a_ledger_year_past_9998(self):
        """A ledger of year 10000 is refused like a report of that year."""
        ledger = json.loads(dump_json(ec.examples.load_records("gulu-2023")))
        ledger["year"] = 10000
        assert ("year", "10000 is not a year from 1 to 9998") in problems(json.dumps(ledger))

    def test_a_ledger_of_year_9998(self):
        """The last year accepted is the same for ledgers as for reports."""
        ledger = ec.Ledger(
            body=ec.body.EnforcementBody("古路镇", ec.body.BodyLevel.TOWN), year=9998
        )
        assert 9998 == ledger.year

    @pytest.mark.parametrize("amount", ["1E+26", "1000000000000"])
    def test_money_above_the_bound(self, amount):
        """Money above MAX_MONEY is an InvariantError, not decimal.InvalidOperation."""
        with pytest.raises(ec.InvariantError, match="above the largest amount, 999999999999.99"):
            ec.figures.ActionFigures(count=1, amount=Decimal(amount))

    def test_money_above_the_bound_in_json_lands_at_its_path(self):
        """Through JSON the problem is named at the amount's own path."""
        data = gulu_data()
        data["penalty"]["by_domain"]["work_safety"]["fines"] = "1" + "0" * 26
        paths = [path for path, _ in problems(json.dumps(data))]
        assert "penalty.by_domain.work_safety.fines" in paths

    def test_money_at_the_bound(self):
        """The largest amount itself is money."""
        figures = ec.figures.ActionFigures(count=1, amount=Decimal("999999999999.99"))
        assert Decimal("999999999999.99") == figures.amount

    @pytest.mark.parametrize("amount", ["-0", "-0.00"])
    def test_negative_zero(self, amount):
        """Decimal('-0') would be written '-0': refused."""
        with pytest.raises(ec.InvariantError, match="is a negative zero; write 0"):
            ec.figures.ActionFigures(count=0, amount=Decimal(amount))

    def test_zero(self):
        """A plain zero is money."""
        assert "0" == format(ec.figures.ActionFigures(count=0, amount=Decimal(0)).amount, "f")


class TestNothingHidden:
    """One problem never hides another (item 5)."""

    def test_a_repeated_key_beside_other_problems(self):
        """A repeated key is reported under its path, with the document's other problems."""
        text = document(year="2023").replace('"level": "town"', '"level": "town", "level": "town"')
        found = problems(text)
        assert ("body.level", "the key 'level' appears more than once in one object") in found
        assert ("year", "expected a whole number (int), got the string '2023'") in found

    def test_an_unknown_field_beside_invariants(self):
        """An unknown field and an invariant of the same object are both reported."""
        data = gulu_data()
        data["inspection"]["hazards"]["colour"] = "red"
        data["inspection"]["hazards"]["rectified"] = 510
        found = problems(json.dumps(data))
        assert ("inspection.hazards.colour", "unknown field") in found
        assert ("inspection.hazards.rectified", "510 exceeds found 509") in found

    def test_an_unknown_field_beside_wrong_values(self):
        """An unknown field and a wrongly typed field of the same object are both reported."""
        data = gulu_data()
        data["inspection"]["colour"] = "red"
        data["inspection"]["visits"] = "363"
        found = problems(json.dumps(data))
        assert ("inspection.colour", "unknown field") in found
        assert ("inspection.visits", "expected a whole number (int), got the string '363'") in found

    def test_a_wrong_schema_version_beside_the_body(self):
        """A wrong schema_version does not hide the body's problems."""
        found = problems(document(schema_version=0, year="2023"))
        assert ("schema_version", "expected schema_version 1") in found
        assert ("year", "expected a whole number (int), got the string '2023'") in found
