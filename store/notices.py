"""Notices: direct messages to members about teammates' changes, claimed like nudges."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from store.claims import claim_due
from store.models import Notice
from store.scoped import Scoped


class Notices(Scoped):
    """Queries over notices."""

    def claim_due_notices(
        self, now: dt.datetime, token: str, lease: dt.timedelta, limit: int = 200
    ) -> list[int]:
        """Atomically lease up to `limit` unsent notices; returns their ids."""
        due = [Notice.team_id == self.team_id, Notice.sent_at.is_(None)]
        return claim_due(self.session, Notice, due, now, token, lease, order_by=Notice.id,
                         limit=limit)  # fmt: skip

    def notices_by_ids(self, ids: Sequence[int]) -> Sequence[Notice]:
        """This team's notices with these ids, their members loaded, oldest first."""
        if not ids:
            return []
        return self.session.scalars(
            select(Notice)
            .where(Notice.team_id == self.team_id, Notice.id.in_(ids))
            .options(joinedload(Notice.member))
            .order_by(Notice.id)
        ).all()
