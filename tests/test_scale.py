"""Summaries at scale: the body hierarchy, pieces in one process, and the same on a Dask cluster."""

from __future__ import annotations

import io
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import enforcement_core as ec
import province
from enforcement_core.hierarchy import BodyHierarchy, read_hierarchy
from enforcement_core.scale import summarize_dask, summarize_partitions
from profiles import examples

YEAR = province.YEAR


@pytest.fixture(scope="module")
def records():
    return province.records()


@pytest.fixture(scope="module")
def expected(records):
    return province.expected_reports(records)


@pytest.fixture(scope="module")
def dataset(records, tmp_path_factory):
    return province.write_dataset(tmp_path_factory.mktemp("province"), records)


@pytest.fixture(scope="module")
def tree():
    return province.hierarchy()


def expected_rollups(tree: BodyHierarchy, reports: dict[str, ec.AnnualReport]):
    """The roll-ups worked out by hand from the tree's rows: each region of its leaves' reports."""
    rows = province.tree()
    parent = {code: up for code, _, _, up in rows}

    def under(region: str, code: str) -> bool:
        while code is not None:
            if code == region:
                return True
            code = parent[code]
        return False

    regions = [code for code, _, level, _ in rows if level in {"省", "市", "区县"}]
    return {
        region: ec.rollup(
            [report for code, report in reports.items() if under(region, code)],
            body=tree.body(region),
        )
        for region in regions
    }


# The hierarchy ---------------------------------------------------------------------------


class TestHierarchy:
    def test_levels_and_parents(self, tree):
        """Each body has its level and parent; the tops have none."""
        assert ec.body.BodyLevel.PROVINCE == tree.nodes["P"].level
        assert tree.children(None) == ("P",)
        assert tree.children("C0")[0] == province.credit_code(1)  # the city's department first
        assert ["C0K0", "C0", "P"] == list(tree.ancestors(province.credit_code(3)))

    def test_body_is_named_in_its_region(self, tree):
        """A body's report names it, at its level, in the region above it."""
        town = tree.body(province.credit_code(3))
        assert ("第1市第1区第1镇人民政府", ec.body.BodyLevel.TOWN) == (town.name, town.level)
        assert "第1市第1区" == town.region
        assert "" == tree.body("P").region

    def test_key_by_code_then_by_name(self, tree):
        """A body is found by its code, else by its name; an unknown one is None."""
        code = province.credit_code(3)
        assert code == tree.key(code) == tree.key("第1市第1区第1镇人民政府")
        assert tree.key("没有这个单位") is None

    def test_a_parent_must_stand_above(self):
        """A town under a county is fine; a county under a town, or a town under a town, is not."""
        assert BodyHierarchy.from_rows([("K", "某区", "区县", None), ("T", "某镇", "镇", "K")])
        with pytest.raises(ec.LoadError) as caught:
            BodyHierarchy.from_rows(
                [("T", "某镇", "镇", None), ("K", "某区", "区县", "T"), ("U", "另一镇", "镇", "T")]
            )
        problems = caught.value.problems
        assert [(3, "parent"), (4, "parent")] == [(p.row, p.header) for p in problems]
        assert "does not stand above 某区 (county)" in problems[0].message
        assert "上级某镇（镇）不高于另一镇（镇）" == problems[1].message_zh

    def test_a_body_cannot_be_its_own_parent(self):
        """A loop of one is a parent that does not stand above."""
        with pytest.raises(ec.LoadError, match="does not stand above"):
            BodyHierarchy.from_rows([("K", "某区", "区县", "K")])

    def test_every_problem_together(self):
        """Empty code and name, a code twice, an unknown level and parent: all in one error."""
        with pytest.raises(ec.LoadError) as caught:
            BodyHierarchy.from_rows(
                [
                    ("", "某镇", "镇", None),
                    ("A", "", "镇", None),
                    ("B", "某区", "区县", "Z"),
                    ("B", "某街道", "街道", None),
                    ("C", "某乡", "村", None),
                ]
            )
        found = [(p.row, p.header) for p in caught.value.problems]
        assert [(2, "code"), (3, "name"), (4, "parent"), (5, "code"), (6, "level")] == found
        assert "the labels are: 乡, 镇, 街道" in caught.value.problems[-1].message

    def test_levels_by_label_or_value(self):
        """A level is read from its Chinese or English label, its value or a variant."""
        tree = BodyHierarchy.from_rows(
            [
                {"code": "P", "name": "某省", "level": "province"},
                {"code": "C", "name": "某市", "level": "市", "parent": "P"},
                {"code": "K", "name": "某区", "level": "区", "parent": "C"},
                {"code": "T", "name": "某镇", "level": ec.body.BodyLevel.TOWN, "parent": "K"},
            ]
        )
        assert [n.level.value for n in tree.nodes.values()] == [
            "province",
            "city",
            "county",
            "town",
        ]

    def test_read_from_a_csv_with_chinese_headers(self):
        """Columns are found by their headers in any order; rows keep their spreadsheet numbers."""
        table = "上级,名称,层级,统一社会信用代码,备注\n,某省,省,P,\n,,,,\nP,某市,市,C,x\nQ,某区,区县,K,\n"
        with pytest.raises(ec.LoadError) as caught:
            read_hierarchy(io.BytesIO(table.encode()))
        assert [(5, "parent")] == [(p.row, p.header) for p in caught.value.problems]
        tree = read_hierarchy(io.BytesIO(table.replace("Q,某区", "C,某区").encode()))
        assert ("P", "C", "K") == tuple(tree.nodes)

    def test_read_refuses_a_table_without_a_column(self):
        """A missing column is named, with the headers that would do."""
        with pytest.raises(ec.LoadError, match="no column for the level"):
            read_hierarchy(io.BytesIO(b"code,name,parent\nP,X,\n"))


class TestRollupAlongTheTree:
    def test_every_region_rolled_up_from_its_bodies(self, tree, expected):
        """Counties, cities and the province: the roll-up of the bodies under each, figure for figure."""
        rolled = tree.rollup(expected)
        by_hand = expected_rollups(tree, expected)
        for region, report in by_hand.items():
            assert report == rolled[region], region
        for code, report in expected.items():
            assert report is rolled[code]  # a body's own report, as given

    def test_the_province_adds_every_case(self, tree, expected, records):
        """The province's penalty cases are every case of the year, counted from the records."""
        cases = sum(
            1
            for kinds in records.values()
            for case in kinds["penalty_cases"]
            if case.decided_on.year == YEAR
        )
        assert cases == tree.rollup(expected)["P"].penalty.cases

    def test_down_the_tree_in_table_order(self, tree, expected):
        """Each body before the bodies under it; regions without reports left out."""
        some = {code: expected[code] for code in list(expected)[:2]}
        rolled = tree.rollup(some)
        assert ["P", "C0", province.credit_code(1), "C0K0", province.credit_code(2)] == list(rolled)

    def test_a_region_with_its_own_report(self, tree, expected):
        """A county that reports itself adds its own figures to its towns'."""
        own = expected[province.credit_code(3)]
        rolled = tree.rollup({"C0K0": own, province.credit_code(4): own})
        assert 2 * own.penalty.cases == rolled["C0K0"].penalty.cases

    def test_reports_of_unknown_bodies_are_refused(self, tree, expected):
        """A report the tree cannot place is named, not dropped."""
        with pytest.raises(ec.errors.StatisticsError, match="not in the hierarchy: 'X'"):
            tree.rollup({"X": next(iter(expected.values()))})


# One process ------------------------------------------------------------------------------


