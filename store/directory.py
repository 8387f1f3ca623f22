"""The team directory as plain rows, and the counters that tell caches it changed."""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from sqlalchemy import String, bindparam, func, select, type_coerce, update

from store.models import Company, Contact, Team
from store.scoped import Scoped

CompanyRow = tuple[int, str, list[str]]
ContactRow = tuple[int, str, int | None, list[str]]

# One round trip, built once: this runs for every message.
_STAMP = select(
    Team.directory_version,
    Team.directory_additions,
    select(func.max(Company.id)).scalar_subquery(),
    select(func.max(Contact.id)).scalar_subquery(),
).where(Team.id == bindparam("team_id"))


class DirectoryStamp(NamedTuple):
    """What a cached directory was read at (see `Directory.directory_stamp`)."""

    version: int
    additions: int
    top_company: int
    top_contact: int


class Directory(Scoped):
    """Directory rows and change counters.

    Adding a company or contact through the unit notes the addition itself (see
    `Unit.add`); other changes to customers call `touch_directory`.
    """

    #: Whether this unit changed the directory: what it reads of it is not yet committed.
    directory_changed = False
    _addition_noted = False

    def directory_rows(
        self, since_company: int = 0, since_contact: int = 0
    ) -> tuple[list[CompanyRow], list[ContactRow]]:
        """Live companies and contacts as plain rows for the parser's directory, by name.

        Companies come as (id, name, aliases), contacts as (id, name, company id, aliases).
        With `since_…`, only rows with a higher id (what was added since a directory was
        read).
        """
        # Aliases as their JSON text, decoded here only when there are any: the JSON type's
        # own decoding of 100,000 empty lists took most of a second.
        companies = self.session.execute(
            select(Company.id, Company.name, type_coerce(Company.aliases, String))
            .where(
                Company.team_id == self.team_id,
                Company.deleted_at.is_(None),
                Company.id > since_company,
            )
            .order_by(Company.name)
        ).all()
        people = self.session.execute(
            select(
                Contact.id, Contact.name, Contact.company_id, type_coerce(Contact.aliases, String)
            )
            .where(
                Contact.team_id == self.team_id,
                Contact.deleted_at.is_(None),
                Contact.id > since_contact,
            )
            .order_by(Contact.name)
        ).all()
        return (
            [(cid, name, _aliases(raw)) for cid, name, raw in companies],
            [(pid, name, company, _aliases(raw)) for pid, name, company, raw in people],
        )

    def company_names(self, ids: set[int]) -> dict[int, str]:
        """The names of these live companies of the team, by id."""
        if not ids:
            return {}
        rows = self.session.execute(
            select(Company.id, Company.name).where(
                Company.team_id == self.team_id,
                Company.deleted_at.is_(None),
                Company.id.in_(sorted(ids)),
            )
        )
        return {cid: name for cid, name in rows}

    def touch_directory(self) -> None:
        """Mark the directory as changed, so cached directories are read afresh.

        Call after renaming or removing customers, or changing their aliases or companies.
        """
        self._bump(Team.directory_version)

    def note_directory_addition(self) -> None:
        """Mark customers as added, so cached directories read only the new rows.

        Once per unit is enough: the counter only has to differ from what readers saw.
        """
        if not self._addition_noted:
            self._addition_noted = True
            self._bump(Team.directory_additions)

    def _bump(self, counter: Any) -> None:
        self.directory_changed = True
        self.team_row_written = True
        # No autoflush: a row just staged is sent when its caller flushes, not here.
        with self.session.no_autoflush:
            self.session.execute(
                update(Team).where(Team.id == self.team_id).values({counter: counter + 1})
            )

    def directory_stamp(self) -> DirectoryStamp:
        """A value that changes whenever the directory does.

        The team's counters of changes and of additions made through Rapport, and the
        highest ids (cheap: primary-key maxima).
        """
        row = self.session.execute(_STAMP, {"team_id": self.team_id}).one()
        version, additions, top_company, top_contact = (int(v or 0) for v in row)
        return DirectoryStamp(version, additions, top_company, top_contact)


def _aliases(raw: object) -> list[str]:
    """A row's aliases from their JSON text (or the list a driver already decoded)."""
    if raw is None or raw == "[]":
        return []
    value = json.loads(raw) if isinstance(raw, str) else raw
    return list(value) if isinstance(value, list) else []
