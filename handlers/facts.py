"""One fact about a customer, asked ("Jane's phone?") or changed ("Jane's title is CFO")."""

from __future__ import annotations

from typing import Any

from handlers import audit, details, resolve
from handlers.context import Ctx
from handlers.resolve import Customer
from handlers.types import Button, Reply
from nlp.requests import Edit, Fact, FactQuestion
from store.models import Company, Contact

_NOUN = {"phone": "phone", "email": "email", "owner": "owner", "title": "title",
         "company": "company"}  # fmt: skip
_COLUMN = {"phone": "phone", "email": "email", "owner": "owner_id", "title": "title",
           "company": "company_id"}  # fmt: skip
_EXAMPLE = {"phone": "{0}'s phone is +1 415 555 0101", "email": "{0}'s email is {1}@example.com",
            "title": "{0}'s title is CFO", "owner": "make me owner of {0}",
            "company": "{0} moved to Globex"}  # fmt: skip


def possessive(name: str) -> str:
    """“Hope Ferreira's”, "Brightwater Foods'"."""
    return name + ("'" if name.endswith("s") else "'s")


def shown(row: Customer, fact: Fact) -> str | None:
    """The fact as the card and answers show it (None when not known)."""
    if fact == "owner":
        return row.owner.name if row.owner else None
    if not isinstance(row, Contact):
        return None
    if fact == "company":
        return row.company.name if row.company else None
    value: str | None = getattr(row, _COLUMN[fact])
    return details.readable_phone(value) if fact == "phone" and value else value


def answer(ctx: Ctx, request: FactQuestion) -> list[Reply] | None:
    """“Jane's phone?” -> that fact, or how to add it."""
    found = resolve.customer(ctx, request.who)
    if found is None:
        return None
    if found.row is None:
        return [found.reply] if found.reply else None
    row, fact = found.row, request.fact
    if isinstance(row, Company) and fact not in ("owner",):
        people = ", ".join(p.name for p in ctx.unit.people_at(row.id)[:5]) or "nobody yet"
        return [Reply(f"{row.name} is a company; ask for one of its people ({people}).")]
    value = shown(row, fact)
    first = row.name.split()[0] if isinstance(row, Contact) else row.name
    example = _EXAMPLE[fact].format(first, first.lower())
    if value is None:
        return [Reply(f"I have no {_NOUN[fact]} for {row.name}. Add it: “{example}”.")]
    return [Reply(f"{possessive(row.name)} {_NOUN[fact]}: {value}")]


def edit(ctx: Ctx, request: Edit) -> list[Reply] | None:
    """Change one fact, said back with before and after, undoable and audited."""
    found = resolve.customer(ctx, request.who, "person" if request.fact == "company" else None)
    if found is None:
        return None
    if found.row is None:
        return [found.reply] if found.reply else None
    row, fact = found.row, request.fact
    if isinstance(row, Company) and fact != "owner":
        return [Reply(f"{row.name} is a company: I keep {_NOUN[fact]}s for its people.",
                      tone="warning")]  # fmt: skip
    new, extra, problem = _new_value(ctx, row, fact, request.value)
    if problem is not None:
        return [Reply(problem, tone="warning")]
    was = shown(row, fact)
    column = _COLUMN[fact]
    if getattr(row, column) == new:
        return [Reply(f"{possessive(row.name)} {_NOUN[fact]} is already {was}.")]
    before: dict[str, Any] = {column: getattr(row, column)}
    setattr(row, column, new)
    ctx.unit.flush()
    if fact in ("company", "owner"):
        ctx.unit.session.refresh(row, [fact])  # the relationship follows the new id
    if fact == "company":
        ctx.unit.touch_directory()
    event = audit.record(ctx, "customer.edit", resolve.kind_of(row), row.id, before,
                         {column: new, **extra})  # fmt: skip
    ctx.unit.flush()
    now_shown = shown(row, fact)
    return [
        Reply(
            f"{possessive(row.name)} {_NOUN[fact]}: {was or '—'} → {now_shown}",
            buttons=(Button("Undo", "record.undo", str(event.id), "danger"),),
            tone="success",
        )
    ]


def _new_value(
    ctx: Ctx, row: Customer, fact: Fact, typed: str
) -> tuple[object, dict[str, Any], str | None]:
    """The stored value for what was typed, anything added on the way, or why not."""
    if fact == "email":
        value = details.email(typed)
        if value is None:
            return None, {}, f"“{typed[:60]}” is not an email address; nothing changed."
        return value, {}, None
    if fact == "phone":
        number = details.phone(typed, ctx.settings.phone_region)
        if number is None:
            return (
                None,
                {},
                (
                    f"“{typed[:40]}” is not a phone number I can read; nothing changed. "
                    "Write it with the country code, e.g. +1 415 555 0101."
                ),
            )
        return number, {}, None
    if fact == "title":
        return typed.strip()[:200], {}, None
    if fact == "owner":
        member = resolve.member(ctx, typed)
        if member is None:
            return (
                None,
                {},
                f"No team member called “{typed[:30]}”. Members: {resolve.member_names(ctx)}.",
            )
        return member.id, {}, None
    return _company_id(ctx, typed)


def _company_id(ctx: Ctx, typed: str) -> tuple[object, dict[str, Any], str | None]:
    found = resolve.customer(ctx, typed, "company")
    if found is not None and isinstance(found.row, Company):
        return found.row.id, {}, None
    existing = ctx.unit.company_named(typed)
    if existing is not None:
        return existing.id, {}, None
    company = Company(team_id=ctx.unit.team_id, name=typed.strip()[:200], aliases=[],
                      created_at=ctx.now)  # fmt: skip
    ctx.unit.add(company)
    ctx.unit.flush()
    # Undoing the move removes the company it brought in.
    return company.id, {"added": [f"company:{company.id}"]}, None
