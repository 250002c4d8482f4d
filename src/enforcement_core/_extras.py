"""Optional features: imported when first used, with an error that names the extra."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from enforcement_core.errors import MissingExtraError

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["require"]


def require(module: str, extra: str, feature: str) -> ModuleType:
    """Import ``module`` for ``feature``, or say which extra installs it.

    Examples:
        >>> require("json", "none", "this example").__name__
        'json'
        >>> require("no_such_module_anywhere", "plot", "plots")
        Traceback (most recent call last):
        ...
        enforcement_core.errors.MissingExtraError: plots need no_such_module_anywhere, which is not installed: pip install 'enforcement-core[plot]'
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(
            f"{feature} need {module.split('.', 1)[0]}, which is not installed: "
            f"pip install 'enforcement-core[{extra}]'",
            name=module,
        ) from exc
