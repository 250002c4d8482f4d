"""Notebook use: rich display without IPython, DataFrames with the pandas extra."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest

import enforcement_core as ec
from enforcement_core import statistics

GULU = ec.examples.load("gulu-2023")
HOSTILE = ec.AnnualReport(
    body=ec.body.EnforcementBody("<script>alert(1)</script>镇", ec.body.BodyLevel.TOWN),
    year=2023,
    workforce=ec.workforce.WorkforceFigures(
        certified=3, units={"x": ec.workforce.Unit("<b>科室</b>", certified=3)}
    ),
)


class Printer:
    """What IPython hands to _repr_pretty_: something with a text() method."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def text(self, text: str) -> None:
        self.written.append(text)


def pretty(obj: object) -> str:
    printer = Printer()
    obj._repr_pretty_(printer, False)  # type: ignore[attr-defined]
    return "".join(printer.written)


class TestHtml:
    def test_report_displays_as_the_html_renderer_writes_it(self):
        """_repr_html_ is the html renderer's table."""
        assert ec.render(GULU, "html", fragment=True) == GULU._repr_html_()

    def test_everything_from_the_data_is_escaped(self):
        """A body or unit named <script> shows as text."""
        html = HOSTILE._repr_html_()
        assert "<script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;镇" in html
        assert "&lt;b&gt;科室&lt;/b&gt;" in html

    def test_html_renderer_page(self):
        """The html renderer writes a whole page unless asked for a fragment."""
        page = ec.render(GULU, "html")
        assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
        assert '<html lang="en">' in ec.render(GULU, "html", locale="en")

    def test_findings_tallies_comparisons_ledgers(self):
        """Every result a notebook shows has an HTML form, escaped."""
        ledger = ec.examples.load_records("gulu-2023")
        assert "licensing-open" in ec.audit(GULU)._repr_html_()
        assert '<td class="value">220</td>' in statistics.tally(GULU, "domain")._repr_html_()
        assert "penalty.cases" in ec.compare(GULU, GULU)._repr_html_()
        assert "检查家次" in ledger._repr_html_()
        bad = ec.findings.Finding(ec.findings.Severity.ERROR, "x", "<p>", "<i>", "<u>")
        assert "<i>" not in ec.findings.Findings([bad])._repr_html_()

    def test_a_caption_counts_in_the_singular_and_the_plural(self):
        """1 finding, 2 findings, 0 findings."""
        one = ec.findings.Finding(ec.findings.Severity.ERROR, "x", "p", "m", "m")
        assert "<caption>1 finding</caption>" in ec.findings.Findings([one])._repr_html_()
        assert "<caption>2 findings</caption>" in ec.findings.Findings([one, one])._repr_html_()
        assert "<caption>0 findings</caption>" in ec.findings.Findings([])._repr_html_()

    def test_labels_are_aligned_left_in_a_notebook(self):
        """A notebook right-aligns cells: the fragment's own style sets labels left, values right."""
        fragment = GULU._repr_html_()
        style = fragment[fragment.index("<style>") : fragment.index("</style>")]
        assert ".enforcement-core th,.enforcement-core td{text-align:left}" in style
        assert ".enforcement-core td.value{text-align:right" in style


class TestPlainText:
    def test_report(self):
        """A report reads as the text renderer's columns."""
        assert ec.render(GULU, "text").rstrip("\n") == pretty(GULU)

    def test_results(self):
        """Tallies, comparisons, findings and ledgers read as lines."""
        assert pretty(statistics.tally(GULU, "domain")).startswith(
            "Tally by domain (total 220)\nwork_safety: 4"
        )
        assert "penalty.cases: 220 → 220" in pretty(ec.compare(GULU, GULU))
        assert pretty(ec.audit(GULU)).startswith("warning licensing-open licensing:")
        assert "no findings" == pretty(ec.audit(ec.examples.load("example-town-2023")))
        assert "持证执法人员" in pretty(ec.examples.load_records("gulu-2023"))

    def test_audit_is_still_a_list(self):
        """audit() returns a list of findings, with errors() beside."""
        findings = ec.audit(GULU)
        assert isinstance(findings, list)
        assert [] == findings.errors()

    def test_no_ipython_import(self):
        """Rich display never imports IPython."""
        code = (
            "import sys, enforcement_core as ec\n"
            "r = ec.examples.load('gulu-2023'); r._repr_html_(); ec.audit(r)._repr_html_()\n"
            "print('IPython' in sys.modules)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
        )
        assert "False" == out.stdout.strip()


