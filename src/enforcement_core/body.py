"""The reporting body: who publishes an annual enforcement report."""

from __future__ import annotations

import attrs

from enforcement_core._validators import (
    apply_checks,
    checks,
    instance_of,
    member_of,
    text,
)
from enforcement_core.labels import Vocabulary

__all__ = ["BodyLevel", "EnforcementBody"]


class BodyLevel(Vocabulary):
    """The administrative level of an enforcement body (行政执法主体的层级)."""

    #: 乡 (a rural township).
    TOWNSHIP = "township"
    #: 镇 (a town government, like the reference report's 古路镇).
    TOWN = "town"
    #: 街道 (a street office).
    STREET = "street"
    #: 区县 (a county or district government).
    COUNTY = "county"
    #: 区县部门 (a department of a county or district government).
    COUNTY_DEPARTMENT = "county_department"
    #: 市 (a city government).
    CITY = "city"
    #: 市级部门 (a department of a city government).
    CITY_DEPARTMENT = "city_department"
    #: 省 (a province, autonomous region or municipality: the top of a roll-up).
    PROVINCE = "province"
    #: 省级部门 (a department of a provincial government).
    PROVINCE_DEPARTMENT = "province_department"


@attrs.frozen(field_transformer=apply_checks)
class EnforcementBody:
    """An enforcement body (行政执法主体): a town or street government, a department.

    Examples:
        >>> body = EnforcementBody(
        ...     name="重庆市渝北区古路镇人民政府",
        ...     level=BodyLevel.TOWN,
        ...     region="重庆市渝北区",
        ...     short_name="古路镇",
        ... )
        >>> body.short_name
        '古路镇'
        >>> EnforcementBody(name=" ", level=BodyLevel.TOWN)
        Traceback (most recent call last):
        ...
        enforcement_core.errors.InvariantError: EnforcementBody.name: must not be empty
    """

    #: The official name, as the body signs its documents: "重庆市渝北区古路镇人民政府".
    name: str = attrs.field(metadata=checks(text()))
    #: The administrative level.
    level: BodyLevel = attrs.field(metadata=checks(member_of(BodyLevel)))
    #: The region the body belongs to, e.g. "重庆市渝北区"; ``""`` when not given.
    region: str = attrs.field(default="", metadata=checks(instance_of(str)))
    #: The name used in running text ("古路镇开展了…"); the full name when not given.
    short_name: str = attrs.field(metadata=checks(text()))

    @short_name.default
    def _short_name_default(self) -> str:
        return self.name
