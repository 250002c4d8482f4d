"""Personal data kept out of published output: masked names, withheld identity numbers."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings

import enforcement_core as ec
from enforcement_core import renderers
from enforcement_core._privacy import mask_id_numbers, mask_name
from enforcement_core.workforce import walk_units
from profiles import examples
from strategies import annual_reports, id_check_character

MASK = "[身份证号已隐去]"
# GB 11643-1999 numbers with valid check characters: one ending in a digit, one in X.
ID = "500112199001011239"
ID_X = "11010519491231002X"
# Renderers that write a report's free text and withhold identity numbers from it.
PUBLISHED = ["zh", "text", "html"]
# 18 characters standing apart from other digits, as an identity number in free text stands.
_STANDALONE = re.compile(r"(?<![0-9])\d{17}[0-9Xx](?![0-9Xx])")


class TestCheckCharacter:
    @pytest.mark.parametrize("number", [ID, ID_X])
    def test_the_test_numbers_are_valid(self, number):
        """The numbers these tests use carry their GB 11643 check character."""
        assert number[-1] == id_check_character(number[:17])


class TestMaskIdNumbers:
    def test_second_generation(self):
        """An 18-digit number is replaced."""
        assert f"身份证号{MASK}。" == mask_id_numbers(f"身份证号{ID}。")

    @pytest.mark.parametrize("check", ["X", "x"])
    def test_ending_in_x(self, check):
        """A number whose check character is X (or x) is replaced whole, X included."""
        assert f"（{MASK}）" == mask_id_numbers(f"（{ID_X[:17]}{check}）")

    def test_first_generation(self):
        """A 15-digit first-generation number is replaced."""
        assert f"号{MASK}" == mask_id_numbers("号500112900101123")

    def test_at_either_end_of_the_text(self):
        """A number with nothing before or after it is still a number."""
        assert MASK == mask_id_numbers(ID)

    def test_every_number(self):
        """Two numbers in one text are both replaced."""
        assert f"{MASK}、{MASK}" == mask_id_numbers(f"{ID}、{ID_X}")

    def test_check_character_tells_an_id_from_a_figure(self):
        """GB 11643: 18 digits whose check character is wrong are a figure, not an ID, and stay."""
        wrong = ID[:17] + "5"
        assert wrong[-1] != id_check_character(wrong[:17])
        assert wrong == mask_id_numbers(wrong)

    @pytest.mark.parametrize(
        "text",
        [
            f"9{ID}",  # a digit before: a 19-digit run that starts otherwise
            "12345678901234567890123",  # a case or account number
        ],
    )
    def test_longer_runs_of_digits_are_left(self, text):
        """A run that does not start with an identity number is left whole."""
        assert text == mask_id_numbers(text)

    @pytest.mark.parametrize(
        ("text", "rest"),
        [
            (f"{ID}0", "0"),  # a digit after
            (f"{ID}X", "X"),  # an X after the check digit
            (f"{ID_X}1", "1"),  # a digit after the X
            (f"{ID}2023", "2023"),  # a year typed straight after it
        ],
    )
    def test_an_id_run_into_following_digits_is_withheld(self, text, rest):
        """An ID, checked by its check character, is withheld though digits follow it (issue 21)."""
        assert f"[身份证号已隐去]{rest}" == mask_id_numbers(text)

    @pytest.mark.parametrize(
        "text",
        [
            "500112199013011234",  # month 13
            "500112199001321234",  # day 32
            "500112179001011234",  # born in the 18th century
            "050112199001011234",  # a region code cannot start with 0
            "50011219900101123",  # 17 digits
        ],
    )
    def test_numbers_that_cannot_be_identity_numbers(self, text):
        """Impossible dates, regions or lengths are not identity numbers."""
        assert text == mask_id_numbers(text)

    def test_other_numbers_stay(self):
        """Fines, case numbers and dates are not touched."""
        text = "罚款11600元，案件编号20230001，2024年1月18日"
        assert text == mask_id_numbers(text)

    def test_replacement(self):
        """The replacement text is the caller's choice."""
        assert "id [withheld]" == mask_id_numbers(f"id {ID}", "[withheld]")


