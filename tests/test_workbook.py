"""Workbooks measured before they are read: the extent of a worksheet's XML, chunk by chunk."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enforcement_core.errors import LoadError
from enforcement_core.tables import _workbook
from enforcement_core.tables._workbook import (
    _CELL,
    _CELL_REF,
    _CHUNK,
    _DIMENSION,
    _ROW,
    _ROW_REF,
    _column_number,
    _flag,
    _flags,
    _measure,
    _measure_tokens,
)
from profiles import examples


def reference_extent(chunks: list[bytes]) -> list[int]:
    """The extent as the first measure found it: each match of each pattern, one by one.

    Every chunk is searched with the end of the one before (4,096 bytes), and a
    match counted once, in the chunk where it ends.
    """
    extent = [0, 0, 0, 0, 0, 0, 0, 0]
    tail = b""
    for chunk in chunks:
        text = tail + chunk
        start = len(tail)
        for found in _CELL_REF.finditer(text):
            if found.end() > start:
                column, row = _column_number(found.group(1)), int(found.group(2))
                extent[1] = max(extent[1], column)
                extent[0] = max(extent[0], row)
                extent[5] = max(extent[5], row)
                if row >= extent[7]:
                    extent[7], extent[6] = row, column
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


def _cell(column: str, row: int, prefix: str, cell: tuple[bool, str, int]) -> str:
    referenced, value, padding = cell
    # An attribute before the reference makes the tag as long as a hostile file wants.
    pad = f' x="{"a" * padding}"' if padding else ""
    reference = f' r="{column}{row}"' if referenced else ""
    return f'<{prefix}c{pad}{reference} t="inlineStr"><{prefix}is><{prefix}t>{value}</{prefix}t></{prefix}is></{prefix}c>'


# Tags longer than the 4,096 bytes the measure once kept of a tag cut by a chunk, and
# longer than the chunks the tests cut (a hostile file's reference can lie past both).
_PADDING = st.sampled_from([0, 0, 0, 100, 4_100, 9_000])


_ROWS = st.lists(
    st.tuples(
        st.integers(1, 2_000_000),  # the row's number, in any order (a stray cell far below)
        st.booleans(),  # whether the row states its number
        st.lists(
            st.tuples(
                st.sampled_from(["A", "B", "H", "Z", "AA", "XFD"]),
                st.booleans(),  # whether the cell states its reference
                st.sampled_from(["P-1", "", "&#32534;", "a b", "12:30"]),
                _PADDING,
            ),
            max_size=4,
        ),
        _PADDING,
    ),
    max_size=12,
)


def _cut(xml: bytes, cuts: list[int]) -> list[bytes]:
    chunks, at = [], 0
    for size in cuts:
        chunks.append(xml[at : at + size])
        at += size
    chunks.append(xml[at:])
    return chunks


@settings(max_examples=examples(200))
@given(
    rows=_ROWS,
    prefix=st.sampled_from(["", "x:"]),
    dimension=st.none() | st.sampled_from(["A1:H9", "B2", "A1:XFD1048576"]),
    cuts=st.lists(st.integers(1, 400) | st.integers(1, 12_000), max_size=30),
)
def test_the_extent_of_a_sheet_is_the_same_however_its_xml_is_cut(rows, prefix, dimension, cuts):
    """Measured a chunk at a time, the extent is the one measured of the whole XML at once,
    match by match, though a tag be longer than a chunk and than the 4,096 bytes once kept."""
    parts = [f"<{prefix}worksheet>"]
    if dimension is not None:
        parts.append(f'<{prefix}dimension ref="{dimension}"/>')
    parts.append(f"<{prefix}sheetData>")
    for number, stated, cells, padding in rows:
        pad = f' x="{"a" * padding}"' if padding else ""
        parts.append(f'<{prefix}row{pad} r="{number}">' if stated else f"<{prefix}row{pad}>")
        parts += [_cell(cell[0], number, prefix, cell[1:]) for cell in cells]
        parts.append(f"<{prefix}row/>" if not cells and number % 2 else f"</{prefix}row>")
    parts.append(f"</{prefix}sheetData></{prefix}worksheet>")
    xml = "".join(parts).encode()
    extent = [0, 0, 0, 0, 0, 0, 0, 0]
    left = b""
    for chunk in _cut(xml, cuts):
        left = _measure(left, chunk, extent)
    _measure(left, b"", extent, end=True)
    assert reference_extent([xml]) == extent
    # The fast measure counts what is there: every referenced cell, every row tag.
    assert extent[3] == len(re.findall(rb'<(?:\w+:)?c(?: x="a*")? r="', xml))
    assert extent[4] == len(re.findall(rb"<(?:\w+:)?row[\s/>]", xml))


def reference_tokens(tokens: list[bytes], extent: list[int]) -> None:
    """The tokens' part of the extent as the measure once found it: token by token."""
    references = [token for token in tokens if token[0] > ord("9")]
    stated = [int(token) for token in tokens if token[0] <= ord("9")]
    if references:
        rows = [int(reference.lstrip(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")) for reference in references]
        letters = {reference.rstrip(b"0123456789") for reference in references}
        extent[1] = max(extent[1], *map(_column_number, letters))
        lowest = max(rows)
        extent[0] = max(extent[0], lowest)
        extent[5] = max(extent[5], lowest)
        if lowest >= extent[7]:
            last = references[len(rows) - 1 - rows[::-1].index(lowest)]
            extent[7], extent[6] = lowest, _column_number(last.rstrip(b"0123456789"))
    if stated:
        extent[0] = max(extent[0], *stated)
        extent[5] = max(extent[5], *stated)


# Tokens as _ANY_REF gives them: a row's number, or a cell's reference (leading zeros and
# all, nine digits at most), a few rows and columns so that rows and columns repeat.
_TOKENS = st.lists(
    st.tuples(
        st.sampled_from(["", "", "A", "B", "Z", "AA", "XFD"]),
        st.sampled_from(["", "0", "00"]),
        st.integers(1, 12) | st.integers(1, 9_999_999),
    ).map(lambda token: f"{token[0]}{token[1]}{token[2]}".encode()),
    min_size=1,
    max_size=40,
)


@settings(max_examples=examples(300))
@given(tokens=_TOKENS, before=st.lists(st.integers(0, 2_000_000), min_size=8, max_size=8))
def test_the_tokens_of_a_chunk_are_measured_as_token_by_token(tokens, before):
    """All tokens at once (joined, their digits and letters taken by the bytes' methods)
    give the extent the token-by-token measure gave: the greatest row, the widest column,
    and the lowest reference's row and the column of the last cell on it."""
    expected, extent = list(before), list(before)
    reference_tokens(tokens, expected)
    _measure_tokens(tokens, extent)
    assert expected == extent


def test_a_row_stated_below_every_cell_leaves_the_lowest_cell_where_it_is():
    """The greatest number a row's (9), the lowest cell is still the last on row 4 (C4)."""
    extent = [0] * 8
    _measure_tokens([b"4", b"A4", b"C4", b"B2", b"9"], extent)
    assert (extent[0], extent[7], extent[6]) == (9, 4, 3)
    extent = [0] * 8
    _measure_tokens([b"9", b"A9", b"C9", b"9"], extent)
    assert (extent[0], extent[7], extent[6]) == (9, 9, 3)


@pytest.mark.parametrize(
    ("xml", "cells", "referenced"),
    [
        (b'<c r="A1"/>', 1, 1),
        (b"<c r='B2' t=\"s\"><v>1</v></c>", 1, 1),
        (b'<c\nr="A1"></c>', 1, 1),
        (b'<c t="s" r="AA10"/>', 1, 1),
        (b'<x:c r="A1"/>', 1, 1),
        # No reference in the tag: a cell placed after the one before.
        (b"<c><v>1</v></c>", 1, 0),
        (b"<c/>", 1, 0),
        (b'<c t="s"><v>1</v></c>', 1, 0),
        # What looks like a reference in a cell's value is not its tag's.
        (b'<c><is><t>r="A1"</t></is></c>', 1, 0),
        (b'<c>r="A1"</c>', 1, 0),
        (b'<c t="s"><v>r="A1"</v></c>', 1, 0),
        # Not a cell's tag at all.
        (b'<col r="A1"/><cols/>', 0, 0),
    ],
)
def test_cells_and_cells_with_a_reference_are_counted(xml, cells, referenced):
    """Each cell's tag counted once, and as referenced only if the tag itself holds one."""
    extent = [0] * 8
    _measure(b"", xml, extent, end=True)
    assert (extent[2], extent[3]) == (cells, referenced)


def reference_flags(xml: bytes) -> list[tuple[int, int, str]]:
    """The cells flagged in the whole XML at once, cell by cell."""
    whole = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
    flags = (_flag(found.group(1), found.group(2) or b"") for found in whole.finditer(xml))
    return [flag for flag in flags if flag is not None]


_FLAGGED_CELLS = st.lists(
    st.tuples(
        st.sampled_from(["A", "B", "XFD"]),
        st.sampled_from(
            [
                "<v>12</v>",
                "<f>1/0</f><v>#DIV/0!</v>",  # an error, once the attribute says so
                "<f>SUM(A1:A9)</f>",  # a formula never computed
                "<f>SUM(A1:A9)</f><v></v>",
                "<f>SUM(A1:A9)</f><v>45</v>",  # computed: not flagged
                "<f>" + "A1+" * 3_000 + "1</f>",  # a long formula never computed
            ]
        ),
        st.booleans(),  # typed as an error
        _PADDING,
        st.booleans(),  # self-closing (no content)
    ),
    max_size=10,
)


@settings(max_examples=examples(200))
@given(
    cells=_FLAGGED_CELLS,
    prefix=st.sampled_from(["", "x:"]),
    cuts=st.lists(st.integers(1, 400) | st.integers(1, 12_000), max_size=30),
)
def test_the_cells_flagged_are_the_same_however_the_xml_is_cut(cells, prefix, cuts):
    """Errors and formulas never computed are flagged as in the whole XML at once, though a
    cell be longer than a chunk and than the 4,096 bytes of it once kept."""
    parts = [f"<{prefix}worksheet><{prefix}sheetData>"]
    for number, (column, written, error, padding, empty) in enumerate(cells, start=1):
        pad = f' x="{"a" * padding}"' if padding else ""
        typed = ' t="e"' if error else ""
        content = written.replace("<", f"<{prefix}").replace(f"<{prefix}/", f"</{prefix}")
        parts.append(f'<{prefix}row r="{number}">')
        if empty:
            parts.append(f'<{prefix}c{pad} r="{column}{number}"{typed}/>')
        else:
            parts.append(f'<{prefix}c{pad} r="{column}{number}"{typed}>{content}</{prefix}c>')
        parts.append(f"</{prefix}row>")
    parts.append(f"</{prefix}sheetData></{prefix}worksheet>")
    xml = "".join(parts).encode()
    flagged: list[tuple[int, int, str]] = []
    held = b""
    for chunk in _cut(xml, cuts):
        held = _flags(held, chunk, flagged)
    _flags(held, b"", flagged, end=True)
    assert reference_flags(xml) == flagged
    # Every error cell (its value, else #VALUE!) and every formula without a value, in order.
    expected = []
    for number, (column, content, error, _, empty) in enumerate(cells, start=1):
        value = None if empty else re.search(r"<v>([^<]*)</v>", content)
        if error:
            expected.append(
                (number, _column_number(column.encode()), value[1] if value else "#VALUE!")
            )
        elif not empty and "<f>" in content and not (value and value[1]):
            expected.append((number, _column_number(column.encode()), ""))
    assert expected == flagged


def _straddling(tags: list[str]) -> bytes:
    """A workbook whose sheet holds ``tags``, the n-th begun 5,000 bytes before the end of the
    n-th chunk the guard reads, so that each is cut by a chunk's end more than 4 KiB into it."""
    head = b'<?xml version="1.0"?><worksheet><dimension ref="A1"/><sheetData>'
    xml = head
    for number, tag in enumerate(tags, start=1):
        xml += b" " * (number * _CHUNK - 5_000 - len(xml)) + tag.encode()
    xml += b"</sheetData></worksheet>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<workbook/>")
        book.writestr("xl/worksheets/sheet1.xml", xml)
    return buffer.getvalue()


_LONG = "a" * 6_000


def test_a_stray_cell_whose_tags_straddle_chunks_is_refused():
    """A cell at XFD1048576 whose row and cell tags are longer than 4 KiB, each cut by a chunk's
    end: refused before it is read (it was let through, to make the reader lay out 17
    billion cells)."""
    data = _straddling(
        [
            f'<row x="{_LONG}" r="1048576">',
            f'<c x="{_LONG}" r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
        ]
    )
    with pytest.raises(LoadError, match="spans 1,048,576 rows and 16,384 columns"):
        _workbook._checked_zip(data, "straddle.xlsx")


def test_an_error_cell_straddling_chunks_is_flagged():
    """An Excel error and a formula never computed, in cells longer than 4 KiB cut by a chunk's
    end: flagged (they were read as empty)."""
    data = _straddling(
        [
            f'<row r="2"><c x="{_LONG}" r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
            f'<row r="3"><c r="D3"><f>{"A1+" * 3_000}1</f></c></row>',
        ]
    )
    assert {"sheet1.xml": [(2, 3, "#DIV/0!"), (3, 4, "")]} == {
        title.rsplit("/", 1)[-1]: flags
        for title, flags in _workbook._checked_zip(data, "errors.xlsx").items()
        if flags
    }


def test_a_sheet_of_cells_never_closed_is_measured_in_linear_time():
    """Cells that open and never close are given up at the next cell: a chunk of them is
    searched once, not once a cell (200,000 of them took minutes)."""
    flagged: list[tuple[int, int, str]] = []
    held = _flags(b"", b'<c r="A1" t="e">' * 200_000, flagged)
    _flags(held, b"", flagged, end=True)
    assert flagged == []


def _sheet_with(cells: str) -> bytes:
    """A workbook whose one sheet holds a header row and ``cells`` (XML) below it."""
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row>'
        f"{cells}</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        book.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        book.writestr(
            "xl/workbook.xml",
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        book.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


# Ways XML may write an attribute that a reader takes as Excel writes it.
_QUOTED = [
    pytest.param('r="{}"', id="double quotes"),
    pytest.param("r='{}'", id="single quotes"),
    pytest.param('r = "{}"', id="spaces around ="),
    pytest.param("r\n=\t'{}'", id="line break and tab"),
]


@pytest.mark.parametrize("written", _QUOTED)
def test_the_guard_measures_the_extent_the_reader_lays_out(written):
    """However a reference is quoted, the guard measures the sheet as calamine lays it out
    (single quotes hid a cell at Z5000 from the guard, and so one at XFD1048576)."""
    calamine = pytest.importorskip("python_calamine")
    reference = written.format("Z5000")
    data = _sheet_with(
        f'<row {written.format("5000")}><c {reference} t="inlineStr"><is><t>q</t></is></c></row>'
    )
    sheet = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    extent = [0, 0, 0, 0, 0, 0, 0, 0]
    _measure(b"", xml, extent, end=True)
    assert (5000, 26) == (sheet.height, sheet.width) == (extent[0], extent[1])


@pytest.mark.parametrize("written", _QUOTED)
def test_a_stray_cell_however_quoted_is_refused(written):
    """A cell at XFD1048576, its reference quoted any way XML allows: refused before it is read."""
    row = written.format("1048576")
    cell = written.format("XFD1048576")
    data = _sheet_with(f'<row {row}><c {cell} t="inlineStr"><is><t>q</t></is></c></row>')
    with pytest.raises(LoadError, match="spans 1,048,576 rows and 16,384 columns"):
        _workbook._checked_zip(data, "quoted.xlsx")


@pytest.mark.parametrize("typed", ['t="e"', "t='e'", 't = "e"'])
def test_an_error_cell_however_quoted_is_flagged(typed):
    """An Excel error whose type is quoted any way XML allows is flagged (calamine reads it as
    an error, and gives it as empty)."""
    data = _sheet_with(f'<row r="2"><c r="B2" {typed}><v>#N/A</v></c></row>')
    assert [(2, 2, "#N/A")] == _workbook._checked_zip(data, "error.xlsx")["S"]


# Cells whose reference the first of a tag's tokens is not: what a reader takes is the
# attribute r itself (calamine: the last given), wherever it stands in the tag.
_HIDDEN = [
    pytest.param('x="r=\'A2\'" r="{}"', id="a value holding a reference before it"),
    pytest.param('x=\'r="A2"\' r="{}"', id="the same in single quotes"),
    pytest.param('x="a>b" r="{}"', id="a '>' in a value before it"),
    pytest.param('x="<" r="{}"', id="a '<' in a value before it"),
    pytest.param('r="A1" r="{}"', id="given twice"),
    pytest.param('x="1"r="{}"', id="no space before it"),
]


@pytest.mark.parametrize("written", _HIDDEN)
def test_the_guard_measures_at_least_what_the_reader_lays_out(written):
    """A reference behind another token of its tag: the guard's extent is at least
    calamine's (each of these hid a cell at Z5000 from it)."""
    calamine = pytest.importorskip("python_calamine")
    cell = written.format("Z5000")
    data = _sheet_with(f'<row r="5000"><c {cell} t="inlineStr"><is><t>q</t></is></c></row>')
    sheet = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    extent = [0, 0, 0, 0, 0, 0, 0, 0]
    _measure(b"", xml, extent, end=True)
    assert (sheet.height, sheet.width) == (5000, 26)
    assert (extent[0], extent[1]) >= (5000, 26)


@pytest.mark.parametrize("written", _HIDDEN)
def test_a_hidden_stray_cell_is_refused(written):
    """A cell at XFD1048576 behind another token of its tag, in a row without a number:
    refused before it is read."""
    cell = written.format("XFD1048576")
    data = _sheet_with(f'<row><c {cell} t="inlineStr"><is><t>q</t></is></c></row>')
    with pytest.raises(LoadError, match="spans 1,048,576 rows and 16,384 columns"):
        _workbook._checked_zip(data, "hidden.xlsx")


@pytest.mark.parametrize(
    ("cell", "flag"),
    [
        ('<c r="B3" t="e"><v>#N/A</v></c>', (3, 2, "#N/A")),
        ("<c r='B3' t='e'><v>#REF!</v></c>", (3, 2, "#REF!")),
        ('<c r="B3" t="e"/>', (3, 2, "#VALUE!")),
        ('<c r="B3"><f>SUM(A1:A2)</f></c>', (3, 2, "")),
        ('<x:c r="B3"><x:f>SUM(A1:A2)</x:f></x:c>', (3, 2, "")),
        ('<c r="B3"><f>SUM(A1:A2)</f><v>3</v></c>', None),
        ('<c r="B3" t="inlineStr"><is><t>e</t></is></c>', None),
    ],
)
def test_each_mark_of_a_cell_flagged_is_looked_for(cell, flag):
    """An error typed either way and a formula, prefixed or not, are found among plain cells."""
    plain = '<c r="A1" t="inlineStr"><is><t>P-1</t></is></c>' * 50
    flagged: list[tuple[int, int, str]] = []
    held = _flags(b"", f"<sheetData>{plain}{cell}{plain}</sheetData>".encode(), flagged)
    _flags(held, b"", flagged, end=True)
    assert ([] if flag is None else [flag]) == flagged


# A sheet's rows as calamine gives them ---------------------------------------------------

#: Cells a sheet may hold: texts (some repeated, some that look like nothing), numbers, dates.
CELL_VALUES = st.one_of(
    st.sampled_from(["罚款", "警告", "是", "否", " ", "0", "P1"]),
    st.text(min_size=1, max_size=6),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
)


@settings(max_examples=examples(100), deadline=None)
@given(
    cells=st.dictionaries(
        st.tuples(st.integers(1, 12), st.integers(1, 6)), CELL_VALUES, max_size=30
    )
)
def test_a_sheets_rows_are_calamines_from_a1(cells):
    """_sheet_rows reads calamine's rows a row at a time as to_python(skip_empty_area=False)
    gives them, "" as None, wherever the cells begin (leading empty rows and columns), and
    holds each repeated text once."""
    import openpyxl
    import python_calamine

    from enforcement_core.tables._files import _sheet_rows

    book = openpyxl.Workbook()
    sheet = book.active
    for (row, column), value in cells.items():
        # openpyxl refuses control characters; calamine would read them as written.
        if isinstance(value, str) and not value.isprintable():
            continue
        sheet.cell(row=row, column=column, value=value)
    data = io.BytesIO()
    book.save(data)
    found = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data.getvalue()))
    read = found.get_sheet_by_index(0)
    expected = [
        [None if cell == "" else cell for cell in row]
        for row in read.to_python(skip_empty_area=False)
    ]
    rows = _sheet_rows(read)
    assert expected == rows
    assert [[type(c) for c in row] for row in expected] == [[type(c) for c in row] for row in rows]
    texts = [cell for row in rows for cell in row if isinstance(cell, str)]
    assert len({id(text) for text in texts}) == len(set(texts))


def test_an_empty_sheets_rows():
    """A sheet with no cell has no rows (calamine's iterator would not start on it)."""
    import openpyxl
    import python_calamine

    from enforcement_core.tables._files import _sheet_rows

    data = io.BytesIO()
    openpyxl.Workbook().save(data)
    found = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data.getvalue()))
    assert [] == _sheet_rows(found.get_sheet_by_index(0))
