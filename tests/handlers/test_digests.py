"""The team digest: what it says, when it goes out, and that it goes out once."""

from __future__ import annotations

import datetime as dt
import io

from handlers.core import Core
from tests.conftest import Clock, Say
from tests.handlers.helpers import button, claim_digests, finish_digest

UTC = dt.UTC


def at(clock: Clock, iso_utc: str) -> None:
    clock.now = dt.datetime.fromisoformat(iso_utc).replace(tzinfo=UTC)


def test_digest_now_has_every_section_with_something_in_it(
    core: Core, say: Say, clock: Clock
) -> None:
    say("hello", user="alex", platform="slack", name="Alex Kim")
    say("remind me to call Hope tomorrow")  # due Thu
    say("remind me to email Olu today", user="alex", platform="slack")  # due Wed: overdue Thu
    say("Greg from Harbor called, engine room job is a go, 12,500 USD 🎉")
    say("met Yuki, she's not happy with the grinder repair")
    clock.advance(minutes=1)  # added after the directory import
    say("met Priya Raman from Initrode")
    say("1")  # add the new contact
    clock.advance(days=1)  # Thu 19 Nov
    (digest,) = say("digest now")
    text = digest.text
    assert "Due today (1):" in text
    assert "• sam (1): #1 Call Hope" in text
    assert "Overdue (1):" in text
    assert "• Alex Kim (1): #2" in text
    assert "Yesterday: 3 logged — 2 meetings, 1 call · by sam 3" in text
    assert "• Greg Pappas, Harbor Marine Services: call by sam ($12,500 · positive)" in text
    assert "Unhappy lately (1):" in text
    assert "Yuki Tanabe" in text
    # The directory was imported that day too: the newest come first, the rest are counted.
    assert "New customers (49): Priya Raman, Initrode" in text
    assert "(+39 more)" in text
    assert "Deals won ($12,500): Harbor Marine Services engine room job $12,500" in text
    assert "Gone cold" not in text
    assert digest.image is not None
    assert digest.image.startswith(b"\x89PNG\r\n\x1a\n")
    assert "interactions by person: sam 3" in text


def test_a_quiet_day_says_so_in_one_line(core: Core, say: Say, clock: Clock) -> None:
    clock.advance(days=2)  # past the day the directory was imported
    (digest,) = say("digest now")
    assert "a quiet day" in digest.text.splitlines()[0]


def test_cold_customers_have_buttons_that_act(core: Core, say: Say, clock: Clock) -> None:
    say("called Hope, all good")
    clock.advance(days=31)
    (digest,) = say("digest now")
    assert "Gone cold (no contact for 30+ days):" in digest.text
    assert "Brightwater Foods" in digest.text  # Hope's company, contacted 31 days ago
    (snoozed,) = say(action=button(digest, "Snooze 2 weeks: Blue Heron"))
    assert "won't be listed as cold until" in snoozed.text
    (called,) = say(action=button(digest, "Log call: Brightwater"))
    assert "Logged a call with Brightwater Foods" in called.text
    (again,) = say("digest now")
    assert "Blue Heron" not in again.text
    assert "Brightwater Foods (" not in again.text


def test_subscription_sends_once_at_local_time_each_workday(
    core: Core, say: Say, clock: Clock
) -> None:
    (ok,) = say("digest 08:30", chat="team-room")
    assert "08:30 (America/New_York)" in ok.text
    assert "first on Thu 19 Nov" in ok.text
    at(clock, "2026-11-19T13:29:00")  # Thu 08:29 in New York
    assert claim_digests(core, "a") == []
    at(clock, "2026-11-19T13:30:00")
    (item,) = claim_digests(core, "a")
    assert item.recipient.address == "team-room"
    assert item.reply.image is None
    assert claim_digests(core, "b") == []
    finish_digest(core, item, sent=True)
    at(clock, "2026-11-20T13:30:00")  # Fri
    (friday,) = claim_digests(core, "a")
    finish_digest(core, friday, sent=True)
    at(clock, "2026-11-21T13:30:00")  # Sat: no digest
    assert claim_digests(core, "a") == []
    at(clock, "2026-11-23T13:30:00")  # Mon: with the chart
    (monday,) = claim_digests(core, "a")
    assert monday.reply.image is not None
    assert "Mon 23 Nov" in monday.reply.text
    say("digest off", chat="team-room")
    finish_digest(core, monday, sent=True)


def test_digest_stays_at_local_time_across_dst(core: Core, say: Say, clock: Clock) -> None:
    at(clock, "2026-10-29T14:00:00")  # Thu 10:00, New York on daylight time (UTC-4)
    say("digest 08:30", chat="room")
    at(clock, "2026-10-30T12:30:00")  # Fri 08:30 EDT
    (fri,) = claim_digests(core, "a")
    finish_digest(core, fri, sent=True)
    at(clock, "2026-11-02T12:30:00")  # Mon 07:30 EST: not yet
    assert claim_digests(core, "a") == []
    at(clock, "2026-11-02T13:30:00")  # Mon 08:30 EST
    assert len(claim_digests(core, "a")) == 1


def test_a_day_missed_while_down_is_skipped_not_sent_late(
    core: Core, say: Say, clock: Clock
) -> None:
    say("digest 08:30", chat="room")  # first run: Thu 08:30
    at(clock, "2026-11-20T15:00:00")  # back up Fri 10:00: Thursday's and Friday's were missed
    assert claim_digests(core, "a") == []
    at(clock, "2026-11-23T13:30:00")  # the next one goes out on Monday, once
    (item,) = claim_digests(core, "a")
    assert "Mon 23 Nov" in item.reply.text


def test_a_late_but_same_day_restart_still_sends(core: Core, say: Say, clock: Clock) -> None:
    say("digest 08:30", chat="room")
    at(clock, "2026-11-19T17:00:00")  # Thu 12:00, down since before 08:30
    (item,) = claim_digests(core, "a")
    finish_digest(core, item, sent=True)
    assert claim_digests(core, "a") == []


def test_bad_digest_times_change_nothing(core: Core, say: Say) -> None:
    (bad,) = say("digest 25:99", chat="room")
    assert "isn't a time" in bad.text
    (status,) = say("digest", chat="room")
    assert "No digest here yet" in status.text


def test_chart_is_a_valid_png(core: Core, say: Say, clock: Clock) -> None:
    from matplotlib import image

    say("called Hope, all good")
    clock.advance(days=1)
    (digest,) = say("digest now")
    assert digest.image is not None
    pixels = image.imread(io.BytesIO(digest.image), format="png")
    assert pixels.shape[0] > 100
    assert pixels.shape[1] > 100
