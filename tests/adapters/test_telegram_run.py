"""`rapport run` with only Telegram settings polls TELEGRAM_API_URL and answers there."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from tests.adapters.fake_telegram import FakeTelegram


async def test_rapport_run_polls_telegram(tmp_path: Path) -> None:
    fake = FakeTelegram()
    await fake.start()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "TELEGRAM_BOT_TOKEN": "123:TEST",
        "TELEGRAM_API_URL": fake.url,
        "TELEGRAM_ADMIN_IDS": "999",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],
        env=env, cwd=tmp_path, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        await fake.wait_for("setMyCommands", timeout=30)
        fake.push_text(555, "who is Hope?")
        fake.push_text(999, "/tasks")
        sent = await fake.wait_for("sendMessage", 2, timeout=30)
        by_chat = {str(m["chat_id"]): str(m["text"]) for m in sent}
        assert "private team bot" in by_chat["555"]
        assert "no open tasks" in by_chat["999"]
    finally:
        proc.terminate()
        try:
            # Wait off the loop: the fake server must keep answering while the bot stops.
            await asyncio.to_thread(proc.wait, 20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        await fake.stop()
    output = proc.stdout.read().decode() if proc.stdout else ""
    assert proc.returncode == 0, output
    assert "123:TEST" not in output  # the bot token never reaches the logs
