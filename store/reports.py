"""Team-wide figures for the digest and its chart, counted in SQL.

A team with years of history never loads it all into memory: only the rows a digest shows
are objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select, type_coerce
from sqlalchemy.orm import joinedload, selectinload

from store.models import (
    Company,
    Contact,
    Interaction,
    InteractionCustomer,
    Member,
    Task,
    UTCDateTime,
)
from store.unit import Unit


@dataclass(frozen=True)
class OwnerLoad:
    """One member's open tasks due by a day."""

    member_id: int
    name: str
    due_today: int
    overdue: int


@dataclass(frozen=True)
class Cold:
    """A customer gone cold: no live interaction since `last` (None: never)."""

    kind: str  # "contact" or "company"
    id: int
    last: dt.datetime | None
    since: dt.datetime  # `last`, or when the customer was added


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Day:
    """A reader's day: its date and the UTC instants where it starts and ends in their zone."""

    date: dt.date
    start: dt.datetime
    end: dt.datetime

    def due_on(self) -> ColumnElement[bool]:
        """Tasks due this day: a date-only task on its date, a timed one within the day."""
        return or_(
            and_(Task.due_at.is_(None), Task.due_date == self.date),
            and_(Task.due_at >= self.start, Task.due_at < self.end),
        )

    def due_before(self) -> ColumnElement[bool]:
        """Tasks due on an earlier day: the reader's day, not the owner's, for timed ones."""
        return or_(and_(Task.due_at.is_(None), Task.due_date < self.date), Task.due_at < self.start)

    def by_now(self) -> ColumnElement[bool]:
        """A coarse bound on `Task.due_date` (the owner's day) that the index can use.

        Zones are at most 26 hours apart, so a task timed within this day falls on the
        owner's day at most two days after it.
        """
        return Task.due_date <= self.date + dt.timedelta(days=2)


def due_by_owner(unit: Unit, day: Day) -> list[OwnerLoad]:
    """Open tasks due on `day` and before it, counted per owner."""
    today = func.sum(case((day.due_on(), 1), else_=0))
    late = func.sum(case((day.due_before(), 1), else_=0))
    rows = unit.session.execute(
        select(Member.id, Member.name, today, late)
        .join(Task, Task.owner_id == Member.id)
        .where(Task.team_id == unit.team_id, Task.status == "open", day.by_now())
        .where(or_(day.due_on(), day.due_before()))
        .group_by(Member.id, Member.name)
    ).all()
    return [OwnerLoad(int(i), str(n), int(t or 0), int(o or 0)) for i, n, t, o in rows]


def open_tasks_of(
    unit: Unit, owner_id: int, day: Day, *, overdue: bool, limit: int
) -> Sequence[Task]:
    """The first `limit` open tasks of one owner due on `day` (or before it, if `overdue`)."""
    when = and_(day.by_now(), day.due_before() if overdue else day.due_on())
    return unit.session.scalars(
        select(Task)
        .options(joinedload(Task.contact), joinedload(Task.company))
        .where(Task.team_id == unit.team_id, Task.owner_id == owner_id, Task.status == "open", when)
        .order_by(Task.due_date, Task.due_at.is_not(None), Task.due_at, Task.number)
        .limit(limit)
    ).all()


def _live_between(start: dt.datetime, end: dt.datetime) -> list[object]:
    return [Interaction.deleted_at.is_(None), Interaction.occurred_at >= start,
            Interaction.occurred_at < end]  # fmt: skip


