"""The national 双公示 tables column by column: the engine of :mod:`._publicity_rows` on Arrow.

A national table's columns are not the record's fields: they are shaped into them
column by column (as ``_penalty`` and ``_licence`` shape a row), each field held as
its distinct values and each row's position among them, and checked by the same
steps as a sheet of the library's layout (:mod:`._columns`). Each rule of a row runs
once per distinct combination of the values it reads.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

import attrs

from enforcement_core._arrow import from_numpy
from enforcement_core._validators import declared_checks, split_validator
from enforcement_core.actions import (
    LicensingDecision,
    Party,
    PartyKind,
)
from enforcement_core.errors import InvariantError
from enforcement_core.tables._arrow_files import (
    _Encoded,
    _encoded,
    _is_text,
    _pa,
    _strings,
)
from enforcement_core.tables._arrow_records import (
    _bare,
    _converted,
    _keep_written,
    _values_by_codes,
    _vocabulary_column,
)
from enforcement_core.tables._cells import blank, read_text, read_wan_yuan
from enforcement_core.tables._columns import (
    _DISTINCT_SHARE,
    _VALUE_ONLY,
    _as_text,
    _constant,
    _Factor,
    _or,
    _plain,
    _Read,
    _read_column,
    _unread_rows,
)
from enforcement_core.tables._counted import Checked, _grouped, _signatures
from enforcement_core.tables._distinct import (
    _factor,
    _fen_array,
    _nothing_at,
    _pair_reasons,
    _sample,
    _text_field,
    _text_values,
    _value_reasons,
    _zeros,
)
from enforcement_core.tables._layout import (
    Column,
    build,
    match_columns,
)
from enforcement_core.tables._problems import TableProblem
from enforcement_core.tables._publicity_rows import (
    AMOUNTS,
    NO_KIND,
    PARTY_CODES,
    PERSONAL_NUMBERS,
    PUBLISHED,
    amount_stated,
    header_of,
    id_reason,
    party_kind,
    sanctions_of,
    text_amounts,
)
from enforcement_core.tables._reasons import in_chinese
from enforcement_core.tables._sheet_columns import _cell

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from enforcement_core.tables._publicity import PublishedLayout


def _national(  # noqa: PLR0913  (the sheet, its columns, and where problems and the read cells go)
    sheet_name: str,
    table: Any,
    found: dict[int, Column],
    layout: PublishedLayout,
    problems: list[TableProblem],
    *,
    cells: dict[str, Any] | None = None,
    wanted: Callable[[str], bool] | None = None,
    encodings: dict[int, _Encoded] | None = None,
    narrow: Callable[[Any, Mapping[str, Any]], Any] | None = None,
) -> Checked:
    """A national table checked (its typed table made when asked for); ``cells`` gets every column as read.

    ``cells``, when given, receives each column as read by the column's key
    (``"body"``, ``"body_code"``): its distinct values (the last ``None``) and each
    row's code among them (the engine's own array: not to be changed in place),
    ``"_kept"``: which rows pass every check, ``"_named"``: which read and passed the
    table's rules (where the object reading finds bodies).
    ``wanted``, when given, says which of the typed table's columns (by name,
    ``"party.name"``) to make: every row is checked all the same. ``encodings``, when
    given, receives the decision numbers' column as encoded, by its index.
    ``narrow``, given the rows that pass (numpy booleans) and the fields as read (by
    name, ``_Factor``), once ``cells`` is filled, gives the rows the typed table holds.
    """
    shape = _penalty_fields if layout.kind == "penalty" else _licence_fields
    return _checked(
        sheet_name, table, found, layout, problems, shape, cells, wanted, encodings, narrow
    )


def _to_encode_published(
    sheet_name: str,
    header: list[str],
    layout: PublishedLayout,
    mapping: Mapping[str, str | tuple[str, str]] | None,
) -> frozenset[int]:
    """Which columns of a national table's header to read dictionary-encoded.

    All but the decision numbers (a value a row, not hashed) and the amounts in 万元
    (half as many distinct cells as rows: the reader's dictionaries, a chunk's each,
    cost more to make one than the column costs to hash once). Read encoded, a
    column is its few distinct cells and a code a row, not a million strings held to
    be hashed after (:func:`_checked` encodes every column at once).
    """
    found = match_columns(sheet_name, header, layout.columns, mapping, [], ignored=layout.ignored())
    hashed_after = {i for i, c in found.items() if c.key == "id" or c.read is read_wan_yuan}
    return frozenset(range(len(header))) - hashed_after


def _unhashed(column: Column) -> bool:
    """Whether a column is read a cell a row, not hashed: the decision numbers, the amounts in 万元."""
    return column.key == "id" or (
        column.read is read_wan_yuan and not column.listed and column.check is None
    )


def _checked(  # noqa: C901, PLR0912, PLR0913, PLR0915, PLR0917  (the steps of the checks of a national table)
    sheet_name: str,
    table: Any,
    found: dict[int, Column],
    layout: PublishedLayout,
    problems: list[TableProblem],
    shape: Any,
    cells: dict[str, Any] | None = None,
    wanted: Callable[[str], bool] | None = None,
    encodings: dict[int, _Encoded] | None = None,
    narrow: Callable[[Any, Mapping[str, Any]], Any] | None = None,
) -> Checked:
    """A national table's records checked, every refused row reported and left out.

    ``shape`` makes the record's fields of the columns as read, as ``_penalty`` and
    ``_licence`` of :mod:`~enforcement_core.tables._publicity` make them of a row.
    Every step is the object path's, in its order, run column by column: the
    checks of a value once per distinct value, the checks written as methods on
    one record per combination of what rows give.
    """
    import numpy as np  # noqa: PLC0415

    record = layout.record
    rows = table.num_rows
    refused = np.zeros(rows, dtype=bool)
    # Each column encoded once; not hashed, the decision numbers and amounts (half a province's
    # distinct: hashing them cost more than deciding each row's fen costs beyond each distinct one's).
    raw = {
        i: _encoded(_strings(table.column(i)), hashed=i not in found or not _unhashed(found[i]))
        for i in range(table.num_columns)
    }
    if encodings is not None:
        encodings.update({i: raw[i] for i, c in found.items() if c.key == "id"})
    # A row blank in every column is no record, as the object path reads past it.
    empty_rows = _unread_rows(table, raw)
    # 1. Every cell, by its column's reader, once per distinct value.
    given: dict[Column, _Read] = {}
    for index, column in found.items():
        array = table.column(index)
        encoded = raw[index]
        if not _is_text(array.type):
            # Typed cells (Parquet) go to the column's reader as the object path gives them.
            text, _ = _as_text(sheet_name, array, column, problems, refused, empty_rows)
            encoded = _encoded(text)
        # A column of a value a row (the decision numbers) keeps its text in Arrow: only
        # the values looked at become Python strings.
        read = _read_column(
            sheet_name, encoded, column, problems, refused, passed=empty_rows, lazy=encoded.of_rows
        )
        # The codes stay as encoded (int32, 4 bytes a row): the sums of codes that could
        # pass 2**31 are made in int64 where they are made (_signatures, pairs).
        given[column] = read
    for column, read in given.items():
        if not column.required:
            continue
        # A cell read as nothing is required, unless its reader refused it above.
        unread = _nothing_at(read.distinct)
        candidates = np.flatnonzero(np.isin(read.codes, unread) & ~empty_rows)
        if not len(candidates):
            continue
        index = next(i for i, c in found.items() if c is column)
        raw = table.column(index).take(from_numpy(candidates)).to_pylist()
        for row, cell in zip(candidates.tolist(), raw, strict=True):
            if blank(cell):
                problems.append(
                    TableProblem.at(
                        sheet_name,
                        row + 2,
                        column.header(),
                        None,
                        "a value is required",
                        "此项必填",
                    )
                )
                refused[row] = True
    refused |= empty_rows
    # 2. The engine's rules of a row (its party's number, its amounts in words), then
    # the records' fields, column by column, in the order of their names.
    factors = {c.key: _factor(r) for c, r in given.items()}
    _rules(sheet_name, table, found, layout, factors, refused, empty_rows, problems)
    keyed = shape(factors, rows, layout.party_kind)
    invalid = np.zeros(rows, dtype=bool)
    # 3. Declared checks: value-only ones per distinct value, cross-field ones per pair.
    fields = {f.name: f for f in attrs.fields(record)}
    header_of = {c.path[0]: c.header() for c in found.values()}
    # A plain column's cells in Arrow, for the checks that run on text there.
    texts_of = {c.key: r.texts for c, r in given.items() if _plain(c) and r.texts is not None}
    unrefused = ~refused
    for name, factor in keyed.items():
        field = fields.get(name)
        if field is None or isinstance(factor, _Parties):
            continue
        header = header_of.get(name, name)
        for check in declared_checks(field):
            if check.kind in _VALUE_ONLY:
                eligible = factor.given() & unrefused
                keys_of_rows = factor.codes
                reasons = _value_reasons(check, factor, eligible, texts_of.get(name))
            elif check.kind in ("not_before", "at_most"):
                other = keyed.get(check.other)  # type: ignore[attr-defined]
                if other is None:
                    continue
                eligible = factor.given() & other.given() & unrefused
                keys_of_rows = factor.codes.astype(np.int64) * len(other.distinct) + other.codes
                reasons = _pair_reasons(check, factor, other, keys_of_rows[eligible])
            else:
                continue
            if not reasons:
                continue
            for row in np.flatnonzero(eligible & np.isin(keys_of_rows, list(reasons))).tolist():
                reason = reasons[int(keys_of_rows[row])]
                value = factor.distinct[int(factor.codes[row])]
                problems.append(
                    TableProblem.at(sheet_name, row + 2, header, value, reason, in_chinese(reason))
                )
                invalid[row] = True
    # 4. Checks written as methods: one record per combination of presence and vocabulary
    # values, the rows in order of their first; every row of a refused combination.
    keys, radix = [], []
    for factor in keyed.values():
        if isinstance(factor, _Parties):
            keys.append(~factor.present)
            radix.append(2)
            continue
        sample = _sample(factor)
        if _low_cardinality(sample):
            ids: dict[Any, int] = {}
            canonical = np.array(
                [ids.setdefault(v, len(ids)) for v in factor.distinct], dtype=np.int32
            )
            keys.append(canonical[factor.codes])
            radix.append(len(ids))
        else:
            keys.append(~factor.given())
            radix.append(2)
    signature = _signatures(keys, radix, rows)
    # A row whose party the Party class refuses is built alone, as one it refused above:
    # the groups key a party by its presence only, and its name is free text.
    alone = invalid.copy()
    for factor in keyed.values():
        if isinstance(factor, _Parties):
            alone |= _refused_parties(factor)
    alone &= ~refused
    first, group_of = _grouped(signature, ~refused & ~alone)
    # In the order of their first rows, each row built alone in its place.
    tried = sorted(
        [(row, False) for row in first.tolist()]
        + [(row, True) for row in np.flatnonzero(alone).tolist()]
    )
    columns_tuple = tuple(found.values())
    for row, single in tried:
        if build(record, _kwargs(keyed, row), (sheet_name, row + 2), columns_tuple, []) is not None:
            continue
        members = [row] if single else np.flatnonzero(group_of == group_of[row]).tolist()
        for member in members:
            mine: list[TableProblem] = []
            where = (sheet_name, member + 2)
            if build(record, _kwargs(keyed, member), where, columns_tuple, mine) is None:
                problems.extend(mine)
                invalid[member] = True
    keep = ~(refused | invalid)
    if cells is not None:
        # The codes as encoded (int32): their readers index with them or widen the few
        # they use (_canonical); a copy of every column in int64 took 0.24 s of a
        # province's 8.2 under a profile.
        cells.update({c.key: (r.distinct, r.codes) for c, r in given.items()})
        cells.update(_kept=keep, _named=~refused)
    if narrow is not None:
        keep = narrow(keep, keyed)
    factors = {name: f for name, f in keyed.items() if isinstance(f, _Factor)}
    make = functools.partial(_national_arrow, record, keyed, keep, texts_of, wanted)
    return Checked(make, record, factors, keep)


def _rules(  # noqa: C901, PLR0912, PLR0913, PLR0917  (the table, its columns, and the rules in turn)
    sheet_name: str,
    table: Any,
    found: dict[int, Column],
    layout: PublishedLayout,
    factors: dict[str, _Factor],
    refused: Any,
    unread: Any,
    problems: list[TableProblem],
) -> None:
    """The rules of :mod:`._publicity` for each distinct combination of the values they read.

    A row a rule refuses is reported, as the object path reports it, and marked in
    ``refused``. The rules read what the cells gave (a refused cell gives nothing),
    so a row's problems come together; blank rows and notes are not looked at.
    """
    import numpy as np  # noqa: PLC0415

    rows = table.num_rows
    eligible = ~unread
    nothing = _constant(None, rows)
    refusals: list[tuple[int, str, str, str, str]] = []
    index_of = {c.key: i for i, c in found.items()}

    def raw(key: str, row: int) -> Any:
        return read_text(_cell(table.column(index_of[key])[row].as_py()) or "")

    if "party.id_number" in factors:
        pair = [factors.get("party.id_type", nothing), factors["party.id_number"]]
        first, inverse = _combinations(pair, rows)
        bad: dict[int, str] = {}
        for at, row in enumerate(first.tolist()):
            kind, number = (f.distinct[f.codes[row]] for f in pair)
            if number is not None and (reason := id_reason(kind, number)) is not None:
                bad[at] = reason
        if bad:
            for row in np.flatnonzero(eligible & np.isin(inverse, list(bad))).tolist():
                reason = bad[int(inverse[row])]
                refusals.append(
                    (
                        row,
                        "party.id_number",
                        raw("party.id_number", row),
                        reason,
                        f"不是有效的证件号码或统一社会信用代码：{reason}",
                    )
                )
    if "party.name" in factors:
        kinds = _party_kinds(factors, rows, layout.party_kind, asked="party.kind" in factors)
        unknown = np.array([k is None for k in kinds.distinct], dtype=bool)[kinds.codes]
        named = factors["party.name"].given()
        refusals.extend(
            (row, "party.kind", raw("party.kind", row), *NO_KIND)
            for row in np.flatnonzero(eligible & named & unknown).tolist()
        )
    if "text" in factors:
        three = [
            factors.get("fine", nothing),
            factors.get("confiscation", nothing),
            factors["text"],
        ]
        first, inverse = _combinations(three, rows)
        fines, taken, bad_text = [], [], {}
        for at, row in enumerate(first.tolist()):
            fine, confiscation, why, why_zh = text_amounts(
                *(f.distinct[f.codes[row]] for f in three)
            )
            fines.append(fine)
            taken.append(confiscation)
            if why is not None and why_zh is not None:
                bad_text[at] = (why, why_zh)
        if bad_text:
            for row in np.flatnonzero(eligible & np.isin(inverse, list(bad_text))).tolist():
                why, why_zh = bad_text[int(inverse[row])]
                refusals.append((row, "text", raw("text", row), why, why_zh))
        factors["fine"] = _Factor(fines, inverse)
        factors["confiscation"] = _Factor(taken, inverse)
    if "sanctions_2" in factors:
        two = [factors.get("sanctions", nothing), factors["sanctions_2"]]
        first, inverse = _combinations(two, rows)
        merged = [sanctions_of(*(f.distinct[f.codes[row]] for f in two)) for row in first.tolist()]
        factors["sanctions"] = _Factor([m or None for m in merged], inverse)
    for row, key, value, why, why_zh in sorted(refusals, key=lambda r: r[0]):
        problems.append(
            TableProblem.at(sheet_name, row + 2, header_of(layout, found, key), value, why, why_zh)
        )
        refused[row] = True


@attrs.define
class _Parties:
    """The party of each row, as ``_party`` of the national tables makes it: by its parts."""

    #: Which rows have a party.
    present: Any
    #: Each row's name, number and a person's number beside a code, by their codes
    #: (``None`` where a row has none).
    name: _Factor
    id_number: _Factor
    personal_id: _Factor
    #: Each row's kind.
    kind: _Factor

    def of(self, row: int) -> dict[str, Any] | None:
        if not self.present[row]:
            return None
        party = {"name": _at(self.name, row), "kind": _at(self.kind, row)}
        number, personal = _at(self.id_number, row), _at(self.personal_id, row)
        if number is not None:
            party["id_number"] = number
        if personal is not None:
            party["personal_id"] = personal
        return party


def _at(factor: _Factor, row: int) -> Any:
    return factor.distinct[int(factor.codes[row])]


def _refused_parties(parties: _Parties) -> Any:
    """Which rows hold a party that :class:`~enforcement_core.actions.Party` refuses.

    Party checks each field by its value alone (:func:`_party_checks`), so a party is
    refused when one of its parts is: each distinct name, kind and number is checked
    once, not a Party built for each distinct party (nearly one a row in a province).
    """
    import numpy as np  # noqa: PLC0415

    present, checks = parties.present, _party_checks()
    refused = np.zeros(len(present), dtype=bool)
    every = bool(present.all())
    parts = zip(("name", "kind", "id_number", "personal_id"), _party_parts(parties), strict=True)
    for name, factor in parts:
        field, validators = checks[name]
        codes = factor.codes if every else factor.codes[present]
        used = np.bincount(codes, minlength=len(factor.distinct))
        bad = np.zeros(len(factor.distinct), dtype=bool)
        for position in np.flatnonzero(used).tolist():
            try:
                for validator in validators:
                    validator(None, field, factor.distinct[position])
            except InvariantError:
                bad[position] = True
        if bad.any():  # none refused (the usual table): no flag gathered a row
            refused |= bad[factor.codes]
    return refused & present


def _party_parts(parties: _Parties) -> tuple[_Factor, ...]:
    return parties.name, parties.kind, parties.id_number, parties.personal_id


@functools.cache
def _party_checks() -> dict[str, tuple[Any, tuple[Any, ...]]]:
    """Each field of Party with its validator's parts, each of which reads the value alone (a test holds it)."""
    checks = {}
    for field in attrs.fields(Party):
        alone, rest = split_validator(field.validator)
        if (
            rest or field.converter is not None
        ):  # pragma: no cover  (Party's checks read no other field)
            raise AssertionError(f"Party.{field.name} is checked beside other fields")
        checks[field.name] = (field, alone)
    return checks


