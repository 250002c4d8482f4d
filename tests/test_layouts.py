"""The 双公示 tables as published: their layouts, mapping with units, amounts in free text."""

from __future__ import annotations

import io
from decimal import Decimal

import enforcement_core as ec
from enforcement_core.tables import read_columnar

BODY = ec.EnforcementBody("重庆市渝北区古路镇人民政府", ec.BodyLevel.TOWN)
YEAR = 2023


def _both(data: bytes, **options):
    """The ledger (or the problems, as text) by the object path and by the columnar path."""
    found = []
    for read in (
        lambda: ec.read_ledger(io.BytesIO(data), body=BODY, year=YEAR, **options),
        lambda: read_columnar(io.BytesIO(data), body=BODY, year=YEAR, **options).to_ledger(),
    ):
        try:
            found.append(read())
        except ec.LoadError as error:
            found.append([(p.row, p.header, p.message) for p in error.problems])
    return found


class TestMappingUnits:
    """A mapping states the unit of the amounts it maps; it never moves them between units."""

    # A province's export: the fine in 元, where the national table's column is in 万元.
    TABLE = (
        "行政相对人名称,行政相对人类别,行政处罚决定书文号,处罚类别,罚款金额（元）,处罚决定日期,处罚机关\n"
        "某某建材厂,法人及非法人组织,古路罚〔2023〕1号,罚款,6800,2023-05-02,重庆市渝北区古路镇人民政府\n"
    ).encode("gb18030")

    def test_a_header_in_yuan_onto_a_column_in_wan_yuan_is_refused(self):
        """罚款金额（元） mapped onto the 万元 fine without a unit: refused, never 68,000,000 元."""
        by_objects, by_columns = _both(self.TABLE, mapping={"罚款金额（元）": "fine"})
        assert by_objects == by_columns
        ((row, header, message),) = by_columns
        assert (1, "罚款金额（元）") == (row, header)
        assert "the header is in 元 and the column 罚款金额（万元） in 万元" in message
        assert "('fine', '元')" in message

    def test_the_unit_given_reads_the_amount_as_written(self):
        """With its unit, 6800 in 元 is 6800 元 on both paths: not 68,000,000."""
        by_objects, by_columns = _both(self.TABLE, mapping={"罚款金额（元）": ("fine", "元")})
        assert Decimal(6800) == by_objects.penalty_cases[0].fine
        assert Decimal(6800) == by_columns.penalty_cases[0].fine
        assert Decimal(6800) == ec.summarize(by_columns).penalty.fines

    def test_a_unit_against_the_header_is_refused(self):
        """The header says 元, the mapping 万元: which is meant cannot be told."""
        by_objects, by_columns = _both(self.TABLE, mapping={"罚款金额（元）": ("fine", "万元")})
        assert by_objects == by_columns
        assert [
            (1, "罚款金额（元）", "the header is in 元 and the mapping says 万元")
        ] == by_columns

    def test_a_header_without_a_unit_needs_one(self):
        """罚款 onto the 万元 fine: the unit is not guessed."""
        data = self.TABLE.decode("gb18030").replace("罚款金额（元）", "罚款").encode()
        by_objects, by_columns = _both(data, mapping={"罚款": "fine"})
        assert by_objects == by_columns
        assert "the header names no unit" in by_columns[0][2]
        ledger = ec.read_ledger(io.BytesIO(data), body=BODY, mapping={"罚款": ("fine", "万元")})
        assert Decimal(68_000_000) == ledger.penalty_cases[0].fine

    def test_the_columns_own_unit_needs_nothing_more(self):
        """A header in 万元 onto the 万元 fine reads as the column does."""
        data = self.TABLE.decode("gb18030").replace("罚款金额（元）", "罚没款（万元）")
        data = data.replace(",6800,", ",0.68,").encode()
        by_objects, by_columns = _both(data, mapping={"罚没款（万元）": "fine"})
        assert Decimal(6800) == by_objects.penalty_cases[0].fine == by_columns.penalty_cases[0].fine

    def test_the_librarys_own_yuan_column_is_held_to_its_unit(self):
        """The library's sheets are in 元: a header in 万元 mapped onto them needs its unit."""
        data = (
            "编号,决定日期,执法领域,处罚种类,罚款（万元）\nP-1,2023-08-01,交通,罚款,0.02\n".encode()
        )
        by_objects, by_columns = _both(data, mapping={"罚款（万元）": "fine"})
        assert by_objects == by_columns
        assert "the header is in 万元 and the column 罚款金额（元） in 元" in by_columns[0][2]
        by_objects, by_columns = _both(data, mapping={"罚款（万元）": ("fine", "万元")})
        assert Decimal(200) == by_objects.penalty_cases[0].fine == by_columns.penalty_cases[0].fine

    def test_a_unit_for_a_column_of_no_amount_is_refused(self):
        """A unit given for a date or a name is a mistake in the mapping, said as one."""
        data = "案号,日期,领域\nP-1,2023-08-01,交通\n".encode()
        mapping = {"案号": ("id", "元"), "日期": "decided_on", "领域": "domain"}
        by_objects, by_columns = _both(data, mapping=mapping)
        assert by_objects == by_columns
        assert "holds no amount" in by_columns[0][2]

    def test_an_unknown_unit_is_refused(self):
        """Only 元 and 万元 are units of amounts."""
        by_objects, by_columns = _both(self.TABLE, mapping={"罚款金额（元）": ("fine", "千元")})
        assert by_objects == by_columns
        assert "'千元' is not a unit" in by_columns[0][2]

    def test_header_unit(self):
        """The unit is read off the end of a header, in either width of brackets."""
        from enforcement_core.tables._layout import header_unit

        assert "万元" == header_unit("罚款金额 (万元)")
        assert "元" == header_unit("罚款金额（元）")
        assert header_unit("元旦") is None
        assert header_unit("罚款金额") is None
