"""``python -m enforcement_core``: the command line."""

from enforcement_core import _signals

# Before the command line's modules load: Ctrl-C while they do is one line, not a traceback.
_signals.install()

from enforcement_core.cli import main  # noqa: E402  (after the signals are handled)

raise SystemExit(main())
