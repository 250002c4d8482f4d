"""The national tables' column engine held to its references: Arrow made from buffers, unknown figures left at once."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from functools import reduce

import attrs
import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import enforcement_core as ec
from enforcement_core.summary import leave_unknown
from enforcement_core.tables import read_columnar
from enforcement_core.tables._arrow_files import _Amounts
from enforcement_core.tables._arrow_records import _arrow_values
from enforcement_core.tables._columns import _FEW, _Factor
from enforcement_core.tables._distinct import (
    _AmountFactor,
    _fen_array,
    _text_values,
    _zeros,
)
from profiles import examples
from strategies import valid_reports
from test_columnar import _national_csv

_TEXTS = st.lists(st.one_of(st.none(), st.text(max_size=5)), max_size=20)
_DATES = st.lists(st.one_of(st.none(), st.dates()), max_size=20)
_FEN = st.lists(st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1)), max_size=20)
_FLAGS = st.lists(st.one_of(st.none(), st.booleans()), max_size=20)
_LISTS = st.lists(st.lists(st.text(max_size=3), max_size=3), max_size=20)


class TestArrowValues:
    """``_arrow_values`` is ``pyarrow.array`` of the same values, made without pandas."""

    @given(_TEXTS)
    @settings(max_examples=examples(50))
    def test_texts(self, values):
        assert _arrow_values(values, pa.string()).equals(pa.array(values, pa.string()))

    @given(_DATES)
    @settings(max_examples=examples(50))
    def test_dates(self, values):
        assert _arrow_values(values, pa.date32()).equals(pa.array(values, pa.date32()))

    @given(_FEN)
    @settings(max_examples=examples(50))
    def test_fen(self, values):
        assert _arrow_values(values, pa.int64()).equals(pa.array(values, pa.int64()))

    @given(_FLAGS)
    @settings(max_examples=examples(50))
    def test_flags(self, values):
        assert _arrow_values(values, pa.bool_()).equals(pa.array(values, pa.bool_()))

    @given(_LISTS, st.data())
    @settings(max_examples=examples(50))
    def test_lists_by_the_rows_codes(self, values, data):
        """Each row the list at its code, its texts each once in one dictionary."""
        import numpy as np

        from enforcement_core.tables._arrow_records import _list_column

        codes = data.draw(st.lists(st.integers(0, len(values) - 1))) if values else []
        column = _list_column(values, np.array(codes, dtype=np.int64))
        assert [values[c] for c in codes] == column.to_pylist()
        dictionary = column.values.dictionary.to_pylist()
        assert len(set(dictionary)) == len(dictionary)
        assert set(dictionary) == {t for listed in values for t in listed}

    def test_lists_of_more_items_than_int32_offsets_hold_are_refused(self, monkeypatch):
        """A column of lists holds at most _MOST_ITEMS items: one more is refused, not wrapped around."""
        import numpy as np

        from enforcement_core.tables import _arrow_records

        monkeypatch.setattr(_arrow_records, "_MOST_ITEMS", 4)
        lists = [["罚款", "警告"], []]
        assert 4 == len(_arrow_records._list_column(lists, np.array([0, 0, 1])).values)
        with pytest.raises(OverflowError, match="5 items in a column of lists, above 4"):
            _arrow_records._list_column(
                [["罚款", "警告", "没收"], ["警告", "罚款"]], np.array([0, 1])
            )

    def test_another_type_is_refused(self):
        with pytest.raises(TypeError, match="decimal"):
            _arrow_values([Decimal(1)], pa.decimal128(5, 2))

    def test_no_pandas(self):
        code = (
            "import sys, datetime, pyarrow\n"
            "from enforcement_core.tables._arrow_records import _arrow_values\n"
            "_arrow_values([datetime.date(2024, 1, 1), None], pyarrow.date32())\n"
            "_arrow_values([1, None], pyarrow.int64())\n"
            "from enforcement_core.tables._arrow_records import _list_column\n"
            "_list_column([['a'], []], [1, 0, 0])\n"
            "print('pandas' in sys.modules)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert done.stdout.strip() == "False"


_AMOUNTS = st.lists(
    st.one_of(
        st.none(),
        st.integers(0, 10**14).map(lambda fen: (fen, True)),
        st.decimals(-(10**6), 10**6, places=2).map(lambda d: (d, False)),
    ),
    max_size=20,
)


def _amount_factor(drawn):
    """A factor of amounts: some read from plain digits (their fen known), others by their reader.

    With the values it stands for, made apart from it: the last slot ``None``, as a column's ends.
    """
    values, fen, others = [], [], {}
    for position, item in enumerate(drawn):
        if item is None:
            values.append(None)
            fen.append(-1)
            others[position] = None
        elif item[1]:
            # As read_wan_yuan gives it: whole yuan without places, else to the fen.
            whole, fen_part = divmod(item[0], 100)
            values.append(Decimal(f"{whole}.{fen_part:02d}") if fen_part else Decimal(whole))
            fen.append(item[0])
        else:
            values.append(item[0])
            fen.append(-1)
            others[position] = item[0]
    values.append(None)
    fen_array = np.array([*fen, -1], dtype=np.int64)
    factor = _AmountFactor(
        _Amounts(fen_array, others), np.arange(len(values), dtype=np.int64), fen_array
    )
    return factor, values


class TestAmounts:
    """Amounts decided on their fen give what their Decimals give."""

    @given(_AMOUNTS)
    @settings(max_examples=examples(50))
    def test_values_are_the_decimals(self, drawn):
        factor, values = _amount_factor(drawn)
        assert [(v, str(v)) for v in factor.distinct] == [(v, str(v)) for v in values]
        assert factor.given().tolist() == [v is not None for v in values]
        assert factor.truthy().tolist() == [bool(v) for v in values]

    @given(_AMOUNTS, st.lists(st.booleans(), max_size=21))
    @settings(max_examples=examples(50))
    def test_where_keeps_the_rows_given(self, drawn, rows):
        factor, values = _amount_factor(drawn)
        rows = (rows + [False] * len(values))[: len(values)]
        kept = factor.where(np.array(rows, dtype=bool))
        expected = [v if r else None for v, r in zip(values, rows, strict=True)]
        assert [kept.distinct[c] for c in kept.codes.tolist()] == expected
        assert kept.given().tolist() == [v is not None for v in expected]

    @given(_AMOUNTS)
    @settings(max_examples=examples(50))
    def test_fen_array_is_the_decimals_in_fen(self, drawn):
        factor, values = _amount_factor(drawn)
        expected = [None if v is None else int(v * 100) for v in values]
        assert _fen_array(factor).to_pylist() == expected

    @given(_AMOUNTS)
    @settings(max_examples=examples(50))
    def test_zeros_are_the_decimals_equal_to_zero(self, drawn):
        factor, values = _amount_factor(drawn)
        expected = [v is not None and v == 0 for v in values]
        assert _zeros(factor).tolist() == expected

    def test_zero_on_both_sides(self):
        factor, _ = _amount_factor([(0, True), (1, True), None, (Decimal("-0"), False)])
        assert _zeros(factor).tolist() == [True, False, False, True, False]

    def test_a_factor_not_held_as_fen_has_no_fen_array(self):
        factor = _Factor([Decimal(1), None], np.arange(2, dtype=np.int64))
        assert _fen_array(factor) is None
        assert _zeros(factor).tolist() == [False, False]


class TestTextValues:
    """A plain column's cells taken as the distinct texts: what the Python strings would give."""

    @given(st.lists(st.text(max_size=4), max_size=20), st.integers(0, 3))
    @settings(max_examples=examples(50))
    def test_cells_as_read(self, cells, extra):
        texts = pa.array(cells, pa.string())
        distinct = [cell or None for cell in cells] + [None] * extra
        factor = _Factor(distinct, np.arange(len(distinct), dtype=np.int64))
        assert _text_values(factor, texts).equals(pa.array(distinct, pa.string()))

    def test_values_after_the_cells_are_made(self):
        factor = _Factor(["甲", None, "乙"], np.arange(3, dtype=np.int64))
        made = _text_values(factor, pa.array(["甲"], pa.string()))
        assert made.to_pylist() == ["甲", None, "乙"]


