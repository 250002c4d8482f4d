"""FrozenMap: the read-only breakdowns of frozen objects."""

from __future__ import annotations

import pickle

import pytest

from enforcement_core._mapping import FrozenMap


class TestFrozenMap:
    def test_equals_a_dict_with_the_same_items(self):
        """Equality is by items, in any order."""
        assert {"a": 1, "b": 2} == FrozenMap({"b": 2, "a": 1})

    def test_keeps_the_order_given(self):
        """Iteration follows the order the breakdown was stated in."""
        assert ["b", "a"] == list(FrozenMap({"b": 2, "a": 1}))

    def test_hash_ignores_order(self):
        """Equal maps hash equal."""
        assert hash(FrozenMap({"a": 1, "b": 2})) == hash(FrozenMap({"b": 2, "a": 1}))

    def test_cannot_be_changed(self):
        """There is no item assignment and no attribute to reach into."""
        frozen = FrozenMap({"a": 1})
        with pytest.raises(TypeError):
            frozen["a"] = 2  # type: ignore[index]
        with pytest.raises(AttributeError):
            frozen.extra = 1  # type: ignore[attr-defined]

    def test_survives_pickling(self):
        """A report can cross process boundaries."""
        frozen = FrozenMap({"a": 1})
        assert frozen == pickle.loads(pickle.dumps(frozen))  # noqa: S301  (our own bytes)

    def test_reads_like_a_dict(self):
        """The repr is the dict's."""
        assert "{'a': 1}" == repr(FrozenMap({"a": 1}))
