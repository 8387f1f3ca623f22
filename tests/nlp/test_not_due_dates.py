"""Readings that look like dates but are no due date: grouped numbers, a deal's close date."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp import Directory, compile, parse

MATCHER = compile(
    Directory.from_json(
        {
            "companies": [{"name": "Northwind Traders", "aliases": ["Northwind"]}],
            "people": [{"name": "Ana Lima", "company": "Northwind Traders"}],
        }
    )
)
NOW = dt.datetime(2026, 11, 18, 15, 0, tzinfo=dt.UTC)  # Wed 18 Nov, 10:00 in New York


def _parse(text: str):  # type: ignore[no-untyped-def]
    return parse(text, NOW, "America/New_York", MATCHER, strict=True)


@pytest.mark.parametrize(
    ("text", "title", "due"),
    [
        ("remind me to send Ana the 3,500 proposal friday", "Send Ana the 3,500 proposal",
         dt.date(2026, 11, 20)),
        ("send Northwind the 12,500 USD quote tomorrow", "Send Northwind the 12,500 USD quote",
         dt.date(2026, 11, 19)),
        ("call Ana about the ₹3,85,000 order on monday", "Call Ana about the ₹3,85,000 order",
         dt.date(2026, 11, 23)),
    ],
)  # fmt: skip
def test_digits_inside_a_grouped_number_are_no_date(text: str, title: str, due: dt.date) -> None:
    task = _parse(text).task
    assert task is not None
    assert (task.title, task.due) == (title, due)


@pytest.mark.parametrize(
    "text",
    [
        "Ana at Northwind: closing end of month",
        "Northwind closing end of month",
        "Northwind expected to close by Friday",
        "Northwind decision on the 30th",
        "Northwind wants the 3,500 EUR support plan per month, closing end of month",
    ],
)
def test_a_deals_close_date_is_no_task_of_ours(text: str) -> None:
    parsed = _parse(text)
    assert parsed.task is None or not parsed.task.title.lower().startswith(
        ("closing", "expected", "decision")
    )
    assert parsed.task is None or parsed.task.due is None


def test_a_clause_that_asks_keeps_its_date_before_closing() -> None:
    task = _parse("call Ana before closing friday").task
    assert task is not None
    assert task.due == dt.date(2026, 11, 20)
