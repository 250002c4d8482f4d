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
import difflib
import errno
import importlib.metadata
import json
import os
import re
import stat
import sys
import tempfile
import warnings
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

# The audit, comparisons, roll-ups, summaries and text tables are imported by the
# commands that use them, so that the commonest command, report, does not pay for them
# at start-up.
from enforcement_core import _signals, examples, renderers
from enforcement_core.body import BodyLevel, EnforcementBody
from enforcement_core.errors import (
    EnforcementCoreError,
    LoadError,
    Problem,
    RendererError,
    RendererOptionError,
    UsageError,
)
from enforcement_core.labels import term
from enforcement_core.ledger import Ledger
from enforcement_core.report import AnnualReport
from enforcement_core.serialization import load_json

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from enforcement_core.comparison import Comparison
    from enforcement_core.findings import Finding
    from enforcement_core.renderers import Option

__all__ = ["main"]

PROG = "enforcement-core"
#: Exit statuses: findings with errors (check), and errors of use.
EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 1, 2, 130


# Output ------------------------------------------------------------------------------


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    The rename is atomic: readers see the old file or the new one, never half of
    one. On any failure, interruption included, the temporary file is removed and
    an existing file at ``path`` is left as it was. A symbolic link is followed to
    its target, which is replaced; anything that is not a regular file (a device
    such as ``/dev/null``, a FIFO) is written to directly; a read-only file is
    refused. Errors name ``path``, never the temporary file.
    """
    try:
        _write(path, data)
    except OSError as error:
        # The temporary file is an implementation detail: name the file the user gave.
        raise OSError(error.errno, error.strerror or str(error), str(path)) from None


def _write(path: Path, data: bytes) -> None:
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        status = target.stat()
    except FileNotFoundError:
        status = None
    if status is not None and not stat.S_ISREG(status.st_mode):
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
        # A device, a FIFO or a socket: replacing it would destroy it (as root, /dev/null).
        with target.open("wb") as stream:
            stream.write(data)
        return
    if status is not None and not (status.st_mode & 0o222 and os.access(target, os.W_OK)):
        raise PermissionError(
            errno.EACCES, "the file is read-only; it is left as it was", str(path)
        )
    _replace(target, data, status.st_mode & 0o777 if status is not None else None)


def _replace(path: Path, data: bytes, mode: int | None) -> None:
    folder = path.parent if str(path.parent) else Path()
    mode = mode if mode is not None else 0o666 & ~_umask()
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


def _format(args: argparse.Namespace, default: str, **overrides: str) -> str:
    """``--format``, else the renderer of ``--output``'s extension, else ``default``.

    The extension's renderer is the registry's (:func:`renderers.for_extension`): a
    renderer added by its module and entry point is chosen by its extension with no
    list here. ``overrides`` maps an extension's bare name to a command's own format
    (compare writes its table to ``.txt``).
    """
    if args.output is None or args.output == "-":
        return default if args.format is None else str(args.format)
    suffix = Path(args.output).suffix.lower()
    chosen = overrides.get(suffix.lstrip(".")) or (
        renderers.for_extension(suffix) if suffix else None
    )
    if args.format is None:
        return chosen or default
    # --format wins over the extension (text into r.html is still text), except where one
    # side is a binary document: JSON in x.docx, or a zip in r.json, opens nowhere.
    if chosen is not None and chosen != args.format and (_binary(chosen) or _binary(args.format)):
        written = _extension(args.format)
        if written is not None and written != suffix:
            raise UsageError(
                f"--format {args.format} does not write a {suffix} file, and --output "
                f"{args.output} asks for one ({chosen}): give --format {chosen}, or an "
                f"--output ending {written}"
            )
    return str(args.format)


def _binary(name: str) -> bool:
    """Whether the renderer ``name`` writes a binary document; ``False`` for another format."""
    try:
        return renderers.is_binary(renderers.get(name))
    except EnforcementCoreError:
        return False


def _extension(name: str) -> str | None:
    """The extension of the files the renderer ``name`` writes; ``None`` for another format."""
    try:
        return str(renderers.get(name).extension)
    except EnforcementCoreError:
        return None


def _emit(output: str | bytes, path: str | None) -> None:
    if path is None or path == "-":
        if isinstance(output, bytes) and sys.stdout is not None and sys.stdout.isatty():
            # A .docx or .xlsx is a zip file: on a terminal it is noise that can upset it.
            raise UsageError(
                "this format is binary and is not written to a terminal: "
                "give --output FILE, or redirect standard output to a file"
            )
        _to_stdout(output)
    else:
        write_atomically(Path(path), output.encode("utf-8") if isinstance(output, str) else output)


def _to_stdout(output: str | bytes) -> None:
    """Text in the encoding standard output asks for; UTF-8, with a note, when it cannot hold it."""
    if sys.stdout is None:
        # Started with standard output closed (`>&-`): Python leaves sys.stdout None.
        raise OSError(errno.EBADF, "standard output is closed", "<standard output>")
    if isinstance(output, bytes):
        data = output
    else:
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        try:
            data = output.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            # The reports are Chinese: better UTF-8 than question marks, and say so.
            sys.stderr.write(
                f"{PROG}: note: standard output's encoding {encoding} cannot write this text; "
                "writing UTF-8 (set PYTHONIOENCODING=utf-8 or --output a file)\n"
            )
            data = output.encode("utf-8")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


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


#: How standard input is named in messages when ``-`` is given for a file.
STDIN = "-"


def _load(path: str) -> AnnualReport | Ledger:
    if path == STDIN:
        try:
            return load_json(sys.stdin.buffer.read())
        except LoadError as error:
            raise LoadError(error.problems, source="<standard input>") from None
    # JSON documents, and ledgers in tables (xlsx, csv, parquet, the 双公示 tables).
    from enforcement_core.tables import load_document  # noqa: PLC0415

    try:
        return load_document(path)
    except (EnforcementCoreError, OSError):
        raise
    except Exception as error:
        # A reader's own failure (an optional reader's error class, a bug) is still this
        # file's problem: one line naming it, never a traceback.
        problem = Problem("", None, f"the file cannot be read: {type(error).__name__}: {error}")
        raise LoadError([problem], source=path) from error


def _report(path: str) -> AnnualReport:
    document = _load(path)
    if isinstance(document, Ledger):
        from enforcement_core.summary import summarize  # noqa: PLC0415  (see the imports)

        return summarize(document)
    return document


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
    args.format = _format(args, "zh")
    options = _options(args.format, args.option)
    if _refused_for_errors(args.file or args.example or "gulu-2023", source, args):
        return EXIT_FINDINGS
    _emit(renderers.render(source, args.format, **options), args.output)
    return 0


def _refused_for_errors(
    label: str, source: AnnualReport | Ledger, args: argparse.Namespace
) -> bool:
    """Say the audit's errors on stderr; ``True`` when the document is not to be written.

    A document with errors is not handed in by mistake: it is written only when
    ``--allow-errors`` says so, and then the errors are still said.
    """
    from enforcement_core.findings import Severity, audit  # noqa: PLC0415  (see the imports)

    errors = [f for f in audit(source) if f.severity is Severity.ERROR]
    if not errors:
        return False
    words = _WORDS[args.lang]
    where = _locator(args.file, source, args.lang) if args.file else None
    lines = list(_grouped(label, errors, args.lang, where))
    lines.append(words["written"] if args.allow_errors else words["not_written"])
    sys.stderr.write(f"{PROG}: " + "\n".join(lines) + "\n")
    return not args.allow_errors


def _finding_line(finding: Finding, lang: str, where: Callable[[str], str | None] | None) -> str:
    # Said by the finding itself, as the xlsx findings sheet says it.
    _, code, place, message = finding.said(_LOCALES[lang], where if lang == "zh" else None)
    if lang != "zh":
        return f"    {place or _WORDS[lang]['document']}: {message} [{code}]"
    return f"    {place or _WORDS[lang]['document']}：{message}［{code}］"


def _locator(
    path: str, source: AnnualReport | Ledger, lang: str
) -> Callable[[str], str | None] | None:
    """Where a ledger read from a table puts each record, for the Chinese findings."""
    if lang != "zh" or not isinstance(source, Ledger) or path == STDIN:
        return None
    from enforcement_core.tables import locate  # noqa: PLC0415

    try:
        return locate(path, source)
    except (EnforcementCoreError, OSError, ValueError):
        return None  # the findings are still said, by their paths in Chinese


#: The locale of the labels each ``--lang`` reads.
_LOCALES = {"en": "en", "zh": "zh_CN"}
#: The words of check's report and of loading errors, in English and Chinese (a
#: severity's word is the labels', ``severity_error`` and ``severity_warning``).
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "document": "(document)",
        "none": "no findings",
        "problems": "{count} problems:",
        "failed": "error",
        "not_written": "the document is not written: correct the errors above, "
        "or give --allow-errors to write it anyway",
        "written": "written with these errors, as --allow-errors asks",
    },
    "zh": {
        "document": "（文档）",
        "none": "未发现问题",
        "problems": "{count}处问题：",
        "failed": "错误",
        "not_written": "未生成文档：请改正以上错误，或加上 --allow-errors 仍然生成",
        "written": "已按 --allow-errors 生成文档，但以上错误仍在",
    },
}


def _cmd_check(args: argparse.Namespace) -> int:
    from enforcement_core.findings import Severity, audit  # noqa: PLC0415  (see the imports)

    progress = _Progress(len(args.files))
    unreadable = failing = 0
    checked: list[tuple[str, list[Finding]]] = []
    located: dict[str, Callable[[str], str | None] | None] = {}
    try:
        for index, path in enumerate(args.files, start=1):
            progress.step(index, path)
            try:
                published = _ledger(args.ledger) if args.ledger else None
                source = _load(path)
                findings = audit(source, ledger=published)
            except (LoadError, OSError) as error:
                unreadable += 1
                _say_error(error, args.lang)
                continue
            checked.append((path, findings))
            if findings:
                located[path] = _locator(path, source, args.lang)
            # --strict: a warning fails the check as an error does.
            failing += sum(1 for f in findings if f.severity is Severity.ERROR or args.strict)
    finally:
        progress.done()
    if args.format == "json":
        _out(_findings_json(checked))
    else:
        lines = [
            line
            for path, findings in checked
            for line in _grouped(path, findings, args.lang, located.get(path))
        ]
        if lines:
            _out("\n".join(lines))
    if unreadable:
        return EXIT_USAGE
    return EXIT_FINDINGS if failing else 0


def _ledger(path: str) -> Ledger:
    """The ledger of ``--ledger``: a report given there is refused, not ignored."""
    document = _load(path)
    if not isinstance(document, Ledger):
        raise UsageError(
            f"--ledger {path}: is an annual report, not a ledger of records; "
            "give the ledger the report was made from"
        )
    return document


def _findings_json(checked: list[tuple[str, list[Finding]]]) -> str:
    """The findings of every file as JSON, for programs: one object per file."""
    data = [
        {
            "file": path,
            "findings": [
                {
                    "severity": f.severity.value,
                    "code": f.code,
                    "path": f.path,
                    "message": f.message,
                    "message_zh": f.message_zh,
                }
                for f in findings
            ],
        }
        for path, findings in checked
    ]
    return json.dumps(data, ensure_ascii=False, indent=2)


def _grouped(
    path: str,
    findings: list[Finding],
    lang: str,
    where: Callable[[str], str | None] | None = None,
) -> Iterator[str]:
    from enforcement_core.findings import Severity  # noqa: PLC0415  (see the imports)

    words = _WORDS[lang]
    if not findings:
        yield f"{path}: {words['none']}"
        return
    counts = {severity: [f for f in findings if f.severity is severity] for severity in Severity}
    # One word per severity, the labels' (the xlsx findings sheet says the same).
    word = {severity: term(f"severity_{severity.value}", _LOCALES[lang]) for severity in Severity}
    if lang == "zh":
        summary = "，".join(f"{word[severity]}{len(items)}项" for severity, items in counts.items())
    else:
        summary = ", ".join(
            f"{len(items)} {word[severity]}{'s' if len(items) != 1 else ''}"
            for severity, items in counts.items()
        )
    yield f"{path}: {summary}"
    for severity, items in counts.items():
        if items:
            heading = f"{word[severity]}：" if lang == "zh" else f"{word[severity]}s:"
            yield f"  {heading}"
            yield from (_finding_line(finding, lang, where) for finding in items)


def _say_error(error: BaseException, lang: str = "en") -> None:
    word = _WORDS[lang]["failed"]
    colon = "：" if lang == "zh" else ": "
    sys.stderr.write(f"{PROG}: {word}{colon}{_explain(error, lang)}\n")


def _cmd_renderers(args: argparse.Namespace) -> int:
    del args
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        loaded = renderers.load_all()
    lines = []
    for entry in renderers.available():
        lines += _renderer_lines(entry, loaded.get(entry.name))
    _out("\n".join(lines))
    return 0


def _renderer_lines(entry: renderers.RendererEntry, found: object) -> list[str]:
    """The listing of one renderer; a plugin whose attributes raise is listed as broken."""
    where = entry.distribution or "registered at run time"
    if isinstance(found, RendererError) or found is None:
        return [f"{entry.name}  ({where}, {entry.value})  BROKEN: {found}"]
    try:
        lines = [f"{entry.name}  ({where})  {found.media_type}  {found.extension}"]  # type: ignore[attr-defined]
        for name, option in found.options.items():  # type: ignore[attr-defined]
            choices = f" [{', '.join(map(str, option.choices))}]" if option.choices else ""
            lines.append(
                f"    --option {name}=…  {option.help} (default: {option.default}){choices}"
            )
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # noqa: BLE001  (one broken plugin never breaks the listing, sys.exit included)
        return [f"{entry.name}  ({where}, {entry.value})  BROKEN: {type(error).__name__}: {error}"]
    return lines


def _cmd_rollup(args: argparse.Namespace) -> int:
    from enforcement_core.rollups import rollup  # noqa: PLC0415  (see the imports)

    args.format = _format(args, "json")
    body = EnforcementBody(args.body, BodyLevel(args.level), region=args.region or "")
    options = _options(args.format, args.option)
    district = rollup(_reports(args.files), body=body)
    _emit(renderers.render(district, args.format, **options), args.output)
    return 0


def _number(value: object) -> str:
    return "" if value is None else str(value)


def _comparison_text(comparison: Comparison) -> str:
    from enforcement_core.renderers.text import display_width  # noqa: PLC0415  (see the imports)

    rows = [("figure", str(comparison.previous_year), str(comparison.current_year), "change", "%")]
    # The rows every output of a comparison writes (Comparison.rows); a rate's change is in points.
    rows += [
        (
            row.figure,
            _number(row.previous),
            _number(row.current),
            f"{row.points} points" if row.points is not None else _number(row.difference),
            _number(row.percent),
        )
        for row in comparison.rows()
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

    rows = comparison.rows()
    # Comparison.rows: the figures' changes first, then the rates'.
    figures, rates = rows[: len(comparison.changes)], rows[len(comparison.changes) :]
    data: dict[str, Any] = {
        "previous_year": comparison.previous_year,
        "current_year": comparison.current_year,
        "changes": [{key: plain(getattr(row, key)) for key in _CHANGE_KEYS} for row in figures],
        "rates": [
            {
                "rate": row.figure.removeprefix("rates."),
                **{key: plain(getattr(row, key)) for key in _RATE_KEYS},
            }
            for row in rates
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


#: The keys of compare's JSON, a figure's and a rate's (a published format: kept as it was).
_CHANGE_KEYS = ("figure", "previous", "current", "difference", "percent")
_RATE_KEYS = ("previous", "current", "points")


def _years_in_order(previous: AnnualReport, current: AnnualReport) -> None:
    """Refuse OLD and NEW given the wrong way round or of one year; warn of two bodies."""
    if previous.year > current.year:
        raise UsageError(
            f"OLD is the report of {previous.year} and NEW of {current.year}: "
            "give the earlier year first (compare OLD NEW)"
        )
    if previous.year == current.year:
        raise UsageError(f"OLD and NEW are both reports of {current.year}: compare two years")
    if previous.body.name != current.body.name:
        sys.stderr.write(
            f"{PROG}: warning: OLD is of {previous.body.name} and NEW of {current.body.name}; "
            "comparing two bodies\n"
        )


def _cmd_compare(args: argparse.Namespace) -> int:
    from enforcement_core.comparison import compare  # noqa: PLC0415  (see the imports)

    args.format = _format(args, "text", txt="text")
    previous, current = _reports([args.old, args.new])
    _years_in_order(previous, current)
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


def _cmd_init(args: argparse.Namespace) -> int:
    from enforcement_core.tables import write_template  # noqa: PLC0415

    target = Path(args.file)
    if target.exists() and not args.force:
        raise UsageError(f"{target} exists; give --force to overwrite it")
    try:
        write_template(target)
    except ValueError as error:
        raise UsageError(str(error)) from None
    _out(f"wrote {target}")
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


class _Parser(argparse.ArgumentParser):
    """argparse's parser, with "did you mean" for a mistyped command or option.

    Under ``--lang zh`` (looked for in the arguments before they are parsed, since
    the error may come before ``--lang`` is read) its errors are said in Chinese.
    """

    #: The language of errors, set by the run from its arguments.
    lang = "en"

    def error(self, message: str) -> NoReturn:
        """Exit 2 with argparse's message, and the nearest command or option if there is one."""
        hint = _nearest(message, self)
        if self.lang != "zh":
            super().error(f"{message}; did you mean {hint!r}?" if hint else message)
        from enforcement_core._messages_zh import usage_zh  # noqa: PLC0415

        said = usage_zh(message) + (f"；是否想写“{hint}”？" if hint else "")
        usage = self.format_usage().replace("usage: ", "用法：", 1)
        self.exit(EXIT_USAGE, f"{usage}{self.prog}：错误：{said}\n")


