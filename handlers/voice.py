"""The customer's voice: feedback stored from a log, complaints sent to the owner, surveys.

A complaint (or an unhappy log) written by someone who is not the customer's owner becomes
a task for the owner due today, so the nudge delivery takes it to the owner's DM with the
customer's words and Log call / Assign to me. When nobody owns the customer, the task is an
admin's and the card goes to the team channel if there is one (handlers/offers.py). A rating logged for a customer closes the
open survey task that asked for it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handlers import audit, nudges, offers
from handlers.context import Ctx
from handlers.directory import Customers
from nlp.feedback import FeedbackSignal, read_feedback
from store.models import Company, Contact, Feedback, Interaction, Task

SURVEY_DAYS = 1  # a survey is a short task: ask tomorrow


def _customer(customers: Customers) -> tuple[Contact | None, Company | None]:
    contact = customers.contacts[0] if customers.contacts else None
    company = customers.companies[0] if customers.companies else None
    if company is None and contact is not None:
        company = contact.company
    return contact, company


def record(
    ctx: Ctx, text: str, customers: Customers, interaction: Interaction
) -> tuple[list[Feedback], Task | None]:
    """Store the feedback a logged message gives; route complaints; close answered surveys.

    Returns the feedback rows and the task that takes a complaint to the owner, if any.
    """
    contact, company = _customer(customers)
    if contact is None and company is None:
        return [], None
    rows = [_row(ctx, signal, contact, company, interaction) for signal in read_feedback(text)]
    for row in rows:
        ctx.unit.add(row)
    ctx.unit.flush()
    if any(r.kind == "csat" for r in rows):
        _close_surveys(ctx, contact, company)
    complaint = next((r for r in rows if r.kind == "complaint"), None)
    alert = None
    if complaint is not None or interaction.sentiment == "negative":
        alert = _to_owner(ctx, contact, company, interaction, complaint)
    return rows, alert


def _row(
    ctx: Ctx,
    signal: FeedbackSignal,
    contact: Contact | None,
    company: Company | None,
    interaction: Interaction,
) -> Feedback:
    return Feedback(
        team_id=ctx.unit.team_id,
        kind=signal.kind,
        score=signal.score,
        text=signal.text,
        contact_id=contact.id if contact else None,
        company_id=company.id if company else None,
        author_id=ctx.member.id,
        interaction_id=interaction.id,
        at=interaction.occurred_at,
    )


def _close_surveys(ctx: Ctx, contact: Contact | None, company: Company | None) -> None:
    tasks = ctx.unit.open_tasks(
        contact_ids=[contact.id] if contact else [], company_ids=[company.id] if company else []
    )
    for task in tasks:
        if task.purpose == "survey":
            task.status = "done"
            task.nudge_at = None
            audit.record(ctx, "task.done", "task", task.id, {"status": "open"}, {"status": "done"})


def _to_owner(
    ctx: Ctx,
    contact: Contact | None,
    company: Company | None,
    interaction: Interaction,
    complaint: Feedback | None,
) -> Task | None:
    owner = (contact.owner if contact else None) or (company.owner if company else None)
    nobodys = owner is None or not owner.active
    if nobodys:
        # Nobody owns the customer: an admin holds it, the team channel sees it.
        owner = offers.complaint_owner(ctx)
        if owner is None and ctx.unit.team_channel() is not None:
            owner = ctx.member
    if owner is None or (owner.id == ctx.member.id and not nobodys):
        return None
    who = contact or company
    assert who is not None
    what = complaint.text if complaint is not None and complaint.text else "unhappy"
    task = Task(
        team_id=ctx.unit.team_id,
        number=ctx.unit.next_task_number(),
        title=f"{'Complaint' if complaint else 'Unhappy'}: {who.name} — {what}"[:300],
        due_date=ctx.today,
        owner_id=owner.id,
        contact_id=contact.id if contact else None,
        company_id=company.id if company else None,
        status="open",
        purpose="complaint",
        interaction_id=interaction.id,
        message_key=interaction.message_key,
        created_at=ctx.now,
    )
    nudges.plan(task, owner, ctx.settings)
    ctx.unit.add(task)
    ctx.unit.flush()
    if nobodys:
        offers.offer_complaint(ctx, task)
    return task


def survey_task(ctx: Ctx, contact: Contact | None, company: Company | None) -> Task:
    """A short task for the customer's owner: ask them for a 1-5 rating."""
    who = contact or company
    assert who is not None
    owner = (contact.owner if contact else None) or (company.owner if company else None)
    owner = owner if owner is not None and owner.active else ctx.member
    task = Task(
        team_id=ctx.unit.team_id,
        number=ctx.unit.next_task_number(),
        title=f"Ask {who.name} for a 1-5 rating",
        due_date=ctx.today + dt.timedelta(days=SURVEY_DAYS),
        owner_id=owner.id,
        contact_id=contact.id if contact else None,
        company_id=(company.id if company else None),
        status="open",
        purpose="survey",
        message_key=ctx.message.message_id,
        created_at=ctx.now,
    )
    nudges.plan(task, owner, ctx.settings)
    ctx.unit.add(task)
    ctx.unit.flush()
    audit.record(ctx, "task.create", "task", task.id, None,
                 {"interaction": None, "task": task.number, "deal": None, "deal_before": None})  # fmt: skip
    return task


def undo(ctx: Ctx, after: dict[str, Any]) -> None:
    """Take back the feedback a log stored and the task that took its complaint to the owner."""
    for row in ctx.unit.feedback_by_ids([int(i) for i in after.get("feedback") or []]):
        row.deleted_at = row.deleted_at or ctx.now
    if after.get("alert"):
        task = ctx.unit.task(int(after["alert"]))
        if task is not None and task.status == "open":
            task.status = "cancelled"
            task.nudge_at = None
