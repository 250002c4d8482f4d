"""Chinese number formatting: every rule on both sides of its boundary, and round trips."""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import inspect
import json
import pkgutil
import subprocess
import sys
import textwrap
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction

import attrs
import pytest
from babel.dates import format_date as babel_format_date
from hypothesis import example, given
from hypothesis import strategies as st

import enforcement_core as ec
from enforcement_core import numbers_zh
from enforcement_core.errors import EnforcementCoreError, NumberFormatError, NumberTypeError
from enforcement_core.numbers_zh import (
    UNDEFINED,
    MeasureKind,
    enumeration,
    format_amount,
    format_count,
    format_date,
    format_percent,
    format_points,
    from_capital_amount,
    from_chinese,
    heading_marker,
    measure_words,
    round_half_up,
    to_capital_amount,
    to_chinese,
    to_chinese_year,
    with_measure,
)

# A context wide enough that quantizing the test values is exact but for the one rounding.
WIDE = Context(prec=200)

exact_decimals = st.decimals(
    min_value=-(10**12), max_value=10**12, places=6, allow_nan=False, allow_infinity=False
)


def half_up(value: Decimal, places: int) -> str:
    """The oracle: Decimal's own ROUND_HALF_UP, once, with a sign only on a nonzero result."""
    text = str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=WIDE))
    return text.removeprefix("-") if Decimal(text) == 0 else text


@attrs.frozen
class Ratio:
    """A stand-in for the library's Rate: an exact numerator and denominator."""

    numerator: object
    denominator: object


def modules_of(package):
    """``package`` and each module in it; just the module when it is a single file."""
    yield package
    for info in pkgutil.iter_modules(getattr(package, "__path__", []), f"{package.__name__}."):
        yield importlib.import_module(info.name)


def is_ours(name):
    """Whether the module ``name`` is numbers_zh or one of its modules."""
    return name == numbers_zh.__name__ or name.startswith(f"{numbers_zh.__name__}.")


class TestModule:
    def test_depends_on_nothing_of_ours(self):
        """Its modules import only the standard library, babel, numbers_zh and the errors."""
        for module in modules_of(numbers_zh):
            tree = ast.parse(inspect.getsource(module))
            imported = {
                alias.name
                for node in ast.walk(tree)
                if isinstance(node, ast.Import)
                for alias in node.names
            } | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
            outside = {
                name
                for name in imported
                if name.split(".")[0] not in sys.stdlib_module_names | {"babel"}
                and not is_ours(name)
                and name != "enforcement_core.errors"
            }
            assert set() == outside, module.__name__

    def test_exports_its_public_names(self):
        """Every name in __all__ exists and no public function or class is left out."""
        exported = {name: getattr(numbers_zh, name) for name in numbers_zh.__all__}
        public = {
            name
            for module in modules_of(numbers_zh)
            if not module.__name__.rpartition(".")[2].startswith("_")
            for name, value in vars(module).items()
            if not name.startswith("_")
            and (inspect.isfunction(value) or inspect.isclass(value))
            and value.__module__ == module.__name__
        }
        assert public <= set(exported)
        constants = {
            name
            for name, value in exported.items()
            if not (inspect.isfunction(value) or inspect.isclass(value))
        }
        assert {"AMOUNT_UNITS", "UNDEFINED"} == constants
        # What it exports it defines: nothing is passed on from elsewhere.
        assert all(is_ours(exported[name].__module__) for name in exported.keys() - constants)

    def test_reads_babel_locale_data_on_first_use_not_on_import(self):
        """Importing numbers_zh opens no Babel locale data file; the first percent opens zh_CN's."""
        code = textwrap.dedent(
            """
            import json, os, sys

            opened = []

            def record(event, args):
                path = args[0] if event == "open" else None
                if isinstance(path, str) and path.endswith(".dat"):
                    opened.append(os.path.basename(path))

            sys.addaudithook(record)
            import enforcement_core.numbers_zh as numbers_zh

            print(json.dumps(opened))
            numbers_zh.format_percent(1)
            print(json.dumps(opened))
            """
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
        )
        on_import, on_first_use = (json.loads(line) for line in result.stdout.splitlines())
        assert [] == on_import
        assert "zh_Hans_CN.dat" in on_first_use

    def test_undefined_is_an_em_dash(self):
        """The undefined-rate placeholder is U+2014."""
        expected = "\u2014"
        assert expected == UNDEFINED


class TestRoundHalfUp:
    @pytest.mark.parametrize(
        ("value", "places", "expected"),
        [
            (Fraction(98625, 1000), 2, "98.63"),  # the tie goes up, not to even
            (Fraction(98624999, 1000000), 2, "98.62"),  # just below the tie stays down
            (Decimal("2.5"), 0, "3"),
            (Decimal("-2.5"), 0, "-3"),  # away from zero, as ROUND_HALF_UP
            (0, 2, "0.00"),
            (7, 0, "7"),
            (10**30 + 1, 0, "1000000000000000000000000000001"),  # wider than 28 digits
            (Fraction(10**30 + 1, 10), 2, "100000000000000000000000000000.10"),
        ],
    )
    def test_rounds_half_up_once(self, value, places, expected):
        """Ties go away from zero; anything short of a tie does not."""
        assert Decimal(expected) == round_half_up(value, places)
        assert expected == str(round_half_up(value, places))

    @given(value=exact_decimals, places=st.integers(0, 4))
    def test_agrees_with_decimal_round_half_up(self, value, places):
        """The same result as Decimal's ROUND_HALF_UP in a context wide enough to be exact."""
        assert Decimal(half_up(value, places)) == round_half_up(value, places)

    def test_refuses_a_float(self):
        """Floats are refused here as everywhere."""
        with pytest.raises(TypeError, match="a float cannot hold"):
            round_half_up(0.5)  # type: ignore[arg-type]


