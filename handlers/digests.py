"""Digest subscriptions: a chat asks for the digest at a local time on workdays.

The subscription row holds when it next runs (UTC, planned from the local time each day, so
08:30 stays 08:30 across daylight-saving changes). A sender claims due rows with a lease;
a run that was missed while the bot was down is sent only if it is still that local day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from handlers import chart, digest, schedule
from handlers.context import Ctx
from handlers.settings import CoreSettings
from handlers.types import Recipient, Reply
from store import Unit
from store.models import DigestSubscription

LEASE = dt.timedelta(minutes=5)
_TIME = re.compile(r"^(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", re.I)


@dataclass(frozen=True)
class DigestOutbound:
    """A digest to post, with the claim it settles."""

    recipient: Recipient
    reply: Reply
    subscription_id: int
    token: str
    local_day: dt.date


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
    tz = ctx.member.tz or ctx.settings.default_tz
    if sub is None:
        sub = DigestSubscription(team_id=ctx.unit.team_id, platform=platform, chat=chat,
                                 local_time=at, tz=tz, active=True, created_by=ctx.member.id)  # fmt: skip
        ctx.unit.add(sub)
    sub.local_time, sub.tz, sub.active, sub.reachable = at, tz, True, True
    sub.next_run_at = next_run(sub, ctx.now, schedule.parse_workdays(ctx.settings.workdays))
    first = sub.next_run_at.astimezone(ZoneInfo(tz))
    return [Reply(f"This chat will get the digest at {at:%H:%M} ({tz}) on workdays, "
                  f"first on {first:%a} {first.day} {first:%b}.", tone="success")]  # fmt: skip


def preview(ctx: Ctx) -> list[Reply]:
    """The digest as it would be posted now (with the chart, whatever the weekday)."""
    zone = ZoneInfo(ctx.member.tz or ctx.settings.default_tz)
    return [
        with_chart(ctx.unit, digest.build(ctx.unit, ctx.settings, ctx.now, zone), ctx.now, zone)
    ]


def with_chart(unit: Unit, reply: Reply, now: dt.datetime, zone: ZoneInfo) -> Reply:
    """Add the chart image, and its numbers as text."""
    series, days, ages = chart.figures(unit, now, zone)
    numbers = chart.summary(series, ages)
    if reply.sections:
        return replace(reply, text=reply.text + "\n" + numbers,
                       sections=(*reply.sections, numbers), image=chart.render_png(series, days, ages))  # fmt: skip
    # A one-line (quiet) digest: the line itself is the headline.
    return replace(reply, title=None, text=reply.text + "\n" + numbers,
                   image=chart.render_png(series, days, ages))  # fmt: skip


def claim(unit: Unit, settings: CoreSettings, now: dt.datetime, token: str) -> list[DigestOutbound]:
    """Lease due digests and build them; skip a run missed on an earlier day."""
    out = []
    workdays = schedule.parse_workdays(settings.workdays)
    for sub_id in unit.claim_due_digests(now, token, LEASE):
        sub = unit.digest_subscription(sub_id)
        if sub is None or sub.next_run_at is None:
            continue
        zone = ZoneInfo(sub.tz)
        planned_day = sub.next_run_at.astimezone(zone).date()
        today = now.astimezone(zone).date()
        if planned_day != today or sub.last_sent_on == today:
            sub.next_run_at = next_run(sub, now, workdays)  # the bot was down that day
            sub.lease_owner = sub.lease_until = None
            continue
        reply = digest.build(unit, settings, now, zone)
        if today.weekday() == 0:
            reply = with_chart(unit, reply, now, zone)
        out.append(DigestOutbound(Recipient(sub.platform, sub.chat), reply, sub.id, token, today))  # type: ignore[arg-type]
    return out


def settle(
    unit: Unit, settings: CoreSettings, item: DigestOutbound, sent: bool, now: dt.datetime
) -> None:
    """After posting: plan tomorrow's run; on failure free the claim for the next tick."""
    sub = unit.digest_subscription(item.subscription_id)
    if sub is None or sub.lease_owner != item.token:
        return
    sub.lease_owner = sub.lease_until = None
    if sent:
        sub.last_sent_on = item.local_day
        sub.next_run_at = next_run(sub, now, schedule.parse_workdays(settings.workdays))


def mark_unreachable(unit: Unit, platform: str, chat: str) -> bool:
    """A deleted channel or a bot removed from a group: stop the digest. True if it was on."""
    sub = unit.subscription(platform, chat)
    if sub is None or not sub.reachable:
        return False
    sub.reachable = False
    sub.active = False
    sub.next_run_at = None
    return True
