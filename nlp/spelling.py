"""Close spellings: one-edit candidates from a deletion index of the directory's words.

Two words within one edit (or one swap of neighbours) share a key among their
one-letter deletions, so candidates are found by lookup instead of a scan of every word.

The index is a sorted array of the keys' stable hashes beside the words that have them
(a quarter of a million keys for 100,000 contacts: a few MiB, where a dict of strings to
lists held ~30). Two keys sharing a hash only add a candidate, which the distance check
then turns away: answers are those of an exact index.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from nlp.patterns import pattern_hash


def deletions(word: str) -> set[str]:
    """`word` with each one of its letters left out."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@dataclass(frozen=True)
class NearIndex:
    """Deletion key -> vocabulary words that have it.

    Attributes:
        words: the vocabulary the arrays point into (never changed after the build).
        hashes: the keys' hashes, ascending, one per (key, word).
        targets: for each hash, the index of its word in `words`.
        added: keys of words added since (`with_words`) -> those words.
    """

    words: list[str]
    hashes: array[int]
    targets: array[int]
    added: dict[str, list[str]] = field(default_factory=dict)

    def get(self, key: str, default: tuple[str, ...] = ()) -> list[str] | tuple[str, ...]:
        """The words with deletion key `key` (and perhaps a few others: see the module)."""
        h = pattern_hash(key)
        i = bisect_left(self.hashes, h)
        found = []
        while i < len(self.hashes) and self.hashes[i] == h:
            found.append(self.words[self.targets[i]])
            i += 1
        more = self.added.get(key)
        if more:
            found.extend(more)
        return found or default


def deletion_index(vocab: list[str]) -> NearIndex:
    """The symmetric-deletion keys of every word in `vocab`."""
    hashes = array("q")
    targets = array("i")
    for n, word in enumerate(vocab):
        for key in deletions(word) | {word}:
            hashes.append(pattern_hash(key))
            targets.append(n)
    order = sorted(range(len(hashes)), key=hashes.__getitem__)
    return NearIndex(vocab, array("q", (hashes[i] for i in order)),
                     array("i", (targets[i] for i in order)))  # fmt: skip


def with_words(near: NearIndex, words: list[str]) -> NearIndex:
    """A copy of `near` that also knows `words` (`near` itself is left as it was)."""
    added = dict(near.added)
    for word in words:
        for key in deletions(word) | {word}:
            added[key] = [*added.get(key, ()), word]
    return NearIndex(near.words, near.hashes, near.targets, added)


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
