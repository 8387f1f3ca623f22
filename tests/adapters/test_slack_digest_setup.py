"""Setting and previewing the digest in Slack: the bot must be in the channel, charts come too."""

from __future__ import annotations

import datetime as dt

from handlers.core import Core
from tests.adapters.test_slack import SlackHarness, mention, slack
from tests.conftest import Clock

__all__ = ["slack"]  # the fixture, shared with the other Slack tests


async def test_digest_in_a_channel_the_bot_is_not_in_is_refused_and_changes_nothing(
    slack: SlackHarness, core: Core
) -> None:
    slack.fake.outside.add("C9")
    assert await slack.command("digest 08:30", channel="C9") == 200
    (answer,) = await slack.fake.wait_for("respond")
    assert "I'm not in #general, so I can't post the digest there" in answer["text"]
    assert "/invite @Rapport" in answer["text"]
    (asked,) = slack.fake.named("conversations.info")
    assert asked["channel"] == "C9"
    with core.unit() as unit:
        assert unit.subscription("slack", "C9") is None
    slack.fake.outside.discard("C9")  # invited
    assert await slack.command("digest 08:30", channel="C9") == 200
    second = (await slack.fake.wait_for("respond", 2))[1]
    assert "will get the digest at 08:30" in second["text"]
    with core.unit() as unit:
        sub = unit.subscription("slack", "C9")
        assert sub is not None
        assert sub.chat_name == "general"


async def test_digest_now_by_mention_posts_the_chart_in_the_thread(
    slack: SlackHarness, clock: Clock
) -> None:
    clock.now = dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.UTC)  # a Tuesday: chart all the same
    ts = "1763474400.000300"
    assert await slack.event(mention("digest now", ts=ts)) == 200
    (done,) = await slack.fake.wait_for("files.completeUploadExternal")
    assert done["channel_id"] == "C1"
    assert done["thread_ts"] == ts
    (upload,) = slack.fake.uploads.values()
    assert upload.startswith(b"\x89PNG")


async def test_digest_now_by_slash_command_sends_the_chart_privately(slack: SlackHarness) -> None:
    assert await slack.command("digest now", channel="C1") == 200
    (done,) = await slack.fake.wait_for("files.completeUploadExternal")
    assert done["channel_id"] == "DU1"  # the preview was private, so is its chart
    (answer,) = slack.fake.named("respond")
    assert answer["response_type"] == "ephemeral"
