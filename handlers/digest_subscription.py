"""Digest subscriptions: a chat asks for the digest at a local time on workdays.

The subscription row holds when it next runs (UTC, planned from the local time each day, so
08:30 stays 08:30 across daylight-saving changes). The scheduler claims due rows (see
handlers/outbound.py); a run missed while the bot was down is sent only if it is still
that local day.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from handlers import digest_body, schedule
from handlers.context import Ctx
from handlers.types import Reply
from store.models import DigestSubscription

_TIME = re.compile(r"^(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", re.I)


def next_run(sub: DigestSubscription, after: dt.datetime, workdays: frozenset[int]) -> dt.datetime:
    """The next workday moment at the subscription's local time, strictly after `after`."""
    zone = ZoneInfo(sub.tz)
    day = after.astimezone(zone).date()
    for _ in range(15):
        if day.weekday() in workdays:
            moment = schedule.local_moment(day, sub.local_time, zone).astimezone(dt.UTC)
            if moment > after:
                return moment
        day += dt.timedelta(days=1)
    raise ValueError("no workday in the next two weeks")


def _read_time(text: str) -> dt.time | None:
    m = _TIME.match(text.strip())
    if m is None:
        return None
    hour, minute, ampm = int(m[1]), int(m[2] or 0), (m[3] or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def command(ctx: Ctx, rest: str) -> list[Reply]:
    """`digest 08:30`, `digest off`, `digest now`, or `digest` for the status."""
    arg = rest.strip().lower()
    platform, chat = ctx.message.platform, ctx.message.chat
    sub = ctx.unit.subscription(platform, chat)
    if arg == "now":
        return preview(ctx)
    if arg in ("off", "stop", "cancel"):
        if sub is None or not sub.active:
            return [Reply("This chat has no digest to turn off.")]
        sub.active = False
        sub.next_run_at = None
        return [Reply("Digest turned off for this chat.", tone="success")]
    if not arg:
        if sub is None or not sub.active:
            return [Reply("No digest here yet. Send “digest 08:30” to get one each workday.")]
        return [
            Reply(f"This chat gets the digest at {sub.local_time:%H:%M} ({sub.tz}) on workdays.")
        ]
    at = _read_time(arg)
    if at is None:
        return [Reply(f"“{rest.strip()[:20]}” isn't a time. Try “digest 08:30” or “digest off”.",
                      tone="warning")]  # fmt: skip
    if ctx.message.bot_in_chat is False:
        # The bot cannot post where it is not a member: a digest set here would never come.
        where = f"#{ctx.message.chat_name}" if ctx.message.chat_name else "this channel"
        return [Reply(f"I'm not in {where}, so I can't post the digest there. Invite me with "
                      f"/invite @Rapport, then send “digest {at:%H:%M}” again. Nothing changed.",
                      tone="warning")]  # fmt: skip
    tz = ctx.member.tz or ctx.settings.default_tz
    if sub is None:
        sub = DigestSubscription(team_id=ctx.unit.team_id, platform=platform, chat=chat,
                                 local_time=at, tz=tz, active=True, created_by=ctx.member.id)  # fmt: skip
        ctx.unit.add(sub)
    sub.local_time, sub.tz, sub.active, sub.reachable = at, tz, True, True
    sub.chat_name = ctx.message.chat_name or sub.chat_name
    sub.created_by = ctx.member.id  # who set it last is told if it cannot be delivered
    sub.next_run_at = next_run(sub, ctx.now, schedule.parse_workdays(ctx.settings.workdays))
    first = sub.next_run_at.astimezone(ZoneInfo(tz))
    return [Reply(f"This chat will get the digest at {at:%H:%M} ({tz}) on workdays, "
                  f"first on {first:%a} {first.day} {first:%b}.", tone="success")]  # fmt: skip


def preview(ctx: Ctx) -> list[Reply]:
    """The digest as it would be posted now (with the chart, whatever the weekday)."""
    zone = ZoneInfo(ctx.member.tz or ctx.settings.default_tz)
    reply = digest_body.build(ctx.unit, ctx.settings, ctx.now, zone)
    return [digest_body.with_chart(ctx.unit, reply, ctx.now, zone)]
