"""Applying imported rows to the team: match, add or update, and give customers owners.

A contact is the same one when its email matches, else when its name and company match.
An owner the team does not know yet becomes a member who has not joined, with the owner's
email when the file gives one: the person claims that member when their Slack profile has
that email (or, with no email on file, the same name), or with an admin's "invite Sam Lee"
code on Telegram (see handlers/access.py).
Imported rows keep the created date and last activity their CRM gave them, so a fresh
import is not a crowd of "new customers" in the next digest and cold ones are cold.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from store import Unit
from store.models import Company, Contact, Member


@dataclass
class Row:
    """One contact or company to import."""

    line: int
    name: str
    company: str | None = None
    email: str | None = None
    phone: str | None = None
    owner: str | None = None
    aliases: tuple[str, ...] = ()
    is_company: bool = False
    title: str | None = None
    company_owner: str | None = None
    owner_email: str | None = None
    created: dt.datetime | None = None
    last_activity: dt.datetime | None = None


@dataclass
class Outcome:
    """What applying rows did: names added and updated, rows unchanged, owners created."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    new_members: list[str] = field(default_factory=list)


class _Apply:
    """The team's companies, contacts and members as read once, kept current as rows go in."""

    def __init__(self, unit: Unit, now: dt.datetime, outcome: Outcome) -> None:
        self.unit, self.now, self.out = unit, now, outcome
        self.companies = {c.name.lower(): c for c in unit.companies()}
        contacts = list(unit.contacts())
        self.by_email = {c.email.lower(): c for c in contacts if c.email}
        self.by_name = {(c.name.lower(), c.company_id): c for c in contacts}
        self.members = {m.name.lower(): m for m in unit.members()}

    def member(self, name: str | None, email: str | None = None) -> Member | None:
        """The member called `name`, created (not yet joined) when the team has none.

        `email` (the file's owner email) is kept for a member who has none yet.
        """
        if not name:
            return None
        found = self.members.get(name.lower())
        if found is not None and email and not found.email:
            found.email = email
        if found is None:
            found = Member(team_id=self.unit.team_id, name=name, role="member", active=True,
                           created_at=self.now, email=email)  # fmt: skip
            self.unit.add(found)
            self.unit.flush()
            self.members[name.lower()] = found
            self.out.new_members.append(name)
        return found

    def company(self, name: str, created: dt.datetime | None) -> Company:
        """The company called `name`, added when missing."""
        row = self.companies.get(name.lower())
        if row is None:
            row = Company(team_id=self.unit.team_id, name=name, aliases=[],
                          created_at=created or self.now)  # fmt: skip
            self.unit.add(row)
            self.unit.flush()
            self.companies[name.lower()] = row
            self.out.added.append(name)
        elif created is not None and created < row.created_at:
            row.created_at = created  # it existed (in the CRM) since its first contact did
        return row

    def company_row(self, row: Row) -> None:
        """A row that is a company of its own."""
        existing = self.companies.get(row.name.lower())
        owner = (
            self.member(row.company_owner)
            if row.company_owner
            else self.member(row.owner, row.owner_email)
        )
        if existing is None:
            created = self.company(row.name, row.created)
            created.aliases = list(row.aliases)
            created.owner_id = owner.id if owner else None
            _touched(created, row.last_activity)
            return
        changed = False
        if row.aliases and set(row.aliases) - set(existing.aliases or []):
            existing.aliases = sorted(set(existing.aliases or []) | set(row.aliases))
            changed = True
        if owner is not None and existing.owner_id != owner.id:
            existing.owner_id, changed = owner.id, True
        if row.created is not None and row.created < existing.created_at:
            existing.created_at, changed = row.created, True
        changed |= _touched(existing, row.last_activity)
        self._count(row.name, changed)

    def contact_row(self, row: Row) -> None:
        """A row that is a person, perhaps at a company."""
        company = self.company(row.company, row.created) if row.company else None
        if company is not None and row.company_owner:
            owner = self.member(row.company_owner)
            if owner is not None and company.owner_id is None:
                company.owner_id = owner.id
        owner = self.member(row.owner, row.owner_email)
        contact = (self.by_email.get(row.email.lower()) if row.email else None) or self.by_name.get(
            (row.name.lower(), company.id if company else None)
        )
        wanted = {"name": row.name, "company_id": company.id if company else None,
                  "email": row.email, "phone": row.phone, "title": row.title}  # fmt: skip
        if contact is None:
            contact = Contact(team_id=self.unit.team_id, aliases=list(row.aliases),
                              created_at=row.created or self.now,
                              owner_id=owner.id if owner else None, **wanted)  # fmt: skip
            _touched(contact, row.last_activity)
            self.unit.add(contact)
            self.unit.flush()
            self.out.added.append(row.name)
        else:
            changed = False
            for key, value in wanted.items():
                if value is not None and getattr(contact, key) != value:
                    setattr(contact, key, value)
                    changed = True
            if owner is not None and contact.owner_id != owner.id:
                contact.owner_id, changed = owner.id, True
            if row.aliases and set(row.aliases) - set(contact.aliases or []):
                contact.aliases, changed = (
                    sorted(set(contact.aliases or []) | set(row.aliases)),
                    True,
                )
            if row.created is not None and row.created < contact.created_at:
                contact.created_at, changed = row.created, True
            changed |= _touched(contact, row.last_activity)
            self._count(row.name, changed)
        if contact.email:
            self.by_email[contact.email.lower()] = contact
        self.by_name[(contact.name.lower(), contact.company_id)] = contact

    def _count(self, name: str, changed: bool) -> None:
        if changed:
            self.out.updated.append(name)
        else:
            self.out.unchanged += 1


def _touched(customer: Company | Contact, when: dt.datetime | None) -> bool:
    """Raise a customer's last touch to the CRM's last activity; whether it moved.

    So a customer quiet for months in the old CRM is cold from day one, not new and warm.
    """
    if when is None or (customer.last_touch_at is not None and customer.last_touch_at >= when):
        return False
    customer.last_touch_at = when
    return True


def apply_rows(unit: Unit, rows: list[Row], now: dt.datetime) -> Outcome:
    """Add or update every row (companies and people) in this unit."""
    outcome = Outcome()
    state = _Apply(unit, now, outcome)
    for row in rows:
        if row.is_company:
            state.company_row(row)
        else:
            state.contact_row(row)
    if outcome.updated:  # additions are noted as rows are added
        unit.touch_directory()
    return outcome
