"""Renderers: the built-in ones and any third party's, found the same way.

A renderer is registered under the entry-point group ``enforcement_core.renderers``.
The built-in renderers (``text``, ``zh``, ``json``, ``html``, ``docx``, ``xlsx``) are declared in
enforcement-core's own ``pyproject.toml`` exactly as a plugin declares its own::

    [project.entry-points."enforcement_core.renderers"]
    markdown = "my_package.markdown:renderer"

Examples:
    >>> from enforcement_core import examples, renderers
    >>> [e.name for e in renderers.available() if e.distribution == "enforcement-core"]
    ['docx', 'html', 'json', 'text', 'xlsx', 'zh']
    >>> renderers.get("json").media_type
    'application/json'
    >>> print(renderers.render(examples.load("gulu-2023"), "zh").splitlines()[0])
    重庆市渝北区古路镇人民政府关于2023年行政执法总体情况的报告
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from enforcement_core.errors import EnforcementCoreError, RendererError
from enforcement_core.ledger import Ledger
from enforcement_core.renderers._base import Option, Renderer, validate_options
from enforcement_core.renderers._registry import GROUP, Registry, RendererEntry

if TYPE_CHECKING:
    from enforcement_core.report import AnnualReport

__all__ = [
    "GROUP",
    "Option",
    "Renderer",
    "RendererEntry",
    "available",
    "get",
    "load_all",
    "refresh",
    "register",
    "render",
    "unregister",
    "validate_options",
]

_registry = Registry()

available = _registry.available
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
    values = validate_options(renderer, options)
    if isinstance(report, Ledger):
        # Imported here: rendering a report, the common case, needs no summary.
        from enforcement_core.summary import summarize  # noqa: PLC0415

        report = summarize(report)
    try:
        output: object = renderer.render(report, **values)
    except EnforcementCoreError:
        raise  # the library's own errors say what went wrong already
    except Exception as exc:
        where = _registry.origin(name)
        raise RendererError(f"{where} failed: {type(exc).__name__}: {exc}") from exc
    if not isinstance(output, str | bytes):
        where = _registry.origin(name)
        raise RendererError(
            f"{where} returned {type(output).__name__}, not the str or bytes of a document"
        )
    return output
