"""The command line with ledgers in tables: report, check, rollup and init."""

from __future__ import annotations

import json
import subprocess
import sys

import openpyxl
import pytest

import enforcement_core as ec
from test_tables import filled_template, penalty_csv, penalty_row, three_penalties


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "enforcement_core", *args],
        capture_output=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=120,
        check=False,
    )


class TestTablesOnTheCommandLine:
    def test_report_of_an_excel_ledger(self, tmp_path):
        """`report ledger.xlsx` renders the summary of the workbook, no longer "not UTF-8"."""
        path = filled_template(tmp_path / "ledger.xlsx")
        result = run("report", str(path), "--format", "json")
        assert 0 == result.returncode, result.stderr
        report = ec.load_json(result.stdout)
        assert (2, 2) == (report.penalty.cases, report.inspection.visits)

    def test_check_of_a_bad_csv_in_chinese(self, tmp_path):
        """`check --lang zh` lists each bad row in Chinese, with sheet, row and header."""
        path = tmp_path / "cases.csv"
        path.write_bytes(penalty_csv([penalty_row(处罚决定日期="昨天")]).getvalue())
        result = run("check", str(path), "--lang", "zh")
        assert 2 == result.returncode
        assert "cases 第2行 处罚决定日期：" in result.stderr
        assert "Traceback" not in result.stderr

    def test_check_against_published_ledger(self, tmp_path):
        """`check report.json --ledger penalties.csv` reports figures that differ."""
        table = tmp_path / "penalties.csv"
        table.write_bytes(penalty_csv(three_penalties()).getvalue())
        report = ec.summarize(ec.read_ledger(table))
        stated = tmp_path / "report.json"
        wrong = ec.AnnualReport(
            body=report.body, year=2023, penalty=ec.figures.PenaltyFigures(cases=5)
        )
        stated.write_text(ec.dump_json(wrong), encoding="utf-8")
        result = run("check", str(stated), "--ledger", str(table))
        assert 1 == result.returncode
        assert (
            "penalty.cases: the report states 5, the ledger's records show 3 [ledger-mismatch]"
            in result.stdout
        )

    def test_rollup_takes_tables(self, tmp_path):
        """`rollup` reads ledgers in tables beside JSON reports."""
        table = tmp_path / "penalties.csv"
        table.write_bytes(penalty_csv(three_penalties()).getvalue())
        result = run("rollup", str(table), str(table), "--body", "渝北区")
        assert 0 == result.returncode, result.stderr
        assert 6 == json.loads(result.stdout)["penalty"]["cases"]


class TestInit:
    def test_ledger_template_round_trips(self, tmp_path):
        """`init ledger.xlsx` writes a workbook that, filled in, reads back as a ledger."""
        path = tmp_path / "ledger.xlsx"
        assert 0 == run("init", str(path)).returncode
        book = openpyxl.load_workbook(path)
        for row in book["基本信息"].iter_rows(min_row=2):
            row[1].value = {"执法主体名称": "某镇人民政府", "执法主体层级": "镇", "年度": 2024}.get(
                row[0].value
            )
        book["约谈"].append(["T-1", "2024-02-01", "某公司", "企业", None, "安全生产", None])
        book.save(path)
        ledger = ec.read_ledger(path)
        assert (2024, 1) == (ledger.year, ec.summarize(ledger).interviews.count)

    def test_report_skeleton_round_trips(self, tmp_path):
        """`init report.json` writes a skeleton with $schema that loads once filled in."""
        path = tmp_path / "report.json"
        assert 0 == run("init", str(path)).returncode
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["$schema"].endswith("annual_report-1.schema.json")
        data["body"]["name"] = "某镇人民政府"
        data["penalty"]["cases"] = 3
        report = ec.load_json(json.dumps(data))
        assert 3 == report.penalty.cases

    def test_unfilled_skeleton_is_refused(self, tmp_path):
        """The other side: the skeleton as written has no body name and is refused."""
        path = tmp_path / "report.json"
        run("init", str(path))
        result = run("check", str(path))
        assert 2 == result.returncode
        assert "body.name: must not be empty" in result.stderr

    def test_init_refuses_to_overwrite_and_unknown_kinds(self, tmp_path):
        """An existing file needs --force; a name that is neither .xlsx nor .json is refused."""
        path = tmp_path / "ledger.xlsx"
        path.write_bytes(b"mine")
        assert 2 == run("init", str(path)).returncode
        assert b"mine" == path.read_bytes()
        assert 0 == run("init", str(path), "--force").returncode
        assert 2 == run("init", str(tmp_path / "x.docx")).returncode

    def test_schema_key_is_checked(self):
        """$schema must be a string; then it is no field of the report."""
        text = ec.dump_json(ec.examples.load("gulu-2023"))
        data = json.loads(text)
        assert ec.load_json(json.dumps({"$schema": "x", **data})) == ec.examples.load("gulu-2023")
        data["$schema"] = 1
        with pytest.raises(ec.LoadError, match=r"\$schema: expected a string"):
            ec.load_json(json.dumps(data))
