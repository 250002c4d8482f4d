"""The command line: ``enforcement-core`` (also ``python -m enforcement_core``).

Every error a user can cause (a missing file, invalid JSON, a violated invariant,
an unknown renderer or option) prints one clear message with the file, the JSON
path and the value, and exits with status 2; ``--debug`` shows the traceback.
Output files are written atomically: a failed or interrupted run never leaves a
half-written file and never truncates an existing one.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import warnings
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from enforcement_core import examples, renderers
from enforcement_core.audit import Finding, Severity, audit
from enforcement_core.body import BodyLevel, EnforcementBody
from enforcement_core.comparison import Comparison, compare
from enforcement_core.errors import (
    EnforcementCoreError,
    LoadError,
    RendererError,
    RendererOptionError,
)
from enforcement_core.ledger import Ledger
from enforcement_core.renderers.text import display_width
from enforcement_core.report import AnnualReport
from enforcement_core.rollup import rollup
from enforcement_core.serialization import load_json
from enforcement_core.summary import summarize

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from enforcement_core.renderers import Option

__all__ = ["main"]

PROG = "enforcement-core"
#: Exit statuses: findings with errors (check), and errors of use.
EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 1, 2, 130


class UsageError(EnforcementCoreError):
    """A command cannot run as asked: the message says why."""


# Output ------------------------------------------------------------------------------


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    The rename is atomic: readers see the old file or the new one, never half of
    one. On any failure, interruption included, the temporary file is removed and
    an existing file at ``path`` is left as it was.
    """
    folder = path.parent if str(path.parent) else Path()
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115  (closed and renamed or removed below)
        dir=folder, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary = Path(handle.name)
        temporary.chmod(mode)
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(handle.name).unlink()
        raise


def _emit(output: str | bytes, path: str | None) -> None:
    data = output.encode("utf-8") if isinstance(output, str) else output
    if path is None or path == "-":
        # UTF-8 whatever the terminal's locale says: the reports are Chinese.
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomically(Path(path), data)


def _out(text: str) -> None:
    _emit(text if text.endswith("\n") else text + "\n", None)


