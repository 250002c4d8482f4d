"""The workforce: units, officers and their certificates, and the yearly figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from enforcement_core._mapping import FrozenMap
from enforcement_core._validators import (
    a_count,
    a_date,
    apply_checks,
    at_most,
    checks,
    dimensions_within,
    fail,
    frozen_map,
    identifier,
    instance_of,
    instance_of_own_class,
    mapping_of,
    member_of,
    not_before,
    optional,
    parts_within,
    text,
    tuple_of,
)
from enforcement_core.dimensions import (
    CertificateStatus,
    Dimension,
    StaffSource,
    canonical_dimensions,
)
from enforcement_core.labels import Vocabulary

__all__ = [
    "Certificate",
    "DepartureReason",
    "Employment",
    "EstablishmentKind",
    "MisconductCase",
    "Officer",
    "Unit",
    "UnitKind",
    "WorkforceFigures",
    "walk_units",
]


class DepartureReason(Vocabulary):
    """Why an enforcement officer left enforcement in the year."""

    #: 调离执法岗位: moved to a post without enforcement.
    TRANSFERRED = "transferred"
    #: 退休.
    RETIRED = "retired"
    #: 离职.
    RESIGNED = "resigned"
    #: 其他.
    OTHER = "other"


class EstablishmentKind(Vocabulary):
    """The kind of establishment (编制) a member of staff holds."""

    #: 行政编制: a civil-service post.
    ADMINISTRATIVE = "administrative"
    #: 事业编制: a post of a public institution.
    PUBLIC_INSTITUTION = "public_institution"


class UnitKind(Vocabulary):
    """What an organisational unit of a body is, where the glossary names it."""

    #: 综合行政执法办公室.
    COMPREHENSIVE_ENFORCEMENT_OFFICE = "comprehensive_enforcement_office"
    #: 综合执法大队 / 执法大队.
    COMPREHENSIVE_ENFORCEMENT_BRIGADE = "comprehensive_enforcement_brigade"
    #: 应急办.
    EMERGENCY_MANAGEMENT_OFFICE = "emergency_management_office"
    #: 规建办.
    PLANNING_AND_CONSTRUCTION_OFFICE = "planning_and_construction_office"
    #: 村建中心.
    VILLAGE_CONSTRUCTION_CENTRE = "village_construction_centre"
    #: 农服中心.
    AGRICULTURAL_SERVICES_CENTRE = "agricultural_services_centre"
    #: 食药监.
    FOOD_AND_DRUG_SUPERVISION = "food_and_drug_supervision"
    #: 司法所.
    JUDICIAL_OFFICE = "judicial_office"
    #: Any other unit, or a group of units counted together.
    OTHER = "other"


@attrs.frozen(field_transformer=apply_checks)
class Unit:
    """An organisational unit of a body, with its sub-units and certified officers.

    ``certified`` counts the unit's certified officers *including* those of its
    sub-units, as reports state them ("综合行政执法办公室及行政执法大队执法人员8名
    （综合执法办公室3人，综合执法大队5人）": the office 8, its brigade 5). Sub-units
    adding up to more than their unit is refused.

    Examples:
        >>> office = Unit(
        ...     "综合行政执法办公室",
        ...     kind=UnitKind.COMPREHENSIVE_ENFORCEMENT_OFFICE,
        ...     certified=8,
        ...     subunits={"brigade": Unit("综合执法大队", certified=5)},
        ... )
        >>> office.own_certified
        3
        >>> Unit(
        ...     "综合行政执法办公室",
        ...     certified=4,
        ...     subunits={"brigade": Unit("综合执法大队", certified=5)},
        ... )
        Traceback (most recent call last):
        ...
        enforcement_core.errors.InvariantError: Unit.subunits: certified of the parts add up to 5, above certified 4
    """

    #: The unit's name, as the report writes it.
    name: str = attrs.field(metadata=checks(text()))
    #: What the unit is, where the glossary names it.
    kind: UnitKind = attrs.field(
        default=UnitKind.OTHER, metadata=checks(member_of(UnitKind)), kw_only=True
    )
    #: Certified officers in the unit, its sub-units included; ``None`` when not stated.
    certified: int | None = attrs.field(
        default=None, metadata=checks(optional(a_count())), kw_only=True
    )
    #: The sub-units, by identifier, in the order stated.
    subunits: Mapping[str, Unit] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(
            mapping_of(identifier(), instance_of_own_class()),
            # A unit has officers of its own beside its sub-units'.
            parts_within("certified", part="certified", subset=True),
        ),
        kw_only=True,
    )

    @property
    def own_certified(self) -> int | None:
        """Certified officers of the unit itself, outside its sub-units (derived).

        ``None`` unless the unit's and every sub-unit's figure are stated.
        """
        if self.certified is None:
            return None
        parts = [sub.certified for sub in self.subunits.values()]
        if any(part is None for part in parts):
            return None
        return self.certified - sum(part for part in parts if part is not None)


def walk_units(units: Mapping[str, Unit], prefix: str = "") -> Iterator[tuple[str, Unit]]:
    """Every unit of a tree with its path (``"office"``, ``"office.subunits.brigade"``).

    Examples:
        >>> tree = {"office": Unit("办公室", subunits={"brigade": Unit("大队")})}
        >>> [path for path, _ in walk_units(tree)]
        ['office', 'office.subunits.brigade']
    """
    for key, unit in units.items():
        path = f"{prefix}{key}"
        yield path, unit
        yield from walk_units(unit.subunits, f"{path}.subunits.")


#: The dimensions of the staff whose keys the library knows.
_STAFF_VOCABULARIES: Mapping[str, type[Vocabulary]] = {
    "source": StaffSource,
    "establishment": EstablishmentKind,
    "certificate": CertificateStatus,
}
_CANONICAL_STAFF = canonical_dimensions(_STAFF_VOCABULARIES)


def _staff_dimensions(value: object) -> Any:
    """The staff's dimensions, a known label read as its key ("派驻" → ``seconded``)."""
    return _CANONICAL_STAFF(value)


@attrs.frozen(field_transformer=apply_checks)
class WorkforceFigures:
    """The yearly workforce figures of a body (执法人员情况).

    Every figure is ``None`` when the report does not state it. ``certified`` is
    the total of certified officers; the units' figures are a breakdown of it.

    Examples:
        >>> WorkforceFigures(certified=22, established_staff=20)
        Traceback (most recent call last):
        ...
        enforcement_core.errors.InvariantError: WorkforceFigures.certified: 22 exceeds established_staff 20
    """

    #: Officers holding a valid enforcement certificate (持证执法人员).
    certified: int | None = attrs.field(
        default=None,
        metadata=checks(optional(a_count()), at_most("established_staff")),
        kw_only=True,
    )
    #: The units by identifier, each with its certified officers and sub-units.
    units: Mapping[str, Unit] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(
            mapping_of(identifier(), instance_of(Unit)),
            parts_within("certified", part="certified"),
        ),
        kw_only=True,
    )
    #: Established staff (在编人员); the certification rate's denominator.
    established_staff: int | None = attrs.field(
        default=None, metadata=checks(optional(a_count())), kw_only=True
    )
    #: Auxiliary staff (辅助执法人员): no certificate, cannot enforce alone.
    auxiliary_staff: int | None = attrs.field(
        default=None, metadata=checks(optional(a_count())), kw_only=True
    )
    #: Officers newly certified in the year (新增执法证).
    newly_certified: int | None = attrs.field(
        default=None, metadata=checks(optional(a_count())), kw_only=True
    )
    #: Certificates cancelled in the year (注销执法证).
    certificates_cancelled: int | None = attrs.field(
        default=None, metadata=checks(optional(a_count())), kw_only=True
    )
    #: Officers who left enforcement in the year (调离、退休、离职), in all.
    departed: int | None = attrs.field(
        default=None, metadata=checks(optional(a_count())), kw_only=True
    )
    #: Officers who left, by reason ("调离执法岗位2名、退休1名").
    departures: Mapping[DepartureReason, int] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(
            mapping_of(member_of(DepartureReason), a_count()), parts_within("departed")
        ),
        kw_only=True,
    )
    #: Staff who passed the enforcement qualification exam in the year (通过执法资格考试).
    exam_passed: int | None = attrs.field(
        default=None, metadata=checks(optional(a_count())), kw_only=True
    )
    #: Staff for whom certificates were applied for in the year (申领执法证).
    certificates_applied: int | None = attrs.field(
        default=None, metadata=checks(optional(a_count())), kw_only=True
    )
    #: Certificates applied for and not yet issued at the year's end (尚待发证).
    certificates_pending: int | None = attrs.field(
        default=None, metadata=checks(optional(a_count())), kw_only=True
    )
    #: Recruits not yet certified (新招录尚未取得执法证人员).
    uncertified_recruits: int | None = attrs.field(
        default=None, metadata=checks(optional(a_count())), kw_only=True
    )
    #: Authorised posts (核定编制).
    authorised_posts: int | None = attrs.field(
        default=None, metadata=checks(optional(a_count())), kw_only=True
    )
    #: Established staff by the kind of establishment (行政编制、事业编制).
    by_establishment: Mapping[EstablishmentKind, int] = attrs.field(
        factory=FrozenMap,
        converter=frozen_map,
        metadata=checks(
            mapping_of(member_of(EstablishmentKind), a_count()),
            parts_within("established_staff"),
        ),
        kw_only=True,
    )
    #: Staff borrowed from other bodies (借调人员).
    borrowed_staff: int | None = attrs.field(
        default=None, metadata=checks(optional(a_count())), kw_only=True
    )
    #: Officers who took part in enforcement training in the year (from a ledger: those
    #: certified at the year's end, as the training coverage divides by them).
    trained: int | None = attrs.field(
        default=None, metadata=checks(optional(a_count())), kw_only=True
    )
    #: Cases of officers' misconduct in the year (执法人员违规违纪).
    misconduct_cases: int | None = attrs.field(
        default=None, metadata=checks(optional(a_count())), kw_only=True
    )
    #: Other breakdowns of the staff, by dimension (by source 派驻/借调/在编, by post,
    #: posts and staff on duty per unit, staff awaiting a certificate), in the report's
    #: order. Each gives its own ``total`` where the report states one: staff by source
    #: are not a breakdown of any one figure of the workforce.
    dimensions: Mapping[str, Dimension] = attrs.field(
        factory=FrozenMap,
        converter=_staff_dimensions,
        metadata=checks(
            mapping_of(identifier(), instance_of(Dimension)),
            dimensions_within(
                closed={"establishment": ("by_establishment",)}, known=_STAFF_VOCABULARIES
            ),
        ),
        kw_only=True,
    )


