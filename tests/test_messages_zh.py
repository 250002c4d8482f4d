"""What a clerk reads under ``--lang zh``: every finding, row problem and error in Chinese."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

import enforcement_core as ec
from enforcement_core._paths_zh import CODES_ZH, code_zh, path_zh, paths_in_text_zh
from enforcement_core._validators import collecting
from enforcement_core.findings import CODES
from enforcement_core.ledger import refuse_among_other_actions
from enforcement_core.report import ChangeUnit, Stated, StatedChange
from enforcement_core.tables._reasons import _REASONS, in_chinese
from enforcement_core.tables.identifiers import credit_code_problem, id_number_problem
from test_tables import penalty_csv, three_penalties
from test_template import book, fill_about, save

if TYPE_CHECKING:
    from pathlib import Path

# A word of two Latin letters or more; GB (the standards' mark) is a name, not English.
ENGLISH = re.compile(r"(?<![A-Za-z])(?!GB\b)[A-Za-z]{2,}")
# Values shown as written: quoted text, and ISO dates.
VALUES = re.compile(r"'[^']*'|“[^”]*”|\d{4}-\d{2}-\d{2}")


def english_words(text: str) -> list[str]:
    """The English words of ``text`` outside its values."""
    return ENGLISH.findall(VALUES.sub("", text))


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "enforcement_core", *args],
        capture_output=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=120,
        check=False,
    )


BODY = ec.body.EnforcementBody("某镇人民政府", ec.body.BodyLevel.TOWN)


def report(**fields: object) -> ec.AnnualReport:
    return ec.AnnualReport(body=BODY, year=2023, **fields)  # type: ignore[arg-type]


def change(figure: str, previous: str | None, value: str, unit: ChangeUnit) -> StatedChange:
    return StatedChange(
        figure=figure,
        previous=None if previous is None else Decimal(previous),
        change=Decimal(value),
        unit=unit,
    )


def reports() -> list[ec.AnnualReport]:
    """Reports whose findings are, together, every code the audit gives a report."""
    percent = ChangeUnit.PERCENT
    return [
        report(
            inspection=ec.figures.InspectionFigures(
                visits=10,
                by_area={ec.actions.InspectionArea.FIRE_SAFETY: ec.figures.AreaFigures(visits=4)},
            )
        ),
        report(
            penalty=ec.figures.PenaltyFigures(
                by_domain={ec.actions.Domain.TRAFFIC: ec.figures.DomainPenalties(cases=220)},
                by_procedure={ec.actions.Procedure.SIMPLE: 200},
            )
        ),
        report(licensing=ec.figures.LicensingFigures(applications=10, granted=5)),
        # A breakdown declared complete that falls short: dimension-incomplete.
        report(
            penalty=ec.figures.PenaltyFigures(
                cases=20,
                dimensions={
                    "party": ec.dimensions.Dimension(
                        coverage=ec.dimensions.Coverage.COMPLETE,
                        parts={
                            "对生产经营单位": ec.dimensions.Part(count=12),
                            "对个人": ec.dimensions.Part(count=7),
                        },
                    )
                },
            )
        ),
        report(
            reviews=ec.figures.ReviewFigures(
                total=ec.figures.ReviewCounts(reconsiderations=5, upheld=3)
            )
        ),
        report(
            penalty=ec.figures.PenaltyFigures(
                cases=10, by_sanction={ec.actions.SanctionType.FINE: 11}
            )
        ),
        report(workforce=ec.workforce.WorkforceFigures(certified=2, trained=3)),
        report(stated=Stated(rates={ec.report.RateName.CERTIFICATION: Decimal(95)})),
        report(
            workforce=ec.workforce.WorkforceFigures(certified=22, established_staff=25),
            stated=Stated(rates={ec.report.RateName.CERTIFICATION: Decimal("88.5")}),
        ),
        report(
            penalty=ec.figures.PenaltyFigures(cases=210),
            stated=Stated(
                changes=(
                    change("licensing.granted", "100", "5", percent),
                    change("penalty.cases", "200", "6.00", percent),
                    change("penalty.cases", None, "6.00", percent),
                )
            ),
        ),
        # The categories add up to more than the total stated: total-mismatch.
        report(
            penalty=ec.figures.PenaltyFigures(cases=5, fines=Decimal(100)),
            stated=Stated(actions=4),
        ),
        # Parts written rounded above their total beyond its precision: figure-mismatch.
        report(
            penalty=ec.figures.PenaltyFigures(
                by_domain={
                    ec.actions.Domain.TRAFFIC: ec.figures.DomainPenalties(),
                    ec.actions.Domain.WORK_SAFETY: ec.figures.DomainPenalties(),
                }
            ),
            stated=Stated(
                figures=(
                    ec.report.StatedFigure(
                        figure="penalty.fines", value=Decimal("194.98"), unit="亿元"
                    ),
                    ec.report.StatedFigure(
                        figure="penalty.by_domain.traffic.fines",
                        value=Decimal("100.00"),
                        unit="亿元",
                    ),
                    ec.report.StatedFigure(
                        figure="penalty.by_domain.work_safety.fines",
                        value=Decimal("95.01"),
                        unit="亿元",
                    ),
                )
            ),
        ),
        report(published_on=dt.date(2024, 2, 1)),
        report(published_on=dt.date(2023, 12, 31)),
        ec.examples.load("example-city-rounding-2024"),
        # A bound broken, and "about" far from the figure held.
        report(
            penalty=ec.figures.PenaltyFigures(cases=2300, fines=Decimal(70000)),
            stated=Stated(
                figures=(
                    ec.report.StatedFigure(
                        figure="penalty.cases", value=Decimal(2300), qualifier="余"
                    ),
                    ec.report.StatedFigure(
                        figure="penalty.fines", value=Decimal("6.2"), unit="万元", qualifier="约"
                    ),
                )
            ),
        ),
        # Both forms of a change that no previous figure gives; the cut-off after the year.
        report(
            stated=Stated(
                changes=(
                    ec.report.StatedChange(
                        figure="penalty.cases",
                        change=Decimal(1),
                        unit=ec.report.ChangeUnit.ABSOLUTE,
                        verb="增加",
                        percent=Decimal("42.3"),
                    ),
                ),
                cut_off=dt.date(2024, 1, 5),
            )
        ),
        # Sanctions counted under the heaviest type only, more of them than cases.
        report(
            penalty=ec.figures.PenaltyFigures(
                cases=10,
                by_sanction={ec.actions.SanctionType.WARNING: 10, ec.actions.SanctionType.FINE: 10},
            ),
            conventions=ec.report.Conventions(
                sanction_counting=ec.report.SanctionCounting.HEAVIEST
            ),
        ),
    ]


def ledger_workbook(path: Path) -> Path:
    """A clerk's workbook whose ledger has every finding a ledger can have; ids are numbers."""
    workbook = book()
    fill_about(workbook)
    workbook["执法单位"].append(["1", "综合行政执法办公室", "综合行政执法办公室", None])
    workbook["执法人员"].append(["101", "李明", "1", "在编", "是"])
    workbook["执法人员"].append(["102", "王芳", "9", "在编", "是"])
    workbook["执法证件"].append(
        ["101", "渝执001", "重庆市人民政府", dt.date(2021, 3, 1), dt.date(2026, 2, 28)]
    )
    workbook["行政检查"].append(["201", dt.date(2023, 5, 2), "某加油站", "消防安全", "101、109"])
    workbook["行政检查"].append(["202", dt.date(2022, 5, 2), "某加油站", "消防安全", "101、102"])
    workbook["隐患"].append(
        [
            "201",
            "301",
            dt.date(2023, 5, 2),
            "灭火器过期",
            dt.date(2023, 5, 10),
            dt.date(2023, 5, 18),
        ]
    )
    workbook["隐患"].append(["201", "302", dt.date(2023, 5, 2), "通道堵塞", dt.date(2023, 6, 10)])
    workbook["行政处罚"].append(
        [
            "201",
            dt.date(2023, 8, 1),
            "安全生产",
            "警告",
            "普通程序",
            None,
            None,
            None,
            None,
            None,
            "101",
        ]
    )
    return save(workbook, path)


