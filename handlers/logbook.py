"""Log and task messages: resolve who it is about (asking when unsure), write, restate."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from handlers import cards, clarify
from handlers.context import Ctx
from handlers.directory import rows_for
from handlers.questions import Choice, Draft, NameWanted
from handlers.record import write
from handlers.types import Reply
from nlp import Parse, TaskSpec, find_customers, parse
from nlp.feedback import slashes_are_ratings
from store.models import Company, Contact, PendingAction

#: A new customer: (name, "person" or "company", the person's company if given).
NewName = tuple[str, str, str | None]


def parse_for(ctx: Ctx, text: str, sent_at: dt.datetime) -> Parse:
    """Parse text as the author would mean it at `sent_at`."""
    matcher = ctx.directories.load(ctx.unit).matcher
    start = ctx.member.workday_start or ctx.settings.workday_start
    return parse(text, sent_at.astimezone(ctx.tz), ctx.tz, matcher, workday_start=start)


def customers_named(ctx: Ctx, text: str) -> Parse:
    """The customers a typed name stands for, as a lookup."""
    return find_customers(text, ctx.directories.load(ctx.unit).matcher)


def _draft(ctx: Ctx, as_is: bool = False) -> Draft:
    message = ctx.message
    for_member = ctx.member.id if ctx.writer is not None else None
    return Draft(
        message.text, message.sent_at, message.message_id, as_is=as_is, for_member=for_member
    )


def for_teammate(ctx: Ctx, replies: list[Reply]) -> list[Reply]:
    """A log written for a teammate says so on its first reply."""
    if ctx.writer is None or ctx.writer.id == ctx.member.id or not replies:
        return replies
    first, name = replies[0], ctx.member.name
    title = f"{first.title} (for {name})" if first.title else None
    return [replace(first, title=title, text=f"For {name}: {first.text}"), *replies[1:]]


def _acting(ctx: Ctx, draft: Draft) -> Ctx | Reply:
    """The context an answer carries on in: the teammate's when the draft is theirs."""
    if draft.for_member is None or draft.for_member == ctx.member.id:
        return ctx
    member = ctx.unit.member(draft.for_member)
    if member is None:
        return Reply("That teammate is no longer on the team; nothing was logged.", tone="warning")
    if not ctx.is_admin and not ctx.member.may_log_for_others:
        return Reply("You may no longer log for others; nothing was logged.", tone="warning")
    return replace(ctx, member=member, writer=ctx.member)


def handle_record(ctx: Ctx, parsed: Parse) -> list[Reply]:
    """Entry point for a fresh log or task message."""
    return proceed(ctx, _draft(ctx), parsed)


def handle_shortcut(ctx: Ctx, parsed: Parse) -> list[Reply]:
    """Log to Rapport on any message: log it even with no contact verb; ask who if unnamed."""
    return proceed(ctx, _draft(ctx, as_is=True), _as_log(parsed))


def _as_log(parsed: Parse) -> Parse:
    return replace(
        parsed,
        intent="log",
        interaction=parsed.interaction or "note",
        occurred=parsed.occurred,
        task=parsed.task if parsed.intent in ("log", "task") else None,
    )


def answer(ctx: Ctx, pending: PendingAction, question: Choice, choice: int) -> list[Reply]:
    """Apply the chosen option of an open question, then carry on."""
    if not 0 <= choice < len(question.options):
        return [Reply("That choice is no longer on offer.", tone="warning")]
    option = question.options[choice]
    pending.status = "answered"
    if option.into is None:
        return [Reply("Cancelled — nothing was saved.", replace=True)]
    acting = _acting(ctx, question.draft)
    if isinstance(acting, Reply):
        return [replace(acting, replace=True)]
    draft = question.draft.answered(option.into, option.slot, option.value)
    replies = for_teammate(acting, proceed(acting, draft))
    return [replace(r, replace=True) for r in replies[:1]] + replies[1:]


def answer_name(ctx: Ctx, pending: PendingAction, question: NameWanted, text: str) -> list[Reply]:
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
    acting = _acting(ctx, question.draft)
    if isinstance(acting, Reply):
        return [acting]
    return for_teammate(acting, proceed(acting, question.draft.naming(keys)))


