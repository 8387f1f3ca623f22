"""Slack messages the bot used to miss: answers in channels, DMs with a file."""

from __future__ import annotations

from tests.adapters.test_slack import SlackHarness, mention
from tests.adapters.test_slack import slack as slack


async def test_change_date_in_a_channel_asks_for_a_mention(slack: SlackHarness) -> None:
    await slack.event(mention("remind me to call Hope friday"))
    (card,) = await slack.fake.wait_for("chat.postMessage")
    await slack.interactive(slack.press(card, "Change date"))
    posts = [*slack.fake.named("chat.postMessage"), *slack.fake.named("chat.update")]
    while not any("New date for #1" in p.get("text", "") for p in posts):
        await slack.fake.wait_for("chat.postMessage", 2)
        posts = [*slack.fake.named("chat.postMessage"), *slack.fake.named("chat.update")]
    (ask,) = [p for p in posts if "New date for #1" in p.get("text", "")]
    assert "Mention me" in ask["text"]


async def test_a_dm_with_a_file_attached_is_still_read(slack: SlackHarness) -> None:
    await slack.event({"type": "message", "subtype": "file_share", "user": "U1",
                       "text": "my tasks", "ts": "1763474401.0", "channel": "D1",
                       "channel_type": "im", "files": [{"id": "F1", "name": "quote.pdf"}]})  # fmt: skip
    (post,) = await slack.fake.wait_for("chat.postMessage")
    assert post["channel"] == "D1"
    assert "no open tasks" in post["text"]
