"""The renderer registry: entry points, plugins, isolation, clashes, options."""

from __future__ import annotations

import importlib.metadata
import json
import sys
import textwrap
from importlib import resources
from pathlib import Path

import pytest

import enforcement_core as ec
from enforcement_core import cli, renderers
from enforcement_core.errors import (
    RendererError,
    RendererNotFound,
    RendererOptionError,
    RendererWarning,
)
from enforcement_core.renderers import GROUP, Option

# Every test runs twice: with the built-ins alone, and with a third-party distribution
# installed beside them (tests/plugins.py), as a user's environment may hold one.
pytestmark = pytest.mark.usefixtures("renderer_world")

GULU = ec.examples.load("gulu-2023")

GOOD_PLUGIN = """
class Markdown:
    name = "fixture-md"
    media_type = "text/markdown; charset=utf-8"
    extension = ".md"
    options = {}

    def render(self, report, **options):
        return f"# {report.body.name}\\n\\n{report.year}\\n"


renderer = Markdown()
"""


class Site:
    """A folder on sys.path holding throwaway distributions, as pip would install them."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        monkeypatch.syspath_prepend(str(root))

    def install(
        self,
        distribution: str,
        entries: dict[str, str],
        modules: dict[str, str] | None = None,
        *,
        named: bool = True,
    ) -> None:
        """A dist-info for ``distribution``; ``named=False`` leaves Name out of its metadata."""
        info = self.root / f"{distribution.replace('-', '_')}-1.0.dist-info"
        info.mkdir()
        name = f"Name: {distribution}\n" if named else ""
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\n{name}Version: 1.0\n", encoding="utf-8"
        )
        lines = "\n".join(f"{name} = {value}" for name, value in entries.items())
        (info / "entry_points.txt").write_text(f"[{GROUP}]\n{lines}\n", encoding="utf-8")
        for module, source in (modules or {}).items():
            (self.root / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    plugins = Site(tmp_path, monkeypatch)
    yield plugins
    monkeypatch.undo()
    for name in [m for m in sys.modules if m.startswith("plugin_")]:
        del sys.modules[name]
    renderers.refresh()


class TestBuiltIns:
    def test_the_built_ins_stand_beside_whatever_is_installed(self, renderer_world):
        """In either world, the plugin's renderers (if installed) are listed beside ours, and load."""
        names = {entry.name for entry in renderers.available()}
        assert set(renderer_world) <= names
        assert {"docx", "html", "json", "text", "xlsx", "zh"} <= names
        assert all(name == renderers.get(name).name for name in names)

    def test_declared_as_entry_points_in_our_own_distribution(self):
        """text, zh and json are entry points of enforcement-core, like any plugin's."""
        declared = {
            ep.name: ep.value
            for ep in importlib.metadata.entry_points(group=GROUP)
            if ep.dist is not None and ep.dist.metadata["Name"] == "enforcement-core"
        }
        assert {
            "docx": "enforcement_core.renderers.docx:renderer",
            "html": "enforcement_core.renderers.html:renderer",
            "json": "enforcement_core.renderers.json:renderer",
            "text": "enforcement_core.renderers.text:renderer",
            "xlsx": "enforcement_core.renderers.xlsx:renderer",
            "zh": "enforcement_core.renderers.zh:renderer",
        } == declared

    def test_available_lists_every_name_with_its_distribution(self):
        """available() lists names and distributions."""
        listed = {(e.name, e.distribution) for e in renderers.available()}
        assert {
            ("html", "enforcement-core"),
            ("json", "enforcement-core"),
            ("text", "enforcement-core"),
            ("zh", "enforcement-core"),
        } <= listed

    def test_get_loads_a_renderer(self):
        """get() gives the renderer with its media type and extension."""
        zh = renderers.get("zh")
        assert ("zh", "text/plain; charset=utf-8", ".txt") == (zh.name, zh.media_type, zh.extension)

    def test_render_at_the_top_level(self):
        """ec.render is renderers.render."""
        assert ec.render(GULU, "zh") == renderers.render(GULU, "zh")

    def test_render_a_ledger_summarises_it(self):
        """A ledger is summarised before it is rendered."""
        ledger = ec.examples.load_records("gulu-2023")
        assert renderers.render(ec.summarize(ledger), "text") == renderers.render(ledger, "text")


