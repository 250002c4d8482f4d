"""Breakdowns with open keys: a dimension of a total, its parts in the report's order.

Reports break their totals down along dimensions the library cannot all foresee:
penalties by party (对生产经营单位 / 对个人), by kind (一般处罚 / 事故处罚), by statute;
inspections by subjects no vocabulary lists (网吧, 校外培训机构); officers by source
(派驻, 借调, 在编). A :class:`Dimension` holds such a breakdown whole: its parts, keyed
by the library's canonical key where the holder's vocabulary knows it (so roll-ups
and the audit give it meaning) and by the report's own words otherwise, in the
order the report writes them. A part may itself break down (对个人 within 事故处罚).

The figures class that holds dimensions declares, on its ``dimensions`` field,
which of its totals the parts' counts and amounts fall within and which dimension
names have a vocabulary (:func:`~enforcement_core._validators.dimensions_within`):
the one declaration the construction, the audit, the renderers and the JSON Schema
read.

Unknown is never zero: a part whose count the report does not state exactly has
``count=None``; what the report wrote for it, if anything, is a stated figure at
its path (``penalty.dimensions.party.parts.对个人.count``).

Examples:
    >>> party = Dimension(
    ...     label="按当事人",
    ...     parts={
    ...         "对生产经营单位": Part(count=12),
    ...         "natural_person": Part(count=8, label="对个人"),
    ...     },
    ... )
    >>> [(key, part.count) for key, part in party.parts.items()]
    [('对生产经营单位', 12), ('natural_person', 8)]
    >>> Part(count=3, dimensions={"kind": Dimension(parts={"a": Part(count=4)})})
    Traceback (most recent call last):
    ...
    enforcement_core.errors.InvariantError: Part.dimensions.kind: the parts add up to 4, above count 3
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs

from enforcement_core._mapping import FrozenMap
from enforcement_core._paths import resolve
from enforcement_core._validators import (
    a_count,
    apply_checks,
    breakdowns,
    checks,
    declared_dimensions,
    dimensions_within,
    frozen_map,
    identifier,
    instance_of,
    known_key,
    mapping_of,
    member_of,
    money,
    optional,
    rule,
)
from enforcement_core.labels import Vocabulary, labels_of

__all__ = [
    "CertificateStatus",
    "Coverage",
    "Dimension",
    "HazardGrade",
    "Part",
    "StaffSource",
    "as_dimensions",
    "canonical_dimensions",
    "canonical_path",
]


class Coverage(Vocabulary):
    """How far a dimension's parts cover its total, as the report means them."""

    #: The parts may cover only part of the total: a shortfall is a warning.
    PARTIAL = "partial"
    #: The report says the parts are the whole ("其中…，合计…"): a shortfall is an error.
    COMPLETE = "complete"
    #: The parts are some of the total, never meant to cover it (重大隐患 of all hazards).
    SUBSET = "subset"


class HazardGrade(Vocabulary):
    """The grade of a hazard (隐患) a report counts apart."""

    #: 重大隐患: a major hazard.
    MAJOR = "major"
    #: 一般隐患: a general hazard.
    GENERAL = "general"


class StaffSource(Vocabulary):
    """Where a member of an enforcement team comes from (人员来源)."""

    #: 派驻: seconded by a county department to the town.
    SECONDED = "seconded"
    #: 借调: borrowed from another body.
    BORROWED = "borrowed"
    #: 在编: holding a post of the team's own establishment.
    ESTABLISHED = "established"
    #: 参公: managed as civil servants (参照公务员法管理), a kind of establishment.
    CIVIL_SERVICE_MANAGED = "civil_service_managed"
    #: 编外 / 聘用: hired outside the establishment.
    HIRED = "hired"


class CertificateStatus(Vocabulary):
    """Where a member of staff without a certificate stands (执法证件办理情况)."""

    #: 待申领执法证: passed the exam, certificate to be applied for or issued.
    AWAITING_CERTIFICATE = "awaiting_certificate"
    #: 待考证: yet to sit the enforcement qualification exam.
    AWAITING_EXAM = "awaiting_exam"


_COUNT = optional(a_count())
_MONEY = optional(money())


_LONGEST = 4


def _measure(value: object) -> str | None:
    if type(value) is not str:
        return f"must be a measure word (str), not {type(value).__name__} {value!r}"
    # A measure word is a few characters as written (件, 家次, 平方公里), never a number.
    if value != value.strip() or any(char.isdigit() for char in value) or len(value) > _LONGEST:
        return f"must be a measure word as written (件, 家次, 人次), not {value!r}"
    return None


