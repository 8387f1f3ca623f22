"""Golden Block Kit for the core's replies, and Slack's limits."""

from __future__ import annotations

import json

from bot.adapters.slack.inbound import from_action, plain_text
from bot.adapters.slack.render import MAX_BLOCKS, MAX_SECTION, render
from handlers.types import Action, Button, Field, Reply

CARD = Reply(
    text="Logged call with Jane Doe (Acme) on Wed 18 Nov.",
    title="Logged call with Jane Doe",
    fields=(Field("Who", "Jane Doe (Acme <Corp> & Co)"), Field("When", "Wed 18 Nov")),
    buttons=(
        Button("Undo", "log.undo", "7", "danger"),
        Button("Done", "task.done", "3", "primary"),
    ),
    context="Dates in America/New_York",
    tone="success",
)


def test_card_golden() -> None:
    assert render(CARD) == {
        "text": "Logged call with Jane Doe (Acme) on Wed 18 Nov.",
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": "*Logged call with Jane Doe*"}},
            {
                "type": "section",
                "fields": [
                    {"type": "mrkdwn", "text": "*Who*\nJane Doe (Acme &lt;Corp&gt; &amp; Co)"},
                    {"type": "mrkdwn", "text": "*When*\nWed 18 Nov"},
                ],
            },
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "Dates in America/New_York"}]},
            {
                "type": "actions",
                "elements": [
                    {"type": "button", "text": {"type": "plain_text", "text": "Undo"},
                     "action_id": "log.undo:0", "value": "7", "style": "danger"},
                    {"type": "button", "text": {"type": "plain_text", "text": "Done"},
                     "action_id": "task.done:1", "value": "3", "style": "primary"},
                ],
            },
        ],
    }  # fmt: skip


def test_plain_reply_has_no_blocks_but_text() -> None:
    assert render(Reply("Nothing to undo.")) == {"text": "Nothing to undo.", "blocks": []}


def test_limits_hold_for_huge_replies() -> None:
    huge = Reply(
        text="x" * 50_000,
        title="t" * 5000,
        fields=tuple(Field(f"f{i}", "v" * 5000) for i in range(30)),
        sections=tuple("line " + "y" * 4000 for _ in range(200)),
        buttons=tuple(Button("b" * 100, "task.done", str(i)) for i in range(40)),
    )
    out = render(huge)
    assert len(out["blocks"]) <= MAX_BLOCKS
    assert len(out["text"]) <= 40_000
    for block in out["blocks"]:
        if "text" in block:
            assert len(block["text"]["text"]) <= MAX_SECTION
        for f in block.get("fields", []):
            assert len(f["text"]) <= 2000
        assert len(block.get("fields", [])) <= 10
        for e in block.get("elements", []):
            assert (
                len(e.get("text", {}).get("text", "")) <= 75 if e.get("type") == "button" else True
            )
        if block["type"] == "actions":
            assert len(block["elements"]) <= 25


def test_user_text_cannot_ping_everyone() -> None:
    out = render(Reply("hi", title="<!channel> <@U1>"))
    assert "<!channel>" not in json.dumps(out)
    assert "&lt;!channel&gt;" in out["blocks"][0]["text"]["text"]


def test_slack_markup_becomes_plain_text() -> None:
    assert plain_text("<@UBOT> emailed <mailto:jane@acme.io|jane@acme.io> re &lt;deal&gt;") == (
        "emailed jane@acme.io re <deal>"
    )


def test_a_press_becomes_the_core_action() -> None:
    body = {"actions": [{"action_id": "task.snooze:2", "value": "3:1d", "action_ts": "1.0"}],
            "user": {"id": "U1"}, "channel": {"id": "C1"}, "trigger_id": "t1"}  # fmt: skip
    message = from_action(body, "Sam", "UTC")
    assert message.action == Action("task.snooze", "3:1d")
    assert message.message_id == "slack:action:t1"


def test_fallback_text_is_escaped_like_every_block() -> None:
    card = Reply(text="Logged call with <!channel> Smith & co", title="<!here> Smith",
                 fields=(Field("Who", "<!everyone>"),))  # fmt: skip
    rendered = json.dumps(render(card))
    assert "<!" not in rendered
    assert render(card)["text"] == "Logged call with &lt;!channel&gt; Smith &amp; co"
