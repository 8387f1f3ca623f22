"""Telling a member when a teammate changed their work (closed, moved or gave a task)."""

from __future__ import annotations

from handlers.context import Ctx
from store.models import Notice


def tell(ctx: Ctx, member_id: int, text: str) -> None:
    """Queue a direct message to `member_id`, unless they made the change themselves.

    The scheduler's nudge tick sends it (see handlers/outbound.py).
    """
    if member_id == ctx.member.id:
        return
    ctx.unit.add(Notice(team_id=ctx.unit.team_id, member_id=member_id,
                        text=f"{ctx.member.name}: {text}", created_at=ctx.now))  # fmt: skip
