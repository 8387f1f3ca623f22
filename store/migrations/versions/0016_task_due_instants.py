"""tasks: a timed task is due at an instant (due_at, UTC) instead of a wall-clock due_time

Existing times are read in the owner's zone (else the `default_tz` attribute, UTC
otherwise), as they were meant when written.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 10:40:00
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from alembic import context, op

import store.models

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def _zone(name: str | None) -> ZoneInfo:
    default = context.config.attributes.get("default_tz") or "UTC"
    for candidate in (name, default):
        try:
            if candidate:
                return ZoneInfo(str(candidate))
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return ZoneInfo("UTC")


def _moment(day: dt.date, at: dt.time, zone: ZoneInfo) -> dt.datetime:
    """`day` at `at` in `zone`; a time a DST change skips becomes the next valid minute."""
    naive = dt.datetime.combine(day, at)
    for _ in range(24 * 60):
        candidate = naive.replace(tzinfo=zone)
        if candidate.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) == naive:
            return candidate
        naive += dt.timedelta(minutes=1)
    return naive.replace(tzinfo=zone)


def _as_date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _as_time(value: object) -> dt.time:
    return value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))


def upgrade() -> None:
    op.add_column(
        "tasks", sa.Column("due_at", store.models.UTCDateTime(timezone=True), nullable=True)
    )
    bind = op.get_bind()
    tasks = sa.table(
        "tasks",
        sa.column("id", sa.Integer),
        sa.column("due_date", sa.Date),
        sa.column("due_time", sa.Time),
        sa.column("owner_id", sa.Integer),
        sa.column("due_at", store.models.UTCDateTime(timezone=True)),
    )
    members = sa.table("members", sa.column("id", sa.Integer), sa.column("tz", sa.String))
    rows = bind.execute(
        sa.select(tasks.c.id, tasks.c.due_date, tasks.c.due_time, members.c.tz)
        .join(members, members.c.id == tasks.c.owner_id)
        .where(tasks.c.due_date.is_not(None), tasks.c.due_time.is_not(None))
    ).all()
    for task_id, day, at, tz in rows:
        moment = _moment(_as_date(day), _as_time(at), _zone(tz)).astimezone(dt.UTC)
        bind.execute(sa.update(tasks).where(tasks.c.id == task_id).values(due_at=moment))
    # tasks is referred to by no other table, so SQLite may copy it to drop the column.
    with op.batch_alter_table("tasks") as batch:
        batch.drop_column("due_time")


def downgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("due_time", sa.Time(), nullable=True))
    bind = op.get_bind()
    tasks = sa.table(
        "tasks",
        sa.column("id", sa.Integer),
        sa.column("due_time", sa.Time),
        sa.column("owner_id", sa.Integer),
        sa.column("due_at", store.models.UTCDateTime(timezone=True)),
    )
    members = sa.table("members", sa.column("id", sa.Integer), sa.column("tz", sa.String))
    rows = bind.execute(
        sa.select(tasks.c.id, tasks.c.due_at, members.c.tz)
        .join(members, members.c.id == tasks.c.owner_id)
        .where(tasks.c.due_at.is_not(None))
    ).all()
    for task_id, due_at, tz in rows:
        local = due_at.astimezone(_zone(tz))
        bind.execute(sa.update(tasks).where(tasks.c.id == task_id).values(due_time=local.time()))
    with op.batch_alter_table("tasks") as batch:
        batch.drop_column("due_at")
