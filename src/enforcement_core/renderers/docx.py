"""The ``docx`` renderer: the report as a Word document in the official-document format.

The layout is that of GB/T 9704-2012 (党政机关公文格式): A4 paper; margins of 37 mm
(top), 35 mm (bottom), 28 mm (left) and 26 mm (right); the body in 仿宋_GB2312 三号
(16 pt), 22 lines of 28 characters a page; the title in 方正小标宋简体 二号 (22 pt),
centred; first-level headings in 黑体, second-level in 楷体_GB2312, every paragraph
indented two characters on its first line; page numbers "— 1 —" in 宋体 四号 (14 pt),
on the right of odd pages and the left of even ones; the issuing body and the date (in
Arabic numerals, as the 2012 standard writes it) at the end, on the right.

The words are those of the ``zh`` renderer: it lays out :meth:`ZhRenderer.document
<enforcement_core.renderers.zh.ZhRenderer.document>`, with the same options, plus an
optional 发文字号 (``doc_number``) and 主送机关 (``addressee``).

python-docx is imported when a document is first written (the ``docx`` extra).
"""

from __future__ import annotations

import io
import itertools
import math
import re
import unicodedata
from typing import TYPE_CHECKING, Any, Final

from enforcement_core._extras import require
from enforcement_core._mapping import FrozenMap
from enforcement_core.renderers._base import Option, validate_options
from enforcement_core.renderers._office import repack, written_on, xml_text
from enforcement_core.renderers.zh import renderer as zh

if TYPE_CHECKING:
    from collections.abc import Mapping

    from enforcement_core.body import EnforcementBody
    from enforcement_core.renderers.zh import ZhDocument
    from enforcement_core.report import AnnualReport

__all__ = ["LAYOUT", "DocxRenderer", "renderer", "superior", "title_lines"]

#: The figures of the layout (GB/T 9704-2012 §5.2, §7), in millimetres and points.
LAYOUT: Final[Mapping[str, Any]] = FrozenMap(
    {
        "page_mm": (210, 297),
        # §5.2.1: 天头 37 mm, 订口 28 mm; the text area 156 mm × 225 mm leaves 35 mm and 26 mm.
        "margins_mm": {"top": 37, "bottom": 35, "left": 28, "right": 26},
        "body_font": "仿宋_GB2312",
        "body_pt": 16,  # 三号
        "title_font": "方正小标宋简体",
        "title_pt": 22,  # 二号
        "heading_fonts": ("黑体", "楷体_GB2312"),  # §7.3.3: 第一层 黑体, 第二层 楷体
        "page_number_font": "宋体",
        "page_number_pt": 14,  # 四号
        "lines": 22,
        "characters": 28,
    }
)

