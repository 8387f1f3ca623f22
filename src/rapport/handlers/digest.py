"""The team digest: due today, overdue, recent activity, customers gone cold or unhappy,
new customers, deals won and lost. Empty sections are left out."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from zoneinfo import ZoneInfo

from rapport.handlers import formatting as fmt
from rapport.handlers import schedule
from rapport.handlers.settings import CoreSettings
from rapport.handlers.types import Button, Reply
from rapport.store import Unit
from rapport.store.models import Company, Contact, Task

COLD_SHOWN = 5
LIST_SHOWN = 10


def window_start(today: dt.date, workdays: frozenset[int]) -> dt.date:
    """The previous workday: on a Monday the digest covers the weekend too."""
    day = today - dt.timedelta(days=1)
    for _ in range(7):
        if day.weekday() in workdays:
            return day
        day -= dt.timedelta(days=1)
    return today - dt.timedelta(days=1)


def _task_item(task: Task, today: dt.date) -> str:
    who = task.contact or task.company
    text = f"#{task.number} {fmt.clip(task.title, 40)}" + (f" ({who.name})" if who else "")
    if task.due_date is not None and task.due_date < today:
        text += f", {fmt.day(task.due_date, today)}"
    return text


def _by_owner(tasks: list[Task], today: dt.date) -> list[str]:
    grouped: dict[str, list[Task]] = defaultdict(list)
    for t in tasks:
        grouped[t.owner.name].append(t)
    lines = []
    for owner, owned in sorted(grouped.items()):
        items = "; ".join(_task_item(t, today) for t in owned[:LIST_SHOWN])
        more = f" (+{len(owned) - LIST_SHOWN} more)" if len(owned) > LIST_SHOWN else ""
        lines.append(f"• {owner} ({len(owned)}): {items}{more}")
    return lines


def build(unit: Unit, settings: CoreSettings, now: dt.datetime, zone: ZoneInfo) -> Reply:
    """The digest for `now` in `zone` (one card; the chart is added by the caller)."""
    today = now.astimezone(zone).date()
    workdays = schedule.parse_workdays(settings.workdays)
    since = window_start(today, workdays)
    start = schedule.local_moment(since, dt.time(0), zone).astimezone(dt.UTC)
    end = schedule.local_moment(today, dt.time(0), zone).astimezone(dt.UTC)
    sections: list[str] = []
    buttons: list[Button] = []

    due = list(unit.open_tasks_due_by(today))
    due_today = [t for t in due if t.due_date == today]
    overdue = [t for t in due if t.due_date is not None and t.due_date < today]
    if due_today:
        sections += [f"Due today ({len(due_today)}):", *_by_owner(due_today, today)]
    if overdue:
        sections += [f"Overdue ({len(overdue)}):", *_by_owner(overdue, today)]

    activity = list(unit.interactions_between(start, end))
    label = (
        "Yesterday" if since == today - dt.timedelta(days=1) else f"Since {fmt.day(since, today)}"
    )
    if activity:
        kinds = Counter(i.kind for i in activity)
        people = Counter(i.author.name for i in activity)
        sections.append(
            f"{label}: {len(activity)} logged — "
            + ", ".join(f"{n} {k}{'s' if n > 1 else ''}" for k, n in kinds.most_common())
            + " · by "
            + ", ".join(f"{p} {n}" for p, n in people.most_common())
        )
        for i in activity:
            if i.amount or i.sentiment:
                who = ", ".join(
                    (
                        link.contact.name
                        if link.contact
                        else link.company.name
                        if link.company
                        else ""
                    )
                    for link in i.links
                )
                extra = " · ".join(
                    x for x in (fmt.money(i.amount) if i.amount else "", i.sentiment or "") if x
                )
                sections.append(f"• {who}: {i.kind} by {i.author.name} ({extra})")

    unhappy: dict[str, str] = {}
    week_ago = now - dt.timedelta(days=7)
    for i in unit.interactions_between(week_ago, now):
        for link in i.links:
            row = link.contact or link.company
            if row is not None:
                if i.sentiment == "negative":
                    unhappy[row.name] = f"• {row.name}: {fmt.clip(i.summary, 60)} ({i.author.name})"
                elif i.sentiment == "positive":
                    unhappy.pop(row.name, None)
    if unhappy:
        sections += [f"Unhappy lately ({len(unhappy)}):", *list(unhappy.values())[:LIST_SHOWN]]

    cold = _cold(unit, settings, now, today)
    if cold:
        sections.append(f"Gone cold (no contact for {settings.cold_days}+ days):")
        for row, last in cold[:COLD_SHOWN]:
            kind = "contact" if isinstance(row, Contact) else "company"
            owner = row.owner.name if row.owner else "no owner"
            seen = (
                f"last {fmt.day(last.astimezone(zone).date(), today)}"
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
        if len(cold) > COLD_SHOWN:
            sections.append(f"…and {len(cold) - COLD_SHOWN} more.")

    new = [c for c in unit.contacts() if start <= c.created_at < end] + [
        c for c in unit.companies() if start <= c.created_at < end
    ]
    if new:
        newest = sorted(new, key=lambda c: c.created_at, reverse=True)
        more = f" (+{len(new) - LIST_SHOWN} more)" if len(new) > LIST_SHOWN else ""
        listed = ", ".join(c.name for c in newest[:LIST_SHOWN])
        sections.append(f"New customers ({len(new)}): {listed}{more}")

    for stage in ("won", "lost"):
        deals = [d for d in unit.deals_closed_between(start, end) if d.stage == stage]
        if deals:
            names = []
            for d in deals:
                row = (unit.company(d.company_id) if d.company_id else None) or (
                    unit.contact(d.contact_id) if d.contact_id else None
                )
                names.append(
                    f"{row.name if row else '?'}" + (f" {fmt.money(d.amount)}" if d.amount else "")
                )
            total = sum(d.amount or 0 for d in deals)
            sections.append(f"Deals {stage} ({fmt.money(total)}): " + ", ".join(names))

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


def _cold(
    unit: Unit, settings: CoreSettings, now: dt.datetime, today: dt.date
) -> list[tuple[Contact | Company, dt.datetime | None]]:
    """Companies, and people without one, untouched for `cold_days` (oldest first)."""
    cutoff = now - dt.timedelta(days=settings.cold_days)
    touches = unit.last_touches()
    contacts = list(unit.contacts())
    # A company is warm when anyone there was contacted: fold people into their company.
    for person in contacts:
        when = touches.get(("contact", person.id))
        if person.company_id is not None and when is not None:
            key = ("company", person.company_id)
            touches[key] = max(when, touches.get(key, when))
    out: list[tuple[Contact | Company, dt.datetime | None]] = []
    rows: list[Contact | Company] = [
        *unit.companies(),
        *(c for c in contacts if c.company_id is None),
    ]
    for row in rows:
        if row.quiet_until is not None and row.quiet_until > today:
            continue
        last = touches.get(("contact" if isinstance(row, Contact) else "company", row.id))
        reference = last or row.created_at
        if reference < cutoff:
            out.append((row, last))
    out.sort(key=lambda pair: pair[1] or pair[0].created_at)
    return out
