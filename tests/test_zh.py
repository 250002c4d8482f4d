"""The zh renderer: the report in the official Chinese style."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

import enforcement_core as ec
from enforcement_core import renderers

GULU = ec.examples.load("gulu-2023")
LEDGER = ec.examples.load_records("gulu-2023")
STREET = ec.body.EnforcementBody("示例街道办事处", ec.body.BodyLevel.STREET, short_name="示例街道")
# A previous year, invented for the comparison: not the reference body's real figures.
PREVIOUS = ec.AnnualReport(
    body=GULU.body,
    year=2022,
    inspection=ec.figures.InspectionFigures(
        visits=328, hazards=ec.figures.HazardFigures(found=500, rectified=490)
    ),
    penalty=ec.figures.PenaltyFigures(
        by_domain={ec.actions.Domain.TRAFFIC: ec.figures.DomainPenalties(cases=352)}
    ),
)


def zh(report: ec.AnnualReport, **options: object) -> str:
    text = renderers.render(report, "zh", **options)
    assert isinstance(text, str)
    return text


class TestReferenceReport:
    def test_states_every_figure_as_the_reference_writes_it(self):
        """22名, 8名, 14名, 243件, 209件, 363家次, 509条, 502条, 98.62%, 6条, 5条, 4家次, 0.68万元, 216起, 3家次."""
        text = zh(GULU)
        for expected in (
            "共22名",
            "执法人员8名",
            "执法人员14名",
            "农村宅基地243件",
            "作出行政许可209件",
            "行政检查363家次",
            "共查出安全隐患509条",
            "整改隐患502条",
            "隐患整改率98.62%",
            "处级挂牌整治隐患6条",
            "科级挂牌整治隐患5条",
            "行政处罚4家次",
            "罚款0.68万元",
            "行政处罚216起",
            "约谈企业3家次",
        ):
            assert expected in text, expected

    @pytest.mark.parametrize("example", ec.examples.names())
    def test_golden(self, golden, example):
        """Each example's whole report, as reviewed."""
        golden(f"{example}.zh.txt", zh(ec.examples.load(example)))

    def test_golden_with_previous_year(self, golden):
        """The invented town's 2023 report with its 2022 report: 同比 sentences, as reviewed."""
        current, previous = (
            ec.examples.load("example-town-2023"),
            ec.examples.load("example-town-2022"),
        )
        golden(
            "example-town-2023.zh.previous.txt", zh(current, previous=previous, change_style="both")
        )

    def test_golden_records(self, golden):
        """The summary of the synthetic ledger: every figure of it, in prose."""
        golden("gulu-2023-records.zh.txt", zh(ec.summarize(LEDGER)))

    def test_frame(self):
        """Title from the body and year; the body and the date at the end."""
        lines = zh(GULU).splitlines()
        assert "重庆市渝北区古路镇人民政府关于2023年行政执法总体情况的报告" == lines[0]
        assert ["重庆市渝北区古路镇人民政府", "", "2024年1月18日"] == lines[-3:]

    def test_points_in_order(self):
        """一是行政许可。…二是行政检查。…三是行政处罚。"""
        text = zh(GULU)
        assert (
            text.index("一是行政许可。")
            < text.index("二是行政检查。")
            < text.index("三是行政处罚。")
        )
        assert "开展了行政许可、行政检查、行政处罚三类行政执法行为" in text

    def test_section_markers(self):
        """一、 for sections, （一） for sub-sections, in order."""
        text = zh(GULU)
        assert (
            text.index("一、2023年行政执法总体情况")
            < text.index("（五）执法行为数据总体情况")
            < text.index("二、存在的主要问题")
        )


