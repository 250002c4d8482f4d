"""Breakdowns with open keys: Dimension and Part, their checks, audit, roll-up, paths, renderers."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import jsonschema
import pytest
from hypothesis import given

import enforcement_core as ec
from enforcement_core import labels
from enforcement_core._paths import check_figure_path, figures, resolve
from enforcement_core._paths_zh import path_zh
from enforcement_core.dimensions import Coverage, Dimension, HazardGrade, Part
from enforcement_core.numbers_zh import format_amount
from enforcement_core.report import Stated, StatedFigure
from enforcement_core.schema import load_schema
from strategies import (
    parts_written_as_labels,
    reports_with_dimensions,
    reports_with_qualified_parts,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

BODY = ec.body.EnforcementBody(name="示例县应急管理局", level=ec.body.BodyLevel.COUNTY_DEPARTMENT)


def report(**fields: object) -> ec.AnnualReport:
    return ec.AnnualReport(body=BODY, year=2024, published_on=dt.date(2025, 1, 20), **fields)


def penalty(cases: int | None = 10, fines: str | None = None, **dimensions: Dimension) -> object:
    return ec.figures.PenaltyFigures(
        cases=cases, fines=None if fines is None else Decimal(fines), dimensions=dimensions
    )


def parts(*counts: int | None, coverage: Coverage = Coverage.PARTIAL) -> Dimension:
    return Dimension(
        coverage=coverage, parts={f"第{i}类": Part(count=n) for i, n in enumerate(counts)}
    )


def codes(source: ec.AnnualReport) -> list[tuple[str, str]]:
    return [(f.code, f.path) for f in ec.audit(source)]


class TestPartsWithinTheirTotal:
    def test_parts_up_to_the_total_are_held(self):
        """Parts adding up to exactly the total are held."""
        assert 10 == sum(
            p.count for p in penalty(10, kind=parts(4, 6)).dimensions["kind"].parts.values()
        )

    def test_parts_above_the_total_are_refused_with_the_dimensions_path(self):
        """Parts adding up to one more than the total: refused, naming the dimension."""
        with pytest.raises(
            ec.InvariantError,
            match=r"PenaltyFigures.dimensions.kind: the parts add up to 11, above cases 10",
        ):
            penalty(10, kind=parts(5, 6))

    def test_amounts_above_the_fines_are_refused(self):
        """The parts' amounts add up to no more than the fines; equal is held."""
        money = Dimension(parts={"a": Part(amount=Decimal(60)), "b": Part(amount=Decimal(40))})
        assert penalty(None, "100", party=money) is not None
        with pytest.raises(ec.InvariantError, match="amounts add up to 100, above fines 99"):
            penalty(None, "99", party=money)

    def test_a_dimensions_own_total_comes_first(self):
        """A dimension with its own total is held against it, not against the holder's."""
        assert penalty(3, kind=Dimension(total=30, parts={"a": Part(count=30)})) is not None
        with pytest.raises(ec.InvariantError, match="above total 30"):
            penalty(100, kind=Dimension(total=30, parts={"a": Part(count=31)}))

    def test_workforce_dimensions_are_held_against_their_own_total_only(self):
        """Staff by source are not a breakdown of the certified officers: only their total binds."""
        source = Dimension(total=25, parts={"seconded": Part(count=12), "borrowed": Part(count=13)})
        assert ec.workforce.WorkforceFigures(certified=3, dimensions={"source": source}) is not None
        with pytest.raises(ec.InvariantError, match="above total 24"):
            ec.workforce.WorkforceFigures(
                dimensions={"source": Dimension(total=24, parts=source.parts)}
            )

    def test_nested_parts_within_their_part(self):
        """对个人 within 事故处罚: up to its count is held, one more is refused."""
        inner = {"对个人": Part(count=2), "对生产经营单位": Part(count=4)}
        assert Part(count=6, dimensions={"party": Dimension(parts=inner)}) is not None
        with pytest.raises(ec.InvariantError, match=r"Part.dimensions.party: .*above count 5"):
            Part(count=5, dimensions={"party": Dimension(parts=inner)})

    def test_unknown_parts_are_left_out_never_zero(self):
        """A part not stated adds nothing, and is not 0: it stays None."""
        held = penalty(10, kind=parts(None, 10))
        assert [None, 10] == [p.count for p in held.dimensions["kind"].parts.values()]
        assert ("dimensions.kind.parts.第0类.count", None) not in list(figures(held))

    def test_hazards_by_grade(self):
        """重大隐患 among the hazards found: up to found is held, above is refused."""
        major = {HazardGrade.MAJOR.value: Part(count=12)}
        grade = Dimension(coverage=Coverage.SUBSET, parts=major)
        assert (
            12
            == ec.figures.HazardFigures(found=12, dimensions={"grade": grade})
            .dimensions["grade"]
            .parts["major"]
            .count
        )
        with pytest.raises(ec.InvariantError, match="above found 11"):
            ec.figures.HazardFigures(found=11, dimensions={"grade": grade})


