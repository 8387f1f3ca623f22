"""Writing what a parsed message says: the interaction, its follow-up task, the deal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from handlers import audit, nudges
from handlers.context import Ctx
from handlers.directory import Customers
from nlp import Parse
from store.models import Deal, Interaction, InteractionCustomer, Task


@dataclass(frozen=True)
class Written:
    """What one message wrote."""

    interaction: Interaction | None
    task: Task | None
    deal: Deal | None
    defaulted_due: bool


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
            amount=parsed.amount,
            author_id=ctx.member.id,
            source_platform=ctx.message.platform,
            message_key=key,
            created_at=ctx.now,
        )
        interaction.links = [InteractionCustomer(contact_id=c.id) for c in customers.contacts] + [
            InteractionCustomer(company_id=c.id) for c in customers.companies
        ]
        unit.add(interaction)
        unit.flush()
    task, defaulted = _task(ctx, parsed, customers, interaction, key)
    deal, deal_before = _deal(ctx, parsed, customers) if parsed.intent == "log" else (None, None)
    after: dict[str, Any] = {
        "interaction": interaction.id if interaction else None,
        "task": task.number if task else None,
        "deal": deal.id if deal else None,
        "deal_before": deal_before,
    }
    if added:
        after["added"] = list(added)  # customers this message added: undo removes them
    if interaction is not None:
        audit.record(ctx, "log", "interaction", interaction.id, None, after)
    elif task is not None:
        audit.record(ctx, "task.create", "task", task.id, None, after)
    return Written(interaction, task, deal, defaulted)


def _task(
    ctx: Ctx, parsed: Parse, customers: Customers, interaction: Interaction | None, key: str
) -> tuple[Task | None, bool]:
    spec = parsed.task
    if spec is None:
        return None, False
    due, defaulted = spec.due, False
    if due is None:
        due = ctx.today + dt.timedelta(days=ctx.settings.default_followup_days)
        defaulted = True
    task = Task(
        team_id=ctx.unit.team_id,
        number=ctx.unit.next_task_number(),
        title=spec.title,
        due_date=due,
        due_time=spec.time,
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
    nudges.plan(task, ctx.member, ctx.settings)
    ctx.unit.add(task)
    ctx.unit.flush()
    return task, defaulted


def _deal(
    ctx: Ctx, parsed: Parse, customers: Customers
) -> tuple[Deal | None, dict[str, Any] | None]:
    if parsed.deal is None and parsed.amount is None:
        return None, None
    company = customers.companies[0] if customers.companies else None
    contact = customers.contacts[0] if customers.contacts and company is None else None
    if company is None and contact is None:
        return None, None
    if company is None and contact is not None and contact.company is not None:
        company, contact = contact.company, None
    deals = ctx.unit.deals_for([contact.id] if contact else [], [company.id] if company else [])
    deal = next((d for d in reversed(deals) if d.stage == "open"), None)
    before = {"stage": deal.stage, "amount": deal.amount} if deal else None
    if deal is None:
        if parsed.deal is None and parsed.amount is None:
            return None, None
        deal = Deal(
            team_id=ctx.unit.team_id,
            contact_id=contact.id if contact else None,
            company_id=company.id if company else None,
            amount=None,
            stage="open",
            created_at=ctx.now,
        )
        ctx.unit.add(deal)
    if parsed.amount is not None:
        deal.amount = parsed.amount
    if parsed.deal is not None:
        deal.stage = parsed.deal
        deal.closed_at = ctx.now
    ctx.unit.flush()
    return deal, before
