"""The DM a customer's owner gets when someone else logs a complaint or an unhappy contact."""

from __future__ import annotations

from handlers import formatting as fmt
from handlers.types import Button, Field, Reply
from store.models import Task


def card(task: Task, zone_key: str) -> Reply:
    """The complaint in the customer's words, who logged it, and what to do about it."""
    who = task.contact or task.company
    key = f"contact:{task.contact_id}" if task.contact_id else f"company:{task.company_id}"
    said = task.interaction.summary if task.interaction is not None else task.title
    author = task.interaction.author.name if task.interaction is not None else "someone"
    text = f"⚠ {task.title}. {author} logged: “{fmt.clip(said, 200)}”"
    fields = [Field("Customer", who.name if who else "—"), Field("Logged by", author),
              Field("Said", fmt.clip(said, 300))]  # fmt: skip
    n = str(task.number)
    return Reply(
        text=text,
        title=f"⚠ {task.title}",
        fields=tuple(fields),
        buttons=(
            Button("Log call", "customer.log_call", key, "primary"),
            Button("Assign to me", "task.take", n),
            Button("Done", "task.done", n),
        ),
        context=f"Dates in {zone_key}",
        tone="warning",
    )
