"""slack-manifest.yml asks for what the app uses and subscribes to what it listens to."""

from __future__ import annotations

import re
from pathlib import Path

from bot.adapters.slack.app import SHORTCUT

MANIFEST = Path(__file__).resolve().parents[2] / "slack-manifest.yml"


def listed(section: str) -> set[str]:
    """The `- item` lines under a `section:` key (comments dropped)."""
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"{section}:")
    items = set()
    for line in lines[start + 1 :]:
        m = re.match(r"\s*-\s+([^\s#]+)", line)
        if not m:
            break
        items.add(m.group(1))
    return items


def test_scopes_are_the_ones_used() -> None:
    assert listed("bot") == {"app_mentions:read", "chat:write", "commands", "im:history",
                             "im:write", "users:read", "users:read.email", "files:write",
                             "channels:read", "groups:read"}  # fmt: skip


def test_events_are_the_ones_listened_to() -> None:
    assert listed("bot_events") == {"app_mention", "message.im", "app_home_opened"}


def test_the_shortcut_and_command_match_the_app() -> None:
    text = MANIFEST.read_text(encoding="utf-8")
    assert f"callback_id: {SHORTCUT}" in text
    assert "command: /rapport" in text