class TestDataFrames:
    def test_report(self):
        """One row per figure, with its label, unit and measure word, ready to concatenate."""
        frame = GULU.to_dataframe()
        assert [
            "body", "year", "figure", "value", "label", "unit", "measure_word", "exact"
        ] == list(frame.columns)  # fmt: skip
        by_path = frame.set_index("figure")
        assert (509, "行政检查/查出隐患", "", "条") == tuple(
            by_path.loc["inspection.hazards.found", ["value", "label", "unit", "measure_word"]]
        )
        assert (6800, "元", "") == tuple(
            by_path.loc["penalty.fines", ["value", "unit", "measure_word"]]
        )
        # The cases are not stated (only the domains'): the domain sits under 行政处罚.
        assert "行政处罚/交通" == by_path.loc["penalty.by_domain.traffic.cases", "label"]
        assert "起" == by_path.loc["penalty.by_domain.traffic.cases", "measure_word"]

    def test_value_is_numeric_with_na(self):
        """value is a nullable numeric column: describe() summarises it, a missing figure is NA."""
        import pandas as pd

        frame = GULU.to_dataframe()
        assert "Float64" == str(frame["value"].dtype)
        assert 363 == frame.loc[frame.figure == "inspection.visits", "value"].item()
        summary = frame["value"].describe()
        assert len(frame) == summary["count"]
        with_missing = frame["value"].reindex([*frame.index, len(frame)])
        assert with_missing.isna().tolist()[-1] is True
        assert with_missing.iloc[-1] is pd.NA

    def test_money_stays_exact_in_exact(self):
        """The exact column holds the library's int and Decimal, never a float."""
        frame = ec.examples.load("example-town-2023").to_dataframe()
        assert all(isinstance(v, int | Decimal) for v in frame["exact"])
        assert all(not isinstance(v, float) for v in frame["exact"])

    def test_to_excel(self, tmp_path):
        """df.to_excel writes numbers as numeric cells and the labels beside them."""
        import openpyxl

        path = tmp_path / "figures.xlsx"
        GULU.to_dataframe().drop(columns="exact").to_excel(path, index=False)
        sheet = openpyxl.load_workbook(path).active
        header = [c.value for c in sheet[1]]
        row = next(r for r in sheet.iter_rows(min_row=2) if r[2].value == "penalty.fines")
        value = row[header.index("value")]
        assert (6800, "n", "元") == (value.value, value.data_type, row[header.index("unit")].value)

    def test_tally_comparison_findings(self):
        """Tallies, comparisons and findings as frames."""
        assert [4, 216] == list(statistics.tally(GULU, "domain").to_dataframe()["count"])
        before, after = ec.examples.load("example-town-2022"), ec.examples.load("example-town-2023")
        changes = ec.compare(before, after).to_dataframe()
        row = changes[changes.figure == "penalty.cases"].iloc[0]
        assert (88, 96, 8, Decimal("9.09")) == (
            row.previous,
            row.current,
            row.difference,
            row.percent,
        )
        assert ["licensing-open"] == list(ec.audit(GULU).to_dataframe()["code"])

    def test_without_pandas_the_error_names_the_extra(self, monkeypatch):
        """With pandas missing, the error says which extra installs it."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(
            ec.errors.MissingExtraError, match=r"pip install 'enforcement-core\[pandas\]'"
        ):
            GULU.to_dataframe()
        assert issubclass(ec.errors.MissingExtraError, ImportError)
