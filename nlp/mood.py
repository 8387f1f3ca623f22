"""How the customer seems and where the deal stands, from the author's words.

The first mood cue wins and a negation just before it flips it ("not happy"). Greetings
carry no mood ("happy new year all"), and a signature for a delivery is no deal.
"""

from __future__ import annotations

import re

from nlp.types import DealSignal, Sentiment

# "signed" is a deal, unless it is a signature for a delivery ("Jonas signed for them").
_SIGNED = (
    r"signed(?! off)(?! for (?:it|them|the (?:delivery|parcel|package|goods|shipment|boxes|order)))"
)
# Greetings that carry a happy word but say nothing of the customer ("happy new year all").
_GREETING = re.compile(
    r"\bhappy (?:new year|nye|holidays?|christmas|xmas|easter|diwali|eid|hanukkah|thanksgiving|"
    r"birthday|anniversary|friday|monday|weekend|[a-z]+day|new week|hols)\b|\bmerry \w+|"
    r"\b(?:season'?s greetings|glad to be back)\b"
)
_POSITIVE = re.compile(
    r"(?:\b(?:keen|happy|delighted|thrilled|pleased|excited|love[sd]?|glad|impressed|"
    r"satisfied|over the moon|stoked|chuffed|enthusiastic|loving|"
    r"went (?:great|well|really well|fine|smoothly)|going great|" + _SIGNED + r"|approved|approves|"
    r"accepted|accepts|"
    r"is a go|renewing|renewed|won(?!'t))\b|🎉|🙌|🥳|😀|😃|😊|🤩)"
)
_NEGATIVE = re.compile(
    r"(?:\b(?:frustrated|unhappy|angry|annoyed|upset|furious|complained|complaining|"
    r"complaint|disappointed|vexed|fuming|fed up|displeased|irate|exasperated|cross with|"
    r"not impressed|went badly|went poorly|went (?:terribly|bad)|pissed|livid|"
    r"irritated|unimpressed|went with (?:a |another |the )?competitor|cancell?ed|churn(?:ed|ing)?|"
    r"worried|concerned|dissatisfied|mad at|threatening to|escalated|escalating|"
    r"went (?:badly|wrong|south))\b"
    r"|😞|😠|😡|☹️|🙁|😤)"
)
_NEGATION = re.compile(
    r"\b(?:not|never|no longer|isn't|wasn't|aren't|weren't|isnt|wasnt|n't|nt)\s+(?:\w+\s+){0,1}$"
)

_WON = re.compile(
    r"\b(?:"
    + _SIGNED
    + r"|approved|approves|accepts|is a go|going ahead|went ahead|won(?!'t)|accepted|green ?lit|"
    r"green light|renewing|renewed|closed the deal|deal closed)\b"
)
_LOST = re.compile(
    r"\b(?:went with (?:a |another |the )?(?:competitor|someone else|other vendor)|"
    r"chose (?:a |another |the )?(?:competitor|someone else)|lost (?:the |this )?(?:deal|account)|"
    r"cancell?ed (?:the |their )?(?:order|contract|deal)|pulled out|backed out|decided against|"
    r"not going ahead|declined (?:the |our )?(?:offer|quote|proposal)|deal (?:is )?(?:lost|dead|off)|"
    r"lost (?:it |the deal |them |out )?to (?:a |another |the )?(?:competitor|rival|\w+)|"
    r"(?:not|won't|wont|didn't|didnt|aren't|arent|isn't|isnt) (?:going to |gonna )?renew(?:ing)?|"
    r"(?:switched|moved|went) to (?:a |another )?(?:competitor|rival|other supplier))\b"
)


def sentiment(low: str) -> Sentiment | None:
    """How the customer seems: the first cue wins; a negation just before it flips it."""
    low = _GREETING.sub(lambda m: " " * len(m.group(0)), low)
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
