"""Pending questions: what the bot asked a member and is waiting on."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, select

from store.models import PendingAction
from store.scoped import Scoped

# Built once: every line a member types asks it.
_OPEN = (
    select(PendingAction)
    .where(
        PendingAction.team_id == bindparam("team_id"),
        PendingAction.member_id == bindparam("member_id"),
        PendingAction.chat == bindparam("chat"),
        PendingAction.status == "open",
        PendingAction.expires_at > bindparam("now"),
    )
    .order_by(PendingAction.id.desc())
    .limit(1)
)


class Questions(Scoped):
    """Queries over pending conversation state."""

    def pending(self, pending_id: int) -> PendingAction | None:
        """A pending question of this team by id."""
        return self._scoped(PendingAction, pending_id)

    def open_pending(self, member_id: int, chat: str, now: dt.datetime) -> PendingAction | None:
        """The member's latest unexpired open question in this chat."""
        return self.session.scalar(
            _OPEN, {"team_id": self.team_id, "member_id": member_id, "chat": chat, "now": now}
        )