class TestTextField:
    """A field of text for the kept rows: the cells as read when each row is its own, else taken."""

    @given(
        st.lists(st.text(max_size=4), max_size=12),
        st.lists(st.booleans(), max_size=12),
        st.lists(st.booleans(), max_size=12),
    )
    @settings(max_examples=examples(50))
    def test_is_the_distinct_values_taken_by_the_kept_rows(self, cells, shaped, kept):
        from enforcement_core.tables._arrow_files import _encoded
        from enforcement_core.tables._distinct import _text_field, _TextFactor

        rows = len(cells)
        encoded = _encoded(pa.chunked_array([pa.array(cells, pa.string())]), hashed=False)
        codes = np.where(encoded.blank[encoded.codes], rows, encoded.codes)
        from enforcement_core.tables._arrow_files import _Texts

        factor = _TextFactor(_Texts(encoded.trimmed, encoded.blank), codes)
        factor = factor.where(np.array((shaped + [True] * rows)[:rows], dtype=bool))
        keep = np.array((kept + [True] * rows)[:rows], dtype=bool)
        made = _text_field(factor, encoded.trimmed, keep, every=bool(keep.all()))
        trimmed = [cell.strip() or None for cell in cells]
        expected = [
            value if s else None
            for value, s, k in zip(trimmed, (shaped + [True] * rows)[:rows], keep, strict=True)
            if k
        ]
        assert made.to_pylist() == expected
        assert made.type == pa.string()

    def test_each_its_own_on_both_sides(self):
        from enforcement_core.tables._distinct import _each_its_own

        texts = pa.array(["a", "b", "c"])
        assert _each_its_own(np.arange(3), texts)
        assert not _each_its_own(np.array([0, 1, 3]), texts)  # the last row blank
        assert not _each_its_own(np.array([0, 2, 2]), texts)
        assert not _each_its_own(np.arange(2), texts)
        assert _each_its_own(np.arange(0), pa.array([], pa.string()))


