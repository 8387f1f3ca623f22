"""The webhook receiver: Telegram gets its 200 only after the update is stored.

python-telegram-bot's own webhook server answers as soon as an update is queued, so a crash
loses what was queued; here a crash before the answer makes Telegram deliver it again, and
the core's message keys keep the second delivery silent.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any

from aiohttp import web
from telegram import Update

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_app(app: Any, path: str, secret: str) -> web.Application:
    """An aiohttp app that hands each signed update to `app` (a PTB Application), in order."""
    turn = asyncio.Lock()  # one at a time, like polling: a reply must not overtake its question

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return web.Response(status=403)
        try:
            data = json.loads(await request.read())
            update = Update.de_json(data, app.bot)
        except (ValueError, TypeError, KeyError):
            return web.Response(status=400, text="not an update")
        if update is None:
            return web.Response(status=400, text="not an update")
        async with turn:
            await app.process_update(update)
        return web.Response(text="ok")

    web_app = web.Application()
    web_app.router.add_post("/" + path.lstrip("/"), receive)
    return web_app


async def serve_webhook(
    app: Any, listen: str, port: int, path: str, url: str, secret: str, reuse_port: bool = False
) -> None:
    """Listen, register the webhook with Telegram, and serve until cancelled."""
    runner = web.AppRunner(webhook_app(app, path, secret))
    await runner.setup()
    site = web.TCPSite(runner, listen, port, reuse_port=reuse_port or None)
    await site.start()
    try:
        await app.bot.set_webhook(url=url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
        log.info("Telegram: webhook on port %s", port)
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
