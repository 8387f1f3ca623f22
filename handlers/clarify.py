"""The questions asked about a log before it is written.

Which customer, someone new, which date: each keeps the draft in an open question and
offers its options as buttons (a typed number or label answers too).
"""

from __future__ import annotations

import datetime as dt

from handlers import formatting as fmt
from handlers.choices import choose
from handlers.context import Ctx
from handlers.directory import Customers, close_names, rows_for
from handlers.questions import Choice, ChoiceKind, Draft, NameWanted, Option, ask
from handlers.types import Button, Reply
from nlp import CustomerRef
from nlp.dates import slash_readings
from store.models import PendingAction

QUESTION_TTL = dt.timedelta(hours=24)
# rapidfuzz WRatio: "Tom Whitacre"/"Tom Whitaker" 83, "Tom Brennan"/"Sue Brennan" 73.
CLOSE_MATCH = 80
CANCEL = Option("Cancel", style="danger")


def _choice(ctx: Ctx, kind: ChoiceKind, draft: Draft, options: list[Option]) -> PendingAction:
    return ask(ctx, Choice(kind, draft, (*options, CANCEL)), QUESTION_TTL)


def _buttons(pending: PendingAction, options: list[Option]) -> tuple[Button, ...]:
    return tuple(
        Button(o.label, "pending.answer", f"{pending.id}:{i}", o.style)
        for i, o in enumerate((*options, CANCEL))
    )


def which_customer(ctx: Ctx, draft: Draft, index: int, group: tuple[CustomerRef, ...]) -> Reply:
    """A name matches several customers: which one (or someone new)?"""
    picks = choose(ctx, group)
    rows = rows_for(ctx.unit, [c.key for c in picks.shown])
    slot = str(index)
    options = [Option(label, "picks", slot, key) for label, key in _labelled(rows)]
    options.append(Option("Someone new", "picks", slot, "new"))
    pending = _choice(ctx, "customer.pick", draft, options)
    return Reply(
        f"{picks.intro()} Nothing is saved until you choose.",
        title=f"Which {picks.first}?",
        buttons=_buttons(pending, options),
    )


def which_date(ctx: Ctx, draft: Draft) -> Reply | None:
    """A slash date like 12/3 reads differently by country: ask instead of guessing."""
    written, readings = slash_readings(draft.text, ctx.today)
    if not readings:
        return None
    options = [Option(fmt.day(d, ctx.today), "fixes", "due", d.isoformat()) for d in readings]
    options.append(Option("No date", "fixes", "due", "none"))
    pending = _choice(ctx, "task.date_reading", draft, options)
    text = f"Which date is “{written}”? Nothing is saved until you choose."
    return Reply(text, title=f"Which date is “{written}”?", buttons=_buttons(pending, options))


def done_or_planned(ctx: Ctx, draft: Draft) -> Reply:
    """A contact with no date and nothing that says it happened ("coffee with Bob")."""
    options = [
        Option("It happened: log it", "fixes", "intent", "log", "primary"),
        Option("It's planned: make a task", "fixes", "intent", "task"),
    ]
    pending = _choice(ctx, "log.reading", draft, options)
    text = "Did this happen, or is it planned? Nothing is saved until you choose."
    return Reply(text, title="Done or planned?", buttons=_buttons(pending, options))


def is_new(ctx: Ctx, draft: Draft, name: str, kind: str, company: str | None) -> Reply:
    """An unknown name: add it, or is it someone close we already have?"""
    what = f"{name} ({company})" if company else name
    noun = "contact" if kind == "person" else "company"
    matches = _close_matches(ctx, name, kind)
    options = [Option(f"It's {label}", "decided", name, key) for label, key in matches]
    options.append(Option(f"Add {noun}", "decided", name, "add", "primary"))
    options.append(Option("Leave out", "decided", name, "skip"))
    pending = _choice(ctx, "customer.new", draft, options)
    if matches:
        text = f"Is {what} someone you already have, or a new {noun}?"
    else:
        text = f"Add {what} as a new {noun}?"
    return Reply(
        text + " Nothing is saved until you choose.",
        title=text,
        buttons=_buttons(pending, options),
    )


def who_is_it(ctx: Ctx, draft: Draft) -> Reply:
    """A message logged as is names nobody: the next line should."""
    ask(ctx, NameWanted(draft), QUESTION_TTL)
    return Reply("Who is this about? Reply with the customer's name. Nothing is saved yet.")


def _labelled(rows: Customers) -> list[tuple[str, str]]:
    out = [
        (f"{p.name} ({p.company.name})" if p.company else p.name, f"contact:{p.id}")
        for p in rows.contacts
    ]
    return out + [(c.name, f"company:{c.id}") for c in rows.companies]


def _close_matches(ctx: Ctx, name: str, kind: str) -> list[tuple[str, str]]:
    # From the cached directory: loading 100,000 contacts as rows would take seconds.
    team = ctx.directories.load(ctx.unit)
    return close_names(team, name, kind, limit=3, cutoff=CLOSE_MATCH)