class TestUnknown:
    def test_unknown_name_lists_the_known_ones(self):
        """An unknown name raises RendererNotFound, a LookupError, naming those that exist."""
        # Other renderers may be installed beside the built-ins: the list holds them all.
        with pytest.raises(
            RendererNotFound,
            match="no renderer named 'pdf'; the renderers are: .*'docx', .*'html', .*'json', .*'text', .*'xlsx', .*'zh'",
        ):
            renderers.get("pdf")
        assert issubclass(RendererNotFound, LookupError)


class TestOptions:
    def test_unknown_option(self):
        """An unknown option names the renderer and the options it accepts."""
        with pytest.raises(
            RendererOptionError,
            match="renderer 'json' has no option 'indnt'; its options are: indent",
        ):
            renderers.render(GULU, "json", indnt=4)

    @pytest.mark.parametrize(
        ("name", "options", "message"),
        [
            ("json", {"indent": "2"}, "option 'indent' must be int, not str '2'"),
            ("json", {"indent": True}, "option 'indent' must be int, not bool True"),
            ("text", {"locale": "fr"}, "option 'locale' must be one of 'zh_CN', 'en', not 'fr'"),
            (
                "zh",
                {"money_unit": "千元"},
                "option 'money_unit' must be one of '元', '万元', '亿元', 'auto'",
            ),
            ("zh", {"previous": "2022"}, "option 'previous' must be AnnualReport, not str '2022'"),
        ],
    )
    def test_ill_typed_option(self, name, options, message):
        """A value of the wrong type, or outside the choices, is refused before rendering."""
        with pytest.raises(RendererOptionError, match=message):
            renderers.render(GULU, name, **options)

    def test_option_error_is_a_type_error(self):
        """Callers may catch the built-in TypeError."""
        assert issubclass(RendererOptionError, TypeError)


class Notebook:
    """A renderer defined in a notebook."""

    name = "count"
    media_type = "text/plain; charset=utf-8"
    extension = ".txt"
    options = {"suffix": Option(str, "", "text after the count")}  # noqa: RUF012

    def render(self, report, *, suffix=""):
        return f"{report.inspection.visits}{suffix}\n"


class TestRegister:
    def test_register_a_renderer_from_a_notebook(self):
        """register() adds a renderer for this process; unregister() takes it away."""
        renderers.register("count", Notebook())
        try:
            assert "363家次\n" == renderers.render(GULU, "count", suffix="家次")
            assert ("count", None) in {(e.name, e.distribution) for e in renderers.available()}
        finally:
            renderers.unregister("count")
        with pytest.raises(RendererNotFound):
            renderers.get("count")

    def test_register_refuses_to_replace_silently(self):
        """A name in use is refused unless replace=True says so."""
        with pytest.raises(
            RendererError, match="a renderer named 'zh' exists already; pass replace=True"
        ):
            renderers.register("zh", _named(Notebook(), "zh"))

    def test_register_may_replace_when_asked(self):
        """replace=True replaces, until unregistered."""
        renderers.register("zh", _named(Notebook(), "zh"), replace=True)
        try:
            assert "363\n" == renderers.render(GULU, "zh")
        finally:
            renderers.unregister("zh")
        assert renderers.render(GULU, "zh").startswith("重庆市渝北区古路镇人民政府关于")

    def test_register_refuses_what_is_not_a_renderer(self):
        """The protocol is checked: a name, a media type, an extension, options, render()."""

        class HalfDone:
            name = "broken"

        with pytest.raises(RendererError, match="it has no str attribute 'media_type'"):
            renderers.register("broken", HalfDone())  # type: ignore[arg-type]