class _Progress:
    """``[2/10] reading town.json`` on stderr, only when stderr is a terminal."""

    def __init__(self, total: int, stream: IO[str] | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.shown = total > 1 and self.stream.isatty()

    def step(self, index: int, name: str) -> None:
        if self.shown:
            self.stream.write(f"\r\033[K[{index}/{self.total}] reading {name}")
            self.stream.flush()

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


# Inputs -------------------------------------------------------------------------------


def _load(path: str) -> AnnualReport | Ledger:
    return load_json(Path(path))


def _report(path: str) -> AnnualReport:
    document = _load(path)
    return summarize(document) if isinstance(document, Ledger) else document


def _reports(paths: Sequence[str]) -> list[AnnualReport]:
    progress = _Progress(len(paths))
    loaded = []
    try:
        for index, path in enumerate(paths, start=1):
            progress.step(index, path)
            loaded.append(_report(path))
    finally:
        progress.done()
    return loaded


_TRUE, _FALSE = ("true", "yes", "1", "on"), ("false", "no", "0", "off")


def _option_value(renderer: str, name: str, option: Option, text: str) -> object:
    types = option.type if isinstance(option.type, tuple) else (option.type,)
    if bool in types:
        if text.lower() in _TRUE + _FALSE:
            return text.lower() in _TRUE
        raise RendererOptionError(
            f"renderer {renderer!r}: option {name!r} takes true or false, not {text!r}"
        )
    if int in types:
        try:
            return int(text)
        except ValueError:
            raise RendererOptionError(
                f"renderer {renderer!r}: option {name!r} takes a whole number, not {text!r}"
            ) from None
    if AnnualReport in types:
        # A report option (such as zh's previous) is given as the path of its file.
        return _report(text)
    return text


def _options(renderer_name: str, pairs: Sequence[str]) -> dict[str, object]:
    renderer = renderers.get(renderer_name)
    values: dict[str, object] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep:
            raise UsageError(f"--option takes KEY=VALUE, not {pair!r}")
        if name not in renderer.options:
            accepted = ", ".join(renderer.options) or "none"
            raise RendererOptionError(
                f"renderer {renderer_name!r} has no option {name!r}; its options are: {accepted}"
            )
        values[name] = _option_value(renderer_name, name, renderer.options[name], text)
    return values


# Commands ----------------------------------------------------------------------------


def _cmd_report(args: argparse.Namespace) -> int:
    if args.file is not None and args.example is not None:
        raise UsageError("give a FILE or --example, not both")
    if args.file is not None:
        source: AnnualReport | Ledger = _load(args.file)
    else:
        source = examples.load(args.example or "gulu-2023")
    options = _options(args.format, args.option)
    _emit(renderers.render(source, args.format, **options), args.output)
    return 0


def _finding_line(finding: Finding, lang: str) -> str:
    message = finding.message_zh if lang == "zh" else finding.message
    return f"    {finding.path or '(document)'}: {message} [{finding.code}]"


def _cmd_check(args: argparse.Namespace) -> int:
    progress = _Progress(len(args.files))
    unreadable = errors = 0
    lines: list[str] = []
    try:
        for index, path in enumerate(args.files, start=1):
            progress.step(index, path)
            try:
                findings = audit(_load(path))
            except LoadError as error:
                unreadable += 1
                sys.stderr.write(f"{PROG}: error: {_explain(error)}\n")
                continue
            # --strict: a warning fails the check too, as a clerk publishing would want.
            errors += sum(1 for f in findings if args.strict or f.severity is Severity.ERROR)
            lines += list(_grouped(path, findings, args.lang))
    finally:
        progress.done()
    if lines:
        _out("\n".join(lines))
    if unreadable:
        return EXIT_USAGE
    return EXIT_FINDINGS if errors else 0


def _grouped(path: str, findings: list[Finding], lang: str) -> Iterator[str]:
    if not findings:
        yield f"{path}: no findings"
        return
    counts = {severity: [f for f in findings if f.severity is severity] for severity in Severity}
    summary = ", ".join(
        f"{len(items)} {severity.value}{'s' if len(items) != 1 else ''}"
        for severity, items in counts.items()
    )
    yield f"{path}: {summary}"
    for severity, items in counts.items():
        if items:
            yield f"  {severity.value}s:"
            yield from (_finding_line(finding, lang) for finding in items)


def _cmd_renderers(args: argparse.Namespace) -> int:
    del args
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        loaded = renderers.load_all()
    lines = []
    for entry in renderers.available():
        where = entry.distribution or "registered at run time"
        found = loaded.get(entry.name)
        if isinstance(found, RendererError) or found is None:
            lines.append(f"{entry.name}  ({where}, {entry.value})  BROKEN: {found}")
            continue
        lines.append(f"{entry.name}  ({where})  {found.media_type}  {found.extension}")
        for name, option in found.options.items():
            choices = f" [{', '.join(map(str, option.choices))}]" if option.choices else ""
            lines.append(
                f"    --option {name}=…  {option.help} (default: {option.default}){choices}"
            )
    _out("\n".join(lines))
    return 0


def _cmd_rollup(args: argparse.Namespace) -> int:
    body = EnforcementBody(args.body, BodyLevel(args.level), region=args.region or "")
    options = _options(args.format, args.option)
    district = rollup(_reports(args.files), body=body)
    _emit(renderers.render(district, args.format, **options), args.output)
    return 0


def _number(value: object) -> str:
    return "" if value is None else str(value)


def _comparison_text(comparison: Comparison) -> str:
    rows = [("figure", str(comparison.previous_year), str(comparison.current_year), "change", "%")]
    rows += [
        (
            c.figure,
            _number(c.previous),
            _number(c.current),
            _number(c.difference),
            _number(c.percent(2)),
        )
        for c in comparison.changes
    ]
    rows += [
        (
            f"rates.{r.rate.value}",
            _number(r.previous.percent(2) if r.previous else None),
            _number(r.current.percent(2) if r.current else None),
            f"{r.points(2)} points" if r.points(2) is not None else "",
            "",
        )
        for r in comparison.rates
    ]
    widths = [max(display_width(row[i]) for row in rows) for i in range(5)]
    lines = []
    for row in rows:
        first = row[0] + " " * (widths[0] - display_width(row[0]))
        rest = [" " * (widths[i] - display_width(row[i])) + row[i] for i in range(1, 5)]
        lines.append("  ".join([first, *rest]).rstrip())
    return "\n".join(lines) + "\n"


def _comparison_json(comparison: Comparison) -> str:
    def plain(value: object) -> object:
        return str(value) if isinstance(value, Decimal) else value

    data: dict[str, Any] = {
        "previous_year": comparison.previous_year,
        "current_year": comparison.current_year,
        "changes": [
            {
                "figure": c.figure,
                "previous": plain(c.previous),
                "current": plain(c.current),
                "difference": plain(c.difference),
                "percent": plain(c.percent(2)),
            }
            for c in comparison.changes
        ],
        "rates": [
            {
                "rate": r.rate.value,
                "previous": plain(r.previous.percent(2) if r.previous else None),
                "current": plain(r.current.percent(2) if r.current else None),
                "points": plain(r.points(2)),
            }
            for r in comparison.rates
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _cmd_compare(args: argparse.Namespace) -> int:
    previous, current = _reports([args.old, args.new])
    if args.format == "text":
        output: str | bytes = _comparison_text(compare(previous, current))
    elif args.format == "json":
        output = _comparison_json(compare(previous, current))
    else:
        renderer = renderers.get(args.format)
        if "previous" not in renderer.options:
            raise UsageError(
                f"compare writes text, json, or a renderer with a 'previous' option; "
                f"{args.format!r} has none"
            )
        options = _options(args.format, args.option)
        output = renderers.render(current, args.format, **options, previous=previous)
    _emit(output, args.output)
    return 0


def _cmd_examples(args: argparse.Namespace) -> int:
    del args
    lines = []
    for name in examples.names():
        report = examples.load(name)
        try:
            examples.load_records(name)
        except EnforcementCoreError:
            ledger = ""
        else:
            ledger = "  (with a synthetic ledger of records)"
        lines.append(f"{name}  {report.body.name}, {report.year}{ledger}")
    _out("\n".join(lines))
    return 0


# The parser ---------------------------------------------------------------------------


def _command(
    commands: Any, name: str, summary: str, example: str, handler: Any
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=summary,
        description=summary,
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handler)
    return parser


def _option_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a renderer option; repeat for several (see: enforcement-core renderers)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Exact figures, audits and renderers for annual administrative-enforcement reports.",
        epilog="example:\n  enforcement-core report\n  enforcement-core check report.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    report = _command(
        commands,
        "report",
        "render a report (default: the built-in gulu-2023 example, in Chinese)",
        "enforcement-core report town-2023.json --format zh --option money_unit=元 --output report.txt",
        _cmd_report,
    )
    report.add_argument("file", nargs="?", metavar="FILE", help="a report or ledger JSON document")
    report.add_argument(
        "--example", metavar="NAME", help="render a built-in example instead of a file"
    )
    report.add_argument("--format", default="zh", metavar="NAME", help="the renderer (default: zh)")
    report.add_argument("--output", metavar="PATH", help="write to PATH instead of standard output")
    _option_argument(report)

    check = _command(
        commands,
        "check",
        "audit reports or ledgers: exit 1 when any error is found, 2 when a file cannot be read",
        "enforcement-core check town-a.json town-b.json",
        _cmd_check,
    )
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument(
        "--lang", choices=("en", "zh"), default="en", help="the language of the findings"
    )
    check.add_argument(
        "--strict", action="store_true", help="exit 1 on warnings too, not only on errors"
    )

    _command(
        commands,
        "renderers",
        "list every renderer with its distribution, media type and options",
        "enforcement-core renderers",
        _cmd_renderers,
    )

    rolled = _command(
        commands,
        "rollup",
        "roll towns' and departments' reports up into a district's",
        "enforcement-core rollup town-a.json town-b.json --body 重庆市渝北区 --output district.json",
        _cmd_rollup,
    )
    rolled.add_argument("files", nargs="+", metavar="FILE")
    rolled.add_argument(
        "--body", required=True, metavar="NAME", help="the name of the district's body"
    )
    rolled.add_argument(
        "--level",
        default="county",
        choices=[level.value for level in BodyLevel],
        help="its level (default: county)",
    )
    rolled.add_argument("--region", metavar="REGION", help="its region")
    rolled.add_argument(
        "--format", default="json", metavar="NAME", help="the renderer (default: json)"
    )
    rolled.add_argument("--output", metavar="PATH", help="write to PATH instead of standard output")
    _option_argument(rolled)

    compared = _command(
        commands,
        "compare",
        "year-over-year changes of every figure and rate of two reports",
        "enforcement-core compare town-2022.json town-2023.json --format zh",
        _cmd_compare,
    )
    compared.add_argument("old", metavar="OLD", help="the previous year's report")
    compared.add_argument("new", metavar="NEW", help="the current year's report")
    compared.add_argument(
        "--format",
        default="text",
        metavar="NAME",
        help="text (a table, default), json, or a renderer with a 'previous' option (zh)",
    )
    compared.add_argument(
        "--output", metavar="PATH", help="write to PATH instead of standard output"
    )
    _option_argument(compared)

    _command(
        commands,
        "examples",
        "list the built-in examples",
        "enforcement-core examples",
        _cmd_examples,
    )
    return parser


def _explain(error: BaseException) -> str:
    if isinstance(error, LoadError):
        where = f"{error.source}: " if error.source else ""
        if len(error.problems) == 1:
            return f"{where}{error.problems[0]}"
        listed = "".join(f"\n  {problem}" for problem in error.problems)
        return f"{where}{len(error.problems)} problems:{listed}"
    if isinstance(error, OSError):
        return f"{error.filename or ''}: {error.strerror or error}".lstrip(": ")
    return str(error)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        if args.debug:
            raise
        sys.stderr.write(f"{PROG}: interrupted\n")
        return EXIT_INTERRUPTED
    except (EnforcementCoreError, OSError) as error:
        if args.debug:
            raise
        sys.stderr.write(f"{PROG}: error: {_explain(error)}\n")
        return EXIT_USAGE
