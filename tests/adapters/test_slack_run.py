"""`rapport run` with only Slack settings serves signed requests and answers via SLACK_API_URL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.adapters.fake_slack import FakeSlack
from tests.adapters.test_slack import SECRET, SlackHarness, free_port, mention
from tests.adapters.waiting import port_open


async def test_rapport_run_serves_slack(tmp_path: Path) -> None:
    fake = FakeSlack()
    await fake.start()
    port = free_port()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.url,
        "PORT": str(port),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],
        env=env, cwd=tmp_path, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        await port_open(port, timeout=30, proc=proc)
        slack = SlackHarness(fake, port)
        assert await slack.event(mention("who is Hope?")) == 200
        (post,) = await fake.wait_for("chat.postMessage", timeout=20)
        assert "I don't know that customer yet" in post["text"]
        assert await slack.post("{}", "application/json", secret="bad") == 401
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        await fake.stop()
    assert proc.returncode == 0, proc.stdout.read().decode() if proc.stdout else ""