# Each example's sentences, worked out from its JSON (src/enforcement_core/examples/),
# in the order the report must say them; the arithmetic is beside each derived figure.
EXAMPLE_PHRASES = {
    "gulu-2023": [
        "重庆市渝北区古路镇人民政府关于2023年行政执法总体情况的报告",
        "取得行政执法资格的人员共22名",
        "综合行政执法办公室执法人员8名",
        "综合行政执法办公室本级3名",  # 8 - 5
        "综合执法大队5名",
        "应急办、规建办、村建中心、农服中心等相关科室执法人员14名",
        "统一组织22名执法人员参加行政执法培训",
        "2023年我镇没有发生一起执法人员违规违纪现象",  # misconduct_cases 0
        "开展了行政许可、行政检查、行政处罚三类行政执法行为",
        "全年共计申请农村宅基地243件",
        "作出行政许可209件",
        "行政检查363家次",
        "共查出安全隐患509条",
        "整改隐患502条",
        "隐患整改率98.62%",  # 502 / 509 = 98.6247…%
        "处级挂牌整治隐患6条",
        "科级挂牌整治隐患5条",
        "安全生产领域行政处罚4家次、罚款0.68万元",  # 6800 元, 万元 to 2 places
        "交通领域行政处罚216起",
        "约谈企业3家次",
        "2024年1月18日",
    ],
    "example-street-2023": [
        "示例市示例区示例街道办事处关于2023年行政执法总体情况的报告",
        "现将我街道2023年行政执法总体情况报告如下：",
        "取得行政执法资格的人员共9名",
        "综合行政执法办公室执法人员9名（综合行政执法办公室本级3名，综合执法队6名）",  # 9 - 6
        "统一组织9名执法人员参加行政执法培训",
        "开展了行政检查、行政处罚两类行政执法行为",
        "一是行政检查。",
        "行政检查210家次（其中消防安全90家次、燃气安全70家次、食品安全50家次）",
        "共查出安全隐患120条，整改隐患120条。",  # the rate is not stated: not written
        "二是行政处罚。全年办理行政处罚案件34起",  # case_measure 起
        "城市管理领域行政处罚30起、罚款12000元",  # money_unit 元, whole yuan
        "市场监管领域行政处罚4起、罚款6000元",
        "适用简易程序20起、普通程序14起",
        "约谈个体工商户5次",
        "全年未发生行政复议、行政诉讼。",  # 0 and 0, said in words
        "2024年1月30日",
    ],
    "example-town-2022": [
        "示例县示例镇人民政府关于2022年行政执法总体情况的报告",
        "取得行政执法资格的人员共16名",
        "综合行政执法办公室执法人员6名（综合行政执法办公室本级3名，综合执法大队3名）",
        "应急办执法人员5名",
        "规建办执法人员5名",
        "在编人员20名，辅助执法人员5名。",  # 持证率 not stated: not written
        "全年新增持证人员2名，未注销执法证",  # a zero, in words
        "统一组织16名执法人员参加行政执法培训",
        "2022年我镇没有发生一起执法人员违规违纪现象",
        "开展了行政许可、行政检查、行政处罚、行政强制、行政确认五类行政执法行为",
        "全年共计申请农村宅基地170件，受理170件，作出行政许可150件，不予许可12件，尚在办理8件",
        "全年开展行政检查380家次",  # no areas named
        "共查出安全隐患380条，整改隐患373条，隐患整改率98.16%",  # 373 / 380 = 98.157…%
        "处级挂牌整治隐患2条，科级挂牌整治隐患6条",
        "全年办理行政处罚案件88件",
        "安全生产领域行政处罚28件、罚款14.00万元",  # 140000
        "消防领域行政处罚18件、罚款3.00万元",  # 30000
        "规划建设领域行政处罚14件、罚款8.00万元",  # 80000
        "交通领域行政处罚28件、罚款0.28万元",  # 2800
        "罚款25.28万元",  # 252800
        "实施行政强制措施3件（查封2件、扣押1件），未实施行政强制执行",  # a zero, in words
        "全年行政确认30件",
        "约谈企业9次",
        # Reviews are a point of their own, numbered after the interviews; zeros in words.
        "七是行政复议、行政诉讼。全年发生行政复议1件，无被纠错案件；未发生行政诉讼。",
        "2023年1月18日",
    ],
    "example-town-2023": [
        "示例县示例镇人民政府关于2023年行政执法总体情况的报告",
        "取得行政执法资格的人员共18名",
        "综合行政执法办公室执法人员7名（综合行政执法办公室本级3名，综合执法大队4名）",
        "应急办执法人员5名",
        "规建办执法人员6名",
        "在编人员20名，辅助执法人员6名，持证率90.00%",  # 18 / 20
        "全年新增持证人员3名，注销1名执法人员的执法证",  # officers counted, not certificates
        "统一组织18名执法人员参加行政执法培训",
        "我镇共有行政执法职权412项，法定执法120项、赋权执法280项、委托执法12项",
        "行政许可、行政检查、行政处罚、行政强制、行政确认、行政奖励六类行政执法行为",
        "全年共计申请农村宅基地180件，受理176件，作出行政许可160件",
        "不予许可9件，尚在办理7件，经法制审核169件",
        # The example states this change beside its figure, as the report writes it.
        "行政检查420家次，较上年增加40家次（其中消防安全120家次、企业生产100家次、燃气安全80家次",
        "食品安全70家次、农房建设50家次）",
        "共查出安全隐患400条，整改隐患395条，隐患整改率98.75%",  # 395 / 400
        "处级挂牌整治隐患3条，科级挂牌整治隐患8条",
        "全年办理行政处罚案件96件",
        "安全生产领域行政处罚30件、罚款15.20万元",  # 152000
        "消防领域行政处罚20件、罚款3.80万元",  # 38000
        "规划建设领域行政处罚16件、罚款9.60万元",  # 96000
        "交通领域行政处罚30件、罚款0.30万元",  # 3000
        "警告25件、罚款66件、没收违法所得2件、责令停产停业3件",
        "适用简易程序28件、普通程序68件",
        # 289000, 4500 and their sum 293500
        "罚款28.90万元，没收违法所得和非法财物0.45万元，罚没金额共计29.35万元",
        "不予处罚2件，从轻减轻处罚11件，经法制审核68件，涉嫌犯罪移送司法机关1件",
        "实施行政强制措施5件（查封3件、扣押2件），行政强制执行1件",
        "全年行政确认35件",
        "全年行政奖励2件，涉及金额0.40万元",  # 4000
        "约谈企业10次、约谈个体工商户2次",
        "八是行政复议、行政诉讼。全年发生行政复议2件，无被纠错案件",
        "行政诉讼1件，无败诉案件",
        "2024年1月25日",
    ],
}

# example-town-2023 against example-town-2022, changes as both figures and percents.
PREVIOUS_YEAR_PHRASES = [
    "人员共18名，同比上升2名、12.50%",  # 18 - 16; 2 / 16
    "持证率90.00%，同比提升10.00个百分点",  # 90.00 - 80.00
    "全年共计申请农村宅基地180件，同比上升10件、5.88%",  # 10 / 170 = 5.882…%
    "受理176件，同比上升6件、3.53%",  # 6 / 170 = 3.529…%
    "作出行政许可160件，同比上升10件、6.67%",  # 10 / 150
    "不予许可9件，同比下降3件、25.00%",  # 3 / 12
    "尚在办理7件，同比下降1件、12.50%",  # 1 / 8
    "行政检查420家次，同比上升40家次、10.53%",  # 40 / 380 = 10.526…%
    "共查出安全隐患400条，同比上升20条、5.26%",  # 20 / 380 = 5.263…%
    "整改隐患395条，同比上升22条、5.90%",  # 22 / 373 = 5.898…%
    "隐患整改率98.75%，同比提升0.59个百分点",  # 98.75 - 98.157… = 0.592…
    "全年办理行政处罚案件96件，同比上升8件、9.09%",  # 8 / 88
    "安全生产领域行政处罚30件，同比上升2件、7.14%",  # 2 / 28
    "消防领域行政处罚20件，同比上升2件、11.11%",  # 2 / 18
    "规划建设领域行政处罚16件，同比上升2件、14.29%",  # 2 / 14 = 14.285…%
    "交通领域行政处罚30件，同比上升2件、7.14%",  # 2 / 28
    "实施行政强制措施5件，同比上升2件、66.67%",  # 2 / 3
    "行政强制执行1件，同比上升1件。",  # from 0: no percent
    "全年行政确认35件，同比上升5件、16.67%",  # 5 / 30
]


