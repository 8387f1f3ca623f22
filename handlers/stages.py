"""The team's deal stages: a short ordered list whose last two close a deal (won, lost)."""

from __future__ import annotations

import re

from handlers.context import Ctx
from handlers.types import Reply
from store import Unit

DEFAULT_STAGES = ("lead", "qualified", "proposal", "negotiation", "won", "lost")
MAX_STAGES = 10
CLOSED = ("won", "lost")
_STAGE = re.compile(r"^[a-z][a-z-]{1,23}$")


def stage_list(unit: Unit) -> tuple[str, ...]:
    """The team's stages in order (the default list until an admin sets its own)."""
    own = unit.deal_stages()
    return tuple(own) if own else DEFAULT_STAGES


def is_open(stage: str) -> bool:
    """Whether a deal in `stage` is still in the pipeline."""
    return stage not in CLOSED


def command(ctx: Ctx, rest: str) -> list[Reply] | None:
    """`stages` shows the list; `stages lead, demo, proposal, won, lost` sets it (admins)."""
    if not rest.strip():
        current = " → ".join(stage_list(ctx.unit))
        return [Reply(f"Deal stages: {current}. Admins change them with “stages lead, demo, "
                      "proposal, won, lost”.")]  # fmt: skip
    words = [w.strip().lower() for w in re.split(r"[,;>→]+|\s+", rest) if w.strip()]
    if not ctx.is_admin:
        return [Reply("Only a team admin can change the deal stages.", tone="warning")]
    bad = [w for w in words if not _STAGE.match(w)]
    if bad or len(set(words)) != len(words) or not 3 <= len(words) <= MAX_STAGES:
        return [Reply("Give 3 to 10 different one-word stages, e.g. “stages lead, demo, "
                      "proposal, won, lost”.", tone="warning")]  # fmt: skip
    if tuple(words[-2:]) != CLOSED:
        return [Reply("The last two stages must be won and lost, e.g. “stages lead, demo, "
                      "proposal, won, lost”.", tone="warning")]  # fmt: skip
    ctx.unit.set_deal_stages(words)
    return [Reply("✓ Deal stages: " + " → ".join(words) + ".", tone="success")]
