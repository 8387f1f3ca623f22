"""Customer mentions: the team directory becomes token patterns, matched longest-first.

A mention resolves to every directory entry it could name. One entry: a customer. Several:
the candidates are ambiguous unless a company named in the same message settles it.
Single words that are also everyday words ("may", "will", "summit") count only where the
sentence uses them as a name. Close spellings (one edit, or one swap of neighbours) are
corrected against the directory's own vocabulary before matching.
"""

from __future__ import annotations

import bisect
import gc
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from nlp.lexicon import (
    COMMON_WORDS,
    COMPANY_SUFFIXES,
    COMPANY_WORDS,
    MONTH_WORDS,
    NAME_AFTER,
    NAME_BEFORE,
    NOT_NAME_AFTER,
    PARTICLES,
    STOPWORDS,
    WEEKDAY_WORDS,
)
from nlp.normalize import Token, tokenize
from nlp.types import (
    CustomerKind,
    CustomerRef,
    Directory,
    DirectoryCompany,
    DirectoryPerson,
    NewCustomer,
)

MAX_PATTERN = 6
#: Directories at least this big are frozen out of the cyclic garbage collector.
FREEZE_AT = 10_000


@dataclass(frozen=True)
class Entry:
    """One directory entry as a match target."""

    ref: CustomerRef
    company: str | None


@dataclass
class Index:
    """Patterns built from one directory value."""

    entries: list[Entry] = field(default_factory=list)
    patterns: dict[tuple[str, ...], set[int]] = field(default_factory=dict)
    full: set[tuple[str, ...]] = field(default_factory=set)
    vocab: list[str] = field(default_factory=list)
    words: frozenset[str] = frozenset()
    first_names: set[str] = field(default_factory=set)
    near: dict[str, list[str]] | None = None  # one-deletion keys -> vocabulary words, lazily
    # Indexes extended one from another share a lineage; only the newest two are kept.
    lineage: object = field(default_factory=object)
    generation: int = 0


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _near(index: Index) -> dict[str, list[str]]:
    """Symmetric-deletion keys of the vocabulary: two words within one edit (or one swap of
    neighbours) share a key, so candidates are found by lookup, not by a scan of every word.
    """
    if index.near is not None:
        return index.near
    with _BUILDING:
        if index.near is None:
            index.near = _deletion_keys(index.vocab)
            _settle(index)
    return index.near


def _settle(index: Index) -> None:
    """Take a big index out of the garbage collector's view.

    A team's index holds millions of objects; every full collection would walk them all,
    a pause of a third of a second in the middle of some message. They hold no cycles, so
    reference counting still frees them when the directory changes.
    """
    if len(index.entries) >= FREEZE_AT:
        gc.collect()
        gc.freeze()


def _deletion_keys(vocab: list[str]) -> dict[str, list[str]]:
    near: dict[str, list[str]] = {}
    for word in vocab:
        for key in _deletions(word) | {word}:
            near.setdefault(key, []).append(word)
    return near


def closest(word: str, index: Index) -> str | None:
    """The first vocabulary word at the smallest OSA distance (at most 1) from `word`."""
    near = _near(index)
    candidates: set[str] = set()
    for key in _deletions(word) | {word}:
        candidates.update(near.get(key, ()))
    best: tuple[int, str] | None = None
    for other in sorted(candidates):
        distance = OSA.distance(word, other, score_cutoff=1)
        if distance <= 1 and (best is None or distance < best[0]):
            best = (distance, other)
    return best[1] if best is not None else None


def _words(name: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(name))


def _add(
    index: Index,
    words: tuple[str, ...],
    entry: int,
    full: bool = False,
    fresh: set[tuple[str, ...]] | None = None,
) -> None:
    """Add a pattern for an entry. With `fresh` (an index being extended from another that
    is still in use), each pattern's entry set is copied before its first change here.
    """
    if not words or len(words) > MAX_PATTERN:
        return
    hits = index.patterns.get(words)
    if fresh is not None and words not in fresh:
        hits = set(hits) if hits is not None else set()
        index.patterns[words] = hits
        fresh.add(words)
    elif hits is None:
        hits = index.patterns[words] = set()
    hits.add(entry)
    if full:
        index.full.add(words)


_BUILT: OrderedDict[int, tuple[Directory, Index]] = OrderedDict()
_BUILT_MAX = 8
_BUILDING = threading.RLock()


def build_index(directory: Directory) -> Index:
    """The patterns for a directory, built once per directory object.

    Looked up by identity: hashing a directory of 100,000 people on every message would cost
    more than matching. Callers keep one Directory object per version of their directory.
    """
    with _BUILDING:  # messages arriving together wait for one build instead of racing
        hit = _BUILT.get(id(directory))
        if hit is not None and hit[0] is directory:
            _BUILT.move_to_end(id(directory))
            return hit[1]
        index = _compile(directory)
        _keep(directory, index)
        return index


def prepare(directory: Directory) -> None:
    """Build everything matching `directory` needs now (patterns and the spelling index),
    so the first message after a start or a directory change does not pay for it.
    """
    _near(build_index(directory))


