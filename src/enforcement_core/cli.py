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
import errno
import gc
import os
import re
import stat
import sys
import warnings
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

# The audit, comparisons, roll-ups, summaries and text tables are imported by the
# commands that use them, so that the commonest command, report, does not pay for them
# at start-up; so are importlib.metadata (the version, asked for by --version alone),
# tempfile (an --output file), difflib (a mistyped word) and json (check's and
# compare's JSON).
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
    from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence

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
    import tempfile  # noqa: PLC0415  (see the imports)

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
            reading = "正在读取" if _Parser.lang == "zh" else "reading "
            self.stream.write(f"\r\033[K[{index}/{self.total}] {reading}{name}")
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
    import json  # noqa: PLC0415  (see the imports)

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
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        loaded = renderers.load_all()
    lines = []
    for entry in renderers.available():
        lines += _renderer_lines(entry, loaded.get(entry.name), args.lang)
    _out("\n".join(lines))
    return 0


#: The listing's words: a renderer registered without a distribution, a broken one,
#: an option's default and its choices.
_LISTING = {
    "en": ("registered at run time", "BROKEN: ", " (default: {})", " [{}]", ", "),
    "zh": ("运行时注册", "无法使用：", "（默认：{}）", "［可选：{}］", "、"),
}


def _renderer_lines(entry: renderers.RendererEntry, found: object, lang: str = "en") -> list[str]:
    """The listing of one renderer; a plugin whose attributes raise is listed as broken."""
    at_run_time, broken, default, among, comma = _LISTING[lang]
    where = entry.distribution or at_run_time
    if isinstance(found, RendererError) or found is None:
        why = _explain(found, lang) if found is not None else "None"
        return [f"{entry.name}  ({where}, {entry.value})  {broken}{why}"]
    try:
        lines = [f"{entry.name}  ({where})  {found.media_type}  {found.extension}"]  # type: ignore[attr-defined]
        for name, option in found.options.items():  # type: ignore[attr-defined]
            choices = among.format(comma.join(map(str, option.choices))) if option.choices else ""
            said = _option_help(option.help, lang)
            shown = _default_zh(option.default) if lang == "zh" else option.default
            lines.append(f"    --option {name}=…  {said}{default.format(shown)}{choices}")
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # noqa: BLE001  (one broken plugin never breaks the listing, sys.exit included)
        return [f"{entry.name}  ({where}, {entry.value})  {broken}{type(error).__name__}: {error}"]
    return lines


def _option_help(text: str, lang: str) -> str:
    """A built-in option's help in ``lang``; a plugin's own help as the plugin gives it."""
    if lang != "zh":
        return text
    from enforcement_core._messages_zh import option_help_zh  # noqa: PLC0415

    return option_help_zh(text)


def _default_zh(value: object) -> str:
    # None, True and False are Python's words; a clerk reads 无, 是, 否.
    if value is None:
        return "无"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


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