LEDGER_CODES = {
    "duplicate-id",
    "too-few-officers",
    "unknown-officer",
    "no-valid-certificate",
    "unknown-unit",
    "rectified-late",
    "open-past-deadline",
    "outside-year",
}


class TestEveryCode:
    def test_every_code_has_a_chinese_name(self):
        """Each code of the audit has its Chinese name, with no English word in it."""
        assert set(CODES) == set(CODES_ZH)
        assert {} == {code: name for code, name in CODES_ZH.items() if english_words(name)}

    def test_every_code_is_found_and_said_in_chinese(self, tmp_path):
        """The fixtures give every code; each finding, said in Chinese, has no English word."""
        findings = [f for r in reports() for f in ec.audit(r)]
        ledger = ec.read_ledger(ledger_workbook(tmp_path / "ledger.xlsx"))
        findings += ec.audit(ledger)
        published = ec.read_ledger(penalty_csv(three_penalties()))
        stated = report(penalty=ec.figures.PenaltyFigures(cases=4))
        findings += ec.audit(
            ec.AnnualReport(body=published.body, year=2023, penalty=stated.penalty),
            ledger=published,
        )
        assert set(CODES) == {f.code for f in findings}
        said = {
            f.code: f"{path_zh(f.path)}：{paths_in_text_zh(f.message_zh)}［{code_zh(f.code)}］"
            for f in findings
        }
        assert {} == {code: text for code, text in said.items() if english_words(text)}

    def test_check_says_a_workbooks_findings_by_sheet_row_and_header(self, tmp_path):
        """check --lang zh: 行政检查 第3行 执法人员编号, Chinese code names, no English word."""
        ledger_workbook(tmp_path / "ledger.xlsx")
        result = run("check", "ledger.xlsx", "--lang", "zh", cwd=tmp_path)
        assert 1 == result.returncode
        lines = result.stdout.splitlines()
        assert "ledger.xlsx: 错误4项，提示4项" == lines[0]
        assert (
            "    行政检查 第3行 执法人员编号（第2项）：201所列执法人员'109'不在执法人员名单中"
            "［执法人员不在名单中］"
        ) in lines
        assert (
            "    隐患 第3行 整改日期：隐患301于2023-05-18整改，超过整改期限2023-05-10［超期整改］"
            in lines
        )
        assert any(line.startswith("    执法人员 第4行 所属单位编号：") for line in lines)
        assert any(line.startswith("    隐患 第4行：") for line in lines)
        assert [] == [line for line in lines[1:] if english_words(line)]

    def test_check_in_english_keeps_the_paths_and_codes(self, tmp_path):
        """The other side: without --lang zh, the paths and codes of programs."""
        ledger_workbook(tmp_path / "ledger.xlsx")
        result = run("check", "ledger.xlsx", cwd=tmp_path)
        assert "[unknown-officer]" in result.stdout
        assert "inspections[0].officers[1]" in result.stdout


