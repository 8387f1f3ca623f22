"""A deal's name is what the money buys, however the amount is written before it."""

from __future__ import annotations

import pytest

from nlp.pipeline import deal_name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("called Greg at Harbor, he wants the $12k imaging package", "imaging package"),
        ("Harbor: 12,500 USD imaging package", "imaging package"),
        ("Harbor: USD 12,500 imaging package", "imaging package"),
        ("Harbor: €12,500 imaging package", "imaging package"),
        ("Harbor: 3,500 EUR support plan per month", "support plan"),
        ("Zoë: €900 annual support contract", "annual support contract"),
        ("paid 500 USD for the new roof", None),
        ("ordered 12 units, 4,000 USD total", None),
        ("quoted 2 trucks, 3 day job", None),  # no money: a count is not a price
    ],
)
def test_deal_names(text: str, name: str | None) -> None:
    assert deal_name(text) == name
