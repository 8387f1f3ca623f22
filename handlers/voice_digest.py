"""The Monday digest's pipeline and the customer's voice, as numbers beside the chart.

Open deals by stage per currency, satisfaction and NPS over eight weeks, and the week's new
requests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handlers import formatting as fmt
from handlers.deals import deal_money
from handlers.money import Money, show_totals
from handlers.stages import CLOSED, stage_list
from store import Unit
from store.models import Feedback

WEEKS = 8
REQUESTS_SHOWN = 5


@dataclass(frozen=True)
class Voice:
    """What the Monday chart and its text show beside the activity."""

    stages: dict[str, dict[str, int]]  # stage -> currency -> minor units (a year of recurring)
    weeks: list[dt.date]  # the Monday each week starts, oldest first
    csat: list[float | None]  # average 1-5 score per week
    nps: list[int | None]  # NPS per week (% promoters - % detractors)
    new_requests: list[Feedback]


def _nps(scores: list[int]) -> int | None:
    if not scores:
        return None
    promoters = sum(1 for s in scores if s >= 9)
    detractors = sum(1 for s in scores if s <= 6)
    return round(100 * (promoters - detractors) / len(scores))


def figures(unit: Unit, now: dt.datetime, zone: ZoneInfo) -> Voice:
    """Open pipeline by stage and currency; eight weeks of scores; last week's requests."""
    stages: dict[str, dict[str, int]] = {}
    for deal in unit.open_deals(CLOSED):
        money = deal_money(deal)
        if money is not None:
            per = stages.setdefault(deal.stage, {})
            per[money.currency] = per.get(money.currency, 0) + money.annual().minor
    order = {s: i for i, s in enumerate(stage_list(unit))}
    stages = dict(sorted(stages.items(), key=lambda kv: order.get(kv[0], len(order))))
    today = now.astimezone(zone).date()
    monday = today - dt.timedelta(days=today.weekday())
    weeks = [monday - dt.timedelta(weeks=w) for w in range(WEEKS, 0, -1)]
    start = dt.datetime.combine(weeks[0], dt.time(0), tzinfo=zone).astimezone(dt.UTC)
    rows = list(unit.feedback_between(start, now, ["csat", "nps", "request"]))
    csat: list[float | None] = []
    nps: list[int | None] = []
    for week in weeks:
        inside = [r for r in rows if week <= r.at.astimezone(zone).date() < week + dt.timedelta(7)]
        scores = [r.score for r in inside if r.kind == "csat" and r.score is not None]
        csat.append(sum(scores) / len(scores) if scores else None)
        nps.append(_nps([r.score for r in inside if r.kind == "nps" and r.score is not None]))
    last_week = now - dt.timedelta(days=7)
    new = [r for r in rows if r.kind == "request" and r.at >= last_week]
    return Voice(stages, weeks, csat, nps, new)


def summary(voice: Voice) -> list[str]:
    """The numbers as text; sections with nothing in them are left out."""
    lines = []
    if voice.stages:
        lines.append(
            "Pipeline by stage: "
            + " · ".join(
                f"{stage} {show_totals([Money(m, c) for c, m in per.items()])}"
                for stage, per in voice.stages.items()
            )
        )
    if any(x is not None for x in voice.csat):
        weekly = ", ".join("—" if x is None else f"{x:.1f}" for x in voice.csat)
        lines.append(f"Satisfaction by week (of 5, oldest first): {weekly}")
    if any(x is not None for x in voice.nps):
        weekly = ", ".join("—" if x is None else f"{x:+d}" for x in voice.nps)
        lines.append(f"NPS by week (oldest first): {weekly}")
    if voice.new_requests:
        said = []
        for r in voice.new_requests[:REQUESTS_SHOWN]:
            who = r.company or r.contact
            said.append(fmt.clip(r.text or "?", 40) + (f" ({who.name})" if who else ""))
        more = len(voice.new_requests) - REQUESTS_SHOWN
        lines.append(
            f"New requests ({len(voice.new_requests)}): "
            + ", ".join(said)
            + (f" …and {more} more" if more > 0 else "")
        )
    return lines
