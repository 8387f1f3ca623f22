"""Offering work to the team: a new lead, or a complaint about a customer nobody owns.

An offer goes to the team channel (the chat that gets the digest) if there is one, else to
the customer's owner or the admins in a direct message. It is a notice, sent by the
scheduler's nudge tick (handlers/outbound.py), and its card is built when it is sent, so a
lead undone in the meantime is not offered.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from handlers import audit, complaint_card, notices
from handlers import formatting as fmt
from handlers.context import Ctx
from handlers.deals import deal_money
from handlers.directory import Customers, rows_for
from handlers.money import show
from handlers.stages import is_open
from handlers.types import Button, Reply
from store import Unit
from store.models import AuditEvent, Company, Contact, Deal, Interaction, Member, Notice, Task

#: "new lead: …" says so outright, whatever else the line holds.
NEW_LEAD = re.compile(r"^\W*(?:new|fresh|hot|inbound)\s+(?:lead|prospect)\b", re.I)


def customer_key(row: Contact | Company) -> str:
    """The `contact:ID` / `company:ID` key buttons carry."""
    return f"{'contact' if isinstance(row, Contact) else 'company'}:{row.id}"


def _queue(ctx: Ctx, kind: str, subject: str, text: str, to: list[Member]) -> list[Notice]:
    """One notice to the team channel, else one to each member in `to`."""
    base = {"team_id": ctx.unit.team_id, "kind": kind, "subject": subject, "text": text,
            "created_at": ctx.now}  # fmt: skip
    channel = ctx.unit.team_channel()
    if channel is not None:
        notices = [Notice(platform=channel.platform, chat=channel.chat, **base)]
    else:
        notices = [Notice(member_id=member.id, **base) for member in to]
    for notice in notices:
        ctx.unit.add(notice)
    ctx.unit.flush()
    return notices


def withdraw(ctx: Ctx, ids: list[int]) -> None:
    """Offers of a log being undone are not sent (those already sent stay as they were)."""
    for notice in ctx.unit.notices_by_ids(ids):
        if notice.sent_at is None:
            notice.sent_at = ctx.now
            notice.lease_owner = notice.lease_until = None


def _others(ctx: Ctx, owner: Member | None) -> list[Member]:
    """Who hears of an offer without a channel: the owner, else the admins (not the author)."""
    if owner is not None and owner.active and owner.id != ctx.member.id:
        return [owner]
    return [m for m in ctx.unit.members() if m.role == "admin" and m.id != ctx.member.id]


def is_new_lead(text: str, added: bool, deal: Deal | None, created: bool, first: str) -> bool:
    """A log is a new lead when it adds the customer, opens a deal at the first stage, or says so."""
    return (
        added
        or (deal is not None and created and deal.stage == first)
        or bool(NEW_LEAD.match(text))
    )


def lead_of(customers: Customers, deal: Deal | None) -> Contact | Company | None:
    """The customer a lead is about: the deal's, else the company named, else the person."""
    if deal is not None and (deal.company or deal.contact) is not None:
        return deal.company or deal.contact
    if customers.companies:
        return customers.companies[0]
    if customers.contacts:
        return customers.contacts[0].company or customers.contacts[0]
    return None


def in_team_channel(ctx: Ctx) -> bool:
    """Whether the message was written in the team channel (where offers are posted)."""
    channel = ctx.unit.team_channel()
    return channel is not None and (channel.platform, channel.chat) == (
        ctx.message.platform,
        ctx.message.chat,
    )


def offer_lead(
    ctx: Ctx, row: Contact | Company, interaction: Interaction, deal: Deal | None
) -> list[Notice]:
    """Offer a new lead to the team channel, else to the customer's owner or the admins."""
    money = deal_money(deal) if deal is not None else None
    what = ", ".join(x for x in (deal.name if deal else None, show(money) if money else None) if x)
    said = fmt.clip(interaction.summary, 200)
    text = f"New lead: {row.name}" + (f" ({what})" if what else "")
    text += f". {ctx.member.name} logged: “{said}”"
    return _queue(ctx, "lead", customer_key(row), text, _others(ctx, row.owner))


