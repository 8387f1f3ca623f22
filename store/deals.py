"""Deals: money on the table with a customer, and the team's stages for them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import or_, select

from store.models import Deal, Team
from store.scoped import Scoped


class Deals(Scoped):
    """Queries over deals."""

    def deal(self, deal_id: int) -> Deal | None:
        """A deal of this team by id."""
        return self._scoped(Deal, deal_id)

    def deals_for(self, contact_ids: Sequence[int], company_ids: Sequence[int]) -> Sequence[Deal]:
        """Deals of these customers, oldest first."""
        conds = []
        if contact_ids:
            conds.append(Deal.contact_id.in_(contact_ids))
        if company_ids:
            conds.append(Deal.company_id.in_(company_ids))
        if not conds:
            return []
        return self.session.scalars(
            select(Deal)
            .where(Deal.team_id == self.team_id, Deal.deleted_at.is_(None), or_(*conds))
            .order_by(Deal.id)
        ).all()

    def deals_closed_between(self, start: dt.datetime, end: dt.datetime) -> Sequence[Deal]:
        """Deals won or lost in [start, end)."""
        return self.session.scalars(
            select(Deal).where(
                Deal.team_id == self.team_id,
                Deal.deleted_at.is_(None),
                Deal.stage.in_(["won", "lost"]),
                Deal.closed_at >= start,
                Deal.closed_at < end,
            )
        ).all()

    def open_deals(self, closed_stages: Sequence[str]) -> Sequence[Deal]:
        """Deals not in a closing stage, longest in their stage first."""
        return self.session.scalars(
            select(Deal)
            .where(
                Deal.team_id == self.team_id,
                Deal.deleted_at.is_(None),
                Deal.stage.not_in(list(closed_stages)),
            )
            .order_by(Deal.stage_changed_at, Deal.id)
        ).all()

    def deal_stages(self) -> list[str] | None:
        """The team's own deal stages in order, or None for the default list."""
        team = self.session.get(Team, self.team_id)
        return list(team.deal_stages) if team is not None and team.deal_stages else None

    def set_deal_stages(self, stages: Sequence[str]) -> None:
        """Replace the team's deal stages."""
        team = self.session.get(Team, self.team_id)
        if team is not None:
            team.deal_stages = list(stages)
