"""Tasks: follow-ups someone owns, and the nudges that remind them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import Any, cast

from sqlalchemy import Select, Table, bindparam, select, update
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
def _open_tasks(owner: bool, contacts: bool, companies: bool) -> Select[Any]:
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
    # Every line shows the customer: load them in the same query, not one query a line.
    return q.options(joinedload(Task.contact), joinedload(Task.company), joinedload(Task.owner))


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
        if bind.dialect.name == "postgresql":
            with bind.engine.begin() as own:
                # Its commit need not wait for the disk: the message's own commit, later in
                # the log, makes it durable with the task that uses the number.
                own.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
                taken = own.scalar(_TAKE_NUMBER, params)
        if taken is None:  # SQLite, or a team this very transaction created (no one sees it)
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
    ) -> Sequence[Task]:
        """Open tasks, by due date (undated last), for an owner and/or some customers."""
        params = customer_params(self.team_id, contact_ids, company_ids)
        if owner_id is not None:
            params["owner_id"] = owner_id
        statement = _open_tasks(owner_id is not None, bool(contact_ids), bool(company_ids))
        return self.session.scalars(statement, params).unique().all()

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
