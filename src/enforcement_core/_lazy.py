"""Records held as a table and built when first asked for: :class:`LazyRecords`.

A ledger's record fields are tuples (``tuple[PenaltyCase, ...]``), a public contract.
A ledger read by the column engine keeps its big kinds as Arrow tables, already
checked row by row; building 200,000 checked objects costs many times the reading,
and a summary does not need them (it counts over the columns). ``LazyRecords`` is a
tuple, so every ``isinstance(x, tuple)`` and every type holds, that is *empty* at the
C level and overrides every behaviour of a tuple to act as ``tuple(the records)``,
building them once, on first use.

C code that reads a tuple's items without calling its methods would see it empty. Most
C readers check for an exact tuple and iterate anything else (``tuple()``, ``list()``,
``str.join``, ``*args``, ``json``, ``pickle``, which calls ``__reduce_ex__``); the
library, cattrs, ``json``, ``attrs.asdict``, ``copy`` and ``pickle`` are held by
tests/test_lazy.py. What does read the C-level items, and nothing here uses: the ``%``
operator's right side (``"%s" % records``), a plain tuple's own concatenation called
directly (``tuple.__add__(t, records)``, ``operator.concat``), and tuple's methods called
unbound (``tuple.__len__(records)``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, SupportsIndex

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

__all__ = ["LazyRecords", "built", "is_lazy"]


class LazyRecords(tuple[Any, ...]):  # noqa: SLOT001  (a tuple's subclass may have no slots of its own)
    """The records of one kind, as a table until they are first asked for.

    ``LazyRecords.of(table, record, build)`` holds the table (``num_rows`` long), the
    record class and ``build(table)``, which gives the records. Called with one
    iterable, as cattrs and ``copy`` call a tuple's class, ``LazyRecords(items)``
    gives a plain tuple.
    """

    # No __slots__: a tuple's subclass may not have any; its state is in its __dict__.

    record: type
    _table: Any
    _make: Callable[[], Any] | None
    _rows: int
    _build: Callable[[Any], Iterable[Any]]
    _built: tuple[Any, ...] | None
    _counted: Callable[[Any, Any, Any], tuple[bool, Any]] | None

    def __new__(cls, iterable: Iterable[Any] = ()) -> tuple[Any, ...]:  # type: ignore[misc]
        # cattrs and copy rebuild a tuple as ``value.__class__(items)``: a plain tuple.
        return tuple(iterable)

    @classmethod
    def of(
        cls,
        table: Any,
        record: type,
        build: Callable[[Any], Iterable[Any]],
        *,
        rows: int | None = None,
        counted: Callable[[Any, Any, Any], tuple[bool, Any]] | None = None,
    ) -> LazyRecords:
        """The records of ``table``, of class ``record``, to be built by ``build(table)``.

        ``table`` may be a function that makes it, called once, when the table is first
        needed; ``rows`` then says how many records it holds. ``counted(figures, start,
        end)``, when given, says whether a kind's figures of a period were counted
        already, and gives them: ``(True, figures)``, else ``(False, None)``.
        """
        made = tuple.__new__(cls)
        if callable(table):
            if rows is None:
                raise TypeError("LazyRecords.of needs rows= with a table still to be made")
            vars(made).update(_table=None, _make=table, _rows=rows)
        else:
            vars(made).update(_table=table, _make=None, _rows=int(table.num_rows))
        vars(made).update(record=record, _build=build, _built=None, _counted=counted)
        return made

    @property
    def table(self) -> Any:
        """The records' table: made on first use when it was given as the function that makes it."""
        if self._table is None and self._make is not None:
            self._table = self._make()
        return self._table

    def counts(self, figures: Any, start: Any, end: Any) -> tuple[bool, Any]:
        """Whether ``figures`` (a kind's class) of ``start`` to ``end`` were counted as the table was read, and them."""
        return (False, None) if self._counted is None else self._counted(figures, start, end)

    # What it is -------------------------------------------------------------------

    def is_built(self) -> bool:
        """Whether the records have been built."""
        return self._built is not None

    def records(self) -> tuple[Any, ...]:
        """The records, as a plain tuple: built on the first call, then kept."""
        built_already = self._built
        if built_already is None:
            # Two threads asking at once each build, and one tuple is kept: equal either way.
            built_already = self._built = tuple(self._build(self.table))
        return built_already

    # Without building -------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._built) if self._built is not None else self._rows

    def __bool__(self) -> bool:
        return len(self) > 0

    # As the tuple of its records ----------------------------------------------------

    def __iter__(self) -> Iterator[Any]:
        return iter(self.records())

    def __reversed__(self) -> Iterator[Any]:
        backwards: Iterator[Any] = reversed(self.records())
        return backwards

    def __getitem__(self, index: Any) -> Any:
        return self.records()[index]

    def __contains__(self, item: object) -> bool:
        return item in self.records()

    def count(self, value: Any) -> int:
        """How many records equal ``value``."""
        return self.records().count(value)

    def index(self, value: Any, start: SupportsIndex = 0, stop: SupportsIndex = 2**63 - 1) -> int:
        """The first position of ``value`` among the records, as ``tuple.index``."""
        return self.records().index(value, start, stop)

    def __eq__(self, other: object) -> bool:
        return bool(self.records() == built(other))

    def __ne__(self, other: object) -> bool:
        return bool(self.records() != built(other))

    def __lt__(self, other: tuple[Any, ...]) -> bool:
        return bool(self.records() < built(other))

    def __le__(self, other: tuple[Any, ...]) -> bool:
        return bool(self.records() <= built(other))

    def __gt__(self, other: tuple[Any, ...]) -> bool:
        return bool(self.records() > built(other))

    def __ge__(self, other: tuple[Any, ...]) -> bool:
        return bool(self.records() >= built(other))

    def __hash__(self) -> int:
        return hash(self.records())

    def __add__(self, other: tuple[Any, ...]) -> tuple[Any, ...]:
        joined: tuple[Any, ...] = self.records() + built(other)
        return joined

    def __radd__(self, other: tuple[Any, ...]) -> tuple[Any, ...]:
        joined: tuple[Any, ...] = built(other) + self.records()
        return joined

    def __mul__(self, times: SupportsIndex) -> tuple[Any, ...]:
        return self.records() * times

    def __rmul__(self, times: SupportsIndex) -> tuple[Any, ...]:
        return self.records() * times

    def __repr__(self) -> str:
        return repr(self.records())

    # Copies and pickles: a plain tuple of the records -------------------------------

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (self.records(),))

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[Any, ...]:
        return (tuple, (self.records(),))

    def __copy__(self) -> tuple[Any, ...]:
        return self.records()

    def __deepcopy__(self, memo: dict[int, Any]) -> tuple[Any, ...]:
        import copy  # noqa: PLC0415  (only a deep copy needs it)

        return copy.deepcopy(self.records(), memo)

    def __getnewargs__(self) -> tuple[Any, ...]:
        return (self.records(),)


def is_lazy(value: object) -> bool:
    """Whether ``value`` is a :class:`LazyRecords` whose records are not built yet."""
    return isinstance(value, LazyRecords) and not value.is_built()


def built(value: Any) -> Any:
    """``value``, a :class:`LazyRecords` as the plain tuple of its records."""
    return value.records() if isinstance(value, LazyRecords) else value
