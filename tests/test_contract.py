"""The contract every registered renderer keeps, over every example and generated reports.

The module runs with a third-party distribution installed (tests/plugins.py): the
contract holds its renderers too, and the built-ins are unchanged beside them.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings

import enforcement_core as ec
import plugins
from enforcement_core import renderers
from profiles import examples
from strategies import annual_reports

pytestmark = pytest.mark.usefixtures("third_party")

#: The built-ins (listed before the module's plugin is installed) and the plugin's renderers.
NAMES = [entry.name for entry in renderers.available()] + list(plugins.NAMES)
EXAMPLES = {name: ec.examples.load(name) for name in ec.examples.names()} | {
    "gulu-2023 records": ec.summarize(ec.examples.load_records("gulu-2023"))
}


def check(name: str, output: str | bytes) -> None:
    renderer = renderers.get(name)
    assert output, f"{name} wrote nothing"
    if renderer.media_type.startswith("application/json"):
        json.loads(output)
    elif renderer.media_type.startswith("text/"):
        assert isinstance(output, str)
    else:
        assert isinstance(output, bytes)


class TestContract:
    def test_the_third_party_renderers_are_installed(self):
        """Every renderer held to the contract here is registered: the plugin's beside ours."""
        assert set(NAMES) == {entry.name for entry in renderers.available()}
        assert set(plugins.NAMES) < set(NAMES)

    def test_every_renderer_loads(self):
        """No registered renderer is broken."""
        assert all(
            not isinstance(r, ec.errors.RendererError) for r in renderers.load_all().values()
        )

    @pytest.mark.parametrize("name", NAMES)
    def test_keeps_the_protocol(self, name):
        """A name matching its registration, a media type, an extension with a dot, declared options."""
        renderer = renderers.get(name)
        assert isinstance(renderer, renderers.Renderer)
        assert name == renderer.name
        assert renderer.extension.startswith(".")
        assert "/" in renderer.media_type
        assert all(isinstance(option, renderers.Option) for option in renderer.options.values())

    @pytest.mark.parametrize("name", NAMES)
    @pytest.mark.parametrize("example", sorted(EXAMPLES))
    def test_renders_every_example(self, name, example):
        """Every renderer writes every example, non-empty and of its media type."""
        check(name, renderers.render(EXAMPLES[example], name))

    @pytest.mark.parametrize("name", NAMES)
    @settings(max_examples=examples(40))
    @given(report=annual_reports())
    def test_renders_any_valid_report(self, name, report):
        """No valid report makes a renderer raise."""
        check(name, renderers.render(report, name))
