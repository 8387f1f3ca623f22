"""A teammate's change to someone's task reaches its owner by direct message."""

from __future__ import annotations

import asyncio

from bot.delivery import Delivery
from bot.scheduler import deliver_due_nudges
from handlers import outbound
from handlers.core import Core
from handlers.types import Reply
from tests.conftest import Clock, Say


def _claim(core: Core, clock: Clock) -> list[outbound.NoticeOut]:
    return core.in_unit(outbound.claim_notices, core.settings, clock.now, "t", 50)


def test_closing_or_moving_a_teammate_s_task_tells_its_owner(
    core: Core, say: Say, clock: Clock
) -> None:
    say("remind me to call Hope friday", user="ana", platform="slack", name="Ana Ruiz")
    say("cancel 1", user="ana", platform="slack")
    assert _claim(core, clock) == []  # her own change: nobody to tell
    say("reopen 1", user="ana", platform="slack")
    say("move 1 to the 24th")  # sam, an admin
    say("done 1")
    told = _claim(core, clock)
    assert [(n.recipient.platform, n.recipient.address) for n in told] == [("slack", "ana")] * 2
    assert told[0].reply.text == "sam: Moved #1 Call Hope: Fri 20 Nov → Tue 24 Nov."
    assert told[1].reply.text == "sam: Done: #1 Call Hope."


def test_giving_a_task_tells_the_new_owner_through_the_nudge_tick(
    core: Core, say: Say, clock: Clock
) -> None:
    say("hello", user="ana", platform="slack", name="Ana Ruiz")
    say("remind me to call Hope friday")
    say("give 1 to Ana")
    got: list[tuple[str, str]] = []

    async def deliver(address: str, reply: Reply) -> bool:
        got.append((address, reply.text))
        return True

    delivery = Delivery()
    delivery.register("slack", deliver)
    asyncio.run(deliver_due_nudges(core, delivery))
    assert got == [("ana", "sam: gave you #1 Call Hope (due Fri 20 Nov).")]
    asyncio.run(deliver_due_nudges(core, delivery))
    assert len(got) == 1  # sent once
