"""enforcement-core: exact figures, audits and renderers for annual enforcement reports.

``import enforcement_core as ec`` imports nothing but the tables of the public surface
(``_public``): each name and each documented submodule is imported the first time it is
used (``ec.load_json``, ``ec.tables``), so that a program pays for what it uses; each
works exactly as if it had been imported at once, and type checkers read them all from
``__init__.pyi``. The names the top level held before 0.2.0 still work, with a
:class:`DeprecationWarning` that names the submodule to import each from.
"""

from __future__ import annotations

# First, before anything else loads: when this process is the command line, Ctrl-C
# while the package loads ends it with one line instead of a traceback.
from enforcement_core import _signals  # noqa: F401

# isort: split
from enforcement_core import _public

__all__ = list(_public.ALL)


def __getattr__(name: str) -> object:
    from importlib import import_module  # noqa: PLC0415  (only when a name is first used)

    if name in _public.FIRST:
        value: object = getattr(import_module(f"{__name__}.{_public.FIRST[name]}"), name)
    elif name in _public.SUBMODULES:
        value = import_module(f"{__name__}.{name}")
    elif name in _public.MOVED_TO:
        import warnings  # noqa: PLC0415

        # Not kept in the namespace, so that every use of the old path warns.
        warnings.warn(_public.moved_message(name), DeprecationWarning, stacklevel=2)
        return getattr(import_module(f"{__name__}.{_public.MOVED_TO[name]}"), name)
    elif name == "__version__":
        # From the installed distribution's metadata, read only when asked.
        from importlib.metadata import version  # noqa: PLC0415

        return version("enforcement-core")
    else:
        raise AttributeError(f"module 'enforcement_core' has no attribute {name!r}")
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_public.ALL, *_public.SUBMODULES})
