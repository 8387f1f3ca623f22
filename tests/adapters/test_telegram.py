"""The real PTB Application polling a loopback Bot API, driving the real core."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.adapters.telegram import TelegramConfig, serve_telegram
from handlers.core import Core
from tests.adapters.fake_telegram import FakeTelegram
from tests.adapters.waiting import port_open, until
from tests.conftest import Say
from tests.handlers.helpers import live_interactions, rows

ADMIN = 999  # listed in the core fixture's admin ids


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def tg(core: Core) -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    await fake.start()
    config = TelegramConfig(token="123:TEST", api_url=fake.url, poll_timeout=1, rate_limit=False)
    task = asyncio.create_task(serve_telegram(core, config))
    await fake.wait_for("setMyCommands")
    yield fake
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await fake.stop()


def last_text(fake: FakeTelegram) -> str:
    return str(fake.named("sendMessage")[-1]["text"])


async def test_commands_are_registered_and_polling_starts(tg: FakeTelegram) -> None:
    (commands,) = tg.named("setMyCommands")
    names = {c["command"] for c in commands["commands"]}
    assert {"start", "help", "find", "tasks", "done", "snooze", "tz", "invite", "allow"} <= names
    # Polling starts after the commands are set: wait for it rather than race it.
    await tg.wait_for("deleteWebhook")


async def test_stranger_is_refused_and_nothing_is_stored(tg: FakeTelegram, core: Core) -> None:
    tg.push_text(555, "called Hope, she wants a quote friday")
    await tg.wait_for("sendMessage")
    assert "private team bot" in last_text(tg)
    tg.push_text(555, "/find Hope")
    await tg.wait_for("sendMessage", 2)
    assert "Hope Ferreira" not in last_text(tg)
    assert live_interactions(core) == []


async def test_invite_code_joins_once_and_only_once(tg: FakeTelegram, core: Core) -> None:
    tg.push_text(ADMIN, "/invite")
    (invite,) = await tg.wait_for("sendMessage")
    code = str(invite["text"]).split("Invite code: ")[1].split()[0]
    tg.push_text(555, f"/start {code}", first_name="Dana")
    await tg.wait_for("sendMessage", 2)
    assert "Welcome, Dana" in last_text(tg)
    tg.push_text(556, f"/start {code}")
    await tg.wait_for("sendMessage", 3)
    assert "isn't valid" in last_text(tg)
    tg.push_text(555, "visited Redfern, all fine")
    await tg.wait_for("sendMessage", 4)
    assert "Logged visit" in last_text(tg)


async def test_linked_member_logs_as_the_same_member(
    tg: FakeTelegram, core: Core, say: Say
) -> None:
    say("hello", user="U1", platform="slack", name="Alex Slack")
    (link,) = say("link", user="U1", platform="slack")
    code = link.text.split("/start ")[1].split("”")[0]
    tg.push_text(777, f"/start {code}")
    await tg.wait_for("sendMessage")
    assert "you're Alex Slack here too" in last_text(tg)
    tg.push_text(777, "visited Redfern, all fine")
    await tg.wait_for("sendMessage", 2)
    (interaction,) = live_interactions(core)
    assert interaction["author"] == "Alex Slack"


async def test_inline_button_is_answered_and_edits_the_card(tg: FakeTelegram, core: Core) -> None:
    tg.push_text(ADMIN, "remind me to call Hope friday")
    (card,) = await tg.wait_for("sendMessage")
    assert "<b>Follow-up added</b>" in card["text"]
    buttons = [b for row in card["reply_markup"]["inline_keyboard"] for b in row]
    done = next(b for b in buttons if b["text"] == "Done")
    assert len(done["callback_data"].encode()) <= 64
    tg.push_callback(ADMIN, done["callback_data"], message_id=100)
    await tg.wait_for("answerCallbackQuery")
    (edit,) = await tg.wait_for("editMessageText")
    assert "Done: #1" in edit["text"]
    assert edit["message_id"] == 100
    assert rows(core, "tasks")[0]["status"] == "done"


async def test_groups_answer_only_after_allow(tg: FakeTelegram) -> None:
    tg.push_text(ADMIN, "@rapport_bot who is Hope?", chat=-100, chat_type="group")
    tg.push_text(ADMIN, "/allow", chat=-100, chat_type="group")
    (allowed,) = await tg.wait_for("sendMessage")
    assert "can use Rapport" in allowed["text"]
    tg.push_text(ADMIN, "just chatting here", chat=-100, chat_type="group")
    tg.push_text(ADMIN, "@rapport_bot who is Hope?", chat=-100, chat_type="group")
    await tg.wait_for("sendMessage", 2)
    assert "Hope Ferreira" in last_text(tg)
    # Updates are handled in order: the answer to a later DM comes after any other answer.
    tg.push_text(ADMIN, "/help")
    sent = await tg.wait_for("sendMessage", 3)
    assert [str(m["chat_id"]) for m in sent] == ["-100", "-100", str(ADMIN)]


async def test_blocked_user_is_marked_unreachable(tg: FakeTelegram, core: Core) -> None:
    tg.blocked.add(str(ADMIN))
    tg.push_text(ADMIN, "my tasks")
    await tg.wait_for("sendMessage")

    def unreachable() -> bool:
        with core.store.unit(core.settings.team_slug) as unit:
            identity = unit.identity("telegram", str(ADMIN))
            return identity is not None and identity.reachable is False

    await until(unreachable, what="the blocked user marked unreachable")


async def test_webhook_checks_the_secret_and_redelivery_writes_once(core: Core) -> None:
    fake = FakeTelegram()
    await fake.start()
    port = free_port()
    config = TelegramConfig(token="123:TEST", api_url=fake.url, rate_limit=False, listen="127.0.0.1",
                            port=port, webhook_url="https://bot.example.invalid/tg-hook",
                            webhook_secret="s3cret")  # fmt: skip
    task = asyncio.create_task(serve_telegram(core, config))
    try:
        (hook,) = await fake.wait_for("setWebhook")
        assert hook["secret_token"] == "s3cret"
        update = fake.push_text(ADMIN, "visited Redfern, all fine")
        url = f"http://127.0.0.1:{port}/tg-hook"
        await port_open(port)
        async with aiohttp.ClientSession() as session:
            async with session.post(url, json=update, headers={
                "X-Telegram-Bot-Api-Secret-Token": "wrong"}) as resp:  # fmt: skip
                assert resp.status == 403
            async with session.post(url, json=update) as resp:
                assert resp.status == 403
            for _ in range(2):  # Telegram redelivers when unsure: same update_id
                async with session.post(url, data=json.dumps(update), headers={
                    "X-Telegram-Bot-Api-Secret-Token": "s3cret",
                    "Content-Type": "application/json"}) as resp:  # fmt: skip
                    assert resp.status == 200
                assert len(live_interactions(core)) == 1  # the 200 came after it was stored
        # Each 200 came after its update was handled, replies included: nothing is pending.
        assert len(fake.named("sendMessage")) == 1
        assert len(live_interactions(core)) == 1
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await fake.stop()


async def test_a_deal_in_reais_moves_and_shows_on_the_card(tg: FakeTelegram, core: Core) -> None:
    tg.push_text(ADMIN, "called Greg at Harbor, he wants the R$ 45k refit package")
    await tg.wait_for("sendMessage")
    tg.push_text(ADMIN, "sent Greg the proposal")
    await tg.wait_for("sendMessage", 2)
    tg.push_text(ADMIN, "Harbor rated us 5/5")
    await tg.wait_for("sendMessage", 3)
    tg.push_text(ADMIN, "/find Harbor")
    await tg.wait_for("sendMessage", 4)
    card = last_text(tg)
    assert "R$45,000 in 1 deal" in card
    assert "proposal on" in card
    assert "Satisfaction 5.0/5 from 1 rating" in card
