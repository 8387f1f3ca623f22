"""10,000 tasks falling due at once: claim, render and hand every nudge to a loopback Slack
Web API (pacing off), beside one raw SQL claim of the same rows. Then the morning digest
of the seeded team (200 members) built and posted, beside the bare SQL counts it reports.

Usage (after bench/seed.py): python -m bench.nudges [--url sqlite:///bench.db] [-n 10000]
The tasks it adds are deleted again at the end, so it can run any number of times.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import time

import sqlalchemy as sa

from bot.adapters.slack import SlackConfig, build_slack_app
from bot.adapters.slack.app import close_client
from bot.delivery import Delivery
from bot.scheduler import deliver_due_digests, deliver_due_nudges
from handlers.core import Core, CoreSettings
from store import Store
from store import models as m
from tests.adapters.fake_slack import FakeSlack

KEY = "bench-nudge:"
DIGEST_CHAT = "CBENCHDIGEST"


def prepare(store: Store, n: int, now: dt.datetime) -> tuple[int, int]:
    """Give every member a Slack identity and add `n` open tasks due now; (team, members)."""
    with store.engine.begin() as conn:
        team_id, next_number = conn.execute(
            sa.select(m.Team.id, m.Team.next_task_number).where(m.Team.slug == "default")
        ).one()
        members = [
            r[0] for r in conn.execute(sa.select(m.Member.id).where(m.Member.team_id == team_id))
        ]
        have = {
            r[0]
            for r in conn.execute(
                sa.select(m.Identity.member_id).where(m.Identity.platform == "slack")
            )
        }
        missing = [{"team_id": team_id, "member_id": mid, "platform": "slack",
                    "user_key": f"U{mid:06d}", "reachable": True} for mid in members if mid not in have]  # fmt: skip
        if missing:
            conn.execute(sa.insert(m.Identity.__table__), missing)
        contact = conn.execute(sa.select(sa.func.min(m.Contact.id))).scalar_one()
        conn.execute(sa.insert(m.Task.__table__), [
            {"team_id": team_id, "number": next_number + i, "title": f"Send the quote, #{i}",
             "due_date": now.date(), "owner_id": members[i % len(members)], "contact_id": contact,
             "status": "open", "message_key": f"{KEY}{i}", "created_at": now,
             "nudge_at": now - dt.timedelta(minutes=1), "nudge_count": 0}
            for i in range(n)])  # fmt: skip
        conn.execute(
            sa.update(m.Team).where(m.Team.id == team_id).values(next_task_number=next_number + n)
        )
    return team_id, len(members)


def raw_claim(store: Store, team_id: int, n: int, now: dt.datetime) -> tuple[float, int]:
    """The floor: one UPDATE … RETURNING that leases the same rows, no ORM, no rendering."""
    t = m.Task.__table__
    due = (
        sa.select(t.c.id)
        .where(
            t.c.team_id == team_id,
            t.c.status == "open",
            t.c.nudge_at <= now,
            sa.or_(t.c.lease_until.is_(None), t.c.lease_until < now),
        )
        .order_by(t.c.nudge_at)
        .limit(n)
    )
    started = time.perf_counter()
    with store.engine.begin() as conn:
        ids = conn.execute(
            sa.update(t).where(t.c.id.in_(due.scalar_subquery()))
            .values(lease_owner="raw", lease_until=now + dt.timedelta(minutes=5))
            .returning(t.c.id)
        ).all()  # fmt: skip
    took = time.perf_counter() - started
    with store.engine.begin() as conn:  # give the rows back for the real run
        conn.execute(
            sa.update(t).where(t.c.lease_owner == "raw").values(lease_owner=None, lease_until=None)
        )
    return took, len(ids)


def cleanup(store: Store) -> None:
    """Remove what this benchmark added."""
    with store.engine.begin() as conn:
        conn.execute(sa.delete(m.Task.__table__).where(m.Task.message_key.like(f"{KEY}%")))
        subs = sa.select(m.DigestSubscription.id).where(m.DigestSubscription.chat == DIGEST_CHAT)
        conn.execute(
            sa.delete(m.DigestDelivery.__table__).where(m.DigestDelivery.subscription_id.in_(subs))
        )
        conn.execute(
            sa.delete(m.DigestSubscription.__table__).where(
                m.DigestSubscription.chat == DIGEST_CHAT
            )
        )


def digest_floor(store: Store, team_id: int, now: dt.datetime) -> float:
    """The bare counts a digest reports: open tasks due by today per owner, yesterday's logs."""
    t, i = m.Task.__table__, m.Interaction.__table__
    started = time.perf_counter()
    with store.engine.connect() as conn:
        conn.execute(
            sa.select(t.c.owner_id, sa.func.count())
            .where(t.c.team_id == team_id, t.c.status == "open", t.c.due_date <= now.date())
            .group_by(t.c.owner_id)
        ).all()  # fmt: skip
        conn.execute(
            sa.select(i.c.kind, sa.func.count())
            .where(i.c.team_id == team_id, i.c.occurred_at >= now - dt.timedelta(days=1))
            .group_by(i.c.kind)
        ).all()  # fmt: skip
    return time.perf_counter() - started