# When the exact font is missing, Word and WPS look in the font table for a font of the
# same character set (86: GB2312) and its alternative name; these are installed with
# every Chinese Windows, so the substitute is the right family, not a Latin serif.
_ALTERNATIVES: Final = {
    "仿宋_GB2312": "仿宋",
    "方正小标宋简体": "宋体",
    "楷体_GB2312": "楷体",
    "黑体": "SimHei",
    "宋体": "SimSun",
}
# 225 mm of text height over 22 lines is 28.99 pt; 28.95 pt (579 twentieths), rounded
# down to the twentieth, keeps the 22nd line on the page, as the usual 公文 templates do.
_LINE_PT: Final = math.floor(225 / 25.4 * 72 / 22 * 20) / 20
# The elements of a paragraph's properties after w:autoSpaceDN, in the schema's order.
_AFTER_AUTO_SPACE: Final = (
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_FULL_WIDTH: Final = frozenset("WF")
_CONDENSED_TWIPS: Final = -5  # twentieths of a point
# §5.2.1: the text area is 156 mm wide.
_TEXT_WIDTH_PT: Final = 156 / 25.4 * 72
# Where a title's line may end (§7.3.1: 回行时要做到词意完整): after a place's or an
# office's name, before 关于 and 的报告, after a year; never inside a word or a number.
_ENDS_AFTER: Final = ("人民政府", "街道办事处", "办事处", "委员会", "行政执法")
_STARTS: Final = ("关于", "的报告")
_PLACE_ENDS: Final = frozenset("省市区县镇乡旗盟州局")
# Characters that make a word with the place's last character (市场, 区域, 县级, 镇长 …).
_NOT_AFTER_PLACE: Final = frozenset("场民政区县委人长容级辖域镇村")


def _width_in_characters(text: str) -> float:
    """How many body characters ``text`` takes: a Chinese character one, a digit half."""
    return sum(1 if unicodedata.east_asian_width(c) in _FULL_WIDTH else 0.5 for c in text)


def _title_breaks(title: str) -> list[int]:
    """The positions a title's line may end at, the title's end included."""
    stops = []
    for index in range(1, len(title)):
        before, after = title[:index], title[index:]
        if (
            after.startswith(_STARTS)
            or before.endswith(_ENDS_AFTER)
            or (before.endswith("年") and before[-2:-1].isdigit() and not after.startswith("度"))
            or (before[-1] in _PLACE_ENDS and after[0] not in _NOT_AFTER_PLACE)
        ):
            stops.append(index)
    return [*stops, len(title)]


def title_lines(title: str, width: float = 0) -> list[str]:
    """The lines of a title of the 二号 size, broken only between words, as few as fit.

    Of the breaks that give the fewest lines, the one whose longest line is shortest:
    the lines come out near equal, a trapezoid or a diamond (§7.3.1). ``width`` is the
    line's capacity in title characters (a digit half of one), the text area's by default.

    Examples:
        >>> title_lines("重庆市渝北区古路镇人民政府关于2023年行政执法总体情况的报告")
        ['重庆市渝北区古路镇人民政府', '关于2023年行政执法总体情况的报告']
        >>> title_lines("某镇人民政府关于2023年行政执法总体情况的报告")
        ['某镇人民政府关于2023年', '行政执法总体情况的报告']
    """
    # A character or two short of the full line: the title font is wider than its size.
    width = width or math.floor(_TEXT_WIDTH_PT / LAYOUT["title_pt"]) - 1
    stops = [0, *_title_breaks(title)]
    best: list[str] | None = None
    # The fewest lines, then the shortest longest line, found over every choice of stops.
    choices: dict[int, tuple[int, float, list[int]]] = {0: (0, 0.0, [0])}
    for end in stops[1:]:
        options = []
        for start, (lines, longest, path) in choices.items():
            if start >= end:
                continue
            wide = _width_in_characters(title[start:end])
            if wide <= width:
                options.append((lines + 1, max(longest, wide), [*path, end]))
        if options:
            choices[end] = min(options, key=lambda option: (option[0], option[1]))
    if len(title) in choices:
        path = choices[len(title)][2]
        best = [title[a:b] for a, b in itertools.pairwise(path)]
    return best or [title]


class _Writer:
    """Lays out one :class:`ZhDocument` with python-docx."""

    def __init__(self, docx: Any) -> None:
        self.docx = docx
        self.shared = require("docx.shared", "docx", "Word documents")
        self.oxml = require("docx.oxml", "docx", "Word documents")
        self.ns = require("docx.oxml.ns", "docx", "Word documents")
        self.enum = require("docx.enum.text", "docx", "Word documents")
        self.document = docx.Document()

    def element(self, tag: str, **attributes: str) -> Any:
        node = self.oxml.OxmlElement(tag)
        for name, value in attributes.items():
            node.set(self.ns.qn(f"w:{name}"), value)
        return node

    def font(self, run: Any, name: str, size: float) -> None:
        """Name the font for every script of the run, the East Asian one included."""
        run.font.name = name
        run.font.size = self.shared.Pt(size)
        fonts = run._element.get_or_add_rPr().get_or_add_rFonts()  # noqa: SLF001
        for script in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(self.ns.qn(f"w:{script}"), name)
        fonts.set(self.ns.qn("w:hint"), "eastAsia")
        if size == LAYOUT["body_pt"]:
            # 28 characters of 16 pt are 448 pt; the 156 mm line holds 442.2 pt. Condensed
            # by 0.25 pt each, 28 fit in every application (a character grid does the same
            # in Word but not in LibreOffice, which spreads the characters instead).
            spacing = self.element("w:spacing", val=str(_CONDENSED_TWIPS))
            run._element.rPr.sz.addprevious(spacing)  # noqa: SLF001  (w:spacing precedes w:sz)

    def paragraph(  # noqa: PLR0913  (the few things a paragraph of the 公文 varies in)
        self,
        text: str,
        font: str = LAYOUT["body_font"],
        size: float = LAYOUT["body_pt"],
        *,
        align: str = "JUSTIFY",
        indent: float = 2,
        right: float = 0,
        keep: bool = False,
    ) -> Any:
        """A paragraph on the line grid; ``indent`` and ``right`` in characters of the body.

        ``keep`` keeps it on the page of the paragraph after it (a heading with its text).
        """
        paragraph = self.document.add_paragraph()
        layout = paragraph.paragraph_format
        layout.alignment = getattr(self.enum.WD_ALIGN_PARAGRAPH, align)
        if keep:
            layout.keep_with_next = True
        layout.line_spacing_rule = self.enum.WD_LINE_SPACING.EXACTLY
        layout.line_spacing = self.shared.Pt(_LINE_PT)
        layout.space_before = layout.space_after = self.shared.Pt(0)
        body_pt = LAYOUT["body_pt"]
        if indent:
            layout.first_line_indent = self.shared.Pt(indent * body_pt)
            # WPS reads the indent in characters; Word reads either.
            paragraph._p.get_or_add_pPr().get_or_add_ind().set(  # noqa: SLF001
                self.ns.qn("w:firstLineChars"), str(round(indent * 100))
            )
        if right:
            layout.right_indent = self.shared.Pt(right * body_pt)
        self.no_auto_space(paragraph)
        if text:
            self.font(paragraph.add_run(xml_text(text)), font, size)
        return paragraph

    def no_auto_space(self, paragraph: Any) -> None:
        """No space added between Chinese and digits in the paragraph ("共22名", not "共 22 名").

        LibreOffice reads the setting on paragraphs, not from the document's defaults.
        """
        properties = paragraph._p.get_or_add_pPr()  # noqa: SLF001
        for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
            properties.insert_element_before(self.element(tag, val="0"), *_AFTER_AUTO_SPACE)

    def page(self) -> None:
        """A4, the margins, the line and character grid, and the page numbers."""
        shared = self.shared
        section = self.document.sections[0]
        width, height = LAYOUT["page_mm"]
        section.page_width, section.page_height = shared.Mm(width), shared.Mm(height)
        margins = LAYOUT["margins_mm"]
        section.top_margin = shared.Mm(margins["top"])
        section.bottom_margin = shared.Mm(margins["bottom"])
        section.left_margin = shared.Mm(margins["left"])
        section.right_margin = shared.Mm(margins["right"])
        # §7.5: the top of the number 7 mm below the text area, which ends 35 mm above the
        # paper's edge; the footer distance is to the bottom of its 四号 line (about 5 mm).
        section.footer_distance = shared.Mm(margins["bottom"] - 7 - 5)
        # 22 lines a page: the line grid's pitch, in twentieths of a point (28.95 pt).
        grid = section._sectPr.find(self.ns.qn("w:docGrid"))  # noqa: SLF001
        if grid is None:
            grid = self.element("w:docGrid")
            section._sectPr.append(grid)  # noqa: SLF001
        grid.set(self.ns.qn("w:type"), "lines")
        grid.set(self.ns.qn("w:linePitch"), str(round(_LINE_PT * 20)))
        # §7.5: odd pages' numbers on the right, even pages' on the left, one character in.
        self.document.settings.odd_and_even_pages_header_footer = True
        self.page_number(section.footer, "RIGHT")
        self.page_number(section.even_page_footer, "LEFT")
        self.defaults()

    def defaults(self) -> None:
        """Chinese as the document's language; no space added between Chinese and digits.

        Word and LibreOffice add a quarter-em between Chinese characters and digits or
        Latin letters by default ("共 22 名"); a 公文 writes "共22名".
        """
        styles = self.document.styles.element
        qn = self.ns.qn
        defaults = styles.find(qn("w:docDefaults"))
        language = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
        language.set(qn("w:val"), "zh-CN")
        language.set(qn("w:eastAsia"), "zh-CN")
        paragraph = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
        for tag in ("w:autoSpaceDN", "w:autoSpaceDE"):
            paragraph.insert(0, self.element(tag, val="0"))

    def page_number(self, footer: Any, side: str) -> None:
        paragraph = footer.paragraphs[0]
        self.no_auto_space(paragraph)
        layout = paragraph.paragraph_format
        layout.alignment = getattr(self.enum.WD_ALIGN_PARAGRAPH, side)
        one = self.shared.Pt(LAYOUT["page_number_pt"])
        if side == "RIGHT":
            layout.right_indent = one
        else:
            layout.left_indent = one
        font, size = LAYOUT["page_number_font"], LAYOUT["page_number_pt"]
        self.font(paragraph.add_run("— "), font, size)
        for part in ("begin", "PAGE", "separate", "1", "end"):
            run = paragraph.add_run()
            self.font(run, font, size)
            if part in {"begin", "separate", "end"}:
                run._r.append(self.element("w:fldChar", fldCharType=part))  # noqa: SLF001
            elif part == "PAGE":
                instruction = self.element("w:instrText")
                instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                instruction.text = " PAGE "
                run._r.append(instruction)  # noqa: SLF001
            else:
                run.text = part
        self.font(paragraph.add_run(" —"), font, size)

    def write(
        self, document: ZhDocument, year: int, doc_number: str | None, addressee: str | None
    ) -> None:
        self.page()
        properties = self.document.core_properties
        properties.title, properties.author = xml_text(document.title), xml_text(document.body)
        # No clock in the file: the same report gives the same document.
        properties.created = properties.modified = written_on(year)
        if doc_number:
            # §7.2.4: the 发文字号 centred, above the title when there is no 版头 around it.
            self.paragraph(doc_number, align="CENTER", indent=0)
            self.paragraph("", indent=0)
        self.title(document.title)
        self.paragraph("", indent=0)  # §7.3.1: one blank line under the title
        if addressee:
            # §7.3.2: the 主送机关 flush left, under the title, with a full-width colon.
            self.paragraph(addressee.rstrip("：:") + "：", align="LEFT", indent=0)
        heading_fonts = LAYOUT["heading_fonts"]
        last = len(document.blocks) - 1
        for index, block in enumerate(document.blocks):
            if block.level:
                font = (
                    heading_fonts[block.level - 1]
                    if block.level <= len(heading_fonts)
                    else LAYOUT["body_font"]
                )
                # A heading is never the last line of a page: it goes with its text.
                self.paragraph(block.line, font, align="LEFT", keep=True)
            else:
                # §7.3.5: the issuing body and the date share a page with the text.
                self.paragraph(block.text, keep=index == last)
        self.signature(document)

    def title(self, title: str) -> None:
        """The title, centred, its lines broken between words (§7.3.1)."""
        paragraph = self.paragraph(
            "", LAYOUT["title_font"], LAYOUT["title_pt"], align="CENTER", indent=0
        )
        for number, line in enumerate(title_lines(title)):
            run = paragraph.add_run()
            self.font(run, LAYOUT["title_font"], LAYOUT["title_pt"])
            if number:
                run.add_break()
            run.add_text(xml_text(line))

    def signature(self, document: ZhDocument) -> None:
        """The body and the date, on the right (GB/T 9704-2012 §7.3.5.2, unsealed).

        The body sits two characters from the right edge; the date under it, its first
        character two characters to the right of the body's first (or the body moves
        left when the date is the longer).
        """
        date = document.date or ""
        self.paragraph("", indent=0, keep=True)  # one blank line under the text
        body_width = _width_in_characters(document.body)
        date_width = _width_in_characters(date)
        pitch = LAYOUT["body_pt"] + _CONDENSED_TWIPS / 20
        line = _TEXT_WIDTH_PT / pitch
        # Both placed from the left, where the body's start is known: the date's digits
        # are as wide as the font makes them, so the date's end is an estimate.
        # §7.3.5.2: a date longer than the body keeps two characters from the edge and
        # the body moves left. A date within a character of the body's length is taken as
        # longer: its digits are as wide as the font makes them (LibreOffice's are wider
        # than half a character), and placed two right of the body it could run past the edge.
        if date_width > body_width - 1:
            date_left = line - 2.0 - date_width
            body_left = date_left - 2.0
        else:
            body_left = line - 2.0 - body_width
            date_left = body_left + 2.0
        body = self.paragraph(document.body, align="LEFT", indent=0, keep=bool(date))
        body.paragraph_format.left_indent = self.shared.Pt(body_left * pitch)
        if date:
            placed = self.paragraph(date, align="LEFT", indent=0)
            placed.paragraph_format.left_indent = self.shared.Pt(date_left * pitch)

    def to_bytes(self, year: int) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return repack(buffer.getvalue(), year, {_FONT_TABLE: _with_font_alternatives})


_FONT_TABLE: Final = "word/fontTable.xml"


def _with_font_alternatives(table: bytes) -> bytes:
    """The font table with each of our fonts in it, with its substitute."""
    fonts = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alternative}"/>'
        '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
        for name, alternative in _ALTERNATIVES.items()
    )
    text = re.sub(r"</w:fonts>\s*$", fonts + "</w:fonts>", table.decode("utf-8"))
    return text.encode("utf-8")