def activity_counts(
    unit: Unit, start: dt.datetime, end: dt.datetime
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Live interactions in [start, end): (kind, n) and (author name, n), most first."""
    window = [Interaction.team_id == unit.team_id, *_live_between(start, end)]
    n = func.count()
    kinds = unit.session.execute(
        select(Interaction.kind, n).where(*window).group_by(Interaction.kind)  # type: ignore[arg-type]
    ).all()
    people = unit.session.execute(
        select(Member.name, n)
        .join(Interaction, Interaction.author_id == Member.id)
        .where(*window)  # type: ignore[arg-type]
        .group_by(Member.id, Member.name)
    ).all()

    def order(rows: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
        return sorted(((str(k), int(c)) for k, c in rows), key=lambda kc: (-kc[1], kc[0]))

    return order(kinds), order(people)  # type: ignore[arg-type]


def notable(
    unit: Unit, start: dt.datetime, end: dt.datetime, *, sentiment_only: bool = False
) -> Sequence[Interaction]:
    """Live interactions in [start, end) with an amount or a sentiment, oldest first.

    Their customers and authors are loaded with them.
    """
    marked = (
        Interaction.sentiment.is_not(None)
        if sentiment_only
        else or_(Interaction.amount_minor.is_not(None), Interaction.sentiment.is_not(None))
    )
    return unit.session.scalars(
        select(Interaction)
        .options(
            selectinload(Interaction.links).joinedload(InteractionCustomer.contact),
            selectinload(Interaction.links).joinedload(InteractionCustomer.company),
            joinedload(Interaction.author),
        )
        .where(Interaction.team_id == unit.team_id, marked, *_live_between(start, end))  # type: ignore[arg-type]
        .order_by(Interaction.occurred_at, Interaction.id)
    ).all()


def _later(a: Any, b: Any) -> Any:
    """The later of two nullable times (GREATEST skipping nulls, on both databases)."""
    return case((a.is_(None), b), (b.is_(None), a), (a > b, a), else_=b)


def cold_customers(
    unit: Unit, cutoff: dt.datetime, today: dt.date, limit: int
) -> tuple[list[Cold], int]:
    """Companies, and people without one, untouched since before `cutoff`, oldest first.

    A company is warm when anyone there was contacted. Customers snoozed past `today` are
    left out. Returns the first `limit` and how many there are in all. Reads the last
    touch each customer keeps (see store.touches), never the interactions.
    """
    people = (
        select(func.max(Contact.last_touch_at))
        .where(Contact.company_id == Company.id, Contact.deleted_at.is_(None))
        .correlate(Company)
        .scalar_subquery()
    )
    kinds: tuple[tuple[str, Any, Any, Any], ...] = (
        ("company", Company, _later(Company.last_touch_at, people), None),
        ("contact", Contact, Contact.last_touch_at, Contact.company_id.is_(None)),
    )
    found: list[tuple[dt.datetime, int, Cold]] = []
    total = 0
    for rank, (kind, model, last_expr, extra) in enumerate(kinds):
        last = type_coerce(last_expr, UTCDateTime()).label("last")
        since = type_coerce(func.coalesce(last_expr, model.created_at), UTCDateTime())
        where = [
            model.team_id == unit.team_id,
            model.deleted_at.is_(None),
            or_(model.quiet_until.is_(None), model.quiet_until <= today),
            since < cutoff,
        ]
        if extra is not None:
            where.append(extra)
        # The count rides along as a window over all matches: one pass, not two.
        rows = unit.session.execute(
            select(model.id, last, since.label("since"), func.count().over().label("n"))
            .where(*where)
            .order_by(since, model.name, model.id)
            .limit(limit)
        ).all()
        total += int(rows[0].n) if rows else 0
        found += [(r.since, rank, Cold(kind, r.id, r.last, r.since)) for r in rows]
    # Ties keep companies before people, each by name, as the digest always listed them.
    found.sort(key=lambda item: (item[0], item[1]))
    return [cold for _, _, cold in found[:limit]], total


def customers_created(
    unit: Unit, start: dt.datetime, end: dt.datetime, limit: int
) -> tuple[int, list[str]]:
    """How many customers were added in [start, end), and the newest names.

    People come first among customers added at the same moment.
    """
    total = 0
    newest: list[tuple[dt.datetime, int, str]] = []
    kinds: tuple[type[Contact] | type[Company], ...] = (Contact, Company)
    for rank, model in enumerate(kinds):
        where = and_(model.team_id == unit.team_id, model.deleted_at.is_(None),
                     model.created_at >= start, model.created_at < end)  # fmt: skip
        total += int(unit.session.scalar(select(func.count()).where(where)) or 0)
        rows = unit.session.execute(
            select(model.created_at, model.name).where(where)
            .order_by(model.created_at.desc(), model.id.desc()).limit(limit)
        ).all()  # fmt: skip
        newest += [(_aware(c), rank, str(n)) for c, n in rows]
    newest.sort(key=lambda row: (-row[0].timestamp(), row[1]))
    return total, [name for _, _, name in newest[:limit]]


def authored_moments(
    unit: Unit, start: dt.datetime, end: dt.datetime
) -> list[tuple[str, dt.datetime]]:
    """(author name, when) of every live interaction in [start, end), for the chart."""
    rows = unit.session.execute(
        select(Member.name, Interaction.occurred_at)
        .join(Interaction, Interaction.author_id == Member.id)
        .where(Interaction.team_id == unit.team_id, *_live_between(start, end))  # type: ignore[arg-type]
    ).all()
    return [(str(n), _aware(w)) for n, w in rows]


def open_task_ages(unit: Unit, now: dt.datetime, limits: Sequence[int]) -> list[int]:
    """Open tasks counted by age in whole days.

    Counts are of tasks at most limits[0] days old, then at most limits[1], …, and a last
    count for everything older than limits[-1].
    """
    buckets = []
    newer_than: dt.datetime | None = None
    for days in limits:
        oldest = now - dt.timedelta(days=days + 1)  # age in days <= `days`
        cond = [Task.created_at > oldest]
        if newer_than is not None:
            cond.append(Task.created_at <= newer_than)
        buckets.append(func.sum(case((and_(*cond), 1), else_=0)))
        newer_than = oldest
    assert newer_than is not None
    buckets.append(func.sum(case((Task.created_at <= newer_than, 1), else_=0)))
    row = unit.session.execute(
        select(*buckets).where(Task.team_id == unit.team_id, Task.status == "open")
    ).one()
    return [int(v or 0) for v in row]