def missing_in_order(phrases: list[str], text: str) -> list[str]:
    """The phrases not found in ``text`` after the one before them."""
    position, missing = 0, []
    for phrase in phrases:
        found = text.find(phrase, position)
        if found < 0:
            missing.append(phrase)
        else:
            position = found + len(phrase)
    return missing


class TestExampleFigures:
    """Each example's report against sentences worked out from its data, not from its golden file."""

    @pytest.mark.parametrize("example", sorted(EXAMPLE_PHRASES))
    def test_every_figure_in_order(self, example):
        """Every figure of the example, with its measure word and unit, in the report's order."""
        assert [] == missing_in_order(EXAMPLE_PHRASES[example], zh(ec.examples.load(example)))

    def test_year_over_year(self):
        """Against the previous year: each change as a figure and a percent, or in points for a rate."""
        text = zh(
            ec.examples.load("example-town-2023"),
            previous=ec.examples.load("example-town-2022"),
            change_style="both",
        )
        assert [] == missing_in_order(PREVIOUS_YEAR_PHRASES, text)

    def test_year_over_year_keeps_the_figures(self):
        """The 同比 sentences add to the figures, they do not replace them."""
        text = zh(
            ec.examples.load("example-town-2023"),
            previous=ec.examples.load("example-town-2022"),
            change_style="both",
        )
        figures = [p.split("，同比")[0] for p in PREVIOUS_YEAR_PHRASES]
        assert [] == missing_in_order(figures, text)


class TestOptions:
    def test_money_unit_and_places(self):
        """Money in the unit and decimals asked for."""
        assert "罚款6800元" in zh(GULU, money_unit="元", money_places=0)
        assert "罚款0.7万元" in zh(GULU, money_places=1)

    @pytest.mark.parametrize("by_figure", [False, True])
    @pytest.mark.parametrize(
        ("unit", "fines"),
        [
            (None, "罚款0.680000万元"),
            ("万元", "罚款0.680000万元"),
            ("auto", "罚款6800.0000元"),
            ("元", "罚款6800.0000元"),
        ],
    )
    def test_the_reports_decimals_in_another_unit_are_as_many_as_it_takes(
        self, by_figure, unit, fines
    ):
        """A report writing money to six places in 万元 (to the fen), for all its money or
        for one figure, written in another unit: as many places as that unit takes, four
        (it raised NumberFormatError)."""
        conventions = attrs.evolve(
            GULU.conventions,
            money_places=None if by_figure else 6,
            money_places_by_figure={"penalty.by_domain.work_safety.fines": 6} if by_figure else {},
        )
        report = attrs.evolve(GULU, conventions=conventions)
        text = zh(report) if unit is None else zh(report, money_unit=unit)
        assert fines in text

    def test_case_measure(self):
        """An explicit measure word for cases applies to every case figure."""
        text = zh(GULU, case_measure="宗")
        assert "行政处罚216宗" in text
        assert "农村宅基地243宗" in text

    def test_chinese_numerals(self):
        """Counts in Chinese numerals; rates and money stay in figures."""
        text = zh(GULU, numerals="chinese")
        assert "共二十二名" in text
        assert "行政检查三百六十三家次" in text
        assert "隐患整改率98.62%" in text

    def test_capitals(self):
        """Amounts followed by their financial capitals."""
        assert "罚款0.68万元（人民币陆仟捌佰元整）" in zh(GULU, capitals=True)

    def test_capitals_of_the_stated_total_only_when_it_is_held(self):
        """涉及金额 known only as written ("46.6万元") is not written as 零元整 in capitals.

        The grand total stated as a figure alone was written "46.6万元（人民币零元整）":
        an amount nobody stated, and wrong.
        """
        written = ec.report.StatedFigure(figure="stated.amount", value=Decimal("46.6"), unit="万元")
        figure_only = attrs.evolve(
            GULU, stated=attrs.evolve(GULU.stated, amount=None, figures=(written,))
        )
        text = zh(figure_only, capitals=True)
        assert "涉及金额46.6万元。" in text
        assert "零元整" not in text
        held = attrs.evolve(
            GULU, stated=attrs.evolve(GULU.stated, amount=Decimal(466000), figures=(written,))
        )
        assert "涉及金额46.6万元（人民币肆拾陆万陆仟元整）" in zh(held, capitals=True)

    def test_percent_places(self):
        """Percentages at the decimals asked for, rounded half up once."""
        assert "隐患整改率98.6%" in zh(GULU, percent_places=1)

    def test_year_over_year(self):
        """With the previous year's report: 同比 sentences and points."""
        text = zh(GULU, previous=PREVIOUS)
        assert "行政检查363家次，同比上升10.67%" in text
        assert "共查出安全隐患509条，同比上升1.80%" in text
        assert "隐患整改率98.62%，同比提升0.62个百分点" in text
        assert "交通领域行政处罚216起，同比下降38.64%" in text

    @pytest.mark.parametrize(
        ("style", "expected"), [("absolute", "同比下降136起"), ("both", "同比下降136起、38.64%")]
    )
    def test_change_style(self, style, expected):
        """Changes as absolute figures, or both."""
        assert f"交通领域行政处罚216起，{expected}" in zh(
            GULU, previous=PREVIOUS, change_style=style
        )

    def test_no_change_from_nothing(self):
        """A figure the previous year lacks gets no 同比."""
        assert "作出行政许可209件。" in zh(GULU, previous=PREVIOUS)