def _named(renderer: Notebook, name: str) -> Notebook:
    renderer.name = name
    return renderer


class TestPlugins:
    def test_a_plugin_is_listed_without_being_imported(self, site):
        """Listing reads the distribution's metadata only."""
        site.install(
            "enforcement-markdown",
            {"fixture-md": "plugin_markdown:renderer"},
            {"plugin_markdown": GOOD_PLUGIN},
        )
        renderers.refresh()
        assert ("fixture-md", "enforcement-markdown") in {
            (e.name, e.distribution) for e in renderers.available()
        }
        assert "plugin_markdown" not in sys.modules

    def test_a_plugin_renders(self, site):
        """A distribution that declares the entry point adds a renderer: nothing else to do."""
        site.install(
            "enforcement-markdown",
            {"fixture-md": "plugin_markdown:renderer"},
            {"plugin_markdown": GOOD_PLUGIN},
        )
        renderers.refresh()
        assert "# 重庆市渝北区古路镇人民政府\n\n2023\n" == renderers.render(GULU, "fixture-md")

    def test_installed_after_import_needs_refresh(self, site):
        """Distributions installed after the first lookup appear after refresh()."""
        renderers.available()
        site.install(
            "enforcement-markdown",
            {"fixture-md": "plugin_markdown:renderer"},
            {"plugin_markdown": GOOD_PLUGIN},
        )
        assert "fixture-md" not in {e.name for e in renderers.available()}
        renderers.refresh()
        assert "fixture-md" in {e.name for e in renderers.available()}

    def test_a_broken_plugin_is_isolated(self, site):
        """An import error breaks neither listing nor the other renderers; asking for it raises with the cause."""
        site.install(
            "enforcement-broken",
            {"broken": "plugin_broken:renderer"},
            {"plugin_broken": "import not_installed_anywhere\n"},
        )
        renderers.refresh()
        assert "broken" in {e.name for e in renderers.available()}
        assert renderers.render(GULU, "json")
        with pytest.raises(
            RendererError,
            match="renderer 'broken' of distribution 'enforcement-broken' .plugin_broken:renderer. cannot be loaded: ModuleNotFoundError",
        ) as info:
            renderers.get("broken")
        assert isinstance(info.value.__cause__, ModuleNotFoundError)

    def test_loading_all_warns_of_the_broken_one(self, site):
        """load_all() loads every renderer and warns of a broken one, naming its distribution and entry point."""
        site.install(
            "enforcement-broken",
            {"broken": "plugin_broken:renderer"},
            {"plugin_broken": "raise RuntimeError('boom')\n"},
        )
        renderers.refresh()
        with pytest.warns(
            RendererWarning,
            match="renderer 'broken' of distribution 'enforcement-broken' .plugin_broken:renderer. cannot be loaded: RuntimeError: boom",
        ):
            loaded = renderers.load_all()
        assert isinstance(loaded["broken"], RendererError)
        assert loaded["zh"] is renderers.get("zh")

    def test_a_plugin_that_is_not_a_renderer(self, site):
        """An entry point to the wrong object is broken, with the reason."""
        site.install(
            "enforcement-wrong",
            {"wrong": "plugin_wrong:renderer"},
            {"plugin_wrong": "renderer = 42\n"},
        )
        renderers.refresh()
        with pytest.raises(
            RendererError, match="is not a renderer: it has no str attribute 'name'"
        ):
            renderers.get("wrong")

    def test_two_distributions_claiming_one_name(self, site):
        """A clash names both distributions, when found and when asked for."""
        site.install(
            "enforcement-md-a",
            {"fixture-md": "plugin_markdown:renderer"},
            {"plugin_markdown": GOOD_PLUGIN},
        )
        site.install("enforcement-md-b", {"fixture-md": "plugin_markdown:renderer"})
        renderers.refresh()
        with pytest.warns(
            RendererWarning,
            match="renderer 'fixture-md' is claimed by 'enforcement-md-[ab]' .* and 'enforcement-md-[ab]'",
        ):
            renderers.available()
        with pytest.raises(
            RendererError,
            match="claimed by .*enforcement-md-.* and .*enforcement-md-.*: uninstall one of them",
        ):
            renderers.get("fixture-md")

    def test_a_plugin_cannot_shadow_a_built_in(self, site):
        """A plugin claiming 'zh' is ignored, loudly; the built-in stays."""
        site.install(
            "enforcement-evil", {"zh": "plugin_markdown:renderer"}, {"plugin_markdown": GOOD_PLUGIN}
        )
        renderers.refresh()
        with pytest.warns(
            RendererWarning,
            match="renderer 'zh' of distribution 'enforcement-evil' .* would shadow the built-in renderer 'zh'",
        ):
            renderers.available()
        assert renderers.render(GULU, "zh").startswith("重庆市渝北区古路镇人民政府关于")


