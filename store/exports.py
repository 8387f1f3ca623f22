"""Every row of a team as plain rows, streamed: for export.

Years of history do not fit in memory as ORM objects (a million interactions, each with
its links loaded one query at a time, took hours). Rows come from joins, in batches, with
times as ISO 8601 text formatted by the database (see store.bulk).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import aliased

from store.bulk import iso_utc, sorted_not_walked
from store.models import (
    AllowedChat,
    AuditEvent,
    Company,
    Contact,
    Deal,
    DigestSubscription,
    Feedback,
    Identity,
    Interaction,
    InteractionCustomer,
    Member,
    Notice,
    Task,
    Team,
)
from store.unit import Unit

BATCH = 5_000
LINK = 14  # where the link columns start in an interaction row


def _stream(unit: Unit, stmt: Any) -> Iterator[Row[Any]]:
    # Plain rows through the connection, a batch at a time, chained in C: the ORM's result
    # processing and a Python step per row are not needed. yield_per: a server-side cursor
    # on PostgreSQL.
    connection = unit.session.connection()
    result = connection.execution_options(yield_per=BATCH).execute(stmt)
    return chain.from_iterable(result.partitions())


def members(unit: Unit) -> Iterator[Row[Any]]:
    """Every member, former ones included, by id, with their settings.

    Columns: id, name, role, tz, workday_start, quiet_hours, workdays, active, created_at,
    may_log_for_others, tz_by_hand, email.
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
            iso_utc(Member.created_at).label("created_at"),
            Member.may_log_for_others,
            Member.tz_by_hand,
            Member.email,
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

    Columns: id, name, aliases, owner (name), created_at, owner_id, deleted_at, quiet_until,
    last_touch_at.
    """
    owner = aliased(Member)
    return _stream(
        unit,
        select(
            Company.id,
            Company.name,
            Company.aliases,
            owner.name.label("owner"),
            iso_utc(Company.created_at).label("created_at"),
            Company.owner_id,
            iso_utc(Company.deleted_at).label("deleted_at"),
            Company.quiet_until,
            iso_utc(Company.last_touch_at).label("last_touch_at"),
        )
        .outerjoin(owner, owner.id == Company.owner_id)
        .where(Company.team_id == unit.team_id)
        .order_by(Company.name, Company.id),
    )


def contacts(unit: Unit) -> Iterator[Row[Any]]:
    """Every contact by name, removed ones included.

    Columns: id, name, company (name, if live), email, phone, aliases, owner, created_at,
    company_id, owner_id, deleted_at, quiet_until, last_touch_at, title.
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
            iso_utc(Contact.created_at).label("created_at"),
            Contact.company_id,
            Contact.owner_id,
            iso_utc(Contact.deleted_at).label("deleted_at"),
            Contact.quiet_until,
            iso_utc(Contact.last_touch_at).label("last_touch_at"),
            Contact.title,
        )
        .outerjoin(Company, (Company.id == Contact.company_id) & Company.deleted_at.is_(None))
        .outerjoin(owner, owner.id == Contact.owner_id)
        .where(Contact.team_id == unit.team_id)
        .order_by(Contact.name, Contact.id),
    )


