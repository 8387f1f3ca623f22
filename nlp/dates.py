"""Date and time expressions in chat, resolved with our conventions (see parse-spec.md).

Everything works on folded lowercase text. An expression knows its span, whether it is
past or future by itself ("yesterday", "tomorrow") or needs the sentence to tell
("Friday", "Dec 3"), and how to turn today's date into a date for either sense.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Sense = Literal["past", "future"]
Resolver = Callable[[dt.date, Sense], dt.date | None]

WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "weds": 2,
    "wednesday": 2, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "a couple": 2, "couple of": 2, "couple": 2, "a few": 3, "few": 3,
}  # fmt: skip
PART_OF_DAY = {"morning": dt.time(9), "afternoon": dt.time(14), "evening": dt.time(18)}


@dataclass(frozen=True)
class DateExpr:
    """A date expression found in the text."""

    start: int
    end: int
    resolve: Resolver
    sense: Sense | None = None
    time: dt.time | None = None
    explicit_future: bool = False


@dataclass(frozen=True)
class TimeExpr:
    """A clock time found in the text ("at 3", "9am", "15:00", "noon")."""

    start: int
    end: int
    time: dt.time


# --- resolution helpers ---------------------------------------------------------------
def add_months(day: dt.date, months: int) -> dt.date:
    """Same day number `months` later, clipped to the month's end."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _weekday(target: int, modifier: str) -> Resolver:
    def resolve(today: dt.date, sense: Sense) -> dt.date:
        if modifier == "next":
            monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=7)
            return monday + dt.timedelta(days=target)
        if modifier == "last":
            back = (today.weekday() - target) % 7 or 7
            return today - dt.timedelta(days=back)
        if sense == "past":
            return today - dt.timedelta(days=(today.weekday() - target) % 7)
        return today + dt.timedelta(days=(target - today.weekday()) % 7 or 7)

    return resolve


def _month_day(month: int, day: int, year: int | None) -> Resolver:
    def resolve(today: dt.date, sense: Sense) -> dt.date | None:
        if year is not None:
            try:
                return dt.date(year, month, day)
            except ValueError:
                return None
        for offset in (0, -1, 1) if sense == "future" else (0, -1):
            y = today.year + offset
            try:
                candidate = dt.date(y, month, day)
            except ValueError:
                continue
            if sense == "future" and candidate >= today:
                return candidate if offset == 0 or candidate.year > today.year else None
            if sense == "past" and candidate <= today:
                return candidate
        if sense == "future":
            try:
                return dt.date(today.year + 1, month, day)
            except ValueError:
                return None
        return None

    return resolve


def _nth(day: int) -> Resolver:
    def resolve(today: dt.date, sense: Sense) -> dt.date | None:
        year, month = today.year, today.month
        step = 1 if sense == "future" else -1
        for _ in range(14):
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                candidate = None
            if candidate is not None and (
                (sense == "future" and candidate > today)
                or (sense == "past" and candidate <= today)
            ):
                return candidate
            month += step
            if month > 12:
                year, month = year + 1, 1
            elif month < 1:
                year, month = year - 1, 12
        return None

    return resolve


def _offset(days: int = 0, months: int = 0) -> Resolver:
    def resolve(today: dt.date, _sense: Sense) -> dt.date:
        return add_months(today, months) + dt.timedelta(days=days)

    return resolve


def _fixed(day: dt.date) -> Resolver:
    def resolve(_today: dt.date, _sense: Sense) -> dt.date:
        return day

    return resolve


def _end_of_week(today: dt.date, _sense: Sense) -> dt.date:
    friday = today + dt.timedelta(days=4 - today.weekday())
    return friday + dt.timedelta(days=7) if today.weekday() >= 5 else friday


def _end_of_month(today: dt.date, _sense: Sense) -> dt.date:
    return today.replace(day=calendar.monthrange(today.year, today.month)[1])


def _next_week(today: dt.date, _sense: Sense) -> dt.date:
    return today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=7)


def _next_month(today: dt.date, _sense: Sense) -> dt.date:
    return add_months(today.replace(day=1), 1)


# --- patterns ------------------------------------------------------------------------
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|weds|wed|thurs|thur|thu|fri|sat|sun)"
_MON = r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
_NUM = r"(?P<n>\d{1,3}|a couple of|a couple|couple of|couple|a few|few|an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>days?|d|weeks?|wks?|wk|w|months?|mos?|mnths?|mths?|mont|mnth)"
_POD = r"(?:\s+(?P<pod>morning|afternoon|evening|night))?"

