"""A SQLite file locked by another writer: the bot waits and succeeds, or says so clearly."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from handlers.core import UNAVAILABLE, Core, CoreSettings
from handlers.importer import import_path
from handlers.types import Message, Reply
from store import Store
from tests.conftest import DIRECTORY, NOW


def message(key: str) -> Message:
    return Message(platform="console", user="sam", chat="dm", sent_at=NOW,
                   text="called Hope, she wants a quote friday", message_id=key)  # fmt: skip


def hold_lock(path: Path, seconds: float, ready: threading.Event) -> None:
    conn = sqlite3.connect(path, timeout=1, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    ready.set()
    time.sleep(seconds)
    conn.execute("COMMIT")
    conn.close()


def count_interactions(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("select count(*) from interactions").fetchone()[0])


def test_waits_for_a_short_lock_and_succeeds(tmp_path: Path) -> None:
    db = tmp_path / "locked.db"
    core = Core(Store(f"sqlite:///{db}", lock_timeout=5), CoreSettings(), clock=lambda: NOW)
    core.in_unit(import_path, DIRECTORY, core.clock())
    ready = threading.Event()
    holder = threading.Thread(target=hold_lock, args=(db, 1.0, ready))
    holder.start()
    ready.wait()
    started = time.monotonic()
    (reply,) = core.handle(message("m1"))
    holder.join()
    assert "Logged call with Hope Ferreira" in reply.text
    assert time.monotonic() - started >= 0.5  # it really waited
    assert count_interactions(db) == 1


def test_a_lock_held_too_long_gets_a_clear_answer_and_nothing_half_written(tmp_path: Path) -> None:
    db = tmp_path / "locked.db"
    core = Core(Store(f"sqlite:///{db}", lock_timeout=0.5), CoreSettings(), clock=lambda: NOW)
    core.in_unit(import_path, DIRECTORY, core.clock())
    ready = threading.Event()
    holder = threading.Thread(target=hold_lock, args=(db, 2.0, ready))
    holder.start()
    ready.wait()
    (reply,) = core.handle(message("m2"))
    holder.join()
    assert reply.text == UNAVAILABLE
    assert count_interactions(db) == 0
    (retry,) = core.handle(message("m2"))  # the same message, once the lock is gone
    assert "Logged call" in retry.text
    assert count_interactions(db) == 1


def test_threads_of_one_process_take_turns_and_all_succeed(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    # A short SQLite timeout: without turns, threads racing for the file would give up.
    core = Core(Store(f"sqlite:///{db}", lock_timeout=2), CoreSettings(), clock=lambda: NOW)
    core.in_unit(import_path, DIRECTORY, core.clock())
    replies: list[str] = []

    def send(i: int) -> None:
        (reply,) = core.handle(message(f"t{i}"))
        replies.append(reply.text)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(replies) == 16, replies
    assert all("Logged call" in r for r in replies), replies
    assert count_interactions(db) == 16


def while_another_unit_is_open(tmp_path: Path, writes: bool, key: str) -> tuple[Reply, Core, Path]:
    """Send one message while another thread of this process sits in an open unit of work
    (which has written, or only read); return the reply."""
    db = tmp_path / "held.db"
    store = Store(f"sqlite:///{db}", lock_timeout=0.3)
    core = Core(store, CoreSettings(), clock=lambda: NOW)
    core.in_unit(import_path, DIRECTORY, core.clock())
    ready, release = threading.Event(), threading.Event()

    def hold() -> None:
        with store.unit("default") as unit:
            if writes:
                unit.touch_directory()  # the turn to write is now taken until the unit ends
            else:
                unit.contacts()  # like a digest being built
            ready.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    ready.wait()
    try:
        (reply,) = core.handle(message(key))
    finally:
        release.set()
        holder.join()
    return reply, core, db


def test_a_unit_held_too_long_in_process_gets_the_clear_answer(tmp_path: Path) -> None:
    reply, core, db = while_another_unit_is_open(tmp_path, writes=True, key="h1")
    assert reply.text == UNAVAILABLE
    assert count_interactions(db) == 0
    (retry,) = core.handle(message("h1"))
    assert "Logged call" in retry.text
    assert count_interactions(db) == 1


def test_a_long_read_holds_no_writer_up(tmp_path: Path) -> None:
    reply, _, db = while_another_unit_is_open(tmp_path, writes=False, key="r1")
    assert "Logged call" in reply.text
    assert count_interactions(db) == 1