class TestHtml:
    @pytest.mark.parametrize("example", ec.examples.names())
    def test_golden(self, golden, example):
        """Each example's HTML page, as reviewed."""
        golden(f"{example}.html", renderers.render(ec.examples.load(example), "html"))


class TestJson:
    def test_round_trips(self):
        """The json renderer writes what load_json reads back equal, with its schema_version."""
        text = renderers.render(GULU, "json")
        assert 1 == json.loads(text)["schema_version"]
        assert GULU == ec.load_json(text)

    @pytest.mark.parametrize("example", ec.examples.names())
    def test_json_round_trip_is_byte_identical(self, example):
        """Loading a built-in example and writing it back gives the package file's own bytes."""
        shipped = resources.files("enforcement_core.examples").joinpath(f"{example}.json")
        expected = shipped.read_text(encoding="utf-8")
        if example == "example-street-2023":
            # The file states money_unit 元, the default, which the renderer leaves out.
            expected = expected.replace('    "money_unit": "元",\n', "", 1)
        assert expected == renderers.render(ec.examples.load(example), "json")

    def test_validates_against_the_shipped_schema(self):
        """The json renderer's output of every example validates against the schema that ships."""
        jsonschema = pytest.importorskip("jsonschema")
        from enforcement_core.schema import load_schema

        validator = jsonschema.Draft202012Validator(load_schema("annual_report"))
        for name in ec.examples.names():
            validator.validate(json.loads(renderers.render(ec.examples.load(name), "json")))

    def test_one_line(self):
        """indent=0 writes one line."""
        assert 1 == renderers.render(GULU, "json", indent=0).count("\n")


BROKEN_ATTRIBUTE = """
class Fragile:
    name = "fragile"
    extension = ".txt"
    options = {}

    @property
    def media_type(self):
        raise RuntimeError("no media type today")

    def render(self, report, **options):
        return "x"


renderer = Fragile()
"""

BAD_OUTPUT = """
class Bad:
    media_type = "text/plain"
    extension = ".txt"
    options = {}

    def __init__(self, name, result):
        self.name, self.result = name, result

    def render(self, report, **options):
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


none = Bad("none", None)
number = Bad("number", 42)
raising = Bad("raising", ZeroDivisionError("division by zero"))
"""