_FIXED: list[tuple[re.Pattern[str], Resolver, Sense | None, dt.time | None]] = [
    (re.compile(r"\b(?:eod|end of (?:the )?day|cob|close of business)\b"), _offset(), "future", dt.time(17)),
    (re.compile(r"\btonight\b"), _offset(), "future", dt.time(18)),
    (re.compile(r"\bthis (?:afternoon)\b"), _offset(), "future", dt.time(14)),
    (re.compile(r"\bthis (?:evening)\b"), _offset(), "future", dt.time(18)),
    (re.compile(r"\b(?:this morning|earlier today|earlier)\b"), _offset(), "past", None),
    (re.compile(r"\byesterday\b"), _offset(days=-1), "past", None),
    (re.compile(r"\b(?:eow|end of (?:the )?week)\b"), _end_of_week, "future", None),
    (re.compile(r"\b(?:eom|end of (?:the )?month)\b"), _end_of_month, "future", None),
    (re.compile(r"\bnext week\b"), _next_week, "future", None),
    (re.compile(r"\bnext month\b"), _next_month, "future", None),
]  # fmt: skip
_TODAY = re.compile(r"\btoday\b")
_TOMORROW = re.compile(r"\b(?:tomorrow|tomorow|tmrw|tmrow|tmr|tmw|2moro|2morrow)\b" + _POD)
_WEEKDAY = re.compile(
    r"\b(?:(?P<mod>next|last|this|on|coming|this coming)\s+)?" + _WD + r"\b" + _POD
)
_IN = re.compile(r"\b(?:in|within)\s+" + _NUM + r"\s+" + _UNIT + r"\b")
_NTH = re.compile(r"\b(?:on\s+)?the\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b")
_MONTH_DAY = re.compile(_MON + r"\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{4}))?")
_DAY_MONTH = re.compile(
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"\b(?:,?\s+(?P<y>\d{4}))?"
)
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_SLASH = re.compile(r"(?<![\w/$€£])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<y>\d{2,4}))?(?![\w/])")

_TIME_AT = re.compile(
    r"\b(?:at|@|by|around|from)\s+(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ap>am|pm|a\.m\.|p\.m\.)?(?![\w:])"
)
_TIME_AMPM = re.compile(r"\b(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ap>am|pm|a\.m\.|p\.m\.)(?!\w)")
_TIME_24 = re.compile(r"(?<![\w:])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\w:])")
_NOON = re.compile(r"\b(?:at\s+)?(?P<w>noon|midday|midnight)\b")
# After "at 2", these words mean a count, not a clock ("a pilot at 2 clinics").
_NOT_TIME_AFTER = re.compile(r"\s*(?:[a-z]{2,})")
_TIME_FOLLOWERS = ("tomorrow", "tmrw", "tmr", "today", "tonight", "on", "next", "this", "and",
                   "or", "then", "sharp", "o'clock", "oclock", "their", "my", "your", "our",
                   "his", "her", "monday", "tuesday", "wednesday", "thursday", "friday",
                   "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
                   "in", "with", "for", "to", "re", "if", "about", "local", "est", "pst",
                   "cet", "gmt", "utc", "latest", "pls", "please")  # fmt: skip


def _pod_time(pod: str | None) -> dt.time | None:
    if pod is None:
        return None
    return PART_OF_DAY.get("evening" if pod == "night" else pod)


def _number(word: str) -> int | None:
    if word.isdecimal():  # not isdigit(): "²" is a digit that int() rejects
        return int(word)
    return NUMBERS.get(word)


