"""Times of day in chat: "3pm", "at 3", "15:00", "15h30", "at 1030", "half past 3", "noon".

A bare hour from 1 to 7 is pm and from 8 to 12 am (the spec's 1-to-7 rule); a leading
zero, an hour of 13 or more, or the `h` notation is a 24-hour clock. A time whose am or pm
was only inferred says so (`inferred`), so a part of day said beside it ("tonight at 8")
can decide instead. A zone right after a clock ("3pm PST") goes with it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from nlp.slips import respell
from nlp.zones import ABBREVIATIONS, zone_after

WORKDAY_START = dt.time(9)  # "first thing", until members can set their own


@dataclass(frozen=True)
class TimeExpr:
    """A clock time found in the text.

    `weak` times ("lunch", "first thing") give way to a clock said in the same message;
    `after` is a time counted from now ("in 2 hours"), its `time` unused; `workday` is
    "first thing", the author's workday start.
    """

    start: int
    end: int
    time: dt.time
    inferred: bool = False
    zone: ZoneInfo | None = None
    weak: bool = False
    after: dt.timedelta | None = None
    workday: bool = False


_HOURS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip
_H = r"(?P<h>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_AP = r"(?P<ap>am|pm|a\.m\.?|p\.m\.?)"
_NOT_NUMBER = r"(?![\w:]|[.,]\d|\s*(?:%|percent\b|per\s?cent\b|[$€£₹]))"
# "thurs 0800", "tmrw 1030": three or four digits right after a day are a clock too.
_DAY_BEFORE = "|".join(
    (rf"(?<=\b{w} )" if w != "day" else "(?<=day )")
    for w in ("day", "mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat",
              "sun", "tmrw", "tmr", "tomorrow", "today", "tonight", "week")
)  # fmt: skip
_DAY_WORDS = {"today", "tonight", "tomorrow", "tmrw", "tmr", "2mrw", "2moro", "monday",
              "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon",
              "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat", "sun",
              "morning", "afternoon", "evening"}  # fmt: skip
_AROUND = r"(?:around|about|abt|approx\.?|~|circa|ca\.?)"
# After "at 2", these words mean a count, not a clock ("a pilot at 2 clinics").
_FOLLOWERS = {"tomorrow", "tmrw", "tmr", "today", "tonight", "on", "next", "this", "and",
              "or", "then", "sharp", "o'clock", "oclock", "their", "my", "your", "our",
              "his", "her", "monday", "tuesday", "wednesday", "thursday", "friday",
              "saturday", "sunday", "mon", "tue", "tues", "wed", "weds", "thu", "thur",
              "thurs", "fri", "sat", "sun", "in", "with", "for", "to", "re", "if", "about",
              "abt", "local", "latest", "pls", "please", "ish", "works", "work", "ok",
              "okay", "instead", "is", "was", "at", "w", "via", "til", "till", "until",
              "the", "a", "an", "tho", "though", "but", "so", "sg", "sounds", "time",
              "london", "sydney", "would", "will", "should", "as", "from",
              } | set(ABBREVIATIONS)  # fmt: skip
_PARTS = {"morning": "am", "afternoon": "pm", "evening": "pm", "night": "pm", "tonight": "pm"}


def _clock(h: int, minute: int, ap: str | None) -> tuple[dt.time, bool] | None:
    """The time and whether its am/pm was only inferred."""
    if not 0 <= minute < 60:
        return None
    if ap:
        if not 1 <= h <= 12:
            return None
        return dt.time(h % 12 + (12 if ap.startswith("p") else 0), minute), False
    if 1 <= h <= 7:
        return dt.time(h + 12, minute), True
    if 8 <= h <= 12:
        return dt.time(h, minute), True
    return (dt.time(h, minute), False) if 0 <= h <= 23 else None


def _hour(word: str) -> int:
    return _HOURS[word] if word in _HOURS else int(word)


Build = Callable[[re.Match[str]], tuple[dt.time, bool] | None]


def _ampm(m: re.Match[str]) -> tuple[dt.time, bool] | None:
    return _clock(_hour(m["h"]), int(m["m"] or 0), m["ap"])


def _colon(m: re.Match[str]) -> tuple[dt.time, bool] | None:
    h, minute = int(m["h"]), int(m["m"])
    if m["h"].startswith("0") or h >= 13:
        return dt.time(h, minute), False
    return _clock(h, minute, None)


def _h_notation(m: re.Match[str]) -> tuple[dt.time, bool] | None:
    return dt.time(int(m["h"]), int(m["m"] or 0)), False


def _digits(m: re.Match[str]) -> tuple[dt.time, bool] | None:
    raw = m["d"]
    h, minute = int(raw[:-2]), int(raw[-2:])
    if minute >= 60 or h > 23:
        return None
    if raw.startswith("0") or h >= 13:
        return dt.time(h, minute), False
    return _clock(h, minute, None)


def _bare(m: re.Match[str]) -> tuple[dt.time, bool] | None:
    return _clock(_hour(m["h"]), int(m.groupdict().get("m") or 0), None)


def _words(m: re.Match[str]) -> tuple[dt.time, bool] | None:
    h = _hour(m["h"])
    how = m["how"]
    if how.startswith("half"):
        return _clock(h, 30, None)
    if how in ("quarter past", "quarter after"):
        return _clock(h, 15, None)
    found = _clock(h, 0, None)
    if found is None:
        return None
    at = dt.datetime.combine(dt.date(2000, 1, 2), found[0]) - dt.timedelta(minutes=15)
    return at.time(), found[1]


def _hour_with_part(m: re.Match[str]) -> tuple[dt.time, bool] | None:
    return _clock(_hour(m["h"]), 0, None)


def _dotted(m: re.Match[str]) -> tuple[dt.time, bool] | None:
    return dt.time(int(m["h"]), int(m["m"])), False


def _named(time: dt.time) -> Build:
    return lambda _m: (time, False)


def _r(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_WEAK = (
    (_r(r"\b(?:at\s+|over\s+|by\s+)?lunch(?:time)?\b(?!\s+(?:with|w/|w\b))"), dt.time(12)),
    (_r(r"\bfirst thing\b(?:\s+in the morning)?"), WORKDAY_START),
)  # fmt: skip
_RULES: list[tuple[str, Build]] = [
    (r"\b(?P<how>half past|half after|quarter past|quarter after|quarter to|quarter til|quarter till)\s+" + _H + r"\b", _words),
    (r"\b(?:" + _AROUND + r"\s*)?" + _H + r"(?:[:.](?P<m>[0-5]\d))?\s*" + _AP + r"(?!\w)", _ampm),
    (r"(?<=\d)t(?P<h>[01]\d|2[0-3]):(?P<m>[0-5]\d)(?::[0-5]\d)?(?![\d:])", _dotted),
    (r"(?<![\w:.$€£])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?:\s?h(?:rs?)?\b)?(?![\w:])", _colon),
    (r"(?<![\w:.$€£])(?P<h>[01]?\d|2[0-3])h(?P<m>[0-5]\d)?\b(?!\s*(?:shift|turnaround|window|sla|notice|delay|response|a day|per|/))", _h_notation),
    (r"\b(?:at|@)\s*(?P<d>\d{3,4})" + _NOT_NUMBER, _digits),
    (r"\b(?:at|@)\s*(?P<h>0\d|1[3-9]|2[0-3])\.(?P<m>[0-5]\d)" + _NOT_NUMBER, _dotted),
    (r"(?:" + _DAY_BEFORE + r")(?P<d>\d{3,4})" + _NOT_NUMBER, _digits),
    (r"(?:\b(?:" + _AROUND + r"|at|by|from|after|before|til|till|until)\s+(?:" + _AROUND + r"\s+)?|@\s*)" + _H + r"(?::(?P<m>[0-5]\d))?(?P<ish>\s*-?\s*ish\b|\s*o'?clock\b)?" + _NOT_NUMBER, _bare),
    (r"\b" + _H + r"(?P<ish>\s*-?\s*ish|\s*o'?clock)\b", _bare),
    (r"\b" + _H + r"(?=\s+(?:(?:in the|at) (?:morning|afternoon|evening|night)|tonight|this (?:morning|afternoon|evening))\b)", _hour_with_part),
    (r"\b(?:at\s+)?(?:noon|midday|12\s+noon)\b", _named(dt.time(12))),
    (r"\b(?:at\s+)?midnight\b", _named(dt.time(0))),
]  # fmt: skip
_COMPILED = [(re.compile(p), b) for p, b in _RULES]
_AFTER_PART = re.compile(r"\s+(?:in the|at) (?P<part>morning|afternoon|evening|night)\b")


def _counts_as_time(low: str, m: re.Match[str]) -> bool:
    """Whether "at 2" is a clock: not before a noun ("at 2 clinics").

    "by 5" counts only beside a day or with minutes: it is as often a count as a time.
    """
    if m["ish"] or m.groupdict().get("m"):
        return True
    head = m.group(0).split()[0] if " " in m.group(0) else m.group(0)[:1]
    if m["h"].isalpha() and head not in ("at", "around", "about", "abt", "@"):
        return False  # "from one supplier to another": a word is a clock only after "at"
    follower = re.match(r"\s*([a-z0-9']+)", low[m.end() :])
    if follower and follower.group(1) not in _FOLLOWERS | _DAY_WORDS:
        return False
    if not m.group(0).startswith("by"):
        return True
    # "by 8" beside a day ("2mrw by 8", "by 8 tomorrow") is a clock; alone, maybe a count.
    before = low[: m.start()].split()[-1:]
    return bool(follower and follower.group(1) in _DAY_WORDS) or bool(
        before and before[0] in _DAY_WORDS
    )


_COUNT = {"a": 1, "an": 1, "one": 1, "a couple of": 2, "a few": 3} | _HOURS
_FROM_NOW = re.compile(
    r"\b(?:in|within)\s+(?:(?P<n>\d{1,3}|a couple of|a few|an|a|"
    + "|".join(_HOURS)
    + r")\s*(?P<unit>hours?|hrs?|h|minutes?|mins?)|(?P<half>half an hour))\b"
    r"|\b(?P<n2>\d{1,3}|an|a)\s+(?P<unit2>hours?|hrs?|minutes?|mins?)\s+from\s+now\b"
)


def _from_now(low: str) -> list[TimeExpr]:
    """A moment counted from now: "in 2 hours", "in half an hour", "20 minutes from now"."""
    out: list[TimeExpr] = []
    for m in _FROM_NOW.finditer(low):
        if m["half"]:
            after = dt.timedelta(minutes=30)
        else:
            raw, unit = m["n"] or m["n2"], m["unit"] or m["unit2"]
            n = int(raw) if raw.isdecimal() else _COUNT[raw]
            after = dt.timedelta(hours=n) if unit.startswith("h") else dt.timedelta(minutes=n)
        out.append(TimeExpr(m.start(), m.end(), dt.time(0), after=after))
    return out


def find_times(low: str) -> list[TimeExpr]:
    """Clock times in `low` (folded lowercase), each with its zone if one is named."""
    low = respell(low)[0]
    out = _from_now(low)
    for pattern, build in _COMPILED:
        for m in pattern.finditer(low):
            if any(t.start < m.end() and m.start() < t.end for t in out):
                continue
            read = build(m)
            if read is None or (build is _bare and not _counts_as_time(low, m)):
                continue
            out.append(_dressed(low, TimeExpr(m.start(), m.end(), read[0], read[1])))
    for pattern, time in _WEAK:
        for m in pattern.finditer(low):
            if not any(t.start < m.end() and m.start() < t.end for t in out):
                workday = time == WORKDAY_START
                out.append(TimeExpr(m.start(), m.end(), time, weak=True, workday=workday))
    out.sort(key=lambda t: t.start)
    return out


def _dressed(low: str, expr: TimeExpr) -> TimeExpr:
    """The zone and the part of day said right after a clock ("3pm PST", "at 8 in the evening")."""
    zone = zone_after(low, expr.end)
    if zone is not None:
        return replace(expr, zone=zone[0], end=zone[1])
    m = _AFTER_PART.match(low, expr.end)
    if expr.inferred and m is not None:
        return replace(expr, time=with_part(expr.time, m["part"]), inferred=False, end=m.end())
    return expr


_LUNCH_WITH = re.compile(r"\blunch(?:time)?\s+(?:with|w/|w\b)")


def planned_lunch(low: str, start: int, end: int) -> TimeExpr | None:
    """A lunch planned with someone ("lunch with Ravi sat") is at 12:00.

    Kept out of `find_times`: "lunch with" is first a contact noun, and a lunch that
    happened has no time to give a task.
    """
    m = _LUNCH_WITH.search(low, start, end)
    return TimeExpr(m.start(), m.end(), dt.time(12), weak=True) if m else None


def with_part(time: dt.time, part: str | None) -> dt.time:
    """An inferred clock set to the part of day said beside it (20:00 for "tonight at 8")."""
    half = _PARTS.get(part or "")
    if half is None:
        return time
    hour = time.hour % 12 + (12 if half == "pm" else 0)
    return time.replace(hour=hour)
