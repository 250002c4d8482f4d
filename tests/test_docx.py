"""The docx renderer: the report as a 公文 in the layout of GB/T 9704-2012."""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile

import attrs
import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from hypothesis import given, settings

import enforcement_core as ec
from enforcement_core import renderers
from enforcement_core.renderers import zh as zh_module
from enforcement_core.renderers._office import xml_text
from enforcement_core.renderers.docx import superior, title_lines
from profiles import examples
from strategies import annual_reports

GULU = ec.examples.load("gulu-2023")
STREET = ec.body.EnforcementBody("示例街道办事处", ec.body.BodyLevel.STREET, short_name="示例街道")
ID_NUMBER = "500112199001011239"
WITH_ID = ec.AnnualReport(
    body=STREET,
    year=2023,
    published_on=dt.date(2024, 1, 20),
    narrative=ec.report.Narrative(
        sections=(
            ec.report.Section(
                title="存在的主要问题",
                role=ec.report.SectionRole.PROBLEMS,
                paragraphs=(f"当事人（身份证号{ID_NUMBER}）拒不整改。",),
            ),
        )
    ),
)


def document(report: ec.AnnualReport = GULU, **options: object) -> docx.document.Document:
    data = renderers.render(report, "docx", **options)
    assert isinstance(data, bytes)
    return docx.Document(io.BytesIO(data))


def east_asian(paragraph) -> set[str | None]:
    """The East Asian font named on each run of the paragraph with text."""
    return {
        run._element.rPr.rFonts.get(qn("w:eastAsia")) for run in paragraph.runs if run.text.strip()
    }


def sizes(paragraph) -> set[float]:
    return {run.font.size.pt for run in paragraph.runs if run.text.strip()}


def zh_blocks(report: ec.AnnualReport = GULU, **options: object) -> list[str]:
    text = renderers.render(report, "zh", **options)
    assert isinstance(text, str)
    return text.rstrip("\n").split("\n\n")


def written(report: ec.AnnualReport = GULU, **options: object) -> list[str]:
    """The document's paragraphs with text, the title's lines joined, the 主送机关 left out.

    zh's text has no 发文字号 nor 主送机关; the document has those of ``options``, or of
    the narrative, and by default the government above the body (tested in TestOptions).
    """
    texts = [p.text.replace("\n", "") for p in document(report, **options).paragraphs if p.text]
    doc_number = options.get("doc_number") or report.narrative.doc_number
    addressee = options.get("addressee") or report.narrative.addressee or superior(report.body)
    if doc_number:
        texts = texts[1:]  # above the title
    if addressee:
        texts = [texts[0], *texts[2:]]  # under the title
    return texts


DOCUMENT = document()
TEXTS = [p.text.replace("\n", "") for p in DOCUMENT.paragraphs]


def paragraph(text: str):
    return DOCUMENT.paragraphs[TEXTS.index(text)]


class TestPage:
    def test_a4(self):
        """A4: 210 mm × 297 mm."""
        section = DOCUMENT.sections[0]
        assert (210, 297) == (round(section.page_width.mm, 1), round(section.page_height.mm, 1))

    @pytest.mark.parametrize(
        ("side", "mm"), [("top", 37), ("bottom", 35), ("left", 28), ("right", 26)]
    )
    def test_margins(self, side, mm):
        """Top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, within 1 mm."""
        margin = getattr(DOCUMENT.sections[0], f"{side}_margin")
        assert abs(margin.mm - mm) <= 1

    def test_22_lines_a_page(self):
        """The line pitch is the text height over 22 lines, to the twentieth below: 28.95 pt."""
        grid = DOCUMENT.sections[0]._sectPr.find(qn("w:docGrid"))
        assert 579 == int(grid.get(qn("w:linePitch")))
        body = paragraph(zh_blocks()[1])
        assert Pt(28.95) == body.paragraph_format.line_spacing
        assert 22 * 28.95 <= Mm(225).pt < 23 * 28.95

    def test_28_characters_a_line(self):
        """Body characters are condensed so that 28 of them fit the 156 mm line, and 29 do not."""
        run = paragraph(zh_blocks()[1]).runs[0]
        spacing = int(run._element.rPr.find(qn("w:spacing")).get(qn("w:val"))) / 20
        line = Mm(156).pt
        assert 28 * (16 + spacing) <= line < 29 * (16 + spacing)


