"""What ``enforcement-core report`` loads to print the example, and what it leaves alone.

The command's start-up cost is measured by hand (benchmarks/bench_import.py); these
tests hold the decisions that keep it low, each in a fresh interpreter, so that a
module-level import added back is found here and not only in a benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel import Locale
from babel.localedata import resolve_locale_filename

import plugins
from enforcement_core import _fast_json, cli, examples, serialization
from enforcement_core.errors import LoadError
from enforcement_core.numbers_zh import _arabic
from enforcement_core.numbers_zh._arabic import zh_cn_symbols
from enforcement_core.report import AnnualReport
from enforcement_core.serialization import dump_json, load_json

#: The report command, run in a fresh interpreter that then lists its modules.
REPORT = """
import contextlib, io, json, sys
from enforcement_core import cli
out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
with contextlib.redirect_stdout(out):
    status = cli.main(["report"])
out.flush()
print(json.dumps([status, out.buffer.getvalue().decode("utf-8"), sorted(sys.modules)]))
"""

#: Modules the report of the built-in example has no use for.
UNUSED = [
    "importlib.metadata",  # the renderer is a built-in, and no plugin is installed
    "importlib.resources",  # the example is read from the package's folder
    "tempfile",  # nothing is written to a file
    "enforcement_core.renderers.docx",
    "enforcement_core.renderers.html",
    "enforcement_core.renderers.text",
    "enforcement_core.renderers.xlsx",
    "enforcement_core.tables",
    "enforcement_core.rollups",
    "enforcement_core.schema",
]


def fresh(code: str, env: dict[str, str] | None = None) -> object:
    """What ``code`` prints as JSON, run by a new interpreter."""
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert 0 == completed.returncode, completed.stderr
    return json.loads(completed.stdout)


@pytest.fixture(scope="module")
def report_run() -> tuple[int, str, set[str]]:
    status, text, modules = fresh(REPORT)  # type: ignore[misc]
    return status, text, set(modules)


class TestReport:
    def test_it_prints_the_example(self, report_run):
        """The run is the command's: status 0 and the example's Chinese report."""
        status, text, _ = report_run
        assert 0 == status
        assert text.startswith("重庆市渝北区古路镇人民政府关于2023年行政执法总体情况的报告")

    @pytest.mark.parametrize("module", UNUSED)
    def test_it_leaves_unused_modules_alone(self, report_run, module):
        """Neither distribution metadata, nor other renderers, nor the table readers."""
        assert module not in report_run[2]

    def test_it_loads_what_it_uses(self, report_run):
        """The zh renderer and the audit, which decides whether the report is written."""
        assert {"enforcement_core.renderers.zh", "enforcement_core.findings"} <= report_run[2]

    @pytest.mark.skipif(not _fast_json.available(), reason="the fast road needs msgspec")
    def test_the_fast_road_needs_no_cattrs(self, report_run):
        """A valid example read on the fast road never builds the cattrs converter."""
        assert "cattrs" not in report_run[2]

    def test_a_plugin_installed_is_looked_at(self, tmp_path: Path):
        """With a plugin installed, distribution metadata is read (its rules are applied)."""
        plugins.install(tmp_path)
        env = dict(os.environ) | {"PYTHONPATH": str(tmp_path)}
        status, text, modules = fresh(REPORT, env)  # type: ignore[misc]
        assert 0 == status
        assert "古路镇" in text
        assert "importlib.metadata" in modules


class TestConverter:
    def test_built_on_first_use(self):
        """Importing serialization builds no converter; asking for it builds one, once."""
        code = (
            "import json, sys; from enforcement_core import serialization as s; "
            "before = 'cattrs' in sys.modules; c = s.converter; "
            "print(json.dumps([before, 'cattrs' in sys.modules, c is s.converter]))"
        )
        assert [False, True, True] == fresh(code)

    def test_an_unknown_name_is_still_an_attribute_error(self):
        """The module's lazy attribute is the converter alone."""
        with pytest.raises(AttributeError, match="no attribute 'convertor'"):
            serialization.convertor  # noqa: B018


