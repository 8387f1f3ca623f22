"""The baseline for bench/slack_e2e.py: a bare slack-bolt app that only echoes app_mentions
into their thread, served over HTTP on 127.0.0.1 like `rapport run`.

Its Web API client gets one pooled aiohttp session, as rapport's does (slack_sdk otherwise
opens a connection per call), so the two differ only in what happens between the request and
the reply.

Usage: SLACK_BOT_TOKEN=... SLACK_SIGNING_SECRET=... python bench/echo_app.py PORT [API_URL]
(API_URL defaults to $SLACK_API_URL).
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from collections.abc import Callable
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient


def build_app(token: str, secret: str, api_url: str) -> AsyncApp:
    """An AsyncApp with one listener: post the mention's text back into its thread.

    Must be called inside a running loop (the client's session binds to it).
    """
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
    client = AsyncWebClient(token=token, base_url=api_url, session=session)
    app = AsyncApp(signing_secret=secret, client=client)

    @app.event("app_mention")
    async def echo(event: dict[str, Any], client: AsyncWebClient) -> None:
        await client.chat_postMessage(
            channel=event["channel"], thread_ts=event["ts"], text=event["text"]
        )

    return app


async def serve(
    port: int, api_url: str, build: Callable[[str, str, str], AsyncApp] = build_app
) -> None:
    """Serve the app `build` makes until SIGTERM or SIGINT."""
    # Taken out of the environment: bolt would read it too and warn that `client` wins.
    token = os.environ.pop("SLACK_BOT_TOKEN")
    app = build(token, os.environ["SLACK_SIGNING_SECRET"], api_url)
    runner = web.AppRunner(app.web_app(path="/slack/events", port=port))
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
        if app.client.session is not None:
            await app.client.session.close()


def main() -> None:
    """Read the port and API URL from argv/env and serve."""
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "WARNING"))
    port = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("PORT", "3000"))
    api_url = sys.argv[2] if len(sys.argv) > 2 else os.environ["SLACK_API_URL"]
    asyncio.run(serve(port, api_url))


if __name__ == "__main__":
    main()