class TestDataAndZeros:
    def test_category_without_data_is_left_out(self):
        """No coercion data, no coercion sentence."""
        text = zh(GULU)
        assert "是行政强制。" not in text
        assert "行政强制措施" not in text

    def test_reported_zero_is_stated_in_words(self):
        """A zero the body reports is stated: 未实施, 未发生."""
        report = ec.AnnualReport(
            body=STREET,
            year=2023,
            coercion=ec.figures.CoercionFigures(measures=0, executions=0),
            reviews=ec.figures.ReviewFigures(
                total=ec.figures.ReviewCounts(reconsiderations=0, litigations=0)
            ),
        )
        text = zh(report)
        assert "全年未实施行政强制。" in text
        assert "是行政强制" not in text  # nothing done is not a numbered point
        assert "全年未发生行政复议、行政诉讼。" in text

    def test_only_categories_with_actions_are_numbered(self):
        """一是, 二是 count the categories the opening line names; a zero one is said in place."""
        report = ec.AnnualReport(
            body=STREET,
            year=2023,
            licensing=ec.figures.LicensingFigures(applications=5, granted=5),
            coercion=ec.figures.CoercionFigures(measures=0, executions=0),
            penalty=ec.figures.PenaltyFigures(cases=3),
        )
        text = zh(report)
        assert "开展了行政许可、行政处罚两类行政执法行为" in text
        assert "一是行政许可。" in text
        assert "二是行政处罚。" in text
        assert "三是" not in text
        assert "全年未实施行政强制。" in text

    def test_generated_sections_when_the_narrative_has_none(self):
        """A report with figures and no narrative still has its data sections."""
        text = zh(
            ec.summarize(
                ec.Ledger(
                    body=STREET,
                    year=2023,
                    other_actions=(
                        ec.actions.OtherAction(
                            "X-1",
                            ec.actions.ActionKind.LEVY,
                            dt.date(2023, 3, 1),
                            amount=Decimal(15000),
                        ),
                    ),
                )
            )
        )
        assert "按照有关规定，现将我街道2023年行政执法总体情况报告如下：" in text
        assert "一、2023年行政执法总体情况\n\n（一）执法行为数据总体情况" in text
        # One item: written without 一是, as no 二是 follows.
        assert "开展的行政执法行为为行政征收。全年行政征收1件，涉及金额15000元。" in text
        assert "一是" not in text

    def test_two_categories_are_liang(self):
        """两类, not 二类."""
        report = ec.AnnualReport(
            body=STREET,
            year=2023,
            penalty=ec.figures.PenaltyFigures(cases=1),
            licensing=ec.figures.LicensingFigures(applications=1),
        )
        assert "行政许可、行政处罚两类行政执法行为" in zh(report)


def street(**fields: object) -> ec.AnnualReport:
    return ec.AnnualReport(body=STREET, year=2023, **fields)  # type: ignore[arg-type]


