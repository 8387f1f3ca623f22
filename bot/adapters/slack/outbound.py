"""Posting to Slack: one message per second per channel; 429s waited out by slack_sdk."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.render import render
from handlers.types import Reply


class Pacer:
    """Keeps at least `interval` seconds between posts to the same channel."""

    def __init__(self, interval: float = 1.0) -> None:
        """Keep `interval` seconds between posts to one channel."""
        self.interval = interval
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._last: dict[str, float] = {}

    async def wait(self, channel: str) -> asyncio.Lock:
        """Hold the channel's turn; returns the lock the caller releases after sending."""
        lock = self._locks[channel]
        await lock.acquire()
        gap = self.interval - (time.monotonic() - self._last.get(channel, 0.0))
        if gap > 0:
            await asyncio.sleep(gap)
        return lock

    def sent(self, channel: str, lock: asyncio.Lock) -> None:
        """Mark a post as done and give the channel to the next sender."""
        self._last[channel] = time.monotonic()
        lock.release()


class Poster:
    """Sends replies to channels, threads and people."""

    def __init__(self, client: AsyncWebClient, pacer: Pacer) -> None:
        """Post with `client`, taking turns through `pacer`."""
        self.client = client
        self.pacer = pacer

    async def post(self, channel: str, reply: Reply, thread_ts: str | None = None) -> Any:
        """chat.postMessage, paced per channel."""
        return await self.post_rendered(channel, render(reply), thread_ts)

    async def post_rendered(
        self, channel: str, payload: dict[str, Any], thread_ts: str | None = None
    ) -> Any:
        """chat.postMessage of an already rendered message (a share of a long reply)."""
        lock = await self.pacer.wait(channel)
        try:
            return await self.client.chat_postMessage(
                channel=channel, thread_ts=thread_ts, **payload
            )
        finally:
            self.pacer.sent(channel, lock)

    async def update(self, channel: str, ts: str, reply: Reply) -> Any:
        """chat.update of a card in place."""
        lock = await self.pacer.wait(channel)
        try:
            return await self.client.chat_update(channel=channel, ts=ts, **render(reply))
        finally:
            self.pacer.sent(channel, lock)

    async def ephemeral(
        self, channel: str, user: str, reply: Reply, thread_ts: str | None = None
    ) -> Any:
        """chat.postEphemeral: seen by one person only, in a channel (or its thread)."""
        lock = await self.pacer.wait(channel)
        try:
            return await self.client.chat_postEphemeral(
                channel=channel, user=user, thread_ts=thread_ts, **render(reply)
            )
        finally:
            self.pacer.sent(channel, lock)
