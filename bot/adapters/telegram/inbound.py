"""Telegram updates -> core Messages (pure)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.adapters.telegram.render import parse_callback
from handlers.types import Message

# Commands the bot registers, and the text the core reads for each.
COMMANDS = {
    "start": ("start", "Join with a code: /start CODE"),
    "help": ("help", "What I understand"),
    "find": ("find", "Look someone up: /find Jane"),
    "tasks": ("tasks", "Your open tasks"),
    "done": ("done", "Close a task: /done 3"),
    "snooze": ("snooze", "Move a task: /snooze 3 monday"),
    "tz": ("tz", "Your time zone: /tz Europe/Berlin"),
    "invite": ("invite", "Admins: a code for a new member"),
    "allow": ("allow", "Admins: let this group use the bot"),
    "digest": ("digest", "Team digest here: /digest 08:30, /digest off, /digest now"),
}


def command_text(text: str, bot_username: str | None) -> str | None:
    """'/find@rapport_bot Jane' -> 'find Jane'; None for a command meant for another bot."""
    head, _, rest = text.strip().partition(" ")
    name, _, target = head[1:].partition("@")
    if target and bot_username and target.lower() != bot_username.lower():
        return None
    core = COMMANDS.get(name.lower(), (name.lower(), ""))[0]
    return f"{core} {rest.strip()}".strip()


def strip_mention(text: str, bot_username: str | None) -> tuple[str, bool]:
    """Text without '@bot', and whether the bot was mentioned."""
    if not bot_username:
        return text, False
    tag = "@" + bot_username
    if tag.lower() in text.lower():
        i = text.lower().index(tag.lower())
        return (text[:i] + text[i + len(tag) :]).strip(" ,:"), True
    return text, False


def update_key(update: dict[str, Any], bot_id: int | None = None) -> str:
    """The idempotency key of an update: update_ids are per bot, so the bot's id is in it."""
    if bot_id is None:
        return f"telegram:{update.get('update_id')}"
    return f"telegram:{bot_id}:{update.get('update_id')}"


def from_update(
    update: dict[str, Any], bot_username: str | None, bot_id: int | None = None
) -> Message | None:
    """A text message or a button press; None for anything the bot should not read."""
    key = update_key(update, bot_id)
    query = update.get("callback_query")
    if query:
        action = parse_callback(str(query.get("data") or ""))
        msg = query.get("message") or {}
        chat = msg.get("chat") or {}
        user = query.get("from") or {}
        if action is None:
            return None
        return Message(
            platform="telegram", user=str(user.get("id")), chat=str(chat.get("id")),
            text="", sent_at=dt.datetime.now(dt.UTC), message_id=key,
            user_name=_name(user), action=action, is_direct=chat.get("type") == "private",
        )  # fmt: skip
    msg = update.get("message") or {}
    text = msg.get("text")
    if not isinstance(text, str) or not msg.get("from"):
        return None
    chat = msg.get("chat") or {}
    direct = chat.get("type") == "private"
    if text.startswith("/"):
        core_text = command_text(text, bot_username)
        if core_text is None:
            return None
    else:
        core_text, mentioned = strip_mention(text, bot_username)
        replying_to_bot = ((msg.get("reply_to_message") or {}).get("from") or {}).get("is_bot")
        if not direct and not mentioned and not replying_to_bot:
            return None  # in groups: commands, mentions and replies to the bot only
    user = msg["from"]
    return Message(
        platform="telegram", user=str(user.get("id")), chat=str(chat.get("id")),
        text=core_text,
        sent_at=dt.datetime.fromtimestamp(int(msg.get("date") or 0), dt.UTC),
        message_id=key, user_name=_name(user), is_direct=direct, chat_name=chat.get("title"),
    )  # fmt: skip


def migration(update: dict[str, Any]) -> tuple[str, str] | None:
    """(old chat id, new chat id) when a group became a supergroup, else None.

    Telegram says it twice: `migrate_to_chat_id` in the old group, `migrate_from_chat_id`
    in the new supergroup.
    """
    msg = update.get("message") or {}
    chat = str((msg.get("chat") or {}).get("id", ""))
    if msg.get("migrate_to_chat_id"):
        return chat, str(msg["migrate_to_chat_id"])
    if msg.get("migrate_from_chat_id"):
        return str(msg["migrate_from_chat_id"]), chat
    return None


def _name(user: dict[str, Any]) -> str | None:
    full = " ".join(x for x in (user.get("first_name"), user.get("last_name")) if x)
    return full or user.get("username")
