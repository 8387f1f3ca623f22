"""Who may use Rapport on Slack: people of the installing workspace; guests if allowed.

A Slack Connect channel brings people from other organisations, and a workspace has
guests: neither is the team. The installing workspace is what `auth.test` says.
"""

from __future__ import annotations

import asyncio
import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.members import Person

log = logging.getLogger(__name__)
STRANGER = "Sorry, Rapport is only for members of this workspace."
GUEST = "Sorry, Rapport isn't open to guests here; a workspace admin can change that."
UNKNOWN = "Sorry, I couldn't check who you are just now. Try again in a minute."


class Workspace:
    """The installing workspace's team id and the bot's own user id, from auth.test (once)."""

    def __init__(self, client: AsyncWebClient) -> None:
        """Ask `client`."""
        self.client = client
        self._team = ""
        self._bot_user = ""
        self._lock = asyncio.Lock()

    async def _ask(self) -> None:
        async with self._lock:
            if self._team:
                return
            try:
                answer = await self.client.auth_test()
            except SlackApiError as exc:
                log.warning("auth.test failed: %s", exc.response.get("error"))
                return
            self._team = str(answer.get("team_id") or "")
            self._bot_user = str(answer.get("user_id") or "")

    async def team(self) -> str:
        """The team id; empty while Slack cannot say."""
        await self._ask()
        return self._team

    async def bot_user(self) -> str:
        """The bot's own user id (what "@Rapport" is in a message); empty while Slack cannot say."""
        await self._ask()
        return self._bot_user


class Gate:
    """Decides, per person, whether Rapport answers them."""

    def __init__(self, workspace: Workspace, allow_guests: bool = False) -> None:
        """Admit `workspace`'s people, and its guests when `allow_guests`."""
        self.workspace = workspace
        self.allow_guests = allow_guests

    async def refusal(self, person: Person | None, claimed_team: str = "") -> str | None:
        """Why `person` is refused (None: welcome). `claimed_team` is the payload's word."""
        home = await self.workspace.team()
        if person is None or not home:
            return UNKNOWN
        if person.stranger or person.team != home or claimed_team not in ("", home):
            return STRANGER
        if person.guest and not self.allow_guests:
            return GUEST
        return None
