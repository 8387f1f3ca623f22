"""`rapport run --workers N`: several processes share Slack's port on PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.adapters.fake_slack import FakeSlack
from tests.adapters.test_slack import SECRET, SlackHarness, free_port, mention
from tests.adapters.waiting import port_open
from tests.conftest import PG_URL, _pg_url

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path, url: str, port: int, api_url: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": api_url,
        "PORT": str(port),
        "DATABASE_URL": url,
    }


def test_several_workers_are_refused_on_sqlite(tmp_path: Path) -> None:
    env = _env(tmp_path, f"sqlite:///{tmp_path / 'run.db'}", free_port(), "http://127.0.0.1:9")
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run", "--workers", "2"],
        env=env, cwd=tmp_path, stdin=subprocess.DEVNULL, capture_output=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert b"need PostgreSQL" in done.stderr


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
async def test_two_workers_share_the_port_and_store_each_event_once(tmp_path: Path) -> None:
    fake = FakeSlack()
    await fake.start()
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run", "--workers", "2"],
        env=_env(tmp_path, _pg_url(), port, fake.url), cwd=tmp_path,
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        await port_open(port, timeout=60, proc=proc)
        workers = _children(proc.pid)
        assert len(workers) == 1, workers  # the first process and one more
        slack = SlackHarness(fake, port)
        texts = [f"called Hope, she wants quote {i} friday" for i in range(40)]
        statuses = await asyncio.gather(
            *(slack.event(mention(t, ts=f"1763474400.{i:06d}")) for i, t in enumerate(texts))
        )
        assert set(statuses) == {200}
        posts = await fake.wait_for("chat.postMessage", count=len(texts), timeout=60)
        assert len(posts) == len(texts)
        # Slack retries every event once: each is still stored and answered once.
        for i, t in enumerate(texts):
            await slack.event(mention(t, ts=f"1763474400.{i:06d}"), event_id=f"Ev{i + 1}", retry=1)
        # A fresh event after the retries: once it is answered, any repeat would be too.
        await slack.event(mention("who is Hope?", ts="1763474500.000001"))
        await fake.wait_for("chat.postMessage", count=len(texts) + 1, timeout=60)
        await asyncio.sleep(1)
        assert len(fake.named("chat.postMessage")) == len(texts) + 1
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
        await fake.stop()
    assert proc.returncode == 0, out.decode()
    assert _children(proc.pid) == []
