"""Deals in a message: which stage it moves to, its name, when it should close.

"sent Acme the proposal" moves the deal to proposal, "Acme signed" wins it, "went with a
competitor" loses it (the reason is kept), "moved Acme to demo" names a stage of the team's
own list. "Jonas signed for them" is a delivery signature, not a won deal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.amounts import amount_end
from nlp.dates import find_dates
from nlp.normalize import fold


@dataclass(frozen=True)
class StageMove:
    """A stage a message moves a deal to, and why it was lost if it was."""

    stage: str
    reason: str | None = None


_DELIVERY = re.compile(
    r"\bsigned for (?:it|them|the (?:delivery|package|parcel|goods|shipment|order|boxes))\b"
    r"|\bsigned (?:the )?(?:delivery|receipt|docket|pod)\b"
)
_LOST = re.compile(
    r"\b(?:went with (?:a |another |the )?(?:competitor|someone else|other vendor|\w+ instead)|"
    r"chose (?:a |another |the )?(?:competitor|someone else)|lost (?:the |this )?(?:deal|account)|"
    r"cancell?ed (?:the |their )?(?:order|contract|deal)|pulled out|backed out|decided against|"
    r"not going ahead|declined (?:the |our )?(?:offer|quote|proposal)|deal (?:is )?lost)\b"
)
_WON = re.compile(
    r"\b(?:signed(?! off)|is a go|going ahead|went ahead|closed the deal|deal closed|"
    r"accepted (?:the |our )?(?:offer|quote|proposal)|green ?lit|won (?:the |this )?deal|"
    r"renewed|po received|got the po)\b"
)
_WON_NEGATED = re.compile(
    r"\b(?:not|never|hasn't|haven't|didn't|hasnt|havent|didnt)\s+(?:yet\s+)?$"
)
_PROPOSAL = re.compile(
    r"\b(?:sent (?:[\w']+ ){0,3}(?:the |a |our )?(?:proposal|quote|offer)|"
    r"(?:proposal|quote|offer) (?:is |was )?sent)\b"
)
_NEGOTIATION = re.compile(r"\b(?:negotiat\w*|haggl\w*|pushing back on (?:the )?price|redlines?)\b")
_QUALIFIED = re.compile(r"\b(?:qualified|has (?:the )?budget|budget (?:is )?confirmed)\b")
_MOVED = re.compile(
    r"\b(?:moved? (?:[\w']+ ){0,3}to|moving (?:[\w']+ ){0,3}to|now (?:at|in)|stage(?: is)?:?)"
    r"\s+(?:the\s+)?(\w+)(?:\s+stage)?\b"
)
_REASON = re.compile(r"\b(?:because|since|due to|reason:?|as)\s+(.+)$")
_NAME_NOUN = (
    r"package|deal|project|contract|order|renewal|job|plan|subscription|licen[cs]e|upgrade|"
    r"retainer|rollout|pilot|bundle|install(?:ation)?|refit|fit-out"
)
_NAME = re.compile(
    r"\b(?:the|an?|their|our)\s+(?:(?:[$€£₹]|r\$)?\s?[\d.,]+\s?(?:k|m|mm)?(?:/[a-z]+)?\s+"
    r"(?:[a-z]{3}\s+)?)?"
    r"((?:[a-z][\w-]*\s+){1,3}?(?:" + _NAME_NOUN + r"))\b"
    r"|(?:^|[,;:.]\s*)((?:[a-z][\w-]*\s+){1,3}?(?:" + _NAME_NOUN + r"))\b(?=\s+(?:is|was)\b)",
    re.I,
)
# What the money buys, said right after it: "12,500 USD imaging package".
_NAME_AFTER_AMOUNT = re.compile(r"\s+((?:[a-z][\w-]*\s+){1,3}?(?:" + _NAME_NOUN + r"))\b", re.I)
_NAME_STOP = {"the", "a", "an", "this", "that", "new", "big", "whole", "same"}
_CLOSE = re.compile(r"\b(?:clos(?:e|es|ing)|expected to close|close date|decision)\b")


def delivery_signature(low: str) -> bool:
    """Whether "signed" means someone took a delivery ("Jonas signed for them")."""
    return bool(_DELIVERY.search(low))


def stage_move(low: str, stages: Sequence[str]) -> StageMove | None:
    """The stage a message moves its customer's deal to, if it names one.

    `stages` is the team's list; its last two are the closing stages (won, lost).
    """
    lost = _LOST.search(low)
    if lost:
        return StageMove(stages[-1], _reason(low, lost.start()))
    won = _WON.search(low)
    if won and not delivery_signature(low) and not _WON_NEGATED.search(low[: won.start()]):
        return StageMove(stages[-2])
    for m in _MOVED.finditer(low):
        if m.group(1) in stages:
            return StageMove(m.group(1))
    for stage, pattern in (
        ("proposal", _PROPOSAL),
        ("negotiation", _NEGOTIATION),
        ("qualified", _QUALIFIED),
    ):
        if stage in stages and pattern.search(low):
            return StageMove(stage)
    for stage in stages[1:-2]:  # a custom stage done as an event: "did the demo"
        if re.search(
            rf"\b(?:had|did|gave|ran|held|booked|sent)\b[^.!?]*\b{re.escape(stage)}\b", low
        ):
            return StageMove(stage)
    return None


def _reason(low: str, start: int) -> str:
    rest = low[start:]
    sentence = re.split(r"[.!?\n]", rest, maxsplit=1)[0]
    because = _REASON.search(sentence)
    text = because.group(1) if because else sentence
    return " ".join(text.split()).strip(" ,;:-")[:200]


def deal_name(text: str) -> str | None:
    """A deal's name as written: "the $12k imaging package" -> "imaging package"."""
    for m in _NAME.finditer(text):
        words = (m.group(1) or m.group(2)).split()
        while words and words[0].lower() in _NAME_STOP:
            words = words[1:]
        if len(words) >= 2:
            return " ".join(words)
    low = fold(text).lower()
    end = amount_end(low)
    if end is not None and len(low) == len(text):  # offsets of the folded text are the text's
        after = _NAME_AFTER_AMOUNT.match(text, end)
        if after is not None:
            words = after.group(1).split()
            if len(words) >= 2 and words[0].lower() not in _NAME_STOP:
                return " ".join(words)
    return None