class TestFormatAmount:
    @pytest.mark.parametrize(
        ("yuan", "kwargs", "expected"),
        [
            (Decimal(6800), {"unit": "万元", "places": 2}, "0.68万元"),
            (Decimal(55340400), {"unit": "万元", "places": 2}, "5534.04万元"),
            (Decimal(1144581900), {"unit": "亿元", "places": 2}, "11.45亿元"),
            (Decimal(11600), {}, "11600元"),
            (Decimal(6800), {"unit": "auto"}, "6800元"),
            (Decimal("0.005"), {"unit": "元", "places": 2}, "0.01元"),
        ],
    )
    def test_writes_the_contract_examples(self, yuan, kwargs, expected):
        """The examples of the API contract."""
        assert expected == format_amount(yuan, **kwargs)

    @pytest.mark.parametrize(
        ("yuan", "unit", "expected"),
        [
            (Decimal(11600), "元", "11600元"),
            (Decimal("11600.00"), "元", "11600元"),
            (Decimal("1.16E+4"), "元", "11600元"),
            (Decimal("11600.5"), "元", "11600.50元"),
            (Decimal("11600.01"), "元", "11600.01元"),
            (Decimal("11600.001"), "元", "11600.00元"),
            (0, "元", "0元"),
            (Decimal("0.00"), "元", "0元"),
            (Decimal(6800), "万元", "0.68万元"),
            (Decimal(10000), "万元", "1.00万元"),
            (0, "万元", "0.00万元"),
            (Decimal(100000000), "亿元", "1.00亿元"),
        ],
    )
    def test_default_places_depend_on_unit_and_wholeness(self, yuan, unit, expected):
        """Without places: 元 has none for whole yuan and two otherwise; 万元 and 亿元 two."""
        assert expected == format_amount(yuan, unit=unit)

    @pytest.mark.parametrize(
        ("yuan", "unit", "places", "expected"),
        [
            (Decimal("0.005"), "元", 2, "0.01元"),
            (Decimal("0.004999"), "元", 2, "0.00元"),
            (Decimal("0.025"), "元", 2, "0.03元"),
            (Decimal("0.035"), "元", 2, "0.04元"),
            (Decimal("-0.005"), "元", 2, "-0.01元"),
            (Decimal("-0.004"), "元", 2, "0.00元"),
            (Decimal("2.5"), "元", 0, "3元"),
            (Decimal("3.5"), "元", 0, "4元"),
            (Decimal("2.49"), "元", 0, "2元"),
            (5, "万元", 3, "0.001万元"),
            (4, "万元", 3, "0.000万元"),
            (Decimal(449), "万元", 2, "0.04万元"),
            (Decimal(450), "万元", 2, "0.05万元"),
            (Decimal(1145000000), "亿元", 1, "11.5亿元"),
            (Decimal(1144999999), "亿元", 1, "11.4亿元"),
        ],
    )
    def test_rounds_half_up_once_from_the_exact_value(self, yuan, unit, places, expected):
        """A tie goes away from zero, never to even, and nothing is rounded twice."""
        assert expected == format_amount(yuan, unit=unit, places=places)

    @pytest.mark.parametrize(
        ("yuan", "expected"),
        [
            (Decimal(9999), "9999元"),
            (Decimal("9999.99"), "9999.99元"),
            (Decimal(10000), "1.00万元"),
            (Decimal(-9999), "-9999元"),
            (Decimal(-10000), "-1.00万元"),
            (Decimal(99999999), "10000.00万元"),
            (Decimal(100000000), "1.00亿元"),
            (Decimal(-100000000), "-1.00亿元"),
            (0, "0元"),
        ],
    )
    def test_auto_picks_the_unit_by_absolute_size(self, yuan, expected):
        """Auto: below 10,000 元, below 100,000,000 万元, else 亿元."""
        assert expected == format_amount(yuan, unit="auto")

    @pytest.mark.parametrize(("places", "expected"), [(0, "1元"), (1, "0.7元"), (4, "0.6800元")])
    def test_accepts_places_from_zero_to_four(self, places, expected):
        """Places 0 and 4 are the edges of the range."""
        assert expected == format_amount(Decimal("0.68"), places=places)

    @pytest.mark.parametrize("places", [-1, 5])
    def test_refuses_places_outside_the_range(self, places):
        """Places -1 and 5 are refused."""
        with pytest.raises(ValueError, match="places must be from 0 to 4"):
            format_amount(1, places=places)

    @pytest.mark.parametrize("places", [True, "2", 2.0])
    def test_refuses_places_that_are_not_ints(self, places):
        """Places are an int, not a bool, a str or a float."""
        with pytest.raises(TypeError):
            format_amount(1, places=places)

    @pytest.mark.parametrize("unit", ["", "万", "元 ", "yuan", "AUTO"])
    def test_refuses_unknown_units_listing_the_accepted(self, unit):
        """An unknown unit is refused with the accepted units named."""
        with pytest.raises(ValueError, match="use one of '元', '万元', '亿元', 'auto'"):
            format_amount(1, unit=unit)

    @pytest.mark.parametrize(
        ("yuan", "expected"),
        [
            (Decimal(999), "999元"),
            (Decimal(1000), "1,000元"),
            (Decimal("1234567.5"), "1,234,567.50元"),
            (Decimal(-1234), "-1,234元"),
            (Decimal(123456), "123,456元"),
        ],
    )
    def test_groups_thousands_only_when_asked(self, yuan, expected):
        """Grouping puts the zh_CN group symbol between groups of three digits."""
        assert expected == format_amount(yuan, grouping=True)

    def test_writes_no_separator_by_default(self):
        """Without grouping a large amount is one run of digits."""
        expected = "1234567元"
        assert expected == format_amount(1234567)

    def test_refuses_a_float_saying_to_use_decimal(self):
        """A float cannot hold 0.68 exactly: TypeError naming Decimal('0.68')."""
        with pytest.raises(
            TypeError, match=r"a float cannot hold an amount exactly; use Decimal\('0.68'\)"
        ):
            format_amount(0.68)

    @pytest.mark.parametrize("yuan", [True, "6800", Fraction(1, 2), None])
    def test_refuses_what_is_not_an_int_or_decimal(self, yuan):
        """Booleans, strings, fractions and None are not amounts."""
        with pytest.raises(TypeError, match="an amount must be an int or a Decimal"):
            format_amount(yuan)

    @pytest.mark.parametrize(
        "yuan", [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-Infinity")]
    )
    def test_refuses_non_finite_decimals(self, yuan):
        """NaN and infinities are refused with ValueError."""
        with pytest.raises(ValueError, match="must be finite"):
            format_amount(yuan)

    @given(yuan=exact_decimals, places=st.integers(0, 4))
    def test_agrees_with_decimal_round_half_up_in_yuan(self, yuan, places):
        """In 元 the figure is Decimal's ROUND_HALF_UP of the exact amount."""
        assert half_up(yuan, places) + "元" == format_amount(yuan, places=places)

    @given(yuan=exact_decimals, places=st.integers(0, 4), unit=st.sampled_from(["万元", "亿元"]))
    def test_agrees_with_decimal_round_half_up_when_scaled(self, yuan, places, unit):
        """In 万元 and 亿元 the figure is ROUND_HALF_UP of the exact scaled amount."""
        scaled = yuan.scaleb(-4 if unit == "万元" else -8, context=WIDE)
        assert half_up(scaled, places) + unit == format_amount(yuan, unit=unit, places=places)


class TestFormatCount:
    @pytest.mark.parametrize(
        ("n", "kwargs", "expected"),
        [
            (466000, {"unit": "万", "places": 1}, "46.6万"),
            (363, {}, "363"),
            (0, {}, "0"),
            (-136, {}, "-136"),
            (466000, {"unit": "万"}, "46.60万"),
            (Decimal(466000), {"unit": "万", "places": 0}, "47万"),
            (Decimal("2.5"), {}, "2.50"),
            (1234567, {"grouping": True}, "1,234,567"),
            (250000000, {"unit": "亿", "places": 1}, "2.5亿"),
        ],
    )
    def test_writes_counts_plain_or_scaled(self, n, kwargs, expected):
        """Counts as they are, or in 万 and 亿 rounded half up."""
        assert expected == format_count(n, **kwargs)

    @pytest.mark.parametrize(
        ("n", "expected"),
        [
            (9999, "9999"),
            (10000, "1.00万"),
            (99999999, "10000.00万"),
            (100000000, "1.00亿"),
            (-10000, "-1.00万"),
        ],
    )
    def test_auto_picks_the_unit_by_absolute_size(self, n, expected):
        """Auto: below 10,000 as it is, below 100,000,000 万, else 亿."""
        assert expected == format_count(n, unit="auto")

    def test_refuses_unknown_units_listing_the_accepted(self):
        """A money unit is not a count unit."""
        with pytest.raises(ValueError, match="use one of '', '万', '亿', 'auto'"):
            format_count(1, unit="万元")

    @pytest.mark.parametrize(
        ("n", "error"), [(3.0, TypeError), (False, TypeError), (Decimal("NaN"), ValueError)]
    )
    def test_refuses_inexact_counts(self, n, error):
        """Floats and booleans are refused with TypeError, NaN with ValueError."""
        with pytest.raises(error):
            format_count(n)


class TestFormatPercent:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (Decimal("0.98624"), "98.62%"),
            (Fraction(502, 509), "98.62%"),
            (Fraction(789, 800), "98.63%"),
            (Decimal("0.98625"), "98.63%"),
            (Decimal("0.986249999"), "98.62%"),
            (0, "0.00%"),
            (1, "100.00%"),
            (Decimal("1.5"), "150.00%"),
            (Decimal("-0.1053"), "-10.53%"),
            (Decimal("-0.00004"), "0.00%"),
            (Ratio(502, 509), "98.62%"),
            (Ratio(Decimal(789), Decimal(800)), "98.63%"),
            (Ratio(Decimal("0.5"), 4), "12.50%"),
        ],
    )
    def test_writes_a_ratio_as_a_percentage_rounded_half_up(self, value, expected):
        """The ratio times 100, rounded half up, with the percent sign."""
        assert expected == format_percent(value)

    @pytest.mark.parametrize(("places", "expected"), [(0, "13%"), (1, "12.5%"), (4, "12.5000%")])
    def test_rounds_to_the_places_asked(self, places, expected):
        """One eighth is 12.5%: 13% with no decimals, never the half-even 12%."""
        assert expected == format_percent(Fraction(1, 8), places)

    def test_rounds_from_the_exact_ratio_not_a_rounded_quotient(self):
        """A ratio a hair below a tie rounds down though its 28-digit quotient is the tie."""
        ratio = Fraction(98625 * 10**35 - 1, 10**40)
        expected = "98.62%"
        assert expected == format_percent(ratio)
        assert expected == format_percent(Ratio(ratio.numerator, ratio.denominator))

    @pytest.mark.parametrize("value", [None, Ratio(0, 0), Ratio(5, 0), Ratio(5, Decimal("0.00"))])
    def test_writes_the_placeholder_for_an_undefined_rate(self, value):
        """None or a zero denominator gives the em dash, not nan% nor ZeroDivisionError."""
        expected = UNDEFINED
        assert expected == format_percent(value)

    def test_writes_the_placeholder_asked_for(self):
        """The undefined placeholder can be replaced."""
        expected = "不适用"
        assert expected == format_percent(Ratio(3, 0), undefined="不适用")

    def test_writes_a_rate_whose_numerator_is_zero(self):
        """0 ÷ n is a defined rate of 0%."""
        expected = "0.00%"
        assert expected == format_percent(Ratio(0, 7))

    @pytest.mark.parametrize("value", [0.98, Ratio(0.5, 1), Ratio(1, 2.0), True, Ratio(True, 2)])
    def test_refuses_floats_and_booleans(self, value):
        """A float or a bool, as the ratio or as a part of it, is refused with TypeError."""
        with pytest.raises(TypeError):
            format_percent(value)

    @pytest.mark.parametrize("value", ["0.98", object(), [1, 2]])
    def test_refuses_what_is_not_a_ratio(self, value):
        """A string or an object without numerator and denominator is refused."""
        with pytest.raises(TypeError, match="a ratio must be"):
            format_percent(value)

    @pytest.mark.parametrize("value", [Decimal("NaN"), Ratio(Decimal("Infinity"), 1)])
    def test_refuses_non_finite_ratios(self, value):
        """NaN and infinity are refused with ValueError."""
        with pytest.raises(ValueError, match="must be finite"):
            format_percent(value)

    @pytest.mark.parametrize("places", [-1, 5])
    def test_refuses_places_outside_the_range(self, places):
        """Places are 0 to 4."""
        with pytest.raises(ValueError, match="places"):
            format_percent(Decimal("0.5"), places)

    @given(
        rate=st.integers(1, 10**6).flatmap(
            lambda den: st.tuples(st.integers(0, den), st.just(den))
        ),
        places=st.integers(0, 4),
    )
    @example(rate=(789, 800), places=2)
    @example(rate=(1, 8), places=0)
    @example(rate=(0, 1), places=2)
    @example(rate=(1, 1), places=2)
    def test_equals_integer_half_up_and_lies_between_0_and_100(self, rate, places):
        """A Fraction(num, den) with num ≤ den is written as integer half-up rounding says."""
        num, den = rate
        scaled = (2 * num * 100 * 10**places + den) // (2 * den)
        whole, fraction = divmod(scaled, 10**places)
        expected = f"{whole}.{fraction:0{places}d}%" if places else f"{whole}%"
        actual = format_percent(Fraction(num, den), places)
        assert expected == actual
        assert Decimal(0) <= Decimal(actual.removesuffix("%")) <= Decimal(100)


