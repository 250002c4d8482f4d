"""The built-in examples, stored as package data in the library's own JSON format.

``gulu-2023`` is the data of a real town government's 2023 report (重庆市渝北区
古路镇人民政府, published 2024-01-18).

Examples:
    >>> from enforcement_core import examples
    >>> examples.names()
    ['gulu-2023']
    >>> examples.load("gulu-2023").inspection.hazards.found
    509
    >>> examples.load("gulu-2024")
    Traceback (most recent call last):
    ...
    enforcement_core.errors.ExampleNotFound: no built-in example 'gulu-2024'; the examples are: 'gulu-2023'

"""

from __future__ import annotations

import functools
from importlib import resources

from enforcement_core.errors import ExampleNotFound
from enforcement_core.report import AnnualReport
from enforcement_core.serialization import load_json

__all__ = ["load", "names"]

_SUFFIX = ".json"


def names() -> list[str]:
    """The names of the built-in examples, sorted."""
    files = resources.files(__name__).iterdir()
    return sorted(f.name.removesuffix(_SUFFIX) for f in files if f.name.endswith(_SUFFIX))


@functools.cache
def load(name: str) -> AnnualReport:
    """The built-in example ``name`` as an annual report of yearly figures.

    Raises:
        ExampleNotFound: There is no example of that name; the message lists the known ones.
    """
    if name not in names():
        known = ", ".join(repr(n) for n in names())
        raise ExampleNotFound(f"no built-in example {name!r}; the examples are: {known}")
    text = resources.files(__name__).joinpath(name + _SUFFIX).read_text(encoding="utf-8")
    return load_json(text, AnnualReport)
