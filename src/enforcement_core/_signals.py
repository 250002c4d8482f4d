"""Signals for the command line: every interruption ends the same clean way.

SIGINT, SIGTERM and SIGHUP raise :class:`Interrupted` (a ``KeyboardInterrupt``)
in the main thread, so that what is under way unwinds through its ``finally``
blocks (a temporary output file is removed) and the command exits with the
shell's status for the signal (130, 143, 129) and one line, no traceback.
"""

from __future__ import annotations

# Only what the interpreter has loaded already (sys, os) or loads in microseconds: Ctrl-C
# in the first milliseconds of the command must find the handler in place. The built-in
# _signal (the C module under signal, which typeshed has no stub for), not signal, whose
# enums cost about 8 ms (enum, functools), and typing about 10: what is slower is
# imported below, after the handler is installed.
import _signal  # type: ignore[import-not-found]
import gc
import os
import sys

__all__ = ["Interrupted", "handled", "install", "resume_collector", "status"]

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
        signum = error.signum if isinstance(error, Interrupted) else _signal.SIGINT
        _signal.signal(signum, _signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    sys.__excepthook__(kind, error, trace)


def _unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    # A signal that lands in a callback Python cannot raise from (a weakref's, as the
    # import system's module locks use) would be printed as "Exception ignored" and
    # lost, the command going on. It is raised again at the next call of the code the
    # callback interrupted: an exception a profile function raises propagates there.
    error = unraisable.exc_value
    if not isinstance(error, KeyboardInterrupt):
        sys.__unraisablehook__(unraisable)
        return
    own = sys._getframe()  # noqa: SLF001  (the hook's own frame, where raising is lost)

    def again(frame: FrameType, event: str, arg: object) -> None:
        del event, arg
        if frame is own:
            return
        sys.setprofile(None)
        raise error

    sys.setprofile(again)


def install() -> dict[int, Any]:
    """Make SIGINT, SIGTERM and SIGHUP raise :class:`Interrupted`; the previous handlers.

    Only the main thread can set handlers; elsewhere nothing changes.
    """
    previous: dict[int, Any] = {}
    for name in _NAMES:
        signum = getattr(_signal, name, None)
        if signum is None:  # SIGHUP does not exist on Windows
            continue
        try:
            previous[signum] = _signal.signal(signum, _raise)
        except ValueError:  # not the main thread
            break
    sys.excepthook = _hook
    sys.unraisablehook = _unraisable
    return previous


def _launched_as_command() -> bool:
    """Whether this process is ``enforcement-core`` or ``python -m enforcement_core``."""
    argv = getattr(sys, "orig_argv", [])
    if "-m" in argv[:-1] and argv[argv.index("-m") + 1] == "enforcement_core":
        return True
    return bool(sys.argv) and os.path.basename(sys.argv[0]).startswith("enforcement-core")  # noqa: PTH119  (pathlib is slow to import, and not loaded yet)


def _is_the_command() -> bool:
    """Whether this process is ``enforcement-core`` itself or ``python -m enforcement_core``.

    Stricter than :func:`_launched_as_command`: a program of another name that merely
    begins so (``enforcement-core-gui``) may import the library and never run the
    command line, which is what ends the collector's pause.
    """
    argv = getattr(sys, "orig_argv", [])
    if "-m" in argv[:-1] and argv[argv.index("-m") + 1] == "enforcement_core":
        return True
    name = os.path.basename(sys.argv[0]) if sys.argv else ""  # noqa: PTH119  (see above)
    return name.removesuffix(".exe") == "enforcement-core"


#: Whether the collector was paused at start-up, for the command line to resume it.
_paused = False


def resume_collector() -> None:
    """Turn the cyclic collector on again if the start-up paused it.

    The command line calls it once it has frozen what its modules made
    (``gc.freeze``), so that no collection walks those objects.
    """
    global _paused  # noqa: PLW0603  (one flag for the process's one start-up)
    if _paused:
        _paused = False
        gc.enable()


# The package imports this module first, and this module installs the handler before it
# imports anything slow: a command line is covered from its first milliseconds.
if _launched_as_command():
    install()
# The command line's modules make tens of thousands of objects that live as long as the
# process, no garbage among them: collecting while they are imported walked them some
# forty times, about 5 ms of the report's 120 (CPU). The command freezes them and turns
# the collector on again (cli.main, resume_collector) before its own work.
if _is_the_command() and gc.isenabled():
    gc.disable()
    _paused = True

import contextlib  # noqa: E402  (after the handler: see the imports above)
from typing import TYPE_CHECKING, Any  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import FrameType, TracebackType


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """Signals raise :class:`Interrupted` inside the block; the previous handlers after it.

    The previous exception hook comes back too: in the command line, the one installed
    at start-up, so that Ctrl-C while the process ends is still one line.
    """
    before, unraisable = sys.excepthook, sys.unraisablehook
    previous = install()
    hook = sys.excepthook
    try:
        yield
    finally:
        for signum, handler in previous.items():
            _signal.signal(signum, handler)
        if sys.excepthook is hook:
            sys.excepthook = before
        if sys.unraisablehook is _unraisable:
            sys.unraisablehook = unraisable
