"""A contact the parser cannot place as done or planned is asked about with buttons."""

from __future__ import annotations

from handlers.core import Core
from tests.conftest import Say
from tests.handlers.helpers import button, live_interactions, rows


def test_done_is_logged(core: Core, say: Say) -> None:
    (question,) = say("coffee with Tom Whitaker")
    assert "Did this happen, or is it planned?" in question.text
    assert live_interactions(core) == []
    (card,) = say(action=button(question, "It happened"))
    assert "Logged meeting with Tom Whitaker" in card.text, card.text
    assert len(live_interactions(core)) == 1
    assert rows(core, "tasks") == []


def test_planned_is_a_task(core: Core, say: Say) -> None:
    (question,) = say("coffee with Tom Whitaker")
    (card,) = say(action=button(question, "It's planned"))
    assert live_interactions(core) == []
    (task,) = rows(core, "tasks")
    assert task["title"] == "Coffee with Tom Whitaker", card.text


def test_a_dated_plan_or_a_past_contact_is_not_asked_about(core: Core, say: Say) -> None:
    (card,) = say("coffee with Tom Whitaker next Thursday")
    assert "Did this happen" not in card.text
    (card,) = say("had coffee with Tom Whitaker")
    assert "Did this happen" not in card.text
