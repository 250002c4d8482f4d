"""The text renderer: every figure and rate, aligned for a terminal."""

from __future__ import annotations

import re

import pytest

import enforcement_core as ec
from enforcement_core import renderers
from enforcement_core.renderers.text import display_width

GULU = ec.examples.load("gulu-2023")
LEDGER = ec.examples.load_records("gulu-2023")


class TestGolden:
    @pytest.mark.parametrize("locale", ["zh_CN", "en"])
    @pytest.mark.parametrize("example", ec.examples.names())
    def test_examples(self, golden, example, locale):
        """Each example's text summary, as reviewed."""
        report = ec.examples.load(example)
        golden(f"{example}.text.{locale}.txt", renderers.render(report, "text", locale=locale))

    def test_records(self, golden):
        """The summary of the synthetic ledger, every figure of it."""
        golden("gulu-2023-records.text.zh_CN.txt", renderers.render(LEDGER, "text"))


class TestColumns:
    @pytest.mark.parametrize("locale", ["zh_CN", "en"])
    def test_values_end_in_one_column(self, locale):
        """CJK labels count double, so every value ends at the same terminal column."""
        lines = renderers.render(LEDGER, "text", locale=locale).splitlines()[3:]
        value = re.compile(r"^.*?\S {2,}[0-9,.%—]+")
        ends = {display_width(match.group()) for line in lines if (match := value.match(line))}
        assert 1 == len(ends)
        assert 40 < len([line for line in lines if value.match(line)])

    def test_display_width(self):
        """Wide characters take two columns, narrow ones one."""
        assert (4, 2, 3) == (display_width("隐患"), display_width("ab"), display_width("%百"))


class TestFigures:
    def test_every_figure_and_rate(self):
        """The figures and rates of the reference report all appear."""
        text = renderers.render(GULU, "text")
        for expected in (
            "22 名",
            "243 件",
            "209 件",
            "363 家次",
            "509 条",
            "502 条",
            "98.62%",
            "6,800.00 元",
            "216 起",
        ):
            assert expected in text

    def test_english_labels_and_numbers(self):
        """locale='en' writes English labels and the locale's grouping."""
        text = renderers.render(LEDGER, "text", locale="en")
        assert "rectification rate" in text
        assert "6,800.00 yuan" in text

    def test_no_data_no_section(self):
        """A report with no data for a category has no section for it."""
        text = renderers.render(ec.AnnualReport(body=GULU.body, year=2023), "text")
        assert "行政处罚" not in text
