"""Customer lists (by owner, by company, recently touched, gone cold) and a member's work."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from store.models import Contact, Interaction, InteractionCustomer
from store.scoped import Scoped

Order = Literal["name", "recent", "coldest"]


class Listings(Scoped):
    """Paged lists of contacts with their last touch."""

    def contacts_page(
        self,
        *,
        owner_id: int | None = None,
        company_id: int | None = None,
        quiet_since: dt.datetime | None = None,
        today: dt.date | None = None,
        order: Order = "name",
        offset: int = 0,
        limit: int = 10,
    ) -> list[tuple[Contact, dt.datetime | None]]:
        """Live contacts with the time of their latest live interaction (None: never).

        `quiet_since` keeps those not touched since then (or never, if added before),
        leaving out any snoozed past `today`.
        """
        last = Contact.last_touch_at  # kept by store/touches.py
        q = select(Contact).where(Contact.team_id == self.team_id, Contact.deleted_at.is_(None))
        if owner_id is not None:
            q = q.where(Contact.owner_id == owner_id)
        if company_id is not None:
            q = q.where(Contact.company_id == company_id)
        if quiet_since is not None:
            q = q.where(func.coalesce(last, Contact.created_at) < quiet_since)
            if today is not None:
                q = q.where((Contact.quiet_until.is_(None)) | (Contact.quiet_until <= today))
        if order == "recent":
            q = q.where(last.is_not(None)).order_by(last.desc(), Contact.name)
        elif order == "coldest":
            q = q.order_by(func.coalesce(last, Contact.created_at), Contact.name)
        else:
            q = q.order_by(Contact.name, Contact.id)
        q = q.options(joinedload(Contact.company), joinedload(Contact.owner))
        rows = self.session.scalars(q.offset(offset).limit(limit)).all()
        return [(row, row.last_touch_at) for row in rows]

    def authored_between(
        self, member_id: int, start: dt.datetime, end: dt.datetime, limit: int = 50
    ) -> Sequence[Interaction]:
        """A member's live interactions in [start, end), oldest first, customers loaded."""
        return self.session.scalars(
            select(Interaction)
            .where(
                Interaction.team_id == self.team_id,
                Interaction.author_id == member_id,
                Interaction.deleted_at.is_(None),
                Interaction.occurred_at >= start,
                Interaction.occurred_at < end,
            )
            .order_by(Interaction.occurred_at, Interaction.id)
            .limit(limit)
            .options(
                selectinload(Interaction.links).selectinload(InteractionCustomer.contact),
                selectinload(Interaction.links).selectinload(InteractionCustomer.company),
            )
        ).all()
