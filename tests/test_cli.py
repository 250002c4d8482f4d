"""The command line, run as users run it: in a subprocess."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import attrs
import pytest

import enforcement_core as ec
from enforcement_core import cli

GULU = ec.examples.load("gulu-2023")


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m enforcement_core ARGS``, its output decoded as UTF-8."""
    return subprocess.run(
        [sys.executable, "-m", "enforcement_core", *args],
        capture_output=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


def wrong_total(folder: Path) -> Path:
    """The reference report stating 1 action in all, where its categories add up to 792: an error."""
    stated = attrs.evolve(GULU.stated, actions=1)
    return write(folder / "wrong-total.json", attrs.evolve(GULU, stated=stated))


def write(path: Path, report: ec.AnnualReport | ec.Ledger) -> Path:
    path.write_text(ec.dump_json(report), encoding="utf-8")
    return path


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr


@pytest.fixture
def gulu(tmp_path: Path) -> Path:
    return write(tmp_path / "gulu-2023.json", GULU)


class TestReport:
    def test_default_is_the_chinese_report_of_the_example(self):
        """With no file, the built-in gulu-2023 example in Chinese."""
        result = run("report")
        assert 0 == result.returncode
        assert (
            "重庆市渝北区古路镇人民政府关于2023年行政执法总体情况的报告"
            == result.stdout.splitlines()[0]
        )
        assert ec.render(GULU, "zh") == result.stdout

    def test_a_file(self, gulu):
        """A report from a file renders as the same report."""
        assert ec.render(GULU, "zh") == run("report", str(gulu)).stdout

    def test_a_ledger_file_is_summarised(self, tmp_path):
        """A ledger document is summarised before it is rendered."""
        ledger = write(tmp_path / "ledger.json", ec.examples.load_records("gulu-2023"))
        assert (
            ec.render(ec.examples.load_records("gulu-2023"), "text")
            == run("report", str(ledger), "--format", "text").stdout
        )

    def test_another_example(self):
        """--example picks a built-in example."""
        assert (
            "示例县示例镇人民政府关于2023年"
            in run("report", "--example", "example-town-2023").stdout
        )

    def test_format_and_output(self, tmp_path):
        """--format json --output writes the document to the file, nothing to stdout."""
        out = tmp_path / "out.json"
        result = run("report", "--format", "json", "--output", str(out))
        assert ("", 0) == (result.stdout, result.returncode)
        assert GULU == ec.load_json(out)

    def test_options(self, tmp_path):
        """--option KEY=VALUE, typed by the renderer's declared options; a report option takes a file."""
        assert (
            "罚款6800元"
            in run("report", "--option", "money_unit=元", "--option", "money_places=0").stdout
        )
        previous = write(tmp_path / "2022.json", ec.examples.load("example-town-2022"))
        text = run(
            "report", "--example", "example-town-2023", "--option", f"previous={previous}"
        ).stdout
        assert "行政检查420家次，同比上升10.53%" in text

    def test_a_document_with_errors_is_not_written(self, tmp_path):
        """The audit's errors on stderr, exit 1, and no file, unless --allow-errors."""
        out = tmp_path / "city.docx"
        result = run("report", str(wrong_total(tmp_path)), "--output", str(out))
        assert 1 == result.returncode
        no_traceback(result)
        assert "1 error" in result.stderr
        assert "[total-mismatch]" in result.stderr
        assert "give --allow-errors to write it anyway" in result.stderr
        assert not out.exists()

    def test_allow_errors_writes_and_still_says_so(self, tmp_path):
        """--allow-errors writes the document, exit 0, the errors still on stderr."""
        out = tmp_path / "city.docx"
        result = run("report", str(wrong_total(tmp_path)), "--output", str(out), "--allow-errors")
        assert 0 == result.returncode
        assert out.stat().st_size > 0
        assert "[total-mismatch]" in result.stderr
        assert "written with these errors" in result.stderr

    def test_a_document_without_errors_is_written_silently(self, tmp_path):
        """No errors, nothing on stderr."""
        result = run("report", "--output", str(tmp_path / "gulu.docx"))
        assert (0, "") == (result.returncode, result.stderr)

    def test_lang_zh_says_the_errors_in_chinese(self, tmp_path):
        """report --lang zh: the refusal and its count in Chinese."""
        result = run("report", str(wrong_total(tmp_path)), "--lang", "zh")
        assert 1 == result.returncode
        assert "错误1项" in result.stderr
        assert "未生成文档" in result.stderr
        assert "" == result.stdout

    def test_lang_zh_says_a_load_error_in_chinese(self, tmp_path):
        """report --lang zh: the word for an error is Chinese too."""
        result = run("report", str(tmp_path / "missing.json"), "--lang", "zh")
        assert 2 == result.returncode
        assert result.stderr.startswith("enforcement-core: 错误：")

    def test_help_names_the_options(self):
        """report --help names --allow-errors and --lang."""
        shown = run("report", "--help").stdout
        assert "--allow-errors" in shown
        assert "--lang {en,zh}" in shown

    def test_help_has_an_example(self):
        """--help on every command shows an example."""
        for command in ("report", "check", "renderers", "rollup", "compare", "examples"):
            result = run(command, "--help")
            assert 0 == result.returncode
            assert "example:\n  enforcement-core" in result.stdout, command
        assert "example:" in run("--help").stdout


class TestErrors:
    def one_line(self, result: subprocess.CompletedProcess[str]) -> str:
        assert 2 == result.returncode
        no_traceback(result)
        lines = result.stderr.strip().splitlines()
        assert 1 == len(lines), result.stderr
        return lines[0]

    def test_missing_file(self, tmp_path):
        """A missing file: the file named, exit 2."""
        line = self.one_line(run("report", str(tmp_path / "missing.json")))
        assert line.startswith("enforcement-core: error: ")
        assert "missing.json: cannot read the file: No such file or directory" in line

    def test_invalid_json(self, tmp_path):
        """Invalid JSON: the file, the line and the column, exit 2."""
        bad = tmp_path / "bad.json"
        bad.write_text('{"year": 2023,}', encoding="utf-8")
        line = self.one_line(run("report", str(bad)))
        assert f"{bad}: invalid JSON at line 1, column 15" in line

    def test_violated_invariant(self, tmp_path):
        """A violated invariant: the file, the JSON path and the value, exit 2."""
        data = json.loads(ec.dump_json(GULU))
        data["inspection"]["hazards"]["rectified"] = 510
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        line = self.one_line(run("report", str(bad)))
        assert (
            f"enforcement-core: error: {bad}: inspection.hazards.rectified: 510 exceeds found 509"
            == line
        )

    def test_several_problems_are_listed(self, tmp_path):
        """Several problems in one document: each on its own line."""
        data = json.loads(ec.dump_json(GULU))
        data["year"] = "2023"
        data["inspection"]["hazards"]["rectified"] = 510
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        result = run("check", str(bad))
        assert 2 == result.returncode
        no_traceback(result)
        assert (
            "2 problems:\n  year: expected a whole number (int), got the string '2023'\n  inspection.hazards.rectified: 510 exceeds found 509"
            in result.stderr
        )

    def test_unknown_renderer(self):
        """An unknown renderer names the known ones."""
        line = self.one_line(run("report", "--format", "pdf"))
        # Plugins installed beside the built-ins are listed too.
        assert "no renderer named 'pdf'; the renderers are: " in line
        assert all(f"'{name}'" in line for name in ("docx", "html", "json", "text", "xlsx", "zh"))

    @pytest.mark.parametrize(
        ("option", "message"),
        [
            ("bogus=1", "renderer 'zh' has no option 'bogus'; its options are: money_unit"),
            ("money_places=two", "option 'money_places' takes a whole number, not 'two'"),
            ("capitals=maybe", "option 'capitals' takes true or false, not 'maybe'"),
            ("numerals=roman", "option 'numerals' must be one of 'arabic', 'chinese', not 'roman'"),
            ("money_unit", "--option takes KEY=VALUE, not 'money_unit'"),
        ],
    )
    def test_bad_option(self, option, message):
        """An unknown or ill-typed option: one line naming the renderer and the option."""
        assert message in self.one_line(run("report", "--option", option))

    def test_debug_shows_the_traceback(self, tmp_path):
        """--debug lets the traceback through."""
        result = run("--debug", "report", str(tmp_path / "missing.json"))
        assert "Traceback" in result.stderr
        assert 0 != result.returncode


class TestCheck:
    def test_a_figure_that_does_not_add_up(self, tmp_path):
        """A stated total the categories contradict: exit 1, the figure named."""
        report = ec.load_json(ec.dump_json(ec.examples.load("example-town-2023")))
        data = json.loads(ec.dump_json(report))
        data["stated"]["actions"] = 729
        bad = tmp_path / "town.json"
        bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        result = run("check", str(bad))
        assert 1 == result.returncode
        assert f"{bad}: 1 error, 0 warnings" in result.stdout
        assert (
            "stated.actions: the report states 729 actions in all, the categories add up to 728 [total-mismatch]"
            in result.stdout
        )

    def test_warnings_only_exit_0(self, gulu):
        """Warnings do not fail a check."""
        result = run("check", str(gulu))
        assert 0 == result.returncode
        assert (
            f"{gulu}: 0 errors, 1 warning\n  warnings:\n    licensing: 34 of 243" in result.stdout
        )

    def test_strict_fails_on_warnings(self, gulu, tmp_path):
        """--strict: a warning exits 1; a report without findings still exits 0."""
        town = write(tmp_path / "town.json", ec.examples.load("example-town-2023"))
        assert (1, 0) == (
            run("check", "--strict", str(gulu)).returncode,
            run("check", "--strict", str(town)).returncode,
        )

    def test_clean(self, tmp_path):
        """A report that holds: no findings."""
        town = write(tmp_path / "town.json", ec.examples.load("example-town-2023"))
        assert (f"{town}: no findings\n", 0) == (run("check", str(town)).stdout, 0)

    def test_chinese_messages(self, gulu):
        """--lang zh writes the findings in Chinese."""
        assert "243件申请中有34件未说明办理结果" in run("check", "--lang", "zh", str(gulu)).stdout

    def test_many_files_one_unreadable(self, gulu, tmp_path):
        """Every readable file is still checked; an unreadable one makes the exit 2."""
        result = run("check", str(tmp_path / "missing.json"), str(gulu))
        assert 2 == result.returncode
        assert "missing.json: cannot read the file" in result.stderr
        assert f"{gulu}: 0 errors, 1 warning" in result.stdout

    def test_no_progress_when_stderr_is_not_a_terminal(self, gulu):
        """Progress goes only to a terminal: logs stay clean."""
        assert "" == run("check", str(gulu), str(gulu)).stderr

    def test_progress_on_a_terminal(self, gulu):
        """Reading many files shows progress when stderr is a terminal."""
        controller, terminal = pty.openpty()
        try:
            completed = subprocess.run(
                [sys.executable, "-m", "enforcement_core", "check", str(gulu), str(gulu)],
                stdout=subprocess.PIPE,
                stderr=terminal,
                timeout=120,
                check=False,
            )
            os.close(terminal)
            terminal = -1
            shown = b""
            while True:
                try:
                    chunk = os.read(controller, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                shown += chunk
        finally:
            if terminal != -1:
                os.close(terminal)
            os.close(controller)
        assert 0 == completed.returncode
        assert b"[2/2] reading " in shown


class TestRollupAndCompare:
    def test_rollup_three_towns(self, tmp_path):
        """Three 2023 reports roll up into the district's, as JSON by default."""
        files = [
            write(tmp_path / f"{n}.json", ec.examples.load(n))
            for n in ("gulu-2023", "example-town-2023", "example-street-2023")
        ]
        out = tmp_path / "district.json"
        result = run("rollup", *map(str, files), "--body", "示例区", "--output", str(out))
        assert 0 == result.returncode, result.stderr
        district = ec.load_json(out, ec.AnnualReport)
        assert ("示例区", 363 + 420 + 210) == (district.body.name, district.inspection.visits)

    def test_rollup_refuses_different_years(self, gulu, tmp_path):
        """Reports of different years: exit 2 with the years."""
        old = write(tmp_path / "2022.json", ec.examples.load("example-town-2022"))
        result = run("rollup", str(gulu), str(old), "--body", "示例区")
        assert 2 == result.returncode
        assert "cannot roll up reports of different years: 2022, 2023" in result.stderr

    def test_compare_as_a_table(self, tmp_path):
        """compare writes every figure's change in aligned columns."""
        old = write(tmp_path / "2022.json", ec.examples.load("example-town-2022"))
        new = write(tmp_path / "2023.json", ec.examples.load("example-town-2023"))
        result = run("compare", str(old), str(new))
        assert 0 == result.returncode
        lines = result.stdout.splitlines()
        assert lines[0].split() == ["figure", "2022", "2023", "change", "%"]
        assert ["penalty.cases", "88", "96", "8", "9.09"] == next(
            line.split() for line in lines if line.startswith("penalty.cases ")
        )
        assert ["rates.rectification", "98.16", "98.75", "0.59", "points"] == next(
            line.split() for line in lines if line.startswith("rates.rectification")
        )

    def test_compare_as_json_and_zh(self, tmp_path):
        """--format json gives the changes as data; --format zh the report with 同比."""
        old = write(tmp_path / "2022.json", ec.examples.load("example-town-2022"))
        new = write(tmp_path / "2023.json", ec.examples.load("example-town-2023"))
        data = json.loads(run("compare", str(old), str(new), "--format", "json").stdout)
        cases = next(c for c in data["changes"] if c["figure"] == "penalty.cases")
        assert {
            "figure": "penalty.cases",
            "previous": 88,
            "current": 96,
            "difference": 8,
            "percent": "9.09",
        } == cases
        assert (
            "全年办理行政处罚案件96件，同比上升9.09%"
            in run("compare", str(old), str(new), "--format", "zh").stdout
        )

    def test_compare_with_an_unknown_format(self, tmp_path):
        """A format that is neither text, json nor a renderer: exit 2, the renderers named."""
        old = write(tmp_path / "2022.json", ec.examples.load("example-town-2022"))
        new = write(tmp_path / "2023.json", ec.examples.load("example-town-2023"))
        result = run("compare", str(old), str(new), "--format", "json5")
        assert 2 == result.returncode
        assert "no renderer named 'json5'; the renderers are:" in result.stderr


class TestListing:
    def test_examples(self):
        """examples lists every built-in example with its body and year."""
        lines = run("examples").stdout.splitlines()
        assert len(ec.examples.names()) == len(lines) == 20
        assert (
            "gulu-2023  重庆市渝北区古路镇人民政府, 2023  (with a synthetic ledger of records)"
            in lines
        )

    def test_renderers(self):
        """renderers lists each with its distribution, media type and options."""
        out = run("renderers").stdout
        assert "zh  (enforcement-core)  text/plain; charset=utf-8  .txt" in out
        assert "--option money_unit=…" in out

    def test_renderers_shows_a_broken_plugin(self, tmp_path):
        """A broken plugin is listed as broken, with its cause; the others still listed."""
        info = tmp_path / "enforcement_broken-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            "Metadata-Version: 2.1\nName: enforcement-broken\nVersion: 1.0\n", encoding="utf-8"
        )
        (info / "entry_points.txt").write_text(
            "[enforcement_core.renderers]\nbroken = plugin_gone:renderer\n", encoding="utf-8"
        )
        env = os.environ | {"PYTHONPATH": str(tmp_path)}
        result = run("renderers", env=env)
        assert 0 == result.returncode
        assert (
            "broken  (enforcement-broken, plugin_gone:renderer)  BROKEN: renderer 'broken' of distribution 'enforcement-broken' (plugin_gone:renderer) cannot be loaded: ModuleNotFoundError"
            in result.stdout
        )
        assert "zh  (enforcement-core)" in result.stdout

    def test_console_script(self):
        """The enforcement-core command is installed beside the interpreter."""
        script = shutil.which("enforcement-core", path=str(Path(sys.executable).parent))
        assert script is not None
        completed = subprocess.run(
            [script, "examples"], capture_output=True, encoding="utf-8", timeout=120, check=False
        )
        assert 0 == completed.returncode
        assert "gulu-2023" in completed.stdout


INTERRUPT = """
import os, sys
from enforcement_core import cli

def interrupted(*args, **kwargs):
    raise KeyboardInterrupt
{patch}
sys.exit(cli.main(sys.argv[1:]))
"""


class TestAtomicOutput:
    def existing(self, tmp_path: Path) -> Path:
        out = tmp_path / "report.txt"
        out.write_text("the report of last week\n", encoding="utf-8")
        return out

    def left_over(self, tmp_path: Path) -> list[str]:
        return sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp"))

    def test_a_failed_run_keeps_the_existing_file(self, tmp_path):
        """An error after the output was named leaves the existing file as it was."""
        out = self.existing(tmp_path)
        result = run("report", "--option", "numerals=roman", "--output", str(out))
        assert 2 == result.returncode
        assert "the report of last week\n" == out.read_text(encoding="utf-8")

    @pytest.mark.parametrize(
        "patch",
        [
            "os.replace = interrupted",  # interrupted between writing and renaming
            (
                "import tempfile\n_original = tempfile.NamedTemporaryFile\n"
                "def half(*a, **k):\n    f = _original(*a, **k)\n    real = f.write\n"
                "    def write(data):\n        real(data[: len(data) // 2])\n        raise KeyboardInterrupt\n"
                "    f.write = write\n    return f\ntempfile.NamedTemporaryFile = half"
            ),  # interrupted mid-write
        ],
        ids=["before-rename", "mid-write"],
    )
    def test_an_interrupted_write(self, tmp_path, patch):
        """Interrupted while writing: the existing file is untouched and no temporary file is left."""
        out = self.existing(tmp_path)
        script = tmp_path / "interrupt.py"
        script.write_text(textwrap.dedent(INTERRUPT.format(patch=patch)), encoding="utf-8")
        completed = subprocess.run(
            [sys.executable, str(script), "report", "--output", str(out)],
            capture_output=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        assert 130 == completed.returncode, completed.stderr
        assert "enforcement-core: interrupted" in completed.stderr
        assert "the report of last week\n" == out.read_text(encoding="utf-8")
        assert [] == self.left_over(tmp_path)

    def test_a_new_file_is_written_whole(self, tmp_path):
        """A successful run replaces the file with the whole output."""
        out = self.existing(tmp_path)
        assert 0 == run("report", "--output", str(out)).returncode
        assert ec.render(GULU, "zh") == out.read_text(encoding="utf-8")
        assert [] == self.left_over(tmp_path)


def plugin(
    root: Path, distribution: str, entries: dict[str, str], modules: dict[str, str]
) -> dict[str, str]:
    """A throwaway distribution under ``root``; the environment that puts it on sys.path."""
    info = root / f"{distribution.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {distribution}\nVersion: 1.0\n", encoding="utf-8"
    )
    lines = "".join(f"{name} = {value}\n" for name, value in entries.items())
    (info / "entry_points.txt").write_text(
        f"[enforcement_core.renderers]\n{lines}", encoding="utf-8"
    )
    for module, source in modules.items():
        (root / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    return os.environ | {"PYTHONPATH": str(root)}


MISBEHAVING = """
class Bad:
    media_type = "text/plain"
    extension = ".txt"
    options = {}

    def __init__(self, name, result):
        self.name, self.result = name, result

    def render(self, report, **options):
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


class Fragile(Bad):
    @property
    def options(self):
        raise RuntimeError("no options today")


none = Bad("none", None)
number = Bad("number", 42)
raising = Bad("raising", KeyError("boom"))
fragile = Fragile("fragile", "x")
"""


class TestMisbehavingPlugins:
    """A misbehaving plugin is a RendererError naming it, never a traceback (item 11)."""

    @pytest.fixture
    def env(self, tmp_path):
        entries = {name: f"plugin_bad:{name}" for name in ("none", "number", "raising", "fragile")}
        entries["exits"] = "plugin_exits:renderer"
        modules = {"plugin_bad": MISBEHAVING, "plugin_exits": "import sys\nsys.exit(3)\n"}
        return plugin(tmp_path / "site", "enforcement-bad", entries, modules)

    @pytest.fixture(autouse=True)
    def site(self, tmp_path):
        (tmp_path / "site").mkdir()

    def test_listing(self, env):
        """renderers lists the plugin that exits at import and the one whose options raise."""
        result = run("renderers", env=env)
        no_traceback(result)
        assert 0 == result.returncode
        assert "exits  (enforcement-bad, plugin_exits:renderer)  BROKEN: " in result.stdout
        assert "cannot be loaded: SystemExit: 3" in result.stdout
        assert "fragile  (enforcement-bad, plugin_bad:fragile)  BROKEN: " in result.stdout
        assert "zh  (enforcement-core)" in result.stdout

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            ("none", "returned NoneType, not the str or bytes of a document"),
            ("number", "returned int, not the str or bytes of a document"),
            ("raising", "failed: KeyError: 'boom'"),
            ("exits", "cannot be loaded: SystemExit: 3"),
        ],
    )
    def test_report_keeps_the_old_file(self, env, tmp_path, name, message):
        """One message naming the distribution, exit 2, the old output file untouched."""
        out = tmp_path / "report.txt"
        out.write_text("the report of last week\n", encoding="utf-8")
        result = run("report", "--format", name, "--output", str(out), env=env)
        no_traceback(result)
        assert 2 == result.returncode
        assert f"renderer '{name}' of distribution 'enforcement-bad'" in result.stderr
        assert message in result.stderr
        assert "the report of last week\n" == out.read_text(encoding="utf-8")


