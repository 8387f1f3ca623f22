"""An open question takes only its answer: a line that is its own request is handled as itself."""

from __future__ import annotations

from handlers.core import Core
from handlers.types import Message, Reply
from tests.conftest import Clock, Say
from tests.handlers.helpers import button, live_interactions, rows


def _shortcut(core: Core, clock: Clock, text: str) -> Reply:
    """Slack's "Log to Rapport" shortcut on a message that names nobody."""
    message = Message(
        platform="slack",
        user="U9",
        chat="C1",
        text=text,
        sent_at=clock.now,
        message_id=f"s-{text}",
        log_as_is=True,
    )
    (reply,) = core.handle(message)
    return reply


def _asked_who(core: Core, clock: Clock) -> None:
    ask = _shortcut(core, clock, "Thanks for the call, see attached.")
    assert "Who is this about?" in ask.text


def _say(say: Say, text: str) -> str:
    return "\n".join(r.text for r in say(text, user="U9", platform="slack", chat="C1"))


def test_a_log_typed_after_who_is_this_about_is_logged_as_itself(
    core: Core, say: Say, clock: Clock
) -> None:
    _asked_who(core, clock)
    shown = _say(say, "called Hope, she wants the rate card by friday")
    assert "Logged call with Hope Ferreira" in shown, shown
    (call,) = live_interactions(core)
    assert call["type"] == "call"
    assert "rate card" in call["summary"]
    # The question is closed: a name typed now is a lookup, not the note's customer.
    _say(say, "Redfern Dairy")
    assert len(live_interactions(core)) == 1


def test_a_question_typed_after_who_is_this_about_is_answered_not_taken(
    core: Core, say: Say, clock: Clock
) -> None:
    _asked_who(core, clock)
    shown = _say(say, "what is Hope's phone?")
    assert "Logged" not in shown, shown
    assert live_interactions(core) == []
    assert "Logged" not in _say(say, "list customers")
    assert live_interactions(core) == []


def test_my_tasks_after_who_is_this_about_lists_tasks(core: Core, say: Say, clock: Clock) -> None:
    say("remind me to call Hope friday", user="U9", platform="slack", chat="C1")
    _asked_who(core, clock)
    shown = _say(say, "my tasks")
    assert "Your open tasks" in shown, shown
    assert live_interactions(core) == []


def test_a_customers_name_still_answers_who_is_this_about(
    core: Core, say: Say, clock: Clock
) -> None:
    _asked_who(core, clock)
    shown = _say(say, "Olu Bakare")
    assert "Logged note with Olu Bakare" in shown, shown
    assert len(live_interactions(core)) == 1


def test_a_task_change_typed_after_change_date_changes_that_task(core: Core, say: Say) -> None:
    say("remind me to call Hope monday")
    say("remind me to email Olu tuesday")
    (ask,) = say(action=button(say("remind me to visit Redfern friday")[0], "Change date"))
    assert "New date for #3" in ask.text
    (moved,) = say("move 1 to wednesday")
    assert "Moved #1" in moved.text, moved.text
    due = {t["number"]: t["due_date"] for t in rows(core, "tasks")}
    assert due == {1: "2026-11-25", 2: "2026-11-24", 3: "2026-11-20"}