class TestIsolation:
    """One broken distribution never breaks another (issue 11, items 10-12)."""

    def test_metadata_without_a_name(self, site):
        """A distribution without Name breaks nothing; its renderer is listed and usable."""
        site.install(
            "enforcement-nameless",
            {"fixture-md": "plugin_markdown:renderer"},
            {"plugin_markdown": GOOD_PLUGIN},
            named=False,
        )
        renderers.refresh()
        listed = {e.name: e.distribution for e in renderers.available()}
        assert "enforcement-core" == listed["zh"]
        assert listed["fixture-md"].startswith("(distribution without a name")
        assert renderers.render(GULU, "zh").startswith("重庆市渝北区古路镇人民政府关于")
        assert renderers.render(GULU, "fixture-md").startswith("# ")

    @pytest.mark.parametrize(
        ("source", "raised"),
        [
            ("import sys\nsys.exit(3)\n", "SystemExit: 3"),
            ("class Odd(BaseException):\n    pass\n\nraise Odd('odd')\n", "Odd: odd"),
        ],
    )
    def test_a_plugin_that_exits_or_raises_base_exception_at_import(self, site, source, raised):
        """sys.exit or a BaseException at import is the plugin's RendererError, not the end."""
        site.install(
            "enforcement-exits", {"exits": "plugin_exits:renderer"}, {"plugin_exits": source}
        )
        renderers.refresh()
        with pytest.raises(
            RendererError, match=f"'enforcement-exits' .* cannot be loaded: {raised}"
        ):
            renderers.get("exits")
        with pytest.warns(RendererWarning):
            loaded = renderers.load_all()
        assert isinstance(loaded["exits"], RendererError)
        assert renderers.render(GULU, "json")

    def test_an_attribute_that_raises(self, site):
        """A renderer whose attribute raises when read is broken, named, and isolated."""
        site.install(
            "enforcement-fragile",
            {"fragile": "plugin_fragile:renderer"},
            {"plugin_fragile": BROKEN_ATTRIBUTE},
        )
        renderers.refresh()
        with pytest.raises(
            RendererError, match="'enforcement-fragile' .* RuntimeError: no media type"
        ):
            renderers.get("fragile")

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            ("none", "returned NoneType, not the str or bytes of a document"),
            ("number", "returned int, not the str or bytes of a document"),
            ("raising", "failed: ZeroDivisionError: division by zero"),
        ],
    )
    def test_render_that_returns_nothing_or_raises(self, site, name, message):
        """None, an int or an exception from render() is a RendererError naming the distribution."""
        site.install(
            "enforcement-bad",
            {n: f"plugin_bad:{n}" for n in ("none", "number", "raising")},
            {"plugin_bad": BAD_OUTPUT},
        )
        renderers.refresh()
        with pytest.raises(
            RendererError, match=f"renderer '{name}' of distribution 'enforcement-bad' .*{message}"
        ):
            renderers.render(GULU, name)

    @pytest.mark.parametrize("distribution", ["Enforcement_Core", "enforcement-core"])
    def test_a_distribution_named_like_ours_does_not_shadow_the_built_ins(self, site, distribution):
        """Built-ins are found by their module: a namesake earlier on sys.path takes nothing."""
        site.install(
            distribution, {"zh": "plugin_markdown:renderer"}, {"plugin_markdown": GOOD_PLUGIN}
        )
        renderers.refresh()
        with pytest.warns(RendererWarning, match="would shadow the built-in renderer 'zh'"):
            names = {e.name for e in renderers.available()}
        assert {"html", "json", "text", "zh"} <= set(names)
        assert renderers.render(GULU, "zh").startswith("重庆市渝北区古路镇人民政府关于")

    def test_a_namesake_without_entry_points(self, site):
        """A namesake declaring no renderer hides none of ours."""
        site.install("Enforcement_Core", {})
        renderers.refresh()
        assert {"html", "json", "text", "zh"} <= {e.name for e in renderers.available()}


