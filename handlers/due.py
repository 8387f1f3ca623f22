"""When a task is due, and how each reader sees it.

A timed task ("call Jane Friday 3pm") is due at one instant: `Task.due_at`, in UTC. Each
reader sees that instant in their own zone, and handing the task to someone in another
zone keeps the instant. A date-only task is due on a day (`due_at` is null): the day in
its owner's zone, shown as that day to everyone.

`Task.due_date` is set for both: for a timed task it is the instant's day in the owner's
zone, kept in step here so that lists sort and the agenda index filters by day.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from handlers import formatting as fmt
from handlers.schedule import local_moment
from store.models import Task


def set_due(
    task: Task, day: dt.date | None, at: dt.time | None, zone: ZoneInfo, owner_zone: ZoneInfo
) -> None:
    """Due on `day` (at `at`, read in `zone`, the zone of whoever wrote it), or undated."""
    if day is None:
        task.due_date, task.due_at = None, None
    elif at is None:
        task.due_date, task.due_at = day, None
    else:
        task.due_at = local_moment(day, at, zone).astimezone(dt.UTC)
        task.due_date = task.due_at.astimezone(owner_zone).date()


def follow_owner(task: Task, owner_zone: ZoneInfo) -> None:
    """Keep a timed task's day in step with its (new) owner's zone; the instant stays."""
    if task.due_at is not None:
        task.due_date = aware(task.due_at).astimezone(owner_zone).date()


def local(task: Task, zone: ZoneInfo) -> tuple[dt.date | None, dt.time | None]:
    """The task's due day and time of day as a reader in `zone` sees them."""
    if task.due_at is None:
        return task.due_date, None
    moment = aware(task.due_at).astimezone(zone)
    return moment.date(), moment.time().replace(second=0, microsecond=0)


def text(task: Task, zone: ZoneInfo, today: dt.date | None = None) -> str:
    """'Fri 20 Nov 15:00' in the reader's zone, 'Fri 20 Nov', or 'no date'."""
    day, at = local(task, zone)
    return fmt.due(day, at, today)


def overdue(task: Task, zone: ZoneInfo, now: dt.datetime) -> bool:
    """Whether the task was due on a day before today, as a reader in `zone` sees days."""
    day = local(task, zone)[0]
    return day is not None and day < now.astimezone(zone).date()


def moved(
    task: Task, day: dt.date, at: dt.time | None, zone: ZoneInfo, owner_zone: ZoneInfo
) -> None:
    """Move to `day`; without a new time a timed task keeps its time of day as `zone` sees it.

    `zone` is the zone of the person moving the task: "move 9 to the 18th" means the 18th
    at the time they were shown.
    """
    kept = at if at is not None else local(task, zone)[1]
    set_due(task, day, kept, zone, owner_zone)


def day_bounds(day: dt.date, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The UTC instants where `day` starts and ends in `zone`."""
    start = local_moment(day, dt.time(0), zone)
    end = local_moment(day + dt.timedelta(days=1), dt.time(0), zone)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def aware(value: dt.datetime) -> dt.datetime:
    """A stored instant as aware UTC (SQLite hands some back naive)."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
