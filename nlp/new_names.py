"""New customers: capitalised names the directory does not know, used as a contact.

"met Priya Raman from Initrode" names a new person and, after from/at/of, her new company.
One capitalised word right after a contact verb ("called Hope") is a new person too; after
"with"/"w" it must be a full name ("lunch with Dana Ross"). A full name that opens a
sentence is a contact when its company or what it did follows ("Tom Brenner from Keystone
called"); a company after "demo for" or "call for" is one too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlp.lexicon import (
    COMPANY_CUES,
    COMPANY_WORDS,
    CONTACT_CUES,
    CONTACT_NOUNS,
    MONTH_WORDS,
    REPORTING_VERBS,
    STOPWORDS,
    TALK_VERBS,
    TITLES,
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


def is_name_word(tok: Token, before_name: bool = False) -> bool:
    """A capitalised word that could be part of a name.

    Not a stopword, title, day or month; a month's name is a first name when a name
    follows ("Jan Kowalczyk").
    """
    return (
        tok.capitalized
        and tok.norm.isalpha()
        and tok.norm not in STOPWORDS
        and tok.norm not in TITLES
        and tok.norm not in WEEKDAY_WORDS
        and (tok.norm not in MONTH_WORDS or before_name)
        and not tok.orig.isupper()
    )


def _starts_name(tokens: list[Token], i: int) -> bool:
    """Whether a name starts at token i (a month's name counts before another name)."""
    if is_name_word(tokens[i]):
        return True
    nxt = i + 1 < len(tokens) and is_name_word(tokens[i + 1])
    return nxt and not tokens[i].possessive and is_name_word(tokens[i], before_name=True)


def starts_new_full_name(tokens: list[Token], i: int, matcher: Matcher) -> bool:
    """A known first name followed by an unknown surname is a new person ("Priya Raman")."""
    if tokens[i].norm not in matcher.first_names or i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    return is_name_word(nxt) and not tokens[i].possessive and nxt.norm not in matcher.words


def _name_end(tokens: list[Token], i: int, matched: set[int], limit: int) -> int:
    """Where a run of name words from `i` ends (a possessive ends it after itself)."""
    if not _starts_name(tokens, i) or i in matched:
        return i
    if tokens[i].possessive:
        return i + 1
    j = i + 1
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
        if i in matched or not _starts_name(tokens, i):
            i += 1
            continue
        j = _name_end(tokens, i, matched, MAX_NAME)
        resume = j
        if _is_contact(tokens, i, j, matched):
            cue, _ = _cues(tokens, i)
            found, resume = _contact_at(tokens, tokens[i:j], j, cue, matched)
            out.extend(found)
        i = max(resume, i + 1)
    return out


def _cues(tokens: list[Token], i: int) -> tuple[str, str]:
    """The two words before a name at i, titles skipped ("spoke to Dr Amara Eze")."""
    k = i - 1
    while k >= 0 and tokens[k].norm in TITLES:
        k -= 1
    return (tokens[k].norm if k >= 0 else "", tokens[k - 1].norm if k >= 1 else "")


def _is_contact(tokens: list[Token], i: int, j: int, matched: set[int]) -> bool:
    """Whether the capitalised run tokens[i:j] is named as a contact.

    After a contact word ("met Priya Raman", "called Hope"); after "for" following a
    contact noun ("demo for Corvane Health"); or a full name introduced by its company or
    by what it did ("Tom Brenner from Keystone called").
    """
    cue, before = _cues(tokens, i)
    full = j - i >= 2
    if cue in CONTACT_CUES:
        return full or (cue in VERB_CUES and not tokens[i].sentence_start)
    if cue == "for" and before in CONTACT_NOUNS:
        return True
    if cue == "to" and before in TALK_VERBS:
        return full or not tokens[i].sentence_start
    if not full or j >= len(tokens):
        return False
    after = tokens[j].norm
    if after in REPORTING_VERBS or (after == "the" and tokens[i].sentence_start):
        return True  # "Tom Brenner called", "Peter Kirui the farm manager wants..."
    return (
        after in COMPANY_CUES
        and j + 1 < len(tokens)
        and (j + 1 in matched or is_name_word(tokens[j + 1]))
    )


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
