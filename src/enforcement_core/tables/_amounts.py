"""Fines and confiscations written in the free text of a decision (处罚结果, 处罚内容).

The earlier national standard (2016-2020) has no money column: the fine and the
confiscation are in the words of 处罚结果 ("处以罚款人民币伍仟元整", "罚款0.5万元",
"没收违法所得1200元并处罚款3000元"). The 2021 standard's 处罚内容 often says them too.
Amounts are read in Arabic digits, Chinese numerals (五千) and financial capitals
(伍仟), in 元 and 万元, exactly; each is the fine or the confiscation by the word
nearest before it in its clause (罚款, 没收), else the first after it ("处以5000元罚款").
A text that names a fine whose amount cannot be read is refused with its text,
never read as no fine.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Final

import attrs

from enforcement_core.numbers_zh import from_chinese
from enforcement_core.tables._cells import CellError, read_text

__all__ = ["Amounts", "read_amounts"]

_WAN: Final = Decimal(10_000)
_FEN: Final = Decimal("0.01")
_ONE: Final = Decimal(1)
# Financial capitals (大写) as the numerals they stand for; 圆 is 元.
_CAPITALS: Final = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟圆", "一二三四五六七八九十百千元")
_DIGITS: Final = "零〇一二两三四五六七八九"
_DIGIT_VALUES: Final = dict(zip(_DIGITS, (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_NUMERAL: Final = f"[{_DIGITS}十百千万亿]+"
# An amount: digits (a thousands comma allowed) or a numeral, then its unit, then 角 and 分.
_AMOUNT: Final = re.compile(
    rf"(?P<number>[0-9][0-9,]*(?:\.[0-9]+)?|{_NUMERAL})\s*(?P<unit>万元|元)"
    rf"(?:(?P<jiao>[{_DIGITS}])角)?(?:零?(?P<fen>[{_DIGITS}])分)?"
)
_KEYWORDS: Final = re.compile(r"罚款|没收")
# ¥5000.00 is 5000.00元.
_YEN: Final = re.compile(r"¥\s*([0-9][0-9,]*(?:\.[0-9]+)?)")
# What stands between an amount and the same amount written again in brackets:
# 伍仟元整（¥5000.00）, 5000元（大写：伍仟元整）.
_BRACKETS: Final = re.compile(r"\([^()]*\)")
_AGAIN: Final = re.compile(r"\s*整?\s*\((?:大写|小写)?[:]?\s*")
# Clauses: an amount belongs to a word of its own clause.
# (A comma between digits groups thousands: 1,200 is one number.)
_CLAUSES: Final = re.compile(r"(?<![0-9]),|,(?![0-9]{3}(?![0-9]))|[;。、]|并处|并")
# A clause that says a fine is not imposed names none.
_NOT: Final = re.compile(r"不予|免予|免于|不再|未予")


@attrs.frozen
class Amounts:
    """The fine and the confiscation a text states, in yuan; ``None`` for one it does not state."""

    fine: Decimal | None = None
    confiscation: Decimal | None = None


def _number(text: str) -> Decimal:
    if text[0].isdigit():
        if "," in text and not re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?", text):
            raise ValueError(text)
        return Decimal(text.replace(",", ""))
    # Capitals open with 壹拾 (壹拾万元), numerals with 十 (十万): one number.
    numeral = text.replace("〇", "零")
    return Decimal(from_chinese(numeral[1:] if numeral.startswith("一十") else numeral))


def _amount(found: re.Match[str]) -> Decimal:
    """The amount in yuan of one match; ``ValueError`` when it cannot be read exactly."""
    yuan = _number(found["number"]) * (_WAN if found["unit"] == "万元" else 1)
    for place, scale in (("jiao", Decimal("0.1")), ("fen", _FEN)):
        if found[place]:
            yuan += _DIGIT_VALUES[found[place]] * scale
    if yuan % _FEN:
        raise ValueError(found.group())
    # As read_wan_yuan gives amounts: whole yuan without places, else to the fen.
    return yuan.quantize(_ONE) if yuan == yuan.to_integral_value() else yuan.quantize(_FEN)


@attrs.define
class _Clauses:
    """What the clauses of a text gave: amounts by kind, and whether any could not be read."""

    fines: list[Decimal] = attrs.field(factory=list)
    taken: list[Decimal] = attrs.field(factory=list)
    unread: bool = False
    twice: bool = False


def _word_of(words: list[tuple[int, str]], found: re.Match[str]) -> str | None:
    """The word an amount belongs to: the nearest before it, else the first after it."""
    before = [word for at, word in words if at < found.start()]
    after = [word for at, word in words if at >= found.end()]
    return before[-1] if before else after[0] if after else None


def _clause(clause: str, read: _Clauses) -> None:
    """The amounts of one clause, added to ``read``."""
    words = [(m.start(), m.group()) for m in _KEYWORDS.finditer(clause)]
    if not words or _NOT.search(clause):
        return
    fined = False
    last: tuple[int, Decimal] | None = None
    brackets = [m.span() for m in _BRACKETS.finditer(clause)]
    for found in _AMOUNT.finditer(clause):
        word = _word_of(words, found)
        try:
            amount = _amount(found)
        except (ValueError, ArithmeticError):
            read.unread = read.unread or word == "罚款"
            continue
        if last is not None and _AGAIN.fullmatch(clause[last[0] : found.start()]):
            # The amount written again (in capitals, or in figures): one amount, if the same.
            read.twice = read.twice or amount != last[1]
            last = (found.end(), amount)
            continue
        last = (found.end(), amount)
        if any(start < found.start() < end for start, end in brackets):
            # An explanation in brackets (其中…): part of an amount outside them.
            continue
        if word == "罚款":
            read.fines.append(amount)
            fined = True
        elif word == "没收":
            read.taken.append(amount)
    if any(word == "罚款" for _, word in words) and not fined:
        read.unread = True


def read_amounts(value: object) -> Amounts:
    """The fine and the confiscation stated in a decision's text.

    Examples:
        >>> read_amounts("处以罚款人民币伍仟元整")
        Amounts(fine=Decimal('5000'), confiscation=None)
        >>> read_amounts("没收违法所得1200元并处罚款0.3万元")
        Amounts(fine=Decimal('3000'), confiscation=Decimal('1200'))
        >>> read_amounts("罚款人民币伍仟元整（¥5000.00）")
        Amounts(fine=Decimal('5000'), confiscation=None)
        >>> read_amounts("警告")
        Amounts(fine=None, confiscation=None)
        >>> read_amounts("处以罚款")
        Traceback (most recent call last):
        ...
        enforcement_core.tables._cells.CellError: the text names a fine (罚款) whose amount in 元 or 万元 cannot be read: '处以罚款'
    """
    text = read_text(value)
    plain = unicodedata.normalize("NFKC", text).translate(_CAPITALS).replace("人民币", "")
    plain = _YEN.sub(r"\1元", plain)
    read = _Clauses()
    for clause in _CLAUSES.split(plain):
        _clause(clause, read)
    if read.twice:
        raise CellError(
            f"the text writes an amount twice, differently: {text!r}",
            f"文字两次写出的金额不一致：{text!r}",
        )
    if read.unread:
        raise CellError(
            f"the text names a fine (罚款) whose amount in 元 or 万元 cannot be read: {text!r}",
            f"文字提及罚款，但无法读出以元或万元为单位的金额：{text!r}",
        )
    return Amounts(
        sum(read.fines, Decimal(0)) if read.fines else None,
        sum(read.taken, Decimal(0)) if read.taken else None,
    )
