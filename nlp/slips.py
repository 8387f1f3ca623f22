"""Typing slips in day words ("wendesday", "thrusday", "tommorow", "novmber").

A slip is read as meant when one reading is clear: a word of six letters or more, same
first letter, one edit (two from eight letters) from exactly one day word. The word is
rewritten as that day word's short form padded with spaces, so offsets stay aligned.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import DamerauLevenshtein

# Day words long enough to be told apart from everyday words, and their short forms.
_SHORT = {
    "monday": "mon", "tuesday": "tue", "wednesday": "wed", "thursday": "thu", "friday": "fri",
    "saturday": "sat", "sunday": "sun", "january": "jan", "february": "feb", "august": "aug",
    "september": "sep", "october": "oct", "november": "nov", "december": "dec",
    "tomorrow": "tmr", "yesterday": "yday",
}  # fmt: skip
# Real words one edit from a day word; never rewritten.
_WORDS = {"sundry", "sundae", "sundays", "mondays", "fridays", "tuesdays", "saturdays",
          "thursdays", "wednesdays", "tomorrows", "octobers", "augusts", "fridge", "augusta",
          "augustus"}  # fmt: skip
_WORD = re.compile(r"[a-z]{6,12}")


def _meant(word: str) -> str | None:
    if word in _SHORT or word in _WORDS:
        return None
    limit = 2 if len(word) >= 8 else 1
    # A weekday slip still ends like one ("thrusday", "wednesdya"); "Sundar" is a name.
    weekday_like = word.endswith(("y", "dya", "yd"))
    hits = [
        day
        for day in _SHORT
        if day[0] == word[0]
        and abs(len(day) - len(word)) <= limit
        and (weekday_like or not day.endswith("day"))
        and DamerauLevenshtein.distance(word, day, score_cutoff=limit) <= limit
    ]
    return hits[0] if len(hits) == 1 else None


def respell(low: str) -> tuple[str, list[tuple[int, int]]]:
    """`low` with slipped day words rewritten in place, and the spans rewritten."""
    spans: list[tuple[int, int]] = []
    pieces: list[str] = []
    pos = 0
    for m in _WORD.finditer(low):
        if (m.start() and low[m.start() - 1].isalnum()) or (
            m.end() < len(low) and low[m.end()].isalnum()
        ):
            continue
        meant = _meant(m.group(0))
        if meant is None:
            continue
        pieces.append(low[pos : m.start()])
        pieces.append(_SHORT[meant].ljust(m.end() - m.start()))
        pos = m.end()
        spans.append((m.start(), m.end()))
    if not spans:
        return low, spans
    pieces.append(low[pos:])
    return "".join(pieces), spans
