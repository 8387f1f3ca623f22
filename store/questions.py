"""Pending questions: what the bot asked a member and is waiting on."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from store.models import PendingAction
from store.scoped import Scoped


class Questions(Scoped):
    """Queries over pending conversation state."""

    def pending(self, pending_id: int) -> PendingAction | None:
        """A pending question of this team by id."""
        return self._scoped(PendingAction, pending_id)

    def open_pending(self, member_id: int, chat: str, now: dt.datetime) -> PendingAction | None:
        """The member's latest unexpired open question in this chat."""
        return self.session.scalar(
            select(PendingAction)
            .where(
                PendingAction.team_id == self.team_id,
                PendingAction.member_id == member_id,
                PendingAction.chat == chat,
                PendingAction.status == "open",
                PendingAction.expires_at > now,
            )
            .order_by(PendingAction.id.desc())
            .limit(1)
        )
