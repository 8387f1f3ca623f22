"""Deals: money on the table with a customer, and the team's stages for them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, select

from store.models import Deal, Team
from store.scoped import Scoped, about_customers, customer_params

# Built once, one column: every logged message reads the stages (for "moved to proposal").
_STAGES = select(Team.deal_stages).where(Team.id == bindparam("team_id"))


@cache
def _deals_for(contacts: bool, companies: bool) -> Select[Any]:
    """Built once per shape: every lookup card and logged amount runs it."""
    return (
        select(Deal)
        .where(*about_customers(Deal, contacts, companies), Deal.deleted_at.is_(None))
        .order_by(Deal.id)
    )


class Deals(Scoped):
    """Queries over deals."""

    def deal(self, deal_id: int) -> Deal | None:
        """A deal of this team by id."""
        return self._scoped(Deal, deal_id)

    def deals_for(self, contact_ids: Sequence[int], company_ids: Sequence[int]) -> Sequence[Deal]:
        """Deals of these customers, oldest first."""
        if not contact_ids and not company_ids:
            return []
        params = customer_params(self.team_id, contact_ids, company_ids)
        statement = _deals_for(bool(contact_ids), bool(company_ids))
        return self.session.scalars(statement, params).all()

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
        stages = self.session.scalar(_STAGES, {"team_id": self.team_id})
        return list(stages) if stages else None

    def set_deal_stages(self, stages: Sequence[str]) -> None:
        """Replace the team's deal stages."""
        team = self.session.get(Team, self.team_id)
        if team is not None:
            team.deal_stages = list(stages)
            self.team_row_written = True
