"""Documents of an older format moved to the current one; a newer one refused."""

from __future__ import annotations

import json

import pytest

from enforcement_core import Ledger, load_json, migrations
from enforcement_core.actions import ActionKind
from enforcement_core.categories import category
from enforcement_core.errors import LoadError
from enforcement_core.migrations import SCHEMA_VERSION, migrate

_BODY = {"name": "示例镇人民政府", "level": "town"}


def _ledger(version: int, **fields: object) -> dict[str, object]:
    return {"schema_version": version, "document": "ledger", "body": _BODY, "year": 2023, **fields}


class TestVersions:
    def test_the_current_version_is_the_newest_category_format(self):
        """The built-in categories have always had their fields: the format is version 1."""
        assert 1 == SCHEMA_VERSION

    def test_a_current_document_is_untouched(self):
        """A document of the current version is returned as it is, the same object."""
        data = _ledger(SCHEMA_VERSION)
        moved, problems = migrate(data)
        assert moved is data
        assert [] == problems

    def test_a_newer_document_is_refused_with_a_clear_error(self):
        """A document from a later format is refused, saying to upgrade, never misread.

        Its fields are not read: a later format's fields would only give misleading problems.
        """
        with pytest.raises(LoadError) as caught:
            load_json(json.dumps(_ledger(SCHEMA_VERSION + 1) | {"year": "later"}))
        [problem] = caught.value.problems
        assert "schema_version" == problem.path
        assert SCHEMA_VERSION + 1 == problem.value
        assert f"is newer than this version of enforcement-core reads ({SCHEMA_VERSION})" in (
            problem.message
        )

    @pytest.mark.parametrize("version", [0, -1, "1", 1.0, True, None])
    def test_not_a_version(self, version):
        """A version that is not a positive whole number is refused."""
        _, problems = migrate(_ledger(1) | {"schema_version": version})
        assert [f"expected schema_version {SCHEMA_VERSION}"] == [p.message for p in problems]


@pytest.mark.usefixtures("version_two")
class TestSteps:
    @pytest.fixture
    def version_two(self, monkeypatch):
        """A format 2 whose step moves coercion out of the other actions, undone afterwards."""
        coercion = category(ActionKind.COERCION)
        monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
        monkeypatch.setattr(
            migrations,
            "_STEPS",
            {2: [migrations._ledger_step(coercion), migrations._report_step(coercion)]},
        )

    def test_an_old_ledger_moves_the_kind_to_its_records(self):
        """Other actions of the kind become its records; the others stay where they were."""
        old = _ledger(
            1,
            other_actions=[
                {"id": "O-1", "kind": "coercion", "taken_on": "2023-02-01"},
                {"id": "O-2", "kind": "levy", "taken_on": "2023-02-02", "amount": "5"},
            ],
        )
        moved, problems = migrate(old)
        assert [] == problems
        assert 2 == moved["schema_version"]
        assert [{"id": "O-1", "taken_on": "2023-02-01"}] == moved["coercive_actions"]
        assert ["O-2"] == [a["id"] for a in moved["other_actions"]]
        assert 1 == old["schema_version"]  # the caller's object is not changed

    def test_what_a_record_cannot_hold_is_a_problem_not_lost(self):
        """A description the record has no field for is refused at its path."""
        old = _ledger(
            1,
            other_actions=[
                {"id": "O-1", "kind": "coercion", "taken_on": "2023-02-01", "description": "查封"}
            ],
        )
        _, problems = migrate(old)
        assert ["other_actions[0].description"] == [p.path for p in problems]
        assert "查封" == problems[0].value

    def test_an_old_report_moves_the_count_to_the_categorys_total(self):
        """A report's other_actions count of the kind becomes the category's stated total."""
        old = {
            "schema_version": 1,
            "document": "annual_report",
            "body": _BODY,
            "year": 2023,
            "other_actions": {"coercion": {"count": 4}, "levy": {"count": 2}},
        }
        moved, problems = migrate(old)
        assert [] == problems
        assert {"actions": 4} == moved["coercion"]
        assert {"levy": {"count": 2}} == moved["other_actions"]

    def test_an_amount_without_a_figure_to_hold_it_is_a_problem(self):
        """Coercion declares no money: an amount in its other actions cannot be moved."""
        old = {
            "schema_version": 1,
            "document": "annual_report",
            "body": _BODY,
            "year": 2023,
            "other_actions": {"coercion": {"count": 4, "amount": "10"}},
        }
        _, problems = migrate(old)
        assert ["other_actions.coercion.amount"] == [p.path for p in problems]

    def test_a_current_ledger_loads_as_it_did(self):
        """Without a newer format, a ledger document loads through no step."""
        assert type(load_json(json.dumps(_ledger(1)))) is Ledger
