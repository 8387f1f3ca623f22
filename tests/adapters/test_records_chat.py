"""Record requests through the real Slack and Telegram adapters: an edit, a list with its
More button, and a search.
"""

from __future__ import annotations

from tests.adapters.fake_slack import blocks_text
from tests.adapters.fake_telegram import FakeTelegram
from tests.adapters.test_slack import SlackHarness, mention
from tests.adapters.test_slack import slack as slack
from tests.adapters.test_telegram import ADMIN
from tests.adapters.test_telegram import tg as tg


async def test_slack_edit_list_more_and_search(slack: SlackHarness) -> None:
    await slack.event(mention("change Hope's phone to (415) 555-0101", ts="1763474400.000101"))
    (edit,) = await slack.fake.wait_for("chat.postMessage")
    assert "Hope Ferreira's phone: — → +1 415-555-0101" in edit["text"]
    await slack.event(mention("list customers", ts="1763474400.000102"))
    listed = (await slack.fake.wait_for("chat.postMessage", 2))[1]
    assert "Ana de la Cruz" in blocks_text(listed)
    await slack.interactive(slack.press(listed, "More"))
    calls = await slack.fake.wait_for("chat.postMessage", 3)
    assert "Customers (11–20)" in calls[2]["text"]
    await slack.event(mention("called Hope about 40 pallets", ts="1763474400.000103"))
    await slack.fake.wait_for("chat.postMessage", 4)
    await slack.event(mention("search pallets", ts="1763474400.000104"))
    found = (await slack.fake.wait_for("chat.postMessage", 5))[4]
    assert "Hope Ferreira · call: called Hope about 40 pallets" in blocks_text(found)


async def test_telegram_edit_list_more_and_search(tg: FakeTelegram) -> None:
    tg.push_text(ADMIN, "Hope's title is CFO")
    (edit,) = await tg.wait_for("sendMessage")
    assert "Hope Ferreira's title: — → CFO" in edit["text"]
    tg.push_text(ADMIN, "list customers")
    listed = (await tg.wait_for("sendMessage", 2))[1]
    assert len(listed["text"]) < 4096
    buttons = [b for row in listed["reply_markup"]["inline_keyboard"] for b in row]
    more = next(b for b in buttons if b["text"] == "More")
    assert len(more["callback_data"].encode()) <= 64
    tg.push_callback(ADMIN, more["callback_data"], message_id=101)
    await tg.wait_for("answerCallbackQuery")
    page = (await tg.wait_for("sendMessage", 3))[2]
    assert "Customers (11–20)" in page["text"]
    tg.push_text(ADMIN, "called Hope about 40 pallets")
    await tg.wait_for("sendMessage", 4)
    tg.push_text(ADMIN, "/search pallets")
    found = (await tg.wait_for("sendMessage", 5))[4]
    assert "called Hope about 40 pallets" in found["text"]
