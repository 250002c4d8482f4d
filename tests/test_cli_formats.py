"""The command line's formats: chosen by the output file's extension; binary output to files only."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import zipfile
from typing import TYPE_CHECKING

import docx
import openpyxl
import pytest

import enforcement_core as ec
from enforcement_core.cli import main

if TYPE_CHECKING:
    from pathlib import Path

GULU = ec.examples.load("gulu-2023")


def run(*args: str, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    """``python -m enforcement_core ARGS`` as a user runs it, output as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "enforcement_core", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=120,
        check=False,
    )


def kind(path: Path) -> str:
    """What a written file is, judged by its content, not its name."""
    data = path.read_bytes()
    if data.startswith(b"PK"):
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        return "docx" if "word/document.xml" in names else "xlsx"
    text = data.decode("utf-8")
    if text.startswith("<!DOCTYPE html>"):
        return "html"
    if text.startswith("{"):
        return "json"
    if text.startswith("重庆市渝北区古路镇人民政府关于"):
        return "zh"
    return "text"


class TestFormatFromExtension:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("r.docx", "docx"),
            ("r.xlsx", "xlsx"),
            ("r.html", "html"),
            ("r.HTML", "html"),
            ("r.json", "json"),
            ("r.txt", "zh"),
            ("r.md", "zh"),
            ("r", "zh"),
        ],
    )
    def test_report(self, tmp_path, name, expected):
        """Without --format, the extension chooses the renderer; an unknown one keeps zh."""
        assert 0 == main(["report", "--output", str(tmp_path / name)])
        assert expected == kind(tmp_path / name)

    def test_format_wins_over_the_extension(self, tmp_path):
        """--format text --output r.html writes text, as asked."""
        assert 0 == main(["report", "--format", "text", "--output", str(tmp_path / "r.html")])
        assert "text" == kind(tmp_path / "r.html")

    def test_rollup(self, tmp_path):
        """rollup --output district.xlsx writes the district's table; without one, JSON."""
        town = tmp_path / "town.json"
        town.write_text(ec.dump_json(GULU), encoding="utf-8")
        out = tmp_path / "district.xlsx"
        assert 0 == main(["rollup", str(town), "--body", "渝北区", "--output", str(out)])
        assert "xlsx" == kind(out)
        out = tmp_path / "district"
        assert 0 == main(["rollup", str(town), "--body", "渝北区", "--output", str(out)])
        assert "json" == kind(out)

    def test_compare(self, tmp_path):
        """compare writes its table to .txt, and the 同比 report to .docx."""
        names = []
        for example in ("example-town-2022", "example-town-2023"):
            path = tmp_path / f"{example}.json"
            path.write_text(ec.dump_json(ec.examples.load(example)), encoding="utf-8")
            names.append(str(path))
        table = tmp_path / "changes.txt"
        assert 0 == main(["compare", *names, "--output", str(table)])
        assert "text" == kind(table)
        report = tmp_path / "changes.docx"
        assert 0 == main(["compare", *names, "--output", str(report)])
        text = "\n".join(p.text for p in docx.Document(str(report)).paragraphs)
        assert "同比" in text


class TestEveryExample:
    @pytest.mark.parametrize("example", ec.examples.names())
    @pytest.mark.parametrize("fmt", ["docx", "xlsx"])
    def test_format_and_output(self, tmp_path, example, fmt):
        """report --format docx|xlsx --output r.docx|r.xlsx works on every built-in example.

        The one example written with an error (to show the audit) needs --allow-errors.
        """
        out = tmp_path / f"r.{fmt}"
        allowed = ["--allow-errors"] if ec.audit(ec.examples.load(example)).errors() else []
        command = ["report", "--example", example, "--format", fmt, "--output", str(out)]
        assert 0 == main([*command, *allowed])
        if fmt == "docx":
            title = ec.examples.load(example).body.name
            assert docx.Document(str(out)).paragraphs[0].text.startswith(title)
        else:
            assert openpyxl.load_workbook(out).sheetnames == ["行政执法统计表", "审核发现"]


class TestBinaryOutput:
    def test_written_through_a_pipe(self):
        """Standard output that is not a terminal (a pipe, a redirect) takes the bytes."""
        result = run("report", "--format", "xlsx")
        assert 0 == result.returncode
        assert result.stdout.startswith(b"PK")
        openpyxl.load_workbook(io.BytesIO(result.stdout))

    def test_refused_on_a_terminal(self):
        """Bytes are not written to a terminal: exit 2 with a message saying what to do."""
        controller, terminal = pty.openpty()
        try:
            result = run("report", "--format", "docx", stdout=terminal)
        finally:
            os.close(terminal)
            os.close(controller)
        assert 2 == result.returncode
        message = result.stderr.decode("utf-8")
        assert (
            "enforcement-core: error: this format is binary and is not written to a terminal: "
            "give --output FILE, or redirect standard output to a file\n"
        ) == message

    def test_text_is_still_written_to_a_terminal(self):
        """The refusal is for bytes only: text goes to a terminal as before (a short one: a
        pseudo-terminal's buffer is read only after the run)."""
        controller, terminal = pty.openpty()
        try:
            result = run(
                "report", "--example", "example-street-2023", "--format", "text", stdout=terminal
            )
            os.close(terminal)
            terminal = -1
            shown = b""
            while True:
                try:
                    chunk = os.read(controller, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                shown += chunk
        finally:
            if terminal != -1:
                os.close(terminal)
            os.close(controller)
        assert 0 == result.returncode
        assert "示例街道办事处 2023年行政执法数据" in shown.decode("utf-8")
