"""Workbooks measured before they are read: the extent of a worksheet's XML, chunk by chunk."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from enforcement_core.tables._workbook import (
    _CELL,
    _CELL_REF,
    _DIMENSION,
    _ROW,
    _ROW_REF,
    _column_number,
    _measure,
)
from profiles import examples


def reference_extent(chunks: list[bytes]) -> list[int]:
    """The extent as the first measure found it: each match of each pattern, one by one.

    Every chunk is searched with the end of the one before (4,096 bytes), and a
    match counted once, in the chunk where it ends.
    """
    extent = [0, 0, 0, 0, 0, 0, 0]
    tail = b""
    for chunk in chunks:
        text = tail + chunk
        start = len(tail)
        for found in _CELL_REF.finditer(text):
            if found.end() > start:
                column, row = _column_number(found.group(1)), int(found.group(2))
                extent[1] = max(extent[1], column)
                extent[0] = max(extent[0], row)
                if row >= extent[5]:
                    extent[5], extent[6] = row, column
                extent[3] += 1
        for found in _DIMENSION.finditer(text):
            if found.end() > start:
                extent[1] = max(extent[1], _column_number(found.group(1)))
                extent[0] = max(extent[0], int(found.group(2)))
        for found in _ROW_REF.finditer(text):
            if found.end() > start:
                extent[0] = max(extent[0], int(found.group(1)))
                extent[5] = max(extent[5], int(found.group(1)))
        extent[2] += sum(1 for found in _CELL.finditer(text) if found.end() > start)
        extent[4] += sum(1 for found in _ROW.finditer(text) if found.end() > start)
        extent[0] = max(extent[0], extent[4])
        tail = text[-4096:]
    return extent


def _cell(column: str, row: int, prefix: str, referenced: bool, value: str) -> str:
    reference = f' r="{column}{row}"' if referenced else ""
    return f'<{prefix}c{reference} t="inlineStr"><{prefix}is><{prefix}t>{value}</{prefix}t></{prefix}is></{prefix}c>'


_ROWS = st.lists(
    st.tuples(
        st.integers(1, 2_000_000),  # the row's number, in any order (a stray cell far below)
        st.booleans(),  # whether the row states its number
        st.lists(
            st.tuples(
                st.sampled_from(["A", "B", "H", "Z", "AA", "XFD"]),
                st.booleans(),  # whether the cell states its reference
                st.sampled_from(["P-1", "", "&#32534;", "a b", "12:30"]),
            ),
            max_size=4,
        ),
    ),
    max_size=12,
)


@settings(max_examples=examples(200))
@given(
    rows=_ROWS,
    prefix=st.sampled_from(["", "x:"]),
    dimension=st.none() | st.sampled_from(["A1:H9", "B2", "A1:XFD1048576"]),
    cuts=st.lists(st.integers(1, 400), max_size=30),
)
def test_the_extent_of_a_sheet_is_the_same_however_its_xml_is_cut(rows, prefix, dimension, cuts):
    """Measured a chunk at a time, at once, the extent is the first measure's, match by match."""
    parts = [f"<{prefix}worksheet>"]
    if dimension is not None:
        parts.append(f'<{prefix}dimension ref="{dimension}"/>')
    parts.append(f"<{prefix}sheetData>")
    for number, stated, cells in rows:
        parts.append(f'<{prefix}row r="{number}">' if stated else f"<{prefix}row>")
        parts += [_cell(column, number, prefix, ref, value) for column, ref, value in cells]
        parts.append(f"<{prefix}row/>" if not cells and number % 2 else f"</{prefix}row>")
    parts.append(f"</{prefix}sheetData></{prefix}worksheet>")
    xml = "".join(parts).encode()
    chunks, at = [], 0
    for size in cuts:
        chunks.append(xml[at : at + size])
        at += size
    chunks.append(xml[at:])
    extent = [0, 0, 0, 0, 0, 0, 0]
    left = b""
    for chunk in chunks:
        left = _measure(left, chunk, extent)
    _measure(left, b"", extent, end=True)
    assert reference_extent(chunks) == extent
    # The fast measure counts what is there: every referenced cell, every row tag.
    assert extent[3] == len(re.findall(rb'<(?:\w+:)?c r="', xml))
    assert extent[4] == len(re.findall(rb"<(?:\w+:)?row[\s/>]", xml))
