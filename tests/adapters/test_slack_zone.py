"""A zone a person sets by hand outlasts the zone their Slack profile hints at."""

from __future__ import annotations

from typing import Any

from handlers.core import Core
from tests.adapters.test_slack import SlackHarness
from tests.adapters.test_slack import slack as slack


def _dm(text: str, ts: str) -> dict[str, Any]:
    return {"type": "message", "user": "U1", "text": text, "ts": ts,
            "channel": "D1", "channel_type": "im"}  # fmt: skip


def _zone(core: Core) -> str | None:
    with core.unit() as unit:
        (member,) = [m for m in unit.members() if m.name == "Sam Seller"]
        return member.tz


async def test_tz_by_hand_holds_until_tz_auto(slack: SlackHarness, core: Core) -> None:
    await slack.event(_dm("tz Asia/Tokyo", "1763474401.0"))
    (said,) = await slack.fake.wait_for("chat.postMessage")
    assert "Asia/Tokyo" in said["text"]
    await slack.event(_dm("my tasks", "1763474402.0"))  # the profile still says New York
    await slack.fake.wait_for("chat.postMessage", 2)
    assert _zone(core) == "Asia/Tokyo"
    await slack.event(_dm("tz auto", "1763474403.0"))
    posts = await slack.fake.wait_for("chat.postMessage", 3)
    assert "America/New_York" in posts[2]["text"]
    await slack.event(_dm("my tasks", "1763474404.0"))
    await slack.fake.wait_for("chat.postMessage", 4)
    assert _zone(core) == "America/New_York"