def provoked_reasons() -> list[str]:
    """The reason of every refusal the records of a table can meet, provoked one by one."""
    day = dt.date(2023, 5, 1)
    later = dt.date(2023, 6, 1)
    cert = ec.workforce.Certificate("1", "府", day, later)
    attempts = [
        lambda: ec.actions.LicenceApplication(
            "L", day, accepted=False, decision=ec.actions.LicensingDecision.GRANTED, decided_on=day
        ),
        lambda: ec.actions.LicenceApplication(
            "L", day, decision=ec.actions.LicensingDecision.GRANTED
        ),
        lambda: ec.actions.LicenceApplication("L", day, decided_on=day),
        lambda: ec.actions.LicenceApplication(
            "L",
            day,
            decision=ec.actions.LicensingDecision.REFUSED,
            decided_on=day,
            revoked_on=later,
        ),
        lambda: ec.actions.Inspection(
            "I",
            later,
            target="某厂",
            area=ec.actions.InspectionArea.FIRE_SAFETY,
            hazards=(ec.actions.Hazard("H", day),),
        ),
        lambda: ec.actions.PenaltyCase(
            "P",
            day,
            domain=ec.actions.Domain.TRAFFIC,
            sanctions=(ec.actions.SanctionType.FINE, ec.actions.SanctionType.FINE),
            fine=Decimal(1),
        ),
        lambda: ec.actions.PenaltyCase(
            "P",
            day,
            domain=ec.actions.Domain.TRAFFIC,
            sanctions=(ec.actions.SanctionType.WARNING,),
            fine=Decimal(1),
        ),
        lambda: ec.actions.PenaltyCase(
            "P",
            day,
            domain=ec.actions.Domain.TRAFFIC,
            sanctions=(ec.actions.SanctionType.WARNING,),
            confiscation=Decimal(1),
        ),
        lambda: ec.actions.PenaltyCase(
            "P",
            day,
            domain=ec.actions.Domain.TRAFFIC,
            sanctions=(ec.actions.SanctionType.FINE,),
            fine=Decimal("0.001"),
        ),
        lambda: ec.actions.PenaltyCase(
            "P",
            day,
            domain=ec.actions.Domain.TRAFFIC,
            sanctions=(ec.actions.SanctionType.FINE,),
            fine=Decimal(-1),
        ),
        lambda: ec.actions.PenaltyCase(
            "P",
            day,
            domain=ec.actions.Domain.TRAFFIC,
            sanctions=(ec.actions.SanctionType.FINE,),
            fine=Decimal("-0"),
        ),
        lambda: ec.actions.PenaltyCase(
            "P",
            day,
            domain=ec.actions.Domain.TRAFFIC,
            sanctions=(ec.actions.SanctionType.FINE,),
            fine=Decimal("1E+20"),
        ),
        lambda: ec.actions.CoerciveAction("C", day),
        # The ledger's rule on its other actions, which the table readers apply to a row.
        lambda: refuse_among_other_actions(
            ec.actions.OtherAction("O", ec.actions.ActionKind.LICENSING, day)
        ),
        lambda: ec.workforce.Officer(
            "o", "甲", unit="u", certificates=(cert,), employment=ec.workforce.Employment.AUXILIARY
        ),
        lambda: ec.workforce.Certificate("1", "府", later, day),
        lambda: ec.actions.Hazard("H", later, rectified_on=day),
        lambda: ec.workforce.Officer("o", " ", unit="u"),
        lambda: ec.workforce.Officer("o", "\u200b", unit="u"),
        lambda: ec.workforce.Officer("o", "甲\x07", unit="u"),
        lambda: ec.workforce.Officer("o", "甲\ud800", unit="u"),
        lambda: ec.workforce.Officer("o o", "甲", unit="u"),
        lambda: ec.Ledger(body=BODY, year=9999),
        lambda: ec.workforce.WorkforceFigures(certified=-1),
        lambda: ec.workforce.WorkforceFigures(certified=10**16),
        lambda: ec.figures.HazardFigures(found=1, rectified=2),
    ]
    reasons = []
    for attempt in attempts:
        with collecting() as refused:
            attempt()
        assert refused, attempt
        reasons += [error.reason for error in refused]
    reasons += [
        credit_code_problem("123"),
        credit_code_problem("91500000MA5U7Q8A8I"),
        credit_code_problem("91500000MA5U7Q8A8X"),
        id_number_problem("123"),
        id_number_problem("500101199902301234"),
        id_number_problem("500101199001011230"),
    ]
    return [reason for reason in reasons if reason is not None]


