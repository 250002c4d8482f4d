"""What the command line says under ``--lang zh``: loading problems and errors of use, in Chinese.

A clerk reads these, not a programmer. A problem of a workbook already carries its
Chinese (:class:`~enforcement_core.tables.TableProblem`: sheet, row, header); a problem
of a JSON document is said here, its path in the words of the labels
(``penalty_cases[3].fine`` is 行政处罚第4条·罚款金额（元）) and its reason in Chinese:
the loader's own reasons by their shape, the model's by the table readers'
(:func:`~enforcement_core.tables._reasons.in_chinese`). The command line's own errors
and argparse's are said here too. A message whose shape is not known stays as written
rather than being guessed at.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from enforcement_core._paths_zh import path_zh
from enforcement_core.tables import in_language
from enforcement_core.tables._problems import TableProblem
from enforcement_core.tables._reasons import field_name, in_chinese

if TYPE_CHECKING:
    from enforcement_core.errors import Problem

__all__ = ["error_zh", "os_error_zh", "problem_zh", "usage_zh"]

_Say = str | Callable[[re.Match[str]], str]


def _rules(pairs: tuple[tuple[str, _Say], ...]) -> tuple[tuple[re.Pattern[str], _Say], ...]:
    return tuple((re.compile(pattern), say) for pattern, say in pairs)


def _said(rules: tuple[tuple[re.Pattern[str], _Say], ...], message: str) -> str | None:
    for pattern, say in rules:
        found = pattern.fullmatch(message)
        if found:
            return say if isinstance(say, str) else say(found)
    return None


#: How the loader names a JSON value it did not expect (serialization._describe).
_GOT: Final = _rules(
    (
        (r"null", "空值'null'"),
        (r"the boolean (true|false)", lambda m: f"布尔值'{m[1]}'"),
        (r"the number (\S+)", lambda m: f"数字{m[1]}"),
        (r"the string (.*)", lambda m: f"文字{m[1]}"),
        (r"a list", "列表"),
        (r"an object", "对象"),
        (
            r"a number of (\d+) digits \(at most (\d+)\)",
            lambda m: f"{m[1]}位的数字（至多{m[2]}位）",
        ),
    )
)


def _got(text: str) -> str:
    # Anything else is a JSON constant (NaN, Infinity): a value, quoted.
    return _said(_GOT, text) or f"'{text}'"


#: What the loader expects, after "expected" (serialization._refuse).
_EXPECTED: Final = {
    "a whole number (int)": "整数",
    "a string": "文字",
    "true or false": "'true'或'false'",
    'an exact number written as a string, such as "6800.50"': '写成文字的精确数字，如"6800.50"',
    "a date written YYYY-MM-DD": "形如2023-05-01的日期",
    "a list": "列表",
    "an object": "对象",
}

#: The document kinds, as the loader names their classes.
_DOCUMENTS: Final = {"AnnualReport": "年度报告", "Ledger": "台账"}

#: What ``json`` says of text that is not JSON.
_JSON: Final = _rules(
    (
        (r"Expecting value", "此处应有一个值"),
        (r"Expecting '(.)' delimiter", lambda m: f"此处应有“{m[1]}”"),
        (r"Expecting property name enclosed in double quotes", "此处应有用双引号括起的键名"),
        (r"Unterminated string starting at", "字符串没有结束引号"),
        (r"Invalid control character at", "字符串中有控制字符"),
        (r"Extra data", "JSON之后还有多余的内容"),
        (r"Invalid \\escape", "无效的转义符"),
        (r"Invalid \\uXXXX escape", "无效的\\u转义符"),
    )
)

#: The loader's own reasons (serialization), by their shape.
_LOADER: Final = _rules(
    (
        (
            r"expected (.+?), got (.+)",
            lambda m: f"应为{_EXPECTED.get(m[1], m[1])}，实为{_got(m[2])}",
        ),
        (
            r"(.+) is not a (\w+); expected one of (.+?)(?:; did you mean (.+)\?)?",
            lambda m: (
                f"{m[1]}不是可用的值；应为以下之一：{m[3]}"
                + (f"；是否想写{m[4]}？" if m[4] else "")
            ),
        ),
        (r"(.+) is not a day of the calendar", lambda m: f"{m[1]}不是有效日期"),
        (r"unknown field; did you mean (.+)\?", lambda m: f"未知字段；是否想写{m[1]}？"),
        (r"unknown field", "未知字段"),
        (r"required field is missing", "缺少必填字段"),
        (r"the text (.+)", lambda m: f"文字不成立：{in_chinese(m[1]).removeprefix('不成立：')}"),
        (
            r"cannot read the file: its name holds a NUL character",
            "无法读取该文件：文件名中有空字符",
        ),
        (r"cannot read the file: (.+)", lambda m: f"无法读取该文件：{_strerror(m[1])}"),
        (
            r"the file cannot be read: (.+)",
            lambda m: f"无法读取该文件：{m[1]}",
        ),
        (
            r"not UTF-8 text: byte (\d+) cannot be decoded",
            lambda m: f"不是UTF-8编码的文本：第{int(m[1]) + 1}个字节无法解码",
        ),
        (
            r"arrays and objects nest more than (\d+) levels deep",
            lambda m: f"数组和对象嵌套超过{m[1]}层",
        ),
        (
            r"invalid JSON at line (\d+), column (\d+): (.+)",
            lambda m: f"不是有效的JSON：第{m[1]}行第{m[2]}列，{_said(_JSON, m[3]) or m[3]}",
        ),
        (r"expected a JSON object at the top", "文档最外层应为JSON对象"),
        (r"expected a string", "应为文字"),
        (r"expected schema_version (\d+)", lambda m: f"应为{m[1]}"),
        (
            (
                r"schema_version (\d+) is newer than this version of enforcement-core reads "
                r"\((\d+)\): upgrade enforcement-core to read it"
            ),
            lambda m: f"文档格式版本{m[1]}高于本软件可读的最高版本{m[2]}：请升级后再读取",
        ),
        (
            (
                r"a (\w+) has no field for it: the document of an earlier schema_version "
                r"cannot be moved without losing it"
            ),
            lambda m: f"{m[1]}没有可存放此值的字段：旧版本格式的文档无法无损迁移",
        ),
        (
            (
                r"(\w+) declares no figure to hold it: the document of an earlier "
                r"schema_version cannot be moved without losing it"
            ),
            lambda m: f"{m[1]}没有可存放此值的数字：旧版本格式的文档无法无损迁移",
        ),
        (r"expected one of (.+)", lambda m: f"应为以下之一：{m[1]}"),
        (
            r"expected a (\w+) document, not (.+)",
            lambda m: f"应为{_DOCUMENTS.get(m[1], m[1])}文档，而不是{m[2]}",
        ),
        (r"units are nested too deeply to be read", "单位嵌套层级过深，无法读取"),
        (
            r"the key (.+) appears more than once in one object",
            lambda m: f"同一对象中键{m[1]}重复出现",
        ),
    )
)

#: The system's words for the errors of files a clerk meets (the system's own are English).
_OS_ERRORS: Final = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有读写该文件的权限",
    errno.EISDIR: "这是文件夹，不是文件",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统只读，无法写入",
}
_STRERRORS: Final = {
    "No such file or directory": "文件不存在",
    "Permission denied": "没有权限",
    "Is a directory": "这是文件夹，不是文件",
}


def _strerror(text: str) -> str:
    return _STRERRORS.get(text, text)


def os_error_zh(number: int | None, reason: str) -> str:
    """The system's reason for a failed file operation, in Chinese where a clerk meets it."""
    return _OS_ERRORS.get(number or 0, reason)


