"""A digest delivered in part is finished, never repeated; a lost one is reported once."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.adapters.slack import SlackConfig, serve_slack
from bot.adapters.telegram import TelegramConfig, serve_telegram
from bot.delivery import Delivery
from bot.scheduler import deliver_due_digests, deliver_due_nudges
from handlers import digest_delivery
from handlers.core import Core
from store.models import Member, Task
from tests.adapters.fake_slack import FakeSlack
from tests.adapters.fake_telegram import FakeTelegram
from tests.adapters.waiting import until
from tests.conftest import Clock, Say

SUNDAY = dt.datetime(2026, 11, 22, 20, 0, tzinfo=dt.UTC)
MONDAY_0830 = dt.datetime(2026, 11, 23, 13, 30, tzinfo=dt.UTC)  # 08:30 in New York


async def ticks(core: Core, delivery: Delivery, clock: Clock, count: int, every: int = 15) -> int:
    """`count` scheduler ticks `every` seconds apart; how many digests they delivered."""
    delivered = 0
    for _ in range(count):
        delivered += await deliver_due_digests(core, delivery)
        await deliver_due_nudges(core, delivery)
        clock.now += dt.timedelta(seconds=every)
    return delivered


def busy_team(core: Core, clock: Clock, people: int = 12, tasks: int = 12) -> None:
    """A team whose digest is long: everyone has many tasks overdue and due today."""
    now = clock.now
    with core.unit() as unit:
        for n in range(people):
            member = Member(team_id=unit.team_id, name=f"Representative {n:02d}", created_at=now)
            unit.session.add(member)
            unit.session.flush()
            for k in range(tasks):
                for days in (2, 0):
                    unit.session.add(Task(
                        team_id=unit.team_id, number=unit.next_task_number(),
                        title=f"Send the revised quarterly quote {n}-{k}-{days}",
                        due_date=(now - dt.timedelta(days=days)).date(), owner_id=member.id,
                        status="open", message_key=f"busy:{n}:{k}:{days}", created_at=now,
                        nudge_count=0,
                    ))  # fmt: skip


@pytest.fixture
async def slack(core: Core) -> AsyncIterator[tuple[FakeSlack, Delivery]]:
    fake = FakeSlack()
    await fake.start()
    delivery = Delivery()
    config = SlackConfig(bot_token="xoxb-t", signing_secret="s", api_url=fake.url,
                         port=0, host="127.0.0.1", pace_seconds=0)  # fmt: skip
    task = asyncio.create_task(serve_slack(core, config, delivery))
    await until(lambda: delivery.can_reach("slack"), what="the Slack adapter")
    yield fake, delivery
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await fake.stop()


@pytest.fixture
async def telegram(core: Core) -> AsyncIterator[tuple[FakeTelegram, Delivery]]:
    fake = FakeTelegram()
    await fake.start()
    delivery = Delivery()
    config = TelegramConfig(token="123:T", api_url=fake.url, poll_timeout=1, rate_limit=False)
    task = asyncio.create_task(serve_telegram(core, config, delivery))
    await fake.wait_for("setMyCommands")
    yield fake, delivery
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await fake.stop()


def digest_posts(fake: FakeSlack, channel: str) -> list[dict[str, Any]]:
    return [p for p in fake.named("chat.postMessage")
            if p["channel"] == channel and "digest —" in p["text"]]  # fmt: skip


async def test_slack_chart_refused_posts_the_text_once_and_says_so(
    core: Core, say: Say, clock: Clock, slack: tuple[FakeSlack, Delivery]
) -> None:
    fake, delivery = slack
    clock.now = SUNDAY
    say("digest 08:30", user="U1", platform="slack", chat="C42")
    fake.fail_methods["files.getUploadURLExternal"] = "not_allowed_token_type"
    clock.now = MONDAY_0830
    assert await ticks(core, delivery, clock, 40) == 1
    assert len(digest_posts(fake, "C42")) == 1
    notes = [p for p in fake.named("chat.postMessage") if "chart could not be posted" in p["text"]]
    assert len(notes) == 1
    assert "not_allowed_token_type" in notes[0]["text"]


async def test_slack_refusals_are_tried_five_times_then_the_setter_is_told_once(
    core: Core, say: Say, clock: Clock, slack: tuple[FakeSlack, Delivery]
) -> None:
    fake, delivery = slack
    clock.now = SUNDAY
    say("digest 08:30", user="U1", platform="slack", chat="C42")
    fake.fail_channels["C42"] = "internal_error"  # Slack trouble, not a channel gone
    clock.now = MONDAY_0830
    assert await ticks(core, delivery, clock, 30, every=60) == 0  # half an hour
    tries = [p for p in fake.named("chat.postMessage") if p["channel"] == "C42"]
    assert len(tries) == digest_delivery.MAX_ATTEMPTS
    told = [p for p in fake.named("chat.postMessage") if p["channel"] == "DU1"]
    assert len(told) == 1
    assert "could not post the team digest in slack chat C42 for Mon 23 Nov" in told[0]["text"]
    assert "internal_error" in told[0]["text"]
    # The next workday starts afresh.
    del fake.fail_channels["C42"]
    clock.now = MONDAY_0830 + dt.timedelta(days=1)
    assert await ticks(core, delivery, clock, 10) == 1
    assert len([p for p in fake.named("chat.postMessage") if p["channel"] == "DU1"]) == 1


async def test_slack_busy_digest_is_split_under_the_budget_and_nothing_is_lost(
    core: Core, say: Say, clock: Clock, slack: tuple[FakeSlack, Delivery]
) -> None:
    from bot.adapters.slack.split import BUDGET, size

    fake, delivery = slack
    clock.now = SUNDAY
    say("digest 08:30", user="U1", platform="slack", chat="C42")
    clock.now = MONDAY_0830
    busy_team(core, clock)
    assert await ticks(core, delivery, clock, 3) == 1
    posts = [p for p in fake.named("chat.postMessage") if p["channel"] == "C42"]
    assert len(posts) >= 2
    for post in posts:
        blocks = post["blocks"] if isinstance(post["blocks"], list) else json.loads(post["blocks"])
        assert size({"blocks": blocks, "text": post["text"]}) <= BUDGET
        assert len(blocks) <= 50
        assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in blocks)
    assert "(continued)" in posts[1]["text"]
    everything = "\n".join(json.dumps(p["blocks"], ensure_ascii=False) for p in posts)
    for n in range(10):  # the ten busiest owners are listed, under both headings
        assert everything.count(f"Representative {n:02d} (") == 2
    assert "more people" in everything
    assert "Dates in America/New_York" in everything  # the last part's context


async def test_telegram_photo_refused_posts_the_text_once(
    core: Core, say: Say, clock: Clock, telegram: tuple[FakeTelegram, Delivery]
) -> None:
    fake, delivery = telegram
    fake.refuse = lambda method, _: (
        {"error_code": 400, "description": "Bad Request: PHOTO_INVALID_DIMENSIONS"}
        if method == "sendPhoto" else None
    )  # fmt: skip
    clock.now = SUNDAY
    say("/allow", user="999", platform="telegram", chat="-100", direct=False)
    say("/digest 08:30", user="999", platform="telegram", chat="-100", direct=False)
    clock.now = MONDAY_0830
    assert await ticks(core, delivery, clock, 40) == 1
    texts = [p["text"] for p in fake.named("sendMessage") if str(p["chat_id"]) == "-100"]
    assert len([t for t in texts if "digest — Mon 23 Nov" in t]) == 1
    (note,) = [t for t in texts if "chart could not be posted" in t]
    assert "photo_invalid_dimensions" in note.lower()
    assert len(fake.named("sendPhoto")) == 1


async def test_telegram_second_chunk_refused_never_resends_the_first(
    core: Core, say: Say, clock: Clock, telegram: tuple[FakeTelegram, Delivery]
) -> None:
    fake, delivery = telegram
    refused: list[str] = []

    def second_chunk_once(method: str, params: dict[str, Any]) -> dict[str, Any] | None:
        sends = [p for p in fake.named("sendMessage") if str(p["chat_id"]) == "-100"]
        if method == "sendMessage" and len(sends) == 2 and not refused:
            refused.append(str(params["text"]))
            return {"error_code": 500, "description": "Internal Server Error"}
        return None

    fake.refuse = second_chunk_once
    clock.now = SUNDAY
    say("/allow", user="999", platform="telegram", chat="-100", direct=False)
    say("/digest 08:30", user="999", platform="telegram", chat="-100", direct=False)
    clock.now = MONDAY_0830
    busy_team(core, clock)
    assert await ticks(core, delivery, clock, 20) == 1
    texts = [str(p["text"]) for p in fake.named("sendMessage") if str(p["chat_id"]) == "-100"]
    assert len(texts) >= 3  # the digest is several chunks, and one was refused once
    (once,) = refused
    assert texts.count(once) == 2  # the refused chunk, and its retry
    assert len(texts) == len(set(texts)) + 1  # every other chunk went out exactly once
    assert "digest — Mon 23 Nov" in texts[0]


async def test_telegram_group_upgraded_to_a_supergroup_gets_its_digest_there(
    core: Core, say: Say, clock: Clock, telegram: tuple[FakeTelegram, Delivery]
) -> None:
    fake, delivery = telegram
    clock.now = SUNDAY
    say("/allow", user="999", platform="telegram", chat="-100", direct=False)
    say("/digest 08:30", user="999", platform="telegram", chat="-100", direct=False)
    fake.migrated["-100"] = -1001234567890
    clock.now = MONDAY_0830
    assert await ticks(core, delivery, clock, 4) == 1
    # The chart went first, was refused with the new id, and everything went there.
    assert [str(p["chat_id"]) for p in fake.named("sendPhoto")] == ["-100", "-1001234567890"]
    texts = fake.named("sendMessage")
    assert {str(p["chat_id"]) for p in texts} == {"-1001234567890"}
    assert "digest — Mon 23 Nov" in texts[0]["text"]
    (status,) = say("/digest", user="999", platform="telegram", chat="-1001234567890",
                    direct=False)  # fmt: skip
    assert "gets the digest at 08:30" in status.text


async def test_telegram_migration_message_moves_the_digest_and_the_allowance(
    core: Core, say: Say, clock: Clock, telegram: tuple[FakeTelegram, Delivery]
) -> None:
    fake, _ = telegram
    clock.now = SUNDAY
    say("/allow", user="999", platform="telegram", chat="-100", direct=False)
    say("/digest 08:30", user="999", platform="telegram", chat="-100", direct=False)
    fake.push_migration(-100, -1009)

    def moved() -> bool:
        with core.unit() as unit:
            return unit.subscription("telegram", "-1009") is not None

    await until(moved, what="the digest to follow the supergroup")
    with core.unit() as unit:
        assert unit.chat_allowed("telegram", "-1009")
        assert unit.subscription("telegram", "-100") is None
