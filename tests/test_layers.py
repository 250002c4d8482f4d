"""The layers of docs/architecture.md, held against every import of the source.

Modules stand on floors, and each floor is an ordered list. At module level (an
``if TYPE_CHECKING:`` block included), a module imports only from a lower floor, or
from a module listed before it on its own floor. Inside a function, an import may also
reach upward, but only from the one display helper, ``_display`` (``UPWARD_AT_CALL_TIME``);
and no import circle forms, at module level or at call time, except through that helper.
Keep FLOORS and the table of docs/architecture.md the same.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

PACKAGE = "enforcement_core"
ROOT = Path(__file__).parent.parent
SOURCE = ROOT / "src" / PACKAGE
ARCHITECTURE = ROOT / "docs" / "architecture.md"

#: The floors, lowest first; on a floor, a module may import those listed before it.
#: Subpackages' modules are named with a dot (``renderers._base``; ``renderers`` is the
#: subpackage's ``__init__``), except for the subpackages of COLLAPSED, which count as one
#: module. An entry whose module does not exist yet is allowed (it is on its way).
FLOORS: list[list[str]] = [
    # 0: nothing of ours below; the exception tree, the read-only mapping, the vocabulary's
    # labels, named validators, figure paths, privacy, Chinese numbers, optional extras.
    [
        "errors",
        "_mapping",
        "labels",
        "_paths",
        "_paths_zh",
        "_lazy",
        "_validators",
        "_privacy",
        "numbers_zh",
        "_extras",
        "_held",
        "_arrow",
        "_signals",
        "_public",
        "_display",
    ],
    # 1: the reporting body, the workforce, the records of actions.
    ["body", "dimensions", "workforce", "actions"],
    # 2: the counts figures are made of (over records or a table's columns), yearly
    # figures, and the categories of actions and figures.
    ["_tallies", "_group_tallies", "figures", "categories"],
    # 3: the annual report; the ledger of records (which names the report's conventions).
    ["report", "ledger"],
    # 4: the format's version; JSON in and out (the fast road, then the reference);
    # records summarised into yearly figures; rates, totals, tallies.
    ["migrations", "_fast_json", "serialization", "summary", "statistics"],
    # 5: roll-ups, partial summaries that merge, year-over-year changes, the JSON Schema,
    # ledgers from tables; the body hierarchy and the summaries of many bodies at scale.
    ["rollups", "partials", "comparison", "schema", "tables", "hierarchy", "scale"],
    # 6: the audit.
    ["findings"],
    # 7: the renderers: options and protocol, discovery, the public registry, then each one.
    [
        "renderers._base",
        "renderers._registry",
        "renderers",
        "renderers._rows",
        "renderers.text",
        "renderers.json",
        "renderers.zh",
        "renderers.html",
        "renderers._office",
        "renderers.docx",
        "renderers.xlsx",
    ],
    # 8: examples, plots, DataFrames, the command line, and the package's re-exports.
    [
        "examples._gulu_records",
        "examples",
        "plots",
        "dataframes",
        "_messages_zh",
        "cli",
        "__main__",
        "__init__",
    ],
]

#: Subpackages that count as one module: what their modules import is the subpackage's.
COLLAPSED = {"numbers_zh", "tables"}

#: What a function may import from above its own place, at call time only: the one
#: display helper reaches the renderers and DataFrames, for the rich display in notebooks
#: (``_repr_html_``, ``_repr_pretty_``, ``to_dataframe`` of reports, ledgers, tallies,
#: comparisons and findings). Nothing else reaches upward.
DISPLAY = "_display"
UPWARD_AT_CALL_TIME: dict[str, set[str]] = {
    DISPLAY: {"renderers", "renderers.html", "dataframes"},
}

PLACE = {
    module: (floor, index) for floor, row in enumerate(FLOORS) for index, module in enumerate(row)
}
RENDERER_FLOOR = 7


def declared_renderers() -> list[str]:
    """The renderer modules our own pyproject.toml declares as entry points (``renderers.zh``)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    entries = project["project"]["entry-points"]["enforcement_core.renderers"]
    return sorted({value.split(":")[0].removeprefix(PACKAGE + ".") for value in entries.values()})


