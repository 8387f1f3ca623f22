"""Writers in one process take turns at a SQLite file; readers never wait.

SQLite lets one writer in at a time, and a writer that finds the file locked sleeps and
polls: under a burst, threads of one process mostly wait on each other's sleeps. A unit of
work takes the turn just before its first write (when SQLite would take its write lock) and
gives it back when it ends, so writers queue on a lock instead of polling the file, and
long reads (a digest, an export) hold nobody up. Other processes still meet SQLite's own
locking (busy_timeout).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class StoreBusy(Exception):
    """Another unit of work of this process held a SQLite database for too long."""


class Turns:
    """The turn to write, for the units of work of one engine."""

    def __init__(self, engine: Engine, timeout: float) -> None:
        """Take turns at `engine`, waiting at most `timeout` seconds for one."""
        self.timeout = timeout
        self._lock = threading.Lock()
        self._local = threading.local()
        event.listen(engine, "before_cursor_execute", self._before_execute)

    @contextmanager
    def unit(self) -> Iterator[None]:
        """Mark this thread as inside a unit of work; a turn taken in it ends with it."""
        local = self._local
        local.depth = getattr(local, "depth", 0) + 1
        try:
            yield
        finally:
            local.depth -= 1
            if local.depth == 0 and getattr(local, "held", False):
                local.held = False
                self._lock.release()

    def _before_execute(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        local = self._local
        if not getattr(local, "depth", 0) or getattr(local, "held", False):
            return  # outside a unit (migrations, scripts), or the turn is ours already
        if not statement.lstrip()[:7].upper().startswith(_WRITES):
            return
        if not self._lock.acquire(timeout=self.timeout):
            raise StoreBusy(f"database busy for over {self.timeout:g} s")
        local.held = True
