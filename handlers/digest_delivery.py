"""Posting each chat's digest: each part once, a few spaced tries, the setter told once.

A digest is several parts on the platform (text messages, the chart). The day's
`DigestDelivery` row records the parts that went out, so a retry sends only the missing
ones. The chart is optional: the digest counts as delivered once its text is out. After
`MAX_ATTEMPTS` failed tries (spaced by `backoff`) the day is given up and the person who set
the digest (else the admins) gets one direct message saying where, which day and why.
A retry builds the digest afresh, so a part sent later reflects the records at that time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handlers import digest_body, digest_subscription, nudges, schedule
from handlers import formatting as fmt
from handlers.settings import CoreSettings
from handlers.types import Delivered, Recipient, Reply
from store import Unit
from store.models import DigestDelivery, DigestSubscription, Member, Notice

#: How long a claim is held before another sender may take the row over.
LEASE = dt.timedelta(minutes=5)
#: Tries per chat and day; then the setter is told and the next workday starts afresh.
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Digest:
    """A chat's digest to post, the parts already out today, and the claim it settles."""

    recipient: Recipient
    reply: Reply
    subscription_id: int
    token: str
    local_day: dt.date
    parts_sent: frozenset[str] = frozenset()


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failed try: 1, 2, 4, 8 minutes."""
    return dt.timedelta(minutes=2 ** max(attempts - 1, 0))


def _parts(row: DigestDelivery) -> frozenset[str]:
    return frozenset(p for p in row.parts.split(",") if p)


def claim_digests(unit: Unit, settings: CoreSettings, now: dt.datetime, token: str) -> list[Digest]:
    """Lease the digests due now and build them; skip a run missed on an earlier day."""
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
            # The bot was down that day: a late digest would say "today" about yesterday.
            row = unit.digest_delivery(sub.id, planned_day)
            if row.attempts and not row.done and not row.gave_up:
                _give_up(unit, sub, row, "the day ended before it could go out", now)
            sub.next_run_at = digest_subscription.next_run(sub, now, workdays)
            sub.lease_owner = sub.lease_until = None
            continue
        reply = digest_body.build(unit, settings, now, zone)
        if today.weekday() == 0:
            reply = digest_body.with_chart(unit, reply, now, zone)
        where = Recipient(sub.platform, sub.chat)  # type: ignore[arg-type]
        sent = _parts(unit.digest_delivery(sub.id, today))
        out.append(Digest(where, reply, sub.id, token, today, sent))
    return out


def settle_digest(
    unit: Unit, settings: CoreSettings, now: dt.datetime, digest: Digest, outcome: Delivered
) -> None:
    """After posting: record the parts out; plan the next run, a later try, or give up."""
    sub = unit.digest_subscription(digest.subscription_id)
    if sub is None or sub.lease_owner != digest.token:
        return  # the lease expired and someone else owns it now
    sub.lease_owner = sub.lease_until = None
    row = unit.digest_delivery(sub.id, digest.local_day)
    row.parts = ",".join(sorted(_parts(row) | outcome.parts))
    row.attempts += 1
    row.last_error = outcome.error[:200] or None
    workdays = schedule.parse_workdays(settings.workdays)
    if outcome.complete:
        row.done = True
        sub.last_sent_on = digest.local_day
        sub.next_run_at = digest_subscription.next_run(sub, now, workdays)
    elif not sub.active:
        return  # stopped meanwhile (the channel is gone, or `digest off`): nothing to plan
    elif row.attempts >= MAX_ATTEMPTS:
        _give_up(unit, sub, row, outcome.error or "no reason given", now)
        sub.next_run_at = digest_subscription.next_run(sub, now, workdays)
    else:
        sub.next_run_at = now + backoff(row.attempts)


def _give_up(
    unit: Unit, sub: DigestSubscription, row: DigestDelivery, why: str, now: dt.datetime
) -> None:
    """Stop trying for the day and queue one direct message to the setter (else the admins)."""
    row.gave_up = True
    where = f"#{sub.chat_name}" if sub.chat_name else f"{sub.platform} chat {sub.chat}"
    text = (f"I could not post the team digest in {where} for {fmt.day(row.local_day)} "
            f"after {row.attempts} tries ({why}). Nothing more is tried for that day; "
            f"the next digest goes out as planned.")  # fmt: skip
    for member in _told(unit, sub):
        unit.add(Notice(team_id=unit.team_id, member_id=member.id, text=text,
                        created_at=now))  # fmt: skip


def _told(unit: Unit, sub: DigestSubscription) -> list[Member]:
    """The person who set the digest when they can be reached, else every admin who can."""
    setter = unit.member(sub.created_by) if sub.created_by is not None else None
    if setter is not None and nudges.recipient(unit, setter) is not None:
        return [setter]
    admins = (m for m in unit.members() if m.role == "admin")
    return [m for m in admins if nudges.recipient(unit, m) is not None]
