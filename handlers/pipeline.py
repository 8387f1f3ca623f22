"""Pipeline views: open deals by stage and by owner, totals per currency, idle deals flagged.

Like Pipedrive's "rotting" deals, a deal that sits in one stage longer than the team's
threshold (`RAPPORT_DEAL_IDLE_DAYS`) is flagged. Amounts in different currencies are never
added together; recurring amounts count a year's worth in totals.
"""

from __future__ import annotations

from collections import defaultdict

from handlers import formatting as fmt
from handlers.context import Ctx
from handlers.deals import deal_money
from handlers.logbook import customers_named
from handlers.money import Money, show, show_totals
from handlers.stages import CLOSED, stage_list
from handlers.types import Reply
from nlp.pipeline import PipelineQuestion, pipeline_question
from store.models import Deal

SHOWN_PER_STAGE = 10


def _customer(deal: Deal) -> str:
    if deal.company is not None:
        return deal.company.name
    return deal.contact.name if deal.contact is not None else "?"


def _amounts(deals: list[Deal]) -> list[Money]:
    return [m for m in (deal_money(d) for d in deals) if m is not None]


def _idle_days(ctx: Ctx, deal: Deal) -> int:
    since = deal.stage_changed_at or deal.created_at
    return max(0, (ctx.now - since).days)


def _line(ctx: Ctx, deal: Deal) -> str:
    amount = deal_money(deal)
    days = _idle_days(ctx, deal)
    parts = [
        _customer(deal) + (f" — {deal.name}" if deal.name else ""),
        show(amount) if amount else "no amount",
        deal.owner.name if deal.owner else "no owner",
        f"{days} day{'s' if days != 1 else ''} in {deal.stage}",
    ]
    if deal.expected_close is not None:
        parts.append(f"closing {fmt.day(deal.expected_close, ctx.today)}")
    flag = " ⚠ idle" if days > ctx.settings.deal_idle_days else ""
    return "• " + " · ".join(parts) + flag


def _by_stage(ctx: Ctx, deals: list[Deal]) -> list[str]:
    order = [s for s in stage_list(ctx.unit) if s not in CLOSED]
    order += sorted({d.stage for d in deals} - set(order))  # stages since removed
    lines = []
    for stage in order:
        here = [d for d in deals if d.stage == stage]  # oldest in stage first (query order)
        if not here:
            continue
        noun = "deal" if len(here) == 1 else "deals"
        lines.append(f"{stage.capitalize()} — {len(here)} {noun}: {show_totals(_amounts(here))}")
        lines += [_line(ctx, d) for d in here[:SHOWN_PER_STAGE]]
        if len(here) > SHOWN_PER_STAGE:
            lines.append(f"…and {len(here) - SHOWN_PER_STAGE} more")
    return lines


def _by_owner(deals: list[Deal]) -> str:
    owners: dict[str, list[Deal]] = defaultdict(list)
    for d in deals:
        owners[d.owner.name if d.owner else "no owner"].append(d)
    return "By owner: " + " · ".join(
        f"{name} {show_totals(_amounts(ds))} ({len(ds)})" for name, ds in sorted(owners.items())
    )


def view(ctx: Ctx, question: PipelineQuestion) -> list[Reply]:
    """The pipeline, the author's deals, or one customer's deals."""
    if question.scope == "customer":
        return _customer_deals(ctx, question.customer or "")
    deals = list(ctx.unit.open_deals(CLOSED))
    title = "Pipeline"
    if question.scope == "mine":
        deals = [d for d in deals if d.owner_id == ctx.member.id]
        title = "Your deals"
    if not deals:
        return [Reply(f"{title}: no open deals.", title=title)]
    idle = sum(1 for d in deals if _idle_days(ctx, d) > ctx.settings.deal_idle_days)
    head = f"{title} — {len(deals)} open, {show_totals(_amounts(deals))}"
    if idle:
        head += f"; {idle} idle over {ctx.settings.deal_idle_days} days"
    sections = [*_by_stage(ctx, deals), _by_owner(deals)]
    return [
        Reply(
            text=head + "\n" + "\n".join(sections),
            title=head,
            sections=tuple(sections),
            context="Per currency, never added across; recurring amounts counted per year",
        )
    ]


def _customer_deals(ctx: Ctx, name: str) -> list[Reply]:
    found = customers_named(ctx, name)
    keys = [c.key for c in found.customers]
    contact_ids = [int(k.split(":")[1]) for k in keys if k.startswith("contact:")]
    company_ids = [int(k.split(":")[1]) for k in keys if k.startswith("company:")]
    deals = list(ctx.unit.deals_for(contact_ids, company_ids))
    if not keys:
        return [Reply(f"I don't know “{fmt.clip(name, 40)}”. Try “pipeline”.", tone="warning")]
    who = found.customers[0].name
    if not deals:
        return [Reply(f"{who}: no deals yet.", title=f"{who}'s deals")]
    lines = [_line(ctx, d) if d.stage not in CLOSED else _closed_line(ctx, d) for d in deals]
    title = (
        f"{who}'s deals — open {show_totals(_amounts([d for d in deals if d.stage not in CLOSED]))}"
    )
    return [Reply(title + "\n" + "\n".join(lines), title=title, sections=tuple(lines))]


def _closed_line(ctx: Ctx, deal: Deal) -> str:
    amount = deal_money(deal)
    when = deal.closed_at or deal.stage_changed_at or deal.created_at
    reason = f" ({deal.lost_reason})" if deal.lost_reason else ""
    name = f"{deal.name} · " if deal.name else ""
    return (
        f"• {name}{deal.stage} {fmt.day(when.astimezone(ctx.tz).date(), ctx.today)}"
        + (f" · {show(amount)}" if amount else "")
        + reason
    )


def answer(ctx: Ctx, text: str) -> list[Reply] | None:
    """The view a pipeline question asks for; None when the line is no such question."""
    question = pipeline_question(text)
    return view(ctx, question) if question is not None else None