class TestWritesWhatTheReportWrites:
    def test_workforce_measure_words_from_the_conventions(self):
        """1人 where the report writes 人; 名 by default."""
        workforce = ec.workforce.WorkforceFigures(certified=1, trained=1)
        own = ec.report.Conventions(
            measure_words={"workforce.certified": "人", "workforce.trained": "人"}
        )
        assert "共1人" in zh(street(workforce=workforce, conventions=own))
        assert "组织1人执法人员" in zh(street(workforce=workforce, conventions=own))
        assert "共1名" in zh(street(workforce=workforce))

    def test_certificates_cancelled_counted_in_people(self):
        """Certificates cancelled for 2 people, not "2张", unless the report counts certificates."""
        workforce = ec.workforce.WorkforceFigures(certificates_cancelled=2)
        people = zh(street(workforce=workforce))
        assert "注销2名执法人员的执法证" in people
        assert "张" not in people
        counted = ec.report.Conventions(measure_words={"workforce.certificates_cancelled": "张"})
        assert "注销执法证2张" in zh(street(workforce=workforce, conventions=counted))

    def test_no_certification_rate_unless_stated_or_asked(self):
        """持证率 is written when stated (as stated) or asked for; never invented."""
        workforce = ec.workforce.WorkforceFigures(certified=18, established_staff=20)
        assert "持证率" not in zh(street(workforce=workforce))
        assert "持证率90.00%" in zh(street(workforce=workforce), rates="computed")
        stated = ec.report.Stated(rates={"持证率": Decimal("90.0")})
        assert "持证率90.0%" in zh(street(workforce=workforce, stated=stated))

    def test_rates_of_the_reports_own(self):
        """A rate the report names itself is written as stated, decimals and all."""
        text = zh(
            street(
                penalty=ec.figures.PenaltyFigures(cases=3),
                stated=ec.report.Stated(rates={"办结率": Decimal("100.0"), "参与率": Decimal(95)}),
            )
        )
        assert "办结率100.0%，参与率95%。" in text

    def test_stated_changes_without_a_base(self):
        """同比上升10.53% and 较上年减少136件, as stated, beside their figures."""
        changes = (
            ec.report.StatedChange(
                figure="inspection.visits",
                change=Decimal("10.53"),
                unit=ec.report.ChangeUnit.PERCENT,
            ),
            ec.report.StatedChange(
                figure="penalty.cases", change=Decimal(-136), unit=ec.report.ChangeUnit.ABSOLUTE
            ),
        )
        report = street(
            inspection=ec.figures.InspectionFigures(visits=420),
            penalty=ec.figures.PenaltyFigures(cases=220),
            stated=ec.report.Stated(changes=changes),
        )
        text = zh(report)
        assert "行政检查420家次，同比上升10.53%" in text
        assert "全年办理行政处罚案件220件，较上年减少136件" in text
        assert "同比" not in zh(attrs_evolve(report, stated=ec.report.Stated()))

    def test_stated_change_of_a_figure_not_written(self):
        """A stated change whose figure the prose does not write still appears, as stated."""
        change = ec.report.StatedChange(
            figure="penalty.fines", change=Decimal("-12.5"), unit=ec.report.ChangeUnit.PERCENT
        )
        text = zh(
            street(
                penalty=ec.figures.PenaltyFigures(cases=2),
                stated=ec.report.Stated(changes=(change,)),
            )
        )
        assert "行政处罚罚款同比下降12.5%" in text

    def test_stated_grand_totals_in_the_opening(self):
        """共计N件, 涉及金额 where the report's opening line places them; none when not stated."""
        report = street(
            penalty=ec.figures.PenaltyFigures(cases=5, fines=Decimal(100)),
            licensing=ec.figures.LicensingFigures(granted=10, refused=0),
            stated=ec.report.Stated(actions=15, amount=Decimal(100)),
        )
        # Without a declared scope the totals may cover categories not stated: a sentence apart.
        assert "两类行政执法行为。全年开展行政执法行为共计15件，涉及金额100元。" in zh(report)
        scoped = ec.report.Stated(actions=15, amount=Decimal(100), scope=("licensing", "penalty"))
        assert "两类行政执法行为，共计15件，涉及金额100元。" in zh(
            attrs_evolve(report, stated=scoped)
        )
        assert "共计" not in zh(attrs_evolve(report, stated=ec.report.Stated()))
        alone = zh(street(stated=ec.report.Stated(actions=1200)))
        assert "2023年，示例街道开展行政执法行为共计1200件。" in alone

    def test_no_zero_training_sentence(self):
        """No "0名执法人员参加培训": a zero reads as a sentence of its own."""
        text = zh(street(workforce=ec.workforce.WorkforceFigures(certified=3, trained=0)))
        assert "0名" not in text
        assert "全年未组织执法人员参加行政执法培训" in text
        assert "统一组织3名执法人员参加行政执法培训" in zh(
            street(workforce=ec.workforce.WorkforceFigures(certified=3, trained=3))
        )

    def test_no_zero_certified_or_staff(self):
        """No certified officers, no auxiliary staff, no new certificates: said in words."""
        workforce = ec.workforce.WorkforceFigures(
            certified=0, auxiliary_staff=0, newly_certified=0, certificates_cancelled=0
        )
        text = zh(street(workforce=workforce))
        assert "0名" not in text
        assert "暂无取得行政执法资格的人员" in text
        assert "无辅助执法人员" in text
        assert "全年无新增持证人员，未注销执法证" in text

    def test_category_with_nothing_done_is_not_counted(self):
        """The opening names only categories with actions; a zero category still gets its line."""
        report = street(
            penalty=ec.figures.PenaltyFigures(cases=3),
            coercion=ec.figures.CoercionFigures(measures=0, executions=0),
            licensing=ec.figures.LicensingFigures(applications=2, granted=2),
        )
        text = zh(report)
        assert "开展了行政许可、行政处罚两类行政执法行为" in text
        assert "全年未实施行政强制" in text

    def test_one_category_without_yi_lei(self):
        """One category: no "一类"."""
        text = zh(street(penalty=ec.figures.PenaltyFigures(cases=3)))
        assert "一类" not in text
        assert "2023年，示例街道开展的行政执法行为为行政处罚。全年办理行政处罚案件3件。" in text
        assert "一是" not in text

    def test_no_empty_sentence(self):
        """A category with nothing stated is left out: no "其他行政执法行为。。"."""
        report = street(
            penalty=ec.figures.PenaltyFigures(cases=3),
            other_actions={ec.actions.ActionKind.OTHER: ec.figures.ActionFigures()},
        )
        text = zh(report)
        assert "。。" not in text
        assert "其他行政执法行为" not in text
        with_count = street(
            other_actions={ec.actions.ActionKind.OTHER: ec.figures.ActionFigures(count=4)}
        )
        assert "全年其他行政执法行为4件" in zh(with_count)

    def test_money_places_per_figure(self):
        """197.62万元 beside 9036.6万元 and 867万元, as the report writes them."""
        report = street(
            penalty=ec.figures.PenaltyFigures(
                cases=3,
                fines=Decimal(90366000),
                confiscations=Decimal(8670000),
                fines_and_confiscations=Decimal(99036000),
            ),
            other_actions={
                ec.actions.ActionKind.LEVY: ec.figures.ActionFigures(
                    count=1, amount=Decimal(1976200)
                )
            },
            conventions=ec.report.Conventions(
                money_unit="万元",
                money_places=2,
                money_places_by_figure={"penalty.fines": 1, "penalty.confiscations": 0},
            ),
        )
        text = zh(report)
        assert "罚款9036.6万元" in text
        assert "没收违法所得和非法财物867万元" in text
        assert "涉及金额197.62万元" in text
        assert "罚款9036.60万元" in zh(report, money_places=2)


def attrs_evolve(report: ec.AnnualReport, **changes: object) -> ec.AnnualReport:
    return attrs.evolve(report, **changes)  # type: ignore[arg-type]


