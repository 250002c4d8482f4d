"""``python -m enforcement_core``: the command line."""

from enforcement_core.cli import main

raise SystemExit(main())
