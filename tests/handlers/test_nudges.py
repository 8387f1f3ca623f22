"""Nudges: due tasks reach their owner once, on time, inside allowed hours."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from handlers.core import Core
from handlers.importer import import_path
from tests.conftest import DIRECTORY, PG_URL, Clock, Say
from tests.handlers.helpers import button, claim_nudges, finish_nudge, rows

UTC = dt.UTC


def at(clock: Clock, iso_utc: str) -> None:
    clock.now = dt.datetime.fromisoformat(iso_utc).replace(tzinfo=UTC)


def test_a_due_task_gets_exactly_one_nudge(core: Core, say: Say, clock: Clock) -> None:
    say("called Hope, she wants the revised quote by friday")  # Wed 18 Nov, New York
    at(clock, "2026-11-20T13:59:00")  # Fri 08:59 in New York: not yet
    assert claim_nudges(core, "a") == []
    at(clock, "2026-11-20T14:00:00")  # Fri 09:00 workday start
    (nudge,) = claim_nudges(core, "a")
    assert nudge.recipient.platform == "console"
    assert nudge.recipient.address == "sam"
    reply = nudge.reply
    assert "Due Fri 20 Nov: #1 Revised quote for Hope" in reply.text
    assert "from your call with Hope on Wed 18 Nov" in reply.text
    assert [b.label for b in reply.buttons] == ["Done", "Snooze 1 day", "Snooze 1 week", "Reassign"]
    assert claim_nudges(core, "b") == []  # leased
    finish_nudge(core, nudge, sent=True)
    assert claim_nudges(core, "b") == []  # sent; next reminder is the next workday


def test_snooze_means_no_nudge_until_the_new_date(core: Core, say: Say, clock: Clock) -> None:
    say("remind me to call Hope friday")
    at(clock, "2026-11-20T14:00:00")
    (nudge,) = claim_nudges(core, "a")
    finish_nudge(core, nudge, sent=True)
    (snoozed,) = say(action=button(nudge.reply, "Snooze 1 week"))
    assert "Fri 27 Nov" in snoozed.text
    at(clock, "2026-11-26T14:00:00")
    assert claim_nudges(core, "a") == []
    at(clock, "2026-11-27T14:00:00")
    assert len(claim_nudges(core, "a")) == 1


def test_a_sender_that_dies_after_claiming_loses_its_lease(
    core: Core, say: Say, clock: Clock
) -> None:
    say("remind me to call Hope friday")
    at(clock, "2026-11-20T14:00:00")
    (lost,) = claim_nudges(core, "dead")  # claimed, never sent nor settled
    clock.advance(minutes=4)
    assert claim_nudges(core, "alive") == []
    clock.advance(minutes=2)
    (again,) = claim_nudges(core, "alive")
    assert again.task_id == lost.task_id
    finish_nudge(core, lost, sent=True)  # the dead sender's late settle changes nothing
    finish_nudge(core, again, sent=True)
    assert rows(core, "tasks")[0]["status"] == "open"
    clock.advance(minutes=10)
    assert claim_nudges(core, "alive") == []


def test_quiet_hours_and_weekends_wait(core: Core, say: Say, clock: Clock) -> None:
    say("remind me to call Hope friday at 9pm")
    at(clock, "2026-11-21T02:30:00")  # Fri 21:30 in New York: quiet
    assert claim_nudges(core, "a") == []
    at(clock, "2026-11-23T12:59:00")  # Mon 07:59
    assert claim_nudges(core, "a") == []
    at(clock, "2026-11-23T13:00:00")  # Mon 08:00, quiet hours over
    assert len(claim_nudges(core, "a")) == 1


def test_overdue_is_renudged_daily_at_most_three_times(core: Core, say: Say, clock: Clock) -> None:
    say("remind me to call Hope monday")
    at(clock, "2026-11-23T14:00:00")
    sent = 0
    for _ in range(10):
        out = claim_nudges(core, "a")
        for nudge in out:
            finish_nudge(core, nudge, sent=True)
            sent += 1
        clock.advance(days=1)
    assert sent == 4  # the first nudge and three daily reminders


def test_done_stops_nudges(core: Core, say: Say, clock: Clock) -> None:
    say("remind me to call Hope friday")
    say("done 1")
    at(clock, "2026-11-20T14:00:00")
    assert claim_nudges(core, "a") == []


def test_reassign_button_offers_members_and_moves_the_nudge(
    core: Core, say: Say, clock: Clock
) -> None:
    say("hello", user="alex", platform="slack", name="Alex Kim")
    say("remind me to call Hope friday")
    at(clock, "2026-11-20T14:00:00")
    (nudge,) = claim_nudges(core, "a")
    finish_nudge(core, nudge, sent=False)
    (ask,) = say(action=button(nudge.reply, "Reassign"))
    (gave,) = say(action=button(ask, "Alex Kim"))
    assert "Gave #1" in gave.text
    (again,) = claim_nudges(core, "b")
    assert again.recipient.platform == "slack"
    assert again.recipient.address == "alex"


@pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
def test_two_senders_on_postgresql_claim_500_nudges_once(store_url: str, clock: Clock) -> None:
    if not store_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    from handlers.core import CoreSettings
    from store import Store

    store = Store(store_url)
    core = Core(store, CoreSettings(default_tz="America/New_York"), clock=clock)
    core.in_unit(import_path, DIRECTORY, core.clock())
    from handlers.types import Message

    for i in range(500):
        core.handle(Message(platform="console", user="sam", chat="c",
                            text="remind me to call Hope friday", sent_at=clock.now,
                            message_id=f"m{i}"))  # fmt: skip
    at(clock, "2026-11-20T14:00:00")
    got: dict[str, list[int]] = {"a": [], "b": []}

    def sender(name: str) -> None:
        other = Core(Store(store_url, migrate=False), core.settings, clock=clock)
        while True:
            batch = claim_nudges(other, name, limit=25)
            if not batch:
                return
            for n in batch:
                finish_nudge(other, n, sent=True)
                got[name].append(n.task_id)

    threads = [threading.Thread(target=sender, args=(n,)) for n in got]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    everything = got["a"] + got["b"]
    assert len(everything) == 500
    assert len(set(everything)) == 500
    assert got["a"]
    assert got["b"]
    store.dispose()


def test_own_hours_move_the_nudge(core: Core, say: Say, clock: Clock) -> None:
    say("remind me to call Hope friday")
    (ok,) = say("workday 07:30")
    assert "07:30" in ok.text
    say("quiet off")
    at(clock, "2026-11-20T12:29:00")
    assert claim_nudges(core, "a") == []
    at(clock, "2026-11-20T12:30:00")  # Fri 07:30 in New York
    assert len(claim_nudges(core, "a")) == 1
    (bad,) = say("workdays someday")
    assert "isn't a set of days" in bad.text


def test_a_nudge_in_a_dst_gap_fires_once_at_the_next_valid_minute(
    core: Core, say: Say, clock: Clock
) -> None:
    def tg(text: str) -> None:
        say(text, user="999", platform="telegram")

    tg("tz Europe/Berlin")
    tg("quiet off")
    tg("workdays mon-sun")
    tg("remind me to call Hope on 2027-03-28 at 2:30am")  # 02:30 does not exist that day
    at(clock, "2027-03-28T00:59:00")
    assert claim_nudges(core, "a") == []
    at(clock, "2027-03-28T01:00:00")  # 03:00 CEST, the first valid minute
    (nudge,) = claim_nudges(core, "a")
    finish_nudge(core, nudge, sent=True)
    clock.advance(hours=2)
    assert claim_nudges(core, "a") == []


def test_nudges_sent_late_still_wait_for_allowed_hours(core: Core, say: Say, clock: Clock) -> None:
    say("remind me to call Hope friday at 3pm")
    # The bot was down from before Fri 15:00 until Fri 23:50 in New York (quiet 20:00-08:00).
    at(clock, "2026-11-21T04:50:00")
    assert claim_nudges(core, "a") == []
    at(clock, "2026-11-21T15:00:00")  # Saturday 10:00: not a workday
    assert claim_nudges(core, "a") == []
    at(clock, "2026-11-23T12:59:00")
    assert claim_nudges(core, "a") == []
    at(clock, "2026-11-23T13:00:00")  # Mon 08:00 in New York
    assert len(claim_nudges(core, "a")) == 1