class TestEveryReason:
    def test_every_reason_is_said_in_chinese(self):
        """Each reason a table's record can be refused for has its Chinese, no English word."""
        reasons = provoked_reasons()
        assert {} == {r: in_chinese(r) for r in reasons if english_words(in_chinese(r))}

    def test_every_translation_is_provoked(self):
        """No Chinese form is kept for a reason no record gives (each pattern is met)."""
        reasons = provoked_reasons()
        unused = [p.pattern for p, _ in _REASONS if not any(p.fullmatch(r) for r in reasons)]
        assert [] == unused

    def test_a_refused_row_in_chinese_shows_labels_not_reprs(self, tmp_path):
        """未受理的申请不应有许可决定, its value 准予许可: no English, no Python repr."""
        workbook = book()
        fill_about(workbook)
        workbook["行政许可"].append(
            [
                "L-1",
                dt.date(2023, 3, 1),
                None,
                None,
                None,
                None,
                "否",
                "准予许可",
                dt.date(2023, 3, 2),
            ]
        )
        with pytest.raises(ec.LoadError) as caught:
            ec.read_ledger(save(workbook, tmp_path / "refused.xlsx"))
        said = [p.in_language("zh") for p in caught.value.problems]
        assert "行政许可 第3行 许可决定：未受理的申请不应有许可决定（值：准予许可）" in said
        assert [] == [line for line in said if english_words(line)]

    def test_an_amount_in_wan_says_the_yuan_meant(self, tmp_path):
        """A fine written 1.2万 in a yuan column: refused, saying 12000 is meant."""
        workbook = book()
        fill_about(workbook)
        workbook["行政处罚"].append(
            ["P-1", dt.date(2023, 8, 1), "安全生产", "罚款", "普通程序", "1.2万"]
        )
        with pytest.raises(ec.LoadError) as caught:
            ec.read_ledger(save(workbook, tmp_path / "wan.xlsx"))
        (problem,) = caught.value.problems
        assert "本列以元为单位：1.2万请写作12000" == problem.message_zh


