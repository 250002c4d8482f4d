"""--lang on every command: under zh, the messages, listings and help are Chinese."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

import enforcement_core as ec
from enforcement_core import cli, renderers
from enforcement_core._messages_zh import option_help_zh

if TYPE_CHECKING:
    from pathlib import Path

COMMANDS = ("report", "check", "renderers", "rollup", "compare", "init", "examples")
#: Words of argparse's and of our English help that must not survive under zh.
ENGLISH = (
    "usage:",
    "show this help message",
    "positional arguments",
    "options:",
    "example:",
    "write to PATH instead of standard output",
    "a renderer option; repeat for several",
)


def said(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int | None, str, str]:
    """Run the command line in this process: its status, standard output and error."""
    try:
        status: int | None = cli.main(list(argv))
    except SystemExit as exiting:  # --help and argparse's errors exit
        status = int(exiting.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def write(path: Path, name: str) -> Path:
    path.write_text(ec.dump_json(ec.examples.load(name)), encoding="utf-8")
    return path


@pytest.fixture
def years(tmp_path: Path) -> tuple[Path, Path]:
    return (
        write(tmp_path / "town-2022.json", "example-town-2022"),
        write(tmp_path / "town-2023.json", "example-town-2023"),
    )


class TestHelp:
    @pytest.mark.parametrize("command", COMMANDS)
    def test_every_command_takes_lang_and_helps_in_chinese(self, capsys, command):
        """`COMMAND --help --lang zh`: argparse's headings and our texts in Chinese."""
        status, out, _ = said(capsys, command, "--help", "--lang", "zh")
        assert 0 == status
        assert out.startswith("用法：")
        assert "选项：" in out
        assert "显示本帮助并退出" in out
        assert "示例：" in out
        assert "--lang {en,zh}" in out
        for english in ENGLISH:
            assert english not in out, (command, english)

    @pytest.mark.parametrize("command", COMMANDS)
    def test_in_english_without_it(self, capsys, command):
        """The other side: no --lang, argparse's English and ours."""
        _, out, _ = said(capsys, command, "--help")
        assert out.startswith("usage:")
        assert "show this help message" in out

    def test_lang_before_the_command(self, capsys):
        """`--lang zh` before the command serves the whole run; the top-level help is Chinese."""
        _, out, _ = said(capsys, "--lang", "zh", "--help")
        assert "命令：" in out
        assert "生成报告" in out
        status, out, _ = said(capsys, "--lang", "zh", "examples")
        assert 0 == status
        assert "示例县农业农村委员会，2024年" in out


class TestListings:
    def test_every_built_in_options_help_is_chinese(self):
        """Each option of each built-in renderer has a Chinese help (a new one without fails)."""
        missing = [
            (name, option)
            for name in ("docx", "html", "json", "text", "xlsx", "zh")
            for option, declared in renderers.get(name).options.items()
            if option_help_zh(declared.help) == declared.help
        ]
        assert [] == missing

    def test_renderers_lists_in_chinese(self, capsys):
        """Defaults and choices in Chinese words; no English help text remains."""
        _, out, _ = said(capsys, "renderers", "--lang", "zh")
        assert "--option capitals=…  每个金额后附大写金额（人民币陆仟捌佰元整）（默认：否）" in out
        assert "［可选：元、万元、亿元、auto］" in out
        assert "(default:" not in out
        helps = [line.split("…  ", 1)[1] for line in out.splitlines() if "--option" in line]
        # What is left in ASCII are values to type (arabic, percent, zh_CN), never sentences.
        assert not [h for h in helps if re.search(r"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", h)]

    def test_renderers_in_english_unchanged(self, capsys):
        _, out, _ = said(capsys, "renderers")
        assert "(default: False)" in out
        assert "write identity-card and mobile numbers instead of withholding them" in out

    def test_examples_in_chinese(self, capsys):
        _, out, _ = said(capsys, "examples", "--lang", "zh")
        assert "gulu-2023  重庆市渝北区古路镇人民政府，2023年  （附合成的执法记录台账）" in out
        _, out, _ = said(capsys, "examples")
        assert "(with a synthetic ledger of records)" in out


class TestMessages:
    def test_compare_heads_its_table_in_chinese(self, capsys, years):
        """The table's headings, years and figures in Chinese; the numbers as in English."""
        old, new = map(str, years)
        _, zh, _ = said(capsys, "compare", old, new, "--lang", "zh")
        _, en, _ = said(capsys, "compare", old, new)
        head = zh.splitlines()[0].split()
        assert ["项目", "2022年", "2023年", "变化", "%"] == head
        assert re.search(r"执法人员·持证执法人员\s+16\s+18\s+2\s+12\.50", zh)
        assert re.search(r"workforce\.certified\s+16\s+18\s+2\s+12\.50", en)
        assert len(zh.splitlines()) == len(en.splitlines())
        assert "points" not in zh

    def test_compare_refusals_in_chinese(self, capsys, years):
        old, new = map(str, years)
        status, _, err = said(capsys, "compare", new, old, "--lang", "zh")
        assert 2 == status
        assert "OLD是2023年度的报告，NEW是2022年度的报告：请先给出较早年度的报告" in err
        _, _, err = said(capsys, "compare", new, new, "--lang", "zh")
        assert "OLD和NEW都是2023年度的报告：请比较两个年度" in err
        _, _, err = said(capsys, "compare", old, new, "--format", "html", "--lang", "zh")
        assert "compare 只能输出 text、json，或带 previous 选项的格式；“html”没有该选项" in err

    def test_compare_two_bodies_warns_in_chinese(self, capsys, tmp_path, years):
        other = write(tmp_path / "gulu.json", "gulu-2023")
        _, _, err = said(capsys, "compare", str(years[0]), str(other), "--lang", "zh")
        assert "提示：OLD为" in err
        assert "比较的是两个机关" in err

    def test_rollup_refusal_in_chinese(self, capsys, years):
        status, _, err = said(
            capsys, "rollup", *map(str, years), "--body", "示例区", "--lang", "zh"
        )
        assert 2 == status
        assert "不能汇总不同年度的报告：2022年、2023年" in err
        _, _, err = said(capsys, "rollup", *map(str, years), "--body", "示例区")
        assert "cannot roll up reports of different years: 2022, 2023" in err

    def test_init_in_chinese(self, capsys, tmp_path):
        target = tmp_path / "ledger.xlsx"
        assert (0, f"已生成{target}\n") == said(capsys, "init", str(target), "--lang", "zh")[:2]
        status, _, err = said(capsys, "init", str(target), "--lang", "zh")
        assert 2 == status
        assert f"{target}已存在；如要覆盖，请加上 --force" in err

    def test_option_refusals_in_chinese(self, capsys):
        _, _, err = said(capsys, "report", "--option", "capitals=x", "--lang", "zh")
        assert "格式“zh”的选项“capitals”只能取 true 或 false，而不是'x'" in err
        _, _, err = said(
            capsys, "report", "--option", "indent=x", "--format", "json", "--lang", "zh"
        )
        assert "格式“json”的选项“indent”只能取整数，而不是'x'" in err

    def test_format_against_output_in_chinese(self, capsys, tmp_path):
        out = tmp_path / "x.docx"
        _, _, err = said(capsys, "report", "--format", "json", "--output", str(out), "--lang", "zh")
        assert "--format json 不生成.docx文件" in err
        assert not out.exists()

    def test_a_report_given_as_the_ledger_in_chinese(self, capsys, years):
        _, _, err = said(capsys, "check", str(years[1]), "--ledger", str(years[0]), "--lang", "zh")
        assert "这是年度报告，不是执法记录台账" in err
