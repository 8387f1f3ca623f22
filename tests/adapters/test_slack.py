"""The real bolt app over real HTTP, signed like Slack signs, against a loopback Web API."""

from __future__ import annotations

import asyncio
import json
import socket
import time
import urllib.parse
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from slack_sdk.signature import SignatureVerifier

from bot.adapters.slack import SlackConfig, serve_slack
from handlers.core import Core
from handlers.importer import import_path
from tests.adapters.fake_slack import FakeSlack, blocks_text
from tests.adapters.waiting import port_open
from tests.handlers.helpers import live_interactions, rows

SECRET = "test-signing-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SlackHarness:
    """Sends signed requests to the app as Slack would."""

    def __init__(self, fake: FakeSlack, port: int) -> None:
        self.fake = fake
        self.url = f"http://127.0.0.1:{port}/slack/events"
        self.events = 0

    async def post(self, body: str, content_type: str, secret: str = SECRET,
                   age: int = 0, headers: dict[str, str] | None = None) -> int:  # fmt: skip
        ts = str(int(time.time()) - age)
        signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
        all_headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
                       "X-Slack-Signature": signature, **(headers or {})}  # fmt: skip
        async with (
            aiohttp.ClientSession() as session,
            session.post(self.url, data=body.encode(), headers=all_headers) as resp,
        ):
            return resp.status

    async def event(
        self, event: dict[str, Any], event_id: str | None = None, retry: int = 0
    ) -> int:
        self.events += 1
        body = json.dumps({"type": "event_callback", "team_id": "T1", "api_app_id": "A1",
                           "event": event, "event_id": event_id or f"Ev{self.events}",
                           "event_time": int(time.time())})  # fmt: skip
        headers = (
            {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
            if retry
            else None
        )
        return await self.post(body, "application/json", headers=headers)

    async def interactive(self, payload: dict[str, Any]) -> int:
        body = urllib.parse.urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded")

    async def command(self, text: str, user: str = "U1", channel: str = "C1") -> int:
        name = "directmessage" if channel.startswith("D") else "general"
        body = urllib.parse.urlencode({
            "command": "/rapport", "text": text, "user_id": user, "channel_id": channel,
            "team_id": "T1", "trigger_id": f"tr-{time.monotonic_ns()}",
            "response_url": self.fake.response_url("cmd"), "channel_name": name})  # fmt: skip
        return await self.post(body, "application/x-www-form-urlencoded")

    def press(
        self, message: dict[str, Any], label: str, user: str = "U1", channel: str = "C1"
    ) -> dict[str, Any]:
        """The block_actions payload for pressing a button on a posted message."""
        blocks = (
            message["blocks"]
            if isinstance(message["blocks"], list)
            else json.loads(message["blocks"])
        )
        element = next(e for b in blocks if b["type"] == "actions" for e in b["elements"]
                       if e["text"]["text"].startswith(label))  # fmt: skip
        return {"type": "block_actions", "team": {"id": "T1"}, "user": {"id": user},
                "trigger_id": f"tr-{time.monotonic_ns()}", "channel": {"id": channel},
                "container": {"type": "message", "channel_id": channel, "message_ts": "1800000000.000001"},
                "message": {"ts": "1800000000.000001"}, "response_url": self.fake.response_url("act"),
                "actions": [{"action_id": element["action_id"], "value": element["value"],
                             "text": element["text"], "action_ts": str(time.time())}]}  # fmt: skip


@pytest.fixture
async def slack(core: Core) -> AsyncIterator[SlackHarness]:
    fake = FakeSlack()
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


def mention(text: str, ts: str = "1763474400.000100", user: str = "U1") -> dict[str, Any]:
    return {"type": "app_mention", "user": user, "text": f"<@UBOT> {text}", "ts": ts,
            "channel": "C1", "channel_type": "channel", "event_ts": ts}  # fmt: skip


async def test_mention_replies_in_thread_and_stores_rows(slack: SlackHarness, core: Core) -> None:
    status = await slack.event(
        mention("called Hope at brightwater, she wants the revised quote by friday")
    )
    assert status == 200
    (post,) = await slack.fake.wait_for("chat.postMessage")
    assert post["channel"] == "C1"
    assert post["thread_ts"] == "1763474400.000100"
    assert "Hope Ferreira" in post["text"]
    assert "Brightwater Foods" in blocks_text(post)
    (interaction,) = live_interactions(core)
    assert interaction["author"] == "Sam Seller"  # name from users.info


async def test_retried_event_writes_one_row_and_posts_once(slack: SlackHarness, core: Core) -> None:
    event = mention("visited Pinecrest, install done")
    await slack.event(event, event_id="EvSame")
    await slack.fake.wait_for("chat.postMessage")
    await slack.event(event, event_id="EvSame", retry=1)
    # The same post also arriving as a message event is the same key.
    await slack.event({**event, "type": "message", "channel_type": "im"}, event_id="EvOther")
    # A later DM's answer comes after any answer to the repeats would have.
    await slack.event({"type": "message", "user": "U1", "text": "my tasks", "ts": "1763474409.0",
                       "channel": "D9", "channel_type": "im"})  # fmt: skip
    posts = await slack.fake.wait_for("chat.postMessage", 2)
    assert [p["channel"] for p in posts] == ["C1", "D9"]
    assert len(live_interactions(core)) == 1


async def test_bad_or_stale_signature_gets_401_and_touches_nothing(
    slack: SlackHarness, core: Core
) -> None:
    body = json.dumps({"type": "event_callback", "team_id": "T1",
                       "event": mention("visited Pinecrest"), "event_id": "EvBad"})  # fmt: skip
    assert await slack.post(body, "application/json", secret="wrong") == 401
    assert await slack.post(body, "application/json", age=600) == 401
    # A 401 is answered before any listener runs: nothing can be on its way.
    assert live_interactions(core) == []
    assert slack.fake.named("chat.postMessage") == []


async def test_dm_without_mention_works(slack: SlackHarness) -> None:
    await slack.event({"type": "message", "user": "U1", "text": "my tasks", "ts": "1763474401.0",
                       "channel": "D1", "channel_type": "im"})  # fmt: skip
    (post,) = await slack.fake.wait_for("chat.postMessage")
    assert post["channel"] == "D1"
    assert post.get("thread_ts") is None
    assert "no open tasks" in post["text"]


async def test_done_button_updates_the_card_in_place(slack: SlackHarness, core: Core) -> None:
    await slack.event(mention("remind me to call Hope friday"))
    (card,) = await slack.fake.wait_for("chat.postMessage")
    assert await slack.interactive(slack.press(card, "Done")) == 200
    (update,) = await slack.fake.wait_for("chat.update")
    assert update["ts"] == "1800000000.000001"
    assert "Done: #1" in update["text"]
    assert rows(core, "tasks")[0]["status"] == "done"


async def test_which_customer_buttons_then_card(slack: SlackHarness, core: Core) -> None:
    await slack.event(mention("called Chris, he wants the quote by Friday"))
    (question,) = await slack.fake.wait_for("chat.postMessage")
    assert "Which Chris?" in question["text"]
    await slack.interactive(slack.press(question, "Chris Vanterpool"))
    (update,) = await slack.fake.wait_for("chat.update")
    assert "Chris Vanterpool" in update["text"]
    assert live_interactions(core)[0]["customers"] == "Chris Vanterpool"


async def test_slash_command_answers_privately_unless_shared(slack: SlackHarness) -> None:
    assert await slack.command("who is Hope?") == 200
    (first,) = await slack.fake.wait_for("respond")
    assert first["response_type"] == "ephemeral"
    assert "Hope Ferreira" in first["text"]
    await slack.command("who is Hope? share")
    second = (await slack.fake.wait_for("respond", 2))[1]
    assert second["response_type"] == "in_channel"


async def test_link_gives_a_one_time_code(slack: SlackHarness) -> None:
    await slack.command("link", channel="D1")
    (reply,) = await slack.fake.wait_for("respond")
    assert "/start " in reply["text"]
    assert reply["response_type"] == "ephemeral"


async def test_app_home_publishes_tasks_and_recent_customers(slack: SlackHarness) -> None:
    await slack.event(mention("called Hope, she wants a quote friday"))
    await slack.fake.wait_for("chat.postMessage")
    await slack.event({"type": "app_home_opened", "user": "U1", "tab": "home", "channel": "D1"})
    (publish,) = await slack.fake.wait_for("views.publish")
    view = publish["view"] if isinstance(publish["view"], dict) else json.loads(publish["view"])
    text = json.dumps(view)
    assert publish["user_id"] == "U1"
    assert view["type"] == "home"
    assert "Quote for Hope" in text
    assert "Recently touched" in text
    assert "Done" in text


async def test_shortcut_logs_a_message_and_asks_who_when_unnamed(
    slack: SlackHarness, core: Core
) -> None:
    payload = {"type": "message_action", "callback_id": "log_to_rapport", "team": {"id": "T1"},
               "user": {"id": "U1"}, "channel": {"id": "C1"}, "trigger_id": "tr-sc",
               "response_url": slack.fake.response_url("sc"),
               "message": {"ts": "1763474500.0", "text": "From Olu: the pallets arrived, thanks!"}}  # fmt: skip
    await slack.interactive(payload)
    (reply,) = await slack.fake.wait_for("respond")
    assert "Logged note with Olu Bakare" in reply["text"]
    assert len(live_interactions(core)) == 1


async def test_a_429_is_waited_out_and_the_reply_still_arrives(slack: SlackHarness) -> None:
    slack.fake.rate_limit_once.add("chat.postMessage")
    await slack.event(mention("who is Hope?"))
    (post,) = await slack.fake.wait_for("chat.postMessage", timeout=15)
    assert "Hope Ferreira" in post["text"]
    assert [c.method for c in slack.fake.calls].count("chat.postMessage:429") == 1


@pytest.mark.parametrize("text", ["digest &lt;!channel&gt;", "tz &lt;!here&gt;",
                                  "revoke &lt;!everyone&gt;", "digest &lt;!subteam^S1&gt;"])  # fmt: skip
async def test_no_reply_can_mention_everyone(slack: SlackHarness, text: str) -> None:
    # Slack sends what a person typed as "<!channel>" escaped; the reply quotes it back.
    slack.fake.users["U1"] = {"is_admin": True}  # so "revoke" gets as far as quoting the name
    await slack.event(mention(text))
    (post,) = await slack.fake.wait_for("chat.postMessage")
    assert "<!" not in post["text"]
    assert "<!" not in blocks_text(post)
    assert "&lt;!" in post["text"]


async def test_a_deal_in_euros_and_the_pipeline_over_slack(slack: SlackHarness, core: Core) -> None:
    await slack.event(mention("called Greg at Harbor, he wants the 3,500 EUR imaging package"))
    (card,) = await slack.fake.wait_for("chat.postMessage")
    assert "€3,500" in blocks_text(card)
    await slack.event(mention("Greg complained about invoice errors", ts="1763474400.000200"))
    await slack.fake.wait_for("chat.postMessage", 2)
    await slack.event(mention("pipeline", ts="1763474400.000300"))
    posts = await slack.fake.wait_for("chat.postMessage", 3)
    assert "Lead — 1 deal: €3,500" in posts[-1]["text"]
    (deal,) = rows(core, "deals")
    assert (deal["amount_minor"], deal["currency"]) == (350000, "EUR")


async def test_the_profile_email_claims_an_imported_owner(
    slack: SlackHarness, core: Core, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("Name,Company,Contact owner,Owner email\n"
                    "Ada Park,Initrode,Sam Lee,sam.lee@corp.example\n", encoding="utf-8")  # fmt: skip
    assert core.in_unit(import_path, path, core.clock()).ok
    slack.fake.users["U9"] = {"real_name": "Samuel Lee",
                              "profile": {"real_name": "Samuel Lee", "email": "Sam.Lee@corp.example"}}  # fmt: skip
    await slack.event(mention("who is Ada?", user="U9"))
    await slack.fake.wait_for("chat.postMessage")
    (identity,) = [i for i in rows(core, "identities") if i["user_key"] == "U9"]
    sam = next(m for m in rows(core, "members") if m["email"] == "sam.lee@corp.example")
    assert identity["member_id"] == sam["id"]
    assert (
        next(c for c in rows(core, "contacts") if c["name"] == "Ada Park")["owner_id"] == sam["id"]
    )


async def test_a_teammate_mentioned_is_read_as_their_name(slack: SlackHarness, core: Core) -> None:
    await slack.event(mention("hello", user="U2"))  # Blair joins
    await slack.event(mention("remind me to call Hope friday", ts="1763474400.000200"))
    await slack.event(mention("give 1 to <@U2>", ts="1763474400.000300"))
    posts = await slack.fake.wait_for("chat.postMessage", count=3)
    assert "Gave #1 Call Hope to Blair Field" in posts[-1]["text"]
    assert [t["owner"] for t in rows(core, "tasks")] == ["Blair Field"]


def test_mentions_become_names_and_the_bots_own_is_dropped() -> None:
    from bot.adapters.slack.inbound import name_mentions, plain_text

    names = {"U2": "Blair Field"}
    assert plain_text(name_mentions("<@UBOT> give 1 to <@U2>", "UBOT", names)) == (
        "give 1 to @Blair Field"
    )
    # Without the bot's id, the opening mention is taken for the bot's.
    assert plain_text(name_mentions("<@UB> cc <@U2|blair>", "", {})) == "cc @blair"
    assert plain_text(name_mentions("ping <@U7>", "UBOT", {})) == "ping"