def expected_close(low: str, today: dt.date) -> dt.date | None:
    """When the deal should close, if the message says ("closing end of month")."""
    cue = _CLOSE.search(low)
    if cue is None:
        return None
    rest = low[cue.end() :]
    dates, _ = find_dates(rest, rest)
    for d in dates:
        day = d.resolve(today, "future")
        if day is not None:
            return day
    return None


_PIPELINE = re.compile(
    r"^(?:show (?:me )?|list |what(?:'s| is) (?:in )?)?(?:the |our |all )?"
    r"(pipeline|my deals|my pipeline|open deals|deals)\s*\??$"
)
_CUSTOMER_DEALS = re.compile(
    r"^(?:show (?:me )?)?(.+?)(?:'s|’s|s') (?:open )?deals\s*\??$|^deals (?:for|with) (.+?)\s*\??$"
)


@dataclass(frozen=True)
class PipelineQuestion:
    """A question about deals: the team's open ones, the author's, or one customer's."""

    scope: str  # "team", "mine" or "customer"
    customer: str | None = None


def pipeline_question(text: str) -> PipelineQuestion | None:
    """'pipeline', 'my deals', 'open deals', "Acme's deals"; None for anything else."""
    low = " ".join(text.lower().split()).strip(" .!")
    m = _PIPELINE.match(low)
    if m:
        return PipelineQuestion("mine" if m.group(1).startswith("my") else "team")
    m = _CUSTOMER_DEALS.match(low)
    if m:
        start = m.start(1) if m.group(1) else m.start(2)
        end = m.end(1) if m.group(1) else m.end(2)
        # The name as written (case kept), from the folded text's positions.
        written = " ".join(text.split()).strip(" .!")
        return PipelineQuestion("customer", written[start:end])
    return None
