"""The python-telegram-bot Application, wired to Rapport's listeners and sender."""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand, Update
from telegram.ext import AIORateLimiter, ApplicationBuilder, TypeHandler

from bot.adapters.telegram.config import TelegramConfig
from bot.adapters.telegram.inbound import COMMANDS
from bot.adapters.telegram.listeners import TelegramListeners
from bot.adapters.telegram.polling import poll
from bot.adapters.telegram.sender import TelegramSender
from bot.adapters.telegram.webhook import serve_webhook
from bot.delivery import Delivery
from handlers.core import Core

log = logging.getLogger(__name__)


def _builder(config: TelegramConfig) -> Any:
    builder: Any = ApplicationBuilder().token(config.token)
    if config.api_url:
        base = config.api_url.rstrip("/")
        builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
    if config.rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    builder = builder.get_updates_read_timeout(config.poll_timeout + 10)
    return builder.updater(None)  # polling.py and webhook.py acknowledge after storing


def build_application(core: Core, config: TelegramConfig, delivery: Delivery | None = None) -> Any:
    """An Application wired to the core (not started).

    With `delivery`, it also carries nudges and digests to Telegram chats.
    """
    app = _builder(config).build()
    sender = TelegramSender(app.bot, core, delivery)
    if delivery is not None:
        delivery.register("telegram", sender.deliver, sender.deliver_parts)
    app.add_handler(TypeHandler(Update, TelegramListeners(core, sender).update))
    return app


async def register_commands(app: Any) -> None:
    """setMyCommands, so phones show the command menu."""
    await app.bot.set_my_commands(
        [BotCommand(name, about) for name, (_, about) in COMMANDS.items()]
    )


def webhook_path(config: TelegramConfig) -> str:
    """The URL path the webhook server listens on (the last part of TELEGRAM_WEBHOOK_URL)."""
    from urllib.parse import urlparse

    return urlparse(config.webhook_url or "").path.lstrip("/") or "telegram"


async def serve_telegram(
    core: Core, config: TelegramConfig, delivery: Delivery | None = None
) -> None:
    """Run in the current event loop until cancelled: long polling, or a webhook."""
    app: Any = build_application(core, config, delivery)
    await app.initialize()
    await register_commands(app)
    await app.start()
    if config.webhook_url:
        if not config.webhook_secret:
            raise ValueError("TELEGRAM_WEBHOOK_URL needs TELEGRAM_WEBHOOK_SECRET")
        waiting: Any = serve_webhook(app, config.listen, config.port, webhook_path(config),
                                     config.webhook_url, config.webhook_secret,
                                     config.reuse_port)  # fmt: skip
    else:
        await app.bot.delete_webhook()
        log.info("Telegram: polling")
        waiting = poll(app, config.poll_timeout)
    try:
        await waiting
    finally:
        await app.stop()
        await app.shutdown()
