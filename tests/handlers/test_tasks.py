"""Changing tasks by text and by button, undo, and who may change what."""

from __future__ import annotations

from handlers.core import Core
from tests.conftest import Clock, Say
from tests.handlers.helpers import button, live_interactions, rows


def _task(core: Core, number: int = 1) -> dict[str, object]:
    return next(t for t in rows(core, "tasks") if t["number"] == number)


def test_done_by_text_and_by_button(core: Core, say: Say) -> None:
    (card,) = say("remind me to call Hope friday")
    (reply,) = say("done 1")
    assert "Done: #1" in reply.text
    assert _task(core)["status"] == "done"
    (again,) = say(action=button(card, "Done"))
    assert "already done" in again.text


def test_snooze_by_text_reads_the_date(core: Core, say: Say) -> None:
    say("remind me to call Hope friday")
    (reply,) = say("snooze 1 to monday")
    assert "Mon 23 Nov" in reply.text
    assert _task(core)["due_date"] == "2026-11-23"


def test_snooze_with_nonsense_date_changes_nothing(core: Core, say: Say) -> None:
    say("remind me to call Hope friday")
    (reply,) = say("snooze 1 to whenever")
    assert "couldn't read" in reply.text
    assert _task(core)["due_date"] == "2026-11-20"


def test_change_date_button_takes_the_next_line(core: Core, say: Say) -> None:
    (card,) = say("remind me to call Hope friday")
    (ask,) = say(action=button(card, "Change date"))
    assert "New date for #1" in ask.text
    (moved,) = say("next tuesday at 10")
    assert "Tue 24 Nov 10:00" in moved.text
    assert _task(core)["due_date"] == "2026-11-24"


def test_reassign_to_another_member(core: Core, say: Say) -> None:
    say("hello", user="alex", platform="slack", name="Alex Kim")
    say("remind me to call Hope friday")
    (reply,) = say("give 1 to alex kim")
    assert "Gave #1" in reply.text
    assert _task(core)["owner"] == "Alex Kim"
    (unknown,) = say("give 1 to nobody-here")
    assert "No team member" in unknown.text


def test_undo_reverts_the_last_change_softly(core: Core, say: Say) -> None:
    say("called Hope, she wants a quote friday")
    (reply,) = say("undo")
    assert "Undone" in reply.text
    assert live_interactions(core) == []
    assert len(rows(core, "interactions")) == 1  # kept, marked deleted
    assert _task(core)["status"] == "cancelled"
    (nothing,) = say("undo")
    assert "Nothing to undo" in nothing.text


def test_undo_of_done_reopens_the_task(core: Core, say: Say) -> None:
    say("remind me to call Hope friday")
    say("done 1")
    say("undo")
    assert _task(core)["status"] == "open"


def test_someone_elses_task_cannot_be_changed(core: Core, say: Say) -> None:
    say("hello", user="alex", platform="slack")
    (card,) = say("remind me to call Hope friday", user="alex", platform="slack")
    (text,) = say("done 1", user="blair", platform="slack")
    assert "only they can change it" in text.text
    (press,) = say(action=button(card, "Done"), user="blair", platform="slack")
    assert "only they can change it" in press.text
    assert _task(core)["status"] == "open"


def test_forged_button_values_change_nothing(core: Core, say: Say) -> None:
    say("called Hope, she wants a quote friday")
    for action in [
        ("task.done", "999"),
        ("task.done", "'; DROP TABLE tasks; --"),
        ("task.snooze", "1:99y"),
        ("log.undo", "999"),
        ("pending.answer", "999:0"),
        ("nope.nothing", "1"),
    ]:
        (reply,) = say(action=action)
        assert reply.tone == "warning" or "no task" in reply.text.lower(), (action, reply.text)
    assert _task(core)["status"] == "open"
    assert len(live_interactions(core)) == 1


def test_agenda_buckets_overdue_today_and_later(core: Core, say: Say, clock: Clock) -> None:
    say("remind me to call Hope tomorrow")
    say("remind me to email Olu today")
    say("remind me to visit Redfern next month")
    clock.advance(days=1)
    (reply,) = say("my tasks")
    text = reply.text
    assert "Overdue (1)" in text
    assert "Today (1)" in text
    assert "Later (1)" in text
    assert text.index("Overdue") < text.index("Today") < text.index("Later")
    assert [b.label for b in reply.buttons] == ["Done #2", "Snooze #2", "Done #1", "Snooze #1"]


def test_first_thing_is_the_members_own_workday_start(core: Core, say: Say) -> None:
    say("workday 07:30")
    say("remind me to call Hope first thing tomorrow")
    (task,) = rows(core, "tasks")
    assert (task["due_date"], task["due_at"]) == ("2026-11-19", "2026-11-19T12:30:00+00:00")
    say(action=button(say("remind me to call Hope friday")[0], "Change date"))
    (moved,) = say("first thing monday")
    assert "Mon 23 Nov 07:30" in moved.text


def test_agenda_counts_every_task_and_lists_the_first_25(
    core: Core, say: Say, clock: Clock
) -> None:
    for i in range(12):
        say(f"remind me to email Olu about invoice {i} today")
    say("remind me to call Hope tomorrow at 11pm")  # 04:00 UTC the day after: still today
    for i in range(10):
        say(f"remind me to ping Redfern about order {i} saturday")
    for i in range(6):
        say(f"remind me to visit Redfern about site {i} next month")
    clock.advance(days=1)  # Thursday
    (reply,) = say("my tasks")
    text = reply.text
    assert reply.title == "Your open tasks (29)"
    assert "12 overdue, 1 today, 10 this week, 6 later" in text
    assert "Overdue (12):" in text
    assert "Today (1):" in text
    assert "This week (10):" in text
    assert "Later (6, first 2):" in text
    assert "…and 4 more." in text
    today = text[text.index("Today (1):") : text.index("This week")]
    assert "Hope" in today
    assert "23:00" in today
