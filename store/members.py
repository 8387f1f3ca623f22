"""Members of a team and their platform accounts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import joinedload

from store.models import Identity, Member
from store.scoped import Scoped


class Members(Scoped):
    """Queries over members and identities."""

    def identity(self, platform: str, user_key: str) -> Identity | None:
        """A platform account of this team, with its member loaded."""
        return self.session.scalar(
            select(Identity)
            .where(
                Identity.team_id == self.team_id,
                Identity.platform == platform,
                Identity.user_key == user_key,
            )
            .options(joinedload(Identity.member))  # every message needs the member next
        )

    def identities_of(self, member_id: int) -> Sequence[Identity]:
        """A member's platform accounts."""
        return self.session.scalars(
            select(Identity).where(
                Identity.team_id == self.team_id, Identity.member_id == member_id
            )
        ).all()

    def members(self) -> Sequence[Member]:
        """Active members, by name."""
        return self.session.scalars(
            select(Member)
            .where(Member.team_id == self.team_id, Member.active.is_(True))
            .order_by(Member.name)
        ).all()

    def member(self, member_id: int) -> Member | None:
        """A member of this team by id."""
        return self._scoped(Member, member_id)

    def not_joined(self, name: str) -> Member | None:
        """An active member called `name` (any case) with no platform account yet.

        Imports make such members for owners who have not used the bot; the person claims
        one when they first speak or link.
        """
        return self._not_joined(func.lower(Member.name) == name.lower())

    def not_joined_by_email(self, email: str) -> Member | None:
        """An active member with this email (any case) and no platform account yet."""
        return self._not_joined(func.lower(Member.email) == email.strip().lower())

    def _not_joined(self, which: Any) -> Member | None:
        has_identity = exists().where(Identity.member_id == Member.id)
        return self.session.scalars(
            select(Member)
            .where(Member.team_id == self.team_id, Member.active.is_(True), which, ~has_identity)
            .order_by(Member.id)
            .limit(1)
        ).first()