class TestPartitions:
    def test_every_body_as_its_records_say(self, dataset, tree, expected):
        """Each body's report from the files equals summarize of its records, figure for figure."""
        reports = summarize_partitions(dataset, year=YEAR, hierarchy=tree)
        assert list(expected) == list(reports)
        for code, report in expected.items():
            assert report == reports[code], code

    def test_what_the_tables_cannot_hold_is_not_written(self, dataset, tree):
        """No 经法制审核0件 or 不予处罚0件 from 双公示 tables; no 一是 without a 二是."""
        reports = summarize_partitions(dataset, year=YEAR, hierarchy=tree)
        for code, report in reports.items():
            assert (None, None, None) == (
                report.penalty.legal_reviews if report.penalty else None,
                report.penalty.lightened if report.penalty else None,
                report.licensing.refused if report.licensing else None,
            ), code
            text = ec.render(report, "zh")
            unknown = ("法制审核", "不予处罚", "从轻减轻", "移送司法机关", "不予许可", "申请")
            assert [] == [w for w in unknown if w in text], code
            numbered = text.count("是行政")
            assert numbered != 1, code  # 一是 alone is not numbering
        assert any(r.penalty and r.licensing for r in reports.values())

    def test_bodies_named_without_a_code_are_found_by_name(self, dataset, tree, expected):
        """Every third body's rows carry no credit code; the tree finds it by its name."""
        reports = summarize_partitions(dataset, year=YEAR, hierarchy=tree)
        first = next(iter(expected))
        assert expected[first].penalty.cases == reports[first].penalty.cases

    def test_without_a_hierarchy_bodies_take_the_level_given(self, dataset, expected):
        """Without a tree, bodies are keyed by their credit code, else their name."""
        reports = summarize_partitions(dataset, year=YEAR, level=ec.body.BodyLevel.TOWN)
        codes = list(expected)
        # Its penalties are named only, its licences carry its code: one body, by its code.
        assert "第1市市场监督管理局" not in reports
        assert "第1市市场监督管理局" == reports[codes[0]].body.name
        assert expected[codes[0]].penalty == reports[codes[0]].penalty
        assert expected[codes[0]].licensing == reports[codes[0]].licensing
        assert codes[1] in reports
        assert ec.body.BodyLevel.TOWN == reports[codes[1]].body.level
        assert expected[codes[1]].penalty == reports[codes[1]].penalty

    def test_without_a_level_unknown_bodies_are_reported(self, dataset):
        """No tree and no level: every body is a problem, once per file, naming its rows."""
        with pytest.raises(ec.LoadError) as caught:
            summarize_partitions(dataset, year=YEAR)
        messages = [p.message for p in caught.value.problems]
        assert all("no level is given" in m for m in messages)
        assert any("rows are left out" in m for m in messages)

    def test_problems_of_every_file_together(self, tmp_path, records):
        """Bad rows in two files: every problem, each with its file and row."""
        code = next(iter(records))
        rows = province.penalty_rows(
            code, "第1市第1区第1镇人民政府", records[code]["penalty_cases"][:3], by_name=False
        )
        rows[1]["处罚决定日期"] = "2024-13-45"
        other = [dict(r) for r in rows]
        other[2]["罚款金额（万元）"] = "一百"
        write = province.write_rows
        write(tmp_path / "a" / "one.parquet", rows)
        write(tmp_path / "b" / "two.parquet", other)
        with pytest.raises(ec.LoadError) as caught:
            summarize_partitions(tmp_path, year=YEAR, hierarchy=province.hierarchy())
        where = [(p.sheet, p.row, p.header) for p in caught.value.problems]
        assert ("a/one.parquet", 3, "处罚决定日期") in where
        assert ("b/two.parquet", 3, "处罚决定日期") in where
        assert ("b/two.parquet", 4, "罚款金额（万元）") in where

    def test_a_file_that_is_not_a_national_table(self, tmp_path):
        """A file of other columns is named, not skipped."""
        (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
        with pytest.raises(ec.LoadError, match="not a 双公示 penalty or licensing table"):
            summarize_partitions(tmp_path, year=YEAR, level=ec.body.BodyLevel.TOWN)

    def test_an_empty_dataset_has_no_bodies(self, tmp_path):
        """No files, no reports."""
        assert {} == summarize_partitions(tmp_path, year=YEAR, level=ec.body.BodyLevel.TOWN)


# Dask -------------------------------------------------------------------------------------


#: The test cluster. Its web pages go on any free port: with the default (8787, which
#: dashboard_address=None also means) a second cluster on the machine, say a second
#: run of the suite, makes Dask warn that the port is taken, and the warning fails setup.
CLUSTER = {"n_workers": 2, "threads_per_worker": 1, "processes": True, "dashboard_address": ":0"}


PIECE_HEADER = "行政相对人名称,行政处罚决定书文号,处罚类别,罚款金额（万元）,处罚决定日期,处罚机关,处罚机关统一社会信用代码\n"
PIECE_CODE = "91350100M000100Y43"
PIECE_ROWS = [
    f"某某建材厂,古路罚〔{YEAR}〕1号,罚款,0.68,{YEAR}-05-02,某某镇人民政府,{PIECE_CODE}\n",
    f"某某商店,古路罚〔{YEAR}〕2号,罚款,0.05,{YEAR}-07-09,某某镇人民政府,{PIECE_CODE}\n",
]


def write_pieces(folder: Path, *rows: str) -> None:
    """CSV pieces a.csv, b.csv, … of a dataset, each of the rows given."""
    for index, text in enumerate(rows):
        (folder / f"{chr(ord('a') + index)}.csv").write_text(PIECE_HEADER + text, "utf-8")


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(**CLUSTER) as local,
        distributed.Client(local) as client,
    ):
        yield client


def test_a_cluster_starts_beside_another_one():
    """The test cluster starts, without a warning, while another process holds port 8787."""
    import socket

    distributed = pytest.importorskip("distributed")
    with socket.socket() as other:
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            other.bind(("", 8787))
        except OSError:
            pass  # already taken by another process: the case itself
        else:
            other.listen()
        # Threads, not processes: the port is the scheduler's, whatever runs the work.
        options = CLUSTER | {"n_workers": 1, "processes": False}
        with distributed.LocalCluster(**options) as local:
            assert 8787 != local.scheduler.http_server.port


