"""The ``text`` renderer: every figure and rate in aligned columns, for terminals and logs."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

import attrs

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

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from enforcement_core.report import AnnualReport

__all__ = ["TextRenderer", "display_width", "renderer"]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: CJK and full-width characters take two.

    Examples:
        >>> display_width("隐患整改率"), display_width("rate"), display_width("（一）")
        (10, 4, 6)
    """
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _lines(rows: list[Row]) -> Iterator[str]:
    labels = ["  " * row.depth + row.label for row in rows]
    label_width = max(
        (display_width(text) for text, row in zip(labels, rows, strict=True) if row.value),
        default=0,
    )
    value_width = max((display_width(row.value) for row in rows), default=0)
    for text, row in zip(labels, rows, strict=True):
        if not row.value:
            yield text
            continue
        padding = " " * (
            label_width - display_width(text) + 2 + value_width - display_width(row.value)
        )
        yield f"{text}{padding}{row.value}{' ' + row.unit if row.unit else ''}".rstrip()


def _marked(table: list[Row], locale: str) -> list[Row]:
    """The rows, a computed figure's label followed by the note that it is computed."""
    note = (
        f"（{term('computed', locale)}）" if locale == "zh_CN" else f" ({term('computed', locale)})"
    )
    return [attrs.evolve(row, label=row.label + note) if row.computed else row for row in table]


class TextRenderer:
    """Every figure and rate of a report in aligned columns, in Chinese or English.

    Column widths count CJK and full-width characters as two columns, so the
    figures line up in a terminal. Numbers are grouped as the locale writes them
    (babel); money and rates are rounded half up, once, before babel sees them.

    Examples:
        >>> from enforcement_core import examples
        >>> text = renderer.render(examples.load("gulu-2023"), locale="en")
        >>> for line in text.splitlines()[:5]:
        ...     print(line)
        重庆市渝北区古路镇人民政府 — enforcement figures 2023
        published 2024-01-18
        <BLANKLINE>
        Workforce
          certified officers                                    22
    """

    #: The name it is registered under.
    name = "text"
    #: Plain text.
    media_type = "text/plain; charset=utf-8"
    #: The file extension.
    extension = ".txt"
    #: The options it accepts.
    options: Mapping[str, Option] = FrozenMap(
        {
            "locale": LOCALE,
            "rates": RATES,
            "personal_data": PERSONAL_DATA,
        }
    )

    def render(self, report: AnnualReport, **options: Any) -> str:
        """The report as aligned plain text, ending with a newline."""
        return self._write(report, **validate_options(self, options))

    def _write(self, report: AnnualReport, *, locale: str, rates: str, personal_data: bool) -> str:
        report = published(report, personal_data=personal_data, locale=locale)
        if locale == "zh_CN":
            head = [f"{report.body.name} {report.year}年行政执法数据"]
            if report.published_on is not None:
                head.append(f"发布日期：{format_date(report.published_on)}")
        else:
            head = [f"{report.body.name} — enforcement figures {report.year}"]
            if report.published_on is not None:
                head.append(f"published {report.published_on.isoformat()}")
        table = rows(report, locale, computed=rates == "computed")
        return "\n".join([*head, "", *_lines(_marked(table, locale))]) + "\n"


#: The instance the entry point names.
renderer = TextRenderer()