class TestPersonalData:
    REPORT = ec.AnnualReport(
        body=STREET,
        year=2023,
        narrative=ec.report.Narrative(
            sections=(
                ec.report.Section(
                    title="存在的主要问题",
                    role=ec.report.SectionRole.PROBLEMS,
                    paragraphs=("当事人（身份证号500112199001011239）拒不整改。",),
                ),
            )
        ),
    )

    def test_identity_card_numbers_are_withheld(self):
        """An identity-card number in the narrative never reaches the output."""
        text = zh(self.REPORT)
        assert "500112199001011239" not in text
        assert "当事人（身份证号[身份证号已隐去]）拒不整改。" in text

    def test_unless_asked_for(self):
        """personal_data=True writes them, for internal use."""
        assert "500112199001011239" in zh(self.REPORT, personal_data=True)

    def test_natural_persons_are_masked(self):
        """A natural person is named 张某某 in published output; an enterprise by its name."""
        assert (
            "张某某" == ec.actions.Party("张三丰", ec.actions.PartyKind.NATURAL_PERSON).public_name
        )


class TestTheLoadersRange:
    """Every document the loader accepts is written, whatever the options (item 7)."""

    LARGEST = ec.AnnualReport(
        body=GULU.body,
        year=2023,
        penalty=ec.figures.PenaltyFigures(cases=10**16 - 1, fines=Decimal("999999999999.99")),
    )

    def test_chinese_numerals_for_the_largest_count(self):
        """numerals='chinese' writes the largest count the loader accepts."""
        assert "九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九件" in zh(
            self.LARGEST, numerals="chinese"
        )

    def test_capitals_for_the_largest_amount(self):
        """capitals=True writes the largest amount the loader accepts."""
        assert "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分" in zh(
            self.LARGEST, capitals=True
        )


class TestTotalsWithoutParts:
    def test_written_as_totals(self):
        """办理行政许可事项, 立案, 实施行政强制: each total written, counted in the opening."""
        report = street(
            licensing=ec.figures.LicensingFigures(handled=1234),
            penalty=ec.figures.PenaltyFigures(filed=30, cases=28),
            coercion=ec.figures.CoercionFigures(actions=12),
        )
        text = zh(report)
        assert "全年办理行政许可事项1234件" in text
        assert "全年立案30件，办理行政处罚案件28件" in text
        assert "全年实施行政强制12件" in text
        assert "全年未实施行政强制" in zh(street(coercion=ec.figures.CoercionFigures(actions=0)))


class TestWrittenAsStated:
    def test_counts_in_wan_and_money_in_yi(self):
        """46.6万家次, 1616.85万宗, 11.45亿元 come out as the report writes them."""
        report = street(
            inspection=ec.figures.InspectionFigures(),
            penalty=ec.figures.PenaltyFigures(),
            stated=ec.report.Stated(
                figures=(
                    ec.report.StatedFigure(
                        figure="inspection.visits", value=Decimal("46.6"), unit="万"
                    ),
                    ec.report.StatedFigure(
                        figure="penalty.cases", value=Decimal("1616.85"), unit="万"
                    ),
                    ec.report.StatedFigure(
                        figure="penalty.fines", value=Decimal("11.45"), unit="亿元"
                    ),
                )
            ),
            conventions=ec.report.Conventions(case_measure="宗"),
        )
        text = zh(report)
        assert "行政检查46.6万家次" in text
        assert "全年办理行政处罚案件1616.85万宗" in text
        assert "罚款11.45亿元" in text
        held = street(penalty=ec.figures.PenaltyFigures(cases=466000))
        assert "466000件" in zh(held)


class TestReviewOutcomes:
    def test_outcomes_and_categories(self):
        """维持3件、撤销1件、申请人撤回1件, and per category; zeros left out."""
        counts = ec.figures.ReviewCounts(
            reconsiderations=5, upheld=3, revoked=1, withdrawn=1, changed=0
        )
        text = zh(
            street(
                reviews=ec.figures.ReviewFigures(
                    total=counts,
                    by_kind={
                        ec.actions.ActionKind.PENALTY: ec.figures.ReviewCounts(
                            reconsiderations=4, upheld=3
                        )
                    },
                )
            )
        )
        assert "全年发生行政复议5件，维持3件、撤销1件、申请人撤回1件" in text
        assert "按类别分，行政处罚类复议4件（维持3件）" in text
        assert "变更" not in text


class TestWorkforceMovements:
    def test_movements_and_status_with_their_measure_words(self):
        """Posts, establishments, borrowed staff (人 as the report writes it), departures, exam, certificates."""
        workforce = ec.workforce.WorkforceFigures(
            certified=20,
            authorised_posts=30,
            established_staff=24,
            by_establishment={
                ec.workforce.EstablishmentKind.ADMINISTRATIVE: 16,
                ec.workforce.EstablishmentKind.PUBLIC_INSTITUTION: 8,
            },
            borrowed_staff=2,
            uncertified_recruits=4,
            departed=4,
            departures={
                ec.workforce.DepartureReason.TRANSFERRED: 2,
                ec.workforce.DepartureReason.RETIRED: 2,
            },
            exam_passed=5,
            certificates_applied=5,
            certificates_pending=2,
        )
        own = ec.report.Conventions(measure_words={"workforce.borrowed_staff": "人"})
        text = zh(street(workforce=workforce, conventions=own))
        assert "核定编制30名，在编人员24名（行政编制16名、事业编制8名），借调人员2人" in text
        assert "新招录尚未取得执法证人员4名" in text
        assert "全年减少执法人员4名（调离执法岗位2名、退休2名）" in text
        assert "5名通过行政执法资格考试，申领执法证5名，尚待发证2名" in text

    def test_none_left(self):
        """No one left: said in words, no "0名"."""
        text = zh(street(workforce=ec.workforce.WorkforceFigures(departed=0, exam_passed=0)))
        assert "全年无执法人员调离、退休或离职" in text
        assert "0名" not in text


