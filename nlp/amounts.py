"""Money in chat: "$12k", "12,500 USD", "₹3,85,000", "Rs 4.5 lakh", "£900/mo".

The currency may stand before or after the number, as a symbol or a code; Indian digit
grouping is read as written, and so are dots grouping thousands ("R$ 18.000"). Counts
("50 seats"), invoice numbers and per-unit prices ("$30/seat", "38k zł each") are not
amounts. A recurring amount keeps the number stated
and says its period, also when said after what it buys ("€3,500 support plan per month").
With several amounts, the first that is not a per-unit price counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.types import Period

# Folded lowercase text: "zł" arrives as "zl". Longest first so "r$" wins over "$".
# fmt: off
_SYMBOLS = {
    "us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "nz$": "NZD",
    "s$": "SGD", "hk$": "HKD", "r$": "BRL", "mx$": "MXN", "$": "USD", "€": "EUR", "£": "GBP",
    "₹": "INR", "₦": "NGN", "₱": "PHP", "¥": "JPY", "₩": "KRW", "₺": "TRY", "₽": "RUB",
    "₫": "VND", "₪": "ILS", "₴": "UAH", "₵": "GHS",
}
_WORDS = {
    "rs": "INR", "inr": "INR", "usd": "USD", "eur": "EUR", "gbp": "GBP", "ngn": "NGN",
    "php": "PHP", "mxn": "MXN", "brl": "BRL", "aud": "AUD", "cad": "CAD", "nzd": "NZD",
    "sgd": "SGD", "hkd": "HKD", "jpy": "JPY", "cny": "CNY", "rmb": "CNY", "zar": "ZAR",
    "kes": "KES", "ksh": "KES", "pln": "PLN", "zl": "PLN", "chf": "CHF", "sek": "SEK",
    "nok": "NOK", "dkk": "DKK", "aed": "AED", "sar": "SAR", "egp": "EGP", "ghs": "GHS",
    "ugx": "UGX", "tzs": "TZS", "idr": "IDR", "myr": "MYR", "thb": "THB", "vnd": "VND",
    "pkr": "PKR", "bdt": "BDT", "lkr": "LKR", "try": "TRY",
    "dollars": "USD", "bucks": "USD", "euros": "EUR", "pounds": "GBP", "quid": "GBP",
    "rupees": "INR", "naira": "NGN", "pesos": "MXN", "reais": "BRL", "rand": "ZAR",
    "shillings": "KES", "zloty": "PLN", "zlotys": "PLN",
}
_MULT = {"k": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "bn": 1e9, "lakh": 1e5, "lakhs": 1e5,
         "lac": 1e5, "lacs": 1e5, "l": 1e5, "crore": 1e7, "crores": 1e7, "cr": 1e7}
_PERIODS: dict[str, Period] = {
    "mo": "month", "month": "month", "mth": "month", "m": "month", "monthly": "month",
    "pm": "month", "yr": "year", "year": "year", "annum": "year", "y": "year", "pa": "year",
    "annually": "year", "yearly": "year", "annual": "year", "wk": "week", "week": "week",
    "weekly": "week", "quarter": "quarter", "qtr": "quarter", "q": "quarter",
    "quarterly": "quarter",
}
# fmt: on
_SYMBOL = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
_CODE = "|".join(sorted(_WORDS, key=len, reverse=True))
_AMOUNT = re.compile(
    rf"(?:(?P<sym>{_SYMBOL})|\b(?P<pre>{_CODE})\.?)?\s?"
    # Dots grouping thousands ("R$ 18.000", "€3.500,50"), Indian ("3,85,000"), commas, plain.
    r"(?:(?P<dotted>\d{1,3}(?:\.\d{3})+)(?:,(?P<cents>\d{1,2}))?(?![\d.])|"
    r"(?P<num>\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?(?![\d,]*\d))"
    r"(?:\s?(?P<suf>k|mm|mn|m|bn|lakhs?|lacs?|crores?|cr|l)\b)?"
    # A currency after the number, unless it opens the next amount ("NF 5521 R$ 12500").
    rf"(?:\s?(?:(?P<post_sym>{_SYMBOL})|(?P<post>{_CODE})\b)(?!\s?\d))?"
    r"(?P<per>\s?(?:/|per\s|a\s|an\s)\s?(?P<unit>[a-z]+)|\s(?P<every>monthly|yearly|annually|"
    r"weekly|quarterly|pa|p\.a\.|pm)\b)?"
)
# A period said after what the money buys ("3,500 EUR support plan per month"): a few words
# of the same phrase, then "per/a/every <period>" or "monthly". Not across a clause ("and",
# "they") and not a stretch of time ("in a month", "a year ago").
_GAP = (
    r"(?:\s+(?!(?:and|but|or|so|then|they|we|he|she|i|it|in|for|within|over|after|about|"
    r"around|than|last|next|this|that|once|twice|per|each|every|a|an)\b)[a-z][a-z'-]*){0,4}?"
)
_LATER_PERIOD = re.compile(
    _GAP + r"\s+(?:(?:per|a|an|every)\s+(?P<unit>month|year|week|quarter|annum|mo|yr)\b"
    r"(?!\s+(?:ago|later|from|before|after|or so|out|early|late))"
    r"|(?P<every>monthly|yearly|annually|weekly|quarterly)\b)"
)
_EACH = re.compile(r"\s*(?:each|apiece|ea\b|a piece|per head|a head|pp\b|a pop)")
_REFERENCE = re.compile(
    r"(?:#|\bno\.?|\binvoice|\binv|\bpo|\border|\bref|\bnf|\bticket|\bjob)(?:\s+[a-z]{1,4})?\s*$"
)
_WORTH = re.compile(r"\b(?:worth|valued at|value of|budget of)\s*$")


@dataclass(frozen=True)
class Money:
    """An amount, its currency code if written (USD for "$"), and its period if recurring."""

    value: float
    currency: str | None = None
    period: Period | None = None


def find_amount(low: str) -> Money | None:
    """The first money amount in folded lowercase text that is not a per-unit price."""
    for m in _AMOUNT.finditer(low):
        money = _money(low, m)
        if money is not None:
            return money
    return None


def amount_end(low: str) -> int | None:
    """Where the first money amount of folded lowercase text ends (as `find_amount` reads it)."""
    for m in _AMOUNT.finditer(low):
        if _money(low, m) is not None:
            return m.end()
    return None


def _money(low: str, m: re.Match[str]) -> Money | None:
    """The amount one match stands for, or None when it is a count, a number or a price."""
    currency = _currency(m)
    suf = m["suf"]
    before = low[max(0, m.start() - 14) : m.start()]
    if currency is None and suf is None and not _WORTH.search(before):
        return None  # a count or a bare number
    if suf == "l" and currency is None:
        return None  # "3 l" of milk: a lakh only with a currency ("Rs 4 l")
    if currency is None and _REFERENCE.search(before):
        return None
    period: Period | None = None
    if m["unit"]:
        period = _PERIODS.get(m["unit"])
        if period is None:
            return None  # a price per seat, per kg...
    elif m["every"]:
        period = _PERIODS.get(m["every"].replace(".", ""))
    else:
        later = _LATER_PERIOD.match(low, m.end())
        if later is not None:
            period = _PERIODS.get(later["unit"] or later["every"])
    if _EACH.match(low, m.end()) or low[m.end() : m.end() + 1] == "%":
        return None
    if m["dotted"]:
        value = float(m["dotted"].replace(".", "") + ("." + m["cents"] if m["cents"] else ""))
    else:
        value = float(m["num"].replace(",", "") + ("." + m["dec"] if m["dec"] else ""))
    if suf:
        value *= _MULT[suf]
    return Money(value, currency, period)


def _currency(m: re.Match[str]) -> str | None:
    for group, table in (("sym", _SYMBOLS), ("pre", _WORDS), ("post_sym", _SYMBOLS),
                         ("post", _WORDS)):  # fmt: skip
        if m[group]:
            return table[m[group]]
    return None