class TestKeysAndWords:
    def test_a_key_may_not_hold_a_dot(self):
        """Keys are path steps: one with a dot (or white space) is refused."""
        with pytest.raises(ec.InvariantError, match=r"Dimension.parts.a\.b"):
            Dimension(parts={"a.b": Part(count=1)})
        with pytest.raises(ec.InvariantError):
            Dimension(parts={"对 个人": Part(count=1)})

    def test_the_reports_words_are_held_as_keys(self):
        """Any other key is the report's own words, in its order."""
        words = ["《中华人民共和国广告法》", "加油站点", "A级旅游景区"]
        held = Dimension(parts={w: Part(count=1) for w in words})
        assert words == list(held.parts)

    @pytest.mark.parametrize("measure", ["件", "家次", "平方公里", ""])
    def test_measure_words_as_written(self, measure):
        """A measure word of up to four characters, or none (the holder's own)."""
        assert measure == Part(count=1, measure=measure).measure

    @pytest.mark.parametrize("measure", ["12件", " 件", "非常长的量词"])
    def test_a_number_or_a_sentence_is_no_measure_word(self, measure):
        """A measure word holds no digit, no outer space, at most four characters."""
        with pytest.raises(ec.InvariantError, match="measure word"):
            Part(count=1, measure=measure)

    def test_a_part_holds_dimensions_only(self):
        """A part's breakdowns are Dimensions, not bare mappings."""
        with pytest.raises(ec.InvariantError, match="must be a Dimension"):
            Part(count=1, dimensions={"party": {"a": 1}})  # type: ignore[dict-item]


class TestJson:
    def test_round_trip_keeps_order_words_and_nesting(self):
        """Dumped and loaded: equal, parts in the report's order, nested parts kept."""
        held = report(
            penalty=penalty(
                6,
                "430000",
                kind=Dimension(
                    label="按处罚类别分",
                    parts={
                        "事故处罚": Part(
                            count=6,
                            amount=Decimal(430000),
                            dimensions={
                                "party": Dimension(
                                    parts={"natural_person": Part(label="对个人", count=2)}
                                )
                            },
                        )
                    },
                ),
            )
        )
        loaded = ec.load_json(ec.dump_json(held))
        assert held == loaded
        accident = loaded.penalty.dimensions["kind"].parts["事故处罚"]
        assert "对个人" == accident.dimensions["party"].parts["natural_person"].label

    def test_a_load_error_names_the_parts_path(self):
        """A refused part is reported at its JSON path, with every problem at once."""
        document = json.loads(ec.dump_json(report(penalty=penalty(10, kind=parts(3, 4)))))
        parts_of = document["penalty"]["dimensions"]["kind"]["parts"]
        parts_of["第0类"]["count"] = -1
        parts_of["第1类"]["measure"] = "1件"
        with pytest.raises(ec.LoadError) as caught:
            ec.load_json(json.dumps(document, ensure_ascii=False))
        paths = [p.path for p in caught.value.problems]
        assert "penalty.dimensions.kind.parts.第0类.count" in paths
        assert "penalty.dimensions.kind.parts.第1类.measure" in paths

    def test_unknown_coverage_is_refused(self):
        """Coverage is partial, complete or subset."""
        document = json.loads(ec.dump_json(report(penalty=penalty(10, kind=parts(3)))))
        document["penalty"]["dimensions"]["kind"]["coverage"] = "whole"
        with pytest.raises(ec.LoadError, match="coverage"):
            ec.load_json(json.dumps(document, ensure_ascii=False))


class TestPaths:
    @pytest.mark.parametrize(
        "path",
        [
            "penalty.dimensions.party.parts.对个人.count",
            "penalty.dimensions.kind.parts.事故处罚.dimensions.party.parts.对个人.amount",
            "inspection.hazards.dimensions.grade.parts.major.count",
            "workforce.dimensions.source.total",
        ],
    )
    def test_open_keys_have_figure_paths(self, path):
        """A part of an open dimension, and a nested part, is a figure path."""
        assert check_figure_path(ec.AnnualReport, path) is None

    def test_a_dimension_is_not_a_figure(self):
        """The dimension itself, or a part, is not a figure."""
        assert (
            check_figure_path(ec.AnnualReport, "penalty.dimensions.party.parts.对个人") is not None
        )

    def test_paths_said_in_chinese(self):
        """A known dimension by its Chinese name, the report's words as written."""
        assert "行政处罚·按当事人·对个人·次数" == path_zh(
            "penalty.dimensions.party.parts.对个人.count"
        )


