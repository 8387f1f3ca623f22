"""The bolt app: events, the slash command, buttons, App Home and the message shortcut.

Every listener hands the core a Message in a worker thread and posts the replies only for a
first delivery, so Slack's retries (and an app_mention that also arrives as a message)
never answer twice: the database holds the keys, across restarts and replicas.

Slack gets its HTTP 200 only after the message is committed (process_before_response), so a
crash before that makes Slack retry instead of losing what was written. Replies are posted
after the 200, in the background, so pacing never delays the acknowledgement.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack import inbound
from bot.adapters.slack.config import SlackConfig
from bot.adapters.slack.members import Profiles
from bot.adapters.slack.outbound import Pacer, Poster
from bot.adapters.slack.render import home_view, render
from bot.background import Background
from bot.delivery import Delivery
from handlers import outbound
from handlers.core import Core
from handlers.types import Message, Reply

log = logging.getLogger(__name__)
SHORTCUT = "log_to_rapport"
# Errors that mean the person or channel is gone, not that Slack is busy.
GONE = {"user_not_found", "account_inactive", "channel_not_found", "is_archived",
        "not_in_channel", "user_disabled", "cannot_dm_bot"}  # fmt: skip


def make_client(config: SlackConfig) -> AsyncWebClient:
    """A Web API client that waits out 429s (Retry-After) and honours SLACK_API_URL.

    Inside a running loop it gets one pooled HTTP session: without one, slack_sdk opens a
    new connection (and TLS handshake) for every call. `close_client` closes it.
    """
    kwargs: dict[str, Any] = {"token": config.bot_token}
    if config.api_url:
        kwargs["base_url"] = config.api_url.rstrip("/") + "/"
    try:
        asyncio.get_running_loop()
        kwargs["session"] = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
    except RuntimeError:
        pass  # built outside a loop (tests): slack_sdk makes a session per call
    client = AsyncWebClient(**kwargs)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=3))
    return client


def _not_token_skipped(record: logging.LogRecord) -> bool:
    # Bolt reads SLACK_BOT_TOKEN itself and warns that the client we pass (which carries
    # that same token, plus the API URL and pooled session) wins: true, and not news.
    return "`token` will be unused" not in record.getMessage()


async def close_client(client: AsyncWebClient) -> None:
    """Close the pooled HTTP session of a client made by `make_client`."""
    if client.session is not None and not client.session.closed:
        await client.session.close()


def build_slack_app(
    core: Core,
    config: SlackConfig,
    pacer: Pacer | None = None,
    delivery: Delivery | None = None,
    background: Background | None = None,
) -> AsyncApp:
    """An AsyncApp wired to the core; requests are signature-checked by bolt. With
    `delivery`, it also carries nudges and digests to Slack users and channels. Replies
    are posted as `background` work (a fresh set when not given).
    """
    client = make_client(config)
    later = background or Background()
    bolt_log = logging.getLogger("slack_bolt.AsyncApp")
    if _not_token_skipped not in bolt_log.filters:
        bolt_log.addFilter(_not_token_skipped)
    app = AsyncApp(
        signing_secret=config.signing_secret,
        client=client,  # carries the bot token
        process_before_response=True,
        logger=bolt_log,
    )
    profiles = Profiles(client)
    poster = Poster(client, pacer or Pacer(config.pace_seconds))

    dm_channels: dict[str, str] = {}  # a person's DM channel id never changes

    async def send(address: str, reply: Reply) -> bool:
        # A user id gets a DM (conversations.open); a channel id gets a post.
        try:
            channel = address
            if address.startswith(("U", "W")):
                channel = dm_channels.get(address, "")
                if not channel:
                    opened = await client.conversations_open(users=address)
                    channel = str((opened.get("channel") or {}).get("id", ""))
                    dm_channels[address] = channel
            await poster.post(channel, reply)
            if reply.image:
                await client.files_upload_v2(
                    channel=channel, content=reply.image, filename="rapport-digest.png",
                    title=reply.title or "Rapport chart",
                )  # fmt: skip
            return True
        except SlackApiError as exc:
            error = str(exc.response.get("error"))
            log.warning("Slack delivery to %s failed: %s", address, error)
            if error in GONE and address.startswith(("U", "W")):
                await asyncio.to_thread(core.in_unit, outbound.mark_unreachable, "slack", address)
            elif error in GONE and delivery is not None:
                await delivery.channel_gone(core, "slack", address, error)
            return False

    if delivery is not None:
        delivery.register("slack", send)

    async def run(message: Message) -> tuple[list[Reply], bool]:
        return await asyncio.to_thread(core.handle_event, message)

    async def post_all(channel: str, replies: list[Reply], thread: str | None = None) -> None:
        for reply in replies:
            await poster.post(channel, reply, thread_ts=thread)

    async def respond_all(respond: Any, replies: list[Reply], response_type: str) -> None:
        for reply in replies:
            await respond(response_type=response_type, **render(reply))

    async def who(user: str) -> tuple[str | None, str | None]:
        return await profiles.get(user) if user else (None, None)

    @app.event("app_mention")
    async def on_mention(event: dict[str, Any], body: dict[str, Any]) -> None:
        if event.get("bot_id"):
            return
        name, tz = await who(str(event.get("user", "")))
        message = inbound.from_event(event, str(body.get("team_id", "")), name, tz)
        replies, fresh = await run(message)
        if fresh:
            later.start(post_all(message.chat, replies, message.thread))

    @app.event("message")
    async def on_message(event: dict[str, Any], body: dict[str, Any]) -> None:
        # DMs only: in channels the bot answers mentions (app_mention), nothing else.
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        name, tz = await who(str(event.get("user", "")))
        message = inbound.from_event(event, str(body.get("team_id", "")), name, tz)
        replies, fresh = await run(message)
        if fresh:
            later.start(post_all(message.chat, replies))

    @app.command(config.command)
    async def on_command(ack: Any, body: dict[str, Any], respond: Any) -> None:
        await ack()
        name, tz = await who(str(body.get("user_id", "")))
        _, share = inbound.wants_share(str(body.get("text", "")))
        replies, fresh = await run(inbound.from_command(body, name, tz))
        if fresh:
            kind = "in_channel" if share else "ephemeral"
            later.start(respond_all(respond, replies, response_type=kind))

    @app.action(re.compile(r".+"))
    async def on_action(ack: Any, body: dict[str, Any], respond: Any) -> None:
        await ack()
        name, tz = await who(str((body.get("user") or {}).get("id", "")))
        message = inbound.from_action(body, name, tz)
        replies, fresh = await run(message)
        if fresh:
            later.start(answer_action(message, body.get("container") or {}, replies, respond))

    async def answer_action(
        message: Message, container: dict[str, Any], replies: list[Reply], respond: Any
    ) -> None:
        for reply in replies:
            if container.get("type") == "view":
                await _refresh_home(message.user)
            elif reply.replace and container.get("is_ephemeral"):
                await respond(replace_original=True, **render(reply))
            elif reply.replace and container.get("message_ts"):
                await poster.update(message.chat, str(container["message_ts"]), reply)
            elif container.get("is_ephemeral"):
                await respond(replace_original=False, **render(reply))
            else:
                thread = message.thread or container.get("message_ts")
                await poster.post(
                    message.chat, reply, thread_ts=thread if not message.is_direct else None
                )

    @app.shortcut(SHORTCUT)
    async def on_shortcut(ack: Any, body: dict[str, Any], respond: Any) -> None:
        await ack()
        name, tz = await who(str((body.get("user") or {}).get("id", "")))
        replies, fresh = await run(inbound.from_shortcut(body, name, tz))
        if fresh:
            later.start(respond_all(respond, replies, response_type="ephemeral"))

    async def _refresh_home(user: str) -> None:
        name, tz = await who(user)
        replies = await asyncio.to_thread(core.home, "slack", user, name, tz)
        await client.views_publish(user_id=user, view=home_view(replies))

    @app.event("app_home_opened")
    async def on_home(event: dict[str, Any]) -> None:
        if event.get("tab", "home") == "home":
            later.start(_refresh_home(str(event.get("user", ""))))

    return app
