"""SQLite query plans that must not depend on the order a migration left the indexes in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import event

from store import Store
from store.models import Member

T0 = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)


def _plans(store: Store, run: Any) -> list[str]:
    """The EXPLAIN QUERY PLAN lines of every SELECT on tasks that `run` executes."""
    seen: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if statement.lstrip().startswith("SELECT") and "FROM tasks" in statement:
            seen.append((statement, params))

    event.listen(store.engine, "before_cursor_execute", keep)
    try:
        run()
    finally:
        event.remove(store.engine, "before_cursor_execute", keep)
    lines = []
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        for statement, params in seen:
            lines += [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + statement, params)]
    return lines


def test_a_customers_open_tasks_are_found_by_the_customer_index(tmp_path: Path) -> None:
    # The migrations rebuild the tasks table (0016), which reorders its indexes: the team
    # index then wins a tie without statistics and a card scans every task of the team.
    store = Store(f"sqlite:///{tmp_path / 'plans.db'}", migrate=True)
    with store.unit("default") as unit:
        unit.add(Member(team_id=unit.team_id, name="Sam", created_at=T0))

    def cards() -> None:
        with store.unit("default") as unit:
            unit.open_tasks(contact_ids=[1])
            unit.open_tasks(company_ids=[2, 3])
            unit.open_tasks(contact_ids=[1], company_ids=[2])

    plans = _plans(store, cards)
    assert plans, "no task query ran"
    assert not [p for p in plans if "ix_tasks_team_id" in p or p.startswith("SCAN tasks")], plans
    assert any("ix_tasks_contact" in p for p in plans)
    assert any("ix_tasks_company" in p for p in plans)
    store.dispose()
