"""Task times become instants: a stored wall-clock time is read in its owner's zone."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from store import Store
from store.engine import make_engine
from store.migrate import upgrade


def test_timed_tasks_get_their_instant_from_the_owners_zone(store_url: str) -> None:
    engine = make_engine(store_url, 5)
    upgrade(engine, "0015")
    day = "2026-11-02 09:00:00"
    with engine.begin() as conn:
        for statement in (
            "INSERT INTO teams (id, slug, name, next_task_number) VALUES (1, 'default', 'T', 4)",
            "INSERT INTO members (id, team_id, name, role, active, created_at, tz) "
            f"VALUES (1, 1, 'Sam', 'member', true, '{day}', 'Europe/Berlin'), "
            f"(2, 1, 'Kenji', 'member', true, '{day}', NULL)",
            "INSERT INTO tasks (id, team_id, number, title, due_date, due_time, owner_id, status, "
            "message_key, created_at, nudge_count) VALUES "
            f"(1, 1, 1, 'call Jane', '2026-11-20', '15:00:00', 1, 'open', 'a', '{day}', 0), "
            f"(2, 1, 2, 'send quote', '2026-11-20', NULL, 1, 'open', 'b', '{day}', 0), "
            f"(3, 1, 3, 'visit', '2026-11-20', '15:00:00', 2, 'open', 'c', '{day}', 0)",
        ):
            conn.execute(sa.text(statement))
    engine.dispose()
    store = Store(store_url, default_tz="Asia/Tokyo")  # Kenji has no zone: the team's
    with store.engine.connect() as conn:
        got = conn.execute(sa.select(sa.text("id, due_date, due_at FROM tasks ORDER BY id"))).all()
        columns = {c["name"] for c in sa.inspect(conn).get_columns("tasks")}
    store.dispose()
    instants = [(r[0], r[2] if r[2] is None else _utc(r[2]).isoformat()) for r in got]
    assert instants == [
        (1, "2026-11-20T14:00:00+00:00"),  # 15:00 in Berlin
        (2, None),  # date-only stays a date
        (3, "2026-11-20T06:00:00+00:00"),  # 15:00 in Tokyo
    ]
    assert "due_time" not in columns


def _utc(value: object) -> dt.datetime:
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
