"""`survey Acme`: a short task for the owner to ask the customer for a 1-5 rating."""

from __future__ import annotations

from handlers import formatting as fmt
from handlers.context import Ctx
from handlers.directory import rows_for
from handlers.logbook import customers_named
from handlers.types import Button, Field, Reply
from handlers.voice import survey_task


def command(ctx: Ctx, rest: str) -> list[Reply] | None:
    """Create the survey task; the rating, logged in chat, closes it."""
    name = rest.strip()
    if not name:
        return [Reply("Whom should we survey? e.g. “survey Acme”.")]
    found = customers_named(ctx, name)
    if not found.customers:
        if found.ambiguous:
            options = ", ".join(c.name for group in found.ambiguous for c in group)
            return [Reply(f"Which one? {options}.", tone="warning")]
        return [Reply(f"I don't know “{fmt.clip(name, 40)}”.", tone="warning")]
    rows = rows_for(ctx.unit, [found.customers[0].key])
    contact = rows.contacts[0] if rows.contacts else None
    company = rows.companies[0] if rows.companies else (contact.company if contact else None)
    task = survey_task(ctx, contact, company)
    due = fmt.due(task.due_date, None, ctx.today)
    who = contact.name if contact else (company.name if company else "")
    return [
        Reply(
            f"Survey: #{task.number} {task.title} — {task.owner.name}, due {due}. "
            f"Log the answer (“{who.split()[0]} rated us 4/5”) and the task closes.",
            title="Survey added",
            fields=(Field("Task", f"#{task.number} {task.title}"), Field("Owner", task.owner.name),
                    Field("Due", due)),
            buttons=(Button("Done", "task.done", str(task.number), "primary"),),
            tone="success",
        )
    ]  # fmt: skip