class TestExampleRoad:
    @pytest.mark.skipif(not _fast_json.available(), reason="the fast road needs msgspec")
    def test_an_example_is_read_by_a_reports_structures_alone(self):
        """Loading an example makes the report's structures, not the ledger's too."""
        code = (
            "import json; from enforcement_core import examples, serialization as s; "
            "from enforcement_core.report import AnnualReport; examples.load('gulu-2023'); "
            "print(json.dumps([s._FAST._plan is None, "
            "s._FAST_BY_KIND[AnnualReport]._plan is not None]))"
        )
        assert [True, True] == fresh(code)

    @pytest.mark.parametrize("name", examples.names())
    def test_a_report_asked_for_as_one_is_the_same_report(self, name):
        """Asked for as a report or as any document, an example loads equal."""
        text = (Path(examples.__file__).parent / f"{name}.json").read_text(encoding="utf-8")
        assert load_json(text) == load_json(text, AnnualReport)

    def test_a_ledger_asked_for_as_a_report_is_refused_as_before(self):
        """The report's reader has no ledger: the reference road names the document's kind."""
        ledger = dump_json(examples.load_records("gulu-2023"))
        with pytest.raises(LoadError, match="expected a AnnualReport document, not 'ledger'"):
            load_json(ledger, AnnualReport)


class TestLocale:
    def test_the_symbols_are_read_from_zh_cn(self):
        """The locale built by its parts is the one Babel's parse of zh_CN finds."""
        parsed = Locale.parse("zh_CN")
        assert Locale("zh", territory="CN", script="Hans") == parsed
        symbols = parsed.number_symbols["latn"]
        expected = (symbols["group"], symbols["decimal"], symbols["percentSign"])
        assert expected == tuple(zh_cn_symbols())
        assert expected == tuple(_arabic.zh_cn_symbols.__wrapped__())

    @pytest.mark.parametrize("name", _arabic._ZH_CN_INHERITANCE)
    def test_the_files_read_are_babels(self, name):
        """Each file read is the one Babel's locale data reads for that locale."""
        assert resolve_locale_filename(name) == _arabic._babel_data_file(name)

    def test_babels_own_road_gives_the_same_symbols(self):
        """The symbols through a Babel Locale, merged, are the ones read from the files."""
        assert zh_cn_symbols() == _arabic._babel_symbols()

    @pytest.mark.parametrize(
        "trouble", ["a symbol not found", "a file not read", "Babel in no folder"]
    )
    def test_babels_own_road_is_taken_when_the_files_do_not_say(self, monkeypatch, trouble):
        """A symbol missing from the files read, or a file that cannot be read: Babel's road."""
        expected = zh_cn_symbols()
        if trouble == "a symbol not found":
            monkeypatch.setattr(_arabic, "_ZH_CN_INHERITANCE", ("zh_Hans_CN", "zh_Hans"))
        elif trouble == "a file not read":
            # Babel has no file of this locale: the open fails.
            monkeypatch.setattr(_arabic, "_ZH_CN_INHERITANCE", ("zh_Hans_CN", "xx_Nowhere"))
        else:
            monkeypatch.setattr(_arabic, "_babel_data_file", lambda _name: None)
        taken = []
        babels = _arabic._babel_symbols
        monkeypatch.setattr(_arabic, "_babel_symbols", lambda: taken.append(1) or babels())
        assert expected == _arabic.zh_cn_symbols.__wrapped__()
        assert [1] == taken


#: main() in a fresh interpreter, run as the command (no argv) or given its arguments.
FROZEN = """
import contextlib, gc, io, json, sys
from enforcement_core import cli
sys.argv = ["enforcement-core", "examples"]
with contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO(), encoding="utf-8")):
    status = cli.main({argv})
print(json.dumps([status, gc.get_freeze_count() > 0]))
"""


class TestCollector:
    def test_run_as_the_command_it_freezes_what_is_alive(self):
        """The objects alive at start are frozen, out of every later full collection."""
        assert [0, True] == fresh(FROZEN.format(argv=""))

    def test_given_its_arguments_it_leaves_the_collector_alone(self):
        """A program or a test calling main(argv) keeps its collector as it was."""
        assert [0, False] == fresh(FROZEN.format(argv='["examples"]'))

    @pytest.mark.parametrize(
        ("name", "paused"),
        [
            ("enforcement-core", True),
            ("enforcement-core.exe", True),
            ("enforcement-core-gui", False),
        ],
    )
    def test_the_command_imports_its_modules_with_the_collector_paused(self, name, paused):
        """The command's start-up pauses the collector; main() freezes, then turns it on."""
        code = (
            "import contextlib, gc, io, json, sys\n"
            f"sys.argv = [{name!r}, 'examples']\n"
            "from enforcement_core import cli\n"
            "imported = gc.isenabled()\n"
            "with contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO(), encoding='utf-8')):\n"
            "    status = cli.main()\n"
            "print(json.dumps([imported, status, gc.isenabled(), gc.get_freeze_count() > 0]))"
        )
        assert [not paused, 0, True, True] == fresh(code)


