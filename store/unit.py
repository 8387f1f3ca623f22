"""The unit of work: one transaction, scoped to one team, with the queries the core needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import case, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from store.models import (
    AllowedChat,
    AuditEvent,
    Company,
    Contact,
    Deal,
    DigestSubscription,
    Identity,
    InboundKey,
    Interaction,
    InteractionCustomer,
    Invite,
    Member,
    PendingAction,
    Task,
    Team,
)


class DirectoryStamp(NamedTuple):
    """What a cached directory was read at (see Unit.directory_stamp)."""

    version: int
    additions: int
    top_company: int
    top_contact: int


class Unit:
    """Repository methods over one session; every query is filtered by `team_id`."""

    def __init__(self, session: Session, team_id: int) -> None:
        self.session = session
        self._team_id = team_id
        # Whether this unit changed the directory: what it reads of it is not yet committed.
        self.directory_changed = False

    @property
    def database_key(self) -> str:
        """Which database this is (for caches shared by several stores in one process)."""
        bind = self.session.get_bind()
        return str(getattr(bind, "url", id(bind)))

    @property
    def team_id(self) -> int:
        """The team every query is scoped to."""
        return self._team_id

    def add(self, row: Any) -> None:
        """Stage a new row (it must carry this team's id)."""
        if getattr(row, "team_id", self.team_id) != self.team_id:
            raise ValueError("row belongs to another team")
        self.session.add(row)

    def flush(self) -> None:
        """Send pending changes so new rows get ids."""
        self.session.flush()

    # --- idempotency -------------------------------------------------------
    def seen(self, platform: str, key: str) -> InboundKey | None:
        """The record of an inbound event already processed, if any."""
        return self.session.scalar(
            select(InboundKey).where(
                InboundKey.team_id == self.team_id,
                InboundKey.platform == platform,
                InboundKey.key == key,
            )
        )

    def remember(
        self, platform: str, key: str, replies: list[dict[str, Any]], now: dt.datetime
    ) -> None:
        """Record an inbound event as processed, with what it was answered."""
        self.session.add(
            InboundKey(team_id=self.team_id, platform=platform, key=key, replies=replies, at=now)
        )

    # --- members -----------------------------------------------------------
    def identity(self, platform: str, user_key: str) -> Identity | None:
        """A platform account of this team."""
        return self.session.scalar(
            select(Identity)
            .where(
                Identity.team_id == self.team_id,
                Identity.platform == platform,
                Identity.user_key == user_key,
            )
            .options(joinedload(Identity.member))  # every message needs the member next
        )

    def identities_of(self, member_id: int) -> Sequence[Identity]:
        """A member's platform accounts."""
        return self.session.scalars(
            select(Identity).where(
                Identity.team_id == self.team_id, Identity.member_id == member_id
            )
        ).all()

    def members(self) -> Sequence[Member]:
        """Active members, by name."""
        return self.session.scalars(
            select(Member)
            .where(Member.team_id == self.team_id, Member.active.is_(True))
            .order_by(Member.name)
        ).all()

    def member(self, member_id: int) -> Member | None:
        """A member of this team by id."""
        m = self.session.get(Member, member_id)
        return m if m is not None and m.team_id == self.team_id else None

    # --- directory ---------------------------------------------------------
    def companies(self) -> Sequence[Company]:
        """Live companies, by name."""
        return self.session.scalars(
            select(Company)
            .where(Company.team_id == self.team_id, Company.deleted_at.is_(None))
            .order_by(Company.name)
        ).all()

    def contacts(self) -> Sequence[Contact]:
        """Live contacts, by name."""
        return self.session.scalars(
            select(Contact)
            .where(Contact.team_id == self.team_id, Contact.deleted_at.is_(None))
            .order_by(Contact.name)
        ).all()

    def directory_rows(
        self, since_company: int = 0, since_contact: int = 0
    ) -> tuple[list[tuple[int, str, list[str]]], list[tuple[int, str, int | None, list[str]]]]:
        """Live companies as (id, name, aliases) and contacts as (id, name, company id,
        aliases), by name: plain rows for the parser's directory. With `since_…`, only rows
        with a higher id (what was added since a directory was read).
        """
        companies = self.session.execute(
            select(Company.id, Company.name, Company.aliases)
            .where(
                Company.team_id == self.team_id,
                Company.deleted_at.is_(None),
                Company.id > since_company,
            )
            .order_by(Company.name)
        ).all()
        people = self.session.execute(
            select(Contact.id, Contact.name, Contact.company_id, Contact.aliases)
            .where(
                Contact.team_id == self.team_id,
                Contact.deleted_at.is_(None),
                Contact.id > since_contact,
            )
            .order_by(Contact.name)
        ).all()
        return [tuple(r) for r in companies], [tuple(r) for r in people]

    def touch_directory(self) -> None:
        """Mark the directory as changed (call after renaming or removing customers, or
        changing their aliases or companies): cached directories are read afresh.
        """
        self._bump(Team.directory_version)

    def note_directory_addition(self) -> None:
        """Mark customers as added (call after adding companies or contacts and nothing
        else): cached directories read only the new rows.
        """
        self._bump(Team.directory_additions)

    def _bump(self, counter: Any) -> None:
        self.directory_changed = True
        self.session.execute(
            update(Team).where(Team.id == self.team_id).values({counter: counter + 1})
        )

    def directory_stamp(self) -> DirectoryStamp:
        """Changes whenever the directory does: the team's counters of changes and of
        additions made through Rapport, and the highest ids (cheap: primary-key maxima).
        """
        # One round trip: this runs for every message.
        row = self.session.execute(
            select(
                Team.directory_version,
                Team.directory_additions,
                select(func.max(Company.id)).scalar_subquery(),
                select(func.max(Contact.id)).scalar_subquery(),
            ).where(Team.id == self.team_id)
        ).one()
        version, additions, top_company, top_contact = (int(v or 0) for v in row)
        return DirectoryStamp(version, additions, top_company, top_contact)

    def company(self, company_id: int) -> Company | None:
        """A company of this team by id."""
        c = self.session.get(Company, company_id)
        return c if c is not None and c.team_id == self.team_id else None

    def contact(self, contact_id: int) -> Contact | None:
        """A contact of this team by id."""
        c = self.session.get(Contact, contact_id)
        return c if c is not None and c.team_id == self.team_id else None

    def company_named(self, name: str) -> Company | None:
        """A live company by exact name (case-insensitive)."""
        return self.session.scalar(
            select(Company).where(
                Company.team_id == self.team_id,
                Company.deleted_at.is_(None),
                func.lower(Company.name) == name.lower(),
            )
        )

    def contacts_named(self, name: str) -> Sequence[Contact]:
        """Live contacts by exact name (case-insensitive)."""
        return self.session.scalars(
            select(Contact).where(
                Contact.team_id == self.team_id,
                Contact.deleted_at.is_(None),
                func.lower(Contact.name) == name.lower(),
            )
        ).all()

    def people_at(self, company_id: int) -> Sequence[Contact]:
        """Live contacts at a company."""
        return self.session.scalars(
            select(Contact)
            .where(
                Contact.team_id == self.team_id,
                Contact.deleted_at.is_(None),
                Contact.company_id == company_id,
            )
            .order_by(Contact.name)
        ).all()

    # --- interactions ------------------------------------------------------
    def interactions_about(
        self, contact_ids: Sequence[int], company_ids: Sequence[int], limit: int = 5
    ) -> Sequence[Interaction]:
        """Latest live interactions concerning any of these customers, newest first."""
        conds = []
        if contact_ids:
            conds.append(InteractionCustomer.contact_id.in_(contact_ids))
        if company_ids:
            conds.append(InteractionCustomer.company_id.in_(company_ids))
        if not conds:
            return []
        # Start from the customer's links (indexed) and join: a planner that walks the
        # interactions by date instead would scan years of history for a quiet customer.
        return self.session.scalars(
            select(Interaction)
            .join(InteractionCustomer, InteractionCustomer.interaction_id == Interaction.id)
            .where(
                or_(*conds),
                Interaction.team_id == self.team_id,
                Interaction.deleted_at.is_(None),
            )
            .distinct()
            .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
            .limit(limit)
            .options(joinedload(Interaction.author))  # every line names its author
        ).all()

    def recent_by_author(self, member_id: int, limit: int = 30) -> Sequence[Interaction]:
        """A member's latest live interactions, newest first."""
        return self.session.scalars(
            select(Interaction)
            .where(
                Interaction.team_id == self.team_id,
                Interaction.author_id == member_id,
                Interaction.deleted_at.is_(None),
            )
            .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
            .limit(limit)
        ).all()

    def interaction(self, interaction_id: int) -> Interaction | None:
        """An interaction of this team by id."""
        i = self.session.get(Interaction, interaction_id)
        return i if i is not None and i.team_id == self.team_id else None

    def contacts_by_ids(self, ids: Sequence[int]) -> dict[int, Contact]:
        """This team's contacts with these ids (company and owner loaded), by id."""
        if not ids:
            return {}
        rows = self.session.scalars(
            select(Contact)
            .where(Contact.team_id == self.team_id, Contact.id.in_(ids))
            .options(joinedload(Contact.company), joinedload(Contact.owner))
        ).all()
        return {c.id: c for c in rows}

    def companies_by_ids(self, ids: Sequence[int]) -> dict[int, Company]:
        """This team's companies with these ids, by id."""
        if not ids:
            return {}
        rows = self.session.scalars(
            select(Company).where(Company.team_id == self.team_id, Company.id.in_(ids))
        ).all()
        return {c.id: c for c in rows}

    def rank_customers(
        self, contact_ids: Sequence[int], company_ids: Sequence[int], member_id: int, limit: int
    ) -> list[tuple[str, int]]:
        """The `limit` most likely meant of many same-named customers, as ("contact" |
        "company", id): the member's own first, then the most recently logged about (by the
        latest interaction id: one index seek per customer), then A-Z.
        """
        ranked: list[tuple[int, int, str, str, int]] = []
        for kind, model, link, ids in (
            ("contact", Contact, InteractionCustomer.contact_id, contact_ids),
            ("company", Company, InteractionCustomer.company_id, company_ids),
        ):
            if not ids:
                continue
            latest = (
                select(func.max(InteractionCustomer.interaction_id))
                .where(link == model.id)
                .correlate(model)
                .scalar_subquery()
            )
            mine = case((model.owner_id == member_id, 1), else_=0).label("mine")
            last = func.coalesce(latest, 0).label("last")
            rows = self.session.execute(
                select(model.id, model.name, mine, last)
                .where(model.team_id == self.team_id, model.id.in_(ids), model.deleted_at.is_(None))
                .order_by(mine.desc(), last.desc(), model.name, model.id)
                .limit(limit)
            ).all()
            ranked += [(int(r.mine), int(r.last), r.name, kind, r.id) for r in rows]
        ranked.sort(key=lambda r: (-r[0], -r[1], r[2], r[4]))
        return [(kind, row_id) for _, _, _, kind, row_id in ranked[:limit]]

    # --- tasks -------------------------------------------------------------
    def next_task_number(self) -> int:
        """Reserve the next short task number for this team (atomic across processes)."""
        taken = self.session.scalar(
            update(Team)
            .where(Team.id == self.team_id)
            .values(next_task_number=Team.next_task_number + 1)
            .returning(Team.next_task_number)
            .execution_options(synchronize_session=False)
        )
        assert taken is not None
        return int(taken) - 1

    def task(self, number: int) -> Task | None:
        """A task of this team by its short number."""
        return self.session.scalar(
            select(Task).where(Task.team_id == self.team_id, Task.number == number)
        )

    def open_tasks(
        self,
        owner_id: int | None = None,
        contact_ids: Sequence[int] = (),
        company_ids: Sequence[int] = (),
    ) -> Sequence[Task]:
        """Open tasks, by due date (undated last), for an owner and/or some customers."""
        q = select(Task).where(Task.team_id == self.team_id, Task.status == "open")
        if owner_id is not None:
            q = q.where(Task.owner_id == owner_id)
        conds = []
        if contact_ids:
            conds.append(Task.contact_id.in_(contact_ids))
        if company_ids:
            conds.append(Task.company_id.in_(company_ids))
        if conds:
            q = q.where(or_(*conds))
        q = q.order_by(Task.due_date.is_(None), Task.due_date, Task.due_time, Task.number)
        # Every line shows the customer: load them in the same query, not one query a line.
        q = q.options(joinedload(Task.contact), joinedload(Task.company), joinedload(Task.owner))
        return self.session.scalars(q).unique().all()

    def claim_due_tasks(
        self, now: dt.datetime, token: str, lease: dt.timedelta, limit: int = 200
    ) -> list[int]:
        """Atomically lease open tasks whose nudge is due; returns their ids.

        PostgreSQL skips rows another replica holds (FOR UPDATE SKIP LOCKED); SQLite's single
        writer makes the conditional update atomic. An expired lease can be claimed again.
        """
        due = (
            select(Task.id)
            .where(
                Task.team_id == self.team_id,
                Task.status == "open",
                Task.nudge_at.is_not(None),
                Task.nudge_at <= now,
                or_(Task.lease_until.is_(None), Task.lease_until < now),
            )
            .order_by(Task.nudge_at)
            .limit(limit)
        )
        if self.session.get_bind().dialect.name == "postgresql":
            due = due.with_for_update(skip_locked=True)
        stmt = (
            update(Task)
            .where(
                Task.id.in_(due.scalar_subquery()),
                or_(Task.lease_until.is_(None), Task.lease_until < now),
            )
            .values(lease_owner=token, lease_until=now + lease)
            .returning(Task.id)
            .execution_options(synchronize_session=False)
        )
        return list(self.session.scalars(stmt).all())

    # --- digests -----------------------------------------------------------
    def open_tasks_due_by(self, day: dt.date) -> Sequence[Task]:
        """Open tasks due on or before `day`, by due date."""
        return self.session.scalars(
            select(Task)
            .where(Task.team_id == self.team_id, Task.status == "open", Task.due_date <= day)
            .order_by(Task.due_date, Task.due_time, Task.number)
        ).all()

    def open_task_dates(self) -> Sequence[dt.datetime]:
        """When each open task was created (for the age chart)."""
        return self.session.scalars(
            select(Task.created_at).where(Task.team_id == self.team_id, Task.status == "open")
        ).all()

    def interactions_between(self, start: dt.datetime, end: dt.datetime) -> Sequence[Interaction]:
        """Live interactions with start <= occurred_at < end, oldest first."""
        return self.session.scalars(
            select(Interaction)
            .where(
                Interaction.team_id == self.team_id,
                Interaction.deleted_at.is_(None),
                Interaction.occurred_at >= start,
                Interaction.occurred_at < end,
            )
            .order_by(Interaction.occurred_at, Interaction.id)
        ).all()

    def last_touches(self) -> dict[tuple[str, int], dt.datetime]:
        """The latest live interaction per contact and per company."""
        out: dict[tuple[str, int], dt.datetime] = {}
        live = Interaction.deleted_at.is_(None)
        for kind, column in (("contact", InteractionCustomer.contact_id),
                             ("company", InteractionCustomer.company_id)):  # fmt: skip
            rows = self.session.execute(
                select(column, func.max(Interaction.occurred_at))
                .join(Interaction, Interaction.id == InteractionCustomer.interaction_id)
                .where(Interaction.team_id == self.team_id, live, column.is_not(None))
                .group_by(column)
            ).all()
            for row_id, when in rows:
                value = when if when.tzinfo else when.replace(tzinfo=dt.UTC)
                out[(kind, int(row_id))] = value
        return out

    def deals_closed_between(self, start: dt.datetime, end: dt.datetime) -> Sequence[Deal]:
        """Deals won or lost in a window."""
        return self.session.scalars(
            select(Deal).where(
                Deal.team_id == self.team_id,
                Deal.stage.in_(["won", "lost"]),
                Deal.closed_at >= start,
                Deal.closed_at < end,
            )
        ).all()

    def subscription(self, platform: str, chat: str) -> DigestSubscription | None:
        """A chat's digest subscription, if any."""
        return self.session.scalar(
            select(DigestSubscription).where(
                DigestSubscription.team_id == self.team_id,
                DigestSubscription.platform == platform,
                DigestSubscription.chat == chat,
            )
        )

    def digest_subscription(self, sub_id: int) -> DigestSubscription | None:
        """A subscription of this team by id."""
        s = self.session.get(DigestSubscription, sub_id)
        return s if s is not None and s.team_id == self.team_id else None

    def claim_due_digests(self, now: dt.datetime, token: str, lease: dt.timedelta) -> list[int]:
        """Atomically lease active subscriptions whose digest is due (see claim_due_tasks)."""
        S = DigestSubscription
        due = select(S.id).where(
            S.team_id == self.team_id,
            S.active.is_(True),
            S.next_run_at.is_not(None),
            S.next_run_at <= now,
            or_(S.lease_until.is_(None), S.lease_until < now),
        )
        if self.session.get_bind().dialect.name == "postgresql":
            due = due.with_for_update(skip_locked=True)
        stmt = (
            update(S)
            .where(
                S.id.in_(due.scalar_subquery()), or_(S.lease_until.is_(None), S.lease_until < now)
            )
            .values(lease_owner=token, lease_until=now + lease)
            .returning(S.id)
            .execution_options(synchronize_session=False)
        )
        return list(self.session.scalars(stmt).all())

    # --- deals -------------------------------------------------------------
    def deals_for(self, contact_ids: Sequence[int], company_ids: Sequence[int]) -> Sequence[Deal]:
        """Deals of these customers."""
        conds = []
        if contact_ids:
            conds.append(Deal.contact_id.in_(contact_ids))
        if company_ids:
            conds.append(Deal.company_id.in_(company_ids))
        if not conds:
            return []
        return self.session.scalars(
            select(Deal).where(Deal.team_id == self.team_id, or_(*conds)).order_by(Deal.id)
        ).all()

    # --- pending questions -------------------------------------------------
    def pending(self, pending_id: int) -> PendingAction | None:
        """A pending question of this team by id."""
        p = self.session.get(PendingAction, pending_id)
        return p if p is not None and p.team_id == self.team_id else None

    def open_pending(self, member_id: int, chat: str, now: dt.datetime) -> PendingAction | None:
        """The member's latest unexpired open question in this chat."""
        return self.session.scalar(
            select(PendingAction)
            .where(
                PendingAction.team_id == self.team_id,
                PendingAction.member_id == member_id,
                PendingAction.chat == chat,
                PendingAction.status == "open",
                PendingAction.expires_at > now,
            )
            .order_by(PendingAction.id.desc())
            .limit(1)
        )

    # --- audit -------------------------------------------------------------
    def last_undoable(self, member_id: int) -> AuditEvent | None:
        """The member's latest change that can still be undone."""
        return self.session.scalar(
            select(AuditEvent)
            .where(
                AuditEvent.team_id == self.team_id,
                AuditEvent.member_id == member_id,
                AuditEvent.undone.is_(False),
                AuditEvent.action.in_(
                    ["log", "task.create", "task.done", "task.snooze", "task.reassign"]
                ),
            )
            .order_by(AuditEvent.id.desc())
            .limit(1)
        )

    def audit_for(self, entity: str, entity_id: int, action: str) -> AuditEvent | None:
        """The latest audit row of one action on one entity."""
        return self.session.scalar(
            select(AuditEvent)
            .where(
                AuditEvent.team_id == self.team_id,
                AuditEvent.entity == entity,
                AuditEvent.entity_id == entity_id,
                AuditEvent.action == action,
            )
            .order_by(AuditEvent.id.desc())
            .limit(1)
        )

    def tasks_by_ids(self, ids: Sequence[int]) -> Sequence[Task]:
        """This team's tasks with these ids, with owner, customer and origin loaded."""
        if not ids:
            return []
        return self.session.scalars(
            select(Task)
            .options(
                joinedload(Task.owner),
                joinedload(Task.contact).joinedload(Contact.company),
                joinedload(Task.company),
                joinedload(Task.interaction),
            )
            .where(Task.team_id == self.team_id, Task.id.in_(ids))
            .order_by(Task.nudge_at, Task.id)
        ).all()

    def task_by_id(self, task_id: int) -> Task | None:
        """A task of this team by database id."""
        t = self.session.get(Task, task_id)
        return t if t is not None and t.team_id == self.team_id else None

    def deal(self, deal_id: int) -> Deal | None:
        """A deal of this team by id."""
        d = self.session.get(Deal, deal_id)
        return d if d is not None and d.team_id == self.team_id else None

    # --- access ------------------------------------------------------------
    def invite(self, code: str) -> Invite | None:
        """An invite by code (any state)."""
        return self.session.scalar(
            select(Invite).where(Invite.team_id == self.team_id, Invite.code == code)
        )

    def chat_allowed(self, platform: str, chat: str) -> bool:
        """Whether an admin allowed this group chat."""
        return (
            self.session.scalar(
                select(AllowedChat.id).where(
                    AllowedChat.team_id == self.team_id,
                    AllowedChat.platform == platform,
                    AllowedChat.chat == chat,
                )
            )
            is not None
        )


__all__ = ["IntegrityError", "Unit"]
