"""Renderer discovery: entry points, failure isolation, name clashes, run-time registration.

Everything about finding renderers lives here, so that the public module stays
small. Listing reads only the installed distributions' metadata; a plugin's
module is imported when its renderer is first asked for. A plugin that fails to
import, or loads something that is not a renderer, is isolated: listing and every
other renderer go on working, a :class:`RendererWarning` names it where all are
loaded, and asking for it raises a :class:`RendererError` whose cause is the
original exception (xarray's plugins work this way; Pygments' one broken plugin
breaking every lookup is what this avoids).

Where the group's entry points are the built-ins' alone, they are read straight
from the ``entry_points.txt`` of the distributions on ``sys.path``
(:func:`declared_built_ins`), without importing ``importlib.metadata``: for the
command line that import cost more than the rest of a lookup. Wherever a plugin
declares a renderer, or the folders hold anything that reading might read
differently, ``importlib.metadata`` reads them all, as it always did.
"""

from __future__ import annotations

import difflib
import functools
import importlib
import importlib.machinery
import re
import sys
import threading
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from enforcement_core.errors import RendererError, RendererNotFound, RendererWarning
from enforcement_core.renderers._base import Option, Renderer

if TYPE_CHECKING:
    from collections.abc import Iterator
    from importlib.metadata import Distribution, EntryPoint
    from typing import TypeAlias

    #: An entry point of the group, as importlib.metadata or declared_built_ins reads it.
    _EntryPoint: TypeAlias = "EntryPoint | DeclaredEntryPoint"

__all__ = ["GROUP", "OWN_DISTRIBUTION", "OWN_PACKAGE", "Registry", "RendererEntry", "is_binary"]

#: The entry-point group renderers are registered under.
GROUP = "enforcement_core.renderers"
#: The distribution of the built-in renderers; no plugin may take their names.
OWN_DISTRIBUTION = "enforcement-core"
#: The package of the built-in renderers: an entry point is a built-in when it names
#: an object in it, whatever the distribution that declares it is called (a
#: distribution named "Enforcement_Core" earlier on sys.path must not pass for ours).
OWN_PACKAGE = "enforcement_core.renderers."


@attrs.frozen
class RendererEntry:
    """A renderer as listed, before it is loaded."""

    #: The name it is asked for by.
    name: str
    #: The distribution that declares it; ``None`` for one registered at run time.
    distribution: str | None
    #: Where it comes from: the entry point's ``module:attribute``, or the object's repr.
    value: str


def _distribution(entry_point: _EntryPoint) -> str:
    """The name of the distribution that declares ``entry_point``, whatever its metadata holds."""
    dist = entry_point.dist
    if dist is None:
        return "(unknown distribution)"
    try:
        name = dist.metadata["Name"]
    except Exception:  # noqa: BLE001  (unreadable metadata is one distribution's problem)
        name = None
    if isinstance(name, str) and name.strip():
        return name
    # Metadata without a Name: named by where it lies, so that it can still be found.
    where = getattr(dist, "_path", None)
    return f"(distribution without a name at {where})" if where else "(distribution without a name)"


def _same_name(name: str) -> str:
    return name.replace("_", "-").lower()


def _is_own(entry_point: _EntryPoint) -> bool:
    # By the module the entry point names, not by the distribution's name.
    return entry_point.value.startswith(OWN_PACKAGE)


def _entry_points() -> Iterator[EntryPoint]:
    """Every entry point of the group, in every distribution on sys.path.

    ``importlib.metadata.entry_points()`` keeps the first distribution of each
    name, so one named like ours earlier on sys.path would hide the built-ins;
    every distribution is read here, and one whose metadata cannot be read is
    skipped alone.
    """
    import importlib.metadata  # noqa: PLC0415  (see declared_built_ins)

    for dist in importlib.metadata.distributions():
        try:
            found = [ep for ep in dist.entry_points if ep.group == GROUP]
        except Exception:  # noqa: BLE001, S112  (a broken distribution never breaks another)
            continue
        yield from found


#: ``importlib.metadata.EntryPoint.pattern``: what an entry point's value names.
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