HOSTILE_PLUGINS = """
import sys


class Hostile:
    media_type = "text/plain"
    extension = ".txt"
    options = {}

    def __init__(self, name, act):
        self.name, self.act = name, act

    def render(self, report, **options):
        return self.act()


class Odd(BaseException):
    pass


def odd():
    raise Odd("odd")


def library():
    raise ec.LoadError([], source="plugin data")


import enforcement_core as ec

exits = Hostile("exits", lambda: sys.exit(0))
base = Hostile("base", odd)
library_error = Hostile("library-error", library)
surrogate = Hostile("surrogate", lambda: "ok \\ud800 not ok")


class ExitingAttribute:
    name = "exiting-attribute"
    extension = ".txt"
    options = {}

    @property
    def media_type(self):
        sys.exit(4)

    def render(self, report, **options):
        return "x"


exiting_attribute = ExitingAttribute()
"""

BLOCKING_PLUGIN = """
import time

time.sleep(3)


class Late:
    name = "late"
    media_type = "text/plain"
    extension = ".txt"
    options = {}

    def render(self, report, **options):
        return "late"


renderer = Late()
"""


@pytest.mark.usefixtures("hostile")
class TestHostilePlugins:
    """A plugin that exits, raises BaseException or blocks is named and isolated (issue 21)."""

    @pytest.fixture
    def hostile(self, site):  # the class's plugins, installed for each test
        site.install(
            "enforcement-hostile",
            {
                "exits": "plugin_hostile:exits",
                "base": "plugin_hostile:base",
                "library-error": "plugin_hostile:library_error",
                "surrogate": "plugin_hostile:surrogate",
                "exiting-attribute": "plugin_hostile:exiting_attribute",
            },
            {"plugin_hostile": HOSTILE_PLUGINS},
        )
        renderers.refresh()
        return site

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            ("exits", "failed: SystemExit: 0"),
            ("base", "failed: Odd: odd"),
            ("library-error", "failed: LoadError: 0 problems in plugin data"),
            (
                "surrogate",
                "returned text that is not Unicode: surrogates not allowed at character 3",
            ),
        ],
    )
    def test_render_is_the_plugins_failure(self, name, message):
        """sys.exit, a BaseException, the library's error or a lone surrogate: a RendererError."""
        with pytest.raises(
            RendererError,
            match=f"renderer '{name}' of distribution 'enforcement-hostile' .*{message}",
        ):
            renderers.render(GULU, name)

    def test_an_attribute_that_exits(self):
        """An attribute calling sys.exit makes its renderer broken, and the others listed."""
        with pytest.raises(RendererError, match="reading its attributes raised SystemExit: 4"):
            renderers.get("exiting-attribute")
        with pytest.warns(RendererWarning):
            loaded = renderers.load_all()
        assert isinstance(loaded["exiting-attribute"], RendererError)
        assert not isinstance(loaded["zh"], RendererError)

    @pytest.mark.parametrize("name", ["exits", "base", "library-error", "surrogate"])
    def test_the_command_line_names_the_plugin(self, name, capsys):
        """The command line says which plugin failed, in one line, and exits 2."""
        status = cli.main(["report", "--format", name])
        err = capsys.readouterr().err
        assert 2 == status
        assert f"renderer '{name}' of distribution 'enforcement-hostile'" in err
        assert 1 == err.count("\n")
        assert "Traceback" not in err

    def test_the_listing_survives_an_attribute_that_exits(self, capsys):
        """`renderers` lists every renderer, the one whose attribute exits as BROKEN."""
        assert 0 == cli.main(["renderers"])
        lines = capsys.readouterr().out.splitlines()
        (broken,) = [line for line in lines if line.startswith("exiting-attribute ")]
        assert "BROKEN: " in broken
        assert "SystemExit: 4" in broken
        assert any(line.startswith("zh  (enforcement-core)") for line in lines)
        assert any(line.startswith("base  (enforcement-hostile)") for line in lines)

    def test_a_blocking_import_is_given_up(self, site, monkeypatch):
        """A plugin whose import does not finish in time is broken; the others work."""
        registry = sys.modules["enforcement_core.renderers._registry"]
        monkeypatch.setattr(registry, "IMPORT_TIMEOUT", 0.2)
        site.install(
            "enforcement-late", {"late": "plugin_late:renderer"}, {"plugin_late": BLOCKING_PLUGIN}
        )
        renderers.refresh()
        with pytest.raises(RendererError, match="'enforcement-late' .* TimeoutError: its import"):
            renderers.get("late")
        assert renderers.render(GULU, "json")