#: main() in a fresh interpreter, run as the command (no argv) or given its arguments:
#: the OpenBLAS variable it leaves, and the threads numpy's import starts after it.
BLAS = """
import contextlib, io, json, os, sys
from enforcement_core import cli
sys.argv = ["enforcement-core", "examples"]
with contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO(), encoding="utf-8")):
    status = cli.main({argv})
threads = len(os.listdir("/proc/self/task"))
import numpy
print(json.dumps([status, os.environ.get("OPENBLAS_NUM_THREADS"), len(os.listdir("/proc/self/task")) - threads]))
"""


def _without_blas_variables(**given: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in cli._BLAS_THREAD_VARIABLES}
    return {**env, **given}


class TestBlasThreads:
    """The command asks OpenBLAS for one thread; a program or a user's choice is left alone."""

    @pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="threads counted in /proc")
    def test_run_as_the_command_numpy_starts_no_thread(self):
        """numpy imported after the command started spins no OpenBLAS thread up."""
        assert [0, "1", 0] == fresh(BLAS.format(argv=""), env=_without_blas_variables())

    def test_given_its_arguments_it_leaves_the_environment_alone(self):
        status, variable, _ = fresh(BLAS.format(argv='["examples"]'), env=_without_blas_variables())
        assert [0, None] == [status, variable]

    @pytest.mark.parametrize(
        "name", ["OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"]
    )
    def test_a_users_choice_is_kept(self, name):
        """A variable the user set, whichever of the three, is theirs: nothing is added."""
        code = BLAS.format(argv="").replace(
            'os.environ.get("OPENBLAS_NUM_THREADS")',
            "sorted(k for k in os.environ if k in cli._BLAS_THREAD_VARIABLES)",
        )
        status, names, _ = fresh(code, env=_without_blas_variables(**{name: "3"}))
        assert [0, [name]] == [status, names]

    def test_after_numpy_it_changes_nothing(self):
        """Once numpy is imported, OpenBLAS has read its variables: none is set for show."""
        environ: dict[str, str] = {}
        assert not cli._one_blas_thread(environ, {"numpy": object()})
        assert {} == environ


#: The report command in a fresh interpreter that imports nothing of its own (REPORT
#: imports json): it prints the status, then the modules loaded, one a line.
BARE_REPORT = """
import os, sys
from enforcement_core import cli
shown, sys.stdout = sys.stdout, open(os.devnull, "w", encoding="utf-8")
status = cli.main(["report"])
sys.stdout = shown
print(status)
print("\\n".join(sorted(sys.modules)))
"""


@pytest.fixture(scope="module")
def bare_report_modules() -> list[str]:
    completed = subprocess.run(
        [sys.executable, "-c", BARE_REPORT],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert 0 == completed.returncode, completed.stderr
    status, *modules = completed.stdout.splitlines()
    assert "0" == status
    assert "enforcement_core.renderers.zh" in modules
    return modules


class TestImportedWhenUsed:
    @pytest.mark.parametrize(
        "module",
        [
            "json",  # the reference road, dump_json, and check's and compare's JSON
            "shutil",  # argparse's width of the help, found without it
            "enforcement_core.comparison",  # a change computed from a previous year's report
            "babel",  # the zh_CN symbols are read from Babel's files, as text
        ],
    )
    def test_the_report_of_an_example_leaves_it_alone(self, bare_report_modules, module):
        """Modules the report of the example has no use for are imported only when used."""
        assert module not in bare_report_modules


def helps() -> dict[str, str]:
    """The help of the command line and of each command."""
    parser = cli._parser()
    shown = {"": parser.format_help()}
    for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
        shown |= {name: sub.format_help() for name, sub in action.choices.items()}  # type: ignore[union-attr]
    return shown


class TestHelpWidth:
    @pytest.mark.parametrize("columns", [None, "120", "50", "0", "-3", "wide"])
    def test_the_width_is_argparses(self, monkeypatch, columns):
        """The help is as wide as argparse makes it: $COLUMNS when it is a width, else 80."""
        if columns is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", columns)
        assert argparse.HelpFormatter("x")._width == cli._Formatter("x")._width

    @pytest.mark.parametrize("lang", ["en", "zh"])
    @pytest.mark.parametrize("columns", ["60", "100"])
    def test_every_help_is_as_argparse_writes_it(self, monkeypatch, lang, columns):
        """Each command's help, in either language, is what argparse's own formatter writes."""
        monkeypatch.setenv("COLUMNS", columns)
        monkeypatch.setattr(cli._Parser, "lang", lang)
        ours = helps()
        monkeypatch.setattr(cli, "_Formatter", argparse.RawDescriptionHelpFormatter)
        assert helps() == ours
        assert 8 == len(ours)
