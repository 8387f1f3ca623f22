"""A member's own working hours: workday start, quiet hours, workdays."""

from __future__ import annotations

import datetime as dt
import re

from handlers import audit, nudges, schedule
from handlers.context import Ctx
from handlers.types import Reply

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


def workday(ctx: Ctx, rest: str) -> list[Reply] | None:
    """`workday 08:00`: when dated tasks with no time fall due for you."""
    m = _CLOCK.match(rest.strip())
    if m is None or int(m[1]) > 23 or int(m[2]) > 59:
        return None if rest.strip() else [Reply(
            f"Your workday starts at {(ctx.member.workday_start or ctx.settings.workday_start):%H:%M}."
            " Change it with “workday 08:00”.")]  # fmt: skip
    before = ctx.member.workday_start
    ctx.member.workday_start = dt.time(int(m[1]), int(m[2]))
    audit.record(ctx, "member.workday", "member", ctx.member.id,
                 {"workday_start": str(before)}, {"workday_start": rest.strip()})  # fmt: skip
    nudges.replan_owner(ctx.unit, ctx.member, ctx.settings)
    return [
        Reply(
            f"Your workday now starts at {rest.strip()}; dated tasks fall due then.", tone="success"
        )
    ]


def quiet(ctx: Ctx, rest: str) -> list[Reply] | None:
    """`quiet 21:00-07:00` or `quiet off`: no nudges in those hours."""
    value = rest.strip().lower()
    if not value:
        current = (
            ctx.member.quiet_hours
            if ctx.member.quiet_hours is not None
            else ctx.settings.quiet_hours
        )
        return [
            Reply(
                f"Your quiet hours: {current or 'none'}. Change with “quiet 21:00-07:00” or “quiet off”."
            )
        ]
    if value in ("off", "none"):
        value = ""
    try:
        schedule.parse_quiet(value)
    except ValueError:
        return None
    ctx.member.quiet_hours = value
    nudges.replan_owner(ctx.unit, ctx.member, ctx.settings)
    return [
        Reply(
            f"Quiet hours {value if value else 'off'}: nudges wait until they end.",
            tone="success",
        )
    ]


def workdays(ctx: Ctx, rest: str) -> list[Reply] | None:
    """`workdays sun-thu`: the days you get nudges."""
    value = rest.strip().lower()
    if not value:
        current = ctx.member.workdays or ctx.settings.workdays
        return [Reply(f"Your workdays: {current}. Change with e.g. “workdays sun-thu”.")]
    try:
        schedule.parse_workdays(value)
    except ValueError:
        return [
            Reply(
                f"“{rest.strip()[:30]}” isn't a set of days. Try “workdays mon-fri”.",
                tone="warning",
            )
        ]
    ctx.member.workdays = value
    nudges.replan_owner(ctx.unit, ctx.member, ctx.settings)
    return [Reply(f"Your workdays are now {value}.", tone="success")]