class TestAudit:
    def test_a_partial_breakdown_short_of_its_total_is_a_warning(self):
        """4 + 5 of 10, partial: breakdown-short; 4 + 6: nothing."""
        assert [("breakdown-short", "penalty.dimensions.kind")] == codes(
            report(penalty=penalty(10, kind=parts(4, 5)))
        )
        assert [] == codes(report(penalty=penalty(10, kind=parts(4, 6))))

    def test_a_complete_breakdown_short_of_its_total_is_an_error(self):
        """Declared complete, 4 + 5 of 10: dimension-incomplete (error); 4 + 6: nothing."""
        short = report(penalty=penalty(10, kind=parts(4, 5, coverage=Coverage.COMPLETE)))
        [finding] = ec.audit(short)
        assert ("dimension-incomplete", "penalty.dimensions.kind", ec.findings.Severity.ERROR) == (
            finding.code,
            finding.path,
            finding.severity,
        )
        assert "1 missing" in finding.message
        assert [] == codes(
            report(penalty=penalty(10, kind=parts(4, 6, coverage=Coverage.COMPLETE)))
        )

    def test_a_complete_breakdown_with_an_unknown_part_is_only_a_warning(self):
        """A part not stated may hold the rest: a warning, not an error."""
        unknown = report(penalty=penalty(10, kind=parts(4, None, coverage=Coverage.COMPLETE)))
        assert [("breakdown-short", "penalty.dimensions.kind")] == codes(unknown)

    def test_a_subset_is_never_short(self):
        """重大隐患 3 of 615 hazards: no finding."""
        grade = Dimension(coverage=Coverage.SUBSET, parts={"major": Part(count=3)})
        hazards = ec.figures.HazardFigures(found=615, dimensions={"grade": grade})
        assert [] == codes(report(inspection=ec.figures.InspectionFigures(hazards=hazards)))

    def test_nested_parts_are_audited_against_their_part(self):
        """对个人 2 of 事故处罚 6, declared complete: an error at the nested dimension."""
        inner = Dimension(coverage=Coverage.COMPLETE, parts={"对个人": Part(count=2)})
        kind = Dimension(parts={"事故处罚": Part(count=6, dimensions={"party": inner})})
        assert [
            ("dimension-incomplete", "penalty.dimensions.kind.parts.事故处罚.dimensions.party")
        ] == codes(report(penalty=penalty(6, kind=kind)))

    def test_amounts_short_of_the_fines(self):
        """Amounts that fall short of the fines are a finding of their own."""
        money = Dimension(parts={"a": Part(amount=Decimal(60))})
        [finding] = ec.audit(report(penalty=penalty(None, "100", party=money)))
        assert "breakdown-short" == finding.code
        assert "(40 not broken down)" in finding.message

    def test_each_dimension_is_audited_apart(self):
        """Two dimensions of one total: each held against it on its own."""
        held = report(penalty=penalty(10, kind=parts(4, 6), party=parts(3)))
        assert [("breakdown-short", "penalty.dimensions.party")] == codes(held)


class TestRollup:
    def roll(self, *dimensions: Dimension) -> Dimension:
        reports = [report(penalty=penalty(None, kind=d)) for d in dimensions]
        rolled = ec.rollup(reports, body=BODY)
        return rolled.penalty.dimensions["kind"]

    def test_the_same_key_adds_and_other_keys_stay_apart(self):
        """网吧 adds to 网吧; 对个人 (the report's words) never becomes natural_person."""
        a = Dimension(parts={"网吧": Part(count=3), "对个人": Part(count=1)})
        b = Dimension(parts={"网吧": Part(count=4), "natural_person": Part(count=2)})
        rolled = self.roll(a, b)
        assert {"网吧": 7, "对个人": 1, "natural_person": 2} == {
            k: p.count for k, p in rolled.parts.items()
        }

    def test_unknown_in_one_report_is_unknown_in_the_sum(self):
        """A part nobody stated exactly in one report is not summed as 0."""
        rolled = self.roll(
            Dimension(parts={"网吧": Part(count=3)}), Dimension(parts={"网吧": Part()})
        )
        assert rolled.parts["网吧"].count is None

    def test_a_roll_up_never_claims_completeness(self):
        """Complete in every report, partial in the roll-up; a subset stays a subset."""
        complete = Dimension(coverage=Coverage.COMPLETE, parts={"a": Part(count=1)})
        assert Coverage.PARTIAL is self.roll(complete, complete).coverage
        subset = Dimension(coverage=Coverage.SUBSET, parts={"a": Part(count=1)})
        assert Coverage.SUBSET is self.roll(subset, subset).coverage
        assert Coverage.PARTIAL is self.roll(subset, complete).coverage


