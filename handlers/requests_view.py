"""'what do customers ask for?': requests of the last 90 days, grouped by the words they share."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from handlers import formatting as fmt
from handlers.context import Ctx
from handlers.types import Reply
from nlp.feedback import asks_for_requests, request_words
from store.models import Feedback

WINDOW = dt.timedelta(days=90)
SHOWN = 10


@dataclass(frozen=True)
class Group:
    """Requests that share a word: the word (or the request itself), and who asked."""

    label: str
    requests: tuple[Feedback, ...]

    def customers(self) -> list[str]:
        """Who asked, each once, in the order they asked."""
        rows = [r.company or r.contact for r in self.requests]
        return list(dict.fromkeys(row.name for row in rows if row is not None))


def group(requests: list[Feedback]) -> list[Group]:
    """Greedily: the word most requests share takes them, until no word is shared."""
    left = list(requests)
    words = {r.id: request_words(r.text or "") for r in left}
    groups: list[Group] = []
    while left:
        counts = Counter(w for r in left for w in words[r.id])
        common = [(n, w) for w, n in counts.items() if n > 1]
        if not common:
            break
        _, word = max(common)
        taken = tuple(r for r in left if word in words[r.id])
        groups.append(Group(word, taken))
        left = [r for r in left if word not in words[r.id]]
    groups += [Group(fmt.clip(r.text or "?", 40), (r,)) for r in left]
    return sorted(groups, key=lambda g: (-len(g.requests), g.label))


def lines(groups: list[Group]) -> list[str]:
    """'• delivery (3): Harbor Marine Services, Zephyr Solar'."""
    return [
        f"• {g.label} ({len(g.requests)}): {', '.join(g.customers()) or '—'}"
        for g in groups[:SHOWN]
    ]


def answer(ctx: Ctx, text: str) -> list[Reply] | None:
    """The grouped requests, or None when the line asks something else."""
    if not asks_for_requests(text):
        return None
    requests = list(
        ctx.unit.feedback_between(ctx.now - WINDOW, ctx.now + dt.timedelta(minutes=1), ["request"])
    )
    if not requests:
        return [Reply("No customer requests logged in the last 90 days.")]
    found = lines(group(requests))
    title = f"Customer requests, last 90 days ({len(requests)})"
    return [Reply(title + "\n" + "\n".join(found), title=title, sections=tuple(found))]
