"""A read-only mapping for the breakdowns held by frozen domain objects."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TypeVar

__all__ = ["FrozenMap"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """An immutable, hashable mapping that keeps the order it was given.

    Breakdowns (cases by domain, hazards by supervision level, ...) are mappings;
    a frozen domain object holds them as a ``FrozenMap`` so that nobody can change
    a figure after its invariants were checked, and so the object stays hashable.
    It compares equal to any mapping with the same items and reads like a dict.

    Examples:
        >>> m = FrozenMap({"traffic": 216})
        >>> m["traffic"], m == {"traffic": 216}, m
        (216, True, {'traffic': 216})
        >>> m["traffic"] = 217
        Traceback (most recent call last):
        ...
        TypeError: 'FrozenMap' object does not support item assignment
    """

    __slots__ = ("_data",)

    _data: dict[K, V]

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        """Copy ``items`` (a mapping or pairs)."""
        self._data = dict(items)

    def __getitem__(self, key: K) -> V:
        """The value of ``key``."""
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        """The keys, in the order they were given."""
        return iter(self._data)

    def __len__(self) -> int:
        """How many items."""
        return len(self._data)

    def __hash__(self) -> int:
        """A hash of the items, independent of their order, like equality."""
        return hash(frozenset(self._data.items()))

    def __repr__(self) -> str:
        """The repr of the equivalent dict."""
        return repr(self._data)