class TestFonts:
    def test_title(self):
        """The title: 方正小标宋简体 二号 (22 pt), centred."""
        title = DOCUMENT.paragraphs[0]
        assert zh_blocks()[0] == title.text.replace("\n", "")
        assert {"方正小标宋简体"} == east_asian(title)
        assert {22.0} == sizes(title)
        assert WD_ALIGN_PARAGRAPH.CENTER == title.paragraph_format.alignment

    def test_body(self):
        """A paragraph: 仿宋_GB2312 三号 (16 pt), the first line indented two characters."""
        body = paragraph(zh_blocks()[1])
        assert {"仿宋_GB2312"} == east_asian(body)
        assert {16.0} == sizes(body)
        assert Pt(32) == body.paragraph_format.first_line_indent

    def test_first_level_heading(self):
        """一、: 黑体, 16 pt, indented two characters."""
        heading = paragraph("二、存在的主要问题")
        assert {"黑体"} == east_asian(heading)
        assert {16.0} == sizes(heading)
        assert Pt(32) == heading.paragraph_format.first_line_indent

    def test_second_level_heading(self):
        """（一）: 楷体_GB2312."""
        assert {"楷体_GB2312"} == east_asian(paragraph("（五）执法行为数据总体情况"))

    def test_third_level_heading_is_in_the_body_font(self):
        """Below the second level, headings are in 仿宋_GB2312 like the body."""
        report = ec.AnnualReport(
            body=STREET,
            year=2023,
            narrative=ec.report.Narrative(
                sections=(
                    ec.report.Section(
                        title="工作情况",
                        subsections=(
                            ec.report.Section(
                                title="制度", subsections=(ec.report.Section(title="培训"),)
                            ),
                        ),
                    ),
                )
            ),
        )
        texts = {p.text: p for p in document(report).paragraphs}
        assert {"仿宋_GB2312"} == east_asian(texts["1.培训"])
        assert {"楷体_GB2312"} == east_asian(texts["（一）制度"])

    def test_every_script_of_a_run_is_named(self):
        """Latin, East Asian and complex-script fonts are all named, with the East Asian hint."""
        fonts = paragraph(zh_blocks()[1]).runs[0]._element.rPr.rFonts
        assert {"仿宋_GB2312"} == {
            fonts.get(qn(f"w:{script}")) for script in ("ascii", "hAnsi", "eastAsia", "cs")
        }
        assert "eastAsia" == fonts.get(qn("w:hint"))

    def test_the_font_table_names_substitutes(self):
        """A missing 仿宋_GB2312 is replaced by 仿宋 of the GB2312 character set, not a Latin serif."""
        data = renderers.render(GULU, "docx")
        table = zipfile.ZipFile(io.BytesIO(data)).read("word/fontTable.xml").decode()
        assert (
            '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>' in table
        )
        assert '<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>' in table


class TestPageNumbers:
    def field(self, footer) -> tuple[str, str, float, str]:
        (number,) = footer.paragraphs
        xml = number._p.xml
        instructions = "".join(node.text for node in number._p.iter(qn("w:instrText")))
        assert 'w:fldCharType="begin"' in xml
        assert 'w:fldCharType="end"' in xml
        fonts = east_asian(number)
        assert {"宋体"} == fonts
        (size,) = sizes(number)
        return number.text, instructions.strip(), size, number.paragraph_format.alignment

    def test_odd_pages_on_the_right(self):
        """ "— 1 —" with a PAGE field, 宋体 四号 (14 pt), on the right, one character in."""
        section = DOCUMENT.sections[0]
        assert ("— 1 —", "PAGE", 14.0, WD_ALIGN_PARAGRAPH.RIGHT) == self.field(section.footer)
        assert Pt(14) == section.footer.paragraphs[0].paragraph_format.right_indent

    def test_seven_millimetres_below_the_text(self):
        """The number's line starts 7 mm below the text area: its 5 mm line ends 23 mm from the edge."""
        section = DOCUMENT.sections[0]
        assert 23 == round(section.footer_distance.mm)

    def test_even_pages_on_the_left(self):
        """Even pages have their own footer, with the number on the left, one character in."""
        section = DOCUMENT.sections[0]
        assert DOCUMENT.settings.odd_and_even_pages_header_footer
        assert ("— 1 —", "PAGE", 14.0, WD_ALIGN_PARAGRAPH.LEFT) == self.field(
            section.even_page_footer
        )
        assert Pt(14) == section.even_page_footer.paragraphs[0].paragraph_format.left_indent