class TestRenderers:
    def test_an_unknown_part_is_never_written_as_zero(self):
        """A part with no figure is named, with no 0 after it, in zh and text."""
        held = report(
            penalty=penalty(
                10, kind=Dimension(parts={"一般处罚": Part(), "事故处罚": Part(count=6)})
            )
        )
        text = ec.render(held, "zh")
        assert "一般处罚、事故处罚6件" in text
        assert "一般处罚0" not in text
        [line] = [line for line in ec.render(held, "text").splitlines() if "一般处罚" in line]
        assert "一般处罚" == line.strip()

    def test_a_part_written_only_as_stated_is_written_as_stated(self):
        """The slot for qualified parts: no exact count, a figure as written at the part's path."""
        path = "inspection.dimensions.subject.parts.网吧.count"
        held = report(
            inspection=ec.figures.InspectionFigures(
                dimensions={"subject": Dimension(parts={"网吧": Part()})}
            ),
            stated=Stated(figures=(StatedFigure(figure=path, value=Decimal("0.23"), unit="万"),)),
        )
        assert "网吧0.23万家次" in ec.render(held, "zh")
        assert "网吧 0.23万 家次" in " ".join(ec.render(held, "text").split())

    @pytest.mark.parametrize(
        ("qualifier", "own", "dimension_measure", "expected"),
        [
            ("余", "", "", "对个人300余件"),
            ("不足", "起", "", "对个人不足10起"),
            ("余", "", "宗", "对个人300余宗"),
            ("余", "起", "宗", "对个人300余起"),
            ("以上", "", "家", "对个人300家以上"),
        ],
    )
    def test_a_qualified_nested_part_is_written_once_with_one_measure_word(
        self, qualifier, own, dimension_measure, expected
    ):
        """A nested part known only as a bound: its qualifier, one measure word (its own first)."""
        value = Decimal(10) if qualifier == "不足" else Decimal(300)
        path = "penalty.dimensions.kind.parts.事故处罚.dimensions.party.parts.对个人.count"
        party = Dimension(measure=dimension_measure, parts={"对个人": Part()})
        kind = Dimension(parts={"事故处罚": Part(count=400, dimensions={"party": party})})
        written = StatedFigure(figure=path, value=value, qualifier=qualifier, measure=own)
        held = report(
            penalty=ec.figures.PenaltyFigures(cases=400, dimensions={"kind": kind}),
            stated=Stated(figures=(written,)),
        )
        assert expected in ec.render(held, "zh")
        # text sets the measure word in a column of its own; a qualifier after it stays.
        assert expected in "".join(ec.render(held, "text").split())
        assert ec.load_json(ec.dump_json(held)) == held
        # The bound is no value: no part of it is summed or published as exact.
        assert resolve(held, path) is None

    @pytest.mark.parametrize(
        ("value", "unit", "written"),
        [
            (Decimal("46.6"), "万元", "对个人罚款46.6万元"),
            # Finer than the fen: capitals would have raised; as written, it is written.
            (Decimal("1.2345678"), "万元", "对个人罚款1.2345678万元"),
        ],
    )
    def test_a_part_amount_known_only_as_written_has_no_capitals(self, value, unit, written):
        """A part's amount written as a rounded figure is not stated exactly in capitals."""
        path = "penalty.dimensions.party.parts.对个人.amount"
        party = Dimension(parts={"对个人": Part(count=None)})
        held = report(
            penalty=penalty(10, party=party),
            stated=Stated(figures=(StatedFigure(figure=path, value=value, unit=unit),)),
        )
        text = ec.render(held, "zh", capitals=True)
        assert written in text
        assert f"{written}（" not in text
        # Held exactly, the part's amount has its capitals beside the figure as written.
        exact = report(
            penalty=penalty(10, party=Dimension(parts={"对个人": Part(amount=Decimal(466000))})),
            stated=Stated(figures=(StatedFigure(figure=path, value=value, unit=unit),)),
        )
        assert f"{written}（人民币肆拾陆万陆仟元整）" in ec.render(exact, "zh", capitals=True)

    def test_the_parts_own_measure_word(self):
        """A part's measure word first, then its dimension's, then the holder's (家次)."""
        subject = Dimension(
            measure="家", parts={"网吧": Part(count=3), "旅馆": Part(count=2, measure="户")}
        )
        held = report(
            inspection=ec.figures.InspectionFigures(
                dimensions={"subject": subject, "area": parts(4)}
            )
        )
        text = ec.render(held, "zh")
        assert "网吧3家、旅馆2户" in text
        assert "第0类4家次" in text

    def test_known_keys_in_the_vocabularys_words(self):
        """A known key without words of the report's is written in the vocabulary's label."""
        party = Dimension(parts={"natural_person": Part(count=2), "enterprise": Part(count=3)})
        assert "按当事人分，个人2件、企业3件" in ec.render(
            report(penalty=penalty(5, party=party)), "zh"
        )
        english = ec.render(report(penalty=penalty(5, party=party)), "text", locale="en")
        assert "natural persons" in english


# Properties ---------------------------------------------------------------------------

#: The holders of dimensions, their paths and the measure word of their counts.
SCHEMA = jsonschema.Draft202012Validator(
    load_schema("annual_report"), format_checker=jsonschema.FormatChecker()
)
HOLDERS = (
    ("workforce", "workforce", "名"),
    ("inspection", "inspection", "家次"),
    ("hazards", "inspection.hazards", "条"),
    ("penalty", "penalty", "件"),
)
KNOWN = {
    "penalty": {
        "domain": ec.actions.Domain,
        "party": ec.actions.PartyKind,
        "procedure": ec.actions.Procedure,
    },
    "inspection": {"area": ec.actions.InspectionArea, "domain": ec.actions.Domain},
    "hazards": {"grade": ec.dimensions.HazardGrade},
    "workforce": {
        "source": ec.dimensions.StaffSource,
        "certificate": ec.dimensions.CertificateStatus,
    },
}


