"""The Word document as printed: GB/T 9704-2012 measured on the PDF LibreOffice makes of it."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata

import pytest

import enforcement_core as ec
from rendered import MM, PAGE, Line, Page, pages, to_pdf

BODY_PT, TITLE_PT, NUMBER_PT = 16, 22, 14
LEFT, RIGHT = 28 * MM, PAGE[0] - 26 * MM  # the text area's edges (§5.2.1)
TOP, BOTTOM = 37 * MM, PAGE[1] - 35 * MM
PUBLISHED = dt.date(2024, 1, 18)
# One paragraph of 26 characters is one line (two characters of indent): lines counted.
LINE = "执" * 26
HANGING = frozenset("，。、；：？！”’）》")


def town(name: str, region: str = "某县") -> ec.body.EnforcementBody:
    return ec.body.EnforcementBody(name, ec.body.BodyLevel.TOWN, region=region)


def narrative(*sections: tuple[str, int]) -> ec.report.Narrative:
    """Sections of one-line paragraphs: (title, how many)."""
    return ec.report.Narrative(
        opening="按照有关规定，现报告如下：",
        sections=tuple(
            ec.report.Section(title=title, paragraphs=(LINE,) * count) for title, count in sections
        ),
    )


#: The words each test title is made of: a line may end only where one does.
LONG_WORDS = ["广西壮族自治区", "百色市", "那坡县", "城厢镇", "人民政府"]
SHORT_WORDS = ["某镇", "人民政府"]
TITLE_WORDS = ["关于", "2023年", "行政执法", "总体情况", "的", "报告"]
# Words of the examples' titles a line may not break (and numbers: "0-9").
WHOLE = [
    "0-9",
    "关于",
    "行政执法",
    "总体情况",
    "报告",
    "人民政府",
    "街道办事处",
    "示例",
    "交通运输局",
    "应急管理局",
    "市场监督管理局",
    "规划和自然资源局",
]

DOCUMENTS = {
    **{name: ec.examples.load(name) for name in ec.examples.names()},
    "gulu": ec.examples.load("gulu-2023"),
    "street": ec.examples.load("example-street-2023"),
    "long": ec.AnnualReport(
        body=town("".join(LONG_WORDS), "广西壮族自治区百色市那坡县"),
        year=2023,
        published_on=PUBLISHED,
        narrative=narrative(("工作情况", 3)),
    ),
    "short": ec.AnnualReport(
        body=town("".join(SHORT_WORDS)),
        year=2023,
        published_on=PUBLISHED,
        narrative=narrative(("工作情况", 3)),
    ),
    # Lines 1–2 the title, 3 blank, 4 the 主送机关, 5 the opening, 6 a heading, 7–21
    # paragraphs: the second heading falls on line 22, the last of page 1.
    "stranded-heading": ec.AnnualReport(
        body=town("某镇人民政府"),
        year=2023,
        published_on=PUBLISHED,
        narrative=narrative(("工作情况", 15), ("存在的主要问题", 3)),
    ),
    # The text ends on line 22: the body and the date would stand alone on page 2. The
    # body is as long as the date (7 characters): the date must not run past the edge.
    "lonely-signature": ec.AnnualReport(
        body=town("某某镇人民政府"),
        year=2023,
        published_on=PUBLISHED,
        narrative=narrative(("工作情况", 16)),
    ),
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Page]]:
    """Every document's pages, as LibreOffice prints them (one conversion for the module)."""
    folder = tmp_path_factory.mktemp("docx")
    files = []
    for name, report in DOCUMENTS.items():
        path = folder / f"{name}.docx"
        data = ec.render(report, "docx")
        assert isinstance(data, bytes)
        path.write_bytes(data)
        files.append(path)
    return {name: pages(pdf) for name, pdf in to_pdf(files, folder).items()}


def text_lines(page: list[Line]) -> list[Line]:
    """The lines of the text area: the page number left out."""
    return [line for line in page if line.top < BOTTOM]


def number_line(page: list[Line]) -> Line:
    (line,) = [line for line in page if line.top >= BOTTOM]
    return line


def wide(text: str) -> bool:
    return all(unicodedata.east_asian_width(c) in "WF" for c in text)


