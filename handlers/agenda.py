"""Agenda: the author's open tasks, overdue first, then today, this week, later."""

from __future__ import annotations

import datetime as dt

from handlers import due
from handlers.cards import task_line
from handlers.context import Ctx
from handlers.types import Button, Reply

SHOW = 25


def handle_agenda(ctx: Ctx) -> list[Reply]:
    """List the author's open tasks in buckets, with Done buttons for what is due.

    The buckets are counted in the database; only the lines shown are loaded (an owner
    with a thousand open tasks would otherwise load a thousand rows for 25 lines).
    """
    today = ctx.today
    week_end = today + dt.timedelta(days=6 - today.weekday())
    starts = [today, today + dt.timedelta(days=1), week_end + dt.timedelta(days=1)]
    total, before = ctx.unit.open_task_counts(
        ctx.member.id, [(day, due.day_bounds(day, ctx.tz)[0]) for day in starts]
    )
    if not total:
        return [Reply("You have no open tasks. 🎉")]
    counts = {
        "Overdue": before[0],
        "Today": before[1] - before[0],
        "This week": before[2] - before[1],
        "Later": total - before[2],  # and those with no date
    }
    buckets: dict[str, list[str]] = {name: [] for name in counts}
    urgent = []
    for task in ctx.unit.open_tasks(owner_id=ctx.member.id, limit=SHOW):
        d = due.local(task, ctx.tz)[0]
        if d is not None and d < today:
            name = "Overdue"
        elif d == today:
            name = "Today"
        elif d is not None and d <= week_end:
            name = "This week"
        else:
            name = "Later"
        buckets[name].append(task_line(task, ctx.tz, today))
        if name in ("Overdue", "Today"):
            urgent.append(task)
    sections = []
    for name, lines in buckets.items():
        if lines:
            shown = "" if len(lines) >= counts[name] else f", first {len(lines)}"
            sections.append(f"{name} ({counts[name]}{shown}):")
            sections.extend(f"  {line}" for line in lines)
    more = total - SHOW
    if more > 0:
        sections.append(f"…and {more} more.")
    summary = ", ".join(f"{n} {k.lower()}" for k, n in counts.items() if n)
    buttons = tuple(
        button
        for t in urgent[:5]
        for button in (
            Button(f"Done #{t.number}", "task.done", str(t.number)),
            Button(f"Snooze #{t.number}", "task.snooze", f"{t.number}:1d"),
        )
    )
    return [
        Reply(
            text=f"Your open tasks: {summary}.\n" + "\n".join(sections),
            title=f"Your open tasks ({total})",
            sections=tuple(sections),
            buttons=buttons,
            context=f"Dates in {ctx.tz.key}",
        )
    ]
