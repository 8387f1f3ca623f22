"""What the team digest says.

Due today, overdue, recent activity, customers gone cold or unhappy, new customers, deals
won and lost; empty sections are left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from handlers import chart, digest_deals, due, schedule, voice_digest
from handlers import formatting as fmt
from handlers.settings import CoreSettings
from handlers.types import Button, Reply
from store import Unit, reports
from store.models import Company, Contact, Interaction, Task

COLD_SHOWN = 5
LIST_SHOWN = 10
#: Owners listed by name under due today / overdue; a big team's rest is counted.
OWNERS_SHOWN = 10
#: Authors named in the activity line.
PEOPLE_SHOWN = 8


def window_start(today: dt.date, workdays: frozenset[int]) -> dt.date:
    """The previous workday: on a Monday the digest covers the weekend too."""
    day = today - dt.timedelta(days=1)
    for _ in range(7):
        if day.weekday() in workdays:
            return day
        day -= dt.timedelta(days=1)
    return today - dt.timedelta(days=1)


def _task_item(task: Task, day: reports.Day, zone: ZoneInfo) -> str:
    who = task.contact or task.company
    text = f"#{task.number} {fmt.clip(task.title, 40)}" + (f" ({who.name})" if who else "")
    local_day, at = due.local(task, zone)
    if local_day is not None and local_day < day.date:
        text += f", {fmt.due(local_day, at, day.date)}"
    elif at is not None:
        text += f", {fmt.clock(at)}"
    return text


def _by_owner(
    unit: Unit, loads: list[reports.OwnerLoad], day: reports.Day, zone: ZoneInfo, overdue: bool
) -> list[str]:
    """One line per owner, busiest first; a big team's long tail is one counted line."""

    def count(load: reports.OwnerLoad) -> int:
        return load.overdue if overdue else load.due_today

    owners = sorted((o for o in loads if count(o)), key=lambda o: (-count(o), o.name))
    lines = []
    for load in owners[:OWNERS_SHOWN]:
        n = count(load)
        tasks = reports.open_tasks_of(unit, load.member_id, day, overdue=overdue, limit=LIST_SHOWN)
        items = "; ".join(_task_item(t, day, zone) for t in tasks)
        more = f" (+{n - LIST_SHOWN} more)" if n > LIST_SHOWN else ""
        lines.append(f"• {load.name} ({n}): {items}{more}")
    rest = owners[OWNERS_SHOWN:]
    if rest:
        lines.append(f"• …and {len(rest)} more people ({sum(count(o) for o in rest):,} tasks)")
    return lines


def _listed(pairs: list[tuple[str, int]], shown: int) -> str:
    out = ", ".join(f"{name} {n}" for name, n in pairs[:shown])
    rest = pairs[shown:]
    return out + (f", {len(rest)} others {sum(n for _, n in rest)}" if rest else "")


def _names(interaction: Interaction) -> str:
    return ", ".join(
        (link.contact.name if link.contact else link.company.name if link.company else "")
        for link in interaction.links
    )


@dataclass(frozen=True)
class _Period:
    """What the digest covers: since the previous workday until today began, in `zone`."""

    today: dt.date
    since: dt.date
    start: dt.datetime  # UTC
    end: dt.datetime  # UTC
    zone: ZoneInfo


def build(unit: Unit, settings: CoreSettings, now: dt.datetime, zone: ZoneInfo) -> Reply:
    """The digest for `now` in `zone` (one card; the chart is added by the caller)."""
    today = now.astimezone(zone).date()
    since = window_start(today, schedule.parse_workdays(settings.workdays))
    period = _Period(
        today,
        since,
        schedule.local_moment(since, dt.time(0), zone).astimezone(dt.UTC),
        schedule.local_moment(today, dt.time(0), zone).astimezone(dt.UTC),
        zone,
    )
    cold, buttons = _gone_cold(unit, settings, now, period)
    sections = [
        *_due(unit, today, zone),
        *_activity(unit, period),
        *_unhappy(unit, now),
        *cold,
        *_new_customers(unit, period),
        *_deals(unit, period),
    ]
    title = f"{settings.team_name} digest — {fmt.day(today)}"
    if not sections:
        return Reply(
            f"{title}: a quiet day — nothing due, nothing overdue, no new activity.", title=title
        )
    return Reply(
        text=title + "\n" + "\n".join(sections),
        title=title,
        sections=tuple(sections),
        buttons=tuple(buttons),
        context=f"Dates in {zone.key}",
    )


def _due(unit: Unit, today: dt.date, zone: ZoneInfo) -> list[str]:
    """Due today and overdue, by owner; a timed task by its instant's day in the digest's zone."""
    day = reports.Day(today, *due.day_bounds(today, zone))
    loads = reports.due_by_owner(unit, day)
    due_today, overdue = sum(o.due_today for o in loads), sum(o.overdue for o in loads)
    sections: list[str] = []
    if due_today:
        sections += [f"Due today ({due_today:,}):", *_by_owner(unit, loads, day, zone, False)]
    if overdue:
        sections += [f"Overdue ({overdue:,}):", *_by_owner(unit, loads, day, zone, True)]
    return sections


