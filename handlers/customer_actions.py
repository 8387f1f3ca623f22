"""Buttons on customers gone cold: log a call, snooze two weeks, reassign the owner."""

from __future__ import annotations

import datetime as dt

from handlers import audit
from handlers import formatting as fmt
from handlers.context import Ctx
from handlers.directory import rows_for
from handlers.ids import as_id
from handlers.types import Button, Reply
from store.models import Company, Contact, Interaction, InteractionCustomer

SNOOZE = dt.timedelta(days=14)


def _row(ctx: Ctx, key: str) -> Contact | Company | None:
    rows = rows_for(ctx.unit, [key])
    return rows.contacts[0] if rows.contacts else (rows.companies[0] if rows.companies else None)


def _gone() -> list[Reply]:
    return [Reply("That customer is no longer in the directory.", tone="warning")]


def log_call(ctx: Ctx, key: str) -> list[Reply]:
    """Record a call with the customer now (undo works as for any log)."""
    row = _row(ctx, key)
    if row is None:
        return _gone()
    interaction = Interaction(
        team_id=ctx.unit.team_id, kind="call", summary="Call logged from the digest",
        occurred_at=ctx.now, author_id=ctx.member.id, source_platform=ctx.message.platform,
        message_key=ctx.message.message_id, created_at=ctx.now,
    )  # fmt: skip
    link = (
        InteractionCustomer(contact_id=row.id)
        if isinstance(row, Contact)
        else InteractionCustomer(company_id=row.id)
    )
    interaction.links = [link]
    ctx.unit.add(interaction)
    ctx.unit.flush()
    audit.record(ctx, "log", "interaction", interaction.id, None,
                 {"interaction": interaction.id, "task": None, "deal": None, "deal_before": None})  # fmt: skip
    return [Reply(f"Logged a call with {row.name} today ({fmt.day(ctx.today)}).", tone="success")]


def snooze(ctx: Ctx, key: str) -> list[Reply]:
    """Keep the customer off the gone-cold list for two weeks."""
    row = _row(ctx, key)
    if row is None:
        return _gone()
    until = ctx.today + SNOOZE
    before = row.quiet_until.isoformat() if row.quiet_until else None
    row.quiet_until = until
    audit.record(ctx, "customer.snooze", "contact" if isinstance(row, Contact) else "company",
                 row.id, {"quiet_until": before}, {"quiet_until": until.isoformat()})  # fmt: skip
    return [
        Reply(
            f"{row.name} won't be listed as cold until {fmt.day(until, ctx.today)}.", tone="success"
        )
    ]


def ask_owner(ctx: Ctx, key: str) -> list[Reply]:
    """One button per member to own the customer."""
    row = _row(ctx, key)
    if row is None:
        return _gone()
    members = [m for m in ctx.unit.members() if m.id != row.owner_id][:10]
    if not members:
        return [Reply("There is nobody else on the team yet.")]
    return [Reply(f"Who should own {row.name}?",
                  buttons=tuple(Button(m.name, "customer.give", f"{key}:{m.id}") for m in members))]  # fmt: skip


def give(ctx: Ctx, value: str) -> list[Reply]:
    """Set the customer's owner: value 'kind:id:member id'."""
    key, _, member_id = value.rpartition(":")
    row = _row(ctx, key)
    number = as_id(member_id)
    member = ctx.unit.member(number) if number is not None else None
    if row is None or member is None or not member.active:
        return [Reply("That button is out of date.", tone="warning")]
    before = row.owner_id
    row.owner_id = member.id
    audit.record(ctx, "customer.owner", "contact" if isinstance(row, Contact) else "company",
                 row.id, {"owner_id": before}, {"owner_id": member.id})  # fmt: skip
    return [Reply(f"{member.name} now owns {row.name}.", tone="success", replace=True)]