def proceed(ctx: Ctx, draft: Draft, parsed: Parse | None = None) -> list[Reply]:
    """Ask the next open question, or write when nothing is left to ask."""
    if parsed is None:
        parsed = parse_for(ctx, draft.text, draft.sent_at)
        if draft.as_is:
            parsed = _as_log(parsed)
    keys = [c.key for c in parsed.customers] + list(draft.extra)
    new_names = _new_names(parsed)
    added: list[str] = []  # customers this message adds: undoing the log removes them
    question = _which(ctx, draft, parsed, keys, new_names) or _added(
        ctx, draft, new_names, keys, added
    )
    if question is not None:
        return [question]
    parsed, question = _due(ctx, draft, parsed)
    if question is not None:
        return [question]
    parsed, question = _reading(ctx, draft, parsed)
    if question is not None:
        return [question]
    return _write(ctx, draft, parsed, keys, added)


def _reading(ctx: Ctx, draft: Draft, parsed: Parse) -> tuple[Parse, Reply | None]:
    """Log or task as the author chose, when the parser could not tell (see nlp/intent.py)."""
    if "intent" not in parsed.unsure or draft.as_is:
        return parsed, None
    fixed = draft.fixes.get("intent")
    if fixed is None:
        return parsed, clarify.done_or_planned(ctx, draft)
    if fixed == "log":
        return parsed, None
    title = " ".join(draft.text.split())[:80]
    task = parsed.task or TaskSpec(title=title[:1].upper() + title[1:])
    planned = replace(parsed, intent="task", interaction=None, occurred=None, sentiment=None,
                      deal=None, inbound=False, task=task)  # fmt: skip
    return planned, None


def _new_names(parsed: Parse) -> list[NewName]:
    # A new person's new company is added with them, not asked about separately.
    companies_of_new = {n.company for n in parsed.new_customers if n.company}
    return [
        (n.name, n.kind, n.company)
        for n in parsed.new_customers
        if not (n.kind == "company" and n.name in companies_of_new)
    ]


def _which(
    ctx: Ctx, draft: Draft, parsed: Parse, keys: list[str], new_names: list[NewName]
) -> Reply | None:
    """Ask about the first ambiguous name not yet picked; collect the picks into `keys`."""
    for index, group in enumerate(parsed.ambiguous):
        pick = draft.picks.get(str(index))
        if pick is None:
            return clarify.which_customer(ctx, draft, index, group)
        if pick == "new":
            new_names.append((group[0].name.split()[0], "person", None))
        elif pick != "skip":
            keys.append(pick)
    return None


def _added(
    ctx: Ctx, draft: Draft, new_names: list[NewName], keys: list[str], added: list[str]
) -> Reply | None:
    """Ask about the first new name not yet decided; add the decided ones into `keys`."""
    for name, kind, company in new_names:
        decided = draft.decided.get(name)
        if decided is None:
            return clarify.is_new(ctx, draft, name, kind, company)
        if decided == "add":
            keys.extend(_add_customer(ctx, name, kind, company, added))
        elif decided != "skip":
            keys.append(decided)
    return None


def _due(ctx: Ctx, draft: Draft, parsed: Parse) -> tuple[Parse, Reply | None]:
    """The task's date as the author chose it, or the question about an unclear one."""
    task = parsed.task
    if task is None or task.due is not None or "date" not in parsed.unsure:
        return parsed, None
    if slashes_are_ratings(draft.text):  # "rated us 4/5" is a score, not a date to ask about
        return parsed, None
    fixed = draft.fixes.get("due")
    if fixed is None:
        return parsed, clarify.which_date(ctx, draft)
    if fixed == "none":
        return parsed, None
    return replace(parsed, task=replace(task, due=dt.date.fromisoformat(fixed))), None


def _write(ctx: Ctx, draft: Draft, parsed: Parse, keys: list[str], added: list[str]) -> list[Reply]:
    customers = rows_for(ctx.unit, keys)
    if parsed.intent == "log" and customers.empty:
        if draft.as_is:
            return [clarify.who_is_it(ctx, draft)]
        return [
            Reply(
                "I couldn't tell who that was with, so nothing was logged. "
                "Name the customer, e.g. “called Jane Doe, she wants a quote Friday”.",
                tone="warning",
            )
        ]
    written = write(ctx, parsed, draft.text, customers, draft.sent_at, draft.key, added)
    return [cards.logged(ctx, parsed, customers, written)]


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
