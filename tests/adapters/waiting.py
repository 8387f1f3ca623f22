"""Waiting without fixed sleeps: for a condition, a port, or a recorded call, with a deadline."""

from __future__ import annotations

import asyncio
import socket
import subprocess
from collections.abc import Callable


async def until(check: Callable[[], object], timeout: float = 10.0, what: str = "it") -> None:
    """Poll `check` until it is true; fail after `timeout` seconds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"waited {timeout:.0f} s for {what}")
        await asyncio.sleep(0.02)


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.1):
            return True
    except OSError:
        return False


async def port_open(
    port: int, timeout: float = 20.0, proc: subprocess.Popen[bytes] | None = None
) -> None:
    """Wait until something listens on 127.0.0.1:`port` (failing early if `proc` exits)."""

    def ready() -> bool:
        if proc is not None and proc.poll() is not None:
            output = proc.stdout.read().decode() if proc.stdout else ""
            raise AssertionError(f"the process exited: {output}")
        return _listening(port)

    await until(ready, timeout, f"port {port}")


class Signal:
    """An event that wakes every waiter each time something happens."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        """Something happened."""
        self._event.set()

    async def wait(self, check: Callable[[], bool], timeout: float) -> bool:
        """Wait until `check` holds (True), re-checking each time the signal fires, or until
        `timeout` seconds passed (False)."""
        try:
            async with asyncio.timeout(timeout):
                while not check():
                    self._event.clear()
                    await self._event.wait()
        except TimeoutError:
            return False
        return True

    async def expect(self, check: Callable[[], bool], timeout: float, what: str) -> None:
        """Like `wait`, but a timeout fails the test, saying what was awaited."""
        if not await self.wait(check, timeout):
            raise AssertionError(f"waited {timeout:.0f} s for {what}")
