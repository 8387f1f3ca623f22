"""log and task messages: resolve who it is about (asking when unsure), write, restate."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from handlers import cards
from handlers import formatting as fmt
from handlers.choices import choose
from handlers.context import Ctx
from handlers.directory import Customers, close_names, rows_for
from handlers.record import write
from handlers.types import Button, Reply
from nlp import Parse, find_customers, parse
from nlp.dates import slash_readings
from store.models import Company, Contact, PendingAction

QUESTION_TTL = dt.timedelta(hours=24)
# rapidfuzz WRatio: "Tom Whitacre"/"Tom Whitaker" 83, "Tom Brennan"/"Sue Brennan" 73.
CLOSE_MATCH = 80


def parse_for(ctx: Ctx, text: str, sent_at: dt.datetime) -> Parse:
    """Parse text as the author would mean it at `sent_at`."""
    matcher = ctx.directories.load(ctx.unit).matcher
    return parse(text, sent_at.astimezone(ctx.tz), ctx.tz, matcher)


def customers_named(ctx: Ctx, text: str) -> Parse:
    """The customers a typed name stands for, as a lookup."""
    return find_customers(text, ctx.directories.load(ctx.unit).matcher)


def handle_record(ctx: Ctx, parsed: Parse) -> list[Reply]:
    """Entry point for a fresh log or task message."""
    state: dict[str, Any] = {
        "text": ctx.message.text,
        "sent_at": ctx.message.sent_at.isoformat(),
        "key": ctx.message.message_id,
        "picks": {},
        "decided": {},
    }
    return proceed(ctx, state, parsed)


def handle_shortcut(ctx: Ctx, parsed: Parse) -> list[Reply]:
    """ "Log to Rapport" on any message: log it even with no contact verb; ask who if unnamed."""
    state = {
        "text": ctx.message.text,
        "sent_at": ctx.message.sent_at.isoformat(),
        "key": ctx.message.message_id,
        "picks": {},
        "decided": {},
        "as_is": True,
    }
    return proceed(ctx, state, _as_log(parsed))


def _as_log(parsed: Parse) -> Parse:
    return replace(
        parsed,
        intent="log",
        interaction=parsed.interaction or "note",
        occurred=parsed.occurred,
        task=parsed.task if parsed.intent in ("log", "task") else None,
    )


def answer_name(ctx: Ctx, pending: PendingAction, text: str) -> list[Reply]:
    """The reply to "Who is this about?": a customer's name."""
    found = customers_named(ctx, text)
    keys = [c.key for c in found.customers]
    if not keys:
        options = [c for group in found.ambiguous for c in group]
        if options:
            names = ", ".join(c.name for c in options)
            return [Reply(f"Which one? {names}. Reply with the full name.", tone="warning")]
        return [Reply(f"I don't know “{text[:40]}”. Reply with a customer's name, or “cancel”.",
                      tone="warning")]  # fmt: skip
    pending.status = "answered"
    state = {k: v for k, v in pending.state.items() if k != "options"}
    state["extra"] = [*state.get("extra", []), *keys]
    return proceed(ctx, state)


def proceed(ctx: Ctx, state: dict[str, Any], parsed: Parse | None = None) -> list[Reply]:
    """Ask the next open question, or write when nothing is left to ask."""
    sent_at = dt.datetime.fromisoformat(state["sent_at"])
    if parsed is None:
        parsed = parse_for(ctx, state["text"], sent_at)
        if state.get("as_is"):
            parsed = _as_log(parsed)
    keys = [c.key for c in parsed.customers] + list(state.get("extra", []))
    # A new person's new company is added with them, not asked about separately.
    companies_of_new = {n.company for n in parsed.new_customers if n.company}
    new_names: list[tuple[str, str, str | None]] = [
        (n.name, n.kind, n.company)
        for n in parsed.new_customers
        if not (n.kind == "company" and n.name in companies_of_new)
    ]
    for index, group in enumerate(parsed.ambiguous):
        pick = state["picks"].get(str(index))
        if pick is None:
            return [_ask_pick(ctx, state, index, group)]
        if pick == "new":
            new_names.append((group[0].name.split()[0], "person", None))
        elif pick != "skip":
            keys.append(pick)
    added: list[str] = []  # customers this message adds: undoing the log removes them
    for name, kind, company in new_names:
        decided = state["decided"].get(name)
        if decided is None:
            return [_ask_new(ctx, state, name, kind, company)]
        if decided == "add":
            keys.extend(_add_customer(ctx, name, kind, company, added))
        elif decided != "skip":
            keys.append(decided)
    fixed_due = state.get("fixes", {}).get("due")
    if parsed.task is not None and parsed.task.due is None and "date" in parsed.unsure:
        if fixed_due is None:
            question = _ask_date(ctx, state)
            if question is not None:
                return [question]
        elif fixed_due != "none":
            parsed = replace(
                parsed, task=replace(parsed.task, due=dt.date.fromisoformat(fixed_due))
            )
    customers = rows_for(ctx.unit, keys)
    if parsed.intent == "log" and customers.empty and state.get("as_is"):
        _question(ctx, state, "customer.name", [])
        return [Reply("Who is this about? Reply with the customer's name. Nothing is saved yet.")]
    if parsed.intent == "log" and customers.empty:
        return [
            Reply(
                "I couldn't tell who that was with, so nothing was logged. "
                "Name the customer, e.g. “called Jane Doe, she wants a quote Friday”.",
                tone="warning",
            )
        ]
    written = write(ctx, parsed, state["text"], customers, sent_at, state["key"], added)
    return [cards.logged(ctx, parsed, customers, written)]