def _party_kinds(
    given: Mapping[str, _Factor], rows: int, default: PartyKind | None, *, asked: bool
) -> _Factor:
    """Each row's ``party_kind``, decided once per combination of the kind and the numbers given."""
    import numpy as np  # noqa: PLC0415

    kind = given.get("party.kind") or _constant(None, rows)
    coded = np.zeros(rows, dtype=bool)
    personal = np.zeros(rows, dtype=bool)
    # A column the table lacks gives no number: nothing to look at.
    for keys, told in ((PARTY_CODES, coded), (PERSONAL_NUMBERS, personal)):
        for key in keys:
            if f"party.{key}" in given:
                np.logical_or(told, given[f"party.{key}"].truthy(), out=told)
    signature = kind.codes.astype(np.int64) * 4 + coded * 2 + personal
    # The combinations (few: kinds by two flags) counted, not sorted out of the rows.
    seen = np.bincount(signature, minlength=4 * len(kind.distinct)) > 0
    combinations = np.flatnonzero(seen)
    inverse = (np.cumsum(seen) - 1)[signature]
    decided = [
        party_kind(
            kind.distinct[int(k) // 4],
            coded=bool(k & 2),
            personal=bool(k & 1),
            default=default,
            asked=asked,
        )
        for k in combinations.tolist()
    ]
    return _Factor(decided, inverse)


def _first_truthy(given: Mapping[str, _Factor], keys: list[str], rows: int) -> _Factor:
    """``a or b or ...`` of the columns ``keys``, row by row, as :func:`_or` makes it.

    A column the table lacks is ``None`` in every row: the columns given are
    or-ed alone, and only when the last key's column is lacking is the last given
    one's falsy value (if it has any) made ``None``, as ``x or None`` makes it.
    """
    present = [given[key] for key in keys if key in given]
    if not present:
        return _constant(None, rows)
    result = present[0]
    for factor in present[1:]:
        result = _or(result, factor)
    last = present[-1].distinct
    if keys[-1] not in given and any(v is not None and not v for v in last):
        result = _or(result, _constant(None, rows))
    return result


def _parties(
    given: Mapping[str, _Factor], rows: int, shaped: Any, default: PartyKind | None
) -> _Parties:
    """``party_of`` of the national tables, column by column, for the ``shaped`` rows."""
    # The first code given, else the first of a person's numbers, as party_of takes them.
    codes = _first_truthy(given, [f"party.{key}" for key in PARTY_CODES], rows)
    personal = _first_truthy(given, [f"party.{key}" for key in PERSONAL_NUMBERS], rows)
    kind = _party_kinds(given, rows, default, asked=False)
    number = _or(codes, personal)
    beside = shaped & codes.truthy() & personal.truthy()
    name = given.get("party.name") or _constant(None, rows)
    return _Parties(
        shaped, name.where(shaped), number.where(shaped), personal.where(beside), kind.where(shaped)
    )


def _penalty_fields(
    given: Mapping[str, _Factor], rows: int, default: PartyKind | None
) -> dict[str, _Factor | _Parties]:
    """``_penalty`` of the national tables column by column: the fields, by name, in order.

    A row without its number, day or party's name has no fields (its required
    cell is refused); a field is there when a row has it.
    """
    import numpy as np  # noqa: PLC0415

    def column(key: str) -> _Factor:
        return given.get(key) or _constant(None, rows)

    shaped = column("id").given() & column("decided_on").given() & column("party.name").given()
    sanctions = column("sanctions").otherwise(())
    fields: dict[str, _Factor | _Parties] = {
        "id": column("id"),
        "decided_on": column("decided_on"),
        "domain": column("domain").otherwise(PUBLISHED["domain"]),
        "sanctions": sanctions,
        "procedure": _constant(PUBLISHED["procedure"], rows),
    }
    for field in AMOUNTS:
        # The rule reads whether the amount is 0 and the sanctions: decided once for each
        # distinct list of sanctions, twice (0 or not).
        amount = column(field)
        present = amount.given()
        if not present.any():  # no amount in any row (a column lacking): no field
            continue
        zero = _zeros(amount)
        stated = np.array(
            [
                [amount_stated(field, zero=flag, sanctions=listed) for listed in sanctions.distinct]
                for flag in (False, True)
            ],
            dtype=bool,
        )
        kept = present & stated[zero[amount.codes].astype(np.int64), sanctions.codes] & shaped
        if kept.any():
            fields[field] = amount.where(kept)
    shaped_fields = {
        name: field.where(shaped) if isinstance(field, _Factor) else field
        for name, field in fields.items()
    }
    shaped_fields["party"] = _parties(given, rows, shaped, default)
    return dict(sorted(shaped_fields.items())) if shaped.any() else {}


def _licence_fields(
    given: Mapping[str, _Factor], rows: int, default: PartyKind | None
) -> dict[str, _Factor | _Parties]:
    """``_licence`` of the national tables column by column: the fields, by name, in order."""

    def column(key: str) -> _Factor:
        return given.get(key) or _constant(None, rows)

    shaped = column("id").given() & column("decided_on").given() & column("party.name").given()
    fields: dict[str, _Factor | _Parties] = {
        "id": column("id").where(shaped),
        "applied_on": column("decided_on").where(shaped),
        "subject": _or(_or(column("subject"), column("document")), _constant("", rows)).where(
            shaped
        ),
        "applicant": _parties(given, rows, shaped, default),
        "decision": _constant(LicensingDecision.GRANTED, rows).where(shaped),
        "decided_on": column("decided_on").where(shaped),
    }
    return dict(sorted(fields.items())) if shaped.any() else {}


def _kwargs(keyed: Mapping[str, _Factor | _Parties], row: int) -> dict[str, Any]:
    """A row's fields, as the record takes them."""
    kwargs: dict[str, Any] = {}
    for name, field in keyed.items():
        value = field.of(row) if isinstance(field, _Parties) else field.distinct[field.codes[row]]
        if value is not None:
            kwargs[name] = value
    return kwargs


def _national_arrow(
    record: type,
    keyed: Mapping[str, _Factor | _Parties],
    keep: Any,
    texts_of: Mapping[str, Any] | None = None,
    wanted: Callable[[str], bool] | None = None,
) -> Any:
    """The kept rows as Arrow columns typed by the record's fields, from the distinct values.

    Each column is its distinct values in Arrow taken by the kept rows' codes: a value
    is converted once, however many rows give it, and never through pyarrow's
    conversion of Python values (which imports pandas). A field of text whose
    distinct values are a plain column's cells (``texts_of``, by key) is taken from
    them as read, not made again of Python strings. Only the ``wanted`` columns are made.
    """
    import typing  # noqa: PLC0415

    pa = _pa()
    hints = typing.get_type_hints(record)
    every = bool(keep.all())
    texts_of = texts_of or {}

    keep_at = slice(None) if every else keep

    def column(distinct: Any, codes: Any) -> Any:
        return distinct.take(from_numpy(codes[keep_at]))

    columns: dict[str, Any] = {}
    for name, field in keyed.items():
        if isinstance(field, _Parties):
            kinds, _ = _converted(PartyKind, field.kind.distinct)
            for part, factor in (
                ("name", field.name),
                ("kind", _Factor(kinds, field.kind.codes)),
                ("id_number", field.id_number),
                ("personal_id", field.personal_id),
            ):
                if wanted is None or wanted(f"{name}.{part}"):
                    distinct = _text_values(factor, texts_of.get(f"{name}.{part}"))
                    columns[f"{name}.{part}"] = column(distinct, factor.codes)
            continue
        if wanted is not None and not wanted(name):
            continue
        tp = _bare(hints[name])
        if tp is Decimal and (amounts := _fen_array(field)) is not None:
            columns[name] = column(amounts, field.codes)
            continue
        if tp is str:
            columns[name] = _text_field(field, texts_of.get(name), keep, every=every)
            continue
        if isinstance(tp, type) and issubclass(tp, Enum):
            # Vocabulary as Arrow's dictionary of the codes renumbered: no string a row
            # taken, then hashed again to encode it.
            columns[name] = _vocabulary_column(field.distinct, field.codes[keep_at])
            continue
        distinct, arrow_type = _converted(tp, list(field.distinct))
        columns[name] = _values_by_codes(distinct, arrow_type, field.codes[keep_at])
        _keep_written(columns, name, tp, field.distinct, field.codes[keep_at])
    return pa.table(columns).replace_schema_metadata({"record": record.__name__})


def _combinations(factors: list[_Factor], rows: int) -> tuple[Any, Any]:
    """Each distinct combination of the factors' values: its first row, and each row's one."""
    import numpy as np  # noqa: PLC0415

    signature = _signatures([f.codes for f in factors], [len(f.distinct) for f in factors], rows)
    _, first, inverse = np.unique(signature, return_index=True, return_inverse=True)
    return first, inverse.reshape(-1)


def _low_cardinality(values: list[Any]) -> bool:
    sample = values[:1000]
    return all(v is None or isinstance(v, Enum | bool | tuple) for v in sample) and len(
        {v for v in sample if not isinstance(v, list)}
    ) < max(8, len(sample) * _DISTINCT_SHARE)
