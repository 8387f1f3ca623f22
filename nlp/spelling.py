"""Close spellings: one-edit candidates from a deletion index of the directory's words.

Two words within one edit (or one swap of neighbours) share a key among their
one-letter deletions, so candidates are found by lookup instead of a scan of every word.
"""

from __future__ import annotations

from rapidfuzz.distance import OSA

#: Deletion key -> the vocabulary words that have it.
NearIndex = dict[str, list[str]]


def deletions(word: str) -> set[str]:
    """`word` with each one of its letters left out."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def deletion_index(vocab: list[str]) -> NearIndex:
    """The symmetric-deletion keys of every word in `vocab`."""
    near: NearIndex = {}
    for word in vocab:
        for key in deletions(word) | {word}:
            near.setdefault(key, []).append(word)
    return near


def with_words(near: NearIndex, words: list[str]) -> NearIndex:
    """A copy of `near` that also knows `words` (`near` itself is left as it was)."""
    grown = dict(near)
    for word in words:
        for key in deletions(word) | {word}:
            grown[key] = [*grown.get(key, ()), word]
    return grown


def closest(word: str, near: NearIndex) -> str | None:
    """The first vocabulary word at the smallest OSA distance (at most 1) from `word`."""
    candidates: set[str] = set()
    for key in deletions(word) | {word}:
        candidates.update(near.get(key, ()))
    best: tuple[int, str] | None = None
    for other in sorted(candidates):
        distance = OSA.distance(word, other, score_cutoff=1)
        if distance <= 1 and (best is None or distance < best[0]):
            best = (distance, other)
    return best[1] if best is not None else None