class TestFormatPoints:
    @pytest.mark.parametrize(
        ("points", "places", "expected"),
        [
            (Decimal("0.5"), 1, "0.5个百分点"),
            (Decimal("-0.5"), 1, "-0.5个百分点"),
            (Decimal("0.05"), 1, "0.1个百分点"),
            (Decimal("0.0499"), 1, "0.0个百分点"),
            (Decimal("-0.05"), 1, "-0.1个百分点"),
            (Decimal("-0.04"), 1, "0.0个百分点"),
            (Decimal("0.25"), 1, "0.3个百分点"),
            (0, 1, "0.0个百分点"),
            (3, 0, "3个百分点"),
            (Decimal("1.2345"), 4, "1.2345个百分点"),
        ],
    )
    def test_writes_points_rounded_half_up_with_the_sign(self, points, places, expected):
        """The change in points, half up, sign kept unless it rounds to zero."""
        assert expected == format_points(points, places)

    def test_refuses_a_float_saying_to_use_decimal(self):
        """A float change is refused with TypeError naming Decimal."""
        with pytest.raises(TypeError, match=r"use Decimal\('0.5'\)"):
            format_points(0.5)

    @pytest.mark.parametrize("places", [-1, 5])
    def test_refuses_places_outside_the_range(self, places):
        """Places are 0 to 4."""
        with pytest.raises(ValueError, match="places"):
            format_points(Decimal("0.5"), places)