_UNITS: Final = re.compile(r".+?(?:自治区|自治州|自治县|特别行政区|省|市|州|盟|地区|区|县|旗)")


def superior(body: EnforcementBody) -> str | None:
    """The 主送机关 of a body's report: the people's government above it, from its region.

    A town's, a street's or a department's report goes to the government of the last
    place its region names; a government's own report to the government one place up.
    ``None`` when the region names no place.

    Examples:
        >>> from enforcement_core.body import BodyLevel, EnforcementBody
        >>> superior(
        ...     EnforcementBody("重庆市渝北区古路镇人民政府", BodyLevel.TOWN, region="重庆市渝北区")
        ... )
        '渝北区人民政府'
        >>> superior(
        ...     EnforcementBody("重庆市渝北区人民政府", BodyLevel.COUNTY, region="重庆市渝北区")
        ... )
        '重庆市人民政府'
        >>> superior(EnforcementBody("某镇人民政府", BodyLevel.TOWN)) is None
        True
    """
    places = _UNITS.findall(body.region or "")
    if places and body.name in ("".join(places) + "人民政府", places[-1] + "人民政府"):
        places = places[:-1]
    return f"{places[-1]}人民政府" if places else None


class DocxRenderer:
    r"""The report as a Word document in the national official-document format.

    The same prose as ``zh`` (one source of it, :meth:`ZhRenderer.document
    <enforcement_core.renderers.zh.ZhRenderer.document>`), the same options, and
    two of its own: the 发文字号 and the 主送机关.

    Examples:
        >>> import io, docx
        >>> from enforcement_core import examples
        >>> data = renderer.render(examples.load("gulu-2023"), addressee="渝北区人民政府")
        >>> document = docx.Document(io.BytesIO(data))
        >>> [p.text for p in document.paragraphs[:3]]
        ['重庆市渝北区古路镇人民政府\n关于2023年行政执法总体情况的报告', '', '渝北区人民政府：']
        >>> round(document.sections[0].page_width.mm), round(document.sections[0].top_margin.mm)
        (210, 37)
    """

    #: The name it is registered under.
    name = "docx"
    #: Office Open XML, the word-processing kind.
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    #: The file extension.
    extension = ".docx"
    #: The options it accepts: those of ``zh``, the 发文字号 and the 主送机关.
    options: Mapping[str, Option] = FrozenMap(
        {
            **zh.options,
            "doc_number": Option(
                str, None, "the 发文字号, e.g. 古路府发〔2024〕1号 (default: the narrative's)"
            ),
            "addressee": Option(
                str, None, "the 主送机关, e.g. 渝北区人民政府 (default: the narrative's)"
            ),
        }
    )

    def render(self, report: AnnualReport, **options: Any) -> bytes:
        """The report as the bytes of a ``.docx`` file.

        Raises:
            RendererOptionError: An option it does not take, or a value it cannot use.
            MissingExtraError: python-docx is not installed (the ``docx`` extra).
        """
        options = validate_options(self, options)
        # The options win over what the report's narrative gives (a ledger's 报告正文 sheet);
        # a 报告 goes up to the government above the body, which its region names.
        doc_number = options.pop("doc_number") or report.narrative.doc_number or None
        addressee = options.pop("addressee") or report.narrative.addressee or superior(report.body)
        docx = require("docx", "docx", "Word documents")
        writer = _Writer(docx)
        writer.write(zh.document(report, **options), report.year, doc_number, addressee)
        return writer.to_bytes(report.year)


#: The instance the entry point names.
renderer = DocxRenderer()
