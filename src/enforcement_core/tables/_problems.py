"""Problems of a table, located as the clerk sees them: sheet, row, column header."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs

from enforcement_core.errors import LoadError, Problem
from enforcement_core.labels import label

__all__ = ["TableProblem", "in_language"]


@attrs.frozen
class TableProblem(Problem):
    """A problem of one cell, row or sheet of a table, in English and in Chinese.

    ``row`` counts as the spreadsheet does: the header is row 1, the first
    record row 2. ``path`` reads ``sheet, row 3, 罚款金额（元）``.

    Examples:
        >>> problem = TableProblem.at(
        ...     "行政处罚", 3, "罚款金额（元）", "1,2OO", "expected a number", "应为数字"
        ... )
        >>> str(problem)
        "行政处罚, row 3, 罚款金额（元）: expected a number (value '1,2OO')"
        >>> problem.in_language("zh")
        "行政处罚 第3行 罚款金额（元）：应为数字（值：'1,2OO'）"
    """

    #: The sheet (or the CSV file) the problem is in.
    sheet: str = attrs.field(default="", kw_only=True)
    #: The row as the spreadsheet numbers it (the header is row 1); ``None`` for the sheet.
    row: int | None = attrs.field(default=None, kw_only=True)
    #: The header of the column; ``None`` for the whole row or sheet.
    header: str | None = attrs.field(default=None, kw_only=True)
    #: What is wrong, in Chinese.
    message_zh: str = attrs.field(default="", kw_only=True)

    @classmethod
    def at(  # noqa: PLR0913, PLR0917  (where, the value and what is wrong, in two languages)
        cls,
        sheet: str,
        row: int | None,
        header: str | None,
        value: object,
        message: str,
        message_zh: str,
    ) -> TableProblem:
        """The problem of ``value`` at ``sheet``, ``row``, ``header``."""
        where = [sheet, *([f"row {row}"] if row is not None else []), *([header] if header else [])]
        return cls(
            ", ".join(part for part in where if part),
            value,
            message,
            sheet=sheet,
            row=row,
            header=header,
            message_zh=message_zh or message,
        )

    def __str__(self) -> str:
        """``sheet, row 3, header: message (value ...)``."""
        shown = "" if self.value is None else f" (value {self.value!r})"
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message}{shown}"

    def in_language(self, lang: str) -> str:
        """The problem in English (``"en"``) or Chinese (``"zh"``)."""
        if lang != "zh":
            return str(self)
        where = " ".join(
            part
            for part in (
                self.sheet,
                f"第{self.row}行" if self.row is not None else "",
                self.header or "",
            )
            if part
        )
        shown = "" if self.value is None else f"（值：{shown_zh(self.value)}）"
        return f"{where}：{self.message_zh}{shown}" if where else f"{self.message_zh}{shown}"


def shown_zh(value: object) -> str:
    """A value as a clerk wrote or reads it: text quoted, a label in Chinese, no Python repr.

    Examples:
        >>> from enforcement_core.actions import LicensingDecision
        >>> shown_zh(LicensingDecision.GRANTED), shown_zh(Decimal("6800.00")), shown_zh("1,2OO")
        ('准予许可', '6800.00', "'1,2OO'")
    """
    if isinstance(value, Enum):
        try:
            return label(value)
        except (KeyError, ValueError):
            return str(value.value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal | int | dt.date):
        return str(value)
    if isinstance(value, tuple | list):
        return "、".join(shown_zh(item) for item in value)
    return repr(value)


def in_language(problem: Problem, lang: str) -> str:
    """Any problem in ``lang``: a table's problem in Chinese under ``"zh"``; others as written."""
    return problem.in_language(lang) if isinstance(problem, TableProblem) else str(problem)


def refusal(  # noqa: PLR0913  (where, the value and what is wrong, in two languages)
    name: str,
    message: str,
    message_zh: str,
    *,
    sheet: str | None = None,
    row: int | None = None,
    header: str | None = None,
    value: object = None,
) -> LoadError:
    """The :class:`LoadError` refusing the file ``name``, at a sheet, row and column if given."""
    problem = TableProblem.at(sheet or name, row, header, value, message, message_zh)
    return LoadError([problem], source=name)


def _megabytes(size: int) -> str:
    return f"{size // 2**20} MiB"


def _column_letters(index: int) -> str:
    """The spreadsheet's letters of the 0-based column ``index``: 0 is A, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _unique(problems: list[TableProblem]) -> list[TableProblem]:
    """The problems by sheet and row (in their order within a row), each (row, header, message) once."""
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for problem in sorted(problems, key=lambda p: (p.sheet, p.row or 0)):
        key = (problem.sheet, problem.row, problem.header, problem.message)
        if key not in seen:
            seen.add(key)
            kept.append(problem)
    return kept
