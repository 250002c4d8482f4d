"""Sphinx configuration of the enforcement-core documentation site.

Build it with ``sphinx-build -W --keep-going -b html docs docs/_build/html``: warnings are
errors, and the test suite (tests/test_docs.py) runs the same build.
"""

from __future__ import annotations

import builtins
import importlib
import sys
from importlib.metadata import version as _distribution_version
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.domains.python import PythonDomain

# -- Project ---------------------------------------------------------------------------------

project = "enforcement-core"
author = "enforcement-core developers"
copyright = "enforcement-core developers"  # noqa: A001  (the name Sphinx reads)
release = _distribution_version("enforcement-core")
version = ".".join(release.split(".")[:2])
language = "en"

# -- General ---------------------------------------------------------------------------------

extensions = [
    # myst_nb includes myst_parser: Markdown pages (.md) and notebooks (.ipynb).
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    # No sphinx.ext.intersphinx: CI has no internet to fetch other projects' inventories.
]

exclude_patterns = [
    "_build",
    "**.ipynb_checkpoints",
    "Thumbs.db",
    ".DS_Store",
]

# The reference to an object that is not documented (a standard-library type in a
# signature, say) is not an error: nitpicky stays off.
nitpicky = False

# -- MyST and notebooks ----------------------------------------------------------------------

myst_enable_extensions = [
    "colon_fence",  # ::: directives, readable when the page is shown as plain Markdown
    "deflist",
]
# Headings up to ### get anchors, so that [text](#a-heading) and [text](page.md#a-heading)
# links resolve.
myst_heading_anchors = 3

# The tutorial is stored without outputs; the build runs it so that readers see them, and
# a cell that fails fails the build (the test suite also runs it, in tests/test_tutorial.py).
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_timeout = 300

# -- autodoc and napoleon --------------------------------------------------------------------

autodoc_member_order = "bysource"
# Type hints go in the description, not in the signature: the attrs classes' signatures
# stay readable, and each parameter's type is shown beside its explanation.
autodoc_typehints = "description"
autodoc_typehints_description_target = "documented_params"
# The library's docstrings are Google style.
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_attr_annotations = True

# -- HTML ------------------------------------------------------------------------------------

html_theme = "furo"
html_title = f"enforcement-core {release}"
html_static_path: list[str] = []


# -- Re-exported names -----------------------------------------------------------------------
# The pages and the docstrings name public objects as users import them, from the top-level
# package ({class}`~enforcement_core.AnnualReport`, {func}`~enforcement_core.audit`) or from
# the module a docstring is in (:class:`AnnualReport` in enforcement_core.statistics). The
# API reference documents each object once, in the module that defines it
# (enforcement_core.report.AnnualReport). Before references are resolved, a Python reference
# that names no documented object (or names a module, where a function of the same name is
# meant) is pointed at the place where the object it names is
# documented. Short references such as {func}`statistics.rate` are tried under
# enforcement_core too.

_MISSING = object()


def _import_target(name: str) -> object:
    """The object that the dotted ``name`` of an enforcement_core object names, or _MISSING."""
    module_name, _, attribute = name.rpartition(".")
    if module_name.partition(".")[0] != "enforcement_core":
        return _MISSING
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return _MISSING
    return getattr(module, attribute, _MISSING)


def _documented_name(domain: PythonDomain, target: str, module: str | None) -> str | None:
    """The name under which the object that ``target`` names is documented, if it is."""
    candidates = [target, f"enforcement_core.{target}"]
    if module:
        candidates.append(f"{module}.{target}")
    for candidate in candidates:
        obj = _import_target(candidate)
        if obj is not _MISSING:
            break
    else:
        return None
    attribute = target.rpartition(".")[2]
    for name, entry in domain.objects.items():
        if (
            entry.objtype != "module"
            and name.rpartition(".")[2] == attribute
            and _import_target(name) is obj
        ):
            return name
    return None


