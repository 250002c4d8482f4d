"""The html renderer's page: valid, accessible, standalone, the zh prose and the figures."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import html5lib
import pytest
from hypothesis import given, settings

import enforcement_core as ec
from enforcement_core import renderers
from enforcement_core.renderers.zh import renderer as zh
from profiles import examples
from strategies import annual_reports

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

GULU = ec.examples.load("gulu-2023")
NS = "{http://www.w3.org/1999/xhtml}"


def page(report: ec.AnnualReport = GULU, **options: object) -> str:
    html = renderers.render(report, "html", **options)
    assert isinstance(html, str)
    return html


def parse(html: str) -> ET.Element:
    """The page parsed strictly: any parse error (bad nesting, stray tag) fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    return parser.parse(html)


def text(element: ET.Element) -> str:
    return "".join(element.itertext())


def find_all(root: ET.Element, tag: str) -> list[ET.Element]:
    return list(root.iter(f"{NS}{tag}"))


PAGE = page()
ROOT = parse(PAGE)


def figure_rows(root: ET.Element = ROOT) -> dict[str, tuple[str, str]]:
    rows = {}
    for row in find_all(root, "tr"):
        header = row.find(f"{NS}th")
        cells = row.findall(f"{NS}td")
        if header is not None and header.get("scope") == "row":
            rows.setdefault(text(header), (text(cells[0]), text(cells[1])))
    return rows


class TestValid:
    @pytest.mark.parametrize("example", ec.examples.names())
    def test_every_example_parses_without_error(self, example):
        """html5lib in strict mode finds no parse error in any example's page."""
        parse(page(ec.examples.load(example)))

    def test_a_parse_error_is_caught(self):
        """The strict parser does fail on a broken page (the check can fail)."""
        with pytest.raises(html5lib.html5parser.ParseError):
            parse("<!DOCTYPE html><html><head><title>t</title></head><body></div></body></html>")

    def test_language_title_and_charset(self):
        """lang="zh-CN", a title, UTF-8."""
        assert "zh-CN" == ROOT.get("lang")
        assert "重庆市渝北区古路镇人民政府关于2023年行政执法总体情况的报告" == text(
            find_all(ROOT, "title")[0]
        )
        assert "utf-8" == find_all(ROOT, "meta")[0].get("charset")


class TestStandalone:
    def test_no_external_asset(self):
        """No stylesheet, script, image or font is fetched: no src, no href, no url(), no @import."""
        assert not find_all(ROOT, "script")
        assert not find_all(ROOT, "link")
        assert not find_all(ROOT, "img")
        assert all(el.get("src") is None and el.get("href") is None for el in ROOT.iter())
        assert "url(" not in PAGE
        assert "@import" not in PAGE

    def test_prints_on_a4(self):
        """The print style sets A4 and repeats the table header on each page."""
        assert "@page{size:A4;" in PAGE
        assert "thead{display:table-header-group}" in PAGE


class TestAccessible:
    def test_column_headers_are_scoped(self):
        """The table's column headers are th with scope="col": 项目, 数值, 单位."""
        (table,) = find_all(ROOT, "table")
        head = table.find(f"{NS}thead")
        headers = head.findall(f".//{NS}th")
        assert ["项目", "数值", "单位"] == [text(h) for h in headers]
        assert {"col"} == {h.get("scope") for h in headers}

    def test_every_row_has_a_header(self):
        """Each body row starts with a row header (a figure) or a row-group header (a heading)."""
        (table,) = find_all(ROOT, "table")
        for row in table.iter(f"{NS}tr"):
            first = next(iter(row))
            assert first.tag == f"{NS}th"
            assert first.get("scope") in {"col", "row", "rowgroup"}

    def test_the_table_has_a_caption_and_a_labelled_section(self):
        """A caption names the table; the section is labelled by its heading."""
        (table,) = find_all(ROOT, "table")
        assert "重庆市渝北区古路镇人民政府 2023 行政执法统计表" == text(table.find(f"{NS}caption"))
        (section,) = find_all(ROOT, "section")
        label = section.get("aria-labelledby")
        assert any(el.get("id") == label for el in ROOT.iter())

    def test_one_h1(self):
        """One h1, the title; the report's sections are h2, their subsections h3."""
        assert 1 == len(find_all(ROOT, "h1"))
        assert "二、存在的主要问题" in [text(h) for h in find_all(ROOT, "h2")]
        assert "（五）执法行为数据总体情况" in [text(h) for h in find_all(ROOT, "h3")]


