"""Signals for the command line: every interruption ends the same clean way.

SIGINT, SIGTERM and SIGHUP raise :class:`Interrupted` (a ``KeyboardInterrupt``)
in the main thread, so that what is under way unwinds through its ``finally``
blocks (a temporary output file is removed) and the command exits with the
shell's status for the signal (130, 143, 129) and one line, no traceback.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import FrameType, TracebackType

__all__ = ["Interrupted", "handled", "install", "status"]

_NAMES = ("SIGINT", "SIGTERM", "SIGHUP")
#: The status of an interruption by Ctrl-C, as shells report it.
INTERRUPTED = 128 + 2


class Interrupted(KeyboardInterrupt):
    """The process received a signal that asks it to stop."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        #: The signal's number.
        self.signum = signum


def status(error: KeyboardInterrupt) -> int:
    """The exit status for ``error``: 128 plus the signal's number (130 for Ctrl-C)."""
    return 128 + error.signum if isinstance(error, Interrupted) else INTERRUPTED


def _raise(signum: int, frame: FrameType | None) -> None:
    del frame
    raise Interrupted(signum)


def _hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    # An interruption before the command's own handling (while modules load) is one
    # line too; anything else keeps Python's report.
    if issubclass(kind, KeyboardInterrupt):
        sys.stderr.write("enforcement-core: interrupted\n")
        sys.stderr.flush()
        # End as the signal ends a process, as Python itself does for Ctrl-C, so that
        # the shell reports 130 (or 143, 129).
        signum = error.signum if isinstance(error, Interrupted) else signal.SIGINT
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    sys.__excepthook__(kind, error, trace)


def install() -> dict[int, Any]:
    """Make SIGINT, SIGTERM and SIGHUP raise :class:`Interrupted`; the previous handlers.

    Only the main thread can set handlers; elsewhere nothing changes.
    """
    previous: dict[int, Any] = {}
    for name in _NAMES:
        signum = getattr(signal, name, None)
        if signum is None:  # SIGHUP does not exist on Windows
            continue
        try:
            previous[signum] = signal.signal(signum, _raise)
        except ValueError:  # not the main thread
            break
    sys.excepthook = _hook
    return previous


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """Signals raise :class:`Interrupted` inside the block; the previous handlers after it."""
    previous = install()
    hook = sys.excepthook
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if sys.excepthook is hook:
            sys.excepthook = sys.__excepthook__


def _launched_as_command() -> bool:
    """Whether this process is ``enforcement-core`` or ``python -m enforcement_core``."""
    argv = getattr(sys, "orig_argv", [])
    if "-m" in argv[:-1] and argv[argv.index("-m") + 1] == "enforcement_core":
        return True
    return bool(sys.argv) and Path(sys.argv[0]).name.startswith("enforcement-core")


# The package imports this module first: a command line is covered from its start.
if _launched_as_command():
    install()
