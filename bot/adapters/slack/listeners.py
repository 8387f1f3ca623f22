"""What Rapport does with each Slack event, command, button and shortcut.

Every listener first checks who is asking (trust.py): people from other organisations,
and guests unless allowed, get one private refusal and nothing of the CRM. For the team,
it hands the core a Message in a worker thread and posts the replies only for a first
delivery, so Slack's retries (and an app_mention that also arrives as a message) never
answer twice: the database holds the keys, across restarts and replicas.

Slack gets its HTTP 200 only after the message is committed (process_before_response), so a
crash before that makes Slack retry instead of losing what was written. Replies are posted
after the 200, in the background, so pacing never delays the acknowledgement.
"""

from __future__ import annotations

import asyncio
from typing import Any

from bot.adapters.slack import inbound
from bot.adapters.slack.channels import Membership
from bot.adapters.slack.members import Person, Profiles
from bot.adapters.slack.sender import SlackSender
from bot.adapters.slack.trust import Gate
from bot.background import Background
from handlers.core import Core
from handlers.types import Message, Reply

Hints = dict[str, Any]


def _hints(person: Person | None) -> Hints:
    """What inbound's converters take from a person: name, zone, admin flag, work email."""
    if person is None:
        return {"name": None, "tz": None}
    return {"name": person.name, "tz": person.tz, "admin": person.admin, "email": person.email}


def _user_of(body: dict[str, Any]) -> tuple[str, str]:
    """The user id and their team as an interaction payload gives them."""
    user = body.get("user") or {}
    return str(user.get("id", "")), str(user.get("team_id", ""))


class SlackListeners:
    """One method per Slack event, command, action and shortcut Rapport listens to."""

    def __init__(
        self,
        core: Core,
        profiles: Profiles,
        gate: Gate,
        sender: SlackSender,
        later: Background,
        membership: Membership,
    ) -> None:
        """Answer with `core` whoever `gate` lets in; post with `sender`, `later`."""
        self.membership = membership
        self.core = core
        self.profiles = profiles
        self.gate = gate
        self.sender = sender
        self.later = later

    async def _admit(self, user: str, claimed_team: str = "") -> tuple[Hints, list[Reply]]:
        """The person's hints, or (when refused) the one private refusal to give them."""
        person = await self.profiles.get(user) if user else None
        refusal = await self.gate.refusal(person, claimed_team)
        if refusal is not None:
            return _hints(None), [Reply(refusal, tone="warning", ephemeral=True)]
        return _hints(person), []

    async def _run(self, message: Message, refused: list[Reply]) -> tuple[list[Reply], bool]:
        if refused:
            return refused, True
        return await asyncio.to_thread(self.core.handle_event, message)

    async def mention(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        """@Rapport in a channel: answered in a thread."""
        if event.get("bot_id"):
            return
        await self._event(event, body)

    async def direct_message(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        """A message event; only DMs are read (in channels the bot answers mentions)."""
        # A DM with a file attached (subtype file_share) is still a message: its text is read.
        subtype = event.get("subtype")
        if subtype == "file_share" and not str(event.get("text") or "").strip():
            return
        if event.get("channel_type") != "im" or subtype not in (None, "file_share"):
            return
        if event.get("bot_id"):
            return
        await self._event(event, body)

    async def _named(self, text: str) -> str:
        """The text with each person's mention as "@Name" and the bot's own dropped."""
        ids = inbound.mentioned(text)
        if not ids:
            return text
        bot_user = await self.gate.workspace.bot_user()
        others = sorted(ids - {bot_user})
        people = await asyncio.gather(*(self.profiles.get(user) for user in others))
        names = {p.user: p.name for p in people if p is not None and p.name}
        return inbound.name_mentions(text, bot_user, names)

    async def _event(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        user = str(event.get("user", ""))
        hints, refused = await self._admit(user, str(event.get("user_team") or ""))
        if not refused:
            event = {**event, "text": await self._named(str(event.get("text") or ""))}
        message = inbound.from_event(event, **hints)
        replies, fresh = await self._run(message, refused)
        if fresh:
            self.later.start(self.sender.reply_in(message, replies))

    async def command(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        """/rapport: answered privately unless the text ends with "share"."""
        await ack()
        hints, refused = await self._admit(
            str(body.get("user_id", "")), str(body.get("user_team") or "")
        )
        if not refused:
            body = {**body, "text": await self._named(str(body.get("text") or ""))}
        _, share = inbound.wants_share(str(body.get("text", "")))
        channel, user = str(body.get("channel_id", "")), str(body.get("user_id", ""))
        inside = None
        if not refused and body.get("channel_name") != "directmessage" and channel:
            inside = await self.membership.bot_in(channel)
        message = inbound.from_command(body, **hints, bot_in_chat=inside)
        replies, fresh = await self._run(message, refused)
        if fresh:
            self.later.start(
                self.sender.respond_all(respond, replies, shared=share, channel=channel, user=user)
            )

    async def action(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        """A button press on a card, a question or the App Home."""
        await ack()
        hints, refused = await self._admit(*_user_of(body))
        message = inbound.from_action(body, **hints)
        replies, fresh = await self._run(message, refused)
        if not fresh:
            return
        container = body.get("container") or {}
        if container.get("type") == "view":
            self.later.start(self.refresh_home(message.user))
        else:
            self.later.start(self.sender.answer_action(message, container, replies, respond))

    async def shortcut(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        """The "Log to Rapport" message shortcut."""
        await ack()
        hints, refused = await self._admit(*_user_of(body))
        replies, fresh = await self._run(inbound.from_shortcut(body, **hints), refused)
        if fresh:
            self.later.start(self.sender.respond_all(respond, replies))

    async def home_opened(self, event: dict[str, Any]) -> None:
        """The App Home tab was opened: publish the person's tasks and customers."""
        if event.get("tab", "home") == "home":
            self.later.start(self.refresh_home(str(event.get("user", ""))))

    async def refresh_home(self, user: str) -> None:
        """Publish `user`'s App Home from the core's overview (or their refusal)."""
        hints, refused = await self._admit(user)
        if refused:
            await self.sender.publish_home(user, refused)
            return
        replies = await asyncio.to_thread(self.core.home, "slack", user, hints["name"], hints["tz"])
        await self.sender.publish_home(user, replies)