@pytest.mark.usefixtures("cluster")
class TestDask:
    def test_every_body_and_every_rollup_as_in_one_process(self, cluster, dataset, tree, expected):
        """On two workers, every body's report and every roll-up equal the single-process ones."""
        import distributed

        workers = set(cluster.scheduler_info()["workers"])
        assert 2 == len(workers)
        with distributed.get_task_stream(cluster) as stream:
            on_dask = summarize_dask(dataset, year=YEAR, hierarchy=tree, split_every=3)
        ran_on = {task["worker"] for task in stream.data}
        assert ran_on
        assert ran_on <= workers
        alone = summarize_partitions(dataset, year=YEAR, hierarchy=tree)
        assert list(alone) == list(on_dask)
        for code, report in expected.items():
            assert report == on_dask[code] == alone[code], code
        rolled_dask, rolled_alone = tree.rollup(on_dask), tree.rollup(alone)
        assert list(rolled_alone) == list(rolled_dask)
        for code, report in rolled_alone.items():
            assert report == rolled_dask[code], code
        assert ec.dump_json(rolled_alone["P"]) == ec.dump_json(rolled_dask["P"])

    def test_the_tree_shape_does_not_matter(self, dataset, tree):
        """Two at a time or all at once, in one bucket of bodies or five: the same reports, in order."""
        one = summarize_dask(dataset, year=YEAR, hierarchy=tree, split_every=2, split_out=1)
        five = summarize_dask(dataset, year=YEAR, hierarchy=tree, split_every=100, split_out=5)
        assert list(one) == list(five)
        assert one == five

    def test_a_dask_dataframe(self, dataset, tree, expected):
        """A dask DataFrame of the penalty files: each partition a piece, the same penalties."""
        dd = pytest.importorskip("dask.dataframe")
        files = sorted(str(p) for p in Path(dataset).rglob("penalty-*.parquet"))
        frame = dd.read_parquet(files)
        # Dask adds the partitions' key (region=…) as a column: it is not the table's, and is refused.
        with pytest.raises(ec.LoadError, match="region: unknown column"):
            summarize_dask(frame, year=YEAR, hierarchy=tree)
        frame = frame[province.PENALTY_HEADERS]
        assert frame.npartitions > 1
        reports = summarize_dask(frame, year=YEAR, hierarchy=tree)
        for code, report in expected.items():
            assert report.penalty == reports[code].penalty, code

    def test_a_decision_in_two_pieces_is_refused(self, tmp_path):
        """One decision number in two pieces, whichever workers read them: a problem of the second."""
        write_pieces(tmp_path, PIECE_ROWS[0], PIECE_ROWS[0].replace("0.68", "0.5"))
        with pytest.raises(ec.LoadError) as caught:
            summarize_dask(tmp_path, year=YEAR, level=ec.body.BodyLevel.TOWN, split_out=3)
        (problem,) = caught.value.problems
        assert ("b.csv", 2, "行政处罚决定书文号") == (problem.sheet, problem.row, problem.header)  # type: ignore[attr-defined]
        assert problem.message.startswith("the same identifier as a.csv, row 2")

    def test_the_same_refusal_as_in_one_process(self, tmp_path):
        """Three pieces, two repeating the first's numbers: the problems of summarize_partitions."""
        write_pieces(tmp_path, "".join(PIECE_ROWS), PIECE_ROWS[1], PIECE_ROWS[0] + PIECE_ROWS[1])
        problems = []
        for summarize in (summarize_partitions, summarize_dask):
            with pytest.raises(ec.LoadError) as caught:
                summarize(tmp_path, year=YEAR, level=ec.body.BodyLevel.TOWN)
            problems.append([str(p) for p in caught.value.problems])
        assert 3 == len(problems[0])
        assert problems[0] == problems[1]

    @pytest.mark.parametrize("split_out", [1, 4])
    def test_a_body_with_its_code_in_one_piece_only_is_one_body(self, tmp_path, split_out):
        """A body's credit code in one piece and not in the other: one report of both pieces' cases."""
        write_pieces(tmp_path, PIECE_ROWS[0], PIECE_ROWS[1].replace(PIECE_CODE, ""))
        for reports in (
            summarize_partitions(tmp_path, year=YEAR, level=ec.body.BodyLevel.TOWN),
            summarize_dask(tmp_path, year=YEAR, level=ec.body.BodyLevel.TOWN, split_out=split_out),
        ):
            assert [PIECE_CODE] == list(reports)
            assert 2 == reports[PIECE_CODE].penalty.cases

    def test_problems_of_every_partition_together(self, tmp_path, records):
        """Bad rows on different workers come back together, each with its file and row."""
        code = next(iter(records))
        rows = province.penalty_rows(
            code, "第1市第1区第1镇人民政府", records[code]["penalty_cases"][:2], by_name=False
        )
        for index in range(4):
            bad = [dict(r) for r in rows]
            for row in bad:
                # Numbers of its own: a number in two pieces is a problem too.
                row["行政处罚决定书文号"] += f"-{index}"
            bad[index % 2]["处罚类别"] = "打板子"
            province.write_rows(tmp_path / f"part-{index}.parquet", bad)
        with pytest.raises(ec.LoadError) as caught:
            summarize_dask(tmp_path, year=YEAR, hierarchy=province.hierarchy())
        where = {(p.sheet, p.row) for p in caught.value.problems}
        assert {
            ("part-0.parquet", 2),
            ("part-1.parquet", 3),
            ("part-2.parquet", 2),
            ("part-3.parquet", 3),
        } == where


def test_without_dask_the_extra_is_named(monkeypatch, dataset):
    """Without dask installed, the error says which extra installs it."""
    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(
        ec.errors.MissingExtraError, match=r"pip install 'enforcement-core\[dask\]'"
    ):
        summarize_dask(dataset, year=YEAR, level=ec.body.BodyLevel.TOWN)


# The bodies of a piece, grouped over the columns' codes ------------------------------


def _bodies_by_rows(names, codes, kept):
    """The grouping as it was written row by row: the reference the vectorised one meets."""
    known = {}
    for name, code in zip(names, codes, strict=True):
        if code and name:
            known.setdefault(name, set()).add(code)
    filled = list(codes)
    for row, (name, code) in enumerate(zip(names, codes, strict=True)):
        if not code and len(known.get(name or "", ())) == 1:
            (filled[row],) = known[name]
    rows_of, first_row, typed = {}, {}, 0
    for row, keep in enumerate(kept):
        if keep:
            rows_of.setdefault((filled[row], names[row]), []).append(typed)
            first_row.setdefault((filled[row], names[row]), row)
            typed += 1
    return rows_of, first_row


# A body is known by a name or a credit code: a row gives one of them at least.
_BODY_ROWS = st.one_of(
    st.tuples(st.sampled_from(["甲局", "乙局"]), st.sampled_from([None, "", "C1", "C2"])),
    st.tuples(st.sampled_from([None, ""]), st.sampled_from(["C1", "C2"])),
)


@settings(max_examples=examples(100), deadline=None)
@given(
    rows=st.lists(st.tuples(_BODY_ROWS, st.booleans()), max_size=30),
    repeated=st.booleans(),
)
def test_the_bodies_of_a_piece_are_those_of_the_row_by_row_grouping(rows, repeated):
    import numpy as np

    from enforcement_core.scale import _bodies, _Reading

    names = [name for (name, _), _ in rows]
    codes = [code for (_, code), _ in rows]
    kept = np.array([keep for _, keep in rows], dtype=bool)

    def column(values):
        # Distinct values as a column reads them: an equal value may stand twice (cells
        # that differ only in white space), and the last one is None.
        distinct = sorted({v for v in values if v is not None}, key=str)
        if repeated:
            distinct = distinct + distinct
        distinct.append(None)
        where = {v: n for n, v in enumerate(distinct) if v is not None}
        half = len(distinct) // 2 if repeated else 0
        return distinct, np.array(
            [
                len(distinct) - 1 if v is None else where[v] - (half if n % 2 else 0)
                for n, v in enumerate(values)
            ],
            dtype=np.int64,
        )

    cells = {"body": column(names), "body_code": column(codes), "_kept": kept}
    reading = _Reading(2023, None, ec.body.BodyLevel.TOWN, None)
    problems, keys_of, known = [], {}, {}
    bodies, of_row = _bodies(cells, reading, ("p.csv", "处罚机关"), problems, keys_of, known)
    # A later piece's bodies, found from those known already: the same.
    again = _bodies(cells, reading, ("q.csv", "处罚机关"), problems, {}, known)
    assert bodies == again[0]
    assert of_row.tolist() == again[1].tolist()
    found = {key: np.flatnonzero(of_row == at).tolist() for at, (key, _) in enumerate(bodies)}
    rows_of, _ = _bodies_by_rows(names, codes, kept)
    expected = {}
    for (code, name), typed in rows_of.items():
        expected.setdefault(code or name or "", []).extend(typed)
    assert {k: sorted(v) for k, v in expected.items()} == found
    assert list(expected) == list(found)
    assert int(kept.sum()) == len(of_row)
    assert not problems

    without_level = _Reading(2023, None, None, None)
    _, first_row = _bodies_by_rows(names, codes, kept)
    known = {}
    for piece in ("p.csv", "q.csv"):  # the second from what the first found
        problems = []
        bodies, of_row = _bodies(cells, without_level, (piece, "处罚机关"), problems, {}, known)
        assert [] == bodies
        assert (of_row == -1).all()
        assert sorted(p.row for p in problems) == sorted(r + 2 for r in first_row.values())


# The province path against the object path, on generated pieces --------------------------

#: Three bodies: one always with its credit code, one by its name only, one whose code
#: some rows leave blank (one body all the same, keyed by the code its other rows give).
_PIECE_BODIES = (
    ("甲镇人民政府", province.credit_code(901)),
    ("乙街道办事处", None),
    ("丙镇人民政府", province.credit_code(903)),
)
_SANCTIONS = ("罚款", "警告", "罚款、没收违法所得")
_DATES = ("2024-01-01", "2024-06-30", "2024-12-31", "2023-12-31", "2025-01-01")