class TestCommandLineErrors:
    @pytest.mark.parametrize(
        ("args", "said"),
        [
            (("report", "missing.json"), "missing.json: 无法读取该文件：文件不存在"),
            (("report", "--format", "pdf"), "没有名为“pdf”的格式"),
            (("report", "--option", "bogus"), "--option 的写法为 KEY=VALUE"),
            (("check", "missing.json"), "无法读取该文件：文件不存在"),
        ],
    )
    def test_errors_in_chinese(self, tmp_path, args, said):
        """A clerk's mistakes on the command line are said in Chinese under --lang zh."""
        result = run(*args, "--lang", "zh", cwd=tmp_path)
        assert 2 == result.returncode
        assert result.stderr.startswith("enforcement-core: 错误：")
        assert said in result.stderr
        assert [] == english_words(
            result.stderr.removeprefix("enforcement-core: ")
            .replace("--option", "")
            .replace("KEY=VALUE", "")
            .replace("missing.json", "")
        )


# Names, not English words: the format and the encoding a document is written in.
NAMES = re.compile(r"(?<![A-Za-z])(?:JSON|UTF|Schema)(?![A-Za-z])")


def said_in_english(text: str) -> list[str]:
    """The English words of a Chinese message, its values and the names JSON and UTF-8 aside."""
    return english_words(NAMES.sub("", text))


def _document(**fields: object) -> dict[str, object]:
    return {
        "schema_version": 1,
        "document": "annual_report",
        "body": {"name": "某镇人民政府", "level": "town"},
        "year": 2023,
        **fields,
    }


def _ledger(**fields: object) -> dict[str, object]:
    return {**_document(**fields), "document": "ledger"}