def _sources() -> list[tuple[str, ec.AnnualReport]]:
    examples = [(name, ec.examples.load(name)) for name in ec.examples.names()]
    return [*examples, ("gulu-2023 records", ec.summarize(ec.examples.load_records("gulu-2023")))]


class TestOnlyStatedByDefault:
    """The default output of every example and of a ledger's summary: stated figures only."""

    @pytest.mark.parametrize(("name", "report"), _sources(), ids=[n for n, _ in _sources()])
    def test_every_row_is_stated(self, name, report):
        """Each figure of the table renderers is stated (or, for a ledger, a count of records)."""
        from enforcement_core.renderers._rows import rows
        from enforcement_core.statistics import stated_figure

        table = rows(report, "zh_CN")
        assert [] == [row.label for row in table if row.computed]
        valued = [row for row in table if row.value and row.kind != "percent" and row.path]
        assert [] == [row.path for row in valued if stated_figure(report, row.path) is None]
        # The rates written are the ones the report states, as it states them.
        shown = {row.label for row in table if row.kind == "percent"}
        stated = {
            label_of(key) if isinstance(key, ec.report.RateName) else key
            for key in report.stated.rates
        }
        activities = {a.rate_name for a in report.activities if a.rate is not None}
        assert shown <= stated | activities, name

    @pytest.mark.parametrize(("name", "report"), _sources(), ids=[n for n, _ in _sources()])
    def test_no_computed_mark_anywhere(self, name, report):
        """html, text and xlsx carry no computed figure unless asked; json holds the document only."""
        assert 'class="computed"' not in ec.render(report, "html"), name
        assert "计算所得" not in ec.render(report, "text")
        assert b"\\xe8\\xae\\xa1\\xe7\\xae\\x97" not in ec.render(report, "xlsx")
        assert ec.load_json(ec.render(report, "json")) == report


def label_of(member: ec.report.RateName) -> str:
    from enforcement_core.labels import label

    return label(member)


#: A built-in renderer as a contributor adds one: a module of enforcement_core.renderers
#: (docs/architecture.md, "Adding a renderer"). The test puts it in a folder of its own.
NEW_BUILT_IN = """
from enforcement_core.renderers._base import PERSONAL_DATA, published


class Markdown:
    name = "md"
    media_type = "text/markdown; charset=utf-8"
    extension = ".md"
    options = {"personal_data": PERSONAL_DATA}

    def render(self, report, *, personal_data=False):
        report = published(report, personal_data=personal_data)
        return f"# {report.body.name} {report.year}\\n"


renderer = Markdown()
"""


