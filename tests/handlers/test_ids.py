"""Ids from forged button values."""

from __future__ import annotations

import pytest

from handlers.ids import as_id


@pytest.mark.parametrize(("raw", "expected"), [("0", 0), ("42", 42), ("123456789", 123456789)])
def test_plain_digits_are_ids(raw: str, expected: int) -> None:
    assert as_id(raw) == expected


@pytest.mark.parametrize("raw", ["", "²", "٣", "-1", "1.5", " 1", "1234567890", "12a", "⑤"])
def test_anything_else_is_not_an_id(raw: str) -> None:
    assert as_id(raw) is None
