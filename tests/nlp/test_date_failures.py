"""The date and time misreadings reported in issue #13, each pinned; and read_when."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp import Directory, parse, read_when

TEAM = Directory.from_json(
    {
        "companies": [{"name": "Northwind Traders", "aliases": ["Northwind"]}],
        "people": [
            {"name": "Jonas Weber", "company": "Northwind Traders"},
            {"name": "Nina Patel", "company": "Northwind Traders"},
            {"name": "Oliver Grant", "company": "Northwind Traders"},
        ],
    }
)
NOW = dt.datetime(2026, 12, 3, 10, 0)


@pytest.mark.parametrize("tz", ["America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata"])
def test_a_leading_zero_clock_is_morning(tz: str) -> None:
    p = parse("remind me to call Jonas at 07:15 tomorrow", NOW, tz, TEAM)
    assert p.task is not None
    assert (p.task.due, p.task.time) == (dt.date(2026, 12, 4), dt.time(7, 15))


def test_a_demo_asked_for_is_ahead_and_the_email_is_today() -> None:
    p = parse("Nina Patel emailed asking for a demo Dec 15 at 3pm", NOW, "Europe/London", TEAM)
    assert p.occurred == dt.date(2026, 12, 3)
    assert p.task is not None
    assert (p.task.due, p.task.time) == (dt.date(2026, 12, 15), dt.time(15))


def test_money_after_at_is_not_a_clock() -> None:
    p = parse("Northwind wants 250 licences at 3,500 EUR/mo", NOW, "Europe/Berlin", TEAM)
    assert p.task is None or p.task.time is None


@pytest.mark.parametrize("text", ["at 10% lower", "at 2 clinics", "at 1,200 units"])
def test_numbers_after_at_that_are_not_clocks(text: str) -> None:
    p = parse(f"remind me to quote Northwind {text}", NOW, "UTC", TEAM)
    assert p.task is not None
    assert p.task.time is None


def test_a_planned_meeting_in_shorthand_is_due_tomorrow_at_0930() -> None:
    p = parse("mtg w/ Oliver tmrw 9:30", NOW, "America/New_York", TEAM)
    assert p.task is not None
    assert (p.task.due, p.task.time) == (dt.date(2026, 12, 4), dt.time(9, 30))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("friday", (dt.date(2026, 12, 4), None)),
        ("tmrw 9am", (dt.date(2026, 12, 4), dt.time(9))),
        ("next tuesday at 3", (dt.date(2026, 12, 8), dt.time(15))),
        ("at 9", (dt.date(2026, 12, 4), dt.time(9))),
        ("Dec 15 at 3pm PST", (dt.date(2026, 12, 16), dt.time(0))),
        ("in a fortnight", (dt.date(2026, 12, 17), None)),
        ("Jonas", (None, None)),
        ("never mind", (None, None)),
    ],
)
def test_read_when(text: str, expected: tuple[dt.date | None, dt.time | None]) -> None:
    assert read_when(text, NOW, "Europe/Berlin") == expected


def test_read_when_takes_an_aware_now_and_a_bad_zone() -> None:
    now = dt.datetime(2026, 12, 3, 23, 30, tzinfo=dt.UTC)  # already Friday in Berlin
    assert read_when("tomorrow", now, "Europe/Berlin") == (dt.date(2026, 12, 5), None)
    assert read_when("tomorrow", NOW, "Not/AZone") == (dt.date(2026, 12, 4), None)


def test_first_thing_is_the_authors_workday_start() -> None:
    p = parse(
        "remind me to call Jonas first thing tomorrow",
        NOW,
        "UTC",
        TEAM,
        workday_start=dt.time(7, 30),
    )
    assert p.task is not None
    assert (p.task.due, p.task.time) == (dt.date(2026, 12, 4), dt.time(7, 30))
    assert read_when("first thing", NOW, "UTC", workday_start=dt.time(8)) == (
        dt.date(2026, 12, 4),
        dt.time(8),
    )


def test_a_planned_lunch_is_at_noon_and_a_past_one_gives_no_time() -> None:
    p = parse("lunch with Oliver sat re the renewal", NOW, "UTC", TEAM)
    assert p.task is not None
    assert (p.task.due, p.task.time) == (dt.date(2026, 12, 5), dt.time(12))
    p = parse("lunch with Oliver yesterday, send him the deck tomorrow", NOW, "UTC", TEAM)
    assert p.task is not None
    assert (p.task.due, p.task.time) == (dt.date(2026, 12, 4), None)