def holder_of(held: ec.AnnualReport, path: str) -> Any:
    return resolve(held, path)


def every_part(
    dimensions: Mapping[str, Dimension], path: str, known: Mapping[str, Any]
) -> Iterator[tuple[str, str, Dimension, str, Part, str]]:
    """Each dimension's path and name, the dimension, and each part's key, part and words."""
    for name, dimension in dimensions.items():
        where = f"{path}.dimensions.{name}"
        for key, part in dimension.parts.items():
            vocabulary = known.get(name)
            words = part.label or (
                labels.labels_of(vocabulary).get(key, key) if vocabulary else key
            )
            yield where, name, dimension, key, part, words
            yield from every_part(part.dimensions, f"{where}.parts.{key}", known)


def expected_findings(held: ec.AnnualReport) -> set[tuple[str, str]]:
    """The audit's findings about dimensions, worked out here from the parts and totals."""
    found = set()
    for holder, path, _ in HOLDERS:
        obj = holder_of(held, path)
        tops = {
            "count": {"penalty": "cases", "inspection": "visits", "hazards": "found"}.get(holder),
            "amount": "fines" if holder == "penalty" else None,
        }

        def visit(dimensions: Mapping[str, Dimension], at: str, totals: dict[str, Any]) -> None:
            for name, dimension in dimensions.items():
                where = f"{at}.dimensions.{name}"
                for figure in ("count", "amount"):
                    total = (
                        dimension.total
                        if figure == "count" and dimension.total is not None
                        else totals[figure]
                    )
                    stated = [getattr(p, figure) for p in dimension.parts.values()]
                    known_ = [v for v in stated if v is not None]
                    if dimension.coverage is Coverage.SUBSET or total is None or not known_:
                        continue
                    if sum(known_) < total:
                        complete = dimension.coverage is Coverage.COMPLETE and len(known_) == len(
                            stated
                        )
                        found.add(
                            ("dimension-incomplete" if complete else "breakdown-short", where)
                        )
                for key, part in dimension.parts.items():
                    visit(
                        part.dimensions,
                        f"{where}.parts.{key}",
                        {"count": part.count, "amount": part.amount},
                    )

        visit(
            obj.dimensions,
            path,
            {figure: None if name is None else getattr(obj, name) for figure, name in tops.items()},
        )
    return found


class TestProperties:
    @given(held=reports_with_dimensions)
    def test_round_trip_keeps_every_part_in_order(self, held):
        """Dumped and loaded: equal, with every dimension's parts in the report's order."""
        loaded = ec.load_json(ec.dump_json(held))
        assert held == loaded
        for holder, path, _ in HOLDERS:
            before = list(every_part(holder_of(held, path).dimensions, path, KNOWN[holder]))
            after = list(every_part(holder_of(loaded, path).dimensions, path, KNOWN[holder]))
            assert [(w, k) for w, _, _, k, _, _ in before] == [(w, k) for w, _, _, k, _, _ in after]

    @given(held=reports_with_dimensions)
    def test_every_held_part_is_written_in_zh_and_text(self, held):
        """Each part's count, in its words and measure word, is in zh and text; its money too.

        (zh says a category whose every figure is 0 in words, "全年未开展行政检查", as it
        does for every other figure of it; text writes each row.)
        """
        zh = ec.render(held, "zh")
        text = " ".join(ec.render(held, "text").split())
        for holder, path, default in HOLDERS:
            category = path.split(".")[0]
            in_words = category != "workforce" and not any(
                value for _, value in figures(getattr(held, category))
            )
            for _, _, dimension, _, part, words in every_part(
                holder_of(held, path).dimensions, path, KNOWN[holder]
            ):
                assert words in text, words
                if in_words:
                    continue
                assert words in zh, words
                if part.count is None:
                    continue
                measure = part.measure or dimension.measure or default
                assert f"{words}{part.count}{measure}" in zh
                assert f"{words} {part.count:,} {measure}" in text
                if part.amount is not None:
                    assert format_amount(part.amount, unit="元") in zh

    @given(held=reports_with_qualified_parts)
    def test_a_part_written_only_as_a_bound_comes_back_as_written(self, held):
        """Round-trip, schema, and each bound in zh and text with its qualifier and measure word.

        The bound is never a value: the part's count stays unknown, and the audit of parts
        against totals is the same as without it.
        """
        assert ec.load_json(ec.dump_json(held)) == held
        assert [] == [e.message for e in SCHEMA.iter_errors(json.loads(ec.dump_json(held)))]
        zh = ec.render(held, "zh")
        text = " ".join(ec.render(held, "text").split())
        for written in held.stated.figures:
            holder, default = next(
                (h, d)
                for h, p, d in sorted(HOLDERS, key=lambda h: -len(h[1]))
                if written.figure.startswith(p + ".dimensions.")
            )
            path = written.figure.removesuffix(".count")
            where, key = path.rsplit(".parts.", 1)
            dimension = resolve(held, where)
            part = dimension.parts[key]
            measure = written.measure or part.measure or dimension.measure or default
            category = written.figure.split(".")[0]
            words = next(
                w
                for _, _, _, k, p, w in every_part(
                    holder_of(held, next(h[1] for h in HOLDERS if h[0] == holder)).dimensions,
                    next(h[1] for h in HOLDERS if h[0] == holder),
                    KNOWN[holder],
                )
                if p is part and k == key
            )
            assert resolve(held, written.figure) is None
            # text sets the measure word in a column of its own: compare without the spaces.
            assert f"{words}{written.phrase(measure)}" in "".join(text.split())
            in_words = category != "workforce" and not any(
                value for _, value in figures(getattr(held, category))
            )
            if not in_words:
                assert f"{words}{written.phrase(measure)}" in zh
        assert expected_findings(held) == {
            (f.code, f.path)
            for f in ec.audit(held)
            if f.code in {"breakdown-short", "dimension-incomplete"} and ".dimensions." in f.path
        }

    @given(held=reports_with_dimensions)
    def test_parts_against_totals_per_dimension(self, held):
        """The audit finds a dimension short of its total exactly where it is, and by its coverage."""
        codes_ = {"breakdown-short", "dimension-incomplete"}
        found = {
            (f.code, f.path)
            for f in ec.audit(held)
            if f.code in codes_ and ".dimensions." in f.path
        }
        assert expected_findings(held) == found


