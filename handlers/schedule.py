"""When to nudge: due moments in the owner's zone, quiet hours, workdays, DST gaps.

All pure functions on aware datetimes; the database stores the result in UTC.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
MAX_RENUDGES = 3


@dataclass(frozen=True)
class Window:
    """When someone may be messaged: workdays, outside quiet hours."""

    quiet: tuple[dt.time, dt.time] | None
    workdays: frozenset[int]


def parse_quiet(text: str | None) -> tuple[dt.time, dt.time] | None:
    """'20:00-08:00' -> (20:00, 08:00); '' or None -> no quiet hours."""
    if not text or not text.strip():
        return None
    m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", text)
    if m is None:
        raise ValueError(f"quiet hours {text!r}: use HH:MM-HH:MM, e.g. 20:00-08:00")
    start = dt.time(int(m[1]), int(m[2]))
    end = dt.time(int(m[3]), int(m[4]))
    return None if start == end else (start, end)


def parse_workdays(text: str | None) -> frozenset[int]:
    """'mon-fri', 'sun-thu' or 'mon,wed,fri' -> weekday numbers (Monday is 0)."""
    if not text or not text.strip():
        return frozenset(range(5))
    days: set[int] = set()
    for part in text.lower().replace(" ", "").split(","):
        first, _, last = part.partition("-")
        if first[:3] not in DAYS or (last and last[:3] not in DAYS):
            raise ValueError(f"workdays {text!r}: use e.g. mon-fri or mon,wed,fri")
        a = DAYS.index(first[:3])
        b = DAYS.index(last[:3]) if last else a
        i = a
        while True:
            days.add(i)
            if i == b:
                break
            i = (i + 1) % 7
    return frozenset(days)


def in_quiet(t: dt.time, quiet: tuple[dt.time, dt.time] | None) -> bool:
    """Whether a wall-clock time falls in quiet hours (which may wrap midnight)."""
    if quiet is None:
        return False
    start, end = quiet
    return start <= t < end if start < end else (t >= start or t < end)


def local_moment(day: dt.date, at: dt.time, zone: ZoneInfo) -> dt.datetime:
    """`day` at `at` in `zone`; a time skipped by a DST change becomes the next valid minute."""
    naive = dt.datetime.combine(day, at)
    for _ in range(24 * 60):
        candidate = naive.replace(tzinfo=zone, fold=0)
        back = candidate.astimezone(dt.UTC).astimezone(zone)
        if back.replace(tzinfo=None) == naive:
            return candidate
        naive += dt.timedelta(minutes=1)
    return naive.replace(tzinfo=zone)


def next_allowed(local: dt.datetime, window: Window) -> dt.datetime:
    """The first moment at or after `local` that is on a workday and outside quiet hours."""
    zone = local.tzinfo
    assert isinstance(zone, ZoneInfo)
    candidate = local
    for _ in range(30):
        day, t = candidate.date(), candidate.timetz().replace(tzinfo=None)
        if candidate.weekday() not in window.workdays:
            start = window.quiet[1] if window.quiet else dt.time(0)
            candidate = local_moment(day + dt.timedelta(days=1), start, zone)
            continue
        if in_quiet(t, window.quiet):
            assert window.quiet is not None
            end = window.quiet[1]
            next_day = day if t < end else day + dt.timedelta(days=1)
            candidate = local_moment(next_day, end, zone)
            continue
        return candidate
    return local


def first_nudge(
    due: dt.date | None,
    at: dt.datetime | None,
    zone: ZoneInfo,
    workday_start: dt.time,
    window: Window,
) -> dt.datetime | None:
    """When a task falls due: its instant `at`, or the owner's workday start on `due`.

    Moved out of the owner's quiet time and days off, as seen in their `zone`.
    """
    if at is not None:
        moment = at.astimezone(zone)
    elif due is not None:
        moment = local_moment(due, workday_start, zone)
    else:
        return None
    return next_allowed(moment, window).astimezone(dt.UTC)


def renudge(
    now: dt.datetime, zone: ZoneInfo, workday_start: dt.time, window: Window
) -> dt.datetime:
    """The next workday's start after `now`, for an overdue task's daily reminder."""
    local = now.astimezone(zone)
    day = local.date() + dt.timedelta(days=1)
    moment = next_allowed(local_moment(day, workday_start, zone), window)
    return moment.astimezone(dt.UTC)
