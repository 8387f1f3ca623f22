"""Everything Rapport posts to Slack: replies, cards updated in place, DMs, the App Home."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack import split
from bot.adapters.slack.outbound import Poster
from bot.adapters.slack.render import home_view, render
from bot.delivery import Delivery
from handlers import outbound
from handlers.core import Core
from handlers.types import Delivered, Message, Reply

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
        return (await self.deliver_parts(address, reply, frozenset())).complete

    async def deliver_parts(self, address: str, reply: Reply, done: frozenset[str]) -> Delivered:
        """Post the parts of a reply not in `done`: its messages ("text:N"), then the chart.

        The chart is optional: when only it fails, the reply still counts as delivered
        and one line says the chart could not be posted.
        """
        sent = set(done)
        try:
            channel = await self.dm_channel(address) if is_person(address) else address
            for i, payload in enumerate(split.messages(reply)):
                if f"text:{i}" not in sent:
                    await self.poster.post_rendered(channel, payload)
                    sent.add(f"text:{i}")
        except SlackApiError as exc:
            error = str(exc.response.get("error"))
            await self._failed(address, error)
            return Delivered(frozenset(sent), False, error)
        if reply.image and not sent & {"chart", "chart:failed"}:
            error = await self.upload_chart(channel, reply)
            if error:
                sent.add("chart:failed")  # said once; a later try would not post it again
                return Delivered(frozenset(sent), True, error)
            sent.add("chart")
        return Delivered(frozenset(sent), True)

    async def upload_chart(self, channel: str, reply: Reply, thread_ts: str | None = None) -> str:
        """Upload a reply's chart beside it; on failure say so in one line. The error, or ""."""
        try:
            await self.client.files_upload_v2(
                channel=channel, content=reply.image, filename="rapport-chart.png",
                title=reply.title or "Rapport chart", thread_ts=thread_ts,
            )  # fmt: skip
            return ""
        except SlackApiError as exc:
            error = str(exc.response.get("error"))
        log.warning("Slack chart upload to %s failed: %s", channel, error)
        with contextlib.suppress(SlackApiError):
            note = Reply(f"The chart could not be posted (Slack said: {error}).", tone="warning")
            await self.poster.post(channel, note, thread_ts=thread_ts)
        return error

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
                continue
            for payload in split.messages(reply):
                await self.poster.post_rendered(message.chat, payload, thread_ts=message.thread)
            if reply.image:
                await self.upload_chart(message.chat, reply, message.thread)

    async def respond_all(
        self,
        respond: Any,
        replies: list[Reply],
        shared: bool = False,
        channel: str = "",
        user: str = "",
    ) -> None:
        """Answer through a response_url (slash commands, shortcuts): privately unless shared.

        A reply for the author alone stays private even when the rest is shared.
        """
        for reply in replies:
            kind = "in_channel" if shared and not reply.ephemeral else "ephemeral"
            for payload in split.messages(reply):
                await respond(response_type=kind, **payload)
            if reply.image and channel:
                # A response_url carries no file: the chart goes to the channel when shared,
                # else to the person's DM with the bot, so it stays as private as the text.
                where = channel if kind == "in_channel" else await self.dm_channel(user)
                await self.upload_chart(where, reply)

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
