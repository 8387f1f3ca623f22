"""Lookup: one card with the whole relationship with a person or a company."""

from __future__ import annotations

from handlers import formatting as fmt
from handlers.cards import task_line
from handlers.choices import choose
from handlers.context import Ctx
from handlers.deal_card import deal_fields
from handlers.details import readable_phone
from handlers.directory import rows_for
from handlers.feedback_card import feedback_fields
from handlers.types import Button, Field, Reply
from nlp import Parse
from store.models import Company, Contact, Interaction

RECENT = 5


def handle_lookup(ctx: Ctx, parsed: Parse) -> list[Reply]:
    """Answer "who is X?" / "X?"; several candidates get a choice."""
    if parsed.ambiguous and not parsed.customers:
        picks = choose(ctx, parsed.ambiguous[0])
        return [
            Reply(
                f"{picks.intro()} " + ", ".join(c.name for c in picks.shown) + ".",
                title=f"Which {picks.first}?",
                buttons=tuple(Button(c.name, "customer.show", c.key) for c in picks.shown),
            )
        ]
    rows = rows_for(ctx.unit, [c.key for c in parsed.customers])
    if rows.contacts:
        return [contact_card(ctx, rows.contacts[0])]
    if rows.companies:
        return [company_card(ctx, rows.companies[0])]
    return [Reply("I don't know that customer yet. Log a contact with them and I will.")]


def show(ctx: Ctx, key: str) -> list[Reply]:
    """The card for a `contact:ID` / `company:ID` key (a button press)."""
    rows = rows_for(ctx.unit, [key])
    if rows.contacts:
        return [contact_card(ctx, rows.contacts[0])]
    if rows.companies:
        return [company_card(ctx, rows.companies[0])]
    return [Reply("That customer is no longer in the directory.", tone="warning")]


def _touch(ctx: Ctx, i: Interaction) -> str:
    when = i.occurred_at.astimezone(ctx.tz).date()
    return f"{i.kind} on {fmt.day(when, ctx.today)} by {i.author.name} ({fmt.ago(when, ctx.today)})"


def _history(ctx: Ctx, items: list[Interaction]) -> tuple[str, ...]:
    return tuple(
        f"• {fmt.day(i.occurred_at.astimezone(ctx.tz).date(), ctx.today)} · {i.kind} · "
        f"{i.author.name}: {fmt.clip(i.summary, 70)}"
        for i in items
    )


def contact_card(ctx: Ctx, contact: Contact) -> Reply:
    """Name, company, owner, email/phone, last contact, open tasks, recent touches, deals."""
    company_ids = [contact.company_id] if contact.company_id else []
    recent = list(ctx.unit.interactions_about([contact.id], [], RECENT))
    tasks = list(ctx.unit.open_tasks(contact_ids=[contact.id]))
    title = contact.name + (f" — {contact.company.name}" if contact.company else "")
    fields = [Field("Title", contact.title)] if contact.title else []
    fields.append(Field("Owner", contact.owner.name if contact.owner else "—"))
    if contact.email:
        fields.append(Field("Email", contact.email))
    if contact.phone:
        fields.append(Field("Phone", readable_phone(contact.phone)))
    fields.append(Field("Last contact", _touch(ctx, recent[0]) if recent else "none logged yet"))
    fields.append(
        Field(
            "Open tasks",
            "; ".join(task_line(t, ctx.tz, ctx.today) for t in tasks[:5]) if tasks else "none",
        )
    )
    fields += deal_fields(ctx, [contact.id], company_ids)
    fields += feedback_fields(ctx, [contact.id], [])
    return Reply(
        text=_summary(title, fields),
        title=title,
        fields=tuple(fields),
        sections=(("Recent:", *_history(ctx, recent))) if recent else (),
        context=f"Dates in {ctx.tz.key}",
    )


def company_card(ctx: Ctx, company: Company) -> Reply:
    """A company with its people and their latest touches."""
    people = list(ctx.unit.people_at(company.id))
    person_ids = [p.id for p in people]
    recent = list(ctx.unit.interactions_about(person_ids, [company.id], RECENT))
    tasks = list(ctx.unit.open_tasks(contact_ids=person_ids, company_ids=[company.id]))
    fields = [Field("Owner", company.owner.name if company.owner else "—")]
    fields.append(Field("Last contact", _touch(ctx, recent[0]) if recent else "none logged yet"))
    lines = []
    for p in people[:10]:
        last = ctx.unit.interactions_about([p.id], [], 1)
        lines.append(f"{p.name} ({_touch(ctx, last[0]) if last else 'no contact yet'})")
    fields.append(Field("People", "; ".join(lines) if lines else "none yet"))
    fields.append(
        Field(
            "Open tasks",
            "; ".join(task_line(t, ctx.tz, ctx.today) for t in tasks[:5]) if tasks else "none",
        )
    )
    fields += deal_fields(ctx, person_ids, [company.id])
    fields += feedback_fields(ctx, person_ids, [company.id])
    return Reply(
        text=_summary(company.name, fields),
        title=company.name,
        fields=tuple(fields),
        sections=(("Recent:", *_history(ctx, recent))) if recent else (),
        context=f"Dates in {ctx.tz.key}",
    )


def recent_customers(ctx: Ctx, limit: int = 8) -> Reply:
    """The customers the author touched most recently, newest first."""
    seen: dict[str, str] = {}
    for i in ctx.unit.recent_by_author(ctx.member.id):
        when = fmt.day(i.occurred_at.astimezone(ctx.tz).date(), ctx.today)
        for link in i.links:
            row = link.contact or link.company
            if row is not None and row.name not in seen:
                seen[row.name] = f"{row.name} — {i.kind}, {when}"
    lines = list(seen.values())[:limit]
    if not lines:
        return Reply("No customers touched yet.", title="Recently touched")
    return Reply(
        "Recently touched: " + "; ".join(lines),
        title="Recently touched",
        sections=tuple(lines),
    )


def _summary(title: str, fields: list[Field]) -> str:
    return title + ". " + " ".join(f"{f.label}: {f.value}." for f in fields)
