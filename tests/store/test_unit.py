"""The unit of work's own rules: customers added mark the directory, leases are exclusive."""

from __future__ import annotations

import datetime as dt

from store import Store
from store.models import Company, Contact, DigestSubscription, Member, Task

NOW = dt.datetime(2026, 11, 18, 14, 0, tzinfo=dt.UTC)
LEASE = dt.timedelta(minutes=5)


def test_adding_customers_marks_the_directory_grown_once(store: Store) -> None:
    with store.unit("default") as unit:
        before = unit.directory_stamp()
    with store.unit("default") as unit:
        unit.add(Company(team_id=unit.team_id, name="Acme", aliases=[], created_at=NOW))
        unit.add(Contact(team_id=unit.team_id, name="Jane Roe", aliases=[], created_at=NOW))
        assert unit.directory_changed
    with store.unit("default") as unit:
        after = unit.directory_stamp()
    assert after.additions == before.additions + 1
    assert after.version == before.version


def test_other_rows_leave_the_directory_alone(store: Store) -> None:
    with store.unit("default") as unit:
        before = unit.directory_stamp()
        unit.add(Member(team_id=unit.team_id, name="Sam", created_at=NOW))
        assert not unit.directory_changed
    with store.unit("default") as unit:
        assert unit.directory_stamp() == before


def _due_task(store: Store) -> None:
    with store.unit("default") as unit:
        member = Member(team_id=unit.team_id, name="Sam", created_at=NOW)
        unit.add(member)
        unit.flush()
        unit.add(Task(team_id=unit.team_id, number=unit.next_task_number(), title="Call",
                      owner_id=member.id, status="open", message_key="m1", created_at=NOW,
                      nudge_at=NOW - dt.timedelta(minutes=1)))  # fmt: skip


def test_a_due_task_is_leased_once_until_the_lease_ends(store: Store) -> None:
    _due_task(store)
    with store.unit("default") as unit:
        first = unit.claim_due_tasks(NOW, "a", LEASE)
    with store.unit("default") as unit:
        second = unit.claim_due_tasks(NOW, "b", LEASE)
    with store.unit("default") as unit:
        later = unit.claim_due_tasks(NOW + LEASE + dt.timedelta(seconds=1), "c", LEASE)
    assert len(first) == 1
    assert second == []
    assert later == first


def test_a_due_digest_is_leased_once(store: Store) -> None:
    with store.unit("default") as unit:
        unit.add(DigestSubscription(team_id=unit.team_id, platform="slack", chat="C1",
                                    local_time=dt.time(8), tz="UTC", active=True,
                                    next_run_at=NOW - dt.timedelta(minutes=1)))  # fmt: skip
    with store.unit("default") as unit:
        first = unit.claim_due_digests(NOW, "a", LEASE)
    with store.unit("default") as unit:
        second = unit.claim_due_digests(NOW, "b", LEASE)
    assert len(first) == 1
    assert second == []
