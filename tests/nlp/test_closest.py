"""The deletion index finds exactly what a scan of the whole vocabulary would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

from nlp.spelling import closest, deletion_index, with_words

LETTERS = st.text(alphabet="abcde", min_size=1, max_size=7)


@settings(max_examples=300, deadline=None)
@given(vocab=st.lists(LETTERS, min_size=1, max_size=40, unique=True), word=LETTERS)
def test_same_answer_as_a_full_scan(vocab: list[str], word: str) -> None:
    vocab = sorted(vocab)
    scan = extractOne(word, vocab, scorer=OSA.distance, score_cutoff=1)
    assert closest(word, deletion_index(vocab)) == (scan[0] if scan is not None else None)


@settings(max_examples=100, deadline=None)
@given(
    old=st.lists(LETTERS, max_size=20, unique=True),
    new=st.lists(LETTERS, max_size=5, unique=True),
    word=LETTERS,
)
def test_an_index_grown_with_words_answers_like_one_built_with_them(
    old: list[str], new: list[str], word: str
) -> None:
    added = sorted(set(new) - set(old))
    grown = with_words(deletion_index(sorted(old)), added)
    assert closest(word, grown) == closest(word, deletion_index(sorted([*old, *added])))


def test_swaps_and_single_edits() -> None:
    near = deletion_index(sorted(["whitaker", "ferreira", "okonkwo"]))
    assert closest("whitakre", near) == "whitaker"  # neighbours swapped
    assert closest("ferrera", near) == "ferreira"  # one letter missing
    assert closest("okonkwoo", near) == "okonkwo"  # one letter extra
    assert closest("okomkwo", near) == "okonkwo"  # one letter wrong
    assert closest("whtiakre", near) is None  # two edits away
