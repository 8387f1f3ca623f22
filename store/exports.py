"""Every row of a team as plain rows, streamed: for export.

Years of history do not fit in memory as ORM objects (a million interactions, each with
its links loaded one query at a time, took hours). Rows come from joins, in batches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Row, or_, select
from sqlalchemy.orm import aliased

from store.models import (
    AllowedChat,
    Company,
    Contact,
    Deal,
    DigestSubscription,
    Identity,
    Interaction,
    InteractionCustomer,
    Member,
    Task,
)
from store.unit import Unit

BATCH = 5_000


def _stream(unit: Unit, stmt: Any) -> Iterator[Row[Any]]:
    # yield_per: a server-side cursor on PostgreSQL; SQLite reads from its cursor anyway.
    yield from unit.session.execute(stmt.execution_options(yield_per=BATCH))


def members(unit: Unit) -> Iterator[Row[Any]]:
    """Every member, former ones included, by id, with their settings.

    Columns: id, name, role, tz, workday_start, quiet_hours, workdays, active, created_at.
    """
    return _stream(
        unit,
        select(
            Member.id,
            Member.name,
            Member.role,
            Member.tz,
            Member.workday_start,
            Member.quiet_hours,
            Member.workdays,
            Member.active,
            Member.created_at,
        )
        .where(Member.team_id == unit.team_id)
        .order_by(Member.id),
    )


def identities(unit: Unit) -> Iterator[Row[Any]]:
    """Every platform account by id: id, member_id, platform, user_key, reachable."""
    return _stream(
        unit,
        select(
            Identity.id,
            Identity.member_id,
            Identity.platform,
            Identity.user_key,
            Identity.reachable,
        )
        .where(Identity.team_id == unit.team_id)
        .order_by(Identity.id),
    )


def companies(unit: Unit) -> Iterator[Row[Any]]:
    """Every company by name, removed ones included (a backup keeps what undo may restore).

    Columns: id, name, aliases, owner (name), created_at, owner_id, deleted_at, quiet_until.
    """
    owner = aliased(Member)
    return _stream(
        unit,
        select(
            Company.id,
            Company.name,
            Company.aliases,
            owner.name.label("owner"),
            Company.created_at,
            Company.owner_id,
            Company.deleted_at,
            Company.quiet_until,
        )
        .outerjoin(owner, owner.id == Company.owner_id)
        .where(Company.team_id == unit.team_id)
        .order_by(Company.name, Company.id),
    )


def contacts(unit: Unit) -> Iterator[Row[Any]]:
    """Every contact by name, removed ones included.

    Columns: id, name, company (name, if live), email, phone, aliases, owner, created_at,
    company_id, owner_id, deleted_at, quiet_until.
    """
    owner = aliased(Member)
    return _stream(
        unit,
        select(
            Contact.id,
            Contact.name,
            Company.name.label("company"),
            Contact.email,
            Contact.phone,
            Contact.aliases,
            owner.name.label("owner"),
            Contact.created_at,
            Contact.company_id,
            Contact.owner_id,
            Contact.deleted_at,
            Contact.quiet_until,
        )
        .outerjoin(Company, (Company.id == Contact.company_id) & Company.deleted_at.is_(None))
        .outerjoin(owner, owner.id == Contact.owner_id)
        .where(Contact.team_id == unit.team_id)
        .order_by(Contact.name, Contact.id),
    )


def interactions(unit: Unit) -> Iterator[tuple[Row[Any], list[tuple[str, str]]]]:
    """Every interaction, undone ones included, oldest first.

    Columns: id, kind, occurred_at, summary, sentiment, amount, author (name),
    source_platform, deleted_at, author_id, created_at, message_key. Each comes with the
    customers it concerns, in the order they were linked: (name, "contact:ID" or
    "company:ID").
    """
    after: tuple[Any, int] | None = None
    while True:
        stmt = (
            select(
                Interaction.id,
                Interaction.kind,
                Interaction.occurred_at,
                Interaction.summary,
                Interaction.sentiment,
                Interaction.amount,
                Member.name.label("author"),
                Interaction.source_platform,
                Interaction.deleted_at,
                Interaction.author_id,
                Interaction.created_at,
                Interaction.message_key,
            )
            .join(Member, Member.id == Interaction.author_id)
            .where(Interaction.team_id == unit.team_id)
            .order_by(Interaction.occurred_at, Interaction.id)
            .limit(BATCH)
        )
        if after is not None:  # keyset paging: no OFFSET scans over years of rows
            at, last = after
            stmt = stmt.where(
                Interaction.occurred_at >= at,
                or_(Interaction.occurred_at > at, Interaction.id > last),
            )
        rows = unit.session.execute(stmt).all()
        if not rows:
            return
        customers = _customers(unit, [r.id for r in rows])
        for row in rows:
            yield row, customers.get(row.id, [])
        after = (rows[-1].occurred_at, rows[-1].id)


def _customers(unit: Unit, ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    links = unit.session.execute(
        select(
            InteractionCustomer.interaction_id,
            InteractionCustomer.contact_id,
            InteractionCustomer.company_id,
            Contact.name,
            Company.name,
        )
        .outerjoin(Contact, Contact.id == InteractionCustomer.contact_id)
        .outerjoin(Company, Company.id == InteractionCustomer.company_id)
        .where(InteractionCustomer.interaction_id.in_(ids))
        .order_by(InteractionCustomer.interaction_id, InteractionCustomer.id)
    ).all()
    out: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for interaction_id, contact_id, company_id, contact, company in links:
        key = f"contact:{contact_id}" if contact_id is not None else f"company:{company_id}"
        out[interaction_id].append((contact or company or "", key))
    return out


def tasks(unit: Unit) -> Iterator[Row[Any]]:
    """Every task by number.

    Columns: number, title, due_date, due_time, status, owner, contact, company (names),
    interaction_id, created_at, id, owner_id, contact_id, company_id, nudge_at,
    nudge_count, message_key.
    """
    return _stream(
        unit,
        select(
            Task.number,
            Task.title,
            Task.due_date,
            Task.due_time,
            Task.status,
            Member.name.label("owner"),
            Contact.name.label("contact"),
            Company.name.label("company"),
            Task.interaction_id,
            Task.created_at,
            Task.id,
            Task.owner_id,
            Task.contact_id,
            Task.company_id,
            Task.nudge_at,
            Task.nudge_count,
            Task.message_key,
        )
        .join(Member, Member.id == Task.owner_id)
        .outerjoin(Contact, Contact.id == Task.contact_id)
        .outerjoin(Company, Company.id == Task.company_id)
        .where(Task.team_id == unit.team_id)
        .order_by(Task.number),
    )


def deals(unit: Unit) -> Iterator[Row[Any]]:
    """Every deal by id.

    Columns: id, contact_id, company (name, if live), amount, stage, created_at, closed_at,
    company_id.
    """
    return _stream(
        unit,
        select(
            Deal.id,
            Deal.contact_id,
            Company.name.label("company"),
            Deal.amount,
            Deal.stage,
            Deal.created_at,
            Deal.closed_at,
            Deal.company_id,
        )
        .outerjoin(Company, (Company.id == Deal.company_id) & Company.deleted_at.is_(None))
        .where(Deal.team_id == unit.team_id)
        .order_by(Deal.id),
    )


def digest_subscriptions(unit: Unit) -> Iterator[Row[Any]]:
    """Every chat that gets the digest, by id.

    Columns: id, platform, chat, local_time, tz, active, created_by, next_run_at,
    last_sent_on, reachable.
    """
    sub = DigestSubscription
    return _stream(
        unit,
        select(sub.id, sub.platform, sub.chat, sub.local_time, sub.tz, sub.active,
               sub.created_by, sub.next_run_at, sub.last_sent_on, sub.reachable)
        .where(sub.team_id == unit.team_id)
        .order_by(sub.id),
    )  # fmt: skip


def allowed_chats(unit: Unit) -> Iterator[Row[Any]]:
    """Every group chat an admin allowed, by id: id, platform, chat, allowed_by, at."""
    chat = AllowedChat
    return _stream(
        unit,
        select(chat.id, chat.platform, chat.chat, chat.allowed_by, chat.at)
        .where(chat.team_id == unit.team_id)
        .order_by(chat.id),
    )
