"""From a name as typed in a request to one customer or one member, or why not."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from handlers.context import Ctx
from handlers.directory import rows_for
from handlers.types import Reply
from nlp import find_customers
from nlp.normalize import fold_key
from store.models import Company, Contact, Member

#: How close a typed word must be to a word of the customer's names (rapidfuzz ratio).
WORD_MATCH = 80
Customer = Contact | Company


@dataclass(frozen=True)
class Found:
    """A typed name resolved: the customer, or a reply saying which ones it could be."""

    row: Customer | None
    reply: Reply | None = None


def _words(row: Customer) -> list[str]:
    names = [row.name, *(row.aliases or [])]
    if isinstance(row, Contact) and row.company is not None:
        names += [row.company.name, *(row.company.aliases or [])]
    return [w for n in names for w in fold_key(n).split()]


def covers(typed: str, row: Customer) -> bool:
    """Whether every word typed is (close to) a word of the customer's names.

    So "called Jane" (a log) is not read as the name in "called Jane's phone".
    """
    words = _words(row)
    return all(
        process.extractOne(w, words, scorer=fuzz.ratio, score_cutoff=WORD_MATCH) is not None
        for w in fold_key(typed).split()
    )


def customer(ctx: Ctx, typed: str, kind: str | None = None) -> Found | None:
    """The one customer `typed` names; None when it names none (not a request after all)."""
    found = find_customers(typed, ctx.directories.load(ctx.unit).matcher)
    keys = [c.key for c in found.customers if kind is None or c.kind == kind]
    if not keys and found.ambiguous:
        options = [c for c in found.ambiguous[0] if kind is None or c.kind == kind]
        exact = [c for c in options if fold_key(c.name) == fold_key(typed)]
        if len(exact) == 1:  # "Sarah" beside "Sarah Kim": the one called just that
            keys, options = [exact[0].key], []
        if options:
            names = ", ".join(c.name for c in options[:6])
            return Found(None, Reply(f"Which one? {names}. Write the full name.", tone="warning"))
    rows = rows_for(ctx.unit, keys)
    row: Customer | None = (
        rows.contacts[0] if rows.contacts else (rows.companies[0] if rows.companies else None)
    )
    if row is None or not covers(typed, row):
        return None
    return Found(row)


def member(ctx: Ctx, typed: str) -> Member | None:
    """The team member `typed` names ("me" is the writer)."""
    name = typed.strip().lstrip("@").lower()
    if name in ("me", "myself", "i"):
        return ctx.member
    members = {m.id: m.name.lower() for m in ctx.unit.members()}
    hit = process.extractOne(name, members, scorer=fuzz.WRatio, score_cutoff=85)
    return ctx.unit.member(hit[2]) if hit else None


def member_names(ctx: Ctx) -> str:
    """The team's members, for a reply that could not find one."""
    return ", ".join(m.name for m in ctx.unit.members()) or "nobody yet"


def kind_of(row: Customer) -> str:
    """'contact' or 'company' (the audit entity and link kind)."""
    return "contact" if isinstance(row, Contact) else "company"
