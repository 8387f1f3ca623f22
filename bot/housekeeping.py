"""Periodic upkeep the platforms need: forgetting inbound keys past their retention."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from handlers.core import Core
from store import Unit

log = logging.getLogger(__name__)
JOB_ID = "forget-old-inbound-keys"


def forget_old_keys(core: Core, days: int) -> int:
    """Drop the keys of events handled more than `days` days ago; returns how many."""
    return core.in_unit(Unit.forget_before, core.clock() - dt.timedelta(days=days))


def schedule_forgetting(scheduler: AsyncIOScheduler, core: Core, days: int) -> None:
    """Forget old keys now (at start) and every six hours after."""

    async def run() -> None:
        try:
            dropped = await asyncio.to_thread(forget_old_keys, core, days)
        except Exception:
            log.warning("could not forget old inbound keys", exc_info=True)
            return
        if dropped:
            log.info("Forgot %d inbound keys older than %d days", dropped, days)

    scheduler.add_job(
        run,
        "interval",
        hours=6,
        id=JOB_ID,
        coalesce=True,
        max_instances=1,
        next_run_time=dt.datetime.now(dt.UTC),
    )
