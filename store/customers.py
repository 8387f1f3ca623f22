"""Customers: companies and the people (contacts) at them."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import bindparam, case, func, select
from sqlalchemy.orm import joinedload

from store.models import Company, Contact, InteractionCustomer
from store.scoped import Scoped

# Built once: every logged message reads its customers with it.
_CONTACTS_BY_IDS = (
    select(Contact)
    .where(
        Contact.team_id == bindparam("team_id"), Contact.id.in_(bindparam("ids", expanding=True))
    )
    .options(joinedload(Contact.company), joinedload(Contact.owner))
)


class Customers(Scoped):
    """Queries over companies and contacts."""

    def companies(self) -> Sequence[Company]:
        """Live companies, by name."""
        return self.session.scalars(
            select(Company)
            .where(Company.team_id == self.team_id, Company.deleted_at.is_(None))
            .order_by(Company.name)
        ).all()

    def contacts(self) -> Sequence[Contact]:
        """Live contacts, by name."""
        return self.session.scalars(
            select(Contact)
            .where(Contact.team_id == self.team_id, Contact.deleted_at.is_(None))
            .order_by(Contact.name)
        ).all()

    def company(self, company_id: int) -> Company | None:
        """A company of this team by id."""
        return self._scoped(Company, company_id)

    def contact(self, contact_id: int) -> Contact | None:
        """A contact of this team by id."""
        return self._scoped(Contact, contact_id)

    def company_named(self, name: str) -> Company | None:
        """A live company by exact name (case-insensitive)."""
        return self.session.scalar(
            select(Company).where(
                Company.team_id == self.team_id,
                Company.deleted_at.is_(None),
                func.lower(Company.name) == name.lower(),
            )
        )

    def people_at(self, company_id: int) -> Sequence[Contact]:
        """Live contacts at a company, by name."""
        return self.session.scalars(
            select(Contact)
            .where(
                Contact.team_id == self.team_id,
                Contact.deleted_at.is_(None),
                Contact.company_id == company_id,
            )
            .order_by(Contact.name)
        ).all()

    def contacts_by_ids(self, ids: Sequence[int]) -> dict[int, Contact]:
        """This team's contacts with these ids (company and owner loaded), by id."""
        if not ids:
            return {}
        rows = self.session.scalars(
            _CONTACTS_BY_IDS, {"team_id": self.team_id, "ids": list(ids)}
        ).all()
        return {c.id: c for c in rows}

    def companies_by_ids(self, ids: Sequence[int]) -> dict[int, Company]:
        """This team's companies with these ids, by id."""
        if not ids:
            return {}
        rows = self.session.scalars(
            select(Company).where(Company.team_id == self.team_id, Company.id.in_(ids))
        ).all()
        return {c.id: c for c in rows}

    def rank_customers(
        self, contact_ids: Sequence[int], company_ids: Sequence[int], member_id: int, limit: int
    ) -> list[tuple[str, int]]:
        """The `limit` most likely meant of many same-named customers.

        Returns ("contact" | "company", id) pairs: the member's own first, then the most
        recently logged about (by the latest interaction id: one index seek per customer),
        then A-Z.
        """
        ranked: list[tuple[int, int, str, str, int]] = []
        for kind, model, link, ids in (
            ("contact", Contact, InteractionCustomer.contact_id, contact_ids),
            ("company", Company, InteractionCustomer.company_id, company_ids),
        ):
            if not ids:
                continue
            latest = (
                select(func.max(InteractionCustomer.interaction_id))
                .where(link == model.id)
                .correlate(model)
                .scalar_subquery()
            )
            mine = case((model.owner_id == member_id, 1), else_=0).label("mine")
            last = func.coalesce(latest, 0).label("last")
            rows = self.session.execute(
                select(model.id, model.name, mine, last)
                .where(model.team_id == self.team_id, model.id.in_(ids), model.deleted_at.is_(None))
                .order_by(mine.desc(), last.desc(), model.name, model.id)
                .limit(limit)
            ).all()
            ranked += [(int(r.mine), int(r.last), r.name, kind, r.id) for r in rows]
        ranked.sort(key=lambda r: (-r[0], -r[1], r[2], r[4]))
        return [(kind, row_id) for _, _, _, kind, row_id in ranked[:limit]]
