"""Arrow arrays made from buffers and read back as buffers, without pandas (``_arrow``)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

np = pytest.importorskip("numpy")
pa = pytest.importorskip("pyarrow")

from enforcement_core import _arrow  # noqa: E402  (after the skip)

INTEGER_TYPES = ["int8", "int16", "int32", "int64", "uint8", "uint32", "uint64"]


@given(st.lists(st.integers(min_value=0, max_value=120)), st.sampled_from(INTEGER_TYPES))
def test_from_numpy_is_pyarrows_conversion(values: list[int], dtype: str) -> None:
    array = np.array(values, dtype=dtype)
    made = _arrow.from_numpy(array)
    assert made.type == pa.from_numpy_dtype(array.dtype)
    assert made.to_pylist() == values


@given(st.lists(st.booleans()))
def test_booleans_pack_and_unpack(values: list[bool]) -> None:
    made = _arrow.from_numpy(np.array(values, dtype=bool))
    assert made.to_pylist() == values
    assert _arrow.to_numpy(made).tolist() == values


@given(
    st.lists(st.lists(st.integers(min_value=-(2**63), max_value=2**63 - 1)), max_size=4),
    st.integers(min_value=0, max_value=3),
)
def test_to_numpy_reads_chunks_and_slices(chunks: list[list[int]], cut: int) -> None:
    chunked = pa.chunked_array(chunks, pa.int64())
    flat = [value for chunk in chunks for value in chunk]
    assert _arrow.to_numpy(chunked).tolist() == flat
    whole = pa.array(flat, pa.int64())
    assert _arrow.to_numpy(whole[cut:]).tolist() == flat[cut:]


@given(st.lists(st.booleans(), min_size=1), st.integers(min_value=0, max_value=20))
def test_to_numpy_reads_sliced_bits(values: list[bool], cut: int) -> None:
    array = pa.array(values, pa.bool_())
    assert _arrow.to_numpy(array[cut:]).tolist() == values[cut:]


def test_to_numpy_refuses_nulls_and_text() -> None:
    with pytest.raises(ValueError, match="without nulls; this one has 1"):
        _arrow.to_numpy(pa.array([1, None]))
    with pytest.raises(TypeError, match="numbers or booleans, not string"):
        _arrow.to_numpy(pa.array(["a"]))
    with pytest.raises(TypeError, match="dictionary's indices"):
        _arrow.to_numpy(pa.array(["a"]).dictionary_encode())


def test_from_numpy_refuses_what_it_cannot_hold() -> None:
    with pytest.raises(TypeError, match="numbers or booleans, not <U1"):
        _arrow.from_numpy(np.array(["a"]))
    with pytest.raises(ValueError, match="one-dimensional array, not 2 dimensions"):
        _arrow.from_numpy(np.zeros((2, 2), dtype=np.int64))


@given(st.lists(st.none() | st.text()))
def test_strings_are_pyarrows_conversion(values: list[str | None]) -> None:
    made = _arrow.strings(values)
    assert made.equals(pa.array(values, pa.string()))
    assert made.null_count == values.count(None)
    made.validate(full=True)


@pytest.mark.parametrize(
    "values",
    [
        pytest.param(["甲", None, "乙"], id="nulls, no empty text: the texts of no bytes"),
        pytest.param(["", None, "乙"], id="nulls and an empty text: each looked at"),
        pytest.param(["a\x00b", None, "", "c"], id="a text holding a NUL: encoded alone"),
        pytest.param(["\x00", "\x00\x00"], id="NULs alone"),
        pytest.param(["", ""], id="empty texts, no null"),
        pytest.param([None], id="one null"),
        pytest.param(["𠀀"], id="four bytes a character"),
    ],
)
def test_strings_each_way_of_encoding(values: list[str | None]) -> None:
    made = _arrow.strings(values)
    assert made.to_pylist() == values
    assert made.null_count == values.count(None)
    made.validate(full=True)


#: An identifier's plain pattern (the decision numbers'), and one that is not a class repeated.
IDENTIFIER = r"^[\p{L}\p{N}〔〕（）【】()_#/-]+$"
PATTERNS = [IDENTIFIER, r"^[0-9]{1,3}(?:\.[0-9])?$", r"^[a-z\]]+$", r"[\p{N}]+"]
# Characters the identifier's class holds and some it does not (white space, '.', '[', a
# new line, a zero-width space, an emoji), so that texts are drawn plain and not.
CHARACTERS = [*"罚〔〕（）【】()_#/-aZ09号٣", " ", ".", "[", "]", "\n", "\u200b", "😀"]


@given(
    st.lists(st.none() | st.text(st.sampled_from(CHARACTERS), max_size=6), max_size=12),
    st.sampled_from(PATTERNS),
    st.integers(min_value=0, max_value=3),
    st.booleans(),
)
def test_matching_is_each_text_matched_alone(
    values: list[str | None], pattern: str, cut: int, large: bool
) -> None:
    """Joined or not, every text is what RE2 says of it alone; a null matches nothing."""
    texts = pa.array(values, pa.large_string() if large else pa.string())
    texts = texts.slice(min(cut, len(texts)))  # an offset into the buffers
    alone = pa.compute.match_substring_regex(texts, pattern).to_pylist()
    expected = [bool(m) for m in alone]
    assert _arrow.matching(texts, pattern).tolist() == expected
    assert _arrow.matching(pa.chunked_array([texts]), pattern).tolist() == expected


JOINED = IDENTIFIER.replace("+$", "*$")


@pytest.mark.parametrize(
    ("values", "expected", "asked"),
    [
        pytest.param(
            ["罚〔2023〕1号", "A-1"], [True, True], [JOINED], id="every character plain: joined"
        ),
        pytest.param(
            ["罚1号", "", "号"], [True, False, True], [JOINED], id="an empty text: joined"
        ),
        pytest.param(
            ["罚 1号", "A1"], [False, True], [JOINED, IDENTIFIER], id="a space: each alone"
        ),
        pytest.param(["罚1号", None], [True, False], [IDENTIFIER], id="a null: each alone"),
    ],
)
def test_matching_joins_the_texts_when_every_character_is_plain(
    monkeypatch: pytest.MonkeyPatch,
    values: list[str | None],
    expected: list[bool],
    asked: list[str],
) -> None:
    """The texts are matched one by one only when their bytes, joined, are not all of the class."""
    patterns: list[str] = []
    compute = pa.compute

    class Spy:
        def __getattr__(self, name: str) -> object:
            return getattr(compute, name)

        def match_substring_regex(self, texts: object, pattern: str) -> object:
            patterns.append(pattern)
            return compute.match_substring_regex(texts, pattern)

    monkeypatch.setattr(_arrow, "pc", Spy)
    assert _arrow.matching(pa.array(values, pa.string()), IDENTIFIER).tolist() == expected
    assert patterns == asked


@given(st.none() | st.text() | st.integers(min_value=-(2**63), max_value=2**63 - 1) | st.booleans())
def test_scalar_is_pyarrows_conversion(value: str | int | bool | None) -> None:
    arrow_type = pa.string() if value is None else None
    assert _arrow.scalar(value, arrow_type).equals(pa.scalar(value, arrow_type))


def test_scalar_casts_and_refuses() -> None:
    assert _arrow.scalar(7, pa.int8()).type == pa.int8()
    with pytest.raises(pa.ArrowInvalid):
        _arrow.scalar(300, pa.int8())
    with pytest.raises(TypeError, match="needs the Arrow type"):
        _arrow.scalar(None)
    with pytest.raises(TypeError, match="not float"):
        _arrow.scalar(1.5)  # type: ignore[arg-type]


@pytest.mark.skipif(importlib.util.find_spec("pandas") is None, reason="pandas is not installed")
def test_nothing_here_imports_pandas() -> None:
    script = textwrap.dedent(
        """
        import sys
        import numpy as np
        import pyarrow.compute as pc
        from enforcement_core import _arrow
        numbers = _arrow.from_numpy(np.arange(5))
        texts = _arrow.strings(["a", None])
        pc.greater(numbers, _arrow.scalar(2))
        _arrow.to_numpy(pc.equal(texts, _arrow.scalar("a")).fill_null(_arrow.scalar(False)))
        print("pandas" in sys.modules)
        """
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "False"


_HEAP = """
import ctypes, os, sys
from enforcement_core import _arrow