class DeclaredEntryPoint:
    """A built-in's entry point as its distribution's ``entry_points.txt`` declares it.

    It stands for ``importlib.metadata.EntryPoint`` where the registry reads one
    (``name``, ``value``, ``group``, ``dist``, ``load()``), and loads the same object;
    its distribution is read, by ``importlib.metadata``, only when it is asked for.
    """

    __slots__ = ("folder", "group", "name", "value")

    def __init__(self, name: str, value: str, folder: str) -> None:
        """The entry point ``name = value`` of the group, declared in the folder ``folder``."""
        #: The name it is asked for by.
        self.name = name
        #: The ``module:attribute`` it names.
        self.value = value
        #: The group: always :data:`GROUP`.
        self.group = GROUP
        #: The distribution's ``.dist-info`` (or ``.egg-info``) folder.
        self.folder = folder

    def __repr__(self) -> str:
        return (
            f"DeclaredEntryPoint(name={self.name!r}, value={self.value!r}, folder={self.folder!r})"
        )

    @property
    def dist(self) -> Distribution:
        """The distribution that declares it, as ``importlib.metadata`` reads it."""
        import importlib.metadata  # noqa: PLC0415  (only when a distribution is named)

        return importlib.metadata.PathDistribution(Path(self.folder))

    def load(self) -> Any:
        """The object the entry point names, as ``EntryPoint.load`` finds it."""
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"the entry point {self.name} = {self.value} names no object")
        attributes = filter(None, (match.group("attr") or "").split("."))
        return functools.reduce(getattr, attributes, importlib.import_module(match["module"]))


def _section_pairs(text: str) -> Iterator[tuple[str, str, str]]:
    """``(section, name, value)`` of an ``entry_points.txt``, as ``importlib.metadata`` reads it.

    Raises ValueError on a line that is neither a section nor ``name = value``, where
    ``importlib.metadata`` fails on the whole file, and the registry skips its distribution.
    """
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
        elif section is not None:
            name, value = line.split("=", 1)
            yield section, name.strip(), value.strip()


def _finds_distributions_by_path_alone() -> bool:
    """Whether ``importlib.metadata`` would find distributions only in ``sys.path``'s folders.

    Another finder of distributions (an installer's, a frozen application's) may know
    some that no folder holds.
    """
    finders = [f for f in sys.meta_path if getattr(f, "find_distributions", None) is not None]
    return finders == [importlib.machinery.PathFinder]


def _info_folders(root: str) -> list[Path] | None:
    """The ``*.dist-info`` and ``*.egg-info`` of the folder ``root``, in its order; ``None`` if unsure.

    ``importlib.metadata`` lists a folder the same way (``os.listdir``, names ending so
    in any case). A zip file (an egg) or an ``.egg`` folder is read differently there:
    ``None`` sends the lookup to it.
    """
    try:
        if root.lower().endswith(".egg"):
            return None
        children = list(Path(root or ".").iterdir())
    except (FileNotFoundError, PermissionError):
        return []  # importlib.metadata finds nothing there either
    except (OSError, TypeError, AttributeError):  # a zip file on sys.path, or no path at all
        return None
    return [child for child in children if child.name.lower().endswith((".dist-info", ".egg-info"))]


def _declared_in(folder: Path) -> list[DeclaredEntryPoint] | None:
    """The group's entry points a distribution's folder declares; ``None`` if unsure or a plugin's."""
    try:
        text = (folder / "entry_points.txt").read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError):
        return []  # importlib.metadata reads no entry points there either
    except (OSError, ValueError):
        return None
    if GROUP not in text:  # a section of the group is named in the text
        return []
    try:
        declared = [(n, v) for g, n, v in _section_pairs(text) if g == GROUP]
    except ValueError:
        return None
    if not all(value.startswith(OWN_PACKAGE) for _, value in declared):
        return None
    return [DeclaredEntryPoint(name, value, str(folder)) for name, value in declared]


