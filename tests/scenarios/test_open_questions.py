"""An open question takes only its answer: other lines are handled as themselves."""

from __future__ import annotations

import asyncio
import io

from bot.adapters.console import ConsoleChat
from handlers.core import Core
from tests.conftest import Clock
from tests.handlers.helpers import rows


def _chat(core: Core, clock: Clock) -> tuple[ConsoleChat, io.StringIO]:
    out = io.StringIO()
    return ConsoleChat(core=core, user="sam", tz="America/New_York", out=out, clock=clock), out


def _said(chat: ConsoleChat, out: io.StringIO, line: str) -> str:
    before = len(out.getvalue())
    asyncio.run(chat.say(line))
    return out.getvalue()[before:]


def test_a_log_typed_after_change_date_is_logged_and_moves_nothing(
    core: Core, clock: Clock
) -> None:
    chat, out = _chat(core, clock)
    _said(chat, out, "remind me to call Hope monday")
    asked = _said(chat, out, "2")  # [1] Undo [2] Change date [3] Done
    assert "New date for #1" in asked
    shown = _said(chat, out, "called Hope, she wants the rate card by friday")
    assert "New date" not in shown
    assert "Moved" not in shown
    first = next(t for t in rows(core, "tasks") if t["number"] == 1)
    assert first["due_date"] == "2026-11-23"  # still Monday
    assert len(rows(core, "interactions")) == 1  # the call was logged
    later = _said(chat, out, "next tuesday")  # the question was closed by the log
    assert "Moved" not in later
    assert next(t for t in rows(core, "tasks") if t["number"] == 1)["due_date"] == "2026-11-23"


def test_a_date_answer_still_moves_the_task(core: Core, clock: Clock) -> None:
    chat, out = _chat(core, clock)
    _said(chat, out, "remind me to call Hope monday")
    _said(chat, out, "2")
    moved = _said(chat, out, "next tuesday at 10")
    assert "Tue 24 Nov 10:00" in moved


def test_a_bare_number_presses_only_the_last_messages_buttons(core: Core, clock: Clock) -> None:
    chat, out = _chat(core, clock)
    _said(chat, out, "remind me to call Hope monday")  # [3] Done
    _said(chat, out, "agenda")  # a reply of its own: the card's buttons are gone
    shown = _said(chat, out, "3")
    assert "Done: #1" not in shown
    assert next(t for t in rows(core, "tasks") if t["number"] == 1)["status"] == "open"


def test_a_bare_number_presses_nothing_after_ten_minutes(core: Core, clock: Clock) -> None:
    chat, out = _chat(core, clock)
    _said(chat, out, "remind me to call Hope monday")
    clock.advance(minutes=11)
    shown = _said(chat, out, "3")
    assert "Done: #1" not in shown
    assert next(t for t in rows(core, "tasks") if t["number"] == 1)["status"] == "open"


def test_a_command_closes_the_question(core: Core, clock: Clock) -> None:
    chat, out = _chat(core, clock)
    _said(chat, out, "remind me to call Hope monday")
    _said(chat, out, "2")
    _said(chat, out, "tz")
    later = _said(chat, out, "next tuesday")
    assert "Moved" not in later
    assert "Tue 24 Nov" not in later
