"""Inbound idempotency: each platform event is answered once and writes nothing twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import bindparam, delete, select

from store.inserts import insert_row
from store.models import InboundKey
from store.scoped import Scoped

# Built once: every message runs it, and a reused statement skips SQLAlchemy's per-call
# construction and cache-key work.
_SEEN = select(InboundKey).where(
    InboundKey.team_id == bindparam("team_id"),
    InboundKey.platform == bindparam("platform"),
    InboundKey.key == bindparam("key"),
)


class Inbound(Scoped):
    """The record of platform events already processed."""

    def seen(self, platform: str, key: str) -> InboundKey | None:
        """The record of an inbound event already processed, if any."""
        return self.session.scalar(
            _SEEN, {"team_id": self.team_id, "platform": platform, "key": key}
        )

    def remember(
        self, platform: str, key: str, replies: list[dict[str, Any]], now: dt.datetime
    ) -> None:
        """Record an inbound event as processed, with what it was answered."""
        # Written now, in one INSERT: a repeat of the key fails here (Conflict), as at commit.
        insert_row(
            self.session,
            InboundKey(team_id=self.team_id, platform=platform, key=key, replies=replies, at=now),
        )

    def forget_before(self, cutoff: dt.datetime) -> int:
        """Drop the records of events processed before `cutoff`; returns how many.

        Platforms retry for hours, not weeks, and may reuse an old id (Telegram's
        update_id): a week-old key must not silence a new event.
        """
        result = self.session.execute(
            delete(InboundKey).where(InboundKey.team_id == self.team_id, InboundKey.at < cutoff)
        )
        return int(getattr(result, "rowcount", 0) or 0)
