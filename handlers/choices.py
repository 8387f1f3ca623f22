"""Same-named customers: a handful worth offering, however many match."""

from __future__ import annotations

from dataclasses import dataclass

from handlers.context import Ctx
from handlers.ids import as_id
from nlp import CustomerRef

#: Buttons offered for one ambiguous name (Slack allows 25 to a block; people read fewer).
MAX_CHOICES = 8


@dataclass(frozen=True)
class Choices:
    """The candidates offered for one ambiguous name, and how many there were."""

    shown: tuple[CustomerRef, ...]
    total: int

    @property
    def first(self) -> str:
        """The shared first word ("Jose")."""
        return self.shown[0].name.split()[0] if self.shown else "one"

    def intro(self) -> str:
        """'Which Jose?', or with a long list 'Which Jose? 2,099 match; showing 8, …'."""
        if self.total <= len(self.shown):
            return f"Which {self.first}?"
        return (
            f"Which {self.first}? {self.total:,} match; showing {len(self.shown)}, yours and "
            "the most recently logged first. Add a surname or company to narrow it."
        )


def choose(ctx: Ctx, group: tuple[CustomerRef, ...]) -> Choices:
    """The candidates to offer for one ambiguous name.

    All of a short list, in the parser's order; of a long one, the writer's own and the
    most recently logged about (ranked in the database).
    """
    if len(group) <= MAX_CHOICES:
        return Choices(group, len(group))
    ids: dict[str, list[int]] = {"contact": [], "company": []}
    for ref in group:
        kind, _, raw = ref.key.partition(":")
        number = as_id(raw)
        if number is not None and kind in ids:
            ids[kind].append(number)
    ranked = ctx.unit.rank_customers(ids["contact"], ids["company"], ctx.member.id, MAX_CHOICES)
    by_key = {ref.key: ref for ref in group}
    shown = tuple(by_key[k] for k in (f"{kind}:{n}" for kind, n in ranked) if k in by_key)
    return Choices(shown, len(group))
