"""Digest subscriptions: which chats get the team digest, and when."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from store.claims import claim_due
from store.models import (
    AllowedChat,
    DigestDelivery,
    DigestSubscription,
    Notice,
    PendingAction,
)
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

    def digest_delivery(self, sub_id: int, day: dt.date) -> DigestDelivery:
        """The record of one day's digest in a chat (made on first use)."""
        found = self.session.scalar(
            select(DigestDelivery).where(
                DigestDelivery.team_id == self.team_id,
                DigestDelivery.subscription_id == sub_id,
                DigestDelivery.local_day == day,
            )
        )
        if found is None:
            found = DigestDelivery(team_id=self.team_id, subscription_id=sub_id, local_day=day,
                                   parts="", attempts=0, done=False, gave_up=False)  # fmt: skip
            self.session.add(found)
            self.session.flush()
        return found

    def move_chat(self, platform: str, old: str, new: str) -> int:
        """Re-key what belongs to chat `old` (digest, allowance, questions, notices) to `new`.

        A row already at `new` wins over the old one, which then stays as it was. Returns
        how many rows moved.
        """
        rows: list[DigestSubscription | AllowedChat] = []
        for model in (DigestSubscription, AllowedChat):
            mine = [model.team_id == self.team_id, model.platform == platform]
            if self.session.scalar(select(model.id).where(*mine, model.chat == new)) is None:
                rows += self.session.scalars(select(model).where(*mine, model.chat == old))
        for row in rows:
            row.chat = new
        questions = self.session.scalars(
            select(PendingAction).where(
                PendingAction.team_id == self.team_id, PendingAction.chat == old
            )
        ).all()
        for question in questions:
            question.chat = new
        unsent = self.session.scalars(
            select(Notice).where(
                Notice.team_id == self.team_id, Notice.platform == platform,
                Notice.chat == old, Notice.sent_at.is_(None),
            )
        ).all()  # fmt: skip
        for notice in unsent:
            notice.chat = new
        self.session.flush()
        return len(rows) + len(questions) + len(unsent)
