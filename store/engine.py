"""Engines: SQLite with WAL and foreign keys, or PostgreSQL through psycopg 3."""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url


def make_engine(url: str, lock_timeout: float = 15.0) -> Engine:
    """Create an engine for `url`, configured for safe concurrent use.

    On SQLite a writer waits up to `lock_timeout` seconds for another writer's lock before
    giving up (the core then answers "try again in a minute").
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": lock_timeout})
        memory = parsed.database in (None, "", ":memory:")

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={int(lock_timeout * 1000)}")
            if not memory:
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    # Core work runs on asyncio's default executor: at most this many threads hold a
    # session at once. SQLAlchemy's default pool keeps 5 and closes every connection
    # returned beyond that, so under load with more threads than 5, messages kept opening
    # fresh connections (a new server process each, its prepared statements made anew).
    # A few more are kept for the short transactions that take task numbers beside a
    # message's own (store/tasks.py).
    threads = min(32, (os.cpu_count() or 1) + 4)
    return create_engine(url, pool_pre_ping=True, pool_size=threads + 4, max_overflow=threads)
