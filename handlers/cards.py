"""Replies that restate what the bot understood or changed, as cards."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from handlers import due, followup
from handlers import formatting as fmt
from handlers.context import Ctx
from handlers.deals import deal_money
from handlers.directory import Customers
from handlers.money import Money, show
from handlers.record import Written
from handlers.types import Button, Field, Reply
from nlp import Parse
from store.models import Deal, Feedback, Task


def task_line(task: Task, zone: ZoneInfo, today: dt.date | None = None) -> str:
    """'#3 Send quote — Fri 20 Nov 15:00 (Jane Doe)', the time in the reader's `zone`."""
    who = task.contact.name if task.contact else (task.company.name if task.company else None)
    when = due.text(task, zone, today)
    return f"#{task.number} {fmt.clip(task.title, 60)} — {when}" + (f" ({who})" if who else "")


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
        due_text = due.text(task, ctx.tz, today)
        days = ctx.settings.default_followup_days
        shifted = task.due_date != today + dt.timedelta(days=days)
        note = (
            f" (no date given: {days} days from today"
            + (", moved past your days off)" if shifted else ")")
            if written.defaulted_due
            else ""
        )
        fields.append(Field("Follow-up", f"#{task.number} {task.title} — due {due_text}{note}"))
        about = (
            f" ({customers.names()})" if written.interaction is None and not customers.empty else ""
        )
        sentences.append(f"Follow-up #{task.number} “{task.title}”{about} due {due_text}{note}.")
        buttons += [
            Button("Change date", "task.change_date", str(task.number)),
            Button("Done", "task.done", str(task.number), "primary"),
        ]
        if written.interaction is None:
            buttons.insert(0, Button("Undo", "task.undo", str(task.number), "danger"))
    if written.deal is not None:
        deal = written.deal
        amount = deal_money(deal)
        what = " · ".join(
            x
            for x in (
                deal.name,
                deal.stage,
                show(amount) if amount else None,
                _closing(deal, today),
            )
            if x
        )
        fields.append(Field("Deal", what))
        reason = f" ({deal.lost_reason})" if deal.stage == "lost" and deal.lost_reason else ""
        sentences.append(
            f"Deal {deal.name + ' ' if deal.name else ''}marked {deal.stage}"
            + (f" at {show(amount)}" if amount else "")
            + f"{reason}."
        )
    elif written.interaction is not None and written.interaction.amount_minor is not None:
        i = written.interaction
        fields.append(
            Field("Amount", show(Money(i.amount_minor or 0, i.currency or "", i.amount_period)))
        )
    if written.feedback:
        fields.append(Field("Feedback", " · ".join(_said(f) for f in written.feedback)))
    if parsed.sentiment and written.interaction is not None:
        fields.append(Field("Mood", parsed.sentiment))
    if parsed.inbound and written.interaction is not None and task is None:
        first = customers.first_name() or "them"
        sentences.append(f"Follow up with {first.split()[0]}?")
        buttons += list(followup.buttons(written.interaction))
    if written.lead is not None:
        sentences.append("New lead: whoever takes it owns it.")
        buttons.append(Button("Take it", "lead.take", written.lead, "primary"))
    return Reply(
        text=" ".join(sentences),
        title=title,
        fields=tuple(fields),
        buttons=tuple(buttons),
        context=f"Dates in {ctx.tz.key}",
        tone="success",
    )


def _said(row: Feedback) -> str:
    if row.kind == "csat":
        return f"rated {row.score}/5"
    if row.kind == "nps":
        return f"NPS {row.score}"
    return f"{row.kind}: {row.text}" if row.text else row.kind


def _closing(deal: Deal, today: dt.date) -> str | None:
    if deal.expected_close is None or deal.stage in ("won", "lost"):
        return None
    return f"closing {fmt.day(deal.expected_close, today)}"
