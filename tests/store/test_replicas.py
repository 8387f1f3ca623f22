"""What several replicas on one PostgreSQL need: no queue on the team's row, kept connections,
and plans made from statistics right after a bulk load."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from store import Store


@pytest.fixture
def pg_store(store_url: str) -> Store:
    if not store_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: SQLite has one writer, which these are about")
    return Store(store_url)


def test_a_task_number_does_not_wait_for_another_message_to_commit(pg_store: Store) -> None:
    with pg_store.unit("default") as unit:
        unit.next_task_number()  # the team exists and is committed from here on
    with pg_store.unit("default") as first:
        taken = first.next_task_number()
        # Another replica's message while this one is still open: it must not queue behind
        # this transaction (lock_timeout makes a wait an error, not a slow pass).
        with pg_store.unit("default") as second:
            second.session.execute(sa.text("SET LOCAL lock_timeout = '1s'"))
            assert second.next_task_number() == taken + 1
    with pg_store.unit("default") as unit:
        assert unit.next_task_number() == taken + 2
    pg_store.dispose()


def test_a_number_taken_by_a_message_that_failed_is_not_given_again(pg_store: Store) -> None:
    with pg_store.unit("default") as unit:
        unit.next_task_number()
    taken: list[int] = []

    def failing_message() -> None:
        with pg_store.unit("default") as unit:
            taken.append(unit.next_task_number())
            raise RuntimeError("the message failed after taking its number")

    with pytest.raises(RuntimeError):
        failing_message()
    lost = taken[0]
    with pg_store.unit("default") as unit:
        assert unit.next_task_number() == lost + 1  # a gap, never a duplicate
    pg_store.dispose()


def test_busy_threads_reuse_their_connections(pg_store: Store) -> None:
    opened = []
    sa.event.listen(pg_store.engine, "connect", lambda *_: opened.append(1))

    def message() -> None:
        with pg_store.unit("default") as unit:
            unit.next_task_number()
            unit.session.execute(sa.text("SELECT pg_sleep(0.05)"))

    def burst() -> None:
        threads = [threading.Thread(target=message) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    burst()
    after_first = len(opened)
    for _ in range(3):
        burst()
    assert len(opened) == after_first, "connections were closed and opened again"
    pg_store.dispose()


def test_statistics_are_fresh_after_a_bulk_load(pg_store: Store) -> None:
    with pg_store.unit("default") as unit:
        unit.next_task_number()
    pg_store.refresh_statistics()
    with pg_store.engine.connect() as conn:
        stale = conn.execute(
            sa.text(
                "SELECT relname FROM pg_stat_user_tables "
                "WHERE schemaname = current_schema() AND last_analyze IS NULL"
            )
        ).scalars()
        assert list(stale) == []
    pg_store.dispose()


def test_a_unit_that_holds_the_team_row_takes_its_number_inside(pg_store: Store) -> None:
    with pg_store.unit("default") as unit:
        first = unit.next_task_number()
    with pg_store.unit("default") as unit:
        unit.note_directory_addition()  # a contact added by this message: the row is locked
        assert unit.next_task_number() == first + 1
    with pg_store.unit("default") as unit:
        # Locked in a way the unit was not told of: a short wait, then inside, never a hang.
        unit.session.execute(sa.text("UPDATE teams SET name = name WHERE id = :t"),
                             {"t": unit.team_id})  # fmt: skip
        assert unit.next_task_number() == first + 2
    pg_store.dispose()


def test_a_number_waits_for_a_long_holder_of_the_team_row(pg_store: Store) -> None:
    with pg_store.unit("default") as unit:
        first = unit.next_task_number()
        team_id = unit.team_id
    holding = threading.Event()

    def long_import() -> None:
        with pg_store.engine.begin() as conn:
            conn.execute(sa.text("UPDATE teams SET name = name WHERE id = :t"), {"t": team_id})
            holding.set()
            conn.execute(sa.text("SELECT pg_sleep(0.6)"))

    holder = threading.Thread(target=long_import)
    holder.start()
    holding.wait(5)
    with pg_store.unit("default") as unit:
        assert unit.next_task_number() == first + 1
    holder.join()
    pg_store.dispose()
