"""A long reply as several Slack messages, each under a size budget.

Slack has refused chat.postMessage well below its documented limits (near 11-13k
characters of blocks), so a big card (a busy team's digest) goes out as a first message
and plain follow-ups titled "(continued)", each at most `BUDGET` characters of blocks
plus fallback text, with nothing cut: the sections are shared out whole.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from bot.adapters.slack.render import MAX_BLOCKS, render
from handlers.types import Reply

#: Characters per message: the blocks (as sent, JSON) plus the fallback text.
BUDGET = 10_000


def size(payload: dict[str, Any]) -> int:
    """What a rendered message weighs against the budget."""
    blocks = json.dumps(payload.get("blocks") or [], ensure_ascii=False)
    return len(blocks) + len(str(payload.get("text") or ""))


def _part(reply: Reply, sections: list[str], first: bool, last: bool) -> Reply:
    """One message's share of `reply`: the head on the first, buttons and context on the last."""
    title = reply.title or ""
    if not first:
        title = f"{title} (continued)".strip()
    text = "\n".join(line for line in [title, *sections] if line)
    return replace(
        reply,
        text=text or reply.text,
        title=title or None,
        fields=reply.fields if first else (),
        sections=tuple(sections),
        buttons=reply.buttons if last else (),
        context=reply.context if last else None,
    )


def _fits(payload: dict[str, Any], budget: int) -> bool:
    return size(payload) <= budget and len(payload["blocks"]) < MAX_BLOCKS


def messages(reply: Reply, budget: int = BUDGET) -> list[dict[str, Any]]:
    """chat.postMessage payloads for `reply`: one when it fits, else the sections shared out."""
    whole = render(reply)
    if not reply.sections or _fits(whole, budget):
        return [whole]
    out: list[dict[str, Any]] = []
    current: list[str] = []
    for section in reply.sections:
        trial = render(_part(reply, [*current, section], not out, False))
        if current and not _fits(trial, budget):
            out.append(render(_part(reply, current, not out, False)))
            current = []
        current.append(section)
    tail = render(_part(reply, current, not out, True))
    if not _fits(tail, budget) and current:
        # The buttons and context tipped the last share over: they go on alone.
        out.append(render(_part(reply, current, not out, False)))
        tail = render(_part(reply, [], False, True))
    out.append(tail)
    return out