# A row: its body, whether it gives its code, its decision number's draw, its day, its
# sanction and fine, and a bad cell (or none): a date that is no day, an amount in
# words, a sanction that is no label.
_PIECE_ROWS = st.tuples(
    st.integers(0, 2),
    st.booleans(),
    st.integers(0, 5),
    st.sampled_from(_DATES),
    st.integers(0, 2),
    st.sampled_from(["0.5", "1.25", "3"]),
    st.sampled_from(
        [
            None,
            None,
            None,
            ("处罚决定日期", "2024-13-01"),
            ("罚款金额（万元）", "一百"),
            ("处罚类别", "打板子"),
        ]
    ),
)
_PIECES = st.tuples(
    st.lists(st.lists(_PIECE_ROWS, min_size=1, max_size=5), min_size=1, max_size=3),
    st.booleans(),  # decision numbers drawn from a few, so that some are given twice
    st.booleans(),  # bad cells
)


def _piece_cells(index: int, rows: list[tuple], repeat: bool, bad: bool) -> list[dict[str, str]]:
    cells = []
    for n, (body, coded, number, day, sanction, fine, wrong) in enumerate(rows):
        name, code = _PIECE_BODIES[body]
        row = {
            "行政相对人名称": f"某企业{n}",
            "行政处罚决定书文号": f"罚〔2024〕{number}号" if repeat else f"罚〔2024〕{index}-{n}号",
            "处罚类别": _SANCTIONS[sanction],
            "罚款金额（万元）": fine if "罚款" in _SANCTIONS[sanction] else "",
            "处罚决定日期": day,
            "处罚机关": name,
            "处罚机关统一社会信用代码": code if code and (coded or body == 0) else "",
        }
        if bad and wrong is not None:
            row[wrong[0]] = wrong[1]
        cells.append(row)
    return cells


def _by_the_object_path(folder: Path, pieces: list[list[dict[str, str]]]):
    """Each body's report and every problem, as the object path reads each piece's rows.

    Each piece is read by ``read_ledger`` (every cell, every record's checks); a
    decision number is followed across the pieces, in their order, by ``repeated_ids``.
    """
    from enforcement_core.tables import read_ledger
    from enforcement_core.tables._read import repeated_ids

    problems, seen, records, unknown = [], {}, {}, {}
    placeholder = ec.body.EnforcementBody("某单位", ec.body.BodyLevel.TOWN)
    named_by_code = {
        name
        for piece in pieces
        for r in piece
        for name in [r["处罚机关"]]
        if r["处罚机关统一社会信用代码"]
    }
    for index, rows in enumerate(pieces):
        name = f"{index}.parquet"
        try:
            ledger = read_ledger(folder / name, body=placeholder, year=YEAR)
        except ec.LoadError as error:
            problems += [
                (name, p.row, p.header, p.value, p.message, p.message_zh)
                for p in error.problems
                if not p.message.startswith("the same identifier")
            ]
            ledger = None
        values = [(n + 2, row["行政处罚决定书文号"]) for n, row in enumerate(rows)]
        problems += [
            (p.sheet, p.row, p.header, p.value, p.message, p.message_zh)
            for p in repeated_ids("penalty_cases", name, "行政处罚决定书文号", values, seen)
        ]
        if ledger is None:
            continue
        for row, case in zip(rows, ledger.penalty_cases, strict=True):
            body_name = row["处罚机关"]
            code = dict(_PIECE_BODIES)[body_name]
            key = code if code and body_name in named_by_code else body_name
            records.setdefault(key, (body_name, []))[1].append(case)
            unknown[key] = ledger.unknown
    problems.sort(key=lambda p: (p[0], p[1]))
    reports = {
        key: ec.summarize(
            ec.Ledger(
                body=ec.body.EnforcementBody(body_name, ec.body.BodyLevel.TOWN),
                year=YEAR,
                penalty_cases=tuple(cases),
                unknown=unknown[key],
            )
        )
        for key, (body_name, cases) in sorted(records.items())
    }
    return reports, problems


@settings(max_examples=examples(100), deadline=None)
@given(drawn=_PIECES)
def test_the_province_path_gives_the_object_paths_figures_and_problems(tmp_path_factory, drawn):
    """One process and Dask: the object path's reports of every body, or its problems, exactly."""
    shapes, repeat, bad = drawn
    pieces = [_piece_cells(i, rows, repeat, bad) for i, rows in enumerate(shapes)]
    _as_the_object_path(tmp_path_factory.mktemp("pieces"), pieces)


@pytest.mark.parametrize("repeat", [True, False], ids=["repeated", "distinct"])
def test_numbers_of_one_hash_give_the_object_paths_problems_on_both_paths(
    tmp_path, monkeypatch, repeat
):
    """Every number given the same hash: the numbers given again are the object path's, no more.

    Equal hashes are compared by their numbers' text; a province's 64-bit hashes of
    distinct numbers are equal this rarely, here every time.
    """
    import numpy as np

    from enforcement_core import scale

    monkeypatch.setattr(scale, "_hashes_of", lambda keys: np.full(len(keys), 7, dtype=np.uint64))
    shapes = [
        [(n % 3, True, (3 * piece + n) % 5, "2024-06-30", 0, "0.5", None) for n in range(4)]
        for piece in range(3)
    ]
    pieces = [_piece_cells(i, rows, repeat, bad=False) for i, rows in enumerate(shapes)]
    _as_the_object_path(tmp_path, pieces, given_again=repeat)


def _as_the_object_path(
    folder: Path, pieces: list[list[dict[str, str]]], *, given_again: bool | None = None
) -> None:
    """One process and Dask give the object path's reports of every body, or its problems, exactly."""
    import dask

    for index, rows in enumerate(pieces):
        province.write_rows(folder / f"{index}.parquet", rows, headers=_PIECE_HEADERS)
    expected, problems = _by_the_object_path(folder, pieces)
    if given_again is not None:
        assert given_again == any("the same identifier" in p[4] for p in problems)
    with dask.config.set(scheduler="sync"):
        for summarize in (
            summarize_partitions,
            lambda *a, **k: summarize_dask(*a, tasks=3, split_out=3, split_every=2, **k),
        ):
            if problems:
                with pytest.raises(ec.LoadError) as caught:
                    summarize(folder, year=YEAR, level=ec.body.BodyLevel.TOWN)
                found = [
                    (p.sheet, p.row, p.header, p.value, p.message, p.message_zh)
                    for p in caught.value.problems
                ]
                assert problems == found
            else:
                reports = summarize(folder, year=YEAR, level=ec.body.BodyLevel.TOWN)
                assert list(expected) == list(reports)
                assert expected == reports


_PIECE_HEADERS = [
    "行政相对人名称",
    "行政处罚决定书文号",
    "处罚类别",
    "罚款金额（万元）",
    "处罚决定日期",
    "处罚机关",
    "处罚机关统一社会信用代码",
]


# Hashes spread over the whole uint64 range (a small value times an odd constant), few
# enough to be met twice often.
_HASH_ARRAYS = st.lists(
    st.lists(st.integers(min_value=0, max_value=40).map(lambda v: v * 0x9E3779B97F4A7C15 % 2**64)),
    max_size=6,
)