def declared_built_ins() -> list[DeclaredEntryPoint] | None:
    """The group's entry points, when every one is a built-in's; else ``None``.

    Read from the ``entry_points.txt`` of each distribution on ``sys.path``, in the order
    ``importlib.metadata.distributions()`` gives them. ``None`` (and the registry reads
    every distribution with ``importlib.metadata``) wherever a plugin declares a renderer,
    a file of the group cannot be read as ``importlib.metadata`` reads it, or a
    distribution may lie where this reading does not look. The registry's rules on
    plugins (no plugin takes a built-in's name, two plugins claiming one name clash) are
    therefore applied where they always were: no plugin, no rule to apply.
    """
    if not _finds_distributions_by_path_alone():
        return None
    found: list[DeclaredEntryPoint] = []
    for root in sys.path:
        folders = _info_folders(root)
        if folders is None:
            return None
        for folder in folders:
            declared = _declared_in(folder)
            if declared is None:
                return None
            found += declared
    return found or None


def _not_a_renderer(obj: object, name: str) -> str | None:
    """Why ``obj`` is not a renderer named ``name``; ``None`` when it is one."""
    for attribute in ("name", "media_type", "extension"):
        if not isinstance(getattr(obj, attribute, None), str):
            return f"it has no str attribute {attribute!r}"
    if getattr(obj, "name", None) != name:
        return f"it is named {getattr(obj, 'name', None)!r}, not {name!r}"
    if not str(getattr(obj, "extension", "")).startswith("."):
        return "its extension does not start with '.'"
    options = getattr(obj, "options", None)
    if not isinstance(options, Mapping) or not all(isinstance(o, Option) for o in options.values()):
        return "its options are not a mapping of Option"
    if not callable(getattr(obj, "render", None)):
        return "it has no render() method"
    return None


#: Media types that are text whatever their name says (``application/json``).
_TEXT_TYPES = frozenset({"application/json", "application/xml", "application/javascript"})


def is_binary(renderer: object) -> bool:
    """Whether ``renderer`` writes a binary document (a zip, an image), by its media type.

    Text is ``text/*``, a type with a ``charset``, JSON, XML and their ``+json`` and
    ``+xml`` kinds; anything else is binary, and is not written to a terminal.

    Examples:
        >>> from enforcement_core import renderers
        >>> is_binary(renderers.get("docx")), is_binary(renderers.get("json"))
        (True, False)
    """
    media_type = str(getattr(renderer, "media_type", "")).lower()
    bare = media_type.split(";")[0].strip()
    text = (
        bare.startswith("text/")
        or "charset=" in media_type
        or bare in _TEXT_TYPES
        or bare.endswith(("+json", "+xml"))
    )
    return not text


def _claimed(renderer: object) -> tuple[str, ...]:
    """The ``--output`` extensions ``renderer`` claims; a malformed claim claims nothing."""
    try:
        claimed = getattr(renderer, "extensions", ())
    except Exception:  # noqa: BLE001  (a plugin's attribute that raises claims nothing)
        return ()
    if not isinstance(claimed, tuple | list | frozenset | set):
        return ()
    return tuple(str(e).lower() for e in claimed if isinstance(e, str))


#: How long a plugin's module may take to import, in seconds, before it is held broken.
IMPORT_TIMEOUT = 20.0


def _imported(entry_point: _EntryPoint) -> Any:
    """The object ``entry_point`` names, imported in a thread that may take :data:`IMPORT_TIMEOUT`.

    A plugin whose import blocks (a network call, a lock, ``input()``) would hang
    every command that lists renderers: it is left behind, in a daemon thread
    that does not keep the process alive, and reported as broken.
    """
    outcome: list[Any] = []

    def load() -> None:
        try:
            outcome.append((True, entry_point.load()))
        except BaseException as exc:  # noqa: BLE001  (handed to the caller, who names it)
            outcome.append((False, exc))

    worker = threading.Thread(target=load, name=f"import {entry_point.value}", daemon=True)
    worker.start()
    worker.join(IMPORT_TIMEOUT)
    if not outcome:
        raise TimeoutError(f"its import did not finish within {IMPORT_TIMEOUT:g} s")
    loaded, value = outcome[0]
    if not loaded:
        raise value
    return value


