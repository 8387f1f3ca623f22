"""Tasks changed by writing: move, rename, cancel, reopen; each said back and undoable."""

from __future__ import annotations

from handlers.core import Core
from tests.conftest import Say
from tests.handlers.helpers import button, rows


def _task(core: Core, number: int = 1) -> dict[str, object]:
    return next(t for t in rows(core, "tasks") if t["number"] == number)


def test_move_reads_the_date_and_undo_puts_it_back(core: Core, say: Say) -> None:
    say("remind me to call Hope friday")
    (moved,) = say("move 1 to the 24th")
    assert moved.text == "Moved #1 Call Hope: Fri 20 Nov → Tue 24 Nov."
    assert _task(core)["due_date"] == "2026-11-24"
    say("undo")
    assert _task(core)["due_date"] == "2026-11-20"
    (bad,) = say("move 1 to whenever")
    assert "couldn't read" in bad.text


def test_rename_and_its_undo_button(core: Core, say: Say) -> None:
    say("remind me to call Hope friday")
    (renamed,) = say("rename 1 to send the revised quote")
    assert renamed.text == "Renamed #1: “Call Hope” → “send the revised quote”."
    assert _task(core)["title"] == "send the revised quote"
    (undone,) = say(action=button(renamed, "Undo"))
    assert "Undone" in undone.text
    assert _task(core)["title"] == "Call Hope"


def test_cancel_and_reopen(core: Core, say: Say) -> None:
    say("remind me to call Hope friday")
    (cancelled,) = say("cancel 1")
    assert cancelled.text.startswith("Cancelled #1 Call Hope")
    assert _task(core)["status"] == "cancelled"
    (again,) = say("cancel 1")
    assert again.text == "Task #1 is already cancelled."
    (reopened,) = say("reopen 1")
    assert reopened.text.startswith("Reopened #1 Call Hope")
    assert _task(core)["status"] == "open"
    say("undo")
    assert _task(core)["status"] == "cancelled"


def test_a_teammate_s_task_is_theirs_to_change(core: Core, say: Say) -> None:
    say("remind me to call Hope friday", user="ana", platform="slack", name="Ana Ruiz")
    say("hello", user="bo", platform="slack", name="Bo Li")
    (refused,) = say("cancel 1", user="bo", platform="slack")
    assert "only they can change it" in refused.text
    assert _task(core)["status"] == "open"
