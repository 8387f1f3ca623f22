"""Times are instants: a timed task is due at one moment, shown in each reader's zone."""

from __future__ import annotations

import datetime as dt

from handlers import outbound
from handlers.core import Core
from handlers.types import Message
from tests.conftest import Clock, Say
from tests.handlers.helpers import claim_nudges, rows

UTC = dt.UTC


def at(clock: Clock, iso_utc: str) -> None:
    clock.now = dt.datetime.fromisoformat(iso_utc).replace(tzinfo=UTC)


def kenji(say: Say) -> None:
    """A teammate in Tokyo (sam, who writes by default, is in New York)."""
    say("hello", user="kenji", platform="slack", name="Kenji Sato")
    say("tz Asia/Tokyo", user="kenji", platform="slack")


def as_kenji(say: Say, text: str) -> str:
    (reply,) = say(text, user="kenji", platform="slack")
    return reply.text


def test_a_timed_task_is_stored_as_an_instant(core: Core, say: Say) -> None:
    say("remind me to call Hope thursday at 7pm")  # written in New York
    (task,) = rows(core, "tasks")
    assert task["due_at"] == "2026-11-20T00:00:00+00:00"
    assert task["due_date"] == "2026-11-19"


def test_each_reader_sees_the_time_in_their_own_zone(core: Core, say: Say) -> None:
    kenji(say)
    say("remind me to call Hope thursday at 7pm")
    (mine,) = say("my tasks")
    assert "Thu 19 Nov 19:00" in mine.text
    # The same instant is Friday morning in Tokyo: Hope's card says so to Kenji.
    card = as_kenji(say, "who is Hope?")
    assert "Fri 20 Nov 09:00" in card, card
    assert "19:00" not in card


def test_reassigning_keeps_the_instant_not_the_wall_clock(core: Core, say: Say) -> None:
    kenji(say)
    say("remind me to call Hope thursday at 7pm")
    (gave,) = say("give 1 to Kenji")
    assert "Gave #1" in gave.text
    (task,) = rows(core, "tasks")
    assert task["due_at"] == "2026-11-20T00:00:00+00:00"
    assert task["due_date"] == "2026-11-20"  # the day in its owner's zone
    assert task["nudge_at"] == "2026-11-20T00:00:00+00:00"  # Fri 09:00 in Tokyo
    (notice,) = core.in_unit(outbound.claim_notices, core.settings, core.clock(), "t", 50)
    assert notice.reply.text == "sam: gave you #1 Call Hope (due Fri 20 Nov 09:00)."
    assert "Fri 20 Nov 09:00" in as_kenji(say, "my tasks")


def test_a_reassigned_nudge_waits_for_the_new_owners_hours(
    core: Core, say: Say, clock: Clock
) -> None:
    kenji(say)
    say("remind me to call Hope friday at 9am")  # Fri 14:00 UTC: 23:00 in Tokyo, quiet
    say("give 1 to Kenji")
    at(clock, "2026-11-20T14:00:00")
    assert claim_nudges(core, "a") == []
    at(clock, "2026-11-22T22:59:00")
    assert claim_nudges(core, "a") == []
    at(clock, "2026-11-22T23:00:00")  # Mon 23 Nov 08:00 in Tokyo
    (nudge,) = claim_nudges(core, "a")
    assert nudge.recipient.address == "kenji"
    assert "Overdue since Fri 20 Nov 23:00" in nudge.reply.text


def test_a_date_only_task_stays_a_date_for_a_new_owner(core: Core, say: Say) -> None:
    kenji(say)
    say("remind me to call Hope friday")
    say("give 1 to Kenji")
    (task,) = rows(core, "tasks")
    assert (task["due_date"], task["due_at"]) == ("2026-11-20", None)
    listed = as_kenji(say, "my tasks")
    assert "Fri 20 Nov (" in listed or listed.rstrip().endswith("Fri 20 Nov"), listed
    assert task["nudge_at"] == "2026-11-20T00:00:00+00:00"  # Fri 09:00, Kenji's workday start


def test_moving_keeps_the_time_of_day_the_mover_sees(core: Core, say: Say) -> None:
    kenji(say)
    say("remind me to call Hope thursday at 7pm")
    say("give 1 to Kenji")
    moved = as_kenji(say, "move 1 to monday")
    assert "Fri 20 Nov 09:00 → Mon 23 Nov 09:00" in moved, moved
    (task,) = rows(core, "tasks")
    assert task["due_at"] == "2026-11-23T00:00:00+00:00"
    snoozed = as_kenji(say, "snooze 1 to wednesday")
    assert "Wed 25 Nov 09:00" in snoozed, snoozed


def test_the_digest_counts_overdue_in_its_own_zone(core: Core, say: Say, clock: Clock) -> None:
    kenji(say)
    # Written Wed 23:00 in Tokyo: due Thu 09:00 there, which is Wed 19:00 in New York.
    as_kenji(say, "remind me to call Hope thursday at 9am")
    at(clock, "2026-11-19T13:00:00")  # Thu 08:00 in New York, Thu 22:00 in Tokyo
    (digest,) = say("digest now")
    assert "Overdue (1):" in digest.text, digest.text
    assert "• Kenji Sato (1): #1 Call Hope (Hope Ferreira), Wed 18 Nov 19:00" in digest.text
    assert "Due today" not in digest.text
    tokyo = as_kenji(say, "digest now")
    assert "Due today (1):" in tokyo, tokyo
    assert "Overdue" not in tokyo


def test_a_new_zone_moves_dated_nudges_and_keeps_timed_instants(core: Core, say: Say) -> None:
    kenji(say)
    say("remind me to call Hope friday")
    say("remind me to call Olu thursday at 7pm")
    say("give 1 to Kenji")
    say("give 2 to Kenji")
    as_kenji(say, "tz America/Los_Angeles")
    dated, timed = rows(core, "tasks")
    assert dated["nudge_at"] == "2026-11-20T17:00:00+00:00"  # Fri 09:00 in Los Angeles
    assert timed["due_at"] == "2026-11-20T00:00:00+00:00"
    assert timed["due_date"] == "2026-11-19"  # Thu 16:00 in Los Angeles
    assert "Thu 19 Nov 16:00" in as_kenji(say, "my tasks")


def test_a_zone_from_the_slack_profile_moves_dated_nudges_too(
    core: Core, say: Say, clock: Clock
) -> None:
    say("hello", user="kenji", platform="slack", name="Kenji Sato")  # New York, by profile
    say("remind me to call Hope friday", user="kenji", platform="slack")
    (task,) = rows(core, "tasks")
    assert task["nudge_at"] == "2026-11-20T14:00:00+00:00"  # Fri 09:00 in New York
    moved = Message(platform="slack", user="kenji", chat="dm", text="hello", sent_at=clock.now,
                    message_id="after-moving", user_name="Kenji Sato",
                    user_tz="Europe/Berlin", is_direct=True)  # fmt: skip
    core.handle(moved)
    (task,) = rows(core, "tasks")
    assert task["nudge_at"] == "2026-11-20T08:00:00+00:00"  # Fri 09:00 in Berlin