class TestTitle:
    @pytest.mark.parametrize(
        ("name", "words"),
        [
            ("long", LONG_WORDS),
            ("short", SHORT_WORDS),
            ("gulu", ["重庆市", "渝北区", "古路镇", "人民政府"]),
        ],
    )
    def test_lines_break_only_between_words(self, printed, name, words):
        """§7.3.1: each line of the title ends where a word does; the lines read the title."""
        title_lines = [line for line in printed[name][0] if round(line.size) == TITLE_PT]
        title = "".join([*words, *TITLE_WORDS])
        assert title == "".join(line.text for line in title_lines)
        ends = {len("".join([*words, *TITLE_WORDS][:n])) for n in range(1, 20)}
        position = 0
        for line in title_lines[:-1]:
            position += len(line.text)
            assert position in ends, (line.text, title)

    @pytest.mark.parametrize("name", ec.examples.names())
    def test_the_examples_titles_keep_their_words_whole(self, printed, name):
        """No line of a built-in example's title ends inside a word or a number."""
        title_lines = [line for line in printed[name][0] if round(line.size) == TITLE_PT]
        title = "".join(line.text for line in title_lines)
        assert ec.render(DOCUMENTS[name], "zh").splitlines()[0] == title
        assert len(title_lines) >= 2
        spans = [
            range(m.start() + 1, m.end())
            for word in WHOLE
            for m in re.finditer(re.escape(word) if word != "0-9" else r"[0-9]+", title)
        ]
        position = 0
        for line in title_lines[:-1]:
            position += len(line.text)
            assert not any(position in span for span in spans), (line.text, title)

    def test_a_long_title_takes_three_lines_within_the_text_area(self, printed):
        """37.5 characters, the body's name alone 20: three lines, each centred, none past the edges."""
        title_lines = [line for line in printed["long"][0] if round(line.size) == TITLE_PT]
        assert 3 == len(title_lines)
        for line in title_lines:
            assert LEFT - 1 <= line.x0
            assert line.x1 <= RIGHT + 1
            assert abs((line.x0 + line.x1) / 2 - (LEFT + RIGHT) / 2) < 3


class TestPage:
    def test_a4(self, printed):
        """Every page of every document is A4 portrait."""
        for document in printed.values():
            for page in document:
                assert (page.width, page.height) == pytest.approx(PAGE, abs=1)

    def test_22_lines_of_28_characters(self, printed):
        """§5.2.2: a full page of the example holds 22 lines; a full line 28 characters."""
        page = text_lines(printed["gulu"][1])
        assert 22 == len(page)
        pitches = {round(b.top - a.top, 1) for a, b in itertools.pairwise(page)}
        assert all(abs(pitch - 28.95) < 0.2 for pitch in pitches), pitches
        full = [line for line in page if wide(line.text) and line.x0 < LEFT + 2]
        assert full, "no full line of Chinese on the page"
        assert {28} == {len(line.text) for line in full if line.x1 > RIGHT - 3}

    def test_the_margins(self, printed):
        """§5.2.1: the text within 28 mm left, 26 mm right, 37 mm top and 35 mm bottom.

        A full-width mark of punctuation ending a line may hang past the right edge, as
        Word and LibreOffice both let it by default (行尾标点悬挂); the characters do not.
        """
        for page in printed["gulu"]:
            lines = text_lines(page)
            assert min(line.x0 for line in lines) == pytest.approx(LEFT, abs=1.5)
            for line in lines:
                chars = line.chars[:-1] if line.chars[-1]["text"] in HANGING else line.chars
                assert chars[-1]["x1"] <= RIGHT + 1.5, line
            assert lines[0].top == pytest.approx(TOP, abs=6)
            assert lines[-1].bottom <= BOTTOM + 1
        justified = [line for line in text_lines(printed["gulu"][1]) if line.x0 < LEFT + 2]
        assert max(
            line.chars[-1]["x1"] for line in justified if line.chars[-1]["text"] not in HANGING
        ) == pytest.approx(RIGHT, abs=1.5)

    def test_page_numbers_odd_right_even_left(self, printed):
        """§7.5: — 1 — one character in from the right on odd pages, from the left on even."""
        document = printed["gulu"]
        assert len(document) >= 3
        for index, page in enumerate(document, start=1):
            number = number_line(page)
            assert f"—{index}—" == number.text.replace(" ", "")
            assert round(number.size) == NUMBER_PT
            if index % 2:
                assert number.x1 == pytest.approx(RIGHT - NUMBER_PT, abs=2)
            else:
                assert number.x0 == pytest.approx(LEFT + NUMBER_PT, abs=2)
            # 7 mm below the text area, to the top of the line (the glyphs sit a little lower).
            assert number.top == pytest.approx(BOTTOM + 7 * MM, abs=5)


