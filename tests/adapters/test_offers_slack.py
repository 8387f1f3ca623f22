"""Offers over the loopback Slack Web API: a new lead posted to the team channel, taken
by a teammate pressing Take it, and a complaint nobody owns taken with Assign to me."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.adapters.slack import SlackConfig, serve_slack
from bot.delivery import Delivery
from bot.scheduler import deliver_due_nudges
from handlers.core import Core
from tests.adapters.fake_slack import FakeSlack, blocks_text
from tests.adapters.test_slack import SECRET, SlackHarness, free_port, mention
from tests.adapters.waiting import port_open, until
from tests.handlers.helpers import rows


@pytest.fixture
async def team(core: Core) -> AsyncIterator[tuple[SlackHarness, Delivery]]:
    """The Slack app serving events and delivering what the bot starts; a digest in C42."""
    fake = FakeSlack()
    await fake.start()
    port = free_port()
    delivery = Delivery()
    config = SlackConfig(bot_token="xoxb-test", signing_secret=SECRET, api_url=fake.url,
                         port=port, host="127.0.0.1", pace_seconds=0)  # fmt: skip
    task = asyncio.create_task(serve_slack(core, config, delivery))
    await port_open(port)
    await until(lambda: delivery.can_reach("slack"), what="the Slack adapter")
    slack = SlackHarness(fake, port)
    await slack.command("digest 08:30", channel="C42")
    await fake.wait_for("respond")
    yield slack, delivery
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await fake.stop()


async def test_a_new_lead_is_posted_to_the_channel_and_taken_by_a_teammate(
    team: tuple[SlackHarness, Delivery], core: Core
) -> None:
    slack, delivery = team
    await slack.event(mention("called Greg at Harbor, he wants the $12k imaging package"))
    await slack.fake.wait_for("chat.postMessage")
    assert await deliver_due_nudges(core, delivery) == 1
    offer = slack.fake.named("chat.postMessage")[-1]
    assert offer["channel"] == "C42"
    assert offer["text"].startswith("New lead: Harbor Marine Services (imaging package, $12,000)")
    assert "Take it" in blocks_text(offer)
    await slack.interactive(slack.press(offer, "Take it", user="U2", channel="C42"))
    (update,) = await slack.fake.wait_for("chat.update")
    assert update["text"].startswith("Blair Field took the lead Harbor Marine Services")
    (harbor,) = [c for c in rows(core, "companies") if c["name"] == "Harbor Marine Services"]
    assert harbor["owner"] == "Blair Field"


async def test_a_complaint_nobody_owns_is_posted_and_assigned_to_whoever_presses(
    team: tuple[SlackHarness, Delivery], core: Core
) -> None:
    slack, delivery = team
    await slack.event(mention("Greg complained about invoice errors"))
    await slack.fake.wait_for("chat.postMessage")
    assert await deliver_due_nudges(core, delivery) == 1
    card = slack.fake.named("chat.postMessage")[-1]
    assert card["channel"] == "C42"
    assert "Greg complained about invoice errors" in card["text"]
    await slack.interactive(slack.press(card, "Assign to me", user="U2", channel="C42"))
    (update,) = await slack.fake.wait_for("chat.update")
    assert update["text"].startswith("Blair Field took #1 Complaint")
    (task,) = rows(core, "tasks")
    assert task["owner"] == "Blair Field"
