"""Every row of the spec's date table, in several zones, across month/year ends and DST."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp import Directory, parse

EMPTY = Directory()
ZONES = ["America/New_York", "Europe/Berlin", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland"]


def due(text: str, now: str, tz: str = "America/New_York") -> tuple[str | None, str | None]:
    p = parse(text, dt.datetime.fromisoformat(now), tz, EMPTY)
    assert p.task is not None, (text, p)
    return (
        p.task.due.isoformat() if p.task.due else None,
        p.task.time.strftime("%H:%M") if p.task.time else None,
    )


# Wed 18 Nov 2026, 10:00 local.
WED = "2026-11-18T10:00:00"
FUTURE = [
    ("remind me to call Bo today", (WED[:10], None)),
    ("remind me to call Bo EOD", ("2026-11-18", "17:00")),
    ("remind me to call Bo by end of day", ("2026-11-18", "17:00")),
    ("remind me to call Bo tonight", ("2026-11-18", "18:00")),
    ("remind me to call Bo this afternoon", ("2026-11-18", "14:00")),
    ("remind me to call Bo this evening", ("2026-11-18", "18:00")),
    ("remind me to call Bo tomorrow", ("2026-11-19", None)),
    ("remind me to call Bo tmrw", ("2026-11-19", None)),
    ("remind me to call Bo tmr", ("2026-11-19", None)),
    ("remind me to call Bo 2moro", ("2026-11-19", None)),
    ("remind me to call Bo friday", ("2026-11-20", None)),
    ("remind me to call Bo on friday", ("2026-11-20", None)),
    ("remind me to call Bo this friday", ("2026-11-20", None)),
    ("remind me to call Bo wednesday", ("2026-11-25", None)),
    ("remind me to call Bo next tuesday", ("2026-11-24", None)),
    ("remind me to call Bo next friday", ("2026-11-27", None)),
    ("remind me to call Bo next week", ("2026-11-23", None)),
    ("remind me to call Bo end of week", ("2026-11-20", None)),
    ("remind me to call Bo EOW", ("2026-11-20", None)),
    ("remind me to call Bo end of month", ("2026-11-30", None)),
    ("remind me to call Bo EOM", ("2026-11-30", None)),
    ("remind me to call Bo next month", ("2026-12-01", None)),
    ("remind me to call Bo in 3 days", ("2026-11-21", None)),
    ("remind me to call Bo in a couple of days", ("2026-11-20", None)),
    ("remind me to call Bo in a few days", ("2026-11-21", None)),
    ("remind me to call Bo in a week", ("2026-11-25", None)),
    ("remind me to call Bo in two weeks", ("2026-12-02", None)),
    ("remind me to call Bo in a few weeks", ("2026-12-09", None)),
    ("remind me to call Bo in 3 months", ("2027-02-18", None)),
    ("remind me to call Bo in twelve days", ("2026-11-30", None)),
    ("remind me to call Bo on the 14th", ("2026-12-14", None)),
    ("remind me to call Bo the 18th", ("2026-12-18", None)),
    ("remind me to call Bo Dec 3", ("2026-12-03", None)),
    ("remind me to call Bo 3 Dec", ("2026-12-03", None)),
    ("remind me to call Bo December 3rd", ("2026-12-03", None)),
    ("remind me to call Bo 2026-12-03", ("2026-12-03", None)),
    ("remind me to call Bo Nov 2", ("2027-11-02", None)),
    ("remind me to call Bo at 3pm", ("2026-11-18", "15:00")),
    ("remind me to call Bo at 3", ("2026-11-18", "15:00")),
    ("remind me to call Bo at 4:30", ("2026-11-18", "16:30")),
    ("remind me to call Bo at 9", ("2026-11-19", "09:00")),
    ("remind me to call Bo at 11", ("2026-11-18", "11:00")),
    ("remind me to call Bo 15:00", ("2026-11-18", "15:00")),
    ("remind me to call Bo at noon", ("2026-11-18", "12:00")),
    ("remind me to call Bo at 12", ("2026-11-18", "12:00")),
    ("remind me to call Bo friday morning", ("2026-11-20", "09:00")),
    ("remind me to call Bo tomorrow afternoon", ("2026-11-19", "14:00")),
    ("remind me to call Bo monday evening", ("2026-11-23", "18:00")),
    ("remind me to call Bo tomorrow at 3:30pm", ("2026-11-19", "15:30")),
]


@pytest.mark.parametrize("tz", ZONES)
@pytest.mark.parametrize(("text", "expected"), FUTURE)
def test_future_expressions(text: str, expected: tuple[str, str | None], tz: str) -> None:
    assert due(text, WED, tz) == expected


PAST = [
    ("called Bo yesterday", "2026-11-17"),
    ("called Bo last friday", "2026-11-13"),
    ("called Bo last wednesday", "2026-11-11"),
    ("called Bo monday", "2026-11-16"),
    ("called Bo wednesday", "2026-11-18"),
    ("called Bo this morning", "2026-11-18"),
    ("called Bo earlier today", "2026-11-18"),
    ("met them Nov 2", "2026-11-02"),
    ("met them on the 3rd", "2026-11-03"),
    ("called Bo", "2026-11-18"),
]


@pytest.mark.parametrize(("text", "occurred"), PAST)
def test_past_expressions_date_the_contact(text: str, occurred: str) -> None:
    directory = Directory.from_json({"people": [{"name": "Bo Lindgren"}]})
    p = parse(
        text.replace("them", "Bo"), dt.datetime.fromisoformat(WED), "Europe/Berlin", directory
    )
    assert p.intent == "log"
    assert p.occurred is not None
    assert p.occurred.isoformat() == occurred


def test_a_time_of_a_past_contact_is_not_a_task_time() -> None:
    directory = Directory.from_json({"people": [{"name": "Bo Lindgren"}]})
    p = parse("called Bo at 3, all fine", dt.datetime.fromisoformat(WED), "UTC", directory)
    assert p.task is None


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        # Month and year ends.
        ("remind me to call Bo tomorrow", "2026-12-31T09:00:00", ("2027-01-01", None)),
        ("remind me to call Bo in 1 month", "2027-01-31T09:00:00", ("2027-02-28", None)),
        ("remind me to call Bo in 1 month", "2028-01-31T09:00:00", ("2028-02-29", None)),
        ("remind me to call Bo on the 31st", "2026-11-30T09:00:00", ("2026-12-31", None)),
        ("remind me to call Bo on the 30th", "2027-01-31T09:00:00", ("2027-03-30", None)),
        ("remind me to call Bo EOM", "2027-02-10T09:00:00", ("2027-02-28", None)),
        ("remind me to call Bo next month", "2026-12-15T09:00:00", ("2027-01-01", None)),
        ("remind me to call Bo next week", "2026-12-30T09:00:00", ("2027-01-04", None)),
        ("remind me to call Bo Jan 4", "2026-12-30T09:00:00", ("2027-01-04", None)),
        # End of week on a weekend is next Friday.
        ("remind me to call Bo EOW", "2026-11-21T09:00:00", ("2026-11-27", None)),
        ("remind me to call Bo EOW", "2026-11-22T09:00:00", ("2026-11-27", None)),
        # A time already past today is tomorrow.
        ("remind me to call Bo at 3", "2026-11-18T16:00:00", ("2026-11-19", "15:00")),
    ],
)
def test_month_year_ends_and_rollovers(
    text: str, now: str, expected: tuple[str, str | None]
) -> None:
    assert due(text, now) == expected


def test_dst_change_keeps_local_wall_time() -> None:
    # New York leaves daylight time on Sun 1 Nov 2026; "tomorrow at 9" stays 09:00 local.
    assert due("remind me to call Bo tomorrow at 9", "2026-10-31T20:00:00") == (
        "2026-11-01",
        "09:00",
    )
    # Berlin springs forward on Sun 29 Mar 2026.
    assert due("remind me to call Bo tomorrow at 10", "2026-03-28T20:00:00", "Europe/Berlin") == (
        "2026-03-29",
        "10:00",
    )


def test_aware_now_is_read_in_the_writers_zone() -> None:
    # 02:00 UTC on Thu 19 Nov is still Wed 18 Nov in New York.
    now = dt.datetime(2026, 11, 19, 2, 0, tzinfo=dt.UTC)
    p = parse("remind me to call Bo tomorrow", now, "America/New_York", EMPTY)
    assert p.task is not None
    assert p.task.due == dt.date(2026, 11, 19)


def test_slash_dates_are_left_unparsed_and_flagged() -> None:
    p = parse("remind me to call Bo 12/3", dt.datetime.fromisoformat(WED), "UTC", EMPTY)
    assert p.task is not None
    assert p.task.due is None
    assert p.task.title == "Call Bo"
    assert "date" in p.unsure


def test_may_the_verb_is_not_a_month() -> None:
    p = parse(
        "remind me to call Bo, she may be free 3 weeks from now",
        dt.datetime.fromisoformat(WED),
        "UTC",
        EMPTY,
    )
    assert p.task is not None
    assert p.task.due is None


@pytest.mark.parametrize("number", ["²", "٣", "⑤", "9" * 40])
def test_odd_digits_never_crash_the_date_rules(number: str) -> None:
    p = parse(
        f"remind me to call Bo in {number} days", dt.datetime.fromisoformat(WED), "UTC", EMPTY
    )
    assert p.intent  # parsed to something, no exception