def _lang_of(argv: Sequence[str]) -> str:
    """The ``--lang`` the arguments give (its last), before they are parsed; ``en`` if none."""
    lang = "en"
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            lang = argv[index + 1]
        elif word.startswith("--lang="):
            lang = word.partition("=")[2]
    return lang if lang in _WORDS else "en"


def _nearest(message: str, parser: argparse.ArgumentParser) -> str | None:
    """The command or option a mistyped word in argparse's ``message`` most likely meant."""
    choice = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
    if choice:
        known = re.findall(r"'([^']*)'", choice.group(2))
        close = difflib.get_close_matches(choice.group(1), known, n=1)
        return close[0] if close else None
    unknown = re.search(r"unrecognized arguments: (\S+)", message)
    if unknown and unknown.group(1).startswith("-"):
        options = [o for action in _all_actions(parser) for o in action.option_strings]
        close = difflib.get_close_matches(unknown.group(1).split("=")[0], options, n=1)
        return close[0] if close else None
    return None


def _all_actions(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    """The options of ``parser`` and of its commands."""
    for action in parser._actions:  # noqa: SLF001  (argparse has no public list of them)
        yield action
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for sub in action.choices.values():
                yield from sub._actions  # noqa: SLF001


def _version() -> str:
    try:
        return importlib.metadata.version("enforcement-core")
    except importlib.metadata.PackageNotFoundError:  # running from a source tree
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Exact figures, audits and renderers for annual administrative-enforcement reports.",
        epilog="example:\n  enforcement-core report\n  enforcement-core check report.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    parser.add_argument("--version", action="version", version=f"{PROG} {_version()}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    report = _command(
        commands,
        "report",
        "render a report (default: the built-in gulu-2023 example, in Chinese)",
        "enforcement-core report town-2023.json --format zh --option money_unit=元 --output report.txt",
        _cmd_report,
    )
    report.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="a report or ledger: JSON, or a ledger's table (.xlsx, .csv, .parquet); - reads stdin",
    )
    report.add_argument(
        "--example", metavar="NAME", help="render a built-in example instead of a file"
    )
    report.add_argument(
        "--format",
        metavar="NAME",
        help="the renderer (default: the one that writes --output's extension, as "
        "'enforcement-core renderers' lists them; else zh)",
    )
    report.add_argument("--output", metavar="PATH", help="write to PATH instead of standard output")
    report.add_argument(
        "--lang",
        choices=("en", "zh"),
        default="en",
        help="the language of the audit's errors and other messages (default: en)",
    )
    report.add_argument(
        "--allow-errors",
        action="store_true",
        help="write the document even when the audit finds errors (they are still shown); "
        "without it, a document with errors is not written and the exit status is 1",
    )
    _option_argument(report)

    check = _command(
        commands,
        "check",
        "audit reports or ledgers: exit 1 when any error is found, 2 when a file cannot be read",
        "enforcement-core check town-a.json town-b.json",
        _cmd_check,
    )
    check.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a report or ledger: JSON, or a ledger's table (.xlsx, .csv, .parquet); - reads stdin",
    )
    check.add_argument(
        "--lang", choices=("en", "zh"), default="en", help="the language of the findings"
    )
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for programs",
    )
    check.add_argument(
        "--strict", action="store_true", help="exit 1 on warnings too, not only on errors"
    )
    check.add_argument(
        "--ledger",
        metavar="FILE",
        help="hold each report's figures against this ledger (a 双公示 table, say)",
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
        "--format",
        metavar="NAME",
        help="the renderer (default: from --output's extension; else json)",
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
        metavar="NAME",
        help="text (a table, default), json, or a renderer with a 'previous' option (zh, "
        "docx); by default from --output's extension",
    )
    compared.add_argument(
        "--output", metavar="PATH", help="write to PATH instead of standard output"
    )
    _option_argument(compared)

    initial = _command(
        commands,
        "init",
        "write a blank ledger workbook (.xlsx) or report document (.json) to fill in",
        "enforcement-core init ledger.xlsx",
        _cmd_init,
    )
    initial.add_argument("file", metavar="FILE", help="ledger.xlsx or report.json")
    initial.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    _command(
        commands,
        "examples",
        "list the built-in examples",
        "enforcement-core examples",
        _cmd_examples,
    )
    return parser


