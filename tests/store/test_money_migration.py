"""Making money exact: float amounts become minor units in the team's default currency."""

from __future__ import annotations

import sqlalchemy as sa

from store import Store
from store.engine import make_engine
from store.migrate import upgrade


def test_float_amounts_become_minor_units_in_the_default_currency(store_url: str) -> None:
    engine = make_engine(store_url, 5)
    upgrade(engine, "0010")
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


def test_interaction_amounts_convert_with_their_links_in_place(store_url: str) -> None:
    engine = make_engine(store_url, 5)
    upgrade(engine, "0010")
    day = "2026-11-02 09:00:00"
    with engine.begin() as conn:
        for statement in (
            "INSERT INTO teams (id, slug, name, next_task_number) VALUES (1, 'default', 'T', 1)",
            "INSERT INTO members (id, team_id, name, role, active, created_at) "
            f"VALUES (1, 1, 'Sam', 'member', true, '{day}')",
            "INSERT INTO interactions (id, team_id, kind, summary, occurred_at, amount, author_id, "
            f"source_platform, message_key, created_at) VALUES (1, 1, 'call', 'x', '{day}', 99.99, "
            f"1, 'console', 'a', '{day}')",
            "INSERT INTO companies (id, team_id, name, aliases, created_at) "
            f"VALUES (1, 1, 'Acme', '[]', '{day}')",
            "INSERT INTO interaction_customers (interaction_id, company_id) VALUES (1, 1)",
        ):
            conn.execute(sa.text(statement))
    engine.dispose()
    store = Store(store_url)
    with store.engine.connect() as conn:
        got = conn.execute(sa.text("SELECT amount_minor, currency FROM interactions")).one()
    store.dispose()
    assert tuple(got) == (9999, "USD")