class TestProse:
    @pytest.mark.parametrize("example", ec.examples.names())
    def test_every_zh_block_in_order(self, example):
        """Each paragraph of the zh text is a paragraph of the document, in the same order."""
        report = ec.examples.load(example)
        assert zh_blocks(report) == written(report)

    def test_zh_options_carry_over(self):
        """money_unit, numerals, capitals and previous reach the prose as they reach zh's."""
        previous = ec.AnnualReport(
            body=GULU.body,
            year=2022,
            inspection=ec.figures.InspectionFigures(
                visits=328, hazards=ec.figures.HazardFigures(found=500, rectified=490)
            ),
        )
        options = {"money_unit": "元", "capitals": True, "previous": previous}
        paragraphs = written(GULU, **options)
        assert zh_blocks(GULU, **options) == paragraphs
        text = "\n".join(paragraphs)
        assert "罚款6800.00元（人民币陆仟捌佰元整）" in text
        assert "行政检查363家次，同比上升10.67%" in text

    def test_one_source_of_the_prose(self, monkeypatch):
        """docx lays out zh's document: a change to it shows in both."""
        original = zh_module.ZhRenderer.document

        def changed(self, report, **options):
            built = original(self, report, **options)
            return zh_module.ZhDocument(
                title="改过的标题", blocks=built.blocks, body=built.body, date=built.date
            )

        monkeypatch.setattr(zh_module.ZhRenderer, "document", changed)
        assert "改过的标题" == document().paragraphs[0].text
        assert zh_blocks()[0] == "改过的标题"

    def test_the_body_and_the_date_at_the_end_on_the_right(self):
        """The issuing body and then the date, in Arabic numerals, last, placed from the left."""
        paragraphs = [p for p in DOCUMENT.paragraphs if p.text]
        body, date = paragraphs[-2:]
        assert ("重庆市渝北区古路镇人民政府", "2024年1月18日") == (body.text, date.text)
        assert {WD_ALIGN_PARAGRAPH.LEFT} == {
            body.paragraph_format.alignment,
            date.paragraph_format.alignment,
        }

    def test_the_date_starts_two_characters_right_of_the_body(self):
        """GB/T 9704 §7.3.5.2: the body two characters from the edge, the date's first character two right of the body's.

        Measured on the printed page too (test_docx_rendered); here, in the file's indents.
        """
        body, date = [p for p in DOCUMENT.paragraphs if p.text][-2:]
        pitch = 16 - 0.25  # a character condensed to fit 28 in a line
        line = 156 / 25.4 * 72
        body_end = body.paragraph_format.left_indent.pt + 13 * pitch  # 13 characters
        assert round((line - body_end) / pitch, 2) == 2
        assert (
            round(
                (date.paragraph_format.left_indent.pt - body.paragraph_format.left_indent.pt)
                / pitch,
                2,
            )
            == 2
        )

    def test_a_date_longer_than_the_body_moves_the_body(self):
        """A short body name: the date keeps two characters from the edge, the body moves left."""
        short = ec.body.EnforcementBody("某镇", ec.body.BodyLevel.TOWN)
        report = ec.AnnualReport(body=short, year=2023, published_on=dt.date(2024, 1, 18))
        body, date = [p for p in document(report).paragraphs if p.text][-2:]
        pitch, line = 16 - 0.25, 156 / 25.4 * 72
        date_end = date.paragraph_format.left_indent.pt + 6.5 * pitch  # 2024, 1, 18 and 年月日
        assert "某镇" == body.text
        assert round((line - date_end) / pitch, 2) == 2
        assert (
            round(
                (date.paragraph_format.left_indent.pt - body.paragraph_format.left_indent.pt)
                / pitch,
                2,
            )
            == 2
        )

    def test_without_a_date(self):
        """No publication date: the body ends the document, two characters from the edge."""
        report = ec.AnnualReport(body=STREET, year=2023)
        last = [p for p in document(report).paragraphs if p.text][-1]
        pitch, line = 16 - 0.25, 156 / 25.4 * 72
        assert "示例街道办事处" == last.text
        assert round((line - last.paragraph_format.left_indent.pt - 7 * pitch) / pitch, 2) == 2

    def test_headings_and_the_end_keep_with_the_next_paragraph(self):
        """Headings, the last paragraph, the blank line and the body: kept with what follows."""
        paragraphs = DOCUMENT.paragraphs
        kept = [p.text for p in paragraphs if p.paragraph_format.keep_with_next]
        headings = [b.line for b in zh_module.renderer.document(GULU).blocks if b.level]
        assert headings == [t for t in kept if t in headings]
        assert [zh_blocks()[-3], "", "重庆市渝北区古路镇人民政府"] == kept[-3:]
        assert not paragraphs[-1].paragraph_format.keep_with_next

    def test_chinese_and_no_space_between_chinese_and_digits(self):
        """The document's language is zh-CN; every paragraph turns off CJK-digit auto-spacing."""
        styles = DOCUMENT.styles.element
        language = styles.find(
            f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
        )
        assert ("zh-CN", "zh-CN") == (language.get(qn("w:val")), language.get(qn("w:eastAsia")))
        for paragraph_ in DOCUMENT.paragraphs:
            properties = paragraph_._p.pPr
            for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
                assert "0" == properties.find(qn(tag)).get(qn("w:val"))

    def test_the_title_is_broken_between_words(self):
        """The title's lines are those of title_lines, joined by line breaks in one paragraph."""
        title = DOCUMENT.paragraphs[0]
        assert "\n".join(title_lines(zh_blocks()[0])) == title.text
        assert [
            "重庆市渝北区古路镇人民政府",
            "关于2023年行政执法总体情况的报告",
        ] == title.text.split("\n")


