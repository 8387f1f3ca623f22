"""`rapport parse` adds currency and feedback only when it reads them."""

from __future__ import annotations

import json

from bot.parse_cmd import load_directory, parse_line
from nlp import compile
from tests.conftest import DIRECTORY

NOW = "2026-11-18T09:00:00"


def _line(text: str) -> dict[str, object]:
    matcher = compile(load_directory(DIRECTORY))
    return parse_line(json.dumps({"id": "x", "text": text, "now": NOW}), matcher)


def test_currency_sits_beside_the_amount() -> None:
    out = _line("called Greg at Harbor, quote is 3,500 EUR")
    keys = list(out)
    assert keys[keys.index("amount") + 1] == "currency"
    assert (out["amount"], out["currency"]) == (3500, "EUR")


def test_feedback_is_listed_when_read() -> None:
    out = _line("Greg complained about invoice errors")
    assert out["feedback"] == [{"kind": "complaint", "text": "invoice errors"}]


def test_old_fields_alone_when_there_is_neither() -> None:
    out = _line("who is Greg?")
    assert "currency" not in out
    assert "feedback" not in out
    assert out["amount"] is None
