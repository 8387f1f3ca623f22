"""Interactions: calls, meetings, notes, as logged by members."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from store.models import Interaction, InteractionCustomer
from store.scoped import Scoped


class Interactions(Scoped):
    """Queries over interactions."""

    def interaction(self, interaction_id: int) -> Interaction | None:
        """An interaction of this team by id."""
        return self._scoped(Interaction, interaction_id)

    def interactions_about(
        self, contact_ids: Sequence[int], company_ids: Sequence[int], limit: int = 5
    ) -> Sequence[Interaction]:
        """Latest live interactions concerning any of these customers, newest first."""
        conds = []
        if contact_ids:
            conds.append(InteractionCustomer.contact_id.in_(contact_ids))
        if company_ids:
            conds.append(InteractionCustomer.company_id.in_(company_ids))
        if not conds:
            return []
        # Start from the customer's links (indexed) and join: a planner that walks the
        # interactions by date instead would scan years of history for a quiet customer.
        return self.session.scalars(
            select(Interaction)
            .join(InteractionCustomer, InteractionCustomer.interaction_id == Interaction.id)
            .where(
                or_(*conds),
                Interaction.team_id == self.team_id,
                Interaction.deleted_at.is_(None),
            )
            .distinct()
            .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
            .limit(limit)
            .options(joinedload(Interaction.author))  # every line names its author
        ).all()

    def recent_by_author(self, member_id: int, limit: int = 30) -> Sequence[Interaction]:
        """A member's latest live interactions, newest first."""
        return self.session.scalars(
            select(Interaction)
            .where(
                Interaction.team_id == self.team_id,
                Interaction.author_id == member_id,
                Interaction.deleted_at.is_(None),
            )
            .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
            .limit(limit)
        ).all()