def interactions(unit: Unit) -> Iterator[tuple[tuple[Any, ...], list[tuple[str, str]]]]:
    """Every interaction, undone ones included, oldest first.

    Each comes as (id, kind, occurred_at, summary, sentiment, amount_minor, currency,
    amount_period, author (name), source_platform, deleted_at, author_id, created_at,
    message_key) with the customers it concerns, in the order they were linked: (name,
    "contact:ID" or "company:ID").
    One query streams interactions joined to their links, read in table order and sorted
    by the database, so there is no page of ids to send back per batch.
    """
    stmt = (
        select(
            Interaction.id,
            Interaction.kind,
            iso_utc(Interaction.occurred_at).label("occurred_at"),
            Interaction.summary,
            Interaction.sentiment,
            Interaction.amount_minor,
            Interaction.currency,
            Interaction.amount_period,
            Member.name.label("author"),
            Interaction.source_platform,
            iso_utc(Interaction.deleted_at).label("deleted_at"),
            Interaction.author_id,
            iso_utc(Interaction.created_at).label("created_at"),
            Interaction.message_key,
            InteractionCustomer.id.label("link"),
            func.coalesce(Contact.name, Company.name, "").label("customer"),
            InteractionCustomer.contact_id,
            InteractionCustomer.company_id,
        )
        .join(Member, Member.id == Interaction.author_id)
        .outerjoin(InteractionCustomer, InteractionCustomer.interaction_id == Interaction.id)
        .outerjoin(Contact, Contact.id == InteractionCustomer.contact_id)
        .outerjoin(Company, Company.id == InteractionCustomer.company_id)
        .where(Interaction.team_id == unit.team_id)
        .order_by(
            sorted_not_walked(Interaction.occurred_at), Interaction.id, InteractionCustomer.id
        )
    )
    current: tuple[Any, ...] = ()
    names: list[tuple[str, str]] = []
    for row in _stream(unit, stmt):  # by position: a million rows, two columns of links
        if not current or row[0] != current[0]:
            if current:
                yield current, names
            current, names = tuple(row[:LINK]), []
        if row[LINK] is not None:
            contact, company = row[LINK + 2], row[LINK + 3]
            key = f"contact:{contact}" if contact is not None else f"company:{company}"
            names.append((row[LINK + 1], key))
    if current:
        yield current, names


def tasks(unit: Unit) -> Iterator[Row[Any]]:
    """Every task by number.

    Columns: number, title, due_date, due_at (a timed task's instant), status, owner,
    contact, company (names), interaction_id, created_at, id, owner_id, contact_id, company_id, nudge_at,
    nudge_count, message_key, purpose.
    """
    return _stream(
        unit,
        select(
            Task.number,
            Task.title,
            Task.due_date,
            iso_utc(Task.due_at).label("due_at"),
            Task.status,
            Member.name.label("owner"),
            Contact.name.label("contact"),
            Company.name.label("company"),
            Task.interaction_id,
            iso_utc(Task.created_at).label("created_at"),
            Task.id,
            Task.owner_id,
            Task.contact_id,
            Task.company_id,
            iso_utc(Task.nudge_at).label("nudge_at"),
            Task.nudge_count,
            Task.message_key,
            Task.purpose,
        )
        .join(Member, Member.id == Task.owner_id)
        .outerjoin(Contact, Contact.id == Task.contact_id)
        .outerjoin(Company, Company.id == Task.company_id)
        .where(Task.team_id == unit.team_id)
        .order_by(Task.number),
    )


def deals(unit: Unit) -> Iterator[Row[Any]]:
    """Every deal by id.

    Columns: id, contact_id, company (name, if live), name, owner (name), amount_minor,
    currency, period, stage, expected_close, stage_changed_at, lost_reason, created_at,
    closed_at, company_id, owner_id, deleted_at.
    """
    return _stream(
        unit,
        select(
            Deal.id,
            Deal.contact_id,
            Company.name.label("company"),
            Deal.name,
            Member.name.label("owner"),
            Deal.amount_minor,
            Deal.currency,
            Deal.period,
            Deal.stage,
            Deal.expected_close,
            iso_utc(Deal.stage_changed_at).label("stage_changed_at"),
            Deal.lost_reason,
            iso_utc(Deal.created_at).label("created_at"),
            iso_utc(Deal.closed_at).label("closed_at"),
            Deal.company_id,
            Deal.owner_id,
            iso_utc(Deal.deleted_at).label("deleted_at"),
        )
        .outerjoin(Company, (Company.id == Deal.company_id) & Company.deleted_at.is_(None))
        .outerjoin(Member, Member.id == Deal.owner_id)
        .where(Deal.team_id == unit.team_id)
        .order_by(Deal.id),
    )


