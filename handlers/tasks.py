"""Changing tasks: done, snooze, change date, reassign — by text or by button."""

from __future__ import annotations

import datetime as dt

from rapidfuzz import fuzz, process

from handlers import audit, due, notices, nudges, questions
from handlers import formatting as fmt
from handlers.context import Ctx
from handlers.ids import as_id
from handlers.questions import NewDate
from handlers.types import Button, Reply
from nlp import read_when as nlp_read_when
from store.models import Member, PendingAction, Task

SNOOZE = {"1d": dt.timedelta(days=1), "3d": dt.timedelta(days=3), "1w": dt.timedelta(days=7),
          "2w": dt.timedelta(days=14)}  # fmt: skip
#: How long "New date for #N?" waits for its answer.
NEW_DATE_TTL = dt.timedelta(hours=2)


def _warn(text: str) -> list[Reply]:
    return [Reply(text, tone="warning")]


def find_task(ctx: Ctx, raw: str) -> tuple[Task | None, list[Reply]]:
    """The task numbered `raw` if the author may change it, else why not."""
    digits = raw.strip().lstrip("#")
    number = as_id(digits)
    if number is None:
        return None, _warn(f"“{fmt.clip(raw, 20)}” is not a task number. Try “my tasks”.")
    task = ctx.unit.task(number)
    if task is None:
        return None, _warn(f"There is no task #{digits}. Try “my tasks”.")
    if task.owner_id != ctx.member.id and not ctx.is_admin:
        return None, _warn(f"Task #{digits} is {task.owner.name}'s; only they can change it.")
    return task, []


def _snapshot(task: Task) -> dict[str, object]:
    return {
        "status": task.status,
        "due_date": task.due_date.isoformat() if task.due_date else None,
        "due_at": due.aware(task.due_at).isoformat() if task.due_at else None,
        "owner_id": task.owner_id,
    }


def seen_by(ctx: Ctx, task: Task, member: Member) -> str:
    """The task's due date and time as `member` reads them, in their zone."""
    zone = nudges.member_zone(member, ctx.settings)
    return due.text(task, zone, ctx.now.astimezone(zone).date())


def mark_done(ctx: Ctx, raw: str, replace: bool = False) -> list[Reply]:
    """Close a task."""
    task, problem = find_task(ctx, raw)
    if task is None:
        return problem
    if task.status != "open":
        return [Reply(f"Task #{task.number} is already {task.status}.", replace=replace)]
    before = _snapshot(task)
    task.status = "done"
    nudges.plan(task, task.owner, ctx.settings)
    audit.record(ctx, "task.done", "task", task.id, before, _snapshot(task))
    notices.tell(ctx, task.owner_id, f"Done: #{task.number} {task.title}.")
    return [Reply(f"Done: #{task.number} {task.title}.", tone="success", replace=replace)]


def read_when(ctx: Ctx, text: str) -> tuple[dt.date | None, dt.time | None]:
    """A date (and time) typed by the author, read with the parser's conventions."""
    start = ctx.member.workday_start or ctx.settings.workday_start
    day, at = nlp_read_when(text, ctx.local_now, ctx.tz, workday_start=start)
    return (day, at) if day is not None else (None, None)


def move(
    ctx: Ctx, task: Task, day: dt.date, at: dt.time | None, action: str, replace: bool
) -> list[Reply]:
    """Set a task's due date and say so.

    `day` and `at` are read in the mover's zone; without `at` a timed task keeps the time
    of day the mover sees (see handlers/due.py).
    """
    before = _snapshot(task)
    due.moved(task, day, at, ctx.tz, nudges.member_zone(task.owner, ctx.settings))
    nudges.plan(task, task.owner, ctx.settings)
    audit.record(ctx, action, "task", task.id, before, _snapshot(task))
    verb = "Snoozed" if action == "task.snooze" else "Moved"
    said = f"{verb} #{task.number} {task.title} to {due.text(task, ctx.tz, ctx.today)}."
    told = f"{verb} #{task.number} {task.title} to {seen_by(ctx, task, task.owner)}."
    notices.tell(ctx, task.owner_id, told)
    return [Reply(said, tone="success", replace=replace)]


def snooze_text(ctx: Ctx, raw: str, when: str) -> list[Reply]:
    """'snooze 3 to monday'."""
    task, problem = find_task(ctx, raw)
    if task is None:
        return problem
    if task.status != "open":
        return [Reply(f"Task #{task.number} is {task.status}; nothing to snooze.")]
    day, at = read_when(ctx, when)
    if day is None:
        return _warn(
            f"I couldn't read “{fmt.clip(when, 30)}” as a date. Try “snooze {task.number} to friday”."
        )
    return move(ctx, task, day, at, "task.snooze", False)


def snooze_button(ctx: Ctx, value: str) -> list[Reply]:
    """Snooze button: value 'N:1d'."""
    raw, _, span = value.partition(":")
    if span not in SNOOZE:
        return _warn("That snooze button is out of date.")
    task, problem = find_task(ctx, raw)
    if task is None:
        return problem
    if task.status != "open":
        return [Reply(f"Task #{task.number} is {task.status}; nothing to snooze.", replace=True)]
    start = max(due.local(task, ctx.tz)[0] or ctx.today, ctx.today)
    return move(ctx, task, start + SNOOZE[span], None, "task.snooze", True)