class TestMaskName:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [("张三", "张某某"), ("张三丰", "张某某"), ("李", "李某某"), (" 王五 ", "王某某")],
    )
    def test_single_surname(self, name, expected):
        """The first character, then 某某; surrounding white space is dropped."""
        assert expected == mask_name(name)

    @pytest.mark.parametrize(
        ("name", "expected"),
        [("欧阳修", "欧阳某某"), ("诸葛亮", "诸葛某某"), ("司马光", "司马某某")],
    )
    def test_compound_surname(self, name, expected):
        """A two-character surname keeps both characters."""
        assert expected == mask_name(name)

    def test_not_a_compound_surname(self):
        """A name starting like no compound surname keeps one character."""
        assert "欧某某" == mask_name("欧文")


def _report_with_id(body: ec.body.EnforcementBody) -> ec.AnnualReport:
    """A report with identity numbers in every kind of free text a renderer may write."""
    return ec.AnnualReport(
        body=body,
        year=2023,
        workforce=ec.workforce.WorkforceFigures(
            certified=5,
            units={
                "office": ec.workforce.Unit(
                    f"办公室{ID}",
                    certified=5,
                    subunits={"brigade": ec.workforce.Unit(f"队{ID_X}", certified=2)},
                )
            },
        ),
        licensing=ec.figures.LicensingFigures(subject=f"申请人{ID_X}", applications=243),
        narrative=ec.report.Narrative(
            opening=f"当事人{ID}。",
            sections=(
                ec.report.Section(
                    title="存在的主要问题",
                    role=ec.report.SectionRole.PROBLEMS,
                    paragraphs=(f"当事人（身份证号{ID_X}）拒不整改。",),
                ),
            ),
        ),
    )


class TestRenderers:
    @pytest.fixture
    def with_ids(self, body):
        """A report with identity numbers in its free text."""
        return _report_with_id(body)

    @pytest.mark.parametrize("name", PUBLISHED)
    def test_withheld(self, with_ids, name):
        """No published renderer shows an identity number from the report's free text."""
        output = renderers.render(with_ids, name)
        assert [] == [number for number in (ID, ID_X) if number in output]

    @pytest.mark.parametrize("name", PUBLISHED)
    def test_the_numbers_reach_the_renderer(self, with_ids, name):
        """With personal_data=True both numbers are written: the test above is not vacuous."""
        output = renderers.render(with_ids, name, personal_data=True)
        assert [ID, ID_X] == [number for number in (ID, ID_X) if number in output]

    @pytest.mark.parametrize("name", ["text", "html"])
    def test_withheld_in_the_locale(self, with_ids, name):
        """In English, the mark of a withheld number is English too."""
        output = renderers.render(with_ids, name, locale="en")
        assert (ID not in output, ID_X not in output) == (True, True)
        assert "[身份证号已隐去]" not in output

    def test_before_a_figure(self, with_ids):
        """A number written straight before a figure (申请<ID>243件) is withheld too."""
        text = renderers.render(with_ids, "zh")
        assert f"全年共计申请申请人{MASK}243件" in text
        assert f"队{MASK}2名" in text

    def test_ledger(self, body):
        """A ledger's free text is withheld in its summary as well."""
        ledger = ec.Ledger(
            body=body,
            year=2023,
            units={"office": ec.workforce.Unit(f"办公室{ID}")},
            narrative=_report_with_id(body).narrative,
        )
        for name in PUBLISHED:
            assert ID not in renderers.render(ledger, name), name

    @pytest.mark.parametrize("name", PUBLISHED)
    @settings(max_examples=examples(30))
    @given(generated=annual_reports())
    def test_any_report(self, name, generated):
        """Whatever free text a report holds, no identity number in it reaches published output."""
        report = generated
        texts = [report.licensing.subject if report.licensing else "", report.narrative.opening]
        texts += [unit.name for _, unit in walk_units(report.workforce.units)]
        texts += [p for s in _walk(report.narrative.sections) for p in (s.title, *s.paragraphs)]
        numbers = {
            match.group()
            for text in texts
            for match in _STANDALONE.finditer(text)
            if MASK == mask_id_numbers(match.group())
        }
        output = renderers.render(report, name)
        assert set() == {number for number in numbers if number in output}


def _walk(sections: tuple[ec.report.Section, ...]) -> list[ec.report.Section]:
    return [w for s in sections for w in (s, *_walk(s.subsections))]
