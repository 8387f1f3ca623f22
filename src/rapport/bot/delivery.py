"""Messages the bot starts (nudges, digests) go out through the platform that owns the address."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from rapport.handlers.types import Recipient, Reply

log = logging.getLogger(__name__)

#: Sends one reply to an address on one platform; True when it was delivered.
Sender = Callable[[str, Reply], Awaitable[bool]]


class Delivery:
    """Platform senders by name; each adapter registers its own when it starts."""

    def __init__(self) -> None:
        self._senders: dict[str, Sender] = {}

    def register(self, platform: str, sender: Sender) -> None:
        """Let `platform` carry messages the bot starts."""
        self._senders[platform] = sender

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