def complaint_owner(ctx: Ctx) -> Member | None:
    """Who holds a complaint about a customer nobody owns: an admin other than the author."""
    admins = [m for m in ctx.unit.members() if m.role == "admin" and m.id != ctx.member.id]
    return admins[0] if admins else None


def offer_complaint(ctx: Ctx, task: Task) -> bool:
    """Post a complaint nobody owns to the team channel; False when there is none."""
    if ctx.unit.team_channel() is None:
        return False
    _queue(ctx, "complaint", str(task.number), task.title, [])
    task.nudge_at = None  # the channel has it; whoever takes it gets the nudges
    return True


def card(unit: Unit, notice: Notice, zone: ZoneInfo) -> Reply | None:
    """The offer as it is sent; None when it is gone (the log was undone, the task closed)."""
    if notice.kind == "complaint":
        task = unit.task(int(notice.subject or 0))
        if task is None or task.status != "open":
            return None
        return complaint_card.card(task, zone.key)
    rows = rows_for(unit, [notice.subject or ""])
    row = (rows.contacts or rows.companies or [None])[0]
    if row is None:
        return None
    key = customer_key(row)
    return Reply(
        text=notice.text,
        title=f"New lead: {row.name}",
        buttons=(
            Button("Take it", "lead.take", key, "primary"),
            Button("Show", "customer.show", key),
        ),
        context=f"Whoever takes it owns {row.name} and its open deals.",
    )


def _lead(ctx: Ctx, key: str) -> Contact | Company | None:
    rows = rows_for(ctx.unit, [key])
    return (rows.contacts or rows.companies or [None])[0]


def _open_deals(ctx: Ctx, row: Contact | Company) -> list[Deal]:
    ids = [row.id] if isinstance(row, Contact) else []
    firms = [row.id] if isinstance(row, Company) else []
    return [d for d in ctx.unit.deals_for(ids, firms) if is_open(d.stage)]


def take(ctx: Ctx, key: str) -> list[Reply]:
    """Take it: whoever pressed owns the customer and its open deals (undoable)."""
    row = _lead(ctx, key)
    if row is None:
        return [Reply("That lead is no longer in the directory.", tone="warning")]
    deals = _open_deals(ctx, row)
    if row.owner_id == ctx.member.id and all(d.owner_id == ctx.member.id for d in deals):
        return [Reply(f"{row.name} is already yours.", tone="success")]
    kind = "contact" if isinstance(row, Contact) else "company"
    taken = ctx.unit.audit_for(kind, row.id, "lead.take")
    if taken is not None and not taken.undone and row.owner is not None:
        # The first press wins: a second one from the same channel must not take it over.
        return [Reply(f"{row.owner.name} already took {row.name}.", replace=True)]
    previous = row.owner_id
    before = {"owner_id": previous, "deals": {str(d.id): d.owner_id for d in deals}}
    row.owner_id = ctx.member.id
    for deal in deals:
        deal.owner_id = ctx.member.id
    after = {"owner_id": ctx.member.id, "deals": {str(d.id): ctx.member.id for d in deals}}
    event = audit.record(ctx, "lead.take", kind, row.id, before, after)
    ctx.unit.flush()
    if previous is not None:
        notices.tell(ctx, previous, f"took the lead {row.name}; it is theirs now.")
    also = f" and its {len(deals)} open deal{'s' if len(deals) != 1 else ''}" if deals else ""
    return [
        Reply(
            f"{ctx.member.name} took the lead {row.name}: they own it{also} now.",
            buttons=(Button("Undo", "record.undo", str(event.id)),),
            tone="success",
            replace=True,
        )
    ]


def undo_take(ctx: Ctx, event: AuditEvent) -> str:
    """Give a taken lead back to whoever owned it before (and its deals to theirs)."""
    row = (
        ctx.unit.contact(event.entity_id)
        if event.entity == "contact"
        else (ctx.unit.company(event.entity_id))
    )
    if row is None:
        return "That customer is gone; nothing to undo."
    before = event.before or {}
    row.owner_id = before.get("owner_id")
    for deal_id, owner in (before.get("deals") or {}).items():
        deal = ctx.unit.deal(int(deal_id))
        if deal is not None:
            deal.owner_id = owner
    owner = ctx.unit.member(row.owner_id) if row.owner_id else None
    return f"Undone: {row.name} is back with {owner.name if owner else 'nobody'}."
