"""Tables. Every row belongs to a team; times are stored as UTC."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from store.columns import UTCDateTime

__all__ = ["UTCDateTime"]  # migrations name it as store.models.UTCDateTime

# Stable constraint names, so migrations read the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with naming conventions."""

    metadata = MetaData(naming_convention=NAMING)


def _team_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("teams.id"), index=True)


class Team(Base):
    """A tenant: one per deployment today."""

    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    next_task_number: Mapped[int] = mapped_column(Integer, default=1)
    # Bumped by every change to companies or contacts other than additions, so cached
    # directories know to reload.
    directory_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Bumped by every addition, so cached directories read the new rows (and only those).
    directory_additions: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The team's deal stages in order (None: the default list); the last two close a deal.
    deal_stages: Mapped[list[str] | None] = mapped_column(JSON)


class Member(Base):
    """A person on the team (one member may have several platform identities)."""

    __tablename__ = "members"
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = _team_fk()
    name: Mapped[str] = mapped_column(String(200))
    tz: Mapped[str | None] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16), default="member")
    workday_start: Mapped[dt.time | None] = mapped_column(Time)
    quiet_hours: Mapped[str | None] = mapped_column(String(16))  # "20:00-08:00"; "" = none
    workdays: Mapped[str | None] = mapped_column(String(32))  # "mon-fri", "mon,wed,fri"
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # Set by an admin ("allow Sam to log for others"): may log on a teammate's behalf.
    may_log_for_others: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Set by "tz Asia/Tokyo", cleared by "tz auto": a zone typed by hand beats the platform's.
    tz_by_hand: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The person's work email (from an import's owner email, or their Slack profile): an
    # imported member is claimed by the account whose platform vouches for this address.
    email: Mapped[str | None] = mapped_column(String(254))