def _is_builtin_class(target: str, module: str | None) -> bool:
    """Whether ``target``, named in ``module``, is a built-in class such as ``type``."""
    if "." in target or not isinstance(getattr(builtins, target, None), type):
        return False
    return module is None or _import_target(f"{module}.{target}") is _MISSING


class _ReexportedNames(SphinxPostTransform):
    """Point Python references to re-exported names at the objects' documented names."""

    # Before sphinx.transforms.post_transforms.ReferencesResolver, whose priority is 10.
    default_priority = 5

    def run(self, **_kwargs: object) -> None:
        """Rewrite the target of each reference that would miss, or would hit a module."""
        domain = self.env.get_domain("py")
        for node in self.document.findall(addnodes.pending_xref):
            if node.get("refdomain") != "py" or node["reftype"] == "mod":
                continue
            target, module = node["reftarget"], node.get("py:module")
            if node["reftype"] in {"class", "obj"} and _is_builtin_class(target, module):
                # ``type`` in ``kind: type[D]`` is the built-in, not renderers.Option.type,
                # which Sphinx's fuzzy search would find: leave it unlinked.
                node["reftarget"] = f"builtins.{target}"
                continue
            matches = domain.find_obj(
                self.env,
                module,
                node.get("py:class"),
                target,
                node["reftype"],
                1 if node.hasattr("refspecific") else 0,
            )
            if any(entry.objtype != "module" for _, entry in matches):
                continue
            documented = _documented_name(domain, target, module)
            if documented is not None:
                node["reftarget"] = documented


# -- Attribute docstrings ---------------------------------------------------------------------
# Napoleon reads the first line of an attribute's or a property's docstring as
# "type: description" when it has a colon. The library never writes types there (they are
# annotations, which autodoc shows), but its descriptions have colons: "法定执法: held by law."
# would be shown as an attribute of type 法定执法 described as "held by law.", and
# "(units: as stated)" as an ambiguous cross-reference to "units" (a build warning). A colon
# put first marks the type as empty, so napoleon keeps the whole line as the description;
# tests/test_docs.py checks that such a line is shown whole.

_ATTRIBUTE_KINDS = frozenset({"attribute", "data", "property"})


def _keep_attribute_descriptions(
    _app: Sphinx,
    what: str,
    _name: str,
    _obj: object,
    _options: object,
    lines: list[str],
) -> None:
    """Mark an empty type on an attribute docstring's first line, if that line has a colon."""
    if what not in _ATTRIBUTE_KINDS:
        return
    for index, line in enumerate(lines):
        if line.strip():
            if ":" in line:
                lines[index] = f": {line.lstrip()}"
            return


def _drop_object_base(
    _app: Sphinx, _name: str, _obj: object, _options: object, bases: list[type]
) -> None:
    """Show no "Bases: object" line for the attrs classes; other bases are kept."""
    if bases == [object]:
        bases.clear()


# -- Pictures of the docx and xlsx output -----------------------------------------------------
# docs/renderers.md shows the first page of the docx and the top of the xlsx sheet. They are
# drawn at each build from the files the renderers write (docs/_pictures.py), never by hand,
# into _static/generated/ (not kept in git).


def _draw_pictures(app: Sphinx) -> None:
    """Draw the pictures before any page is read."""
    sys.path.insert(0, str(Path(__file__).parent))
    try:
        pictures = importlib.import_module("_pictures")
    finally:
        sys.path.pop(0)
    pictures.draw_all(Path(app.srcdir) / "_static" / "generated")


def setup(app: Sphinx) -> dict[str, bool]:
    """Connect the handlers above."""
    app.connect("builder-inited", _draw_pictures)
    app.add_post_transform(_ReexportedNames)
    # Before napoleon's own handler, which has the default priority, 500.
    app.connect("autodoc-process-docstring", _keep_attribute_descriptions, priority=400)
    app.connect("autodoc-process-bases", _drop_object_base)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