@attrs.frozen(field_transformer=apply_checks)
class Certificate:
    """An enforcement certificate (行政执法证): number, issuer and validity.

    A certificate is valid from ``valid_from`` to ``valid_to`` inclusive, and no
    longer from the day it is cancelled.

    Examples:
        >>> import datetime as dt
        >>> cert = Certificate(
        ...     "渝执2021001", "重庆市人民政府", dt.date(2021, 3, 1), dt.date(2026, 2, 28)
        ... )
        >>> cert.is_valid_on(dt.date(2023, 6, 1)), cert.is_valid_on(dt.date(2026, 3, 1))
        (True, False)
    """

    #: The certificate number.
    number: str = attrs.field(metadata=checks(text()))
    #: The authority that issued it.
    issuing_authority: str = attrs.field(metadata=checks(text()))
    #: First day of validity.
    valid_from: dt.date = attrs.field(metadata=checks(a_date()))
    #: Last day of validity.
    valid_to: dt.date = attrs.field(metadata=checks(a_date(), not_before("valid_from")))
    #: The day it was cancelled (注销), if it was.
    cancelled_on: dt.date | None = attrs.field(
        default=None, metadata=checks(optional(a_date()), not_before("valid_from")), kw_only=True
    )

    def is_valid_on(self, day: dt.date) -> bool:
        """Whether the certificate is valid on ``day``."""
        if self.cancelled_on is not None and day >= self.cancelled_on:
            return False
        return self.valid_from <= day <= self.valid_to