class TestClosedFieldsAsDimensions:
    def test_the_closed_fields_are_the_known_keys_of_their_dimensions(self):
        """by_domain and by_procedure with fines_by_procedure read as dimensions with known keys."""
        held = ec.figures.PenaltyFigures(
            cases=10,
            fines=Decimal(500),
            by_domain={
                ec.actions.Domain.TRAFFIC: ec.figures.DomainPenalties(cases=6, fines=Decimal(300))
            },
            by_procedure={ec.actions.Procedure.SIMPLE: 4},
            fines_by_procedure={ec.actions.Procedure.SIMPLE: Decimal(200)},
            dimensions={"party": parts(3)},
        )
        read = ec.dimensions.as_dimensions(held)
        assert ["domain", "procedure", "party"] == list(read)
        assert (6, Decimal(300)) == (
            read["domain"].parts["traffic"].count,
            read["domain"].parts["traffic"].amount,
        )
        assert (4, Decimal(200)) == (
            read["procedure"].parts["simple"].count,
            read["procedure"].parts["simple"].amount,
        )

    def test_a_breakdown_is_held_in_one_place(self):
        """A domain dimension beside a stated by_domain is refused; beside an empty one it is held."""
        domain = Dimension(parts={"治安管理": Part(count=2)})
        assert ec.figures.PenaltyFigures(dimensions={"domain": domain}) is not None
        with pytest.raises(ec.InvariantError, match="held in by_domain already"):
            ec.figures.PenaltyFigures(
                by_domain={ec.actions.Domain.TRAFFIC: ec.figures.DomainPenalties(cases=3)},
                dimensions={"domain": domain},
            )
        with pytest.raises(ec.InvariantError, match="held in fines_by_procedure already"):
            ec.figures.PenaltyFigures(
                fines_by_procedure={ec.actions.Procedure.SIMPLE: Decimal(1)},
                dimensions={"procedure": parts(1)},
            )

    def test_an_unknown_dimension_name_never_clashes(self):
        """Only the closed field's own dimension name is refused beside it."""
        held = ec.figures.PenaltyFigures(
            by_domain={ec.actions.Domain.TRAFFIC: ec.figures.DomainPenalties(cases=3)},
            dimensions={"按领域": parts(1)},
        )
        assert ["domain", "按领域"] == list(ec.dimensions.as_dimensions(held))


