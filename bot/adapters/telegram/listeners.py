"""What Rapport does with each Telegram update: text and button presses to the core.

A reply meant for its author alone (a refusal, a code, "ask me in a DM") never goes to a
group: it is the answer to the button press that prompted it, or a private message.
"""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.adapters.telegram.inbound import from_update, migration
from bot.adapters.telegram.sender import TelegramSender
from handlers.core import Core
from handlers.types import Message, Reply

MAX_ALERT = 200  # Telegram's limit for a callback answer's text


class TelegramListeners:
    """Reads updates; every callback query is answered once, replies go out once."""

    def __init__(self, core: Core, sender: TelegramSender) -> None:
        """Answer with `core`, send with `sender`."""
        self.core = core
        self.sender = sender

    async def update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """One update: a message or a button press."""
        bot: Any = context.bot
        moved = migration(update.to_dict())
        if moved is not None:
            await self.sender.moved(*moved)
            return
        message = from_update(update.to_dict(), bot.username if bot else None, bot.id)
        query = update.callback_query
        if message is None:
            if query is not None:
                await query.answer()  # always, so the button stops spinning
            return
        replies, fresh = await asyncio.to_thread(self.core.handle_event, message)
        replies = replies if fresh else []
        if query is not None:
            replies = await self._answer(query, message, replies)
        for reply in replies:
            await self._send(query, message, reply)

    @staticmethod
    async def _answer(query: Any, message: Message, replies: list[Reply]) -> list[Reply]:
        """Answer the press; in a group, the first private reply is the answer's alert.

        Returns the replies still to send.
        """
        private = [r for r in replies if r.ephemeral and not message.is_direct]
        if private:
            await query.answer(text=private[0].text[:MAX_ALERT], show_alert=True)
        else:
            await query.answer()
        return [r for r in replies if r not in private]

    async def _send(self, query: Any, message: Message, reply: Reply) -> None:
        if reply.ephemeral and not message.is_direct:
            await self.sender.send_privately(message.user, reply)
            return
        editable = query is not None and reply.replace and query.message is not None
        if editable and await self.sender.edit(query, message.chat, reply):
            return
        await self.sender.send(message.chat, reply, message.user)
