"""Personal data withheld from published output, at the field, by the GB 11643 check digit."""

from __future__ import annotations

import attrs
import pytest

import enforcement_core as ec
import plugins
from enforcement_core import renderers
from enforcement_core._privacy import is_id_number, mask_numbers, masked

GULU = ec.examples.load("gulu-2023")
#: Every built-in renderer that writes text, from the registry.
TEXT_BUILT_INS = plugins.text_built_ins()
ID = "500112199001011239"  # a valid check digit (9)
ID_X = "11010519491231002X"  # the check character X
NOT_AN_ID = "500112199001011234"  # 18 digits with a date in them, but a wrong check digit
MOBILE = "13800138000"


def with_opening(text: str) -> ec.AnnualReport:
    """The gulu report with ``text`` as its opening paragraph and after its body's name."""
    body = attrs.evolve(GULU.body, name=GULU.body.name + text)
    return attrs.evolve(GULU, body=body, narrative=attrs.evolve(GULU.narrative, opening=text))


class TestIsIdNumber:
    @pytest.mark.parametrize("number", [ID, ID_X, ID_X.lower(), "110105491231002"])
    def test_ids(self, number):
        """18-character numbers with their check character, and 15-digit first-generation ones."""
        assert is_id_number(number)

    @pytest.mark.parametrize(
        "number",
        [NOT_AN_ID, "11010519491231002Y", "110105194913310028", "1101051949123100", MOBILE],
    )
    def test_not_ids(self, number):
        """A wrong check character, an impossible date, the wrong length: not an ID."""
        assert not is_id_number(number)


class TestMaskNumbers:
    @pytest.mark.parametrize(
        "text",
        [
            pytest.param(f"身份证号{ID}", id="ascii"),
            pytest.param(f"身份证号{ID_X}", id="ending-in-X"),
            pytest.param(f"身份证号{ID_X[:-1]}x", id="ending-in-x"),
            pytest.param(
                "身份证号" + ID.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
                id="full-width",
            ),
            pytest.param(f"身份证号{ID[:6]} {ID[6:14]} {ID[14:]}", id="spaces"),
            pytest.param(f"身份证号{ID[:6]}-{ID[6:14]}-{ID[14:]}", id="hyphens"),
            pytest.param(f"身份证号{ID[:9]}\u200b{ID[9:]}", id="zero-width-space"),
            pytest.param(f"身份证号{ID[:9]}\u2060{ID[9:]}", id="word-joiner"),
        ],
    )
    def test_ids_are_withheld(self, text):
        """IDs however typed are replaced, and no run of their digits is left."""
        masked_text = mask_numbers(text)
        assert "身份证号[身份证号已隐去]" == masked_text

    @pytest.mark.parametrize(
        "text",
        [f"电话{MOBILE}", "电话138 0013 8000", "电话138-0013-8000", "电话１３８００１３８０００"],
    )
    def test_mobile_numbers_are_withheld(self, text):
        """Mobile numbers are replaced too."""
        assert "电话[手机号已隐去]" == mask_numbers(text)

    @pytest.mark.parametrize(
        "text",
        [
            f"编号{NOT_AN_ID}",
            "罚款11600元，案件编号20230001",
            "2023 年 12 月",
            "检查 363 家次，发现隐患 509 条",
        ],
    )
    def test_figures_are_left_alone(self, text):
        """A figure of 18 digits without the check digit, and ordinary figures, stay."""
        assert text == mask_numbers(text)

    def test_an_id_beside_a_figure_in_one_run(self):
        """An ID followed by a space and a figure loses the ID and keeps the figure."""
        assert "[身份证号已隐去] 243件" == mask_numbers(f"{ID} 243件")


class TestAtTheField:
    """Masking happens per field, before prose is assembled (item 8)."""

    def test_an_id_at_the_end_of_a_field_followed_by_a_figure(self):
        """宅基地<ID> then 243件 in the prose: the ID is withheld, the count written."""
        licensing = attrs.evolve(GULU.licensing, subject=f"宅基地{ID}")
        text = renderers.render(attrs.evolve(GULU, licensing=licensing), "zh")
        assert ID not in text
        assert "[身份证号已隐去]" in text
        assert "243件" in text

    def test_a_count_that_looks_like_an_id_is_written(self):
        """A count with the digits of a 15-digit ID is a figure, and is written."""
        count = 110105491231002  # a first-generation ID's shape: masked in text, not as a count
        report = attrs.evolve(GULU, licensing=attrs.evolve(GULU.licensing, applications=count))
        for name in ("zh", "text", "html"):
            assert str(count) in renderers.render(report, name).replace(",", "")

    @pytest.mark.parametrize("name", TEXT_BUILT_INS)
    def test_every_built_in_renderer_withholds(self, name):
        """Text, zh, html and json output carry no ID and no mobile number by default."""
        report = with_opening(f"联系人身份证{ID_X}，电话{MOBILE}。")
        output = renderers.render(report, name)
        assert ID_X not in output
        assert MOBILE not in output

    @pytest.mark.parametrize("name", TEXT_BUILT_INS)
    def test_personal_data_true_writes_them(self, name):
        """personal_data=True writes the numbers as given."""
        report = with_opening(f"联系人身份证{ID_X}，电话{MOBILE}。")
        output = renderers.render(report, name, personal_data=True)
        assert ID_X in output
        assert MOBILE in output

    def test_json_with_personal_data_is_lossless(self):
        """The json renderer with personal_data=True reads back equal."""
        report = with_opening(f"身份证{ID}")
        assert report == ec.load_json(renderers.render(report, "json", personal_data=True))

    def test_a_report_without_numbers_is_not_copied(self):
        """Masking a report with nothing to mask gives the same object."""
        assert masked(GULU) is GULU


class TestDirectOptions:
    """A renderer called directly refuses what render() refuses (item 9)."""

    @pytest.mark.parametrize("name", TEXT_BUILT_INS)
    def test_an_unknown_option(self, name):
        """An option the renderer does not declare is refused, not swallowed."""
        with pytest.raises(ec.errors.RendererOptionError, match="has no option 'colour'"):
            renderers.get(name).render(GULU, colour="red")

    def test_a_wrong_value(self):
        """A value outside the choices is refused as render() refuses it."""
        with pytest.raises(ec.errors.RendererOptionError, match="option 'numerals' must be one of"):
            renderers.get("zh").render(GULU, numerals="roman")

    def test_defaults_are_filled_in(self):
        """Called directly with no option, a renderer writes what render() writes."""
        assert renderers.render(GULU, "zh") == renderers.get("zh").render(GULU)
