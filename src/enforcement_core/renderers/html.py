"""The ``html`` renderer: a page to publish, and a table for notebooks.

The page is what a government website posts: the ``zh`` report with its headings,
then every figure and rate in a table with column headers, units in a column of
their own and numbers aligned right; standalone (no external stylesheet, script,
font or image), accessible (headers scoped to their rows and columns, the language
marked) and laid out for printing on A4. ``fragment=True`` gives the table alone, for
notebooks.

Everything that comes from the data (names, labels, figures) is HTML-escaped: a
body named ``<script>`` shows as text. The same small table serves the rich
display of tallies, comparisons and audit findings in Jupyter.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING, Any

from enforcement_core._mapping import FrozenMap
from enforcement_core.labels import term
from enforcement_core.numbers_zh import format_date
from enforcement_core.renderers._base import (
    LOCALE,
    PERSONAL_DATA,
    RATES,
    Option,
    published,
    validate_options,
)
from enforcement_core.renderers._rows import Row, rows
from enforcement_core.renderers.zh import renderer as zh

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    from enforcement_core.renderers.zh import ZhDocument
    from enforcement_core.report import AnnualReport

__all__ = ["HtmlRenderer", "renderer", "table"]

_STYLE = (
    "<style>.enforcement-core td.value{text-align:right;font-variant-numeric:tabular-nums}"
    # Notebooks' own stylesheets right-align cells: labels are set left, so their indent shows.
    ".enforcement-core th,.enforcement-core td{text-align:left}"
    ".enforcement-core td.depth-0{font-weight:bold}</style>"
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


# The page's own style: no external asset. Print: A4 with the margins of the 公文
# (GB/T 9704-2012), a table's header repeated on each page and no row split.
_PAGE_STYLE = """
body{margin:0 auto;max-width:48em;padding:1em;line-height:1.8;color:#111;
font-family:"FangSong","仿宋","STFangsong","Noto Serif CJK SC","Songti SC",serif}
h1{text-align:center;font-size:1.6em;font-family:"SimSun","宋体","Noto Serif CJK SC",serif}
h2{font-size:1.15em;font-family:"SimHei","黑体","Noto Sans CJK SC",sans-serif}
h3{font-size:1.05em;font-family:"KaiTi","楷体","STKaiti",serif}
h4,h5{font-size:1em}
.report p{text-indent:2em;margin:.3em 0}
.report p.signature{text-align:right;text-indent:0;margin-right:2em}
table{border-collapse:collapse;width:100%;margin:1em 0}
caption{font-weight:bold;padding:.5em}
th,td{border:1px solid #888;padding:.2em .5em;text-align:left;vertical-align:top}
thead th{background:#eee}
td.value{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tbody th[scope=rowgroup]{background:#f6f6f6}
th.depth-2{padding-left:2em}th.depth-3{padding-left:3.5em}th.depth-4{padding-left:5em}
th[scope=row]{font-weight:normal}
@page{size:A4;margin:37mm 26mm 35mm 28mm}
@media print{body{max-width:none;padding:0;font-size:16pt}thead{display:table-header-group}
tr{break-inside:avoid}h1,h2,h3{break-after:avoid}}
"""


# HTML §13.2.3.5: controls other than whitespace, surrogates and noncharacters are
# parse errors; a page to publish drops them (the notebook fragment is left as it was).
_INVALID = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(17))
    + "]"
)


def _escape(text: str) -> str:
    return escape(_INVALID.sub("", text))


def _cell(value: object) -> str:
    return "" if value is None else escape(str(value))


class HtmlRenderer:
    """A page of the report and its figures, or (``fragment=True``) the table of figures alone.

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
    #: The ``--output`` extensions that choose it.
    extensions = (".html", ".htm")
    #: The options it accepts.
    options: Mapping[str, Option] = FrozenMap(
        {
            "locale": LOCALE,
            "fragment": Option(
                bool, default=False, help="write the table alone, without the page around it"
            ),
            "rates": RATES,
            "personal_data": PERSONAL_DATA,
        }
    )

    def render(self, report: AnnualReport, **options: Any) -> str:
        """The report as a standalone page, or its table of figures alone."""
        return self._write(report, **validate_options(self, options))

    def _write(
        self, report: AnnualReport, *, locale: str, fragment: bool, rates: str, personal_data: bool
    ) -> str:
        report = published(report, personal_data=personal_data, locale=locale)
        zh_locale = locale == "zh_CN"
        title = f"{report.body.name} {report.year}" + (
            "年行政执法数据" if zh_locale else " enforcement figures"
        )
        when = ""
        if report.published_on is not None:
            day = format_date(report.published_on) if zh_locale else report.published_on.isoformat()
            when = f"（发布日期：{day}）" if zh_locale else f" (published {day})"
        table_rows = rows(report, locale, computed=rates == "computed")
        if not fragment:
            document = zh.document(report, personal_data=personal_data)
            html = _page(report, locale, document, table_rows)
        else:
            lines = "".join(
                f'<tr{_computed(row)}><td class="depth-{row.depth}" style="padding-left:'
                f'{2 * row.depth}em">{escape(row.label)}{_note(row, locale)}</td>'
                f'<td class="value">{escape(row.value)}</td><td>{escape(row.unit)}</td></tr>'
                for row in table_rows
            )
            html = (
                f'{_STYLE}<table class="enforcement-core"><caption>{escape(title + when)}'
                f"</caption><tbody>{lines}</tbody></table>\n"
            )
        # Personal data was withheld field by field (published), before the page was made.
        return html


def _computed(row: Row) -> str:
    return ' class="computed"' if row.computed else ""


def _note(row: Row, locale: str) -> str:
    """The note after the label of a figure computed from others, not stated."""
    if not row.computed:
        return ""
    word = _escape(term("computed", locale))
    return (
        f'<small class="note">（{word}）</small>'
        if locale == "zh_CN"
        else f' <small class="note">({word})</small>'
    )


def _page(report: AnnualReport, locale: str, document: ZhDocument, table_rows: list[Row]) -> str:
    """The whole page: the zh report, then the table of every figure."""
    lang = "zh-CN" if locale == "zh_CN" else "en"
    parts = [f'<article class="report" lang="zh-CN"><h1>{_escape(document.title)}</h1>']
    for block in document.blocks:
        if block.level:
            # h1 is the title: the report's first level is h2, and HTML stops at h6.
            level = min(block.level + 1, 6)
            parts.append(f"<h{level}>{_escape(block.line)}</h{level}>")
        else:
            parts.append(f"<p>{_escape(block.text)}</p>")
    parts.append(f'<p class="signature">{_escape(document.body)}</p>')
    if document.date is not None and report.published_on is not None:
        parts.append(
            f'<p class="signature"><time datetime="{report.published_on.isoformat()}">'
            f"{_escape(document.date)}</time></p>"
        )
    parts.append("</article>")
    heading = term("statistics_table", locale)
    headers = "".join(
        f'<th scope="col">{_escape(term(key, locale))}</th>' for key in ("item", "value", "unit")
    )
    parts.append(
        f'<section aria-labelledby="figures"><h2 id="figures">{_escape(heading)}</h2>'
        f"<table><caption>{_escape(report.body.name)} {report.year} {_escape(heading)}</caption>"
        f"<thead><tr>{headers}</tr></thead>{''.join(_groups(table_rows, locale))}</table>"
        "</section>"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_escape(document.title)}</title><style>{_PAGE_STYLE}</style></head>"
        f"<body><main>{''.join(parts)}</main></body></html>\n"
    )


def _groups(table_rows: Iterable[Row], locale: str) -> Iterator[str]:
    """The rows as ``tbody`` groups, each headed by its heading row (``scope="rowgroup"``)."""
    opened = False
    for row in table_rows:
        if row.depth == 0:
            if opened:
                yield "</tbody>"
            yield f'<tbody><tr><th scope="rowgroup" colspan="3">{_escape(row.label)}</th></tr>'
            opened = True
            continue
        if not opened:
            yield "<tbody>"
            opened = True
        # A percent is a number too: the sign goes to the unit column.
        value, unit = row.value, row.unit
        if row.kind == "percent" and value.endswith("%"):
            value, unit = value[:-1], "%"
        yield (
            f'<tr{_computed(row)}><th scope="row" class="depth-{row.depth}">'
            f"{_escape(row.label)}{_note(row, locale)}</th>"
            f'<td class="value">{_escape(value)}</td><td>{_escape(unit)}</td></tr>'
        )
    if opened:
        yield "</tbody>"


#: The instance the entry point names.
renderer = HtmlRenderer()
