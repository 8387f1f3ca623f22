"""When a task is due: a day expression and a clock put together in the author's zone.

Also `read_when`, for the bot's "new date for #8?" answers: the date and time a short
text names, read with the same rules, without parsing a whole message.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from nlp.clock import WORKDAY_START, TimeExpr, find_times, with_part
from nlp.dates import DateExpr, Sense, find_dates
from nlp.normalize import fold

# A request or plan in a contact's clause ("emailed asking for a demo Dec 15").
_PLANS = re.compile(
    r"\b(?:wants?|wanted|needs?|asking|asked|asks|requested|requesting|would like|'d like|"
    r"to (?:book|schedule|set up|move|push|meet|have)|moved? (?:it |the \w+ )?to|push(?:ed)? to|"
    r"booked|scheduled|set up|planned|planning|proposed|suggested|invited|next|will|'ll|"
    r"going to|gonna|due|can we|could we|let'?s)\b"
)
_PAST_CUE = re.compile(r"\b(?:ago|last|was|were|did|had|went|yesterday)\b")


@dataclass(frozen=True)
class Author:
    """Where and when the author writes: their aware now, zone and workday start."""

    now: dt.datetime
    zone: ZoneInfo
    workday_start: dt.time = WORKDAY_START

    @classmethod
    def at(cls, now: dt.datetime, zone: ZoneInfo, workday_start: dt.time | None) -> Author:
        """`now` (aware, or the author's wall clock) read in `zone`."""
        local = now.astimezone(zone) if now.tzinfo else now.replace(tzinfo=zone)
        return cls(local, zone, workday_start or WORKDAY_START)


def plans_ahead(before: str) -> bool:
    """Whether the words before a date in a contact's clause ask or plan for something ahead."""
    return bool(_PLANS.search(before))


def later_today_sense(clause: str, reports_contact: bool) -> Sense:
    """Tonight or this afternoon: ahead, unless the clause reports a contact or the past.

    "Visited them this afternoon" is when it happened.
    """
    return "past" if reports_contact or _PAST_CUE.search(clause) else "future"


def nearer_sense(expr: DateExpr, clause: str, today: dt.date) -> Sense:
    """For a month-day or "the 14th" that nothing else places: the nearer reading.

    On 3 Dec, "demo Dec 15" is in twelve days, not a year ago.
    """
    if _PAST_CUE.search(clause):
        return "past"
    past, future = expr.resolve(today, "past"), expr.resolve(today, "future")
    if past is None or future is None:
        return "future" if past is None else "past"
    return "future" if (future - today) < (today - past) else "past"


def due_and_time(
    expr: DateExpr | None, clock: TimeExpr | None, author: Author
) -> tuple[dt.date | None, dt.time | None]:
    """The due date and time of a task in the author's zone.

    The day is the author's; a clock with a named zone is that zone's, so the moment is
    written in the author's zone (its date may move). A clock with no day is today if still
    ahead, else tomorrow.
    """
    now, zone = author.now, author.zone
    today = now.date()
    due = expr.resolve(today, "future") if expr else None
    if clock is None:
        return due, expr.time if expr else None
    if clock.after is not None:
        moment = now + clock.after
        return moment.date(), moment.time().replace(second=0, microsecond=0, tzinfo=None)
    time = with_part(clock.time, expr.part) if expr and clock.inferred else clock.time
    if clock.workday:
        time = author.workday_start
    there = clock.zone or zone
    if due is None:
        day = now.astimezone(there).date()
        moment = dt.datetime.combine(day, time, there)
        if moment <= now:
            moment = dt.datetime.combine(day + dt.timedelta(days=1), time, there)
    else:
        moment = dt.datetime.combine(due, time, there)
    if clock.zone is None:
        return moment.date(), time
    here = moment.astimezone(zone)
    return here.date(), here.time().replace(second=0, microsecond=0, tzinfo=None)


def pick_clock(times: list[TimeExpr]) -> TimeExpr | None:
    """The first clock said, a weak one ("lunch") only when no other is."""
    strong = [t for t in times if not t.weak]
    chosen = strong or times
    return chosen[0] if chosen else None


def read_when(
    text: str, now: dt.datetime, tz: str | ZoneInfo, *, workday_start: dt.time | None = None
) -> tuple[dt.date | None, dt.time | None]:
    """The date and time a short answer names ("friday", "tmrw 9am", "Dec 15 at 3pm PST").

    Read ahead of `now` in the author's zone; (None, None) when it names neither.
    """
    try:
        zone = tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    folded = fold(text)
    low = folded.lower()
    dates, _ = find_dates(low, folded)
    clock = pick_clock(find_times(low))
    future = [d for d in dates if d.sense != "past"]
    expr = future[0] if future else None
    if expr is None and clock is None:
        return None, None
    return due_and_time(expr, clock, Author.at(now, zone, workday_start))