class TestTitleLines:
    @pytest.mark.parametrize(
        ("title", "lines"),
        [
            (
                "某镇人民政府关于2023年行政执法总体情况的报告",
                ["某镇人民政府关于2023年", "行政执法总体情况的报告"],
            ),
            (
                "示例县市场监督管理局关于2023年行政执法总体情况的报告",
                ["示例县市场监督管理局关于2023年", "行政执法总体情况的报告"],
            ),
            (
                "示例市示例区示例街道办事处关于2023年行政执法总体情况的报告",
                ["示例市示例区示例街道办事处", "关于2023年行政执法总体情况的报告"],
            ),
        ],
    )
    def test_breaks_between_words(self, title, lines):
        """Never inside 市场, a number or a word; the lines as near equal as the words allow."""
        assert lines == title_lines(title)

    def test_one_line_when_it_fits(self):
        """The other side: a title of one line's width is not broken."""
        assert ["某镇关于2023年的报告"] == title_lines("某镇关于2023年的报告")

    def test_a_title_without_a_break_is_left_whole(self):
        """Nowhere to break between words: the title is left to the word processor."""
        assert ["执" * 40] == title_lines("执" * 40)


class TestOptions:
    def test_doc_number_and_addressee(self):
        """The 发文字号 centred above the title; the 主送机关 under it, with a colon."""
        texts = [
            p.text.replace("\n", "")
            for p in document(
                GULU, doc_number="古路府发〔2024〕1号", addressee="渝北区人民政府"
            ).paragraphs
        ]
        assert "古路府发〔2024〕1号" == texts[0]
        title = texts.index(zh_blocks()[0])
        assert ["", zh_blocks()[0], "", "渝北区人民政府："] == texts[1 : title + 3]

    def test_without_them_the_title_then_the_government_above(self):
        """By default no 发文字号, and the 主送机关 is the government the region names."""
        assert [zh_blocks()[0], "渝北区人民政府："] == [t for t in TEXTS if t][:2]

    def test_the_narrative_gives_them(self):
        """A narrative's addressee and document number are written when no option says otherwise."""
        report = attrs.evolve(
            GULU,
            narrative=attrs.evolve(
                GULU.narrative, addressee="渝北区司法局", doc_number="古路府发〔2024〕2号"
            ),
        )
        texts = [p.text for p in document(report).paragraphs if p.text]
        assert ["古路府发〔2024〕2号", "渝北区司法局："] == [texts[0], texts[2]]
        assert "渝北区人民政府：" in [
            p.text for p in document(report, addressee="渝北区人民政府").paragraphs
        ]

    def test_no_region_no_addressee(self):
        """The other side: a body without a region has no 主送机关 unless one is given."""
        report = ec.AnnualReport(body=STREET, year=2023)
        texts = [p.text for p in document(report).paragraphs]
        assert ["", "按照有关规定，现将我街道2023年行政执法总体情况报告如下："] == texts[1:3]

    @pytest.mark.parametrize(
        ("name", "level", "region", "expected"),
        [
            (
                "重庆市渝北区古路镇人民政府",
                ec.body.BodyLevel.TOWN,
                "重庆市渝北区",
                "渝北区人民政府",
            ),
            (
                "示例县应急管理局",
                ec.body.BodyLevel.COUNTY_DEPARTMENT,
                "示例省示例县",
                "示例县人民政府",
            ),
            ("重庆市渝北区人民政府", ec.body.BodyLevel.COUNTY, "重庆市渝北区", "重庆市人民政府"),
            ("某街道办事处", ec.body.BodyLevel.STREET, "", None),
        ],
    )
    def test_the_government_above(self, name, level, region, expected):
        """A town's and a department's go to their place's government; a government's one up."""
        assert expected == superior(ec.body.EnforcementBody(name, level, region=region))

    def test_options_are_validated(self):
        """An unknown option, or one of the wrong type, is refused like any renderer's."""
        with pytest.raises(ec.errors.RendererOptionError, match="has no option 'colour'"):
            renderers.render(GULU, "docx", colour="red")
        with pytest.raises(ec.errors.RendererOptionError, match="option 'addressee' must be str"):
            renderers.render(GULU, "docx", addressee=1)


