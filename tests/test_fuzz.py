"""A mutation fuzzer over the example documents: every input loads or is a LoadError.

Each input is an example document (the four reports and the gulu-2023 ledger)
changed a few times: a value replaced by a hostile one (huge numbers, -0, lone
surrogates, control and bidirectional characters, markup, floats, wrong shapes),
a key deleted or added, or the text itself cut or spliced (deep nesting, repeated
keys, NaN, 4,301 digits). Whatever it is, ``load_json`` gives a document or raises
:class:`LoadError`; a document that loads round-trips through JSON, passes the
audit without raising, and is written by every built-in renderer, with every
option that widens what is written, and its HTML carries no markup from the data.

The default run tries a few dozen inputs; ``python -m pytest -m fuzz
--hypothesis-seed=N`` tries many thousands (docs/reliability.md).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import enforcement_core as ec
from enforcement_core import LoadError, dump_json, load_json, renderers
from profiles import examples

DOCUMENTS = [dump_json(ec.examples.load(name)) for name in ec.examples.names()] + [
    dump_json(ec.examples.load_records("gulu-2023"))
]
BUILT_INS = ("text", "zh", "json", "html")
MARKUP = "<script>alert(1)</script>"

#: Values that have broken loaders and renderers, or could.
HOSTILE: list[Any] = [
    None,
    True,
    0,
    -1,
    -0.0,
    1.5,
    1e308,
    10**16,
    10**16 - 1,
    10**39,
    10**40,
    "-0",
    "-0.00",
    "1E+26",
    "999999999999.99",
    "1000000000000",
    "0.001",
    "6,800",
    "６８００",
    "",
    " ",
    "\ud800",
    "\udfff古路镇",
    "\x00",
    "a\x07b",
    "\x1b[31m红\x1b[0m",
    "\u200b",
    "\u202e\u200d",
    "\u2066\u2069",
    MARKUP,
    "&amp;<b>",
    "宅基地500112199001011239",
    "11010519491231002X",
    "13800138000",
    "2023-02-30",
    "10000-01-01",
    "9998-12-31",
    [],
    {},
    [[[[[]]]]],
    {"unknown": 1},
]

#: Text spliced into a document.
SPLICES = [
    '"',
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "-0",
    "9" * 4301,
    "[" * 2000,
    "{" * 150,
    '"\\ud800"',
    '"\\u0000"',
    '"year": 2023, "year": 2024, ',
    "\ufeff",
    "\x00",
]


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in ``data`` a value can be replaced or deleted."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*prefix, index))
    return found


def replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return data


def delete(data: Any, path: tuple[Any, ...]) -> Any:
    if not path:
        return data
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    del parent[path[-1]]
    return data


@st.composite
def mutants(draw: st.DrawFn) -> str:
    """An example document changed one to four times."""
    text = draw(st.sampled_from(DOCUMENTS))
    data: Any = json.loads(text)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["replace", "replace", "delete", "add", "splice", "cut"]))
        if kind in ("splice", "cut"):
            text = json.dumps(data, ensure_ascii=draw(st.booleans()))
            at = draw(st.integers(0, len(text)))
            if kind == "splice":
                text = text[:at] + draw(st.sampled_from(SPLICES)) + text[at:]
            else:
                text = text[:at] + text[at + draw(st.integers(1, 40)) :]
            return text
        places = paths(data)
        where = draw(st.sampled_from(places))
        if kind == "replace":
            value = draw(st.one_of(st.sampled_from(HOSTILE), st.integers(), st.text(max_size=8)))
            data = replace(data, where, value)
        elif kind == "delete":
            data = delete(data, where)
        else:
            target = data
            for step in where:
                target = target[step]
            if isinstance(target, dict):
                target[draw(st.sampled_from(["colour", "year", "cases", "name", "x"]))] = draw(
                    st.sampled_from(HOSTILE)
                )
    return json.dumps(data, ensure_ascii=draw(st.booleans()))


def written_out(text: str) -> None:
    """The fuzzer's oracle: a document or a LoadError, and a document is usable everywhere."""
    refused: LoadError | None = None
    try:
        document = load_json(text)
    except LoadError as error:
        refused = error
    if refused is not None:
        event("refused")
        assert refused.problems
        assert all(isinstance(problem.path, str) for problem in refused.problems)
        str(refused).encode("utf-8")  # the message itself can be printed
        return
    event("loaded")
    assert document == load_json(dump_json(document))
    ec.audit(document)
    report = ec.summarize(document) if isinstance(document, ec.Ledger) else document
    for name in BUILT_INS:
        output = renderers.render(report, name)
        assert isinstance(output, str)
        output.encode("utf-8")
    renderers.render(report, "zh", numerals="chinese", capitals=True, money_unit="auto")
    renderers.render(report, "text", locale="en")
    assert "<script>" not in renderers.render(report, "html")


FUZZ_SETTINGS = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}


class TestFuzz:
    @settings(max_examples=examples(40), **FUZZ_SETTINGS)
    @given(text=mutants())
    def test_short(self, text):
        """A short run on every test run: any mutant loads and is written, or is a LoadError."""
        written_out(text)

    @pytest.mark.fuzz
    @settings(max_examples=5000, **FUZZ_SETTINGS)
    @given(text=mutants())
    def test_long(self, text):
        """The long run, by hand: python -m pytest -m fuzz --hypothesis-seed=N."""
        written_out(text)
