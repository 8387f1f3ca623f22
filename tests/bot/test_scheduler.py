"""One tick drains a morning's worth of nudges; a platform that is down does not spin it."""

from __future__ import annotations

import asyncio
import datetime as dt

from bot import scheduler
from bot.delivery import Delivery
from bot.scheduler import deliver_due_nudges
from handlers.core import Core
from handlers.types import Reply
from store.models import Identity, Member, Task
from tests.conftest import Clock

DUE = 450  # more than two full batches


def many_due(core: Core, clock: Clock) -> None:
    with core.unit() as unit:
        owner = Member(team_id=unit.team_id, name="Rep", created_at=clock.now)
        unit.session.add(owner)
        unit.session.flush()
        unit.session.add(Identity(team_id=unit.team_id, member_id=owner.id, platform="console",
                                  user_key="rep", reachable=True))  # fmt: skip
        for i in range(DUE):
            unit.session.add(Task(
                team_id=unit.team_id, number=unit.next_task_number(), title=f"Quote {i}",
                due_date=clock.now.date(), owner_id=owner.id, status="open",
                message_key=f"many:{i}", created_at=clock.now, nudge_count=0,
                nudge_at=clock.now - dt.timedelta(minutes=1),
            ))  # fmt: skip


def test_one_tick_sends_every_due_nudge_exactly_once(core: Core, clock: Clock) -> None:
    many_due(core, clock)
    got: list[str] = []

    async def deliver(address: str, reply: Reply) -> bool:
        got.append(reply.text)
        return True

    delivery = Delivery()
    delivery.register("console", deliver)
    assert asyncio.run(deliver_due_nudges(core, delivery)) == DUE
    assert len(got) == len(set(got)) == DUE
    assert asyncio.run(deliver_due_nudges(core, delivery)) == 0


def test_a_platform_that_fails_ends_the_tick_after_one_batch(core: Core, clock: Clock) -> None:
    many_due(core, clock)
    tries: list[str] = []

    async def down(address: str, reply: Reply) -> bool:
        tries.append(reply.text)
        return False

    delivery = Delivery()
    delivery.register("console", down)
    assert asyncio.run(deliver_due_nudges(core, delivery)) == 0
    assert len(tries) == scheduler.NUDGE_BATCH
    assert asyncio.run(deliver_due_nudges(core, delivery)) == 0  # the failed ones rest
    assert len(tries) == 2 * scheduler.NUDGE_BATCH  # the next batch was tried, not the same one
