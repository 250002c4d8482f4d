"""Plots: hazards by area and counts by category, their labels, fonts and the plot extra."""

from __future__ import annotations

import importlib
import io
import sys

import matplotlib as mpl
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import enforcement_core as ec
from enforcement_core import plots
from enforcement_core.actions import ActionKind, InspectionArea
from enforcement_core.body import BodyLevel, EnforcementBody
from enforcement_core.errors import MissingExtraError
from enforcement_core.figures import (
    ActionFigures,
    AreaFigures,
    CoercionFigures,
    HazardFigures,
    InspectionFigures,
    LicensingFigures,
    PenaltyFigures,
)
from enforcement_core.labels import label, term
from enforcement_core.plots import CJK_FONTS, cases_by_category, cjk_font, hazards_by_area

GULU = ec.examples.load("gulu-2023")
LEDGER = ec.examples.load_records("gulu-2023")
SUMMARY = ec.summarize(LEDGER)

SHIBA = EnforcementBody("示例镇人民政府", BodyLevel.TOWN, short_name="示例镇")
HEPING = EnforcementBody("和平街道办事处", BodyLevel.STREET, short_name="和平街道")


@pytest.fixture(scope="module")
def body() -> EnforcementBody:
    """The plots' reports are of 示例镇, whose short name labels the bars."""
    return SHIBA


def bars(fig) -> dict[str, dict[str, int]]:
    """Each series' counts by the label of the row its bars stand in, read from the Axes."""
    (ax,) = fig.axes
    rows = [tick.get_text() for tick in ax.get_yticklabels()]
    drawn: dict[str, dict[str, int]] = {}
    for container in ax.containers:
        drawn[container.get_label()] = {
            rows[round(patch.get_y() + patch.get_height() / 2)]: value
            for patch, value in zip(container.patches, container.datavalues.tolist(), strict=True)
        }
    return drawn


def draw(fig) -> None:
    """Render the figure to PNG as a user would save it; any warning fails the test."""
    fig.savefig(io.BytesIO(), format="png")


@pytest.fixture
def no_cjk_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plots, "cjk_font", lambda: None)


