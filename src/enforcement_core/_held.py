"""A process-wide setting held while work runs, counted across threads (``Held``)."""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["Held"]


class Held:
    """A process-wide setting changed while one or more holders run, put back when the last ends.

    ``change`` makes the change and returns what puts it back (``None``: nothing
    changed); the first holder calls it, the last calls what it returned, so that
    reads on several threads at once change the setting once and put it back once,
    however their ends interleave.
    """

    def __init__(self, change: Callable[[], Callable[[], object] | None]) -> None:
        self._change = change
        self._lock = threading.Lock()
        self._undo: Callable[[], object] | None = None
        #: How many hold the setting now.
        self.holders = 0

    @property
    def changed(self) -> bool:
        """Whether the setting is changed now (a holder's change that changed something)."""
        return self._undo is not None

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        with self._lock:
            if self.holders == 0:
                self._undo = self._change()
            self.holders += 1
        try:
            yield
        finally:
            with self._lock:
                self.holders -= 1
                if self.holders == 0 and self._undo is not None:
                    undo, self._undo = self._undo, None
                    undo()
