"""Where a message goes, in order, and the tables of commands and button actions.

A button goes to its action; a line to a command, else to the open question it answers,
else to a request about records (nlp/requests.py: facts, edits, lists, search, …),
else to what the parser reads in it (log, task, lookup, agenda).

A command handler gets the rest of the line and may return None to say "not a command
after all" ("done with Jane's quote"), in which case the line is read as free text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from handlers import (
    access,
    agenda,
    customer_actions,
    digest_subscription,
    followup,
    lists,
    logbook,
    lookup,
    member_link,
    merging,
    offers,
    pipeline,
    prefs,
    questions,
    record_undo,
    requests,
    requests_view,
    search,
    stages,
    survey,
    task_text,
    tasks,
    undo,
)
from handlers.context import Ctx
from handlers.help import help_reply, not_understood
from handlers.ids import as_id
from handlers.questions import Choice, NameWanted, NewDate
from handlers.types import Reply
from nlp.questions import is_lookup_question
from nlp.requests import read_request
from store.models import PendingAction

Command = Callable[[Ctx, str], list[Reply] | None]
ActionHandler = Callable[[Ctx, str], list[Reply]]

#: Longer lines are refused unread (a pasted log file, a flood).
MAX_TEXT = 40_000
#: How long a typed bare number still picks an option of the question just asked.
NUMBER_ANSWERS_FOR = dt.timedelta(minutes=10)
#: What a line that is its own request parses as; such a line never answers a question.
_OWN_INTENTS = frozenset({"log", "task", "lookup", "agenda"})


def route(ctx: Ctx) -> list[Reply]:
    """The replies to one message from a member, in a chat the bot may work in."""
    if ctx.message.action is not None:
        return _press(ctx)
    text = ctx.message.text.strip()
    if not text:
        return not_understood()
    if len(text) > MAX_TEXT or "\x00" in text:
        return [Reply("That message is too long or not text; nothing was saved.", tone="warning")]
    found = command_for(text)
    if found is not None:
        command, rest = found
        replies = command(ctx, rest)
        if replies is not None:
            _close_open_question(ctx)
            return replies
    pending = ctx.unit.open_pending(ctx.member.id, ctx.message.chat, ctx.now)
    if pending is not None:
        answered = _typed_answer(ctx, pending, text)
        if answered is not None:
            return answered
        pending.status = "closed"  # the person moved on: a later line must not answer it
    asked = requests.answer(ctx, text)  # "Jane's phone?", "list customers", "cancel 9", …
    if asked is not None:
        return asked
    return _free_text(ctx, text)


def _close_open_question(ctx: Ctx) -> None:
    """A command is its own request: the question asked before it is over."""
    pending = ctx.unit.open_pending(ctx.member.id, ctx.message.chat, ctx.now)
    if pending is not None:
        pending.status = "closed"


def _free_text(ctx: Ctx, text: str) -> list[Reply]:
    asked = (
        None
        if ctx.message.log_as_is
        else pipeline.answer(ctx, text) or requests_view.answer(ctx, text)
    )
    if asked is not None:
        return asked
    parsed = logbook.parse_for(ctx, text, ctx.message.sent_at)
    if ctx.message.log_as_is:
        return logbook.handle_shortcut(ctx, parsed)
    if parsed.intent in ("log", "task"):
        return logbook.handle_record(ctx, parsed)
    if parsed.intent == "agenda":
        return agenda.handle_agenda(ctx)
    if parsed.intent == "lookup" or is_lookup_question(text.lower()):
        return lookup.handle_lookup(ctx, parsed)
    return not_understood()


def _typed_answer(ctx: Ctx, pending: PendingAction, text: str) -> list[Reply] | None:
    """The line as the answer to the author's open question; None when it is not one."""
    question = questions.read(pending)
    if isinstance(question, NewDate):
        if _is_own_request(ctx, text):
            return None
        return tasks.answer_new_date(ctx, pending, question, text)
    if isinstance(question, NameWanted):
        if text.lower() == "cancel":
            pending.status = "answered"
            return [Reply("Cancelled — nothing was saved.")]
        # A bare name reads as a lookup, and it is the answer here; anything more is not.
        if _is_own_request(ctx, text, bare_names=False):
            return None
        return logbook.answer_name(ctx, pending, question, text)
    fresh = ctx.now - pending.created_at <= NUMBER_ANSWERS_FOR
    choice = _typed_choice(question, text, fresh)
    return logbook.answer(ctx, pending, question, choice) if choice is not None else None


