"""What the author wants: log a contact, set a task, look a customer up, see their agenda.

How it decides, in order:
1. A question about one's own tasks is `agenda`; a question about a customer (it asks
   for a fact: when, what, status, history, an email...) is `lookup`, whatever its verbs.
   A message that is only a customer's name ("Acme?", "Dan from Kestrel?") is a lookup.
2. A past contact ("called", "met", "Sue emailed") makes it a `log`, unless a reminder is
   asked for before it ("remind me to call Jane who emailed").
3. A contact noun ("mtg w/ Jane", "coffee with Bob", "intro call") is planned, so a `task`,
   when its clause carries a date or a time and nothing says it happened; with a past
   word ("was great", "had", "yesterday") it is a `log`.
4. Otherwise a reminder, an opening command ("send Rose the renewal Thursday") or a
   follow-up with a date makes it a `task`.
5. News about a known customer with no contact verb is a `log` of type `note`.
6. Anything else is `other`.

Unsure: the reading is flagged (`unsure` gets "intent", so the bot asks with buttons)
when a contact noun stands alone with no date and nothing that says it happened
("coffee with Jane": done or planned?), or when its only date is "today" with no time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp import signals
from nlp.clock import TimeExpr
from nlp.dates import DateExpr
from nlp.mentions import Mentions
from nlp.questions import TOPIC_WORDS, asks_about_customer, is_agenda, is_lookup_question
from nlp.signals import Contact
from nlp.types import Intent

Span = tuple[int, int]


@dataclass(frozen=True)
class Reading:
    """The intent, the contact that makes a log (if any), and whether it is a guess."""

    intent: Intent
    contact: Contact | None = None
    unsure: bool = False


def clause_of(pos: int, clauses: list[Span]) -> Span:
    """The clause that holds position `pos` (the last one past the end)."""
    for s, e in clauses:
        if s <= pos < e:
            return s, e
    return clauses[-1] if clauses else (0, 0)


def planned_clauses(low: str, clauses: list[Span], skip: Span | None = None) -> list[Span]:
    """Clauses that plan a contact ("next mtg Fri", "kickoff call 4 Jan"), but `skip`."""
    out = []
    for span in clauses:
        clause = low[span[0] : span[1]]
        if span != skip and signals.planned_contact(clause) and not signals.happened(clause):
            out.append(span)
    return out


def only_names(low: str, mentions: Mentions) -> bool:
    """Whether the text is nothing but customers' names (and "from", "at", "pls")."""
    rest = low
    for s, e in sorted(mentions.spans, reverse=True):
        rest = rest[:s] + " " + rest[e:]
    rest = re.sub(
        r"\b(?:again|pls|please|then|now|so|ok|hmm|and|the|'s|from|at|of|w|with|re|about|"
        r"show|open|pull up|find|look up|lookup|card)\b|[@&/]",
        " ",
        rest,
    )
    rest = TOPIC_WORDS.sub(" ", rest)  # "Acme status?", "Jane Doe phone", "Acme?? anyone?"
    return not re.search(r"[a-z0-9]", rest)


def read_intent(
    low: str,
    mentions: Mentions,
    dates: list[DateExpr],
    times: list[TimeExpr],
    clauses: list[Span],
) -> Reading:
    """The intent of a message (see the module docstring for the order of the rules)."""
    has_customer = bool(mentions.customers or mentions.ambiguous)
    contact = signals.first_contact(low)
    if is_agenda(low, has_customer) and not (has_customer and is_lookup_question(low)):
        return Reading("agenda")
    if has_customer and (
        asks_about_customer(low, contact is not None) or only_names(low, mentions)
    ):
        return Reading("lookup")
    remind = signals.wants_reminder(low)
    planned = signals.planned_contact(low)
    # The planned contact counts when it comes before any past contact or reminder.
    starts = [c.start for c in (planned, contact) if c is not None]
    starts += [remind] if remind is not None else []
    named = has_customer or bool(mentions.new)
    if named and planned is not None and planned.start == min(starts):
        reading = _planned(low, planned, dates, times, clauses)
        if reading is not None:
            return reading
    if contact is not None and (remind is None or contact.start < remind):
        return Reading("log", contact)
    if has_customer and remind is None and _work_booked(low, dates, times, clauses):
        return Reading("task")
    return Reading(_other_intents(low, mentions, dates, clauses, remind))