def _comparison_text(comparison: Comparison, lang: str = "en") -> str:
    from enforcement_core.renderers.text import display_width  # noqa: PLC0415  (see the imports)

    zh = lang == "zh"
    figure, change, points = (
        ("项目", "变化", "{}个百分点") if zh else ("figure", "change", "{} points")
    )
    previous, current = comparison.previous_year, comparison.current_year
    years = (f"{previous}年", f"{current}年") if zh else (str(previous), str(current))
    rows = [(figure, *years, change, "%")]
    # The rows every output of a comparison writes (Comparison.rows); a rate's change is in points.
    rows += [
        (
            _figure_zh(row.figure) if zh else row.figure,
            _number(row.previous),
            _number(row.current),
            points.format(row.points) if row.points is not None else _number(row.difference),
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


def _figure_zh(path: str) -> str:
    """A figure's path said in Chinese ("行政处罚·案件"); a rate by its label."""
    from enforcement_core._paths_zh import path_zh  # noqa: PLC0415
    from enforcement_core.labels import term_or_key  # noqa: PLC0415

    if path.startswith("rates."):
        name = path.removeprefix("rates.")
        return _rate_zh(name) or term_or_key(name, "zh_CN")
    return path_zh(path)


def _rate_zh(name: str) -> str | None:
    from enforcement_core.labels import label  # noqa: PLC0415
    from enforcement_core.report import known_rate  # noqa: PLC0415

    known = known_rate(name)
    return None if known is None else label(known)


def _comparison_json(comparison: Comparison) -> str:
    def plain(value: object) -> object:
        return str(value) if isinstance(value, Decimal) else value

    import json  # noqa: PLC0415  (see the imports)

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
        if _Parser.lang == "zh":
            sys.stderr.write(
                f"{PROG}：提示：OLD为{previous.body.name}的报告，NEW为{current.body.name}的报告；"
                "比较的是两个机关\n"
            )
            return
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
        output: str | bytes = _comparison_text(compare(previous, current), args.lang)
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
    _out(f"已生成{target}" if args.lang == "zh" else f"wrote {target}")
    return 0


def _cmd_examples(args: argparse.Namespace) -> int:
    zh = args.lang == "zh"
    lines = []
    for name in examples.names():
        report = examples.load(name)
        try:
            examples.load_records(name)
        except EnforcementCoreError:
            ledger = ""
        else:
            ledger = (
                "  （附合成的执法记录台账）" if zh else "  (with a synthetic ledger of records)"
            )
        about = (
            f"{report.body.name}，{report.year}年" if zh else f"{report.body.name}, {report.year}"
        )
        lines.append(f"{name}  {about}{ledger}")
    _out("\n".join(lines))
    return 0


# The parser ---------------------------------------------------------------------------


def _h(english: str, chinese: str) -> str:
    """A help text in the language of the run (``--lang``, read before the parser is built)."""
    return chinese if _Parser.lang == "zh" else english


def _command(
    commands: Any, name: str, summary: tuple[str, str], example: str, handler: Any
) -> argparse.ArgumentParser:
    said = _h(*summary)
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=said,
        description=said,
        epilog=f"{_h('example:', '示例：')}\n  {example}",
        formatter_class=_Formatter,
    )
    parser.set_defaults(handler=handler)
    _lang_argument(parser)
    return parser


def _lang_argument(parser: argparse.ArgumentParser, dest: str = "lang") -> None:
    parser.add_argument(
        "--lang",
        choices=("en", "zh"),
        default=None,
        dest=dest,
        help=_h(
            "the language of messages, listings and help: en (default) or zh",
            "提示信息、列表和帮助的语言：en（默认）或 zh（中文）",
        ),
    )


def _option_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=_h(
            "a renderer option; repeat for several (see: enforcement-core renderers)",
            "格式的选项，可重复给出多个（见 enforcement-core renderers）",
        ),
    )


