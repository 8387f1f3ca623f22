"""Composition root: settings -> store -> core -> every configured platform, one event loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Coroutine
from typing import Any

from rapport.bot.config import Settings
from rapport.handlers.core import Core, CoreSettings
from rapport.store import Store

log = logging.getLogger(__name__)


def core_settings(settings: Settings) -> CoreSettings:
    """The core's view of the settings: no tokens, no platform detail beyond admin ids."""
    return CoreSettings(
        team_name=settings.team_name,
        default_tz=settings.tz,
        workday_start=settings.workday_start,
        admin_ids=frozenset(("telegram", uid) for uid in settings.telegram_admin_ids),
        default_followup_days=settings.followup_days,
    )


def build_core(settings: Settings) -> Core:
    """Open the store (upgrading its schema) and build the core on it."""
    store = Store(settings.database_url)
    return Core(store, core_settings(settings))


def platform_services(core: Core, settings: Settings) -> list[Coroutine[Any, Any, None]]:
    """One long-running coroutine per configured platform."""
    services: list[Coroutine[Any, Any, None]] = []
    if settings.slack_configured:
        from rapport.bot.adapters.slack import SlackConfig, serve_slack

        assert settings.slack_bot_token and settings.slack_signing_secret
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
                    port=settings.port,
                ),
            )
        )
    if settings.telegram_configured:
        from rapport.bot.adapters.telegram import TelegramConfig, serve_telegram

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
                ),
            )
        )
    return services


async def serve(core: Core, settings: Settings, user: str, tz: str | None) -> None:
    """Run every configured platform until a signal; with none, the terminal chat."""
    services = platform_services(core, settings)
    if not services:
        from rapport.bot.adapters.console import run_console

        log.info("No platform tokens set: opening the terminal chat on %s", _where(settings))
        await run_console(
            core,
            user=user,
            tz=tz,
            stdin=sys.stdin,
            stdout=sys.stdout,
            interactive=sys.stdin.isatty(),
        )
        return
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    tasks = [asyncio.create_task(s) for s in services]
    waiter = asyncio.create_task(stop.wait())
    done, _ = await asyncio.wait([*tasks, waiter], return_when=asyncio.FIRST_COMPLETED)
    for task in [*tasks, waiter]:
        task.cancel()
    await asyncio.gather(*tasks, waiter, return_exceptions=True)
    for task in done:
        if task is not waiter and task.exception() is not None:
            raise task.exception()  # type: ignore[misc]
    log.info("Stopped")


def _where(settings: Settings) -> str:
    # The URL may hold a password: show only its scheme and database part.
    url = settings.database_url
    return url.split("@")[-1] if "@" in url else url