def problem_zh(problem: Problem) -> str:
    """A loading problem in Chinese: where, what is wrong, and the value.

    Examples:
        >>> from enforcement_core.errors import Problem
        >>> problem_zh(
        ...     Problem(
        ...         "penalty_cases[3].fine",
        ...         "-1",
        ...         "expected a whole number (int), got the string '-1'",
        ...     )
        ... )
        "行政处罚第4条·罚款金额（元）：应为整数，实为文字'-1'"
        >>> problem_zh(Problem("licensing.applications", -1, "must not be negative, got -1"))
        '行政许可·申请：不能为负数，实为-1'
        >>> problem_zh(Problem("", None, "invalid JSON at line 1, column 2: Expecting value"))
        '不是有效的JSON：第1行第2列，此处应有一个值'
    """
    if isinstance(problem, TableProblem):
        return in_language(problem, "zh")
    message = _said(_LOADER, problem.message)
    if message is None:
        model = in_chinese(problem.message)
        # A reason of the model's that is not known keeps its English, unmarked.
        message = problem.message if model.startswith("不成立：") else model
    return f"{_place(problem.path)}：{message}" if problem.path else message


#: The document's own keys at its top, which no label names.
_TOP: Final = {
    "schema_version": "文档格式版本",
    "document": "文档类型",
    "$schema": "JSON Schema地址",
}
_NAME: Final = re.compile(r"[a-z][a-z_]*")


