"""Logging for a teammate (admins, or members an admin allowed) and a member's work."""

from __future__ import annotations

from handlers.core import Core
from tests.conftest import Clock, Say
from tests.handlers.helpers import live_interactions
from tests.handlers.records import audits


def _members(say: Say) -> None:
    say("hello", user="ana", platform="slack", name="Ana Ruiz")
    say("hello", user="bo", platform="slack", name="Bo Li")


def test_an_admin_logs_for_a_teammate_and_is_named_as_the_writer(core: Core, say: Say) -> None:
    _members(say)
    (card,) = say("log for Ana: called Hope, she wants the BAA")
    assert card.title == "Logged call with Hope Ferreira (for Ana Ruiz)"
    (entry,) = live_interactions(core)
    assert entry["author"] == "Ana Ruiz"
    event = audits(core, "log")[-1]
    writer = audits(core, "log")[-1].written_by_id
    assert writer is not None
    assert writer != event.member_id


def test_members_log_for_others_only_when_an_admin_allows_it(core: Core, say: Say) -> None:
    _members(say)
    (refused,) = say("log for Ana: called Hope", user="bo", platform="slack")
    assert "Only admins, or members an admin allowed" in refused.text
    assert live_interactions(core) == []
    (not_admin,) = say("allow Ana to log for others", user="bo", platform="slack")
    assert "Only an admin" in not_admin.text
    (allowed,) = say("allow Bo to log for others")
    assert allowed.text.startswith("Bo Li can now log for others")
    (card,) = say("log for Ana: called Hope", user="bo", platform="slack")
    assert card.title == "Logged call with Hope Ferreira (for Ana Ruiz)"


def test_what_a_member_did_yesterday(say: Say, clock: Clock) -> None:
    _members(say)
    say("called Hope about pallets", user="ana", platform="slack")
    say("met Rose about SSO", user="ana", platform="slack")
    clock.advance(days=1)
    say("called Olu today", user="ana", platform="slack")
    (work,) = say("what did Ana do yesterday?")
    assert work.title == "Ana Ruiz yesterday: 2 logged"
    assert work.sections == (
        "• Wed 18 Nov · call · Hope Ferreira: called Hope about pallets",
        "• Wed 18 Nov · meeting · Rose Nakamura: met Rose about SSO",
    )
    (quiet,) = say("what did Bo do yesterday?")
    assert quiet.text == "Bo Li logged nothing yesterday."


def test_a_question_about_a_log_for_a_teammate_is_the_writers_to_answer(
    core: Core, say: Say
) -> None:
    _members(say)
    (question,) = say("log for Ana: called Chris, he wants the quote")
    assert "Which Chris?" in (question.title or "")
    assert live_interactions(core) == []
    # Ana's next line is her own: it is not taken as the answer to the writer's question.
    say("1", user="ana", platform="slack")
    assert live_interactions(core) == []
    (card,) = say("1")
    assert (card.title or "").endswith("(for Ana Ruiz)")
    (entry,) = live_interactions(core)
    assert entry["author"] == "Ana Ruiz"
    assert entry["customers"].startswith("Chris ")
    event = audits(core, "log")[-1]
    assert event.written_by_id is not None
    assert event.written_by_id != event.member_id


def test_a_log_for_a_teammate_is_undone_by_its_writer_or_the_teammate_only(
    core: Core, say: Say
) -> None:
    _members(say)
    say("hello", user="cy", platform="slack", name="Cy Park")
    say("allow Bo to log for others")
    (card,) = say("log for Ana: called Hope about pallets", user="bo", platform="slack")
    undo = next(b for b in card.buttons if b.label == "Undo")
    (refused,) = say(action=(undo.action, undo.value), user="cy", platform="slack")
    assert "Only the person who logged it" in refused.text
    assert len(live_interactions(core)) == 1
    (undone,) = say(action=(undo.action, undo.value), user="bo", platform="slack")
    assert undone.text.startswith("Undone: removed the log entry")
    assert live_interactions(core) == []
    # Typed "undo": the writer's latest change includes what they wrote for others; the
    # teammate's too.
    say("log for Ana: called Hope again", user="bo", platform="slack")
    (nothing,) = say("undo", user="cy", platform="slack")
    assert nothing.text == "Nothing to undo."
    (typed,) = say("undo", user="bo", platform="slack")
    assert typed.text.startswith("Undone")
    say("log for Ana: called Rose", user="bo", platform="slack")
    (hers,) = say("undo", user="ana", platform="slack")
    assert hers.text.startswith("Undone")
    assert live_interactions(core) == []
