"""Calendar arithmetic behind the date expressions: each returns a resolver.

A resolver turns today's date and a sense (past or future) into a date, or None when the
expression names no such day (the 31st of a month without one, a 29 February).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from typing import Literal

Sense = Literal["past", "future"]
Resolver = Callable[[dt.date, Sense], dt.date | None]

_WEEK = dt.timedelta(days=7)


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day number `months` later (or earlier), clipped to the month's end."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def monday(day: dt.date) -> dt.date:
    """The Monday of `day`'s ISO week."""
    return day - dt.timedelta(days=day.weekday())


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def weekday(target: int, modifier: str = "", plus_weeks: int = 0) -> Resolver:
    """A weekday: bare or "on"/"this" (sense decides), "next", "last", "past" or a week.

    "next" is that day in next week, "last" and "past" the most recent one strictly before
    today, "week" that day in this week (even if already gone), "last week" that day in
    last week. `plus_weeks` adds whole weeks ("Friday week", "a week from Friday").
    """
    weeks = {"next": 1, "week": 0, "last week": -1}

    def resolve(today: dt.date, sense: Sense) -> dt.date:
        if modifier in weeks:
            day = monday(today) + weeks[modifier] * _WEEK + dt.timedelta(days=target)
        elif modifier in ("last", "past"):
            day = today - dt.timedelta(days=(today.weekday() - target) % 7 or 7)
        elif sense == "past":
            day = today - dt.timedelta(days=(today.weekday() - target) % 7)
        else:
            day = today + dt.timedelta(days=(target - today.weekday()) % 7 or 7)
        return day + plus_weeks * _WEEK

    return resolve


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_day(month: int, day: int, year: int | None) -> Resolver:
    """A month and day: with a year, that date; else the nearest in the sense asked.

    Future: the next on or after today; past: the most recent on or before today; years
    without that day (29 Feb) are skipped.
    """

    def resolve(today: dt.date, sense: Sense) -> dt.date | None:
        if year is not None:
            return _date(year, month, day)
        step = 1 if sense == "future" else -1
        for offset in range(0, 9 * step, step):
            candidate = _date(today.year + offset, month, day)
            if candidate is None:
                continue
            if (candidate >= today) if sense == "future" else (candidate <= today):
                return candidate
        return None

    return resolve


def nth(day: int) -> Resolver:
    """The 14th: the next one strictly after today, or the most recent on or before it.

    Months without that day are skipped.
    """

    def resolve(today: dt.date, sense: Sense) -> dt.date | None:
        step = 1 if sense == "future" else -1
        first = today.replace(day=1)
        for months in range(0, 14 * step, step):
            month = add_months(first, months)
            candidate = _date(month.year, month.month, day)
            if candidate is None:
                continue
            if (candidate > today) if sense == "future" else (candidate <= today):
                return candidate
        return None

    return resolve


def offset(days: int = 0, months: int = 0) -> Resolver:
    """Today plus (or minus) whole days and months."""

    def resolve(today: dt.date, _sense: Sense) -> dt.date:
        return add_months(today, months) + dt.timedelta(days=days)

    return resolve


def fixed(day: dt.date) -> Resolver:
    """Always the same date (an ISO date in the text)."""

    def resolve(_today: dt.date, _sense: Sense) -> dt.date:
        return day

    return resolve


def end_of_week(weeks: int = 0) -> Resolver:
    """Friday of this week (of next week on a weekend), plus `weeks`."""

    def resolve(today: dt.date, _sense: Sense) -> dt.date:
        friday = monday(today) + dt.timedelta(days=4)
        if today.weekday() >= 5:
            friday += _WEEK
        return friday + weeks * _WEEK

    return resolve


def week_start(weeks: int) -> Resolver:
    """Monday of the week `weeks` from this one (-1: last week)."""

    def resolve(today: dt.date, _sense: Sense) -> dt.date:
        return monday(today) + weeks * _WEEK

    return resolve


def month_start(months: int) -> Resolver:
    """The 1st of the month `months` from this one."""

    def resolve(today: dt.date, _sense: Sense) -> dt.date:
        return add_months(today.replace(day=1), months)

    return resolve


def end_of_month(months: int = 0) -> Resolver:
    """The last day of the month `months` from this one."""

    def resolve(today: dt.date, _sense: Sense) -> dt.date:
        return month_end(add_months(today.replace(day=1), months))

    return resolve


def mid_month(months: int | None) -> Resolver:
    """The 15th of the month `months` ahead; None: this month's, or next month's if past."""

    def resolve(today: dt.date, _sense: Sense) -> dt.date:
        if months is None:
            this = today.replace(day=15)
            return this if this >= today else add_months(this, 1)
        return add_months(today.replace(day=15), months)

    return resolve


def day_of_month(day: int, months: int) -> Resolver:
    """The `day` of the month `months` from this one ("the 15th of next month"), clipped."""

    def resolve(today: dt.date, _sense: Sense) -> dt.date:
        first = add_months(today.replace(day=1), months)
        return first.replace(day=min(day, month_end(first).day))

    return resolve


def weekend(weeks: int) -> Resolver:
    """Saturday of the weekend `weeks` after this week's ("next weekend": 1)."""

    def resolve(today: dt.date, _sense: Sense) -> dt.date:
        return monday(today) + dt.timedelta(days=5) + weeks * _WEEK

    return resolve
