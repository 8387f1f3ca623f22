"""The terminal chat as a process: it ends at once and quietly, however it is left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _chat(tmp_path: Path, stdin: int) -> subprocess.Popen[bytes]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'rapport.db'}",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "chat", "--user", "sam"],
        cwd=tmp_path,
        env=env,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _ready(proc: subprocess.Popen[bytes], db: Path, limit: float = 60.0) -> None:
    """Wait until the chat has opened its database (the scheduler ticks at once)."""
    deadline = time.monotonic() + limit
    while not db.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)


def test_ctrl_c_quits_at_once_without_a_traceback(tmp_path: Path) -> None:
    # A terminal that types nothing: the chat is blocked reading its next line.
    reader, writer = os.pipe()
    try:
        proc = _chat(tmp_path, reader)
        _ready(proc, tmp_path / "rapport.db")
        proc.send_signal(signal.SIGINT)
        try:
            out, _ = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            pytest.fail("Ctrl-C left the terminal chat running")
    finally:
        os.close(reader)
        os.close(writer)
    assert b"Traceback" not in out, out.decode()


def test_empty_input_ends_the_chat_without_a_traceback(tmp_path: Path) -> None:
    proc = _chat(tmp_path, subprocess.DEVNULL)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out.decode()
    assert b"Traceback" not in out, out.decode()
    assert b"ERROR" not in out, out.decode()
