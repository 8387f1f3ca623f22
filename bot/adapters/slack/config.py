"""What the Slack adapter needs to run."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SlackConfig:
    """Tokens are secrets: never logged, never in reprs."""

    bot_token: str = field(repr=False)
    signing_secret: str = field(repr=False)
    app_token: str | None = field(default=None, repr=False)
    api_url: str | None = None
    port: int = 3000
    host: str = "0.0.0.0"
    # Several worker processes share the port (SO_REUSEPORT; the kernel spreads requests).
    reuse_port: bool = False
    path: str = "/slack/events"
    command: str = "/rapport"
    pace_seconds: float = 1.0
    allow_guests: bool = False  # guest accounts see nothing of the CRM unless an admin says
