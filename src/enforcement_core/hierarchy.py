"""The administrative tree of enforcement bodies, and roll-ups that follow it.

A province's platform knows its bodies as a table: each body's code (its
统一社会信用代码 where it has one, else any code unique in the table), name,
level and parent. :class:`BodyHierarchy` holds that table checked, names each
body for its reports, and rolls the bodies' reports up the tree in one call:
towns and streets into their county or district, counties and city
departments into their city, cities and provincial departments into the
province (乡镇/街道 → 县/区 → 市 → 省).

Examples:
    >>> from enforcement_core import examples
    >>> from enforcement_core.body import BodyLevel
    >>> tree = BodyHierarchy.from_rows(
    ...     [
    ...         ("500000", "重庆市", "省", None),
    ...         ("500112", "重庆市渝北区", "区县", "500000"),
    ...         ("11500112MB1234567X", "重庆市渝北区古路镇人民政府", "镇", "500112"),
    ...     ]
    ... )
    >>> tree.body("500112").level
    <BodyLevel.COUNTY: 'county'>
    >>> reports = tree.rollup({"11500112MB1234567X": examples.load("gulu-2023")})
    >>> list(reports)
    ['500000', '500112', '11500112MB1234567X']
    >>> reports["500000"].body.name, reports["500000"].inspection.visits
    ('重庆市', 363)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

import attrs

from enforcement_core._mapping import FrozenMap
from enforcement_core._validators import frozen_map
from enforcement_core.body import BodyLevel, EnforcementBody
from enforcement_core.errors import LabelError, LoadError, StatisticsError
from enforcement_core.rollups import rollup
from enforcement_core.tables._files import kind_of, read_sheets
from enforcement_core.tables._problems import TableProblem

if TYPE_CHECKING:
    from enforcement_core.report import AnnualReport

__all__ = ["BodyHierarchy", "BodyNode", "read_hierarchy"]

#: How high each level stands: a parent stands higher than its children.
_RANK: Final = {
    BodyLevel.TOWNSHIP: 0,
    BodyLevel.TOWN: 0,
    BodyLevel.STREET: 0,
    BodyLevel.COUNTY_DEPARTMENT: 1,
    BodyLevel.COUNTY: 2,
    BodyLevel.CITY_DEPARTMENT: 3,
    BodyLevel.CITY: 4,
    BodyLevel.PROVINCE_DEPARTMENT: 5,
    BodyLevel.PROVINCE: 6,
}

#: The headers a hierarchy table may use for each column, English and Chinese.
HEADERS: Final = {
    "code": ("code", "编码", "代码", "统一社会信用代码", "机构代码"),
    "name": ("name", "名称", "机关名称", "单位名称"),
    "level": ("level", "层级", "级别"),
    "parent": ("parent", "上级", "上级编码", "上级代码", "上级统一社会信用代码"),
}


@attrs.frozen
class BodyNode:
    """One body of the tree: its code, name, level and parent's code (``None`` at the top)."""

    #: The key: the 统一社会信用代码 where the body has one.
    code: str
    #: The official name.
    name: str
    #: The administrative level.
    level: BodyLevel
    #: The parent's code; ``None`` for the top of the tree.
    parent: str | None = None


