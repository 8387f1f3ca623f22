"""Money exactly: integer minor units with an ISO 4217 currency, and how it reads.

Amounts are never floats once they leave the parser: `Money.minor` is the number of cents
(or paise, or yen), and sums are kept per currency, never across currencies.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# ISO 4217 exponents that are not 2.
_EXPONENT = {"JPY": 0, "KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "BHD": 3, "KWD": 3, "OMR": 3}
_SYMBOL = {
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "INR": "₹",
    "JPY": "¥",
    "BRL": "R$",
    "AUD": "A$",
    "CAD": "C$",
    "NGN": "₦",
    "PHP": "₱",
    "KRW": "₩",
}
_PER = {"week": "/wk", "month": "/mo", "quarter": "/qtr", "year": "/yr"}
_PER_YEAR = {"week": 52, "month": 12, "quarter": 4, "year": 1}


def exponent(currency: str) -> int:
    """Digits after the decimal point in `currency`'s minor unit."""
    return _EXPONENT.get(currency, 2)


@dataclass(frozen=True)
class Money:
    """An exact amount: `minor` units of `currency`, per `period` when recurring."""

    minor: int
    currency: str
    period: str | None = None

    @classmethod
    def of(cls, amount: float | Decimal | int, currency: str, period: str | None = None) -> Money:
        """From a number in major units (the parser's reading), rounded to the minor unit."""
        scaled = Decimal(str(amount)) * (10 ** exponent(currency))
        minor = int(scaled.quantize(Decimal(1), rounding=ROUND_HALF_UP))
        return cls(minor, currency, period)

    @property
    def major(self) -> Decimal:
        """The amount in major units, exactly."""
        return Decimal(self.minor).scaleb(-exponent(self.currency))

    def annual(self) -> Money:
        """A year of a recurring amount (itself when one-off)."""
        if self.period is None:
            return self
        return Money(self.minor * _PER_YEAR.get(self.period, 1), self.currency)


def _grouped(whole: int, currency: str) -> str:
    digits = str(whole)
    if currency != "INR" or len(digits) <= 3:
        return f"{whole:,}"
    # Indian grouping: the last three digits, then pairs (3,85,000; 1,20,00,000).
    head, tail = digits[:-3], digits[-3:]
    pairs: list[str] = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *pairs, tail]) if head else ",".join([*pairs, tail])


def show(money: Money | None) -> str:
    """'$12,500', '€3,500/mo', '₹3,85,000', '1,200 CHF', '—' for none."""
    if money is None:
        return "—"
    exp = exponent(money.currency)
    sign = "-" if money.minor < 0 else ""
    whole, cents = divmod(abs(money.minor), 10**exp) if exp else (abs(money.minor), 0)
    number = _grouped(whole, money.currency)
    if cents:
        number += "." + str(cents).rjust(exp, "0")
    symbol = _SYMBOL.get(money.currency)
    text = f"{sign}{symbol}{number}" if symbol else f"{sign}{number} {money.currency}"
    return text + (_PER.get(money.period, f"/{money.period}") if money.period else "")


def totals(amounts: Iterable[Money]) -> dict[str, int]:
    """Sums per currency (annualised when recurring), largest first."""
    sums: dict[str, int] = defaultdict(int)
    for m in amounts:
        sums[m.currency] += m.annual().minor
    return dict(sorted(sums.items(), key=lambda kv: -kv[1]))


def show_totals(amounts: Iterable[Money], empty: str = "—") -> str:
    """'$12,500 + €3,000': one sum per currency, never added across them."""
    sums = totals(amounts)
    if not sums:
        return empty
    return " + ".join(show(Money(minor, code)) for code, minor in sums.items())
