"""The built-in examples, stored as package data in the library's own JSON format.

``gulu-2023`` is the data of a real town government's 2023 report (重庆市渝北区
古路镇人民政府, published 2024-01-18). Its ledger, :func:`load_records`, is
synthetic: invented records whose summary gives the report's figures.

``example-town-2022``, ``example-town-2023`` and ``example-street-2023`` are
invented, and say so in their names (示例镇, 示例街道) and their text: two years
of a town to compare, and a street to roll up with the towns. They use the
categories the reference report lacks (coercion, reconsideration, stated rates,
changes and grand totals).

Six more are invented and shaped like real reports of other kinds, 2024:
``example-street-office-2024`` (a street office: sparse data, zeros, 人 as its
measure word), ``example-county-market-2024`` (a county department with figures
in 万 and totals without parts), ``example-county-resources-2024`` (review
outcomes, sanctions tallied per type, money places per figure),
``example-county-emergency-2024`` (workforce movements and other enforcement
activities), ``example-town-changes-2024`` (changes stated without the previous
year's figure) and ``example-city-rounding-2024`` (figures in 亿 that agree at the
precision written, and one in 万 whose part, written rounded too, falls short of it
beyond that precision: an error).

Five more, invented and shaped like templates the library had not met (issue 18),
hold what a report states in its own words: ``example-transport-bureau-2024`` (a
rate of its own above 100%, changes in its own verbs, one in both forms),
``example-agriculture-commission-2024`` (quantities of things, 52.31047万元 beside
three places and one), ``example-forestry-bureau-2024`` (约6.2平方公里, 300余个,
不足10件, context figures), ``example-development-zone-2024`` (a cut-off date, a
note on the scope, a count of bodies) and ``example-city-department-2024`` (市本级
beside 全市, sanctions counted under every type, 人均办案7件, a change of the grand
total).

Five more hold breakdowns with open keys (:class:`~enforcement_core.dimensions.Dimension`), shaped
like templates the library had not met: ``example-emergency-bureau-2024``
(penalties by party and by kind, 对个人 nested within 事故处罚; 重大隐患 among the
hazards), ``example-police-branch-2024`` (public security, a domain no vocabulary
lists; inspections of 网吧 and 旅馆), ``example-culture-tourism-2024`` (inspections of
网吧, 校外培训机构 …), ``example-town-seconded-2024`` (a town team of seconded
officers: staff by source, by post, posts and staff per unit, staff awaiting a
certificate or the exam) and ``example-market-bureau-2024`` (penalties by statute).

Examples:
    >>> from enforcement_core import examples
    >>> "gulu-2023" in examples.names(), "example-town-seconded-2024" in examples.names()
    (True, True)
    >>> examples.load("gulu-2023").inspection.hazards.found
    509
    >>> examples.load("gulu-2024")
    Traceback (most recent call last):
    ...
    enforcement_core.errors.ExampleNotFound: no built-in example 'gulu-2024'; the examples are: 'example-agriculture-commission-2024', ..., 'gulu-2023'
"""

from __future__ import annotations

import functools
import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from enforcement_core.errors import ExampleNotFound
from enforcement_core.report import AnnualReport
from enforcement_core.serialization import load_json

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from enforcement_core.ledger import Ledger

__all__ = ["load", "load_records", "names"]

_SUFFIX = ".json"


def _files() -> Traversable:
    """The package's data: its folder, or what importlib.resources reads in a zip."""
    here = Path(__file__).parent
    if here.is_dir():
        # An installed package is a folder: importlib.resources, which a zip needs, would
        # cost the command line's report more than reading the example does.
        return here
    from importlib import resources  # noqa: PLC0415

    return resources.files(__name__)


def names() -> list[str]:
    """The names of the built-in examples, sorted."""
    files = _files().iterdir()
    return sorted(f.name.removesuffix(_SUFFIX) for f in files if f.name.endswith(_SUFFIX))


def _known(name: str, available: list[str], what: str) -> None:
    if name not in available:
        known = ", ".join(repr(n) for n in available)
        raise ExampleNotFound(f"no built-in {what} {name!r}; the {what}s are: {known}")


@functools.cache
def load(name: str) -> AnnualReport:
    """The built-in example ``name`` as an annual report of yearly figures.

    Raises:
        ExampleNotFound: There is no example of that name; the message lists the known ones.
    """
    _known(name, names(), "example")
    text = _files().joinpath(name + _SUFFIX).read_text(encoding="utf-8")
    return load_json(text, AnnualReport)


#: The examples that have a ledger of records, and the function (``module:function``) that
#: makes each, imported only when a ledger is asked for.
_LEDGERS = {"gulu-2023": "enforcement_core.examples._gulu_records:gulu_records"}


@functools.cache
def load_records(name: str) -> Ledger:
    """A deterministic synthetic ledger for the example ``name``.

    Its summary has exactly the yearly figures of :func:`load`: every count,
    amount and supervised-hazard tally the report states. The records
    themselves are invented (see ``_gulu_records``); they are the same on every call.

    Raises:
        ExampleNotFound: No example of that name has a ledger; the message lists those that do.

    Examples:
        >>> from enforcement_core import examples
        >>> ledger = examples.load_records("gulu-2023")
        >>> len(ledger.officers), len(ledger.inspections), len(ledger.penalty_cases)
        (22, 363, 220)
    """
    _known(name, sorted(_LEDGERS), "ledger example")
    module, _, function = _LEDGERS[name].partition(":")
    records: Ledger = getattr(importlib.import_module(module), function)(load(name))
    return records
