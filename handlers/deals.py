"""What a logged message does to a customer's deal: its amount, name, stage and close date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from handlers.context import Ctx
from handlers.directory import Customers
from handlers.money import Money
from handlers.stages import CLOSED, is_open, stage_list
from nlp import Parse
from nlp.pipeline import StageMove, deal_name, delivery_signature, expected_close, stage_move
from store.models import Company, Contact, Deal


def money_of(ctx: Ctx, parsed: Parse) -> Money | None:
    """The message's amount, exactly, in the currency it names (else the team's)."""
    if parsed.amount is None:
        return None
    currency = parsed.currency or ctx.settings.default_currency
    return Money.of(parsed.amount, currency, parsed.amount_period)


def deal_money(deal: Deal) -> Money | None:
    """A deal's amount, if it has one."""
    if deal.amount_minor is None or deal.currency is None:
        return None
    return Money(deal.amount_minor, deal.currency, deal.period)


def snapshot(deal: Deal) -> dict[str, Any]:
    """What undo needs to put a deal back."""
    return {
        "stage": deal.stage,
        "name": deal.name,
        "amount_minor": deal.amount_minor,
        "currency": deal.currency,
        "period": deal.period,
        "expected_close": deal.expected_close.isoformat() if deal.expected_close else None,
        "stage_changed_at": deal.stage_changed_at.isoformat() if deal.stage_changed_at else None,
        "closed_at": deal.closed_at.isoformat() if deal.closed_at else None,
        "lost_reason": deal.lost_reason,
    }


def restore(deal: Deal, before: dict[str, Any]) -> None:
    """Put a deal back as `snapshot` saw it (older snapshots hold only stage and amount)."""
    deal.stage = before.get("stage") or deal.stage
    deal.name = before.get("name", deal.name)
    deal.amount_minor = before.get("amount_minor", deal.amount_minor)
    deal.currency = before.get("currency", deal.currency)
    deal.period = before.get("period", deal.period)
    close = before.get("expected_close")
    deal.expected_close = dt.date.fromisoformat(close) if close else None
    changed = before.get("stage_changed_at")
    deal.stage_changed_at = dt.datetime.fromisoformat(changed) if changed else None
    closed = before.get("closed_at")
    deal.closed_at = dt.datetime.fromisoformat(closed) if closed else None
    deal.lost_reason = before.get("lost_reason")


def _move(ctx: Ctx, parsed: Parse, low: str, stages: tuple[str, ...]) -> StageMove | None:
    move = stage_move(low, stages)
    if move is None and parsed.deal is not None and not delivery_signature(low):
        move = StageMove("won" if parsed.deal == "won" else "lost")
    return move


def _customer(customers: Customers) -> tuple[Contact | None, Company | None]:
    company = customers.companies[0] if customers.companies else None
    contact = customers.contacts[0] if customers.contacts and company is None else None
    if company is None and contact is not None and contact.company is not None:
        company, contact = contact.company, None
    return contact, company


def _pick(deals: list[Deal], name: str | None) -> Deal | None:
    if name is not None:
        named = [d for d in deals if d.name and d.name.lower() == name.lower()]
        if named:
            return named[-1]
    return next((d for d in reversed(deals) if is_open(d.stage)), None)


def apply(
    ctx: Ctx, parsed: Parse, text: str, customers: Customers
) -> tuple[Deal | None, dict[str, Any] | None]:
    """Create or move the customer's deal as the message says; the deal and its before."""
    low = text.lower()
    stages = stage_list(ctx.unit)
    move = _move(ctx, parsed, low, stages)
    money = money_of(ctx, parsed)
    if move is None and money is None:
        return None, None
    contact, company = _customer(customers)
    if company is None and contact is None:
        return None, None
    name = deal_name(text)
    deals = list(
        ctx.unit.deals_for([contact.id] if contact else [], [company.id] if company else [])
    )
    deal = _pick(deals, name)
    before = snapshot(deal) if deal else None
    if deal is None:
        owner = (company.owner_id if company else None) or (contact.owner_id if contact else None)
        deal = Deal(
            team_id=ctx.unit.team_id,
            contact_id=contact.id if contact else None,
            company_id=company.id if company else None,
            owner_id=owner or ctx.member.id,
            stage=stages[0],
            stage_changed_at=ctx.now,
            created_at=ctx.now,
        )
        ctx.unit.add(deal)
    if name and not deal.name:
        deal.name = name
    if money is not None:
        deal.amount_minor, deal.currency, deal.period = money.minor, money.currency, money.period
    close = expected_close(low, ctx.today)
    if close is not None:
        deal.expected_close = close
    if move is not None and move.stage != deal.stage:
        deal.stage = move.stage
        deal.stage_changed_at = ctx.now
        deal.closed_at = ctx.now if move.stage in CLOSED else None
        deal.lost_reason = move.reason if move.stage == "lost" else None
    ctx.unit.flush()
    return deal, before