def _question(
    ctx: Ctx, state: dict[str, Any], kind: str, options: list[dict[str, Any]]
) -> PendingAction:
    pending = PendingAction(
        team_id=ctx.unit.team_id,
        member_id=ctx.member.id,
        chat=ctx.message.chat,
        kind=kind,
        state={**state, "options": options},
        status="open",
        created_at=ctx.now,
        expires_at=ctx.now + QUESTION_TTL,
    )
    ctx.unit.add(pending)
    ctx.unit.flush()
    return pending


def _buttons(pending: PendingAction) -> tuple[Button, ...]:
    return tuple(
        Button(o["label"], "pending.answer", f"{pending.id}:{i}", o.get("style", "default"))
        for i, o in enumerate(pending.state["options"])
    )


def _ask_pick(ctx: Ctx, state: dict[str, Any], index: int, group: tuple[Any, ...]) -> Reply:
    picks = choose(ctx, group)
    rows = rows_for(ctx.unit, [c.key for c in picks.shown])
    options: list[dict[str, Any]] = [
        {"label": label, "set": "picks", "slot": str(index), "value": key}
        for label, key in _labelled(rows)
    ]
    options.append({"label": "Someone new", "set": "picks", "slot": str(index), "value": "new"})
    options.append({"label": "Cancel", "cancel": True, "style": "danger"})
    pending = _question(ctx, state, "customer.pick", options)
    return Reply(
        f"{picks.intro()} Nothing is saved until you choose.",
        title=f"Which {picks.first}?",
        buttons=_buttons(pending),
    )


def _ask_date(ctx: Ctx, state: dict[str, Any]) -> Reply | None:
    """A slash date like 12/3 reads differently by country: ask instead of guessing."""
    written, readings = slash_readings(state["text"], ctx.today)
    if not readings:
        return None
    options: list[dict[str, Any]] = [
        {"label": fmt.day(d, ctx.today), "set": "fixes", "slot": "due", "value": d.isoformat()}
        for d in readings
    ]
    options.append({"label": "No date", "set": "fixes", "slot": "due", "value": "none"})
    options.append({"label": "Cancel", "cancel": True, "style": "danger"})
    pending = _question(ctx, state, "task.date_reading", options)
    text = f"Which date is “{written}”? Nothing is saved until you choose."
    return Reply(text, title=f"Which date is “{written}”?", buttons=_buttons(pending))


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


def _ask_new(ctx: Ctx, state: dict[str, Any], name: str, kind: str, company: str | None) -> Reply:
    what = f"{name} ({company})" if company else name
    noun = "contact" if kind == "person" else "company"
    matches = _close_matches(ctx, name, kind)
    options: list[dict[str, Any]] = [
        {"label": f"It's {label}", "set": "decided", "slot": name, "value": key}
        for label, key in matches
    ]
    options.append(
        {"label": f"Add {noun}", "set": "decided", "slot": name, "value": "add", "style": "primary"}
    )
    options.append({"label": "Leave out", "set": "decided", "slot": name, "value": "skip"})
    options.append({"label": "Cancel", "cancel": True, "style": "danger"})
    pending = _question(ctx, state, "customer.new", options)
    if matches:
        text = f"Is {what} someone you already have, or a new {noun}?"
    else:
        text = f"Add {what} as a new {noun}?"
    return Reply(
        text + " Nothing is saved until you choose.", title=text, buttons=_buttons(pending)
    )


def _add_customer(
    ctx: Ctx, name: str, kind: str, company: str | None, added: list[str]
) -> list[str]:
    unit = ctx.unit
    if kind == "company":
        existing = unit.company_named(name)
        row = existing or Company(team_id=unit.team_id, name=name, aliases=[], created_at=ctx.now)
        if existing is None:
            unit.add(row)
            unit.flush()
            added.append(f"company:{row.id}")
        return [f"company:{row.id}"]
    keys = []
    company_row = None
    if company:
        company_row = unit.company_named(company)
        if company_row is None:
            company_row = Company(
                team_id=unit.team_id, name=company, aliases=[], created_at=ctx.now
            )
            unit.add(company_row)
            unit.flush()
            added.append(f"company:{company_row.id}")
        keys.append(f"company:{company_row.id}")
    contact = Contact(
        team_id=unit.team_id,
        name=name,
        company_id=company_row.id if company_row else None,
        aliases=[],
        owner_id=ctx.member.id,
        created_at=ctx.now,
    )
    unit.add(contact)
    unit.flush()
    added.append(f"contact:{contact.id}")
    return [f"contact:{contact.id}", *keys]


def answer(ctx: Ctx, pending: PendingAction, choice: int) -> list[Reply]:
    """Apply the chosen option of an open question, then carry on."""
    options = pending.state.get("options", [])
    if not 0 <= choice < len(options):
        return [Reply("That choice is no longer on offer.", tone="warning")]
    option = options[choice]
    pending.status = "answered"
    if option.get("cancel"):
        return [Reply("Cancelled — nothing was saved.", replace=True)]
    state = {k: v for k, v in pending.state.items() if k != "options"}
    state[option["set"]] = {**state.get(option["set"], {}), option["slot"]: option["value"]}
    replies = proceed(ctx, state)
    return [Reply(**{**r.__dict__, "replace": True}) for r in replies[:1]] + replies[1:]
