"""Undo: revert the author's last change, softly, with an audit row of its own."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from handlers import audit, deals, due, nudges, offers, voice
from handlers.context import Ctx
from handlers.ids import as_id
from handlers.record_undo import REVERTS, retire
from handlers.types import Reply
from store.models import AuditEvent, Task


def undo_last(ctx: Ctx, replace: bool = False) -> list[Reply]:
    """Revert the author's latest undoable change."""
    event = ctx.unit.last_undoable(ctx.member.id)
    if event is None:
        return [Reply("Nothing to undo.", replace=replace)]
    return revert(ctx, event, replace)


def undo_log(ctx: Ctx, interaction_id: str) -> list[Reply]:
    """Undo button on a log card: that interaction, if the presser logged it (or is admin)."""
    number = as_id(interaction_id)
    if number is None:
        return [Reply("That button is out of date.", tone="warning")]
    interaction = ctx.unit.interaction(number)
    if interaction is None:
        return [Reply("That entry no longer exists.", tone="warning")]
    event = ctx.unit.audit_for("interaction", interaction.id, "log")
    if interaction.author_id != ctx.member.id and not may_undo(ctx, event):
        return [Reply("Only the person who logged it can undo it.", tone="warning")]
    if interaction.deleted_at is not None:
        return [Reply("Already undone.", replace=True)]
    if event is None:
        return [Reply("That entry can't be undone.", tone="warning")]
    return revert(ctx, event, replace=True)


def undo_task(ctx: Ctx, number: str) -> list[Reply]:
    """Undo button on a new task's card."""
    task_number = as_id(number)
    task = ctx.unit.task(task_number) if task_number is not None else None
    if task is None:
        return [Reply("That button is out of date.", tone="warning")]
    event = ctx.unit.audit_for("task", task.id, "task.create")
    if task.owner_id != ctx.member.id and not may_undo(ctx, event):
        return [Reply("That button is out of date.", tone="warning")]
    if event is None or event.undone:
        return [Reply("Already undone.", replace=True)]
    return revert(ctx, event, replace=True)


def may_undo(ctx: Ctx, event: AuditEvent | None) -> bool:
    """Who may undo a change: who it was made for, who wrote it (for a teammate), an admin."""
    if ctx.is_admin:
        return True
    if event is None:
        return False
    return ctx.member.id in (event.member_id, event.written_by_id)


def revert(ctx: Ctx, event: AuditEvent, replace: bool) -> list[Reply]:
    """Put back what one audit event changed."""
    unit = ctx.unit
    after = event.after or {}
    before = event.before or {}
    if event.action in REVERTS:
        text = REVERTS[event.action](ctx, event)
    elif event.action in ("log", "task.create"):
        said = []
        if after.get("interaction"):
            interaction = unit.interaction(int(after["interaction"]))
            if interaction is not None and interaction.deleted_at is None:
                interaction.deleted_at = ctx.now
                said.append("the log entry")
        if after.get("task"):
            task = unit.task(int(after["task"]))
            if task is not None and task.status == "open":
                task.status = "cancelled"
                said.append(f"follow-up #{task.number}")
        if after.get("deal"):
            said += _undo_deal(ctx, int(after["deal"]), after.get("deal_before"))
        voice.undo(ctx, after)
        offers.withdraw(ctx, [int(i) for i in after.get("offers") or []])
        # Customers the log added go with it.
        said += retire(ctx, list(after.get("added", [])))
        text = "Undone: removed " + " and ".join(said) + "." if said else "Already undone."
    else:
        task = unit.task_by_id(event.entity_id)
        if task is None:
            return [Reply("That change can't be undone.", tone="warning")]
        _restore(task, before)
        owner = unit.member(task.owner_id)
        if owner is not None:
            _restore_wall_clock(task, before, nudges.member_zone(owner, ctx.settings))
            nudges.plan(task, owner, ctx.settings)
        text = f"Undone: #{task.number} {task.title} is back as it was."
    event.undone = True
    audit.record(ctx, "undo", event.entity, event.entity_id, after, before)
    return [Reply(text, tone="success", replace=replace)]


def _restore_wall_clock(task: Task, before: dict[str, object], zone: ZoneInfo) -> None:
    """A change recorded before times were instants held the owner's wall-clock time."""
    at = before.get("due_time")
    if at and "due_at" not in before and task.due_date is not None:
        due.set_due(task, task.due_date, dt.time.fromisoformat(str(at)), zone, zone)


def _undo_deal(ctx: Ctx, deal_id: int, before: dict[str, Any] | None) -> list[str]:
    """Put the deal back as it was before the log; a deal the log created goes with it."""
    deal = ctx.unit.deal(deal_id)
    if deal is None or deal.deleted_at is not None:
        return []
    if before is not None:
        deals.restore(deal, before)
        return []
    deal.deleted_at = ctx.now
    return [f"the deal {deal.name}" if deal.name else "the new deal"]


def _restore(task: Task, before: dict[str, object]) -> None:
    task.status = str(before.get("status", task.status))
    day = before.get("due_date")
    task.due_date = dt.date.fromisoformat(str(day)) if day else None
    at = before.get("due_at")
    task.due_at = dt.datetime.fromisoformat(str(at)) if at else None
    title = before.get("title")
    if isinstance(title, str):
        task.title = title
    owner = before.get("owner_id")
    if isinstance(owner, int):
        task.owner_id = owner
