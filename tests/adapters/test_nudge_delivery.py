"""Nudges reach Slack users by DM and Telegram users in their private chat."""

from __future__ import annotations

import asyncio
import datetime as dt

from bot.adapters.slack import SlackConfig, serve_slack
from bot.adapters.telegram import TelegramConfig, serve_telegram
from bot.delivery import Delivery
from bot.scheduler import deliver_due_nudges
from handlers.core import Core
from handlers.types import Message
from tests.adapters.fake_slack import FakeSlack, blocks_text
from tests.adapters.fake_telegram import FakeTelegram
from tests.adapters.waiting import until
from tests.conftest import Clock, Say


async def test_slack_nudge_is_a_dm_with_buttons(core: Core, say: Say, clock: Clock) -> None:
    fake = FakeSlack()
    await fake.start()
    delivery = Delivery()
    config = SlackConfig(bot_token="xoxb-t", signing_secret="s", api_url=fake.url,
                         port=0, host="127.0.0.1", pace_seconds=0)  # fmt: skip
    task = asyncio.create_task(serve_slack(core, config, delivery))
    try:
        await until(lambda: delivery.can_reach("slack"), what="the Slack adapter")
        say("called Hope, she wants a quote friday", user="U1", platform="slack", name="Sam")
        clock.now = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)
        assert await deliver_due_nudges(core, delivery) == 1
        (opened,) = fake.named("conversations.open")
        assert opened["users"] == "U1"
        (post,) = fake.named("chat.postMessage")
        assert post["channel"] == "DU1"
        assert "Quote for Hope" in post["text"]
        assert "Snooze 1 week" in blocks_text(post)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await fake.stop()


async def test_telegram_nudge_goes_to_the_private_chat(core: Core, say: Say, clock: Clock) -> None:
    fake = FakeTelegram()
    await fake.start()
    delivery = Delivery()
    config = TelegramConfig(token="123:T", api_url=fake.url, poll_timeout=1, rate_limit=False)
    task = asyncio.create_task(serve_telegram(core, config, delivery))
    try:
        await fake.wait_for("setMyCommands")
        say("remind me to call Hope friday", user="999", platform="telegram")
        clock.now = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)
        assert await deliver_due_nudges(core, delivery) == 1
        (sent,) = fake.named("sendMessage")
        assert str(sent["chat_id"]) == "999"
        assert "Call Hope" in sent["text"]
        labels = [b["text"] for row in sent["reply_markup"]["inline_keyboard"] for b in row]
        assert labels == ["Done", "Snooze 1 day", "Snooze 1 week", "Reassign"]
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await fake.stop()


async def test_monday_digest_reaches_a_slack_channel_with_its_chart(
    core: Core, say: Say, clock: Clock
) -> None:
    from bot.scheduler import deliver_due_digests

    fake = FakeSlack()
    await fake.start()
    delivery = Delivery()
    config = SlackConfig(bot_token="xoxb-t", signing_secret="s", api_url=fake.url,
                         port=0, host="127.0.0.1", pace_seconds=0)  # fmt: skip
    task = asyncio.create_task(serve_slack(core, config, delivery))
    try:
        await until(lambda: delivery.can_reach("slack"), what="the Slack adapter")
        clock.now = dt.datetime(2026, 11, 22, 20, 0, tzinfo=dt.UTC)  # Sunday: first run Monday
        say("digest 08:30", user="U1", platform="slack", chat="C42")
        clock.now = dt.datetime(2026, 11, 23, 13, 30, tzinfo=dt.UTC)  # Mon 08:30 New York
        assert await deliver_due_digests(core, delivery) == 1
        (post,) = fake.named("chat.postMessage")
        assert post["channel"] == "C42"
        assert "digest — Mon 23 Nov" in post["text"]
        (upload,) = fake.uploads.values()
        assert upload.startswith(b"\x89PNG")
        (done,) = fake.named("files.completeUploadExternal")
        assert done["channel_id"] == "C42"
        assert await deliver_due_digests(core, delivery) == 0
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await fake.stop()


async def test_monday_digest_reaches_a_telegram_group_as_photo_and_text(
    core: Core, say: Say, clock: Clock
) -> None:
    from bot.scheduler import deliver_due_digests

    fake = FakeTelegram()
    await fake.start()
    delivery = Delivery()
    config = TelegramConfig(token="123:T", api_url=fake.url, poll_timeout=1, rate_limit=False)
    task = asyncio.create_task(serve_telegram(core, config, delivery))
    try:
        await fake.wait_for("setMyCommands")
        clock.now = dt.datetime(2026, 11, 22, 20, 0, tzinfo=dt.UTC)  # Sunday: first run Monday
        say("/allow", user="999", platform="telegram", chat="-100", direct=False)
        say("/digest 08:30", user="999", platform="telegram", chat="-100", direct=False)
        clock.now = dt.datetime(2026, 11, 23, 13, 30, tzinfo=dt.UTC)
        assert await deliver_due_digests(core, delivery) == 1
        (photo,) = fake.named("sendPhoto")
        assert str(photo["chat_id"]) == "-100"
        assert photo["photo"].startswith(b"\x89PNG")
        (text,) = fake.named("sendMessage")
        assert "digest — Mon 23 Nov" in text["text"]
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await fake.stop()


async def test_a_deleted_channel_stops_its_digest_and_tells_an_admin_once(
    core: Core, say: Say, clock: Clock
) -> None:
    from bot.scheduler import deliver_due_digests

    fake = FakeSlack()
    await fake.start()
    delivery = Delivery()
    config = SlackConfig(bot_token="xoxb-t", signing_secret="s", api_url=fake.url,
                         port=0, host="127.0.0.1", pace_seconds=0)  # fmt: skip
    task = asyncio.create_task(serve_slack(core, config, delivery))
    try:
        await until(lambda: delivery.can_reach("slack"), what="the Slack adapter")
        clock.now = dt.datetime(2026, 11, 22, 20, 0, tzinfo=dt.UTC)
        # A workspace admin (Slack's flag, from users.info) administers the team.
        core.handle(Message(platform="slack", user="U1", chat="DU1", text="hi",
                            sent_at=clock.now, message_id="k-admin", user_is_admin=True))  # fmt: skip
        say("digest 08:30", user="U1", platform="slack", chat="CGONE")
        fake.fail_channels["CGONE"] = "channel_not_found"
        clock.now = dt.datetime(2026, 11, 23, 13, 30, tzinfo=dt.UTC)
        assert await deliver_due_digests(core, delivery) == 0
        alerts = [p for p in fake.named("chat.postMessage") if p["channel"] == "DU1"]
        assert len(alerts) == 1
        assert "can no longer post the digest" in alerts[0]["text"]
        clock.now += dt.timedelta(days=1)
        assert await deliver_due_digests(core, delivery) == 0
        assert len([p for p in fake.named("chat.postMessage") if p["channel"] == "DU1"]) == 1
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await fake.stop()