_A_MEASURE = rule("measure word", _measure)


def _not_a_dimension(value: object) -> str | None:
    # Part and Dimension name each other, so the check looks Dimension up when it runs.
    if isinstance(value, Dimension):
        return None
    return f"must be a Dimension, not {type(value).__name__} {value!r}"


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class Part:
    """One part of a dimension: its count, its money, and its own breakdowns.

    ``label`` is the report's words for a part whose key is canonical and which
    the report words differently ("对个人" for ``natural_person``); a part keyed by
    the report's own words needs none. Nested dimensions are held within the part:
    their parts add up to no more than its count and amount.
    """

    #: The report's words for the part, where they differ from its key's label.
    label: str = attrs.field(default="", metadata=checks(instance_of(str)))
    #: The count the report states for the part; ``None`` when it states none exactly.
    count: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: The money the report states for the part (fines, for penalties), in yuan.
    amount: Decimal | None = attrs.field(default=None, metadata=checks(_MONEY))
    #: The measure word of this part's count, where it differs from its dimension's.
    measure: str = attrs.field(default="", metadata=checks(_A_MEASURE))
    #: The part's own breakdowns (对个人 within 事故处罚), in the report's order.
    dimensions: Mapping[str, Dimension] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(
            mapping_of(identifier(), rule("dimension", _not_a_dimension)),
            dimensions_within(count="count", amount="amount"),
        ),
    )


@attrs.frozen(kw_only=True, field_transformer=apply_checks)
class Dimension:
    """A breakdown of a total along one dimension, its parts in the report's order.

    A part's key is the canonical key of the holder's vocabulary for this
    dimension when it names one of its values (``natural_person``), else the
    report's own words ("对生产经营单位"), which are held, never refused. A key
    written as a label of a known value ("安全生产", "对个人") is read by the holder
    as that value's key, the report's words kept as the part's ``label`` where
    they differ from the vocabulary's (:func:`canonical_dimensions`).
    """

    #: The report's words for the dimension ("按当事人分"); empty to use its name.
    label: str = attrs.field(default="", metadata=checks(instance_of(str)))
    #: The parts, by key, in the report's order.
    parts: Mapping[str, Part] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(mapping_of(identifier(), instance_of(Part))),
    )
    #: The total this dimension breaks down, where the report gives it with the
    #: dimension and its holder has no figure for it ("执法队伍共25人，其中…").
    total: int | None = attrs.field(default=None, metadata=checks(_COUNT))
    #: The measure word of the parts' counts; empty for the holder's own (件, 家次, 名).
    measure: str = attrs.field(default="", metadata=checks(_A_MEASURE))
    #: How far the parts cover the total.
    coverage: Coverage = attrs.field(default=Coverage.PARTIAL, metadata=checks(member_of(Coverage)))


def canonical_dimensions(known: Mapping[str, type[Vocabulary]]) -> Callable[[object], object]:
    """The converter of a holder's dimensions: parts written as a known label read as its key.

    In a dimension whose name has a vocabulary in ``known`` (nested ones
    included, as the renderers and the audit read them), a part keyed by a label
    or variant of a known value ("安全生产", "自然人", "对个人") is keyed by the
    value ("work_safety", "natural_person"), in the same place; the report's
    words stay as the part's ``label`` unless they are the vocabulary's own label.
    A key that names no value stays as written. Two parts that name one value are
    left as written, for the holder's check to refuse.

    Examples:
        >>> from enforcement_core.figures import PenaltyFigures
        >>> penalty = PenaltyFigures(
        ...     cases=20,
        ...     dimensions={
        ...         "party": Dimension(
        ...             parts={"对生产经营单位": Part(count=12), "对个人": Part(count=8)}
        ...         ),
        ...     },
        ... )
        >>> {key: part.label for key, part in penalty.dimensions["party"].parts.items()}
        {'对生产经营单位': '', 'natural_person': '对个人'}
    """

    def convert(value: object) -> object:
        value = frozen_map(value)
        if not known or not isinstance(value, Mapping):
            return value
        return FrozenMap(
            {name: _canonical(name, dimension, known) for name, dimension in value.items()}
        )

    return convert


