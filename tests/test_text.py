"""The text renderer: every figure and rate, aligned for a terminal."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

import enforcement_core as ec
from enforcement_core import renderers
from enforcement_core.renderers.text import display_width
from expected import ROWS, computed_rows, in_order, stated_rows

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


# A line with a value: the label, two spaces or more, the value, perhaps a unit.
_ROW = re.compile(
    r"^\s*(?P<label>\S.*?)\s{2,}(?P<value>[0-9][0-9,]*(?:\.[0-9]+)?%?)(?: (?P<unit>\S.*))?$"
)


def rows(text: str) -> list[tuple[str, str, str]]:
    """The (label, value, unit) of every line with a value."""
    return [
        (match["label"], match["value"], match["unit"] or "")
        for line in text.splitlines()
        if (match := _ROW.match(line))
    ]


class TestExampleFigures:
    """Each example's figures against tests/expected.py, worked out from its data."""

    @pytest.mark.parametrize("example", sorted(ROWS))
    def test_chinese(self, example):
        """Every figure, with its label and measure word, in order."""
        actual = rows(renderers.render(ec.examples.load(example), "text"))
        expected = [(r.zh, r.value, r.zh_unit) for r in stated_rows(example)]
        assert [] == in_order(expected, actual)

    @pytest.mark.parametrize("example", sorted(ROWS))
    def test_english(self, example):
        """Every figure with its English label, in order; money in yuan."""
        actual = rows(renderers.render(ec.examples.load(example), "text", locale="en"))
        expected = [(r.en, r.value, r.en_unit) for r in stated_rows(example)]
        assert [] == in_order(expected, actual)

    @pytest.mark.parametrize("locale", ["zh_CN", "en"])
    @pytest.mark.parametrize("example", sorted(ROWS))
    def test_nothing_else(self, example, locale):
        """No figure is written that the expectations do not list: as many rows, no more."""
        actual = rows(renderers.render(ec.examples.load(example), "text", locale=locale))
        assert len(stated_rows(example)) == len(actual)

    @pytest.mark.parametrize("example", sorted(ROWS))
    def test_computed_when_asked_and_marked(self, example):
        """rates="computed" adds the exact computed figures, each marked, and nothing inexact."""
        report = ec.examples.load(example)
        zh_rows = rows(renderers.render(report, "text", rates="computed"))
        expected = [
            (r.zh + ("（计算所得）" if r.kind == "computed" else ""), r.value, r.zh_unit)
            for r in computed_rows(example)
        ]
        assert [] == in_order(expected, zh_rows)
        assert len(expected) == len(zh_rows)
        en_rows = rows(renderers.render(report, "text", rates="computed", locale="en"))
        expected_en = [
            (r.en + (" (computed)" if r.kind == "computed" else ""), r.value, r.en_unit)
            for r in computed_rows(example)
        ]
        assert [] == in_order(expected_en, en_rows)

    @pytest.mark.parametrize("example", sorted(ROWS))
    def test_no_computed_figure_by_default(self, example):
        """By default no figure the report does not state: no rate it does not state, no 案均罚款."""
        text = renderers.render(ec.examples.load(example), "text")
        assert "计算所得" not in text
        assert [] == [w for w in ("案均罚款", "年末未整改隐患", "培训覆盖率") if w in text]

    @pytest.mark.parametrize("locale", ["zh_CN", "en"])
    @pytest.mark.parametrize(
        ("example", "title"),
        [
            ("gulu-2023", "重庆市渝北区古路镇人民政府"),
            ("example-street-2023", "示例市示例区示例街道办事处"),
            ("example-town-2022", "示例县示例镇人民政府"),
            ("example-town-2023", "示例县示例镇人民政府"),
        ],
    )
    def test_heading(self, example, title, locale):
        """The body's name and the year head the summary."""
        first = renderers.render(ec.examples.load(example), "text", locale=locale).splitlines()[0]
        year = ec.examples.load(example).year
        assert first.startswith(title)
        assert str(year) in first

    @pytest.mark.parametrize(
        ("example", "zh", "en"),
        [
            ("gulu-2023", "发布日期：2024年1月18日", "published 2024-01-18"),
            ("example-street-2023", "发布日期：2024年1月30日", "published 2024-01-30"),
            ("example-town-2022", "发布日期：2023年1月18日", "published 2023-01-18"),
            ("example-town-2023", "发布日期：2024年1月25日", "published 2024-01-25"),
        ],
    )
    def test_publication_date(self, example, zh, en):
        """The date of publication, written the locale's way."""
        report = ec.examples.load(example)
        assert (zh, en) == (
            renderers.render(report, "text").splitlines()[1],
            renderers.render(report, "text", locale="en").splitlines()[1],
        )


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
            "0.68 万元",
            "216 起",
        ):
            assert expected in text

    def test_english_labels_and_numbers(self):
        """locale='en' writes English labels and the locale's grouping."""
        text = renderers.render(LEDGER, "text", locale="en", rates="computed")
        assert "rectification rate (computed)" in text
        assert "0.68 10k yuan" in text
        assert "rectification rate" not in renderers.render(LEDGER, "text", locale="en")

    @pytest.mark.parametrize(
        ("places", "expected"), [(0, "99%"), (1, "98.6%"), (2, "98.63%"), (3, "98.625%")]
    )
    def test_percent_places_rounded_once(self, places, expected):
        """789/800 = 98.625%: one rounding at the places asked, written with exactly those."""
        report = ec.AnnualReport(
            body=GULU.body,
            year=2023,
            inspection=ec.figures.InspectionFigures(
                hazards=ec.figures.HazardFigures(found=800, rectified=789)
            ),
            conventions=ec.report.Conventions(percent_places=places),
        )
        text = renderers.render(report, "text", rates="computed")
        lines = [line for line in text.splitlines() if "隐患整改率" in line]
        assert [expected] == [lines[0].split()[-1]]
        assert "隐患整改率" not in renderers.render(report, "text")

    def test_money_in_the_reports_unit_and_places(self):
        """万元 with the report's places, and a figure's own places where the report gives them."""
        report = ec.AnnualReport(
            body=GULU.body,
            year=2023,
            penalty=ec.figures.PenaltyFigures(
                cases=3, fines=Decimal(90366000), confiscations=Decimal(8670000)
            ),
            conventions=ec.report.Conventions(
                money_unit="万元", money_places=2, money_places_by_figure={"penalty.fines": 1}
            ),
        )
        text = renderers.render(report, "text")
        assert "9,036.6 万元" in text
        assert "867.00 万元" in text
        assert "9,036.60" not in text

    def test_measure_words_per_figure(self):
        """A figure's measure word comes from the report's conventions (1人, not 1名)."""
        report = ec.AnnualReport(
            body=GULU.body,
            year=2023,
            workforce=ec.workforce.WorkforceFigures(certified=1, certificates_cancelled=2),
            conventions=ec.report.Conventions(
                measure_words={
                    "workforce.certified": "人",
                    "workforce.certificates_cancelled": "张",
                }
            ),
        )
        text = renderers.render(report, "text")
        assert "1 人" in text
        assert "2 张" in text
        assert "1 名" not in text

    def test_no_data_no_section(self):
        """A report with no data for a category has no section for it."""
        text = renderers.render(ec.AnnualReport(body=GULU.body, year=2023), "text")
        assert "行政处罚" not in text


