"""The customer's voice in a message: a score, a complaint, a request or praise.

"Jane rated us 4/5, wants faster delivery" is a CSAT score of 4 and a request; "Acme gave
us a 9 on NPS" an NPS score; "Bob complained about invoice errors" a complaint; "Sue asked
for a Spanish manual" a request. What the customer wants from a sale ("wants a quote
Friday") is a follow-up, not a product request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

FeedbackKind = Literal["csat", "nps", "complaint", "request", "praise"]


@dataclass(frozen=True)
class FeedbackSignal:
    """One piece of feedback: its kind, a score for csat (1-5) and nps (0-10), its words."""

    kind: FeedbackKind
    score: int | None = None
    text: str | None = None


_CSAT = re.compile(
    r"\b(?:rated (?:us |it |the \w+ )?|gave us (?:an? )?|scored us (?:an? )?|rating(?: of| was| is)?:? )"
    r"([1-5])(?:\s*(?:/|out of)\s*5|\s*stars?)?\b"
    r"|\b([1-5])\s*(?:/|out of)\s*5\b|\b([1-5])\s*stars?\b"
)
_NPS = re.compile(
    r"\b(?:an? )?(10|[0-9])\s*(?:on|for|in)\s*(?:the\s+)?nps\b|\bnps(?: score)?(?: of| was| is|:)?\s*(10|[0-9])\b"
)
_COMPLAINT = re.compile(
    r"\b(?:complain(?:ed|ing|s)?|moan(?:ed|ing)?|grumbl(?:ed|ing))\s+(?:about|that|of|re)\s+(.+)"
    r"|\bcomplaint(?:s)?\s*(?:about|re|regarding|:)\s*(.+)"
    r"|\b(?:unhappy|not happy|upset|frustrated|annoyed)\s+(?:about|with)\s+(?:the\s+|our\s+)?(.+)"
)
_REQUEST = re.compile(
    r"\b(?:asked (?:us )?for|asking (?:us )?for|requested|requests|feature request:?|"
    r"would (?:love|like)|wish(?:es)? (?:we|you) (?:had|offered)|wants?|needs?)\s+"
    r"(?:a |an |the |some |us to |more )?(.+)"
)
_PRAISE = re.compile(
    r"\b(?:praised|thanked us|raved about|loves? (?:the |our |us)|compliment(?:ed|s)?|"
    r"happy with|delighted with|impressed (?:with|by))\s*(.*)"
)
# What a customer wants from a sale is a follow-up, not a product request.
_SALES = re.compile(
    r"^(?:to\b|it\b|them\b|that\b|this\b)|^(?:revised |new |updated |signed |final )?(?:quote|proposal|invoice|call|callback|"
    r"call back|meeting|demo|contract|pricing|price|prices|discount|estimate|deposit|refund|"
    r"visit|follow[- ]?up|reply|answer|update|decision|sample|samples|brochure|catalog(?:ue)?)\b"
)
# Money or a deal named after "wants" is a sale ("wants the 3,500 EUR imaging package").
_DEAL = re.compile(
    r"^[^a-z]|\b(?:package|deal|contract|order|renewal|subscription|licen[cs]e|upgrade|"
    r"usd|eur|gbp|inr|k)\b|\d"
)
_END = re.compile(r"[,.;!?\n]| - | — |\b(?:by|before|on|until|next|tomorrow|tmrw|today)\b")


def _words(text: str, low: str, start: int) -> str:
    """The words from `start` to the end of their clause, as written when possible."""
    rest = low[start:]
    cut = _END.search(rest)
    end = start + (cut.start() if cut else len(rest))
    # lower() keeps positions for almost every text; when it does not, keep the lowercase.
    source = text if len(text) == len(low) else low
    return " ".join(source[start:end].split()).strip(" ,.;:-")[:120]


def _group_start(m: re.Match[str]) -> int:
    return next(m.start(i) for i in range(1, len(m.groups()) + 1) if m.group(i) is not None)


def _score(m: re.Match[str]) -> int:
    return int(next(g for g in m.groups() if g is not None))


def read_feedback(text: str) -> tuple[FeedbackSignal, ...]:
    """Every piece of feedback in a message, in a fixed order of kinds."""
    low = text.lower()
    found: list[FeedbackSignal] = []
    nps = _NPS.search(low)
    if nps:
        found.append(FeedbackSignal("nps", _score(nps)))
    csat = _CSAT.search(low)
    if csat and not nps:
        found.append(FeedbackSignal("csat", _score(csat)))
    complaint = _COMPLAINT.search(low)
    if complaint:
        words = _words(text, low, _group_start(complaint))
        if words:
            found.append(FeedbackSignal("complaint", text=words))
    request = _REQUEST.search(low)
    if (
        request
        and not _SALES.match(request.group(1))
        and not _DEAL.search(_words(low, low, request.start(1)))
    ):
        words = _words(text, low, request.start(1))
        if words and words.lower() not in ("more time", "time"):
            found.append(FeedbackSignal("request", text=words))
    praise = _PRAISE.search(low)
    if praise and not complaint:
        found.append(FeedbackSignal("praise", text=_words(text, low, praise.start(1)) or None))
    return tuple(found)


_SLASH = re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b")


def slashes_are_ratings(text: str) -> bool:
    """Whether every slash number in the text is a rating ("rated us 4/5"), not a date."""
    low = text.lower()
    ratings = [(m.start(), m.end()) for m in _CSAT.finditer(low)]
    slashes = list(_SLASH.finditer(low))
    return bool(slashes) and all(any(s <= m.start() < e for s, e in ratings) for m in slashes)


_ASKS = re.compile(
    r"^(?:so |and )?what (?:do|did|are) (?:our |the )?(?:customers|clients|people) "
    r"(?:ask(?:ing)? for|want(?:ing)?|request(?:ing)?)\b|^(?:customer |feature )?requests\??$"
)
_STOP = frozenset(
    "a an the of for to in on and or with more some our their us we it its be is are was "
    "better new faster quicker".split()
)


def asks_for_requests(text: str) -> bool:
    """Whether the line asks what customers ask for ("what do customers ask for?")."""
    return bool(_ASKS.search(" ".join(text.lower().split()).strip(" ?!.")))


def request_words(text: str) -> frozenset[str]:
    """The words a request is about, folded ("Spanish manuals" -> {"spanish", "manual"})."""
    words = re.findall(r"[a-z][a-z'-]+", text.lower())
    return frozenset(w.rstrip("s") if len(w) > 3 else w for w in words if w not in _STOP)
