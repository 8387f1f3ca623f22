"""The terminal shows a nudge when the scheduler's tick finds it due."""

from __future__ import annotations

import asyncio
import io

from bot.adapters.console import ConsoleChat
from bot.delivery import Delivery
from bot.scheduler import deliver_due_digests, deliver_due_nudges
from handlers.core import Core
from handlers.outbound import RETRY_AFTER
from tests.conftest import Clock


def test_a_nudge_fires_in_the_console_once(core: Core, clock: Clock) -> None:
    out = io.StringIO()
    chat = ConsoleChat(core=core, user="sam", tz="America/New_York", out=out, clock=clock)
    delivery = Delivery()
    delivery.register("console", chat.deliver)
    asyncio.run(chat.say("remind me to call Hope at 10"))  # Wed 18 Nov 09:00 in New York
    before = out.getvalue()
    assert asyncio.run(deliver_due_nudges(core, delivery)) == 0
    clock.advance(hours=1)
    assert asyncio.run(deliver_due_nudges(core, delivery)) == 1
    shown = out.getvalue()[len(before) :]
    assert "⏰ Due Wed 18 Nov 10:00: #1 Call Hope" in shown
    assert "[1] Done  [2] Snooze 1 day  [3] Snooze 1 week  [4] Reassign" in shown
    assert asyncio.run(deliver_due_nudges(core, delivery)) == 0
    asyncio.run(chat.say("2"))  # press Snooze 1 day
    assert "Snoozed #1 Call Hope to Thu 19 Nov 10:00" in out.getvalue()


def test_a_nudge_for_someone_not_at_the_terminal_waits(core: Core, clock: Clock) -> None:
    chat = ConsoleChat(core=core, user="sam", tz=None, out=io.StringIO(), clock=clock)
    asyncio.run(chat.say("remind me to call Hope at 10"))
    other = Delivery()  # nobody's terminal is open
    clock.advance(hours=1)
    assert asyncio.run(deliver_due_nudges(core, other)) == 0
    delivery = Delivery()
    delivery.register("console", chat.deliver)
    assert asyncio.run(deliver_due_nudges(core, delivery)) == 0  # a failed send rests a minute
    clock.advance(seconds=RETRY_AFTER.total_seconds() + 1)
    assert asyncio.run(deliver_due_nudges(core, delivery)) == 1


def test_a_digest_set_in_one_terminal_shows_only_in_that_persons_terminal(
    core: Core, clock: Clock
) -> None:
    sam_out, ana_out = io.StringIO(), io.StringIO()
    sam = ConsoleChat(core=core, user="sam", tz="America/New_York", out=sam_out, clock=clock)
    ana = ConsoleChat(core=core, user="ana", tz="America/New_York", out=ana_out, clock=clock)
    asyncio.run(ana.say("hi"))
    asyncio.run(sam.say("digest 09:30"))
    clock.advance(hours=1)  # Wed 18 Nov 10:00 in New York: the digest is due
    # Ana's terminal (another process on the same database) claims it first: not hers.
    ana_only = Delivery()
    ana_only.register("console", ana.deliver)
    before = ana_out.getvalue()
    assert asyncio.run(deliver_due_digests(core, ana_only)) == 0
    assert ana_out.getvalue() == before
    clock.advance(seconds=RETRY_AFTER.total_seconds() + 1)
    sam_only = Delivery()
    sam_only.register("console", sam.deliver)
    assert asyncio.run(deliver_due_digests(core, sam_only)) == 1
    assert "Digest" in sam_out.getvalue() or "digest" in sam_out.getvalue()
