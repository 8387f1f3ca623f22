"""Periodic ticks (APScheduler 3, in the shared event loop).

The database, not the job store, says what is due, so a restart loses nothing and
replicas never double-send. Each tick calls handlers/outbound.py in a unit the core opens.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid
from collections.abc import Awaitable, Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.delivery import Delivery
from handlers import digest_delivery, outbound
from handlers.core import Core
from handlers.outbound import Nudge

log = logging.getLogger(__name__)
TICK_SECONDS = 15.0
#: Nudges claimed (leased) per transaction, and batches sent per tick at most.
NUDGE_BATCH = 200
MAX_BATCHES_PER_TICK = 100
#: Sends in flight at once; each platform adapter still paces its own chats.
SEND_CONCURRENCY = 16


async def deliver_due_nudges(core: Core, delivery: Delivery) -> int:
    """Claim what is due in batches, send each batch concurrently, settle it; how many sent.

    Keeps going while full batches go out, so a morning when thousands fall due at once
    drains in one tick; stops when a batch sends nothing (a platform is down: those wait
    for a later tick).
    """
    token = uuid.uuid4().hex
    gate = asyncio.Semaphore(SEND_CONCURRENCY)

    async def send(nudge: Nudge) -> bool:
        async with gate:
            return await delivery.send(nudge.recipient, nudge.reply)

    total = 0
    for _ in range(MAX_BATCHES_PER_TICK):
        claimed = await asyncio.to_thread(
            core.in_unit, outbound.claim_nudges, core.settings, core.clock(), token, NUDGE_BATCH
        )
        if not claimed:
            break
        results = await asyncio.gather(*(send(o) for o in claimed))
        settled = list(zip(claimed, results, strict=True))
        await asyncio.to_thread(
            core.in_unit, outbound.settle_nudges, core.settings, core.clock(), settled
        )
        sent = sum(results)
        total += sent
        log.info("nudges: %d claimed, %d sent", len(claimed), sent)
        if len(claimed) < NUDGE_BATCH or not sent:
            break
    return total + await deliver_notices(core, delivery, token)


async def deliver_notices(core: Core, delivery: Delivery, token: str) -> int:
    """Send what teammates' changes told members (a task closed, moved or given to them)."""
    claimed = await asyncio.to_thread(
        core.in_unit, outbound.claim_notices, core.settings, core.clock(), token, NUDGE_BATCH
    )
    if not claimed:
        return 0
    results = [await delivery.send(n.recipient, n.reply) for n in claimed]
    settled = list(zip(claimed, results, strict=True))
    await asyncio.to_thread(
        core.in_unit, outbound.settle_notices, core.settings, core.clock(), settled
    )
    log.info("notices: %d claimed, %d sent", len(claimed), sum(results))
    return sum(results)


async def deliver_due_digests(core: Core, delivery: Delivery) -> int:
    """Claim the digests due now, post the parts not yet out, settle each claim."""
    token = uuid.uuid4().hex
    claimed = await asyncio.to_thread(
        core.in_unit, digest_delivery.claim_digests, core.settings, core.clock(), token
    )
    sent = 0
    for digest in claimed:
        outcome = await delivery.send_parts(digest.recipient, digest.reply, digest.parts_sent)
        await asyncio.to_thread(
            core.in_unit,
            digest_delivery.settle_digest,
            core.settings,
            core.clock(),
            digest,
            outcome,
        )
        sent += outcome.complete
    if claimed:
        log.info("digests: %d claimed, %d sent", len(claimed), sent)
    return sent


def _stops_quietly(
    tick: Callable[[Core, Delivery], Awaitable[int]],
) -> Callable[[Core, Delivery], Awaitable[int]]:
    """A tick that, cancelled because the process is stopping, ends without a traceback.

    APScheduler cancels running ticks at shutdown and would log each as a failed job; a
    cancelled tick loses nothing (its claims are leased and fall due again).
    """

    async def run(core: Core, delivery: Delivery) -> int:
        try:
            return await tick(core, delivery)
        except asyncio.CancelledError:
            log.debug("%s stopped at shutdown", tick.__name__)
            return 0

    run.__name__ = tick.__name__
    return run


def start_scheduler(
    core: Core, delivery: Delivery, every: float = TICK_SECONDS
) -> AsyncIOScheduler:
    """Start the ticks in the running event loop."""
    scheduler = AsyncIOScheduler(timezone=dt.UTC)
    ticks = {"deliver-due-nudges": deliver_due_nudges, "deliver-due-digests": deliver_due_digests}
    for job_id, tick in ticks.items():
        scheduler.add_job(
            _stops_quietly(tick),
            "interval",
            seconds=every,
            args=[core, delivery],
            id=job_id,
            coalesce=True,
            max_instances=1,
            next_run_time=dt.datetime.now(dt.UTC),
        )
    scheduler.start()
    return scheduler
