"""Directory entries named in a message, matched longest-first against a Matcher.

A mention resolves to every directory entry it could name. One entry: a customer. Several:
the candidates are ambiguous unless a company named in the same message settles it.
Single words that are also everyday words ("may", "will", "summit") count only where the
sentence uses them as a name. Close spellings (one edit, or one swap of neighbours) are
corrected against the directory's own vocabulary before matching.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from nlp.index import MAX_PATTERN, Entry, Matcher
from nlp.lexicon import (
    CALENDAR_WORDS,
    COMMON_WORDS,
    COMPANY_CUES,
    DETERMINERS,
    IS_FOLLOWERS,
    NAME_AFTER,
    NAME_BEFORE,
    NOT_NAME_AFTER,
    OBJECTS,
    PAST_CONTACT_VERBS,
    PLACE_PREPOSITIONS,
    STOPWORDS,
    VERBS_AFTER_A_NAME,
)
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
    if hit is None or hit == word:
        return None
    # "Merry Christmas" is no slip for Mercy: no word is read as an everyday-word name.
    return None if hit in COMMON_WORDS else hit


def _groups(
    tokens: list[Token], words: list[str], matcher: Matcher, names_only: bool
) -> list[Group]:
    """The longest pattern at each position, left to right: (entries, first, end token)."""
    groups: list[Group] = []
    i = 0
    while i < len(tokens):
        if words[i] not in matcher.words:  # no name starts with a word no name has
            i += 1
            continue
        after_cue = i > 0 and words[i - 1] in COMPANY_CUES
        for n in range(min(MAX_PATTERN, len(tokens) - i), 0, -1):
            key = tuple(words[i : i + n])
            hits = _hits(matcher, key, after_cue)
            if not hits:
                continue
            if len(key[-1]) == 1 and n > 1 and not tokens[i + n - 1].orig.isupper():
                continue  # an initial is written as one ("Chris P."), not "emailed Chris a..."
            if n == 1 and not _single_word_counts(tokens, words, i, matcher, names_only):
                continue
            groups.append((set(hits), i, i + n))
            i += n
            break
        else:
            i += 1
    return groups


def _hits(matcher: Matcher, key: tuple[str, ...], after_cue: bool) -> set[int] | None:
    """The entries a word sequence names.

    After "at" or "from", a company's everyday name joins a surname it shares ("Chris from
    Al-Farsi").
    """
    hits = matcher.lookup(key)
    if after_cue:
        extra = matcher.everyday_hits(key)
        if extra is not None and len(extra) == 1:
            return (hits or set()) | extra
    return hits


def _single_word_counts(
    tokens: list[Token], words: list[str], i: int, matcher: Matcher, names_only: bool
) -> bool:
    """Whether one word names its entries here (not an everyday word, not a new surname)."""
    key = (words[i],)
    if key[0] in COMMON_WORDS and not names_only:
        hits = matcher.lookup(key) or set()
        people = all(matcher.entries[e].ref.kind == "person" for e in hits)
        if not _used_as_name(tokens, i, i + 1, matcher.words, people):
            return False
        if not tokens[i].capitalized and _before_a_name(tokens, words, i, matcher):
            return False  # "chase Acme for the PO": a verb and its object
    return matcher.is_full(key) or not starts_new_full_name(tokens, i, matcher)


def _before_a_name(tokens: list[Token], words: list[str], i: int, matcher: Matcher) -> bool:
    """Whether a directory name starts right after token i, which no contact verb precedes."""
    if i > 0 and tokens[i - 1].norm in PAST_CONTACT_VERBS:
        return False
    if i + 1 >= len(tokens) or tokens[i + 1].start > tokens[i].end + 1:
        return False  # punctuation between: "at harbor, bill happy"
    nxt = words[i + 1 : i + 4]
    return any(matcher.lookup(tuple(nxt[:n])) for n in range(len(nxt), 0, -1))


def _used_as_name(
    tokens: list[Token], i: int, j: int, known: frozenset[str], people: bool = True
) -> bool:
    """Whether a one-word match that is also an everyday word is used as a name here.

    Capitalised mid-sentence or possessive, it is a name. Lowercase, it is a word after a
    determiner ("the pilot"), before a noun it qualifies ("pilot expansion"), or as a verb
    before its object ("to chase our warehouse", "chase KMS"); it is a name only next to
    words that show one ("called will", "sue emailed").
    """
    tok = tokens[i]
    prev = tokens[i - 1].norm if i > 0 else ""
    nxt = tokens[j] if j < len(tokens) else None
    if tok.possessive and nxt is not None and nxt.norm in IS_FOLLOWERS:
        return False  # "summer's always slow": "summer is", no one's
    if tok.capitalized and not tok.sentence_start:
        return True
    if tok.possessive:
        return True
    if tok.capitalized and tok.sentence_start:
        return nxt is None or nxt.norm not in NOT_NAME_AFTER
    if prev in DETERMINERS or (people and prev in PLACE_PREPOSITIONS):
        return False  # "the pilot", "at dawn", "in summer" (but "at summit", a company)
    if nxt is not None and nxt.norm not in known and _word_not_name(tok, nxt, prev):
        return False
    return prev in NAME_BEFORE or (nxt is not None and nxt.norm in NAME_AFTER)


def _word_not_name(tok: Token, nxt: Token, prev: str) -> bool:
    """Whether the next word shows a lowercase `tok` is an ordinary word."""
    if nxt.sentence_start or nxt.start > tok.end + 1:
        return False  # punctuation in between: nothing follows it in its phrase
    if nxt.norm in OBJECTS or (nxt.orig.isupper() and len(nxt.orig) > 1):
        return prev not in PAST_CONTACT_VERBS  # "to chase our..." but "emailed rose the..."
    return (
        not nxt.capitalized
        and nxt.norm.isalpha()
        and nxt.norm not in STOPWORDS
        and nxt.norm not in NAME_AFTER
        and nxt.norm not in CALENDAR_WORDS
        and nxt.norm not in VERBS_AFTER_A_NAME
        and not nxt.norm.endswith("ed")  # "summit went fine", "harbor replied": its verb
    )


def _resolve(
    tokens: list[Token], groups: list[Group], entries: Sequence[Entry], out: Mentions
) -> None:
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
        companies = [e for e in found if e.ref.kind == "company"]
        if start > 0 and tokens[start - 1].norm in COMPANY_CUES and companies:
            found = companies  # "met Chris at Park": the place, not the surname
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
