"""A field's distinct values, held in Arrow and numpy: what the national engine decides on.

The engine of :mod:`._publicity_columns` holds a field as its distinct values and each
row's position among them (``_Factor``). Here: a field of text whose values stay
Arrow text (the decision numbers, a value a row), the amounts decided on their fen,
and the distinct values made into an Arrow array from buffers, never through
pyarrow's conversion of Python values (which imports pandas), to be taken by the
rows' codes into the typed table; and the declared checks of a field run once per
distinct value (or pair of values), those it surely passes found in Arrow or on fen.
"""

from __future__ import annotations

from typing import Any, Final

import attrs

from enforcement_core._arrow import from_numpy, matching, scalar, strings
from enforcement_core._validators import MAX_MONEY, Check
from enforcement_core.tables._arrow_files import _Amounts, _pa, _pc, _Texts, _values_at
from enforcement_core.tables._columns import _FEW, _Factor, _Proxy, _Read


def _factor(read: _Read) -> _Factor:
    """A column as read, as a field's factor; text held in Arrow stays there."""
    if isinstance(read.distinct, _Texts):
        texts: Any = read.distinct  # a sequence, held in Arrow
        return _TextFactor(texts, read.codes)
    if isinstance(read.distinct, _Amounts):
        amounts: Any = read.distinct  # a sequence, held as fen
        return _AmountFactor(amounts, read.codes, read.fen)
    return _Factor(list(read.distinct), read.codes, read.fen)


def _sample(factor: _Factor) -> list[Any]:
    """The values of the first thousand rows; of Arrow text, taken at once, not a string a row."""
    codes = factor.codes[:1000].tolist()
    distinct = factor.distinct
    if not isinstance(distinct, _Texts):
        return [distinct[c] for c in codes]
    # A blank slot is None, the last among them: the others are in the texts' range.
    blank = distinct._blank  # noqa: SLF001  (its own slots)
    given = iter(_values_at(distinct, [c for c in codes if not blank[c]]))
    return [None if blank[c] else next(given) for c in codes]


def _nothing_at(distinct: Any) -> Any:
    """The positions of the distinct values that are ``None`` (of Arrow text: the blank ones)."""
    import numpy as np  # noqa: PLC0415

    if isinstance(distinct, _Texts):
        return np.flatnonzero(distinct._blank)  # noqa: SLF001  (its own slots)
    if isinstance(distinct, _Amounts):
        return np.flatnonzero(distinct.nothing())
    return np.array([p for p, value in enumerate(distinct) if value is None], dtype=np.int64)


@attrs.define
class _TextFactor(_Factor):
    """A field of plain text whose distinct values stay in Arrow (:class:`_Texts`).

    Each row's value, its presence and its truth are read off the blank slots; a
    Python string is made only of a value looked at (a record built, a refusal).
    The last slot of the texts is a blank one: a row without a value points there.
    """

    def _blank(self) -> Any:
        texts: _Texts = self.distinct  # type: ignore[assignment]
        return texts._blank  # noqa: SLF001  (its own slots)

    def given(self) -> Any:
        """Which rows have a value: a text not blank."""
        if self._given is None:
            self._given = ~self._blank()[self.codes]
        return self._given

    def truthy(self) -> Any:
        """Which rows have a value that is true: a text not blank (a trimmed one is not empty)."""
        return self.given()

    def where(self, rows: Any) -> _Factor:
        """The values of ``rows`` only, the others pointing at the last (blank) slot."""
        import numpy as np  # noqa: PLC0415

        if rows.all():
            return self
        return _TextFactor(self.distinct, np.where(rows, self.codes, len(self.distinct) - 1))


def _zeros(amount: _Factor) -> Any:
    """Which distinct amounts are 0: by their fen where it is known, else by the value."""
    import numpy as np  # noqa: PLC0415

    if isinstance(amount.distinct, _Amounts):
        return amount.distinct.zeros()
    count = len(amount.distinct)
    return np.fromiter((v is not None and v == 0 for v in amount.distinct), bool, count)


@attrs.define
class _AmountFactor(_Factor):
    """A field of amounts in 万元 held as fen (:class:`_Amounts`): a Decimal made when looked at.

    Each row's presence and truth are read off the fen. The last slot is ``None``: a
    row without a value points there.
    """

    def _amounts(self) -> _Amounts:
        amounts: _Amounts = self.distinct  # type: ignore[assignment]
        return amounts

    def given(self) -> Any:
        """Which rows have a value."""
        if self._given is None:
            self._given = ~self._amounts().nothing()[self.codes]
        return self._given

    def truthy(self) -> Any:
        """Which rows have a value that is true: an amount not 0."""
        return self.given() & ~self._amounts().zeros()[self.codes]

    def where(self, rows: Any) -> _Factor:
        """The values of ``rows`` only, the others pointing at the last (``None``) slot."""
        import numpy as np  # noqa: PLC0415

        if rows.all():
            return self
        codes = np.where(rows, self.codes, len(self.distinct) - 1)
        return _AmountFactor(self.distinct, codes, self.fen)


def _text_values(factor: _Factor, texts: Any) -> Any:
    """A factor's distinct texts as an Arrow ``string`` array (``None``: null).

    When ``texts`` are the column's cells as read (trimmed; a blank one is ``None``
    among the distinct values) and the values after them are ``None``, they are the
    values: taken as they are, a blank one null.
    """
    pa, pc = _pa(), _pc()
    distinct = factor.distinct
    if texts is None or len(distinct) < len(texts):
        return strings(distinct)
    if any(value is not None for value in distinct[len(texts) :]):
        return strings(distinct)
    texts = texts.cast(pa.string())
    blank = pc.equal(texts, scalar(""))
    texts = pc.if_else(blank, scalar(None, pa.string()), texts)
    return pa.concat_arrays([texts, pa.nulls(len(distinct) - len(texts), pa.string())])


