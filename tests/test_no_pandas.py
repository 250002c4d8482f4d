"""Every table path reads and summarises without pyarrow importing pandas.

pyarrow imports pandas, when it is installed, the first time it converts a Python or
numpy value; that costs more CPU than reading a million-row CSV file (docs/performance.md).
Each path runs here in a fresh interpreter, on a small file of its kind, and says whether
pandas was imported. The test needs pandas installed: without it, nothing could import it.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest

pytest.importorskip("pyarrow")
pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pandas") is None, reason="pandas is not installed"
)

import province  # noqa: E402  (after the skip)
from enforcement_core.examples import load_records  # noqa: E402
from test_columnar import _national_csv, table  # noqa: E402

if TYPE_CHECKING:
    from pathlib import Path

#: What each path runs in the fresh interpreter; ``PATH`` is the file (or folder).
READ_COLUMNAR = """
from enforcement_core.body import BodyLevel, EnforcementBody
from enforcement_core.tables import read_columnar
body = EnforcementBody("某镇人民政府", BodyLevel.TOWN)
summary = read_columnar(PATH, body=body, year=YEAR).summarize()
print(summary.penalty.cases)
"""
READ_LEDGER = """
from enforcement_core.body import BodyLevel, EnforcementBody
from enforcement_core.summary import summarize
from enforcement_core.tables import _ledgers, read_ledger
_ledgers.COLUMN_ROAD_FROM = 0  # the column road for the small file too
_ledgers.WORKBOOK_COLUMN_ROAD_FROM = 0
body = EnforcementBody("某镇人民政府", BodyLevel.TOWN)
ledger = read_ledger(PATH, body=body, year=YEAR)
summary = summarize(ledger)
print(summary.penalty.cases, len(ledger.penalty_cases), type(ledger.penalty_cases).__name__)
"""
#: The same, the records then built (as the audit or a JSON dump builds them).
READ_LEDGER_BUILT = READ_LEDGER + "print(len(list(ledger.penalty_cases)))\n"
PROVINCE = """
from enforcement_core.scale import summarize_partitions
import province
reports = summarize_partitions(PATH, year=YEAR, hierarchy=province.hierarchy())
print(sum(report.penalty.cases for report in reports.values()))
"""


def _run(code: str, path: Path, year: int) -> list[str]:
    script = "import sys\n" + code.replace("PATH", repr(str(path))).replace("YEAR", str(year))
    script += "\nprint('pandas' in sys.modules)\n"
    ran = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        check=False,
        cwd=str(province.__file__).rsplit("/", 1)[0],
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
    return ran.stdout.split()


@pytest.fixture(scope="module")
def own_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cases = load_records("gulu-2023").penalty_cases
    path = tmp_path_factory.mktemp("own") / "行政处罚.csv"
    path.write_bytes(table("penalty_cases", cases))
    return path


def test_own_layout_csv(own_csv: Path) -> None:
    cases, imported = _run(READ_COLUMNAR, own_csv, 2023)
    assert (cases, imported) == ("220", "False")


def test_own_layout_parquet(own_csv: Path) -> None:
    import pyarrow.csv
    import pyarrow.parquet

    path = own_csv.with_suffix(".parquet")
    headers = pyarrow.csv.read_csv(own_csv).column_names
    text = pyarrow.csv.ConvertOptions(column_types=dict.fromkeys(headers, pyarrow.string()))
    pyarrow.parquet.write_table(pyarrow.csv.read_csv(own_csv, convert_options=text), path)
    cases, imported = _run(READ_COLUMNAR, path, 2023)
    assert (cases, imported) == ("220", "False")


def _own_xlsx(own_csv: Path) -> Path:
    import csv

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "行政处罚"
    with own_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    path = own_csv.with_suffix(".xlsx")
    book.save(path)
    return path


def test_own_layout_xlsx(own_csv: Path) -> None:
    cases, imported = _run(READ_COLUMNAR, _own_xlsx(own_csv), 2023)
    assert (cases, imported) == ("220", "False")


@pytest.mark.parametrize("code", [READ_LEDGER, READ_LEDGER_BUILT])
def test_read_ledger_of_own_layout_xlsx(own_csv: Path, code: str) -> None:
    """read_ledger takes a workbook's column road, and builds its records, without pandas."""
    cases, length, kind, *built, imported = _run(code, _own_xlsx(own_csv), 2023)
    assert (cases, kind) == ("220", "LazyRecords")
    assert {length, *built} == {str(len(load_records("gulu-2023").penalty_cases))}
    assert imported == "False"


def test_national_table_csv(tmp_path: Path) -> None:
    records = province.records(per_body=5)
    code, kinds = next(iter(records.items()))
    rows = province.penalty_rows(code, "某镇人民政府", kinds["penalty_cases"], by_name=False)
    path = tmp_path / "行政处罚决定公示.csv"
    path.write_bytes(_national_csv(province.PENALTY_HEADERS, rows))
    cases, imported = _run(READ_COLUMNAR, path, province.YEAR)
    in_year = [case for case in kinds["penalty_cases"] if case.decided_on.year == province.YEAR]
    assert in_year
    assert int(cases) == len(in_year)
    assert imported == "False"


def test_the_province(tmp_path: Path) -> None:
    records = province.records(per_body=5)
    dataset = province.write_dataset(tmp_path, records)
    cases, imported = _run(PROVINCE, dataset, province.YEAR)
    assert int(cases) > 0
    assert int(cases) == sum(
        1
        for kinds in records.values()
        for case in kinds["penalty_cases"]
        if case.decided_on.year == province.YEAR
    )
    assert imported == "False"


@pytest.mark.parametrize("code", [READ_LEDGER, READ_LEDGER_BUILT])
def test_read_ledger_of_own_layout_csv(own_csv: Path, code: str) -> None:
    """read_ledger takes the column road and summarises, and builds records, without pandas."""
    cases, length, kind, *built, imported = _run(code, own_csv, 2023)
    assert (cases, kind) == ("220", "LazyRecords")
    assert {length, *built} == {str(len(load_records("gulu-2023").penalty_cases))}
    assert imported == "False"


def test_read_ledger_of_a_national_table_csv(tmp_path: Path) -> None:
    """read_ledger of a 双公示 table, summarised and built, without pandas."""
    records = province.records(per_body=5)
    code, kinds = next(iter(records.items()))
    rows = province.penalty_rows(code, "某镇人民政府", kinds["penalty_cases"], by_name=False)
    path = tmp_path / "行政处罚决定公示.csv"
    path.write_bytes(_national_csv(province.PENALTY_HEADERS, rows))
    _, length, kind, built, imported = _run(READ_LEDGER_BUILT, path, province.YEAR)
    assert (length, built, kind) == (str(len(rows)), str(len(rows)), "LazyRecords")
    assert imported == "False"
