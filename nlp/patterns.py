"""A frozen table of word patterns and the entries they name, in a few flat arrays.

A dict of tuples to sets costs about 300 bytes a pattern: half a gigabyte-second of
allocation and ~50 MiB held for 100,000 contacts. Here a pattern costs about 20 bytes:
its stable 64-bit hash in a sorted array, its text in one shared string (to check a hash
hit really is the pattern), and its entries in one array. The arrays are also the table's
on-disk form (see `nlp.index_file`), read back without making an object per pattern.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from zlib import adler32, crc32

Pattern = tuple[str, ...]

#: Words are never empty and hold no space or newline (see nlp.normalize), so these join
#: a pattern and a table's patterns without ambiguity.
WORD_SEP = " "
PATTERN_SEP = "\n"


def pattern_hash(text: str) -> int:
    """A 64-bit hash of a joined pattern that is the same in every process (unlike `hash`).

    Two checksums side by side: cheap, and a rare shared value only costs a comparison.
    """
    data = text.encode()
    value = crc32(data) << 32 | adler32(data)
    return value - (1 << 64) if value >= 1 << 63 else value


@dataclass(frozen=True)
class PatternTable:
    """Patterns -> entry indexes, sorted by hash.

    Attributes:
        hashes: `pattern_hash` of each pattern, ascending.
        text: every pattern, words joined by a space, patterns by a newline, in hash order.
        offsets: where each pattern starts in `text` (one more: the end).
        starts: where each pattern's entries start in `targets` (one more: the end).
        targets: entry indexes, each pattern's ascending.
        flags: 1 where the pattern is full (names its entries on its own), else 0.
    """

    hashes: array[int]
    text: str
    offsets: array[int]
    starts: array[int]
    targets: array[int]
    flags: bytes

    @classmethod
    def of(
        cls, patterns: Mapping[Pattern, set[int]], full: set[Pattern] | None = None
    ) -> PatternTable:
        """Freeze `patterns` (those in `full` flagged)."""
        full = full or set()
        joined = [WORD_SEP.join(p) for p in patterns]
        hashes = [pattern_hash(j) for j in joined]
        hits = list(patterns.values())
        flags = [p in full for p in patterns]
        order = sorted(range(len(joined)), key=hashes.__getitem__)
        offsets, starts, targets = array("i", [0]), array("i", [0]), array("i")
        at = 0
        for i in order:
            at += len(joined[i]) + 1
            offsets.append(at)
            targets.extend(sorted(hits[i]))
            starts.append(len(targets))
        return cls(
            hashes=array("q", (hashes[i] for i in order)),
            text="".join(joined[i] + PATTERN_SEP for i in order),
            offsets=offsets,
            starts=starts,
            targets=targets,
            flags=bytes(1 if flags[i] else 0 for i in order),
        )

    def __len__(self) -> int:
        """How many patterns."""
        return len(self.hashes)

    def _find(self, key: Pattern) -> int:
        """The row of `key`, or -1."""
        joined = WORD_SEP.join(key)
        h = pattern_hash(joined)
        i = bisect_left(self.hashes, h)
        while i < len(self.hashes) and self.hashes[i] == h:
            if self.text[self.offsets[i] : self.offsets[i + 1] - 1] == joined:
                return i
            i += 1  # another pattern with the same hash: rare, but told apart
        return -1

    def get(self, key: Pattern) -> set[int] | None:
        """The entries `key` names (a fresh set the caller may change), or None."""
        i = self._find(key)
        if i < 0:
            return None
        return set(self.targets[self.starts[i] : self.starts[i + 1]])

    def is_full(self, key: Pattern) -> bool:
        """Whether `key` is a pattern flagged full."""
        i = self._find(key)
        return i >= 0 and self.flags[i] == 1

    def items(self) -> Iterator[tuple[Pattern, set[int]]]:
        """Every pattern and its entries (for tests and merges: it makes an object each)."""
        for i in range(len(self.hashes)):
            words = tuple(self.text[self.offsets[i] : self.offsets[i + 1] - 1].split(WORD_SEP))
            yield words, set(self.targets[self.starts[i] : self.starts[i + 1]])

    def full_patterns(self) -> Iterator[Pattern]:
        """The patterns flagged full."""
        for i in range(len(self.hashes)):
            if self.flags[i]:
                yield tuple(self.text[self.offsets[i] : self.offsets[i + 1] - 1].split(WORD_SEP))


EMPTY = PatternTable.of({})