SIGNALLED = """
import os, signal, sys, tempfile
from enforcement_core import cli

_original = tempfile.NamedTemporaryFile

def signalled(*args, **kwargs):
    handle = _original(*args, **kwargs)
    real = handle.write

    def write(data):
        real(data[: len(data) // 2])
        os.kill(os.getpid(), signal.{signal})
        real(data[len(data) // 2 :])

    handle.write = write
    return handle

tempfile.NamedTemporaryFile = signalled
sys.exit(cli.main(sys.argv[1:]))
"""

STARTUP = """
import os, runpy, signal
import enforcement_core._signals as signals

_install = signals.install

def install():
    handlers = _install()
    os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while the command line's modules load
    return handlers

signals.install = install
runpy.run_module("enforcement_core", run_name="__main__", alter_sys=True)
"""


# Installed as sitecustomize: Ctrl-C arrives while the package's modules load.
WHILE_LOADING = """
import importlib.abc, os, signal, sys

class Interrupt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "enforcement_core.errors":
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupt())
"""


#: Installed as sitecustomize: Ctrl-C as the package's first imports load, once it began.
FIRST_IMPORTS = """
import os, sys

class Interrupt:  # a finder of the plainest kind: importlib.abc would load typing itself
    def find_spec(self, name, path=None, target=None):
        if name == "{module}" and "enforcement_core" in sys.modules:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), 2)  # SIGINT
        return None

sys.meta_path.insert(0, Interrupt())
"""


