"""What kind of message it is: contact verbs and nouns, follow-up cues, commands, plans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.types import InteractionKind

# Past contacts, each with its interaction type; the earliest in the message counts.
# Typing slips of the verbs are read as meant ("caled", "cld", "emaild", "msg'd").
# fmt: off
_CONTACT = [
    ("call", r"\b(?:called|caled|calld|cld|rang|phoned|spoke|spoken|talked|had a (?:quick |short |long )?call|"
             r"left (?:[\w']+ ){0,2}(?:voicemail|vm|message|msg)|no answer|"
             r"call (?:with|w/?)\b(?=.*\b(?:went|was|today|yesterday|this morning|earlier)\b)|"
             r"(?:got|returned) (?:a |my |the |her |his |their )?call|"
             r"(?:jumped|hopped|got|was|were) on (?:a |the )?(?:quick )?(?:call|phone)|on the phone (?:with|w/?)|"
             r"(?:didn'?t|did not|doesn'?t|not) (?:pick up|answer)|tried (?:calling|to call|ringing|to reach|phoning)|"
             r"^(?:left )?(?:a )?(?:voicemail|vm) (?:for|to|with))\b"),
    ("email", r"\b(?:emailed|e-mailed|emaild|emailled|mailed|sent (?:[\w']+ ){0,2}e-?mail|replied|"
              r"wrote to|got (?:an? )?e-?mail)\b"),
    ("meeting", r"\b(?:met|ran into|bumped into|caught up with|"
                r"had (?:a |the |our )?(?:[\w-]+ )?(?:meeting|mtg|demo|lunch|coffee|dinner|breakfast|drinks|zoom|catch[- ]?up|check[- ]?in))\b"),
    ("visit", r"\b(?:visited|site visited|back from|got back from|came back from|returned from|"
              r"just left|on site at|onsite at|stopped by|stopped in|dropped in|dropped by|dropped off|"
              r"swung by|popped in|popped by|went (?:to|by|over to) (?:see )?)\b"),
    ("message", r"\b(?:texted|txted|txtd|messaged|msg'?d|msged|whatsapp'?d|whatsapped|dm'?d|dmed|"
                r"sms'?d|pinged|slacked)(?!\w)"),
]
# Contact nouns: a meeting or call that is planned unless something says it happened
# ("mtg w/ Jane Tue 14:00" is planned, "lunch with Sue was great" happened).
_PLANNED = [
    ("call", r"\b(?:(?:intro|kickoff|kick-off|kick off|discovery|sales|follow[- ]?up|catch[- ]?up|quick|video|zoom|teams) call|"
             r"call (?:with|w/?|@))(?!\w)"),
    ("meeting", r"\b(?:(?:meeting|mtg|lunch|coffee|dinner|breakfast|drinks|demo|zoom|catch[- ]?up|check[- ]?in|"
                r"review|presentation|walkthrough|workshop|pitch)(?:'s)? (?:with|w/?|@|for)(?!\w)|"
                r"next (?:mtg|meeting|demo|call|catch[- ]?up|check[- ]?in|review)\b|^(?:mtg|meeting)\b)"),
    ("visit", r"\b(?:site visit|visit (?:to|at|@))(?!\w)"),
]
# Going to see a customer, in the present tense: planned when a date or a time goes with it
# ("seeing Acme on Friday", "calling Grace at 4", "going to Nakuru on Monday").
_ON_THE_WAY = re.compile(
    r"^(?:(?:i'?m|im|i am|we'?re|we are)\s+)?(?:seeing|calling|ringing|phoning|visiting|meeting|"
    r"going (?:to|over to|out to)|heading (?:to|over to|out to)|dropping (?:by|in on)|"
    r"popping (?:in|by|over)|swinging by|stopping by)\b"
)
# Field work booked at a customer: planned when a date or a time goes with it
# ("pump install thurs 0800", "lift inspection on 3rd of February").
_WORK = re.compile(
    r"\b(?:install|installation|service|servicing|inspection|repair|maintenance|pms|"
    r"commissioning|survey|leak check|safety check|fitting|training|job|site survey|"
    r"handover|delivery|demo)\b"
)
# fmt: on
# Typing slips of the past contact verbs: one letter left out or two neighbours swapped
# ("phnoed", "visted", "emialed"), except where the slip is a word itself ("phone").
_SLIPPED = {
    "call": "called phoned",
    "email": "emailed",
    "visit": "visited",
    "message": "texted messaged pinged",
}
_NOT_SLIPS = frozenset("phone honed message visite calle texte alled exted isited".split())


def _slips(verbs: str) -> str:
    out: set[str] = set()
    for verb in verbs.split():
        out |= {verb[:i] + verb[i + 1 :] for i in range(len(verb))}
        out |= {verb[:i] + verb[i + 1] + verb[i] + verb[i + 2 :] for i in range(len(verb) - 1)}
        out.discard(verb)
    return "|".join(sorted(w for w in out - _NOT_SLIPS if len(w) >= 5))


_CONTACT_RE = [
    (kind, re.compile(p + (rf"|\b(?:{_slips(_SLIPPED[kind])})\b" if kind in _SLIPPED else "")))
    for kind, p in _CONTACT
]
_PLANNED_RE = [(kind, re.compile(p)) for kind, p in _PLANNED]
# Something that says a planned-looking contact happened.
_HAPPENED = re.compile(
    r"\b(?:had|went|was|were|did|done|just|earlier|this morning|yesterday|last night|ago|"
    r"finished|wrapped|ended|great|good|productive|awful|rough|went well)\b"
)
_DEMO_WENT = re.compile(r"\b(?:demo|lunch|coffee|meeting|call)\b[^.!?]*\b(?:went|was)\b")

_REMIND = re.compile(
    # "todo" only as a note to self ("todo: call Jane"), not the Spanish word ("gracias por todo")
    r"\b(?:remind(?:er)?|set (?:a |an )?(?:reminder|task|follow[- ]?up)|to-do)\b|^todo\b|"
    r"\btodo\s*:|\b(?:add|put) (?:a |it |this )?(?:to my |on my )?(?:todo|to-do|diary|calendar)\b"
)
# The author's own plan to go back ("I'll be there at 1400", "going back 15:30",
# "return 15h30 with gauges", "I go on Monday"; "their" for "there" as typed in a hurry).
_COMMIT_WORDS = (
    r"\b(?:(?:i|we)(?:'ll| will| shall| go| am going to|'m going to| must)|will|gonna|going to)\s+"
    r"(?:go|be (?:there|their|back|on site)|head|return|come|pop|drop|swing|reach|visit|bring|"
    r"pass)\b|\bgoing (?:back|there|their|over|round)\b|\b(?:be|back) (?:there|their|on site)\b|"
    r"^return(?:ing)?\b|\bheading (?:back|there|over)\b|\bi go\b"
)
_COMMIT = re.compile(_COMMIT_WORDS)
_FOLLOW = re.compile(
    r"\b(?:follow(?:ing)? up|f/u|fu|circle back|check (?:back|in)|chase|nudge|ping|get back to|"
    r"reach out|touch base|need to|needs to|have to|gotta|should|must|don't forget|dont forget|"
    r"remind|reminder|try (?:\w+ )?again|will (?:try|reach|call|send|ring|email|chase)|"
    r"retry|then\b|"
    # a plan moved to a new date ("rescheduled to Friday 2pm", "demo pushed to the 15th")
    r"rescheduled|postponed|pushed (?:back )?to|moved (?:[\w']+ ){0,3}to|bumped to)"
    r"|" + _COMMIT_WORDS
)
# Imperative openings of a clause: "send pricing Monday", "call her back".
_IMPERATIVE = re.compile(
    r"^(?:send|call|ring|phone|email|e-mail|text|message|ping|chase|nudge|follow|f/u|check|"
    # "invoice no 20931 raised" and "quote #12 accepted" name a document, not a command.
    r"confirm|deliver|(?:quote|invoice)(?!\s+(?:no\b|#|nf\b|fv\b|ref\b|number\b|\S*[\d₹$€£])"
    r"|[^,.]*\b(?:raised|sent|paid|unpaid|delivered|issued|follow|follows|attached|settled|"
    r"cleared|accepted|approved)\b)|pitch|try|get|set|book|schedule|prep|prepare|draft|"
    r"meet|visit|demo|proposal|sending|back|reach|remind|ask|book|call back|pay|order|"
    r"install|review|mark(?= (?:the|it|this|that|down|as|in)\b)|put|pencil|add|arrange|"
    r"organi[sz]e|plan)\b"
)
_FUTURE_CUE = re.compile(
    r"\b(?:want|wants|wanted|need|needs|due|by|till|until|before|will|'ll|going to|gonna|"
    r"plan|planning|scheduled|expects?|expecting|deadline|then)\b"
)


@dataclass(frozen=True)
class Contact:
    """The first past contact verb in a message."""

    kind: InteractionKind
    start: int


def planned_contact(low: str) -> Contact | None:
    """The earliest contact noun ("mtg w/", "coffee with", "intro call"), if any."""
    best: Contact | None = None
    for kind, pattern in _PLANNED_RE:
        m = pattern.search(low)
        if m and (best is None or m.start() < best.start):
            best = Contact(kind, m.start())  # type: ignore[arg-type]
    return best


def commitment(clause: str) -> int | None:
    """Where the author says they will go back ("will be there by 8"), if anywhere."""
    m = _COMMIT.search(clause)
    return m.start() if m else None


def on_the_way(clause: str) -> bool:
    """Whether a clause opens with going to see someone ("seeing Acme", "heading to")."""
    return bool(_ON_THE_WAY.match(clause.strip()))


def planned_work(clause: str) -> bool:
    """Whether a clause names field work ("install", "service", "inspection")."""
    return bool(_WORK.search(clause))


_DONE = re.compile(r"\b(?:had|went|was|were|did|done|finished|wrapped up|completed)\b")


def done(clause: str) -> bool:
    """Whether a clause reports its work or contact as over ("install went fine", "done")."""
    return bool(_DONE.search(clause))


def happened(clause: str) -> bool:
    """Whether a clause says its contact took place ("was great", "had", "yesterday")."""
    return bool(_HAPPENED.search(clause))


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


def wants_reminder(low: str) -> int | None:
    """Where a reminder is asked for, if anywhere."""
    m = _REMIND.search(low)
    return m.start() if m else None


def follow_up_cue(clause: str) -> bool:
    """Whether a clause asks for something to be done later."""
    c = clause.strip()
    return bool(_FOLLOW.search(c) or _IMPERATIVE.match(c))


_WANTS = re.compile(
    r"\b(?:wants?|needs?|asked for|asking for|waiting (?:for|on)|would like|requested|"
    r"asked (?:me|us) to|wants (?:me|us) to|told (?:me|us) to)\b"
)


def customer_wants(clause: str) -> bool:
    """Whether a clause reports something the customer is waiting for (a promise to keep)."""
    m = _WANTS.search(clause)
    if m is None or re.search(r"\bnothing needed|no need\b", clause):
        return False
    # "2 more sites want it": interest in what they have, nothing for us to send.
    return not re.match(
        r"\s+(?:it|them|that|this|one|too)\s*(?:$|[,;.]|\W*\d|\W*[$€£₹])", clause[m.end() :]
    )


def future_clause(clause: str) -> bool:
    """Whether a clause speaks of the future (so its bare dates are ahead, not behind)."""
    c = clause.strip()
    return bool(
        _IMPERATIVE.match(c) or _FUTURE_CUE.search(c) or _FOLLOW.search(c) or customer_wants(c)
    )


def imperative(clause: str) -> bool:
    """Whether a clause opens with a command ("send...", "call her...")."""
    return bool(_IMPERATIVE.match(clause.strip()))
