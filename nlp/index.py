"""The team directory compiled into a matcher: token patterns for every way to name an entry.

`compile(directory)` builds a Matcher; `matcher.extended(companies, people)` derives the
matcher of a grown directory from it in milliseconds (a fresh compile of 100,000 people takes
seconds). A Matcher is a value: nothing here keeps one, the caller owns it.

The compiled part is held compactly (entries as columns, patterns in a `PatternTable`); what
`extended` adds sits beside it in small dicts until the next compile.
"""

from __future__ import annotations

import gc
import re
import threading
from bisect import insort
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from nlp.lexicon import (
    COMPANY_SUFFIXES,
    COMPOUND_SUFFIXES,
    GENERIC_COMPANY_OPENINGS,
    GENERIC_COMPANY_WORDS,
    PARTICLES,
    STOPWORDS,
)
from nlp.normalize import norms
from nlp.patterns import EMPTY, Pattern, PatternTable
from nlp.spelling import NearIndex, deletion_index, with_words
from nlp.types import CustomerRef, Directory, DirectoryCompany, DirectoryPerson

MAX_PATTERN = 6
#: Directories at least this big are frozen out of the cyclic garbage collector.
FREEZE_AT = 10_000
#: Words shorter than this are never corrected (too many one-edit neighbours).
MIN_VOCAB = 4

COMPANY, PERSON = 0, 1
_NO_ALIASES: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One directory entry as a match target, with its company's name if a person."""

    ref: CustomerRef
    company: str | None