def find_dates(low: str, orig: str) -> tuple[list[DateExpr], bool]:
    """Date expressions in `low` (folded lowercase); also whether a slash date was seen."""
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []

    def add(expr: DateExpr) -> None:
        if any(s < expr.end and expr.start < e for s, e in taken):
            return
        taken.append((expr.start, expr.end))
        found.append(expr)

    for pattern, resolver, sense, time in _FIXED:
        for m in pattern.finditer(low):
            add(DateExpr(m.start(), m.end(), resolver, sense, time, explicit_future=True))
    for m in _TOMORROW.finditer(low):
        add(
            DateExpr(m.start(), m.end(), _offset(days=1), "future", _pod_time(m.group("pod")), True)
        )
    for m in _ISO.finditer(low):
        try:
            day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        add(DateExpr(m.start(), m.end(), _fixed(day)))
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for m in pattern.finditer(low):
            day_n = int(m["d"])
            if not 1 <= day_n <= 31:
                continue
            if m["mon"] == "may" and pattern is _MONTH_DAY and not orig[m.start()].isupper():
                # "she may 3..." is rare, but "may" as a verb before a number is not a date.
                pass
            year = int(m["y"]) if m["y"] else None
            add(DateExpr(m.start(), m.end(), _month_day(MONTHS[m["mon"]], day_n, year)))
    for m in _IN.finditer(low):
        n = _number(m["n"])
        if n is None:
            continue
        unit = m["unit"]
        if unit.startswith("d"):
            resolver = _offset(days=n)
        elif unit.startswith("w"):
            resolver = _offset(days=7 * n)
        else:
            resolver = _offset(months=n)
        add(DateExpr(m.start(), m.end(), resolver, "future", None, True))
    for m in _NTH.finditer(low):
        day_n = int(m["d"])
        if 1 <= day_n <= 31:
            add(DateExpr(m.start(), m.end(), _nth(day_n)))
    for m in _WEEKDAY.finditer(low):
        word, mod = m["wd"], (m["mod"] or "").replace("this coming", "coming")
        if word in ("sat", "sun") and not mod and not orig[m.start("wd")].isupper():
            continue  # bare "sat"/"sun" are everyday words too; take them only when marked
        wd_sense: Sense | None = None
        if mod == "last":
            wd_sense = "past"
        elif mod in ("next", "this", "coming"):
            wd_sense = "future"
        explicit = mod in ("next", "this", "coming")
        add(
            DateExpr(
                m.start(),
                m.end(),
                _weekday(WEEKDAYS[word], "next" if mod == "next" else mod),
                wd_sense,
                _pod_time(m["pod"]),
                explicit,
            )
        )
    for m in _TODAY.finditer(low):
        add(DateExpr(m.start(), m.end(), _offset()))
    slash = any(True for _ in _SLASH.finditer(low))
    found.sort(key=lambda e: e.start)
    return found, slash


def slash_readings(text: str, today: dt.date) -> tuple[str, list[dt.date]]:
    """The first slash date in `text` ("12/3") and each date it could mean (month/day and
    day/month), the next on or after today unless a year is given.
    """
    m = _SLASH.search(text.lower())
    if m is None:
        return "", []
    a, b = int(m["a"]), int(m["b"])
    year = int(m["y"]) if m["y"] else None
    if year is not None and year < 100:
        year += 2000
    found: list[dt.date] = []
    for month, day in ((a, b), (b, a)):
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        resolved = _month_day(month, day, year)(today, "future")
        if resolved is not None and resolved not in found:
            found.append(resolved)
    return m.group(0), found


def _hour(h: int, minute: int, ap: str | None) -> dt.time | None:
    if ap:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ap.startswith("p") else 0)
    elif h <= 7 and h >= 1:
        h += 12
    elif h > 23:
        return None
    return dt.time(h, minute) if 0 <= minute < 60 else None


def find_times(low: str) -> list[TimeExpr]:
    """Clock times: explicit am/pm, 24-hour h:mm, "at N" (1-7 pm, 8-12 am), noon."""
    out: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, time: dt.time | None) -> None:
        if time is None or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        out.append(TimeExpr(start, end, time))

    for m in _TIME_AMPM.finditer(low):
        add(m.start(), m.end(), _hour(int(m["h"]), int(m["m"] or 0), m["ap"]))
    for m in _TIME_24.finditer(low):
        h = int(m["h"])
        add(m.start(), m.end(), _hour(h, int(m["m"]), None) if h <= 12 else dt.time(h, int(m["m"])))
    for m in _TIME_AT.finditer(low):
        rest = low[m.end() :]
        follower = re.match(r"\s*([a-z']+)", rest)
        if follower and follower.group(1) not in _TIME_FOLLOWERS and not m["ap"]:
            continue  # "at 2 clinics", "by 3 trucks"
        if low[m.start() : m.start() + 2] == "by" and not (m["m"] or m["ap"]):
            continue  # "by 5" is as often a count as a time
        add(m.start(), m.end(), _hour(int(m["h"]), int(m["m"] or 0), m["ap"]))
    for m in _NOON.finditer(low):
        add(m.start(), m.end(), dt.time(0) if m["w"] == "midnight" else dt.time(12))
    out.sort(key=lambda t: t.start)
    return out
