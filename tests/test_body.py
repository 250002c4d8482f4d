"""The enforcement body."""

from __future__ import annotations

import pytest

from enforcement_core import InvariantError
from enforcement_core.body import BodyLevel, EnforcementBody


class TestEnforcementBody:
    def test_short_name_defaults_to_the_name(self):
        """Without a short name, running text uses the full name."""
        assert "古路镇人民政府" == EnforcementBody("古路镇人民政府", BodyLevel.TOWN).short_name

    def test_refuses_an_empty_name(self):
        """A body must have a name."""
        with pytest.raises(InvariantError, match="EnforcementBody.name: must not be empty"):
            EnforcementBody("", BodyLevel.TOWN)

    def test_refuses_a_level_that_is_not_a_body_level(self):
        """The level comes from the vocabulary, not a free string."""
        with pytest.raises(InvariantError, match="'town' is not a BodyLevel"):
            EnforcementBody("古路镇人民政府", "town")  # type: ignore[arg-type]
