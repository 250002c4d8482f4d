"""The ``html`` renderer: every figure and rate as an HTML table, for notebooks and the web.

Everything that comes from the data (names, labels, figures) is HTML-escaped: a
body named ``<script>`` shows as text. The same small table serves the rich
display of tallies, comparisons and audit findings in Jupyter.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from enforcement_core._mapping import FrozenMap
from enforcement_core.numbers_zh import format_date
from enforcement_core.renderers._base import (
    LOCALE,
    PERSONAL_DATA,
    Option,
    published,
    validate_options,
)
from enforcement_core.renderers._rows import rows

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from enforcement_core.report import AnnualReport

__all__ = ["HtmlRenderer", "renderer", "table"]

_STYLE = (
    "<style>.enforcement-core td.value{text-align:right;font-variant-numeric:tabular-nums}"
    ".enforcement-core th{text-align:left}.enforcement-core td.depth-0{font-weight:bold}</style>"
)


def table(
    headers: Sequence[str],
    body: Iterable[Sequence[object]],
    *,
    caption: str = "",
    numeric: Sequence[int] = (),
) -> str:
    """An HTML table of ``body`` under ``headers``; every cell escaped.

    ``numeric`` lists the columns aligned right. ``None`` cells are empty.

    Examples:
        >>> print(table(["name", "n"], [["<b>", 1]], numeric=[1]))
        <table class="enforcement-core"><thead><tr><th>name</th><th>n</th></tr></thead><tbody><tr><td>&lt;b&gt;</td><td class="value">1</td></tr></tbody></table>
    """
    head = "".join(f"<th>{escape(str(h))}</th>" for h in headers)
    lines = []
    for row in body:
        cells = "".join(
            f'<td class="value">{_cell(cell)}</td>'
            if index in numeric
            else f"<td>{_cell(cell)}</td>"
            for index, cell in enumerate(row)
        )
        lines.append(f"<tr>{cells}</tr>")
    caption_html = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (
        f'<table class="enforcement-core">{caption_html}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(lines)}</tbody></table>"
    )


def _cell(value: object) -> str:
    return "" if value is None else escape(str(value))


class HtmlRenderer:
    """Every figure and rate of a report as an HTML table, labelled in Chinese or English.

    Examples:
        >>> from enforcement_core import examples
        >>> page = renderer.render(
        ...     examples.load("gulu-2023"), locale="zh_CN", fragment=True, personal_data=False
        ... )
        >>> '">隐患整改率</td><td class="value">98.62%</td>' in page
        True
    """

    #: The name it is registered under.
    name = "html"
    #: HTML.
    media_type = "text/html; charset=utf-8"
    #: The file extension.
    extension = ".html"
    #: The options it accepts.
    options: Mapping[str, Option] = FrozenMap(
        {
            "locale": LOCALE,
            "fragment": Option(
                bool, default=False, help="write the table alone, without the page around it"
            ),
            "personal_data": PERSONAL_DATA,
        }
    )

    def render(self, report: AnnualReport, **options: Any) -> str:
        """The report as an HTML table, or as a whole page around it."""
        return self._write(report, **validate_options(self, options))

    def _write(
        self, report: AnnualReport, *, locale: str, fragment: bool, personal_data: bool
    ) -> str:
        report = published(report, personal_data=personal_data, locale=locale)
        zh = locale == "zh_CN"
        title = f"{report.body.name} {report.year}" + (
            "年行政执法数据" if zh else " enforcement figures"
        )
        when = ""
        if report.published_on is not None:
            day = format_date(report.published_on) if zh else report.published_on.isoformat()
            when = f"（发布日期：{day}）" if zh else f" (published {day})"
        lines = "".join(
            f'<tr><td class="depth-{row.depth}" style="padding-left:{2 * row.depth}em">'
            f'{escape(row.label)}</td><td class="value">{escape(row.value)}</td>'
            f"<td>{escape(row.unit)}</td></tr>"
            for row in rows(report, locale)
        )
        html = (
            f'{_STYLE}<table class="enforcement-core"><caption>{escape(title + when)}</caption>'
            f"<tbody>{lines}</tbody></table>"
        )
        if not fragment:
            lang = "zh-CN" if zh else "en"
            html = (
                f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
                f"<title>{escape(title)}</title></head><body>{html}</body></html>"
            )
        return html + "\n"


#: The instance the entry point names.
renderer = HtmlRenderer()