class TestEnd:
    @pytest.mark.parametrize(
        "name", [name for name, report in DOCUMENTS.items() if report.published_on is not None]
    )
    def test_the_body_and_the_date_share_a_page_with_text(self, printed, name):
        """§7.3.5: the last page holds text above the issuing body and the date, each on one line."""
        last = text_lines(printed[name][-1])
        written = ec.renderers.get("zh").document(DOCUMENTS[name])
        texts = [line.text for line in last]
        assert [written.body, written.date] == texts[-2:]
        assert len(texts) > 2

    def test_the_text_ending_on_the_last_line_takes_its_last_lines_along(self, printed):
        """The document whose text fills page 1: its last paragraph moves with the signature."""
        document = printed["lonely-signature"]
        assert 2 == len(document)
        assert LINE in [line.text for line in text_lines(document[1])]

    @pytest.mark.parametrize("name", ["gulu", "long", "street"])
    def test_the_date_two_characters_right_of_the_body(self, printed, name):
        """§7.3.5.2: the body two characters from the edge; the date's first character two right of its first."""
        body, date = text_lines(printed[name][-1])[-2:]
        assert DOCUMENTS[name].body.name == body.text
        assert body.x1 == pytest.approx(RIGHT - 2 * BODY_PT, abs=2)
        assert date.x0 - body.x0 == pytest.approx(2 * BODY_PT, abs=2)

    @pytest.mark.parametrize("name", ["short", "stranded-heading", "lonely-signature"])
    def test_a_date_longer_than_the_body_moves_the_body(self, printed, name):
        """§7.3.5.2: a date longer than 某镇人民政府 keeps two characters from the edge, the body moves left.

        The date's end is placed from the width of its digits as the standard's fonts
        have them (half a character); LibreOffice's font draws them wider and adds space
        between digits and Chinese (it ignores the document's setting), so its date ends
        nearer the edge, never past it.
        """
        body, date = text_lines(printed[name][-1])[-2:]
        assert (DOCUMENTS[name].body.name, "2024年1月18日") == (body.text, date.text)
        assert date.x0 - body.x0 == pytest.approx(2 * BODY_PT, abs=2)
        assert RIGHT - 2 * BODY_PT - 2 <= date.x1 <= RIGHT
        assert body.x1 < RIGHT - 2 * BODY_PT - BODY_PT / 2


class TestHeadings:
    @pytest.mark.parametrize("name", list(DOCUMENTS))
    def test_no_heading_ends_a_page(self, printed, name):
        """A heading is kept with its text: never the last line of a page."""
        headings = {
            block.line
            for block in ec.renderers.get("zh").document(DOCUMENTS[name]).blocks
            if block.level
        }
        for page in printed[name][:-1]:
            assert text_lines(page)[-1].text not in headings

    def test_the_heading_that_would_end_page_1_opens_page_2(self, printed):
        """The document built to put a heading on line 22: it moves to page 2 with its text."""
        first, second = printed["stranded-heading"][:2]
        assert "二、存在的主要问题" == text_lines(second)[0].text
        # Line 21 (the blank line 3 holds no text) ends page 1, line 22 is left empty.
        assert 20 == len(text_lines(first))
        addressee, last = text_lines(first)[2], text_lines(first)[-1]  # lines 4 and 21
        assert "某县人民政府：" == addressee.text
        assert last.top == pytest.approx(addressee.top + 17 * 28.95, abs=1)


class TestAddressee:
    def test_a_report_goes_to_the_government_above(self, printed):
        """A 报告 has its 主送机关, under the title, flush left: the region's government."""
        lines = [line.text for line in text_lines(printed["gulu"][0])]
        assert "渝北区人民政府：" == lines[2]
        addressee = text_lines(printed["gulu"][0])[2]
        assert addressee.x0 == pytest.approx(LEFT, abs=1.5)