class TestWrittenAsStated:
    def test_rounded_figures_as_written(self):
        """46.6万 家次 and 11.45 亿元, as the report writes them; exact figures grouped."""
        report = ec.AnnualReport(
            body=GULU.body,
            year=2023,
            inspection=ec.figures.InspectionFigures(),
            penalty=ec.figures.PenaltyFigures(cases=16166500),
            stated=ec.report.Stated(
                figures=(
                    ec.report.StatedFigure(
                        figure="inspection.visits", value=Decimal("46.6"), unit="万"
                    ),
                    ec.report.StatedFigure(
                        figure="penalty.fines", value=Decimal("11.45"), unit="亿元"
                    ),
                )
            ),
        )
        text = renderers.render(report, "text")
        assert "46.6万 家次" in text
        assert "11.45亿元" in text.replace(" ", "")
        assert "16,166,500 件" in text
        assert "46.6×10k" in renderers.render(report, "text", locale="en")


class TestRowsAsTheReportHoldsThem:
    def lines(self, locale="zh_CN", rates="stated", **fields):
        report = ec.AnnualReport(body=GULU.body, year=2023, **fields)
        text = renderers.render(report, "text", locale=locale, rates=rates)
        return [" ".join(line.split()) for line in text.splitlines()]

    def test_an_area_written_rounded_has_its_value(self):
        """An area whose visits are only written rounded shows them; one with nothing is a bare heading."""
        area = ec.actions.InspectionArea.ENTERPRISE_PRODUCTION
        written = ec.report.StatedFigure(
            figure=f"inspection.by_area.{area.value}.visits", value=Decimal("1616.65"), unit="万"
        )
        inspection = ec.figures.InspectionFigures(by_area={area: ec.figures.AreaFigures()})
        assert "企业生产 1616.65万 家次" in self.lines(
            inspection=inspection, stated=ec.report.Stated(figures=(written,))
        )
        assert "企业生产" in self.lines(inspection=inspection)

    @pytest.mark.parametrize(
        ("locale", "expected"),
        [
            ("zh_CN", ["交通", "罚款 180 元", "市场监管", "罚款 14 元"]),
            ("en", ["traffic", "fines 180 yuan", "market supervision", "fines 14 yuan"]),
        ],
    )
    def test_fines_by_domain_under_their_domain(self, locale, expected):
        """Domains without cases still head their fines, so each fine is labelled by its domain."""
        penalty = ec.figures.PenaltyFigures(
            by_domain={
                ec.actions.Domain.TRAFFIC: ec.figures.DomainPenalties(fines=Decimal(180)),
                ec.actions.Domain.MARKET_SUPERVISION: ec.figures.DomainPenalties(fines=Decimal(14)),
            }
        )
        lines = self.lines(locale, penalty=penalty)
        start = lines.index(expected[0])
        assert expected == lines[start : start + 4]

    def test_a_domain_with_cases_keeps_its_row(self):
        """A domain with cases is its own row, its fines below it."""
        penalty = ec.figures.PenaltyFigures(
            by_domain={
                ec.actions.Domain.TRAFFIC: ec.figures.DomainPenalties(cases=3, fines=Decimal(180))
            }
        )
        lines = self.lines(penalty=penalty)
        assert ["交通 3 件", "罚款 180 元"] == lines[lines.index("交通 3 件") :][:2]

    def test_rates_the_counts_cannot_give_are_shown_as_stated(self):
        """办结率 and a built-in rate without its counts: as stated, in order, with their own places."""
        stated = ec.report.Stated(
            rates={"办结率": Decimal(100), ec.report.RateName.CERTIFICATION: Decimal("93.5")}
        )
        lines = self.lines(stated=stated)
        assert ["比率", "持证率 93.5%", "办结率 100%"] == lines[lines.index("比率") :]

    def test_a_computed_rate_is_not_shown_twice(self):
        """A stated rate the counts give is shown once, as stated, even when computed ones are asked."""
        lines = self.lines(
            rates="computed",
            workforce=ec.workforce.WorkforceFigures(certified=3, established_staff=4),
            stated=ec.report.Stated(rates={ec.report.RateName.CERTIFICATION: Decimal(75)}),
        )
        assert ["持证率 75%"] == [line for line in lines if line.startswith("持证率")]

    def test_an_other_category_with_nothing_has_no_heading(self):
        """A category held with no figure is left out, as zh leaves it out; with a count it is there."""
        empty = {ec.actions.ActionKind.OTHER: ec.figures.ActionFigures()}
        assert "其他行政执法行为" not in self.lines(other_actions=empty)
        counted = {ec.actions.ActionKind.OTHER: ec.figures.ActionFigures(count=2)}
        assert "其他行政执法行为" in self.lines(other_actions=counted)


