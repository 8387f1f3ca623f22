"""The store: migrations match the models, engines are set up safely, rows stay per team."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from store import Store
from store.migrate import described_by_models
from store.models import Base, Company, InboundKey


def test_migrations_create_exactly_the_models_schema(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"include_name": described_by_models}),
            Base.metadata,
        )
    assert diff == []


def test_migrating_twice_is_harmless(store_url: str) -> None:
    Store(store_url).dispose()
    again = Store(store_url)
    with again.unit("default") as unit:
        assert unit.team_id > 0
    again.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(store: Store) -> None:
    if store.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_times_come_back_aware_utc(store: Store) -> None:
    when = dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    with store.unit("default") as unit:
        unit.add(Company(team_id=unit.team_id, name="Acme", aliases=[], created_at=when))
    with store.unit("default") as unit:
        (company,) = unit.companies()
        assert company.created_at == when
        assert company.created_at.tzinfo == dt.UTC


def test_naive_times_are_refused(store: Store) -> None:
    with store.unit("default") as unit:
        naive = Company(team_id=unit.team_id, name="X", created_at=dt.datetime(2026, 1, 1))
        unit.add(naive)
        with pytest.raises(Exception, match="naive"):
            unit.flush()


def test_each_team_sees_only_its_own_rows(store: Store) -> None:
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with store.unit("a") as unit:
        unit.add(Company(team_id=unit.team_id, name="Acme", aliases=[], created_at=now))
    with store.unit("b") as unit:
        assert unit.companies() == []
        assert unit.company_named("Acme") is None
    with store.unit("a") as unit:
        (acme,) = unit.companies()
    with store.unit("b") as unit:
        assert unit.company(acme.id) is None


def test_an_inbound_key_can_be_stored_once(store: Store) -> None:
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with store.unit("default") as unit:
        unit.remember("slack", "E1", [], now)
    with pytest.raises(IntegrityError), store.unit("default") as unit:
        unit.add(InboundKey(team_id=unit.team_id, platform="slack", key="E1", replies=[], at=now))


def test_task_numbers_are_unique_and_increasing(store: Store) -> None:
    with store.unit("default") as unit:
        numbers = [unit.next_task_number() for _ in range(3)]
    with store.unit("default") as unit:
        numbers.append(unit.next_task_number())
    assert numbers == [1, 2, 3, 4]