# A renderer added by its module and entry point stands on the renderers' floor, after
# those listed, with no line here (docs/architecture.md, "Adding a renderer").
for _module in declared_renderers():
    PLACE.setdefault(_module, (RENDERER_FLOOR, len(FLOORS[RENDERER_FLOOR])))


def module_name(path: Path) -> str:
    """The table's name of the module in ``path``: ``report``, ``renderers.zh``, ``__init__``."""
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    if parts[0] in COLLAPSED:
        return parts[0]
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, list[Path]]:
    """Every module of the package by its table name, with its files."""
    found: dict[str, list[Path]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        found.setdefault(module_name(path), []).append(path)
    return found


def _own(dotted: str) -> str | None:
    """The table's name of ``enforcement_core.X``; ``None`` for another package's module."""
    if dotted == PACKAGE:
        return "__init__"
    if not dotted.startswith(PACKAGE + "."):
        return None
    name = dotted.removeprefix(PACKAGE + ".")
    head = name.split(".")[0]
    return head if head in COLLAPSED else name


def _is_module(name: str) -> bool:
    path = SOURCE.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _absolute(node: ast.ImportFrom, path: Path) -> str:
    """The absolute module a ``from ... import`` names, relative imports resolved."""
    if not node.level:
        return node.module or ""
    package = list(path.relative_to(SOURCE.parent).with_suffix("").parts)
    base = package[: len(package) - node.level]
    return ".".join([*base, *([node.module] if node.module else [])])


def imported(node: ast.Import | ast.ImportFrom, path: Path) -> list[str]:
    """The table's names of the modules of ours an import statement imports."""
    if isinstance(node, ast.Import):
        names = [_own(alias.name) for alias in node.names]
        return [name for name in names if name is not None]
    source = _absolute(node, path)
    own = _own(source)
    if own is None:
        return []
    found = []
    for alias in node.names:
        # from enforcement_core import examples: the submodule, if it is one.
        sub = own + "." + alias.name if own != "__init__" else alias.name
        sub_own = _own(f"{PACKAGE}.{sub}")
        found.append(sub_own if sub_own is not None and _is_module(sub) else own)
    return found


def _walk(node: ast.AST, in_function: bool):
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child, in_function
        inner = in_function or isinstance(
            child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
        )
        yield from _walk(child, inner)


def imports(code: str, path: Path) -> list[tuple[int, str, bool]]:
    """(line, module of ours, inside a function) for every import in ``code``, from ``path``."""
    tree = ast.parse(code, filename=str(path))
    return [
        (node.lineno, name, in_function)
        for node, in_function in _walk(tree, in_function=False)
        for name in imported(node, path)
    ]


def _allowed_upward(importer: str, target: str) -> bool:
    return target in UPWARD_AT_CALL_TIME.get(importer, set())


def violations(name: str, code: str, path: Path) -> list[str]:
    """Every import in ``code``, the module ``name``, that runs against the floors, explained."""
    where = path.relative_to(SOURCE.parent)
    found = []
    for line, target, in_function in imports(code, path):
        if target == name:
            continue  # a collapsed subpackage importing itself
        if target not in PLACE:
            found.append(
                f"{where}:{line}: {name} imports {target}, which is not in the floors "
                "table: add it to the floors table in tests/test_layers.py"
            )
            continue
        if PLACE[target] < PLACE[name] or (in_function and _allowed_upward(name, target)):
            continue
        (floor, _), (target_floor, _) = PLACE[name], PLACE[target]
        relation = (
            f"listed after it on floor {floor}"
            if floor == target_floor
            else f"on floor {target_floor}, above floor {floor}"
        )
        kind = "inside a function" if in_function else "at module level"
        found.append(f"{where}:{line}: {name} imports {target} {kind}; {target} is {relation}")
    return found


MODULES = modules()


def graph() -> dict[str, set[str]]:
    """Every module's imports of ours, at module level and at call time alike."""
    edges: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, paths in MODULES.items():
        for path in paths:
            for _, target, _ in imports(path.read_text(encoding="utf-8"), path):
                if target != name:
                    edges[name].add(target)
    return edges


def _reachable(edges: dict[str, set[str]], start: str) -> set[str]:
    """Every module ``start`` leads to through ``edges``."""
    seen: set[str] = set()
    todo = list(edges.get(start, ()))
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(edges.get(name, ()))
    return seen


def circles(edges: dict[str, set[str]], through: str = DISPLAY) -> list[list[str]]:
    """The import circles of ``edges`` (modules that lead to each other), but through ``through``.

    The display helper's imports are left out: reaching up to the renderers from
    there, at call time, is the one circle the package allows.
    """
    kept = {name: set() if name == through else set(targets) for name, targets in edges.items()}
    reach = {name: _reachable(kept, name) for name in kept}
    found: list[list[str]] = []
    for name in sorted(kept):
        circle = sorted(other for other in reach[name] if name in reach.get(other, ()))
        if len(circle) > 1 and circle not in found:
            found.append(circle)
    return found


class TestFloors:
    @pytest.mark.parametrize("name", sorted(MODULES))
    def test_module_is_in_the_table(self, name):
        """Every module of the package stands on a floor."""
        assert name in PLACE, (
            f"{name} is on no floor: add it to the floors table in tests/test_layers.py"
        )

    @pytest.mark.parametrize("name", sorted(MODULES))
    def test_imports_run_downward(self, name):
        """A module imports from lower floors, or from those before it on its floor."""
        found = [
            problem
            for path in MODULES[name]
            for problem in violations(name, path.read_text(encoding="utf-8"), path)
        ]
        assert not found, "\n".join(found)

    def test_no_import_circle(self):
        """No circle of imports, at module level or at call time, but through the display helper."""
        assert [] == circles(graph())

    def test_only_the_display_helper_reaches_up(self):
        """The display methods of the model go through _display, which alone reaches up to them."""
        assert {DISPLAY} == set(UPWARD_AT_CALL_TIME)
        top = {name for name in PLACE if PLACE[name][0] >= RENDERER_FLOOR}
        reaching = {name for name, targets in graph().items() if name not in top and targets & top}
        assert {DISPLAY} == reaching

    def test_each_module_is_listed_once(self):
        """No module stands on two floors, or twice on one."""
        listed = [module for row in FLOORS for module in row]
        assert sorted(set(listed)) == sorted(listed)


def documented_floors() -> list[list[str]]:
    """The modules of each floor, in order, as the table of docs/architecture.md lists them."""
    floors = []
    for line in ARCHITECTURE.read_text(encoding="utf-8").splitlines():
        if row := re.match(r"\| (\d+) \| (.*?) \|", line):
            assert int(row.group(1)) == len(floors), line
            floors.append(re.findall(r"`([^`]+)`", row.group(2)))
    return floors


class TestDocumented:
    def test_architecture_page_has_the_same_floors(self):
        """docs/architecture.md shows the floors this test holds the code to."""
        assert FLOORS == documented_floors()


class TestTheCheck:
    """The check itself finds what it is meant to find."""

    @staticmethod
    def check(name: str, code: str) -> list[str]:
        """The problems found in ``code``, as if it were the module ``name``."""
        return violations(name, code, SOURCE / "probe.py")

    def test_upward_at_module_level(self):
        """report importing statistics at module level is caught, and the message says why."""
        assert [
            (
                "enforcement_core/probe.py:1: report imports statistics at module level; "
                "statistics is on floor 4, above floor 3"
            )
        ] == self.check("report", "from enforcement_core.statistics import rate\n")

    def test_under_type_checking(self):
        """An import under if TYPE_CHECKING: is held to the same rule."""
        code = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import enforcement_core.findings\n"
        assert [
            (
                "enforcement_core/probe.py:3: statistics imports findings at module level; "
                "findings is on floor 6, above floor 4"
            )
        ] == self.check("statistics", code)

    def test_later_on_the_same_floor(self):
        """report importing ledger, listed after it on floor 3, is caught."""
        assert [
            (
                "enforcement_core/probe.py:1: report imports ledger at module level; "
                "ledger is listed after it on floor 3"
            )
        ] == self.check("report", "from enforcement_core import ledger\n")

    def test_earlier_on_the_same_floor(self):
        """ledger importing report, listed before it on floor 3, is allowed."""
        assert [] == self.check("ledger", "from enforcement_core.report import Narrative\n")

    def test_call_time_exceptions(self):
        """Inside a function, the display helper may import the renderers; the audit never."""
        code = (
            "def f():\n"
            "    from enforcement_core.renderers.html import table\n"
            "    from enforcement_core.findings import audit\n"
        )
        assert [
            (
                "enforcement_core/probe.py:3: _display imports findings inside a function; "
                "findings is on floor 6, above floor 0"
            )
        ] == self.check(DISPLAY, code)

    def test_a_call_time_circle(self):
        """Two modules importing each other inside functions are a circle; through _display, not."""
        edges = {"a": {"b"}, "b": {"a"}, "c": set()}
        assert [["a", "b"]] == circles(edges)
        assert [] == circles({"report": {DISPLAY}, DISPLAY: {"renderers"}, "renderers": {"report"}})
        assert [["renderers", "report", "x"]] == circles(
            {"report": {"x"}, "x": {"renderers"}, "renderers": {"report"}}
        )

    def test_only_the_helper_may_reach_up_at_call_time(self):
        """A display method importing the renderers itself is caught; the helper doing it is not."""
        code = "def f():\n    from enforcement_core.renderers import render\n"
        assert [
            (
                "enforcement_core/probe.py:2: report imports renderers inside a function; "
                "renderers is on floor 7, above floor 3"
            )
        ] == self.check("report", code)
        assert [] == self.check(DISPLAY, code)

    def test_a_declared_renderer_needs_no_line(self):
        """A renderer module named by our entry points stands on the renderers' floor."""
        assert "renderers.zh" in declared_renderers()
        assert all(PLACE[name][0] == RENDERER_FLOOR for name in declared_renderers())

    def test_collapsed_and_unknown(self):
        """A collapsed subpackage's module counts as the subpackage; an unknown module fails."""
        code = (
            "from enforcement_core.numbers_zh._digits import x\nimport enforcement_core.nowhere\n"
        )
        assert [
            (
                "enforcement_core/probe.py:2: report imports nowhere, which is not in the floors "
                "table: add it to the floors table in tests/test_layers.py"
            )
        ] == self.check("report", code)

    def test_module_names(self):
        """Files are named as the table names them."""
        assert "report" == module_name(SOURCE / "report.py")
        assert "renderers" == module_name(SOURCE / "renderers" / "__init__.py")
        assert "renderers.zh" == module_name(SOURCE / "renderers" / "zh.py")
        assert "numbers_zh" == module_name(SOURCE / "numbers_zh" / "_digits.py")
        assert "__init__" == module_name(SOURCE / "__init__.py")


#: The modules of the tables package, lowest first. The package counts as one module on
#: its floor; inside it, a module imports only those listed before it, at module level
#: and at call time alike, so that the package holds no import circle. Keep it and the
#: table of docs/architecture.md ("The tables package") the same.
TABLES: list[str] = [
    "_problems",
    "_reasons",
    "_cells",
    "_amounts",
    "identifiers",
    "_workbook",
    "_files",
    "_layout",
    "_publicity",
    "_publicity_rows",
    "_text",
    "_read",
    "_sheet_columns",
    "_arrow_files",
    "_arrow_records",
    "_counted",
    "_columns",
    "_distinct",
    "_publicity_columns",
    "_locate",
    "_template",
    "_typed_sheets",
    "_polars_checks",
    "_polars_engine",
    "columnar",
    "_ledgers",
    "__init__",
]

#: No module of the tables package is longer than this, in lines (issue 22: "about 700").
TABLES_MOST_LINES = 720


def tables_violations(name: str, code: str, path: Path) -> list[str]:
    """Every import of a tables module by ``name`` that is not of one listed before it."""
    place = {module: index for index, module in enumerate(TABLES)}
    found = []
    for node, in_function in _walk(ast.parse(code, filename=str(path)), in_function=False):
        if not isinstance(node, ast.ImportFrom) or node.level:
            continue
        module = node.module or ""
        if not module.startswith(f"{PACKAGE}.tables"):
            continue
        target = module.removeprefix(f"{PACKAGE}.tables").lstrip(".") or "__init__"
        target = target.split(".")[0]
        if target == name:
            continue
        if target not in place or place[target] >= place[name]:
            kind = "inside a function" if in_function else "at module level"
            found.append(
                f"tables/{path.name}:{node.lineno}: {name} imports {target} {kind}; "
                f"{target} is not listed before it in TABLES"
            )
    return found


TABLES_SOURCE = SOURCE / "tables"


class TestTablesPackage:
    def test_every_module_is_listed(self):
        """TABLES lists every module of the tables package, each once."""
        assert sorted(TABLES) == sorted(p.stem for p in TABLES_SOURCE.glob("*.py"))

    @pytest.mark.parametrize("name", TABLES)
    def test_imports_run_downward(self, name):
        """A module of the tables package imports only those listed before it, even at call time."""
        path = TABLES_SOURCE / f"{name}.py"
        found = tables_violations(name, path.read_text(encoding="utf-8"), path)
        assert not found, "\n".join(found)

    @pytest.mark.parametrize("name", TABLES)
    def test_no_module_is_long(self, name):
        """No module of the tables package is much above 700 lines."""
        lines = (TABLES_SOURCE / f"{name}.py").read_text(encoding="utf-8").count("\n")
        assert lines <= TABLES_MOST_LINES, f"tables/{name}.py has {lines} lines"

    def test_the_check_finds_a_call_time_import_upward(self):
        """The check catches _files importing columnar inside a function."""
        code = "def f():\n    from enforcement_core.tables.columnar import read_columnar\n"
        expected = (
            "tables/probe.py:2: _files imports columnar inside a function; "
            "columnar is not listed before it in TABLES"
        )
        assert [expected] == tables_violations("_files", code, TABLES_SOURCE / "probe.py")

    def test_architecture_page_has_the_same_order(self):
        """docs/architecture.md lists the tables package's modules in this order."""
        text = ARCHITECTURE.read_text(encoding="utf-8")
        section = text.split("## The tables package", 1)[1].split("\n## ", 1)[0]
        listed = re.findall(r"^\| `tables\.([^`]+)` \|", section, flags=re.MULTILINE)
        assert TABLES == listed


def private_imports(code: str, path: Path) -> list[str]:
    """Each private name a tables module imports from a module of ours outside the package."""
    found = []
    for node, _ in _walk(ast.parse(code, filename=str(path)), in_function=False):
        if not isinstance(node, ast.ImportFrom) or node.level:
            continue
        module = node.module or ""
        if not module.startswith(PACKAGE) or module.startswith(f"{PACKAGE}.tables"):
            continue
        found += [
            f"tables/{path.name}:{node.lineno}: {alias.name} from {module}"
            for alias in node.names
            if alias.name.startswith("_")
        ]
    return found


class TestTablesTakeRulesByName:
    @pytest.mark.parametrize("name", TABLES)
    def test_no_private_name_from_outside_the_package(self, name):
        """A rule the tables share with the model is a named one (IDENTIFIER_PATTERN, not _IDENTIFIER)."""
        path = TABLES_SOURCE / f"{name}.py"
        assert [] == private_imports(path.read_text(encoding="utf-8"), path)

    def test_the_check_finds_a_private_regex(self):
        """The import the columnar path used to make is caught, inside a function too."""
        code = "def f():\n    from enforcement_core._validators import _IDENTIFIER\n"
        assert ["tables/probe.py:2: _IDENTIFIER from enforcement_core._validators"] == (
            private_imports(code, TABLES_SOURCE / "probe.py")
        )