@dataclass
class Entries(Sequence[Entry]):
    """Directory entries as columns (one list per field, not an object per entry).

    Companies come first, then people, each in directory order.
    """

    names: list[str] = field(default_factory=list)
    kinds: bytearray = field(default_factory=bytearray)
    keys: list[str] = field(default_factory=list)
    companies: list[str | None] = field(default_factory=list)
    aliases: list[tuple[str, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        """How many entries."""
        return len(self.names)

    def __getitem__(self, i: int) -> Entry:  # type: ignore[override]
        """Entry `i`, made afresh."""
        kind: Literal["person", "company"] = "company" if self.kinds[i] == COMPANY else "person"
        return Entry(CustomerRef(self.names[i], kind, self.keys[i]), self.companies[i])

    def __iter__(self) -> Iterator[Entry]:
        """Every entry, made afresh."""
        return (self[i] for i in range(len(self)))

    def append(self, name: str, kind: int, key: str, company: str | None,
               aliases: tuple[str, ...]) -> int:  # fmt: skip
        """Add an entry; its index."""
        self.names.append(name)
        self.kinds.append(kind)
        self.keys.append(key)
        self.companies.append(company)
        self.aliases.append(tuple(aliases) or _NO_ALIASES)
        return len(self.names) - 1

    def copy(self) -> Entries:
        """A copy that can grow without changing this one."""
        return Entries(list(self.names), bytearray(self.kinds), list(self.keys),
                       list(self.companies), list(self.aliases))  # fmt: skip

    def directory(self) -> Directory:
        """The directory these entries are."""
        companies: list[DirectoryCompany] = []
        people: list[DirectoryPerson] = []
        for i, name in enumerate(self.names):
            if self.kinds[i] == COMPANY:
                companies.append(DirectoryCompany(name, self.aliases[i], self.keys[i]))
            else:
                people.append(
                    DirectoryPerson(name, self.companies[i], self.aliases[i], self.keys[i])
                )
        return Directory(companies=tuple(companies), people=tuple(people))


class Matcher:
    """A directory compiled for matching: patterns, their entries, and a spelling index.

    Attributes:
        entries: every entry, in directory order (companies first).
        words: every word of every pattern.
        vocab: the words long enough to be spelling targets, sorted.
        first_names: first words of people's names.

    Patterns are word tuples naming entries; `full` ones name an entry unambiguously
    enough to stand alone (a full name, an alias), as against a first name or a surname.
    Everyday names are companies' names without generic words ("pinecrest" for
    "Pinecrest Schools"); one only counts when it belongs to one company and is no other
    pattern.
    """

    def __init__(self) -> None:
        """An empty matcher (use `compile` to fill one)."""
        self.entries = Entries()
        self.words: frozenset[str] = frozenset()
        self.vocab: list[str] = []
        self.first_names: set[str] = set()
        # Compiled patterns, frozen; then what `extended` added since (each pattern there
        # holds all its entries, compiled ones included).
        self.table: PatternTable = EMPTY
        self.everyday_table: PatternTable = EMPTY
        self._patterns: dict[Pattern, set[int]] = {}
        self._full: set[Pattern] = set()
        self._everyday: dict[Pattern, set[int]] = {}
        self._near: NearIndex | None = None
        self._lock = threading.Lock()
        self._sealed = -1  # how many entries were compiled in, if nothing was added since

    def seal(self) -> None:
        """Mark this matcher as compiled: all it holds is in its frozen tables."""
        self._sealed = len(self.entries)

    def is_compiled(self) -> bool:
        """Whether nothing was added since this matcher was compiled."""
        unfrozen = self._patterns or self._full or self._everyday
        return not unfrozen and self._sealed == len(self.entries)

    @property
    def directory(self) -> Directory:
        """The directory it was compiled from (made afresh on each call)."""
        return self.entries.directory()

    @property
    def patterns(self) -> dict[Pattern, set[int]]:
        """Every pattern and its entries, made afresh on each call (slow: for tests)."""
        out = dict(self.table.items())
        out.update(self._patterns)
        return out

    @property
    def full(self) -> set[Pattern]:
        """The full patterns, made afresh on each call (slow: for tests)."""
        return set(self.table.full_patterns()) | self._full

    @property
    def everyday(self) -> dict[Pattern, set[int]]:
        """Every everyday name and its companies, made afresh on each call (for tests)."""
        out = dict(self.everyday_table.items())
        out.update(self._everyday)
        return out

    def pattern_hits(self, key: Pattern) -> set[int] | None:
        """The entries a pattern names, or None if it is no pattern."""
        hits = self._patterns.get(key)
        return hits if hits is not None else self.table.get(key)

    def everyday_hits(self, key: Pattern) -> set[int] | None:
        """The companies with this everyday name, or None."""
        hits = self._everyday.get(key)
        return hits if hits is not None else self.everyday_table.get(key)

    def is_full(self, key: Pattern) -> bool:
        """Whether `key` names its entries on its own (see the class docstring)."""
        return key in self._full or self.table.is_full(key)

    def near(self) -> NearIndex:
        """The spelling index, built on first use.

        Messages arriving together wait for one build instead of racing.
        """
        if self._near is None:
            with self._lock:
                if self._near is None:
                    self._near = deletion_index(self.vocab)
                    _settle(self)
        return self._near

    def has(self, key: str, name: str) -> bool:
        """Whether the entry `key`, named `name`, is in this matcher (found through its name)."""
        words = _words(name)
        if words and len(words) <= MAX_PATTERN:
            return any(self.entries.keys[i] == key for i in self.pattern_hits(words) or ())
        return key in self.entries.keys  # a name too long to be a pattern: rare, so a scan

    def lookup(self, key: Pattern) -> set[int] | None:
        """The entries a word sequence names: a pattern, else a unique everyday name."""
        hits = self.pattern_hits(key)
        if hits:
            return hits
        hits = self.everyday_hits(key)
        return hits if hits is not None and len(hits) == 1 else None

    def prepared(self) -> Matcher:
        """This matcher with its spelling index built, so no message pays for it."""
        self.near()
        return self

    def extended(
        self,
        companies: Sequence[DirectoryCompany] = (),
        people: Sequence[DirectoryPerson] = (),
    ) -> Matcher:
        """The matcher of this directory plus the given entries.

        This one is left as it was, for anyone still matching against it.
        """
        grown = Matcher()
        grown.entries = self.entries.copy()
        grown.table = self.table
        grown.everyday_table = self.everyday_table
        grown._patterns = dict(self._patterns)
        grown._full = set(self._full)
        grown._everyday = dict(self._everyday)
        grown.first_names = set(self.first_names)
        fresh: set[Pattern] = set()
        _add_entries(grown, companies, people, fresh)
        added = {w for p in fresh for w in p} - self.words
        grown.words = self.words | added
        grown.vocab = list(self.vocab)
        long_words = sorted(w for w in added if len(w) >= MIN_VOCAB)
        for word in long_words:
            insort(grown.vocab, word)  # a few words into a sorted list: no re-sort
        if self._near is not None:
            grown._near = with_words(self._near, long_words)
        # Not settled (see `_settle`): what this made is a few lists and sets, while a full
        # collection before freezing would cost a message 12 ms at 100,000 contacts.
        return grown


def compile(directory: Directory) -> Matcher:
    """Compile a directory into a matcher (its spelling index is built on first use)."""
    matcher = Matcher()
    _add_entries(matcher, directory.companies, directory.people)
    matcher.words = frozenset(w for p in matcher._patterns for w in p)
    matcher.vocab = sorted(w for w in matcher.words if len(w) >= MIN_VOCAB)
    matcher.table = PatternTable.of(matcher._patterns, matcher._full)
    matcher.everyday_table = PatternTable.of(matcher._everyday)
    matcher._patterns, matcher._full, matcher._everyday = {}, set(), {}
    matcher.seal()
    _settle(matcher)
    return matcher


def _settle(matcher: Matcher) -> None:
    """Take a big matcher out of the garbage collector's view.

    A team's matcher holds hundreds of thousands of objects (its words and names); every
    full collection would walk them all, a pause in the middle of some message. They hold
    no cycles, so reference counting still frees them when the directory changes.
    """
    if len(matcher.entries) >= FREEZE_AT:
        gc.collect()
        gc.freeze()


def _words(name: str) -> Pattern:
    return tuple(norms(name))


def _spellings(name: str) -> list[Pattern]:
    """A company's name as written, and with "&" said as "and" or "and" written as "&"."""
    out = [_words(name)]
    for variant in (name.replace("&", " and "), re.sub(r"\band\b", " & ", name)):
        words = _words(variant)
        if words not in out:
            out.append(words)
    return out


def without_suffixes(words: Pattern) -> Pattern:
    """A company's name without its legal suffixes ("Globex Inc" -> "globex")."""
    stripped = words
    while len(stripped) > 1:
        if stripped[-1] in COMPANY_SUFFIXES:
            stripped = stripped[:-1]
            continue
        compound = next((c for c in COMPOUND_SUFFIXES if stripped[-len(c) :] == c), None)
        if compound is None or len(compound) >= len(stripped):
            break
        stripped = stripped[: -len(compound)]
    return stripped


def everyday_names(words: Pattern) -> list[Pattern]:
    """Shorter names people use for a company, without its generic words.

    Generic words are dropped from the end one by one, and a generic opening too
    ("Keystone Medical Supply" -> "keystone medical", "keystone"; "Hotel Casa Azul" ->
    "casa azul").
    """
    out: list[Pattern] = []
    name = without_suffixes(words)
    if len(name) > 1 and name[0] in GENERIC_COMPANY_OPENINGS:
        name = name[1:]
        out.append(name)
    while len(name) > 1 and name[-1] in GENERIC_COMPANY_WORDS:
        name = name[:-1]
        if name[-1] in STOPWORDS or len("".join(name)) < 3:
            break  # "Bank of the West" is not "bank of the"
        out.append(name)
    return out


def _add(
    matcher: Matcher,
    words: Pattern,
    entry: int,
    full: bool = False,
    fresh: set[Pattern] | None = None,
) -> None:
    """Add a pattern for an entry.

    With `fresh` (a matcher being extended from another that is still in use), each
    pattern's entry set is copied before its first change here.
    """
    if not words or len(words) > MAX_PATTERN:
        return
    hits = matcher._patterns.get(words)
    if fresh is not None and words not in fresh:
        # A copy: the matcher extended from still uses the table and its sets as they were.
        hits = (matcher.table.get(words) or set()) if hits is None else set(hits)
        matcher._patterns[words] = hits
        fresh.add(words)
    elif hits is None:
        hits = matcher._patterns[words] = set()
    hits.add(entry)
    if full:
        matcher._full.add(words)


def _add_entries(
    matcher: Matcher,
    companies: Sequence[DirectoryCompany],
    people: Sequence[DirectoryPerson],
    fresh: set[Pattern] | None = None,
) -> None:
    for company in companies:
        i = matcher.entries.append(company.name, COMPANY, company.key, None, company.aliases)
        _add_company(matcher, company, i, fresh)
    for person in people:
        i = matcher.entries.append(person.name, PERSON, person.key, person.company, person.aliases)
        _add_person(matcher, person, i, fresh)


def _add_company(
    matcher: Matcher, company: DirectoryCompany, i: int, fresh: set[Pattern] | None
) -> None:
    for words in _spellings(company.name):
        _add(matcher, words, i, True, fresh)
        stripped = without_suffixes(words)
        _add(matcher, stripped, i, len(stripped) > 1, fresh)
        for name in everyday_names(words):
            hits = matcher.everyday_hits(name)
            # Copied, not changed: an extended matcher shares its sets with the old one.
            matcher._everyday[name] = {*hits, i} if hits is not None else {i}
    for alias in company.aliases:
        _add(matcher, _words(alias), i, True, fresh)


def _add_person(
    matcher: Matcher, person: DirectoryPerson, i: int, fresh: set[Pattern] | None
) -> None:
    words = _words(person.name)
    _add(matcher, words, i, True, fresh)
    for alias in person.aliases:
        _add(matcher, _words(alias), i, True, fresh)
    if len(words) >= 2:
        _add(matcher, (words[0], words[-1][0]), i, False, fresh)  # "Chris P."
        if len(words) >= 3 and words[1] not in PARTICLES:
            _add(matcher, words[:2], i, False, fresh)  # "Jean Luc", "Mary Ann"
        matcher.first_names.add(words[0])
        _add(matcher, words[:1], i, False, fresh)
        _add(matcher, words[1:], i, len(words) > 2, fresh)
        _add(matcher, (words[0], words[-1]), i, True, fresh)
        if words[-1] not in PARTICLES:
            _add(matcher, words[-1:], i, False, fresh)
