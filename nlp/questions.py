"""Questions: about a customer (a lookup) or about one's own tasks (the agenda).

A lookup asks for a fact about a customer: who, when, what, status, latest, history, an
email or a phone number. It may use any verb ("when did we last visit Acme?") because it
reports nothing. The agenda asks what the author has to do ("show my reminders", "any
calls I need to make today?"). Both are recognised by how the question opens and by the
nouns it asks about, never by a particular customer or phrase list of whole messages.
"""

from __future__ import annotations

import re

# Openings of a question that asks for a fact. Requests ("can you call...", "could we...")
# are not here: they ask for something to be done.
_WH_OPENING = re.compile(
    r"(?:who|whom|whose|what|which|when|where|how|why|did|does|do|has|have|had|is|are|was|"
    r"were|any|anything|anyone|anybody)(?:'s|'re|s)?\b"
)
# A question word and its verb: a question even without the question mark.
_WH_VERB = re.compile(
    r"(?:who|what|when|where|which|how)(?: last)?(?:'s|s| is| was| are| were| did| does| do| "
    r"have| has| had)\b|when last\b|last time\b"
)
# A question that opens with "last": "last PMS at Bayside?", "last visit to Acme?".
_LAST = re.compile(r"(?:last|latest|previous)\b")
# Topic words a bare name may come with: "Mwangaza Medical Centre status?".
TOPIC_WORDS = re.compile(
    r"\b(?:status|latest|update|updates|news|history|info|details|contacts?|e-?mail|phone|"
    r"number|mobile|address|owner|notes|summary|background|anyone|anybody)\b"
)
# Lookups without a question word: "status on Globex?", "history with Acme pls".
_TOPIC_OPENING = re.compile(
    r"(?:[a-z]+\s+){0,2}?(?:status|history|latest|update|updates|news|info|details|notes|background|summary|"
    r"recap|contacts?|contact info|phone|email|number|last contact|last touch|owner)\s+"
    r"(?:on|with|w/?|for|about|re|of|from|at|@)\b"
)
_LOOKUP_OPENING = re.compile(
    r"^(?:who(?:'s| is| was| are)|whos|what(?:'s| is) (?:the )?(?:latest|story|up|new|happening|going on|status)|"
    r"whats (?:the )?(?:latest|story|up|new)|what do (?:we|i) (?:know|have)|anything (?:new )?(?:on|from|with|about)|"
    r"tell me about|info (?:on|about)|details (?:on|for)|show me|find|look ?up|lookup|who did we|"
    r"any news|how(?:'s| is) )"
)
# Facts one asks about a customer: "Jane's email?", "phone for Jose", "Blue Heron contacts?".
_FACT = re.compile(
    r"\b(?:e-?mail(?: address)?|phone(?: number| no\.?| #)?|number|mobile|cell|cell phone|"
    r"whatsapp|address|postcode|zip|contacts?|main contact|point of contact|poc|website|"
    r"site|url|linkedin|title|role|job title|birthday|gst|vat|tax id|pan|account number|"
    r"account manager|owner|details|info)\b"
)
# "remind me who Jane is", "remind me what Acme ordered": a question, not a reminder.
_REMIND_ME_WH = re.compile(r"\bremind me (?:who|what|where|when|how|which|of)\b")
_FILLER = re.compile(
    r"^(?:(?:hey|hi|hello|ok|okay|so|quick q|quick question|q|btw|also|and|um|hmm|morning|"
    r"good morning|team|all|guys|folks|pls|please|plz|kindly|sorry|sir|madam|boss|abeg|oga|"
    r"can you|could you|would you|can u|could u|@[\w.-]+)[^\w@]+)+"
)
_HEADING = re.compile(r"\s+[-—]+\s+|:\s+")
_CHAT_SPELLING = re.compile(r"\b(?:wat|wot|wht)\b")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")

