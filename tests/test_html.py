"""The html renderer's table of figures (fragment=True), checked against expectations worked out by hand."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

import enforcement_core as ec
from enforcement_core import renderers
from expected import ROWS, computed_rows, in_order, stated_rows


class _Table(HTMLParser):
    """The text of each table row's cells."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.caption = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self.rows[-1].append("")
        if tag in {"td", "caption"}:
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "caption"}:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "td":
            self.rows[-1][-1] += data
        elif self._in == "caption":
            self.caption += data


def table(html: str) -> _Table:
    parser = _Table()
    parser.feed(html)
    return parser


def rows(html: str) -> list[tuple[str, str, str]]:
    """The (label, value, unit) of every row with a value."""
    return [(label, value, unit) for label, value, unit in table(html).rows if value]


class TestExampleFigures:
    """Each example's figures against tests/expected.py, worked out from its data."""

    @pytest.mark.parametrize("example", sorted(ROWS))
    def test_every_figure(self, example):
        """Every figure, with its label and measure word, in order."""
        actual = rows(renderers.render(ec.examples.load(example), "html", fragment=True))
        expected = [(r.zh, r.value, r.zh_unit) for r in stated_rows(example)]
        assert [] == in_order(expected, actual)

    @pytest.mark.parametrize("example", sorted(ROWS))
    def test_nothing_else(self, example):
        """No figure is written that the expectations do not list."""
        actual = rows(renderers.render(ec.examples.load(example), "html", fragment=True))
        assert len(stated_rows(example)) == len(actual)

    @pytest.mark.parametrize("example", sorted(ROWS))
    def test_computed_when_asked_and_marked(self, example):
        """rates="computed" adds the exact computed figures, each noted as computed."""
        html = renderers.render(ec.examples.load(example), "html", fragment=True, rates="computed")
        expected = [
            (r.zh + ("（计算所得）" if r.kind == "computed" else ""), r.value, r.zh_unit)
            for r in computed_rows(example)
        ]
        actual = rows(html)
        assert [] == in_order(expected, actual)
        assert len(expected) == len(actual)
        marked = sum(1 for r in computed_rows(example) if r.kind == "computed")
        assert marked == html.count('class="computed"')
        page = renderers.render(ec.examples.load(example), "html", rates="computed")
        assert marked == page.count('<tr class="computed">')
        assert 'class="computed"' not in renderers.render(ec.examples.load(example), "html")

    @pytest.mark.parametrize("example", sorted(ROWS))
    def test_english(self, example):
        """locale='en' writes the same figures under English labels."""
        actual = rows(
            renderers.render(ec.examples.load(example), "html", locale="en", fragment=True)
        )
        expected = [(r.en, r.value, r.en_unit) for r in stated_rows(example)]
        assert [] == in_order(expected, actual)

    @pytest.mark.parametrize(
        ("example", "caption"),
        [
            (
                "gulu-2023",
                "重庆市渝北区古路镇人民政府 2023年行政执法数据（发布日期：2024年1月18日）",
            ),
            (
                "example-street-2023",
                "示例市示例区示例街道办事处 2023年行政执法数据（发布日期：2024年1月30日）",
            ),
            (
                "example-town-2022",
                "示例县示例镇人民政府 2022年行政执法数据（发布日期：2023年1月18日）",
            ),
            (
                "example-town-2023",
                "示例县示例镇人民政府 2023年行政执法数据（发布日期：2024年1月25日）",
            ),
        ],
    )
    def test_caption(self, example, caption):
        """The caption names the body, the year and the date of publication."""
        assert (
            caption
            == table(renderers.render(ec.examples.load(example), "html", fragment=True)).caption
        )