def _place(path: str) -> str:
    """A path in Chinese; a field the labels do not name by its header, a key of the user's quoted."""
    if path in _TOP:
        return _TOP[path]
    words = path_zh(path).split("·")
    for index, word in enumerate(words):
        if not _NAME.fullmatch(word):
            continue
        # The body's fields are named by the headers of the ledger's about sheet.
        about = f"about_{word}" if path.startswith("body.") else word
        named = field_name(about)
        words[index] = named if named != about else f"“{word}”"
    return "·".join(words)


#: The command line's own errors of use: the English form and the Chinese.
_ERRORS: Final = _rules(
    (
        (r"give a FILE or --example, not both", "请给出文件或 --example，不要同时给出"),
        (r"(.+) exists; give --force to overwrite it", r"\1已存在；如要覆盖，请加上 --force"),
        (
            r"this format is binary and is not written to a terminal: .*",
            "该格式是二进制文件，不能输出到终端：请用 --output 指定文件，或将输出重定向到文件",
        ),
        (
            r"no renderer named '([^']*)'; the renderers are: (.*)",
            r"没有名为“\1”的格式；可用的格式为：\2",
        ),
        (r"--option takes KEY=VALUE, not (.*)", r"--option 的写法为 KEY=VALUE，而不是\1"),
        (
            r"renderer '([^']*)' has no option '([^']*)'; its options are: (.*)",
            r"格式“\1”没有选项“\2”；可用的选项为：\3",
        ),
        (
            r"init writes a \.xlsx ledger workbook or a \.json report, not (.*)",
            r"init 只能生成 .xlsx 台账或 .json 报告，不能生成\1",
        ),
        (
            (
                r"--format (\S+) does not write a (\S+) file, and --output (.+) asks for one "
                r"\((\S+)\): give --format \S+, or an --output ending (\S+)"
            ),
            (
                r"--format \1 不生成\2文件，而 --output \3 要求生成（\4）：请用 --format \4，"
                r"或让 --output 以\5结尾"
            ),
        ),
        (
            r"renderer '([^']*)': option '([^']*)' takes true or false, not (.*)",
            r"格式“\1”的选项“\2”只能取 true 或 false，而不是\3",
        ),
        (
            r"renderer '([^']*)': option '([^']*)' takes a whole number, not (.*)",
            r"格式“\1”的选项“\2”只能取整数，而不是\3",
        ),
        (
            r"--ledger (.+): is an annual report, not a ledger of records; .*",
            r"--ledger \1：这是年度报告，不是执法记录台账；请给出生成该报告所用的台账",
        ),
        (
            r"OLD is the report of (\d+) and NEW of (\d+): .*",
            r"OLD是\1年度的报告，NEW是\2年度的报告：请先给出较早年度的报告（compare OLD NEW）",
        ),
        (
            r"OLD and NEW are both reports of (\d+): compare two years",
            r"OLD和NEW都是\1年度的报告：请比较两个年度",
        ),
        (
            r"compare writes text, json, or a renderer with a 'previous' option; '([^']*)' has none",
            r"compare 只能输出 text、json，或带 previous 选项的格式；“\1”没有该选项",
        ),
        (
            r"nothing to roll up: give at least one report",
            "没有可汇总的报告：请至少给出一份报告",
        ),
        (
            r"cannot roll up reports of different years: (.*)",
            lambda m: f"不能汇总不同年度的报告：{'、'.join(y + '年' for y in m[1].split(', '))}",
        ),
        (r"(.*)cannot read the file: No such file or directory", r"\1无法读取该文件：文件不存在"),
        (r"(.*)cannot read the file: Permission denied", r"\1无法读取该文件：没有权限"),
        (r"(.*)cannot read the file: (.*)", r"\1无法读取该文件：\2"),
    )
)


def error_zh(message: str) -> str:
    """A command-line error in Chinese where it is one of the command line's own; else as given."""
    for pattern, chinese in _ERRORS:
        found = pattern.fullmatch(message)
        if found:
            return found.expand(chinese) if isinstance(chinese, str) else chinese(found)
    return message


