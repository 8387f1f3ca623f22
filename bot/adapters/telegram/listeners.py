"""What Rapport does with each Telegram update: text and button presses to the core."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.adapters.telegram.inbound import from_update
from bot.adapters.telegram.sender import TelegramSender
from handlers.core import Core


class TelegramListeners:
    """Reads updates; every callback query is answered, replies go out for first deliveries."""

    def __init__(self, core: Core, sender: TelegramSender) -> None:
        """Answer with `core`, send with `sender`."""
        self.core = core
        self.sender = sender

    async def update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """One update: a message or a button press."""
        bot: Any = context.bot
        message = from_update(update.to_dict(), bot.username if bot else None)
        query = update.callback_query
        if query is not None:
            await query.answer()  # always, so the button stops spinning
        if message is None:
            return
        replies, fresh = await asyncio.to_thread(self.core.handle_event, message)
        if not fresh:
            return
        for reply in replies:
            editable = query is not None and reply.replace and query.message is not None
            if editable and await self.sender.edit(query, message.chat, reply):
                continue
            await self.sender.send(message.chat, reply, message.user)
