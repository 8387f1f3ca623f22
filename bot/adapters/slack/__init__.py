"""Rapport as a Slack app: HTTP mode (signed requests on PORT) or Socket Mode."""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web

from bot.adapters.slack.app import build_slack_app, close_client
from bot.adapters.slack.config import SlackConfig
from bot.background import Background
from bot.delivery import Delivery
from handlers.core import Core

log = logging.getLogger(__name__)

__all__ = ["SlackConfig", "build_slack_app", "serve_slack"]


async def serve_slack(core: Core, config: SlackConfig, delivery: Delivery | None = None) -> None:
    """Serve Slack until cancelled: Socket Mode with an app token, else HTTP."""
    background = Background()
    app = build_slack_app(core, config, delivery=delivery, background=background)
    if config.app_token:
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        handler = AsyncSocketModeHandler(app, config.app_token)
        await handler.connect_async()  # type: ignore[no-untyped-call]
        log.info("Slack: connected in Socket Mode")
        try:
            await asyncio.Event().wait()
        finally:
            await handler.close_async()  # type: ignore[no-untyped-call]
            await background.drain()
            await close_client(app.client)
        return
    runner = web.AppRunner(app.web_app(path=config.path, port=config.port))
    await runner.setup()
    site = web.TCPSite(runner, config.host, config.port, reuse_port=config.reuse_port or None)
    await site.start()
    log.info("Slack: listening on http://%s:%s%s", config.host, config.port, config.path)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
        await background.drain()
        await close_client(app.client)