@attrs.frozen
class BodyHierarchy:
    """Bodies by code, each under its parent; checked whole when built.

    Build one with :meth:`from_rows` or :func:`read_hierarchy`, which check
    every row and report every problem together.
    """

    #: The bodies by code, in the table's order.
    nodes: Mapping[str, BodyNode] = attrs.field(converter=frozen_map)
    _by_name: Mapping[str, str] = attrs.field(init=False, repr=False, eq=False)
    _children: Mapping[str | None, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        """Index the bodies by name and by parent."""
        names: dict[str, str] = {}
        for node in self.nodes.values():
            names.setdefault(node.name, node.code)
        children: dict[str | None, list[str]] = {}
        for node in self.nodes.values():
            children.setdefault(node.parent, []).append(node.code)
        object.__setattr__(self, "_by_name", FrozenMap(names))
        object.__setattr__(self, "_children", FrozenMap({k: tuple(v) for k, v in children.items()}))

    @classmethod
    def from_rows(
        cls, rows: Iterable[Sequence[Any] | Mapping[str, Any]], *, source: str = "hierarchy"
    ) -> BodyHierarchy:
        """The hierarchy of ``(code, name, level, parent)`` rows, or of mappings with those keys.

        A level is a :class:`~enforcement_core.body.BodyLevel` or its label ("镇",
        "区县", "市", "省"); an empty parent marks the top.

        Raises:
            LoadError: Every problem of the rows: an empty code or name, a code
                given twice, an unknown level, a parent that is not in the
                table or stands no higher than its child, a loop.

        Examples:
            >>> BodyHierarchy.from_rows([("1", "某镇", "镇", "9"), ("1", "某街道", "街", None)])
            Traceback (most recent call last):
            ...
            enforcement_core.errors.LoadError: 3 problems in hierarchy:
              hierarchy, row 2, parent: the parent '9' is not in the table (value '9')
              hierarchy, row 3, code: the code '1' is given twice (first in row 2) (value '1')
              hierarchy, row 3, level: '街' is not a BodyLevel label; did you mean '街道'? the labels are: 乡, 镇, 街道, 区县, 区县部门, 市, 市级部门, 省, 省级部门 (value '街')
        """
        return _hierarchy(enumerate(rows, start=2), source)

    def key(self, code_or_name: str) -> str | None:
        """The code of the body with this code or, failing that, this name; ``None`` if neither."""
        if code_or_name in self.nodes:
            return code_or_name
        return self._by_name.get(code_or_name)

    def body(self, code: str) -> EnforcementBody:
        """The body whose reports carry this code's name and level, in the region above it.

        Raises:
            KeyError: No body has this code.
        """
        node = self.nodes[code]
        above = self.nodes.get(node.parent) if node.parent is not None else None
        region = above.name if above is not None else ""
        return EnforcementBody(node.name, node.level, region=region)

    def children(self, code: str | None) -> tuple[str, ...]:
        """The codes of the bodies directly under ``code`` (``None``: the tops), in table order."""
        return self._children.get(code, ())

    def ancestors(self, code: str) -> Iterator[str]:
        """The codes above ``code``, nearest first."""
        parent = self.nodes[code].parent
        while parent is not None:
            yield parent
            parent = self.nodes[parent].parent

    def rollup(self, reports: Mapping[str, AnnualReport]) -> dict[str, AnnualReport]:
        """Every body's report: the bodies' own, and each body above them rolled up.

        A body's roll-up adds its own report, if it has one, and its children's
        roll-ups (:func:`~enforcement_core.rollup`). A body with no report
        in its subtree is left out. The result runs down the tree: each
        body before the bodies under it, in the table's order.

        Raises:
            StatisticsError: A report's key is not a code of the hierarchy (the
                message lists them), or reports of different years.
        """
        unknown = [key for key in reports if key not in self.nodes]
        if unknown:
            listed = ", ".join(repr(key) for key in unknown[:10])
            more = f" and {len(unknown) - 10} more" if len(unknown) > 10 else ""
            raise StatisticsError(f"reports of bodies not in the hierarchy: {listed}{more}")
        rolled: dict[str, AnnualReport] = {}

        def up(code: str) -> AnnualReport | None:
            parts = [done for child in self.children(code) if (done := up(child)) is not None]
            own = reports.get(code)
            if own is not None and not parts:
                rolled[code] = own
            elif parts:
                rolled[code] = rollup(
                    [*([own] if own is not None else []), *parts], body=self.body(code)
                )
            return rolled.get(code)

        for top in self.children(None):
            up(top)
        return {code: rolled[code] for code in self._down() if code in rolled}

    def _down(self) -> Iterator[str]:
        """Every code, each body before the bodies under it, in table order."""
        stack = list(reversed(self.children(None)))
        while stack:
            code = stack.pop()
            yield code
            stack.extend(reversed(self.children(code)))


def _hierarchy(
    rows: Iterable[tuple[int, Sequence[Any] | Mapping[str, Any]]], source: str
) -> BodyHierarchy:
    """The hierarchy of numbered rows, or every problem of them in a :class:`LoadError`."""
    problems: list[TableProblem] = []
    nodes: dict[str, BodyNode] = {}
    rows_of: dict[str, int] = {}
    for number, row in rows:
        node = _node(number, _cells(row), rows_of, source, problems)
        if node is not None:
            rows_of[node.code] = number
            nodes[node.code] = node
    for node in nodes.values():
        wrong = _parent_problem(node, nodes)
        if wrong is not None:
            problems.append(
                TableProblem.at(source, rows_of[node.code], "parent", node.parent, *wrong)
            )
    # Ranks rise strictly along every parent link found valid, so no loop is left.
    if problems:
        problems.sort(key=lambda p: p.row or 0)
        raise LoadError(problems, source=source)
    return BodyHierarchy(nodes)


def _parent_problem(node: BodyNode, nodes: Mapping[str, BodyNode]) -> tuple[str, str] | None:
    """What is wrong with a body's parent, in English and Chinese; ``None`` if nothing."""
    if node.parent is None:
        return None
    parent = nodes.get(node.parent)
    if parent is None:
        return f"the parent {node.parent!r} is not in the table", f"上级{node.parent}不在表中"
    if _RANK[parent.level] <= _RANK[node.level]:
        english = (
            f"the parent {parent.name} ({parent.level.label('en')}) does not "
            f"stand above {node.name} ({node.level.label('en')})"
        )
        return (
            english,
            f"上级{parent.name}（{parent.level.label()}）不高于{node.name}（{node.level.label()}）",
        )
    return None


def _node(
    number: int,
    cells: dict[str, Any],
    rows_of: dict[str, int],
    source: str,
    problems: list[TableProblem],
) -> BodyNode | None:
    """The body of one row; ``None``, its problems added, if the row cannot make one."""

    def problem(header: str, value: object, message: str, message_zh: str) -> None:
        problems.append(TableProblem.at(source, number, header, value, message, message_zh))

    code, name, level_text, parent = (_text(cells.get(k)) for k in HEADERS)
    if not code:
        problem("code", code, "a code is required", "编码必填")
    elif code in rows_of:
        problem(
            "code",
            code,
            f"the code {code!r} is given twice (first in row {rows_of[code]})",
            f"编码{code}重复（首次出现在第{rows_of[code]}行）",
        )
    if not name:
        problem("name", name, "a name is required", "名称必填")
    level: BodyLevel | None = None
    if isinstance(cells.get("level"), BodyLevel):
        level = cells["level"]
    else:
        try:
            level = BodyLevel.from_label(level_text or "")
        except LabelError as error:
            problem("level", level_text, str(error), f"层级无法识别：{error}")
    if not code or code in rows_of or not name or level is None:
        return None
    return BodyNode(code, name, level, parent or None)


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, BodyLevel):
        return value.value
    text = str(value).strip()
    return text or None


