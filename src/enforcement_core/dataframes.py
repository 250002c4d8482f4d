"""pandas DataFrames of reports, tallies, comparisons and findings (the ``pandas`` extra).

pandas is imported when a frame is first asked for; without it, the error names
the extra that installs it. Counts stay ``int``; money and percentages stay
``Decimal`` (an ``object`` column), so that nothing is rounded or made a float
on the way into a notebook.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from enforcement_core._extras import require
from enforcement_core.comparison import figure_paths
from enforcement_core.statistics import figure

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd

    from enforcement_core.audit import Finding
    from enforcement_core.comparison import Comparison
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


def report_frame(report: AnnualReport) -> pd.DataFrame:
    """One row per figure the report states or derives: body, year, figure path, value.

    Frames of several reports concatenate into one long table, ready to pivot.

    Examples:
        >>> from enforcement_core import examples
        >>> frame = report_frame(examples.load("gulu-2023"))
        >>> frame.loc[frame.figure == "inspection.hazards.found", "value"].item()
        509
    """
    rows = [
        {
            "body": report.body.name,
            "year": report.year,
            "figure": path,
            "value": figure(report, path),
        }
        for path in figure_paths(report)
    ]
    return _frame(rows, ["body", "year", "figure", "value"])


def tally_frame(tally: Tally) -> pd.DataFrame:
    """One row per key of a tally, with its count."""
    rows = [
        {tally.by.value: getattr(key, "value", key), "count": count}
        for key, count in tally.counts.items()
    ]
    return _frame(rows, [tally.by.value, "count"])


def comparison_frame(comparison: Comparison) -> pd.DataFrame:
    """One row per figure and per rate: previous, current, difference, percent (or points)."""
    rows: list[dict[str, Any]] = [
        {
            "figure": change.figure,
            "previous": change.previous,
            "current": change.current,
            "difference": change.difference,
            "percent": change.percent(2),
            "points": None,
        }
        for change in comparison.changes
    ]
    rows += [
        {
            "figure": f"rates.{change.rate.value}",
            "previous": change.previous.percent(2) if change.previous else None,
            "current": change.current.percent(2) if change.current else None,
            "difference": None,
            "percent": None,
            "points": change.points(2),
        }
        for change in comparison.rates
    ]
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
