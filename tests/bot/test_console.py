"""The terminal chat: rendering and numbered choices."""

from __future__ import annotations

import asyncio
import datetime as dt
import io

from bot.adapters.console import ConsoleChat, render, run_console
from handlers.types import Action, Button, Field, Message, Reply

NOW = dt.datetime(2026, 11, 18, 15, 0, tzinfo=dt.UTC)


class RecordingCore:
    """Stands in for the network-free core at the console's boundary: records what it got."""

    def __init__(self, replies: list[Reply]) -> None:
        self.replies = replies
        self.seen: list[Message] = []

    def handle(self, message: Message) -> list[Reply]:
        self.seen.append(message)
        return self.replies


CARD = Reply(
    text="Logged call with Jane Doe (Acme). Follow-up: Send quote, Fri 20 Nov.",
    title="Logged call with Jane Doe",
    fields=(Field("Who", "Jane Doe, Acme Corp"), Field("Follow-up", "Send quote — Fri 20 Nov")),
    buttons=(Button("Undo", "log.undo", "7"), Button("Done", "task.done", "3")),
    context="Wed 18 Nov, America/New_York",
    tone="success",
)


def test_card_renders_title_fields_context_and_numbered_buttons() -> None:
    assert render(CARD) == (
        "✓ Logged call with Jane Doe\n"
        "  Who        Jane Doe, Acme Corp\n"
        "  Follow-up  Send quote — Fri 20 Nov\n"
        "  (Wed 18 Nov, America/New_York)\n"
        "  [1] Undo  [2] Done"
    )


def test_plain_reply_renders_its_text() -> None:
    assert render(Reply(text="Nothing due today.")) == "Nothing due today."


def test_a_typed_number_presses_the_matching_button() -> None:
    out = io.StringIO()
    core = RecordingCore([CARD])
    chat = ConsoleChat(core=core, user="sam", tz="America/New_York", out=out, clock=lambda: NOW)
    asyncio.run(chat.say("called Jane, quote Friday"))
    asyncio.run(chat.say("2"))
    first, second = core.seen
    assert first.action is None
    assert first.text == "called Jane, quote Friday"
    assert second.action == Action("task.done", "3")
    assert first.message_id != second.message_id
    assert first.user_tz == "America/New_York"
    assert first.sent_at == NOW


def test_a_number_with_no_such_button_is_plain_text() -> None:
    core = RecordingCore([Reply(text="ok")])
    chat = ConsoleChat(core=core, user="sam", tz=None, out=io.StringIO(), clock=lambda: NOW)
    asyncio.run(chat.say("5"))
    assert core.seen[0].action is None
    assert core.seen[0].text == "5"


def test_piped_input_gets_one_reply_block_per_line_and_skips_blank_lines() -> None:
    core = RecordingCore([Reply(text="ok")])
    out = io.StringIO()
    asyncio.run(
        run_console(
            core,
            user="sam",
            tz=None,
            stdin=io.StringIO("hello\n\nmy tasks\n"),
            stdout=out,
            interactive=False,
        )
    )
    assert [m.text for m in core.seen] == ["hello", "my tasks"]
    assert out.getvalue() == "ok\n\nok\n\n"
