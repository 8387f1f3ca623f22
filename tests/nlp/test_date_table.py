"""The spec's newer date-table rows, in five zones, from Thursday 3 Dec 2026, 10:00 local."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from nlp import Directory, parse

EMPTY = Directory()
BO = Directory.from_json({"people": [{"name": "Bo Lindgren"}]})
ZONES = ["America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney", "UTC"]
THU = "2026-12-03T10:00:00"


def due(text: str, now: str, tz: str) -> tuple[str | None, str | None]:
    p = parse(text, dt.datetime.fromisoformat(now), tz, EMPTY)
    assert p.task is not None, (text, p)
    return (
        p.task.due.isoformat() if p.task.due else None,
        p.task.time.strftime("%H:%M") if p.task.time else None,
    )


def occurred(text: str, now: str, tz: str) -> str:
    p = parse(text, dt.datetime.fromisoformat(now), tz, BO)
    assert p.intent == "log", (text, p)
    assert p.occurred is not None
    return p.occurred.isoformat()


FUTURE = [
    # 24-hour clocks and the h notation
    ("tomorrow at 09:15", ("2026-12-04", "09:15")),
    ("at 04:30", ("2026-12-04", "04:30")),
    ("at 14:00", ("2026-12-03", "14:00")),
    ("15h30", ("2026-12-03", "15:30")),
    ("tomorrow 9h", ("2026-12-04", "09:00")),
    # clocks without a colon
    ("at 1030", ("2026-12-03", "10:30")),
    ("at 930", ("2026-12-04", "09:30")),
    ("at 0800", ("2026-12-04", "08:00")),
    ("at 130", ("2026-12-03", "13:30")),
    ("friday at 0930", ("2026-12-04", "09:30")),
    # times in words
    ("half past 3", ("2026-12-03", "15:30")),
    ("quarter past 10", ("2026-12-03", "10:15")),
    ("quarter after 10", ("2026-12-03", "10:15")),
    ("half past three", ("2026-12-03", "15:30")),
    ("quarter to 5", ("2026-12-03", "16:45")),
    ("3ish", ("2026-12-03", "15:00")),
    ("about 3pm", ("2026-12-03", "15:00")),
    ("tomorrow around 10", ("2026-12-04", "10:00")),
    # parts of day decide am or pm
    ("tonight at 8", ("2026-12-03", "20:00")),
    ("this evening at 7", ("2026-12-03", "19:00")),
    ("tomorrow evening at 6:30", ("2026-12-04", "18:30")),
    ("Monday morning at 7", ("2026-12-07", "07:00")),
    ("at 8 tonight", ("2026-12-03", "20:00")),
    # lunch, first thing, close of business
    ("Friday lunchtime", ("2026-12-04", "12:00")),
    ("at lunch", ("2026-12-03", "12:00")),
    ("first thing tomorrow", ("2026-12-04", "09:00")),
    ("first thing", ("2026-12-04", "09:00")),
    ("by COB", ("2026-12-03", "17:00")),
    ("by close of business Friday", ("2026-12-04", "17:00")),
    ("Friday EOD", ("2026-12-04", "17:00")),
    # day after tomorrow, fortnight
    ("the day after tomorrow", ("2026-12-05", None)),
    ("in a fortnight", ("2026-12-17", None)),
    # weekday week, a week from, after next
    ("Friday week", ("2026-12-11", None)),
    ("Wednesday week", ("2026-12-16", None)),
    ("a week from Friday", ("2026-12-11", None)),
    ("Friday after next", ("2026-12-11", None)),
    # weekday next week / this week
    ("Friday next week", ("2026-12-11", None)),
    ("tuesday next week at 2", ("2026-12-08", "14:00")),
    ("Friday this week", ("2026-12-04", None)),
    ("Tuesday this week", ("2026-12-01", None)),
    # end / early of weeks and months
    ("by end of this week", ("2026-12-04", None)),
    ("by end of next week", ("2026-12-11", None)),
    ("early next week", ("2026-12-07", None)),
    ("beginning of next week", ("2026-12-07", None)),
    ("start of next week", ("2026-12-07", None)),
    ("end of next month", ("2027-01-31", None)),
    ("early next month", ("2027-01-01", None)),
    ("mid-month", ("2026-12-15", None)),
    ("mid next month", ("2027-01-15", None)),
    # ordinals in words or digits, in any order with the month
    ("on the first of March", ("2027-03-01", None)),
    ("on the third", ("2027-01-03", None)),
    ("March the 3rd", ("2027-03-03", None)),
    ("3rd of March", ("2027-03-03", None)),
    ("on the twenty-ninth", ("2026-12-29", None)),
    ("by the fifteenth", ("2026-12-15", None)),
    # a weekday beside a month-day
    ("Fri, Dec 18", ("2026-12-18", None)),
    ("Tuesday the 8th", ("2026-12-08", None)),
    ("Friday the 8th", ("2026-12-08", None)),  # the month-day decides
    # typing slips
    ("tommorow", ("2026-12-04", None)),
    ("tmorow", ("2026-12-04", None)),
    ("2mrw", ("2026-12-04", None)),
    ("wendesday", ("2026-12-09", None)),
    ("thrusday", ("2026-12-10", None)),
    ("fri", ("2026-12-04", None)),
    ("weds", ("2026-12-09", None)),
    ("thurs", ("2026-12-10", None)),
    ("nxt wk", ("2026-12-07", None)),
    ("on the 1st of febuary", ("2027-02-01", None)),
]


@pytest.mark.parametrize("tz", ZONES)
@pytest.mark.parametrize(("when", "expected"), FUTURE)
def test_future_rows(when: str, expected: tuple[str, str | None], tz: str) -> None:
    assert due(f"remind me to call Bo {when}", THU, tz) == expected


PAST = [
    ("3 days ago", "2026-11-30"),
    ("2 weeks ago", "2026-11-19"),
    ("a month ago", "2026-11-03"),
    ("a week ago", "2026-11-26"),
    ("a couple of days ago", "2026-12-01"),
    ("last week", "2026-11-23"),
    ("last month", "2026-11-01"),
    ("last night", "2026-12-02"),
    ("yesterday morning", "2026-12-02"),
    ("yesterday evening", "2026-12-02"),
    ("the day before yesterday", "2026-12-01"),
    ("this past Friday", "2026-11-27"),
    ("this past Thursday", "2026-11-26"),
    ("Friday just gone", "2026-11-27"),
    ("Tuesday this week", "2026-12-01"),
    ("yday", "2026-12-02"),
    ("on Nov 2", "2026-11-02"),
]


@pytest.mark.parametrize("tz", ZONES)
@pytest.mark.parametrize(("when", "expected"), PAST)
def test_past_rows(when: str, expected: str, tz: str) -> None:
    assert occurred(f"called Bo {when}", THU, tz) == expected


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("remind me to call Bo end of next month", "2027-01-15T09:00:00", ("2027-02-28", None)),
        ("remind me to call Bo mid next month", "2027-01-31T09:00:00", ("2027-02-15", None)),
        ("remind me to call Bo mid-month", "2026-12-20T09:00:00", ("2027-01-15", None)),
        ("remind me to call Bo in a fortnight", "2026-12-25T09:00:00", ("2027-01-08", None)),
        ("remind me to call Bo day after tomorrow", "2026-12-30T09:00:00", ("2027-01-01", None)),
        ("remind me to call Bo on the first of Jan", "2026-12-31T09:00:00", ("2027-01-01", None)),
        ("remind me to call Bo early next week", "2026-12-31T09:00:00", ("2027-01-04", None)),
        ("remind me to call Bo end of next week", "2026-12-26T09:00:00", ("2027-01-01", None)),
        ("remind me to call Bo Friday week", "2026-12-30T09:00:00", ("2027-01-08", None)),
        ("remind me to call Bo on the 29th", "2027-01-31T09:00:00", ("2027-03-29", None)),
    ],
)
def test_month_and_year_ends(text: str, now: str, expected: tuple[str, str | None]) -> None:
    assert due(text, now, "Europe/Berlin") == expected


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("called Bo 3 months ago", "2027-05-31T09:00:00", "2027-02-28"),
        ("called Bo last month", "2027-01-10T09:00:00", "2026-12-01"),
        ("called Bo last week", "2027-01-02T09:00:00", "2026-12-21"),
        ("called Bo the day before yesterday", "2027-01-01T09:00:00", "2026-12-30"),
        ("called Bo this past Sunday", "2027-01-01T09:00:00", "2026-12-27"),
    ],
)
def test_past_across_month_and_year_ends(text: str, now: str, expected: str) -> None:
    assert occurred(text, now, "Asia/Kolkata") == expected


def _there(day: str, clock: str, named: str, tz: str) -> tuple[str, str]:
    """The moment `day` `clock` in zone `named`, written in `tz`."""
    moment = dt.datetime.combine(
        dt.date.fromisoformat(day), dt.time.fromisoformat(clock), ZoneInfo(named)
    ).astimezone(ZoneInfo(tz))
    return moment.date().isoformat(), moment.strftime("%H:%M")


ZONED = [
    ("tomorrow at 3pm PST", "2026-12-04", "15:00", "America/Los_Angeles"),
    ("Friday 10am ET", "2026-12-04", "10:00", "America/New_York"),
    ("Monday 14:00 CET", "2026-12-07", "14:00", "Europe/Berlin"),
    ("Monday 9am London time", "2026-12-07", "09:00", "Europe/London"),
    ("Tuesday 4pm Sydney time", "2026-12-08", "16:00", "Australia/Sydney"),
    ("tomorrow 9am IST", "2026-12-04", "09:00", "Asia/Kolkata"),
    ("tomorrow 14:00 GMT", "2026-12-04", "14:00", "UTC"),
    ("Friday at 3 pm (JST)", "2026-12-04", "15:00", "Asia/Tokyo"),
]


@pytest.mark.parametrize("tz", ZONES)
@pytest.mark.parametrize(("when", "day", "clock", "named"), ZONED)
def test_a_named_zone_is_written_in_the_authors_zone(
    when: str, day: str, clock: str, named: str, tz: str
) -> None:
    assert due(f"remind me to call Bo {when}", THU, tz) == _there(day, clock, named, tz)


def test_a_zoned_clock_with_no_day_is_the_next_one_ahead() -> None:
    # 10:00 in Berlin is 04:00 in New York: 10am ET is still ahead today, 16:00 Berlin.
    assert due("remind me to call Bo at 10am ET", THU, "Europe/Berlin") == ("2026-12-03", "16:00")
    # 10:00 in Sydney is 15:00 the day before in Los Angeles: 9am PT is tomorrow morning there.
    assert due("remind me to call Bo at 9am PT", THU, "Australia/Sydney") == ("2026-12-04", "04:00")


def test_zones_across_a_dst_change() -> None:
    # 15 Mar 2027: the US is on daylight time, Europe not yet: 3pm PT is 23:00 in Berlin.
    assert due(
        "remind me to call Bo tomorrow at 3pm PT", "2027-03-15T10:00:00", "Europe/Berlin"
    ) == (
        "2027-03-16",
        "23:00",
    )
    # After 28 Mar Europe is on summer time too: nine hours again, past midnight in Berlin.
    assert due("remind me to call Bo Monday at 3pm PT", "2027-03-29T10:00:00", "Europe/Berlin") == (
        "2027-04-06",
        "00:00",
    )


# Beyond the table, read by the same conventions (ISO weeks, the author's zone, future).
BEYOND = [
    ("3 weeks from now", ("2026-12-24", None)),
    ("a week from today", ("2026-12-10", None)),
    ("a week tomorrow", ("2026-12-11", None)),
    ("two weeks from Friday", ("2026-12-18", None)),
    ("on the 15th of next month", ("2027-01-15", None)),
    ("next weekend", ("2026-12-12", None)),
    ("in 2 hours", ("2026-12-03", "12:00")),
    ("in half an hour", ("2026-12-03", "10:30")),
    ("in 20 minutes", ("2026-12-03", "10:20")),
    ("at 17.30", ("2026-12-03", "17:30")),
    ("at 3 in the afternoon", ("2026-12-03", "15:00")),
    ("tomorrow at 8 in the evening", ("2026-12-04", "20:00")),
    ("in fifteen days", ("2026-12-18", None)),
    ("2026/12/15", ("2026-12-15", None)),
    ("2026-12-10T15:00", ("2026-12-10", "15:00")),
    ("at 15:00h", ("2026-12-03", "15:00")),
    ("Thursday, December 10th, 2026", ("2026-12-10", None)),
    ("at noon tomorrow", ("2026-12-04", "12:00")),
    ("next Tues at 5:30 pm", ("2026-12-08", "17:30")),
    ("in 2 years", ("2028-12-03", None)),
    ("8 tonight", ("2026-12-03", "20:00")),
    ("tomorrow in the morning", ("2026-12-04", "09:00")),
    ("the week after next", ("2026-12-14", None)),
    ("tmrw am", ("2026-12-04", "09:00")),
    ("sat 7am", ("2026-12-05", "07:00")),
    ("sat re the renewal", ("2026-12-05", None)),
    ("friday pm", ("2026-12-04", "14:00")),
]


@pytest.mark.parametrize(("when", "expected"), BEYOND)
def test_common_expressions_beyond_the_table(when: str, expected: tuple[str, str | None]) -> None:
    assert due(f"remind me to call Bo {when}", THU, "Asia/Kolkata") == expected


@pytest.mark.parametrize(
    "text", ["take 3 a day", "at 3.50 each", "she may be free 3 weeks from now"]
)
def test_not_dates(text: str) -> None:
    assert due(f"remind me to call Bo, {text}", THU, "UTC") == (None, None)


def test_a_name_one_letter_from_a_day_is_not_that_day() -> None:
    assert occurred("called Bo and Sundar, all fine", THU, "UTC") == "2026-12-03"