_ROW_CELLS = st.sampled_from(["甲", " 乙 ", "", " ", None, "注：金额单位为万元", "注"])


class TestUnreadRows:
    """The rows that are no record: blank in every column, or a note (one cell, 注：...)."""

    @given(
        st.integers(1, 4).flatmap(
            lambda n: st.lists(st.lists(_ROW_CELLS, min_size=n, max_size=n), max_size=8)
        )
    )
    @settings(max_examples=examples(100))
    def test_are_the_blank_rows_and_the_notes(self, rows):
        from enforcement_core.tables._cells import blank
        from enforcement_core.tables._columns import _unread_rows
        from enforcement_core.tables._publicity import is_note

        width = len(rows[0]) if rows else 2
        table = pa.table(
            {f"c{i}": pa.array([row[i] for row in rows], pa.string()) for i in range(width)}
        )
        expected = [all(blank(cell) for cell in row) or is_note(list(row)) for row in rows]
        assert _unread_rows(table).tolist() == expected

    def test_two_full_columns_and_one_on_both_sides(self):
        from enforcement_core.tables._columns import _unread_rows

        two = pa.table({"a": ["甲", "乙"], "b": ["丙", "丁"], "c": ["注：说明", None]})
        assert _unread_rows(two).tolist() == [False, False]
        one = pa.table({"a": ["注：说明", "乙"], "b": [None, "丁"], "c": [" ", None]})
        assert _unread_rows(one).tolist() == [True, False]


