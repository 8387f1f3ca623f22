"""The team directory as the parser sees it, and back from parser keys to rows."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from rapport.handlers.ids import as_id
from rapport.nlp import Directory, DirectoryCompany, DirectoryPerson
from rapport.store import Unit
from rapport.store.models import Company, Contact

_CACHE: dict[tuple[str, int], tuple[tuple[int, ...], Directory]] = {}  # (db, team) -> version
_LOCK = threading.Lock()


def load_directory(unit: Unit) -> Directory:
    """The team's directory, reloaded only when it changed (new, removed or renamed rows).

    One Directory object per version, so the parser's compiled patterns are reused.
    """
    stamp = unit.directory_stamp()
    key = (unit.database_key, unit.team_id)
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
    directory = _read_directory(unit)
    with _LOCK:
        _CACHE[key] = (stamp, directory)
    return directory


def _read_directory(unit: Unit) -> Directory:
    """Every live company and contact, keyed `company:ID` / `contact:ID` (read as plain
    columns: a team of 100,000 contacts would take seconds as ORM objects)."""
    companies, people = unit.directory_rows()
    names = {cid: name for cid, name, _ in companies}
    return Directory(
        companies=tuple(
            DirectoryCompany(name, tuple(aliases or ()), f"company:{cid}")
            for cid, name, aliases in companies
        ),
        people=tuple(
            DirectoryPerson(
                name,
                names.get(company_id) if company_id else None,
                tuple(aliases or ()),
                f"contact:{pid}",
            )
            for pid, name, company_id, aliases in people
        ),
    )


@dataclass(frozen=True)
class Customers:
    """Rows a message concerns."""

    contacts: tuple[Contact, ...] = ()
    companies: tuple[Company, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether nobody is concerned."""
        return not self.contacts and not self.companies

    def names(self) -> str:
        """'Jane Doe (Acme Corp), Globex'."""
        parts = []
        shown = set()
        for p in self.contacts:
            company = p.company.name if p.company else None
            if company:
                shown.add(company)
            parts.append(f"{p.name} ({company})" if company else p.name)
        parts += [c.name for c in self.companies if c.name not in shown]
        return ", ".join(parts)

    def first_name(self) -> str | None:
        """The first person's or company's name, for titles."""
        if self.contacts:
            return self.contacts[0].name
        return self.companies[0].name if self.companies else None


def rows_for(unit: Unit, keys: list[str]) -> Customers:
    """Turn `contact:ID` / `company:ID` keys into this team's rows (unknown keys dropped)."""
    contacts: list[Contact] = []
    companies: list[Company] = []
    for key in keys:
        kind, _, raw = key.partition(":")
        number = as_id(raw)
        if number is None:
            continue
        if kind == "contact":
            row = unit.contact(number)
            if row is not None and row.deleted_at is None and row not in contacts:
                contacts.append(row)
        elif kind == "company":
            crow = unit.company(number)
            if crow is not None and crow.deleted_at is None and crow not in companies:
                companies.append(crow)
    return Customers(tuple(contacts), tuple(companies))
