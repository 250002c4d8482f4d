"""enforcement-core: exact figures, audits and renderers for annual enforcement reports."""

# First, before the modules below load: when this process is the command line, Ctrl-C
# while they load ends it with one line instead of a traceback (nothing otherwise).
from enforcement_core import _signals  # noqa: F401, I001

from enforcement_core import examples, plots, renderers, statistics
from enforcement_core.actions import (
    ActionKind,
    AdmonitoryInterview,
    AuthoritySource,
    CoerciveAction,
    CoerciveMeasure,
    Domain,
    Hazard,
    Inspection,
    InspectionArea,
    LicenceApplication,
    LicensingDecision,
    OtherAction,
    Party,
    PartyKind,
    PenaltyCase,
    Procedure,
    ReviewCase,
    ReviewKind,
    SanctionType,
    SupervisionLevel,
)
from enforcement_core.audit import Finding, Findings, Severity, audit
from enforcement_core.body import BodyLevel, EnforcementBody
from enforcement_core.comparison import Change, Comparison, RateChange, compare
from enforcement_core.errors import (
    EnforcementCoreError,
    ExampleNotFound,
    InvariantError,
    LoadError,
    MissingExtraError,
    NumberFormatError,
    NumberTypeError,
    Problem,
    RendererError,
    RendererNotFound,
    RendererOptionError,
    RendererWarning,
    StatisticsError,
)
from enforcement_core.figures import (
    ActionFigures,
    AreaFigures,
    CoercionFigures,
    DomainPenalties,
    HazardFigures,
    InspectionFigures,
    InterviewFigures,
    LicensingFigures,
    PenaltyFigures,
    PowerFigures,
    ReviewCounts,
    ReviewFigures,
)
from enforcement_core.ledger import Ledger, Record
from enforcement_core.renderers import render
from enforcement_core.report import (
    AnnualReport,
    ChangeUnit,
    Conventions,
    Narrative,
    RateName,
    Section,
    SectionRole,
    Stated,
    StatedChange,
)
from enforcement_core.rollup import rollup
from enforcement_core.serialization import dump_json, load_json
from enforcement_core.statistics import Rate
from enforcement_core.summary import summarize
from enforcement_core.workforce import (
    Certificate,
    Employment,
    MisconductCase,
    Officer,
    Unit,
    UnitKind,
    WorkforceFigures,
)

__all__ = [
    "ActionFigures",
    "ActionKind",
    "AdmonitoryInterview",
    "AnnualReport",
    "AreaFigures",
    "AuthoritySource",
    "BodyLevel",
    "Certificate",
    "Change",
    "ChangeUnit",
    "CoercionFigures",
    "CoerciveAction",
    "CoerciveMeasure",
    "Comparison",
    "Conventions",
    "Domain",
    "DomainPenalties",
    "Employment",
    "EnforcementBody",
    "EnforcementCoreError",
    "ExampleNotFound",
    "Finding",
    "Findings",
    "Hazard",
    "HazardFigures",
    "Inspection",
    "InspectionArea",
    "InspectionFigures",
    "InterviewFigures",
    "InvariantError",
    "Ledger",
    "LicenceApplication",
    "LicensingDecision",
    "LicensingFigures",
    "LoadError",
    "MisconductCase",
    "MissingExtraError",
    "Narrative",
    "NumberFormatError",
    "NumberTypeError",
    "Officer",
    "OtherAction",
    "Party",
    "PartyKind",
    "PenaltyCase",
    "PenaltyFigures",
    "PowerFigures",
    "Problem",
    "Procedure",
    "Rate",
    "RateChange",
    "RateName",
    "Record",
    "RendererError",
    "RendererNotFound",
    "RendererOptionError",
    "RendererWarning",
    "ReviewCase",
    "ReviewCounts",
    "ReviewFigures",
    "ReviewKind",
    "SanctionType",
    "Section",
    "SectionRole",
    "Severity",
    "Stated",
    "StatedChange",
    "StatisticsError",
    "SupervisionLevel",
    "Unit",
    "UnitKind",
    "WorkforceFigures",
    "__version__",
    "audit",
    "compare",
    "dump_json",
    "examples",
    "load_json",
    "plots",
    "render",
    "renderers",
    "rollup",
    "statistics",
    "summarize",
]


def __getattr__(name: str) -> str:
    # The version comes from the installed distribution's metadata, read only when asked.
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("enforcement-core")
    raise AttributeError(f"module 'enforcement_core' has no attribute {name!r}")