class TestContent:
    def test_the_zh_prose_in_order(self):
        """Title, headings, paragraphs, body and date: zh's document, in order."""
        document = zh.document(GULU)
        expected = [
            document.title,
            *(b.line for b in document.blocks),
            document.body,
            document.date,
        ]
        (article,) = find_all(ROOT, "article")
        written = [text(el) for el in article if el.tag != f"{NS}section"]
        assert expected == written

    @pytest.mark.parametrize(
        ("label", "value", "unit"),
        [
            ("持证执法人员", "22", "名"),
            ("检查家次", "363", "家次"),
            ("查出隐患", "509", "条"),
            ("整改隐患", "502", "条"),
            ("罚款", "0.68", "万元"),  # 6800 元, in the report's 万元 to 2 places
            ("隐患整改率", "98.62", "%"),
        ],
    )
    def test_figures_with_units_in_their_own_column(self, label, value, unit):
        """The reference report's figures, each unit (and the percent sign) in the third column."""
        assert (value, unit) == figure_rows()[label]

    def test_numbers_align_right(self):
        """Every value cell is of class value, which the style aligns right."""
        (table,) = find_all(ROOT, "table")
        values = [
            row.findall(f"{NS}td")[0] for row in table.iter(f"{NS}tr") if row.findall(f"{NS}td")
        ]
        assert values
        assert {"value"} == {cell.get("class") for cell in values}
        assert "td.value{text-align:right" in PAGE

    def test_the_date_is_machine_readable(self):
        """The date of publication is a time element with its ISO date."""
        (time,) = find_all(ROOT, "time")
        assert ("2024-01-18", "2024年1月18日") == (time.get("datetime"), text(time))

    def test_data_is_escaped(self):
        """A body named with markup shows as text, nowhere as a tag."""
        body = ec.body.EnforcementBody("<script>alert(1)</script>镇", ec.body.BodyLevel.TOWN)
        html = page(ec.AnnualReport(body=body, year=2023))
        assert "<script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;镇" in html
        assert not find_all(parse(html), "script")

    def test_identity_card_numbers_are_withheld(self):
        """As in zh, unless personal_data=True."""
        report = ec.AnnualReport(
            body=GULU.body,
            year=2023,
            narrative=ec.report.Narrative(opening="身份证号500112199001011239"),
        )
        assert "500112199001011239" not in page(report)
        assert "500112199001011239" in page(report, personal_data=True)

    def test_english_labels_around_the_chinese_report(self):
        """locale=en: the table in English, the report marked as Chinese."""
        root = parse(page(locale="en"))
        assert "en" == root.get("lang")
        assert "zh-CN" == find_all(root, "article")[0].get("lang")
        assert ("509", "") == figure_rows(root)["hazards found"]


class TestFragment:
    def test_the_notebook_fragment_is_the_table_alone(self):
        """fragment=True: the table, no page, no prose."""
        fragment = page(fragment=True)
        assert not re.search("<html|<article|<h1", fragment)
        assert '">隐患整改率</td><td class="value">98.62%</td>' in fragment


class TestAnyReport:
    @settings(max_examples=examples(20), deadline=None)
    @given(report=annual_reports())
    def test_any_report_gives_a_valid_page(self, report):
        """For any valid report, the page parses without error."""
        parse(page(report))