class TestHazardsByArea:
    def test_bars_carry_the_summarys_counts_per_area(self):
        """Each area has a bar of hazards found and one of rectified, with the summary's counts."""
        fig = hazards_by_area(LEDGER, locale="en")

        by_area = SUMMARY.inspection.by_area
        assert {
            "hazards found": {label(a, "en"): f.hazards.found for a, f in by_area.items()},
            "hazards rectified": {label(a, "en"): f.hazards.rectified for a, f in by_area.items()},
        } == bars(fig)

    def test_counts_are_read_back_from_the_patches(self):
        """The patches' lengths are the counts, in the order the summary names the areas."""
        (ax,) = hazards_by_area(LEDGER, locale="en").axes
        found, rectified = ax.containers

        areas = SUMMARY.inspection.by_area.values()
        assert [a.hazards.found for a in areas] == [p.get_width() for p in found.patches]
        assert [a.hazards.rectified for a in areas] == [p.get_width() for p in rectified.patches]

    def test_counts_are_written_beside_the_bars_as_whole_numbers(self):
        """The numbers written beside the bars are the counts, without decimals."""
        (ax,) = hazards_by_area(LEDGER, locale="en").axes

        areas = SUMMARY.inspection.by_area.values()
        expected = [str(a.hazards.found) for a in areas] + [str(a.hazards.rectified) for a in areas]
        assert expected == [text.get_text() for text in ax.texts]

    def test_a_ledger_plots_as_its_summary(self):
        """A ledger is summarised first: its plot is the plot of its summary."""
        assert bars(hazards_by_area(SUMMARY, locale="en")) == bars(
            hazards_by_area(LEDGER, locale="en")
        )

    def test_the_reference_report_states_no_hazards_per_area(self):
        """The reference report names its areas without figures: a ValueError says so."""
        with pytest.raises(ValueError, match="states no hazards per inspection area"):
            hazards_by_area(GULU, locale="en")

    def test_a_report_without_inspections_has_nothing_to_plot(self, report):
        """A report with no inspection figures raises the same ValueError."""
        with pytest.raises(ValueError, match="states no hazards per inspection area"):
            hazards_by_area(report(), locale="en")

    def test_areas_without_hazard_figures_are_left_out(self, report):
        """An area without hazard figures has no row; a figure not stated draws no bar."""
        inspection = InspectionFigures(
            by_area={
                InspectionArea.FIRE_SAFETY: AreaFigures(hazards=HazardFigures(found=3)),
                InspectionArea.FOOD_SAFETY: AreaFigures(visits=9),
                InspectionArea.GAS_SAFETY: AreaFigures(hazards=HazardFigures(found=0, rectified=0)),
            }
        )
        fig = hazards_by_area(report(inspection=inspection), locale="en")

        assert {
            "hazards found": {"fire safety": 3, "gas safety": 0},
            "hazards rectified": {"gas safety": 0},
        } == bars(fig)

    def test_labels_in_english(self):
        """With locale="en", the title, axis label, legend and areas are in English."""
        (ax,) = hazards_by_area(LEDGER, locale="en").axes

        assert "Hazards found and rectified by area · 2023" == ax.get_title()
        assert "number" == ax.get_xlabel()
        assert ["hazards found", "hazards rectified"] == [
            text.get_text() for text in ax.get_legend().get_texts()
        ]
        assert [label(a, "en") for a in SUMMARY.inspection.by_area] == [
            tick.get_text() for tick in ax.get_yticklabels()
        ]

    def test_the_figure_is_built_without_pyplot(self):
        """The figure has no backend's canvas: it was not made through pyplot."""
        fig = hazards_by_area(LEDGER, locale="en")

        assert "FigureCanvasBase" == type(fig.canvas).__name__


class TestCasesByCategory:
    def test_counts_per_category_across_three_reports(self, report):
        """Each report has a bar per category with its count, labelled by its body and year."""
        shiba = report(
            licensing=LicensingFigures(applications=12, granted=10, refused=1),
            penalty=PenaltyFigures(cases=7),
        )
        heping = report(
            HEPING,
            penalty=PenaltyFigures(cases=30),
            other_actions={ActionKind.REWARD: ActionFigures(count=2)},
        )
        fig = cases_by_category([GULU, shiba, heping], locale="en")

        assert {
            "古路镇 2023": {"licensing": 209, "penalty": 220, "inspection": 363},
            "示例镇 2023": {"licensing": 11, "penalty": 7},
            "和平街道 2023": {"penalty": 30, "reward": 2},
        } == bars(fig)

    def test_categories_in_vocabulary_order(self, report):
        """The rows are the categories some report counts, in the order of ActionKind."""
        heping = report(HEPING, other_actions={ActionKind.REWARD: ActionFigures(count=2)})
        (ax,) = cases_by_category([GULU, heping], locale="en").axes

        assert ["licensing", "penalty", "inspection", "reward"] == [
            tick.get_text() for tick in ax.get_yticklabels()
        ]

    def test_a_mapping_labels_reports_by_its_keys(self):
        """With a mapping, each report's bars are labelled by its key."""
        fig = cases_by_category({"stated": GULU, "from records": SUMMARY}, locale="en")

        assert {
            "stated": {"licensing": 209, "penalty": 220, "inspection": 363},
            "from records": {"licensing": 227, "penalty": 220, "inspection": 363},
        } == bars(fig)

    def test_a_count_not_stated_draws_no_bar(self, report):
        """A count that is None draws no bar at all, where a count of 0 draws a bar of 0."""
        unknown = report(licensing=LicensingFigures(applications=4))  # no decisions stated
        none_granted = report(HEPING, licensing=LicensingFigures(granted=0, refused=0))
        (ax,) = cases_by_category([unknown, none_granted], locale="en").axes

        assert [0, 1] == [len(container.patches) for container in ax.containers]
        assert {"示例镇 2023": {}, "和平街道 2023": {"licensing": 0}} == bars(ax.figure)

    def test_categories_no_report_counts_are_left_out(self, report):
        """A category only stated without a count, or absent everywhere, has no row."""
        uncounted = report(coercion=CoercionFigures(), penalty=PenaltyFigures(cases=1))
        (ax,) = cases_by_category({"a": uncounted, "b": GULU}, locale="en").axes

        assert ["licensing", "penalty", "inspection"] == [
            tick.get_text() for tick in ax.get_yticklabels()
        ]

    def test_labels_in_english(self):
        """With locale="en", the title, axis label and categories are in English."""
        (ax,) = cases_by_category({"gulu": GULU}, locale="en").axes

        assert "Enforcement actions by category" == ax.get_title()
        assert "number" == ax.get_xlabel()
        assert ["gulu"] == [text.get_text() for text in ax.get_legend().get_texts()]
        assert [label(k, "en") for k in (ActionKind.LICENSING, ActionKind.PENALTY)] == [
            tick.get_text() for tick in ax.get_yticklabels()
        ][:2]

    def test_two_reports_of_one_body_and_year_need_names(self):
        """Two reports of a sequence that would share a label raise a ValueError."""
        with pytest.raises(ValueError, match="pass a mapping to name them apart"):
            cases_by_category([GULU, SUMMARY], locale="en")

    def test_no_reports(self):
        """No reports raise a ValueError."""
        with pytest.raises(ValueError, match="no reports to plot"):
            cases_by_category([], locale="en")

    def test_no_counts_at_all(self, report):
        """Reports without a count of any category raise a ValueError."""
        with pytest.raises(ValueError, match="has a count of any action category"):
            cases_by_category({"empty": report()}, locale="en")


