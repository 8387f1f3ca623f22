"""Slack users' names and time zones from users.info, cached for a day."""

from __future__ import annotations

import logging
import time

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)
TTL = 24 * 3600.0


class Profiles:
    """users.info, once a day per user."""

    def __init__(self, client: AsyncWebClient, ttl: float = TTL) -> None:
        """Ask `client`; keep each answer `ttl` seconds."""
        self.client = client
        self.ttl = ttl
        self._cache: dict[str, tuple[float, str | None, str | None]] = {}

    async def get(self, user: str) -> tuple[str | None, str | None]:
        """(display name, IANA time zone) of a Slack user; (None, None) if unknown."""
        hit = self._cache.get(user)
        if hit and time.monotonic() - hit[0] < self.ttl:
            return hit[1], hit[2]
        name = tz = None
        try:
            resp = await self.client.users_info(user=user)
            info = resp.get("user") or {}
            profile = info.get("profile") or {}
            name = profile.get("real_name") or info.get("real_name") or info.get("name")
            tz = info.get("tz")
        except SlackApiError as exc:
            log.warning("users.info failed for %s: %s", user, exc.response.get("error"))
            if hit:
                return hit[1], hit[2]
        self._cache[user] = (time.monotonic(), name, tz)
        return name, tz
