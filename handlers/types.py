"""The platform-agnostic values that flow between adapters and the core."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Platform = Literal["console", "slack", "telegram"]
Tone = Literal["info", "success", "warning", "error"]


@dataclass(frozen=True)
class Action:
    """A button press: a dotted name (`task.done`) and a short value (an id or key)."""

    name: str
    value: str = ""


@dataclass(frozen=True)
class Message:
    """One inbound chat event, already stripped of platform detail.

    `message_id` is the idempotency key: unique per platform event
    (Slack event_id or channel+ts, Telegram update_id, a counter on the console).
    """

    platform: Platform
    user: str
    chat: str
    text: str
    sent_at: dt.datetime
    message_id: str
    thread: str | None = None
    user_name: str | None = None
    user_tz: str | None = None
    action: Action | None = None
    is_direct: bool = True
    chat_name: str | None = None  # the chat's name when the platform gives it ("sales")
    bot_in_chat: bool | None = None  # the platform's word that the bot is a member, if asked
    log_as_is: bool = False  # a "Log to Rapport" shortcut: log this text even without a verb
    user_is_admin: bool | None = None  # the platform's word (Slack's admin flag), if it has one
    # The work email the platform vouches for (Slack's profile), if it gives one.
    user_email: str | None = None


@dataclass(frozen=True)
class Button:
    """A button on a reply; the adapter renders it and turns a press back into an Action."""

    label: str
    action: str
    value: str = ""
    style: Literal["primary", "danger", "default"] = "default"


@dataclass(frozen=True)
class Field:
    """A labelled value on a card."""

    label: str
    value: str


@dataclass(frozen=True)
class Reply:
    """What the bot says. `text` is always set: it is the fallback on every platform.

    Adapters render the rest (title, fields, buttons, image) natively; never Block Kit
    or HTML here.
    """

    text: str
    title: str | None = None
    fields: tuple[Field, ...] = ()
    buttons: tuple[Button, ...] = ()
    context: str | None = None
    image: bytes | None = None
    tone: Tone = "info"
    replace: bool = False
    ephemeral: bool = False  # for the author only: adapters send it privately
    sections: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """The reply as stored with its inbound key, to answer a repeat (images are not kept)."""
        data = asdict(self)
        data["image"] = None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reply:
        """The reply `to_json` stored."""
        return cls(
            **{
                **data,
                "fields": tuple(Field(**f) for f in data.get("fields", ())),
                "buttons": tuple(Button(**b) for b in data.get("buttons", ())),
                "sections": tuple(data.get("sections", ())),
            }
        )


@dataclass(frozen=True)
class Recipient:
    """Where a message the bot starts (a nudge, a digest) goes."""

    platform: Platform
    address: str


@dataclass(frozen=True)
class Delivered:
    """What an adapter got out of one message the bot started, counted in named parts.

    `parts` are every part out so far, earlier tries included ("text:0", "text:1",
    "chart"); `complete` says every part that counts is out (the chart is optional);
    `error` is the platform's reason for the part that failed, if any.
    """

    parts: frozenset[str] = frozenset()
    complete: bool = False
    error: str = ""