def _text_field(field: _Factor, texts: Any, keep: Any, *, every: bool) -> Any:
    """A field of text for the kept rows, of its distinct values (``texts``: a plain column's cells)."""
    codes = field.codes if every else field.codes[keep]
    if texts is not None and _each_its_own(codes, texts):
        # Every row its own cell, in order (the decision numbers): the cells as read are
        # the column, not copied three times. A blank cell's row points past them.
        return texts.cast(_pa().string())
    return _text_values(field, texts).take(from_numpy(codes))


def _each_its_own(codes: Any, texts: Any) -> bool:
    """Whether ``codes`` are ``0, 1, 2, ...`` to the last of ``texts``: each row its own text, in order."""
    rows = len(codes)
    if rows != len(texts):
        return False
    return not rows or bool(
        codes[0] == 0 and codes[-1] == rows - 1 and (codes[1:] > codes[:-1]).all()
    )


def _fens(factor: _Factor) -> tuple[Any, Any] | None:
    """Each distinct amount in fen (int64) and whether it is one; ``None`` for a factor not held as fen."""
    if not isinstance(factor.distinct, _Amounts):
        return None
    return factor.distinct.fens()


def _fen_array(factor: _Factor) -> Any:
    """The distinct amounts in fen as an Arrow ``int64`` array (null: none); ``None`` without fen."""
    fens = _fens(factor)
    if fens is None:
        return None
    fen, known = fens
    return _with_nulls(from_numpy(fen), known, _pa().int64())


def _with_nulls(array: Any, valid: Any, arrow_type: Any) -> Any:
    """``array`` null where ``valid`` (numpy booleans) is false."""
    if valid.all():
        return array
    return _pc().if_else(from_numpy(valid), array, scalar(None, arrow_type))


# Declared checks of a field, once per distinct value -------------------------------------


def _value_reasons(check: Any, factor: _Factor, eligible: Any, texts: Any = None) -> dict[int, str]:
    """Each distinct value's refusal by a check of a value alone, by its position.

    Values equal to one another share the reason of the first row's (as a memo
    of the rows in order would); an identifier of letters and digits alone is
    one the check lets pass, found in Arrow when a column has many. ``texts``: the
    Arrow text of the first distinct values, when they are a plain column's cells.
    """
    import numpy as np  # noqa: PLC0415

    # The rows of the values the check may refuse: of a column of many, few (a million
    # decision numbers, each of plain letters and digits, are none).
    passing = _surely_passing(check, factor, texts)
    if passing is not None:
        eligible = eligible & ~passing[factor.codes]
    # Each such value's first eligible row, counted rather than sorted out of the rows.
    positions = np.flatnonzero(eligible)
    first = np.full(len(factor.distinct), len(eligible), dtype=np.int64)
    np.minimum.at(first, factor.codes[positions], positions)
    present = np.flatnonzero(first < len(eligible))
    memo: dict[Any, str | None] = {}
    reasons: dict[int, str] = {}
    for position in present[np.argsort(first[present], kind="stable")].tolist():
        value = factor.distinct[position]
        # Equal is not the same: Decimal("-0") == 0, and the money check refuses only the first.
        key = (type(value), value, str(value)) if not isinstance(value, list) else None
        reason = memo[key] if key is not None and key in memo else check.reason(None, value)
        if key is not None:
            memo[key] = reason
        if reason is not None:
            reasons[position] = reason
    return reasons


def _surely_passing(check: Any, factor: _Factor, texts: Any = None) -> Any:
    """Which distinct values ``check`` surely lets pass (numpy booleans); ``None``: look at each.

    The check says it itself: by its ``plain_pattern``, run on the texts in Arrow (many
    identifiers are letters and digits alone), or value by value by its
    ``plainly_passes`` (many amounts are Decimals of two places well below the largest;
    one read from plain digits is known in fen, held to the largest amount at once).
    """
    import numpy as np  # noqa: PLC0415

    distinct = factor.distinct
    count = len(distinct)
    if count <= _FEW:
        return None
    if check.plain_pattern is not None:
        if texts is None or any(v is not None for v in distinct[len(texts) :]):
            texts = strings([v if type(v) is str else None for v in distinct])
        passing = np.zeros(count, dtype=bool)
        passing[: len(texts)] = matching(texts, check.plain_pattern)
        return passing
    if type(check).plainly_passes is Check.plainly_passes:
        return None
    if factor.fen is None or check.kind != "money":
        return np.fromiter(map(check.plainly_passes, distinct), bool, count)
    fen = factor.fen
    passing = (fen >= 0) & (fen <= _MAX_FEN)
    for position in np.flatnonzero(fen < 0).tolist():
        passing[position] = check.plainly_passes(distinct[position])
    return passing


_MAX_FEN: Final = int(MAX_MONEY * 100)


def _pair_reasons(check: Any, factor: _Factor, other: _Factor, pairs: Any) -> dict[int, str]:
    """A cross-field check's refusals, by pair of positions (``value * width + limit``)."""
    import numpy as np  # noqa: PLC0415

    width = len(other.distinct)
    reasons: dict[int, str] = {}
    for pair in np.unique(pairs).tolist():
        at, limit_at = divmod(pair, width)
        value, limit = factor.distinct[at], other.distinct[limit_at]
        if (check.kind == "not_before" and value < limit) or (
            check.kind == "at_most" and value > limit
        ):
            reason = check.reason(_Proxy({check.other: limit}), value)
            if reason is not None:
                reasons[pair] = reason
    return reasons
