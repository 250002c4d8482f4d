"""Arrow arrays to and from Python and numpy values, without importing pandas.

When pandas is installed, pyarrow imports it the first time it converts a value of
Python's or numpy's (``pyarrow.array``, ``pyarrow.scalar``, a Python constant given to
a compute function, ``Array.to_numpy``) or groups a table (``Table.group_by``, through
``pyarrow.acero`` and ``pyarrow.dataset``): about 0.3 s of CPU and 40 MiB, more than
reading a million-row CSV file. The column engine never needs pandas, so it makes its
arrays from buffers and reads them back as buffers, through the few functions here.
``tests/test_arrow.py`` holds each to pyarrow's own conversion, and runs every table
path in a fresh interpreter to show that pandas stays unimported.

Each function imports pyarrow when first called; ``MissingExtraError`` names the extra.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import itertools
import operator
import os
import re
import sys
from typing import TYPE_CHECKING, Any, Final

from enforcement_core._extras import require
from enforcement_core._held import Held

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    import numpy as np

__all__ = [
    "contiguous",
    "engine_memory",
    "from_numpy",
    "matching",
    "pa",
    "pc",
    "roomy_heap",
    "scalar",
    "small_pages",
    "strings",
    "system_memory_pool",
    "to_numpy",
]

#: The largest byte offset a ``string`` array holds; longer text goes to ``large_string``.
_INT32_MAX = 2**31 - 1


def contiguous(column: Any) -> Any:
    """One array of ``column``'s values, copied only when its chunks must be joined.

    A chunked array's only chunk is given as it is; an array too. ``ChunkedArray.combine_chunks`` copies a column of one chunk too: 0.26 s for two
    million lists of two strings, and memory first touched that the copy did not need.

    Examples:
        >>> import pyarrow
        >>> one = pyarrow.chunked_array([pyarrow.array(["a", "b"])])
        >>> contiguous(one).buffers()[2].address == one.chunk(0).buffers()[2].address
        True
        >>> contiguous(pyarrow.chunked_array([["a"], ["b"]])).to_pylist()
        ['a', 'b']
    """
    if not hasattr(column, "num_chunks"):
        return column
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def pa() -> Any:
    """pyarrow, or an error that names the ``tables`` extra."""
    return require("pyarrow", "tables", "Columnar ledgers")


def pc() -> Any:
    """pyarrow.compute, or an error that names the ``tables`` extra."""
    return require("pyarrow.compute", "tables", "Columnar ledgers")


def _np() -> Any:
    import numpy as np  # noqa: PLC0415  (pyarrow's own dependency, imported with it)

    return np


def from_numpy(values: np.ndarray[Any, Any]) -> Any:
    """An Arrow array of a one-dimensional numpy array of numbers or booleans, no nulls.

    Numbers share the numpy array's memory when it is contiguous; booleans are packed
    into Arrow's bits.

    Examples:
        >>> import numpy
        >>> from_numpy(numpy.array([3, 1, 2])).to_pylist()
        [3, 1, 2]
        >>> from_numpy(numpy.array([True, False, True])).type
        DataType(bool)
    """
    np_ = _np()
    pyarrow = pa()
    if values.ndim != 1:
        raise ValueError(f"from_numpy takes a one-dimensional array, not {values.ndim} dimensions")
    if values.dtype == np_.bool_:
        bits = np_.packbits(values, bitorder="little")
        return pyarrow.Array.from_buffers(
            pyarrow.bool_(), len(values), [None, pyarrow.py_buffer(bits)]
        )
    if values.dtype.kind not in "iuf":
        raise TypeError(f"from_numpy takes numbers or booleans, not {values.dtype}")
    values = np_.ascontiguousarray(values)
    arrow_type = pyarrow.from_numpy_dtype(values.dtype)
    return pyarrow.Array.from_buffers(arrow_type, len(values), [None, pyarrow.py_buffer(values)])


def to_numpy(array: Any) -> np.ndarray[Any, Any]:
    """A numpy array of an Arrow array (or chunked array) of numbers or booleans, no nulls.

    Numbers of one chunk share its memory (read-only); booleans are unpacked.

    Examples:
        >>> import pyarrow
        >>> to_numpy(pyarrow.chunked_array([[1, 2], [3]])).tolist()
        [1, 2, 3]
        >>> to_numpy(pyarrow.chunked_array([[True], [False, True]])).tolist()
        [True, False, True]
    """
    np_ = _np()
    pyarrow = pa()
    if isinstance(array, pyarrow.ChunkedArray):
        chunks = [to_numpy(chunk) for chunk in array.chunks]
        if len(chunks) == 1:
            return chunks[0]
        joined: np.ndarray[Any, Any] = (
            np_.concatenate(chunks) if chunks else np_.empty(0, _dtype(array.type))
        )
        return joined
    if array.null_count:
        raise ValueError(f"to_numpy takes an array without nulls; this one has {array.null_count}")
    arrow_type = array.type
    if pyarrow.types.is_dictionary(arrow_type):
        raise TypeError("to_numpy takes numbers or booleans; give it a dictionary's indices")
    data = array.buffers()[1]
    if pyarrow.types.is_boolean(arrow_type):
        if data is None:
            return np_.zeros(len(array), np_.bool_)  # type: ignore[no-any-return]
        bits = np_.frombuffer(data, np_.uint8)
        unpacked = np_.unpackbits(bits, count=array.offset + len(array), bitorder="little")
        flags: np.ndarray[Any, Any] = unpacked[array.offset :].view(np_.bool_)
        return flags
    if not (pyarrow.types.is_integer(arrow_type) or pyarrow.types.is_floating(arrow_type)):
        raise TypeError(f"to_numpy takes numbers or booleans, not {arrow_type}")
    dtype = np_.dtype(_dtype(arrow_type))
    if data is None:
        return np_.empty(0, dtype)  # type: ignore[no-any-return]
    numbers: np.ndarray[Any, Any] = np_.frombuffer(
        data, dtype, count=len(array), offset=array.offset * dtype.itemsize
    )
    return numbers


#: A pattern of one class of characters, repeated, from start to end: ``^[...]+$``.
_ONE_CLASS: Final = re.compile(r"\^(\[(?:[^\]\\]|\\.)+\])\+\$")


def matching(texts: Any, pattern: str) -> np.ndarray[Any, Any]:
    r"""Which of ``texts`` (an Arrow text array) RE2's ``pattern`` matches, as numpy booleans; a null does not.

    A pattern of one class of characters repeated (``^[...]+$``, as an identifier's
    ``plain_pattern``) is first run once over every text's bytes, joined: when every
    character of them is of the class, each text that is not empty matches, and the
    texts are not matched one by one (a million decision numbers: 0.04 s, not 0.07).
    Otherwise, or with a null among them (or texts of another type than ``string`` or
    ``large_string``), each text is matched alone.

    Examples:
        >>> import pyarrow
        >>> plain = r"^[\p{L}\p{N}-]+$"
        >>> matching(pyarrow.array(["罚〔2023〕1号", "A-1", ""]), r"^[\p{L}\p{N}〔〕]+$").tolist()
        [True, False, False]
        >>> matching(pyarrow.array(["甲-1", "B2", None]), plain).tolist()
        [True, True, False]
        >>> matching(pyarrow.array(["甲-1", "B2", ""]), plain).tolist()
        [True, True, False]
    """
    np_ = _np()
    pyarrow, compute = pa(), pc()
    texts = contiguous(texts)
    one_class = _ONE_CLASS.fullmatch(pattern)
    wide = pyarrow.types.is_large_string(texts.type)
    plain = wide or pyarrow.types.is_string(texts.type)
    if one_class is not None and plain and len(texts) and not texts.null_count:
        ends = np_.frombuffer(
            texts.buffers()[1],
            dtype=np_.int64 if wide else np_.int32,
            count=texts.offset + len(texts) + 1,
        )[texts.offset :]
        bounds = np_.array([ends[0], ends[-1]], dtype=np_.int64)
        joined = pyarrow.LargeStringArray.from_buffers(
            1, pyarrow.py_buffer(bounds), texts.buffers()[2]
        )
        every = compute.match_substring_regex(joined, f"^{one_class.group(1)}*$")
        if every[0].as_py():
            given: np.ndarray[Any, Any] = np_.diff(ends) > 0
            return given
    matched = compute.match_substring_regex(texts, pattern)
    return to_numpy(compute.fill_null(matched, scalar(value=False)))


def _dtype(arrow_type: Any) -> str:
    # DataType.to_pandas_dtype would do, but may consult pandas.
    if pa().types.is_boolean(arrow_type):
        return "bool"
    if pa().types.is_floating(arrow_type):
        return f"float{arrow_type.bit_width}"
    if pa().types.is_unsigned_integer(arrow_type):
        return f"uint{arrow_type.bit_width}"
    return f"int{arrow_type.bit_width}"


def dictionary(indices: np.ndarray[Any, Any], values: Sequence[str]) -> Any:
    """An Arrow ``dictionary<int32, string>`` of ``values`` by ``indices`` (int32; -1 a null).

    Examples:
        >>> import numpy
        >>> dictionary(numpy.array([1, -1, 0, 1], numpy.int32), ["甲", "乙"]).to_pylist()
        ['乙', None, '甲', '乙']
    """
    np_ = _np()
    pyarrow = pa()
    nulls = indices < 0
    validity, null_count = None, int(np_.count_nonzero(nulls))
    if null_count:
        indices = np_.where(nulls, np_.int32(0), indices)
        validity = pyarrow.py_buffer(np_.packbits(~nulls, bitorder="little"))
    codes = np_.ascontiguousarray(indices, dtype=np_.int32)
    arrow_indices = pyarrow.Array.from_buffers(
        pyarrow.int32(), len(codes), [validity, pyarrow.py_buffer(codes)], null_count=null_count
    )
    return pyarrow.DictionaryArray.from_arrays(arrow_indices, strings(values))


def strings(values: Sequence[str | None]) -> Any:
    """An Arrow ``string`` array of Python texts (None for a null).

    ``large_string`` when the texts together pass 2 GiB of UTF-8.

    Examples:
        >>> strings(["甲", None, ""]).to_pylist()
        ['甲', None, '']
        >>> strings([]).type
        DataType(string)
    """
    np_ = _np()
    pyarrow = pa()
    count = len(values)
    nulls = values.count(None)
    validity = None
    texts: Sequence[str | None] = values
    if nulls:
        texts = ["" if value is None else value for value in values]
    data, offsets = _utf8(texts)  # type: ignore[arg-type]
    if nulls:
        # Without an empty text among them, the nulls are the texts of no bytes.
        valid = (
            np_.diff(offsets) != 0
            if not values.count("")
            else np_.fromiter(map(operator.is_not, values, itertools.repeat(None)), bool, count)
        )
        validity = pyarrow.py_buffer(np_.packbits(valid, bitorder="little"))
    large = int(offsets[-1]) > _INT32_MAX
    arrow_type = pyarrow.large_string() if large else pyarrow.string()
    if not large:
        offsets = offsets.astype(np_.int32)
    return pyarrow.Array.from_buffers(
        arrow_type,
        count,
        [validity, pyarrow.py_buffer(offsets), pyarrow.py_buffer(data)],
        null_count=nulls,
    )


def _utf8(texts: Sequence[str]) -> tuple[bytes, Any]:
    """The texts' UTF-8 one after another, and where each begins (``int64``, one more than the texts).

    Joined by NUL and encoded once, each text's place found among the NULs' by numpy:
    a column of a sheet's text is a value a row, and encoding each (a Python loop)
    took three times as long. A text holding a NUL itself is encoded alone, text by text.
    """
    np_ = _np()
    count = len(texts)
    joined = "\x00".join(texts)
    if count and joined.count("\x00") == count - 1:
        data = joined.encode()
        ends = np_.flatnonzero(np_.frombuffer(data, np_.uint8) == 0)
        offsets = np_.empty(count + 1, np_.int64)
        offsets[0] = 0
        offsets[1:-1] = ends - np_.arange(count - 1)
        offsets[-1] = len(data) - (count - 1)
        return data.replace(b"\x00", b""), offsets
    encoded = list(map(str.encode, texts))
    offsets = np_.zeros(count + 1, np_.int64)
    np_.cumsum(np_.fromiter(map(len, encoded), np_.int64, count=count), out=offsets[1:])
    return b"".join(encoded), offsets


def scalar(value: str | int | bool | None, arrow_type: Any = None) -> Any:  # noqa: FBT001
    """An Arrow scalar, to give a compute function a constant.

    A text is a ``string`` scalar, a bool a ``bool_`` one, an int an ``int64`` one
    (or ``arrow_type``, cast safely); None is a null of ``arrow_type``.

    Examples:
        >>> scalar("罚款")
        <pyarrow.StringScalar: '罚款'>
        >>> scalar(7, pa().int32())
        <pyarrow.Int32Scalar: 7>
        >>> scalar(None, pa().string()).is_valid
        False
    """
    np_ = _np()
    pyarrow = pa()
    if value is None:
        if arrow_type is None:
            raise TypeError("scalar(None) needs the Arrow type of the null")
        return pyarrow.nulls(1, arrow_type)[0]
    if isinstance(value, str):
        array = strings([value])
    elif isinstance(value, bool):
        array = from_numpy(np_.array([value]))
    elif isinstance(value, int):
        array = from_numpy(np_.array([value], np_.int64))
    else:
        raise TypeError(f"scalar takes a text, an int, a bool or None, not {type(value).__name__}")
    if arrow_type is not None and array.type != arrow_type:
        array = array.cast(arrow_type)
    return array[0]


def _system_pool() -> Callable[[], object]:
    pyarrow = pa()
    before = pyarrow.default_memory_pool()
    pyarrow.set_memory_pool(pyarrow.system_memory_pool())
    return lambda: pyarrow.set_memory_pool(before)


#: The system pool as pyarrow's default (see :func:`system_memory_pool`).
_POOL: Final = Held(_system_pool)


def system_memory_pool() -> contextlib.AbstractContextManager[None]:
    """The system's memory pool (``malloc``) as pyarrow's default while a table is read.

    pyarrow's own default, mimalloc, gives back the memory a step frees (after a
    second) and commits it again, zeroed page by page, when the next step asks:
    on a 2-core Linux machine reading a million rows, 1.6 to 1.8 s of kernel time
    more than the whole read takes in Python and Arrow (docs/performance.md). Arrays
    remember the pool they came from, so the swap changes no result, and the pool
    is given back when the last read running ends.
    """
    return _POOL.held()


def _no_huge_page_advice() -> Callable[[], object] | None:
    # numpy 2's place, then numpy 1's; without numpy (or the toggle) nothing changes.
    for place in ("numpy._core.multiarray", "numpy.core.multiarray"):
        try:
            toggle = getattr(importlib.import_module(place), "_set_madvise_hugepage", None)
        except ImportError:
            continue
        if toggle is not None:
            before = bool(toggle(False))  # noqa: FBT003  (numpy's positional flag)
            return lambda: toggle(before)
    return None


#: numpy's huge-page advice off (see :func:`small_pages`).
_PAGES: Final = Held(_no_huge_page_advice)


def small_pages() -> contextlib.AbstractContextManager[None]:
    """The column engine's numpy arrays given no huge-page advice while it works (Linux).

    numpy asks the kernel for transparent huge pages (``madvise(MADV_HUGEPAGE)``) on
    every array of 4 MiB or more; where the kernel's THP ``defrag`` setting is
    ``madvise`` (Ubuntu's and Debian's default), a fault on such memory while no huge
    page is free compacts memory then and there (numpy/numpy#31590). Reading the
    national table of a million rows took 0.52 to 1.08 s of kernel time in seven of
    eight runs with the advice, 0.37 to 0.46 s in every run without it, the same user
    time (docs/performance-history.md). numpy's setting is given back when the last
    holder ends; it is advice only, and changes no result.
    """
    return _PAGES.held()


@contextlib.contextmanager
def engine_memory() -> Iterator[None]:
    """The memory the column engine works in: the system's pool for Arrow, small pages for numpy.

    :func:`system_memory_pool` and :func:`small_pages`, held together while a table
    is read or summarised; each is given back when the last holder ends.

    Examples:
        >>> with engine_memory():
        ...     sum(range(4))
        6
    """
    with system_memory_pool(), small_pages():
        yield


#: glibc's ``mallopt`` parameters (malloc.h).
_M_TRIM_THRESHOLD: Final = -1
_M_MMAP_THRESHOLD: Final = -3
#: glibc's mmap threshold when its dynamic threshold is off and none is given.
_MMAP_THRESHOLD_FIXED: Final = 128 * 1024
#: The largest mmap threshold glibc takes on 64 bits (half its heap's largest size).
_MMAP_THRESHOLD_ROOMY: Final = 32 * 1024 * 1024
#: A trim threshold no task's frees reach: the heap is given back once, at the end.
_TRIM_THRESHOLD_ROOMY: Final = 1 << 30


def _glibc() -> Any:
    """The C library if it is glibc (``mallopt`` and ``malloc_trim``), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)
        libc.gnu_get_libc_version  # noqa: B018  (glibc's own: musl has mallopt too)
        libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
    except (OSError, AttributeError):
        return None
    return libc