class TestDecisionNumbers:
    def test_a_bucket_is_the_texts_own(self):
        """Equal numbers fall in one bucket whatever array (or slice of one) holds them."""
        import pyarrow as pa

        from enforcement_core.scale import _bucket_of, _hashes_of

        def buckets_of(keys, buckets):
            return _bucket_of(_hashes_of(keys), buckets)

        numbers = [f"罚〔2024〕{n}号" for n in range(400)] + ["a", "ab", "甲"]
        whole = buckets_of(pa.array(numbers), 8)
        sliced = buckets_of(pa.array(["x", *numbers]).slice(1), 8)
        large = buckets_of(pa.array(numbers, pa.large_string()), 8)
        reversed_ = buckets_of(pa.array(numbers[::-1]), 8)
        assert whole.tolist() == sliced.tolist() == large.tolist() == reversed_.tolist()[::-1]
        assert set(whole.tolist()) == set(range(8))  # the numbers are spread, not all in one
        assert 1 == len(set(buckets_of(pa.array(["罚1号"] * 5), 8).tolist()))
        assert [0, 0] == buckets_of(pa.array(["罚1号", "罚2号"]), 1).tolist()

    @given(
        hashes=st.lists(st.integers(min_value=0, max_value=2**64 - 1), max_size=60),
        buckets=st.sampled_from([1, 2, 3, 8, 257, 2**16 + 1]),
    )
    def test_a_hash_is_dealt_to_the_bucket_of_its_range(self, hashes, buckets):
        """Every hash in exactly one bucket, its range's, sorted; the buckets' ranges in order, at either end too."""
        import numpy as np

        from enforcement_core.scale import _bucket_of, _dealt_hashes

        values = np.sort(np.array([*hashes, 0, 2**64 - 1], dtype=np.uint64))
        parts = _dealt_hashes(values, buckets)
        assert buckets == len(parts)
        assert sorted(values.tolist()) == [int(h) for part in parts for h in part]
        for bucket, part in enumerate(parts):
            assert all(int(h) * buckets >> 64 == bucket for h in part.tolist())
            assert _bucket_of(part, buckets).tolist() == [bucket] * len(part)
        assert [0, buckets - 1] == _bucket_of(np.array([0, 2**64 - 1], np.uint64), buckets).tolist()

    @given(st.lists(st.text(max_size=30), max_size=40), st.integers(min_value=0, max_value=3))
    def test_a_hash_is_the_texts_own(self, texts, cut):
        """Each text's hash is what it has alone, whatever its neighbours' lengths or the slice."""
        import pyarrow as pa

        from enforcement_core.scale import _hashes_of

        alone = [int(_hashes_of(pa.array([text]))[0]) for text in texts]
        assert alone == _hashes_of(pa.array(texts)).tolist()
        assert alone[cut:] == _hashes_of(pa.array(texts).slice(cut)).tolist()

    def test_a_hash_tells_a_text_from_its_padding(self):
        """Texts are hashed in zero-padded words: the length tells "a" from "a" and a zero byte."""
        import pyarrow as pa

        from enforcement_core.scale import _hashes_of

        hashes = _hashes_of(
            pa.array(["a", "a\x00", "a\x00\x00", "", "罚1号", "罚1号\x00"])
        ).tolist()
        assert len(set(hashes[:3])) == 3
        assert hashes[4] != hashes[5]
        assert hashes[3] == 0  # a blank has no bytes to hash

    @given(
        texts=st.lists(st.text(min_size=1, max_size=12), unique=True, max_size=60),
        picked=st.sets(st.integers(min_value=0, max_value=59)),
        others=st.lists(st.integers(min_value=0, max_value=2**64 - 1), max_size=5),
    )
    def test_the_numbers_met_are_those_of_the_hashes_met(self, texts, picked, others):
        """A piece sends on exactly its numbers whose hash is among those met twice, with their rows and hashes.

        Every row given again within the piece goes along whatever was met.
        """
        import numpy as np
        import pyarrow as pa

        from enforcement_core.scale import _hashes_of, _Ids

        rows = np.arange(len(texts), dtype=np.int64) * 3
        again = ((1, "x", 0),)
        ids = _Ids(7, pa.array(texts, pa.string()), rows, again)
        hashes = _hashes_of(ids.keys)
        chosen = sorted(p for p in picked if p < len(texts))
        twice = np.unique(np.array([*hashes[chosen].tolist(), *others], dtype=np.uint64))
        met = ids.met(twice)
        kept = [n for n in range(len(texts)) if int(hashes[n]) in set(twice.tolist())]
        assert [texts[n] for n in kept] == met.keys.to_pylist()
        assert [3 * n for n in kept] == met.rows.tolist()
        assert sorted(hashes[kept].tolist()) == met.hashed().tolist()
        assert (7, again) == (met.order, met.again)
        assert [] == ids.met(np.zeros(0, np.uint64)).keys.to_pylist()
        # Whether it meets one of them at all, from its sorted hashes alone.
        assert bool(kept) == ids.meets(twice)
        assert sorted(hashes.tolist()) == ids.hashed().tolist()

    @settings(max_examples=examples(100))
    @given(arrays=_HASH_ARRAYS, size=st.sampled_from([1, 2, 5, 1 << 18]))
    def test_hashes_met_twice_are_found_range_by_range(self, arrays, size):
        """The hashes met more than once, across arrays or in one, whatever the ranges sorted apart."""
        import numpy as np

        from enforcement_core import scale

        hashes = [np.array(a, dtype=np.uint64) for a in arrays]
        every = [h for a in arrays for h in a]
        expected = sorted({h for h in every if every.count(h) > 1})
        before, scale._RANGE = scale._RANGE, size  # the ranges cut fine, or one range
        try:
            assert expected == scale._met_twice(hashes).tolist()
            # A bucket's shares, sorted already, are not sorted again: the same hashes found.
            ordered = [np.sort(h) for h in hashes]
            assert expected == scale._met_twice(ordered, presorted=True).tolist()
        finally:
            scale._RANGE = before

    def test_a_number_in_three_pieces_names_the_first(self, tmp_path):
        """Given in a, b and twice in c: every later row names a's, in one process and on Dask."""
        import dask

        write_pieces(tmp_path, PIECE_ROWS[0], PIECE_ROWS[0], PIECE_ROWS[1] + PIECE_ROWS[0] * 2)
        with dask.config.set(scheduler="sync"):
            for summarize in (summarize_partitions, summarize_dask):
                with pytest.raises(ec.LoadError) as caught:
                    summarize(tmp_path, year=YEAR, level=ec.body.BodyLevel.TOWN)
                where = [(p.sheet, p.row, p.message[:31]) for p in caught.value.problems]
                assert [
                    ("b.csv", 2, "the same identifier as a.csv, r"),
                    ("c.csv", 3, "the same identifier as a.csv, r"),
                    ("c.csv", 4, "the same identifier as a.csv, r"),
                ] == where

    def test_piece_partials_carries_the_numbers_seen(self):
        """piece_partials, piece by piece: a number of an earlier piece is a problem of the later."""
        import pyarrow.csv as pv

        from enforcement_core.scale import piece_partials

        def table(rows: str):
            return pv.read_csv(io.BytesIO((PIECE_HEADER + rows).encode()))

        seen = {}
        partials, problems = piece_partials(
            table(PIECE_ROWS[0]), "a.csv", year=YEAR, level=ec.body.BodyLevel.TOWN, seen=seen
        )
        assert [] == problems
        assert 1 == partials[PIECE_CODE].finish().penalty.cases
        _, problems = piece_partials(
            table(PIECE_ROWS[1] + PIECE_ROWS[0]),
            "b.csv",
            year=YEAR,
            level=ec.body.BodyLevel.TOWN,
            seen=seen,
        )
        assert ["b.csv, row 3, 行政处罚决定书文号"] == [p.path for p in problems]
        assert problems[0].message.startswith("the same identifier as a.csv, row 2")


@pytest.mark.parametrize("tasks", [1, 2, 50])
def test_the_reading_tasks_do_not_change_the_reports(dataset, tree, expected, tasks):
    """The pieces read by one task, two, or one each: the same reports, in order."""
    import dask

    with dask.config.set(scheduler="sync"):
        reports = summarize_dask(dataset, year=YEAR, hierarchy=tree, tasks=tasks, split_out=2)
    assert list(expected) == list(reports)
    assert expected == reports