class TestWorkforceMovements:
    def test_rows(self):
        """Each movement a row, in the measure word of the conventions."""
        report = ec.AnnualReport(
            body=GULU.body,
            year=2023,
            workforce=ec.workforce.WorkforceFigures(
                departures={ec.workforce.DepartureReason.RETIRED: 1},
                borrowed_staff=2,
                exam_passed=3,
            ),
            conventions=ec.report.Conventions(measure_words={"workforce.borrowed_staff": "人"}),
        )
        lines = [" ".join(line.split()) for line in renderers.render(report, "text").splitlines()]
        assert "借调人员 2 人" in lines
        assert "通过执法资格考试 3 名" in lines
        assert "按离岗原因" in lines
        assert "退休 1 名" in lines


def test_a_stated_rate_of_forty_digits_is_written_whole():
    """A stated rate of 10**39 (a JSON document may state a whole number of 40 digits) is
    written with every digit by the renderers of rows, where babel's rounding in a context
    of 28 digits raised InvalidOperation (found by the long fuzz run)."""
    import attrs

    report = ec.examples.load("gulu-2023")
    report = attrs.evolve(
        report, stated=attrs.evolve(report.stated, rates={"rectification": Decimal(10**39)})
    )
    digits = "1," + ",".join(["000"] * 13)
    assert f"{digits}%" in ec.render(report, "text")
    assert f"{digits}%" in ec.render(report, "text", locale="en")
    # html writes the percent sign in a cell of its own.
    assert f"{digits}</td><td>%</td>" in ec.render(report, "html")
