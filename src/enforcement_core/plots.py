"""Plots of a report's figures: hazards by inspection area, actions by category.

The plots need the ``plot`` extra (``pip install 'enforcement-core[plot]'``);
matplotlib is imported when a function is first called, so this module imports
without it. Each function returns a :class:`matplotlib.figure.Figure` built
without pyplot: no global state, no backend, no window. Save it with
``fig.savefig(...)`` or show it in a notebook.

Labels are Chinese or English. Chinese labels need a font that can draw Chinese
(a CJK font); ``locale="auto"`` writes Chinese when :func:`cjk_font` finds one,
English (with a warning) when it does not. The font is set for the figure's own
text only; matplotlib's global settings are left as they were.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from enforcement_core._extras import require
from enforcement_core.actions import ActionKind
from enforcement_core.errors import PlotError
from enforcement_core.labels import label, term
from enforcement_core.ledger import Ledger
from enforcement_core.statistics import category_totals
from enforcement_core.summary import summarize

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from enforcement_core.report import AnnualReport
    from enforcement_core.statistics import CategoryTotal

__all__ = ["CJK_FONTS", "cases_by_category", "cjk_font", "hazards_by_area"]

#: Font families that draw Chinese, in order of preference (matplotlib's family names).
CJK_FONTS: Final = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "AR PL UMing CN",
)

_LOCALES: Final = ("zh_CN", "en", "auto")

_INSTALL_A_FONT: Final = (
    "install one, e.g. on Debian or Ubuntu: apt install fonts-noto-cjk "
    "(or fonts-wqy-microhei); macOS and Windows have one already"
)


def _require_matplotlib() -> None:
    require("matplotlib.figure", "plot", "plots")


def _pick_font(installed: Iterable[str], preferences: Sequence[str] = CJK_FONTS) -> str | None:
    """The first of ``preferences`` among the ``installed`` family names; ``None`` if none is."""
    families = set(installed)
    return next((name for name in preferences if name in families), None)


def cjk_font() -> str | None:
    """The family name of an installed font that can draw Chinese, or ``None``.

    The first of :data:`CJK_FONTS` that matplotlib knows of.

    Raises:
        MissingExtraError: matplotlib is not installed (the ``plot`` extra).

    Examples:
        >>> font = cjk_font()
        >>> font is None or font in CJK_FONTS
        True
    """
    _require_matplotlib()
    from matplotlib import font_manager  # noqa: PLC0415  (an optional dependency)

    return _pick_font(entry.name for entry in font_manager.fontManager.ttflist)


def _resolve_locale(locale: str) -> tuple[str, str | None]:
    """The locale the labels are written in, and the CJK font to draw with, if any."""
    if locale not in _LOCALES:
        raise PlotError(f"unknown locale {locale!r}; plots are labelled in {', '.join(_LOCALES)}")
    font = cjk_font()
    if locale == "auto":
        if font is None:
            warnings.warn(
                f"No CJK font found, so the plot is labelled in English; "
                f"for Chinese labels, {_INSTALL_A_FONT}.",
                UserWarning,
                stacklevel=3,  # the caller of hazards_by_area or cases_by_category
            )
            return "en", None
        return "zh_CN", font
    if locale == "zh_CN" and font is None:
        raise PlotError(f"Chinese labels need a CJK font and none is installed: {_INSTALL_A_FONT}")
    return locale, font


def _draw(
    locale: str, font: str | None, rows: int, series: int, build: Callable[[Axes], None]
) -> Figure:
    """A new figure of one Axes, drawn by ``build`` with the CJK font on its text."""
    import matplotlib as mpl  # noqa: PLC0415  (an optional dependency)
    from matplotlib.figure import Figure  # noqa: PLC0415

    families = list(mpl.rcParams["font.family"])
    if font is not None:
        # Chinese labels draw in the CJK font; English ones keep the usual font, with
        # the CJK font behind it for the Chinese names of bodies.
        families = [font, *families] if locale == "zh_CN" else [*families, font]
    # Every text object copies the font family when it is created, so the font holds
    # for this figure after the context ends; the context restores the rcParams.
    with mpl.rc_context({"font.family": families}):
        fig = Figure(figsize=(8, 1.6 + rows * (0.25 * series + 0.2)), layout="constrained")
        ax = fig.add_subplot()
        build(ax)
        # Tick labels made later, when the figure is drawn, copy the first tick's font.
        for axis in (ax.xaxis, ax.yaxis):
            axis.get_major_ticks()
            axis.get_minor_ticks()
    return fig


def _grouped_bars(
    ax: Axes,
    rows: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None]]],
) -> None:
    """Horizontal bars, a group per row and a bar per series; a ``None`` count draws no bar."""
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415  (an optional dependency)

    height = 0.8 / len(series)
    for index, (name, counts) in enumerate(series):
        offset = (index - (len(series) - 1) / 2) * height
        known = [(row, count) for row, count in enumerate(counts) if count is not None]
        bars = ax.barh(
            [row + offset for row, _ in known],
            [count for _, count in known],
            height=height,
            label=name,
        )
        ax.bar_label(bars, labels=[str(count) for _, count in known], padding=2)
    ax.set_yticks(range(len(rows)), rows)
    ax.invert_yaxis()  # the first row on top
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(x=0.12)  # room for the counts written beside the bars
    ax.legend()


def hazards_by_area(source: AnnualReport | Ledger, *, locale: str = "auto") -> Figure:
    """Hazards found and rectified per inspection area, as grouped horizontal bars.

    The areas come from ``inspection.by_area`` (a ledger is summarised first), in
    the order the report names them. An area without hazard figures is left
    out; a figure not stated draws no bar.

    Args:
        source: A report, or a ledger of records.
        locale: ``"zh_CN"``, ``"en"``, or ``"auto"``: Chinese when a CJK font is
            installed, else English with a warning.

    Raises:
        PlotError: The report states no hazards per area (the reference report
            ``gulu-2023`` names its areas without figures; its ledger's summary
            has them), or the locale is unknown, or Chinese is asked for and no
            CJK font is installed. A ``ValueError``.
        MissingExtraError: matplotlib is not installed (the ``plot`` extra).

    Examples:
        >>> from enforcement_core import examples
        >>> fig = hazards_by_area(examples.load_records("gulu-2023"), locale="en")
        >>> ax = fig.axes[0]
        >>> ax.get_title()
        'Hazards found and rectified by area · 2023'
        >>> [bars.datavalues.tolist() for bars in ax.containers]
        [[64, 37, 81, 54, 67, 56, 87, 63], [64, 35, 81, 53, 67, 55, 84, 63]]
        >>> hazards_by_area(examples.load("gulu-2023"), locale="en")
        Traceback (most recent call last):
        ...
        enforcement_core.errors.PlotError: the report of 古路镇 for 2023 states no hazards per inspection area, so there is nothing to plot; a ledger's summary has them
    """
    _require_matplotlib()
    report = summarize(source) if isinstance(source, Ledger) else source
    inspection = report.inspection
    areas = {
        area: figures.hazards
        for area, figures in (inspection.by_area.items() if inspection is not None else ())
        if figures.hazards.found is not None or figures.hazards.rectified is not None
    }
    if not areas:
        raise PlotError(
            f"the report of {report.body.short_name} for {report.year} states no hazards per "
            "inspection area, so there is nothing to plot; a ledger's summary has them"
        )
    locale, font = _resolve_locale(locale)

    def build(ax: Axes) -> None:
        _grouped_bars(
            ax,
            [label(area, locale) for area in areas],
            [
                (term("hazards_found", locale), [h.found for h in areas.values()]),
                (term("hazards_rectified", locale), [h.rectified for h in areas.values()]),
            ],
        )
        ax.set_title(f"{term('plot_hazards_by_area', locale)} · {report.year}")
        ax.set_xlabel(term("number", locale))

    return _draw(locale, font, len(areas), 2, build)


def _named(reports: Mapping[str, AnnualReport] | Sequence[AnnualReport]) -> dict[str, AnnualReport]:
    if isinstance(reports, Mapping):
        return dict(reports)
    named: dict[str, AnnualReport] = {}
    for report in reports:
        name = f"{report.body.short_name} {report.year}"
        if name in named:
            raise PlotError(f"two reports are both {name!r}: pass a mapping to name them apart")
        named[name] = report
    return named


def _count(totals: Mapping[ActionKind, CategoryTotal], kind: ActionKind) -> int | None:
    total = totals.get(kind)
    return None if total is None else total.count


def cases_by_category(
    reports: Mapping[str, AnnualReport] | Sequence[AnnualReport], *, locale: str = "auto"
) -> Figure:
    """The count of each action category across reports, as grouped horizontal bars.

    A bar per report in each category, with the count of
    :func:`~enforcement_core.statistics.category_totals`. Reports in a sequence
    are labelled by their body's short name and year ("古路镇 2023", Chinese in
    either locale); in a mapping, by their keys. A category for which no report
    has a count is left out; a count a report does not have draws no bar, which
    is not a bar of 0.

    Args:
        reports: The reports of several towns or years, in the order to draw them.
        locale: ``"zh_CN"``, ``"en"``, or ``"auto"``: Chinese when a CJK font is
            installed, else English with a warning.

    Raises:
        PlotError: No report is given, none has a count of any category, two
            reports of a sequence have one body and year, the locale is unknown,
            or Chinese is asked for and no CJK font is installed. A ``ValueError``.
        MissingExtraError: matplotlib is not installed (the ``plot`` extra).

    Examples:
        >>> from enforcement_core import examples, summarize
        >>> fig = cases_by_category(
        ...     {
        ...         "stated": examples.load("gulu-2023"),
        ...         "summarised": summarize(examples.load_records("gulu-2023")),
        ...     },
        ...     locale="en",
        ... )
        >>> ax = fig.axes[0]
        >>> [tick.get_text() for tick in ax.get_yticklabels()]
        ['licensing', 'penalty', 'inspection']
        >>> [(bars.get_label(), bars.datavalues.tolist()) for bars in ax.containers]
        [('stated', [209, 220, 363]), ('summarised', [227, 220, 363])]
    """
    _require_matplotlib()
    named = _named(reports)
    if not named:
        raise PlotError("no reports to plot")
    totals = {name: category_totals(report) for name, report in named.items()}
    kinds = [
        kind
        for kind in ActionKind
        if any(_count(of_report, kind) is not None for of_report in totals.values())
    ]
    if not kinds:
        raise PlotError(f"none of {', '.join(named)} has a count of any action category")
    locale, font = _resolve_locale(locale)

    def build(ax: Axes) -> None:
        _grouped_bars(
            ax,
            [label(kind, locale) for kind in kinds],
            [
                (name, [_count(of_report, kind) for kind in kinds])
                for name, of_report in totals.items()
            ],
        )
        ax.set_title(term("plot_cases_by_category", locale))
        ax.set_xlabel(term("number", locale))

    return _draw(locale, font, len(kinds), len(named), build)
