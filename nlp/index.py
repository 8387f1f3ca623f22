"""The team directory compiled into a matcher: token patterns for every way to name an entry.

`compile(directory)` builds a Matcher; `matcher.extended(companies, people)` derives the
matcher of a grown directory from it in milliseconds (a fresh compile of 100,000 people takes
seconds). A Matcher is a value: nothing here keeps one, the caller owns it.
"""

from __future__ import annotations

import gc
import re
import threading
from bisect import insort
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.lexicon import (
    COMPANY_SUFFIXES,
    COMPOUND_SUFFIXES,
    GENERIC_COMPANY_OPENINGS,
    GENERIC_COMPANY_WORDS,
    PARTICLES,
    STOPWORDS,
)
from nlp.normalize import tokenize
from nlp.spelling import NearIndex, deletion_index, with_words
from nlp.types import CustomerRef, Directory, DirectoryCompany, DirectoryPerson

MAX_PATTERN = 6
#: Directories at least this big are frozen out of the cyclic garbage collector.
FREEZE_AT = 10_000
#: Words shorter than this are never corrected (too many one-edit neighbours).
MIN_VOCAB = 4

Pattern = tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """One directory entry as a match target, with its company's name if a person."""

    ref: CustomerRef
    company: str | None


class Matcher:
    """A directory compiled for matching: patterns, their entries, and a spelling index.

    Attributes:
        directory: the directory it was compiled from.
        entries: every entry, in directory order (companies first).
        patterns: word tuples -> indexes into `entries` they may name.
        full: patterns that name an entry unambiguously enough to stand alone
            (a full name, an alias), as against a first name or a surname.
        words: every word of every pattern.
        vocab: the words long enough to be spelling targets, sorted.
        first_names: first words of people's names.
        everyday: companies' everyday names (without generic words: "pinecrest" for
            "Pinecrest Schools") -> the companies that have it; one only counts when it
            belongs to one company and is no other pattern.
    """

    def __init__(self, directory: Directory) -> None:
        """An empty matcher for `directory` (use `compile` to fill one)."""
        self.directory = directory
        self.entries: list[Entry] = []
        self.patterns: dict[Pattern, set[int]] = {}
        self.full: set[Pattern] = set()
        self.words: frozenset[str] = frozenset()
        self.vocab: list[str] = []
        self.first_names: set[str] = set()
        self.everyday: dict[Pattern, set[int]] = {}
        self._near: NearIndex | None = None
        self._lock = threading.Lock()

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

    def lookup(self, key: Pattern) -> set[int] | None:
        """The entries a word sequence names: a pattern, else a unique everyday name."""
        hits = self.patterns.get(key)
        if hits:
            return hits
        hits = self.everyday.get(key)
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
        grown = Matcher(
            Directory(
                companies=self.directory.companies + tuple(companies),
                people=self.directory.people + tuple(people),
            )
        )
        grown.entries = list(self.entries)
        grown.patterns = dict(self.patterns)
        grown.full = set(self.full)
        grown.first_names = set(self.first_names)
        grown.everyday = dict(self.everyday)
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
        _settle(grown)
        return grown


def compile(directory: Directory) -> Matcher:
    """Compile a directory into a matcher (its spelling index is built on first use)."""
    matcher = Matcher(directory)
    _add_entries(matcher, directory.companies, directory.people)
    matcher.words = frozenset(w for p in matcher.patterns for w in p)
    matcher.vocab = sorted(w for w in matcher.words if len(w) >= MIN_VOCAB)
    _settle(matcher)
    return matcher


def _settle(matcher: Matcher) -> None:
    """Take a big matcher out of the garbage collector's view.

    A team's matcher holds millions of objects; every full collection would walk them all,
    a pause of a third of a second in the middle of some message. They hold no cycles, so
    reference counting still frees them when the directory changes.
    """
    if len(matcher.entries) >= FREEZE_AT:
        gc.collect()
        gc.freeze()


def _words(name: str) -> Pattern:
    return tuple(t.norm for t in tokenize(name))


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
    hits = matcher.patterns.get(words)
    if fresh is not None and words not in fresh:
        hits = set(hits) if hits is not None else set()
        matcher.patterns[words] = hits
        fresh.add(words)
    elif hits is None:
        hits = matcher.patterns[words] = set()
    hits.add(entry)
    if full:
        matcher.full.add(words)


def _add_entries(
    matcher: Matcher,
    companies: Sequence[DirectoryCompany],
    people: Sequence[DirectoryPerson],
    fresh: set[Pattern] | None = None,
) -> None:
    for company in companies:
        i = len(matcher.entries)
        matcher.entries.append(Entry(CustomerRef(company.name, "company", company.key), None))
        _add_company(matcher, company, i, fresh)
    for person in people:
        i = len(matcher.entries)
        matcher.entries.append(
            Entry(CustomerRef(person.name, "person", person.key), person.company)
        )
        _add_person(matcher, person, i, fresh)


def _add_company(
    matcher: Matcher, company: DirectoryCompany, i: int, fresh: set[Pattern] | None
) -> None:
    for words in _spellings(company.name):
        _add(matcher, words, i, True, fresh)
        stripped = without_suffixes(words)
        _add(matcher, stripped, i, len(stripped) > 1, fresh)
        for name in everyday_names(words):
            hits = matcher.everyday.get(name)
            # Copied, not changed: an extended matcher shares its sets with the old one.
            matcher.everyday[name] = {*hits, i} if hits is not None else {i}
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
