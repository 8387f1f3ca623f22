"""New customers: capitalised names the directory does not know, used as a contact.

"met Priya Raman from Initrode" names a new person and, after from/at/of, her new company.
One capitalised word right after a contact verb ("called Hope") is a new person too; after
"with"/"w" it must be a full name ("lunch with Dana Ross").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlp.lexicon import (
    COMPANY_CUES,
    COMPANY_WORDS,
    CONTACT_CUES,
    MONTH_WORDS,
    STOPWORDS,
    VERB_CUES,
    VISIT_CUES,
    WEEKDAY_WORDS,
)
from nlp.normalize import Token
from nlp.types import CustomerKind, NewCustomer

if TYPE_CHECKING:
    from nlp.index import Matcher

#: A matched span: the entries it may name, its first token and its end token.
Group = tuple[set[int], int, int]
#: The most words a new name (or its company) runs to.
MAX_NAME = 4


def is_name_word(tok: Token) -> bool:
    """A capitalised word that could be part of a name (not a stopword, day or month)."""
    return (
        tok.capitalized
        and tok.norm.isalpha()
        and tok.norm not in STOPWORDS
        and tok.norm not in WEEKDAY_WORDS
        and tok.norm not in MONTH_WORDS
        and not tok.orig.isupper()
    )


def starts_new_full_name(tokens: list[Token], i: int, matcher: Matcher) -> bool:
    """A known first name followed by an unknown surname is a new person ("Priya Raman")."""
    if tokens[i].norm not in matcher.first_names or i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    return is_name_word(nxt) and not tokens[i].possessive and nxt.norm not in matcher.words


def _name_end(tokens: list[Token], i: int, matched: set[int], limit: int) -> int:
    """Where a run of name words from `i` ends (a possessive ends it after itself)."""
    j = i
    while j < len(tokens) and j not in matched and is_name_word(tokens[j]) and j - i < limit:
        j += 1
        if tokens[j - 1].possessive:
            break
    return j


def new_contacts(tokens: list[Token], groups: list[Group]) -> list[NewCustomer]:
    """The new people and companies named as contacts, in order."""
    matched = {k for _, s, e in groups for k in range(s, e)}
    out: list[NewCustomer] = []
    i = 0
    while i < len(tokens):
        if i == 0 or i in matched or not is_name_word(tokens[i]):
            i += 1
            continue
        cue = tokens[i - 1].norm
        j = _name_end(tokens, i, matched, MAX_NAME)
        span = tokens[i:j]
        single_ok = cue in VERB_CUES and not span[0].sentence_start
        resume = j
        if cue in CONTACT_CUES and (len(span) >= 2 or single_ok):
            found, resume = _contact_at(tokens, span, j, cue, matched)
            out.extend(found)
        i = max(resume, i + 1)
    return out


def _contact_at(
    tokens: list[Token], span: list[Token], j: int, cue: str, matched: set[int]
) -> tuple[list[NewCustomer], int]:
    """The new contact `span` names, with a new company after from/at/of; and where to go on."""
    name = " ".join(t.orig for t in span)
    company_word = any(t.norm in COMPANY_WORDS for t in span)
    kind: CustomerKind = "company" if company_word or cue in VISIT_CUES else "person"
    if kind == "person" and j + 1 < len(tokens) and tokens[j].norm in COMPANY_CUES:
        k = j + 1
        while k < len(tokens) and k not in matched and is_name_word(tokens[k]) and k - j < MAX_NAME:
            k += 1
        if k > j + 1:
            company = " ".join(t.orig for t in tokens[j + 1 : k])
            return [NewCustomer(name, "person", company), NewCustomer(company, "company")], k
    return [NewCustomer(name, kind, None)], j
