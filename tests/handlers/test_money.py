"""Money reads with its currency: symbols, codes, Indian grouping, periods."""

from __future__ import annotations

from decimal import Decimal

import pytest

from handlers.money import Money, show, show_totals


@pytest.mark.parametrize(
    ("money", "text"),
    [
        (Money(350_000, "EUR", "month"), "€3,500/mo"),
        (Money(38_500_000, "INR"), "₹3,85,000"),
        (Money(1_200_000_000, "INR"), "₹1,20,00,000"),
        (Money(1_250_050, "USD"), "$12,500.50"),
        (Money(120_000, "CHF"), "1,200 CHF"),
        (Money(5000, "JPY"), "¥5,000"),
        (Money(4_500_000, "BRL"), "R$45,000"),
    ],
)
def test_show(money: Money, text: str) -> None:
    assert show(money) == text


def test_amounts_are_rounded_to_the_minor_unit_without_floats() -> None:
    assert Money.of(0.1 + 0.2, "USD").minor == 30
    assert Money.of(12.345, "KWD").minor == 12345
    assert Money(1_250_050, "USD").major == Decimal("12500.50")


def test_totals_never_add_currencies_and_count_a_year_of_recurring() -> None:
    amounts = [Money(100, "USD"), Money(200, "EUR", "month"), Money(300, "USD")]
    assert show_totals(amounts) == "€24 + $4"
