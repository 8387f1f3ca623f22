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
    Company,
    Contact,
    Deal,
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


def companies(unit: Unit) -> Iterator[Row[Any]]:
    """Live companies by name: id, name, aliases, owner (name), created_at."""
    owner = aliased(Member)
    return _stream(
        unit,
        select(
            Company.id, Company.name, Company.aliases, owner.name.label("owner"), Company.created_at
        )
        .outerjoin(owner, owner.id == Company.owner_id)
        .where(Company.team_id == unit.team_id, Company.deleted_at.is_(None))
        .order_by(Company.name, Company.id),
    )


def contacts(unit: Unit) -> Iterator[Row[Any]]:
    """Live contacts by name.

    Columns: id, name, company (name), email, phone, aliases, owner, created_at.
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
        )
        .outerjoin(Company, (Company.id == Contact.company_id) & Company.deleted_at.is_(None))
        .outerjoin(owner, owner.id == Contact.owner_id)
        .where(Contact.team_id == unit.team_id, Contact.deleted_at.is_(None))
        .order_by(Contact.name, Contact.id),
    )


def interactions(unit: Unit) -> Iterator[tuple[Row[Any], list[str]]]:
    """Every interaction, undone ones included, oldest first.

    Each comes with the names of the customers it concerns, in the order they were linked.
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
                Interaction.amount_minor,
                Interaction.currency,
                Interaction.amount_period,
                Member.name.label("author"),
                Interaction.source_platform,
                Interaction.deleted_at,
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
        names = _customer_names(unit, [r.id for r in rows])
        for row in rows:
            yield row, names.get(row.id, [])
        after = (rows[-1].occurred_at, rows[-1].id)


def _customer_names(unit: Unit, ids: list[int]) -> dict[int, list[str]]:
    links = unit.session.execute(
        select(InteractionCustomer.interaction_id, Contact.name, Company.name)
        .outerjoin(Contact, Contact.id == InteractionCustomer.contact_id)
        .outerjoin(Company, Company.id == InteractionCustomer.company_id)
        .where(InteractionCustomer.interaction_id.in_(ids))
        .order_by(InteractionCustomer.interaction_id, InteractionCustomer.id)
    ).all()
    out: dict[int, list[str]] = defaultdict(list)
    for interaction_id, contact, company in links:
        out[interaction_id].append(contact or company or "")
    return out


def tasks(unit: Unit) -> Iterator[Row[Any]]:
    """Every task by number.

    Columns: number, title, due_date, due_time, status, owner, contact, company (names),
    interaction_id, created_at.
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
    closed_at.
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
            Deal.stage_changed_at,
            Deal.lost_reason,
            Deal.created_at,
            Deal.closed_at,
        )
        .outerjoin(Company, (Company.id == Deal.company_id) & Company.deleted_at.is_(None))
        .outerjoin(Member, Member.id == Deal.owner_id)
        .where(Deal.team_id == unit.team_id)
        .order_by(Deal.id),
    )