class TestKnownLabelsAsKeys:
    """A key written as a label of a known value is that value, wherever it is built."""

    @pytest.mark.parametrize(
        ("holder", "name", "written", "key", "words"),
        [
            ("penalty", "domain", "安全生产", "work_safety", ""),
            ("penalty", "domain", "交通运输", "traffic", "交通运输"),
            ("penalty", "party", "对个人", "natural_person", "对个人"),
            ("penalty", "party", "自然人", "natural_person", "自然人"),
            ("penalty", "party", "个人", "natural_person", ""),
            ("penalty", "party", "对企业", "enterprise", "对企业"),
            ("hazards", "grade", "重大隐患", "major", ""),
            ("inspection", "domain", "安全生产", "work_safety", ""),
            ("workforce", "source", "派驻", "seconded", ""),
            ("workforce", "certificate", "待考证", "awaiting_exam", ""),
        ],
    )
    def test_a_label_is_read_as_its_key_keeping_the_reports_words(
        self, holder, name, written, key, words
    ):
        """Keyed by the canonical key, in the same place; the report's words kept where they differ."""
        dimension = Dimension(parts={"其余": Part(count=1), written: Part(count=2)})
        held = _holder(holder, name, dimension).dimensions[name]
        assert ["其余", key] == list(held.parts)
        assert words == held.parts[key].label
        assert 2 == held.parts[key].count

    @pytest.mark.parametrize(
        ("name", "written"),
        [
            ("party", "对生产经营单位"),
            ("party", "对外"),
            ("domain", "网吧"),
            ("domain", "安全"),
            ("kind", "安全生产"),  # a label, in a dimension with no vocabulary
            ("statute", "对个人"),
        ],
    )
    def test_a_value_that_is_no_label_stays_as_written(self, name, written):
        """No near match, no guess: what names no value of the dimension's vocabulary is kept."""
        held = _holder("penalty", name, Dimension(parts={written: Part(count=2)}))
        assert [written] == list(held.dimensions[name].parts)
        assert "" == held.dimensions[name].parts[written].label

    def test_the_parts_own_label_is_kept(self):
        """A part that gives its own words keeps them; only its key changes."""
        party = Dimension(parts={"个人": Part(count=2, label="对自然人")})
        held = _holder("penalty", "party", party).dimensions["party"]
        assert {"natural_person": "对自然人"} == {k: p.label for k, p in held.parts.items()}

    def test_nested_parts_are_read_with_the_holders_vocabularies(self):
        """对个人 within 事故处罚 is natural_person too; 事故处罚 (no vocabulary) stays."""
        party = Dimension(parts={"对个人": Part(count=2)})
        kind = Dimension(parts={"事故处罚": Part(count=4, dimensions={"party": party})})
        held = _holder("penalty", "kind", kind).dimensions["kind"]
        nested = held.parts["事故处罚"].dimensions["party"]
        assert ["natural_person"] == list(nested.parts)
        assert "对个人" == nested.parts["natural_person"].label

    def test_two_parts_naming_one_value_are_refused(self):
        """安全生产 beside work_safety would be one part twice: refused, naming both."""
        domain = Dimension(parts={"安全生产": Part(count=1), "work_safety": Part(count=2)})
        with pytest.raises(ec.InvariantError, match="'安全生产' and 'work_safety' of domain"):
            _holder("penalty", "domain", domain)
        nested = Dimension(parts={"对个人": Part(count=1), "自然人": Part(count=1)})
        kind = Dimension(parts={"事故处罚": Part(count=4, dimensions={"party": nested})})
        with pytest.raises(ec.InvariantError, match="'对个人' and '自然人' of party"):
            _holder("penalty", "kind", kind)

    def test_from_json_with_stated_figures_and_conventions_following_the_part(self):
        """A document keyed by the report's words loads keyed by the value; paths follow it."""
        at = "penalty.dimensions.party.parts.{}.count"
        document = {
            "schema_version": 1,
            "document": "annual_report",
            "body": {"name": BODY.name, "level": "county_department"},
            "year": 2024,
            "penalty": {
                "cases": 400,
                "dimensions": {
                    "party": {"parts": {"对生产经营单位": {"count": 100}, "对个人": {}}}
                },
            },
            "stated": {
                "figures": [{"figure": at.format("对个人"), "value": "300", "qualifier": "余"}]
            },
            "conventions": {"measure_words": {at.format("对个人"): "起"}},
        }
        loaded = ec.load_json(json.dumps(document, ensure_ascii=False))
        party = loaded.penalty.dimensions["party"]
        assert ["对生产经营单位", "natural_person"] == list(party.parts)
        assert "对个人" == party.parts["natural_person"].label
        assert at.format("natural_person") == loaded.stated.figures[0].figure
        assert {at.format("natural_person"): "起"} == dict(loaded.conventions.measure_words)
        assert loaded == ec.load_json(ec.dump_json(loaded))
        assert SCHEMA.is_valid(json.loads(ec.dump_json(loaded)))
        assert "对个人300余起" in ec.render(loaded, "zh")

    def test_two_parts_naming_one_value_in_json_are_a_load_error(self):
        """The refusal reaches the loader as a problem at the dimensions' path."""
        document = json.loads(ec.dump_json(report(penalty=penalty(10))))
        document["penalty"]["dimensions"] = {
            "party": {"parts": {"自然人": {"count": 1}, "natural_person": {"count": 2}}}
        }
        with pytest.raises(ec.LoadError, match="自然人"):
            ec.load_json(json.dumps(document, ensure_ascii=False))

    def test_a_label_rolls_up_with_its_key(self):
        """对个人 in one report and natural_person in another add up: one part, 5."""
        a = report(penalty=penalty(None, party=Dimension(parts={"对个人": Part(count=2)})))
        b = report(penalty=penalty(None, party=Dimension(parts={"natural_person": Part(count=3)})))
        rolled = ec.rollup([a, b], body=BODY).penalty.dimensions["party"]
        assert {"natural_person": 5} == {k: p.count for k, p in rolled.parts.items()}

    def test_a_grade_written_as_its_label_is_the_major_grade_and_written_so(self):
        """重大隐患 as a key is the major grade, written back in the vocabulary's words."""
        grade = Dimension(coverage=Coverage.SUBSET, parts={"重大隐患": Part(count=2)})
        hazards = ec.figures.HazardFigures(found=10, dimensions={"grade": grade})
        held = report(inspection=ec.figures.InspectionFigures(hazards=hazards))
        assert ["major"] == list(held.inspection.hazards.dimensions["grade"].parts)
        assert "重大隐患2条" in ec.render(held, "zh")


