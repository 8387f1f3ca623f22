"""Search over the notes: "search pallets" / "find SSO", newest first, paged."""

from __future__ import annotations

from handlers import formatting as fmt
from handlers.context import Ctx
from handlers.ids import paged
from handlers.types import Button, Reply
from nlp.requests import Search
from store.models import Interaction
from store.search import words_of

PAGE = 10
#: The query rides in the More button's value: Telegram allows 64 bytes in all.
QUERY_IN_BUTTON = 40


def search(ctx: Ctx, request: Search) -> list[Reply]:
    """The first page of notes holding every word searched for."""
    return [page(ctx, request.query, 0)]


def more(ctx: Ctx, value: str) -> list[Reply]:
    """The "More" button: value 'offset:query'."""
    pressed = paged(value, offset_first=True)
    if pressed is None:
        return [Reply("That button is out of date.", tone="warning")]
    return [page(ctx, *pressed)]


def page(ctx: Ctx, query: str, offset: int) -> Reply:
    """One page of hits, each with its customers and date."""
    words = " ".join(words_of(query))
    if not words:
        return Reply("What should I look for? e.g. “search pallets”.")
    hits = ctx.unit.search_notes(words, PAGE + 1, offset)
    lines = [_line(ctx, i) for i in hits[:PAGE]]
    title = f"Notes with “{fmt.clip(words, 40)}”"
    if not lines:
        return Reply(f"No notes with “{fmt.clip(words, 40)}”." if offset == 0 else
                     f"{title}: no more.")  # fmt: skip
    buttons: tuple[Button, ...] = ()
    value = f"{offset + PAGE}:{words}"
    if len(hits) > PAGE and len(value.encode()) <= QUERY_IN_BUTTON + 10:
        buttons = (Button("More", "search.more", value),)
    shown = f"{offset + 1}–{offset + len(lines)}"
    return Reply(
        f"{title} ({shown}):\n" + "\n".join(lines),
        title=f"{title} ({shown})",
        sections=tuple(lines),
        buttons=buttons,
        context=f"Dates in {ctx.tz.key}",
    )


def _line(ctx: Ctx, interaction: Interaction) -> str:
    day = fmt.day(interaction.occurred_at.astimezone(ctx.tz).date(), ctx.today)
    names = [link.contact.name if link.contact else (link.company.name if link.company else "")
             for link in interaction.links]  # fmt: skip
    who = ", ".join(n for n in names if n) or "no customer"
    return f"• {day} · {who} · {interaction.kind}: {fmt.clip(interaction.summary, 90)}"
