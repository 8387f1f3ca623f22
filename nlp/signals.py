"""What kind of message it is: contact verbs, questions, follow-up cues, sentiment, money."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.types import DealSignal, InteractionKind, Sentiment

# Past contacts, each with its interaction type; the earliest in the message counts.
_CONTACT = [
    (
        "call",
        r"\b(?:called|rang|phoned|spoke|spoken|talked|had a (?:quick )?call|left (?:[\w']+ ){0,2}(?:voicemail|vm|message)|no answer|call (?:with|w/?)\b(?=.*\b(?:went|was|today|yesterday|this morning|earlier)\b)|(?:got|returned) (?:a |my |the |her |his )?call)\b",
    ),
    (
        "email",
        r"\b(?:emailed|e-mailed|mailed|sent (?:[\w']+ ){0,2}e-?mail|replied|wrote to|got (?:an? )?e-?mail)\b",
    ),
    (
        "meeting",
        r"\b(?:met|meeting with|mtg|ran into|bumped into|(?:lunch|coffee|dinner|breakfast|drinks|demo|zoom|meeting)(?:'s)? (?:with|w/?)\b(?!.*\bat \d)|had (?:a |the )?(?:meeting|demo|lunch|coffee))",
    ),
    (
        "visit",
        r"\b(?:visited|site visit|stopped by|stopped in|dropped in|dropped by|dropped off|swung by|popped in|popped by|went (?:to|by|over to) (?:see )?)\b",
    ),
    ("message", r"\b(?:texted|messaged|whatsapp'?d|whatsapped|dm'?d|dmed|sms'?d|pinged|slacked)\b"),
]
_CONTACT_RE = [(kind, re.compile(p)) for kind, p in _CONTACT]
_DEMO_WENT = re.compile(r"\b(?:demo|lunch|coffee|meeting|call)\b[^.!?]*\b(?:went|was)\b")

_AGENDA = re.compile(
    r"^(?:what'?s|whats|what is|anything|show|list|what do i have|what have i got|my\b|"
    r"agenda|todo|to-do|to do|tasks|nothing due|due today|overdue|what'?s on)"
    r"|\b(?:my (?:open )?(?:tasks|todos?|to-dos?|follow[- ]?ups|agenda|day|week|plate|list)"
    r"|on my plate|what'?s due|whats due|anything due|anything overdue|nothing due"
    r"|what(?:'s| is) on (?:for|today|tomorrow|tmrw|this week)|what do i have|agenda)\b"
)
_AGENDA_STRONG = re.compile(
    r"\b(?:my (?:open )?(?:tasks|todos?|follow[- ]?ups|agenda|plate)|on my plate|what'?s due|"
    r"whats due|anything due|overdue|nothing due|what do i have|agenda|"
    r"what(?:'s| is) on (?:for|today|tomorrow|tmrw|this week))\b"
)
_LOOKUP = re.compile(
    r"^(?:who(?:'s| is| was| are)|whos|what(?:'s| is) (?:the )?(?:latest|story|up|new|happening|going on|status)|"
    r"whats (?:the )?(?:latest|story|up|new)|what do (?:we|i) (?:know|have)|anything (?:new )?(?:on|from|with|about)|"
    r"tell me about|info (?:on|about)|details (?:on|for)|show me|find|look ?up|lookup|who did we|"
    r"any news|how(?:'s| is) )"
)
_REMIND = re.compile(
    r"\b(?:remind(?:er)?|set (?:a |an )?(?:reminder|task|follow[- ]?up)|todo|to-do)\b"
)
_FOLLOW = re.compile(
    r"\b(?:follow(?:ing)? up|f/u|fu|circle back|check (?:back|in)|chase|nudge|ping|get back to|"
    r"reach out|touch base|need to|needs to|have to|gotta|should|must|don't forget|dont forget|"
    r"remind|reminder|try again|will reach|will call|will send|then\b)"
)
# Imperative openings of a clause: "send pricing Monday", "call her back".
_IMPERATIVE = re.compile(
    r"^(?:send|call|ring|phone|email|e-mail|text|message|ping|chase|nudge|follow|f/u|check|"
    r"confirm|deliver|quote|invoice|pitch|try|get|set|book|schedule|prep|prepare|draft|"
    r"meet|visit|demo|proposal|sending|back|reach|remind|ask|book|call back|pay|order|"
    r"install|review)\b"
)
_FUTURE_CUE = re.compile(
    r"\b(?:want|wants|wanted|need|needs|due|by|till|until|before|will|'ll|going to|gonna|"
    r"plan|planning|scheduled|expects?|expecting|deadline|then)\b"
)

_POSITIVE = re.compile(
    r"(?:\b(?:keen|happy|delighted|thrilled|pleased|excited|love[sd]?|glad|impressed|"
    r"satisfied|went (?:great|well|really well|fine)|going great|signed(?! off)|approved|"
    r"is a go|renewing|renewed|won)\b|🎉|🙌|🥳|😀|😃|😊|🤩)"
)
_NEGATIVE = re.compile(
    r"(?:\b(?:frustrated|unhappy|angry|annoyed|upset|furious|complained|complaining|"
    r"complaint|disappointed|went badly|went poorly|went (?:terribly|bad)|pissed|livid|"
    r"irritated|unimpressed|went with (?:a |another |the )?competitor|cancell?ed|churn(?:ed|ing)?)\b"
    r"|😞|😠|😡|☹️|🙁|😤)"
)
_NEGATION = re.compile(
    r"\b(?:not|never|no longer|isn't|wasn't|aren't|weren't|isnt|wasnt|n't|nt)\s+(?:\w+\s+){0,1}$"
)

_WON = re.compile(
    r"\b(?:signed(?! off)|approved|is a go|going ahead|went ahead|won|accepted|green ?lit|"
    r"green light|renewing|renewed|closed the deal|deal closed)\b"
)
_LOST = re.compile(
    r"\b(?:went with (?:a |another |the )?(?:competitor|someone else|other vendor)|"
    r"chose (?:a |another |the )?(?:competitor|someone else)|lost (?:the |this )?(?:deal|account)|"
    r"cancell?ed (?:the |their )?(?:order|contract|deal)|pulled out|backed out|decided against|"
    r"not going ahead|declined (?:the |our )?(?:offer|quote|proposal))\b"
)

_AMOUNT = re.compile(
    r"(?P<cur>[$€£])?\s?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?"
    r"(?:\s?(?P<suf>k|m|mm|bn)\b)?(?:\s?(?P<code>usd|eur|gbp|dollars|euros|pounds|bucks)\b)?"
    r"(?P<per>\s?(?:/|per\s|a\s)\s?(?P<unit>[a-z]+))?"
)
_RECURRING = {"mo", "month", "yr", "year", "annum", "quarter", "qtr", "wk", "week", "y", "m"}
_MULT = {"k": 1_000, "m": 1_000_000, "mm": 1_000_000, "bn": 1_000_000_000}


@dataclass(frozen=True)
class Contact:
    """The first past contact verb in a message."""

    kind: InteractionKind
    start: int


def first_contact(low: str) -> Contact | None:
    """The earliest contact expression and its type, if any."""
    best: Contact | None = None
    for kind, pattern in _CONTACT_RE:
        m = pattern.search(low)
        if m and (best is None or m.start() < best.start):
            best = Contact(kind, m.start())  # type: ignore[arg-type]
    if best is None:
        m = _DEMO_WENT.search(low)
        if m:
            word = m.group(0).split()[0]
            best = Contact("call" if word == "call" else "meeting", m.start())
    return best


def is_agenda(low: str) -> bool:
    """A question about one's own tasks."""
    return bool(_AGENDA_STRONG.search(low)) or bool(
        re.fullmatch(r"\s*(?:tasks|todos?|agenda|my tasks|todo list)\W*(?:pls|please)?\W*", low)
    )