async def run(url: str, n: int) -> None:
    """Prepare, measure, print, clean up."""
    store = Store(url, migrate=True)
    core = Core(store, CoreSettings(default_tz="UTC", team_name="Bench"))
    now = core.clock()
    cleanup(store)
    team_id, members = prepare(store, n, now)
    fake = FakeSlack()
    await fake.start()
    try:
        floor, leased = raw_claim(store, team_id, n, now)
        delivery = Delivery()
        app = build_slack_app(core, SlackConfig(bot_token="xoxb-bench", signing_secret="bench",
                                          api_url=fake.url, pace_seconds=0), delivery=delivery)  # fmt: skip
        started = time.perf_counter()
        sent = 0
        while sent < n:
            got = await deliver_due_nudges(core, delivery)
            if not got:
                break
            sent += got
        took = time.perf_counter() - started
        posted = len(fake.named("chat.postMessage"))

        with store.engine.begin() as conn:
            conn.execute(sa.insert(m.DigestSubscription.__table__).values(
                team_id=team_id, platform="slack", chat=DIGEST_CHAT, local_time=dt.time(8, 0), tz="UTC",
                active=True, next_run_at=now - dt.timedelta(minutes=1), reachable=True))  # fmt: skip
        before = len(fake.named("chat.postMessage"))
        d_started = time.perf_counter()
        digests = await deliver_due_digests(core, delivery)
        d_took = time.perf_counter() - d_started
        d_posts = fake.named("chat.postMessage")[before:]
        d_floor = digest_floor(store, team_id, now)
        chart = "with chart" if fake.uploads else "no chart (charts go out on Mondays)"
        await close_client(app.client)
    finally:
        await fake.stop()
        cleanup(store)
        store.dispose()

    print(f"Nudges: {n:,} tasks due at once, {members} owners, on {url.split('@')[-1]}")
    print(f"{'':36}{'seconds':>10}{'per second':>14}")
    print(
        f"{'raw SQL claim (floor), ' + str(leased) + ' rows':36}{floor:>10.2f}{leased / floor:>14,.0f}"
    )
    print(f"{'claim + render + post + settle':36}{took:>10.2f}{sent / took:>14,.0f}")
    print(f"  sent {sent:,}, posted to the loopback Slack API {posted:,}")
    print(f"Digest for {members} members ({chart}):")
    print(f"{'':36}{'seconds':>10}")
    print(f"{'bare SQL counts (floor)':36}{d_floor:>10.3f}")
    print(f"{'build + post':36}{d_took:>10.3f}")
    sizes = [len(str(p.get("blocks", ""))) for p in d_posts]
    print(
        f"  digests posted {digests}, {sum(sizes):,} characters"
        f" of blocks in {len(d_posts)} messages (largest {max(sizes, default=0):,})"
    )


def main() -> None:
    """Parse arguments and run."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--url", default=os.environ.get("DATABASE_URL", "sqlite:///bench.db"))
    ap.add_argument("-n", type=int, default=10_000)
    args = ap.parse_args()
    asyncio.run(run(args.url, args.n))


if __name__ == "__main__":
    main()
