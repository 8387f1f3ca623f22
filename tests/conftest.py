"""Shared fixtures: a real store on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from handlers.core import Core, CoreSettings
from handlers.importer import import_path
from handlers.types import Action, Message, Reply
from store import Store

PG_URL = os.environ.get("TEST_DATABASE_URL")
PG_SCHEMA = "rapport_test"
DIRECTORY = Path(__file__).resolve().parents[1] / "examples" / "team.json"
# Wed 18 Nov 2026, 09:00 in New York.
NOW = dt.datetime(2026, 11, 18, 14, 0, tzinfo=dt.UTC)


def _pg_url() -> str:
    assert PG_URL
    import sqlalchemy as sa

    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(sa.text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
        conn.execute(sa.text(f"CREATE SCHEMA {PG_SCHEMA}"))
    engine.dispose()
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{PG_SCHEMA}"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database URL for each test, on each backend present."""
    if request.param == "postgresql":
        if not PG_URL:
            pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
        return _pg_url()
    return f"sqlite:///{tmp_path / 'rapport.db'}"


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A migrated store."""
    s = Store(store_url)
    yield s
    s.dispose()


class Clock:
    """A settable clock for the core."""

    def __init__(self, now: dt.datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        """Move time forward."""
        self.now += dt.timedelta(**kwargs)


@pytest.fixture
def clock() -> Clock:
    """The fixed clock tests share."""
    return Clock()


@pytest.fixture
def core(store: Store, clock: Clock) -> Core:
    """A core on a fresh store with the dev directory imported; team zone New York."""
    c = Core(
        store,
        CoreSettings(default_tz="America/New_York", admin_ids=frozenset({("telegram", "999")})),
        clock=clock,
    )
    assert c.in_unit(import_path, DIRECTORY, c.clock()).ok
    return c


Say = Callable[..., list[Reply]]


@pytest.fixture
def say(core: Core, clock: Clock) -> Say:
    """Send a message (or a button press) as someone; returns the replies."""
    counter = iter(range(1, 1_000_000))

    def send(
        text: str = "",
        *,
        user: str = "sam",
        platform: str = "console",
        chat: str = "dm",
        action: tuple[str, str] | None = None,
        key: str | None = None,
        direct: bool = True,
        name: str | None = None,
    ) -> list[Reply]:
        message = Message(
            platform=platform,  # type: ignore[arg-type]
            user=user,
            chat=chat,
            text=text,
            sent_at=clock.now,
            message_id=key or f"k{next(counter)}",
            user_name=name,
            user_tz="America/New_York" if platform != "telegram" else None,
            action=Action(*action) if action else None,
            is_direct=direct,
        )
        return core.handle(message)

    return send
