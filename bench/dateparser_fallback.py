"""dateparser as a fallback, measured: it reads the date-like spans our grammar leaves.

A span looks like a date when it holds a month name, an ordinal day, a dotted or dashed
numeric date, a weekend or year word, or hours and years counted from now. dateparser
reads it relative to today with our conventions on top: the sense the sentence gives
(ahead or behind), days only (its clock guesses are dropped). Slash dates stay unread
(the spec leaves them to the team's date order).

Not part of the parser: `bench/understanding.py` puts it in (`dateparser_fallback()`
wraps the parser's date finder) to count the corpus dates it rescues and the ones it gets
wrong; the README says why it stays out.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from nlp.dates import DateExpr
from nlp.daymath import Resolver, Sense

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_LIKE = re.compile(
    r"\b(?:\d{1,2}[.-]\d{1,2}[.-]\d{2,4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:\s+\d{4})?"
    r"|" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?"
    r"|(?:next|this|coming|last)\s+(?:weekend|year|quarter)"
    r"|(?:in|within)\s+(?:a|an|\d+)\s+(?:hours?|hrs?|years?|yrs?)"
    r"|(?:a|an|\d+)\s+(?:hours?|hrs?|days?|weeks?|months?|years?)\s+(?:ago|from now|from today)"
    r"|the\s+\d{1,2}(?:st|nd|rd|th)"
    r")\b"
)


@contextmanager
def dateparser_fallback() -> Iterator[list[str]]:
    """Within the block, the parser also hands unread date-like spans to dateparser.

    Yields the list of spans handed over, filled as messages are parsed.
    """
    import nlp.parser

    handed: list[str] = []
    grammar = nlp.parser.find_dates

    def find_dates(low: str, orig: str) -> tuple[list[DateExpr], bool]:
        found, slash = grammar(low, orig)
        spans = unread_spans(low, [(d.start, d.end) for d in found])
        handed.extend(low[s:e] for s, e in spans)
        extra = [DateExpr(s, e, resolver(low[s:e]), kind="fallback") for s, e in spans]
        return sorted(found + extra, key=lambda d: d.start), slash

    nlp.parser.find_dates = find_dates
    try:
        yield handed
    finally:
        nlp.parser.find_dates = grammar


def unread_spans(low: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Date-like spans of `low` that overlap nothing our grammar read."""
    return [
        (m.start(), m.end())
        for m in DATE_LIKE.finditer(low)
        if not any(s < m.end() and m.start() < e for s, e in taken)
    ]


def resolver(span: str) -> Resolver:
    """A resolver that asks dateparser about `span`, relative to today, in a sense."""

    def resolve(today: dt.date, sense: Sense) -> dt.date | None:
        import dateparser  # a second of import time, paid only when switched on

        settings = {
            "RELATIVE_BASE": dt.datetime.combine(today, dt.time(12)),
            "PREFER_DATES_FROM": "future" if sense == "future" else "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
        }
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = dateparser.parse(span, languages=["en"], settings=settings)
        return found.date() if found is not None else None

    return resolve
