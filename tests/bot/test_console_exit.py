"""The terminal chat as a process: it ends at once and quietly, however it is left."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _as_a_terminal_would() -> None:
    # A shell without job control starts background commands with SIGINT ignored, and a
    # child inherits that: the chat would never see the Ctrl-C this test sends. A terminal
    # gives its foreground job the default disposition; so does this.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


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
        preexec_fn=_as_a_terminal_would,
    )


def _answered(proc: subprocess.Popen[bytes], writer: int, limit: float = 60.0) -> bytes:
    """Say "help" and wait for the answer: the chat is up and blocked on its next line."""
    assert proc.stdout is not None
    os.write(writer, b"help\n")
    seen = b""
    deadline = time.monotonic() + limit
    while b"I keep your customer log" not in seen:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([proc.stdout], [], [], max(left, 0))
        if not ready:
            pytest.fail(f"no answer to help within {limit} s: {seen.decode()}")
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            pytest.fail(f"the chat ended before answering: {seen.decode()}")
        seen += chunk
    return seen


def test_ctrl_c_quits_at_once_without_a_traceback(tmp_path: Path) -> None:
    # A terminal that types one line, then nothing: the chat is blocked reading the next.
    reader, writer = os.pipe()
    try:
        proc = _chat(tmp_path, reader)
        before = _answered(proc, writer)
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
    out = before + out
    assert b"Traceback" not in out, out.decode()


def test_empty_input_ends_the_chat_without_a_traceback(tmp_path: Path) -> None:
    proc = _chat(tmp_path, subprocess.DEVNULL)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out.decode()
    assert b"Traceback" not in out, out.decode()
    assert b"ERROR" not in out, out.decode()


def test_a_typed_chat_keeps_log_lines_out_of_the_conversation(tmp_path: Path) -> None:
    # A person at a terminal: stdin is a tty. At DEBUG every tick and query logs a line.
    import pty

    leader, follower = pty.openpty()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'rapport.db'}",
        "LOG_LEVEL": "DEBUG",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "chat", "--user", "sam"],
        cwd=tmp_path,
        env=env,
        stdin=follower,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        os.write(leader, b"help\nquit\n")
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(leader)
        os.close(follower)
    assert b"Try" in out or b"help" in out.lower()
    assert b"DEBUG" not in out + err, (out + err).decode()[:2000]
    assert b"DEBUG" in (tmp_path / "rapport.log").read_bytes()
