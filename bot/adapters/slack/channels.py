"""Whether the bot is a member of a Slack channel (conversations.info `is_member`).

A slash command works in any channel, but the bot can post only where it is a member, so
a digest set in a channel the bot is not in would never arrive: the core is told.
"""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)
# What conversations.info answers for a private channel the bot was never invited to.
_UNSEEN = {"channel_not_found", "not_in_channel"}


class Membership:
    """conversations.info per channel; a "yes" is kept, a "no" asked again next time."""

    def __init__(self, client: AsyncWebClient) -> None:
        """Ask `client`."""
        self.client = client
        self._member: set[str] = set()  # after an /invite the next command must see it

    async def bot_in(self, channel: str) -> bool | None:
        """True or False from Slack; None when Slack would not say (the core then trusts)."""
        if channel in self._member:
            return True
        try:
            info = await self.client.conversations_info(channel=channel)
        except SlackApiError as exc:
            error = str(exc.response.get("error"))
            if error in _UNSEEN:
                return False
            log.warning("conversations.info failed for %s: %s", channel, error)
            return None
        member = bool((info.get("channel") or {}).get("is_member"))
        if member:
            self._member.add(channel)
        return member