# Numerals GB/T 15835-2011 writes, with the boundary of each rule on both sides.
NUMERALS = [
    (0, "零"),
    (1, "一"),
    (9, "九"),
    (10, "十"),
    (11, "十一"),
    (19, "十九"),
    (20, "二十"),
    (22, "二十二"),
    (100, "一百"),
    (101, "一百零一"),
    (103, "一百零三"),
    (110, "一百一十"),
    (111, "一百一十一"),
    (1000, "一千"),
    (1001, "一千零一"),
    (1010, "一千零一十"),
    (1100, "一千一百"),
    (3052, "三千零五十二"),
    (9999, "九千九百九十九"),
    (10000, "一万"),
    (10001, "一万零一"),
    (10010, "一万零一十"),
    (10100, "一万零一百"),
    (11000, "一万一千"),
    (100000, "十万"),
    (100010, "十万零一十"),
    (107000, "十万七千"),
    (110000, "十一万"),
    (150000, "十五万"),
    (1000000, "一百万"),
    (1001000, "一百万一千"),
    (1000100, "一百万零一百"),
    (10000000, "一千万"),
    (99999999, "九千九百九十九万九千九百九十九"),
    (10**8, "一亿"),
    (100000010, "一亿零一十"),
    (100001000, "一亿零一千"),
    (100100000, "一亿零一十万"),
    (110000000, "一亿一千万"),
    (10**9, "十亿"),
    (1010000000, "十亿一千万"),
    (10**12, "一万亿"),
    (10**12 + 1, "一万亿零一"),
    (10**13, "十万亿"),
    (10**15 + 10**8, "一千万零一亿"),
    (10**16 - 1, "九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九"),
    (-1, "负一"),
    (-10, "负十"),
    (-100010, "负十万零一十"),
]


