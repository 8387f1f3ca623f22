"""Merging two records of one customer, and deleting one: soft, audited, undoable."""

from __future__ import annotations

from typing import Any

from handlers import audit, resolve
from handlers.context import Ctx
from handlers.ids import as_id
from handlers.resolve import Customer
from handlers.types import Button, Reply
from nlp.requests import Delete, Merge
from store.models import Contact

#: Filled in on the kept contact from the merged one when it has none.
_DETAILS = ("email", "phone", "title", "company_id", "owner_id")


def merge(ctx: Ctx, request: Merge) -> list[Reply] | None:
    """“merge Sarah into Sarah Kim”: everything of Sarah moves to Sarah Kim."""
    source = resolve.customer(ctx, request.source)
    target = resolve.customer(ctx, request.target)
    if source is None or target is None:
        return None
    for found in (source, target):
        if found.row is None:
            return [found.reply] if found.reply else None
    assert source.row is not None
    assert target.row is not None
    return merge_rows(ctx, source.row, target.row, replace=False)


def merge_button(ctx: Ctx, value: str) -> list[Reply]:
    """“Merge into …” on a new contact's card: value 'source id:target id'."""
    raw_source, _, raw_target = value.partition(":")
    ids = as_id(raw_source), as_id(raw_target)
    rows = [ctx.unit.contact(i) if i is not None else None for i in ids]
    if any(r is None or r.deleted_at is not None for r in rows):
        return [Reply("That button is out of date.", tone="warning")]
    source, target = rows
    assert source is not None
    assert target is not None
    return merge_rows(ctx, source, target, replace=True)


def merge_rows(ctx: Ctx, source: Customer, target: Customer, replace: bool) -> list[Reply]:
    """Move history, tasks, deals (and people) and aliases to `target`; retire `source`."""
    kind = resolve.kind_of(source)
    if kind != resolve.kind_of(target):
        return [Reply("I can only merge two contacts or two companies.", tone="warning")]
    if source.id == target.id:
        return [Reply(f"{source.name} and {target.name} are already one record.")]
    moved = ctx.unit.move_customer_links(kind, source.id, target.id)
    before: dict[str, Any] = {"aliases": list(target.aliases or [])}
    names = [source.name, *(source.aliases or [])]
    target.aliases = [*before["aliases"], *(n for n in names if n not in before["aliases"])]
    if isinstance(source, Contact) and isinstance(target, Contact):
        for column in _DETAILS:
            if getattr(target, column) is None and getattr(source, column) is not None:
                before[column] = None
                setattr(target, column, getattr(source, column))
    source.deleted_at = ctx.now
    ctx.unit.touch_directory()
    after = {"source": source.id, "moved": moved}
    event = audit.record(ctx, "customer.merge", kind, target.id, before, after)
    ctx.unit.flush()
    counts = ", ".join(f"{len(ids)} {_NOUNS[table]}" for table, ids in moved.items() if ids)
    return [
        Reply(
            f"Merged {source.name} into {target.name}"
            + (f" ({counts} moved)." if counts else ".")
            + f" “{source.name}” now finds {target.name}.",
            buttons=(Button("Undo", "record.undo", str(event.id), "danger"),),
            tone="success",
            replace=replace,
        )
    ]


_NOUNS = {"interaction_customers": "log entries", "tasks": "tasks", "deals": "deals",
          "contacts": "people"}  # fmt: skip


def delete(ctx: Ctx, request: Delete) -> list[Reply] | None:
    """“delete contact Sarah”: soft; refused while the customer has open tasks."""
    found = resolve.customer(ctx, request.who, request.kind)
    if found is None:
        return None
    if found.row is None:
        return [found.reply] if found.reply else None
    row = found.row
    kind = resolve.kind_of(row)
    tasks = ctx.unit.open_tasks(
        contact_ids=[row.id] if kind == "contact" else [],
        company_ids=[row.id] if kind == "company" else [],
    )
    if tasks:
        numbers = ", ".join(f"#{t.number}" for t in tasks[:5])
        first = tasks[0].number
        return [
            Reply(
                f"{row.name} has open tasks ({numbers}); nothing was deleted. Close them "
                f"(“done {first}”, “cancel {first}”), or merge {row.name} into another record "
                f"(“merge {row.name} into …”), then delete again.",
                tone="warning",
            )
        ]
    row.deleted_at = ctx.now
    ctx.unit.touch_directory()
    event = audit.record(ctx, "customer.delete", kind, row.id, {"deleted_at": None},
                         {"deleted_at": ctx.now.isoformat()})  # fmt: skip
    ctx.unit.flush()
    return [
        Reply(
            f"Deleted {row.name}. Its history stays; “undo” brings it back.",
            buttons=(Button("Undo", "record.undo", str(event.id), "danger"),),
            tone="success",
        )
    ]
