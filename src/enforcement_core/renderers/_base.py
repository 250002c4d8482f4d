"""What a renderer is: the protocol, its declared options, and their validation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import attrs

from enforcement_core._privacy import masked
from enforcement_core.errors import RendererOptionError
from enforcement_core.labels import LOCALES, term

if TYPE_CHECKING:
    from collections.abc import Mapping

    from enforcement_core.report import AnnualReport

__all__ = [
    "LOCALE",
    "PERSONAL_DATA",
    "RATES",
    "Option",
    "Renderer",
    "published",
    "validate_options",
]


@attrs.frozen
class Option:
    """An option a renderer accepts: its type, default, help and, if fixed, its choices.

    Examples:
        >>> Option(int, 2, "spaces of indentation").help
        'spaces of indentation'
    """

    #: The type (or types) a value must have; ``bool`` is never taken for ``int``.
    type: type | tuple[type, ...]  # noqa: A003  (named as argparse names it)
    #: The value used when the option is not given; ``None`` often means "as the
    #: report's conventions say".
    default: Any = None
    #: One line on what the option does.
    help: str = ""
    #: The only values accepted, when there are few.
    choices: tuple[Any, ...] | None = None

    def check(self, renderer: str, name: str, value: object) -> None:
        """Raise :class:`RendererOptionError` unless ``value`` suits this option."""
        types = self.type if isinstance(self.type, tuple) else (self.type,)
        if value is None and self.default is None:
            return
        # True is an int to Python, and never an intended indentation or number of places.
        wrong_bool = isinstance(value, bool) and bool not in types
        if wrong_bool or not isinstance(value, types):
            expected = " or ".join(t.__name__ for t in types)
            raise RendererOptionError(
                f"renderer {renderer!r}: option {name!r} must be {expected}, "
                f"not {type(value).__name__} {value!r}"
            )
        if self.choices is not None and value not in self.choices:
            allowed = ", ".join(repr(choice) for choice in self.choices)
            raise RendererOptionError(
                f"renderer {renderer!r}: option {name!r} must be one of {allowed}, not {value!r}"
            )


#: The option of the renderers that write their labels in Chinese or English.
LOCALE = Option(str, "zh_CN", "the labels' language: zh_CN or en", choices=LOCALES)
#: The option of the table renderers: the figures the report states, or also the exact
#: figures computed from them (rates it does not state, fines per case, hazards open).
RATES = Option(
    str,
    "stated",
    "figures as the report states them, or also the exact ones computed from them, marked",
    choices=("stated", "computed"),
)
#: The option of the renderers that withhold identity-card and mobile numbers unless asked.
PERSONAL_DATA = Option(
    bool,
    default=False,
    help="write identity-card and mobile numbers instead of withholding them",
)


def published(report: AnnualReport, *, personal_data: bool, locale: str = "zh_CN") -> AnnualReport:
    """``report`` as it may be published: numbers in its text withheld unless ``personal_data``.

    Each text field is masked on its own, before a renderer joins it to figures.

    Examples:
        >>> import attrs
        >>> from enforcement_core import examples
        >>> report = examples.load("gulu-2023")
        >>> narrative = attrs.evolve(report.narrative, opening="当事人11010519491231002X")
        >>> report = attrs.evolve(report, narrative=narrative)
        >>> published(report, personal_data=False, locale="en").narrative.opening
        '当事人[ID number withheld]'
        >>> published(report, personal_data=True) is report
        True
    """
    return masked(
        report,
        term("id_withheld", locale),
        term("mobile_withheld", locale),
        numbers=not personal_data,
    )


@runtime_checkable
class Renderer(Protocol):
    """Anything that writes a report: a name, a media type, an extension, options, ``render``.

    Built-in and third-party renderers alike are registered under the entry-point
    group ``enforcement_core.renderers``; ``render`` receives only validated
    options, with their defaults filled in.
    """

    #: The name it is registered under, e.g. ``"zh"``.
    name: str
    #: The media type of its output, e.g. ``"text/plain; charset=utf-8"``.
    media_type: str
    #: The file extension of its output, with the dot, e.g. ``".txt"``.
    extension: str
    #: The options it accepts, by name.
    options: Mapping[str, Option]

    def render(self, report: AnnualReport, **options: Any) -> str | bytes:
        """The report written out: ``str`` for text formats, ``bytes`` for binary ones."""
        ...


def validate_options(renderer: Renderer, given: Mapping[str, object]) -> dict[str, Any]:
    """``given`` checked against the renderer's options, with defaults filled in.

    Raises:
        RendererOptionError: An option the renderer does not accept (the message
            lists those it does), or a value of the wrong type or not among the choices.

    Examples:
        >>> class Plain:
        ...     name, media_type, extension = "plain", "text/plain", ".txt"
        ...     options = {"width": Option(int, 80, "line width")}
        ...
        ...     def render(self, report, **options):
        ...         return "…"
        >>> validate_options(Plain(), {})
        {'width': 80}
        >>> validate_options(Plain(), {"colour": "red"})
        Traceback (most recent call last):
        ...
        enforcement_core.errors.RendererOptionError: renderer 'plain' has no option 'colour'; its options are: width
    """
    unknown = [name for name in given if name not in renderer.options]
    if unknown:
        accepted = ", ".join(renderer.options) or "none"
        raise RendererOptionError(
            f"renderer {renderer.name!r} has no option {unknown[0]!r}; its options are: {accepted}"
        )
    values: dict[str, Any] = {}
    for name, option in renderer.options.items():
        value = given.get(name, option.default)
        option.check(renderer.name, name, value)
        values[name] = value
    return values
