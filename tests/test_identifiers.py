"""Identifier checks: credit codes and identity numbers, placeholders and how they are typed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enforcement_core.tables.identifiers import (
    credit_code_problem,
    id_number_problem,
    identifier_problem,
)
from profiles import examples

CODE = "91350100M000100Y43"
ID = "11010519491231002X"


class TestPlaceholders:
    @pytest.mark.parametrize("check", [credit_code_problem, identifier_problem])
    def test_zeros_are_refused(self, check):
        """Eighteen zeros pass the check sum, and are refused as a placeholder."""
        assert check("000000000000000000") is not None

    def test_zeros_say_why_as_a_credit_code(self):
        """The credit code's reason names the placeholder."""
        assert "000000000000000000 is a placeholder of zeros, not a unified social credit code" == (
            credit_code_problem("000000000000000000")
        )

    def test_a_code_with_some_zeros_passes(self):
        """A real code holding zeros is still a code."""
        assert credit_code_problem(CODE) is None
        assert identifier_problem(CODE) is None

    def test_zeros_as_an_identity_number(self):
        """Eighteen zeros are no identity number either: no day of birth."""
        assert "the date of birth 00000000 is not a day of the calendar" == id_number_problem(
            "000000000000000000"
        )


class TestHowTyped:
    @pytest.mark.parametrize(
        ("typed", "written"),
        [
            (ID[:-1] + "x", ID),
            ("１１０１０５１９４９１２３１００２Ｘ", ID),
            (CODE.lower(), CODE),
        ],
    )
    def test_a_number_typed_otherwise_is_named_as_it_should_be_written(self, typed, written):
        """A lowercase x or full-width digits: the message shows the number as it should be."""
        assert f"write it as {written} (half-width digits, a capital X)" == identifier_problem(
            typed
        )

    def test_written_right_passes(self):
        """The same numbers written right pass."""
        assert identifier_problem(ID) is None


_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _check_character(body: str) -> str:
    """GB 32100-2015's check character of 17 characters, as the standard writes the sum."""
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(body, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_CHARS[(31 - total % 31) % 31]


@settings(max_examples=examples(200))
@given(st.text(_CREDIT_CHARS, min_size=17, max_size=17), st.sampled_from(_CREDIT_CHARS))
def test_a_credit_code_passes_exactly_with_its_check_character(body, last):
    """Of 17 characters and any last one: the code passes exactly when the last is the standard's."""
    from enforcement_core.tables.identifiers import credit_code_problem

    expected = _check_character(body)
    problem = credit_code_problem(body + last)
    if not body.strip("0"):
        assert problem is not None
        assert "placeholder" in problem
    elif last == expected:
        assert problem is None
    else:
        assert problem == f"the check character is {last}, expected {expected} (GB 32100-2015)"