def _fixed_thresholds() -> tuple[int, int] | None:
    """The trim and mmap thresholds this process was started with, when they are fixed.

    ``MALLOC_TRIM_THRESHOLD_`` (which distributed's nanny gives each Dask worker) turns
    glibc's dynamic mmap threshold off for good: every block above 128 KiB is then a
    mapping of its own, given back when freed and faulted in anew, page by page, when
    the next one is asked for. Only then are the settings known, and can be given back
    exactly; None otherwise (the dynamic threshold is glibc's alone, and stays as it is).
    """
    try:
        trim = int(os.environ["MALLOC_TRIM_THRESHOLD_"])
        mmap = int(os.environ.get("MALLOC_MMAP_THRESHOLD_", _MMAP_THRESHOLD_FIXED))
    except (KeyError, ValueError):
        return None
    # mallopt takes a C int: a setting beyond it could not be put back as it was.
    if not (0 <= trim < 2**31 and 0 <= mmap < 2**31):
        return None
    return trim, mmap


def _roomy_thresholds() -> Callable[[], object] | None:
    fixed = _fixed_thresholds()
    libc = _glibc() if fixed is not None else None
    if libc is None or fixed is None:
        return None
    libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD_ROOMY)
    libc.mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD_ROOMY)
    trim, mmap = fixed

    def put_back() -> None:
        libc.mallopt(_M_MMAP_THRESHOLD, mmap)
        libc.mallopt(_M_TRIM_THRESHOLD, trim)
        libc.malloc_trim(0)

    return put_back


#: glibc's thresholds raised (see :func:`roomy_heap`).
_HEAP: Final = Held(_roomy_thresholds)


def roomy_heap() -> contextlib.AbstractContextManager[None]:
    """The C library's heap kept while a task runs (glibc), in a process started with a fixed trim threshold.

    Under ``MALLOC_TRIM_THRESHOLD_`` each numpy temporary and Arrow buffer above
    128 KiB is a fresh mapping: 10M rows on 2 Dask workers took 1.5 million page
    faults and about 4 s of kernel time a worker (docs/scale.md). For the task, the
    mmap threshold is raised to 32 MiB and the trim threshold to 1 GiB, so freed
    blocks are taken again; when the last task holding it ends, the process's own
    settings are put back and ``malloc_trim(0)`` gives the freed memory back, as the
    trim threshold asks. Elsewhere (no fixed threshold, not glibc) it changes nothing.

    Examples:
        >>> with roomy_heap():
        ...     sum(range(4))
        6
    """
    return _HEAP.held()
