"""A question asked in a Slack channel says how to answer it there."""

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
