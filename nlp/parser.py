"""parse(): text + now + tz + directory -> Parse. Pure and total.

The intent comes from nlp/intent.py (its docstring says in which order it decides).
Bare dates ("Friday", "the 14th") take their sense from their clause: ahead when the clause
asks for something (a command, "wants", "due", "by"), behind when it reports a contact.
The parser never guesses a customer: several equal candidates go to `ambiguous`, and a
close spelling it corrected, or a slash date it would not read, is flagged in `unsure` so
the bot can ask; so is a contact that may be done or planned (see nlp/intent.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from nlp import mood, signals, when
from nlp.amounts import find_amount
from nlp.clock import TimeExpr, find_times, planned_lunch
from nlp.date_filters import deal_timing, grouped_numbers
from nlp.dates import DateExpr, find_dates
from nlp.index import Matcher
from nlp.index import compile as compile_directory
from nlp.intent import Reading, clause_of, planned_clauses, read_intent
from nlp.mentions import Mentions, find_mentions
from nlp.normalize import fold, tokenize
from nlp.types import Directory, Intent, Parse, TaskSpec
from nlp.words import WEEKDAYS

log = logging.getLogger(__name__)

MAX_CHARS = 5000  # what is read of a very long message; the rest is kept by the caller
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
# Clause breaks: punctuation, dashes, and emoji (a mood between two thoughts: "budget got
# cut 😞 call her Friday").
# Dictated punctuation ("called comma chiller tripped full stop") breaks clauses too; a dot
# after a short title or abbreviation ("St. Luke's", "Dr. Okeke") does not.
_CLAUSE = re.compile(
    r"(?<!\bst)(?<!\bdr)(?<!\bmr)(?<!\bms)(?<!\bmrs)(?<!\bno)(?<!\bjr)(?<!\bsr)\.+\s*|"
    r"\s+(?:comma|full stop|new line)\s+|[;!?\n]+\s*|,\s+|(?<!\bre):\s+|\s+-\s+|\s+—\s+|\s*[\u2600-\u27bf\U0001f300-\U0001faff]+\ufe0f?\s*"
    # "emailed asking for a demo Dec 15": what is asked for is a clause of its own.
    r"|\s+(?=(?:asking|asked|requesting|wanting|to ask|to request)\s+(?:for|about|to)\b)"
)
_LETTERS = re.compile(r"[a-zA-Z]")


def parse(
    text: str,
    now: dt.datetime,
    tz: str | ZoneInfo,
    directory: Matcher | Directory,
    *,
    strict: bool = False,
    workday_start: dt.time | None = None,
) -> Parse:
    """What a chat message means, per parse-spec.md. Never raises unless `strict`.

    Args:
        text: the message as written.
        now: when it was sent (aware, or wall-clock time in `tz`).
        tz: the author's time zone (an unknown name is read as UTC).
        directory: the team's compiled matcher; a bare Directory is compiled on every
            call, which is fine for one message and too slow for a stream of them.
        strict: let a parser bug raise instead of answering "other" (for tests, so a
            property test can see the bug that `parse` would otherwise swallow).
        workday_start: when the author's workday starts ("first thing"); 09:00 if None.
    """
    matcher = directory if isinstance(directory, Matcher) else compile_directory(directory)
    if strict:
        return _parse(text, now, tz, matcher, workday_start)
    try:
        return _parse(text, now, tz, matcher, workday_start)
    except Exception:  # a parser bug must not take a message down with it
        log.exception("parse failed; answering as 'other'")
        return Parse(intent="other", unsure=("intent",))


def find_customers(text: str, matcher: Matcher) -> Parse:
    """The customers a name (or a few names) stands for, as a lookup. Never raises.

    For text known to be names ("Jane", "acme", "Chris at Hooli"): everyday words that are
    names count as names wherever they stand.
    """
    try:
        tokens = tokenize(_CONTROL.sub(" ", str(text)[:MAX_CHARS]))
        mentions = find_mentions(tokens, matcher, names_only=True)
    except Exception:  # same promise as parse(): a bug answers "nobody", it does not raise
        log.exception("find_customers failed; answering with nobody")
        return Parse(intent="lookup")
    return Parse(
        intent="lookup",
        customers=tuple(mentions.customers),
        ambiguous=tuple(mentions.ambiguous),
        unsure=("customer",) if mentions.fuzzy else (),
    )


def _zone(tz: str | ZoneInfo) -> ZoneInfo:
    if isinstance(tz, ZoneInfo):
        return tz
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _clauses(low: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSE.finditer(low):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(low)))
    return [(s, e) for s, e in spans if e > s]


def _parse(
    text: str,
    now: dt.datetime,
    tz: str | ZoneInfo,
    matcher: Matcher,
    workday_start: dt.time | None = None,
) -> Parse:
    text = _CONTROL.sub(" ", str(text)[:MAX_CHARS])
    zone = _zone(tz)
    local = now.astimezone(zone) if now.tzinfo else now
    today = local.date()
    folded = fold(text)
    low = folded.lower()
    if not _LETTERS.search(low):
        return Parse(intent="other")
    tokens = tokenize(text)
    mentions = find_mentions(tokens, matcher)
    dates, slash = find_dates(low, folded)
    clauses = _clauses(low)
    # Names, digits inside a grouped number ("3,500") and a deal's close date are no due date.
    taken = mentions.spans + grouped_numbers(low)
    dates = [
        d
        for d in dates
        if not _overlaps(d.start, d.end, taken)
        and not deal_timing(low, clause_of(d.start, clauses), d.start)
    ]
    times = [t for t in find_times(low) if not _overlaps(t.start, t.end, taken)]
    has_customer = bool(mentions.customers or mentions.ambiguous)
    unsure = []
    if mentions.fuzzy:
        unsure.append("customer")
    if slash and not dates:
        unsure.append("date")

    reading = read_intent(low, mentions, dates, times, clauses)
    intent = reading.intent
    if reading.unsure:
        unsure.append("intent")
    if intent in ("agenda", "other"):
        return Parse(intent=intent, unsure=tuple(unsure) if intent != "other" else ())
    if intent == "lookup":
        return Parse(
            intent="lookup",
            customers=tuple(mentions.customers),
            ambiguous=tuple(mentions.ambiguous),
            unsure=tuple(unsure),
        )

    senses = [_sense(d, intent, low, clauses, today) for d in dates]
    if intent == "log":
        # "met Jose, next mtg Fri": a contact planned in another clause is ahead.
        own = clause_of(reading.contact.start, clauses) if reading.contact else None
        ahead = planned_clauses(low, clauses, skip=own)
        senses = [
            "future" if any(s <= d.start < e for s, e in ahead) else sense
            for d, sense in zip(dates, senses, strict=True)
        ]
    occurred = today
    if intent == "log":
        for d, sense in zip(dates, senses, strict=True):
            if sense == "past":
                occurred = d.resolve(today, "past") or today
                break
    author = when.Author.at(now, zone, workday_start)
    task = _task(reading, low, text, author, dates, senses, times, clauses, mentions)
    contact = reading.contact
    is_log = intent == "log"
    money = find_amount(low)
    return Parse(
        intent=intent,
        customers=tuple(mentions.customers),
        ambiguous=tuple(mentions.ambiguous),
        new_customers=tuple(mentions.new) if has_customer or mentions.new else (),
        interaction=(contact.kind if contact else "note") if is_log else None,
        occurred=occurred if is_log else None,
        task=task,
        amount=money.value if money else None,
        currency=money.currency if money else None,
        amount_period=money.period if money else None,
        sentiment=mood.sentiment(low) if is_log else None,
        deal=mood.deal_signal(low) if is_log else None,
        unsure=tuple(unsure),
        inbound=is_log and _inbound(low, contact, mentions, clauses),
    )


_INBOUND_VERB = re.compile(
    r"(?:called|rang|phoned|emailed|e-mailed|texted|messaged|whatsapp'?d|whatsapped|dm'?d|dmed|"
    r"pinged|replied|wrote|reached out|got in touch|called back)\b"
)


def _inbound(
    low: str, contact: signals.Contact | None, mentions: Mentions, clauses: list[tuple[int, int]]
) -> bool:
    """The customer made the contact: a name before the verb in its clause ("Sue called")."""
    if contact is None or not _INBOUND_VERB.match(low, contact.start):
        return False
    s, _ = clause_of(contact.start, clauses)
    before = low[s : contact.start]
    if re.search(r"\b(?:i|we)\b", before):
        return False
    return any(s <= start and end <= contact.start for start, end in mentions.spans)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


_SYMBOLS = re.compile(r"[\u2190-\u2bff\U0001f000-\U0001faff]+")


def _sense(
    d: DateExpr, intent: Intent, low: str, clauses: list[tuple[int, int]], today: dt.date
) -> str:
    if d.sense is not None:
        return d.sense
    if intent == "task":
        return "future"
    s, e = clause_of(d.start, clauses)
    clause = low[s:e]
    if d.kind == "later today":  # "tonight": ahead unless the clause reports a contact
        return when.later_today_sense(clause, signals.first_contact(clause) is not None)
    before = low[s : d.start]
    contact = signals.first_contact(before + " ")
    if contact is not None:
        # "emailed asking for a demo Dec 15", "set up mtg Fri": a wish or plan looks ahead.
        return "future" if when.plans_ahead(before) else "past"
    tail = _SYMBOLS.split(before)[-1]  # "budget got cut 😞 call her Friday"
    if signals.future_clause(clause) or signals.imperative(tail):
        return "future"
    if re.search(r"\b(?:on|this)\s*$", before) and not signals.first_contact(clause):
        return "future"
    if signals.first_contact(clause) or low[d.start : d.end].split()[-1] in WEEKDAYS:
        return "past"
    return when.nearer_sense(d, clause, today)


def _task(
    reading: Reading,
    low: str,
    text: str,
    author: when.Author,
    dates: list[DateExpr],
    senses: list[str],
    times: list[TimeExpr],
    clauses: list[tuple[int, int]],
    mentions: Mentions,
) -> TaskSpec | None:
    future = [d for d, s in zip(dates, senses, strict=True) if s == "future"]
    # "next Tuesday" says more than a bare "sunday" that only sets the scene.
    explicit = [d for d in future if d.explicit_future]
    due_expr: DateExpr | None = (explicit or future)[0] if future else None
    intent, contact = reading.intent, reading.contact
    cue_clause = None
    planned = planned_clauses(low, clauses)
    for s, e in clauses:
        clause = low[s:e]
        if intent == "log" and contact is not None and s <= contact.start < e:
            # The contact itself ("call with Tom went badly") asks for nothing, but a run-on
            # message may end with a plan ("...he is upset will be their by lunch").
            at = signals.commitment(clause)
            if at is None or s + at <= contact.start:
                continue
            # Times before the plan belong to the contact ("called at 7:30 ... by lunch").
            times = [t for t in times if not s <= t.start < s + at]
            s, clause = s + at, clause[at:]
        if signals.done(clause) and signals.wants_reminder(clause) is None:
            continue  # "install at Acme went fine": done, nothing asked
        if (
            signals.follow_up_cue(clause)
            or signals.wants_reminder(clause) is not None
            or signals.customer_wants(clause)
            or ((s, e) in planned and any(s <= d.start < e for d in dates))
        ):
            cue_clause = (s, e)
            break
    if cue_clause is not None:
        # The date in the clause that asks ("... delayed to mid-Jan. remind me Monday") is
        # the task's; a date elsewhere only tells the news.
        asked = [d for d in future if cue_clause[0] <= d.start < cue_clause[1]]
        if asked:
            due_expr = ([d for d in asked if d.explicit_future] or asked)[0]
    if intent == "log" and due_expr is None and cue_clause is None:
        return None
    if intent == "log" and cue_clause is None and due_expr is not None:
        ds, de = clause_of(due_expr.start, clauses)
        if _THEIR_PLAN.match(low[ds:de]):
            return None  # "they're renewing next quarter": their plan, nothing asked of us
    if intent == "log" and due_expr is None and cue_clause is not None:
        # A cue in a clause that only reports ("he will check the dates") is no task.
        clause = low[cue_clause[0] : cue_clause[1]]
        if signals.first_contact(clause) and not signals.imperative(clause):
            return None
    due, time = when.due_and_time(due_expr, _time_for(due_expr, times, low, clauses), author)
    span = (
        clause_of(due_expr.start, clauses)
        if due_expr
        else cue_clause or (clauses[0] if clauses else (0, len(low)))
    )
    return TaskSpec(title=_title(text, span, dates, times, mentions), due=due, time=time)


def _time_for(
    due_expr: DateExpr | None,
    times: list[TimeExpr],
    low: str,
    clauses: list[tuple[int, int]],
) -> TimeExpr | None:
    """The clock of the task: one in the due date's clause, else one in a clause that plans.

    A time of a past contact ("called her at 3") is when it happened, not a task time.
    """
    usable: list[TimeExpr] = []
    for t in times:
        s, e = clause_of(t.start, clauses)
        if due_expr is not None and s <= due_expr.start < e:
            return when.pick_clock([u for u in times if s <= u.start < e])
        clause = low[s:e]
        if signals.first_contact(clause) and not signals.future_clause(clause):
            continue
        usable.append(t)
    if not usable and due_expr is not None:
        return planned_lunch(low, *clause_of(due_expr.start, clauses))
    return when.pick_clock(usable)


# A clause that reports what the customer will do ("they're renewing next quarter").
_THEIR_PLAN = re.compile(r"(?:they|he|she|it)(?:'re|'s|'ll| are| is| will| plan to)\s+\w+")
_SLASH_DATE = re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b")
_TITLE_NOISE = re.compile(
    r"^(?:(?:ok|so|also|and|then|pls|please)\s+)*(?:remind me\s*(?:to|about|that)?|"
    r"reminder\s*(?:to)?|i\s+need\s+to|need\s+to|i\s+have\s+to|have\s+to|"
    r"don'?t\s+forget\s+to|todo|to-do)\s*:?\s*",
    re.I,
)


_WISH = re.compile(
    r"^(?:(?:she|he|they|we|[A-Z][a-z]+)(?:'s| is| are)?\s+)?(?:wants?|needs?|asked for|asks for|"
    r"would like|'d like|is waiting for|are waiting for)\s+(?:the |a |an |some )?(.+)$",
    re.I,
)


def _title(
    text: str,
    span: tuple[int, int],
    dates: list[DateExpr],
    times: list[TimeExpr],
    mentions: Mentions,
) -> str:
    s, e = span
    cuts = sorted((d.start, d.end) for d in dates) + sorted((t.start, t.end) for t in times)
    pieces, pos = [], s
    for cs, ce in sorted(cuts):
        if ce <= s or cs >= e:
            continue
        pieces.append(text[pos : max(pos, cs)])
        pos = max(pos, ce)
    pieces.append(text[pos:e])
    # An unread slash date stays out of the title: the bot asks for the date instead.
    title = " ".join(_SLASH_DATE.sub(" ", " ".join(pieces)).split())
    title = _TITLE_NOISE.sub("", title)
    wish = _WISH.match(title)
    if wish:
        # "she wants the revised quote" -> "Revised quote for Hope"
        who = mentions.customers[0].name.split()[0] if mentions.customers else None
        what = re.sub(r"\s+\b(?:by|on|at|in|for|due)\s*$", "", wish.group(1).strip(" ,.:;-!?"))
        title = what + (f" for {who}" if who else "")
    title = re.sub(
        r"(?:\s+\b(?:by|on|at|in|for|due))+\s*$", "", title.strip(" ,.:;-!?"), flags=re.I
    )
    title = title.strip(" ,.:;-!?")

    if len(title) < 3:
        who = mentions.customers[0].name if mentions.customers else None
        title = f"Follow up with {who}" if who else "Follow up"
    title = title[:1].upper() + title[1:]
    return title if len(title) <= 80 else title[:79].rstrip() + "…"


__all__ = ["find_customers", "parse"]
