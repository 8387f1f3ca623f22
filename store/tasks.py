"""Tasks: follow-ups someone owns, and the nudges that remind them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import Any, cast

from sqlalchemy import Engine, Select, Table, and_, bindparam, case, func, or_, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import joinedload

from store.claims import claim_due
from store.models import Contact, Task, Team
from store.scoped import Scoped, about_customers, customer_params

# Built once, on the table (the ORM has nothing to keep in step): every follow-up takes one.
_TEAMS = cast(Table, Team.__table__)
_TAKE_NUMBER = (
    update(_TEAMS)
    .where(_TEAMS.c.id == bindparam("team_id"))
    .values(next_task_number=_TEAMS.c.next_task_number + 1)
    .returning(_TEAMS.c.next_task_number)
)


@cache
def _open_tasks(owner: bool, contacts: bool, companies: bool, limited: bool = False) -> Select[Any]:
    """Built once per shape: lookup cards and agendas run it."""
    if contacts or companies:
        where = about_customers(Task, contacts, companies)
    else:
        where = [Task.team_id == bindparam("team_id")]
    if owner:
        where.append(Task.owner_id == bindparam("owner_id"))
    q = select(Task).where(*where, Task.status == "open")
    q = q.order_by(
        Task.due_date.is_(None),
        Task.due_date,
        Task.due_at.is_not(None),  # date-only first within a day, then by time
        Task.due_at,
        Task.number,
    )
    if limited:
        q = q.limit(bindparam("limit"))
    # Every line shows the customer: load them in the same query, not one query a line.
    return q.options(joinedload(Task.contact), joinedload(Task.company), joinedload(Task.owner))


@cache
def _due_counts(boundaries: int) -> Select[Any]:
    """Built once per number of boundaries: an owner's open tasks counted by when they fall due.

    Boundary i is a day `day_i` and the instant `at_i` it starts in the reader's zone: a
    task is before it when its instant is earlier, or, without a time, its day is.
    """
    columns: list[Any] = [func.count()]
    for i in range(boundaries):
        before = or_(
            and_(Task.due_at.is_(None), Task.due_date < bindparam(f"day_{i}")),
            Task.due_at < bindparam(f"at_{i}"),
        )
        columns.append(func.coalesce(func.sum(case((before, 1), else_=0)), 0))
    return select(*columns).where(
        Task.team_id == bindparam("team_id"),
        Task.owner_id == bindparam("owner_id"),
        Task.status == "open",
    )


def _take_aside(engine: Engine, params: dict[str, Any]) -> int | None:
    """A task number taken and committed in a transaction of its own; None if it cannot be.

    None when the team's row is not visible to it (created by the caller's transaction) or
    stays locked past a moment: held, then, by something long (an import, or the caller's
    own transaction in a way not foreseen), and taking the number inside the caller's
    transaction is what is left.
    """
    try:
        with engine.begin() as own:
            # Its commit need not wait for the disk: the message's own commit, later in
            # the log, makes it durable with the task that uses the number.
            own.exec_driver_sql(
                "SELECT set_config('synchronous_commit', 'off', true),"
                " set_config('lock_timeout', '200ms', true)"
            )
            return own.scalar(_TAKE_NUMBER, params)
    except OperationalError as error:
        if getattr(error.orig, "sqlstate", None) == "55P03":  # lock_not_available
            return None
        raise


class Tasks(Scoped):
    """Queries over tasks."""

    def next_task_number(self) -> int:
        """Reserve the next short task number for this team (atomic across processes).

        On PostgreSQL the number is taken in a transaction of its own, committed at once:
        taken inside the message's, the team's row stays locked until that commits, and
        every other replica's follow-up waits for it. A message that then fails leaves a
        gap in the numbers, as a sequence would. SQLite has one writer: a second
        transaction there would only wait for the first, so it stays inside.
        """
        params = {"team_id": self.team_id}
        bind = self.session.get_bind()
        taken = None
        if bind.dialect.name == "postgresql" and not self.team_row_written:
            taken = _take_aside(bind.engine, params)
        if taken is None:  # SQLite; a team row this transaction holds, or created
            taken = self.session.connection().scalar(_TAKE_NUMBER, params)
        assert taken is not None
        return int(taken) - 1

    def task(self, number: int) -> Task | None:
        """A task of this team by its short number."""
        return self.session.scalar(
            select(Task).where(Task.team_id == self.team_id, Task.number == number)
        )

    def task_by_id(self, task_id: int) -> Task | None:
        """A task of this team by database id."""
        return self._scoped(Task, task_id)

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

    def open_tasks(
        self,
        owner_id: int | None = None,
        contact_ids: Sequence[int] = (),
        company_ids: Sequence[int] = (),
        limit: int | None = None,
    ) -> Sequence[Task]:
        """Open tasks, by due date (undated last), for an owner and/or some customers.

        With `limit`, only the first so many.
        """
        params = customer_params(self.team_id, contact_ids, company_ids)
        if owner_id is not None:
            params["owner_id"] = owner_id
        if limit is not None:
            params["limit"] = limit
        statement = _open_tasks(
            owner_id is not None, bool(contact_ids), bool(company_ids), limit is not None
        )
        return self.session.scalars(statement, params).unique().all()

    def open_task_counts(
        self, owner_id: int, boundaries: Sequence[tuple[dt.date, dt.datetime]]
    ) -> tuple[int, list[int]]:
        """How many open tasks the owner has, and how many fall due before each boundary.

        A boundary is a day and the instant it starts for the reader (see `_due_counts`):
        counted in the database, so an agenda of 1,000 tasks loads only the lines it shows.
        """
        params: dict[str, Any] = {"team_id": self.team_id, "owner_id": owner_id}
        for i, (day, at) in enumerate(boundaries):
            params[f"day_{i}"], params[f"at_{i}"] = day, at
        row = self.session.execute(_due_counts(len(boundaries)), params).one()
        return int(row[0]), [int(n) for n in row[1:]]

    def claim_due_tasks(
        self, now: dt.datetime, token: str, lease: dt.timedelta, limit: int = 200
    ) -> list[int]:
        """Atomically lease up to `limit` open tasks whose nudge is due; returns their ids."""
        due = [
            Task.team_id == self.team_id,
            Task.status == "open",
            Task.nudge_at.is_not(None),
            Task.nudge_at <= now,
        ]
        return claim_due(
            self.session, Task, due, now, token, lease, order_by=Task.nudge_at, limit=limit
        )
