"""Replies that restate what the bot understood or changed, as cards."""

from __future__ import annotations

import datetime as dt

from handlers import followup
from handlers import formatting as fmt
from handlers.context import Ctx
from handlers.directory import Customers
from handlers.record import Written
from handlers.types import Button, Field, Reply
from nlp import Parse
from store.models import Task


def task_line(task: Task, today: dt.date | None = None) -> str:
    """'#3 Send quote — Fri 20 Nov (Jane Doe)'."""
    who = task.contact.name if task.contact else (task.company.name if task.company else None)
    due = fmt.due(task.due_date, task.due_time, today)
    return f"#{task.number} {fmt.clip(task.title, 60)} — {due}" + (f" ({who})" if who else "")


def logged(ctx: Ctx, parsed: Parse, customers: Customers, written: Written) -> Reply:
    """The card after a log or task: who, what, when, the follow-up, and how to fix it."""
    today = ctx.today
    fields: list[Field] = []
    buttons: list[Button] = []
    sentences: list[str] = []
    if written.interaction is not None:
        kind = written.interaction.kind
        when = written.interaction.occurred_at.astimezone(ctx.tz).date()
        who = customers.names()
        title = f"Logged {kind} with {customers.first_name()}"
        fields += [Field("Who", who), Field("What", kind), Field("When", fmt.day(when, today))]
        sentences.append(f"Logged {kind} with {who} on {fmt.day(when, today)}.")
        buttons.append(Button("Undo", "log.undo", str(written.interaction.id), "danger"))
    else:
        title = "Follow-up added"
        if not customers.empty:
            fields.append(Field("Who", customers.names()))
    task = written.task
    if task is not None:
        due = fmt.due(task.due_date, task.due_time, today)
        note = (
            f" (no date given: {ctx.settings.default_followup_days} days from today)"
            if written.defaulted_due
            else ""
        )
        fields.append(Field("Follow-up", f"#{task.number} {task.title} — due {due}{note}"))
        about = (
            f" ({customers.names()})" if written.interaction is None and not customers.empty else ""
        )
        sentences.append(f"Follow-up #{task.number} “{task.title}”{about} due {due}{note}.")
        buttons += [
            Button("Change date", "task.change_date", str(task.number)),
            Button("Done", "task.done", str(task.number), "primary"),
        ]
        if written.interaction is None:
            buttons.insert(0, Button("Undo", "task.undo", str(task.number), "danger"))
    if written.deal is not None:
        stage = written.deal.stage
        amount = fmt.money(written.deal.amount)
        fields.append(Field("Deal", f"{stage}, {amount}" if written.deal.amount else stage))
        sentences.append(
            f"Deal marked {stage}" + (f" at {amount}." if written.deal.amount else ".")
        )
    elif parsed.amount is not None:
        fields.append(Field("Amount", fmt.money(parsed.amount)))
    if parsed.sentiment and written.interaction is not None:
        fields.append(Field("Mood", parsed.sentiment))
    if parsed.inbound and written.interaction is not None and task is None:
        first = customers.first_name() or "them"
        sentences.append(f"Follow up with {first.split()[0]}?")
        buttons += list(followup.buttons(written.interaction))
    return Reply(
        text=" ".join(sentences),
        title=title,
        fields=tuple(fields),
        buttons=tuple(buttons),
        context=f"Dates in {ctx.tz.key}",
        tone="success",
    )
