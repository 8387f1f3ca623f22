"""Digest subscriptions, and what the digest needs to know of the customers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from store.claims import claim_due
from store.models import DigestSubscription, Interaction, InteractionCustomer
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
        """The latest live interaction per contact and per company."""
        out: dict[tuple[str, int], dt.datetime] = {}
        live = Interaction.deleted_at.is_(None)
        for kind, column in (
            ("contact", InteractionCustomer.contact_id),
            ("company", InteractionCustomer.company_id),
        ):
            rows = self.session.execute(
                select(column, func.max(Interaction.occurred_at))
                .join(Interaction, Interaction.id == InteractionCustomer.interaction_id)
                .where(Interaction.team_id == self.team_id, live, column.is_not(None))
                .group_by(column)
            ).all()
            for row_id, when in rows:
                value = when if when.tzinfo else when.replace(tzinfo=dt.UTC)
                out[(kind, int(row_id))] = value
        return out