def _planned(
    low: str,
    planned: Contact,
    dates: list[DateExpr],
    times: list[TimeExpr],
    clauses: list[Span],
) -> Reading | None:
    """A contact noun: done (log), planned (task), or unclear (log, unsure)."""
    s, e = clause_of(planned.start, clauses)
    clause = low[s:e]
    near = _with_bare_neighbours((s, e), low, clauses, dates, times)
    here = [d for d in dates if any(a <= d.start < b for a, b in near)]
    clocks = [t for t in times if any(a <= t.start < b for a, b in near)]
    if signals.happened(clause) or any(d.sense == "past" for d in here):
        return Reading("log", planned)
    if here or clocks:
        # A bare day ("wed", "on Friday", "today") with the rest of the message reporting
        # news ("she may have budget", "all done") dates a contact that happened.
        firm = bool(clocks) or any(d.sense == "future" or d.explicit_future for d in here)
        rest = low[:s] + " " + low[e:]
        if not firm and (signals.happened(rest) or statement(rest)):
            return Reading("log", planned)
        only_today = not clocks and all(low[d.start : d.end] == "today" for d in here)
        return Reading("task", unsure=only_today)
    if signals.imperative(clause) or signals.wants_reminder(clause) is not None:
        return None  # "set up a demo with Jane": the other rules make it a task
    return Reading("log", planned, unsure=len(clauses) == 1)


def _work_booked(
    low: str, dates: list[DateExpr], times: list[TimeExpr], clauses: list[Span]
) -> bool:
    """Field work with a date or a time ahead in its clause ("pump install thurs 0800")."""
    for s, e in clauses:
        clause = low[s:e]
        booked = signals.planned_work(clause) or signals.on_the_way(clause)
        if not booked or signals.happened(clause) or statement(clause):
            continue
        here = [d for d in dates if s <= d.start < e]
        if any(d.sense == "past" for d in here):
            continue
        if here or any(s <= t.start < e for t in times):
            return True
    return False


def _with_bare_neighbours(
    span: Span, low: str, clauses: list[Span], dates: list[DateExpr], times: list[TimeExpr]
) -> list[Span]:
    """The clause, and any clause next to it that is only a date or a time.

    "Tues 10am: site visit Acme" dates the visit with the clause before it.
    """
    out = [span]
    k = clauses.index(span) if span in clauses else -1
    for n in (k - 1, k + 1):
        if k < 0 or not 0 <= n < len(clauses):
            continue
        a, b = clauses[n]
        rest = list(low[a:b])
        spans = [(d.start, d.end) for d in dates] + [(t.start, t.end) for t in times]
        for x0, x1 in spans:
            if a <= x0 < b:
                rest[x0 - a : x1 - a] = " " * (min(x1, b) - x0)
        if not re.search(r"[a-z]", "".join(rest)):
            out.append((a, b))
    return out


def _names_only_span(low: str, span: Span, mentions: Mentions) -> bool:
    s, e = span
    rest = list(low[s:e])
    for a, b in mentions.spans:
        if s <= a < e:
            rest[a - s : b - s] = " " * (min(b, e) - a)
    return not re.search(r"[a-z0-9]", "".join(rest))


def _other_intents(
    low: str,
    mentions: Mentions,
    dates: list[DateExpr],
    clauses: list[Span],
    remind: int | None,
) -> Intent:
    """Task, note or other, for a message with no contact in it."""
    has_customer = bool(mentions.customers or mentions.ambiguous)
    if not (has_customer or mentions.new):
        if remind is not None or (dates and signals.imperative(low)):
            return "task"
        return "other"
    if remind is not None:
        return "task"
    # A heading that only names the customer ("Priya - call back Monday") opens nothing.
    heads = [c for c in clauses if not _names_only_span(low, c, mentions)] or clauses
    first = low[heads[0][0] : heads[0][1]] if heads else low
    starts_with_date = bool(dates) and dates[0].start <= clauses[0][0] + 1
    asks = signals.follow_up_cue(first) or signals.imperative(first) or starts_with_date
    if asks and not signals.done(first):  # "install at Acme went fine" reports
        return "task"
    ahead = [d for d in dates if d.explicit_future and d.sense != "past"]
    if ahead and not (statement(first) or signals.happened(first)):
        return "task"
    if _WHEREABOUTS.search(first) and any(signals.imperative(low[s:e]) for s, e in clauses[1:]):
        return "task"  # where the customer is, to say when to reach them: no news
    return "log"


# Where a customer is or will be ("Joseph is at the expo in London", "Bill's on leave"):
# the setting of a task that follows, not news about the account.
_WHEREABOUTS = re.compile(
    r"(?:'s| is| are| will be)\s+(?:at|in|away|travelling|traveling|on leave|on holiday|"
    r"on vacation|out of (?:the )?office|off|back|abroad|visiting|attending)\b"
)


_STATEMENT = re.compile(
    r"\b(?:is|are|was|were|got|has|have|had|'s|'re|says|said|took|takes|may|might|"
    # past tenses ("complained", "agreed"), not words that merely end so ("need", "speed")
    r"(?!(?:need|feed|speed|seed|breed|proceed|exceed|succeed|embed)\b)[a-z]{3,}ed)\b"
)


def statement(clause: str) -> bool:
    """Whether a clause reports something ("is expanding", "complained", "may have")."""
    return bool(_STATEMENT.search(clause))
