"""How dates and times read in messages: absolute, in the reader's time zone."""

from __future__ import annotations

import datetime as dt


def day(d: dt.date, today: dt.date | None = None) -> str:
    """'Fri 20 Nov', with the year when it is not this year's."""
    text = f"{d:%a} {d.day} {d:%b}"
    if today is not None and d.year != today.year:
        text += f" {d.year}"
    return text


def clock(t: dt.time) -> str:
    """'15:00'."""
    return f"{t:%H:%M}"


def due(d: dt.date | None, t: dt.time | None, today: dt.date | None = None) -> str:
    """'Fri 20 Nov 15:00', 'Fri 20 Nov', or 'no date'."""
    if d is None:
        return "no date"
    return day(d, today) + (f" {clock(t)}" if t else "")


def ago(then: dt.date, today: dt.date) -> str:
    """'today', 'yesterday', '5 days ago'."""
    days = (today - then).days
    if days <= 0:
        return "today" if days == 0 else f"in {-days} days"
    return "yesterday" if days == 1 else f"{days} days ago"


def clip(text: str, limit: int = 80) -> str:
    """One line, at most `limit` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
