"""Interactions: calls, meetings, notes, as logged by members."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, or_, select
from sqlalchemy.orm import joinedload

from store.inserts import insert_links, insert_row
from store.models import Interaction, InteractionCustomer
from store.scoped import Scoped, customer_params
from store.touches import raise_last_touches


@cache
def _about(contacts: bool, companies: bool) -> Select[Any]:
    """Built once per shape: every lookup card runs it."""
    conds = []
    if contacts:
        conds.append(InteractionCustomer.contact_id.in_(bindparam("contact_ids", expanding=True)))
    if companies:
        conds.append(InteractionCustomer.company_id.in_(bindparam("company_ids", expanding=True)))
    # Start from the customer's links (indexed) and join: a planner that walks the
    # interactions by date instead would scan years of history for a quiet customer.
    return (
        select(Interaction)
        .join(InteractionCustomer, InteractionCustomer.interaction_id == Interaction.id)
        .where(
            or_(*conds),
            Interaction.team_id == bindparam("team_id"),
            Interaction.deleted_at.is_(None),
        )
        .distinct()
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        .limit(bindparam("limit"))
        .options(joinedload(Interaction.author))  # every line names its author
    )


class Interactions(Scoped):
    """Queries over interactions."""

    def interaction(self, interaction_id: int) -> Interaction | None:
        """An interaction of this team by id."""
        return self._scoped(Interaction, interaction_id)

    def write_interaction(
        self, interaction: Interaction, contact_ids: Sequence[int], company_ids: Sequence[int]
    ) -> Interaction:
        """Write a new interaction and its links to these customers now, in this order.

        Three statements (the row, the links, the customers' last touch), no flush.
        """
        insert_row(self.session, interaction)
        insert_links(self.session, interaction.id, contact_ids, company_ids)
        if interaction.deleted_at is None:
            raise_last_touches(self.session, contact_ids, company_ids, interaction.occurred_at)
        return interaction

    def interactions_about(
        self, contact_ids: Sequence[int], company_ids: Sequence[int], limit: int = 5
    ) -> Sequence[Interaction]:
        """Latest live interactions concerning any of these customers, newest first."""
        if not contact_ids and not company_ids:
            return []
        params = customer_params(self.team_id, contact_ids, company_ids, limit=limit)
        return self.session.scalars(_about(bool(contact_ids), bool(company_ids)), params).all()

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
