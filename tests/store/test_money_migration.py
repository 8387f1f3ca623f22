"""Making money exact: float amounts become minor units in the team's default currency."""

from __future__ import annotations

import sqlalchemy as sa

from store import Store
from store.engine import make_engine
from store.migrate import upgrade


def test_float_amounts_become_minor_units_in_the_default_currency(store_url: str) -> None:
    engine = make_engine(store_url, 5)
    upgrade(engine, "0006")
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO teams (id, slug, name, next_task_number, "
                             "directory_version, directory_additions) "
                             "VALUES (1, 'default', 'T', 1, 0, 0)"))  # fmt: skip
        conn.execute(sa.text("INSERT INTO deals (id, team_id, amount, stage, created_at) VALUES "
                             "(1, 1, 12500.5, 'open', '2026-11-01 10:00:00'), "
                             "(2, 1, NULL, 'won', '2026-11-01 10:00:00')"))  # fmt: skip
    engine.dispose()
    store = Store(store_url, default_currency="EUR")
    with store.engine.connect() as conn:
        got = conn.execute(
            sa.text("SELECT id, amount_minor, currency, stage FROM deals ORDER BY id")
        ).all()
    store.dispose()
    assert [tuple(r) for r in got] == [(1, 1_250_050, "EUR", "lead"), (2, None, None, "won")]
