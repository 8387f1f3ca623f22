"""Customer lists: everyone, mine, a company's people, recently touched, gone cold; paged."""

from __future__ import annotations

import datetime as dt

from handlers import formatting as fmt
from handlers import resolve
from handlers.context import Ctx
from handlers.ids import as_id, paged
from handlers.types import Button, Reply
from nlp.requests import ListCustomers
from store.models import Company, Contact

PAGE = 10
_TITLES = {"all": "Customers", "mine": "Your customers", "recent": "Recently touched",
           "cold": "Gone cold"}  # fmt: skip


def show_list(ctx: Ctx, request: ListCustomers) -> list[Reply] | None:
    """The first page of a list."""
    if request.scope == "owner":
        member = resolve.member(ctx, request.owner or "")
        return [page(ctx, f"owner.{member.id}", 0)] if member is not None else None
    if request.scope != "company":
        return [page(ctx, request.scope, 0)]
    found = resolve.customer(ctx, request.company or "", "company")
    if found is None:
        return None
    if not isinstance(found.row, Company):
        return [found.reply] if found.reply else None
    return [page(ctx, f"company.{found.row.id}", 0)]


def more(ctx: Ctx, value: str) -> list[Reply]:
    """The "More" button: value 'scope:offset' (short: Telegram allows 64 bytes)."""
    pressed = paged(value, offset_first=False)
    if pressed is None:
        return [Reply("That button is out of date.", tone="warning")]
    return [page(ctx, *pressed)]


def page(ctx: Ctx, scope: str, offset: int) -> Reply:
    """One page of a list; `scope` is all, mine, recent, cold, owner.ID or company.ID."""
    kind, _, raw_id = scope.partition(".")
    title = _TITLES.get(kind, "Customers")
    query: dict[str, object] = {}
    if kind == "mine":
        query["owner_id"] = ctx.member.id
    elif kind == "owner":
        owner = ctx.unit.member(as_id(raw_id) or 0)
        if owner is None:
            return Reply("That member is no longer on the team.", tone="warning")
        query["owner_id"] = owner.id
        title = f"{owner.name}'s customers"
    elif kind == "recent":
        query["order"] = "recent"
    elif kind == "cold":
        query.update(order="coldest", today=ctx.today,
                     quiet_since=ctx.now - dt.timedelta(days=ctx.settings.cold_days))  # fmt: skip
    elif kind == "company":
        company = ctx.unit.company(as_id(raw_id) or 0)
        if company is None or company.deleted_at is not None:
            return Reply("That company is no longer in the directory.", tone="warning")
        query["company_id"] = company.id
        title = f"{company.name} contacts"
    rows = ctx.unit.contacts_page(offset=offset, limit=PAGE + 1, **query)  # type: ignore[arg-type]
    lines = [_line(ctx, c, last) for c, last in rows[:PAGE]]
    if not lines:
        return Reply(f"{title}: none." if offset == 0 else f"{title}: no more.", title=title)
    buttons: tuple[Button, ...] = ()
    if len(rows) > PAGE:
        buttons = (Button("More", "list.more", f"{scope}:{offset + PAGE}"),)
    shown = f"{offset + 1}–{offset + len(lines)}"
    return Reply(
        f"{title} ({shown}):\n" + "\n".join(lines),
        title=f"{title} ({shown})",
        sections=tuple(lines),
        buttons=buttons,
        context=f"Dates in {ctx.tz.key}",
    )


def _line(ctx: Ctx, contact: Contact, last: dt.datetime | None) -> str:
    where = f" ({contact.company.name})" if contact.company else ""
    owner = f" · {contact.owner.name}" if contact.owner else ""
    if last is None:
        touch = "no contact yet"
    else:
        day = last.astimezone(ctx.tz).date()
        touch = f"last {fmt.day(day, ctx.today)} ({fmt.ago(day, ctx.today)})"
    return f"• {fmt.clip(contact.name, 60)}{where}{owner} — {touch}"