def test_numbers_of_one_hash_are_told_apart_by_their_text(tmp_path, monkeypatch):
    """Every number hashed alike: numbers given once are no problem, a number given twice is one."""
    import numpy as np

    from enforcement_core import scale

    monkeypatch.setattr(scale, "_hashes_of", lambda keys: np.zeros(len(keys), dtype=np.uint64))
    write_pieces(tmp_path, PIECE_ROWS[0], PIECE_ROWS[1])
    (report,) = summarize_partitions(tmp_path, year=YEAR, level=ec.body.BodyLevel.TOWN).values()
    assert 2 == report.penalty.cases
    write_pieces(tmp_path, PIECE_ROWS[0], PIECE_ROWS[1], PIECE_ROWS[1] + PIECE_ROWS[0])
    with pytest.raises(ec.LoadError) as caught:
        summarize_partitions(tmp_path, year=YEAR, level=ec.body.BodyLevel.TOWN)
    assert [("c.csv", 2, "b.csv, row 2"), ("c.csv", 3, "a.csv, row 2")] == [
        (p.sheet, p.row, p.message.split("as ")[1].split(":")[0]) for p in caught.value.problems
    ]


def test_a_piece_holds_only_its_rows_of_the_year(tmp_path):
    """The rows of other years are checked, and not held: a piece's typed rows are the year's.

    The figures count the year's rows alone either way; a province's rows of other
    years held to the end would be memory for nothing.
    """
    import pyarrow.csv

    from enforcement_core.scale import _read, _Reading

    rows = [
        PIECE_ROWS[0].replace(f"{YEAR}-05-02", day).replace("1号", f"{n}号")
        for n, day in enumerate(
            [f"{YEAR - 1}-12-31", f"{YEAR}-01-01", f"{YEAR}-12-31", f"{YEAR + 1}-01-01"]
        )
    ]
    write_pieces(tmp_path, "".join(rows))
    table = pyarrow.csv.read_csv(tmp_path / "a.csv")
    read = _read(table, "a.csv", _Reading(YEAR, None, ec.body.BodyLevel.TOWN, None), 0)
    assert [] == read.problems
    days = [d.isoformat() for d in read.table.column("decided_on").to_pylist()]
    assert [f"{YEAR}-01-01", f"{YEAR}-12-31"] == days
    assert [0, 0] == read.of_row.tolist()
    # Every row's number is held, of whatever year: a number is given once of all years.
    assert 4 == len(read.ids.keys)


def test_a_body_across_pieces_is_counted_by_group_bys(dataset, tree, expected):
    """A body's table of several pieces is grouped on its chunks' codes: their dictionaries made one."""
    assert expected == summarize_partitions(dataset, year=YEAR, hierarchy=tree)


def test_the_pieces_are_read_with_the_system_memory_pool(tmp_path, monkeypatch):
    """In one process, as read_columnar, the pieces are read with malloc's pool; on Dask too, trimmed or not."""
    import pyarrow as pa

    from enforcement_core import _arrow, scale

    before = pa.default_memory_pool().backend_name
    during = []
    read = scale._file_read

    def watched(*args, **kwargs):
        during.append((pa.default_memory_pool().backend_name, int(_arrow._HEAP.changed)))
        return read(*args, **kwargs)

    monkeypatch.setattr(scale, "_file_read", watched)
    write_pieces(tmp_path, PIECE_ROWS[0], PIECE_ROWS[1])
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    summarize_partitions(tmp_path, year=YEAR, level=ec.body.BodyLevel.TOWN)
    assert [("system", 0), ("system", 0)] == during
    assert before == pa.default_memory_pool().backend_name
    # A Dask task takes malloc's pool whether distributed trims malloc's memory or not;
    # trimmed, its heap is kept while it runs (roomy_heap), and given back after.
    import dask

    heap = 1 if _arrow._glibc() is not None else 0
    for trimmed, held in (("65536", heap), (None, 0)):
        if trimmed is None:
            monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
        else:
            monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", trimmed)
        del during[:]
        with dask.config.set(scheduler="sync"):
            summarize_dask(tmp_path, year=YEAR, level=ec.body.BodyLevel.TOWN)
        assert [("system", held), ("system", held)] == during
        assert before == pa.default_memory_pool().backend_name
        assert 0 == _arrow._HEAP.holders


# Every body's figures in one pass over the rows (issue 24) --------------------------------

_DAYS = st.one_of(
    st.none(),
    st.integers(min_value=-3, max_value=368).map(
        lambda n: province.dt.date(YEAR, 1, 1) + province.dt.timedelta(n)
    ),
)
# Amounts of up to 2**62 fen too: two of them overflow an int64 sum.
_FEN = st.one_of(st.none(), st.integers(min_value=0, max_value=10**12), st.just(2**62))
_FLAG = st.one_of(st.none(), st.booleans())
_CASE = st.fixed_dictionaries(
    {
        "group": st.integers(min_value=0, max_value=3),
        "decided_on": _DAYS,
        "domain": st.sampled_from(["traffic", "water", "health"]),
        "fine": _FEN,
        "confiscation": _FEN,
        "procedure": st.one_of(st.none(), st.sampled_from(["simple", "ordinary"])),
        # Lists with a sanction twice, empty lists, and no list at all.
        "sanctions": st.one_of(
            st.none(), st.lists(st.sampled_from(["warning", "fine", "other"]), max_size=4)
        ),
        "lightened": _FLAG,
        "legal_review": _FLAG,
        "referred": _FLAG,
    }
)
_APPLICATION = st.fixed_dictionaries(
    {
        "group": st.integers(min_value=0, max_value=3),
        "applied_on": _DAYS,
        "subject": st.one_of(st.none(), st.sampled_from(["", "宅基地", "取水"])),
        "accepted": _FLAG,
        "decision": st.one_of(st.none(), st.sampled_from(["granted", "refused"])),
        "revoked_on": _DAYS,
        "legal_review": _FLAG,
    }
)
#: Chunks of rows (each its own dictionaries, as the pieces give them), and the columns left out.
_GROUPED_CASES = st.tuples(
    st.lists(st.lists(_CASE, max_size=6), min_size=1, max_size=3),
    st.sets(st.sampled_from(["fine", "confiscation", "procedure", "sanctions", "lightened"])),
)
_GROUPED_APPLICATIONS = st.tuples(
    st.lists(st.lists(_APPLICATION, max_size=6), min_size=1, max_size=3),
    st.sets(st.sampled_from(["subject", "accepted", "decision", "revoked_on", "legal_review"])),
)

_ARROW_TYPES = {
    "decided_on": "date32",
    "applied_on": "date32",
    "revoked_on": "date32",
    "domain": "dictionary",
    "procedure": "dictionary",
    "decision": "dictionary",
    "subject": "string",
    "fine": "int64",
    "confiscation": "int64",
    "sanctions": "list",
    "lightened": "bool",
    "legal_review": "bool",
    "referred": "bool",
    "accepted": "bool",
}


def _grouped_table(chunks: list[list[dict]], left_out: set[str]):
    """The rows as one table of chunks (the typed table's column types), and each row's group."""
    import numpy as np
    import pyarrow as pa

    names = next(
        ([n for n in rows[0] if n != "group" and n not in left_out] for rows in chunks if rows), []
    )
    types = {
        "date32": pa.date32(),
        "dictionary": pa.string(),
        "string": pa.string(),
        "int64": pa.int64(),
        "list": pa.list_(pa.string()),
        "bool": pa.bool_(),
    }
    tables = []
    for rows in chunks:
        columns = {}
        for name in names:
            array = pa.array([r[name] for r in rows], types[_ARROW_TYPES[name]])
            columns[name] = (
                array.dictionary_encode() if _ARROW_TYPES[name] == "dictionary" else array
            )
        tables.append(pa.table(columns))
    groups = np.array([r["group"] for rows in chunks for r in rows], dtype=np.int64)
    if not names:
        return None, groups
    table = pa.concat_tables(tables)
    # One column in one chunk where the others have a chunk a piece: counted aligned.
    first = "fine" if "fine" in table.column_names else table.column_names[-1]
    at = table.schema.get_field_index(first)
    return table.set_column(at, first, table.column(first).combine_chunks()), groups


def _outcome(make, *args):
    try:
        return make(*args)
    except (ValueError, ec.errors.InvariantError) as error:  # figures the counts cannot hold
        return type(error), str(error)


