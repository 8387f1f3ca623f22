"""Slack payloads -> core Messages (pure)."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from bot.adapters.slack.render import action_name
from handlers.types import Action, Message

_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
_LINK = re.compile(r"<([^<>|]+)\|([^<>]+)>")
_BARE = re.compile(r"<(?:mailto:)?([^<>|]+)>")


_MENTION_ID = re.compile(r"<@([UW][A-Z0-9]+)(?:\|([^>]*))?>")


def mentioned(text: str) -> set[str]:
    """The user ids a Slack message mentions."""
    return {m.group(1) for m in _MENTION_ID.finditer(text or "")}


def name_mentions(text: str, bot_user: str, names: dict[str, str]) -> str:
    """Mentions of people as "@Their Name", so "give 3 to @Kim" reads as it was written.

    The bot's own mention is dropped: it only addresses the message. Without the bot's id
    (Slack would not say), a mention that opens the message is taken for the bot's; one
    whose name Slack would not give is dropped as before.
    """
    opening = len(text) - len(text.lstrip())

    def named(m: re.Match[str]) -> str:
        user, label = m.group(1), m.group(2)
        if user == bot_user or (not bot_user and m.start() == opening):
            return " "
        name = names.get(user) or label
        return f"@{name}" if name else " "

    return _MENTION_ID.sub(named, text)


def plain_text(text: str) -> str:
    """Slack markup to plain text: mentions dropped, links to their labels, entities decoded."""
    text = _MENTION.sub(" ", text or "")
    text = _LINK.sub(r"\2", text)
    text = _BARE.sub(r"\1", text)
    return " ".join(html.unescape(text).split())


def ts_time(ts: str | None) -> dt.datetime:
    """A Slack ts ("1700000000.000100") as aware UTC."""
    try:
        return dt.datetime.fromtimestamp(float(ts or 0), dt.UTC)
    except (TypeError, ValueError):
        return dt.datetime.now(dt.UTC)


def from_event(
    event: dict[str, Any],
    name: str | None,
    tz: str | None,
    admin: bool | None = None,
    email: str | None = None,
) -> Message:
    """An app_mention or a DM message event.

    The key is channel+ts, so an app_mention and a message event of the same post, and
    Slack's retries, are one message.
    """
    channel, ts = str(event.get("channel", "")), str(event.get("ts", ""))
    direct = event.get("channel_type") == "im"
    return Message(
        platform="slack",
        user=str(event.get("user", "")),
        chat=channel,
        thread=None if direct else str(event.get("thread_ts") or ts),
        text=plain_text(str(event.get("text", ""))),
        sent_at=ts_time(ts),
        message_id=f"slack:{channel}:{ts}",
        user_name=name,
        user_tz=tz,
        user_is_admin=admin,
        user_email=email,
        is_direct=direct,
    )


def wants_share(text: str) -> tuple[str, bool]:
    """`/rapport who is Jane share` posts for everyone; anything else answers privately."""
    words = text.split()
    if words and words[-1].lower() in ("share", "--share"):
        return " ".join(words[:-1]), True
    return text, False


def from_command(
    body: dict[str, Any],
    name: str | None,
    tz: str | None,
    admin: bool | None = None,
    email: str | None = None,
    bot_in_chat: bool | None = None,
) -> Message:
    """A /rapport slash command (`bot_in_chat`: whether the bot is in its channel)."""
    text, _ = wants_share(plain_text(str(body.get("text", ""))))
    chat_name = str(body.get("channel_name") or "")
    return Message(
        platform="slack",
        user=str(body.get("user_id", "")),
        chat=str(body.get("channel_id", "")),
        text=text or "help",
        sent_at=dt.datetime.now(dt.UTC),
        message_id=f"slack:cmd:{body.get('trigger_id', '')}",
        user_name=name,
        user_tz=tz,
        user_is_admin=admin,
        user_email=email,
        is_direct=chat_name == "directmessage",
        chat_name=chat_name if chat_name not in ("", "directmessage", "privategroup") else None,
        bot_in_chat=bot_in_chat,
    )


def from_action(
    body: dict[str, Any],
    name: str | None,
    tz: str | None,
    admin: bool | None = None,
    email: str | None = None,
) -> Message:
    """A button press (block_actions)."""
    action = (body.get("actions") or [{}])[0]
    container = body.get("container") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id", "")
    return Message(
        platform="slack",
        user=str((body.get("user") or {}).get("id", "")),
        chat=str(channel),
        thread=(body.get("message") or {}).get("thread_ts"),
        text=str((action.get("text") or {}).get("text", "")),
        sent_at=ts_time(action.get("action_ts")),
        message_id=f"slack:action:{body.get('trigger_id') or action.get('action_ts')}",
        user_name=name,
        user_tz=tz,
        user_is_admin=admin,
        user_email=email,
        action=Action(action_name(str(action.get("action_id", ""))), str(action.get("value", ""))),
        is_direct=str(channel).startswith("D"),
    )


def from_shortcut(
    body: dict[str, Any],
    name: str | None,
    tz: str | None,
    admin: bool | None = None,
    email: str | None = None,
) -> Message:
    """The "Log to Rapport" message shortcut: log the message's text as it is."""
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id", "")
    return Message(
        platform="slack",
        user=str((body.get("user") or {}).get("id", "")),
        chat=str(channel),
        text=plain_text(str(message.get("text", ""))),
        sent_at=ts_time(message.get("ts")),
        message_id=f"slack:shortcut:{channel}:{message.get('ts')}:{(body.get('user') or {}).get('id')}",
        user_name=name,
        user_tz=tz,
        user_is_admin=admin,
        user_email=email,
        is_direct=False,
        log_as_is=True,
    )
