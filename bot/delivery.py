"""Messages the bot starts (nudges, digests) go out through the platform that owns the address."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from handlers import outbound
from handlers.core import Core
from handlers.types import Recipient, Reply

log = logging.getLogger(__name__)

#: Sends one reply to an address on one platform; True when it was delivered.
Sender = Callable[[str, Reply], Awaitable[bool]]


class Delivery:
    """Platform senders by name; each adapter registers its own when it starts."""

    def __init__(self) -> None:
        """No platform yet: adapters register as they start."""
        self._senders: dict[str, Sender] = {}

    def register(self, platform: str, sender: Sender) -> None:
        """Let `platform` carry messages the bot starts."""
        self._senders[platform] = sender

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
