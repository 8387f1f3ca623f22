"""Day expressions in chat, resolved with our conventions (see parse-spec.md).

Everything works on folded lowercase text. An expression knows its span, whether it is
past or future by itself ("yesterday", "tomorrow") or needs the sentence to tell
("Friday", "Dec 3"), and how to turn today's date into a date for either sense. Rules are
tried in order; a later rule never takes text an earlier one read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from nlp import daymath as dm
from nlp.daymath import Resolver, Sense, add_months
from nlp.slips import respell
from nlp.words import MONTHS, WEEKDAYS, number, ordinal

__all__ = ["DateExpr", "Sense", "add_months", "find_dates", "slash_readings"]


@dataclass(frozen=True)
class DateExpr:
    """A date expression found in the text.

    `part` is the part of day said with it ("monday morning", "tonight"): it decides am or
    pm for a clock said beside it.
    """

    start: int
    end: int
    resolve: Resolver
    sense: Sense | None = None
    time: dt.time | None = None
    explicit_future: bool = False
    part: str | None = None
    kind: str = ""


_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|weds|wed|thurs|thur|thu|fri|sat|sun)"
_MON = r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_ORD = r"(?P<d>\d{1,2}(?:st|nd|rd|th)?|(?:twenty|thirty)[- ]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)"
_NUM = r"(?P<n>\d{1,3}|a couple of|a couple|couple of|couple|a few|few|an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty)"
_UNIT = r"(?P<unit>days?|d|weeks?|wks?|w|months?|mos?|mnths?|mths?|fortnights?|years?|yrs?)"
_POD = r"(?:\s+(?:in\s+the\s+)?(?P<pod>morning|afternoon|evening|eve|night|am|pm))?"
_YEAR = r"(?:,?\s+(?P<y>20\d\d))?"
_TOMORROW = r"(?:tomorrow|tomorow|tommorow|tommorrow|tmrw|tmrow|tmorow|tmoro|tmr|tmw|tmrrw|2moro|2morrow|2morow|2mrw|2mro)"
_YESTERDAY = r"(?:yesterday|yday|yest|ystrdy|ystdy)"
_NEXT = r"(?:next|nxt)"
_WEEK = r"(?:week|wk)"
_MONTH = r"(?:month|mth|mnth)"

_PART_TIME = {"morning": dt.time(9), "afternoon": dt.time(14), "evening": dt.time(18)}
_FUTURE: Sense = "future"
_PAST: Sense = "past"

Build = Callable[[re.Match[str]], DateExpr | None]


def _part(pod: str | None) -> str | None:
    return {"night": "evening", "eve": "evening", "am": "morning", "pm": "afternoon"}.get(
        pod or "", pod
    )


def _fixed(
    resolver: Resolver, sense: Sense | None, time: dt.time | None = None, ahead: bool = False
) -> Build:
    """A phrase that always means the same day.

    `ahead` marks it as future-leaning where the sentence decides ("this afternoon" may ask
    for something, or report it).
    """
    part = {dt.time(18): "evening", dt.time(14): "afternoon"}.get(time or dt.time(0))
    kind = "close" if time == dt.time(17) else ("later today" if ahead else "")
    explicit = ahead or sense == "future"

    def build(m: re.Match[str]) -> DateExpr:
        return DateExpr(m.start(), m.end(), resolver, sense, time, explicit, part, kind)

    return build


def _with_part(resolver: Resolver, sense: Sense | None) -> Build:
    """A day that may carry a part of day after it ("tomorrow morning")."""

    def build(m: re.Match[str]) -> DateExpr:
        part = _part(m["pod"])
        time = _PART_TIME.get(part or "")
        return DateExpr(m.start(), m.end(), resolver, sense, time, sense == "future", part)

    return build


def _units(m: re.Match[str], sign: int) -> Resolver | None:
    n = number(m["n"])
    if n is None or n > 400:
        return None
    unit = m["unit"]
    if unit.startswith("f"):
        return dm.offset(days=sign * 14 * n)
    if unit.startswith("d"):
        return dm.offset(days=sign * n)
    if unit.startswith("w"):
        return dm.offset(days=sign * 7 * n)
    if unit.startswith("y"):
        return dm.offset(months=sign * 12 * n)
    return dm.offset(months=sign * n)


def _in(m: re.Match[str]) -> DateExpr | None:
    resolver = _units(m, 1)
    return DateExpr(m.start(), m.end(), resolver, "future", None, True) if resolver else None


def _ago(m: re.Match[str]) -> DateExpr | None:
    resolver = _units(m, -1)
    return DateExpr(m.start(), m.end(), resolver, "past") if resolver else None


_HEDGE = re.compile(r"\b(?:may|might)\s+be\b[^.,;!?]*$")


def _from_now(m: re.Match[str]) -> DateExpr | None:
    """Weeks from now; not where it only hedges ("she may be free 3 weeks from now")."""
    if _HEDGE.search(m.string[: m.start()]):
        return None
    return _in(m)


def _week_from_day(m: re.Match[str]) -> DateExpr | None:
    """Weeks from today or tomorrow: "a week from today", "a week tomorrow"."""
    n = number(m["n"])
    if n is None:
        return None
    start = 0 if m["base"] == "today" else 1
    return DateExpr(m.start(), m.end(), dm.offset(days=start + 7 * n), "future", None, True)


def _weeks_from_weekday(m: re.Match[str]) -> DateExpr | None:
    """Weeks from a weekday ("a week from Friday"): the bare weekday plus those weeks."""
    n = number(m["n"])
    if n is None:
        return None
    resolver = dm.weekday(WEEKDAYS[m["wd"]], "", n)
    return DateExpr(m.start(), m.end(), resolver, "future", None, True)


def _of_month(m: re.Match[str]) -> DateExpr | None:
    day = ordinal(m["d"])
    if day is None:
        return None
    months = 1 if m["which"] in ("next", "nxt") else 0
    return DateExpr(m.start(), m.end(), dm.day_of_month(day, months), "future", None, True)


def _iso(m: re.Match[str]) -> DateExpr | None:
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return DateExpr(m.start(), m.end(), dm.fixed(day))


def _month_day(m: re.Match[str]) -> DateExpr | None:
    day = ordinal(m["d"])
    if day is None:
        return None
    year = int(m["y"]) if m["y"] else None
    return DateExpr(m.start(), m.end(), dm.month_day(MONTHS[m["mon"]], day, year))


def _mid_named_month(m: re.Match[str]) -> DateExpr:
    """'mid-December': the 15th of that month (the next one, without a year)."""
    year = int(m["y"]) if m["y"] else None
    return DateExpr(m.start(), m.end(), dm.month_day(MONTHS[m["mon"]], 15, year))


def _nth(m: re.Match[str]) -> DateExpr | None:
    day = ordinal(m["d"])
    if day is None:
        return None
    return DateExpr(m.start(), m.end(), dm.nth(day), kind="nth")


def _weekday_plus(modifier: str, weeks: int, sense: Sense | None) -> Build:
    def build(m: re.Match[str]) -> DateExpr:
        resolver = dm.weekday(WEEKDAYS[m["wd"]], modifier, weeks)
        return DateExpr(m.start(), m.end(), resolver, sense, None, sense == "future")

    return build


def _weekday(m: re.Match[str]) -> DateExpr | None:
    mod = (m["mod"] or "").replace("this coming", "coming").replace("nxt", "next")
    sense: Sense | None = None
    if mod == "last":
        sense = "past"
    elif mod in ("next", "this", "coming"):
        sense = "future"
    resolver = dm.weekday(WEEKDAYS[m["wd"]], "next" if mod == "next" else mod)
    part = _part(m["pod"])
    time = _PART_TIME.get(part or "")
    return DateExpr(m.start(), m.end(), resolver, sense, time, sense == "future", part)


def _r(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# In order: longer and more telling phrases first.
_RULES: list[tuple[re.Pattern[str], Build]] = [
    (_r(r"\b(?:eod|eob|end of (?:the |to)?day|cob|c\.o\.b\.?|close of (?:business|play)|end of business)\b"), _fixed(dm.offset(), _FUTURE, dt.time(17))),
    (_r(r"\b(?:tonight|tonite|2nite|this evening)\b"), _fixed(dm.offset(), None, dt.time(18), True)),
    (_r(r"\bthis afternoon\b"), _fixed(dm.offset(), None, dt.time(14), True)),
    (_r(r"\b" + _NUM + r"\s+weeks?\s+(?:from\s+|after\s+|on\s+)?(?P<base>today|tomorrow|tmrw|tmr)\b"), _week_from_day),
    (_r(r"\b(?:the\s+)?day after " + _TOMORROW + r"\b"), _fixed(dm.offset(days=2), _FUTURE)),
    (_r(r"\b(?:the\s+)?day before " + _YESTERDAY + r"\b"), _fixed(dm.offset(days=-2), _PAST)),
    (_r(r"\blast night\b"), _fixed(dm.offset(days=-1), _PAST)),
    (_r(r"\b(?:this morning|earlier today|earlier)\b"), _fixed(dm.offset(), _PAST)),
    (_r(r"\b" + _YESTERDAY + r"\b" + _POD), _with_part(dm.offset(days=-1), _PAST)),
    (_r(r"\b" + _TOMORROW + r"\b" + _POD), _with_part(dm.offset(days=1), _FUTURE)),
    (_r(r"\b" + _NUM + r"\s+" + _UNIT + r"\s+(?:ago|back|before now)\b"), _ago),
    (_r(r"\b(?:in|within)\s+(?:the\s+next\s+)?" + _NUM + r"\s+" + _UNIT + r"\b(?:'s time| time)?"), _in),
    (_r(r"\b" + _NUM + r"\s+" + _UNIT + r"\s+from\s+(?:now|today)\b"), _from_now),
    (_r(r"\b(?:on\s+)?(?:the\s+)?" + _ORD + r"\s+of\s+(?P<which>next|nxt|this|the)\s+" + _MONTH + r"\b"), _of_month),
    (_r(r"\b" + _NEXT + r"\s+weekend\b"), _fixed(dm.weekend(1), _FUTURE)),
    (_r(r"\b" + _NUM + r"\s+weeks? (?:from|on|after) (?:this )?" + _WD + r"\b"), _weeks_from_weekday),
    (_r(r"\b(?:on\s+)?" + _WD + r"\s+(?:of\s+)?last\s+" + _WEEK + r"\b"), _weekday_plus("last week", 0, _PAST)),
    (_r(r"\b" + _WD + r"\s+after\s+next\b"), _weekday_plus("", 1, _FUTURE)),
    (_r(r"\b(?:on\s+)?" + _WD + r"\s+" + _NEXT + r"\s+" + _WEEK + r"\b"), _weekday_plus("next", 0, _FUTURE)),
    (_r(r"\b(?:on\s+)?" + _WD + r"\s+this\s+" + _WEEK + r"\b"), _weekday_plus("week", 0, None)),
    (_r(r"\b(?:this\s+past|past)\s+" + _WD + r"\b"), _weekday_plus("past", 0, _PAST)),
    (_r(r"\b" + _WD + r"\s+(?:just\s+)?gone\b"), _weekday_plus("past", 0, _PAST)),
    (_r(r"\b(?:on\s+)?" + _WD + r"\s+" + _WEEK + r"\b"), _weekday_plus("", 1, _FUTURE)),
    (_r(r"\b(?:end|close) of (?:the )?" + _NEXT + r" " + _WEEK + r"\b"), _fixed(dm.weekday(4, "next"), _FUTURE)),
    (_r(r"\b(?:eow|eowk|end of (?:the |this )?" + _WEEK + r")\b"), _fixed(dm.end_of_week(), _FUTURE)),
    (_r(r"\b(?:early|earlier|beginning of|start of|begin of|first thing)\s+(?:the\s+)?" + _NEXT + r"\s+" + _WEEK + r"\b"), _fixed(dm.week_start(1), _FUTURE)),
    (_r(r"\b(?:the\s+)?" + _WEEK + r"\s+after\s+next\b"), _fixed(dm.week_start(2), _FUTURE)),
    (_r(r"\b" + _NEXT + r"\s+" + _WEEK + r"\b"), _fixed(dm.week_start(1), _FUTURE)),
    (_r(r"\blast\s+" + _WEEK + r"\b"), _fixed(dm.week_start(-1), _PAST)),
    (_r(r"\b(?:end of (?:the )?" + _NEXT + r"\s+" + _MONTH + r")\b"), _fixed(dm.end_of_month(1), _FUTURE)),
    (_r(r"\b(?:eom|end of (?:the |this )?" + _MONTH + r")\b"), _fixed(dm.end_of_month(), _FUTURE)),
    (_r(r"\b(?:mid|middle of)[- ](?:the\s+)?" + _NEXT + r"[- ]" + _MONTH + r"\b"), _fixed(dm.mid_month(1), _FUTURE)),
    (_r(r"\b(?:mid[- ]" + _MONTH + r"|middle of (?:the|this) " + _MONTH + r"|mid this " + _MONTH + r")\b"), _fixed(dm.mid_month(None), _FUTURE)),
    (_r(r"\b(?:(?:early|beginning of|start of)\s+(?:the\s+)?)?" + _NEXT + r"\s+" + _MONTH + r"\b"), _fixed(dm.month_start(1), _FUTURE)),
    (_r(r"\blast\s+" + _MONTH + r"\b"), _fixed(dm.month_start(-1), _PAST)),
    (_r(r"\b(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d/.-])"), _iso),
    (_r(r"\b(?:mid|middle of)[- ](?:of\s+)?" + _MON + r"(?![a-z])" + _YEAR), _mid_named_month),
    (_r(r"\b" + _MON + r"\s+(?:the\s+)?" + _ORD + r"\b" + _YEAR), _month_day),
    (_r(r"\b(?:the\s+)?" + _ORD + r"\s+(?:of\s+|day of\s+)?" + _MON + r"(?![a-z])" + _YEAR), _month_day),
    (_r(r"\b(?:on\s+)?the\s+(?P<d>\d{1,2}(?:st|nd|rd|th))\b"), _nth),
    # A weekday beside a bare ordinal ("Fri 18th"): the month-day decides, as with "the".
    (_r(r"\b(?:on\s+)?" + _WD + r",?\s+(?P<d>\d{1,2}(?:st|nd|rd|th))\b"), _nth),
    (_r(r"\b(?:on\s+)?the\s+" + _ORD + r"(?=\s*(?:$|[.,;:!?)]|(?:at|to|for|and|then|pls|please|re|by|morning|afternoon|evening|instead|if|or|so|as|with|of this|of next)\b))"), _nth),
    (_r(r"\b(?:(?P<mod>" + _NEXT + r"|last|this coming|this|on|coming)\s+)?(?P<cap>)" + _WD + r"\b" + _POD), _weekday),
    (_r(r"\btoday\b"), _fixed(dm.offset(), None)),
]  # fmt: skip
_SLASH = re.compile(r"(?<![\w/$€£])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<y>\d{2,4}))?(?![\w/])")
_BESIDE = re.compile(r"[\s,(]*(?:the\s+)?$")
_CLOSE_GAP = re.compile(r"[\s,]*(?:on|by|of)?\s*")


def _join_close(found: list[DateExpr], low: str) -> list[DateExpr]:
    """EOD or COB beside another day ("COB Friday", "Friday EOD") is that day at 17:00."""
    out: list[DateExpr] = []
    for expr in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and (prev.kind == "close") != (expr.kind == "close")
            and _CLOSE_GAP.fullmatch(low[prev.end : expr.start])
        ):
            day = expr if prev.kind == "close" else prev
            out[-1] = replace(day, start=prev.start, end=expr.end, time=dt.time(17), kind="")
            continue
        out.append(expr)
    return out


def _join_weekdays(found: list[DateExpr], low: str) -> list[DateExpr]:
    """A weekday right before a month-day ("Fri, Dec 18", "Tuesday the 8th") confirms it."""
    out: list[DateExpr] = []
    for expr in found:
        prev = out[-1] if out else None
        word = low[prev.start : prev.end].split()[-1] if prev else ""
        if (
            prev is not None
            and word in WEEKDAYS
            and _BESIDE.fullmatch(low[prev.end : expr.start])
            and expr.sense is None
            and not prev.explicit_future
        ):
            # The month-day decides; the weekday only confirms it (spec).
            out[-1] = replace(expr, start=prev.start)
            continue
        out.append(expr)
    return out


def find_dates(low: str, orig: str) -> tuple[list[DateExpr], bool]:
    """Date expressions in `low` (folded lowercase); also whether a slash date was seen."""
    text, slipped = respell(low)
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    for pattern, build in _RULES:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            expr = _cased(build(m), m, orig)
            if expr is None:
                continue
            end = max([expr.end] + [e for s, e in slipped if s < expr.end <= e])
            taken.append((expr.start, end))
            found.append(replace(expr, end=end) if end != expr.end else expr)
    found.sort(key=lambda e: e.start)
    slash = _SLASH.search(low) is not None
    return _join_close(_join_weekdays(found, low), low), slash


# After a bare lowercase "sat" or "sun", what shows it is a day ("lunch w/ Ravi sat re AMC").
_DAY_AFTER = re.compile(
    r"\s*(?:$|[.,;:!?)]|\d|(?:re|at|am|pm|morning|afternoon|evening|night|lunch|lunchtime|noon|"
    r"or|and|then|pls|please)\b)"
)
_NOT_DAY_BEFORE = re.compile(r"\b(?:i|we|he|she|they|you|it|who|the|a|in|under|has|have)\s+$")


def _cased(expr: DateExpr | None, m: re.Match[str], orig: str) -> DateExpr | None:
    """Bare "sat" and "sun" are everyday words too: a day only when marked as one.

    Written as a name ("Sat"), or with the words around reading as a day ("sat 7am",
    "lunch with Ravi sat re AMC"), not as a verb or noun ("I sat with", "the sun").
    """
    if expr is None:
        return None
    groups = m.groupdict()
    if groups.get("wd") in ("sat", "sun") and "cap" in groups and not m["mod"]:
        if orig[m.start("wd")].isupper():
            return expr
        low = m.string
        after = _DAY_AFTER.match(low, m.end("wd"))
        before = _NOT_DAY_BEFORE.search(low[: m.start("wd")])
        return expr if after and not before else None
    return expr


def slash_readings(text: str, today: dt.date) -> tuple[str, list[dt.date]]:
    """The first slash date in `text` ("12/3") and each date it could mean.

    Month/day and day/month, each the next on or after today unless a year is given.
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
        resolved = dm.month_day(month, day, year)(today, "future")
        if resolved is not None and resolved not in found:
            found.append(resolved)
    return m.group(0), found
