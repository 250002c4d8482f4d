"""The audit: every figure that does not hold, and every rule the records break.

:func:`audit` returns every :class:`Finding` in one pass, in a stable order:
first the figures (parts against totals, what the report states against what
it counts, licensing outcomes, publication), then, for a ledger, the records
in ledger order. An error is a figure that is wrong or a legal rule broken; a
warning is something to look at: a breakdown that covers part of its total, a
record left out of the year, a hazard rectified late.

Each finding has a stable ``code``; docs/statistics.md lists them all with an
example.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from enforcement_core import _display
from enforcement_core._paths import figure_type, objects, owners, resolve
from enforcement_core._paths_zh import code_zh, path_zh, paths_in_text_zh
from enforcement_core._validators import breakdowns, declared_dimensions
from enforcement_core.actions import ActionKind
from enforcement_core.categories import CATEGORIES, RECORD_GROUPS, category
from enforcement_core.dimensions import Coverage
from enforcement_core.figures import outcomes
from enforcement_core.labels import label, term
from enforcement_core.ledger import Ledger
from enforcement_core.numbers_zh import round_half_up
from enforcement_core.report import (
    FIGURE_UNITS,
    AnnualReport,
    Bound,
    ChangeUnit,
    OwnFigure,
    RateName,
    SanctionCounting,
    StatedChange,
    StatedFigure,
    known_rate,
)
from enforcement_core.statistics import (
    FIGURE_FIELDS,
    exact_rate,
    figure,
    rate,
    stated_figure,
)
from enforcement_core.summary import summarize
from enforcement_core.workforce import Officer, walk_units

if TYPE_CHECKING:
    from collections.abc import Callable

    from enforcement_core.actions import Hazard
    from enforcement_core.dimensions import Dimension
    from enforcement_core.ledger import Record

__all__ = ["CODES", "Finding", "Findings", "Severity", "audit"]


class Severity(StrEnum):
    """How serious a finding is."""

    #: A figure that is wrong, or a legal rule broken.
    ERROR = "error"
    #: Something to look at; the figures may still be right.
    WARNING = "warning"


@attrs.frozen
class Finding:
    """One problem the audit found, located by its path.

    Examples:
        >>> from enforcement_core import examples
        >>> [finding] = audit(examples.load("gulu-2023"))
        >>> finding.severity, finding.code, finding.path
        (<Severity.WARNING: 'warning'>, 'licensing-open', 'licensing')
        >>> print(finding.message)
        34 of 243 applications have no stated outcome (209 granted; not stated: refused, pending, not accepted)
        >>> print(finding.message_zh)
        243件申请中有34件未说明办理结果（准予许可209件；未说明：不予许可、尚在办理、不予受理）
    """

    #: ``error`` or ``warning``.
    severity: Severity
    #: A stable code naming the rule, e.g. ``"rate-mismatch"``.
    code: str
    #: The figure path (``inspection.hazards.rectified``) or record path
    #: (``inspections[3].officers[1]``) the finding is about.
    path: str
    #: What is wrong, in English.
    message: str
    #: What is wrong, in Chinese.
    message_zh: str

    def __str__(self) -> str:
        """``error rate-mismatch stated.rates.rectification: message``."""
        return f"{self.severity} {self.code} {self.path}: {self.message}"

    def said(
        self, locale: str = "zh_CN", where: Callable[[str], str | None] | None = None
    ) -> tuple[str, str, str, str]:
        """The finding as a person reads it: severity, code, place and message in ``locale``.

        The severity's word is the label's (``severity_error``, ``severity_warning``),
        the one word every output uses. In Chinese a clerk reads names, not a
        program's codes and paths: the code is said by its name, the path by
        ``where`` (a workbook's sheet and row) or else in Chinese words. The command
        line, the xlsx findings sheet and the notebook display all say a finding so.

        Examples:
            >>> from enforcement_core import examples
            >>> [finding] = audit(examples.load("gulu-2023"))
            >>> finding.said()[:3]
            ('提示', '许可结果未覆盖全部申请', '行政许可')
            >>> finding.said("en")[:3]
            ('warning', 'licensing-open', 'licensing')
        """
        severity = term(f"severity_{self.severity.value}", locale)
        if locale != "zh_CN":
            return severity, self.code, self.path, self.message
        place = (where(self.path) if where and self.path else None) or path_zh(self.path)
        return severity, code_zh(self.code), place, paths_in_text_zh(self.message_zh)


class Findings(list[Finding]):
    """The findings of an audit: a list, with rich display and a DataFrame."""

    def errors(self) -> list[Finding]:
        """The findings of severity ``error``."""
        return [finding for finding in self if finding.severity is Severity.ERROR]

    def _repr_html_(self) -> str:
        """The findings as an HTML table, for Jupyter."""
        # Each side said as every other output says it; the Chinese with its own severity word.
        rows = [(*f.said("en"), "：".join(f.said()[::3])) for f in self]
        return _display.table(
            ["severity", "code", "path", "message", "中文"],
            rows,
            caption=f"{len(self)} finding{'' if len(self) == 1 else 's'}",
        )

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # noqa: ARG002, FBT001  (IPython's signature)
        """One finding a line."""
        printer.text("\n".join(str(finding) for finding in self) or "no findings")

    def to_dataframe(self) -> Any:
        """A pandas DataFrame of the findings (needs the ``pandas`` extra)."""
        return _display.frame("findings", self)


#: Every code the audit uses, with its severity and what it means.
CODES: Mapping[str, tuple[Severity, str]] = {
    "breakdown-short": (
        Severity.WARNING,
        "a breakdown's parts add up to less than its stated total",
    ),
    "dimension-incomplete": (
        Severity.ERROR,
        "a breakdown the report declares complete adds up to less than its total",
    ),
    "breakdowns-disagree": (
        Severity.WARNING,
        "two breakdowns of a total not stated add up differently",
    ),
    "licensing-open": (Severity.WARNING, "licensing outcomes do not account for every application"),
    "reviews-open": (
        Severity.WARNING,
        "reconsideration outcomes do not account for every reconsideration",
    ),
    "sanctions-vs-cases": (
        Severity.WARNING,
        "sanction tallies below the cases penalised, or a type tallied more often than there are cases",
    ),
    "rate-mismatch": (Severity.ERROR, "a stated rate does not agree with the counts"),
    "rate-unverifiable": (Severity.WARNING, "a stated rate whose counts are not stated exactly"),
    "share-above-whole": (Severity.WARNING, "the figures make a share above 100%"),
    "change-mismatch": (
        Severity.ERROR,
        "a stated year-over-year change does not agree with the figures",
    ),
    "change-unverifiable": (Severity.WARNING, "a stated change whose current figure is not stated"),
    "change-no-base": (
        Severity.WARNING,
        "a stated change without the previous year's figure, and no previous report to take it from",
    ),
    "total-mismatch": (Severity.ERROR, "a stated grand total does not agree with the categories"),
    "figure-mismatch": (
        Severity.ERROR,
        (
            "a figure written rounded or in 万 does not agree, within its precision, "
            "with the figure held or with its parts"
        ),
    ),
    "bound-broken": (
        Severity.ERROR,
        "a figure written with a bound (余, 以上, 不足, 以下) that the figures held break",
    ),
    "about-mismatch": (
        Severity.WARNING,
        "a figure written as about (约, 左右) further from the figure held than its precision",
    ),
    "change-forms-disagree": (
        Severity.ERROR,
        "a change written both as a number and as a percent whose two forms disagree",
    ),
    "sanctions-above-cases": (
        Severity.ERROR,
        "sanctions counted under the heaviest type only add up to more than the cases",
    ),
    "cut-off-outside-year": (
        Severity.ERROR,
        "the day the figures are counted to is outside the year, or after publication",
    ),
    "published-late": (Severity.WARNING, "published after 31 January of the following year"),
    "published-early": (Severity.WARNING, "published before the year it reports on ended"),
    "ledger-mismatch": (
        Severity.ERROR,
        "a figure differs from the records the body published (双公示)",
    ),
    "outside-year": (Severity.WARNING, "a record dated outside the ledger's year, not counted"),
    "duplicate-id": (Severity.ERROR, "two records, two officers or two units share an identifier"),
    "too-few-officers": (Severity.ERROR, "an on-site action with fewer than two officers"),
    "unknown-officer": (Severity.ERROR, "a record names an officer missing from the roster"),
    "no-valid-certificate": (Severity.ERROR, "an officer without a certificate valid on the day"),
    "unknown-unit": (Severity.WARNING, "an officer of a unit missing from the ledger's units"),
    "rectified-late": (Severity.WARNING, "a hazard rectified after its deadline"),
    "open-past-deadline": (
        Severity.WARNING,
        "a hazard still open at the year's end, past its deadline",
    ),
}

# The shares whose two figures are stated apart, so that together they can make a
# share above 100% (the others cannot: their parts are held within their wholes).
_SHARE_FIGURES: Mapping[RateName, tuple[str, str]] = {
    RateName.RECTIFICATION: ("inspection.hazards.rectified", "inspection.hazards.found"),
    RateName.GRANT_OF_APPLICATIONS: ("licensing.granted", "licensing.applications"),
    RateName.CERTIFICATION: ("workforce.certified", "workforce.established_staff"),
    RateName.TRAINING_COVERAGE: ("workforce.trained", "workforce.certified"),
}


def _finding(code: str, path: str, message: str, message_zh: str) -> Finding:
    return Finding(CODES[code][0], code, path, message, message_zh)


def audit(
    source: AnnualReport | Ledger,
    *,
    ledger: Ledger | None = None,
    previous: AnnualReport | None = None,
) -> Findings:
    """Every finding about a report or a ledger, in one pass, in a stable order.

    A ledger is audited record by record, and its summary figure by figure.
    With ``ledger``, a report's figures are also held against the records a body
    published (the 双公示 tables, :func:`~enforcement_core.read_ledger`): each
    category's count and money (declared in ``categories.CATEGORIES``) that the
    ledger's records show and the report states differently is a
    ``ledger-mismatch``. A figure the records do not show at all (0 refused
    licences in a table of grants) is not held against the report.
    ``previous``, the previous year's report, gives the base of a stated change
    the report writes without one ("同比上升10.53%"); without either, the
    change cannot be checked and the audit says so (``change-no-base``).

    Examples:
        >>> from enforcement_core import examples
        >>> [f.code for f in audit(examples.load("gulu-2023"))]
        ['licensing-open']
        >>> [f for f in audit(examples.load_records("gulu-2023")) if f.severity == "error"]
        []
    """
    if isinstance(source, Ledger):
        summary = summarize(source)
        # Records are tallied under every sanction type they carry, whatever the
        # convention of the report the ledger's conventions describe.
        counted = attrs.evolve(
            summary,
            conventions=attrs.evolve(
                summary.conventions, sanction_counting=SanctionCounting.EVERY_TYPE
            ),
        )
        findings = [*_report_findings(counted, previous), *_ledger_findings(source)]
    else:
        findings = list(_report_findings(source, previous))
    if ledger is not None:
        report = summarize(source) if isinstance(source, Ledger) else source
        findings += _published_findings(report, ledger)
    return Findings(findings)


def _published_findings(report: AnnualReport, ledger: Ledger) -> Iterator[Finding]:
    """The figures of ``report`` that differ from what the records of ``ledger`` show."""
    counted = summarize(attrs.evolve(ledger, year=report.year))
    for declared in CATEGORIES:
        if declared.records is None or not getattr(ledger, declared.records.field):
            continue
        paths = [*declared.count, *(p for option in declared.amount for p in option)]
        for path in dict.fromkeys(paths):
            full = f"{declared.field}.{path}"
            stated, shown = resolve(report, full), resolve(counted, full)
            if stated is None or shown is None or not shown or stated == shown:
                continue
            yield _finding(
                "ledger-mismatch",
                full,
                f"the report states {stated}, the ledger's records show {shown}",
                f"报告称{stated}，台账记录为{shown}",
            )


# Figures -------------------------------------------------------------------------


def _report_findings(report: AnnualReport, previous: AnnualReport | None) -> Iterator[Finding]:
    yield from _breakdown_findings(report)
    yield from _dimension_findings(report)
    yield from _licensing_findings(report)
    yield from _sanction_findings(report)
    yield from _review_findings(report)
    yield from _rate_findings(report)
    yield from _change_findings(report, previous)
    yield from _total_findings(report)
    yield from _stated_figure_findings(report)
    yield from _qualified_findings(report)
    yield from _own_figure_findings(report)
    yield from _change_forms_findings(report)
    yield from _heaviest_sanction_findings(report)
    yield from _cut_off_findings(report)
    yield from _publication_findings(report)


def _breakdown_findings(report: AnnualReport) -> Iterator[Finding]:
    for name in FIGURE_FIELDS:
        for path, obj in objects(getattr(report, name), name):
            sums: dict[str, list[tuple[str, Any]]] = {}
            for breakdown in breakdowns(type(obj)):
                if breakdown.subset:
                    continue
                added = breakdown.added(obj)
                total = resolve(obj, breakdown.total)
                field = f"{path}.{breakdown.field}"
                what = breakdown.part or breakdown.total
                if added is not None and total is not None and added < total:
                    yield _finding(
                        "breakdown-short",
                        field,
                        f"{what} of the parts add up to {added}, below {breakdown.total} {total} "
                        f"({total - added} not broken down)",
                        f"分项合计{added}，少于总数{total}（{total - added}未分项列明）",
                    )
                if added is not None and total is None:
                    sums.setdefault(breakdown.total, []).append((field, added))
            for total_name, parts in sums.items():
                if len({added for _, added in parts}) > 1:
                    listed = ", ".join(f"{field} {added}" for field, added in parts)
                    listed_zh = "，".join(f"{field}合计{added}" for field, added in parts)
                    yield _finding(
                        "breakdowns-disagree",
                        f"{path}.{total_name}",
                        f"{total_name} is not stated and its breakdowns disagree: {listed}",
                        f"未列明总数，各分项合计不一致：{listed_zh}",
                    )


def _dimension_findings(report: AnnualReport) -> Iterator[Finding]:
    """Each dimension's parts against its total, nested parts against their part.

    Parts above their total are refused on construction; here, parts that fall
    short. A partial breakdown may fall short (a warning); one the report declares
    complete may not (an error), unless a part is not stated: the parts not stated
    may hold the rest. A subset is never meant to cover its total.
    """
    for name in FIGURE_FIELDS:
        for path, obj in objects(getattr(report, name), name):
            for field, declared in declared_dimensions(type(obj)):
                for key, dimension in getattr(obj, field).items():
                    if dimension.coverage is Coverage.SUBSET:
                        continue
                    where = f"{path}.{field}.{key}"
                    for held, total_name, total in declared.totals(obj, dimension):
                        yield from _short_dimension(where, dimension, held, total_name, total)


def _short_dimension(
    where: str, dimension: Dimension, figure: str, total_name: str, total: Any
) -> Iterator[Finding]:
    stated = [getattr(part, figure) for part in dimension.parts.values()]
    known = [value for value in stated if value is not None]
    if total is None or not known or sum(known) >= total:
        return
    added = sum(known)
    what = "the parts" if figure == "count" else "the parts' amounts"
    rest = total - added
    if dimension.coverage is Coverage.COMPLETE and len(known) == len(stated):
        yield _finding(
            "dimension-incomplete",
            where,
            f"{what} add up to {added}, below {total_name} {total} ({rest} missing), "
            "though the breakdown is declared complete",
            f"分项合计{added}，少于总数{total}（缺{rest}），而该分项声明为完整",
        )
        return
    yield _finding(
        "breakdown-short",
        where,
        f"{what} add up to {added}, below {total_name} {total} ({rest} not broken down)",
        f"分项合计{added}，少于总数{total}（{rest}未分项列明）",
    )


def _licensing_findings(report: AnnualReport) -> Iterator[Finding]:
    licensing = report.licensing
    if licensing is None or licensing.applications is None:
        return
    applications = licensing.applications
    not_accepted = None if licensing.accepted is None else applications - licensing.accepted
    outcomes = (
        ("granted", "准予许可", licensing.granted),
        ("refused", "不予许可", licensing.refused),
        ("pending", "尚在办理", licensing.pending),
        ("not accepted", "不予受理", not_accepted),
    )
    known = [(en, zh, n) for en, zh, n in outcomes if n is not None]
    unknown = [(en, zh) for en, zh, n in outcomes if n is None]
    open_ = applications - sum(n for _, _, n in known)
    if open_ <= 0 or not known:
        return
    detail = ", ".join(f"{n} {en}" for en, _, n in known)
    detail_zh = "，".join(f"{zh}{n}件" for _, zh, n in known)
    if unknown:
        detail += "; not stated: " + ", ".join(en for en, _ in unknown)
        detail_zh += "；未说明：" + "、".join(zh for _, zh in unknown)
    yield _finding(
        "licensing-open",
        "licensing",
        f"{open_} of {applications} applications have no stated outcome ({detail})",
        f"{applications}件申请中有{open_}件未说明办理结果（{detail_zh}）",
    )


def _review_findings(report: AnnualReport) -> Iterator[Finding]:
    reviews = report.reviews
    if reviews is None:
        return
    for path, counts in [("reviews.total", reviews.total)] + [
        (f"reviews.by_kind.{kind.value}", counts) for kind, counts in reviews.by_kind.items()
    ]:
        # Most reports state only how many were corrected: the outcomes are checked
        # only where the report gives them.
        given = (counts.withdrawn, counts.upheld, counts.changed, counts.revoked, counts.pending)
        stated = outcomes(counts)
        if all(n is None for n in given) or stated is None or counts.reconsiderations is None:
            continue
        gap = counts.reconsiderations - stated
        if gap > 0:
            yield _finding(
                "reviews-open",
                path,
                f"{gap} of {counts.reconsiderations} reconsiderations have no stated outcome "
                "(withdrawn, upheld, corrected or pending)",
                f"{counts.reconsiderations}件行政复议中有{gap}件未说明结果"
                "（撤回、维持、纠错或尚在审理）",
            )


def _sanction_findings(report: AnnualReport) -> Iterator[Finding]:
    penalty = report.penalty
    cases = figure(report, "penalty.cases")
    if penalty is None or not penalty.by_sanction or cases is None:
        return
    # A case carries each sanction type at most once, and every case penalised at least one.
    # Cases not penalised that the report does not state are unknown, not 0: then the
    # gap may be theirs, and the message says "may".
    known = penalty.not_penalised is not None
    penalised = cases - (penalty.not_penalised or 0)
    tallied = sum(penalty.by_sanction.values())
    if tallied < penalised:
        gap = penalised - tallied
        if known:
            english = (
                f"{tallied} sanctions tallied for {penalised} cases penalised: "
                f"{gap} cases have no sanction type stated"
            )
            chinese = (
                f"处罚种类合计{tallied}，少于作出处罚的案件{penalised}件：{gap}件案件未列明处罚种类"
            )
        else:
            english = (
                f"{tallied} sanctions tallied for {cases} cases, the cases not penalised not "
                f"stated: up to {gap} cases have no sanction type stated"
            )
            chinese = (
                f"处罚种类合计{tallied}，少于案件{cases}件（未列明不予处罚案件）："
                f"至多{gap}件案件未列明处罚种类"
            )
        yield _finding("sanctions-vs-cases", "penalty.by_sanction", english, chinese)
    # Above the cases only where the cases are stated: a total derived from parts is a lower bound.
    stated_cases = _exact_stated(report, "penalty.cases")
    for kind, count in penalty.by_sanction.items():
        if stated_cases is not None and count > stated_cases:
            yield _finding(
                "sanctions-vs-cases",
                f"penalty.by_sanction.{kind.value}",
                f"{kind.value} tallied {count} times for {stated_cases} cases: "
                "a case carries a sanction type once",
                f"{label(kind)}{count}件，多于案件{stated_cases}件：一件案件同一处罚种类只计一次",
            )


def _rate_findings(report: AnnualReport) -> Iterator[Finding]:
    for name in RateName:
        path = f"stated.rates.{name.value}"
        stated = report.stated.rates.get(name)
        # A rate of a total derived from its parts (a lower bound) or of a figure written
        # rounded is not exact: the stated rate cannot be checked against it.
        computed = exact_rate(report, name)
        if computed is None and rate(report, name) is not None and stated is not None:
            yield _finding(
                "rate-unverifiable",
                path,
                f"the report states {stated}%, but a figure the rate is computed from is "
                "not stated exactly (derived from its parts or written rounded)",
                f"报告称{label(name)}{stated}%，但计算该比率所需的数据未精确列明",
            )
            continue
        if computed is None:
            pair = _SHARE_FIGURES.get(name)
            numerator, denominator = (figure(report, p) for p in pair) if pair else (None, None)
            if numerator is not None and denominator is not None and numerator > denominator:
                yield _finding(
                    "share-above-whole",
                    f"rates.{name.value}",
                    f"{name.value} would be above 100%: {numerator} of {denominator}",
                    f"{label(name)}超过100%：{numerator}/{denominator}",
                )
            if stated is not None:
                yield _finding(
                    "rate-unverifiable",
                    path,
                    f"the report states {stated}% but not both figures the rate is computed from",
                    f"报告称{label(name)}{stated}%，但未列明计算该比率所需的数据",
                )
            continue
        if stated is None:
            continue
        percent = computed.percent(_places(stated))
        if percent is not None and percent != stated:
            yield _finding(
                "rate-mismatch",
                path,
                f"the report states {stated}%, the counts give {percent}% "
                f"({computed.numerator} ÷ {computed.denominator})",
                f"报告称{label(name)}{stated}%，按{computed.numerator}÷{computed.denominator}"
                f"计算应为{percent}%",
            )
        elif percent is None:
            yield _finding(
                "rate-mismatch",
                path,
                f"the report states {stated}%, but the rate is undefined (its denominator is 0)",
                f"报告称{label(name)}{stated}%，但该比率分母为0，无法计算",
            )


def _places(stated: Decimal) -> int:
    """The decimals a stated number is written with, as far as four."""
    exponent = stated.as_tuple().exponent
    return min(4, max(0, -exponent)) if isinstance(exponent, int) else 0


def _base(stated: StatedChange, previous: AnnualReport | None) -> Decimal | Fraction | int | None:
    """The previous year's figure of a stated change: as stated, else from the previous report."""
    if stated.previous is not None:
        return stated.previous
    if previous is None:
        return None
    name = stated.figure.removeprefix("rates.")
    if stated.unit is ChangeUnit.POINTS:
        known = known_rate(name)
        previous_rate = rate(previous, known) if known is not None else None
        exact = previous_rate.fraction() if previous_rate is not None else None
        return None if exact is None else exact * 100
    return figure(previous, stated.figure)


def _computed_change(
    report: AnnualReport, stated: StatedChange, base: Decimal | Fraction | int
) -> tuple[Any, str, str] | None:
    """The change the figures give, written as ``stated`` writes it; ``None`` if unknowable."""
    places = _places(stated.change)
    if stated.unit is ChangeUnit.POINTS:
        known = known_rate(stated.figure.removeprefix("rates."))
        current = exact_rate(report, known) if known is not None else None
        exact = current.fraction() if current is not None else None
        if exact is None:
            return None
        # Points from the previous rate and the current one exactly, rounded once.
        points = round_half_up(exact * 100 - Fraction(base), places)
        # The English unit is a word, so it takes a space ("0.5 percentage points").
        return points, " percentage points", "个百分点"
    # The figure as stated: a total derived from its parts is only a lower bound.
    value = _exact_stated(report, stated.figure)
    if value is None:
        return None
    # Imported here: most reports state no change, and the report command need not load it.
    from enforcement_core.comparison import Change  # noqa: PLC0415

    change = Change(stated.figure, base, value)  # type: ignore[arg-type]
    if stated.unit is ChangeUnit.ABSOLUTE:
        return change.difference, "", ""
    return change.percent(places), "%", "%"


def _change_findings(report: AnnualReport, previous: AnnualReport | None) -> Iterator[Finding]:
    for index, stated in enumerate(report.stated.changes):
        path = f"stated.changes[{index}]"
        base = _base(stated, previous)
        if base is None and stated.percent is not None:
            continue  # both forms are held together by _change_forms_findings
        if base is None:
            yield _finding(
                "change-no-base",
                path,
                f"the report states a change of {stated.figure} ({stated.change}) without "
                f"the previous year's figure: pass the previous year's report to check it",
                f"报告列明了{stated.figure}的同比变化（{stated.change}），但未列明上年数据，"
                f"无法核对；请提供上年报告",
            )
            continue
        computed = _computed_change(report, stated, base)
        if computed is None:
            yield _finding(
                "change-unverifiable",
                path,
                f"the report states a change of {stated.figure} but not its current figure",
                f"报告列明了{stated.figure}的同比变化，但未列明本年数据",
            )
            continue
        value, unit, unit_zh = computed
        if value == stated.change:
            continue
        shown = "undefined (the previous value is 0)" if value is None else f"{value}{unit}"
        shown_zh = "无法计算（上年为0）" if value is None else f"{value}{unit_zh}"
        written = base if stated.previous is not None else _figure_text(base)
        yield _finding(
            "change-mismatch",
            path,
            f"{stated.figure}: the report states a change of {stated.change}{unit} from "
            f"{written}, the figures give {shown}",
            f"{stated.figure}：报告称较上年（{written}）变化{stated.change}{unit_zh}，"
            f"按数据计算应为{shown_zh}",
        )


def _figure_text(value: Decimal | Fraction | int) -> str:
    """A previous figure as the message writes it: exact, or a rate to two decimals."""
    if isinstance(value, Fraction):
        return f"{round_half_up(value, 2)}%"
    return str(value)


@attrs.frozen
class _Counted:
    """One category's count or money as the audit adds it into a grand total."""

    #: The figure, or ``None`` when the report does not state it.
    value: Any
    #: Whether ``value`` is the whole figure; otherwise a lower bound (parts of it stated).
    whole: bool
    #: Half of the last place of each figure written rounded that it adds, in its own unit.
    tolerance: Decimal


_UNKNOWN = _Counted(None, whole=False, tolerance=Decimal(0))


def _counted(report: AnnualReport, paths: tuple[str, ...]) -> _Counted:
    """The sum of the figures at ``paths``: whole only when each is stated, not derived."""
    total: Any = None
    whole = True
    tolerance = Decimal(0)
    for path in paths:
        value = figure(report, path)
        held = resolve(report, path)
        written = report.stated.figure(path)
        if value is None:
            whole = False
            continue
        # A total derived from its parts is a lower bound: other parts may be unstated.
        if held is None and written is None:
            whole = False
        if held is None and written is not None:
            tolerance += written.tolerance
        total = value if total is None else total + value
    return _Counted(total, whole=whole and total is not None, tolerance=tolerance)


def _category_count(report: AnnualReport, kind: ActionKind) -> _Counted:
    declared = category(kind)
    if declared is None:
        return _counted(report, (f"other_actions.{kind.value}.count",))
    field = declared.field
    if declared.total is not None:
        total = _counted(report, (f"{field}.{declared.total}",))
        if total.value is not None:
            return total
    return _counted(report, tuple(f"{field}.{name}" for name in declared.count))


def _category_amount(report: AnnualReport, kind: ActionKind) -> _Counted | None:
    """The category's money; ``None`` for a category that has none (licensing, inspection)."""
    declared = category(kind)
    if declared is None:
        return _counted(report, (f"other_actions.{kind.value}.amount",))
    if not declared.amount:
        return None
    options = [
        _counted(report, tuple(f"{declared.field}.{n}" for n in names)) for names in declared.amount
    ]
    return next(
        (o for o in options if o.whole), next((o for o in options if o.value is not None), _UNKNOWN)
    )


def _total_findings(report: AnnualReport) -> Iterator[Finding]:
    """The grand totals against the categories the report states, each unit with its own.

    A category the report does not state is unknown, not 0: the categories stated
    add up to a lower bound of the total, unless the report's declared scope
    (``stated.scope``) names categories that are all stated in full. A sum above
    the total is an error; below it, with categories unknown, the gap is only
    what the report does not break down (``breakdown-short``).
    """
    stated_scope = report.stated.scope
    scope = stated_scope or tuple(ActionKind)
    counts = [_category_count(report, kind) for kind in scope]
    amounts = [a for kind in scope if (a := _category_amount(report, kind)) is not None]
    checks = (
        ("stated.actions", report.stated.actions, counts, "actions", "执法行为总数"),
        ("stated.amount", report.stated.amount, amounts, "money", "涉及金额总数"),
    )
    for path, as_stated, parts, what, what_zh in checks:
        written = report.stated.figure(path)
        if as_stated is None and written is not None and written.qualifier:
            continue  # a bound, which _qualified_findings holds against the figures
        stated: Any = as_stated if as_stated is not None or written is None else written.exact
        known = [part for part in parts if part.value is not None]
        # With no category stated there is nothing to add up: "the categories add up
        # to 0" would be a false alarm about a report that simply gives no breakdown.
        if stated is None or not known:
            continue
        # Counts with counts, money with money: each part's precision in its own unit.
        tolerance = sum((p.tolerance for p in known), Decimal(0))
        tolerance += written.tolerance if written is not None else 0
        added = _plain(sum(p.value for p in known))
        # Without a declared scope the categories not stated may hold the rest.
        whole = bool(stated_scope) and all(part.whole for part in parts)
        if added - stated > tolerance or (whole and stated - added > tolerance):
            relation = "" if whole else "at least "
            yield _finding(
                "total-mismatch",
                path,
                f"the report states {stated} {what} in all, the categories add up to {relation}{added}",
                f"报告称{what_zh}为{stated}，各类别合计{'' if whole else '至少'}为{added}",
            )
        elif stated - added > tolerance:
            gap = _plain(stated - added)
            yield _finding(
                "breakdown-short",
                path,
                f"the categories stated add up to {added} {what}, below the {stated} stated in all "
                f"({gap} not broken down by category)",
                f"已列明的各类别合计{added}，少于报告所称{what_zh}{stated}（{gap}未分类别列明）",
            )


@attrs.frozen
class _Parts:
    """A complete breakdown of a figure written rounded, as the audit adds it up."""

    #: The breakdown's path (``inspection.by_area``).
    name: str
    #: The parts added up, each at its written value where the report writes it rounded.
    added: Any
    #: Half of the last place of each part written rounded, added up.
    tolerance: Any
    #: The parts as the report writes them, when every part present is written
    #: rounded; ``None`` when some part is an exact held figure.
    written: tuple[StatedFigure, ...] | None


def _in_unit(value: Decimal, unit: str, parts: tuple[StatedFigure, ...]) -> str:
    """``value`` (counts or yuan) as the report writes the parts: in their unit when they share it."""
    if all(part.unit == unit for part in parts):
        places = max((_places(part.value) for part in parts), default=0)
        return f"{value.scaleb(-FIGURE_UNITS[unit]).quantize(Decimal(1).scaleb(-places))}{unit}"
    return str(_whole(value))


def _plain(value: Any) -> Any:
    """A count or an amount as a message writes it: a Decimal without trailing zeros when whole."""
    return _whole(value) if isinstance(value, Decimal) else value


def _whole(value: Decimal) -> Decimal:
    """``value`` without trailing decimal zeros when it is whole (2000, not 2000.00)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _written_parts(report: AnnualReport, written: StatedFigure) -> Iterator[_Parts]:
    """Each complete breakdown of the figure ``written`` stands for.

    A part the report writes rounded counts at its written value, and brings
    half of its last place to the tolerance.
    """
    path = written.figure
    for owner, rest in owners(report, path):
        owner_path = path[: len(path) - len(rest) - 1]
        for breakdown in breakdowns(type(owner)) if attrs.has(type(owner)) else ():
            if breakdown.total != rest or breakdown.subset:
                continue
            added: Any = None
            tolerance: Any = 0
            rounded: list[StatedFigure] = []
            exact_parts = False
            for key, value in getattr(owner, breakdown.field).items():
                part_path = f"{owner_path}.{breakdown.field}.{getattr(key, 'value', key)}"
                if breakdown.part is not None:
                    part_path += f".{breakdown.part}"
                part = _plain_written(report, part_path)
                number = resolve(value, breakdown.part) if breakdown.part else value
                if part is not None:
                    number, tolerance = part.exact, tolerance + part.tolerance
                    rounded.append(part)
                elif number is not None:
                    exact_parts = True
                if number is not None:
                    added = number if added is None else added + number
            if added is not None:
                shown = None if exact_parts else tuple(rounded)
                yield _Parts(f"{owner_path}.{breakdown.field}", added, tolerance, shown)


def _stated_figure_findings(report: AnnualReport) -> Iterator[Finding]:
    for index, written in enumerate(report.stated.figures):
        path = f"stated.figures[{index}]"
        if written.qualifier:
            continue  # a bound, held against the figures by _qualified_findings
        exact, tolerance = written.exact, written.tolerance
        held = resolve(report, written.figure)
        if held is not None and abs(held - exact) > tolerance:
            yield _finding(
                "figure-mismatch",
                path,
                f"{written.figure}: the report writes {written.written}, the figure held is "
                f"{held}, more than {tolerance} away",
                f"{written.figure}：报告写作{written.written}，所存数据为{held}，"
                f"相差超过{tolerance}",
            )
        for parts in _written_parts(report, written):
            yield from _parts_findings(path, written, parts)


def _parts_findings(path: str, written: StatedFigure, parts: _Parts) -> Iterator[Finding]:
    """A figure written rounded held against one breakdown of it, within their precision."""
    exact, added, precision = written.exact, parts.added, written.tolerance + parts.tolerance
    gap = exact - added
    if abs(gap) <= precision:
        return
    if parts.written is not None:
        # Parts the report itself writes rounded are given at that precision: above the
        # total they are a figure to correct; below it the report may name only some of
        # them ("其中…"), and the gap is what it does not break down.
        unit, exact_gap = written.unit, _whole(abs(gap))
        shown, apart = _in_unit(added, unit, parts.written), _in_unit(abs(gap), unit, parts.written)
        same = apart == str(exact_gap)
        exactly = "" if same else f" ({exact_gap})"
        exactly_zh = "" if same else f"（{exact_gap}）"
        if gap > 0:
            yield _finding(
                "breakdown-short",
                path,
                f"{written.figure}: the report writes {written.written}, its parts {parts.name} "
                f"are written {shown} in all, {apart}{exactly} not broken down, "
                f"beyond the precision written ({_whole(precision)})",
                f"{written.figure}：报告写作{written.written}，分项{parts.name}合计写作{shown}，"
                f"{apart}{exactly_zh}未分项列明，超出其精度（{_whole(precision)}）",
            )
            return
        yield _finding(
            "figure-mismatch",
            path,
            f"{written.figure}: the report writes {written.written}, its parts {parts.name} "
            f"are written {shown} in all, {apart}{exactly} more, "
            f"beyond the precision written ({_whole(precision)})",
            f"{written.figure}：报告写作{written.written}，分项{parts.name}合计写作{shown}，"
            f"多{apart}{exactly_zh}，超出其精度（{_whole(precision)}）",
        )
    elif gap < 0:
        # Exact parts above the total are sure to be wrong ...
        yield _finding(
            "figure-mismatch",
            path,
            f"{written.figure}: the report writes {written.written}, its parts "
            f"{parts.name} add up to {added}, beyond the precision written ({precision})",
            f"{written.figure}：报告写作{written.written}，分项{parts.name}合计{added}，"
            f"超出其精度（{precision}）",
        )
    else:
        # ... exact parts below it may cover part of it, as for any total.
        yield _finding(
            "breakdown-short",
            path,
            f"{written.figure}: the report writes {written.written}, its parts "
            f"{parts.name} add up to {added} ({gap} not broken down)",
            f"{written.figure}：报告写作{written.written}，分项{parts.name}合计{added}"
            f"（{gap}未分项列明）",
        )


def _publication_findings(report: AnnualReport) -> Iterator[Finding]:
    published = report.published_on
    if published is None:
        return
    deadline = dt.date(report.year + 1, 1, 31)
    if published > deadline:
        yield _finding(
            "published-late",
            "published_on",
            f"published on {published}, after the deadline of {deadline}",
            f"发布日期{published}晚于{deadline}的公开期限",
        )
    elif published <= dt.date(report.year, 12, 31):
        yield _finding(
            "published-early",
            "published_on",
            f"published on {published}, before the year {report.year} ended",
            f"发布日期{published}早于{report.year}年结束",
        )


# Records -------------------------------------------------------------------------


def _ledger_findings(ledger: Ledger) -> Iterator[Finding]:
    roster: dict[str, Officer] = {}
    for index, officer in enumerate(ledger.officers):
        if officer.id in roster:
            yield _duplicate(f"officers[{index}]", officer.id, "officer")
        roster.setdefault(officer.id, officer)
    yield from _unit_findings(ledger)
    records = _RecordAudit(ledger.year, roster)
    for group in RECORD_GROUPS:
        for index, record in enumerate(getattr(ledger, group.field)):
            yield from records.check(f"{group.field}[{index}]", record, on_site=group.on_site)


def _unit_findings(ledger: Ledger) -> Iterator[Finding]:
    units: dict[str, str] = {}
    for path, _ in walk_units(ledger.units):
        key = path.rsplit(".", 1)[-1]
        if key in units:
            # An officer names a unit by its identifier: the summary counts the first.
            yield _finding(
                "duplicate-id",
                f"units.{path}",
                f"the unit at units.{units[key]} already has the identifier {key!r}: "
                "officers of it are counted there",
                f"单位编号{key!r}重复（已用于units.{units[key]}）：该单位的执法人员计入前者",
            )
        units.setdefault(key, path)
    for index, officer in enumerate(ledger.officers):
        if officer.unit not in units:
            yield _finding(
                "unknown-unit",
                f"officers[{index}].unit",
                f"officer {officer.id} works in unit {officer.unit!r}, which the ledger does not list",
                f"执法人员{officer.id}所在单位{officer.unit!r}不在单位名单中",
            )


@attrs.define
class _RecordAudit:
    """The record checks of one ledger, with what they remember between records."""

    year: int
    roster: Mapping[str, Officer]
    seen: set[str] = attrs.Factory(set)

    def check(self, path: str, record: Record, *, on_site: bool) -> Iterator[Finding]:
        yield from self._identifier(path, record.id)
        if record.date.year != self.year:
            yield _finding(
                "outside-year",
                path,
                f"{record.id} is dated {record.date}, outside {self.year}: it is not counted",
                f"{record.id}的日期{record.date}不在{self.year}年内，未计入统计",
            )
        officers = getattr(record, "officers", None)
        if officers is not None:
            yield from _officer_findings(path, record, officers, self.roster, on_site=on_site)
        year_end = dt.date(self.year, 12, 31)
        for number, hazard in enumerate(getattr(record, "hazards", ())):
            hazard_path = f"{path}.hazards[{number}]"
            yield from self._identifier(hazard_path, hazard.id)
            yield from _hazard_findings(hazard_path, hazard, year_end)

    def _identifier(self, path: str, identifier: str) -> Iterator[Finding]:
        if identifier in self.seen:
            yield _duplicate(path, identifier, "record")
        self.seen.add(identifier)


def _duplicate(path: str, identifier: str, what: str) -> Finding:
    what_zh = "执法人员" if what == "officer" else "记录"
    return _finding(
        "duplicate-id",
        path,
        f"another {what} already has the identifier {identifier!r}",
        f"{what_zh}编号{identifier!r}重复",
    )


def _officer_findings(
    path: str,
    action: Record,
    officers: tuple[str, ...],
    roster: Mapping[str, Officer],
    *,
    on_site: bool,
) -> Iterator[Finding]:
    record, day = action.id, action.date
    # Administrative Penalty Law art. 42, Administrative Coercion Law art. 18:
    # no fewer than two enforcement officers, each showing a valid certificate.
    if on_site and len(set(officers)) < 2:
        yield _finding(
            "too-few-officers",
            f"{path}.officers",
            f"{record} on {day} was carried out by {len(set(officers))} officer(s); at least two must take part",
            f"{record}（{day}）仅有{len(set(officers))}名执法人员参与，不得少于两人",
        )
    for number, officer_id in enumerate(officers):
        officer = roster.get(officer_id)
        where = f"{path}.officers[{number}]"
        if officer is None:
            yield _finding(
                "unknown-officer",
                where,
                f"{record} names officer {officer_id!r}, who is not on the roster",
                f"{record}所列执法人员{officer_id!r}不在执法人员名单中",
            )
        elif not officer.is_certified_on(day):
            yield _finding(
                "no-valid-certificate",
                where,
                f"officer {officer_id} held no certificate valid on {day}, the day of {record}",
                f"执法人员{officer_id}在{day}（{record}）无有效执法证件",
            )


def _hazard_findings(path: str, hazard: Hazard, end: dt.date) -> Iterator[Finding]:
    deadline = hazard.deadline
    if deadline is None:
        return
    if hazard.rectified_on is not None and hazard.rectified_on > deadline:
        yield _finding(
            "rectified-late",
            f"{path}.rectified_on",
            f"hazard {hazard.id} was rectified on {hazard.rectified_on}, after its deadline {deadline}",
            f"隐患{hazard.id}于{hazard.rectified_on}整改，超过整改期限{deadline}",
        )
    elif hazard.is_open_on(end) and deadline < end:
        yield _finding(
            "open-past-deadline",
            path,
            f"hazard {hazard.id} was still open at the year's end, past its deadline {deadline}",
            f"隐患{hazard.id}至年底仍未整改，已超过整改期限{deadline}",
        )


# What the report states in its own words -------------------------------------------


def _exact_stated(report: AnnualReport, path: str) -> int | Decimal | None:
    """The figure at ``path`` held or written rounded, never a bound ("2300余") nor derived."""
    written = report.stated.figure(path)
    if resolve(report, path) is None and written is not None and written.qualifier:
        return None
    return stated_figure(report, path)


def _plain_written(report: AnnualReport, path: str) -> StatedFigure | None:
    """The figure at ``path`` written rounded, not qualified: a bound is no part's value."""
    written = report.stated.figure(path)
    return None if written is None or written.qualifier else written


_BOUND_WORDS: Mapping[Bound, tuple[str, str]] = {
    Bound.MORE_THAN: ("above", "大于"),
    Bound.AT_LEAST: ("at least", "不小于"),
    Bound.LESS_THAN: ("below", "小于"),
    Bound.AT_MOST: ("at most", "不大于"),
}


def _breaks(bound: Bound, value: Decimal, counted: Any, *, exact: bool) -> bool:
    """Whether ``counted`` breaks the bound ``value``.

    A lower bound of the figure (``exact`` false: a sum of parts) can break only
    a bound from above.
    """
    if bound is Bound.LESS_THAN:
        return bool(counted >= value)
    if bound is Bound.AT_MOST:
        return bool(counted > value)
    if not exact:
        return False
    if bound is Bound.MORE_THAN:
        return bool(counted <= value)
    return bool(counted < value)


def _qualified_findings(report: AnnualReport) -> Iterator[Finding]:
    """Each figure written with a qualifier, as a bound, against the figure held or its parts.

    "2300余" says more than 2300: a figure held of 2300 or less breaks it. "不足10"
    says below 10: a figure held, or parts adding up, to 10 or more break it
    (parts are a lower bound of their total, so they can only break a bound from
    above). "约6.2" is held to the precision it is written with, as a warning.
    """
    for index, written in enumerate(report.stated.figures):
        bound = written.bound
        if bound is None:
            continue
        path = f"stated.figures[{index}]"
        held = resolve(report, written.figure)
        counted = held if held is not None else figure(report, written.figure)
        if counted is None:
            continue
        if bound is Bound.ABOUT:
            if held is not None and abs(held - written.exact) > written.tolerance:
                yield _finding(
                    "about-mismatch",
                    path,
                    f"{written.figure}: the report writes {written.written}, the figure held is "
                    f"{held}, more than {written.tolerance} away",
                    f"{written.figure}：报告写作{written.written}，所存数据为{held}，"
                    f"相差超过{written.tolerance}",
                )
            continue
        if _breaks(bound, written.exact, counted, exact=held is not None):
            english, chinese = _BOUND_WORDS[bound]
            how = "the figure held is" if held is not None else "its parts add up to at least"
            how_zh = "所存数据为" if held is not None else "分项合计至少为"
            yield _finding(
                "bound-broken",
                path,
                f"{written.figure}: the report writes {written.written} ({english} "
                f"{_plain(written.exact)}), {how} {counted}",
                f"{written.figure}：报告写作{written.written}（{chinese}{_plain(written.exact)}），"
                f"{how_zh}{counted}",
            )


def _own_figure_findings(report: AnnualReport) -> Iterator[Finding]:
    """Each figure of the report's own that says what it divides, against those figures.

    A ratio ("人均办案7件") is numerator ÷ denominator, a rate ("任务完成率108%")
    that in percent, rounded half up once to the places written; a qualified
    one is a bound on the exact quotient. A built-in rate named in the report's
    words ("隐患整改率") without its figures is held to the counts as ``rates`` is.
    """
    for index, own in enumerate(report.stated.own_figures):
        path = f"stated.own_figures[{index}]"
        if own.numerator is None or own.denominator is None:
            known = own.rate_name
            computed = exact_rate(report, known) if known is not None else None
            if computed is not None and not own.qualifier:
                percent = computed.percent(_places(own.value))
                if percent is not None and percent != own.value:
                    yield _own_mismatch(
                        path, own, percent, computed.numerator, computed.denominator
                    )
            continue
        numerator = _exact_stated(report, own.numerator)
        denominator = _exact_stated(report, own.denominator)
        if numerator is None or denominator is None:
            yield _finding(
                "rate-unverifiable",
                path,
                f"the report states {own.text} as {own.numerator} ÷ {own.denominator}, "
                "but not both figures exactly",
                f"报告称{own.text}，但未精确列明计算所需的数据",
            )
            continue
        if denominator == 0:
            yield _finding(
                "rate-mismatch",
                path,
                f"the report states {own.text}, but {own.denominator} is 0",
                f"报告称{own.text}，但分母为0，无法计算",
            )
            continue
        exact = Fraction(numerator) / Fraction(denominator) * (100 if own.is_rate else 1)
        scaled = exact / 10 ** FIGURE_UNITS[own.unit]
        bound = own.bound
        if bound is None or bound is Bound.ABOUT:
            rounded = round_half_up(scaled, _places(own.value))
            if rounded != own.value:
                yield _own_mismatch(path, own, rounded, numerator, denominator)
        elif _breaks(bound, own.value, scaled, exact=True):
            yield _own_mismatch(path, own, round_half_up(scaled, 4), numerator, denominator)


def _own_mismatch(
    path: str, own: OwnFigure, computed: Decimal, numerator: Any, denominator: Any
) -> Finding:
    shown = f"{_plain(computed)}{own.measure}"
    return _finding(
        "rate-mismatch",
        path,
        f"the report states {own.text}, the counts give {shown} ({numerator} ÷ {denominator})",
        f"报告称{own.text}，按{numerator}÷{denominator}计算应为{shown}",
    )


def _previous_range(change: StatedChange) -> tuple[Fraction, Fraction | None]:
    """The previous figures (exclusive low, inclusive high) that give the stated percent."""
    assert change.percent is not None  # noqa: S101  (the caller checks)
    size, percent = abs(Fraction(change.change)), abs(Fraction(change.percent))
    half = Fraction(5, 10 ** (_places(change.percent) + 1))
    # round_half_up(100·size/P) = percent  ⇔  percent − half ≤ 100·size/P < percent + half.
    low = 100 * size / (percent + half)
    high = 100 * size / (percent - half) if percent > half else None
    return low, high


def _change_forms_findings(report: AnnualReport) -> Iterator[Finding]:
    """A change written both ways ("增加150件，增幅为42.3%"): the two forms held together.

    The previous figure is the current one less the change, where the current
    one is held exactly; else the previous the report states; else, without
    either, some previous figure (a whole count, or money to the fen) must give
    both forms: 150 ÷ 42.3% is 354.6, and 355 gives 42.25…%, which is 42.3%.
    """
    for index, change in enumerate(report.stated.changes):
        if change.percent is None or change.change == 0:
            continue
        path = f"stated.changes[{index}]"
        current = _exact_stated(report, change.figure)
        previous: Any = change.previous
        if previous is None and current is not None:
            previous = current - change.change
        if previous is not None:
            if previous <= 0:
                given = "undefined (no previous figure above 0)"
            else:
                computed = round_half_up(
                    Fraction(change.change) / Fraction(previous) * 100, _places(change.percent)
                )
                if computed == change.percent:
                    continue
                given = f"{computed}%"
            yield _finding(
                "change-forms-disagree",
                path,
                f"{change.figure}: the report states a change of {change.change} and of "
                f"{change.percent}%, from {previous} the change gives {given}",
                f"{change.figure}：报告称变化{change.change}、{change.percent}%，"
                f"按上年{previous}计算为{given}",
            )
            continue
        money = figure_type(AnnualReport, change.figure) is Decimal
        step = Fraction(1, 100) if money else Fraction(1)
        low, high = _previous_range(change)
        smallest = (low // step + 1) * step
        if change.change < 0:
            # A fall of 150 is from 150 or more.
            smallest = max(smallest, abs(Fraction(change.change)))
        if high is None or smallest <= high:
            continue
        yield _finding(
            "change-forms-disagree",
            path,
            f"{change.figure}: the report states a change of {change.change} and of "
            f"{change.percent}%, which no previous figure gives (it would lie above "
            f"{round_half_up(low, 2)} and at most {round_half_up(high, 2)})",
            f"{change.figure}：报告称变化{change.change}、{change.percent}%，"
            f"没有一个上年数字同时符合两者（应大于{round_half_up(low, 2)}且不大于"
            f"{round_half_up(high, 2)}）",
        )


def _heaviest_sanction_findings(report: AnnualReport) -> Iterator[Finding]:
    """Sanctions counted under a case's heaviest type only: no more of them than cases."""
    penalty = report.penalty
    if (
        penalty is None
        or not penalty.by_sanction
        or report.conventions.sanction_counting is not SanctionCounting.HEAVIEST
    ):
        return
    cases = _exact_stated(report, "penalty.cases")
    tallied = sum(penalty.by_sanction.values())
    if cases is not None and tallied > cases:
        yield _finding(
            "sanctions-above-cases",
            "penalty.by_sanction",
            f"{tallied} sanctions for {cases} cases, counted under each case's heaviest type "
            "only (conventions.sanction_counting): a case is counted once",
            f"处罚种类合计{tallied}，多于案件{cases}件；本报告每件案件只按最重的处罚种类计一次",
        )


def _cut_off_findings(report: AnnualReport) -> Iterator[Finding]:
    cut_off = report.stated.cut_off
    if cut_off is None:
        return
    if cut_off.year != report.year:
        yield _finding(
            "cut-off-outside-year",
            "stated.cut_off",
            f"the figures are counted to {cut_off}, outside the year {report.year}",
            f"数据统计截至{cut_off}，不在{report.year}年度内",
        )
    elif report.published_on is not None and report.published_on < cut_off:
        yield _finding(
            "cut-off-outside-year",
            "stated.cut_off",
            f"the figures are counted to {cut_off}, after publication on {report.published_on}",
            f"数据统计截至{cut_off}，晚于发布日期{report.published_on}",
        )