class TestActivities:
    def test_written_in_order(self):
        """巡查187次，巡查651场次，…批次，履职率 as stated, after the categories."""
        activities = (
            ec.figures.Activity(name="开展巡查", kind=ec.figures.ActivityKind.PATROL, count=187),
            ec.figures.Activity(
                name="巡查", kind=ec.figures.ActivityKind.PATROL, count=651, measure="场次"
            ),
            ec.figures.Activity(name="开展双随机一公开抽查", count=12, measure="批次"),
            ec.figures.Activity(name="依法履职", rate=Decimal("100.0"), rate_name="履职率"),
        )
        text = zh(street(penalty=ec.figures.PenaltyFigures(cases=3), activities=activities))
        assert (
            "全年办理行政处罚案件3件。开展巡查187次，巡查651场次，开展双随机一公开抽查12批次，"
            "依法履职，履职率100.0%。"
        ) in text
        alone = zh(street(activities=activities[:1]))
        assert "开展巡查187次。" in alone


class TestFreeTextBeforeANumber:
    """A report's own words ending in a digit or numeral are quoted, so no figure runs into them."""

    def test_a_subject_ending_in_a_digit(self):
        """申请“0”1件, not 申请01件; 申请农村宅基地243件 stays as the reference writes it."""
        licensing = ec.figures.LicensingFigures(subject="0", applications=1)
        assert "全年共计申请“0”1件" in zh(street(licensing=licensing))
        assert "全年共计申请农村宅基地243件" in zh(GULU)

    @pytest.mark.parametrize("digit", ["\ua900", "\u0663", "\u2462", "\u2167"])
    def test_a_subject_ending_in_another_scripts_digit(self, digit):
        """A Kayah Li ꤀, an Arabic-Indic ٣, a circled ③, a Roman Ⅷ: quoted as an ASCII digit is.

        The fidelity property found 申请0꤀2件 (seed 2293498432), where the count read ꤀2.
        """
        licensing = ec.figures.LicensingFigures(subject=f"0{digit}", applications=2)
        assert f"全年共计申请“0{digit}”2件" in zh(street(licensing=licensing))

    def test_a_subject_ending_in_a_letter_stays_as_written(self):
        """The other side: words ending in a letter or a Chinese character are not quoted."""
        licensing = ec.figures.LicensingFigures(subject="5G", applications=2)
        assert "全年共计申请5G2件" in zh(street(licensing=licensing))

    def test_an_activity_and_its_rate(self):
        """An activity's name and its rate's name are set apart only when they end in a numeral."""
        activities = (
            ec.figures.Activity(name="开展专项行动二", count=3, measure="次"),
            ec.figures.Activity(name="依法履职", rate=Decimal("99.5"), rate_name="第3季度履职率"),
            ec.figures.Activity(name="开展巡查", count=187),
        )
        text = zh(street(activities=activities))
        assert "“开展专项行动二”3次" in text
        assert "依法履职，第3季度履职率99.5%" in text
        assert "开展巡查187次" in text

    def test_a_rate_named_by_the_report(self):
        """A stated rate under the report's own name ending in a digit is quoted too."""
        report = street(
            penalty=ec.figures.PenaltyFigures(cases=3),
            stated=ec.report.Stated(rates={"办结率2": Decimal("98.5"), "参与率": Decimal(90)}),
        )
        text = zh(report)
        assert "“办结率2”98.5%" in text
        assert "参与率90%" in text


def test_powers_alone_are_written():
    """A report stating only its powers still has the section that writes them."""
    report = ec.AnnualReport(
        body=STREET,
        year=2023,
        powers=ec.figures.PowerFigures(
            total=1, by_source={ec.actions.AuthoritySource.STATUTORY: 1}
        ),
    )
    text = zh(report)
    assert "我街道共有行政执法职权1项，法定执法1项。" in text


def change(path: str, value: str, unit: str) -> ec.report.StatedChange:
    return ec.report.StatedChange(
        figure=path, change=Decimal(value), unit=ec.report.ChangeUnit(unit)
    )