def _is_own_request(ctx: Ctx, text: str, bare_names: bool = True) -> bool:
    """Whether a line reads as a log, task, lookup, agenda or records request of its own.

    With `bare_names` false, a line that only names someone ("Olu Bakare") is not one.
    """
    if read_request(text) is not None or is_lookup_question(text.lower()):
        return True
    parsed = logbook.parse_for(ctx, text, ctx.message.sent_at)
    own = _OWN_INTENTS if bare_names else _OWN_INTENTS - {"lookup"}
    return parsed.intent in own


def _typed_choice(question: Choice, text: str, fresh: bool) -> int | None:
    """An option's number ("2", only while `fresh`) or its label ("someone new"), as an index."""
    picked = as_id(text)
    if picked is not None and fresh and 1 <= picked <= len(question.options):
        return picked - 1
    labels = [o.label.lower() for o in question.options]
    return labels.index(text.lower()) if text.lower() in labels else None


def _press(ctx: Ctx) -> list[Reply]:
    action = ctx.message.action
    assert action is not None
    handler = ACTIONS.get(action.name)
    if handler is None:
        return [Reply("That button is out of date.", tone="warning")]
    return handler(ctx, action.value[:64])  # values are ours, but anyone can forge a press


def _answer_button(ctx: Ctx, value: str) -> list[Reply]:
    """A choice button on a question: value 'question id:option index'."""
    raw_id, _, raw_choice = value.partition(":")
    pending_id = as_id(raw_id)
    pending = ctx.unit.pending(pending_id) if pending_id is not None else None
    if pending is None or pending.member_id != ctx.member.id:
        return [Reply("That question isn't yours or no longer exists.", tone="warning")]
    if pending.status != "open" or pending.expires_at <= ctx.now:
        return [Reply("That question was already answered or has expired.", replace=True)]
    choice = as_id(raw_choice)
    if choice is None:
        return [Reply("That button is out of date.", tone="warning")]
    question = questions.read(pending)
    if not isinstance(question, Choice):
        return [Reply("That choice is no longer on offer.", tone="warning")]
    return logbook.answer(ctx, pending, question, choice)


# --- commands: the words a line may start with ------------------------------------
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


def _link(ctx: Ctx, rest: str) -> list[Reply] | None:
    return access.link(ctx) if not rest.strip() else member_link.command(ctx, rest)


def _revoke(ctx: Ctx, rest: str) -> list[Reply] | None:
    return access.revoke(ctx, rest) if rest.strip() else None


def _find(ctx: Ctx, rest: str) -> list[Reply] | None:
    if not rest.strip():
        return [Reply("Who should I look up? e.g. “find Jane”.")]
    parsed = logbook.customers_named(ctx, rest.strip())
    if not parsed.customers and not parsed.ambiguous:
        return None  # no customer by that name: "find SSO" searches the notes
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
    "link": _link,
    "invite": access.invite,
    "allow": _bare(access.allow),
    "revoke": _revoke,
    "find": _find,
    "tasks": _bare(agenda.handle_agenda),
    "agenda": _bare(agenda.handle_agenda),
    "digest": digest_subscription.command,
    "workday": prefs.workday,
    "quiet": prefs.quiet,
    "workdays": prefs.workdays,
    "stages": stages.command,
    "survey": survey.command,
}

ACTIONS: dict[str, ActionHandler] = {
    "pending.answer": _answer_button,
    "task.done": lambda ctx, v: tasks.mark_done(ctx, v, replace=True),
    "task.snooze": tasks.snooze_button,
    "task.change_date": tasks.ask_new_date,
    "task.reassign": tasks.ask_owner,
    "task.give": tasks.give_button,
    "task.take": tasks.take,
    "task.undo": undo.undo_task,
    "log.undo": undo.undo_log,
    "customer.show": lookup.show,
    "followup.add": followup.add,
    "customer.log_call": customer_actions.log_call,
    "customer.snooze": customer_actions.snooze,
    "customer.reassign": customer_actions.ask_owner,
    "customer.give": customer_actions.give,
    "lead.take": offers.take,
    "record.undo": record_undo.undo_button,
    "record.merge": merging.merge_button,
    "list.more": lists.more,
    "search.more": search.more,
    "task.undo_change": task_text.undo_change,
}


def command_for(text: str) -> tuple[Command, str] | None:
    """The command a line starts with, and the rest of the line."""
    words = text.strip().lstrip("/").split(maxsplit=1)
    if not words:
        return None
    name = words[0].lower().split("@")[0].rstrip(":!.?")
    handler = COMMANDS.get(name)
    return (handler, words[1] if len(words) > 1 else "") if handler else None
