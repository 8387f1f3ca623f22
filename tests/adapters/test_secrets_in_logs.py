"""`rapport run` at DEBUG against both loopback platforms: no secret reaches the output."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import aiohttp

from tests.adapters.fake_slack import FakeSlack
from tests.adapters.fake_telegram import FakeTelegram
from tests.adapters.test_slack import SlackHarness, free_port, mention
from tests.adapters.waiting import port_open

SLACK_TOKEN = "xoxb-0000-secret-slack-bot-token"
SIGNING = "signing-secret-9f8e7d6c"
TG_TOKEN = "424242:AAsecretTelegramTokenPart"
HOOK_SECRET = "hook-secret-5a4b3c2d1e"


async def test_no_secret_is_logged_at_debug(tmp_path: Path) -> None:
    slack, telegram = FakeSlack(), FakeTelegram()
    await slack.start()
    await telegram.start()
    port, hook_port = free_port(), free_port()
    env = {
        "PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "LOG_LEVEL": "DEBUG",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}",
        "SLACK_BOT_TOKEN": SLACK_TOKEN, "SLACK_SIGNING_SECRET": SIGNING,
        "SLACK_API_URL": slack.url, "PORT": str(port), "HOST": "127.0.0.1",
        "TELEGRAM_BOT_TOKEN": TG_TOKEN, "TELEGRAM_API_URL": telegram.url,
        "TELEGRAM_ADMIN_IDS": "999", "TELEGRAM_PORT": str(hook_port),
        "TELEGRAM_WEBHOOK_URL": "https://bot.example.invalid/tg-hook",
        "TELEGRAM_WEBHOOK_SECRET": HOOK_SECRET,
    }  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],
        env=env, cwd=tmp_path, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        await port_open(port, timeout=30, proc=proc)
        await port_open(hook_port, timeout=30, proc=proc)
        harness = SlackHarness(slack, port)
        harness_secret = {"secret": SIGNING}
        ts = "1763474400.000100"
        status = await harness.post(
            json.dumps({"type": "event_callback", "team_id": "T1", "api_app_id": "A1",
                        "event": mention("who is Hope?", ts=ts), "event_id": "Ev1"}),
            "application/json", **harness_secret,
        )  # fmt: skip
        assert status == 200
        await slack.wait_for("chat.postMessage", timeout=20)
        update = telegram.push_text(999, "/tasks")
        async with (
            aiohttp.ClientSession() as session,
            session.post(f"http://127.0.0.1:{hook_port}/tg-hook", json=update,
                         headers={"X-Telegram-Bot-Api-Secret-Token": HOOK_SECRET}) as resp,
        ):  # fmt: skip
            assert resp.status == 200
        await telegram.wait_for("sendMessage", timeout=20)
    finally:
        proc.terminate()
        try:
            await asyncio.to_thread(proc.wait, 20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        await slack.stop()
        await telegram.stop()
    output = proc.stdout.read().decode() if proc.stdout else ""
    assert "DEBUG" in output  # the test would prove nothing at a quieter level
    for secret in (SLACK_TOKEN, SIGNING, TG_TOKEN, TG_TOKEN.split(":")[1], HOOK_SECRET):
        assert secret not in output, f"{secret} logged"