class TestToChinese:
    @pytest.mark.parametrize(("n", "expected"), NUMERALS)
    def test_writes_numerals_with_the_zeros_gb_t_15835_requires(self, n, expected):
        """Every needed 零 once, none at the end, 十 alone only at the start."""
        assert expected == to_chinese(n)

    @pytest.mark.parametrize("n", [10**16, -(10**16), 10**20])
    def test_refuses_numbers_beyond_the_limit_naming_it(self, n):
        """Ten thousand 万亿 and beyond is refused, naming 10**16."""
        with pytest.raises(ValueError, match=r"below 10\*\*16"):
            to_chinese(n)

    @pytest.mark.parametrize("n", [True, 1.0, Decimal(1), "1", None])
    def test_refuses_what_is_not_an_int(self, n):
        """Booleans, floats, Decimals, strings and None are refused with TypeError."""
        with pytest.raises(TypeError):
            to_chinese(n)

    @given(st.integers(0, 10**16 - 1))
    @example(10)
    @example(100000)
    @example(10**8)
    @example(10**12)
    @example(100001000)
    def test_writes_only_numerals_with_no_doubled_or_trailing_zero(self, n):
        """The output uses 零一二三四五六七八九十百千万亿 only, with no 零零 and no final 零."""
        words = to_chinese(n)
        assert set() == set(words) - set("零一二三四五六七八九十百千万亿")
        assert "零零" not in words
        assert n == 0 or not words.endswith("零")

    @given(st.integers(-(10**16) + 1, -1))
    def test_writes_negatives_as_fu_and_the_rest(self, n):
        """A negative number is 负 and its absolute value."""
        assert "负" + to_chinese(-n) == to_chinese(n)


class TestFromChinese:
    @pytest.mark.parametrize(("expected", "text"), NUMERALS)
    def test_reads_what_to_chinese_writes(self, expected, text):
        """Each numeral reads back to its number."""
        assert expected == from_chinese(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("两百", 200),
            ("两千", 2000),
            ("两万", 20000),
            ("两亿", 200000000),
            ("一千两百", 1200),
            ("负两万", -20000),
            ("〇", 0),
            ("一百〇三", 103),
            ("十万〇一十", 100010),
        ],
    )
    def test_accepts_liang_before_a_unit_and_ling_circle_for_zero(self, text, expected):
        """两 stands for 2 before 百千万亿; 〇 stands for 零."""
        assert expected == from_chinese(text)

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "负",
            "负零",
            "一十",
            "一十万",
            "十十",
            "百",
            "一百十",
            "一百零零三",
            "一百三",
            "零一",
            "一零",
            "十零",
            "两",
            "两十",
            "十两",
            "二〇二三",
            "二零二三",
            "一亿亿",
            "一万万",
            "一万亿亿",
            "一万零千",
            " 十",
            "10",
            "壹拾",
            "九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九万",
        ],
    )
    def test_refuses_anything_else_quoting_it(self, text):
        """Forms to_chinese does not write are refused with the text in the message."""
        with pytest.raises(ValueError, match=f"writes it: {text!r}"):
            from_chinese(text)

    def test_refuses_what_is_not_text(self):
        """A number is not a numeral."""
        with pytest.raises(TypeError):
            from_chinese(103)

    @given(st.integers(0, 10**12))
    @example(10)
    @example(100000)
    @example(10**8)
    @example(10**12)
    @example(100001000)
    def test_inverts_to_chinese(self, n):
        """from_chinese(to_chinese(n)) is n."""
        assert n == from_chinese(to_chinese(n))

    @given(st.integers(-(10**16) + 1, 10**16 - 1))
    def test_inverts_to_chinese_over_its_whole_range(self, n):
        """The round trip holds for negatives and up to the limit too."""
        assert n == from_chinese(to_chinese(n))


class TestToChineseYear:
    @pytest.mark.parametrize(
        ("year", "expected"),
        [
            (2023, "二〇二三"),
            (2000, "二〇〇〇"),
            (1999, "一九九九"),
            (2010, "二〇一〇"),
            (0, "〇"),
        ],
    )
    def test_writes_digit_by_digit_with_ling_circle(self, year, expected):
        """Years are read digit by digit with 〇 for zero."""
        assert expected == to_chinese_year(year)

    def test_refuses_a_negative_year(self):
        """Years start at 0."""
        with pytest.raises(ValueError, match="must not be negative"):
            to_chinese_year(-1)

    @pytest.mark.parametrize("year", [2023.0, True, "2023"])
    def test_refuses_what_is_not_an_int(self, year):
        """Floats, booleans and strings are refused with TypeError."""
        with pytest.raises(TypeError):
            to_chinese_year(year)