class Identity(Base):
    """A member's account on one platform."""

    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("team_id", "platform", "user_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = _team_fk()
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    user_key: Mapped[str] = mapped_column(String(128))
    reachable: Mapped[bool] = mapped_column(Boolean, default=True)
    member: Mapped[Member] = relationship()


class Company(Base):
    """A customer organisation."""

    __tablename__ = "companies"
    __table_args__ = (UniqueConstraint("team_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = _team_fk()
    name: Mapped[str] = mapped_column(String(200))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # Not listed as gone cold before this day (the digest's "Snooze 2 weeks").
    quiet_until: Mapped[dt.date | None] = mapped_column(Date)
    # The latest live interaction with it (kept by store.touches; the digest reads it).
    last_touch_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    owner: Mapped[Member | None] = relationship()


class Contact(Base):
    """A customer person, optionally at a company."""

    __tablename__ = "contacts"
    # A company's live people and their last touch, read without the rows (the digest).
    __table_args__ = (
        Index("ix_contacts_company_touch", "company_id", "deleted_at", "last_touch_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = _team_fk()
    name: Mapped[str] = mapped_column(String(200), index=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"), index=True)
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(String(200))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # Not listed as gone cold before this day (the digest's "Snooze 2 weeks").
    quiet_until: Mapped[dt.date | None] = mapped_column(Date)
    # The latest live interaction with them (kept by store.touches; the digest reads it).
    last_touch_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    company: Mapped[Company | None] = relationship()
    owner: Mapped[Member | None] = relationship()


class Interaction(Base):
    """A contact that happened (or a note), as logged by a member."""

    __tablename__ = "interactions"
    __table_args__ = (
        Index("ix_interactions_team_occurred", "team_id", "occurred_at"),
        Index("ix_interactions_author_occurred", "author_id", "occurred_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = _team_fk()
    kind: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    sentiment: Mapped[str | None] = mapped_column(String(16))
    # Money exactly: an integer in the currency's minor unit (cents), never a float.
    amount_minor: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(3))  # ISO 4217
    amount_period: Mapped[str | None] = mapped_column(String(8))  # recurring: month, year, ...
    author_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    source_platform: Mapped[str] = mapped_column(String(16))
    message_key: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    author: Mapped[Member] = relationship()
    links: Mapped[list[InteractionCustomer]] = relationship(
        back_populates="interaction",
        cascade="all, delete-orphan",
        order_by="InteractionCustomer.id",  # the order they were named in
    )


class InteractionCustomer(Base):
    """Which customers an interaction concerns."""

    __tablename__ = "interaction_customers"
    # A customer's links in logging order: its latest interaction is one index seek away.
    __table_args__ = (
        Index("ix_interaction_customers_contact_latest", "contact_id", "interaction_id"),
        Index("ix_interaction_customers_company_latest", "company_id", "interaction_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    interaction_id: Mapped[int] = mapped_column(ForeignKey("interactions.id"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"))
    interaction: Mapped[Interaction] = relationship(back_populates="links")
    contact: Mapped[Contact | None] = relationship()
    company: Mapped[Company | None] = relationship()


class Task(Base):
    """A follow-up someone owns."""

    __tablename__ = "tasks"
    __table_args__ = (
        UniqueConstraint("team_id", "number"),
        # team first: without planner statistics SQLite would pick ix_tasks_team_id instead
        Index("ix_tasks_team_owner_status", "team_id", "owner_id", "status", "due_date"),
        Index("ix_tasks_contact", "contact_id"),
        Index("ix_tasks_company", "company_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = _team_fk()
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    # The day it is due in the owner's zone; for a timed task, the day of `due_at` there.
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    # A timed task's due instant (UTC), shown in each reader's zone; null when date-only.
    due_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    owner_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"))
    status: Mapped[str] = mapped_column(String(16), default="open")
    # What the task is for when it is more than a follow-up ("survey": ask for a rating).
    purpose: Mapped[str | None] = mapped_column(String(16))
    interaction_id: Mapped[int | None] = mapped_column(ForeignKey("interactions.id"))
    message_key: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # When the owner is next nudged (UTC); null when no nudge is planned.
    nudge_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), index=True)
    nudge_count: Mapped[int] = mapped_column(Integer, default=0)
    # A sender's claim on the nudge: who holds it and until when.
    lease_owner: Mapped[str | None] = mapped_column(String(40))
    lease_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    owner: Mapped[Member] = relationship()
    contact: Mapped[Contact | None] = relationship()
    company: Mapped[Company | None] = relationship()
    interaction: Mapped[Interaction | None] = relationship()


class Deal(Base):
    """Money on the table with a customer."""

    __tablename__ = "deals"
    __table_args__ = (
        Index("ix_deals_contact", "contact_id"),
        Index("ix_deals_company", "company_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = _team_fk()
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"))
    name: Mapped[str | None] = mapped_column(String(200))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    amount_minor: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(3))
    period: Mapped[str | None] = mapped_column(String(8))
    stage: Mapped[str] = mapped_column(String(32), default="lead")
    expected_close: Mapped[dt.date | None] = mapped_column(Date)
    # When the deal entered its stage: the pipeline flags deals idle there too long.
    stage_changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    lost_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    owner: Mapped[Member | None] = relationship()
    contact: Mapped[Contact | None] = relationship()
    company: Mapped[Company | None] = relationship()


class Feedback(Base):
    """What a customer said of us: a score (CSAT 1-5, NPS 0-10), complaint, request or praise."""

    __tablename__ = "feedback"
    __table_args__ = (
        Index("ix_feedback_team_at", "team_id", "at"),
        Index("ix_feedback_contact", "contact_id"),
        Index("ix_feedback_company", "company_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = _team_fk()
    kind: Mapped[str] = mapped_column(String(16))  # csat, nps, complaint, request, praise
    score: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    interaction_id: Mapped[int | None] = mapped_column(ForeignKey("interactions.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    author: Mapped[Member] = relationship()
    contact: Mapped[Contact | None] = relationship()
    company: Mapped[Company | None] = relationship()


class PendingAction(Base):
    """A question the bot asked a member and is waiting on."""

    __tablename__ = "pending_actions"
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = _team_fk()
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    chat: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(32))
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class AuditEvent(Base):
    """Who changed what, when, with the before and after."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = _team_fk()
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    # Set when someone logged on the member's behalf: who actually wrote it.
    written_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    undone: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class InboundKey(Base):
    """A platform event already processed, with the replies it got (idempotency)."""

    __tablename__ = "inbound_keys"
    __table_args__ = (UniqueConstraint("team_id", "platform", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = _team_fk()
    platform: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(200))
    replies: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Invite(Base):
    """A one-time code that lets a person join (or link an identity) on a platform."""

    __tablename__ = "invites"
    __table_args__ = (UniqueConstraint("code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = _team_fk()
    code: Mapped[str] = mapped_column(String(32))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class DigestSubscription(Base):
    """A channel that gets the team digest each workday at a local time."""

    __tablename__ = "digest_subscriptions"
    __table_args__ = (UniqueConstraint("team_id", "platform", "chat"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = _team_fk()
    platform: Mapped[str] = mapped_column(String(16))
    chat: Mapped[str] = mapped_column(String(128))
    local_time: Mapped[dt.time] = mapped_column(Time)
    tz: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    next_run_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), index=True)
    last_sent_on: Mapped[dt.date | None] = mapped_column(Date)
    lease_owner: Mapped[str | None] = mapped_column(String(40))
    lease_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    reachable: Mapped[bool] = mapped_column(Boolean, default=True)
    chat_name: Mapped[str | None] = mapped_column(String(128))


class DigestDelivery(Base):
    """One day's digest in one chat: which parts went out, how many tries, who was told.

    A retry sends only the parts not in `parts` (comma-separated names such as "text:0",
    "chart"), so nothing is posted twice; after the last try the setter is told once.
    """

    __tablename__ = "digest_deliveries"
    __table_args__ = (UniqueConstraint("subscription_id", "local_day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = _team_fk()
    subscription_id: Mapped[int] = mapped_column(ForeignKey("digest_subscriptions.id"))
    local_day: Mapped[dt.date] = mapped_column(Date)
    parts: Mapped[str] = mapped_column(String(400), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(200))
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    gave_up: Mapped[bool] = mapped_column(Boolean, default=False)


class AllowedChat(Base):
    """A group chat an admin has allowed the bot to work in."""

    __tablename__ = "allowed_chats"
    __table_args__ = (UniqueConstraint("team_id", "platform", "chat"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = _team_fk()
    platform: Mapped[str] = mapped_column(String(16))
    chat: Mapped[str] = mapped_column(String(128))
    allowed_by: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Notice(Base):
    """A message the bot starts: to a member (a teammate changed their task) or to a chat.

    `kind` and `subject` name a card (a lead or complaint offered to the team); claimed and
    leased like nudges, pending until `sent_at` is set.
    """

    __tablename__ = "notices"
    __table_args__ = (Index("ix_notices_team_sent", "team_id", "sent_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = _team_fk()
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    platform: Mapped[str | None] = mapped_column(String(16))
    chat: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[str | None] = mapped_column(String(16))  # "lead", "complaint"
    subject: Mapped[str | None] = mapped_column(String(64))  # "company:12", "7"
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    lease_owner: Mapped[str | None] = mapped_column(String(40))
    lease_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    member: Mapped[Member | None] = relationship()
