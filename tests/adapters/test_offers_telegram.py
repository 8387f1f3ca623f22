"""A new lead offered in an allowed Telegram group over the loopback Bot API, and taken."""

from __future__ import annotations

import asyncio

from bot.adapters.telegram import TelegramConfig, serve_telegram
from bot.delivery import Delivery
from bot.scheduler import deliver_due_nudges
from handlers.core import Core
from tests.adapters.fake_telegram import FakeTelegram
from tests.conftest import Say
from tests.handlers.helpers import rows

ADMIN = 999  # listed in the core fixture's admin ids


async def test_a_new_lead_is_offered_in_the_team_group_and_taken(core: Core, say: Say) -> None:
    fake = FakeTelegram()
    await fake.start()
    delivery = Delivery()
    config = TelegramConfig(token="123:T", api_url=fake.url, poll_timeout=1, rate_limit=False)
    task = asyncio.create_task(serve_telegram(core, config, delivery))
    try:
        await fake.wait_for("setMyCommands")
        say("/allow", user="999", platform="telegram", chat="-100", direct=False)
        say("/digest 08:30", user="999", platform="telegram", chat="-100", direct=False)
        say("called Greg at Harbor, he wants the $12k imaging package", user="999",
            platform="telegram")  # fmt: skip
        assert await deliver_due_nudges(core, delivery) == 1
        (offer,) = fake.named("sendMessage")
        assert str(offer["chat_id"]) == "-100"
        assert "New lead: Harbor Marine Services" in offer["text"]
        buttons = [b for row in offer["reply_markup"]["inline_keyboard"] for b in row]
        take = next(b for b in buttons if b["text"] == "Take it")
        assert len(take["callback_data"].encode()) <= 64
        fake.push_callback(ADMIN, take["callback_data"], message_id=100, chat=-100,
                           chat_type="group")  # fmt: skip
        await fake.wait_for("answerCallbackQuery")
        (edit,) = await fake.wait_for("editMessageText")
        assert "took the lead Harbor Marine Services" in edit["text"]
        (harbor,) = [c for c in rows(core, "companies") if c["name"] == "Harbor Marine Services"]
        assert harbor["owner"] is not None
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await fake.stop()