@settings(max_examples=examples(100), deadline=None)
@given(cases=_GROUPED_CASES, applications=_GROUPED_APPLICATIONS)
def test_every_groups_figures_are_those_of_its_own_rows(cases, applications):
    """One pass over every body's rows gives each body the figures from_table gives of its rows alone."""
    import pyarrow as pa

    from enforcement_core._group_tallies import GroupedColumns
    from enforcement_core.actions import LicenceApplication, PenaltyCase
    from enforcement_core.figures import LicensingFigures, PenaltyFigures

    start, end = province.dt.date(YEAR, 1, 1), province.dt.date(YEAR, 12, 31)
    for (chunks, left_out), figures, record in (
        (cases, PenaltyFigures, PenaltyCase),
        (applications, LicensingFigures, LicenceApplication),
    ):
        table, groups = _grouped_table(chunks, left_out)
        if table is None:
            continue
        grouped = GroupedColumns(table, record, groups, 4)
        for group in range(4):
            own = table.filter(pa.array(groups == group))
            assert _outcome(figures.from_table, own, start, end) == _outcome(
                figures._from_columns, grouped.of(group), start, end
            )


#: Where a table's chunks are cut between two reading tasks.
_CUTS = st.integers(min_value=0, max_value=3)


@settings(max_examples=examples(100), deadline=None)
@given(cases=_GROUPED_CASES, applications=_GROUPED_APPLICATIONS, cut=_CUTS)
def test_a_bodys_counts_of_two_tasks_added_give_the_figures_of_all_its_rows(
    cases, applications, cut
):
    """Each task's counts of a body, added, make the figures from_table gives of all its rows.

    What Dask's buckets do: the rows cut between two reading tasks, each counting every
    body in one pass (``_Rows.counted``), the counts of a body added and its partial made
    once (``_counted_added``, ``_partial_counted``).
    """
    import pyarrow as pa
    from hypothesis import assume

    from enforcement_core import scale
    from enforcement_core.body import BodyLevel, EnforcementBody
    from enforcement_core.figures import LicensingFigures, PenaltyFigures

    start, end = province.dt.date(YEAR, 1, 1), province.dt.date(YEAR, 12, 31)
    bodies = [(f"k{n}", EnforcementBody(f"body {n}", BodyLevel.TOWN)) for n in range(4)]
    for (chunks, left_out), figures, field, shown in (
        (cases, PenaltyFigures, "penalty_cases", "penalty"),
        (applications, LicensingFigures, "licence_applications", "licensing"),
    ):
        table, groups = _grouped_table(chunks, left_out)
        if table is None:
            continue
        expected = [
            _outcome(figures.from_table, table.filter(pa.array(groups == n)), start, end)
            for n in range(4)
        ]
        # Figures the rows cannot hold are refused by one process and Dask alike (above).
        assume(not any(isinstance(e, tuple) for e in expected))
        at = sum(len(rows) for rows in chunks[:cut])
        sides = []
        for low, high in ((0, at), (at, table.num_rows)):
            rows = scale._Rows()
            places = rows.places(bodies, ())
            if high > low:
                rows.add(field, table.slice(low, high - low), places[groups[low:high]])
            sides.append(rows.counted(YEAR))
        for n, (key, _) in enumerate(bodies):
            counted = scale._counted_added(sides[0][key], sides[1][key])
            assert expected[n] == scale._partial_counted(counted, YEAR).figures.get(shown)


def test_a_group_without_rows_has_no_figures():
    """A body with no row of the year: None, as from_table gives of no rows."""
    import numpy as np
    import pyarrow as pa

    from enforcement_core._group_tallies import GroupedColumns
    from enforcement_core.actions import PenaltyCase
    from enforcement_core.figures import PenaltyFigures

    start, end = province.dt.date(YEAR, 1, 1), province.dt.date(YEAR, 12, 31)
    days = pa.array([start, end, end + province.dt.timedelta(1)])
    table = pa.table({"decided_on": days, "domain": ["traffic", "water", "water"]})
    grouped = GroupedColumns(table, PenaltyCase, np.array([0, 0, 1]), 3)
    assert 2 == PenaltyFigures._from_columns(grouped.of(0), start, end).cases
    assert PenaltyFigures._from_columns(grouped.of(1), start, end) is None  # only next year's
    assert PenaltyFigures._from_columns(grouped.of(2), start, end) is None  # no row at all


def test_a_sanction_listed_twice_in_a_row_counts_once():
    """A row listing a value twice counts once under it; a long list is sorted out, as a short one."""
    import numpy as np
    import pyarrow as pa

    from enforcement_core import _group_tallies
    from enforcement_core._group_tallies import GroupedColumns
    from enforcement_core.actions import PenaltyCase, SanctionType

    lists = [["fine", "warning", "fine"], ["fine"], [], ["warning"] * 20 + ["fine"]]
    table = pa.table({"sanctions": pa.array(lists, pa.list_(pa.string()))})
    tallied = GroupedColumns(table, PenaltyCase, np.array([0, 1, 0, 1]), 2).tally_lists(
        "sanctions", SanctionType
    )
    fine, warning = SanctionType.FINE, SanctionType.WARNING
    assert [{fine: 1, warning: 1, None: 1}, {fine: 2, warning: 1, None: 0}] == [
        dict(counts) for counts in tallied
    ]
    assert 20 > _group_tallies._SHORT  # the last list is longer than those looked back over


def test_on_dask_each_body_makes_its_partial_once_whatever_the_reading_tasks(
    dataset, tree, monkeypatch
):
    """On Dask each reading task counts its bodies' rows; a body's partial is made once, of the sum.

    One task or two: no more partials than one process makes (one a body and table
    layout), the reports the same. (A partial a task, merged, made a body's figures
    and their checks once a task and once a merge.)
    """
    from collections import Counter

    import dask

    from enforcement_core import scale

    made = []

    def counted(**fields):
        made.append(repr(fields["body"]))
        return ec.partials.Partial(**fields)

    monkeypatch.setattr(scale, "Partial", counted)
    one = summarize_partitions(dataset, year=YEAR, hierarchy=tree)
    in_one_process = Counter(made)
    # One a body and table layout (a body keyed by its name in one piece and by its code in
    # another makes two, merged).
    assert len(one) <= in_one_process.total() < 2 * len(one)
    for tasks in (1, 2, 5):
        del made[:]
        with dask.config.set(scheduler="sync"):
            on_dask = summarize_dask(dataset, year=YEAR, hierarchy=tree, tasks=tasks, split_out=3)
        assert one == on_dask
        by_tasks = Counter(made)
        assert set(by_tasks) == set(in_one_process)
        # A body's counts of its name and of its code are added before its partial is made.
        assert all(n <= in_one_process[body] for body, n in by_tasks.items())


def test_a_groups_sums_are_exact_where_int64_would_wrap():
    """Three fines of 2**62 fen in one body sum to 3 * 2**62 fen, not that modulo 2**64."""
    import numpy as np
    import pyarrow as pa

    from enforcement_core._group_tallies import GroupedColumns
    from enforcement_core.actions import Domain, PenaltyCase

    fen = pa.array([2**62, 2**62, 1, 2**62], pa.int64())
    table = pa.table({"fine": fen, "domain": ["traffic"] * 4})
    grouped = GroupedColumns(table, PenaltyCase, np.array([0, 0, 1, 0]), 2)
    assert [Decimal(3 * 2**62) / 100, Decimal("0.01")] == grouped.money("fine")
    by_domain = grouped.by_group("domain", Domain, "fine")
    assert [(3, Decimal(3 * 2**62) / 100), (1, Decimal("0.01"))] == [
        by_group[Domain.TRAFFIC] for by_group in by_domain
    ]


