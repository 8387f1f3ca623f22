"""A long reply becomes several Slack messages under the budget, with nothing cut."""

from __future__ import annotations

import json

from bot.adapters.slack.render import MAX_BLOCKS, MAX_SECTION
from bot.adapters.slack.split import BUDGET, messages, size
from handlers.types import Button, Reply


def _reply(lines: int, width: int) -> Reply:
    sections = tuple(f"• line {n:03d} " + "x" * width for n in range(lines))
    return Reply(text="Team digest\n" + "\n".join(sections), title="Team digest",
                 sections=sections, buttons=(Button("Log call", "customer.log", "7"),),
                 context="Dates in Europe/Berlin")  # fmt: skip


def test_a_short_reply_is_one_message() -> None:
    (only,) = messages(_reply(5, 40))
    assert "line 004" in json.dumps(only["blocks"])


def test_a_long_reply_is_shared_out_whole_under_the_budget() -> None:
    reply = _reply(300, 80)  # about 28,000 characters of sections
    out = messages(reply)
    assert len(out) >= 5
    for payload in out:
        assert size(payload) <= BUDGET
        assert len(payload["blocks"]) < MAX_BLOCKS
        assert all(len(b.get("text", {}).get("text", "")) <= MAX_SECTION for b in payload["blocks"])
    blocks = [json.dumps(p["blocks"], ensure_ascii=False) for p in out]
    for n in range(300):
        assert sum(f"line {n:03d} " in b for b in blocks) == 1  # each line once, none lost
    assert "(continued)" in out[1]["text"]
    assert "actions" in blocks[-1]
    assert "Dates in Europe/Berlin" in blocks[-1]
    assert all("actions" not in b for b in blocks[:-1])