class TestPersonalData:
    def test_identity_card_numbers_are_withheld(self):
        """As in zh: an identity-card number in the narrative is not written."""
        texts = [p.text for p in document(WITH_ID).paragraphs]
        assert "当事人（身份证号[身份证号已隐去]）拒不整改。" in texts
        assert all(ID_NUMBER not in text for text in texts)

    def test_unless_asked_for(self):
        """personal_data=True writes them."""
        texts = [p.text for p in document(WITH_ID, personal_data=True).paragraphs]
        assert f"当事人（身份证号{ID_NUMBER}）拒不整改。" in texts


class TestReproducible:
    def test_the_same_report_gives_the_same_bytes(self, monkeypatch):
        """No clock in the file: written at two moments, the documents are equal to the byte."""
        import time

        first = renderers.render(GULU, "docx")
        later = time.time() + 3 * 86400
        monkeypatch.setattr(time, "time", lambda: later)
        assert first == renderers.render(GULU, "docx")
        properties = DOCUMENT.core_properties
        assert (2024, 2024) == (properties.created.year, properties.modified.year)

    def test_parts_are_dated_by_the_year(self):
        """Every part of the package is dated the first day after the report's year."""
        data = renderers.render(GULU, "docx")
        assert isinstance(data, bytes)
        dates = {item.date_time for item in zipfile.ZipFile(io.BytesIO(data)).infolist()}
        assert {(2024, 1, 1, 0, 0, 0)} == dates


class TestRobustness:
    def test_control_characters_never_reach_the_file(self):
        """The model refuses control characters, and XML text drops any that got past it."""
        from enforcement_core.renderers._office import xml_text

        with pytest.raises(ec.InvariantError, match="control character"):
            ec.report.Narrative(opening="按照\x01有关规定\x0b：")
        assert "按照有关规定：" == xml_text("按照\x01有关规定\x0b：")

    @settings(max_examples=examples(15))
    @given(report=annual_reports())
    def test_any_report_keeps_zh_prose(self, report):
        """For any valid report, the document's paragraphs are zh's blocks."""
        paragraphs = written(report)
        built = zh_module.renderer.document(report)
        lines = [built.title, *(block.line for block in built.blocks), built.body, built.date]
        # Word has one line break: "\r" and "\r\n" read back as "\n".
        expected = [
            xml_text(line).replace("\r\n", "\n").replace("\r", "\n") for line in lines if line
        ]
        assert [line for line in expected if line] == paragraphs

    def test_missing_extra_is_named(self, monkeypatch):
        """Without python-docx, the error names the docx extra."""
        monkeypatch.setitem(sys.modules, "docx", None)
        with pytest.raises(ec.errors.MissingExtraError, match=r"enforcement-core\[docx\]"):
            renderers.render(GULU, "docx")
