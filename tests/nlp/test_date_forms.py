"""Date forms beside the spec's table: a weekday with a bare ordinal, 'eve', mid-<month>."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp import read_when

# Thu 3 Dec 2026, 10:00.
NOW = dt.datetime(2026, 12, 3, 10, 0)


@pytest.mark.parametrize(
    ("text", "day", "at"),
    [
        ("Fri 18th", dt.date(2026, 12, 18), None),
        ("on Friday, 18th", dt.date(2026, 12, 18), None),
        ("tmrw eve", dt.date(2026, 12, 4), dt.time(18)),
        ("friday eve", dt.date(2026, 12, 4), dt.time(18)),
        ("mid-December", dt.date(2026, 12, 15), None),
        ("mid jan", dt.date(2027, 1, 15), None),
        ("middle of March 2027", dt.date(2027, 3, 15), None),
    ],
)
@pytest.mark.parametrize("zone", ["America/Denver", "Asia/Kolkata"])
def test_forms_read_as_meant(text: str, day: dt.date, at: dt.time | None, zone: str) -> None:
    assert read_when(text, NOW, zone) == (day, at)


def test_the_date_in_the_clause_that_asks_is_the_tasks() -> None:
    from nlp import Directory, parse

    directory = Directory.from_json(
        {"companies": [{"name": "Vasquez Farms"}], "people": [{"name": "Rosa Vasquez"}]}
    )
    parsed = parse(
        "spoke to Rosa, the order slipped to mid-January. remind me Monday at 10",
        NOW,
        "America/Denver",
        directory,
    )
    assert parsed.task is not None
    assert (parsed.task.due, parsed.task.time) == (dt.date(2026, 12, 7), dt.time(10))
