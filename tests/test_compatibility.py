"""Documents written by the previous version load unchanged and render identically.

tests/data/previous/ holds each built-in example's JSON exactly as the version before
open dimensions (issue 18) shipped it. The files are never refreshed: they stand for
the documents users already have.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import enforcement_core as ec
from enforcement_core._paths import figures

if TYPE_CHECKING:
    from collections.abc import Iterator

PREVIOUS = Path(__file__).parent / "data" / "previous"
GOLDEN = Path(__file__).parent / "golden"
#: The examples the previous version shipped, written out by hand.
SHIPPED = (
    "example-city-rounding-2024",
    "example-county-emergency-2024",
    "example-county-market-2024",
    "example-county-resources-2024",
    "example-street-2023",
    "example-street-office-2024",
    "example-town-2022",
    "example-town-2023",
    "example-town-changes-2024",
    "gulu-2023",
)


def added(written: object, original: object, path: str) -> Iterator[str]:
    """The paths of what ``written`` holds and ``original`` does not hold the same."""
    if isinstance(written, dict) and isinstance(original, dict):
        for key, value in written.items():
            if key not in original:
                yield f"{path}.{key}"
            else:
                yield from added(value, original[key], f"{path}.{key}")
    elif written != original:
        yield path


def previous(name: str) -> str:
    return (PREVIOUS / f"{name}.json").read_text(encoding="utf-8")


class TestPreviousDocuments:
    def test_a_copy_of_every_example_shipped_before(self):
        """The folder holds exactly the examples the previous version shipped."""
        assert sorted(SHIPPED) == sorted(p.stem for p in PREVIOUS.glob("*.json"))

    @pytest.mark.parametrize("name", SHIPPED)
    def test_loads_and_writes_back_the_same_document(self, name):
        """An old document loads; written back, it says nothing it did not say, and loads equal.

        (A value the old file spells out at its default, "money_unit": "元", is left out.)
        """
        text = previous(name)
        report = ec.load_json(text)
        written = ec.dump_json(report)
        assert [] == list(added(json.loads(written), json.loads(text), ""))
        assert report == ec.load_json(written)
        assert "dimensions" not in written

    @pytest.mark.parametrize("name", SHIPPED)
    def test_holds_the_same_figures_as_the_built_in_example(self, name):
        """Every figure of the old document, path by path, is the shipped example's."""
        report = ec.load_json(previous(name))
        assert list(figures(ec.examples.load(name))) == list(figures(report))
        assert report == ec.examples.load(name)

    @pytest.mark.parametrize("name", SHIPPED)
    @pytest.mark.parametrize("renderer", ["zh", "text", "html", "json"])
    def test_renders_identically(self, name, renderer):
        """zh, text, html and json write an old document as they write the shipped example."""
        report = ec.load_json(previous(name))
        assert ec.render(ec.examples.load(name), renderer) == ec.render(report, renderer)

    @pytest.mark.parametrize("name", SHIPPED)
    def test_zh_is_the_reviewed_text(self, name):
        """The Chinese report of an old document is the reviewed golden text, unchanged."""
        report = ec.load_json(previous(name))
        expected = (GOLDEN / f"{name}.zh.txt").read_text(encoding="utf-8")
        assert expected == ec.render(report, "zh")

    def test_the_reference_report_keeps_its_key_figures(self):
        """gulu-2023 as shipped: 363 家次, 509 hazards found, 216 traffic cases, as before."""
        report = ec.load_json(previous("gulu-2023"))
        text = ec.render(report, "zh")
        assert (363, 509, 216) == (
            report.inspection.visits,
            report.inspection.hazards.found,
            report.penalty.by_domain[ec.actions.Domain.TRAFFIC].cases,
        )
        assert "363家次" in text
