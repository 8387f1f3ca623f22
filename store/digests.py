"""Digest subscriptions: which chats get the team digest, and when."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from store.claims import claim_due
from store.models import DigestSubscription
from store.scoped import Scoped


class Digests(Scoped):
    """Queries over digest subscriptions."""

    def subscription(self, platform: str, chat: str) -> DigestSubscription | None:
        """A chat's digest subscription, if any."""
        return self.session.scalar(
            select(DigestSubscription).where(
                DigestSubscription.team_id == self.team_id,
                DigestSubscription.platform == platform,
                DigestSubscription.chat == chat,
            )
        )

    def team_channel(self) -> DigestSubscription | None:
        """The chat that gets the digest (the oldest active one): where offers are posted."""
        return self.session.scalar(
            select(DigestSubscription)
            .where(
                DigestSubscription.team_id == self.team_id,
                DigestSubscription.active.is_(True),
                DigestSubscription.reachable.is_(True),
            )
            .order_by(DigestSubscription.id)
            .limit(1)
        )

    def digest_subscription(self, sub_id: int) -> DigestSubscription | None:
        """A subscription of this team by id."""
        return self._scoped(DigestSubscription, sub_id)

    def claim_due_digests(self, now: dt.datetime, token: str, lease: dt.timedelta) -> list[int]:
        """Atomically lease active subscriptions whose digest is due; returns their ids."""
        sub = DigestSubscription
        due = [
            sub.team_id == self.team_id,
            sub.active.is_(True),
            sub.next_run_at.is_not(None),
            sub.next_run_at <= now,
        ]
        return claim_due(self.session, sub, due, now, token, lease)
