"""The public surface of ``enforcement_core``, declared once.

Three tables say what ``import enforcement_core as ec`` offers, and everything else is
derived from them: the package's ``__getattr__``, ``__all__`` and ``__dir__`` read them at
run time, and the stub ``__init__.pyi`` that type checkers and IDEs read is written from
them (``python -m enforcement_core._public``; a test holds the stub to the tables).

- :data:`FIRST`: the names a program uses in its first session, at the top level.
- :data:`SUBMODULES`: the documented submodules, each an attribute of the package
  (``ec.tables``, ``ec.statistics``) imported the first time it is used; they hold the
  rest of the public names, each in its own ``__all__``.
- :data:`MOVED`: the names the top level held before :data:`MOVED_IN`, each with the
  submodule that holds it now. They still work until :data:`REMOVED_IN`, with a
  :class:`DeprecationWarning` that names the new import.
"""

from __future__ import annotations

from typing import Final

#: The names a first session calls (load, dump, summarize, audit, roll up, compare,
#: render, read a ledger), the report and ledger classes and the errors a caller catches,
#: each with the submodule that defines it.
FIRST: Final[dict[str, str]] = {
    "AnnualReport": "report",
    "EnforcementCoreError": "errors",
    "InvariantError": "errors",
    "Ledger": "ledger",
    "LoadError": "errors",
    "Problem": "errors",
    "audit": "findings",
    "compare": "comparison",
    "dump_json": "serialization",
    "load_json": "serialization",
    "read_ledger": "tables",
    "render": "renderers",
    "rollup": "rollups",
    "summarize": "summary",
}

#: The documented submodules, in the order docs/api.md gives them.
SUBMODULES: Final[tuple[str, ...]] = (
    "errors",
    "labels",
    "body",
    "dimensions",
    "workforce",
    "actions",
    "figures",
    "categories",
    "report",
    "ledger",
    "serialization",
    "migrations",
    "tables",
    "schema",
    "statistics",
    "summary",
    "rollups",
    "partials",
    "comparison",
    "findings",
    "hierarchy",
    "scale",
    "numbers_zh",
    "renderers",
    "dataframes",
    "plots",
    "examples",
)

#: The version whose top level stopped holding the names of :data:`MOVED`.
MOVED_IN: Final = "0.2.0"
#: The version that removes them from the top level.
REMOVED_IN: Final = "0.3.0"

#: The names the top level re-exported before :data:`MOVED_IN`, by the submodule that
#: holds each now.
MOVED: Final[dict[str, tuple[str, ...]]] = {
    "actions": (
        "ActionKind",
        "AdmonitoryInterview",
        "AuthoritySource",
        "CoerciveAction",
        "CoerciveMeasure",
        "Domain",
        "Hazard",
        "Inspection",
        "InspectionArea",
        "LicenceApplication",
        "LicensingDecision",
        "OtherAction",
        "Party",
        "PartyKind",
        "PenaltyCase",
        "Procedure",
        "ReviewCase",
        "ReviewKind",
        "SanctionType",
        "SupervisionLevel",
    ),
    "body": ("BodyLevel", "EnforcementBody"),
    "comparison": ("Change", "Comparison", "RateChange"),
    "dimensions": (
        "CertificateStatus",
        "Coverage",
        "Dimension",
        "HazardGrade",
        "Part",
        "StaffSource",
        "as_dimensions",
    ),
    "errors": (
        "ExampleNotFound",
        "LabelError",
        "MergeError",
        "MissingExtraError",
        "NotADocumentError",
        "NumberFormatError",
        "NumberTypeError",
        "PlotError",
        "RendererError",
        "RendererNotFound",
        "RendererOptionError",
        "RendererWarning",
        "SchemaNotFound",
        "StatisticsError",
        "UnknownLocale",
        "UsageError",
    ),
    "figures": (
        "ActionFigures",
        "Activity",
        "ActivityKind",
        "AreaFigures",
        "CoercionFigures",
        "DomainPenalties",
        "HazardFigures",
        "InspectionFigures",
        "InterviewFigures",
        "LicensingFigures",
        "PenaltyFigures",
        "PowerFigures",
        "ReviewCounts",
        "ReviewFigures",
    ),
    "findings": ("Finding", "Findings", "Severity"),
    "hierarchy": ("BodyHierarchy", "read_hierarchy"),
    "ledger": ("Record",),
    "partials": ("Partial", "merge"),
    "report": (
        "Bound",
        "ChangeUnit",
        "Conventions",
        "Narrative",
        "OwnFigure",
        "RateName",
        "SanctionCounting",
        "Section",
        "SectionRole",
        "Stated",
        "StatedChange",
        "StatedFigure",
        "StatedNote",
    ),
    "scale": ("summarize_dask", "summarize_partitions"),
    "statistics": ("Rate",),
    "tables": ("TableProblem",),
    "workforce": (
        "Certificate",
        "DepartureReason",
        "Employment",
        "EstablishmentKind",
        "MisconductCase",
        "Officer",
        "Unit",
        "UnitKind",
        "WorkforceFigures",
    ),
}

#: Each moved name with the submodule that holds it now.
MOVED_TO: Final[dict[str, str]] = {
    name: module for module, names in MOVED.items() for name in names
}

#: ``enforcement_core.__all__``: what ``from enforcement_core import *`` gives.
ALL: Final[tuple[str, ...]] = tuple(sorted([*FIRST, "__version__"]))


def moved_message(name: str) -> str:
    """The warning for a moved name: where it is now, and until when the old path works.

    >>> print(moved_message("PenaltyCase"))
    enforcement_core.PenaltyCase moved to enforcement_core.actions in 0.2.0; the old path \
works until 0.3.0: from enforcement_core.actions import PenaltyCase
    """
    module = MOVED_TO[name]
    return (
        f"enforcement_core.{name} moved to enforcement_core.{module} in {MOVED_IN}; the old"
        f" path works until {REMOVED_IN}: from enforcement_core.{module} import {name}"
    )


def stub() -> str:
    """The text of ``__init__.pyi``, written from the tables above."""
    lines = [
        "# The public surface of enforcement_core, for type checkers and IDEs.",
        "# Written by enforcement_core._public.write_stub() from the tables of _public.py;",
        "# do not edit (a test holds it to them).",
        "",
        *(f"from enforcement_core import {module} as {module}" for module in sorted(SUBMODULES)),
        *(
            f"from enforcement_core.{module} import {name} as {name}"
            for name, module in sorted(FIRST.items(), key=lambda item: (item[1], item[0]))
        ),
        "",
        f"# Moved in {MOVED_IN}, and removed from here in {REMOVED_IN}: at run time each",
        "# warns with a DeprecationWarning naming the submodule to import it from.",
        *(
            f"from enforcement_core.{module} import {name} as {name}"
            for module in sorted(MOVED)
            for name in MOVED[module]
        ),
        "",
        "__version__: str",
        "__all__ = [",
        *(f'    "{name}",' for name in ALL),
        "]",
        "",
    ]
    return "\n".join(lines)


def write_stub() -> None:  # pragma: no cover - run by hand after changing a table
    """Write ``__init__.pyi`` from the tables: run it after changing one of them."""
    from pathlib import Path  # noqa: PLC0415

    Path(__file__).with_name("__init__.pyi").write_text(stub(), encoding="utf-8")