def _holder(holder: str, name: str, dimension: Dimension) -> Any:
    """The figures of ``holder`` holding ``dimension`` under ``name``, nothing else."""
    if holder == "penalty":
        return ec.figures.PenaltyFigures(dimensions={name: dimension})
    if holder == "inspection":
        return ec.figures.InspectionFigures(dimensions={name: dimension})
    if holder == "hazards":
        return ec.figures.HazardFigures(dimensions={name: dimension})
    return ec.workforce.WorkforceFigures(dimensions={name: dimension})


class TestRollupOrder:
    def test_open_keys_keep_the_order_the_reports_wrote_them(self):
        """First seen first, across reports: not sorted by code point."""
        a = Dimension(parts={"网吧": Part(count=1), "加油站点": Part(count=1)})
        b = Dimension(parts={"校外培训机构": Part(count=1), "加油站点": Part(count=2)})
        reports = [report(penalty=penalty(None, 主体=a)), report(penalty=penalty(None, 主体=b))]
        rolled = ec.rollup(reports, body=BODY).penalty.dimensions["主体"]
        assert ["网吧", "加油站点", "校外培训机构"] == list(rolled.parts)
        assert ["网吧", "加油站点", "校外培训机构"] != sorted(rolled.parts)
        zh = ec.render(ec.rollup(reports, body=BODY), "zh")
        assert zh.index("网吧") < zh.index("加油站点") < zh.index("校外培训机构")

    def test_dimensions_and_nested_parts_keep_their_order_too(self):
        """The dimensions of a holder and the parts of a nested dimension: first seen first."""
        nested = Dimension(parts={"对外": Part(count=1), "对内": Part(count=1)})
        a = {
            "乙类": parts(1),
            "甲类": Dimension(parts={"x": Part(count=2, dimensions={"n": nested})}),
        }
        rolled = ec.rollup(
            [report(penalty=penalty(None, **a)), report(penalty=penalty(None, **a))], body=BODY
        ).penalty.dimensions
        assert ["乙类", "甲类"] == list(rolled)
        assert ["对外", "对内"] == list(rolled["甲类"].parts["x"].dimensions["n"].parts)


class TestLabelsAsKeysProperty:
    @given(drawn=parts_written_as_labels)
    def test_a_label_is_its_key_in_place_and_round_trips(self, drawn):
        """Any form a report writes a known key in: held as the key, in place, words kept.

        Dumped and loaded, the holder is equal; zh writes each part in the report's words.
        """
        holder, name, dimension, expected = drawn
        held = _holder(holder, name, dimension)
        parts = held.dimensions[name].parts
        assert expected == list(parts)
        vocabulary = KNOWN[holder][name]
        for (written, part), key in zip(dimension.parts.items(), expected, strict=True):
            own = labels.labels_of(vocabulary).get(key)
            assert (written if written not in (key, own) else "") == parts[key].label
            assert part.count == parts[key].count
        where = {"hazards": "inspection", "inspection": "inspection"}.get(holder, holder)
        source = (
            report(inspection=ec.figures.InspectionFigures(hazards=held))
            if holder == "hazards"
            else report(**{where: held})
        )
        assert source == ec.load_json(ec.dump_json(source))
        assert SCHEMA.is_valid(json.loads(ec.dump_json(source)))
        zh = ec.render(source, "zh")
        for written, key in zip(dimension.parts, expected, strict=True):
            words = parts[key].label or labels.labels_of(vocabulary).get(key, key)
            assert words in zh, (written, words)


class TestAWorkforceOfNamedPartsOnly:
    """A workforce that holds nothing but a breakdown whose parts have no number."""

    def source(self, count: int | None) -> ec.AnnualReport:
        certificate = Dimension(parts={"awaiting_certificate": Part(count=count)})
        return report(
            workforce=ec.workforce.WorkforceFigures(dimensions={"certificate": certificate})
        )

    def test_the_parts_are_still_named_in_zh_and_text(self):
        """Found by the deep profile: the section was left out, and the part with it."""
        held = self.source(None)
        assert "按执法证办理情况分，待申领执法证。" in ec.render(held, "zh")
        assert "待申领执法证" in ec.render(held, "text")
        assert "待申领执法证0" not in ec.render(held, "zh")

    def test_with_a_count_it_is_written_with_it(self):
        held = self.source(3)
        assert "待申领执法证3名" in ec.render(held, "zh")
        assert "待申领执法证  3 名" in ec.render(held, "text")

    def test_no_workforce_no_section(self):
        """The other side: nothing held, nothing written."""
        held = report(workforce=ec.workforce.WorkforceFigures())
        assert "执法人员" not in ec.render(held, "text")
        assert "执法人员管理情况" not in ec.render(held, "zh")
