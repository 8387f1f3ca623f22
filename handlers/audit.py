"""Audit rows: who changed what, when, with before and after."""

from __future__ import annotations

from typing import Any

from handlers.context import Ctx
from store.models import AuditEvent


def record(
    ctx: Ctx,
    action: str,
    entity: str,
    entity_id: int,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit row for a change the author made."""
    event = AuditEvent(
        team_id=ctx.unit.team_id,
        member_id=ctx.member.id,
        written_by_id=ctx.writer.id if ctx.writer is not None else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=before,
        after=after,
        undone=False,
        at=ctx.now,
    )
    return ctx.unit.insert(event)  # written now: nothing waits on it, and a flush costs more