@given(valid_reports(), st.data())
@settings(max_examples=examples(30), deadline=None)
def test_unknown_figures_left_at_once_as_one_by_one(report, data):
    """Every path left unknown together is each left unknown in turn."""
    from enforcement_core.statistics import FIGURE_FIELDS, report_figures

    paths = [path for path, _ in report_figures(report)]
    chosen = data.draw(st.lists(st.sampled_from(paths), unique=True)) if paths else []
    fields = {name: getattr(report, name) for name in FIGURE_FIELDS}
    one_by_one = reduce(lambda left, path: leave_unknown(left, [path]), chosen, fields)
    assert leave_unknown(fields, chosen) == one_by_one


def test_unknown_figures_of_one_group():
    from enforcement_core.figures import PenaltyFigures

    figures = {"penalty": PenaltyFigures(cases=3, legal_reviews=0, filed=1)}
    left = leave_unknown(figures, ["penalty.legal_reviews", "penalty.filed"])
    assert (left["penalty"].legal_reviews, left["penalty"].filed) == (None, None)
    assert left["penalty"].cases == 3
    assert attrs.evolve(left["penalty"], legal_reviews=0, filed=1) == figures["penalty"]


def test_a_date_before_the_epoch():
    assert _arrow_values([dt.date(1, 1, 1)], pa.date32()).to_pylist() == [dt.date(1, 1, 1)]


# A table past the engine's few distinct values (``_FEW``): its checks run in Arrow and on fen.
_BIG_HEADERS = [
    "行政相对人名称",
    "行政相对人类别",
    "统一社会信用代码",
    "行政处罚决定书文号",
    "处罚类别",
    "罚款金额（万元）",
    "处罚决定日期",
    "处罚机关",
]
_BAD_BIG = {
    "行政处罚决定书文号": ["a b", "a.b", "\u200b", "x\x00"],
    "罚款金额（万元）": ["999999999999.999999", "-5", "1,2OO", "0.0000001", "-0.01"],
    "统一社会信用代码": ["123", "91350100M000100Y44"],
}


