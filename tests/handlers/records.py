"""Reading customer records and audit rows straight from the store, for record tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from handlers.core import Core
from store.models import AuditEvent, Contact


def contact(core: Core, name: str) -> dict[str, Any]:
    """A contact (live or not) by exact name, as a dict with its company name."""
    with core.store.unit(core.settings.team_slug) as unit:
        rows = unit.session.scalars(
            select(Contact).where(Contact.team_id == unit.team_id, Contact.name == name)
        ).all()
        assert rows, f"no contact {name!r}"
        row = rows[-1]
        return {
            "id": row.id,
            "email": row.email,
            "phone": row.phone,
            "title": row.title,
            "company": row.company.name if row.company else None,
            "owner": row.owner.name if row.owner else None,
            "aliases": list(row.aliases or []),
            "deleted": row.deleted_at is not None,
        }


def audits(core: Core, action: str) -> list[AuditEvent]:
    """Audit rows of one action, oldest first (detached copies)."""
    with core.store.unit(core.settings.team_slug) as unit:
        found = unit.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.team_id == unit.team_id, AuditEvent.action == action)
            .order_by(AuditEvent.id)
        ).all()
        unit.session.expunge_all()
        return list(found)
