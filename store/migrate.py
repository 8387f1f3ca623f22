"""Schema upgrades through Alembic, run programmatically at start."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

HERE = Path(__file__).resolve().parent


def alembic_config(
    engine: Engine, default_currency: str = "USD", default_tz: str = "UTC"
) -> Config:
    """An Alembic config that runs our migrations on `engine`'s database.

    `default_currency` is the currency existing amounts are read in when a migration
    makes money exact; `default_tz` the zone of task times whose owner has none, when
    a migration turns them into instants.
    """
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE / "migrations"))
    cfg.attributes["engine"] = engine
    cfg.attributes["default_currency"] = default_currency
    cfg.attributes["default_tz"] = default_tz
    return cfg


def upgrade(
    engine: Engine, revision: str = "head", default_currency: str = "USD", default_tz: str = "UTC"
) -> None:
    """Create or upgrade the schema to `revision`."""
    command.upgrade(alembic_config(engine, default_currency, default_tz), revision)


#: Search objects the models do not describe (migration 0009): SQLite's FTS5 table with
#: its shadow tables and triggers, PostgreSQL's generated tsvector column and its index.
SEARCH_OBJECTS = ("interactions_fts", "search_vector", "ix_interactions_search")


def described_by_models(name: str | None, type_: str, parent_names: object) -> bool:
    """Whether schema comparison should look at this object (Alembic's `include_name`)."""
    return not (name or "").startswith(SEARCH_OBJECTS)