# Capitals the PBOC rules write, with their boundaries.
CAPITALS = [
    (Decimal(6800), "陆仟捌佰元整"),
    (Decimal("6800.05"), "陆仟捌佰元零伍分"),
    (Decimal("6800.50"), "陆仟捌佰元伍角"),
    (Decimal("6800.55"), "陆仟捌佰元伍角伍分"),
    (Decimal("107000.53"), "壹拾万柒仟元伍角叁分"),
    (Decimal(16), "壹拾陆元整"),
    (Decimal(10), "壹拾元整"),
    (Decimal(0), "零元整"),
    (Decimal("1409.50"), "壹仟肆佰零玖元伍角"),
    (Decimal("6007.14"), "陆仟零柒元壹角肆分"),
    (Decimal("325.04"), "叁佰贰拾伍元零肆分"),
    (Decimal("16409.02"), "壹万陆仟肆佰零玖元零贰分"),
    (Decimal("1680.32"), "壹仟陆佰捌拾元叁角贰分"),
    (Decimal(1000000), "壹佰万元整"),
    (Decimal(100010), "壹拾万零壹拾元整"),
    (Decimal(100001000), "壹亿零壹仟元整"),
    (Decimal("0.50"), "伍角"),
    (Decimal("0.05"), "伍分"),
    (Decimal("0.55"), "伍角伍分"),
    (Decimal("0.01"), "壹分"),
    (Decimal("1.00"), "壹元整"),
    (Decimal("1.01"), "壹元零壹分"),
    (Decimal("1.10"), "壹元壹角"),
    (Decimal("999999999999.99"), "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
]


class TestToCapitalAmount:
    @pytest.mark.parametrize(("yuan", "expected"), CAPITALS)
    def test_writes_capitals_by_the_pboc_rules(self, yuan, expected):
        """整 after 元, 零 for gaps, 元零…分 when 角 is 0, 壹拾 always."""
        assert expected == to_capital_amount(yuan)

    @pytest.mark.parametrize(("yuan", "expected"), [(6800, "陆仟捌佰元整"), (16, "壹拾陆元整")])
    def test_accepts_ints(self, yuan, expected):
        """An int amount is whole yuan."""
        assert expected == to_capital_amount(yuan)

    @pytest.mark.parametrize(
        ("yuan", "expected"), [(Decimal("1.000"), "壹元整"), (Decimal("-0"), "零元整")]
    )
    def test_accepts_amounts_exact_to_the_fen_however_written(self, yuan, expected):
        """Extra zeros and a negative zero are still amounts exact to the fen."""
        assert expected == to_capital_amount(yuan)

    def test_writes_the_renminbi_prefix_when_asked(self):
        """With prefix, 人民币 stands before the amount."""
        expected = "人民币陆仟捌佰元整"
        assert expected == to_capital_amount(6800, prefix=True)

    @pytest.mark.parametrize(
        ("yuan", "message"),
        [
            (Decimal("-0.01"), "cannot be negative"),
            (-1, "cannot be negative"),
            (Decimal("1.005"), "not a whole number of fen"),
            (Decimal("0.001"), "not a whole number of fen"),
            (10**12, r"below 10\*\*12"),
            (Decimal("1E+12"), r"below 10\*\*12"),
            (Decimal("NaN"), "must be finite"),
        ],
    )
    def test_refuses_negative_sub_fen_and_huge_amounts(self, yuan, message):
        """Negative, sub-fen (never rounded), 10**12 and more, and NaN are ValueError."""
        with pytest.raises(ValueError, match=message):
            to_capital_amount(yuan)

    def test_accepts_the_largest_amount(self):
        """One fen below 10**12 yuan is still written."""
        assert to_capital_amount(Decimal(10**12) - Decimal("0.01")).endswith("玖角玖分")

    @pytest.mark.parametrize("yuan", [6800.0, True, "6800"])
    def test_refuses_floats_and_non_numbers(self, yuan):
        """Floats, booleans and strings are refused with TypeError."""
        with pytest.raises(TypeError):
            to_capital_amount(yuan)

    @given(st.integers(0, 10**14 - 1), st.booleans())
    @example(0, False)
    @example(10**14 - 1, False)
    def test_writes_only_capitals_and_never_two_zeros(self, cents, prefix):
        """The output uses the PBOC characters only (人民币 with prefix), no 零零."""
        words = to_capital_amount(Decimal(cents) / 100, prefix=prefix)
        body = words.removeprefix("人民币") if prefix else words
        assert prefix == words.startswith("人民币")
        assert set() == set(body) - set("零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整")
        assert "零零" not in body


class TestFromCapitalAmount:
    @pytest.mark.parametrize(("expected", "text"), CAPITALS)
    def test_reads_what_to_capital_amount_writes(self, expected, text):
        """Each capital amount reads back to its amount."""
        assert expected == from_capital_amount(text)

    def test_reads_two_decimals(self):
        """The amount comes back with its two decimals."""
        expected = "6800.00"
        assert expected == str(from_capital_amount("陆仟捌佰元整"))

    def test_accepts_the_renminbi_prefix(self):
        """人民币 before the amount is accepted."""
        expected = Decimal("107000.53")
        assert expected == from_capital_amount("人民币壹拾万柒仟元伍角叁分")

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "人民币",
            "整",
            "元整",
            "陆仟捌佰元",
            "陆仟捌佰元正",
            "陆仟捌佰元伍角整",
            "陆仟捌佰元伍分",
            "陆仟捌佰元零伍角",
            "壹拾万零柒仟元伍角叁分",
            "壹拾万柒仟元零伍角叁分",
            "拾陆元整",
            "零伍分",
            "零元伍角",
            "六千八百元整",
            "人民币人民币零元整",
            "陆仟捌佰元整人民币",
            "壹万亿元整",
            "壹亿亿元整",
            "陆仟陆仟元整",
        ],
    )
    def test_refuses_anything_else_quoting_it(self, text):
        """Forms to_capital_amount does not write are refused with the text in the message."""
        with pytest.raises(ValueError, match=f"writes it: {text!r}"):
            from_capital_amount(text)

    def test_refuses_what_is_not_text(self):
        """A number is not a capital amount."""
        with pytest.raises(TypeError):
            from_capital_amount(6800)

    @given(st.integers(0, 10**14 - 1), st.booleans())
    @example(0, False)
    @example(1, False)
    @example(10**14 - 1, True)
    @example(10_700_053, False)
    def test_inverts_to_capital_amount(self, cents, prefix):
        """from_capital_amount(to_capital_amount(a)) is a for every amount with two decimals."""
        amount = (Decimal(cents) / 100).quantize(Decimal("0.01"))
        assert amount == from_capital_amount(to_capital_amount(amount, prefix=prefix))


