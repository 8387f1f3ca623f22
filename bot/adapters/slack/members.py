"""Who a Slack user is (users.info): name, time zone, home team, guest and admin flags."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)
# Admin and guest flags decide what a person may do: an hour-old answer is as stale as it gets.
TTL = 3600.0


@dataclass(frozen=True)
class Person:
    """What Slack says about one user."""

    user: str
    name: str | None = None
    tz: str | None = None
    team: str = ""  # the user's home workspace
    admin: bool = False  # a workspace admin or owner
    guest: bool = False  # a single- or multi-channel guest
    stranger: bool = False  # from another organisation (Slack Connect)
    # The profile's email (scope users:read.email), which Slack verified: it claims an
    # imported member with that email.
    email: str | None = None


def person_from(info: dict[str, object]) -> Person:
    """A Person from a users.info `user` object."""
    profile = info.get("profile") or {}
    assert isinstance(profile, dict)
    name = profile.get("real_name") or info.get("real_name") or info.get("name")
    tz = info.get("tz")
    return Person(
        user=str(info.get("id", "")),
        name=str(name) if name else None,
        tz=str(tz) if tz else None,
        team=str(info.get("team_id") or ""),
        admin=any(bool(info.get(f)) for f in ("is_admin", "is_owner", "is_primary_owner")),
        guest=bool(info.get("is_restricted") or info.get("is_ultra_restricted")),
        stranger=bool(info.get("is_stranger")),
        email=str(profile["email"]).strip().lower() if profile.get("email") else None,
    )


class Profiles:
    """users.info, once an hour per user."""

    def __init__(self, client: AsyncWebClient, ttl: float = TTL) -> None:
        """Ask `client`; keep each answer `ttl` seconds."""
        self.client = client
        self.ttl = ttl
        self._cache: dict[str, tuple[float, Person]] = {}

    async def get(self, user: str) -> Person | None:
        """What Slack says of `user`; None when Slack would not say (and never said)."""
        hit = self._cache.get(user)
        if hit and time.monotonic() - hit[0] < self.ttl:
            return hit[1]
        try:
            resp = await self.client.users_info(user=user)
        except SlackApiError as exc:
            log.warning("users.info failed for %s: %s", user, exc.response.get("error"))
            return hit[1] if hit else None
        person = person_from({"id": user, **(resp.get("user") or {})})
        self._cache[user] = (time.monotonic(), person)
        return person
