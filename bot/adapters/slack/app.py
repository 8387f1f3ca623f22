"""The bolt app: Rapport's Slack listeners registered on an AsyncApp (see listeners.py)."""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncApp

from bot.adapters.slack.channels import Membership
from bot.adapters.slack.client import bolt_logger, close_client, make_client
from bot.adapters.slack.config import SlackConfig
from bot.adapters.slack.listeners import SlackListeners
from bot.adapters.slack.members import Profiles
from bot.adapters.slack.outbound import Pacer, Poster
from bot.adapters.slack.sender import SlackSender
from bot.adapters.slack.trust import Gate, Workspace
from bot.background import Background
from bot.delivery import Delivery
from handlers.core import Core

SHORTCUT = "log_to_rapport"

__all__ = ["SHORTCUT", "build_slack_app", "close_client"]


def build_slack_app(
    core: Core,
    config: SlackConfig,
    pacer: Pacer | None = None,
    delivery: Delivery | None = None,
    background: Background | None = None,
) -> AsyncApp:
    """An AsyncApp wired to the core; bolt checks every request's signature.

    With `delivery`, it also carries nudges and digests to Slack users and channels.
    Replies are posted as `background` work (a fresh set when not given).
    """
    client = make_client(config)
    app = AsyncApp(
        signing_secret=config.signing_secret,
        client=client,  # carries the bot token
        process_before_response=True,
        logger=bolt_logger(),
    )
    sender = SlackSender(
        client, Poster(client, pacer or Pacer(config.pace_seconds)), core, delivery
    )
    if delivery is not None:
        delivery.register("slack", sender.deliver, sender.deliver_parts)
    gate = Gate(Workspace(client), allow_guests=config.allow_guests)
    later = background or Background()
    on = SlackListeners(core, Profiles(client), gate, sender, later, Membership(client))
    app.event("app_mention")(on.mention)
    app.event("message")(on.direct_message)
    app.event("app_home_opened")(on.home_opened)
    app.command(config.command)(on.command)
    app.action(re.compile(r".+"))(on.action)
    app.shortcut(SHORTCUT)(on.shortcut)
    return app