def _big_table(bad_rows):
    rows = [
        {
            "行政相对人名称": f"某企业{n % 3000}",
            "行政相对人类别": "法人及非法人组织",
            "统一社会信用代码": "91350100M000100Y43" if n % 7 == 0 else "",
            "行政处罚决定书文号": f"罚〔2023〕{n}号",
            "处罚类别": "罚款" if n % 5 else "警告",
            "罚款金额（万元）": f"{n // 100}.{n % 100:02d}{n % 7}{n % 3}{n % 10}" if n % 5 else "0",
            "处罚决定日期": f"2023-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
            "处罚机关": "某镇人民政府",
        }
        for n in range(_FEW * 3 // 2)
    ]
    for row, header, value in bad_rows:
        rows[row][header] = value
    return _national_csv(_BIG_HEADERS, rows)


def _both_paths(data):
    found = []
    for read in (
        lambda: ec.read_ledger(io.BytesIO(data), body=_BODY, year=2023),
        lambda: read_columnar(io.BytesIO(data), body=_BODY, year=2023).to_ledger(),
    ):
        try:
            found.append(read().penalty_cases)
        except ec.LoadError as error:
            # As tests/test_columnar.py compares them: a row's problems in any order (the
            # object path reports them by the record's fields, the columnar by their names).
            found.append(
                {(p.row, p.header, repr(p.value), p.message, p.message_zh) for p in error.problems}
            )
    return found


def _read_encoded(data, mapping=None):
    """The columns of a national CSV that its reader reads dictionary-encoded, by header."""
    from enforcement_core.tables._arrow_files import _arrow_sheets
    from enforcement_core.tables.columnar import _to_encode

    [(_, table)] = _arrow_sheets(io.BytesIO(data), "csv", "t", mapping, _to_encode("t", mapping))
    return {field.name for field in table.schema if pa.types.is_dictionary(field.type)}


class TestReadEncoded:
    """A national CSV is read encoded, but for its decision numbers and amounts (many distinct cells)."""

    def test_every_column_but_the_decision_numbers_and_amounts(self):
        unhashed = {"行政处罚决定书文号", "罚款金额（万元）"}
        assert _read_encoded(_big_table([])) == set(_BIG_HEADERS) - unhashed

    def test_the_decision_numbers_under_a_mapped_header(self):
        headers = [h if h != "行政处罚决定书文号" else "处罚文书编号" for h in _BIG_HEADERS]
        rows = [
            {h: ("罚〔2023〕1号" if h == "处罚文书编号" else "") for h in headers},
            {h: ("罚〔2023〕2号" if h == "处罚文书编号" else "") for h in headers},
        ]
        data = _national_csv(headers, rows)
        unhashed = {"处罚文书编号", "罚款金额（万元）"}
        assert _read_encoded(data, {"处罚文书编号": "id"}) == set(headers) - unhashed


_BODY = ec.body.EnforcementBody("某镇人民政府", ec.body.BodyLevel.TOWN)


class TestABigTable:
    """Past ``_FEW`` distinct values, the engine's checks of text and amounts give the object path's."""

    def test_good_cells_give_the_same_records(self):
        by_objects, by_columns = _both_paths(_big_table([]))
        assert len(by_objects) == _FEW * 3 // 2
        assert by_objects == by_columns
        # An amount of places in 万元 is read to the fen: 0.12502 万元 (n = 12) is 1250.20 元.
        assert str(by_columns[12].fine) == "1250.20"
        assert by_columns[10].fine is None  # 警告, fine 0: no fine

    @given(
        st.lists(
            st.tuples(
                st.integers(0, _FEW * 3 // 2 - 1),
                st.sampled_from(sorted(_BAD_BIG)).flatmap(
                    lambda h: st.tuples(st.just(h), st.sampled_from(_BAD_BIG[h]))
                ),
            ),
            min_size=1,
            max_size=4,
        )
    )
    @settings(max_examples=examples(10), deadline=None)
    def test_bad_cells_give_the_same_problems(self, bad):
        bad_rows = [(row, header, value) for row, (header, value) in bad]
        by_objects, by_columns = _both_paths(_big_table(bad_rows))
        assert isinstance(by_columns, set)
        assert by_objects == by_columns
        assert by_columns

    @pytest.mark.parametrize(
        ("header", "value", "refused"),
        [
            # The largest amount, 999,999,999,999.99 元, on both sides: in 万元 to six places.
            ("罚款金额（万元）", "99999999.999999", False),
            ("罚款金额（万元）", "100000000", True),
            ("罚款金额（万元）", "999999999999.999999", True),
            # A negative zero, refused in a row of 罚款 by both paths ("write 0"); in a row
            # without a fine both take it as no fine, so it is not among _BAD_BIG.
            ("罚款金额（万元）", "-0", True),
            ("行政处罚决定书文号", "罚〔2023〕甲号", False),
            ("行政处罚决定书文号", "a b", True),
        ],
    )
    def test_a_cell_on_either_side_of_its_check(self, header, value, refused):
        by_objects, by_columns = _both_paths(_big_table([(7, header, value)]))
        assert by_objects == by_columns
        if refused:
            assert {(row, at) for row, at, *_ in by_columns} == {(9, header)}
        else:
            assert len(by_columns) == _FEW * 3 // 2


@given(
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 3)), max_size=30),
    st.sampled_from([0, 10_000]),
)
@settings(max_examples=examples(50))
def test_a_blank_body_code_takes_the_one_its_name_gives(rows, unused):
    """``_filled_codes``, counted or sorted (many names unused), is the rule row by row."""
    from enforcement_core.scale import _filled_codes

    # Names and codes: position 0 blank, the others given; ``unused`` names no row gives.
    named = [None, "甲", "乙", "丙", "丁", *(f"名{n}" for n in range(unused))]
    coded = [None, "C1", "C2", "C3"]
    names = np.array([n for n, _ in rows], dtype=np.int64)
    codes = np.array([c for _, c in rows], dtype=np.int64)
    given_codes: dict[int, set[int]] = {}
    for n, c in rows:
        if named[n] and coded[c]:
            given_codes.setdefault(n, set()).add(c)
    expected = [
        next(iter(given_codes[n])) if not coded[c] and len(given_codes.get(n, ())) == 1 else c
        for n, c in rows
    ]
    assert _filled_codes(names, codes, named, coded).tolist() == expected


