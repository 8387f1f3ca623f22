"""kill -9 `rapport run` in the middle of 1,000 Slack events, restart, replay Slack's retries:
every event is stored exactly once.

Slack retries only what did not get an HTTP 200, so that is all the replay sends: an event
acknowledged and then lost in the crash would show up as missing.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
from slack_sdk.signature import SignatureVerifier

from tests.adapters.fake_slack import FakeSlack
from tests.adapters.waiting import port_open, until
from tests.conftest import DIRECTORY

SECRET = "burst-secret"
EVENTS = 1000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(env: dict[str, str], cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], env=env, cwd=cwd,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip


def body(i: int) -> str:
    ts = f"1763474400.{i:06d}"
    event = {"type": "app_mention", "user": f"U{i % 7}", "ts": ts, "channel": f"C{i % 200}",
             "channel_type": "channel", "text": f"<@UBOT> visited Pinecrest, check #{i} done"}  # fmt: skip
    return json.dumps({"type": "event_callback", "team_id": "T1", "api_app_id": "A1",
                       "event": event, "event_id": f"Ev{i}", "event_time": 1763474400})  # fmt: skip


async def send(session: aiohttp.ClientSession, url: str, i: int, retry: int) -> bool:
    payload = body(i)
    ts = str(int(time.time()))
    headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": ts,
               "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=payload)}  # fmt: skip
    if retry:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    try:
        async with session.post(url, data=payload.encode(), headers=headers) as resp:
            return resp.status == 200
    except (TimeoutError, aiohttp.ClientError):
        return False


async def burst(
    url: str,
    numbers: list[int],
    retry: int,
    kill: subprocess.Popen[bytes] | None = None,
    db: Path | None = None,
) -> list[int]:
    """Send every event, 25 at a time; returns the numbers that did not get a 200. With
    `kill`, that process gets SIGKILL once some of the thirteenth batch is stored in `db`."""
    failed: list[int] = []
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        for start_at in range(0, len(numbers), 25):
            batch = numbers[start_at : start_at + 25]
            sends = asyncio.gather(*(send(session, url, i, retry) for i in batch))
            if kill is not None and db is not None and start_at == 300:
                # Killed mid-batch: some of it stored, the rest in flight.
                await until(lambda: len(stored(db)) > 300, 30, "the batch to be stored")
                os.kill(kill.pid, signal.SIGKILL)
            results = await sends
            failed += [i for i, ok in zip(batch, results, strict=True) if not ok]
    return failed


def stored(db: Path) -> list[str]:
    if not db.exists():
        return []
    with sqlite3.connect(db, timeout=30) as conn:
        return [r[0] for r in conn.execute("select summary from interactions")]


async def test_kill_9_mid_burst_then_retries_store_each_event_once(tmp_path: Path) -> None:
    fake = FakeSlack()
    await fake.start()
    port = free_port()
    db = tmp_path / "burst.db"
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "LOG_LEVEL": "WARNING",
           "SLACK_BOT_TOKEN": "xoxb-burst", "SLACK_SIGNING_SECRET": SECRET,
           "SLACK_API_URL": fake.url, "PORT": str(port), "DATABASE_URL": f"sqlite:///{db}"}  # fmt: skip
    url = f"http://127.0.0.1:{port}/slack/events"
    subprocess.run([sys.executable, "-m", "bot.cli", "import", str(DIRECTORY)],
                   env=env, cwd=tmp_path, check=True, capture_output=True)  # fmt: skip
    proc = start(env, tmp_path)
    try:
        await port_open(port, 30, proc)
        failed = await burst(url, list(range(EVENTS)), retry=0, kill=proc, db=db)
        proc.wait()
        before = len(stored(db))
        assert 0 < before < EVENTS
        assert 0 < len(failed) < EVENTS

        proc = start(env, tmp_path)
        await port_open(port, 30, proc)
        still = await burst(url, failed, retry=1)  # Slack retries what it saw fail
        assert still == []
        summaries = stored(db)  # a 200 means committed: nothing to wait for
        missing = sorted(set(range(EVENTS)) - {int(x.split("#")[1].split()[0]) for x in summaries})
        assert len(summaries) == EVENTS, f"{missing} missing, {before} stored before the restart"
        assert len(set(summaries)) == EVENTS
    finally:
        if proc.poll() is None:
            proc.terminate()
            await asyncio.to_thread(proc.wait, 20)
        await fake.stop()