class TestCjkFont:
    def test_the_preferred_font_comes_first(self):
        """Of several installed CJK fonts, the one earliest in the preference list is picked."""
        installed = ["DejaVu Sans", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "SimHei"]

        assert "Noto Sans CJK SC" == plots._pick_font(installed)

    def test_one_cjk_font_among_others(self):
        """A single CJK font among Latin ones is found."""
        assert "AR PL UMing CN" == plots._pick_font(["DejaVu Sans", "AR PL UMing CN", "cmr10"])

    @pytest.mark.parametrize("installed", [[], ["DejaVu Sans", "STIXGeneral"]])
    def test_no_cjk_font(self, installed):
        """Without a CJK font, none is picked."""
        assert None is plots._pick_font(installed)

    def test_the_installed_fonts_are_searched(self):
        """cjk_font picks from the fonts matplotlib knows of."""
        from matplotlib import font_manager

        names = [entry.name for entry in font_manager.fontManager.ttflist]
        assert plots._pick_font(names) == cjk_font()
        assert cjk_font() is None or cjk_font() in CJK_FONTS


class TestLocale:
    @pytest.mark.usefixtures("no_cjk_font")
    def test_auto_without_a_cjk_font_falls_back_to_english(self):
        """Without a CJK font, "auto" labels in English and warns how to install one."""
        with pytest.warns(UserWarning, match="No CJK font found.*apt install fonts-noto-cjk"):
            fig = hazards_by_area(LEDGER)

        (ax,) = fig.axes
        assert "number" == ax.get_xlabel()
        draw(fig)

    @pytest.mark.usefixtures("no_cjk_font")
    def test_the_warning_points_at_the_caller(self):
        """The fallback warning is reported at the line that asked for the plot."""
        with pytest.warns(UserWarning, match="No CJK font found") as record:
            cases_by_category({"gulu": GULU})

        assert __file__ == record[0].filename

    @pytest.mark.usefixtures("no_cjk_font")
    def test_chinese_without_a_cjk_font_is_refused(self):
        """Asking for Chinese without a CJK font raises, naming how to install one."""
        with pytest.raises(ValueError, match="none is installed.*apt install fonts-noto-cjk"):
            hazards_by_area(LEDGER, locale="zh_CN")

    def test_an_unknown_locale_is_refused(self):
        """A locale other than zh_CN, en and auto raises a ValueError."""
        with pytest.raises(ValueError, match="unknown locale 'fr'"):
            cases_by_category({"gulu": GULU}, locale="fr")

    def test_auto_picks_the_installed_cjk_font(self):
        """With a CJK font, "auto" labels in Chinese drawn in it; without, in English."""
        font = cjk_font()
        if font is None:  # the documented fallback, on a machine without a CJK font
            with pytest.warns(UserWarning, match="No CJK font found"):
                fig = hazards_by_area(LEDGER)
            (ax,) = fig.axes
            assert "number" == ax.get_xlabel()
            FigureCanvasAgg(fig).draw()
            return
        fig = hazards_by_area(LEDGER)
        FigureCanvasAgg(fig).draw()  # a missing glyph would warn, and fail the test

        (ax,) = fig.axes
        assert term("number", "zh_CN") == ax.get_xlabel()
        assert [label(a, "zh_CN") for a in SUMMARY.inspection.by_area] == [
            tick.get_text() for tick in ax.get_yticklabels()
        ]
        texts = [
            ax.title,
            ax.xaxis.label,
            *ax.get_yticklabels(),
            *ax.get_xticklabels(),
            *ax.get_legend().get_texts(),
        ]
        assert {font} == {text.get_fontfamily()[0] for text in texts}

    def test_chinese_names_draw_in_english_labels(self):
        """English labels keep the CJK font behind the usual one for the bodies' Chinese names."""
        fig = cases_by_category([GULU], locale="en")
        (ax,) = fig.axes
        legend = ax.get_legend().get_texts()[0]

        assert "古路镇 2023" == legend.get_text()
        if cjk_font() is not None:
            draw(fig)  # no missing-glyph warning for 古路镇
            assert cjk_font() == legend.get_fontfamily()[-1]

    def test_global_rcparams_are_unchanged(self):
        """Building and drawing a figure, in either locale, leaves matplotlib's rcParams alone."""
        before = dict(mpl.rcParams)
        draw(hazards_by_area(LEDGER, locale="en"))
        if cjk_font() is not None:
            draw(cases_by_category({"古路镇": GULU}, locale="zh_CN"))

        assert before == dict(mpl.rcParams)


