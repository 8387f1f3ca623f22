"""Who Rapport answers on Slack, and who sees what: through the real bolt app."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest

from bot.adapters.slack import SlackConfig, serve_slack
from handlers.core import Core
from tests.adapters.fake_slack import FakeSlack, blocks_text
from tests.adapters.test_slack import SECRET, SlackHarness, free_port, mention
from tests.adapters.waiting import port_open
from tests.handlers.helpers import live_interactions


async def harness(core: Core, allow_guests: bool = False) -> AsyncIterator[SlackHarness]:
    fake = FakeSlack()
    await fake.start()
    port = free_port()
    config = SlackConfig(bot_token="xoxb-test", signing_secret=SECRET, api_url=fake.url,
                         port=port, host="127.0.0.1", pace_seconds=0,
                         allow_guests=allow_guests)  # fmt: skip
    task = asyncio.create_task(serve_slack(core, config))
    await port_open(port)
    yield SlackHarness(fake, port)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await fake.stop()


@pytest.fixture
async def slack(core: Core) -> AsyncIterator[SlackHarness]:
    async for h in harness(core):
        yield h


@pytest.fixture
async def open_to_guests(core: Core) -> AsyncIterator[SlackHarness]:
    async for h in harness(core, allow_guests=True):
        yield h


def dm(text: str, user: str = "U1", ts: str = "1763474401.0") -> dict[str, object]:
    return {"type": "message", "user": user, "text": text, "ts": ts, "channel": "D" + user,
            "channel_type": "im"}  # fmt: skip


def roles(core: Core) -> dict[str, str]:
    with core.store.unit(core.settings.team_slug) as unit:
        return {m.name: m.role for m in unit.members()}


def member_names(core: Core) -> list[str]:
    return sorted(roles(core))


async def test_a_link_code_asked_for_in_a_channel_is_never_posted_there(
    slack: SlackHarness,
) -> None:
    await slack.event(mention("link"))
    (private,) = await slack.fake.wait_for("chat.postEphemeral")
    assert private["user"] == "U1"
    assert "direct message" in private["text"]
    await slack.command("link")  # a slash command in a channel
    (answer,) = await slack.fake.wait_for("respond")
    assert answer["response_type"] == "ephemeral"
    assert "/start" not in answer["text"]
    await slack.event(dm("link"))
    (code,) = await slack.fake.wait_for("chat.postMessage")
    assert code["channel"] == "DU1"
    assert "/start " in code["text"]


async def test_a_shared_slash_command_keeps_private_replies_private(slack: SlackHarness) -> None:
    await slack.command("link share")
    (answer,) = await slack.fake.wait_for("respond")
    assert answer["response_type"] == "ephemeral"


async def test_a_slack_connect_stranger_sees_nothing_and_is_not_made_a_member(
    slack: SlackHarness, core: Core
) -> None:
    slack.fake.users["UEXT"] = {"team_id": "TOTHER", "is_stranger": True}
    before = member_names(core)
    await slack.event({**mention("who is Hope?", user="UEXT"), "user_team": "TOTHER"})
    (refusal,) = await slack.fake.wait_for("chat.postEphemeral")
    assert refusal["user"] == "UEXT"
    assert "only for members of this workspace" in refusal["text"]
    await slack.command("who is Hope?", user="UEXT")
    (answer,) = await slack.fake.wait_for("respond")
    assert "Hope Ferreira" not in answer["text"]
    assert slack.fake.named("chat.postMessage") == []
    assert member_names(core) == before


async def test_a_user_of_another_team_is_refused_even_without_the_stranger_flag(
    slack: SlackHarness, core: Core
) -> None:
    slack.fake.users["UEXT"] = {"team_id": "TOTHER"}
    await slack.event(mention("called Hope, she wants a quote friday", user="UEXT"))
    await slack.fake.wait_for("chat.postEphemeral")
    assert live_interactions(core) == []


async def test_a_guest_sees_nothing_of_the_crm(slack: SlackHarness, core: Core) -> None:
    slack.fake.users["UG"] = {"is_restricted": True}
    before = member_names(core)
    await slack.event(dm("who is Hope?", user="UG"))
    (post,) = await slack.fake.wait_for("chat.postMessage")
    assert "isn't open to guests" in post["text"]
    assert "Hope Ferreira" not in json.dumps(post)
    await slack.event({"type": "app_home_opened", "user": "UG", "tab": "home", "channel": "DUG"})
    (home,) = await slack.fake.wait_for("views.publish")
    assert "isn't open to guests" in json.dumps(home)
    assert member_names(core) == before


async def test_guests_are_let_in_when_the_setting_allows(
    open_to_guests: SlackHarness,
) -> None:
    open_to_guests.fake.users["UG"] = {"is_ultra_restricted": True}
    await open_to_guests.event(dm("who is Hope?", user="UG"))
    (post,) = await open_to_guests.fake.wait_for("chat.postMessage")
    assert "Hope Ferreira" in post["text"]


async def test_the_first_to_speak_is_not_made_admin_but_workspace_admins_are(
    slack: SlackHarness, core: Core
) -> None:
    await slack.event(mention("revoke Blair Field"))  # U1 speaks first, not an admin
    (first,) = await slack.fake.wait_for("chat.postMessage")
    assert "Only an admin" in first["text"]
    assert roles(core)["Sam Seller"] == "member"
    slack.fake.users["U2"] = {"is_owner": True}
    await slack.event(dm("revoke Sam Seller", user="U2", ts="1763474402.0"))
    posts = await slack.fake.wait_for("chat.postMessage", 2)
    assert "no longer has access" in posts[1]["text"]
    assert roles(core)["Blair Field"] == "admin"


async def test_a_card_fallback_never_mentions_the_channel(slack: SlackHarness) -> None:
    await slack.event(mention("who is &lt;!channel&gt; Smith?"))
    (post,) = await slack.fake.wait_for("chat.postMessage")
    assert "<!channel>" not in post["text"]
    assert "<!channel>" not in blocks_text(post)
