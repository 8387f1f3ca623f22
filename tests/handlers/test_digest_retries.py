"""A digest that cannot be posted is tried a few times, spaced out, then its setter is told once."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from handlers import digest_delivery
from handlers.core import Core
from handlers.types import Delivered
from store.models import Identity, Notice
from tests.conftest import Clock, Say
from tests.handlers.helpers import claim_digests

THU_0830 = dt.datetime(2026, 11, 19, 13, 30, tzinfo=dt.UTC)  # 08:30 in New York


def notices(core: Core) -> list[tuple[str, str]]:
    with core.unit() as unit:
        found = unit.session.scalars(select(Notice).order_by(Notice.id)).all()
        return [(n.member.name if n.member else "", n.text) for n in found]


def fail(core: Core, digest: digest_delivery.Digest, error: str = "internal_error") -> None:
    outcome = Delivered(frozenset(), False, error)
    core.in_unit(digest_delivery.settle_digest, core.settings, core.clock(), digest, outcome)


def test_failed_tries_are_spaced_then_capped_and_the_setter_told_once(
    core: Core, say: Say, clock: Clock
) -> None:
    say("digest 08:30", chat="team-room")
    clock.now = THU_0830
    for attempt in range(1, digest_delivery.MAX_ATTEMPTS + 1):
        (digest,) = claim_digests(core, "a")
        fail(core, digest)
        clock.now += dt.timedelta(seconds=15)
        if attempt < digest_delivery.MAX_ATTEMPTS:
            assert claim_digests(core, "a") == []  # not every tick
            clock.now += digest_delivery.backoff(attempt)
    assert claim_digests(core, "a") == []
    clock.now += dt.timedelta(hours=6)
    assert claim_digests(core, "a") == []
    ((who, text),) = notices(core)
    assert who == "sam"
    assert "could not post the team digest in console chat team-room for Thu 19 Nov" in text
    assert "after 5 tries (internal_error)" in text


def test_parts_already_out_are_handed_to_the_next_try(core: Core, say: Say, clock: Clock) -> None:
    say("digest 08:30", chat="team-room")
    clock.now = THU_0830
    (digest,) = claim_digests(core, "a")
    outcome = Delivered(frozenset({"text:0"}), False, "second chunk refused")
    core.in_unit(digest_delivery.settle_digest, core.settings, core.clock(), digest, outcome)
    clock.now += digest_delivery.backoff(1)
    (again,) = claim_digests(core, "a")
    assert again.parts_sent == frozenset({"text:0"})


def test_a_day_that_ends_mid_retry_is_reported_to_the_admins_when_the_setter_is_unreachable(
    core: Core, say: Say, clock: Clock
) -> None:
    say("digest 08:30", chat="team-room")
    say("hello", user="999", platform="telegram", name="Dana Admin")  # a configured admin
    with core.unit() as unit:
        for identity in unit.session.scalars(select(Identity)).all():
            if identity.platform == "console":
                identity.reachable = False
    clock.now = THU_0830
    (digest,) = claim_digests(core, "a")
    fail(core, digest, "timed out")
    clock.now = dt.datetime(2026, 11, 20, 5, 0, tzinfo=dt.UTC)  # down until Fri 00:00
    assert claim_digests(core, "a") == []
    clock.now = dt.datetime(2026, 11, 20, 13, 30, tzinfo=dt.UTC)
    (friday,) = claim_digests(core, "a")
    assert friday.local_day == dt.date(2026, 11, 20)
    ((who, text),) = notices(core)
    assert who == "Dana Admin"
    assert "for Thu 19 Nov after 1 tries (the day ended before it could go out)" in text