def _activity(unit: Unit, period: _Period) -> list[str]:
    """What was logged in the period, by whom, and the entries with an amount or a mood."""
    kinds, people = reports.activity_counts(unit, period.start, period.end)
    if not kinds:
        return []
    today = period.today
    yesterday = period.since == today - dt.timedelta(days=1)
    label = "Yesterday" if yesterday else f"Since {fmt.day(period.since, today)}"
    sections = [
        f"{label}: {sum(n for _, n in kinds):,} logged — "
        + ", ".join(f"{n:,} {k}{'s' if n > 1 else ''}" for k, n in kinds)
        + " · by "
        + _listed(people, PEOPLE_SHOWN)
    ]
    marked = reports.notable(unit, period.start, period.end)
    for i in marked[:LIST_SHOWN]:
        extra = " · ".join(x for x in (digest_deals.interaction_amount(i), i.sentiment or "") if x)
        sections.append(f"• {_names(i)}: {i.kind} by {i.author.name} ({extra})")
    if len(marked) > LIST_SHOWN:
        sections.append(f"• …and {len(marked) - LIST_SHOWN:,} more with an amount or a mood")
    return sections


def _unhappy(unit: Unit, now: dt.datetime) -> list[str]:
    """Customers whose latest mood this week was negative."""
    unhappy: dict[str, str] = {}
    for i in reports.notable(unit, now - dt.timedelta(days=7), now, sentiment_only=True):
        for row in (link.contact or link.company for link in i.links):
            if row is None:
                continue
            if i.sentiment == "negative":
                unhappy[row.name] = f"• {row.name}: {fmt.clip(i.summary, 60)} ({i.author.name})"
            elif i.sentiment == "positive":
                unhappy.pop(row.name, None)
    if not unhappy:
        return []
    return [f"Unhappy lately ({len(unhappy)}):", *list(unhappy.values())[:LIST_SHOWN]]


def _gone_cold(
    unit: Unit, settings: CoreSettings, now: dt.datetime, period: _Period
) -> tuple[list[str], list[Button]]:
    """Customers untouched for `cold_days`, each with Log call / Snooze / Reassign."""
    cold, cold_total = _cold(unit, settings, now, period.today)
    if not cold:
        return [], []
    sections = [f"Gone cold (no contact for {settings.cold_days}+ days):"]
    buttons: list[Button] = []
    for row, last in cold:
        kind = "contact" if isinstance(row, Contact) else "company"
        owner = row.owner.name if row.owner else "no owner"
        seen = (
            f"last {fmt.day(last.astimezone(period.zone).date(), period.today)}"
            if last
            else "never contacted"
        )
        sections.append(f"• {row.name} ({owner}, {seen})")
        key = f"{kind}:{row.id}"
        buttons += [
            Button(f"Log call: {row.name}"[:60], "customer.log_call", key),
            Button(f"Snooze 2 weeks: {row.name}"[:60], "customer.snooze", key),
            Button(f"Reassign: {row.name}"[:60], "customer.reassign", key),
        ]
    if cold_total > len(cold):
        sections.append(f"…and {cold_total - len(cold):,} more.")
    return sections, buttons


def _new_customers(unit: Unit, period: _Period) -> list[str]:
    """Customers added in the period."""
    new_total, newest = reports.customers_created(unit, period.start, period.end, LIST_SHOWN)
    if not new_total:
        return []
    more = f" (+{new_total - len(newest):,} more)" if new_total > len(newest) else ""
    return [f"New customers ({new_total:,}): {', '.join(newest)}{more}"]


def _deals(unit: Unit, period: _Period) -> list[str]:
    """Deals won, then lost, in the period, with their totals per currency."""
    return digest_deals.closed(unit, period.start, period.end)


def _cold(
    unit: Unit, settings: CoreSettings, now: dt.datetime, today: dt.date
) -> tuple[list[tuple[Contact | Company, dt.datetime | None]], int]:
    """Customers untouched for `cold_days`, oldest first, and how many there are in all.

    The first COLD_SHOWN companies, and people without one, are loaded as rows.
    """
    cutoff = now - dt.timedelta(days=settings.cold_days)
    found, total = reports.cold_customers(unit, cutoff, today, COLD_SHOWN)
    shown: list[tuple[Contact | Company, dt.datetime | None]] = []
    for cold in found:
        row = unit.contact(cold.id) if cold.kind == "contact" else unit.company(cold.id)
        if row is not None:
            shown.append((row, cold.last))
    return shown, total


def with_chart(unit: Unit, reply: Reply, now: dt.datetime, zone: ZoneInfo) -> Reply:
    """Add the chart image, and its numbers as text."""
    series, days, ages = chart.figures(unit, now, zone)
    voice = voice_digest.figures(unit, now, zone)
    numbers = "\n".join([chart.summary(series, ages), *voice_digest.summary(voice)])
    image = chart.render_png(series, days, ages, voice)
    if reply.sections:
        return replace(reply, text=reply.text + "\n" + numbers,
                       sections=(*reply.sections, *numbers.split("\n")), image=image)  # fmt: skip
    # A one-line (quiet) digest: the line itself is the headline.
    return replace(reply, title=None, text=reply.text + "\n" + numbers, image=image)
