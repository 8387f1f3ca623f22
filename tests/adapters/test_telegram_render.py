"""Telegram HTML, splitting under 4096 characters, 64-byte callback data."""

from __future__ import annotations

from bot.adapters.telegram.inbound import command_text, from_update
from bot.adapters.telegram.render import MAX_TEXT, parse_callback, render
from handlers.types import Action, Button, Field, Reply


def test_card_is_escaped_html_with_one_big_button_per_row() -> None:
    out = render(
        Reply(
            "fallback",
            title="Logged call with <Jane> & Co",
            fields=(Field("Who", "Jane <b>Doe</b>"),),
            buttons=(Button("Undo", "log.undo", "7"), Button("Done", "task.done", "3")),
            context="Dates in Europe/Berlin",
        )
    )
    assert out.chunks == (
        "<b>Logged call with &lt;Jane&gt; &amp; Co</b>\n"
        "<b>Who:</b> Jane &lt;b&gt;Doe&lt;/b&gt;\n"
        "<i>Dates in Europe/Berlin</i>",
    )
    assert out.keyboard == ((("Undo", "log.undo|7"),), (("Done", "task.done|3"),))


def test_long_replies_split_under_the_limit() -> None:
    out = render(
        Reply("x", title="Agenda", sections=tuple(f"line {i} " + "é&" * 40 for i in range(400)))
    )
    assert len(out.chunks) > 1
    assert all(0 < len(c) <= MAX_TEXT for c in out.chunks)
    one_line = render(Reply("word " * 3000))
    assert all(len(c) <= MAX_TEXT for c in one_line.chunks)


def test_callback_data_over_64_bytes_is_dropped() -> None:
    out = render(
        Reply("x", buttons=(Button("ok", "task.done", "1"), Button("long", "a" * 70, "v")))
    )
    assert [label for row in out.keyboard for label, _ in row] == ["ok"]
    assert parse_callback("task.snooze|3:1d") == Action("task.snooze", "3:1d")
    assert parse_callback("garbage") is None


def test_commands_become_core_text() -> None:
    assert command_text("/start ABC123", "rapport_bot") == "start ABC123"
    assert command_text("/find@rapport_bot Jane Doe", "rapport_bot") == "find Jane Doe"
    assert command_text("/tasks@other_bot", "rapport_bot") is None


def test_group_chatter_is_not_read() -> None:
    base = {"update_id": 5, "message": {"message_id": 1, "date": 0, "text": "hello all",
            "from": {"id": 1, "first_name": "A"}, "chat": {"id": -5, "type": "group"}}}  # fmt: skip
    assert from_update(base, "rapport_bot") is None
    base["message"]["text"] = "@rapport_bot who is Jane?"
    message = from_update(base, "rapport_bot")
    assert message is not None
    assert message.text == "who is Jane?"
    assert not message.is_direct
    assert message.message_id == "telegram:5"