def _explain(error: BaseException, lang: str = "en") -> str:
    if lang == "zh":
        return _explain_zh(error)
    if isinstance(error, LoadError):
        from enforcement_core.tables import in_language  # noqa: PLC0415

        where = f"{error.source}: " if error.source else ""
        if len(error.problems) == 1:
            return f"{where}{in_language(error.problems[0], lang)}"
        listed = "".join(f"\n  {in_language(problem, lang)}" for problem in error.problems)
        return where + _WORDS[lang]["problems"].format(count=len(error.problems)) + listed
    if isinstance(error, OSError):
        reason = error.strerror or str(error)
        return f"{error.filename or ''}: {reason}".lstrip(": ")
    return str(error)


def _explain_zh(error: BaseException) -> str:
    # The Chinese is said by one module, which reads the tables' words: imported only here.
    from enforcement_core._messages_zh import error_zh, os_error_zh, problem_zh  # noqa: PLC0415

    if isinstance(error, LoadError):
        where = f"{error.source}: " if error.source else ""
        if len(error.problems) == 1:
            return f"{where}{error_zh(problem_zh(error.problems[0]))}"
        listed = "".join(f"\n  {error_zh(problem_zh(problem))}" for problem in error.problems)
        return where + _WORDS["zh"]["problems"].format(count=len(error.problems)) + listed
    if isinstance(error, OSError):
        reason = os_error_zh(error.errno, error.strerror or str(error))
        return f"{error.filename or ''}: {reason}".lstrip(": ")
    return error_zh(str(error))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    SIGINT, SIGTERM and SIGHUP end it with one line and the status 130, 143 or 129,
    the temporary output file removed.
    """
    if sys.stderr is None:
        # Started with standard error closed (`2>&-`): messages go nowhere, not into a traceback.
        sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115  (for the process's life)
    with _signals.handled():
        try:
            return _main(argv)
        except KeyboardInterrupt as interrupted:  # while parsing, or a --debug run's
            sys.stderr.write(f"{PROG}: interrupted\n")
            return _signals.status(interrupted)


def _main(argv: Sequence[str] | None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    _Parser.lang = _lang_of(words)
    parser = _parser()
    args = parser.parse_args(words)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt as interrupted:
        if args.debug:
            raise
        sys.stderr.write(f"{PROG}: interrupted\n")
        return _signals.status(interrupted)
    except (EnforcementCoreError, OSError) as error:
        if args.debug:
            raise
        _say_error(error, getattr(args, "lang", "en"))
        return EXIT_USAGE
    except Exception as error:
        # Readers and plugins turn their failures into the library's errors; anything
        # left is a bug of ours, still one line (--debug shows the traceback).
        if args.debug:
            raise
        sys.stderr.write(
            f"{PROG}: error: {type(error).__name__}: {error} (run with --debug for the traceback)\n"
        )
        return EXIT_USAGE
