"""The store: the only package that talks to the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import InterfaceError as _InterfaceError
from sqlalchemy.orm import Session, sessionmaker

from store import exports, models
from store.engine import make_engine
from store.migrate import upgrade
from store.touches import keep_last_touches
from store.turns import StoreBusy, Turns
from store.unit import Unit

#: Errors that mean "the database is not reachable or busy now", not "bad data".
UnavailableErrors: tuple[type[Exception], ...] = (OperationalError, _InterfaceError, StoreBusy)
#: A unique constraint refused a row another transaction wrote first (a retry can read it).
Conflict = IntegrityError


class Store:
    """A database: opened (and its schema upgraded) once, then a unit of work per call."""

    def __init__(
        self,
        url: str,
        *,
        migrate: bool = True,
        lock_timeout: float = 15.0,
        default_currency: str = "USD",
        default_tz: str = "UTC",
    ) -> None:
        """Open the database at `url`, upgrading its schema unless `migrate` is false.

        On SQLite a writer waits up to `lock_timeout` seconds for the write lock. Amounts
        stored before money had a currency are read in `default_currency`; task times
        stored before they were instants, in the owner's zone or else `default_tz`.
        """
        self.url = url
        self.engine = make_engine(url, lock_timeout)
        if migrate:
            upgrade(self.engine, default_currency=default_currency, default_tz=default_tz)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        keep_last_touches(self._sessions)
        self._turns = (
            Turns(self.engine, lock_timeout) if self.engine.dialect.name == "sqlite" else None
        )
        self._team_ids: dict[str, int] = {}

    @contextmanager
    def unit(self, team_slug: str, team_name: str = "Team") -> Iterator[Unit]:
        """One transaction for one team: committed on success, rolled back on error."""
        with self._turns.unit() if self._turns else nullcontext():  # see store/turns.py
            yield from self._unit(team_slug, team_name)

    def _unit(self, team_slug: str, team_name: str) -> Iterator[Unit]:
        known = self._team_ids.get(team_slug)
        with self._sessions() as session, session.begin():
            team_id = known if known is not None else _team(session, team_slug, team_name).id
            yield Unit(session, team_id)
        # A team's id never changes: later units skip the lookup (kept only once committed).
        self._team_ids[team_slug] = team_id

    def refresh_statistics(self) -> None:
        """After a bulk load, let the database's planner see the tables as they now are.

        PostgreSQL plans from statistics that autovacuum refreshes only a minute or more
        after a load; until then it takes a freshly filled table for a few dozen rows, and
        a card that takes 0.2 ms takes 120 ms (it walks every interaction of the team).
        SQLite here keeps no statistics on purpose: its queries are written so that the
        planner's default choice is the right one (see `store.scoped.about_customers`).
        """
        if self.engine.dialect.name != "postgresql":
            return
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _team(session: Session, slug: str, name: str) -> models.Team:
    team = session.scalar(select(models.Team).where(models.Team.slug == slug))
    if team is None:
        # Two processes may race to create the team: the loser reads the winner's row.
        try:
            with session.begin_nested():
                team = models.Team(slug=slug, name=name, next_task_number=1)
                session.add(team)
        except IntegrityError:
            team = session.scalars(select(models.Team).where(models.Team.slug == slug)).one()
    return team


def utcnow() -> dt.datetime:
    """Aware UTC now."""
    return dt.datetime.now(dt.UTC)


__all__ = [
    "Conflict",
    "Store",
    "StoreBusy",
    "UnavailableErrors",
    "Unit",
    "exports",
    "models",
    "utcnow",
]
