"""Several processes serving one port, for a team that outgrows one (PostgreSQL only).

The first process starts the others as `rapport run --worker I` and stops them when it
stops. Each is a whole Rapport: its own connection pool, directory cache and scheduler.
The kernel spreads incoming requests over them (SO_REUSEPORT); the database's claims
keep nudges and digests single; Telegram long polling runs in the first process only,
since Telegram answers one poller at a time (a webhook is served by all).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys

from bot.config import Settings

log = logging.getLogger(__name__)


def refusal(settings: Settings) -> str | None:
    """Why these settings cannot run several workers, or None when they can."""
    if settings.workers == 1:
        return None
    if settings.database_url.startswith("sqlite"):
        return (
            "Several workers need PostgreSQL (DATABASE_URL=postgresql+psycopg://…): "
            "SQLite takes one writing process."
        )
    if not (settings.slack_configured or settings.telegram_configured):
        return "Workers serve Slack or Telegram; with neither configured there is nothing to share."
    return None


def start_others(count: int) -> list[subprocess.Popen[bytes]]:
    """Start workers 1 … count-1, each `rapport run --worker I` with this environment."""
    env = {**os.environ, "RAPPORT_WORKERS": str(count)}
    others = []
    for index in range(1, count):
        others.append(
            subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "run", "--worker", str(index)],
                env=env,
                stdin=subprocess.DEVNULL,
            )
        )
    log.info("Started %d more workers", count - 1)
    return others


def stop_others(others: list[subprocess.Popen[bytes]], grace: float = 20.0) -> None:
    """SIGTERM each worker, then SIGKILL those still running after `grace` seconds."""
    for proc in others:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
    for proc in others:
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