class TestAddingABuiltIn:
    """A built-in renderer is one module and its entry point: nothing else lists it (issue 22)."""

    @pytest.fixture
    def added(self, site, tmp_path, monkeypatch):
        from enforcement_core import renderers as package

        folder = tmp_path / "renderers"
        folder.mkdir()
        (folder / "md.py").write_text(textwrap.dedent(NEW_BUILT_IN), encoding="utf-8")
        # The module lands in enforcement_core.renderers, as a file of src/ would.
        monkeypatch.setattr(package, "__path__", [*package.__path__, str(folder)])
        site.install("enforcement-core-md", {"md": "enforcement_core.renderers.md:renderer"})
        renderers.refresh()
        yield "md"
        sys.modules.pop("enforcement_core.renderers.md", None)

    def test_the_registry_lists_it_as_a_built_in(self, added):
        """Listed, loaded and counted among the built-ins, not as a plugin."""
        import plugins

        assert added in {e.name for e in renderers.available()}
        assert added in plugins.built_ins()
        assert added in plugins.text_built_ins()
        assert renderers.get(added).render(GULU).startswith("# 重庆市渝北区古路镇人民政府")

    def test_the_extension_map_chooses_it(self, added):
        """Its extension chooses it for --output; the built-ins' extensions are unchanged."""
        assert added == renderers.for_extension(".md")
        assert added == renderers.for_extension(".MD")
        assert "zh" == renderers.for_extension(".txt")
        assert None is renderers.for_extension(".markdown")

    def test_the_command_line_writes_it(self, added, tmp_path, capsysbinary):
        """report --format md, and report --output r.md with no --format, write it."""
        from enforcement_core import cli

        assert 0 == cli.main(["report", "--format", added])
        assert capsysbinary.readouterr().out.decode().startswith("# 重庆市渝北区古路镇")
        target = tmp_path / "r.md"
        assert 0 == cli.main(["report", "--output", str(target)])
        assert target.read_text(encoding="utf-8").startswith("# 重庆市渝北区古路镇")
        assert 0 == cli.main(["renderers"])
        assert any(
            line.startswith(f"{added}  (enforcement-core-md)  text/markdown")
            for line in capsysbinary.readouterr().out.decode().splitlines()
        )

    def test_a_broken_plugin_chooses_nothing(self, site):
        """A plugin that cannot load is passed over when an extension is looked up, never raised."""
        site.install(
            "plugin-broken", {"broken": "plugin_broken:renderer"}, {"plugin_broken": "1 / 0\n"}
        )
        renderers.refresh()
        assert None is renderers.for_extension(".zzz")
        assert "zh" == renderers.for_extension(".txt")
        with pytest.raises(RendererError, match="ZeroDivisionError"):
            renderers.get("broken")

    def test_without_it_the_extension_chooses_nothing(self):
        """Before it is added, .md chooses no renderer (the test above is not vacuous)."""
        assert None is renderers.for_extension(".md")
        assert "md" not in {e.name for e in renderers.available()}


RENDERERS_PAGE = Path(__file__).parent.parent / "docs" / "renderers.md"


def page_table(heading: str) -> list[list[str]]:
    """The rows of the first table after the line ``heading`` of docs/renderers.md, cells unquoted."""
    lines = RENDERERS_PAGE.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading)
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        if line.startswith("|"):
            rows.append([cell.strip().strip("`") for cell in line.strip("|").split("|")])
        elif rows:
            break
    return rows[2:]  # the header and its rule


class TestDocumentedBuiltIns:
    """The page's list of built-ins is the registry's; a name taken from a plugin is said."""

    def test_the_table_is_the_registry(self):
        """Each built-in on the page once, with its extension and media type, and no other."""
        import plugins

        documented = {
            row[0]: (row[1], row[2])
            for row in page_table(
                "The built-in renderers (a test holds this table to the registry):"
            )
        }
        registered = {
            name: (renderers.get(name).extension, renderers.get(name).media_type)
            for name in plugins.built_ins()
        }
        assert registered == documented

    def test_a_name_taken_from_a_plugin_is_said(self):
        """A built-in named like a plugin the suite installs is listed on the page with it."""
        import plugins

        said = {row[0] for row in page_table("this list to the plugins the test suite installs):")}
        taken = set(plugins.built_ins()) & set(plugins.NAMES)
        assert taken <= said

    def test_every_built_in_has_its_api_section(self):
        """docs/api.md documents the module of each built-in renderer the registry finds."""
        from enforcement_core.renderers._registry import OWN_PACKAGE

        api = (RENDERERS_PAGE.parent / "api.md").read_text(encoding="utf-8")
        modules = {
            entry.value.split(":")[0]
            for entry in renderers.available()
            if entry.value.startswith(OWN_PACKAGE)
        }
        assert {m for m in modules if f".. automodule:: {m}\n" not in api} == set()
