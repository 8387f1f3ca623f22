"""The digest's deal lines: won and lost in the window, summed per currency."""

from __future__ import annotations

import datetime as dt

from handlers.deals import deal_money
from handlers.money import Money, show, show_totals
from store import Unit
from store.models import Deal, Interaction


def _customer(unit: Unit, deal: Deal) -> str:
    row = (unit.company(deal.company_id) if deal.company_id else None) or (
        unit.contact(deal.contact_id) if deal.contact_id else None
    )
    return row.name if row else "?"


def closed(unit: Unit, start: dt.datetime, end: dt.datetime) -> list[str]:
    """'Deals won ($48,000 + €3,500): Zephyr Solar $48,000, ...', then the lost ones."""
    lines = []
    window = unit.deals_closed_between(start, end)
    for stage in ("won", "lost"):
        deals = [d for d in window if d.stage == stage]
        if not deals:
            continue
        names = []
        for d in deals:
            amount = deal_money(d)
            label = _customer(unit, d) + (f" {d.name}" if d.name else "")
            reason = f" ({d.lost_reason})" if stage == "lost" and d.lost_reason else ""
            names.append(label + (f" {show(amount)}" if amount else "") + reason)
        amounts = [m for m in (deal_money(d) for d in deals) if m is not None]
        lines.append(f"Deals {stage} ({show_totals(amounts)}): " + ", ".join(names))
    return lines


def interaction_amount(i: Interaction) -> str:
    """An interaction's amount with its currency, or '' when it has none."""
    if i.amount_minor is None or i.currency is None:
        return ""
    return show(Money(i.amount_minor, i.currency, i.amount_period))
