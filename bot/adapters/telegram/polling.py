"""Long polling that acknowledges an update only after it was handled.

python-telegram-bot's Updater confirms a batch (the next getUpdates offset) as soon as it is
queued, so a crash loses whatever was queued but not yet handled. Here the offset moves past
an update only once the core has stored it; after a crash Telegram sends it again, and the
core's message keys make the second delivery silent.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import Update
from telegram.error import Conflict, NetworkError, RetryAfter, TimedOut

log = logging.getLogger(__name__)
MAX_BACKOFF = 30.0


async def poll(app: Any, timeout: float) -> None:
    """Fetch, handle in order, then acknowledge; until cancelled."""
    offset: int | None = None
    backoff = 1.0
    while True:
        try:
            updates = await app.bot.get_updates(
                offset=offset, timeout=int(timeout), allowed_updates=Update.ALL_TYPES
            )
        except RetryAfter as exc:
            await asyncio.sleep(_seconds(exc.retry_after))
            continue
        except (TimedOut, NetworkError, Conflict) as exc:
            # Conflict: another poller (or a webhook) holds the bot; it may be going away.
            log.warning("Telegram getUpdates failed (%s); again in %.0f s", exc, backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, MAX_BACKOFF)
            continue
        backoff = 1.0
        for update in updates:
            # In order, one at a time, like the Application's default: a reply to a
            # question must not overtake the question.
            await app.process_update(update)
            offset = update.update_id + 1


def _seconds(value: Any) -> float:
    return float(value.total_seconds()) if hasattr(value, "total_seconds") else float(value)