def after_the_handler(stderr: str) -> bool:
    """Whether ``stderr`` holds a traceback through code that runs after the handler is in.

    That is any frame of the package but the line of ``__init__`` that imports _signals,
    and those before it.
    """
    init = Path(ec.__file__).read_text(encoding="utf-8").splitlines()
    first = 1 + next(i for i, line in enumerate(init) if "import _signals" in line)
    # _signals itself runs a few lines (deciding whether it is the command) before the
    # handler is in: a slow machine can be interrupted there too.
    own = (Path(ec.__file__).parent / "_signals.py").read_text(encoding="utf-8").splitlines()
    installed = 1 + next(i for i, line in enumerate(own) if line.strip() == "install()")
    package = Path(ec.__file__).resolve().parent
    before = {package / "__init__.py": first, package / "_signals.py": installed}
    frames = re.findall(r'File "([^"]*enforcement_core[/\\][^"]*)", line (\d+)', stderr)
    return "Traceback" in stderr and any(
        int(line) > before.get(Path(path).resolve(), 0) for path, line in frames
    )


#: The command line, interrupted inside a weakref's callback, where Python cannot raise.
IN_A_CALLBACK = """
import os, signal, sys, weakref
from enforcement_core import cli, examples

class Thing:
    pass

def names():
    thing = Thing()
    keep = weakref.ref(thing, lambda ref: os.kill(os.getpid(), signal.SIGINT))
    del thing
    for _ in range(1000):
        pass
    return ["gulu-2023"]

examples.names = names
sys.exit(cli.main(["examples"]))
"""


