"""Every chat line of the customer-records work through the real bolt app and the real PTB
Application against the loopback Slack and Telegram APIs.

One seeded team, one app per platform for the whole module (starting an app takes longer
than answering a line); the lines run in order, each checked by its own reply.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
import pytest_asyncio

from bot.adapters.slack import SlackConfig, serve_slack
from bot.adapters.telegram import TelegramConfig, serve_telegram
from handlers.core import Core
from tests.adapters.fake_slack import FakeSlack, blocks_text
from tests.adapters.fake_telegram import FakeTelegram
from tests.adapters.records_lines import LINES, seeded_core
from tests.adapters.test_slack import SECRET, SlackHarness, free_port, mention
from tests.adapters.test_telegram import ADMIN
from tests.adapters.waiting import port_open, until

pytestmark = pytest.mark.asyncio(loop_scope="module")
IDS = [line for line, _ in LINES]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def slack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[SlackHarness]:
    """The bolt app over HTTP, its writer U1 a workspace admin called Dana Admin."""
    core = seeded_core(tmp_path_factory.mktemp("slack"), "slack", "U1", "Dana Admin", True)
    fake = FakeSlack()
    fake.users["U1"] = {"real_name": "Dana Admin", "profile": {"real_name": "Dana Admin"},
                        "is_admin": True}  # fmt: skip
    await fake.start()
    port = free_port()
    config = SlackConfig(bot_token="xoxb-test", signing_secret=SECRET, api_url=fake.url,
                         port=port, host="127.0.0.1", pace_seconds=0)  # fmt: skip
    task = asyncio.create_task(serve_slack(core, config))
    await port_open(port)
    yield SlackHarness(fake, port)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await fake.stop()
    core.store.dispose()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def tg(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[FakeTelegram]:
    """The PTB Application polling, its writer the configured admin (first name Dana)."""
    core: Core = seeded_core(tmp_path_factory.mktemp("telegram"), "telegram", str(ADMIN),
                             "Dana", False)  # fmt: skip
    fake = FakeTelegram()
    await fake.start()
    config = TelegramConfig(token="123:TEST", api_url=fake.url, poll_timeout=1, rate_limit=False)
    task = asyncio.create_task(serve_telegram(core, config))
    await fake.wait_for("setMyCommands")
    yield fake
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await fake.stop()
    core.store.dispose()


async def _reply(
    posts: Callable[[], list[dict[str, Any]]], seen: int, expected: str, line: str
) -> dict[str, Any]:
    """The first message after the `seen` ones that says `expected`."""

    def said() -> dict[str, Any] | None:
        texts = ((p, f"{p.get('text', '')} {blocks_text(p)}") for p in posts()[seen:])
        return next((p for p, text in texts if expected in text), None)

    try:
        await until(said, what=f"a reply to {line!r}")
    except AssertionError:
        got = [p.get("text") for p in posts()[seen:]]
        raise AssertionError(f"{line!r}: no reply saying {expected!r}; got {got}") from None
    found = said()
    assert found is not None
    return found


@pytest.mark.parametrize(("line", "expected"), LINES, ids=IDS)
async def test_slack_line(slack: SlackHarness, line: str, expected: str) -> None:
    seen = len(slack.fake.named("chat.postMessage"))
    assert await slack.event(mention(line, ts=f"1763474400.{slack.events + 1:06d}")) == 200
    post = await _reply(lambda: slack.fake.named("chat.postMessage"), seen, expected, line)
    assert post["channel"] == "C1"


@pytest.mark.parametrize(("line", "expected"), LINES, ids=IDS)
async def test_telegram_line(tg: FakeTelegram, line: str, expected: str) -> None:
    seen = len(tg.named("sendMessage"))
    tg.push_text(ADMIN, line, first_name="Dana")
    sent = await _reply(lambda: tg.named("sendMessage"), seen, expected, line)
    assert str(sent["chat_id"]) == str(ADMIN)
    assert len(sent["text"]) < 4096


async def test_slack_list_pages_on_with_its_more_button(slack: SlackHarness) -> None:
    seen = len(slack.fake.named("chat.postMessage"))
    await slack.event(mention("list customers", ts=f"1763474400.{slack.events + 1:06d}"))

    def posts() -> list[dict[str, Any]]:
        return slack.fake.named("chat.postMessage")

    listed = await _reply(posts, seen, "Customers (1–10)", "list customers")
    assert "Ana de la Cruz" in blocks_text(listed)
    assert await slack.interactive(slack.press(listed, "More")) == 200
    await _reply(posts, seen + 1, "Customers (11–20)", "More")


async def test_telegram_list_is_short_and_pages_on_with_more(tg: FakeTelegram) -> None:
    seen = len(tg.named("sendMessage"))
    tg.push_text(ADMIN, "list customers", first_name="Dana")
    listed = await _reply(lambda: tg.named("sendMessage"), seen, "Customers (1–10)", "list")
    assert len(listed["text"]) < 4096
    buttons = [b for row in listed["reply_markup"]["inline_keyboard"] for b in row]
    more = next(b for b in buttons if b["text"] == "More")
    assert len(more["callback_data"].encode()) <= 64
    tg.push_callback(ADMIN, more["callback_data"], message_id=101)
    page = await _reply(lambda: tg.named("sendMessage"), seen + 1, "Customers (11–20)", "More")
    assert len(page["text"]) < 4096


async def test_slack_log_for_a_teammate_asks_the_writer_and_logs_as_her(
    slack: SlackHarness,
) -> None:
    seen = len(slack.fake.named("chat.postMessage"))
    line = "log for Ana: called Chris, he wants the quote"
    await slack.event(mention(line, ts=f"1763474400.{slack.events + 1:06d}"))
    question = await _reply(
        lambda: slack.fake.named("chat.postMessage"), seen, "Which Chris?", line
    )
    updates = len(slack.fake.named("chat.update"))
    assert await slack.interactive(slack.press(question, "Chris Vanterpool")) == 200
    await _reply(lambda: slack.fake.named("chat.update"), updates, "(for Ana Ruiz)", "the pick")


async def test_telegram_log_for_a_teammate_asks_the_writer_and_logs_as_her(
    tg: FakeTelegram,
) -> None:
    seen = len(tg.named("sendMessage"))
    line = "log for Ana: called Chris, he wants the quote"
    tg.push_text(ADMIN, line, first_name="Dana")
    question = await _reply(lambda: tg.named("sendMessage"), seen, "Which Chris?", line)
    buttons = [b for row in question["reply_markup"]["inline_keyboard"] for b in row]
    pick = next(b for b in buttons if b["text"].startswith("Chris Vanterpool"))
    edits = len(tg.named("editMessageText"))
    tg.push_callback(ADMIN, pick["callback_data"], message_id=102)
    await _reply(lambda: tg.named("editMessageText"), edits, "(for Ana Ruiz)", "the pick")
