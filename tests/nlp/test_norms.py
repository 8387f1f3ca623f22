"""Names are read into words exactly as messages are (the directory's patterns match)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.normalize import norms, tokenize


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="aAé'’s &-.Ø0 \u0301x", max_size=20))
def test_norms_are_the_tokens_norms(text: str) -> None:
    assert norms(text) == [t.norm for t in tokenize(text)]


@pytest.mark.parametrize(
    "text",
    ["Jane Doe", "ACME Corp 2", "  Olu  Bakare ", "O'Neil", "Jones' Hardware", "Zoë Ørsted",
     "AT&T", "St. Mary's", "Ana-Maria", "", "Ọlájídé", "Tab\tSeparated"],
)  # fmt: skip
def test_plain_and_other_names_alike(text: str) -> None:
    assert norms(text) == [t.norm for t in tokenize(text)]