#: JSON documents, each provoking one or more of the loader's reasons (serialization).
BAD_DOCUMENTS: list[object] = [
    _document(year="2023"),  # a string for an int
    _document(body={"name": 5, "level": "town"}),  # a number for a string
    _document(body={"name": "某镇", "level": "townn"}),  # a value of no vocabulary, a hint
    _document(body={"name": "某镇", "level": "nothing-like-it"}),  # and with no hint
    _document(body={"level": "town"}),  # a required field missing
    _document(body=["某镇"]),  # a list for an object
    _document(activities={}),  # an object for a list
    _document(yaer=2023),  # an unknown field, with a hint
    _document(zz=1),  # and without one
    _document(published_on="2024/01/05"),  # not YYYY-MM-DD
    _document(published_on="2024-02-30"),  # not a day
    _document(body={"name": "某镇\u0007", "level": "town"}),  # a control character
    _document(licensing={"applications": -1}),  # a model's reason
    _document(licensing={"applications": 1.5}),  # a float for an int
    _document(year=None),  # null
    _document(licensing={"applications": True}),  # a boolean
    _document(penalty={"fines": 1.5}),  # a float for money
    _ledger(
        reviews=[
            {
                "id": "R-1",
                "review": "reconsideration",
                "action_kind": "penalty",
                "filed_on": "2023-05-01",
                "against_body": "yes",
            }
        ]
    ),  # a string for a bool
    {**_document(), "$schema": 5},  # $schema not a string
    {**_document(), "schema_version": 2},
    {**_document(), "document": "report"},
]
#: Texts that are not a document at all.
BAD_TEXTS: list[str | bytes] = [
    '{"a": ',  # invalid JSON
    "[1]",  # not an object at the top
    '{"year": 1, "year": 2}',  # a repeated key
    "[" * 101 + "]" * 101,  # nested too deep
    b'{"a": "\xff"}',  # not UTF-8
    '{"schema_version": 1, "document": "annual_report", "year": NaN}',  # a constant
    '{"schema_version": 1, "document": "annual_report", "year": ' + "9" * 50 + "}",  # huge
]


def loader_problems() -> list[ec.Problem]:
    """Every problem the loader gives for the bad documents and texts above."""
    import json

    found: list[ec.Problem] = []
    for source in [json.dumps(d, ensure_ascii=False) for d in BAD_DOCUMENTS] + BAD_TEXTS:
        with pytest.raises(ec.LoadError) as caught:
            ec.load_json(source)
        found += caught.value.problems
    with pytest.raises(ec.LoadError) as caught:  # a ledger given where a report is asked for
        ec.load_json(json.dumps(_ledger()), ec.AnnualReport)
    found += caught.value.problems
    return found


def _migration_problems() -> list[ec.Problem]:
    """The two refusals of a migration step, made by its own code on licensing's declaration.

    (The package's own categories are all of version 1, so no document provokes them.)
    """
    from enforcement_core import migrations
    from enforcement_core.categories import category

    licensing = category(ec.actions.ActionKind.LICENSING)
    action = {"kind": "licensing", "id": "L-1", "taken_on": "2023-01-01", "amount": "100"}
    _, lost = migrations._carried(licensing, action, "other_actions[0]")
    report = {"document": "annual_report", "other_actions": {"licensing": {"amount": "5"}}}
    return [*lost, *migrations._report_step(licensing)(report)]


MIGRATION_PROBLEMS = _migration_problems()