# A party's parts: names and numbers good, blank, invisible or unprintable; kinds a member or not.
_PARTY_TEXTS = st.sampled_from(
    [None, "某厂", "  ", "", "\u200b", "a\x00b", "张三", "91500000MA5U000000"]
)
_PARTY_KINDS = st.sampled_from([None, "enterprise", *ec.actions.PartyKind])
_PARTY_ROWS = st.lists(
    st.tuples(st.booleans(), _PARTY_TEXTS, _PARTY_KINDS, _PARTY_TEXTS, _PARTY_TEXTS), max_size=30
)


def _factor_of(values: list[object]) -> _Factor:
    """A column of ``values`` as the engine holds it: its distinct values (None last), a code a row."""
    # By type too: the text "enterprise" equals PartyKind.ENTERPRISE, and is not one.
    at: dict[tuple[type, object], int] = {}
    codes = [at.setdefault((type(v), v), len(at)) for v in values]
    return _Factor([v for _, v in at] + [None], np.array(codes, dtype=np.int32))


@settings(max_examples=examples(200))
@given(rows=_PARTY_ROWS)
def test_a_party_is_refused_by_its_parts_as_when_built(rows):
    """Each part checked once per distinct value refuses the rows whose Party, built, is refused."""
    from enforcement_core.tables._publicity_columns import _Parties, _refused_parties

    present = np.array([row[0] for row in rows], dtype=bool)
    name, kind, number, personal = (_factor_of([row[i] for row in rows]) for i in range(1, 5))
    by_parts = _refused_parties(_Parties(present, name, number, personal, kind))
    built = []
    for there, *parts in rows:
        numbers = {
            k: v
            for k, v in zip(("id_number", "personal_id"), parts[2:], strict=True)
            if v is not None
        }
        try:
            if there:
                ec.actions.Party(parts[0], parts[1], **numbers)
            built.append(False)
        except ec.errors.InvariantError:
            built.append(True)
    assert built == by_parts.tolist()
    # Every row with a party holding a blank name is refused; a row without one never is.
    assert not by_parts[~present].any()
    assert all(by_parts[i] for i, row in enumerate(rows) if row[0] and row[1] in (None, "  ", ""))


def test_a_partys_fields_are_each_checked_by_their_value_alone():
    """What lets a party be checked part by part: no check of Party reads another field."""
    from enforcement_core.tables._publicity_columns import _party_checks

    assert not hasattr(ec.actions.Party, "__attrs_post_init__")
    assert [f.name for f in attrs.fields(ec.actions.Party)] == list(_party_checks())