# --- the agenda ---------------------------------------------------------------------------
# Phrases that can only be about one's own tasks.
_AGENDA_STRONG = re.compile(
    r"\b(?:my (?:open |pending )?(?:tasks|todos?|to-?dos?|follow[- ]?ups|f/ups?|agenda|plate|"
    r"reminders|list|day|week|schedule|calls|jobs|visits|site visits|appointments|bookings|"
    r"meetings|work orders|tickets|rounds|route)|on my plate|what'?s due|whats due|anything due|"
    r"overdue|nothing due|what do i have|what have i got|what(?:'ve| have) i got|"
    r"what i(?:'ve| have) got|what(?:'s| is) on (?:for|today|tomorrow|tmrw|this week)|agenda|"
    r"(?:today|tomorrow|tmrw)'?s (?:jobs|visits|tasks|calls|appointments|schedule|list))\b"
)
# What an agenda question asks about: tasks by any name, or "lined up", "still open".
_AGENDA_NOUN = re.compile(
    r"\b(?:tasks?|reminders?|follow[- ]?ups?|f/ups?|f/us|todos?|to-?dos?|to do|calls|call list|"
    r"list|plate|agenda|schedule|scheduled|pending|due|overdue|lined up|on for me|still open|"
    r"jobs|visits|appointments|bookings|meetings|work orders|tickets|diary|calendar|"
    r"left to do|(?:need|have|got) to (?:call|see|email|visit|do|chase|contact|ring|text|"
    r"follow up)|(?:have|got) on)\b"
)
# Questions about one's own day without a task word ("what should I do today").
_MY_DAY = re.compile(
    r"what do i have|what have i got|what(?: jobs| visits)? (?:do )?i have|"
    r"what (?:should|do|must) i (?:do|work on|focus on)\b|what'?s next(?: for me| on my list)?\W*$|"
    r"whats next(?: for me)?\W*$|what'?s left\b|whats left\b|what am i missing|what did i miss"
)
_AGENDA_OPENING = re.compile(
    r"(?:what|whats|what's|which|any|anything|show|list|pending|open|who do i|who should i|"
    r"remind me what|todo|to-?do|my|due|overdue|do i have|have i got|got any|today'?s|"
    r"tomorrow'?s|tmrw'?s)\b"
)


def _sentences(low: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(low) if re.search(r"[a-z]", s)]


def _opening(sentence: str) -> str:
    """The sentence without greetings and fillers in front ("ok so, what's...").

    Chat spellings of question words are read as meant ("wat", "wot").
    """
    return _CHAT_SPELLING.sub("what", _FILLER.sub("", sentence.strip()))


def is_agenda(low: str, names_a_customer: bool) -> bool:
    """A question about one's own tasks ("what's due today", "show my reminders").

    Without a customer in the message, any question about tasks by any name counts
    ("pending follow-ups?", "any calls I need to make today?").
    """
    if _AGENDA_STRONG.search(low) or re.fullmatch(
        r"\s*(?:tasks|todos?|agenda|my tasks|(?:todo|to do|to-do) list)\W*(?:pls|please)?\W*", low
    ):
        return True
    if names_a_customer:
        return False
    for sentence in _sentences(low):
        opening = _opening(sentence)
        if _MY_DAY.match(opening):
            return True
        asks = sentence.endswith("?") or bool(_AGENDA_OPENING.match(opening))
        if asks and _AGENDA_NOUN.search(sentence):
            return True
    return False


def is_lookup_question(low: str) -> bool:
    """A question about a customer that opens like one ("who is", "what's the latest")."""
    return bool(_LOOKUP_OPENING.search(_opening(low.strip())))


def asks_about_customer(low: str, reports_contact: bool) -> bool:
    """Whether the message, which names a customer, asks for a fact about them.

    One sentence that opens with a question word ("when did we last talk to Jane?"), a
    topic ("status on Globex?"), "remind me who", or that asks for a fact such as an email
    or a phone number ("Jane's email?"). A message of several sentences is a question only
    when none of the others reports a contact ("called Jane. what's her budget?" is a log).
    """
    if _REMIND_ME_WH.search(low):
        return True
    sentences = _sentences(low)
    if not sentences:
        return False
    if len(sentences) > 1 and reports_contact:
        return False
    first = _opening(sentences[0])
    # "Acme - any update?", "re Acme: what's the latest?": the question after a heading.
    for part in _HEADING.split(first)[1:]:
        if is_lookup_question(part) or _TOPIC_OPENING.match(part) or _WH_VERB.match(part):
            return True
        if part.endswith("?") and (_WH_OPENING.match(part) or _LAST.match(part)):
            return True
    if is_lookup_question(first) or _TOPIC_OPENING.match(first):
        return True
    question = first.endswith("?")
    if (question and (_WH_OPENING.match(first) or _LAST.match(first))) or _WH_VERB.match(first):
        return True
    polite = re.search(r"\b(?:pls|please|again|thx|thanks)\W*$", first)
    return bool(_FACT.search(first)) and (question or bool(polite)) and not reports_contact


__all__ = ["asks_about_customer", "is_agenda", "is_lookup_question"]
