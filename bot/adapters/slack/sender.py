"""Everything Rapport posts to Slack: replies, cards updated in place, DMs, the App Home."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.outbound import Poster
from bot.adapters.slack.render import home_view, render
from bot.delivery import Delivery
from handlers import outbound
from handlers.core import Core
from handlers.types import Message, Reply

log = logging.getLogger(__name__)
# Errors that mean the person or channel is gone, not that Slack is busy.
GONE = {"user_not_found", "account_inactive", "channel_not_found", "is_archived",
        "not_in_channel", "user_disabled", "cannot_dm_bot"}  # fmt: skip


def is_person(address: str) -> bool:
    """Whether a Slack address is a user id (a DM) rather than a channel id."""
    return address.startswith(("U", "W"))


class SlackSender:
    """Posts replies where they belong, and carries nudges and digests."""

    def __init__(
        self, client: AsyncWebClient, poster: Poster, core: Core, delivery: Delivery | None
    ) -> None:
        """Post through `poster`; tell `core` (and `delivery`) about people and channels gone."""
        self.client = client
        self.poster = poster
        self.core = core
        self.delivery = delivery
        self._dm_channels: dict[str, str] = {}  # a person's DM channel id never changes

    async def dm_channel(self, user: str) -> str:
        """The id of the bot's DM with `user` (conversations.open, once per person)."""
        channel = self._dm_channels.get(user, "")
        if not channel:
            opened = await self.client.conversations_open(users=user)
            channel = str((opened.get("channel") or {}).get("id", ""))
            self._dm_channels[user] = channel
        return channel

    async def deliver(self, address: str, reply: Reply) -> bool:
        """A message the bot starts: a user id gets a DM, a channel id a post."""
        try:
            channel = await self.dm_channel(address) if is_person(address) else address
            await self.poster.post(channel, reply)
            if reply.image:
                await self.client.files_upload_v2(
                    channel=channel, content=reply.image, filename="rapport-digest.png",
                    title=reply.title or "Rapport chart",
                )  # fmt: skip
            return True
        except SlackApiError as exc:
            await self._failed(address, str(exc.response.get("error")))
            return False

    async def _failed(self, address: str, error: str) -> None:
        log.warning("Slack delivery to %s failed: %s", address, error)
        if error not in GONE:
            return
        if is_person(address):
            await asyncio.to_thread(self.core.in_unit, outbound.mark_unreachable, "slack", address)
        elif self.delivery is not None:
            await self.delivery.channel_gone(self.core, "slack", address, error)

    async def reply_in(self, message: Message, replies: list[Reply]) -> None:
        """Answer an event where it came from (a channel's thread, or the DM).

        A reply for the author alone goes to them only: an ephemeral message in a channel.
        """
        for reply in replies:
            if reply.ephemeral and not message.is_direct:
                await self.poster.ephemeral(message.chat, message.user, reply, message.thread)
            else:
                await self.poster.post(message.chat, reply, thread_ts=message.thread)

    async def respond_all(self, respond: Any, replies: list[Reply], shared: bool = False) -> None:
        """Answer through a response_url (slash commands, shortcuts): privately unless shared.

        A reply for the author alone stays private even when the rest is shared.
        """
        for reply in replies:
            kind = "in_channel" if shared and not reply.ephemeral else "ephemeral"
            await respond(response_type=kind, **render(reply))

    async def answer_action(
        self, message: Message, container: dict[str, Any], replies: list[Reply], respond: Any
    ) -> None:
        """Answer a button press: the card in place when the reply replaces it, else beside it."""
        thread = message.thread or container.get("message_ts")
        for reply in replies:
            if reply.ephemeral and not message.is_direct and not container.get("is_ephemeral"):
                await self.poster.ephemeral(message.chat, message.user, reply, thread)
            elif reply.replace and container.get("is_ephemeral"):
                await respond(replace_original=True, **render(reply))
            elif reply.replace and container.get("message_ts"):
                await self.poster.update(message.chat, str(container["message_ts"]), reply)
            elif container.get("is_ephemeral"):
                await respond(replace_original=False, **render(reply))
            else:
                await self.poster.post(
                    message.chat, reply, thread_ts=thread if not message.is_direct else None
                )

    async def publish_home(self, user: str, replies: list[Reply]) -> None:
        """Publish a person's App Home tab."""
        await self.client.views_publish(user_id=user, view=home_view(replies))
