"""What the Telegram adapter needs to run."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TelegramConfig:
    """Tokens are secrets: never logged, never in reprs."""

    token: str = field(repr=False)
    api_url: str | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    listen: str = "0.0.0.0"
    port: int = 8443
    # Several worker processes share the webhook port (SO_REUSEPORT).
    reuse_port: bool = False
    poll_timeout: float = 10.0
    rate_limit: bool = True
