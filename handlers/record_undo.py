"""Undo for changes to customer records: edits, additions, merges, deletions, leads taken."""

from __future__ import annotations

from collections.abc import Callable

from handlers import member_link, offers
from handlers.context import Ctx
from handlers.directory import rows_for
from handlers.ids import as_id
from handlers.types import Reply
from store.models import AuditEvent, Company, Contact


def retire(ctx: Ctx, keys: list[str]) -> list[str]:
    """Soft-delete the customers with these keys; their names."""
    rows = rows_for(ctx.unit, keys)
    gone: list[Contact | Company] = [*rows.contacts, *rows.companies]
    for row in gone:
        row.deleted_at = ctx.now
    if gone:
        ctx.unit.touch_directory()
    return [row.name for row in gone]


def _row(ctx: Ctx, event: AuditEvent) -> Contact | Company | None:
    if event.entity == "contact":
        return ctx.unit.contact(event.entity_id)
    return ctx.unit.company(event.entity_id)


def _edit(ctx: Ctx, event: AuditEvent) -> str:
    row = _row(ctx, event)
    if row is None:
        return "That customer is gone; nothing to undo."
    for column, value in (event.before or {}).items():
        setattr(row, column, value)
    retire(ctx, list((event.after or {}).get("added", [])))
    ctx.unit.touch_directory()
    return f"Undone: {row.name} is back as it was."


def _add(ctx: Ctx, event: AuditEvent) -> str:
    names = retire(
        ctx, [f"{event.entity}:{event.entity_id}", *(event.after or {}).get("added", [])]
    )
    return "Undone: removed " + " and ".join(names) + "." if names else "Already undone."


def _delete(ctx: Ctx, event: AuditEvent) -> str:
    row = _row(ctx, event)
    if row is None:
        return "That customer is gone; nothing to undo."
    row.deleted_at = None
    ctx.unit.touch_directory()
    return f"Undone: {row.name} is back."


def _merge(ctx: Ctx, event: AuditEvent) -> str:
    after, before = event.after or {}, event.before or {}
    source = (
        ctx.unit.contact(int(after["source"]))
        if event.entity == "contact"
        else (ctx.unit.company(int(after["source"])))
    )
    target = _row(ctx, event)
    if source is None or target is None:
        return "Those records are gone; nothing to undo."
    ctx.unit.restore_customer_links(event.entity, after.get("moved", {}), source.id)
    for column, value in before.items():
        setattr(target, column, value)
    source.deleted_at = None
    ctx.unit.touch_directory()
    return f"Undone: {source.name} and {target.name} are separate again."


REVERTS: dict[str, Callable[[Ctx, AuditEvent], str]] = {
    "customer.edit": _edit,
    "customer.add": _add,
    "customer.delete": _delete,
    "customer.merge": _merge,
    "member.link": member_link.undo,
    "lead.take": offers.undo_take,
}


def undo_button(ctx: Ctx, value: str) -> list[Reply]:
    """The Undo button on a record change: value is the audit event's id."""
    from handlers.undo import may_undo, revert  # undo dispatches here: import at call time

    number = as_id(value)
    event = ctx.unit.audit_event(number) if number is not None else None
    if event is None:
        return [Reply("That button is out of date.", tone="warning")]
    if not may_undo(ctx, event):
        return [Reply("Only the person who made the change can undo it.", tone="warning")]
    if event.undone:
        return [Reply("Already undone.", replace=True)]
    return revert(ctx, event, replace=True)
