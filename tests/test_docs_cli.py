"""The command-line sessions of docs/cli.md, run in order and compared with the page."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import attrs

import enforcement_core as ec
from enforcement_core import renderers

PAGE = Path(__file__).parent.parent / "docs" / "cli.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)
# The renderers enforcement-core's own distribution declares, whatever else is installed.
BUILT_INS = tuple(
    entry.name for entry in renderers.available() if entry.distribution == "enforcement-core"
)
LISTED = re.compile(r"(the renderers are: )((?:'[^']*'(?:, )?)+)")


def built_ins_only(output: str) -> str:
    """``output`` with plugins installed beside the built-ins left out of renderer lists.

    The page shows an installation with the built-ins alone; the suite must pass
    with any third-party renderer installed (issue 11, item 13).
    """

    def keep(match: re.Match[str]) -> str:
        names = re.findall(r"'([^']*)'", match.group(2))
        return match.group(1) + ", ".join(f"'{n}'" for n in names if n in BUILT_INS)

    return LISTED.sub(keep, output)


def sessions() -> list[tuple[str, str]]:
    """Each ``$`` command of the page with the output the page shows after it."""
    steps: list[tuple[str, str]] = []
    for block in BLOCK.findall(PAGE.read_text(encoding="utf-8")):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], ""))
            else:
                command, output = steps[-1]
                steps[-1] = (command, output + line + "\n")
    return steps


class TestCliPage:
    def test_every_session_runs_as_shown(self, tmp_path):
        """Each command of docs/cli.md prints exactly what the page shows."""
        steps = sessions()
        assert 24 == len(steps)  # a session dropped from the page by a broken fence would go unseen
        # The document with an error the page refuses to write: its total of actions 1.
        gulu = ec.examples.load("gulu-2023")
        wrong = attrs.evolve(gulu, stated=attrs.evolve(gulu.stated, actions=1))
        (tmp_path / "wrong-total.json").write_text(ec.dump_json(wrong), encoding="utf-8")
        for command, expected in steps:
            words = shlex.split(command)
            assert "enforcement-core" == words[0]
            completed = subprocess.run(
                [sys.executable, "-m", "enforcement_core", *words[1:]],
                capture_output=True,
                encoding="utf-8",
                cwd=tmp_path,
                timeout=120,
                check=False,
            )
            shown = built_ins_only(completed.stdout + completed.stderr)
            assert expected == shown, command