def is_lookup_question(low: str) -> bool:
    """A question about a customer ("who is", "what's the latest with")."""
    return bool(_LOOKUP.search(low.strip()))


def wants_reminder(low: str) -> int | None:
    """Where a reminder is asked for, if anywhere."""
    m = _REMIND.search(low)
    return m.start() if m else None


def follow_up_cue(clause: str) -> bool:
    """Whether a clause asks for something to be done later."""
    c = clause.strip()
    return bool(_FOLLOW.search(c) or _IMPERATIVE.match(c))


_WANTS = re.compile(
    r"\b(?:wants?|needs?|asked for|asking for|waiting (?:for|on)|would like|requested)\b"
)


def customer_wants(clause: str) -> bool:
    """Whether a clause reports something the customer is waiting for (a promise to keep)."""
    return bool(_WANTS.search(clause)) and not re.search(r"\bnothing needed|no need\b", clause)


def future_clause(clause: str) -> bool:
    """Whether a clause speaks of the future (so its bare dates are ahead, not behind)."""
    c = clause.strip()
    return bool(_IMPERATIVE.match(c) or _FUTURE_CUE.search(c) or _FOLLOW.search(c))


def imperative(clause: str) -> bool:
    """Whether a clause opens with a command ("send...", "call her...")."""
    return bool(_IMPERATIVE.match(clause.strip()))


def sentiment(low: str) -> Sentiment | None:
    """How the customer seems: the first cue wins; a negation just before it flips it."""
    cues: list[tuple[int, Sentiment]] = []
    for m in _POSITIVE.finditer(low):
        cues.append((m.start(), "positive"))
    for m in _NEGATIVE.finditer(low):
        cues.append((m.start(), "negative"))
    if not cues:
        return None
    cues.sort()
    start, value = cues[0]
    if _NEGATION.search(low[max(0, start - 30) : start]):
        return "negative" if value == "positive" else "positive"
    return value


def deal_signal(low: str) -> DealSignal | None:
    """Won or lost, when the message says so."""
    lost = _LOST.search(low)
    if lost:
        return "lost"
    won = _WON.search(low)
    if won and not _NEGATION.search(low[max(0, won.start() - 30) : won.start()]):
        return "won"
    return None


def amount(low: str) -> float | None:
    """The first money amount that is not a per-unit price."""
    for m in _AMOUNT.finditer(low):
        cur, suf, code = m["cur"], m["suf"], m["code"]
        before = low[max(0, m.start() - 12) : m.start()]
        worth = re.search(r"\b(?:worth|budget(?: of| is)?|value(?: of)?|for)\s*$", before)
        if not (cur or suf or code or (worth and "worth" in worth.group(0))):
            continue
        if re.search(r"(?:#|no\.?|invoice|inv|po|order)\s*$", before) and not cur:
            continue
        if m["per"] and m["unit"] and m["unit"] not in _RECURRING:
            continue
        if low[m.end() : m.end() + 1] == "%":
            continue
        value = float(m["num"].replace(",", "") + ("." + m["dec"] if m["dec"] else ""))
        if suf:
            value *= _MULT[suf]
        return value
    return None