class Registry:
    """The renderers of this process: discovered by entry point or registered at run time."""

    def __init__(self) -> None:
        """An empty registry; entry points are read when first needed."""
        self._scanned: dict[str, list[_EntryPoint]] | None = None
        self._registered: dict[str, Renderer] = {}
        self._loaded: dict[str, Renderer] = {}
        self._broken: dict[str, RendererError] = {}
        self._origins: dict[str, str] = {}

    # Discovery ----------------------------------------------------------------------

    def _entry_points(self) -> dict[str, list[_EntryPoint]]:
        if self._scanned is None:
            self._scanned = self._scan()
        return self._scanned

    def _scan(self) -> dict[str, list[_EntryPoint]]:
        by_name: dict[str, list[_EntryPoint]] = {}
        seen: set[tuple[str, str, str]] = set()
        declared = declared_built_ins()
        for entry_point in _entry_points() if declared is None else declared:
            # The same distribution found twice on sys.path (our own, also by module).
            owner = "" if _is_own(entry_point) else _same_name(_distribution(entry_point))
            key = (entry_point.name, owner, entry_point.value)
            if key in seen:  # the same distribution found twice on sys.path
                continue
            seen.add(key)
            by_name.setdefault(entry_point.name, []).append(entry_point)
        for name, claims in by_name.items():
            own = [ep for ep in claims if _is_own(ep)]
            if own and len(claims) > 1:
                for ep in claims:
                    if not _is_own(ep):
                        warnings.warn(
                            f"renderer {name!r} of distribution {_distribution(ep)!r} ({ep.value}) "
                            f"is ignored: it would shadow the built-in renderer {name!r}",
                            RendererWarning,
                            stacklevel=4,
                        )
                by_name[name] = own[:1]
            elif len(claims) > 1:
                warnings.warn(self._clash(name, claims), RendererWarning, stacklevel=4)
        return by_name

    @staticmethod
    def _clash(name: str, claims: list[_EntryPoint]) -> str:
        sources = " and ".join(f"{_distribution(ep)!r} ({ep.value})" for ep in claims)
        return f"renderer {name!r} is claimed by {sources}: uninstall one of them"

    def refresh(self) -> None:
        """Forget what was discovered and loaded, to see distributions installed since."""
        importlib.invalidate_caches()
        self._scanned = None
        self._loaded.clear()
        self._broken.clear()
        self._origins.clear()

    # Listing -------------------------------------------------------------------------

    def available(self) -> list[RendererEntry]:
        """Every renderer, by name, without importing any plugin module."""
        entries = [
            RendererEntry(name, _distribution(ep), ep.value)
            for name, claims in self._entry_points().items()
            if name not in self._registered
            for ep in claims
        ]
        entries += [RendererEntry(name, None, repr(r)) for name, r in self._registered.items()]
        return sorted(entries, key=lambda entry: (entry.name, entry.distribution or ""))

    def names(self) -> list[str]:
        """The names of every renderer, sorted."""
        return sorted({entry.name for entry in self.available()})

    # Extensions ----------------------------------------------------------------------

    def for_extension(self, suffix: str) -> str | None:
        """The renderer an output file ending ``suffix`` asks for; ``None`` when none or several.

        A renderer is chosen by the extensions it claims (an optional ``extensions``
        attribute: ``zh`` claims ``.txt``, which ``text`` also writes; ``html`` claims
        ``.htm``), else as the one renderer whose ``extension`` it is. The built-in
        renderers are asked first, so a plugin never takes a built-in's extension;
        plugins are loaded only when no built-in writes ``suffix``, and a broken one
        is passed over. Two renderers writing one extension, neither claiming it,
        choose none: the command's default stands.
        """
        suffix = suffix.lower()
        if not suffix.startswith("."):
            return None
        names = self.names()
        own = [name for name in names if self.is_own(name)]
        for group in (own, [name for name in names if name not in own]):
            claiming, writing = [], []
            for name in group:
                try:
                    renderer = self.get(name)
                    written = str(renderer.extension).lower()
                except Exception:  # noqa: BLE001, S112  (a broken plugin says so where it is asked for by name)
                    continue
                if suffix in _claimed(renderer):
                    claiming.append(name)
                if written == suffix:
                    writing.append(name)
            for found in (claiming, writing):
                if len(found) == 1:
                    return found[0]
                if found:
                    return None
        return None

    # Loading -------------------------------------------------------------------------

    def get(self, name: str) -> Renderer:
        """The renderer ``name``, loaded on first use."""
        if name in self._registered:
            return self._registered[name]
        if name in self._loaded:
            return self._loaded[name]
        if name in self._broken:
            raise self._broken[name]
        claims = self._entry_points().get(name)
        if not claims:
            names = self.names()
            known = ", ".join(repr(n) for n in names) or "none"
            close = difflib.get_close_matches(name, names, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise RendererNotFound(f"no renderer named {name!r}; the renderers are: {known}{hint}")
        if len(claims) > 1:
            raise RendererError(self._clash(name, claims))
        renderer = self._load(name, claims[0])
        self._loaded[name] = renderer
        return renderer

    def origin(self, name: str) -> str:
        """How errors name the renderer ``name``: with its distribution and entry point."""
        if name in self._registered:
            return f"renderer {name!r} (registered at run time)"
        if name not in self._origins:
            claims = self._entry_points().get(name) or []
            if len(claims) != 1:
                return f"renderer {name!r}"
            ep = claims[0]
            self._origins[name] = (
                f"renderer {name!r} of distribution {_distribution(ep)!r} ({ep.value})"
            )
        return self._origins[name]

    def is_own(self, name: str) -> bool:
        """Whether ``name`` is a built-in renderer of enforcement-core."""
        if name in self._registered:
            return False
        claims = self._entry_points().get(name) or []
        return len(claims) == 1 and _is_own(claims[0])

    def _load(self, name: str, entry_point: _EntryPoint) -> Renderer:
        # Errors name the distribution, whose metadata is read only when one is raised.
        try:
            obj: Any = _imported(entry_point) if not _is_own(entry_point) else entry_point.load()
            if isinstance(obj, type):
                obj = obj()
        except KeyboardInterrupt:
            raise
        # SystemExit and any BaseException a plugin raises at import are its failure,
        # not a reason for the process to stop.
        except BaseException as exc:
            where = self.origin(name)
            error = RendererError(f"{where} cannot be loaded: {type(exc).__name__}: {exc}")
            error.__cause__ = exc
            self._broken[name] = error
            raise error from exc
        try:
            reason = _not_a_renderer(obj, name)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001  (an attribute that raises, sys.exit included)
            reason = f"reading its attributes raised {type(exc).__name__}: {exc}"
        if reason is not None:
            error = RendererError(f"{self.origin(name)} is not a renderer: {reason}")
            self._broken[name] = error
            raise error
        renderer: Renderer = obj
        return renderer

    def load_all(self) -> dict[str, Renderer | RendererError]:
        """Every renderer loaded; the broken ones as their error, each with a warning."""
        result: dict[str, Renderer | RendererError] = {}
        for name in self.names():
            try:
                result[name] = self.get(name)
            except RendererError as error:
                warnings.warn(str(error), RendererWarning, stacklevel=2)
                result[name] = error
        return result

    # Registration at run time ----------------------------------------------------------

    def register(self, name: str, renderer: Renderer, *, replace: bool = False) -> None:
        """Add ``renderer`` under ``name`` for this process (a renderer defined in a notebook)."""
        reason = _not_a_renderer(renderer, name)
        if reason is not None:
            raise RendererError(f"cannot register {renderer!r} as renderer {name!r}: {reason}")
        if not replace and name in self.names():
            raise RendererError(
                f"a renderer named {name!r} exists already; pass replace=True to replace it"
            )
        self._registered[name] = renderer

    def unregister(self, name: str) -> None:
        """Remove a renderer registered at run time (entry points stay)."""
        if self._registered.pop(name, None) is None:
            raise RendererNotFound(f"no renderer named {name!r} was registered at run time")