#: The console script pip wrote for this environment.
CONSOLE_SCRIPT = Path(sys.executable).parent / "enforcement-core"
#: The console script as pip (24 and later) and uv write it, importing nothing before the package.
LAUNCHER = """import sys
from enforcement_core.cli import main
if __name__ == "__main__":
    sys.argv[0] = sys.argv[0].removesuffix(".exe")
    sys.exit(main())
"""


class TestSignals:
    """Every signal ends the command cleanly (issue 11, item 15)."""

    def test_ctrl_c_while_the_package_loads(self, tmp_path):
        """python -m enforcement_core interrupted while its modules load: one line, SIGINT's end."""
        (tmp_path / "sitecustomize.py").write_text(WHILE_LOADING, encoding="utf-8")
        env = os.environ | {"PYTHONPATH": str(tmp_path)}
        result = run("report", env=env)
        no_traceback(result)
        assert "enforcement-core: interrupted\n" == result.stderr
        assert result.returncode in (130, -2)  # -2: ended by SIGINT, which shells show as 130

    @pytest.mark.parametrize(
        ("name", "status"), [("SIGTERM", 143), ("SIGHUP", 129), ("SIGINT", 130)]
    )
    def test_a_signal_during_a_write(self, tmp_path, name, status):
        """The old file stays, no temporary file is left, one line, exit 128 + the signal."""
        out = tmp_path / "report.txt"
        out.write_text("the report of last week\n", encoding="utf-8")
        script = tmp_path / "signalled.py"
        script.write_text(SIGNALLED.format(signal=name), encoding="utf-8")
        completed = subprocess.run(
            [sys.executable, str(script), "report", "--output", str(out)],
            capture_output=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        assert status == completed.returncode, completed.stderr
        assert "enforcement-core: interrupted\n" == completed.stderr
        assert "the report of last week\n" == out.read_text(encoding="utf-8")
        assert [] == [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    def test_ctrl_c_during_start_up(self, tmp_path):
        """Ctrl-C while the modules load prints one line, no traceback, and stops as SIGINT does."""
        script = tmp_path / "startup.py"
        script.write_text(STARTUP, encoding="utf-8")
        completed = subprocess.run(
            [sys.executable, str(script), "report"],
            capture_output=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        no_traceback(completed)
        assert "enforcement-core: interrupted\n" == completed.stderr
        assert completed.returncode in (130, -2)  # -2: ended by SIGINT, which shells show as 130

    @pytest.mark.parametrize("module", ["typing", "enum", "contextlib"])
    def test_ctrl_c_in_the_first_milliseconds(self, tmp_path, module):
        """The console script interrupted while the package's first imports load: one line.

        typing (about 10 ms) and signal's enum (about 8 ms) were imported before the
        handler: Ctrl-C then printed a traceback (issue 21). The script is the one pip
        24 and later and uv write: pip 23 (a fresh Python 3.11 venv's) wrote one that
        imports re, and with it enum, before the package, so that enum's case never
        came and the test failed on a newcomer's first run.
        """
        (tmp_path / "sitecustomize.py").write_text(
            FIRST_IMPORTS.format(module=module), encoding="utf-8"
        )
        script = tmp_path / "enforcement-core"
        script.write_text(LAUNCHER, encoding="utf-8")
        env = os.environ | {"PYTHONPATH": str(tmp_path)}
        result = subprocess.run(
            [sys.executable, str(script), "report"],
            capture_output=True,
            encoding="utf-8",
            env=env,
            timeout=120,
            check=False,
        )
        no_traceback(result)
        assert "enforcement-core: interrupted\n" == result.stderr
        assert result.returncode in (130, -2)

    def test_ctrl_c_in_a_callback(self, tmp_path):
        """A signal that lands in a weakref's callback (as in the import system's locks) is not lost.

        Python prints such an exception as "Exception ignored" and goes on: the command
        ran to its end with status 0. It is raised again in the code the callback broke into.
        """
        script = tmp_path / "callback.py"
        script.write_text(IN_A_CALLBACK, encoding="utf-8")
        completed = subprocess.run(
            [sys.executable, str(script)],
            capture_output=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        assert "enforcement-core: interrupted\n" == completed.stderr
        assert "" == completed.stdout
        assert 130 == completed.returncode

    @pytest.mark.parametrize(
        ("where", "line", "ours"),
        [
            ("__init__.py", "first", False),
            ("_signals.py", "installed", False),
            ("_signals.py", "after", True),
            ("cli.py", "1", True),
            ("renderers/__init__.py", "1", True),
        ],
    )
    def test_what_counts_as_after_the_handler(self, where, line, ours):
        """The sweep's judge: a frame of ours before the handler is Python's, any other is ours."""
        package = Path(ec.__file__).parent
        source = (package / where).read_text(encoding="utf-8").splitlines()
        marks = {
            "first": "from enforcement_core import _signals",
            "installed": "install()",
            "after": "install()",
        }
        if line in marks:
            number = 1 + next(
                i for i, text in enumerate(source) if text.split("  #")[0].strip() == marks[line]
            )
            number += line == "after"
        else:
            number = int(line)
        stderr = (
            "Traceback (most recent call last):\n"
            f'  File "{package / where}", line {number}, in <module>\n'
            "KeyboardInterrupt\n"
        )
        assert ours == after_the_handler(stderr)

    @pytest.mark.slow
    def test_ctrl_c_right_after_start(self):
        """SIGINT sent 0 to 300 ms after the console script starts: never a traceback from our code.

        Until the package's first line has imported _signals (the interpreter's site, the
        script finding the package, _signals' own loading) Python's handler is in place,
        and nothing of ours can answer: about 10 ms on this machine, most of it site's.
        """
        import signal
        import time

        said = []
        for delay in range(0, 301, 20):
            started = subprocess.Popen(
                [str(CONSOLE_SCRIPT), "report"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                encoding="utf-8",
            )
            time.sleep(delay / 1000)
            started.send_signal(signal.SIGINT)
            _, stderr = started.communicate(timeout=120)
            said.append(stderr)
        assert [] == [e for e in said if after_the_handler(e)]
        assert any(e == "enforcement-core: interrupted\n" for e in said)

    def test_handlers_are_restored(self):
        """main() run in a process (a notebook, a test) leaves its signal handlers as they were."""
        import signal

        from enforcement_core.cli import main

        before = signal.getsignal(signal.SIGTERM)
        assert 0 == main(["examples"])
        assert before == signal.getsignal(signal.SIGTERM)


class TestOutputTargets:
    """What --output names is written as the user means it (items 14 and 16)."""

    def test_a_device_stays_a_device(self, tmp_path):
        """--output naming a device (like /dev/null) writes through to it; it stays a device."""
        import stat

        if os.geteuid() == 0:
            # As root a regression would replace the machine's /dev/null: use a private one.
            device = tmp_path / "null"
            os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        else:
            device = Path(os.devnull)  # a user cannot replace it, whatever the code does
        result = run("report", "--output", str(device), cwd=tmp_path)
        assert 0 == result.returncode, result.stderr
        assert stat.S_ISCHR(device.stat().st_mode)
        assert [] == [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    def test_a_fifo_is_written_through(self, tmp_path):
        """A FIFO receives the output and stays a FIFO."""
        import stat
        import threading

        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        received: list[bytes] = []
        reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
        reader.start()
        result = run("report", "--format", "json", "--output", str(fifo))
        reader.join(timeout=60)
        assert 0 == result.returncode, result.stderr
        assert stat.S_ISFIFO(fifo.lstat().st_mode)
        assert GULU == ec.load_json(received[0])

    def test_a_symlink_is_followed(self, tmp_path):
        """A symbolic link stays a link; its target gets the output."""
        target = tmp_path / "target.txt"
        target.write_text("old\n", encoding="utf-8")
        link = tmp_path / "link.txt"
        link.symlink_to(target)
        assert 0 == run("report", "--output", str(link)).returncode
        assert link.is_symlink()
        assert ec.render(GULU, "zh") == target.read_text(encoding="utf-8")

    def test_a_read_only_file_is_refused(self, tmp_path):
        """A read-only target is left as it was, with a clear error naming it."""
        out = tmp_path / "report.txt"
        out.write_text("signed off\n", encoding="utf-8")
        out.chmod(0o444)
        result = run("report", "--output", str(out))
        no_traceback(result)
        assert 2 == result.returncode
        assert (
            f"enforcement-core: error: {out}: the file is read-only; it is left as it was\n"
            == result.stderr
        )
        assert "signed off\n" == out.read_text(encoding="utf-8")

    def test_a_writable_file_is_replaced(self, tmp_path):
        """A writable target is replaced, keeping its permissions."""
        out = tmp_path / "report.txt"
        out.write_text("old\n", encoding="utf-8")
        out.chmod(0o640)
        assert 0 == run("report", "--output", str(out)).returncode
        assert 0o640 == out.stat().st_mode & 0o777

    @pytest.mark.parametrize("where", ["missing/report.txt", "."])
    def test_errors_name_the_output_path(self, tmp_path, where):
        """A folder that does not exist, or a folder as target: the error names --output."""
        result = run("report", "--output", where, cwd=tmp_path)
        no_traceback(result)
        assert 2 == result.returncode
        assert result.stderr.startswith(f"enforcement-core: error: {where}: ")
        assert ".tmp" not in result.stderr


class TestManners:
    """The command line's manners (issue 11, item 17; the output extension is another's)."""

    def test_version(self):
        """--version prints the installed version."""
        result = run("--version")
        assert 0 == result.returncode
        assert f"enforcement-core {ec.__version__}\n" == result.stdout

    def test_standard_input(self):
        """- reads the document from standard input, for report and check."""
        document = ec.dump_json(ec.examples.load("example-town-2023"))
        for args in (("report", "-", "--format", "text"), ("check", "-")):
            completed = subprocess.run(
                [sys.executable, "-m", "enforcement_core", *args],
                input=document,
                capture_output=True,
                encoding="utf-8",
                timeout=120,
                check=False,
            )
            assert 0 == completed.returncode, completed.stderr
        assert "-: no findings\n" == completed.stdout

    def test_standard_input_errors_name_it(self):
        """A bad document on standard input is named as such."""
        completed = subprocess.run(
            [sys.executable, "-m", "enforcement_core", "check", "-"],
            input="{",
            capture_output=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        assert 2 == completed.returncode
        assert completed.stderr.startswith(
            "enforcement-core: error: <standard input>: invalid JSON"
        )

    def test_check_as_json(self, gulu):
        """check --format json writes the findings for programs."""
        result = run("check", "--format", "json", str(gulu))
        assert 0 == result.returncode
        [entry] = json.loads(result.stdout)
        assert str(gulu) == entry["file"]
        assert [("warning", "licensing-open", "licensing")] == [
            (f["severity"], f["code"], f["path"]) for f in entry["findings"]
        ]

    def test_check_strict(self, gulu, tmp_path):
        """--strict fails on warnings too; a clean file still passes."""
        assert 0 == run("check", str(gulu)).returncode
        assert 1 == run("check", "--strict", str(gulu)).returncode
        clean = write(tmp_path / "town.json", ec.examples.load("example-town-2023"))
        assert 0 == run("check", "--strict", str(clean)).returncode

    def test_check_in_chinese(self, gulu, tmp_path):
        """--lang zh writes the headers and the loading errors' framing in Chinese."""
        bad = tmp_path / "bad.json"
        bad.write_text('{"x": 1, "y": 2}', encoding="utf-8")
        result = run("check", "--lang", "zh", str(gulu), str(bad))
        assert f"{gulu}: 错误0项，提示1项\n  提示：\n" in result.stdout
        assert f"enforcement-core: 错误：{bad}: 2处问题：\n" in result.stderr

    @pytest.mark.parametrize(
        ("args", "hint"),
        [
            (("reprot",), "did you mean 'report'?"),
            (("report", "--outptu", "x.txt"), "did you mean '--output'?"),
            (("check", "--stritc", "x.json"), "did you mean '--strict'?"),
            (("report", "--format", "zhh"), "did you mean 'zh'?"),
        ],
    )
    def test_did_you_mean(self, args, hint):
        """A mistyped command, option or renderer gets the nearest one, exit 2, no traceback."""
        result = run(*args)
        no_traceback(result)
        assert 2 == result.returncode
        assert hint in result.stderr

    def test_did_you_mean_a_field(self, tmp_path):
        """A mistyped field in a document gets the field meant."""
        data = json.loads(ec.dump_json(GULU))
        data["inspection"]["hazards"]["rectifed"] = 1
        path = tmp_path / "typo.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        result = run("check", str(path))
        assert (
            "inspection.hazards.rectifed: unknown field; did you mean 'rectified'?" in result.stderr
        )

    def test_output_in_the_console_encoding(self):
        """Standard output is encoded as asked; when it cannot hold the text, UTF-8 and a note."""
        env = os.environ | {"PYTHONIOENCODING": "gb18030"}
        raw = subprocess.run(
            [sys.executable, "-m", "enforcement_core", "report"],
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert ec.render(GULU, "zh") == raw.stdout.decode("gb18030")
        env = os.environ | {"PYTHONIOENCODING": "ascii"}
        raw = subprocess.run(
            [sys.executable, "-m", "enforcement_core", "report"],
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert ec.render(GULU, "zh") == raw.stdout.decode("utf-8")
        assert (
            b"note: standard output's encoding ascii cannot write this text; writing UTF-8"
            in raw.stderr
        )

    def test_compare_reversed_years(self, tmp_path):
        """NEW before OLD is refused with the fix."""
        old = write(tmp_path / "2022.json", ec.examples.load("example-town-2022"))
        new = write(tmp_path / "2023.json", ec.examples.load("example-town-2023"))
        result = run("compare", str(new), str(old))
        assert 2 == result.returncode
        assert (
            "OLD is the report of 2023 and NEW of 2022: give the earlier year first"
            in result.stderr
        )

    def test_compare_one_year(self, tmp_path):
        """Two reports of one year are refused."""
        new = write(tmp_path / "2023.json", ec.examples.load("example-town-2023"))
        result = run("compare", str(new), str(new))
        assert 2 == result.returncode
        assert "OLD and NEW are both reports of 2023" in result.stderr

    def test_compare_two_bodies(self, tmp_path, gulu):
        """Two bodies are compared with a warning."""
        old = write(tmp_path / "2022.json", ec.examples.load("example-town-2022"))
        result = run("compare", str(old), str(gulu))
        assert 0 == result.returncode
        assert (
            "warning: OLD is of 示例县示例镇人民政府 and NEW of 重庆市渝北区古路镇人民政府"
            in result.stderr
        )

    def test_previous_of_a_later_year(self, tmp_path):
        """zh's previous= of a later year is refused."""
        old = write(tmp_path / "2022.json", ec.examples.load("example-town-2022"))
        new = write(tmp_path / "2023.json", ec.examples.load("example-town-2023"))
        result = run("report", str(old), "--option", f"previous={new}")
        assert 2 == result.returncode
        assert (
            "option 'previous' must be a report of a year before 2022, not of 2023" in result.stderr
        )


class TestHostileInvocations:
    """Closed streams, files that are not what they say, mismatched options (issue 21)."""

    def test_standard_output_closed(self):
        """`report >&-` is one line on stderr and status 2, not an AttributeError."""
        result = subprocess.run(
            [sys.executable, "-m", "enforcement_core", "report"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            encoding="utf-8",
            timeout=120,
            check=False,
            # The child's descriptor 1 is closed before Python starts: sys.stdout is None.
            preexec_fn=lambda: os.close(1),
        )
        assert 2 == result.returncode
        assert "enforcement-core: error: <standard output>: standard output is closed\n" == (
            result.stderr
        )

    def test_standard_error_closed(self):
        """With stderr closed, an error still ends with status 2 and no traceback anywhere."""
        result = subprocess.run(
            [sys.executable, "-m", "enforcement_core", "report", "missing.xlsx"],
            capture_output=True,
            encoding="utf-8",
            timeout=120,
            check=False,
            preexec_fn=lambda: os.close(2),
        )
        assert 2 == result.returncode
        assert "" == result.stdout

    @pytest.mark.parametrize(
        ("name", "data", "message"),
        [
            ("junk.xlsx", b"junk", "junk.xlsx: not an Excel workbook that can be read"),
            ("junk.parquet", b"PAR1junk", "junk.parquet: not a Parquet file that can be read"),
        ],
    )
    def test_a_file_that_is_not_what_its_name_says(self, tmp_path, name, data, message):
        """A reader's failure is one line naming the file, status 2."""
        (tmp_path / name).write_bytes(data)
        result = run("report", name, cwd=tmp_path)
        assert 2 == result.returncode
        assert result.stderr.startswith(f"enforcement-core: error: {message}")
        assert 1 == result.stderr.count("\n")

    def test_a_report_given_as_the_ledger(self, gulu):
        """`check r.json --ledger r.json` refuses the report given as a ledger."""
        result = run("check", str(gulu), "--ledger", str(gulu))
        assert 2 == result.returncode
        assert f"--ledger {gulu}: is an annual report, not a ledger of records" in result.stderr

    def test_a_format_that_is_not_the_outputs(self, tmp_path):
        """`--format json --output x.docx` writes nothing and says why."""
        result = run("report", "--format", "json", "--output", "x.docx", cwd=tmp_path)
        assert 2 == result.returncode
        assert "--format json does not write a .docx file" in result.stderr
        assert not (tmp_path / "x.docx").exists()
        assert 0 == run("report", "--format", "text", "--output", "x.txt", cwd=tmp_path).returncode

    def test_check_goes_on_past_a_missing_file(self, gulu, tmp_path):
        """`check a.json missing.xlsx` prints a.json's findings, then names the missing file."""
        result = run("check", str(gulu), str(tmp_path / "missing.xlsx"))
        assert 2 == result.returncode
        assert result.stdout.startswith(f"{gulu}: ")
        assert "missing.xlsx: No such file or directory" in result.stderr


#: The words of each severity, read from the labels: no test lists them a second time.
SEVERITY_ZH = {s: ec.labels.term(f"severity_{s.value}") for s in ec.findings.Severity}
SEVERITY_EN = {s: ec.labels.term(f"severity_{s.value}", "en") for s in ec.findings.Severity}


class TestOneWordPerSeverity:
    """Every output that names a finding's severity says the labels' word for it (issue 22)."""

    Severity = ec.findings.Severity
    #: Both severities: the stated total is wrong (an error), licensing is open (a warning).
    BOTH = attrs.evolve(GULU, stated=attrs.evolve(GULU.stated, actions=1))
    ZH = SEVERITY_ZH
    EN = SEVERITY_EN

    def findings(self):
        findings = ec.audit(self.BOTH)
        assert {f.severity for f in findings} == set(self.Severity)
        return findings

    def test_a_severity_word_is_no_sanction_s_word(self):
        """警告 is a penalty (SanctionType.WARNING): a finding's severity never reads as one."""
        sanctions = set(ec.labels.labels_of(ec.actions.SanctionType).values())
        assert not set(self.ZH.values()) & sanctions
        assert len(set(self.ZH.values())) == len(self.Severity)

    def test_the_finding_says_the_labels_word(self):
        """Finding.said, which every output uses, gives the labels' word in either language."""
        for finding in self.findings():
            assert self.ZH[finding.severity] == finding.said()[0]
            assert self.EN[finding.severity] == finding.said("en")[0]

    def test_check_in_both_languages(self, tmp_path):
        """check's summary and headings use the labels' words, in Chinese and in English."""
        path = write(tmp_path / "both.json", self.BOTH)
        counts = {s: sum(f.severity is s for f in self.findings()) for s in self.Severity}
        zh = run("check", "--lang", "zh", str(path)).stdout.splitlines()
        assert f"{path}: " + "，".join(f"{self.ZH[s]}{counts[s]}项" for s in self.Severity) == zh[0]
        assert {f"  {self.ZH[s]}：" for s in self.Severity} <= set(zh)
        en = run("check", str(path)).stdout.splitlines()
        assert {f"  {self.EN[s]}s:" for s in self.Severity} <= set(en)
        # No other word for a severity anywhere in the Chinese output.
        others = set(ec.labels.labels_of(ec.actions.SanctionType).values()) - set(self.ZH.values())
        assert not [line for line in zh[1:] if line.strip().rstrip("：") in others]

    def test_report_refusal_says_the_error_word(self, tmp_path):
        """report --lang zh, refusing a document with errors, heads them with the labels' word."""
        path = write(tmp_path / "both.json", self.BOTH)
        result = run("report", "--lang", "zh", str(path))
        assert 1 == result.returncode
        assert f"  {self.ZH[self.Severity.ERROR]}：" in result.stderr.splitlines()

    def test_xlsx_and_the_notebook_display(self):
        """The xlsx findings sheet and the notebook table write the same words as check."""
        import io

        import openpyxl

        findings = self.findings()
        data = ec.render(self.BOTH, "xlsx")
        assert isinstance(data, bytes)
        sheet = openpyxl.load_workbook(io.BytesIO(data))[ec.labels.term("findings")]
        column = [row[0].value for row in sheet.iter_rows(min_row=2)]
        assert [self.ZH[f.severity] for f in findings] == column
        shown = findings._repr_html_()
        for finding in findings:
            assert f"<td>{self.ZH[finding.severity]}：" in shown
            assert f"<td>{self.EN[finding.severity]}</td>" in shown


class TestAReadersOwnFailure:
    """Issue 21: any exception of a reader reaches the user as one line naming the file."""

    @pytest.mark.parametrize(
        ("lang", "said"),
        [
            ("en", "town.xlsx: the file cannot be read: RuntimeError: no sheet today"),
            ("zh", "town.xlsx: 无法读取该文件：RuntimeError: no sheet today"),
        ],
    )
    def test_one_line_naming_the_file_and_status_2(self, monkeypatch, capsys, lang, said):
        from enforcement_core import tables

        def broken(_: str) -> None:
            raise RuntimeError("no sheet today")

        monkeypatch.setattr(tables, "load_document", broken)
        assert 2 == cli.main(["report", "town.xlsx", "--lang", lang])
        out, err = capsys.readouterr()
        assert "" == out
        assert 1 == len(err.splitlines()), err
        assert said in err
        assert "RuntimeError" in err
        assert "Traceback" not in err

    def test_a_bug_of_ours_is_one_line_too(self, monkeypatch, capsys):
        """An exception outside the readers: one line, and --debug named for the traceback."""
        # The parser takes the command's handler when it is built, in the run.
        monkeypatch.setattr(cli, "_cmd_examples", lambda _: 1 / 0)
        assert 2 == cli.main(["examples"])
        err = capsys.readouterr().err
        assert 1 == len(err.splitlines())
        assert "ZeroDivisionError" in err
        assert "--debug" in err
