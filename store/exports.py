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
LINK = 11  # where the link columns start in an interaction row


def _stream(unit: Unit, stmt: Any) -> Iterator[Row[Any]]:
    # Plain rows through the connection, a batch at a time, chained in C: the ORM's result
    # processing and a Python step per row are not needed. yield_per: a server-side cursor
    # on PostgreSQL.
    connection = unit.session.connection()
    result = connection.execution_options(yield_per=BATCH).execute(stmt)
    return chain.from_iterable(result.partitions())


def companies(unit: Unit) -> Iterator[Row[Any]]:
    """Live companies by name: id, name, aliases, owner (name), created_at."""
    owner = aliased(Member)
    return _stream(
        unit,
        select(
            Company.id,
            Company.name,
            Company.aliases,
            owner.name.label("owner"),
            iso_utc(Company.created_at).label("created_at"),
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
            iso_utc(Contact.created_at).label("created_at"),
        )
        .outerjoin(Company, (Company.id == Contact.company_id) & Company.deleted_at.is_(None))
        .outerjoin(owner, owner.id == Contact.owner_id)
        .where(Contact.team_id == unit.team_id, Contact.deleted_at.is_(None))
        .order_by(Contact.name, Contact.id),
    )


def interactions(unit: Unit) -> Iterator[tuple[tuple[Any, ...], list[str]]]:
    """Every interaction, undone ones included, oldest first.

    Each comes as (id, kind, occurred_at, summary, sentiment, amount_minor, currency,
    amount_period, author (name), source_platform, deleted_at) with the names of the customers it concerns, in the
    order they were linked.
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
            InteractionCustomer.id.label("link"),
            func.coalesce(Contact.name, Company.name, "").label("customer"),
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
    names: list[str] = []
    for row in _stream(unit, stmt):  # by position: a million rows, two columns of links
        if not current or row[0] != current[0]:
            if current:
                yield current, names
            current, names = tuple(row[:LINK]), []
        if row[LINK] is not None:
            names.append(row[LINK + 1])
    if current:
        yield current, names


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
            iso_utc(Task.created_at).label("created_at"),
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
            iso_utc(Deal.stage_changed_at).label("stage_changed_at"),
            Deal.lost_reason,
            iso_utc(Deal.created_at).label("created_at"),
            iso_utc(Deal.closed_at).label("closed_at"),
        )
        .outerjoin(Company, (Company.id == Deal.company_id) & Company.deleted_at.is_(None))
        .outerjoin(Member, Member.id == Deal.owner_id)
        .where(Deal.team_id == unit.team_id)
        .order_by(Deal.id),
    )
