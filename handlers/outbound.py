"""What the scheduler and the senders ask of the core: messages the bot starts.

Plain functions over a unit of work (the caller opens it, see `Core.in_unit`). A tick
claims due rows with a lease, sends, then settles them; a sender that dies between claim
and settle loses its lease, and the message is sent again once the lease expires (at
least once, never lost).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handlers import nudges, offers, schedule
from handlers.settings import CoreSettings
from handlers.types import Recipient, Reply
from store import Unit
from store.models import Member, Notice

#: How long a claim is held before another sender may take the row over.
LEASE = dt.timedelta(minutes=5)
#: A failed nudge waits this long, so one unreachable address cannot spin a busy tick.
RETRY_AFTER = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Nudge:
    """A due task's reminder to its owner, with the claim it settles."""

    recipient: Recipient
    reply: Reply
    task_id: int
    token: str


@dataclass(frozen=True)
class NoticeOut:
    """A teammate's change told to the member it concerns, with the claim it settles."""

    recipient: Recipient
    reply: Reply
    notice_id: int
    token: str


def claim_nudges(
    unit: Unit, settings: CoreSettings, now: dt.datetime, token: str, limit: int
) -> list[Nudge]:
    """Lease up to `limit` due nudges and build what to send."""
    out = []
    where_is: dict[int, Recipient | None] = {}  # owners repeat within a batch
    for task in unit.tasks_by_ids(unit.claim_due_tasks(now, token, LEASE, limit)):
        if task.owner_id not in where_is:
            where_is[task.owner_id] = nudges.recipient(unit, task.owner)
        where = where_is[task.owner_id]
        if where is None:
            # Nobody can be reached: stop nudging; the task stays in agendas and digests.
            task.nudge_at = None
            task.lease_owner = task.lease_until = None
            continue
        allowed = _allowed_now(task.owner, settings, now)
        if allowed > now:
            # Planned for an allowed hour but sent late (the bot was down): the owner's
            # quiet hours and days off still hold at send time.
            task.nudge_at = allowed
            task.lease_owner = task.lease_until = None
            continue
        out.append(Nudge(where, nudges.card(task, task.owner, settings, now), task.id, token))
    return out


def _allowed_now(member: Member, settings: CoreSettings, now: dt.datetime) -> dt.datetime:
    """`now`, or the member's next allowed moment when now is quiet time or a day off."""
    zone = nudges.member_zone(member, settings)
    allowed = schedule.next_allowed(now.astimezone(zone), nudges.window(member, settings))
    return allowed.astimezone(dt.UTC)


def settle_nudges(
    unit: Unit, settings: CoreSettings, now: dt.datetime, results: list[tuple[Nudge, bool]]
) -> None:
    """After a batch was sent: plan each next reminder (at most three), or free the claim."""
    tasks = {t.id: t for t in unit.tasks_by_ids([n.task_id for n, _ in results])}
    for nudge, sent in results:
        task = tasks.get(nudge.task_id)
        if task is None or task.lease_owner != nudge.token:
            continue  # the lease expired and someone else owns it now
        task.lease_owner = None
        if not sent:
            task.lease_until = now + RETRY_AFTER
            continue
        task.lease_until = None
        task.nudge_count += 1
        if task.status != "open" or task.nudge_count > schedule.MAX_RENUDGES:
            task.nudge_at = None
            continue
        owner = task.owner
        task.nudge_at = schedule.renudge(
            now,
            nudges.member_zone(owner, settings),
            owner.workday_start or settings.workday_start,
            nudges.window(owner, settings),
        )


def claim_notices(
    unit: Unit, settings: CoreSettings, now: dt.datetime, token: str, limit: int
) -> list[NoticeOut]:
    """Lease up to `limit` unsent notices and say where each goes."""
    out = []
    for notice in unit.notices_by_ids(unit.claim_due_notices(now, token, LEASE, limit)):
        where = _notice_to(unit, notice)
        zone = (
            nudges.member_zone(notice.member, settings)
            if notice.member
            else (ZoneInfo(settings.default_tz))
        )
        reply = offers.card(unit, notice, zone) if notice.kind else Reply(notice.text)
        if where is None or reply is None:
            # Nobody to tell (the change shows in their tasks anyway), or the offer is gone.
            notice.sent_at = now
            notice.lease_owner = notice.lease_until = None
            continue
        out.append(NoticeOut(where, reply, notice.id, token))
    return out


def _notice_to(unit: Unit, notice: Notice) -> Recipient | None:
    """A notice's chat: the one it names (the team channel), else its member's DM."""
    if notice.platform and notice.chat:
        return Recipient(notice.platform, notice.chat)  # type: ignore[arg-type]
    return nudges.recipient(unit, notice.member) if notice.member is not None else None


def settle_notices(
    unit: Unit, settings: CoreSettings, now: dt.datetime, results: list[tuple[NoticeOut, bool]]
) -> None:
    """After a batch was sent: mark the sent ones; the others wait a minute and go again."""
    notices = {n.id: n for n in unit.notices_by_ids([o.notice_id for o, _ in results])}
    for out, sent in results:
        notice = notices.get(out.notice_id)
        if notice is None or notice.lease_owner != out.token:
            continue  # the lease expired and someone else owns it now
        notice.lease_owner = None
        notice.lease_until = None if sent else now + RETRY_AFTER
        if sent:
            notice.sent_at = now


def stop_digest(unit: Unit, platform: str, chat: str) -> bool:
    """A deleted channel or a bot removed from a group: stop its digest. True if it was on."""
    sub = unit.subscription(platform, chat)
    if sub is None or not sub.reachable:
        return False
    sub.reachable = False
    sub.active = False
    sub.next_run_at = None
    return True


def mark_unreachable(unit: Unit, platform: str, user: str) -> None:
    """A person blocked the bot: nothing is retried at them forever."""
    identity = unit.identity(platform, user)
    if identity is not None:
        identity.reachable = False


def admin_recipients(unit: Unit) -> list[Recipient]:
    """Where each admin gets direct messages."""
    found = (nudges.recipient(unit, m) for m in unit.members() if m.role == "admin")
    return [r for r in found if r is not None]


def move_chat(unit: Unit, platform: str, old: str, new: str) -> int:
    """A chat got a new id (a Telegram group became a supergroup): its digest follows."""
    return unit.move_chat(platform, old, new)
