# The public surface of enforcement_core, for type checkers and IDEs.
# Written by enforcement_core._public.write_stub() from the tables of _public.py;
# do not edit (a test holds it to them).

from enforcement_core import actions as actions
from enforcement_core import body as body
from enforcement_core import categories as categories
from enforcement_core import comparison as comparison
from enforcement_core import dataframes as dataframes
from enforcement_core import dimensions as dimensions
from enforcement_core import errors as errors
from enforcement_core import examples as examples
from enforcement_core import figures as figures
from enforcement_core import findings as findings
from enforcement_core import hierarchy as hierarchy
from enforcement_core import labels as labels
from enforcement_core import ledger as ledger
from enforcement_core import migrations as migrations
from enforcement_core import numbers_zh as numbers_zh
from enforcement_core import partials as partials
from enforcement_core import plots as plots
from enforcement_core import renderers as renderers
from enforcement_core import report as report
from enforcement_core import rollups as rollups
from enforcement_core import scale as scale
from enforcement_core import schema as schema
from enforcement_core import serialization as serialization
from enforcement_core import statistics as statistics
from enforcement_core import summary as summary
from enforcement_core import tables as tables
from enforcement_core import workforce as workforce
from enforcement_core.comparison import compare as compare
from enforcement_core.errors import EnforcementCoreError as EnforcementCoreError
from enforcement_core.errors import InvariantError as InvariantError
from enforcement_core.errors import LoadError as LoadError
from enforcement_core.errors import Problem as Problem
from enforcement_core.findings import audit as audit
from enforcement_core.ledger import Ledger as Ledger
from enforcement_core.renderers import render as render
from enforcement_core.report import AnnualReport as AnnualReport
from enforcement_core.rollups import rollup as rollup
from enforcement_core.serialization import dump_json as dump_json
from enforcement_core.serialization import load_json as load_json
from enforcement_core.summary import summarize as summarize
from enforcement_core.tables import read_ledger as read_ledger

