"""Everything Rapport sends to Telegram: messages in chunks with keyboards, cards edited."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError

from bot.adapters.telegram.render import render
from bot.delivery import Delivery
from handlers import outbound
from handlers.core import Core
from handlers.types import Delivered, Reply

log = logging.getLogger(__name__)


def markup(rows: tuple[tuple[tuple[str, str], ...], ...]) -> InlineKeyboardMarkup | None:
    """An inline keyboard from rendered rows of (label, callback_data); None when empty."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


class TelegramSender:
    """Sends replies to chats; a chat that blocked the bot is remembered as unreachable."""

    def __init__(self, bot: Any, core: Core, delivery: Delivery | None) -> None:
        """Send with `bot`; tell `core` (and `delivery`) about people and groups gone."""
        self.bot = bot
        self.core = core
        self.delivery = delivery

    async def send(self, chat_id: str, reply: Reply, user: str) -> bool:
        """Send a reply (photo first, then text chunks; the keyboard on the last one)."""
        return (await self.send_parts(chat_id, reply, user, frozenset())).complete

    async def send_parts(
        self, chat_id: str, reply: Reply, user: str, done: frozenset[str], moved: bool = False
    ) -> Delivered:
        """Send the parts not in `done`: the photo ("chart", optional), then "text:N" chunks.

        A group that became a supergroup is followed once: what it owned moves to the new
        id and the parts not yet out go there.
        """
        out = render(reply)
        sent = set(done)
        chart_error = ""
        try:
            if reply.image and not sent & {"chart", "chart:failed"}:
                chart_error = await self._photo(chat_id, reply.image)
                if not chart_error:
                    sent.add("chart")
            for i, chunk in enumerate(out.chunks):
                if f"text:{i}" in sent:
                    continue
                last = i == len(out.chunks) - 1
                await self.bot.send_message(
                    chat_id=chat_id, text=chunk, parse_mode=ParseMode.HTML,
                    reply_markup=markup(out.keyboard) if last else None,
                )  # fmt: skip
                sent.add(f"text:{i}")
        except ChatMigrated as exc:
            new = str(exc.new_chat_id)
            await self.moved(chat_id, new)
            if moved:
                return Delivered(frozenset(sent), False, "the group moved twice")
            return await self.send_parts(new, reply, user, frozenset(sent), moved=True)
        except Forbidden:
            await self._blocked(chat_id, user)
            return Delivered(frozenset(sent), False, "the bot was blocked or removed")
        except TelegramError as exc:
            log.warning("Telegram send to %s failed: %s", chat_id, exc.message)
            return Delivered(frozenset(sent), False, exc.message)
        if chart_error:
            sent.add("chart:failed")  # said once below; not tried again
            with contextlib.suppress(TelegramError):
                await self.bot.send_message(
                    chat_id=chat_id, text=f"The chart could not be posted ({chart_error})."
                )
        return Delivered(frozenset(sent), True, chart_error)

    async def _photo(self, chat_id: str, image: bytes) -> str:
        """Send the chart; "" when sent, else Telegram's reason (blocked and moved are raised)."""
        try:
            await self.bot.send_photo(chat_id=chat_id, photo=image)
        except (Forbidden, ChatMigrated):
            raise
        except TelegramError as exc:
            log.warning("Telegram photo to %s failed: %s", chat_id, exc.message)
            return exc.message
        return ""

    async def moved(self, old: str, new: str) -> None:
        """A group became a supergroup: its digest, allowance and questions follow it."""
        count = await asyncio.to_thread(self.core.in_unit, outbound.move_chat, "telegram", old, new)
        log.info("Telegram chat %s is now %s (%d records moved)", old, new, count)

    async def _blocked(self, chat_id: str, user: str) -> None:
        log.warning("Telegram chat %s blocked the bot; marking unreachable", chat_id)
        if chat_id.startswith("-") and self.delivery is not None:
            await self.delivery.channel_gone(self.core, "telegram", chat_id, "bot removed")
        else:
            await asyncio.to_thread(self.core.in_unit, outbound.mark_unreachable, "telegram", user)

    async def send_privately(self, user: str, reply: Reply) -> bool:
        """Send a reply meant for one person to their private chat with the bot.

        Telegram refuses when they never opened one: then nothing is sent (and nothing
        marked, since they may well open it later).
        """
        out = render(reply)
        try:
            for chunk in out.chunks:
                await self.bot.send_message(chat_id=user, text=chunk, parse_mode=ParseMode.HTML)
        except (Forbidden, BadRequest) as exc:
            log.info("no private chat with Telegram user %s (%s)", user, exc)
            return False
        return True

    async def deliver(self, address: str, reply: Reply) -> bool:
        """A message the bot starts (a nudge to a person, a digest to a group)."""
        return await self.send(address, reply, address)

    async def deliver_parts(self, address: str, reply: Reply, done: frozenset[str]) -> Delivered:
        """The parts of a message the bot starts that are not yet out (see `send_parts`)."""
        return await self.send_parts(address, reply, address, done)

    async def edit(self, query: Any, chat_id: str, reply: Reply) -> bool:
        """Replace the card a button was pressed on; False when Telegram won't (too old)."""
        out = render(reply)
        try:
            await query.edit_message_text(
                out.chunks[0], parse_mode=ParseMode.HTML, reply_markup=markup(out.keyboard)
            )
        except BadRequest as exc:
            log.info("edit failed (%s); sending instead", exc)
            return False
        for extra in out.chunks[1:]:
            await self.bot.send_message(chat_id, extra, parse_mode=ParseMode.HTML)
        return True