def test_a_value_and_its_amount_are_read_together_however_chunked():
    """Domains in two chunks (one a piece), fines in one: each fine counted with its row's domain."""
    import numpy as np
    import pyarrow as pa

    from enforcement_core._group_tallies import GroupedColumns
    from enforcement_core.actions import Domain, PenaltyCase

    pieces = [
        pa.table(
            {"domain": pa.array(["traffic", "water"]).dictionary_encode(), "fine": [100, 200]}
        ),
        pa.table({"domain": pa.array(["water"]).dictionary_encode(), "fine": [400]}),
    ]
    table = pa.concat_tables(pieces)
    table = table.set_column(1, "fine", table.column("fine").combine_chunks())
    assert (2, 1) == (table.column("domain").num_chunks, table.column("fine").num_chunks)
    grouped = GroupedColumns(table, PenaltyCase, np.array([0, 0, 1]), 2)
    assert [
        {Domain.TRAFFIC: (1, Decimal(1)), Domain.WATER: (1, Decimal(2))},
        {Domain.WATER: (1, Decimal(4))},
    ] == grouped.by_group("domain", Domain, "fine")


def test_a_reading_tasks_piece_tells_dask_its_bytes(tmp_path):
    """Dask runs a task where its inputs' bytes are: a piece's size is its rows' and numbers', not a few bytes.

    Taken for a small object, the task picking a reading task's candidate numbers ran on
    the other worker and fetched every row it held.
    """
    from dask.sizeof import sizeof

    from enforcement_core import scale

    write_pieces(tmp_path, PIECE_ROWS[0], PIECE_ROWS[1])
    reading = scale._Reading(YEAR, None, ec.body.BodyLevel.TOWN, None)
    items = [(order, name, piece) for order, (name, piece) in enumerate(scale._files(tmp_path))]
    piece = scale._files_piece(items, reading)
    rows = sum(t.nbytes + o.nbytes for parts in piece.rows.tables.values() for t, o in parts)
    numbers = sum(i.keys.nbytes + i.rows.nbytes for ids in piece.ids.values() for i in ids)
    assert rows > 0
    assert numbers > 0
    assert sizeof(piece) >= rows + numbers
    assert sizeof(scale._Piece()) < 1000
    # A bucket's share holds the numbers' hashes, 8 bytes each.
    dealt = scale._buckets(piece, scale._counts_of(piece, YEAR), 2, piece.keys_of)
    hashes = sum(len(h) for part in dealt for listed in part.hashes.values() for h in listed)
    assert hashes > 0
    assert sum(sizeof(part) for part in dealt) >= 8 * hashes


class _Sampling:
    """A worker's periodic callback, as tornado's: started, stopped, and asked."""

    def __init__(self, running: bool) -> None:
        self.running = running
        self.starts = 0

    def is_running(self) -> bool:
        return self.running

    def stop(self) -> None:
        self.running = False

    def start(self) -> None:
        self.running, self.starts = True, self.starts + 1


class _Worker:
    def __init__(self, sampling: _Sampling | None) -> None:
        self.periodic_callbacks = {} if sampling is None else {"profile": sampling}


class TestProfilerPaused:
    """distributed's profiler is paused on each worker while a summary runs, counted."""

    def test_paused_then_started_again(self):
        from enforcement_core import scale

        sampling = _Sampling(running=True)
        worker = _Worker(sampling)
        scale._pause_profiler(worker)
        assert not sampling.running
        scale._resume_profiler(worker)
        assert sampling.running
        assert 1 == sampling.starts
        assert worker not in scale._PAUSES

    def test_two_summaries_at_once_start_it_when_both_end(self):
        from enforcement_core import scale

        sampling = _Sampling(running=True)
        worker = _Worker(sampling)
        scale._pause_profiler(worker)
        scale._pause_profiler(worker)
        scale._resume_profiler(worker)
        assert not sampling.running
        scale._resume_profiler(worker)
        assert sampling.running
        assert 1 == sampling.starts

    @pytest.mark.parametrize("sampling", [None, _Sampling(running=False)], ids=["off", "stopped"])
    def test_a_worker_not_sampling_is_left_as_it_is(self, sampling):
        from enforcement_core import scale

        worker = _Worker(sampling)
        scale._pause_profiler(worker)
        scale._resume_profiler(worker)
        assert worker not in scale._PAUSES
        if sampling is not None:
            assert not sampling.running
            assert 0 == sampling.starts


#: Whether the profiler sampled the worker that computed each partition (one process).
_SAMPLED: list[bool] = []


def _rows_frame(text: str) -> object:
    import pandas as pd

    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def _sampled_partition(text: str) -> object:
    """A partition of penalty rows, noting whether its worker's profiler is sampling."""
    from distributed import get_worker

    _SAMPLED.append(get_worker().periodic_callbacks["profile"].is_running())
    return _rows_frame(text)


@pytest.mark.parametrize("profile", [False, True])
def test_on_dask_the_profiler_samples_only_when_asked(profile):
    """The workers' profiler does not sample the summary's tasks unless asked, and samples after."""
    dask = pytest.importorskip("dask")
    distributed = pytest.importorskip("distributed")
    dd = pytest.importorskip("dask.dataframe")
    text = PIECE_HEADER + PIECE_ROWS[0]
    meta = _rows_frame(text).iloc[:0]  # type: ignore[attr-defined]
    _SAMPLED.clear()
    options = CLUSTER | {"n_workers": 1, "processes": False}
    with (
        distributed.LocalCluster(**options) as local,
        distributed.Client(local) as client,
    ):
        frame = dd.from_delayed([dask.delayed(_sampled_partition)(text)], meta=meta)
        reports = summarize_dask(frame, year=YEAR, level=ec.body.BodyLevel.TOWN, profile=profile)
        assert 1 == reports[PIECE_CODE].penalty.cases
        after = client.run(
            lambda dask_worker: dask_worker.periodic_callbacks["profile"].is_running()
        )
    assert [profile] == _SAMPLED
    assert [True] == list(after.values())


def _failing_partition() -> object:
    raise RuntimeError("a partition that cannot be read")


def test_on_dask_the_profiler_samples_again_after_a_failure():
    """A summary whose task fails starts the workers' profiler again all the same."""
    dask = pytest.importorskip("dask")
    distributed = pytest.importorskip("distributed")
    dd = pytest.importorskip("dask.dataframe")
    text = PIECE_HEADER + PIECE_ROWS[0]
    options = CLUSTER | {"n_workers": 1, "processes": False}
    with (
        distributed.LocalCluster(**options) as local,
        distributed.Client(local) as client,
    ):
        frame = dd.from_delayed(
            [dask.delayed(_failing_partition)()],
            meta=_rows_frame(text).iloc[:0],  # type: ignore[attr-defined]
        )
        with pytest.raises(RuntimeError, match="cannot be read"):
            summarize_dask(frame, year=YEAR, level=ec.body.BodyLevel.TOWN)
        after = client.run(
            lambda dask_worker: dask_worker.periodic_callbacks["profile"].is_running()
        )
    assert [True] == list(after.values())


def test_on_dask_a_profiler_that_cannot_be_paused_does_not_fail_the_summary(monkeypatch):
    """The pause is a saving, not a condition: a worker where it fails samples on, and the summary runs."""
    distributed = pytest.importorskip("distributed")
    from enforcement_core import scale

    def refused(dask_worker):  # noqa: ARG001  (as distributed calls it)
        raise RuntimeError("no pausing here")

    monkeypatch.setattr(scale, "_pause_profiler", refused)
    text = PIECE_HEADER + PIECE_ROWS[0]
    options = CLUSTER | {"n_workers": 1, "processes": False}
    with (
        distributed.LocalCluster(**options) as local,
        distributed.Client(local) as client,
    ):
        frame = pytest.importorskip("dask.dataframe").from_pandas(_rows_frame(text), npartitions=1)
        reports = summarize_dask(frame, year=YEAR, level=ec.body.BodyLevel.TOWN)
        assert 1 == reports[PIECE_CODE].penalty.cases
        after = client.run(
            lambda dask_worker: dask_worker.periodic_callbacks["profile"].is_running()
        )
    assert [True] == list(after.values())