class Info(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
        "uordblks", "fordblks", "keepcost")]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Info
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = [ctypes.c_size_t]
libc.free.argtypes = [ctypes.c_void_p]

def mapped(size):
    # Whether a block of size bytes is a mapping of its own (not from the heap).
    before = libc.mallinfo2().hblks
    block = libc.malloc(size)
    after = libc.mallinfo2().hblks
    libc.free(block)
    return after - before

big = int(sys.argv[1])
seen = [mapped(big)]
with _arrow.roomy_heap():
    with _arrow.roomy_heap():
        seen.append(mapped(big))
    seen.append(mapped(big))
seen.append(mapped(big))
print(seen)
"""


@pytest.mark.skipif(_arrow._glibc() is None, reason="glibc's malloc only")
@pytest.mark.parametrize(
    ("trim", "size", "seen"),
    [
        # Under a fixed trim threshold: a block above 128 KiB is mapped, except while held.
        ("65536", 1 << 20, [1, 0, 0, 1]),
        ("65536", 64 << 10, [0, 0, 0, 0]),
        # Above 32 MiB, mapped even while held.
        ("65536", 40 << 20, [1, 1, 1, 1]),
        # An explicit mmap threshold is what is put back.
        ("65536 MALLOC_MMAP_THRESHOLD_=4194304", 1 << 20, [0, 0, 0, 0]),
        ("65536 MALLOC_MMAP_THRESHOLD_=4194304", 8 << 20, [1, 0, 0, 1]),
    ],
)
def test_roomy_heap_keeps_the_heap_while_held_and_puts_the_settings_back(
    trim: str, size: int, seen: list[int]
) -> None:
    """Each block asked for in a fresh process: a mapping of its own or not, before, held, nested, after."""
    value, *others = trim.split()
    env = {**os.environ, "MALLOC_TRIM_THRESHOLD_": value}
    env.update(other.split("=") for other in others)
    ran = subprocess.run(
        [sys.executable, "-c", _HEAP, str(size)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert str(seen) == ran.stdout.strip()


def test_roomy_heap_changes_nothing_without_a_fixed_threshold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """glibc's dynamic threshold cannot be put back once set: without the trim, mallopt is never called."""
    called: list[object] = []
    monkeypatch.setattr(_arrow, "_glibc", lambda: called.append("glibc"))
    for unset in ("MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_"):
        monkeypatch.delenv(unset, raising=False)
    with _arrow.roomy_heap():
        pass
    # Nor with a setting mallopt's int cannot put back as it was.
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", str(2**32))
    with _arrow.roomy_heap():
        pass
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "lots")
    with _arrow.roomy_heap():
        pass
    assert called == []
    assert 0 == _arrow._HEAP.holders
    assert not _arrow._HEAP.changed


def _huge_pages() -> bool:
    return bool(np._core.multiarray._get_madvise_hugepage())


@pytest.mark.parametrize("own", [True, False])
def test_small_pages_turns_numpys_advice_off_and_gives_its_own_back(own: bool) -> None:
    """numpy's huge-page advice is off while held, nested too, and as it was after."""
    before = np._core.multiarray._set_madvise_hugepage(own)
    try:
        with _arrow.small_pages():
            assert not _huge_pages()
            with _arrow.engine_memory():
                assert not _huge_pages()
                assert "system" == pa.default_memory_pool().backend_name
            assert not _huge_pages()
        assert own == _huge_pages()
    finally:
        np._core.multiarray._set_madvise_hugepage(before)