#: argparse's messages (Python 3.11 to 3.13), by their shape.
_USAGE: Final = _rules(
    (
        (r"unrecognized arguments: (.+)", lambda m: f"无法识别的参数：{m[1]}"),
        (
            r"the following arguments are required: (.+)",
            lambda m: f"缺少必需的参数：{m[1]}",
        ),
        (
            r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)",
            lambda m: f"参数{m[1]}：无效的选择{m[2]}（可选：{m[3]}）",
        ),
        (r"argument (\S+): expected one argument", lambda m: f"参数{m[1]}：需要一个值"),
        (
            r"argument (\S+): expected at least one argument",
            lambda m: f"参数{m[1]}：至少需要一个值",
        ),
        (
            r"argument (\S+): ignored explicit argument (.+)",
            lambda m: f"参数{m[1]}：不接受值{m[2]}",
        ),
        (
            r"ambiguous option: (\S+) could match (.+)",
            lambda m: f"选项{m[1]}有歧义，可能是：{m[2]}",
        ),
        (
            r"argument (\S+): not allowed with argument (\S+)",
            lambda m: f"参数{m[1]}不能与参数{m[2]}同时使用",
        ),
        (r"argument (\S+): invalid (\w+) value: (.+)", lambda m: f"参数{m[1]}：无效的值{m[3]}"),
    )
)


def usage_zh(message: str) -> str:
    """An argparse error in Chinese; one of an unknown shape as given.

    Examples:
        >>> usage_zh("the following arguments are required: FILE")
        '缺少必需的参数：FILE'
        >>> usage_zh("argument --lang: invalid choice: 'fr' (choose from 'en', 'zh')")
        "参数--lang：无效的选择'fr'（可选：'en', 'zh'）"
    """
    return _said(_USAGE, message) or message


#: The help of the built-in renderers' options, in Chinese; a plugin's stays its own.
_OPTION_HELP: Final[dict[str, str]] = {
    "元, 万元, 亿元 or auto": "金额单位：元、万元、亿元或 auto（自动）",
    "decimals of money, 0 to 4": "金额的小数位数，0至4",
    "decimals of percentages, 0 to 4": "百分数的小数位数，0至4",
    "the measure word for cases": "案件的量词",
    "arabic (243件) or chinese (二百四十三件) for counts": (
        "数字的写法：arabic（阿拉伯数字，243件）或 chinese（汉字，二百四十三件）"
    ),
    "follow each amount with its financial capitals (人民币陆仟捌佰元整)": (
        "每个金额后附大写金额（人民币陆仟捌佰元整）"
    ),
    "the previous year's report, for 同比 sentences": "上一年度的报告文件，用于同比表述",
    "year-over-year changes as percent, absolute or both": (
        "同比变化的写法：percent（百分比）、absolute（绝对数）或 both（两者）"
    ),
    "rates as the report states them, or computed from the counts where not stated": (
        "比率：stated（按报告所写），或 computed（未写明时由数字计算）"
    ),
    "write identity-card and mobile numbers instead of withholding them": (
        "写出身份证号和手机号，而不是隐去"
    ),
    "the 发文字号, e.g. 古路府发〔2024〕1号 (default: the narrative's)": (
        "发文字号，如古路府发〔2024〕1号（默认：报告正文中的）"
    ),
    "the 主送机关, e.g. 渝北区人民政府 (default: the narrative's)": (
        "主送机关，如渝北区人民政府（默认：报告正文中的）"
    ),
    "the labels' language: zh_CN or en": "标签的语言：zh_CN（中文）或 en（英文）",
    "write the table alone, without the page around it": "只输出表格，不输出外围的网页",
    "figures as the report states them, or also the exact ones computed from them, marked": (
        "数字：stated（按报告所写），或 computed（另列由其计算的精确值，并加标记）"
    ),
    "spaces of indentation; 0 writes one line": "缩进的空格数；0 表示写成一行",
    "money in 元, 万元 or 亿元 (exact either way)": "金额单位：元、万元或亿元（均为精确值）",
    "decimals of money shown, 0 to 4": "显示的金额小数位数，0至4",
}


def option_help_zh(text: str) -> str:
    """A built-in renderer option's help in Chinese; any other help as given."""
    return _OPTION_HELP.get(text, text)
