"""Moving a customer's history, tasks, deals (and a company's people) to another record.

Used by merges and their undo: what moved is returned as ids, so it can be moved back.
Also what a member owns, when an admin says an imported owner is a member who joined.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select

from store.models import Company, Contact, Deal, InteractionCustomer, Task
from store.scoped import Scoped

#: Per kind of customer: the rows that point at one, and the column that points.
LINKS: dict[str, tuple[tuple[Any, str], ...]] = {
    "contact": (
        (InteractionCustomer, "contact_id"),
        (Task, "contact_id"),
        (Deal, "contact_id"),
    ),
    "company": (
        (InteractionCustomer, "company_id"),
        (Task, "company_id"),
        (Deal, "company_id"),
        (Contact, "company_id"),
    ),
    # What a member owns (an imported owner has written nothing: only ownership moves).
    "member": (
        (Company, "owner_id"),
        (Contact, "owner_id"),
        (Deal, "owner_id"),
        (Task, "owner_id"),
    ),
}


class Merges(Scoped):
    """Repointing rows from one customer to another."""

    def move_customer_links(
        self, kind: str, source_id: int, target_id: int
    ) -> dict[str, list[int]]:
        """Point every row that names customer `source_id` at `target_id`.

        Returns the moved row ids by table name. The source must be this team's: rows
        that point at it are then this team's too.
        """
        moved: dict[str, list[int]] = {}
        for model, column in LINKS[kind]:
            pointer = getattr(model, column)
            ids = list(self.session.scalars(select(model.id).where(pointer == source_id)))
            if ids:
                self._point(model, column, ids, target_id)
            moved[model.__tablename__] = ids
        return moved

    def restore_customer_links(self, kind: str, moved: dict[str, list[int]], to_id: int) -> None:
        """Point the rows `move_customer_links` moved back at `to_id`."""
        for model, column in LINKS[kind]:
            ids = [int(i) for i in moved.get(model.__tablename__, [])]
            if ids:
                self._point(model, column, ids, to_id)

    def likely_duplicates(self, contact: Contact) -> Sequence[Contact]:
        """Other live contacts with the same email, or the same name at the same company."""
        same = []
        if contact.email:
            same.append(func.lower(Contact.email) == contact.email.lower())
        if contact.company_id is not None:
            same.append(
                (func.lower(Contact.name) == contact.name.lower())
                & (Contact.company_id == contact.company_id)
            )
        if not same:
            return []
        return self.session.scalars(
            select(Contact)
            .where(
                Contact.team_id == self.team_id,
                Contact.deleted_at.is_(None),
                Contact.id != contact.id,
                or_(*same),
            )
            .order_by(Contact.id)
            .limit(3)
        ).all()

    def _point(self, model: Any, column: str, ids: list[int], to_id: int) -> None:
        # Row by row through the ORM, not one UPDATE: moved history changes both customers'
        # last touch, which the session hook in store/touches.py keeps.
        for row in self.session.scalars(select(model).where(model.id.in_(ids))):
            setattr(row, column, to_id)
        self.session.flush()
