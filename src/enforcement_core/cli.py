"""The command line (a placeholder until the command-line issue lands).

Prints the built-in ``gulu-2023`` example as the library's JSON document.
"""

from __future__ import annotations

import sys

from enforcement_core import examples
from enforcement_core.serialization import dump_json

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Print the built-in example as JSON; return the exit status."""
    del argv
    sys.stdout.write(dump_json(examples.load("gulu-2023")) + "\n")
    return 0
