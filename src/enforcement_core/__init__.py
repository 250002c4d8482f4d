"""enforcement-core: exact figures, audits and renderers for annual enforcement reports.

The model (the classes of reports, ledgers and their parts, and the errors) is imported
with the package. Everything else that is re-exported here (JSON in and out, the
statistics, summaries, roll-ups, comparisons, the audit, the renderers, the examples and
the plots) is imported the first time one of its names is used, so that
``import enforcement_core`` does not pay for what a program does not use; each name
works exactly as if it had been imported at once, and type checkers see them all.
"""

from __future__ import annotations

# First, before anything else loads (typing alone takes milliseconds): when this process
# is the command line, Ctrl-C while the package loads ends it with one line instead of a
# traceback (nothing otherwise).
from enforcement_core import _signals  # noqa: F401

# isort: split
import importlib
from typing import TYPE_CHECKING

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
from enforcement_core.body import BodyLevel, EnforcementBody
from enforcement_core.dimensions import (
    CertificateStatus,
    Coverage,
    Dimension,
    HazardGrade,
    Part,
    StaffSource,
    as_dimensions,
)
from enforcement_core.errors import (
    EnforcementCoreError,
    ExampleNotFound,
    InvariantError,
    LabelError,
    LoadError,
    MergeError,
    MissingExtraError,
    NotADocumentError,
    NumberFormatError,
    NumberTypeError,
    PlotError,
    Problem,
    RendererError,
    RendererNotFound,
    RendererOptionError,
    RendererWarning,
    SchemaNotFound,
    StatisticsError,
    UnknownLocale,
    UsageError,
)
from enforcement_core.figures import (
    ActionFigures,
    Activity,
    ActivityKind,
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
from enforcement_core.report import (
    AnnualReport,
    Bound,
    ChangeUnit,
    Conventions,
    Narrative,
    OwnFigure,
    RateName,
    SanctionCounting,
    Section,
    SectionRole,
    Stated,
    StatedChange,
    StatedFigure,
    StatedNote,
)
from enforcement_core.workforce import (
    Certificate,
    DepartureReason,
    Employment,
    EstablishmentKind,
    MisconductCase,
    Officer,
    Unit,
    UnitKind,
    WorkforceFigures,
)

if TYPE_CHECKING:
    # Imported on first use (see _LAZY); named here for type checkers and IDEs.
    from enforcement_core import (
        categories,
        errors,
        examples,
        labels,
        numbers_zh,
        plots,
        renderers,
        schema,
        statistics,
    )
    from enforcement_core.comparison import Change, Comparison, RateChange, compare
    from enforcement_core.findings import Finding, Findings, Severity, audit
    from enforcement_core.hierarchy import BodyHierarchy, read_hierarchy
    from enforcement_core.partials import Partial, merge
    from enforcement_core.renderers import render
    from enforcement_core.rollups import rollup
    from enforcement_core.scale import summarize_dask, summarize_partitions
    from enforcement_core.serialization import dump_json, load_json
    from enforcement_core.statistics import Rate
    from enforcement_core.summary import summarize
    from enforcement_core.tables import TableProblem, read_ledger

    __version__: str

__all__ = [
    "ActionFigures",
    "ActionKind",
    "Activity",
    "ActivityKind",
    "AdmonitoryInterview",
    "AnnualReport",
    "AreaFigures",
    "AuthoritySource",
    "BodyHierarchy",
    "BodyLevel",
    "Bound",
    "Certificate",
    "CertificateStatus",
    "Change",
    "ChangeUnit",
    "CoercionFigures",
    "CoerciveAction",
    "CoerciveMeasure",
    "Comparison",
    "Conventions",
    "Coverage",
    "DepartureReason",
    "Dimension",
    "Domain",
    "DomainPenalties",
    "Employment",
    "EnforcementBody",
    "EnforcementCoreError",
    "EstablishmentKind",
    "ExampleNotFound",
    "Finding",
    "Findings",
    "Hazard",
    "HazardFigures",
    "HazardGrade",
    "Inspection",
    "InspectionArea",
    "InspectionFigures",
    "InterviewFigures",
    "InvariantError",
    "LabelError",
    "Ledger",
    "LicenceApplication",
    "LicensingDecision",
    "LicensingFigures",
    "LoadError",
    "MergeError",
    "MisconductCase",
    "MissingExtraError",
    "Narrative",
    "NotADocumentError",
    "NumberFormatError",
    "NumberTypeError",
    "Officer",
    "OtherAction",
    "OwnFigure",
    "Part",
    "Partial",
    "Party",
    "PartyKind",
    "PenaltyCase",
    "PenaltyFigures",
    "PlotError",
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
    "SanctionCounting",
    "SanctionType",
    "SchemaNotFound",
    "Section",
    "SectionRole",
    "Severity",
    "StaffSource",
    "Stated",
    "StatedChange",
    "StatedFigure",
    "StatedNote",
    "StatisticsError",
    "SupervisionLevel",
    "TableProblem",
    "Unit",
    "UnitKind",
    "UnknownLocale",
    "UsageError",
    "WorkforceFigures",
    "__version__",
    "as_dimensions",
    "audit",
    "categories",
    "compare",
    "dump_json",
    "errors",
    "examples",
    "labels",
    "load_json",
    "merge",
    "numbers_zh",
    "plots",
    "read_hierarchy",
    "read_ledger",
    "render",
    "renderers",
    "rollup",
    "schema",
    "statistics",
    "summarize",
    "summarize_dask",
    "summarize_partitions",
]

#: The names imported on first use, each with the submodule that defines it
#: (``None``: the name is the submodule itself).
_LAZY: dict[str, str | None] = {
    "Change": "comparison",
    "Comparison": "comparison",
    "Finding": "findings",
    "Partial": "partials",
    "BodyHierarchy": "hierarchy",
    "read_hierarchy": "hierarchy",
    "summarize_dask": "scale",
    "summarize_partitions": "scale",
    "merge": "partials",
    "Findings": "findings",
    "Rate": "statistics",
    "RateChange": "comparison",
    "Severity": "findings",
    "audit": "findings",
    "compare": "comparison",
    "dump_json": "serialization",
    "categories": None,
    "errors": None,
    "examples": None,
    "load_json": "serialization",
    "labels": None,
    "numbers_zh": None,
    "plots": None,
    "render": "renderers",
    "renderers": None,
    "rollup": "rollups",
    "schema": None,
    "statistics": None,
    "summarize": "summary",
    "TableProblem": "tables",
    "read_ledger": "tables",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        home = _LAZY[name]
        module = importlib.import_module(f"{__name__}.{home or name}")
        value = module if home is None else getattr(module, name)
        globals()[name] = value  # found directly from now on
        return value
    # The version comes from the installed distribution's metadata, read only when asked.
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("enforcement-core")
    raise AttributeError(f"module 'enforcement_core' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
