"""Date and time readings that are not when anything is due.

Two kinds of language look like dates but are not the task's:
- digits inside a grouped number ("the 3,500 proposal", "₹3,85,000"): never a day or a clock;
- a deal's own timing ("closing end of month", "decision by Friday", "close date Dec 15"):
  when the customer decides, kept on the deal (nlp/pipeline.py `expected_close`), not a
  follow-up for us, unless the clause itself asks for something ("call Greg before closing
  Friday").
"""

from __future__ import annotations

import re

from nlp import signals

# Thousands (or Indian lakh) grouping: 3,500 · 12,345,678 · 3,85,000. The last group has
# three digits, so "3,4" (a list) and "3,10" are not numbers.
_GROUPED = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{2})*(?:,\d{3})+(?![\d,])")
# What the deal does, just before its date: "closing", "expected to close by", "decision on".
_DEAL_TIMING = re.compile(
    r"\b(?:clos(?:e|es|ing)|signing|decision|deciding|decides|close date|closing date|"
    r"go[- ]live|going live)"
    r"(?:\s+(?:by|on|at|in|around|before|for|date|is|was|of))*\s*(?:the\s+)?$"
)


def grouped_numbers(low: str) -> list[tuple[int, int]]:
    """The spans of numbers written with digit groups."""
    return [m.span() for m in _GROUPED.finditer(low)]


def deal_timing(low: str, clause: tuple[int, int], start: int) -> bool:
    """Whether the date at `start` tells when the deal closes (and the clause asks nothing)."""
    s, _ = clause
    before = low[s:start]
    cue = _DEAL_TIMING.search(before)
    if cue is None:
        return False
    head = before[: cue.start()]
    return not (
        signals.follow_up_cue(head)
        or signals.wants_reminder(head) is not None
        or signals.customer_wants(head)
    )
