"""Messages the bot starts (nudges, digests) go out through the platform that owns the address."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from handlers import outbound
from handlers.core import Core
from handlers.types import Delivered, Recipient, Reply

log = logging.getLogger(__name__)

#: Sends one reply to an address on one platform; True when it was delivered.
Sender = Callable[[str, Reply], Awaitable[bool]]
#: Sends the parts of a reply not yet out (by name) to an address; says which went out.
PartsSender = Callable[[str, Reply, frozenset[str]], Awaitable[Delivered]]


class Delivery:
    """Platform senders by name; each adapter registers its own when it starts."""

    def __init__(self) -> None:
        """No platform yet: adapters register as they start."""
        self._senders: dict[str, Sender] = {}
        self._parts: dict[str, PartsSender] = {}

    def register(self, platform: str, sender: Sender, parts: PartsSender | None = None) -> None:
        """Let `platform` carry messages the bot starts (with `parts`, in named parts)."""
        self._senders[platform] = sender
        if parts is not None:
            self._parts[platform] = parts

    async def channel_gone(self, core: Core, platform: str, chat: str, why: str) -> None:
        """A chat that received a digest is gone: stop its digest and tell the admins once."""
        first = await asyncio.to_thread(core.in_unit, outbound.stop_digest, platform, chat)
        if not first:
            return
        text = (f"I can no longer post the digest in {platform} chat {chat} ({why}), so I "
                "turned it off there. Send “digest 08:30” in a chat I can post in to restart it.")  # fmt: skip
        for admin in await asyncio.to_thread(core.in_unit, outbound.admin_recipients):
            await self.send(admin, Reply(text, tone="warning"))

    def can_reach(self, platform: str) -> bool:
        """Whether a sender for `platform` is running."""
        return platform in self._senders

    async def send(self, recipient: Recipient, reply: Reply) -> bool:
        """Deliver, or say it was not delivered (it will be retried on a later tick)."""
        sender = self._senders.get(recipient.platform)
        if sender is None:
            return False
        try:
            return await sender(recipient.address, reply)
        except Exception:
            log.exception("delivery to %s failed", recipient.platform)
            return False

    async def send_parts(
        self, recipient: Recipient, reply: Reply, done: frozenset[str]
    ) -> Delivered:
        """Deliver the parts not in `done`; a platform without parts sends the whole reply."""
        parts = self._parts.get(recipient.platform)
        if parts is None:
            if done:
                return Delivered(done, True)
            sent = await self.send(recipient, reply)
            return Delivered(frozenset({"text:0"}) if sent else frozenset(), sent)
        try:
            return await parts(recipient.address, reply, done)
        except Exception as exc:
            log.exception("delivery to %s failed", recipient.platform)
            return Delivered(done, False, type(exc).__name__)
