"""The python-telegram-bot Application: updates in, replies out, every callback answered."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden
from telegram.ext import AIORateLimiter, ApplicationBuilder, ContextTypes, TypeHandler

from bot.adapters.telegram.config import TelegramConfig
from bot.adapters.telegram.inbound import COMMANDS, from_update
from bot.adapters.telegram.polling import poll
from bot.adapters.telegram.render import render
from bot.adapters.telegram.webhook import serve_webhook
from bot.delivery import Delivery
from handlers import outbound
from handlers.core import Core
from handlers.types import Reply

log = logging.getLogger(__name__)


def _markup(rows: tuple[tuple[tuple[str, str], ...], ...]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def build_application(core: Core, config: TelegramConfig, delivery: Delivery | None = None) -> Any:
    """An Application wired to the core (not started); with `delivery`, it also carries
    nudges and digests to Telegram chats.
    """
    builder: Any = ApplicationBuilder().token(config.token)
    if config.api_url:
        base = config.api_url.rstrip("/")
        builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
    if config.rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    builder = builder.get_updates_read_timeout(config.poll_timeout + 10)
    builder = builder.updater(None)  # polling.py and webhook.py acknowledge after storing
    app = builder.build()

    async def send(chat_id: str, reply: Reply, user: str) -> bool:
        out = render(reply)
        if reply.image:
            with contextlib.suppress(Forbidden):  # reported by the text send below
                await app.bot.send_photo(chat_id=chat_id, photo=reply.image)
        for i, chunk in enumerate(out.chunks):
            last = i == len(out.chunks) - 1
            try:
                await app.bot.send_message(
                    chat_id=chat_id, text=chunk, parse_mode=ParseMode.HTML,
                    reply_markup=_markup(out.keyboard) if last else None,
                )  # fmt: skip
            except Forbidden:
                log.warning("Telegram chat %s blocked the bot; marking unreachable", chat_id)
                if chat_id.startswith("-") and delivery is not None:
                    await delivery.channel_gone(core, "telegram", chat_id, "bot removed")
                else:
                    await asyncio.to_thread(
                        core.in_unit, outbound.mark_unreachable, "telegram", user
                    )
                return False
        return True

    async def deliver(address: str, reply: Reply) -> bool:
        return await send(address, reply, address)

    if delivery is not None:
        delivery.register("telegram", deliver)

    async def on_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        username = app.bot.username if app.bot else None
        message = from_update(update.to_dict(), username)
        query = update.callback_query
        if query is not None:
            await query.answer()  # always, so the button stops spinning
        if message is None:
            return
        replies, fresh = await asyncio.to_thread(core.handle_event, message)
        if not fresh:
            return
        for reply in replies:
            if query is not None and reply.replace and query.message is not None:
                out = render(reply)
                try:
                    await query.edit_message_text(
                        out.chunks[0], parse_mode=ParseMode.HTML, reply_markup=_markup(out.keyboard)
                    )
                    for extra in out.chunks[1:]:
                        await app.bot.send_message(message.chat, extra, parse_mode=ParseMode.HTML)
                    continue
                except BadRequest as exc:  # e.g. message too old to edit: send a new one
                    log.info("edit failed (%s); sending instead", exc)
            await send(message.chat, reply, message.user)

    app.add_handler(TypeHandler(Update, on_update))
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
                                     config.webhook_url, config.webhook_secret)  # fmt: skip
    else:
        await app.bot.delete_webhook()
        log.info("Telegram: polling")
        waiting = poll(app, config.poll_timeout)
    try:
        await waiting
    finally:
        await app.stop()
        await app.shutdown()
