"""The rich display of the model in notebooks: the one path from below up to the renderers.

Reports, ledgers, tallies, comparisons and findings show themselves in Jupyter and
IPython (``_repr_html_``, ``_repr_pretty_``) and turn into DataFrames
(``to_dataframe``) through the renderers and :mod:`enforcement_core.dataframes`, which
stand above them. Every such call goes through this module, at call time and never at
import, so that the package has one upward path and no import circle besides it
(``tests/test_layers.py`` holds every other module to importing downward only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["frame", "rendered", "table"]


def table(
    headers: Sequence[str],
    body: Iterable[Sequence[object]],
    *,
    caption: str = "",
    numeric: Sequence[int] = (),
) -> str:
    """An HTML table of ``body`` under ``headers``, as the ``html`` renderer writes tables.

    Examples:
        >>> print(table(["n"], [[1]], numeric=[0]))
        <table class="enforcement-core"><thead><tr><th>n</th></tr></thead><tbody><tr><td class="value">1</td></tr></tbody></table>
    """
    from enforcement_core.renderers.html import table as html_table  # noqa: PLC0415

    return html_table(headers, body, caption=caption, numeric=numeric)


def rendered(document: object, name: str, **options: Any) -> str:
    """``document`` (a report or a ledger) written by the renderer ``name``, as text.

    Examples:
        >>> from enforcement_core import examples
        >>> rendered(examples.load("gulu-2023"), "text").splitlines()[0]
        '重庆市渝北区古路镇人民政府 2023年行政执法数据'
    """
    from enforcement_core.renderers import render  # noqa: PLC0415

    return str(render(document, name, **options))  # type: ignore[arg-type]


def frame(kind: str, obj: object) -> Any:
    """The pandas DataFrame of ``obj``, made by ``dataframes.<kind>_frame``.

    ``kind`` is ``report``, ``tally``, ``comparison`` or ``findings``; the ``pandas``
    extra is needed, and named when missing.
    """
    from enforcement_core import dataframes  # noqa: PLC0415

    return getattr(dataframes, f"{kind}_frame")(obj)