class TestUnhashed:
    """The decision numbers and the amounts in 万元 are read a cell a row, every other column hashed."""

    def test_on_both_sides(self):
        from enforcement_core.tables._publicity import published_layouts
        from enforcement_core.tables._publicity_columns import _unhashed

        columns = {c.key: c for c in published_layouts()["penalty-2021-legal"].columns}
        assert all(_unhashed(columns[key]) for key in ("id", "fine", "confiscation"))
        for key in ("party.name", "party.credit_code", "decided_on", "body", "sanctions", "text"):
            assert not _unhashed(columns[key])
        # An amount with a check of its own, or a list of amounts, is read once per distinct text.
        assert not _unhashed(attrs.evolve(columns["fine"], check=lambda _: None))
        assert not _unhashed(attrs.evolve(columns["fine"], listed=True))

    def test_an_amount_at_many_rows_is_read_once_and_reported_at_each(self, monkeypatch):
        from enforcement_core.tables import _columns

        read: Counter[object] = Counter()
        parsed = _columns._parsed

        def counted(column, value):
            read[value] += 1
            return parsed(column, value)

        monkeypatch.setattr(_columns, "_parsed", counted)
        header = "罚款金额（万元）"
        bad = [(row, header, "1,2OO") for row in (3, 8, 21)]
        by_objects, by_columns = _both_paths(
            _big_table([*bad, (4, header, "1,000"), (9, header, "1,000")])
        )
        assert by_objects == by_columns
        assert {row for row, at, *_ in by_columns if at == header} == {5, 10, 23}
        # Neither text is plain digits: the reader reads each once, not once a row.
        assert (read["1,2OO"], read["1,000"]) == (1, 1)

    def test_an_amount_read_by_its_reader_at_many_rows(self):
        header = "罚款金额（万元）"
        good = [(row, header, text) for row, text in ((4, "1,000"), (9, "1,000"), (14, " 2.5"))]
        by_objects, by_columns = _both_paths(_big_table(good))
        assert by_objects == by_columns
        assert [str(by_columns[row].fine) for row in (4, 9, 14)] == [
            "10000000",
            "10000000",
            "25000",
        ]


_CELLS = st.lists(st.sampled_from([None, "", "  ", "a", " b ", "甲"]), max_size=30)


@settings(max_examples=examples(100))
@given(
    _CELLS.flatmap(
        lambda c: st.tuples(st.just(c), st.lists(st.booleans(), min_size=len(c), max_size=len(c)))
    ),
    st.booleans(),
)
def test_a_blank_or_null_cell_points_at_the_last_slot(cells_passed, hashed):
    """A column read: each row's value its cell trimmed; a blank, null or passed one at the last slot (``None``)."""
    cells, passed = cells_passed
    from enforcement_core.tables._arrow_files import _encoded
    from enforcement_core.tables._columns import _read_column
    from enforcement_core.tables._publicity import published_layouts

    [name] = [c for c in published_layouts()["penalty-2021-legal"].columns if c.key == "party.name"]
    encoded = _encoded(pa.array(cells, pa.string()), hashed=hashed)
    problems: list[object] = []
    skipped = np.array(passed, dtype=bool)
    read = _read_column(
        "t", encoded, name, problems, np.zeros(len(cells), dtype=bool), passed=skipped
    )
    expected = [
        None if cell is None or not cell.strip() or over else cell.strip()
        for cell, over in zip(cells, passed, strict=True)
    ]
    assert [read.distinct[code] for code in read.codes.tolist()] == expected
    last = len(read.distinct) - 1
    assert [code == last for code in read.codes.tolist()] == [v is None for v in expected]
    assert problems == []


@pytest.mark.parametrize(
    ("names", "present", "expected"),
    [
        # Every row with a party, none refused; then one refused name; then a row without one.
        (["某厂", "张三", "某厂"], [True, True, True], [False, False, False]),
        (["某厂", "\u200b", "某厂"], [True, True, True], [False, True, False]),
        (["某厂", "\u200b", "某厂"], [True, False, True], [False, False, False]),
    ],
)
def test_refused_parties_on_both_sides(names, present, expected):
    """Every row with a party or not, a part refused or none: the rows refused are the rows of the refused part."""
    from enforcement_core.tables._publicity_columns import _Parties, _refused_parties

    rows = len(names)
    from enforcement_core.actions import PartyKind

    kind = _factor_of([next(iter(PartyKind))] * rows)
    nothing = _factor_of([None] * rows)
    parties = _Parties(np.array(present), _factor_of(names), nothing, nothing, kind)
    assert _refused_parties(parties).tolist() == expected


