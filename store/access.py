"""Who may come in: invite codes and the group chats an admin allowed."""

from __future__ import annotations

from sqlalchemy import select

from store.models import AllowedChat, Invite
from store.scoped import Scoped


class Access(Scoped):
    """Queries over invites and allowed chats."""

    def invite(self, code: str) -> Invite | None:
        """An invite by code (any state)."""
        return self.session.scalar(
            select(Invite).where(Invite.team_id == self.team_id, Invite.code == code)
        )

    def chat_allowed(self, platform: str, chat: str) -> bool:
        """Whether an admin allowed this group chat."""
        found = self.session.scalar(
            select(AllowedChat.id).where(
                AllowedChat.team_id == self.team_id,
                AllowedChat.platform == platform,
                AllowedChat.chat == chat,
            )
        )
        return found is not None
