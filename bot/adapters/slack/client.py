"""The Slack Web API client Rapport uses: 429s waited out, one pooled HTTP session."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.config import SlackConfig


def make_client(config: SlackConfig) -> AsyncWebClient:
    """A Web API client that waits out 429s (Retry-After) and honours SLACK_API_URL.

    Inside a running loop it gets one pooled HTTP session: without one, slack_sdk opens a
    new connection (and TLS handshake) for every call. `close_client` closes it.
    """
    kwargs: dict[str, Any] = {"token": config.bot_token}
    if config.api_url:
        kwargs["base_url"] = config.api_url.rstrip("/") + "/"
    try:
        asyncio.get_running_loop()
        kwargs["session"] = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
    except RuntimeError:
        pass  # built outside a loop (tests): slack_sdk makes a session per call
    client = AsyncWebClient(**kwargs)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=3))
    return client


async def close_client(client: AsyncWebClient) -> None:
    """Close the pooled HTTP session of a client made by `make_client`."""
    if client.session is not None and not client.session.closed:
        await client.session.close()


def _not_token_skipped(record: logging.LogRecord) -> bool:
    # Bolt reads SLACK_BOT_TOKEN itself and warns that the client we pass (which carries
    # that same token, plus the API URL and pooled session) wins: true, and not news.
    return "`token` will be unused" not in record.getMessage()


def bolt_logger() -> logging.Logger:
    """Bolt's logger, without its notice that the client's token wins over the env's."""
    logger = logging.getLogger("slack_bolt.AsyncApp")
    if _not_token_skipped not in logger.filters:
        logger.addFilter(_not_token_skipped)
    return logger
