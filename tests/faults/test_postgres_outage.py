"""PostgreSQL stops mid-conversation: the user hears "try again", nothing is half-written,
and the bot recovers when the database is back, without a restart.

The test runs its own throwaway server (initdb in a temporary directory), never the shared one.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from handlers.core import UNAVAILABLE, Core, CoreSettings
from handlers.exporter import tables
from handlers.importer import import_path
from handlers.types import Message
from store import Store
from tests.conftest import DIRECTORY, NOW


def _bin(name: str) -> str | None:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))), None
    )
    return found


def _as_postgres(args: list[str]) -> list[str]:
    # initdb refuses to run as root; drop to the postgres user when we are root.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


class Server:
    """A throwaway PostgreSQL on 127.0.0.1."""

    def __init__(self, data: Path, port: int) -> None:
        self.data, self.port = data, port
        self.pg_ctl = _bin("pg_ctl") or "pg_ctl"

    def start(self) -> None:
        opts = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(_as_postgres([self.pg_ctl, "-D", str(self.data), "-o", opts, "-w", "-t", "30",
                                     "-l", str(self.data / "log"), "start"]),
                       check=True, capture_output=True)  # fmt: skip

    def stop(self, mode: str = "immediate") -> None:
        subprocess.run(_as_postgres([self.pg_ctl, "-D", str(self.data), "-m", mode, "-w", "stop"]),
                       check=False, capture_output=True)  # fmt: skip

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres?connect_timeout=3"


@pytest.fixture
def server() -> Iterator[Server]:
    initdb = _bin("initdb")
    if initdb is None:
        pytest.skip("PostgreSQL server binaries (initdb) are not installed")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: cannot start a private PostgreSQL")
    data = Path(tempfile.mkdtemp(prefix="rapport-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    init = subprocess.run(_as_postgres([initdb, "-D", str(data), "-A", "trust", "-U", "postgres",
                                        "--no-sync", "-E", "UTF8"]), capture_output=True)  # fmt: skip
    if init.returncode != 0:
        pytest.skip(f"initdb failed here: {init.stderr.decode()[-200:]}")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = Server(data, port)
    srv.start()
    yield srv
    srv.stop()
    shutil.rmtree(data, ignore_errors=True)


def message(text: str, key: str) -> Message:
    return Message(platform="console", user="sam", chat="dm", text=text, sent_at=NOW,
                   message_id=key)  # fmt: skip


def test_database_outage_mid_conversation(server: Server) -> None:
    store = Store(server.url)
    core = Core(store, CoreSettings(default_tz="America/New_York"), clock=lambda: NOW)
    core.in_unit(import_path, DIRECTORY, core.clock())
    (first,) = core.handle(message("called Hope, she wants a quote friday", "m1"))
    assert "Logged call with Hope Ferreira" in first.text

    server.stop()
    (down,) = core.handle(message("visited Redfern, all fine", "m2"))
    assert down.text == UNAVAILABLE

    server.start()
    (back,) = core.handle(message("visited Redfern, all fine", "m2"))  # the user tries again
    assert "Logged visit with Redfern Dairy" in back.text
    with store.unit("default") as unit:
        exported = tables(unit)
        summaries = [i["summary"] for i in exported["interactions"]]
        assert summaries == ["called Hope, she wants a quote friday", "visited Redfern, all fine"]
        assert [t["number"] for t in exported["tasks"]] == [1]
    store.dispose()