class TestWithoutMatplotlib:
    @pytest.fixture
    def no_matplotlib(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "matplotlib.figure", None)

    @pytest.mark.parametrize(
        "call",
        [
            lambda: hazards_by_area(LEDGER, locale="en"),
            lambda: cases_by_category({"gulu": GULU}, locale="en"),
            cjk_font,
        ],
        ids=["hazards_by_area", "cases_by_category", "cjk_font"],
    )
    @pytest.mark.usefixtures("no_matplotlib")
    def test_a_plot_names_the_extra(self, call):
        """Without matplotlib, every function raises MissingExtraError naming the plot extra."""
        with pytest.raises(MissingExtraError, match=r"pip install 'enforcement-core\[plot\]'"):
            call()

    def test_the_module_imports_without_matplotlib(self, monkeypatch: pytest.MonkeyPatch):
        """The module itself imports without matplotlib: the import is in the functions."""
        for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
            monkeypatch.setitem(sys.modules, name, None)
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        monkeypatch.delitem(sys.modules, "enforcement_core.plots")
        monkeypatch.setattr(ec, "plots", plots)  # the re-import rebinds it; put it back after

        module = importlib.import_module("enforcement_core.plots")

        assert ["CJK_FONTS", "cases_by_category", "cjk_font", "hazards_by_area"] == module.__all__
        with pytest.raises(MissingExtraError, match=r"enforcement-core\[plot\]"):
            module.cjk_font()
