"""Tasks changed by writing: "move 9 to the 18th", "rename 9 to …", "cancel 9", "reopen 9"."""

from __future__ import annotations

from handlers import audit, due, notices, nudges, tasks
from handlers import formatting as fmt
from handlers.context import Ctx
from handlers.types import Button, Reply
from nlp.requests import TaskChange
from store.models import Task

MAX_TITLE = 300


def change(ctx: Ctx, request: TaskChange) -> list[Reply]:
    """Apply one change to a task, said back with an Undo button."""
    task, problem = tasks.find_task(ctx, str(request.number))
    if task is None:
        return problem
    if request.op == "move":
        return _move(ctx, task, request.value)
    if request.op == "rename":
        return _rename(ctx, task, request.value)
    return _status(ctx, task, "cancelled" if request.op == "cancel" else "open")


def _snapshot(task: Task) -> dict[str, object]:
    return {
        "status": task.status,
        "title": task.title,
        "due_date": task.due_date.isoformat() if task.due_date else None,
        "due_at": due.aware(task.due_at).isoformat() if task.due_at else None,
        "owner_id": task.owner_id,
    }


def _said(
    ctx: Ctx,
    task: Task,
    action: str,
    before: dict[str, object],
    text: str,
    told: str | None = None,
) -> list[Reply]:
    nudges.plan(task, task.owner, ctx.settings)
    audit.record(ctx, action, "task", task.id, before, _snapshot(task))
    # A teammate's task: its owner hears of it, with times in their own zone.
    notices.tell(ctx, task.owner_id, told or text)
    undo = Button("Undo", "task.undo_change", str(task.number), "danger")
    return [Reply(text, tone="success", buttons=(undo,))]


def _move(ctx: Ctx, task: Task, when: str) -> list[Reply]:
    if task.status != "open":
        return [Reply(f"Task #{task.number} is {task.status}; “reopen {task.number}” first.")]
    day, at = tasks.read_when(ctx, when)
    if day is None:
        return [Reply(f"I couldn't read “{fmt.clip(when, 30)}” as a date. "
                      f"Try “move {task.number} to friday”.", tone="warning")]  # fmt: skip
    before = _snapshot(task)
    was, was_told = due.text(task, ctx.tz, ctx.today), tasks.seen_by(ctx, task, task.owner)
    # The new day (and time, if given) as the mover reads them; else the time they saw.
    due.moved(task, day, at, ctx.tz, nudges.member_zone(task.owner, ctx.settings))
    now, now_told = due.text(task, ctx.tz, ctx.today), tasks.seen_by(ctx, task, task.owner)
    head = f"Moved #{task.number} {task.title}: "
    return _said(
        ctx, task, "task.move", before, f"{head}{was} → {now}.", f"{head}{was_told} → {now_told}."
    )


def _rename(ctx: Ctx, task: Task, title: str) -> list[Reply]:
    title = " ".join(title.split())[:MAX_TITLE]
    if not title:
        return [Reply(f"Rename #{task.number} to what? e.g. “rename {task.number} to send quote”.")]
    before = _snapshot(task)
    was, task.title = task.title, title
    return _said(ctx, task, "task.rename", before, f"Renamed #{task.number}: “{was}” → “{title}”.")


def _status(ctx: Ctx, task: Task, status: str) -> list[Reply]:
    if task.status == status:
        return [Reply(f"Task #{task.number} is already {status}.")]
    before = _snapshot(task)
    task.status = status
    action, verb = (
        ("task.cancel", "Cancelled") if status == "cancelled" else ("task.reopen", "Reopened")
    )
    said = f"{verb} #{task.number} {task.title} (due {due.text(task, ctx.tz, ctx.today)})."
    told = f"{verb} #{task.number} {task.title} (due {tasks.seen_by(ctx, task, task.owner)})."
    return _said(ctx, task, action, before, said, told)


def undo_change(ctx: Ctx, number: str) -> list[Reply]:
    """Undo button on a task change: the latest change to that task, if not undone."""
    from handlers.undo import revert

    task, problem = tasks.find_task(ctx, number)
    if task is None:
        return problem
    event = None
    for action in ("task.move", "task.rename", "task.cancel", "task.reopen"):
        found = ctx.unit.audit_for("task", task.id, action)
        if found is not None and (event is None or found.id > event.id):
            event = found
    if event is None or event.undone:
        return [Reply("Already undone.", replace=True)]
    return revert(ctx, event, replace=True)
