"""The exception tree: every error raised on purpose is an EnforcementCoreError and a built-in."""

from __future__ import annotations

import pytest

import enforcement_core as ec
from enforcement_core import cli, errors, plots, schema

# Each error class of the tree, with the built-in exception it also is.
TREE = [
    (errors.InvariantError, ValueError),
    (errors.LoadError, ValueError),
    (errors.MissingExtraError, ImportError),
    (errors.ExampleNotFound, LookupError),
    (errors.SchemaNotFound, LookupError),
    (errors.NotADocumentError, TypeError),
    (errors.PlotError, ValueError),
    (errors.UsageError, ValueError),
    (errors.StatisticsError, ValueError),
    (errors.MergeError, errors.StatisticsError),
    (errors.NumberFormatError, ValueError),
    (errors.NumberTypeError, TypeError),
    (errors.LabelError, ValueError),
    (errors.UnknownLocale, ValueError),
    (errors.RendererNotFound, LookupError),
    (errors.RendererOptionError, TypeError),
]


def raises_as_each(call, message, *classes):
    """``call()`` raises an error caught by ``except`` of each of ``classes``, with ``message``."""
    for cls in classes:
        with pytest.raises(cls, match=message):
            call()


@pytest.fixture(scope="module")
def gulu() -> ec.AnnualReport:
    return ec.examples.load("gulu-2023")


class TestTree:
    @pytest.mark.parametrize(("cls", "builtin"), TREE, ids=lambda c: c.__name__)
    def test_each_class_is_a_library_error_and_a_builtin(self, cls, builtin):
        """Callers may catch either the library's root or the built-in that fits."""
        assert issubclass(cls, errors.EnforcementCoreError)
        assert issubclass(cls, builtin)

    def test_every_error_class_is_in_the_table(self):
        """No error class of errors.py is left out of the table above."""
        classes = {
            getattr(errors, name)
            for name in errors.__all__
            if isinstance(getattr(errors, name), type)
            and issubclass(getattr(errors, name), errors.EnforcementCoreError)
        }
        named = {cls for cls, _ in TREE} | {errors.EnforcementCoreError, errors.RendererError}
        assert named == classes

    @pytest.mark.parametrize("name", ["EnforcementCoreError", "LoadError", "InvariantError"])
    def test_the_errors_a_caller_catches_first_are_at_the_top(self, name):
        """The root, LoadError and InvariantError are at the top level and in __all__."""
        assert getattr(errors, name) is getattr(ec, name)
        assert name in ec.__all__

    @pytest.mark.parametrize("name", errors.__all__)
    def test_every_error_class_is_in_ec_errors(self, name):
        """Every class of errors.py is reached as ec.errors.<name>."""
        assert getattr(errors, name) is getattr(ec.errors, name)

    def test_usage_error_is_still_importable_from_the_cli(self):
        """cli.UsageError, where it used to be defined, is the same class."""
        assert errors.UsageError is cli.UsageError


class TestRaised:
    def test_unknown_schema(self):
        """load_schema of an unknown kind raises SchemaNotFound, a LookupError."""
        raises_as_each(
            lambda: schema.load_schema("report"),
            "^no document kind 'report'; the kinds are: 'annual_report', 'ledger'$",
            errors.SchemaNotFound,
            errors.EnforcementCoreError,
            LookupError,
        )

    def test_schema_of_no_document(self):
        """json_schema of a class that is no document raises NotADocumentError, a TypeError."""
        raises_as_each(
            lambda: schema.json_schema(ec.figures.HazardFigures),  # type: ignore[arg-type]
            "^no document is a .*HazardFigures.*: expected one of AnnualReport, Ledger$",
            errors.NotADocumentError,
            errors.EnforcementCoreError,
            TypeError,
        )

    def test_dump_of_no_document(self):
        """dump_json of an object that is no document raises NotADocumentError, a TypeError."""
        raises_as_each(
            lambda: ec.dump_json(ec.figures.HazardFigures(found=1)),  # type: ignore[arg-type]
            "^cannot dump a HazardFigures: expected an AnnualReport or a Ledger$",
            errors.NotADocumentError,
            errors.EnforcementCoreError,
            TypeError,
        )

    def test_nothing_to_plot(self, gulu):
        """A report with no hazards per area raises PlotError, a ValueError."""
        raises_as_each(
            lambda: plots.hazards_by_area(gulu, locale="en"),
            "states no hazards per inspection area",
            errors.PlotError,
            errors.EnforcementCoreError,
            ValueError,
        )

    def test_no_reports_to_plot(self):
        """cases_by_category of no reports raises PlotError, a ValueError."""
        raises_as_each(
            lambda: plots.cases_by_category([], locale="en"),
            "^no reports to plot$",
            errors.PlotError,
            errors.EnforcementCoreError,
            ValueError,
        )

    def test_unknown_plot_locale(self, gulu):
        """An unknown locale of a plot raises PlotError, a ValueError."""
        raises_as_each(
            lambda: plots.cases_by_category([gulu], locale="fr"),
            "^unknown locale 'fr'; plots are labelled in zh_CN, en, auto$",
            errors.PlotError,
            errors.EnforcementCoreError,
            ValueError,
        )

    def test_usage(self):
        """An --option without '=' raises UsageError, a ValueError."""
        raises_as_each(
            lambda: cli._options("zh", ["money_unit"]),
            "^--option takes KEY=VALUE, not 'money_unit'$",
            errors.UsageError,
            errors.EnforcementCoreError,
            ValueError,
        )
