"""Personal data never reaches an output: 28 ways of writing it, every text field, every renderer.

Each way (tests/strategies.py, ``PERSONAL_DATA``) is an identity or mobile number as
people type, paste or hide it: with a country code, split by separators, in other
digit systems, run into digits that follow. It is put into every text field of
reports that hold the most text (stated rates' own names, which key a mapping,
included), and every built-in renderer writes the report; no output may hold the
number's digits, read in any script with every separator left out.
"""

from __future__ import annotations

import functools
import io
import json
import unicodedata
import zipfile
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import enforcement_core as ec
import plugins
from enforcement_core import LoadError, renderers
from strategies import PERSONAL_DATA, personal_data

EXAMPLES = ("gulu-2023", "example-street-office-2024")
BUILT_INS = plugins.built_ins()
#: Before each way, so that the number starts its own run of digits.
LEAD = "联系人："

Path = tuple[Any, ...]


def _leaves(node: Any, path: Path = ()) -> list[tuple[Path, bool]]:
    """Every string of a JSON document, and every key of an object, by path (``True``: a key)."""
    found: list[tuple[Path, bool]] = []
    if isinstance(node, str):
        found.append((path, False))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _leaves(item, (*path, index))
    elif isinstance(node, dict):
        for key, value in node.items():
            found.append(((*path, key), True))
            found += _leaves(value, (*path, key))
    return found


def _changed(document: Any, path: Path, key: bool, text: str) -> Any:
    """A copy of ``document`` with ``text`` after the string (or key) at ``path``."""
    data = json.loads(json.dumps(document))
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if key:
        parent[f"{last}{text}"] = parent.pop(last)
    else:
        parent[last] = f"{parent[last]}{text}"
    return data


@functools.cache
def text_fields(name: str) -> tuple[tuple[Path, bool], ...]:
    """The strings of an example that are free text: the ones that take any text after them."""
    document = json.loads(ec.dump_json(ec.examples.load(name)))
    free = []
    for path, key in _leaves(document):
        try:
            ec.load_json(json.dumps(_changed(document, path, key, "附记")))
        except LoadError:
            continue  # a vocabulary value, a date, a field's name: not text
        free.append((path, key))
    return tuple(free)


def with_everywhere(name: str, text: str) -> ec.AnnualReport:
    """The example with ``text`` after every text field that takes it."""
    document = json.loads(ec.dump_json(ec.examples.load(name)))
    # Values first, then keys deepest first, so that each path still leads where it did.
    fields = sorted(text_fields(name), key=lambda pair: (pair[1], -len(pair[0])))
    try:
        return ec.load_json(json.dumps(_all_changed(document, fields, text)))
    except LoadError:
        pass
    # A field that refuses this way of writing (dots in a unit's identifier, a zero-width
    # character in a name that must show something) is left as it was; the others carry it.
    taken = [field for field in fields if _loads(_changed(document, *field, text))]
    assert len(taken) > len(fields) // 2, f"{name}: most fields refuse {text!r}"
    return ec.load_json(json.dumps(_all_changed(document, taken, text)))


def _all_changed(document: Any, fields: list[tuple[Path, bool]], text: str) -> Any:
    for path, key in fields:
        document = _changed(document, path, key, text)
    return document


def _loads(document: Any) -> bool:
    try:
        ec.load_json(json.dumps(document))
    except LoadError:
        return False
    return True


def text_of(output: str | bytes) -> str:
    """What an output shows: the XML parts of a .docx or .xlsx; JSON with its escapes read."""
    if isinstance(output, bytes):
        with zipfile.ZipFile(io.BytesIO(output)) as book:
            return "".join(
                book.read(part).decode("utf-8")
                for part in book.namelist()
                if part.endswith((".xml", ".rels"))
            )
    try:
        return json.dumps(json.loads(output), ensure_ascii=False)
    except ValueError:
        return output


_CHINESE = dict(zip("〇零一二三四五六七八九", "00123456789", strict=True))


def _digit(char: str) -> str:
    """A character as the digit (or X) it shows; ``""`` for anything else."""
    if char in _CHINESE:
        return _CHINESE[char]
    if char in "Xx\uff38\uff58":
        return "X"
    value = unicodedata.decimal(char, None)
    return "" if value is None else str(value)


def digits_of(output: str | bytes) -> str:
    """The digits an output shows, in any script, with everything between them left out."""
    return "".join(_digit(char) for char in text_of(output))


def leaks(report: ec.AnnualReport, number: str) -> list[str]:
    """The built-in renderers whose output shows ``number``."""
    return [name for name in BUILT_INS if number in digits_of(renderers.render(report, name))]


class TestEveryWay:
    @pytest.mark.parametrize("example", EXAMPLES)
    @pytest.mark.parametrize("way", sorted(PERSONAL_DATA))
    def test_no_renderer_writes_it_from_any_field(self, way, example):
        """The way of writing it, after every text field, is in no renderer's output."""
        text, number = PERSONAL_DATA[way]
        report = with_everywhere(example, LEAD + text)
        assert [] == leaks(report, number)

    @pytest.mark.parametrize("way", ["id", "mobile+86", "id-chinese"])
    def test_the_numbers_reach_the_renderers(self, way):
        """The check can fail: with personal_data=True the number is there to be found."""
        text, number = PERSONAL_DATA[way]
        report = with_everywhere("example-street-office-2024", LEAD + text)
        for name in ("zh", "json"):
            assert number in digits_of(renderers.render(report, name, personal_data=True))

    def test_a_stated_rates_own_name_is_masked(self):
        """办结率 is a name the report gives: a number in it is withheld (issue 21)."""
        _, number = PERSONAL_DATA["mobile"]
        report = ec.examples.load("example-street-office-2024")
        rates = {f"办结率{LEAD}{number}": value for value in report.stated.rates.values()}
        report = ec.load_json(
            ec.dump_json(report).replace('"办结率"', json.dumps(next(iter(rates))))
        )
        assert [] == leaks(report, number)


class TestAnyField:
    @settings(max_examples=15, deadline=None)
    @given(way=personal_data, example=st.sampled_from(EXAMPLES), data=st.data())
    def test_one_field_at_a_time(self, way, example, data):
        """One way in one field (drawn): no renderer writes it."""
        text, number = PERSONAL_DATA[way]
        path, key = data.draw(st.sampled_from(text_fields(example)))
        document = json.loads(ec.dump_json(ec.examples.load(example)))
        try:
            report = ec.load_json(json.dumps(_changed(document, path, key, LEAD + text)))
        except LoadError:
            return  # the field refuses this way of writing: nothing to render
        assert [] == leaks(report, number)


class TestBidi:
    @pytest.mark.parametrize("control", ["\u202e", "\u2066", "\u202c", "\u200f"])
    @pytest.mark.parametrize("personal", [False, True])
    def test_bidi_controls_are_never_written(self, control, personal):
        """An RLO at the end of a unit's name cannot reorder what follows it in any output."""
        report = with_everywhere("gulu-2023", control)
        for name in BUILT_INS:
            output = text_of(renderers.render(report, name, personal_data=personal))
            assert control not in output, name