def _canonical(name: object, dimension: object, known: Mapping[str, type[Vocabulary]]) -> object:
    if not isinstance(dimension, Dimension) or not isinstance(name, str):
        return dimension
    vocabulary = known.get(name)
    written = {key: known_key(vocabulary, key) for key in dimension.parts}
    named = [canonical for canonical in written.values() if canonical is not None]
    # Two parts naming one value are not merged: the holder's check refuses them.
    twice = {canonical for canonical in named if named.count(canonical) > 1}
    parts: dict[str, Part] = {}
    for key, part in dimension.parts.items():
        held = part
        if part.dimensions:
            nested = {n: _canonical(n, d, known) for n, d in part.dimensions.items()}
            if any(nested[n] is not d for n, d in part.dimensions.items()):
                held = attrs.evolve(part, dimensions=nested)
        canonical = written[key]
        if vocabulary is None or canonical is None or canonical == key or canonical in twice:
            parts[key] = held
            continue
        own = labels_of(vocabulary, "zh_CN").get(canonical)
        words = held.label or ("" if key == own else key)
        parts[canonical] = attrs.evolve(held, label=words)
    if list(parts) == list(dimension.parts) and all(
        parts[key] is dimension.parts[key] for key in parts
    ):
        return dimension
    return attrs.evolve(dimension, parts=parts)


def canonical_path(root: type, path: str) -> str:
    """``path`` below ``root`` with each part key written as a known label read as its key.

    A path names a part by the key the report wrote it under; the holder reads a
    label of a known value as the value's key (:func:`canonical_dimensions`), so a
    stated figure, change or convention naming that part follows it there. A path
    that names nothing below ``root`` is returned unchanged, for its check to refuse.

    Examples:
        >>> from enforcement_core import AnnualReport
        >>> canonical_path(AnnualReport, "penalty.dimensions.party.parts.对个人.count")
        'penalty.dimensions.party.parts.natural_person.count'
        >>> canonical_path(AnnualReport, "penalty.dimensions.kind.parts.一般处罚.count")
        'penalty.dimensions.kind.parts.一般处罚.count'
    """
    if type(path) is not str or ".parts." not in path:
        return path
    segments = path.split(".")
    tp: Any = root
    known: Mapping[str, type[Enum]] = {}
    for at, name in enumerate(segments):
        tp = _without_none(tp)
        if not attrs.has(tp):
            if typing.get_origin(tp) not in (Mapping, dict):
                return path
            tp = typing.get_args(tp)[1]
            if tp is Part:
                vocabulary = known.get(segments[at - 2])
                segments[at] = known_key(vocabulary, name) or name
            continue
        hints = _hints(tp)
        if name not in hints:
            return path
        for _, declared in declared_dimensions(tp):
            # A part's own dimensions take the vocabularies of the holder's.
            known = declared.known or known
        tp = hints[name]
    return ".".join(segments)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _without_none(tp: Any) -> Any:
    args = [arg for arg in typing.get_args(tp) if arg is not type(None)]
    return args[0] if type(None) in typing.get_args(tp) and len(args) == 1 else tp


def as_dimensions(figures: object) -> dict[str, Dimension]:
    """Every breakdown of ``figures`` as dimensions: the closed fields first, then the open ones.

    A closed breakdown (``by_domain``, ``by_procedure`` with ``fines_by_procedure``,
    ``by_area``, ``by_establishment``) is its dimension with known keys only, each
    part keyed by its vocabulary value; the open dimensions follow, as held. One
    shape to read every breakdown a report gives, whichever way it is held.

    Examples:
        >>> from enforcement_core import examples
        >>> penalty = examples.load("gulu-2023").penalty
        >>> {name: list(d.parts) for name, d in as_dimensions(penalty).items()}
        {'domain': ['work_safety', 'traffic']}
        >>> as_dimensions(penalty)["domain"].parts["traffic"].count
        216
    """
    held: dict[str, Dimension] = {}
    for field, declared in declared_dimensions(type(figures)):
        for name, fields in declared.closed.items():
            parts: dict[str, dict[str, Any]] = {}
            for breakdown in breakdowns(type(figures)):
                if breakdown.field not in fields:
                    continue
                figure = {declared.count: "count", declared.amount: "amount"}.get(breakdown.total)
                if figure is None:
                    continue
                for key, value in getattr(figures, breakdown.field).items():
                    number = value if breakdown.part is None else resolve(value, breakdown.part)
                    segment = key.value if isinstance(key, Enum) else str(key)
                    parts.setdefault(segment, {})[figure] = number
            if parts:
                held[name] = Dimension(parts={key: Part(**of) for key, of in parts.items()})
        held.update(getattr(figures, field))
    return held