class TestOnlyWhatIsStated:
    """zh writes what the report states, in Chinese, and no figure nobody stated."""

    def test_grand_total_change_under_its_own_words(self):
        """A change of the grand total follows the total, not another figure's term (行政强制)."""
        report = street(
            penalty=ec.figures.PenaltyFigures(cases=5),
            coercion=ec.figures.CoercionFigures(actions=2),
            stated=ec.report.Stated(
                actions=13115, changes=(change("stated.actions", "-3.5", "percent"),)
            ),
        )
        text = zh(report)
        assert "全年开展行政执法行为共计13115件，同比下降3.5%。" in text
        assert text.count("同比下降3.5%") == 1
        assert "行政强制同比" not in text
        without = zh(attrs_evolve(report, stated=ec.report.Stated(actions=13115)))
        assert "同比" not in without

    def test_no_vocabulary_key_in_the_prose(self):
        """A stated change of a figure the prose does not write is named by its labels, never its key."""
        report = street(
            penalty=ec.figures.PenaltyFigures(
                cases=5, by_procedure={ec.actions.Procedure.ORDINARY: 3}
            ),
            stated=ec.report.Stated(
                changes=(change("penalty.by_procedure.ordinary", "2", "percent"),)
            ),
        )
        text = zh(report)
        assert "ordinary" not in text
        assert "行政处罚普通程序同比上升2%" in text

    def test_one_category_and_a_total_of_all_cases(self):
        """N all cases is not written as the penalties' count (开展的…为行政处罚，共计N件)."""
        report = street(
            penalty=ec.figures.PenaltyFigures(cases=398), stated=ec.report.Stated(actions=13115)
        )
        text = zh(report)
        assert "行政处罚，共计" not in text
        assert "开展的行政执法行为为行政处罚。全年开展行政执法行为共计13115件。" in text
        scoped = attrs_evolve(report, stated=ec.report.Stated(actions=398, scope=("penalty",)))
        assert "开展的行政执法行为为行政处罚，共计398件。" in zh(scoped)

    def test_totals_not_stated_are_not_added_up(self):
        """Powers, reviews and officers given by parts only: the parts, never a sum as a total."""
        report = street(
            workforce=ec.workforce.WorkforceFigures(
                units={
                    "office": ec.workforce.Unit("综合执法办", certified=3),
                    "team": ec.workforce.Unit("应急办", certified=4),
                }
            ),
            powers=ec.figures.PowerFigures(
                by_source={
                    ec.actions.AuthoritySource.STATUTORY: 120,
                    ec.actions.AuthoritySource.CONFERRED: 280,
                }
            ),
            penalty=ec.figures.PenaltyFigures(cases=3),
            reviews=ec.figures.ReviewFigures(
                by_kind={
                    ec.actions.ActionKind.PENALTY: ec.figures.ReviewCounts(reconsiderations=2),
                    ec.actions.ActionKind.LICENSING: ec.figures.ReviewCounts(reconsiderations=1),
                }
            ),
        )
        text = zh(report)
        assert [] == [n for n in ("400项", "共有行政执法职权", "行政复议3件", "共7名") if n in text]
        assert "法定执法120项、赋权执法280项" in text
        assert "行政处罚类复议2件" in text
        assert "行政许可类复议1件" in text
        assert "综合执法办执法人员3名" in text
        assert "应急办执法人员4名" in text
        stated = attrs_evolve(
            report,
            powers=attrs.evolve(report.powers, total=400),
            reviews=attrs.evolve(report.reviews, total=ec.figures.ReviewCounts(reconsiderations=3)),
            workforce=attrs.evolve(report.workforce, certified=7),
        )
        text = zh(stated)
        assert [] == [
            n for n in ("共有行政执法职权400项", "全年发生行政复议3件", "共7名") if n not in text
        ]

    def test_a_change_stated_both_ways(self):
        """增加150件 and 42.3%: each written once, neither as two copies of the number."""
        report = street(
            penalty=ec.figures.PenaltyFigures(cases=505),
            stated=ec.report.Stated(
                changes=(
                    change("penalty.cases", "150", "absolute"),
                    change("penalty.cases", "42.3", "percent"),
                )
            ),
        )
        text = zh(report)
        assert "全年办理行政处罚案件505件，较上年增加150件，同比上升42.3%" in text
        assert text.count("150件") == 1

    def test_other_actions_held_as_written_figures(self):
        """征收 written 46.6万 with 11.45亿元: both written as the report writes them."""
        report = street(
            other_actions={ec.actions.ActionKind.LEVY: ec.figures.ActionFigures()},
            stated=ec.report.Stated(
                figures=(
                    ec.report.StatedFigure(
                        figure="other_actions.levy.count", value=Decimal("46.6"), unit="万"
                    ),
                    ec.report.StatedFigure(
                        figure="other_actions.levy.amount", value=Decimal("11.45"), unit="亿元"
                    ),
                )
            ),
        )
        assert "全年行政征收46.6万件，涉及金额11.45亿元" in zh(report)

    def test_zeros_of_a_ledger_in_words(self):
        """A ledger's zeros are written in words, as the documented style writes them."""
        text = zh(ec.summarize(ec.examples.load_records("gulu-2023")))
        digits = (
            "撤销行政许可0件",
            "不予处罚0件",
            "从轻减轻处罚0件",
            "移送司法机关0件",
            "0.00万元",
        )
        assert [] == [phrase for phrase in digits if phrase in text]
        words = ("未撤销行政许可", "无不予处罚的案件", "未向司法机关移送涉嫌犯罪案件")
        assert [] == [phrase for phrase in words if phrase not in text]
        # A zero the report writes rounded ("0万") stays as written; a count above 0 in figures.
        assert "经法制审核227件" in text

    def test_numbering_follows_the_items_written(self):
        """一是/二是 only for two items or more; reviews are an item of their own."""
        one = zh(street(penalty=ec.figures.PenaltyFigures(cases=3)))
        assert "一是" not in one
        reviews = ec.figures.ReviewFigures(total=ec.figures.ReviewCounts(reconsiderations=1))
        two = zh(street(penalty=ec.figures.PenaltyFigures(cases=3), reviews=reviews))
        assert (
            "一是行政处罚。全年办理行政处罚案件3件。二是行政复议、行政诉讼。全年发生行政复议1件。"
            in two
        )
        none = zh(
            street(
                penalty=ec.figures.PenaltyFigures(cases=3),
                reviews=ec.figures.ReviewFigures(
                    total=ec.figures.ReviewCounts(reconsiderations=0, litigations=0)
                ),
            )
        )
        assert "一是" not in none
        assert "全年未发生行政复议、行政诉讼。" in none

    def test_computed_only_from_held_figures(self):
        """rates="computed" and previous= compute from held figures only, never a derived total."""
        units = {"office": ec.workforce.Unit("综合执法办", certified=3)}
        derived = street(workforce=ec.workforce.WorkforceFigures(units=units, trained=3))
        assert "培训覆盖率" not in zh(derived, rates="computed")
        held = street(workforce=ec.workforce.WorkforceFigures(certified=3, units=units, trained=3))
        assert "培训覆盖率100.00%" in zh(held, rates="computed")
        before = ec.AnnualReport(
            body=STREET,
            year=2022,
            penalty=ec.figures.PenaltyFigures(
                by_domain={ec.actions.Domain.TRAFFIC: ec.figures.DomainPenalties(cases=2)}
            ),
        )
        now = street(penalty=ec.figures.PenaltyFigures(cases=5))
        assert "同比" not in zh(now, previous=before)
        stated_before = attrs.evolve(before, penalty=ec.figures.PenaltyFigures(cases=4))
        assert "全年办理行政处罚案件5件，同比上升25.00%" in zh(now, previous=stated_before)
