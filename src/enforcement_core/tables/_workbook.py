"""Excel workbooks read safely: measured from their XML before a reader lays them out.

A workbook (.xlsx) is a zip of XML parts. Before calamine reads it, every part is
decompressed once, counting, and each worksheet's extent is measured from its cell and
row references, so that no workbook can make the reader allocate past the limits
(:data:`MAX_DECOMPRESSED_BYTES`, :data:`MAX_CELLS`, :data:`MAX_EMPTY_ROWS`). Cells a
reader gives as empty though they are not (Excel errors, formulas never computed,
merged cells among the records) are refused at their cell.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from typing import TYPE_CHECKING, Final

from enforcement_core.tables._problems import _column_letters, _megabytes, refusal

if TYPE_CHECKING:
    from enforcement_core.errors import LoadError


__all__ = ["MAX_CELLS", "MAX_DECOMPRESSED_BYTES", "MAX_EMPTY_ROWS", "checked_xls"]

#: The most a workbook's parts may hold once decompressed (a reader holds them all).
MAX_DECOMPRESSED_BYTES: Final = 256 * 2**20
#: The most cells a sheet may span, rows times columns, counted before it is read:
#: a reader lays a sheet out whole, so one stray cell at XFD1048576 would ask for 17
#: billion cells.
MAX_CELLS: Final = 10_000_000
#: The most empty rows a sheet's extent may hold, counted before it is read: a reader
#: lays every row out, so one stray cell at A1048576 below a table of ten rows cost
#: seconds and hundreds of megabytes to be refused as a record without values.
MAX_EMPTY_ROWS: Final = 100_000


_CHUNK: Final = 2**20


# Where a worksheet's XML places its cells: the cell and row references, the stated
# dimension, and cells and rows written without a reference (placed one after another).
# An attribute is found however XML may write it (quoted either way, spaces around '='),
# as the reader takes it: a reference in single quotes once hid a stray cell. _CELL_REF and
# _ROW_REF, a tag's first reference, are the first measure's; the tests hold to them.
_CELL_REF: Final = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br\s*=\s*[\"']([A-Z]{1,4})([0-9]{1,9})[\"']")


_ROW_REF: Final = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br\s*=\s*[\"']([0-9]{1,9})[\"']")


# Every cell's tag, in one search: the quote that closes its reference when its tag holds
# one (as _CELL_REF finds it), else nothing. A cell counts as _CELL counts it, and its
# reference is looked for up to the tag's end alone ('<c>' holds none; '<c/>' and '<c r=..'
# may). One search where two took 0.44 s of CPU over a sheet of 200,000 rows (1.5 million
# cells): 0.23 s. Single bytes are the cheapest results findall makes (CPython keeps one
# object of each).
_CELL_TAG: Final = re.compile(
    rb"<(?:\w+:)?c(?:[\s/](?:[^>]*?\br\s*=\s*[\"'][A-Z]{1,4}[0-9]{1,9}([\"']))?|>)"
)


# Any token a reader could take for a cell's reference or a row's number, in any tag.
_ANY_REF: Final = re.compile(rb"r\s*=\s*[\"']([A-Z]{0,4}[0-9]{1,9})[\"']")
_NINE: Final = ord("9")
_LETTERS: Final = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGITS: Final = b"0123456789"


_DIMENSION: Final = re.compile(
    rb"<(?:\w+:)?dimension\b[^>]*?\bref\s*=\s*[\"'](?:[A-Z]*[0-9]*:)?([A-Z]{1,4})([0-9]{1,9})[\"']"
)


_CELL: Final = re.compile(rb"<(?:\w+:)?c[\s/>]")


_ROW: Final = re.compile(rb"<(?:\w+:)?row[\s/>]")


# The same patterns for XML without a namespace prefix (no ':' in it): each starts with a
# literal, which the regular expression engine searches for fast (three times as fast).
_UNPREFIXED: Final = {
    pattern: re.compile(pattern.pattern.replace(rb"(?:\w+:)?", b""))
    for pattern in (_CELL_TAG, _ROW, _DIMENSION)
}


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _not_a_workbook(name: str, why: str = "") -> LoadError:
    detail = f" ({why})" if why else ""
    return refusal(
        name,
        f"not an Excel workbook that can be read{detail}: save it as .xlsx",
        f"不是可读取的Excel工作簿{detail}：请另存为.xlsx",
    )


def _checked_zip(data: bytes, name: str) -> dict[str, list[_Flag]]:
    """Refuse a workbook that would decompress past the limits, before it is read.

    Every part is decompressed once here, counting (the sizes a zip states can
    lie), and each worksheet's extent is measured from its cell references.
    """
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        parts = book.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _not_a_workbook(name, str(error)) from None
    if not any(part.filename == "xl/workbook.xml" for part in parts):
        raise _not_a_workbook(name, "a zip file without xl/workbook.xml")
    budget = MAX_DECOMPRESSED_BYTES
    too_big = refusal(
        name,
        f"the workbook holds more than {_megabytes(MAX_DECOMPRESSED_BYTES)} once decompressed",
        f"工作簿解压后大于{_megabytes(MAX_DECOMPRESSED_BYTES)}",
    )
    if sum(part.file_size for part in parts) > budget:
        raise too_big
    titles = _sheet_titles(book)
    flagged: dict[str, list[_Flag]] = {}
    for part in parts:
        title = titles.get(part.filename, part.filename)
        budget -= _read_part(book, part, budget, (name, title, flagged))
        if budget < 0:
            raise too_big
    return flagged


def _read_part(
    book: zipfile.ZipFile,
    part: zipfile.ZipInfo,
    budget: int,
    where: tuple[str, str, dict[str, list[_Flag]]],
) -> int:
    """Decompress one part, up to one chunk past ``budget``; how much it held.

    A worksheet is measured as it goes, and refused when it spans more than
    :data:`MAX_CELLS` cells; ``where`` is the file, the sheet's title, and where
    its cells without a value (errors, formulas never computed) go by title.
    """
    name, title, flagged = where
    sheet = part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml")
    # rows, columns, cells, referenced cells, rows written, the lowest row, the lowest
    # cell's column and row (the stated dimension counts in the extent, never as a row written)
    extent = [0, 0, 0, 0, 0, 0, 0, 0]
    held: _Held = b""
    left: _Held = b""
    size = 0
    try:
        with book.open(part) as stream:
            while size <= budget and (chunk := stream.read(_CHUNK)):
                size += len(chunk)
                if sheet:
                    held = _flags(held, chunk, flagged.setdefault(title, []))
                    left = _measure(left, chunk, extent)
            if sheet:
                _flags(held, b"", flagged.setdefault(title, []), end=True)
                _measure(left, b"", extent, end=True)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as error:
        raise _not_a_workbook(name, f"{part.filename}: {error}") from None
    rows, columns, cells, referenced, written, lowest, lowest_column, _ = extent
    # Cells written without a reference are placed after each other: as wide as all.
    columns = max(columns, cells - referenced)
    _within_limits(name, title, (rows, columns), (max(lowest, written), lowest_column), written)
    return size


def _within_limits(
    name: str,
    title: str,
    extent: tuple[int, int],
    lowest: tuple[int, int],
    written: int,
) -> None:
    """Refuse a sheet (of a workbook of either format) that would pass the limits once laid out.

    ``extent`` is the rows and columns it spans, ``lowest`` the row and column of
    its lowest cell, ``written`` how many of its rows hold a cell.
    """
    rows, columns = extent
    if rows * columns > MAX_CELLS:
        raise refusal(
            name,
            f"the sheet spans {rows:,} rows and {columns:,} columns, more than "
            f"{MAX_CELLS:,} cells: delete what lies beyond the table (a stray cell far "
            "below or to the right)",
            f"工作表的范围为{rows}行{columns}列，超过{MAX_CELLS}个单元格：请删除表格以外的内容",
            sheet=title,
            row=rows,
            header=_column_letters(columns - 1),
        )
    row, column = lowest
    if row - written > MAX_EMPTY_ROWS:
        raise refusal(
            name,
            f"the sheet's rows run to row {row:,}, and {row - written:,} of them are "
            f"empty, more than {MAX_EMPTY_ROWS:,}: delete what lies far below the table (a "
            "stray cell)",
            f"工作表的行延伸至第{row}行，其中{row - written}行为空，超过{MAX_EMPTY_ROWS}行："
            "请删除表格下方远处的内容",
            sheet=title,
            row=row,
            header=_column_letters(max(column, 1) - 1),
        )


# An .xls workbook (BIFF8, Excel 97-2003) is the stream "Workbook" of an OLE2 compound
# file (MS-CFB): sectors chained by a table of sector numbers (the FAT).
_LAST_SECTOR: Final = 0xFFFFFFFA  # above it: end of chain, free, FAT or DIFAT sectors
_STREAMS: Final = ("Workbook", "Book")
# BIFF records (MS-XLS 2.3): a sheet's BOF and name, its stated extent, and its cells.
_BOF, _BOUNDSHEET, _DIMENSIONS = 0x0809, 0x0085, 0x0200
_CELLS: Final = frozenset({0x0006, 0x00BD, 0x00BE, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E})


def checked_xls(data: bytes, name: str) -> None:
    """Refuse an .xls workbook whose sheets pass the limits, before a reader lays them out.

    Each sheet's DIMENSIONS record (MS-XLS 2.4.90) states its extent, and its cell
    records say where its cells are: held to :data:`MAX_CELLS` and
    :data:`MAX_EMPTY_ROWS`, as an .xlsx sheet is. A file whose structure this cannot
    follow is left to the reader, which refuses it as not a workbook.
    """
    try:
        stream = _cfb_stream(data)
    except (struct.error, IndexError, ValueError):
        return
    if stream is None:
        return
    for title, extent, lowest, written in _xls_sheets(stream):
        _within_limits(name, title, extent, lowest, written)


def _cfb_stream(data: bytes) -> bytes | None:
    """The workbook stream of an OLE2 compound file; ``None`` when it holds none."""
    shift, mini_shift = struct.unpack_from("<HH", data, 30)
    size, mini = 1 << shift, 1 << mini_shift
    if size not in (512, 4096) or mini != 64:
        return None
    (directory_start,) = struct.unpack_from("<I", data, 48)
    cutoff, minifat_start, minifat_count = struct.unpack_from("<III", data, 56)
    fat = _fat(data, size)
    directory = _chained(data, fat, (directory_start, len(data)), size, size)
    entries = [directory[at : at + 128] for at in range(0, len(directory) - 127, 128)]
    for entry in entries:
        (named,) = struct.unpack_from("<H", entry, 64)
        title = entry[: max(named - 2, 0)].decode("utf-16-le", "replace")
        start, length = struct.unpack_from("<II", entry, 116)
        if entry[66] != 2 or title not in _STREAMS:
            continue
        if length >= cutoff:
            return _chained(data, fat, (start, length), size, size)
        # A small stream lives in the mini stream, the root entry's, in sectors of 64 bytes:
        # a workbook of a few cells may still state an extent of millions.
        root_start, root_length = struct.unpack_from("<II", entries[0], 116)
        container = _chained(data, fat, (root_start, root_length), size, size)
        table = _chained(data, fat, (minifat_start, minifat_count * size), size, size)
        minifat = list(struct.unpack_from(f"<{len(table) // 4}I", table))
        return _chained(container, minifat, (start, length), mini, 0)
    return None


def _chained(
    data: bytes, table: list[int], chain: tuple[int, int], size: int, offset: int
) -> bytes:
    """The bytes of a chain of sectors: ``chain`` is its first sector and its length.

    ``table`` gives each sector's next; sectors are ``size`` bytes from ``offset``.
    """
    start, length = chain
    parts: list[bytes] = []
    sector = start
    while sector < _LAST_SECTOR and len(parts) * size < length:
        if len(parts) > len(table):
            raise ValueError("a chain of sectors that loops")
        begin = offset + sector * size
        parts.append(data[begin : begin + size])
        sector = table[sector]
    return b"".join(parts)[:length]


def _fat(data: bytes, size: int) -> list[int]:
    """The table of sector numbers of a compound file whose sectors are ``size`` bytes."""
    difat_start, difat_count = struct.unpack_from("<II", data, 68)
    per_sector = size // 4
    difat = list(struct.unpack_from("<109I", data, 76))
    sector = difat_start
    for _ in range(difat_count):
        if sector >= _LAST_SECTOR:
            break
        entries = struct.unpack_from(f"<{per_sector}I", data, (sector + 1) * size)
        difat += entries[:-1]
        sector = entries[-1]
    fat: list[int] = []
    for sector in difat:
        if sector < _LAST_SECTOR:
            fat += struct.unpack_from(f"<{per_sector}I", data, (sector + 1) * size)
    return fat


def _xls_sheets(
    stream: bytes,
) -> list[tuple[str, tuple[int, int], tuple[int, int], int]]:
    """Each worksheet of a BIFF8 stream: its title, extent, lowest cell (row, column) and rows written."""
    titles: dict[int, str] = {}
    found = []
    title, extent, lowest, rows = "", (0, 0), (0, 0), set[int]()
    at = 0
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        body = stream[at + 4 : at + 4 + length]
        if kind == _BOUNDSHEET and len(body) >= 8:
            (offset,) = struct.unpack_from("<I", body, 0)
            chars, wide = body[6], body[7] & 1
            text = body[8 : 8 + chars * (2 if wide else 1)]
            titles[offset] = text.decode("utf-16-le" if wide else "latin-1", "replace")
        elif kind == _BOF:
            if title:
                found.append((title, extent, lowest, len(rows)))
            title, extent, lowest, rows = titles.get(at, ""), (0, 0), (0, 0), set()
        elif kind == _DIMENSIONS and len(body) >= 12:
            last_row, last_column = struct.unpack_from("<I", body, 4)[0], body[10] | body[11] << 8
            extent = (max(extent[0], last_row), max(extent[1], last_column))
        elif kind in _CELLS and len(body) >= 4:
            row, column = struct.unpack_from("<HH", body, 0)
            rows.add(row)
            lowest = max(lowest, (row + 1, column + 1))
            extent = (max(extent[0], row + 1), max(extent[1], column + 1))
        at += 4 + length
    if title:
        found.append((title, extent, lowest, len(rows)))
    return found


def _sheet_titles(book: zipfile.ZipFile) -> dict[str, str]:
    """The title of each worksheet by the name of its part, as far as the workbook says."""
    import xml.etree.ElementTree as ET  # noqa: PLC0415  (read only when a workbook is)

    try:
        # Both parts are small in any real workbook; a large one is left unread.
        sizes = {part: book.getinfo(part).file_size for part in _BOOK_PARTS}
        if max(sizes.values()) > 2**24:
            return {}
        workbook = ET.fromstring(book.read("xl/workbook.xml"))  # noqa: S314  (expat refuses entity bombs)
        links = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    except (KeyError, ET.ParseError, zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return {}
    targets = {
        link.get("Id"): str(link.get("Target", "")) for link in links if link.get("Id") is not None
    }
    titles = {}
    for element in workbook.iter():
        if element.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        link = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
        target = targets.get(link, "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        titles[part] = str(element.get("name", part))
    return titles


_BOOK_PARTS: Final = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")


#: What a chunk leaves to be read with the next: the start of a tag or cell not yet closed.
#: It grows in place while the chunks that follow cannot close it, so that a tag of any
#: length costs its length once (a copy per chunk would cost its square).
_Held = bytes | bytearray


def _measure(tail: _Held, chunk: bytes, extent: list[int], *, end: bool = False) -> _Held:
    """Add a chunk of a worksheet's XML to its extent; what it leaves to measure with the next.

    ``tail`` is what the chunk before left: a tag still open at its end (a cell's
    reference may be cut in two, and a tag may be longer than a chunk). The tags of
    a chunk are measured at once, a whole list of references at a time, not
    reference by reference: a sheet of 200,000 rows holds more than a million. At
    the ``end``, nothing is left. However the XML is cut, the extent is the one
    measured of the whole at once.
    """
    if tail and not end and b">" not in chunk:
        # No pattern can cross a '>' nor end without one: the open tag goes on.
        held = tail if isinstance(tail, bytearray) else bytearray(tail)
        held += chunk
        return held
    text = bytes(tail) + chunk
    # Every match ends at or before the first '<' after the last '>' (none crosses a '>'):
    # what begins there is left whole to the next chunk, however long it is.
    start = text.find(b"<", text.rfind(b">") + 1)
    if end or start < 0:
        whole, left = text, b""
    else:
        whole, left = text[:start], text[start:]
    prefixed = b":" in whole
    cell, row, dimension = (
        pattern if prefixed else _UNPREFIXED[pattern] for pattern in (_CELL_TAG, _ROW, _DIMENSION)
    )
    # Every cell, and among them those whose tag holds a reference (the others are placed
    # one after another).
    cells = cell.findall(whole)
    extent[2] += len(cells)
    extent[3] += len(cells) - cells.count(b"")
    # The extent is every token a reader could take for a reference, wherever it is: the
    # patterns take a tag's first, and a reader its own attribute, which an attribute's
    # value written before it ('x="r=\'A2\'"'), a '>' in a value, or a reference given
    # twice (calamine keeps the last) once hid from the guard.
    tokens = _ANY_REF.findall(whole)
    if tokens:
        _measure_tokens(tokens, extent)
    # The tag is once in a sheet: the bytes' own search passes over the rest (the pattern's,
    # a tenth of the sheet's measure).
    for found in dimension.finditer(whole) if b"dimension" in whole else ():
        extent[1] = max(extent[1], _column_number(found.group(1)))
        extent[0] = max(extent[0], int(found.group(2)))
    extent[4] += len(row.findall(whole))
    # Rows written without a reference each take the next row.
    extent[0] = max(extent[0], extent[4])
    return left


def _measure_tokens(tokens: list[bytes], extent: list[int]) -> None:
    """Add a chunk's references (``A12``) and rows' numbers (``12``) to its extent.

    Over the tokens joined once, not token by token: a chunk of a megabyte holds about
    17,000 of them, and the bytes' own methods take every token's digits and letters at
    once. A number is made of each distinct run of digits (a row's number is in each of
    its cells' references: about a ninth of them are distinct).
    """
    joined = b" ".join(tokens)
    # A reference's row and a row's stated number alike (no token is without a digit).
    top = max(map(int, set(joined.translate(None, _LETTERS).split())))
    extent[0] = max(extent[0], top)
    extent[5] = max(extent[5], top)
    letters = set(joined.translate(None, _DIGITS).split())
    if not letters:
        return
    extent[1] = max(extent[1], *map(_column_number, letters))
    # The lowest cell's row and column (the last of the cells on it): kept apart from the
    # rows stated, so that it is the same however the XML is cut.
    lowest, last = _lowest_reference(tokens, top)
    if lowest >= extent[7]:
        extent[7], extent[6] = lowest, _column_number(last.rstrip(_DIGITS))


def _lowest_reference(tokens: list[bytes], top: int) -> tuple[int, bytes]:
    """The lowest row a reference of ``tokens`` names, and the last reference on it.

    ``top`` is the greatest number of the tokens: in a sheet it is almost always a
    reference's (the last cell's), found from the end in a few steps; a row stated
    below every cell of the chunk has every reference looked at.
    """
    lowest, last = -1, b""
    for token in reversed(tokens):
        if token[0] > _NINE:
            row = int(token.lstrip(_LETTERS))
            if row == top:
                return top, token
            if row > lowest:
                lowest, last = row, token
    return lowest, last


def _flags(tail: _Held, chunk: bytes, flagged: list[_Flag], *, end: bool = False) -> _Held:
    """Cells a reader would give as empty though they are not, to ``flagged``; what it leaves.

    An error (``#DIV/0!``, ``#N/A``) and a formula saved without its value. ``tail``
    is what the chunk before left: a cell begun and not yet closed, however long
    (a formula may run to 8,192 characters). At the ``end``, nothing is left. However
    the XML is cut, the cells flagged are those flagged in the whole at once.
    """
    if tail and not end and not _may_close(tail, chunk):
        growing = tail if isinstance(tail, bytearray) else bytearray(tail)
        growing += chunk
        return growing
    text = bytes(tail) + chunk
    last = 0
    # A formula may be prefixed as the sheet's other tags are ('<x:f>'): ':f' lets it be looked at.
    if _QUOTED_E.search(text) or _FORMULA.search(text):
        for found in _WHOLE_CELL.finditer(text):
            last = found.end()
            flag = _flag(found.group(1), found.group(2) or b"")
            if flag is not None:
                flagged.append(flag)
    if end:
        return b""
    # What no match has taken from its last cell on is read again with the next chunk (a
    # cell never flagged is read again harmlessly), and so is a tag cut short ('<', '<x:').
    begun = opened = text.rfind(b"<", last)
    while begun >= 0 and not _CELL_START.match(text, begun):
        begun = text.rfind(b"<", last, begun)
    begun = begun if begun >= 0 else len(text)
    if opened >= 0 and text.find(b">", opened) < 0:
        begun = min(begun, opened)
    return text[begun:]


def _may_close(tail: _Held, chunk: bytes) -> bool:
    """Whether ``chunk`` may close the cell (or tag) ``tail`` holds: whether to read it again.

    Saying so wrongly costs a second reading and no more; saying it is not so
    wrongly only delays it to a later chunk, or to the end.
    """
    if b">" not in chunk:
        return False
    opened = tail.find(b">")
    if opened < 0 or tail[opened - 1 : opened] == b"/":
        # The cell's tag is still open (or the tail is a tag cut short): any '>' may close it.
        return True
    return _CELL_CLOSE.search(bytes(tail[-256:]) + chunk) is not None


#: A cell of a worksheet: (its row, its column, both from 1, what it holds instead of a value).
_Flag = tuple[int, int, str]


# A cell's content runs to its closing tag, and never over the start of another cell: a
# cell never closed is given up at the next, not searched for to the end of the chunk
# (a sheet of unclosed cells would take the square of its length).
_WHOLE_CELL: Final = re.compile(
    rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>((?:(?!<(?:\w+:)?c\b).)*?)</(?:\w+:)?c>)", re.DOTALL
)


# What a cell flagged holds, looked for before its cells are: '"e"' (an error's type,
# quoted either way) and '<f' or ':f' (a formula). Each pattern begins with a letter the
# regular expression engine searches for fast, and looks behind it (four searches by
# 'in' took 0.3 s of CPU over a 99 MB sheet; these two, 0.1 s).
_QUOTED_E: Final = re.compile(rb"e(?<=[\"']e)[\"']")


_FORMULA: Final = re.compile(rb"f(?<=[<:]f)")


_CELL_START: Final = re.compile(rb"<(?:\w+:)?c\b")


_CELL_CLOSE: Final = re.compile(rb"</(?:\w+:)?c>")


_REFERENCE: Final = re.compile(rb"\br\s*=\s*[\"']([A-Z]{1,4})([0-9]{1,9})[\"']")


_ERROR: Final = re.compile(rb"\bt\s*=\s*[\"']e[\"']")


_VALUE: Final = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")


def _flag(attributes: bytes, content: bytes) -> _Flag | None:
    """What a cell holds in place of a value, if it does: an error, or a formula never computed."""
    reference = _REFERENCE.search(attributes)
    if reference is None:
        return None
    value = _VALUE.search(content)
    where = (int(reference.group(2)), _column_number(reference.group(1)))
    if _ERROR.search(attributes):
        return (*where, value.group(1).decode("utf-8", "replace") if value else "#VALUE!")
    if re.search(rb"<(?:\w+:)?f[\s/>]", content) and (value is None or not value.group(1)):
        return (*where, "")
    return None
