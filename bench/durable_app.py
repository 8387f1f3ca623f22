"""The durable floor for bench/slack_e2e.py: bare slack-bolt that stores each event before
it acknowledges it, then posts its reply, served over HTTP on 127.0.0.1 like `rapport run`.

It does what Rapport must do at the least for every message and nothing more: one INSERT
of the event id and text, committed (SQLite in WAL mode with synchronous=NORMAL, Rapport's
settings), before the HTTP 200 (bolt's process_before_response, as Rapport runs it); the
reply is posted in the background. A repeated event id is answered once.

Usage: SLACK_BOT_TOKEN=... SLACK_SIGNING_SECRET=... python -m bench.durable_app PORT [API_URL]
(API_URL defaults to $SLACK_API_URL; the database is $DURABLE_DB, default ./durable.db).
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import sys
import threading
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bench.echo_app import serve


class Inbox:
    """One SQLite connection, used by one writer at a time (as Rapport's turns do)."""

    def __init__(self, path: str) -> None:
        self.conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS inbox (event_id TEXT PRIMARY KEY, text TEXT NOT NULL)"
        )
        self.lock = threading.Lock()

    def store(self, event_id: str, text: str) -> bool:
        """Insert and commit; False when the event was stored before (a retry)."""
        with self.lock:
            self.conn.execute("BEGIN")
            cur = self.conn.execute(
                "INSERT INTO inbox VALUES (?, ?) ON CONFLICT DO NOTHING", (event_id, text)
            )
            self.conn.execute("COMMIT")
            return cur.rowcount == 1


def build_app(token: str, secret: str, api_url: str) -> AsyncApp:
    """An AsyncApp that stores each app_mention, acknowledges, then replies in its thread.

    Must be called inside a running loop (the client's session binds to it).
    """
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
    client = AsyncWebClient(token=token, base_url=api_url, session=session)
    app = AsyncApp(signing_secret=secret, client=client, process_before_response=True)
    inbox = Inbox(os.environ.get("DURABLE_DB", "durable.db"))
    pending: set[asyncio.Task[Any]] = set()

    @app.event("app_mention")
    async def store_then_reply(
        body: dict[str, Any], event: dict[str, Any], client: AsyncWebClient
    ) -> None:
        fresh = await asyncio.to_thread(inbox.store, body["event_id"], event["text"])
        if fresh:
            post = client.chat_postMessage(
                channel=event["channel"], thread_ts=event["ts"], text=event["text"]
            )
            task = asyncio.ensure_future(post)
            pending.add(task)
            task.add_done_callback(pending.discard)

    return app


def main() -> None:
    """Read the port and API URL from argv/env and serve."""
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "WARNING"))
    port = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("PORT", "3000"))
    api_url = sys.argv[2] if len(sys.argv) > 2 else os.environ["SLACK_API_URL"]
    asyncio.run(serve(port, api_url, build_app))


if __name__ == "__main__":
    main()