class TestHeadingMarker:
    @pytest.mark.parametrize(
        ("position", "level", "expected"),
        [
            (1, 1, "一、"),
            (11, 1, "十一、"),
            (1, 2, "（一）"),
            (11, 2, "（十一）"),
            (1, 3, "1."),
            (11, 3, "11."),
            (1, 4, "（1）"),
            (11, 4, "（11）"),
        ],
    )
    def test_writes_the_marker_of_each_level(self, position, level, expected):
        """一、, （一）, 1. and （1） for levels 1 to 4."""
        assert expected == heading_marker(position, level)

    def test_defaults_to_level_one(self):
        """Without a level the marker is 一、-style."""
        expected = "三、"
        assert expected == heading_marker(3)

    def test_uses_full_width_parentheses(self):
        """The parentheses of levels 2 and 4 are U+FF08 and U+FF09."""
        expected = "\uff08\u4e00\uff09"
        assert expected == heading_marker(1, 2)

    @pytest.mark.parametrize("position", [0, -1])
    def test_refuses_positions_below_one(self, position):
        """Positions start at 1."""
        with pytest.raises(ValueError, match="positions start at 1"):
            heading_marker(position)

    @pytest.mark.parametrize("level", [0, 5])
    def test_refuses_unknown_levels(self, level):
        """Levels are 1 to 4."""
        with pytest.raises(ValueError, match="heading levels are 1 to 4"):
            heading_marker(1, level)

    @pytest.mark.parametrize("position", [1.0, True])
    def test_refuses_positions_that_are_not_ints(self, position):
        """A float or a bool position is refused with TypeError."""
        with pytest.raises(TypeError):
            heading_marker(position)


class TestEnumeration:
    @pytest.mark.parametrize(
        ("position", "expected"),
        [(1, "一是"), (2, "二是"), (3, "三是"), (10, "十是"), (11, "十一是"), (20, "二十是")],
    )
    def test_writes_the_chinese_numeral_and_shi(self, position, expected):
        """一是, 二是, … 十一是."""
        assert expected == enumeration(position)

    def test_refuses_positions_below_one(self):
        """There is no zeroth point."""
        with pytest.raises(ValueError, match="positions start at 1"):
            enumeration(0)


class TestMeasureWords:
    @pytest.mark.parametrize(
        ("kind", "expected"),
        [
            (MeasureKind.CASE, ("件", "宗", "起")),
            (MeasureKind.ESTABLISHMENT_VISIT, ("家次",)),
            (MeasureKind.HAZARD, ("条", "处")),
            (MeasureKind.PERSON, ("名", "人")),
            (MeasureKind.ITEM, ("项",)),
            (MeasureKind.TIME, ("次", "场次")),
        ],
    )
    def test_gives_the_allowed_words_default_first(self, kind, expected):
        """Each kind has its words, the default first."""
        assert expected == measure_words(kind)

    @pytest.mark.parametrize(
        ("kind", "value"),
        [
            (MeasureKind.CASE, "case"),
            (MeasureKind.ESTABLISHMENT_VISIT, "establishment_visit"),
            (MeasureKind.HAZARD, "hazard"),
            (MeasureKind.PERSON, "person"),
            (MeasureKind.ITEM, "item"),
            (MeasureKind.TIME, "time"),
        ],
    )
    def test_kinds_have_their_english_values(self, kind, value):
        """The kinds' values are their English names, and a value is accepted for the kind."""
        assert value == kind.value
        assert measure_words(kind) == measure_words(value)

    def test_refuses_an_unknown_kind_listing_the_kinds(self):
        """An unknown kind is refused with the kinds named."""
        with pytest.raises(ValueError, match="unknown measure kind 'case_file'; use one of 'case'"):
            measure_words("case_file")


class TestWithMeasure:
    @pytest.mark.parametrize(
        ("args", "kwargs", "expected"),
        [
            ((243, MeasureKind.CASE), {}, "243件"),
            ((216, MeasureKind.CASE, "起"), {}, "216起"),
            ((22, MeasureKind.PERSON), {"numerals": "chinese"}, "二十二名"),
            ((1200, MeasureKind.ESTABLISHMENT_VISIT), {}, "1200家次"),
            ((3, MeasureKind.HAZARD, "处"), {}, "3处"),
            ((5, MeasureKind.ITEM), {}, "5项"),
            ((12, MeasureKind.TIME, "场次"), {"numerals": "arabic"}, "12场次"),
            ((0, MeasureKind.CASE), {}, "0件"),
            ((10, "person", "人"), {"numerals": "chinese"}, "十人"),
        ],
    )
    def test_writes_the_number_and_its_measure_word(self, args, kwargs, expected):
        """The count, arabic or Chinese, directly followed by the word."""
        assert expected == with_measure(*args, **kwargs)

    def test_refuses_a_word_of_another_kind_naming_the_allowed(self):
        """家次 is not a word for cases; the message names 件, 宗, 起."""
        with pytest.raises(
            ValueError, match="'家次' is not a measure word for 'case'; use one of 件, 宗, 起"
        ):
            with_measure(3, MeasureKind.CASE, "家次")

    @pytest.mark.parametrize("numerals", ["roman", "Chinese", ""])
    def test_refuses_unknown_numerals(self, numerals):
        """Numerals are "arabic" or "chinese"."""
        with pytest.raises(ValueError, match="numerals must be 'arabic' or 'chinese'"):
            with_measure(3, MeasureKind.CASE, numerals=numerals)

    @pytest.mark.parametrize("n", [3.0, True, Decimal(3)])
    def test_refuses_counts_that_are_not_ints(self, n):
        """A float, a bool or a Decimal count is refused with TypeError."""
        with pytest.raises(TypeError):
            with_measure(n, MeasureKind.CASE)