def digest_subscriptions(unit: Unit) -> Iterator[Row[Any]]:
    """Every chat that gets the digest, by id.

    Columns: id, platform, chat, local_time, tz, active, created_by, next_run_at,
    last_sent_on, reachable, chat_name.
    """
    sub = DigestSubscription
    return _stream(
        unit,
        select(sub.id, sub.platform, sub.chat, sub.local_time, sub.tz, sub.active,
               sub.created_by, iso_utc(sub.next_run_at).label("next_run_at"),
               sub.last_sent_on, sub.reachable, sub.chat_name)
        .where(sub.team_id == unit.team_id)
        .order_by(sub.id),
    )  # fmt: skip


def allowed_chats(unit: Unit) -> Iterator[Row[Any]]:
    """Every group chat an admin allowed, by id: id, platform, chat, allowed_by, at."""
    chat = AllowedChat
    return _stream(
        unit,
        select(chat.id, chat.platform, chat.chat, chat.allowed_by, iso_utc(chat.at).label("at"))
        .where(chat.team_id == unit.team_id)
        .order_by(chat.id),
    )


def team(unit: Unit) -> Iterator[Row[Any]]:
    """The team's own settings, one row: deal_stages (None: the default list)."""
    return _stream(unit, select(Team.deal_stages).where(Team.id == unit.team_id))


def feedback(unit: Unit) -> Iterator[Row[Any]]:
    """Every rating, complaint, request and praise by id, removed ones included.

    Columns: id, kind, score, text, customer (name), author (name), contact_id, company_id,
    author_id, interaction_id, at, deleted_at.
    """
    return _stream(
        unit,
        select(
            Feedback.id,
            Feedback.kind,
            Feedback.score,
            Feedback.text,
            func.coalesce(Contact.name, Company.name).label("customer"),
            Member.name.label("author"),
            Feedback.contact_id,
            Feedback.company_id,
            Feedback.author_id,
            Feedback.interaction_id,
            iso_utc(Feedback.at).label("at"),
            iso_utc(Feedback.deleted_at).label("deleted_at"),
        )
        .join(Member, Member.id == Feedback.author_id)
        .outerjoin(Contact, Contact.id == Feedback.contact_id)
        .outerjoin(Company, Company.id == Feedback.company_id)
        .where(Feedback.team_id == unit.team_id)
        .order_by(Feedback.id),
    )


def pending_notices(unit: Unit) -> Iterator[Row[Any]]:
    """Notices not sent yet (sent ones are history the recipient already has), by id.

    Columns: id, member (name), member_id, text, created_at, platform, chat, kind, subject
    (the last four for an offer to a chat).
    """
    return _stream(
        unit,
        select(
            Notice.id,
            Member.name.label("member"),
            Notice.member_id,
            Notice.text,
            iso_utc(Notice.created_at).label("created_at"),
            Notice.platform,
            Notice.chat,
            Notice.kind,
            Notice.subject,
        )
        .outerjoin(Member, Member.id == Notice.member_id)
        .where(Notice.team_id == unit.team_id, Notice.sent_at.is_(None))
        .order_by(Notice.id),
    )


def audit_events(unit: Unit) -> Iterator[Row[Any]]:
    """The audit log by id (what undo reverts, and who changed what).

    Columns: id, at, member (name), action, entity, entity_id, before, after, undone,
    member_id, written_by_id.
    """
    return _stream(
        unit,
        select(
            AuditEvent.id,
            iso_utc(AuditEvent.at).label("at"),
            Member.name.label("member"),
            AuditEvent.action,
            AuditEvent.entity,
            AuditEvent.entity_id,
            AuditEvent.before,
            AuditEvent.after,
            AuditEvent.undone,
            AuditEvent.member_id,
            AuditEvent.written_by_id,
        )
        .outerjoin(Member, Member.id == AuditEvent.member_id)
        .where(AuditEvent.team_id == unit.team_id)
        .order_by(AuditEvent.id),
    )
