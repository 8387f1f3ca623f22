"""Money: currencies before or after, symbols and codes, Indian grouping, per-unit prices
and counts left out, recurring amounts with their period."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp import Directory, compile, parse
from nlp.amounts import find_amount
from nlp.normalize import fold

MATCHER = compile(Directory.from_json({"companies": [{"name": "Northwind Traders"}]}))


@pytest.mark.parametrize(
    ("text", "value", "currency", "period"),
    [
        ("deal is $12k", 12_000, "USD", None),
        ("12,500 USD", 12_500, "USD", None),
        ("€3.5k", 3_500, "EUR", None),
        ("budget 1.2M", 1_200_000, None, None),
        ("£900/mo", 900, "GBP", "month"),
        ("deal worth 5k", 5_000, None, None),
        ("₹3,85,000", 385_000, "INR", None),
        ("Rs 4,50,000", 450_000, "INR", None),
        ("Rs. 2.5 lakh", 250_000, "INR", None),
        ("₦450,000", 450_000, "NGN", None),
        ("₱75,000", 75_000, "PHP", None),
        ("R$ 18.000", 18_000, "BRL", None),
        ("€3.500,50", 3_500.5, "EUR", None),
        ("A$9,900", 9_900, "AUD", None),
        ("38k zł", 38_000, "PLN", None),
        ("KSh 120,000", 120_000, "KES", None),
        ("KES 95,000", 95_000, "KES", None),
        ("PHP 15,000", 15_000, "PHP", None),
        ("MXN 40,000", 40_000, "MXN", None),
        ("INR 2,00,000", 200_000, "INR", None),
        ("3,500 EUR/mo", 3_500, "EUR", "month"),
        ("$1,200 per month", 1_200, "USD", "month"),
        ("£24k a year", 24_000, "GBP", "year"),
        ("GBP 600 monthly", 600, "GBP", "month"),
    ],
)
def test_amounts_with_their_currency(
    text: str, value: float, currency: str | None, period: str | None
) -> None:
    money = find_amount(fold(text).lower())
    assert money is not None
    assert (money.value, money.currency, money.period) == (value, currency, period)


@pytest.mark.parametrize(
    "text",
    [
        "50 seats",
        "3 trucks",
        "invoice 4471 paid",
        "$30/seat",
        "38k zł each",
        "€3.5k each",
        "₹450 per kg",
        "12 extra reefer slots in Jan",
        "10% off",
    ],
)
def test_counts_numbers_and_unit_prices_are_not_amounts(text: str) -> None:
    assert find_amount(fold(text).lower()) is None


def test_the_first_amount_that_is_not_a_unit_price_counts() -> None:
    money = find_amount("200 seats at $45/seat, $9k total")
    assert money is not None
    assert money.value == 9_000


def test_northwind_licences_per_month() -> None:
    parsed = parse(
        "Northwind wants 250 licences at 3,500 EUR/mo",
        dt.datetime(2026, 11, 18, 10),
        "Europe/Berlin",
        MATCHER,
        strict=True,
    )
    assert parsed.amount == 3_500
    assert parsed.currency == "EUR"
    assert parsed.amount_period == "month"
    assert parsed.to_json("x")["amount"] == 3_500
    assert "currency" not in parsed.to_json("x")


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("3,500 EUR support plan per month", "month"),
        ("$900 cleaning contract billed monthly", "month"),
        ("£24k maintenance cover a year", "year"),
        ("$12k support renewal every year", "year"),
        ("$5k deposit a month ago", None),  # a stretch of time, not a rate
        ("$5k for the install in a month", None),
        ("$30 license per seat per month", None),  # a price per seat is no deal's period
        ("$5k and they pay monthly", None),  # another clause
    ],
)
def test_a_period_said_after_what_the_money_buys(text: str, period: str | None) -> None:
    money = find_amount(fold(text).lower())
    assert money is not None
    assert money.period == period