class TestFormatDate:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (dt.date(2024, 1, 18), "2024年1月18日"),
            (dt.date(2024, 12, 5), "2024年12月5日"),
            (dt.date(2023, 10, 10), "2023年10月10日"),
        ],
    )
    def test_writes_year_month_day_without_padding(self, day, expected):
        """年, 月 and 日 after unpadded numbers."""
        assert expected == format_date(day)

    def test_refuses_a_datetime(self):
        """A datetime carries a time and is refused with TypeError."""
        with pytest.raises(TypeError, match="not a datetime"):
            format_date(dt.datetime(2024, 1, 18, 9, 30, tzinfo=dt.UTC))

    @pytest.mark.parametrize("day", ["2024-01-18", None, 20240118])
    def test_refuses_what_is_not_a_date(self, day):
        """Strings, None and numbers are not dates."""
        with pytest.raises(TypeError):
            format_date(day)

    @given(st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)))
    def test_agrees_with_the_zh_cn_long_date_pattern(self, day):
        """The date is what Babel's zh_CN long pattern writes."""
        assert babel_format_date(day, "long", locale="zh_CN") == format_date(day)


class TestErrors:
    @pytest.mark.parametrize(
        ("function", "args", "kwargs", "error", "builtin"),
        [
            pytest.param(format_amount, (True,), {}, NumberTypeError, TypeError, id="bool"),
            pytest.param(format_amount, (0.68,), {}, NumberTypeError, TypeError, id="float"),
            pytest.param(format_amount, ("6800",), {}, NumberTypeError, TypeError, id="str"),
            pytest.param(
                format_amount, (Decimal("NaN"),), {}, NumberFormatError, ValueError, id="nan"
            ),
            pytest.param(
                format_amount, (1,), {"places": 5}, NumberFormatError, ValueError, id="places"
            ),
            pytest.param(
                format_amount, (1,), {"unit": "千元"}, NumberFormatError, ValueError, id="unit"
            ),
            pytest.param(round_half_up, (0.5,), {}, NumberTypeError, TypeError, id="rounding"),
            pytest.param(format_percent, ("0.5",), {}, NumberTypeError, TypeError, id="ratio"),
            pytest.param(to_chinese, (1.0,), {}, NumberTypeError, TypeError, id="whole-float"),
            pytest.param(to_chinese, (False,), {}, NumberTypeError, TypeError, id="whole-bool"),
            pytest.param(to_chinese, ("1",), {}, NumberTypeError, TypeError, id="whole-str"),
            pytest.param(to_chinese, (10**16,), {}, NumberFormatError, ValueError, id="range"),
            pytest.param(from_chinese, (1,), {}, NumberTypeError, TypeError, id="text"),
            pytest.param(from_chinese, ("一十",), {}, NumberFormatError, ValueError, id="numeral"),
            pytest.param(to_chinese_year, (-1,), {}, NumberFormatError, ValueError, id="year"),
            pytest.param(to_capital_amount, (-1,), {}, NumberFormatError, ValueError, id="neg"),
            pytest.param(
                to_capital_amount, (Decimal("1.005"),), {}, NumberFormatError, ValueError, id="fen"
            ),
            pytest.param(
                to_capital_amount, (10**12,), {}, NumberFormatError, ValueError, id="capital-limit"
            ),
            pytest.param(
                from_capital_amount,
                ("陆仟捌佰元",),
                {},
                NumberFormatError,
                ValueError,
                id="capitals",
            ),
            pytest.param(enumeration, (0,), {}, NumberFormatError, ValueError, id="position"),
            pytest.param(
                heading_marker, (1,), {"level": 5}, NumberFormatError, ValueError, id="level"
            ),
            pytest.param(
                measure_words, ("case_file",), {}, NumberFormatError, ValueError, id="kind"
            ),
            pytest.param(
                with_measure, (3, "case", "家次"), {}, NumberFormatError, ValueError, id="word"
            ),
            pytest.param(
                with_measure,
                (3, "case"),
                {"numerals": "roman"},
                NumberFormatError,
                ValueError,
                id="numerals",
            ),
            pytest.param(
                format_date,
                (dt.datetime(2024, 1, 18, tzinfo=dt.UTC),),
                {},
                NumberTypeError,
                TypeError,
                id="datetime",
            ),
            pytest.param(format_date, ("2024-01-18",), {}, NumberTypeError, TypeError, id="date"),
        ],
    )
    def test_refusals_are_enforcement_core_errors(self, function, args, kwargs, error, builtin):
        """Each refusal is the library's error and the built-in one callers already catch."""
        with pytest.raises(error) as refused:
            function(*args, **kwargs)
        assert isinstance(refused.value, EnforcementCoreError)
        assert isinstance(refused.value, builtin)

    def test_raises_nothing_but_its_errors(self):
        """Every raise statement in numbers_zh raises NumberFormatError or NumberTypeError."""
        for module in modules_of(numbers_zh):
            tree = ast.parse(inspect.getsource(module))
            for node in ast.walk(tree):
                if isinstance(node, ast.Raise) and node.exc is not None:
                    raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
                    assert isinstance(raised, ast.Name), f"{module.__name__}:{node.lineno}"
                    assert raised.id in {"NumberFormatError", "NumberTypeError"}, (
                        f"{module.__name__}:{node.lineno}"
                    )

    def test_are_exported_from_the_package(self):
        """Both errors are importable from enforcement_core, as every public name is."""
        assert ec.errors.NumberFormatError is NumberFormatError
        assert ec.errors.NumberTypeError is NumberTypeError
