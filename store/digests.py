"""Digest subscriptions, and what the digest needs to know of the customers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from store.claims import claim_due
from store.models import Company, Contact, DigestSubscription
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

    def last_touches(self) -> dict[tuple[str, int], dt.datetime]:
        """The latest live interaction per contact and per company (kept by store.touches)."""
        out: dict[tuple[str, int], dt.datetime] = {}
        kinds: tuple[tuple[str, type[Contact] | type[Company]], ...] = (
            ("contact", Contact),
            ("company", Company),
        )
        for kind, model in kinds:
            rows = self.session.execute(
                select(model.id, model.last_touch_at).where(
                    model.team_id == self.team_id, model.last_touch_at.is_not(None)
                )
            )
            out.update(((kind, row_id), when) for row_id, when in rows)
        return out