def _output_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output",
        metavar="PATH",
        help=_h("write to PATH instead of standard output", "写入文件 PATH，而不是标准输出"),
    )


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` says it: ``$COLUMNS``, the terminal's, or 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter of the help, given its width as argparse finds it.

    argparse makes a formatter for each argument added, and finds the width with
    ``shutil``, whose import (with the compression modules it imports) costs the
    report more than building the parser does; the width is the same.
    """

    def __init__(self, prog: str, **kwargs: Any) -> None:
        # argparse leaves two columns free of the width it finds.
        kwargs.setdefault("width", _columns() - 2)
        super().__init__(prog, **kwargs)


class _Parser(argparse.ArgumentParser):
    """argparse's parser, with "did you mean" for a mistyped command or option.

    Under ``--lang zh`` (looked for in the arguments before they are parsed, since
    the error may come before ``--lang`` is read) its errors are said in Chinese,
    and so is its help: the library's texts, and argparse's own headings.
    """

    #: The language of errors, set by the run from its arguments.
    lang = "en"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Build the parser; under ``--lang zh`` with argparse's headings in Chinese."""
        super().__init__(*args, **kwargs)
        if self.lang == "zh":
            self._positionals.title = "位置参数"
            self._optionals.title = "选项"
            for action in self._actions:
                if "-h" in action.option_strings:
                    action.help = "显示本帮助并退出"

    def format_usage(self) -> str:
        """The usage line, headed 用法 under ``--lang zh``."""
        return self._said(super().format_usage())

    def format_help(self) -> str:
        """The help, headed 用法 under ``--lang zh``."""
        return self._said(super().format_help())

    def _said(self, text: str) -> str:
        if self.lang != "zh":
            return text
        # argparse puts an ASCII colon after each heading; Chinese takes a full-width one.
        for title in ("位置参数", "选项", "命令"):
            text = text.replace(f"\n{title}:\n", f"\n{title}：\n")
        return text.replace("usage: ", "用法：", 1)

    def error(self, message: str) -> NoReturn:
        """Exit 2 with argparse's message, and the nearest command or option if there is one."""
        hint = _nearest(message, self)
        if self.lang != "zh":
            super().error(f"{message}; did you mean {hint!r}?" if hint else message)
        from enforcement_core._messages_zh import usage_zh  # noqa: PLC0415

        said = usage_zh(message) + (f"；是否想写“{hint}”？" if hint else "")
        self.exit(EXIT_USAGE, f"{self.format_usage()}{self.prog}：错误：{said}\n")


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
    import difflib  # noqa: PLC0415  (see the imports)

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
    import importlib.metadata  # noqa: PLC0415  (see the imports)

    try:
        return importlib.metadata.version("enforcement-core")
    except importlib.metadata.PackageNotFoundError:  # running from a source tree
        return "unknown"


class _VersionAction(argparse._VersionAction):  # noqa: SLF001  (argparse's own, with its output)
    """``--version``: the installed version, read from the metadata only when asked for."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        """Print ``enforcement-core VERSION`` and exit, as argparse's version action does."""
        self.version = f"{PROG} {_version()}"
        super().__call__(parser, namespace, values, option_string)


#: The help of the arguments that name a report or a ledger to read.
_DOCUMENT_HELP = (
    "a report or ledger: JSON, or a ledger's table (.xlsx, .csv, .parquet); - reads stdin",
    "报告或台账：JSON 文件，或台账表格（.xlsx、.csv、.parquet）；- 表示从标准输入读取",
)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description=_h(
            "Exact figures, audits and renderers for annual administrative-enforcement reports.",
            "行政执法数据年度报告的精确数字、审核与生成。",
        ),
        epilog=_h("example:", "示例：")
        + "\n  enforcement-core report\n  enforcement-core check report.json",
        formatter_class=_Formatter,
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help=_h("show the traceback of an error", "出错时显示 Python 的调用栈"),
    )
    parser.add_argument(
        "--version",
        action=_VersionAction,
        help=_h("show the version and exit", "显示版本并退出"),
    )
    # Before the command too (enforcement-core --lang zh --help); the command's wins.
    _lang_argument(parser, dest="lang_before")
    commands = parser.add_subparsers(title=_h("commands", "命令"), metavar="COMMAND", required=True)

    report = _command(
        commands,
        "report",
        (
            "render a report (default: the built-in gulu-2023 example, in Chinese)",
            "生成报告（默认：内置示例 gulu-2023，中文）",
        ),
        "enforcement-core report town-2023.json --format zh --option money_unit=元 --output report.txt",
        _cmd_report,
    )
    report.add_argument("file", nargs="?", metavar="FILE", help=_h(*_DOCUMENT_HELP))
    report.add_argument(
        "--example",
        metavar="NAME",
        help=_h("render a built-in example instead of a file", "生成内置示例，而不是文件"),
    )
    report.add_argument(
        "--format",
        metavar="NAME",
        help=_h(
            "the renderer (default: the one that writes --output's extension, as "
            "'enforcement-core renderers' lists them; else zh)",
            "输出格式（默认：按 --output 的扩展名选择，见 enforcement-core renderers；否则为 zh）",
        ),
    )
    _output_argument(report)
    report.add_argument(
        "--allow-errors",
        action="store_true",
        help=_h(
            "write the document even when the audit finds errors (they are still shown); "
            "without it, a document with errors is not written and the exit status is 1",
            "审核发现错误时仍生成文档（错误照常列出）；不加此项时，有错误的文档不生成，退出状态为 1",
        ),
    )
    _option_argument(report)

    check = _command(
        commands,
        "check",
        (
            "audit reports or ledgers: exit 1 when any error is found, 2 when a file cannot be read",
            "审核报告或台账：发现错误时退出状态为 1，文件无法读取时为 2",
        ),
        "enforcement-core check town-a.json town-b.json",
        _cmd_check,
    )
    check.add_argument("files", nargs="+", metavar="FILE", help=_h(*_DOCUMENT_HELP))
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help=_h(
            "text for people (default), json for programs",
            "text 供人阅读（默认），json 供程序读取",
        ),
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help=_h(
            "exit 1 on warnings too, not only on errors",
            "有提示时也以状态 1 退出，而不只是有错误时",
        ),
    )
    check.add_argument(
        "--ledger",
        metavar="FILE",
        help=_h(
            "hold each report's figures against this ledger (a 双公示 table, say)",
            "以此台账（如双公示表格）核对每份报告的数字",
        ),
    )

    _command(
        commands,
        "renderers",
        (
            "list every renderer with its distribution, media type and options",
            "列出所有输出格式及其来源、媒体类型和选项",
        ),
        "enforcement-core renderers",
        _cmd_renderers,
    )

    rolled = _command(
        commands,
        "rollup",
        (
            "roll towns' and departments' reports up into a district's",
            "将乡镇和部门的报告汇总为区县的报告",
        ),
        "enforcement-core rollup town-a.json town-b.json --body 重庆市渝北区 --output district.json",
        _cmd_rollup,
    )
    rolled.add_argument("files", nargs="+", metavar="FILE", help=_h(*_DOCUMENT_HELP))
    rolled.add_argument(
        "--body",
        required=True,
        metavar="NAME",
        help=_h("the name of the district's body", "汇总报告的执法主体名称"),
    )
    rolled.add_argument(
        "--level",
        default="county",
        choices=[level.value for level in BodyLevel],
        help=_h("its level (default: county)", "其层级（默认：county，区县）"),
    )
    rolled.add_argument("--region", metavar="REGION", help=_h("its region", "其所属地区"))
    rolled.add_argument(
        "--format",
        metavar="NAME",
        help=_h(
            "the renderer (default: from --output's extension; else json)",
            "输出格式（默认：按 --output 的扩展名选择；否则为 json）",
        ),
    )
    _output_argument(rolled)
    _option_argument(rolled)

    compared = _command(
        commands,
        "compare",
        (
            "year-over-year changes of every figure and rate of two reports",
            "两份报告每个数字和比率的同比变化",
        ),
        "enforcement-core compare town-2022.json town-2023.json --format zh",
        _cmd_compare,
    )
    compared.add_argument(
        "old", metavar="OLD", help=_h("the previous year's report", "上一年度的报告")
    )
    compared.add_argument(
        "new", metavar="NEW", help=_h("the current year's report", "本年度的报告")
    )
    compared.add_argument(
        "--format",
        metavar="NAME",
        help=_h(
            "text (a table, default), json, or a renderer with a 'previous' option (zh, "
            "docx); by default from --output's extension",
            "text（表格，默认）、json，或带 previous 选项的格式（zh、docx）；默认按 --output 的扩展名选择",
        ),
    )
    _output_argument(compared)
    _option_argument(compared)

    initial = _command(
        commands,
        "init",
        (
            "write a blank ledger workbook (.xlsx) or report document (.json) to fill in",
            "生成待填写的空白台账工作簿（.xlsx）或报告文档（.json）",
        ),
        "enforcement-core init ledger.xlsx",
        _cmd_init,
    )
    initial.add_argument(
        "file", metavar="FILE", help=_h("ledger.xlsx or report.json", "ledger.xlsx 或 report.json")
    )
    initial.add_argument(
        "--force",
        action="store_true",
        help=_h("overwrite FILE if it exists", "FILE 已存在时覆盖"),
    )

    _command(
        commands,
        "examples",
        ("list the built-in examples", "列出内置示例"),
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


#: The variables OpenBLAS reads for its number of threads: a user who set one has chosen.
_BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")


def _one_blas_thread(environ: MutableMapping[str, str], modules: Mapping[str, object]) -> bool:
    """Ask OpenBLAS for one thread, in a command that has not loaded numpy yet; whether it did.

    numpy's wheels bring OpenBLAS, which starts a thread for each core but one when
    numpy is imported (pyarrow imports numpy, so every table file's command does), and
    each of them spins for about a tenth of a second of CPU before it sleeps, waiting
    for linear algebra the command never does: 0.09 s of CPU on 2 cores, more than a
    second on 16 (numpy/numpy#29193). distributed starts its workers with the same
    variable for the same reason (``distributed.nanny.pre-spawn-environ``). A user who
    set any of :data:`_BLAS_THREAD_VARIABLES` keeps their choice, and so does a process
    that imported numpy already (OpenBLAS has read them).

    >>> environ = {}
    >>> _one_blas_thread(environ, {}), environ
    (True, {'OPENBLAS_NUM_THREADS': '1'})
    >>> _one_blas_thread({"OMP_NUM_THREADS": "4"}, {})
    False
    >>> _one_blas_thread({}, {"numpy": object()})
    False
    """
    if "numpy" in modules or any(name in environ for name in _BLAS_THREAD_VARIABLES):
        return False
    environ["OPENBLAS_NUM_THREADS"] = "1"
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    SIGINT, SIGTERM and SIGHUP end it with one line and the status 130, 143 or 129,
    the temporary output file removed.

    Run as the command (``argv`` is ``None``: the arguments are the process's), it
    freezes the objects alive when it starts (:func:`gc.freeze`): the library's
    modules and the model's classes live as long as the process, and the collector
    then no longer walks them at each full collection of the command's own work,
    about a tenth of the report's time; the collector, paused while the modules were
    imported by the command (see ``_signals``), is then turned on again. It also asks
    OpenBLAS for one thread (:func:`_one_blas_thread`). Given ``argv`` (a program, a
    test), it leaves the collector and the environment as they were.
    """
    if argv is None:
        gc.freeze()
        # Paused by the start-up while the modules loaded (see _signals), on again now
        # that they are frozen.
        _signals.resume_collector()
        _one_blas_thread(os.environ, sys.modules)
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
    # --lang after the command, else before it; English when neither is given.
    args.lang = getattr(args, "lang", None) or args.lang_before or "en"
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
        if args.lang == "zh":
            sys.stderr.write(
                f"{PROG}：错误：{type(error).__name__}: {error}（加上 --debug 可显示调用栈）\n"
            )
            return EXIT_USAGE
        sys.stderr.write(
            f"{PROG}: error: {type(error).__name__}: {error} (run with --debug for the traceback)\n"
        )
        return EXIT_USAGE