_SAMPLED = st.lists(st.sampled_from([None, "", "  ", "甲", " 乙 ", "x"]), max_size=40)


@settings(max_examples=examples(100))
@given(_SAMPLED, st.integers(1, 40))
def test_a_sample_of_text_held_in_arrow_is_its_values(cells, size):
    """The first rows' values of a column of Arrow text, taken at once, are those looked at one by one."""
    from enforcement_core.tables._arrow_files import _encoded, _Texts
    from enforcement_core.tables._columns import _read_column
    from enforcement_core.tables._distinct import _factor, _sample
    from enforcement_core.tables._publicity import published_layouts

    [name] = [c for c in published_layouts()["penalty-2021-legal"].columns if c.key == "party.name"]
    encoded = _encoded(pa.array(cells, pa.string()), hashed=False)
    read = _read_column("t", encoded, name, [], np.zeros(len(cells), dtype=bool), lazy=True)
    factor = _factor(read)
    assert isinstance(factor.distinct, _Texts)
    one_by_one = [factor.distinct[c] for c in factor.codes.tolist()]
    assert _sample(factor) == one_by_one
    assert one_by_one == [None if c is None or not c.strip() else c.strip() for c in cells]
    shorter = attrs.evolve(factor, codes=factor.codes[:size])
    assert _sample(shorter) == one_by_one[:size]


_WHERE_VALUES = st.lists(st.sampled_from([None, "", "甲", "乙", 0, 3]), min_size=1, max_size=20)


@settings(max_examples=examples(100))
@given(
    _WHERE_VALUES.flatmap(lambda v: st.tuples(st.just(v), st.sampled_from(["all", "some"]))),
    st.data(),
)
def test_where_keeps_the_rows_given_every_row_or_some(drawn, data):
    """``where`` of a factor, with every row kept (its codes kept as they are) or some: the rows' values."""
    values, which = drawn
    rows = [True] * len(values)
    if which == "some":
        rows = data.draw(st.lists(st.booleans(), min_size=len(values), max_size=len(values)))
    factor = _factor_of(values)
    # Asked before, which rows have a value is known, and must hold after.
    assert factor.given().tolist() == [v is not None for v in values]
    kept = factor.where(np.array(rows, dtype=bool))
    expected = [v if r else None for v, r in zip(values, rows, strict=True)]
    assert [kept.distinct[c] for c in kept.codes.tolist()] == expected
    assert kept.given().tolist() == [v is not None for v in expected]
    assert kept.truthy().tolist() == [bool(v) for v in expected]


@pytest.mark.parametrize("every", [True, False])
def test_where_of_text_and_amounts_every_row_or_not(every):
    """Text held in Arrow and amounts held as fen: every row kept gives the factor itself, else the rows'."""
    from enforcement_core.tables._arrow_files import _encoded
    from enforcement_core.tables._columns import _read_column
    from enforcement_core.tables._distinct import _factor, _TextFactor
    from enforcement_core.tables._publicity import published_layouts

    [name] = [c for c in published_layouts()["penalty-2021-legal"].columns if c.key == "party.name"]
    cells = ["甲", None, " 乙", "  "]
    encoded = _encoded(pa.array(cells, pa.string()), hashed=False)
    text = _factor(_read_column("t", encoded, name, [], np.zeros(4, dtype=bool), lazy=True))
    assert isinstance(text, _TextFactor)
    amounts, values = _amount_factor([(150, True), None, (0, True), (Decimal("0.5"), False)])
    rows = np.array([True, True, every, True, True][: len(values)])
    for factor, expected in ((text, ["甲", None, "乙", None]), (amounts, values)):
        kept = factor.where(rows[: len(expected)])
        assert (kept is factor) == every
        wanted = [v if r else None for v, r in zip(expected, rows.tolist(), strict=False)]
        assert [kept.distinct[c] for c in kept.codes.tolist()] == wanted
        assert kept.given().tolist() == [v is not None for v in wanted]
