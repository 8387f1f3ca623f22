"""A customer card's voice: satisfaction, NPS, the last complaint and request."""

from __future__ import annotations

from handlers import formatting as fmt
from handlers.context import Ctx
from handlers.types import Field
from store.models import Feedback


def _day(ctx: Ctx, row: Feedback) -> str:
    return fmt.day(row.at.astimezone(ctx.tz).date(), ctx.today)


def summary(rows: list[Feedback], ctx: Ctx) -> str | None:
    """'Satisfaction 4.2/5 from 5 ratings; NPS 9 from 1; last complaint 12 Nov: invoice errors'."""
    parts = []
    csat = [r.score for r in rows if r.kind == "csat" and r.score is not None]
    if csat:
        noun = "rating" if len(csat) == 1 else "ratings"
        parts.append(f"Satisfaction {sum(csat) / len(csat):.1f}/5 from {len(csat)} {noun}")
    nps = [r.score for r in rows if r.kind == "nps" and r.score is not None]
    if nps:
        parts.append(f"NPS {sum(nps) / len(nps):.1f} from {len(nps)}".replace(".0 ", " "))
    for kind in ("complaint", "request", "praise"):
        last = next((r for r in reversed(rows) if r.kind == kind), None)
        if last is not None:
            text = f": {fmt.clip(last.text, 50)}" if last.text else ""
            parts.append(f"last {kind} {_day(ctx, last)}{text}")
    return "; ".join(parts) if parts else None


def feedback_fields(ctx: Ctx, contact_ids: list[int], company_ids: list[int]) -> list[Field]:
    """The card's feedback field; none when the customer never gave any."""
    text = summary(list(ctx.unit.feedback_for(contact_ids, company_ids)), ctx)
    return [Field("Feedback", text)] if text else []
