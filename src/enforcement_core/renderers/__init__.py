"""Renderers: the built-in ones and any third party's, found the same way.

A renderer is registered under the entry-point group ``enforcement_core.renderers``.
The built-in renderers (docs/renderers.md lists them) are declared in
enforcement-core's own ``pyproject.toml`` exactly as a plugin declares its own::

    [project.entry-points."enforcement_core.renderers"]
    markdown = "my_package.markdown:renderer"

Examples:
    >>> from enforcement_core import examples, renderers
    >>> {"zh", "json"} <= {e.name for e in renderers.available()}
    True
    >>> renderers.for_extension(".docx")
    'docx'
    >>> renderers.get("json").media_type
    'application/json'
    >>> print(renderers.render(examples.load("gulu-2023"), "zh").splitlines()[0])
    重庆市渝北区古路镇人民政府关于2023年行政执法总体情况的报告
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from enforcement_core.errors import EnforcementCoreError, RendererError
from enforcement_core.ledger import Ledger
from enforcement_core.renderers._base import Option, Renderer, validate_options
from enforcement_core.renderers._registry import GROUP, Registry, RendererEntry, is_binary

if TYPE_CHECKING:
    from collections.abc import Callable

    from enforcement_core.report import AnnualReport

__all__ = [
    "GROUP",
    "Option",
    "Renderer",
    "RendererEntry",
    "available",
    "for_extension",
    "get",
    "is_binary",
    "load_all",
    "refresh",
    "register",
    "render",
    "unregister",
    "validate_options",
]

_registry = Registry()
_T = TypeVar("_T")

available = _registry.available
for_extension = _registry.for_extension
get = _registry.get
load_all = _registry.load_all
refresh = _registry.refresh
register = _registry.register
unregister = _registry.unregister


def render(report: AnnualReport | Ledger, name: str = "zh", **options: Any) -> str | bytes:
    """Write ``report`` with the renderer ``name``; a ledger is summarised first.

    Options are checked against those the renderer declares before it runs.

    Raises:
        RendererNotFound: No renderer has that name; the message lists those that do.
        RendererError: The renderer's plugin is broken, raised while rendering (the
            cause is attached), or returned something other than ``str`` or ``bytes``.
        RendererOptionError: An option the renderer does not accept, or of the wrong type.
    """
    renderer = get(name)
    own = _registry.is_own(name)
    # An option refused is the caller's error, said as it is; only what the plugin's
    # own attributes raise while they are read is the plugin's.
    values = _guarded(name, True, lambda: validate_options(renderer, options))  # noqa: FBT003
    if isinstance(report, Ledger):
        # Imported here: rendering a report, the common case, needs no summary.
        from enforcement_core.summary import summarize  # noqa: PLC0415

        report = summarize(report)
    output: object = _guarded(name, own, lambda: renderer.render(report, **values))
    if not isinstance(output, str | bytes):
        where = _registry.origin(name)
        raise RendererError(
            f"{where} returned {type(output).__name__}, not the str or bytes of a document"
        )
    if isinstance(output, str):
        try:
            output.encode("utf-8")
        except UnicodeEncodeError as exc:
            where = _registry.origin(name)
            raise RendererError(
                f"{where} returned text that is not Unicode: {exc.reason} at character {exc.start}"
            ) from None
    return output


def _guarded(name: str, own: bool, call: Callable[[], _T]) -> _T:  # noqa: FBT001
    """``call()``, whatever a plugin raises in it made a :class:`RendererError` naming it.

    The library's own errors from a built-in renderer pass as they are: they say
    what went wrong already. From a plugin they are the plugin's failure, and
    SystemExit (``sys.exit`` in a plugin) or any other BaseException is never the
    caller's end; only Ctrl-C passes.
    """
    try:
        return call()
    except KeyboardInterrupt:
        raise
    except EnforcementCoreError as exc:
        if own:
            raise
        where = _registry.origin(name)
        raise RendererError(f"{where} failed: {_described(exc)}") from exc
    except BaseException as exc:
        where = _registry.origin(name)
        raise RendererError(f"{where} failed: {_described(exc)}") from exc


def _described(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"
