"""Composition root: settings -> store -> core -> every configured platform, one event loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
import time
from collections.abc import Coroutine
from typing import Any

from bot import redact
from bot.config import Settings
from bot.delivery import Delivery
from bot.housekeeping import schedule_forgetting
from bot.scheduler import start_scheduler
from handlers.core import Core, CoreSettings
from store import Store

log = logging.getLogger(__name__)


def core_settings(settings: Settings) -> CoreSettings:
    """The core's view of the settings: no tokens, no platform detail beyond admin ids."""
    return CoreSettings(
        team_name=settings.team_name,
        default_tz=settings.tz,
        workday_start=settings.workday_start,
        admin_ids=frozenset(("telegram", uid) for uid in settings.telegram_admin_ids),
        default_followup_days=settings.followup_days,
        quiet_hours=settings.quiet_hours,
        workdays=settings.workdays,
        cold_days=settings.cold_days,
        default_currency=settings.default_currency,
        deal_idle_days=settings.deal_idle_days,
        phone_region=settings.phone_region,
        index_dir=settings.index_dir or None,
    )


def build_core(settings: Settings) -> Core:
    """Open the store (upgrading its schema) and build the core on it."""
    store = Store(
        settings.database_url, default_currency=settings.default_currency, default_tz=settings.tz
    )
    return Core(store, core_settings(settings))


def platform_services(
    core: Core, settings: Settings, delivery: Delivery | None = None, worker: int = 0
) -> list[Coroutine[Any, Any, None]]:
    """One long-running coroutine per configured platform (for worker `worker` of several)."""
    shared = settings.workers > 1
    services: list[Coroutine[Any, Any, None]] = []
    if settings.slack_configured:
        from bot.adapters.slack import SlackConfig, serve_slack

        assert settings.slack_bot_token
        assert settings.slack_signing_secret
        services.append(
            serve_slack(
                core,
                SlackConfig(
                    bot_token=settings.slack_bot_token.get_secret_value(),
                    signing_secret=settings.slack_signing_secret.get_secret_value(),
                    app_token=(
                        settings.slack_app_token.get_secret_value()
                        if settings.slack_app_token
                        else None
                    ),
                    api_url=settings.slack_api_url,
                    allow_guests=settings.slack_allow_guests,
                    port=settings.port,
                    host=settings.host,
                    reuse_port=shared,
                ),
                delivery,
            )
        )
    # Telegram answers one long poller at a time: the first worker polls for all.
    if settings.telegram_configured and (worker == 0 or settings.telegram_webhook_url):
        from bot.adapters.telegram import TelegramConfig, serve_telegram

        assert settings.telegram_bot_token
        if settings.telegram_webhook_url and not settings.telegram_webhook_secret:
            raise SystemExit("TELEGRAM_WEBHOOK_URL needs TELEGRAM_WEBHOOK_SECRET as well.")
        services.append(
            serve_telegram(
                core,
                TelegramConfig(
                    token=settings.telegram_bot_token.get_secret_value(),
                    api_url=settings.telegram_api_url,
                    webhook_url=settings.telegram_webhook_url,
                    webhook_secret=(
                        settings.telegram_webhook_secret.get_secret_value()
                        if settings.telegram_webhook_secret
                        else None
                    ),
                    port=settings.telegram_port,
                    listen=settings.host,
                    reuse_port=shared,
                ),
                delivery,
            )
        )
    return services


async def chat(core: Core, user: str, tz: str | None) -> None:
    """The terminal chat with the scheduler running, so nudges show as they fire."""
    from bot.adapters.console import run_console

    delivery = Delivery()
    scheduler = start_scheduler(core, delivery)
    try:
        await run_console(
            core,
            user=user,
            tz=tz,
            stdin=sys.stdin,
            stdout=sys.stdout,
            interactive=sys.stdin.isatty(),
            delivery=delivery,
        )
    finally:
        scheduler.shutdown(wait=False)


async def serve(core: Core, settings: Settings, user: str, tz: str | None, worker: int = 0) -> None:
    """Run every configured platform and the scheduler until a signal; with none, the chat."""
    redact.install(redact.settings_secrets(settings))
    delivery = Delivery()
    services = platform_services(core, settings, delivery, worker)
    if not services:
        log.info("No platform tokens set: opening the terminal chat on %s", _where(settings))
        await chat(core, user, tz)
        return
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    waiter = asyncio.create_task(stop.wait())
    # Ready before listening: a platform that finds the port closed retries later, while
    # one whose first events wait seconds for the index times out and retries them at once.
    warming = asyncio.create_task(_warm(core))
    await asyncio.wait([warming, waiter], return_when=asyncio.FIRST_COMPLETED)
    if stop.is_set():
        for service in services:
            service.close()  # never started
        warming.cancel()
        await asyncio.gather(warming, waiter, return_exceptions=True)
        log.info("Stopped")
        return
    scheduler = start_scheduler(core, delivery)
    schedule_forgetting(scheduler, core, settings.inbound_retention_days)
    tasks = [asyncio.create_task(s) for s in services]
    done, _ = await asyncio.wait([*tasks, waiter], return_when=asyncio.FIRST_COMPLETED)
    for task in [*tasks, waiter]:
        task.cancel()
    await asyncio.gather(*tasks, waiter, warming, return_exceptions=True)
    scheduler.shutdown(wait=False)
    for task in done:
        if task is not waiter and task.exception() is not None:
            raise task.exception()  # type: ignore[misc]
    log.info("Stopped")


async def _warm(core: Core) -> None:
    """Read the directory and build the parser's index before the platforms connect.

    So the first message is not the one that waits (seconds, for 100,000 contacts).
    """
    started = time.monotonic()
    try:
        await asyncio.to_thread(core.warm)
    except Exception:
        log.warning("could not prepare the directory ahead of the first message", exc_info=True)
    else:
        log.info("Directory ready in %.1f s", time.monotonic() - started)


def _where(settings: Settings) -> str:
    # The URL may hold a password: show only its scheme and database part.
    url = settings.database_url
    return url.split("@")[-1] if "@" in url else url
