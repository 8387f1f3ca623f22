"""Nudges: a task falls due -> its owner gets a DM with Done / Snooze / Reassign.

The database says what is due (`tasks.nudge_at`). A sender claims due tasks with a lease,
sends, then marks them; a sender that dies between claim and mark loses its lease, and the
nudge is sent again once the lease expires (at least once, never lost).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handlers import formatting as fmt
from handlers import schedule
from handlers.settings import CoreSettings
from handlers.types import Button, Field, Recipient, Reply
from store import Unit
from store.models import Member, Task

LEASE = dt.timedelta(minutes=5)
RETRY_AFTER = dt.timedelta(minutes=1)
PREFERRED = ("slack", "telegram", "console")


@dataclass(frozen=True)
class Outbound:
    """A message the bot starts, with the claim it settles."""

    recipient: Recipient
    reply: Reply
    task_id: int
    token: str


def member_zone(member: Member, settings: CoreSettings) -> ZoneInfo:
    """The member's zone, else the team's."""
    return ZoneInfo(member.tz or settings.default_tz)


def window(member: Member, settings: CoreSettings) -> schedule.Window:
    """The member's quiet hours and workdays (their own, else the team's)."""
    quiet = member.quiet_hours if member.quiet_hours is not None else settings.quiet_hours
    days = member.workdays if member.workdays is not None else settings.workdays
    return schedule.Window(schedule.parse_quiet(quiet), schedule.parse_workdays(days))


def plan(task: Task, owner: Member, settings: CoreSettings) -> None:
    """(Re)plan a task's first nudge after it was created or its date or owner changed."""
    task.nudge_count = 0
    task.lease_owner = task.lease_until = None
    if task.status != "open":
        task.nudge_at = None
        return
    task.nudge_at = schedule.first_nudge(
        task.due_date,
        task.due_time,
        member_zone(owner, settings),
        owner.workday_start or settings.workday_start,
        window(owner, settings),
    )


def recipient(unit: Unit, member: Member) -> Recipient | None:
    """Where a member gets direct messages: Slack, else Telegram, else the terminal."""
    reachable = {i.platform: i.user_key for i in unit.identities_of(member.id) if i.reachable}
    for platform in PREFERRED:
        if platform in reachable:
            return Recipient(platform, reachable[platform])  # type: ignore[arg-type]
    return None


def card(task: Task, owner: Member, settings: CoreSettings, now: dt.datetime) -> Reply:
    """The nudge: what was promised, to whom, where it came from, and what to do."""
    zone = member_zone(owner, settings)
    today = now.astimezone(zone).date()
    due = fmt.due(task.due_date, task.due_time, today)
    overdue = task.due_date is not None and task.due_date < today
    head = f"Overdue since {due}" if overdue else f"Due {due}"
    who = task.contact or task.company
    fields = [Field("Task", f"#{task.number} {task.title}"), Field("When", head)]
    if who is not None:
        company = getattr(who, "company", None)
        fields.append(Field("Customer", who.name + (f" ({company.name})" if company else "")))
    origin = None
    if task.interaction is not None:
        first = who.name.split()[0] if who is not None else "them"
        day = fmt.day(task.interaction.occurred_at.astimezone(zone).date(), today)
        origin = f"from your {task.interaction.kind} with {first} on {day}"
        fields.append(Field("From", origin))
    text = f"⏰ {head}: #{task.number} {task.title}" + (f" ({who.name})" if who else "")
    text += f", {origin}." if origin else "."
    n = str(task.number)
    return Reply(
        text=text,
        title=f"⏰ {head}: #{task.number} {task.title}",
        fields=tuple(fields),
        buttons=(
            Button("Done", "task.done", n, "primary"),
            Button("Snooze 1 day", "task.snooze", f"{n}:1d"),
            Button("Snooze 1 week", "task.snooze", f"{n}:1w"),
            Button("Reassign", "task.reassign", n),
        ),
        context=f"Dates in {zone.key}",
    )


def claim(
    unit: Unit, settings: CoreSettings, now: dt.datetime, token: str, limit: int
) -> list[Outbound]:
    """Lease due nudges and build what to send."""
    out = []
    where_is: dict[int, Recipient | None] = {}  # owners repeat within a batch
    for task in unit.tasks_by_ids(unit.claim_due_tasks(now, token, LEASE, limit)):
        if task.owner_id not in where_is:
            where_is[task.owner_id] = recipient(unit, task.owner)
        where = where_is[task.owner_id]
        if where is None:
            # Nobody can be reached: stop nudging; the task stays in agendas and digests.
            task.nudge_at = None
            task.lease_owner = task.lease_until = None
            continue
        out.append(Outbound(where, card(task, task.owner, settings, now), task.id, token))
    return out


def settle(
    unit: Unit,
    settings: CoreSettings,
    task_id: int,
    token: str,
    sent: bool,
    now: dt.datetime,
    task: Task | None = None,
) -> None:
    """After a send: plan the next daily reminder (at most three), or free the claim to retry."""
    task = task or unit.task_by_id(task_id)
    if task is None or task.lease_owner != token:
        return  # the lease expired and someone else owns it now
    task.lease_owner = None
    if not sent:
        # Retried after a pause, so one unreachable address cannot spin a busy tick.
        task.lease_until = now + RETRY_AFTER
        return
    task.lease_until = None
    task.nudge_count += 1
    owner = task.owner
    if task.status != "open" or task.nudge_count > schedule.MAX_RENUDGES:
        task.nudge_at = None
        return
    task.nudge_at = schedule.renudge(
        now, member_zone(owner, settings), owner.workday_start or settings.workday_start,
        window(owner, settings),
    )  # fmt: skip


def settle_all(
    unit: Unit, settings: CoreSettings, results: list[tuple[Outbound, bool]], now: dt.datetime
) -> None:
    """Settle a whole batch in one transaction."""
    tasks = {t.id: t for t in unit.tasks_by_ids([o.task_id for o, _ in results])}
    for outbound, sent in results:
        task = tasks.get(outbound.task_id)
        if task is not None:
            settle(unit, settings, task.id, outbound.token, sent, now, task)
