"""kill -9 `rapport run` while it works through a backlog of Telegram updates, restart: each
message is stored exactly once. Telegram redelivers what was not acknowledged, so this holds
only if the offset moves after an update is stored, never before."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.adapters.fake_telegram import FakeTelegram
from tests.adapters.waiting import until
from tests.conftest import DIRECTORY

ADMIN = 999
MESSAGES = 300


def stored(db: Path) -> list[str]:
    if not db.exists():
        return []
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return [r[0] for r in conn.execute("select summary from interactions")]
    except sqlite3.OperationalError:  # the schema is still being created
        return []


def start(env: dict[str, str], cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], env=env, cwd=cwd,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip


async def test_kill_9_mid_backlog_then_restart_stores_each_update_once(tmp_path: Path) -> None:
    fake = FakeTelegram()
    await fake.start()
    db = tmp_path / "tg.db"
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "LOG_LEVEL": "WARNING",
           "TELEGRAM_BOT_TOKEN": "123:KILL", "TELEGRAM_API_URL": fake.url,
           "TELEGRAM_ADMIN_IDS": str(ADMIN), "DATABASE_URL": f"sqlite:///{db}"}  # fmt: skip
    subprocess.run([sys.executable, "-m", "bot.cli", "import", str(DIRECTORY)],
                   env=env, cwd=tmp_path, check=True, capture_output=True)  # fmt: skip
    for i in range(MESSAGES):
        fake.push_text(ADMIN, f"visited Pinecrest, check #{i} done")
    proc = start(env, tmp_path)
    try:
        await until(lambda: len(stored(db)) >= MESSAGES // 3, 60, "a third of the backlog")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        before = len(stored(db))
        assert 0 < before < MESSAGES, f"{before} stored before the kill"

        proc = start(env, tmp_path)
        # Updates are handled in order: once one sent after the backlog is stored, any
        # redelivered duplicate of the backlog would be too.
        fake.push_text(ADMIN, "visited Pinecrest, check #last done")
        await until(lambda: "check #last" in " ".join(stored(db)), 90, "the whole backlog")
        summaries = stored(db)
        assert len(summaries) == MESSAGES + 1, f"{len(summaries)} stored, {before} before the kill"
        assert len(set(summaries)) == MESSAGES + 1
    finally:
        if proc.poll() is None:
            proc.terminate()
            await asyncio.to_thread(proc.wait, 20)
        await fake.stop()