class Employment(Vocabulary):
    """How a member of enforcement staff is employed."""

    #: 在编: in the establishment; only established staff hold enforcement certificates.
    ESTABLISHED = "established"
    #: 辅助执法人员: auxiliary staff, who hold no certificate and cannot enforce alone.
    AUXILIARY = "auxiliary"


@attrs.frozen(field_transformer=apply_checks)
class Officer:
    """A member of a body's enforcement staff, as a ledger's roster lists them.

    Identity-card numbers have no place here: reports and disclosures never carry them.

    Examples:
        >>> import datetime as dt
        >>> cert = Certificate(
        ...     "渝执2021001", "重庆市人民政府", dt.date(2021, 3, 1), dt.date(2026, 2, 28)
        ... )
        >>> officer = Officer("o-01", "李明", unit="office", certificates=(cert,))
        >>> officer.is_certified_on(dt.date(2023, 12, 31))
        True
    """

    #: The officer's identifier in the ledger; records name officers by it.
    id: str = attrs.field(metadata=checks(identifier()))
    #: The officer's name (disclosed by the enforcement-disclosure system).
    name: str = attrs.field(metadata=checks(text()))
    #: The identifier of the unit the officer works in (a key of the ledger's units).
    unit: str = attrs.field(metadata=checks(identifier()), kw_only=True)
    #: The officer's enforcement certificates, current and past.
    certificates: tuple[Certificate, ...] = attrs.field(
        default=(), metadata=checks(tuple_of(instance_of(Certificate))), kw_only=True
    )
    #: How the officer is employed.
    employment: Employment = attrs.field(
        default=Employment.ESTABLISHED, metadata=checks(member_of(Employment)), kw_only=True
    )
    #: Whether the officer took part in enforcement training during the ledger's year.
    trained: bool = attrs.field(default=False, metadata=checks(instance_of(bool)), kw_only=True)

    @certificates.validator
    def _auxiliary_staff_hold_none(
        self, attribute: attrs.Attribute[tuple[Certificate, ...]], value: tuple[Certificate, ...]
    ) -> None:
        if value and self.employment is Employment.AUXILIARY:
            fail(self, attribute.name, value, "auxiliary staff hold no enforcement certificate")

    def is_certified_on(self, day: dt.date) -> bool:
        """Whether one of the officer's certificates is valid on ``day``."""
        return any(cert.is_valid_on(day) for cert in self.certificates)

    @property
    def first_certified_on(self) -> dt.date | None:
        """The first day the officer held a certificate; ``None`` if never."""
        return min((cert.valid_from for cert in self.certificates), default=None)


@attrs.frozen(field_transformer=apply_checks)
class MisconductCase:
    """A case of an officer's misconduct (执法人员违规违纪), as a roster system records it."""

    #: The record's identifier, unique in its ledger.
    id: str = attrs.field(metadata=checks(identifier()))
    #: The identifier of the officer concerned.
    officer: str = attrs.field(metadata=checks(identifier()))
    #: The day the misconduct was established; it places the record in a year.
    found_on: dt.date = attrs.field(metadata=checks(a_date()))
    #: What happened.
    description: str = attrs.field(default="", metadata=checks(instance_of(str)), kw_only=True)

    @property
    def date(self) -> dt.date:
        """The date that places the record in a year."""
        return self.found_on
