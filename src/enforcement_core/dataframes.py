"""pandas DataFrames of reports, tallies, comparisons and findings (the ``pandas`` extra).

pandas is imported when a frame is first asked for; without it, the error names
the extra that installs it. In the frames of tallies, comparisons and findings,
counts stay ``int`` and money and percentages stay ``Decimal`` (an ``object``
column), so that nothing is rounded or made a float on the way into a notebook.

A report's frame is the one pandas users sum, describe and write to Excel: its
``value`` column is numeric (``Float64``, missing values ``<NA>``), with the label,
unit and measure word of each figure beside it, and the exact ``int`` or ``Decimal``
kept in ``exact``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from enforcement_core._extras import require
from enforcement_core.comparison import figure_paths
from enforcement_core.labels import term_or_key
from enforcement_core.renderers._rows import Row, rows
from enforcement_core.statistics import figure

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd

    from enforcement_core.comparison import Comparison
    from enforcement_core.findings import Finding
    from enforcement_core.report import AnnualReport
    from enforcement_core.statistics import Tally

__all__ = ["comparison_frame", "findings_frame", "report_frame", "tally_frame"]


def _pandas() -> Any:
    return require("pandas", "pandas", "DataFrames")


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    frame: pd.DataFrame = _pandas().DataFrame(rows, columns=columns)
    # Keep exact decimals as objects: pandas would make a float column of them.
    for column in columns:
        if any(isinstance(row.get(column), Decimal) for row in rows):
            frame[column] = frame[column].astype(object)
    return frame


_REPORT_COLUMNS = ["body", "year", "figure", "value", "label", "unit", "measure_word", "exact"]


def _labelled(report: AnnualReport) -> dict[str, tuple[str, Row]]:
    """Each figure's row of the statistics table, with its label under its headings."""
    labelled: dict[str, tuple[str, Row]] = {}
    # The rows above by depth: a total not stated leaves a gap (a domain right under 行政处罚).
    above: list[tuple[int, str]] = []
    for row in rows(report, "zh_CN"):
        while above and above[-1][0] >= row.depth:
            above.pop()
        above.append((row.depth, row.label))
        if row.path:
            labelled.setdefault(row.path, ("/".join(label for _, label in above), row))
    return labelled


def report_frame(report: AnnualReport) -> pd.DataFrame:
    """One row per figure the report states or derives: body, year, figure path, value.

    A derived figure (a total added up from parts, which may not be all of it) is
    here for analysis; the renderers do not publish it.

    ``value`` is numeric (pandas ``Float64``; ``<NA>`` where a figure is missing) so
    that ``describe()``, sums and ``to_excel`` work as pandas users expect; ``exact``
    holds the same figure as the library does (``int`` count, ``Decimal`` yuan).
    ``label`` is the figure's Chinese label under its headings (as the statistics
    table writes it), ``unit`` the money unit (元), ``measure_word`` a count's measure
    word (件, 家次, 名). Frames of several reports concatenate into one long table,
    ready to pivot.

    Examples:
        >>> from enforcement_core import examples
        >>> frame = report_frame(examples.load("gulu-2023"))
        >>> row = frame.set_index("figure").loc["inspection.hazards.found"]
        >>> float(row.value), row.label, row.measure_word, row.exact
        (509.0, '行政检查/查出隐患', '条', 509)
        >>> frame.set_index("figure").loc["penalty.fines", ["unit", "exact"]].tolist()
        ['元', Decimal('6800')]
        >>> str(frame["value"].dtype)
        'Float64'
    """
    labelled = _labelled(report)
    table = []
    for path in figure_paths(report):
        value = figure(report, path)
        label, row = labelled.get(path, (term_or_key(path.rsplit(".", 1)[-1]), None))
        table.append(
            {
                "body": report.body.name,
                "year": report.year,
                "figure": path,
                # float() of a Decimal is the nearest double, which reads back as the same
                # decimal up to 15 significant digits: any count, and any amount to the
                # fen below 10**13 yuan. ``exact`` keeps the figure itself.
                "value": None if value is None else float(value),
                "label": label,
                # A total the statistics table leaves out (not stated) is money if it is yuan.
                "unit": "元"
                if (row.kind == "money" if row is not None else isinstance(value, Decimal))
                else "",
                "measure_word": row.measure if row is not None else "",
                "exact": value,
            }
        )
    frame = _frame(table, _REPORT_COLUMNS)
    frame["value"] = frame["value"].astype("Float64")
    frame["exact"] = frame["exact"].astype(object)
    return frame


def tally_frame(tally: Tally) -> pd.DataFrame:
    """One row per key of a tally, with its count."""
    rows = [
        {tally.by.value: getattr(key, "value", key), "count": count}
        for key, count in tally.counts.items()
    ]
    return _frame(rows, [tally.by.value, "count"])


def comparison_frame(comparison: Comparison) -> pd.DataFrame:
    """One row per figure and per rate: previous, current, difference, percent (or points)."""
    rows: list[dict[str, Any]] = [attrs.asdict(row) for row in comparison.rows()]
    return _frame(rows, ["figure", "previous", "current", "difference", "percent", "points"])


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """One row per finding: severity, code, path, message, message_zh."""
    rows = [
        {
            "severity": finding.severity.value,
            "code": finding.code,
            "path": finding.path,
            "message": finding.message,
            "message_zh": finding.message_zh,
        }
        for finding in findings
    ]
    return _frame(rows, ["severity", "code", "path", "message", "message_zh"])
