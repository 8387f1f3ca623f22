"""Writing what a parsed message says: the interaction, its follow-up task, the deal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from handlers import audit, deals, due, nudges, offers, schedule, voice
from handlers.context import Ctx
from handlers.directory import Customers, rows_for
from handlers.stages import stage_list
from nlp import Parse
from store.models import Deal, Feedback, Interaction, Notice, Task


@dataclass(frozen=True)
class Written:
    """What one message wrote."""

    interaction: Interaction | None
    task: Task | None
    deal: Deal | None
    defaulted_due: bool
    feedback: tuple[Feedback, ...] = ()
    #: A new lead logged in the team channel itself: the log's own card offers it there.
    lead: str | None = None


def _workday_on_or_after(ctx: Ctx, day: dt.date) -> dt.date:
    """A default follow-up date that falls on a day off moves to the member's next workday."""
    workdays = schedule.parse_workdays(ctx.member.workdays or ctx.settings.workdays)
    for _ in range(7):
        if day.weekday() in workdays:
            return day
        day += dt.timedelta(days=1)
    return day


def _local_to_utc(ctx: Ctx, day: dt.date, at: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, at, tzinfo=ctx.tz).astimezone(dt.UTC)


def write(
    ctx: Ctx,
    parsed: Parse,
    text: str,
    customers: Customers,
    sent_at: dt.datetime,
    key: str,
    added: Sequence[str] = (),
) -> Written:
    """Record the interaction (for a log), the task, and any deal change, with audit rows."""
    unit = ctx.unit
    interaction = None
    if parsed.intent == "log":
        money = deals.money_of(ctx, parsed)
        local_sent = sent_at.astimezone(ctx.tz)
        occurred_day = parsed.occurred or local_sent.date()
        occurred_at = (
            sent_at
            if occurred_day == local_sent.date()
            else _local_to_utc(ctx, occurred_day, dt.time(12))
        )
        interaction = Interaction(
            team_id=unit.team_id,
            kind=parsed.interaction or "note",
            summary=text,
            occurred_at=occurred_at,
            sentiment=parsed.sentiment,
            amount_minor=money.minor if money else None,
            currency=money.currency if money else None,
            amount_period=money.period if money else None,
            author_id=ctx.member.id,
            source_platform=ctx.message.platform,
            message_key=key,
            created_at=ctx.now,
        )
        unit.write_interaction(
            interaction, [c.id for c in customers.contacts], [c.id for c in customers.companies]
        )
    task, defaulted = _task(ctx, parsed, customers, interaction, key)
    deal, deal_before = (
        deals.apply(ctx, parsed, text, customers) if parsed.intent == "log" else (None, None)
    )
    feedback, alert = voice.record(ctx, text, customers, interaction) if interaction else ([], None)
    after: dict[str, Any] = {
        "interaction": interaction.id if interaction else None,
        "task": task.number if task else None,
        "deal": deal.id if deal else None,
        "deal_before": deal_before,
        "feedback": [f.id for f in feedback],
        "alert": alert.number if alert else None,
    }
    if added:
        after["added"] = list(added)  # customers this message added: undo removes them
    lead = None
    if interaction is not None:
        offered, lead = _offer_if_new_lead(ctx, text, customers, interaction, deal,
                                           list(added), deal_before)  # fmt: skip
        if offered:
            after["offers"] = [n.id for n in offered]  # undo withdraws them
    if interaction is not None:
        audit.record(ctx, "log", "interaction", interaction.id, None, after)
    elif task is not None:
        audit.record(ctx, "task.create", "task", task.id, None, after)
    return Written(interaction, task, deal, defaulted, tuple(feedback), lead)


def _offer_if_new_lead(
    ctx: Ctx,
    text: str,
    customers: Customers,
    interaction: Interaction,
    deal: Deal | None,
    added: list[str],
    deal_before: dict[str, Any] | None,
) -> tuple[list[Notice], str | None]:
    """A new lead logged by someone is offered to the team (handlers/offers.py).

    Returns the offers queued, or, when the log was written in the team channel itself,
    none and the lead's key: the channel already sees the log, and its card offers the lead.
    """
    created = deal is not None and deal_before is None
    first = stage_list(ctx.unit)[0] if created else ""  # read only when a deal was opened
    if not offers.is_new_lead(text, bool(added), deal, created, first):
        return [], None
    # A customer the message added is the lead ("met Dana at Harbor": Dana, not Harbor).
    row = offers.lead_of(rows_for(ctx.unit, added), None) if added else None
    row = row or offers.lead_of(customers, deal)
    if row is None:
        return [], None
    if offers.in_team_channel(ctx):
        return [], offers.customer_key(row)
    return offers.offer_lead(ctx, row, interaction, deal), None


def _task(
    ctx: Ctx, parsed: Parse, customers: Customers, interaction: Interaction | None, key: str
) -> tuple[Task | None, bool]:
    spec = parsed.task
    if spec is None:
        return None, False
    day, defaulted = spec.due, False
    if day is None:
        day = _workday_on_or_after(
            ctx, ctx.today + dt.timedelta(days=ctx.settings.default_followup_days)
        )
        defaulted = True
    task = Task(
        team_id=ctx.unit.team_id,
        number=ctx.unit.next_task_number(),
        title=spec.title,
        due_date=day,
        owner_id=ctx.member.id,
        contact_id=customers.contacts[0].id if customers.contacts else None,
        company_id=(
            customers.companies[0].id
            if customers.companies
            else (customers.contacts[0].company_id if customers.contacts else None)
        ),
        status="open",
        interaction_id=interaction.id if interaction else None,
        message_key=key,
        created_at=ctx.now,
    )
    # A time is read in the author's zone and kept as an instant (see handlers/due.py).
    due.set_due(task, day, spec.time, ctx.tz, ctx.tz)
    nudges.plan(task, ctx.member, ctx.settings)
    ctx.unit.insert(task)
    return task, defaulted