class TestJsonProblemsInChinese:
    """Under --lang zh a JSON document's problems are Chinese too (issue 23)."""

    def test_every_loader_problem_is_said_in_chinese(self):
        """Each problem: its place and reason in Chinese, no English word outside its values."""
        from enforcement_core._messages_zh import problem_zh

        problems = loader_problems()
        assert len(problems) >= len(BAD_DOCUMENTS) + len(BAD_TEXTS)
        english = {str(p): problem_zh(p) for p in problems if said_in_english(problem_zh(p))}
        assert {} == english

    def test_every_shape_is_met(self):
        """No Chinese form is kept for a loader reason these documents do not provoke."""
        from enforcement_core._messages_zh import _LOADER

        messages = [p.message for p in loader_problems()]
        # Met outside a document: a file that cannot be read, a reader's own failure, units
        # nested beyond the stack (the loader's guard before Python's recursion limit).
        messages += [
            "cannot read the file: No such file or directory",
            "cannot read the file: its name holds a NUL character",
            "the file cannot be read: ValueError: bad",
            "units are nested too deeply to be read",
            # A migration's refusals: met only by a package with a later category (the
            # test below, and TestAddingACategory's copy).
            *(p.message for p in MIGRATION_PROBLEMS),
        ]
        unused = [p.pattern for p, _ in _LOADER if not any(p.fullmatch(m) for m in messages)]
        assert [] == unused

    def test_a_migration_s_refusals_are_said_in_chinese(self):
        """What a migration step cannot place is said in Chinese, naming the record or field."""
        from enforcement_core._messages_zh import problem_zh

        said = [problem_zh(p).split("：", 1)[1] for p in MIGRATION_PROBLEMS]
        assert [
            "LicenceApplication没有可存放此值的字段：旧版本格式的文档无法无损迁移",
            "licensing没有可存放此值的数字：旧版本格式的文档无法无损迁移",
        ] == said

    def test_places_are_the_labels_words(self):
        """A field by its label or header, a key of the user's quoted, the document's own keys named."""
        from enforcement_core._messages_zh import problem_zh

        said = {problem_zh(p) for p in loader_problems()}
        assert "年度：应为整数，实为文字'2023'" in said
        assert "行政许可·申请：不能为负数，实为-1" in said
        assert "“zz”：未知字段" in said
        assert "“yaer”：未知字段；是否想写'year'？" in said
        assert "文档格式版本：应为1" in said
        assert any(s.startswith("填报单位·执法主体层级：'townn'不是可用的值") for s in said)

    def test_the_command_line_says_them(self, tmp_path):
        """check --lang zh on a bad JSON document: Chinese lines, exit 2."""
        import json

        path = tmp_path / "bad.json"
        path.write_text(json.dumps(_document(year="2023", zz=1)), encoding="utf-8")
        result = run("check", "--lang", "zh", str(path), cwd=tmp_path)
        assert 2 == result.returncode
        lines = result.stderr.removeprefix(f"enforcement-core: 错误：{path}: ").splitlines()
        assert ["2处问题：", "  年度：应为整数，实为文字'2023'", "  “zz”：未知字段"] == lines


class TestUsageErrorsInChinese:
    """argparse's errors under --lang zh (given anywhere in the arguments, even before the error)."""

    @pytest.mark.parametrize(
        ("args", "said"),
        [
            (("check", "--lang", "zh"), "enforcement-core check：错误：缺少必需的参数：FILE"),
            (
                ("check", "--lang=zh", "--format", "xml", "a.json"),
                "enforcement-core check：错误：参数--format：无效的选择'xml'（可选：'text', 'json'）",
            ),
            (
                ("report", "--lang", "zh", "--nope"),
                "enforcement-core：错误：无法识别的参数：--nope；是否想写“--force”？",
            ),
            (
                ("report", "--lang", "zh", "--output"),
                "enforcement-core report：错误：参数--output：需要一个值",
            ),
        ],
    )
    def test_usage_errors(self, tmp_path, args, said):
        """The usage line is 用法, the error 错误, the reason Chinese; exit 2."""
        result = run(*args, cwd=tmp_path)
        assert 2 == result.returncode
        lines = result.stderr.splitlines()
        assert lines[0].startswith("用法：enforcement-core")
        assert said == lines[-1]
        syntax = re.compile(r"--[a-z-]+|\b[A-Z]{2,}\b|enforcement-core|report|check")
        assert [] == english_words(syntax.sub("", lines[-1]))

    def test_english_by_default(self, tmp_path):
        """Without --lang zh, argparse's own English stands."""
        result = run("check", cwd=tmp_path)
        assert result.stderr.splitlines()[-1] == (
            "enforcement-core check: error: the following arguments are required: FILE"
        )
