"""After a customer reached out and no follow-up was asked for, offer one."""

from __future__ import annotations

import datetime as dt

from handlers import audit, nudges
from handlers import formatting as fmt
from handlers.context import Ctx
from handlers.ids import as_id
from handlers.types import Button, Reply
from store.models import Interaction, Task

CHOICES = (("Follow up tomorrow", 1), ("In 3 days", 3), ("No", 0))


def buttons(interaction: Interaction) -> tuple[Button, ...]:
    """[Follow up tomorrow] [In 3 days] [No] for one logged interaction."""
    return tuple(
        Button(label, "followup.add", f"{interaction.id}:{days}") for label, days in CHOICES
    )


def add(ctx: Ctx, value: str) -> list[Reply]:
    """Create the follow-up the author picked (or nothing for "No")."""
    raw_id, _, raw_days = value.partition(":")
    interaction_id = as_id(raw_id)
    interaction = ctx.unit.interaction(interaction_id) if interaction_id is not None else None
    if interaction is None or raw_days not in {str(d) for _, d in CHOICES}:
        return [Reply("That button is out of date.", tone="warning")]
    if interaction.author_id != ctx.member.id and not ctx.is_admin:
        return [Reply("Only the person who logged it can add its follow-up.", tone="warning")]
    if raw_days == "0":
        return [Reply("OK, no follow-up.")]
    if interaction.deleted_at is not None:
        return [Reply("That entry was undone, so there is nothing to follow up.")]
    link = interaction.links[0] if interaction.links else None
    who = (link.contact or link.company) if link else None
    due = ctx.today + dt.timedelta(days=int(raw_days))
    task = Task(
        team_id=ctx.unit.team_id, number=ctx.unit.next_task_number(),
        title=f"Follow up with {who.name}" if who else "Follow up", due_date=due,
        owner_id=ctx.member.id, contact_id=link.contact_id if link else None,
        company_id=link.company_id if link else None, status="open",
        interaction_id=interaction.id, message_key=ctx.message.message_id, created_at=ctx.now,
    )  # fmt: skip
    nudges.plan(task, ctx.member, ctx.settings)
    ctx.unit.add(task)
    ctx.unit.flush()
    audit.record(ctx, "task.create", "task", task.id, None,
                 {"interaction": None, "task": task.number, "deal": None, "deal_before": None})  # fmt: skip
    return [Reply(f"Follow-up #{task.number} “{task.title}” due {fmt.day(due, ctx.today)}.",
                  tone="success")]  # fmt: skip