def _compile(directory: Directory) -> Index:
    """Compile a directory into patterns."""
    index = Index()
    _add_entries(index, directory.companies, directory.people)
    index.words = frozenset(w for p in index.patterns for w in p)
    index.vocab = sorted(w for w in index.words if len(w) >= 4)
    return index


def _add_entries(
    index: Index,
    companies: Sequence[DirectoryCompany],
    people: Sequence[DirectoryPerson],
    fresh: set[tuple[str, ...]] | None = None,
) -> None:
    for company in companies:
        i = len(index.entries)
        index.entries.append(Entry(CustomerRef(company.name, "company", company.key), None))
        words = _words(company.name)
        _add(index, words, i, True, fresh)
        stripped = words
        while len(stripped) > 1 and stripped[-1] in COMPANY_SUFFIXES:
            stripped = stripped[:-1]
        _add(index, stripped, i, len(stripped) > 1, fresh)
        for alias in company.aliases:
            _add(index, _words(alias), i, True, fresh)
    for person in people:
        i = len(index.entries)
        index.entries.append(Entry(CustomerRef(person.name, "person", person.key), person.company))
        words = _words(person.name)
        _add(index, words, i, True, fresh)
        for alias in person.aliases:
            _add(index, _words(alias), i, True, fresh)
        if len(words) >= 2:
            index.first_names.add(words[0])
            _add(index, words[:1], i, False, fresh)
            _add(index, words[1:], i, len(words) > 2, fresh)
            _add(index, (words[0], words[-1]), i, True, fresh)
            if words[-1] not in PARTICLES:
                _add(index, words[-1:], i, False, fresh)


def extend(
    directory: Directory,
    companies: Sequence[DirectoryCompany] = (),
    people: Sequence[DirectoryPerson] = (),
) -> Directory:
    """`directory` with entries added. When its index is built, the new directory's index
    is derived from it (milliseconds) instead of compiled afresh (seconds for 100,000
    people); the old index stays valid for anyone still matching against it.
    """
    grown = Directory(
        companies=directory.companies + tuple(companies), people=directory.people + tuple(people)
    )
    with _BUILDING:
        hit = _BUILT.get(id(directory))
        if hit is None or hit[0] is not directory:
            return grown  # never built: the first match compiles it as usual
        old = hit[1]
        index = Index(
            entries=list(old.entries),
            patterns=dict(old.patterns),
            full=set(old.full),
            first_names=set(old.first_names),
        )
        fresh: set[tuple[str, ...]] = set()
        _add_entries(index, companies, people, fresh)
        added = {w for p in fresh for w in p} - old.words
        index.words = old.words | added
        index.vocab = list(old.vocab)
        long_words = sorted(w for w in added if len(w) >= 4)
        for word in long_words:
            bisect.insort(index.vocab, word)  # a few words into a sorted list: no re-sort
        if old.near is not None:
            near = dict(old.near)
            for word in long_words:
                for key in _deletions(word) | {word}:
                    near[key] = [*near.get(key, ()), word]
            index.near = near
        index.lineage, index.generation = old.lineage, old.generation + 1
        # Older versions are superseded; the one just replaced stays for a message that
        # is matching against it right now.
        for built_id, (_, built) in list(_BUILT.items()):
            if built.lineage is index.lineage and built.generation < index.generation - 1:
                del _BUILT[built_id]
        _keep(grown, index)
    return grown


def _keep(directory: Directory, index: Index) -> None:
    """Remember a directory's index (the oldest beyond _BUILT_MAX are dropped); call with
    _BUILDING held.
    """
    _BUILT[id(directory)] = (directory, index)
    while len(_BUILT) > _BUILT_MAX:
        _BUILT.popitem(last=False)
    _settle(index)


@dataclass
class Mentions:
    """What the matcher found in one message."""

    customers: list[CustomerRef] = field(default_factory=list)
    ambiguous: list[tuple[CustomerRef, ...]] = field(default_factory=list)
    new: list[NewCustomer] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    fuzzy: bool = False


def _correct(tok: Token, index: Index) -> str | None:
    """The directory word a close misspelling stands for, if any."""
    word = tok.norm
    if word in STOPWORDS or word in COMMON_WORDS or not word.isalpha():
        return None
    if len(word) < (4 if tok.capitalized else 5):
        return None
    hit = closest(word, index)
    return hit if hit is not None and hit != word else None


def _used_as_name(tokens: list[Token], i: int, j: int) -> bool:
    """Whether a one-word match that is also an everyday word is used as a name here."""
    tok = tokens[i]
    prev = tokens[i - 1].norm if i > 0 else ""
    nxt = tokens[j].norm if j < len(tokens) else ""
    if i > 0 and tokens[i - 1].norm == "the" and not tok.capitalized:
        return False
    if tok.capitalized and not tok.sentence_start:
        return True
    if tok.possessive:
        return True
    if tok.capitalized and tok.sentence_start:
        return nxt not in NOT_NAME_AFTER
    return prev in NAME_BEFORE or nxt in NAME_AFTER


