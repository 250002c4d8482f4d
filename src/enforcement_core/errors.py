"""The exception tree of enforcement-core.

Every error the library raises on purpose is an :class:`EnforcementCoreError`. Each
subclass also inherits the built-in exception that fits it, so a caller can catch
either: ``except ValueError`` catches a refused invariant as well as
``except InvariantError`` does.

Errors carry what they are about (the field or JSON path and the value) as
attributes, not only in their message, so programs can act on them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "EnforcementCoreError",
    "ExampleNotFound",
    "InvariantError",
    "LabelError",
    "LoadError",
    "MergeError",
    "MissingExtraError",
    "NotADocumentError",
    "NumberFormatError",
    "NumberTypeError",
    "PlotError",
    "Problem",
    "RendererError",
    "RendererNotFound",
    "RendererOptionError",
    "RendererWarning",
    "SchemaNotFound",
    "StatisticsError",
    "UnknownLocale",
    "UsageError",
]


class EnforcementCoreError(Exception):
    """The root of every error that enforcement-core raises on purpose."""


class InvariantError(EnforcementCoreError, ValueError):
    """A value that can never be meaningful was refused at construction.

    Examples:
        >>> from enforcement_core.figures import HazardFigures
        >>> HazardFigures(found=509, rectified=510)
        Traceback (most recent call last):
        ...
        enforcement_core.errors.InvariantError: HazardFigures.rectified: 510 exceeds found 509
    """

    #: The class whose construction was refused, e.g. ``"HazardFigures"``.
    owner: str
    #: The field that holds the refused value, e.g. ``"rectified"``.
    field: str
    #: The refused value itself.
    value: object
    #: Why it was refused, without the owner and field.
    reason: str

    def __init__(self, reason: str, *, owner: str, field: str, value: object) -> None:
        """Build the error; the message is ``owner.field: reason``."""
        super().__init__(f"{owner}.{field}: {reason}")
        self.owner = owner
        self.field = field
        self.value = value
        self.reason = reason


@attrs.frozen
class Problem:
    """One problem found in a document, located by its JSON path.

    Paths are dotted from the document's root; list items are written ``[i]``
    and mapping keys as ``.key``: ``inspection.hazards.rectified``,
    ``inspections[3].hazards[0].rectified_on``.
    """

    #: Where the problem is, e.g. ``"inspection.hazards.rectified"``; ``""`` for the root.
    path: str
    #: The value found there (``None`` when the problem is a missing value).
    value: object
    #: What is wrong with it.
    message: str

    def __str__(self) -> str:
        """``path: message`` (just the message at the root)."""
        return f"{self.path}: {self.message}" if self.path else self.message


class LoadError(EnforcementCoreError, ValueError):
    """A document could not be loaded; :attr:`problems` lists every problem found in it.

    Examples:
        >>> from enforcement_core import load_json
        >>> load_json('{"schema_version": 1, "document": "annual_report", "year": "2023"}')
        Traceback (most recent call last):
        ...
        enforcement_core.errors.LoadError: 2 problems in the document:
          body: required field is missing
          year: expected a whole number (int), got the string '2023'
    """

    #: Every problem found, in document order.
    problems: tuple[Problem, ...]
    #: The file the document came from, when it came from a file.
    source: str | None

    def __init__(self, problems: Iterable[Problem], *, source: str | None = None) -> None:
        """Build the error from its problems; the message lists all of them."""
        self.problems = tuple(problems)
        self.source = source
        where = f" in {source}" if source else " in the document"
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''}{where}:"
        super().__init__("\n  ".join([head, *(str(p) for p in self.problems)]))


class MissingExtraError(EnforcementCoreError, ImportError):
    """An optional feature needs a package that is not installed; the message names the extra."""


class ExampleNotFound(EnforcementCoreError, LookupError):  # noqa: N818  (reads as what happened)
    """No built-in example has the name asked for; the message lists the known ones."""


class SchemaNotFound(EnforcementCoreError, LookupError):  # noqa: N818  (reads as what happened)
    """No kind of document has the name asked for; the message lists the kinds."""


class NotADocumentError(EnforcementCoreError, TypeError):
    """An object was given where a document belongs, and it is neither kind of document.

    The kinds are :class:`~enforcement_core.AnnualReport` and :class:`~enforcement_core.Ledger`.
    """


class PlotError(EnforcementCoreError, ValueError):
    """A plot cannot be drawn as asked: there is nothing to plot, or its labels cannot be written.

    Examples: a report that states no hazards per area, reports that cannot be told
    apart, an unknown locale, Chinese labels with no font that can draw them.
    """


class UsageError(EnforcementCoreError, ValueError):
    """A command of the command line cannot run as asked: the message says why."""


class RendererWarning(UserWarning):
    """A renderer plugin is broken or clashes with another; the others go on working."""


class StatisticsError(EnforcementCoreError, ValueError):
    """Figures cannot be computed as asked: a roll-up of reports of different years, say."""


class MergeError(StatisticsError):
    """Two partial summaries that cannot be merged: of different bodies or years, or disagreeing.

    :func:`~enforcement_core.partials.merge` raises it; the message names what differs.
    """


class NumberFormatError(EnforcementCoreError, ValueError):
    """A number cannot be written or read as asked; the message says why and quotes the value.

    :mod:`enforcement_core.numbers_zh` raises it for a number out of range, a
    Decimal that is not finite, an unknown unit, kind, level or choice of
    numerals, and a text that is not written the way it writes one.

    Examples:
        >>> from enforcement_core import numbers_zh
        >>> numbers_zh.to_chinese(10**16)
        Traceback (most recent call last):
        ...
        enforcement_core.errors.NumberFormatError: to_chinese writes numbers below 10**16 in absolute value, got 10000000000000000
    """


class NumberTypeError(EnforcementCoreError, TypeError):
    """A value of the wrong type was given to :mod:`enforcement_core.numbers_zh`.

    A float, which cannot hold 0.68 exactly; a bool, which is not a number there;
    or anything but the int, Decimal, str or date asked for.

    Examples:
        >>> from enforcement_core import numbers_zh
        >>> numbers_zh.format_amount(0.68)
        Traceback (most recent call last):
        ...
        enforcement_core.errors.NumberTypeError: a float cannot hold an amount exactly; use Decimal('0.68')
    """


class RendererError(EnforcementCoreError):
    """A renderer could not be loaded or could not render."""


class RendererNotFound(RendererError, LookupError):  # noqa: N818  (the issue fixes this public name)
    """No renderer is registered under the name asked for."""


class RendererOptionError(RendererError, TypeError):
    """A renderer was given an option it does not accept, or a value of the wrong type."""


class LabelError(EnforcementCoreError, ValueError):
    """A label names no value of its vocabulary (``Domain.from_label("安全")``)."""


class UnknownLocale(EnforcementCoreError, ValueError):  # noqa: N818  (reads as what happened)
    """A locale the labels are not written in."""
