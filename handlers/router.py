"""Routing tables: text commands by first word, button actions by dotted name.

A command handler gets the rest of the line and may return None to say "not a command
after all" ("done with Jane's quote"), in which case the line is read as free text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from handlers import (
    access,
    agenda,
    customers,
    digests,
    followup,
    log,
    lookup,
    prefs,
    stages,
    tasks,
    undo,
)
from handlers.context import Ctx
from handlers.help import help_reply
from handlers.types import Reply

Command = Callable[[Ctx, str], list[Reply] | None]
ActionHandler = Callable[[Ctx, str], list[Reply]]

_N = re.compile(r"^#?(\d{1,9})$")
_SNOOZE = re.compile(r"^#?(\d{1,9})\s+(?:to|until|till|for|by)?\s*(.+)$", re.I)
_GIVE = re.compile(r"^#?(\d{1,9})\s+to\s+(.+)$", re.I)


def _done(ctx: Ctx, rest: str) -> list[Reply] | None:
    return tasks.mark_done(ctx, rest) if _N.match(rest.strip()) else None


def _snooze(ctx: Ctx, rest: str) -> list[Reply] | None:
    m = _SNOOZE.match(rest.strip())
    if m is None:
        if _N.match(rest.strip()):
            return tasks.snooze_button(ctx, f"{rest.strip().lstrip('#')}:1d")
        return None
    return tasks.snooze_text(ctx, m.group(1), m.group(2))


def _give(ctx: Ctx, rest: str) -> list[Reply] | None:
    m = _GIVE.match(rest.strip())
    return tasks.reassign(ctx, m.group(1), m.group(2)) if m else None


def _bare(handler: Callable[[Ctx], list[Reply]]) -> Command:
    def run(ctx: Ctx, rest: str) -> list[Reply] | None:
        return handler(ctx) if not rest.strip() else None

    return run


def _tz(ctx: Ctx, rest: str) -> list[Reply] | None:
    if not rest.strip():
        return [Reply(f"Your time zone is {ctx.tz.key}. Change it with “tz Europe/Berlin”.")]
    return access.set_tz(ctx, rest) if len(rest.split()) == 1 else None


def _revoke(ctx: Ctx, rest: str) -> list[Reply] | None:
    return access.revoke(ctx, rest) if rest.strip() else None


def _find(ctx: Ctx, rest: str) -> list[Reply] | None:
    if not rest.strip():
        return [Reply("Who should I look up? e.g. “find Jane”.")]
    parsed = log.customers_named(ctx, rest.strip())
    return lookup.handle_lookup(ctx, parsed)


def _start(ctx: Ctx, rest: str) -> list[Reply] | None:
    return help_reply()


COMMANDS: dict[str, Command] = {
    "help": _bare(lambda ctx: help_reply()),
    "start": _start,
    "undo": _bare(undo.undo_last),
    "done": _done,
    "snooze": _snooze,
    "give": _give,
    "reassign": _give,
    "assign": _give,
    "tz": _tz,
    "link": _bare(access.link),
    "invite": _bare(access.invite),
    "allow": _bare(access.allow),
    "revoke": _revoke,
    "find": _find,
    "tasks": _bare(agenda.handle_agenda),
    "agenda": _bare(agenda.handle_agenda),
    "digest": digests.command,
    "workday": prefs.workday,
    "quiet": prefs.quiet,
    "workdays": prefs.workdays,
    "stages": stages.command,
}

ACTIONS: dict[str, ActionHandler] = {
    "task.done": lambda ctx, v: tasks.mark_done(ctx, v, replace=True),
    "task.snooze": tasks.snooze_button,
    "task.change_date": tasks.ask_new_date,
    "task.reassign": tasks.ask_owner,
    "task.give": tasks.give_button,
    "task.undo": undo.undo_task,
    "log.undo": undo.undo_log,
    "customer.show": lookup.show,
    "followup.add": followup.add,
    "customer.log_call": customers.log_call,
    "customer.snooze": customers.snooze,
    "customer.reassign": customers.ask_owner,
    "customer.give": customers.give,
}


def command_for(text: str) -> tuple[Command, str] | None:
    """The command a line starts with, and the rest of the line."""
    words = text.strip().lstrip("/").split(maxsplit=1)
    if not words:
        return None
    name = words[0].lower().split("@")[0].rstrip(":!.?")
    handler = COMMANDS.get(name)
    return (handler, words[1] if len(words) > 1 else "") if handler else None
