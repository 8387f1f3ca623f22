"""What Rapport does with each Slack event, command, button and shortcut.

Every listener hands the core a Message in a worker thread and posts the replies only for a
first delivery, so Slack's retries (and an app_mention that also arrives as a message)
never answer twice: the database holds the keys, across restarts and replicas.

Slack gets its HTTP 200 only after the message is committed (process_before_response), so a
crash before that makes Slack retry instead of losing what was written. Replies are posted
after the 200, in the background, so pacing never delays the acknowledgement.
"""

from __future__ import annotations

import asyncio
from typing import Any

from bot.adapters.slack import inbound
from bot.adapters.slack.members import Profiles
from bot.adapters.slack.sender import SlackSender
from bot.background import Background
from handlers.core import Core
from handlers.types import Message, Reply


class SlackListeners:
    """One method per Slack event, command, action and shortcut Rapport listens to."""

    def __init__(
        self, core: Core, profiles: Profiles, sender: SlackSender, later: Background
    ) -> None:
        """Answer with `core`, know people through `profiles`, post with `sender` later."""
        self.core = core
        self.profiles = profiles
        self.sender = sender
        self.later = later

    async def _run(self, message: Message) -> tuple[list[Reply], bool]:
        return await asyncio.to_thread(self.core.handle_event, message)

    async def _who(self, user: str) -> tuple[str | None, str | None]:
        return await self.profiles.get(user) if user else (None, None)

    async def mention(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        """@Rapport in a channel: answered in a thread."""
        if event.get("bot_id"):
            return
        name, tz = await self._who(str(event.get("user", "")))
        message = inbound.from_event(event, str(body.get("team_id", "")), name, tz)
        replies, fresh = await self._run(message)
        if fresh:
            self.later.start(self.sender.post_all(message.chat, replies, message.thread))

    async def direct_message(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        """A message event; only DMs are read (in channels the bot answers mentions)."""
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        name, tz = await self._who(str(event.get("user", "")))
        message = inbound.from_event(event, str(body.get("team_id", "")), name, tz)
        replies, fresh = await self._run(message)
        if fresh:
            self.later.start(self.sender.post_all(message.chat, replies))

    async def command(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        """/rapport: answered privately unless the text ends with "share"."""
        await ack()
        name, tz = await self._who(str(body.get("user_id", "")))
        _, share = inbound.wants_share(str(body.get("text", "")))
        replies, fresh = await self._run(inbound.from_command(body, name, tz))
        if fresh:
            kind = "in_channel" if share else "ephemeral"
            self.later.start(self.sender.respond_all(respond, replies, response_type=kind))

    async def action(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        """A button press on a card, a question or the App Home."""
        await ack()
        name, tz = await self._who(str((body.get("user") or {}).get("id", "")))
        message = inbound.from_action(body, name, tz)
        replies, fresh = await self._run(message)
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
        name, tz = await self._who(str((body.get("user") or {}).get("id", "")))
        replies, fresh = await self._run(inbound.from_shortcut(body, name, tz))
        if fresh:
            self.later.start(self.sender.respond_all(respond, replies, response_type="ephemeral"))

    async def home_opened(self, event: dict[str, Any]) -> None:
        """The App Home tab was opened: publish the person's tasks and customers."""
        if event.get("tab", "home") == "home":
            self.later.start(self.refresh_home(str(event.get("user", ""))))

    async def refresh_home(self, user: str) -> None:
        """Publish `user`'s App Home from the core's overview."""
        name, tz = await self._who(user)
        replies = await asyncio.to_thread(self.core.home, "slack", user, name, tz)
        await self.sender.publish_home(user, replies)
