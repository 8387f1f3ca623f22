"""What a Telegram group sees (refusals and codes go privately, once) and which updates are
new, through the real PTB Application against the loopback Bot API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.adapters.telegram import TelegramConfig, serve_telegram
from bot.housekeeping import forget_old_keys
from handlers.core import Core
from tests.adapters.fake_telegram import FakeTelegram
from tests.adapters.waiting import until
from tests.conftest import Clock
from tests.handlers.helpers import live_interactions

ADMIN = 999
GROUP = -100


async def running(core: Core, fake: FakeTelegram) -> asyncio.Task[None]:
    await fake.start()
    config = TelegramConfig(token="123:TEST", api_url=fake.url, poll_timeout=1, rate_limit=False)
    task = asyncio.create_task(serve_telegram(core, config))
    await fake.wait_for("setMyCommands")
    return task


async def stop(task: asyncio.Task[None], fake: FakeTelegram) -> None:
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await fake.stop()


@pytest.fixture
async def tg(core: Core) -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    task = await running(core, fake)
    yield fake
    await stop(task, fake)


def to_chat(fake: FakeTelegram, chat: int) -> list[str]:
    return [str(m["text"]) for m in fake.named("sendMessage") if str(m["chat_id"]) == str(chat)]


async def barrier(fake: FakeTelegram) -> None:
    """Updates are handled in order: once the admin's later DM is answered, all before are."""
    before = len(to_chat(fake, ADMIN))
    fake.push_text(ADMIN, "/help")
    await until(lambda: len(to_chat(fake, ADMIN)) > before, what="the answer to a later DM")


def group_text(fake: FakeTelegram, user: int, text: str) -> None:
    fake.push_text(user, text, chat=GROUP, chat_type="group")


async def test_a_stranger_in_a_group_not_allowed_is_refused_privately(tg: FakeTelegram) -> None:
    group_text(tg, 555, "/start")
    group_text(tg, 555, "/help@rapport_bot")
    await barrier(tg)
    assert to_chat(tg, GROUP) == []
    refusals = to_chat(tg, 555)
    assert len(refusals) == 2
    assert all("private team bot" in r for r in refusals)


async def test_a_stranger_pressing_an_old_button_gets_one_private_answer(
    tg: FakeTelegram,
) -> None:
    group_text(tg, ADMIN, "/allow")
    group_text(tg, ADMIN, "@rapport_bot remind me to call Hope friday")
    await tg.wait_for("sendMessage", 2)
    card = tg.named("sendMessage")[1]
    done = next(b for row in card["reply_markup"]["inline_keyboard"] for b in row
                if b["text"] == "Done")  # fmt: skip
    tg.push_callback(555, done["callback_data"], message_id=101, chat=GROUP, chat_type="group")
    (answer,) = await tg.wait_for("answerCallbackQuery")
    await barrier(tg)
    assert "private team bot" in answer["text"]
    assert answer["show_alert"] is True
    assert len(to_chat(tg, GROUP)) == 2  # the allow and the card, nothing more
    assert to_chat(tg, 555) == []


async def test_a_revoked_member_pressing_a_button_gets_one_private_answer(
    tg: FakeTelegram, core: Core
) -> None:
    tg.push_text(ADMIN, "/invite")
    (invite,) = await tg.wait_for("sendMessage")
    code = str(invite["text"]).split("Invite code: ")[1].split()[0]
    tg.push_text(555, f"/start {code}", first_name="Zed")
    group_text(tg, ADMIN, "/allow")
    group_text(tg, 555, "@rapport_bot remind me to call Hope friday")
    await tg.wait_for("sendMessage", 4)
    card = tg.named("sendMessage")[3]
    tg.push_text(ADMIN, "revoke Zed")
    await tg.wait_for("sendMessage", 5)
    data = card["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    tg.push_callback(555, data, message_id=103, chat=GROUP, chat_type="group")
    (answer,) = await tg.wait_for("answerCallbackQuery")
    await barrier(tg)
    assert "private team bot" in answer["text"]
    assert len(to_chat(tg, GROUP)) == 2


async def test_codes_asked_for_in_a_group_are_never_posted_there(tg: FakeTelegram) -> None:
    group_text(tg, ADMIN, "/allow")
    group_text(tg, ADMIN, "/link@rapport_bot")
    group_text(tg, ADMIN, "/invite@rapport_bot")
    await barrier(tg)
    assert to_chat(tg, GROUP) == ["This group can use Rapport now."]
    private = to_chat(tg, ADMIN)
    assert [m for m in private if "direct message" in m] == private[:2]
    assert not any("/start" in m for m in private)


async def test_two_bots_on_one_database_each_answer_their_own_update_one(core: Core) -> None:
    first, second = FakeTelegram(), FakeTelegram(bot_id=5151)
    tasks = [await running(core, first), await running(core, second)]
    try:
        first.push_text(ADMIN, "visited Redfern, all fine")
        second.push_text(ADMIN, "visited Pinecrest, all fine")  # also update_id 1
        await first.wait_for("sendMessage")
        await second.wait_for("sendMessage")
        assert len(live_interactions(core)) == 2
    finally:
        await stop(tasks[0], first)
        await stop(tasks[1], second)


async def test_an_update_id_reused_after_the_retention_is_answered(
    core: Core, clock: Clock
) -> None:
    before = FakeTelegram()
    task = await running(core, before)
    before.push_text(ADMIN, "visited Redfern, all fine")
    await before.wait_for("sendMessage")
    await stop(task, before)
    assert forget_old_keys(core, days=2) == 0  # a retry now would still be recognised
    clock.advance(days=3)
    assert forget_old_keys(core, days=2) == 1
    after = FakeTelegram()  # after a quiet week, Telegram may start update ids afresh
    task = await running(core, after)
    try:
        after.push_text(ADMIN, "visited Pinecrest, all fine")  # update_id 1 again
        await after.wait_for("sendMessage")
        assert len(live_interactions(core)) == 2
    finally:
        await stop(task, after)