def _cells(row: Sequence[Any] | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(row, Mapping):
        return {key: row.get(key) for key in HEADERS}
    return dict(zip(HEADERS, list(row) + [None] * (len(HEADERS) - len(row)), strict=False))


def read_hierarchy(source: str | os.PathLike[str] | IO[bytes]) -> BodyHierarchy:
    r"""The hierarchy in a table: a CSV, Excel or Parquet file with a header row.

    The columns are found by their headers (code/编码/统一社会信用代码,
    name/名称, level/层级, parent/上级), in any order; other columns are read past.

    Raises:
        LoadError: A column is missing, or any row's problems (see
            :meth:`BodyHierarchy.from_rows`), all together.

    Examples:
        >>> import io
        >>> table = "名称,编码,层级,上级\n重庆市,500000,省,\n重庆市渝北区,500112,区县,500000\n"
        >>> tree = read_hierarchy(io.BytesIO(table.encode()))
        >>> tree.children("500000")
        ('500112',)
    """
    name = (
        str(source)
        if isinstance(source, str | os.PathLike)
        else str(getattr(source, "name", "") or "")
    )
    shown = Path(name).name if name else "hierarchy"
    kind = kind_of(source, name or None)
    problems: list[TableProblem] = []
    rows: list[tuple[int, dict[str, Any]]] = []
    for sheet in read_sheets(source, kind, Path(name).stem if name else "hierarchy")[:1]:
        header = [str(h).strip() if h is not None else "" for h in sheet.header]
        where: dict[str, int] = {}
        for key, accepted in HEADERS.items():
            found = [i for i, h in enumerate(header) if h.lower() in accepted]
            if found:
                where[key] = found[0]
            else:
                problems.append(
                    TableProblem.at(
                        sheet.name,
                        1,
                        None,
                        None,
                        f"no column for the {key}; give one headed {' or '.join(accepted)}",
                        f"缺少“{accepted[1]}”列",
                    )
                )
        if problems:
            raise LoadError(problems, source=shown)
        rows.extend(
            (number, {key: cells[i] if i < len(cells) else None for key, i in where.items()})
            for number, cells in sheet.rows
            if any(c is not None and str(c).strip() for c in cells)
        )
    return _hierarchy(rows, shown)
