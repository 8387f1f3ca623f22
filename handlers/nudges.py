"""Nudges: a task falls due -> its owner gets a DM with Done / Snooze / Reassign.

The database says what is due (`tasks.nudge_at`, planned here); the scheduler claims and
settles due tasks (see handlers/outbound.py).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from handlers import complaint_card, due, schedule
from handlers import formatting as fmt
from handlers.settings import CoreSettings
from handlers.types import Button, Field, Recipient, Reply
from store import Unit
from store.models import Member, Task

PREFERRED = ("slack", "telegram", "console")


def member_zone(member: Member, settings: CoreSettings) -> ZoneInfo:
    """The member's zone, else the team's."""
    return ZoneInfo(member.tz or settings.default_tz)


def window(member: Member, settings: CoreSettings) -> schedule.Window:
    """The member's quiet hours and workdays (their own, else the team's)."""
    quiet = member.quiet_hours if member.quiet_hours is not None else settings.quiet_hours
    days = member.workdays if member.workdays is not None else settings.workdays
    return schedule.Window(schedule.parse_quiet(quiet), schedule.parse_workdays(days))


def plan(task: Task, owner: Member, settings: CoreSettings) -> None:
    """(Re)plan a task's first nudge after it was created or its date or owner changed.

    A timed task's day follows its owner's zone (see handlers/due.py); its instant stays.
    """
    task.nudge_count = 0
    task.lease_owner = task.lease_until = None
    if task.status != "open":
        task.nudge_at = None
        return
    zone = member_zone(owner, settings)
    due.follow_owner(task, zone)
    task.nudge_at = schedule.first_nudge(
        task.due_date,
        task.due_at,
        zone,
        owner.workday_start or settings.workday_start,
        window(owner, settings),
    )


def replan_owner(unit: Unit, member: Member, settings: CoreSettings) -> None:
    """Replan every open task of `member` after their zone or working hours changed."""
    for task in unit.open_tasks(owner_id=member.id):
        plan(task, member, settings)


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
    if task.purpose == "complaint":
        return complaint_card.card(task, zone.key)
    today = now.astimezone(zone).date()
    when = due.text(task, zone, today)
    overdue = due.overdue(task, zone, now)
    head = f"Overdue since {when}" if overdue else f"Due {when}"
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