def find_mentions(tokens: list[Token], directory: Directory) -> Mentions:
    """Match customers, ambiguous names and new contacts in tokenized text."""
    index = build_index(directory)
    out = Mentions()
    if not tokens:
        return out
    words = [t.norm for t in tokens]
    for k, tok in enumerate(tokens):
        if words[k] not in index.words and index.vocab:
            fixed = _correct(tok, index)
            if fixed is not None:
                words[k] = fixed
                out.fuzzy = True
    groups: list[tuple[set[int], int, int]] = []
    i = 0
    while i < len(tokens):
        for n in range(min(MAX_PATTERN, len(tokens) - i), 0, -1):
            key = tuple(words[i : i + n])
            hits = index.patterns.get(key)
            if not hits:
                continue
            if n == 1:
                if key[0] in COMMON_WORDS and not _used_as_name(tokens, i, i + 1):
                    continue
                if key not in index.full and _new_full_name(tokens, i, index):
                    continue
            groups.append((set(hits), i, i + n))
            i += n
            break
        else:
            i += 1
    named_companies = {
        index.entries[e].ref.name for hits, _, _ in groups if len(hits) == 1 for e in hits
    } | {
        index.entries[e].ref.name
        for hits, _, _ in groups
        for e in hits
        if index.entries[e].ref.kind == "company"
    }
    seen: set[str] = set()
    for hits, start, end in groups:
        entries = [index.entries[e] for e in sorted(hits)]
        if len(entries) > 1:
            settled = [e for e in entries if e.company and e.company in named_companies]
            if len(settled) == 1:
                entries = settled
        out.spans.append((tokens[start].start, tokens[end - 1].end))
        if len(entries) == 1:
            if entries[0].ref.name not in seen:
                seen.add(entries[0].ref.name)
                out.customers.append(entries[0].ref)
        else:
            group = tuple(e.ref for e in entries)
            if group not in out.ambiguous:
                out.ambiguous.append(group)
    out.new = _new_contacts(tokens, groups, index)
    return out


def _is_name_word(tok: Token) -> bool:
    return (
        tok.capitalized
        and tok.norm.isalpha()
        and tok.norm not in STOPWORDS
        and tok.norm not in WEEKDAY_WORDS
        and tok.norm not in MONTH_WORDS
        and not tok.orig.isupper()
    )


def _new_full_name(tokens: list[Token], i: int, index: Index) -> bool:
    """A known first name followed by an unknown surname is a new person ("Priya Raman")."""
    if tokens[i].norm not in index.first_names or i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    return _is_name_word(nxt) and not tokens[i].possessive and nxt.norm not in index.words


_CONTACT_CUES = frozenset(
    [
        "met",
        "meet",
        "meeting",
        "mtg",
        "with",
        "w",
        "called",
        "rang",
        "phoned",
        "emailed",
        "texted",
        "messaged",
        "visited",
        "lunch",
        "coffee",
        "demo",
        "dinner",
        "breakfast",
    ]
)
_VERB_CUES = frozenset(["met", "called", "rang", "phoned", "emailed", "texted", "messaged"])
_COMPANY_CUES = frozenset(["from", "at", "of"])
_VISIT_CUES = frozenset(["visited", "visit", "by", "in"])


def _new_contacts(
    tokens: list[Token], groups: list[tuple[set[int], int, int]], index: Index
) -> list[NewCustomer]:
    matched: set[int] = set()
    for _, s, e in groups:
        matched.update(range(s, e))
    out: list[NewCustomer] = []
    i = 0
    while i < len(tokens):
        if i in matched or not _is_name_word(tokens[i]) or i == 0:
            i += 1
            continue
        cue = tokens[i - 1].norm
        j = i
        while j < len(tokens) and j not in matched and _is_name_word(tokens[j]) and j - i < 4:
            j += 1
            if tokens[j - 1].possessive:
                break
        span = tokens[i:j]
        # One capitalised word right after a contact verb ("called Hope") is a new person
        # too; after "with"/"w" it must be a full name ("lunch with Dana Ross").
        single_ok = cue in _VERB_CUES and not span[0].sentence_start
        if cue in _CONTACT_CUES and (len(span) >= 2 or single_ok):
            name = " ".join(t.orig for t in span)
            company_word = any(t.norm in COMPANY_WORDS for t in span)
            kind: CustomerKind = "company" if company_word or cue in _VISIT_CUES else "person"
            company = None
            if kind == "person" and j + 1 < len(tokens) and tokens[j].norm in _COMPANY_CUES:
                k = j + 1
                while (
                    k < len(tokens) and k not in matched and _is_name_word(tokens[k]) and k - j < 4
                ):
                    k += 1
                if k > j + 1:
                    company = " ".join(t.orig for t in tokens[j + 1 : k])
                    out.append(NewCustomer(name, "person", company))
                    out.append(NewCustomer(company, "company"))
                    i = k
                    continue
                for _, s, _e in groups:
                    if s == j + 1:
                        company = None
            out.append(NewCustomer(name, kind, company))
        i = max(j, i + 1)
    return out