def ask_new_date(ctx: Ctx, raw: str) -> list[Reply]:
    """Change date button: ask, and take the next line as the date."""
    task, problem = find_task(ctx, raw)
    if task is None:
        return problem
    questions.ask(ctx, NewDate(task.number), NEW_DATE_TTL)
    ask = f"New date for #{task.number} {task.title}? (e.g. “friday”, “next week 3pm”)"
    if ctx.message.platform == "slack" and not ctx.message.is_direct:
        # In a Slack channel the bot sees only lines that mention it.
        ask += " Mention me with the date, e.g. “@Rapport friday”."
    return [Reply(ask)]


def answer_new_date(
    ctx: Ctx, pending: PendingAction, question: NewDate, text: str
) -> list[Reply] | None:
    """The line after Change date; None when it isn't a date (the line is handled normally)."""
    day, at = read_when(ctx, text)
    if day is None:
        return None
    pending.status = "answered"
    task, problem = find_task(ctx, str(question.number))
    if task is None:
        return problem
    return move(ctx, task, day, at, "task.date", False)


def _member_named(ctx: Ctx, name: str) -> Member | None:
    members = {m.id: m.name.lower() for m in ctx.unit.members()}
    hit = process.extractOne(name.lower().lstrip("@"), members, scorer=fuzz.WRatio, score_cutoff=85)
    return ctx.unit.member(hit[2]) if hit else None


def reassign(ctx: Ctx, raw: str, name: str) -> list[Reply]:
    """'give 3 to Sam'."""
    task, problem = find_task(ctx, raw)
    if task is None:
        return problem
    member = _member_named(ctx, name)
    if member is None:
        names = ", ".join(m.name for m in ctx.unit.members()) or "nobody yet"
        return _warn(f"No team member called “{fmt.clip(name, 30)}”. Members: {names}.")
    return give(ctx, task, member, replace=False)


def give(ctx: Ctx, task: Task, member: Member, replace: bool) -> list[Reply]:
    """Hand a task to another member; their own nudge time applies.

    A timed task keeps its instant: 15:00 in Berlin is 23:00 for a new owner in Tokyo.
    """
    before = _snapshot(task)
    task.owner_id = member.id
    task.owner = member
    nudges.plan(task, member, ctx.settings)
    audit.record(ctx, "task.reassign", "task", task.id, before, _snapshot(task))
    notices.tell(
        ctx, member.id, f"gave you #{task.number} {task.title} (due {seen_by(ctx, task, member)})."
    )
    return [
        Reply(
            f"Gave #{task.number} {task.title} to {member.name}.", tone="success", replace=replace
        )
    ]


def ask_owner(ctx: Ctx, raw: str) -> list[Reply]:
    """Reassign button: one button per team member."""
    task, problem = find_task(ctx, raw)
    if task is None:
        return problem
    others = [m for m in ctx.unit.members() if m.id != task.owner_id][:10]
    if not others:
        return [Reply("There is nobody else on the team yet to give it to.")]
    buttons = tuple(Button(m.name, "task.give", f"{task.number}:{m.id}") for m in others)
    return [Reply(f"Give #{task.number} {task.title} to whom?", buttons=buttons)]


def give_button(ctx: Ctx, value: str) -> list[Reply]:
    """A member button from `ask_owner`: value 'N:member id'."""
    raw, _, member_id = value.partition(":")
    task, problem = find_task(ctx, raw)
    if task is None:
        return problem
    number = as_id(member_id)
    member = ctx.unit.member(number) if number is not None else None
    if member is None or not member.active:
        return _warn("That member is no longer on the team.")
    return give(ctx, task, member, replace=True)


def take(ctx: Ctx, value: str) -> list[Reply]:
    """Assign to me: whoever pressed (any member: the card may sit in the team channel)."""
    number = as_id(value.strip().lstrip("#"))
    task = ctx.unit.task(number) if number is not None else None
    if task is None:
        return _warn("That task no longer exists.")
    if task.owner_id == ctx.member.id:
        return [Reply(f"#{task.number} is yours: you are handling it.", tone="success")]
    if task.purpose != "complaint" and not ctx.is_admin:
        # Only a complaint is offered to the team; other tasks change hands by their owner.
        return _warn(f"Task #{task.number} is {task.owner.name}'s; only they can change it.")
    if task.status != "open":
        return [Reply(f"#{task.number} {task.title} is already {task.status}.", replace=True)]
    before, previous = _snapshot(task), task.owner_id
    task.owner_id, task.owner = ctx.member.id, ctx.member
    nudges.plan(task, ctx.member, ctx.settings)
    audit.record(ctx, "task.reassign", "task", task.id, before, _snapshot(task))
    notices.tell(ctx, previous, f"took over #{task.number} {task.title}.")
    said = f"{ctx.member.name} took #{task.number} {task.title}; it is theirs now."
    return [Reply(said, tone="success", replace=True)]
