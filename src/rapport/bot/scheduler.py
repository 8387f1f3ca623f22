"""Periodic ticks (APScheduler 3, in the shared event loop). The database, not the job
store, says what is due, so a restart loses nothing and replicas never double-send."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from rapport.bot.delivery import Delivery
from rapport.handlers.core import Core

log = logging.getLogger(__name__)
TICK_SECONDS = 15.0


async def deliver_due_nudges(core: Core, delivery: Delivery) -> int:
    """Claim what is due, send it, settle each claim; returns how many were sent."""
    token = uuid.uuid4().hex
    claimed = await asyncio.to_thread(core.claim_nudges, token)
    sent = 0
    for outbound in claimed:
        ok = await delivery.send(outbound.recipient, outbound.reply)
        await asyncio.to_thread(core.finish_nudge, outbound, ok)
        sent += ok
    if claimed:
        log.info("nudges: %d claimed, %d sent", len(claimed), sent)
    return sent


async def deliver_due_digests(core: Core, delivery: Delivery) -> int:
    """Claim the digests due now, post them, settle each claim."""
    token = uuid.uuid4().hex
    claimed = await asyncio.to_thread(core.claim_digests, token)
    sent = 0
    for outbound in claimed:
        ok = await delivery.send(outbound.recipient, outbound.reply)
        await asyncio.to_thread(core.finish_digest, outbound, ok)
        sent += ok
    if claimed:
        log.info("digests: %d claimed, %d sent", len(claimed), sent)
    return sent


def start_scheduler(
    core: Core, delivery: Delivery, every: float = TICK_SECONDS
) -> AsyncIOScheduler:
    """Start the ticks in the running event loop."""
    scheduler = AsyncIOScheduler(timezone=dt.UTC)
    scheduler.add_job(
        deliver_due_nudges,
        "interval",
        seconds=every,
        args=[core, delivery],
        id="deliver-due-nudges",
        coalesce=True,
        max_instances=1,
        next_run_time=dt.datetime.now(dt.UTC),
    )
    scheduler.add_job(
        deliver_due_digests,
        "interval",
        seconds=every,
        args=[core, delivery],
        id="deliver-due-digests",
        coalesce=True,
        max_instances=1,
        next_run_time=dt.datetime.now(dt.UTC),
    )
    scheduler.start()
    return scheduler
