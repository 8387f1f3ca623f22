"""Directory entries named in a message, matched longest-first against a Matcher.

A mention resolves to every directory entry it could name. One entry: a customer. Several:
the candidates are ambiguous unless a company named in the same message settles it.
Single words that are also everyday words ("may", "will", "summit") count only where the
sentence uses them as a name. Close spellings (one edit, or one swap of neighbours) are
corrected against the directory's own vocabulary before matching.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nlp.index import MAX_PATTERN, Entry, Matcher
from nlp.lexicon import COMMON_WORDS, NAME_AFTER, NAME_BEFORE, NOT_NAME_AFTER, STOPWORDS
from nlp.new_names import Group, new_contacts, starts_new_full_name
from nlp.normalize import Token
from nlp.spelling import closest
from nlp.types import CustomerRef, NewCustomer


@dataclass
class Mentions:
    """What the matcher found in one message."""

    customers: list[CustomerRef] = field(default_factory=list)
    ambiguous: list[tuple[CustomerRef, ...]] = field(default_factory=list)
    new: list[NewCustomer] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    fuzzy: bool = False


def find_mentions(tokens: list[Token], matcher: Matcher, names_only: bool = False) -> Mentions:
    """Match customers, ambiguous names and new contacts in tokenized text.

    With `names_only` the text is known to be a name (the answer to "who?"), so everyday
    words that are names count as names wherever they stand.
    """
    out = Mentions()
    if not tokens:
        return out
    words, out.fuzzy = _spelled(tokens, matcher)
    groups = _groups(tokens, words, matcher, names_only)
    _resolve(tokens, groups, matcher.entries, out)
    out.new = new_contacts(tokens, groups)
    return out


def _spelled(tokens: list[Token], matcher: Matcher) -> tuple[list[str], bool]:
    """The tokens' words, close misspellings of directory words corrected."""
    words = [t.norm for t in tokens]
    fuzzy = False
    if not matcher.vocab:
        return words, fuzzy
    for k, tok in enumerate(tokens):
        if words[k] in matcher.words:
            continue
        fixed = _correct(tok, matcher)
        if fixed is not None:
            words[k] = fixed
            fuzzy = True
    return words, fuzzy


def _correct(tok: Token, matcher: Matcher) -> str | None:
    """The directory word a close misspelling stands for, if any."""
    word = tok.norm
    if word in STOPWORDS or word in COMMON_WORDS or not word.isalpha():
        return None
    if len(word) < (4 if tok.capitalized else 5):
        return None
    hit = closest(word, matcher.near())
    return hit if hit is not None and hit != word else None


def _groups(
    tokens: list[Token], words: list[str], matcher: Matcher, names_only: bool
) -> list[Group]:
    """The longest pattern at each position, left to right: (entries, first, end token)."""
    groups: list[Group] = []
    i = 0
    while i < len(tokens):
        for n in range(min(MAX_PATTERN, len(tokens) - i), 0, -1):
            key = tuple(words[i : i + n])
            hits = matcher.patterns.get(key)
            if not hits:
                continue
            if n == 1 and not _single_word_counts(tokens, i, key, matcher, names_only):
                continue
            groups.append((set(hits), i, i + n))
            i += n
            break
        else:
            i += 1
    return groups


def _single_word_counts(
    tokens: list[Token], i: int, key: tuple[str, ...], matcher: Matcher, names_only: bool
) -> bool:
    """Whether one word names its entries here (not an everyday word, not a new surname)."""
    if key[0] in COMMON_WORDS and not (names_only or _used_as_name(tokens, i, i + 1)):
        return False
    return key in matcher.full or not starts_new_full_name(tokens, i, matcher)


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


def _resolve(tokens: list[Token], groups: list[Group], entries: list[Entry], out: Mentions) -> None:
    """Each group to a customer or an ambiguous choice.

    A company named in the message settles a choice between people who work at it.
    """
    named_companies = {entries[e].ref.name for hits, _, _ in groups if len(hits) == 1 for e in hits}
    named_companies |= {
        entries[e].ref.name
        for hits, _, _ in groups
        for e in hits
        if entries[e].ref.kind == "company"
    }
    seen: set[str] = set()
    for hits, start, end in groups:
        found = [entries[e] for e in sorted(hits)]
        if len(found) > 1:
            settled = [e for e in found if e.company and e.company in named_companies]
            if len(settled) == 1:
                found = settled
        out.spans.append((tokens[start].start, tokens[end - 1].end))
        if len(found) == 1:
            if found[0].ref.name not in seen:
                seen.add(found[0].ref.name)
                out.customers.append(found[0].ref)
        else:
            group = tuple(e.ref for e in found)
            if group not in out.ambiguous:
                out.ambiguous.append(group)
