"""The deletion index finds exactly what a scan of the whole vocabulary would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

from nlp.customers import Index, closest

LETTERS = st.text(alphabet="abcde", min_size=1, max_size=7)


@settings(max_examples=300, deadline=None)
@given(vocab=st.lists(LETTERS, min_size=1, max_size=40, unique=True), word=LETTERS)
def test_same_answer_as_a_full_scan(vocab: list[str], word: str) -> None:
    index = Index(vocab=sorted(vocab))
    scan = extractOne(word, index.vocab, scorer=OSA.distance, score_cutoff=1)
    assert closest(word, index) == (scan[0] if scan is not None else None)


def test_swaps_and_single_edits() -> None:
    index = Index(vocab=sorted(["whitaker", "ferreira", "okonkwo"]))
    assert closest("whitakre", index) == "whitaker"  # neighbours swapped
    assert closest("ferrera", index) == "ferreira"  # one letter missing
    assert closest("okonkwoo", index) == "okonkwo"  # one letter extra
    assert closest("okomkwo", index) == "okonkwo"  # one letter wrong
    assert closest("whtiakre", index) is None  # two edits away
