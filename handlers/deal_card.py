"""A customer card's money: lifetime value per currency, open pipeline, last deal event."""

from __future__ import annotations

import datetime as dt

from handlers import formatting as fmt
from handlers.context import Ctx
from handlers.deals import deal_money
from handlers.money import Money, show, show_totals
from handlers.stages import is_open
from handlers.types import Field
from store.models import Deal

YEAR = dt.timedelta(days=365)


def _amounts(deals: list[Deal]) -> list[Money]:
    return [m for m in (deal_money(d) for d in deals) if m is not None]


def _last_event(ctx: Ctx, deal: Deal) -> str:
    when = deal.stage_changed_at or deal.created_at
    day = fmt.day(when.astimezone(ctx.tz).date(), ctx.today)
    amount = deal_money(deal)
    what = " ".join(x for x in (deal.name, show(amount) if amount else None) if x)
    text = f"{deal.stage} on {day}" + (f": {what}" if what else "")
    if deal.stage == "lost" and deal.lost_reason:
        text += f" ({fmt.clip(deal.lost_reason, 50)})"
    return text


def deal_fields(ctx: Ctx, contact_ids: list[int], company_ids: list[int]) -> list[Field]:
    """The card's deal fields, each labelled; none when the customer has no deals."""
    deals = list(ctx.unit.deals_for(contact_ids, company_ids))
    if not deals:
        return []
    won = [d for d in deals if d.stage == "won"]
    recent = [d for d in won if d.closed_at is not None and d.closed_at >= ctx.now - YEAR]
    open_ = [d for d in deals if is_open(d.stage)]
    lost = sum(1 for d in deals if d.stage == "lost")
    summary = f"open {show_totals(_amounts(open_))} · won {show_totals(_amounts(won))}" + (
        f" · {lost} lost" if lost else ""
    )
    fields = [Field("Deals", summary)]
    if won:
        fields.append(
            Field(
                "Lifetime value",
                f"{show_totals(_amounts(won))} won all time · "
                f"{show_totals(_amounts(recent), 'none')} in the last 12 months",
            )
        )
    if open_:
        noun = "deal" if len(open_) == 1 else "deals"
        fields.append(
            Field("Open pipeline", f"{show_totals(_amounts(open_))} in {len(open_)} {noun}")
        )
    latest = max(deals, key=lambda d: (d.stage_changed_at or d.created_at, d.id))
    fields.append(Field("Last deal event", _last_event(ctx, latest)))
    return fields
