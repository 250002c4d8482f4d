"""The command line, run as users run it: in a subprocess."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import enforcement_core as ec

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
        assert "no renderer named 'pdf'; the renderers are: 'html', 'json', 'text', 'zh'" in line

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
        result = run("compare", str(old), str(old), "--format", "json5")
        assert 2 == result.returncode
        assert "no renderer named 'json5'; the renderers are:" in result.stderr


class TestListing:
    def test_examples(self):
        """examples lists every built-in example with its body and year."""
        lines = run("examples").stdout.splitlines()
        assert len(ec.examples.names()) == len(lines) == 10
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