# Moved in 0.2.0, and removed from here in 0.3.0: at run time each
# warns with a DeprecationWarning naming the submodule to import it from.
from enforcement_core.actions import ActionKind as ActionKind
from enforcement_core.actions import AdmonitoryInterview as AdmonitoryInterview
from enforcement_core.actions import AuthoritySource as AuthoritySource
from enforcement_core.actions import CoerciveAction as CoerciveAction
from enforcement_core.actions import CoerciveMeasure as CoerciveMeasure
from enforcement_core.actions import Domain as Domain
from enforcement_core.actions import Hazard as Hazard
from enforcement_core.actions import Inspection as Inspection
from enforcement_core.actions import InspectionArea as InspectionArea
from enforcement_core.actions import LicenceApplication as LicenceApplication
from enforcement_core.actions import LicensingDecision as LicensingDecision
from enforcement_core.actions import OtherAction as OtherAction
from enforcement_core.actions import Party as Party
from enforcement_core.actions import PartyKind as PartyKind
from enforcement_core.actions import PenaltyCase as PenaltyCase
from enforcement_core.actions import Procedure as Procedure
from enforcement_core.actions import ReviewCase as ReviewCase
from enforcement_core.actions import ReviewKind as ReviewKind
from enforcement_core.actions import SanctionType as SanctionType
from enforcement_core.actions import SupervisionLevel as SupervisionLevel
from enforcement_core.body import BodyLevel as BodyLevel
from enforcement_core.body import EnforcementBody as EnforcementBody
from enforcement_core.comparison import Change as Change
from enforcement_core.comparison import Comparison as Comparison
from enforcement_core.comparison import RateChange as RateChange
from enforcement_core.dimensions import CertificateStatus as CertificateStatus
from enforcement_core.dimensions import Coverage as Coverage
from enforcement_core.dimensions import Dimension as Dimension
from enforcement_core.dimensions import HazardGrade as HazardGrade
from enforcement_core.dimensions import Part as Part
from enforcement_core.dimensions import StaffSource as StaffSource
from enforcement_core.dimensions import as_dimensions as as_dimensions
from enforcement_core.errors import ExampleNotFound as ExampleNotFound
from enforcement_core.errors import LabelError as LabelError
from enforcement_core.errors import MergeError as MergeError
from enforcement_core.errors import MissingExtraError as MissingExtraError
from enforcement_core.errors import NotADocumentError as NotADocumentError
from enforcement_core.errors import NumberFormatError as NumberFormatError
from enforcement_core.errors import NumberTypeError as NumberTypeError
from enforcement_core.errors import PlotError as PlotError
from enforcement_core.errors import RendererError as RendererError
from enforcement_core.errors import RendererNotFound as RendererNotFound
from enforcement_core.errors import RendererOptionError as RendererOptionError
from enforcement_core.errors import RendererWarning as RendererWarning
from enforcement_core.errors import SchemaNotFound as SchemaNotFound
from enforcement_core.errors import StatisticsError as StatisticsError
from enforcement_core.errors import UnknownLocale as UnknownLocale
from enforcement_core.errors import UsageError as UsageError
from enforcement_core.figures import ActionFigures as ActionFigures
from enforcement_core.figures import Activity as Activity
from enforcement_core.figures import ActivityKind as ActivityKind
from enforcement_core.figures import AreaFigures as AreaFigures
from enforcement_core.figures import CoercionFigures as CoercionFigures
from enforcement_core.figures import DomainPenalties as DomainPenalties
from enforcement_core.figures import HazardFigures as HazardFigures
from enforcement_core.figures import InspectionFigures as InspectionFigures
from enforcement_core.figures import InterviewFigures as InterviewFigures
from enforcement_core.figures import LicensingFigures as LicensingFigures
from enforcement_core.figures import PenaltyFigures as PenaltyFigures
from enforcement_core.figures import PowerFigures as PowerFigures
from enforcement_core.figures import ReviewCounts as ReviewCounts
from enforcement_core.figures import ReviewFigures as ReviewFigures
from enforcement_core.findings import Finding as Finding
from enforcement_core.findings import Findings as Findings
from enforcement_core.findings import Severity as Severity
from enforcement_core.hierarchy import BodyHierarchy as BodyHierarchy
from enforcement_core.hierarchy import read_hierarchy as read_hierarchy
from enforcement_core.ledger import Record as Record
from enforcement_core.partials import Partial as Partial
from enforcement_core.partials import merge as merge
from enforcement_core.report import Bound as Bound
from enforcement_core.report import ChangeUnit as ChangeUnit
from enforcement_core.report import Conventions as Conventions
from enforcement_core.report import Narrative as Narrative
from enforcement_core.report import OwnFigure as OwnFigure
from enforcement_core.report import RateName as RateName
from enforcement_core.report import SanctionCounting as SanctionCounting
from enforcement_core.report import Section as Section
from enforcement_core.report import SectionRole as SectionRole
from enforcement_core.report import Stated as Stated
from enforcement_core.report import StatedChange as StatedChange
from enforcement_core.report import StatedFigure as StatedFigure
from enforcement_core.report import StatedNote as StatedNote
from enforcement_core.scale import summarize_dask as summarize_dask
from enforcement_core.scale import summarize_partitions as summarize_partitions
from enforcement_core.statistics import Rate as Rate
from enforcement_core.tables import TableProblem as TableProblem
from enforcement_core.workforce import Certificate as Certificate
from enforcement_core.workforce import DepartureReason as DepartureReason
from enforcement_core.workforce import Employment as Employment
from enforcement_core.workforce import EstablishmentKind as EstablishmentKind
from enforcement_core.workforce import MisconductCase as MisconductCase
from enforcement_core.workforce import Officer as Officer
from enforcement_core.workforce import Unit as Unit
from enforcement_core.workforce import UnitKind as UnitKind
from enforcement_core.workforce import WorkforceFigures as WorkforceFigures

__version__: str
__all__ = [
    "AnnualReport",
    "EnforcementCoreError",
    "InvariantError",
    "Ledger",
    "LoadError",
    "Problem",
    "__version__",
    "audit",
    "compare",
    "dump_json",
    "load_json",
    "read_ledger",
    "render",
    "rollup",
    "summarize",
]
