"""Identifier checks of the national standards, for the columns that hold identifiers.

A table's 统一社会信用代码 (unified social credit code, GB 32100-2015) and its
resident identity numbers (GB 11643-1999) end in a check character computed from
the others: a mistyped character is found before the figures are. Each function
says why an identifier is refused, or returns ``None``; a reader reports the
reason as a row problem, never as a crash.

Examples:
    >>> credit_code_problem("91350100M000100Y43") is None
    True
    >>> credit_code_problem("91350100M000100Y44")
    'the check character is 4, expected 3 (GB 32100-2015)'
    >>> id_number_problem("11010519491231002X") is None
    True
    >>> id_number_problem("110105194912310021")
    'the check digit is 1, expected X (GB 11643-1999)'
"""

from __future__ import annotations

import datetime as dt
import operator
import re
import unicodedata
from typing import Final

__all__ = ["credit_code_problem", "id_number_problem", "identifier_problem"]

# GB 32100-2015 §4: the 31 characters of the code (no I, O, Z, S, V) and the weights.
_CREDIT_CHARS: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS: Final = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT: Final = re.compile(f"[{_CREDIT_CHARS}]{{18}}")
# Each character's value, looked up (a province checks its bodies' codes in every piece).
_CREDIT_VALUES: Final = {c: value for value, c in enumerate(_CREDIT_CHARS)}

# GB 11643-1999 §8.2: ISO 7064 MOD 11-2 weights and the check characters by remainder.
_ID_WEIGHTS: Final = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECKS: Final = "10X98765432"
_ID_18: Final = re.compile(r"[0-9]{17}[0-9X]")
_ID_15: Final = re.compile(r"[0-9]{15}")


def credit_code_problem(code: str) -> str | None:
    """Why ``code`` is not a unified social credit code (统一社会信用代码); ``None`` if it is.

    Examples:
        >>> credit_code_problem("9135010")
        'a unified social credit code has 18 characters, got 7'
        >>> credit_code_problem("91350100M000100YI3")
        "'I' is not a character of a unified social credit code"
        >>> credit_code_problem("000000000000000000")
        '000000000000000000 is a placeholder of zeros, not a unified social credit code'
    """
    if len(code) != 18:
        return f"a unified social credit code has 18 characters, got {len(code)}"
    if not _CREDIT.fullmatch(code):
        bad = next(c for c in code if c not in _CREDIT_CHARS)
        return f"{bad!r} is not a character of a unified social credit code"
    if not code[:17].strip("0"):
        # Zeros pass the check (their sum is 0): a placeholder typed to fill the cell.
        return f"{code} is a placeholder of zeros, not a unified social credit code"
    total = sum(map(operator.mul, map(_CREDIT_VALUES.__getitem__, code[:17]), _CREDIT_WEIGHTS))
    expected = _CREDIT_CHARS[(31 - total % 31) % 31]
    if code[17] != expected:
        return f"the check character is {code[17]}, expected {expected} (GB 32100-2015)"
    return None


def _birth_problem(text: str) -> str | None:
    try:
        dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return f"the date of birth {text} is not a day of the calendar"
    return None


def id_number_problem(number: str) -> str | None:
    """Why ``number`` is not a resident identity number (身份证号码); ``None`` if it is.

    18-digit numbers carry a check character (``X`` for 10); the older 15-digit
    numbers have none, and their year of birth is 19YY.

    Examples:
        >>> id_number_problem("110105491231002") is None
        True
        >>> id_number_problem("11010519491331002X")
        'the date of birth 19491331 is not a day of the calendar'
    """
    if _ID_15.fullmatch(number):
        return _birth_problem("19" + number[6:12])
    if not _ID_18.fullmatch(number):
        return "an identity number has 18 digits (the last may be X), or 15 digits"
    birth = _birth_problem(number[6:14])
    if birth is not None:
        return birth
    total = sum(int(c) * w for c, w in zip(number, _ID_WEIGHTS, strict=False))
    expected = _ID_CHECKS[total % 11]
    if number[17] != expected:
        return f"the check digit is {number[17]}, expected {expected} (GB 11643-1999)"
    return None


def identifier_problem(text: str) -> str | None:
    """Why ``text`` is neither a credit code nor an identity number; ``None`` if it is one.

    For a column that holds either (a party's 证件号码): an 18-character value
    with a letter other than a final X is read as a credit code.

    Examples:
        >>> identifier_problem("91350100M000100Y43"), identifier_problem("11010519491231002X")
        (None, None)
        >>> identifier_problem("11010519491231002x")
        'write it as 11010519491231002X (half-width digits, a capital X)'
        >>> identifier_problem("000000000000000000")
        'the date of birth 00000000 is not a day of the calendar'
    """
    written = unicodedata.normalize("NFKC", text).upper()
    if written != text and (
        credit_code_problem(written) is None or id_number_problem(written) is None
    ):
        # A lowercase x, or full-width digits typed with a Chinese input method.
        return f"write it as {written} (half-width digits, a capital X)"
    if len(text) == 18 and not _ID_18.fullmatch(text):
        return credit_code_problem(text)
    # Both kinds of number may start alike; either check passing is enough.
    if len(text) == 18 and credit_code_problem(text) is None:
        return None
    return id_number_problem(text)
