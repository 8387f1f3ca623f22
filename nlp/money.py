"""Which currency and period a message's amount is in ("3,500 EUR", "R$ 45k", "£900/mo").

The parser reads the number; this reads what it is counted in, so the bot never takes
euros for dollars. A symbol or code is looked for in the message as written.
"""

from __future__ import annotations

import re
from typing import Literal

Period = Literal["week", "month", "quarter", "year"]

# Longest first, so "R$" and "A$" are not read as "$".
_SYMBOLS = [
    ("R$", "BRL"), ("A$", "AUD"), ("C$", "CAD"), ("NZ$", "NZD"), ("HK$", "HKD"),
    ("S$", "SGD"), ("₹", "INR"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₦", "NGN"),
    ("₱", "PHP"), ("₩", "KRW"), ("$", "USD"),
]  # fmt: skip
_WORDS = {
    "dollars": "USD", "bucks": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
    "rupees": "INR", "rs": "INR", "reais": "BRL", "yen": "JPY", "naira": "NGN",
}  # fmt: skip
_CODES = (
    "usd eur gbp inr brl aud cad nzd chf jpy cny sek nok dkk pln czk zar ngn kes php sgd hkd "
    "mxn aed krw"
).split()
_CODE = re.compile(r"(?<![a-z])(" + "|".join(_CODES + list(_WORDS)) + r")(?![a-z])", re.I)
_PERIOD = re.compile(
    r"(?:/|\bper\s+|\ba\s+)\s*(mo|month|yr|year|annum|quarter|qtr|wk|week)\b"
    r"|\b(monthly|annually|yearly|quarterly|weekly|mrr|arr)\b",
    re.I,
)
_PERIODS: dict[str, Period] = {
    "mo": "month", "month": "month", "monthly": "month", "mrr": "month",
    "yr": "year", "year": "year", "annum": "year", "annually": "year", "yearly": "year",
    "arr": "year", "quarter": "quarter", "qtr": "quarter", "quarterly": "quarter",
    "wk": "week", "week": "week", "weekly": "week",
}  # fmt: skip
_DIGIT = re.compile(r"\d")


def currency_of(text: str) -> str | None:
    """The ISO 4217 code of the first currency written next to a number, if any."""
    best: tuple[int, str] | None = None
    for symbol, code in _SYMBOLS:
        at = text.find(symbol)
        while at >= 0:
            near = text[max(0, at - 4) : at + len(symbol) + 4]
            if _DIGIT.search(near) and (best is None or at < best[0]):
                best = (at, code)
                break
            at = text.find(symbol, at + 1)
    for m in _CODE.finditer(text):
        near = text[max(0, m.start() - 12) : m.end() + 12]
        if _DIGIT.search(near):
            word = m.group(1).lower()
            code = _WORDS.get(word, word.upper())
            if best is None or m.start() < best[0]:
                best = (m.start(), code)
            break
    return best[1] if best else None


def period_of(text: str) -> Period | None:
    """The period of a recurring amount ("/mo", "per year", "monthly"), if any."""
    m = _PERIOD.search(text)
    if m is None:
        return None
    return _PERIODS.get((m.group(1) or m.group(2)).lower())
